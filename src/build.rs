//! `byline build`: the whole pipeline, once.
//!
//! [`Site::load`] (config -> content -> index -> plan, every check) ->
//! render into a staging directory -> swap into place. Any error before the
//! swap leaves the previous output untouched.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use jiff::Timestamp;

use crate::error::{Diagnostic, Result};
use crate::output::{DirSink, Staging, check_output_path};
use crate::progress::Progress;
use crate::render::{self, RenderInput};
use crate::site::{Site, load_config};
use crate::static_files::{self, StaticWins};

/// What `byline build` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    pub future: bool,
    /// The moment of the build (embargoes, the news sitemap's window);
    /// `None` reads the clock. The command line sets it from
    /// `SOURCE_DATE_EPOCH`.
    pub now: Option<Timestamp>,
    /// Where the phases are shown (hidden by default).
    pub progress: Progress,
}

/// What a build produced.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    pub articles: usize,
    /// Drafts and embargoed articles not published.
    pub held_back: usize,
    pub pages: usize,
    pub files: usize,
    pub output: PathBuf,
    pub elapsed: Duration,
    /// Files skipped with a reason (not articles, links out of the site).
    pub warnings: Vec<Diagnostic>,
}

impl std::fmt::Display for BuildSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "built {} articles ({} held back), {} pages, {} files into {} in {:.2?}",
            self.articles,
            self.held_back,
            self.pages,
            self.files,
            self.output.display(),
            self.elapsed
        )
    }
}

/// Builds the site at `options.root`.
pub fn build(options: &BuildOptions) -> Result<BuildSummary> {
    let started = Instant::now();
    let config = load_config(options)?;
    check_output_path(&config.root, &config.output_dir)?;
    let mut site = Site::load_with(config, options)?;
    let mut lap = crate::timing::Lap::start("build");

    let staging = Staging::new(&site.config.output_dir)?;
    let dir = DirSink::new(staging.path());
    static_files::copy_all(&site.statics, &dir)?;
    let sink = StaticWins::new(&dir, &site.statics);
    let input = RenderInput {
        config: &site.config,
        articles: &site.content.articles,
        standalone: &site.content.standalone,
        index: &site.index,
        pages: &site.pages,
        now: site.now,
        progress: &options.progress,
    };
    let stats =
        render::render_site(&input, &mut site.theme, None, &render::Everything, &sink)?.stats;
    lap.mark("render");
    staging.publish()?;
    lap.mark("publish");
    options.progress.finish();

    Ok(BuildSummary {
        articles: site.content.articles.len(),
        held_back: site.content.held.len(),
        pages: stats.pages,
        files: stats.files + site.statics.len(),
        output: output_display(&site.config.output_dir),
        elapsed: started.elapsed(),
        warnings: site.content.warnings,
    })
}

fn output_display(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}

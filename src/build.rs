//! `byline build`: the whole pipeline, once.
//!
//! config -> content -> index -> plan -> render into a staging directory ->
//! swap into place. Any error before the swap leaves the previous output
//! untouched.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use jiff::Timestamp;

use crate::config::{self, Config, Overrides};
use crate::content::{self, Visibility};
use crate::error::Result;
use crate::index::SiteIndex;
use crate::markdown::Renderer;
use crate::output::{DirSink, Staging, check_output_path};
use crate::render::{self, RenderInput};
use crate::static_files::{self, StaticWins};

/// What `byline build` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    pub future: bool,
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

pub fn load_config(options: &BuildOptions) -> Result<Config> {
    let overrides = Overrides {
        base_url: options.base_url.clone(),
        output_dir: options.output.clone(),
    };
    config::load(&options.root, &overrides)
}

pub fn visibility(options: &BuildOptions) -> Visibility {
    Visibility {
        drafts: options.drafts,
        future: options.future,
        now: Timestamp::now(),
    }
}

/// Builds the site at `options.root`.
pub fn build(options: &BuildOptions) -> Result<BuildSummary> {
    let started = Instant::now();
    let mut lap = crate::timing::Lap::start("build");
    let config = load_config(options)?;
    check_output_path(&config.root, &config.output_dir)?;
    let markdown = Renderer::new(config.urls.base_path());
    let visibility = visibility(options);
    let content = content::load(&config, visibility, &markdown)?;
    lap.mark("content");
    let mut theme = render::load_theme(&config)?;
    lap.mark("theme");
    let index = SiteIndex::build(&config, &content.articles);
    lap.mark("index");
    let pages = render::plan(&config, &content.articles, &index)?;
    lap.mark("plan");
    let static_files = static_files::list(&config.root)?;

    let staging = Staging::new(&config.output_dir)?;
    let dir = DirSink::new(staging.path());
    static_files::copy_all(&static_files, &dir)?;
    let sink = StaticWins::new(&dir, &static_files);
    let input = RenderInput {
        config: &config,
        articles: &content.articles,
        index: &index,
        pages: &pages,
        now: visibility.now,
    };
    let stats = render::render_site(&input, &mut theme, None, &render::Everything, &sink)?.stats;
    lap.mark("render");
    staging.publish()?;
    lap.mark("publish");

    Ok(BuildSummary {
        articles: content.articles.len(),
        held_back: content.held.len(),
        pages: stats.pages,
        files: stats.files + static_files.len(),
        output: output_display(&config.output_dir),
        elapsed: started.elapsed(),
    })
}

fn output_display(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}

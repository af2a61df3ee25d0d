//! `byline build`: the whole pipeline, once.
//!
//! [`Site::load`] (config -> content -> index -> plan, every check) ->
//! render -> write. A cold build (no manifest of the output, or `--clean`)
//! renders everything into a staging directory swapped into place; a later
//! build renders only the pages whose inputs changed, stages only the
//! files whose bytes changed and moves them into the output one by one
//! (see [`crate::output::Changes`]). Any error before that last step leaves
//! the previous output untouched.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use jiff::Timestamp;

use crate::config::Config;
use crate::content::ArticleCache;
use crate::error::{Diagnostic, Error, Result};
use crate::output::manifest::{self, Manifest};
use crate::output::stamp::{self, Counts};
use crate::output::{Changes, Staging, check_output_path, marker_build_id};
use crate::progress::Progress;
use crate::render::{self, RenderInput};
use crate::search;
use crate::site::{Site, load_config};
use crate::static_files::{StaticFile, StaticWins};

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
    /// Ignore the last build's manifest: render and write everything.
    pub clean: bool,
}

/// What a build produced.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    pub articles: usize,
    /// Drafts and embargoed articles not published.
    pub held_back: usize,
    pub pages: usize,
    pub files: usize,
    /// Files written (all of them on a cold build) and removed.
    pub written: usize,
    pub removed: usize,
    pub output: PathBuf,
    pub elapsed: Duration,
    /// The output was current: no input had changed since the last build,
    /// so nothing was read or rendered (see [`crate::output::stamp`]).
    pub current: bool,
    /// Files skipped with a reason (not articles, links out of the site).
    pub warnings: Vec<Diagnostic>,
}

impl std::fmt::Display for BuildSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "built {} articles ({} held back), {} pages, {} files into {} in {:.2?} ({} written, {} removed)",
            self.articles,
            self.held_back,
            self.pages,
            self.files,
            self.output.display(),
            self.elapsed,
            self.written,
            self.removed,
        )?;
        if self.current {
            write!(f, "; nothing changed since the last build")?;
        }
        Ok(())
    }
}

/// Builds the site at `options.root`.
pub fn build(options: &BuildOptions) -> Result<BuildSummary> {
    let started = Instant::now();
    let config = load_config(options)?;
    check_output_path(&config.root, &config.output_dir)?;
    let mut lap = crate::timing::Lap::start("build");
    // One moment for the whole build: the stamp's check and the embargoes.
    let now = options.now.unwrap_or_else(Timestamp::now);
    let options = &BuildOptions {
        now: Some(now),
        ..options.clone()
    };
    let output = crate::output::absolute(&config.output_dir);
    let manifest_path = manifest::path_for(&config.root, &output);
    let key = stamp::key((&options.base_url, options.drafts, options.future, &output));
    let scan = stamp::scan(&config.root, key);
    lap.mark("scan");
    let current = scan
        .as_ref()
        .filter(|_| !options.clean)
        .and_then(|scan| stamp::current(&manifest_path, &output, scan, now));
    if let Some(current) = current {
        return Ok(BuildSummary::unchanged(current, &config, started));
    }
    stamp::remove(&manifest_path);
    // `--clean` parses every article again (and refreshes the cache).
    let base_url = options.base_url.as_deref();
    let mut cache = ArticleCache::load(&config.root, base_url, !options.clean, scan);
    lap.mark("article cache");
    let mut site = Site::load_cached(config, options, Some(&cache))?;
    let mut body_files = cache.body_files().to_vec();
    let old_terms = cache.untaken_terms();
    let scan = cache.take_scan();
    drop(cache);
    body_files.extend(site.content.spill.clone());
    lap.mark("load");

    let site_fp = site_fingerprint(&site.config.root, options, &site.statics);
    let previous = (!options.clean)
        .then(|| Manifest::load(&manifest_path))
        .flatten()
        .filter(|m| marker_build_id(&output).is_some_and(|id| id == m.build_id));
    let cold = previous.is_none();
    let search_path = search::reuse::State::path(&site.config.root);
    let search_before = (!cold)
        .then(|| search::reuse::State::load(&search_path))
        .flatten()
        .map(|state| search::reuse::Before::new(state, old_terms));
    let staging = Staging::new(&output)?;
    let changes = match previous {
        Some(old) => Changes::incremental(old, site_fp, &output, staging.path()),
        None => Changes::cold(staging.path()),
    };
    changes
        .copy_statics(&site.statics)
        .map_err(|e| Error::io(staging.path(), e))?;
    let sink = StaticWins::new(&changes, &site.statics);
    let input = RenderInput {
        config: &site.config,
        articles: &site.content.articles,
        standalone: &site.content.standalone,
        index: &site.index,
        pages: &site.pages,
        now: site.now,
        progress: &options.progress,
        search: search_before.as_ref(),
    };
    let rendered = render::render_site(&input, &mut site.theme, None, &changes, &sink)?;
    if let Some(e) = body_files.iter().find_map(|f| f.failure()) {
        let cache = crate::output::cache_dir(&site.config.root);
        let message = format!(
            "reading an article body kept here: {e}; nothing was published \
             (delete this directory, or build with --clean)"
        );
        return Err(Error::io(&cache, std::io::Error::new(e.kind(), message)));
    }
    lap.mark("render");
    let save_error = |e| Error::io(&manifest_path, e);
    // The output's marker after this build: a cold build's staged one,
    // which the swap renames into place (a rename keeps its identity).
    let marker_dir = if cold { staging.path() } else { &output };
    let id = marker_build_id(marker_dir).unwrap_or_default();
    let next = changes
        .next_manifest(id, site_fp, &site.pages, &rendered, &site.statics)
        .map_err(save_error)?;
    let (written, removed) = if cold {
        let written = changes.written();
        staging.publish()?;
        next.save(&manifest_path).map_err(save_error)?;
        (written, 0)
    } else {
        let applied = changes
            .apply(&output, &next, &manifest_path)
            .map_err(|e| Error::io(&output, e))?;
        staging.discard();
        (applied.written, applied.removed)
    };
    if let Some(state) = &rendered.search {
        // Not an error: the next build makes the shards from scratch.
        if let Err(e) = state.save(&search_path) {
            tracing::warn!("could not save {}: {e}", search_path.display());
        }
    }
    lap.mark("publish");
    options.progress.finish();
    let stats = rendered.stats;
    let counts = Counts {
        articles: site.content.articles.len(),
        held_back: site.content.held.len(),
        pages: stats.pages,
        files: stats.files + site.statics.len(),
    };
    if let Some(scan) = scan {
        let record = stamp::Record {
            scan,
            build_id: next.build_id,
            valid_until: next_time_change(&site.content, now),
            counts: counts.clone(),
            warnings: &site.content.warnings,
        };
        stamp::save(&manifest_path, record).map_err(save_error)?;
    }

    Ok(BuildSummary {
        articles: counts.articles,
        held_back: counts.held_back,
        pages: counts.pages,
        files: counts.files,
        written,
        removed,
        output: output_display(&site.config.output_dir),
        elapsed: started.elapsed(),
        current: false,
        warnings: site.content.warnings,
    })
}

impl BuildSummary {
    /// The report of a build that found its output current.
    fn unchanged(current: stamp::Current, config: &Config, started: Instant) -> BuildSummary {
        let counts = current.counts;
        BuildSummary {
            articles: counts.articles,
            held_back: counts.held_back,
            pages: counts.pages,
            files: counts.files,
            written: 0,
            removed: 0,
            output: output_display(&config.output_dir),
            elapsed: started.elapsed(),
            current: true,
            warnings: current.warnings,
        }
    }
}

/// The first moment after `now` at which the clock alone changes the
/// output: an embargo lifts, or an article (or its latest correction)
/// enters or leaves the news sitemap's window.
fn next_time_change(content: &crate::content::Content, now: Timestamp) -> Option<Timestamp> {
    let window = render::sitemaps::NEWS_WINDOW;
    let articles = content.articles.iter().chain(&content.held);
    articles
        .flat_map(|a| std::iter::once(a.date).chain(a.corrections.iter().map(|c| c.date)))
        .flat_map(|t| [Some(t), t.checked_add(window).ok()])
        .flatten()
        .filter(|t| *t > now)
        .min()
}

fn output_display(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}

/// What every page depends on besides the content: `site.toml`, the
/// site's templates, the built-in theme, byline's version, the build's
/// options and the names of the static files (a `favicon.png` changes the
/// `<head>` of every page). When it changes, every page is rendered again
/// (and written only if its bytes changed).
fn site_fingerprint(root: &Path, options: &BuildOptions, statics: &[StaticFile]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    env!("CARGO_PKG_VERSION").hash(&mut h);
    render::DEFAULT_TEMPLATES.hash(&mut h);
    (render::DEFAULT_STYLESHEET, render::DEFAULT_SCRIPT).hash(&mut h);
    (&options.base_url, options.drafts, options.future).hash(&mut h);
    for f in statics {
        f.rel.hash(&mut h);
    }
    std::fs::read(root.join(crate::config::CONFIG_FILE))
        .unwrap_or_default()
        .hash(&mut h);
    let templates = root.join(render::TEMPLATES_DIR);
    for entry in walkdir::WalkDir::new(&templates)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        if entry.file_type().is_file() {
            entry.path().hash(&mut h);
            std::fs::read(entry.path()).unwrap_or_default().hash(&mut h);
        }
    }
    h.finish()
}

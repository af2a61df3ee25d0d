//! One loader for every command: `build` and `serve` read a site the same way.
//!
//! [`Site::load`] runs the pipeline up to rendering: `site.toml`, the
//! articles (one rule for what is content, see [`crate::content::listing`]),
//! the theme, the static files, the indices and the page plan, and checks
//! what only the whole site shows (two pages at one URL, a static file in
//! the way of a generated one). Nothing is written.

use std::collections::HashMap;
use std::path::PathBuf;

use jiff::Timestamp;

use crate::build::BuildOptions;
use crate::config::{self, Config, Overrides};
use crate::content::{self, Content, Visibility};
use crate::error::{Diagnostic, Error, Result};
use crate::index::SiteIndex;
use crate::markdown::Renderer;
use crate::render::{self, PlannedPage, Theme};
use crate::static_files::{self, StaticFile};

/// A site read and planned, ready to render.
pub struct Site {
    pub config: Config,
    pub markdown: Renderer,
    pub content: Content,
    pub theme: Theme,
    pub statics: Vec<StaticFile>,
    pub index: SiteIndex,
    pub pages: Vec<PlannedPage>,
    /// The moment of the build: later-dated articles are embargoed.
    pub now: Timestamp,
}

pub fn load_config(options: &BuildOptions) -> Result<Config> {
    let overrides = Overrides {
        base_url: options.base_url.clone(),
        output_dir: options.output.clone(),
    };
    config::load(&options.root, &overrides)
}

/// Which articles are published: drafts and the future as asked, "now"
/// from the options (`SOURCE_DATE_EPOCH` on the command line) or the clock.
pub fn visibility(options: &BuildOptions) -> Visibility {
    Visibility {
        drafts: options.drafts,
        future: options.future,
        now: options.now.unwrap_or_else(Timestamp::now),
    }
}

impl Site {
    /// Reads the site at `options.root`.
    pub fn load(options: &BuildOptions) -> Result<Site> {
        Site::load_with(load_config(options)?, options)
    }

    /// Reads the site described by `config` (already loaded and checked).
    pub fn load_with(config: Config, options: &BuildOptions) -> Result<Site> {
        Site::load_cached(config, options, None)
    }

    /// [`Site::load_with`], taking unchanged articles from `cache` (and
    /// updating it).
    pub fn load_cached(
        config: Config,
        options: &BuildOptions,
        cache: Option<&content::ArticleCache>,
    ) -> Result<Site> {
        let mut lap = crate::timing::Lap::start("load");
        let markdown =
            Renderer::for_site(&config.root, config.urls.base_path(), config.photos.clone());
        let visibility = visibility(options);
        let cache_dir = crate::output::cache_dir(&config.root);
        let cached = cache.map(|c| (c, cache_dir.as_path()));
        let content = content::load(&config, visibility, &markdown, &options.progress, cached)?;
        lap.mark("content");
        let theme = render::load_theme(&config)?;
        lap.mark("theme");
        let statics = static_files::list(&config.root)?;
        let related_cache = cache.map(|_| cache_dir.join("related.bin"));
        if let Some(path) = related_cache.as_ref().filter(|_| options.clean) {
            // `--clean` computes the related articles again (and saves them).
            let _ = std::fs::remove_file(path);
        }
        let index = SiteIndex::build_cached(&config, &content.articles, related_cache.as_deref());
        lap.mark("index");
        let pages = render::plan(&config, &content.articles, &content.standalone, &index)?;
        check_static_files(
            &statics,
            &index,
            &pages,
            &content.articles,
            &content.standalone,
        )?;
        lap.mark("plan");
        Ok(Site {
            config,
            markdown,
            content,
            theme,
            statics,
            index,
            pages,
            now: visibility.now,
        })
    }
}

/// A static file where byline writes a directory, or a static directory
/// where byline writes a file, is an error naming both. (A static file at
/// the very path of a generated one replaces it, as documented.)
pub fn check_static_files(
    statics: &[StaticFile],
    index: &SiteIndex,
    pages: &[PlannedPage],
    articles: &[content::Article],
    standalone: &[content::StandalonePage],
) -> Result<()> {
    let mut generated: HashMap<String, Option<usize>> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.path.output_file(), Some(i)))
        .collect();
    generated.extend(
        render::generated_files(index, pages, articles)
            .into_iter()
            .map(|f| (f, None)),
    );
    let collisions = static_files::collisions(statics, &generated);
    if collisions.is_empty() {
        return Ok(());
    }
    let problems = collisions
        .into_iter()
        .map(|(file, generated_path)| {
            let made_by = match generated[&generated_path] {
                Some(i) => match render::describe(&pages[i].page, articles, standalone, index) {
                    (source, what) if source.extension().is_some() => {
                        format!("{what} (from {})", source.display())
                    }
                    (_, what) => what,
                },
                None => "a file byline generates".to_string(),
            };
            Diagnostic::whole_file(
                PathBuf::from(static_files::STATIC_DIR).join(&file.rel),
                format!(
                    "is in the way of {generated_path}, {made_by}: one of them must be a file and the other a directory"
                ),
            )
            .with_hint("rename or move the static file")
        })
        .collect();
    Err(Error::Content(problems))
}

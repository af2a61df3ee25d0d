//! Rendering: the site's pages, feeds and sitemaps through Tera into a
//! [`Sink`].
//!
//! [`plan`] lists every page with the place it will be written. Each page
//! is rendered in parallel from shared views (see [`views`]) and written at
//! once, so memory does not grow with the site. Every output file has a
//! fingerprint of its inputs (see [`fingerprint`]); a [`Selection`] decides
//! which to write: all of them for `build`, the changed ones for `serve`.

mod article_page;
mod context;
pub mod feeds;
mod filters;
mod fingerprint;
mod page_cards;
pub mod pagination;
mod plan;
mod search_page;
mod seo;
pub mod sitemaps;
mod source_links;
mod templates;
pub mod views;
mod xml;

use std::collections::HashMap;
use std::io;
use std::path::PathBuf;

use jiff::Timestamp;
use rayon::prelude::*;

pub use plan::{Page, PlannedPage, describe, plan};
pub use templates::{
    ASSETS, DEFAULT_SCRIPT, DEFAULT_STYLESHEET, DEFAULT_TEMPLATES, FAVICON, HIGHLIGHT_CSS, SCRIPT,
    SEARCH_SCRIPT, STYLESHEET, TEMPLATES_DIR, Theme, load as load_theme,
};

use crate::config::Config;
use crate::content::{Article, StandalonePage};
use crate::error::{Diagnostic, Error, Result};
use crate::index::{SiteIndex, TermKind};
use crate::output::Sink;
use crate::progress::Progress;
use context::PageContexts;
use fingerprint::Fingerprints;
use views::Views;

/// What rendering produced.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderStats {
    pub pages: usize,
    pub files: usize,
}

/// Everything rendering reads.
pub struct RenderInput<'a> {
    pub config: &'a Config,
    pub articles: &'a [Article],
    pub standalone: &'a [StandalonePage],
    pub index: &'a SiteIndex,
    pub pages: &'a [PlannedPage],
    /// The moment of the build (the news sitemap's two-day window).
    pub now: Timestamp,
    pub progress: &'a Progress,
    /// The last build's search index, to patch (see [`crate::search::reuse`]).
    pub search: Option<&'a crate::search::reuse::Before>,
}

/// Decides which files to write from their fingerprints: every file for a
/// build; for `serve`, those whose fingerprint changed.
pub trait Selection: Sync {
    /// Page `index` of the plan.
    fn page(&self, index: usize, page: &PlannedPage, fingerprint: u64) -> bool;
    /// Any other file (feeds, sitemaps, the stylesheet, robots.txt).
    fn file(&self, rel: &str, fingerprint: u64) -> bool;
    /// The bytes the last build left at `rel`, when they are still there
    /// as written (the search index patches its shards from them).
    fn previous(&self, _rel: &str) -> Option<Vec<u8>> {
        None
    }
    /// Whether the output holds `rel` with bytes of this content hash
    /// from the last build (so it need not be made again).
    fn holds(&self, _rel: &str, _content: u64) -> bool {
        false
    }
}

/// Writes every file.
pub struct Everything;

impl Selection for Everything {
    fn page(&self, _: usize, _: &PlannedPage, _: u64) -> bool {
        true
    }
    fn file(&self, _: &str, _: u64) -> bool {
        true
    }
}

/// What a render produced, kept by `serve` for the next rebuild.
pub struct Rendered {
    pub stats: RenderStats,
    /// Per planned page: its fingerprint.
    pub page_fingerprints: Vec<u64>,
    /// Feeds, sitemaps, the stylesheet, robots.txt: path to fingerprint.
    pub file_fingerprints: HashMap<String, u64>,
    pub views: Views,
    /// The search index's term shards, for the next build to patch.
    pub search: Option<crate::search::reuse::State>,
}

/// Renders the pages and feeds `select` wants into `sink`, plus the
/// stylesheet, sitemaps and robots.txt. `previous` lends unchanged cards.
pub fn render_site(
    input: &RenderInput<'_>,
    theme: &mut Theme,
    previous: Option<&Views>,
    select: &dyn Selection,
    sink: &dyn Sink,
) -> Result<Rendered> {
    let RenderInput {
        config,
        articles,
        standalone,
        index,
        pages,
        now: _,
        progress,
        search: _,
    } = *input;
    let mut lap = crate::timing::Lap::start("render");
    let fingerprints = Fingerprints::new(config, articles, standalone, index);
    lap.mark("fingerprints");
    let page_fingerprints: Vec<u64> = pages
        .par_iter()
        .map(|p| fingerprints.page(&p.page, index, articles, standalone))
        .collect();
    let chosen: Vec<bool> = (pages.par_iter().zip(&page_fingerprints).enumerate())
        .map(|(i, (p, fp))| select.page(i, p, *fp))
        .collect();
    lap.mark("page fingerprints");
    let rendering = chosen.iter().filter(|c| **c).count();
    tracing::debug!("render: {rendering} of {} pages to render", pages.len());
    // A build makes the cards of the pages it renders; `serve` keeps its
    // views for the next rebuild, so it makes (or reuses) every card.
    let needed = previous.is_none().then(|| {
        let chosen = pages.iter().zip(&chosen).filter(|(_, c)| **c);
        let (per_page, others) = (config.articles_per_page, config.reporter_articles);
        page_cards::needed(
            chosen.map(|(p, _)| &p.page),
            index,
            articles.len(),
            per_page,
            others,
        )
    });
    let mut views = Views::build(
        config,
        articles,
        index,
        &fingerprints.cards,
        previous,
        needed.as_deref(),
    );
    lap.mark("views");
    theme.tera.global_context().insert_value(
        "site",
        context::site_value(config, &views, articles, standalone),
    );
    views
        .render_cards(&theme.tera)
        .map_err(|e| Error::Template(render_diagnostics(&e, config)))?;
    lap.mark("cards");
    let sources = source_links::SourceUrls::new(config, articles);
    let contexts = PageContexts {
        config,
        articles,
        standalone,
        index,
        views: &views,
        sources: &sources,
    };
    progress.phase("pages", pages.len());
    pages.par_iter().zip(&chosen).try_for_each(|(p, chosen)| {
        progress.step();
        if !chosen {
            return Ok(());
        }
        let (template, ctx) = contexts.build(&p.page, &p.path);
        // An article page of the default theme is about 20 KB.
        let mut html = Vec::with_capacity(32 * 1024);
        theme
            .tera
            .render_to(template, &ctx, &mut html)
            .map_err(|e| Error::Template(render_diagnostics(&e, config)))?;
        let rel = p.path.output_file();
        sink.write(&rel, &html).map_err(|e| {
            write_error(&rel, e, || {
                plan::describe(&p.page, articles, standalone, index)
            })
        })
    })?;
    lap.mark("pages");
    let mut asset_fingerprints = Vec::with_capacity(theme.assets.len());
    for (name, text) in &theme.assets {
        if *name == SEARCH_SCRIPT && !config.search.enabled {
            continue;
        }
        let fp = xxhash_rust::xxh3::xxh3_64(text.as_bytes());
        if select.file(name, fp) {
            sink.write(name, text.as_bytes())
                .map_err(|e| Error::io(name, e))?;
        }
        asset_fingerprints.push((name.to_string(), fp));
    }
    let feed_fingerprints = feeds::write_feeds(
        config,
        articles,
        index,
        &fingerprints,
        &sources,
        select,
        sink,
    )?;
    lap.mark("feeds");
    let generated = sitemaps::write_sitemaps(input, &fingerprints, select, sink)?;
    lap.mark("sitemaps");
    let search = crate::search::write(config, articles, index, input.search, select, sink)?;
    lap.mark("search");
    let photo_files =
        crate::photos::render::write(articles, &config.photos, &config.root, select, sink)?;
    lap.mark("photos");
    let stats = RenderStats {
        pages: pages.len(),
        files: pages.len()
            + asset_fingerprints.len()
            + feed_fingerprints.len()
            + generated.len()
            + search.files.len()
            + photo_files.len(),
    };
    let file_fingerprints = feed_fingerprints
        .into_iter()
        .chain(generated)
        .chain(asset_fingerprints)
        .chain(photo_files)
        .chain(search.files)
        .collect();
    Ok(Rendered {
        stats,
        page_fingerprints,
        file_fingerprints,
        views,
        search: search.state,
    })
}

/// An error writing `rel`. A path the sink refused is a bug in byline (every
/// name was checked where it was read): the message names the page and the
/// file that made it.
pub fn write_error(rel: &str, e: io::Error, made_by: impl FnOnce() -> (PathBuf, String)) -> Error {
    if e.kind() == io::ErrorKind::InvalidInput {
        let (source, what) = made_by();
        Error::Internal(format!(
            "{e}: {what}, made from {}; this is a bug in byline, please report it with that file",
            source.display()
        ))
    } else {
        Error::io(rel, e)
    }
}

fn render_diagnostics(e: &tera::Error, config: &Config) -> Vec<Diagnostic> {
    let root = config.root.clone();
    templates::template_diagnostics(e, &|name: &str| {
        let site_file = root.join(TEMPLATES_DIR).join(name);
        if site_file.is_file() {
            PathBuf::from(TEMPLATES_DIR).join(name)
        } else {
            PathBuf::from(format!("(built-in theme) {name}"))
        }
    })
}

/// Every file a render writes besides the planned pages (feeds, sitemaps,
/// robots.txt, the stylesheet), as output paths: known before anything is
/// written, so that a static file in their way is found in time.
pub fn generated_files(
    index: &SiteIndex,
    pages: &[PlannedPage],
    articles: &[Article],
) -> Vec<String> {
    let urls = pages.iter().filter(|p| p.page.in_sitemap()).count();
    let mut files: Vec<String> = [feeds::RSS, feeds::ATOM]
        .into_iter()
        .chain(templates::ASSETS)
        .map(String::from)
        .collect();
    files.extend(
        TermKind::ALL
            .into_iter()
            .flat_map(|kind| {
                index
                    .terms(kind)
                    .iter()
                    .filter_map(move |t| feeds::term_feed(kind, &t.slug))
            })
            .chain(sitemaps::sitemap_paths(urls, sitemaps::URLS_PER_SITEMAP))
            .map(|p| p.output_file()),
    );
    files.extend([sitemaps::NEWS_SITEMAP, sitemaps::ROBOTS].map(String::from));
    if pages.iter().any(|p| matches!(p.page, Page::Alias { .. })) {
        files.push(sitemaps::REDIRECTS.to_string());
    }
    if pages.iter().any(|p| p.page == Page::Search) {
        files.extend(crate::search::file_names(
            articles.iter().filter(|a| a.search).count(),
        ));
    }
    for a in articles {
        files.extend(
            a.photos
                .iter()
                .flat_map(|p| p.renditions.iter().map(|r| r.public.clone())),
        );
        files.extend(a.assets.iter().map(|(public, _, _)| public.clone()));
    }
    files
}

//! Rendering: the site's pages through Tera into a [`Sink`].
//!
//! [`plan`] lists every page the site has (articles, the paginated front
//! page, section, tag and reporter lists, their indexes, the 404 page) with
//! the place it will be written, and refuses two pages at one URL. Then
//! each page is rendered in parallel from shared views (see [`views`]) and
//! written at once, so memory does not grow with the site.

mod context;
pub mod feeds;
mod filters;
mod fingerprint;
pub mod pagination;
mod seo;
pub mod sitemaps;
mod templates;
pub mod views;
mod xml;

use std::collections::HashMap;
use std::path::PathBuf;

use jiff::Timestamp;
use rayon::prelude::*;

pub use templates::{STYLESHEET, TEMPLATES_DIR, Theme, load as load_theme};

use crate::config::Config;
use crate::content::Article;
use crate::error::{Diagnostic, Error, Result};
use crate::index::SiteIndex;
use crate::output::Sink;
use crate::urls::SitePath;
use context::PageContexts;
use fingerprint::Fingerprints;
use pagination::page_count;
use views::{Views, reporter_path, section_path, tag_path};

/// One page of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    Article(u32),
    Front { number: usize },
    Section { term: usize, number: usize },
    Tag { term: usize, number: usize },
    Reporter { term: usize, number: usize },
    TagIndex,
    ReporterIndex,
    NotFound,
}

/// A page and where it goes.
#[derive(Debug, Clone)]
pub struct PlannedPage {
    pub page: Page,
    pub path: SitePath,
}

/// Lists every page; two pages at one URL is an error naming what made them.
pub fn plan(config: &Config, articles: &[Article], index: &SiteIndex) -> Result<Vec<PlannedPage>> {
    let per_page = config.articles_per_page;
    let mut pages: Vec<PlannedPage> = Vec::with_capacity(articles.len() + articles.len() / 4 + 16);
    let mut add = |page: Page, path: SitePath| pages.push(PlannedPage { page, path });
    for (id, a) in articles.iter().enumerate() {
        add(Page::Article(id as u32), a.path.clone());
    }
    for number in 1..=page_count(articles.len(), per_page) {
        add(Page::Front { number }, SitePath::root().page(number));
    }
    let lists = [
        (&index.sections, section_path as fn(&str) -> SitePath, 0u8),
        (&index.tags, tag_path, 1),
        (&index.reporters, reporter_path, 2),
    ];
    for (terms, path_of, kind) in lists {
        for (term, t) in terms.iter().enumerate() {
            for number in 1..=page_count(t.articles.len(), per_page) {
                let page = match kind {
                    0 => Page::Section { term, number },
                    1 => Page::Tag { term, number },
                    _ => Page::Reporter { term, number },
                };
                add(page, path_of(&t.slug).page(number));
            }
        }
    }
    add(Page::TagIndex, SitePath::dir(["tags"]));
    add(Page::ReporterIndex, SitePath::dir(["reporters"]));
    add(Page::NotFound, SitePath::root().file("404.html"));
    check_collisions(&pages, articles, index)?;
    Ok(pages)
}

fn check_collisions(pages: &[PlannedPage], articles: &[Article], index: &SiteIndex) -> Result<()> {
    let describe = |p: &Page| -> (PathBuf, String) {
        match p {
            Page::Article(id) => (articles[*id as usize].source.clone(), "this article".into()),
            Page::Section { term, .. } => {
                let t = &index.sections[*term];
                let first = t
                    .articles
                    .first()
                    .map(|&i| articles[i as usize].source.clone())
                    .unwrap_or_default();
                (first, format!("the page of section `{}`", t.name))
            }
            other => (PathBuf::from("site.toml"), format!("{other:?}")),
        }
    };
    let mut seen: HashMap<String, &Page> = HashMap::with_capacity(pages.len());
    let mut problems = Vec::new();
    for p in pages {
        if let Some(first) = seen.insert(p.path.output_file(), &p.page) {
            let (file, what) = describe(&p.page);
            let (_, other) = describe(first);
            problems.push(
                Diagnostic::whole_file(
                    file,
                    format!(
                        "{what} has the URL {}, which is also {other}",
                        p.path.encoded()
                    ),
                )
                .with_hint("rename the section or set another `slug:`"),
            );
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Content(problems))
    }
}

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
    pub index: &'a SiteIndex,
    pub pages: &'a [PlannedPage],
    /// The moment of the build (the news sitemap's two-day window).
    pub now: Timestamp,
}

/// Decides which files to write, given their path and fingerprint: every
/// file for a build; for `serve`, those whose fingerprint changed.
pub type Selection<'a> = &'a (dyn Fn(&str, u64) -> bool + Sync);

/// Writes every file.
pub fn everything(_: &str, _: u64) -> bool {
    true
}

/// What a render produced, kept by `serve` for the next rebuild.
pub struct Rendered {
    pub stats: RenderStats,
    /// Output path to fingerprint, for pages and feeds.
    pub fingerprints: HashMap<String, u64>,
    pub views: Views,
}

/// Renders the pages and feeds `select` wants into `sink`, plus the
/// stylesheet, sitemaps and robots.txt. `previous` lends unchanged cards.
pub fn render_site(
    input: &RenderInput<'_>,
    theme: &mut Theme,
    previous: Option<&Views>,
    select: Selection<'_>,
    sink: &dyn Sink,
) -> Result<Rendered> {
    let RenderInput {
        config,
        articles,
        index,
        pages,
        now: _,
    } = *input;
    let mut lap = crate::timing::Lap::start("render");
    let fingerprints = Fingerprints::new(config, articles, index);
    lap.mark("fingerprints");
    let mut views = Views::build(config, articles, index, &fingerprints.cards, previous);
    lap.mark("views");
    theme
        .tera
        .global_context()
        .insert_value("site", context::site_value(config, &views));
    views
        .render_cards(&theme.tera)
        .map_err(|e| Error::Template(render_diagnostics(&e, config)))?;
    lap.mark("cards");
    let contexts = PageContexts {
        config,
        articles,
        index,
        views: &views,
    };
    let page_fingerprints: Vec<(String, u64)> = pages
        .par_iter()
        .map(|p| {
            (
                p.path.output_file(),
                fingerprints.page(&p.page, index, articles),
            )
        })
        .collect();
    lap.mark("page fingerprints");
    pages
        .par_iter()
        .zip(&page_fingerprints)
        .try_for_each(|(p, (rel, fp))| {
            if !select(rel, *fp) {
                return Ok(());
            }
            let (template, ctx) = contexts.build(&p.page, &p.path);
            let mut html = Vec::with_capacity(16 * 1024);
            theme
                .tera
                .render_to(template, &ctx, &mut html)
                .map_err(|e| Error::Template(render_diagnostics(&e, config)))?;
            sink.write(rel, &html).map_err(|e| Error::io(rel, e))
        })?;
    lap.mark("pages");
    let style_fp = xxhash_rust::xxh3::xxh3_64(theme.stylesheet.as_bytes());
    if select(STYLESHEET, style_fp) {
        sink.write(STYLESHEET, theme.stylesheet.as_bytes())
            .map_err(|e| Error::io(STYLESHEET, e))?;
    }
    let feed_fingerprints =
        feeds::write_feeds(config, articles, index, &fingerprints, select, sink)?;
    lap.mark("feeds");
    let generated = sitemaps::write_sitemaps(input, &fingerprints, select, sink)?;
    lap.mark("sitemaps");
    let stats = RenderStats {
        pages: pages.len(),
        files: pages.len() + 1 + feed_fingerprints.len() + generated.len(),
    };
    let fingerprints = page_fingerprints
        .into_iter()
        .chain(feed_fingerprints)
        .chain(generated)
        .chain([(STYLESHEET.to_string(), style_fp)])
        .collect();
    Ok(Rendered {
        stats,
        fingerprints,
        views,
    })
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

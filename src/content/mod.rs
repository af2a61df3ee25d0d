//! Content loading: `content/**/*.md` to resolved, published articles.
//!
//! [`listing`] says which files are articles (the same rule for `build` and
//! `serve`). Files are read and parsed in parallel; every bad file is
//! reported in one run. Two articles with one URL are an error naming both. Drafts, and
//! articles dated after the moment of the build, are dropped here (unless
//! asked for), so no later stage can publish them by mistake.

mod article;
pub mod body;
pub mod cache;
mod fields;
mod fingerprints;
pub mod frontmatter;
mod language;
pub mod links;
pub mod listing;
mod media;
mod placement;
pub mod standalone;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::Timestamp;
use rayon::prelude::*;

use crate::search::article_terms::{self, TermScratch};
pub use article::{Article, Image, parse_article};
pub use body::{Body, SpillFile};
pub use cache::ArticleCache;
pub use listing::{Listing, is_ignored_name};
pub use standalone::{PAGES_DIR, StandalonePage, is_standalone};

use crate::config::Config;
use crate::error::{Diagnostic, Error, Result};
use crate::markdown::Renderer;

pub const CONTENT_DIR: &str = "content";

/// Which unpublished articles to include.
#[derive(Debug, Clone, Copy)]
pub struct Visibility {
    pub drafts: bool,
    pub future: bool,
    /// The moment of the build: later-dated articles are embargoed.
    pub now: Timestamp,
}

impl Visibility {
    pub fn is_published(&self, article: &Article) -> bool {
        (self.drafts || !article.draft) && (self.future || article.date <= self.now)
    }
}

/// The published articles, newest first, the drafts and embargoed
/// articles held back, the standalone pages (by file name), and what was
/// skipped with a warning.
#[derive(Debug, Clone)]
pub struct Content {
    pub articles: Vec<Article>,
    pub held: Vec<Article>,
    pub standalone: Vec<StandalonePage>,
    pub warnings: Vec<Diagnostic>,
    /// Where the bodies parsed by this build went (see [`body`]).
    pub spill: Option<Arc<SpillFile>>,
}

/// Section names an article may not take: byline's own URLs, and `pages`,
/// the directory of standalone pages.
pub const RESERVED_SECTIONS: &[&str] = &["tags", "reporters", "page", PAGES_DIR];

/// Reads a source file below `content/` as UTF-8 text.
fn read_source(config: &Config, rel: &Path) -> Result<String, Vec<Diagnostic>> {
    let source = Path::new(CONTENT_DIR).join(rel);
    let bytes = std::fs::read(config.root.join(&source)).map_err(|e| {
        vec![Diagnostic::whole_file(
            &source,
            format!("cannot read the file: {e}"),
        )]
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_col_of_bytes(e.as_bytes(), e.utf8_error().valid_up_to());
        vec![
            Diagnostic::new(&source, line, column, "the file is not UTF-8 text")
                .with_hint("save it as UTF-8 (in most editors: Save with Encoding, UTF-8)"),
        ]
    })
}

/// Reads and parses one article file (`rel` is below `content/`).
pub fn read_article(
    config: &Config,
    rel: &Path,
    markdown: &Renderer,
) -> Result<Article, Vec<Diagnostic>> {
    read_article_with(config, rel, markdown, &mut TermScratch::default())
}

fn read_article_with(
    config: &Config,
    rel: &Path,
    markdown: &Renderer,
    terms: &mut TermScratch,
) -> Result<Article, Vec<Diagnostic>> {
    let text = read_source(config, rel)?;
    let source = Path::new(CONTENT_DIR).join(rel);
    let article = parse_article(&text, &source, rel, config, markdown)?;
    Ok(with_search_terms(config, article, terms))
}

/// The article with its terms for the site's search, when search is on.
fn with_search_terms(config: &Config, mut article: Article, terms: &mut TermScratch) -> Article {
    if config.search.enabled {
        article.search_terms = article_terms::of(&article, terms);
    }
    article
}

/// Reads every standalone page (`content/pages/`), sorted by file name;
/// fails with all their problems.
pub fn read_standalone_pages(
    config: &Config,
    files: &[std::path::PathBuf],
    markdown: &Renderer,
) -> Result<Vec<StandalonePage>, Vec<Diagnostic>> {
    let mut pages = Vec::new();
    let mut problems = Vec::new();
    for rel in files.iter().filter(|f| is_standalone(f)) {
        let parsed = read_source(config, rel).and_then(|text| {
            let source = Path::new(CONTENT_DIR).join(rel);
            standalone::parse_standalone(&text, &source, rel, config, markdown)
        });
        match parsed {
            Ok(page) => pages.push(page),
            Err(d) => problems.extend(d),
        }
    }
    if problems.is_empty() {
        Ok(pages)
    } else {
        Err(problems)
    }
}

/// Line and column of the first byte that is not UTF-8.
fn line_col_of_bytes(bytes: &[u8], valid_up_to: usize) -> (usize, usize) {
    let valid = std::str::from_utf8(&bytes[..valid_up_to]).unwrap_or_default();
    crate::error::line_col(valid, valid.len())
}

/// Reads and parses one article file, or takes it from `cache` if its text
/// and everything else it was made from are unchanged.
fn read_article_cached(
    config: &Config,
    rel: &Path,
    markdown: &Renderer,
    cache: &ArticleCache,
    spill: Option<&Arc<SpillFile>>,
    terms: &mut TermScratch,
) -> Result<Article, Vec<Diagnostic>> {
    let source = Path::new(CONTENT_DIR).join(rel);
    if let Some(article) = cache.get_unread(rel, &config.root.join(&source)) {
        return Ok(article);
    }
    let text = read_source(config, rel)?;
    let fingerprint = fingerprints::fingerprint(&source, &text);
    if let Some(article) = cache.get(rel, fingerprint) {
        return Ok(article);
    }
    let article = parse_article(&text, &source, rel, config, markdown)?;
    let mut article = with_search_terms(config, article, terms);
    if let Some(file) = spill
        && let Err(e) = article.content.spill(file)
    {
        // Kept in memory instead.
        tracing::debug!("could not move a body to the spill file: {e}");
    }
    Ok(article)
}

/// Loads every article; fails with all problems of all files. With a
/// `cache`, unchanged articles are taken from it and it is updated, and the
/// bodies of the others are moved to a spill file in `cache_dir`.
pub fn load(
    config: &Config,
    visibility: Visibility,
    markdown: &Renderer,
    progress: &crate::progress::Progress,
    cache: Option<(&ArticleCache, &Path)>,
) -> Result<Content> {
    let Listing { files, warnings } = listing::list(&config.root, Path::new(""))?;
    let (page_files, files): (Vec<_>, Vec<_>) = files.into_iter().partition(|f| is_standalone(f));
    let mut problems = Vec::new();
    let standalone = read_standalone_pages(config, &page_files, markdown).unwrap_or_else(|d| {
        problems.extend(d);
        Vec::new()
    });
    progress.phase("articles", files.len());
    let spill = cache.and_then(|(_, dir)| SpillFile::create(dir).ok());
    let results: Vec<_> = files
        .par_iter()
        // One scratch space for search terms per worker.
        .map_init(TermScratch::default, |terms, rel| {
            progress.step();
            match cache {
                Some((cache, _)) => {
                    read_article_cached(config, rel, markdown, cache, spill.as_ref(), terms)
                }
                None => read_article_with(config, rel, markdown, terms),
            }
        })
        .collect();
    let mut articles = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(a) => articles.push(a),
            Err(d) => problems.extend(d),
        }
    }
    problems.extend(duplicate_urls(&articles));
    if !problems.is_empty() {
        return Err(Error::Content(problems));
    }
    if let Some((cache, _)) = cache {
        let placed: Vec<(&Path, &Article)> =
            files.iter().map(PathBuf::as_path).zip(&articles).collect();
        cache.save(&config.root, &placed);
    }
    let (mut articles, held): (Vec<Article>, Vec<Article>) = articles
        .into_iter()
        .partition(|a| visibility.is_published(a));
    let broken_links = links::unresolved(&articles);
    if !broken_links.is_empty() {
        return Err(Error::Content(broken_links));
    }
    sort_newest_first(&mut articles);
    Ok(Content {
        articles,
        held,
        standalone,
        warnings,
        spill,
    })
}

/// Newest first; ties broken by source path so the order never varies.
pub fn sort_newest_first(articles: &mut [Article]) {
    articles.par_sort_unstable_by(|a, b| b.date.cmp(&a.date).then_with(|| a.source.cmp(&b.source)));
}

/// Two articles (published or not) resolving to the same URL.
pub fn duplicate_urls<'a>(articles: impl IntoIterator<Item = &'a Article>) -> Vec<Diagnostic> {
    let mut seen: HashMap<&crate::urls::SitePath, &Article> = HashMap::new();
    let mut problems = Vec::new();
    for a in articles {
        if let Some(first) = seen.insert(&a.path, a) {
            let (first, second) = if first.source < a.source {
                (first, a)
            } else {
                (a, first)
            };
            problems.push(
                Diagnostic::whole_file(
                    &second.source,
                    format!(
                        "has the same URL {} as {}",
                        second.path.encoded(),
                        first.source.display()
                    ),
                )
                .with_hint("give one of them another `slug:`"),
            );
        }
    }
    problems
}

//! The site's pages and where each is written.
//!
//! [`plan`] lists every page the site has (articles, the paginated front
//! page, section, tag and reporter lists, their indexes, the 404 page) and
//! refuses two pages at one URL, naming what made each.

use std::collections::HashMap;
use std::path::PathBuf;

use super::pagination::page_count;
use crate::config::Config;
use crate::content::{Article, StandalonePage};
use crate::error::{Diagnostic, Error, Result};
use crate::index::{SiteIndex, TermKind};
use crate::urls::SitePath;

/// One page of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    Article(u32),
    Front {
        number: usize,
    },
    /// Page `number` of the list of a section, tag or reporter.
    Term {
        kind: TermKind,
        term: usize,
        number: usize,
    },
    /// `/tags/` or `/reporters/`.
    TermIndex(TermKind),
    /// A standalone page of `content/pages/`.
    Standalone(u32),
    /// An old URL of an article (`aliases:`): a page that redirects to it.
    Alias {
        article: u32,
        alias: u32,
    },
    NotFound,
    /// `/search/`, when `[search]` is enabled.
    Search,
}

impl Page {
    /// Whether the sitemap lists the page (not the 404 page, not aliases).
    pub fn in_sitemap(&self) -> bool {
        !matches!(self, Page::NotFound | Page::Alias { .. } | Page::Search)
    }
}

/// A page and where it goes.
#[derive(Debug, Clone)]
pub struct PlannedPage {
    pub page: Page,
    pub path: SitePath,
}

/// Lists every page; two pages at one URL is an error naming what made them.
pub fn plan(
    config: &Config,
    articles: &[Article],
    standalone: &[StandalonePage],
    index: &SiteIndex,
) -> Result<Vec<PlannedPage>> {
    let per_page = config.articles_per_page;
    let mut pages: Vec<PlannedPage> = Vec::with_capacity(articles.len() + articles.len() / 4 + 16);
    let mut add = |page: Page, path: SitePath| pages.push(PlannedPage { page, path });
    for (id, a) in articles.iter().enumerate() {
        add(Page::Article(id as u32), a.path.clone());
    }
    for (id, a) in articles.iter().enumerate() {
        for (alias, path) in a.aliases.iter().enumerate() {
            let page = Page::Alias {
                article: id as u32,
                alias: alias as u32,
            };
            add(page, path.clone());
        }
    }
    for number in 1..=page_count(articles.len(), per_page) {
        add(Page::Front { number }, SitePath::root().page(number));
    }
    for kind in TermKind::ALL {
        for (term, t) in index.terms(kind).iter().enumerate() {
            for number in 1..=page_count(t.articles.len(), per_page) {
                add(
                    Page::Term { kind, term, number },
                    kind.path(&t.slug).page(number),
                );
            }
        }
    }
    for kind in TermKind::ALL {
        if let Some(path) = kind.index_path() {
            add(Page::TermIndex(kind), path);
        }
    }
    for (i, page) in standalone.iter().enumerate() {
        add(Page::Standalone(i as u32), page.path.clone());
    }
    add(Page::NotFound, SitePath::root().file("404.html"));
    if config.search.enabled {
        add(Page::Search, SitePath::dir([crate::search::DIR]));
    }
    check_collisions(&pages, articles, standalone, index)?;
    Ok(pages)
}

/// What made a page, for messages: the file to look at and the page's name.
pub fn describe(
    page: &Page,
    articles: &[Article],
    standalone: &[StandalonePage],
    index: &SiteIndex,
) -> (PathBuf, String) {
    match page {
        Page::Article(id) => (
            articles[*id as usize].source.clone(),
            "the article's page".into(),
        ),
        Page::Term {
            kind: TermKind::Section,
            term,
            ..
        } => {
            let t = &index.sections[*term];
            let first = t
                .articles
                .first()
                .map(|&i| articles[i as usize].source.clone())
                .unwrap_or_default();
            (first, format!("the page of section `{}`", t.name))
        }
        Page::Term { kind, term, .. } => (
            PathBuf::from("content"),
            format!(
                "the page of {} `{}`",
                kind.name(),
                index.terms(*kind)[*term].name
            ),
        ),
        Page::Front { .. } => (PathBuf::from("content"), "a page of the front page".into()),
        Page::TermIndex(kind) => (
            PathBuf::from("content"),
            format!("the index of {}s", kind.name()),
        ),
        Page::Alias { article, .. } => (
            articles[*article as usize].source.clone(),
            "an alias (old URL) of the article".into(),
        ),
        Page::Standalone(i) => (
            standalone[*i as usize].source.clone(),
            "the standalone page".into(),
        ),
        Page::NotFound => (PathBuf::from("content"), "the 404 page".into()),
        Page::Search => (PathBuf::from("site.toml"), "the search page".into()),
    }
}

fn check_collisions(
    pages: &[PlannedPage],
    articles: &[Article],
    standalone: &[StandalonePage],
    index: &SiteIndex,
) -> Result<()> {
    let describe = |p: &Page| describe(p, articles, standalone, index);
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
                .with_hint("rename the section, set another `slug:` or change the alias"),
            );
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Content(problems))
    }
}

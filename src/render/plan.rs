//! The site's pages and where each is written.
//!
//! [`plan`] lists every page the site has (articles, the paginated front
//! page, section, tag and reporter lists, their indexes, the 404 page) and
//! refuses two pages at one URL, naming what made each.

use std::collections::HashMap;
use std::path::PathBuf;

use super::pagination::page_count;
use super::views::{reporter_path, section_path, tag_path};
use crate::config::Config;
use crate::content::Article;
use crate::error::{Diagnostic, Error, Result};
use crate::index::SiteIndex;
use crate::urls::SitePath;

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

/// What made a page, for messages: the file to look at and the page's name.
pub fn describe(page: &Page, articles: &[Article], index: &SiteIndex) -> (PathBuf, String) {
    match page {
        Page::Article(id) => (
            articles[*id as usize].source.clone(),
            "the article's page".into(),
        ),
        Page::Section { term, .. } => {
            let t = &index.sections[*term];
            let first = t
                .articles
                .first()
                .map(|&i| articles[i as usize].source.clone())
                .unwrap_or_default();
            (first, format!("the page of section `{}`", t.name))
        }
        Page::Tag { term, .. } => (
            PathBuf::from("content"),
            format!("the page of tag `{}`", index.tags[*term].name),
        ),
        Page::Reporter { term, .. } => (
            PathBuf::from("content"),
            format!("the page of reporter `{}`", index.reporters[*term].name),
        ),
        Page::Front { .. } => (PathBuf::from("content"), "a page of the front page".into()),
        Page::TagIndex => (PathBuf::from("content"), "the tags index".into()),
        Page::ReporterIndex => (PathBuf::from("content"), "the reporters index".into()),
        Page::NotFound => (PathBuf::from("content"), "the 404 page".into()),
    }
}

fn check_collisions(pages: &[PlannedPage], articles: &[Article], index: &SiteIndex) -> Result<()> {
    let describe = |p: &Page| describe(p, articles, index);
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

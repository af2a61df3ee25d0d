//! Standalone pages: `content/pages/*.md`, the legal pages every Korean
//! news site links from its footer (회사소개, 개인정보처리방침, ...).
//!
//! A page has a title, an optional slug, summary and `updated` date, and
//! `footer: true` to be linked from every page's footer (in file-name
//! order). It lives at `/<slug>/`, is rendered with `page.html`, and is not
//! an article: no reporter, not in feeds, lists, related articles or the
//! news sitemap (it is in `sitemap.xml`).

use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::fields::{self, PageFrontMatter};
use super::fingerprints::fingerprint;
use super::frontmatter::{self, FrontMatterError};
use super::placement::{Problems, segment, slug_name};
use crate::config::Config;
use crate::dates::has_time;
use crate::error::Diagnostic;
use crate::markdown::Renderer;
use crate::text::forbidden_in_file;
use crate::urls::{RESERVED_SEGMENTS, SitePath};

/// The directory below `content/` that holds standalone pages.
pub const PAGES_DIR: &str = "pages";

#[derive(Debug, Clone)]
pub struct StandalonePage {
    /// The source file relative to the site root.
    pub source: PathBuf,
    pub title: String,
    pub summary: Option<String>,
    pub updated: Option<Timestamp>,
    pub updated_has_time: bool,
    /// Linked from every page's footer.
    pub footer: bool,
    pub content: String,
    pub has_code: bool,
    pub path: SitePath,
    /// A hash of the source path and text.
    pub fingerprint: u64,
}

/// Whether a path below `content/` is a standalone page's.
pub fn is_standalone(content_relative: &Path) -> bool {
    content_relative.starts_with(PAGES_DIR)
}

/// Reads one standalone page from its text.
pub fn parse_standalone(
    text: &str,
    source: &Path,
    content_relative: &Path,
    config: &Config,
    markdown: &Renderer,
) -> Result<StandalonePage, Vec<Diagnostic>> {
    let fingerprint = fingerprint(source, text);
    let text = frontmatter::normalize(text);
    let at = |e: FrontMatterError| {
        Diagnostic::new(source, e.line, e.column, e.message).with_optional_hint(e.hint)
    };
    let split = frontmatter::split(&text).map_err(|e| vec![at(e)])?;
    if let Some((_, problem)) = forbidden_in_file(source, &text) {
        return Err(vec![problem]);
    }
    let fm: PageFrontMatter = frontmatter::parse_yaml(&split)
        .map_err(|e| vec![at(e)])
        .and_then(|value| {
            fields::read_page(&split, value).map_err(|es| es.into_iter().map(at).collect())
        })?;
    let mut problems = Problems {
        split: &split,
        source,
        list: Vec::new(),
    };
    let title = fm.title.unwrap_or_default();
    if title.trim().is_empty() {
        problems.at(
            "title",
            "missing `title`".into(),
            Some("add a line `title: \"...\"` to the front matter"),
        );
    }
    let updated = problems.date("updated", fm.updated.as_deref(), &config.timezone);
    let slug = slug_name(fm.slug, content_relative, &mut problems)
        .and_then(|s| segment("slug", &s, RESERVED_SEGMENTS, &mut problems));
    let Some(slug) = slug else {
        return Err(problems.list);
    };
    if !problems.list.is_empty() {
        return Err(problems.list);
    }
    let rendered = markdown.render(split.body);
    Ok(StandalonePage {
        source: source.to_path_buf(),
        title: title.trim().to_string(),
        summary: fm.summary.map(|s| s.trim().to_string()),
        updated,
        updated_has_time: fm.updated.as_deref().is_some_and(has_time),
        footer: fm.footer,
        content: rendered.html,
        has_code: rendered.has_code,
        path: SitePath::dir([slug]),
        fingerprint,
    })
}

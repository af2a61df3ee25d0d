//! One article: where its file is, what its author wrote, what we derived.
//!
//! [`parse_article`] takes the text of a `.md` file and the configuration and
//! returns a resolved [`Article`] (dates in the site zone, section and slug
//! checked, Markdown rendered) or every problem found in the file.

use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::frontmatter::{self, FrontMatter, FrontMatterError, Split};
use crate::config::{Config, PermalinkValues};
use crate::dates::{in_zone, parse_date};
use crate::error::Diagnostic;
use crate::markdown::Renderer;
use crate::urls::{RESERVED_SEGMENTS, SitePath, check_path_name, segment_from_name, tag_key};

/// A lead image from front matter.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Image {
    pub src: String,
    pub caption: Option<String>,
    pub credit: Option<String>,
    pub alt: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Article {
    /// The source file relative to the site root, e.g. `content/IT/x.md`.
    pub source: PathBuf,
    pub title: String,
    pub subtitle: Vec<String>,
    pub date: Timestamp,
    pub updated: Option<Timestamp>,
    /// Reporter names as written; matched to `[[reporters]]` when rendering.
    pub reporters: Vec<String>,
    pub tags: Vec<String>,
    pub related_count: usize,
    /// The section as written (display name).
    pub section: String,
    /// The section's URL segment.
    pub section_slug: String,
    pub slug: String,
    /// Front matter `summary`, or the first paragraph as text.
    pub summary: String,
    pub image: Option<Image>,
    pub draft: bool,
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// The body rendered to HTML.
    pub content: String,
    /// `ko`, `en` or the site language: see [`super::language`].
    pub language: String,
    /// Where the article page lives.
    pub path: SitePath,
    /// A hash of the source path and file text: equal fingerprints mean an
    /// unchanged article (`serve` re-renders only what changed).
    pub fingerprint: u64,
    /// A hash of what lists show of the article (everything but the body),
    /// so that a body edit does not re-render every list it appears on.
    pub card_fingerprint: u64,
    /// A hash of what places the article in the indices (source, URL,
    /// date, tags, section, reporters, related-count).
    pub structure_fingerprint: u64,
}

/// Reads one article. `source` is relative to the site root and is used in
/// messages; `content_relative` is the path below `content/`.
pub fn parse_article(
    text: &str,
    source: &Path,
    content_relative: &Path,
    config: &Config,
    markdown: &Renderer,
) -> Result<Article, Vec<Diagnostic>> {
    let fingerprint = fingerprint(source, text);
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let normalized;
    let text = if text.contains('\r') {
        normalized = text.replace("\r\n", "\n").replace('\r', "\n");
        normalized.as_str()
    } else {
        text
    };
    let at = |e: FrontMatterError| {
        Diagnostic::new(source, e.line, e.column, e.message).with_optional_hint(e.hint)
    };
    let split = frontmatter::split(text).map_err(|e| vec![at(e)])?;
    let fm = frontmatter::parse(&split).map_err(|e| vec![at(e)])?;
    let mut article = resolve(fm, &split, source, content_relative, config, markdown)?;
    article.fingerprint = fingerprint;
    article.card_fingerprint = card_fingerprint(&article);
    article.structure_fingerprint = structure_fingerprint(&article);
    Ok(article)
}

fn structure_fingerprint(a: &Article) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    (
        &a.source,
        &a.path,
        a.date,
        &a.tags,
        &a.section,
        &a.section_slug,
        &a.reporters,
        a.related_count,
    )
        .hash(&mut h);
    h.finish()
}

fn card_fingerprint(a: &Article) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    (
        &a.source,
        &a.path,
        &a.title,
        &a.subtitle,
        &a.summary,
        a.date,
        a.updated,
    )
        .hash(&mut h);
    (
        &a.image,
        a.draft,
        &a.language,
        &a.section,
        &a.reporters,
        &a.tags,
    )
        .hash(&mut h);
    serde_json::to_string(&a.extra)
        .unwrap_or_default()
        .hash(&mut h);
    h.finish()
}

fn fingerprint(source: &Path, text: &str) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(source.as_os_str().as_encoded_bytes());
    h.update(&[0]);
    h.update(text.as_bytes());
    h.digest()
}

fn resolve(
    fm: FrontMatter,
    split: &Split<'_>,
    source: &Path,
    content_relative: &Path,
    config: &Config,
    markdown: &Renderer,
) -> Result<Article, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let mut problem = |key: &str, message: String, hint: Option<&str>| {
        let line = frontmatter::key_line(split, key);
        let d = Diagnostic::new(source, line, 1, message);
        problems.push(match hint {
            Some(h) => d.with_hint(h),
            None => d,
        });
    };
    let tz = &config.timezone;

    let title = fm.title.unwrap_or_default();
    if title.trim().is_empty() {
        problem(
            "title",
            "missing `title`".into(),
            Some("add a line `title: \"...\"` to the front matter"),
        );
    }
    let date = match fm.date.as_deref().map(|d| parse_date(d, tz)) {
        Some(Ok(ts)) => Some(ts),
        Some(Err(e)) => {
            problem("date", format!("`date`: {e}"), None);
            None
        }
        None => {
            problem(
                "date",
                "missing `date`".into(),
                Some("add `date: \"YYYY-MM-DD HH:MM:SS\"` (site time zone)"),
            );
            None
        }
    };
    let updated = match fm.updated.as_deref().map(|d| parse_date(d, tz)) {
        Some(Ok(ts)) => Some(ts),
        Some(Err(e)) => {
            problem("updated", format!("`updated`: {e}"), None);
            None
        }
        None => None,
    };
    let related_count = match fm.related_count {
        None => config.related_count,
        Some(n) => usize::try_from(n).unwrap_or_else(|_| {
            problem(
                "related-count",
                format!("`related-count` must be 0 or more, not {n}"),
                None,
            );
            0
        }),
    };

    let section = match fm.section.or_else(|| first_directory(content_relative)) {
        Some(s) => s,
        None => {
            problem(
                "section",
                "the article has no section".into(),
                Some("put the file in a directory under content/ (the section) or set `section:`"),
            );
            String::new()
        }
    };
    let section_slug = checked_segment(&section, "section", &mut problem);
    if RESERVED_SEGMENTS.contains(&section_slug.as_str()) {
        problem(
            "section",
            format!(
                "the section `{section}` would take the URL /{section_slug}/, which byline uses for its own pages"
            ),
            Some("rename the section's directory or set another `section:`"),
        );
    }
    let file_stem = content_relative
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string();
    let slug_source = fm.slug.unwrap_or(file_stem);
    let slug = checked_segment(&slug_source, "slug", &mut problem);

    let reporters: Vec<String> = fm
        .reporter
        .0
        .into_iter()
        .map(|r| r.trim().to_string())
        .collect();
    let tags: Vec<String> = fm.tags.into_iter().map(|t| t.trim().to_string()).collect();
    for tag in &tags {
        let key = tag_key(tag);
        if key.is_empty() {
            problem(
                "tags",
                format!("the tag `{tag}` has no letters or digits, so it has no URL"),
                None,
            );
        } else if key == "page" {
            problem(
                "tags",
                format!("the tag `{tag}` would take the reserved URL /tags/{key}/"),
                None,
            );
        }
    }
    for name in &reporters {
        if segment_from_name(name).is_empty() && !config.reporters.iter().any(|r| &r.name == name) {
            problem(
                "reporter",
                format!("the reporter `{name}` has no letters or digits, so no page URL"),
                None,
            );
        }
    }
    let image = fm.image.map(|i| Image {
        src: i.src,
        caption: i.caption,
        credit: i.credit,
        alt: i.alt,
    });

    let Some(date) = date else {
        return Err(problems);
    };
    if !problems.is_empty() {
        return Err(problems);
    }

    let zoned = in_zone(date, tz);
    let path = config.permalink.expand(&PermalinkValues {
        section: &section_slug,
        slug: &slug,
        year: zoned.year(),
        month: zoned.month(),
        day: zoned.day(),
    });
    let rendered = markdown.render(split.body);
    let summary = fm
        .summary
        .map(|s| s.trim().to_string())
        .unwrap_or(rendered.first_paragraph);
    let language = super::language::detect(&[&title, &summary, split.body], &config.language);

    Ok(Article {
        source: source.to_path_buf(),
        title: title.trim().to_string(),
        subtitle: fm
            .subtitle
            .0
            .into_iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        date,
        updated,
        reporters,
        tags,
        related_count,
        section: section.trim().to_string(),
        section_slug,
        slug,
        summary,
        image,
        draft: fm.draft,
        extra: fm.extra,
        content: rendered.html,
        language,
        path,
        fingerprint: 0,
        card_fingerprint: 0,
        structure_fingerprint: 0,
    })
}

/// The first directory of a path below `content/`, if the file is in one.
fn first_directory(content_relative: &Path) -> Option<String> {
    let mut components = content_relative.components();
    let first = components.next()?;
    components.next()?;
    first.as_os_str().to_str().map(str::to_string)
}

/// Checks a section or slug as written and turns it into a URL segment.
fn checked_segment(
    name: &str,
    key: &str,
    problem: &mut impl FnMut(&str, String, Option<&str>),
) -> String {
    if name.is_empty() {
        return String::new();
    }
    if let Err(e) = check_path_name(name) {
        problem(
            key,
            format!("`{key}` {e}"),
            Some("use letters, digits and `-`"),
        );
        return String::new();
    }
    let segment = segment_from_name(name);
    if segment.is_empty() {
        problem(
            key,
            format!("`{key}` `{name}` gives an empty URL segment"),
            Some("use letters or digits"),
        );
    }
    segment
}

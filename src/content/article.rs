//! One article: where its file is, what its author wrote, what we derived.
//!
//! [`parse_article`] takes the text of a `.md` file and the configuration and
//! returns a resolved [`Article`] (dates in the site zone, section, slug,
//! tags and reporters checked as URL segments and in Unicode NFC, the lead
//! image's address checked, Markdown rendered) or every problem found in
//! the file.

use super::body::Body;
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::fields::{self, FrontMatter};
use super::frontmatter::{self, FrontMatterError, Split};
use super::links::ArticleLink;
use super::media;
use crate::config::{Config, PermalinkValues};
use crate::dates::{has_time, in_zone};
use crate::error::Diagnostic;
use crate::markdown::Renderer;
use crate::photos::{Photo, Place};
use crate::text::forbidden_in_file;
use crate::urls::{SitePath, checked_segment, nfc};
use std::sync::Arc;

/// A correction or reply published with the article.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Correction {
    pub date: Timestamp,
    pub has_time: bool,
    pub text: String,
}

/// A lead image from front matter.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Image {
    pub src: String,
    pub caption: Option<String>,
    pub credit: Option<String>,
    pub alt: Option<String>,
    /// Width and height in pixels, for a photo of the site's own.
    pub size: Option<(u32, u32)>,
    /// The photo, when it is the site's own (renditions, `srcset`).
    pub photo: Option<Arc<Photo>>,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Article {
    /// The source file relative to the site root, e.g. `content/IT/x.md`.
    pub source: PathBuf,
    pub title: String,
    pub subtitle: Vec<String>,
    pub date: Timestamp,
    /// Whether `date` was written with a time (a day alone shows no time).
    pub date_has_time: bool,
    pub updated: Option<Timestamp>,
    pub updated_has_time: bool,
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
    /// Pinned as the front page's lead story (`featured: true`).
    pub featured: bool,
    /// In the site's search (front matter `search: false` leaves it out).
    pub search: bool,
    /// Kept as JSON text in the article cache (whose format cannot hold
    /// self-describing values).
    #[serde(with = "super::cache::json_text")]
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// The body rendered to HTML (kept apart in the article cache: see
    /// [`super::cache`]).
    #[serde(skip)]
    pub content: Body,
    /// Its terms for the site's search (empty when search is off; made by
    /// [`super::read_article`] and the loader, not by [`parse_article`]).
    pub search_terms: crate::search::article_terms::ArticleTerms,
    /// Whether the body has highlighted code (its page links the
    /// highlighting stylesheet).
    pub has_code: bool,
    /// Its links and images, placed in the file.
    pub links: Vec<ArticleLink>,
    /// The site's own photos it shows (lead image first).
    pub photos: Vec<Arc<Photo>>,
    /// For a page bundle: its other files (output path, file, hash).
    pub assets: Vec<(String, PathBuf, u64)>,
    /// Old URLs that redirect here (`aliases:`).
    pub aliases: Vec<SitePath>,
    /// Corrections and replies (정정보도, 반론보도), oldest first; the
    /// latest is also the article's `updated`.
    pub corrections: Vec<Correction>,
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
    let text = frontmatter::normalize(text);
    let at = |e: FrontMatterError| {
        Diagnostic::new(source, e.line, e.column, e.message).with_optional_hint(e.hint)
    };
    let split = frontmatter::split(&text).map_err(|e| vec![at(e)])?;
    let mut problems = Vec::new();
    if let Some((offset, problem)) = forbidden_in_file(source, &text) {
        problems.push(problem);
        if offset < text.len() - split.body.len() {
            // In the front matter: YAML would only repeat the complaint.
            return Err(problems);
        }
    }
    let fm = frontmatter::parse_yaml(&split)
        .map_err(|e| vec![at(e)])
        .and_then(|value| {
            fields::read(&split, value).map_err(|es| es.into_iter().map(at).collect())
        });
    let fm = match fm {
        Ok(fm) => fm,
        Err(mut more) => {
            problems.append(&mut more);
            return Err(problems);
        }
    };
    let mut article = resolve(
        fm,
        &split,
        source,
        content_relative,
        config,
        markdown,
        problems,
    )?;
    article.fingerprint = fingerprint;
    article.card_fingerprint = card_fingerprint(&article);
    article.structure_fingerprint = structure_fingerprint(&article);
    Ok(article)
}

use super::fingerprints::{card_fingerprint, fingerprint, structure_fingerprint};
use super::placement::{Problems, check_article_path, section_name, segment, slug_name};

fn resolve(
    fm: FrontMatter,
    split: &Split<'_>,
    source: &Path,
    content_relative: &Path,
    config: &Config,
    markdown: &Renderer,
    earlier: Vec<Diagnostic>,
) -> Result<Article, Vec<Diagnostic>> {
    let mut problems = Problems {
        split,
        source,
        list: earlier,
    };
    let tz = &config.timezone;

    let title = fm.title.unwrap_or_default();
    if title.trim().is_empty() {
        problems.at(
            "title",
            "missing `title`".into(),
            Some("add a line `title: \"...\"` to the front matter"),
        );
    }
    if fm.date.is_none() {
        problems.at(
            "date",
            "missing `date`".into(),
            Some("add `date: \"YYYY-MM-DD HH:MM:SS\"` (site time zone)"),
        );
    }
    let date = problems.date("date", fm.date.as_deref(), tz);
    let mut updated = problems.date("updated", fm.updated.as_deref(), tz);
    let mut updated_has_time = fm.updated.as_deref().is_some_and(has_time);
    let mut corrections: Vec<Correction> = fm
        .corrections
        .iter()
        .filter_map(|c| {
            Some(Correction {
                date: problems.date("corrections", Some(&c.date), tz)?,
                has_time: has_time(&c.date),
                text: c.text.trim().to_string(),
            })
        })
        .collect();
    corrections.sort_by_key(|c| c.date);
    if let Some(last) = corrections.last()
        && updated.is_none_or(|u| last.date > u)
    {
        // A correction is the article's latest change (dateModified).
        updated = Some(last.date);
        updated_has_time = last.has_time;
    }
    let aliases: Vec<SitePath> = fm
        .aliases
        .iter()
        .filter_map(|alias| match alias_path(alias) {
            Ok(path) => Some(path),
            Err(e) => {
                problems.at("aliases", format!("the alias `{alias}` {e}"), Some("write the old URL's path, like /news/articleView.html or /2019/05/old-slug/"));
                None
            }
        })
        .collect();
    if let (Some(date), Some(updated)) = (date, updated)
        && updated < date
    {
        problems.at(
            "updated",
            "`updated` is earlier than `date`".into(),
            Some(
                "`updated` is the time of the last revision, after the article was first published",
            ),
        );
    }
    let related_count = fm.related_count.unwrap_or(config.related_count);

    let section = section_name(fm.section, content_relative, &mut problems);
    let section_slug = section
        .as_deref()
        .and_then(|s| segment("section", s, super::RESERVED_SECTIONS, &mut problems));
    let slug = slug_name(fm.slug, content_relative, &mut problems)
        .and_then(|s| segment("slug", &s, &["page"], &mut problems));

    let reporters: Vec<String> = fm
        .reporter
        .iter()
        .map(|r| nfc(r.trim()).into_owned())
        .filter(|r| !r.is_empty())
        .collect();
    let tags: Vec<String> = fm.tags.iter().map(|t| nfc(t.trim()).into_owned()).collect();
    for tag in &tags {
        if let Err(e) = checked_segment(tag, &["page"]) {
            problems.at(
                "tags",
                format!("the tag {e}"),
                Some("write the tag with letters or digits"),
            );
        }
    }
    for name in &reporters {
        if !config.reporters.iter().any(|r| &r.name == name)
            && let Err(e) = checked_segment(name, &["page"])
        {
            problems.at(
                "reporter",
                format!("the reporter {e}"),
                Some("declare the reporter in site.toml [[reporters]] with a `slug`"),
            );
        }
    }

    let (Some(date), Some(section), Some(section_slug), Some(slug)) =
        (date, section, section_slug, slug)
    else {
        return Err(problems.list);
    };
    let zoned = in_zone(date, tz);
    let path = config.permalink.expand(&PermalinkValues {
        section: &section_slug,
        slug: &slug,
        year: zoned.year(),
        month: zoned.month(),
        day: zoned.day(),
    });
    if let Err(e) = check_article_path(&path) {
        problems.at(
            "slug",
            format!(
                "the article's URL {} cannot be written: {e}",
                path.encoded()
            ),
            Some("choose a shorter `slug:` or another section"),
        );
    }
    if !problems.list.is_empty() {
        return Err(problems.list);
    }

    let bundle = media::bundle(&config.root, content_relative, &path);
    let place = bundle.as_ref().map_or(Place::Site, |b| b.place());
    let photos = markdown.photos();
    let image = fm
        .image
        .and_then(|i| media::lead_image(i, photos, place, &mut problems));
    let rendered = markdown.render_in(split.body, place);
    let links = super::links::place(
        rendered.links,
        split.body,
        split.body_line,
        content_relative,
    );
    let mut used_photos = media::body_photos(&links, photos, place, &mut problems);
    if !problems.list.is_empty() {
        return Err(problems.list);
    }
    if let Some(lead) = image.as_ref().and_then(|i| i.photo.clone()) {
        used_photos.insert(0, lead);
    }
    used_photos.dedup_by(|a, b| a.public == b.public);
    let assets = bundle.map(|b| b.assets()).unwrap_or_default();
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
            .into_iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        date,
        date_has_time: fm.date.as_deref().is_some_and(has_time),
        updated,
        updated_has_time,
        reporters,
        tags,
        related_count,
        section,
        section_slug,
        slug,
        summary,
        image,
        draft: fm.draft,
        featured: fm.featured,
        search: fm.search.unwrap_or(true),
        extra: fm.extra,
        content: Body::from(rendered.html),
        search_terms: Default::default(),
        has_code: rendered.has_code,
        links,
        photos: used_photos,
        assets,
        aliases,
        corrections,
        language,
        path,
        fingerprint: 0,
        card_fingerprint: 0,
        structure_fingerprint: 0,
    })
}

/// The path of an old URL: `/a/b/` or `/a/b` is a directory, `/a/b.html`
/// a file; no query, no fragment, every segment one the output accepts.
fn alias_path(alias: &str) -> Result<SitePath, String> {
    let path = alias.trim();
    if !path.starts_with('/') {
        return Err("must start with `/` (a path on this site)".into());
    }
    if path.contains(['?', '#']) {
        return Err("has a query or fragment, which a static page cannot answer".into());
    }
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .map_err(|_| "is not UTF-8 once decoded".to_string())?;
    let mut segments: Vec<String> = decoded
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| nfc(s).into_owned())
        .collect();
    for s in &segments {
        crate::urls::check_segment(s)?;
    }
    let file = segments
        .last()
        .filter(|s| !decoded.ends_with('/') && (s.ends_with(".html") || s.ends_with(".htm")))
        .cloned();
    if file.is_some() {
        segments.pop();
    }
    if segments.is_empty() && file.is_none() {
        return Err("is the front page".into());
    }
    let dir = SitePath::dir(segments);
    Ok(match file {
        Some(f) => dir.file(f),
        None => dir,
    })
}

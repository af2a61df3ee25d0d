//! Markdown to HTML: pure functions over one article body.
//!
//! CommonMark with GFM tables, footnotes, strikethrough and task lists; no
//! smart punctuation (Korean copy uses its own quotes). On top of
//! pulldown-cmark this module gives headings ids that keep Hangul, turns an
//! image alone in its paragraph (or one with a title) into a `<figure>`,
//! highlights fenced code with CSS classes, and extracts the first paragraph
//! as plain text for the default summary. Raw HTML passes through.

mod figure;
mod highlight;
mod links;

use std::collections::HashMap;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};

pub use highlight::Highlighter;
use links::LinkPass;
pub use links::{BodyLink, SOURCE_PLACEHOLDER, is_source_link};

use crate::photos::{PhotoSettings, Photos, Place};

use crate::urls::segment_from_name;

/// The result of rendering one body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    /// The first paragraph with text, as plain text.
    pub first_paragraph: String,
    /// Whether a code block was highlighted.
    pub has_code: bool,
    /// Every link and image, in order.
    pub links: Vec<BodyLink>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders article bodies for one site: shares the highlighter and knows the
/// base path that root-relative links and images need (`/images/x.png` on a
/// site at `https://example.com/news/` becomes `/news/images/x.png`).
#[derive(Default)]
pub struct Renderer {
    highlighter: Highlighter,
    base_path: String,
    photos: Photos,
}

impl Renderer {
    pub fn new(base_path: &str) -> Self {
        Renderer {
            base_path: base_path.to_string(),
            ..Renderer::default()
        }
    }

    /// A renderer for the site at `root`: its own images get their size
    /// and renditions (see [`crate::photos`]).
    pub fn for_site(root: &std::path::Path, base_path: &str, photos: PhotoSettings) -> Self {
        Renderer {
            base_path: base_path.to_string(),
            photos: Photos::new(root, base_path, photos),
            ..Renderer::default()
        }
    }

    pub fn render(&self, body: &str) -> Rendered {
        self.render_in(body, Place::Site)
    }

    /// Renders a body whose relative image paths are read at `place`.
    pub fn render_in(&self, body: &str, place: Place<'_>) -> Rendered {
        let images = figure::Images {
            photos: &self.photos,
            place,
            base_path: &self.base_path,
        };
        render_with(body, &self.highlighter, &self.base_path, &images)
    }

    /// The site's photos, shared with the lead images.
    pub fn photos(&self) -> &Photos {
        &self.photos
    }
}

/// Ids the default theme gives its own elements: no heading may take them.
pub const THEME_IDS: &[&str] = &[
    "main",
    "related-heading",
    "latest-heading",
    "photos-heading",
    "masthead-q",
    // The search page's form and results.
    "search-q",
    "search-section",
    "search-reporter",
    "search-tag",
    "search-tags",
    "search-from",
    "search-to",
    "search-status",
    "search-results",
    "search-pages",
];

/// Footnote ids start with this; heading ids never do (see [`HeadingIds`]).
const FOOTNOTE_ID_PREFIX: &str = "fn:";

/// Renders a Markdown body (no image is looked up).
pub fn render(body: &str, highlighter: &Highlighter, base_path: &str) -> Rendered {
    let photos = Photos::default();
    let images = figure::Images {
        photos: &photos,
        place: Place::Site,
        base_path,
    };
    render_with(body, highlighter, base_path, &images)
}

fn render_with(
    body: &str,
    highlighter: &Highlighter,
    base_path: &str,
    images: &figure::Images<'_>,
) -> Rendered {
    let mut footnotes = FootnoteIds::default();
    let mut links = LinkPass::new(base_path);
    let mut events = Parser::new_ext(body, options())
        .into_offset_iter()
        .map(|(e, range)| footnotes.rename(links.map(e, range.start)));
    let mut out: Vec<Event<'_>> = Vec::with_capacity(256);
    let mut ids = HeadingIds::default();
    let mut first_paragraph = String::new();
    let mut has_code = false;

    while let Some(event) = events.next() {
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let inner =
                    collect_until(&mut events, |e| matches!(e, Event::End(TagEnd::Heading(_))));
                let id = match id {
                    Some(id) => ids.claim(id.to_string()),
                    None => ids.claim(segment_from_name(&plain_text(&inner))),
                };
                out.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(id)),
                    classes,
                    attrs,
                }));
                out.extend(inner);
                out.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let inner =
                    collect_until(&mut events, |e| matches!(e, Event::End(TagEnd::CodeBlock)));
                let language = match &kind {
                    CodeBlockKind::Fenced(info) => info
                        .split([',', ' ', '{', '}'])
                        .find(|s| !s.is_empty())
                        .unwrap_or("")
                        .to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                let code: String = inner
                    .iter()
                    .filter_map(|e| match e {
                        Event::Text(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                match highlighter.highlight(&language, &code) {
                    Some(html) => {
                        has_code = true;
                        out.push(Event::Html(CowStr::from(html)));
                    }
                    None => out.push(Event::Html(CowStr::from(plain_code_block(
                        &language, &code,
                    )))),
                }
            }
            Event::Start(Tag::Paragraph) => {
                let inner =
                    collect_until(&mut events, |e| matches!(e, Event::End(TagEnd::Paragraph)));
                if first_paragraph.is_empty() {
                    first_paragraph = text_outside_images(&inner).trim().to_string();
                }
                figure::paragraph_with_figures(inner, images, &mut out);
            }
            other => out.push(other),
        }
    }

    let mut html = String::with_capacity(body.len() + body.len() / 4);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    // Every article's body is held until the pages are written.
    html.shrink_to_fit();
    drop(events);
    Rendered {
        html,
        first_paragraph,
        has_code,
        links: links.links,
    }
}

/// A code block without highlighting: focusable, so that a keyboard can
/// scroll a wide one.
fn plain_code_block(language: &str, code: &str) -> String {
    let mut html = String::with_capacity(code.len() + 64);
    html.push_str("<pre tabindex=\"0\"><code");
    if !language.is_empty() {
        html.push_str(" class=\"language-");
        let _ = pulldown_cmark_escape::escape_html(&mut html, language);
        html.push('"');
    }
    html.push('>');
    let _ = pulldown_cmark_escape::escape_html_body_text(&mut html, code);
    html.push_str("</code></pre>\n");
    html
}

/// Takes events up to and excluding the one `is_end` accepts (which is
/// consumed). Paragraphs, headings and code blocks do not nest, so the first
/// matching end is the right one.
fn collect_until<'a>(
    events: &mut impl Iterator<Item = Event<'a>>,
    is_end: impl Fn(&Event<'a>) -> bool,
) -> Vec<Event<'a>> {
    let mut inner = Vec::new();
    for e in events.by_ref() {
        if is_end(&e) {
            break;
        }
        inner.push(e);
    }
    inner
}

/// The text of inline events: what a reader would see, without markup.
fn plain_text(events: &[Event<'_>]) -> String {
    let mut s = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s
}

/// The text of a paragraph without images' alt text: a photo alone in its
/// paragraph does not make a summary.
fn text_outside_images(events: &[Event<'_>]) -> String {
    let mut depth = 0usize;
    let mut outside = Vec::with_capacity(events.len());
    for e in events {
        match e {
            Event::Start(Tag::Image { .. }) => depth += 1,
            Event::End(TagEnd::Image) => depth = depth.saturating_sub(1),
            other if depth == 0 => outside.push(other.clone()),
            _ => {}
        }
    }
    plain_text(&outside)
}

/// Gives footnotes the ids `fn:1`, `fn:2`... in the order they are first
/// mentioned (the numbers readers see), whatever their labels: a label may
/// hold spaces (not allowed in an id) or equal a heading's id.
#[derive(Default)]
struct FootnoteIds {
    numbers: HashMap<String, usize>,
}

impl FootnoteIds {
    fn id(&mut self, label: &str) -> CowStr<'static> {
        let next = self.numbers.len() + 1;
        let n = *self.numbers.entry(label.to_string()).or_insert(next);
        CowStr::from(format!("{FOOTNOTE_ID_PREFIX}{n}"))
    }

    fn rename<'a>(&mut self, event: Event<'a>) -> Event<'a> {
        match event {
            Event::FootnoteReference(label) => Event::FootnoteReference(self.id(&label)),
            Event::Start(Tag::FootnoteDefinition(label)) => {
                Event::Start(Tag::FootnoteDefinition(self.id(&label)))
            }
            other => other,
        }
    }
}

/// Hands out unique heading ids: `개요`, `개요-1`, ... An id the theme uses
/// or one shaped like a footnote's is taken already, so no page has an id
/// twice.
struct HeadingIds {
    used: HashMap<String, usize>,
}

impl Default for HeadingIds {
    fn default() -> Self {
        HeadingIds {
            used: THEME_IDS.iter().map(|id| (id.to_string(), 0)).collect(),
        }
    }
}

impl HeadingIds {
    fn taken(&self, id: &str) -> bool {
        self.used.contains_key(id) || id.starts_with(FOOTNOTE_ID_PREFIX)
    }

    fn claim(&mut self, base: String) -> String {
        let base = if base.is_empty() {
            "section".to_string()
        } else if base.starts_with(FOOTNOTE_ID_PREFIX) {
            segment_from_name(&base)
        } else {
            base
        };
        let mut n = *self.used.get(&base).unwrap_or(&0);
        let mut candidate = base.clone();
        while self.taken(&candidate) {
            n += 1;
            candidate = format!("{base}-{n}");
        }
        self.used.insert(base, n);
        self.used.entry(candidate.clone()).or_insert(0);
        candidate
    }
}

#[cfg(test)]
mod tests;

//! Images that stand as figures.
//!
//! An image alone in its paragraph becomes `<figure>` with a `<figcaption>`
//! (its title, or else its alt text). An image with a title inside running
//! text also becomes a figure: the paragraph is split around it, because a
//! `<figure>` cannot sit inside a `<p>`. Other images stay inline. Every
//! image of the site's own gets its size, a `srcset` of its renditions and
//! lazy loading (see [`crate::photos`]).

use std::fmt::Write;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use pulldown_cmark_escape::{escape_href, escape_html};

use crate::photos::{self, Lookup, Photos, Place};

/// What the figure pass needs to know of the page.
pub struct Images<'p> {
    pub photos: &'p Photos,
    pub place: Place<'p>,
    pub base_path: &'p str,
}

/// One piece of a paragraph: running inline content, or a figure's HTML.
enum Piece<'a> {
    Inline(Vec<Event<'a>>),
    Figure(String),
}

/// Emits the paragraph whose inner events are `inner` into `out`.
pub fn paragraph_with_figures<'a>(
    inner: Vec<Event<'a>>,
    images: &Images<'_>,
    out: &mut Vec<Event<'a>>,
) {
    if !inner
        .iter()
        .any(|e| matches!(e, Event::Start(Tag::Image { .. })))
    {
        push_paragraph(inner, out);
        return;
    }
    let alone = image_is_alone(&inner);
    let mut pieces: Vec<Piece<'a>> = vec![Piece::Inline(Vec::new())];
    let mut depth = 0usize;
    let mut events = inner.into_iter();
    while let Some(e) = events.next() {
        match e {
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                let figure = depth == 0 && (alone || !title.is_empty());
                let mut alt_events = Vec::new();
                let mut image_depth = 0usize;
                for e in events.by_ref() {
                    match &e {
                        Event::Start(_) => image_depth += 1,
                        Event::End(TagEnd::Image) if image_depth == 0 => break,
                        Event::End(_) => image_depth = image_depth.saturating_sub(1),
                        _ => {}
                    }
                    alt_events.push(e);
                }
                let alt = super::plain_text(&alt_events);
                let img = img_html(&dest_url, &alt, if figure { "" } else { &title }, images);
                if figure {
                    pieces.push(Piece::Figure(figure_html(img, &title, &alt)));
                    pieces.push(Piece::Inline(Vec::new()));
                } else if let Some(Piece::Inline(run)) = pieces.last_mut() {
                    run.push(Event::InlineHtml(CowStr::from(img)));
                }
            }
            other => {
                match &other {
                    Event::Start(_) => depth += 1,
                    Event::End(_) => depth = depth.saturating_sub(1),
                    _ => {}
                }
                if let Some(Piece::Inline(run)) = pieces.last_mut() {
                    run.push(other);
                }
            }
        }
    }
    for piece in pieces {
        match piece {
            Piece::Inline(run) => push_paragraph(run, out),
            Piece::Figure(html) => out.push(Event::Html(CowStr::from(html))),
        }
    }
}

fn push_paragraph<'a>(run: Vec<Event<'a>>, out: &mut Vec<Event<'a>>) {
    if run.iter().all(is_blank) {
        return;
    }
    out.push(Event::Start(Tag::Paragraph));
    out.extend(trim_breaks(run));
    out.push(Event::End(TagEnd::Paragraph));
}

/// Drops line breaks left at the edges of a run after a split.
fn trim_breaks(mut run: Vec<Event<'_>>) -> Vec<Event<'_>> {
    while run
        .last()
        .is_some_and(|e| matches!(e, Event::SoftBreak | Event::HardBreak))
    {
        run.pop();
    }
    let leading = run
        .iter()
        .take_while(|e| matches!(e, Event::SoftBreak | Event::HardBreak))
        .count();
    run.drain(..leading);
    run
}

fn is_blank(e: &Event<'_>) -> bool {
    match e {
        Event::Text(t) => t.trim().is_empty(),
        Event::SoftBreak | Event::HardBreak => true,
        _ => false,
    }
}

/// Whether the paragraph holds exactly one top-level image and nothing else
/// but whitespace.
fn image_is_alone(inner: &[Event<'_>]) -> bool {
    let mut depth = 0usize;
    let mut images = 0;
    for e in inner {
        match e {
            Event::Start(Tag::Image { .. }) if depth == 0 => {
                images += 1;
                depth += 1;
            }
            Event::Start(_) if depth == 0 => return false,
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            other if depth == 0 && !is_blank(other) => return false,
            _ => {}
        }
    }
    images == 1
}

/// An `<img>` for an image address: a photo of the site's own with its
/// size, renditions and lazy loading; any other as written.
fn img_html(dest: &str, alt: &str, title: &str, images: &Images<'_>) -> String {
    let mut html = String::with_capacity(dest.len() + alt.len() + 160);
    html.push_str("<img src=\"");
    match images.photos.lookup(dest, images.place) {
        Lookup::Local(photo) => {
            let src = photos::url(images.base_path, photo.default_src());
            let _ = escape_href(&mut html, &src);
            if !photo.renditions.is_empty() {
                html.push_str("\" srcset=\"");
                // The URLs in it are encoded already; its spaces must stay.
                let _ = escape_html(&mut html, &photo.srcset(images.base_path));
                let _ = write!(html, "\" sizes=\"{}", photos::SIZES);
            }
            let _ = write!(
                html,
                "\" width=\"{}\" height=\"{}",
                photo.width, photo.height
            );
        }
        _ => {
            let _ = escape_href(&mut html, dest);
        }
    }
    html.push_str("\" alt=\"");
    let _ = escape_html(&mut html, alt);
    html.push('"');
    if !title.is_empty() {
        html.push_str(" title=\"");
        let _ = escape_html(&mut html, title);
        html.push('"');
    }
    html.push_str(" loading=\"lazy\">");
    html
}

fn figure_html(img: String, title: &str, alt: &str) -> String {
    let mut html = String::with_capacity(img.len() + title.len() + alt.len() + 48);
    html.push_str("<figure>");
    html.push_str(&img);
    let caption = if title.is_empty() { alt } else { title };
    if !caption.is_empty() {
        html.push_str("<figcaption>");
        let _ = escape_html(&mut html, caption);
        html.push_str("</figcaption>");
    }
    html.push_str("</figure>\n");
    html
}

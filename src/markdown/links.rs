//! Links and images in a body: every one is recorded with its place (for
//! `byline check`), root-relative ones get the site's base path, and links
//! to other articles' source files (`../경제/foo.md`, `@/경제/foo.md`) are
//! left as placeholders that rendering fills with the article's URL, so
//! moving an article never breaks a link written this way.

use pulldown_cmark::{CowStr, Event, Tag};

/// A link or image of a body, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyLink {
    pub dest: String,
    /// Byte offset in the body.
    pub offset: usize,
    pub image: bool,
    /// For a link to a source file: its number among them (the placeholder
    /// `byline:source:N` stands in the HTML).
    pub source: Option<usize>,
}

/// The prefix of a source-link placeholder in rendered HTML.
pub const SOURCE_PLACEHOLDER: &str = "byline:source:";

/// Whether a link names another article's source file.
pub fn is_source_link(dest: &str) -> bool {
    let path = dest.split('#').next().unwrap_or_default();
    let has_scheme = path
        .split_once(':')
        .is_some_and(|(scheme, _)| !scheme.is_empty() && !scheme.contains('/'));
    !has_scheme && (path.starts_with("@/") || path.ends_with(".md") || path.ends_with(".markdown"))
}

/// Maps link and image events: records them, prefixes root-relative ones
/// with `base_path`, and puts placeholders in place of source links.
pub struct LinkPass<'b> {
    base_path: &'b str,
    pub links: Vec<BodyLink>,
    sources: usize,
}

impl<'b> LinkPass<'b> {
    pub fn new(base_path: &'b str) -> Self {
        LinkPass {
            base_path,
            links: Vec::new(),
            sources: 0,
        }
    }

    pub fn map<'a>(&mut self, event: Event<'a>, offset: usize) -> Event<'a> {
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: self.destination(dest_url, offset, false),
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                link_type,
                dest_url: self.destination(dest_url, offset, true),
                title,
                id,
            }),
            other => other,
        }
    }

    fn destination<'a>(&mut self, dest: CowStr<'a>, offset: usize, image: bool) -> CowStr<'a> {
        let source = (!image && is_source_link(&dest)).then(|| {
            self.sources += 1;
            self.sources - 1
        });
        self.links.push(BodyLink {
            dest: dest.to_string(),
            offset,
            image,
            source,
        });
        match source {
            Some(n) => CowStr::from(format!("{SOURCE_PLACEHOLDER}{n}")),
            None if !self.base_path.is_empty()
                && dest.starts_with('/')
                && !dest.starts_with("//") =>
            {
                CowStr::from(format!("{}{dest}", self.base_path))
            }
            None => dest,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_links_are_told_from_others() {
        for yes in [
            "../경제/a.md",
            "@/경제/a.md",
            "a.md#배경",
            "@/IT/x",
            "b.markdown",
        ] {
            assert!(is_source_link(yes), "{yes}");
        }
        for no in [
            "https://x.test/a.md",
            "/it/a/",
            "#top",
            "mailto:a@b.md",
            "a.mdx",
        ] {
            assert!(!is_source_link(no), "{no}");
        }
    }
}

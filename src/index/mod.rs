//! The site's indices, computed once from the published articles.
//!
//! Articles are addressed by [`ArticleId`], their position in the
//! newest-first list, so every list of ids sorted ascending is newest first.
//! Sections, tags and reporters are [`Term`]s (a display name, a URL segment
//! and the ids of their articles); [`related`] ranks each article's related
//! coverage. Nothing here copies an article.

pub mod related;
mod terms;

use crate::config::Config;
use crate::content::Article;
use crate::urls::SitePath;

pub use related::Related;
pub use terms::Term;

/// Position of an article in the newest-first list.
pub type ArticleId = u32;

/// The three kinds of term: one list page per term, paginated, and the
/// same shape everywhere (a name, a URL segment, articles newest first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TermKind {
    Section,
    Tag,
    Reporter,
}

impl TermKind {
    pub const ALL: [TermKind; 3] = [TermKind::Section, TermKind::Tag, TermKind::Reporter];

    /// `section`, `tag` or `reporter`: the page kind and its template's name.
    pub fn name(self) -> &'static str {
        match self {
            TermKind::Section => "section",
            TermKind::Tag => "tag",
            TermKind::Reporter => "reporter",
        }
    }

    /// Where the list of a term lives: `/<section>/`, `/tags/<tag>/`,
    /// `/reporters/<slug>/`.
    pub fn path(self, slug: &str) -> SitePath {
        match self {
            TermKind::Section => SitePath::dir([slug]),
            TermKind::Tag => SitePath::dir(["tags", slug]),
            TermKind::Reporter => SitePath::dir(["reporters", slug]),
        }
    }

    /// The index of all terms of this kind (`/tags/`, `/reporters/`);
    /// sections have none (the navigation lists them).
    pub fn index_path(self) -> Option<SitePath> {
        match self {
            TermKind::Section => None,
            TermKind::Tag => Some(SitePath::dir(["tags"])),
            TermKind::Reporter => Some(SitePath::dir(["reporters"])),
        }
    }

    /// Whether a term of this kind has an Atom feed beside its page.
    pub fn has_feed(self) -> bool {
        self != TermKind::Reporter
    }
}

#[derive(Debug, Clone, Default)]
pub struct SiteIndex {
    /// In navigation order: `sections` in site.toml first, then by name.
    pub sections: Vec<Term>,
    /// Sorted by URL segment.
    pub tags: Vec<Term>,
    /// Declared reporters in site.toml order, then undeclared ones by name.
    pub reporters: Vec<Term>,
    /// Per article: index into `sections`.
    pub article_section: Vec<u32>,
    /// Per article: indices into `tags`, ascending, without duplicates.
    pub article_tags: Vec<Vec<u32>>,
    /// Per article: indices into `tags` in the order the author wrote them
    /// (merged spellings once), for display.
    pub article_tags_written: Vec<Vec<u32>>,
    /// Per article: indices into `reporters`, in the order written.
    pub article_reporters: Vec<Vec<u32>>,
    /// Per article: its related articles.
    pub related: Vec<Related>,
}

impl SiteIndex {
    /// The terms of one kind.
    pub fn terms(&self, kind: TermKind) -> &[Term] {
        match kind {
            TermKind::Section => &self.sections,
            TermKind::Tag => &self.tags,
            TermKind::Reporter => &self.reporters,
        }
    }

    pub fn build(config: &Config, articles: &[Article]) -> Self {
        let sections = terms::sections(config, articles);
        let tags = terms::tags(articles);
        let reporters = terms::reporters(config, articles);
        let article_section = terms::membership_single(&sections, articles.len());
        let article_tags = terms::membership(&tags, articles.len());
        let article_tags_written = terms::tags_as_written(&tags, articles);
        let article_reporters = terms::reporter_membership(&reporters, articles);
        let related = related::compute(articles, &tags, &article_tags);
        SiteIndex {
            sections,
            tags,
            reporters,
            article_section,
            article_tags,
            article_tags_written,
            article_reporters,
            related,
        }
    }
}

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

pub use related::Related;
pub use terms::Term;

/// Position of an article in the newest-first list.
pub type ArticleId = u32;

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

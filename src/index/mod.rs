//! The site's indices, computed once from the published articles.
//!
//! Articles are addressed by [`ArticleId`], their position in the
//! newest-first list, so every list of ids sorted ascending is newest first.
//! Sections, tags and reporters are [`Term`]s (a display name, a URL segment
//! and the ids of their articles); [`related`] ranks each article's related
//! coverage. Nothing here copies an article.

pub mod front;
pub mod related;
mod related_cache;
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
    /// The front page's blocks.
    pub front: front::FrontBlocks,
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

    /// The articles before and after `id` in its section: the newer one
    /// and the older one.
    pub fn section_neighbours(&self, id: ArticleId) -> (Option<ArticleId>, Option<ArticleId>) {
        let list = &self.sections[self.article_section[id as usize] as usize].articles;
        match list.binary_search(&id) {
            Ok(pos) => (
                pos.checked_sub(1).map(|p| list[p]),
                list.get(pos + 1).copied(),
            ),
            Err(_) => (None, None),
        }
    }

    /// The reporter's other articles in `id`'s box, at most `count`: the
    /// ones published just before it, or, for the reporter's first few
    /// articles, the `count` oldest others. So a new article enters no
    /// box but those of the reporter's `count` oldest articles and of the
    /// `count` articles after it, instead of every box of the reporter.
    pub fn reporter_others(
        &self,
        reporter: u32,
        id: ArticleId,
        count: usize,
    ) -> impl Iterator<Item = ArticleId> + '_ {
        let list = &self.reporters[reporter as usize].articles;
        // Lists run newest first, in article order: these are the older.
        let older = list.partition_point(|&other| other <= id);
        let window = if list.len() - older >= count {
            older..older + count
        } else {
            list.len().saturating_sub(count + 1)..list.len()
        };
        list[window]
            .iter()
            .copied()
            .filter(move |&other| other != id)
            .take(count)
    }

    /// Where "N건의 관련기사 더보기" leads: the first tag the author wrote
    /// that other articles carry, and how many others it lists (the tag
    /// page shows them all, over its pages, with this one).
    pub fn related_more(&self, id: ArticleId) -> Option<(u32, usize)> {
        self.article_tags_written[id as usize]
            .iter()
            .map(|&t| (t, self.tags[t as usize].articles.len().saturating_sub(1)))
            .find(|&(_, others)| others > 0)
    }

    pub fn build(config: &Config, articles: &[Article]) -> Self {
        SiteIndex::build_cached(config, articles, None)
    }

    /// [`SiteIndex::build`], reusing the related articles saved at
    /// `related_cache` by the last build when their inputs are unchanged.
    pub fn build_cached(
        config: &Config,
        articles: &[Article],
        related_cache: Option<&std::path::Path>,
    ) -> Self {
        let mut lap = crate::timing::Lap::start("index");
        let sections = terms::sections(config, articles);
        let tags = terms::tags(articles);
        let reporters = terms::reporters(config, articles);
        let article_section = terms::membership_single(&sections, articles.len());
        let article_tags = terms::membership(&tags, articles.len());
        let article_tags_written = terms::tags_as_written(&tags, articles);
        let article_reporters = terms::reporter_membership(&reporters, articles);
        lap.mark("terms");
        let related = match related_cache {
            Some(path) => related::compute_with(articles, &tags, &article_tags, |input| {
                related_cache::compute_cached(input, path)
            }),
            None => related::compute(articles, &tags, &article_tags),
        };
        lap.mark("related");
        let traits: Vec<front::Traits> = articles.iter().map(front::Traits::from).collect();
        let front = front::blocks(&traits, &sections, &config.front_page);
        lap.mark("front page");
        SiteIndex {
            sections,
            tags,
            reporters,
            article_section,
            article_tags,
            article_tags_written,
            article_reporters,
            related,
            front,
        }
    }
}

//! What the front page shows, block by block, as article ids.
//!
//! - the lead story: the newest article with `featured: true`, else the
//!   newest with a lead image, else the newest;
//! - secondary stories: the next newest (`[front_page] secondary`);
//! - 최신기사: the next newest headlines (`latest`);
//! - one block per section, in navigation order: its newest articles
//!   (`section_articles`);
//! - 포토뉴스: the newest articles with a lead image (`photos`), the lead
//!   story aside.
//!
//! Each block is found by one pass over the newest-first list that stops
//! as soon as it is full, so the front page costs the same at 1,000 or
//! 200,000 articles (but for a lead that must be searched for).

use super::{ArticleId, Term};
use crate::config::FrontPage;
use crate::content::Article;

/// What the front page needs to know of each article.
#[derive(Debug, Clone, Copy, Default)]
pub struct Traits {
    pub featured: bool,
    pub has_image: bool,
}

impl From<&Article> for Traits {
    fn from(a: &Article) -> Self {
        Traits {
            featured: a.featured,
            has_image: a.image.is_some(),
        }
    }
}

/// The front page's blocks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontBlocks {
    pub lead: Option<ArticleId>,
    pub secondary: Vec<ArticleId>,
    pub latest: Vec<ArticleId>,
    /// Per section (index into the sections): its newest articles.
    pub sections: Vec<Vec<ArticleId>>,
    pub photos: Vec<ArticleId>,
}

/// The blocks of the front page of `articles` (newest first).
pub fn blocks(articles: &[Traits], sections: &[Term], sizes: &FrontPage) -> FrontBlocks {
    let ids = || 0..articles.len() as ArticleId;
    let has_image = |id: &ArticleId| articles[*id as usize].has_image;
    let lead = ids()
        .find(|&id| articles[id as usize].featured)
        .or_else(|| ids().find(has_image))
        .or_else(|| ids().next());
    let others = || ids().filter(move |&id| Some(id) != lead);
    let secondary: Vec<ArticleId> = others().take(sizes.secondary).collect();
    let latest = others().skip(secondary.len()).take(sizes.latest).collect();
    FrontBlocks {
        lead,
        secondary,
        latest,
        sections: sections
            .iter()
            .map(|t| {
                t.articles
                    .iter()
                    .copied()
                    .take(sizes.section_articles)
                    .collect()
            })
            .collect(),
        photos: others().filter(has_image).take(sizes.photos).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(featured: bool, has_image: bool) -> Traits {
        Traits {
            featured,
            has_image,
        }
    }

    const SIZES: FrontPage = FrontPage {
        secondary: 2,
        latest: 2,
        section_articles: 1,
        photos: 2,
    };

    #[test]
    fn the_lead_is_the_newest_featured_else_the_newest_with_an_image() {
        let articles = vec![
            article(false, false),
            article(false, true),
            article(true, false),
            article(false, true),
            article(false, false),
            article(false, true),
        ];
        let b = blocks(&articles, &[], &SIZES);
        assert_eq!(b.lead, Some(2));
        assert_eq!(b.secondary, vec![0, 1]);
        assert_eq!(b.latest, vec![3, 4]);
        assert_eq!(b.photos, vec![1, 3]);
        let b = blocks(&articles[3..], &[], &SIZES);
        assert_eq!(b.lead, Some(0), "no featured: the newest with an image");
        let b = blocks(&[article(false, false)], &[], &SIZES);
        assert_eq!((b.lead, b.secondary.len()), (Some(0), 0));
        assert_eq!(blocks(&[], &[], &SIZES), FrontBlocks::default());
    }

    #[test]
    fn section_blocks_take_each_sections_newest() {
        let articles: Vec<Traits> = (0..4).map(|_| article(false, false)).collect();
        let sections = vec![
            Term {
                name: "가".into(),
                slug: "가".into(),
                articles: vec![1, 3],
            },
            Term {
                name: "나".into(),
                slug: "나".into(),
                articles: vec![],
            },
        ];
        let b = blocks(&articles, &sections, &SIZES);
        assert_eq!(b.sections, vec![vec![1], vec![]]);
    }
}

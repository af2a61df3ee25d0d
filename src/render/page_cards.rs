//! Which article cards a page shows: its fingerprint hashes them, and a
//! build makes only the cards of the pages it renders.
//!
//! Keep it in step with the page contexts (`context.rs`,
//! `article_page.rs`): a card a page shows but this leaves out would be
//! missing from the page (and the random edit tests, which compare every
//! incremental build with a full one, would fail).

use super::Page;
use super::pagination::{page_range, page_slice};
use crate::index::{ArticleId, SiteIndex};

/// Calls `visit` with every card `page` shows, in order, and `None` where
/// a list ends or an optional card is absent, so that the sequence tells
/// the lists apart. `articles` is the article count.
pub fn visit(
    page: &Page,
    index: &SiteIndex,
    articles: usize,
    per_page: usize,
    reporter_articles: usize,
    visit: &mut dyn FnMut(Option<ArticleId>),
) {
    let mut list = |ids: &mut dyn Iterator<Item = ArticleId>| {
        ids.for_each(|id| visit(Some(id)));
        visit(None);
    };
    match page {
        Page::Article(id) => {
            list(&mut std::iter::once(*id));
            list(&mut index.related[*id as usize].ids.iter().copied());
            for &reporter in &index.article_reporters[*id as usize] {
                list(&mut index.reporter_others(reporter, *id, reporter_articles));
            }
            let (newer, older) = index.section_neighbours(*id);
            list(&mut newer.into_iter());
            list(&mut older.into_iter());
        }
        Page::Front { number } => {
            list(&mut page_range(articles, *number, per_page).map(|i| i as ArticleId));
            if *number == 1 {
                let front = &index.front;
                // The newest article's date heads the page.
                list(&mut (0..articles.min(1) as ArticleId));
                list(&mut front.lead.into_iter());
                for ids in [&front.secondary, &front.latest, &front.photos]
                    .into_iter()
                    .chain(&front.sections)
                {
                    list(&mut ids.iter().copied());
                }
            }
        }
        Page::Term { kind, term, number } => {
            let ids = &index.terms(*kind)[*term].articles;
            list(&mut page_slice(ids, *number, per_page).iter().copied());
        }
        Page::Alias { article, .. } => list(&mut std::iter::once(*article)),
        Page::NotFound => list(&mut (0..articles.min(5) as ArticleId)),
        Page::TermIndex(_) | Page::Standalone(_) | Page::Search => {}
    }
}

/// Which of `articles` cards the pages picked by `rendered` show.
pub fn needed<'a>(
    pages: impl Iterator<Item = &'a Page>,
    index: &SiteIndex,
    articles: usize,
    per_page: usize,
    reporter_articles: usize,
) -> Vec<bool> {
    let mut needed = vec![false; articles];
    for page in pages {
        visit(
            page,
            index,
            articles,
            per_page,
            reporter_articles,
            &mut |id| {
                if let Some(id) = id {
                    needed[id as usize] = true;
                }
            },
        );
    }
    needed
}

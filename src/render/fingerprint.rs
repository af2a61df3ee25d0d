//! Fingerprints of what each output file is made from.
//!
//! A page's fingerprint hashes every input its context is built from: the
//! fingerprints of the article cards it shows (an article's file plus the
//! names and URLs of its section, tags and reporters), its term and counts,
//! its page number and page count, and the site's navigation. Two builds
//! that give a page the same fingerprint render it identically, so `serve`
//! re-renders only pages whose fingerprint changed and still ends up with
//! exactly what a full build writes.

use std::hash::{Hash, Hasher};

use rayon::prelude::*;
use xxhash_rust::xxh3::Xxh3;

use super::Page;
use super::page_cards;
use super::pagination::furniture;
use crate::config::Config;
use crate::content::{Article, StandalonePage};
use crate::index::{ArticleId, SiteIndex, Term, TermKind};
use crate::urls::SitePath;

fn hash_of(value: impl Hash) -> u64 {
    let mut h = Xxh3::new();
    value.hash(&mut h);
    h.finish()
}

fn identity(t: &Term) -> u64 {
    hash_of((&t.name, &t.slug))
}

fn with_count(t: &Term) -> u64 {
    hash_of((identity(t), t.articles.len()))
}

/// The year of the footer's copyright line: the newest article's.
pub fn copyright_year(config: &Config, articles: &[Article]) -> Option<i16> {
    articles
        .first()
        .map(|a| crate::dates::in_zone(a.date, &config.timezone).year())
}

/// The fingerprints of one build's inputs.
pub struct Fingerprints {
    /// Per article: its card.
    pub cards: Vec<u64>,
    /// Per article: its body, with the URLs its source links lead to.
    bodies: Vec<u64>,
    sections: Vec<u64>,
    tags: Vec<u64>,
    reporters: Vec<u64>,
    /// What every page shows: the navigation.
    site: u64,
    per_page: usize,
    feed_limit: usize,
    reporter_articles: usize,
}

impl Fingerprints {
    pub fn new(
        config: &Config,
        articles: &[Article],
        standalone: &[StandalonePage],
        index: &SiteIndex,
    ) -> Self {
        let sections: Vec<u64> = index.sections.iter().map(identity).collect();
        let tags: Vec<u64> = index.tags.iter().map(identity).collect();
        let reporters: Vec<u64> = index.reporters.iter().map(identity).collect();
        // What every page shows (a card's HTML too): the navigation, the
        // footer's links to standalone pages and its copyright year.
        let footer: Vec<(&str, &SitePath)> = standalone
            .iter()
            .filter(|p| p.footer)
            .map(|p| (p.title.as_str(), &p.path))
            .collect();
        let site = hash_of((&sections, footer, copyright_year(config, articles)));
        let cards = articles
            .par_iter()
            .enumerate()
            .map(|(id, a)| {
                let mut h = Xxh3::new();
                (site, a.card_fingerprint).hash(&mut h);
                sections[index.article_section[id] as usize].hash(&mut h);
                for &t in &index.article_tags_written[id] {
                    tags[t as usize].hash(&mut h);
                }
                for &r in &index.article_reporters[id] {
                    reporters[r as usize].hash(&mut h);
                }
                h.finish()
            })
            .collect();
        let linked = articles
            .iter()
            .any(|a| a.links.iter().any(|l| l.source.is_some()));
        let sources = if linked {
            crate::content::links::by_source(articles)
        } else {
            Default::default()
        };
        let bodies = articles
            .iter()
            .map(|a| {
                let targets = a.links.iter().filter_map(|l| l.source.as_ref());
                let paths: Vec<Option<&SitePath>> = targets
                    .map(|t| {
                        let id = t.path.as_ref().and_then(|p| sources.get(p));
                        id.map(|&i| &articles[i].path)
                    })
                    .collect();
                // The photos' bytes too: a replaced photo changes the
                // page's `srcset`, `width` and `height`, not its text.
                match (paths.is_empty(), a.photos.is_empty()) {
                    (true, true) => a.fingerprint,
                    _ => hash_of((a.fingerprint, paths, &a.photos)),
                }
            })
            .collect();
        Fingerprints {
            cards,
            bodies,
            site,
            sections,
            tags,
            reporters,
            per_page: config.articles_per_page,
            feed_limit: config.feed_limit,
            reporter_articles: config.reporter_articles,
        }
    }

    fn terms(&self, kind: TermKind) -> &[u64] {
        match kind {
            TermKind::Section => &self.sections,
            TermKind::Tag => &self.tags,
            TermKind::Reporter => &self.reporters,
        }
    }

    pub fn page(
        &self,
        page: &Page,
        index: &SiteIndex,
        articles: &[Article],
        standalone: &[StandalonePage],
    ) -> u64 {
        let mut h = Xxh3::new();
        (self.site, std::mem::discriminant(page)).hash(&mut h);
        // What the page shows besides its cards (hashed below).
        match page {
            Page::Article(id) => {
                let r = &index.related[*id as usize];
                let a = &articles[*id as usize];
                (self.bodies[*id as usize], a.related_count).hash(&mut h);
                r.rarest_tag.map(|t| self.tags[t as usize]).hash(&mut h);
                // The furniture: "more related".
                index
                    .related_more(*id)
                    .map(|(t, n)| (self.tags[t as usize], n))
                    .hash(&mut h);
            }
            Page::Front { number } => {
                (furniture(articles.len(), *number, self.per_page), number).hash(&mut h);
            }
            Page::Term { kind, term, number } => {
                let len = index.terms(*kind)[*term].articles.len();
                self.terms(*kind)[*term].hash(&mut h);
                (furniture(len, *number, self.per_page), number).hash(&mut h);
            }
            Page::TermIndex(kind) => index
                .terms(*kind)
                .iter()
                .map(with_count)
                .for_each(|x| x.hash(&mut h)),
            Page::Standalone(i) => standalone[*i as usize].fingerprint.hash(&mut h),
            Page::Alias { alias, .. } => alias.hash(&mut h),
            Page::NotFound => {}
            // Its filters list every section, reporter and tag.
            Page::Search => (&self.sections, &self.tags, &self.reporters).hash(&mut h),
        }
        let (per_page, reporter_articles) = (self.per_page, self.reporter_articles);
        page_cards::visit(
            page,
            index,
            articles.len(),
            per_page,
            reporter_articles,
            &mut |id| id.map(|i| self.cards[i as usize]).hash(&mut h),
        );
        h.finish()
    }

    /// The sitemap: every page's URL (the article places and the page
    /// count) and every article's last change.
    pub fn sitemap(&self, articles: &[Article], urls: usize) -> u64 {
        let mut h = Xxh3::new();
        (self.site, urls).hash(&mut h);
        for a in articles {
            (a.structure_fingerprint, a.updated).hash(&mut h);
        }
        h.finish()
    }

    /// The news sitemap of these articles.
    pub fn news(&self, news: &[&Article]) -> u64 {
        let mut h = Xxh3::new();
        for a in news {
            a.card_fingerprint.hash(&mut h);
        }
        h.finish()
    }

    /// A feed listing `ids` (newest first) under a term (or the site);
    /// with `bodies`, its entries carry the articles' full HTML.
    pub fn feed(&self, term: Option<&Term>, ids: &[ArticleId], bodies: bool) -> u64 {
        let mut h = Xxh3::new();
        (term.map(identity), bodies).hash(&mut h);
        for &id in ids.iter().take(self.feed_limit) {
            self.cards[id as usize].hash(&mut h);
            if bodies {
                self.bodies[id as usize].hash(&mut h);
            }
        }
        h.finish()
    }
}

//! What the index needs of one article: its distinct terms in the order
//! first met (title first, then subtitles, summary and body).
//!
//! They are made when the article is parsed and kept with it (and in the
//! article cache), so that a build after an edit tokenizes the edited
//! article only, and the index is put together from lists without reading
//! any body. [`super::index::postings`] makes postings from the text the
//! same way (with any analyzer, for the evaluation bench); a test holds
//! both to a plain reference.

use ahash::RandomState;
use hashbrown::HashTable;
use serde::{Deserialize, Serialize};

use super::tokenize::{self, Analyzer};
use crate::content::Article;

/// An article's terms, each on its own line; the first `in_title` are the
/// title's.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleTerms {
    lines: Box<str>,
    in_title: u32,
}

impl ArticleTerms {
    /// The terms with whether each is in the title.
    pub fn iter(&self) -> impl Iterator<Item = (&str, bool)> {
        let in_title = self.in_title as usize;
        self.lines
            .split('\n')
            .filter(|t| !t.is_empty())
            .enumerate()
            .map(move |(i, t)| (t, i < in_title))
    }

    /// A hash of the terms and which are the title's.
    pub fn fingerprint(&self) -> u64 {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        h.update(self.lines.as_bytes());
        h.update(&self.in_title.to_le_bytes());
        h.digest()
    }
}

/// One worker's scratch space for making articles' terms: the list being
/// made, and which terms it holds (a small table, cleared per article, so
/// that the hot loop stays in the CPU's caches; a table of every word of
/// the site did not).
pub struct TermScratch {
    analyzer: Analyzer,
    buffer: String,
    lines: String,
    /// Each term listed so far, as its place in `lines`.
    seen: HashTable<(u32, u32)>,
    hasher: RandomState,
}

impl Default for TermScratch {
    fn default() -> Self {
        TermScratch::new(Analyzer::Stems)
    }
}

impl TermScratch {
    pub fn new(analyzer: Analyzer) -> Self {
        TermScratch {
            analyzer,
            buffer: String::new(),
            lines: String::new(),
            seen: HashTable::new(),
            hasher: RandomState::new(),
        }
    }

    /// Lists the terms of `text` not listed yet.
    fn add_text(&mut self, text: &str) {
        let TermScratch {
            analyzer,
            buffer,
            lines,
            seen,
            hasher,
        } = self;
        for word in tokenize::words(text) {
            tokenize::word_terms(word, *analyzer, buffer, &mut |t| {
                if !t.contains('\n') {
                    list(lines, seen, hasher, t);
                }
            });
        }
    }
}

fn list(lines: &mut String, seen: &mut HashTable<(u32, u32)>, hasher: &RandomState, term: &str) {
    if term.is_empty() {
        return;
    }
    let hash = hasher.hash_one(term);
    let listed = |&(start, len): &(u32, u32)| {
        let listed = &lines.as_bytes()[start as usize..(start + len) as usize];
        // Compared in place: terms are short, a call to `memcmp` costs more.
        listed.len() == term.len() && listed.iter().zip(term.as_bytes()).all(|(a, b)| a == b)
    };
    if seen.find(hash, listed).is_some() {
        return;
    }
    let start = lines.len() as u32;
    lines.push_str(term);
    lines.push('\n');
    seen.insert_unique(hash, (start, term.len() as u32), |&(start, len)| {
        hasher.hash_one(&lines[start as usize..(start + len) as usize])
    });
}

/// The terms of `article` (none when it is left out of the search).
pub fn of(article: &Article, scratch: &mut TermScratch) -> ArticleTerms {
    if !article.search {
        return ArticleTerms::default();
    }
    scratch.lines.clear();
    scratch.seen.clear();
    scratch.add_text(&article.title);
    let in_title = scratch.seen.len() as u32;
    for text in article.subtitle.iter().chain([&article.summary]) {
        scratch.add_text(text);
    }
    let body = article.content.html();
    super::text::for_each_text(&body, |text| scratch.add_text(text));
    ArticleTerms {
        lines: scratch.lines.as_str().into(),
        in_title,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::search::{index, text};

    /// The postings of `docs` the plain way: every term of every text,
    /// with a map per term (title terms flagged).
    fn reference(docs: &[index::Doc<'_>]) -> index::Postings {
        let mut map: BTreeMap<String, BTreeMap<u32, bool>> = BTreeMap::new();
        for (id, d) in (0u32..).zip(docs) {
            let mut add = |text: &str, title: bool| {
                tokenize::terms(text, Analyzer::Stems, |t| {
                    map.entry(t.to_string())
                        .or_default()
                        .entry(id)
                        .or_insert(title);
                })
            };
            let a = d.article;
            add(&a.title, true);
            for text in a.subtitle.iter().chain([&a.summary]) {
                add(text, false);
            }
            add(&text::html_text(&a.content.html()), false);
            let filters = std::iter::once(format!(":s{}", d.section))
                .chain(d.reporters.iter().map(|r| format!(":r{r}")))
                .chain(d.tags.iter().map(|t| format!(":t{t}")));
            for f in filters {
                map.entry(f).or_default().insert(id, false);
            }
        }
        map.into_iter()
            .map(|(t, ids)| {
                let list = ids
                    .into_iter()
                    .map(|(id, title)| id << 1 | u32::from(title));
                (t, list.collect())
            })
            .collect()
    }

    #[test]
    fn kept_terms_and_text_give_the_plain_postings() {
        let site = crate::search::example_site();
        let docs = super::super::documents(&site.content.articles, &site.index);
        assert!(docs.len() > 5, "{} articles", docs.len());
        let kept = index::postings_kept(&docs);
        assert!(kept.iter().any(|(t, _)| t == "올트먼"), "a Korean stem");
        let plain = reference(&docs);
        assert_eq!(kept, plain);
        assert_eq!(index::postings(&docs, Analyzer::Stems), plain);
    }

    #[test]
    fn title_terms_come_first_and_each_term_once() {
        let terms = ArticleTerms {
            lines: "반도체\n수출\n반도체업계\n".into(),
            in_title: 2,
        };
        let listed: Vec<(&str, bool)> = terms.iter().collect();
        assert_eq!(
            listed,
            [("반도체", true), ("수출", true), ("반도체업계", false)]
        );
    }
}

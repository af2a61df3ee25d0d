//! What the index needs of one article: its distinct terms in the order
//! first met (title first, then subtitles, summary and body).
//!
//! They are made when the article is parsed and kept with it (and in the
//! article cache), so that a build after an edit tokenizes the edited
//! article only, and the index is put together from lists without reading
//! any body. [`super::index::postings`] makes the same postings from the
//! text; a test holds the two to each other.

use std::collections::{HashMap, HashSet};

use ahash::RandomState;
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
}

/// The terms of words already seen, kept by each loading worker across the
/// articles it reads (folding and stemming a word once).
#[derive(Default)]
pub struct WordCache {
    /// A word to its range in `word_terms`.
    words: HashMap<Box<str>, (u32, u32), RandomState>,
    /// Term numbers, word after word.
    word_terms: Vec<u32>,
    /// A term to its number, and the terms by number.
    numbers: HashMap<Box<str>, u32, RandomState>,
    terms: Vec<Box<str>>,
    buffer: String,
}

impl WordCache {
    /// The numbers of the terms of `word`.
    fn terms_of(&mut self, word: &str) -> std::ops::Range<usize> {
        let (start, len) = match self.words.get(word) {
            Some(&range) => range,
            None => {
                let start = self.word_terms.len() as u32;
                let WordCache {
                    word_terms,
                    numbers,
                    terms,
                    buffer,
                    ..
                } = self;
                tokenize::word_terms(word, Analyzer::Stems, buffer, &mut |t| {
                    if t.is_empty() || t.contains('\n') {
                        return;
                    }
                    let n = *numbers.entry(t.into()).or_insert_with(|| {
                        terms.push(t.into());
                        terms.len() as u32 - 1
                    });
                    word_terms.push(n);
                });
                let range = (start, self.word_terms.len() as u32 - start);
                self.words.insert(word.into(), range);
                range
            }
        };
        start as usize..(start + len) as usize
    }
}

/// The terms of `article` (none when it is left out of the search).
pub fn of(article: &Article, cache: &mut WordCache) -> ArticleTerms {
    if !article.search {
        return ArticleTerms::default();
    }
    let mut list = List {
        cache,
        seen: HashSet::default(),
        lines: String::new(),
    };
    list.add(&article.title);
    let in_title = list.seen.len() as u32;
    for text in article.subtitle.iter().chain([&article.summary]) {
        list.add(text);
    }
    let body = article.content.html();
    super::text::for_each_text(&body, |text| list.add(text));
    ArticleTerms {
        lines: list.lines.into_boxed_str(),
        in_title,
    }
}

struct List<'a> {
    cache: &'a mut WordCache,
    /// The numbers of the terms listed so far.
    seen: HashSet<u32, RandomState>,
    lines: String,
}

impl List<'_> {
    fn add(&mut self, text: &str) {
        for word in tokenize::words(text) {
            for k in self.cache.terms_of(word) {
                let n = self.cache.word_terms[k];
                if self.seen.insert(n) {
                    self.lines.push_str(&self.cache.terms[n as usize]);
                    self.lines.push('\n');
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::index;

    #[test]
    fn kept_terms_give_the_postings_of_the_text() {
        let options = crate::BuildOptions {
            root: env!("CARGO_MANIFEST_DIR").into(),
            drafts: true,
            future: true,
            ..Default::default()
        };
        let site = crate::site::Site::load(&options).unwrap();
        let docs = super::super::documents(&site.content.articles, &site.index);
        assert!(docs.len() > 5, "{} articles", docs.len());
        let kept = index::postings_kept(&docs);
        assert!(kept.iter().any(|(t, _)| t == "올트먼"), "a Korean stem");
        assert_eq!(kept, index::postings(&docs, Analyzer::Stems));
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

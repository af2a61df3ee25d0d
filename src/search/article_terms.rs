//! What the index needs of one article: its distinct terms in the order
//! first met (title first, then subtitles, summary and body).
//!
//! They are made when the article is parsed and kept with it (and in the
//! article cache), so that a build after an edit tokenizes the edited
//! article only, and the index is put together from lists without reading
//! any body. [`super::index::postings`] makes the same postings from the
//! text; a test holds the two to each other.

use std::collections::HashMap;

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

/// The terms of words already seen, kept by one worker across the articles
/// it reads (folding and stemming each distinct word once), and which
/// terms the current article has met already.
pub struct WordCache {
    analyzer: Analyzer,
    /// A word to its range in `word_terms`.
    words: HashMap<Box<str>, (u32, u32), RandomState>,
    /// Term numbers, word after word.
    word_terms: Vec<u32>,
    /// A term to its number, and the terms by number.
    numbers: HashMap<Box<str>, u32, RandomState>,
    terms: Vec<Box<str>>,
    /// Per term number, the last article that met it: a term is new to
    /// the current article when its mark is not `article`.
    marks: Vec<u32>,
    article: u32,
    buffer: String,
}

impl Default for WordCache {
    fn default() -> Self {
        WordCache::new(Analyzer::Stems)
    }
}

impl WordCache {
    pub fn new(analyzer: Analyzer) -> Self {
        WordCache {
            analyzer,
            words: HashMap::default(),
            word_terms: Vec::new(),
            numbers: HashMap::default(),
            terms: Vec::new(),
            marks: Vec::new(),
            article: 0,
            buffer: String::new(),
        }
    }

    /// The term numbered `n`.
    pub fn term(&self, n: u32) -> &str {
        &self.terms[n as usize]
    }

    /// Starts the next article: every term is new to it again.
    pub fn next_article(&mut self) {
        self.article += 1;
    }

    /// Pushes onto `fresh` the number of each term of `text` that the
    /// current article has not met before, in order.
    pub fn new_terms(&mut self, text: &str, fresh: &mut Vec<u32>) {
        for word in tokenize::words(text) {
            let (start, len) = match self.words.get(word) {
                Some(&range) => range,
                None => self.add_word(word),
            };
            for &n in &self.word_terms[start as usize..(start + len) as usize] {
                let mark = &mut self.marks[n as usize];
                if *mark != self.article {
                    *mark = self.article;
                    fresh.push(n);
                }
            }
        }
    }

    /// Folds and stems a word not seen before; its range in `word_terms`.
    fn add_word(&mut self, word: &str) -> (u32, u32) {
        let start = self.word_terms.len() as u32;
        let WordCache {
            word_terms,
            numbers,
            terms,
            marks,
            buffer,
            ..
        } = self;
        tokenize::word_terms(word, self.analyzer, buffer, &mut |t| {
            if t.is_empty() || t.contains('\n') {
                return;
            }
            let n = *numbers.entry(t.into()).or_insert_with(|| {
                terms.push(t.into());
                marks.push(0);
                terms.len() as u32 - 1
            });
            word_terms.push(n);
        });
        let range = (start, self.word_terms.len() as u32 - start);
        self.words.insert(word.into(), range);
        range
    }
}

/// The terms of `article` (none when it is left out of the search).
pub fn of(article: &Article, cache: &mut WordCache) -> ArticleTerms {
    if !article.search {
        return ArticleTerms::default();
    }
    let mut fresh = Vec::new();
    cache.next_article();
    cache.new_terms(&article.title, &mut fresh);
    let in_title = fresh.len() as u32;
    for text in article.subtitle.iter().chain([&article.summary]) {
        cache.new_terms(text, &mut fresh);
    }
    let body = article.content.html();
    super::text::for_each_text(&body, |text| cache.new_terms(text, &mut fresh));
    let mut lines = String::with_capacity(fresh.len() * 8);
    for n in fresh {
        lines.push_str(cache.term(n));
        lines.push('\n');
    }
    ArticleTerms {
        lines: lines.into_boxed_str(),
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

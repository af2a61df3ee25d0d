//! The inverted index: terms to articles, cut into shards a browser loads
//! one at a time.
//!
//! Articles are numbered oldest first, so a new article takes the next
//! number and leaves every other posting as it was; "newest first" is
//! "highest number first". A posting is `number * 2 + 1` when the term is
//! in the title, `number * 2` otherwise; a term's postings are stored as
//! differences from the previous one. Section, reporter and tag filters are
//! terms too (`:s3`, `:r0`, `:t41`, numbered as in the meta file's lists).
//!
//! A term goes to the shard of its first two characters (the whole term
//! for a filter), so every term that a query term is a prefix of is in the
//! query term's shard. The shard count grows with the number of articles
//! only (a power of two), so an edit rewrites only the shards whose terms
//! it changed.

use std::collections::HashMap;

use rayon::prelude::*;
use serde::ser::{Serialize, SerializeMap, Serializer};
use xxhash_rust::xxh3::Xxh3Builder;

use super::text::html_text;
use super::tokenize::{self, Analyzer};
use crate::content::Article;

/// One searchable article with its filters.
pub struct Doc<'a> {
    pub article: &'a Article,
    pub section: u32,
    pub reporters: &'a [u32],
    pub tags: &'a [u32],
}

/// Every term with its postings (ascending), sorted by term.
pub type Postings = Vec<(String, Vec<u32>)>;

/// About 32 articles per shard, from 1 to 2048 shards.
pub fn shard_count(docs: usize) -> usize {
    (docs / 32).next_power_of_two().clamp(1, 2048)
}

/// The shard of `term` (the client computes the same).
pub fn shard_of(term: &str, shards: usize) -> usize {
    let key = if term.starts_with(':') {
        term
    } else {
        let end = term.char_indices().nth(2).map_or(term.len(), |(i, _)| i);
        &term[..end]
    };
    (fnv1a(key.as_bytes()) as usize) % shards
}

/// 32-bit FNV-1a: a few lines in any language, stable across versions.
pub fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5_u32, |h, &b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

type TermMap = HashMap<String, Vec<u32>, Xxh3Builder>;

/// The postings of `docs` (document `i` is number `i`).
pub fn postings(docs: &[Doc<'_>], analyzer: Analyzer) -> Postings {
    let map = docs
        .par_iter()
        .enumerate()
        .fold(TermMap::default, |mut map, (id, doc)| {
            add_doc(&mut map, id as u32, doc, analyzer);
            map
        })
        .reduce(TermMap::default, merge);
    let mut terms: Postings = map.into_iter().collect();
    terms.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    terms.par_iter_mut().for_each(|(_, p)| p.sort_unstable());
    terms
}

fn merge(mut a: TermMap, mut b: TermMap) -> TermMap {
    if a.len() < b.len() {
        std::mem::swap(&mut a, &mut b);
    }
    for (term, mut list) in b {
        a.entry(term).or_default().append(&mut list);
    }
    a
}

/// Adds the terms of one article; within a fold documents come in order,
/// so a term already seen in this document is its list's last entry.
fn add_doc(map: &mut TermMap, id: u32, doc: &Doc<'_>, analyzer: Analyzer) {
    let mut add = |term: &str, title: bool| {
        let entry = (id << 1) | u32::from(title);
        match map.get_mut(term) {
            Some(list) if list.last().is_some_and(|l| l >> 1 == id) => {}
            Some(list) => list.push(entry),
            None => {
                map.insert(term.to_string(), vec![entry]);
            }
        }
    };
    let a = doc.article;
    tokenize::terms(&a.title, analyzer, |t| add(t, true));
    for text in a.subtitle.iter().chain([&a.summary]) {
        tokenize::terms(text, analyzer, |t| add(t, false));
    }
    tokenize::terms(&html_text(&a.content), analyzer, |t| add(t, false));
    add(&format!(":s{}", doc.section), false);
    for r in doc.reporters {
        add(&format!(":r{r}"), false);
    }
    for t in doc.tags {
        add(&format!(":t{t}"), false);
    }
}

/// The shards' JSON: per shard, an object of term to postings (deltas).
pub fn shard_files(terms: &Postings, shards: usize) -> Vec<Vec<u8>> {
    let mut groups: Vec<Vec<usize>> = vec![Vec::new(); shards];
    for (i, (term, _)) in terms.iter().enumerate() {
        groups[shard_of(term, shards)].push(i);
    }
    groups
        .par_iter()
        .map(|members| {
            let shard = Shard { terms, members };
            serde_json::to_vec(&shard).unwrap_or_default()
        })
        .collect()
}

struct Shard<'a> {
    terms: &'a Postings,
    members: &'a [usize],
}

impl Serialize for Shard<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.members.len()))?;
        for &i in self.members {
            let (term, list) = &self.terms[i];
            map.serialize_entry(term, &Deltas(list))?;
        }
        map.end()
    }
}

struct Deltas<'a>(&'a [u32]);

impl Serialize for Deltas<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut previous = 0;
        s.collect_seq(self.0.iter().map(|&p| {
            let delta = ((p >> 1) - previous) << 1 | (p & 1);
            previous = p >> 1;
            delta
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_fnv1a() {
        // Reference values of 32-bit FNV-1a.
        assert_eq!(fnv1a(b""), 0x811c_9dc5);
        assert_eq!(fnv1a(b"a"), 0xe40c_292c);
        assert_eq!(fnv1a(b"foobar"), 0xbf9c_f968);
    }

    #[test]
    fn a_term_shares_the_shard_of_its_first_two_characters() {
        for shards in [1, 8, 512] {
            assert_eq!(shard_of("반도체", shards), shard_of("반도", shards));
            assert_eq!(shard_of("반도체업계", shards), shard_of("반도", shards));
            assert!(shard_of("반", shards) < shards);
        }
        let spread: std::collections::BTreeSet<usize> = [":t1", ":t2", ":t3", ":t4", ":t5"]
            .iter()
            .map(|t| shard_of(t, 512))
            .collect();
        assert!(spread.len() > 1, "filters are spread by their whole name");
    }

    #[test]
    fn shard_counts_grow_with_the_site_in_powers_of_two() {
        assert_eq!(shard_count(0), 1);
        assert_eq!(shard_count(20), 1);
        assert_eq!(shard_count(10_000), 512);
        assert_eq!(shard_count(1_000_000), 2048);
    }

    #[test]
    fn postings_are_stored_as_differences_with_the_title_bit() {
        let terms: Postings = vec![("a".into(), vec![1, 4, 7, 20])];
        let files = shard_files(&terms, 1);
        // Numbers 0 (title), 2, 3 (title), 10.
        assert_eq!(String::from_utf8_lossy(&files[0]), r#"{"a":[1,4,3,14]}"#);
    }
}

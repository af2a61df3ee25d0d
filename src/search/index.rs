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

use ahash::RandomState;
use rayon::prelude::*;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::value::RawValue;

use super::article_terms::{self, ArticleTerms, TermScratch};
use super::tokenize::Analyzer;
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

/// The postings of `docs` (document `i` is number `i`), made from the text
/// with `analyzer`.
pub fn postings(docs: &[Doc<'_>], analyzer: Analyzer) -> Postings {
    collect(
        docs,
        || TermScratch::new(analyzer),
        |p, scratch, id, doc| p.add_doc(id, doc, &article_terms::of(doc.article, scratch)),
    )
}

/// The postings of `docs` from the terms kept with each article (see
/// [`super::article_terms`]): the same as [`postings`] with
/// [`Analyzer::Stems`], without reading a body.
pub fn postings_kept(docs: &[Doc<'_>]) -> Postings {
    collect(
        docs,
        || (),
        |p, _, id, doc| p.add_doc(id, doc, &doc.article.search_terms),
    )
}

/// Postings made by `add` for each document, in one run of documents per
/// thread (with one `state` per run, such as a scratch space for terms),
/// merged and sorted.
fn collect<S>(
    docs: &[Doc<'_>],
    state: impl Fn() -> S + Sync,
    add: impl Fn(&mut Partial, &mut S, u32, &Doc<'_>) + Sync,
) -> Postings {
    let run = docs.len().div_ceil(rayon::current_num_threads()).max(1);
    let partial = docs
        .par_chunks(run)
        .enumerate()
        .map(|(k, chunk)| {
            let (mut p, mut s) = (Partial::default(), state());
            for (i, doc) in chunk.iter().enumerate() {
                add(&mut p, &mut s, (k * run + i) as u32, doc);
            }
            p
        })
        .reduce(Partial::default, Partial::merge);
    sorted(partial.lists)
}

fn sorted(mut terms: Postings) -> Postings {
    terms.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    terms.par_iter_mut().for_each(|(_, p)| p.sort_unstable());
    terms
}

/// The postings of the documents one thread saw.
#[derive(Default)]
struct Partial {
    /// A term to its place in `lists`.
    terms: HashMap<Box<str>, u32, RandomState>,
    lists: Postings,
}

impl Partial {
    fn term(&mut self, term: &str) -> u32 {
        if let Some(&i) = self.terms.get(term) {
            return i;
        }
        let i = self.lists.len() as u32;
        self.terms.insert(term.into(), i);
        self.lists.push((term.to_string(), Vec::new()));
        i
    }

    /// Documents come in order, so a term already seen in this document
    /// is its list's last entry.
    fn post(&mut self, term: u32, id: u32, title: bool) {
        let list = &mut self.lists[term as usize].1;
        if list.last().is_none_or(|l| l >> 1 != id) {
            list.push((id << 1) | u32::from(title));
        }
    }

    fn add_doc(&mut self, id: u32, doc: &Doc<'_>, terms: &ArticleTerms) {
        for (term, title) in terms.iter() {
            let t = self.term(term);
            self.post(t, id, title);
        }
        self.add_filters(id, doc);
    }

    fn add_filters(&mut self, id: u32, doc: &Doc<'_>) {
        for f in filter_terms(doc.section, doc.reporters, doc.tags) {
            let i = self.term(&f);
            self.post(i, id, false);
        }
    }

    fn merge(mut self, other: Partial) -> Partial {
        for (term, mut list) in other.lists {
            let i = self.term(&term);
            self.lists[i as usize].1.append(&mut list);
        }
        self
    }
}

/// The filter terms of an article in `section` by `reporters` with `tags`.
pub fn filter_terms(section: u32, reporters: &[u32], tags: &[u32]) -> impl Iterator<Item = String> {
    std::iter::once(format!(":s{section}"))
        .chain(reporters.iter().map(|r| format!(":r{r}")))
        .chain(tags.iter().map(|t| format!(":t{t}")))
}

/// The shards' JSON: per shard, an object of term to postings (deltas).
pub fn shard_files(terms: &Postings, shards: usize) -> Vec<Vec<u8>> {
    let mut groups: Vec<Vec<(&str, &[u32])>> = vec![Vec::new(); shards];
    for (term, list) in terms {
        groups[shard_of(term, shards)].push((term, list));
    }
    groups
        .par_iter()
        .map(|members| shard_json(members))
        .collect()
}

/// One shard's JSON from its terms (sorted) with their postings.
pub fn shard_json(members: &[(&str, &[u32])]) -> Vec<u8> {
    serde_json::to_vec(&Shard(members)).unwrap_or_default()
}

/// A shard's terms with their postings as JSON text, in file order.
pub fn raw_entries(json: &[u8]) -> serde_json::Result<Vec<(String, &RawValue)>> {
    serde_json::from_slice::<RawShard>(json).map(|r| r.0)
}

/// Postings from their JSON text (deltas with the title bit).
pub fn decode_postings(raw: &RawValue) -> serde_json::Result<Vec<u32>> {
    let deltas: Vec<u32> = serde_json::from_str(raw.get())?;
    let mut id = 0u32;
    let list = deltas.iter().map(|&d| {
        id = id.saturating_add(d >> 1);
        (id << 1) | (d & 1)
    });
    Ok(list.collect())
}

/// Postings (ascending) as the JSON text of a shard.
pub fn encode_postings(list: &[u32]) -> Vec<u8> {
    serde_json::to_vec(&Deltas(list)).unwrap_or_default()
}

struct Shard<'a>(&'a [(&'a str, &'a [u32])]);

impl Serialize for Shard<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (term, list) in self.0 {
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

struct RawShard<'a>(Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for RawShard<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(RawShardVisitor(std::marker::PhantomData))
    }
}

struct RawShardVisitor<'a>(std::marker::PhantomData<&'a ()>);

impl<'de: 'a, 'a> Visitor<'de> for RawShardVisitor<'a> {
    type Value = RawShard<'a>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an object of terms to postings")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawShard<'a>, A::Error> {
        let mut terms = Vec::new();
        while let Some(entry) = map.next_entry::<String, &'de RawValue>()? {
            terms.push(entry);
        }
        Ok(RawShard(terms))
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
        let read = raw_entries(&files[0]).unwrap();
        assert_eq!(read.len(), 1);
        assert_eq!(
            (read[0].0.as_str(), decode_postings(read[0].1).unwrap()),
            ("a", terms[0].1.clone())
        );
        assert_eq!(encode_postings(&terms[0].1), b"[1,4,3,14]");
    }
}

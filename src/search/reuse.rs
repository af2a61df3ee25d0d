//! The last build's term shards, patched instead of made again.
//!
//! Making every shard means putting together the postings of every
//! article (about a second at 100k articles). After a small edit most
//! shards are as they were, so a build keeps a [`State`] (in
//! `.byline-cache/search.bin`): each searchable article's number, source,
//! terms hash and filters, and each shard's content hash. The next build
//! compares its documents with it. When every article kept its number
//! (edits, and articles added or removed at the newest end), only the
//! shards of the terms an edited article gained or lost, or an added or
//! removed article has, are read back from the output, patched and
//! written; the others stay as they are. Anything
//! else (an article inserted into the archive, a new tag shifting the
//! filter numbers, an output that is not what the state says) makes the
//! shards from scratch, which gives the same bytes.
//!
//! The old terms of an edited or removed article come from the article
//! cache (the entry this build did not take); a state or cache that does
//! not match, or a shard file that does not hash as the state says, is
//! never trusted: the build makes the shards from scratch.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

use super::article_terms::ArticleTerms;
use super::index::{self, Doc, Postings};
use crate::render::Selection;

const FORMAT: u32 = 1;
/// Above this share of shards to patch, making them all is as quick.
const MOST: f64 = 0.75;

/// What one searchable article contributed to the shards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocKey {
    source: u64,
    terms: u64,
    section: u32,
    reporters: Box<[u32]>,
    tags: Box<[u32]>,
}

impl DocKey {
    pub fn of(doc: &Doc<'_>) -> DocKey {
        DocKey {
            source: xxh3_64(doc.article.source.as_os_str().as_encoded_bytes()),
            terms: doc.article.search_terms.fingerprint(),
            section: doc.section,
            reporters: doc.reporters.into(),
            tags: doc.tags.into(),
        }
    }

    fn filters(&self) -> impl Iterator<Item = String> {
        index::filter_terms(self.section, &self.reporters, &self.tags)
    }
}

/// The term shards one build wrote, and what they were made of.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct State {
    format: u32,
    /// Everything that numbers filters and places terms (see [`key`]).
    key: u64,
    /// By number.
    docs: Vec<DocKey>,
    /// Each shard's content hash.
    shards: Vec<u64>,
}

impl State {
    pub fn new(key: u64, docs: Vec<DocKey>, shards: Vec<u64>) -> State {
        State {
            format: FORMAT,
            key,
            docs,
            shards,
        }
    }

    pub fn path(root: &Path) -> PathBuf {
        crate::output::cache_dir(root).join("search.bin")
    }

    /// The state saved at `path`, if any (of this format).
    pub fn load(path: &Path) -> Option<State> {
        let bytes = std::fs::read(path).ok()?;
        bincode::deserialize::<State>(&bytes)
            .ok()
            .filter(|s| s.format == FORMAT)
    }

    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let bytes = bincode::serialize(self).map_err(std::io::Error::other)?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        crate::output::write_atomically(path, &bytes)
    }
}

/// What the last build leaves this one: its state, and the terms of the
/// articles it had that this build parsed again or no longer has (by
/// source), from the article cache.
pub struct Before {
    pub state: State,
    pub old_terms: HashMap<u64, ArticleTerms>,
}

impl Before {
    pub fn new(state: State, old_terms: Vec<(PathBuf, ArticleTerms)>) -> Before {
        let old_terms = old_terms
            .into_iter()
            .map(|(source, terms)| (xxh3_64(source.as_os_str().as_encoded_bytes()), terms))
            .collect();
        Before { state, old_terms }
    }
}

/// What numbers filters and places terms: byline itself, the index
/// format, the shard count and the section, reporter and tag names.
pub fn key(version: u32, shards: usize, names: [&[crate::index::Term]; 3]) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    // The program too: another byline may make terms or shards otherwise.
    crate::output::hash_program(&mut h);
    h.update(&version.to_le_bytes());
    h.update(&(shards as u64).to_le_bytes());
    for list in names {
        h.update(&(list.len() as u64).to_le_bytes());
        for t in list {
            h.update(t.name.as_bytes());
            h.update(b"\n");
        }
    }
    h.digest()
}

/// One term shard of this build.
pub enum ShardFile {
    /// As the last build wrote it, with this content hash.
    Kept(u64),
    Made(Vec<u8>),
}

/// The term shards patched from the last build's (`files` are their
/// output paths), or `None` when they must be made from scratch.
pub fn patch(
    before: &Before,
    key: u64,
    docs: &[Doc<'_>],
    keys: &[DocKey],
    files: &[String],
    select: &dyn Selection,
) -> Option<Vec<ShardFile>> {
    let old = &before.state;
    if old.key != key || old.shards.len() != files.len() {
        return None;
    }
    let common = old.docs.len().min(keys.len());
    let mut changed = Vec::new();
    for (i, (was, now)) in old.docs.iter().zip(keys).enumerate() {
        if was.source != now.source {
            return None;
        }
        if was != now {
            changed.push(i);
        }
    }
    let removed: Vec<usize> = changed
        .iter()
        .copied()
        .chain(common..old.docs.len())
        .collect();
    let added: Vec<usize> = changed.into_iter().chain(common..keys.len()).collect();

    let shards = files.len();
    let mut dirty = vec![false; shards];
    let mut mark = |term: &str| dirty[index::shard_of(term, shards)] = true;
    for &i in &removed {
        let was = &old.docs[i];
        let terms = match keys.get(i) {
            Some(now) if now.terms == was.terms => &docs[i].article.search_terms,
            _ => before
                .old_terms
                .get(&was.source)
                .filter(|t| t.fingerprint() == was.terms)?,
        };
        match keys.get(i) {
            // Kept its number: only the shards of terms it gained or lost
            // (or that moved in or out of its title) change.
            Some(now) => {
                let new = &docs[i].article.search_terms;
                let old: HashSet<(&str, bool)> = terms.iter().collect();
                let new: HashSet<(&str, bool)> = new.iter().collect();
                old.symmetric_difference(&new).for_each(|(t, _)| mark(t));
                let (was, now): (HashSet<String>, HashSet<String>) =
                    (was.filters().collect(), now.filters().collect());
                was.symmetric_difference(&now).for_each(|f| mark(f));
            }
            None => {
                terms.iter().for_each(|(t, _)| mark(t));
                was.filters().for_each(|f| mark(&f));
            }
        }
    }
    for i in common..keys.len() {
        docs[i]
            .article
            .search_terms
            .iter()
            .for_each(|(t, _)| mark(t));
        keys[i].filters().for_each(|f| mark(&f));
    }
    if dirty.iter().filter(|d| **d).count() as f64 > MOST * shards as f64 {
        return None;
    }
    // In a shard to patch, an article's postings are all removed and all
    // added again.
    let mut additions: Vec<Vec<(String, u32)>> = vec![Vec::new(); shards];
    for &i in &added {
        let id = i as u32;
        let terms = docs[i].article.search_terms.iter();
        let filters = keys[i].filters().map(|f| (f, false));
        for (term, title) in terms
            .map(|(t, title)| (t.to_string(), title))
            .chain(filters)
        {
            let shard = index::shard_of(&term, shards);
            if dirty[shard] {
                additions[shard].push((term, id << 1 | u32::from(title)));
            }
        }
    }

    let removed: HashSet<u32> = removed.into_iter().map(|i| i as u32).collect();
    files
        .par_iter()
        .zip(additions)
        .enumerate()
        .map(|(i, (rel, adds))| {
            let hash = old.shards[i];
            if !dirty[i] {
                return select.holds(rel, hash).then_some(ShardFile::Kept(hash));
            }
            let bytes = select.previous(rel).filter(|b| xxh3_64(b) == hash)?;
            let terms = index::parse_shard(&bytes).ok()?;
            Some(ShardFile::Made(patched(terms, &removed, adds)))
        })
        .collect()
}

/// A shard's postings without the numbers `removed`, with `additions`
/// (term, posting), as JSON.
fn patched(terms: Postings, removed: &HashSet<u32>, additions: Vec<(String, u32)>) -> Vec<u8> {
    let mut terms: HashMap<String, Vec<u32>> = terms
        .into_iter()
        .map(|(t, mut list)| {
            list.retain(|p| !removed.contains(&(p >> 1)));
            (t, list)
        })
        .collect();
    for (term, posting) in additions {
        terms.entry(term).or_default().push(posting);
    }
    let mut sorted: Vec<(String, Vec<u32>)> =
        terms.into_iter().filter(|(_, l)| !l.is_empty()).collect();
    sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    for (_, list) in &mut sorted {
        list.sort_unstable();
        // As in a full build, a filter listed twice posts once.
        list.dedup_by_key(|p| *p >> 1);
    }
    let members: Vec<(&str, &[u32])> = sorted
        .iter()
        .map(|(t, l)| (t.as_str(), l.as_slice()))
        .collect();
    index::shard_json(&members)
}

#[cfg(test)]
#[path = "reuse_tests.rs"]
mod tests;

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
use super::index::{self, Doc};
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
            source: source_key(&doc.article.source),
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

/// How the state and the old terms name an article's file.
fn source_key(source: &Path) -> u64 {
    xxh3_64(source.as_os_str().as_encoded_bytes())
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
            .map(|(source, terms)| (source_key(&source), terms))
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
    let shards = files.len();
    let mut edits: Vec<Vec<(String, Edit)>> = vec![Vec::new(); shards];
    let mut edit = |term: String, e: Edit| edits[index::shard_of(&term, shards)].push((term, e));
    // An article that kept its number changes the postings of the terms
    // it gained or lost (or that moved in or out of its title); one
    // removed from the end loses all of its own.
    for i in changed.into_iter().chain(common..old.docs.len()) {
        let was = &old.docs[i];
        let old_terms = match keys.get(i) {
            Some(now) if now.terms == was.terms => &docs[i].article.search_terms,
            _ => before
                .old_terms
                .get(&was.source)
                .filter(|t| t.fingerprint() == was.terms)?,
        };
        let had = postings_of(old_terms, was);
        let has = match keys.get(i) {
            Some(now) => postings_of(&docs[i].article.search_terms, now),
            None => HashSet::new(),
        };
        let id = i as u32;
        for (term, _) in had.difference(&has) {
            edit(term.clone(), Edit::Remove(id));
        }
        for (term, title) in has.difference(&had) {
            edit(term.clone(), Edit::Add(id << 1 | u32::from(*title)));
        }
    }
    for (i, key) in keys.iter().enumerate().skip(common) {
        for (term, title) in postings_of(&docs[i].article.search_terms, key) {
            edit(term, Edit::Add((i as u32) << 1 | u32::from(title)));
        }
    }
    if edits.iter().filter(|e| !e.is_empty()).count() as f64 > MOST * shards as f64 {
        return None;
    }
    files
        .par_iter()
        .zip(edits)
        .enumerate()
        .map(|(i, (rel, edits))| {
            let hash = old.shards[i];
            if edits.is_empty() {
                return select.holds(rel, hash).then_some(ShardFile::Kept(hash));
            }
            let bytes = select.previous(rel).filter(|b| xxh3_64(b) == hash)?;
            edited(&bytes, edits).map(ShardFile::Made)
        })
        .collect()
}

/// Appends `"term":postings` to a shard's JSON being written.
fn put(out: &mut Vec<u8>, term: &str, postings: &[u8]) -> Option<()> {
    out.push(if out.is_empty() { b'{' } else { b',' });
    serde_json::to_writer(&mut *out, term).ok()?;
    out.push(b':');
    out.extend_from_slice(postings);
    Some(())
}

/// A change to one term's postings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Edit {
    /// The article with this number leaves the term (before any addition).
    Remove(u32),
    /// This posting joins it.
    Add(u32),
}

/// The terms (with the title flag) and filters an article posts to.
fn postings_of(terms: &ArticleTerms, key: &DocKey) -> HashSet<(String, bool)> {
    let terms = terms.iter().map(|(t, title)| (t.to_string(), title));
    terms.chain(key.filters().map(|f| (f, false))).collect()
}

/// The shard `json` with `edits` made: the terms they touch are read and
/// written again, every other term's postings are copied as they are.
fn edited(json: &[u8], mut edits: Vec<(String, Edit)>) -> Option<Vec<u8>> {
    let entries = index::raw_entries(json).ok()?;
    edits.sort_unstable();
    let mut out = Vec::with_capacity(json.len() + 16 * edits.len());
    let mut entries = entries.into_iter().peekable();
    let mut edits = edits.chunk_by(|a, b| a.0 == b.0).peekable();
    loop {
        let next_term = edits.peek().map(|group| group[0].0.as_str());
        let copy = match (entries.peek(), next_term) {
            (None, None) => break,
            (Some((term, _)), t) => t.is_none_or(|t| term.as_str() < t),
            (None, Some(_)) => false,
        };
        if copy {
            let (term, raw) = entries.next()?;
            put(&mut out, &term, raw.get().as_bytes())?;
            continue;
        }
        let group = edits.next()?;
        let term = group[0].0.as_str();
        let mut list = match entries.next_if(|(t, _)| t == term) {
            Some((_, raw)) => index::decode_postings(raw).ok()?,
            None => Vec::new(),
        };
        for (_, e) in group {
            match *e {
                Edit::Remove(id) => list.retain(|p| p >> 1 != id),
                Edit::Add(posting) => list.push(posting),
            }
        }
        list.sort_unstable();
        // As in a full build, a filter listed twice posts once.
        list.dedup_by_key(|p| *p >> 1);
        if !list.is_empty() {
            put(&mut out, term, &index::encode_postings(&list))?;
        }
    }
    if out.is_empty() {
        out.push(b'{');
    }
    out.push(b'}');
    Some(out)
}

#[cfg(test)]
#[path = "reuse_tests.rs"]
mod tests;

//! Site search with no server: the index files `byline build` writes under
//! `/search/`, read by the theme's `search.js` on the `/search/` page.
//!
//! [`tokenize`] turns Korean and English text into terms (particles and
//! endings stripped, English folded and stemmed), [`article_terms`] keeps
//! each article's with it; [`index`] builds the postings and cuts them
//! into shards. This module decides what is
//! searchable (published articles without `search: false`; drafts and
//! embargoed articles never reach the renderer) and lays out the files:
//!
//! - `search/meta.json`: the counts, the section, reporter and tag names
//!   the filters use, and the endings list the client strips from queries;
//! - `search/t/N.json`: term shards, one or two per query word;
//! - `search/d/N.json`: the shown fields of [`CHUNK`] articles (title,
//!   link, section, reporters, date, excerpt), loaded for the results shown;
//! - `search/dates.json`: each day's article count, for the date filter.
//!
//! Every file is a pure function of the published site (sorted maps, no
//! clock), so an incremental build writes only the files whose bytes
//! changed and matches a cold build byte for byte.

pub mod article_terms;
pub mod index;
pub mod reuse;
mod shown;
pub mod text;
pub mod tokenize;

use rayon::prelude::*;
use serde::Serialize;

use crate::config::Config;
use crate::content::Article;
use crate::dates::in_zone;
use crate::error::{Error, Result};
use crate::index::SiteIndex;
use crate::output::Sink;
use crate::render::Selection;
use index::Doc;
use reuse::{Before, DocKey, ShardFile, State};

/// The directory of the search page and its files.
pub const DIR: &str = "search";
/// Articles per file of shown fields.
pub const CHUNK: usize = 16;
/// The index format; the client refuses another.
const VERSION: u32 = 1;

/// `[search]` of `site.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchSettings {
    pub enabled: bool,
    /// Results per page of results.
    pub per_page: usize,
}

impl Default for SearchSettings {
    fn default() -> Self {
        SearchSettings {
            enabled: true,
            per_page: 10,
        }
    }
}

#[derive(Serialize)]
struct Meta<'a> {
    version: u32,
    count: usize,
    shards: usize,
    chunk: usize,
    per_page: usize,
    min_stem: usize,
    endings: &'a [&'a str],
    sections: Vec<&'a str>,
    reporters: Vec<&'a str>,
    tags: Vec<&'a str>,
}

/// The searchable articles, oldest first (their numbers in the index).
pub fn documents<'a>(articles: &'a [Article], index: &'a SiteIndex) -> Vec<Doc<'a>> {
    articles
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, a)| a.search)
        .map(|(id, article)| Doc {
            article,
            section: index.article_section[id],
            reporters: &index.article_reporters[id],
            tags: &index.article_tags[id],
        })
        .collect()
}

/// The paths of the search files of a site with `docs` searchable
/// articles, known before the index is built.
pub fn file_names(docs: usize) -> Vec<String> {
    let mut names = vec![format!("{DIR}/meta.json"), format!("{DIR}/dates.json")];
    names.extend((0..index::shard_count(docs)).map(|i| format!("{DIR}/t/{i}.json")));
    names.extend((0..docs.div_ceil(CHUNK)).map(|i| format!("{DIR}/d/{i}.json")));
    names
}

/// What [`write`] leaves: every search file's path and fingerprint, and
/// the state of its term shards for the next build.
#[derive(Default)]
pub struct Written {
    pub files: Vec<(String, u64)>,
    pub state: Option<State>,
}

/// Writes the search files `select` wants: the term shards patched from
/// `before` where it can (see [`reuse`]), made from every article's kept
/// terms otherwise; a file of shown fields only when one of its articles'
/// fields changed. Nothing when search is off.
pub fn write(
    config: &Config,
    articles: &[Article],
    index: &SiteIndex,
    before: Option<&Before>,
    select: &dyn Selection,
    sink: &dyn Sink,
) -> Result<Written> {
    if !config.search.enabled {
        return Ok(Written::default());
    }
    let mut lap = crate::timing::Lap::start("search");
    let docs = documents(articles, index);
    let shards = index::shard_count(docs.len());
    let names = file_names(docs.len());
    let (term_files, chunk_files) = names[2..].split_at(shards);
    let keys: Vec<DocKey> = docs.par_iter().map(DocKey::of).collect();
    let key = reuse::key(
        VERSION,
        shards,
        [&index.sections, &index.reporters, &index.tags],
    );
    let patched = before.and_then(|b| reuse::patch(b, key, &docs, &keys, term_files, select));
    let made = match patched {
        Some(made) => {
            let n = made
                .iter()
                .filter(|f| matches!(f, ShardFile::Made(_)))
                .count();
            tracing::debug!("search: {n} of {shards} term shards patched");
            made
        }
        None => {
            tracing::debug!("search: {shards} term shards made from scratch");
            let postings = index::postings_kept(&docs);
            let files = index::shard_files(&postings, shards);
            files.into_iter().map(ShardFile::Made).collect()
        }
    };
    lap.mark("term shards");
    let meta = Meta {
        version: VERSION,
        count: docs.len(),
        shards,
        chunk: CHUNK,
        per_page: config.search.per_page,
        min_stem: tokenize::MIN_STEM,
        endings: tokenize::ENDINGS,
        sections: names_of(&index.sections),
        reporters: names_of(&index.reporters),
        tags: names_of(&index.tags),
    };
    let mut files = vec![
        (
            names[0].clone(),
            put(select, sink, &names[0], &json(&meta))?,
        ),
        (
            names[1].clone(),
            put(select, sink, &names[1], &json(&day_counts(config, &docs)))?,
        ),
    ];
    let term_fps: Vec<u64> = term_files
        .par_iter()
        .zip(made)
        .map(|(rel, file)| match file {
            ShardFile::Kept(hash) => Ok(hash),
            ShardFile::Made(bytes) => put(select, sink, rel, &bytes),
        })
        .collect::<Result<_>>()?;
    files.extend(term_files.iter().cloned().zip(term_fps.iter().copied()));
    let chunk_fps: Vec<u64> = docs
        .par_chunks(CHUNK)
        .zip(chunk_files)
        .map(|(chunk, rel)| {
            let fp = shown::fingerprint(config, chunk);
            if select.file(rel, fp) {
                let bytes = json(
                    &chunk
                        .iter()
                        .map(|d| shown::fields(config, d))
                        .collect::<Vec<_>>(),
                );
                sink.write(rel, &bytes).map_err(|e| Error::io(rel, e))?;
            }
            Ok(fp)
        })
        .collect::<Result<_>>()?;
    files.extend(chunk_files.iter().cloned().zip(chunk_fps));
    lap.mark("shown fields");
    Ok(Written {
        files,
        state: Some(State::new(key, keys, term_fps)),
    })
}

/// Writes `bytes` at `rel` if `select` wants them; their hash is the
/// file's fingerprint (each depends on many articles).
fn put(select: &dyn Selection, sink: &dyn Sink, rel: &str, bytes: &[u8]) -> Result<u64> {
    let fp = xxhash_rust::xxh3::xxh3_64(bytes);
    if select.file(rel, fp) {
        sink.write(rel, bytes).map_err(|e| Error::io(rel, e))?;
    }
    Ok(fp)
}

fn names_of(terms: &[crate::index::Term]) -> Vec<&str> {
    terms.iter().map(|t| t.name.as_str()).collect()
}

fn json(value: &impl Serialize) -> Vec<u8> {
    serde_json::to_vec(value).unwrap_or_default()
}

/// `[[day, articles], ...]`, oldest first: numbers `0..n` are the first
/// day's, and so on.
fn day_counts(config: &Config, docs: &[Doc<'_>]) -> Vec<(String, u32)> {
    let mut days: Vec<(String, u32)> = Vec::new();
    for d in docs {
        let day = in_zone(d.article.date, &config.timezone).date().to_string();
        match days.last_mut() {
            Some((last, n)) if *last == day => *n += 1,
            _ => days.push((day, 1)),
        }
    }
    days
}

/// The example site of this repository, drafts and embargoed articles
/// included (for the tests of the index).
#[cfg(test)]
pub(crate) fn example_site() -> crate::site::Site {
    let options = crate::BuildOptions {
        root: env!("CARGO_MANIFEST_DIR").into(),
        drafts: true,
        future: true,
        ..Default::default()
    };
    crate::site::Site::load(&options).unwrap()
}

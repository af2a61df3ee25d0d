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

/// The directory of the search page and its files.
pub const DIR: &str = "search";
/// Articles per file of shown fields.
pub const CHUNK: usize = 16;
/// The longest excerpt shown under a result, in characters.
const EXCERPT: usize = 160;
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

/// Every search file: output path and bytes (none when search is off).
pub fn files(config: &Config, articles: &[Article], index: &SiteIndex) -> Vec<(String, Vec<u8>)> {
    if !config.search.enabled {
        return Vec::new();
    }
    let docs = documents(articles, index);
    let shards = index::shard_count(docs.len());
    let meta = Meta {
        version: VERSION,
        count: docs.len(),
        shards,
        chunk: CHUNK,
        per_page: config.search.per_page,
        min_stem: tokenize::MIN_STEM,
        endings: tokenize::ENDINGS,
        sections: names(&index.sections),
        reporters: names(&index.reporters),
        tags: names(&index.tags),
    };
    let mut lap = crate::timing::Lap::start("search");
    let postings = index::postings_kept(&docs);
    lap.mark("postings");
    let shard_files = index::shard_files(&postings, shards);
    drop(postings);
    lap.mark("shards");
    let chunks: Vec<Vec<u8>> = docs
        .par_chunks(CHUNK)
        .map(|chunk| json(&chunk.iter().map(|d| shown(config, d)).collect::<Vec<_>>()))
        .collect();
    lap.mark("shown fields");
    let bytes = [json(&meta), json(&day_counts(config, &docs))]
        .into_iter()
        .chain(shard_files)
        .chain(chunks);
    file_names(docs.len()).into_iter().zip(bytes).collect()
}

/// Writes the search files `select` wants; returns every file's path and
/// fingerprint (the hash of its bytes: the files are cheap to make and
/// each depends on many articles).
pub fn write(
    config: &Config,
    articles: &[Article],
    index: &SiteIndex,
    select: &dyn Selection,
    sink: &dyn Sink,
) -> Result<Vec<(String, u64)>> {
    files(config, articles, index)
        .into_par_iter()
        .map(|(rel, bytes)| {
            let fp = xxhash_rust::xxh3::xxh3_64(&bytes);
            if select.file(&rel, fp) {
                sink.write(&rel, &bytes).map_err(|e| Error::io(&rel, e))?;
            }
            Ok((rel, fp))
        })
        .collect()
}

fn names(terms: &[crate::index::Term]) -> Vec<&str> {
    terms.iter().map(|t| t.name.as_str()).collect()
}

fn json(value: &impl Serialize) -> Vec<u8> {
    serde_json::to_vec(value).unwrap_or_default()
}

/// What a result shows: `[title, link, section, [reporters], ISO date,
/// displayed date, excerpt]`.
fn shown<'a>(
    config: &Config,
    d: &Doc<'a>,
) -> (&'a str, String, u32, &'a [u32], String, String, String) {
    let a = d.article;
    let when = in_zone(a.date, &config.timezone);
    let iso = crate::dates::format(&when, "%Y-%m-%dT%H:%M:%S%:z").unwrap_or_default();
    let display = crate::dates::format(&when, &config.list_date_format).unwrap_or_default();
    (
        &a.title,
        config.urls.link(&a.path),
        d.section,
        d.reporters,
        iso,
        display,
        excerpt(&a.summary),
    )
}

/// At most [`EXCERPT`] characters, cut at a space when there is one near.
fn excerpt(text: &str) -> String {
    let Some((cut, _)) = text.char_indices().nth(EXCERPT) else {
        return text.to_string();
    };
    let head = &text[..cut];
    let end = head.rfind(' ').filter(|&i| i > cut / 2).unwrap_or(cut);
    format!("{}…", &head[..end])
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

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn excerpts_are_cut_at_a_space() {
        assert_eq!(excerpt("짧은 요약"), "짧은 요약");
        let long = "가나다 ".repeat(60);
        let cut = excerpt(&long);
        assert!(cut.ends_with("가나다…"), "{cut}");
        assert!(cut.chars().count() <= super::EXCERPT + 1);
    }
}

//! Fingerprints of an article: equal fingerprints mean unchanged inputs, so
//! `serve` re-renders only what an edit touched.

use std::hash::{Hash, Hasher};
use std::path::Path;

use super::Article;

/// What places the article in the indices (source, URL, date, tags,
/// section, reporters, related-count, and for the front page's blocks
/// whether it is featured and has a lead image).
pub fn structure_fingerprint(a: &Article) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    (
        &a.source,
        &a.path,
        a.date,
        &a.tags,
        &a.section,
        &a.section_slug,
        &a.reporters,
        a.related_count,
    )
        .hash(&mut h);
    (a.featured, a.image.is_some(), &a.aliases).hash(&mut h);
    h.finish()
}

/// What lists show of the article (everything but the body).
pub fn card_fingerprint(a: &Article) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    (
        &a.source,
        &a.path,
        &a.title,
        &a.subtitle,
        &a.summary,
        a.date,
        a.updated,
    )
        .hash(&mut h);
    (a.date_has_time, a.updated_has_time, a.featured).hash(&mut h);
    (
        &a.image,
        a.draft,
        &a.language,
        &a.section,
        &a.reporters,
        &a.tags,
    )
        .hash(&mut h);
    serde_json::to_string(&a.extra)
        .unwrap_or_default()
        .hash(&mut h);
    h.finish()
}

/// The source path and the file's text.
pub fn fingerprint(source: &Path, text: &str) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(source.as_os_str().as_encoded_bytes());
    h.update(&[0]);
    h.update(text.as_bytes());
    h.digest()
}

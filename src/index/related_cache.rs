//! The related articles of the last build, kept in
//! `.byline-cache/related.bin` and reused while their inputs (every
//! article's date, tags and related-count, in order) are the same: a body
//! edit or a build with nothing changed skips the ranking, the costliest
//! part of the indices (3 s at 100k articles). Safe to delete.

use std::hash::{Hash, Hasher};
use std::path::Path;

use super::related::{Related, RelatedInput, compute_for};

const FORMAT: u32 = 1;

fn key(input: &RelatedInput<'_>) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    (
        FORMAT,
        input.dates,
        input.article_tags,
        input.postings,
        input.limits,
    )
        .hash(&mut h);
    h.finish()
}

/// [`compute_for`], from the cache file at `path` when it holds the
/// result for these inputs; otherwise computed and saved there.
pub fn compute_cached(input: &RelatedInput<'_>, path: &Path) -> Vec<Related> {
    let key = key(input);
    let cached = std::fs::read(path)
        .ok()
        .and_then(|bytes| bincode::deserialize::<(u64, Vec<Related>)>(&bytes).ok())
        .filter(|(k, related)| *k == key && related.len() == input.dates.len());
    if let Some((_, related)) = cached {
        return related;
    }
    let related = compute_for(input);
    if let Err(e) = save(path, key, &related) {
        tracing::warn!("could not save {}: {e}", path.display());
    }
    related
}

fn save(path: &Path, key: u64, related: &[Related]) -> std::io::Result<()> {
    let bytes = bincode::serialize(&(key, related)).map_err(std::io::Error::other)?;
    crate::output::write_atomically(path, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_result_is_reused_only_for_the_same_inputs() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("related.bin");
        let tags = [vec![0], vec![0, 1], vec![1]];
        let postings: [&[u32]; 2] = [&[0, 1], &[1, 2]];
        let input = RelatedInput {
            dates: &[30, 20, 10],
            article_tags: &tags,
            postings: &postings,
            limits: &[2, 2, 2],
        };
        let fresh = compute_for(&input);
        assert_eq!(compute_cached(&input, &path), fresh);
        assert!(path.is_file());
        // What is saved for these inputs is what is taken (here a stand-in)...
        save(&path, key(&input), &vec![Related::default(); 3]).unwrap();
        assert_eq!(compute_cached(&input, &path), vec![Related::default(); 3]);
        // ...and a result saved for other inputs is not.
        let fewer = RelatedInput {
            limits: &[1, 1, 1],
            ..input
        };
        assert_eq!(compute_cached(&fewer, &path), compute_for(&fewer));
    }
}

//! Writing the photos the site's articles use: their renditions (made into
//! the cache first, in parallel) and the files of page bundles.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use super::cache::Cache;
use super::{Photo, PhotoSettings};
use crate::content::Article;
use crate::error::{Diagnostic, Error, Result};
use crate::output::Sink;
use crate::render::Selection;

/// Every generated photo file of the articles: renditions and bundle files,
/// by output path, with where its bytes come from and a fingerprint.
pub fn files(
    articles: &[Article],
    cache: &Cache,
    settings: &PhotoSettings,
) -> BTreeMap<String, (PathBuf, u64)> {
    let mut files = BTreeMap::new();
    for a in articles {
        for photo in &a.photos {
            for r in &photo.renditions {
                let fp = xxhash_rust::xxh3::xxh3_64(
                    format!("{}-{}-{}", photo.hash, r.width, settings.quality).as_bytes(),
                );
                files.insert(r.public.clone(), (cache.file(photo, r, settings), fp));
            }
        }
        for (public, source, hash) in &a.assets {
            files.insert(public.clone(), (source.clone(), *hash));
        }
    }
    files
}

/// Makes missing renditions of the articles' photos, then writes what
/// `select` wants; returns every file's path and fingerprint.
pub fn write(
    articles: &[Article],
    settings: &PhotoSettings,
    root: &std::path::Path,
    select: &dyn Selection,
    sink: &dyn Sink,
) -> Result<Vec<(String, u64)>> {
    let cache = Cache::new(root);
    let mut photos: BTreeMap<&str, &Arc<Photo>> = BTreeMap::new();
    for a in articles {
        for p in &a.photos {
            photos.insert(&p.public, p);
        }
    }
    let failures: Vec<String> = photos
        .par_iter()
        .filter_map(|(_, p)| cache.ensure(p, settings).err())
        .collect();
    if !failures.is_empty() {
        let problems = failures
            .into_iter()
            .map(|why| Diagnostic::whole_file("(photos)", why))
            .collect();
        return Err(Error::Content(problems));
    }
    let files = files(articles, &cache, settings);
    for (public, (source, fp)) in &files {
        if select.file(public, *fp) {
            sink.copy(public, source)
                .map_err(|e| Error::io(source, e))?;
        }
    }
    Ok(files
        .into_iter()
        .map(|(public, (_, fp))| (public, fp))
        .collect())
}

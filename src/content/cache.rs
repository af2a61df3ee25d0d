//! Parsed articles kept across builds, so that a build after a small edit
//! reads every file but parses and renders to HTML only the changed ones.
//!
//! Kept in `.byline-cache/articles/` in the site, in shards (by a hash of
//! the file's path) so that one edit rewrites one small shard; safe to
//! delete. An article is reused when its file's text hashes as before and
//! every file it was made from besides (its photos, its page bundle's files
//! and directory) has the size and modification time it had. Everything
//! else parsing reads (`site.toml`, the base URL, byline itself: the
//! running program's size and time) is one key for the whole cache.
//!
//! A shard is two files: `NN.bin` with the articles but their bodies, and
//! `NN-<hash>.html` with the bodies one after another, named by the hash of
//! its bytes and read only for the bodies a build shows, so a build after
//! one edit neither reads nor holds every body of the site. `NN.bin`
//! names its bodies file and is replaced after it, so a build killed in
//! between leaves a shard whole (and an unused bodies file, removed when
//! the shard is saved next).

use std::collections::HashMap;
use std::fs;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use super::{Article, Body, SpillFile};
use crate::output::stamp::Scan;

const SHARDS: u64 = 64;
const FORMAT: u32 = 3;

/// The size and modification time of a file an article was made from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Dependency {
    path: PathBuf,
    size: u64,
    modified: u128,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    /// The file below `content/`.
    rel: PathBuf,
    /// The file itself, when it was older than the build that read it:
    /// then an unchanged size and time are enough, and the text is not
    /// even read. (A file written while a build read it may change again
    /// within the time's resolution: its text is compared instead.)
    file: Option<Dependency>,
    dependencies: Vec<Dependency>,
    article: Article,
    /// Where its body is in the shard's bodies file: offset and length.
    body: (u64, u64),
}

/// An [`Entry`] to save, borrowing the article (the same encoding).
#[derive(Serialize)]
struct EntryRef<'a> {
    rel: &'a Path,
    file: Option<Dependency>,
    dependencies: Vec<Dependency>,
    article: &'a Article,
    body: (u64, u64),
}

#[derive(Serialize)]
struct ShardRef<'a> {
    format: u32,
    key: u64,
    bodies: u64,
    entries: Vec<EntryRef<'a>>,
}

/// A cached article, taken out when used (each is used once per build).
struct Cached {
    file: Option<Dependency>,
    dependencies: Vec<Dependency>,
    article: Mutex<Option<Article>>,
    fingerprint: u64,
    /// Taken by [`ArticleCache::get_unread`]: its file and dependencies
    /// were found as saved, so saving need not look at them again.
    unread: AtomicBool,
}

#[derive(Serialize, Deserialize)]
struct Shard {
    format: u32,
    key: u64,
    /// The hash of the bodies file, which names it.
    bodies: u64,
    entries: Vec<Entry>,
}

/// The articles of the last build, by file below `content/`.
pub struct ArticleCache {
    dir: PathBuf,
    key: u64,
    entries: HashMap<PathBuf, Cached, ahash::RandomState>,
    /// The bodies files the cached articles read from.
    body_files: Vec<Arc<SpillFile>>,
    /// When this build started: files modified since are "racy".
    started: SystemTime,
    /// The build's scan of the input files, with the site root: their
    /// sizes and times, so that checking a file needs no second `stat`.
    scan: Option<(PathBuf, Scan)>,
}

/// How long before a build a file must have been written for its size and
/// time alone to say it is unchanged (more than any file system's time
/// resolution).
const SETTLED: Duration = Duration::from_secs(2);

fn stat(path: &Path) -> Option<Dependency> {
    let meta = fs::metadata(path).ok()?;
    let modified = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    Some(Dependency {
        path: path.to_path_buf(),
        size: meta.len(),
        modified: modified.as_nanos(),
    })
}

fn shard_of(rel: &Path) -> u64 {
    xxhash_rust::xxh3::xxh3_64(rel.as_os_str().as_encoded_bytes()) % SHARDS
}

/// What every article's parse depends on besides its own files.
fn cache_key(root: &Path, base_url: Option<&str>) -> u64 {
    let mut h = Xxh3::new();
    FORMAT.hash(&mut h);
    crate::output::hash_program(&mut h);
    base_url.hash(&mut h);
    fs::read(root.join(crate::config::CONFIG_FILE))
        .unwrap_or_default()
        .hash(&mut h);
    h.finish()
}

/// The files besides its text that `article` (at `rel`) was made from.
fn dependencies(root: &Path, rel: &Path, article: &Article) -> Option<Vec<Dependency>> {
    let mut paths: Vec<PathBuf> = article.photos.iter().map(|p| p.source.clone()).collect();
    paths.extend(article.assets.iter().map(|(_, file, _)| file.clone()));
    if rel.file_stem().is_some_and(|s| s == "index") {
        // A page bundle: a file added beside it changes the directory.
        let file = root.join(super::CONTENT_DIR).join(rel);
        paths.extend(file.parent().map(Path::to_path_buf));
    }
    paths.iter().map(|p| stat(p)).collect()
}

impl ArticleCache {
    /// Reads the cache of the site at `root` (empty if there is none, it
    /// was made with other settings, or not `read`: then saving replaces
    /// every shard).
    pub fn load(
        root: &Path,
        base_url: Option<&str>,
        read: bool,
        scan: Option<Scan>,
    ) -> ArticleCache {
        let dir = crate::output::cache_dir(root).join("articles");
        let key = cache_key(root, base_url);
        let shards: Vec<(Vec<Entry>, Arc<SpillFile>)> = (0..if read { SHARDS } else { 0 })
            .into_par_iter()
            .filter_map(|i| read_shard(&dir, i, key))
            .collect();
        let body_files = shards.iter().map(|(_, f)| Arc::clone(f)).collect();
        let entries = shards
            .into_iter()
            .flat_map(|(entries, _)| entries)
            .map(|e| {
                let cached = Cached {
                    file: e.file,
                    dependencies: e.dependencies,
                    fingerprint: e.article.fingerprint,
                    article: Mutex::new(Some(e.article)),
                    unread: AtomicBool::new(false),
                };
                (e.rel, cached)
            })
            .collect();
        ArticleCache {
            dir,
            key,
            entries,
            body_files,
            started: SystemTime::now(),
            scan: scan.map(|s| (root.to_path_buf(), s)),
        }
    }

    /// Gives back the scan [`ArticleCache::load`] was lent.
    pub fn take_scan(&mut self) -> Option<Scan> {
        self.scan.take().map(|(_, s)| s)
    }

    /// Whether the file at `path` has this size and time: as the build's
    /// scan saw it (one `stat` of each input file per build), else as it
    /// is now.
    fn unchanged(&self, path: &Path, size: u64, modified: u128) -> bool {
        let scanned = self.scan.as_ref().and_then(|(root, scan)| {
            let rel = path.strip_prefix(root).ok()?.to_str()?;
            scan.get(rel)
        });
        let now = scanned.or_else(|| stat(path).map(|d| (d.size, d.modified)));
        now == Some((size, modified))
    }

    fn dependencies_unchanged(&self, dependencies: &[Dependency]) -> bool {
        (dependencies.iter()).all(|d| self.unchanged(&d.path, d.size, d.modified))
    }

    /// The files the bodies of cached articles are read from: the build
    /// asks each for a failed read before it publishes.
    pub fn body_files(&self) -> &[Arc<SpillFile>] {
        &self.body_files
    }

    /// The cached article for `rel` (the file at `path`) if the file has
    /// the size and time it had, was older than the build that read it,
    /// and nothing else the article was made from changed.
    pub fn get_unread(&self, rel: &Path, path: &Path) -> Option<Article> {
        let cached = self.entries.get(rel)?;
        let file = cached.file.as_ref()?;
        let same = self.unchanged(path, file.size, file.modified);
        if same && self.dependencies_unchanged(&cached.dependencies) {
            cached.unread.store(true, Ordering::Relaxed);
            take(cached)
        } else {
            None
        }
    }

    /// The search terms of the cached articles this build did not take
    /// (it parsed them again, or they are gone), by source: the search
    /// index removes them from its shards (see [`crate::search::reuse`]).
    pub fn untaken_terms(&self) -> Vec<(PathBuf, crate::search::article_terms::ArticleTerms)> {
        self.entries
            .values()
            .filter_map(|c| {
                let slot = c.article.lock().unwrap_or_else(|e| e.into_inner());
                slot.as_ref()
                    .map(|a| (a.source.clone(), a.search_terms.clone()))
            })
            .collect()
    }

    /// The cached article for `rel` if its text hashes to `fingerprint` and
    /// nothing else it was made from changed.
    pub fn get(&self, rel: &Path, fingerprint: u64) -> Option<Article> {
        let cached = self.entries.get(rel)?;
        if cached.fingerprint == fingerprint && self.dependencies_unchanged(&cached.dependencies) {
            take(cached)
        } else {
            None
        }
    }

    /// Saves `articles` (every article of this build, at their files below
    /// `content/`), rewriting only the shards that changed. Failing to
    /// save is not an error: the next build parses more.
    pub fn save(&self, root: &Path, articles: &[(&Path, &Article)]) {
        let entries: Vec<(usize, bool, Option<EntryRef>)> = articles
            .par_iter()
            .map(|&(rel, article)| {
                let shard = shard_of(rel) as usize;
                if let Some(c) = self.entries.get(rel)
                    && c.unread.load(Ordering::Relaxed)
                    && c.fingerprint == article.fingerprint
                {
                    let entry = EntryRef {
                        rel,
                        file: c.file.clone(),
                        dependencies: c.dependencies.clone(),
                        article,
                        body: (0, 0),
                    };
                    return (shard, true, Some(entry));
                }
                let Some(dependencies) = dependencies(root, rel, article) else {
                    return (shard, false, None);
                };
                let file = stat(&root.join(super::CONTENT_DIR).join(rel)).filter(|f| {
                    let modified = UNIX_EPOCH + Duration::from_nanos(f.modified as u64);
                    modified + SETTLED < self.started
                });
                let same = self.entries.get(rel).is_some_and(|c| {
                    c.fingerprint == article.fingerprint
                        && c.dependencies == dependencies
                        && c.file == file
                });
                let entry = EntryRef {
                    rel,
                    file,
                    dependencies,
                    article,
                    body: (0, 0),
                };
                (shard, same, Some(entry))
            })
            .collect();
        let mut changed = vec![false; SHARDS as usize];
        let mut count = vec![0isize; SHARDS as usize];
        for rel in self.entries.keys() {
            count[shard_of(rel) as usize] -= 1;
        }
        let mut shards: Vec<Vec<EntryRef>> = (0..SHARDS).map(|_| Vec::new()).collect();
        for (shard, same, entry) in entries {
            changed[shard] |= !same;
            count[shard] += 1;
            shards[shard].extend(entry);
        }
        if fs::create_dir_all(&self.dir).is_err() {
            return;
        }
        let old_files = fs::read_dir(&self.dir)
            .map(|d| d.flatten().map(|e| e.file_name()).collect::<Vec<_>>())
            .unwrap_or_default();
        shards
            .into_par_iter()
            .enumerate()
            .filter(|(i, _)| changed[*i] || count[*i] != 0)
            .for_each(|(i, entries)| {
                if let Err(e) = self.write_shard(i as u64, entries, &old_files) {
                    tracing::warn!("could not save the article cache's shard {i:02}: {e}");
                }
            });
    }

    /// Writes shard `i`'s bodies file, then its `.bin` naming it; then
    /// removes the shard's other bodies files.
    fn write_shard(
        &self,
        i: u64,
        mut entries: Vec<EntryRef>,
        old_files: &[std::ffi::OsString],
    ) -> std::io::Result<()> {
        let mut bodies = Vec::new();
        for entry in &mut entries {
            let html = entry.article.content.read()?;
            entry.body = (bodies.len() as u64, html.len() as u64);
            bodies.extend_from_slice(html.as_bytes());
        }
        let hash = xxhash_rust::xxh3::xxh3_64(&bodies);
        let name = bodies_name(i, hash);
        crate::output::write_atomically(&self.dir.join(&name), &bodies)?;
        let shard = ShardRef {
            format: FORMAT,
            key: self.key,
            bodies: hash,
            entries,
        };
        let bytes = bincode::serialize(&shard).map_err(std::io::Error::other)?;
        crate::output::write_atomically(&self.dir.join(bin_name(i)), &bytes)?;
        let prefix = format!("{i:02}-");
        for old in old_files {
            let old = old.to_string_lossy();
            if old.starts_with(&prefix) && old.ends_with(".html") && *old != name {
                let _ = fs::remove_file(self.dir.join(&*old));
            }
        }
        Ok(())
    }
}

fn bin_name(shard: u64) -> String {
    format!("{shard:02}.bin")
}

fn bodies_name(shard: u64, hash: u64) -> String {
    format!("{shard:02}-{hash:016x}.html")
}

/// Shard `i`'s entries, their bodies placed in its bodies file; `None`
/// when it is missing, of another format or key, or damaged.
fn read_shard(dir: &Path, i: u64, key: u64) -> Option<(Vec<Entry>, Arc<SpillFile>)> {
    let bytes = fs::read(dir.join(bin_name(i))).ok()?;
    let shard = bincode::deserialize::<Shard>(&bytes).ok()?;
    if shard.format != FORMAT || shard.key != key {
        return None;
    }
    let file = SpillFile::open(&dir.join(bodies_name(i, shard.bodies))).ok()?;
    let mut entries = shard.entries;
    for e in &mut entries {
        let (offset, len) = e.body;
        if offset.checked_add(len)? > file.len() {
            return None;
        }
        e.article.content = Body::Spilled {
            file: Arc::clone(&file),
            offset,
            len: usize::try_from(len).ok()?,
        };
    }
    Some((entries, file))
}

fn take(cached: &Cached) -> Option<Article> {
    let mut slot = cached.article.lock().unwrap_or_else(|e| e.into_inner());
    slot.take()
}

/// `serde_json` values as JSON text (bincode cannot hold values that
/// describe themselves).
pub mod json_text {
    use serde::{Deserialize, Deserializer, Serializer};

    type Map = serde_json::Map<String, serde_json::Value>;

    pub fn serialize<S: Serializer>(map: &Map, s: S) -> Result<S::Ok, S::Error> {
        let text = serde_json::to_string(map).map_err(serde::ser::Error::custom)?;
        s.serialize_str(&text)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Map, D::Error> {
        let text = String::deserialize(d)?;
        serde_json::from_str(&text).map_err(serde::de::Error::custom)
    }
}

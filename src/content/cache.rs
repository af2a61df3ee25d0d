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

use std::collections::HashMap;
use std::fs;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use super::Article;

const SHARDS: u64 = 64;
const FORMAT: u32 = 2;

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
}

/// An [`Entry`] to save, borrowing the article (the same encoding).
#[derive(Serialize)]
struct EntryRef<'a> {
    rel: &'a Path,
    file: Option<Dependency>,
    dependencies: Vec<Dependency>,
    article: &'a Article,
}

#[derive(Serialize)]
struct ShardRef<'a> {
    format: u32,
    key: u64,
    entries: Vec<EntryRef<'a>>,
}

/// A cached article, taken out when used (each is used once per build).
struct Cached {
    file: Option<Dependency>,
    dependencies: Vec<Dependency>,
    article: Mutex<Option<Article>>,
    fingerprint: u64,
}

#[derive(Serialize, Deserialize)]
struct Shard {
    format: u32,
    key: u64,
    entries: Vec<Entry>,
}

/// The articles of the last build, by file below `content/`.
pub struct ArticleCache {
    dir: PathBuf,
    key: u64,
    entries: HashMap<PathBuf, Cached>,
    /// When this build started: files modified since are "racy".
    started: SystemTime,
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
    pub fn load(root: &Path, base_url: Option<&str>, read: bool) -> ArticleCache {
        let dir = root.join(".byline-cache").join("articles");
        let key = cache_key(root, base_url);
        let shards: Vec<Vec<Entry>> = (0..if read { SHARDS } else { 0 })
            .into_par_iter()
            .map(|i| {
                let Ok(bytes) = fs::read(dir.join(format!("{i:02}.bin"))) else {
                    return Vec::new();
                };
                match bincode::deserialize::<Shard>(&bytes) {
                    Ok(s) if s.format == FORMAT && s.key == key => s.entries,
                    _ => Vec::new(),
                }
            })
            .collect();
        let entries = shards
            .into_iter()
            .flatten()
            .map(|e| {
                let cached = Cached {
                    file: e.file,
                    dependencies: e.dependencies,
                    fingerprint: e.article.fingerprint,
                    article: Mutex::new(Some(e.article)),
                };
                (e.rel, cached)
            })
            .collect();
        ArticleCache {
            dir,
            key,
            entries,
            started: SystemTime::now(),
        }
    }

    /// The cached article for `rel` (the file at `path`) if the file has
    /// the size and time it had, was older than the build that read it,
    /// and nothing else the article was made from changed.
    pub fn get_unread(&self, rel: &Path, path: &Path) -> Option<Article> {
        let cached = self.entries.get(rel)?;
        let file = cached.file.as_ref()?;
        let same =
            stat(path).is_some_and(|now| now.size == file.size && now.modified == file.modified);
        if same && dependencies_unchanged(&cached.dependencies) {
            take(cached)
        } else {
            None
        }
    }

    /// The cached article for `rel` if its text hashes to `fingerprint` and
    /// nothing else it was made from changed.
    pub fn get(&self, rel: &Path, fingerprint: u64) -> Option<Article> {
        let cached = self.entries.get(rel)?;
        if cached.fingerprint == fingerprint && dependencies_unchanged(&cached.dependencies) {
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
        shards
            .into_par_iter()
            .enumerate()
            .filter(|(i, _)| changed[*i] || count[*i] != 0)
            .for_each(|(i, entries)| {
                let shard = ShardRef {
                    format: FORMAT,
                    key: self.key,
                    entries,
                };
                let path = self.dir.join(format!("{i:02}.bin"));
                let saved = bincode::serialize(&shard)
                    .map_err(std::io::Error::other)
                    .and_then(|bytes| crate::output::write_atomically(&path, &bytes));
                if let Err(e) = saved {
                    tracing::warn!("could not save {}: {e}", path.display());
                }
            });
    }
}

fn dependencies_unchanged(dependencies: &[Dependency]) -> bool {
    dependencies
        .iter()
        .all(|d| stat(&d.path).as_ref() == Some(d))
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

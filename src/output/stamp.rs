//! Whether the last build of an output is still current, so that a build
//! after no change ends after one scan of the site's files.
//!
//! A [`Stamp`] is saved beside the output's manifest after a build that
//! succeeded: the size and modification time of every file below
//! `content/`, `templates/` and `static/` and of `site.toml`; a key of
//! everything else the build read (byline itself, the options, the output
//! path); the instant until which the clock changes nothing (the next
//! embargo to lift, the next article to leave the news sitemap's window);
//! and the build's summary and warnings, printed again. The next build with
//! the same scan, key and marker, before that instant, with every file of
//! the manifest in the output at its size, writes nothing and returns at
//! once. Anything else (a file touched, added or removed, an unreadable
//! directory, a file modified too close to the build that read it) means a
//! real build, which removes the stamp before it writes.

use std::fs;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::manifest::{Entry, Manifest};
use super::{marker_build_id, write_atomically};
use crate::error::Diagnostic;

const FORMAT: u32 = 1;

/// What a build scans of the site: `site.toml` and these directories.
const INPUT_DIRS: [&str; 3] = [
    crate::content::CONTENT_DIR,
    crate::render::TEMPLATES_DIR,
    crate::static_files::STATIC_DIR,
];

/// A file modified less than this before the scan may change again within
/// its file system's time resolution: a stamp that saw one is not saved.
const SETTLED: Duration = Duration::from_secs(2);

/// One input file: path below the root, size, modification time (ns).
type Scanned = (String, u64, u128);

/// The counts a build reports, kept to report them again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub articles: usize,
    pub held_back: usize,
    pub pages: usize,
    pub files: usize,
}

/// The site's inputs when a build began.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scan {
    key: u64,
    files: Vec<Scanned>,
    /// Every file was settled when scanned.
    settled: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Stamp {
    format: u32,
    build_id: String,
    scan: Scan,
    valid_until: Option<Timestamp>,
    counts: Counts,
    warnings: Vec<Diagnostic>,
}

/// A build found current: what it reported last time.
#[derive(Debug, Clone)]
pub struct Current {
    pub counts: Counts,
    pub warnings: Vec<Diagnostic>,
}

/// Where the stamp of the output whose manifest is at `manifest` lives.
fn path_for(manifest: &Path) -> PathBuf {
    manifest.with_extension("stamp")
}

/// Scans the site at `root`; `key` stands for everything else the build
/// depends on. `None` when a directory or file could not be read.
pub fn scan(root: &Path, key: u64) -> Option<Scan> {
    let started = SystemTime::now();
    let mut files = Vec::new();
    push(&mut files, root, Path::new(crate::config::CONFIG_FILE))?;
    for dir in INPUT_DIRS {
        if !root.join(dir).exists() {
            continue;
        }
        for entry in walkdir::WalkDir::new(root.join(dir)).follow_links(true) {
            let entry = entry.ok()?;
            if !entry.file_type().is_dir() {
                let rel = entry.path().strip_prefix(root).ok()?;
                push(&mut files, root, rel)?;
            }
        }
    }
    files.sort_unstable();
    let settled_before = started.checked_sub(SETTLED)?;
    let settled_ns = settled_before.duration_since(UNIX_EPOCH).ok()?.as_nanos();
    let settled = files.iter().all(|(_, _, modified)| *modified < settled_ns);
    Some(Scan {
        key,
        files,
        settled,
    })
}

impl Scan {
    /// The size and modification time (ns) the scan found for the file at
    /// `rel` below the site root.
    pub fn get(&self, rel: &str) -> Option<(u64, u128)> {
        let i = (self.files)
            .binary_search_by(|(r, _, _)| r.as_str().cmp(rel))
            .ok()?;
        let (_, size, modified) = &self.files[i];
        Some((*size, *modified))
    }
}

fn push(files: &mut Vec<Scanned>, root: &Path, rel: &Path) -> Option<()> {
    let meta = fs::metadata(root.join(rel)).ok()?;
    let modified = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    let rel = rel.to_str()?.to_string();
    files.push((rel, meta.len(), modified.as_nanos()));
    Some(())
}

/// A key of what a build depends on besides the scanned files: byline
/// itself (its version, and the running program's size and time) and
/// `parts` (the build's options and output).
pub fn key(parts: impl Hash) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    FORMAT.hash(&mut h);
    super::hash_program(&mut h);
    parts.hash(&mut h);
    h.finish()
}

/// The last build's report, if the output at `output` (with its manifest
/// at `manifest`) is still what a build from `scan` at `now` would write.
pub fn current(manifest: &Path, output: &Path, scan: &Scan, now: Timestamp) -> Option<Current> {
    let bytes = fs::read(path_for(manifest)).ok()?;
    let stamp: Stamp = bincode::deserialize(&bytes).ok()?;
    let fresh = stamp.format == FORMAT
        && scan.settled
        && stamp.scan == *scan
        && stamp.valid_until.is_none_or(|t| now < t)
        && marker_build_id(output).is_some_and(|id| id == stamp.build_id);
    if !fresh {
        return None;
    }
    let old = Manifest::load(manifest)?;
    let intact = old.build_id == stamp.build_id
        && old.files.iter().all(|(rel, e)| {
            e.input != Entry::DIRTY
                && fs::symlink_metadata(output.join(rel)).is_ok_and(|m| m.len() == e.size)
        });
    intact.then_some(Current {
        counts: stamp.counts,
        warnings: stamp.warnings,
    })
}

/// Removes the stamp before a build writes (a build cut short must not
/// leave a stamp that vouches for the old output).
pub fn remove(manifest: &Path) {
    let _ = fs::remove_file(path_for(manifest));
}

/// What a successful build saves for the next one.
pub struct Record<'a> {
    pub scan: Scan,
    pub build_id: String,
    pub valid_until: Option<Timestamp>,
    pub counts: Counts,
    pub warnings: &'a [Diagnostic],
}

/// Saves the stamp after a successful build; none when a file was not
/// settled at the scan (the next build will then look at the files).
pub fn save(manifest: &Path, record: Record<'_>) -> std::io::Result<()> {
    if !record.scan.settled {
        return Ok(());
    }
    let stamp = Stamp {
        format: FORMAT,
        build_id: record.build_id,
        scan: record.scan,
        valid_until: record.valid_until,
        counts: record.counts,
        warnings: record.warnings.to_vec(),
    };
    let bytes = bincode::serialize(&stamp).map_err(std::io::Error::other)?;
    write_atomically(&path_for(manifest), &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn old(path: &Path) {
        let file = fs::File::options().write(true).open(path).unwrap();
        file.set_modified(SystemTime::now() - Duration::from_secs(60))
            .unwrap();
    }

    #[test]
    fn a_scan_sees_every_input_and_only_settled_files_count() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("content/경제")).unwrap();
        fs::write(root.join("site.toml"), "title = 'x'").unwrap();
        fs::write(root.join("content/경제/a.md"), "a").unwrap();
        fs::write(root.join("notes.txt"), "not an input").unwrap();
        let fresh = scan(root, 1).unwrap();
        assert!(!fresh.settled, "just written");
        let names: Vec<&str> = fresh.files.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(names, ["content/경제/a.md", "site.toml"]);
        old(&root.join("site.toml"));
        old(&root.join("content/경제/a.md"));
        let settled = scan(root, 1).unwrap();
        assert!(settled.settled);
        assert_eq!(scan(root, 1), Some(settled.clone()));
        assert_ne!(scan(root, 2), Some(settled.clone()), "another key");
        fs::write(root.join("content/경제/b.md"), "b").unwrap();
        assert_ne!(scan(root, 1), Some(settled), "a new file");
    }

    #[test]
    fn a_stamp_vouches_only_for_its_scan_time_marker_and_files() {
        let dir = tempfile::tempdir().unwrap();
        let (root, output) = (dir.path().join("site"), dir.path().join("public"));
        fs::create_dir_all(root.join("static")).unwrap();
        fs::create_dir_all(&output).unwrap();
        fs::write(root.join("site.toml"), "").unwrap();
        old(&root.join("site.toml"));
        fs::write(output.join(super::super::MARKER), "").unwrap();
        fs::write(output.join("index.html"), "front").unwrap();
        let build_id = marker_build_id(&output).unwrap();
        let manifest = dir.path().join("m.manifest");
        let mut files = crate::output::manifest::Files::default();
        let entry = Entry {
            input: 7,
            content: 8,
            size: 5,
        };
        files.insert("index.html".to_string(), entry);
        let m = Manifest {
            build_id: build_id.clone(),
            site: 1,
            files,
        };
        m.save(&manifest).unwrap();
        let scanned = scan(&root, 1).unwrap();
        let now = Timestamp::from_second(1_000).unwrap();
        let until = Timestamp::from_second(2_000).unwrap();
        let record = Record {
            scan: scanned.clone(),
            build_id,
            valid_until: Some(until),
            counts: Counts::default(),
            warnings: &[],
        };
        save(&manifest, record).unwrap();
        assert!(current(&manifest, &output, &scanned, now).is_some());
        assert!(
            current(&manifest, &output, &scanned, until).is_none(),
            "time's up"
        );
        let other = scan(&root, 2).unwrap();
        assert!(current(&manifest, &output, &other, now).is_none());
        fs::write(output.join("index.html"), "damaged!").unwrap();
        assert!(
            current(&manifest, &output, &scanned, now).is_none(),
            "a damaged file"
        );
        fs::write(output.join("index.html"), "front").unwrap();
        assert!(current(&manifest, &output, &scanned, now).is_some());
        remove(&manifest);
        assert!(
            current(&manifest, &output, &scanned, now).is_none(),
            "removed"
        );
    }
}

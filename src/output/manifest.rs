//! What the last build wrote into an output directory, so that the next
//! one writes only what changed.
//!
//! One line per output file: the fingerprint of its inputs (as `serve`
//! computes them), the hash of its bytes, its size and its path. The
//! manifest lives in the site's cache directory, `.byline-cache/builds/`,
//! named after the output's absolute path; deleting it is safe (the next
//! build is a cold one). It belongs to one output: the output's marker
//! file holds the same build id, so an output replaced or rebuilt by other
//! means is never trusted.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::{absolute, check_output_path_name, write_atomically};

const HEADER: &str = "byline-manifest 1";

/// A file byline wrote: what it was made from and what it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// The fingerprint of its inputs; [`Entry::DIRTY`] when a build that
    /// meant to replace or remove it was cut short.
    pub input: u64,
    /// The hash of its bytes (0 for copied files, known by their input).
    pub content: u64,
    pub size: u64,
}

impl Entry {
    /// Matches no fingerprint: the file is rendered and written again.
    pub const DIRTY: u64 = 0;
}

impl Default for Entry {
    fn default() -> Entry {
        Entry {
            input: Entry::DIRTY,
            content: 0,
            size: 0,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    /// The id in the output's marker when this manifest was written.
    pub build_id: String,
    /// Everything every page depends on (config, theme, byline's version).
    pub site: u64,
    pub files: Files,
}

/// Output path to entry (a fast hash: a manifest has a line per file).
pub type Files = HashMap<String, Entry, ahash::RandomState>;

/// Where the manifest of `output` is kept for the site at `root`.
pub fn path_for(root: &Path, output: &Path) -> PathBuf {
    let key = xxhash_rust::xxh3::xxh3_64(absolute(output).to_string_lossy().as_bytes());
    super::cache_dir(root)
        .join("builds")
        .join(format!("{key:016x}.manifest"))
}

impl Manifest {
    /// Reads a manifest; `None` if there is none or it cannot be trusted.
    pub fn load(path: &Path) -> Option<Manifest> {
        let text = fs::read_to_string(path).ok()?;
        let mut lines = text.lines();
        if lines.next()? != HEADER {
            return None;
        }
        let build_id = lines.next()?.to_string();
        let site = u64::from_str_radix(lines.next()?, 16).ok()?;
        let mut files = Files::default();
        for line in lines {
            let mut parts = line.splitn(4, ' ');
            let mut hex = || u64::from_str_radix(parts.next()?, 16).ok();
            let (input, content, size) = (hex()?, hex()?, hex()?);
            let rel = parts.next()?;
            // A manifest is never trusted to name a file outside the output.
            check_output_path_name(rel).ok()?;
            files.insert(
                rel.to_string(),
                Entry {
                    input,
                    content,
                    size,
                },
            );
        }
        // Files a build cut short meant to replace or remove.
        if let Ok(dirty) = fs::read_to_string(journal_path(path)) {
            for rel in dirty.lines().filter(|r| check_output_path_name(r).is_ok()) {
                files.entry(rel.to_string()).or_default().input = Entry::DIRTY;
            }
        }
        Some(Manifest {
            build_id,
            site,
            files,
        })
    }

    /// Notes, beside the manifest at `path`, that these files are about to
    /// be replaced or removed: until the next manifest is saved, a load
    /// reads them as dirty (a build killed meanwhile leaves each old or
    /// new, and the next build writes them again). Cheaper than saving the
    /// whole manifest with them marked.
    pub fn mark_dirty<'a>(path: &Path, rels: impl Iterator<Item = &'a String>) -> io::Result<()> {
        let mut text = String::new();
        for rel in rels {
            text.push_str(rel);
            text.push('\n');
        }
        write_atomically(&journal_path(path), text.as_bytes())
    }

    /// Writes the manifest atomically (a temporary file renamed over it).
    pub fn save(&self, path: &Path) -> io::Result<()> {
        let mut paths: Vec<&String> = self.files.keys().collect();
        paths.sort();
        let mut text = String::with_capacity(64 * paths.len() + 64);
        text.push_str(HEADER);
        text.push('\n');
        text.push_str(&self.build_id);
        text.push('\n');
        text.push_str(&format!("{:016x}\n", self.site));
        for rel in paths {
            let e = &self.files[rel];
            let _ = writeln!(
                text,
                "{:016x} {:016x} {:x} {rel}",
                e.input, e.content, e.size
            );
        }
        write_atomically(path, text.as_bytes())?;
        match fs::remove_file(journal_path(path)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

fn journal_path(manifest: &Path) -> PathBuf {
    manifest.with_extension("dirty")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_reads_back_as_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m");
        let mut m = Manifest {
            build_id: "abc".into(),
            site: 42,
            files: Files::default(),
        };
        m.files.insert(
            "경제/기사 a/index.html".into(),
            Entry {
                input: 1,
                content: u64::MAX,
                size: 20_000,
            },
        );
        m.save(&path).unwrap();
        assert_eq!(Manifest::load(&path), Some(m));
        fs::write(&path, "something else\n").unwrap();
        assert_eq!(Manifest::load(&path), None);
        let outside = format!("{HEADER}\nabc\n2a\n1 2 3 ../../etc/passwd\n");
        fs::write(&path, outside).unwrap();
        assert_eq!(Manifest::load(&path), None, "a path out of the output");
    }

    #[test]
    fn files_noted_dirty_read_as_dirty_until_the_next_save() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m");
        let entry = Entry {
            input: 7,
            content: 8,
            size: 9,
        };
        let files = Files::from_iter([("a.html".into(), entry), ("b.html".into(), entry)]);
        let m = Manifest {
            build_id: "id".into(),
            site: 1,
            files,
        };
        m.save(&path).unwrap();
        let noted = ["a.html".to_string(), "new/index.html".into(), "../x".into()];
        Manifest::mark_dirty(&path, noted.iter()).unwrap();
        let loaded = Manifest::load(&path).unwrap();
        assert_eq!(loaded.files["a.html"].input, Entry::DIRTY);
        assert_eq!(loaded.files["new/index.html"], Entry::default());
        assert_eq!(loaded.files["b.html"], entry);
        assert!(!loaded.files.contains_key("../x"));
        m.save(&path).unwrap();
        assert_eq!(Manifest::load(&path), Some(m));
    }
}

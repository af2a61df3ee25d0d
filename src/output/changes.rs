//! Writing only what changed since the last build into the same output.
//!
//! [`Changes`] is both the render's [`Selection`] (a page is rendered when
//! its input fingerprint differs from the manifest's, or its file is not
//! the size the manifest says) and its [`Sink`] (a rendered file whose bytes
//! hash as before is not written). Changed files go to the staging
//! directory; nothing touches the output until the whole render succeeded.
//! Then [`Changes::apply`] notes the files it is about to replace or remove
//! as dirty beside the manifest ([`Manifest::mark_dirty`]), removes the
//! files of pages that are gone, renames each changed file over its old
//! one (atomic per file: a reader sees the old or the new file, never a
//! torn one), and saves the new manifest. A
//! build killed in between leaves every file old or new and the dirty marks
//! make the next build write those files again.
//!
//! With no manifest (a cold build) every file is "changed" and the staging
//! directory is swapped in whole, as before.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU32, Ordering};

use rayon::prelude::*;

use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use super::manifest::{Entry, Files, Manifest};
use super::{DirSink, Sink};
use crate::render::{PlannedPage, Rendered, Selection};
use crate::static_files::StaticFile;

/// One build's comparison with the last one.
pub struct Changes {
    old: Manifest,
    /// The output being updated (for the size check), `None` when cold.
    output: Option<PathBuf>,
    /// Every file is rendered (the site's config or theme changed).
    all: bool,
    staged: DirSink,
    /// Files written to staging: path to (content hash, size, staged name).
    written: Mutex<HashMap<String, Staged>>,
    /// Names the next file staged flat (see [`Changes::staged_path`]).
    next_name: AtomicU32,
}

#[derive(Clone, Copy)]
struct Staged {
    content: u64,
    size: u64,
    name: u32,
}

/// What [`Changes::apply`] did.
#[derive(Debug, Default, Clone, Copy)]
pub struct Applied {
    pub written: usize,
    pub removed: usize,
}

impl Changes {
    /// A cold build into `staging`: everything is new.
    pub fn cold(staging: &Path) -> Changes {
        Changes::against(Manifest::default(), None, staging, true)
    }

    /// An update of `output` from the `old` manifest; `site` is this
    /// build's site fingerprint.
    pub fn incremental(old: Manifest, site: u64, output: &Path, staging: &Path) -> Changes {
        let all = old.site != site;
        Changes::against(old, Some(output.to_path_buf()), staging, all)
    }

    fn against(old: Manifest, output: Option<PathBuf>, staging: &Path, all: bool) -> Changes {
        Changes {
            old,
            output,
            all,
            staged: DirSink::new(staging),
            written: Mutex::new(HashMap::new()),
            next_name: AtomicU32::new(0),
        }
    }

    /// Whether the file at `rel`, made from `input`, must be made again.
    fn stale(&self, rel: &str, input: u64) -> bool {
        let Some(output) = &self.output else {
            return true;
        };
        match self.old.files.get(rel) {
            Some(e) if !self.all && e.input == input && e.input != Entry::DIRTY => {
                fs::metadata(output.join(rel)).map_or(true, |m| m.len() != e.size)
            }
            _ => true,
        }
    }

    /// Whether identical bytes are already in the output at `rel`.
    fn unchanged(&self, rel: &str, content: u64, size: u64) -> bool {
        let Some(output) = &self.output else {
            return false;
        };
        self.old.files.get(rel).is_some_and(|e| {
            e.input != Entry::DIRTY
                && e.content == content
                && e.size == size
                && fs::metadata(output.join(rel)).is_ok_and(|m| m.len() == size)
        })
    }

    /// Where the file for `rel` is staged. A cold build stages the whole
    /// tree, swapped in at once. An update stages files flat, under
    /// numbers: it moves them one by one, and a tree of directories made
    /// for a few files each and removed again costs more than the files.
    fn staged_path(&self, rel: &str) -> io::Result<(PathBuf, u32)> {
        if self.output.is_none() {
            return Ok((self.staged.prepare(rel)?, 0));
        }
        super::check_output_path_name(rel)?;
        let name = self.next_name.fetch_add(1, Ordering::Relaxed);
        Ok((self.staged.root().join(name.to_string()), name))
    }

    fn record(&self, rel: &str, content: u64, size: u64, name: u32) {
        let mut written = self.written.lock().unwrap_or_else(|e| e.into_inner());
        let staged = Staged {
            content,
            size,
            name,
        };
        written.insert(rel.to_string(), staged);
    }

    /// Copies the static files whose source changed (all of them when cold).
    pub fn copy_statics(&self, statics: &[StaticFile]) -> io::Result<()> {
        for f in statics {
            if self.stale(&f.rel, static_fingerprint(f)?) {
                self.copy(&f.rel, &f.source)?;
            }
        }
        Ok(())
    }

    /// The manifest after this build: every file of the plan with its
    /// fingerprint, bytes as written now or, if not written, as before.
    pub fn next_manifest(
        &self,
        build_id: String,
        site: u64,
        pages: &[PlannedPage],
        rendered: &Rendered,
        statics: &[StaticFile],
    ) -> io::Result<Manifest> {
        let written = self.written.lock().unwrap_or_else(|e| e.into_inner());
        let entry = |rel: &str, input: u64| {
            let (content, size) = written
                .get(rel)
                .map(|s| (s.content, s.size))
                .or_else(|| self.old.files.get(rel).map(|e| (e.content, e.size)))
                .unwrap_or_default();
            Entry {
                input,
                content,
                size,
            }
        };
        let mut files = Files::with_capacity_and_hasher(pages.len() + 64, Default::default());
        for (p, fp) in pages.iter().zip(&rendered.page_fingerprints) {
            let rel = p.path.output_file();
            let e = entry(&rel, *fp);
            files.insert(rel, e);
        }
        for (rel, fp) in &rendered.file_fingerprints {
            files.insert(rel.clone(), entry(rel, *fp));
        }
        for f in statics {
            files.insert(f.rel.clone(), entry(&f.rel, static_fingerprint(f)?));
        }
        Ok(Manifest {
            build_id,
            site,
            files,
        })
    }

    /// Moves the staged files into `output` and removes the files of the
    /// old manifest that `next` lacks, noting those files as dirty beside
    /// the manifest at `manifest_path` first, then saving `next` there.
    pub fn apply(
        self,
        output: &Path,
        next: &Manifest,
        manifest_path: &Path,
    ) -> io::Result<Applied> {
        let written = self.written.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut removed: Vec<&String> = self
            .old
            .files
            .keys()
            .filter(|rel| !next.files.contains_key(*rel))
            .collect();
        removed.sort();
        let touching = !written.is_empty() || !removed.is_empty();
        if touching {
            Manifest::mark_dirty(manifest_path, written.keys().chain(removed.iter().copied()))?;
        }
        for rel in &removed {
            remove_file_and_empty_parents(output, rel)?;
        }
        // In parallel: much of a rename's time is the file system freeing
        // the replaced file.
        written.par_iter().try_for_each(|(rel, staged)| {
            let (from, to) = (
                self.staged.root().join(staged.name.to_string()),
                output.join(rel),
            );
            match fs::rename(&from, &to) {
                // The directory of a new page: made, then the file moved.
                Err(e) if e.kind() == io::ErrorKind::NotFound && from.exists() => {
                    fs::create_dir_all(to.parent().unwrap_or(output))?;
                    fs::rename(&from, &to)
                }
                done => done,
            }
        })?;
        if touching || *next != self.old {
            next.save(manifest_path)?;
        }
        Ok(Applied {
            written: written.len(),
            removed: removed.len(),
        })
    }

    /// How many files went to staging (all of them on a cold build).
    pub fn written(&self) -> usize {
        self.written.lock().map_or(0, |w| w.len())
    }
}

/// A static file's fingerprint: its source's size and modification time.
fn static_fingerprint(f: &StaticFile) -> io::Result<u64> {
    let meta = fs::metadata(&f.source)?;
    let mut h = Xxh3::new();
    std::hash::Hash::hash(&("static", meta.len(), meta.modified().ok()), &mut h);
    Ok(std::hash::Hasher::finish(&h))
}

fn remove_file_and_empty_parents(output: &Path, rel: &str) -> io::Result<()> {
    match fs::remove_file(output.join(rel)) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    let mut dir = Path::new(rel).parent();
    while let Some(d) = dir.filter(|d| !d.as_os_str().is_empty()) {
        // Stops at the first directory that still holds something.
        if fs::remove_dir(output.join(d)).is_err() {
            break;
        }
        dir = d.parent();
    }
    Ok(())
}

impl Selection for Changes {
    fn page(&self, _: usize, page: &PlannedPage, fingerprint: u64) -> bool {
        self.stale(&page.path.output_file(), fingerprint)
    }

    fn file(&self, rel: &str, fingerprint: u64) -> bool {
        self.stale(rel, fingerprint)
    }

    fn previous(&self, rel: &str) -> Option<Vec<u8>> {
        let bytes = fs::read(self.output.as_ref()?.join(rel)).ok()?;
        (self.unchanged(rel, xxh3_64(&bytes), bytes.len() as u64)).then_some(bytes)
    }

    fn holds(&self, rel: &str, content: u64) -> bool {
        let Some(e) = self.old.files.get(rel) else {
            return false;
        };
        self.unchanged(rel, content, e.size)
    }
}

impl Sink for Changes {
    fn write(&self, rel: &str, contents: &[u8]) -> io::Result<()> {
        let (content, size) = (xxh3_64(contents), contents.len() as u64);
        if self.unchanged(rel, content, size) {
            return Ok(());
        }
        let (path, name) = self.staged_path(rel)?;
        fs::write(path, contents)?;
        self.record(rel, content, size, name);
        Ok(())
    }

    fn copy(&self, rel: &str, from: &Path) -> io::Result<()> {
        let (path, name) = self.staged_path(rel)?;
        let size = fs::copy(from, path)?;
        self.record(rel, 0, size, name);
        Ok(())
    }
}

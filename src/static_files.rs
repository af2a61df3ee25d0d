//! The site's `static/` directory, copied verbatim.
//!
//! A static file wins over a generated one at the same path (a site's own
//! `robots.txt` or `style.css`). Symbolic links are followed only when they
//! point inside the site; others are skipped with a warning.

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::output::Sink;

pub const STATIC_DIR: &str = "static";

/// A static file: its path in the output and on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticFile {
    pub rel: String,
    pub source: PathBuf,
}

/// Lists `static/`, sorted, following only links that stay inside `root`.
pub fn list(root: &Path) -> Result<Vec<StaticFile>> {
    let dir = root.join(STATIC_DIR);
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let site = std::fs::canonicalize(root).map_err(|e| Error::io(root, e))?;
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::io(&dir, e.into()))?;
        let Ok(rel) = entry.path().strip_prefix(&dir) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        let source = if entry.path_is_symlink() {
            match std::fs::canonicalize(entry.path()) {
                Ok(target) if target.starts_with(&site) && target.is_file() => target,
                _ => {
                    tracing::warn!(
                        "skipping {}: a link to outside the site or to a directory",
                        entry.path().display()
                    );
                    continue;
                }
            }
        } else if entry.file_type().is_file() {
            entry.path().to_path_buf()
        } else {
            continue;
        };
        files.push(StaticFile { rel, source });
    }
    Ok(files)
}

pub fn copy_all(files: &[StaticFile], sink: &dyn Sink) -> Result<()> {
    for f in files {
        sink.copy(&f.rel, &f.source)
            .map_err(|e| Error::io(&f.source, e))?;
    }
    Ok(())
}

/// A sink that leaves alone the paths static files occupy.
pub struct StaticWins<'a> {
    pub inner: &'a dyn Sink,
    pub taken: HashSet<String>,
}

impl<'a> StaticWins<'a> {
    pub fn new(inner: &'a dyn Sink, files: &[StaticFile]) -> Self {
        StaticWins {
            inner,
            taken: files.iter().map(|f| f.rel.clone()).collect(),
        }
    }
}

impl Sink for StaticWins<'_> {
    fn write(&self, rel: &str, contents: &[u8]) -> io::Result<()> {
        if self.taken.contains(rel) {
            Ok(())
        } else {
            self.inner.write(rel, contents)
        }
    }

    fn copy(&self, rel: &str, from: &Path) -> io::Result<()> {
        self.inner.copy(rel, from)
    }
}

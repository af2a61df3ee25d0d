//! The site's `static/` directory, copied verbatim.
//!
//! A static file wins over a generated one at the same path (a site's own
//! `robots.txt` or `style.css`). Symbolic links are followed only when they
//! point inside the site; others are skipped with a warning.

use std::collections::{HashMap, HashSet};
use std::io;
use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error, Result};
use crate::output::{Sink, check_output_path_name};

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
    let mut problems = Vec::new();
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::io(&dir, e.into()))?;
        let Ok(rel) = entry.path().strip_prefix(&dir) else {
            continue;
        };
        let Some(rel) = rel
            .to_str()
            .map(|r| r.replace(std::path::MAIN_SEPARATOR, "/"))
        else {
            problems.push(
                Diagnostic::whole_file(
                    Path::new(STATIC_DIR).join(rel),
                    "the file name is not UTF-8",
                )
                .with_hint("rename the file"),
            );
            continue;
        };
        if (entry.file_type().is_file() || entry.path_is_symlink())
            && let Err(e) = check_output_path_name(&rel)
        {
            problems.push(
                Diagnostic::whole_file(
                    Path::new(STATIC_DIR).join(&rel),
                    format!("cannot be published: {e}"),
                )
                .with_hint("rename the file with letters, digits, `-`, `_` and `.`"),
            );
            continue;
        }
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
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(Error::Content(problems))
    }
}

/// Static files in the way of generated paths: a static file where a
/// generated path needs a directory, or one below a path that byline writes
/// as a file. Returns each with the generated path it meets.
pub fn collisions<'a, V>(
    statics: &'a [StaticFile],
    generated: &HashMap<String, V>,
) -> Vec<(&'a StaticFile, String)> {
    // Per directory, the generated path below it to name: a page if there
    // is one, else the first by name, so that messages do not vary.
    let rank = |path: &str| (!path.ends_with("index.html"), path.to_string());
    let mut dirs: HashMap<&str, &str> = HashMap::new();
    for path in generated.keys() {
        for (i, _) in path.match_indices('/') {
            let named = dirs.entry(&path[..i]).or_insert(path);
            if rank(path) < rank(named) {
                *named = path;
            }
        }
    }
    let mut found = Vec::new();
    for file in statics {
        if let Some(below) = dirs.get(file.rel.as_str()) {
            found.push((file, below.to_string()));
            continue;
        }
        if let Some((i, _)) = file
            .rel
            .match_indices('/')
            .find(|(i, _)| generated.contains_key(&file.rel[..*i]))
        {
            found.push((file, file.rel[..i].to_string()));
        }
    }
    found
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

//! Writing the site: a cold build into a fresh directory that replaces the
//! old output only when the whole build succeeded, a later build only the
//! files that changed.
//!
//! [`Staging`] is a temporary directory beside the output; pages are written
//! into it as they are rendered, and [`Staging::publish`] swaps it into
//! place. [`Changes`] decides, from the [`manifest`] of the last build, what
//! an incremental build renders and writes, stages it, and moves it into the
//! output file by file. A failed build leaves the previous output byte for
//! byte as it was. byline never deletes what it did not create: an
//! existing, non-empty output without our marker file is refused, as is an
//! output path that holds the site's own sources, and an incremental build
//! removes only files its manifest lists.

mod changes;
pub mod manifest;
mod staging;
pub mod stamp;

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

pub use changes::{Applied, Changes};
pub use staging::{Staging, marker_build_id};

use crate::error::{Error, Result};
use crate::urls::check_segment;

/// Marks a directory as byline's output, so a later build may replace it.
pub const MARKER: &str = ".byline-output";

/// Where rendered files go: a directory on disk, or memory in `serve`.
pub trait Sink: Sync {
    /// Writes `contents` at `rel`, a `/`-separated path below the output root.
    fn write(&self, rel: &str, contents: &[u8]) -> io::Result<()>;
    /// Copies a file from disk (static files).
    fn copy(&self, rel: &str, from: &Path) -> io::Result<()>;
}

/// A directory being filled.
pub struct DirSink {
    root: PathBuf,
}

impl DirSink {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        DirSink { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub(crate) fn prepare(&self, rel: &str) -> io::Result<PathBuf> {
        check_output_path_name(rel)?;
        let path = self.root.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        Ok(path)
    }
}

impl Sink for DirSink {
    fn write(&self, rel: &str, contents: &[u8]) -> io::Result<()> {
        let path = self.prepare(rel)?;
        fs::write(path, contents)
    }

    fn copy(&self, rel: &str, from: &Path) -> io::Result<()> {
        let path = self.prepare(rel)?;
        fs::copy(from, path).map(|_| ())
    }
}

/// The directory of a site's caches (all safe to delete).
pub fn cache_dir(root: &Path) -> PathBuf {
    root.join(".byline-cache")
}

/// Hashes byline itself into a key of what it saved in `.byline-cache`:
/// its version and the running program's size and modification time, so
/// that another build of byline never trusts what this one saved.
pub fn hash_program(h: &mut impl std::hash::Hasher) {
    use std::hash::Hash;
    env!("CARGO_PKG_VERSION").hash(h);
    let program = std::env::current_exe()
        .ok()
        .and_then(|p| fs::metadata(p).ok());
    program.map(|m| (m.len(), m.modified().ok())).hash(h);
}

/// Replaces the file at `path` with `bytes` in one rename (a temporary file
/// in the same directory, which is created if missing), so a reader or a
/// killed process never leaves a torn file: for the caches and manifests
/// byline keeps beside the output.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    io::Write::write_all(&mut tmp, bytes)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The last line of defence: every path a sink writes must be relative and
/// made of plain names that [`check_segment`] accepts (no empty, `.` or
/// `..` segment, no NUL, backslash or other control character, none longer
/// than a file system allows), so no page, feed or static file can land
/// outside the output, whatever produced its path.
pub fn check_output_path_name(rel: &str) -> io::Result<()> {
    let refuse = |why: String| {
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "refusing to write `{}` outside plain names: {why}",
                rel.escape_debug()
            ),
        ))
    };
    if let Some(Err(e)) = rel.split('/').map(check_segment).find(Result::is_err) {
        return refuse(e);
    }
    if !Path::new(rel)
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
    {
        return refuse("not a relative path".into());
    }
    Ok(())
}

/// Checks that `output` may be (re)written for the site at `root`.
pub fn check_output_path(root: &Path, output: &Path) -> Result<()> {
    let refuse = |message: String| {
        Err(Error::Output {
            path: output.to_path_buf(),
            message,
        })
    };
    let root = absolute(root);
    let out = absolute(output);
    for protected in [
        root.clone(),
        root.join("content"),
        root.join("templates"),
        root.join("static"),
    ] {
        if protected.starts_with(&out) {
            return refuse(format!(
                "refusing to write here: it would replace {} (choose an output directory such as {})",
                protected.display(),
                root.join("public").display()
            ));
        }
        if protected != root && out.starts_with(&protected) {
            return refuse(format!("refusing to write inside {}", protected.display()));
        }
    }
    match fs::read_dir(&out) {
        Ok(mut entries) => {
            let empty = entries.next().is_none();
            if !empty && !out.join(MARKER).is_file() {
                return refuse(format!(
                    "the directory exists, is not empty and was not made by byline (no {MARKER} file); \
                     move it away or choose another --output"
                ));
            }
            Ok(())
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotADirectory => {
            refuse("exists and is not a directory".into())
        }
        Err(e) => Err(Error::io(&out, e)),
    }
}

/// Makes a path absolute and lexically normal (no `.` or `..`), without
/// requiring it to exist.
pub fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    // Resolve symlinks in the part that exists, so `./public` and a link to it agree.
    fs::canonicalize(&out).unwrap_or(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sink_refuses_paths_that_leave_the_output() {
        let out = tempfile::tempdir().unwrap();
        let sink = DirSink::new(out.path().join("site"));
        for bad in [
            "/etc/x",
            "../x",
            "a/../../x",
            "a//b",
            "./x",
            "a/./b",
            "",
            "a\\b",
            "a\0b",
        ] {
            let e = sink.write(bad, b"x").unwrap_err();
            assert_eq!(e.kind(), io::ErrorKind::InvalidInput, "{bad:?}");
        }
        let long = format!("{}/index.html", "가".repeat(90));
        assert!(sink.write(&long, b"x").is_err());
        assert_eq!(
            fs::read_dir(out.path()).unwrap().count(),
            0,
            "nothing written"
        );
        sink.write("기사/index.html", b"ok").unwrap();
    }

    #[test]
    fn refuses_sources_and_foreign_directories() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        fs::create_dir_all(root.join("content")).unwrap();
        assert!(check_output_path(root, root).is_err());
        assert!(check_output_path(root, &root.join("content")).is_err());
        assert!(check_output_path(root, &root.join("content/x")).is_err());
        assert!(check_output_path(root, root.parent().unwrap()).is_err());
        assert!(check_output_path(root, &root.join("public")).is_ok());
        fs::create_dir_all(root.join("docs")).unwrap();
        fs::write(root.join("docs/keep.txt"), "mine").unwrap();
        let err = check_output_path(root, &root.join("docs"))
            .unwrap_err()
            .to_string();
        assert!(err.contains(MARKER), "{err}");
    }
}

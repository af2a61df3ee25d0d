//! What is content: the one rule that `build` and `serve` share.
//!
//! Below `content/`, a file is an article when its extension is `.md` or
//! `.markdown` (in any case). Hidden files and directories (`.git`,
//! `.archive`) and editors' temporary files are not content and pass
//! silently. Any other file is skipped with a warning, so nothing is dropped
//! without a word. Symbolic links are followed when they lead to a place
//! inside the site's root (newsrooms link shared directories); links that
//! lead out of it, dangling links and loops are skipped with a warning.

use std::cell::RefCell;
use std::ffi::OsStr;
use std::io;
use std::path::{Component, Path, PathBuf};

use super::CONTENT_DIR;
use crate::error::{Diagnostic, Error, Result};

/// The article files found, relative to `content/` and sorted, and what was
/// skipped.
#[derive(Debug, Default)]
pub struct Listing {
    pub files: Vec<PathBuf>,
    pub warnings: Vec<Diagnostic>,
}

/// Hidden files and editors' temporary files (`.#x`, `x~`, `4913`, swap files).
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name == "4913"
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
}

fn is_ignored(name: &OsStr) -> bool {
    // A name that is not UTF-8 is not ignored: the article parser reports it.
    name.to_str().is_some_and(is_ignored_name)
}

/// Whether a file name has an article's extension.
pub fn is_article_name(path: &Path) -> bool {
    path.extension()
        .and_then(OsStr::to_str)
        .is_some_and(|x| x.eq_ignore_ascii_case("md") || x.eq_ignore_ascii_case("markdown"))
}

/// Lists the articles at or below `below` (a path relative to `content/`;
/// empty for all of it). A path that does not exist lists nothing.
pub fn list(root: &Path, below: &Path) -> Result<Listing> {
    let content = root.join(CONTENT_DIR);
    let start = content.join(below);
    let mut listing = Listing::default();
    if below.components().any(|c| match c {
        Component::Normal(name) => is_ignored(name),
        _ => true,
    }) {
        return Ok(listing);
    }
    if std::fs::symlink_metadata(&start).is_err() {
        return Ok(listing);
    }
    let site = std::fs::canonicalize(root).map_err(|e| Error::io(root, e))?;
    let warnings = RefCell::new(Vec::new());
    let warn = |path: &Path, message: &str| {
        warnings.borrow_mut().push(Diagnostic::whole_file(
            site_relative(root, path),
            message.to_string(),
        ));
    };
    let leads_inside = |path: &Path| match std::fs::canonicalize(path) {
        Ok(target) if target.starts_with(&site) => true,
        Ok(target) => {
            let message = format!(
                "a symbolic link leads out of the site (to {}); skipped, as byline never follows links out of the site",
                target.display()
            );
            warn(path, &message);
            false
        }
        Err(_) => {
            warn(path, "a link to nothing (dangling), skipped");
            false
        }
    };
    if !leads_inside(&start) {
        listing.warnings = warnings.into_inner();
        return Ok(listing);
    }
    let walker = walkdir::WalkDir::new(&start)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0
                || (!is_ignored(e.file_name()) && (!e.path_is_symlink() || leads_inside(e.path())))
        });
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().map(Path::to_path_buf).unwrap_or(start.clone());
                if e.loop_ancestor().is_some() {
                    warn(
                        &path,
                        "a link that loops back to a directory above it, skipped",
                    );
                    continue;
                }
                let kind = e.io_error().map(io::Error::kind);
                if kind == Some(io::ErrorKind::NotFound) && path.is_symlink() {
                    warn(&path, "a link to nothing (dangling), skipped");
                    continue;
                }
                return Err(Error::io(&path, e.into()));
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(&content) else {
            continue;
        };
        if is_article_name(rel) {
            listing.files.push(rel.to_path_buf());
        } else if bundle_index(&content, rel).is_none() {
            warn(
                entry.path(),
                "not an article (only .md and .markdown files are), skipped",
            );
        }
    }
    listing.warnings = warnings.into_inner();
    Ok(listing)
}

/// For a file inside a page bundle (a directory with `index.md`, below a
/// section), the bundle's `index.md`, relative to `content/`.
pub fn bundle_index(content: &Path, rel: &Path) -> Option<PathBuf> {
    rel.ancestors().skip(1).find_map(|dir| {
        if dir.components().count() < 2 {
            return None;
        }
        ["index.md", "index.markdown"]
            .iter()
            .map(|name| dir.join(name))
            .find(|index| content.join(index).is_file())
    })
}

/// A path for messages: relative to the site root where possible.
fn site_relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_extensions_in_any_case() {
        for name in ["a.md", "a.MD", "a.markdown", "a.Markdown"] {
            assert!(is_article_name(Path::new(name)), "{name}");
        }
        for name in ["a.txt", "a.jpg", "md", "a.md.bak"] {
            assert!(!is_article_name(Path::new(name)), "{name}");
        }
    }

    #[test]
    fn hidden_directories_are_not_content_even_when_asked_for() {
        let site = tempfile::tempdir().unwrap();
        let dir = site.path().join("content/IT/.archive");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("x.md"), "x").unwrap();
        std::fs::write(site.path().join("content/IT/a.md"), "x").unwrap();
        let all = list(site.path(), Path::new("")).unwrap();
        assert_eq!(all.files, vec![PathBuf::from("IT/a.md")]);
        assert!(all.warnings.is_empty());
        for below in ["IT/.archive", "IT/.archive/x.md"] {
            assert!(
                list(site.path(), Path::new(below))
                    .unwrap()
                    .files
                    .is_empty()
            );
        }
        let one = list(site.path(), Path::new("IT/a.md")).unwrap();
        assert_eq!(one.files, vec![PathBuf::from("IT/a.md")]);
    }
}

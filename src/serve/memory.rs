//! The served site, in memory.
//!
//! Rendering writes into a [`MemorySink`]; the engine then applies the
//! writes and removals under one write lock ([`commit`]), so a request sees
//! the old site or the new one, never a mix, and no rebuild copies the
//! whole site.

use std::collections::HashMap;
use std::io;
use std::path::Path;
use std::sync::{Arc, Mutex, RwLock};

use bytes::Bytes;

use crate::output::{Sink, check_output_path_name};

/// Output path (`/`-separated, no leading slash) to contents.
pub type SiteFiles = HashMap<String, Bytes>;

/// Collects what a render writes.
#[derive(Default)]
pub struct MemorySink {
    writes: Mutex<Vec<(String, Bytes)>>,
}

impl MemorySink {
    pub fn into_writes(self) -> Vec<(String, Bytes)> {
        self.writes.into_inner().unwrap_or_else(|e| e.into_inner())
    }

    fn push(&self, rel: &str, bytes: Bytes) {
        let mut writes = self.writes.lock().unwrap_or_else(|e| e.into_inner());
        writes.push((rel.to_string(), bytes));
    }
}

impl Sink for MemorySink {
    fn write(&self, rel: &str, contents: &[u8]) -> io::Result<()> {
        check_output_path_name(rel)?;
        self.push(rel, Bytes::copy_from_slice(contents));
        Ok(())
    }

    fn copy(&self, rel: &str, from: &Path) -> io::Result<()> {
        check_output_path_name(rel)?;
        self.push(rel, Bytes::from(std::fs::read(from)?));
        Ok(())
    }
}

/// What changed between two versions of the site.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FileChanges {
    /// Paths whose bytes are new or different.
    pub written: Vec<String>,
    pub removed: Vec<String>,
}

impl FileChanges {
    pub fn is_empty(&self) -> bool {
        self.written.is_empty() && self.removed.is_empty()
    }

    /// Only stylesheets changed: the browser can swap them in place.
    pub fn css_only(&self) -> bool {
        !self.written.is_empty()
            && self.removed.is_empty()
            && self.written.iter().all(|p| p.ends_with(".css"))
    }
}

/// The served files, shared by the engine (which changes them) and the
/// server (which reads them).
pub type SharedFiles = Arc<RwLock<SiteFiles>>;

/// What applying `writes` and `removals` to `current` would change.
pub fn changes(
    current: &SiteFiles,
    writes: &[(String, Bytes)],
    removals: &[String],
) -> FileChanges {
    let mut changes = FileChanges::default();
    for (path, bytes) in writes {
        if current.get(path) != Some(bytes) {
            changes.written.push(path.clone());
        }
    }
    for path in removals {
        if current.contains_key(path) && !writes.iter().any(|(w, _)| w == path) {
            changes.removed.push(path.clone());
        }
    }
    changes.written.sort();
    changes.written.dedup();
    changes.removed.sort();
    changes
}

/// Applies a rebuild at once: requests see all of it or none of it.
pub fn commit(files: &RwLock<SiteFiles>, writes: Vec<(String, Bytes)>, removals: &[String]) {
    let mut files = files.write().unwrap_or_else(|e| e.into_inner());
    for path in removals {
        files.remove(path);
    }
    files.extend(writes);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_and_commit_agree() {
        let mut old = SiteFiles::new();
        old.insert("a.html".into(), Bytes::from_static(b"a"));
        old.insert("b.html".into(), Bytes::from_static(b"b"));
        old.insert("gone.html".into(), Bytes::from_static(b"x"));
        let writes = vec![
            ("a.html".to_string(), Bytes::from_static(b"a")),
            ("b.html".to_string(), Bytes::from_static(b"B")),
            ("c.css".to_string(), Bytes::from_static(b"c")),
        ];
        let removals = vec!["gone.html".to_string(), "never.html".to_string()];
        let c = changes(&old, &writes, &removals);
        assert_eq!(c.written, ["b.html", "c.css"]);
        assert_eq!(c.removed, ["gone.html"]);
        assert!(!c.css_only());
        let shared = RwLock::new(old);
        commit(&shared, writes, &removals);
        let files = shared.read().unwrap();
        assert_eq!(files.len(), 3);
        assert_eq!(files["b.html"], Bytes::from_static(b"B"));
    }
}

//! The served site, in memory.
//!
//! Rendering writes into a [`MemorySink`]; the engine then makes a new
//! [`SiteFiles`] from the previous one and the writes, and swaps it in at
//! once, so a request sees the old site or the new one, never a mix.

use std::collections::HashMap;
use std::io;
use std::path::Path;
use std::sync::Mutex;

use bytes::Bytes;

use crate::output::Sink;

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
        self.push(rel, Bytes::copy_from_slice(contents));
        Ok(())
    }

    fn copy(&self, rel: &str, from: &Path) -> io::Result<()> {
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

/// Applies `writes` to `previous`: unwritten files stay if `keep` accepts
/// them. Says what changed.
pub fn apply(
    previous: &SiteFiles,
    writes: Vec<(String, Bytes)>,
    keep: impl Fn(&str) -> bool,
) -> (SiteFiles, FileChanges) {
    let mut next: SiteFiles = previous
        .iter()
        .filter(|(k, _)| keep(k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let mut changes = FileChanges::default();
    for (path, bytes) in writes {
        if previous.get(&path) != Some(&bytes) {
            changes.written.push(path.clone());
        }
        next.insert(path, bytes);
    }
    for path in previous.keys() {
        if !next.contains_key(path) {
            changes.removed.push(path.clone());
        }
    }
    changes.written.sort();
    changes.written.dedup();
    changes.removed.sort();
    (next, changes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apply_reports_new_changed_and_removed_files() {
        let mut old = SiteFiles::new();
        old.insert("a.html".into(), Bytes::from_static(b"a"));
        old.insert("b.html".into(), Bytes::from_static(b"b"));
        old.insert("gone.html".into(), Bytes::from_static(b"x"));
        let writes = vec![
            ("a.html".to_string(), Bytes::from_static(b"a")),
            ("b.html".to_string(), Bytes::from_static(b"B")),
            ("c.css".to_string(), Bytes::from_static(b"c")),
        ];
        let (next, changes) = apply(&old, writes, |p| p != "gone.html" && p != "b.html");
        assert_eq!(changes.written, ["b.html", "c.css"]);
        assert_eq!(changes.removed, ["gone.html"]);
        assert_eq!(next.len(), 3);
        assert!(!changes.css_only());
    }
}

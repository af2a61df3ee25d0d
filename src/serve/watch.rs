//! Watching the site's sources with notify.
//!
//! Directories are watched, not single files, so that editors' saves by
//! rename-and-replace, new files, deletions and new directories are all
//! seen: the site root without recursion (for `site.toml` and for
//! `content/`, `templates/` or `static/` appearing), and those three
//! recursively. Events are debounced briefly and classified into
//! [`Change`]s; editors' temporary files are ignored.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::event::{EventKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use super::engine::Change;
use crate::config::CONFIG_FILE;
use crate::content::{CONTENT_DIR, is_ignored_name};
use crate::render::TEMPLATES_DIR;
use crate::static_files::STATIC_DIR;

/// Long enough to merge an editor's write-rename-delete into one batch,
/// short enough not to be felt.
const DEBOUNCE: Duration = Duration::from_millis(15);
const WATCHED_DIRS: [&str; 3] = [CONTENT_DIR, TEMPLATES_DIR, STATIC_DIR];

pub struct Watcher {
    root: PathBuf,
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    watched: Vec<PathBuf>,
}

impl Watcher {
    /// Starts watching `root`; batches of changes go to `changes`.
    pub fn start(root: &Path, changes: Sender<Vec<Change>>) -> notify::Result<Watcher> {
        let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let classify_root = root.clone();
        let handler = move |result: DebounceEventResult| {
            let Ok(events) = result else { return };
            let mut batch: Vec<Change> = Vec::new();
            for event in &events {
                // Reads (ours, while rebuilding, among them) change nothing.
                if matches!(
                    event.kind,
                    EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_))
                ) {
                    continue;
                }
                for path in &event.paths {
                    if let Some(change) = classify(&classify_root, path)
                        && !batch.contains(&change)
                    {
                        batch.push(change);
                    }
                }
            }
            if !batch.is_empty() {
                let _ = changes.send(batch);
            }
        };
        let mut debouncer = new_debouncer(DEBOUNCE, None, handler)
            .map_err(|e| notify::Error::generic(&e.to_string()))?;
        debouncer.watch(&root, RecursiveMode::NonRecursive)?;
        let mut watcher = Watcher {
            root,
            debouncer,
            watched: Vec::new(),
        };
        watcher.watch_new_dirs();
        Ok(watcher)
    }

    /// Starts watching source directories that appeared since.
    pub fn watch_new_dirs(&mut self) {
        for dir in WATCHED_DIRS {
            let path = self.root.join(dir);
            if path.is_dir()
                && !self.watched.contains(&path)
                && self
                    .debouncer
                    .watch(&path, RecursiveMode::Recursive)
                    .is_ok()
            {
                self.watched.push(path);
            }
        }
        self.watched.retain(|p| p.is_dir());
    }
}

/// What a changed path means for the site, if anything.
pub fn classify(root: &Path, path: &Path) -> Option<Change> {
    let rel = path.strip_prefix(root).ok()?;
    let name = rel.file_name()?.to_str()?;
    if is_ignored_name(name) {
        return None;
    }
    let mut parts = rel.components();
    let first = parts.next()?.as_os_str().to_str()?;
    let rest: PathBuf = parts.collect();
    match first {
        CONFIG_FILE if rest.as_os_str().is_empty() => Some(Change::Config),
        CONTENT_DIR => Some(Change::Content(rest)),
        TEMPLATES_DIR => Some(Change::Templates),
        STATIC_DIR => Some(Change::Static),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_files_is_not_a_change_but_writing_is() {
        let site = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(site.path().join("content/IT")).unwrap();
        std::fs::write(site.path().join("content/IT/a.md"), "x").unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let _watcher = Watcher::start(site.path(), tx).unwrap();
        // The rebuild reads sources; that must not trigger another rebuild.
        for _ in 0..5 {
            let _ = std::fs::read(site.path().join("content/IT/a.md")).unwrap();
            let _ = std::fs::read_dir(site.path().join("content/IT"))
                .unwrap()
                .count();
        }
        assert!(
            rx.recv_timeout(Duration::from_millis(400)).is_err(),
            "reads were taken for changes"
        );
        std::fs::write(site.path().join("content/IT/a.md"), "y").unwrap();
        let batch = rx
            .recv_timeout(Duration::from_secs(5))
            .expect("a write is a change");
        assert_eq!(batch, vec![Change::Content(PathBuf::from("IT/a.md"))]);
    }

    #[test]
    fn classifies_sources_and_ignores_the_rest() {
        let root = Path::new("/site");
        let c = |p: &str| classify(root, &root.join(p));
        assert_eq!(c("site.toml"), Some(Change::Config));
        assert_eq!(
            c("content/IT/a.md"),
            Some(Change::Content(PathBuf::from("IT/a.md")))
        );
        assert_eq!(c("content/IT"), Some(Change::Content(PathBuf::from("IT"))));
        assert_eq!(c("templates/base.html"), Some(Change::Templates));
        assert_eq!(c("static/images/a.png"), Some(Change::Static));
        for ignored in [
            "content/IT/.a.md.swp",
            "content/IT/a.md~",
            "content/IT/.#a.md",
            "content/IT/4913",
            "public/index.html",
            "target/x",
            "README.md",
        ] {
            assert_eq!(c(ignored), None, "{ignored}");
        }
    }
}

//! The articles `serve` keeps in memory, updated file by file.
//!
//! Published articles stay sorted newest first. A changed file is parsed
//! alone; its new version replaces the old in place when its date keeps its
//! place (the common edit), so half of a large archive never moves in
//! memory. Drafts and embargoed articles are held aside (an embargo that
//! lifts moves its article in), and files that fail to parse are kept with
//! their problems until they are fixed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::content::{Article, CONTENT_DIR, Visibility, is_ignored_name, read_article};
use crate::error::Diagnostic;
use crate::markdown::Renderer;

pub struct Articles {
    /// Newest first, as the index wants them.
    pub published: Vec<Article>,
    pub held: Vec<Article>,
    pub broken: BTreeMap<PathBuf, Vec<Diagnostic>>,
}

/// Newest first; ties by source path (as [`crate::content::sort_newest_first`]).
fn goes_before(a: &Article, b: &Article) -> bool {
    (std::cmp::Reverse(a.date), &a.source) < (std::cmp::Reverse(b.date), &b.source)
}

/// A source's outcome after a change.
enum Version {
    Gone,
    Published(Article),
    Held(Article),
    Broken(Vec<Diagnostic>),
}

impl Articles {
    pub fn new(published: Vec<Article>, held: Vec<Article>) -> Self {
        Articles {
            published,
            held,
            broken: BTreeMap::new(),
        }
    }

    /// Re-reads the changed files or directories (`rels`, below `content/`).
    pub fn update(
        &mut self,
        config: &Config,
        markdown: &Renderer,
        visibility: Visibility,
        rels: &[PathBuf],
    ) {
        let content_dir = config.root.join(CONTENT_DIR);
        let mut files: Vec<PathBuf> = Vec::new();
        for rel in rels {
            let on_disk = content_dir.join(rel);
            if on_disk.is_dir() || (!on_disk.exists() && rel.extension().is_none_or(|x| x != "md"))
            {
                // A directory, new or gone: everything below it.
                let source = Path::new(CONTENT_DIR).join(rel);
                self.published.retain(|a| !a.source.starts_with(&source));
                self.held.retain(|a| !a.source.starts_with(&source));
                self.broken.retain(|path, _| !path.starts_with(&source));
                for entry in walkdir::WalkDir::new(&on_disk)
                    .into_iter()
                    .filter_map(|e| e.ok())
                {
                    if let Ok(below) = entry.path().strip_prefix(&content_dir)
                        && is_article_file(entry.path())
                    {
                        files.push(below.to_path_buf());
                    }
                }
            } else {
                files.push(rel.clone());
            }
        }
        files.sort();
        files.dedup();
        for rel in files {
            let version = if is_article_file(&content_dir.join(&rel)) {
                match read_article(config, &rel, markdown) {
                    Ok(a) if visibility.is_published(&a) => Version::Published(a),
                    Ok(a) => Version::Held(a),
                    Err(d) => Version::Broken(d),
                }
            } else {
                Version::Gone
            };
            self.replace(&Path::new(CONTENT_DIR).join(&rel), version);
        }
        // An embargo may have lifted since the last rebuild.
        let (due, held): (Vec<Article>, Vec<Article>) = std::mem::take(&mut self.held)
            .into_iter()
            .partition(|a| visibility.is_published(a));
        self.held = held;
        for a in due {
            self.insert(a);
        }
    }

    /// Puts the new version of `source` where the old one was.
    fn replace(&mut self, source: &Path, version: Version) {
        self.held.retain(|a| a.source != source);
        self.broken.remove(source);
        let old = self.published.iter().position(|a| a.source == source);
        match version {
            Version::Published(new) => match old {
                Some(i) if self.fits_at(i, &new) => self.published[i] = new,
                Some(i) => {
                    self.published.remove(i);
                    self.insert(new);
                }
                None => self.insert(new),
            },
            other => {
                if let Some(i) = old {
                    self.published.remove(i);
                }
                match other {
                    Version::Held(a) => self.held.push(a),
                    Version::Broken(d) => {
                        self.broken.insert(source.to_path_buf(), d);
                    }
                    _ => {}
                }
            }
        }
    }

    /// Whether `new` keeps the newest-first order at position `i`.
    fn fits_at(&self, i: usize, new: &Article) -> bool {
        let after_previous = i == 0 || goes_before(&self.published[i - 1], new);
        let before_next = self
            .published
            .get(i + 1)
            .is_none_or(|next| goes_before(new, next));
        after_previous && before_next
    }

    fn insert(&mut self, article: Article) {
        let at = self.published.partition_point(|a| goes_before(a, &article));
        self.published.insert(at, article);
    }

    /// The problems of the files that do not parse.
    pub fn problems(&self) -> Vec<Diagnostic> {
        self.broken.values().flatten().cloned().collect()
    }
}

/// Whether a file is an article (and not an editor's temporary file).
fn is_article_file(path: &Path) -> bool {
    path.is_file()
        && path.extension().is_some_and(|x| x == "md")
        && path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| !is_ignored_name(n))
}

//! The articles `serve` keeps in memory, updated file by file.
//!
//! Published articles stay sorted newest first. A changed file is parsed
//! alone; its new version replaces the old in place when its date keeps its
//! place (the common edit), so half of a large archive never moves in
//! memory. Drafts and embargoed articles are held aside (an embargo that
//! lifts moves its article in), and files that fail to parse are kept with
//! their problems until they are fixed.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::content::{Article, CONTENT_DIR, Visibility, is_standalone, listing, read_article};
use crate::error::{Diagnostic, Result};
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

    /// Re-reads the changed files or directories (`rels`, below
    /// `content/`) with the rule `build` uses for what is content; returns
    /// what was skipped with a warning.
    pub fn update(
        &mut self,
        config: &Config,
        markdown: &Renderer,
        visibility: Visibility,
        rels: &[PathBuf],
    ) -> Result<Vec<Diagnostic>> {
        let mut files: Vec<PathBuf> = Vec::new();
        let mut warnings = Vec::new();
        for rel in rels {
            let listing = listing::list(&config.root, rel)?;
            // Whatever was known at or below the path and is no longer
            // listed (deleted, renamed, hidden, moved out of the site) goes.
            let prefix = Path::new(CONTENT_DIR).join(rel);
            let listed: HashSet<PathBuf> = listing
                .files
                .iter()
                .map(|f| Path::new(CONTENT_DIR).join(f))
                .collect();
            let gone: Vec<PathBuf> = self
                .known_sources()
                .filter(|s| s.starts_with(&prefix) && !listed.contains(*s))
                .cloned()
                .collect();
            for source in gone {
                self.replace(&source, Version::Gone);
            }
            files.extend(listing.files.into_iter().filter(|f| !is_standalone(f)));
            // A photo of a page bundle changed: its article shows it.
            let content = config.root.join(CONTENT_DIR);
            files.extend(listing::bundle_index(&content, rel));
            warnings.extend(listing.warnings);
        }
        files.sort();
        files.dedup();
        for rel in files {
            let version = match read_article(config, &rel, markdown) {
                Ok(a) if visibility.is_published(&a) => Version::Published(a),
                Ok(a) => Version::Held(a),
                Err(d) => Version::Broken(d),
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
        Ok(warnings)
    }

    fn known_sources(&self) -> impl Iterator<Item = &PathBuf> {
        self.published
            .iter()
            .chain(&self.held)
            .map(|a| &a.source)
            .chain(self.broken.keys())
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

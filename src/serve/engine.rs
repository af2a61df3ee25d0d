//! Incremental rebuilds for `serve`: the same result as a full build, with
//! the least work.
//!
//! The engine keeps the last good site in memory with everything it was
//! made from. A change to one article re-parses that file alone; the
//! indices are rebuilt only when an article's place in them changed (its
//! date, tags, section, reporters, URL or related-count); then every page
//! and feed is fingerprinted (see [`crate::render`]) and only those whose
//! inputs changed are rendered. A template change recompiles the theme and
//! re-renders without reading Markdown; a static file change copies static
//! files only; a `site.toml` change rebuilds everything. On any error the
//! last good site stays as it is.

use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use xxhash_rust::xxh3::Xxh3;

use super::articles::Articles;
use super::last_render::LastRender;
use super::memory::{FileChanges, MemorySink, SharedFiles, SiteFiles, changes, commit};
use crate::build::BuildOptions;
use crate::config::Config;
use crate::content::{
    self, Article, CONTENT_DIR, PAGES_DIR, StandalonePage, is_standalone, listing,
};
use crate::error::{Diagnostic, Error, Result};
use crate::index::SiteIndex;
use crate::markdown::Renderer;
use crate::render::{self, PlannedPage, RenderInput, Theme};
use crate::search::article_terms::ArticleTerms;
use crate::search::reuse::Before;
use crate::site::{Site, check_static_files, visibility};
use crate::static_files::{self, StaticFile, StaticWins};

/// What changed on disk, as the watcher classifies it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Config,
    Templates,
    Static,
    /// A path below `content/` (a file or a directory).
    Content(PathBuf),
}

/// What one rebuild did.
#[derive(Debug, Default)]
pub struct Outcome {
    pub files: FileChanges,
    /// Article pages that moved: old link to new link.
    pub moved: Vec<(String, String)>,
    /// Files below the changed paths skipped with a reason.
    pub warnings: Vec<Diagnostic>,
}

pub struct Engine {
    options: BuildOptions,
    config: Config,
    markdown: Renderer,
    theme: Theme,
    articles: Articles,
    index: SiteIndex,
    /// [`structure_of`] the published articles the index was built from.
    structure: u64,
    held_structure: u64,
    pages: Vec<PlannedPage>,
    standalone: Vec<StandalonePage>,
    statics: Vec<StaticFile>,
    last: LastRender,
    files: SharedFiles,
    /// Stages to redo on the next change (set by a change, cleared only
    /// once it went through, so an error in between loses nothing).
    theme_failed: bool,
    standalone_failed: bool,
    statics_failed: bool,
    templates_changed: bool,
    statics_changed: bool,
    /// The search terms the articles of the current change had.
    old_terms: Vec<(PathBuf, ArticleTerms)>,
}

impl Engine {
    /// Builds the whole site into memory, with the loader `build` uses;
    /// also returns the warnings of the load.
    pub fn load(options: &BuildOptions) -> Result<(Engine, Vec<Diagnostic>)> {
        let Site {
            config,
            markdown,
            content,
            theme,
            statics,
            index,
            pages,
            now: _,
        } = Site::load(options)?;
        let warnings = content.warnings.clone();
        let mut engine = Engine {
            options: options.clone(),
            structure: structure_of(&content.articles),
            held_structure: structure_of(&content.held),
            config,
            markdown,
            theme,
            articles: Articles::new(content.articles, content.held),
            index,
            pages,
            standalone: content.standalone,
            statics,
            last: LastRender::default(),
            files: SharedFiles::default(),
            theme_failed: false,
            standalone_failed: false,
            statics_failed: false,
            templates_changed: false,
            statics_changed: false,
            old_terms: Vec::new(),
        };
        engine.render(true, true)?;
        Ok((engine, warnings))
    }

    /// What the engine was built with.
    pub fn options(&self) -> &BuildOptions {
        &self.options
    }

    /// Sets the clock of later rebuilds (an embargo lifts at the next one).
    pub fn set_now(&mut self, now: jiff::Timestamp) {
        self.options.now = Some(now);
    }

    /// Takes the place of this engine by one built afresh (after a
    /// `site.toml` change) and says what changed.
    pub fn reloaded_as(&self, (fresh, warnings): (Engine, Vec<Diagnostic>)) -> (Engine, Outcome) {
        let old = self.files();
        let new = fresh.files();
        let writes: Vec<(String, bytes::Bytes)> = new.into_iter().collect();
        let removals: Vec<String> = old.keys().cloned().collect();
        let files = changes(&old, &writes, &removals);
        (
            fresh,
            Outcome {
                files,
                moved: Vec::new(),
                warnings,
            },
        )
    }

    /// A snapshot of the served files.
    pub fn files(&self) -> SiteFiles {
        self.files.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The served files, as the server shares them.
    pub fn shared_files(&self) -> SharedFiles {
        Arc::clone(&self.files)
    }

    /// Applies a batch of changes. A `site.toml` change is handled by the
    /// caller with [`Engine::load`].
    pub fn apply(&mut self, changes: &[Change]) -> Result<Outcome> {
        let mut content_paths = Vec::new();
        for change in changes {
            match change {
                Change::Config => {}
                Change::Templates => self.theme_failed = true,
                Change::Static => self.statics_failed = true,
                Change::Content(rel) => {
                    // A change at or above `content/pages/` may touch a standalone page.
                    self.standalone_failed |= Path::new(PAGES_DIR).starts_with(rel);
                    self.standalone_failed |= is_standalone(rel);
                    content_paths.push(rel.clone());
                }
            }
        }
        if self.theme_failed {
            let theme = render::load_theme(&self.config)?;
            // Pages depend on the templates; the stylesheet is its own file.
            self.templates_changed |=
                theme.templates_fingerprint != self.theme.templates_fingerprint;
            self.theme = theme;
            self.theme_failed = false;
        }
        let mut lap = crate::timing::Lap::start("rebuild");
        self.markdown.photos().forget();
        if self.statics_failed {
            // A photo of static/ changed: the articles that show it read it again.
            content_paths.extend(self.articles_with_changed_photos());
        }
        let before = self.placed(&content_paths);
        self.old_terms = self.terms_below(&content_paths);
        let mut warnings = self.articles.update(
            &self.config,
            &self.markdown,
            visibility(&self.options),
            &content_paths,
        )?;
        let mut standalone_changed = false;
        if self.standalone_failed {
            let listing = listing::list(&self.config.root, Path::new(PAGES_DIR))?;
            let pages =
                content::read_standalone_pages(&self.config, &listing.files, &self.markdown)
                    .map_err(Error::Content)?;
            warnings.extend(listing.warnings);
            let fingerprints =
                |p: &[StandalonePage]| p.iter().map(|p| p.fingerprint).collect::<Vec<_>>();
            standalone_changed = fingerprints(&pages) != fingerprints(&self.standalone);
            self.standalone = pages;
            self.standalone_failed = false;
        }
        lap.mark("content");
        if !self.articles.broken.is_empty() {
            return Err(Error::Content(self.articles.problems()));
        }
        let broken_links = content::links::unresolved(&self.articles.published);
        if !broken_links.is_empty() {
            return Err(Error::Content(broken_links));
        }
        let structure = structure_of(&self.articles.published);
        let held_structure = structure_of(&self.articles.held);
        // Only a changed URL can make two articles share one.
        if (structure, held_structure) != (self.structure, self.held_structure) {
            let duplicates =
                content::duplicate_urls(self.articles.published.iter().chain(&self.articles.held));
            if !duplicates.is_empty() {
                return Err(Error::Content(duplicates));
            }
        }
        if self.statics_failed {
            let old = std::mem::replace(&mut self.statics, static_files::list(&self.config.root)?);
            self.statics_failed = false;
            self.statics_changed = true;
            let now: HashSet<&str> = self.statics.iter().map(|s| s.rel.as_str()).collect();
            for rel in old
                .into_iter()
                .map(|s| s.rel)
                .filter(|r| !now.contains(r.as_str()))
            {
                // A generated file a removed static file shadowed is written again.
                self.last.static_removed(rel);
            }
        }
        lap.mark("checks");
        self.held_structure = held_structure;
        if structure != self.structure || standalone_changed {
            let index = SiteIndex::build(&self.config, &self.articles.published);
            let published = &self.articles.published;
            let plan = render::plan(&self.config, published, &self.standalone, &index)?;
            check_static_files(&self.statics, &index, &plan, published, &self.standalone)?;
            self.index = index;
            self.last
                .plan_replaced(std::mem::replace(&mut self.pages, plan));
            self.structure = structure;
        } else if self.statics_changed {
            check_static_files(
                &self.statics,
                &self.index,
                &self.pages,
                &self.articles.published,
                &self.standalone,
            )?;
        }
        lap.mark("index");
        if self.templates_changed {
            // New templates: every card is rendered again (and every page, below).
            self.last.views = None;
        }
        let files = self.render(self.templates_changed, self.statics_changed)?;
        // Settled only now: a failed render leaves them for the next try.
        self.templates_changed = false;
        self.statics_changed = false;
        lap.mark("render");
        let moved = moves(&before, &self.placed(&content_paths));
        Ok(Outcome {
            files,
            moved,
            warnings,
        })
    }

    /// The articles (below `content/`) whose photos' files are not what
    /// they were when the articles were read.
    fn articles_with_changed_photos(&self) -> Vec<PathBuf> {
        let changed = |p: &crate::photos::Photo| {
            std::fs::read(&p.source)
                .map_or(true, |bytes| xxhash_rust::xxh3::xxh3_64(&bytes) != p.hash)
        };
        self.articles
            .published
            .iter()
            .chain(&self.articles.held)
            .filter(|a| a.photos.iter().any(|p| changed(p)))
            .filter_map(|a| {
                a.source
                    .strip_prefix(CONTENT_DIR)
                    .ok()
                    .map(Path::to_path_buf)
            })
            .collect()
    }

    /// The search terms of the published articles at (or below) these
    /// paths: the search index removes what they lose.
    fn terms_below(&self, rels: &[PathBuf]) -> Vec<(PathBuf, ArticleTerms)> {
        self.published_below(rels)
            .map(|a| (a.source.clone(), a.search_terms.clone()))
            .collect()
    }

    /// The published articles at (or below) these paths below `content/`.
    fn published_below<'a>(&'a self, rels: &[PathBuf]) -> impl Iterator<Item = &'a Article> {
        let sources: Vec<PathBuf> = rels
            .iter()
            .map(|r| Path::new(CONTENT_DIR).join(r))
            .collect();
        (self.articles.published.iter())
            .filter(move |a| sources.iter().any(|s| below(&a.source, s)))
    }

    /// Where the published articles at (or below) these paths are now.
    fn placed(&self, rels: &[PathBuf]) -> Vec<Placed> {
        self.published_below(rels)
            .map(|a| Placed {
                source: a.source.clone(),
                title: a.title.clone(),
                date: a.date,
                link: self.config.urls.link(&a.path),
            })
            .collect()
    }

    /// Renders what changed since the last render (everything with
    /// `all_pages`) and commits it.
    fn render(&mut self, all_pages: bool, copy_statics: bool) -> Result<FileChanges> {
        let sink = MemorySink::default();
        if copy_statics {
            static_files::copy_all(&self.statics, &sink)?;
        }
        let search = (self.last.search.take())
            .map(|state| Before::new(state, std::mem::take(&mut self.old_terms)));
        let input = RenderInput {
            config: &self.config,
            articles: &self.articles.published,
            standalone: &self.standalone,
            progress: &self.options.progress,
            search: search.as_ref(),
            index: &self.index,
            pages: &self.pages,
            now: visibility(&self.options).now,
        };
        let served = self.files.read().unwrap_or_else(|e| e.into_inner());
        let select = self.last.selection(all_pages, Some(&served));
        let rendered = {
            let wins = StaticWins::new(&sink, &self.statics);
            render::render_site(
                &input,
                &mut self.theme,
                self.last.views.as_ref(),
                &select,
                &wins,
            )?
        };
        drop(select);
        drop(served);
        let writes = sink.into_writes();
        let removals = self.last.removals(&self.pages, &rendered);
        let changed = changes(
            &self.files.read().unwrap_or_else(|e| e.into_inner()),
            &writes,
            &removals,
        );
        commit(&self.files, writes, &removals);
        self.last.update(rendered);
        Ok(changed)
    }
}

/// Whether `path` is `dir` or below it; compares bytes before components,
/// as this runs over the whole archive.
fn below(path: &Path, dir: &Path) -> bool {
    path.as_os_str()
        .as_encoded_bytes()
        .starts_with(dir.as_os_str().as_encoded_bytes())
        && path.starts_with(dir)
}

/// A published article's place before or after a change.
struct Placed {
    source: PathBuf,
    title: String,
    date: jiff::Timestamp,
    link: String,
}

/// Articles whose page moved: the same file with a new URL (a new slug or
/// section), or a renamed or moved file (matched by title and date).
fn moves(before: &[Placed], after: &[Placed]) -> Vec<(String, String)> {
    let mut moved = Vec::new();
    for new in after {
        let same_file = before.iter().find(|old| old.source == new.source);
        let renamed = || {
            before.iter().find(|old| {
                old.title == new.title
                    && old.date == new.date
                    && !after.iter().any(|a| a.source == old.source)
            })
        };
        if let Some(old) = same_file.or_else(renamed)
            && old.link != new.link
        {
            moved.push((old.link.clone(), new.link.clone()));
        }
    }
    moved
}

/// A hash of what places articles in the indices: when it is unchanged the
/// indices and the page plan are too.
fn structure_of(articles: &[Article]) -> u64 {
    let mut h = Xxh3::new();
    for a in articles {
        a.structure_fingerprint.hash(&mut h);
    }
    h.finish()
}

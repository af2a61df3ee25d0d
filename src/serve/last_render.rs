//! What the last successful render wrote, and so what the next must write.
//!
//! Pages are compared by position while the page plan stays the same (the
//! common case: an edit that moves no article), so a rebuild of a 50,000
//! article site compares numbers, not paths. When the plan changes, the
//! plan that was rendered is kept until the next successful render and
//! pages are matched by path; paths it had and the new plan lacks are
//! removed.

use std::collections::{HashMap, HashSet};

use super::memory::SiteFiles;
use crate::render::{PlannedPage, Rendered, Selection, views::Views};
use crate::search::reuse::State;

#[derive(Default)]
pub struct LastRender {
    /// Per page of the rendered plan: its fingerprint.
    page_fingerprints: Vec<u64>,
    /// The rendered plan, once the current plan differs from it.
    stale_plan: Option<Vec<PlannedPage>>,
    /// Feeds, sitemaps, stylesheet, robots.txt: path to fingerprint.
    files: HashMap<String, u64>,
    /// Static files removed since: a generated file they hid is written
    /// again whatever its fingerprint; one that nothing generates is removed.
    removed_statics: Vec<String>,
    /// The views of the last render, lending unchanged cards.
    pub views: Option<Views>,
    /// The search index's term shards, for the next render to patch.
    pub search: Option<State>,
}

/// The selection of a rebuild: what changed since [`LastRender`].
pub struct Changed<'a> {
    all: bool,
    last: &'a LastRender,
    /// The files served now (the search index patches its shards).
    served: Option<&'a SiteFiles>,
    /// Old page path to fingerprint, when the plan changed.
    by_path: Option<HashMap<String, u64>>,
}

impl Selection for Changed<'_> {
    fn page(&self, index: usize, page: &PlannedPage, fingerprint: u64) -> bool {
        if self.all
            || (!self.last.removed_statics.is_empty()
                && self.last.removed_statics.contains(&page.path.output_file()))
        {
            return true;
        }
        match &self.by_path {
            None => self.last.page_fingerprints.get(index) != Some(&fingerprint),
            Some(map) => map.get(&page.path.output_file()) != Some(&fingerprint),
        }
    }

    fn file(&self, rel: &str, fingerprint: u64) -> bool {
        self.all
            || self.last.removed_statics.iter().any(|f| f == rel)
            || self.last.files.get(rel) != Some(&fingerprint)
    }

    fn previous(&self, rel: &str) -> Option<Vec<u8>> {
        self.served?.get(rel).map(|b| b.to_vec())
    }

    /// A file whose fingerprint is its content hash (the search shards).
    fn holds(&self, rel: &str, content: u64) -> bool {
        self.last.files.get(rel) == Some(&content)
            && self.served.is_some_and(|s| s.contains_key(rel))
            && !self.last.removed_statics.iter().any(|f| f == rel)
    }
}

impl LastRender {
    /// The plan is about to be replaced: keep the rendered one (if the
    /// current plan is still it) for matching and removals.
    pub fn plan_replaced(&mut self, old: Vec<PlannedPage>) {
        if self.stale_plan.is_none() {
            self.stale_plan = Some(old);
        }
    }

    /// A static file went away.
    pub fn static_removed(&mut self, rel: String) {
        self.removed_statics.push(rel);
    }

    /// What to write next (everything with `all`), over the files
    /// `served` now.
    pub fn selection<'a>(&'a self, all: bool, served: Option<&'a SiteFiles>) -> Changed<'a> {
        let by_path = self.stale_plan.as_ref().map(|plan| {
            plan.iter()
                .zip(&self.page_fingerprints)
                .map(|(p, fp)| (p.path.output_file(), *fp))
                .collect()
        });
        Changed {
            all,
            last: self,
            served,
            by_path,
        }
    }

    /// Paths the last render wrote that the new one does not have, and
    /// removed static files nothing generated took the place of.
    pub fn removals(&self, plan: &[PlannedPage], rendered: &Rendered) -> Vec<String> {
        let mut gone: Vec<String> = self
            .files
            .keys()
            .filter(|k| !rendered.file_fingerprints.contains_key(*k))
            .cloned()
            .collect();
        let new_pages = || {
            plan.iter()
                .map(|p| p.path.output_file())
                .collect::<HashSet<String>>()
        };
        let mut pages: Option<HashSet<String>> = None;
        if let Some(old) = &self.stale_plan {
            let now = pages.get_or_insert_with(new_pages);
            gone.extend(
                old.iter()
                    .map(|p| p.path.output_file())
                    .filter(|p| !now.contains(p)),
            );
        }
        if !self.removed_statics.is_empty() {
            let now = pages.get_or_insert_with(new_pages);
            let generated =
                |r: &String| now.contains(r) || rendered.file_fingerprints.contains_key(r);
            gone.extend(
                self.removed_statics
                    .iter()
                    .filter(|r| !generated(r))
                    .cloned(),
            );
        }
        gone
    }

    /// Records a successful render.
    pub fn update(&mut self, rendered: Rendered) {
        self.page_fingerprints = rendered.page_fingerprints;
        self.files = rendered.file_fingerprints;
        self.views = Some(rendered.views);
        self.search = rendered.search;
        self.stale_plan = None;
        self.removed_statics.clear();
    }
}

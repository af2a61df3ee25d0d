//! Related articles: shared tags weighted by rarity, then closeness in time.
//!
//! For article `a`, another published article `b` scores the sum over the
//! tags they share of `ln(1 + N / df(tag))`, so a tag carried by fewer
//! articles counts more. Ties go to the article closer in time to `a`, then
//! to the newer, then to the lower id. The result never depends on thread
//! count or run.
//!
//! Cost grows about linearly with the number of articles: candidates come
//! from an inverted index (tag -> articles, newest first), and a tag carried
//! by more than [`WINDOW`] articles contributes as candidates only the
//! articles nearest in time to `a`. Every candidate's score is exact (a
//! common tag's weight is added to each candidate that carries it); what the
//! bound gives up is only an article that shares nothing but common tags
//! with `a` and is farther in time than those windows. The "N related
//! articles" total is exact: tags on more than [`BITSET_THRESHOLD`]
//! articles answer membership from a bitset, the rest are enumerated.

use std::collections::HashMap;

use rayon::prelude::*;

use super::{ArticleId, Term};
use crate::content::Article;

/// How many articles a common tag contributes as candidates, at least.
pub const WINDOW: usize = 64;
/// Tags on more articles than this use a bitset for the exact total.
pub const BITSET_THRESHOLD: usize = 512;

/// The related block of one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Related {
    /// Best first, at most the article's `related-count`.
    pub ids: Vec<ArticleId>,
    /// Other articles sharing at least one tag.
    pub total: u32,
    /// The article's tag with the fewest articles (ties: lowest index),
    /// where "N related articles" links.
    pub rarest_tag: Option<u32>,
}

/// What the ranking needs to know of each article.
pub struct RelatedInput<'a> {
    /// Seconds since the epoch, per article (ids are newest first).
    pub dates: &'a [i64],
    /// Per article: tag indices, ascending, unique.
    pub article_tags: &'a [Vec<u32>],
    /// Per tag: article ids, ascending.
    pub postings: &'a [&'a [ArticleId]],
    /// Per article: how many related articles to list.
    pub limits: &'a [usize],
}

pub fn compute(articles: &[Article], tags: &[Term], article_tags: &[Vec<u32>]) -> Vec<Related> {
    compute_with(articles, tags, article_tags, compute_for)
}

/// Gathers the [`RelatedInput`] of `articles` and hands it to `rank`.
pub fn compute_with(
    articles: &[Article],
    tags: &[Term],
    article_tags: &[Vec<u32>],
    rank: impl FnOnce(&RelatedInput<'_>) -> Vec<Related>,
) -> Vec<Related> {
    let dates: Vec<i64> = articles.iter().map(|a| a.date.as_second()).collect();
    let limits: Vec<usize> = articles.iter().map(|a| a.related_count).collect();
    let postings: Vec<&[ArticleId]> = tags.iter().map(|t| t.articles.as_slice()).collect();
    rank(&RelatedInput {
        dates: &dates,
        article_tags,
        postings: &postings,
        limits: &limits,
    })
}

/// The core, separated from [`Article`] so benchmarks can feed it directly.
pub fn compute_for(input: &RelatedInput<'_>) -> Vec<Related> {
    let n = input.dates.len();
    let weights: Vec<f64> = input
        .postings
        .iter()
        .map(|p| (1.0 + n as f64 / p.len().max(1) as f64).ln())
        .collect();
    let bitsets: Vec<Option<Vec<u64>>> = input
        .postings
        .iter()
        .map(|p| (p.len() > BITSET_THRESHOLD).then(|| bitset(p, n)))
        .collect();
    let shared = Shared {
        input,
        weights: &weights,
        bitsets: &bitsets,
    };
    // `map_init` makes one scratch per rayon job; bounding the job size keeps
    // the number of O(n) scratch arrays from growing with n.
    (0..n)
        .into_par_iter()
        .with_min_len(4096)
        .map_init(
            || Scratch::new(n),
            |scratch, a| shared.related_of(a as ArticleId, scratch),
        )
        .collect()
}

struct Shared<'a> {
    input: &'a RelatedInput<'a>,
    weights: &'a [f64],
    bitsets: &'a [Option<Vec<u64>>],
}

/// Per-thread working memory, reused across articles.
struct Scratch {
    /// `stamp[b] == generation` marks `b` as seen in the current pass.
    stamp: Vec<u32>,
    /// The score of each candidate marked in the current ranking pass.
    score: Vec<f64>,
    generation: u32,
    candidates: Vec<ArticleId>,
    union_sizes: HashMap<Vec<u32>, u32>,
}

impl Scratch {
    fn new(n: usize) -> Self {
        Scratch {
            stamp: vec![0; n],
            score: vec![0.0; n],
            generation: 0,
            candidates: Vec::new(),
            union_sizes: HashMap::new(),
        }
    }

    fn next_pass(&mut self) {
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.stamp.fill(0);
            self.generation = 1;
        }
    }

    /// Marks `b`; true if it was not yet marked in this pass.
    fn mark(&mut self, b: ArticleId) -> bool {
        let slot = &mut self.stamp[b as usize];
        let fresh = *slot != self.generation;
        *slot = self.generation;
        fresh
    }
}

impl Shared<'_> {
    fn related_of(&self, a: ArticleId, scratch: &mut Scratch) -> Related {
        let tags = &self.input.article_tags[a as usize];
        if tags.is_empty() {
            return Related::default();
        }
        let rarest_tag = tags
            .iter()
            .copied()
            .min_by_key(|&t| (self.input.postings[t as usize].len(), t));
        let total = self.total(tags, scratch);
        let limit = self.input.limits[a as usize];
        let ids = if limit == 0 {
            Vec::new()
        } else {
            self.ranked(a, tags, limit, scratch)
        };
        Related {
            ids,
            total,
            rarest_tag,
        }
    }

    fn ranked(
        &self,
        a: ArticleId,
        tags: &[u32],
        limit: usize,
        scratch: &mut Scratch,
    ) -> Vec<ArticleId> {
        scratch.next_pass();
        scratch.mark(a);
        scratch.candidates.clear();
        let window = WINDOW.max(limit * 2);
        let (rare, common): (Vec<u32>, Vec<u32>) = tags
            .iter()
            .partition(|&&t| self.input.postings[t as usize].len() <= window);
        // A rare tag brings all its articles and adds its weight to each.
        for &t in &rare {
            let weight = self.weights[t as usize];
            for &b in self.input.postings[t as usize] {
                if scratch.mark(b) {
                    scratch.candidates.push(b);
                    scratch.score[b as usize] = weight;
                } else {
                    scratch.score[b as usize] += weight;
                }
            }
        }
        // A common tag brings only the articles nearest in time...
        for &t in &common {
            for b in nearest_in_time(self.input.postings[t as usize], a, window, self.input.dates) {
                if scratch.mark(b) {
                    scratch.candidates.push(b);
                    scratch.score[b as usize] = 0.0;
                }
            }
        }
        // ...but adds its weight to every candidate that carries it, so
        // each candidate's score is exact. Rare weights were summed first,
        // then common ones, both in tag order: the same on every run.
        if !common.is_empty() {
            for &b in &scratch.candidates {
                for &t in &common {
                    if self.carries(t, b) {
                        scratch.score[b as usize] += self.weights[t as usize];
                    }
                }
            }
        }
        let date_a = self.input.dates[a as usize];
        let mut scored: Vec<(f64, i64, ArticleId)> = scratch
            .candidates
            .iter()
            .map(|&b| {
                (
                    scratch.score[b as usize],
                    (self.input.dates[b as usize] - date_a).abs(),
                    b,
                )
            })
            .collect();
        // Higher score, then closer in time, then newer (lower id).
        let order = |x: &(f64, i64, ArticleId), y: &(f64, i64, ArticleId)| {
            y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2))
        };
        if scored.len() > limit {
            scored.select_nth_unstable_by(limit, order);
            scored.truncate(limit);
        }
        scored.sort_unstable_by(order);
        scored.into_iter().map(|(_, _, b)| b).collect()
    }

    fn carries(&self, t: u32, b: ArticleId) -> bool {
        match &self.bitsets[t as usize] {
            Some(bits) => bit(bits, b),
            None => self.input.postings[t as usize].binary_search(&b).is_ok(),
        }
    }

    /// Other articles sharing at least one tag with `a`, exactly.
    fn total(&self, tags: &[u32], scratch: &mut Scratch) -> u32 {
        let common: Vec<u32> = tags
            .iter()
            .copied()
            .filter(|&t| self.bitsets[t as usize].is_some())
            .collect();
        let in_common = |b: ArticleId| {
            common.iter().any(|&t| {
                self.bitsets[t as usize]
                    .as_ref()
                    .is_some_and(|bits| bit(bits, b))
            })
        };
        let mut count = match common.len() {
            0 => 0,
            1 => self.input.postings[common[0] as usize].len() as u32,
            _ => match scratch.union_sizes.get(&common) {
                Some(&size) => size,
                None => {
                    let size = union_size(
                        common
                            .iter()
                            .filter_map(|&t| self.bitsets[t as usize].as_deref()),
                    );
                    scratch.union_sizes.insert(common.clone(), size);
                    size
                }
            },
        };
        scratch.next_pass();
        for &t in tags {
            if self.bitsets[t as usize].is_some() {
                continue;
            }
            for &b in self.input.postings[t as usize] {
                if scratch.mark(b) && !in_common(b) {
                    count += 1;
                }
            }
        }
        // `a` itself is in every one of its tags' lists.
        count.saturating_sub(1)
    }
}

/// The sum of the weights of the tags two articles share.
#[cfg(test)]
fn shared_weight(a: &[u32], b: &[u32], weights: &[f64]) -> f64 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += weights[a[i] as usize];
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// The `k` articles of `posting` (ids ascending = newest first) nearest in
/// time to `a`, which is in it; on equal distance the newer comes first.
fn nearest_in_time(posting: &[ArticleId], a: ArticleId, k: usize, dates: &[i64]) -> Vec<ArticleId> {
    let Ok(pos) = posting.binary_search(&a) else {
        return Vec::new();
    };
    let date_a = dates[a as usize];
    let (mut newer, mut older) = (pos, pos + 1);
    let mut out = Vec::with_capacity(k);
    while out.len() < k && (newer > 0 || older < posting.len()) {
        let take_newer = match (newer > 0, older < posting.len()) {
            (true, true) => {
                let dn = (dates[posting[newer - 1] as usize] - date_a).abs();
                let do_ = (dates[posting[older] as usize] - date_a).abs();
                dn <= do_
            }
            (has_newer, _) => has_newer,
        };
        if take_newer {
            newer -= 1;
            out.push(posting[newer]);
        } else {
            out.push(posting[older]);
            older += 1;
        }
    }
    out
}

fn bitset(posting: &[ArticleId], n: usize) -> Vec<u64> {
    let mut bits = vec![0u64; n.div_ceil(64)];
    for &b in posting {
        bits[b as usize / 64] |= 1 << (b % 64);
    }
    bits
}

fn bit(bits: &[u64], b: ArticleId) -> bool {
    bits[b as usize / 64] & (1 << (b % 64)) != 0
}

fn union_size<'a>(sets: impl Iterator<Item = &'a [u64]>) -> u32 {
    let sets: Vec<&[u64]> = sets.collect();
    let words = sets.first().map_or(0, |s| s.len());
    (0..words)
        .map(|w| sets.iter().fold(0u64, |acc, s| acc | s[w]).count_ones())
        .sum()
}

#[cfg(test)]
mod tests;

//! Sections, tags and reporters as terms: name, URL segment, article ids.
//!
//! Tags are merged by their URL segment: `OpenAI`, `openai` and ` OpenAI `
//! are one tag (case and spacing ignored, as in the URL), shown with the
//! spelling most articles use (ties: the spelling that sorts first).
//! Reporters are matched to `[[reporters]]` by name; a name that is not
//! declared still gets its own page.

use std::collections::{BTreeMap, HashMap};

use ahash::RandomState;

use super::ArticleId;
use crate::config::Config;
use crate::content::Article;
use crate::urls::{segment_from_name, tag_key};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub name: String,
    pub slug: String,
    /// Newest first.
    pub articles: Vec<ArticleId>,
}

type Groups<'a> = BTreeMap<String, (BTreeMap<&'a str, usize>, Vec<ArticleId>)>;

/// Groups articles by the key of each spelling, with each spelling's uses
/// (for the name). `key_of` (given the first article with the spelling)
/// runs once per distinct spelling: a tag recurs in thousands of articles.
fn group<'a>(
    spellings: impl Iterator<Item = (ArticleId, &'a str)>,
    key_of: impl Fn(ArticleId, &str) -> String,
) -> Groups<'a> {
    // Per spelling: its group and its uses; per group: its key and ids.
    let mut seen: HashMap<&'a str, (usize, usize), RandomState> = HashMap::default();
    let mut by_key: HashMap<String, usize, RandomState> = HashMap::default();
    let mut lists: Vec<(String, Vec<ArticleId>)> = Vec::new();
    for (id, spelling) in spellings {
        let (g, uses) = seen.entry(spelling).or_insert_with(|| {
            let key = key_of(id, spelling);
            let g = *by_key.entry(key.clone()).or_insert_with(|| {
                lists.push((key, Vec::new()));
                lists.len() - 1
            });
            (g, 0)
        });
        *uses += 1;
        let ids = &mut lists[*g].1;
        if ids.last() != Some(&id) {
            ids.push(id);
        }
    }
    let mut spellings_of: Vec<BTreeMap<&str, usize>> = vec![BTreeMap::new(); lists.len()];
    for (spelling, (g, uses)) in seen {
        spellings_of[g].insert(spelling, uses);
    }
    lists
        .into_iter()
        .zip(spellings_of)
        .map(|((key, ids), spellings)| (key, (spellings, ids)))
        .collect()
}

fn most_used(spellings: &BTreeMap<&str, usize>) -> String {
    // BTreeMap iterates in name order, so `max_by_key` keeping the last max
    // would prefer later names; walk in order and keep the first maximum.
    let mut best: Option<(&str, usize)> = None;
    for (s, n) in spellings {
        if best.is_none_or(|(_, m)| *n > m) {
            best = Some((s, *n));
        }
    }
    best.map(|(s, _)| s.to_string()).unwrap_or_default()
}

pub fn tags(articles: &[Article]) -> Vec<Term> {
    let keys = articles
        .iter()
        .enumerate()
        .flat_map(|(id, a)| a.tags.iter().map(move |t| (id as ArticleId, t.as_str())));
    group(keys, |_, tag| tag_key(tag))
        .into_iter()
        .map(|(slug, (spellings, articles))| Term {
            name: most_used(&spellings),
            slug,
            articles,
        })
        .collect()
}

pub fn sections(config: &Config, articles: &[Article]) -> Vec<Term> {
    let keys = (articles.iter().enumerate()).map(|(id, a)| (id as ArticleId, a.section.as_str()));
    let slug = |id: ArticleId, _: &str| articles[id as usize].section_slug.clone();
    let mut terms: Vec<Term> = group(keys, slug)
        .into_iter()
        .map(|(slug, (spellings, articles))| Term {
            name: most_used(&spellings),
            slug,
            articles,
        })
        .collect();
    let order: HashMap<String, usize> = config
        .section_order
        .iter()
        .enumerate()
        .map(|(i, s)| (segment_from_name(s), i))
        .collect();
    terms.sort_by(|a, b| {
        let rank = |t: &Term| order.get(&t.slug).copied().unwrap_or(usize::MAX);
        rank(a).cmp(&rank(b)).then_with(|| a.slug.cmp(&b.slug))
    });
    terms
}

pub fn reporters(config: &Config, articles: &[Article]) -> Vec<Term> {
    let declared: HashMap<&str, usize> = config
        .reporters
        .iter()
        .enumerate()
        .map(|(i, r)| (r.name.as_str(), i))
        .collect();
    let mut terms: Vec<Term> = config
        .reporters
        .iter()
        .map(|r| Term {
            name: r.name.clone(),
            slug: r.slug.clone(),
            articles: Vec::new(),
        })
        .collect();
    let undeclared = articles.iter().enumerate().flat_map(|(id, a)| {
        a.reporters
            .iter()
            .filter(|name| !declared.contains_key(name.as_str()))
            .map(move |name| (id as ArticleId, name.as_str()))
    });
    let declared_slugs: HashMap<String, usize> = terms
        .iter()
        .enumerate()
        .map(|(i, t)| (t.slug.clone(), i))
        .collect();
    for (slug, (spellings, ids)) in group(undeclared, |_, name| segment_from_name(name)) {
        match declared_slugs.get(&slug) {
            // `daniel reed` written for a declared `Daniel Reed`.
            Some(&i) => terms[i].articles.extend(ids),
            None => terms.push(Term {
                name: most_used(&spellings),
                slug,
                articles: ids,
            }),
        }
    }
    for (id, a) in articles.iter().enumerate() {
        for name in &a.reporters {
            if let Some(&i) = declared.get(name.as_str()) {
                terms[i].articles.push(id as ArticleId);
            }
        }
    }
    for t in &mut terms {
        t.articles.sort_unstable();
        t.articles.dedup();
    }
    terms
}

/// For each article, the terms (by index) that list it, ascending.
pub fn membership(terms: &[Term], article_count: usize) -> Vec<Vec<u32>> {
    let mut out = vec![Vec::new(); article_count];
    for (t, term) in terms.iter().enumerate() {
        for &id in &term.articles {
            out[id as usize].push(t as u32);
        }
    }
    out
}

pub fn membership_single(terms: &[Term], article_count: usize) -> Vec<u32> {
    let mut out = vec![0; article_count];
    for (t, term) in terms.iter().enumerate() {
        for &id in &term.articles {
            out[id as usize] = t as u32;
        }
    }
    out
}

/// For each article, the indices of the terms its `names` resolve to, in
/// the order written, each once.
fn written_order<'a>(
    articles: &'a [Article],
    names: impl Fn(&'a Article) -> &'a [String],
    resolve: impl Fn(&str) -> Option<u32>,
) -> Vec<Vec<u32>> {
    articles
        .iter()
        .map(|a| {
            let mut ids: Vec<u32> = Vec::with_capacity(names(a).len());
            for name in names(a) {
                if let Some(i) = resolve(name)
                    && !ids.contains(&i)
                {
                    ids.push(i);
                }
            }
            ids
        })
        .collect()
}

fn positions<'a>(terms: &'a [Term], key: impl Fn(&'a Term) -> &'a str) -> HashMap<&'a str, u32> {
    terms
        .iter()
        .enumerate()
        .map(|(i, t)| (key(t), i as u32))
        .collect()
}

/// For each article, its reporters' term indices in the order written.
pub fn reporter_membership(terms: &[Term], articles: &[Article]) -> Vec<Vec<u32>> {
    let by_name = positions(terms, |t| t.name.as_str());
    let by_slug = positions(terms, |t| t.slug.as_str());
    written_order(
        articles,
        |a| &a.reporters,
        |name| {
            by_name
                .get(name)
                .or_else(|| by_slug.get(segment_from_name(name).as_str()))
                .copied()
        },
    )
}

/// For each article, its tags' term indices in the order written.
pub fn tags_as_written(tags: &[Term], articles: &[Article]) -> Vec<Vec<u32>> {
    let by_slug = positions(tags, |t| t.slug.as_str());
    written_order(
        articles,
        |a| &a.tags,
        |tag| by_slug.get(tag_key(tag).as_str()).copied(),
    )
}

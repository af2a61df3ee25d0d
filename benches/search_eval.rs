//! Compares ways of making Korean search terms on a real corpus: particle
//! and ending stripping (exact terms, or terms a query term begins),
//! Hangul bigrams, and both together. Recall and precision against the
//! relevance that `scripts/bench_search.py truth` computes from the text,
//! index bytes and time to build the postings.
//!
//! ```sh
//! python3 scripts/bench_search.py truth --site CORPUS --out /tmp/truth.json
//! cargo bench --bench search_eval -- CORPUS /tmp/truth.json
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::time::Instant;

use byline::search::index::{self, Postings};
use byline::search::tokenize::{self, Analyzer};
use byline::{BuildOptions, site::Site};

#[derive(serde::Deserialize)]
struct Truth {
    queries: Vec<Query>,
}

#[derive(serde::Deserialize)]
struct Query {
    q: String,
    class: String,
    relevant: Vec<String>,
}

#[derive(Clone, Copy, Debug)]
enum Mode {
    Exact,
    Prefix,
    Bigrams,
    PrefixOrBigrams,
}

/// Document numbers holding `term`, or (with `prefix`) any term it begins.
fn lookup(postings: &Postings, term: &str, prefix: bool) -> BTreeSet<u32> {
    let start = postings.partition_point(|(t, _)| t.as_str() < term);
    let mut out = BTreeSet::new();
    for (t, list) in &postings[start..] {
        let hit = t == term || (prefix && term.chars().count() >= 2 && t.starts_with(term));
        if !hit && !t.starts_with(term) {
            break;
        }
        if hit {
            out.extend(list.iter().map(|p| p >> 1));
        }
    }
    out
}

fn all_of(sets: Vec<BTreeSet<u32>>) -> BTreeSet<u32> {
    let mut iter = sets.into_iter();
    let first = iter.next().unwrap_or_default();
    iter.fold(first, |acc, s| acc.intersection(&s).copied().collect())
}

fn matches(stems: &Postings, bigrams: &Postings, q: &str, mode: Mode) -> BTreeSet<u32> {
    let mut stem_terms = Vec::new();
    tokenize::terms(q, Analyzer::Stems, |t| stem_terms.push(t.to_string()));
    let by_stems = |prefix| {
        all_of(
            stem_terms
                .iter()
                .map(|t| lookup(stems, t, prefix))
                .collect(),
        )
    };
    let by_bigrams = || {
        let mut grams = Vec::new();
        tokenize::terms(q, Analyzer::Bigrams, |t| grams.push(t.to_string()));
        all_of(grams.iter().map(|t| lookup(bigrams, t, false)).collect())
    };
    match mode {
        Mode::Exact => by_stems(false),
        Mode::Prefix => by_stems(true),
        Mode::Bigrams => by_bigrams(),
        Mode::PrefixOrBigrams => by_stems(true).union(&by_bigrams()).copied().collect(),
    }
}

/// CPU time of this process so far, in milliseconds (Linux; the machine
/// may be shared, and then wall time says little).
fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<f64> = after
        .split_whitespace()
        .filter_map(|f| f.parse().ok())
        .collect();
    // utime and stime, in clock ticks of 10 ms.
    fields
        .get(10)
        .zip(fields.get(11))
        .map_or(0.0, |(u, s)| (u + s) * 10.0)
}

fn size(postings: &Postings, shards: usize) -> usize {
    index::shard_files(postings, shards)
        .iter()
        .map(Vec::len)
        .sum()
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let [root, truth] = &args[..] else {
        eprintln!("usage: search_eval SITE TRUTH.json");
        std::process::exit(2);
    };
    let truth: Truth =
        serde_json::from_slice(&std::fs::read(truth).expect("truth file")).expect("truth JSON");
    let options = BuildOptions {
        root: PathBuf::from(root),
        ..Default::default()
    };
    let site = Site::load(&options).expect("the site loads");
    let docs = byline::search::documents(&site.content.articles, &site.index);
    let shards = index::shard_count(docs.len());
    let sources: Vec<String> = docs
        .iter()
        .map(|d| d.article.source.to_string_lossy().replace('\\', "/"))
        .collect();
    let (started, cpu) = (Instant::now(), cpu_ms());
    let texts: Vec<String> = docs
        .iter()
        .map(|d| byline::search::text::html_text(&d.article.content.html()))
        .collect();
    let html_ms = started.elapsed().as_secs_f64() * 1000.0;
    let html_cpu = cpu_ms() - cpu;
    let cpu = cpu_ms();
    let split: usize = texts.iter().map(|t| tokenize::words(t).count()).sum();
    println!(
        "one thread: {split} words split in {:.0} ms of CPU",
        cpu_ms() - cpu
    );
    let (started, cpu) = (Instant::now(), cpu_ms());
    let mut words = 0usize;
    for t in &texts {
        tokenize::terms(t, Analyzer::Stems, |_| words += 1);
    }
    let terms_ms = started.elapsed().as_secs_f64() * 1000.0;
    let terms_cpu = cpu_ms() - cpu;
    drop(texts);
    println!(
        "one thread: body text {html_ms:.0} ms ({html_cpu:.0} CPU), \
         {words} words to terms {terms_ms:.0} ms ({terms_cpu:.0} CPU)"
    );
    let mut built = BTreeMap::new();
    for analyzer in [Analyzer::Stems, Analyzer::Bigrams] {
        let (started, cpu) = (Instant::now(), cpu_ms());
        let postings = index::postings(&docs, analyzer);
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        let cpu = cpu_ms() - cpu;
        let bytes = size(&postings, shards);
        println!(
            "{analyzer:?}: {} terms, {bytes} bytes of shards, postings built in {ms:.0} ms ({cpu:.0} ms of CPU)",
            postings.len()
        );
        built.insert(format!("{analyzer:?}"), postings);
    }
    let (stems, bigrams) = (&built["Stems"], &built["Bigrams"]);
    println!("mode\tclass\tqueries\trecall\tprecision");
    for mode in [
        Mode::Exact,
        Mode::Prefix,
        Mode::Bigrams,
        Mode::PrefixOrBigrams,
    ] {
        let mut classes: BTreeMap<&str, Vec<(f64, f64)>> = BTreeMap::new();
        for q in truth.queries.iter().filter(|q| !q.relevant.is_empty()) {
            let relevant: BTreeSet<&str> = q.relevant.iter().map(String::as_str).collect();
            let found: BTreeSet<&str> = matches(stems, bigrams, &q.q, mode)
                .into_iter()
                .map(|id| sources[id as usize].as_str())
                .collect();
            let hits = found.intersection(&relevant).count() as f64;
            let recall = hits / relevant.len() as f64;
            let precision = if found.is_empty() {
                1.0
            } else {
                hits / found.len() as f64
            };
            classes
                .entry(&q.class)
                .or_default()
                .push((recall, precision));
            classes.entry("all").or_default().push((recall, precision));
        }
        for (class, scores) in &classes {
            let n = scores.len() as f64;
            let r: f64 = scores.iter().map(|s| s.0).sum::<f64>() / n;
            let p: f64 = scores.iter().map(|s| s.1).sum::<f64>() / n;
            println!("{mode:?}\t{class}\t{n}\t{r:.3}\t{p:.3}");
        }
    }
}

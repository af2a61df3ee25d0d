//! Korean search terms from a morphological analyser (lindera 6.2.0 with
//! ko-dic), measured the way `benches/search_eval.rs` measures particle
//! stripping and bigrams: recall and precision per query class against
//! `scripts/bench_search.py truth`, term shard bytes from byline's own
//! shard writer, and single-thread tokenization CPU time, with byline's
//! stems and bigrams measured in the same run.
//!
//! ```sh
//! morph_eval SITE TRUTH.json DICT [--per-word] [--compounds=none|discard]
//!     [--show=QUERY,...] [--no-mmap] [--dump]
//! morph_eval --load DICT [--no-mmap]
//! morph_eval --explain DICT TEXT
//! morph_eval --tokens DICT FILE
//! ```
//!
//! DICT is a lindera dictionary directory (see README.md), or
//! `embedded://ko-dic` when built with `--features embed`. `--per-word`
//! analyses each word of `byline::search::tokenize::words` on its own
//! (cached, as byline's postings cache stems) instead of each run of text.
//! `--compounds` says what a compound becomes (see [`Compounds`]);
//! `--show` lists the articles found and not relevant, and relevant and not
//! found, for those queries. `--explain` prints the tokens and terms of a
//! text; `--tokens` prints each line of a file as `surface/POS` tokens (to
//! compare with MeCab's output, see README.md).

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use std::time::Instant;

use byline::search::index::{self, Postings};
use byline::search::tokenize::{self, Analyzer};
use byline::{BuildOptions, site::Site};
use lindera::dictionary::{load_dictionary, load_dictionary_with_options};
use lindera::mode::Mode;
use lindera::segmenter::Segmenter;

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

/// CPU time of this process so far, in milliseconds (as search_eval.rs).
fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<f64> = after
        .split_whitespace()
        .filter_map(|f| f.parse().ok())
        .collect();
    fields
        .get(10)
        .zip(fields.get(11))
        .map_or(0.0, |(u, s)| (u + s) * 10.0)
}

fn max_rss_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// The parts of speech whose morphemes become terms: nouns, pronouns,
/// numerals, verb and adjective stems, determiners, adverbs,
/// interjections, roots, foreign words, hanja, numbers and words the
/// dictionary does not know. Particles (J*), endings (E*), suffixes and
/// prefixes (XS*, XPN), the copula (VCP) and punctuation (SF, SE, SS*, SC,
/// SY) are dropped.
fn keep(tag: &str) -> bool {
    matches!(
        tag,
        "NNG"
            | "NNP"
            | "NNB"
            | "NNBC"
            | "NR"
            | "NP"
            | "VV"
            | "VA"
            | "VX"
            | "VCN"
            | "MM"
            | "MAG"
            | "MAJ"
            | "IC"
            | "XR"
            | "SL"
            | "SH"
            | "SN"
            | "UNKNOWN"
            | "UNK"
    )
}

/// Lower case (NFKC already applied to the text); foreign words (SL) are
/// stemmed by byline's English rules so English queries compare alike.
fn push_term(morph: &str, tag: &str, out: &mut Vec<String>) {
    let t = morph.to_lowercase();
    if t.is_empty() || !t.chars().any(|c| c.is_alphanumeric()) {
        return;
    }
    if tag == "SL" && t.bytes().all(|b| b.is_ascii_lowercase()) {
        out.push(tokenize::english_stem(&t).to_string());
    } else {
        out.push(t);
    }
}

/// What becomes of a word the dictionary lists with its parts (a
/// compound noun `인공지능` = `인공/NNG+지능/NNG`, or a pre-analysed name),
/// as Lucene's nori names it: the whole word and its parts (`Mixed`), the
/// whole word only (`None`), or the parts only (`Discard`).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Compounds {
    Mixed,
    None,
    Discard,
}

struct Morph {
    segmenter: Segmenter,
    compounds: Compounds,
}

impl Morph {
    /// The terms of `text` (NFKC first, as byline folds; lower case after).
    fn terms(&self, text: &str, out: &mut Vec<String>) {
        use unicode_normalization::UnicodeNormalization;
        let folded: String = if text.is_ascii() {
            text.to_string()
        } else {
            text.nfkc().collect()
        };
        let mut tokens = self
            .segmenter
            .segment(Cow::Borrowed(folded.as_str()))
            .expect("segments");
        for token in tokens.iter_mut() {
            let surface = token.surface.to_string();
            let details = token.details();
            let tag = details.first().copied().unwrap_or("UNK");
            let kind = details.get(4).copied().unwrap_or("*");
            let expression = details.get(7).copied().unwrap_or("*");
            let parts = || {
                expression.split('+').filter_map(|part| {
                    let mut f = part.split('/');
                    let (m, t) = (f.next()?, f.next()?);
                    keep(t).then_some((m, t))
                })
            };
            // An inflected form lists its morphemes (`밝혔` is
            // `밝히/VV/*+었/EP/*`): its stem is the term.
            if !matches!(kind, "Inflect" | "Compound" | "Preanalysis") || expression == "*" {
                if keep(tag) {
                    push_term(&surface, tag, out);
                }
            } else if tag.contains('+') || !keep(tag) {
                for (m, t) in parts() {
                    push_term(m, t, out);
                }
            } else {
                if self.compounds != Compounds::Discard {
                    push_term(&surface, tag, out);
                }
                if self.compounds != Compounds::None {
                    for (m, t) in parts() {
                        push_term(m, t, out);
                    }
                }
            }
        }
    }
}

/// Document numbers holding `term`, or (with `prefix`) any term it begins
/// (search_eval.rs's `lookup`).
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

/// One searchable article's text as byline indexes it: the title (in the
/// title), subtitles, summary and the body's text runs.
fn pieces(d: &index::Doc<'_>) -> Vec<(String, bool)> {
    let a = d.article;
    let mut out = vec![(a.title.clone(), true)];
    for t in a.subtitle.iter().chain([&a.summary]) {
        out.push((t.clone(), false));
    }
    byline::search::text::for_each_text(&a.content.html(), |t| out.push((t.to_string(), false)));
    out
}

/// byline's filter terms (`index.rs`, `add_filters`), so shard bytes
/// compare with the site's.
fn filters(d: &index::Doc<'_>) -> Vec<String> {
    std::iter::once(format!(":s{}", d.section))
        .chain(d.reporters.iter().map(|r| format!(":r{r}")))
        .chain(d.tags.iter().map(|t| format!(":t{t}")))
        .collect()
}

/// Postings from each document's (term, in title) list, as index.rs makes
/// them: one posting per term and document, the title bit from the first
/// occurrence (the title comes first).
fn postings_of(docs_terms: &[Vec<(String, bool)>]) -> Postings {
    let mut map: HashMap<String, Vec<u32>> = HashMap::new();
    for (id, terms) in docs_terms.iter().enumerate() {
        let id = id as u32;
        for (t, title) in terms {
            let list = map.entry(t.clone()).or_default();
            if list.last().is_none_or(|l| l >> 1 != id) {
                list.push((id << 1) | u32::from(*title));
            }
        }
    }
    let mut p: Postings = map.into_iter().collect();
    p.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    p
}

fn size(postings: &Postings, shards: usize) -> usize {
    index::shard_files(postings, shards)
        .iter()
        .map(Vec::len)
        .sum()
}

/// Per query class: queries, mean recall, mean precision.
type Scores = BTreeMap<String, (usize, f64, f64)>;

fn report(
    name: &str,
    truth: &Truth,
    sources: &[String],
    show: &[&str],
    find: impl Fn(&str) -> BTreeSet<u32>,
) -> Scores {
    let mut classes: BTreeMap<String, Vec<(f64, f64)>> = BTreeMap::new();
    for q in truth.queries.iter().filter(|q| !q.relevant.is_empty()) {
        let relevant: BTreeSet<&str> = q.relevant.iter().map(String::as_str).collect();
        let found: BTreeSet<&str> = find(&q.q)
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
        if show.contains(&q.q.as_str()) {
            for f in found.difference(&relevant) {
                eprintln!("{name}\t{}\tfound, not relevant: {f}", q.q);
            }
            for f in relevant.difference(&found) {
                eprintln!("{name}\t{}\trelevant, not found: {f}", q.q);
            }
        }
        if recall < 1.0 || precision < 1.0 {
            eprintln!(
                "{name}\t{}\trecall {recall:.3}\tprecision {precision:.3}\t(found {}, relevant {})",
                q.q,
                found.len(),
                relevant.len()
            );
        }
        classes
            .entry(q.class.clone())
            .or_default()
            .push((recall, precision));
        classes
            .entry("all".into())
            .or_default()
            .push((recall, precision));
    }
    classes
        .into_iter()
        .map(|(c, s)| {
            let n = s.len() as f64;
            let r = s.iter().map(|x| x.0).sum::<f64>() / n;
            let p = s.iter().map(|x| x.1).sum::<f64>() / n;
            (c, (s.len(), r, p))
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let per_word = args.iter().any(|a| a == "--per-word");
    let dump = args.iter().any(|a| a == "--dump");
    let rest: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    if let [flag, dict, text] = &args[..]
        && flag == "--explain"
    {
        let segmenter = Segmenter::new(Mode::Normal, load_dictionary(dict).expect("loads"), None);
        for mut t in segmenter
            .segment(Cow::Borrowed(text.as_str()))
            .expect("segments")
        {
            let surface = t.surface.to_string();
            println!("{surface}\t{}", t.details().join(","));
        }
        let mut v = Vec::new();
        Morph {
            segmenter,
            compounds: Compounds::Mixed,
        }
        .terms(text, &mut v);
        println!("terms: {v:?}");
        return;
    }
    // Each line of a file as `surface/POS` tokens, to compare with MeCab.
    if let [flag, dict, file] = &args[..]
        && flag == "--tokens"
    {
        let segmenter = Segmenter::new(Mode::Normal, load_dictionary(dict).expect("loads"), None);
        for line in std::fs::read_to_string(file).expect("text file").lines() {
            let tokens = segmenter.segment(Cow::Borrowed(line)).expect("segments");
            let words: Vec<String> = tokens
                .into_iter()
                .map(|mut t| {
                    let surface = t.surface.to_string();
                    format!("{surface}/{}", t.details()[0])
                })
                .collect();
            println!("{}", words.join(" "));
        }
        return;
    }
    // `--load DICT`: the analyser's load time only.
    let load_only = args.first().is_some_and(|a| a == "--load");
    let none = String::new();
    let [root, truth, dict] = (if load_only {
        vec![&none, &none, rest[0]]
    } else {
        rest.clone()
    })[..] else {
        eprintln!("usage: morph_eval SITE TRUTH.json DICT [--per-word] [--dump]");
        std::process::exit(2);
    };

    // The analyser: load time, wall and CPU, and memory.
    let rss0 = max_rss_kb();
    let (started, cpu) = (Instant::now(), cpu_ms());
    // `--no-mmap`: read every file (a directory dictionary) into memory.
    let mmap = !args.iter().any(|a| a == "--no-mmap");
    let dictionary = load_dictionary_with_options(dict, mmap).expect("the dictionary loads");
    let load_ms = started.elapsed().as_secs_f64() * 1000.0;
    let load_cpu = cpu_ms() - cpu;
    let segmenter = Segmenter::new(Mode::Normal, dictionary, None);
    let ready_ms = started.elapsed().as_secs_f64() * 1000.0;
    let compounds = if args.iter().any(|a| a == "--compounds=none") {
        Compounds::None
    } else if args.iter().any(|a| a == "--compounds=discard") {
        Compounds::Discard
    } else {
        Compounds::Mixed
    };
    let show: Vec<&str> = args
        .iter()
        .find_map(|a| a.strip_prefix("--show="))
        .map(|s| s.split(',').collect())
        .unwrap_or_default();
    println!("compounds: {compounds:?}");
    let morph = Morph {
        segmenter,
        compounds,
    };
    let mut warm = Vec::new();
    morph.terms("삼성전자가 차세대반도체를 밝혔다.", &mut warm);
    let first_ms = started.elapsed().as_secs_f64() * 1000.0;
    let first_cpu = cpu_ms() - cpu;
    println!(
        "dictionary {dict} (mmap {mmap}): loaded in {load_ms:.0} ms ({load_cpu:.0} ms CPU), segmenter ready at \
         {ready_ms:.0} ms, first sentence analysed at {first_ms:.0} ms ({first_cpu:.0} ms CPU); peak RSS +{} MB",
        (max_rss_kb() - rss0) / 1024
    );
    println!("  삼성전자가 차세대반도체를 밝혔다. -> {warm:?}");

    if load_only {
        return;
    }
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
    let texts: Vec<Vec<(String, bool)>> = docs.iter().map(pieces).collect();
    let bytes: usize = texts.iter().flatten().map(|(t, _)| t.len()).sum();
    let mb = bytes as f64 / 1e6;
    println!(
        "{} articles, {shards} shards, {bytes} bytes of indexed text ({mb:.1} MB)",
        docs.len()
    );

    // One thread: byline's stems of the same text.
    let cpu = cpu_ms();
    let started = Instant::now();
    let mut stems_terms = 0usize;
    for (t, _) in texts.iter().flatten() {
        tokenize::terms(t, Analyzer::Stems, |_| stems_terms += 1);
    }
    let stems_ms = started.elapsed().as_secs_f64() * 1000.0;
    let stems_cpu = cpu_ms() - cpu;
    println!(
        "one thread: stems {stems_terms} terms in {stems_ms:.0} ms ({stems_cpu:.0} ms CPU; \
         {:.1} ms CPU per MB)",
        stems_cpu / mb
    );

    // One thread: the analyser.
    let cpu = cpu_ms();
    let started = Instant::now();
    let mut cache: HashMap<String, Vec<String>> = HashMap::new();
    let mut morph_docs: Vec<Vec<(String, bool)>> = Vec::with_capacity(texts.len());
    let mut buffer = Vec::new();
    for doc in &texts {
        let mut terms = Vec::new();
        for (t, title) in doc {
            if per_word {
                for w in tokenize::words(t) {
                    let found = cache.entry(w.to_string()).or_insert_with(|| {
                        let mut v = Vec::new();
                        morph.terms(w, &mut v);
                        v
                    });
                    terms.extend(found.iter().map(|s| (s.clone(), *title)));
                }
            } else {
                buffer.clear();
                morph.terms(t, &mut buffer);
                terms.extend(buffer.drain(..).map(|s| (s, *title)));
            }
        }
        morph_docs.push(terms);
    }
    let morph_ms = started.elapsed().as_secs_f64() * 1000.0;
    let morph_cpu = cpu_ms() - cpu;
    let morph_terms: usize = morph_docs.iter().map(Vec::len).sum();
    println!(
        "one thread: lindera ({}) {morph_terms} terms in {morph_ms:.0} ms ({morph_cpu:.0} ms CPU; \
         {:.1} ms CPU per MB; {:.0} ms CPU per 10k articles)",
        if per_word {
            "per word, cached"
        } else {
            "per text run"
        },
        morph_cpu / mb,
        morph_cpu * 10_000.0 / docs.len() as f64
    );

    // Postings and shard bytes.
    for (doc, terms) in docs.iter().zip(morph_docs.iter_mut()) {
        terms.extend(filters(doc).into_iter().map(|f| (f, false)));
    }
    let morph_postings = postings_of(&morph_docs);
    drop(morph_docs);
    let stems = index::postings(&docs, Analyzer::Stems);
    let bigrams = index::postings(&docs, Analyzer::Bigrams);
    // This file's postings match index.rs's: rebuild stems the same way.
    let stems_here = postings_of(
        &texts
            .iter()
            .zip(&docs)
            .map(|(doc, d)| {
                let mut v = Vec::new();
                for (t, title) in doc {
                    tokenize::terms(t, Analyzer::Stems, |s| v.push((s.to_string(), *title)));
                }
                v.extend(filters(d).into_iter().map(|f| (f, false)));
                v
            })
            .collect::<Vec<_>>(),
    );
    assert!(
        stems_here == stems,
        "postings made here differ from byline's for stems"
    );
    for (name, p) in [
        ("Stems", &stems),
        ("Bigrams", &bigrams),
        ("Lindera", &morph_postings),
    ] {
        println!(
            "{name}: {} terms, {} bytes of shards",
            p.len(),
            size(p, shards)
        );
    }
    if dump {
        let mut by_docs: Vec<(&String, usize)> =
            morph_postings.iter().map(|(t, l)| (t, l.len())).collect();
        by_docs.sort_by_key(|b| std::cmp::Reverse(b.1));
        eprintln!(
            "most frequent lindera terms: {:?}",
            &by_docs[..40.min(by_docs.len())]
        );
    }

    // Queries.
    let morph_query = |q: &str| {
        let mut v = Vec::new();
        morph.terms(q, &mut v);
        v
    };
    for q in truth.queries.iter().filter(|q| !q.relevant.is_empty()) {
        let mut s = Vec::new();
        tokenize::terms(&q.q, Analyzer::Stems, |t| s.push(t.to_string()));
        println!(
            "query {}\tstems {s:?}\tlindera {:?}",
            q.q,
            morph_query(&q.q)
        );
    }
    let stem_terms = |q: &str| {
        let mut v = Vec::new();
        tokenize::terms(q, Analyzer::Stems, |t| v.push(t.to_string()));
        v
    };
    let gram_terms = |q: &str| {
        let mut v = Vec::new();
        tokenize::terms(q, Analyzer::Bigrams, |t| v.push(t.to_string()));
        v
    };
    let runs: Vec<(&str, Scores)> = vec![
        (
            "StemsExact",
            report("StemsExact", &truth, &sources, &show, |q| {
                all_of(
                    stem_terms(q)
                        .iter()
                        .map(|t| lookup(&stems, t, false))
                        .collect(),
                )
            }),
        ),
        (
            "StemsPrefix",
            report("StemsPrefix", &truth, &sources, &show, |q| {
                all_of(
                    stem_terms(q)
                        .iter()
                        .map(|t| lookup(&stems, t, true))
                        .collect(),
                )
            }),
        ),
        (
            "Bigrams",
            report("Bigrams", &truth, &sources, &show, |q| {
                all_of(
                    gram_terms(q)
                        .iter()
                        .map(|t| lookup(&bigrams, t, false))
                        .collect(),
                )
            }),
        ),
        (
            "LinderaExact",
            report("LinderaExact", &truth, &sources, &show, |q| {
                all_of(
                    morph_query(q)
                        .iter()
                        .map(|t| lookup(&morph_postings, t, false))
                        .collect(),
                )
            }),
        ),
        (
            "LinderaPrefix",
            report("LinderaPrefix", &truth, &sources, &show, |q| {
                all_of(
                    morph_query(q)
                        .iter()
                        .map(|t| lookup(&morph_postings, t, true))
                        .collect(),
                )
            }),
        ),
        // The index from the analyser, the query stripped as search.js
        // strips it today (no dictionary in the browser).
        (
            "LinderaIndexStemQueryPrefix",
            report(
                "LinderaIndexStemQueryPrefix",
                &truth,
                &sources,
                &show,
                |q| {
                    all_of(
                        stem_terms(q)
                            .iter()
                            .map(|t| lookup(&morph_postings, t, true))
                            .collect(),
                    )
                },
            ),
        ),
    ];
    println!("mode\tclass\tqueries\trecall\tprecision");
    for (mode, classes) in &runs {
        for (class, (n, r, p)) in classes {
            println!("{mode}\t{class}\t{n}\t{r:.3}\t{p:.3}");
        }
    }
}

//! The search index as a browser reads it: the files under `/search/`,
//! decoded the way `search.js` decodes them.

use std::collections::BTreeSet;
use std::path::Path;

use byline::search::index::shard_of;
use byline::search::tokenize::{Analyzer, terms};
use serde_json::Value;

use crate::support::{SITE_TOML, Site, example_now, files_under, fm};

/// A built output's search index.
struct Index {
    root: std::path::PathBuf,
    meta: Value,
}

impl Index {
    fn at(public: &Path) -> Index {
        let root = public.join("search");
        let meta = json(&root.join("meta.json"));
        Index { root, meta }
    }

    fn count(&self) -> usize {
        self.meta["count"].as_u64().unwrap() as usize
    }

    /// Article numbers holding every term of `query` (exactly).
    fn find(&self, query: &str) -> BTreeSet<u64> {
        let mut wanted = Vec::new();
        terms(query, Analyzer::Stems, |t| wanted.push(t.to_string()));
        let mut sets = wanted.iter().map(|t| self.postings(t));
        let first = sets.next().unwrap_or_default();
        sets.fold(first, |a, b| a.intersection(&b).copied().collect())
    }

    fn postings(&self, term: &str) -> BTreeSet<u64> {
        let shards = self.meta["shards"].as_u64().unwrap() as usize;
        let shard = json(&self.root.join(format!("t/{}.json", shard_of(term, shards))));
        let mut id = 0;
        let list = shard[term].as_array().cloned().unwrap_or_default();
        list.iter()
            .map(|p| {
                id += p.as_u64().unwrap() >> 1;
                id
            })
            .collect()
    }

    /// The titles of these article numbers.
    fn titles(&self, ids: &BTreeSet<u64>) -> Vec<String> {
        let chunk = self.meta["chunk"].as_u64().unwrap();
        ids.iter()
            .map(|id| {
                let docs = json(&self.root.join(format!("d/{}.json", id / chunk)));
                docs[(id % chunk) as usize][0].as_str().unwrap().to_string()
            })
            .collect()
    }
}

fn json(path: &Path) -> Value {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_example_site_index_finds_korean_words_with_and_without_particles() {
    let out = tempfile::tempdir().unwrap();
    let options = byline::BuildOptions {
        root: Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf(),
        output: Some(out.path().join("public")),
        now: Some(example_now()),
        ..Default::default()
    };
    let summary = byline::build(&options).expect("the example site builds");
    let index = Index::at(&out.path().join("public"));
    // Every published article, none of the held-back ones.
    assert_eq!(index.count(), summary.articles);
    assert!(summary.held_back > 0);
    let all: BTreeSet<u64> = (0..index.count() as u64).collect();
    let titles = index.titles(&all).join("\n");
    assert!(
        !titles.contains("사면"),
        "the embargoed article is not indexed"
    );

    let altman = index.find("올트먼");
    assert!(altman.len() >= 3, "{altman:?}");
    assert_eq!(index.find("올트먼이"), altman);
    assert_eq!(index.find("올트먼은"), altman);
    assert!(index.titles(&altman).iter().any(|t| t.contains("올트먼")));
    assert_eq!(index.find("오픈AI가"), index.find("오픈ai"));
    assert!(!index.find("HBM3E").is_empty());
    assert!(!index.find("반도체를").is_empty());
    assert!(index.find("없는낱말").is_empty());

    let page = std::fs::read_to_string(out.path().join("public/search/index.html")).unwrap();
    assert!(page.contains("data-index=\"/search/\""), "{page}");
    let front = std::fs::read_to_string(out.path().join("public/index.html")).unwrap();
    assert!(
        front.contains("action=\"/search/\""),
        "the masthead searches"
    );
}

#[test]
fn search_false_disabled_search_and_bad_settings() {
    let site = Site::new();
    site.article(
        "IT/a.md",
        &fm("공개 기사", "2024-01-02", ""),
        "반도체를 말한다.\n",
    );
    site.article(
        "IT/b.md",
        &fm("숨긴 기사", "2024-01-03", "search: false"),
        "반도체에서 나온다.\n",
    );
    site.build_ok();
    let index = Index::at(&site.output());
    assert_eq!(index.count(), 1);
    assert_eq!(index.titles(&index.find("반도체")), ["공개 기사"]);

    site.article(
        "IT/b.md",
        &fm("숨긴 기사", "2024-01-03", "search: 아니오"),
        "본문\n",
    );
    assert!(
        site.build_err().contains("content/IT/b.md:4:"),
        "{}",
        site.build_err()
    );
    site.article("IT/b.md", &fm("숨긴 기사", "2024-01-03", ""), "본문\n");

    site.write(
        "site.toml",
        &format!("{SITE_TOML}\n[search]\nresults_per_page = 0\n"),
    );
    let err = site.build_err();
    assert!(
        err.contains("results_per_page must be from 1 to 100"),
        "{err}"
    );
    site.write(
        "site.toml",
        &format!("{SITE_TOML}\n[search]\nenable = false\n"),
    );
    assert!(
        site.build_err().contains("enable"),
        "an unknown key is refused"
    );

    site.write(
        "site.toml",
        &format!("{SITE_TOML}\n[search]\nenabled = false\n"),
    );
    site.build_ok();
    assert!(!site.exists("search"), "no search page or index");
    assert!(!site.exists("search.js"));
    assert!(!site.read("index.html").contains("role=\"search\""));
}

#[test]
fn an_edit_rewrites_few_search_files_and_hostile_text_stays_text() {
    let site = Site::new();
    for i in 0..130 {
        site.article(
            &format!("경제/a{i}.md"),
            &fm(
                &format!("기사 {i}"),
                &format!("2024-01-{:02} 09:00", i % 28 + 1),
                "",
            ),
            &format!("금리를 {i}번 말했다. 공통 낱말.\n"),
        );
    }
    let hostile = "</script><b>\"따옴표\" & 'x'</b>";
    site.article(
        "경제/hostile.md",
        &fm("\\\"제목\\\" </script>", "2024-02-01", ""),
        &format!("{hostile} 반도체\n"),
    );
    site.build_ok();
    let before = files_under(&site.output());
    let summary = site.build_ok();
    assert_eq!(summary.written, 0, "an unchanged site writes nothing");

    site.article(
        "경제/a3.md",
        &fm("기사 3", "2024-01-04 09:00", ""),
        "금리를 3번 말했다. 공통 낱말. 새낱말.\n",
    );
    site.build_ok();
    let after = files_under(&site.output());
    let changed: Vec<&String> = after
        .keys()
        .filter(|k| k.starts_with("search/") && before.get(*k) != after.get(*k))
        .collect();
    let shards = changed
        .iter()
        .filter(|k| k.starts_with("search/t/"))
        .count();
    let chunks = changed
        .iter()
        .filter(|k| k.starts_with("search/d/"))
        .count();
    assert_eq!((shards, chunks, changed.len()), (1, 1, 2), "{changed:?}");

    let index = Index::at(&site.output());
    let ids = index.find("반도체");
    assert_eq!(index.titles(&ids), ["\"제목\" </script>"]);
}

#[test]
fn serve_keeps_the_index_current() {
    use byline::serve::engine::{Change, Engine};
    let site = Site::new();
    site.article(
        "IT/a.md",
        &fm("첫 기사", "2024-01-02", ""),
        "반도체를 말한다.\n",
    );
    let (mut engine, _) = Engine::load(&site.options()).unwrap();
    let shard = |engine: &Engine| {
        let files = engine.files();
        String::from_utf8(files["search/t/0.json"].to_vec()).unwrap()
    };
    assert!(shard(&engine).contains("\"반도체\""));
    assert!(!shard(&engine).contains("\"배터리\""));
    site.article(
        "IT/a.md",
        &fm("첫 기사", "2024-01-02", ""),
        "배터리에서 나온다.\n",
    );
    let outcome = engine.apply(&[Change::Content("IT/a.md".into())]).unwrap();
    assert!(shard(&engine).contains("\"배터리\""));
    assert!(!shard(&engine).contains("\"반도체\""));
    assert!(outcome.files.written.iter().any(|f| f == "search/t/0.json"));
}

/// A site large enough for four term shards, so that an edit leaves most
/// of them alone and they are patched, not made again.
fn site_with_shards() -> Site {
    let site = Site::new();
    for i in 0..130 {
        site.article(
            &format!("IT/a{i}.md"),
            &fm(
                &format!("기사 {i}"),
                &format!("2024-01-{:02}", 1 + i % 28),
                "",
            ),
            &format!("반도체 {i}번 문단이다.\n\n둘째 문단 {}.\n", i * 7),
        );
    }
    site
}

#[test]
fn patched_shards_in_build_and_serve_equal_a_full_build() {
    use crate::serve_engine::{assert_build_catches_up, assert_same};
    use byline::serve::engine::{Change, Engine};
    let site = site_with_shards();
    let out = tempfile::tempdir().unwrap();
    let (mut engine, _) = Engine::load(&site.options()).unwrap();
    assert!(
        engine.files().contains_key("search/t/3.json"),
        "four shards"
    );
    assert_build_catches_up(&engine, out.path(), "the first build");
    // (file, title, date, body): a body edit, a new article (the newest),
    // a title edit, the new one removed; every article keeps its number.
    let steps = [
        (
            "IT/a5.md",
            "기사 5",
            "2024-01-06",
            Some("반도체 5번 문단이다.\n\n새로운낱말 하나.\n"),
        ),
        (
            "IT/new.md",
            "새 기사",
            "2024-02-01",
            Some("오늘 들어온 새 기사의 본문.\n"),
        ),
        (
            "IT/a7.md",
            "고친 제목",
            "2024-01-08",
            Some("반도체 7번 문단이다.\n"),
        ),
        ("IT/new.md", "", "", None),
    ];
    for (rel, title, date, body) in steps {
        match body {
            Some(body) => {
                site.article(rel, &fm(title, date, ""), body);
            }
            None => {
                site.remove(&format!("content/{rel}"));
            }
        }
        engine.apply(&[Change::Content(rel.into())]).unwrap();
        let step = format!("{rel}: {body:?}");
        assert_same(&engine, &step);
        assert_build_catches_up(&engine, out.path(), &step);
    }
}

//! Incremental rebuilds give exactly what a full build gives: a bad edit,
//! batches, errors in between, embargoes; and they touch only what depends
//! on a change. (Random sequences of edits: `serve_random_edits`.)

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use byline::serve::engine::{Change, Engine};

use crate::support::{Site, fm};

/// A full build with the engine's options (base URL, clock).
fn expected_build(engine: &Engine) -> BTreeMap<String, Vec<u8>> {
    let mut files = crate::support::cold_build(engine.options().clone());
    files.remove(".byline-output");
    files
}

/// `byline build` of the engine's site into `out`, the output of the
/// earlier steps: it gives what a cold build gives, and a second build
/// right after writes and removes nothing. Returns whether the first
/// build wrote only some of the files (was incremental).
pub fn assert_build_catches_up(engine: &Engine, out: &Path, step: &str) -> bool {
    let mut options = engine.options().clone();
    options.output = Some(out.to_path_buf());
    // Edited files look saved a while ago, so that the second build below
    // can find the output current without reading them.
    crate::support::settle(&options.root);
    let first = byline::build(&options)
        .unwrap_or_else(|e| panic!("after {step}: the incremental build failed: {e}"));
    let mut files = crate::support::files_under(out);
    files.remove(".byline-output");
    let expected = expected_build(engine);
    let differing: Vec<&String> = expected
        .keys()
        .chain(files.keys())
        .filter(|k| expected.get(*k) != files.get(*k))
        .collect();
    assert!(
        differing.is_empty(),
        "after {step}: the incremental build ({} written, {} removed) differs from a cold one in {differing:?}",
        first.written,
        first.removed
    );
    let second = byline::build(&options).unwrap();
    assert_eq!(
        (second.written, second.removed),
        (0, 0),
        "after {step}: a build with nothing changed wrote files"
    );
    assert!(
        second.current,
        "after {step}: a build with nothing changed did not find the output current"
    );
    first.written < first.files
}

fn served(engine: &Engine) -> BTreeMap<String, Vec<u8>> {
    engine
        .files()
        .iter()
        .map(|(k, v)| (k.clone(), v.to_vec()))
        .collect()
}

pub fn assert_same(engine: &Engine, step: &str) {
    let expected = expected_build(engine);
    let actual = served(engine);
    let missing: Vec<&String> = expected
        .keys()
        .filter(|k| !actual.contains_key(*k))
        .collect();
    let extra: Vec<&String> = actual
        .keys()
        .filter(|k| !expected.contains_key(*k))
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "after {step}: missing {missing:?}, extra {extra:?}"
    );
    for (path, bytes) in &expected {
        assert!(
            actual[path] == *bytes,
            "after {step}: {path} differs from a full build"
        );
    }
}

/// The clock of the random sequences: after every article they write,
/// before the embargoed ones.
#[test]
fn a_bad_edit_keeps_the_last_good_site_and_the_fix_catches_up() {
    let site = Site::new();
    site.article(
        "IT/a.md",
        &fm("처음 제목", "2023-01-01", "tags: [AI]"),
        "본문\n",
    );
    site.article(
        "IT/b.md",
        &fm("다른 기사", "2023-01-02", "tags: [AI]"),
        "본문\n",
    );
    let base_url = "http://127.0.0.1:9/";
    let mut options = site.options();
    options.base_url = Some(base_url.into());
    let (mut engine, _) = Engine::load(&options).unwrap();
    let good = served(&engine);

    site.article("IT/a.md", "title: \"깨진\ndate: 2023", "본문\n");
    let err = engine
        .apply(&[Change::Content(PathBuf::from("IT/a.md"))])
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("content/IT/a.md:2:8: this quote is not closed"),
        "{err}"
    );
    assert_eq!(served(&engine), good, "the last good site stays");

    // Another article changes while the first is still broken.
    site.article(
        "IT/b.md",
        &fm("다른 기사 고침", "2023-01-02", "tags: [AI]"),
        "본문\n",
    );
    assert!(
        engine
            .apply(&[Change::Content(PathBuf::from("IT/b.md"))])
            .is_err(),
        "still broken"
    );

    site.article(
        "IT/a.md",
        &fm("고친 제목", "2023-01-01", "tags: [AI]"),
        "본문\n",
    );
    let outcome = engine
        .apply(&[Change::Content(PathBuf::from("IT/a.md"))])
        .unwrap();
    assert!(outcome.files.written.iter().any(|p| p == "it/a/index.html"));
    assert!(
        outcome.files.written.iter().any(|p| p == "it/b/index.html"),
        "the change made meanwhile is rendered too"
    );
    assert_same(&engine, "the fix");
}

#[test]
fn edits_touch_only_the_pages_that_depend_on_them() {
    let site = Site::new();
    for i in 0..30 {
        let tag = if i % 2 == 0 { "짝수" } else { "홀수" };
        site.article(
            &format!("IT/a{i:02}.md"),
            &fm(
                &format!("기사 {i}"),
                &format!("2023-01-{:02}", i % 28 + 1),
                &format!("tags: [{tag}]"),
            ),
            "본문\n",
        );
    }
    let mut options = site.options();
    options.base_url = Some("http://127.0.0.1:9/".into());
    let (mut engine, _) = Engine::load(&options).unwrap();

    // A body edit past the first paragraph (which lists show as the
    // summary): only the article's own page and the full-content site feeds.
    let text = std::fs::read_to_string(site.root().join("content/IT/a00.md")).unwrap();
    site.write(
        "content/IT/a00.md",
        &format!("{text}\n둘째 문단을 더했다.\n"),
    );
    let outcome = engine
        .apply(&[Change::Content(PathBuf::from("IT/a00.md"))])
        .unwrap();
    let written = &outcome.files.written;
    assert!(
        written.contains(&"it/a00/index.html".to_string()),
        "{written:?}"
    );
    assert!(
        written
            .iter()
            .all(|p| !p.ends_with("index.html") || p == "it/a00/index.html"),
        "{written:?}"
    );

    // A title edit: its page, the lists showing it and related blocks
    // naming it, but not pages that do not show it.
    let outcome = {
        let text = std::fs::read_to_string(site.root().join("content/IT/a27.md")).unwrap();
        site.write(
            "content/IT/a27.md",
            &text.replace("기사 27", "기사 스물일곱"),
        );
        engine
            .apply(&[Change::Content(PathBuf::from("IT/a27.md"))])
            .unwrap()
    };
    let written = &outcome.files.written;
    assert!(
        written.contains(&"it/a27/index.html".to_string())
            && written.contains(&"index.html".to_string())
    );
    assert!(
        !written.contains(&"page/5/index.html".to_string()),
        "{written:?}"
    );
    assert!(
        !written.contains(&"tags/짝수/index.html".to_string()),
        "a27 is not tagged 짝수: {written:?}"
    );

    // A template edit re-renders every page but reads no Markdown.
    site.write(
        "templates/partials/footer.html",
        "<footer>{{ site.publisher.name }}</footer>",
    );
    let outcome = engine.apply(&[Change::Templates]).unwrap();
    assert!(outcome.files.written.len() > 30);
    assert!(outcome.files.removed.is_empty());
}

#[test]
fn changes_that_come_together_or_across_an_error_still_equal_a_full_build() {
    let site = Site::new();
    for (i, tag) in ["가", "나", "다"].iter().enumerate() {
        site.article(
            &format!("IT/a{i}.md"),
            &fm(
                &format!("기사 {i}"),
                &format!("2023-01-0{}", i + 1),
                &format!("tags: [{tag}, 공통]"),
            ),
            "본문\n",
        );
    }
    site.write("static/robots.txt", "User-agent: *\n");
    let base_url = "http://127.0.0.1:9/";
    let mut options = site.options();
    options.base_url = Some(base_url.into());
    let (mut engine, _) = Engine::load(&options).unwrap();

    // A template edit and a deletion in one batch.
    site.write(
        "templates/partials/footer.html",
        "<footer>{{ site.publisher.name }} 1</footer>",
    );
    site.remove("content/IT/a1.md");
    engine
        .apply(&[
            Change::Templates,
            Change::Content(PathBuf::from("IT/a1.md")),
        ])
        .unwrap();
    assert_same(&engine, "a template edit with a deletion");

    // A template edit and a static removal while an article is broken, then the fix.
    site.write(
        "templates/partials/footer.html",
        "<footer>{{ site.publisher.name }} 2</footer>",
    );
    site.remove("static/robots.txt");
    site.article("IT/a0.md", "title: \"깨짐\ndate: 2023", "x\n");
    let changes = [
        Change::Templates,
        Change::Static,
        Change::Content(PathBuf::from("IT/a0.md")),
    ];
    assert!(engine.apply(&changes).is_err());
    site.article(
        "IT/a0.md",
        &fm("고친 기사", "2023-01-01", "tags: [가]"),
        "본문\n",
    );
    engine
        .apply(&[Change::Content(PathBuf::from("IT/a0.md"))])
        .unwrap();
    assert_same(&engine, "the fix after a batch that failed");
}

#[test]
fn an_embargo_lifts_when_its_time_comes() {
    let site = Site::new();
    site.article(
        "IT/a.md",
        &fm("지난 기사", "2023-01-01", "tags: [AI]"),
        "x\n",
    );
    site.article(
        "IT/b.md",
        &fm("엠바고", "2023-06-01 12:00", "tags: [AI]"),
        "x\n",
    );
    let mut options = site.options();
    options.base_url = Some("http://127.0.0.1:9/".into());
    options.now = Some("2023-06-01T11:59:59+09:00".parse().unwrap());
    let (mut engine, _) = Engine::load(&options).unwrap();
    assert!(!engine.files().contains_key("it/b/index.html"));
    engine.set_now("2023-06-01T12:00:00+09:00".parse().unwrap());
    let outcome = engine.apply(&[]).unwrap();
    assert!(
        outcome
            .files
            .written
            .contains(&"it/b/index.html".to_string())
    );
    assert_same(&engine, "the embargo's time");
}

#[test]
fn a_page_bundle_photo_edit_reaches_its_article() {
    let site = Site::with_config(&format!(
        "{}\n[photos]\nwidths = [16]\n",
        crate::support::SITE_TOML
    ));
    crate::support::write_photo(site.root(), "content/IT/b/p.png", 40, 30);
    site.article(
        "IT/b/index.md",
        &fm("묶음", "2023-01-01", "image:\n  src: p.png"),
        "![](p.png)\n",
    );
    let mut options = site.options();
    options.base_url = Some("http://127.0.0.1:9/".into());
    let (mut engine, _) = Engine::load(&options).unwrap();
    assert_same(&engine, "a bundle");
    crate::support::write_photo(site.root(), "content/IT/b/p.png", 48, 30);
    engine
        .apply(&[Change::Content(PathBuf::from("IT/b/p.png"))])
        .unwrap();
    assert_same(&engine, "a bundle's photo edited");
    assert!(String::from_utf8_lossy(&engine.files()["it/b/index.html"]).contains("width=\"48\""));
}

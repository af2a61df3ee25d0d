//! Incremental rebuilds give exactly what a full build gives.
//!
//! A fixture site is edited by a random (but seeded) sequence of the edits
//! editors make; after each, the serve engine's in-memory site is compared
//! byte for byte with a fresh `byline build` of the same sources.

use std::collections::BTreeMap;
use std::path::PathBuf;

use byline::serve::engine::{Change, Engine};

use unicode_normalization::UnicodeNormalization;

use crate::support::{Rng, Site, fm};

const SECTIONS: [&str; 3] = ["IT", "경제", "국제"];
const TAGS: [&str; 6] = ["AI", "ai", "금리", "반도체", "샘 올트먼", "MS"];
const REPORTERS: [&str; 3] = ["김기자", "박기자", "Reed"];

fn article_text(rng: &mut Rng, title: &str) -> (String, String) {
    let day = 1 + rng.next() % 28;
    let tags: Vec<&str> = (0..1 + rng.next() % 3).map(|_| *rng.pick(&TAGS)).collect();
    let reporter = rng.pick(&REPORTERS);
    let count = rng.next() % 4;
    let front = fm(
        title,
        &format!("2023-03-{day:02} 1{}:00", rng.next() % 10),
        &format!(
            "tags: [{}]\nreporter: {reporter}\nrelated-count: {count}",
            tags.join(", ")
        ),
    );
    let body = format!(
        "{title}의 본문 {}.\n\n## 소제목\n\n둘째 문단 {}.\n",
        rng.next() % 1000,
        rng.next() % 1000
    );
    (front, body)
}

/// A full build with the engine's options (base URL, clock).
fn expected_build(engine: &Engine) -> BTreeMap<String, Vec<u8>> {
    let out = tempfile::tempdir().unwrap();
    let mut options = engine.options().clone();
    options.output = Some(out.path().join("public"));
    byline::build(&options).expect("full build");
    let mut files = crate::support::files_under(&out.path().join("public"));
    files.remove(".byline-output");
    files
}

fn served(engine: &Engine) -> BTreeMap<String, Vec<u8>> {
    engine
        .files()
        .iter()
        .map(|(k, v)| (k.clone(), v.to_vec()))
        .collect()
}

fn assert_same(engine: &Engine, step: &str) {
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
fn clock_start() -> jiff::Timestamp {
    "2023-06-01T00:00:00+09:00".parse().unwrap()
}

fn run_sequence(seed: u64, steps: usize) {
    let mut rng = Rng(seed);
    let site = Site::new();
    let mut live: Vec<(String, String)> = Vec::new();
    for i in 0..6 {
        let rel = format!("{}/a{i}.md", SECTIONS[i % 3]);
        let (front, body) = article_text(&mut rng, &format!("기사 {i}"));
        site.article(&rel, &front, &body);
        live.push((rel, format!("기사 {i}")));
    }
    site.write("static/images/a.png", "PNG1");
    let base_url = "http://127.0.0.1:9/";
    let mut options = site.options();
    options.base_url = Some(base_url.into());
    let mut now = clock_start();
    options.now = Some(now);
    let (mut engine, _) = Engine::load(&options).expect("initial build");
    assert_same(&engine, "the initial build");
    let mut next_id = 100;
    let nfd_section: String = "경제".nfd().collect();

    for step in 0..steps {
        let mut reload = false;
        let roll = rng.next() % 15;
        let (description, changes): (String, Vec<Change>) = match roll {
            0 | 1 => {
                let (rel, title) = rng.pick(&live).clone();
                let (front, body) = article_text(&mut rng, &title);
                site.article(&rel, &front, &body);
                (format!("editing {rel}"), vec![Change::Content(rel.into())])
            }
            2 => {
                let (rel, _) = rng.pick(&live).clone();
                let text = std::fs::read_to_string(site.root().join("content").join(&rel)).unwrap();
                let retitled = text.replacen("title: \"", "title: \"새 ", 1);
                site.write(&format!("content/{rel}"), &retitled);
                (
                    format!("retitling {rel}"),
                    vec![Change::Content(rel.into())],
                )
            }
            3 => {
                let rel = format!("{}/new{next_id}.md", rng.pick(&SECTIONS));
                let (front, body) = article_text(&mut rng, &format!("새 기사 {next_id}"));
                next_id += 1;
                site.article(&rel, &front, &body);
                live.push((rel.clone(), format!("새 기사 {next_id}")));
                (format!("adding {rel}"), vec![Change::Content(rel.into())])
            }
            4 if live.len() > 2 => {
                let i = (rng.next() % live.len() as u64) as usize;
                let (rel, _) = live.remove(i);
                site.remove(&format!("content/{rel}"));
                (format!("deleting {rel}"), vec![Change::Content(rel.into())])
            }
            5 | 9 => {
                // 9: into or out of a hidden directory, which is not content.
                let i = (rng.next() % live.len() as u64) as usize;
                let (old, title) = live[i].clone();
                let hidden = if old.contains("/.archive/") {
                    ""
                } else {
                    ".archive/"
                };
                let dir = if roll == 9 { hidden } else { "" };
                let new = format!("{}/{dir}moved{next_id}.md", rng.pick(&SECTIONS));
                next_id += 1;
                let target = site.root().join("content").join(&new);
                std::fs::create_dir_all(target.parent().unwrap()).unwrap();
                std::fs::rename(site.root().join("content").join(&old), target).unwrap();
                live[i] = (new.clone(), title);
                (
                    format!("renaming {old} to {new}"),
                    vec![Change::Content(old.into()), Change::Content(new.into())],
                )
            }
            6 => {
                let (rel, _) = rng.pick(&live).clone();
                let text = std::fs::read_to_string(site.root().join("content").join(&rel)).unwrap();
                let toggled = if text.contains("draft: true\n") {
                    text.replace("draft: true\n", "")
                } else {
                    text.replacen("---\n", "---\ndraft: true\n", 1)
                };
                site.write(&format!("content/{rel}"), &toggled);
                (
                    format!("toggling draft on {rel}"),
                    vec![Change::Content(rel.into())],
                )
            }
            8 => {
                let (rel, _) = rng.pick(&live).clone();
                let text = std::fs::read_to_string(site.root().join("content").join(&rel)).unwrap();
                site.write(
                    &format!("content/{rel}"),
                    &format!("{text}\n덧붙인 문단 {}.\n", rng.next() % 100),
                );
                (
                    format!("appending to the body of {rel}"),
                    vec![Change::Content(rel.into())],
                )
            }
            7 => {
                let n = rng.next() % 3;
                site.write("templates/partials/footer.html", &format!("<footer class=\"site-footer\">{{{{ site.publisher.name }}}} v{n}</footer>\n"));
                ("editing a template".into(), vec![Change::Templates])
            }
            10 => {
                let per_page = 2 + rng.next() % 3;
                site.write(
                    "site.toml",
                    &crate::support::SITE_TOML.replace(
                        "articles_per_page = 3",
                        &format!("articles_per_page = {per_page}"),
                    ),
                );
                reload = true;
                (
                    format!("setting articles_per_page = {per_page}"),
                    vec![Change::Config],
                )
            }
            11 => {
                // A directory shared by a symbolic link inside the site.
                let dir = format!("shared/s{next_id}");
                let link = format!("링크{next_id}");
                let (front, body) = article_text(&mut rng, &format!("공유 기사 {next_id}"));
                next_id += 1;
                site.write(
                    &format!("{dir}/x.md"),
                    &format!("---\n{front}\n---\n{body}"),
                );
                #[cfg(unix)]
                std::os::unix::fs::symlink(
                    site.root().join(&dir),
                    site.root().join("content").join(&link),
                )
                .unwrap();
                #[cfg(not(unix))]
                site.write(
                    &format!("content/{link}/x.md"),
                    &format!("---\n{front}\n---\n{body}"),
                );
                live.push((format!("{link}/x.md"), format!("공유 기사 {next_id}")));
                (
                    format!("linking {link}"),
                    vec![Change::Content(link.into())],
                )
            }
            12 => {
                // macOS writes names in NFD: the same section as `경제`.
                let rel = format!("{nfd_section}/nfd{next_id}.md");
                let (front, body) = article_text(&mut rng, &format!("NFD 기사 {next_id}"));
                next_id += 1;
                site.article(&rel, &front, &body);
                live.push((rel.clone(), format!("NFD 기사 {next_id}")));
                (
                    format!("adding {rel} (NFD)"),
                    vec![Change::Content(rel.into())],
                )
            }
            13 => {
                let hours = 1 + rng.next() % 48;
                let date = now
                    .checked_add(jiff::SignedDuration::from_hours(hours as i64))
                    .unwrap();
                let date = date.to_zoned_datetime(jiff::tz::TimeZone::get("Asia/Seoul").unwrap());
                let rel = format!("{}/embargo{next_id}.md", rng.pick(&SECTIONS));
                next_id += 1;
                let front = fm(
                    &format!("엠바고 {next_id}"),
                    &date.strftime("%Y-%m-%d %H:%M").to_string(),
                    "tags: [AI]",
                );
                site.article(&rel, &front, "엠바고 본문.\n");
                live.push((rel.clone(), format!("엠바고 {next_id}")));
                (
                    format!("adding {rel}, embargoed {hours} h"),
                    vec![Change::Content(rel.into())],
                )
            }
            14 => {
                let hours = 1 + rng.next() % 24;
                now = now
                    .checked_add(jiff::SignedDuration::from_hours(hours as i64))
                    .unwrap();
                engine.set_now(now);
                (format!("letting {hours} h pass"), Vec::new())
            }
            _ => {
                site.write("static/images/a.png", &format!("PNG{}", rng.next() % 5));
                ("changing a static file".into(), vec![Change::Static])
            }
        };
        if reload {
            let mut fresh_options = engine.options().clone();
            fresh_options.now = Some(now);
            let loaded = Engine::load(&fresh_options)
                .unwrap_or_else(|e| panic!("step {step} ({description}) failed: {e}"));
            engine = engine.reloaded_as(loaded).0;
        } else {
            engine
                .apply(&changes)
                .unwrap_or_else(|e| panic!("step {step} ({description}) failed: {e}"));
        }
        assert_same(&engine, &format!("step {step}: {description}"));
    }
}

#[test]
fn random_edits_give_the_same_site_as_a_full_build() {
    for seed in [1, 2, 3, 4] {
        run_sequence(seed, 30);
    }
}

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

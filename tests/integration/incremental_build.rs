//! `byline build` into the output of an earlier build: only what changed
//! is written, nothing when nothing changed, files byline did not write
//! are left alone, and the result is what a cold build gives. (Random
//! sequences of edits: `serve_random_edits`; killed builds: `crash_safety`.)

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::time::SystemTime;

use crate::support::{Site, cold_build, fm};

fn mtimes(dir: &Path) -> BTreeMap<String, SystemTime> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, e.metadata().unwrap().modified().unwrap())
        })
        .collect()
}

/// A cold build of the same sources elsewhere.
fn cold(site: &Site) -> BTreeMap<String, Vec<u8>> {
    cold_build(site.options())
}

fn site_with_articles(n: usize) -> Site {
    let site = Site::new();
    for i in 0..n {
        site.article(
            &format!("IT/a{i}.md"),
            &fm(
                &format!("기사 {i}"),
                &format!("2023-01-{:02}", 1 + i % 28),
                "tags: [AI]",
            ),
            &format!("첫 문단 {i}.\n\n둘째 문단.\n"),
        );
    }
    site
}

#[test]
fn nothing_changed_writes_nothing_and_one_edit_writes_its_pages() {
    let site = site_with_articles(30);
    let first = site.build_ok();
    assert_eq!(first.written, first.files, "the first build is cold");
    let before = mtimes(&site.output());
    std::thread::sleep(std::time::Duration::from_millis(20));

    let again = site.build_ok();
    assert_eq!((again.written, again.removed), (0, 0));
    assert_eq!(
        mtimes(&site.output()),
        before,
        "no modification time changed"
    );

    site.article(
        "IT/a3.md",
        &fm("기사 3", "2023-01-04", "tags: [AI]"),
        "첫 문단 3.\n\n고친 본문.\n",
    );
    // Its page, the feeds that carry its text and the search shard of the
    // new word; no list (the card, from the first paragraph, is unchanged).
    let edit = site.build_ok();
    assert!(site.read("it/a3/index.html").contains("고친 본문"));
    let after = mtimes(&site.output());
    let touched: Vec<&String> = after.keys().filter(|k| after[*k] != before[*k]).collect();
    assert_eq!(touched.len(), edit.written, "{touched:?}");
    assert!(
        touched
            .iter()
            .all(|t| t.starts_with("it/a3/") || t.ends_with(".xml") || t.starts_with("search/t/")),
        "a body edit wrote {touched:?}"
    );
    assert_eq!(site.snapshot(), cold(&site));
}

#[test]
fn deleted_articles_lose_their_pages_and_foreign_files_stay() {
    let site = site_with_articles(5);
    site.build_ok();
    // Not byline's: copied into the output by hand.
    fs::write(site.output().join("verify-google.html"), "mine").unwrap();
    site.remove("content/IT/a2.md");
    let summary = site.build_ok();
    assert!(summary.removed >= 1, "{summary}");
    assert!(
        !site.output().join("it/a2").exists(),
        "the page and its directory are gone"
    );
    assert_eq!(site.read("verify-google.html"), "mine");
    let mut now = site.snapshot();
    now.remove("verify-google.html");
    assert_eq!(now, cold(&site));
}

#[test]
fn a_file_deleted_from_the_output_is_written_again() {
    let site = site_with_articles(3);
    site.build_ok();
    fs::remove_file(site.output().join("it/a1/index.html")).unwrap();
    fs::write(site.output().join("it/a0/index.html"), "damaged").unwrap();
    let summary = site.build_ok();
    assert_eq!(summary.written, 2, "{summary}");
    assert_eq!(site.snapshot(), cold(&site));
}

#[test]
fn a_replaced_photo_updates_the_page_that_shows_it() {
    let site = Site::new();
    site.photo("content/IT/현장/사진.jpg", 1200, 800);
    site.article(
        "IT/현장/index.md",
        &fm("현장", "2023-01-01", ""),
        "![현장 사진](사진.jpg)\n",
    );
    site.build_ok();
    assert!(site.read("it/현장/index.html").contains("height=\"800\""));
    site.photo("content/IT/현장/사진.jpg", 1200, 600);
    site.build_ok();
    assert!(site.read("it/현장/index.html").contains("height=\"600\""));
    assert_eq!(site.snapshot(), cold(&site));
}

#[test]
fn clean_rewrites_everything_and_a_deleted_manifest_means_a_cold_build() {
    let site = site_with_articles(4);
    let first = site.build_ok();
    let mut options = site.options();
    options.clean = true;
    let clean = byline::build(&options).unwrap();
    assert_eq!(clean.written, first.written);
    fs::remove_dir_all(site.root().join(".byline-cache")).unwrap();
    let cold_again = site.build_ok();
    assert_eq!(cold_again.written, first.written);
    assert_eq!(site.build_ok().written, 0);
}

fn cache_files(site: &Site, ext: &str) -> Vec<std::path::PathBuf> {
    let dir = site.root().join(".byline-cache/articles");
    let mut files: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    files.sort();
    files
}

#[test]
fn the_article_cache_keeps_bodies_apart_and_survives_losing_them() {
    let site = site_with_articles(30);
    site.build_ok();
    let (bins, bodies) = (cache_files(&site, "bin"), cache_files(&site, "html"));
    assert!(bins.len() > 5, "{bins:?}");
    assert_eq!(bodies.len(), bins.len(), "one bodies file a shard");
    let read_all = |files: &[std::path::PathBuf]| -> String {
        let texts = files
            .iter()
            .map(|f| String::from_utf8_lossy(&fs::read(f).unwrap()).into_owned());
        texts.collect()
    };
    let body = "<p>첫 문단 7.</p>";
    assert!(read_all(&bodies).contains(body));
    assert!(
        !read_all(&bins).contains(body),
        "bodies are not in the .bin files"
    );

    // An edit rewrites its shard's bodies file under a new name and
    // removes the old one; the pages of unchanged articles read theirs.
    crate::support::settle(site.root());
    site.article(
        "IT/a7.md",
        &fm("기사 7", "2023-01-08", "tags: [AI]"),
        "고친 문단.\n",
    );
    let summary = site.build_ok();
    assert!(summary.written <= 30, "{summary}");
    assert_eq!(site.snapshot(), cold(&site));
    let after = cache_files(&site, "html");
    assert_eq!(after.len(), bins.len());
    assert_ne!(after, bodies);

    // Bodies files cut short or gone: those shards are parsed again.
    for (i, file) in after.iter().enumerate() {
        if i % 2 == 0 {
            fs::remove_file(file).unwrap();
        } else {
            let bytes = fs::read(file).unwrap();
            fs::write(file, &bytes[..bytes.len() / 2]).unwrap();
        }
    }
    crate::support::settle(site.root());
    site.article(
        "IT/a8.md",
        &fm("기사 8", "2023-01-09", "tags: [AI]"),
        "또 고친 문단.\n",
    );
    site.build_ok();
    assert_eq!(site.snapshot(), cold(&site));
    assert_eq!(cache_files(&site, "html").len(), bins.len());
}

#[test]
fn a_page_rendered_again_shows_the_cards_of_articles_left_alone() {
    // Three articles a page: the featured oldest article leads the front
    // page from deep in the archive, beside the newest three.
    let site = site_with_articles(30);
    site.article(
        "IT/a0.md",
        &fm("기사 0", "2023-01-01", "tags: [AI]\nfeatured: true"),
        "첫 문단 0.\n\n둘째 문단.\n",
    );
    site.build_ok();
    site.settle();
    site.article(
        "IT/a27.md",
        &fm("고친 제목 27", "2023-01-28", "tags: [AI]"),
        "첫 문단 27.\n\n둘째 문단.\n",
    );
    let edit = site.build_ok();
    assert!(edit.written < edit.files / 2, "{edit:?}");
    let front = site.read("index.html");
    assert!(front.contains("고친 제목 27") && front.contains("기사 0"));
    assert_eq!(site.snapshot(), cold(&site));
}

//! The repository's own example site builds, and its article page is pinned
//! by a snapshot.

use std::path::Path;

use crate::support::files_under;

fn build_example() -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let options = byline::BuildOptions {
        root: Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf(),
        output: Some(out.path().join("public")),
        now: Some(crate::support::example_now()),
        ..Default::default()
    };
    byline::build(&options).expect("the example site builds");
    out
}

#[test]
fn example_site_builds_with_every_kind_of_page() {
    let out = build_example();
    let files = files_under(&out.path().join("public"));
    for page in [
        "index.html",
        "404.html",
        "style.css",
        "it/altman-joins-microsoft/index.html",
        "it/index.html",
        "경제/index.html",
        "tags/index.html",
        "tags/오픈ai/index.html",
        "reporters/index.html",
        "reporters/kim-jeongyeong/index.html",
        "images/altman-stage.png",
    ] {
        assert!(files.contains_key(page), "{page} missing");
    }
    let articles = files
        .keys()
        .filter(|k| {
            k.matches('/').count() == 2
                && !k.starts_with("tags/")
                && !k.starts_with("reporters/")
                && !k.starts_with("page/")
        })
        .count();
    assert!(articles >= 12, "{articles} article pages");
}

#[test]
fn example_article_snapshot() {
    let out = build_example();
    let html = std::fs::read_to_string(
        out.path()
            .join("public/it/altman-joins-microsoft/index.html"),
    )
    .unwrap();
    insta::assert_snapshot!("altman_joins_microsoft", html);
}

/// Every file of the example site, by size and hash: an optimisation must
/// leave this snapshot as it is (output byte for byte the same); a change
/// of output shows up here for review.
#[test]
fn example_site_output_digest() {
    let out = build_example();
    let files = files_under(&out.path().join("public"));
    let digest: String = files
        .iter()
        .map(|(path, bytes)| {
            format!(
                "{path} {} {:016x}\n",
                bytes.len(),
                xxhash_rust::xxh3::xxh3_64(bytes)
            )
        })
        .collect();
    insta::assert_snapshot!("example_site_digest", digest);
}

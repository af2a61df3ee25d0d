//! Every HTML page of the example site passes the W3C Nu HTML Checker.

use std::path::Path;

use crate::tools::{require, vnu_command};

/// The checker's errors for `target` (a file or a directory), or `None`
/// when the checker is not installed (and not required).
fn vnu_errors(target: &Path) -> Option<Vec<String>> {
    let mut vnu = require(
        vnu_command(),
        "vnu (the Nu HTML Checker)",
        "npm install vnu-jar; needs java",
    )?;
    let out = vnu
        .args(["--errors-only", "--skip-non-html", "--format", "json"])
        .arg(target)
        .output()
        .expect("run vnu");
    let report: serde_json::Value = serde_json::from_slice(&out.stderr)
        .or_else(|_| serde_json::from_slice(&out.stdout))
        .unwrap_or_else(|e| {
            panic!(
                "vnu output is not JSON ({e}): {}",
                String::from_utf8_lossy(&out.stderr)
            )
        });
    let messages = report["messages"].as_array().expect("messages");
    let describe = |m: &serde_json::Value| {
        format!(
            "{}:{}: {}",
            m["url"].as_str().unwrap_or(""),
            m["lastLine"],
            m["message"].as_str().unwrap_or("")
        )
    };
    Some(messages.iter().map(describe).collect())
}

#[test]
fn example_site_pages_have_no_validation_errors() {
    let out = tempfile::tempdir().unwrap();
    let options = byline::BuildOptions {
        root: Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf(),
        output: Some(out.path().join("public")),
        base_url: Some("https://example.com/news/".into()),
        drafts: true,
        future: true,
        now: Some(crate::support::example_now()),
        ..Default::default()
    };
    byline::build(&options).expect("example site builds");
    let pages = crate::support::files_under(&out.path().join("public"))
        .keys()
        .filter(|k| k.ends_with(".html"))
        .count();
    assert!(pages > 50, "{pages} pages");
    if let Some(errors) = vnu_errors(&out.path().join("public")) {
        assert!(
            errors.is_empty(),
            "{} validation errors:\n{}",
            errors.len(),
            errors.join("\n")
        );
    }
}

#[test]
fn the_checker_does_report_invalid_html() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.html");
    std::fs::write(&bad, "<!DOCTYPE html><html lang=\"ko\"><head><title>x</title></head><body><li>목록 밖</li></body></html>")
        .unwrap();
    if let Some(errors) = vnu_errors(&bad) {
        assert!(
            !errors.is_empty(),
            "vnu found nothing wrong with a stray <li>"
        );
    }
}

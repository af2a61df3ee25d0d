//! Every HTML page of the example site passes the W3C Nu HTML Checker.

use std::path::Path;

use crate::tools::{require, vnu_command};

fn validate(dir: &Path) {
    let Some(mut vnu) = require(
        vnu_command(),
        "vnu (the Nu HTML Checker)",
        "npm install vnu-jar; needs java",
    ) else {
        return;
    };
    let out = vnu
        .args(["--errors-only", "--skip-non-html", "--format", "json"])
        .arg(dir)
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
    let errors: Vec<String> = messages
        .iter()
        .map(|m| {
            format!(
                "{}:{}: {}",
                m["url"].as_str().unwrap_or(""),
                m["lastLine"],
                m["message"].as_str().unwrap_or("")
            )
        })
        .collect();
    assert!(
        errors.is_empty(),
        "{} validation errors:\n{}",
        errors.len(),
        errors.join("\n")
    );
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
    };
    byline::build(&options).expect("example site builds");
    let pages = crate::support::files_under(&out.path().join("public"))
        .keys()
        .filter(|k| k.ends_with(".html"))
        .count();
    assert!(pages > 50, "{pages} pages");
    validate(&out.path().join("public"));
}

#[test]
fn the_checker_does_report_invalid_html() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.html"),
        "<!DOCTYPE html><html lang=\"ko\"><head><title>x</title></head><body><li>목록 밖</li></body></html>",
    )
    .unwrap();
    let Some(mut vnu) = require(
        vnu_command(),
        "vnu (the Nu HTML Checker)",
        "npm install vnu-jar; needs java",
    ) else {
        return;
    };
    let out = vnu
        .args(["--errors-only", "--format", "json"])
        .arg(dir.path().join("bad.html"))
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert!(
        !report["messages"].as_array().unwrap().is_empty(),
        "vnu found nothing wrong with a stray <li>"
    );
}

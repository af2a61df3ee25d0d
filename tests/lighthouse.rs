//! Lighthouse 12 on the example site, mobile and desktop: 100 in
//! accessibility, best practices and SEO, at least 98 in performance, for
//! the pages of `audit_pages::PAGES`.
//!
//! A test binary of its own: cargo runs test binaries one after another,
//! so the performance measurement here never shares the CPU with the
//! integration tests (in one binary it did, and scored 88 where it scores
//! 100 alone). Needs Chromium, Node.js and the npm package `lighthouse`
//! in the project (`.ci/run` installs them): skipped without, required
//! under `CI=true`.

#[path = "integration/audit_pages.rs"]
mod audit_pages;
#[path = "integration/static_server.rs"]
mod static_server;
#[allow(dead_code)]
#[path = "integration/support.rs"]
mod support;
#[allow(dead_code)]
#[path = "integration/tools.rs"]
mod tools;

use std::path::Path;
use std::process::Command;

use audit_pages::{PAGES, chrome_args, node_package, serve_example};
use tools::{on_path, require};

/// Lighthouse's four category scores of a page, 0-100.
fn lighthouse(lighthouse: &Path, chromium: &Path, url: &str, desktop: bool) -> Vec<(String, u32)> {
    let profile = tempfile::tempdir().unwrap();
    let flags = chrome_args(profile.path());
    let mut cmd = Command::new(lighthouse);
    cmd.arg(url)
        .arg("--quiet")
        .arg("--output=json")
        .arg("--output-path=stdout")
        .arg("--only-categories=performance,accessibility,best-practices,seo")
        .arg(format!("--chrome-flags={}", flags.join(" ")))
        .env("CHROME_PATH", chromium);
    if desktop {
        cmd.arg("--preset=desktop");
    }
    let out = cmd.output().expect("run lighthouse");
    assert!(
        out.status.success(),
        "lighthouse failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    ["performance", "accessibility", "best-practices", "seo"]
        .iter()
        .map(|c| {
            let score = report["categories"][c]["score"].as_f64().unwrap_or(0.0);
            (c.to_string(), (score * 100.0).round() as u32)
        })
        .collect()
}

#[test]
fn lighthouse_scores_are_full_on_mobile_and_desktop() {
    let tools = on_path("chromium").zip(node_package(".bin/lighthouse"));
    let Some((chromium, lh)) = require(
        tools.filter(|_| on_path("node").is_some()),
        "chromium, node and lighthouse",
        "apt-get install chromium nodejs; npm install lighthouse@12.2.3",
    ) else {
        return;
    };
    let (server, _out) = serve_example();
    // A warm-up run, not scored: Chromium's first launches on a fresh
    // machine build its font caches (Hangul fallback fonts), which
    // Lighthouse counts as the page's style and layout time (the front
    // page scored 84-88 on a new CI machine, 100 after).
    lighthouse(&lh, &chromium, &format!("{}/", server.origin()), false);
    let mut failures = Vec::new();
    for (name, path) in PAGES {
        for desktop in [false, true] {
            let url = format!("{}{path}", server.origin());
            // Performance is measured, and varies from run to run (main
            // thread time): below the mark, take the best of three runs.
            let mut scores = lighthouse(&lh, &chromium, &url, desktop);
            for _ in 0..2 {
                if scores[0].1 >= 98 {
                    break;
                }
                let again = lighthouse(&lh, &chromium, &url, desktop);
                if again[0].1 > scores[0].1 {
                    scores = again;
                }
            }
            let form = if desktop { "desktop" } else { "mobile" };
            eprintln!("lighthouse, {name} ({form}): {scores:?}");
            for (category, score) in &scores {
                let needed = if category == "performance" { 98 } else { 100 };
                if *score < needed {
                    failures.push(format!("{name} ({form}): {category} {score} < {needed}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

//! The example site in a real browser, as its readers' tools judge it:
//! axe-core (0 violations, light and dark), and Lighthouse 12 on mobile and
//! desktop (100 in accessibility, best practices and SEO; at least 98 in
//! performance) for the front page, an article with a lead image, an
//! article with code, a section page and a standalone page.
//!
//! Needs Chromium, ChromeDriver, Node.js and the npm packages `lighthouse`
//! and `axe-core` in the project (`.ci/run` installs them): skipped
//! without, required under `CI=true`.

use std::path::{Path, PathBuf};
use std::process::Command;

use fantoccini::ClientBuilder;
use serde_json::json;

use crate::browser::start_chromedriver;
use crate::static_server::StaticServer;
use crate::support::example_now;
use crate::tools::{on_path, require};

const PAGES: &[(&str, &str)] = &[
    ("front page", "/"),
    ("article with a lead image", "/it/altman-joins-microsoft/"),
    ("article with code", "/it/counting-ai-in-earnings-calls/"),
    ("section page", "/%EA%B2%BD%EC%A0%9C/"),
    ("standalone page", "/privacy/"),
];

const CHROME_FLAGS: &[&str] = &[
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

fn node_package(file: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("node_modules")
        .join(file);
    path.is_file().then_some(path)
}

/// Builds the example site for `origin` and serves it there.
fn serve_example() -> (StaticServer, tempfile::TempDir) {
    let (server, listener) = StaticServer::bind();
    let out = tempfile::tempdir().unwrap();
    let options = byline::BuildOptions {
        root: Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf(),
        output: Some(out.path().join("public")),
        base_url: Some(format!("{}/", server.origin())),
        now: Some(example_now()),
        ..Default::default()
    };
    byline::build(&options).expect("the example site builds");
    StaticServer::serve(listener, out.path().join("public"));
    (server, out)
}

#[test]
fn axe_finds_no_violations_in_light_or_dark() {
    let tools = on_path("chromium").zip(on_path("chromedriver"));
    let tools = tools.zip(node_package("axe-core/axe.min.js"));
    let Some(((chromium, chromedriver), axe)) = require(
        tools,
        "chromium, chromedriver and axe-core",
        "apt-get install chromium chromium-driver; npm install axe-core",
    ) else {
        return;
    };
    let axe_source = std::fs::read_to_string(axe).unwrap();
    let (server, _out) = serve_example();
    let (_driver, webdriver) = start_chromedriver(&chromedriver);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut report = Vec::new();
    for dark in [false, true] {
        let profile = tempfile::tempdir().unwrap();
        let mut args: Vec<String> = CHROME_FLAGS.iter().map(|s| s.to_string()).collect();
        args.push(format!("--user-data-dir={}", profile.path().display()));
        args.push("--window-size=1280,1024".into());
        if dark {
            args.push("--force-dark-mode".into());
        }
        let capabilities = json!({ "goog:chromeOptions": { "binary": chromium, "args": args } });
        runtime.block_on(async {
            let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
                .capabilities(capabilities.as_object().unwrap().clone())
                .connect(&webdriver)
                .await
                .expect("a Chromium session");
            for (name, path) in PAGES {
                client.goto(&format!("{}{path}", server.origin())).await.unwrap();
                let scheme = client
                    .execute("return matchMedia('(prefers-color-scheme: dark)').matches", vec![])
                    .await
                    .unwrap();
                assert_eq!(scheme, json!(dark), "the colour scheme is emulated");
                client.execute(&axe_source, vec![]).await.unwrap();
                let result = client
                    .execute_async(
                        "const done = arguments[arguments.length - 1];\
                         axe.run(document, { resultTypes: ['violations'] })\
                           .then(r => done(r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))));",
                        vec![],
                    )
                    .await
                    .unwrap();
                let violations: Vec<String> = serde_json::from_value(result).unwrap();
                let mode = if dark { "dark" } else { "light" };
                eprintln!("axe, {name} ({mode}): {} violations", violations.len());
                if !violations.is_empty() {
                    report.push(format!("{name} ({mode}): {violations:?}"));
                }
            }
            client.close().await.unwrap();
        });
    }
    assert!(report.is_empty(), "axe violations:\n{}", report.join("\n"));
}

/// Lighthouse's four category scores of a page, 0-100.
fn lighthouse(lighthouse: &Path, chromium: &Path, url: &str, desktop: bool) -> Vec<(String, u32)> {
    let profile = tempfile::tempdir().unwrap();
    let mut flags: Vec<String> = CHROME_FLAGS.iter().map(|s| s.to_string()).collect();
    flags.push(format!("--user-data-dir={}", profile.path().display()));
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
    let mut failures = Vec::new();
    for (name, path) in PAGES {
        for desktop in [false, true] {
            let url = format!("{}{path}", server.origin());
            // Performance is measured; on a busy machine take the better of two runs.
            let mut scores = lighthouse(&lh, &chromium, &url, desktop);
            if scores[0].1 < 98 {
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

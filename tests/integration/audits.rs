//! The example site in a real browser, as axe-core judges it: 0 violations,
//! light and dark, on the pages of [`crate::audit_pages::PAGES`].
//! (Lighthouse runs in its own test binary, `tests/lighthouse.rs`, so that
//! its performance measurement never shares the CPU with other tests.)
//!
//! Needs Chromium, ChromeDriver and the npm package `axe-core` in the
//! project (`.ci/run` installs them): skipped without, required under
//! `CI=true`.

use serde_json::json;

use crate::audit_pages::{PAGES, chrome_args, node_package, serve_example};
use crate::browser::{chromium_session, start_chromedriver};
use crate::tools::{on_path, require};

/// The search page with results (axe only: Lighthouse's SEO audit rightly
/// marks a `noindex` page as not crawlable).
const SEARCH_PAGES: &[(&str, &str)] = &[(
    "search page with a filter",
    "/search/?q=%EC%98%AC%ED%8A%B8%EB%A8%BC%EC%9D%B4&section=IT",
)];

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
    let runtime = crate::browser::runtime();
    let mut report = Vec::new();
    for dark in [false, true] {
        let profile = tempfile::tempdir().unwrap();
        let mut args = chrome_args(profile.path());
        args.push("--window-size=1280,1024".into());
        if dark {
            args.push("--force-dark-mode".into());
        }
        runtime.block_on(async {
            let client = chromium_session(&webdriver, &chromium, &args).await;
            for (name, path) in PAGES.iter().chain(SEARCH_PAGES) {
                client.goto(&format!("{}{path}", server.origin())).await.unwrap();
                // The search page judged with its results shown.
                let busy = "const f = document.querySelector('.search-form');\
                            return !!f && f.getAttribute('data-state') !== 'done'";
                for _ in 0..100 {
                    if client.execute(busy, vec![]).await.unwrap() != json!(true) {
                        break;
                    }
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                }
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

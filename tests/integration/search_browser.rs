//! The `/search/` page in headless Chromium, used with the keyboard alone:
//! a Korean query with a particle, highlighted matches, and a filter.
//!
//! Needs Chromium and ChromeDriver: skipped without, required under `CI=true`.

use std::time::{Duration, Instant};

use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use serde_json::json;

use crate::audit_pages::{chrome_args, serve_example};
use crate::browser::{chromium_session, start_chromedriver};

/// Waits for the search to finish; returns the shown results as
/// `(title, meta line)` and the highlighted words.
async fn results(client: &Client) -> (Vec<(String, String)>, Vec<String>) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let state = client
            .execute(
                "const f = document.querySelector('.search-form'); return f && f.getAttribute('data-state')",
                vec![],
            )
            .await
            .unwrap();
        if state == json!("done") {
            break;
        }
        assert_ne!(state, json!("failed"), "the search failed");
        assert!(Instant::now() < deadline, "no results after 10 s ({state})");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let found = client
        .execute(
            "return [...document.querySelectorAll('.search-result')].map(li => \
               [li.querySelector('h2').textContent, li.querySelector('.search-meta').textContent]);",
            vec![],
        )
        .await
        .unwrap();
    let marks = client
        .execute(
            "return [...document.querySelectorAll('.search-result mark')].map(m => m.textContent);",
            vec![],
        )
        .await
        .unwrap();
    (
        serde_json::from_value(found).unwrap(),
        serde_json::from_value(marks).unwrap(),
    )
}

/// Presses Tab (with Shift: backwards) until the element `id` has focus.
async fn tab_to(client: &Client, id: &str, back: bool) {
    for _ in 0..60 {
        let active = client
            .execute("return document.activeElement.id", vec![])
            .await
            .unwrap();
        if active == json!(id) {
            return;
        }
        let key = if back {
            Key::Shift + &Key::Tab.to_string()
        } else {
            Key::Tab.to_string()
        };
        client
            .active_element()
            .await
            .unwrap()
            .send_keys(&key)
            .await
            .unwrap();
    }
    panic!("Tab never reached #{id}");
}

async fn type_keys(client: &Client, text: &str) {
    client
        .active_element()
        .await
        .unwrap()
        .send_keys(text)
        .await
        .unwrap();
}

#[test]
fn a_reader_searches_in_korean_with_the_keyboard_alone() {
    let Some((chromium, chromedriver)) = crate::browser::chromium_tools() else {
        return;
    };
    let (server, _out) = serve_example();
    let (_driver, webdriver) = start_chromedriver(&chromedriver);
    let profile = tempfile::tempdir().unwrap();
    let args = chrome_args(profile.path());
    let runtime = crate::browser::runtime();
    runtime.block_on(async {
        let client = chromium_session(&webdriver, &chromium, &args).await;

        // The client makes the terms the index was made with.
        client
            .goto(&format!("{}/search/", server.origin()))
            .await
            .unwrap();
        let text = "올트먼이 올트먼은 오픈AI가 SK하이닉스의 HBM3E를 강화했다 국가 결과 법에서 \
                    반도체들이 Rates policies cutting announced classes ＡＩ GPT-4 차세대반도체를";
        let script = format!(
            "const done = arguments[arguments.length - 1];\
             fetch('/search/meta.json').then(r => r.json())\
               .then(m => done(window.bylineSearch.terms({text:?}, m)));"
        );
        let in_browser = client.execute_async(&script, vec![]).await.unwrap();
        let mut in_rust: Vec<String> = Vec::new();
        byline::search::tokenize::terms(text, byline::search::tokenize::Analyzer::Stems, |t| {
            if !in_rust.iter().any(|x| x == t) {
                in_rust.push(t.to_string());
            }
        });
        assert_eq!(in_browser, json!(in_rust));

        // The masthead's box on the front page: a plain GET form.
        client.goto(&server.origin()).await.unwrap();
        tab_to(&client, "masthead-q", false).await;
        type_keys(&client, &format!("올트먼이{}", Key::Enter)).await;
        let (found, marks) = results(&client).await;
        let url = client.current_url().await.unwrap();
        assert!(url.path().ends_with("/search/"), "{url}");
        assert!(found.len() >= 3, "{found:?}");
        assert!(found.iter().any(|(t, _)| t.contains("올트먼")), "{found:?}");
        assert!(
            !marks.is_empty() && marks.iter().all(|m| m.starts_with("올트먼")),
            "{marks:?}"
        );
        let status = client.find(Locator::Id("search-status")).await.unwrap();
        assert!(
            status
                .text()
                .await
                .unwrap()
                .contains(&found.len().to_string())
        );

        // The same word with another particle, narrowed to one section.
        tab_to(&client, "search-q", false).await;
        type_keys(&client, &(Key::Control + "a")).await;
        type_keys(&client, &format!("{}오픈AI가", Key::Backspace)).await;
        tab_to(&client, "search-section", false).await;
        type_keys(&client, "경제").await;
        tab_to(&client, "search-q", true).await;
        type_keys(&client, &Key::Enter.to_string()).await;
        let (filtered, _) = results(&client).await;
        assert!(!filtered.is_empty(), "오픈AI is in a 경제 article");
        assert!(
            filtered.iter().all(|(_, meta)| meta.starts_with("경제")),
            "{filtered:?}"
        );
        let url = client.current_url().await.unwrap();
        assert!(
            url.query().unwrap_or_default().contains("section="),
            "{url}"
        );

        // Paging by keyboard: every article since 2000 (a date filter
        // alone), ten to a page; Tab from the last result reaches page 2.
        client
            .goto(&format!("{}/search/?from=2000-01-01", server.origin()))
            .await
            .unwrap();
        let (first_page, _) = results(&client).await;
        assert_eq!(first_page.len(), 10, "{first_page:?}");
        client
            .execute(
                "[...document.querySelectorAll('.search-result a')].pop().focus()",
                vec![],
            )
            .await
            .unwrap();
        for _ in 0..2 {
            type_keys(&client, &Key::Tab.to_string()).await;
        }
        let focused = client
            .execute("return document.activeElement.textContent", vec![])
            .await
            .unwrap();
        assert_eq!(focused, json!("2"), "the pager's second page");
        type_keys(&client, &Key::Enter.to_string()).await;
        let (second_page, _) = results(&client).await;
        assert!(
            !second_page.is_empty() && second_page.len() < 10,
            "{second_page:?}"
        );
        assert!(second_page.iter().all(|r| !first_page.contains(r)));

        // A result is a link the keyboard reaches and follows.
        client
            .execute("document.querySelector('.search-result a').focus()", vec![])
            .await
            .unwrap();
        let href = client
            .execute("return document.activeElement.href", vec![])
            .await
            .unwrap();
        type_keys(&client, &Key::Enter.to_string()).await;
        let deadline = Instant::now() + Duration::from_secs(10);
        while client.current_url().await.unwrap().as_str() != href.as_str().unwrap_or_default() {
            assert!(Instant::now() < deadline, "Enter did not follow {href}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        client.close().await.unwrap();
    });
}

//! A real browser: headless Chromium shows an edit without being touched.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

use crate::serve_support::Server;
use crate::support::{Site, fm};
use crate::tools::{on_path, require};

pub struct Driver(Child);
impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub fn start_chromedriver(chromedriver: &std::path::Path) -> (Driver, String) {
    let port = free_port();
    let child = Command::new(chromedriver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    (Driver(child), format!("http://127.0.0.1:{port}"))
}

/// Chromium and ChromeDriver (`None`, with a plain "skipped", without them
/// unless `CI=true`).
pub fn chromium_tools() -> Option<(std::path::PathBuf, std::path::PathBuf)> {
    let tools = on_path("chromium").zip(on_path("chromedriver"));
    require(
        tools,
        "chromium and chromedriver",
        "apt-get install chromium chromium-driver",
    )
}

/// The single-threaded runtime a browser session runs on.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// A WebDriver session of the Chromium at `binary` started with `args`.
pub async fn chromium_session(
    webdriver: &str,
    binary: &std::path::Path,
    args: &[String],
) -> Client {
    let capabilities = json!({ "goog:chromeOptions": { "binary": binary, "args": args } });
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(capabilities.as_object().unwrap().clone())
        .connect(webdriver)
        .await
        .expect("a Chromium session")
}

async fn text_of(client: &Client, css: &str) -> String {
    match client.find(Locator::Css(css)).await {
        Ok(e) => e.text().await.unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// Polls until `check` holds, without any action on the page.
async fn wait_until(client: &Client, what: &str, seconds: u64, check: impl Fn(&str, &str) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    loop {
        let (h1, overlay) = (
            text_of(client, "h1").await,
            text_of(client, "#byline-error-overlay").await,
        );
        if check(&h1, &overlay) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{what}: still h1 = {h1:?}, overlay = {overlay:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[test]
fn the_browser_shows_an_edited_title_and_errors_without_being_touched() {
    let Some((chromium, chromedriver)) = crate::browser::chromium_tools() else {
        return;
    };
    let site = Site::new();
    site.article(
        "IT/a.md",
        &fm("첫 제목", "2023-01-02", "tags: [AI]"),
        "본문.\n",
    );
    let server = Server::start(&site, &[]);
    let (_driver, webdriver) = start_chromedriver(&chromedriver);
    let profile = tempfile::tempdir().unwrap();
    let args = crate::audit_pages::chrome_args(profile.path());
    let runtime = crate::browser::runtime();
    runtime.block_on(async {
        let client = chromium_session(&webdriver, &chromium, &args).await;
        client
            .goto(&format!("{}/it/a/", server.origin()))
            .await
            .unwrap();
        assert_eq!(text_of(&client, "h1").await, "첫 제목");
        let deadline = Instant::now() + Duration::from_secs(10);
        while client
            .execute("return window.bylineLiveReload.readyState", vec![])
            .await
            .unwrap()
            != json!(1)
        {
            assert!(
                Instant::now() < deadline,
                "the live-reload connection did not open"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }

        site.article(
            "IT/a.md",
            &fm("브라우저가 본 새 제목", "2023-01-02", "tags: [AI]"),
            "본문.\n",
        );
        wait_until(&client, "the edited title", 10, |h1, _| {
            h1 == "브라우저가 본 새 제목"
        })
        .await;

        site.article(
            "IT/a.md",
            "title: \"닫히지 않은\ndate: \"2023-01-02\"",
            "본문\n",
        );
        wait_until(&client, "the error overlay", 10, |_, overlay| {
            overlay.contains("content/IT/a.md:3:")
        })
        .await;

        site.article(
            "IT/a.md",
            &fm("고친 제목", "2023-01-02", "tags: [AI]"),
            "본문.\n",
        );
        wait_until(&client, "the fix", 10, |h1, overlay| {
            h1 == "고친 제목" && overlay.is_empty()
        })
        .await;
        client.close().await.unwrap();
    });
}

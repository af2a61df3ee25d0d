//! What the browser audits share: the example site's pages they judge,
//! the example site served as any static host would serve it, Chromium's
//! flags, and the npm packages installed in the project.

use std::path::{Path, PathBuf};

use crate::static_server::StaticServer;
use crate::support::example_now;

pub const PAGES: &[(&str, &str)] = &[
    ("front page", "/"),
    ("article with a lead image", "/it/altman-joins-microsoft/"),
    ("article with code", "/it/counting-ai-in-earnings-calls/"),
    ("section page", "/%EA%B2%BD%EC%A0%9C/"),
    ("standalone page", "/privacy/"),
];

pub const CHROME_FLAGS: &[&str] = &[
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

/// [`CHROME_FLAGS`] with a profile directory of its own.
pub fn chrome_args(profile: &Path) -> Vec<String> {
    CHROME_FLAGS
        .iter()
        .map(|s| s.to_string())
        .chain([format!("--user-data-dir={}", profile.display())])
        .collect()
}

pub fn node_package(file: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("node_modules")
        .join(file);
    path.is_file().then_some(path)
}

/// Builds the example site for `origin` and serves it there.
pub fn serve_example() -> (StaticServer, tempfile::TempDir) {
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

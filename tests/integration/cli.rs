//! The binary: exit codes and the summary line.

use crate::support::{Site, fm};

#[test]
fn success_prints_one_summary_line_and_exits_zero() {
    let site = Site::new();
    site.article("IT/a.md", &fm("기사", "2023-01-01", ""), "x\n");
    let out = site.cli(&["build"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(
        stdout.starts_with("built 1 articles (0 held back), "),
        "{stdout}"
    );
    assert!(
        stdout.contains(" pages, ") && stdout.contains(" files into "),
        "{stdout}"
    );
}

#[test]
fn content_errors_exit_one_with_path_line_column() {
    let site = Site::new();
    site.article("IT/a.md", "title: x\ntag: [a]\ndate: \"2023-01-01\"", "x\n");
    let out = site.cli(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("content/IT/a.md:3:1: unknown key `tag`"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `tags`?"), "{stderr}");
}

#[test]
fn usage_errors_exit_two() {
    let site = Site::new();
    assert_eq!(
        site.cli(&["build", "--no-such-flag"]).status.code(),
        Some(2)
    );
    assert_eq!(site.cli(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn root_output_and_base_url_flags_are_honoured() {
    let site = Site::new();
    site.article("IT/a.md", &fm("기사", "2023-01-01", ""), "x\n");
    let elsewhere = tempfile::tempdir().unwrap();
    let out_dir = elsewhere.path().join("site-out");
    let root = site.root().to_str().unwrap().to_string();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_byline"))
        .args([
            "build",
            "--root",
            &root,
            "--output",
            out_dir.to_str().unwrap(),
            "--base-url",
            "https://x.test/sub",
        ])
        .current_dir(elsewhere.path())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(out_dir.join("it/a/index.html")).unwrap();
    assert!(html.contains("href=\"https://x.test/sub/it/a/\""), "{html}");
    assert!(
        !site.exists("index.html"),
        "nothing written to the default output"
    );
}

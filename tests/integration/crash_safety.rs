//! A build that is killed leaves every file of the output old or new (a
//! cold build: the whole output old or new), a failed swap leaves the
//! previous output complete, and the next build finishes the job and
//! cleans up after them.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::support::{Site, files_under, fm};
use crate::tools::{on_path, require};

fn leftovers(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        // `.byline-cache` is the build's manifest and photo cache, kept.
        .filter(|n| n.starts_with(".byline-") && n != ".byline-cache")
        .collect()
}

fn site_with(articles: usize, title: &str) -> Site {
    let site = Site::new();
    write_articles(&site, articles, title);
    site
}

fn write_articles(site: &Site, articles: usize, title: &str) {
    for i in 0..articles {
        site.article(
            &format!("IT/a{i}.md"),
            &fm(
                &format!("{title} {i}"),
                &format!("2023-01-{:02} 10:{:02}", 1 + i % 28, i % 60),
                "tags: [AI, 금리]",
            ),
            &"본문 문단입니다. ".repeat(40),
        );
    }
}

fn build_command(site: &Site) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_byline"));
    cmd.arg("build")
        .current_dir(site.root())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

#[test]
fn a_build_killed_at_any_moment_leaves_a_whole_output() {
    const ARTICLES: usize = 300;
    let site = site_with(ARTICLES, "옛 제목");
    site.build_ok();
    let old: BTreeMap<String, Vec<u8>> = site.snapshot();
    write_articles(&site, ARTICLES, "새 제목");
    // The output the edited sources give, built elsewhere by the binary,
    // which also tells how long a build takes.
    let elsewhere = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let status = build_command(&site)
        .arg("--output")
        .arg(elsewhere.path().join("public"))
        .status()
        .unwrap();
    let full = started.elapsed();
    assert!(status.success());
    let new = files_under(&elsewhere.path().join("public"));
    assert_ne!(old, new);

    let mut outcomes = Vec::new();
    for percent in [10u32, 35, 60, 85, 95, 100, 110, 130] {
        let mut child = build_command(&site).spawn().unwrap();
        std::thread::sleep(full * percent / 100);
        let _ = child.kill(); // SIGKILL
        let status = child.wait().unwrap();
        let now = site.snapshot();
        for (path, bytes) in &now {
            assert!(
                old.get(path) == Some(bytes) || new.get(path) == Some(bytes),
                "killed at {percent}% ({status}): {path} is neither the old nor the new file"
            );
        }
        for path in old.keys().filter(|p| new.contains_key(*p)) {
            assert!(
                now.contains_key(path),
                "killed at {percent}% ({status}): {path} is missing"
            );
        }
        let outcome = match () {
            _ if now == old => "old",
            _ if now == new => "new",
            _ => "some files new",
        };
        outcomes.push((percent, outcome));
        if now == new {
            break; // later kills would find the new site too
        }
    }
    eprintln!("killed builds left: {outcomes:?}");
    assert!(
        outcomes.iter().any(|(_, o)| *o == "old"),
        "no kill landed before the write phase"
    );
    assert_eq!(build_command(&site).status().unwrap().code(), Some(0));
    assert_eq!(site.snapshot(), new);
    assert!(
        leftovers(site.root()).is_empty(),
        "{:?}",
        leftovers(site.root())
    );
}

/// Immutable (`chattr +i`) output: the swap fails even for root.
#[test]
fn a_failed_swap_removes_its_staging_directory_and_keeps_the_output() {
    let Some(chattr) = require(on_path("chattr"), "chattr", "apt-get install e2fsprogs") else {
        return;
    };
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let site = Site::in_dir(dir.path());
    site.article("IT/a.md", &fm("기사", "2023-01-01", ""), "x\n");
    site.build_ok();
    let before = site.snapshot();
    let immutable = Command::new(&chattr)
        .arg("+i")
        .arg(site.output())
        .status()
        .unwrap();
    if !immutable.success() {
        eprintln!(
            "SKIPPED: cannot make a directory immutable here (needs root and ext4); this test did not run"
        );
        return;
    }
    site.article("IT/a.md", &fm("바뀐 기사", "2023-01-01", ""), "x\n");
    // Without the manifest the build is a cold one, which swaps.
    fs::remove_dir_all(site.root().join(".byline-cache/builds")).unwrap();
    let result = site.build();
    Command::new(&chattr)
        .arg("-i")
        .arg(site.output())
        .status()
        .unwrap();
    let err = result.expect_err("the swap fails").to_string();
    assert!(err.contains("public"), "{err}");
    assert_eq!(site.snapshot(), before);
    assert!(
        leftovers(site.root()).is_empty(),
        "{:?}",
        leftovers(site.root())
    );
    site.build_ok();
    assert!(site.read("it/a/index.html").contains("바뀐 기사"));
}

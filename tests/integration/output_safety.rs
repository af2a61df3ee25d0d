//! byline never deletes what it did not create, and swaps output atomically.

use std::fs;

use crate::support::{Site, fm};

#[test]
fn refuses_a_foreign_non_empty_output_directory() {
    let site = Site::new();
    site.article("IT/a.md", &fm("기사", "2023-01-01", ""), "x\n");
    site.write("public/precious.txt", "not byline's");
    let err = site.build_err();
    assert!(err.contains("not made by byline"), "{err}");
    assert_eq!(
        fs::read_to_string(site.output().join("precious.txt")).unwrap(),
        "not byline's"
    );
}

#[test]
fn refuses_to_write_over_the_sources() {
    let site = Site::new();
    site.article("IT/a.md", &fm("기사", "2023-01-01", ""), "x\n");
    for target in [".", "content", "static", "templates", "content/IT"] {
        let mut options = site.options();
        options.output = Some(site.root().join(target));
        let err = byline::build(&options).expect_err(target).to_string();
        assert!(err.contains("refusing"), "{target}: {err}");
    }
    assert!(site.root().join("content/IT/a.md").is_file());
}

#[test]
fn rebuild_replaces_previous_output_and_removes_stale_pages() {
    let site = Site::new();
    site.article("IT/old.md", &fm("옛 기사", "2023-01-01", ""), "x\n");
    site.build_ok();
    assert!(site.exists("it/old/index.html"));
    site.remove("content/IT/old.md");
    site.article("IT/new.md", &fm("새 기사", "2023-01-02", ""), "x\n");
    site.build_ok();
    assert!(!site.exists("it/old/index.html"), "stale page removed");
    assert!(site.exists("it/new/index.html"));
    assert!(site.exists(".byline-output"));
}

#[test]
fn static_files_are_copied_and_win_over_generated_ones() {
    let site = Site::new();
    site.article("IT/a.md", &fm("기사", "2023-01-01", ""), "x\n");
    site.write("static/images/a.png", "PNG");
    site.write("static/style.css", "/* mine */");
    site.build_ok();
    assert_eq!(site.read("images/a.png"), "PNG");
    assert_eq!(site.read("style.css"), "/* mine */");
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_site_are_not_followed() {
    let site = Site::new();
    site.article("IT/a.md", &fm("기사", "2023-01-01", ""), "x\n");
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.txt"), "secret").unwrap();
    site.write("static/inside.txt", "inside");
    fs::create_dir_all(site.root().join("static")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        site.root().join("static/secret.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        site.root().join("static/inside.txt"),
        site.root().join("static/alias.txt"),
    )
    .unwrap();
    site.build_ok();
    assert!(!site.exists("secret.txt"));
    assert_eq!(site.read("alias.txt"), "inside");
}

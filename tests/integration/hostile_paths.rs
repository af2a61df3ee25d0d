//! Values that become paths: nothing may land outside the output, and a
//! bad value is an error at its line, never a silently moved page.

use std::fs;

use byline::output::{DirSink, Sink};
use byline::render::{self, Page, RenderInput};
use byline::site::Site as LoadedSite;
use byline::urls::SitePath;

use crate::support::{Site, fm};

#[test]
fn an_empty_section_or_slug_is_an_error_at_its_line() {
    for (extra, line, key) in [
        ("section: \"\"\nslug: probe", 4, "section"),
        ("slug: \"\"", 4, "slug"),
        ("slug: \"   \"", 4, "slug"),
        ("section: \"..\"", 4, "section"),
        ("slug: \"a/../../etc\"", 4, "slug"),
        ("slug: \"a\\\\b\"", 4, "slug"),
        ("section: \"a\\x01\"", 4, "section"),
        ("section: tags", 4, "section"),
        ("section: Reporters", 4, "section"),
        ("slug: page", 4, "slug"),
        ("slug: \"!!!\"", 4, "slug"),
    ] {
        let site = Site::new();
        site.article("IT/a.md", &fm("기사", "2023-01-01", extra), "본문\n");
        let err = site.build_err();
        let at = format!("content/IT/a.md:{line}:1: `{key}`");
        assert!(err.contains(&at), "{extra}: expected `{at}` in\n{err}");
        assert!(!site.output().exists(), "{extra}: nothing written");
    }
}

#[test]
fn a_slug_too_long_for_a_file_system_is_an_error_at_its_line() {
    let site = Site::new();
    let slug = "가".repeat(90);
    site.article(
        "IT/a.md",
        &fm("기사", "2023-01-01", &format!("slug: {slug}")),
        "x\n",
    );
    let err = site.build_err();
    assert!(
        err.contains("content/IT/a.md:4:1: `slug`") && err.contains("270 bytes"),
        "{err}"
    );
}

#[test]
fn an_empty_slug_under_a_root_permalink_is_refused() {
    let site = Site::with_config(&format!(
        "permalink = \"/{{slug}}/\"\n{}",
        crate::support::SITE_TOML
    ));
    site.article("IT/a.md", &fm("기사", "2023-01-01", "slug: \"\""), "x\n");
    assert!(
        site.build_err()
            .contains("content/IT/a.md:4:1: `slug` is empty")
    );
    site.article("IT/a.md", &fm("기사", "2023-01-01", "slug: tags"), "x\n");
    let err = site.build_err();
    assert!(err.contains("content/IT/a.md:4:1:"), "{err}");
    assert!(err.contains("/tags/"), "{err}");
}

#[test]
fn a_reserved_literal_in_the_permalink_is_a_configuration_error() {
    let site = Site::with_config(&format!(
        "permalink = \"/tags/{{slug}}/\"\n{}",
        crate::support::SITE_TOML
    ));
    site.article("IT/a.md", &fm("기사", "2023-01-01", ""), "x\n");
    let err = site.build_err();
    assert!(err.contains("site.toml:1:1: permalink"), "{err}");
}

/// Every kind of page, feed and sitemap, given a path that leaves the
/// output, is refused by the sink with an internal error naming the page.
#[test]
fn the_sink_refuses_any_page_whose_path_leaves_the_output() {
    let site = Site::new();
    site.article(
        "IT/a.md",
        &fm("기사", "2023-01-01", "tags: [AI]\nreporter: 김기자"),
        "x\n",
    );
    let LoadedSite {
        config,
        content,
        mut theme,
        index,
        pages,
        now,
        ..
    } = LoadedSite::load(&site.options()).unwrap();
    let evil = [
        SitePath::dir(["", "etc"]),
        SitePath::dir(["..", ".."]),
        SitePath::dir(["a\\b"]),
        SitePath::dir(["a\0b"]),
        SitePath::root().file("/etc/passwd"),
    ];
    let mut kinds = std::collections::BTreeSet::new();
    for i in 0..pages.len() {
        for path in &evil {
            let mut planned = pages.clone();
            planned[i].path = path.clone();
            let out = tempfile::tempdir().unwrap();
            let sink = DirSink::new(out.path().join("o"));
            let input = RenderInput {
                config: &config,
                articles: &content.articles,
                standalone: &content.standalone,
                index: &index,
                pages: &planned,
                now,
                progress: &Default::default(),
                search: None,
            };
            let err =
                match render::render_site(&input, &mut theme, None, &render::Everything, &sink) {
                    Ok(_) => panic!("{:?} at {path:?} was written", planned[i].page),
                    Err(e) => e.to_string(),
                };
            let (source, what) = render::describe(
                &planned[i].page,
                &content.articles,
                &content.standalone,
                &index,
            );
            assert!(
                err.starts_with("internal error: refusing to write"),
                "{err}"
            );
            assert!(
                err.contains(&what) && err.contains(&*source.to_string_lossy()),
                "{err}"
            );
            kinds.insert(match &planned[i].page {
                Page::Term { kind, .. } => format!("term {kind:?}"),
                Page::TermIndex(kind) => format!("index {kind:?}"),
                other => format!("{:?}", std::mem::discriminant(other)),
            });
        }
    }
    assert_eq!(kinds.len(), 9, "every kind of page was tried: {kinds:?}");

    // Feeds take their paths from the terms of the index.
    let mut bad_index = index.clone();
    bad_index.tags[0].slug = "..".into();
    let out = tempfile::tempdir().unwrap();
    let sink = DirSink::new(out.path().join("o"));
    let input = RenderInput {
        config: &config,
        articles: &content.articles,
        standalone: &content.standalone,
        index: &bad_index,
        pages: &pages,
        now,
        progress: &Default::default(),
        search: None,
    };
    let err = render::render_site(&input, &mut theme, None, &render::Everything, &sink)
        .err()
        .expect("a feed outside the output is refused")
        .to_string();
    assert!(
        err.starts_with("internal error: refusing to write"),
        "{err}"
    );
    assert!(!out.path().join("atom.xml").exists());
    assert!(sink.write("../escape.html", b"x").is_err());
    assert!(!out.path().join("escape.html").exists());
}

#[test]
fn a_static_file_in_the_way_of_a_generated_page_names_both() {
    let site = Site::new();
    site.article("IT/a.md", &fm("기사", "2023-01-01", "tags: [AI]"), "x\n");
    site.write("static/tags/ai", "a file where a directory goes");
    let err = site.build_err();
    assert!(
        err.contains("static/tags/ai: is in the way of tags/ai/index.html, the page of tag `AI`"),
        "{err}"
    );
    let site = Site::new();
    site.article("IT/a.md", &fm("기사", "2023-01-01", ""), "x\n");
    site.write("static/rss.xml/readme.txt", "a directory where a file goes");
    let err = site.build_err();
    assert!(
        err.contains("static/rss.xml/readme.txt: is in the way of rss.xml"),
        "{err}"
    );
    fs::remove_dir_all(site.root().join("static/rss.xml")).unwrap();
    site.write("static/rss.xml", "<rss/>");
    site.build_ok();
    assert_eq!(site.read("rss.xml"), "<rss/>", "the same path still wins");
}

#[test]
fn generated_files_are_known_before_anything_is_written() {
    let site = Site::new();
    site.article(
        "IT/a.md",
        &fm("기사", "2023-01-01", "tags: [AI, 금리]"),
        "x\n",
    );
    site.build_ok();
    let loaded = LoadedSite::load(&site.options()).unwrap();
    let mut expected: Vec<String> = loaded.pages.iter().map(|p| p.path.output_file()).collect();
    expected.extend(render::generated_files(
        &loaded.index,
        &loaded.pages,
        &loaded.content.articles,
    ));
    expected.push(".byline-output".into());
    expected.sort();
    let written: Vec<String> = site.snapshot().into_keys().collect();
    assert_eq!(written, expected);
}

#[cfg(unix)]
#[test]
fn static_file_names_that_cannot_be_published_are_named() {
    let site = Site::new();
    site.article("IT/a.md", &fm("기사", "2023-01-01", ""), "x\n");
    fs::create_dir_all(site.root().join("static")).unwrap();
    fs::write(site.root().join("static").join("a\u{1}b.txt"), "x").unwrap();
    let err = site.build_err();
    assert!(
        err.contains("static/a\u{1}b.txt: cannot be published"),
        "{err}"
    );
}

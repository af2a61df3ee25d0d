//! Unusual but honest input: invisible characters, NFD names from macOS,
//! historic time zones, symbolic links, files that are not articles, image
//! addresses. Each is published correctly or refused at its line; nothing
//! is dropped without a word.

use std::fs;

use unicode_normalization::UnicodeNormalization;

use crate::support::{Site, fm};

#[test]
fn a_control_character_in_a_body_is_an_error_at_its_line_and_column() {
    let site = Site::new();
    site.article("IT/good.md", &fm("기사", "2023-01-01", ""), "본문\n");
    site.build_ok();
    let feed_before = site.read("rss.xml");
    site.article(
        "IT/a.md",
        &fm("기사", "2023-01-02", ""),
        "첫 줄\n둘째 \u{1}줄\n",
    );
    let err = site.build_err();
    assert!(
        err.contains("content/IT/a.md:6:4: the invisible character U+0001 is not allowed"),
        "{err}"
    );
    assert_eq!(
        site.read("rss.xml"),
        feed_before,
        "the feeds stay as they were"
    );
    for (c, name) in [
        ('\u{fffe}', "U+FFFE"),
        ('\u{85}', "U+0085"),
        ('\u{0}', "U+0000"),
    ] {
        site.article("IT/a.md", &fm(&format!("제목{c}"), "2023-01-02", ""), "x\n");
        let err = site.build_err();
        assert!(
            err.contains("content/IT/a.md:2:") && err.contains(name),
            "{err}"
        );
    }
}

#[test]
fn feeds_stay_well_formed_with_every_allowed_character() {
    let site = Site::new();
    let title = "탭\t과 ]]> & <b> \u{a0}\u{fffd}\u{10fffd}\u{1f600} 끝";
    site.article(
        "IT/a.md",
        &format!(
            "title: \"{}\"\ndate: 2023-01-01",
            title.replace('\t', "\\t")
        ),
        "본문 ]]> <script>x</script>\n",
    );
    site.build_ok();
    for feed in ["rss.xml", "atom.xml", "it/atom.xml", "sitemap.xml"] {
        let text = site.read(feed);
        let mut reader = quick_xml::Reader::from_str(&text);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{feed} is not well-formed: {e}"),
            }
        }
    }
    let feed = feed_rs::parser::parse(site.read("atom.xml").as_bytes()).unwrap();
    assert_eq!(feed.entries[0].title.as_ref().unwrap().content, title);
}

#[test]
fn an_nfd_directory_is_the_same_section_and_nfd_twins_are_duplicates() {
    let site = Site::new();
    let nfd: String = "경제".nfd().collect();
    assert_ne!(nfd, "경제");
    site.article("경제/a.md", &fm("가", "2023-01-01", ""), "x\n");
    site.article(&format!("{nfd}/b.md"), &fm("나", "2023-01-02", ""), "x\n");
    site.build_ok();
    let section = site.read("경제/index.html");
    assert!(
        section.contains(">가<") && section.contains(">나<"),
        "{section}"
    );
    let sections = site
        .snapshot()
        .keys()
        .filter(|k| k.ends_with("/atom.xml") && !k.starts_with("tags/"))
        .count();
    assert_eq!(sections, 1, "one section, not two");

    let nfd_name: String = "café".nfd().collect();
    site.article("IT/café.md", &fm("다", "2023-01-03", ""), "x\n");
    site.article(
        &format!("IT/{nfd_name}.md"),
        &fm("라", "2023-01-04", ""),
        "x\n",
    );
    let err = site.build_err();
    assert!(err.contains("has the same URL /it/caf%C3%A9/"), "{err}");
}

#[test]
fn offsets_with_seconds_give_valid_machine_dates_everywhere() {
    // Seoul kept local mean time (+08:27:52) until 1908.
    let site = Site::new();
    site.article(
        "IT/a.md",
        &fm(
            "옛 기사",
            "1900-01-01 12:00",
            "updated: \"1900-01-02 12:00\"",
        ),
        "x\n",
    );
    site.build_ok();
    let utc = "1900-01-01T03:32:08+00:00";
    let page = site.read("it/a/index.html");
    assert!(page.contains(&format!("datetime=\"{utc}\"")), "{page}");
    assert!(
        page.contains(&format!("\"datePublished\":\"{utc}\"")),
        "{page}"
    );
    assert!(
        page.contains("1900.01.01 12:00"),
        "shown in local time: {page}"
    );
    assert!(
        site.read("atom.xml")
            .contains(&format!("<published>{utc}</published>"))
    );
    assert!(
        site.read("rss.xml")
            .contains("<pubDate>Mon, 01 Jan 1900 03:32:08 +0000</pubDate>")
    );
    assert!(
        site.read("sitemap.xml")
            .contains("<lastmod>1900-01-02T03:32:08+00:00</lastmod>")
    );
    for feed in ["atom.xml", "rss.xml"] {
        feed_rs::parser::parse(site.read(feed).as_bytes())
            .unwrap_or_else(|e| panic!("{feed}: {e}"));
    }
}

#[test]
fn updated_before_date_is_an_error() {
    let site = Site::new();
    site.article(
        "IT/a.md",
        &fm("기사", "2023-01-02", "updated: \"2023-01-01\""),
        "x\n",
    );
    let err = site.build_err();
    assert!(
        err.contains("content/IT/a.md:4:1: `updated` is earlier than `date`"),
        "{err}"
    );
}

#[test]
fn every_problem_of_a_file_is_reported_in_plain_words() {
    let site = Site::new();
    site.article(
        "IT/a.md",
        "title: 기사\ndate: 2023-01-01\nauthor: 김기자\ncategory: IT\nimage:\n  url: /a.png\nrelated-count: 셋",
        "x\n",
    );
    let out = site.cli(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    for expected in [
        "content/IT/a.md:4:1: unknown key `author`",
        "content/IT/a.md:5:1: unknown key `category`",
        "content/IT/a.md:7:1: unknown key `url` in `image`",
        "content/IT/a.md:6:1: `image` needs a `src`",
        "content/IT/a.md:8:1: `related-count` must be a whole number from 0 to 100, not the text `셋`",
    ] {
        assert!(stderr.contains(expected), "`{expected}` in\n{stderr}");
    }
    for rust in ["struct", "i64", "u64", "usize", "FrontMatter"] {
        assert!(!stderr.contains(rust), "{stderr}");
    }
}

#[test]
fn image_addresses_become_absolute_where_urls_must_be() {
    let site = Site::new();
    site.photo("static/images/a.png", 40, 30);
    site.article(
        "IT/a.md",
        &fm(
            "기사",
            "2023-01-01",
            "image:\n  src: images/a.png\n  alt: 사진",
        ),
        "x\n",
    );
    site.build_ok();
    let page = site.read("it/a/index.html");
    assert!(
        page.contains(
            "<meta property=\"og:image\" content=\"https://news.example.com/images/a.png\">"
        ),
        "{page}"
    );
    assert!(
        page.contains("\"image\":[\"https://news.example.com/images/a.png\"]"),
        "{page}"
    );
    assert!(page.contains("src=\"/images/a.png\""), "{page}");
    site.article(
        "IT/a.md",
        &fm("기사", "2023-01-01", "image: \"javascript:alert(1)\""),
        "x\n",
    );
    let err = site.build_err();
    assert!(
        err.contains("content/IT/a.md:4:1: `image.src`") && err.contains("javascript:"),
        "{err}"
    );
}

#[test]
fn other_files_under_content_are_read_or_named() {
    let site = Site::new();
    site.article("IT/a.MD", &fm("대문자", "2023-01-01", ""), "x\n");
    site.article("IT/b.markdown", &fm("긴 확장자", "2023-01-02", ""), "x\n");
    site.write("content/IT/photo.jpg", "JPEG");
    site.write("content/IT/.DS_Store", "mac");
    site.write(
        "content/IT/.archive/old.md",
        &format!("---\n{}\n---\nx\n", fm("보관", "2023-01-03", "")),
    );
    let out = site.cli(&["build"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr.trim(),
        "warning: content/IT/photo.jpg: not an article (only .md and .markdown files are), skipped"
    );
    assert!(site.exists("it/a/index.html") && site.exists("it/b/index.html"));
    assert!(
        !site.exists("it/old/index.html"),
        "hidden directories are not content"
    );
}

#[cfg(unix)]
#[test]
fn links_inside_the_site_are_followed_and_others_named() {
    use std::os::unix::fs::symlink;
    let site = Site::new();
    site.article("IT/a.md", &fm("기사", "2023-01-01", ""), "x\n");
    site.write(
        "shared/경제/b.md",
        &format!("---\n{}\n---\nx\n", fm("공유", "2023-01-02", "")),
    );
    symlink(
        site.root().join("shared/경제"),
        site.root().join("content/경제"),
    )
    .unwrap();
    let outside = tempfile::tempdir().unwrap();
    fs::write(
        outside.path().join("c.md"),
        format!("---\n{}\n---\nx\n", fm("밖", "2023-01-03", "")),
    )
    .unwrap();
    symlink(outside.path(), site.root().join("content/밖")).unwrap();
    symlink(
        site.root().join("content/nowhere"),
        site.root().join("content/IT/gone.md"),
    )
    .unwrap();
    symlink(
        site.root().join("content/IT"),
        site.root().join("content/IT/loop"),
    )
    .unwrap();
    let out = site.cli(&["build"]);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        site.exists("경제/b/index.html"),
        "a link inside the site is followed"
    );
    assert!(
        !site.exists("밖/c/index.html"),
        "a link out of the site is not"
    );
    for expected in [
        "warning: content/밖: a symbolic link leads out of the site",
        "warning: content/IT/gone.md: a link to nothing (dangling), skipped",
        "warning: content/IT/loop: a link that loops back",
    ] {
        assert!(stderr.contains(expected), "`{expected}` in\n{stderr}");
    }
}

#[test]
fn source_date_epoch_is_the_moment_of_the_build() {
    let site = Site::new();
    site.article("IT/a.md", &fm("지난 기사", "2023-01-01", ""), "x\n");
    site.article("IT/b.md", &fm("엠바고", "2030-01-01 09:00", ""), "x\n");
    let build_at = |epoch: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_byline"))
            .arg("build")
            .current_dir(site.root())
            .env("SOURCE_DATE_EPOCH", epoch)
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8(out.stderr).unwrap())
    };
    assert_eq!(build_at("1893456000").0, Some(0)); // 2030-01-01T00:00Z = 09:00 in Seoul
    assert!(
        site.exists("it/b/index.html"),
        "the embargo lifted at its time"
    );
    assert_eq!(build_at("1893455999").0, Some(0));
    assert!(
        !site.exists("it/b/index.html"),
        "a second earlier it is still held"
    );
    let (code, stderr) = build_at("어제");
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("SOURCE_DATE_EPOCH: `어제` is not a number of seconds"),
        "{stderr}"
    );
}

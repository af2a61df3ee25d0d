//! Property tests: any input gives `Ok` or a structured error, never a
//! panic; whatever becomes a path stays inside the output.
//!
//! Inputs mix arbitrary Unicode with the pieces that matter to each parser
//! (front matter keys and quotes, Markdown markup, permalink placeholders,
//! `%2e%2e`), so that a few thousand cases reach the corners. Cases that
//! failed once are kept by proptest in `tests/proptest-regressions/` and
//! re-run first; the bugs they found also have plain regression tests next
//! to the code they concern.

use std::path::{Component, Path};

use proptest::prelude::*;

use byline::config::{Overrides, Permalink, PermalinkValues};
use byline::content::frontmatter;
use byline::dates::parse_date;
use byline::markdown::{Highlighter, THEME_IDS, render};
use byline::output::check_output_path_name;
use byline::serve::http::{Resolved, resolve};
use byline::urls::{SitePath, check_segment, checked_segment, segment_from_name};

fn seoul() -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::get("Asia/Seoul").unwrap()
}

/// Arbitrary text mixed with the given pieces.
fn text_of(pieces: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(pieces).prop_map(str::to_string),
            1 => "\\PC{0,6}",
            1 => "[\\x00-\\x1f\u{7f}\u{85}\u{feff}\u{fffe}\u{d7ff}]{1,2}",
        ],
        0..max,
    )
    .prop_map(|parts| parts.concat())
}

const FRONT_MATTER: &[&str] = &[
    "---\n",
    "---",
    "\n",
    "\r\n",
    "\u{feff}",
    "title: ",
    "date: ",
    "updated: ",
    "tags: ",
    "reporter: ",
    "related-count: ",
    "image:\n  src: ",
    "  alt: ",
    "slug: ",
    "section: ",
    "draft: ",
    "extra:\n  k: ",
    "subtitle: ",
    "\"",
    "'",
    "[",
    "]",
    "{",
    "}",
    ", ",
    ": ",
    "- ",
    "#",
    "&a ",
    "*a",
    "!!str ",
    "2023-11-20 19:02:01",
    "2023년11월20일",
    "-1",
    "1e9",
    "true",
    "오픈AI",
    "..",
    "/",
    "\\",
    "\\x01",
    "\\uFFFE",
    "\\ud800",
    "|\n",
    ">\n",
    "~",
    "null",
    "  ",
];

const MARKDOWN: &[&str] = &[
    "# ",
    "## ",
    "### ",
    "\n",
    "\n\n",
    "{#",
    "}",
    "[^",
    "]",
    "]: ",
    "![",
    "](",
    ")",
    " \"",
    "\"",
    "```rust\n",
    "```\n",
    "```\u{ac00}\n",
    "| a | b |\n",
    "|---|---|\n",
    "~~",
    "**",
    "*",
    "`",
    "<div id=\"main\">",
    "</div>",
    "- [x] ",
    "> ",
    "1. ",
    "    ",
    "http://x",
    "/images/a.png",
    "main",
    "related-heading",
    "fn:1",
    "개요",
    "시장 반응",
    "\t",
    "\\",
];

const PERMALINK: &[&str] = &[
    "/",
    "{section}",
    "{slug}",
    "{year}",
    "{month}",
    "{day}",
    "..",
    ".",
    "page",
    "tags",
    "reporters",
    "x",
    ".html",
    "{",
    "}",
    "%",
    "가",
    " ",
    "\\",
    ":",
    "{title}",
    "-",
];

/// Permalink patterns: mostly well-formed, with odd segments.
fn permalink_pattern() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(
        &[
            "{section}",
            "{slug}",
            "{year}",
            "{month}",
            "{day}",
            "x",
            "page",
            "tags",
            "..",
            ".",
            "가",
            "-",
            "{slug}",
            "{slug}",
        ][..],
    );
    let segment = prop::collection::vec(piece, 1..3).prop_map(|p| p.concat());
    (
        prop::collection::vec(segment, 1..4),
        prop::sample::select(&["/", ".html", "", "/x.html"][..]),
    )
        .prop_map(|(segments, end)| format!("/{}{end}", segments.join("/")))
}

/// Request paths: segments of odd pieces, sometimes under the base path.
fn request_path() -> impl Strategy<Value = String> {
    let segment = prop_oneof![
        3 => prop::sample::select(REQUEST).prop_map(str::to_string),
        1 => "[a-z가-힣.%0-9]{0,6}",
    ];
    (
        prop::sample::select(&["", "/news", "/뉴스", "/%EB%89%B4%EC%8A%A4"][..]),
        prop::collection::vec(segment, 0..5),
        prop::sample::select(&["", "/", "/index.html"][..]),
    )
        .prop_map(|(base, segments, end)| format!("{base}/{}{end}", segments.join("/")))
}

/// A YAML double-quoted scalar holding exactly `text`.
fn yaml_quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Article files that are valid YAML with odd values in every key.
fn article_file() -> impl Strategy<Value = String> {
    let value = prop_oneof![
        3 => "\\PC{0,16}",
        2 => prop::sample::select(&[
            "", " ", ".", "..", "a/b", "tags", "page", "Page", "2023-11-20", "2023-11-20 19:02",
            "2023년11월20일", "1900-01-01", "9999-12-31 23:59", "javascript:x", "images/a.png",
            "../a.png", "//cdn/a.png", "경제", "IT", "\u{1}", "\u{fffe}", "e\u{301}",
        ][..]).prop_map(str::to_string),
        1 => "[가-힣a-z]{80,100}",
    ];
    let key = prop::sample::select(
        &[
            "title",
            "date",
            "updated",
            "section",
            "slug",
            "summary",
            "reporter",
            "tags",
            "subtitle",
            "image",
            "related-count",
            "draft",
            "extra",
            "tag",
        ][..],
    );
    let line = (key, value.clone(), prop::bool::ANY).prop_map(|(key, value, list)| match key {
        "tags" | "reporter" | "subtitle" if list => format!("{key}: [{}]\n", yaml_quoted(&value)),
        "image" if list => format!(
            "image:\n  src: {}\n  alt: {}\n",
            yaml_quoted(&value),
            yaml_quoted(&value)
        ),
        "related-count" | "draft" => format!("{key}: {}\n", value.trim()),
        "extra" => format!("extra:\n  k: {}\n", yaml_quoted(&value)),
        key => format!("{key}: {}\n", yaml_quoted(&value)),
    });
    (
        value.clone(),
        prop::sample::select(
            &[
                "2023-11-20 19:02:01",
                "2024-02-14",
                "2023-11-21T09:30:00+09:00",
            ][..],
        ),
        prop::collection::vec(line, 0..5),
        text_of(MARKDOWN, 12),
    )
        .prop_map(|(title, date, lines, body)| {
            format!(
                "---\ntitle: {}\ndate: {date}\n{}---\n{body}",
                yaml_quoted(&title),
                lines.concat()
            )
        })
}

const REQUEST: &[&str] = &[
    "/",
    "..",
    ".",
    "%2e",
    "%2E",
    "%2f",
    "%2F",
    "%5c",
    "%00",
    "%",
    "%ea%b8%b0",
    "\\",
    "//",
    "news",
    "/news",
    "?",
    "#",
    "index.html",
    "가",
    "%25",
    "%c0%ae",
    "%ff",
    ";",
    "~",
];

fn config() -> byline::config::Config {
    byline::config::parse(
        Path::new("/site"),
        crate::support::SITE_TOML,
        &Overrides::default(),
    )
    .unwrap()
}

fn assert_inside_output(rel: &str) {
    assert!(
        Path::new(rel)
            .components()
            .all(|c| matches!(c, Component::Normal(_))),
        "{rel:?} leaves the output"
    );
    assert!(!rel.contains(['\\', '\0']), "{rel:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_date_text_parses_or_is_refused(text in "\\PC{0,24}") {
        let _ = parse_date(&text, &seoul());
    }

    #[test]
    fn near_dates_parse_or_are_refused(
        text in "[0-9]{1,5}-[0-9]{1,2}-[0-9]{1,2}([ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2})?)?([+-][0-9]{2}:?[0-9]{2}|Z|[가-힣])?"
    ) {
        if let Ok(ts) = parse_date(&text, &seoul()) {
            let rfc = byline::dates::rfc3339(ts, &seoul());
            prop_assert_eq!(rfc.len(), 25, "{}", rfc);
        }
    }

    #[test]
    fn the_forbidden_character_scan_agrees_with_a_plain_one(
        text in "[\\x00-\\x{7f}\\x{80}-\\x{a0}가-힣\\x{fdd0}\\x{fffe}\\x{ffff}\\x{1fffe}·😀]{0,40}"
    ) {
        let plain = text.char_indices().find(|&(_, c)| byline::text::is_forbidden(c));
        prop_assert_eq!(byline::text::first_forbidden(&text), plain);
    }

    #[test]
    fn segments_of_any_name_stay_inside_the_output(name in text_of(PERMALINK, 12)) {
        let segment = segment_from_name(&name);
        prop_assert_eq!(segment_from_name(&segment), segment.clone());
        if let Ok(checked) = checked_segment(&name, &["page"]) {
            prop_assert!(check_segment(&checked).is_ok());
            let path = SitePath::dir(["tags", checked.as_str()]).page(2);
            prop_assert!(check_output_path_name(&path.output_file()).is_ok());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    #[test]
    fn any_article_text_is_read_or_refused(
        text in prop_oneof![1 => text_of(FRONT_MATTER, 30), 3 => article_file()]
    ) {
        let config = config();
        let markdown = byline::markdown::Renderer::new("");
        let _ = frontmatter::split(&text);
        let result = byline::content::parse_article(
            &text,
            Path::new("content/IT/a.md"),
            Path::new("IT/a.md"),
            &config,
            &markdown,
        );
        if let Ok(article) = result {
            assert_inside_output(&article.path.output_file());
            prop_assert!(byline::text::first_forbidden(&article.title).is_none());
        }
    }

    #[test]
    fn any_markdown_renders_with_unique_ids(body in text_of(MARKDOWN, 40)) {
        let out = render(&body, &Highlighter::default(), "/news");
        if !body.contains('<') {
            let ids: Vec<&str> = out
                .html
                .split(" id=\"")
                .skip(1)
                .filter_map(|rest| rest.split('"').next())
                .collect();
            let mut unique = ids.clone();
            unique.sort_unstable();
            unique.dedup();
            prop_assert_eq!(unique.len(), ids.len(), "{:?} in {}", ids, out.html);
            for id in ids {
                prop_assert!(!THEME_IDS.contains(&id) && !id.is_empty() && !id.contains(' '), "{}", id);
            }
        }
    }

    #[test]
    fn any_permalink_expands_inside_the_output(
        pattern in prop_oneof![1 => text_of(PERMALINK, 10), 3 => permalink_pattern()],
        section in "[a-z가-힣]{1,8}",
        slug in "\\PC{1,12}",
        year in 1i16..=9999,
        month in 1i8..=12,
        day in 1i8..=28,
    ) {
        if let (Ok(permalink), Ok(slug)) = (Permalink::parse(&pattern), checked_segment(&slug, &["page"])) {
            let path = permalink.expand(&PermalinkValues { section: &section, slug: &slug, year, month, day });
            if path.check().is_ok() {
                assert_inside_output(&path.output_file());
                prop_assert!(check_output_path_name(&path.output_file()).is_ok());
            }
            prop_assert!(path.segments.iter().all(|s| !s.is_empty() && s != "." && s != ".."), "{:?}", path);
        }
    }

    #[test]
    fn any_request_path_resolves_inside_the_site(
        raw in prop_oneof![1 => text_of(REQUEST, 12), 3 => request_path()],
        base in prop::sample::select(&["", "/news", "/뉴스"][..]),
    ) {
        if let Resolved::File(rel) = resolve(&raw, base) {
            assert_inside_output(&rel);
        }
    }
}

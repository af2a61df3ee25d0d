//! Bad input: every problem reported as `path:line:column`, the previous
//! output left exactly as it was.

use crate::support::{SITE_TOML, Site, fm};

/// Builds a good site, applies `break_it`, and checks the build fails with
/// every `expected` fragment while the output stays byte for byte the same.
fn fails_and_keeps_output(break_it: impl Fn(&Site), expected: &[&str]) {
    let site = Site::new();
    site.article(
        "IT/good.md",
        &fm("좋은 기사", "2023-01-01", "tags: [AI]"),
        "본문\n",
    );
    site.build_ok();
    let before = site.snapshot();
    assert!(before.len() > 5);
    break_it(&site);
    let message = site.build_err();
    for fragment in expected {
        assert!(
            message.contains(fragment),
            "expected `{fragment}` in:\n{message}"
        );
    }
    assert_eq!(
        site.snapshot(),
        before,
        "the output changed after a failed build"
    );
    let leftovers: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".byline") && n != ".byline-cache")
        .collect();
    assert!(leftovers.is_empty(), "staging left behind: {leftovers:?}");
}

#[test]
fn broken_yaml_points_at_the_line_in_the_md_file() {
    fails_and_keeps_output(
        |s| {
            s.article(
                "IT/bad.md",
                "title: \"열린 따옴표\ndate: \"2023-01-01\"",
                "x\n",
            );
        },
        &["content/IT/bad.md:3:"],
    );
}

#[test]
fn unknown_key_gets_a_suggestion() {
    fails_and_keeps_output(
        |s| {
            s.article(
                "IT/bad.md",
                "title: a\ndate: \"2023-01-01\"\nreporters: 김기자",
                "x\n",
            );
        },
        &[
            "content/IT/bad.md:4:1: unknown key `reporters`",
            "did you mean `reporter`?",
        ],
    );
}

#[test]
fn every_bad_file_is_reported_in_one_run() {
    fails_and_keeps_output(
        |s| {
            s.article("IT/no-title.md", "date: \"2023-01-01\"", "x\n");
            s.article("IT/bad-date.md", "title: a\ndate: \"어제\"", "x\n");
            s.article(
                "IT/bad-count.md",
                "title: a\ndate: \"2023-01-01\"\nrelated-count: -2",
                "x\n",
            );
            s.write("content/IT/no-front-matter.md", "그냥 본문\n");
            s.article(
                "IT/bad-slug.md",
                "title: a\ndate: \"2023-01-01\"\nslug: \"../etc\"",
                "x\n",
            );
        },
        &[
            "5 problems in the content",
            "content/IT/no-title.md:1:1: missing `title`",
            "content/IT/bad-date.md:3:1: `date`: `어제` is not a date",
            "content/IT/bad-count.md:4:1: `related-count` must be a whole number from 0 to 100, not the number `-2`",
            "content/IT/no-front-matter.md:1:1: the file does not start with front matter",
            "content/IT/bad-slug.md:4:1: `slug` `../etc` contains `..`",
        ],
    );
}

#[test]
fn two_articles_at_one_url_name_both_files() {
    fails_and_keeps_output(
        |s| {
            s.article("IT/same.md", &fm("하나", "2023-01-01", ""), "x\n");
            s.article("IT/other.md", &fm("둘", "2023-01-01", "slug: same"), "x\n");
        },
        &[
            "content/IT/same.md",
            "has the same URL /it/same/ as content/IT/other.md",
        ],
    );
}

#[test]
fn missing_legal_footer_item_names_the_key() {
    fails_and_keeps_output(
        |s| {
            s.write(
                "site.toml",
                &SITE_TOML.replace("youth_protection_officer = \"보호책임자이름\"\n", ""),
            );
        },
        &["site.toml:6:1: [publisher] is missing `youth_protection_officer`"],
    );
}

#[test]
fn unknown_config_key_gets_a_suggestion() {
    fails_and_keeps_output(
        |s| {
            s.write(
                "site.toml",
                &SITE_TOML.replace("articles_per_page", "articles_per_pgae"),
            );
        },
        &[
            "site.toml:4:1: unknown key `articles_per_pgae`",
            "did you mean `articles_per_page`?",
        ],
    );
}

#[test]
fn template_syntax_error_names_template_and_line() {
    fails_and_keeps_output(
        |s| {
            s.write("templates/article.html", "{% extends \"base.html\" %}\n{% block content %}\n{{ article.title \n{% endblock content %}\n");
        },
        &["templates/article.html:4:1: Found `{` but expected }}"],
    );
}

#[test]
fn template_rendering_error_names_template_and_line() {
    fails_and_keeps_output(
        |s| {
            s.write("templates/article.html", "{% extends \"base.html\" %}\n{% block content %}\n\n{{ article.no_such_field.deeper }}\n{% endblock content %}\n");
        },
        &["templates/article.html:4:"],
    );
}

#[test]
fn reserved_section_names_are_refused() {
    fails_and_keeps_output(
        |s| {
            s.article("tags/x.md", &fm("태그 섹션", "2023-01-01", ""), "x\n");
        },
        &["content/tags/x.md"],
    );
}

#[test]
fn no_input_makes_byline_panic() {
    let inputs = [
        "",
        "---",
        "---\n---\n",
        "---\n: :\n---\n",
        "---\ntitle: [1, 2]\ndate: {a: b}\n---\n",
        "---\ntitle: a\ndate: \"2023-01-01\"\ntags: a\n---\n",
        "---\ntitle: a\ndate: \"9999999-01-01\"\n---\n",
        "---\ntitle: a\ndate: \"2023-01-01T25:00:00+09:00\"\n---\n",
        "---\ntitle: a\ndate: \"2023-01-01\"\nimage: x\n---\n",
        "---\ntitle: a\ndate: \"2023-01-01\"\nsection: \"?!\"\n---\n",
        "---\ntitle: a\ndate: \"2023-01-01\"\ntags: [\"?!\"]\n---\n",
        "---\ntitle: a\ndate: \"2023-01-01\"\n---\n![](<>)\n\n```\n\n[^x]: y\n",
        "\u{0}\u{feff}",
    ];
    for (i, text) in inputs.iter().enumerate() {
        let site = Site::new();
        site.write(&format!("content/IT/case{i}.md"), text);
        let result = std::panic::catch_unwind(|| site.build());
        assert!(result.is_ok(), "input {i} panicked: {text:?}");
    }
}

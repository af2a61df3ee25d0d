use super::super::frontmatter::{parse_yaml, split};
use super::*;

fn read_text(text: &str) -> Result<FrontMatter, Vec<FrontMatterError>> {
    let s = split(text).unwrap();
    read(&s, parse_yaml(&s).unwrap())
}

#[test]
fn every_unknown_key_is_reported_at_its_line() {
    let errs = read_text("---\ntitle: a\ntag: [x]\nauthor: b\nsumary: c\n---\n").unwrap_err();
    let lines: Vec<(usize, &str)> = errs.iter().map(|e| (e.line, e.message.as_str())).collect();
    assert_eq!(
        lines,
        vec![
            (3, "unknown key `tag`"),
            (4, "unknown key `author`"),
            (5, "unknown key `sumary`")
        ]
    );
    assert_eq!(errs[0].hint.as_deref(), Some("did you mean `tags`?"));
    assert_eq!(errs[2].hint.as_deref(), Some("did you mean `summary`?"));
}

#[test]
fn messages_say_what_to_write_not_rust_types() {
    let errs =
        read_text("---\nrelated-count: -1\nimage: [a]\ndraft: yes\ntitle: {a: b}\nextra: 5\n---\n")
            .unwrap_err();
    assert_eq!(errs.len(), 5, "{errs:?}");
    for e in &errs {
        for rust in [
            "i64",
            "u64",
            "usize",
            "u128",
            "struct",
            "FrontMatter",
            "Vec<",
        ] {
            assert!(!e.message.contains(rust), "{}", e.message);
        }
    }
    assert_eq!(
        errs[0].message,
        "`related-count` must be a whole number from 0 to 100, not the number `-1`"
    );
    assert_eq!(errs[0].line, 2);
    assert!(errs[2].message.contains("true or false"), "{:?}", errs[2]);
}

#[test]
fn image_keys_are_checked_at_their_own_lines() {
    let errs = read_text("---\ntitle: a\nimage:\n  source: /a.png\n  alt: x\n---\n").unwrap_err();
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert_eq!(
        (errs[0].line, errs[0].message.as_str()),
        (4, "unknown key `source` in `image`")
    );
    assert_eq!(errs[0].hint.as_deref(), Some("did you mean `src`?"));
    assert_eq!(
        (errs[1].line, errs[1].message.as_str()),
        (3, "`image` needs a `src`")
    );
}

#[test]
fn escaped_control_characters_are_refused() {
    let errs = read_text("---\ntitle: \"a\\x01b\"\ntags: [\"\\uFFFE\"]\n---\n").unwrap_err();
    assert_eq!(errs.len(), 2);
    assert!(errs[0].message.contains("U+0001"), "{:?}", errs[0]);
    assert_eq!(errs[1].line, 3);
}

#[test]
fn one_or_many_and_scalars_as_text() {
    let fm = read_text(
        "---\nreporter: 김정영\nsubtitle: [가, 나]\ntags: AI\nslug: 2023\nimage: /a.png\nextra:\n  n: 1\n  list: [a, {b: 2}]\n---\n",
    )
    .unwrap();
    assert_eq!(fm.reporter, vec!["김정영"]);
    assert_eq!(fm.subtitle, vec!["가", "나"]);
    assert_eq!(fm.tags, vec!["AI"]);
    assert_eq!(fm.slug.as_deref(), Some("2023"));
    assert_eq!(fm.image.unwrap().src, "/a.png");
    assert_eq!(fm.extra["list"][1]["b"], 2);
}

use super::*;

const MINIMAL: &str = r#"
title = "바이라인뉴스"
base_url = "https://example.com/news/"

[publisher]
name = "바이라인뉴스"
address = "서울특별시 중구 세종대로 1"
phone = "02-000-0000"
registration_number = "서울 아 00000"
registration_date = "2020-01-02"
first_published = "2020-03-01"
publisher = "홍길동"
editor = "김편집"
youth_protection_officer = "이보호"
"#;

fn parse_ok(text: &str) -> Config {
    parse(Path::new("/site"), text, &Overrides::default()).expect("valid config")
}

fn parse_err(text: &str) -> Vec<Diagnostic> {
    parse(Path::new("/site"), text, &Overrides::default()).expect_err("invalid config")
}

#[test]
fn defaults_follow_the_issue() {
    let c = parse_ok(MINIMAL);
    assert_eq!(c.language, "ko");
    assert_eq!(c.timezone_name, "Asia/Seoul");
    assert_eq!(c.date_format, "%Y.%m.%d %H:%M:%S");
    assert_eq!(c.related_count, 5);
    assert_eq!(c.articles_per_page, 20);
    assert_eq!(c.output_dir, Path::new("/site/public"));
    assert_eq!(
        c.copyright_notice,
        "저작권자 © 바이라인뉴스 무단전재 및 재배포 금지"
    );
    assert_eq!(c.urls.base_path(), "/news");
    assert_eq!(c.labels["registered"], "등록");
}

#[test]
fn unknown_key_is_named_with_a_suggestion() {
    let text = MINIMAL.replace("title =", "titel =");
    let errs = parse_err(&text);
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].message, "unknown key `titel`");
    assert_eq!(errs[0].line, 2);
    assert_eq!(errs[0].hint.as_deref(), Some("did you mean `title`?"));
}

#[test]
fn each_missing_legal_item_is_reported() {
    let text = MINIMAL
        .replace("editor = \"김편집\"\n", "")
        .replace("youth_protection_officer = \"이보호\"\n", "");
    let errs = parse_err(&text);
    let messages: Vec<&str> = errs.iter().map(|d| d.message.as_str()).collect();
    assert!(
        messages.contains(&"[publisher] is missing `editor`"),
        "{messages:?}"
    );
    assert!(
        messages.contains(&"[publisher] is missing `youth_protection_officer`"),
        "{messages:?}"
    );
    assert!(
        errs.iter().all(|d| d.line == 5),
        "points at [publisher]: {errs:?}"
    );
}

#[test]
fn bad_values_point_at_their_key() {
    let text = format!("{MINIMAL}\n").replace(
        "base_url = \"https://example.com/news/\"",
        "base_url = \"https://example.com/news/\"\ntimezone = \"Asia/Busan\"\ndate_format = \"%Y%\"",
    );
    let errs = parse_err(&text);
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert_eq!(
        (errs[0].line, errs[0].message.as_str()),
        (4, "unknown time zone `Asia/Busan`")
    );
    assert_eq!(errs[1].line, 5);
}

#[test]
fn english_site_gets_english_labels_and_roles() {
    let text = format!("language = \"en\"\n{MINIMAL}\n[[reporters]]\nname = \"Daniel Reed\"\n");
    let c = parse_ok(&text);
    assert_eq!(c.labels["registered"], "Published");
    assert_eq!(c.reporters[0].role, "Reporter");
    assert_eq!(c.reporters[0].slug, "daniel-reed");
}

#[test]
fn type_errors_say_what_to_write_not_rust_types() {
    for (key, value, expected) in [
        ("related_count", "-1", "expected a whole number, 0 or more"),
        ("related_count", "\"x\"", "found the text \"x\""),
        ("sections", "\"IT\"", "expected a list"),
        ("articles_per_page", "1.5", "found the number `1.5`"),
        (
            "feed_limit",
            "99999999999999999999999",
            "expected a whole number",
        ),
    ] {
        let text = format!("{key} = {value}\n{MINIMAL}");
        let errs = parse_err(&text);
        let message = &errs[0].message;
        assert!(message.contains(expected), "{key}: {message}");
        for rust in ["usize", "i128", "u128", "sequence", "struct", "Raw"] {
            assert!(!message.contains(rust), "{key}: {message}");
        }
    }
    let text = format!("{MINIMAL}\n[[reporters]]\nnam = \"x\"\n");
    assert!(!parse_err(&text)[0].message.contains("struct"));
    let text = "[[reporters]]\nname = 1\n".to_string();
    let message = &parse_err(&text)[0].message;
    assert!(!message.contains("String"), "{message}");
}

#[test]
fn publisher_dates_must_be_dates() {
    let text = MINIMAL.replace(
        "registration_date = \"2020-01-02\"",
        "registration_date = \"작년\"",
    );
    let errs = parse_err(&text);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].line, 10);
    assert!(errs[0].message.contains("must be a date"), "{errs:?}");
}

#[test]
fn a_bad_base_url_flag_names_the_flag() {
    let overrides = Overrides {
        base_url: Some("staging".into()),
        ..Overrides::default()
    };
    let errs = parse(Path::new("/site"), MINIMAL, &overrides).unwrap_err();
    assert_eq!(errs[0].to_string().split(':').next(), Some("--base-url"));
}

#[test]
fn escaped_control_characters_are_refused_at_their_key() {
    let text = MINIMAL.replace("editor = \"김편집\"", "editor = \"김\\u0001편집\"");
    let errs = parse_err(&text);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].line, 13);
    assert!(errs[0].message.contains("U+0001"), "{errs:?}");
}

#[test]
fn logo_must_be_a_web_address() {
    let text = format!("{MINIMAL}logo = \"javascript:alert(1)\"\n");
    let errs = parse_err(&text);
    assert!(errs[0].message.contains("javascript:"), "{errs:?}");
    let text = format!("{MINIMAL}logo = \"images/logo.png\"\n");
    assert_eq!(
        parse_ok(&text).publisher.logo.as_deref(),
        Some("/images/logo.png")
    );
}

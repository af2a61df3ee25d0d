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

//! The theme's UI strings in Korean and English.
//!
//! Templates read them as `site.labels.KEY`. The table is chosen by the
//! site's `language` (`ko*` gives Korean, anything else English) and each
//! entry can be overridden in `[labels]`. `{n}` in a label is replaced by a
//! number in the templates.

use std::collections::BTreeMap;

/// `(key, Korean, English)`.
pub const LABELS: &[(&str, &str, &str)] = &[
    ("registered", "등록", "Published"),
    ("updated", "수정", "Updated"),
    ("reporter_role", "기자", "Reporter"),
    ("related", "관련기사", "Related articles"),
    (
        "related_more",
        "{n}건의 관련기사 더보기",
        "{n} related articles",
    ),
    ("view_larger", "크게보기", "View larger"),
    ("tags", "태그", "Tags"),
    ("sections", "섹션", "Sections"),
    ("reporters", "기자", "Reporters"),
    ("latest", "최신기사", "Latest news"),
    ("home", "홈", "Home"),
    ("previous", "이전", "Previous"),
    ("next", "다음", "Next"),
    ("page", "{n}쪽", "Page {n}"),
    ("pagination", "페이지 이동", "Pages"),
    ("articles_count", "{n}건", "{n} articles"),
    ("no_articles", "아직 기사가 없습니다.", "No articles yet."),
    (
        "not_found_title",
        "페이지를 찾을 수 없습니다",
        "Page not found",
    ),
    (
        "not_found_text",
        "요청하신 페이지가 없거나 주소가 바뀌었습니다.",
        "The page you asked for does not exist or has moved.",
    ),
    ("back_home", "첫 화면으로 가기", "Back to the front page"),
    ("skip_to_content", "본문 바로가기", "Skip to content"),
    ("photo_credit", "사진", "Photo"),
    ("email", "이메일", "E-mail"),
    ("footer_name", "제호", "Publication"),
    ("footer_address", "주소", "Address"),
    ("footer_phone", "대표전화", "Phone"),
    ("footer_fax", "팩스", "Fax"),
    ("footer_email", "이메일", "E-mail"),
    ("footer_registration_number", "등록번호", "Registration no."),
    ("footer_registration_date", "등록일", "Registered"),
    ("footer_first_published", "발행일", "First published"),
    ("footer_publisher", "발행인", "Publisher"),
    ("footer_editor", "편집인", "Editor"),
    (
        "footer_youth_protection_officer",
        "청소년보호책임자",
        "Youth protection officer",
    ),
    ("feed", "RSS", "RSS"),
];

/// Whether the Korean table applies to this language tag.
pub fn is_korean(language: &str) -> bool {
    language.eq_ignore_ascii_case("ko") || language.to_ascii_lowercase().starts_with("ko-")
}

/// The built-in table for `language`, with `overrides` applied. Returns the
/// unknown override keys as errors.
pub fn resolve(
    language: &str,
    overrides: &BTreeMap<String, String>,
) -> (BTreeMap<String, String>, Vec<String>) {
    let korean = is_korean(language);
    let mut labels: BTreeMap<String, String> = LABELS
        .iter()
        .map(|(k, ko, en)| (k.to_string(), if korean { ko } else { en }.to_string()))
        .collect();
    let mut unknown = Vec::new();
    for (key, value) in overrides {
        match labels.get_mut(key) {
            Some(slot) => *slot = value.clone(),
            None => unknown.push(key.clone()),
        }
    }
    (labels, unknown)
}

pub fn keys() -> impl Iterator<Item = &'static str> {
    LABELS.iter().map(|(k, _, _)| *k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_picks_table_and_overrides_apply() {
        let mut over = BTreeMap::new();
        over.insert("registered".to_string(), "입력".to_string());
        over.insert("regsitered".to_string(), "x".to_string());
        let (ko, unknown) = resolve("ko", &over);
        assert_eq!(ko["registered"], "입력");
        assert_eq!(ko["updated"], "수정");
        assert_eq!(unknown, vec!["regsitered".to_string()]);
        let (en, _) = resolve("en-US", &BTreeMap::new());
        assert_eq!(en["registered"], "Published");
    }
}

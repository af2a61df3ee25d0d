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
    ("newer", "최근 기사", "Newer"),
    ("older", "지난 기사", "Older"),
    ("newest", "최신", "Newest"),
    ("oldest", "처음", "Oldest"),
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
    (
        "dateline",
        "[{publisher}={reporters}]",
        "By {reporters}, {publisher}",
    ),
    ("dateline_reporter", "{name} {role}", "{name}"),
    ("dateline_separator", "·", " and "),
    ("breadcrumbs", "현재 위치", "You are here"),
    ("share", "공유하기", "Share"),
    ("share_facebook", "페이스북", "Facebook"),
    ("share_x", "X", "X"),
    ("share_band", "밴드", "Band"),
    ("share_email", "이메일", "E-mail"),
    ("copy_url", "URL 복사", "Copy link"),
    ("copied", "주소를 복사했습니다", "Link copied"),
    ("print", "인쇄", "Print"),
    ("text_size", "글자 크기", "Text size"),
    ("text_larger", "글자 크게", "Larger text"),
    ("text_smaller", "글자 작게", "Smaller text"),
    (
        "reporter_other_articles",
        "기자의 다른 기사",
        "More from this reporter",
    ),
    ("previous_article", "이전 기사", "Previous article"),
    ("next_article", "다음 기사", "Next article"),
    ("section_articles", "같은 섹션 기사", "More in this section"),
    ("top_stories", "주요 뉴스", "Top stories"),
    ("photo_news", "포토뉴스", "Photos"),
    ("more", "더보기", "More"),
    ("section_more", "{section} 더보기", "More {section}"),
    ("masthead_date", "%Y년 %m월 %d일", "%B %d, %Y"),
    ("edition_date", "최종 업데이트", "Last updated"),
    (
        "copyright_line",
        "Copyright © {year} {publisher}. All rights reserved.",
        "Copyright © {year} {publisher}. All rights reserved.",
    ),
    ("footer_links", "사이트 정보", "About this site"),
    ("article_language_en", "영문 기사", "English article"),
    (
        "moved",
        "기사 주소가 바뀌었습니다:",
        "This article has moved:",
    ),
    ("corrections", "정정·반론보도", "Corrections"),
    ("search", "검색", "Search"),
    ("search_query", "검색어", "Search for"),
    ("search_filters", "검색 조건", "Filters"),
    ("search_section", "섹션", "Section"),
    ("search_reporter", "기자", "Reporter"),
    ("search_tag", "태그", "Tag"),
    ("search_any", "전체", "Any"),
    ("search_from", "시작일", "From"),
    ("search_to", "종료일", "To"),
    ("search_results", "검색 결과 {n}건", "{n} results"),
    ("search_none", "검색 결과가 없습니다.", "No articles match."),
    ("search_loading", "검색 중…", "Searching…"),
    (
        "search_needs_script",
        "검색 결과를 보려면 자바스크립트를 켜 주세요.",
        "Search results need JavaScript.",
    ),
    (
        "search_failed",
        "검색 색인을 불러오지 못했습니다.",
        "The search index could not be loaded.",
    ),
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

/// The built-in table for `language`, without overrides: the labels of an
/// article written in another language than the site's.
pub fn defaults(language: &str) -> BTreeMap<String, String> {
    resolve(language, &BTreeMap::new()).0
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

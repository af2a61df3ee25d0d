//! The `[publisher]` table: the particulars Korean law requires every page
//! of an internet newspaper to show, each checked.

use super::problems::{Problems, table_position};
use super::raw::RawPublisher;
use super::{CONFIG_FILE, Publisher};
use crate::error::Diagnostic;
use crate::urls::asset_address;

/// Required by 신문 등의 진흥에 관한 법률 on an internet newspaper's pages.
const REQUIRED_PUBLISHER_KEYS: &[&str] = &[
    "name",
    "address",
    "phone",
    "registration_number",
    "registration_date",
    "first_published",
    "publisher",
    "editor",
    "youth_protection_officer",
];

/// What the law calls each required item, for messages.
fn legal_name(key: &str) -> &'static str {
    match key {
        "name" => "제호 (the publication's title)",
        "address" => "발행소 주소 (the publishing office's address)",
        "phone" => "전화번호 (its telephone number)",
        "registration_number" => "등록번호 (the registration number, e.g. 서울 아 00000)",
        "registration_date" => "등록일 (the registration date, YYYY-MM-DD)",
        "first_published" => "발행일 (the date of first publication, YYYY-MM-DD)",
        "publisher" => "발행인 (the publisher's name)",
        "editor" => "편집인 (the editor's name)",
        _ => "청소년보호책임자 (the youth protection officer's name)",
    }
}

/// A value `byline init` writes for the site to fill in: `<...>`.
pub fn is_placeholder(value: &str) -> bool {
    let v = value.trim();
    v.starts_with('<') && v.ends_with('>')
}

pub fn check_publisher(raw: Option<RawPublisher>, problems: &mut Problems<'_>) -> Publisher {
    let (line, column) = table_position(problems.text, "publisher");
    let Some(raw) = raw else {
        problems.list.push(
            Diagnostic::new(CONFIG_FILE, line, column, "the [publisher] table is missing").with_hint(format!(
                "Korean law requires every page to show the publisher's particulars: add [publisher] with {}",
                REQUIRED_PUBLISHER_KEYS.join(", ")
            )),
        );
        return Publisher::default();
    };
    let mut required = |key: &str, value: Option<String>| -> String {
        match value.filter(|v| !v.trim().is_empty()) {
            Some(v) if is_placeholder(&v) => {
                let (line, column) = problems.key_position(key);
                problems.list.push(
                    Diagnostic::new(
                        CONFIG_FILE,
                        line,
                        column,
                        format!("[publisher] `{key}` is still a placeholder: {v}"),
                    )
                    .with_hint(format!(
                        "write the {}; the law (신문 등의 진흥에 관한 법률) requires it on every page",
                        legal_name(key)
                    )),
                );
                String::new()
            }
            Some(v) => v,
            None => {
                problems.list.push(
                    Diagnostic::new(
                        CONFIG_FILE,
                        line,
                        column,
                        format!("[publisher] is missing `{key}`"),
                    )
                    .with_hint("the footer must show it by law (신문 등의 진흥에 관한 법률)"),
                );
                String::new()
            }
        }
    };
    let publisher = Publisher {
        name: required("name", raw.name),
        address: required("address", raw.address),
        phone: required("phone", raw.phone),
        registration_number: required("registration_number", raw.registration_number),
        registration_date: required("registration_date", raw.registration_date),
        first_published: required("first_published", raw.first_published),
        publisher: required("publisher", raw.publisher),
        editor: required("editor", raw.editor),
        youth_protection_officer: required(
            "youth_protection_officer",
            raw.youth_protection_officer,
        ),
        fax: raw.fax,
        email: raw.email,
        copyright: raw.copyright,
        logo: raw.logo,
    };
    for (key, value) in [
        ("registration_date", &publisher.registration_date),
        ("first_published", &publisher.first_published),
    ] {
        if !value.is_empty() && jiff::civil::Date::strptime("%Y-%m-%d", value.trim()).is_err() {
            problems.at_key(
                key,
                format!("[publisher] `{key}` must be a date, not `{value}`"),
                Some("write it as YYYY-MM-DD, like \"2021-04-01\"".into()),
            );
        }
    }
    let logo = publisher.logo.as_deref().map(asset_address);
    match logo {
        Some(Err(e)) => {
            problems.at_key("logo", format!("[publisher] `logo` {e}"), None);
            publisher
        }
        Some(Ok(logo)) => Publisher {
            logo: Some(logo),
            ..publisher
        },
        None => publisher,
    }
}

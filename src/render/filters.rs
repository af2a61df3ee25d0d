//! Filters the theme uses, registered before any template is added.
//!
//! - `date(format=?, short=?)`: a date as templates get it (RFC 3339, or
//!   `YYYY-MM-DD` when the author wrote no time) shown in the site time
//!   zone with `date_format`, `list_date_format` (`short=true`) or the
//!   given strftime `format`; a day alone always with `date_only_format`,
//!   so no page shows a made-up `00:00:00`.
//! - `headline`: a title with a word joiner (U+2060) before each `·` and
//!   `…`, so that no line of a headline starts with one.
//! - `json`: any value as JSON that is safe inside `<script>`: `<`, `>`,
//!   `&` and U+2028/9 are written as `\uXXXX`, so a title containing
//!   `</script>` cannot end the element.

use jiff::Timestamp;
use tera::{Error, Kwargs, State, TeraResult, Value};

use crate::dates::{self, DisplayFormats};

pub fn register(tera: &mut tera::Tera, formats: DisplayFormats) {
    tera.register_filter(
        "date",
        move |value: &str, kwargs: Kwargs, _: &State| -> TeraResult<String> {
            if let Ok(day) = jiff::civil::Date::strptime("%Y-%m-%d", value) {
                return dates::format_civil(day, &formats.day).map_err(Error::message);
            }
            let ts: Timestamp = value.parse().map_err(|e| {
                Error::message(format!("date: `{value}` is not an RFC 3339 date ({e})"))
            })?;
            let format = match (kwargs.get::<&str>("format")?, kwargs.get::<bool>("short")?) {
                (Some(format), _) => format,
                (None, Some(true)) => &formats.short,
                _ => &formats.full,
            };
            dates::format(&dates::in_zone(ts, &formats.tz), format).map_err(Error::message)
        },
    );
    tera.register_filter(
        "headline",
        |value: &str, _: Kwargs, _: &State| -> TeraResult<String> { Ok(keep_dots(value)) },
    );
    tera.register_filter(
        "json",
        |value: Value, _: Kwargs, _: &State| -> TeraResult<Value> {
            let text =
                serde_json::to_string(&value).map_err(|e| Error::message(format!("json: {e}")))?;
            Ok(Value::safe_string(&script_safe(&text)))
        },
    );
}

/// Puts a word joiner before every `·` and `…` (and runs of them), so that
/// Korean headlines such as `합류···AI` never wrap before the dots.
pub fn keep_dots(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut previous_dot = false;
    for c in text.chars() {
        let dot = matches!(c, '·' | '…' | 'ㆍ' | '‧');
        if dot && !previous_dot && !out.is_empty() {
            out.push('\u{2060}');
        }
        previous_dot = dot;
        out.push(c);
    }
    out
}

/// Escapes what could close a `<script>` element or start a comment there.
pub fn script_safe(json: &str) -> String {
    let bytes = json.as_bytes();
    let mut out = String::with_capacity(json.len() + 16);
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        // U+2028 and U+2029 are E2 80 A8 and E2 80 A9 in UTF-8.
        let (escaped, len) = match bytes[i] {
            b'<' => ("\\u003c", 1),
            b'>' => ("\\u003e", 1),
            b'&' => ("\\u0026", 1),
            0xE2 if bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0xA8) => {
                ("\\u2028", 3)
            }
            0xE2 if bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0xA9) => {
                ("\\u2029", 3)
            }
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&json[copied..i]);
        out.push_str(escaped);
        i += len;
        copied = i;
    }
    out.push_str(&json[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tera() -> tera::Tera {
        let mut t = tera::Tera::new();
        let formats = DisplayFormats {
            tz: jiff::tz::TimeZone::get("Asia/Seoul").unwrap(),
            full: "%Y.%m.%d %H:%M:%S".into(),
            short: "%Y.%m.%d %H:%M".into(),
            day: "%Y.%m.%d".into(),
        };
        register(&mut t, formats);
        t
    }

    #[test]
    fn date_shows_site_zone_and_custom_format() {
        let mut t = tera();
        t.add_raw_template(
            "x.html",
            "{{ d | date }}|{{ d | date(format=\"%Y년 %m월 %d일\") }}",
        )
        .unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("d", "2023-11-20T10:02:01Z");
        assert_eq!(
            t.render("x.html", &ctx).unwrap(),
            "2023.11.20 19:02:01|2023년 11월 20일"
        );
    }

    #[test]
    fn short_dates_show_minutes_and_days_alone_no_time() {
        let mut t = tera();
        t.add_raw_template(
            "x.html",
            "{{ d | date(short=true) }}|{{ day | date }}|{{ day | date(short=true) }}",
        )
        .unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("d", "2023-11-20T10:02:01Z");
        ctx.insert("day", "2024-02-14");
        assert_eq!(
            t.render("x.html", &ctx).unwrap(),
            "2023.11.20 19:02|2024.02.14|2024.02.14"
        );
    }

    #[test]
    fn script_safe_escapes_only_what_can_end_a_script() {
        assert_eq!(
            script_safe("가<\u{2028}>&\u{2029}나\u{2027}"),
            "가\\u003c\\u2028\\u003e\\u0026\\u2029나\u{2027}"
        );
    }

    #[test]
    fn no_headline_line_starts_with_dots() {
        assert_eq!(keep_dots("합류···AI"), "합류\u{2060}···AI");
        assert_eq!(keep_dots("AT&T·<삼성>"), "AT&T\u{2060}·<삼성>");
        assert_eq!(keep_dots("·앞"), "·앞");
        assert_eq!(keep_dots("plain"), "plain");
    }

    #[test]
    fn json_cannot_break_out_of_script() {
        let mut t = tera();
        t.add_raw_template("x.html", "<script>{{ v | json }}</script>")
            .unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("v", "</script><b>&");
        let out = t.render("x.html", &ctx).unwrap();
        assert_eq!(
            out,
            "<script>\"\\u003c/script\\u003e\\u003cb\\u003e\\u0026\"</script>"
        );
    }
}

//! Filters the theme uses, registered before any template is added.
//!
//! - `date(format=?)`: an RFC 3339 string (as in `article.date`) shown in
//!   the site time zone with `date_format` or the given strftime `format`.
//! - `json`: any value as JSON that is safe inside `<script>`: `<`, `>`,
//!   `&` and U+2028/9 are written as `\uXXXX`, so a title containing
//!   `</script>` cannot end the element.

use jiff::Timestamp;
use jiff::tz::TimeZone;
use tera::{Error, Kwargs, State, TeraResult, Value};

use crate::dates;

pub fn register(tera: &mut tera::Tera, tz: &TimeZone, default_format: &str) {
    let tz = tz.clone();
    let default_format = default_format.to_string();
    tera.register_filter(
        "date",
        move |value: &str, kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let ts: Timestamp = value.parse().map_err(|e| {
                Error::message(format!("date: `{value}` is not an RFC 3339 date ({e})"))
            })?;
            let format = kwargs.get::<&str>("format")?.unwrap_or(&default_format);
            dates::format(&dates::in_zone(ts, &tz), format).map_err(Error::message)
        },
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

/// Escapes what could close a `<script>` element or start a comment there.
pub fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tera() -> tera::Tera {
        let mut t = tera::Tera::new();
        register(
            &mut t,
            &TimeZone::get("Asia/Seoul").unwrap(),
            "%Y.%m.%d %H:%M:%S",
        );
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

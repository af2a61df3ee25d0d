//! Front matter keys read one at a time into typed fields.
//!
//! The YAML value is walked key by key rather than deserialized in one go,
//! so that every problem of a file is reported (three unknown keys give
//! three lines), each at its own line, in words an author can act on
//! ("`related-count` must be a whole number from 0 to 100, not the text
//! `three`") instead of a Rust type name. Text that holds a character web
//! pages and feeds forbid (see [`crate::text`]) is refused here too, since
//! YAML escapes such as `"\x01"` do not show in the file.

use serde_yaml::Value;

use super::frontmatter::{FrontMatterError, Split, key_line, nested_key_line};
use crate::error::did_you_mean;
use crate::text::{first_forbidden, forbidden_message};

/// The largest `related-count`: more would not fit a page.
pub const MAX_RELATED_COUNT: u64 = 100;

const KEYS: &[&str] = &[
    "title",
    "date",
    "updated",
    "reporter",
    "tags",
    "related-count",
    "subtitle",
    "section",
    "summary",
    "image",
    "draft",
    "featured",
    "slug",
    "aliases",
    "corrections",
    "search",
    "extra",
];
const IMAGE_KEYS: &[&str] = &["src", "caption", "credit", "alt"];

/// Front matter as written, typed but not yet resolved.
#[derive(Debug, Default)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub date: Option<String>,
    pub updated: Option<String>,
    pub reporter: Vec<String>,
    pub tags: Vec<String>,
    pub related_count: Option<usize>,
    pub subtitle: Vec<String>,
    pub section: Option<String>,
    pub summary: Option<String>,
    pub image: Option<FrontMatterImage>,
    pub draft: bool,
    pub featured: bool,
    pub slug: Option<String>,
    pub aliases: Vec<String>,
    pub corrections: Vec<FrontMatterCorrection>,
    /// `search: false` leaves the article out of the site's search.
    pub search: Option<bool>,
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// One item of `corrections:` (정정보도, 반론보도).
#[derive(Debug, Clone, Default)]
pub struct FrontMatterCorrection {
    pub date: String,
    pub text: String,
}

#[derive(Debug, Clone, Default)]
pub struct FrontMatterImage {
    pub src: String,
    pub caption: Option<String>,
    pub credit: Option<String>,
    pub alt: Option<String>,
}

/// Reads every key of an article's front matter; returns all problems.
pub fn read(split: &Split<'_>, value: Value) -> Result<FrontMatter, Vec<FrontMatterError>> {
    let mut fm = FrontMatter::default();
    read_keys(split, value, KEYS, |r, at, key, value| match key {
        "title" => fm.title = r.text(at, key, value),
        "date" => fm.date = r.text(at, key, value),
        "updated" => fm.updated = r.text(at, key, value),
        "section" => fm.section = r.text(at, key, value),
        "summary" => fm.summary = r.text(at, key, value),
        "slug" => fm.slug = r.text(at, key, value),
        "reporter" => fm.reporter = r.texts(at, key, value),
        "subtitle" => fm.subtitle = r.texts(at, key, value),
        "tags" => fm.tags = r.texts(at, key, value),
        "related-count" => fm.related_count = r.related_count(at, value),
        "draft" => fm.draft = r.flag(at, key, value),
        "featured" => fm.featured = r.flag(at, key, value),
        "image" => fm.image = r.image(value),
        "aliases" => fm.aliases = r.texts(at, key, value),
        "corrections" => fm.corrections = r.corrections(at, value),
        "search" => fm.search = Some(r.flag(at, key, value)),
        _ => fm.extra = r.extra(at, value),
    })?;
    Ok(fm)
}

const PAGE_KEYS: &[&str] = &["title", "slug", "summary", "updated", "footer"];

/// Front matter of a standalone page (`content/pages/`).
#[derive(Debug, Default)]
pub struct PageFrontMatter {
    pub title: Option<String>,
    pub slug: Option<String>,
    pub summary: Option<String>,
    pub updated: Option<String>,
    pub footer: bool,
}

/// Reads every key of a standalone page's front matter.
pub fn read_page(
    split: &Split<'_>,
    value: Value,
) -> Result<PageFrontMatter, Vec<FrontMatterError>> {
    let mut fm = PageFrontMatter::default();
    read_keys(split, value, PAGE_KEYS, |r, at, key, value| match key {
        "title" => fm.title = r.text(at, key, value),
        "slug" => fm.slug = r.text(at, key, value),
        "summary" => fm.summary = r.text(at, key, value),
        "updated" => fm.updated = r.text(at, key, value),
        _ => fm.footer = r.flag(at, key, value),
    })?;
    Ok(fm)
}

/// Walks the keys of a front matter mapping: `apply` gets each key of
/// `keys` with its value; any other key is reported with a suggestion.
fn read_keys(
    split: &Split<'_>,
    value: Value,
    keys: &[&str],
    mut apply: impl FnMut(&mut Reader<'_>, usize, &str, Value),
) -> Result<(), Vec<FrontMatterError>> {
    let mut r = Reader {
        split,
        problems: Vec::new(),
    };
    let mapping = match untagged(value) {
        Value::Null => return Ok(()),
        Value::Mapping(m) => m,
        other => {
            r.problem(
                split.front_matter_line,
                format!(
                    "the front matter must be lines of `key: value`, not {}",
                    describe(&other)
                ),
                Some("begin with `title: ...` and `date: ...`"),
            );
            return Err(r.problems);
        }
    };
    for (key, value) in mapping {
        let Value::String(key) = untagged(key) else {
            r.problem(
                split.front_matter_line,
                "a key of the front matter is not a name".into(),
                Some("write keys as plain words, like `title:`"),
            );
            continue;
        };
        let at = key_line(split, &key);
        if keys.contains(&key.as_str()) {
            apply(&mut r, at, &key, value);
            continue;
        }
        let hint = match did_you_mean(&key, keys.iter().copied()) {
            Some(best) => format!("did you mean `{best}`?"),
            None if keys.contains(&"extra") => format!(
                "the keys are {}; put your own values under `extra:`",
                keys.join(", ")
            ),
            None => format!("the keys are {}", keys.join(", ")),
        };
        r.problem(at, format!("unknown key `{key}`"), Some(&hint));
    }
    if r.problems.is_empty() {
        Ok(())
    } else {
        Err(r.problems)
    }
}

struct Reader<'a> {
    split: &'a Split<'a>,
    problems: Vec<FrontMatterError>,
}

impl Reader<'_> {
    fn problem(&mut self, line: usize, message: String, hint: Option<&str>) {
        self.problems.push(FrontMatterError {
            line,
            column: 1,
            message,
            hint: hint.map(str::to_string),
        });
    }

    /// Refuses text holding a character that pages and feeds forbid.
    fn checked(&mut self, at: usize, key: &str, text: String) -> Option<String> {
        match first_forbidden(&text) {
            None => Some(text),
            Some((_, c)) => {
                let (message, hint) = forbidden_message(c);
                self.problem(at, format!("`{key}`: {message}"), Some(hint));
                None
            }
        }
    }

    /// A text value; numbers and `true`/`false` are taken as written.
    fn text(&mut self, at: usize, key: &str, value: Value) -> Option<String> {
        let text = match untagged(value) {
            Value::Null => return None,
            Value::String(s) => s,
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            other => {
                let message = format!("`{key}` must be text, not {}", describe(&other));
                self.problem(at, message, Some("write it on one line, in quotes"));
                return None;
            }
        };
        self.checked(at, key, text)
    }

    /// One text or a list of them (`reporter`, `subtitle`, `tags`).
    fn texts(&mut self, at: usize, key: &str, value: Value) -> Vec<String> {
        match untagged(value) {
            Value::Sequence(items) => items
                .into_iter()
                .filter_map(|item| match untagged(item) {
                    Value::Sequence(_) | Value::Mapping(_) => {
                        let message = format!("`{key}` must be a list of texts, not of lists");
                        self.problem(at, message, Some("write it like `[가, 나]`"));
                        None
                    }
                    item => self.text(at, key, item),
                })
                .collect(),
            other => self.text(at, key, other).into_iter().collect(),
        }
    }

    fn related_count(&mut self, at: usize, value: Value) -> Option<usize> {
        let value = untagged(value);
        match value.as_u64() {
            Some(n) if n <= MAX_RELATED_COUNT => usize::try_from(n).ok(),
            _ => {
                let message = format!(
                    "`related-count` must be a whole number from 0 to {MAX_RELATED_COUNT}, not {}",
                    describe(&value)
                );
                self.problem(at, message, Some("write it like `related-count: 3`"));
                None
            }
        }
    }

    fn flag(&mut self, at: usize, key: &str, value: Value) -> bool {
        match untagged(value) {
            Value::Bool(b) => b,
            Value::Null => false,
            other => {
                let message = format!("`{key}` must be true or false, not {}", describe(&other));
                self.problem(
                    at,
                    message,
                    Some("write `draft: true` or leave the line out"),
                );
                false
            }
        }
    }

    fn image(&mut self, value: Value) -> Option<FrontMatterImage> {
        let at = key_line(self.split, "image");
        let mapping = match untagged(value) {
            Value::Null => return None,
            Value::String(src) => {
                let src = self.checked(at, "image", src)?;
                return Some(FrontMatterImage {
                    src,
                    ..FrontMatterImage::default()
                });
            }
            Value::Mapping(m) => m,
            other => {
                let message = format!("`image` must be a path or a map, not {}", describe(&other));
                let hint = "write `image:` and, indented below it, `src: /images/photo.jpg`";
                self.problem(at, message, Some(hint));
                return None;
            }
        };
        let mut image = FrontMatterImage::default();
        let mut src = None;
        for (key, value) in mapping {
            let key = match untagged(key) {
                Value::String(k) => k,
                other => describe(&other),
            };
            let line = nested_key_line(self.split, "image", &key);
            let name = format!("image.{key}");
            match key.as_str() {
                "src" => src = self.text(line, &name, value),
                "caption" => image.caption = self.text(line, &name, value),
                "credit" => image.credit = self.text(line, &name, value),
                "alt" => image.alt = self.text(line, &name, value),
                unknown => {
                    let hint = match did_you_mean(unknown, IMAGE_KEYS.iter().copied()) {
                        Some(best) => format!("did you mean `{best}`?"),
                        None => format!("an image has {}", IMAGE_KEYS.join(", ")),
                    };
                    let message = format!("unknown key `{unknown}` in `image`");
                    self.problem(line, message, Some(&hint));
                }
            }
        }
        match src {
            Some(src) if !src.trim().is_empty() => Some(FrontMatterImage { src, ..image }),
            _ => {
                let hint = "add `src: /images/photo.jpg` under `image:`";
                self.problem(at, "`image` needs a `src`".into(), Some(hint));
                None
            }
        }
    }

    /// `corrections:`, a list of `{date, text}`.
    fn corrections(&mut self, at: usize, value: Value) -> Vec<FrontMatterCorrection> {
        let hint = "write each as `- date: \"2024-03-06 10:00\"` with `text: \"...\"` below it";
        let items = match untagged(value) {
            Value::Null => return Vec::new(),
            Value::Sequence(items) => items,
            other => {
                let message = format!("`corrections` must be a list, not {}", describe(&other));
                self.problem(at, message, Some(hint));
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        for item in items {
            let Value::Mapping(m) = untagged(item) else {
                self.problem(
                    at,
                    "each correction needs a `date` and a `text`".into(),
                    Some(hint),
                );
                continue;
            };
            let mut correction = FrontMatterCorrection::default();
            for (k, v) in m {
                match untagged(k).as_str() {
                    Some("date") => {
                        correction.date = self.text(at, "corrections.date", v).unwrap_or_default()
                    }
                    Some("text") => {
                        correction.text = self.text(at, "corrections.text", v).unwrap_or_default()
                    }
                    _ => self.problem(
                        at,
                        "a correction has only `date` and `text`".into(),
                        Some(hint),
                    ),
                }
            }
            if correction.date.trim().is_empty() || correction.text.trim().is_empty() {
                self.problem(
                    at,
                    "each correction needs a `date` and a `text`".into(),
                    Some(hint),
                );
                continue;
            }
            out.push(correction);
        }
        out
    }

    fn extra(&mut self, at: usize, value: Value) -> serde_json::Map<String, serde_json::Value> {
        match untagged(value) {
            Value::Null => serde_json::Map::new(),
            Value::Mapping(m) => {
                let mut out = serde_json::Map::new();
                for (k, v) in m {
                    let key = self.extra_key(at, k);
                    if let (Some(key), Some(v)) = (key, self.json(at, v)) {
                        out.insert(key, v);
                    }
                }
                out
            }
            other => {
                let message = format!(
                    "`extra` must be a map of your own keys, not {}",
                    describe(&other)
                );
                self.problem(
                    at,
                    message,
                    Some("write `extra:` and, indented below it, `key: value` lines"),
                );
                serde_json::Map::new()
            }
        }
    }

    fn extra_key(&mut self, at: usize, key: Value) -> Option<String> {
        match untagged(key) {
            Value::String(s) => self.checked(at, "extra", s),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            other => {
                let message = format!("a key in `extra` must be a name, not {}", describe(&other));
                self.problem(at, message, None);
                None
            }
        }
    }

    /// A YAML value as JSON, for templates.
    fn json(&mut self, at: usize, value: Value) -> Option<serde_json::Value> {
        Some(match untagged(value) {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(b),
            Value::String(s) => serde_json::Value::String(self.checked(at, "extra", s)?),
            Value::Number(n) => {
                let number = if let Some(i) = n.as_i64() {
                    Some(serde_json::Number::from(i))
                } else if let Some(u) = n.as_u64() {
                    Some(serde_json::Number::from(u))
                } else {
                    n.as_f64().and_then(serde_json::Number::from_f64)
                };
                match number {
                    Some(number) => serde_json::Value::Number(number),
                    None => {
                        let message = format!("`extra` cannot hold the number `{n}`");
                        self.problem(at, message, Some("write it in quotes"));
                        return None;
                    }
                }
            }
            Value::Sequence(items) => serde_json::Value::Array(
                items
                    .into_iter()
                    .map(|v| self.json(at, v))
                    .collect::<Option<_>>()?,
            ),
            Value::Mapping(m) => {
                let mut out = serde_json::Map::new();
                for (k, v) in m {
                    let key = self.extra_key(at, k)?;
                    out.insert(key, self.json(at, v)?);
                }
                serde_json::Value::Object(out)
            }
            Value::Tagged(_) => return None,
        })
    }
}

/// A value without its YAML tag (`!foo x` is read as `x`).
fn untagged(value: Value) -> Value {
    match value {
        Value::Tagged(t) => untagged(t.value),
        other => other,
    }
}

/// What a value is, in an author's words.
fn describe(value: &Value) -> String {
    match value {
        Value::Null => "nothing".into(),
        Value::Bool(b) => format!("`{b}`"),
        Value::Number(n) => format!("the number `{n}`"),
        Value::String(s) => {
            let shown: String = s.chars().take(40).collect();
            format!("the text `{}`", shown.escape_debug())
        }
        Value::Sequence(_) => "a list".into(),
        Value::Mapping(_) => "a map of `key: value` lines".into(),
        Value::Tagged(t) => describe(&t.value),
    }
}

#[cfg(test)]
mod tests;

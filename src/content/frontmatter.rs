//! Front matter: the YAML block at the top of an article.
//!
//! This is the only place YAML is parsed. [`split`] finds the block (a UTF-8
//! BOM and CRLF line endings are accepted; a later `---` is the body's
//! horizontal rule) and [`parse`] reads it into [`FrontMatter`], refusing
//! unknown keys with a suggestion. Errors carry line and column in the `.md`
//! file, not inside the block.

use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};

use crate::error::explain_unknown_field;

/// An article file split into its parts.
pub struct Split<'a> {
    pub front_matter: &'a str,
    /// 1-based line of the file where the front matter text starts.
    pub front_matter_line: usize,
    pub body: &'a str,
}

/// A problem in the front matter, positioned in the `.md` file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub hint: Option<String>,
}

/// Splits normalized text (no BOM, `\n` line ends) into front matter and body.
pub fn split(text: &str) -> Result<Split<'_>, FrontMatterError> {
    let missing = || FrontMatterError {
        line: 1,
        column: 1,
        message: "the file does not start with front matter".into(),
        hint: Some(
            "begin the file with a line `---`, then `title:` and `date:`, then a closing `---`"
                .into(),
        ),
    };
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != "---" {
        return Err(missing());
    }
    let fm_start = (first_line_end + 1).min(text.len());
    let mut offset = fm_start;
    for line in text[fm_start..].split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Ok(Split {
                front_matter: &text[fm_start..offset],
                front_matter_line: 2,
                body: &text[offset + line.len()..],
            });
        }
        offset += line.len();
    }
    Err(FrontMatterError {
        line: 1,
        column: 1,
        message: "the front matter is not closed".into(),
        hint: Some("end the front matter with a line `---` before the article body".into()),
    })
}

/// Front matter as written, typed but not yet resolved.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub date: Option<String>,
    pub updated: Option<String>,
    #[serde(default)]
    pub reporter: OneOrMany,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(rename = "related-count")]
    pub related_count: Option<i64>,
    #[serde(default)]
    pub subtitle: OneOrMany,
    pub section: Option<String>,
    pub summary: Option<String>,
    pub image: Option<FrontMatterImage>,
    #[serde(default)]
    pub draft: bool,
    pub slug: Option<String>,
    #[serde(default)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatterImage {
    pub src: String,
    pub caption: Option<String>,
    pub credit: Option<String>,
    pub alt: Option<String>,
}

/// A string or a list of strings (`reporter`, `subtitle`).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct OneOrMany(pub Vec<String>);

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = OneOrMany;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string or a list of strings")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<OneOrMany, E> {
                Ok(OneOrMany(vec![v.to_string()]))
            }
            fn visit_unit<E: de::Error>(self) -> Result<OneOrMany, E> {
                Ok(OneOrMany(Vec::new()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<OneOrMany, A::Error> {
                let mut items = Vec::new();
                while let Some(s) = seq.next_element::<String>()? {
                    items.push(s);
                }
                Ok(OneOrMany(items))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// Parses the front matter text of a split file.
pub fn parse(split: &Split<'_>) -> Result<FrontMatter, FrontMatterError> {
    if split.front_matter.trim().is_empty() {
        return Ok(FrontMatter::default());
    }
    serde_yaml::from_str::<FrontMatter>(split.front_matter).map_err(|e| {
        let (line, column) = e.location().map_or((split.front_matter_line, 1), |l| {
            (l.line() + split.front_matter_line - 1, l.column())
        });
        let message = without_positions(&e.to_string());
        match explain_unknown_field(&message) {
            Some((message, hint)) => FrontMatterError {
                line,
                column,
                message,
                hint,
            },
            None => FrontMatterError {
                line,
                column,
                message,
                hint: None,
            },
        }
    })
}

/// Drops libyaml's " at line N column M" (positions inside the block, which
/// would contradict the file position we report).
fn without_positions(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find(" at line ") {
        out.push_str(&rest[..i]);
        let after = &rest[i + " at line ".len()..];
        let skip_digits = |s: &str| {
            s.trim_start_matches(|c: char| c.is_ascii_digit())
                .to_string()
        };
        let tail = skip_digits(after);
        let tail = match tail.strip_prefix(" column ") {
            Some(t) => skip_digits(t),
            None => tail,
        };
        rest = &rest[rest.len() - tail.len()..];
    }
    out.push_str(rest);
    out
}

/// The line of `key:` in the front matter, for errors about a value that
/// parsed but is wrong; the opening `---` when the key is absent.
pub fn key_line(split: &Split<'_>, key: &str) -> usize {
    split
        .front_matter
        .lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map_or(1, |i| i + split.front_matter_line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_keeps_later_rules_in_body() {
        let s = split("---\ntitle: a\n---\nbody\n\n---\n\nmore").unwrap();
        assert_eq!(s.front_matter, "title: a\n");
        assert_eq!(s.body, "body\n\n---\n\nmore");
    }

    #[test]
    fn missing_or_unclosed_front_matter_is_an_error() {
        assert_eq!(split("title: a\n").err().unwrap().line, 1);
        assert!(
            split("---\ntitle: a\n")
                .err()
                .unwrap()
                .message
                .contains("not closed")
        );
    }

    #[test]
    fn yaml_errors_point_into_the_file() {
        let s = split("---\ntitle: a\ndate: \"2023-01-01\"\ntags: [a, b\n---\n").unwrap();
        let e = parse(&s).unwrap_err();
        assert!(e.line >= 4, "{e:?}");
        let s = split("---\ntitle: a\ntag: [x]\n---\n").unwrap();
        let e = parse(&s).unwrap_err();
        assert_eq!((e.line, e.column), (3, 1), "{e:?}");
        assert_eq!(e.message, "unknown key `tag`");
        assert_eq!(e.hint.as_deref(), Some("did you mean `tags`?"));
    }

    #[test]
    fn positions_inside_the_block_are_dropped_from_messages() {
        assert_eq!(
            without_positions(
                "found unexpected end of stream at line 3 column 1, while scanning a quoted scalar"
            ),
            "found unexpected end of stream, while scanning a quoted scalar"
        );
        assert_eq!(
            without_positions("invalid type: integer `5` at line 2 column 8"),
            "invalid type: integer `5`"
        );
    }

    #[test]
    fn reporter_and_subtitle_take_one_or_many() {
        let s = split("---\nreporter: 김정영\nsubtitle: [가, 나]\n---\n").unwrap();
        let fm = parse(&s).unwrap();
        assert_eq!(fm.reporter.0, vec!["김정영"]);
        assert_eq!(fm.subtitle.0, vec!["가", "나"]);
        assert_eq!(key_line(&s, "subtitle"), 3);
    }
}

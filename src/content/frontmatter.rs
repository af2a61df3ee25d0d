//! Front matter: the YAML block at the top of an article.
//!
//! This is the only place YAML is parsed. [`split`] finds the block (a UTF-8
//! BOM and CRLF line endings are accepted; a later `---` is the body's
//! horizontal rule) and [`parse_yaml`] reads it into a YAML value, which
//! [`super::fields`] turns into typed fields. Errors carry line and column
//! in the `.md` file, not inside the block, and point where the fix goes
//! (an unclosed quote at its own line, not at the end of the block).

/// An article file split into its parts.
pub struct Split<'a> {
    pub front_matter: &'a str,
    /// 1-based line of the file where the front matter text starts.
    pub front_matter_line: usize,
    pub body: &'a str,
    /// 1-based line of the file where the body starts.
    pub body_line: usize,
}

/// A problem in the front matter, positioned in the `.md` file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub hint: Option<String>,
}

/// The text of a source file without its UTF-8 BOM and with `\n` line
/// ends (CRLF and CR are accepted).
pub fn normalize(text: &str) -> std::borrow::Cow<'_, str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
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
            let body_start = offset + line.len();
            return Ok(Split {
                front_matter: &text[fm_start..offset],
                front_matter_line: 2,
                body: &text[body_start..],
                body_line: text[..body_start].matches('\n').count() + 1,
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

/// Parses the front matter text into a YAML value; a syntax error is
/// placed in the `.md` file, at the line where the author can fix it.
pub fn parse_yaml(split: &Split<'_>) -> Result<serde_yaml::Value, FrontMatterError> {
    if split.front_matter.trim().is_empty() {
        return Ok(serde_yaml::Value::Null);
    }
    serde_yaml::from_str(split.front_matter).map_err(|e| syntax_error(split, &e))
}

fn syntax_error(split: &Split<'_>, e: &serde_yaml::Error) -> FrontMatterError {
    let text = e.to_string();
    let in_file = |line: usize| line + split.front_matter_line - 1;
    // libyaml reports an unclosed quote where the input ends (the closing
    // `---`); the quote itself is where the scan started.
    if let Some((line, column)) = context_position(&text, "while scanning a quoted scalar") {
        return FrontMatterError {
            line: in_file(line),
            column,
            message: "this quote is not closed".into(),
            hint: Some(
                "end the value with the same quote mark on this line; write a double quote inside double quotes as \\\"".into(),
            ),
        };
    }
    if let Some(key) = text
        .strip_prefix("duplicate entry with key \"")
        .and_then(|rest| rest.split('"').next())
    {
        let line = key_lines(split, key)
            .nth(1)
            .unwrap_or(split.front_matter_line);
        return FrontMatterError {
            line,
            column: 1,
            message: format!("`{key}` is given twice"),
            hint: Some("keep one of the two lines".into()),
        };
    }
    let (line, column) = e.location().map_or((split.front_matter_line, 1), |l| {
        (in_file(l.line()), l.column())
    });
    FrontMatterError {
        line,
        column,
        message: format!(
            "the front matter is not valid YAML: {}",
            without_positions(&text)
        ),
        hint: Some("write one `key: value` per line; put text with `:` or `#` in quotes".into()),
    }
}

/// The `at line N column M` that follows `context` in a libyaml message.
fn context_position(message: &str, context: &str) -> Option<(usize, usize)> {
    let rest = &message[message.find(context)? + context.len()..];
    let rest = rest.strip_prefix(" at line ")?;
    let (line, rest) = rest.split_once(" column ")?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.parse().ok()?, column.parse().ok()?))
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

/// The lines of the file where `key:` is written at the top level.
fn key_lines<'s>(split: &'s Split<'_>, key: &'s str) -> impl Iterator<Item = usize> + 's {
    split
        .front_matter
        .lines()
        .enumerate()
        .filter(move |(_, l)| {
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map(|(i, _)| i + split.front_matter_line)
}

/// The line of `key:` in the front matter, for errors about a value that
/// parsed but is wrong; the opening `---` when the key is absent.
pub fn key_line(split: &Split<'_>, key: &str) -> usize {
    key_lines(split, key).next().unwrap_or(1)
}

/// The line of `sub:` indented under `key:` (`image:` / `  src:`).
pub fn nested_key_line(split: &Split<'_>, key: &str, sub: &str) -> usize {
    let start = key_line(split, key);
    let first = start.saturating_sub(split.front_matter_line) + 1;
    split
        .front_matter
        .lines()
        .enumerate()
        .skip(first)
        .take_while(|(_, l)| l.starts_with([' ', '\t']) || l.trim().is_empty())
        .find(|(_, l)| {
            l.trim_start()
                .strip_prefix(sub)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map_or(start, |(i, _)| i + split.front_matter_line)
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
        let e = parse_yaml(&s).unwrap_err();
        assert!(e.line >= 4, "{e:?}");
        assert!(e.message.contains("not valid YAML"), "{e:?}");
    }

    #[test]
    fn an_unclosed_quote_is_reported_at_its_own_line() {
        let s = split("---\ntitle: \"한국은행, 금리 동결\ndate: 2023-01-01\ntags: [a]\n---\nbody")
            .unwrap();
        let e = parse_yaml(&s).unwrap_err();
        assert_eq!((e.line, e.column), (2, 8), "{e:?}");
        assert_eq!(e.message, "this quote is not closed");
    }

    #[test]
    fn a_surrogate_escape_is_refused_by_the_yaml_parser() {
        // Rust strings cannot hold lone surrogates; libyaml refuses the escape.
        let s = split("---\ntitle: \"a\\ud800b\"\n---\n").unwrap();
        let e = parse_yaml(&s).unwrap_err();
        assert_eq!(e.line, 2, "{e:?}");
        assert!(
            e.message.contains("invalid Unicode character escape"),
            "{e:?}"
        );
    }

    #[test]
    fn a_key_given_twice_points_at_the_second() {
        let s = split("---\ntitle: a\ndate: x\ntitle: b\n---\n").unwrap();
        let e = parse_yaml(&s).unwrap_err();
        assert_eq!(e.line, 4, "{e:?}");
        assert_eq!(e.message, "`title` is given twice");
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
    fn nested_keys_are_found_under_their_parent() {
        let s = split("---\nsrc: x\nimage:\n  alt: a\n  src: b\ndate: 1\n---\n").unwrap();
        assert_eq!(key_line(&s, "image"), 3);
        assert_eq!(nested_key_line(&s, "image", "src"), 5);
        assert_eq!(nested_key_line(&s, "image", "credit"), 3);
    }
}

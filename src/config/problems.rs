//! Problems in `site.toml`, each placed at the key it concerns, in words
//! an editor can act on (serde's "expected usize" becomes "expected a
//! whole number, 0 or more").

use crate::error::{Diagnostic, explain_unknown_field, line_col};
use crate::text::{first_forbidden, forbidden_message};

use super::CONFIG_FILE;

/// Problems found so far, each pointing at the key it concerns.
pub struct Problems<'a> {
    pub text: &'a str,
    pub list: Vec<Diagnostic>,
}

impl Problems<'_> {
    /// Where `key = ...` is written (the start of the file if nowhere).
    pub fn key_position(&self, key: &str) -> (usize, usize) {
        key_position(self.text, key)
    }

    pub fn at_key(&mut self, key: &str, message: String, hint: Option<String>) {
        let (line, column) = key_position(self.text, key);
        self.list
            .push(Diagnostic::new(CONFIG_FILE, line, column, message).with_optional_hint(hint));
    }
}

/// Refuses, in any string of site.toml, a character that pages and feeds
/// forbid (TOML escapes such as `"\u0001"` do not show in the file).
pub fn forbidden_characters(table: &toml::Table, problems: &mut Problems<'_>) {
    fn walk(key: &str, value: &toml::Value, problems: &mut Problems<'_>) {
        match value {
            toml::Value::String(s) => {
                if let Some((_, c)) = first_forbidden(s) {
                    let (message, hint) = forbidden_message(c);
                    problems.at_key(key, format!("`{key}`: {message}"), Some(hint.into()));
                }
            }
            toml::Value::Array(items) => items.iter().for_each(|v| walk(key, v, problems)),
            toml::Value::Table(t) => t.iter().for_each(|(k, v)| walk(k, v, problems)),
            _ => {}
        }
    }
    for (key, value) in table {
        walk(key, value, problems);
    }
}

pub fn toml_diagnostic(text: &str, e: &toml::de::Error) -> Diagnostic {
    let (line, column) = e.span().map_or((0, 0), |s| line_col(text, s.start));
    let message = plain_words(e.message().trim());
    match explain_unknown_field(&message) {
        Some((message, hint)) => {
            Diagnostic::new(CONFIG_FILE, line, column, message).with_optional_hint(hint)
        }
        None => Diagnostic::new(CONFIG_FILE, line, column, message),
    }
}

/// serde's wording of a type error, in words an editor can act on.
fn plain_words(message: &str) -> String {
    let mut out = message.to_string();
    for (rust, plain) in [
        (" as i128", ""),
        (" as u128", ""),
        ("invalid type: ", "found "),
        ("invalid value: ", "found "),
        ("floating point ", "the number "),
        ("integer ", "the number "),
        ("string ", "the text "),
        ("boolean ", ""),
        ("expected usize", "expected a whole number, 0 or more"),
        ("expected u64", "expected a whole number, 0 or more"),
        ("expected i64", "expected a whole number"),
        (
            "expected a sequence",
            "expected a list, like [\"a\", \"b\"]",
        ),
        ("expected a map", "expected a table of `key = value` lines"),
        ("expected a string", "expected text in quotes"),
    ] {
        out = out.replace(rust, plain);
    }
    if let Some(i) = out.find("expected struct ") {
        out.truncate(i);
        out.push_str("expected a table of `key = value` lines");
    }
    out
}

/// Where `key = ...` is first written, for pointing at a value that parsed
/// but is wrong; the start of the file when the key is absent.
fn key_position(text: &str, key: &str) -> (usize, usize) {
    for (i, line) in text.lines().enumerate() {
        let t = line.trim_start();
        if let Some(rest) = t.strip_prefix(key)
            && rest.trim_start().starts_with('=')
        {
            return (i + 1, line.len() - t.len() + 1);
        }
    }
    (1, 1)
}

pub fn table_position(text: &str, table: &str) -> (usize, usize) {
    let header = format!("[{table}]");
    text.lines()
        .position(|l| l.trim() == header)
        .map_or((1, 1), |i| (i + 1, 1))
}

//! Errors and diagnostics.
//!
//! A [`Diagnostic`] points at one place in one input file (`path:line:column`)
//! and says what is wrong and, where it helps, what to do. Every stage that
//! reads user input collects diagnostics instead of stopping at the first, so
//! one run reports every bad file. [`Error`] is what the pipeline returns; the
//! binary turns it into a report and an exit code.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem in one input file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    /// The file, relative to the site root where possible.
    pub path: PathBuf,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column; 0 when unknown.
    pub column: usize,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn new(
        path: impl Into<PathBuf>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            path: path.into(),
            line,
            column,
            message: message.into(),
            hint: None,
        }
    }

    /// A problem with the file as a whole (no useful position).
    pub fn whole_file(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic::new(path, 0, 0, message)
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_optional_hint(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        write!(f, ": {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Why a build (or serve) failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}", summarize("site configuration", .0))]
    Config(Vec<Diagnostic>),

    #[error("{}", summarize("content", .0))]
    Content(Vec<Diagnostic>),

    #[error("{}", summarize("templates", .0))]
    Template(Vec<Diagnostic>),

    #[error("output directory {}: {message}", .path.display())]
    Output { path: PathBuf, message: String },

    /// A bug in byline, such as a path the output sink refused although
    /// every name was checked where it was read.
    #[error("internal error: {0}")]
    Internal(String),

    #[error("{}: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    pub fn io(path: impl AsRef<Path>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.as_ref().to_path_buf(),
            source,
        }
    }

    /// The diagnostics carried by this error, if it is about input files.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Error::Config(d) | Error::Content(d) | Error::Template(d) => d,
            Error::Output { .. } | Error::Internal(_) | Error::Io { .. } => &[],
        }
    }
}

fn summarize(what: &str, diagnostics: &[Diagnostic]) -> String {
    let mut out = match diagnostics.len() {
        1 => format!("1 problem in the {what}:"),
        n => format!("{n} problems in the {what}:"),
    };
    for d in diagnostics {
        out.push('\n');
        out.push_str(&d.to_string());
    }
    out
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Suggests the closest of `candidates` to a misspelt `word`, if one is close.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// Rewrites serde's "unknown field `x`, expected one of `a`, `b`" into our
/// wording, with a suggestion drawn from the expected names.
pub fn explain_unknown_field(message: &str) -> Option<(String, Option<String>)> {
    let rest = message.strip_prefix("unknown field `")?;
    let (field, expected) = rest.split_once('`')?;
    let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    let hint = match did_you_mean(field, candidates.iter().copied()) {
        Some(best) => Some(format!("did you mean `{best}`?")),
        None if !candidates.is_empty() => Some(format!(
            "allowed keys here: {}; put free-form values under `extra`",
            candidates.join(", ")
        )),
        None => None,
    };
    Some((format!("unknown key `{field}`"), hint))
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    #[test]
    fn unknown_field_messages_get_a_suggestion() {
        let (msg, hint) =
            explain_unknown_field("unknown field `tag`, expected one of `title`, `tags`, `date`")
                .unwrap();
        assert_eq!(msg, "unknown key `tag`");
        assert_eq!(hint.as_deref(), Some("did you mean `tags`?"));
        assert!(explain_unknown_field("missing field `title`").is_none());
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\n가나다x", 12), (2, 4));
        assert_eq!(line_col("ab\n가나다x", 10), (2, 3), "inside a character");
        assert_eq!(line_col("abc", 0), (1, 1));
    }

    use super::*;

    #[test]
    fn diagnostic_prints_path_line_column_and_hint() {
        let d = Diagnostic::new("content/a.md", 3, 1, "unknown key `tag`")
            .with_hint("did you mean `tags`?");
        assert_eq!(
            d.to_string(),
            "content/a.md:3:1: unknown key `tag`\n  hint: did you mean `tags`?"
        );
    }

    #[test]
    fn suggestion_finds_close_names_only() {
        let keys = ["title", "tags", "date", "related-count"];
        assert_eq!(did_you_mean("tag", keys), Some("tags"));
        assert_eq!(did_you_mean("related_count", keys), Some("related-count"));
        assert_eq!(did_you_mean("zzzz", keys), None);
    }
}

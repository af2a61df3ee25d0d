//! Where an article goes: its section and slug, checked as URL segments,
//! and the path its permalink gives.
//!
//! The section is `section:` or the first directory below `content/`, the
//! slug `slug:` or the file name; both are refused when they hold
//! separators, `..` or characters unsafe in a path, are compared in NFC, and
//! must give a segment that is not empty, reserved or too long. Problems are
//! collected at the line of their key.

use std::path::Path;

use jiff::Timestamp;

use super::frontmatter::{self, Split};
use crate::dates::parse_date;
use crate::error::Diagnostic;
use crate::urls::{RESERVED_SEGMENTS, SitePath, check_path_name, checked_segment, nfc};

/// Problems found while resolving, each at the line of its key.
pub struct Problems<'a> {
    pub split: &'a Split<'a>,
    pub source: &'a Path,
    pub list: Vec<Diagnostic>,
}

impl Problems<'_> {
    /// A problem at a place in the body.
    pub fn at_position(&mut self, line: usize, column: usize, message: String, hint: Option<&str>) {
        let d = Diagnostic::new(self.source, line, column, message);
        self.list.push(match hint {
            Some(h) => d.with_hint(h),
            None => d,
        });
    }

    pub fn at(&mut self, key: &str, message: String, hint: Option<&str>) {
        let line = frontmatter::key_line(self.split, key);
        let d = Diagnostic::new(self.source, line, 1, message);
        self.list.push(match hint {
            Some(h) => d.with_hint(h),
            None => d,
        });
    }

    pub fn date(
        &mut self,
        key: &str,
        value: Option<&str>,
        tz: &jiff::tz::TimeZone,
    ) -> Option<Timestamp> {
        match parse_date(value?, tz) {
            Ok(ts) => Some(ts),
            Err(e) => {
                self.at(key, format!("`{key}`: {e}"), None);
                None
            }
        }
    }
}

/// The section as written in front matter, else the first directory below
/// `content/`; in NFC, so an NFD directory name (macOS) is the same section.
pub fn section_name(
    written: Option<String>,
    content_relative: &Path,
    problems: &mut Problems<'_>,
) -> Option<String> {
    if let Some(s) = written {
        return checked_name("section", &s, problems);
    }
    let mut components = content_relative.components();
    let first = components.next()?;
    if components.next().is_none() {
        problems.at(
            "section",
            "the article has no section".into(),
            Some("put the file in a directory under content/ (the section) or set `section:`"),
        );
        return None;
    }
    match first.as_os_str().to_str() {
        Some(dir) => checked_name("section", dir, problems),
        None => {
            problems.at(
                "section",
                format!("the directory name {:?} is not UTF-8", first.as_os_str()),
                Some("rename the directory"),
            );
            None
        }
    }
}

/// The slug as written, else the file name without its extension.
pub fn slug_name(
    written: Option<String>,
    content_relative: &Path,
    problems: &mut Problems<'_>,
) -> Option<String> {
    if let Some(s) = written {
        return checked_name("slug", &s, problems);
    }
    // A page bundle (`IT/slug/index.md`) is named by its directory.
    let named_by = if super::media::is_bundle_index(content_relative) {
        content_relative.parent().and_then(|d| d.file_name())
    } else {
        content_relative.file_stem()
    };
    match named_by.and_then(|s| s.to_str()) {
        Some(stem) => checked_name("slug", stem, problems),
        None => {
            problems.at(
                "slug",
                "the file name is not UTF-8".into(),
                Some("rename the file, or set `slug:`"),
            );
            None
        }
    }
}

/// A section or slug name as written, refused when it holds separators,
/// `..` or characters unsafe in a path; in NFC.
fn checked_name(key: &str, name: &str, problems: &mut Problems<'_>) -> Option<String> {
    match check_path_name(name) {
        Ok(()) => Some(nfc(name.trim()).into_owned()),
        Err(e) => {
            problems.at(
                key,
                format!("`{key}` {e}"),
                Some("use letters, digits and `-`"),
            );
            None
        }
    }
}

pub fn segment(
    key: &str,
    name: &str,
    reserved: &[&str],
    problems: &mut Problems<'_>,
) -> Option<String> {
    match checked_segment(name, reserved) {
        Ok(segment) => Some(segment),
        Err(e) => {
            problems.at(key, format!("`{key}` {e}"), Some("use letters or digits"));
            None
        }
    }
}

/// An article's page may not take a URL byline uses for its own pages, nor
/// a path the output could not hold.
pub fn check_article_path(path: &SitePath) -> Result<(), String> {
    path.check()?;
    match path.segments.first() {
        Some(first) if RESERVED_SEGMENTS.contains(&first.as_str()) => {
            Err(format!("/{first}/ is kept for byline's own pages"))
        }
        None if path.file.is_none() => Err("it would be the front page".into()),
        _ => Ok(()),
    }
}

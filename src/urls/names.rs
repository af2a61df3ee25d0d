//! How names become URL segments, and which are refused.
//!
//! Sections, slugs, tags and reporters become segments that keep Hangul
//! (Latin lower-cased, punctuation turned into `-`), compared and written in
//! Unicode NFC: macOS hands out file names in NFD, and `경제` typed on one
//! machine must be the same section as `경제` read from another's disk.
//!
//! Three levels of checking, from the author's text to the disk:
//! - [`check_path_name`]: a slug, section or directory name as written must
//!   not hold separators, `..` or characters unsafe in a path; such a name is
//!   refused, never silently rewritten;
//! - [`checked_segment`]: the segment made from a name must not be empty,
//!   reserved for byline's own pages, or too long for a file system;
//! - [`check_segment`]: what the output sink enforces on every path it is
//!   given, whatever made it.

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// The longest file or directory name that common file systems (ext4,
/// APFS, NTFS) accept, in bytes of UTF-8.
pub const MAX_NAME_BYTES: usize = 255;

/// First URL segments the site's own pages use: no section may take them,
/// and no tag or reporter may be `page` (it would shadow pagination).
pub const RESERVED_SEGMENTS: &[&str] = &["tags", "reporters", "page"];

/// The text in Unicode NFC; borrowed when it already is (the common case).
pub fn nfc(text: &str) -> Cow<'_, str> {
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => Cow::Borrowed(text),
        _ => Cow::Owned(text.nfc().collect()),
    }
}

/// Turns a display name into a URL segment: letters and digits of any script
/// are kept (Latin lower-cased), everything else becomes `-`, runs of `-` are
/// collapsed and trimmed. May return an empty string (a name of punctuation).
pub fn segment_from_name(name: &str) -> String {
    let name = nfc(name);
    let mut out = String::with_capacity(name.len());
    let mut pending_dash = false;
    for c in name.chars() {
        let word = if c.is_ascii() {
            c.is_ascii_alphanumeric() || c == '_'
        } else {
            c.is_alphanumeric()
        };
        if word {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
        } else {
            pending_dash = true;
        }
    }
    out
}

/// The merge key and URL segment of a tag: `OpenAI`, `openai` and
/// ` Open AI`'s spacing variants that give the same segment are one tag.
pub fn tag_key(tag: &str) -> String {
    segment_from_name(tag)
}

/// Checks a slug, section or directory name as written by an author,
/// before it is turned into a segment: path separators, `..`, control
/// characters and characters unsafe in a file name are refused rather than
/// silently rewritten.
pub fn check_path_name(name: &str) -> Result<(), String> {
    if name.trim().is_empty() {
        return Err("is empty".into());
    }
    if name == "." || name.contains("..") {
        return Err(format!("`{}` contains `..` or is `.`", name.escape_debug()));
    }
    if let Some(c) = name.chars().find(|c| {
        matches!(
            c,
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' | '%' | '#'
        ) || c.is_control()
    }) {
        return Err(format!(
            "`{}` contains `{}`, which is not allowed in a path",
            name.escape_debug(),
            c.escape_default()
        ));
    }
    if name.starts_with('.') {
        return Err(format!("`{name}` starts with `.`"));
    }
    Ok(())
}

/// The URL segment of a name, checked: it must have letters or digits, must
/// not be one of `reserved`, and must fit in a file name.
pub fn checked_segment(name: &str, reserved: &[&str]) -> Result<String, String> {
    let segment = segment_from_name(name);
    if segment.is_empty() {
        return Err(format!(
            "`{}` has no letters or digits, so it gives no URL",
            name.escape_debug()
        ));
    }
    if reserved.contains(&segment.as_str()) {
        return Err(format!(
            "`{name}` would take the URL segment `{segment}`, which byline keeps for its own pages"
        ));
    }
    if segment.len() > MAX_NAME_BYTES {
        return Err(format!(
            "`{}...` gives a URL segment of {} bytes; file systems allow at most {MAX_NAME_BYTES}",
            name.chars().take(20).collect::<String>(),
            segment.len()
        ));
    }
    Ok(segment)
}

/// What every segment of an output path must be, whatever made it: not
/// empty, `.` or `..`; no `/`, `\`, NUL or other control character; at most
/// [`MAX_NAME_BYTES`] bytes. The output sink refuses anything else.
pub fn check_segment(segment: &str) -> Result<(), String> {
    if segment.is_empty() || segment == "." || segment == ".." {
        return Err(format!(
            "the path segment `{segment}` is empty, `.` or `..`"
        ));
    }
    if let Some(c) = segment
        .chars()
        .find(|&c| c == '/' || c == '\\' || c.is_control())
    {
        return Err(format!(
            "the path segment `{}` contains `{}`",
            segment.escape_debug(),
            c.escape_default()
        ));
    }
    if segment.len() > MAX_NAME_BYTES {
        return Err(format!(
            "a path segment of {} bytes is longer than the {MAX_NAME_BYTES} a file system allows",
            segment.len()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_keep_hangul_and_lower_latin() {
        assert_eq!(segment_from_name("샘 올트먼"), "샘-올트먼");
        assert_eq!(segment_from_name("OpenAI"), "openai");
        assert_eq!(segment_from_name("  AT&T / <삼성>  "), "at-t-삼성");
        assert_eq!(segment_from_name("IT"), "it");
        assert_eq!(segment_from_name("?!"), "");
    }

    #[test]
    fn segments_are_nfc_whatever_the_input() {
        let composed = "경제 café";
        let decomposed: String = composed.nfd().collect();
        assert_ne!(composed, decomposed);
        assert_eq!(segment_from_name(&decomposed), "경제-café");
        assert_eq!(segment_from_name(&decomposed), segment_from_name(composed));
        assert_eq!(nfc(&decomposed), composed);
    }

    #[test]
    fn unsafe_path_names_are_refused() {
        assert!(check_path_name("국제").is_ok());
        for bad in [
            "a/b", "..", ".", "a..b", "a\\b", ".hidden", "", "  ", "a\u{1}b", "a\tb",
        ] {
            assert!(check_path_name(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn checked_segments_refuse_empty_reserved_and_long_names() {
        assert_eq!(checked_segment("경제", RESERVED_SEGMENTS).unwrap(), "경제");
        assert!(checked_segment("?!", &[]).is_err());
        let e = checked_segment("Tags", RESERVED_SEGMENTS).unwrap_err();
        assert!(e.contains("own pages"), "{e}");
        // 86 Hangul syllables are 258 bytes of UTF-8.
        let long = "가".repeat(86);
        assert!(
            checked_segment(&long, &[])
                .unwrap_err()
                .contains("258 bytes")
        );
        assert!(checked_segment(&"가".repeat(85), &[]).is_ok());
    }

    #[test]
    fn output_segments_are_checked() {
        assert!(check_segment("index.html").is_ok());
        assert!(check_segment("기사").is_ok());
        for bad in ["", ".", "..", "a/b", "a\\b", "a\0b", "a\u{7f}"] {
            assert!(check_segment(bad).is_err(), "{bad:?}");
        }
        assert!(check_segment(&"a".repeat(256)).is_err());
    }
}

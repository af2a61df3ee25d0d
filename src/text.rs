//! Characters that may not appear in a web page or a feed.
//!
//! XML 1.0 (feeds, sitemaps) forbids the C0 controls other than tab, line
//! feed and carriage return, and U+FFFE/U+FFFF; HTML also forbids U+007F to
//! U+009F and every Unicode noncharacter. One such character (often pasted
//! in invisibly with text from another program) makes a feed unparseable, so
//! byline refuses them where they are read, naming the place.

/// Whether HTML or XML 1.0 forbids `c` in text.
pub fn is_forbidden(c: char) -> bool {
    let cp = c as u32;
    (cp < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
        || (0x7F..=0x9F).contains(&cp)
        || (0xFDD0..=0xFDEF).contains(&cp)
        || cp & 0xFFFE == 0xFFFE
}

/// The byte offset and character of the first forbidden character.
pub fn first_forbidden(text: &str) -> Option<(usize, char)> {
    let bytes = text.as_bytes();
    let mut start = 0;
    // Eight bytes at a time, looking closer only at words with a byte that
    // can start a forbidden character; this runs over every article of
    // every build.
    while start < bytes.len() {
        let end = (start + 8).min(bytes.len());
        if end - start == 8 {
            let word = u64::from_le_bytes(bytes[start..end].try_into().unwrap_or([0xFF; 8]));
            if !word_may_hold_forbidden(word) {
                start = end;
                continue;
            }
        }
        for (i, &b) in bytes.iter().enumerate().take(end).skip(start) {
            let suspect = b < 0x20 || b == 0x7F || b == 0xC2 || b == 0xEF || b >= 0xF0;
            if suspect
                && let Some(c) = text.get(i..).and_then(|rest| rest.chars().next())
                && is_forbidden(c)
            {
                return Some((i, c));
            }
        }
        start = end;
    }
    None
}

/// Whether any byte of `word` is a control character other than tab, LF
/// or CR, DEL, 0xC2 (C1 controls) or 0xEF and above (noncharacters).
fn word_may_hold_forbidden(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH != 0;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGH != 0;
    // Tab, LF and CR are fine; a word with one is looked at byte by byte
    // only when it has another control byte.
    let control = below_space
        && word
            .to_le_bytes()
            .iter()
            .any(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'));
    let del = ((word & LOW7) + ONES) & !word & HIGH != 0;
    let at_least_ef = ((word & LOW7) + ONES * 0x11) & word & HIGH != 0;
    control || del || at_least_ef || has_zero(word ^ (ONES * 0xC2))
}

/// How a forbidden character is named in messages: `U+0001`.
pub fn describe(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// The message for a forbidden character, and the hint.
pub fn forbidden_message(c: char) -> (String, &'static str) {
    (
        format!(
            "the invisible character {} is not allowed in web pages and feeds",
            describe(c)
        ),
        "delete it (it often comes with text pasted from another program)",
    )
}

/// The first forbidden character of a source file's text, as a problem at
/// its line and column, with its byte offset.
pub fn forbidden_in_file(
    source: &std::path::Path,
    text: &str,
) -> Option<(usize, crate::error::Diagnostic)> {
    let (offset, c) = first_forbidden(text)?;
    let (line, column) = crate::error::line_col(text, offset);
    let (message, hint) = forbidden_message(c);
    Some((
        offset,
        crate::error::Diagnostic::new(source, line, column, message).with_hint(hint),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_ascii_byte_at_every_place_is_judged_like_the_char_scan() {
        let base = "가나다라ab마바사아자cd";
        let places: Vec<usize> = base
            .char_indices()
            .map(|(i, _)| i)
            .chain([base.len()])
            .collect();
        for b in 0u8..=0x7F {
            for &at in &places {
                let mut text = base.to_string();
                text.insert(at, char::from(b));
                let slow = text.char_indices().find(|&(_, c)| is_forbidden(c));
                assert_eq!(first_forbidden(&text), slow, "{b:#x} at {at}");
            }
        }
    }

    #[test]
    fn finds_controls_and_noncharacters_only() {
        assert_eq!(first_forbidden("기사\t본문\r\n"), None);
        assert_eq!(first_forbidden("ab\u{1}c"), Some((2, '\u{1}')));
        assert_eq!(first_forbidden("가\u{7f}"), Some((3, '\u{7f}')));
        assert_eq!(first_forbidden("a\u{85}"), Some((1, '\u{85}')));
        assert_eq!(first_forbidden("a\u{fffe}"), Some((1, '\u{fffe}')));
        assert_eq!(first_forbidden("a\u{fdd0}"), Some((1, '\u{fdd0}')));
        assert_eq!(first_forbidden("😀\u{10ffff}"), Some((4, '\u{10ffff}')));
        assert_eq!(first_forbidden("ｆｕｌｌ😀é"), None);
    }

    #[test]
    fn byte_scan_agrees_with_a_char_scan() {
        let samples = [
            "\u{0}",
            "x\u{9f}y",
            "\u{a0}",
            "\u{ffef}\u{fffd}",
            "\u{1fffe}",
        ];
        for s in samples {
            let slow = s.char_indices().find(|&(_, c)| is_forbidden(c));
            assert_eq!(first_forbidden(s), slow, "{s:?}");
        }
    }
}

//! Which language an article is written in, for its `lang` attribute.
//!
//! Korean newsrooms publish English articles beside Korean ones; screen
//! readers and validators need the right `lang`. The rule is simple and
//! documented: on a Korean or English site, an article whose letters are
//! mostly Hangul is `ko`, one with (almost) no Hangul is `en`. Other sites
//! keep their `language` for every article.

/// How much of an article is looked at.
const SAMPLE_BYTES: usize = 8000;

/// Counts Hangul syllables against Latin letters in the first few thousand
/// bytes of `parts` (title, summary, body).
pub fn detect(parts: &[&str], site_language: &str) -> String {
    let site = site_language.to_ascii_lowercase();
    let primary = site.split('-').next().unwrap_or_default();
    if primary != "ko" && primary != "en" {
        return site_language.to_string();
    }
    // Bytes, not chars: Hangul syllables (U+AC00..U+D7A3) are three-byte
    // sequences led by 0xEA..=0xED; ASCII letters are single bytes. (Two
    // counting passes over a slice, which the compiler vectorises.)
    let (mut hangul, mut latin, mut left) = (0usize, 0usize, SAMPLE_BYTES);
    for part in parts {
        let sample = &part.as_bytes()[..part.len().min(left)];
        hangul += sample.iter().filter(|&&b| b.wrapping_sub(0xEA) < 4).count();
        latin += sample.iter().filter(|&&b| b.is_ascii_alphabetic()).count();
        left -= sample.len();
        if left == 0 {
            break;
        }
    }
    // A Hangul syllable carries about as much as three Latin letters.
    let korean = hangul * 3 >= latin / 2 && hangul > 0;
    let detected = if korean { "ko" } else { "en" };
    if detected == primary {
        site_language.to_string()
    } else {
        detected.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn korean_with_latin_words_is_korean() {
        assert_eq!(
            detect(
                &["오픈AI 이사회가 샘 올트먼 CEO를 해임했다. MS는 49%를 보유했다."],
                "ko"
            ),
            "ko"
        );
    }

    #[test]
    fn english_on_a_korean_site_is_english() {
        assert_eq!(
            detect(
                &["OpenAI's board removed Sam Altman on Friday, citing candour."],
                "ko"
            ),
            "en"
        );
        assert_eq!(
            detect(
                &["Samsung and 삼성전자 are the same company, reporters noted at length today."],
                "ko"
            ),
            "en"
        );
    }

    #[test]
    fn korean_on_an_english_site_and_other_sites() {
        assert_eq!(detect(&["한국은행이 기준금리를 동결했다."], "en-US"), "ko");
        assert_eq!(detect(&["Plain English text here."], "en-US"), "en-US");
        assert_eq!(detect(&["日本語の記事"], "ja"), "ja");
    }
}

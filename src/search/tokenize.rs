//! Text to search terms, the same way for articles and for queries.
//!
//! Words are runs of letters and digits (Hangul, Latin, digits mixed:
//! `오픈AI가`, `SK하이닉스의` and `HBM3E` are one word each), folded with
//! NFKC and lower case. A word that ends in Hangul loses the longest
//! particle or ending of [`ENDINGS`] that leaves a stem of at least
//! [`MIN_STEM`] characters (two-syllable endings may leave one), so
//! `올트먼이`, `올트먼은` and `올트먼` are one term, as are `강화하는`,
//! `강화했다` and `강화`. An all-Latin word is stemmed by a few English
//! suffix rules ([`english_stem`]). The client (`search.js`) applies the
//! same rules to the query with the list it reads from the index, so the
//! two cannot drift apart.
//!
//! [`Analyzer::Bigrams`] (Hangul character bigrams) exists only so that
//! `benches/search_eval.rs` can compare it with stripping: the site index
//! uses [`Analyzer::Stems`] (see the README's "Search" section for why).

use unicode_normalization::UnicodeNormalization;

/// The shortest stem a one-syllable ending may leave.
pub const MIN_STEM: usize = 2;

/// Particles (조사), their common combinations, and the endings of
/// 하다/되다 verbs and of the copula, that a Korean word may carry.
pub const ENDINGS: &[&str] = &[
    // Particles.
    "이",
    "가",
    "은",
    "는",
    "을",
    "를",
    "의",
    "에",
    "도",
    "만",
    "와",
    "과",
    "로",
    "으로",
    "에서",
    "에게",
    "에게서",
    "께서",
    "한테",
    "로서",
    "으로서",
    "로써",
    "으로써",
    "로부터",
    "으로부터",
    "부터",
    "까지",
    "처럼",
    "보다",
    "마다",
    "조차",
    "마저",
    "밖에",
    "이나",
    "이랑",
    "랑",
    "이며",
    "이라",
    "라는",
    "이라는",
    "라고",
    "이라고",
    "에는",
    "에도",
    "에서는",
    "에서도",
    "에서의",
    "으로는",
    "로는",
    "으로도",
    "로도",
    "과의",
    "와의",
    "과는",
    "와는",
    "에의",
    "까지는",
    "부터는",
    "만의",
    "만은",
    "들",
    "들이",
    "들은",
    "들을",
    "들의",
    "들에게",
    "들도",
    "들과",
    "들로",
    "들에",
    "들에서",
    // The copula.
    "이다",
    "였다",
    "이었다",
    "이고",
    "이지만",
    "이란",
    "인",
    "입니다",
    // 하다 and 되다 verbs.
    "하다",
    "한다",
    "했다",
    "하는",
    "하고",
    "하며",
    "하면",
    "하면서",
    "하기",
    "하기로",
    "할",
    "한",
    "해",
    "해서",
    "하여",
    "했고",
    "했으며",
    "했던",
    "하던",
    "하지",
    "하자",
    "했지만",
    "하겠다",
    "하려",
    "하려는",
    "하기도",
    "됐다",
    "된다",
    "되는",
    "되고",
    "되며",
    "될",
    "된",
    "돼",
    "되어",
    "되기",
    "되면서",
    "됐고",
    "됐으며",
    "시켰다",
    "시키는",
    "시킨",
    "적인",
    "적으로",
];

/// How words become terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Analyzer {
    /// Particles and endings stripped (the site index).
    Stems,
    /// Every two adjacent Hangul syllables of a stem is a term; other words
    /// as with `Stems` (measurement only).
    Bigrams,
}

/// The terms of `text`, in order, repeated as they occur.
pub fn terms(text: &str, analyzer: Analyzer, mut out: impl FnMut(&str)) {
    let mut buffer = String::new();
    for w in words(text) {
        word_terms(w, analyzer, &mut buffer, &mut out);
    }
}

/// The terms of one word of [`words`] (one, or its bigrams).
pub fn word_terms(word: &str, analyzer: Analyzer, buffer: &mut String, out: &mut impl FnMut(&str)) {
    let stem = stem(normalized(word, buffer));
    match analyzer {
        Analyzer::Stems => out(stem),
        Analyzer::Bigrams => bigrams(stem, out),
    }
}

/// The words of `text`: maximal runs of letters and digits.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
}

#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        is_syllable(c) || c.is_alphanumeric()
    }
}

/// `word` in NFKC and lower case: the word itself when it is so already
/// (plain ASCII without capitals, Hangul syllables and digits: the bulk of
/// a Korean site, which then skips the normalizer and the copy), otherwise
/// a copy in `buffer`.
fn normalized<'a>(word: &'a str, buffer: &'a mut String) -> &'a str {
    buffer.clear();
    if word.chars().all(|c| c.is_ascii() || is_syllable(c)) {
        if !word.bytes().any(|b| b.is_ascii_uppercase()) {
            return word;
        }
        buffer.push_str(word);
        buffer.make_ascii_lowercase();
    } else {
        buffer.extend(word.nfkc().flat_map(char::to_lowercase));
    }
    buffer
}

/// A precomposed Hangul syllable (가-힣).
#[inline]
pub fn is_syllable(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// The term of one normalized word.
pub fn stem(word: &str) -> &str {
    match word.chars().next_back() {
        Some(c) if is_syllable(c) => strip_ending(word),
        Some(_) if word.bytes().all(|b| b.is_ascii_lowercase()) => english_stem(word),
        _ => word,
    }
}

/// The word without its longest ending of [`ENDINGS`] that leaves a long
/// enough stem. This runs for every word of every body: the endings are
/// looked up by the word's last syllable, longest first.
pub fn strip_ending(word: &str) -> &str {
    let Some(last) = word.chars().next_back().filter(|&c| is_syllable(c)) else {
        return word;
    };
    for ending in endings_ending_in(last) {
        if let Some(stem) = strip_short_suffix(word, ending) {
            let min = if ending.len() > 3 { 1 } else { MIN_STEM };
            // Hangul is three bytes a character: count only a short stem.
            if stem.len() >= 3 * min || stem.chars().count() >= min {
                return stem;
            }
        }
    }
    word
}

/// `word` without `suffix` (a few bytes), compared in place: this runs
/// several times for most words, where a call to `memcmp` costs more than
/// the comparison.
fn strip_short_suffix<'a>(word: &'a str, suffix: &str) -> Option<&'a str> {
    let start = word.len().checked_sub(suffix.len())?;
    let tail = &word.as_bytes()[start..];
    let same = tail.iter().zip(suffix.as_bytes()).all(|(a, b)| a == b);
    // `suffix` is whole characters, so `start` is a boundary when they match.
    same.then(|| word.get(..start)).flatten()
}

/// The endings whose last syllable is `last`, longest first.
fn endings_ending_in(last: char) -> &'static [&'static str] {
    struct Table {
        /// Per syllable (from 가), one more than its group in `groups`.
        group_of: Vec<u16>,
        groups: Vec<Vec<&'static str>>,
    }
    static TABLE: std::sync::OnceLock<Table> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut table = Table {
            group_of: vec![0; 0xD7A4 - 0xAC00],
            groups: Vec::new(),
        };
        for &ending in ENDINGS {
            let Some(c) = ending.chars().next_back() else {
                continue;
            };
            let slot = &mut table.group_of[c as usize - 0xAC00];
            if *slot == 0 {
                table.groups.push(Vec::new());
                *slot = table.groups.len() as u16;
            }
            table.groups[usize::from(*slot) - 1].push(ending);
        }
        for group in &mut table.groups {
            group.sort_by_key(|e| (std::cmp::Reverse(e.len()), *e));
            group.dedup();
        }
        table
    });
    match table.group_of[last as usize - 0xAC00] {
        0 => &[],
        g => &table.groups[usize::from(g) - 1],
    }
}

/// A few English suffix rules (plural, -ing, -ed, final e and y), so
/// that `rates`, `rated` and `rate` or `policies` and `policy` meet.
/// Words of three letters or fewer are left as they are.
pub fn english_stem(word: &str) -> &str {
    if word.len() <= 3 {
        return word;
    }
    let mut w = word;
    if let Some(s) = w.strip_suffix("sses") {
        w = &word[..s.len() + 2];
    } else if let Some(s) = w.strip_suffix("ies") {
        w = s;
    } else if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        w = &w[..w.len() - 1];
    }
    for suffix in ["ing", "ed"] {
        if let Some(s) = w.strip_suffix(suffix)
            && s.len() >= 3
            && s.bytes().any(|b| b"aeiouy".contains(&b))
        {
            w = s;
            break;
        }
    }
    let b = w.as_bytes();
    if b.len() > 3 && b[b.len() - 1] == b[b.len() - 2] && !b"lsz".contains(&b[b.len() - 1]) {
        w = &w[..w.len() - 1];
    }
    if w.len() > 3 && (w.ends_with('e') || w.ends_with('y')) {
        w = &w[..w.len() - 1];
    }
    w
}

fn bigrams(stem: &str, out: &mut impl FnMut(&str)) {
    let hangul = stem.chars().filter(|c| is_syllable(*c)).count();
    if hangul < 2 || hangul != stem.chars().count() {
        out(stem);
        return;
    }
    let starts: Vec<usize> = stem.char_indices().map(|(i, _)| i).collect();
    for pair in starts.windows(3) {
        out(&stem[pair[0]..pair[2]]);
    }
    if let Some(&last) = starts.get(starts.len() - 2) {
        out(&stem[last..]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<String> {
        let mut v = Vec::new();
        terms(text, Analyzer::Stems, |t| v.push(t.to_string()));
        v
    }

    #[test]
    fn particles_are_stripped_from_names_and_nouns() {
        assert_eq!(
            all("올트먼이 올트먼은 올트먼과 올트먼"),
            ["올트먼", "올트먼", "올트먼", "올트먼"]
        );
        assert_eq!(all("반도체를 반도체에서 반도체들이"), ["반도체"; 3]);
    }

    #[test]
    fn mixed_words_keep_their_latin_part() {
        assert_eq!(all("오픈AI가 오픈AI의 오픈ai"), ["오픈ai"; 3]);
        assert_eq!(all("SK하이닉스의 HBM3E를"), ["sk하이닉스", "hbm3e"]);
    }

    #[test]
    fn verb_endings_leave_the_noun() {
        assert_eq!(all("강화하는 강화했다 강화하고 강화"), ["강화"; 4]);
        assert_eq!(all("발표했다 발표된"), ["발표"; 2]);
    }

    #[test]
    fn short_words_keep_a_stem() {
        // One syllable left by a one-syllable ending would be too little.
        assert_eq!(all("국가 결과 회의"), ["국가", "결과", "회의"]);
        // A two-syllable ending may leave one.
        assert_eq!(all("법에서 말했다"), ["법", "말"]);
    }

    #[test]
    fn english_words_are_folded_and_stemmed() {
        assert_eq!(all("Rates rated rate"), ["rat"; 3]);
        assert_eq!(all("policies policy"), ["polic"; 2]);
        assert_eq!(all("Chips chip"), ["chip"; 2]);
        assert_eq!(all("cutting cut"), ["cut"; 2]);
        assert_eq!(all("the AI bus"), ["the", "ai", "bus"]);
    }

    #[test]
    fn punctuation_splits_words_and_compatibility_forms_fold() {
        assert_eq!(
            all("GPT-4, \"K-pop\"·뉴스"),
            ["gpt", "4", "k", "pop", "뉴스"]
        );
        assert_eq!(all("ＡＩ"), ["ai"]);
    }

    #[test]
    fn words_are_the_runs_of_word_characters() {
        let plain = |text: &str| -> Vec<String> {
            text.split(|c: char| !is_word_char(c))
                .filter(|w| !w.is_empty())
                .map(String::from)
                .collect()
        };
        for text in [
            "",
            "   ",
            "올트먼이 오픈AI의 HBM3E를, «인용» 😀x😀 ｘ１ é̃ Ⅻ 末尾",
            "끝까지단어",
            "-앞뒤-",
            "a\u{0}b\u{10FFFF}c",
        ] {
            let found: Vec<String> = words(text).map(String::from).collect();
            assert_eq!(found, plain(text), "{text:?}");
        }
    }

    #[test]
    fn endings_are_syllables_and_the_longest_wins() {
        assert!(ENDINGS.iter().all(|e| e.chars().all(is_syllable)));
        // 에서는 over 는, 했다 over 다 (not an ending), 으로부터 over 부터.
        assert_eq!(strip_ending("서울에서는"), "서울");
        assert_eq!(strip_ending("발표했다"), "발표");
        assert_eq!(strip_ending("정부로부터"), "정부");
        assert_eq!(strip_ending("사람으로부터"), "사람");
        // One syllable left by a one-syllable ending is too little.
        assert_eq!(strip_ending("국가"), "국가");
        assert_eq!(strip_ending("ai가"), "ai");
    }

    #[test]
    fn bigrams_cover_compounds() {
        let mut v = Vec::new();
        terms("차세대반도체를 AI", Analyzer::Bigrams, |t| {
            v.push(t.to_string())
        });
        assert_eq!(v, ["차세", "세대", "대반", "반도", "도체", "ai"]);
    }
}

//! The readable text of an article body's HTML, for indexing.
//!
//! The body is byline's own Markdown output, so a small scanner is enough:
//! tags become spaces (a word never runs across `</p><p>`), the text of
//! `<script>` and `<style>` is dropped, and the character references
//! pulldown-cmark writes (and numeric ones an author may) are decoded.

/// The text of `html`, with a space wherever a tag was.
pub fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    for_each_text(html, |text| {
        out.push_str(text);
        out.push(' ');
    });
    out
}

/// Calls `f` with each run of text between tags, decoded (borrowed from
/// `html` unless it holds a character reference); indexing every body of
/// the site goes through here, so it copies as little as it can.
pub fn for_each_text(html: &str, mut f: impl FnMut(&str)) {
    let mut decoded = String::new();
    let mut emit = |text: &str| {
        if text.contains('&') {
            decoded.clear();
            decode_into(text, &mut decoded);
            f(&decoded);
        } else if !text.is_empty() {
            f(text);
        }
    };
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        emit(&rest[..lt]);
        rest = &rest[lt..];
        let end = rest.find('>').map_or(rest.len(), |i| i + 1);
        let tag = &rest[..end];
        rest = &rest[end..];
        for hidden in ["script", "style"] {
            if tag_is(tag, hidden) {
                let close = format!("</{hidden}");
                let at = find_ascii_ci(rest, &close).unwrap_or(rest.len());
                rest = &rest[at..];
            }
        }
    }
    emit(rest);
}

fn tag_is(tag: &str, name: &str) -> bool {
    let inner = tag.strip_prefix('<').unwrap_or(tag);
    inner.len() > name.len()
        && inner[..name.len()].eq_ignore_ascii_case(name)
        && !inner.as_bytes()[name.len()].is_ascii_alphanumeric()
}

fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Appends `text` with its character references decoded.
fn decode_into(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let semi = rest.bytes().take(12).position(|b| b == b';');
        let decoded = semi.and_then(|s| reference(&rest[1..s]).map(|c| (c, s + 1)));
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

fn reference(name: &str) -> Option<char> {
    let numeric = |digits: &str, radix| u32::from_str_radix(digits, radix).ok();
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => {
            let n = name.strip_prefix('#')?;
            let code = match n.strip_prefix(['x', 'X']) {
                Some(hex) => numeric(hex, 16),
                None => numeric(n, 10),
            };
            code.and_then(char::from_u32)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::html_text;

    fn words(html: &str) -> Vec<String> {
        html_text(html)
            .split_whitespace()
            .map(String::from)
            .collect()
    }

    #[test]
    fn tags_separate_words_and_references_are_decoded() {
        assert_eq!(
            words("<p>올트먼이</p><p>AT&amp;T &lt;b&gt; &#44256;&#x4E00; &bogus; a&b</p>"),
            ["올트먼이", "AT&T", "<b>", "고一", "&bogus;", "a&b"]
        );
    }

    #[test]
    fn scripts_and_styles_are_dropped() {
        assert_eq!(
            words("a<script>var x = '<p>';</script>b<STYLE>p{}</style>c<scripted>d"),
            ["a", "b", "c", "d"]
        );
    }
}

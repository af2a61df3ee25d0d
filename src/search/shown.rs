//! What a search result shows of an article (the `search/d/N.json` files),
//! and the fingerprint of a file of them: a file is made again only when
//! one of its articles' shown fields changed.

use std::hash::{Hash, Hasher};

use super::index::Doc;
use crate::config::Config;
use crate::dates::in_zone;

/// The longest excerpt shown under a result, in characters.
const EXCERPT: usize = 160;

/// What a result shows: `[title, link, section, [reporters], ISO date,
/// displayed date, excerpt]`.
pub fn fields<'a>(
    config: &Config,
    d: &Doc<'a>,
) -> (&'a str, String, u32, &'a [u32], String, String, String) {
    let a = d.article;
    let when = in_zone(a.date, &config.timezone);
    let iso = crate::dates::format(&when, "%Y-%m-%dT%H:%M:%S%:z").unwrap_or_default();
    let display = crate::dates::format(&when, &config.list_date_format).unwrap_or_default();
    (
        &a.title,
        config.urls.link(&a.path),
        d.section,
        d.reporters,
        iso,
        display,
        excerpt(&a.summary),
    )
}

/// A hash of everything [`fields`] makes the shown fields of `docs` from.
pub fn fingerprint(config: &Config, docs: &[Doc<'_>]) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    let root = config.urls.link(&crate::urls::SitePath::root());
    (
        &config.timezone_name,
        &config.list_date_format,
        EXCERPT,
        root,
    )
        .hash(&mut h);
    for d in docs {
        let a = d.article;
        (&a.title, &a.path, d.section, d.reporters).hash(&mut h);
        (a.date.as_nanosecond(), &a.summary).hash(&mut h);
    }
    h.finish()
}

/// At most [`EXCERPT`] characters, cut at a space when there is one near.
fn excerpt(text: &str) -> String {
    let Some((cut, _)) = text.char_indices().nth(EXCERPT) else {
        return text.to_string();
    };
    let head = &text[..cut];
    let end = head.rfind(' ').filter(|&i| i > cut / 2).unwrap_or(cut);
    format!("{}…", &head[..end])
}

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn excerpts_are_cut_at_a_space() {
        assert_eq!(excerpt("짧은 요약"), "짧은 요약");
        let long = "가나다 ".repeat(60);
        let cut = excerpt(&long);
        assert!(cut.ends_with("가나다…"), "{cut}");
        assert!(cut.chars().count() <= super::EXCERPT + 1);
    }
}

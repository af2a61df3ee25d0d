//! Splitting a list of articles into pages: `/x/`, `/x/page/2/`, ...
//!
//! The pages behind the first are counted from the oldest end: `/x/page/2/`
//! holds the list's oldest `per_page` articles, `/x/page/3/` the next
//! newer ones, and the first page (`/x/`) holds the newest `per_page` to
//! `2 * per_page - 1`. Publishing a new article changes the first page
//! and, once in `per_page` articles, adds one page; every older page keeps
//! its address and its bytes, so a build after breaking news rewrites a
//! few list pages instead of the whole archive, and a reader's link to an
//! archive page keeps showing the same articles. For the same reason an
//! older page knows nothing of the list's length: only the first shows
//! the total and the page count.

use std::ops::Range;

use tera::Value;

use super::views::map;
use crate::config::Config;
use crate::urls::SitePath;

/// How many pages a list of `count` articles takes; an empty list still has
/// its first page.
pub fn page_count(count: usize, per_page: usize) -> usize {
    (count / per_page.max(1)).max(1)
}

/// The positions (0 = newest) shown on page `number` (1-based) of a list
/// of `len`.
pub fn page_range(len: usize, number: usize, per_page: usize) -> Range<usize> {
    let per_page = per_page.max(1);
    let pages = page_count(len, per_page);
    let older = (pages - 1) * per_page;
    if number <= 1 {
        return 0..len - older;
    }
    if number > pages {
        return len..len;
    }
    // Page `number` is the (number - 1)th block of `per_page` from the oldest.
    let end = len - (number - 2) * per_page;
    end - per_page..end
}

/// The items shown on page `number` (1-based).
pub fn page_slice<T>(items: &[T], number: usize, per_page: usize) -> &[T] {
    &items[page_range(items.len(), number, per_page)]
}

/// What page `number` of a list of `len` shows besides its articles: the
/// first page its length and page count, an older page only whether its
/// newer neighbour is the first page. A page's fingerprint hashes this.
pub fn furniture(len: usize, number: usize, per_page: usize) -> (usize, usize) {
    let pages = page_count(len, per_page);
    if number <= 1 {
        (len, pages)
    } else {
        (0, usize::from(number == pages))
    }
}

/// The `paginator` template variable: `number`, `newest_url` (the first
/// page), `oldest_url`, `previous_url` (newer articles), `next_url`
/// (older articles), and on the first page only `total_pages` and
/// `total_articles`.
pub fn paginator(config: &Config, base: &SitePath, number: usize, len: usize) -> Value {
    let pages = page_count(len, config.articles_per_page);
    let link = |n: usize| Value::from(config.urls.link(&base.page(n)));
    let first = number <= 1;
    let newer = match number {
        0 | 1 => Value::none(),
        n if n >= pages => link(1),
        n => link(n + 1),
    };
    let older = match number {
        0 | 1 if pages > 1 => link(pages),
        n if n > 2 => link(n - 1),
        _ => Value::none(),
    };
    let known = |n: usize| if first { Value::from(n) } else { Value::none() };
    map([
        ("number", Value::from(number)),
        ("total_pages", known(pages)),
        ("total_articles", known(len)),
        ("per_page", Value::from(config.articles_per_page)),
        ("newest_url", link(1)),
        (
            "oldest_url",
            if pages > 1 { link(2) } else { Value::none() },
        ),
        ("previous_url", newer),
        ("next_url", older),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edges() {
        assert_eq!(page_count(0, 20), 1);
        assert_eq!(page_count(39, 20), 1);
        assert_eq!(page_count(40, 20), 2);
        let items: Vec<u32> = (0..45).collect();
        assert_eq!(page_slice(&items, 1, 20), &items[..25]);
        assert_eq!(page_slice(&items, 2, 20), &items[25..]);
        assert!(page_slice(&items, 3, 20).is_empty());
        let none: [u32; 0] = [];
        assert!(page_slice(&none, 1, 20).is_empty());
    }

    /// Every article is on exactly one page, newest first across pages
    /// read from the first to the oldest.
    #[test]
    fn the_pages_cover_the_list_once_in_order() {
        for len in 0..130 {
            let pages = page_count(len, 20);
            let mut order = vec![page_range(len, 1, 20)];
            order.extend((2..=pages).rev().map(|n| page_range(len, n, 20)));
            let seen: Vec<usize> = order.into_iter().flatten().collect();
            assert_eq!(seen, (0..len).collect::<Vec<_>>(), "len {len}");
        }
    }

    /// A new newest article leaves every older page as it was.
    #[test]
    fn a_new_newest_article_changes_only_the_first_page() {
        for len in 0..130 {
            let (before, after) = (page_count(len, 20), page_count(len + 1, 20));
            for number in 2..=before {
                // Positions shift by one: the same articles.
                let old = page_range(len, number, 20);
                let new = page_range(len + 1, number, 20);
                assert_eq!((old.start + 1, old.end + 1), (new.start, new.end));
                if number < before {
                    assert_eq!(furniture(len, number, 20), furniture(len + 1, number, 20));
                }
            }
            assert!(after == before || after == before + 1);
        }
    }
}

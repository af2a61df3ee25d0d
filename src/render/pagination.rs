//! Splitting a list of articles into pages: `/x/`, `/x/page/2/`, ...

use tera::Value;

use super::views::map;
use crate::config::Config;
use crate::urls::SitePath;

/// How many pages a list of `count` articles takes; an empty list still has
/// its first page.
pub fn page_count(count: usize, per_page: usize) -> usize {
    count.div_ceil(per_page.max(1)).max(1)
}

/// The positions shown on page `number` (1-based) of a list of `len`.
pub fn page_range(len: usize, number: usize, per_page: usize) -> std::ops::Range<usize> {
    let start = number.saturating_sub(1).saturating_mul(per_page).min(len);
    let end = start.saturating_add(per_page).min(len);
    start..end
}

/// The items shown on page `number` (1-based).
pub fn page_slice<T>(items: &[T], number: usize, per_page: usize) -> &[T] {
    &items[page_range(items.len(), number, per_page)]
}

/// Pages linked on either side of the current one.
pub const WINDOW: usize = 4;

/// The `paginator` template variable.
pub fn paginator(
    config: &Config,
    base: &SitePath,
    number: usize,
    total_pages: usize,
    total_items: usize,
) -> Value {
    let link = |n: usize| Value::from(config.urls.link(&base.page(n)));
    // A window around the current page keeps each page's work constant, so
    // a 500-page archive does not render 500 links on each of its pages.
    let first = number.saturating_sub(WINDOW).max(1);
    let last = (number + WINDOW).min(total_pages);
    let pages: Vec<Value> = (first..=last)
        .map(|n| {
            map([
                ("number", Value::from(n)),
                ("url", link(n)),
                ("current", Value::from(n == number)),
            ])
        })
        .collect();
    map([
        ("number", Value::from(number)),
        ("total_pages", Value::from(total_pages)),
        ("total_articles", Value::from(total_items)),
        ("per_page", Value::from(config.articles_per_page)),
        ("first_url", link(1)),
        ("last_url", link(total_pages)),
        (
            "previous_url",
            if number > 1 {
                link(number - 1)
            } else {
                Value::none()
            },
        ),
        (
            "next_url",
            if number < total_pages {
                link(number + 1)
            } else {
                Value::none()
            },
        ),
        ("pages", Value::from(pages)),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edges() {
        assert_eq!(page_count(0, 20), 1);
        assert_eq!(page_count(20, 20), 1);
        assert_eq!(page_count(21, 20), 2);
        let items: Vec<u32> = (0..21).collect();
        assert_eq!(page_slice(&items, 1, 20).len(), 20);
        assert_eq!(page_slice(&items, 2, 20), &[20]);
        assert!(page_slice(&items, 3, 20).is_empty());
        let none: [u32; 0] = [];
        assert!(page_slice(&none, 1, 20).is_empty());
    }
}

//! The `permalink` pattern that places articles: `/{section}/{slug}/`.
//!
//! Placeholders are `{section} {year} {month} {day} {slug}`. A pattern ending
//! in `/` gives a directory with `index.html`; one ending in `.html` gives
//! that file.

use crate::urls::{RESERVED_SEGMENTS, SitePath, check_path_name};

const PLACEHOLDERS: &[&str] = &["section", "year", "month", "day", "slug"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Permalink {
    segments: Vec<String>,
    ends_in_file: bool,
}

/// The values an article supplies to its permalink.
pub struct PermalinkValues<'a> {
    pub section: &'a str,
    pub slug: &'a str,
    pub year: i16,
    pub month: i8,
    pub day: i8,
}

impl Permalink {
    pub fn parse(pattern: &str) -> Result<Self, String> {
        let Some(rest) = pattern.strip_prefix('/') else {
            return Err(format!("permalink `{pattern}` must start with `/`"));
        };
        let ends_in_file = !rest.is_empty() && !rest.ends_with('/');
        let segments: Vec<String> = rest
            .split('/')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        if ends_in_file && !rest.ends_with(".html") {
            return Err(format!(
                "permalink `{pattern}` must end with `/` or `.html`"
            ));
        }
        if !pattern.contains("{slug}") {
            return Err(format!(
                "permalink `{pattern}` must contain `{{slug}}` so that articles get distinct URLs"
            ));
        }
        for segment in &segments {
            let mut literal = segment.clone();
            let mut rest = segment.as_str();
            while let Some(open) = rest.find('{') {
                let close = rest[open..]
                    .find('}')
                    .ok_or_else(|| format!("permalink `{pattern}` has an unclosed `{{`"))?;
                let name = &rest[open + 1..open + close];
                if !PLACEHOLDERS.contains(&name) {
                    return Err(format!(
                        "permalink `{pattern}` has an unknown placeholder `{{{name}}}` (known: {})",
                        PLACEHOLDERS
                            .iter()
                            .map(|p| format!("{{{p}}}"))
                            .collect::<Vec<_>>()
                            .join(" ")
                    ));
                }
                rest = &rest[open + close + 1..];
            }
            for p in PLACEHOLDERS {
                literal = literal.replace(&format!("{{{p}}}"), "x");
            }
            check_path_name(&literal).map_err(|e| format!("permalink `{pattern}`: {e}"))?;
        }
        let reserved = segments.iter().enumerate().find(|(i, s)| {
            s.as_str() == "page" || (*i == 0 && RESERVED_SEGMENTS.contains(&s.as_str()))
        });
        if let Some((_, s)) = reserved {
            return Err(format!(
                "permalink `{pattern}` uses `{s}`, which byline keeps for its own pages"
            ));
        }
        Ok(Permalink {
            segments,
            ends_in_file,
        })
    }

    pub fn expand(&self, v: &PermalinkValues<'_>) -> SitePath {
        let mut parts: Vec<String> = self
            .segments
            .iter()
            .map(|s| {
                s.replace("{section}", v.section)
                    .replace("{slug}", v.slug)
                    .replace("{year}", &format!("{:04}", v.year))
                    .replace("{month}", &format!("{:02}", v.month))
                    .replace("{day}", &format!("{:02}", v.day))
            })
            .collect();
        if self.ends_in_file {
            let file = parts.pop().unwrap_or_default();
            SitePath::dir(parts).file(file)
        } else {
            SitePath::dir(parts)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> PermalinkValues<'static> {
        PermalinkValues {
            section: "it",
            slug: "altman",
            year: 2023,
            month: 11,
            day: 2,
        }
    }

    #[test]
    fn expands_placeholders() {
        let p = Permalink::parse("/{section}/{year}/{month}/{day}/{slug}/").unwrap();
        assert_eq!(
            p.expand(&values()).output_file(),
            "it/2023/11/02/altman/index.html"
        );
        let p = Permalink::parse("/news/{slug}.html").unwrap();
        assert_eq!(p.expand(&values()).output_file(), "news/altman.html");
    }

    #[test]
    fn rejects_bad_patterns() {
        assert!(Permalink::parse("{section}/{slug}/").is_err());
        assert!(Permalink::parse("/{section}/{title}/").is_err());
        assert!(Permalink::parse("/{section}/").is_err());
        assert!(Permalink::parse("/../{slug}/").is_err());
        assert!(Permalink::parse("/{slug}").is_err());
        assert!(Permalink::parse("/tags/{slug}/").is_err());
        assert!(Permalink::parse("/{section}/page/{slug}/").is_err());
        assert!(Permalink::parse("/news/tags/{slug}/").is_ok());
    }
}

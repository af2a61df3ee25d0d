//! URLs and output paths.
//!
//! Names (sections, tags, reporters, slugs) become URL segments that keep
//! Hangul: UTF-8 directory names on disk, percent-encoded in every `href`.
//! A [`SitePath`] is the decoded, validated form of one page's location; it
//! yields both the file to write and the links to it, so the two never
//! disagree. [`SiteUrls`] holds the base URL (which may carry a path prefix
//! such as `/news`) and turns site paths into root-relative and absolute URLs.
//! How names become segments, and which segments are refused, is in
//! [`names`].

mod names;

pub use names::{
    MAX_NAME_BYTES, RESERVED_SEGMENTS, check_path_name, check_segment, checked_segment, nfc,
    segment_from_name, tag_key,
};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Bytes kept as they are in an encoded segment: RFC 3986 unreserved.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Percent-encodes one decoded segment for use in an `href`.
pub fn encode_segment(segment: &str) -> String {
    utf8_percent_encode(segment, SEGMENT).to_string()
}

/// Where a page lives, as decoded segments: `["it", "altman-joins-ms"]` is
/// `/it/altman-joins-ms/`, written to `it/altman-joins-ms/index.html`.
/// `file` is set for pages that are a file rather than a directory
/// (`rss.xml`, `404.html`, or a permalink ending in `.html`).
#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct SitePath {
    pub segments: Vec<String>,
    pub file: Option<String>,
}

impl SitePath {
    pub fn root() -> Self {
        SitePath::default()
    }

    pub fn dir<I, S>(segments: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        SitePath {
            segments: segments.into_iter().map(Into::into).collect(),
            file: None,
        }
    }

    pub fn file(mut self, name: impl Into<String>) -> Self {
        self.file = Some(name.into());
        self
    }

    pub fn join(mut self, segment: impl Into<String>) -> Self {
        self.segments.push(segment.into());
        self
    }

    /// `page/N/` under this path for page N > 1 of a paginated list.
    pub fn page(&self, number: usize) -> Self {
        if number <= 1 {
            return self.clone();
        }
        self.clone().join("page").join(number.to_string())
    }

    /// Whether every segment (and the file name) is one the output accepts
    /// (see [`check_segment`]).
    pub fn check(&self) -> Result<(), String> {
        self.segments
            .iter()
            .chain(&self.file)
            .try_for_each(|s| check_segment(s))
    }

    /// The file to write, relative to the output directory, `/`-separated.
    pub fn output_file(&self) -> String {
        let mut out = String::new();
        for s in &self.segments {
            out.push_str(s);
            out.push('/');
        }
        out.push_str(self.file.as_deref().unwrap_or("index.html"));
        out
    }

    /// The encoded path below the site's base path: `/it/%EA%B8%B0/`.
    pub fn encoded(&self) -> String {
        let mut out = String::with_capacity(64);
        out.push('/');
        for s in &self.segments {
            out.extend(utf8_percent_encode(s, SEGMENT));
            out.push('/');
        }
        if let Some(f) = &self.file {
            out.extend(utf8_percent_encode(f, SEGMENT));
        }
        out
    }
}

/// The site's address: turns [`SitePath`]s into links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteUrls {
    /// Scheme and host, no trailing slash: `https://example.com`.
    origin: String,
    /// Path prefix without trailing slash, empty or like `/news`.
    base_path: String,
}

impl SiteUrls {
    /// Splits a configured `base_url` such as `https://example.com/news/`.
    pub fn new(base_url: &str) -> Result<Self, String> {
        let trimmed = base_url.trim().trim_end_matches('/');
        let (scheme, rest) = trimmed.split_once("://").ok_or_else(|| {
            format!("`{base_url}` is not an absolute URL (expected https://host/...)")
        })?;
        if scheme.is_empty() || rest.is_empty() {
            return Err(format!(
                "`{base_url}` is not an absolute URL (expected https://host/...)"
            ));
        }
        let (host, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, ""),
        };
        if host.is_empty() || path.contains(['?', '#']) {
            return Err(format!(
                "`{base_url}` must be scheme://host[/path] without query or fragment"
            ));
        }
        let base_path = path
            .split('/')
            .filter(|s| !s.is_empty())
            .map(encode_segment_keeping_escapes)
            .fold(String::new(), |acc, s| acc + "/" + &s);
        Ok(SiteUrls {
            origin: format!("{scheme}://{host}"),
            base_path,
        })
    }

    /// `https`, or whatever scheme base_url has.
    pub fn scheme(&self) -> &str {
        self.origin.split(':').next().unwrap_or("https")
    }

    /// `/news` or the empty string.
    pub fn base_path(&self) -> &str {
        &self.base_path
    }

    /// `https://example.com/news/`.
    pub fn home(&self) -> String {
        format!("{}{}/", self.origin, self.base_path)
    }

    /// Root-relative link, with the base path: `/news/it/slug/`.
    pub fn link(&self, path: &SitePath) -> String {
        let mut out = String::with_capacity(self.base_path.len() + 32);
        out.push_str(&self.base_path);
        out.push_str(&path.encoded());
        out
    }

    /// The absolute URL of a page: `https://example.com/news/it/slug/`.
    pub fn permalink(&self, path: &SitePath) -> String {
        self.absolute(&self.link(path))
    }

    /// Absolute URL of a root-relative link made by [`SiteUrls::link`].
    pub fn absolute(&self, link: &str) -> String {
        format!("{}{}", self.origin, link)
    }
}

/// Checks the address of an image an author gave (front matter `image.src`,
/// the publisher's `logo`) and returns the one to use: an http(s) URL or a
/// protocol-relative `//host/...` as written, a path on this site made
/// root-relative. A relative path is taken from the site root
/// (`images/a.png` is `/images/a.png`, a file of `static/`). Any other
/// scheme (`javascript:`, `data:`, `file:`) is refused, as is `..`.
pub fn asset_address(src: &str) -> Result<String, String> {
    let src = src.trim();
    if src.is_empty() {
        return Err("is empty".into());
    }
    if let Some(c) = src.chars().find(|c| c.is_control()) {
        return Err(format!(
            "contains the control character `{}`",
            c.escape_default()
        ));
    }
    if let Some((scheme, _)) = src.split_once(':')
        && !scheme.is_empty()
        && !scheme.contains('/')
    {
        return if scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https") {
            Ok(src.to_string())
        } else {
            Err(format!(
                "`{src}` uses `{scheme}:`; write an http(s) URL or a path on this site such as /images/photo.jpg"
            ))
        };
    }
    if src.starts_with("//") {
        return Ok(src.to_string());
    }
    let path = src.trim_start_matches("./");
    if path.split(['/', '\\']).any(|s| s == "..") {
        return Err(format!(
            "`{src}` climbs with `..`; paths are taken from the site root, so write /images/photo.jpg"
        ));
    }
    Ok(if path.starts_with('/') {
        path.to_string()
    } else {
        format!("/{path}")
    })
}

/// Base paths may already be percent-encoded by the author; keep `%XX` as is.
fn encode_segment_keeping_escapes(s: &str) -> String {
    if s.contains('%') {
        s.to_string()
    } else {
        encode_segment(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_percent_encoded_under_the_base_path() {
        let urls = SiteUrls::new("https://example.com/news/").unwrap();
        let p = SitePath::dir(["tags", "샘-올트먼"]);
        assert_eq!(
            urls.link(&p),
            "/news/tags/%EC%83%98-%EC%98%AC%ED%8A%B8%EB%A8%BC/"
        );
        assert_eq!(p.output_file(), "tags/샘-올트먼/index.html");
        assert_eq!(
            urls.absolute(&urls.link(&SitePath::root())),
            "https://example.com/news/"
        );
        assert_eq!(
            urls.link(&SitePath::root().file("rss.xml")),
            "/news/rss.xml"
        );
        assert_eq!(
            urls.link(&SitePath::dir(["it"]).page(2)),
            "/news/it/page/2/"
        );
    }

    #[test]
    fn asset_addresses_are_site_paths_or_web_urls() {
        assert_eq!(asset_address("/images/a.png").unwrap(), "/images/a.png");
        assert_eq!(asset_address("images/a.png").unwrap(), "/images/a.png");
        assert_eq!(asset_address("./images/a.png").unwrap(), "/images/a.png");
        assert_eq!(
            asset_address(" https://cdn.example.com/a.png ").unwrap(),
            "https://cdn.example.com/a.png"
        );
        assert_eq!(
            asset_address("//cdn.example.com/a.png").unwrap(),
            "//cdn.example.com/a.png"
        );
        for bad in [
            "javascript:alert(1)",
            "data:image/png;base64,xx",
            "file:///etc/passwd",
            "",
            "../a.png",
            "/a/../../b.png",
            "a\u{1}.png",
        ] {
            assert!(asset_address(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn base_url_without_path_has_empty_base_path() {
        let urls = SiteUrls::new("https://example.com").unwrap();
        assert_eq!(urls.base_path(), "");
        assert_eq!(urls.home(), "https://example.com/");
        assert!(SiteUrls::new("example.com").is_err());
    }
}

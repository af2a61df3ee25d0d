//! `site.toml` as written: serde structs that refuse unknown keys.
//!
//! Nothing here is checked beyond its TOML type; [`super::load`] turns this
//! into a validated [`super::Config`].

use std::collections::BTreeMap;

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    pub title: Option<String>,
    pub description: Option<String>,
    pub base_url: Option<String>,
    pub language: Option<String>,
    pub timezone: Option<String>,
    pub date_format: Option<String>,
    pub list_date_format: Option<String>,
    pub date_only_format: Option<String>,
    pub output_dir: Option<String>,
    pub permalink: Option<String>,
    pub related_count: Option<usize>,
    pub articles_per_page: Option<usize>,
    pub copyright_notice: Option<String>,
    /// Navigation order of sections; sections not listed follow, by name.
    pub sections: Option<Vec<String>>,
    pub feed_limit: Option<usize>,
    pub feed_content: Option<String>,
    pub term_feed_content: Option<String>,
    pub reporter_articles: Option<usize>,
    pub front_page: Option<RawFrontPage>,
    pub photos: Option<RawPhotos>,
    pub publisher: Option<RawPublisher>,
    pub search: Option<RawSearch>,
    #[serde(default)]
    pub reporters: Vec<RawReporter>,
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    #[serde(default)]
    pub extra: toml::Table,
}

/// `[front_page]`: how many articles each block of the front page shows.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFrontPage {
    pub secondary: Option<usize>,
    pub latest: Option<usize>,
    pub section_articles: Option<usize>,
    pub photos: Option<usize>,
}

/// `[photos]`: the renditions of the site's photos.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPhotos {
    pub widths: Option<Vec<u32>>,
    pub quality: Option<u8>,
}

/// `[search]`: the site's search page and index.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSearch {
    pub enabled: Option<bool>,
    pub results_per_page: Option<usize>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPublisher {
    pub name: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub fax: Option<String>,
    pub email: Option<String>,
    pub registration_number: Option<String>,
    pub registration_date: Option<String>,
    pub first_published: Option<String>,
    pub publisher: Option<String>,
    pub editor: Option<String>,
    pub youth_protection_officer: Option<String>,
    pub copyright: Option<String>,
    pub logo: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReporter {
    pub name: String,
    pub email: Option<String>,
    pub slug: Option<String>,
    pub role: Option<String>,
    pub bio: Option<String>,
}

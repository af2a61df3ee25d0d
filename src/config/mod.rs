//! Site configuration: `site.toml` read, checked and resolved.
//!
//! [`load`] reports every problem in one go (unknown keys with a "did you
//! mean", missing legal footer items, a bad time zone or date format) as
//! diagnostics pointing into `site.toml`. The resulting [`Config`] is plain
//! validated data that the rest of the pipeline reads and never changes.

mod labels;
mod permalink;
mod problems;
mod publisher;
mod raw;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::tz::TimeZone;

pub use labels::{LABELS, defaults as default_labels, is_korean};
pub use permalink::{Permalink, PermalinkValues};
use problems::{Problems, forbidden_characters, toml_diagnostic};
use publisher::check_publisher;
use raw::RawConfig;

use crate::error::{Diagnostic, Error, Result, did_you_mean};
use crate::search::SearchSettings;
use crate::urls::{SiteUrls, check_path_name, checked_segment, nfc};

pub const CONFIG_FILE: &str = "site.toml";

/// What the feeds carry for each entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedContent {
    Full,
    Summary,
}

/// The validated site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub root: PathBuf,
    pub title: String,
    pub description: String,
    pub base_url: String,
    pub urls: SiteUrls,
    pub language: String,
    pub timezone_name: String,
    pub timezone: TimeZone,
    /// Article pages: registration and update times.
    pub date_format: String,
    /// Lists and cards (minutes, not seconds).
    pub list_date_format: String,
    /// Dates written without a time (`date: 2024-02-14`), anywhere.
    pub date_only_format: String,
    pub output_dir: PathBuf,
    pub permalink: Permalink,
    pub related_count: usize,
    pub articles_per_page: usize,
    pub copyright_notice: String,
    pub section_order: Vec<String>,
    pub feed_limit: usize,
    /// How many of a reporter's other articles the reporter box lists.
    pub reporter_articles: usize,
    pub front_page: FrontPage,
    pub photos: crate::photos::PhotoSettings,
    pub search: crate::search::SearchSettings,
    pub feed_content: FeedContent,
    /// What section and tag feeds carry.
    pub term_feed_content: FeedContent,
    pub publisher: Publisher,
    pub reporters: Vec<Reporter>,
    pub labels: BTreeMap<String, String>,
    pub extra: toml::Table,
}

/// How many articles each block of the front page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrontPage {
    /// Stories under the lead, with thumbnails.
    pub secondary: usize,
    /// Headlines in the latest-news list.
    pub latest: usize,
    /// Articles in each section's block.
    pub section_articles: usize,
    /// Pictures in the photo block.
    pub photos: usize,
}

/// The publisher's particulars shown in every page's footer. The fields
/// that Korean law requires an internet newspaper to display are not optional.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Publisher {
    pub name: String,
    pub address: String,
    pub phone: String,
    pub fax: Option<String>,
    pub email: Option<String>,
    pub registration_number: String,
    pub registration_date: String,
    pub first_published: String,
    pub publisher: String,
    pub editor: String,
    pub youth_protection_officer: String,
    pub copyright: Option<String>,
    pub logo: Option<String>,
}

/// A reporter declared in `[[reporters]]`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Reporter {
    pub name: String,
    pub slug: String,
    pub email: Option<String>,
    pub role: String,
    pub bio: Option<String>,
}

/// Values given on the command line that take precedence over `site.toml`.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub base_url: Option<String>,
    pub output_dir: Option<PathBuf>,
}

impl Config {
    /// The date formats readers see.
    pub fn display_formats(&self) -> crate::dates::DisplayFormats {
        crate::dates::DisplayFormats {
            tz: self.timezone.clone(),
            full: self.date_format.clone(),
            short: self.list_date_format.clone(),
            day: self.date_only_format.clone(),
        }
    }
}

/// Reads and validates `ROOT/site.toml`.
pub fn load(root: &Path, overrides: &Overrides) -> Result<Config> {
    let path = root.join(CONFIG_FILE);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        Error::Config(vec![
            Diagnostic::whole_file(
                CONFIG_FILE,
                format!("cannot read the site configuration: {e}"),
            )
            .with_hint("run byline in the site's directory or pass --root DIR"),
        ])
    })?;
    parse(root, &text, overrides).map_err(Error::Config)
}

/// Validates the text of a `site.toml`; `root` resolves relative paths.
pub fn parse(root: &Path, text: &str, overrides: &Overrides) -> Result<Config, Vec<Diagnostic>> {
    let raw: RawConfig = toml::from_str(text).map_err(|e| vec![toml_diagnostic(text, &e)])?;
    let mut problems = Problems {
        text,
        list: Vec::new(),
    };
    if let Ok(table) = toml::from_str::<toml::Table>(text) {
        forbidden_characters(&table, &mut problems);
    }

    let title = raw.title.unwrap_or_default();
    if title.trim().is_empty() {
        problems.at_key(
            "title",
            "`title` is required: the name of the site".into(),
            None,
        );
    }
    let from_flag = overrides.base_url.is_some();
    let base_url = overrides
        .base_url
        .clone()
        .or(raw.base_url)
        .unwrap_or_default();
    let urls = match SiteUrls::new(&base_url) {
        Ok(u) => Some(u),
        Err(e) if from_flag => {
            problems
                .list
                .push(Diagnostic::whole_file("--base-url", e).with_hint(
                    "pass an absolute URL, like --base-url https://staging.example.com/news/",
                ));
            None
        }
        Err(e) => {
            let hint = Some(
                "set base_url = \"https://your-domain/\" (a path such as /news is allowed)"
                    .to_string(),
            );
            problems.at_key("base_url", format!("base_url: {e}"), hint);
            None
        }
    };
    let language = raw.language.unwrap_or_else(|| "ko".into());
    let korean = is_korean(&language);
    let timezone_name = raw.timezone.unwrap_or_else(|| "Asia/Seoul".into());
    let timezone = match TimeZone::get(&timezone_name) {
        Ok(tz) => Some(tz),
        Err(_) => {
            let hint = Some("use an IANA name such as Asia/Seoul or Europe/London".to_string());
            problems.at_key(
                "timezone",
                format!("unknown time zone `{timezone_name}`"),
                hint,
            );
            None
        }
    };
    let sample = jiff::Timestamp::UNIX_EPOCH.to_zoned_datetime(TimeZone::UTC);
    let mut date_setting = |key: &str, value: Option<String>, default: &str| {
        let format = value.unwrap_or_else(|| default.into());
        if let Err(e) = crate::dates::format(&sample, &format) {
            problems.at_key(
                key,
                e,
                Some("use strftime directives such as %Y.%m.%d %H:%M".into()),
            );
        }
        format
    };
    let date_format = date_setting("date_format", raw.date_format, "%Y.%m.%d %H:%M:%S");
    let list_date_format = date_setting("list_date_format", raw.list_date_format, "%Y.%m.%d %H:%M");
    let date_only_format = date_setting("date_only_format", raw.date_only_format, "%Y.%m.%d");
    let permalink_pattern = raw.permalink.unwrap_or_else(|| "/{section}/{slug}/".into());
    let permalink = match Permalink::parse(&permalink_pattern) {
        Ok(p) => Some(p),
        Err(e) => {
            problems.at_key("permalink", e, None);
            None
        }
    };
    let articles_per_page = raw.articles_per_page.unwrap_or(20);
    if articles_per_page == 0 {
        problems.at_key(
            "articles_per_page",
            "articles_per_page must be at least 1".into(),
            None,
        );
    }
    let feed_content = feed_content_setting(
        &mut problems,
        "feed_content",
        raw.feed_content,
        FeedContent::Full,
    );
    let term_feed_content = feed_content_setting(
        &mut problems,
        "term_feed_content",
        raw.term_feed_content,
        FeedContent::Summary,
    );
    let section_order = raw.sections.unwrap_or_default();
    for s in &section_order {
        if let Err(e) = check_path_name(s) {
            problems.at_key("sections", format!("section {e}"), None);
        }
    }

    let publisher = check_publisher(raw.publisher, &mut problems);
    let copyright_notice = raw
        .copyright_notice
        .unwrap_or_else(|| format!("저작권자 © {} 무단전재 및 재배포 금지", publisher.name));

    let (labels, unknown_labels) = labels::resolve(&language, &raw.labels);
    for key in unknown_labels {
        let hint = did_you_mean(&key, labels::keys()).map(|k| format!("did you mean `{k}`?"));
        problems.at_key(&key, format!("unknown label `{key}` in [labels]"), hint);
    }

    let mut reporters: Vec<Reporter> = Vec::new();
    for mut r in raw.reporters {
        r.name = nfc(r.name.trim()).into_owned();
        let written = r.slug.as_deref().unwrap_or(&r.name);
        if r.slug.is_some()
            && let Err(e) = check_path_name(written)
        {
            problems.at_key("slug", format!("reporter `{}`: slug {e}", r.name), None);
            continue;
        }
        let slug = match checked_segment(written, &["page"]) {
            Ok(slug) => slug,
            Err(e) => {
                problems.at_key(
                    if r.slug.is_some() { "slug" } else { "name" },
                    format!("reporter `{}`: {e}", r.name),
                    Some("give the reporter a `slug` of letters and digits".into()),
                );
                continue;
            }
        };
        if reporters.iter().any(|o| o.name == r.name || o.slug == slug) {
            problems.at_key(
                "name",
                format!("reporter `{}` (slug `{slug}`) is declared twice", r.name),
                None,
            );
            continue;
        }
        let role = r
            .role
            .unwrap_or_else(|| if korean { "기자" } else { "Reporter" }.into());
        reporters.push(Reporter {
            name: r.name,
            slug,
            email: r.email,
            role,
            bio: r.bio,
        });
    }

    let photos = {
        let raw = raw.photos.unwrap_or_default();
        let defaults = crate::photos::PhotoSettings::default();
        let quality = raw.quality.unwrap_or(defaults.quality);
        if !(1..=100).contains(&quality) {
            problems.at_key(
                "quality",
                "[photos] quality must be from 1 to 100".into(),
                None,
            );
        }
        crate::photos::PhotoSettings {
            widths: raw.widths.unwrap_or(defaults.widths),
            quality,
        }
    };
    let search = search_settings(raw.search.unwrap_or_default(), &mut problems);
    let output_dir = match &overrides.output_dir {
        Some(dir) => dir.clone(),
        None => root.join(raw.output_dir.unwrap_or_else(|| "public".into())),
    };

    let (Some(urls), Some(timezone), Some(permalink), true) =
        (urls, timezone, permalink, problems.list.is_empty())
    else {
        return Err(problems.list);
    };
    Ok(Config {
        root: root.to_path_buf(),
        title,
        description: raw.description.unwrap_or_default(),
        base_url,
        urls,
        language,
        timezone_name,
        timezone,
        date_format,
        list_date_format,
        date_only_format,
        output_dir,
        permalink,
        related_count: raw.related_count.unwrap_or(5),
        articles_per_page,
        copyright_notice,
        section_order,
        feed_limit: raw.feed_limit.unwrap_or(50),
        reporter_articles: raw.reporter_articles.unwrap_or(4),
        front_page: front_page(raw.front_page.unwrap_or_default()),
        photos,
        search,
        feed_content,
        term_feed_content,
        publisher,
        reporters,
        labels,
        extra: raw.extra,
    })
}

fn front_page(raw: raw::RawFrontPage) -> FrontPage {
    FrontPage {
        secondary: raw.secondary.unwrap_or(4),
        latest: raw.latest.unwrap_or(10),
        section_articles: raw.section_articles.unwrap_or(4),
        photos: raw.photos.unwrap_or(4),
    }
}

fn search_settings(raw: raw::RawSearch, problems: &mut Problems<'_>) -> SearchSettings {
    let defaults = SearchSettings::default();
    let per_page = raw.results_per_page.unwrap_or(defaults.per_page);
    if !(1..=100).contains(&per_page) {
        problems.at_key(
            "results_per_page",
            format!("[search] results_per_page must be from 1 to 100, not {per_page}"),
            None,
        );
    }
    SearchSettings {
        enabled: raw.enabled.unwrap_or(defaults.enabled),
        per_page,
    }
}

fn feed_content_setting(
    problems: &mut Problems<'_>,
    key: &str,
    value: Option<String>,
    default: FeedContent,
) -> FeedContent {
    match value.as_deref() {
        None => default,
        Some("full") => FeedContent::Full,
        Some("summary") => FeedContent::Summary,
        Some(other) => {
            problems.at_key(
                key,
                format!("{key} must be \"full\" or \"summary\", not \"{other}\""),
                None,
            );
            default
        }
    }
}

#[cfg(test)]
mod tests;

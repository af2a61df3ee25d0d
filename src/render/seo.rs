//! What search engines and social networks read in a page's head: Open
//! Graph locale and JSON-LD (`NewsArticle` on articles, `WebSite` and
//! `NewsMediaOrganization` on the front page).
//!
//! JSON-LD is built with serde_json and made safe for `<script>` (see
//! [`super::filters::script_safe`]), so a headline containing `</script>`
//! cannot end the element.

use serde::Serialize;
use serde_json::{Value, json};

use super::filters::script_safe;
use super::views::absolute_asset_url;
use crate::config::Config;
use crate::content::Article;
use crate::dates::rfc3339;
use crate::index::{ArticleId, SiteIndex, TermKind};

/// `og:locale` for a language tag: `ko` -> `ko_KR`, `en` -> `en_US`.
pub fn og_locale(language: &str) -> String {
    match language.to_ascii_lowercase().as_str() {
        "ko" => "ko_KR".into(),
        "en" => "en_US".into(),
        "ja" => "ja_JP".into(),
        "zh" => "zh_CN".into(),
        other => other.replace('-', "_"),
    }
}

fn publisher(config: &Config) -> Value {
    let mut org = json!({ "@type": "Organization", "name": config.publisher.name });
    if let Some(logo) = &config.publisher.logo {
        org["logo"] = json!({ "@type": "ImageObject", "url": absolute_asset_url(config, logo) });
    }
    org
}

/// `NewsArticle` as written out: fields in the alphabetical order that
/// JSON-LD built from maps had, borrowed rather than copied.
#[derive(Serialize)]
struct NewsArticle<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "articleSection")]
    article_section: &'a str,
    author: Vec<Person<'a>>,
    #[serde(rename = "dateModified")]
    date_modified: String,
    #[serde(rename = "datePublished")]
    date_published: String,
    description: &'a str,
    headline: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<[String; 1]>,
    #[serde(rename = "inLanguage")]
    in_language: &'a str,
    keywords: &'a [String],
    #[serde(rename = "mainEntityOfPage")]
    main_entity_of_page: WebPage<'a>,
    publisher: Value,
    url: &'a str,
}

#[derive(Serialize)]
struct Person<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    url: String,
}

#[derive(Serialize)]
struct WebPage<'a> {
    #[serde(rename = "@id")]
    id: &'a str,
    #[serde(rename = "@type")]
    kind: &'static str,
}

pub fn article_json_ld(
    config: &Config,
    index: &SiteIndex,
    article: &Article,
    id: ArticleId,
) -> String {
    let tz = &config.timezone;
    let url = config.urls.permalink(&article.path);
    let author = index.article_reporters[id as usize]
        .iter()
        .map(|&r| {
            let term = &index.reporters[r as usize];
            let page = config.urls.permalink(&TermKind::Reporter.path(&term.slug));
            Person {
                kind: "Person",
                name: &term.name,
                url: page,
            }
        })
        .collect();
    let value = NewsArticle {
        context: "https://schema.org",
        kind: "NewsArticle",
        article_section: &article.section,
        author,
        date_modified: rfc3339(article.updated.unwrap_or(article.date), tz),
        date_published: rfc3339(article.date, tz),
        description: &article.summary,
        headline: &article.title,
        image: article
            .image
            .as_ref()
            .map(|i| [absolute_asset_url(config, &i.src)]),
        in_language: &article.language,
        keywords: &article.tags,
        main_entity_of_page: WebPage {
            id: &url,
            kind: "WebPage",
        },
        publisher: publisher(config),
        url: &url,
    };
    script_safe(&serde_json::to_string(&value).unwrap_or_default())
}

pub fn front_page_json_ld(config: &Config) -> String {
    let home = config.urls.home();
    let p = &config.publisher;
    let mut organization = json!({
        "@type": "NewsMediaOrganization",
        "@id": format!("{home}#publisher"),
        "name": p.name,
        "url": home,
        "address": p.address,
        "telephone": p.phone,
    });
    if let Some(email) = &p.email {
        organization["email"] = json!(email);
    }
    if let Some(logo) = &p.logo {
        organization["logo"] =
            json!({ "@type": "ImageObject", "url": absolute_asset_url(config, logo) });
    }
    let value = json!({
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "WebSite",
                "@id": format!("{home}#website"),
                "name": config.title,
                "description": config.description,
                "url": home,
                "inLanguage": config.language,
                "publisher": { "@id": format!("{home}#publisher") },
            },
            organization,
        ],
    });
    script_safe(&value.to_string())
}

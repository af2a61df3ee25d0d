//! What search engines and social networks read in a page's head: Open
//! Graph locale and JSON-LD (`NewsArticle` on articles, `WebSite` and
//! `NewsMediaOrganization` on the front page).
//!
//! JSON-LD is built with serde_json and made safe for `<script>` (see
//! [`super::filters::script_safe`]), so a headline containing `</script>`
//! cannot end the element.

use serde_json::{Value, json};

use super::filters::script_safe;
use super::views::{absolute_asset_url, reporter_path};
use crate::config::Config;
use crate::content::Article;
use crate::dates::rfc3339;
use crate::index::{ArticleId, SiteIndex};

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

pub fn article_json_ld(
    config: &Config,
    index: &SiteIndex,
    article: &Article,
    id: ArticleId,
) -> String {
    let tz = &config.timezone;
    let url = config.urls.absolute(&config.urls.link(&article.path));
    let authors: Vec<Value> = index.article_reporters[id as usize]
        .iter()
        .map(|&r| {
            let term = &index.reporters[r as usize];
            let page = config
                .urls
                .absolute(&config.urls.link(&reporter_path(&term.slug)));
            json!({ "@type": "Person", "name": term.name, "url": page })
        })
        .collect();
    let mut value = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.summary,
        "datePublished": rfc3339(article.date, tz),
        "dateModified": rfc3339(article.updated.unwrap_or(article.date), tz),
        "author": authors,
        "publisher": publisher(config),
        "mainEntityOfPage": { "@type": "WebPage", "@id": url },
        "url": url,
        "articleSection": article.section,
        "keywords": article.tags,
        "inLanguage": article.language,
    });
    if let Some(image) = &article.image {
        value["image"] = json!([absolute_asset_url(config, &image.src)]);
    }
    script_safe(&value.to_string())
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

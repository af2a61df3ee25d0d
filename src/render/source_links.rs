//! Links written as another article's source path get that article's URL
//! when a page or feed shows the body (the Markdown pass left
//! `byline:source:N` placeholders; see [`crate::markdown`]).

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::PathBuf;

use crate::config::Config;
use crate::content::Article;
use crate::content::links::by_source;
use crate::markdown::SOURCE_PLACEHOLDER;

/// The link of each published article by its source path below `content/`.
#[derive(Default)]
pub struct SourceUrls {
    links: HashMap<PathBuf, String>,
}

impl SourceUrls {
    pub fn new(config: &Config, articles: &[Article]) -> Self {
        if articles
            .iter()
            .all(|a| a.links.iter().all(|l| l.source.is_none()))
        {
            return SourceUrls::default();
        }
        let links = by_source(articles)
            .into_iter()
            .map(|(source, i)| (source, config.urls.link(&articles[i].path)))
            .collect();
        SourceUrls { links }
    }

    /// The link a source path gives (none if it names no published article).
    pub fn link(&self, source: &std::path::Path) -> Option<&str> {
        self.links.get(source).map(String::as_str)
    }

    /// The article's HTML with its source links filled in.
    pub fn content<'a>(&self, article: &'a Article) -> Cow<'a, str> {
        let sources = article.links.iter().filter_map(|l| l.source.as_ref());
        let mut html = article.content.html();
        for (n, target) in sources.enumerate() {
            let link = target
                .path
                .as_deref()
                .and_then(|p| self.link(p))
                .unwrap_or("#");
            let mut href = String::with_capacity(link.len() + 16);
            href.push('"');
            href.push_str(link);
            if let Some(fragment) = &target.fragment {
                href.push('#');
                let _ = pulldown_cmark_escape::escape_href(&mut href, fragment);
            }
            href.push('"');
            let placeholder = format!("\"{SOURCE_PLACEHOLDER}{n}\"");
            html = Cow::Owned(html.replace(&placeholder, &href));
        }
        html
    }
}

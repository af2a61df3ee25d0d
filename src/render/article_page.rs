//! The `article` variable of an article page: its card, body and the
//! furniture around it.
//!
//! - `related`, `related_tag` (see the README), and
//!   `related_more`: where "N건의 관련기사 더보기" leads, the first tag the
//!   author wrote that other articles carry, with `count` the number of
//!   other articles its page lists (over all its pages);
//! - `reporter_boxes`: per reporter, the profile and that reporter's
//!   articles just before this one ([`crate::index::SiteIndex::reporter_others`]);
//! - `previous` and `next`: the older and the newer article of its section;
//! - `share`: share links that need no script (Facebook, X, 네이버 밴드,
//!   e-mail), each from its public share-URL format;
//! - `dateline`: `[바이라인뉴스=김정영 기자]`, from the labels of the
//!   article's own language (an English article on a Korean site gets the
//!   English form).

use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;
use tera::{Map, Value};

use super::context::PageContexts;
use super::views::{map, with_count};
use crate::config::default_labels;
use crate::dates::template_value;
use crate::index::{ArticleId, TermKind};

impl PageContexts<'_> {
    /// The card of an article plus its body, related block and furniture.
    pub(super) fn article_value(&self, id: ArticleId) -> Value {
        let cards = &self.views.cards;
        let mut m: Map = cards[id as usize].clone().into_map().unwrap_or_default();
        let a = &self.articles[id as usize];
        let index = self.index;
        let related = &index.related[id as usize];
        m.insert(
            "content".into(),
            Value::safe_string(&self.sources.content(a)),
        );
        let list = |ids: &mut dyn Iterator<Item = ArticleId>| {
            Value::from(ids.map(|r| cards[r as usize].clone()).collect::<Vec<_>>())
        };
        m.insert("related".into(), list(&mut related.ids.iter().copied()));
        m.insert("related_count".into(), Value::from(a.related_count));
        let tag = related
            .rarest_tag
            .map_or_else(Value::none, |t| self.views.tags[t as usize].clone());
        m.insert("related_tag".into(), tag);
        let more = index
            .related_more(id)
            .map_or_else(Value::none, |(t, count)| {
                let term = &index.tags[t as usize];
                let url = self.config.urls.link(&TermKind::Tag.path(&term.slug));
                map([
                    ("tag", with_count(&self.views.tags[t as usize], count + 1)),
                    ("count", Value::from(count)),
                    ("url", Value::from(url)),
                ])
            });
        m.insert("related_more".into(), more);

        let boxes = index.article_reporters[id as usize].iter().map(|&r| {
            let others = &mut index.reporter_others(r, id, self.config.reporter_articles);
            map([
                ("reporter", self.views.reporters[r as usize].clone()),
                ("articles", list(others)),
            ])
        });
        m.insert(
            "reporter_boxes".into(),
            Value::from(boxes.collect::<Vec<_>>()),
        );
        let (newer, older) = index.section_neighbours(id);
        let card = |i: Option<ArticleId>| i.map_or_else(Value::none, |i| cards[i as usize].clone());
        m.insert("previous".into(), card(older));
        m.insert("next".into(), card(newer));
        m.insert("share".into(), self.share_links(id));
        m.insert("dateline".into(), Value::from(self.dateline(id)));
        let tz = &self.config.timezone;
        let formats = self.config.display_formats();
        let corrections = a.corrections.iter().rev().map(|c| {
            map([
                ("date", Value::from(template_value(c.date, c.has_time, tz))),
                (
                    "date_text",
                    Value::from(formats.show(c.date, c.has_time, false)),
                ),
                ("text", Value::from(c.text.as_str())),
            ])
        });
        m.insert(
            "corrections".into(),
            Value::from(corrections.collect::<Vec<_>>()),
        );
        Value::from(m)
    }

    /// Share URLs, already escaped for an HTML attribute (they hold only
    /// percent-encoded text and `&`).
    fn share_links(&self, id: ArticleId) -> Value {
        let a = &self.articles[id as usize];
        let encode = |s: &str| utf8_percent_encode(s, NON_ALPHANUMERIC).to_string();
        let url = encode(&self.config.urls.permalink(&a.path));
        let title = encode(&a.title);
        let link = |s: String| Value::safe_string(&s);
        map([
            (
                "facebook",
                link(format!(
                    "https://www.facebook.com/sharer/sharer.php?u={url}"
                )),
            ),
            (
                "x",
                link(format!(
                    "https://x.com/intent/post?url={url}&amp;text={title}"
                )),
            ),
            (
                "band",
                link(format!(
                    "https://band.us/plugin/share?body={title}%0A{url}&amp;route={url}"
                )),
            ),
            (
                "email",
                link(format!("mailto:?subject={title}&amp;body={url}")),
            ),
        ])
    }

    /// `[바이라인뉴스=김정영 기자]`: the `dateline` label of the article's
    /// language, with its reporters.
    fn dateline(&self, id: ArticleId) -> String {
        let a = &self.articles[id as usize];
        let own;
        let labels = if a.language == self.config.language {
            &self.config.labels
        } else {
            own = default_labels(&a.language);
            &own
        };
        let label = |k: &str| labels.get(k).map(String::as_str).unwrap_or_default();
        let reporters: Vec<String> = self.index.article_reporters[id as usize]
            .iter()
            .map(|&r| {
                let term = &self.index.reporters[r as usize];
                let role = self
                    .config
                    .reporters
                    .iter()
                    .find(|p| p.name == term.name)
                    .map_or_else(|| label("reporter_role"), |p| p.role.as_str());
                label("dateline_reporter")
                    .replace("{name}", &term.name)
                    .replace("{role}", role)
            })
            .collect();
        if reporters.is_empty() {
            return String::new();
        }
        label("dateline")
            .replace("{publisher}", &self.config.publisher.name)
            .replace("{reporters}", &reporters.join(label("dateline_separator")))
    }
}

#[derive(Serialize)]
struct BreadcrumbList<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "itemListElement")]
    items: Vec<ListItem<'a>>,
}

#[derive(Serialize)]
struct ListItem<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    position: usize,
    name: &'a str,
    item: &'a str,
}

/// The breadcrumbs of an article as JSON-LD `BreadcrumbList`.
pub fn breadcrumbs_json_ld(items: &[(&str, String)]) -> String {
    let list = BreadcrumbList {
        context: "https://schema.org",
        kind: "BreadcrumbList",
        items: items
            .iter()
            .enumerate()
            .map(|(i, (name, url))| ListItem {
                kind: "ListItem",
                position: i + 1,
                name,
                item: url,
            })
            .collect(),
    };
    super::filters::script_safe(&serde_json::to_string(&list).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    #[test]
    fn breadcrumbs_are_script_safe_json_ld() {
        let json = super::breadcrumbs_json_ld(&[
            ("홈", "https://x.test/".into()),
            ("</script>", "https://x.test/a/".into()),
        ]);
        assert!(!json.contains("</script>"));
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["itemListElement"][1]["position"], 2);
        assert_eq!(v["itemListElement"][0]["name"], "홈");
    }
}

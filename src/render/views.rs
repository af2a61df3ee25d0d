//! What templates see: articles, sections, tags and reporters as Tera values.
//!
//! Every view is built once per build and shared: a Tera [`Value`] holds its
//! strings, lists and maps behind `Arc`s, so putting the same article card on
//! the front page, its section, three tag pages and ten related blocks costs
//! a reference count, not a copy. The README documents these fields.

use std::collections::HashMap;

use rayon::prelude::*;
use tera::{Map, Value};

use super::filters::keep_dots;
use crate::config::Config;
use crate::content::Article;
use crate::dates::{DisplayFormats, template_value};
use crate::index::{SiteIndex, Term, TermKind};
use crate::photos;
use crate::urls::SitePath;

/// Builds a Tera map from `(key, value)` pairs.
pub fn map<const N: usize>(entries: [(&'static str, Value); N]) -> Value {
    let mut m = Map::with_capacity(N);
    for (k, v) in entries {
        m.insert(k.into(), v);
    }
    Value::from(m)
}

pub fn string(s: &str) -> Value {
    Value::from(s)
}

pub fn opt_string(s: Option<&str>) -> Value {
    s.map_or_else(Value::none, Value::from)
}

/// The partial that renders one article card for lists.
pub const CARD_TEMPLATE: &str = "partials/card.html";

/// All shared views of one build.
pub struct Views {
    /// Per article: its card (everything but the body).
    pub cards: Vec<Value>,
    /// Per article: the fingerprint its card was built from (`None` for a
    /// card not made: no page this build renders shows it).
    pub card_fingerprints: Vec<Option<u64>>,
    /// Per article: whether its card still lacks its rendered `html`.
    unrendered: Vec<bool>,
    pub sections: Vec<Value>,
    pub tags: Vec<Value>,
    pub reporters: Vec<Value>,
}

impl Views {
    /// Builds the views; a card whose fingerprint `previous` already has is
    /// reused rather than rebuilt (serve's incremental rebuilds). With
    /// `needed`, only those articles' cards are made (the others are
    /// empty).
    pub fn build(
        config: &Config,
        articles: &[Article],
        index: &SiteIndex,
        card_fingerprints: &[u64],
        previous: Option<&Views>,
        needed: Option<&[bool]>,
    ) -> Self {
        let link = |path: SitePath, term: &Term, extra: Vec<(&'static str, Value)>| {
            let url = config.urls.link(&path);
            let mut m = Map::with_capacity(6 + extra.len());
            m.insert("name".into(), string(&term.name));
            m.insert("slug".into(), string(&term.slug));
            m.insert("permalink".into(), Value::from(config.urls.absolute(&url)));
            m.insert("url".into(), Value::from(url));
            for (k, v) in extra {
                m.insert(k.into(), v);
            }
            Value::from(m)
        };
        let sections = index
            .sections
            .iter()
            .map(|t| link(TermKind::Section.path(&t.slug), t, Vec::new()))
            .collect();
        let tags = index
            .tags
            .iter()
            .map(|t| link(TermKind::Tag.path(&t.slug), t, Vec::new()))
            .collect();
        let profiles: HashMap<&str, &crate::config::Reporter> = config
            .reporters
            .iter()
            .map(|r| (r.name.as_str(), r))
            .collect();
        let default_role = config
            .labels
            .get("reporter_role")
            .map(String::as_str)
            .unwrap_or_default();
        let reporters = index
            .reporters
            .iter()
            .map(|t| {
                let profile = profiles.get(t.name.as_str());
                let extra = vec![
                    (
                        "role",
                        string(profile.map_or(default_role, |p| p.role.as_str())),
                    ),
                    (
                        "email",
                        opt_string(profile.and_then(|p| p.email.as_deref())),
                    ),
                    ("bio", opt_string(profile.and_then(|p| p.bio.as_deref()))),
                    ("declared", Value::from(profile.is_some())),
                ];
                link(TermKind::Reporter.path(&t.slug), t, extra)
            })
            .collect();
        let mut views = Views {
            cards: Vec::new(),
            card_fingerprints: Vec::new(),
            sections,
            tags,
            reporters,
            unrendered: Vec::new(),
        };
        // A card is reused when its fingerprint is unchanged: looked up at
        // the same position first (no article moved), by fingerprint else.
        let same_positions = previous.filter(|p| p.card_fingerprints.len() == articles.len());
        let by_fingerprint: HashMap<u64, &Value> = match (previous, same_positions) {
            (Some(p), None) => (p.card_fingerprints.iter().zip(&p.cards))
                .filter_map(|(fp, card)| Some(((*fp)?, card)))
                .collect(),
            _ => HashMap::new(),
        };
        let reuse = |id: usize| -> Option<Value> {
            let fp = card_fingerprints[id];
            match same_positions {
                Some(p) if p.card_fingerprints[id] == Some(fp) => Some(p.cards[id].clone()),
                Some(_) => None,
                None => by_fingerprint.get(&fp).map(|v| (*v).clone()),
            }
        };
        let dates = config.display_formats();
        let cards: Vec<(Value, bool)> = articles
            .par_iter()
            .enumerate()
            .map(|(id, a)| match reuse(id) {
                _ if needed.is_some_and(|n| !n[id]) => (Value::none(), false),
                Some(card) => (card, false),
                None => (
                    views.card(
                        config,
                        &dates,
                        a,
                        index,
                        id,
                        &index.article_tags_written[id],
                    ),
                    true,
                ),
            })
            .collect();
        (views.cards, views.unrendered) = cards.into_iter().unzip();
        views.card_fingerprints = (card_fingerprints.iter().enumerate())
            .map(|(id, fp)| needed.is_none_or(|n| n[id]).then_some(*fp))
            .collect();
        views
    }

    /// The views of the terms of one kind.
    pub fn terms(&self, kind: TermKind) -> &[Value] {
        match kind {
            TermKind::Section => &self.sections,
            TermKind::Tag => &self.tags,
            TermKind::Reporter => &self.reporters,
        }
    }

    /// Renders `partials/card.html` once for each card that does not carry
    /// its HTML yet and stores it in the card as `html`: a card shows on
    /// the front page, its section, tag and reporter pages, so lists print
    /// `item.html` instead of rendering the same card again and again.
    pub fn render_cards(&mut self, tera: &tera::Tera) -> tera::TeraResult<()> {
        let pending: Vec<usize> = (0..self.cards.len())
            .filter(|&i| self.unrendered[i])
            .collect();
        let rendered: Vec<(usize, Value)> = pending
            .par_iter()
            .map(|&i| {
                let card = &self.cards[i];
                let mut ctx = tera::Context::new();
                ctx.insert_value("item", card.clone());
                let html = tera.render(CARD_TEMPLATE, &ctx)?;
                let mut m = card.clone().into_map().unwrap_or_default();
                m.insert("html".into(), Value::safe_string(&html));
                Ok((i, Value::from(m)))
            })
            .collect::<tera::TeraResult<_>>()?;
        for (i, card) in rendered {
            self.cards[i] = card;
            self.unrendered[i] = false;
        }
        Ok(())
    }

    fn card(
        &self,
        config: &Config,
        dates: &DisplayFormats,
        a: &Article,
        index: &SiteIndex,
        id: usize,
        tags: &[u32],
    ) -> Value {
        let tz = &config.timezone;
        let url = config.urls.link(&a.path);
        let pick = |all: &[Value], ids: &[u32]| {
            Value::from(
                ids.iter()
                    .map(|&i| all[i as usize].clone())
                    .collect::<Vec<_>>(),
            )
        };
        let base = config.urls.base_path();
        let image = a.image.as_ref().map_or_else(Value::none, |i| {
            let (original, src, small, srcset) = match &i.photo {
                Some(p) => (
                    photos::url(base, &p.public),
                    Value::from(photos::url(base, p.default_src())),
                    Value::from(photos::url(base, p.small())),
                    if p.renditions.is_empty() {
                        Value::none()
                    } else {
                        Value::from(p.srcset(base))
                    },
                ),
                None => {
                    let src = asset_url(config, &i.src);
                    let same = Value::from(src.as_str());
                    (src, same.clone(), same, Value::none())
                }
            };
            map([
                ("src", src),
                ("original", Value::from(original)),
                ("small", small),
                ("srcset", srcset),
                ("sizes", Value::from(photos::SIZES)),
                ("permalink", Value::from(absolute_asset_url(config, &i.src))),
                ("caption", opt_string(i.caption.as_deref())),
                ("credit", opt_string(i.credit.as_deref())),
                ("alt", opt_string(i.alt.as_deref().or(i.caption.as_deref()))),
                (
                    "width",
                    i.size.map_or_else(Value::none, |s| Value::from(s.0)),
                ),
                (
                    "height",
                    i.size.map_or_else(Value::none, |s| Value::from(s.1)),
                ),
            ])
        });
        map([
            ("title", string(&a.title)),
            ("headline", Value::from(keep_dots(&a.title))),
            ("permalink", Value::from(config.urls.absolute(&url))),
            ("url", Value::from(url)),
            (
                "subtitle",
                Value::from(a.subtitle.iter().map(|s| string(s)).collect::<Vec<_>>()),
            ),
            ("summary", string(&a.summary)),
            (
                "date",
                Value::from(template_value(a.date, a.date_has_time, tz)),
            ),
            (
                "updated",
                a.updated.map_or_else(Value::none, |u| {
                    Value::from(template_value(u, a.updated_has_time, tz))
                }),
            ),
            (
                "date_text",
                Value::from(dates.show(a.date, a.date_has_time, false)),
            ),
            (
                "date_short",
                Value::from(dates.show(a.date, a.date_has_time, true)),
            ),
            (
                "updated_text",
                a.updated.map_or_else(Value::none, |u| {
                    Value::from(dates.show(u, a.updated_has_time, false))
                }),
            ),
            (
                "section",
                self.sections[index.article_section[id] as usize].clone(),
            ),
            ("tags", pick(&self.tags, tags)),
            (
                "reporters",
                pick(&self.reporters, &index.article_reporters[id]),
            ),
            ("image", image),
            ("draft", Value::from(a.draft)),
            ("language", string(&a.language)),
            ("extra", Value::from_serializable(&a.extra)),
            (
                "source",
                Value::from(a.source.to_string_lossy().replace('\\', "/")),
            ),
        ])
    }
}

/// A term view with its article count, for the term's own page and the
/// term indexes. Cards and navigation carry terms without counts, so adding
/// an article to a tag does not change every page that shows the tag.
pub fn with_count(view: &Value, count: usize) -> Value {
    let mut m = view.clone().into_map().unwrap_or_default();
    m.insert("count".into(), Value::from(count));
    Value::from(m)
}

/// A root-relative asset such as `/images/x.png` gets the base path; absolute
/// URLs are left alone.
pub fn asset_url(config: &Config, src: &str) -> String {
    if src.starts_with('/') && !src.starts_with("//") {
        format!("{}{}", config.urls.base_path(), src)
    } else {
        src.to_string()
    }
}

/// The absolute URL of an image address (checked by
/// [`crate::urls::asset_address`]): `og:image` and JSON-LD need one.
pub fn absolute_asset_url(config: &Config, src: &str) -> String {
    if src.starts_with("//") {
        format!("{}:{src}", config.urls.scheme())
    } else if src.starts_with('/') {
        config.urls.absolute(&asset_url(config, src))
    } else {
        src.to_string()
    }
}

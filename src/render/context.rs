//! The Tera context of each kind of page.
//!
//! Every page gets `page` (kind, title, url, permalink, description, and
//! what the head needs: language, locale, image, feed, JSON-LD) and the
//! global `site`; list pages add `articles` and `paginator`; term pages add
//! `term`; article pages add `article`. Values come from the shared
//! [`Views`], so building a context clones reference counts, not strings.

use tera::{Context, Value};

use super::Page;
use super::article_page::breadcrumbs_json_ld;
use super::feeds::{ATOM, RSS, term_feed};
use super::fingerprint::copyright_year;
use super::pagination::{page_range, page_slice, paginator};
use super::seo::{article_json_ld, front_page_json_ld, og_locale};
use super::views::{Views, absolute_asset_url, asset_url, map, opt_string, string, with_count};
use crate::config::Config;
use crate::content::{Article, StandalonePage};
use crate::dates::template_value;
use crate::index::{ArticleId, SiteIndex, TermKind};
use crate::urls::SitePath;

/// The global `site` variable.
pub fn site_value(
    config: &Config,
    views: &Views,
    articles: &[Article],
    standalone: &[StandalonePage],
) -> Value {
    let link = |p: SitePath| Value::from(config.urls.link(&p));
    let p = &config.publisher;
    let logo_size = p.logo.as_deref().and_then(|logo| {
        crate::images::ImageSizes::new(&config.root, config.urls.base_path()).of(logo)
    });
    let publisher = map([
        ("name", string(&p.name)),
        ("address", string(&p.address)),
        ("phone", string(&p.phone)),
        ("fax", opt_string(p.fax.as_deref())),
        ("email", opt_string(p.email.as_deref())),
        ("registration_number", string(&p.registration_number)),
        ("registration_date", string(&p.registration_date)),
        ("first_published", string(&p.first_published)),
        ("publisher", string(&p.publisher)),
        ("editor", string(&p.editor)),
        (
            "youth_protection_officer",
            string(&p.youth_protection_officer),
        ),
        ("copyright", opt_string(p.copyright.as_deref())),
        (
            "logo",
            p.logo
                .as_deref()
                .map_or_else(Value::none, |l| Value::from(asset_url(config, l))),
        ),
        (
            "logo_width",
            logo_size.map_or_else(Value::none, |s| Value::from(s.0)),
        ),
        (
            "logo_height",
            logo_size.map_or_else(Value::none, |s| Value::from(s.1)),
        ),
    ]);
    map([
        ("title", string(&config.title)),
        ("description", string(&config.description)),
        ("base_url", string(&config.base_url)),
        ("home", Value::from(config.urls.home())),
        ("url", link(SitePath::root())),
        ("language", string(&config.language)),
        ("timezone", string(&config.timezone_name)),
        ("copyright_notice", string(&config.copyright_notice)),
        ("publisher", publisher),
        ("labels", Value::from_serializable(&config.labels)),
        ("sections", Value::from(views.sections.clone())),
        (
            "stylesheet_url",
            link(SitePath::root().file(super::STYLESHEET)),
        ),
        ("script_url", link(SitePath::root().file(super::SCRIPT))),
        (
            "search_url",
            if config.search.enabled {
                link(SitePath::dir([crate::search::DIR]))
            } else {
                Value::none()
            },
        ),
        ("favicon_url", link(favicon(config))),
        ("rss_url", link(SitePath::root().file(RSS))),
        ("atom_url", link(SitePath::root().file(ATOM))),
        ("tags_url", link(SitePath::dir(["tags"]))),
        ("reporters_url", link(SitePath::dir(["reporters"]))),
        ("extra", Value::from_serializable(&config.extra)),
        ("footer_pages", footer_pages(config, standalone)),
        (
            "copyright_line",
            Value::from(copyright_line(config, articles)),
        ),
        (
            "copyright_year",
            copyright_year(config, articles).map_or_else(Value::none, Value::from),
        ),
    ])
}

/// The site's own `static/favicon.*` if it has one, else the theme's.
fn favicon(config: &Config) -> SitePath {
    let own = ["favicon.svg", "favicon.png", "favicon.ico"]
        .into_iter()
        .find(|name| {
            config
                .root
                .join(crate::static_files::STATIC_DIR)
                .join(name)
                .is_file()
        });
    SitePath::root().file(own.unwrap_or(super::FAVICON))
}

/// `[publisher] copyright`, else the `copyright_line` label, with `{year}`
/// (of the newest article) and `{publisher}` filled in.
fn copyright_line(config: &Config, articles: &[Article]) -> String {
    let year = copyright_year(config, articles).map_or_else(String::new, |y| y.to_string());
    let pattern = match &config.publisher.copyright {
        Some(own) => own.as_str(),
        None => config
            .labels
            .get("copyright_line")
            .map_or("", String::as_str),
    };
    pattern
        .replace("{year}", &year)
        .replace("{publisher}", &config.publisher.name)
}

/// The standalone pages linked from the footer, in file-name order.
fn footer_pages(config: &Config, standalone: &[StandalonePage]) -> Value {
    let links = standalone.iter().filter(|p| p.footer).map(|p| {
        let url = config.urls.link(&p.path);
        map([
            ("title", string(&p.title)),
            ("permalink", Value::from(config.urls.absolute(&url))),
            ("url", Value::from(url)),
        ])
    });
    Value::from(links.collect::<Vec<_>>())
}

/// The `page` variable, gathered before it becomes a value.
struct PageMeta<'a> {
    kind: &'static str,
    title: &'a str,
    description: &'a str,
    number: usize,
    language: &'a str,
    image: Option<String>,
    feed: Option<String>,
    json_ld: Option<String>,
    breadcrumbs: Option<String>,
    /// The page shows highlighted code: link `highlight.css`.
    code: bool,
}

pub struct PageContexts<'a> {
    pub config: &'a Config,
    pub articles: &'a [Article],
    pub standalone: &'a [StandalonePage],
    pub index: &'a SiteIndex,
    pub views: &'a Views,
    pub sources: &'a super::source_links::SourceUrls,
}

impl PageContexts<'_> {
    fn meta<'m>(
        &self,
        kind: &'static str,
        title: &'m str,
        description: &'m str,
        number: usize,
    ) -> PageMeta<'m> {
        let logo = self
            .config
            .publisher
            .logo
            .as_deref()
            .map(|l| absolute_asset_url(self.config, l));
        PageMeta {
            kind,
            title,
            description,
            number,
            language: "",
            image: logo,
            feed: None,
            json_ld: None,
            breadcrumbs: None,
            code: false,
        }
    }

    fn page_value(&self, meta: PageMeta<'_>, path: &SitePath) -> Value {
        let url = self.config.urls.link(path);
        let language = if meta.language.is_empty() {
            self.config.language.as_str()
        } else {
            meta.language
        };
        map([
            ("kind", string(meta.kind)),
            ("title", string(meta.title)),
            ("description", string(meta.description)),
            ("permalink", Value::from(self.config.urls.absolute(&url))),
            ("url", Value::from(url)),
            ("number", Value::from(meta.number)),
            ("language", string(language)),
            ("locale", Value::from(og_locale(language))),
            ("image", meta.image.map_or_else(Value::none, Value::from)),
            ("feed", meta.feed.map_or_else(Value::none, Value::from)),
            (
                "json_ld",
                meta.json_ld
                    .map_or_else(Value::none, |j| Value::safe_string(&j)),
            ),
            (
                "highlight_url",
                if meta.code {
                    Value::from(
                        self.config
                            .urls
                            .link(&SitePath::root().file(super::HIGHLIGHT_CSS)),
                    )
                } else {
                    Value::none()
                },
            ),
            (
                "breadcrumbs_json_ld",
                meta.breadcrumbs
                    .map_or_else(Value::none, |j| Value::safe_string(&j)),
            ),
        ])
    }

    /// The template and context of one page.
    pub fn build(&self, page: &Page, path: &SitePath) -> (&'static str, Context) {
        let mut ctx = Context::new();
        let labels = &self.config.labels;
        let label = |k: &str| labels.get(k).map(String::as_str).unwrap_or_default();
        let template = match page {
            Page::Article(id) => {
                let a = &self.articles[*id as usize];
                let mut meta = self.meta("article", &a.title, &a.summary, 1);
                meta.language = &a.language;
                meta.code = a.has_code;
                if let Some(image) = &a.image {
                    meta.image = Some(absolute_asset_url(self.config, &image.src));
                }
                meta.json_ld = Some(article_json_ld(self.config, self.index, a, *id));
                let section =
                    &self.index.sections[self.index.article_section[*id as usize] as usize];
                let urls = &self.config.urls;
                meta.breadcrumbs = Some(breadcrumbs_json_ld(&[
                    (label("home"), urls.home()),
                    (
                        &section.name,
                        urls.permalink(&TermKind::Section.path(&section.slug)),
                    ),
                    (&a.title, urls.permalink(&a.path)),
                ]));
                ctx.insert_value("page", self.page_value(meta, path));
                ctx.insert_value("article", self.article_value(*id));
                "article.html"
            }
            Page::Front { number } => {
                let mut meta = self.meta(
                    "index",
                    &self.config.title,
                    &self.config.description,
                    *number,
                );
                if *number == 1 {
                    meta.json_ld = Some(front_page_json_ld(self.config));
                    ctx.insert_value("front", self.front_value());
                }
                ctx.insert_value("page", self.page_value(meta, path));
                let len = self.articles.len();
                let shown: Vec<ArticleId> = page_range(len, *number, self.config.articles_per_page)
                    .map(|i| i as ArticleId)
                    .collect();
                self.list(&mut ctx, len, &shown, SitePath::root(), *number);
                "index.html"
            }
            Page::Term { kind, term, number } => {
                self.term_page(&mut ctx, *kind, *term, *number, path);
                match kind {
                    TermKind::Section => "section.html",
                    TermKind::Tag => "tag.html",
                    TermKind::Reporter => "reporter.html",
                }
            }
            Page::TermIndex(kind) => {
                let (name, template) = match kind {
                    TermKind::Reporter => ("reporters", "reporters.html"),
                    _ => ("tags", "tags.html"),
                };
                let meta = self.meta(name, label(name), label(name), 1);
                ctx.insert_value("page", self.page_value(meta, path));
                let terms = self
                    .views
                    .terms(*kind)
                    .iter()
                    .zip(self.index.terms(*kind))
                    .map(|(v, t)| with_count(v, t.articles.len()));
                ctx.insert_value("terms", Value::from(terms.collect::<Vec<_>>()));
                template
            }
            Page::Standalone(i) => {
                let doc = &self.standalone[*i as usize];
                let description = doc.summary.as_deref().unwrap_or(&self.config.description);
                let mut meta = self.meta("page", &doc.title, description, 1);
                meta.code = doc.has_code;
                ctx.insert_value("page", self.page_value(meta, path));
                let tz = &self.config.timezone;
                let updated = doc.updated.map_or_else(Value::none, |u| {
                    Value::from(template_value(u, doc.updated_has_time, tz))
                });
                ctx.insert_value(
                    "document",
                    map([
                        ("title", string(&doc.title)),
                        ("summary", opt_string(doc.summary.as_deref())),
                        ("updated", updated),
                        ("content", Value::safe_string(&doc.content)),
                        ("has_code", Value::from(doc.has_code)),
                        (
                            "source",
                            Value::from(doc.source.to_string_lossy().replace('\\', "/")),
                        ),
                    ]),
                );
                "page.html"
            }
            Page::Alias { article, .. } => {
                let a = &self.articles[*article as usize];
                let mut meta = self.meta("redirect", &a.title, &a.summary, 1);
                meta.language = &a.language;
                ctx.insert_value("page", self.page_value(meta, path));
                ctx.insert_value("target", self.views.cards[*article as usize].clone());
                "redirect.html"
            }
            Page::Search => {
                let meta = self.meta("search", label("search"), label("search"), 1);
                ctx.insert_value("page", self.page_value(meta, path));
                ctx.insert_value("search", super::search_page::value(self.config, self.index));
                "search.html"
            }
            Page::NotFound => {
                let meta = self.meta("404", label("not_found_title"), label("not_found_text"), 1);
                ctx.insert_value("page", self.page_value(meta, path));
                let latest: Vec<Value> = self.views.cards.iter().take(5).cloned().collect();
                ctx.insert_value("articles", Value::from(latest));
                "404.html"
            }
        };
        (template, ctx)
    }

    fn term_page(
        &self,
        ctx: &mut Context,
        kind: TermKind,
        term: usize,
        number: usize,
        path: &SitePath,
    ) {
        let t = &self.index.terms(kind)[term];
        let view = &self.views.terms(kind)[term];
        let base = kind.path(&t.slug);
        let feed = term_feed(kind, &t.slug);
        let name = kind.name();
        let description = format!("{} - {}", t.name, self.config.title);
        let mut meta = self.meta(name, &t.name, &description, number);
        meta.feed = feed.map(|f| self.config.urls.link(&f));
        ctx.insert_value("page", self.page_value(meta, path));
        // Only the first page knows the list's length (see `pagination`).
        let term = if number <= 1 {
            with_count(view, t.articles.len())
        } else {
            view.clone()
        };
        ctx.insert_value("term", term);
        let shown = page_slice(&t.articles, number, self.config.articles_per_page);
        self.list(ctx, t.articles.len(), shown, base, number);
    }

    /// `articles` and `paginator` for page `number` of a list of `len`
    /// articles, of which `shown` are on this page.
    fn list(
        &self,
        ctx: &mut Context,
        len: usize,
        shown: &[ArticleId],
        base: SitePath,
        number: usize,
    ) {
        let cards: Vec<Value> = shown
            .iter()
            .map(|&i| self.views.cards[i as usize].clone())
            .collect();
        ctx.insert_value("articles", Value::from(cards));
        ctx.insert_value("paginator", paginator(self.config, &base, number, len));
    }

    /// The front page's blocks (see [`crate::index::front`]).
    fn front_value(&self) -> Value {
        let front = &self.index.front;
        let cards = |ids: &[ArticleId]| {
            Value::from(
                ids.iter()
                    .map(|&i| self.views.cards[i as usize].clone())
                    .collect::<Vec<_>>(),
            )
        };
        let sections = front
            .sections
            .iter()
            .zip(&self.views.sections)
            .filter(|(ids, _)| !ids.is_empty())
            .map(|(ids, section)| map([("section", section.clone()), ("articles", cards(ids))]));
        let newest = self.articles.first().map_or_else(Value::none, |a| {
            Value::from(template_value(
                a.date,
                a.date_has_time,
                &self.config.timezone,
            ))
        });
        map([
            ("date", newest),
            (
                "lead",
                front
                    .lead
                    .map_or_else(Value::none, |i| self.views.cards[i as usize].clone()),
            ),
            ("secondary", cards(&front.secondary)),
            ("latest", cards(&front.latest)),
            ("sections", Value::from(sections.collect::<Vec<_>>())),
            ("photos", cards(&front.photos)),
        ])
    }
}

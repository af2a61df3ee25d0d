//! The Tera context of each kind of page.
//!
//! Every page gets `page` (kind, title, url, permalink, description) and
//! the global `site`; list pages add `articles` and `paginator`; term pages
//! add `term`; article pages add `article`. Values come from the shared
//! [`Views`], so building a context clones reference counts, not strings.

use tera::{Context, Map, Value};

use super::Page;
use super::pagination::{page_count, page_slice, paginator};
use super::views::{Views, asset_url, map, opt_string, string};
use crate::config::Config;
use crate::content::Article;
use crate::index::{ArticleId, SiteIndex, Term};
use crate::urls::SitePath;

/// The global `site` variable.
pub fn site_value(config: &Config, views: &Views) -> Value {
    let link = |p: SitePath| Value::from(config.urls.link(&p));
    let p = &config.publisher;
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
        ("tags_url", link(SitePath::dir(["tags"]))),
        ("reporters_url", link(SitePath::dir(["reporters"]))),
        ("extra", Value::from_serializable(&config.extra)),
    ])
}

pub struct PageContexts<'a> {
    pub config: &'a Config,
    pub articles: &'a [Article],
    pub index: &'a SiteIndex,
    pub views: &'a Views,
}

impl PageContexts<'_> {
    /// The template and context of one page.
    pub fn build(&self, page: &Page, path: &SitePath) -> (&'static str, Context) {
        let mut ctx = Context::new();
        let url = self.config.urls.link(path);
        let permalink = self.config.urls.absolute(&url);
        let labels = &self.config.labels;
        let label = |k: &str| labels.get(k).cloned().unwrap_or_default();
        let page_value = |kind: &str, title: &str, description: &str, number: usize| {
            map([
                ("kind", string(kind)),
                ("title", string(title)),
                ("description", string(description)),
                ("url", Value::from(url.clone())),
                ("permalink", Value::from(permalink.clone())),
                ("number", Value::from(number)),
            ])
        };
        let template = match page {
            Page::Article(id) => {
                let a = &self.articles[*id as usize];
                ctx.insert_value("page", page_value("article", &a.title, &a.summary, 1));
                ctx.insert_value("article", self.article_value(*id));
                "article.html"
            }
            Page::Front { number } => {
                let all: Vec<ArticleId> = (0..self.articles.len() as ArticleId).collect();
                let title = &self.config.title;
                ctx.insert_value(
                    "page",
                    page_value("index", title, &self.config.description, *number),
                );
                self.list(&mut ctx, &all, SitePath::root(), *number);
                "index.html"
            }
            Page::Section { term, number } => {
                self.term_page(
                    &mut ctx,
                    "section",
                    &self.index.sections[*term],
                    &self.views.sections[*term],
                    *number,
                    &page_value,
                );
                "section.html"
            }
            Page::Tag { term, number } => {
                self.term_page(
                    &mut ctx,
                    "tag",
                    &self.index.tags[*term],
                    &self.views.tags[*term],
                    *number,
                    &page_value,
                );
                "tag.html"
            }
            Page::Reporter { term, number } => {
                self.term_page(
                    &mut ctx,
                    "reporter",
                    &self.index.reporters[*term],
                    &self.views.reporters[*term],
                    *number,
                    &page_value,
                );
                "reporter.html"
            }
            Page::TagIndex => {
                ctx.insert_value(
                    "page",
                    page_value("tags", &label("tags"), &label("tags"), 1),
                );
                ctx.insert_value("terms", Value::from(self.views.tags.clone()));
                "tags.html"
            }
            Page::ReporterIndex => {
                ctx.insert_value(
                    "page",
                    page_value("reporters", &label("reporters"), &label("reporters"), 1),
                );
                ctx.insert_value("terms", Value::from(self.views.reporters.clone()));
                "reporters.html"
            }
            Page::NotFound => {
                let title = label("not_found_title");
                ctx.insert_value(
                    "page",
                    page_value("404", &title, &label("not_found_text"), 1),
                );
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
        kind: &str,
        term: &Term,
        view: &Value,
        number: usize,
        page_value: &dyn Fn(&str, &str, &str, usize) -> Value,
    ) {
        let base = match kind {
            "section" => super::views::section_path(&term.slug),
            "tag" => super::views::tag_path(&term.slug),
            _ => super::views::reporter_path(&term.slug),
        };
        let description = format!("{} - {}", term.name, self.config.title);
        ctx.insert_value("page", page_value(kind, &term.name, &description, number));
        ctx.insert_value("term", view.clone());
        self.list(ctx, &term.articles, base, number);
    }

    fn list(&self, ctx: &mut Context, ids: &[ArticleId], base: SitePath, number: usize) {
        let per_page = self.config.articles_per_page;
        let total_pages = page_count(ids.len(), per_page);
        let cards: Vec<Value> = page_slice(ids, number, per_page)
            .iter()
            .map(|&i| self.views.cards[i as usize].clone())
            .collect();
        ctx.insert_value("articles", Value::from(cards));
        ctx.insert_value(
            "paginator",
            paginator(self.config, &base, number, total_pages, ids.len()),
        );
    }

    /// The card of an article plus its body and related block.
    fn article_value(&self, id: ArticleId) -> Value {
        let mut m: Map = self.views.cards[id as usize]
            .clone()
            .into_map()
            .unwrap_or_default();
        let a = &self.articles[id as usize];
        let related = &self.index.related[id as usize];
        m.insert("content".into(), Value::safe_string(&a.content));
        let cards: Vec<Value> = related
            .ids
            .iter()
            .map(|&r| self.views.cards[r as usize].clone())
            .collect();
        m.insert("related".into(), Value::from(cards));
        m.insert("related_total".into(), Value::from(related.total));
        m.insert("related_count".into(), Value::from(a.related_count));
        let tag = related
            .rarest_tag
            .map_or_else(Value::none, |t| self.views.tags[t as usize].clone());
        m.insert("related_tag".into(), tag);
        Value::from(m)
    }
}

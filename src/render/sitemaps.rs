//! `sitemap.xml`, `news-sitemap.xml` and `robots.txt`.
//!
//! The sitemap lists every published page (404 aside) with `lastmod`: an
//! article's `updated` or `date`, a list page's newest entry, a standalone
//! page's `updated`. Past 50,000
//! URLs it becomes a sitemap index over `sitemap-1.xml`, `sitemap-2.xml`...
//! The news sitemap follows Google News: articles published in the two days
//! before the build, at most 1,000.

use jiff::{SignedDuration, Timestamp};

use super::feeds::GeneratedFile;
use super::fingerprint::Fingerprints;
use super::pagination::{page_range, page_slice};
use super::xml::Xml;
use super::{Page, RenderInput, Selection};
use crate::config::Config;
use crate::content::Article;
use crate::dates::rfc3339;
use crate::error::Result;
use crate::index::ArticleId;
use crate::output::Sink;
use crate::urls::SitePath;

pub const SITEMAP: &str = "sitemap.xml";
pub const NEWS_SITEMAP: &str = "news-sitemap.xml";
pub const ROBOTS: &str = "robots.txt";
/// Redirects in the format of Netlify and Cloudflare Pages.
pub const REDIRECTS: &str = "_redirects";
/// The sitemap protocol's limit of URLs per file.
pub const URLS_PER_SITEMAP: usize = 50_000;
/// How long an article stays in the news sitemap.
pub const NEWS_WINDOW: SignedDuration = SignedDuration::from_hours(48);
const NEWS_LIMIT: usize = 1_000;
const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// Writes the sitemaps and robots.txt `select` wants; returns every such
/// file's path and fingerprint.
pub fn write_sitemaps(
    input: &RenderInput<'_>,
    fingerprints: &Fingerprints,
    select: &dyn Selection,
    sink: &dyn Sink,
) -> Result<Vec<(String, u64)>> {
    let RenderInput {
        config,
        articles,
        pages,
        now,
        ..
    } = *input;
    let write = |path: &SitePath, bytes: &[u8]| {
        let rel = path.output_file();
        sink.write(&rel, bytes)
            .map_err(|e| super::write_error(&rel, e, || ("content".into(), "a sitemap".into())))
    };
    let mut all = Vec::new();

    let urls = pages.iter().filter(|p| p.page.in_sitemap()).count();
    let sitemap_fp = fingerprints.sitemap(articles, urls);
    let paths = sitemap_paths(urls, URLS_PER_SITEMAP);
    if paths
        .iter()
        .any(|p| select.file(&p.output_file(), sitemap_fp))
    {
        for file in sitemaps(input) {
            write(&file.path, &file.bytes)?;
        }
    }
    all.extend(paths.iter().map(|p| (p.output_file(), sitemap_fp)));

    let news: Vec<&Article> = news_articles(articles, now).collect();
    let news_fp = fingerprints.news(&news);
    let news_path = SitePath::root().file(NEWS_SITEMAP);
    if select.file(&news_path.output_file(), news_fp) {
        write(&news_path, &news_sitemap(config, &news))?;
    }
    all.push((news_path.output_file(), news_fp));

    let robots_text = robots(config);
    let robots_fp = xxhash_rust::xxh3::xxh3_64(&robots_text);
    let robots_path = SitePath::root().file(ROBOTS);
    if select.file(&robots_path.output_file(), robots_fp) {
        write(&robots_path, &robots_text)?;
    }
    all.push((robots_path.output_file(), robots_fp));

    if let Some(text) = redirects(input) {
        let fp = xxhash_rust::xxh3::xxh3_64(&text);
        let path = SitePath::root().file(REDIRECTS);
        if select.file(REDIRECTS, fp) {
            write(&path, &text)?;
        }
        all.push((path.output_file(), fp));
    }
    Ok(all)
}

/// `_redirects`, the file Netlify and Cloudflare Pages read: one line per
/// alias, `old new 301`. `None` when no article has an alias.
fn redirects(input: &RenderInput<'_>) -> Option<Vec<u8>> {
    let urls = &input.config.urls;
    let mut text = String::new();
    for p in input.pages {
        if let Page::Alias { article, .. } = p.page {
            let target = urls.link(&input.articles[article as usize].path);
            text.push_str(&format!("{} {target} 301\n", urls.link(&p.path)));
        }
    }
    (!text.is_empty()).then(|| text.into_bytes())
}

/// The files the sitemap takes for `urls` URLs: `sitemap.xml`, plus
/// `sitemap-N.xml` when it is an index.
pub fn sitemap_paths(urls: usize, per_file: usize) -> Vec<SitePath> {
    let mut paths = vec![SitePath::root().file(SITEMAP)];
    if urls > per_file {
        paths.extend(
            (1..=urls.div_ceil(per_file.max(1)))
                .map(|i| SitePath::root().file(format!("sitemap-{i}.xml"))),
        );
    }
    paths
}

fn sitemaps(input: &RenderInput<'_>) -> Vec<GeneratedFile> {
    let RenderInput {
        config,
        articles,
        standalone,
        index,
        pages,
        ..
    } = *input;
    let absolute = |p: &SitePath| config.urls.permalink(p);
    let changed = |id: ArticleId| {
        let a = &articles[id as usize];
        a.updated.unwrap_or(a.date)
    };
    let newest = |ids: &mut dyn Iterator<Item = ArticleId>| ids.map(changed).max();
    let per_page = config.articles_per_page;

    let entries: Vec<(String, Option<Timestamp>)> = pages
        .iter()
        .filter(|p| p.page.in_sitemap())
        .map(|p| {
            let lastmod = match &p.page {
                Page::Article(id) => Some(changed(*id)),
                Page::Front { number } => newest(
                    &mut page_range(articles.len(), *number, per_page).map(|i| i as ArticleId),
                ),
                Page::Term { kind, term, number } => {
                    let ids = &index.terms(*kind)[*term].articles;
                    newest(&mut page_slice(ids, *number, per_page).iter().copied())
                }
                Page::TermIndex(_) => newest(&mut (0..articles.len() as ArticleId)),
                Page::Standalone(i) => standalone[*i as usize].updated,
                Page::NotFound | Page::Alias { .. } | Page::Search => None,
            };
            (absolute(&p.path), lastmod)
        })
        .collect();

    sitemap_files(config, &entries, URLS_PER_SITEMAP)
}

/// `sitemap.xml` alone, or as an index over `sitemap-N.xml` files of at
/// most `per_file` URLs each.
pub fn sitemap_files(
    config: &Config,
    entries: &[(String, Option<Timestamp>)],
    per_file: usize,
) -> Vec<GeneratedFile> {
    let tz = &config.timezone;
    let urlset = |chunk: &[(String, Option<Timestamp>)]| {
        let mut x = Xml::document(chunk.len() * 120 + 200);
        x.start("urlset", &[("xmlns", SITEMAP_NS)]);
        for (loc, lastmod) in chunk {
            x.start("url", &[]);
            x.element("loc", &[], loc);
            if let Some(t) = lastmod {
                x.element("lastmod", &[], &rfc3339(*t, tz));
            }
            x.end("url");
        }
        x.end("urlset");
        x.into_bytes()
    };
    if entries.len() <= per_file {
        return vec![GeneratedFile {
            path: SitePath::root().file(SITEMAP),
            bytes: urlset(entries),
        }];
    }
    let mut files = Vec::new();
    let mut index = Xml::document(4096);
    index.start("sitemapindex", &[("xmlns", SITEMAP_NS)]);
    for (i, chunk) in entries.chunks(per_file.max(1)).enumerate() {
        let path = SitePath::root().file(format!("sitemap-{}.xml", i + 1));
        index.start("sitemap", &[]);
        index.element("loc", &[], &config.urls.permalink(&path));
        if let Some(t) = chunk.iter().filter_map(|e| e.1).max() {
            index.element("lastmod", &[], &rfc3339(t, tz));
        }
        index.end("sitemap");
        files.push(GeneratedFile {
            path,
            bytes: urlset(chunk),
        });
    }
    index.end("sitemapindex");
    files.push(GeneratedFile {
        path: SitePath::root().file(SITEMAP),
        bytes: index.into_bytes(),
    });
    files
}

/// Articles published, or corrected, in the two days before `now`, newest
/// first, at most 1,000.
pub fn news_articles(articles: &[Article], now: Timestamp) -> impl Iterator<Item = &Article> {
    let since = now.checked_sub(NEWS_WINDOW).unwrap_or(Timestamp::MIN);
    let recent = move |t: Timestamp| t >= since && t <= now;
    articles
        .iter()
        .filter(move |a| recent(a.date) || a.corrections.last().is_some_and(|c| recent(c.date)))
        .take(NEWS_LIMIT)
}

fn news_sitemap(config: &Config, news: &[&Article]) -> Vec<u8> {
    let mut x = Xml::document(4096);
    x.start(
        "urlset",
        &[
            ("xmlns", SITEMAP_NS),
            (
                "xmlns:news",
                "http://www.google.com/schemas/sitemap-news/0.9",
            ),
        ],
    );
    for a in news {
        x.start("url", &[]);
        x.element("loc", &[], &config.urls.permalink(&a.path));
        x.start("news:news", &[]);
        x.start("news:publication", &[]);
        x.element("news:name", &[], &config.publisher.name);
        x.element("news:language", &[], &config.language);
        x.end("news:publication");
        x.element(
            "news:publication_date",
            &[],
            &rfc3339(a.date, &config.timezone),
        );
        x.element("news:title", &[], &a.title);
        x.end("news:news");
        x.end("url");
    }
    x.end("urlset");
    x.into_bytes()
}

fn robots(config: &Config) -> Vec<u8> {
    let sitemap = config.urls.permalink(&SitePath::root().file(SITEMAP));
    let news = config.urls.permalink(&SitePath::root().file(NEWS_SITEMAP));
    format!("User-agent: *\nAllow: /\n\nSitemap: {sitemap}\nSitemap: {news}\n").into_bytes()
}

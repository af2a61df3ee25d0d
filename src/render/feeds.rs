//! RSS 2.0 and Atom feeds.
//!
//! The site has `/rss.xml` and `/atom.xml` (the latest `feed_limit`
//! articles); each section and tag has `atom.xml` beside its page. Each
//! article's Atom entry is written once and reused by every feed that lists
//! it. Dates carry the site's offset; URLs are absolute (with base_url's
//! path). Content is the full HTML or the summary: `feed_content` (default
//! full) for the site feeds, `term_feed_content` (default summary) for the
//! section and tag feeds, where full bodies would repeat every article in
//! dozens of files (190 MB on a 10,000-article archive with 800 tags).

use rayon::prelude::*;

use super::Selection;
use super::fingerprint::Fingerprints;
use super::source_links::SourceUrls;
use super::xml::Xml;
use crate::config::{Config, FeedContent};
use crate::content::Article;
use crate::dates::{rfc822, rfc3339};
use crate::error::Result;
use crate::index::{ArticleId, SiteIndex, TermKind};
use crate::output::Sink;
use crate::urls::SitePath;

pub const RSS: &str = "rss.xml";
pub const ATOM: &str = "atom.xml";
const GENERATOR: &str = "byline";

/// A generated file that is not an HTML page.
pub struct GeneratedFile {
    pub path: SitePath,
    pub bytes: Vec<u8>,
}

/// The Atom feed beside a term's page, for the kinds that have one.
pub fn term_feed(kind: TermKind, slug: &str) -> Option<SitePath> {
    kind.has_feed().then(|| kind.path(slug).file(ATOM))
}

struct Feeds<'a> {
    config: &'a Config,
    articles: &'a [Article],
    index: &'a SiteIndex,
    sources: &'a SourceUrls,
}

/// Writes the feeds `select` wants into `sink` as they are made; returns
/// every feed's path and fingerprint.
pub fn write_feeds(
    config: &Config,
    articles: &[Article],
    index: &SiteIndex,
    fingerprints: &Fingerprints,
    sources: &SourceUrls,
    select: &dyn Selection,
    sink: &dyn Sink,
) -> Result<Vec<(String, u64)>> {
    let f = Feeds {
        config,
        articles,
        index,
        sources,
    };
    let limit = config.feed_limit;
    let write = |path: &SitePath, bytes: Vec<u8>| {
        let rel = path.output_file();
        sink.write(&rel, &bytes)
            .map_err(|e| super::write_error(&rel, e, || ("content".into(), "a feed".into())))
    };
    let mut all = Vec::with_capacity(2 + index.sections.len() + index.tags.len());

    // The site feeds, with `feed_content`.
    let site_ids = site_feed_ids(articles, limit);
    let site_fp = fingerprints.feed(None, &site_ids, config.feed_content == FeedContent::Full);
    let (rss, atom) = (SitePath::root().file(RSS), SitePath::root().file(ATOM));
    if select.file(&rss.output_file(), site_fp) || select.file(&atom.output_file(), site_fp) {
        let mut entries: Vec<Option<Vec<u8>>> = vec![None; articles.len()];
        for &id in &site_ids {
            entries[id as usize] = Some(f.atom_entry(id, config.feed_content));
        }
        write(&rss, f.rss(&site_ids))?;
        write(
            &atom,
            f.atom(
                &config.title,
                &config.description,
                &SitePath::root(),
                &site_ids,
                &entries,
            ),
        )?;
    }
    all.push((rss.output_file(), site_fp));
    all.push((atom.output_file(), site_fp));

    // Section and tag feeds, with `term_feed_content`: each entry is
    // written once and shared by every feed that lists the article.
    let term_feeds: Vec<(String, SitePath, &[ArticleId], u64)> = TermKind::ALL
        .into_iter()
        .filter(|kind| kind.has_feed())
        .flat_map(|kind| index.terms(kind).iter().map(move |t| (kind, t)))
        .map(|(kind, t)| {
            let name = match kind {
                TermKind::Tag => format!("#{}", t.name),
                _ => t.name.clone(),
            };
            (name, kind.path(&t.slug), t)
        })
        .map(|(name, page, t)| {
            let ids = &t.articles[..t.articles.len().min(limit)];
            let bodies = config.term_feed_content == FeedContent::Full;
            (name, page, ids, fingerprints.feed(Some(t), ids, bodies))
        })
        .collect();
    let wanted: Vec<&(String, SitePath, &[ArticleId], u64)> = term_feeds
        .iter()
        .filter(|(_, page, _, fp)| select.file(&page.clone().file(ATOM).output_file(), *fp))
        .collect();
    let mut needed = vec![false; articles.len()];
    for (_, _, ids, _) in &wanted {
        for &id in *ids {
            needed[id as usize] = true;
        }
    }
    let entries: Vec<Option<Vec<u8>>> = needed
        .par_iter()
        .enumerate()
        .map(|(id, &n)| n.then(|| f.atom_entry(id as ArticleId, config.term_feed_content)))
        .collect();
    wanted.par_iter().try_for_each(|(name, page, ids, _)| {
        let title = format!("{name} - {}", config.title);
        write(
            &page.clone().file(ATOM),
            f.atom(&title, "", page, ids, &entries),
        )
    })?;
    all.extend(
        term_feeds
            .into_iter()
            .map(|(_, page, _, fp)| (page.file(ATOM).output_file(), fp)),
    );
    Ok(all)
}

/// The site feeds: the `limit` newest articles, and older ones corrected
/// since the oldest of those (a correction re-enters the feeds).
fn site_feed_ids(articles: &[Article], limit: usize) -> Vec<ArticleId> {
    let newest = articles.len().min(limit);
    let mut ids: Vec<ArticleId> = (0..newest as ArticleId).collect();
    if let Some(oldest) = newest.checked_sub(1).map(|i| articles[i].date) {
        ids.extend(
            articles
                .iter()
                .enumerate()
                .skip(newest)
                .filter(|(_, a)| a.corrections.last().is_some_and(|c| c.date >= oldest))
                .map(|(i, _)| i as ArticleId),
        );
    }
    ids
}

impl Feeds<'_> {
    fn absolute(&self, path: &SitePath) -> String {
        self.config.urls.permalink(path)
    }

    fn updated(&self, id: ArticleId) -> jiff::Timestamp {
        let a = &self.articles[id as usize];
        a.updated.unwrap_or(a.date)
    }

    /// Names and page URLs of an article's reporters.
    fn authors(&self, id: ArticleId) -> Vec<(&str, String)> {
        self.index.article_reporters[id as usize]
            .iter()
            .map(|&r| {
                let term = &self.index.reporters[r as usize];
                (
                    term.name.as_str(),
                    self.absolute(&TermKind::Reporter.path(&term.slug)),
                )
            })
            .collect()
    }

    fn body<'b>(&self, a: &'b Article, mode: FeedContent) -> std::borrow::Cow<'b, str> {
        match mode {
            FeedContent::Full => self.sources.content(a),
            FeedContent::Summary => std::borrow::Cow::Borrowed(&a.summary),
        }
    }

    fn atom_entry(&self, id: ArticleId, mode: FeedContent) -> Vec<u8> {
        let a = &self.articles[id as usize];
        let tz = &self.config.timezone;
        let url = self.absolute(&a.path);
        let mut x = Xml::with_capacity(a.content.len() + 1024);
        x.start("entry", &[]);
        x.element("title", &[("type", "text")], &a.title);
        x.empty(
            "link",
            &[("rel", "alternate"), ("type", "text/html"), ("href", &url)],
        );
        x.element("id", &[], &url);
        x.element("published", &[], &rfc3339(a.date, tz));
        x.element("updated", &[], &rfc3339(self.updated(id), tz));
        for (name, uri) in self.authors(id) {
            x.start("author", &[]);
            x.element("name", &[], name);
            x.element("uri", &[], &uri);
            x.end("author");
        }
        for &t in &self.index.article_tags[id as usize] {
            let term = &self.index.tags[t as usize];
            x.empty(
                "category",
                &[
                    ("term", &term.name),
                    ("scheme", &self.absolute(&TermKind::Tag.path(&term.slug))),
                ],
            );
        }
        x.element("summary", &[("type", "text")], &a.summary);
        if mode == FeedContent::Full {
            x.element("content", &[("type", "html")], &self.sources.content(a));
        }
        x.end("entry");
        x.into_bytes()
    }

    fn atom(
        &self,
        title: &str,
        subtitle: &str,
        page: &SitePath,
        ids: &[ArticleId],
        entries: &[Option<Vec<u8>>],
    ) -> Vec<u8> {
        let tz = &self.config.timezone;
        let self_url = self.absolute(&page.clone().file(ATOM));
        // The newest change among the entries: the same on every build of
        // the same content, unlike the time of the build.
        let updated = ids
            .iter()
            .map(|&id| self.updated(id))
            .max()
            .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        let mut x = Xml::document(ids.len() * 4096 + 1024);
        x.start(
            "feed",
            &[
                ("xmlns", "http://www.w3.org/2005/Atom"),
                ("xml:lang", &self.config.language),
            ],
        );
        x.element("title", &[("type", "text")], title);
        if !subtitle.is_empty() {
            x.element("subtitle", &[("type", "text")], subtitle);
        }
        x.empty(
            "link",
            &[
                ("rel", "self"),
                ("type", "application/atom+xml"),
                ("href", &self_url),
            ],
        );
        x.empty(
            "link",
            &[
                ("rel", "alternate"),
                ("type", "text/html"),
                ("href", &self.absolute(page)),
            ],
        );
        x.element("id", &[], &self_url);
        x.element("updated", &[], &rfc3339(updated, tz));
        x.start("author", &[]);
        x.element("name", &[], &self.config.publisher.name);
        x.end("author");
        x.element("generator", &[], GENERATOR);
        for &id in ids {
            if let Some(entry) = &entries[id as usize] {
                x.raw(entry);
            }
        }
        x.end("feed");
        x.into_bytes()
    }

    fn rss(&self, ids: &[ArticleId]) -> Vec<u8> {
        let tz = &self.config.timezone;
        let rfc822 = |ts| rfc822(ts, tz);
        let home = self.config.urls.home();
        let mut x = Xml::document(ids.len() * 4096 + 1024);
        x.start(
            "rss",
            &[
                ("version", "2.0"),
                ("xmlns:atom", "http://www.w3.org/2005/Atom"),
                ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
            ],
        );
        x.start("channel", &[]);
        x.element("title", &[], &self.config.title);
        x.element("link", &[], &home);
        x.element("description", &[], &self.config.description);
        x.element("language", &[], &self.config.language);
        x.empty(
            "atom:link",
            &[
                ("href", &self.absolute(&SitePath::root().file(RSS))),
                ("rel", "self"),
                ("type", "application/rss+xml"),
            ],
        );
        if let Some(latest) = ids.iter().map(|&id| self.updated(id)).max() {
            x.element("lastBuildDate", &[], &rfc822(latest));
        }
        x.element("generator", &[], GENERATOR);
        for &id in ids {
            let a = &self.articles[id as usize];
            let url = self.absolute(&a.path);
            x.start("item", &[]);
            x.element("title", &[], &a.title);
            x.element("link", &[], &url);
            x.element("guid", &[("isPermaLink", "true")], &url);
            x.element("pubDate", &[], &rfc822(a.date));
            for (name, _) in self.authors(id) {
                x.element("dc:creator", &[], name);
            }
            for &t in &self.index.article_tags[id as usize] {
                x.element("category", &[], &self.index.tags[t as usize].name);
            }
            x.element("description", &[], &self.body(a, self.config.feed_content));
            x.end("item");
        }
        x.end("channel");
        x.end("rss");
        x.into_bytes()
    }
}

//! Feeds, sitemaps, robots.txt, head metadata and JSON-LD, read back with
//! real parsers (feed-rs, quick-xml, serde_json).

use jiff::{SignedDuration, Timestamp};
use quick_xml::events::Event;

use crate::support::{SITE_TOML, Site, between, fm};

fn site_with_news(base_url: &str) -> Site {
    let site = Site::with_config(&SITE_TOML.replace("https://news.example.com", base_url));
    site.photo("static/images/chart.png", 40, 30);
    let now = Timestamp::now();
    let recent = (now - SignedDuration::from_hours(3)).to_string();
    let older = (now - SignedDuration::from_hours(24 * 3)).to_string();
    site.article(
        "경제/rates.md",
        &fm("금리 <동결> & 전망", "2023-11-20 19:02:01", "updated: \"2023-11-21 08:00\"\nreporter: 김기자\ntags: [금리, 한국은행]\nimage:\n  src: /images/chart.png"),
        "본문 <b>굵게</b> 문단.\n",
    );
    site.article(
        "IT/recent.md",
        &fm("방금 나온 기사", &recent, "tags: [AI]\nreporter: 김기자"),
        "최신.\n",
    );
    site.article(
        "IT/older.md",
        &fm("사흘 전 기사", &older, "tags: [AI]"),
        "조금 지난.\n",
    );
    site.article(
        "IT/draft.md",
        &fm("초안 기사", "2023-01-01", "draft: true\ntags: [AI, 금리]"),
        "x\n",
    );
    site.article(
        "IT/future.md",
        &fm("엠바고 기사", "2999-01-01", "tags: [AI, 금리]"),
        "x\n",
    );
    site.article(
        "IT/script.md",
        &fm("</script><script>alert(1)</script>", "2023-01-01", ""),
        "x\n",
    );
    site.build_ok();
    site
}

fn parse_feed(site: &Site, rel: &str) -> feed_rs::model::Feed {
    let text = site.read(rel);
    feed_rs::parser::parse(text.as_bytes()).unwrap_or_else(|e| panic!("{rel} does not parse: {e}"))
}

/// The text of every element named `name` in an XML document.
fn xml_texts(xml: &str, name: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    let mut inside = false;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) if e.name().as_ref() == name => inside = true,
            Event::End(e) if e.name().as_ref() == name => inside = false,
            Event::Text(t) if inside => out.push(t.into_inner().into_owned()),
            Event::GeneralRef(r) if inside => {
                let entity = r.into_inner().into_owned();
                let c = match entity.as_str() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unexpected entity {other}"),
                };
                if let Some(last) = out.last_mut() {
                    last.push_str(c);
                } else {
                    out.push(c.to_string());
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

#[test]
fn site_feeds_parse_and_carry_the_right_entries() {
    let site = site_with_news("https://example.com/news");
    for rel in ["rss.xml", "atom.xml"] {
        let feed = parse_feed(&site, rel);
        let titles: Vec<String> = feed
            .entries
            .iter()
            .map(|e| e.title.as_ref().unwrap().content.clone())
            .collect();
        assert_eq!(titles.len(), 4, "{rel}: {titles:?}");
        assert_eq!(titles[0], "방금 나온 기사", "newest first in {rel}");
        assert!(
            titles.contains(&"금리 <동결> & 전망".to_string()),
            "escaped and decoded in {rel}"
        );
        assert!(
            !titles
                .iter()
                .any(|t| t.contains("초안") || t.contains("엠바고")),
            "{rel}: {titles:?}"
        );
        for e in &feed.entries {
            let link = &e.links[0].href;
            assert!(
                link.starts_with("https://example.com/news/"),
                "{rel}: {link}"
            );
        }
        let rates = feed
            .entries
            .iter()
            .find(|e| e.title.as_ref().unwrap().content.starts_with("금리"))
            .unwrap();
        assert_eq!(
            rates.published.unwrap().to_rfc3339(),
            "2023-11-20T10:02:01+00:00",
            "{rel}"
        );
        let body = rates
            .content
            .as_ref()
            .and_then(|c| c.body.clone())
            .or_else(|| rates.summary.as_ref().map(|s| s.content.clone()))
            .unwrap();
        assert!(
            body.contains("<b>굵게</b>"),
            "full HTML content in {rel}: {body}"
        );
    }
    let rss = site.read("rss.xml");
    assert!(
        rss.contains("<pubDate>Mon, 20 Nov 2023 19:02:01 +0900</pubDate>"),
        "RFC 822 with the site offset"
    );
    let atom = site.read("atom.xml");
    assert!(atom.contains("<published>2023-11-20T19:02:01+09:00</published>"));
    assert!(atom.contains("<updated>2023-11-21T08:00:00+09:00</updated>"));
}

#[test]
fn section_and_tag_feeds_exist_and_are_linked_from_their_pages() {
    let site = site_with_news("https://example.com/news");
    let section = parse_feed(&site, "경제/atom.xml");
    assert_eq!(section.entries.len(), 1);
    let tag = parse_feed(&site, "tags/ai/atom.xml");
    let titles: Vec<String> = tag
        .entries
        .iter()
        .map(|e| e.title.as_ref().unwrap().content.clone())
        .collect();
    assert_eq!(titles, ["방금 나온 기사", "사흘 전 기사"]);
    let page = site.read("tags/ai/index.html");
    assert!(page.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"AI - 테스트일보\" href=\"/news/tags/ai/atom.xml\">"), "{}", between(&page, "<head>", "</head>"));
    for (path, html) in site.html_pages() {
        assert!(
            html.contains("href=\"/news/rss.xml\"") && html.contains("href=\"/news/atom.xml\""),
            "{path}"
        );
    }
}

#[test]
fn feed_content_summary_leaves_the_body_out() {
    let site = Site::with_config(&SITE_TOML.replace(
        "articles_per_page = 3",
        "articles_per_page = 3\nfeed_content = \"summary\"\nfeed_limit = 1",
    ));
    site.article(
        "IT/a.md",
        &fm("가", "2023-01-02", "summary: 짧은 요약"),
        "긴 본문 <b>굵게</b>\n",
    );
    site.article("IT/b.md", &fm("나", "2023-01-01", ""), "x\n");
    site.build_ok();
    let feed = parse_feed(&site, "atom.xml");
    assert_eq!(feed.entries.len(), 1, "feed_limit");
    assert!(feed.entries[0].content.is_none());
    assert_eq!(
        feed.entries[0].summary.as_ref().unwrap().content,
        "짧은 요약"
    );
    assert!(!site.read("rss.xml").contains("굵게"));
}

#[test]
fn sitemap_lists_every_page_with_lastmod_under_base_url() {
    let site = site_with_news("https://example.com/news");
    let sitemap = site.read("sitemap.xml");
    let locs = xml_texts(&sitemap, "loc");
    let lastmods = xml_texts(&sitemap, "lastmod");
    let pages: Vec<String> = site
        .html_pages()
        .into_keys()
        .filter(|p| p != "404.html" && p != "search/index.html")
        .collect();
    assert_eq!(locs.len(), pages.len(), "one URL per page");
    assert!(
        !sitemap.contains("/search/"),
        "the search page is not listed"
    );
    for page in &pages {
        let dir = page.trim_end_matches("index.html");
        let expected = format!("https://example.com/news/{}", percent_encode_path(dir));
        assert!(locs.contains(&expected), "{expected} missing");
    }
    assert!(
        lastmods.iter().all(|m| m.ends_with("+09:00")),
        "{lastmods:?}"
    );
    let rates_at = locs.iter().position(|l| l.ends_with("/rates/")).unwrap();
    assert_eq!(
        lastmods[rates_at], "2023-11-21T08:00:00+09:00",
        "lastmod is `updated`"
    );
    assert!(!sitemap.contains("draft") && !sitemap.contains("future"));
}

fn percent_encode_path(path: &str) -> String {
    path.split('/')
        .map(|seg| {
            seg.bytes()
                .map(|b| {
                    if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                        (b as char).to_string()
                    } else {
                        format!("%{b:02X}")
                    }
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[test]
fn news_sitemap_has_only_the_last_two_days() {
    let site = site_with_news("https://example.com/news");
    let news = site.read("news-sitemap.xml");
    assert_eq!(xml_texts(&news, "news:title"), ["방금 나온 기사"]);
    assert_eq!(xml_texts(&news, "news:name"), ["테스트일보"]);
    assert_eq!(xml_texts(&news, "news:language"), ["ko"]);
    let date = &xml_texts(&news, "news:publication_date")[0];
    assert!(date.ends_with("+09:00"), "{date}");
    assert_eq!(
        xml_texts(&news, "loc"),
        ["https://example.com/news/it/recent/"]
    );
}

#[test]
fn robots_names_both_sitemaps_unless_the_site_has_its_own() {
    let site = site_with_news("https://example.com/news");
    let robots = site.read("robots.txt");
    assert!(robots.contains("Sitemap: https://example.com/news/sitemap.xml\n"));
    assert!(robots.contains("Sitemap: https://example.com/news/news-sitemap.xml\n"));
    site.write("static/robots.txt", "User-agent: *\nDisallow: /\n");
    site.build_ok();
    assert_eq!(site.read("robots.txt"), "User-agent: *\nDisallow: /\n");
}

#[test]
fn article_head_has_canonical_open_graph_and_news_article_json_ld() {
    let site = site_with_news("https://example.com/news");
    let html = site.read("경제/rates/index.html");
    let head = between(&html, "<head>", "</head>");
    for needle in [
        "<link rel=\"canonical\" href=\"https://example.com/news/%EA%B2%BD%EC%A0%9C/rates/\">",
        "<meta name=\"description\" content=\"본문 굵게 문단.\">",
        "<meta property=\"og:type\" content=\"article\">",
        "<meta property=\"og:title\" content=\"금리 &lt;동결&gt; &amp; 전망\">",
        "<meta property=\"og:url\" content=\"https://example.com/news/%EA%B2%BD%EC%A0%9C/rates/\">",
        "<meta property=\"og:image\" content=\"https://example.com/news/images/chart.png\">",
        "<meta property=\"og:site_name\" content=\"테스트일보\">",
        "<meta property=\"og:locale\" content=\"ko_KR\">",
        "<meta property=\"article:published_time\" content=\"2023-11-20T19:02:01+09:00\">",
        "<meta property=\"article:modified_time\" content=\"2023-11-21T08:00:00+09:00\">",
        "<meta property=\"article:section\" content=\"경제\">",
        "<meta property=\"article:tag\" content=\"금리\">",
        "<meta property=\"article:tag\" content=\"한국은행\">",
        "<meta property=\"article:author\" content=\"https://example.com/news/reporters/kim/\">",
        "<meta name=\"twitter:card\" content=\"summary_large_image\">",
    ] {
        let alt = needle.replace("&#x2F;", "/");
        assert!(
            head.contains(needle) || head.contains(&alt),
            "missing {needle} in\n{head}"
        );
    }
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"ko\">"));

    let json = between(head, "<script type=\"application/ld+json\">", "</script>");
    let ld: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["headline"], "금리 <동결> & 전망");
    assert_eq!(ld["datePublished"], "2023-11-20T19:02:01+09:00");
    assert_eq!(ld["dateModified"], "2023-11-21T08:00:00+09:00");
    assert_eq!(ld["author"][0]["@type"], "Person");
    assert_eq!(ld["author"][0]["name"], "김기자");
    assert_eq!(
        ld["author"][0]["url"],
        "https://example.com/news/reporters/kim/"
    );
    assert_eq!(ld["publisher"]["name"], "테스트일보");
    assert_eq!(ld["image"][0], "https://example.com/news/images/chart.png");
    assert_eq!(
        ld["mainEntityOfPage"]["@id"],
        "https://example.com/news/%EA%B2%BD%EC%A0%9C/rates/"
    );
    assert_eq!(ld["articleSection"], "경제");
    assert_eq!(ld["keywords"], serde_json::json!(["금리", "한국은행"]));
}

#[test]
fn a_title_cannot_break_out_of_the_json_ld_script() {
    let site = site_with_news("https://example.com/news");
    let html = site.read("it/script/index.html");
    assert_eq!(
        html.matches("<script").count(),
        3,
        "the JSON-LD of the article and its breadcrumbs, and the optional script"
    );
    assert_eq!(html.matches("</script>").count(), 3);
    let json = between(&html, "<script type=\"application/ld+json\">", "</script>");
    let ld: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(ld["headline"], "</script><script>alert(1)</script>");
    assert!(
        html.contains("<meta name=\"twitter:card\" content=\"summary\">"),
        "no image, plain card"
    );
}

#[test]
fn front_page_has_website_and_news_media_organization() {
    let config = SITE_TOML.replace("editor = ", "logo = \"/images/logo.png\"\neditor = ");
    let site = Site::with_config(&config);
    site.article("IT/a.md", &fm("가", "2023-01-01", ""), "x\n");
    site.build_ok();
    let html = site.read("index.html");
    assert!(html.contains("<meta property=\"og:type\" content=\"website\">"));
    let json = between(&html, "<script type=\"application/ld+json\">", "</script>");
    let ld: serde_json::Value = serde_json::from_str(json).unwrap();
    let graph = ld["@graph"].as_array().unwrap();
    let types: Vec<&str> = graph.iter().map(|n| n["@type"].as_str().unwrap()).collect();
    assert_eq!(types, ["WebSite", "NewsMediaOrganization"]);
    assert_eq!(graph[0]["url"], "https://news.example.com/");
    assert_eq!(graph[1]["name"], "테스트일보");
    assert_eq!(
        graph[1]["logo"]["url"],
        "https://news.example.com/images/logo.png"
    );
    let article = site.read("it/a/index.html");
    let ld: serde_json::Value =
        serde_json::from_str(between(&article, "ld+json\">", "</script>")).unwrap();
    assert_eq!(
        ld["publisher"]["logo"]["url"],
        "https://news.example.com/images/logo.png"
    );
}

#[test]
fn everything_lives_under_the_base_path() {
    let site = site_with_news("https://example.com/news/");
    for (path, bytes) in site.snapshot() {
        let text = String::from_utf8_lossy(&bytes);
        for attr in ["href=\"", "src=\"", "content=\"https://"] {
            for part in text.split(attr).skip(1) {
                let value = &part[..part.find('"').unwrap()];
                let value = value.strip_prefix("https://example.com").unwrap_or(value);
                if value.starts_with('/') {
                    assert!(value.starts_with("/news/"), "{value} in {path}");
                }
            }
        }
        if path.ends_with(".xml") || path.ends_with(".txt") {
            for url in text.split("https://").skip(1) {
                let host_path: String =
                    url.chars().take_while(|c| !"<\"\n ".contains(*c)).collect();
                if host_path.starts_with("example.com") {
                    assert!(
                        host_path.starts_with("example.com/news/"),
                        "{host_path} in {path}"
                    );
                }
            }
        }
    }
}

#[test]
fn sitemap_splits_into_an_index_past_the_limit() {
    use byline::render::sitemaps::sitemap_files;
    let config =
        byline::config::parse(std::path::Path::new("/s"), SITE_TOML, &Default::default()).unwrap();
    let entries: Vec<(String, Option<Timestamp>)> = (0..5)
        .map(|i| {
            (
                format!("https://news.example.com/{i}/"),
                Some(Timestamp::from_second(1_700_000_000 + i).unwrap()),
            )
        })
        .collect();
    let files = sitemap_files(&config, &entries, 2);
    let names: Vec<String> = files.iter().map(|f| f.path.output_file()).collect();
    assert_eq!(
        names,
        [
            "sitemap-1.xml",
            "sitemap-2.xml",
            "sitemap-3.xml",
            "sitemap.xml"
        ]
    );
    let index = String::from_utf8(files[3].bytes.clone()).unwrap();
    assert!(index.contains("<sitemapindex"));
    assert_eq!(xml_texts(&index, "loc").len(), 3);
    let last = String::from_utf8(files[2].bytes.clone()).unwrap();
    assert_eq!(xml_texts(&last, "loc"), ["https://news.example.com/4/"]);
    assert_eq!(
        sitemap_files(&config, &entries, 5).len(),
        1,
        "at the limit, one file"
    );
}

#[test]
fn section_and_tag_feeds_carry_summaries_unless_asked_for_full_content() {
    let site = Site::new();
    site.article(
        "IT/a.md",
        &fm("가", "2023-01-02", "tags: [t]\nsummary: 요약문"),
        "본문 <b>굵게</b>\n",
    );
    site.build_ok();
    for rel in ["tags/t/atom.xml", "it/atom.xml"] {
        let feed = parse_feed(&site, rel);
        assert!(feed.entries[0].content.is_none(), "{rel}");
        assert_eq!(feed.entries[0].summary.as_ref().unwrap().content, "요약문");
    }
    assert!(
        site.read("atom.xml").contains("굵게"),
        "the site feed is full by default"
    );
    site.write(
        "site.toml",
        &SITE_TOML.replace(
            "articles_per_page = 3",
            "articles_per_page = 3\nterm_feed_content = \"full\"",
        ),
    );
    site.build_ok();
    let feed = parse_feed(&site, "tags/t/atom.xml");
    assert!(
        feed.entries[0]
            .content
            .as_ref()
            .unwrap()
            .body
            .as_ref()
            .unwrap()
            .contains("<b>굵게</b>")
    );
}

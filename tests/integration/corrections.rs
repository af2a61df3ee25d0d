//! Moved and corrected articles: aliases redirect, corrections are shown,
//! dated and announced again.

use crate::support::{Site, between, fm};

#[test]
fn aliases_redirect_and_are_listed_for_netlify_and_cloudflare() {
    let site = Site::new();
    site.article(
        "IT/a.md",
        &fm(
            "옮긴 기사",
            "2023-01-01",
            "aliases: [\"/news/articleView.html\", \"/2023/01/old-slug\"]",
        ),
        "x\n",
    );
    site.build_ok();
    for alias in ["news/articleView.html", "2023/01/old-slug/index.html"] {
        let html = site.read(alias);
        assert!(
            html.contains("<meta http-equiv=\"refresh\" content=\"0; url=/it/a/\">"),
            "{html}"
        );
        assert!(html.contains("<link rel=\"canonical\" href=\"https://news.example.com/it/a/\">"));
        assert!(html.contains("<meta name=\"robots\" content=\"noindex\">"));
        assert!(html.contains("<a href=\"/it/a/\">옮긴 기사</a>"));
    }
    assert_eq!(
        site.read("_redirects"),
        "/news/articleView.html /it/a/ 301\n/2023/01/old-slug/ /it/a/ 301\n"
    );
    assert!(
        !site.read("sitemap.xml").contains("old-slug"),
        "aliases are not pages to index"
    );
}

#[test]
fn an_alias_on_a_page_or_a_bad_alias_is_an_error() {
    let site = Site::new();
    site.article("IT/a.md", &fm("가", "2023-01-01", ""), "x\n");
    site.article(
        "IT/b.md",
        &fm("나", "2023-01-02", "aliases: [\"/it/a/\"]"),
        "x\n",
    );
    let err = site.build_err();
    assert!(err.contains("content/IT/b.md: an alias (old URL) of the article has the URL /it/a/, which is also the article's page"), "{err}");
    site.article(
        "IT/b.md",
        &fm("나", "2023-01-02", "aliases: [\"old?id=3\", \"/../etc/\"]"),
        "x\n",
    );
    let err = site.build_err();
    assert!(
        err.contains("the alias `old?id=3` must start with `/`"),
        "{err}"
    );
    assert!(err.contains("the alias `/../etc/`"), "{err}");
}

#[test]
fn a_correction_is_shown_dated_and_announced_again() {
    let site = Site::new();
    site.article(
        "IT/old.md",
        &fm(
            "정정된 기사",
            "2023-01-01 10:00",
            "corrections:\n  - date: \"2023-06-02 09:00\"\n    text: \"숫자를 바로잡습니다.\"",
        ),
        "x\n",
    );
    for i in 0..3 {
        site.article(
            &format!("IT/n{i}.md"),
            &fm(
                &format!("새 기사 {i}"),
                &format!("2023-05-0{} 10:00", i + 1),
                "",
            ),
            "x\n",
        );
    }
    let mut options = site.options();
    options.now = Some("2023-06-03T00:00:00+09:00".parse().unwrap());
    byline::build(&options).unwrap();
    let html = site.read("it/old/index.html");
    let notice = between(&html, "<aside class=\"corrections\"", "</aside>");
    assert!(notice.contains("<time datetime=\"2023-06-02T09:00:00+09:00\">2023.06.02 09:00:00</time> 숫자를 바로잡습니다."), "{notice}");
    assert!(html.contains("\"dateModified\":\"2023-06-02T09:00:00+09:00\""));
    assert!(
        html.contains("수정 <time class=\"dt-updated\" datetime=\"2023-06-02T09:00:00+09:00\">")
    );
    let atom = site.read("atom.xml");
    assert!(
        atom.contains("<updated>2023-06-02T09:00:00+09:00</updated>"),
        "{atom}"
    );
    let news = site.read("news-sitemap.xml");
    assert!(
        news.contains("/it/old/"),
        "corrected in the last two days: {news}"
    );
    // With feed_limit 2, the corrected article comes back in the feeds.
    let site2 = Site::with_config(&format!("feed_limit = 2\n{}", crate::support::SITE_TOML));
    let old = std::fs::read_to_string(site.root().join("content/IT/old.md")).unwrap();
    site2.write("content/IT/old.md", &old);
    for i in 0..3 {
        site2.article(
            &format!("IT/n{i}.md"),
            &fm(
                &format!("새 기사 {i}"),
                &format!("2023-05-0{} 10:00", i + 1),
                "",
            ),
            "x\n",
        );
    }
    let mut options = site2.options();
    options.now = Some("2023-06-03T00:00:00+09:00".parse().unwrap());
    byline::build(&options).unwrap();
    let rss = site2.read("rss.xml");
    assert_eq!(rss.matches("<item>").count(), 3, "{rss}");
    assert!(rss.contains("정정된 기사"));
}

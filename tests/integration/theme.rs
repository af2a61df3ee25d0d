//! The default theme as a newspaper: the front page's blocks, the article
//! page's furniture, standalone pages, the footer, and the details of
//! dates, languages, ids and images.

use std::collections::BTreeMap;

use crate::support::{SITE_TOML, Site, between, fm};

/// A small newspaper: two sections, a featured story, photos, two reporters.
fn newspaper() -> Site {
    let site = Site::with_config(&format!(
        "sections = [\"경제\", \"IT\"]\n{SITE_TOML}\n[front_page]\nsecondary = 2\nlatest = 3\nsection_articles = 2\nphotos = 2\n"
    ));
    site.photo("static/images/p.png", 4, 3);
    let image = "image:\n  src: /images/p.png\n  alt: 사진";
    for (i, (section, extra)) in [
        ("경제", image),
        ("IT", ""),
        ("경제", "featured: true"),
        ("IT", image),
        ("경제", ""),
        ("IT", image),
        ("경제", ""),
    ]
    .iter()
    .enumerate()
    {
        site.article(
            &format!("{section}/a{i}.md"),
            &fm(
                &format!("기사{i}"),
                &format!("2023-03-{:02} 10:00", 20 - i),
                &format!("reporter: 김기자\ntags: [금리, 주제{}]\n{extra}", i % 2),
            ),
            "본문입니다.\n",
        );
    }
    site
}

fn titles_in(html: &str, start: &str, end: &str) -> Vec<String> {
    between(html, start, end)
        .split("\">기사")
        .skip(1)
        .map(|rest| format!("기사{}", rest.chars().next().unwrap()))
        .collect()
}

#[test]
fn the_front_page_has_a_lead_secondary_latest_sections_and_photos() {
    let site = newspaper();
    site.build_ok();
    let html = site.read("index.html");
    // 기사2 is featured: it leads though 기사0 is newer and has a photo.
    assert_eq!(
        titles_in(&html, "<article class=\"lead-story\">", "</article>"),
        ["기사2"]
    );
    assert_eq!(
        titles_in(&html, "<div class=\"secondary-stories\">", "</div>"),
        ["기사0", "기사1"]
    );
    assert_eq!(
        titles_in(&html, "<section class=\"latest\"", "</section>"),
        ["기사3", "기사4", "기사5"]
    );
    let economy = between(
        &html,
        "<section class=\"section-block\" aria-label=\"경제\">",
        "</section>",
    );
    assert_eq!(titles_in(economy, "<h2", "더보기"), ["기사0", "기사2"]);
    assert!(economy.contains(
        "<img src=\"/images/p.png\" alt=\"\" width=\"4\" height=\"3\" loading=\"lazy\">"
    ));
    assert!(html.find("aria-label=\"경제\"").unwrap() < html.find("aria-label=\"IT\"").unwrap());
    assert_eq!(
        titles_in(&html, "<section class=\"photo-news\"", "</section>"),
        ["기사0", "기사3"]
    );
    assert!(
        html.contains("<time datetime=\"2023-03-20T10:00:00+09:00\">2023년 03월 20일</time>"),
        "the masthead dates the edition by its newest article"
    );
    assert!(html.contains("<h1 class=\"brand\">"));
    // Page 2 keeps the plain list.
    let second = site.read("page/2/index.html");
    assert!(second.contains("<article class=\"card") && !second.contains("lead-story"));
}

#[test]
fn the_article_page_has_breadcrumbs_reporter_box_neighbours_and_share_links() {
    let site = newspaper();
    site.build_ok();
    let html = site.read("경제/a2/index.html");
    assert!(html.contains("<nav class=\"breadcrumbs\" aria-label=\"현재 위치\">"));
    let json = between(
        &html,
        "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"BreadcrumbList\"",
        "</script>",
    );
    let ld: serde_json::Value =
        serde_json::from_str(&format!("{{\"@type\":\"BreadcrumbList\"{json}")).unwrap();
    let items = ld["itemListElement"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(items[1]["name"], "경제");
    assert_eq!(
        items[1]["item"],
        "https://news.example.com/%EA%B2%BD%EC%A0%9C/"
    );
    // 김기자 wrote all seven: the box lists the 4 published before this.
    let reporter = between(&html, "<section class=\"reporter-box\"", "</section>");
    assert!(reporter.contains("경제부 기자"), "the bio");
    assert_eq!(
        titles_in(reporter, "기자의 다른 기사", "</ul>"),
        ["기사3", "기사4", "기사5", "기사6"]
    );
    // With fewer than 4 before it, the 4 oldest others.
    let fifth = site.read("it/a5/index.html");
    let reporter = between(&fifth, "<section class=\"reporter-box\"", "</section>");
    assert_eq!(
        titles_in(reporter, "기자의 다른 기사", "</ul>"),
        ["기사2", "기사3", "기사4", "기사6"]
    );
    // Neighbours in the section 경제 (0, 2, 4, 6): newer 0, older 4.
    let pager = between(&html, "<nav class=\"article-pager\"", "</nav>");
    assert!(
        pager.contains("class=\"pager-prev\" href=\"/%EA%B2%BD%EC%A0%9C/a4/\""),
        "{pager}"
    );
    assert!(
        pager.contains("class=\"pager-next\" href=\"/%EA%B2%BD%EC%A0%9C/a0/\""),
        "{pager}"
    );
    // The page's URL (already percent-encoded) as a query value.
    let url = "https%3A%2F%2Fnews%2Eexample%2Ecom%2F%25EA%25B2%25BD%25EC%25A0%259C%2Fa2%2F";
    for share in [
        format!("https://www.facebook.com/sharer/sharer.php?u={url}"),
        format!("https://x.com/intent/post?url={url}&amp;text=%EA%B8%B0%EC%82%AC2"),
        format!("https://band.us/plugin/share?body=%EA%B8%B0%EC%82%AC2%0A{url}&amp;route={url}"),
        format!("mailto:?subject=%EA%B8%B0%EC%82%AC2&amp;body={url}"),
    ] {
        assert!(html.contains(&format!("href=\"{share}\"")), "{share}");
    }
    // The enhancements need JavaScript: hidden until the script shows them.
    assert_eq!(html.matches("data-tool=").count(), 4);
    assert_eq!(html.matches("\" hidden>").count(), 4);
    assert!(site.read("script.js").contains("localStorage"));
}

/// "N건의 관련기사 더보기": N is the number of other articles on the page
/// the link opens, counted over its pagination.
#[test]
fn the_related_more_count_is_what_its_page_lists() {
    let site = newspaper();
    site.build_ok();
    let mut checked = 0;
    for (path, html) in site.html_pages() {
        if !html.contains("<p class=\"related-total\">") {
            continue;
        }
        let link = between(&html, "<p class=\"related-total\"><a href=\"", "\"");
        let text = between(&html, "<p class=\"related-total\">", "</p>");
        let shown: usize = between(text, "\">", "건").parse().unwrap();
        let dir = percent_encoding::percent_decode_str(link.trim_start_matches('/'))
            .decode_utf8()
            .unwrap()
            .to_string();
        let mut listed = 0;
        let mut page = format!("{dir}index.html");
        let mut number = 1;
        while site.exists(&page) {
            listed += site.read(&page).matches("<article class=\"card").count();
            number += 1;
            page = format!("{dir}page/{number}/index.html");
        }
        assert_eq!(shown, listed - 1, "{path}: {text}");
        checked += 1;
    }
    assert!(checked >= 5, "{checked} pages checked");
}

#[test]
fn an_english_article_keeps_the_site_language_in_its_chrome() {
    let site = Site::with_config(&format!(
        "{SITE_TOML}\n[[reporters]]\nname = \"Daniel Reed\"\nrole = \"Correspondent\"\n"
    ));
    site.article(
        "IT/en.md",
        &fm(
            "Chips rebound",
            "2024-02-14",
            "reporter: Daniel Reed\nsubtitle: Exports rise",
        ),
        "Korean chip exports rose for a third month in a row, the ministry said.\n",
    );
    site.build_ok();
    let html = site.read("it/en/index.html");
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"ko\">"));
    assert!(html.contains("<h1 class=\"p-name headline\" lang=\"en\">"));
    assert!(html.contains("<div class=\"article-body\" lang=\"en\">"));
    assert!(
        html.contains("<p class=\"dateline\">By Daniel Reed, 테스트일보</p>"),
        "{html}"
    );
    assert!(!html.contains("[테스트일보=Daniel Reed"));
    // A day alone shows no made-up time, on the page and in lists.
    assert!(
        html.contains("<time class=\"dt-published\" datetime=\"2024-02-14\">2024.02.14</time>")
    );
    assert!(!html.contains("2024.02.14 00:00"));
    assert!(
        site.read("it/index.html")
            .contains("<time datetime=\"2024-02-14\">2024.02.14</time>")
    );
}

#[test]
fn standalone_pages_are_not_articles_and_are_linked_from_every_footer() {
    let site = newspaper();
    site.write("content/pages/02-privacy.md", "---\ntitle: 개인정보처리방침\nslug: privacy\nfooter: true\nupdated: 2024-01-02\n---\n수집하지 않습니다.\n");
    site.write("content/pages/01-about.md", "---\ntitle: 회사소개\nslug: about\nfooter: true\nsummary: 우리 신문\n---\n가상 신문입니다.\n");
    site.write(
        "content/pages/03-ads.md",
        "---\ntitle: 광고 안내\n---\n문의하세요.\n",
    );
    site.build_ok();
    let about = site.read("about/index.html");
    assert!(
        about.contains("<h1 class=\"page-title\">회사소개</h1>")
            && about.contains("가상 신문입니다.")
    );
    assert!(about.contains("<meta name=\"description\" content=\"우리 신문\">"));
    assert!(
        site.exists("03-ads/index.html"),
        "the slug defaults to the file name"
    );
    for (path, html) in site.html_pages() {
        let footer = between(&html, "<nav class=\"footer-links\"", "</nav>");
        let about_at = footer
            .find("href=\"/about/\"")
            .unwrap_or_else(|| panic!("{path}: {footer}"));
        assert!(
            about_at < footer.find("href=\"/privacy/\"").unwrap(),
            "file-name order"
        );
        assert!(!footer.contains("03-ads"), "footer: false");
        assert!(footer.contains("href=\"/tags/\"") && footer.contains("href=\"/reporters/\""));
        assert!(
            html.contains("Copyright © 2023 테스트일보") || html.contains("Copyright © 2023"),
            "{path}"
        );
    }
    for file in ["rss.xml", "atom.xml", "news-sitemap.xml"] {
        assert!(!site.read(file).contains("회사소개"), "{file}");
    }
    for list in [
        "index.html",
        "page/2/index.html",
        "tags/금리/index.html",
        "경제/index.html",
    ] {
        let html = site.read(list);
        assert!(
            !between(&html, "<main", "</main>").contains("회사소개"),
            "{list}"
        );
    }
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("<loc>https://news.example.com/about/</loc>"));
    assert!(sitemap.contains(
        "<loc>https://news.example.com/privacy/</loc><lastmod>2024-01-02T00:00:00+09:00</lastmod>"
    ));

    site.article(
        "IT/x.md",
        &fm("기사", "2023-01-01", "section: pages"),
        "x\n",
    );
    let err = site.build_err();
    assert!(
        err.contains("`section` `pages` would take the URL segment `pages`"),
        "{err}"
    );
    site.remove("content/IT/x.md");
    site.write(
        "content/pages/04-it.md",
        "---\ntitle: 충돌\nslug: IT\n---\nx\n",
    );
    let err = site.build_err();
    assert!(
        err.contains("content/pages/04-it.md: the standalone page has the URL /it/"),
        "{err}"
    );
}

#[test]
fn pages_link_the_favicon_and_highlighting_only_where_needed() {
    let site = newspaper();
    site.article(
        "IT/code.md",
        &fm("코드", "2023-01-01", ""),
        "```rust\nfn main() {}\n```\n",
    );
    site.build_ok();
    let pages: BTreeMap<String, String> = site.html_pages();
    for (path, html) in &pages {
        assert!(
            html.contains("<link rel=\"icon\" href=\"/favicon.svg\">"),
            "{path}"
        );
        let linked = html.contains("href=\"/highlight.css\"");
        assert_eq!(linked, path == "it/code/index.html", "{path}");
    }
    assert!(
        site.read("favicon.svg")
            .starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\"")
    );
    site.write("static/favicon.png", "PNG");
    site.build_ok();
    assert!(
        site.read("index.html")
            .contains("<link rel=\"icon\" href=\"/favicon.png\">")
    );
}

#[test]
fn local_images_carry_their_size_and_the_lead_image_loads_first() {
    let site = newspaper();
    site.article(
        "IT/photo.md",
        &fm("사진 기사", "2023-01-01", "image:\n  src: images/p.png"),
        "![본문 사진](/images/p.png)\n\n![남의 사진](https://cdn.example.com/x.png)\n",
    );
    site.build_ok();
    let html = site.read("it/photo/index.html");
    assert!(html.contains("<img class=\"u-photo\" src=\"/images/p.png\" alt=\"\" width=\"4\" height=\"3\" fetchpriority=\"high\">"), "{html}");
    assert!(html.contains("<figure><img src=\"/images/p.png\" width=\"4\" height=\"3\" alt=\"본문 사진\" loading=\"lazy\">"), "{html}");
    assert!(html.contains(
        "<img src=\"https://cdn.example.com/x.png\" alt=\"남의 사진\" loading=\"lazy\">"
    ));
}

#[test]
fn headlines_never_wrap_before_their_dots() {
    let site = Site::new();
    site.article("IT/a.md", &fm("합류···AI 주도권", "2023-01-01", ""), "x\n");
    site.build_ok();
    for page in ["it/a/index.html", "it/index.html", "index.html"] {
        let html = site.read(page);
        assert!(html.contains("합류\u{2060}···AI 주도권"), "{page}");
    }
    let feed = site.read("atom.xml");
    assert!(
        feed.contains("합류···AI") && !feed.contains('\u{2060}'),
        "feeds keep the title as written"
    );
}

#[test]
fn every_label_has_korean_and_english_values() {
    for (key, ko, en) in byline::config::LABELS {
        assert!(!ko.is_empty() && !en.is_empty(), "{key}");
    }
}

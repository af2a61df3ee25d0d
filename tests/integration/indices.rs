//! Section, tag and reporter pages, pagination and related articles.

use crate::support::{SITE_TOML, Site, between, fm};

/// Titles of the related list on an article page, in order.
fn related_titles(html: &str) -> Vec<String> {
    if !html.contains("<section class=\"related\"") {
        return Vec::new();
    }
    let block = between(html, "<section class=\"related\"", "</section>");
    block
        .split("<li><a href=\"")
        .skip(1)
        .map(|li| between(li, "\">", "</a>").to_string())
        .collect()
}

fn related_total(html: &str) -> String {
    between(
        between(html, "<p class=\"related-total\">", "</p>"),
        "\">",
        "</a>",
    )
    .to_string()
}

/// A fixture whose related lists can be worked out by hand.
///
/// Tag `희귀` is on 2 articles, `보통` on 3, `흔함` on 6 (of 8 published).
fn related_site(extra_for_a: &str) -> Site {
    let site = Site::new();
    let a_fm = format!("tags: [희귀, 보통, 흔함]\n{extra_for_a}");
    site.article("IT/a.md", &fm("A", "2023-06-10 12:00", &a_fm), "x\n");
    site.article(
        "IT/b.md",
        &fm("B", "2023-06-01 12:00", "tags: [희귀]"),
        "x\n",
    );
    site.article(
        "IT/c.md",
        &fm("C", "2023-06-09 12:00", "tags: [보통, 흔함]"),
        "x\n",
    );
    site.article(
        "IT/d.md",
        &fm("D", "2023-06-08 12:00", "tags: [보통]"),
        "x\n",
    );
    site.article(
        "IT/e.md",
        &fm("E", "2023-06-11 12:00", "tags: [흔함]"),
        "x\n",
    );
    site.article(
        "IT/f.md",
        &fm("F", "2023-06-09 12:00", "tags: [흔함]"),
        "x\n",
    );
    site.article(
        "IT/g.md",
        &fm("G", "2023-01-01 12:00", "tags: [흔함]"),
        "x\n",
    );
    site.article(
        "IT/h.md",
        &fm("H", "2023-06-10 12:00", "tags: [흔함]"),
        "x\n",
    );
    site.article(
        "IT/z.md",
        &fm("Z", "2023-06-10 12:00", "tags: [관계없음]"),
        "x\n",
    );
    site.article(
        "IT/draft.md",
        &fm(
            "Draft",
            "2023-06-10 12:00",
            "tags: [희귀, 보통, 흔함]\ndraft: true",
        ),
        "x\n",
    );
    site.article(
        "IT/future.md",
        &fm("Future", "2999-06-10 12:00", "tags: [희귀, 보통, 흔함]"),
        "x\n",
    );
    site
}

#[test]
fn related_ranks_by_rarity_then_time_and_counts_all() {
    let site = related_site("");
    site.build_ok();
    let html = site.read("it/a/index.html");
    // B shares the rarest tag; C shares two tags; D one medium tag; then
    // the common-tag-only articles by closeness in time: H (same time),
    // then E (1 day after) before F (1 day before)? E and F are both one
    // day away: the newer, E, first. G is 5 months away.
    // Weights: ln(1+9/2)=1.70 (희귀), ln(1+9/3)=1.39 (보통), ln(1+9/6)=0.92 (흔함).
    // C: 1.39+0.92=2.31 > B: 1.70 > D: 1.39 > H, E, F, G: 0.92.
    assert_eq!(
        related_titles(&html),
        ["C", "B", "D", "H", "E"],
        "default related_count is 5"
    );
    // "More": the first tag written that others carry, 희귀, with B alone.
    assert_eq!(related_total(&html), "1건의 관련기사 더보기");
    let link = between(&html, "<p class=\"related-total\"><a href=\"", "\"");
    assert_eq!(
        link, "/tags/%ED%9D%AC%EA%B7%80/",
        "links to the first written tag"
    );
    for (_, page) in site.html_pages() {
        assert!(!page.contains(">Draft<") && !page.contains(">Future<"));
    }
}

#[test]
fn related_count_zero_hides_and_large_counts_list_every_candidate() {
    let site = related_site("related-count: 0");
    site.build_ok();
    let html = site.read("it/a/index.html");
    assert!(
        !html.contains("class=\"related\""),
        "related-count 0 hides the block"
    );
    assert!(!html.contains("related-total"));

    let site = related_site("related-count: 50");
    site.build_ok();
    let html = site.read("it/a/index.html");
    assert_eq!(related_titles(&html), ["C", "B", "D", "H", "E", "F", "G"]);
    assert!(
        !related_titles(&html).contains(&"Z".to_string()),
        "no shared tag, not related"
    );
    let z = site.read("it/z/index.html");
    assert!(related_titles(&z).is_empty());
}

#[test]
fn related_count_comes_from_site_toml_by_default() {
    let site = Site::with_config(&SITE_TOML.replace(
        "articles_per_page = 3",
        "articles_per_page = 3\nrelated_count = 2",
    ));
    site.article("IT/a.md", &fm("A", "2023-06-10", "tags: [t]"), "x\n");
    for i in 0..4 {
        site.article(
            &format!("IT/o{i}.md"),
            &fm(
                &format!("O{i}"),
                &format!("2023-06-0{}", i + 1),
                "tags: [t]",
            ),
            "x\n",
        );
    }
    site.build_ok();
    let html = site.read("it/a/index.html");
    assert_eq!(related_titles(&html), ["O3", "O2"], "nearest in time first");
    assert_eq!(related_total(&html), "4건의 관련기사 더보기");
}

#[test]
fn pagination_edges() {
    // No articles at all: the front page still exists, with no pager.
    let site = Site::new();
    site.build_ok();
    let front = site.read("index.html");
    assert!(front.contains("아직 기사가 없습니다."));
    assert!(!front.contains("class=\"pagination\""));
    assert!(!site.exists("page/2/index.html"));
    assert!(
        site.read("reporters/kim/index.html")
            .contains("아직 기사가 없습니다."),
        "declared reporter without articles"
    );

    // Exactly one page (3 per page in the fixture config).
    let site = Site::new();
    for i in 0..3 {
        site.article(
            &format!("IT/a{i}.md"),
            &fm(&format!("기사{i}"), "2023-01-01", "tags: [태그]"),
            "x\n",
        );
    }
    site.build_ok();
    assert!(!site.read("index.html").contains("class=\"pagination\""));
    assert!(!site.exists("page/2/index.html"));
    assert!(!site.exists("it/page/2/index.html"));
    assert!(!site.exists("tags/태그/page/2/index.html"));

    // Up to one short of two pages, everything stays on the first page.
    for i in 3..5 {
        site.article(
            &format!("IT/a{i}.md"),
            &fm(
                &format!("기사{i}"),
                &format!("2022-01-0{i}"),
                "tags: [태그]",
            ),
            "x\n",
        );
    }
    site.build_ok();
    assert!(!site.exists("page/2/index.html"));
    assert_eq!(
        site.read("it/index.html")
            .matches("<article class=\"card\">")
            .count(),
        5
    );

    // Two pages' worth: the older page holds the three oldest, both linked.
    site.article(
        "IT/a5.md",
        &fm("기사5", "2022-01-02", "tags: [태그]"),
        "x\n",
    );
    site.build_ok();
    let cards = |html: &str| html.matches("<article class=\"card\">").count();
    let mut older = Vec::new();
    for base in ["", "it/", "tags/태그/"] {
        let first = site.read(&format!("{base}index.html"));
        let second = site.read(&format!("{base}page/2/index.html"));
        if !base.is_empty() {
            // The front page's first page has its blocks instead of cards.
            assert_eq!(cards(&first), 3, "{base}");
        }
        assert_eq!(cards(&second), 3, "{base}");
        for oldest in [">기사5<", ">기사3<", ">기사4<"] {
            assert!(second.contains(oldest), "{oldest} on {base}page/2/");
        }
        assert!(first.contains("rel=\"next\""));
        assert!(second.contains("rel=\"prev\"") && !second.contains("rel=\"next\""));
        older.push(second);
    }
    assert!(!site.exists("page/3/index.html"));

    // A new article changes the first pages only: the older page keeps its
    // bytes, until three more make another.
    site.article(
        "IT/new.md",
        &fm("새기사", "2023-02-01", "tags: [태그]"),
        "x\n",
    );
    site.build_ok();
    for (base, before) in ["", "it/", "tags/태그/"].into_iter().zip(&older) {
        assert_eq!(
            &site.read(&format!("{base}page/2/index.html")),
            before,
            "{base}"
        );
        assert_eq!(
            cards(&site.read(&format!("{base}index.html"))) > 3,
            !base.is_empty()
        );
    }
    for i in 0..2 {
        site.article(
            &format!("IT/later{i}.md"),
            &fm(&format!("나중{i}"), "2023-03-01", "tags: [태그]"),
            "x\n",
        );
    }
    site.build_ok();
    let third = site.read("it/page/3/index.html");
    assert!(
        third.contains(">기사0<") && !third.contains(">나중0<"),
        "{third}"
    );
    assert!(third.contains("rel=\"next\" href=\"/it/page/2/\""));
    assert!(third.contains("rel=\"prev\" href=\"/it/\""));
    // The oldest page now leads to the new one, with the same cards.
    let second = site.read("it/page/2/index.html");
    assert!(second.contains("rel=\"prev\" href=\"/it/page/3/\""));
    let cards_of = |html: &str| html[html.find("<div class=\"cards\">").unwrap()..].to_string();
    assert_eq!(
        cards_of(&second).split("</div>\n\n<nav").next(),
        cards_of(&older[1]).split("</div>\n\n<nav").next()
    );
}

#[test]
fn korean_tag_and_section_urls_resolve_to_files_on_disk() {
    let site = Site::new();
    site.article(
        "국제/a.md",
        &fm(
            "기사",
            "2023-01-01",
            "tags: [샘 올트먼, 생성형 AI]\nreporter: 외부 필자",
        ),
        "x\n",
    );
    site.build_ok();
    let html = site.read("국제/a/index.html");
    for (href, file) in [
        ("/%EA%B5%AD%EC%A0%9C/", "국제/index.html"),
        (
            "/tags/%EC%83%98-%EC%98%AC%ED%8A%B8%EB%A8%BC/",
            "tags/샘-올트먼/index.html",
        ),
        (
            "/tags/%EC%83%9D%EC%84%B1%ED%98%95-ai/",
            "tags/생성형-ai/index.html",
        ),
        (
            "/reporters/%EC%99%B8%EB%B6%80-%ED%95%84%EC%9E%90/",
            "reporters/외부-필자/index.html",
        ),
    ] {
        assert!(
            html.contains(&format!("href=\"{href}\"")),
            "{href} not linked"
        );
        assert!(site.exists(file), "{file} not on disk");
        let decoded = percent_decode(href);
        assert_eq!(format!("{}index.html", &decoded[1..]), file);
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn tags_differing_in_case_or_spacing_are_one_tag_with_the_most_used_spelling() {
    let site = Site::new();
    site.article("IT/a.md", &fm("가", "2023-01-03", "tags: [OpenAI]"), "x\n");
    site.article("IT/b.md", &fm("나", "2023-01-02", "tags: [openai]"), "x\n");
    site.article(
        "IT/c.md",
        &fm("다", "2023-01-01", "tags: [\" OpenAI \"]"),
        "x\n",
    );
    site.build_ok();
    let tag_page = site.read("tags/openai/index.html");
    assert_eq!(tag_page.matches("<article class=\"card\">").count(), 3);
    assert!(tag_page.contains("#OpenAI</h1>"), "most used spelling");
    let index = site.read("tags/index.html");
    assert_eq!(index.matches("href=\"/tags/openai/\"").count(), 1);
    assert!(
        index.contains("#OpenAI</a> <span class=\"term-count\">3건</span>"),
        "{index}"
    );
    assert!(
        site.read("it/b/index.html").contains(
            "<span aria-hidden=\"true\">#</span><span class=\"p-category\">OpenAI</span></a>"
        ),
        "articles show the merged spelling"
    );
}

#[test]
fn tags_without_a_url_or_on_a_reserved_path_name_the_article() {
    let site = Site::new();
    site.article("IT/a.md", &fm("가", "2023-01-01", "tags: [\"!!!\"]"), "x\n");
    site.article("IT/b.md", &fm("나", "2023-01-01", "tags: [Page]"), "x\n");
    let err = site.build_err();
    assert!(
        err.contains("content/IT/a.md:4:1: the tag `!!!` has no letters or digits"),
        "{err}"
    );
    assert!(
        err.contains("content/IT/b.md:4:1: the tag `Page` would take the URL segment `page`, which byline keeps for its own pages"),
        "{err}"
    );
}

#[test]
fn lists_show_headline_deck_time_reporter_and_image_newest_first() {
    let site = Site::new();
    site.photo("static/n.png", 40, 30);
    site.article(
        "IT/old.md",
        &fm(
            "옛 기사",
            "2023-01-01 09:00",
            "reporter: 김기자\nsummary: 옛 요약",
        ),
        "x\n",
    );
    site.article(
        "IT/new.md",
        &fm(
            "새 기사",
            "2023-02-01 09:00",
            "reporter: 김기자\nsubtitle: 새 부제\nimage:\n  src: /n.png",
        ),
        "x\n",
    );
    site.build_ok();
    let front = site.read("index.html");
    assert!(
        front.contains("<p class=\"lead-deck\">새 부제</p>"),
        "the newest article with an image leads the front page"
    );
    assert!(front.find(">새 기사<").unwrap() < front.find(">옛 기사<").unwrap());
    for page in ["it/index.html", "reporters/kim/index.html"] {
        let html = site.read(page);
        let new_at = html.find(">새 기사<").unwrap();
        let old_at = html.find(">옛 기사<").unwrap();
        assert!(new_at < old_at, "newest first on {page}");
        assert!(
            html.contains("<p class=\"card-deck\">새 부제</p>"),
            "deck on {page}"
        );
        assert!(
            html.contains("<p class=\"card-deck\">옛 요약</p>"),
            "summary when no deck on {page}"
        );
        assert!(
            html.contains("<time datetime=\"2023-02-01T09:00:00+09:00\">2023.02.01 09:00</time>")
        );
        assert!(html.contains("<span class=\"card-reporter\">김기자 기자</span>"));
        assert!(
            html.contains(
                "<img src=\"/n.png\" alt=\"\" width=\"40\" height=\"30\" loading=\"lazy\">"
            )
        );
    }
    let profile = site.read("reporters/kim/index.html");
    assert!(
        profile.contains("<span class=\"p-name\">김기자</span>") && profile.contains("경제부 기자")
    );
    assert!(profile.contains("mailto:kim@news.example.com"));
    let index = site.read("reporters/index.html");
    assert!(
        index.contains(
            "href=\"/reporters/kim/\">김기자 기자</a> <span class=\"term-count\">2건</span>"
        ),
        "{index}"
    );
}

#[test]
fn sections_appear_in_every_header_in_configured_order() {
    let site = Site::with_config(&SITE_TOML.replace(
        "articles_per_page = 3",
        "articles_per_page = 3\nsections = [\"사회\", \"IT\"]",
    ));
    site.article("IT/a.md", &fm("가", "2023-01-01", ""), "x\n");
    site.article("사회/b.md", &fm("나", "2023-01-01", ""), "x\n");
    site.article("경제/c.md", &fm("다", "2023-01-01", ""), "x\n");
    site.build_ok();
    for (path, html) in site.html_pages() {
        let nav = between(&html, "<nav class=\"section-nav\"", "</nav>");
        let order: Vec<usize> = ["사회", "IT", "경제"]
            .iter()
            .map(|s| nav.find(&format!(">{s}</a>")).unwrap())
            .collect();
        assert!(order[0] < order[1] && order[1] < order[2], "{path}: {nav}");
    }
    assert!(
        site.read("it/index.html")
            .contains("href=\"/it/\" aria-current=\"page\"")
    );
}

//! What an article's front matter and body become on the page.

use crate::support::{Site, between, fm};

#[test]
fn every_front_matter_field_is_rendered() {
    let site = Site::new();
    site.photo("static/images/chart.png", 40, 30);
    site.article(
        "경제/rates.md",
        r#"title: "기준금리 동결···'당분간 긴축'"
subtitle:
  - "첫째 부제"
  - "둘째 부제"
date: "2023-11-20 19:02:01"
updated: "2023-11-21 08:00"
reporter: [김기자, 외부필자]
tags: [금리, 한국은행]
related-count: 2
summary: "요약 문장입니다."
image:
  src: /images/chart.png
  caption: "금리 추이"
  credit: "테스트일보"
  alt: "막대그래프"
slug: bok-rates
extra:
  desk: economy"#,
        "첫 문단입니다.\n\n## 배경 설명\n\n둘째 문단.\n",
    );
    site.build_ok();
    let html = site.read("경제/bok-rates/index.html");
    assert!(
        html.contains(
            "<h1 class=\"p-name headline\">기준금리 동결\u{2060}···&#39;당분간 긴축&#39;</h1>"
        ),
        "{html}"
    );
    assert!(html.contains("<p>첫째 부제</p>") && html.contains("<p>둘째 부제</p>"));
    assert!(html.contains("등록 <time class=\"dt-published\" datetime=\"2023-11-20T19:02:01+09:00\">2023.11.20 19:02:01</time>"));
    assert!(html.contains("수정 <time class=\"dt-updated\" datetime=\"2023-11-21T08:00:00+09:00\">2023.11.21 08:00:00</time>"));
    assert!(
        html.contains("<p class=\"dateline\">[테스트일보=김기자 기자·외부필자 기자]</p>"),
        "{html}"
    );
    assert!(html.contains(
        "<a class=\"u-email\" href=\"mailto:kim@news.example.com\">kim@news.example.com</a>"
    ));
    assert!(
        html.contains("<a href=\"/tags/%EA%B8%88%EB%A6%AC/\"><span aria-hidden=\"true\">#</span><span class=\"p-category\">금리</span></a>"),
        "{html}"
    );
    assert!(html.contains("<data class=\"p-summary\" value=\"요약 문장입니다.\">"));
    assert!(html.contains("<meta name=\"description\" content=\"요약 문장입니다.\">"));
    assert!(html.contains("<img class=\"u-photo\" src=\"/images/chart.png\" alt=\"막대그래프\" width=\"40\" height=\"30\" fetchpriority=\"high\">"));
    assert!(html.contains("<a class=\"view-larger\" href=\"/images/chart.png\">크게보기</a>"));
    assert!(
        html.contains("<span class=\"caption\">금리 추이</span>") && html.contains("[테스트일보]")
    );
    assert!(html.contains("<h2 id=\"배경-설명\">배경 설명</h2>"));
    assert!(html.contains("<p class=\"kicker\"><a href=\"/%EA%B2%BD%EC%A0%9C/\">경제</a></p>"));
    assert!(html.contains("저작권자 © 테스트일보 무단전재 및 재배포 금지"));
    assert!(
        site.exists("경제/index.html"),
        "section page on disk with its Hangul name"
    );
}

#[test]
fn parts_of_the_article_page_come_in_the_anatomy_order() {
    let site = Site::new();
    site.photo("static/a.png", 40, 30);
    site.article(
        "IT/a.md",
        &fm("제목", "2023-11-20 19:02:01", "updated: \"2023-11-20 20:00\"\nsubtitle: 부제\nreporter: 김기자\ntags: [AI]\nimage:\n  src: /a.png\n  caption: 캡션"),
        "본문 문단.\n",
    );
    site.build_ok();
    let html = site.read("it/a/index.html");
    let order = [
        "class=\"p-name headline\"",
        "class=\"dt-published\"",
        "class=\"dt-updated\"",
        "class=\"lead-image\"",
        "class=\"deck\"",
        "class=\"dateline\"",
        "class=\"e-content\"",
        "class=\"closing-byline\"",
        "class=\"copyright-notice\"",
        "class=\"article-tags\"",
        "class=\"site-footer\"",
    ];
    let positions: Vec<usize> = order
        .iter()
        .map(|m| html.find(m).unwrap_or_else(|| panic!("{m} missing")))
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "{order:?} at {positions:?}"
    );
}

#[test]
fn dates_are_shown_in_the_site_time_zone() {
    let site = Site::with_config(&crate::support::SITE_TOML.replace(
        "articles_per_page = 3",
        "articles_per_page = 3\ntimezone = \"America/New_York\"\ndate_format = \"%Y-%m-%d %H:%M %Z\"",
    ));
    site.article(
        "IT/utc.md",
        &fm("UTC 기사", "2023-11-20T10:02:01Z", ""),
        "x\n",
    );
    site.article(
        "IT/local.md",
        &fm("현지 기사", "2023-07-04 09:00", ""),
        "x\n",
    );
    site.build_ok();
    let utc = site.read("it/utc/index.html");
    assert!(
        utc.contains("datetime=\"2023-11-20T05:02:01-05:00\">2023-11-20 05:02 EST</time>"),
        "{utc}"
    );
    let local = site.read("it/local/index.html");
    assert!(
        local.contains("datetime=\"2023-07-04T09:00:00-04:00\">2023-07-04 09:00 EDT</time>"),
        "{local}"
    );
}

#[test]
fn drafts_and_future_articles_are_published_nowhere_unless_asked() {
    let site = Site::new();
    site.article(
        "IT/public.md",
        &fm(
            "공개 기사",
            "2023-01-01",
            "tags: [비밀태그, 공개]\nreporter: 김기자",
        ),
        "x\n",
    );
    site.article(
        "IT/draft.md",
        &fm(
            "초안기사제목",
            "2023-01-02",
            "draft: true\ntags: [초안태그, 공개]\nreporter: 초안기자",
        ),
        "x\n",
    );
    site.article(
        "경제/embargo.md",
        &fm(
            "엠바고기사제목",
            "2999-01-01 09:00",
            "tags: [엠바고태그]\nreporter: 엠바고기자",
        ),
        "x\n",
    );
    let summary = site.build_ok();
    assert_eq!((summary.articles, summary.held_back), (1, 2));
    for (path, text) in site.html_pages() {
        for hidden in [
            "초안기사제목",
            "엠바고기사제목",
            "초안태그",
            "엠바고태그",
            "초안기자",
            "엠바고기자",
            "draft",
            "embargo",
        ] {
            assert!(!text.contains(hidden), "{hidden} leaked into {path}");
        }
    }
    assert!(
        !site.exists("경제/index.html"),
        "a section with only an embargoed article has no page"
    );
    assert!(!site.exists("tags/엠바고태그/index.html"));

    let mut options = site.options();
    options.drafts = true;
    options.future = true;
    let summary = byline::build(&options).unwrap();
    assert_eq!(summary.articles, 3);
    assert!(site.read("it/draft/index.html").contains("초안기사제목"));
    assert!(
        site.read("경제/embargo/index.html")
            .contains("엠바고기사제목")
    );
}

#[test]
fn front_matter_values_are_escaped_everywhere() {
    let site = Site::new();
    site.article(
        "IT/xss.md",
        "title: \"<script>alert(1)</script> AT&T\"\ndate: \"2023-01-01\"\nsubtitle: \"<b>굵게</b>\"\nreporter: \"<i>기자</i>\"\ntags: [\"<img src=x>\"]\nsummary: \"\\\"따옴표\\\" & <요약>\"\nimage:\n  src: \"https://x.test/x.png\\\" onerror=\\\"alert(1)\"\n  caption: \"<em>캡션</em>\"",
        "본문\n",
    );
    site.build_ok();
    for (path, html) in site.html_pages() {
        assert!(!html.contains("<script>alert"), "raw title in {path}");
        assert!(!html.contains("<b>굵게"), "raw subtitle in {path}");
        assert!(!html.contains("<i>기자"), "raw reporter in {path}");
        assert!(!html.contains("<img src=x>"), "raw tag in {path}");
        assert!(!html.contains("<em>캡션"), "raw caption in {path}");
        assert!(
            !html.contains("\" onerror=\""),
            "attribute break-out in {path}"
        );
    }
    let html = site.read("it/xss/index.html");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt; AT&amp;T")
            || html.contains("&lt;script&gt;alert(1)&lt;/script&gt; AT&amp;T"),
        "{}",
        between(&html, "<h1", "</h1>")
    );
}

#[test]
fn bom_crlf_and_later_rules_are_accepted() {
    let site = Site::new();
    site.write("content/IT/crlf.md", "\u{feff}---\r\ntitle: \"윈도 기사\"\r\ndate: \"2023-01-01\"\r\n---\r\n첫 문단\r\n\r\n---\r\n\r\n둘째 문단\r\n");
    site.build_ok();
    let html = site.read("it/crlf/index.html");
    assert!(html.contains("윈도 기사"));
    assert!(
        html.contains("<p>첫 문단</p>\n<hr />\n<p>둘째 문단</p>"),
        "{html}"
    );
}

#[test]
fn markdown_features_render_in_the_page() {
    let site = Site::new();
    site.photo("static/images/p.png", 40, 30);
    site.article(
        "IT/md.md",
        &fm("마크다운", "2023-01-01", ""),
        "| 항목 | 값 |\n|---|---|\n| 금리 | 3.5% |\n\n```rust\nfn main() {}\n```\n\n![사진 설명](/images/p.png)\n\n<iframe src=\"https://example.com/v\" title=\"영상\"></iframe>\n",
    );
    site.build_ok();
    let html = site.read("it/md/index.html");
    assert!(html.contains("<td>금리</td>"));
    assert!(html.contains(
        "<pre class=\"code\" tabindex=\"0\" data-lang=\"rust\"><code class=\"language-rust\"><span class=\"hl-"
    ));
    assert!(html.contains("<figure><img src=\"/images/p.png\" width=\"40\" height=\"30\" alt=\"사진 설명\" loading=\"lazy\"><figcaption>사진 설명</figcaption></figure>"));
    assert!(html.contains("<iframe src=\"https://example.com/v\" title=\"영상\"></iframe>"));
    let css = site.read("highlight.css");
    assert!(css.contains(".hl-"), "syntax classes are styled");
    assert!(!site.read("style.css").contains(".hl-"));
    assert!(
        html.contains("<link rel=\"stylesheet\" href=\"/highlight.css\">"),
        "a page with code links the highlighting stylesheet"
    );
}

#[test]
fn the_publisher_footer_is_on_every_page() {
    let site = Site::new();
    for i in 0..7 {
        site.article(
            &format!("IT/a{i}.md"),
            &fm(
                &format!("기사 {i}"),
                "2023-01-01",
                "tags: [공통]\nreporter: 김기자",
            ),
            "x\n",
        );
    }
    site.build_ok();
    let pages = site.html_pages();
    assert!(pages.len() > 10, "{:?}", pages.keys());
    for (path, html) in pages {
        for item in [
            "테스트일보",
            "서울특별시 중구 시험로 1",
            "02-123-4567",
            "02-123-4568",
            "서울 아 12345",
            "2020-01-02",
            "2020-03-01",
            "발행인이름",
            "편집인이름",
            "보호책임자이름",
            "청소년보호책임자",
            "등록번호",
        ] {
            let footer = between(&html, "<footer class=\"site-footer\">", "</footer>");
            assert!(
                footer.contains(item),
                "{item} missing from the footer of {path}"
            );
        }
    }
}

#[test]
fn base_url_path_prefixes_every_link() {
    let site = Site::with_config(
        &crate::support::SITE_TOML.replace("https://news.example.com", "https://example.com/news/"),
    );
    site.photo("static/images/a.png", 40, 30)
        .photo("static/images/b.png", 40, 30);
    site.article(
        "IT/a.md",
        &fm(
            "기사",
            "2023-01-01",
            "tags: [AI]\nreporter: 김기자\nimage:\n  src: /images/a.png",
        ),
        "![그림](/images/b.png)\n\n[링크](/IT/)\n",
    );
    site.build_ok();
    let html = site.read("it/a/index.html");
    assert!(html.contains("<link rel=\"canonical\" href=\"https://example.com/news/it/a/\">"));
    assert!(html.contains("href=\"/news/style.css\""));
    assert!(html.contains("src=\"/news/images/a.png\""), "lead image");
    assert!(html.contains("src=\"/news/images/b.png\""), "body image");
    assert!(html.contains("href=\"/news/IT/\""), "body link");
    assert!(html.contains("href=\"/news/tags/ai/\""));
    for (path, html) in site.html_pages() {
        for href in html
            .split("href=\"")
            .skip(1)
            .chain(html.split("src=\"").skip(1))
        {
            let link = &href[..href.find('"').unwrap()];
            if link.starts_with('/') {
                assert!(link.starts_with("/news/"), "{link} in {path}");
            }
        }
    }
}

//! A build after no change finds its output current from one scan of the
//! site's files and ends there; any change to an input, the options, the
//! output or the clock's effect on the site means a real build.

use std::fs;

use jiff::Timestamp;

use crate::support::{Site, cold_build, fm};

fn site() -> Site {
    let site = Site::new();
    for i in 0..4 {
        site.article(
            &format!("IT/a{i}.md"),
            &fm(&format!("기사 {i}"), &format!("2023-01-0{}", i + 1), ""),
            &format!("본문 {i}.\n"),
        );
    }
    site.write("static/images/a.png", "PNG");
    site.settle();
    site
}

/// An edit of the site's sources.
type Change = dyn Fn(&Site);

fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

#[test]
fn a_second_build_with_nothing_changed_is_current_and_repeats_the_report() {
    let site = site();
    let first = site.build_ok();
    assert!(!first.current, "{first}");
    let again = site.build_ok();
    assert!(again.current, "{again}");
    assert_eq!(
        (again.articles, again.pages, again.files, again.written),
        (first.articles, first.pages, first.files, 0)
    );
    assert!(again.to_string().contains("nothing changed"), "{again}");
}

#[test]
fn every_kind_of_input_change_is_seen() {
    let site = site();
    site.build_ok();
    let changes: [(&str, &Change); 6] = [
        ("an article edited", &|s| {
            s.article("IT/a1.md", &fm("기사 1", "2023-01-02", ""), "고친 본문.\n");
        }),
        ("an article added", &|s| {
            s.article("IT/new.md", &fm("새 기사", "2023-01-09", ""), "새 본문.\n");
        }),
        ("an article removed", &|s| {
            s.remove("content/IT/new.md");
        }),
        ("a template added", &|s| {
            s.write(
                "templates/partials/footer.html",
                "<footer>새 바닥글</footer>",
            );
        }),
        ("a static file changed", &|s| {
            s.write("static/images/a.png", "GIF");
        }),
        ("site.toml changed", &|s| {
            let toml = fs::read_to_string(s.root().join("site.toml")).unwrap();
            s.write("site.toml", &toml.replace("테스트일보", "시험일보"));
        }),
    ];
    for (what, change) in changes {
        change(&site);
        site.settle();
        let summary = site.build_ok();
        assert!(!summary.current, "{what}: {summary}");
        assert_eq!(site.snapshot(), cold_build(site.options()), "{what}");
        assert!(site.build_ok().current, "{what}: the build after it");
    }
}

#[test]
fn options_a_damaged_output_and_clean_mean_a_real_build() {
    let site = site();
    site.build_ok();
    let mut drafts = site.options();
    drafts.drafts = true;
    assert!(!byline::build(&drafts).unwrap().current, "--drafts");
    assert!(byline::build(&drafts).unwrap().current);
    assert!(!site.build_ok().current, "without --drafts again");

    fs::write(site.output().join("it/a2/index.html"), "damaged").unwrap();
    let repaired = site.build_ok();
    assert!(!repaired.current);
    assert_eq!(repaired.written, 1, "{repaired}");
    assert_eq!(site.snapshot(), cold_build(site.options()));

    let mut clean = site.options();
    clean.clean = true;
    assert!(!byline::build(&clean).unwrap().current, "--clean");
}

#[test]
fn an_embargo_lifting_or_the_news_window_closing_means_a_real_build() {
    let site = site();
    site.article(
        "IT/embargo.md",
        &fm("엠바고 기사", "2024-03-01 09:00", ""),
        "오전 9시 공개.\n",
    );
    site.settle();
    let mut options = site.options();
    let build_at = |options: &mut byline::BuildOptions, now: &str| {
        options.now = Some(at(now));
        byline::build(options).unwrap()
    };
    assert_eq!(
        build_at(&mut options, "2024-03-01T08:00:00+09:00").held_back,
        1
    );
    let before = build_at(&mut options, "2024-03-01T08:59:59+09:00");
    assert!(before.current, "{before}");
    let lifted = build_at(&mut options, "2024-03-01T09:00:00+09:00");
    assert!(!lifted.current, "{lifted}");
    assert_eq!(lifted.held_back, 0);
    assert!(site.read("news-sitemap.xml").contains("embargo"));
    assert!(build_at(&mut options, "2024-03-03T08:59:00+09:00").current);
    // Two days on, the article leaves the news sitemap.
    let later = build_at(&mut options, "2024-03-03T09:00:01+09:00");
    assert!(!later.current, "{later}");
    assert!(!site.read("news-sitemap.xml").contains("embargo"));
    assert_eq!(site.snapshot(), cold_build(options));
}

#[test]
fn files_saved_just_before_a_build_are_read_again_by_the_next() {
    let site = site();
    site.build_ok();
    // Not settled: the build cannot trust its time, so the next looks again.
    site.article("IT/a0.md", &fm("기사 0", "2023-01-01", ""), "방금 고침.\n");
    assert!(!site.build_ok().current);
    let next = site.build_ok();
    assert!(!next.current, "{next}");
    assert_eq!(next.written, 0);
    assert!(site.read("it/a0/index.html").contains("방금 고침"));
}

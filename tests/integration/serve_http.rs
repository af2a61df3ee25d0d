//! `byline serve --watch` as a user meets it: a real process, real HTTP,
//! real files edited on disk.

use crate::serve_support::{Server, raw_status, request};
use crate::support::{SITE_TOML, Site, fm};

fn site() -> Site {
    let site = Site::new();
    site.article(
        "IT/a.md",
        &fm("첫 제목", "2023-01-02", "tags: [AI]\nreporter: 김기자"),
        "첫 본문.\n",
    );
    site.article(
        "경제/b.md",
        &fm("경제 기사", "2023-01-01", "tags: [AI]"),
        "본문.\n",
    );
    site.write("static/style-extra.css", "p { color: black; }");
    site
}

#[test]
fn serves_pages_with_types_redirects_and_the_404_page() {
    let site = site();
    let server = Server::start(&site, &[]);
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(home.content_type, "text/html; charset=utf-8");
    assert!(home.body.contains("첫 제목"));
    assert!(
        home.body.contains("/__byline/events"),
        "live-reload script injected"
    );
    let korean = server.get("/%EA%B2%BD%EC%A0%9C/b/");
    assert_eq!(korean.status, 200, "percent-encoded Hangul path");
    assert!(korean.body.contains("경제 기사"));
    let redirect = server.get("/it");
    assert_eq!((redirect.status, redirect.location.as_str()), (301, "/it/"));
    let missing = server.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("페이지를 찾을 수 없습니다"),
        "the site's own 404 page"
    );
    let feed = server.get("/rss.xml");
    assert_eq!(feed.status, 200);
    assert!(feed.content_type.contains("xml") && feed.content_type.ends_with("charset=utf-8"));
    assert!(
        feed.body.contains(&server.url),
        "feeds point at the preview: {}",
        &feed.body[..300]
    );
    assert_eq!(
        server.get("/style.css").content_type,
        "text/css; charset=utf-8"
    );
    assert!(
        !server.get("/rss.xml").body.contains("__byline"),
        "no script outside HTML"
    );
    let head = request("HEAD", &format!("{}/", server.origin()));
    assert_eq!((head.status, head.body.as_str()), (200, ""));
    assert!(
        !site.root().join("public").exists(),
        "serve never writes public/"
    );
}

#[test]
fn refuses_traversal_and_methods_other_than_get_and_head() {
    let site = site();
    let server = Server::start(&site, &[]);
    let address = server.address();
    for path in [
        "/../site.toml",
        "/%2e%2e/site.toml",
        "/it/%2E%2E/%2e%2e/site.toml",
        "/it%2fa",
        "/it%5Ca",
        "/it\\a",
        "//etc/passwd",
        "/./site.toml",
    ] {
        let status = raw_status(&address, path);
        assert!(status == 400 || status == 404, "{path} gave {status}");
    }
    assert_eq!(raw_status(&address, "/site.toml"), 404);
    assert_eq!(
        request("POST", &format!("{}/", server.origin())).status,
        405
    );
}

#[test]
fn an_edit_shows_new_content_after_a_reload_event() {
    let site = site();
    let server = Server::start(&site, &[]);
    let events = server.events();
    site.article(
        "IT/a.md",
        &fm("바뀐 제목", "2023-01-02", "tags: [AI]\nreporter: 김기자"),
        "첫 본문.\n",
    );
    let event = events.wait_for("reload", 10);
    assert_eq!(event["moved"], serde_json::json!([]));
    let page = server.get("/it/a/");
    assert!(
        page.body.contains("바뀐 제목"),
        "new title served once the event came"
    );
    assert!(server.get("/").body.contains("바뀐 제목"));
    assert!(server.stdout.lock().unwrap().contains("rebuilt in "));
}

#[test]
fn added_renamed_and_deleted_articles_appear_move_and_disappear() {
    let site = site();
    let server = Server::start(&site, &[]);
    let events = server.events();

    site.article(
        "IT/new.md",
        &fm("새 기사", "2023-01-03", "tags: [AI]"),
        "본문.\n",
    );
    events.wait_for("reload", 10);
    assert_eq!(server.get("/it/new/").status, 200);
    assert!(server.get("/tags/ai/").body.contains("새 기사"));

    std::fs::rename(
        site.root().join("content/IT/new.md"),
        site.root().join("content/IT/renamed.md"),
    )
    .unwrap();
    let event = events.wait_for("reload", 10);
    assert_eq!(
        event["moved"],
        serde_json::json!([{ "from": "/it/new/", "to": "/it/renamed/" }])
    );
    assert_eq!(server.get("/it/new/").status, 404);
    assert!(server.get("/it/renamed/").body.contains("새 기사"));

    site.remove("content/IT/renamed.md");
    events.wait_for("reload", 10);
    assert_eq!(server.get("/it/renamed/").status, 404);
    assert!(!server.get("/").body.contains("새 기사"));
    assert!(!server.get("/tags/ai/").body.contains("새 기사"));

    std::fs::create_dir_all(site.root().join("content/사회")).unwrap();
    site.article(
        "사회/c.md",
        &fm("새 섹션 기사", "2023-01-04", ""),
        "본문.\n",
    );
    events.wait_for("reload", 10);
    assert!(
        server
            .get("/%EC%82%AC%ED%9A%8C/c/")
            .body
            .contains("새 섹션 기사"),
        "new directories are watched"
    );
}

#[test]
fn a_bad_edit_shows_the_error_and_the_fix_clears_it() {
    let site = site();
    let server = Server::start(&site, &[]);
    let events = server.events();
    site.article(
        "IT/a.md",
        "title: \"닫히지 않은 따옴표\ndate: \"2023-01-02\"",
        "본문\n",
    );
    let error = events.wait_for("error", 10);
    let message = error["message"].as_str().unwrap();
    assert!(message.contains("content/IT/a.md:3:"), "{message}");
    let page = server.get("/it/a/");
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("첫 제목"),
        "the last good site is still served"
    );
    // A browser that connects now learns of the error at once.
    let late = server.events();
    assert_eq!(late.next(5).unwrap()["type"], "error");

    site.article(
        "IT/a.md",
        &fm("고친 제목", "2023-01-02", "tags: [AI]"),
        "본문\n",
    );
    events.wait_for("reload", 10);
    assert!(server.get("/it/a/").body.contains("고친 제목"));
    let stderr = server.stderr.lock().unwrap().clone();
    assert_eq!(
        stderr.matches("content/IT/a.md:3:").count(),
        1,
        "the terminal shows the error once: {stderr}"
    );
}

#[test]
fn a_css_only_change_swaps_the_stylesheet() {
    let site = site();
    let server = Server::start(&site, &[]);
    let events = server.events();
    site.write("templates/style.css", "body { color: navy; }\n");
    events.wait_for("css", 10);
    assert!(
        server
            .get("/style.css")
            .body
            .starts_with("body { color: navy; }")
    );
}

#[test]
fn a_template_error_keeps_serving_and_the_base_path_is_honoured() {
    let site = Site::with_config(
        &SITE_TOML.replace("https://news.example.com", "https://example.com/news"),
    );
    site.article("IT/a.md", &fm("기사", "2023-01-02", ""), "본문\n");
    let server = Server::start(&site, &[]);
    assert!(server.url.ends_with("/news/"), "{}", server.url);
    assert_eq!(server.get("/").location, "/news/");
    assert!(
        server
            .get("/news/it/a/")
            .body
            .contains("href=\"/news/style.css\"")
    );
    assert_eq!(server.get("/it/a/").status, 404);
    let events = server.events();
    site.write(
        "templates/article.html",
        "{% extends \"base.html\" %}{% block content %}{{ article.title {% endblock content %}",
    );
    let error = events.wait_for("error", 10);
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("templates/article.html:1:"),
        "{error}"
    );
    assert_eq!(server.get("/news/it/a/").status, 200);
    site.remove("templates/article.html");
    events.wait_for("reload", 10);
}

#[test]
fn site_toml_and_static_changes_are_picked_up() {
    let site = site();
    let server = Server::start(&site, &[]);
    let events = server.events();
    site.write(
        "site.toml",
        &SITE_TOML.replace("title = \"테스트일보\"", "title = \"바뀐일보\""),
    );
    events.wait_for("reload", 10);
    assert!(
        server
            .get("/")
            .body
            .contains("<span class=\"brand-name\">바뀐일보</span>")
    );
    site.write("static/images/new.png", "PNG");
    events.wait_for("reload", 10);
    assert_eq!(server.get("/images/new.png").status, 200);
    site.remove("static/images/new.png");
    events.wait_for("reload", 10);
    assert_eq!(server.get("/images/new.png").status, 404);
    // A broken site.toml keeps the last good site.
    site.write("site.toml", "title = [");
    let error = events.wait_for("error", 10);
    assert!(
        error["message"].as_str().unwrap().contains("site.toml:1:"),
        "{error}"
    );
    assert!(server.get("/").body.contains("바뀐일보"));
}

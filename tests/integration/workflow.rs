//! The desk's daily commands: init, new, check, and what build prints.

use std::process::{Command, Output};

use crate::static_server::StaticServer;
use crate::support::{Site, fm};

fn byline(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_byline"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1700000000") // 2023-11-15 07:13:20 in Seoul
        .output()
        .expect("run byline")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn init_makes_a_site_that_builds_once_the_publisher_is_filled_in() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("새신문");
    let out = byline(dir.path(), &["init", "새신문"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    for file in ["site.toml", "content/정치/welcome.md", ".gitignore"] {
        assert!(site.join(file).is_file(), "{file}");
    }
    assert!(site.join("static").is_dir());
    assert!(
        !site.join("templates").exists(),
        "the built-in theme is used"
    );
    assert!(
        std::fs::read_to_string(site.join(".gitignore"))
            .unwrap()
            .contains("/public/")
    );
    // Refuses a directory that is not empty.
    let again = byline(dir.path(), &["init", "새신문"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("is not empty"));

    // The first build names each legal item still to fill in, and only those.
    let build = byline(&site, &["build"]);
    assert_eq!(build.status.code(), Some(1));
    let stderr = text(&build.stderr);
    assert!(
        stderr.contains("9 problems in the site configuration"),
        "{stderr}"
    );
    for key in [
        "name",
        "address",
        "phone",
        "registration_number",
        "registration_date",
        "first_published",
        "publisher",
        "editor",
        "youth_protection_officer",
    ] {
        assert!(
            stderr.contains(&format!("[publisher] `{key}` is still a placeholder")),
            "{key}: {stderr}"
        );
    }
    assert!(stderr.contains("신문 등의 진흥에 관한 법률"));
    let toml = std::fs::read_to_string(site.join("site.toml")).unwrap();
    let filled = toml
        .replace("<필수: 제호>", "새신문")
        .replace("<필수: 발행소 주소>", "서울특별시 중구 세종대로 1")
        .replace("<필수: 대표 전화번호>", "02-000-0000")
        .replace("<필수: 등록번호, 예: 서울 아 00000>", "서울 아 99999")
        .replace("<필수: 등록일, YYYY-MM-DD>", "2024-01-02")
        .replace("<필수: 발행일, YYYY-MM-DD>", "2024-02-01")
        .replace("<필수: 발행인>", "김발행")
        .replace("<필수: 편집인>", "이편집")
        .replace("<필수: 청소년보호책임자>", "박보호");
    std::fs::write(site.join("site.toml"), filled).unwrap();
    let build = byline(&site, &["build"]);
    assert_eq!(build.status.code(), Some(0), "{}", text(&build.stderr));
    assert!(site.join("public/정치/welcome/index.html").is_file());
}

#[test]
fn new_writes_an_article_dated_now_and_never_overwrites() {
    let site = Site::with_config(&format!(
        "sections = [\"경제\", \"IT\"]\n{}",
        crate::support::SITE_TOML
    ));
    let out = byline(
        site.root(),
        &[
            "new",
            "한은, 기준금리 3.5% 동결",
            "--reporter",
            "김기자",
            "--tags",
            "금리, 한국은행",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout).trim(),
        "content/경제/한은-기준금리-3-5-동결.md"
    );
    let written =
        std::fs::read_to_string(site.root().join("content/경제/한은-기준금리-3-5-동결.md"))
            .unwrap();
    assert_eq!(
        written,
        "---\ntitle: \"한은, 기준금리 3.5% 동결\"\ndate: \"2023-11-15 07:13:20\"\nreporter: \"김기자\"\ntags: [\"금리\", \"한국은행\"]\n---\n\n본문을 여기에 씁니다.\n"
    );
    let again = byline(site.root(), &["new", "한은, 기준금리 3.5% 동결"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("exists already"));
    let out = byline(
        site.root(),
        &["new", "Chips", "--section", "IT", "--slug", "chips-rebound"],
    );
    assert_eq!(text(&out.stdout).trim(), "content/IT/chips-rebound.md");
    // What `new` writes builds.
    site.build_ok();
    assert!(site.exists("경제/한은-기준금리-3-5-동결/index.html"));
}

fn site_with_links(body: &str) -> Site {
    let site = Site::new();
    site.article(
        "IT/target.md",
        &fm("대상 기사", "2023-01-01", ""),
        "## 배경\n\n본문.\n",
    );
    site.article("경제/source.md", &fm("링크 기사", "2023-01-02", ""), body);
    site.photo("static/images/p.png", 40, 30);
    site
}

#[test]
fn check_reports_each_broken_link_at_its_line() {
    let site = site_with_links(
        "첫 줄.\n\n[좋음](/it/target/) [앵커](/it/target/#배경) [이미지](/images/p.png)\n\n[없는 쪽](/it/none/) [없는 파일](/images/none.png)\n\n[없는 앵커](/it/target/#없음)\n",
    );
    let out = byline(site.root(), &["check"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    let stderr = text(&out.stderr);
    for expected in [
        "content/경제/source.md:9:1: link `/it/none/`: leads to no page or file of the site",
        "content/경제/source.md:9:19: link `/images/none.png`: leads to no page or file of the site",
        "content/경제/source.md:11:1: link `/it/target/#없음`: the page has no element with the id `없음`",
    ] {
        assert!(stderr.contains(expected), "`{expected}` in\n{stderr}");
    }
    assert_eq!(
        stderr.matches("content/경제/source.md:").count(),
        3,
        "{stderr}"
    );
    assert!(!site.exists("index.html"), "check writes nothing");
}

#[test]
fn links_to_source_files_follow_the_article_when_it_moves() {
    let site = site_with_links("[상대 경로](../IT/target.md#배경) [내용 기준](@/IT/target.md)\n");
    site.build_ok();
    let html = site.read("경제/source/index.html");
    assert!(
        html.contains("<a href=\"/it/target/#%EB%B0%B0%EA%B2%BD\">상대 경로</a>"),
        "{html}"
    );
    assert!(html.contains("<a href=\"/it/target/\">내용 기준</a>"));
    assert!(
        site.read("atom.xml")
            .contains("href=&quot;/it/target/&quot;")
    );
    // Moved to another section with a new slug: the links follow.
    site.write(
        "content/IT/target.md",
        &format!(
            "---\n{}\n---\n## 배경\n",
            fm("대상 기사", "2023-01-01", "section: 국제\nslug: moved")
        ),
    );
    site.build_ok();
    assert!(
        site.read("경제/source/index.html")
            .contains("<a href=\"/%EA%B5%AD%EC%A0%9C/moved/\">내용 기준</a>")
    );
    // A source path that names no article is an error at its place.
    site.article(
        "경제/source.md",
        &fm("링크 기사", "2023-01-02", ""),
        "본문\n\n[끊김](../IT/gone.md)\n",
    );
    let err = site.build_err();
    assert!(
        err.contains("content/경제/source.md:7:1: `../IT/gone.md` is not a published article"),
        "{err}"
    );
}

#[test]
fn check_external_requests_other_sites() {
    let (server, listener) = StaticServer::bind();
    let root = tempfile::tempdir().unwrap();
    std::fs::write(root.path().join("ok.html"), "ok").unwrap();
    std::fs::write(root.path().join("404.html"), "not found").unwrap();
    StaticServer::serve(listener, root.path().to_path_buf());
    let origin = server.origin();
    let site = site_with_links(&format!(
        "[살아 있음]({origin}/ok.html)\n\n[없음]({origin}/gone.html)\n"
    ));
    let without = byline(site.root(), &["check"]);
    assert_eq!(
        without.status.code(),
        Some(0),
        "external links are not requested by default"
    );
    let out = byline(site.root(), &["check", "--external"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "content/경제/source.md:7:1: link `{origin}/gone.html`: the server answered HTTP 404"
        )),
        "{stderr}"
    );
    assert!(!stderr.contains("ok.html"));
    assert!(text(&out.stdout).contains("(2 external)"));
}

#[test]
fn build_prints_no_progress_off_a_terminal_and_timings_when_verbose() {
    let site = Site::new();
    site.article("IT/a.md", &fm("기사", "2023-01-01", ""), "x\n");
    let out = byline(site.root(), &["build"]);
    assert!(
        text(&out.stderr).is_empty(),
        "no progress bar when stderr is no terminal"
    );
    assert!(text(&out.stdout).starts_with("built 1 articles"));
    let quiet = byline(site.root(), &["build", "--quiet"]);
    assert!(quiet.stdout.is_empty() && quiet.stderr.is_empty());
    let verbose = byline(site.root(), &["build", "--verbose"]);
    let stderr = text(&verbose.stderr);
    assert!(
        stderr.contains("load content:") && stderr.contains("render pages:"),
        "{stderr}"
    );
}

//! The default theme is built in; a site overrides it file by file.

use crate::support::{Site, fm};

#[test]
fn a_site_without_templates_uses_the_built_in_theme() {
    let site = Site::new();
    site.article("IT/a.md", &fm("기사", "2023-01-01", ""), "x\n");
    site.build_ok();
    assert!(!site.root().join("templates").exists());
    for page in [
        "index.html",
        "it/a/index.html",
        "it/index.html",
        "404.html",
        "tags/index.html",
        "reporters/index.html",
    ] {
        assert!(
            site.read(page).contains("<footer class=\"site-footer\">"),
            "{page}"
        );
    }
    assert!(site.read("style.css").contains("font-family"));
}

#[test]
fn overriding_one_template_keeps_the_others() {
    let site = Site::new();
    site.article("IT/a.md", &fm("기사", "2023-01-01", ""), "x\n");
    site.write(
        "templates/partials/footer.html",
        "<footer class=\"custom-footer\">{{ site.publisher.name }} · {{ site.publisher.registration_number }}</footer>\n",
    );
    site.build_ok();
    let article = site.read("it/a/index.html");
    assert!(
        article.contains("<footer class=\"custom-footer\">테스트일보 · 서울 아 12345</footer>"),
        "{article}"
    );
    assert!(!article.contains("site-footer"));
    assert!(
        article.contains("class=\"h-entry article\""),
        "the default article.html still renders"
    );
}

#[test]
fn a_site_can_add_its_own_stylesheet_and_templates() {
    let site = Site::new();
    site.article("IT/a.md", &fm("기사", "2023-01-01", ""), "x\n");
    site.write("templates/style.css", "body { color: rebeccapurple; }\n");
    site.write(
        "templates/partials/extra.html",
        "<p class=\"extra\">{{ page.kind }}</p>",
    );
    site.write("templates/index.html", "{% extends \"base.html\" %}{% block content %}{% include \"partials/extra.html\" %}{% endblock content %}");
    site.build_ok();
    let css = site.read("style.css");
    assert_eq!(css, "body { color: rebeccapurple; }\n");
    assert!(
        site.read("highlight.css").contains(".hl-"),
        "the highlighting rules are their own file"
    );
    assert!(
        site.read("index.html")
            .contains("<p class=\"extra\">index</p>")
    );
}

#[test]
fn labels_follow_language_and_overrides() {
    let config = crate::support::SITE_TOML.replace(
        "articles_per_page = 3",
        "articles_per_page = 3\nlanguage = \"en\"\n\n[labels]\nregistered = \"Filed\"",
    );
    let site = Site::with_config(&config);
    site.article(
        "IT/a.md",
        &fm("Story", "2023-01-01", "reporter: 김기자"),
        "x\n",
    );
    site.build_ok();
    let html = site.read("it/a/index.html");
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("Filed <time"), "override");
    assert!(html.contains("Registration no."), "English footer label");
    assert!(html.contains("김기자 Reporter"), "English default role");
}

//! The template variables the README documents exist on the pages it says,
//! and every one is named in the README.

use crate::support::{Site, fm};

const README: &str = include_str!("../../README.md");

/// `(template, variables)`: each variable must be defined when that
/// template renders.
const DOCUMENTED: &[(&str, &[&str])] = &[
    (
        "article.html",
        &[
            "site.title",
            "site.description",
            "site.base_url",
            "site.home",
            "site.url",
            "site.language",
            "site.timezone",
            "site.copyright_notice",
            "site.publisher.registration_number",
            "site.labels.registered",
            "site.sections",
            "site.stylesheet_url",
            "site.tags_url",
            "site.reporters_url",
            "site.extra",
            "page.kind",
            "page.title",
            "page.description",
            "page.url",
            "page.permalink",
            "page.number",
            "article.title",
            "article.url",
            "article.permalink",
            "article.subtitle",
            "article.summary",
            "article.date",
            "article.updated",
            "article.section",
            "article.tags",
            "article.reporters",
            "article.image",
            "article.draft",
            "article.extra",
            "article.source",
            "article.content",
            "article.related",
            "article.related_tag",
            "article.related_count",
            "article.section.name",
            "article.section.slug",
            "article.section.url",
            "article.section.permalink",
            "article.reporters.0.role",
            "article.reporters.0.email",
            "article.reporters.0.bio",
            "article.reporters.0.declared",
            "article.image.src",
            "article.image.original",
            "article.image.small",
            "article.image.srcset",
            "article.image.sizes",
            "article.image.permalink",
            "article.image.caption",
            "article.image.credit",
            "article.image.alt",
            "article.image.width",
            "article.image.height",
            "article.related_more",
            "article.reporter_boxes",
            "article.previous",
            "article.next",
            "article.share",
            "article.share.facebook",
            "article.share.x",
            "article.share.band",
            "article.share.email",
            "article.dateline",
            "article.corrections",
            "article.corrections.0.date",
            "article.corrections.0.date_text",
            "article.corrections.0.text",
            "site.footer_pages",
            "site.copyright_year",
            "site.script_url",
            "site.favicon_url",
            "page.highlight_url",
            "page.breadcrumbs_json_ld",
        ],
    ),
    (
        "tag.html",
        &[
            "term.name",
            "term.slug",
            "term.url",
            "term.permalink",
            "term.count",
            "articles",
            "paginator.number",
            "paginator.total_pages",
            "paginator.total_articles",
            "paginator.per_page",
            "paginator.newest_url",
            "paginator.oldest_url",
            "paginator.previous_url",
            "paginator.next_url",
        ],
    ),
    (
        "index.html",
        &[
            "articles",
            "paginator",
            "front",
            "front.date",
            "front.lead",
            "front.secondary",
            "front.latest",
            "front.sections",
            "front.photos",
        ],
    ),
    (
        "page.html",
        &[
            "document",
            "document.title",
            "document.summary",
            "document.updated",
            "document.content",
            "document.has_code",
            "document.source",
        ],
    ),
    ("section.html", &["term", "articles", "paginator"]),
    (
        "reporter.html",
        &[
            "term.role",
            "term.email",
            "term.bio",
            "term.declared",
            "articles",
            "paginator",
        ],
    ),
    ("tags.html", &["terms"]),
    ("reporters.html", &["terms"]),
    ("404.html", &["articles"]),
    (
        "redirect.html",
        &["target", "target.title", "target.url", "target.permalink"],
    ),
];

#[test]
fn documented_variables_are_defined_and_named_in_the_readme() {
    let site = Site::new();
    site.photo("static/a.png", 40, 30);
    // Every article has every optional field, since each renders the probe.
    let full = "tags: [t]\nreporter: 김기자\nupdated: \"2023-02-01\"\nimage:\n  src: /a.png\n  caption: c\n  credit: d\ncorrections:\n  - {date: \"2023-02-02\", text: 정정}";
    site.article("IT/a.md", &fm("기사", "2023-01-01", full), "x\n");
    let moved = format!("{full}\naliases: [/old/b/]");
    site.article("IT/b.md", &fm("다른 기사", "2023-01-02", &moved), "x\n");
    site.write(
        "content/pages/about.md",
        "---\ntitle: 소개\nsummary: s\nupdated: 2023-01-01\n---\nx\n",
    );
    for (template, variables) in DOCUMENTED {
        let body: String = variables
            .iter()
            .map(|v| format!("{v}={{{{ {} is defined }}}}\n", v.replace(".0.", "[0].")))
            .collect();
        site.write(&format!("templates/{template}"), &body);
    }
    site.build_ok();
    let outputs = [
        ("article.html", "it/a/index.html"),
        ("tag.html", "tags/t/index.html"),
        ("index.html", "index.html"),
        ("section.html", "it/index.html"),
        ("reporter.html", "reporters/kim/index.html"),
        ("tags.html", "tags/index.html"),
        ("reporters.html", "reporters/index.html"),
        ("404.html", "404.html"),
        ("page.html", "about/index.html"),
        ("redirect.html", "old/b/index.html"),
    ];
    for (template, output) in outputs {
        let text = site.read(output);
        let variables = DOCUMENTED.iter().find(|(t, _)| *t == template).unwrap().1;
        for v in variables {
            assert!(
                text.contains(&format!("{v}=true")),
                "{v} is not defined in {template}:\n{text}"
            );
            // `site.publisher.*` and `site.labels.*` are documented as a whole.
            let documented_as = v.strip_prefix("site.publisher.").map(|_| "site.publisher");
            let documented_as =
                documented_as.or(v.strip_prefix("site.labels.").map(|_| "site.labels"));
            let leaf = documented_as
                .unwrap_or(v)
                .rsplit('.')
                .find(|p| p.parse::<usize>().is_err())
                .unwrap();
            assert!(
                README.contains(&format!("`{leaf}`")),
                "README does not document `{leaf}` ({v})"
            );
        }
    }
}

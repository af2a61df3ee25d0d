use super::*;

fn html(body: &str) -> String {
    render(body, &Highlighter::default(), "").html
}

#[test]
fn gfm_extensions_are_on_and_smart_punctuation_off() {
    let out = html(
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ \"quoted\" -- dash\n\n- [x] done\n\nnote[^1]\n\n[^1]: the note\n",
    );
    assert!(out.contains("<table>"), "{out}");
    assert!(out.contains("<del>old</del>"), "{out}");
    assert!(out.contains("<del>old</del> \"quoted\" -- dash"), "{out}");
    assert!(out.contains("type=\"checkbox\""), "{out}");
    assert!(out.contains("footnote-definition"), "{out}");
}

#[test]
fn heading_ids_keep_hangul_and_are_unique() {
    let out = html("## 시장 반응\n\n## 시장 반응\n\n## Market: Reaction!\n\n## 직접 {#custom}\n");
    assert!(out.contains("<h2 id=\"시장-반응\">시장 반응</h2>"), "{out}");
    assert!(out.contains("<h2 id=\"시장-반응-1\">"), "{out}");
    assert!(out.contains("<h2 id=\"market-reaction\">"), "{out}");
    assert!(out.contains("<h2 id=\"custom\">"), "{out}");
}

#[test]
fn lone_image_becomes_figure_with_caption() {
    let out = html("![무대 위의 두 사람](/images/stage.png)\n");
    assert_eq!(
        out,
        "<figure><img src=\"/images/stage.png\" alt=\"무대 위의 두 사람\" loading=\"lazy\"><figcaption>무대 위의 두 사람</figcaption></figure>\n"
    );
    let out = html("![alt text](/a.png \"사진 설명 [바이라인뉴스]\")\n");
    assert!(out.contains("alt=\"alt text\""), "{out}");
    assert!(
        out.contains("<figcaption>사진 설명 [바이라인뉴스]</figcaption>"),
        "{out}"
    );
}

#[test]
fn titled_image_in_text_splits_the_paragraph() {
    let out = html("앞 문장 ![a](/a.png \"캡션\") 뒤 문장\n");
    assert_eq!(
        out,
        "<p>앞 문장 </p>\n<figure><img src=\"/a.png\" alt=\"a\" loading=\"lazy\"><figcaption>캡션</figcaption></figure>\n<p> 뒤 문장</p>\n"
    );
}

#[test]
fn untitled_inline_image_stays_inline() {
    let out = html("아이콘 ![i](/i.png) 설명\n");
    assert_eq!(
        out,
        "<p>아이콘 <img src=\"/i.png\" alt=\"i\" loading=\"lazy\"> 설명</p>\n"
    );
}

#[test]
fn code_is_highlighted_with_classes_unknown_language_plain() {
    let out = html("```rust\nlet x = 1;\n```\n\n```klingon\n<qapla'>\n```\n");
    assert!(
        out.contains("<pre class=\"code\" tabindex=\"0\" data-lang=\"rust\">"),
        "{out}"
    );
    assert!(
        out.contains(
            "<pre tabindex=\"0\"><code class=\"language-klingon\">&lt;qapla'&gt;\n</code></pre>"
        ),
        "{out}"
    );
}

#[test]
fn raw_html_passes_through() {
    let out =
        html("<iframe src=\"https://www.youtube-nocookie.com/embed/x\" title=\"v\"></iframe>\n");
    assert!(
        out.contains("<iframe src=\"https://www.youtube-nocookie.com/embed/x\""),
        "{out}"
    );
}

#[test]
fn first_paragraph_is_plain_text_and_skips_image_only_paragraphs() {
    let r = render(
        "![photo](/p.png)\n\n**MS**가 `AI` 팀을\n이끈다.\n\n둘째 문단",
        &Highlighter::default(),
        "",
    );
    assert_eq!(r.first_paragraph, "MS가 AI 팀을 이끈다.");
}

#[test]
fn root_relative_targets_get_the_base_path() {
    let r = render(
        "[a](/x/) [b](https://e.com/) [c](//cdn/x) [d](rel)\n\n![i](/i.png)\n",
        &Highlighter::default(),
        "/news",
    );
    assert!(r.html.contains("href=\"/news/x/\""), "{}", r.html);
    assert!(r.html.contains("href=\"https://e.com/\""));
    assert!(r.html.contains("href=\"//cdn/x\""));
    assert!(r.html.contains("href=\"rel\""));
    assert!(r.html.contains("src=\"/news/i.png\""));
}

#[test]
fn no_id_appears_twice_and_none_is_the_themes() {
    let out = html(
        "## main\n\n## 개요 {#related-heading}\n\n## fn 1\n\n## 노트 {#fn:1}\n\n본문[^a b]과 다른 주석[^1].\n\n[^a b]: 첫째\n[^1]: 둘째\n",
    );
    let ids: Vec<&str> = out
        .split("id=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "main-1",
            "related-heading-1",
            "fn-1",
            "fn-1-1",
            "fn:1",
            "fn:2"
        ],
        "{out}"
    );
    assert!(out.contains("<a href=\"#fn:1\">1</a>"), "{out}");
    assert!(out.contains("<a href=\"#fn:2\">2</a>"), "{out}");
}

#[test]
fn theme_ids_list_every_id_the_default_theme_writes() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            for rest in text.split(" id=\"").skip(1) {
                found.push(rest.split('"').next().unwrap().to_string());
            }
        }
    }
    assert!(!found.is_empty());
    for id in found {
        assert!(
            THEME_IDS.contains(&id.as_str()),
            "`{id}` is missing from THEME_IDS"
        );
    }
}

//! Syntax highlighting of fenced code blocks with syntect.
//!
//! Code is marked up with CSS classes (prefixed `hl-`), never inline styles;
//! [`Highlighter::stylesheet`] gives the matching CSS once for the whole
//! site. syntect's syntax definitions are loaded on the first code block of a
//! build, not at start-up: most news articles carry no code.

use std::sync::OnceLock;

use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };
const THEME: &str = "InspiredGitHub";

/// Loads syntect's sets on first use; share one per build.
#[derive(Default)]
pub struct Highlighter {
    syntaxes: OnceLock<SyntaxSet>,
}

impl Highlighter {
    fn syntaxes(&self) -> &SyntaxSet {
        self.syntaxes.get_or_init(SyntaxSet::load_defaults_newlines)
    }

    /// Highlights `code` as `language`; `None` when syntect does not know the
    /// language (the caller then emits a plain block).
    pub fn highlight(&self, language: &str, code: &str) -> Option<String> {
        if language.is_empty() {
            return None;
        }
        let syntaxes = self.syntaxes();
        let syntax = syntaxes
            .find_syntax_by_token(language)
            .or_else(|| syntaxes.find_syntax_by_name(language))?;
        let mut generator =
            ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes, CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            generator
                .parse_html_for_line_which_includes_newline(line)
                .ok()?;
        }
        let body = generator.finalize();
        let mut html = String::with_capacity(body.len() + 80);
        html.push_str("<pre class=\"code\" data-lang=\"");
        pulldown_cmark_escape::escape_html(&mut html, language).ok()?;
        html.push_str("\"><code class=\"language-");
        pulldown_cmark_escape::escape_html(&mut html, language).ok()?;
        html.push_str("\">");
        html.push_str(&body);
        html.push_str("</code></pre>\n");
        Some(html)
    }

    /// The CSS for the classes [`Highlighter::highlight`] emits.
    pub fn stylesheet() -> String {
        let themes = ThemeSet::load_defaults();
        themes
            .themes
            .get(THEME)
            .and_then(|theme| css_for_theme_with_class_style(theme, CLASS_STYLE).ok())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_language_gets_classes_not_styles() {
        let h = Highlighter::default();
        let html = h.highlight("rust", "fn main() {}\n").unwrap();
        assert!(
            html.starts_with(
                "<pre class=\"code\" data-lang=\"rust\"><code class=\"language-rust\">"
            )
        );
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="), "{html}");
    }

    #[test]
    fn unknown_language_is_none() {
        assert!(
            Highlighter::default()
                .highlight("no-such-lang", "x\n")
                .is_none()
        );
    }

    #[test]
    fn stylesheet_targets_prefixed_classes() {
        let css = Highlighter::stylesheet();
        assert!(css.contains(".hl-"), "{}", &css[..css.len().min(200)]);
    }
}

//! Syntax highlighting of fenced code blocks with syntect.
//!
//! Code is marked up with CSS classes (prefixed `hl-`), never inline styles;
//! [`Highlighter::stylesheet`] gives the matching CSS once for the whole
//! site: a light theme, and a dark one under `prefers-color-scheme: dark`,
//! each colour moved towards black or white until it has a WCAG AA contrast
//! (4.5:1) with its background. syntect's syntax definitions are loaded on
//! the first code block of a build, not at start-up: most news articles
//! carry no code.

use std::sync::OnceLock;

use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };
const LIGHT_THEME: &str = "InspiredGitHub";
const DARK_THEME: &str = "base16-ocean.dark";
/// WCAG AA asks 4.5:1 for body text; a little more keeps rounding safe.
const MIN_CONTRAST: f64 = 4.6;

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
        // Focusable, so that a keyboard can scroll a wide block.
        html.push_str("<pre class=\"code\" tabindex=\"0\" data-lang=\"");
        pulldown_cmark_escape::escape_html(&mut html, language).ok()?;
        html.push_str("\"><code class=\"language-");
        pulldown_cmark_escape::escape_html(&mut html, language).ok()?;
        html.push_str("\">");
        html.push_str(&body);
        html.push_str("</code></pre>\n");
        Some(html)
    }

    /// The CSS for the classes [`Highlighter::highlight`] emits, light and
    /// dark, at AA contrast.
    pub fn stylesheet() -> String {
        let themes = ThemeSet::load_defaults();
        let mut css = String::from(
            "/* Syntax highlighting (syntect themes, colours at WCAG AA contrast) */\n",
        );
        for (name, dark) in [(LIGHT_THEME, false), (DARK_THEME, true)] {
            let Some(theme) = themes.themes.get(name) else {
                continue;
            };
            let background = theme
                .settings
                .background
                .map_or((255, 255, 255), |c| (c.r, c.g, c.b));
            let foreground = theme
                .settings
                .foreground
                .map_or((0, 0, 0), |c| (c.r, c.g, c.b));
            let rules = css_for_theme_with_class_style(theme, CLASS_STYLE).unwrap_or_default();
            let block = format!(
                "pre.code {{ color: {}; background: {}; }}\n{}",
                hex(readable(foreground, background)),
                hex(background),
                accessible(&rules, background)
            );
            // Each theme only in its own scheme: a token the dark theme
            // leaves unstyled must not keep a colour made for white.
            css.push_str(if dark {
                "@media (prefers-color-scheme: dark) {\n"
            } else {
                "@media not (prefers-color-scheme: dark) {\n"
            });
            css.push_str(&block);
            css.push_str("}\n");
        }
        css
    }
}

type Rgb = (u8, u8, u8);

fn hex((r, g, b): Rgb) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

fn parse_hex(s: &str) -> Option<Rgb> {
    let s = s.strip_prefix('#')?;
    if s.len() != 6 {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(s.get(i..i + 2)?, 16).ok();
    Some((channel(0)?, channel(2)?, channel(4)?))
}

/// WCAG relative luminance.
fn luminance((r, g, b): Rgb) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// WCAG contrast ratio of two colours.
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// `color` moved towards black (on a light background) or white (on a
/// dark one) until it reaches [`MIN_CONTRAST`] against `background`.
fn readable(color: Rgb, background: Rgb) -> Rgb {
    let target = if luminance(background) > 0.18 {
        0.0
    } else {
        255.0
    };
    let mut c = color;
    for step in 1..=20 {
        if contrast(c, background) >= MIN_CONTRAST {
            break;
        }
        let t = f64::from(step) / 20.0;
        let mix = |x: u8| (f64::from(x) + (target - f64::from(x)) * t).round() as u8;
        c = (mix(color.0), mix(color.1), mix(color.2));
    }
    c
}

/// The theme's rules with every text colour made readable, and the
/// backgrounds of single tokens dropped (the block has one background).
fn accessible(css: &str, background: Rgb) -> String {
    let mut out = String::with_capacity(css.len());
    for line in css.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("background-color:") {
            continue;
        }
        match trimmed
            .strip_prefix("color:")
            .and_then(|v| parse_hex(v.trim().trim_end_matches(';')))
        {
            Some(color) => {
                out.push_str(" color: ");
                out.push_str(&hex(readable(color, background)));
                out.push_str(";\n");
            }
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_language_gets_classes_not_styles() {
        let h = Highlighter::default();
        let html = h.highlight("rust", "fn main() {}\n").unwrap();
        assert!(html.starts_with(
            "<pre class=\"code\" tabindex=\"0\" data-lang=\"rust\"><code class=\"language-rust\">"
        ));
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
        assert!(css.contains("@media (prefers-color-scheme: dark)"));
    }

    #[test]
    fn every_colour_has_aa_contrast_with_its_background() {
        let css = Highlighter::stylesheet();
        let (light, dark) = css
            .split_once("@media (prefers-color-scheme: dark)")
            .unwrap();
        for (part, background) in [(light, (255, 255, 255)), (dark, (0x2b, 0x30, 0x3b))] {
            let mut checked = 0;
            for line in part.lines() {
                if let Some(c) = line
                    .trim()
                    .strip_prefix("color:")
                    .and_then(|v| parse_hex(v.trim().trim_end_matches(';')))
                {
                    assert!(
                        contrast(c, background) >= 4.5,
                        "{} on {}",
                        hex(c),
                        hex(background)
                    );
                    checked += 1;
                }
            }
            assert!(checked > 10, "{checked} colours checked");
        }
        assert!(
            !css.lines()
                .skip(4)
                .any(|l| l.trim().starts_with("background-color"))
        );
    }
}

//! The Tera instance: the default theme, embedded, overridden file by file.
//!
//! The repo's `templates/` is the default theme; it is compiled into the
//! binary so a site without `templates/` still builds. A site's own
//! `templates/NAME` replaces the default `NAME`, and may add new files.
//! The theme's assets are not templates but files written as they are:
//! `style.css`, `script.js` (progressive enhancements, optional),
//! `search.js` (the `/search/` page's client, when search is on),
//! `highlight.css` (syntax colours, linked only from pages with code;
//! generated from syntect's themes at AA contrast) and `favicon.svg`
//! (generated from the site's title). A site's `templates/` may replace
//! each of them too.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tera::{ErrorKind, Tera};

use super::filters;
use crate::config::Config;
use crate::error::{Diagnostic, Error, Result};

pub const TEMPLATES_DIR: &str = "templates";
pub const STYLESHEET: &str = "style.css";
pub const SCRIPT: &str = "script.js";
pub const HIGHLIGHT_CSS: &str = "highlight.css";
pub const FAVICON: &str = "favicon.svg";
/// The search page's client (see [`crate::search`]).
pub const SEARCH_SCRIPT: &str = "search.js";
/// The theme's files that are written as they are.
pub const ASSETS: [&str; 5] = [STYLESHEET, SCRIPT, HIGHLIGHT_CSS, FAVICON, SEARCH_SCRIPT];

macro_rules! theme_files {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../templates/", $name)))),*]
    };
}

/// The default theme's templates: `(name, source)`.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = theme_files![
    "base.html",
    "index.html",
    "article.html",
    "section.html",
    "tag.html",
    "tags.html",
    "reporter.html",
    "reporters.html",
    "404.html",
    "page.html",
    "redirect.html",
    "partials/front.html",
    "partials/share.html",
    "partials/reporter_box.html",
    "partials/header.html",
    "partials/footer.html",
    "partials/card.html",
    "partials/article_list.html",
    "partials/pagination.html",
    "search.html",
];

pub const DEFAULT_STYLESHEET: &str = include_str!("../../templates/style.css");
pub const DEFAULT_SCRIPT: &str = include_str!("../../templates/script.js");
pub const DEFAULT_SEARCH_SCRIPT: &str = include_str!("../../templates/search.js");

/// The loaded theme.
pub struct Theme {
    pub tera: Tera,
    /// The assets by output path (see [`ASSETS`]).
    pub assets: BTreeMap<&'static str, String>,
    /// A hash of the templates' names and sources (not the stylesheet): a
    /// stylesheet edit leaves it, and so every page, unchanged.
    pub templates_fingerprint: u64,
}

/// Template sources by name, and where each came from (for messages).
pub struct TemplateSources {
    sources: BTreeMap<String, (String, Option<PathBuf>)>,
    assets: BTreeMap<&'static str, String>,
}

/// Reads the site's `templates/` over the embedded defaults.
pub fn read_sources(config: &Config) -> Result<TemplateSources> {
    let mut sources: BTreeMap<String, (String, Option<PathBuf>)> = DEFAULT_TEMPLATES
        .iter()
        .map(|(name, src)| (name.to_string(), (src.to_string(), None)))
        .collect();
    let mut assets: BTreeMap<&'static str, String> = BTreeMap::from([
        (STYLESHEET, DEFAULT_STYLESHEET.to_string()),
        (SCRIPT, DEFAULT_SCRIPT.to_string()),
        (SEARCH_SCRIPT, DEFAULT_SEARCH_SCRIPT.to_string()),
        (HIGHLIGHT_CSS, crate::markdown::Highlighter::stylesheet()),
        (FAVICON, favicon(&config.title)),
    ]);
    let dir = config.root.join(TEMPLATES_DIR);
    if dir.is_dir() {
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            let entry = entry.map_err(|e| Error::io(&dir, e.into()))?;
            if !entry.file_type().is_file() {
                continue;
            }
            let Ok(rel) = entry.path().strip_prefix(&dir) else {
                continue;
            };
            let name = rel.to_string_lossy().replace('\\', "/");
            let shown = Path::new(TEMPLATES_DIR).join(rel);
            if let Some(asset) = ASSETS.iter().find(|a| **a == name) {
                let text =
                    std::fs::read_to_string(entry.path()).map_err(|e| Error::io(&shown, e))?;
                assets.insert(asset, text);
            } else if name.ends_with(".html") || name.ends_with(".xml") || name.ends_with(".txt") {
                let text =
                    std::fs::read_to_string(entry.path()).map_err(|e| Error::io(&shown, e))?;
                sources.insert(name, (text, Some(shown)));
            }
        }
    }
    Ok(TemplateSources { sources, assets })
}

/// A square icon with the first letter of the site's title.
fn favicon(title: &str) -> String {
    let letter: String = title.chars().take(1).collect();
    let mut escaped = String::new();
    let _ = pulldown_cmark_escape::escape_html(&mut escaped, &letter);
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 64 64\">\
         <rect width=\"64\" height=\"64\" rx=\"12\" fill=\"#12325e\"/>\
         <text x=\"32\" y=\"45\" font-size=\"38\" font-family=\"sans-serif\" \
         font-weight=\"700\" text-anchor=\"middle\" fill=\"#ffffff\">{escaped}</text></svg>\n"
    )
}

/// Compiles the theme: filters first, then all templates at once.
pub fn compile(config: &Config, sources: TemplateSources) -> Result<Theme> {
    let mut tera = Tera::new();
    filters::register(&mut tera, config.display_formats());
    let origin = |name: &str| -> PathBuf {
        match sources.sources.get(name) {
            Some((_, Some(path))) => path.clone(),
            _ => PathBuf::from(format!("(built-in theme) {name}")),
        }
    };
    tera.add_raw_templates(
        sources
            .sources
            .iter()
            .map(|(name, (src, _))| (name.as_str(), src.as_str())),
    )
    .map_err(|e| Error::Template(template_diagnostics(&e, &origin)))?;
    let templates_fingerprint = {
        use std::hash::{Hash, Hasher};
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        for (name, (src, _)) in &sources.sources {
            (name, src).hash(&mut h);
        }
        h.finish()
    };
    Ok(Theme {
        tera,
        assets: sources.assets,
        templates_fingerprint,
    })
}

pub fn load(config: &Config) -> Result<Theme> {
    compile(config, read_sources(config)?)
}

/// Turns a Tera error into diagnostics naming the template file and line.
pub fn template_diagnostics(e: &tera::Error, origin: &dyn Fn(&str) -> PathBuf) -> Vec<Diagnostic> {
    match e.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let mut message = report.message().to_string();
            let mut source = std::error::Error::source(e);
            while let Some(s) = source {
                message.push_str(": ");
                message.push_str(&s.to_string());
                source = s.source();
            }
            vec![Diagnostic::new(
                origin(report.filename()),
                report.span().start_line,
                report.span().start_col + 1,
                message,
            )]
        }
        _ => {
            let text = e.to_string();
            let parsed = parse_reports(&text, origin);
            if parsed.is_empty() {
                vec![Diagnostic::whole_file(TEMPLATES_DIR, text)]
            } else {
                parsed
            }
        }
    }
}

/// Reads Tera's text reports (`error: MSG` then `--> NAME:LINE:COL`).
fn parse_reports(text: &str, origin: &dyn Fn(&str) -> PathBuf) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut message: Option<&str> = None;
    for line in text.lines() {
        let t = line.trim();
        if let Some(m) = t.strip_prefix("error: ") {
            message = Some(m);
        } else if let (Some(loc), Some(m)) = (t.strip_prefix("--> "), message.take()) {
            let mut parts = loc.rsplitn(3, ':');
            let col = parts.next().and_then(|c| c.parse().ok()).unwrap_or(0);
            let line_no = parts.next().and_then(|l| l.parse().ok()).unwrap_or(0);
            let name = parts.next().unwrap_or(loc);
            out.push(Diagnostic::new(origin(name), line_no, col, m));
        }
    }
    out
}

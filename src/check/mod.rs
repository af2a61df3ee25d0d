//! `byline check`: everything `build` checks, without writing, and the
//! links and images of every article body.
//!
//! The site is loaded and rendered into a sink that keeps only what links
//! need (which files exist, and the ids of each HTML page), so template
//! errors are found too. Then each link and image of each published article
//! must lead to a page, a static file or a generated file, and its
//! `#fragment` to an id on that page; a link written as a source path must
//! name a published article (see [`crate::content::links`]). With
//! `--external`, links to other sites are requested too ([`external`]).
//! Every problem is reported as `path:line:column`.

mod external;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::io;
use std::path::Path;
use std::sync::Mutex;

use percent_encoding::percent_decode_str;

use crate::build::BuildOptions;
use crate::content::Article;
use crate::content::links::ArticleLink;
use crate::error::{Diagnostic, Result};
use crate::output::{Sink, check_output_path_name};
use crate::render::{self, RenderInput};
use crate::site::Site;
use crate::static_files::{self, StaticWins};

/// What `byline check` found.
#[derive(Debug, Default)]
pub struct CheckReport {
    pub articles: usize,
    pub links: usize,
    pub external: usize,
    pub problems: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
}

impl fmt::Display for CheckReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "checked {} articles and {} links and images ({} external): ",
            self.articles, self.links, self.external
        )?;
        match self.problems.len() {
            0 => write!(f, "no problems"),
            1 => write!(f, "1 problem"),
            n => write!(f, "{n} problems"),
        }
    }
}

/// Checks the site at `options.root`; with `external`, links to other
/// sites too.
pub fn check(options: &BuildOptions, external: bool) -> Result<CheckReport> {
    let mut site = Site::load(options)?;
    let outputs = OutputMap::default();
    static_files::copy_all(&site.statics, &outputs)?;
    let input = RenderInput {
        config: &site.config,
        articles: &site.content.articles,
        standalone: &site.content.standalone,
        index: &site.index,
        pages: &site.pages,
        now: site.now,
        progress: &options.progress,
        search: None,
    };
    let sink = StaticWins::new(&outputs, &site.statics);
    render::render_site(&input, &mut site.theme, None, &render::Everything, &sink)?;
    let outputs = outputs.into_inner();

    let mut report = CheckReport {
        articles: site.content.articles.len(),
        warnings: site.content.warnings.clone(),
        ..CheckReport::default()
    };
    let base_path = site.config.urls.base_path().to_string();
    let mut remote: BTreeMap<String, Vec<(&Article, &ArticleLink)>> = BTreeMap::new();
    for article in &site.content.articles {
        let page = site.config.urls.link(&article.path);
        for link in &article.links {
            report.links += 1;
            if link.source.is_some() {
                continue; // resolved (or refused) when the site was loaded
            }
            match classify(&link.dest) {
                Target::Remote => remote
                    .entry(link.dest.clone())
                    .or_default()
                    .push((article, link)),
                Target::Other => {}
                Target::Local => {
                    if let Err(why) = outputs.resolve(&link.dest, &page, &base_path) {
                        report.problems.push(problem(article, link, why));
                    }
                }
            }
        }
    }
    if external {
        report.external = remote.len();
        for (url, why) in external::check_all(remote.keys().map(String::as_str)) {
            for (article, link) in &remote[&url] {
                report.problems.push(problem(article, link, why.clone()));
            }
        }
    }
    report
        .problems
        .sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    Ok(report)
}

fn problem(article: &Article, link: &ArticleLink, why: String) -> Diagnostic {
    let what = if link.image { "image" } else { "link" };
    Diagnostic::new(
        &article.source,
        link.line,
        link.column,
        format!("{what} `{}`: {why}", link.dest),
    )
}

enum Target {
    Local,
    Remote,
    /// `mailto:`, `tel:` and other schemes: not checked.
    Other,
}

fn classify(dest: &str) -> Target {
    let lower = dest.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || dest.starts_with("//") {
        return Target::Remote;
    }
    match dest.split_once(':') {
        Some((scheme, _)) if !scheme.is_empty() && !scheme.contains(['/', '#', '?']) => {
            Target::Other
        }
        _ => Target::Local,
    }
}

/// What the site's output holds: each file, and each HTML page's ids.
#[derive(Default)]
struct OutputMap {
    files: Mutex<HashMap<String, Option<HashSet<String>>>>,
}

impl OutputMap {
    fn into_inner(self) -> Outputs {
        Outputs {
            files: self.files.into_inner().unwrap_or_else(|e| e.into_inner()),
        }
    }

    fn record(&self, rel: &str, ids: Option<HashSet<String>>) {
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.insert(rel.to_string(), ids);
    }
}

impl Sink for OutputMap {
    fn write(&self, rel: &str, contents: &[u8]) -> io::Result<()> {
        check_output_path_name(rel)?;
        let ids = rel
            .ends_with(".html")
            .then(|| html_ids(&String::from_utf8_lossy(contents)));
        self.record(rel, ids);
        Ok(())
    }

    fn copy(&self, rel: &str, from: &Path) -> io::Result<()> {
        check_output_path_name(rel)?;
        let ids = if rel.ends_with(".html") {
            Some(html_ids(&std::fs::read_to_string(from)?))
        } else {
            None
        };
        self.record(rel, ids);
        Ok(())
    }
}

/// The values of the `id` attributes of a page.
fn html_ids(html: &str) -> HashSet<String> {
    html.split(" id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|id| id.replace("&amp;", "&"))
        .collect()
}

struct Outputs {
    files: HashMap<String, Option<HashSet<String>>>,
}

impl Outputs {
    /// Whether `dest`, a link on the page at `page` (root-relative, with
    /// the base path), leads to a file of the output (and to an id there).
    fn resolve(&self, dest: &str, page: &str, base_path: &str) -> Result<(), String> {
        let (path, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (dest, None),
        };
        let path = path.split('?').next().unwrap_or_default();
        let absolute = if path.is_empty() {
            page.to_string()
        } else if path.starts_with('/') {
            format!("{base_path}{path}")
        } else {
            let dir = &page[..page.rfind('/').map_or(0, |i| i + 1)];
            format!("{dir}{path}")
        };
        let decoded = percent_decode_str(&absolute)
            .decode_utf8()
            .map_err(|_| "is not valid UTF-8 once decoded".to_string())?;
        let Some(below_base) = decoded.strip_prefix(base_path) else {
            return Err("leads outside the site".into());
        };
        let mut parts: Vec<&str> = Vec::new();
        for part in below_base.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    if parts.pop().is_none() {
                        return Err("leads outside the site".into());
                    }
                }
                other => parts.push(other),
            }
        }
        let joined = parts.join("/");
        let file = if decoded.ends_with('/') || joined.is_empty() {
            format!(
                "{}index.html",
                if joined.is_empty() {
                    String::new()
                } else {
                    format!("{joined}/")
                }
            )
        } else if self.files.contains_key(&joined) {
            joined
        } else {
            format!("{joined}/index.html")
        };
        let Some(ids) = self.files.get(&file) else {
            return Err("leads to no page or file of the site".into());
        };
        match (fragment, ids) {
            (Some(f), Some(ids)) if !f.is_empty() => {
                let f = percent_decode_str(f).decode_utf8_lossy();
                if ids.contains(f.as_ref()) {
                    Ok(())
                } else {
                    Err(format!("the page has no element with the id `{f}`"))
                }
            }
            _ => Ok(()),
        }
    }
}

//! `byline new "제목"`: a new article file with the date set to now.
//!
//! It writes `content/<section>/<slug>.md` with the title, `date` (now, in
//! the site's time zone), the reporter and tags given, and a body
//! placeholder, and never overwrites a file. The slug comes from the title
//! (Hangul kept, as in URLs) unless given; the section is the first of
//! `sections` in `site.toml` unless given. Only `site.toml`'s time zone,
//! language and sections are read, so a site whose publisher is not filled
//! in yet can already have articles.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::config::{CONFIG_FILE, is_korean};
use crate::content::CONTENT_DIR;
use crate::error::{Diagnostic, Error, Result};
use crate::urls::{check_path_name, checked_segment};

/// What `byline new` was asked for.
#[derive(Debug, Clone, Default)]
pub struct NewArticle {
    pub root: PathBuf,
    pub title: String,
    pub section: Option<String>,
    pub reporter: Option<String>,
    pub tags: Vec<String>,
    pub slug: Option<String>,
    /// "Now"; `None` reads the clock.
    pub now: Option<Timestamp>,
}

/// Writes the article; returns its path relative to the site root.
pub fn create(new: &NewArticle) -> Result<PathBuf> {
    let settings = Settings::read(&new.root)?;
    let usage = |message: String, hint: &str| {
        Error::Config(vec![
            Diagnostic::whole_file("byline new", message).with_hint(hint),
        ])
    };
    if new.title.trim().is_empty() {
        return Err(usage("the title is empty".into(), "byline new \"제목\""));
    }
    let section = match new.section.clone().or(settings.first_section) {
        Some(s) => s,
        None => {
            return Err(usage(
                "which section?".into(),
                "pass --section, or list `sections` in site.toml",
            ));
        }
    };
    check_path_name(&section)
        .map_err(|e| usage(format!("the section {e}"), "use letters, digits and `-`"))?;
    let slug = new.slug.as_deref().unwrap_or(&new.title);
    let slug = checked_segment(slug, &["page"]).map_err(|e| {
        usage(
            format!("the slug {e}"),
            "pass --slug with letters or digits",
        )
    })?;
    let rel = Path::new(CONTENT_DIR)
        .join(&section)
        .join(format!("{slug}.md"));
    let path = new.root.join(&rel);
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let now = new.now.unwrap_or_else(Timestamp::now);
    let date = now
        .to_zoned_datetime(settings.timezone)
        .strftime("%Y-%m-%d %H:%M:%S")
        .to_string();
    let mut front = format!(
        "---\ntitle: {}\ndate: \"{date}\"\n",
        quoted(new.title.trim())
    );
    if let Some(reporter) = &new.reporter {
        front.push_str(&format!("reporter: {}\n", quoted(reporter)));
    }
    let tags: Vec<String> = new
        .tags
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .map(quoted)
        .collect();
    if !tags.is_empty() {
        front.push_str(&format!("tags: [{}]\n", tags.join(", ")));
    }
    let body = if settings.korean {
        "본문을 여기에 씁니다.\n"
    } else {
        "Write the article here.\n"
    };
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => usage(
                format!("{} exists already", rel.display()),
                "pass another --slug, or edit that file",
            ),
            _ => Error::io(&path, e),
        })?;
    file.write_all(format!("{front}---\n\n{body}").as_bytes())
        .map_err(|e| Error::io(&path, e))?;
    Ok(rel)
}

/// The parts of `site.toml` a new article needs.
struct Settings {
    timezone: TimeZone,
    korean: bool,
    first_section: Option<String>,
}

impl Settings {
    fn read(root: &Path) -> Result<Settings> {
        let problem = |message: String| {
            Error::Config(vec![
                Diagnostic::whole_file(CONFIG_FILE, message)
                    .with_hint("run byline in the site's directory or pass --root DIR"),
            ])
        };
        let text = fs::read_to_string(root.join(CONFIG_FILE))
            .map_err(|e| problem(format!("cannot read the site configuration: {e}")))?;
        let table: toml::Table =
            toml::from_str(&text).map_err(|e| problem(e.message().to_string()))?;
        let text_of = |key: &str| table.get(key).and_then(|v| v.as_str());
        let timezone = TimeZone::get(text_of("timezone").unwrap_or("Asia/Seoul"))
            .map_err(|e| problem(format!("timezone: {e}")))?;
        let first_section = table
            .get("sections")
            .and_then(|v| v.as_array())
            .and_then(|a| a.first())
            .and_then(|v| v.as_str())
            .map(str::to_string);
        Ok(Settings {
            timezone,
            korean: is_korean(text_of("language").unwrap_or("ko")),
            first_section,
        })
    }
}

/// A YAML double-quoted scalar holding exactly `text`.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn quoting_keeps_any_title_intact() {
        for title in ["가\"나\\다", "AT&T·<삼성>", "콜론: 그리고 #해시", "탭\t"] {
            let yaml = format!("t: {}", super::quoted(title));
            let v: serde_yaml::Value = serde_yaml::from_str(&yaml).unwrap();
            assert_eq!(v["t"].as_str(), Some(title), "{yaml}");
        }
    }
}

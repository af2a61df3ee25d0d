//! `byline init`: a new site that builds once its publisher's particulars
//! are filled in.
//!
//! It writes `site.toml` with every key (the defaults commented out, the
//! legal `[publisher]` items as `<...>` placeholders that fail the build
//! until replaced), one sample article, an empty `static/` and a
//! `.gitignore` for the output and caches. There is no `templates/`: the
//! built-in theme is used until a file of the same name is put there. It
//! refuses a directory that is not empty.

use std::fs;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::config::CONFIG_FILE;
use crate::content::CONTENT_DIR;
use crate::error::{Error, Result};
use crate::static_files::STATIC_DIR;

const SITE_TOML: &str = include_str!("scaffold/site.toml");
const SAMPLE: &str = include_str!("scaffold/sample.md");
const GITIGNORE: &str = include_str!("scaffold/gitignore");
/// The sample article's section: the first of the template's `sections`.
const SAMPLE_SECTION: &str = "정치";

/// Creates a site in `dir`; returns the files written, relative to it.
pub fn init(dir: &Path, now: Timestamp) -> Result<Vec<PathBuf>> {
    let empty = match fs::read_dir(dir) {
        Ok(mut entries) => entries.next().is_none(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => true,
        Err(e) => return Err(Error::io(dir, e)),
    };
    if !empty {
        return Err(Error::Output {
            path: dir.to_path_buf(),
            message: "is not empty; `byline init` makes a site only in an empty or new directory"
                .into(),
        });
    }
    let seoul = TimeZone::get("Asia/Seoul").unwrap_or(TimeZone::UTC);
    let date = now
        .to_zoned_datetime(seoul)
        .strftime("%Y-%m-%d %H:%M:%S")
        .to_string();
    let sample = Path::new(CONTENT_DIR)
        .join(SAMPLE_SECTION)
        .join("welcome.md");
    let files = [
        (PathBuf::from(CONFIG_FILE), SITE_TOML.to_string()),
        (sample, SAMPLE.replace("{date}", &date)),
        (PathBuf::from(".gitignore"), GITIGNORE.to_string()),
    ];
    fs::create_dir_all(dir.join(STATIC_DIR)).map_err(|e| Error::io(dir, e))?;
    for (rel, text) in &files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
    }
    Ok(files.into_iter().map(|(rel, _)| rel).collect())
}

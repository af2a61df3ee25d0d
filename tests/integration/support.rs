//! Fixture sites in temporary directories, and ways to look at their output.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, SystemTime};

use byline::{BuildOptions, BuildSummary, Error};

pub const SITE_TOML: &str = r#"title = "테스트일보"
description = "시험용 인터넷신문"
base_url = "https://news.example.com"
articles_per_page = 3

[publisher]
name = "테스트일보"
address = "서울특별시 중구 시험로 1"
phone = "02-123-4567"
fax = "02-123-4568"
email = "desk@news.example.com"
registration_number = "서울 아 12345"
registration_date = "2020-01-02"
first_published = "2020-03-01"
publisher = "발행인이름"
editor = "편집인이름"
youth_protection_officer = "보호책임자이름"

[[reporters]]
name = "김기자"
email = "kim@news.example.com"
slug = "kim"
bio = "경제부 기자"
"#;

/// The moment the example site is built at in tests: the embargoed
/// article (2031) stays held back whatever the date the tests run.
pub fn example_now() -> jiff::Timestamp {
    "2026-06-01T00:00:00+09:00".parse().unwrap()
}

/// A site being put together in a temporary directory.
pub struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    /// A site with the standard `site.toml` and no content.
    pub fn new() -> Self {
        Site::with_config(SITE_TOML)
    }

    pub fn with_config(toml: &str) -> Self {
        let site = Site {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        site.write("site.toml", toml);
        site
    }

    /// A site in a new directory below `parent` (for a given file system).
    pub fn in_dir(parent: &Path) -> Self {
        let site = Site {
            dir: tempfile::tempdir_in(parent).expect("temp dir"),
        };
        site.write("site.toml", SITE_TOML);
        site
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, contents: &str) -> &Self {
        let path = self.root().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, contents).unwrap();
        self
    }

    pub fn remove(&self, rel: &str) -> &Self {
        fs::remove_file(self.root().join(rel)).unwrap();
        self
    }

    /// Writes `content/<rel>` with the given front matter lines and body.
    pub fn article(&self, rel: &str, front_matter: &str, body: &str) -> &Self {
        self.write(
            &format!("content/{rel}"),
            &format!("---\n{front_matter}\n---\n{body}"),
        )
    }

    /// See [`settle`].
    pub fn settle(&self) -> &Self {
        settle(self.root());
        self
    }

    pub fn options(&self) -> BuildOptions {
        BuildOptions {
            root: self.root().to_path_buf(),
            ..BuildOptions::default()
        }
    }

    pub fn build(&self) -> Result<BuildSummary, Error> {
        byline::build(&self.options())
    }

    pub fn build_ok(&self) -> BuildSummary {
        match self.build() {
            Ok(s) => s,
            Err(e) => panic!("build failed: {e}"),
        }
    }

    pub fn build_err(&self) -> String {
        match self.build() {
            Ok(_) => panic!("build should have failed"),
            Err(e) => e.to_string(),
        }
    }

    pub fn output(&self) -> PathBuf {
        self.root().join("public")
    }

    pub fn read(&self, rel: &str) -> String {
        let path = self.output().join(rel);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.output().join(rel).exists()
    }

    /// Every output file with its bytes, for "nothing changed" checks.
    pub fn snapshot(&self) -> BTreeMap<String, Vec<u8>> {
        files_under(&self.output())
    }

    /// The output's HTML files, relative path to text.
    pub fn html_pages(&self) -> BTreeMap<String, String> {
        self.snapshot()
            .into_iter()
            .filter(|(p, _)| p.ends_with(".html"))
            .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
            .collect()
    }

    /// Runs the real binary in the site's directory.
    pub fn cli(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_byline"))
            .args(args)
            .current_dir(self.root())
            .output()
            .expect("run byline")
    }
}

/// A cold build with `options` (`clean`: no manifest, no article cache)
/// into a fresh directory: its files.
pub fn cold_build(mut options: BuildOptions) -> BTreeMap<String, Vec<u8>> {
    let out = tempfile::tempdir().unwrap();
    options.output = Some(out.path().join("public"));
    options.clean = true;
    byline::build(&options).expect("a cold build");
    files_under(&out.path().join("public"))
}

pub fn files_under(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    if !dir.exists() {
        return out;
    }
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(rel, fs::read(entry.path()).unwrap());
        }
    }
    out
}

/// Makes the inputs of the site at `root` written in the last seconds look
/// ten seconds older, as files saved a while before a build are: a build
/// trusts the size and time of such files (its up-to-date check, the
/// article cache). Each file keeps a time of its own.
pub fn settle(root: &Path) {
    let recent = SystemTime::now() - Duration::from_secs(3);
    let outputs = |e: &walkdir::DirEntry| {
        e.depth() == 1 && (e.file_name() == "public" || e.file_name() == ".byline-cache")
    };
    let entries = walkdir::WalkDir::new(root).into_iter();
    for entry in entries.filter_entry(|e| !outputs(e)).flatten() {
        let modified = entry.metadata().unwrap().modified().unwrap();
        if entry.file_type().is_file() && modified > recent {
            let file = fs::File::options().write(true).open(entry.path()).unwrap();
            file.set_modified(modified - Duration::from_secs(10))
                .unwrap();
        }
    }
}

/// A small seeded random generator (xorshift), so that random tests repeat.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n` (which must not be 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// A front matter block for a simple article.
pub fn fm(title: &str, date: &str, extra: &str) -> String {
    let mut s = format!("title: \"{title}\"\ndate: \"{date}\"");
    if !extra.is_empty() {
        s.push('\n');
        s.push_str(extra);
    }
    s
}

/// The text between the first `start` and the next `end` after it.
pub fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let i = text
        .find(start)
        .unwrap_or_else(|| panic!("`{start}` not found"));
    let rest = &text[i + start.len()..];
    let j = rest
        .find(end)
        .unwrap_or_else(|| panic!("`{end}` not found after `{start}`"));
    &rest[..j]
}

/// Writes a real image (a colour gradient) of `width` x `height` at `rel`
/// below the site: PNG, or JPEG for a `.jpg` name.
pub fn write_photo(root: &Path, rel: &str, width: u32, height: u32) {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([
            (x * 255 / width.max(1)) as u8,
            (y * 255 / height.max(1)) as u8,
            120,
        ])
    });
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    image.save(&path).unwrap();
}

impl Site {
    /// A real photo in `static/` (see [`write_photo`]).
    pub fn photo(&self, rel: &str, width: u32, height: u32) -> &Self {
        write_photo(self.root(), rel, width, height);
        self
    }
}

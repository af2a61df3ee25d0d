//! An article's photos, and the files of a page bundle.
//!
//! A page bundle is an article written as `content/<section>/<slug>/index.md`
//! with its photos (and any other files) beside it: its slug is the
//! directory's name, relative image paths in it are read from that
//! directory, and its files are published under the article's URL. Every
//! image an article uses must exist and be readable: a missing one is an
//! error at the line that names it, a corrupt one an error naming the file.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::CONTENT_DIR;
use super::article::Image;
use super::fields::FrontMatterImage;
use super::links::ArticleLink;
use super::listing::{is_article_name, is_ignored_name};
use super::placement::Problems;
use crate::photos::{Lookup, Photo, Photos, Place};
use crate::urls::{SitePath, asset_address};

/// The directory of a page bundle and the article's directory in the output.
pub struct Bundle {
    pub dir: PathBuf,
    pub output: SitePath,
}

/// Whether `content_relative` (below `content/`) is a bundle's `index.md`:
/// at least two directories deep, so that the section stays the first.
pub fn is_bundle_index(content_relative: &Path) -> bool {
    content_relative.components().count() >= 3
        && content_relative
            .file_stem()
            .is_some_and(|stem| stem == "index")
}

/// The bundle of an article, if it is one.
pub fn bundle(root: &Path, content_relative: &Path, path: &SitePath) -> Option<Bundle> {
    if !is_bundle_index(content_relative) {
        return None;
    }
    Some(Bundle {
        dir: root.join(CONTENT_DIR).join(content_relative.parent()?),
        output: SitePath::dir(path.segments.clone()),
    })
}

impl Bundle {
    pub fn place(&self) -> Place<'_> {
        Place::Bundle {
            dir: &self.dir,
            output: &self.output,
        }
    }

    /// The bundle's files but its Markdown: output path, file, hash.
    pub fn assets(&self) -> Vec<(String, PathBuf, u64)> {
        let mut files = Vec::new();
        let walker = walkdir::WalkDir::new(&self.dir)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                e.depth() == 0 || !e.file_name().to_str().is_some_and(is_ignored_name)
            });
        for entry in walker.filter_map(|e| e.ok()) {
            if !entry.file_type().is_file() || is_article_name(entry.path()) {
                continue;
            }
            let (Ok(rel), Ok(bytes)) = (
                entry.path().strip_prefix(&self.dir),
                std::fs::read(entry.path()),
            ) else {
                continue;
            };
            let mut public = self.output.segments.join("/");
            for part in rel.components() {
                public.push('/');
                public.push_str(&part.as_os_str().to_string_lossy());
            }
            let public = public.trim_start_matches('/').to_string();
            files.push((
                public,
                entry.path().to_path_buf(),
                xxhash_rust::xxh3::xxh3_64(&bytes),
            ));
        }
        files
    }
}

/// The lead image: its address checked (issue: only http(s) and site
/// paths), a relative one read from the bundle, its photo looked up.
pub fn lead_image(
    written: FrontMatterImage,
    photos: &Photos,
    place: Place<'_>,
    problems: &mut Problems<'_>,
) -> Option<Image> {
    let relative_in_bundle = matches!(place, Place::Bundle { .. })
        && !written.src.trim().starts_with('/')
        && !written.src.contains(':');
    let src = if relative_in_bundle {
        written.src.trim().trim_start_matches("./").to_string()
    } else {
        match asset_address(&written.src) {
            Ok(src) => src,
            Err(e) => {
                problems.at("image", format!("`image.src` {e}"), None);
                return None;
            }
        }
    };
    let photo = match photos.lookup(&src, place) {
        Lookup::Local(photo) => Some(photo),
        Lookup::Remote => None,
        Lookup::Missing(why) | Lookup::Corrupt(why) => {
            problems.at(
                "image",
                format!("`image.src` {}: {why}", written.src),
                Some("put the file in static/ (or beside the article in a page bundle)"),
            );
            return None;
        }
    };
    let src = match &photo {
        Some(p) => format!("/{}", p.public),
        None => src,
    };
    Some(Image {
        size: photo.as_ref().map(|p| (p.width, p.height)),
        src,
        caption: written.caption,
        credit: written.credit,
        alt: written.alt,
        photo,
    })
}

/// The photos the body's images name; a missing or unreadable one is a
/// problem at its line.
pub fn body_photos(
    links: &[ArticleLink],
    photos: &Photos,
    place: Place<'_>,
    problems: &mut Problems<'_>,
) -> Vec<Arc<Photo>> {
    let mut found = Vec::new();
    for link in links.iter().filter(|l| l.image) {
        match photos.lookup(&link.dest, place) {
            Lookup::Local(photo) => found.push(photo),
            Lookup::Remote => {}
            Lookup::Missing(why) | Lookup::Corrupt(why) => {
                problems.at_position(
                    link.line,
                    link.column,
                    format!("image `{}`: {why}", link.dest),
                    Some("put the file in static/ (or beside the article in a page bundle)"),
                );
            }
        }
    }
    found
}

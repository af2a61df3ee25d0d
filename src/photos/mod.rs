//! The site's own photos: their real size, and smaller renditions.
//!
//! A photo is a file of `static/` named by a site path (`/images/a.jpg`; a
//! relative path is taken from the site root), or a file beside an article
//! that is a page bundle (`content/IT/slug/index.md` with `photo.jpg`).
//! [`Photos::lookup`] reads its header (size, EXIF orientation) and plans
//! its renditions: one per configured width below its own (never
//! upscaled), named `photo-480w.jpg` beside the original, which is kept for
//! "크게보기". Pages get `width`/`height` from the oriented pixels and a
//! `srcset`; [`render`] writes the renditions through the build's sink,
//! from a cache outside the output (see [`cache`]).

pub mod cache;
pub mod render;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use image::{ImageDecoder, ImageFormat, ImageReader};

use crate::static_files::STATIC_DIR;
use crate::urls::SitePath;

/// Widths and quality of the renditions (`[photos]` in site.toml).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PhotoSettings {
    pub widths: Vec<u32>,
    /// JPEG quality, 1-100.
    pub quality: u8,
}

impl Default for PhotoSettings {
    fn default() -> Self {
        PhotoSettings {
            widths: vec![480, 960, 1600],
            quality: 82,
        }
    }
}

/// One photo of the site.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Photo {
    /// The file on disk.
    pub source: PathBuf,
    /// Where the original is in the output (`/`-separated, no leading slash).
    pub public: String,
    /// In pixels, as shown (EXIF orientation applied).
    pub width: u32,
    pub height: u32,
    /// A hash of the file's bytes: the cache key of its renditions.
    pub hash: u64,
    pub kind: Kind,
    pub renditions: Vec<Rendition>,
}

/// How a photo is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Kind {
    Jpeg,
    Png,
    Gif,
    WebP,
}

impl Kind {
    /// The format renditions are written in: JPEG for photographs, PNG for
    /// graphics (and the first frame of a GIF).
    pub fn rendition_extension(self) -> &'static str {
        match self {
            Kind::Jpeg | Kind::WebP => "jpg",
            Kind::Png | Kind::Gif => "png",
        }
    }
}

/// A smaller copy of a photo.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Rendition {
    pub public: String,
    pub width: u32,
    pub height: u32,
}

/// Where an image address is read from: the site, or a page bundle.
#[derive(Debug, Clone, Copy)]
pub enum Place<'a> {
    Site,
    /// A page bundle: its directory on disk, and the article's directory in
    /// the output.
    Bundle {
        dir: &'a Path,
        output: &'a SitePath,
    },
}

/// What an image address is.
#[derive(Debug, Clone)]
pub enum Lookup {
    /// Another site's image (not checked, not resized).
    Remote,
    Local(Arc<Photo>),
    /// No such file; the message says what was looked for.
    Missing(String),
    /// The file is not an image byline can read.
    Corrupt(String),
}

/// Looks photos up, once each per build.
#[derive(Debug, Default)]
pub struct Photos {
    root: PathBuf,
    base_path: String,
    settings: PhotoSettings,
    /// One cell per file, filled outside the map's lock so that photos
    /// are read in parallel, each once.
    known: Mutex<HashMap<PathBuf, Arc<OnceLock<PhotoRead>>>>,
}

type PhotoRead = Result<Arc<Photo>, String>;

impl Photos {
    pub fn new(root: &Path, base_path: &str, settings: PhotoSettings) -> Self {
        Photos {
            root: root.to_path_buf(),
            base_path: base_path.to_string(),
            settings,
            known: Mutex::default(),
        }
    }

    /// Forgets every photo read so far: `serve` calls it before each
    /// rebuild, since files change between them.
    pub fn forget(&self) {
        self.known.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }

    pub fn settings(&self) -> &PhotoSettings {
        &self.settings
    }

    /// What the image at `src` is, for a page at `place`.
    pub fn lookup(&self, src: &str, place: Place<'_>) -> Lookup {
        if self.root.as_os_str().is_empty() {
            return Lookup::Remote; // no site: nothing to look at (tests of Markdown alone)
        }
        let lower = src.to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") || src.starts_with("//") {
            return Lookup::Remote;
        }
        if src.split_once(':').is_some_and(|(s, _)| !s.contains('/')) {
            return Lookup::Remote; // data: and the like, refused elsewhere
        }
        let path = src.split(['?', '#']).next().unwrap_or_default();
        let path = path
            .strip_prefix(self.base_path.as_str())
            .filter(|p| p.starts_with('/'))
            .unwrap_or(path);
        let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
        let parts: Vec<&str> = decoded
            .split('/')
            .filter(|s| !s.is_empty() && *s != ".")
            .collect();
        if parts.contains(&"..") || parts.is_empty() {
            return Lookup::Missing(format!("`{src}` is not a path inside the site"));
        }
        let relative = parts.join("/");
        let (file, public) = match place {
            Place::Bundle { dir, output } if !decoded.starts_with('/') => {
                let mut public = output.segments.join("/");
                if !public.is_empty() {
                    public.push('/');
                }
                public.push_str(&relative);
                (dir.join(&relative), public)
            }
            _ => (self.root.join(STATIC_DIR).join(&relative), relative),
        };
        let cell = {
            let mut known = self.known.lock().unwrap_or_else(|e| e.into_inner());
            Arc::clone(known.entry(file.clone()).or_default())
        };
        match cell.get_or_init(|| self.read(&file, public)) {
            Ok(photo) => Lookup::Local(Arc::clone(photo)),
            Err(why) if why.is_empty() => {
                let shown = file.strip_prefix(&self.root).unwrap_or(&file);
                Lookup::Missing(format!("there is no file {}", shown.display()))
            }
            Err(why) => Lookup::Corrupt(why.clone()),
        }
    }

    /// Reads a photo's header; `Err("")` when there is no such file.
    fn read(&self, file: &Path, public: String) -> Result<Arc<Photo>, String> {
        let shown = file
            .strip_prefix(&self.root)
            .unwrap_or(file)
            .display()
            .to_string();
        let bytes = match std::fs::read(file) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(String::new()),
            Err(e) => return Err(format!("{shown}: {e}")),
        };
        let corrupt =
            |e: image::ImageError| format!("{shown} is not an image byline can read ({e})");
        let reader = ImageReader::new(std::io::Cursor::new(&bytes))
            .with_guessed_format()
            .map_err(|e| format!("{shown}: {e}"))?;
        let kind = match reader.format() {
            Some(ImageFormat::Jpeg) => Kind::Jpeg,
            Some(ImageFormat::Png) => Kind::Png,
            Some(ImageFormat::Gif) => Kind::Gif,
            Some(ImageFormat::WebP) => Kind::WebP,
            _ => return Err(format!("{shown} is not a JPEG, PNG, GIF or WebP image")),
        };
        let mut decoder = reader.into_decoder().map_err(corrupt)?;
        let (w, h) = decoder.dimensions();
        let orientation = decoder.orientation().map_err(corrupt)?;
        let turned = matches!(
            orientation,
            image::metadata::Orientation::Rotate90
                | image::metadata::Orientation::Rotate270
                | image::metadata::Orientation::Rotate90FlipH
                | image::metadata::Orientation::Rotate270FlipH
        );
        let (width, height) = if turned { (h, w) } else { (w, h) };
        let hash = xxhash_rust::xxh3::xxh3_64(&bytes);
        let renditions = self.renditions(&public, kind, width, height);
        Ok(Arc::new(Photo {
            source: file.to_path_buf(),
            public,
            width,
            height,
            hash,
            kind,
            renditions,
        }))
    }

    fn renditions(&self, public: &str, kind: Kind, width: u32, height: u32) -> Vec<Rendition> {
        let stem = public.rsplit_once('.').map_or(public, |(stem, _)| stem);
        let mut widths: Vec<u32> = self
            .settings
            .widths
            .iter()
            .copied()
            .filter(|&w| w > 0 && w < width)
            .collect();
        widths.sort_unstable();
        widths.dedup();
        widths
            .into_iter()
            .map(|w| Rendition {
                public: format!("{stem}-{w}w.{}", kind.rendition_extension()),
                width: w,
                height: ((u64::from(height) * u64::from(w) + u64::from(width) / 2)
                    / u64::from(width))
                .max(1) as u32,
            })
            .collect()
    }
}

/// The root-relative URL of an output path: `/news/사진/a.jpg`, encoded.
pub fn url(base_path: &str, public: &str) -> String {
    let mut out = String::from(base_path);
    for segment in public.split('/') {
        out.push('/');
        out.push_str(&crate::urls::encode_segment(segment));
    }
    out
}

/// `sizes` of an article's photos: the width of the text column.
pub const SIZES: &str = "(max-width: 44rem) 100vw, 42rem";

impl Photo {
    /// `srcset`: every rendition and the original, root-relative under
    /// `base_path`.
    pub fn srcset(&self, base_path: &str) -> String {
        let mut out = String::new();
        for r in &self.renditions {
            out.push_str(&format!("{} {}w, ", url(base_path, &r.public), r.width));
        }
        out.push_str(&format!("{} {}w", url(base_path, &self.public), self.width));
        out
    }

    /// The smallest rendition (for cards and thumbnails), or the original.
    pub fn small(&self) -> &str {
        self.renditions.first().map_or(&self.public, |r| &r.public)
    }

    /// What `src` shows where `srcset` is not read: the largest rendition
    /// up to 960 pixels wide, or the original.
    pub fn default_src(&self) -> &str {
        self.renditions
            .iter()
            .rev()
            .find(|r| r.width <= 960)
            .map_or(&self.public, |r| &r.public)
    }
}

//! The pixel size of the site's own images, for `width` and `height` on
//! every `<img>` (a page whose images have no size shifts while it loads).
//!
//! An image address that is a path on the site (`/images/a.png`, with or
//! without the base path) is looked up in `static/`; only the file's header
//! is read (crate `imagesize`). Sizes are remembered for the build: a photo
//! shown on the front page, its section and three tag pages is read once.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;

use percent_encoding::percent_decode_str;

use crate::static_files::STATIC_DIR;

/// Width and height in pixels.
pub type Size = (u32, u32);

/// Looks up the sizes of local images.
#[derive(Debug, Default)]
pub struct ImageSizes {
    /// `static/` of the site; `None` reads nothing (tests, unknown root).
    static_dir: Option<PathBuf>,
    base_path: String,
    known: Mutex<HashMap<String, Option<Size>>>,
}

impl ImageSizes {
    pub fn new(root: &std::path::Path, base_path: &str) -> Self {
        ImageSizes {
            static_dir: Some(root.join(STATIC_DIR)),
            base_path: base_path.to_string(),
            known: Mutex::default(),
        }
    }

    /// The size of the image at `src`, if it is a readable image of the
    /// site's `static/` directory.
    pub fn of(&self, src: &str) -> Option<Size> {
        let dir = self.static_dir.as_ref()?;
        let path = src.strip_prefix(&self.base_path).unwrap_or(src);
        let path = path.split(['?', '#']).next().unwrap_or_default();
        if !path.starts_with('/') || path.starts_with("//") {
            return None;
        }
        let mut known = self.known.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(size) = known.get(path) {
            return *size;
        }
        let decoded = percent_decode_str(path).decode_utf8().ok()?;
        let relative = decoded.trim_start_matches('/');
        let safe = relative
            .split('/')
            .all(|s| !s.is_empty() && s != "." && s != "..");
        let size = safe
            .then(|| imagesize::size(dir.join(relative)).ok())
            .flatten()
            .and_then(|s| Some((u32::try_from(s.width).ok()?, u32::try_from(s.height).ok()?)));
        known.insert(path.to_string(), size);
        size
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_local_images_only() {
        let site = tempfile::tempdir().unwrap();
        let dir = site.path().join("static/사진");
        std::fs::create_dir_all(&dir).unwrap();
        // A 3x2 GIF header is all imagesize needs.
        std::fs::write(dir.join("a.gif"), b"GIF89a\x03\x00\x02\x00\x00\x00\x00;").unwrap();
        let sizes = ImageSizes::new(site.path(), "/news");
        assert_eq!(sizes.of("/사진/a.gif"), Some((3, 2)));
        assert_eq!(sizes.of("/news/%EC%82%AC%EC%A7%84/a.gif?v=1"), Some((3, 2)));
        assert_eq!(sizes.of("https://cdn.example.com/a.gif"), None);
        assert_eq!(sizes.of("/../etc/passwd"), None);
        assert_eq!(sizes.of("/missing.png"), None);
    }
}

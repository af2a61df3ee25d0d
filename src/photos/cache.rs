//! Renditions are made once and kept in `.byline-cache/photos/` of the
//! site (outside the output; safe to delete), named by the hash of the
//! original's bytes and the rendition's parameters: a second build copies
//! them and encodes nothing; an edited photo gets new ones.
//!
//! A rendition is the original decoded once, turned by its EXIF
//! orientation, resized with fast_image_resize (Lanczos3) and encoded
//! again, JPEG or PNG; the encoder writes no metadata, so a camera's EXIF
//! (GPS position among it) does not reach the site.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use fast_image_resize::{IntoImageView, ResizeAlg, ResizeOptions, Resizer};
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::{DynamicImage, ImageDecoder, ImageEncoder, ImageReader};

use super::{Photo, PhotoSettings, Rendition};

/// Bumped when renditions would come out differently for the same input.
const VERSION: u32 = 1;

pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    pub fn new(root: &Path) -> Self {
        Cache {
            dir: crate::output::cache_dir(root).join("photos"),
        }
    }

    /// Where a rendition is kept.
    pub fn file(&self, photo: &Photo, r: &Rendition, settings: &PhotoSettings) -> PathBuf {
        let ext = photo.kind.rendition_extension();
        self.dir.join(format!(
            "{:016x}-{}-q{}-v{VERSION}.{ext}",
            photo.hash, r.width, settings.quality
        ))
    }

    /// Makes the renditions of `photo` that the cache lacks; returns how
    /// many were encoded.
    pub fn ensure(&self, photo: &Photo, settings: &PhotoSettings) -> Result<usize, String> {
        let missing: Vec<&Rendition> = photo
            .renditions
            .iter()
            .filter(|r| !self.file(photo, r, settings).is_file())
            .collect();
        if missing.is_empty() {
            return Ok(0);
        }
        let shown = photo.source.display();
        let bytes = std::fs::read(&photo.source).map_err(|e| format!("{shown}: {e}"))?;
        let image = decode(&bytes).map_err(|e| format!("{shown} cannot be decoded: {e}"))?;
        std::fs::create_dir_all(&self.dir).map_err(|e| format!("{}: {e}", self.dir.display()))?;
        for r in &missing {
            let encoded = resize_and_encode(&image, r, photo, settings)
                .map_err(|e| format!("{shown}: a {}px rendition failed: {e}", r.width))?;
            let target = self.file(photo, r, settings);
            crate::output::write_atomically(&target, &encoded)
                .map_err(|e| format!("{}: {e}", target.display()))?;
        }
        Ok(missing.len())
    }
}

/// Decodes an image (a GIF's first frame) with its EXIF orientation applied.
fn decode(bytes: &[u8]) -> image::ImageResult<DynamicImage> {
    let mut decoder = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()?
        .into_decoder()?;
    let orientation = decoder.orientation()?;
    let mut image = DynamicImage::from_decoder(decoder)?;
    image.apply_orientation(orientation);
    Ok(image)
}

fn resize_and_encode(
    image: &DynamicImage,
    r: &Rendition,
    photo: &Photo,
    settings: &PhotoSettings,
) -> Result<Vec<u8>, String> {
    let jpeg = photo.kind.rendition_extension() == "jpg";
    // JPEG has no alpha; graphics keep theirs.
    let source = if jpeg {
        DynamicImage::ImageRgb8(image.to_rgb8())
    } else {
        DynamicImage::ImageRgba8(image.to_rgba8())
    };
    let pixel_type = source.pixel_type().ok_or("unsupported pixels")?;
    let mut resized = fast_image_resize::images::Image::new(r.width, r.height, pixel_type);
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(
        fast_image_resize::FilterType::Lanczos3,
    ));
    Resizer::new()
        .resize(&source, &mut resized, &options)
        .map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    let color = source.color().into();
    if jpeg {
        JpegEncoder::new_with_quality(&mut out, settings.quality)
            .write_image(resized.buffer(), r.width, r.height, color)
            .map_err(|e| e.to_string())?;
    } else {
        PngEncoder::new(&mut out)
            .write_image(resized.buffer(), r.width, r.height, color)
            .map_err(|e| e.to_string())?;
    }
    Ok(out)
}

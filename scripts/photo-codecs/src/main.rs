//! Which resizer and encoder should byline use for photo renditions?
//! Measures, on a directory of JPEG photos, for each rendition width (never
//! upscaled): the time to resize with the `image` crate and with
//! `fast_image_resize` (both Lanczos3), and for each encoder the time, the
//! bytes and the distance from the resized picture (DSSIM: 0 is identical;
//! differences under about 0.001 are hard to see).
//!
//! ```sh
//! cargo run --release --manifest-path scripts/photo-codecs/Cargo.toml -- DIR [COUNT]
//! ```
//!
//! One thread, so that times compare; its own workspace, so that byline's
//! build never compiles these encoders.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use fast_image_resize::{ResizeAlg, ResizeOptions, Resizer};
use image::codecs::avif::AvifEncoder;
use image::codecs::jpeg::JpegEncoder;
use image::{ImageEncoder, RgbImage};
use rgb::FromSlice;

const WIDTHS: [u32; 3] = [480, 960, 1600];

struct Tally {
    name: &'static str,
    time: Duration,
    bytes: usize,
    dssim: f64,
    count: usize,
}

type Encode = fn(&RgbImage) -> Vec<u8>;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().expect("usage: photo-codecs DIR [COUNT] (JPEG and PNG photos in DIR)"));
    let count: usize = args.next().and_then(|c| c.parse().ok()).unwrap_or(12);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("read DIR")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "jpg" || e == "png"))
        .collect();
    files.sort();
    files.truncate(count);

    let encoders: [(&'static str, Encode); 11] = [
        ("jpeg-encoder q82 4:2:0 optimized", |i| jpeg_rust(i, 82, false)),
        ("jpeg-encoder q75 4:2:0 optimized", |i| jpeg_rust(i, 75, false)),
        ("jpeg-encoder q82 4:2:0 optimized, MS-SSIM tables", |i| jpeg_rust(i, 82, true)),
        ("image JPEG q82", |i| jpeg_image(i, 82)),
        ("image JPEG q70", |i| jpeg_image(i, 70)),
        ("image JPEG q60", |i| jpeg_image(i, 60)),
        ("mozjpeg q82", |i| jpeg_moz(i, 82.0)),
        ("mozjpeg q75", |i| jpeg_moz(i, 75.0)),
        ("WebP (libwebp) q80", |i| webp_lossy(i, 80.0)),
        ("WebP (libwebp) q75", |i| webp_lossy(i, 75.0)),
        ("AVIF (ravif) q60 speed 8", avif),
    ];
    let mut tallies: Vec<Tally> = encoders
        .iter()
        .map(|(name, _)| Tally {
            name,
            time: Duration::ZERO,
            bytes: 0,
            dssim: 0.0,
            count: 0,
        })
        .collect();
    let [mut decode_time, mut resize_image, mut resize_fir] = [Duration::ZERO; 3];
    let (mut source_bytes, mut renditions) = (0, 0);
    let attr = dssim_core::Dssim::new();

    for file in &files {
        let bytes = std::fs::read(file).expect("read photo");
        source_bytes += bytes.len();
        let start = Instant::now();
        let photo = image::load_from_memory(&bytes)
            .expect("decode")
            .to_rgb8();
        decode_time += start.elapsed();
        for width in WIDTHS.into_iter().filter(|w| *w < photo.width()) {
            let height = (u64::from(photo.height()) * u64::from(width) / u64::from(photo.width()))
                .max(1) as u32;
            let start = Instant::now();
            let by_image = image::imageops::resize(
                &photo,
                width,
                height,
                image::imageops::FilterType::Lanczos3,
            );
            resize_image += start.elapsed();
            let start = Instant::now();
            let resized = resize_fast(&photo, width, height);
            resize_fir += start.elapsed();
            assert_eq!(by_image.dimensions(), resized.dimensions());
            renditions += 1;

            let reference = dssim_image(&attr, &resized);
            for ((_, encode), tally) in encoders.iter().zip(&mut tallies) {
                let start = Instant::now();
                let encoded = encode(&resized);
                tally.time += start.elapsed();
                tally.bytes += encoded.len();
                let decoded = decode_rendition(&encoded);
                let (distance, _) = attr.compare(&reference, dssim_image(&attr, &decoded));
                tally.dssim += f64::from(distance);
                tally.count += 1;
            }
        }
    }

    let n = files.len().max(1) as f64;
    let r = renditions.max(1) as f64;
    println!(
        "{} photos ({:.1} MB), {renditions} renditions at {WIDTHS:?}",
        files.len(),
        source_bytes as f64 / 1e6
    );
    println!("decode: {:.1} ms per photo", ms(decode_time) / n);
    println!(
        "resize, per photo (all its widths): image Lanczos3 {:.1} ms, fast_image_resize Lanczos3 {:.1} ms",
        ms(resize_image) / n,
        ms(resize_fir) / n
    );
    println!("\n| encoder | ms per rendition | KB per rendition | mean DSSIM |");
    println!("|---|---|---|---|");
    for t in &tallies {
        println!(
            "| {} | {:.1} | {:.1} | {:.5} |",
            t.name,
            ms(t.time) / r,
            t.bytes as f64 / r / 1000.0,
            t.dssim / t.count.max(1) as f64
        );
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn resize_fast(photo: &RgbImage, width: u32, height: u32) -> RgbImage {
    let mut out = fast_image_resize::images::Image::new(
        width,
        height,
        fast_image_resize::PixelType::U8x3,
    );
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(
        fast_image_resize::FilterType::Lanczos3,
    ));
    Resizer::new()
        .resize(photo, &mut out, &options)
        .expect("resize");
    RgbImage::from_raw(width, height, out.into_vec()).expect("buffer size")
}

fn dssim_image(attr: &dssim_core::Dssim, img: &RgbImage) -> dssim_core::DssimImage<f32> {
    attr.create_image_rgb(
        img.as_raw().as_rgb(),
        img.width() as usize,
        img.height() as usize,
    )
    .expect("dssim image")
}

/// `image` reads JPEG and WebP; AVIF goes through Debian's `avifdec`
/// (package libavif-bin), since image's AVIF decoder needs dav1d.
fn decode_rendition(encoded: &[u8]) -> RgbImage {
    if encoded.get(4..12) != Some(b"ftypavif") {
        return image::load_from_memory(encoded).expect("decode").to_rgb8();
    }
    let dir = std::env::temp_dir().join(format!("photo-codecs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let (avif, png) = (dir.join("r.avif"), dir.join("r.png"));
    std::fs::write(&avif, encoded).expect("write avif");
    let status = std::process::Command::new("avifdec")
        .arg(&avif)
        .arg(&png)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("run avifdec (apt-get install libavif-bin)");
    assert!(status.success(), "avifdec failed");
    image::open(&png).expect("decode png").to_rgb8()
}

fn jpeg_image(img: &RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, quality)
        .write_image(
            img.as_raw(),
            img.width(),
            img.height(),
            image::ExtendedColorType::Rgb8,
        )
        .expect("jpeg");
    out
}

/// The pure-Rust encoder that `image` builds on, with the settings
/// `image` does not expose: averaged 4:2:0 chroma, Huffman tables made for
/// the picture, progressive scans, and optionally tables tuned for MS-SSIM.
fn jpeg_rust(img: &RgbImage, quality: u8, ms_ssim_tables: bool) -> Vec<u8> {
    use jpeg_encoder::{ChromaSubsamplingMethod, ColorType, Encoder, QuantizationTableType};
    let mut out = Vec::new();
    let mut encoder = Encoder::new(&mut out, quality);
    encoder.set_chroma_subsampling_method(ChromaSubsamplingMethod::Average);
    encoder.set_optimized_huffman_tables(true);
    encoder.set_progressive(true);
    if ms_ssim_tables {
        encoder.set_quantization_tables(
            QuantizationTableType::CustomMsSsim,
            QuantizationTableType::CustomMsSsim,
        );
    }
    encoder
        .encode(
            img.as_raw(),
            img.width() as u16,
            img.height() as u16,
            ColorType::Rgb,
        )
        .expect("jpeg-encoder");
    out
}

fn jpeg_moz(img: &RgbImage, quality: f32) -> Vec<u8> {
    let mut comp = mozjpeg::Compress::new(mozjpeg::ColorSpace::JCS_RGB);
    comp.set_size(img.width() as usize, img.height() as usize);
    comp.set_quality(quality);
    let mut started = comp.start_compress(Vec::new()).expect("mozjpeg start");
    started.write_scanlines(img.as_raw()).expect("mozjpeg write");
    started.finish().expect("mozjpeg finish")
}

fn webp_lossy(img: &RgbImage, quality: f32) -> Vec<u8> {
    webp::Encoder::from_rgb(img.as_raw(), img.width(), img.height())
        .encode(quality)
        .to_vec()
}

fn avif(img: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    AvifEncoder::new_with_speed_quality(&mut out, 8, 60)
        .with_num_threads(Some(1))
        .write_image(
            img.as_raw(),
            img.width(),
            img.height(),
            image::ExtendedColorType::Rgb8,
        )
        .expect("avif");
    out
}

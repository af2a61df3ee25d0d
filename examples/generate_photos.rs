//! Writes deterministic, photo-like JPEG test images: a landscape with sky,
//! sun, hazy mountain ridges, water and film grain, so that resizing and
//! JPEG encoding see the smooth gradients and fine detail of a real photo.
//!
//! ```sh
//! cargo run --release --example generate_photos -- OUT_DIR COUNT NAME... [--width W] [--quality Q] [--seed S]
//! ```
//!
//! Writes `OUT_DIR/NAME-I.jpg` for I in 0..COUNT. Without `--width`, each
//! image's size is drawn from a camera-like mix (1600 to 4000 px wide, a
//! few in portrait). Used by `scripts/bench_corpus.py` for the benchmark
//! corpus and to make the example site's photos.

use image::codecs::jpeg::JpegEncoder;
use image::{ImageEncoder, RgbImage};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

fn main() {
    let mut args = std::env::args().skip(1);
    let mut positional = Vec::new();
    let (mut width, mut seed, mut quality) = (None, 1u64, 90u8);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--width" => width = args.next().and_then(|w| w.parse().ok()),
            "--quality" => quality = args.next().and_then(|q| q.parse().ok()).unwrap_or(90),
            "--seed" => seed = args.next().and_then(|s| s.parse().ok()).unwrap_or(1),
            _ => positional.push(arg),
        }
    }
    if positional.len() < 3 {
        eprintln!(
            "usage: generate_photos OUT_DIR COUNT NAME... [--width W] [--quality Q] [--seed S]"
        );
        std::process::exit(2);
    }
    let out = PathBuf::from(&positional[0]);
    let count: u64 = positional[1].parse().unwrap_or_else(|_| {
        eprintln!("COUNT must be a number");
        std::process::exit(2);
    });
    std::fs::create_dir_all(&out).expect("create the output directory");
    let jobs: Vec<(String, u64)> = positional[2..]
        .iter()
        .flat_map(|name| (0..count).map(move |i| (name.clone(), i)))
        .collect();
    let bytes: u64 = jobs
        .par_iter()
        .map(|(name, i)| {
            let mut rng = Rng::new(seed ^ hash(name) ^ (i + 1).wrapping_mul(0x9E37_79B9));
            let (w, h) = size(&mut rng, width);
            let image = landscape(&mut rng, w, h);
            write(&out.join(format!("{name}-{i}.jpg")), &image, quality)
        })
        .sum();
    println!(
        "{} photos, {:.1} MB in {}",
        jobs.len(),
        bytes as f64 / 1e6,
        out.display()
    );
}

fn size(rng: &mut Rng, width: Option<u32>) -> (u32, u32) {
    let w = width.unwrap_or([1600, 2400, 3200, 4000][rng.below(4) as usize]);
    let h = w * 2 / 3;
    if width.is_none() && rng.below(8) == 0 {
        (h, w)
    } else {
        (w, h)
    }
}

fn write(path: &Path, image: &RgbImage, quality: u8) -> u64 {
    let mut bytes = Vec::new();
    JpegEncoder::new_with_quality(&mut bytes, quality)
        .write_image(
            image.as_raw(),
            image.width(),
            image.height(),
            image::ExtendedColorType::Rgb8,
        )
        .expect("encode JPEG");
    std::fs::write(path, &bytes).expect("write the photo");
    bytes.len() as u64
}

/// Sky, sun, three mountain ridges fading into haze, water, grain.
fn landscape(rng: &mut Rng, w: u32, h: u32) -> RgbImage {
    let dusk = rng.unit();
    let top = mix([40.0, 90.0, 170.0], [70.0, 50.0, 110.0], dusk);
    let horizon_sky = mix([200.0, 220.0, 235.0], [250.0, 170.0, 110.0], dusk);
    let (sun_x, sun_y) = (rng.unit() * w as f32, (0.15 + 0.3 * rng.unit()) * h as f32);
    let horizon = (0.55 + 0.15 * rng.unit()) * h as f32;
    let ridges: Vec<(Vec<f32>, [f32; 3])> = (0..3)
        .map(|layer| {
            let depth = layer as f32 / 2.0;
            let base = horizon - (0.25 - 0.08 * layer as f32) * h as f32;
            let heights = ridge(rng, w as usize, base, 0.12 * h as f32);
            let colour = mix([30.0, 55.0, 40.0], horizon_sky, 0.75 - 0.35 * depth);
            (heights, colour)
        })
        .collect();
    let mut grain = Rng::new(rng.next());
    RgbImage::from_fn(w, h, |x, y| {
        let (xf, yf) = (x as f32, y as f32);
        let mut colour = if yf < horizon {
            let sky = mix(top, horizon_sky, yf / horizon);
            let d = ((xf - sun_x).powi(2) + (yf - sun_y).powi(2)).sqrt() / h as f32;
            let glow = (-d * 9.0).exp();
            let sky = mix(sky, [255.0, 240.0, 200.0], glow);
            ridges.iter().fold(sky, |c, (heights, ridge_colour)| {
                if yf > heights[x as usize] {
                    *ridge_colour
                } else {
                    c
                }
            })
        } else {
            let mirror = (2.0 * horizon - yf).max(0.0) as u32;
            let ripple = ((yf * 0.35).sin() * 3.0) as i32;
            let sx = (x as i32 + ripple).clamp(0, w as i32 - 1) as usize;
            let above = ridges
                .iter()
                .rev()
                .find(|(heights, _)| mirror as f32 > heights[sx])
                .map(|(_, c)| *c)
                .unwrap_or(mix(top, horizon_sky, mirror as f32 / horizon));
            mix(
                above,
                [20.0, 40.0, 60.0],
                0.35 + 0.3 * (yf - horizon) / (h as f32 - horizon),
            )
        };
        let noise = (grain.unit() - 0.5) * 14.0;
        for c in &mut colour {
            *c = (*c + noise).clamp(0.0, 255.0);
        }
        image::Rgb(colour.map(|c| c as u8))
    })
}

/// A ridge line: value noise in four octaves around `base`.
fn ridge(rng: &mut Rng, w: usize, base: f32, amplitude: f32) -> Vec<f32> {
    let octaves: Vec<(usize, Vec<f32>)> = (0..4)
        .map(|o| {
            let step = (w / (4 << (o * 2))).max(2);
            (step, (0..w / step + 2).map(|_| rng.unit() - 0.5).collect())
        })
        .collect();
    (0..w)
        .map(|x| {
            let mut y = base;
            for (o, (step, points)) in octaves.iter().enumerate() {
                let t = (x % step) as f32 / *step as f32;
                let t = t * t * (3.0 - 2.0 * t);
                let v = points[x / step] * (1.0 - t) + points[x / step + 1] * t;
                y += v * amplitude / (1 << o) as f32;
            }
            y
        })
        .collect()
}

fn mix(a: [f32; 3], b: [f32; 3], t: f32) -> [f32; 3] {
    let t = t.clamp(0.0, 1.0);
    [0, 1, 2].map(|i| a[i] + (b[i] - a[i]) * t)
}

fn hash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
    })
}

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn unit(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

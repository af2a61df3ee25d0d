//! Photos: renditions, sizes, orientation, metadata, the cache, page
//! bundles, and missing or corrupt files.

use std::time::SystemTime;

use crate::support::{SITE_TOML, Site, fm, write_photo};

/// A site whose renditions are 16 and 32 pixels wide (test photos are small).
fn site() -> Site {
    Site::with_config(&format!(
        "{SITE_TOML}\n[photos]\nwidths = [16, 32, 5000]\nquality = 80\n"
    ))
}

/// A JPEG with EXIF saying "turn 90°" (orientation 6) and a GPS position.
fn jpeg_with_exif(width: u32, height: u32) -> Vec<u8> {
    let image =
        image::RgbImage::from_fn(width, height, |x, _| image::Rgb([(x * 7) as u8, 90, 200]));
    let mut plain = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut plain, 90)
        .encode_image(&image)
        .unwrap();
    // TIFF, little-endian: IFD0 with Orientation = 6 and a GPS IFD pointer;
    // the GPS IFD with GPSLatitudeRef = "N".
    let mut tiff: Vec<u8> = b"II*\0\x08\0\0\0".to_vec();
    tiff.extend([2, 0]); // two entries
    tiff.extend([0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0]); // Orientation SHORT 6
    tiff.extend([0x25, 0x88, 4, 0, 1, 0, 0, 0, 38, 0, 0, 0]); // GPS IFD at 38
    tiff.extend([0, 0, 0, 0]); // no next IFD
    tiff.extend([1, 0]); // GPS IFD: one entry
    tiff.extend([1, 0, 2, 0, 2, 0, 0, 0, b'N', 0, 0, 0]); // GPSLatitudeRef ASCII "N"
    tiff.extend([0, 0, 0, 0]);
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(tiff);
    let mut out = plain[..2].to_vec(); // SOI
    out.extend([0xFF, 0xE1]);
    out.extend(((app1.len() + 2) as u16).to_be_bytes());
    out.extend(app1);
    out.extend(&plain[2..]);
    out
}

#[test]
fn photos_get_renditions_sizes_and_srcset_never_upscaled() {
    let site = site();
    site.photo("static/images/wide.png", 40, 20);
    site.article(
        "IT/a.md",
        &fm(
            "사진",
            "2023-01-01",
            "image:\n  src: /images/wide.png\n  alt: 넓은 사진",
        ),
        "![본문](/images/wide.png)\n",
    );
    site.build_ok();
    for (file, w, h) in [
        ("images/wide-16w.png", 16, 8),
        ("images/wide-32w.png", 32, 16),
    ] {
        let bytes = std::fs::read(site.output().join(file)).unwrap();
        let image = image::load_from_memory(&bytes).unwrap();
        assert_eq!((image.width(), image.height()), (w, h), "{file}");
    }
    assert!(!site.exists("images/wide-5000w.png"), "never upscaled");
    assert!(
        site.exists("images/wide.png"),
        "the original is kept for 크게보기"
    );
    let html = site.read("it/a/index.html");
    let srcset = "/images/wide-16w.png 16w, /images/wide-32w.png 32w, /images/wide.png 40w";
    assert!(
        html.contains(&format!(
            "<img class=\"u-photo\" src=\"/images/wide-32w.png\" srcset=\"{srcset}\""
        )),
        "{html}"
    );
    assert!(html.contains("width=\"40\" height=\"20\" fetchpriority=\"high\">"));
    assert!(html.contains(&format!("<figure><img src=\"/images/wide-32w.png\" srcset=\"{srcset}\" sizes=\"(max-width: 44rem) 100vw, 42rem\" width=\"40\" height=\"20\" alt=\"본문\" loading=\"lazy\">")), "{html}");
    assert!(html.contains("<a class=\"view-larger\" href=\"/images/wide.png\">"));
    // Lists use the small rendition.
    assert!(site.read("it/index.html").contains(
        "<img src=\"/images/wide-16w.png\" alt=\"\" width=\"40\" height=\"20\" loading=\"lazy\">"
    ));
}

#[test]
fn exif_orientation_is_applied_and_metadata_dropped() {
    let site = site();
    std::fs::create_dir_all(site.root().join("static/images")).unwrap();
    let original = jpeg_with_exif(40, 20);
    assert!(original.windows(4).any(|w| w == b"Exif"));
    std::fs::write(site.root().join("static/images/camera.jpg"), &original).unwrap();
    site.article(
        "IT/a.md",
        &fm("카메라", "2023-01-01", ""),
        "![폰 사진](/images/camera.jpg)\n",
    );
    site.build_ok();
    let html = site.read("it/a/index.html");
    assert!(
        html.contains("width=\"20\" height=\"40\""),
        "turned upright: {html}"
    );
    let rendition = std::fs::read(site.output().join("images/camera-16w.jpg")).unwrap();
    let image = image::load_from_memory(&rendition).unwrap();
    assert_eq!(
        (image.width(), image.height()),
        (16, 32),
        "the rendition is upright"
    );
    assert!(
        !rendition.windows(4).any(|w| w == b"Exif"),
        "no EXIF (no GPS) in renditions"
    );
}

#[test]
fn renditions_are_cached_across_builds() {
    let site = site();
    site.photo("static/images/a.jpg", 64, 48);
    site.article(
        "IT/a.md",
        &fm("사진", "2023-01-01", "image:\n  src: /images/a.jpg"),
        "x\n",
    );
    site.build_ok();
    let cache = site.root().join(".byline-cache/photos");
    let stamps = |dir: &std::path::Path| -> Vec<(String, SystemTime)> {
        let mut v: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    e.metadata().unwrap().modified().unwrap(),
                )
            })
            .collect();
        v.sort();
        v
    };
    let first = stamps(&cache);
    assert_eq!(first.len(), 2, "{first:?}");
    std::thread::sleep(std::time::Duration::from_millis(20));
    site.article(
        "IT/a.md",
        &fm(
            "사진 제목 바꿈",
            "2023-01-01",
            "image:\n  src: /images/a.jpg",
        ),
        "y\n",
    );
    site.build_ok();
    assert_eq!(stamps(&cache), first, "nothing re-encoded");
    // An edited photo gets new renditions.
    site.photo("static/images/a.jpg", 64, 40);
    site.build_ok();
    assert_eq!(stamps(&cache).len(), 4);
    std::fs::remove_dir_all(&cache).unwrap();
    site.build_ok();
    assert!(
        site.exists("images/a-32w.jpg"),
        "the cache is safe to delete"
    );
}

#[test]
fn a_page_bundle_keeps_its_photos_beside_the_article() {
    let site = site();
    write_photo(site.root(), "content/IT/현장-사진/현장.jpg", 40, 30);
    site.write("content/IT/현장-사진/notes.txt", "취재 메모");
    site.article(
        "IT/현장-사진/index.md",
        &fm(
            "현장 사진",
            "2023-01-01",
            "image:\n  src: 현장.jpg\n  alt: 현장",
        ),
        "![다시](현장.jpg)\n",
    );
    let out = site.cli(&["build"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty(), "bundle files are not warned about");
    assert!(
        site.exists("it/현장-사진/index.html"),
        "the slug is the directory's name"
    );
    for file in ["현장.jpg", "현장-16w.jpg", "현장-32w.jpg", "notes.txt"] {
        assert!(site.exists(&format!("it/현장-사진/{file}")), "{file}");
    }
    let html = site.read("it/현장-사진/index.html");
    let dir = "/it/%ED%98%84%EC%9E%A5-%EC%82%AC%EC%A7%84";
    let src = format!("{dir}/%ED%98%84%EC%9E%A5-32w.jpg");
    assert!(
        html.contains(&format!("<img class=\"u-photo\" src=\"{src}\"")),
        "the lead image shows a rendition: {html}"
    );
    let original = format!("<a class=\"view-larger\" href=\"{dir}/%ED%98%84%EC%9E%A5.jpg\">");
    assert!(html.contains(&original), "크게보기 opens the original");
    assert!(html.contains("<meta property=\"og:image\" content=\"https://news.example.com/it/"));
}

#[test]
fn a_missing_image_is_an_error_at_its_line_and_a_corrupt_one_names_its_file() {
    let site = site();
    site.article(
        "IT/a.md",
        &fm("사진", "2023-01-01", "image:\n  src: /images/none.jpg"),
        "첫 문단.\n\n![없음](/images/gone.png)\n",
    );
    let err = site.build_err();
    assert!(err.contains("content/IT/a.md:4:1: `image.src` /images/none.jpg: there is no file static/images/none.jpg"), "{err}");
    assert!(
        err.contains(
            "content/IT/a.md:9:1: image `/images/gone.png`: there is no file static/images/gone.png"
        ),
        "{err}"
    );
    site.write("static/images/bad.jpg", "not a jpeg at all");
    site.article(
        "IT/a.md",
        &fm("사진", "2023-01-01", ""),
        "![깨짐](/images/bad.jpg)\n",
    );
    let err = site.build_err();
    assert!(
        err.contains("static/images/bad.jpg is not a JPEG, PNG, GIF or WebP image")
            || err.contains("static/images/bad.jpg is not an image byline can read"),
        "{err}"
    );
}

#!/usr/bin/env python3
"""The benchmark corpus, with photos: ../shared/bench/gen_corpus.py's
articles plus a few hundred generated test photos that their image
references point at.

    scripts/bench_corpus.py --articles 10000 --out /tmp/corpus-10k [--photos-per-name 20]

gen_corpus.py writes body images as `/images/NAME-K.jpg` (15 names, K up to
5000) but no image files, and byline refuses a missing image. This script
maps each reference to `/images/NAME-(K mod P).jpg` and writes those
15 x P photos (P = --photos-per-name, default 20: 300 photos, 1600-4000 px
wide, about 0.5 GB) into the corpus's static/images with
examples/generate_photos.rs. The photos are generated once per P into
--photo-dir and hard-linked into each corpus.

`prepare(n, out)` is what scripts/bench.py calls.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.join(ROOT, "..", "shared", "bench")
IMAGE_REF = re.compile(r"/images/([a-z]+)-(\d+)\.jpg")


def photo_names():
    sys.path.insert(0, SHARED)
    import gen_corpus  # noqa: E402
    return list(gen_corpus.IMAGE_NAMES)


def generate_photos(photo_dir, per_name):
    """Writes NAME-I.jpg for every corpus image name, once."""
    names = photo_names()
    if all(os.path.exists(os.path.join(photo_dir, f"{n}-{per_name - 1}.jpg")) for n in names):
        return
    subprocess.run(["cargo", "run", "--release", "--quiet", "--manifest-path", os.path.join(ROOT, "Cargo.toml"),
                    "--example", "generate_photos", "--", photo_dir, str(per_name)] + names, check=True)


def remap_images(content, per_name):
    """Points every image reference at one of the generated photos."""
    changed = 0
    for dirpath, _, files in os.walk(content):
        for name in files:
            path = os.path.join(dirpath, name)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            new = IMAGE_REF.sub(lambda m: f"/images/{m[1]}-{int(m[2]) % per_name}.jpg", text)
            if new != text:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(new)
                changed += 1
    return changed


def link_photos(photo_dir, images):
    os.makedirs(images, exist_ok=True)
    for name in os.listdir(photo_dir):
        target = os.path.join(images, name)
        if not os.path.exists(target):
            try:
                os.link(os.path.join(photo_dir, name), target)
            except OSError:
                shutil.copyfile(os.path.join(photo_dir, name), target)


def prepare(articles, out, per_name=20, photo_dir=None, seed="1"):
    """Generates the corpus at `out` (once) with its photos."""
    photo_dir = photo_dir or os.path.join(os.path.dirname(os.path.abspath(out)), f"photos-{per_name}")
    if not os.path.exists(os.path.join(out, "site.toml")):
        subprocess.run([sys.executable, os.path.join(SHARED, "gen_corpus.py"), "--articles", str(articles),
                        "--out", out, "--seed", seed], check=True, stdout=subprocess.DEVNULL)
        remap_images(os.path.join(out, "content"), per_name)
    generate_photos(photo_dir, per_name)
    link_photos(photo_dir, os.path.join(out, "static", "images"))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--photos-per-name", type=int, default=20)
    ap.add_argument("--photo-dir", help="where the generated photos are kept (default: beside --out)")
    ap.add_argument("--seed", default="1")
    args = ap.parse_args()
    prepare(args.articles, args.out, args.photos_per_name, args.photo_dir, args.seed)
    print(args.out)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Photo renditions: cold and warm builds, and the bytes they save per page.

    scripts/bench_photos.py [--sizes 10000] [--runs 3] [--out-dir /tmp/byline-bench/out]

For the example site and the benchmark corpus with photos (bench_corpus.py)
at each --sizes: alternates a cold build (the rendition cache
.byline-cache/photos deleted first: every rendition is encoded) and a warm
build (cache kept: none is), each into a fresh output directory on the
ordinary disk, and prints the median wall and CPU time.

Then, for every page of the last build that shows a photo (with `srcset`,
or a card's small rendition), the bytes a browser downloads for its photos
with renditions against without them (the original in every `<img>`),
lazy-loaded images counted as if scrolled to: the candidate a browser
picks is the smallest whose width covers the slot (`sizes`) times the
device pixel ratio, for a 390 px phone at DPR 3 and a 1280 px desktop at
DPR 1.
"""
import argparse
import html
import os
import re
import shutil
import statistics
import subprocess
import sys
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import bench  # noqa: E402
import bench_corpus  # noqa: E402

IMG = re.compile(r"<img\b[^>]*>")
ATTR = re.compile(r'([a-z-]+)="([^"]*)"')
DEVICES = {"phone 390 px DPR 3": (390, 3), "desktop 1280 px DPR 1": (1280, 1)}
REM = 16


def slot_width(sizes, viewport):
    """The slot width that a `sizes` list of `(max-width: Nrem) W, ..., W` gives."""
    for part in sizes.split(","):
        part = part.strip()
        m = re.match(r"\(max-width:\s*([\d.]+)rem\)\s*(.+)", part)
        if m:
            if viewport <= float(m[1]) * REM:
                return length(m[2], viewport)
        else:
            return length(part, viewport)
    return viewport


def length(value, viewport):
    value = value.strip()
    if value.endswith("vw"):
        return float(value[:-2]) / 100 * viewport
    if value.endswith("rem"):
        return float(value[:-3]) * REM
    return float(value.rstrip("px"))


def file_size(out, url):
    path = urllib.parse.unquote(urllib.parse.urlsplit(html.unescape(url)).path)
    full = os.path.join(out, path.lstrip("/"))
    return os.path.getsize(full) if os.path.isfile(full) else 0


def srcset_candidates(attrs):
    candidates = []
    for item in html.unescape(attrs["srcset"]).split(","):
        url, width = item.strip().rsplit(" ", 1)
        candidates.append((int(width.rstrip("w")), url))
    return sorted(candidates)


def page_images(page):
    with open(page, encoding="utf-8") as f:
        return [dict(ATTR.findall(tag)) for tag in IMG.findall(f.read())]


def page_bytes(out, images, originals):
    """(original bytes, {device: bytes with renditions}) of a page's photos:
    an `<img>` with `srcset` (the browser picks a candidate), or a card's
    `<img>` whose `src` is a rendition (without renditions it would be the
    original)."""
    original, chosen = 0, {d: 0 for d in DEVICES}
    for attrs in images:
        if "srcset" in attrs:
            candidates = srcset_candidates(attrs)
            original += file_size(out, candidates[-1][1])
            for device, (viewport, dpr) in DEVICES.items():
                need = slot_width(html.unescape(attrs.get("sizes", "100vw")), viewport) * dpr
                pick = next((u for w, u in candidates if w >= need), candidates[-1][1])
                chosen[device] += file_size(out, pick)
        elif attrs.get("src") in originals:
            original += file_size(out, originals[attrs["src"]])
            for device in DEVICES:
                chosen[device] += file_size(out, attrs["src"])
    return original, chosen


def savings(out):
    pages = [os.path.join(d, f) for d, _, fs in os.walk(out) for f in fs if f == "index.html"]
    images = {p: page_images(p) for p in pages}
    # Every rendition's original, from the srcsets (whose widest candidate is the original).
    originals = {}
    for attrs_list in images.values():
        for attrs in attrs_list:
            if "srcset" in attrs:
                candidates = srcset_candidates(attrs)
                for _, url in candidates[:-1]:
                    originals[url] = candidates[-1][1]
    rows = [page_bytes(out, images[p], originals) for p in pages]
    rows = [r for r in rows if r[0]]
    if not rows:
        return None
    orig = statistics.mean(r[0] for r in rows)
    return len(rows), orig, {d: statistics.mean(r[1][d] for r in rows) for d in DEVICES}


def run(name, root, out, runs):
    byline = os.path.join(ROOT, "target", "release", "byline")
    cache = os.path.join(root, ".byline-cache", "photos")
    cmd = [byline, "build", "--quiet", "--root", root, "--output", out]
    times = {"cold": [], "warm": []}
    for _ in range(runs):
        for kind in ("cold", "warm"):
            if kind == "cold":
                shutil.rmtree(cache, ignore_errors=True)
            bench.fresh(out)
            times[kind].append(bench.timed(cmd))
    renditions = sum(len(fs) for _, _, fs in os.walk(cache))
    print(f"\n{name}: {renditions:,} cached renditions")
    for kind, rs in times.items():
        wall = statistics.median(r[0] for r in rs)
        cpu = statistics.median(r[1] for r in rs)
        rss = statistics.median(r[2] for r in rs)
        print(f"  {kind} build: {wall:.2f} s wall, {cpu:.2f} s CPU, {rss:.0f} MiB peak (median of {runs})")
    saved = savings(out)
    if saved:
        n, orig, chosen = saved
        print(f"  {n:,} pages with photos; photo bytes per page without renditions: {orig / 1e3:,.0f} kB")
        for device, b in chosen.items():
            print(f"    {device}: {b / 1e3:,.0f} kB with renditions ({(orig - b) / 1e3:,.0f} kB saved, {b / orig:.1%})")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[10000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--work-dir", default="/tmp/byline-bench")
    ap.add_argument("--out-dir", default="/tmp/byline-bench/out")
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet", "--manifest-path", os.path.join(ROOT, "Cargo.toml")],
                   check=True)
    os.makedirs(args.out_dir, exist_ok=True)
    run("example site", ROOT, os.path.join(args.out_dir, "photos-example"), args.runs)
    for n in args.sizes:
        corpus = bench_corpus.prepare(n, os.path.join(args.work_dir, f"corpus-{n}-photos"),
                                      photo_dir=os.path.join(args.work_dir, "photos-20"))
        out = os.path.join(args.out_dir, f"photos-{n}")
        run(f"{n:,} articles", corpus, out, args.runs)
        bench.fresh(out)


if __name__ == "__main__":
    main()

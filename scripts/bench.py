#!/usr/bin/env python3
"""byline against Hugo on the synthetic news corpus of ../shared/bench.

    scripts/bench.py [--sizes 1000 10000 50000] [--runs 5] [--out-dir /dev/shm/byline-bench]

For each size: generates the corpus with photos (bench_corpus.py: gen_corpus.py
plus a few hundred generated photos) and converts it for Hugo with
to_hugo.py (both cached under --work-dir; Hugo's site gets the same photos
in static/), then runs `byline
build` and `hugo` alternately, a warm-up and --runs timed runs each, every
run into a fresh output directory (deleted and flushed outside the timing).
Prints the median wall time, CPU time (user+sys) and peak RSS from
/usr/bin/time -v, the output's files and bytes, and byline/Hugo ratios.
Without Hugo (apt-get install hugo) it says so and times byline alone.

It also times, at --serve-sizes: incremental builds (bench_incremental.py:
no change, one body edit, one new article, against a cold build), and one
article edited under `byline serve --watch` (save to reload event, via
serve_latency.py). Builds write to the ordinary disk by default; pass a
tmpfs as --out-dir to time the CPU work alone.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import bench_corpus  # noqa: E402
import bench_incremental  # noqa: E402
import serve_latency  # noqa: E402


def timed(cmd):
    """Runs cmd under /usr/bin/time -v: (wall s, cpu s, peak MiB)."""
    with tempfile.NamedTemporaryFile("r") as log:
        subprocess.run(["/usr/bin/time", "-v", "-o", log.name] + cmd, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        fields = dict(line.strip().split(": ", 1) for line in log if ": " in line)
    wall = 0.0
    for part in fields["Elapsed (wall clock) time (h:mm:ss or m:ss)"].split(":"):
        wall = wall * 60 + float(part)
    cpu = float(fields["User time (seconds)"]) + float(fields["System time (seconds)"])
    return wall, cpu, int(fields["Maximum resident set size (kbytes)"]) / 1024


def output_size(path):
    files = total = 0
    for dirpath, dirnames, filenames in os.walk(path):
        total += sum(os.lstat(os.path.join(dirpath, d)).st_size for d in dirnames)
        for f in filenames:
            files += 1
            total += os.lstat(os.path.join(dirpath, f)).st_size
    return files, total


def fresh(path):
    shutil.rmtree(path, ignore_errors=True)
    os.sync()


def measure(name, cmd, out, runs, warmups):
    results = []
    for i in range(runs + warmups):
        fresh(out)
        r = timed(cmd)
        if i >= warmups:
            results.append(r)
    files, size = output_size(out)
    med = [statistics.median(x[k] for x in results) for k in range(3)]
    return {"tool": name, "wall": med[0], "cpu": med[1], "rss": med[2], "files": files, "mb": size / 1e6}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--warmups", type=int, default=1)
    ap.add_argument("--work-dir", default="/tmp/byline-bench", help="corpora and Hugo sites (cached)")
    ap.add_argument("--out-dir", default="/tmp/byline-bench/out", help="where builds write (the ordinary disk by default; a tmpfs times the CPU work alone)")
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared", "bench"))
    ap.add_argument("--serve-sizes", type=int, nargs="*", default=[10000, 50000])
    ap.add_argument("--serve-runs", type=int, default=15)
    args = ap.parse_args()

    subprocess.run(["cargo", "build", "--release", "--quiet", "--manifest-path", os.path.join(ROOT, "Cargo.toml")], check=True)
    byline = os.path.join(ROOT, "target", "release", "byline")
    hugo = shutil.which("hugo")
    if not hugo:
        print("hugo not found (apt-get install hugo): timing byline alone")
    os.makedirs(args.work_dir, exist_ok=True)
    os.makedirs(args.out_dir, exist_ok=True)

    rows = []
    for n in args.sizes:
        corpus = bench_corpus.prepare(n, os.path.join(args.work_dir, f"corpus-{n}-photos"),
                                      photo_dir=os.path.join(args.work_dir, "photos-20"))
        out = os.path.join(args.out_dir, f"byline-{n}")
        rows.append((n, measure("byline", [byline, "build", "--root", corpus, "--output", out], out, args.runs, args.warmups)))
        if hugo:
            site = os.path.join(args.work_dir, f"hugo-{n}")
            if not os.path.exists(site):
                subprocess.run([sys.executable, os.path.join(args.shared, "to_hugo.py"), corpus, site], check=True,
                               stdout=subprocess.DEVNULL)
                bench_corpus.link_photos(os.path.join(args.work_dir, "photos-20"),
                                         os.path.join(site, "static", "images"))
            hout = os.path.join(args.out_dir, f"hugo-{n}")
            rows.append((n, measure("hugo", [hugo, "-s", site, "-d", hout, "--quiet"], hout, args.runs, args.warmups)))
            fresh(hout)
        fresh(out)

    print(f"\nmedian of {args.runs} runs after {args.warmups} warm-up(s); output in {args.out_dir}\n")
    print("| articles | tool | wall s | CPU s | peak RSS MiB | files | MB | per article ms | byline/Hugo wall | byline/Hugo RSS |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    by = {(n, r["tool"]): r for n, r in rows}
    for n, r in rows:
        ratio = ""
        if r["tool"] == "byline" and (n, "hugo") in by:
            h = by[(n, "hugo")]
            ratio = f"{r['wall'] / h['wall']:.3f} | {r['rss'] / h['rss']:.2f}"
        else:
            ratio = " | "
        print(f"| {n:,} | {r['tool']} | {r['wall']:.2f} | {r['cpu']:.2f} | {r['rss']:.0f} | {r['files']:,} | {r['mb']:.1f} "
              f"| {r['wall'] / n * 1000:.3f} | {ratio} |")

    for n in args.serve_sizes:
        corpus = os.path.join(args.work_dir, f"corpus-{n}-photos")
        if not os.path.exists(corpus):
            continue
        print(f"\n{n:,} articles:")
        bench_incremental.run(corpus, args.runs, byline, args.out_dir)
        serve_latency.run(corpus, args.serve_runs, byline, kinds=["body", "title"])


if __name__ == "__main__":
    main()

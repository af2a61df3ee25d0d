#!/usr/bin/env python3
"""byline against Hugo (and Zola) on the synthetic news corpus of ../shared/bench.

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

When a `zola` binary is on PATH (Zola 0.22; to_zola.py writes its config),
the corpus is also converted with scripts/to_zola.py (cached under
--work-dir, same photos in static/) and `zola build` runs in the same
rounds, byline, Hugo and Zola one after the other in each round; its row
follows Hugo's and byline/Zola ratios are added beside byline/Hugo.
Otherwise it prints "zola not on PATH: skipped" and the table is as before.

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
    return measure_rounds([(name, cmd, out)], runs, warmups)[0]


def measure_rounds(tools, runs, warmups):
    """tools: [(name, cmd, out)]. Each round runs every tool once, in order,
    each into a fresh `out`; the first `warmups` rounds are not counted.
    Returns one row per tool: medians and the last run's output size."""
    results = {name: [] for name, _, _ in tools}
    for i in range(runs + warmups):
        for name, cmd, out in tools:
            fresh(out)
            r = timed(cmd)
            if i >= warmups:
                results[name].append(r)
    rows = []
    for name, _, out in tools:
        files, size = output_size(out)
        med = [statistics.median(x[k] for x in results[name]) for k in range(3)]
        rows.append({"tool": name, "wall": med[0], "cpu": med[1], "rss": med[2], "files": files, "mb": size / 1e6})
    return rows


def zola_version(zola):
    try:
        return subprocess.run([zola, "--version"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "zola (version unknown)"


def cached_site(converter, corpus, site, photo_dir):
    """Converts corpus to site once (written beside it, renamed into place)."""
    if os.path.exists(site):
        return site
    tmp = site + ".partial"
    subprocess.run([sys.executable, converter, corpus, tmp, "--force"], check=True, stdout=subprocess.DEVNULL)
    bench_corpus.link_photos(photo_dir, os.path.join(tmp, "static", "images"))
    os.rename(tmp, site)
    return site


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--warmups", type=int, default=1)
    ap.add_argument("--work-dir", default="/tmp/byline-bench", help="corpora and Hugo/Zola sites (cached)")
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
    zola = shutil.which("zola")
    if zola:
        version = zola_version(zola)
        print(f"zola: {version}")
        if not version.startswith("zola 0.22") and not version.startswith("zola 0.23"):
            print("  (to_zola.py writes a Zola 0.22 config: older releases ignore [markdown.highlighting])")
    else:
        print("zola not on PATH: skipped")
    os.makedirs(args.work_dir, exist_ok=True)
    os.makedirs(args.out_dir, exist_ok=True)

    rows = []
    for n in args.sizes:
        corpus = bench_corpus.prepare(n, os.path.join(args.work_dir, f"corpus-{n}-photos"),
                                      photo_dir=os.path.join(args.work_dir, "photos-20"))
        out = os.path.join(args.out_dir, f"byline-{n}")
        tools = [("byline", [byline, "build", "--root", corpus, "--output", out], out)]
        if hugo:
            site = os.path.join(args.work_dir, f"hugo-{n}")
            if not os.path.exists(site):
                subprocess.run([sys.executable, os.path.join(args.shared, "to_hugo.py"), corpus, site], check=True,
                               stdout=subprocess.DEVNULL)
                bench_corpus.link_photos(os.path.join(args.work_dir, "photos-20"),
                                         os.path.join(site, "static", "images"))
            hout = os.path.join(args.out_dir, f"hugo-{n}")
            tools.append(("hugo", [hugo, "-s", site, "-d", hout, "--quiet"], hout))
        if zola:
            site = cached_site(os.path.join(HERE, "to_zola.py"), corpus, os.path.join(args.work_dir, f"zola-{n}"),
                               os.path.join(args.work_dir, "photos-20"))
            zout = os.path.join(args.out_dir, f"zola-{n}")
            tools.append(("zola", [zola, "--root", site, "build", "--output-dir", zout, "--force"], zout))
        rows += [(n, r) for r in measure_rounds(tools, args.runs, args.warmups)]
        for _, _, tool_out in tools:
            fresh(tool_out)

    print(f"\nmedian of {args.runs} runs after {args.warmups} warm-up(s); output in {args.out_dir}\n")
    anchors = ["hugo"] + (["zola"] if zola else [])
    names = {"hugo": "Hugo", "zola": "Zola"}
    print("| articles | tool | wall s | CPU s | peak RSS MiB | files | MB | per article ms | "
          + " | ".join(f"byline/{names[a]} wall | byline/{names[a]} RSS" for a in anchors) + " |")
    print("|---|---|---|---|---|---|---|---|" + "---|---|" * len(anchors))
    by = {(n, r["tool"]): r for n, r in rows}
    for n, r in rows:
        ratios = []
        for a in anchors:
            if r["tool"] == "byline" and (n, a) in by:
                h = by[(n, a)]
                ratios.append(f"{r['wall'] / h['wall']:.3f} | {r['rss'] / h['rss']:.2f}")
            else:
                ratios.append(" | ")
        print(f"| {n:,} | {r['tool']} | {r['wall']:.2f} | {r['cpu']:.2f} | {r['rss']:.0f} | {r['files']:,} | {r['mb']:.1f} "
              f"| {r['wall'] / n * 1000:.3f} | {' | '.join(ratios)} |")

    for n in args.serve_sizes:
        corpus = os.path.join(args.work_dir, f"corpus-{n}-photos")
        if not os.path.exists(corpus):
            continue
        print(f"\n{n:,} articles:")
        bench_incremental.run(corpus, args.runs, byline, args.out_dir)
        serve_latency.run(corpus, args.serve_runs, byline, kinds=["body", "title"])


if __name__ == "__main__":
    main()

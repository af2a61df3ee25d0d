#!/usr/bin/env python3
"""Incremental `byline build`: a build after no change, after one body
edit and after one new article, against a cold build of the same site.

    scripts/bench_incremental.py --corpus DIR [--runs 5] [--out-dir /tmp/byline-bench/out]

Works on a copy of the corpus (edits are made there). Rounds interleave the
four cases: a cold build (`--clean`), a build with nothing changed, a build
after appending a paragraph to one article, and a build after adding one
article; each case's median wall time, CPU time and peak RSS over --runs
rounds, the files it wrote (from byline's summary line) and its ratio to
the cold build. The output goes to --out-dir, on the ordinary disk by
default. `run(corpus, ...)` is what scripts/bench.py calls.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import bench  # noqa: E402

SETTLED = 2.1
SUMMARY = re.compile(r"\((\d+) written, (\d+) removed\)")


def build(byline, site, out, *extra):
    """One timed build: (wall s, CPU s, peak MiB)."""
    return bench.timed([byline, "build", "--quiet", "--root", site, "--output", out, *extra])


def written(byline, site, out, *extra):
    """Builds once, untimed, and returns (written, removed) from the summary."""
    text = subprocess.run([byline, "build", "--root", site, "--output", out, *extra], check=True,
                          capture_output=True, text=True).stdout
    m = SUMMARY.search(text)
    return (int(m[1]), int(m[2])) if m else (None, None)


def write_dated_now(src, new, tag):
    """A copy of the article `src` at `new`, retitled and dated a minute ago."""
    with open(src, encoding="utf-8") as f:
        text = f.read()
    text = text.replace("title: \"", f"title: \"오늘의 새 기사 {tag} ", 1)
    now = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(time.time() - 60))
    text = re.sub(r'^date: .*$', f'date: "{now}"', text, count=1, flags=re.M)
    with open(new, "w", encoding="utf-8") as f:
        f.write(text)


def run(corpus, runs, byline, out_dir):
    work = tempfile.mkdtemp(prefix="byline-incremental-")
    # A copy, so that rebuilding byline during the run changes nothing here.
    frozen = os.path.join(work, "byline")
    shutil.copy2(byline, frozen)
    byline = frozen
    site = os.path.join(work, "site")
    shutil.copytree(corpus, site, symlinks=True)
    out = os.path.join(out_dir, "incremental")
    bench.fresh(out)
    articles = sorted(os.path.join(d, f) for d, _, fs in os.walk(os.path.join(site, "content"))
                      for f in fs if f.endswith(".md"))
    cases = {"cold build (--clean)": [], "no change": [], "one body edit": [], "one new article": [],
             "one new article, dated now": []}
    files = {}
    subprocess.run([byline, "build", "--quiet", "--root", site, "--output", out], check=True)
    for r in range(runs):
        # A file saved less than 2 s before a build is looked at again by
        # the next one (its time may not tell a second edit); the edits of
        # the last round must be older than that for "no change" to be one.
        time.sleep(SETTLED)
        cases["cold build (--clean)"].append(build(byline, site, out, "--clean"))
        cases["no change"].append(build(byline, site, out))
        with open(articles[(r * 7919) % len(articles)], "a", encoding="utf-8") as f:
            f.write(f"\n덧붙인 문단 {r}.\n")
        cases["one body edit"].append(build(byline, site, out))
        src = articles[(r * 104729) % len(articles)]
        new = os.path.join(os.path.dirname(src), f"bench-new-{r}.md")
        with open(src, encoding="utf-8") as f:
            text = f.read()
        with open(new, "w", encoding="utf-8") as f:
            f.write(text.replace("title: \"", f"title: \"새 기사 {r} ", 1))
        cases["one new article"].append(build(byline, site, out))
        # A newsroom's new article is the newest: it takes the next search
        # number instead of shifting every later article's.
        write_dated_now(src, os.path.join(os.path.dirname(src), f"bench-now-{r}.md"), r)
        cases["one new article, dated now"].append(build(byline, site, out))
    # The files each case writes, from the summary of one more of each.
    time.sleep(SETTLED)
    written(byline, site, out)
    files["no change"] = written(byline, site, out)
    with open(articles[1], "a", encoding="utf-8") as f:
        f.write("\n덧붙인 문단.\n")
    files["one body edit"] = written(byline, site, out)
    with open(articles[2], encoding="utf-8") as f:
        text = f.read()
    with open(os.path.join(os.path.dirname(articles[2]), "bench-new-last.md"), "w", encoding="utf-8") as f:
        f.write(text.replace("title: \"", "title: \"새 기사 ", 1))
    files["one new article"] = written(byline, site, out)
    write_dated_now(articles[3], os.path.join(os.path.dirname(articles[3]), "bench-now-last.md"), "last")
    files["one new article, dated now"] = written(byline, site, out)
    files["cold build (--clean)"] = written(byline, site, out, "--clean")

    cold = statistics.median(x[0] for x in cases["cold build (--clean)"])
    print(f"\n{len(articles):,} articles, incremental builds into {out} (median of {runs} interleaved rounds):\n")
    print("| case | wall s | CPU s | peak RSS MiB | files written | of cold |")
    print("|---|---|---|---|---|---|")
    for name, results in cases.items():
        wall, cpu, rss = (statistics.median(x[k] for x in results) for k in range(3))
        w, _ = files[name]
        print(f"| {name} | {wall:.3f} | {cpu:.2f} | {rss:.0f} | {w:,} | {wall / cold:.1%} |")
    shutil.rmtree(work, ignore_errors=True)
    bench.fresh(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--out-dir", default="/tmp/byline-bench/out")
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet", "--manifest-path", os.path.join(ROOT, "Cargo.toml")],
                   check=True)
    os.makedirs(args.out_dir, exist_ok=True)
    run(args.corpus, args.runs, os.path.join(ROOT, "target", "release", "byline"), args.out_dir)


if __name__ == "__main__":
    main()

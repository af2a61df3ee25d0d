#!/usr/bin/env python3
"""Search quality, size and speed of byline's search against Pagefind.

    scripts/bench_search.py truth --site SITE --out truth.json
        relevance of every query of scripts/search_queries.json, computed
        from the articles' text (see "about" in that file)
    scripts/bench_search.py compare --site SITE --public PUBLIC [--pagefind]
        runs every query through byline's /search/ client (and Pagefind's,
        indexing PUBLIC with `npx pagefind` first) in headless Chromium;
        prints recall and precision per query class, index bytes, bytes
        downloaded by a first and a typical query, and query latency
        (--bytes-only: no recall and precision, for a 100k-article site)

    scripts/bench_search.py buildtime --site SITE [--runs 3] [--out-dir DIR]
        cold builds (`byline build --clean -v`, target/release/byline) with
        search on and with `[search] enabled = false` appended to site.toml
        (restored after): the search phase and the whole build, medians

SITE is a byline site (its content/ is read); PUBLIC is its built output.
Only published articles count: drafts, embargoed articles (dated after
now) and `search: false` are left out of the relevance too. Needs
python3-yaml; `compare` also needs node, chromium and the repository's
node_modules (puppeteer-core comes with lighthouse, see .ci/run).
"""
import argparse
import datetime as dt
import functools
import gzip
import http.server
import json
import os
import re
import resource
import shutil
import subprocess
import tempfile
import threading
import time
import urllib.parse

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WORD = re.compile(r"[^\W_]+")
LINK_TARGET = re.compile(r"\]\([^)]*\)")
IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")


def load_queries():
    with open(os.path.join(HERE, "search_queries.json"), encoding="utf-8") as f:
        return json.load(f)


def articles(site):
    """(source, url, words) of every published, searchable article."""
    now = dt.datetime.now(dt.timezone.utc)
    content = os.path.join(site, "content")
    for dirpath, dirs, files in os.walk(content):
        dirs.sort()
        rel_dir = os.path.relpath(dirpath, content)
        if rel_dir.split(os.sep)[0] == "pages" or any(p.startswith(".") for p in rel_dir.split(os.sep)):
            continue
        for name in sorted(files):
            if not name.endswith(".md"):
                continue
            path = os.path.join(dirpath, name)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            _, fm, body = text.split("---", 2)
            meta = yaml.safe_load(fm) or {}
            if meta.get("draft") or meta.get("search") is False:
                continue
            date = dt.datetime.fromisoformat(str(meta["date"]).replace(" ", "T"))
            if date.tzinfo is None:
                date = date.replace(tzinfo=dt.timezone(dt.timedelta(hours=9)))
            if date > now:
                continue
            section = meta.get("section") or rel_dir.split(os.sep)[0]
            stem = os.path.splitext(name)[0]
            slug = meta.get("slug") or (os.path.basename(dirpath) if stem == "index" else stem)
            subtitle = meta.get("subtitle") or []
            if isinstance(subtitle, str):
                subtitle = [subtitle]
            body = LINK_TARGET.sub("]", IMAGE.sub(" ", body))
            words = set(WORD.findall(" ".join([str(meta.get("title", ""))] + subtitle + [body])))
            source = os.path.relpath(path, site).replace(os.sep, "/")
            yield source, f"/{section}/{slug}/", words


def word_test(words, query, spec):
    """Whether one of an article's words (folded to lower case) is a form
    of one query word (see "about" in the query file)."""
    if query["class"] == "english":
        return any(f in words for f in query["forms"])
    stem = query.get("stem", query["q"]).lower()
    if stem in words or any(stem + p in words for p in spec["particles"]):
        return True
    if query["class"] == "verb":
        forms = query.get("forms") or [stem + e for e in spec["verb_endings"]]
        return any(w.startswith(f) for w in words for f in forms)
    return False


def relevance(site, spec):
    docs = [(source, url, {w.lower() for w in words}) for source, url, words in articles(site)]
    out = []
    for query in spec["queries"]:
        parts = query["q"].split()
        subqueries = [query] if len(parts) == 1 else [{"q": p, "class": "noun"} for p in parts]
        relevant = [source for source, _, words in docs
                    if all(word_test(words, sq, spec) for sq in subqueries)]
        out.append({"q": query["q"], "class": query["class"], "relevant": relevant})
    return docs, out


def cmd_truth(args):
    spec = load_queries()
    docs, out = relevance(args.site, spec)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump({"articles": len(docs), "queries": out}, f, ensure_ascii=False)
    for q in out:
        print(f"{q['class']:14} {q['q']:12} {len(q['relevant'])}")


# Pagefind sees what byline indexes: the article's head, deck and body, not
# the lists of other articles' titles around it.
PAGEFIND_ROOT = "article.article"
PAGEFIND_EXCLUDE = ".related, .article-pager, .reporter-box, .share, .article-tags, " \
    ".closing-byline, .copyright-notice, .article-dates, .kicker, .lead-image"


def url_key(url):
    return urllib.parse.unquote(urllib.parse.urlsplit(url).path).lower()


class Logged(http.server.SimpleHTTPRequestHandler):
    """A static server that notes each file it sends, and /__mark/ requests."""

    def do_GET(self):
        if self.path.startswith("/__mark/"):
            self.server.sent.append((self.path, None))
            self.send_response(204)
            self.end_headers()
            return
        super().do_GET()
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if os.path.isfile(path):
            self.server.sent.append((self.path, path))

    def log_message(self, *args):
        pass


def serve(public):
    handler = functools.partial(Logged, directory=public)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.sent = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def windows(sent):
    """Per /__mark/begin .. /__mark/end window: (bytes, gzip bytes, files)."""
    out, current = [], None
    for path, file in sent:
        if path == "/__mark/begin":
            current = []
        elif path == "/__mark/end" and current is not None:
            raw = sum(os.path.getsize(f) for f in current)
            packed = 0
            for f in current:
                with open(f, "rb") as fh:
                    packed += len(gzip.compress(fh.read(), 6))
            out.append({"bytes": raw, "gzip_bytes": packed, "requests": len(current)})
            current = None
        elif current is not None and file:
            current.append(file)
    return out


def tree_bytes(path):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)


def scores(queries, truth, results, by_url):
    """Mean recall and precision per query class (queries with a relevant
    article only); results that are not article pages are not counted."""
    classes = {}
    for q, t in zip(queries, truth):
        relevant = set(t["relevant"])
        if not relevant:
            continue
        found = {by_url[url_key(u)] for u in results[q["q"]] if url_key(u) in by_url}
        hits = len(found & relevant)
        recall = hits / len(relevant)
        precision = hits / len(found) if found else 1.0
        for c in (q["class"], "all"):
            classes.setdefault(c, []).append((recall, precision))
    return {c: {"queries": len(v), "recall": sum(r for r, _ in v) / len(v),
                "precision": sum(p for _, p in v) / len(v)} for c, v in classes.items()}


def browser_run(origin, engine, queries):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump([q["q"] for q in queries], f, ensure_ascii=False)
    out = subprocess.run(["node", os.path.join(HERE, "bench_search_browser.mjs"), origin, engine, f.name],
                         check=True, capture_output=True, text=True, cwd=ROOT).stdout
    os.unlink(f.name)
    return json.loads(out)


def report(engine, run, score, index_bytes, fresh):
    warm = sorted(r["warm_ms"] for r in run["results"])
    first, rest = fresh[0], sorted(fresh[1:], key=lambda w: w["bytes"])
    typical = rest[len(rest) // 2]
    print(f"\n{engine}: index {index_bytes:,} bytes")
    for name, w in ((f"first query ({run['fresh'][0]})", first), ("typical query (median of 10)", typical)):
        print(f"  {name}: {w['bytes']:,} bytes ({w['gzip_bytes']:,} gzipped) in {w['requests']} requests")
    print(f"  warm query latency: median {warm[len(warm) // 2]:.1f} ms, max {warm[-1]:.1f} ms")
    if not score:
        return
    print(f"  {'class':14} {'queries':>7} {'recall':>7} {'precision':>9}")
    for c in sorted(score, key=lambda c: (c == "all", c)):
        s = score[c]
        print(f"  {c:14} {s['queries']:7} {s['recall']:7.3f} {s['precision']:9.3f}")


def cmd_compare(args):
    spec = load_queries()
    if args.bytes_only:
        os.environ["BENCH_BYTES_ONLY"] = "1"
        docs, truth = [], [{"relevant": []} for _ in spec["queries"]]
    else:
        docs, truth = relevance(args.site, spec)
    by_url = {url_key(url): source for source, url, _ in docs}
    queries = spec["queries"]
    server, origin = serve(args.public)
    figures = {}
    engines = ["byline"]
    if args.pagefind:
        started = time.monotonic()
        subprocess.run(os.environ.get("PAGEFIND", "npx pagefind").split() +
                       ["--site", args.public, "--root-selector", PAGEFIND_ROOT,
                        "--exclude-selectors", PAGEFIND_EXCLUDE],
                       check=True, stdout=subprocess.DEVNULL)
        figures["pagefind_seconds"] = time.monotonic() - started
        engines.append("pagefind")
    for engine in engines:
        server.sent.clear()
        run = browser_run(origin, engine, queries)
        fresh = windows(server.sent)
        results = {r["q"]: r["urls"] for r in run["results"]}
        score = scores(queries, truth, results, by_url)
        index_dir = os.path.join(args.public, "search" if engine == "byline" else "pagefind")
        index_bytes = tree_bytes(index_dir) - (
            os.path.getsize(os.path.join(index_dir, "index.html")) if engine == "byline" else 0)
        report(engine, run, score, index_bytes, fresh)
        figures[engine] = {"scores": score, "index_bytes": index_bytes, "fresh": fresh,
                           "warm_ms": [r["warm_ms"] for r in run["results"]]}
    if "pagefind_seconds" in figures:
        print(f"\npagefind indexing took {figures['pagefind_seconds']:.1f} s")
    server.shutdown()
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            json.dump(figures, f, ensure_ascii=False, indent=1)


LAP = re.compile(r"render search: ([0-9.]+) ms")
TOTAL = re.compile(r" in ([0-9.]+)(m?s) \(")


def timed_build(site, out):
    """A cold build of `site` into `out`, made empty first (untimed): wall
    s, search phase s, CPU s (user + system)."""
    shutil.rmtree(out, ignore_errors=True)
    byline = os.environ.get("BYLINE", os.path.join(ROOT, "target", "release", "byline"))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    p = subprocess.run([byline, "build", "--root", site, "--output", out, "--clean", "-v"],
                       capture_output=True, text=True, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    text = re.sub(r"\x1b\[[0-9;]*m", "", p.stdout + p.stderr)
    total = TOTAL.search(text)
    seconds = float(total[1]) / (1000 if total[2] == "ms" else 1)
    lap = LAP.search(text)
    return seconds, float(lap[1]) / 1000 if lap else 0.0, cpu


def cmd_buildtime(args):
    """Cold builds with search on and off, interleaved, each into an empty
    directory (on the ordinary disk by default; --out-dir /dev/shm/... times
    the CPU work alone)."""
    toml = os.path.join(args.site, "site.toml")
    with open(toml, encoding="utf-8") as f:
        original = f.read()
    out = tempfile.mkdtemp(prefix="bench-search-", dir=args.out_dir)
    on, off = [], []
    try:
        timed_build(args.site, os.path.join(out, "public"))  # warm-up: caches, photos
        for _ in range(args.runs):
            on.append(timed_build(args.site, os.path.join(out, "public")))
            with open(toml, "w", encoding="utf-8") as f:
                f.write(original + "\n[search]\nenabled = false\n")
            off.append(timed_build(args.site, os.path.join(out, "public")))
            with open(toml, "w", encoding="utf-8") as f:
                f.write(original)
    finally:
        with open(toml, "w", encoding="utf-8") as f:
            f.write(original)
        shutil.rmtree(out, ignore_errors=True)
    med = lambda xs: sorted(xs)[len(xs) // 2]
    wall_on, lap, cpu_on = (med([r[k] for r in on]) for k in range(3))
    wall_off, cpu_off = med([r[0] for r in off]), med([r[2] for r in off])
    print(f"search on:  build {wall_on:.2f} s wall, {cpu_on:.2f} s CPU; search phase "
          f"{lap * 1000:.0f} ms ({100 * lap / wall_on:.1f}% of the build)")
    print(f"search off: build {wall_off:.2f} s wall, {cpu_off:.2f} s CPU")
    print(f"search adds {wall_on - wall_off:+.2f} s wall ({100 * (wall_on - wall_off) / wall_on:.1f}%), "
          f"{cpu_on - cpu_off:+.2f} s CPU ({100 * (cpu_on - cpu_off) / cpu_on:.1f}%)")
    print("runs (wall s, search s, CPU s): on", on, "off", off)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("truth")
    t.add_argument("--site", required=True)
    t.add_argument("--out", required=True)
    c = sub.add_parser("compare")
    c.add_argument("--site", required=True)
    c.add_argument("--public", required=True)
    c.add_argument("--pagefind", action="store_true")
    c.add_argument("--out", help="write the figures as JSON here")
    c.add_argument("--bytes-only", action="store_true",
                   help="no recall and precision (for a large site): bytes and latency only")
    b = sub.add_parser("buildtime")
    b.add_argument("--site", required=True)
    b.add_argument("--runs", type=int, default=3)
    b.add_argument("--out-dir", default=None, help="where the builds go (default: the system's temp dir)")
    args = ap.parse_args()
    {"truth": cmd_truth, "compare": cmd_compare, "buildtime": cmd_buildtime}[args.cmd](args)


if __name__ == "__main__":
    main()

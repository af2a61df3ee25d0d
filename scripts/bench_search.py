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

SITE is a byline site (its content/ is read); PUBLIC is its built output.
Only published articles count: drafts, embargoed articles (dated after
now) and `search: false` are left out of the relevance too. Needs
python3-yaml; `compare` also needs node, chromium and the repository's
node_modules (puppeteer-core comes with lighthouse, see .ci/run).
"""
import argparse
import datetime as dt
import json
import os
import re
import subprocess
import sys
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


def cmd_compare(args):
    raise SystemExit("not yet")


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
    args = ap.parse_args()
    {"truth": cmd_truth, "compare": cmd_compare}[args.cmd](args)


if __name__ == "__main__":
    main()

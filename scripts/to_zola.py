#!/usr/bin/env python3
"""Convert a corpus written by ../shared/bench/gen_corpus.py into a Zola 0.22 site.

    scripts/to_zola.py CORPUS_DIR OUT_DIR [--force] [--shared DIR]
    zola --root OUT_DIR build --output-dir /tmp/out --force

The Zola counterpart of ../shared/bench/to_hugo.py (stdlib only, Python >=
3.11), rendering the same pages with equivalent minimal templates: every
article at /<section>/<yyyy>/<slug>/ (the URL of to_hugo.py's
content/<section>/<yyyy>/<slug>.md; Zola does not lower-case it, so IT stays
/IT/) with section link, title, subtitle lines, date (+09:00), reporter
link, body (fenced code highlighted with inline styles, theme `dracula`, as
Hugo's noClasses Chroma), tag links, a "관련 기사" list and the publisher
footer; one page per tag and per reporter (taxonomies `tags` and
`reporters`) plus the /tags/ and /reporters/ term indexes; section lists
paginated by 20 (/<section>/page/N/); a home page with the 30 newest
articles; /rss.xml (RSS 2.0, 50 newest, full content); Zola's built-in
sitemap.xml, robots.txt and 404.html.

One difference by default: term pages are paginated by 20 and every tag has
a feed (/tags/<term>/rss.xml, summaries), as byline does. --hugo-terms
gives to_hugo.py's terms instead: one unpaginated page per term, no term
feeds (the Zola site measured in ../shared/bench/README.md).

Zola layout (see ../shared/bench/README.md): Zola lists a page only in a
section whose directory has an `_index.md`, and renders a page that reaches
a section through `transparent` sections once per section. So the articles
are stored flat in content/<section>/<slug>.md (slugs are unique across the
corpus) and their URL is set with the `path` front matter key.

Zola has no related-content feature: the related list is approximated by
the `related-count` articles (5 for most) of the same section nearest in
date, chosen here and written to `extra.related`.

Files under CORPUS/static (the photos bench_corpus.py adds) are hard-linked
(or copied) into OUT/static.

Config written for Zola 0.22 (`generate_feeds`/`feed_filenames` since 0.19,
`[markdown.highlighting]` since 0.22); older releases do not highlight.
"""

import argparse
import os
import shutil
import sys

sys.dont_write_bytecode = True  # never write __pycache__ into the shared bench folder
HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(os.path.dirname(HERE), "..", "shared", "bench")

NAV_ORDER = ["국제", "경제", "정치", "IT", "사회", "문화", "스포츠", "오피니언"]
PER_PAGE = 20

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def q(s):
    """A TOML basic string: backslash, quote and control characters escaped."""
    out = ['"']
    for c in str(s):
        e = _ESCAPES.get(c)
        if e is not None:
            out.append(e)
        elif ord(c) < 0x20 or ord(c) == 0x7F:
            out.append("\\u%04X" % ord(c))
        else:
            out.append(c)
    out.append('"')
    return "".join(out)


def q_list(items):
    return "[" + ", ".join(q(x) for x in items) + "]"


def zola_config(site, sections, hugo_terms=False):
    if hugo_terms:  # like to_hugo.py: term pages list every article, no term feeds
        taxonomies = ['    {name = "tags"},', '    {name = "reporters"},']
    else:
        taxonomies = ['    {name = "tags", feed = true, paginate_by = %d},' % PER_PAGE,
                      '    {name = "reporters", paginate_by = %d},' % PER_PAGE]
    pub = site.get("publisher", {})
    lines = [
        "base_url = %s" % q(site["base_url"].rstrip("/")),
        "title = %s" % q(site["title"]),
        "description = %s" % q(site.get("description", "")),
        'default_language = "ko"',
        "compile_sass = false",
        "minify_html = false",
        "build_search_index = false",
        "generate_sitemap = true",
        "generate_robots_txt = true",
        "generate_feeds = true",
        'feed_filenames = ["rss.xml"]',
        "feed_limit = 50",
        "taxonomies = [",
        *taxonomies,
        "]",
        "",
        "[markdown]",
        "smart_punctuation = false",
        "",
        "# Zola 0.22: highlighting is on when a theme is set (Giallo replaced syntect;",
        "# the old [markdown] highlight_code/highlight_theme keys are gone).",
        "[markdown.highlighting]",
        'theme = "dracula"',
        'style = "inline"',
        "",
        "# keep Hangul and case in paths (section directories such as IT, 국제)",
        "[slugify]",
        'paths = "safe"',
        "",
        "[extra]",
        "sections = %s" % q_list(sections),
        "",
        "[extra.publisher]",
    ]
    for k, v in pub.items():
        lines.append("%s = %s" % (k, q(v)))
    return "\n".join(lines) + "\n"


TEMPLATES = {
    "base.html": """<!DOCTYPE html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{{ config.title }}{% endblock title %}</title>
<link rel="alternate" type="application/rss+xml" title="{{ config.title }}" href="{{ get_url(path="rss.xml") | safe }}">
</head>
<body>
<header><a class="brand" href="{{ config.base_url | safe }}/">{{ config.title }}</a>
<nav>{% for s in config.extra.sections %}<a href="{{ config.base_url | safe }}/{{ s }}/">{{ s }}</a> {% endfor %}</nav>
</header>
<main>
{% block main %}{% endblock main %}
</main>
{% set p = config.extra.publisher %}<footer>
<p>{{ p.name }} | 주소: {{ p.address }} | 전화: {{ p.phone }} | 팩스: {{ p.fax }}</p>
<p>등록번호: {{ p.registration_number }} | 등록일: {{ p.registration_date }} | 발행일: {{ p.first_published }}</p>
<p>발행인: {{ p.publisher }} | 편집인: {{ p.editor }} | 청소년보호책임자: {{ p.youth_protection_officer }}</p>
<p>{{ p.copyright }}</p>
</footer>
</body>
</html>
""",
    "macros.html": """{% macro item(page) %}<li><a href="{{ page.permalink | safe }}">{{ page.title }}</a> <span class="date">{{ page.date | date(format="%Y-%m-%d %H:%M") }}</span> <span class="reporter">{{ page.taxonomies.reporters | join(sep=", ") }}</span>{% if page.extra.subtitle %}<p>{{ page.extra.subtitle | first }}</p>{% endif %}</li>
{% endmacro item %}
{% macro pager(paginator) %}<nav class="pager">{% if paginator.previous %}<a href="{{ paginator.previous | safe }}">이전</a>{% endif %} {{ paginator.current_index }} / {{ paginator.number_pagers }} {% if paginator.next %}<a href="{{ paginator.next | safe }}">다음</a>{% endif %}</nav>
{% endmacro pager %}
""",
    "page.html": """{% extends "base.html" %}
{% block title %}{{ page.title }} | {{ config.title }}{% endblock title %}
{% block main %}<article>
<p class="section"><a href="{{ config.base_url | safe }}/{{ page.extra.section }}/">{{ page.extra.section }}</a></p>
<h1>{{ page.title }}</h1>
{% if page.extra.subtitle %}<div class="subtitle">{% for s in page.extra.subtitle %}<p>{{ s }}</p>{% endfor %}</div>{% endif %}
<p class="meta"><time datetime="{{ page.date | date(format="%Y-%m-%dT%H:%M:%S%:z") }}">{{ page.date | date(format="%Y-%m-%d %H:%M") }}</time>
{% for r in page.taxonomies.reporters %}<a class="reporter" href="{{ get_taxonomy_url(kind="reporters", name=r) | safe }}">{{ r }} 기자</a>{% endfor %}</p>
<div class="body">{{ page.content | safe }}</div>
{% if page.taxonomies.tags %}<ul class="tags">{% for t in page.taxonomies.tags %}<li><a href="{{ get_taxonomy_url(kind="tags", name=t) | safe }}">#{{ t }}</a></li>{% endfor %}</ul>{% endif %}
{# Zola has no related content (Hugo: .Site.RegularPages.Related on tags): to_zola.py approximates
   it with the related-count articles of the same section nearest in date, in extra.related. #}
{% if page.extra.related %}<section class="related"><h2>관련 기사</h2><ul>
{% for r in page.extra.related %}<li><a href="{{ config.base_url | safe }}{{ r.path | safe }}">{{ r.title }}</a> <time>{{ r.day }}</time></li>
{% endfor %}</ul></section>{% endif %}
</article>{% endblock main %}
""",
    "section.html": """{% extends "base.html" %}
{% import "macros.html" as m %}
{% block title %}{{ section.title }} | {{ config.title }}{% endblock title %}
{% block main %}<h1>{{ section.title }}</h1>
<ul class="list">
{% for page in paginator.pages %}{{ m::item(page=page) }}{% endfor %}
</ul>
{{ m::pager(paginator=paginator) }}{% endblock main %}
""",
    "index.html": """{% extends "base.html" %}
{% import "macros.html" as m %}
{% block main %}<h1>최신 기사</h1>
{# the root section has no pages of its own: merge the 30 newest of each section #}
{% set_global latest = [] %}{% for s in config.extra.sections %}{% set sec = get_section(path=s ~ "/_index.md") %}{% set top = sec.pages | slice(end=30) %}{% set_global latest = latest | concat(with=top) %}{% endfor %}
{% set latest = latest | sort(attribute="date") | reverse | slice(end=30) %}
<ul class="list">
{% for page in latest %}{{ m::item(page=page) }}{% endfor %}
</ul>
{% endblock main %}
""",
    "taxonomy_list.html": """{% extends "base.html" %}
{% block title %}{{ taxonomy.name }} | {{ config.title }}{% endblock title %}
{% block main %}<h1>{{ taxonomy.name }}</h1>
<ul class="terms">
{% for t in terms %}<li><a href="{{ t.permalink | safe }}">{{ t.name }}</a> ({{ t.page_count }})</li>
{% endfor %}</ul>
{% endblock main %}
""",
    "taxonomy_single.html": """{% extends "base.html" %}
{% import "macros.html" as m %}
{% block title %}{{ term.name }} | {{ config.title }}{% endblock title %}
{% block main %}<h1>#{{ term.name }}</h1>
<p>{{ term.page_count }}건</p>
<ul class="list">
{% if paginator is defined %}{% for page in paginator.pages %}{{ m::item(page=page) }}{% endfor %}{% else %}{% for page in term.pages %}{{ m::item(page=page) }}{% endfor %}{% endif %}
</ul>
{% if paginator is defined %}{{ m::pager(paginator=paginator) }}{% endif %}{% endblock main %}
""",
    # Site feed (/rss.xml) and, as feed = true on tags, one per tag (/tags/<term>/rss.xml):
    # full content in the site feed, a text summary in tag feeds (as byline's term feeds).
    "rss.xml": """<?xml version="1.0" encoding="utf-8" standalone="yes"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>{{ config.title }}{% if term is defined %} - {{ term.name }}{% endif %}</title>
<link>{{ config.base_url | safe }}/</link>
<description>{{ config.description }}</description>
<language>ko</language>
<lastBuildDate>{{ last_updated | date(format="%a, %d %b %Y %H:%M:%S %z") }}</lastBuildDate>
<atom:link href="{{ feed_url | safe }}" rel="self" type="application/rss+xml"/>
{% for page in pages %}<item>
<title>{{ page.title }}</title>
<link>{{ page.permalink | safe }}</link>
<pubDate>{{ page.date | date(format="%a, %d %b %Y %H:%M:%S %z") }}</pubDate>
<author>{{ page.taxonomies.reporters | join(sep=", ") }}</author>
<guid>{{ page.permalink | safe }}</guid>
<description>{% if term is defined %}{{ page.content | striptags | truncate(length=300) }}{% else %}{{ page.content }}{% endif %}</description>
</item>
{% endfor %}</channel>
</rss>
""",
}


def article_path(section, year, slug):
    """The article's URL path: that of to_hugo.py's content/<section>/<yyyy>/<slug>.md."""
    return "/%s/%s/%s/" % (section, year, slug)


def related_lists(index):
    """For each article key, its related-count neighbours in its section by date.

    index: {key: (section, iso_date, title, path, count)}. The neighbours are
    the next older articles of the section, wrapping round to the newest.
    """
    by_section = {}
    for key, (section, date, _, _, _) in index.items():
        by_section.setdefault(section, []).append((date, key))
    out = {}
    for items in by_section.values():
        items.sort(reverse=True)  # newest first, ties by key
        keys = [k for _, k in items]
        for i, key in enumerate(keys):
            n = min(index[key][4], len(keys) - 1)
            out[key] = [keys[(i + j) % len(keys)] for j in range(1, n + 1)]
    return out


def front_matter(meta, date, section, path, related, index):
    lines = [
        "+++",
        "title = " + q(meta["title"]),
        "date = " + date,  # a TOML offset date-time, e.g. 2023-11-20T19:02:01+09:00
        "path = " + q(path),
        "",
        "[taxonomies]",
        "tags = " + q_list(meta["tags"]),
        "reporters = " + q_list([meta["reporter"]]),
        "",
        "[extra]",
        "section = " + q(section),
        "subtitle = " + q_list(meta["subtitle"]),
        "related_count = %d" % meta["related-count"],
        "related = [",
    ]
    for key in related:
        _, rdate, rtitle, rpath, _ = index[key]
        lines.append("    {title = %s, path = %s, day = %s}," % (q(rtitle), q(rpath), q(rdate[:10])))
    lines += ["]", "+++"]
    return "\n".join(lines) + "\n\n"


def link_tree(src, dst):
    """Hard-links (or copies, across file systems) every file of src into dst."""
    n = 0
    for dirpath, _, files in os.walk(src):
        target_dir = os.path.join(dst, os.path.relpath(dirpath, src))
        os.makedirs(target_dir, exist_ok=True)
        for name in files:
            s, d = os.path.join(dirpath, name), os.path.join(target_dir, name)
            if os.path.exists(d):
                continue
            try:
                os.link(s, d)
            except OSError:
                shutil.copyfile(s, d)
            n += 1
    return n


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("out")
    ap.add_argument("--force", action="store_true", help="replace OUT if it exists")
    ap.add_argument("--hugo-terms", action="store_true",
                    help="tag and reporter pages unpaginated and no tag feeds, as in to_hugo.py's site")
    ap.add_argument("--shared", default=SHARED, help="the bench folder with corpus_fm.py (default: %(default)s)")
    args = ap.parse_args(argv)
    sys.path.insert(0, os.path.abspath(args.shared))
    import corpus_fm as cf  # noqa: E402

    site = cf.load_site(args.corpus)
    tz = site.get("timezone", "Asia/Seoul")
    secs = cf.sections_in(args.corpus)
    secs = [s for s in NAV_ORDER if s in secs] + [s for s in secs if s not in NAV_ORDER]

    # pass 1: metadata only (the related lists need every article of a section)
    index = {}
    for section, year, slug, meta, _ in cf.iter_articles(args.corpus):
        key = (section, slug)
        if key in index:
            raise SystemExit("duplicate slug %s in section %s" % (slug, section))
        index[key] = (section, cf.iso_with_offset(meta["date"], tz), meta["title"],
                      article_path(section, year, slug), meta["related-count"])
    paths = [v[3] for v in index.values()]
    if len(set(paths)) != len(paths):
        raise SystemExit("two articles would share a path")
    related = related_lists(index)

    cf.prepare_out(args.out, args.force)
    cf.write(os.path.join(args.out, "config.toml"), zola_config(site, secs, args.hugo_terms))
    for rel, text in TEMPLATES.items():
        cf.write(os.path.join(args.out, "templates", rel), text)
    cf.write(os.path.join(args.out, "content", "_index.md"), "+++\ntitle = %s\n+++\n" % q(site["title"]))
    for s in secs:
        cf.write(os.path.join(args.out, "content", s, "_index.md"),
                 '+++\ntitle = %s\nsort_by = "date"\npaginate_by = %d\n+++\n' % (q(s), PER_PAGE))

    # pass 2: the articles, flat in content/<section>/
    n = shortcode_like = 0
    for section, year, slug, meta, body in cf.iter_articles(args.corpus):
        key = (section, slug)
        _, date, _, path, _ = index[key]
        if "{{" in body or "{%" in body:
            shortcode_like += 1
        cf.write(os.path.join(args.out, "content", section, slug + ".md"),
                 front_matter(meta, date, section, path, related[key], index) + body)
        n += 1
    if shortcode_like:
        print("warning: %d bodies contain {{ or {%% (Zola reads them as shortcodes)" % shortcode_like,
              file=sys.stderr)

    static = os.path.join(args.corpus, "static")
    linked = link_tree(static, os.path.join(args.out, "static")) if os.path.isdir(static) else 0
    print("zola site with %d articles written to %s%s" % (n, args.out,
          " (%d static files linked)" % linked if linked else ""))


if __name__ == "__main__":
    main()

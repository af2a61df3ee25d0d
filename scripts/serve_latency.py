#!/usr/bin/env python3
"""Times `byline serve --watch`: from saving a file to the reload event.

    scripts/serve_latency.py CORPUS_DIR [--runs 20] [--byline target/release/byline]

Copies the corpus to a temporary directory, starts `byline serve --watch
--port 0` on it, listens to the live-reload events like a browser, then for
each kind of edit saves a file and measures the time until the event
arrives. Prints the median and the number of files each rebuild rewrote
(from the server's own log line). Standard library only.
"""
import argparse
import os
import queue
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time


def listen(address, events):
    host, port = address.split(":")
    sock = socket.create_connection((host, int(port)))
    sock.sendall(f"GET /__byline/events HTTP/1.1\r\nHost: {address}\r\nAccept: text/event-stream\r\n\r\n".encode())
    buf = b""
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return
        buf += chunk
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            if line.startswith(b"data:"):
                events.put((time.perf_counter(), line[5:].strip().decode()))


def run(corpus, runs, byline, kinds=("body", "title", "template", "stylesheet")):
    """Starts serve on a copy of `corpus` and prints latency per kind of edit."""
    work = tempfile.mkdtemp(prefix="byline-serve-bench-")
    site = os.path.join(work, "site")
    shutil.copytree(corpus, site)
    articles = sorted(
        os.path.join(dp, f) for dp, _, fs in os.walk(os.path.join(site, "content")) for f in fs if f.endswith(".md")
    )
    started = time.perf_counter()
    proc = subprocess.Popen(
        [byline, "serve", "--watch", "--port", "0", "--root", site],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1,
    )
    log = queue.Queue()
    url = None
    for line in proc.stdout:
        m = re.search(r"http://(\S+?)/", line)
        if m:
            url = m.group(1)
            break
    if url is None:
        sys.exit("serve did not start: " + proc.stderr.read())
    print(f"  serve: {len(articles)} articles built and served in {time.perf_counter() - started:.2f} s")
    threading.Thread(target=lambda: [log.put(l) for l in proc.stdout], daemon=True).start()
    events = queue.Queue()
    threading.Thread(target=listen, args=(url, events), daemon=True).start()
    time.sleep(0.5)

    def measure(kind, edit, count, expect="reload"):
        latencies, written, rebuilds = [], [], []
        for i in range(count):
            time.sleep(0.25)
            while not events.empty():
                events.get_nowait()
            while not log.empty():
                log.get_nowait()
            t0 = time.perf_counter()
            edit(i)
            while True:
                t1, data = events.get(timeout=60)
                if f'"type":"{expect}"' in data:
                    break
            latencies.append((t1 - t0) * 1000)
            line = log.get(timeout=5)
            m = re.search(r"rebuilt in ([\d.]+) ms: (\d+) files written", line)
            rebuilds.append(float(m.group(1)) if m else -1)
            written.append(int(m.group(2)) if m else -1)
        print(f"  {kind:<12} save->event median {statistics.median(latencies):7.1f} ms "
              f"(min {min(latencies):.1f}, max {max(latencies):.1f}); rebuild {statistics.median(rebuilds):.1f} ms; "
              f"files rewritten: median {statistics.median(written):.0f}, max {max(written)}")

    def body_edit(i):
        path = articles[(i * 7919) % len(articles)]
        with open(path, "a", encoding="utf-8") as f:
            f.write(f"\n덧붙인 문단 {i}.\n")

    def title_edit(i):
        path = articles[(i * 104729) % len(articles)]
        with open(path, encoding="utf-8") as f:
            text = f.read()
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace('title: "', f'title: "[수정{i}] ', 1))

    os.makedirs(os.path.join(site, "templates", "partials"), exist_ok=True)
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "templates", "partials", "footer.html"),
              encoding="utf-8") as f:
        footer_text = f.read()

    def template_edit(i):
        with open(os.path.join(site, "templates", "partials", "footer.html"), "w", encoding="utf-8") as f:
            f.write(footer_text.replace("</footer>", f"<!-- edit {i} --></footer>"))

    def css_edit(i):
        with open(os.path.join(site, "templates", "style.css"), "w", encoding="utf-8") as f:
            f.write(f"body {{ margin: {i}px; }}\n")

    if "body" in kinds:
        measure("body edit", body_edit, runs)
    if "title" in kinds:
        measure("title edit", title_edit, runs)
    if "template" in kinds:
        measure("template", template_edit, min(runs, 5))
    if "stylesheet" in kinds:
        measure("stylesheet", css_edit, min(runs, 5), expect="css")
    proc.terminate()
    proc.wait()
    shutil.rmtree(work, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--byline", default=os.path.join(os.path.dirname(__file__), "..", "target", "release", "byline"))
    args = ap.parse_args()
    run(args.corpus, args.runs, args.byline)


if __name__ == "__main__":
    main()

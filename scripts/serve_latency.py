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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--byline", default=os.path.join(os.path.dirname(__file__), "..", "target", "release", "byline"))
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="byline-serve-bench-")
    site = os.path.join(work, "site")
    shutil.copytree(args.corpus, site)
    articles = sorted(
        os.path.join(dp, f) for dp, _, fs in os.walk(os.path.join(site, "content")) for f in fs if f.endswith(".md")
    )
    started = time.perf_counter()
    proc = subprocess.Popen(
        [args.byline, "serve", "--watch", "--port", "0", "--root", site],
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
    print(f"{len(articles)} articles, initial build and start: {time.perf_counter() - started:.2f} s")
    threading.Thread(target=lambda: [log.put(l) for l in proc.stdout], daemon=True).start()
    events = queue.Queue()
    threading.Thread(target=listen, args=(url, events), daemon=True).start()
    time.sleep(0.5)

    def measure(kind, edit, expect="reload"):
        latencies, written = [], []
        for i in range(args.runs):
            time.sleep(0.25)
            while not events.empty():
                events.get_nowait()
            while not log.empty():
                log.get_nowait()
            t0 = time.perf_counter()
            edit(i)
            while True:
                t1, data = events.get(timeout=30)
                if f'"type":"{expect}"' in data:
                    break
            latencies.append((t1 - t0) * 1000)
            line = log.get(timeout=5)
            m = re.search(r"rebuilt in ([\d.]+) ms: (\d+) files written", line)
            written.append(int(m.group(2)) if m else -1)
        print(f"{kind:<28} median {statistics.median(latencies):7.1f} ms  (min {min(latencies):.1f}, max {max(latencies):.1f});"
              f" files rewritten: median {statistics.median(written):.0f}, max {max(written)}")

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
    footer = os.path.join(os.path.dirname(__file__), "..", "templates", "partials", "footer.html")
    with open(footer, encoding="utf-8") as f:
        footer_text = f.read()

    def template_edit(i):
        with open(os.path.join(site, "templates", "partials", "footer.html"), "w", encoding="utf-8") as f:
            f.write(footer_text.replace("</footer>", f"<!-- edit {i} --></footer>"))

    def css_edit(i):
        with open(os.path.join(site, "templates", "style.css"), "w", encoding="utf-8") as f:
            f.write(f"body {{ margin: {i}px; }}\n")

    measure("article body (save->event)", body_edit)
    measure("article title (save->event)", title_edit)
    runs = args.runs
    args.runs = min(runs, 5)
    measure("template (save->event)", template_edit)
    measure("stylesheet (save->event)", css_edit, expect="css")
    proc.terminate()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

#!/usr/bin/env bash
# Screenshots of the example site for the README, with headless Chromium:
# the front page and an article, on a desktop screen and on a phone.
#   scripts/screenshots.sh            (needs chromium, python3, fonts-noto-cjk;
#                                      pngquant makes the files small if installed)
set -euo pipefail
cd "$(dirname "$0")/.."
out=docs/screenshots
port=${PORT:-8799}
site=$(mktemp -d)
trap 'kill "$server" 2>/dev/null; rm -rf "$site"' EXIT
cargo run --quiet --release -- build --output "$site/public" --base-url "http://127.0.0.1:$port/" >/dev/null
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$site/public" >/dev/null 2>&1 &
server=$!
sleep 1
shot() { # name width height path
  chromium --headless=new --no-sandbox --disable-gpu --no-first-run --hide-scrollbars \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$site/profile" --window-size="$2,$3" \
    --screenshot="$out/$1.png" "http://127.0.0.1:$port$4" >/dev/null 2>&1
  if command -v pngquant >/dev/null; then pngquant --force --quality 60-85 --output "$out/$1.png" "$out/$1.png"; fi
}
mkdir -p "$out"
shot front-desktop 1280 1100 /
shot front-mobile 390 1200 /
shot article-desktop 1280 1100 /it/altman-joins-microsoft/
shot article-mobile 390 1200 /it/altman-joins-microsoft/
ls -l "$out"

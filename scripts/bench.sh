#!/usr/bin/env bash
# byline against Hugo on the synthetic news corpus; see scripts/bench.py.
#   scripts/bench.sh [--sizes 1000 10000 50000] [--runs 5] [--out-dir DIR]
exec python3 "$(dirname "$0")/bench.py" "$@"

#!/usr/bin/env bash
# Times `byline build` on the synthetic news corpus of ../shared/bench.
#
#   scripts/bench.sh [ARTICLES...]        default: 10000
#
# For each size: generates the corpus once (cached under $BENCH_DIR), then
# runs a warm-up and $RUNS timed clean builds (the previous output is deleted
# and flushed with sync outside the timed command) and prints the median wall time, CPU time and
# peak RSS (from /usr/bin/time -v), plus the output's file count and bytes.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED_DIR:-$here/../shared}
bench_dir=${BENCH_DIR:-/tmp/byline-bench}
runs=${RUNS:-5}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000)

[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
cargo build --release --quiet --manifest-path "$here/Cargo.toml"
byline=$here/target/release/byline
mkdir -p "$bench_dir"

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m}'; }

printf '%-8s %10s %10s %12s %8s %10s\n' articles "wall s" "cpu s" "peak MiB" files MB
for n in "${sizes[@]}"; do
  corpus=$bench_dir/corpus-$n
  if [ ! -f "$corpus/site.toml" ]; then
    python3 "$shared/bench/gen_corpus.py" --articles "$n" --out "$corpus" >/dev/null
  fi
  out=$bench_dir/out-$n
  walls=(); cpus=(); rss=()
  for i in $(seq 0 "$runs"); do
    rm -rf "$out"
    sync   # flush the previous run's writes so they do not throttle this one
    log=$(mktemp)
    /usr/bin/time -v "$byline" build --root "$corpus" --output "$out" >/dev/null 2>"$log"
    if [ "$i" -gt 0 ]; then   # run 0 is the warm-up
      wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(k=1;k<=n;k++) s=s*60+t[k]; print s}' "$log")
      cpu=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {print u+s}' "$log")
      kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
      walls+=("$wall"); cpus+=("$cpu"); rss+=("$kb")
    fi
    rm -f "$log"
  done
  files=$(find "$out" -type f | wc -l)
  bytes=$(du -sb "$out" | cut -f1)
  printf '%-8s %10s %10s %12s %8s %10.1f\n' "$n" \
    "$(printf '%s\n' "${walls[@]}" | median)" \
    "$(printf '%s\n' "${cpus[@]}" | median)" \
    "$(printf '%s\n' "${rss[@]}" | median | awk '{printf "%.0f", $1/1024}')" \
    "$files" "$(echo "$bytes" | awk '{print $1/1e6}')"
done

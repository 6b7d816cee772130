#!/bin/bash
# quantity.sh — throughput of the quantity normaliser (issue #3) on one core.
# Builds ≥ 50 MB of article-like text from the sample articles' bodies, then times
# quantity_scan() over it with build/bench_quantity. Run by `make bench` from the repo root.
# QUANTITY_BENCH_MB sets the size (default 64); the target is 50 MB/s.
set -euo pipefail
make --no-print-directory -s build/bench_quantity
mb=${QUANTITY_BENCH_MB:-64}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The body: after the front matter, without the crawl trailer.
for f in examples/articles/*.txt; do
  awk 'n>=2 && !/^\*(Crawled at|Source):/ {print} /^---$/ {n++}' "$f"
done > "$tmp/seed.txt"
seed_bytes=$(wc -c < "$tmp/seed.txt")
copies=$(( (mb * 1000000 + seed_bytes - 1) / seed_bytes ))
for ((i = 0; i < copies; i++)); do cat "$tmp/seed.txt"; done > "$tmp/corpus.txt"
taskset -c 0 ./build/bench_quantity "$tmp/corpus.txt" 3 2>/dev/null \
  || ./build/bench_quantity "$tmp/corpus.txt" 3

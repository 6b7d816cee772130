#!/bin/bash
# quantity.sh — throughput of the quantity normaliser on one core.
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
# Double the text until it is big enough (a few cat calls, not thousands).
cp "$tmp/seed.txt" "$tmp/corpus.txt"
while [ "$(wc -c < "$tmp/corpus.txt")" -lt $((mb * 1000000)) ]; do
  cat "$tmp/corpus.txt" "$tmp/corpus.txt" > "$tmp/next.txt"
  mv "$tmp/next.txt" "$tmp/corpus.txt"
done
taskset -c 0 ./build/bench_quantity "$tmp/corpus.txt" 3 2>/dev/null \
  || ./build/bench_quantity "$tmp/corpus.txt" 3

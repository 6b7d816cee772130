#!/bin/bash
# The whole run on the five samples (parse → table → CSVs → PDF), as the analyst runs it:
# wall time per run over 20 runs (median and best). Aim: under 100 ms.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
times=()
for i in $(seq 1 20); do
  start=$(date +%s%N)
  build/exporter build --out "$tmp/out" examples/articles
  times+=($(( ($(date +%s%N) - start) / 1000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
awk -v med="${sorted[10]}" -v best="${sorted[0]}" 'BEGIN {
  printf "pipeline: 5 sample articles -> CSVs + PDF: median %.1f ms, best %.1f ms (20 runs)\n", med / 1000, best / 1000 }'

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
# CPU time per run (user + sys of this shell's children, over 20 more runs with nothing else
# forked), so a loaded machine's queueing does not hide what the run itself costs.
secs() { awk 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/);
                       printf "%.6f", u[1] * 60 + u[2] + s[1] * 60 + s[2] }' "$1"; }
times >"$tmp/t0"
for i in $(seq 1 20); do
  build/exporter build --out "$tmp/out" examples/articles
done
times >"$tmp/t1"
cpu=$(awk -v a="$(secs "$tmp/t0")" -v b="$(secs "$tmp/t1")" 'BEGIN { print (b - a) * 1000 / 20 }')
awk -v med="${sorted[10]}" -v best="${sorted[0]}" -v cpu="$cpu" 'BEGIN {
  printf "pipeline: 5 sample articles -> CSVs + PDF: median %.1f ms, best %.1f ms wall; %.1f ms CPU per run (20 runs)\n", med / 1000, best / 1000, cpu }'

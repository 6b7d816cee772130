#!/bin/bash
# Extraction at scale: 20,000 synthetic articles made from the samples (distinct ids, urls,
# dates; paragraphs rotated so entity order varies) through parse → extract → CSV, streaming
# (memory holds the merged table, not the corpus). Aim: over 20 MB/s, peak RSS under 100 MB.
set -eu
N=${EXTRACT_BENCH_ARTICLES:-20000}
make -s build/bench/extract_bench
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 tests/tools/gen_corpus.py examples/articles "$tmp/corpus" "$N"
mkdir -p "$tmp/out"
build/bench/extract_bench templates/sovereign-ai.yaml "$tmp/corpus" "$tmp/out"

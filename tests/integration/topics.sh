#!/bin/bash
# topics.sh — every case in tests/cases/ that has a gold.csv is built with its own template
# and scored cell by cell against the gold (topic_score.py prints exact, precision, recall and
# each failing cell). A case passes when its exact-cell score reaches tests/cases/<case>/min_score,
# a ratchet raised as extraction improves. The same scorer run on a blanked table (what a run
# that extracted nothing prints) must fail, so the ratchet notices extraction switched off.
# Run from anywhere with EXPORTER set to the binary under test.
set -euo pipefail
cd "$(dirname "$0")/../.."
EXPORTER=${EXPORTER:-build/exporter}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
cases=0
for dir in tests/cases/*/; do
  dir=${dir%/}
  [ -f "$dir/gold.csv" ] || continue
  name=${dir##*/}
  cases=$((cases + 1))
  [ -f "$dir/min_score" ] || { echo "topics.sh: $dir has gold.csv but no min_score"; status=1; continue; }
  if ! "$EXPORTER" build --formats csv --template "$dir/template.yaml" --out "$tmp/$name" \
       "$dir/articles" 2>"$tmp/$name.err"; then
    echo "topics.sh: FAIL: $name: build failed"; cat "$tmp/$name.err"; status=1; continue
  fi
  [ -s "$tmp/$name.err" ] && { echo "topics.sh: FAIL: $name: the build printed:"; cat "$tmp/$name.err"; status=1; }
  python3 tests/integration/topic_score.py "$dir" "$tmp/$name" || status=1
  if python3 tests/integration/topic_score.py "$dir" "$tmp/$name" --empty >/dev/null; then
    echo "topics.sh: FAIL: $name: an empty table passes its min_score"; status=1
  fi
done
[ "$cases" -ge 3 ] || { echo "topics.sh: FAIL: only $cases scored cases"; status=1; }
[ "$status" -eq 0 ] && echo "topics: $cases cases at or above their min_score"
exit "$status"

#!/bin/bash
# golden.sh — what the product prints on the sample articles, pinned. Builds the five sample
# articles with the bundled template and compares comparison.csv with
# tests/golden/sample/comparison.csv, cell by cell (golden_diff.py names each changed cell).
# A difference fails: either the change is a regression, or it is an improvement and the
# golden file is regenerated deliberately, in the same commit, with
#     UPDATE_GOLDEN=1 bash tests/integration/golden.sh
# and the diff reviewed (git diff tests/golden/). Run with EXPORTER set to the binary under test.
set -euo pipefail
cd "$(dirname "$0")/../.."
EXPORTER=${EXPORTER:-build/exporter}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
golden=tests/golden/sample/comparison.csv

"$EXPORTER" build --formats csv --out "$tmp/out" examples/articles
if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
  cp "$tmp/out/comparison.csv" "$golden"
  echo "golden.sh: wrote $golden — review it with git diff before committing"
  exit 0
fi
[ -f "$golden" ] || { echo "golden.sh: FAIL: no $golden (UPDATE_GOLDEN=1 writes it)"; exit 1; }
if ! python3 tests/integration/golden_diff.py "$golden" "$tmp/out/comparison.csv"; then
  echo "golden.sh: FAIL: the sample's comparison.csv differs from $golden (above)."
  echo "If the change is intended: UPDATE_GOLDEN=1 bash tests/integration/golden.sh, review, commit."
  exit 1
fi
echo "golden: the sample's comparison.csv matches $golden"

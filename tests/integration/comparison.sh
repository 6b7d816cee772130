#!/bin/bash
# End to end through the CLI: comparison.csv and facts.csv for the five samples (the cells
# the product asks for), the second topic with its own template, and a bad template (exit 78 with
# file:line:col). Run by make test with EXPORTER=build/asan/exporter.
set -eu
EXPORTER=${EXPORTER:-build/exporter}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$EXPORTER" build --out "$tmp/out" examples/articles
python3 tests/integration/check_comparison.py sovereign "$tmp/out"

"$EXPORTER" build --template tests/cases/battery/template.yaml --out "$tmp/battery" \
  tests/cases/battery/articles
python3 tests/integration/check_comparison.py battery "$tmp/battery"

printf 'template: t\nentities:\n  - {id: a, name: 가나}\ncolumns:\n  - id: x\n    type: number\n' \
  > "$tmp/bad.yaml"
set +e
"$EXPORTER" build --template "$tmp/bad.yaml" --out "$tmp/bad" examples/articles 2> "$tmp/err"
rc=$?
set -e
[ "$rc" -eq 78 ] || { echo "bad template: exit $rc, expected 78"; cat "$tmp/err"; exit 1; }
grep -q "bad.yaml:6:11: error: unknown column type 'number'" "$tmp/err" \
  || { echo "bad template: unexpected message"; cat "$tmp/err"; exit 1; }
[ ! -e "$tmp/bad/comparison.csv" ] || { echo "bad template: output written"; exit 1; }
echo "comparison: ok"

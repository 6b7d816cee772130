#!/bin/bash
# topic_walkthrough.sh — templates/README.md's walkthrough still works: the minimal template
# of its step 1 and the finished one (tests/cases/energy/walkthrough.yaml) pass `check`, and
# the comparison rows they print are the ones the README shows. Run with EXPORTER set to the
# binary under test.
set -euo pipefail
cd "$(dirname "$0")/../.."
EXPORTER=${EXPORTER:-build/exporter}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
readme=templates/README.md
articles=tests/cases/energy/articles
fail() { echo "topic_walkthrough.sh: FAIL: $*"; exit 1; }

# Step 1's template, cut from the README itself (the first yaml block of the walkthrough).
awk '/^### 1\. /{on=1} on && /^```yaml$/{inb=1; next} inb && /^```$/{exit} inb{print}' "$readme" \
  >"$tmp/step1.yaml"
grep -q '^template: gencos$' "$tmp/step1.yaml" || fail "no step-1 template in $readme"

# Step 1's check report, as the README shows it (run where the README's reader runs it).
exporter_abs=$(cd "$(dirname "$EXPORTER")" && pwd)/$(basename "$EXPORTER")
repo=$(pwd)
cp "$tmp/step1.yaml" "$tmp/my.yaml"
(cd "$tmp" && "$exporter_abs" check --template my.yaml "$repo/$articles") >"$tmp/report" \
  || fail "check of step 1"
while IFS= read -r line; do
  grep -qxF "    $line" "$readme" || fail "step 1's check prints a line the README does not show: $line"
done <"$tmp/report"

for t in "$tmp/step1.yaml" tests/cases/energy/walkthrough.yaml; do
  "$EXPORTER" check -q --template "$t" "$articles" 2>"$tmp/err" || { cat "$tmp/err"; fail "check $t"; }
  [ -s "$tmp/err" ] && { cat "$tmp/err"; fail "check $t printed something"; }
  out="$tmp/out_$(basename "$t" .yaml)"
  "$EXPORTER" build --formats csv --template "$t" --out "$out" "$articles"
  # every data row of comparison.csv appears, indented, in the README
  tail -n +2 "$out/comparison.csv" | tr -d '\r' | while IFS= read -r row; do
    grep -qxF "    $row" "$readme" || fail "$t prints a row the README does not show: $row"
  done
done
# Step 8's claims about the briefing of the finished template.
"$EXPORTER" build --formats pdf --template tests/cases/energy/walkthrough.yaml --out "$tmp/pdf" "$articles"
pdftotext "$tmp/pdf/briefing.pdf" "$tmp/text"
flat=$(tr -s ' \n' '  ' <"$tmp/text")
for claim in '영업이익/매출: 한국수력원자력 15%, 한국남동발전 4%, 한국중부발전 -2.2%' \
             '비교 회사 3개사' '(최신 보도 기준)' '매출 최대는 한국수력원자력(3조 2,410억 원)'; do
  case "$flat" in *"$claim"*) ;; *) fail "the briefing does not print: $claim";; esac
  grep -qF "$claim" "$readme" || fail "the README no longer quotes: $claim"
done
echo "topic_walkthrough: the README's step-1 and finished templates print what it shows"

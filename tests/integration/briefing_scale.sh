#!/bin/bash
# briefing_scale.sh — a briefing stays a briefing at any scale: on a generated corpus of 400
# articles it keeps the sample's page count (the sources list the cited articles, the others
# are counted per publisher; citations print as ranges and "외 N건", never one mark per
# article). Asserts pages and content, never time.
# Run from the repository root with EXPORTER set to the binary under test.
set -euo pipefail
cd "$(dirname "$0")/../.."
EXPORTER=${EXPORTER:-build/exporter}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "briefing_scale.sh: FAIL: $*" >&2; exit 1; }
N=400
PAGES_MAX=8   # the five samples give 5 pages; listing every source would need about 20

python3 tests/tools/gen_corpus.py examples/articles "$tmp/corpus" $N
"$EXPORTER" build --formats pdf --out "$tmp/out" "$tmp/corpus" 2>"$tmp/err" \
    || { cat "$tmp/err"; fail "build failed"; }
pdf="$tmp/out/briefing.pdf"
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
[ "$pages" -le $PAGES_MAX ] || fail "$pages pages for $N articles (at most $PAGES_MAX)"
pdftotext "$pdf" "$tmp/t.txt"
flat=$(tr -d '\n' <"$tmp/t.txt")
# the article count is printed with a thousands separator when it has one, and is complete
grep -q "수집 기사 *$N건" "$tmp/t.txt" || fail "article count"
# the uncited articles are counted, per publisher
grep -q '그 밖의 기사 [0-9,]*건(인용하지 않음)' "$tmp/t.txt" || fail "uncited articles not counted"
# a row named by every article cites a few and counts the rest
echo "$flat" | grep -q '외 [0-9,]*건' || fail "no '외 N건' for a long citation run"
listed=$(grep -c '^\[[0-9]*\]' "$tmp/t.txt" || true)
[ "$listed" -lt 60 ] || fail "$listed sources listed for $N articles"
echo "briefing_scale.sh: ok ($N articles, $pages pages, $listed sources listed)" >&2

#!/bin/bash
# pdf_size.sh — the sample briefing's size budget.
#
# The briefing `make run` writes from examples/articles with the bundled template must stay
# within BUDGET bytes, with the same fonts embedded as subsets (NanumGothic and its bold, each
# with a ToUnicode map), qpdf --check clean. The size is deterministic (no clock, no
# randomness), so this is an exact guard, not a timing. The budget is a ratchet: lower it when
# the writer gets smaller; raise it only for new content, saying what the content is.
# On failure the per-kind breakdown (pdf_sizes.py) shows where the bytes went.
# Run from the repository root with EXPORTER set to the binary under test.
set -euo pipefail
cd "$(dirname "$0")/../.."
EXPORTER=${EXPORTER:-build/exporter}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "pdf_size.sh: FAIL: $*" >&2; python3 tests/integration/pdf_sizes.py "$pdf" >&2 || true; exit 1; }

# Font programs ~57 KB (the glyph outlines alone), page contents ~15 KB, structure tree and
# annotations ~14 KB: see the writer's notes in typeset/pdf_pack.h and pdf_out.h.
# +8.4 KB for the weekly sections the bundled template lists (measured on the sample, each
# section left out in turn: conflicts 5.3 KB — four disagreeing cells, each value beside its
# sentence, and the internal contradictions; coverage 1.9 KB — the entity × publisher table;
# changes 0.5 KB and trend 0.3 KB — one line each with no earlier week in the archive).
BUDGET=96800

pdf="$tmp/out/briefing.pdf"
"$EXPORTER" build --out "$tmp/out" examples/articles 2>"$tmp/err" || { cat "$tmp/err"; fail "build"; }

qpdf --check "$pdf" >"$tmp/qpdf" 2>&1 || { cat "$tmp/qpdf"; fail "qpdf --check"; }
grep -qi '^WARNING' "$tmp/qpdf" && { cat "$tmp/qpdf"; fail "qpdf warnings"; }

# Same fonts: both Nanum faces, embedded, subset (tagged name), with a ToUnicode map.
pdffonts "$pdf" >"$tmp/fonts"
for face in NanumGothic NanumGothicBold; do
  grep -Eq "^[A-Z]{6}\+$face(,Bold)? +CID TrueType +Identity-H +yes +yes +yes " "$tmp/fonts" \
    || { cat "$tmp/fonts"; fail "$face not embedded as a subset with ToUnicode"; }
done
[ "$(tail -n +3 "$tmp/fonts" | wc -l)" -eq 2 ] || { cat "$tmp/fonts"; fail "not exactly two fonts"; }

size=$(stat -c %s "$pdf")
[ "$size" -le "$BUDGET" ] || fail "briefing.pdf is $size bytes (budget $BUDGET)"
echo "pdf_size.sh: ok (briefing $size bytes, budget $BUDGET)"

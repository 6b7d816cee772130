#!/bin/bash
# tagged_pdf.sh — the briefing and the engine's sample document as tagged, compact PDF.
#
# check_tags.py walks each file's structure tree through qpdf's JSON dump (every MCID reached
# once, roles as the BDC tags say, ParentTree and link OBJRs consistent, Figure /Alt, TH
# /Scope, page numbers as artifacts, /Lang, /MarkInfo, DisplayDocTitle, XMP). Also: PDF 1.5
# with an xref stream and object streams, qpdf --check clean, text still extractable, and the
# first page without the running header. The briefing's size budget is pdf_size.sh's.
# Run from the repository root with EXPORTER set to the binary under test.
set -euo pipefail
cd "$(dirname "$0")/../.."
EXPORTER=${EXPORTER:-build/exporter}
make -s build/typeset_sample >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "tagged_pdf.sh: FAIL: $*" >&2; exit 1; }

"$EXPORTER" build --out "$tmp/out" examples/articles 2>"$tmp/err" || { cat "$tmp/err"; fail "build"; }
pdf="$tmp/out/briefing.pdf"
./build/typeset_sample "$tmp/s.pdf" 2>/dev/null || fail "typeset_sample"

for f in "$pdf" "$tmp/s.pdf"; do
  qpdf --check "$f" >"$tmp/qpdf" 2>&1 || { cat "$tmp/qpdf"; fail "qpdf --check $f"; }
  grep -qi '^WARNING' "$tmp/qpdf" && { cat "$tmp/qpdf"; fail "qpdf warnings on $f"; }
  head -c 8 "$f" | grep -q '%PDF-1.5' || fail "$f is not PDF 1.5"
  qpdf --show-xref "$f" >"$tmp/xref"
  grep -q "compressed; stream" "$tmp/xref" || fail "$f has no object streams"
  pdftotext "$f" "$tmp/text" 2>"$tmp/poppler.err"
  grep -q . "$tmp/text" || fail "no text in $f"
  [ -s "$tmp/poppler.err" ] && { cat "$tmp/poppler.err"; fail "poppler warnings on $f"; }
done

python3 tests/integration/check_tags.py "$pdf" Document Sect H1 H2 H3 P L LI Lbl LBody Table TR TH \
  TD Figure Link Reference BlockQuote Note || fail "briefing structure"
python3 tests/integration/check_tags.py "$tmp/s.pdf" Document H1 H2 P L LI Lbl LBody Table TR TH \
  TD Figure Link Reference || fail "sample structure"

# The sample's table breaks: its repeated header sits under "(계속)", and page 1 has no
# running header while page 2 names the current section.
pdftotext -f 1 -l 1 "$tmp/s.pdf" "$tmp/p1.txt"
pdftotext -f 2 -l 2 "$tmp/s.pdf" "$tmp/p2.txt"
grep -q '(계속)' "$tmp/p2.txt" || fail "no (계속) over the repeated header"
grep -q '(계속)' "$tmp/p1.txt" && fail "(계속) on the table's first page"
grep -q '조판 엔진 시험 문서$' "$tmp/p1.txt" && fail "a running header on page 1"
grep -q '조판 엔진 시험 문서$' "$tmp/p2.txt" || fail "no running header on page 2"
grep -q '2. 컨소시엄별 모델' "$tmp/p2.txt" || fail "running section on page 2"

# A document whose regular font subset came to a multiple of 4,096 bytes in libharu's own font
# writer, which then failed to save (pdf_out now writes the font program itself).
"$EXPORTER" build --formats pdf --template tests/cases/energy/template.yaml --out "$tmp/energy" \
  tests/cases/energy/articles 2>"$tmp/err" || { cat "$tmp/err"; fail "energy case"; }
qpdf --check "$tmp/energy/briefing.pdf" >/dev/null 2>&1 || fail "qpdf --check on the energy case"

echo "tagged_pdf.sh: ok"

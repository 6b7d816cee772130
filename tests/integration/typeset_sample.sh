#!/bin/bash
# typeset_sample.sh — the typesetting engine's test document, checked with PDF tools.
#
# build/typeset_sample lays out long Korean paragraphs, a five-column table over several pages
# and a narrow-cell table, and writes the PDF plus its own glyph positions and source texts.
# Checks: qpdf --check clean; every font embedded and subset (pdffonts); pdftotext and
# mutool text equal the input (whitespace-normalised) with nothing on poppler's stderr; no
# extracted line starts with forbidden punctuation; every glyph mutool reports sits where the
# layout put it (0.05 pt); a one-page document is under 40 KB; output is byte-identical across
# runs and honours SOURCE_DATE_EPOCH.
set -euo pipefail
cd "$(dirname "$0")/../.."
make -s build/typeset_sample build/asan/typeset_sample >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "typeset_sample.sh: FAIL: $*" >&2; exit 1; }

# Under ASan+UBSan (leaks included): the whole pipeline on the sample.
ASAN_OPTIONS=detect_leaks=1 ./build/asan/typeset_sample "$tmp/s.pdf" "$tmp/pos.txt" "$tmp/src.txt" \
    2>"$tmp/err" || { cat "$tmp/err"; fail "typeset_sample failed"; }
grep -v '^typeset_sample: ' "$tmp/err" && fail "unexpected diagnostics"

# qpdf
qpdf --check "$tmp/s.pdf" >"$tmp/qpdf" 2>&1 || { cat "$tmp/qpdf"; fail "qpdf --check"; }
grep -qi '^WARNING' "$tmp/qpdf" && { cat "$tmp/qpdf"; fail "qpdf warnings"; }

# pdffonts: every font embedded and subset, with a ToUnicode map
pdffonts "$tmp/s.pdf" >"$tmp/fonts" 2>&1
[ "$(tail -n +3 "$tmp/fonts" | wc -l)" -ge 2 ] || fail "expected at least two fonts"
tail -n +3 "$tmp/fonts" | awk '{ n = NF; if ($(n-4) != "yes" || $(n-3) != "yes" || $(n-2) != "yes") { print; bad = 1 } } END { exit bad }' \
    || fail "a font is not embedded+subset+unicode"

# Text: poppler silent, both extractors give back every paragraph and cell
pdftotext "$tmp/s.pdf" "$tmp/poppler.txt" 2>"$tmp/poppler.err"
[ -s "$tmp/poppler.err" ] && { cat "$tmp/poppler.err"; fail "poppler printed warnings"; }
mutool draw -q -F txt -o "$tmp/mupdf.txt" "$tmp/s.pdf" 2>/dev/null
mutool draw -q -F stext -o "$tmp/stext.xml" "$tmp/s.pdf" 2>/dev/null
SRC="$tmp/src.txt" POS="$tmp/pos.txt" POPPLER="$tmp/poppler.txt" MUPDF="$tmp/mupdf.txt" \
STEXT="$tmp/stext.xml" python3 - <<'EOF' || fail "text or position checks"
import os, re, sys, html
import xml.etree.ElementTree as ET

def norm(s):
    return re.sub(r'\s+', ' ', s).strip()

def pattern(s):
    # Spaces of the source must be white space in the extraction; elsewhere a line break
    # (after '/', or inside a word in a narrow cell) may add some.
    out = []
    for w in norm(s).split(' '):
        out.append(r'\s*'.join(re.escape(c) for c in w))
    return re.compile(r'\s+'.join(out))

src = [l.rstrip('\n').split('\t', 1) for l in open(os.environ['SRC'], encoding='utf-8') if l.strip()]
bad = 0
for name in ('POPPLER', 'MUPDF'):
    text = open(os.environ[name], encoding='utf-8').read()
    flat = norm(text)
    nospace = re.sub(r'\s+', '', text)
    for kind, s in src:
        if kind == 'P' and not pattern(s).search(flat):
            print(f'{name}: paragraph not found: {s[:40]}…'); bad += 1
        if kind == 'C':
            # A wrapped cell may be read in pieces: every word must be there.
            for w in s.split():
                if w not in nospace:
                    print(f'{name}: cell word not found: {w}'); bad += 1
    forbidden = set('.,)]」』’”…·:;?!%')
    for line in text.splitlines():
        t = line.strip()
        if t and t[0] in forbidden:
            print(f'{name}: line starts with forbidden punctuation: {t[:30]}'); bad += 1

# Positions: every glyph of the layout must be where mupdf finds a glyph with that code point.
root = ET.parse(os.environ['STEXT']).getroot()
pages = {}
for pi, page in enumerate(root.iter('page'), 1):
    h = float(page.get('height'))
    for ch in page.iter('char'):
        c = ch.get('c')
        if c is None or len(c) != 1:
            continue
        pages.setdefault((pi, ord(c)), []).append((float(ch.get('x')), h - float(ch.get('y'))))
n = worst = 0
for line in open(os.environ['POS']):
    p, x, y, cp, size = line.split()
    key = (int(p), int(cp[2:], 16))
    cands = pages.get(key, [])
    if key[1] == 0xA0:   # mupdf reports a no-break space as a space
        cands = cands + pages.get((key[0], 0x20), [])
    x, y = float(x), float(y)
    best = min((max(abs(cx - x), abs(cy - y)) for cx, cy in cands), default=1e9)
    worst = max(worst, best)
    n += 1
    if best > 0.05:
        bad += 1
        if bad < 10:
            print(f'glyph {cp} on page {p} at ({x}, {y}) off by {best:.3f} pt')
print(f'typeset_sample.sh: {n} glyphs compared, worst offset {worst:.4f} pt', file=sys.stderr)
sys.exit(1 if bad else 0)
EOF

# Determinism and SOURCE_DATE_EPOCH
./build/typeset_sample "$tmp/s2.pdf" 2>/dev/null
cmp -s "$tmp/s.pdf" "$tmp/s2.pdf" || fail "output differs between runs"
pdfinfo "$tmp/s.pdf" | grep -q CreationDate && fail "a date without SOURCE_DATE_EPOCH"
SOURCE_DATE_EPOCH=1767052800 ./build/typeset_sample "$tmp/d.pdf" 2>/dev/null
pdfinfo "$tmp/d.pdf" | grep -q 'CreationDate:.*Dec 30 .*2025' || fail "SOURCE_DATE_EPOCH not used"
pdfinfo "$tmp/s.pdf" | grep -q 'Title: *독자 AI 파운데이션 모델 1차 평가' || fail "UTF-8 title"

# Outlines (Korean titles) and the page count
python3 - "$tmp/s.pdf" <<'EOF' || fail "outline"
import subprocess, sys
out = subprocess.run(['qpdf', '--json', '--json-key=outlines', sys.argv[1]], capture_output=True,
                     text=True).stdout
for t in ('1. 평가 개요', '2. 컨소시엄별 모델', '4. 좁은 칸'):
    if t not in out:
        print('missing outline', t); sys.exit(1)
EOF
pages=$(pdfinfo "$tmp/s.pdf" | awk '/^Pages:/ { print $2 }')
[ "$pages" -ge 3 ] || fail "the table should break across pages (got $pages pages)"
[ "$(grep -c . "$tmp/poppler.txt")" -gt 0 ]
grep -q "^1 / $pages$" "$tmp/mupdf.txt" || fail "footer n / N"
# the table header row repeats on every page it spans
[ "$(grep -c '^매개변수(개)$\|매개변수(개)' "$tmp/poppler.txt")" -ge 2 ] || fail "header row not repeated"

# Size: a one-page Korean document under 40 KB
./build/typeset_sample --one-page "$tmp/one.pdf" 2>/dev/null
size=$(stat -c %s "$tmp/one.pdf")
[ "$(pdfinfo "$tmp/one.pdf" | awk '/^Pages:/ { print $2 }')" = 1 ] || fail "one-page sample is not one page"
[ "$size" -lt 40960 ] || fail "one-page document is $size bytes (limit 40 KB)"
echo "typeset_sample.sh: ok ($pages pages; one page = $size bytes)"

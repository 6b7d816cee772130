#!/bin/bash
# End-to-end: briefing.xlsx read back by a real reader (openpyxl) — the sheets and their order
# (the three tables, then the weekly view: changes, coverage, conflicts), every cell equal to the
# CSV's, typed cells, links only for http(s), a title that looks like a
# formula kept as written, conflict notes, the chart; --formats; and on a 3,000-article week no
# CSV cell past Excel's 32,767 characters. Run from the repository root with EXPORTER set to
# the binary under test.
set -u
EXPORTER=${EXPORTER:-build/exporter}
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3   # Debian's, with python3-openpyxl
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
check() { if [ "$2" != "$3" ]; then echo "FAIL: $1: expected '$3', got '$2'"; fail=1; else echo "ok: $1"; fi; }
has() { grep -qxF -- "$2" "$3" && echo "ok: $1" || { echo "FAIL: $1: no line '$2'"; fail=1; }; }

# The sample week, with a hostile article beside it: a formula-like title, a javascript: url.
mkdir -p "$tmp/in"; cp examples/articles/*.txt "$tmp/in/"
sed -e 's/^id: .*/id: 020_0000000001/' -e 's|^url: .*|url: javascript:alert(1)|' \
    -e 's/^title: .*/title: "=HYPERLINK(\\"http:\/\/evil\\",\\"x\\")"/' \
    -e 's/^content_hash: .*/content_hash: /' -e 's/^published_at: .*/published_at: 2025-12-29 08:00/' -e 's/^crawled_at: .*/crawled_at: 2025-12-29 09:00/' \
    examples/articles/000_a01ba545a0ffea06.txt | sed 's/^합성//' > "$tmp/in/zz_hostile.txt"
printf '\n추가 문단이다.\n' >> "$tmp/in/zz_hostile.txt"
"$EXPORTER" build --out "$tmp/out" "$tmp/in" 2>"$tmp/err"
st=$?
[ "$st" = 0 ] || [ "$st" = 65 ] || { echo "FAIL: sample build exit $st: $(cat "$tmp/err")"; fail=1; }
check "workbook written by default" "$(test -s "$tmp/out/briefing.xlsx" && echo yes)" yes
$PY tests/tools/xlsx_dump.py "$tmp/out/briefing.xlsx" > "$tmp/dump" || { echo "FAIL: openpyxl cannot read it"; fail=1; }
check "sheets in order" "$(grep '^sheet ' "$tmp/dump" | cut -d' ' -f2 | tr '\n' ' ')" "comparison facts articles changes coverage conflicts "
check "frozen headers" "$(grep -c '^sheet .* freeze=A2 filter=A1:' "$tmp/dump")" 6
check "no formulas" "$(grep -c '^cell [^ ]* f ' "$tmp/dump")" 0
has "numbers are numbers" "cell comparison!F3 n General 100" "$tmp/dump"
has "a leading-zero id stays text" "cell articles!A2 s General 029_0003001728" "$tmp/dump"
has "dates are dates (KST)" "cell articles!F2 d yyyy-mm-dd hh:mm 2025-12-28 00:00:00" "$tmp/dump"
has "http links are links" "link articles!H2 https://n.news.naver.com/mnews/article/029/0003001728" "$tmp/dump"
grep -q '^cell articles!B[0-9]* s General =HYPERLINK("http://evil","x")$' "$tmp/dump" \
  && echo "ok: formula-like title kept as written" || { echo "FAIL: injected title"; grep 'HYPERLINK' "$tmp/dump"; fail=1; }
check "javascript: is no link" "$(grep -c '^link .*javascript' "$tmp/dump")" 0
grep -q '^note comparison!F4 500 — [0-9]*건: .*\\n519 — [0-9]*건: 029_0003001728' "$tmp/dump" \
  && echo "ok: conflict note lists both values" || { echo "FAIL: conflict note"; grep '^note' "$tmp/dump"; fail=1; }
has "chart of the chart columns" "chart comparison barChart 2" "$tmp/dump"
# Every CSV cell is in the workbook, equal (numbers compared as numbers, dates as KST times).
$PY - "$tmp/out" <<'PYEOF' || fail=1
import csv, datetime, sys, openpyxl
out = sys.argv[1]
wb = openpyxl.load_workbook(out + "/briefing.xlsx")
bad = 0
for name in ("comparison", "facts", "articles", "changes", "coverage", "conflicts"):
    rows = list(csv.reader(open(f"{out}/{name}.csv", encoding="utf-8-sig", newline="")))
    ws = wb[name]
    if ws.max_row != len(rows):
        print(f"FAIL: {name}: {ws.max_row} rows in the workbook, {len(rows)} in the CSV"); bad = 1
    for r, row in enumerate(rows, start=1):
        for c, text in enumerate(row, start=1):
            v = ws.cell(r, c).value
            if text.startswith("'") and text[1:2] in "=+-@\t\r":
                text = text[1:]
            if isinstance(v, datetime.datetime):
                same = text.startswith(v.strftime("%Y-%m-%d")) and (len(text) == 10 or text[11:16] == v.strftime("%H:%M"))
            elif isinstance(v, (int, float)):
                same = float(text) == float(v)
            else:
                same = (v or "") == text
            if not same:
                print(f"FAIL: {name} row {r} col {c}: csv {text[:60]!r} vs xlsx {str(v)[:60]!r}"); bad = 1
print("ok: every CSV cell equals its workbook cell" if not bad else "FAIL: cells differ")
sys.exit(bad)
PYEOF

# Reproducible: the workbook is stamped with the instant the briefing states (the newest
# article's time, 2025-12-30 00:00 KST), not the clock, so identical runs give identical bytes.
"$EXPORTER" build --formats xlsx --out "$tmp/r1" examples/articles 2>/dev/null
created=$($PY -c 'import re,sys,zipfile; print(re.search(r"<dcterms:created[^>]*>([^<]*)<", zipfile.ZipFile(sys.argv[1]).read("docProps/core.xml").decode()).group(1))' "$tmp/r1/briefing.xlsx")
check "workbook time is the briefing's" "$created" "2025-12-29T15:00:00Z"

# The workbook's zip entries are deflated at level 1 (xlsx_zip.c: a fifth of a large run's CPU
# was libxlsxwriter's default level 6): each deflated entry says so in its general-purpose
# flags (bits 1-2 set: "super fast"), and it still reads back (above).
levels=$($PY -c 'import sys,zipfile; print(" ".join(sorted({"%s:%d" % ("deflate" if i.compress_type == zipfile.ZIP_DEFLATED else "stored", i.flag_bits & 6) for i in zipfile.ZipFile(sys.argv[1]).infolist()})))' "$tmp/r1/briefing.xlsx")
check "workbook entries deflated at level 1" "$levels" "deflate:6"

# One huge article (2.5 MB, tens of thousands of facts) is a large week too: its workbook is
# written row by row (constant memory: inline strings, no shared-string table held in memory),
# as for more than 200 files; a few small files stay in memory (shared strings).
mkdir -p "$tmp/huge"
$PY - "$tmp/huge/huge.txt" examples/articles/*.txt <<'PYEOF'
import sys
first = open(sys.argv[2], encoding="utf-8").read()
head, body = first.split("\n---\n", 1)
head = "\n".join(l for l in head.split("\n") if not l.startswith("content_hash:"))
para = "\n\n".join(p for p in body.split("\n\n") if p.strip() and not p.startswith("*"))
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write(head + "\n---\n\n")
    while f.tell() < 2500000:
        f.write(para + "\n\n")
PYEOF
"$EXPORTER" build --formats xlsx --out "$tmp/oh" "$tmp/huge" 2>/dev/null
check "one 2.5 MB article exit" "$?" 0
kind() {   # how the facts sheet keeps its text: inline (row by row) or shared (in memory)
  $PY -c 'import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); x=z.read("xl/worksheets/sheet2.xml"); print("inline" if b"inlineStr" in x else "shared" if b"t=\"s\"" in x else "none")' "$1"
}
check "one 2.5 MB article: written row by row" "$(kind "$tmp/oh/briefing.xlsx")" "inline"
check "the five samples: held in memory" "$(kind "$tmp/r1/briefing.xlsx")" "shared"

# --formats picks files, in any case.
"$EXPORTER" build --formats CSV,Pdf --out "$tmp/o2" examples/articles 2>/dev/null
check "--formats CSV,Pdf writes no workbook" "$(ls "$tmp/o2" | grep -c xlsx)" 0
"$EXPORTER" build --formats xlsx --out "$tmp/o3" examples/articles 2>/dev/null
check "--formats xlsx alone" "$(ls "$tmp/o3" | grep -v '^\.' | tr '\n' ' ')" "briefing.xlsx "
"$EXPORTER" build --formats docx --out "$tmp/o4" examples/articles 2>/dev/null
check "--formats docx is a usage error" "$?" 64

# A 3,000-article week: the sources cells would pass 32,767 characters; none does.
$PY tests/tools/gen_corpus.py examples/articles "$tmp/big" 3000
"$EXPORTER" build --formats csv --out "$tmp/ob" "$tmp/big" 2>/dev/null
check "3,000 articles exit" "$?" 0
$PY - "$tmp/ob" <<'PYEOF' || fail=1
import csv, sys
longest, capped = 0, 0
for name in ("comparison", "facts", "articles"):
    for row in csv.reader(open(f"{sys.argv[1]}/{name}.csv", encoding="utf-8-sig", newline="")):
        for cell in row:
            units = len(cell.encode("utf-16-le")) // 2
            longest = max(longest, units)
            capped += cell.endswith("건") and " … 외 " in cell
if longest > 32767 or not capped:
    print(f"FAIL: longest cell {longest} units, {capped} shortened cells"); sys.exit(1)
print(f"ok: longest cell {longest} units; {capped} list cells end '… 외 N건'")
PYEOF
exit $fail

#!/bin/bash
# -j: articles parsed and extracted on several threads give the same bytes as on one — every
# output file and every message (a bad article, a duplicate, articles outside the period),
# in the same order. Also the streamed run: memory does not grow with the corpus (peak RSS
# of the plain binary on 2,000 articles stays within a few MB of 200 articles), and articles.csv
# rows come in input order. Run from the repository root with EXPORTER set to the binary.
set -u
EXPORTER=${EXPORTER:-build/exporter}
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
check() { if [ "$2" != "$3" ]; then echo "FAIL: $1: expected '$3', got '$2'"; fail=1; else echo "ok: $1"; fi; }

# 150 generated articles, a bad one, a duplicate; --since leaves some out (notes with -v).
python3 tests/tools/gen_corpus.py examples/articles "$tmp/in" 150
cp tests/bad/wrong_type.txt "$tmp/in/syn_00000042x.txt"
cp "$tmp/in/syn_00000007.txt" "$tmp/in/syn_00000099x.txt"
# the same body under another id and url: a copy all the same, though its text is long gone
# from memory when it arrives
sed -e 's/^id: .*/id: copy_of_11/' -e 's|^url: \(.*\)|url: \1\&copy=1|' "$tmp/in/syn_00000011.txt" >"$tmp/in/syn_00000100y.txt"
for j in 1 2 3; do
  "$EXPORTER" build -v -j "$j" --since 2025-11-04 --out "$tmp/o$j" "$tmp/in" 2>"$tmp/err$j"
  echo $? >"$tmp/rc$j"
done
check "-j1 exit (a bad article)" "$(cat "$tmp/rc1")" 65
grep -q "syn_00000042x.txt:.*error" "$tmp/err1" && echo "ok: bad article reported" || { echo "FAIL: bad article not reported"; fail=1; }
grep -q "syn_00000099x.txt.*duplicate\|duplicate.*syn_00000099x.txt" "$tmp/err1" && echo "ok: duplicate reported" || { echo "FAIL: duplicate not reported: $(grep -i dup "$tmp/err1" | head -2)"; fail=1; }
grep -q "syn_00000100y.txt: warning: duplicate of .*syn_00000011.txt (same content)" "$tmp/err1" && echo "ok: same body under another id reported" || { echo "FAIL: copied body not reported: $(grep -i 00000100y "$tmp/err1" | head -2)"; fail=1; }
grep -q "outside 2025-11-04" "$tmp/err1" && echo "ok: period notes" || { echo "FAIL: no period notes"; fail=1; }
for j in 2 3; do
  check "-j$j exit" "$(cat "$tmp/rc$j")" "$(cat "$tmp/rc1")"
  for f in articles.csv facts.csv comparison.csv briefing.pdf; do
    cmp -s "$tmp/o1/$f" "$tmp/o$j/$f" && echo "ok: -j$j $f identical" || { echo "FAIL: -j$j $f differs from -j1"; fail=1; }
  done
  # the workbook's parts, but for the time it was made (docProps/core.xml)
  python3 - "$tmp/o1/briefing.xlsx" "$tmp/o$j/briefing.xlsx" <<'PY' && echo "ok: -j$j briefing.xlsx sheets identical" || { echo "FAIL: -j$j briefing.xlsx differs from -j1"; fail=1; }
import sys, zipfile
a, b = (zipfile.ZipFile(p) for p in sys.argv[1:3])
names = sorted(n for n in a.namelist() if n != 'docProps/core.xml')
sys.exit(0 if names == sorted(n for n in b.namelist() if n != 'docProps/core.xml')
         and all(a.read(n) == b.read(n) for n in names) else 1)
PY
  cmp -s "$tmp/err1" "$tmp/err$j" && echo "ok: -j$j messages identical" || { echo "FAIL: -j$j messages differ"; diff "$tmp/err1" "$tmp/err$j" | head -5; fail=1; }
done
# Rows stream out in input order (the sorted file listing), not in date order.
check "articles.csv in input order" "$(python3 - "$tmp/o1/articles.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8-sig')))
files = [r['source_file'] for r in rows]
print('yes' if files == sorted(files) and len(rows) > 100 else 'no')
PY
)" yes
for bad in 0 x -1 257; do
  "$EXPORTER" build -j "$bad" --out "$tmp/bad" examples/articles 2>/dev/null
  check "-j $bad is a usage error" "$?" 64
done

# Bounded memory: the plain binary (ASan's allocator would measure itself), CSVs only (the
# briefing's size is its own matter). The old whole-run fact list grew ~15 MB per 1,000
# articles; the stream holds a few hundred bytes per article.
if [ -x build/exporter ]; then
  python3 tests/tools/gen_corpus.py examples/articles "$tmp/big" 2000
  mkdir -p "$tmp/small"; cp "$tmp"/big/syn_000001??.txt "$tmp"/big/syn_000000??.txt "$tmp/small/"
  rss() { python3 - "$@" <<'PY'
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
PY
  }
  small=$(rss build/exporter build -j 2 --formats csv --out "$tmp/ms" "$tmp/small")
  big=$(rss build/exporter build -j 2 --formats csv --out "$tmp/mb" "$tmp/big")
  grow=$((big - small))
  [ "$grow" -le 8 ] && echo "ok: peak RSS ${small} MB at 200 articles, ${big} MB at 2,000" \
    || { echo "FAIL: peak RSS grows with the corpus: ${small} MB at 200, ${big} MB at 2,000"; fail=1; }
fi
exit $fail

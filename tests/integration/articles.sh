#!/bin/bash
# End-to-end: the sample articles become articles.csv; every bad input gets its message,
# exit status 65, and does not stop the good articles; missing input is 66; --strict writes
# nothing. Run from the repository root with EXPORTER set to the binary under test.
set -u
EXPORTER=${EXPORTER:-build/exporter}
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
check() { if [ "$2" != "$3" ]; then echo "FAIL: $1: expected '$3', got '$2'"; fail=1; else echo "ok: $1"; fi; }

# The sample corpus: exactly 5 rows, every field read back by Python's csv module.
"$EXPORTER" build --formats csv --out "$tmp/out" examples/articles 2>"$tmp/err"
check "samples exit" "$?" 0
check "samples silent" "$(cat "$tmp/err")" ""
python3 tests/integration/check_articles_csv.py "$tmp/out/articles.csv" || fail=1

# Each bad file beside the good ones: its message, exit 65, the five good rows still written.
while IFS=$'\t' read -r file code message; do
  case "$file" in \#*|"") continue;; esac
  rm -rf "$tmp/in" "$tmp/o"; mkdir -p "$tmp/in"
  cp examples/articles/*.txt "$tmp/in/"; cp "tests/bad/$file" "$tmp/in/"
  "$EXPORTER" build --formats csv --out "$tmp/o" "$tmp/in" 2>"$tmp/err"
  check "$file exit" "$?" "$code"
  grep -qF -- "$message" "$tmp/err" && echo "ok: $file message" || { echo "FAIL: $file: no '$message' in: $(cat "$tmp/err")"; fail=1; }
  rows=$(python3 -c 'import csv,sys; print(sum(1 for _ in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline=""))))' "$tmp/o/articles.csv")
  check "$file: good articles still exported" "$rows" 5
  # Alone, the bad file is still bad data (65), and nothing is written.
  rm -rf "$tmp/o2"
  "$EXPORTER" build --formats csv --out "$tmp/o2" "tests/bad/$file" 2>/dev/null
  check "$file alone exit" "$?" "$code"
  check "$file alone writes nothing" "$(ls "$tmp/o2" 2>/dev/null | wc -l)" 0
done < tests/bad/cases.tsv

# A file over the 16 MiB limit.
{ printf -- '---\nid: big\ntitle: big\n---\n\n'; head -c $((17 * 1024 * 1024)) /dev/zero | tr '\0' 'a'; } > "$tmp/big.txt"
"$EXPORTER" check "$tmp/big.txt" 2>"$tmp/err"
check "oversized exit" "$?" 65
grep -qF "big.txt: error: file is larger than the 16 MiB limit" "$tmp/err" && echo "ok: oversized message" || { echo "FAIL: oversized: $(cat "$tmp/err")"; fail=1; }

# Missing input, and a folder without articles: 66.
"$EXPORTER" build --out "$tmp/o3" "$tmp/does-not-exist" 2>"$tmp/err"
check "missing input exit" "$?" 66
grep -qF "does-not-exist: error: no such file or folder" "$tmp/err" && echo "ok: missing message" || { echo "FAIL: missing: $(cat "$tmp/err")"; fail=1; }
mkdir -p "$tmp/empty-folder"; echo "not an article" > "$tmp/empty-folder/notes.pdf"
"$EXPORTER" build --out "$tmp/o3" "$tmp/empty-folder" 2>"$tmp/err"
check "empty folder exit" "$?" 66

# --strict: one bad file fails the run and nothing is written.
rm -rf "$tmp/in" "$tmp/o4"; mkdir -p "$tmp/in"; cp examples/articles/*.txt tests/bad/wrong_type.txt "$tmp/in/"
"$EXPORTER" build --strict --formats csv --out "$tmp/o4" "$tmp/in" 2>"$tmp/err"
check "strict exit" "$?" 65
check "strict writes nothing" "$(ls -A "$tmp/o4" 2>/dev/null | wc -l)" 0

# Duplicates are read once and reported.
rm -rf "$tmp/in" "$tmp/o5"; mkdir -p "$tmp/in"; cp examples/articles/*.txt "$tmp/in/"
cp examples/articles/000_a01ba545a0ffea06.txt "$tmp/in/zz_copy.txt"
"$EXPORTER" build --formats csv --out "$tmp/o5" "$tmp/in" 2>"$tmp/err"
check "duplicate exit" "$?" 0
grep -qF "zz_copy.txt: warning: duplicate of" "$tmp/err" && echo "ok: duplicate reported" || { echo "FAIL: duplicate: $(cat "$tmp/err")"; fail=1; }

exit $fail

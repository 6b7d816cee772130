#!/bin/bash
# The operator's promises: exit codes, silence on success, locking, atomic outputs under
# SIGKILL (output_set.sh), reproducible bytes, --if-changed, {week} expansion, paths on stdin.
set -u
EXPORTER=${EXPORTER:-build/exporter}
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
check() { if [ "$2" != "$3" ]; then echo "FAIL: $1: expected '$3', got '$2'"; fail=1; else echo "ok: $1"; fi; }
expect_exit() { local want=$1 name=$2; shift 2; "$@" >"$tmp/out" 2>"$tmp/err"; check "$name exit" "$?" "$want"; }

# Usage errors: 64, with a message.
expect_exit 64 "no command" "$EXPORTER"
expect_exit 64 "unknown command" "$EXPORTER" frobnicate
expect_exit 64 "unknown option" "$EXPORTER" build --frob examples/articles
expect_exit 64 "no input" "$EXPORTER" build
expect_exit 64 "bad week" "$EXPORTER" build --week 2025-W53 examples/articles
expect_exit 64 "bad date" "$EXPORTER" build --since 2025-13-01 examples/articles
expect_exit 64 "bad formats" "$EXPORTER" build --formats xls examples/articles
expect_exit 64 "week with since" "$EXPORTER" build --week 2026-W01 --since 2025-12-01 examples/articles
grep -q "see exporter --help" "$tmp/err" && echo "ok: usage message" || { echo "FAIL: usage message"; fail=1; }
# An option missing its value is a usage error wherever it stands, never an INPUT.
expect_exit 64 "--template at the end" "$EXPORTER" build examples/articles --template
grep -q "error: option '--template' is missing its value" "$tmp/err" && echo "ok: missing value named" || { echo "FAIL: missing value: $(cat "$tmp/err")"; fail=1; }
expect_exit 64 "--template followed by an option" "$EXPORTER" build --template --out "$tmp/x" examples/articles
expect_exit 64 "--out at the end" "$EXPORTER" check examples/articles --out
expect_exit 0 "options after the INPUT" "$EXPORTER" build examples/articles --formats csv --out "$tmp/after"
check "options after the INPUT are read (csv only, in after/)" "$(ls "$tmp/after" | grep -c '\.csv$') $(ls "$tmp/after" | grep -vc '\.csv$')" "$(ls "$tmp/after" | grep -c '\.csv$') 0"
check "options after the INPUT: articles.csv there" "$(test -s "$tmp/after/articles.csv" && echo yes)" yes
expect_exit 0 "formats in any case" "$EXPORTER" build --formats CSV,Pdf --out "$tmp/case" examples/articles
check "formats in any case: csv and pdf, no workbook" "$(test -s "$tmp/case/articles.csv" && test -s "$tmp/case/briefing.pdf" && test ! -e "$tmp/case/briefing.xlsx" && echo yes)" yes
expect_exit 0 "-h" "$EXPORTER" -h
grep -q "^usage: exporter build" "$tmp/out" && echo "ok: -h prints the usage" || { echo "FAIL: -h"; fail=1; }
expect_exit 0 "help" "$EXPORTER" --help
check "--help fits 24 lines" "$(awk 'END { print (NR <= 23) }' "$tmp/out")" 1
check "--help fits 80 columns" "$(awk 'length($0) > 80 { n++ } END { print n + 0 }' "$tmp/out")" 0
grep -q "man exporter" "$tmp/out" && echo "ok: --help says where more is" || { echo "FAIL: --help names no man page"; fail=1; }
grep -q "75 the output folder is locked" "$tmp/out" && echo "ok: help lists exit codes" || { echo "FAIL: help"; fail=1; }
expect_exit 0 "version" "$EXPORTER" --version

# Silent on success; the run writes nothing to stdout or stderr.
expect_exit 0 "quiet success" "$EXPORTER" build --formats csv --out "$tmp/o" examples/articles
check "no stdout" "$(cat "$tmp/out")" ""
check "no stderr" "$(cat "$tmp/err")" ""

# 66 missing input; 73 output folder cannot be created; 74 read error.
expect_exit 66 "missing input" "$EXPORTER" build --out "$tmp/o" "$tmp/nope"
touch "$tmp/a-file"
expect_exit 73 "output under a file" "$EXPORTER" build --formats csv --out "$tmp/a-file/sub" examples/articles
grep -q "cannot create output directory" "$tmp/err" && echo "ok: 73 message" || { echo "FAIL: 73: $(cat "$tmp/err")"; fail=1; }
expect_exit 74 "read error" "$EXPORTER" check /proc/self/mem

# Out of memory: 71 with one line, never a crash. The plain build (ASan reserves terabytes of
# address space); the limit that lets the libraries load but not a 15 MiB article varies, so
# try a few.
{ printf -- '---\nid: big\ntitle: big\n---\n\n'; head -c $((15 * 1024 * 1024)) /dev/zero | tr '\0' 'a'; } > "$tmp/big15.txt"
got71=0
for kb in 40000 50000 60000 70000 80000; do
  (ulimit -v $kb; build/exporter check "$tmp/big15.txt" 2>"$tmp/err"); rc=$?
  [ $rc -ge 128 ] && { echo "FAIL: crashed (exit $rc) under ulimit -v $kb"; fail=1; }
  [ $rc = 71 ] && grep -q "error: out of memory" "$tmp/err" && got71=1
done
check "out of memory exit 71" "$got71" 1

# A project font that forbids embedding (OS/2 fsType 0x0002) is skipped with a warning naming
# it, and the system's copy is used: the run still succeeds.
mkdir -p "$tmp/data/fonts" "$tmp/data/templates"
cp templates/sovereign-ai.yaml "$tmp/data/templates/"
python3 - "$tmp/data/fonts/NanumGothic.ttf" <<'PY'
import struct, sys
b = bytearray(open('/usr/share/fonts/truetype/nanum/NanumGothic.ttf', 'rb').read())
for i in range(struct.unpack('>H', b[4:6])[0]):
    tag, _, off, _ = struct.unpack('>4sIII', b[12 + 16 * i:28 + 16 * i])
    if tag == b'OS/2':
        b[off + 8:off + 10] = struct.pack('>H', 2)
open(sys.argv[1], 'wb').write(b)
PY
EXPORTER_DATADIR="$tmp/data" "$EXPORTER" build --formats pdf --out "$tmp/restricted" examples/articles 2>"$tmp/err"
check "restricted font exit" "$?" 0
grep -q "data/fonts/NanumGothic.ttf: warning: font 'NanumGothic' does not allow embedding" "$tmp/err" && echo "ok: restricted font named" || { echo "FAIL: restricted font: $(cat "$tmp/err")"; fail=1; }

# check validates and writes nothing.
expect_exit 0 "check" "$EXPORTER" check --out "$tmp/never" examples/articles
check "check writes nothing" "$(ls "$tmp/never" 2>/dev/null | wc -l)" 0

# Paths on stdin.
ls examples/articles/*.txt | "$EXPORTER" build --formats csv --out "$tmp/stdin" - 2>"$tmp/err"
check "stdin list exit" "$?" 0
check "stdin list rows" "$(python3 -c 'import csv,sys; print(sum(1 for _ in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig"))))' "$tmp/stdin/articles.csv")" 5

# {week} expands to the period's ISO week (today's when no period is asked for, never the
# articles'); --week filters by it (tests/integration/periods.sh has the rest).
expect_exit 0 "week pattern" "$EXPORTER" build --formats csv --today 2026-01-14 --out "$tmp/w/{week}" examples/articles
check "week folder" "$(cd "$tmp/w" && ls -d -- */ | tr -d /)" "2026-W03"
expect_exit 0 "--week filter" "$EXPORTER" build --formats csv --week 2025-W52 --out "$tmp/w52" examples/articles
check "--week keeps one article" "$(grep -c "^\"029_" "$tmp/w52/articles.csv")" 1
expect_exit 66 "--until before all" "$EXPORTER" build --until 2025-01-01 --out "$tmp/none" examples/articles

# Locking: a held lock gives 75 at once; --wait waits for it. No clock: the holder keeps the
# lock until it reads a line from a FIFO, and the waiting run is seen blocked in /proc/locks.
mkdir -p "$tmp/.locked.exporter"; mkfifo "$tmp/held" "$tmp/release"
flock "$tmp/.locked.exporter/lock" sh -c 'echo held > "$1/held"; read -r _ < "$1/release"' _ "$tmp" &
holder=$!
read -r _ < "$tmp/held"
expect_exit 75 "locked" "$EXPORTER" build --formats csv --out "$tmp/locked" examples/articles
grep -q "locked by another run" "$tmp/err" && echo "ok: lock message" || { echo "FAIL: lock message"; fail=1; }
"$EXPORTER" build --wait --formats csv --out "$tmp/locked" examples/articles 2>"$tmp/err" &
waiter=$!
# (a watchdog of 6000 polls, not a time limit: the test passes however long this takes)
n=0; until grep -q -- "-> FLOCK.* $waiter " /proc/locks || ! kill -0 $waiter 2>/dev/null || [ $n -ge 6000 ]; do n=$((n + 1)); sleep 0.01; done
grep -q -- "-> FLOCK.* $waiter " /proc/locks && echo "ok: --wait blocks on the lock" || { echo "FAIL: --wait did not block"; fail=1; }
check "--wait wrote nothing while blocked" "$(ls "$tmp/locked" 2>/dev/null | wc -l)" 0
echo go > "$tmp/release"; wait $holder
wait $waiter; check "--wait exit" "$?" 0
check "--wait wrote after the lock was freed" "$(ls "$tmp/locked")" "articles.csv
changes.csv
comparison.csv
conflicts.csv
coverage.csv
facts.csv"

# -q silences warnings (a duplicate article) but not errors; -v adds notes.
mkdir -p "$tmp/dupin"; cp examples/articles/*.txt "$tmp/dupin/"; cp examples/articles/000_a01ba545a0ffea06.txt "$tmp/dupin/zz.txt"
expect_exit 0 "-q run" "$EXPORTER" build -q --formats csv --out "$tmp/q" "$tmp/dupin"
check "-q silent" "$(cat "$tmp/err")" ""
expect_exit 0 "-v run" "$EXPORTER" build -v --formats csv --out "$tmp/q" "$tmp/dupin"
grep -q "note: repaired 4 tab-indented front-matter lines" "$tmp/err" && echo "ok: -v notes" || { echo "FAIL: -v notes"; fail=1; }

# Reproducible: two runs give identical bytes.
"$EXPORTER" build --out "$tmp/r1" examples/articles 2>/dev/null
"$EXPORTER" build --out "$tmp/r2" examples/articles 2>/dev/null
for f in "$tmp"/r1/*.csv "$tmp"/r1/*.pdf; do
  [ -e "$f" ] || continue
  cmp -s "$f" "$tmp/r2/$(basename "$f")" && echo "ok: $(basename "$f") reproducible" || { echo "FAIL: $(basename "$f") differs between runs"; fail=1; }
done

# --if-changed: the second identical run does nothing; a changed input runs again.
expect_exit 0 "if-changed first" "$EXPORTER" build --if-changed --formats csv --out "$tmp/ic" examples/articles
ino=$(stat -c %i "$tmp/ic/articles.csv")
expect_exit 0 "if-changed same" "$EXPORTER" build --if-changed --formats csv --out "$tmp/ic" examples/articles
check "if-changed left the file alone" "$(stat -c %i "$tmp/ic/articles.csv")" "$ino"
mkdir -p "$tmp/in"; cp examples/articles/*.txt "$tmp/in/"
expect_exit 0 "if-changed base" "$EXPORTER" build --if-changed --formats csv --out "$tmp/ic2" "$tmp/in"
ino=$(stat -c %i "$tmp/ic2/articles.csv")
sed -i 's/^title: "한국형/title: "바뀐 한국형/' "$tmp/in/000_a01ba545a0ffea06.txt"
expect_exit 0 "if-changed changed" "$EXPORTER" build --if-changed --formats csv --out "$tmp/ic2" "$tmp/in"
[ "$(stat -c %i "$tmp/ic2/articles.csv")" != "$ino" ] && echo "ok: changed input rewrote" || { echo "FAIL: changed input not rewritten"; fail=1; }

# Atomic output sets under SIGKILL, SIGTERM and SIGINT: output_set.sh.

# Bad template: 78, with the template's position; a missing one too.
printf 'id: t\nentities:\n  - id: a\n    name_ko: 가\n  - id: a\n    name_ko: 나\ncolumns: []\n' > "$tmp/dup.yaml"
expect_exit 78 "template duplicate id" "$EXPORTER" build --template "$tmp/dup.yaml" --out "$tmp/t" examples/articles
grep -q "dup.yaml:[0-9]*:[0-9]*: error:" "$tmp/err" && echo "ok: template message has a position" || { echo "FAIL: template message: $(cat "$tmp/err")"; fail=1; }
expect_exit 78 "template missing" "$EXPORTER" build --template "$tmp/none.yaml" --out "$tmp/t" examples/articles
check "bad template writes nothing" "$(ls "$tmp/t" 2>/dev/null | wc -l)" 0

# make install: the installed program finds its template and fonts without the source tree.
make -s install PREFIX=/usr/local DESTDIR="$tmp/root" >/dev/null
test -f "$tmp/root/usr/local/share/man/man1/exporter.1" && echo "ok: man page installed" || { echo "FAIL: man page"; fail=1; }
cp -R examples/articles "$tmp/articles"
(cd "$tmp" && EXPORTER_DATADIR= "$tmp/root/usr/local/bin/exporter" build --out "$tmp/inst-out" "$tmp/articles" 2>"$tmp/err")
check "installed run exit" "$?" 0
check "installed run outputs" "$(ls "$tmp/inst-out" | tr '\n' ' ')" "articles.csv briefing.pdf briefing.xlsx changes.csv comparison.csv conflicts.csv coverage.csv facts.csv "

exit $fail

#!/bin/bash
# Faults at the moment a run publishes, injected deterministically with tests/tools/failwrite.c
# (LD_PRELOAD, so on the plain binary, as oom.sh does): the archive and the output set cannot
# change in one atomic step, and the run orders them so that a failure is whole.
#   * the disk fills exactly at the archive's commit (every write to its write-ahead log
#     fails): exit 74, the previous set still published byte for byte, the archive's content
#     unchanged, no staging folder left; the next run publishes;
#   * the rename that publishes fails after the archive committed: exit 74 with a message
#     that says so; the previous set stays published; running again publishes the new set;
#   * a file-size limit (ulimit -f) with SIGXFSZ ignored by the caller, so that writes past it
#     fail with EFBIG instead of ending the process: libxlsxwriter's temporary files (a large
#     week's row files, the sheets it assembles at the end) are bigger than the zipped
#     workbook and it never checks its writes — the run must exit 74, never publish a
#     workbook with a truncated sheet.
# Nothing here depends on timing or on the machine's real free space.
set -u
BIN=${PLAIN_EXPORTER:-build/exporter}
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
check() { if [ "$2" != "$3" ]; then echo "FAIL: $1: expected '$3', got '$2'"; fail=1; else echo "ok: $1"; fi; }

if ! cc -shared -fPIC -o "$tmp/failwrite.so" tests/tools/failwrite.c -ldl 2>"$tmp/cc.err"; then
  echo "FAIL: cannot build the write injector: $(head -c 300 "$tmp/cc.err")"; exit 1
fi
# What a reader sees: the published folder's files with their hashes.
published() { (cd "$1" && sha256sum -- *) 2>&1; }
# The archive's whole content, as SQL.
archive_dump() {
  python3 -c 'import sqlite3,sys; print("\n".join(sqlite3.connect(sys.argv[1]).iterdump()))' "$1" | sha256sum
}
archive_articles() {
  python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from week_articles").fetchone()[0])' "$1"
}
integrity() {
  python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("pragma integrity_check").fetchone()[0])' "$1"
}
# Folders under runs/ other than the published set and the one it replaced: a staging folder left.
strays() {
  local state="${1%/*}/.${1##*/}.exporter"
  local pub; pub=$(basename "$(readlink "$1")")
  local ret; ret=$(basename "$(readlink "$state/retired" 2>/dev/null)" 2>/dev/null)
  ls -A "$state/runs" | grep -vxF -e "$pub" -e "${ret:-/}" | wc -l
}

mkdir -p "$tmp/four" && cp examples/articles/*.txt "$tmp/four/" && rm "$tmp/four/$(ls "$tmp/four" | head -1)"
RUN="build --today 2026-01-05"

# ---- The disk fills exactly at the archive's commit ----
out="$tmp/a/pub"; db="$tmp/a/.pub.exporter/archive.sqlite"
"$BIN" $RUN --out "$out" examples/articles 2>"$tmp/err" || { echo "FAIL: first run: $(cat "$tmp/err")"; exit 1; }
before=$(published "$out"); link=$(readlink "$out"); dump=$(archive_dump "$db")
FAILWRITE_MATCH=archive.sqlite-wal LD_PRELOAD="$tmp/failwrite.so" \
  timeout 120 "$BIN" $RUN --out "$out" "$tmp/four" 2>"$tmp/err"
check "full disk at the archive's commit: exit" "$?" 74
grep -q "error: archive: committing the week: database or disk is full" "$tmp/err" &&
  echo "ok: full disk at the commit: reported" || { echo "FAIL: no commit message: $(head -c 400 "$tmp/err")"; fail=1; }
check "full disk at the commit: the same set still published" "$(readlink "$out")" "$link"
check "full disk at the commit: its files byte for byte" "$(published "$out")" "$before"
check "full disk at the commit: the archive's content unchanged" "$(archive_dump "$db")" "$dump"
check "full disk at the commit: the archive is whole" "$(integrity "$db")" ok
check "full disk at the commit: no staging folder left" "$(strays "$out")" 0
check "full disk at the commit: no publishing link left" "$(ls -A "$tmp/a/.pub.exporter" | grep -c '^next$')" 0
"$BIN" $RUN --out "$out" "$tmp/four" 2>"$tmp/err"
check "the next run: exit" "$?" 0
check "the next run: its set published" "$(python3 -c 'import csv,sys; print(sum(1 for _ in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig"))))' "$out/articles.csv")" 4
check "the next run: the archive holds its week" "$(archive_articles "$db")" 4

# ---- The rename that publishes fails after the archive committed ----
out="$tmp/b/pub"; db="$tmp/b/.pub.exporter/archive.sqlite"
"$BIN" $RUN --out "$out" examples/articles 2>"$tmp/err" || { echo "FAIL: first run: $(cat "$tmp/err")"; exit 1; }
before=$(published "$out"); link=$(readlink "$out")
FAILRENAME_SUFFIX=/b/pub FAILWRITE_ERRNO=5 LD_PRELOAD="$tmp/failwrite.so" \
  timeout 120 "$BIN" $RUN --out "$out" "$tmp/four" 2>"$tmp/err"
check "the publishing rename fails: exit" "$?" 74
grep -q "cannot publish the outputs (rename): Input/output error" "$tmp/err" &&
  grep -q "error: the archive records week 2026-W02, but its outputs were not published (the previous set stays); run again to publish them" "$tmp/err" &&
  echo "ok: the publishing rename fails: both said" || { echo "FAIL: messages: $(head -c 600 "$tmp/err")"; fail=1; }
check "the publishing rename fails: the previous set still published" "$(readlink "$out")" "$link"
check "the publishing rename fails: its files byte for byte" "$(published "$out")" "$before"
check "the publishing rename fails: the archive holds the new week" "$(archive_articles "$db")" 4
check "the publishing rename fails: no staging folder left" "$(strays "$out")" 0
"$BIN" $RUN --out "$out" "$tmp/four" 2>"$tmp/err"
check "running again: exit" "$?" 0
"$BIN" build --today 2026-01-05 --no-archive --out "$tmp/ref" "$tmp/four" 2>/dev/null
check "running again: publishes what the failed run would have" \
  "$(published "$out" | grep -v xlsx)" "$(published "$tmp/ref" | grep -v xlsx)"
check "running again: the archive holds the week once" "$(archive_articles "$db")" 4

# ---- A file-size limit crossed in libxlsxwriter's temporary files ----
python3 tests/tools/gen_corpus.py examples/articles "$tmp/c300" 300 >/dev/null
python3 tests/tools/gen_corpus.py examples/articles "$tmp/c150" 150 >/dev/null
for corpus in c300 c150; do   # 300: rows streamed to row files; 150: sheets held in memory
  out="$tmp/x/$corpus"
  bash -c 'trap "" XFSZ; ulimit -f 1000; exec "$@"' - timeout 300 "$BIN" build --no-archive \
    --formats xlsx --out "$out" "$tmp/$corpus" 2>"$tmp/err"
  check "$corpus articles, ulimit -f 1000, SIGXFSZ ignored: exit" "$?" 74
  grep -qE "briefing.xlsx: error: cannot write the workbook: (sheet 'facts': File too large|a file grew past the file-size limit)" "$tmp/err" &&
    echo "ok: $corpus: the workbook's failure reported" || { echo "FAIL: $corpus: $(head -c 400 "$tmp/err")"; fail=1; }
  check "$corpus: nothing published" "$(test -e "$out" && echo published)" ""
done
exit $fail

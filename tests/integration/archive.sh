#!/bin/bash
# The weekly archive end to end: what changed between weeks, coverage, idempotent re-runs,
# the default place of the archive, SIGKILL at random moments, a concurrent run, and files
# that are not our archive. No assertion depends on timing: kills are counted, waits have
# only a generous watchdog.
set -u
EXPORTER=${EXPORTER:-build/exporter}
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
check() { if [ "$2" != "$3" ]; then echo "FAIL: $1: expected '$3', got '$2'"; fail=1; else echo "ok: $1"; fi; }
expect_exit() { local want=$1 name=$2; shift 2; "$@" >"$tmp/out" 2>"$tmp/err"; check "$name exit" "$?" "$want"; }
expect_err() { grep -q -- "$2" "$tmp/err" && echo "ok: $1" || { echo "FAIL: $1: $(cat "$tmp/err")"; fail=1; }; }
rows() { python3 -c 'import csv,sys; print(sum(1 for _ in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig"))))' "$1"; }
# The rows of a CSV whose columns match key=value pairs: csvrows FILE k=v ...
csvrows() { python3 - "$@" <<'PY'
import csv, sys
f, conds = sys.argv[1], dict(a.split('=', 1) for a in sys.argv[2:])
print(sum(1 for r in csv.DictReader(open(f, encoding='utf-8-sig')) if all(r[k] == v for k, v in conds.items())))
PY
}
A="$tmp/a.sqlite"

# W52, then W01, with one archive: W01's changes are against W52.
expect_exit 0 "build W52" "$EXPORTER" build --week 2025-W52 --archive "$A" --out "$tmp/o/{week}" examples/articles
check "W52 changes: header only" "$(rows "$tmp/o/2025-W52/changes.csv")" 0
check "W52 changes header" "$(head -1 "$tmp/o/2025-W52/changes.csv" | tr -d '\r\357\273\277')" \
  '"entity_id","entity","column","previous","current","change","previous_week","sources"'
expect_exit 0 "build W01" "$EXPORTER" build --week 2026-W01 --archive "$A" --out "$tmp/o/{week}" examples/articles
C="$tmp/o/2026-W01/changes.csv"
check "네이버클라우드 params_total_b 32 new" "$(csvrows "$C" entity=네이버클라우드 column=params_total_b current=32 change=new previous_week=2025-W52)" 1
check "LG AI연구원 params_total_b 236 new" "$(csvrows "$C" entity='LG AI연구원' column=params_total_b current=236 change=new previous= previous_week=2025-W52)" 1
check "SK텔레콤 params_total_b 519 → 500 changed" "$(csvrows "$C" entity_id=skt column=params_total_b previous=519 current=500 change=changed)" 1
check "only new or changed" "$(python3 -c 'import csv,sys; print(sorted({r["change"] for r in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig"))}))' "$C")" "['changed', 'new']"
check "coverage publishers of W01" "$(python3 -c 'import csv,sys; print(" ".join(sorted({r["publisher"] for r in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig"))})))' "$tmp/o/2026-W01/coverage.csv")" "뉴스1 동아일보 전자신문 한국경제"
check "coverage header" "$(head -1 "$tmp/o/2026-W01/coverage.csv" | tr -d '\r\357\273\277')" '"entity_id","entity","publisher","articles","mentions"'
# coverage's mentions add up to comparison.csv's per organisation
python3 - "$tmp/o/2026-W01" <<'PY' && echo "ok: coverage sums to comparison's mentions" || { echo "FAIL: coverage sums"; fail=1; }
import csv, sys, collections
d = sys.argv[1]
cov = collections.Counter()
for r in csv.DictReader(open(d + '/coverage.csv', encoding='utf-8-sig')):
    cov[r['entity_id']] += int(r['mentions'])
cmp = {r['entity_id']: int(r['mentions'] or 0) for r in csv.DictReader(open(d + '/comparison.csv', encoding='utf-8-sig'))}
bad = {k: (cov[k], v) for k, v in cmp.items() if cov[k] != v}
sys.exit(1 if bad else 0)
PY
# the briefing's outline has the section, titled by the template's default words
mutool show "$tmp/o/2026-W01/briefing.pdf" outline | grep -q '"이번 주 달라진 점"' && echo "ok: outline has 이번 주 달라진 점" || { echo "FAIL: no changes section in the outline"; fail=1; }
pdftotext "$tmp/o/2026-W01/briefing.pdf" - | grep -q "비교 기준 주: 2025-W52" && echo "ok: the section names the week compared with" || { echo "FAIL: changes section text"; fail=1; }
pdftotext "$tmp/o/2025-W52/briefing.pdf" - | grep -q "이전 주 자료가 없어" && echo "ok: with no earlier week the PDF says so in one line" || { echo "FAIL: no-earlier-week line"; fail=1; }
cp "$C" "$tmp/changes.first"
sqlite3 "$A" .dump > "$tmp/dump.first"

# W01 again: the same changes.csv byte for byte, and the same archive.
expect_exit 0 "build W01 again" "$EXPORTER" build --week 2026-W01 --archive "$A" --out "$tmp/o/{week}" examples/articles
cmp -s "$C" "$tmp/changes.first" && echo "ok: W01 again: changes.csv byte-identical" || { echo "FAIL: W01 again differs"; fail=1; }
sqlite3 "$A" .dump > "$tmp/dump.second"
cmp -s "$tmp/dump.first" "$tmp/dump.second" && echo "ok: re-running a week leaves the archive as it was" || { echo "FAIL: archive changed on a re-run"; diff "$tmp/dump.first" "$tmp/dump.second" | head; fail=1; }
# W52 again afterwards: it compares with weeks before it — there are none.
expect_exit 0 "build W52 again" "$EXPORTER" build --week 2025-W52 --archive "$A" --out "$tmp/o/{week}" examples/articles
check "W52 again: no rows" "$(rows "$tmp/o/2025-W52/changes.csv")" 0
check "archive holds 5 articles" "$(sqlite3 "$A" 'SELECT count(*) FROM articles')" 5
check "archive holds 2 weeks" "$(sqlite3 "$A" 'SELECT group_concat(week || ":" || articles, " ") FROM (SELECT * FROM weeks ORDER BY week)')" "2025-W52:1 2026-W01:4"
check "archive schema version" "$(sqlite3 "$A" 'PRAGMA user_version')" 2
check "archive in WAL" "$(sqlite3 "$A" 'PRAGMA journal_mode')" wal
check "archive integrity" "$(sqlite3 "$A" 'PRAGMA integrity_check')" ok
check "archive foreign keys" "$(sqlite3 "$A" 'PRAGMA foreign_key_check' | wc -l)" 0

# --if-changed and the archive: a run is skipped only when its inputs are unchanged AND what it
# reads from the archive is (the earlier week changes.csv compares with, the trend's weeks) AND
# the archive already holds its week.
IA="$tmp/ic.sqlite" IO="$tmp/ic_out"
ic_run() { "$EXPORTER" build --if-changed --formats csv --archive "$IA" --week "$1" --out "$2" examples/articles 2>"$tmp/err"; }
ic_run 2026-W01 "$IO"; ino=$(stat -c %i "$IO/changes.csv")
check "if-changed: W01 alone has no earlier week" "$(rows "$IO/changes.csv")" 0
ic_run 2026-W01 "$IO"
check "if-changed: same inputs, same archive: skipped" "$(stat -c %i "$IO/changes.csv")" "$ino"
ic_run 2025-W52 "$tmp/ic_52"
ic_run 2026-W01 "$IO"
[ "$(stat -c %i "$IO/changes.csv")" != "$ino" ] && echo "ok: if-changed: an earlier week archived since: run again" || { echo "FAIL: if-changed skipped although the archive gained W52"; fail=1; }
check "if-changed: the redone changes.csv compares with W52" "$(csvrows "$IO/changes.csv" previous_week=2025-W52 entity=네이버클라우드 column=params_total_b change=new)" 1
ino=$(stat -c %i "$IO/changes.csv")
ic_run 2025-W52 "$tmp/ic_52b"   # the earlier week re-run with the same data: same context
ic_run 2026-W01 "$IO"
check "if-changed: earlier week re-run unchanged: skipped" "$(stat -c %i "$IO/changes.csv")" "$ino"
IA="$tmp/ic_new.sqlite"
ic_run 2026-W01 "$IO"
[ "$(stat -c %i "$IO/changes.csv")" != "$ino" ] && echo "ok: if-changed: an archive lacking the week: run again" || { echo "FAIL: if-changed skipped with an archive that lacks the week"; fail=1; }
check "if-changed: the new archive now holds W01" "$(sqlite3 "$IA" 'SELECT week FROM weeks')" 2026-W01

# Where the archive goes by default: the output root.
expect_exit 0 "default archive with {week}" "$EXPORTER" build --formats csv --week last --today 2026-01-07 --out "$tmp/DIR/{week}" examples/articles
test -d "$tmp/DIR/2026-W01" && echo "ok: --week last wrote DIR/2026-W01/" || { echo "FAIL: no DIR/2026-W01"; fail=1; }
check "archive above the placeholder" "$(sqlite3 "$tmp/DIR/archive.sqlite" 'SELECT week FROM weeks')" "2026-W01"
expect_exit 0 "default archive without placeholder" "$EXPORTER" build --formats csv --week 2026-W01 --out "$tmp/plain" examples/articles
# without a placeholder the out folder is one run's set, replaced whole: the archive is in
# the state folder beside it, and survives the next run
check "archive beside the out folder" "$(sqlite3 "$tmp/.plain.exporter/archive.sqlite" 'SELECT count(*) FROM articles')" 4
test ! -e "$tmp/plain/archive.sqlite" && echo "ok: the archive is not part of the set" || { echo "FAIL: archive in the set"; fail=1; }
expect_exit 0 "the next run" "$EXPORTER" build --formats csv --week 2025-W52 --out "$tmp/plain" examples/articles
check "the archive survived the switch" "$(sqlite3 "$tmp/.plain.exporter/archive.sqlite" 'SELECT count(*) FROM articles')" 5
expect_exit 0 "--no-archive" "$EXPORTER" build --formats csv --week 2026-W01 --no-archive --out "$tmp/noarch" examples/articles
test ! -e "$tmp/noarch/archive.sqlite" && echo "ok: --no-archive keeps no archive" || { echo "FAIL: --no-archive made one"; fail=1; }
check "--no-archive changes: header only" "$(rows "$tmp/noarch/changes.csv")" 0
expect_exit 64 "--archive with --no-archive" "$EXPORTER" build --archive "$A" --no-archive --out "$tmp/x" examples/articles
expect_exit 0 "check never opens the archive" "$EXPORTER" check --archive "$tmp/never.sqlite" examples/articles
test ! -e "$tmp/never.sqlite" && echo "ok: check made no archive" || { echo "FAIL: check made an archive"; fail=1; }

# Files that are not our archive: 69, their own message, never written, nothing exported.
printf 'these are my notes\n' > "$tmp/notes.txt"; cp "$tmp/notes.txt" "$tmp/notes.orig"
expect_exit 69 "a text file as archive" "$EXPORTER" build --archive "$tmp/notes.txt" --out "$tmp/f1" examples/articles
expect_err "text file message" "notes.txt: error: not an exporter archive (not an SQLite database)"
cmp -s "$tmp/notes.txt" "$tmp/notes.orig" && echo "ok: text file untouched" || { echo "FAIL: text file changed"; fail=1; }
test ! -e "$tmp/f1" && echo "ok: nothing exported beside a foreign archive" || { echo "FAIL: outputs written"; fail=1; }
sqlite3 "$tmp/other.db" 'CREATE TABLE t(x); INSERT INTO t VALUES (1);'; cp "$tmp/other.db" "$tmp/other.orig"
expect_exit 69 "another program's database" "$EXPORTER" build --archive "$tmp/other.db" --out "$tmp/f2" examples/articles
expect_err "foreign database message" "other.db: error: not an exporter archive (an SQLite database of another program)"
cmp -s "$tmp/other.db" "$tmp/other.orig" && echo "ok: foreign database untouched" || { echo "FAIL: foreign database changed"; fail=1; }
check "no journal beside the foreign database" "$(ls "$tmp" | grep -c 'other.db-')" 0
cp "$A" "$tmp/corrupt.sqlite"
python3 - "$tmp/corrupt.sqlite" <<'PY'
import sys
f = open(sys.argv[1], 'r+b'); f.seek(4096 * 2); f.write(b'\xa5' * 4096 * 3); f.close()
PY
cp "$tmp/corrupt.sqlite" "$tmp/corrupt.orig"
expect_exit 69 "a corrupt archive" "$EXPORTER" build --archive "$tmp/corrupt.sqlite" --out "$tmp/f3" examples/articles
expect_err "corrupt message" "corrupt.sqlite: error: the archive is corrupt"
cmp -s "$tmp/corrupt.sqlite" "$tmp/corrupt.orig" && echo "ok: corrupt archive untouched" || { echo "FAIL: corrupt archive changed"; fail=1; }
cp "$A" "$tmp/newer.sqlite"; sqlite3 "$tmp/newer.sqlite" 'PRAGMA user_version = 99'
expect_exit 69 "an archive from a newer exporter" "$EXPORTER" build --archive "$tmp/newer.sqlite" --out "$tmp/f4" examples/articles
expect_err "newer message" "schema version 99, newer than this exporter's 2"
mkdir -p "$tmp/adir"
expect_exit 69 "a folder as archive" "$EXPORTER" build --archive "$tmp/adir" --out "$tmp/f5" examples/articles
: > "$tmp/empty.sqlite"
expect_exit 0 "an empty file becomes an archive" "$EXPORTER" build --formats csv --week 2026-W01 --archive "$tmp/empty.sqlite" --out "$tmp/f6" examples/articles
check "empty file now ours" "$(sqlite3 "$tmp/empty.sqlite" 'PRAGMA application_id')" 1163415639

# A concurrent run: while another holds the archive's write lock, a run exits 75 after the
# busy timeout; with --wait it waits and then succeeds.
cat > "$tmp/hold.py" <<'PY'
import os, sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute('BEGIN IMMEDIATE')
open(sys.argv[2], 'w').close()
for _ in range(6000):            # watchdog: 10 minutes at most
    if os.path.exists(sys.argv[3]):
        break
    time.sleep(0.1)
c.execute('ROLLBACK')
PY
python3 "$tmp/hold.py" "$A" "$tmp/held" "$tmp/release" & holder=$!
for _ in $(seq 600); do [ -e "$tmp/held" ] && break; sleep 0.1; done
expect_exit 75 "archive locked by another run" "$EXPORTER" build --formats csv --week 2026-W01 --archive "$A" --out "$tmp/l1" examples/articles
expect_err "lock message" "the archive is locked by another run"
"$EXPORTER" build --wait --formats csv --week 2026-W01 --archive "$A" --out "$tmp/l2" examples/articles 2>"$tmp/err" & waiter=$!
touch "$tmp/release"
wait "$waiter"; check "--wait on the archive exit" "$?" 0
wait "$holder"

# SIGKILL at random moments of runs writing one archive: it stays whole every time.
python3 tests/tools/gen_corpus.py examples/articles "$tmp/corpus" 600
K="$tmp/kill.sqlite"
"$EXPORTER" build --formats csv --archive "$K" --out "$tmp/k" "$tmp/corpus" 2>/dev/null
kills=0; bad=0
for i in $(seq 1 12); do
  week="2025-W$(printf %02d $((44 + i % 5)))"
  "$EXPORTER" build --formats csv --week "$week" --archive "$K" --out "$tmp/k" "$tmp/corpus" 2>/dev/null & pid=$!
  sleep "0.$((RANDOM % 10))$((RANDOM % 10))"
  kill -9 "$pid" 2>/dev/null && kills=$((kills + 1)); wait "$pid" 2>/dev/null
  [ "$(sqlite3 "$K" 'PRAGMA integrity_check' 2>&1)" = ok ] || bad=$((bad + 1))
done
check "integrity after $kills kills in 12 runs" "$bad" 0
expect_exit 0 "a run after the kills" "$EXPORTER" build --formats csv --week 2025-W45 --archive "$K" --out "$tmp/k" "$tmp/corpus"
check "integrity after the kills and a run" "$(sqlite3 "$K" 'PRAGMA integrity_check')" ok

exit $fail

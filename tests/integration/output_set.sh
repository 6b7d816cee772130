#!/bin/bash
# One run's files, never two: the output folder always holds one complete set. 50 runs are
# killed (SIGKILL) at random moments against a folder holding a previous run's set, while an
# observer reads the folder over and over; every state it sees must be byte-identical to one
# of the two reference sets. Then SIGTERM/SIGINT during the write remove the staging folder
# and free the lock, and the folder cases (--out '', a foreign folder, a foreign link).
# Nothing here asserts on time: kill moments are random, and what is counted is states.
set -u
EXPORTER=${EXPORTER:-build/exporter}
fail=0
tmp=$(mktemp -d)
trap 'touch "$tmp/stop"; wait; rm -rf "$tmp"' EXIT
check() { if [ "$2" != "$3" ]; then echo "FAIL: $1: expected '$3', got '$2'"; fail=1; else echo "ok: $1"; fi; }

python3 tests/tools/gen_corpus.py examples/articles "$tmp/A" 120
python3 tests/tools/gen_corpus.py examples/articles "$tmp/B" 121
# csv and pdf: the sets are compared byte for byte, and those are reproducible.
F="--formats csv,pdf"
"$EXPORTER" build $F --out "$tmp/refA" "$tmp/A" 2>/dev/null || { echo "FAIL: reference run A"; exit 1; }
"$EXPORTER" build $F --out "$tmp/refB" "$tmp/B" 2>/dev/null || { echo "FAIL: reference run B"; exit 1; }
out="$tmp/pub/out"
"$EXPORTER" build $F --out "$out" "$tmp/A" 2>/dev/null || { echo "FAIL: first run"; exit 1; }

# The observer opens the folder once (as a reader must: cd, or open the directory) and reads
# every file through that handle. A set is removed only two switches after it was replaced;
# a read that meets such a removal (the folder is gone, or no longer the published one) is
# retried; anything else that is not exactly set A or set B is a failure.
cat > "$tmp/observe.py" <<'PY'
import errno, hashlib, os, sys
out, ref_a, ref_b, stop, report = sys.argv[1:6]
def digest_at(fd):
    h = hashlib.sha256()
    for name in sorted(os.listdir(fd)):
        f = os.open(name, os.O_RDONLY, dir_fd=fd)
        with os.fdopen(f, 'rb') as fp:
            h.update(name.encode() + b'\0' + fp.read() + b'\0')
    return h.hexdigest()
def digest(path):
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        return digest_at(fd)
    finally:
        os.close(fd)
want = {digest(ref_a): 'A', digest(ref_b): 'B'}
seen = {'A': 0, 'B': 0, 'vanished': 0, 'bad': 0}
first = True
while first or not os.path.exists(stop):
    first = False
    fd = os.open(out, os.O_RDONLY | os.O_DIRECTORY)
    def retired():
        st, now = os.fstat(fd), os.stat(out)
        return st.st_nlink == 0 or (st.st_dev, st.st_ino) != (now.st_dev, now.st_ino)
    try:
        d = digest_at(fd)
        kind = want.get(d, 'bad')
    except FileNotFoundError:
        kind = 'bad'
    if kind == 'bad' and retired():
        kind = 'vanished'
    os.close(fd)
    seen[kind] += 1
    if kind == 'bad':
        print('mixed or partial set seen:', sorted(os.listdir(out)), file=sys.stderr)
with open(report, 'w') as f:
    f.write('%d %d %d %d\n' % (seen['A'], seen['B'], seen['vanished'], seen['bad']))
PY
python3 "$tmp/observe.py" "$out" "$tmp/refA" "$tmp/refB" "$tmp/stop" "$tmp/report" &
observer=$!

# Kill moments: uniform over a little more than one run, from a fixed seed. Every fifth run
# is let finish, so the folder alternates between the two sets.
start=$(date +%s%N); "$EXPORTER" build $F --out "$tmp/timing" "$tmp/B" 2>/dev/null
run_ns=$(( $(date +%s%N) - start ))
delays=$(python3 -c "import random,sys; r=random.Random(14); print(' '.join('%.3f' % (r.uniform(0, 1.3) * int(sys.argv[1]) / 1e9) for _ in range(50)))" "$run_ns")
i=0; killed=0; finished=0
for delay in $delays; do
  i=$((i + 1))
  corpus=A; [ $((i % 2)) = 0 ] && corpus=B
  if [ $((i % 5)) = 0 ]; then
    "$EXPORTER" build $F --out "$out" "$tmp/$corpus" 2>/dev/null && finished=$((finished + 1))
    continue
  fi
  "$EXPORTER" build $F --out "$out" "$tmp/$corpus" 2>/dev/null &
  pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null && killed=$((killed + 1))
  wait "$pid" 2>/dev/null
done
touch "$tmp/stop"; wait "$observer"
read -r seen_a seen_b vanished bad < "$tmp/report"
echo "note: $killed runs killed, $finished let finish; observer saw A $seen_a, B $seen_b, removed while reading $vanished"
check "no mixed or partial set observed" "$bad" 0
check "finished runs published" "$finished" 10

# After the kills: a run succeeds, and only the published set and the one it replaced are
# left under runs/.
"$EXPORTER" build $F --out "$out" "$tmp/B" 2>/dev/null
check "run after kills" "$?" 0
check "leftovers removed" "$(ls -A "$tmp/pub/.out.exporter/runs" | wc -l)" 2
cmp -s "$out/articles.csv" "$tmp/refB/articles.csv" && echo "ok: last set published" || { echo "FAIL: last set"; fail=1; }

# SIGTERM, SIGINT and SIGHUP (a closed terminal) while the staging folder exists: it is
# removed and the lock is free.
python3 tests/tools/gen_corpus.py examples/articles "$tmp/big" 600
runs="$tmp/pub/.out.exporter/runs"
for sig in TERM INT HUP; do
  caught=0
  for try in 1 2 3 4 5; do
    # (a background job of a script starts with SIGINT ignored, which exporter respects;
    # this one starts with every signal at its default, as from a terminal)
    python3 -c 'import os, signal, sys
for s in (signal.SIGINT, signal.SIGQUIT, signal.SIGHUP): signal.signal(s, signal.SIG_DFL)
os.execv(sys.argv[1], sys.argv[1:])' "$EXPORTER" build --out "$out" "$tmp/big" 2>/dev/null &
    pid=$!
    # Wait (without a clock) until the run has made its staging folder, or has ended.
    python3 - "$runs" "$pid" <<'PY'
import os, sys
runs, pid = sys.argv[1], int(sys.argv[2])
while len(os.listdir(runs)) < 3:
    try:
        os.kill(pid, 0)
        with open('/proc/%d/stat' % pid) as f:
            if f.read().split(') ')[1][0] == 'Z':
                break
    except (ProcessLookupError, FileNotFoundError):
        break
PY
    if [ "$(ls -A "$runs" | wc -l)" -ge 3 ]; then
      kill -s "$sig" "$pid"; wait "$pid"; rc=$?
      if [ "$rc" -gt 128 ]; then
        caught=1
        check "SIG$sig: staging folder removed" "$(ls -A "$runs" | wc -l)" 2
        "$EXPORTER" build --formats csv --out "$out" "$tmp/A" 2>/dev/null
        check "SIG$sig: lock released (next run exit)" "$?" 0
        break
      fi
    else
      wait "$pid"
    fi
  done
  [ $caught = 1 ] || echo "note: SIG$sig never landed during a write in 5 tries"
done

# A SIGHUP the caller ignores (nohup) stays ignored: the run goes on and publishes.
( trap '' HUP; exec "$EXPORTER" build --formats csv --out "$out" "$tmp/big" 2>/dev/null ) &
pid=$!
python3 - "$runs" "$pid" <<'PY'
import os, sys
runs, pid = sys.argv[1], int(sys.argv[2])
while len(os.listdir(runs)) < 3:
    try:
        with open('/proc/%d/stat' % pid) as f:
            if f.read().split(') ')[1][0] == 'Z':
                break
    except FileNotFoundError:
        break
PY
kill -s HUP "$pid" 2>/dev/null; wait "$pid"
check "SIGHUP ignored by the caller: the run completes" "$?" 0
check "SIGHUP ignored: its set published" "$(test -s "$out/facts.csv" && echo yes)" yes

# Folders that cannot hold a set: no name, a folder with someone else's files, a foreign link.
"$EXPORTER" build --out '' examples/articles 2>"$tmp/err"
check "--out '' exit" "$?" 64
mkdir -p "$tmp/mine"; echo keep > "$tmp/mine/notes.txt"
"$EXPORTER" build --out "$tmp/mine" examples/articles 2>"$tmp/err"
check "foreign folder exit" "$?" 73
grep -q "mine/notes.txt: error: the output folder holds a file exporter did not write" "$tmp/err" && echo "ok: foreign folder message" || { echo "FAIL: foreign folder: $(cat "$tmp/err")"; fail=1; }
check "foreign file kept" "$(cat "$tmp/mine/notes.txt")" keep
check "foreign folder: no state folder left beside it" "$(test -e "$tmp/.mine.exporter" && echo left)" ""
ln -s "$tmp/mine" "$tmp/elsewhere"
"$EXPORTER" build --out "$tmp/elsewhere" examples/articles 2>"$tmp/err"
check "foreign link exit" "$?" 73
check "foreign link: no state folder left beside it" "$(test -e "$tmp/.elsewhere.exporter" && echo left)" ""
# The input folder named as the output: refused, and nothing made beside it.
mkdir -p "$tmp/inout"; cp examples/articles/*.txt "$tmp/inout/"
"$EXPORTER" build --out "$tmp/inout" "$tmp/inout" 2>"$tmp/err"
check "the input as the output: exit" "$?" 73
check "the input as the output: nothing left beside it" "$(ls -A "$tmp" | grep -c '^\.inout\.exporter$')" 0
# A folder an earlier exporter wrote into (outputs only) is taken over.
mkdir -p "$tmp/old"; cp "$tmp/refA"/*.csv "$tmp/old/"; touch "$tmp/old/.exporter.lock"
"$EXPORTER" build --formats csv --out "$tmp/old" examples/articles 2>"$tmp/err"
check "old folder taken over" "$?" 0
check "old folder is now a link" "$(test -L "$tmp/old" && echo link)" link
check "old folder's files gone" "$(ls -A "$tmp/.old.exporter/runs" | wc -l)" 1

exit $fail

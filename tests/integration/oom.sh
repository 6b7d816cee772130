#!/bin/bash
# Out of memory is exit 71, always: the plain binary (ASan reserves terabytes of address space)
# under ulimit -v at 22 limits, from the least it starts with to enough for the whole run, on
# the default number of reader threads and on four (a thread that runs out of memory must end
# the run with 71 too, never leave the others waiting), each under a generous watchdog.
# Then libyaml's parser made to fail on purpose (a preloaded malloc, tests/tools/failmalloc.c)
# when the template is read and when an article is read on a reader thread.
# Every run must end 71 with one "out of memory" line, or 0 with the complete set: the same
# files as an unlimited run, and the briefing set in the same fonts (under memory pressure
# font loading used to fall back silently to another font).
set -u
BIN=${PLAIN_EXPORTER:-build/exporter}
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
check() { if [ "$2" != "$3" ]; then echo "FAIL: $1: expected '$3', got '$2'"; fail=1; else echo "ok: $1"; fi; }
fonts() { pdffonts "$1" 2>/dev/null | tail -n +3 | awk '{print $1}' | sed 's/^[A-Z]*+//' | sort | tr '\n' ' '; }

"$BIN" build --formats csv,pdf --out "$tmp/ref" examples/articles 2>/dev/null || { echo "FAIL: reference run"; exit 1; }
want_fonts=$(fonts "$tmp/ref/briefing.pdf")
want_files=$(ls "$tmp/ref" | tr '\n' ' ')
# Below some limit the program cannot start at all: the dynamic loader fails to map a
# library (127) or GLib's constructor aborts on malloc (134), before main. The sweep starts
# at the first limit where --version runs.
start=8000
while [ $start -lt 100000 ]; do
  (ulimit -v $start; "$BIN" --version >/dev/null 2>&1) && break
  start=$((start + 1000))
done
echo "note: the program starts from $start KiB"
ok=0; oom=0
for run in $(seq $start 2000 $((start + 42000)) | sed 's/$/:default/'; seq $((start + 1000)) 2000 $((start + 42000)) | sed 's/$/:4/'); do
  kb=${run%%:*} jobs=${run#*:}
  rm -rf "$tmp/o" "$tmp/.o.exporter"
  jopt=(); [ "$jobs" = default ] || jopt=(-j "$jobs")
  (ulimit -v $kb; timeout 120 "$BIN" build "${jopt[@]}" --formats csv,pdf --out "$tmp/o" examples/articles 2>"$tmp/err"); rc=$?
  case $rc in
    0)
      ok=$((ok + 1))
      [ "$(ls "$tmp/o" | tr '\n' ' ')" = "$want_files" ] || { echo "FAIL: $kb KiB: exit 0 with files $(ls "$tmp/o" | tr '\n' ' ')"; fail=1; }
      [ "$(fonts "$tmp/o/briefing.pdf")" = "$want_fonts" ] || { echo "FAIL: $kb KiB: exit 0 but fonts $(fonts "$tmp/o/briefing.pdf") (want $want_fonts)"; fail=1; }
      [ -s "$tmp/err" ] && { echo "FAIL: $kb KiB: exit 0 but printed: $(head -c 300 "$tmp/err")"; fail=1; } ;;
    71)
      oom=$((oom + 1))
      grep -q "error: out of memory" "$tmp/err" || { echo "FAIL: $kb KiB: 71 without the message: $(head -c 300 "$tmp/err")"; fail=1; } ;;
    124)
      echo "FAIL: $kb KiB, -j $jobs: still running after 120 s (hung)"; fail=1 ;;
    *)
      echo "FAIL: $kb KiB, -j $jobs: exit $rc: $(head -c 300 "$tmp/err")"; fail=1 ;;
  esac
done
echo "note: $ok limits ran to completion, $oom ran out of memory (exit 71)"
check "some limits run out of memory" "$([ $oom -gt 0 ] && echo yes)" yes
check "some limits complete" "$([ $ok -gt 0 ] && echo yes)" yes

# libyaml allocates its input buffer (3 x 16 KiB) when a parser starts: fail the first one
# (the template's) and the second (an article's, on a reader thread at -j 2). A parser that
# failed to start used to hand out empty events forever: the run hung.
if cc -shared -fPIC -o "$tmp/failmalloc.so" tests/tools/failmalloc.c 2>"$tmp/cc.err"; then
  for skip in 0 1 2; do
    rm -rf "$tmp/o" "$tmp/.o.exporter"
    FAILMALLOC_SIZE=49152 FAILMALLOC_SKIP=$skip LD_PRELOAD="$tmp/failmalloc.so" \
      timeout 120 "$BIN" build -j 2 --formats csv --out "$tmp/o" examples/articles 2>"$tmp/err"
    rc=$?
    check "libyaml's parser fails to start (allocation $((skip + 1))): exit" "$rc" 71
    grep -q "error: out of memory (libyaml)" "$tmp/err" || { echo "FAIL: no out-of-memory message: $(head -c 300 "$tmp/err")"; fail=1; }
  done
else
  echo "FAIL: cannot build the malloc injector: $(head -c 300 "$tmp/cc.err")"; fail=1
fi
exit $fail

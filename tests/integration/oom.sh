#!/bin/bash
# Out of memory is exit 71, always: the plain binary (ASan reserves terabytes of address space)
# under ulimit -v at 22 limits, from the least it starts with to enough for the whole run.
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
for kb in $(seq $start 2000 $((start + 42000))); do
  rm -rf "$tmp/o" "$tmp/.o.exporter"
  # -j 1: the threaded reader can hang when a thread runs out of memory (reported; see notes)
  (ulimit -v $kb; timeout 120 "$BIN" build -j 1 --formats csv,pdf --out "$tmp/o" examples/articles 2>"$tmp/err"); rc=$?
  case $rc in
    0)
      ok=$((ok + 1))
      [ "$(ls "$tmp/o" | tr '\n' ' ')" = "$want_files" ] || { echo "FAIL: $kb KiB: exit 0 with files $(ls "$tmp/o" | tr '\n' ' ')"; fail=1; }
      [ "$(fonts "$tmp/o/briefing.pdf")" = "$want_fonts" ] || { echo "FAIL: $kb KiB: exit 0 but fonts $(fonts "$tmp/o/briefing.pdf") (want $want_fonts)"; fail=1; }
      [ -s "$tmp/err" ] && { echo "FAIL: $kb KiB: exit 0 but printed: $(head -c 300 "$tmp/err")"; fail=1; } ;;
    71)
      oom=$((oom + 1))
      grep -q "error: out of memory" "$tmp/err" || { echo "FAIL: $kb KiB: 71 without the message: $(head -c 300 "$tmp/err")"; fail=1; } ;;
    *)
      echo "FAIL: $kb KiB: exit $rc: $(head -c 300 "$tmp/err")"; fail=1 ;;
  esac
done
echo "note: $ok limits ran to completion, $oom ran out of memory (exit 71)"
check "some limits run out of memory" "$([ $oom -gt 0 ] && echo yes)" yes
check "some limits complete" "$([ $ok -gt 0 ] && echo yes)" yes
exit $fail

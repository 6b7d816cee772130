#!/bin/bash
# A successful run prints nothing, whatever the environment cron gives it: no HOME, a HOME
# that does not exist, a HOME nobody can write (fontconfig used to print "No writable cache
# directories" there, and cron mails every line). Also with -j and with the workbook.
set -u
EXPORTER=${EXPORTER:-build/exporter}
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
check() { if [ "$2" != "$3" ]; then echo "FAIL: $1: expected '$3', got '$2'"; fail=1; else echo "ok: $1"; fi; }

n=0
for home in unset "$tmp/missing" /proc/self; do
  n=$((n + 1))
  if [ "$home" = unset ]; then
    env -u HOME -u XDG_CACHE_HOME -u XDG_CONFIG_HOME "$EXPORTER" build --out "$tmp/o$n" examples/articles >"$tmp/out" 2>"$tmp/err"
  else
    env -u XDG_CACHE_HOME -u XDG_CONFIG_HOME HOME="$home" "$EXPORTER" build --out "$tmp/o$n" examples/articles >"$tmp/out" 2>"$tmp/err"
  fi
  check "HOME=$home exit" "$?" 0
  check "HOME=$home: nothing on stderr" "$(cat "$tmp/err")" ""
  check "HOME=$home: nothing on stdout" "$(cat "$tmp/out")" ""
  check "HOME=$home: the briefing written" "$(test -s "$tmp/o$n/briefing.pdf" && echo yes)" yes
done
exit $fail

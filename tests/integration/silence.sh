#!/bin/bash
# A successful run prints nothing, whatever the environment cron gives it: no HOME, a HOME
# that does not exist, a HOME nobody can write (fontconfig used to print "No writable cache
# directories" there, and cron mails every line). Also with -j and with the workbook, and
# with a locale fontconfig cannot read (LANG=C.UTF-16 made it print "ignoring …: not a valid
# language tag"): silent, and the same bytes as under the C locale.
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

env LC_ALL=C "$EXPORTER" build --no-archive --formats csv,pdf --out "$tmp/ref" examples/articles 2>/dev/null
for locale in LC_ALL=C.UTF-16 LANG=@@@ LC_CTYPE=.. LANG=ko_KR.EUC-KR FC_LANG=x@y LC_ALL=tr_TR.UTF-8; do
  rm -rf "$tmp/loc" "$tmp/.loc.exporter"
  env -u LC_ALL -u LC_CTYPE -u LANG -u FC_LANG "$locale" \
    "$EXPORTER" build --no-archive --formats csv,pdf --out "$tmp/loc" examples/articles >"$tmp/out" 2>"$tmp/err"
  check "$locale exit" "$?" 0
  check "$locale: nothing on stderr" "$(cat "$tmp/err")" ""
  same=yes
  for f in articles.csv facts.csv comparison.csv briefing.pdf; do cmp -s "$tmp/ref/$f" "$tmp/loc/$f" || same="no: $f"; done
  check "$locale: the same bytes as under LC_ALL=C" "$same" yes
done
exit $fail

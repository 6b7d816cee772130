#!/bin/bash
# Periods on Korea's calendar: --week last/this/YYYY-Www, --today, --since/--until that must
# name real days, and {week}/{date} in --out naming the selected period and today.
set -u
EXPORTER=${EXPORTER:-build/exporter}
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
check() { if [ "$2" != "$3" ]; then echo "FAIL: $1: expected '$3', got '$2'"; fail=1; else echo "ok: $1"; fi; }
expect_exit() { local want=$1 name=$2; shift 2; "$@" >"$tmp/out" 2>"$tmp/err"; check "$name exit" "$?" "$want"; }
dirs() { (cd "$1" && ls -d -- */ | tr -d /); }   # the folders only (the archive sits beside them)
rows() { python3 -c 'import csv,sys; print(sum(1 for _ in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig"))))' "$1"; }

# Impossible dates and weeks are usage errors (64), whatever their shape suggests.
for bad in "--since 2026-02-30" "--since 2026-02-29" "--until 2025-04-31" "--since 2025-13-01" \
           "--week 2025-W53" "--week 2026-W54" "--week lastweek" "--today 2026-02-31" \
           "--week last --today 2026-00-10" "--since 2025-12-31 --until 2025-12-01"; do
  # shellcheck disable=SC2086
  expect_exit 64 "$bad" "$EXPORTER" build --formats csv --out "$tmp/never" $bad examples/articles
  grep -q "see exporter --help" "$tmp/err" || { echo "FAIL: $bad: no usage message: $(cat "$tmp/err")"; fail=1; }
done
check "impossible dates write nothing" "$(ls "$tmp/never" 2>/dev/null | wc -l)" 0
expect_exit 0 "2024-02-29 exists" "$EXPORTER" build --formats csv --since 2024-02-29 --out "$tmp/leap" examples/articles
expect_exit 66 "2026-W53 has no sample articles" "$EXPORTER" build --week 2026-W53 --out "$tmp/w53" examples/articles

# --week last on Wednesday 2026-01-07 is 2026-W01 (Mon 2025-12-29 .. Sun 2026-01-04): the
# folder is named after it and holds its four articles.
expect_exit 0 "--week last" "$EXPORTER" build --formats csv --week last --today 2026-01-07 --out "$tmp/DIR/{week}" examples/articles
check "last week folder" "$(dirs "$tmp/DIR")" "2026-W01"
check "last week articles" "$(rows "$tmp/DIR/2026-W01/articles.csv")" 4
# On Sunday 2026-01-04 that week is not over: last is 2025-W52, with its one article.
expect_exit 0 "--week last on a Sunday" "$EXPORTER" build --formats csv --week last --today 2026-01-04 --out "$tmp/sun/{week}" examples/articles
check "Sunday's last week" "$(dirs "$tmp/sun")" "2025-W52"
check "Sunday's last week articles" "$(rows "$tmp/sun/2025-W52/articles.csv")" 1
# --week this, and {date} is today; --today may come after --week.
expect_exit 0 "--week this" "$EXPORTER" build --formats csv --week this --out "$tmp/this/{week}/{date}" --today 2025-12-31 examples/articles
check "this week folder" "$(cd "$tmp/this" && echo */*)" "2026-W01/2025-12-31"
# The named week; without --week, {week} is today's week, not the newest article's.
expect_exit 0 "--week 2025-W52" "$EXPORTER" build --formats csv --week 2025-W52 --out "$tmp/named/{week}" examples/articles
check "named week folder" "$(dirs "$tmp/named")" "2025-W52"
expect_exit 0 "open period" "$EXPORTER" build --formats csv --today 2026-03-02 --out "$tmp/open/{week}" examples/articles
check "open period folder" "$(dirs "$tmp/open")" "2026-W10"
check "open period articles" "$(rows "$tmp/open/2026-W10/articles.csv")" 5

# Korea's calendar, whatever the machine's TZ: 2025-12-28T20:00Z is Monday 2025-12-29 05:00 in
# Seoul, so the article belongs to 2026-W01 and not to 2025-W52 (where its UTC day would put it).
mkdir -p "$tmp/utc"
sed 's/^published_at: .*/published_at: 2025-12-28T20:00:00Z/' examples/articles/000_a01ba545a0ffea06.txt > "$tmp/utc/a.txt"
for tz in UTC America/Los_Angeles Pacific/Kiritimati; do
  TZ=$tz "$EXPORTER" build --formats csv --week 2026-W01 --out "$tmp/tz-$tz" "$tmp/utc" 2>/dev/null
  check "KST day under TZ=$tz" "$(rows "$tmp/tz-$tz/articles.csv" 2>/dev/null)" 1
  TZ=$tz "$EXPORTER" build --formats csv --week 2025-W52 --out "$tmp/tz52-$tz" "$tmp/utc" 2>/dev/null
  check "not in W52 under TZ=$tz" "$?" 66
done

# --since/--until are inclusive Korean days.
expect_exit 0 "since..until" "$EXPORTER" build --formats csv --since 2025-12-28 --until 2025-12-28 --out "$tmp/range" examples/articles
check "one day" "$(rows "$tmp/range/articles.csv")" 1

exit $fail

#!/bin/bash
# quantities.sh — end to end: `exporter quantities` on stdin, its output, messages and exit codes.
# Run by `make test` with EXPORTER set (the ASan build); defaults to build/exporter.
set -euo pipefail
exe=${EXPORTER:-build/exporter}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "quantities.sh: $*" >&2; exit 1; }

# Good input: silent on stderr, exit 0, one line per figure.
printf 'SKT는 500B(5000억 개) 모델을\n10~20억 원, 95%% 이상, 100B-A10\n2026년 1월 15일 1차 B2B\n' \
  | "$exe" quantities > "$tmp/out" 2> "$tmp/err" || fail "good input: exit $?"
cat > "$tmp/want" <<'TSV'
1	500B(5000억 개)	500000000000	count		
2	10~20억 원	1000000000..2000000000	KRW	range	
2	95% 이상	95	percent	at_least	
2	100B	100000000000			total
2	A10	10000000000			active
TSV
diff -u "$tmp/want" "$tmp/out" || fail "good input: output differs"
[ ! -s "$tmp/err" ] || fail "good input: unexpected messages: $(cat "$tmp/err")"

# Units from the registry, signs, foreign money, Hangul numerals, fractions, hyphen ranges.
printf '발전량 4만 2150GWh, 10.8GW\n영업손실 △1,176억 원, 마이너스 3%%\nEUR 20, 구파운드, 만불\n이만칠천원, 3분의 1, 10-20%%\n2-0 승리\n' \
  | "$exe" quantities > "$tmp/out" 2> "$tmp/err" || fail "new forms: exit $?"
cat > "$tmp/want" <<'TSV'
1	4만 2150GWh	42150000000000	Wh		
1	10.8GW	10800000000	W		
2	△1,176억 원	-117600000000	KRW		
2	마이너스 3%	-3	percent		
3	EUR 20	20	EUR		
3	구파운드	9	GBP		
3	만불	10000	USD		
4	이만칠천원	27000	KRW		
4	3분의 1	0.333333333333333333	fraction		
4	10-20%	10..20	percent	range	
TSV
diff -u "$tmp/want" "$tmp/out" || fail "new forms: output differs"

# A template column naming a unit nobody defined: exit 78 (EX_CONFIG) at its position.
cat > "$tmp/bad.yaml" <<'YAML'
template: t
entities:
  - {id: a, name: 가나}
columns:
  - id: q
    type: quantity
    units: [count, furlongs]
YAML
set +e
"$exe" check --template "$tmp/bad.yaml" examples/articles > /dev/null 2> "$tmp/err"
rc=$?
set -e
[ "$rc" -eq 78 ] || fail "unknown unit: exit $rc, want 78"
grep -q "bad.yaml:7:20: error: column 'q' names unknown unit 'furlongs'" "$tmp/err" \
  || fail "unknown unit: message: $(cat "$tmp/err")"

# Bad input: a diagnostic per refused line, the rest still printed, exit 65 (EX_DATAERR).
set +e
printf '3명\n1,,000개\n\xff\n억억\n1.2.3조\n99999999999999999999999\n7건\n' \
  | "$exe" quantities > "$tmp/out" 2> "$tmp/err"
rc=$?
set -e
[ "$rc" -eq 65 ] || fail "bad input: exit $rc, want 65"
printf '1\t3명\t3\tpeople\t\t\n7\t7건\t7\tcases\t\t\n' | diff -u - "$tmp/out" || fail "bad input: output differs"
[ "$(grep -c ': error: ' "$tmp/err")" -eq 5 ] || fail "bad input: want 5 errors, got: $(cat "$tmp/err")"
grep -q '^exporter: <stdin>:2:1: error: malformed number (repeated comma)' "$tmp/err" || fail "no comma message"
grep -q '^exporter: <stdin>:3:1: error: invalid UTF-8' "$tmp/err" || fail "no UTF-8 message"

# The sample articles: no refused numbers, and the key figures are there.
for f in examples/articles/*.txt; do
  "$exe" quantities < "$f" >> "$tmp/articles" 2> "$tmp/err" || fail "$f: exit $?"
done
for want in $'5000억개(500B) 규모\t500000000000\tcount\tapprox' $'약 330억개\t33000000000\tcount\tapprox' \
            $'72.03점\t72.03\tscore' $'120B\t120000000000\t\t\tname' $'628억 원\t62800000000\tKRW'; do
  grep -qF "$want" "$tmp/articles" || fail "articles: missing $want"
done
if grep -qP '\t(B2B|K1|1차|30일|2026년)\t' "$tmp/articles"; then fail "articles: a name or date reported"; fi
echo "quantities.sh: ok"

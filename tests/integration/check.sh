#!/bin/bash
# `exporter check` for a template author: everything build would refuse or drop is an error
# with its position (exit 78), and the report says per column what the template found.
set -u
EXPORTER=${EXPORTER:-build/exporter}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
ok() { echo "ok: $1"; }
bad() { echo "FAIL: $1"; fail=1; }

cat > "$tmp/t.yaml" <<'YAML'
template: check-demo
entities:
  - {id: skt, name: SK텔레콤, aliases: [SKT], models: [{name: A.X K1, flagship: true}]}
  - {id: nobody, name: 아무도없는회사}
columns:
  - {id: flagship, type: models, flagship: true}
  - {id: params, type: quantity, units: ["", count], scale: 9, cues: [매개변수]}
  - {id: never, type: quantity, units: [KRW], cues: [존재하지않는단서]}
layout:
  table_columns: [entity, flagship, params, sources]
YAML
"$EXPORTER" check --template "$tmp/t.yaml" examples/articles > "$tmp/out" 2> "$tmp/err"
rc=$?
[ "$rc" -eq 0 ] && ok "check exit 0" || bad "check exit $rc: $(cat "$tmp/err")"
grep -Eq '^  params +quantity +[1-9][0-9]* +1 of 2   empty: nobody$' "$tmp/out" \
  && ok "report: facts and filled rows per column" || bad "report params line: $(cat "$tmp/out")"
grep -Eq '^  never +quantity +0 +0 of 2   empty: skt, nobody$' "$tmp/out" \
  && ok "report: an empty column" || bad "report never line: $(cat "$tmp/out")"
grep -q '^entities no article names: nobody$' "$tmp/out" && ok "report: unnamed entity" \
  || bad "report: unnamed entity: $(cat "$tmp/out")"
grep -q '^columns that stayed empty: never ' "$tmp/out" && ok "report: empty columns" \
  || bad "report: empty columns: $(cat "$tmp/out")"
[ ! -s "$tmp/err" ] && ok "nothing on stderr" || bad "stderr: $(cat "$tmp/err")"
"$EXPORTER" check -q --template "$tmp/t.yaml" examples/articles > "$tmp/out" 2>&1
[ ! -s "$tmp/out" ] && ok "-q: silent" || bad "-q printed: $(cat "$tmp/out")"

# What build would drop is an error for check, at its position.
expect_78() {
  local name=$1 want=$2
  "$EXPORTER" check --template "$tmp/b.yaml" examples/articles > "$tmp/out" 2> "$tmp/err"
  local rc=$?
  [ "$rc" -eq 78 ] && ok "$name: exit 78" || bad "$name: exit $rc"
  grep -q "$want" "$tmp/err" && ok "$name: message" || bad "$name: $(cat "$tmp/err")"
  [ ! -s "$tmp/out" ] && ok "$name: no report" || bad "$name: report printed"
}
sed 's/table_columns: \[entity, flagship, params, sources\]/table_columns: [entity, mentions]/' \
  "$tmp/t.yaml" > "$tmp/b.yaml"
expect_78 "table column the briefing cannot draw" "b.yaml:10:27: error: unknown column 'mentions' in table_columns"
sed 's/table_columns: \[entity, flagship, params, sources\]/sections: [title, appendix]/' \
  "$tmp/t.yaml" > "$tmp/b.yaml"
expect_78 "unknown section" "b.yaml:10:21: error: unknown section 'appendix'"
sed -e 's/^layout:$/  - {id: p3, type: quantity, units: [KRW], cues: [가]}\n  - {id: p4, type: quantity, units: [KRW], cues: [나]}\n  - {id: p5, type: quantity, units: [KRW], cues: [다]}\nlayout:/' \
    -e 's/table_columns: \[entity, flagship, params, sources\]/chart_columns: [params, never, p3, p4, p5]/' \
  "$tmp/t.yaml" > "$tmp/b.yaml"
expect_78 "too many chart series" "error: chart_columns: at most 4 columns"
sed 's/table_columns: \[entity, flagship, params, sources\]/chart_columns: [params, params]/' \
  "$tmp/t.yaml" > "$tmp/b.yaml"
expect_78 "a chart series twice" "b.yaml:10:27: error: 'params' is listed twice in chart_columns"
sed 's/cues: \[매개변수\]}/cues: [매개변수], merge: newest}/' "$tmp/t.yaml" > "$tmp/b.yaml"
expect_78 "unknown merge rule" "b.yaml:7:85: error: merge must be majority, latest or largest, not 'newest'"

[ "$fail" -eq 0 ] && echo "check.sh: ok" || exit 1

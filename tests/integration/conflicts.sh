#!/bin/bash
# conflicts.csv: every disagreement side by side with the sentences stating each value; a
# 1–1 split reported as a tie; two values from one article an internal contradiction.
set -u
EXPORTER=${EXPORTER:-build/exporter}
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
check() { if [ "$2" != "$3" ]; then echo "FAIL: $1: expected '$3', got '$2'"; fail=1; else echo "ok: $1"; fi; }
"$EXPORTER" build --no-archive --formats csv --out "$tmp/o" examples/articles 2>"$tmp/err"
check "build exit" "$?" 0
C="$tmp/o/conflicts.csv"
check "header" "$(head -1 "$C" | tr -d '\r\357\273\277')" \
  '"entity_id","entity","column","kind","value","chosen","articles","article_id","publisher","sentence_no","sentence"'
q() { python3 - "$C" "$@" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8-sig')))
conds = dict(a.split('=', 1) for a in sys.argv[2:] if '~' not in a)
subs = dict(a.split('~', 1) for a in sys.argv[2:] if '~' in a)
print(sum(1 for r in rows if all(r[k] == v for k, v in conds.items()) and all(v in r[k] for k, v in subs.items())))
PY
}
# SK텔레콤's total parameters: 500 (chosen, 4 articles) against 519 (1 article), each with the
# sentence that says it.
check "skt 500 chosen, with its sentences" "$([ "$(q entity_id=skt column=params_total_b kind=disagreement value=500 chosen=yes articles=4 'sentence~500B')" -ge 1 ] && echo yes)" yes
check "skt 519 beside it, with its sentence" "$(q entity_id=skt column=params_total_b kind=disagreement value=519 chosen=no articles=1 article_id=029_0003001728 'sentence~5190억')" 1
# The programme's final selection: 2027 and 2026..2027, one article each — a tie, never
# "more articles say".
check "a 1–1 split is a tie" "$(q entity_id=program column=final_selection_date kind=tie)" 2
check "no tie reported as a disagreement" "$(q entity_id=program column=final_selection_date kind=disagreement)" 0
# One article (029) giving SK텔레콤 both 500 and 519: an internal contradiction, kept apart.
check "internal contradiction, both values" "$(q entity_id=skt column=params_total_b kind=internal article_id=029_0003001728)" 2
# With the period cut to that one article, sources no longer disagree: only the internal one.
"$EXPORTER" build --no-archive --formats csv --week 2025-W52 --out "$tmp/w52" examples/articles 2>/dev/null
check "one article: no disagreement" "$(C="$tmp/w52/conflicts.csv"; python3 -c 'import csv,sys; print(sorted({r["kind"] for r in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig"))}))' "$tmp/w52/conflicts.csv")" "['internal']"
exit $fail

#!/bin/bash
# The briefing's weekly sections on the real binary, read back with pdftotext, mutool and
# qpdf: trend (a Figure with alt text giving each week's values; one line with no earlier
# week), coverage (the period's publishers; a many-publisher week folded into a table that
# fits), conflicts (disagreement beside its sentences, the internal contradiction apart),
# and every title overridable by the template. Run from anywhere with EXPORTER set.
set -u
cd "$(dirname "$0")/../.."
EXPORTER=${EXPORTER:-build/exporter}
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { echo "ok: $1"; }
bad() { echo "FAIL: $1"; fail=1; }
has() { grep -qF -- "$2" "$1"; }
# The /Alt texts of the Figures in a PDF, one a line.
figure_alts() { python3 - "$1" <<'PY'
import json, subprocess, sys
d = json.loads(subprocess.run(['qpdf', '--json=2', '--json-key=qpdf', sys.argv[1]],
                              capture_output=True, text=True, check=True).stdout)['qpdf'][1]
def text(s):
    if isinstance(s, str) and s.startswith('u:'):
        return s[2:]
    if isinstance(s, str) and s.startswith('b:'):
        b = bytes.fromhex(s[2:])
        return b[2:].decode('utf-16-be') if b[:2] == b'\xfe\xff' else b.decode('latin-1')
    return s
for o in d.values():
    v = o.get('value') if isinstance(o, dict) else None
    if isinstance(v, dict) and v.get('/S') == '/Figure':
        print(text(v.get('/Alt', '')))
PY
}

A="$tmp/a.sqlite"
for w in 2025-W52 2026-W01; do
  "$EXPORTER" build --week $w --archive "$A" --out "$tmp/o/{week}" examples/articles 2>"$tmp/err" \
    || { cat "$tmp/err"; bad "build $w"; }
done
P52="$tmp/o/2025-W52/briefing.pdf" P01="$tmp/o/2026-W01/briefing.pdf"
pdftotext "$P52" "$tmp/52.txt"
pdftotext "$P01" "$tmp/01.txt"
mutool show "$P01" outline >"$tmp/outline"
for title in "주별 언급 추이" "언론사별 보도" "엇갈린 수치"; do
  has "$tmp/outline" "\"$title\"" && ok "outline has $title" || bad "outline lacks $title"
done

# trend: a chart over W52 and W01 with alt text; the first week says it has nothing to compare
figure_alts "$P01" >"$tmp/alts01"
grep -q "언급 문장 수, 2025-W52~2026-W01\. .*SK텔레콤: 2025-W52 [0-9]*, 2026-W01 [0-9]*\." "$tmp/alts01" \
  && ok "trend Figure's alt gives every week's value" || { cat "$tmp/alts01"; bad "trend alt text"; }
grep -q "독자 AI 파운데이션 모델 프로젝트:" "$tmp/alts01" && bad "the topic entity is drawn" || ok "the topic entity is not drawn"
has "$tmp/52.txt" "아카이브에 이전 주 자료가 없어 추이를 그리지 않았다." && ok "W52: trend says there is no earlier week" || bad "W52 trend line"
[ "$(figure_alts "$P52" | grep -c "언급 문장 수")" = 0 ] && ok "W52: no one-point chart" || bad "W52 has a trend chart"

# coverage: the four publishers of W01 as columns, totals
python3 - "$tmp/01.txt" <<'PY' && ok "coverage names W01's four publishers and the totals" || bad "coverage table text"
import sys
t = open(sys.argv[1], encoding='utf-8').read()
sec = t[t.index('언론사별 보도\n', t.index('주별 언급 추이')):]
sec = sec[:sec.index('엇갈린 수치')]
sys.exit(0 if all(p in sec for p in ('뉴스1', '동아일보', '전자신문', '한국경제', '기사 합계', '언급', 'SK텔레콤'))
         and '독자 AI 파운데이션 모델 프로젝트' not in sec else 1)
PY

# conflicts: 업스테이지's 100B (2 articles, in the table) beside 102B, each with its sentence;
# the one article that states both is listed apart
python3 - "$tmp/01.txt" <<'PY' && ok "conflicts: values side by side with sentences, internal apart" || bad "conflicts text"
import sys, re
t = open(sys.argv[1], encoding='utf-8').read()
sec = t[t.index('엇갈린 수치\n'):]
between = sec[sec.index('기사끼리 엇갈린 값'):sec.index('한 기사 안에서 엇갈린 값')]
internal = sec[sec.index('한 기사 안에서 엇갈린 값'):sec.index('기관별 상세')]
flat = lambda s: re.sub(r'\s+', '', s)
ok = ('100B' in between and '102B' in between and flat('기사 2건') in flat(between)
      and flat('표에 실은 값') in flat(between) and flat('1020억 개의 매개변수') in flat(between)
      and '102B' in internal and '100B' in internal and '동아일보' in internal)
sys.exit(0 if ok else 1)
PY

# A week of 230 articles from 23 publishers: five publishers and the rest fit the page,
# and the sections keep the briefing short.
python3 tests/tools/gen_corpus.py examples/articles "$tmp/many" 230
for f in "$tmp"/many/*.txt; do
  n=${f##*syn_}; n=$((10#${n%.txt}))
  sed -i "s/^publisher: .*/publisher: 언론사$((n % 23))/" "$f"
done
"$EXPORTER" build --formats pdf --since 2025-11-01 --until 2025-11-30 --today 2025-12-01 \
  --no-archive --out "$tmp/many_out" "$tmp/many" 2>"$tmp/err" || { cat "$tmp/err"; bad "build 230"; }
pdftotext -layout "$tmp/many_out/briefing.pdf" "$tmp/many.txt"
has "$tmp/many.txt" "그 밖의 언론사 (18)" && ok "23 publishers: 5 columns and the other 18 summed" || bad "no folded publisher column"
pages=$(pdfinfo "$tmp/many_out/briefing.pdf" | awk '/^Pages:/ {print $2}')
[ "$pages" -le 10 ] && ok "230 articles: $pages pages" || bad "230 articles: $pages pages"
qpdf --check "$tmp/many_out/briefing.pdf" >/dev/null 2>&1 && ok "qpdf --check" || bad "qpdf --check"

# Every title from the template: a copy with its own labels.
sed 's/^  labels:$/  labels:\n    coverage_title: 매체별 기사 수\n    trend: 주간 언급 흐름\n    conflicts: 기사 간 불일치/' \
  templates/sovereign-ai.yaml >"$tmp/t.yaml"
"$EXPORTER" build --template "$tmp/t.yaml" --week 2026-W01 --archive "$A" --out "$tmp/lab" examples/articles 2>"$tmp/err" \
  || { cat "$tmp/err"; bad "build with labels"; }
mutool show "$tmp/lab/briefing.pdf" outline >"$tmp/outline2"
for title in "매체별 기사 수" "주간 언급 흐름" "기사 간 불일치"; do
  has "$tmp/outline2" "\"$title\"" && ok "label sets the title $title" || bad "label $title not used"
done
has "$tmp/outline2" '"언론사별 보도"' && bad "default title still printed" || ok "defaults replaced"

exit $fail

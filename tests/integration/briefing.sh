#!/bin/bash
# briefing.sh — the finished briefing on the five sample articles, checked with PDF
# tools: qpdf --check clean and poppler silent; every entity name and every numeric cell of
# comparison.csv in the extracted text; a borderless URI link for every source URL; bookmarks
# for every section and organisation, nested; document info; page count within 4..8; the chart's
# 'not reported' label; byte-identical output across runs and SOURCE_DATE_EPOCH honoured;
# --week printed as the period; summary bullets that change when the articles do; and the
# second topic's template (tests/cases/battery) typeset with no change to C code.
# Run from the repository root with EXPORTER set to the binary under test.
set -euo pipefail
cd "$(dirname "$0")/../.."
EXPORTER=${EXPORTER:-build/exporter}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "briefing.sh: FAIL: $*" >&2; exit 1; }
PAGES_MIN=4
PAGES_MAX=8

"$EXPORTER" build --out "$tmp/out" examples/articles 2>"$tmp/err" || { cat "$tmp/err"; fail "build failed"; }
[ -s "$tmp/err" ] && { cat "$tmp/err"; fail "a successful run printed something"; }
pdf="$tmp/out/briefing.pdf"

qpdf --check "$pdf" >"$tmp/qpdf" 2>&1 || { cat "$tmp/qpdf"; fail "qpdf --check"; }
grep -qi '^WARNING' "$tmp/qpdf" && { cat "$tmp/qpdf"; fail "qpdf warnings"; }
pdftotext "$pdf" "$tmp/text.txt" 2>"$tmp/poppler.err"
[ -s "$tmp/poppler.err" ] && { cat "$tmp/poppler.err"; fail "poppler printed warnings"; }

pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
[ "$pages" -ge $PAGES_MIN ] && [ "$pages" -le $PAGES_MAX ] \
    || fail "page count $pages outside $PAGES_MIN..$PAGES_MAX"
pdfinfo "$pdf" >"$tmp/info"
for key in Title Subject Keywords Creator; do
  grep -q "^$key: *[^ ]" "$tmp/info" || fail "document info has no $key"
done
grep -q '^Title: *독자 AI 파운데이션 모델 주간 브리핑' "$tmp/info" || fail "title"
grep -q '^Keywords:.*SK텔레콤' "$tmp/info" || fail "keywords"

CSV="$tmp/out/comparison.csv" ARTICLES="$tmp/out/articles.csv" TEXT="$tmp/text.txt" PDF="$pdf" \
python3 - <<'PY' || fail "content checks"
import csv, json, os, re, subprocess, sys
bad = 0
text = open(os.environ['TEXT'], encoding='utf-8').read()
flat = re.sub(r'\s+', '', text)
rows = list(csv.DictReader(open(os.environ['CSV'], encoding='utf-8-sig', newline='')))
numbers = 0
for r in rows:
    name = r['entity']
    if re.sub(r'\s+', '', name) not in flat:
        print('entity not in the PDF text:', name); bad += 1
    for col, v in r.items():
        if re.fullmatch(r'-?\d+(\.\d+)?', v or ''):
            numbers += 1
            # a number must stand alone: not a digit on either side; as written or grouped
            whole, _, frac = v.partition('.')
            grouped = f'{int(whole):,}' + ('.' + frac if frac else '')
            if not any(re.search(r'(?<![\d.])(?<!\d,)' + re.escape(form) + r'(?![\d]|[.,]\d)', flat)
                       for form in (v, grouped)):
                print(f'{name} {col}={v}: number not in the PDF text'); bad += 1
print(f'briefing.sh: {len(rows)} entities and {numbers} numeric cells found in the text',
      file=sys.stderr)

# Links: every source URL is a URI action; every link annotation is borderless.
js = json.loads(subprocess.run(['qpdf', '--json=2', '--json-key=qpdf', os.environ['PDF']],
                               capture_output=True, text=True, check=True).stdout)
uris, links, borders = set(), 0, 0
def walk(o):
    global links, borders
    if isinstance(o, dict):
        if o.get('/Subtype') == '/Link':
            links += 1
            borders += o.get('/Border') == [0, 0, 0]
        if '/URI' in o:
            u = o['/URI']
            uris.add(u[2:] if u.startswith('u:') or u.startswith('b:') else u)
        for v in o.values():
            walk(v)
    elif isinstance(o, list):
        for v in o:
            walk(v)
walk(js['qpdf'][1])
articles = list(csv.DictReader(open(os.environ['ARTICLES'], encoding='utf-8-sig', newline='')))
for a in articles:
    if a['url'] not in uris:
        print('no link annotation for', a['url']); bad += 1
if links != borders:
    print(f'{links - borders} link annotations with a border'); bad += 1
print(f'briefing.sh: {len(uris)} URI links, {links} link annotations', file=sys.stderr)

# Outline: the sections at the top, every organisation under the entity section.
ol = json.loads(subprocess.run(['qpdf', '--json=2', '--json-key=outlines', os.environ['PDF']],
                               capture_output=True, text=True, check=True).stdout)['outlines']
top = [o['title'] for o in ol]
for want in ('요약', '비교표', '총 파라미터·활성 파라미터 비교', '기관별 상세', '출처'):
    if want not in top:
        print('outline lacks section', want, top); bad += 1
kids = [k['title'] for o in ol if o['title'] == '기관별 상세' for k in o['kids']]
for r in rows:
    if not any(r['entity'] in k for k in kids):
        print('outline lacks organisation', r['entity'], kids); bad += 1

# The summary: between its heading and the next, four to six bullets with citations.
m = re.search(r'\n요약\n(.*?)\n비교표\n', text, re.S)
bullets = re.findall(r'•', m.group(1)) if m else []
if not 4 <= len(bullets) <= 6:
    print('summary has', len(bullets), 'bullets'); bad += 1
if m and not re.search(r'\[\d+\]', m.group(1)):
    print('summary bullets carry no citation'); bad += 1
for need in ('미공개', '주요 문장', '[1]', 'https://n.news.naver.com/mnews/article/029/0003001728'):
    if need.replace(' ', '') not in flat:
        print('missing from the text:', need); bad += 1
sys.exit(1 if bad else 0)
PY

# Deterministic; SOURCE_DATE_EPOCH sets the generated-at time and the PDF dates.
"$EXPORTER" build --out "$tmp/out2" examples/articles
cmp -s "$pdf" "$tmp/out2/briefing.pdf" || fail "output differs between runs"
SOURCE_DATE_EPOCH=1767139200 "$EXPORTER" build --out "$tmp/out3" examples/articles
pdftotext "$tmp/out3/briefing.pdf" "$tmp/t3.txt"
grep -q '생성 시각 *2025년 12월 31일 09:00(KST)' "$tmp/t3.txt" || fail "generated-at from SOURCE_DATE_EPOCH"
# without it the time shown is the newest article's: labelled as an as-of time, not a generation time
grep -q '기준 시각 *2025년 12월 30일' "$tmp/text.txt" || fail "as-of time label"
grep -q '생성 시각' "$tmp/text.txt" && fail "the newest article's time called a generation time"
pdfinfo "$tmp/out3/briefing.pdf" >"$tmp/i3"
grep -q 'CreationDate:.*Dec 31 .*2025' "$tmp/i3" || fail "PDF date from SOURCE_DATE_EPOCH"

# --week: the period printed is the week's (the articles of 2025-12-28 fall outside 2026-W01).
"$EXPORTER" build --week 2026-W01 --out "$tmp/w" examples/articles 2>/dev/null
pdftotext "$tmp/w/briefing.pdf" "$tmp/w.txt"
grep -q '2025년 12월 29일~2026년 1월 4일' "$tmp/w.txt" || fail "--week period"
grep -q 'W01\|W52' "$tmp/w.txt" "$tmp/text.txt" && fail "ISO week numbers in the reader's text"

# Different articles, different summary: SK Telecom's model grows to 700B in every source.
mkdir -p "$tmp/in"
for f in examples/articles/*.txt; do
  sed -e 's/5000억/7000억/g' -e 's/500B/700B/g' "$f" >"$tmp/in/$(basename "$f")"
done
"$EXPORTER" build --out "$tmp/changed" "$tmp/in" 2>/dev/null || true
summary() { pdftotext "$1" "$tmp/s.txt"; tr -d '\n' <"$tmp/s.txt" | sed -n 's/.*요약\(.*\)비교표.*/\1/p'; }
before=$(summary "$pdf")
after=$(summary "$tmp/changed/briefing.pdf")
[ -n "$after" ] && [ "$before" != "$after" ] || fail "the summary did not change with the data"
case "$before" in *'A.X K1(500B)'*) ;; *) fail "summary: largest model before";; esac
case "$after" in *'A.X K1(700B)'*) ;; *) fail "summary: largest model after";; esac
case "$after" in *'4.7% = 33B/700B'*) ;; *) fail "summary: active share after";; esac

# Another topic (tests/cases/battery): the same checks of names and numbers, no C change.
"$EXPORTER" build --template tests/cases/battery/template.yaml --out "$tmp/bat" \
    tests/cases/battery/articles 2>"$tmp/err" || { cat "$tmp/err"; fail "battery build"; }
qpdf --check "$tmp/bat/briefing.pdf" >/dev/null 2>&1 || fail "battery: qpdf --check"
pdftotext "$tmp/bat/briefing.pdf" "$tmp/bat.txt"
CSV="$tmp/bat/comparison.csv" TEXT="$tmp/bat.txt" python3 - <<'PY' || fail "battery content"
import csv, os, re, sys
flat = re.sub(r'\s+', '', open(os.environ['TEXT'], encoding='utf-8').read())
bad = 0
for r in csv.DictReader(open(os.environ['CSV'], encoding='utf-8-sig', newline='')):
    if r['entity'].replace(' ', '') not in flat:
        print('battery: entity not in the text:', r['entity']); bad += 1
    for col, v in r.items():
        if not re.fullmatch(r'-?\d+(\.\d+)?', v or ''):
            continue
        # as the table prints it: digits grouped by three ("30,000", "1,176.5")
        whole, _, frac = v.partition('.')
        grouped = f'{int(whole):,}' + ('.' + frac if frac else '')
        if not any(re.search(r'(?<![\d.])(?<!\d,)' + re.escape(form) + r'(?![\d]|[.,]\d)', flat)
                   for form in (v, grouped)):
            print(f'battery: {r["entity"]} {col}={v} not in the text'); bad += 1
if '요약' not in flat or '•' not in flat:
    print('battery: no summary'); bad += 1
sys.exit(1 if bad else 0)
PY

echo "briefing.sh: ok ($pages pages)"

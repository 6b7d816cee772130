#!/bin/bash
# typeset.sh — the typesetting engine on 10, 100 and 1000 pages of Korean text: pages/s and
# peak RSS, one process per size (getrusage's peak is per process). Aim: > 500 pages/s.
set -euo pipefail
cd "$(dirname "$0")/.."
make -s build/typeset_bench >/dev/null
for n in 10 100 1000; do
    ./build/typeset_bench "$n"
done

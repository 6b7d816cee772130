#!/bin/bash
# preview.sh — make preview (and make typeset-preview) render legibly: at least 100 dpi.
# Reads the commands make would run (make -n), so nothing is rendered here.
set -euo pipefail
cd "$(dirname "$0")/../.."
fail() { echo "preview.sh: FAIL: $*" >&2; exit 1; }
for target in preview typeset-preview; do
  dpi=$(make -n "$target" 2>/dev/null | sed -n 's/.*pdftoppm .*-r \([0-9]*\).*/\1/p' | head -1)
  [ -n "$dpi" ] || fail "make $target runs no pdftoppm"
  [ "$dpi" -ge 100 ] || fail "make $target renders at $dpi dpi (under 100)"
done
echo "preview.sh: ok"

#!/bin/bash
# The sample run under valgrind (the plain build: valgrind cannot run ASan binaries):
# no leaks, no memory errors.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect,possible \
  --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 \
  build/exporter build --out "$tmp/out" examples/articles 2>"$tmp/log"
rc=$?
if [ $rc -ne 0 ]; then echo "FAIL: valgrind (exit $rc)"; cat "$tmp/log"; exit 1; fi
echo "ok: valgrind clean on the sample run"

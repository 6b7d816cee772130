#!/bin/bash
# lint_checks.sh — the house checks of `make lint` (tests/lint/) can fail: each one passes on
# the repository and fails, naming the problem, on a small tree that breaks its rule.
set -euo pipefail
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
expect_fail() {  # name, expected text, command...
  local name=$1 want=$2; shift 2
  local out
  if out=$("$@" 2>&1); then
    echo "lint_checks: FAIL: $name passed on a tree that breaks it"; fail=1
  elif ! grep -qF -- "$want" <<<"$out"; then
    echo "lint_checks: FAIL: $name did not say '$want':"; echo "$out"; fail=1
  fi
}
expect_pass() {  # name, command...
  local name=$1; shift
  local out
  if ! out=$("$@" 2>&1); then
    echo "lint_checks: FAIL: $name fails on the repository:"; echo "$out"; fail=1
  fi
}

# include_cycles.py: a → b → c → a among modules; a stage loop.
mkdir -p "$tmp/cyc/x" "$tmp/cyc/y"
printf '#include "x/b.h"\n' >"$tmp/cyc/x/a.h"
printf '#include "x/a.h"\n' >"$tmp/cyc/x/a.c"
printf '#include "y/c.h"\n' >"$tmp/cyc/x/b.c"
printf '#include "x/a.h"\n#include "y/d.h"\n' >"$tmp/cyc/y/c.h"
printf '/* leaf */\n' >"$tmp/cyc/y/d.h"
expect_fail include_cycles "modules x/a, x/b, y/c" python3 tests/lint/include_cycles.py "$tmp/cyc"
expect_fail "include_cycles --stages" "stages x, y" \
  python3 tests/lint/include_cycles.py --stages "$tmp/cyc"
printf '#include "y/d.h"\n' >"$tmp/cyc/y/c.h"
printf '#include "x/b.h"\n' >"$tmp/cyc/y/e.c"
expect_fail "include_cycles --stages (no module loop)" "stages x, y" \
  python3 tests/lint/include_cycles.py --stages "$tmp/cyc"
expect_pass "include_cycles (modules, loop broken)" python3 tests/lint/include_cycles.py "$tmp/cyc"
expect_pass include_cycles python3 tests/lint/include_cycles.py exporter
expect_pass "include_cycles --stages" python3 tests/lint/include_cycles.py --stages exporter

[ $fail = 0 ] || exit 1
echo "lint_checks: every house check passes on the repository and fails on a broken tree"

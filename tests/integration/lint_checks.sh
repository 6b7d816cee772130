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

# long_functions.py: a 101-line function fails, unless allowed; a stale allowance fails.
mkdir -p "$tmp/long/m"
{ printf 'static int short_one(void)\n{\n    return 0;\n}\n\n'
  printf 'int long_one(int x)\n{\n    /* a brace in a comment { does not count */\n'
  for i in $(seq 1 96); do printf '    x += %d; /* "}" */\n' "$i"; done
  printf '    return x;\n}\n'; } >"$tmp/long/m/a.c"
: >"$tmp/long/none.allow"
expect_fail long_functions "function long_one is 101 lines" \
  python3 tests/lint/long_functions.py --allow "$tmp/long/none.allow" "$tmp/long"
printf '%s long_one -- a table reads best whole\n' "$tmp/long/m/a.c" >"$tmp/long/ok.allow"
expect_pass "long_functions (allowed)" \
  python3 tests/lint/long_functions.py --allow "$tmp/long/ok.allow" "$tmp/long"
printf '%s short_one -- stale\n' "$tmp/long/m/a.c" >>"$tmp/long/ok.allow"
expect_fail "long_functions (stale allowance)" "short_one is no longer over" \
  python3 tests/lint/long_functions.py --allow "$tmp/long/ok.allow" "$tmp/long"
expect_pass long_functions python3 tests/lint/long_functions.py exporter tests bench

# standalone_docs.py: a citation of a folder outside the repository or of an issue, a module the
# map leaves out. (The bad strings are assembled here so that this file itself stays clean.)
up='..' hash='#' issue='issue'
git init -q "$tmp/repo"
mkdir -p "$tmp/repo/exporter/util"
printf '| `util/a.c/.h` | support | a |\n| `util/gone.h` | support | gone |\n' \
  >"$tmp/repo/exporter/README.md"
printf '/* a.c — per the UAX #14 rules */\n' >"$tmp/repo/exporter/util/a.c"
printf '/* a.h */\n' >"$tmp/repo/exporter/util/a.h"
printf '/* b.h */\n' >"$tmp/repo/exporter/util/b.h"
git -C "$tmp/repo" add -A
expect_fail "standalone_docs (map)" "does not name util/b.h" python3 tests/lint/standalone_docs.py "$tmp/repo"
expect_fail "standalone_docs (map)" "names util/gone.h, which does not exist" \
  python3 tests/lint/standalone_docs.py "$tmp/repo"
printf '| `util/a.c/.h` | support | a |\n| `util/b.h` | support | b |\n' \
  >"$tmp/repo/exporter/README.md"
expect_pass "standalone_docs (UAX #14 is not an issue)" python3 tests/lint/standalone_docs.py "$tmp/repo"
printf 'See %s/shared/DESIGN.md.\n' "$up" >"$tmp/repo/NOTES.md"
git -C "$tmp/repo" add -A
expect_fail "standalone_docs (outside folder)" "NOTES.md:1: cites a file outside" \
  python3 tests/lint/standalone_docs.py "$tmp/repo"
printf 'Fixed for %s12, see %s 7.\n' "$hash" "$issue" >"$tmp/repo/NOTES.md"
expect_fail "standalone_docs (issue number)" "NOTES.md:1: cites an issue number (${hash}12)" \
  python3 tests/lint/standalone_docs.py "$tmp/repo"
expect_fail "standalone_docs (issue number)" "(${issue} 7)" python3 tests/lint/standalone_docs.py "$tmp/repo"
expect_pass standalone_docs python3 tests/lint/standalone_docs.py .

# dead_functions.py: a declared function only its definition names; allowed; stale allowance.
mkdir -p "$tmp/dead/m"
printf 'int used(void);\nint unused(int x);\nstatic inline int twice(void) { return 2 * used(); }\n' \
  >"$tmp/dead/m/a.h"
printf '#include "m/a.h"\nint used(void)\n{\n    return 1;\n}\n\nint unused(int x)\n{\n    return x;\n}\n' \
  >"$tmp/dead/m/a.c"
: >"$tmp/dead/none.allow"
expect_fail dead_functions "unused is declared but the program never calls it" \
  python3 tests/lint/dead_functions.py --allow "$tmp/dead/none.allow" "$tmp/dead"
printf 'unused -- a seam\n' >"$tmp/dead/ok.allow"
expect_pass "dead_functions (allowed; used only by an inline function of its header)" \
  python3 tests/lint/dead_functions.py --allow "$tmp/dead/ok.allow" "$tmp/dead"
printf 'used -- stale\n' >>"$tmp/dead/ok.allow"
expect_fail "dead_functions (stale allowance)" "used is called by the program now" \
  python3 tests/lint/dead_functions.py --allow "$tmp/dead/ok.allow" "$tmp/dead"
expect_pass dead_functions python3 tests/lint/dead_functions.py exporter

[ $fail = 0 ] || exit 1
echo "lint_checks: every house check passes on the repository and fails on a broken tree"

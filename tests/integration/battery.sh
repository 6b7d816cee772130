#!/bin/bash
# The hostile-input battery: every promise the program makes about bad input and faults,
# checked from outside on the binary under test (make test runs the ASan+UBSan one).
#
#   * bad articles (tests/tools/hostile_articles.py: ~240 variants — every front-matter field
#     with every YAML kind, tags, aliases, billion laughs, sizes, nesting, encodings, invalid
#     UTF-8 everywhere, controls, bidi overrides, combining-mark and zero-width storms, 1 MB
#     lines, 100,000 lines) all beside the samples in one run: exit 65, exactly one
#     `FILE:LINE:COL: error:` per bad file matching its pattern, none for a good one, every
#     good one exported, every output whole (qpdf, csv, the workbook's zip, the archive);
#     then each bad file alone: 65;
#   * the command line: options missing, empty, repeated or conflicting; impossible dates
#     and weeks; -j out of range — 64 with a message;
#   * paths: relative, absolute, trailing slash, `.`/`..`, the same file twice, the output
#     folder as an input, --out inside an input, a 1 GB sparse file, unreadable files and a
#     read-only output parent (as an unprivileged user when run as root);
#   * faults: a full disk (a small tmpfs, when this machine lets us mount one) and file-size
#     limits at many sizes — each run either publishes a whole set or exits 74 with the
#     previous set untouched and no staging folder left; signals at random moments (seeded)
#     — the published set stays whole, the lock is released, the archive passes
#     integrity_check;
#   * templates: wrong types, empty words, huge and format-string labels, too many columns.
#
# Every run has a generous watchdog (timeout), so a hang fails instead of blocking; nothing
# asserts on time. Run from the repository root with EXPORTER set to the binary under test.
set -u
EXPORTER=${EXPORTER:-build/exporter}
case "$EXPORTER" in /*) ;; *) EXPORTER="$PWD/$EXPORTER" ;; esac
REPO=$PWD
export EXPORTER_DATADIR=${EXPORTER_DATADIR:-$REPO}   # templates and fonts from any folder
fail=0
tmp=$(mktemp -d)
mounted=""
cleanup() {
  [ -n "$mounted" ] && umount "$mounted" 2>/dev/null
  chmod -R u+rwX "$tmp" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
check() { if [ "$2" != "$3" ]; then echo "FAIL: $1: expected '$3', got '$2'"; fail=1; else echo "ok: $1"; fi; }
has() { grep -qE -- "$2" "$tmp/err" && echo "ok: $1" || { echo "FAIL: $1: no /$2/ in: $(head -c 600 "$tmp/err")"; fail=1; }; }
run() { timeout 120 "$EXPORTER" "$@" >"$tmp/out" 2>"$tmp/err"; }
rows() { python3 -c 'import csv,sys; print(sum(1 for _ in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline=""))))' "$1" 2>/dev/null || echo none; }
# A published set is whole: its files are there and each one parses; prints "whole" or why not.
whole() {
  python3 - "$1" "${2:-csv,xlsx,pdf}" <<'PY'
import csv, os, subprocess, sys, zipfile
d, formats = sys.argv[1], sys.argv[2].split(',')
want = {'csv': ['articles.csv', 'facts.csv', 'comparison.csv'], 'xlsx': ['briefing.xlsx'],
        'pdf': ['briefing.pdf']}
problems = []
for f in sum((want[k] for k in formats), []):
    p = os.path.join(d, f)
    if not os.path.isfile(p) or os.path.getsize(p) == 0:
        problems.append(f + ' missing')
    elif f.endswith('.csv'):
        list(csv.reader(open(p, encoding='utf-8-sig', newline='')))
    elif f.endswith('.xlsx'):
        import xml.etree.ElementTree as ET
        z = zipfile.ZipFile(p)
        if z.testzip() is not None:
            problems.append(f + ' corrupt')
        for member in z.namelist():
            if member.endswith('.xml') or member.endswith('.rels'):
                try:
                    ET.fromstring(z.read(member))
                except ET.ParseError as e:
                    problems.append('%s: %s: %s' % (f, member, e))
    elif subprocess.run(['qpdf', '--check', p], capture_output=True).returncode != 0:
        problems.append(f + ' fails qpdf --check')
print(', '.join(problems) or 'whole')
PY
}
# Folders under runs/ that are neither the published set nor the one it replaced (kept one
# run for readers that opened it): a staging folder left behind.
strays() {
  local state="${1%/*}/.${1##*/}.exporter"
  local pub; pub=$(basename "$(readlink "$1")")
  local ret; ret=$(basename "$(readlink "$state/retired" 2>/dev/null)" 2>/dev/null)
  ls -A "$state/runs" | grep -vxF -e "$pub" -e "${ret:-/}" | wc -l
}
# (checked on a copy with its WAL: the file system it lives on may be full)
integrity() {
  rm -rf "$tmp/dbcopy"; mkdir -p "$tmp/dbcopy"
  for f in "$1" "$1-wal"; do [ -f "$f" ] && cp "$f" "$tmp/dbcopy/"; done
  python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("pragma integrity_check").fetchone()[0])' "$tmp/dbcopy/${1##*/}" 2>&1
}

# ---- Bad articles ----
python3 tests/tools/hostile_articles.py examples/articles/000_a01ba545a0ffea06.txt "$tmp/hostile"
mkdir -p "$tmp/in"; cp examples/articles/*.txt "$tmp/hostile"/*.txt "$tmp/in/"
good=$(grep -c $'\tok$' "$tmp/hostile/manifest.tsv")
total=$(wc -l < "$tmp/hostile/manifest.tsv")
run build --today 2026-01-05 --out "$tmp/o1" "$tmp/in"
check "hostile articles beside the samples: exit" "$?" 65
python3 tests/tools/check_diagnostics.py "$tmp/hostile/manifest.tsv" "$tmp/err" &&
  echo "ok: one positioned error per bad file ($((total - good))), none for good ones ($good)" || fail=1
check "every good article exported" "$(rows "$tmp/o1/articles.csv")" $((good + 5))
check "the set is whole" "$(whole "$tmp/o1")" whole
check "the archive is whole" "$(integrity "$tmp/.o1.exporter/archive.sqlite")" ok
check "nothing on stdout" "$(cat "$tmp/out")" ""
check "no link outside http(s) in the briefing" \
  "$(qpdf --qdf --object-streams=disable "$tmp/o1/briefing.pdf" - 2>/dev/null | grep -aciE '/URI \((javascript|file|data):')" 0
# each bad file alone is bad data, and check writes nothing
alone_bad=0
while IFS=$'\t' read -r file expect; do
  [ "$expect" = ok ] && continue
  timeout 120 "$EXPORTER" check --today 2026-01-05 "$tmp/hostile/$file" >/dev/null 2>"$tmp/err1"
  rc=$?
  if [ $rc != 65 ]; then echo "FAIL: $file alone: exit $rc: $(head -c 300 "$tmp/err1")"; fail=1; else alone_bad=$((alone_bad + 1)); fi
done < "$tmp/hostile/manifest.tsv"
check "each bad file alone: 65" "$alone_bad" $((total - good))

# ---- The command line ----
A=examples/articles
cli() {   # expected exit, message pattern, then the arguments
  local want=$1 pattern=$2; shift 2
  run "$@"; local rc=$?
  if [ "$rc" != "$want" ] || ! grep -qE -- "$pattern" "$tmp/err"; then
    echo "FAIL: exporter $*: exit $rc, stderr: $(head -c 300 "$tmp/err")"; fail=1
  else echo "ok: exporter $*"; fi
}
U='\(see exporter --help\)$'
cli 64 "-j wants a number of threads from 1 to 256, not '0'" check -j 0 $A
cli 64 "-j wants a number of threads from 1 to 256, not '-1'" check -j -1 $A
cli 64 "-j wants a number of threads from 1 to 256, not '10000'" check -j 10000 $A
cli 64 "-j wants a number .* not '1x'" check --jobs=1x $A
cli 64 "option '--out' is given twice $U" check --out a --out b $A
cli 64 "option '--week' is given twice" check --week this --week last $A
cli 64 "option '--template' is given twice" check --template templates/sovereign-ai.yaml --template x $A
cli 64 "option '--jobs' is given twice" check -j 2 --jobs 2 $A
cli 64 "option '--template' wants a value, not ''" check --template '' $A
cli 64 "option '--out' wants a value, not ''" check --out= $A
cli 64 "option '--template' is missing its value" check $A --template
cli 64 "option '--template' is missing its value" check --template --out x $A
cli 64 "-q \(no warnings\) and -v \(notes too\) contradict" check -q -v $A
cli 64 "--archive cannot be combined with --no-archive" build --archive x --no-archive $A
cli 64 "--since 2026-01-05 is after --until 2026-01-01" check --since 2026-01-05 --until 2026-01-01 $A
cli 64 "--week cannot be combined with --since" check --week last --since 2025-01-01 $A
cli 64 "not '2026-W00'" check --week 2026-W00 $A
cli 64 "not '2026-W54'" check --week 2026-W54 $A
cli 64 "not '2025-W53'" check --week 2025-W53 $A
cli 66 "no articles to export" check --week 2026-W53 $A
cli 64 "not '2026-02-30'" check --since 2026-02-30 $A
cli 64 "--today 9999-12-31 is out of range: dates run from 1900-01-01 to 2999-12-31 $U" check --today 9999-12-31 $A
cli 64 "--today 0000-01-01 is out of range: dates run from 1900-01-01 to 2999-12-31" check --today 0000-01-01 $A
cli 64 "--since 1899-12-31 is out of range: dates run from" check --since 1899-12-31 $A
cli 64 "--until 3000-01-01 is out of range: dates run from" check --until 3000-01-01 $A
cli 64 "--week 9999-W01 is out of range: weeks run from 1900-W01 to 2999-W52" check --week 9999-W01 $A
cli 64 "--today 2999-12-31 falls in week 3000-W01, out of range: weeks run from 1900-W01 to 2999-W52" check --today 2999-12-31 $A
cli 64 "--week last with --today 1900-01-01 falls in week 1899-W52, out of range" check --week last --today 1900-01-01 $A
cli 64 "--today wants a date that exists, YYYY-MM-DD from 1900-01-01 to 2999-12-31, not '2026-02-29'" check --today 2026-02-29 $A
cli 65 "'published_at' is more than 31 days in the future" check --today 1900-01-01 $A
cli 64 "--archive $tmp/arc/out/a.sqlite lies inside the output folder $tmp/arc/out, which is replaced whole on every run" build --out "$tmp/arc/out" --archive "$tmp/arc/out/a.sqlite" $A
cli 64 "--archive $tmp/arc/q/2026-W02/a.sqlite lies inside the output folder" build --today 2026-01-05 --out "$tmp/arc/q/{week}" --archive "$tmp/arc/q/2026-W02/a.sqlite" $A
cli 64 "unknown option '--bogus'" check --bogus $A
cli 64 "unknown command 'bogus'" bogus $A
cli 64 "no command given" --strict
cli 64 "no INPUT given" build
cli 64 "--formats wants a list of csv, xlsx and pdf, not ',,'" build --formats ,, $A
cli 64 "quantities reads standard input and takes no INPUT" quantities x
run --help; check "--help exit" "$?" 0
check "--help fits 80 columns" "$(awk 'length > 80' "$tmp/out" | wc -l)" 0
timeout 60 "$EXPORTER" --help >&- 2>"$tmp/err"; check "--help to a closed stdout: 74" "$?" 74

# ---- Paths ----
cd "$tmp"
mkdir -p p/in; cp "$REPO"/examples/articles/*.txt p/in/
cd p
run build --no-archive --formats csv --out o1/ in/;            check "trailing slashes" "$?" 0
check "trailing slashes: a link named o1" "$(test -L o1 && echo link)" link
run build --no-archive --formats csv --out ./o2 ./in/../in/.; check "./ and .. in paths" "$?" 0
check "./ and ..: five rows" "$(rows o2/articles.csv)" 5
run build --no-archive --formats csv --out "$tmp/p/o3" "$tmp/p/in"; check "absolute paths" "$?" 0
ln -s 000_a01ba545a0ffea06.txt in/link_to_000.txt
run build --no-archive --formats csv --out o4 in in in/000_a01ba545a0ffea06.txt ./in//000_a01ba545a0ffea06.txt
check "the same file four ways: exit" "$?" 0
check "the same file four ways: read once, silently" "$(cat "$tmp/err")" ""
check "the same file four ways: five rows" "$(rows o4/articles.csv)" 5
printf '%s\n' in/000_a01ba545a0ffea06.txt in/000_a01ba545a0ffea06.txt | timeout 120 "$EXPORTER" build --no-archive --formats csv --out o5 - - in 2>"$tmp/err"
check "stdin list twice and the folder: exit" "$?" 0
check "stdin list: five rows" "$(rows o5/articles.csv)" 5
rm in/link_to_000.txt
printf 'in/000_a01ba545a0ffea06.txt\0.bak\nin/001_fb8133d21bfd6a82.txt\n' |
  timeout 120 "$EXPORTER" build --no-archive --formats csv --out o_nul - 2>"$tmp/err"
check "a listed path holding a NUL: exit" "$?" 65
has "a listed path holding a NUL: reported by its line" "^exporter: -:1: error: a path holding a NUL byte; not read$"
check "a listed path holding a NUL: the next line read" "$(rows o_nul/articles.csv)" 1
cp in/000_a01ba545a0ffea06.txt in/zz_same_id.txt; printf '\n다른 본문.\n' >> in/zz_same_id.txt
run build --no-archive --formats csv --out o6 in; check "same id, other content: exit" "$?" 0
has "same id, other content: reported" "zz_same_id.txt: warning: duplicate of .*000_a01ba545a0ffea06.txt \(same id\)"
rm in/zz_same_id.txt
run build --no-archive --formats csv --out o1 o1; check "the output folder as the input: 66" "$?" 66
check "the output folder as the input: the set it held kept" "$(rows o1/articles.csv)" 5
run build --no-archive --formats csv --out in/out in; check "--out inside the input" "$?" 0
run build --no-archive --formats csv --out in/out in; check "--out inside the input, again" "$?" 0
check "--out inside the input: five rows" "$(rows in/out/articles.csv)" 5
rm -rf in/out in/.out.exporter
run build --no-archive --formats csv --out in in; check "--out the input folder itself: refused" "$?" 73
check "--out the input folder itself: articles kept" "$(ls in/*.txt | wc -l)" 5
for bad in . .. /; do run build --no-archive --out "$bad" in; check "--out $bad refused" "$?" 73; done
# File names are bytes: one that is not UTF-8, or holds a newline, an escape sequence or a
# direction override, is shown escaped in articles.csv and the workbook (both stay valid).
mkdir -p names; cp in/*.txt names/
mv names/000_a01ba545a0ffea06.txt names/$'\xff\xfe bad.txt'
mv names/001_fb8133d21bfd6a82.txt names/$'new\nline.txt'
mv names/002_489791d6e137b096.txt names/$'\e[31mred\u202e.txt'
run build --no-archive --out o_names names; check "odd file names: exit" "$?" 0
check "odd file names: the set whole, the workbook's XML valid" "$(whole o_names)" whole
check "odd file names: shown escaped" "$(grep -cF -e 'names/\xFF\xFE bad.txt' -e 'names/new\x0Aline.txt' -e 'names/\x1B[31mred\u{202E}.txt' o_names/articles.csv)" 3
truncate -s 1G in/zz_sparse.txt
run check in; check "a 1 GB sparse file: exit" "$?" 65
has "a 1 GB sparse file: refused before reading" "zz_sparse.txt: error: file is larger than the 16 MiB limit"
rm in/zz_sparse.txt
ln -s nowhere.txt in/zz_dangling.txt
run build --no-archive --formats csv --out o7 in; check "a dangling link: exit" "$?" 65
has "a dangling link: reported" "zz_dangling.txt: error: cannot open: No such file"
check "a dangling link: the others exported" "$(rows o7/articles.csv)" 5
rm in/zz_dangling.txt
# Permissions mean nothing to root: the unprivileged cases run as nobody when we are root.
as_user=""
user_exporter=$EXPORTER
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
  as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
  # nobody may not reach the checkout (a clone in /root): the binary, templates and fonts it
  # runs with are copied where nobody can read them
  mkdir -p "$tmp/p/data"
  cp -r "$REPO/templates" "$REPO/fonts" "$tmp/p/data/"
  cp "$EXPORTER" "$tmp/p/exporter"
  user_exporter="$tmp/p/exporter"
  chmod 755 "$tmp"; chmod -R a+rX "$tmp/p"; chmod 777 "$tmp/p"
fi
mkdir -p ro locked; cp in/*.txt locked/; chmod 000 locked/001_fb8133d21bfd6a82.txt; mkdir locked/sub; chmod 000 locked/sub
chmod 555 ro
EXPORTER_DATADIR=$tmp/p/data timeout 120 $as_user "$user_exporter" build --no-archive --formats csv \
  --out "$tmp/p/o8" "$tmp/p/locked" >/dev/null 2>"$tmp/err"
rc=$?
if [ -z "$as_user" ] && [ "$(id -u)" = 0 ]; then
  echo "note: root without setpriv: permission cases skipped"
else
  check "an unreadable file and folder: exit" "$rc" 66
  has "an unreadable file: reported" "001_fb8133d21bfd6a82.txt: error: cannot open: Permission denied"
  has "an unreadable folder: reported" "sub: error: cannot read folder: Permission denied"
  check "an unreadable file: the others exported" "$(rows o8/articles.csv)" 4
  EXPORTER_DATADIR=$tmp/p/data timeout 120 $as_user "$user_exporter" build --no-archive \
    --out "$tmp/p/ro/out" "$tmp/p/in" >/dev/null 2>"$tmp/err"
  check "a read-only output parent: 73" "$?" 73
  has "a read-only output parent: reported" "ro/.out.exporter: error: cannot create output directory: Permission denied"
  # umask 777 takes the owner's own permissions: the run still works (the owner keeps access
  # to what it creates), and so does the next run with an ordinary umask
  (umask 777; EXPORTER_DATADIR=$tmp/p/data timeout 120 $as_user "$user_exporter" build \
    --today 2026-01-05 --out "$tmp/p/um" "$tmp/p/in" >/dev/null 2>"$tmp/err")
  check "umask 777: exit" "$?" 0
  check "umask 777: nothing said" "$(cat "$tmp/err")" ""
  check "umask 777: the owner reads the set" "$(rows um/articles.csv)" 5
  (umask 022; EXPORTER_DATADIR=$tmp/p/data timeout 120 $as_user "$user_exporter" build \
    --today 2026-01-05 --out "$tmp/p/um" "$tmp/p/in" >/dev/null 2>"$tmp/err")
  check "umask 777, then an ordinary run: exit" "$?" 0
fi
chmod -R u+rwX locked; chmod 755 ro
cd "$REPO"

# ---- Few file descriptors (ulimit -n) ----
# Every run either completes or fails with one of ours (73/74): nothing published, or (inputs
# that could not be opened are reported and the others exported, as any unreadable input) a
# whole set; every
# line on stderr is ours (libxlsxwriter's own "[ERROR]" lines were printed when it could not
# open its temporary files: muting them needs descriptors too).
nofile_bad=0
for n in 8 10 12 13 14 15 16 18 20 24; do
  rm -rf "$tmp/nf" "$tmp/.nf.exporter"
  (ulimit -n $n; timeout 120 "$EXPORTER" build --today 2026-01-05 --out "$tmp/nf" "$tmp/p/in" >/dev/null 2>"$tmp/err")
  rc=$?
  case $rc in
    0) [ "$(whole "$tmp/nf")" = whole ] || { echo "FAIL: ulimit -n $n: exit 0, set not whole"; nofile_bad=1; }
       # never a silent font fallback: fontconfig that could open no file is not "no font"
       [ "$(pdffonts "$tmp/nf/briefing.pdf" 2>/dev/null | grep -c 'NanumGothic')" -ge 2 ] ||
         { echo "FAIL: ulimit -n $n: exit 0 without the Nanum fonts"; nofile_bad=1; } ;;
    73|74) [ ! -e "$tmp/nf" ] || [ "$(whole "$tmp/nf")" = whole ] ||
             { echo "FAIL: ulimit -n $n: exit $rc with a set not whole"; nofile_bad=1; } ;;
    # (78 was "no usable TrueType font found … install fonts-nanum" when the fonts could not
    # be opened for want of descriptors)
    *) echo "FAIL: ulimit -n $n: exit $rc: $(head -c 300 "$tmp/err")"; nofile_bad=1 ;;
  esac
  if grep -qv '^exporter: ' "$tmp/err"; then
    echo "FAIL: ulimit -n $n: a line not ours: $(grep -v '^exporter: ' "$tmp/err" | head -2)"; nofile_bad=1
  fi
done
check "ulimit -n 8…24: whole or 73/74, every message ours" "$nofile_bad" 0

# ---- Faults: a full disk and file-size limits ----
# Each run either publishes a whole set or fails with 74, leaving the previous set untouched
# and no staging folder behind.
# The previous set holds the five samples; a faulted run reads the hostile folder (its set
# would hold 5 + the good hostile articles), so a mixed or replaced set shows in the rows.
fault_run() {   # label, output folder, file-size limit in KB or "", then a command to run before
  local label=$1 out=$2 limit=$3; shift 3
  timeout 120 "$EXPORTER" build --out "$out" examples/articles >/dev/null 2>&1
  "$@"
  local before; before=$(cd "$out" && cat articles.csv facts.csv comparison.csv briefing.pdf | cksum)
  ( [ -n "$limit" ] && ulimit -f "$limit"; timeout 120 "$EXPORTER" build --out "$out" "$tmp/in" >/dev/null 2>"$tmp/err" )
  local rc=$?
  local state="${out%/*}/.${out##*/}.exporter"
  if [ $rc = 65 ]; then
    check "$label: a whole new set published" "$(whole "$out") $(rows "$out/articles.csv")" "whole $((good + 5))"
  elif [ $rc = 153 ] && [ -n "$limit" ]; then   # ended by SIGXFSZ
    check "$label: the previous set untouched" "$(cd "$out" && cat articles.csv facts.csv comparison.csv briefing.pdf | cksum)" "$before"
  elif [ $rc = 74 ]; then
    # The archive records a week after its outputs are published, so a disk that fills
    # exactly then leaves the new set published (whole) and the archive without the week.
    if [ "$(cd "$out" && cat articles.csv facts.csv comparison.csv briefing.pdf | cksum)" = "$before" ]; then
      echo "ok: $label: the previous set untouched"
    elif grep -q 'error: archive: ' "$tmp/err"; then
      check "$label: the archive failed after a whole new set" "$(whole "$out") $(rows "$out/articles.csv")" "whole $((good + 5))"
    else
      echo "FAIL: $label: 74 but the set changed: $(head -c 300 "$tmp/err")"; fail=1
    fi
    grep -qE '^exporter: .*error: ' "$tmp/err" && echo "ok: $label: an error message" || { echo "FAIL: $label: no error message"; fail=1; }
  else
    echo "FAIL: $label: exit $rc: $(head -c 300 "$tmp/err")"; fail=1
  fi
  check "$label: every message is ours" "$(grep -cv '^exporter: ' "$tmp/err")" 0
  check "$label: no staging folder left" "$(strays "$out")" 0
  [ -f "$state/archive.sqlite" ] && check "$label: archive whole" "$(integrity "$state/archive.sqlite")" ok
}
mkdir -p "$tmp/fs"
for kb in 4 16 64 128 256 512 1024 4096; do fault_run "file-size limit ${kb} KB" "$tmp/fs/out" "$kb" :; done
mkdir -p "$tmp/small"
fill_disk() {   # leaves $1 KB free on the small file system
  rm -f "$tmp/small/filler"
  local free; free=$(df -k --output=avail "$tmp/small" | tail -1)
  head -c $(( (free - $1) * 1024 )) /dev/zero > "$tmp/small/filler" 2>/dev/null
}
if mount -t tmpfs -o size=12m tmpfs "$tmp/small" 2>/dev/null; then
  mounted="$tmp/small"
  for left in 1200 900 700 600 500 400 300 200 100 0; do
    fault_run "full disk, $left KB free" "$tmp/small/out" "" fill_disk "$left"
    rm -f "$tmp/small/filler"
  done
else
  echo "note: cannot mount a tmpfs here; the full disk is covered by the file-size limits"
fi

# A full /tmp (a small tmpfs over it, in a mount namespace of our own when we may make one):
# what keeps temporary files there either reports the failure (74) or keeps them elsewhere;
# never a truncated workbook published (libxlsxwriter ignores its own write errors, so its
# row files live in the staging folder).
mkdir -p /var/tmp 2>/dev/null
vt=$(mktemp -d /var/tmp/exporter-battery.XXXXXX 2>/dev/null)
if [ -n "$vt" ] && unshare -m true 2>/dev/null; then
  cp -r "$tmp/in" "$vt/in"
  # the checkout itself may live under /tmp (a clone in mktemp -d): the binary, templates and
  # fonts the run needs are copied beside the inputs, out of the tmpfs's way
  mkdir -p "$vt/data" && cp -r "$REPO/templates" "$REPO/fonts" "$vt/data/" && cp "$EXPORTER" "$vt/exporter"
  for size in 64k 256k 1m; do
    EXPORTER_DATADIR=$vt/data unshare -m sh -c \
      'mount -t tmpfs -o size=$1 tmpfs /tmp && exec timeout 120 "$2" build --out "$3/o" "$3/in"' \
      sh "$size" "$vt/exporter" "$vt" >/dev/null 2>"$tmp/err"
    rc=$?
    if [ $rc = 65 ]; then
      check "/tmp of $size: a whole set" "$(whole "$vt/o") $(rows "$vt/o/articles.csv")" "whole $((good + 5))"
    else
      check "/tmp of $size: an I/O error" "$rc" 74
      check "/tmp of $size: reported in our form" "$(grep -cv '^exporter: ' "$tmp/err")" 0
    fi
  done
  rm -rf "$vt"
else
  [ -n "$vt" ] && rm -rf "$vt"
  echo "note: no mount namespace here; the full /tmp case is not run"
fi

# ---- Signals at random moments ----
# Ending signals (TERM, INT, HUP, QUIT, USR1, ALRM) remove the staging folder; KILL leaves it
# for the next run. In every case the published set stays whole, the lock is released and
# the archive is whole. PIPE is ignored: that run completes.
python3 tests/tools/gen_corpus.py examples/articles "$tmp/big" 300
mkdir -p "$tmp/sig"
timeout 120 "$EXPORTER" build --out "$tmp/sig/out" "$tmp/big" 2>/dev/null
RANDOM=20261128
for sig in TERM INT HUP QUIT USR1 ALRM KILL PIPE TERM INT HUP KILL; do
  ls -A "$tmp/sig/.out.exporter/runs" > "$tmp/sig/runs_before"
  python3 -c 'import os, signal, sys
for s in (signal.SIGINT, signal.SIGQUIT, signal.SIGHUP, signal.SIGPIPE): signal.signal(s, signal.SIG_DFL)
os.execv(sys.argv[1], sys.argv[1:])' "$EXPORTER" build --out "$tmp/sig/out" "$tmp/big" 2>/dev/null &
  pid=$!
  # a random moment: a few hundred microseconds to about a second into the run
  moment=$RANDOM
  if [ "$sig" = PIPE ]; then
    # SIGPIPE is ignored from main on; before that (the loader, the sanitizers' start) its
    # default action ends any program. So wait, by counting, not timing, until the run has
    # staged its folder (or ended) — a watchdog of 600 polls, never a duration asserted.
    for _ in $(seq 600); do
      ls -A "$tmp/sig/.out.exporter/runs" | grep -qvxF -f "$tmp/sig/runs_before" && break
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.05
    done
  else
    python3 -c 'import sys, time; time.sleep(int(sys.argv[1]) / 30000)' "$moment"
  fi
  kill -s "$sig" "$pid" 2>/dev/null; wait "$pid"; rc=$?
  check "SIG$sig at a random moment: the published set whole" "$(whole "$tmp/sig/out")" whole
  [ "$sig" = PIPE ] && check "SIGPIPE is ignored: the run completes" "$rc" 0
  if [ "$sig" != KILL ]; then
    check "SIG$sig: no staging folder left" "$(strays "$tmp/sig/out")" 0
  fi
  check "SIG$sig: the archive whole" "$(integrity "$tmp/sig/.out.exporter/archive.sqlite")" ok
done
timeout 120 "$EXPORTER" build --out "$tmp/sig/out" examples/articles 2>/dev/null
check "after the signals: the lock is free and the next run publishes" "$?" 0
check "after the signals: killed runs' staging folders removed" "$(strays "$tmp/sig/out")" 0

# ---- Templates ----
python3 - "$tmp/t" <<'PY'
import os, re, sys
d = sys.argv[1]; os.makedirs(d)
t = open('templates/sovereign-ai.yaml', encoding='utf-8').read()
def put(name, text): open(os.path.join(d, name + '.yaml'), 'w', encoding='utf-8').write(text)
put('columns_101', t.replace('\ncolumns:\n', '\ncolumns:\n' + ''.join(
    '  - {id: c%d, type: quantity, units: [KRW], cues: [매출%d]}\n' % (i, i) for i in range(101 - 14)), 1))
put('columns_10000', t.replace('\ncolumns:\n', '\ncolumns:\n' + ''.join(
    '  - {id: c%d, type: quantity, units: [KRW], cues: [매출%d]}\n' % (i, i) for i in range(10000)), 1))
put('entities_10000', t.replace('\nentities:\n', '\nentities:\n' + ''.join(
    '  - {id: e%d, name: 가상기업%d호}\n' % (i, i) for i in range(10000)), 1))
put('table_column_twice', re.sub(r'table_columns: \[entity,', 'table_columns: [entity, entity,', t))
put('section_twice', t.replace('sections: [title,', 'sections: [title, title,'))
put('empty_cue', t.replace('cues: [성능]', 'cues: [""]'))
put('empty_keyword', t.replace('text: [텍스트, text]', 'text: [""]'))
put('cues_a_map', t.replace('cues: [성능]', 'cues: {a: b}'))
put('key_sentences_huge', t.replace('key_sentences: 3', 'key_sentences: 100000000000'))
put('margin_huge', t.replace('margin_mm: 18', 'margin_mm: 1000'))
put('font_size_zero_point_one', t.replace('font_size_pt: 10', 'font_size_pt: 0.1'))
put('self_alias', t.replace('cues: [성능]', 'cues: &self [성능, *self]'))
put('undefined_alias', t.replace('cues: [성능]', 'cues: *nowhere'))
put('not_yaml', '\x00\x01binary')
put('labels_format_strings', t.replace('  labels:\n', '  labels:\n    entity: "%s%n%x%99999999s"\n', 1)
    .replace('title: 독자 AI 파운데이션 모델 주간 브리핑', 'title: "%s%n 브리핑 %p"'))
put('label_100k', t.replace('  labels:\n', '  labels:\n    topic_heading: "' + '가나다 ' * 25000 + '"\n', 1))
put('billion_laughs', 'x0: &x0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n' + ''.join(
    'x%d: &x%d [%s]\n' % (i, i, ', '.join(['*x%d' % (i - 1)] * 10)) for i in range(1, 9)) + t)
PY
tpl() {   # expected exit, message pattern, template name
  run build --no-archive --template "$tmp/t/$3.yaml" --out "$tmp/to_$3" examples/articles
  local rc=$?
  if [ "$rc" != "$1" ] || { [ -n "$2" ] && ! grep -qE -- "$2" "$tmp/err"; }; then
    echo "FAIL: template $3: exit $rc, stderr: $(head -c 300 "$tmp/err")"; fail=1
  else echo "ok: template $3"; fi
  if [ "$rc" = 0 ]; then
    check "template $3: the set whole" "$(whole "$tmp/to_$3")" whole
    check "template $3: silent" "$(cat "$tmp/err")" ""
  fi
  if [ "$rc" = 78 ]; then check "template $3: nothing written" "$(ls -A "$tmp/to_$3" 2>/dev/null | wc -l)" 0; fi
}
P='[0-9]+:[0-9]+: error: '
tpl 78 "columns_101.yaml:$P""101 columns; a comparison table has at most 100" columns_101
tpl 78 "columns_10000.yaml:$P""10014 columns" columns_10000
tpl 78 "entities_10000.yaml:$P""10006 entities; a briefing compares at most 200" entities_10000
tpl 78 "table_column_twice.yaml:$P'entity' is listed twice in table_columns" table_column_twice
tpl 78 "section_twice.yaml:$P""section 'title' is listed twice" section_twice
tpl 78 "empty_cue.yaml:$P""an item of cues must not be empty" empty_cue
tpl 78 "empty_keyword.yaml:$P" empty_keyword
tpl 78 "cues_a_map.yaml:$P""cues must be a list" cues_a_map
tpl 78 "key_sentences_huge.yaml:$P""key_sentences must be a whole number from 0 to 20" key_sentences_huge
tpl 78 "margin_huge.yaml:$P""margin_mm must be a whole number" margin_huge
tpl 78 "font_size_zero_point_one.yaml:$P""font_size_pt must be a whole number" font_size_zero_point_one
tpl 78 "self_alias.yaml:$P" self_alias
tpl 78 "undefined_alias.yaml:$P" undefined_alias
tpl 78 "not_yaml.yaml:" not_yaml
tpl 78 "billion_laughs.yaml:$P""unknown key 'x0'" billion_laughs
tpl 0 "" labels_format_strings
check "format strings printed as written" "$(pdftotext "$tmp/to_labels_format_strings/briefing.pdf" - 2>/dev/null | grep -qF '%s%n%x%99999999s' && echo yes)" yes
tpl 78 "label_100k.yaml:$P""a value longer than 4096 bytes" label_100k

exit $fail

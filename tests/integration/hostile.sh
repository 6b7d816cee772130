#!/bin/bash
# Hostile inputs that used to hang, crash or escape: link loops and `..` links in an input
# folder, FIFOs and devices among the inputs, an empty folder, a path longer than PATH_MAX.
# Each run has a generous watchdog (timeout 60) so a hang fails instead of blocking make
# test; what is asserted is the work done (rows exported), never the time taken.
set -u
EXPORTER=${EXPORTER:-build/exporter}
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp" 2>/dev/null || python3 -c "import shutil,sys; shutil.rmtree(sys.argv[1])" "$tmp"' EXIT
check() { if [ "$2" != "$3" ]; then echo "FAIL: $1: expected '$3', got '$2'"; fail=1; else echo "ok: $1"; fi; }
rows() { python3 -c 'import csv,sys; print(sum(1 for _ in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline=""))))' "$1" 2>/dev/null || echo none; }
run() { timeout 60 "$EXPORTER" "$@" 2>"$tmp/err"; }
has() { grep -qF -- "$2" "$tmp/err" && echo "ok: $1" || { echo "FAIL: $1: no '$2' in: $(head -c 600 "$tmp/err")"; fail=1; }; }

# Link loops: each folder is read once, and a link to `..` does not reach the article beside
# the input folder.
mkdir -p "$tmp/tree/in/a/b" "$tmp/tree/outside"
cp examples/articles/*.txt "$tmp/tree/in/a/b/"
sed 's/^id: .*/id: outside_1/; s/^url: \(.*\)/url: \1?outside/' examples/articles/000_a01ba545a0ffea06.txt > "$tmp/tree/outside/escaped.txt"
ln -s .. "$tmp/tree/in/a/b/up"
ln -s ../.. "$tmp/tree/in/a/b/upup"
ln -s ../../.. "$tmp/tree/in/a/b/escape"
ln -s . "$tmp/tree/in/a/self"
for i in 1 2 3 4 5 6 7 8; do ln -s "$tmp/tree/in/a" "$tmp/tree/in/a/b/abs$i"; done
run build --formats csv --out "$tmp/o1" "$tmp/tree/in"
check "link loops exit" "$?" 0
check "link loops: each article once" "$(rows "$tmp/o1/articles.csv")" 5
has "a .. link is not followed out of the folder" "escape: warning: link leads outside"

# A FIFO named like an article, inside a folder and given directly: reported, never opened.
mkdir -p "$tmp/fifo"; cp examples/articles/*.txt "$tmp/fifo/"; mkfifo "$tmp/fifo/blocked.txt"
run build --formats csv --out "$tmp/o2" "$tmp/fifo"
check "FIFO in folder exit" "$?" 65
has "FIFO message" "blocked.txt: error: a FIFO, not an article file"
check "FIFO: good articles still exported" "$(rows "$tmp/o2/articles.csv")" 5
run check "$tmp/fifo/blocked.txt"
check "FIFO given directly exit" "$?" 65
run check /dev/zero
check "device exit" "$?" 65
has "device message" "/dev/zero: error: a device, not an article file"
# Paths on stdin naming a FIFO.
echo "$tmp/fifo/blocked.txt" | timeout 60 "$EXPORTER" check - 2>"$tmp/err"
check "FIFO on stdin list exit" "$?" 65

# A truly empty folder: 66, and no undefined behaviour on the way (the ASan+UBSan binary).
mkdir -p "$tmp/empty"
run build --out "$tmp/o3" "$tmp/empty"
check "empty folder exit" "$?" 66
has "empty folder message" "error: no articles to export"

# A path longer than PATH_MAX inside an input folder is reported (65), not dropped.
mkdir -p "$tmp/deep"; cp examples/articles/*.txt "$tmp/deep/"
# (made with directory descriptors: cp and cd cannot reach it either)
python3 - "$tmp/deep" examples/articles/000_a01ba545a0ffea06.txt <<'PY'
import os, sys
fd = os.open(sys.argv[1], os.O_RDONLY | os.O_DIRECTORY)
for _ in range(22):
    os.mkdir('d' * 200, dir_fd=fd)
    fd = os.open('d' * 200, os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
with open(sys.argv[2], 'rb') as src, os.fdopen(os.open('far.txt', os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd), 'wb') as dst:
    dst.write(src.read())
PY
run build --formats csv --out "$tmp/o4" "$tmp/deep"
check "long path exit" "$?" 65
has "long path message" "error: path longer than the system's limit"
check "long path: the others still exported" "$(rows "$tmp/o4/articles.csv")" 5

# Front matter nested 30,000 and 50,000 deep (libyaml's scanner is quadratic in the depth):
# stopped at the depth limit, before libyaml looks further. Both beside the good articles.
mkdir -p "$tmp/nest"; cp examples/articles/*.txt "$tmp/nest/"
python3 - "$tmp/nest" <<'PY'
import sys
for name, depth in (('deep30k.txt', 30000), ('deep50k.txt', 50000)):
    with open(sys.argv[1] + '/' + name, 'w') as f:
        f.write('---\nid: %s\ntitle: t\nx: %s%s\n---\n\nbody\n' % (name, '[' * depth, ']' * depth))
PY
run build --formats csv --out "$tmp/o5" "$tmp/nest"
check "deep nesting exit" "$?" 65
has "30,000 deep stopped at the depth limit" "deep30k.txt:4:19: error: front matter nested deeper than 16 levels"
has "50,000 deep stopped at the depth limit" "deep50k.txt:4:19: error: front matter nested deeper than 16 levels"
check "deep nesting: the others still exported" "$(rows "$tmp/o5/articles.csv")" 5

# An unusable TMPDIR (missing, or a file) falls back to /tmp: the run completes.
for bad in "$tmp/no-such-dir" /etc/hostname; do
  TMPDIR=$bad timeout 60 "$EXPORTER" build --formats pdf --out "$tmp/tmpdir" examples/articles 2>"$tmp/err"
  check "TMPDIR=$bad exit" "$?" 0
  check "TMPDIR=$bad: the briefing written" "$(test -s "$tmp/tmpdir/briefing.pdf" && echo yes)" yes
done

# Closed standard descriptors: the next open() must not take their number, or the lock file
# or a CSV would receive the diagnostics; a report to a closed stdout fails (74).
mkdir -p "$tmp/fd"; cp examples/articles/*.txt tests/bad/wrong_type.txt "$tmp/fd/"
timeout 60 "$EXPORTER" build -v --formats csv --out "$tmp/o_fd" "$tmp/fd" 2>&-
check "stderr closed exit" "$?" 65
check "stderr closed: no message in any file the run wrote" \
  "$(grep -rlaF 'exporter:' "$tmp/o_fd/" "$tmp/.o_fd.exporter/" 2>/dev/null)" ""
check "stderr closed: the good articles exported" "$(rows "$tmp/o_fd/articles.csv")" 5
timeout 60 "$EXPORTER" check examples/articles >&- 2>"$tmp/err"
check "stdout closed: check's report cannot be written" "$?" 74
has "stdout closed message" "error: cannot write to standard output"

# A reader of stderr that went away (SIGPIPE) costs the messages, not the run; a file-size
# limit (SIGXFSZ) ends the run, but never leaves its staging folder behind.
python3 - "$EXPORTER" "$tmp/fd" "$tmp/o_pipe" > "$tmp/pipe_rc" <<'PY'
import os, subprocess, sys
r, w = os.pipe()
os.close(r)                       # nobody will ever read the diagnostics
p = subprocess.run([sys.argv[1], 'build', '--formats', 'csv', '--out', sys.argv[3], sys.argv[2]],
                   stderr=w, timeout=60)
print(p.returncode)
PY
check "stderr a broken pipe: exit" "$(cat "$tmp/pipe_rc")" 65
check "stderr a broken pipe: the good articles exported" "$(rows "$tmp/o_pipe/articles.csv")" 5
timeout 60 "$EXPORTER" build --no-archive --formats csv --out "$tmp/o_fsz" examples/articles 2>/dev/null
(ulimit -f 8; timeout 60 "$EXPORTER" build --no-archive --formats csv,pdf --out "$tmp/o_fsz" "$tmp/fd" 2>"$tmp/err")
check "file-size limit: ended by SIGXFSZ" "$?" 153
check "file-size limit: previous set kept" "$(rows "$tmp/o_fsz/articles.csv")" 5
check "file-size limit: no staging folder left" "$(ls -A "$tmp/.o_fsz.exporter/runs" | wc -l)" 1

# Dangerous and oversized links: only http(s) becomes a live PDF link; a 70,000-character url
# is a bad article (65), never a libharu failure (70) beside new CSVs.
mkdir -p "$tmp/links"; cp examples/articles/*.txt "$tmp/links/"
n=0
for url in 'javascript:alert(1)' 'file:///etc/passwd' 'data:text/html,x' 'JaVaScRiPt:alert(2)'; do
  n=$((n + 1))
  sed -e "s/^id: .*/id: evil_$n/" -e "s|^url: .*|url: $url|" -e 's/^content_hash: .*/content_hash: /' \
      examples/articles/001_fb8133d21bfd6a82.txt > "$tmp/links/evil_$n.txt"
  printf '\n추가 문단 %d.\n' "$n" >> "$tmp/links/evil_$n.txt"   # not a duplicate
done
run build --formats pdf --out "$tmp/o6" "$tmp/links"
check "dangerous urls exit" "$?" 0
has "dangerous url reported" "evil_1.txt:13:6: warning: 'url' is not an absolute http(s) URL"
check "dangerous-url articles kept" "$(grep -c "duplicate" "$tmp/err")" 0
qpdf --qdf --object-streams=disable "$tmp/o6/briefing.pdf" "$tmp/o6.qdf" 2>/dev/null
check "no javascript:, file: or data: link" "$(grep -aciE '/URI \((javascript|file|data):' "$tmp/o6.qdf")" 0
check "http(s) links still there" "$(test "$(grep -ac '/URI (http' "$tmp/o6.qdf")" -ge 5 && echo yes)" yes
sed -e 's/^id: .*/id: long_url/' -e "s|^url: .*|url: https://example.com/$(head -c 70000 /dev/zero | tr '\0' a)|" \
    examples/articles/001_fb8133d21bfd6a82.txt > "$tmp/links/long_url.txt"
run build --out "$tmp/o7" "$tmp/links"
check "70,000-character url exit" "$?" 65
# (the field rule, at the url's position, although it also takes the front matter past 64 KiB)
has "70,000-character url message" "long_url.txt:13:6: error: 'url' is longer than 2048 bytes"
check "70,000-character url: a complete new set" "$(for f in articles.csv comparison.csv facts.csv briefing.pdf briefing.xlsx; do test -s "$tmp/o7/$f" || echo "$f missing"; done)" ""

# A template beyond sane limits (10,000 entities) is a bad template (78) with its position.
python3 - "$tmp/huge.yaml" <<'PY'
import sys
t = open('templates/sovereign-ai.yaml', encoding='utf-8').read()
i = t.index('\nentities:\n') + len('\nentities:\n')
extra = ''.join('  - id: e%d\n    name: 가상기업%d호\n' % (k, k) for k in range(10000))
open(sys.argv[1], 'w', encoding='utf-8').write(t[:i] + extra + t[i:])
PY
run build --template "$tmp/huge.yaml" --out "$tmp/o8" examples/articles
check "10,000 entities exit" "$?" 78
has "10,000 entities message" "huge.yaml:"
has "10,000 entities names the limit" "a briefing compares at most 200"

# One article stating 10,000 different values for one cell: the table's note and the summary
# list 4 and count the rest, so the PDF stays within what libharu's arrays hold (it failed:
# exit 70, "cannot write the PDF's catalog entries", with 10,000 citation links on one page).
python3 - "$tmp/many/many.txt" <<'PY'
import os, sys
os.makedirs(os.path.dirname(sys.argv[1]), exist_ok=True)
head = '---\nid: many_values\ntitle: 값이 많은 기사\npublished_at: 2025-12-28 00:00\nurl: https://example.com/many\n---\n\n'
open(sys.argv[1], 'w', encoding='utf-8').write(head + ''.join(
    'SK텔레콤 정예팀은 매개변수 %d억개 규모의 모델을 공개한다.\n' % (i + 1) for i in range(10000)))
PY
run build --no-archive --formats pdf --out "$tmp/o9" "$tmp/many"
check "10,000 values for one cell: exit" "$?" 0
check "10,000 values for one cell: the PDF is valid" "$(qpdf --check "$tmp/o9/briefing.pdf" >/dev/null 2>&1 && echo valid)" valid
check "10,000 values for one cell: 4 listed, the rest counted" \
  "$(pdftotext "$tmp/o9/briefing.pdf" - | tr -d '\n' | grep -c '외 다른 값 9,996개')" 1

exit $fail

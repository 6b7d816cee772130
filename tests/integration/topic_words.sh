#!/bin/bash
# topic_words.sh — no word of another topic in a topic's briefing. Renders the briefing of the
# bundled topic (examples/articles) and of every case in tests/cases/, extracts its text with
# pdftotext, and lists each word another topic's template defines (names, labels, titles) or
# the bundled topic's own vocabulary that the briefing prints although neither its template
# nor its articles use it (topic_words.py). Known leaks are listed in topic_words.expected,
# one `topic<TAB>word<TAB>source` line each; a leak not listed fails, a listed one that no
# longer leaks is reported so that the line is deleted (the list only shrinks).
# Run from anywhere with EXPORTER set to the binary under test.
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/../.."
EXPORTER=${EXPORTER:-build/exporter}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
expected=tests/integration/topic_words.expected

render() {   # name template articles
  "$EXPORTER" build --formats pdf --template "$2" --out "$tmp/$1" "$3" 2>"$tmp/$1.err" \
    || { cat "$tmp/$1.err"; echo "topic_words.sh: FAIL: $1: build failed"; exit 1; }
  pdftotext "$tmp/$1/briefing.pdf" "$tmp/$1.txt"
  args+=("$1=$2:$3:$tmp/$1.txt")
}
args=()
render sample templates/sovereign-ai.yaml examples/articles
for dir in tests/cases/*/; do
  dir=${dir%/}
  [ -f "$dir/template.yaml" ] && render "${dir##*/}" "$dir/template.yaml" "$dir/articles"
done
[ "${#args[@]}" -ge 5 ] || { echo "topic_words.sh: FAIL: only ${#args[@]} topics"; exit 1; }

python3 tests/integration/topic_words.py "${args[@]}" >"$tmp/leaks"
{ grep -v '^#' "$expected" || true; } | sed '/^$/d' | sort >"$tmp/expected"
new=$(comm -23 "$tmp/leaks" "$tmp/expected")
gone=$(comm -13 "$tmp/leaks" "$tmp/expected")
[ -z "$gone" ] || { echo "topic_words.sh: no longer leaking — delete these lines from $expected:"; echo "$gone"; }
if [ -n "$new" ]; then
  echo "topic_words.sh: FAIL: words of another topic in a briefing (topic, word, whose):"
  echo "$new"
  exit 1
fi
echo "topic_words: ${#args[@]} briefings, $(grep -c . "$tmp/leaks") known leaks, no new one"

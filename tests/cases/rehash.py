#!/usr/bin/env python3
"""Rewrites the content_hash line of hand-written crawl files so that it matches the body.

The crawl's rule: SHA-256 of the text between the --- after the "# title / **publisher**"
header and the --- before the "*Crawled at*" trailer, HTML entities decoded, surrounding
whitespace stripped. Run it after editing an article of a case:
    python3 tests/cases/rehash.py tests/cases/*/articles/*.txt
"""
import hashlib
import html
import re
import sys


def body_of(text):
    lines = text.split('\n')
    # front matter: the first two --- lines
    fm_end = [i for i, l in enumerate(lines) if l == '---'][1]
    start = next(i for i in range(fm_end + 1, len(lines)) if lines[i] == '---') + 1
    end = len(lines)
    for i in range(start, len(lines)):
        if lines[i] != '---':
            continue
        rest = [l for l in lines[i + 1:] if l.strip()]
        if rest and all(l.startswith('*') for l in rest):
            end = i
    return '\n'.join(lines[start:end])


def main():
    for path in sys.argv[1:]:
        text = open(path, encoding='utf-8').read()
        body = html.unescape(body_of(text)).strip(' \t\r\n')
        digest = hashlib.sha256(body.encode('utf-8')).hexdigest()
        new = re.sub(r'(?m)^content_hash: .*$', 'content_hash: ' + digest, text, count=1)
        if new != text:
            open(path, 'w', encoding='utf-8').write(new)


main()

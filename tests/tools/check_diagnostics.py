#!/usr/bin/env python3
"""Checks a run's standard error against a manifest of hostile articles (hostile_articles.py):
every line is one diagnostic, "exporter: …: (error|warning|note): …" with nothing raw in it
(no control character, no byte that is not UTF-8); each bad file has exactly one error, and it
matches the manifest's pattern right after the file's name; each good file has none; no
sanitizer report. Prints one line per problem and exits 1 when there is any.
usage: check_diagnostics.py MANIFEST STDERR_FILE"""
import re
import sys

manifest_path, stderr_path = sys.argv[1], sys.argv[2]
raw = open(stderr_path, 'rb').read()
problems = []
try:
    text = raw.decode('utf-8')
except UnicodeDecodeError as e:
    problems.append('stderr is not UTF-8 at byte %d' % e.start)
    text = raw.decode('utf-8', 'replace')
for marker in ('AddressSanitizer', 'LeakSanitizer', 'runtime error:', 'UndefinedBehaviorSanitizer'):
    if marker in text:
        problems.append('sanitizer report: ' + text[text.index(marker):][:300])
line_shape = re.compile(r'^exporter: (.+?: )?(error|warning|note): .+$')
lines = text.split('\n')
if lines and lines[-1] == '':
    lines.pop()
for line in lines:
    if not line_shape.match(line):
        problems.append('not one diagnostic: %r' % line[:200])
    if re.search(r'[\x00-\x08\x0a-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069]', line):
        problems.append('raw control character in: %r' % line[:200])
for entry in open(manifest_path, encoding='utf-8'):
    name, expect = entry.rstrip('\n').split('\t', 1)
    errors = [l for l in lines if re.search(r'/' + re.escape(name) + r'(:[0-9]+)*: error: ', l)]
    if expect == 'ok':
        if errors:
            problems.append('%s: expected no error, got: %s' % (name, errors[0][:200]))
        continue
    if len(errors) != 1:
        problems.append('%s: expected one error, got %d: %s' % (name, len(errors), errors[:2]))
        continue
    if not re.search(re.escape(name) + expect, errors[0]):
        problems.append('%s: message does not match %r: %s' % (name, expect, errors[0][:300]))
for p in problems:
    print('FAIL: ' + p)
sys.exit(1 if problems else 0)

#!/usr/bin/env python3
"""Writes hostile articles into OUT_DIR, each a variant of one sample article, and a manifest
OUT_DIR/manifest.tsv: file, then 'ok' (a valid article the run must export) or a regular
expression its error message must match after "FILE:" (a line and column are part of it
where the file has one). Every variant has its own id, url and body, so none is a duplicate
of another or of a sample.
usage: hostile_articles.py SAMPLE OUT_DIR"""
import os
import re
import sys

sample_path, out_dir = sys.argv[1], sys.argv[2]
src = open(sample_path, encoding='utf-8').read()
end = src.index('\n---\n', 4)
FM = src[4:end + 1]           # the front matter's lines, each ending in \n
BODY = src[end + 5:]
os.makedirs(out_dir, exist_ok=True)
manifest = []
POS = r':[0-9]+:[0-9]+: error: '


def front(n, fm=None):
    """The sample's front matter with id and url made unique for case n."""
    fm = FM if fm is None else fm
    fm = re.sub(r'^id: .*$', 'id: hostile_%03d' % n, fm, count=1, flags=re.M)
    fm = re.sub(r'^url: (.*)$', r'url: \1?hostile=%d' % n, fm, count=1, flags=re.M)
    return re.sub(r'^content_hash: .*$', 'content_hash: ', fm, count=1, flags=re.M)


def body(n, text=None):
    return (BODY if text is None else text) + '\n추가 문단 %d번이다.\n' % n


def put(name, expect, make):
    n = len(manifest)
    data = make(n)
    if isinstance(data, str):
        data = data.encode('utf-8', 'surrogatepass')
    with open(os.path.join(out_dir, name + '.txt'), 'wb') as f:
        f.write(data)
    manifest.append((name + '.txt', expect))


def field(key, value):
    """An article whose field key holds value (written as YAML source)."""
    def make(n):
        fm = front(n)
        if re.search(r'^%s:' % key, fm, flags=re.M):
            fm = re.sub(r'^%s:.*$' % key, lambda m: key + ': ' + value, fm, count=1, flags=re.M)
        else:
            fm = key + ': ' + value + '\n' + fm
        return '---\n' + fm + '---\n' + body(n)
    return make


def whole(fm_extra_before='', fm_extra_after='', text=None, opening='---\n', closing='---\n'):
    return lambda n: opening + fm_extra_before + front(n) + fm_extra_after + closing + body(n, text)


# Every front-matter field with a value of every YAML kind.
TEXT_FIELDS = ['title', 'category', 'publisher', 'author', 'oid', 'aid']
for key in TEXT_FIELDS + ['url', 'content_hash', 'published_at', 'crawled_at', 'id']:
    put(key + '_list', POS + "field '%s' must be a string, not a list" % key, field(key, '[a, b]'))
    put(key + '_map', POS + "field '%s' must be a string, not a mapping" % key, field(key, '{a: 1}'))
    put(key + '_block_list', POS + "field '%s' must be a string, not a list" % key,
        field(key, '\n  - a\n  - b'))
    put(key + '_binary', POS + "field '%s' must be a string, not !!binary" % key,
        field(key, '!!binary aGVsbG8='))
    put(key + '_local_tag', POS + "field '%s' must be a string, not a value tagged !x" % key,
        field(key, '!x v'))
    put(key + '_int_tag', POS + "field '%s' must be a string, not !!int" % key, field(key, '!!int 5'))
    put(key + '_alias', POS + "field '%s' must be a string, not an alias" % key,
        lambda n, key=key: '---\nanchor: &a v\n' + re.sub(r'^%s:.*$' % key, key + ': *a', front(n),
                                                        count=1, flags=re.M)
        + ('' if re.search(r'^%s:' % key, FM, flags=re.M) else key + ': *a\n') + '---\n' + body(n))
for key in TEXT_FIELDS:
    for kind, value in (('number', '12345'), ('float', '1.5e300'), ('bool', 'true'),
                        ('null', 'null'), ('tilde', '~'), ('anchored', '&x text'),
                        ('bigint', '9' * 40), ('str_tag', '!!str 020')):
        put(key + '_' + kind, 'ok', field(key, value))
for key in ('published_at', 'crawled_at'):
    for kind, value in (('bool', 'true'), ('number', '20251228'), ('float', '.inf'),
                        ('feb_30', '2025-02-30 09:00'), ('hour_24', '2025-12-28 24:00'),
                        ('zone_99', '2025-12-28T00:00:00+99:99'), ('words', 'yesterday'),
                        ('feb_29_25_61', '2026-02-29T25:61'), ('minute_61', '2025-12-28T09:61'),
                        ('zone_15', '2025-12-28T00:00+15:00'), ('year_5_digits', '12025-12-28')):
        put(key + '_' + kind, POS + "'%s' is not a date" % key, field(key, value))
    # A real date outside the window articles are dated in: a crawler's placeholder
    # (1900, the Unix epoch, year 1) or far past the run's day.
    for kind, value in (('year_0', '0000-01-01 00:00'), ('year_1900', '1900-01-01 00:00'),
                        ('epoch', '1970-01-01T00:00:00Z'), ('year_1', '0001-01-01'),
                        ('before_1990_kst', '1989-12-31T14:59:59Z')):
        put(key + '_' + kind, POS + "'%s' is before 1990-01-01" % key, field(key, value))
    put(key + '_year_9999', POS + "'%s' is more than 31 days in the future" % key,
        field(key, '9999-12-31 23:59'))
    put(key + '_null', 'ok', field(key, 'null'))
# A fraction of a second (JavaScript's toISOString) is a real time.
put('published_fraction_of_second', 'ok', field('published_at', '2025-12-27T15:00:00.000Z'))
put('crawled_nanoseconds', 'ok', field('crawled_at', '2025-12-28T06:02:09.123456789+09:00'))
# Zones at the ends of the world's clocks are real.
put('published_zone_plus_14', 'ok', field('published_at', '2025-12-28T00:00+14:00'))
put('published_zone_minus_12', 'ok', field('published_at', '2025-12-27T00:00-12:00'))
put('id_null', POS + "'id' is empty in front matter", field('id', 'null'))
put('id_tilde', POS + "'id' is empty in front matter", field('id', '~'))
put('id_spaces', POS + "'id' is empty in front matter", field('id', '"   "'))
put('id_quoted_null', 'ok', lambda n: '---\n' + front(n).replace('id: hostile_%03d' % n,
                                                               'id: "null_%03d"' % n) + '---\n' + body(n))
put('title_null_no_heading', POS + "'title' is empty in front matter",
    lambda n: '---\n' + re.sub(r'^title:.*$', 'title: null', front(n), flags=re.M) + '---\n\n본문 %d.\n' % n)
put('title_null_heading', 'ok', field('title', 'null'))
# A value that shows nothing is no value: zero-width spaces, joiners, the Hangul fillers.
put('id_hangul_filler', POS + "'id' is empty in front matter", field('id', '"\\u3164"'))
put('id_zero_width', POS + "'id' is empty in front matter", field('id', '"\\u200b\\u2060\\ufeff"'))
put('title_invisible_no_heading', POS + "'title' is empty in front matter",
    lambda n: '---\n' + re.sub(r'^title:.*$', lambda m: 'title: "\\u200b\\u115f"', front(n), flags=re.M) + '---\n\n본문 %d.\n' % n)
put('title_invisible_heading', 'ok', field('title', '"\\u200d\\u00ad"'))
# Sizes: the field rule at its own position, then the front matter's.
put('url_70000', r':[0-9]+:6: error: \'url\' is longer than 2048 bytes',
    field('url', 'https://example.com/' + 'a' * 70000))
put('title_70000', r':3:8: error: \'title\' is longer than 2048 bytes', field('title', 'a' * 70000))
put('author_3000', POS + "'author' is longer than 2048 bytes", field('author', '"' + '가' * 1000 + '"'))
put('unknown_70000', POS + 'front matter longer than 64 KiB', field('extra', 'a' * 70000))
put('keys_10000', POS + 'front matter longer than 64 KiB',
    whole(fm_extra_after=''.join('k%05d: v\n' % i for i in range(10000))))
put('nested_50000', POS + 'front matter nested deeper than 16 levels',
    field('extra', '[' * 50000 + ']' * 50000))
put('nested_block_20', POS + 'front matter nested deeper than 16 levels',
    whole(fm_extra_after='x:\n' + ''.join('  ' * i + 'k%d:\n' % i for i in range(1, 20)) + '  ' * 20 + 'v\n'))
put('billion_laughs_unused', 'ok', whole(
    fm_extra_before='a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n' +
    ''.join('a%d: &a%d [%s]\n' % (i, i, ', '.join(['*a%d' % (i - 1)] * 9)) for i in range(1, 10))))
put('billion_laughs_title', POS + "field 'title' must be a string, not an alias", lambda n:
    '---\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n' +
    ''.join('a%d: &a%d [%s]\n' % (i, i, ', '.join(['*a%d' % (i - 1)] * 9)) for i in range(1, 10)) +
    re.sub(r'^title:.*$', 'title: *a9', front(n), flags=re.M) + '---\n' + body(n))
put('undefined_alias_unknown_key', 'ok', whole(fm_extra_after='x: *nope\n'))
put('duplicate_field', POS + "field 'title' is given twice", whole(fm_extra_after='title: again\n'))
put('duplicate_unknown', 'ok', whole(fm_extra_after='x: 1\nx: 2\n'))
put('merge_key', 'ok', whole(fm_extra_before='base: &b {q: 1}\nm:\n  <<: *b\n'))
put('key_is_list', POS + 'front-matter keys must be strings', whole(fm_extra_before='[a, b]: 1\n'))
put('key_is_map', POS + 'front-matter keys must be strings', whole(fm_extra_before='? {a: 1}\n: 1\n'))
put('front_matter_a_list', r':2:1: error: front matter must be a mapping', lambda n: '---\n- a\n---\n' + body(n))
put('front_matter_a_scalar', r':2:1: error: front matter must be a mapping', lambda n: '---\njust text\n---\n' + body(n))
put('front_matter_comment_only', r':2:1: error: missing \'id\'', lambda n: '---\n# c\n---\n' + body(n))
put('yaml_directive', POS + 'invalid YAML', whole(fm_extra_before='%YAML 1.1\n'))
put('document_end_marker', 'ok', whole(fm_extra_after='...\n'))
put('missing_closing_line', r':1:1: error: unterminated front matter',
    lambda n: '---\n' + front(n) + body(n).replace('\n---\n', '\n- - -\n'))
put('opening_line_missing', r':1:1: error: no front matter', lambda n: front(n) + '---\n' + body(n))
put('nul_in_quoted_title', POS + r'NUL character \(\\0\) inside a string', field('title', '"a\\0b"'))
put('nul_in_body', POS + 'binary file', lambda n: '---\n' + front(n) + '---\n' + body(n).replace('현재', '\0', 1))
put('nul_at_end', POS + 'binary file', lambda n: '---\n' + front(n) + '---\n' + body(n) + '\0')
# Encodings.
put('bom', 'ok', whole(opening='\ufeff---\n'))
put('two_boms', r':1:1: error: no front matter', whole(opening='\ufeff\ufeff---\n'))
put('crlf', 'ok', lambda n: whole()(n).replace('\n', '\r\n'))
put('cr_only', r':1:1: error: no front matter', lambda n: whole()(n).replace('\n', '\r'))
put('utf16le_bom', r':1:1: error: UTF-16 text', lambda n: whole(opening='\ufeff---\n')(n).encode('utf-16-le'))
put('utf16be_bom', r':1:1: error: UTF-16 text', lambda n: whole(opening='\ufeff---\n')(n).encode('utf-16-be'))
put('utf32le_bom', r':1:1: error: UTF-32 text', lambda n: whole(opening='\ufeff---\n')(n).encode('utf-32-le'))
put('utf16le_no_bom', POS + 'binary file', lambda n: whole()(n).encode('utf-16-le'))
put('latin1', POS + r'invalid UTF-8', lambda n: whole()(n).replace('현재', 'caf\u00e9', 1).encode('latin-1', 'replace'))
for name, bad in (('overlong_slash', b'\xc0\xaf'), ('overlong_nul', b'\xc0\x80'),
                  ('overlong_3byte', b'\xe0\x80\xaf'), ('surrogate', b'\xed\xa0\x80'),
                  ('above_10ffff', b'\xf4\x90\x80\x80'), ('f5_lead', b'\xf5\x80\x80\x80'),
                  ('lone_continuation', b'\x80'), ('ff_byte', b'\xff')):
    put('title_' + name, POS + 'invalid UTF-8', lambda n, bad=bad: whole()(n).encode().replace(
        b'title: "', b'title: "' + bad, 1))
    put('body_' + name, POS + 'invalid UTF-8', lambda n, bad=bad: whole()(n).encode().replace(
        '현재'.encode(), bad, 1))
put('truncated_sequence_at_end', POS + 'invalid UTF-8', lambda n: whole()(n).encode() + b'\xe1\x84')
# Text that is valid but hostile: kept out of titles and bodies, or typeset in linear time.
CTL = ''.join(chr(c) for c in range(1, 32) if c not in (9, 10, 13)) + '\x7f'
put('controls_in_body', 'ok', whole(text=BODY.replace('현재', CTL + '현재', 1)))
put('controls_in_title_escapes', 'ok', field('title', '"a\\x01\\x1b[31mred\\x7f\\u202e b"'))
put('controls_raw_in_title', POS + 'invalid YAML', field('title', 'a\x1b[31mred'))
put('c1_controls_in_body', 'ok', whole(text=BODY.replace('현재', '\x85\x9b31m현재', 1)))
put('bidi_overrides', 'ok', whole(text=BODY.replace('현재', '\u202e현재\u202c\u2066x\u2069', 5)))
put('combining_storm', 'ok', whole(text=BODY.replace('현재', '현' + '\u0301' * 100000 + '재', 1)))
put('combining_title', 'ok', field('title', '"a' + '\u0301' * 600 + '"'))
put('zero_width_joiners', 'ok', whole(text=BODY.replace('현재', '현' + '\u200d' * 100000 + '재', 1)))
put('zero_width_spaces', 'ok', whole(text=BODY.replace('현재', '현' + '\u200b' * 100000 + '재', 1)))
put('emoji_sequences', 'ok', whole(text=BODY.replace('현재', '👨‍👩‍👧‍👦🏳️‍🌈현재', 3)))
put('noncharacters', 'ok', whole(text=BODY.replace('현재', '\ufffe\uffff\U0010ffff현재', 3)))
put('private_use', 'ok', whole(text=BODY.replace('현재', '\ue000\U000f0000현재', 3)))
put('one_mb_line_hangul', 'ok', whole(text=BODY.replace('현재', '가' * 350000, 1)))
put('one_mb_line_no_space', 'ok', whole(text=BODY + 'x' * 1000000))
put('lines_100000', 'ok', whole(text=BODY + '\n'.join('문장 %d 입니다.' % i for i in range(100000))))
put('rules_100000', 'ok', whole(text=BODY + '\n---\n' * 100000))
put('dots_1mb', 'ok', whole(text=BODY + '.' * 1000000))
put('digits_1mb', 'ok', whole(text=BODY + '1' * 1000000))
put('digit_groups', 'ok', whole(text=BODY + '1,' * 300000))
put('korean_numerals', 'ok', whole(text=BODY + '일' * 300000))
put('units_storm', 'ok', whole(text=BODY + '만억조' * 100000))
put('at_signs', 'ok', whole(text=BODY + '@' * 500000))
put('quotes_storm', 'ok', whole(text=BODY + '"' * 300000))
put('brackets_storm', 'ok', whole(text=BODY + '(' * 300000))
put('entities_storm', 'ok', whole(text=BODY + '&amp;' * 200000))
put('entities_odd', 'ok', whole(text=BODY + '&amp;amp; &#0; &#x110000; &#xD800; &#99999999999; &#-1; &#x; &#27;[31m'))
put('html_tags', 'ok', whole(text=BODY + '<script>alert(1)</script>' * 1000))
put('format_specifiers', 'ok', field('title', '"%s%s%n%n %x %99999999s"'))
put('formula_id', 'ok', lambda n: '---\n' + front(n).replace('id: hostile_%03d' % n,
                                                           'id: "=HYPERLINK(\\"x\\")%d"' % n) + '---\n' + body(n))
put('url_javascript', 'ok', field('url', 'JaVaScRiPt:alert(%d)' % len(manifest)))
put('url_file', 'ok', field('url', 'file:///etc/passwd?%d' % len(manifest)))
put('url_pdf_injection', 'ok', field('url', '"https://x.kr/a) /URI (javascript:alert(1)?%d"' % len(manifest)))
put('published_after_crawled', POS + 'published after it was crawled', field('published_at', '2025-12-29 00:00'))
put('published_years_ahead', POS + "'published_at' is more than 31 days in the future",
    lambda n: '---\n' + re.sub(r'^(published|crawled)_at:.*$', lambda m: m.group(1) + '_at: 2099-01-01 00:00',
                               front(n), flags=re.M) + '---\n' + body(n))
put('empty_file', r': error: empty file', lambda n: '')
put('only_dashes', r':1:1: error: unterminated front matter', lambda n: '---')
put('whitespace_only', r':1:1: error: no front matter', lambda n: '  \n\t\n')
put('no_body', 'ok', lambda n: '---\n' + front(n) + '---\n')

with open(os.path.join(out_dir, 'manifest.tsv'), 'w', encoding='utf-8') as f:
    for name, expect in manifest:
        f.write('%s\t%s\n' % (name, expect))

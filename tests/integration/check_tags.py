#!/usr/bin/env python3
"""check_tags.py PDF [ROLE...] — checks a tagged PDF through qpdf's JSON dump.

Checks: the catalog's /MarkInfo /Marked true, /Lang, /ViewerPreferences /DisplayDocTitle and an
XMP packet that parses as XML and carries the Info title and the language; every page's
/StructParents and /Tabs /S; marked content that nests (BDC/BMC … EMC) with no MCID inside an
artifact; the structure tree walked from /StructTreeRoot: every MCID of every page reached
exactly once by an element whose /S is the BDC tag, every element's /P its parent, the
ParentTree giving back each MCID's element and each link annotation's Link element (through
/StructParent and an OBJR), every link annotation in the tree; Figures with /Alt and a /BBox,
TH cells with /Scope; page numbers inside /Artifact (Pagination) and never in tagged content
(page text is read the way a reader does: the content stream tokenised, each font's codes
through its ToUnicode map).
Every ROLE given must occur. Prints one summary line; exits 1 on the first kind of failure.
"""
import base64
import collections
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

pdf, want = sys.argv[1], sys.argv[2:]
dump = json.loads(subprocess.run(
    ['qpdf', '--json=2', '--json-key=qpdf', '--decode-level=generalized',
     '--json-stream-data=inline', pdf], capture_output=True, text=True, check=True).stdout)
objs = dump['qpdf'][1]
errors = []


def err(msg):
    errors.append(msg)


def obj(ref):
    o = objs.get('obj:' + ref)
    if o is None:
        raise SystemExit(f'check_tags: dangling reference {ref}')
    return o


def val(ref):
    o = obj(ref)
    return o['stream']['dict'] if 'stream' in o else o['value']


def data(ref):
    return base64.b64decode(obj(ref)['stream']['data'])


def text(s):
    if isinstance(s, str) and s.startswith('u:'):
        return s[2:]
    if isinstance(s, str) and s.startswith('b:'):
        b = bytes.fromhex(s[2:])
        return b[2:].decode('utf-16-be') if b[:2] == b'\xfe\xff' else b.decode('latin-1')
    return s


trailer = objs['trailer']['value']
cat = val(trailer['/Root'])
if cat.get('/MarkInfo', {}).get('/Marked') is not True:
    err('catalog: /MarkInfo /Marked is not true')
lang = text(cat.get('/Lang', ''))
if not lang:
    err('catalog: no /Lang')
if cat.get('/ViewerPreferences', {}).get('/DisplayDocTitle') is not True:
    err('catalog: /ViewerPreferences /DisplayDocTitle is not true')
info = val(trailer['/Info']) if '/Info' in trailer else {}
title = text(info.get('/Title', ''))
if '/Metadata' not in cat:
    err('catalog: no /Metadata')
else:
    xmp = data(cat['/Metadata']).decode('utf-8')
    try:
        root = ET.fromstring(xmp[xmp.index('<x:xmpmeta'):xmp.index('</x:xmpmeta>') + 12])
    except ET.ParseError as e:
        raise SystemExit(f'check_tags: XMP is not well-formed XML: {e}')
    ns = {'dc': 'http://purl.org/dc/elements/1.1/',
          'rdf': 'http://www.w3.org/1999/02/22-rdf-syntax-ns#'}
    t = root.find('.//dc:title/rdf:Alt/rdf:li', ns)
    if title and (t is None or t.text != title):
        err(f'XMP dc:title {t.text if t is not None else None!r} is not the Info title {title!r}')
    lg = root.find('.//dc:language/rdf:Bag/rdf:li', ns)
    if lg is None or lg.text != lang:
        err('XMP dc:language is not the catalog /Lang')

# Pages in order.
pages = []


def collect(ref):
    node = val(ref)
    if node.get('/Type') == '/Pages':
        for k in node['/Kids']:
            collect(k)
    else:
        pages.append(ref)


collect(cat['/Pages'])
page_index = {ref: i for i, ref in enumerate(pages)}

DELIM = b'()<>[]{}/%'
WHITE = b' \t\r\n\f\0'


def literal(raw, i):
    """The bytes of the literal string starting at raw[i] == '(' and the index after it."""
    out, depth, i = bytearray(), 1, i + 1
    escapes = {ord('n'): 10, ord('r'): 13, ord('t'): 9, ord('b'): 8, ord('f'): 12}
    while depth:
        c = raw[i]
        if c == 0x5C:                      # backslash
            n = raw[i + 1]
            if n in escapes:
                out.append(escapes[n])
                i += 2
            elif 0x30 <= n <= 0x37:
                j = i + 1
                while j < i + 4 and 0x30 <= raw[j] <= 0x37:
                    j += 1
                out.append(int(raw[i + 1:j], 8) & 0xFF)
                i = j
            elif n in (10, 13):            # line continuation
                i += 3 if raw[i + 1:i + 3] == b'\r\n' else 2
            else:
                out.append(n)
                i += 2
            continue
        depth += c == 0x28
        depth -= c == 0x29
        if depth:
            out.append(c)
        i += 1
    return bytes(out), i


def tokens(raw):
    """Content-stream tokens: ('str', bytes), ('name', str), ('dict', text), ('op', str),
    ('num', text); arrays' brackets are dropped (TJ's strings and numbers stay in order)."""
    i, n = 0, len(raw)
    while i < n:
        c = raw[i]
        if c in WHITE or c in b'[]':
            i += 1
        elif c == 0x25:                    # comment
            while i < n and raw[i] not in b'\r\n':
                i += 1
        elif c == 0x28:
            b, i = literal(raw, i)
            yield 'str', b
        elif raw[i:i + 2] == b'<<':
            j = raw.index(b'>>', i)
            yield 'dict', raw[i:j + 2].decode('latin-1')
            i = j + 2
        elif c == 0x3C:
            j = raw.index(b'>', i)
            h = re.sub(rb'\s', b'', raw[i + 1:j])
            yield 'str', bytes.fromhex((h + b'0' * (len(h) % 2)).decode())
            i = j + 1
        elif c == 0x2F:
            j = i + 1
            while j < n and raw[j] not in WHITE and raw[j] not in DELIM:
                j += 1
            yield 'name', raw[i + 1:j].decode('latin-1')
            i = j
        else:
            j = i
            while j < n and raw[j] not in WHITE and raw[j] not in DELIM:
                j += 1
            word = raw[i:j].decode('latin-1')
            yield ('num' if re.fullmatch(r'[-+]?[\d.]+', word) else 'op'), word
            i = max(j, i + 1)


def to_unicode(font_ref):
    """The font's ToUnicode map as {code: text} (bfchar and both bfrange forms)."""
    font = val(font_ref)
    if '/ToUnicode' not in font:
        err(f'font {font_ref} without /ToUnicode')
        return {}
    cmap, m = data(font['/ToUnicode']), {}
    u16 = lambda h: bytes.fromhex(h).decode('utf-16-be')
    for block in re.findall(rb'beginbfchar(.*?)endbfchar', cmap, re.S):
        for src, dst in re.findall(rb'<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>', block):
            m[int(src, 16)] = u16(dst.decode())
    for block in re.findall(rb'beginbfrange(.*?)endbfrange', cmap, re.S):
        for lo, hi, dst in re.findall(rb'<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])',
                                      block):
            lo, hi = int(lo, 16), int(hi, 16)
            if dst.startswith(b'['):
                for k, d in enumerate(re.findall(rb'<([0-9A-Fa-f]+)>', dst)):
                    m[lo + k] = u16(d.decode())
            else:
                base = int(dst[1:-1], 16)
                for k in range(hi - lo + 1):
                    m[lo + k] = chr(base + k)
    return m


cmaps = {}
content_mcids = {}           # (page, mcid) -> tag
artifact_text, tagged_text = collections.defaultdict(str), collections.defaultdict(str)
for pi, ref in enumerate(pages):
    page = val(ref)
    if not isinstance(page.get('/StructParents'), int):
        err(f'page {pi + 1}: no /StructParents')
    if page.get('/Annots') and page.get('/Tabs') != '/S':
        err(f'page {pi + 1}: annotations without /Tabs /S')
    fonts = val(page['/Resources']).get('/Font', {}) if isinstance(page['/Resources'], str) \
        else page['/Resources'].get('/Font', {})
    fonts = val(fonts) if isinstance(fonts, str) else fonts
    contents = page['/Contents']
    raw = b''.join(data(c) for c in (contents if isinstance(contents, list) else [contents]))
    stack, operands, cmap, in_bt = [], [], {}, False
    for kind, v in tokens(raw):
        if kind != 'op':
            operands.append((kind, v))
            continue
        if v in ('BDC', 'BMC'):
            tag = next((x for k, x in operands if k == 'name'), '?')
            props = next((x for k, x in operands if k == 'dict'), '')
            mc = re.search(r'/MCID\s+(\d+)', props)
            if mc:
                if any(s[0] == 'Artifact' for s in stack):
                    err(f'page {pi + 1}: MCID {mc.group(1)} inside an artifact')
                key = (pi, int(mc.group(1)))
                if key in content_mcids:
                    err(f'page {pi + 1}: MCID {key[1]} used twice')
                content_mcids[key] = tag
            stack.append((tag, props, in_bt))
        elif v == 'EMC':
            if not stack:
                err(f'page {pi + 1}: EMC without BDC/BMC')
            else:
                if stack[-1][2] != in_bt:
                    err(f'page {pi + 1}: a marked-content sequence crosses BT/ET')
                stack.pop()
        elif v == 'BT':
            if in_bt:
                err(f'page {pi + 1}: BT inside a text object')
            in_bt = True
        elif v == 'ET':
            if not in_bt or any(s[2] for s in stack):
                err(f'page {pi + 1}: ET without BT, or inside a sequence opened in the text object')
            in_bt = False
        elif v in ('m', 'l', 'c', 're', 'S', 'f', 'B', 'b', 'n') and in_bt:
            err(f'page {pi + 1}: path operator {v} inside a text object')
        elif v == 'Tf':
            name = next((x for k, x in operands if k == 'name'), None)
            fref = fonts.get('/' + name) if name else None
            if fref not in cmaps:
                cmaps[fref] = to_unicode(fref) if fref else {}
            cmap = cmaps[fref]
        elif v in ('TJ', 'Tj', "'", '"'):
            s = ''
            for k, b in operands:
                if k == 'str':
                    s += ''.join(cmap.get(b[i] << 8 | b[i + 1], '\ufffd')
                                 for i in range(0, len(b) - 1, 2))
            if not in_bt:
                err(f'page {pi + 1}: text shown outside BT/ET')
            inside = [t for t, _, _ in stack]
            if 'Artifact' in inside:
                artifact_text[pi] += s
            elif inside:
                tagged_text[pi] += s
            else:
                err(f'page {pi + 1}: text outside any marked content')
        operands = []
    if stack:
        err(f'page {pi + 1}: {len(stack)} marked-content sequences left open')

# The structure tree.
str_root_ref = cat.get('/StructTreeRoot')
if not str_root_ref:
    raise SystemExit('check_tags: no /StructTreeRoot')
str_root = val(str_root_ref)
reached = {}                 # (page, mcid) -> element ref
roles = collections.Counter()
link_annots = {}             # annot ref -> Link element ref
elems = {}


def kids(k):
    return k if isinstance(k, list) else [k]


def walk(ref, parent):
    e = val(ref)
    if ref in elems:
        err(f'element {ref} reached twice')
        return
    elems[ref] = e
    role = e.get('/S', '')[1:]
    roles[role] += 1
    if e.get('/P') != parent:
        err(f'{role} {ref}: /P is {e.get("/P")}, its parent is {parent}')
    pg = page_index.get(e.get('/Pg'))
    if role == 'Figure':
        if not text(e.get('/Alt', '')).strip():
            err(f'Figure {ref} without /Alt')
        if '/BBox' not in e.get('/A', {}):
            err(f'Figure {ref} without a /BBox')
    if role == 'TH' and e.get('/A', {}).get('/Scope') not in ('/Column', '/Row'):
        err(f'TH {ref} without /Scope')
    for k in kids(e.get('/K', [])):
        if isinstance(k, int):
            if pg is None:
                err(f'{role} {ref}: an MCID without /Pg')
            reached.setdefault((pg, k), []).append(ref)
        elif isinstance(k, dict) and k.get('/Type') == '/MCR':
            reached.setdefault((page_index[k['/Pg']], k['/MCID']), []).append(ref)
        elif isinstance(k, dict) and k.get('/Type') == '/OBJR':
            link_annots[k['/Obj']] = ref
        elif isinstance(k, str):
            walk(k, ref)
        else:
            err(f'{role} {ref}: odd kid {k!r}')


for k in kids(str_root['/K']):
    walk(k, str_root_ref)

for key, tag in content_mcids.items():
    owners = reached.get(key, [])
    if len(owners) != 1:
        err(f'page {key[0] + 1} MCID {key[1]}: reached by {len(owners)} elements')
    elif val(owners[0]).get('/S') != '/' + tag:
        err(f'page {key[0] + 1} MCID {key[1]}: BDC tag {tag}, element {val(owners[0])["/S"]}')
for key in reached:
    if key not in content_mcids:
        err(f'the tree names MCID {key[1]} of page {key[0] + 1}, which no content has')

# ParentTree: a flat /Nums (what the writer makes) or kids.
nums = {}


def read_tree(node):
    n = node.get('/Nums', [])
    for i in range(0, len(n), 2):
        nums[n[i]] = n[i + 1]
    for k in node.get('/Kids', []):
        read_tree(val(k))


read_tree(str_root['/ParentTree'] if isinstance(str_root['/ParentTree'], dict)
          else val(str_root['/ParentTree']))
for pi, ref in enumerate(pages):
    sp = val(ref).get('/StructParents')
    arr = nums.get(sp, [])
    arr = val(arr) if isinstance(arr, str) else arr
    for (p, mcid), owners in reached.items():
        if p == pi and (mcid >= len(arr) or arr[mcid] != owners[0]):
            err(f'ParentTree: page {pi + 1} MCID {mcid} does not give back its element')
annot_count = 0
for pi, ref in enumerate(pages):
    for a in val(ref).get('/Annots', []):
        ad = val(a)
        if ad.get('/Subtype') != '/Link':
            continue
        annot_count += 1
        if a not in link_annots:
            err(f'page {pi + 1}: link annotation {a} not in the structure tree')
            continue
        if nums.get(ad.get('/StructParent')) != link_annots[a]:
            err(f'page {pi + 1}: link annotation {a}: /StructParent does not lead to its Link')
        if val(link_annots[a]).get('/S') != '/Link':
            err(f'page {pi + 1}: annotation {a} belongs to a {val(link_annots[a]).get("/S")}')
if ParentTreeNextKey := str_root.get('/ParentTreeNextKey'):
    if nums and max(nums) >= ParentTreeNextKey:
        err('/ParentTreeNextKey is not above every ParentTree key')

# Page numbers are artifacts.
for pi in range(len(pages)):
    num = f'{pi + 1} / {len(pages)}'
    if num not in artifact_text[pi]:
        err(f'page {pi + 1}: page number "{num}" not in an artifact')
    if num in tagged_text[pi]:
        err(f'page {pi + 1}: page number "{num}" in tagged content')

for r in want:
    if roles[r] == 0:
        err(f'no {r} element')

if errors:
    for e in errors[:25]:
        print('check_tags:', e)
    print(f'check_tags: {len(errors)} problems')
    sys.exit(1)
print(f'check_tags: {len(elems)} elements, {len(content_mcids)} MCIDs, {annot_count} link '
      f'annotations, roles: ' + ' '.join(f'{k}={v}' for k, v in sorted(roles.items())))

#!/usr/bin/env python3
"""pdf_sizes.py PDF — where a PDF's bytes go, per kind of object.

Reads the file the way pdf_pack writes it (top-level stream objects; every other object inside
deflated object streams) and prints one line per kind: bytes in the file, object count, and
for kinds that live inside object streams their bytes inflated and deflated on their own (a
share of the object streams' size: deflating kinds apart costs a little more than together).
A diagnostic for the size budget in pdf_size.sh, not an assertion."""
import re
import sys
import zlib

OBJ = re.compile(rb'(\d+) 0 obj\s')


def objects(data):
    """(number, bytes of 'N 0 obj … endobj') for every top-level object."""
    for m in OBJ.finditer(data):
        end = data.find(b'endobj', m.end())
        if end > 0:
            yield int(m.group(1)), data[m.start():end + 6]


def stream_parts(body):
    """The dictionary and the inflated data of a stream object (data None if not deflated)."""
    at = body.find(b'stream')
    start = at + 6 + (2 if body[at + 6:at + 8] == b'\r\n' else 1)
    raw = body[start:body.rfind(b'endstream')].rstrip(b'\r\n')
    try:
        return body[:at], zlib.decompress(raw)
    except zlib.error:
        return body[:at], None


def stream_kind(d, data):
    if b'/Length1' in d:
        return 'font programs'
    if b'/ObjStm' in d:
        return 'object streams'
    if b'/XRef' in d:
        return 'xref stream'
    if b'/Metadata' in d:
        return 'XMP metadata'
    if data is not None and b'begincmap' in data:
        return 'ToUnicode maps'
    if data is not None and (b' Tf' in data or b' re\n' in data or b'BT' in data):
        return 'page contents'
    return 'CIDToGIDMaps'


def inner_kind(o):
    if b'/StructElem' in o or (b'/S /' in o and b'/P ' in o):
        return 'structure elements'
    if b'/Subtype /Link' in o:
        return 'link annotations'
    if b'/Nums' in o:
        return 'parent tree'
    if b'/Type /Page' in o and b'/Pages' not in o:
        return 'page dictionaries'
    if b'/Font' in o or b'/CIDFont' in o:
        return 'font dictionaries'
    if b'/Title' in o and (b'/Parent' in o or b'/First' in o):
        return 'outlines'
    if o.lstrip().startswith(b'[') and b'/Fit' in o:
        return 'destinations'
    return 'other small objects'


def main():
    data = open(sys.argv[1], 'rb').read()
    top, count, inner = {}, {}, {}
    for _, body in objects(data):
        if b'stream' not in body:
            kind = 'plain objects'
        else:
            d, u = stream_parts(body)
            kind = stream_kind(d, u)
            if kind == 'object streams' and u is not None:
                first = int(re.search(rb'/First (\d+)', d).group(1))
                n = int(re.search(rb'/N (\d+)', d).group(1))
                offs = list(map(int, u[:first].split()))[1::2]
                for i in range(n):
                    end = first + offs[i + 1] if i + 1 < n else len(u)
                    inner.setdefault(inner_kind(u[first + offs[i]:end]), []).append(
                        u[first + offs[i]:end])
        top[kind] = top.get(kind, 0) + len(body)
        count[kind] = count.get(kind, 0) + 1
    print(f'{"whole file":22s} {len(data):7d} B')
    for kind, size in sorted(top.items(), key=lambda kv: -kv[1]):
        print(f'{kind:22s} {size:7d} B  {count[kind]:4d} objects')
    for kind, objs in sorted(inner.items(), key=lambda kv: -sum(map(len, kv[1]))):
        raw = b'\n'.join(objs)
        print(f'  {kind:20s} {len(zlib.compress(raw, 9)):7d} B deflated alone, '
              f'{len(raw):6d} inflated, {len(objs):4d} objects')


if __name__ == '__main__':
    main()

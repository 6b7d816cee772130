#!/usr/bin/env python3
"""Compares a CSV with its golden copy and prints the differences a reader can act on.

usage: golden_diff.py GOLDEN NEW

Both files are read with the csv module (UTF-8 with BOM, RFC 4180). Rows are matched by their
first column (entity_id); the output names every row added or removed and every cell that
changed, as `row.column: golden 'x' → now 'y'`, then the raw bytes' differences (BOM, line
ends) if the cells agree but the files do not. Exit status 1 when the files differ.
"""
import csv
import sys


def read(path):
    raw = open(path, 'rb').read()
    text = raw.decode('utf-8-sig')
    return raw, list(csv.reader(text.splitlines(True)))


def main():
    golden_path, new_path = sys.argv[1:3]
    graw, grows = read(golden_path)
    nraw, nrows = read(new_path)
    if graw == nraw:
        return 0
    out = []
    gh, nh = (grows[0] if grows else []), (nrows[0] if nrows else [])
    if gh != nh:
        out.append(f'header: golden {gh}\n        now    {nh}')
    gmap = {r[0]: dict(zip(gh, r)) for r in grows[1:] if r}
    nmap = {r[0]: dict(zip(nh, r)) for r in nrows[1:] if r}
    for key in gmap:
        if key not in nmap:
            out.append(f'row {key}: gone')
    for key in nmap:
        if key not in gmap:
            out.append(f'row {key}: new')
    for key in gmap:
        if key in nmap:
            for col in dict.fromkeys(gh + nh):
                a, b = gmap[key].get(col), nmap[key].get(col)
                if a != b:
                    out.append(f'{key}.{col}: golden {a!r} → now {b!r}')
    if [r[0] for r in grows[1:] if r] != [r[0] for r in nrows[1:] if r] and not out:
        out.append('row order changed')
    if not out:
        out.append('same cells, different bytes (BOM, quoting or line ends): '
                   f'golden starts {graw[:12]!r}, now {nraw[:12]!r}')
    print('\n'.join(out))
    return 1


sys.exit(main())

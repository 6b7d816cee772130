#!/usr/bin/env python3
"""Dumps a workbook as a real spreadsheet reader (openpyxl) sees it, one line per fact, for
tests to grep:
  sheet SHEET rows=N cols=N freeze=A2 filter=A1:K9
  width SHEET COLUMN WIDTH
  cell SHEET!A1 TYPE FORMAT VALUE          (TYPE: s text, n number, d date, b bool, f formula)
  link SHEET!A1 TARGET
  note SHEET!A1 TEXT                       (newlines as \\n)
  chart SHEET KIND SERIES
usage: xlsx_dump.py FILE.xlsx"""
import sys

import openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
for ws in wb.worksheets:
    print(f"sheet {ws.title} rows={ws.max_row} cols={ws.max_column} "
          f"freeze={ws.freeze_panes} filter={ws.auto_filter.ref}")
    for key, dim in sorted(ws.column_dimensions.items()):
        print(f"width {ws.title} {key} {dim.width:.1f}")
    for row in ws.iter_rows():
        for c in row:
            if c.value is None:
                continue
            value = str(c.value).replace("\n", "\\n")
            print(f"cell {ws.title}!{c.coordinate} {c.data_type} {c.number_format} {value}")
            if c.hyperlink:
                print(f"link {ws.title}!{c.coordinate} {c.hyperlink.target}")
            if c.comment:
                print(f"note {ws.title}!{c.coordinate} {c.comment.text.replace(chr(10), chr(92) + 'n')}")
    for ch in ws._charts:
        print(f"chart {ws.title} {ch.tagname} {len(ch.series)}")

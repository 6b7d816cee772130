/* markdown.h — the block structure a crawled body keeps as markdown: pipe tables and lists.
 *
 * The crawl writes an article's tables as markdown pipe tables and its lists as one item per
 * line. Read as running text, a table is one endless "sentence" in which no figure has a unit
 * (the unit is in the column header: `판매(대)`) and a list glues its items into one sentence.
 * This module turns each such block into the units a reader sees: one line per table row, in
 * which every cell is paired with its header and a bare number gets its header's unit
 * (`| 기아 | 10,150 | 30.5 |` under `| 회사 | 판매(대) | 점유율(%) |` reads `기아, 판매
 * 10,150대, 점유율 30.5%`), and one line per list item. Pure text in, text out; no template. */
#ifndef EXPORTER_MARKDOWN_H
#define EXPORTER_MARKDOWN_H

#include <stddef.h>

/* Calls emit once per reading unit of one paragraph's raw lines para[0..len) ('\n'-separated,
 * entities not yet decoded), in order; a unit's text may span lines and is only valid during
 * the call:
 *  - a pipe table (a header row, a delimiter row of '-', ':' and '|', then data rows) gives one
 *    unit per data row: the row's first cell, then `header cell` for every other non-empty cell,
 *    joined by ", "; a header or first cell ending in a short parenthesis (`매출(억 원)`,
 *    `점유율(%)`) names the unit that a bare number in its column (or row) is written with;
 *  - a list item (a line starting with `- `, `* `, `+ `, `1. ` or `1) `, the marker dropped; or
 *    with a bullet sign such as ▲ ■ ○ ● ◆ ▶ • ※, kept) starts a unit of its own, and the lines
 *    after it continue it; when the one line before the list is a label rather than a sentence
 *    (no final `.`, `?` or `!`: `정당별 지지율 (한국갤럽)`), every item starts with that label,
 *    its parenthesised asides dropped, and ": " (`정당별 지지율: 국민의힘: 35%`);
 *  - any other line continues the current unit (a paragraph without tables or lists is one
 *    unit, as before).
 * Returns the number of units emitted. Linear in len. */
typedef void (*markdown_emit_fn)(void *ctx, const char *text, size_t len);
size_t markdown_units(const char *para, size_t len, markdown_emit_fn emit, void *ctx);

#endif

/* cell_limit.h — what a spreadsheet cell can hold, for the CSV and the workbook writers and
 * for the table, which keeps a row's source list only as far as a cell can show it.
 *
 * Excel keeps at most 32,767 characters in a cell (counted in UTF-16 code units, so a
 * character outside the BMP counts twice) and cuts the rest silently when it opens a CSV;
 * LibreOffice behaves alike. On a large week a `sources` cell lists thousands of article ids,
 * so both writers shorten such cells themselves, visibly: a list (items joined by "; ") keeps
 * its first whole items and ends "… 외 N건" (N items left out); other text keeps whole
 * characters and ends "…". The full detail stays in facts.csv, one fact per row. */
#ifndef EXPORTER_CELL_LIMIT_H
#define EXPORTER_CELL_LIMIT_H

#include <stddef.h>

#include "util/buf.h"

#define CELL_LIMIT_CHARS 32767u

/* Length of s (valid UTF-8) in UTF-16 code units, the unit spreadsheets count. */
size_t cell_limit_length(const char *s);

/* s itself when it fits in max_chars (use CELL_LIMIT_CHARS); otherwise a shortened copy
 * built in *scratch (cleared first; the caller frees it) that fits. is_list says s is items
 * joined by "; ". *left_out, when non-NULL, gets how many items (lists) or characters (text)
 * were dropped, 0 when s fits. */
const char *cell_limit_fit(const char *s, int is_list, size_t max_chars, struct buf *scratch,
                           size_t *left_out);

/* cell_limit_fit for a list of total_items of which s holds only the first ones, joined by
 * "; " (a list too long to keep whole, like a large week's sources). s must hold at least
 * every first item that fits in max_chars; then the cell is cut as the whole list would be:
 * the same first items, and "… 외 N건" counting every item left out. total_items 0 (or s
 * holding them all) is cell_limit_fit(s, 1, ...). */
const char *cell_limit_fit_list(const char *s, size_t total_items, size_t max_chars,
                                struct buf *scratch, size_t *left_out);

#endif

/* xlsx_out.h — the workbook back end: briefing.xlsx, one typed sheet per table.
 *
 * A CSV makes the spreadsheet guess: LibreOffice's default import ignores the UTF-8 BOM,
 * "020" loses its zero, "2027" becomes a number. The workbook removes the guessing. Written
 * with libxlsxwriter, it holds the sheets `comparison`, `facts`, `articles` (and any further
 * table a run adds with xlsx_out_sheet), with the same columns as the CSVs and the same row
 * records (csv_out.h), typed:
 *   - numbers as numbers; ids, codes, hashes and anything that merely looks numeric as text;
 *   - dates and times as Excel dates in Korean time with a date format;
 *   - http(s) URLs as hyperlinks (anything else stays text);
 *   - no formulas at all: a title "=1+1" is a string cell and shows exactly as written.
 * Each sheet has a bold frozen header row, an autofilter, column widths from the content (a
 * Hangul character counts double, capped) and wrapped long cells. In the comparison sheet a
 * cell whose sources disagree is shaded and carries a note with every value, its article
 * count and its sources; a native bar chart shows the template's chart columns.
 *
 * Large weeks: rows go to disk as they are written (libxlsxwriter's constant-memory mode, see
 * xlsx_options.large), so memory stays flat — which also means a large week links only its
 * first 2,000 URLs per sheet (the library keeps each link in memory), the others staying text;
 * a cell keeps at most 32,767 characters (cell_limit.h); a sheet stops at Excel's 1,048,576
 * rows, and its last row then says how many rows were left to the CSV.
 * Rows of one sheet must be added in order; sheets may be filled in any interleaving. */
#ifndef EXPORTER_XLSX_OUT_H
#define EXPORTER_XLSX_OUT_H

#include <stddef.h>

#include "ingest/article.h"
#include "report/csv_out.h"
#include "util/diag.h"
#include "util/status.h"

struct table;
struct template;
struct fact_list;

#define XLSX_MAX_ROWS 1048576u

struct xlsx_options {
    size_t max_rows;       /* rows a sheet may hold, header included; 0 = XLSX_MAX_ROWS */
    int large;             /* a large week: rows go to disk as they come (constant memory);
                              a small one stays in memory, which saves a temporary file per
                              sheet (a third of the workbook's cost on the sample week) */
    const char *tmpdir;    /* where libxlsxwriter keeps its row files; NULL = the system's */
};

struct xlsx_out;

/* Starts a workbook to be written to path (a temporary name the caller renames into place)
 * with the sheets comparison, facts and articles, in that order, their headers written.
 * Returns EXP_CANTCREAT with a message on failure; *out is then NULL. */
enum exp_status xlsx_out_open(struct xlsx_out **out, const char *path,
                              const struct template *tpl, const struct xlsx_options *opts,
                              struct diag *d);

/* Appends rows to the articles or facts sheet. */
void xlsx_out_article(struct xlsx_out *x, const struct article *a);
void xlsx_out_facts(struct xlsx_out *x, const struct fact_list *l);

/* Writes the comparison sheet's rows (once), with conflict notes and the chart. */
void xlsx_out_comparison(struct xlsx_out *x, const struct table *t);

/* Adds a further sheet (after the others) with a header of n text cells; returns its index
 * for xlsx_out_row. Sheet names are at most 31 characters, without []:*?/\ . */
size_t xlsx_out_sheet(struct xlsx_out *x, const char *name, const char *const *header, size_t n);
/* Appends one row of typed cells to sheet (an index from xlsx_out_sheet). */
void xlsx_out_row(struct xlsx_out *x, size_t sheet, const struct csv_cell *cells, size_t n);

/* The workbook's creation time (Unix seconds): the instant the briefing states, so identical
 * runs give identical bytes (libxlsxwriter stamps the file with it). Unset or <= 0: now. */
void xlsx_out_set_created(struct xlsx_out *x, long long epoch);

/* Sets the column widths, writes the file and frees x. EXP_IOERR with a message when the
 * library fails; the partial file is then the caller's to remove. xlsx_out_close(NULL, d)
 * returns EXP_OK. */
enum exp_status xlsx_out_close(struct xlsx_out *x, struct diag *d);

/* Frees x without writing (after an earlier failure). */
void xlsx_out_discard(struct xlsx_out *x);

#endif

/* weekly_csv.h — the CSVs of the weekly view: changes.csv, coverage.csv, conflicts.csv.
 *
 * Written with csv_out's writer (BOM, CRLF, RFC 4180, numbers unquoted, formula guard).
 *   changes.csv   entity_id, entity, column, previous, current, change, previous_week,
 *                 sources — change is "new" or "changed" (merge/changes.h); with no earlier
 *                 week in the archive, the header only.
 *   coverage.csv  entity_id, entity, publisher, articles, mentions (merge/coverage.h).
 *   conflicts.csv entity_id, entity, column, kind, value, chosen, articles, article_id,
 *                 publisher, sentence_no, sentence — kind "disagreement", "tie" or
 *                 "internal"; one row per sentence stating a value (merge/conflicts.h).
 * Writers take an open FILE* (the caller owns atomic replacement) and return EXP_IOERR when
 * the stream reports an error. The same rows feed the workbook's sheets (xlsx_out.h) through
 * a sink, so a CSV and its sheet never disagree. */
#ifndef EXPORTER_WEEKLY_CSV_H
#define EXPORTER_WEEKLY_CSV_H

#include <stdio.h>

#include "merge/changes.h"
#include "merge/conflicts.h"
#include "merge/coverage.h"
#include "report/csv_out.h"
#include "util/status.h"

/* Where a table's rows go: a CSV file or a workbook sheet. */
struct weekly_sink {
    void (*row)(void *ctx, const struct csv_cell *cells, size_t n);
    void *ctx;
};

enum weekly_table { WEEKLY_CHANGES, WEEKLY_COVERAGE, WEEKLY_CONFLICTS };

/* A table's column names; *n gets their count. */
const char *const *weekly_header(enum weekly_table t, size_t *n);

/* Each table's rows as typed cells, in order, to the sink. */
void weekly_rows_changes(const struct changes *c, const struct weekly_sink *s);
void weekly_rows_coverage(const struct coverage *c, const struct weekly_sink *s);
void weekly_rows_conflicts(const struct template *tpl, const struct conflict_line *lines,
                           size_t n, const struct weekly_sink *s);

enum exp_status weekly_csv_changes(FILE *fp, const struct changes *c);
enum exp_status weekly_csv_coverage(FILE *fp, const struct coverage *c);
enum exp_status weekly_csv_conflicts(FILE *fp, const struct template *tpl,
                                     const struct conflict_line *lines, size_t n);

#endif

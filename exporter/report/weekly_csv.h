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
 * the stream reports an error. */
#ifndef EXPORTER_WEEKLY_CSV_H
#define EXPORTER_WEEKLY_CSV_H

#include <stdio.h>

#include "merge/changes.h"
#include "merge/conflicts.h"
#include "merge/coverage.h"
#include "util/status.h"

enum exp_status weekly_csv_changes(FILE *fp, const struct changes *c);
enum exp_status weekly_csv_coverage(FILE *fp, const struct coverage *c);
enum exp_status weekly_csv_conflicts(FILE *fp, const struct template *tpl,
                                     const struct conflict_line *lines, size_t n);

#endif

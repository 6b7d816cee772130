/* check_report.h — what a template does on a set of articles, for the template's author.
 *
 * `exporter check` loads the template (every mistake in it is an error there, exactly as in
 * `build`), reads and extracts the articles, merges the table, writes no output file, and
 * prints this report on standard output (-q silences it): per column, its type, how many facts
 * it found, how many of the rows it applies to it filled and which stayed empty; then the
 * entities no article named, and the columns that stayed empty everywhere — the first places
 * to look when a template does not find what its author expects. */
#ifndef EXPORTER_CHECK_REPORT_H
#define EXPORTER_CHECK_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "extract/template.h"
#include "merge/table.h"

/* Writes the report for table t (finished) built from n_articles articles. Returns 0, or -1
 * on a write error. */
int check_report_write(FILE *out, const struct table *t, size_t n_articles);

#endif

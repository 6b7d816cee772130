/* weekly.h — the weekly view of one run: the archive, what changed, who covered whom.
 *
 * Orchestration for build: opens the archive first (so a foreign or corrupt archive stops
 * the run before anything is written), computes coverage and the changes against the
 * nearest earlier archived week once the table is built, writes changes.csv and
 * coverage.csv beside the other outputs, and — after the outputs are written — records the
 * run's week in the archive in one transaction. With --no-archive there is no archive:
 * changes.csv is its header only, coverage.csv is still written. */
#ifndef EXPORTER_WEEKLY_H
#define EXPORTER_WEEKLY_H

#include "cli/cli.h"
#include "extract/extract.h"
#include "extract/template.h"
#include "ingest/article.h"
#include "merge/archive.h"
#include "merge/changes.h"
#include "merge/coverage.h"
#include "merge/table.h"
#include "util/diag.h"
#include "util/outset.h"
#include "util/status.h"

struct weekly {
    struct archive *archive;      /* NULL with --no-archive, for check, or until created */
    char *archive_path;           /* NULL with --no-archive or for check */
    int wait;                     /* --wait: wait for the archive's lock */
    struct coverage coverage;
    struct changes changes;
};

/* Where the archive goes when --archive is not given: ARCHIVE_FILE_NAME in the output root.
 * With a {week} or {date} in the --out pattern the root is the folder above the first one
 * ("out/{week}/" → "out/archive.sqlite"): that folder is never switched. Without one, the
 * --out folder itself is replaced whole by every run (util/outset.h) and must hold one run's
 * files only, so the archive lives in the state folder beside it, which survives every run
 * ("out" → ".out.exporter/archive.sqlite"). Caller frees. */
char *weekly_default_archive_path(const char *out_pattern);

/* Opens the archive the options name (--archive FILE, else the default above;
 * none with --no-archive or for check) when it exists, so a foreign or corrupt file stops
 * the run at once; one that does not exist is created by weekly_record. Always call
 * weekly_close. */
enum exp_status weekly_open(const struct cli_options *opts, struct weekly *w, struct diag *d);

/* Computes coverage and changes for the finished table (borrowing tpl, set, t). */
enum exp_status weekly_prepare(struct weekly *w, const struct date_period *p,
                               const struct template *tpl, const struct article_set *set,
                               const struct fact_list *facts, const struct table *t,
                               struct diag *d);

/* Writes changes.csv and coverage.csv into the run's output set. */
enum exp_status weekly_write_csvs(const struct weekly *w, struct output_set *set,
                                  struct diag *d);

/* Records the run's week (articles, facts, cells, coverage) in the archive. */
enum exp_status weekly_record(struct weekly *w, const struct date_period *p,
                              const struct template *tpl, const struct article_set *set,
                              const struct fact_list *facts, const struct table *t,
                              struct diag *d);

void weekly_close(struct weekly *w);

#endif

/* weekly.h — the weekly view of one run: the archive, what changed, who covered whom.
 *
 * Orchestration for build, in the run's order: open the archive first (so a foreign or
 * corrupt archive stops the run before anything is written); begin the week's transaction
 * once the output folder is taken; add each article as it is read (coverage counts, the
 * article and its facts into the archive); with the finished table compute the changes
 * against the nearest earlier archived week and write changes.csv and coverage.csv beside
 * the other outputs; once the outputs are written and ready to publish, store the cells and
 * coverage and commit the week, then the outputs are published (cli/build.c: publish). With --no-archive there is no archive: changes.csv is its header only,
 * coverage.csv is still written. */
#ifndef EXPORTER_WEEKLY_H
#define EXPORTER_WEEKLY_H

#include "extract/extract.h"
#include "extract/template.h"
#include "ingest/article.h"
#include "merge/archive.h"
#include "merge/changes.h"
#include "merge/conflicts.h"
#include "merge/coverage.h"
#include "merge/table.h"
#include "merge/trend.h"
#include "report/weekly_sections.h"
#include "util/diag.h"
#include "util/outset.h"
#include "util/status.h"

struct weekly {
    struct archive *archive;      /* NULL with --no-archive, for check, or until created */
    int begun;                    /* weekly_begin ran: the run writes outputs */
    int recording;                /* the week's transaction is open */
    enum exp_status failed;       /* why recording stopped early, else EXP_OK */
    char *archive_path;           /* NULL with --no-archive or for check */
    int wait;                     /* --wait: wait for the archive's lock */
    struct coverage coverage;
    struct changes changes;
    struct conflicts *conflicts;  /* the disagreements' evidence, then the report */
    struct trend trend;           /* mentions per week up to the run's (weekly_finish) */
    const struct table *table;    /* the finished table (weekly_finish), borrowed */
};

/* Where the archive goes when --archive is not given: ARCHIVE_FILE_NAME in the output root.
 * With a {week} or {date} in the --out pattern the root is the folder above the first one
 * ("out/{week}/" → "out/archive.sqlite"): that folder is never switched. Without one, the
 * --out folder itself is replaced whole by every run (util/outset.h) and must hold one run's
 * files only, so the archive lives in the state folder beside it, which survives every run
 * ("out" → ".out.exporter/archive.sqlite"). Caller frees. */
char *weekly_default_archive_path(const char *out_pattern);

/* Opens the archive at archive_path (--archive FILE, else weekly_default_archive_path;
 * NULL: no archive — --no-archive, or check) when it exists, so a foreign or corrupt file
 * stops the run at once; one that does not exist is created by weekly_record. wait: wait for
 * another run's lock on it (--wait). Always call weekly_close. */
enum exp_status weekly_open(const char *archive_path, int wait, struct weekly *w,
                            struct diag *d);

/* --if-changed: what the run's outputs read from the archive besides the inputs — the
 * nearest earlier week with data and its cells (changes.csv, the changes section) and the
 * earlier weeks of the trend with their mentions (the trend section) — as text for the run's
 * fingerprint, into *out ("" with no archive). A week archived, re-run or removed before the
 * run's week changes it; the run's own week and later weeks do not. Caller frees. */
enum exp_status weekly_archive_context(struct weekly *w, const struct date_period *p,
                                       char **out, struct diag *d);

/* --if-changed: 1 when the run's week needs no recording — no archive is kept, or the
 * archive already holds the week — so an unchanged run may be skipped; 0 when the archive
 * (a new --archive file, or one deleted) lacks it and the run must redo it. */
int weekly_week_recorded(struct weekly *w, const struct date_period *p, struct diag *d);

/* Starts recording the run's week (creating the archive when it does not exist yet): the
 * week's transaction stays open while the articles stream in, so a killed or failed run
 * leaves the archive as it was. Call once the output folder is taken. */
enum exp_status weekly_begin(struct weekly *w, const struct date_period *p,
                             const struct template *tpl, struct diag *d);

/* One article of the run, with the facts and mentions extracted from it: counted into the
 * coverage and stored in the archive. */
enum exp_status weekly_add_article(struct weekly *w, const struct article *a,
                                   const struct template *tpl, const struct fact_list *facts,
                                   struct diag *d);

/* After the last article, with the finished table: the coverage ordered, the changes
 * against the nearest earlier week in the archive, and the trend of mentions per week. */
enum exp_status weekly_finish(struct weekly *w, const struct date_period *p,
                              const struct table *t, struct diag *d);

/* Writes changes.csv, coverage.csv and conflicts.csv into the run's output set. */
enum exp_status weekly_write_csvs(const struct weekly *w, struct output_set *set,
                                  struct diag *d);

/* Adds the sheets changes, coverage and conflicts to the workbook, the same rows as the CSVs
 * (after weekly_finish). */
struct xlsx_out;
void weekly_write_sheets(struct weekly *w, struct xlsx_out *x);

/* Stores the week's cells and coverage and commits the week — once the outputs are written
 * and ready to publish (output_set_prepare) and before the switch that publishes them
 * (output_set_commit): a failure here leaves the archive as it was and nothing published. */
enum exp_status weekly_commit(struct weekly *w, const struct table *t, struct diag *d);

/* After weekly_commit succeeded but the outputs could not be published: says, as an error,
 * that the archive records week p while the previous outputs stay published, and that
 * running again publishes them. Nothing when no archive is kept. */
void weekly_report_unpublished(const struct weekly *w, const struct date_period *p,
                               struct diag *d);

/* What the briefing's weekly sections read (report/weekly_sections.h), after weekly_finish;
 * set is the run's sorted article set (the citations). Borrows from w. */
struct weekly_sections weekly_sections_of(struct weekly *w, const struct template *tpl,
                                          const struct article_set *set);

void weekly_close(struct weekly *w);

#endif

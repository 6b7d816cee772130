/* archive.h — the weekly archive: every run's articles, facts and table cells in SQLite, so a
 * run can say what changed since an earlier week.
 *
 * One SQLite file (libsqlite3, embedded), by default `archive.sqlite` in the output root (see
 * cli/weekly.h). It is not one of a run's output files: it stays where it is and
 * accumulates. A run files its table under its period's ISO week (date_period.week): a re-run
 * of a week replaces that week — its cells, coverage and article list — in one transaction,
 * so running a week twice leaves the same archive as running it once. Articles are stored
 * once by id (the newest reading wins) with their facts.
 *
 * Schema (version 2; PRAGMA user_version = 2, PRAGMA application_id = ARCHIVE_APPLICATION_ID):
 *   articles(id PK, title, publisher, published_at, day, url, content_hash)
 *       day: the Korean day the article was published on, YYYY-MM-DD ("" unknown)
 *   facts(article_id → articles, seq, entity_id, column_id, value, unit, qualifier, raw_text,
 *         sentence_no; PK (article_id, seq)) — seq: the fact's order in its article; the
 *         sentence it was read in is sentences(article_id, sentence_no)
 *   sentences(article_id → articles, sentence_no, sentence; PK (article_id, sentence_no)) —
 *         each sentence a fact was read in, once
 *   weeks(week PK "2026-W01", since, until, template_id, articles)
 *   week_articles(week → weeks, article_id → articles; PK (week, article_id))
 *   cells(week → weeks, entity_id, entity, column_id, value, sources; PK (week, entity_id,
 *         column_id)) — the non-empty cells of comparison.csv; sources: article ids "; "
 *   coverage(week → weeks, entity_id, entity, publisher, articles, mentions; PK (week,
 *         entity_id, publisher))
 * Migrations: archive_open upgrades an older user_version step by step inside one
 * transaction (each step in migrate()); a newer one is refused, never rewritten. Version 1
 * kept the sentence on every fact (facts.sentence); the step to 2 moves each one, once, to
 * sentences and drops the column.
 *
 * Safety: WAL journal, so a run killed at any moment (kill -9) leaves the last committed
 * state whole. Writers take SQLite's write lock for the week's transaction only; a second run
 * waits up to ARCHIVE_BUSY_MS (with `wait`: as long as it takes) and then fails with
 * EXP_LOCKED. A file that is not an exporter archive — another program's database, not a
 * database at all, or a corrupt one — fails with EXP_ARCHIVE and is never written to. */
#ifndef EXPORTER_ARCHIVE_H
#define EXPORTER_ARCHIVE_H

#include <stddef.h>

#include "extract/extract.h"
#include "extract/template.h"
#include "ingest/article.h"
#include "merge/table.h"
#include "util/date.h"
#include "util/diag.h"
#include "util/status.h"

#define ARCHIVE_APPLICATION_ID 0x45585057   /* "EXPW" */
#define ARCHIVE_SCHEMA_VERSION 2
#define ARCHIVE_BUSY_MS 5000
#define ARCHIVE_FILE_NAME "archive.sqlite"

struct archive;

/* Opens the archive at path, creating it (and its schema) when the file does not exist or
 * is empty; checks it is ours (application id, schema version, quick_check) and migrates an
 * older schema. Returns EXP_OK and *out, or EXP_ARCHIVE (not ours / corrupt / newer),
 * EXP_LOCKED (another run holds it past the busy timeout), EXP_CANTCREAT; messages via d. */
enum exp_status archive_open(const char *path, int wait, struct archive **out, struct diag *d);

void archive_close(struct archive *a);

/* ---- Writing one week (one transaction) ---- */

/* Starts the week's transaction and empties the week (cells, coverage, article list). */
enum exp_status archive_begin_week(struct archive *a, const struct date_period *p,
                                   const char *template_id, struct diag *d);

/* Stores one article (insert or replace by id) and its facts — `facts` holds exactly the
 * facts of this article, which replace any it had — and lists it under the week. A run
 * streams its articles through this one by one. */
enum exp_status archive_put_article(struct archive *a, const struct article *art,
                                    const struct template *tpl, const struct fact_list *facts,
                                    struct diag *d);

/* The ids of the articles behind a cell's value, sorted, once each, joined with "; " (the
 * `sources` the archive and changes.csv give): every value's for a list column (keywords,
 * organisations, models), the chosen value's for the others. Caller frees. */
char *archive_cell_sources(const struct table_cell *c, enum template_column_type type);

/* Stores the week's non-empty table cells (and the week's article count). */
enum exp_status archive_put_cells(struct archive *a, const struct table *t, struct diag *d);

/* One entity × publisher count of the period (see report/coverage.h). */
struct archive_coverage_row {
    const char *entity_id, *entity, *publisher;
    size_t articles, mentions;
};

enum exp_status archive_put_coverage(struct archive *a, const struct archive_coverage_row *rows,
                                     size_t n, struct diag *d);

/* Commits the week (EXP_OK), or rolls it back on failure. */
enum exp_status archive_commit_week(struct archive *a, struct diag *d);

/* Abandons the week's transaction: the archive keeps its previous state. */
void archive_rollback_week(struct archive *a);

/* ---- Reading ---- */

/* The nearest week before `before` that has at least one cell; *found = 0 when none. */
enum exp_status archive_previous_week(struct archive *a, struct date_week before,
                                      struct date_week *prev, int *found, struct diag *d);

/* Whether the archive holds week w (a run recorded it and committed). */
enum exp_status archive_has_week(struct archive *a, struct date_week w, int *found,
                                 struct diag *d);

/* One stored cell. Strings owned by the list. */
struct archive_cell {
    char *entity_id, *column_id, *value;
};

struct archive_cells {
    struct archive_cell *items;   /* sorted by entity_id, column_id */
    size_t count;
};

enum exp_status archive_week_cells(struct archive *a, struct date_week w,
                                   struct archive_cells *out, struct diag *d);
void archive_cells_free(struct archive_cells *c);

/* The value stored for (entity_id, column_id), or NULL. */
const char *archive_cells_find(const struct archive_cells *c, const char *entity_id,
                               const char *column_id);

/* Mentions per entity per week, for the weeks up to and including `last` that the archive
 * holds, at most max_weeks of them, oldest first. */
struct archive_trend {
    struct date_week *weeks;      /* n_weeks, oldest first */
    size_t n_weeks;
    char **entity_ids;            /* n_entities, sorted */
    size_t n_entities;
    size_t *mentions;             /* [entity * n_weeks + week] */
};

enum exp_status archive_trend(struct archive *a, struct date_week last, size_t max_weeks,
                              struct archive_trend *out, struct diag *d);
void archive_trend_free(struct archive_trend *t);

/* Statements compiled since archive_open: each kind of write is prepared once per archive
 * and reused (sqlite3_reset), however many articles, facts and cells a run stores. For
 * tests. */
unsigned long archive_prepare_count(const struct archive *a);

/* Number of articles stored (tests and notes). -1 on error. */
long archive_count_articles(struct archive *a);

#endif

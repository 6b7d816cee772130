/* weekly.c — see weekly.h. */
#include "cli/weekly.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/weekly_csv.h"
#include "report/xlsx_out.h"
#include "util/buf.h"
#include "util/fsutil.h"

/* The folder part of a file path ("." when there is none). Caller frees. */
static char *folder_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    if (slash == path)
        return xstrdup("/");
    struct buf b = BUF_INIT;
    buf_append(&b, path, (size_t)(slash - path));
    return buf_detach(&b);
}

char *weekly_default_archive_path(const char *out_pattern)
{
    const char *w = strstr(out_pattern, "{week}"), *t = strstr(out_pattern, "{date}");
    const char *first = w && (!t || w < t) ? w : t;
    if (!first) {
        char *state = output_set_state_dir_for(out_pattern);
        char *path = fsutil_join(state ? state : ".", ARCHIVE_FILE_NAME);
        free(state);
        return path;
    }
    /* The folder above the placeholder's path component. */
    const char *slash = NULL;
    for (const char *p = out_pattern; p < first; p++)
        if (*p == '/')
            slash = p;
    struct buf dir = BUF_INIT;
    if (!slash)
        buf_puts(&dir, ".");
    else if (slash == out_pattern)
        buf_puts(&dir, "/");
    else
        buf_append(&dir, out_pattern, (size_t)(slash - out_pattern));
    char *path = fsutil_join(dir.data, ARCHIVE_FILE_NAME);
    buf_free(&dir);
    return path;
}

/* Creates the archive's folder and opens (or creates) the archive. */
static enum exp_status open_archive(struct weekly *w, struct diag *d)
{
    char *folder = folder_of(w->archive_path);
    enum exp_status st = fsutil_mkdirs(folder, d);
    free(folder);
    if (st == EXP_OK)
        st = archive_open(w->archive_path, w->wait, &w->archive, d);
    return st;
}

enum exp_status weekly_open(const char *archive_path, int wait, struct weekly *w,
                            struct diag *d)
{
    memset(w, 0, sizeof *w);
    if (!archive_path)
        return EXP_OK;
    w->archive_path = xstrdup(archive_path);
    w->wait = wait;
    /* An archive that does not exist yet has no earlier weeks: it is created when the run
     * records its week, so a run that exports nothing leaves nothing behind. */
    if (access(w->archive_path, F_OK) != 0 && errno == ENOENT)
        return EXP_OK;
    return open_archive(w, d);
}

/* The earlier week changes.csv compares with, and its cells. */
static enum exp_status previous_context(struct weekly *w, const struct date_period *p,
                                        struct buf *b, struct diag *d)
{
    struct date_week prev;
    int found = 0;
    enum exp_status st = archive_previous_week(w->archive, p->week, &prev, &found, d);
    if (st != EXP_OK || !found)
        return st;
    struct archive_cells cells;
    st = archive_week_cells(w->archive, prev, &cells, d);
    if (st != EXP_OK)
        return st;
    char week[9];
    date_format_week(prev, week);
    buf_printf(b, "previous %s\n", week);
    for (size_t i = 0; i < cells.count; i++)   /* NUL-free fields, one cell a line */
        buf_printf(b, "cell %s\t%s\t%s\n", cells.items[i].entity_id, cells.items[i].column_id,
                   cells.items[i].value);
    archive_cells_free(&cells);
    return EXP_OK;
}

/* The earlier weeks the trend draws, with each entity's mentions. */
static enum exp_status trend_context(struct weekly *w, const struct date_period *p,
                                     struct buf *b, struct diag *d)
{
    struct archive_trend t;
    enum exp_status st = archive_trend(w->archive, date_week_prev(p->week), TREND_MAX_WEEKS - 1,
                                       &t, d);
    if (st != EXP_OK)
        return st;
    for (size_t k = 0; k < t.n_weeks; k++) {
        char week[9];
        date_format_week(t.weeks[k], week);
        buf_printf(b, "week %s\n", week);
        for (size_t e = 0; e < t.n_entities; e++)
            buf_printf(b, "mentions %s\t%zu\n", t.entity_ids[e], t.mentions[e * t.n_weeks + k]);
    }
    archive_trend_free(&t);
    return EXP_OK;
}

enum exp_status weekly_archive_context(struct weekly *w, const struct date_period *p,
                                       char **out, struct diag *d)
{
    struct buf b = BUF_INIT;
    buf_puts(&b, "");
    enum exp_status st = EXP_OK;
    if (w->archive) {
        st = previous_context(w, p, &b, d);
        if (st == EXP_OK)
            st = trend_context(w, p, &b, d);
    }
    *out = buf_detach(&b);
    return st;
}

int weekly_week_recorded(struct weekly *w, const struct date_period *p, struct diag *d)
{
    if (!w->archive_path)
        return 1;   /* --no-archive: nothing to record */
    int found = 0;
    return w->archive && archive_has_week(w->archive, p->week, &found, d) == EXP_OK && found;
}

enum exp_status weekly_begin(struct weekly *w, const struct date_period *p,
                             const struct template *tpl, struct diag *d)
{
    coverage_init(&w->coverage, tpl);
    w->conflicts = conflicts_new(tpl);
    w->begun = 1;
    if (!w->archive_path)
        return EXP_OK;
    enum exp_status st = w->archive ? EXP_OK : open_archive(w, d);
    if (st == EXP_OK)
        st = archive_begin_week(w->archive, p, tpl->id, d);
    w->recording = st == EXP_OK;
    return st;
}

enum exp_status weekly_add_article(struct weekly *w, const struct article *a,
                                   const struct template *tpl, const struct fact_list *facts,
                                   struct diag *d)
{
    if (!w->begun)
        return EXP_OK;   /* check: nothing is counted or kept */
    coverage_add(&w->coverage, a->publisher, facts);
    conflicts_add(w->conflicts, a, facts);
    if (!w->recording)
        return EXP_OK;
    enum exp_status st = archive_put_article(w->archive, a, tpl, facts, d);
    if (st != EXP_OK) {
        /* the week is not recorded at all rather than in part; the run reports it */
        archive_rollback_week(w->archive);
        w->recording = 0;
        w->failed = st;
    }
    return st;
}

enum exp_status weekly_finish(struct weekly *w, const struct date_period *p,
                              const struct table *t, struct diag *d)
{
    coverage_finish(&w->coverage);
    w->table = t;
    enum exp_status st = changes_build(w->archive, t, p->week, &w->changes, d);
    if (st == EXP_OK)
        st = trend_build(w->archive, t->tpl, p->week, &w->coverage, &w->trend, d);
    /* The conflicts report is built here, once: the writers that follow may run on several
     * threads and must only read it. */
    size_t n;
    if (st == EXP_OK && w->conflicts)
        (void)conflicts_report(w->conflicts, t, &n);
    return st;
}

struct weekly_sections weekly_sections_of(struct weekly *w, const struct template *tpl,
                                          const struct article_set *set)
{
    struct weekly_sections s = { .tpl = tpl, .changes = &w->changes, .coverage = &w->coverage,
                                 .trend = w->table ? &w->trend : NULL, .set = set };
    if (w->conflicts && w->table)
        s.conflicts = conflicts_report(w->conflicts, w->table, &s.n_conflicts);
    return s;
}

typedef enum exp_status (*csv_writer)(FILE *fp, const struct weekly *w);

static enum exp_status write_changes(FILE *fp, const struct weekly *w)
{
    return weekly_csv_changes(fp, &w->changes);
}

static enum exp_status write_coverage(FILE *fp, const struct weekly *w)
{
    return weekly_csv_coverage(fp, &w->coverage);
}

static enum exp_status write_conflicts(FILE *fp, const struct weekly *w)
{
    size_t n = 0;
    const struct conflict_line *lines = conflicts_report(w->conflicts, w->table, &n);
    return weekly_csv_conflicts(fp, w->table->tpl, lines, n);
}

static enum exp_status write_one(const struct weekly *w, struct output_set *set,
                                 const char *name, csv_writer write, struct diag *d)
{
    struct atomic_file af;
    enum exp_status st = output_set_open(set, name, &af, d);
    if (st != EXP_OK)
        return st;
    st = write(af.fp, w);
    if (st != EXP_OK) {
        diag_error(d, af.final_path, 0, 0, "write failed");
        atomic_file_abort(&af);
        return st;
    }
    return atomic_file_commit(&af, d);
}

enum exp_status weekly_write_csvs(const struct weekly *w, struct output_set *set,
                                  struct diag *d)
{
    enum exp_status st = write_one(w, set, "changes.csv", write_changes, d);
    if (st == EXP_OK)
        st = write_one(w, set, "coverage.csv", write_coverage, d);
    if (st == EXP_OK && w->conflicts && w->table)
        st = write_one(w, set, "conflicts.csv", write_conflicts, d);
    return st;
}

/* ---- The workbook's sheets ---- */

struct sheet_sink {
    struct xlsx_out *x;
    size_t sheet;
};

static void sheet_row(void *ctx, const struct csv_cell *cells, size_t n)
{
    struct sheet_sink *s = ctx;
    xlsx_out_row(s->x, s->sheet, cells, n);
}

static struct weekly_sink add_sheet(struct xlsx_out *x, const char *name, enum weekly_table t,
                                    struct sheet_sink *s)
{
    size_t n;
    const char *const *header = weekly_header(t, &n);
    *s = (struct sheet_sink){ x, xlsx_out_sheet(x, name, header, n) };
    return (struct weekly_sink){ sheet_row, s };
}

void weekly_write_sheets(struct weekly *w, struct xlsx_out *x)
{
    struct sheet_sink s;
    struct weekly_sink sink = add_sheet(x, "changes", WEEKLY_CHANGES, &s);
    weekly_rows_changes(&w->changes, &sink);
    sink = add_sheet(x, "coverage", WEEKLY_COVERAGE, &s);
    weekly_rows_coverage(&w->coverage, &sink);
    if (w->conflicts && w->table) {
        size_t n = 0;
        const struct conflict_line *lines = conflicts_report(w->conflicts, w->table, &n);
        sink = add_sheet(x, "conflicts", WEEKLY_CONFLICTS, &s);
        weekly_rows_conflicts(w->table->tpl, lines, n, &sink);
    }
}

/* The coverage rows in the archive's shape. Caller frees the array (strings borrowed). */
static struct archive_coverage_row *coverage_rows(const struct coverage *c)
{
    struct archive_coverage_row *rows = xcalloc(c->count + 1, sizeof *rows);
    for (size_t i = 0; i < c->count; i++)
        rows[i] = (struct archive_coverage_row){ c->rows[i].entity_id, c->rows[i].name,
                                                 c->rows[i].publisher, c->rows[i].articles,
                                                 c->rows[i].mentions };
    return rows;
}

enum exp_status weekly_commit(struct weekly *w, const struct table *t, struct diag *d)
{
    if (!w->recording)
        return w->failed;
    enum exp_status st = archive_put_cells(w->archive, t, d);
    if (st == EXP_OK) {
        struct archive_coverage_row *rows = coverage_rows(&w->coverage);
        st = archive_put_coverage(w->archive, rows, w->coverage.count, d);
        free(rows);
    }
    w->recording = 0;
    if (st == EXP_OK)
        return archive_commit_week(w->archive, d);
    archive_rollback_week(w->archive);
    return st;
}

void weekly_report_unpublished(const struct weekly *w, const struct date_period *p,
                               struct diag *d)
{
    if (!w->archive || !w->archive_path)
        return;
    char week[9];
    date_format_week(p->week, week);
    diag_error(d, w->archive_path, 0, 0, "the archive records week %s, but its outputs were not "
               "published (the previous set stays); run again to publish them", week);
}

void weekly_close(struct weekly *w)
{
    archive_close(w->archive);   /* rolls back a week not committed */
    free(w->archive_path);
    coverage_free(&w->coverage);
    changes_free(&w->changes);
    trend_free(&w->trend);
    conflicts_free(w->conflicts);
    memset(w, 0, sizeof *w);
}

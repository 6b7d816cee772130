/* workbook_job.c — see workbook_job.h. */
#include "cli/workbook_job.h"

#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "util/buf.h"
#include "util/lane.h"

/* Articles waiting for the workbook's thread: enough to ride out a slow row, few enough that
 * the facts they hold stay a few hundred kilobytes. */
#define WORKBOOK_QUEUE 32

struct workbook_job {
    struct lane *lane;
    struct xlsx_out *x;        /* NULL once closed */
    enum exp_status status;    /* the close's, written on the lane, read after the join */
};

struct article_rows {
    struct workbook_job *job;
    struct reader_item item;
};

static void write_article_rows(void *arg, struct diag *d)
{
    (void)d;
    struct article_rows *a = arg;
    xlsx_out_article(a->job->x, &a->item.article);
    xlsx_out_facts(a->job->x, &a->item.facts);
    reader_item_free(&a->item);
    free(a);
}

struct finish {
    struct workbook_job *job;
    const struct table *table;
    struct weekly *weekly;
    long long created;
};

static void write_rest(void *arg, struct diag *d)
{
    struct finish *f = arg;
    struct workbook_job *j = f->job;
    xlsx_out_set_created(j->x, f->created);
    xlsx_out_comparison(j->x, f->table);
    weekly_write_sheets(f->weekly, j->x);
    j->status = xlsx_out_close(j->x, d);
    j->x = NULL;
    free(f);
}

int workbook_job_large(struct input_list *inputs)
{
    if (inputs->count > WORKBOOK_LARGE_FILES)
        return 1;
    unsigned long long bytes = 0;
    for (const char *path; (path = input_list_next(inputs)) != NULL;) {
        struct stat st;
        if (stat(path, &st) == 0 && st.st_size > 0)
            bytes += (unsigned long long)st.st_size;
    }
    input_list_rewind(inputs);   /* the run reads the list again; a failure shows there */
    return bytes > WORKBOOK_LARGE_BYTES;
}

int workbook_job_may_overlap(void)
{
    struct rlimit rl;
    return getrlimit(RLIMIT_NOFILE, &rl) == 0 &&
           (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur >= WORKBOOK_OVERLAP_FILES);
}

struct workbook_job *workbook_job_start(struct xlsx_out *x, const struct diag *like)
{
    struct workbook_job *j = xcalloc(1, sizeof *j);
    j->x = x;
    j->lane = lane_new(WORKBOOK_QUEUE, like->verbose, like->quiet);
    return j;
}

void workbook_job_article(struct workbook_job *j, struct reader_item *it)
{
    struct article_rows *a = xmalloc(sizeof *a);
    a->job = j;
    a->item = *it;
    *it = (struct reader_item){ 0 };
    lane_push(j->lane, write_article_rows, a);
}

void workbook_job_finish(struct workbook_job *j, const struct table *t, struct weekly *w,
                         long long created)
{
    struct finish *f = xmalloc(sizeof *f);
    *f = (struct finish){ j, t, w, created };
    lane_push(j->lane, write_rest, f);
}

enum exp_status workbook_job_wait(struct workbook_job *j, struct diag *d)
{
    if (!j)
        return EXP_OK;
    lane_join(j->lane, d);
    xlsx_out_discard(j->x);   /* never finished: nothing written */
    enum exp_status st = j->status;
    free(j);
    return st;
}

/* weekly_csv.c — see weekly_csv.h. */
#include "report/weekly_csv.h"

#include "report/csv_out.h"

static const char *const changes_header[] = { "entity_id", "entity", "column", "previous",
                                               "current", "change", "previous_week",
                                               "sources" };
static const char *const coverage_header[] = { "entity_id", "entity", "publisher", "articles",
                                                "mentions" };
static const char *const conflicts_header[] = { "entity_id", "entity", "column", "kind", "value",
                                                 "chosen", "articles", "article_id",
                                                 "publisher", "sentence_no", "sentence" };
#define COUNT(a) (sizeof a / sizeof a[0])

const char *const *weekly_header(enum weekly_table t, size_t *n)
{
    switch (t) {
    case WEEKLY_CHANGES: *n = COUNT(changes_header); return changes_header;
    case WEEKLY_COVERAGE: *n = COUNT(coverage_header); return coverage_header;
    case WEEKLY_CONFLICTS: break;
    }
    *n = COUNT(conflicts_header);
    return conflicts_header;
}

void weekly_rows_changes(const struct changes *c, const struct weekly_sink *s)
{
    char week[9] = "";
    if (c->has_previous)
        date_format_week(c->previous_week, week);
    for (size_t i = 0; i < c->count; i++) {
        const struct change *ch = &c->items[i];
        struct csv_cell cells[] = {
            { CSV_TEXT, ch->entity_id },
            { CSV_TEXT, ch->entity_name },
            { CSV_TEXT, ch->column_id },
            { csv_out_is_number(ch->previous) ? CSV_NUMBER : CSV_TEXT, ch->previous },
            { csv_out_is_number(ch->current) ? CSV_NUMBER : CSV_TEXT, ch->current },
            { CSV_TEXT, change_kind_name(ch->kind) },
            { CSV_TEXT, week },
            { CSV_LIST, ch->sources },
        };
        s->row(s->ctx, cells, COUNT(cells));
    }
}

void weekly_rows_coverage(const struct coverage *c, const struct weekly_sink *s)
{
    for (size_t i = 0; i < c->count; i++) {
        const struct coverage_row *r = &c->rows[i];
        char articles[24], mentions[24];
        snprintf(articles, sizeof articles, "%zu", r->articles);
        snprintf(mentions, sizeof mentions, "%zu", r->mentions);
        struct csv_cell cells[] = {
            { CSV_TEXT, r->entity_id }, { CSV_TEXT, r->name }, { CSV_TEXT, r->publisher },
            { CSV_NUMBER, articles },   { CSV_NUMBER, mentions },
        };
        s->row(s->ctx, cells, COUNT(cells));
    }
}

void weekly_rows_conflicts(const struct template *tpl, const struct conflict_line *lines,
                           size_t n, const struct weekly_sink *s)
{
    for (size_t i = 0; i < n; i++) {
        const struct conflict_line *l = &lines[i];
        char articles[24], sentence_no[24] = "";
        snprintf(articles, sizeof articles, "%zu", l->articles);
        if (l->sentence_no)
            snprintf(sentence_no, sizeof sentence_no, "%zu", l->sentence_no);
        const struct template_entity *e = &tpl->entities[l->entity];
        struct csv_cell cells[] = {
            { CSV_TEXT, e->id },
            { CSV_TEXT, e->name },
            { CSV_TEXT, tpl->columns[l->column].id },
            { CSV_TEXT, conflict_kind_name(l->kind) },
            { csv_out_is_number(l->value) ? CSV_NUMBER : CSV_TEXT, l->value },
            { CSV_TEXT, l->chosen ? "yes" : "no" },
            { CSV_NUMBER, articles },
            { CSV_TEXT, l->article_id },
            { CSV_TEXT, l->publisher },
            { CSV_NUMBER, sentence_no },
            { CSV_TEXT, l->sentence },
        };
        s->row(s->ctx, cells, COUNT(cells));
    }
}

/* ---- The CSV files ---- */

static void csv_row(void *ctx, const struct csv_cell *cells, size_t n)
{
    csv_out_row(ctx, cells, n);
}

static void begin_csv(FILE *fp, enum weekly_table t)
{
    size_t n;
    const char *const *header = weekly_header(t, &n);
    csv_out_begin(fp);
    csv_out_header(fp, header, n);
}

enum exp_status weekly_csv_changes(FILE *fp, const struct changes *c)
{
    begin_csv(fp, WEEKLY_CHANGES);
    weekly_rows_changes(c, &(struct weekly_sink){ csv_row, fp });
    return ferror(fp) ? EXP_IOERR : EXP_OK;
}

enum exp_status weekly_csv_coverage(FILE *fp, const struct coverage *c)
{
    begin_csv(fp, WEEKLY_COVERAGE);
    weekly_rows_coverage(c, &(struct weekly_sink){ csv_row, fp });
    return ferror(fp) ? EXP_IOERR : EXP_OK;
}

enum exp_status weekly_csv_conflicts(FILE *fp, const struct template *tpl,
                                     const struct conflict_line *lines, size_t n)
{
    begin_csv(fp, WEEKLY_CONFLICTS);
    weekly_rows_conflicts(tpl, lines, n, &(struct weekly_sink){ csv_row, fp });
    return ferror(fp) ? EXP_IOERR : EXP_OK;
}

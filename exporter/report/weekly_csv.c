/* weekly_csv.c — see weekly_csv.h. */
#include "report/weekly_csv.h"

#include "report/csv_out.h"

enum exp_status weekly_csv_changes(FILE *fp, const struct changes *c)
{
    static const char *const header[] = { "entity_id", "entity", "column", "previous",
                                          "current", "change", "previous_week", "sources" };
    csv_out_begin(fp);
    csv_out_header(fp, header, sizeof header / sizeof header[0]);
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
            { CSV_TEXT, ch->sources },
        };
        csv_out_row(fp, cells, sizeof cells / sizeof cells[0]);
    }
    return ferror(fp) ? EXP_IOERR : EXP_OK;
}

enum exp_status weekly_csv_coverage(FILE *fp, const struct coverage *c)
{
    static const char *const header[] = { "entity_id", "entity", "publisher", "articles",
                                          "mentions" };
    csv_out_begin(fp);
    csv_out_header(fp, header, sizeof header / sizeof header[0]);
    for (size_t i = 0; i < c->count; i++) {
        const struct coverage_row *r = &c->rows[i];
        char articles[24], mentions[24];
        snprintf(articles, sizeof articles, "%zu", r->articles);
        snprintf(mentions, sizeof mentions, "%zu", r->mentions);
        struct csv_cell cells[] = {
            { CSV_TEXT, r->entity_id }, { CSV_TEXT, r->name }, { CSV_TEXT, r->publisher },
            { CSV_NUMBER, articles },   { CSV_NUMBER, mentions },
        };
        csv_out_row(fp, cells, sizeof cells / sizeof cells[0]);
    }
    return ferror(fp) ? EXP_IOERR : EXP_OK;
}

enum exp_status weekly_csv_conflicts(FILE *fp, const struct template *tpl,
                                     const struct conflict_line *lines, size_t n)
{
    static const char *const header[] = { "entity_id", "entity", "column", "kind", "value",
                                          "chosen", "articles", "article_id", "publisher",
                                          "sentence_no", "sentence" };
    csv_out_begin(fp);
    csv_out_header(fp, header, sizeof header / sizeof header[0]);
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
        csv_out_row(fp, cells, sizeof cells / sizeof cells[0]);
    }
    return ferror(fp) ? EXP_IOERR : EXP_OK;
}

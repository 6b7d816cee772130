/* weekly_sections.c — see weekly_sections.h. */
#include "report/weekly_sections.h"

#include <string.h>

#include "util/buf.h"

/* The table of changes: entity, column, previous, current, kind. */
static void changes_table(struct model_section *s, const struct weekly_sections *w)
{
    const struct template *tpl = w->tpl;
    const struct changes *c = w->changes;
    struct model_block *b = model_add_block(s, MODEL_TABLE);
    struct model_table *t = model_table_new(b, 5, c->count);
    static const char *const header_keys[] = { "entity", "figure_item", "changes_previous",
                                               "changes_current", "changes_kind" };
    static const enum model_col_kind kinds[] = { MODEL_COL_TEXT, MODEL_COL_TEXT,
                                                 MODEL_COL_LIST, MODEL_COL_LIST,
                                                 MODEL_COL_TEXT };
    for (size_t k = 0; k < 5; k++) {
        t->cols[k].header = xstrdup(template_word(tpl, header_keys[k]));
        t->cols[k].kind = kinds[k];
        t->cols[k].weight = 1;
    }
    t->row_headers = 1;
    for (size_t i = 0; i < c->count; i++) {
        const struct change *ch = &c->items[i];
        const char *cells[] = {
            ch->entity_name, tpl->columns[ch->column].label, ch->previous, ch->current,
            template_word(tpl, ch->kind == CHANGE_NEW ? "changes_new" : "changes_changed"),
        };
        for (size_t k = 0; k < 5; k++)
            model_span(&model_cell(t, i, k)->text, k == 0 ? MODEL_SPAN_STRONG : MODEL_SPAN_TEXT,
                       cells[k], NULL);
    }
}

static void changes_section(struct model_doc *doc, const struct weekly_sections *w)
{
    const char *title = template_word(w->tpl, "changes");
    struct model_section *s = model_add_section(doc, "changes", title);
    model_heading(s, 1, 0, title, "sec-changes");
    if (!w->changes || !w->changes->has_previous) {
        model_paragraph(s, MODEL_STYLE_BODY, template_word(w->tpl, "changes_none"));
        return;
    }
    char week[9];
    date_format_week(w->changes->previous_week, week);
    struct buf since = BUF_INIT;
    buf_printf(&since, "%s %s", template_word(w->tpl, "changes_since"), week);
    model_paragraph(s, MODEL_STYLE_META, since.data);
    buf_free(&since);
    if (w->changes->count)
        changes_table(s, w);
}

void weekly_sections_add(struct model_doc *doc, const char *name, void *arg)
{
    const struct weekly_sections *w = arg;
    if (w && strcmp(name, "changes") == 0)
        changes_section(doc, w);
}

/* check_report.c — see check_report.h. */
#include "report/check_report.h"

#include <string.h>

static const char *type_name(enum template_column_type t)
{
    switch (t) {
    case TEMPLATE_COL_QUANTITY: return "quantity";
    case TEMPLATE_COL_KEYWORDS: return "keywords";
    case TEMPLATE_COL_ORGANISATIONS: return "organisations";
    case TEMPLATE_COL_MODELS: return "models";
    case TEMPLATE_COL_TEXT: return "text";
    case TEMPLATE_COL_DATE: return "date";
    }
    return "?";
}

/* Facts the column found across the table, the rows it applies to, and those it filled. */
static void column_counts(const struct table *t, size_t c, size_t *facts, size_t *rows,
                          size_t *filled)
{
    const struct template *tpl = t->tpl;
    *facts = *rows = *filled = 0;
    for (size_t r = 0; r < t->n_rows; r++) {
        const struct table_cell *cell = &t->rows[r].cells[c];
        if (!template_column_applies(tpl, &tpl->columns[c], t->rows[r].entity))
            continue;
        (*rows)++;
        *filled += cell->text[0] != '\0';
        for (size_t k = 0; k < cell->n_values; k++)
            *facts += cell->values[k].n_facts;
    }
}

static void column_line(FILE *out, const struct table *t, size_t c, int width)
{
    const struct template *tpl = t->tpl;
    const struct template_column *col = &tpl->columns[c];
    size_t facts, rows, filled;
    column_counts(t, c, &facts, &rows, &filled);
    fprintf(out, "  %-*s %-13s %6zu   %zu of %zu", width, col->id, type_name(col->type), facts,
            filled, rows);
    const char *sep = "   empty: ";
    for (size_t r = 0; r < t->n_rows && filled < rows; r++) {
        if (!template_column_applies(tpl, col, t->rows[r].entity) || t->rows[r].cells[c].text[0])
            continue;
        fprintf(out, "%s%s", sep, t->rows[r].e->id);
        sep = ", ";
    }
    fputc('\n', out);
}

int check_report_write(FILE *out, const struct table *t, size_t n_articles)
{
    const struct template *tpl = t->tpl;
    int width = (int)strlen("column");
    for (size_t c = 0; c < tpl->n_columns; c++)
        if ((int)strlen(tpl->columns[c].id) > width)
            width = (int)strlen(tpl->columns[c].id);
    fprintf(out, "template %s (%s): %zu entities, %zu columns; %zu article%s, %zu facts\n",
            tpl->id, tpl->path ? tpl->path : "", tpl->n_entities, tpl->n_columns, n_articles,
            n_articles == 1 ? "" : "s", t->n_facts);
    fprintf(out, "  %-*s %-13s %6s   %s\n", width, "column", "type", "facts", "rows filled");
    for (size_t c = 0; c < tpl->n_columns; c++)
        column_line(out, t, c, width);
    size_t listed = 0;
    for (size_t r = 0; r < t->n_rows; r++)
        if (!t->rows[r].n_mentions && !tpl->entities[t->rows[r].entity].topic)
            fprintf(out, "%s%s", listed++ ? ", " : "entities no article names: ",
                    t->rows[r].e->id);
    if (listed)
        fputc('\n', out);
    listed = 0;
    for (size_t c = 0; c < tpl->n_columns; c++) {
        size_t facts, rows, filled;
        column_counts(t, c, &facts, &rows, &filled);
        if (!filled)
            fprintf(out, "%s%s", listed++ ? ", " : "columns that stayed empty: ",
                    tpl->columns[c].id);
    }
    fputs(listed ? " (see templates/README.md: units, cues, which entity a value is about)\n"
                 : "every column found something\n", out);
    return ferror(out) ? -1 : 0;
}

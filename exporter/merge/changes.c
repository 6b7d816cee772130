/* changes.c — see changes.h. */
#include "merge/changes.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

const char *change_kind_name(enum change_kind k)
{
    return k == CHANGE_NEW ? "new" : "changed";
}

/* Appends a change for the cell when it is new or differs from the earlier week's. */
static void compare_cell(const struct table *t, size_t r, size_t c,
                         const struct archive_cells *before, struct changes *out, size_t *cap)
{
    const struct table_row *row = &t->rows[r];
    const struct table_cell *cell = &row->cells[c];
    if (!cell->text || !*cell->text)
        return;
    const char *column_id = t->tpl->columns[c].id;
    const char *prev = archive_cells_find(before, row->e->id, column_id);
    if (prev && strcmp(prev, cell->text) == 0)
        return;
    xgrow(&out->items, cap, out->count + 1, sizeof *out->items);
    out->items[out->count++] = (struct change){
        .entity = row->entity, .column = c, .entity_id = row->e->id, .entity_name = row->e->name,
        .column_id = column_id, .previous = xstrdup(prev ? prev : ""), .current = cell->text,
        .kind = prev ? CHANGE_CHANGED : CHANGE_NEW, .sources = archive_cell_sources(cell, t->tpl->columns[c].type),
    };
}

enum exp_status changes_build(struct archive *archive, const struct table *t,
                              struct date_week week, struct changes *out, struct diag *d)
{
    memset(out, 0, sizeof *out);
    if (!archive)
        return EXP_OK;
    enum exp_status st = archive_previous_week(archive, week, &out->previous_week,
                                               &out->has_previous, d);
    if (st != EXP_OK || !out->has_previous)
        return st;
    struct archive_cells before;
    st = archive_week_cells(archive, out->previous_week, &before, d);
    if (st != EXP_OK)
        return st;
    size_t cap = 0;
    for (size_t r = 0; r < t->n_rows; r++)
        for (size_t c = 0; c < t->tpl->n_columns; c++)
            compare_cell(t, r, c, &before, out, &cap);
    archive_cells_free(&before);
    return EXP_OK;
}

void changes_free(struct changes *c)
{
    for (size_t i = 0; i < c->count; i++) {
        free(c->items[i].previous);
        free(c->items[i].sources);
    }
    free(c->items);
    memset(c, 0, sizeof *c);
}

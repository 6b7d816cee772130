/* changes.h — what changed since an earlier week: this run's table against the archive.
 *
 * The earlier week is the nearest week before the run's that has data in the archive (not
 * simply the last run: re-running an old week compares it with the weeks before it). A cell
 * the earlier week did not have is `new`; a cell whose value differs is `changed`; a cell
 * with the same value is not listed. A value the earlier week had and this one lacks is not
 * listed either: a quiet week says nothing about a figure. With no earlier week there are no
 * changes (has_previous = 0). Rows follow the template's entity order, then column order. */
#ifndef EXPORTER_CHANGES_H
#define EXPORTER_CHANGES_H

#include <stddef.h>

#include "merge/archive.h"
#include "merge/table.h"
#include "util/date.h"
#include "util/diag.h"
#include "util/status.h"

enum change_kind { CHANGE_NEW, CHANGE_CHANGED };

struct change {
    size_t entity, column;     /* indices into the template */
    const char *entity_id, *entity_name, *column_id;   /* borrowed from the template */
    char *previous;            /* the earlier week's value; "" for new */
    const char *current;       /* borrowed from the table */
    enum change_kind kind;
    char *sources;             /* article ids behind the current value, "; " */
};

struct changes {
    struct change *items;
    size_t count;
    int has_previous;          /* an earlier week with data was found */
    struct date_week previous_week;
};

/* Compares t (the run's table, filed under `week`) with the nearest earlier week in the
 * archive. archive may be NULL (--no-archive): no earlier week. Free with changes_free. */
enum exp_status changes_build(struct archive *archive, const struct table *t,
                              struct date_week week, struct changes *out, struct diag *d);

const char *change_kind_name(enum change_kind k);   /* "new", "changed" */

void changes_free(struct changes *c);

#endif

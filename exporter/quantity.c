/* quantity.c — placeholder until the quantity normaliser (issue #3) lands. */
#include "quantity.h"

int quantity_scan(const char *text, size_t len, struct quantity_list *out, size_t *bad_offset)
{
    (void)text; (void)len; (void)out; (void)bad_offset;
    return 0;
}

void quantity_list_clear(struct quantity_list *list) { list->count = 0; list->n_issues = 0; }
void quantity_list_free(struct quantity_list *list) { (void)list; }

enum exp_status quantity_print_lines(FILE *in, FILE *out, struct diag *d)
{
    (void)in; (void)out;
    diag_error(d, NULL, 0, 0, "quantities: not implemented yet");
    return EXP_SOFTWARE;
}

/* test_docs.c — the documentation says what the code does: templates/README.md carries the
 * unit table exactly as the registry prints it (units_write_markdown), so a unit added,
 * renamed or dropped in exporter/extract/units.c fails here until the README follows; and it
 * documents every key layout.labels accepts (template_words.c's table). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "extract/template.h"
#include "extract/units.h"
#include "util/buf.h"

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    struct buf b = BUF_INIT;
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(&b, chunk, n);
    fclose(f);
    return buf_detach(&b);
}

static void test_readme_lists_every_unit(void **state)
{
    (void)state;
    char *table = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&table, &len);
    assert_non_null(mem);
    units_write_markdown(mem);
    fclose(mem);
    char *readme = read_all("templates/README.md");
    /* the whole table, verbatim: every row in the registry's order, none missing or extra */
    if (!strstr(readme, table))
        fail_msg("templates/README.md (section Units) lacks the table units_write_markdown() "
                 "prints; paste it in:\n%s", table);
    assert_true(len > 200);   /* the registry is not empty */
    free(readme);
    free(table);
}

static void test_readme_documents_every_label_key(void **state)
{
    (void)state;
    char *readme = read_all("templates/README.md");
    size_t n = 0;
    for (const char *key; (key = template_word_key(n)) != NULL; n++) {
        char quoted[96];
        snprintf(quoted, sizeof quoted, "`%s`", key);
        if (!strstr(readme, quoted))
            fail_msg("templates/README.md does not document the layout.labels key %s", quoted);
    }
    assert_true(n > 20);   /* the table is not empty */
    free(readme);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_readme_lists_every_unit),
        cmocka_unit_test(test_readme_documents_every_label_key),
    };
    return cmocka_run_group_tests_name("docs", tests, NULL, NULL);
}

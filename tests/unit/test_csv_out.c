/* test_csv_out.c — the CSV writer: quoting, BOM, CRLF, numbers, formula injection. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "report/csv_out.h"

static char *row_text(const struct csv_cell *cells, size_t n)
{
    char *out = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&out, &len);
    csv_out_row(mem, cells, n);
    fclose(mem);
    return out;
}

static void test_cells(void **state)
{
    (void)state;
    static const struct { enum csv_cell_kind kind; const char *value, *written; } cases[] = {
        { CSV_TEXT, "업스테이지", "\"업스테이지\"\r\n" },
        { CSV_TEXT, "say \"hi\", ok", "\"say \"\"hi\"\", ok\"\r\n" },
        { CSV_TEXT, "two\nlines", "\"two\nlines\"\r\n" },
        { CSV_TEXT, "=1+1", "\"'=1+1\"\r\n" },
        { CSV_TEXT, "+82", "\"'+82\"\r\n" },
        { CSV_TEXT, "-A10", "\"'-A10\"\r\n" },
        { CSV_TEXT, "@SUM(A1)", "\"'@SUM(A1)\"\r\n" },
        { CSV_TEXT, "\tx", "\"'\tx\"\r\n" },
        { CSV_TEXT, "", "\r\n" },
        { CSV_TEXT, NULL, "\r\n" },
        { CSV_NUMBER, "102", "102\r\n" },
        { CSV_NUMBER, "10.2", "10.2\r\n" },
        { CSV_NUMBER, "-3", "-3\r\n" },
        { CSV_NUMBER, "1,020", "\"1,020\"\r\n" },
        { CSV_NUMBER, "=2", "\"'=2\"\r\n" },
        { CSV_NUMBER, "", "\r\n" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct csv_cell c = { cases[i].kind, cases[i].value };
        char *got = row_text(&c, 1);
        assert_string_equal(got, cases[i].written);
        free(got);
    }
    struct csv_cell two[] = { { CSV_TEXT, "a" }, { CSV_NUMBER, "5" }, { CSV_TEXT, "" } };
    char *got = row_text(two, 3);
    assert_string_equal(got, "\"a\",5,\r\n");
    free(got);
}

static void test_is_number(void **state)
{
    (void)state;
    assert_true(csv_out_is_number("0"));
    assert_true(csv_out_is_number("10200000000"));
    assert_true(csv_out_is_number("72.03"));
    assert_false(csv_out_is_number("72."));
    assert_false(csv_out_is_number(".5"));
    assert_false(csv_out_is_number("1e3"));
    assert_false(csv_out_is_number("-"));
    assert_false(csv_out_is_number(""));
}

static void test_articles_file_starts_with_bom(void **state)
{
    (void)state;
    char *out = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&out, &len);
    csv_out_articles_begin(mem);
    assert_false(ferror(mem));
    fclose(mem);
    assert_memory_equal(out, "\xEF\xBB\xBF\"id\",\"title\"", 15);
    assert_non_null(strstr(out, "\"source_file\"\r\n"));
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cells),
        cmocka_unit_test(test_is_number),
        cmocka_unit_test(test_articles_file_starts_with_bom),
    };
    return cmocka_run_group_tests_name("csv_out", tests, NULL, NULL);
}

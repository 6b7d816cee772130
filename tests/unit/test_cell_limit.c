/* test_cell_limit.c — cells shortened to what a spreadsheet keeps, visibly. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/cell_limit.h"
#include "report/csv_out.h"

static void test_length_counts_utf16_units(void **state)
{
    (void)state;
    assert_int_equal(cell_limit_length(""), 0);
    assert_int_equal(cell_limit_length("abc"), 3);
    assert_int_equal(cell_limit_length("업스테이지"), 5);
    assert_int_equal(cell_limit_length("a😀b"), 4);   /* outside the BMP: a surrogate pair */
}

static void test_short_cells_are_untouched(void **state)
{
    (void)state;
    struct buf scratch = BUF_INIT;
    size_t left = 99;
    const char *s = "a; b; c";
    assert_ptr_equal(cell_limit_fit(s, 1, 7, &scratch, &left), s);
    assert_int_equal(left, 0);
    assert_null(cell_limit_fit(NULL, 0, 7, &scratch, NULL));
    buf_free(&scratch);
}

static void test_list_keeps_whole_items(void **state)
{
    (void)state;
    struct buf scratch = BUF_INIT;
    size_t left;
    const char *out = cell_limit_fit("id_01; id_02; id_03; id_04; id_05; id_06", 1, 30,
                                     &scratch, &left);
    assert_string_equal(out, "id_01; id_02 … 외 4건");
    assert_int_equal(left, 4);
    assert_true(cell_limit_length(out) <= 30);
    /* Not even one item fits: only the count. */
    out = cell_limit_fit("abcdefghijklmnopqrstuvwxyz; b", 1, 12, &scratch, &left);
    assert_string_equal(out, "… 외 2건");
    assert_int_equal(left, 2);
    buf_free(&scratch);
}

/* A list of which only the first items are at hand (as many as fit the cell, and a few
 * items fewer or more) is cut exactly as the whole list is, counting every item left out. */
static void test_first_items_cut_as_the_whole_list(void **state)
{
    (void)state;
    struct buf whole = BUF_INIT, a = BUF_INIT, b = BUF_INIT;
    enum { N = 60 };
    size_t ends[N];
    for (size_t i = 0; i < N; i++) {
        buf_printf(&whole, "%s항목%zu", i ? "; " : "", i * 37);
        ends[i] = whole.len;
    }
    size_t left_whole = 0;
    const char *expect = cell_limit_fit(whole.data, 1, 100, &a, &left_whole);
    assert_true(left_whole > 0);
    for (size_t held = 1; held <= N; held++) {
        char *prefix = strndup(whole.data, ends[held - 1]);
        size_t left = 0;
        if (cell_limit_length(prefix) >= 100 - 2) {   /* holds every item that fits */
            assert_string_equal(cell_limit_fit_list(prefix, N, 100, &b, &left), expect);
            assert_int_equal(left, left_whole);
        }
        free(prefix);
    }
    /* every item at hand, or no total given: the plain list rule */
    assert_string_equal(cell_limit_fit_list(whole.data, N, 100, &b, NULL), expect);
    assert_string_equal(cell_limit_fit_list("x; y", 0, 100, &b, NULL), "x; y");
    assert_string_equal(cell_limit_fit_list("x; y", 9, 100, &b, NULL), "x; y … 외 7건");
    buf_free(&whole);
    buf_free(&a);
    buf_free(&b);
}

static void test_text_cut_on_a_character(void **state)
{
    (void)state;
    struct buf scratch = BUF_INIT;
    size_t left;
    const char *out = cell_limit_fit("가나다라마바사", 0, 4, &scratch, &left);
    assert_string_equal(out, "가나다…");
    assert_int_equal(left, 4);
    /* A surrogate pair is never split. */
    out = cell_limit_fit("ab😀cd", 0, 4, &scratch, &left);
    assert_string_equal(out, "ab…");
    buf_free(&scratch);
}

/* A sources list of 5,000 ids, as a large week writes it, stays within Excel's limit. */
static void test_csv_row_respects_excel_limit(void **state)
{
    (void)state;
    struct buf list = BUF_INIT;
    for (int i = 0; i < 5000; i++)
        buf_printf(&list, "%s029_%010d", i ? "; " : "", i);
    struct csv_cell cells[] = { { CSV_LIST, list.data }, { CSV_TEXT, list.data } };
    char *out = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&out, &len);
    csv_out_row(mem, cells, 2);
    fclose(mem);
    /* Two quoted cells (no quotes inside to double), each within the limit. */
    char *mid = strstr(out, "\",\"");
    assert_non_null(mid);
    *mid = '\0';
    assert_true(cell_limit_length(out + 1) <= CELL_LIMIT_CHARS);
    assert_true(cell_limit_length(mid + 3) <= CELL_LIMIT_CHARS + 3);   /* + "\r\n */
    *mid = '"';
    assert_non_null(strstr(out, " … 외 "));
    assert_non_null(strstr(out, "건\","));
    assert_non_null(strstr(out, "…\"\r\n"));
    free(out);
    buf_free(&list);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_length_counts_utf16_units),
        cmocka_unit_test(test_short_cells_are_untouched),
        cmocka_unit_test(test_list_keeps_whole_items),
        cmocka_unit_test(test_first_items_cut_as_the_whole_list),
        cmocka_unit_test(test_text_cut_on_a_character),
        cmocka_unit_test(test_csv_row_respects_excel_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

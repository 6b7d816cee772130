/* test_xlsx_out.c — the workbook, read back by a real spreadsheet reader (openpyxl, through
 * tests/tools/xlsx_dump.py): typed cells, links, no formulas, frozen header, autofilter,
 * widths, cell and row limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "extract/template.h"
#include "report/xlsx_out.h"
#include "util/buf.h"

static const char TEMPLATE[] =
    "template: t\n"
    "entities:\n"
    "  - {id: a, name: 가나, models: [{name: M, flagship: true}]}\n"
    "columns:\n"
    "  - {id: q, type: quantity, units: [\"\"], cues: [x]}\n";

struct fixture {
    struct template tpl;
    char path[64];
    struct buf dump;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    struct diag d = { 0 };
    d.quiet = 1;
    if (template_load_buffer("t.yaml", TEMPLATE, sizeof TEMPLATE - 1, &d, &f->tpl) != EXP_OK)
        return -1;
    snprintf(f->path, sizeof f->path, "/tmp/test_xlsx_out.%d.xlsx", (int)getpid());
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    template_free(&f->tpl);
    unlink(f->path);
    buf_free(&f->dump);
    free(f);
    return 0;
}

/* The reader's view of the workbook, one fact per line. */
static const char *dump(struct fixture *f)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd,
             "{ test -x /usr/bin/python3 && P=/usr/bin/python3 || P=python3; "
             "$P tests/tools/xlsx_dump.py %s; }", f->path);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    buf_clear(&f->dump);
    char line[4096];
    while (fgets(line, sizeof line, p))
        buf_puts(&f->dump, line);
    assert_int_equal(pclose(p), 0);
    return f->dump.data;
}

static void assert_has(const char *text, const char *line)
{
    if (!strstr(text, line))
        fail_msg("no line '%s' in the reader's view:\n%s", line, text);
}

static void test_typed_cells(void **state)
{
    struct fixture *f = *state;
    struct diag d = { 0 };
    struct xlsx_out *x;
    assert_int_equal(xlsx_out_open(&x, f->path, &f->tpl, NULL, &d), EXP_OK);
    static const char *const header[] = { "id", "title", "n", "when", "day", "url", "bad_url" };
    size_t s = xlsx_out_sheet(x, "extra", header, 7);
    struct csv_cell row[] = {
        { CSV_TEXT, "020" }, { CSV_TEXT, "=1+1" }, { CSV_NUMBER, "71236.5" },
        { CSV_DATETIME, "2025-12-28T06:02:09+09:00" }, { CSV_DATETIME, "2026-01-15" },
        { CSV_URL, "https://n.news.naver.com/a/1" }, { CSV_URL, "javascript:alert(1)" },
    };
    xlsx_out_row(x, s, row, 7);
    struct csv_cell row2[] = {
        { CSV_TEXT, "2027" }, { CSV_TEXT, "95%" }, { CSV_NUMBER, "not a number" },
        { CSV_DATETIME, "2025-12-28T00:00:00+00:00" }, { CSV_DATETIME, "2026-01" },
    };
    xlsx_out_row(x, s, row2, 5);
    assert_int_equal(xlsx_out_close(x, &d), EXP_OK);

    const char *v = dump(f);
    assert_has(v, "sheet comparison rows=1 cols=8 freeze=A2 filter=A1:H1\n");
    assert_has(v, "sheet facts rows=1 cols=11 freeze=A2");
    assert_has(v, "sheet articles rows=1 cols=13 freeze=A2");
    assert_has(v, "sheet extra rows=3 cols=7 freeze=A2 filter=A1:G3\n");
    assert_has(v, "cell extra!A1 s General id\n");
    assert_has(v, "cell extra!A2 s General 020\n");           /* the zero kept */
    assert_has(v, "cell extra!B2 s General =1+1\n");          /* a string, no formula, no ' */
    assert_has(v, "cell extra!C2 n General 71236.5\n");
    assert_has(v, "cell extra!D2 d yyyy-mm-dd hh:mm 2025-12-28 06:02:09\n");
    assert_has(v, "cell extra!E2 d yyyy-mm-dd 2026-01-15 00:00:00\n");
    assert_has(v, "link extra!F2 https://n.news.naver.com/a/1\n");
    assert_has(v, "cell extra!G2 s General javascript:alert(1)\n");
    assert_null(strstr(v, "link extra!G2"));
    assert_has(v, "cell extra!A3 s General 2027\n");
    assert_has(v, "cell extra!B3 s General 95%\n");
    assert_has(v, "cell extra!C3 s General not a number\n");
    assert_has(v, "cell extra!D3 d yyyy-mm-dd hh:mm 2025-12-28 09:00:00\n");   /* UTC → KST */
    assert_has(v, "cell extra!E3 s General 2026-01\n");
    assert_null(strstr(v, " f "));                            /* no formula anywhere */
}

static void test_row_limit_leaves_a_note(void **state)
{
    struct fixture *f = *state;
    struct diag d = { 0 };
    struct xlsx_out *x;
    struct xlsx_options o = { .max_rows = 5 };
    assert_int_equal(xlsx_out_open(&x, f->path, &f->tpl, &o, &d), EXP_OK);
    static const char *const header[] = { "n" };
    size_t s = xlsx_out_sheet(x, "big", header, 1);
    for (int i = 0; i < 10; i++) {
        char n[8];
        snprintf(n, sizeof n, "%d", i);
        struct csv_cell c = { CSV_NUMBER, n };
        xlsx_out_row(x, s, &c, 1);
    }
    assert_int_equal(xlsx_out_close(x, &d), EXP_OK);
    const char *v = dump(f);
    assert_has(v, "sheet big rows=5 cols=1");
    assert_has(v, "cell big!A4 n General 2\n");      /* header + three rows */
    assert_null(strstr(v, "cell big!A5 n"));
    assert_has(v, "cell big!A5 s General … Excel의 행 한도(5행) 때문에 7행은 이 시트에 싣지 "
                  "못했습니다. 전체는 big.csv에 있습니다.\n");
}

static void test_long_cells_and_widths(void **state)
{
    struct fixture *f = *state;
    struct diag d = { 0 };
    struct xlsx_out *x;
    assert_int_equal(xlsx_out_open(&x, f->path, &f->tpl, NULL, &d), EXP_OK);
    struct buf list = BUF_INIT;
    for (int i = 0; i < 4000; i++)
        buf_printf(&list, "%s029_%010d", i ? "; " : "", i);
    static const char *const header[] = { "sources", "hangul", "ascii" };
    size_t s = xlsx_out_sheet(x, "wide", header, 3);
    struct csv_cell row[] = { { CSV_LIST, list.data }, { CSV_TEXT, "가나다라마바" },
                              { CSV_TEXT, "abcdefghijkl" } };
    xlsx_out_row(x, s, row, 3);
    assert_int_equal(xlsx_out_close(x, &d), EXP_OK);
    const char *v = dump(f);
    const char *cell = strstr(v, "cell wide!A2 s General 029_0000000000; ");
    assert_non_null(cell);
    const char *end = strchr(cell, '\n');
    assert_true(end - cell < 32767 + 40);
    assert_non_null(strstr(cell, "건\n"));
    /* Six Hangul characters are as wide as twelve ASCII ones. */
    char *w1 = strstr(v, "width wide B "), *w2 = strstr(v, "width wide C ");
    assert_non_null(w1);
    assert_non_null(w2);
    assert_true(atof(w1 + 13) >= atof(w2 + 13));
    buf_free(&list);
}

/* A large week is written row by row and links only its first 2,000 URLs per sheet. */
static void test_large_week_caps_links(void **state)
{
    struct fixture *f = *state;
    struct diag d = { 0 };
    struct xlsx_out *x;
    assert_int_equal(xlsx_out_open(&x, f->path, &f->tpl, &(struct xlsx_options){ .large = 1 },
                                   &d), EXP_OK);
    static const char *const header[] = { "url" };
    size_t s = xlsx_out_sheet(x, "links", header, 1);
    for (int i = 0; i < 2100; i++) {
        char url[64];
        snprintf(url, sizeof url, "https://example.kr/%d", i);
        struct csv_cell c = { CSV_URL, url };
        xlsx_out_row(x, s, &c, 1);
    }
    assert_int_equal(xlsx_out_close(x, &d), EXP_OK);
    const char *v = dump(f);
    assert_has(v, "link links!A2001 https://example.kr/1999\n");
    assert_null(strstr(v, "link links!A2002 "));
    assert_has(v, "cell links!A2002 s General https://example.kr/2000\n");
    assert_has(v, "sheet links rows=2101 cols=1");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_typed_cells, setup, teardown),
        cmocka_unit_test_setup_teardown(test_row_limit_leaves_a_note, setup, teardown),
        cmocka_unit_test_setup_teardown(test_long_cells_and_widths, setup, teardown),
        cmocka_unit_test_setup_teardown(test_large_week_caps_links, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

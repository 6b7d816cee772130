/* test_markdown.c — pipe tables and list items as reading units, and what extraction reads
 * from them (one line per row, a header's unit on a bare number). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ingest/markdown.h"
#include "ingest/normalise.h"
#include "util/buf.h"

/* The units, each followed by " ¶ ", so a test compares one string. */
static void collect(void *ctx, const char *text, size_t len)
{
    struct buf *b = ctx;
    buf_append(b, text, len);
    buf_puts(b, " ¶ ");
}

static void expect_units(const char *para, const char *want, size_t count)
{
    struct buf b = BUF_INIT;
    size_t n = markdown_units(para, strlen(para), collect, &b);
    assert_string_equal(b.len ? b.data : "", want);
    assert_int_equal(n, count);
    buf_free(&b);
}

static void test_plain_paragraph_is_one_unit(void **state)
{
    (void)state;
    expect_units("첫 줄이다.\n둘째 줄이 이어진다.", "첫 줄이다.\n둘째 줄이 이어진다. ¶ ", 1);
    /* A pipe in prose is no table without a delimiter row. */
    expect_units("A | B 비교\n다음 줄", "A | B 비교\n다음 줄 ¶ ", 1);
}

static void test_table_rows_pair_cells_with_headers(void **state)
{
    (void)state;
    expect_units("11월 판매 현황은 다음과 같다.\n"
                 "| 회사 | 판매(대) | 점유율(%) | 비고 |\n"
                 "|:---|---:|---:|---|\n"
                 "| 현대차 | 13,020 | 39.1 | 신차 효과 |\n"
                 "| 기아 | 10,150 | 30.5% | - |\n"
                 "| KGM | △120 |  | |\n"
                 "표 아래 문장.",
                 "11월 판매 현황은 다음과 같다. ¶ "
                 "현대차, 판매 13,020대, 점유율 39.1%, 비고 신차 효과 ¶ "
                 "기아, 판매 10,150대, 점유율 30.5% ¶ "
                 "KGM, 판매 △120대 ¶ "
                 "표 아래 문장. ¶ ",
                 5);
}

static void test_transposed_table_takes_the_row_unit(void **state)
{
    (void)state;
    expect_units("구분 | 현대차 | 기아\n--- | --- | ---\n매출(억 원) | 32,410 | 28,650\n"
                 "영업이익률 | 11.2% | 9.8%",
                 "매출, 현대차 32,410억 원, 기아 28,650억 원 ¶ "
                 "영업이익률, 현대차 11.2%, 기아 9.8% ¶ ",
                 2);
    /* A long parenthesis is prose, not a unit; an escaped pipe is text. */
    expect_units("| 항목 | 값(지난해 같은 기간과 비교한 수치) |\n|---|---|\n| a\\|b | 12 |",
                 "a\\|b, 값(지난해 같은 기간과 비교한 수치) 12 ¶ ", 1);
}

static void test_caption_gives_the_unit(void **state)
{
    (void)state;
    expect_units("3분기 실적 (단위: 억 원)\n| 회사 | 매출 | 영업이익 | 이익률(%) |\n|---|---|---|---|\n"
                 "| 현대차 | 32,410 | -85 | 11.2 |",
                 "3분기 실적 (단위: 억 원) ¶ 현대차, 매출 32,410억 원, 영업이익 -85억 원, 이익률 11.2% ¶ ",
                 2);
    /* in the header's first cell; several units name none */
    expect_units("| [단위=대] | 10월 |\n|---|---|\n| 기아 | 9,870 |", "기아, 10월 9,870대 ¶ ", 1);
    expect_units("(단위: 억 원, %)\n| 회사 | 매출 |\n|---|---|\n| 기아 | 9,870 |",
                 "(단위: 억 원, %) ¶ 기아, 매출 9,870 ¶ ", 2);
}

static void test_list_items_are_units(void **state)
{
    (void)state;
    expect_units("주요 실적은 다음과 같다.\n- 현대차: 판매 1만 3,020대\n  법인 판매 포함\n"
                 "* 기아: 판매 1만 150대\n2. KGM: 1,240대\n▲매출 1조 원 ▲영업이익 500억 원\n"
                 "-3%는 음수다",
                 "주요 실적은 다음과 같다. ¶ 현대차: 판매 1만 3,020대\n법인 판매 포함 ¶ "
                 "기아: 판매 1만 150대 ¶ KGM: 1,240대 ¶ ▲매출 1조 원 ▲영업이익 500억 원\n"
                 "-3%는 음수다 ¶ ",
                 5);
}

/* A label before a list is read with every item, as a header with every table row; a sentence
 * before a list is not a label. */
static void test_list_lead_in_labels_items(void **state)
{
    (void)state;
    expect_units("정당별 지지율 (한국갤럽, 11월 셋째 주)\n- 더불어민주당: 41%\n- 국민의힘: 35%",
                 "정당별 지지율 (한국갤럽, 11월 셋째 주) ¶ 정당별 지지율: 더불어민주당: 41% ¶ "
                 "정당별 지지율: 국민의힘: 35% ¶ ",
                 3);
    expect_units("주요 실적:\n▲매출 1조 원\n▲영업이익 500억 원",
                 "주요 실적: ¶ 주요 실적: ▲매출 1조 원 ¶ 주요 실적: ▲영업이익 500억 원 ¶ ", 3);
    /* two lines, a sentence, a table in between: no label */
    expect_units("첫 줄\n둘째 줄\n- 가: 1%", "첫 줄\n둘째 줄 ¶ 가: 1% ¶ ", 2);
    expect_units("판매는 다음과 같다!\n- 가: 1대", "판매는 다음과 같다! ¶ 가: 1대 ¶ ", 2);
    expect_units("판매 현황\n| 회사 | 판매(대) |\n|---|---|\n| 기아 | 9 |\n- 가: 1대",
                 "판매 현황 ¶ 기아, 판매 9대 ¶ 가: 1대 ¶ ", 3);
}

static void test_paragraphs_break_at_rows(void **state)
{
    (void)state;
    const char *body = "본문이다.\n\n| 회사 | 판매(대) |\n|---|---|\n| 기아 | 9,870 |\n| 현대차 | 12,340 |\n";
    char *got = normalise_paragraphs(body, strlen(body));
    assert_string_equal(got, "본문이다.\n기아, 판매 9,870대\n현대차, 판매 12,340대");
    free(got);
}

/* Work per line is bounded: a row with far more cells than a table keeps reads only its first
 * cells, and a long table of rows is one unit per row. */
static void test_wide_and_long_tables(void **state)
{
    (void)state;
    struct buf para = BUF_INIT;
    buf_puts(&para, "|h");
    for (int i = 0; i < 1000; i++)
        buf_puts(&para, "|x");
    buf_puts(&para, "|\n|-|-|\n");
    for (int i = 0; i < 2000; i++)
        buf_printf(&para, "|r%d|%d|\n", i, i);
    struct buf out = BUF_INIT;
    assert_int_equal(markdown_units(para.data, para.len, collect, &out), 2000);
    assert_non_null(strstr(out.data, "r1999, x 1999 ¶ "));
    buf_free(&out);
    buf_free(&para);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_paragraph_is_one_unit),
        cmocka_unit_test(test_table_rows_pair_cells_with_headers),
        cmocka_unit_test(test_transposed_table_takes_the_row_unit),
        cmocka_unit_test(test_caption_gives_the_unit),
        cmocka_unit_test(test_list_items_are_units),
        cmocka_unit_test(test_list_lead_in_labels_items),
        cmocka_unit_test(test_paragraphs_break_at_rows),
        cmocka_unit_test(test_wide_and_long_tables),
    };
    return cmocka_run_group_tests_name("markdown", tests, NULL, NULL);
}

/* test_linebreak.c — KLREQ word-basis breaking on top of libunibreak. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/buf.h"
#include "typeset/linebreak.h"

/* The text with '|' after every position whose level is at least min (the end excluded). */
static char *marks(const char *text, unsigned char min)
{
    size_t len = strlen(text);
    unsigned char *lv = malloc(len + 1);
    linebreak_levels(text, len, lv);
    struct buf b = BUF_INIT;
    for (size_t i = 0; i < len; i++) {
        buf_putc(&b, text[i]);
        if (i + 1 < len && lv[i] >= min)
            buf_putc(&b, '|');
    }
    free(lv);
    return buf_detach(&b);
}

static void check(const char *text, unsigned char min, const char *want)
{
    char *got = marks(text, min);
    if (strcmp(got, want) != 0)
        fail_msg("%s\n  got  %s\n  want %s", text, got, want);
    free(got);
}

static void test_word_basis(void **state)
{
    (void)state;
    static const struct { const char *in, *want; } cases[] = {
        /* Breaks only at spaces (and after '/' or '-'), never inside an eojeol. */
        { "정부는 2024년 3월 15일(금) “보도자료”를 발표했다.",
          "정부는 |2024년 |3월 |15일(금) |“보도자료”를 |발표했다." },
        { "한국어ABC한국어 테스트", "한국어ABC한국어 |테스트" },
        { "3,000억원 5㎞ 30℃ 2.5%이다", "3,000억원 |5㎞ |30℃ |2.5%이다" },
        { "https://example.kr/a-b 끝", "https://|example.kr/|a-b |끝" },
        { "성능·안전성·활용성 기준", "성능·안전성·활용성 |기준" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check(cases[i].in, LINEBREAK_ALLOW, cases[i].want);
}

/* KLREQ and the text layer: a hyphen inside a name, '=' and a number's counter hold. */
static void test_names_equations_counters(void **state)
{
    (void)state;
    static const struct { const char *in, *want; } cases[] = {
        /* after a hyphen inside a name the text layer would read "K엑사원" */
        { "LG AI연구원 K-엑사원 모델", "LG |AI연구원 |K-엑사원 |모델" },
        { "A.X-K1과 HyperCLOVA-X", "A.X-K1과 |HyperCLOVA-X" },
        { "2025-12-30 발표", "2025-12-30 |발표" },
        { "출처 [1–5] 참조", "출처 |[1–5] |참조" },
        /* a dash between spaces: the break after it stays (KLREQ: no line starts with it) */
        { "모델 - 규모", "모델 - |규모" },
        /* never after (or before) '=' */
        { "NC AI(10% = 10B/100B) 등", "NC |AI(10% = 10B/100B) |등" },
        { "합계 ≈ 2,454억", "합계 ≈ 2,454억" },
        /* a number and its counter ("628억 원", "13만 명이"), with or without a particle */
        { "데이터 628억 원, GPU 1,576억 원", "데이터 |628억 원, |GPU |1,576억 원" },
        { "13만 명이 참여했다", "13만 명이 |참여했다" },
        { "3 곳에서 5 달러씩", "3 곳에서 |5 달러씩" },
        /* not a counter: a longer word that only starts like one */
        { "5 원장과 7 대학", "5 |원장과 |7 |대학" },
        /* a place word not after a number is just a word */
        { "억 원 단위", "억 |원 |단위" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check(cases[i].in, LINEBREAK_ALLOW, cases[i].want);
}

static void test_emergency_between_syllables(void **state)
{
    (void)state;
    /* Only when an eojeol does not fit: between syllables, never before punctuation. */
    check("과학기술정보통신부는", LINEBREAK_EMERGENCY, "과|학|기|술|정|보|통|신|부|는");
    check("「보도자료」였다.", LINEBREAK_EMERGENCY, "「보|도|자|료」|였|다.");
    /* Latin words and digit runs split only as the last resort. */
    check("ABCD", LINEBREAK_EMERGENCY, "ABCD");
    check("ABCD", LINEBREAK_ANYWHERE, "A|B|C|D");
    check("12345", LINEBREAK_ANYWHERE, "1|2|3|4|5");
}

static void test_never_split(void **state)
{
    (void)state;
    /* No break inside these at any level, except between two digits as the last resort. */
    static const char *const whole[] = {
        "……", "——", "――", "‥‥", "15일", "72.03점", "5%", "30℃", "5㎞", "3,000억", "$5", "(가)",
    };
    for (size_t i = 0; i < sizeof whole / sizeof whole[0]; i++) {
        char *got = marks(whole[i], LINEBREAK_ANYWHERE);
        for (char *p = strchr(got, '|'); p; p = strchr(p + 1, '|'))
            if (!(p > got && p[-1] >= '0' && p[-1] <= '9' && p[1] >= '0' && p[1] <= '9'))
                fail_msg("%s broken as %s", whole[i], got);
        free(got);
    }
}

static void test_line_start_and_end(void **state)
{
    (void)state;
    static const char *const closing[] = {
        ".", ",", ")", "]", "」", "』", "’", "”", "…", "·", ":", ";", "?", "!", "%", "〕", "》",
        "、", "。", "～", "ー",
    };
    for (size_t i = 0; i < sizeof closing / sizeof closing[0]; i++) {
        struct buf b = BUF_INIT;
        buf_printf(&b, "가나 %s다", closing[i]);
        unsigned char lv[64];
        linebreak_levels(b.data, b.len, lv);
        /* the break before the punctuation: after the space */
        assert_int_equal(lv[strlen("가나 ") - 1], LINEBREAK_NONE);
        buf_free(&b);
    }
    static const char *const opening[] = { "(", "[", "「", "『", "‘", "“", "《", "$", "₩" };
    for (size_t i = 0; i < sizeof opening / sizeof opening[0]; i++) {
        struct buf b = BUF_INIT;
        buf_printf(&b, "가%s나", opening[i]);
        unsigned char lv[64];
        linebreak_levels(b.data, b.len, lv);
        assert_int_equal(lv[strlen("가") + strlen(opening[i]) - 1], LINEBREAK_NONE);
        buf_free(&b);
    }
    assert_true(linebreak_no_start(0x00B7));
    assert_true(linebreak_no_end(0x201C));
    assert_false(linebreak_no_start(0xAC00));
}

static void test_hard_breaks(void **state)
{
    (void)state;
    const char *t = "첫 줄\n둘째";
    unsigned char lv[32];
    linebreak_levels(t, strlen(t), lv);
    assert_int_equal(lv[strlen("첫 줄\n") - 1], LINEBREAK_MUST);
    assert_int_equal(lv[strlen(t) - 1], LINEBREAK_MUST);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_word_basis),
        cmocka_unit_test(test_names_equations_counters),
        cmocka_unit_test(test_emergency_between_syllables),
        cmocka_unit_test(test_never_split),
        cmocka_unit_test(test_line_start_and_end),
        cmocka_unit_test(test_hard_breaks),
    };
    linebreak_init();
    return cmocka_run_group_tests(tests, NULL, NULL);
}

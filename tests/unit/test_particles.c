/* test_particles.c — which syllables may start a particle in each place, pinned as sets over
 * every Hangul syllable: extraction, the quantity scanner and line breaking read these, and a
 * syllable added or lost changes what they find. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/particles.h"
#include "util/utf8.h"

/* Whether cp is one of the syllables of the UTF-8 string set. */
static int in_set(const char *set, unsigned cp)
{
    size_t len = strlen(set), n;
    for (size_t i = 0; i < len; i += n)
        if (utf8_decode(set, len, i, &n) == cp)
            return 1;
    return 0;
}

static void check_place(unsigned place, const char *expected)
{
    for (unsigned cp = 0xAC00; cp <= 0xD7A3; cp++) {
        int want = in_set(expected, cp), got = particle_may_start(cp, place);
        if (want != got)
            fail_msg("U+%04X: place 0x%x expected %d, got %d", cp, place, want, got);
    }
    /* Nothing outside Hangul starts a particle. */
    static const unsigned others[] = { 0, ' ', 'a', '0', '%', 0x3131 /* ㄱ */, 0x4E00, 0xD7A4 };
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
        assert_int_equal(particle_places(others[i]), 0);
}

static void test_after_name(void **state)
{
    (void)state;
    check_place(PARTICLE_AFTER_NAME,
                "은는이가을를의에와과도만로으께랑나부처보까며라야엔든인일입들");
}

static void test_after_figure(void **state)
{
    (void)state;
    check_place(PARTICLE_AFTER_FIGURE, "은는이가을를의에로으와과도만까부씩쯤께인였라란처보당짜어"
                                       "정미초여남안내규급수밖뿐마입");
}

static void test_after_counter(void **state)
{
    (void)state;
    check_place(PARTICLE_AFTER_COUNTER, "은는이가을를의에와과도로만씩");
}

static void test_case_markers(void **state)
{
    (void)state;
    check_place(PARTICLE_SUBJECT, "이가");
    check_place(PARTICLE_TOPIC, "은는");
    check_place(PARTICLE_OBJECT, "을를");
    check_place(PARTICLE_ADDITIVE, "도");
    check_place(PARTICLE_SUBJECT | PARTICLE_TOPIC | PARTICLE_ADDITIVE, "은는이가도");
}

/* 은/는 and 으로/로 after Hangul, digits and letters read aloud, and nothing. */
static void test_forms_after_a_word(void **state)
{
    (void)state;
    static const struct { const char *last; const char *eun_neun, *euro_ro, *i_ga; } cases[] = {
        { "사", "는", "로", "가" },     /* a vowel */
        { "업", "은", "으로", "이" },   /* a consonant */
        { "일", "은", "로", "이" },     /* ㄹ: 로, not 으로 */
        { "3", "은", "으로", "이" },    /* 삼 */
        { "7", "은", "로", "이" },      /* 칠 */
        { "2", "는", "로", "가" },      /* 이 */
        { "L", "은", "로", "이" },      /* 엘 */
        { "M", "은", "으로", "이" },    /* 엠 */
        { "B", "는", "로", "가" },      /* 비 */
        { "%", "는", "로", "가" },
        { "", "는", "로", "가" },       /* no word */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t n;
        unsigned cp = cases[i].last[0] ? utf8_decode(cases[i].last, strlen(cases[i].last), 0, &n)
                                       : 0;
        assert_string_equal(particle_after(cp, PARTICLE_EUN_NEUN), cases[i].eun_neun);
        assert_string_equal(particle_after(cp, PARTICLE_EURO_RO), cases[i].euro_ro);
        assert_string_equal(particle_after(cp, PARTICLE_I_GA), cases[i].i_ga);
    }
    assert_string_equal(particle_after(0xC5C5 /* 업 */, PARTICLE_EUL_REUL), "을");
    assert_string_equal(particle_after(0xC0AC /* 사 */, PARTICLE_GWA_WA), "와");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_after_name),
        cmocka_unit_test(test_after_figure),
        cmocka_unit_test(test_after_counter),
        cmocka_unit_test(test_case_markers),
        cmocka_unit_test(test_forms_after_a_word),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

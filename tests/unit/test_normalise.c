/* test_normalise.c — entities, whitespace, NFC, bylines, URLs (dates: test_date.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ingest/article.h"
#include "ingest/normalise.h"
#include "util/text.h"

static void test_entities(void **state)
{
    (void)state;
    static const struct { const char *in, *out; } cases[] = {
        { "&#x27;국가대표 AI&#x27; 프로젝트", "'국가대표 AI' 프로젝트" },
        { "&quot;A&quot; &amp; B", "\"A\" & B" },
        { "1+1&#x3D;2", "1+1=2" },
        { "&#39;x&#39; &lt;b&gt;", "'x' <b>" },
        { "&#xAC00;&#44032;", "가가" },
        { "&middot;&hellip;&ldquo;&rdquo;", "·…“”" },
        { "AT&T &unknown; & &#xZZ; &#0; &#x110000;", "AT&T &unknown; & &#xZZ; &#0; &#x110000;" },
        { "&amp;amp;", "&amp;" },
        { "&", "&" },
        { "", "" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = normalise_html_entities(cases[i].in, strlen(cases[i].in));
        assert_string_equal(got, cases[i].out);
        free(got);
    }
}

static void test_text_folds_and_nfc(void **state)
{
    (void)state;
    static const struct { const char *in, *out; } cases[] = {
        { "  a \t\n b  ", "a b" },
        { "국가\xC2\xA0대표", "국가 대표" },                        /* NBSP */
        { "\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB", "한" },          /* conjoining jamo → NFC */
        { "&nbsp;x&nbsp;", "x" },
        { "\xE3\x80\x80전각\xE3\x80\x80공백", "전각 공백" },        /* U+3000 */
        /* Past the fast path for text that is already NFC: */
        { "가\xE1\x86\xA8", "각" },                             /* LV syllable + T jamo */
        { "\xE2\x84\xAB", "\xC3\x85" },                          /* ANGSTROM SIGN → Å */
        { "e\xCC\x81 café", "\xC3\xA9 café" },                  /* e + U+0301 → é */
        { "\xE2\x8C\xA9x\xE2\x8C\xAA", "\xE3\x80\x88x\xE3\x80\x89" },  /* U+2329 → U+3008 */
        /* Inside a run of other text, every byte that may start a space or a hidden
         * character is stopped at (the copy loop skips all others): */
        { "가\xE2\x80\x89나\xEF\xBB\xBF다", "가 나 다" },          /* thin space, BOM */
        { "가\xE2\x80\xAE나\xD8\x9C다\xE2\x81\xA6라", "가나다라" },  /* U+202E, U+061C, U+2066 */
        { "a\x7F" "b\xC2\x85" "c\x1B" "d\xE2\x80\x8E" "e", "abcde" },   /* DEL, NEL, ESC, LRM */
        { "가\xE2\x80\x94나\xE3\x80\x82\xEF\xBC\x8C", "가\xE2\x80\x94나\xE3\x80\x82\xEF\xBC\x8C" },  /* kept */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = normalise_text(cases[i].in, strlen(cases[i].in));
        assert_string_equal(got, cases[i].out);
        free(got);
    }
}

static void test_paragraphs(void **state)
{
    (void)state;
    const char *in = "\n첫 문단\n이어짐.\n\n  \n둘째  문단.\n\n";
    char *got = normalise_paragraphs(in, strlen(in));
    assert_string_equal(got, "첫 문단 이어짐.\n둘째 문단.");
    free(got);
}

static void test_people(void **state)
{
    (void)state;
    static const struct {
        const char *byline;
        size_t n;
        const char *name[2], *role[2], *org[2], *email[2];
    } cases[] = {
        { "이혜선 기자(hslee@dt.co.kr)", 1, { "이혜선" }, { "기자" }, { "" }, { "hslee@dt.co.kr" } },
        { "김정현 기자 (Kris@news1.kr)", 1, { "김정현" }, { "기자" }, { "" }, { "Kris@news1.kr" } },
        { "박종진 truth@etnews.com, 김명희 noprint@etnews.com", 2, { "박종진", "김명희" },
          { "", "" }, { "", "" }, { "truth@etnews.com", "noprint@etnews.com" } },
        { "박수빈 한경닷컴 기자 waterbean@hankyung.com", 1, { "박수빈" }, { "기자" }, { "한경닷컴" },
          { "waterbean@hankyung.com" } },
        { "IT동아 남시현 기자 (sh@itdonga.com)", 1, { "남시현" }, { "기자" }, { "IT동아" },
          { "sh@itdonga.com" } },
        { "홍길 특파원", 1, { "홍길" }, { "특파원" }, { "" }, { "" } },
        { "", 0, { 0 }, { 0 }, { 0 }, { 0 } },
        { "noname@example.com", 0, { 0 }, { 0 }, { 0 }, { 0 } },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct person *people = NULL;
        size_t n = 0, cap = 0;
        assert_int_equal(normalise_people(cases[i].byline, &people, &n, &cap), cases[i].n);
        assert_int_equal(n, cases[i].n);
        for (size_t k = 0; k < n; k++) {
            assert_string_equal(people[k].name, cases[i].name[k]);
            assert_string_equal(people[k].role, cases[i].role[k]);
            assert_string_equal(people[k].org, cases[i].org[k]);
            assert_string_equal(people[k].email, cases[i].email[k]);
            normalise_person_free(&people[k]);
        }
        free(people);
    }
}

static void test_urls(void **state)
{
    (void)state;
    assert_true(text_is_web_url("https://n.news.naver.com/mnews/article/029/0003001728"));
    assert_true(text_is_web_url("http://example.kr"));
    assert_false(text_is_web_url("ftp://example.kr/x"));
    assert_false(text_is_web_url("https:///path"));
    assert_false(text_is_web_url("https://exa mple.kr/"));
    assert_false(text_is_web_url("n.news.naver.com/x"));
    assert_false(text_is_web_url(""));
}

static void test_utf8_validation(void **state)
{
    (void)state;
    size_t bad = 99;
    assert_true(text_utf8_valid("가나다", strlen("가나다"), &bad));
    assert_false(text_utf8_valid("ab\xC0\xAF", 4, &bad));   /* overlong '/' */
    assert_int_equal(bad, 2);
    assert_false(text_utf8_valid("\xED\xA0\x80", 3, &bad)); /* surrogate */
    assert_int_equal(bad, 0);
    assert_false(text_utf8_valid("가\xEA\xB0", 5, &bad));   /* truncated */
    assert_int_equal(bad, 3);
    assert_int_equal(normalise_utf8_count("가a나"), 3);
    assert_int_equal(normalise_utf8_count(""), 0);
    /* eight bytes at a time, then the rest: every length and alignment of a mixed text */
    const char *mix = "가a나 b€ 다🎉라x\u00B7마 바사아자";
    for (size_t start = 0; start < strlen(mix); start++) {
        if (((unsigned char)mix[start] & 0xC0) == 0x80)
            continue;
        size_t want = 0;
        for (const char *p = mix + start; *p; p++)
            want += ((unsigned char)*p & 0xC0) != 0x80;
        assert_int_equal(normalise_utf8_count(mix + start), want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_entities),         cmocka_unit_test(test_text_folds_and_nfc),
        cmocka_unit_test(test_paragraphs),
        cmocka_unit_test(test_people),           cmocka_unit_test(test_urls),
        cmocka_unit_test(test_utf8_validation),
    };
    return cmocka_run_group_tests_name("normalise", tests, NULL, NULL);
}

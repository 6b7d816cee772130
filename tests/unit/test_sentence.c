/* test_sentence.c — the splitter against the quirks of crawled Korean news. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ingest/sentence.h"

struct split_case {
    const char *text;
    const char *sentences[6];
};

static const struct split_case cases[] = {
    { "모델을 공개했다.네이버클라우드는 옴니 모델을 선보였다.",
      { "모델을 공개했다.", "네이버클라우드는 옴니 모델을 선보였다." } },
    { "SK텔레콤은 ‘A.X K1’을 공개했다. A.X K1은 총 5190억개다.",
      { "SK텔레콤은 ‘A.X K1’을 공개했다.", "A.X K1은 총 5190억개다." } },
    { "A.X K1은 초거대 모델이다.", { "A.X K1은 초거대 모델이다." } },
    { "평균 72.03점을 받았다. 1.5배 늘었다.", { "평균 72.03점을 받았다.", "1.5배 늘었다." } },
    { "그는 “첫 문장이다. 둘째 문장이다”라고 말했다. 끝.",
      { "그는 “첫 문장이다.", "둘째 문장이다”라고 말했다.", "끝." } },
    { "모델(ver. 2.0 기준.)을 냈다.", { "모델(ver. 2.0 기준.)을 냈다." } },
    { "정말인가? 그렇다! 좋다.", { "정말인가?", "그렇다!", "좋다." } },
    { "첫 문단이다\n둘째 문단이다.", { "첫 문단이다", "둘째 문단이다." } },
    { "“끝났다.” 다음 문장.", { "“끝났다.”", "다음 문장." } },
    { "Dr. Kim met Mr. Lee. 그리고 떠났다.", { "Dr. Kim met Mr. Lee.", "그리고 떠났다." } },
    { "e.g. this stays. Next one.", { "e.g. this stays.", "Next one." } },
    { "버전 3.5와 4.0을 냈다...다음이다.", { "버전 3.5와 4.0을 냈다...", "다음이다." } },
    { "", { NULL } },
    { "   \n  ", { NULL } },
};

static void test_split_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct sentence_list list = { 0 };
        const char *text = cases[i].text;
        sentence_split_with(text, strlen(text), NULL, &list);
        size_t expected = 0;
        while (expected < 6 && cases[i].sentences[expected])
            expected++;
        if (list.count != expected) {
            for (size_t k = 0; k < list.count; k++)
                print_error("  got [%zu] %s\n", k, list.items[k].text);
            fail_msg("case %zu: %zu sentences, expected %zu", i, list.count, expected);
        }
        for (size_t k = 0; k < expected; k++) {
            assert_string_equal(list.items[k].text, cases[i].sentences[k]);
            /* Provenance: the offset points at the sentence in the source text. */
            assert_memory_equal(text + list.items[k].offset, list.items[k].text,
                                list.items[k].length);
        }
        sentence_list_free(&list);
    }
}

/* A stand-in for the template's names: 업스테이지, 이연수, and 더불어민주당 with its alias 민주당,
 * as words of their own. */
static size_t fake_name_at(void *ctx, const char *text, size_t len, size_t pos)
{
    (void)ctx;
    static const char *const names[] = { "업스테이지", "이연수", "더불어민주당", "민주당" };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        size_t n = strlen(names[i]);
        if (pos + n <= len && !memcmp(text + pos, names[i], n))
            return n;
    }
    return 0;
}

static void test_glued_heading(void **state)
{
    (void)state;
    static const struct sentence_hooks hooks = { fake_name_at, NULL };
    const char *text = "업스테이지, 한국어 특화된 솔라 오픈 100B 모델 공개업스테이지는 정부의 지원을 "
                       "받았다. 이번에도 업스테이지는 앞섰다.\n다양한 산업군과 협력이연수 대표는 "
                       "강조했다.";
    struct sentence_list list = { 0 };
    sentence_split_with(text, strlen(text), &hooks, &list);
    assert_int_equal(list.count, 5);
    assert_string_equal(list.items[0].text, "업스테이지, 한국어 특화된 솔라 오픈 100B 모델 공개");
    assert_true(list.items[0].heading);
    assert_string_equal(list.items[1].text, "업스테이지는 정부의 지원을 받았다.");
    assert_false(list.items[1].heading);
    assert_string_equal(list.items[2].text, "이번에도 업스테이지는 앞섰다.");
    assert_string_equal(list.items[3].text, "다양한 산업군과 협력");
    assert_true(list.items[3].heading);
    assert_string_equal(list.items[4].text, "이연수 대표는 강조했다.");
    assert_memory_equal(text + list.items[4].offset, list.items[4].text, list.items[4].length);
    sentence_list_free(&list);

    /* without the hooks nothing is split; a name after a space is no glued heading */
    sentence_split_with(text, strlen(text), NULL, &list);
    assert_int_equal(list.count, 3);
    sentence_list_free(&list);
    /* a paragraph the crawl glued to the one before ("…말했다.NC AI, …") starts one too */
    const char *glued = "그는 말했다.업스테이지, 새 모델 공개업스테이지는 지원을 받았다. 다음 문장 "
                        "업스테이지는 앞섰다.";
    sentence_split_with(glued, strlen(glued), &hooks, &list);
    assert_int_equal(list.count, 4);
    assert_string_equal(list.items[1].text, "업스테이지, 새 모델 공개");
    assert_true(list.items[1].heading);
    sentence_list_free(&list);
    const char *spaced = "모델 공개 업스테이지는 지원을 받았다.";
    sentence_split_with(spaced, strlen(spaced), &hooks, &list);
    assert_int_equal(list.count, 1);
    sentence_list_free(&list);
    /* a name inside a longer name of the same word is no paragraph start */
    const char *inside = "지지율은 더불어민주당이 41%로 가장 높았다.";
    sentence_split_with(inside, strlen(inside), &hooks, &list);
    assert_int_equal(list.count, 1);
    sentence_list_free(&list);
}

/* Counts the calls, for the bound on work below. */
static size_t counting_name_at(void *ctx, const char *text, size_t len, size_t pos)
{
    ++*(size_t *)ctx;
    return fake_name_at(NULL, text, len, pos);
}

/* The splitter asks about names once per letter of a paragraph's first SENTENCE_HEADING_MAX
 * bytes at most, however the names repeat and nest: 2,000 paragraphs of glued names cost
 * at most 2,000 × SENTENCE_HEADING_MAX / 3 questions, not a look back per name. */
static void test_heading_search_is_bounded(void **state)
{
    (void)state;
    size_t calls = 0;
    const struct sentence_hooks hooks = { counting_name_at, &calls };
    struct buf text = BUF_INIT;
    for (int p = 0; p < 2000; p++) {
        buf_puts(&text, "지지율 ");
        for (int k = 0; k < 200; k++)
            buf_puts(&text, k % 2 ? "민주당" : "더불어민주당");
        buf_puts(&text, "이다.\n");
    }
    struct sentence_list list = { 0 };
    sentence_split_with(text.data, text.len, &hooks, &list);
    /* each paragraph splits once: at the first name glued after another (`…민주당|더불어…`),
     * never at the `민주당` inside a `더불어민주당` */
    assert_int_equal(list.count, 4000);
    assert_string_equal(list.items[0].text, "지지율 더불어민주당");
    assert_true(calls <= 2000 * (SENTENCE_HEADING_MAX / 3 + 1));
    sentence_list_free(&list);
    buf_free(&text);
}

static void test_quoting(void **state)
{
    (void)state;
    static const struct { const char *sentence, *quoted; } quotes[] = {
        { "그는 “새 모델을 공개한다”고 말했다.", "그는 ‘새 모델을 공개한다’고 말했다." },
        { "업스테이지는 모델을 공개했다.", "업스테이지는 모델을 공개했다." },
        { "그는 \"500B\" 모델을 만들었다.", "그는 ‘500B’ 모델을 만들었다." },
        /* starts inside somebody's quotation: the opening mark is supplied */
        { "7B 모델로 대응한다”라고 말했다.", "‘7B 모델로 대응한다’라고 말했다." },
        /* starts inside one, with stray closing marks as the crawl left them: one opening
         * mark for the quotation it starts in, the strays dropped */
        { "엔진’ 베키(VAETKI)’를 구축했다”라며 설명했다.", "‘엔진 베키(VAETKI)를 구축했다’라며 설명했다." },
        /* ends inside one: closed */
        { "대표는 “고성능 100B 모델로 대응한다", "대표는 ‘고성능 100B 모델로 대응한다’" },
        /* a glued heading does not end like a sentence */
        { "업스테이지, 솔라 오픈 100B 모델 공개", "업스테이지, 솔라 오픈 100B 모델 공개" },
    };
    for (size_t i = 0; i < sizeof quotes / sizeof quotes[0]; i++) {
        const char *s = quotes[i].sentence;
        struct buf b = BUF_INIT;
        sentence_quote_prepare(s, strlen(s), &b);
        assert_string_equal(b.data ? b.data : "", quotes[i].quoted);
        buf_free(&b);
        /* only the heading is incomplete */
        assert_int_equal(sentence_complete(s, strlen(s)), strcmp(s, "업스테이지, 솔라 오픈 100B 모델 공개") != 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = { cmocka_unit_test(test_split_cases),
                                        cmocka_unit_test(test_glued_heading),
                                        cmocka_unit_test(test_heading_search_is_bounded),
                                        cmocka_unit_test(test_quoting) };
    return cmocka_run_group_tests_name("sentence", tests, NULL, NULL);
}

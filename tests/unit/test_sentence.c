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
        sentence_split(text, strlen(text), &list);
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

int main(void)
{
    const struct CMUnitTest tests[] = { cmocka_unit_test(test_split_cases) };
    return cmocka_run_group_tests_name("sentence", tests, NULL, NULL);
}

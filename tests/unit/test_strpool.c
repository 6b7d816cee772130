/* test_strpool.c — interned strings: one copy per distinct text, exact lengths, growth. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/strpool.h"

static void test_one_copy_per_text(void **state)
{
    (void)state;
    struct strpool *p = strpool_new();
    const char *a = strpool_intern(p, "업스테이지", strlen("업스테이지"));
    char again[] = "업스테이지";
    assert_ptr_equal(strpool_intern(p, again, strlen(again)), a);
    assert_ptr_not_equal(a, again);
    assert_string_equal(a, "업스테이지");
    /* A prefix, an extension and the empty text are texts of their own. */
    const char *ab = strpool_intern(p, "ab", 2), *abc = strpool_intern(p, "abc", 3);
    assert_ptr_not_equal(ab, abc);
    assert_string_equal(ab, "ab");
    assert_string_equal(abc, "abc");
    assert_string_equal(strpool_intern(p, "", 0), "");
    assert_ptr_equal(strpool_intern(p, "", 0), strpool_intern(p, "x", 0));
    /* Only len bytes count: the source need not end there. */
    assert_ptr_equal(strpool_intern(p, "abcdef", 3), abc);
    strpool_free(p);
    strpool_free(NULL);
}

static void test_growth_keeps_every_copy(void **state)
{
    (void)state;
    enum { N = 20000 };
    struct strpool *p = strpool_new();
    const char **first = calloc(N, sizeof *first);
    char text[32];
    for (int i = 0; i < N; i++) {
        int n = snprintf(text, sizeof text, "문장-%d", i);
        first[i] = strpool_intern(p, text, (size_t)n);
    }
    for (int i = 0; i < N; i++) {
        int n = snprintf(text, sizeof text, "문장-%d", i);
        assert_ptr_equal(strpool_intern(p, text, (size_t)n), first[i]);
        assert_string_equal(first[i], text);
    }
    /* A string bigger than a block gets its own and is still found. */
    size_t big_len = 200000;
    char *big = malloc(big_len);
    memset(big, 'x', big_len);
    const char *b = strpool_intern(p, big, big_len);
    assert_int_equal(strlen(b), big_len);
    assert_ptr_equal(strpool_intern(p, big, big_len), b);
    assert_ptr_equal(strpool_intern(p, "문장-7", strlen("문장-7")), first[7]);
    free(big);
    free(first);
    strpool_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_copy_per_text),
        cmocka_unit_test(test_growth_keeps_every_copy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_buf.c — growable strings and UTF-8 encoding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/buf.h"

static void test_append_and_printf(void **state)
{
    (void)state;
    struct buf b = BUF_INIT;
    buf_puts(&b, "억");
    buf_printf(&b, " %d/%s", 42, "개");
    assert_string_equal(b.data, "억 42/개");
    assert_int_equal(b.len, strlen("억 42/개"));
    char *s = buf_detach(&b);
    assert_null(b.data);
    assert_string_equal(s, "억 42/개");
    free(s);
}

static void test_utf8_encoding(void **state)
{
    (void)state;
    static const struct { unsigned cp; const char *utf8; } cases[] = {
        { 0x41, "A" }, { 0xE9, "\xC3\xA9" }, { 0xAC00, "가" }, { 0x20000, "\xF0\xA0\x80\x80" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct buf b = BUF_INIT;
        buf_put_utf8(&b, cases[i].cp);
        assert_string_equal(b.data, cases[i].utf8);
        buf_free(&b);
    }
}

static void test_detach_empty_is_empty_string(void **state)
{
    (void)state;
    struct buf b = BUF_INIT;
    char *s = buf_detach(&b);
    assert_string_equal(s, "");
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_append_and_printf),
        cmocka_unit_test(test_utf8_encoding),
        cmocka_unit_test(test_detach_empty_is_empty_string),
    };
    return cmocka_run_group_tests_name("buf", tests, NULL, NULL);
}

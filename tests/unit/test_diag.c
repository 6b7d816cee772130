/* test_diag.c — every message is one line of plain text, whatever the names and values it
 * quotes hold. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/diag.h"

/* One message through a sink; returns what it printed (caller frees). */
static char *report(const char *file, const char *value)
{
    char *out = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&out, &len);
    struct diag d;
    diag_init(&d, mem, 0, 0);
    diag_error(&d, file, 3, 7, "'url' is not a URL: '%s'", value);
    fclose(mem);
    return out;
}

static void test_plain_text_unchanged(void **state)
{
    (void)state;
    char *out = report("기사/a.txt", "https://n.news.naver.com/기사 — 100%");
    assert_string_equal(out, "exporter: 기사/a.txt:3:7: error: 'url' is not a URL: "
                             "'https://n.news.naver.com/기사 — 100%'\n");
    free(out);
}

/* A newline in a file name would forge a second message; an escape sequence would drive the
 * terminal; U+202E would show the rest of the line backwards; a byte that is not UTF-8 would
 * reach the terminal raw. */
static void test_controls_escaped(void **state)
{
    (void)state;
    char *out = report("a\nexporter: b.txt:1:1: error: forged.txt", "\x1b[31mred\x07\t\x7f");
    assert_string_equal(out, "exporter: a\\x0Aexporter: b.txt:1:1: error: forged.txt:3:7: error: "
                             "'url' is not a URL: '\\x1B[31mred\\x07\\x09\\x7F'\n");
    free(out);
    out = report("x\xE2\x80\xAEtxt.exe", "\xC2\x9B\xD8\x9C\xE2\x81\xA6ok\xE2\x81\xA9");
    assert_string_equal(out, "exporter: x\\u{202E}txt.exe:3:7: error: 'url' is not a URL: "
                             "'\\u{009B}\\u{061C}\\u{2066}ok\\u{2069}'\n");
    free(out);
    out = report("bad\xff\xc0\xaf.txt", "\xed\xa0\x80");
    assert_string_equal(out, "exporter: bad\\xFF\\xC0\\xAF.txt:3:7: error: 'url' is not a URL: "
                             "'\\xED\\xA0\\x80'\n");
    free(out);
    out = report("a", "b\nc");
    assert_ptr_equal(strchr(out, '\n'), out + strlen(out) - 1);   /* one line */
    free(out);
}

/* A file name for a CSV cell or a workbook: always valid one-line UTF-8. */
static void test_visible(void **state)
{
    (void)state;
    char *v = diag_visible("in/\xff\xfe bad\n\xE2\x80\xAE.txt");
    assert_string_equal(v, "in/\\xFF\\xFE bad\\x0A\\u{202E}.txt");
    free(v);
    v = diag_visible("기사/정상.txt");
    assert_string_equal(v, "기사/정상.txt");
    free(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_text_unchanged),
        cmocka_unit_test(test_controls_escaped),
        cmocka_unit_test(test_visible),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

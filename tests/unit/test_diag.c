/* test_diag.c — every message is one line of plain text, whatever the names and values it
 * quotes hold. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* Whether descriptor fd is the same file as st. */
static int same_file(int fd, const struct stat *st)
{
    struct stat now;
    return fstat(fd, &now) == 0 && now.st_dev == st->st_dev && now.st_ino == st->st_ino &&
           now.st_rdev == st->st_rdev;
}

/* With its descriptors reserved, muting works when every other descriptor is taken (the
 * moment a library fails to open a file and prints about it); unmuting restores stderr. */
static void test_mute_without_descriptors(void **state)
{
    (void)state;
    struct stat err_before, null_st;
    assert_int_equal(fstat(STDERR_FILENO, &err_before), 0);
    assert_int_equal(stat("/dev/null", &null_st), 0);
    struct diag d;
    diag_init(&d, stderr, 0, 0);
    diag_reserve_mute(&d);
    assert_true(d.mute_reserved);
    struct rlimit was, few;
    assert_int_equal(getrlimit(RLIMIT_NOFILE, &was), 0);
    few = was;
    few.rlim_cur = 64;
    assert_int_equal(setrlimit(RLIMIT_NOFILE, &few), 0);
    int taken[64], n = 0;
    while (n < 64 && (taken[n] = open("/dev/null", O_RDONLY)) >= 0)
        n++;
    assert_true(n < 64);   /* the descriptors ran out */
    int muted = diag_mute_stderr(&d);
    assert_int_not_equal(muted, -1);
    assert_true(same_file(STDERR_FILENO, &null_st));
    /* a second mute (another thread's) keeps it muted until the last unmute */
    int again = diag_mute_stderr(&d);
    assert_int_not_equal(again, -1);
    diag_unmute_stderr(&d, muted);
    assert_true(same_file(STDERR_FILENO, &null_st));
    diag_unmute_stderr(&d, again);
    assert_true(same_file(STDERR_FILENO, &err_before));
    /* without a reservation there is nothing to mute with: -1, and stderr untouched */
    struct diag plain = { 0 };
    muted = diag_mute_stderr(&plain);
    assert_int_equal(muted, -1);
    assert_true(same_file(STDERR_FILENO, &err_before));
    diag_unmute_stderr(&plain, muted);
    for (int i = 0; i < n; i++)
        close(taken[i]);
    setrlimit(RLIMIT_NOFILE, &was);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_text_unchanged),
        cmocka_unit_test(test_controls_escaped),
        cmocka_unit_test(test_visible),
        cmocka_unit_test(test_mute_without_descriptors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_build.c — the build stage driven through its own options, without a command line:
 * check writes nothing, a writing run makes exactly the formats it is given, a missing input
 * is reported as such. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "cli/build.h"
#include "util/fsutil.h"
#include "../fixtures/fixtures.h"

static char *const sample_inputs[] = { "examples/articles", NULL };

static struct build_options sample_options(const char *out_dir)
{
    struct build_options o = {
        .mode = BUILD_WRITE, .inputs = sample_inputs, .n_inputs = 1,
        .template_path = FIXTURE_TEMPLATE, .out_dir = out_dir,
        .no_archive = 1, .formats = BUILD_FORMAT_CSV, .quiet = 1, .jobs = 1,
    };
    struct date_period_spec all_dates = { NULL, NULL, NULL, NULL };
    char why[128];
    assert_int_equal(date_period_resolve(&all_dates, date_today_kst(), &o.period, why,
                                         sizeof why), 0);
    return o;
}

static int exists(const char *dir, const char *name)
{
    char *path = fsutil_join(dir, name);
    struct stat st;
    int yes = stat(path, &st) == 0;
    free(path);
    return yes;
}

static char *temp_dir(void)
{
    char tmpl[] = "/tmp/test_build.XXXXXX";
    assert_non_null(mkdtemp(tmpl));
    return strdup(tmpl);
}

static void remove_tree(const char *dir)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static void test_check_writes_nothing(void **state)
{
    (void)state;
    char *root = temp_dir();
    char *out = fsutil_join(root, "out");
    struct build_options o = sample_options(out);
    o.mode = BUILD_CHECK;
    struct diag d;
    diag_init(&d, NULL, 0, 1);
    assert_int_equal(build_run(&o, &d), EXP_OK);
    assert_false(exists(root, "out"));
    assert_false(exists(root, ".out.exporter"));
    remove_tree(root);
    free(out);
    free(root);
}

static void test_write_only_the_formats_given(void **state)
{
    (void)state;
    char *root = temp_dir();
    char *out = fsutil_join(root, "out");
    struct build_options o = sample_options(out);
    struct diag d;
    diag_init(&d, NULL, 0, 1);
    assert_int_equal(build_run(&o, &d), EXP_OK);
    assert_true(exists(out, "comparison.csv"));
    assert_true(exists(out, "facts.csv"));
    assert_true(exists(out, "articles.csv"));
    assert_false(exists(out, "briefing.pdf"));
    assert_false(exists(out, "briefing.xlsx"));
    /* --no-archive: no archive beside the set. */
    assert_false(exists(root, ".out.exporter/archive.sqlite"));
    remove_tree(root);
    free(out);
    free(root);
}

static void test_missing_input(void **state)
{
    (void)state;
    char *root = temp_dir();
    char *out = fsutil_join(root, "out");
    char *const missing[] = { "tests/no/such/folder", NULL };
    struct build_options o = sample_options(out);
    o.inputs = missing;
    struct diag d;
    diag_init(&d, NULL, 0, 1);
    assert_int_equal(build_run(&o, &d), EXP_NOINPUT);
    assert_false(exists(root, "out"));
    remove_tree(root);
    free(out);
    free(root);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_check_writes_nothing),
        cmocka_unit_test(test_write_only_the_formats_given),
        cmocka_unit_test(test_missing_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

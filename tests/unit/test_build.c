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

/* Each test's own folder: root holds the output folder out (not created by the test). */
struct place {
    char *root, *out;
};

static int make_place(void **state)
{
    struct place *p = calloc(1, sizeof *p);
    char tmpl[] = "/tmp/test_build.XXXXXX";
    if (!p || !mkdtemp(tmpl))
        return -1;
    p->root = strdup(tmpl);
    p->out = fsutil_join(p->root, "out");
    *state = p;
    return 0;
}

static int remove_place(void **state)
{
    struct place *p = *state;
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", p->root);
    int rc = system(cmd);
    free(p->out);
    free(p->root);
    free(p);
    return rc == 0 ? 0 : -1;
}

static enum exp_status run_quietly(const struct build_options *o)
{
    struct diag d;
    diag_init(&d, NULL, 0, 1);
    return build_run(o, &d);
}

static void test_check_writes_nothing(void **state)
{
    struct place *p = *state;
    struct build_options o = sample_options(p->out);
    o.mode = BUILD_CHECK;
    assert_int_equal(run_quietly(&o), EXP_OK);
    assert_false(exists(p->root, "out"));
    assert_false(exists(p->root, ".out.exporter"));
}

static void test_write_only_the_formats_given(void **state)
{
    struct place *p = *state;
    struct build_options o = sample_options(p->out);
    assert_int_equal(run_quietly(&o), EXP_OK);
    assert_true(exists(p->out, "comparison.csv"));
    assert_true(exists(p->out, "facts.csv"));
    assert_true(exists(p->out, "articles.csv"));
    assert_false(exists(p->out, "briefing.pdf"));
    assert_false(exists(p->out, "briefing.xlsx"));
    /* no_archive: no archive beside the set. */
    assert_false(exists(p->root, ".out.exporter/archive.sqlite"));
}

static void test_missing_input(void **state)
{
    struct place *p = *state;
    char *const missing[] = { "tests/no/such/folder", NULL };
    struct build_options o = sample_options(p->out);
    o.inputs = missing;
    assert_int_equal(run_quietly(&o), EXP_NOINPUT);
    assert_false(exists(p->root, "out"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_check_writes_nothing, make_place, remove_place),
        cmocka_unit_test_setup_teardown(test_write_only_the_formats_given, make_place,
                                        remove_place),
        cmocka_unit_test_setup_teardown(test_missing_input, make_place, remove_place),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

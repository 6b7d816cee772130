/* test_outset.c — output sets: the state folder's name, a set published whole, an aborted
 * set leaving the published one alone. (Kills and signals: tests/integration/output_set.sh.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "util/outset.h"

static void test_state_dir_for(void **state)
{
    (void)state;
    static const struct { const char *out, *state; } cases[] = {
        { "out", "./.out.exporter" }, { "out/", "./.out.exporter" },
        { "/srv/b/2026-W01/", "/srv/b/.2026-W01.exporter" }, { "/top", "/.top.exporter" },
        { "", NULL }, { ".", NULL }, { "..", NULL }, { "/", NULL }, { "a/..", NULL },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = output_set_state_dir_for(cases[i].out);
        if (!cases[i].state)
            assert_null(got);
        else
            assert_string_equal(got, cases[i].state);
        free(got);
    }
}

static char *read_all(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    char *s = calloc(1, 256);
    size_t n = fread(s, 1, 255, fp);
    s[n] = '\0';
    fclose(fp);
    return s;
}

static void write_set(const char *dir, const char *text, int commit)
{
    struct diag d;
    diag_init(&d, stderr, 0, 0);
    struct output_set *set = NULL;
    assert_int_equal(output_set_begin(dir, 0, &set, &d), EXP_OK);
    const char *names[] = { "a.csv", "b.pdf" };
    for (size_t i = 0; i < 2; i++) {
        struct atomic_file af;
        assert_int_equal(output_set_open(set, names[i], &af, &d), EXP_OK);
        fputs(text, af.fp);
        assert_int_equal(atomic_file_commit(&af, &d), EXP_OK);
    }
    if (commit)
        assert_int_equal(output_set_commit(set, &d), EXP_OK);
    else
        output_set_abort(set);
}

static void test_publish_and_abort(void **state)
{
    (void)state;
    char root[] = "/tmp/test_outset.XXXXXX";
    assert_non_null(mkdtemp(root));
    char out[64];
    snprintf(out, sizeof out, "%s/out", root);
    write_set(out, "first", 1);
    write_set(out, "second", 0);   /* aborted: the first set stays */
    char path[96];
    snprintf(path, sizeof path, "%s/b.pdf", out);
    char *s = read_all(path);
    assert_string_equal(s, "first");
    free(s);
    write_set(out, "third", 1);
    snprintf(path, sizeof path, "%s/a.csv", out);
    s = read_all(path);
    assert_string_equal(s, "third");
    free(s);
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    assert_int_equal(system(cmd), 0);
}

/* What a set replaces: the folder (behind its link, through any other link) and runs/; the
 * state folder beside it and everything else survive. */
static void test_would_replace(void **state)
{
    (void)state;
    char root[] = "/tmp/test_outset.XXXXXX";
    assert_non_null(mkdtemp(root));
    char out[64], path[160];
    snprintf(out, sizeof out, "%s/out", root);
    write_set(out, "first", 1);
    snprintf(path, sizeof path, "%s/alias", root);
    assert_int_equal(symlink("out", path), 0);
    static const struct { const char *rel; int replaced; } cases[] = {
        { "out/archive.sqlite", 1 }, { "out", 1 }, { "out/new/dir/a.sqlite", 1 },
        { "alias/a.sqlite", 1 }, { "x/../out/./a.sqlite", 1 }, { ".out.exporter/runs/a", 1 },
        { ".out.exporter/archive.sqlite", 0 }, { "out.sqlite", 0 }, { "outer/a", 0 },
        { "other/out/a", 0 }, { "x/../a.sqlite", 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", root, cases[i].rel);
        if (output_set_would_replace(out, path) != cases[i].replaced)
            fail_msg("%s: expected %d", cases[i].rel, cases[i].replaced);
    }
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_state_dir_for),
        cmocka_unit_test(test_publish_and_abort),
        cmocka_unit_test(test_would_replace),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

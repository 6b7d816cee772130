/* test_weekly_sections.c — the briefing's weekly sections as content (no fonts): coverage
 * fits the page at any number of publishers and entities, trend draws weeks with gaps and
 * says when there is nothing to compare, conflicts keep ties and internal contradictions
 * apart and stay bounded, every word overridable by the template. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "report/line_chart.h"
#include "report/summary.h"
#include "report/weekly_sections.h"
#include "util/buf.h"
#include "util/fsutil.h"

#define N_ENTITIES 20   /* e0 is the topic entity; e1..e19 are tracked */

struct fixture {
    char dir[64];
    struct template tpl;
    struct diag d;
    FILE *log;
};

/* A template of N_ENTITIES entities, e0 the topic; extra YAML appended under layout. */
static int load(struct fixture *fx, const char *layout)
{
    snprintf(fx->dir, sizeof fx->dir, "/tmp/test_weekly.XXXXXX");
    if (!mkdtemp(fx->dir))
        return -1;
    char *path = fsutil_join(fx->dir, "t.yaml");
    FILE *fp = fopen(path, "w");
    fputs("template: t\ntitle: T\nentities:\n", fp);
    for (int i = 0; i < N_ENTITIES; i++)
        fprintf(fp, "  - id: e%d\n    name: 대상%d\n%s", i, i, i == 0 ? "    topic: true\n" : "");
    fputs("columns:\n  - id: size\n    label: 크기(B)\n    type: quantity\n"
          "    units: [\"\", count]\n    unit_label: B\n    cues: [크기]\n", fp);
    if (layout)
        fprintf(fp, "layout:\n%s", layout);
    fclose(fp);
    fx->log = fopen("/dev/null", "w");
    diag_init(&fx->d, fx->log, 0, 1);
    int rc = template_load(path, &fx->d, &fx->tpl) == EXP_OK ? 0 : -1;
    free(path);
    return rc;
}

static int setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);
    *state = fx;
    return load(fx, NULL);
}

static int setup_labels(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);
    *state = fx;
    return load(fx, "  labels:\n    coverage_title: 매체별 기사\n    trend: 주간 흐름\n"
                    "    conflicts: 불일치\n    conflicts_tie: 같은 수\n"
                    "    coverage_other: 기타 매체\n");
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    template_free(&fx->tpl);
    fclose(fx->log);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx->dir);
    int rc = system(cmd);
    free(fx);
    return rc == 0 ? 0 : -1;
}

/* One article of `publisher` naming entity in n sentences. */
static void cover(struct coverage *c, const char *publisher, size_t entity, size_t n)
{
    struct fact_list l;
    memset(&l, 0, sizeof l);
    for (size_t s = 0; s < n; s++) {
        xgrow(&l.mentions, &l.mentions_cap, l.n_mentions + 1, sizeof *l.mentions);
        l.mentions[l.n_mentions++] = (struct mention){ entity, "a", s + 1 };
    }
    coverage_add(c, publisher, &l);
    free(l.mentions);
}

static const struct model_section *only_section(const struct model_doc *doc, const char *kind)
{
    assert_int_equal(doc->n_sections, 1);
    assert_string_equal(doc->sections[0].kind, kind);
    return &doc->sections[0];
}

static const struct model_block *find_block(const struct model_section *s,
                                            enum model_block_kind k, size_t nth)
{
    for (size_t i = 0; i < s->n_blocks; i++)
        if (s->blocks[i].kind == k && nth-- == 0)
            return &s->blocks[i];
    return NULL;
}

static char *cell_plain(const struct model_table *t, size_t r, size_t c)
{
    struct buf b = BUF_INIT;
    buf_puts(&b, "");
    model_text_plain(&t->cells[r * t->ncols + c].text, &b);
    return buf_detach(&b);
}

/* 9 publishers × 19 tracked entities (and the topic): the 5 biggest publishers, the rest in
 * one column; 15 entities, the rest in one row; the totals still add up. */
static void test_coverage_fits(void **state)
{
    struct fixture *fx = *state;
    struct coverage c;
    coverage_init(&c, &fx->tpl);
    static const char *const pubs[] = { "가", "나", "다", "라", "마", "바", "사", "아", "자" };
    size_t total = 0;
    for (size_t e = 0; e < N_ENTITIES; e++)
        for (size_t p = 0; p < 9; p++)
            for (size_t k = 0; k < (p == 8 ? 10 : p + 1); k++) {
                cover(&c, pubs[p], e, 2);
                total += e != 0;
            }
    coverage_finish(&c);
    struct weekly_sections w = { .tpl = &fx->tpl, .coverage = &c };
    struct model_doc doc;
    memset(&doc, 0, sizeof doc);
    weekly_sections_add(&doc, "coverage", &w);
    const struct model_section *s = only_section(&doc, "coverage");
    assert_string_equal(s->title, "언론사별 보도");
    const struct model_block *b = find_block(s, MODEL_TABLE, 0);
    assert_non_null(b);
    const struct model_table *t = b->table;
    assert_int_equal(t->ncols, 1 + WEEKLY_COVERAGE_PUBLISHERS + 1 + 2);
    assert_string_equal(t->cols[WEEKLY_COVERAGE_PUBLISHERS + 1].header, "그 밖의 언론사 (4)");
    assert_string_equal(t->cols[1].header, "자");   /* the most articles first */
    assert_string_equal(t->cols[2].header, "아");
    assert_int_equal(t->nrows, WEEKLY_COVERAGE_ROWS + 1);
    char *last = cell_plain(t, WEEKLY_COVERAGE_ROWS, 0);
    assert_string_equal(last, "그 밖의 대상 (4)");
    free(last);
    size_t sum = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        char *name = cell_plain(t, r, 0), *n = cell_plain(t, r, t->ncols - 2);
        assert_string_not_equal(name, "대상0");   /* the topic entity is left out */
        sum += strtoul(n, NULL, 10);
        free(name);
        free(n);
    }
    assert_int_equal(sum, total);
    model_free(&doc);
    coverage_free(&c);

    /* six publishers: all shown, no column of the rest */
    coverage_init(&c, &fx->tpl);
    for (size_t p = 0; p < 6; p++)
        cover(&c, pubs[p], 1, 1);
    coverage_finish(&c);
    memset(&doc, 0, sizeof doc);
    weekly_sections_add(&doc, "coverage", &w);
    t = find_block(&doc.sections[0], MODEL_TABLE, 0)->table;
    assert_int_equal(t->ncols, 1 + 6 + 2);
    assert_int_equal(t->nrows, 1);
    model_free(&doc);
    coverage_free(&c);

    /* nothing covered: one line */
    coverage_init(&c, &fx->tpl);
    coverage_finish(&c);
    memset(&doc, 0, sizeof doc);
    weekly_sections_add(&doc, "coverage", &w);
    assert_null(find_block(&doc.sections[0], MODEL_TABLE, 0));
    struct buf out = BUF_INIT;
    model_dump(&doc, &out);
    assert_non_null(strstr(out.data, "대상을 다룬 기사가 없다"));
    buf_free(&out);
    model_free(&doc);
    coverage_free(&c);
}

static void make_trend(struct trend *t, size_t n_weeks, const int *recorded)
{
    memset(t, 0, sizeof *t);
    t->n_weeks = n_weeks;
    t->weeks = calloc(n_weeks, sizeof *t->weeks);
    t->recorded = calloc(n_weeks, sizeof *t->recorded);
    for (size_t i = 0; i < n_weeks; i++) {
        t->weeks[i] = (struct date_week){ 2026, (int)i + 1 };
        t->recorded[i] = recorded[i];
        t->n_recorded += recorded[i] != 0;
    }
    t->n_entities = N_ENTITIES;
    t->mentions = calloc(N_ENTITIES * n_weeks, sizeof *t->mentions);
    for (size_t e = 0; e < N_ENTITIES; e++)
        for (size_t i = 0; i < n_weeks; i++)
            if (recorded[i] && e < 9)   /* e9.. never named */
                t->mentions[e * n_weeks + i] = e * 10 + i;
}

/* Three weeks, the middle one never run: a gap, not a zero; six lines at most, the most
 * mentioned, never the topic; the alt text gives every value. */
static void test_trend(void **state)
{
    struct fixture *fx = *state;
    struct trend t;
    make_trend(&t, 3, (const int[]){ 1, 0, 1 });
    struct weekly_sections w = { .tpl = &fx->tpl, .trend = &t };
    struct model_doc doc;
    memset(&doc, 0, sizeof doc);
    weekly_sections_add(&doc, "trend", &w);
    const struct model_section *s = only_section(&doc, "trend");
    assert_string_equal(s->title, "주별 언급 추이");
    const struct model_block *b = find_block(s, MODEL_LINES, 0);
    assert_non_null(b);
    const struct model_lines *l = b->lines;
    assert_int_equal(l->n_points, 3);
    assert_string_equal(l->points[0], "2026-W01");
    assert_int_equal(l->point_gap[1], 1);
    assert_int_equal(l->n_lines, WEEKLY_TREND_LINES);
    assert_string_equal(l->lines[0].label, "대상8");   /* the most mentions */
    for (size_t i = 0; i < l->n_lines; i++) {
        assert_string_not_equal(l->lines[i].label, "대상0");
        assert_int_equal(l->lines[i].present[1], 0);
    }
    assert_true(l->lines[0].values[2] == 82);
    assert_non_null(strstr(l->alt, "대상8: 2026-W01 80, 2026-W03 82."));
    assert_non_null(strstr(l->alt, "기록 없는 주: 2026-W02"));
    struct buf out = BUF_INIT;
    model_dump(&doc, &out);
    assert_non_null(strstr(out.data, "실행 기록이 없는 주"));   /* the gap is explained */
    buf_free(&out);
    model_free(&doc);
    trend_free(&t);

    /* one week only: one line, no chart */
    make_trend(&t, 1, (const int[]){ 1 });
    memset(&doc, 0, sizeof doc);
    weekly_sections_add(&doc, "trend", &w);
    assert_null(find_block(&doc.sections[0], MODEL_LINES, 0));
    model_dump(&doc, &out);
    assert_non_null(strstr(out.data, "이전 주 자료가 없어"));
    buf_free(&out);
    model_free(&doc);
    trend_free(&t);
}

static struct conflict_line line(size_t entity, enum conflict_kind kind, const char *value,
                                 int chosen, size_t articles, const char *article)
{
    return (struct conflict_line){ entity, 0, kind, (char *)value, chosen, articles,
                                   (char *)article, (char *)"신문", (char *)"문장이다.", 1 };
}

/* A disagreement (one value stated twice), a tie and an internal contradiction: each value
 * once with a sentence, the tie called a tie, the internal one in its own table. */
static void test_conflicts(void **state)
{
    struct fixture *fx = *state;
    struct conflict_line v[] = {
        line(1, CONFLICT_DISAGREEMENT, "500", 1, 2, "x"),
        line(1, CONFLICT_DISAGREEMENT, "500", 1, 2, "y"),
        line(1, CONFLICT_DISAGREEMENT, "519", 0, 1, "z"),
        line(2, CONFLICT_TIE, "10", 1, 1, "x"),
        line(2, CONFLICT_TIE, "12", 0, 1, "y"),
        line(3, CONFLICT_INTERNAL, "7", 1, 1, "x"),
        line(3, CONFLICT_INTERNAL, "8", 0, 1, "x"),
    };
    struct weekly_sections w = { .tpl = &fx->tpl, .conflicts = v, .n_conflicts = 7 };
    struct model_doc doc;
    memset(&doc, 0, sizeof doc);
    weekly_sections_add(&doc, "conflicts", &w);
    const struct model_section *s = only_section(&doc, "conflicts");
    const struct model_table *between = find_block(s, MODEL_TABLE, 0)->table;
    const struct model_table *internal = find_block(s, MODEL_TABLE, 1)->table;
    assert_int_equal(between->nrows, 4);   /* 500, 519, 10, 12 */
    assert_int_equal(internal->nrows, 2);
    char *c = cell_plain(between, 0, 1);
    assert_string_equal(c, "500B (기사 2건 · 표에 실은 값) “문장이다.” — 신문");
    free(c);
    c = cell_plain(internal, 1, 1);
    assert_string_equal(c, "8B “문장이다.” — 신문");
    free(c);
    c = cell_plain(between, 1, 0);
    assert_string_equal(c, "");   /* the cell is named once */
    free(c);
    c = cell_plain(between, 2, 0);
    assert_string_equal(c, "대상2 · 크기 (동수)");
    free(c);
    c = cell_plain(internal, 0, 0);
    assert_string_equal(c, "대상3 · 크기");
    free(c);
    model_free(&doc);

    /* more cells than the page takes: the first ones, the rest counted */
    struct conflict_line many[WEEKLY_CONFLICT_CELLS + 3];
    for (size_t i = 0; i < WEEKLY_CONFLICT_CELLS + 3; i++)
        many[i] = line(1 + i, CONFLICT_DISAGREEMENT, "1", 1, 1, "x");
    w.conflicts = many;
    w.n_conflicts = WEEKLY_CONFLICT_CELLS + 3;
    memset(&doc, 0, sizeof doc);
    weekly_sections_add(&doc, "conflicts", &w);
    assert_int_equal(find_block(&doc.sections[0], MODEL_TABLE, 0)->table->nrows,
                     WEEKLY_CONFLICT_CELLS);
    assert_null(find_block(&doc.sections[0], MODEL_TABLE, 1));
    struct buf out = BUF_INIT;
    model_dump(&doc, &out);
    assert_non_null(strstr(out.data, "그 밖의 엇갈림 3건은 conflicts.csv에 모두 있다."));
    buf_free(&out);
    model_free(&doc);

    /* one cell with many values (one article contradicting itself 1,000 times): a few
     * listed, the rest counted on a row of their own */
    static const char *const digits[] = { "1", "2", "3", "4", "5", "6", "7", "8", "9", "10" };
    struct conflict_line lots[10];
    for (size_t i = 0; i < 10; i++)
        lots[i] = line(1, CONFLICT_INTERNAL, digits[i], i == 0, 1, "x");
    w.conflicts = lots;
    w.n_conflicts = 10;
    memset(&doc, 0, sizeof doc);
    weekly_sections_add(&doc, "conflicts", &w);
    const struct model_table *lt = find_block(&doc.sections[0], MODEL_TABLE, 0)->table;
    assert_int_equal(lt->nrows, SUMMARY_CONFLICT_VALUES + 1);
    c = cell_plain(lt, SUMMARY_CONFLICT_VALUES, 1);
    char want[64];
    snprintf(want, sizeof want, "외 다른 값 %d개", 10 - SUMMARY_CONFLICT_VALUES);
    assert_string_equal(c, want);
    free(c);
    model_free(&doc);

    /* none: one line */
    w.n_conflicts = 0;
    memset(&doc, 0, sizeof doc);
    weekly_sections_add(&doc, "conflicts", &w);
    assert_int_equal(doc.sections[0].n_blocks, 2);   /* heading, one line */
    model_dump(&doc, &out);
    assert_non_null(strstr(out.data, "엇갈린 값이 없다"));
    buf_free(&out);
    model_free(&doc);
}

/* The template's labels replace every default. */
static void test_labels(void **state)
{
    struct fixture *fx = *state;
    struct coverage c;
    coverage_init(&c, &fx->tpl);
    static const char *const pubs[] = { "가", "나", "다", "라", "마", "바", "사" };
    for (size_t p = 0; p < 7; p++)
        cover(&c, pubs[p], 1, 1);
    coverage_finish(&c);
    struct trend t;
    make_trend(&t, 2, (const int[]){ 1, 1 });
    struct conflict_line v[] = { line(2, CONFLICT_TIE, "10", 1, 1, "x"),
                                 line(2, CONFLICT_TIE, "12", 0, 1, "y") };
    struct weekly_sections w = { .tpl = &fx->tpl, .coverage = &c, .trend = &t,
                                 .conflicts = v, .n_conflicts = 2 };
    struct model_doc doc;
    memset(&doc, 0, sizeof doc);
    weekly_sections_add(&doc, "coverage", &w);
    weekly_sections_add(&doc, "trend", &w);
    weekly_sections_add(&doc, "conflicts", &w);
    assert_int_equal(doc.n_sections, 3);
    assert_string_equal(doc.sections[0].title, "매체별 기사");
    assert_string_equal(doc.sections[1].title, "주간 흐름");
    assert_string_equal(doc.sections[2].title, "불일치");
    struct buf out = BUF_INIT;
    model_dump(&doc, &out);
    assert_non_null(strstr(out.data, "기타 매체 (2)"));
    assert_non_null(strstr(out.data, "(같은 수)"));
    assert_null(strstr(out.data, "동수"));
    buf_free(&out);
    model_free(&doc);
    trend_free(&t);
    coverage_free(&c);
}

/* End labels: pushed apart as little as needed, kept inside the plot. */
static void test_spread(void **state)
{
    (void)state;
    float y[] = { 10, 11, 12, 50 };
    line_chart_spread(y, 4, 5, 0, 100);
    assert_true(y[0] == 10 && y[1] == 15 && y[2] == 20 && y[3] == 50);
    float z[] = { 96, 97, 98 };
    line_chart_spread(z, 3, 5, 0, 100);
    assert_true(z[2] == 100 && z[1] == 95 && z[0] == 90);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_coverage_fits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_trend, setup, teardown),
        cmocka_unit_test_setup_teardown(test_conflicts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_labels, setup_labels, teardown),
        cmocka_unit_test(test_spread),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

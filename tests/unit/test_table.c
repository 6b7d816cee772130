/* test_table.c — merging facts into rows (majority, conflicts, order), the expected cells of
 * the five sample articles, and the comparison.csv / facts.csv writers. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "report/csv_out.h"
#include "extract/extract.h"
#include "merge/table.h"
#include "util/buf.h"
#include "util/cell_limit.h"
#include "../fixtures/fixtures.h"

static void add_fact(const struct template *tpl, struct fact_list *l, const char *entity,
                     const char *column, const char *value, const char *article, size_t sno)
{
    fixture_fact(tpl, l, entity, column, value, article, sno, NULL);
}

static const char *cell(const struct template *tpl, const struct table *t, const char *entity,
                        const char *column)
{
    const struct table_row *r = table_row_by_id(t, entity);
    assert_non_null(r);
    long c = template_column_index(tpl, column);
    assert_true(c >= 0);
    return r->cells[c].text;
}

/* ---- Merging ---- */

/* A run folds articles in as it reads them: the citations kept (the first
 * TABLE_MAX_CITATIONS by date, id, sentence) must not depend on that order. */
static void test_citations_whatever_the_order(void **state)
{
    (void)state;
    struct template tpl;
    fixture_template(FIXTURE_TEMPLATE, &tpl);
    struct fact_list fwd = { 0 }, rev = { 0 };
    size_t n = 3 * TABLE_MAX_CITATIONS;
    for (size_t i = 0; i < n; i++) {
        char id[16];
        snprintf(id, sizeof id, "art%03zu", i);
        add_fact(&tpl, &fwd, "skt", "params_total_b", "500", id, 1);
        snprintf(id, sizeof id, "art%03zu", n - 1 - i);
        add_fact(&tpl, &rev, "skt", "params_total_b", "500", id, 1);
    }
    struct table *a = table_new(&tpl), *b = table_new(&tpl);
    table_add(a, &fwd);
    for (size_t i = 0; i < rev.count; i++) {   /* one fact at a time, as articles arrive */
        struct fact_list one = rev;
        one.items = &rev.items[i];
        one.count = 1;
        one.n_mentions = 0;
        table_add(b, &one);
    }
    table_finish(a);
    table_finish(b);
    long tc = template_column_index(&tpl, "params_total_b");
    const struct table_value *va = &table_row_by_id(a, "skt")->cells[tc].values[0];
    const struct table_value *vb = &table_row_by_id(b, "skt")->cells[tc].values[0];
    assert_int_equal(va->n_citations, TABLE_MAX_CITATIONS);
    assert_int_equal(vb->n_citations, TABLE_MAX_CITATIONS);
    assert_int_equal(va->n_articles, n);
    for (size_t i = 0; i < TABLE_MAX_CITATIONS; i++) {
        char id[16];
        snprintf(id, sizeof id, "art%03zu", i);
        assert_string_equal(va->citations[i].article_id, id);
        assert_string_equal(vb->citations[i].article_id, id);
    }
    table_free(a);
    table_free(b);
    fact_list_free(&fwd);
    fact_list_free(&rev);
    template_free(&tpl);
}

static int by_id(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* An article id of 1 to 40 characters, some Hangul, one outside the BMP, from seed. */
static void random_id(unsigned *seed, size_t i, char *out, size_t cap)
{
    static const char *const parts[] = { "a", "zz", "기사", "m😀", "q_", "0" };
    *seed = *seed * 1103515245u + 12345u;
    size_t n = 1 + (*seed >> 16) % 12, len = 0;
    len += (size_t)snprintf(out, cap, "%zx-", i * 7919 % 10007);   /* distinct */
    for (size_t k = 0; k < n && len + 8 < cap; k++)
        len += (size_t)snprintf(out + len, cap - len, "%s", parts[(*seed >> (k % 16)) % 6]);
}

/* A week of thousands of articles: the table keeps a row's sources only as far as a cell
 * shows them, and that cell is the one the whole list would make (first ids in id order,
 * "… 외 N건" counting every other one), whatever order the articles come in; the first
 * sources by date are the whole list's. */
static void test_sources_kept_as_a_cell_shows_them(void **state)
{
    (void)state;
    struct template tpl;
    fixture_template(FIXTURE_TEMPLATE, &tpl);
    struct table *t = table_new(&tpl);
    enum { N = 10000 };   /* below 10007: random_id's prefix stays distinct */
    char **ids = xcalloc(N, sizeof *ids);
    char **dated = xcalloc(N, sizeof *dated);
    unsigned seed = 7;
    for (size_t i = 0; i < N; i++) {
        char id[128], date[40];
        random_id(&seed, i, id, sizeof id);
        snprintf(date, sizeof date, "2025-12-%02uT09:00:00+09:00", 1 + (seed >> 8) % 28);
        struct fact_list l = { 0 };
        add_fact(&tpl, &l, "skt", "params_total_b", "500", id, 1);
        add_fact(&tpl, &l, "skt", "params_active_b", "33", id, 2);   /* same article: once */
        table_add_article(t, &l, date);
        fact_list_free(&l);
        ids[i] = xstrdup(id);
        struct buf b = BUF_INIT;
        buf_printf(&b, "%s|%s", date, id);
        dated[i] = buf_detach(&b);
    }
    table_finish(t);
    qsort(ids, N, sizeof *ids, by_id);
    qsort(dated, N, sizeof *dated, by_id);
    struct buf all = BUF_INIT, scratch = BUF_INIT;
    for (size_t i = 0; i < N; i++)
        buf_printf(&all, "%s%s", i ? "; " : "", ids[i]);
    const struct table_row *skt = table_row_by_id(t, "skt");
    assert_int_equal(skt->n_sources, N);
    assert_int_equal(skt->n_articles, N);
    assert_true(skt->n_sources_kept < N / 2);   /* the rest were never kept */
    /* kept: exactly the first ids (in id order) that fit in a cell */
    size_t units = 0, fit = 0;
    while (fit < N && units + (fit ? 2 : 0) + cell_limit_length(ids[fit]) <= CELL_LIMIT_CHARS) {
        units += (fit ? 2 : 0) + cell_limit_length(ids[fit]);
        fit++;
    }
    assert_int_equal(skt->n_sources_kept, fit);
    for (size_t i = 0; i < fit; i++)
        assert_string_equal(skt->sources[i], ids[i]);
    assert_string_equal(skt->sources_text, cell_limit_fit(all.data, 1, CELL_LIMIT_CHARS,
                                                          &scratch, NULL));
    assert_non_null(strstr(skt->sources_text, "… 외 "));
    assert_int_equal(skt->n_first_sources, TABLE_MAX_CITATIONS);
    for (size_t i = 0; i < TABLE_MAX_CITATIONS; i++)
        assert_string_equal(skt->first_sources[i], strchr(dated[i], '|') + 1);
    for (size_t i = 0; i < N; i++) {
        free(ids[i]);
        free(dated[i]);
    }
    free(ids);
    free(dated);
    buf_free(&all);
    buf_free(&scratch);
    table_free(t);
    template_free(&tpl);
}

/* Once an id has dropped out of a full row, a larger one never gets in, however short: the
 * kept ids stay the first ones in id order (b00000 … then a gap would misquote the list). */
static void test_sources_never_skip_one(void **state)
{
    (void)state;
    struct template tpl;
    fixture_template(FIXTURE_TEMPLATE, &tpl);
    struct table *t = table_new(&tpl);
    char id[160];
    size_t n = 0;
    /* b00000 … b04095: 6 units each and "; " between them, one unit short of a full cell */
    for (; n < 4096; n++) {
        snprintf(id, sizeof id, "b%05zu", n);
        struct fact_list l = { 0 };
        add_fact(&tpl, &l, "skt", "params_total_b", "500", id, 1);
        table_add_article(t, &l, "2025-12-01T09:00:00+09:00");
        fact_list_free(&l);
    }
    memset(id, 'a', 100);   /* first in id order: pushes the last b ids out */
    id[100] = '\0';
    const char *late[] = { id, "c" };   /* "c": short enough for the room left, but after them */
    for (size_t k = 0; k < 2; k++, n++) {
        struct fact_list l = { 0 };
        add_fact(&tpl, &l, "skt", "params_total_b", "500", late[k], 1);
        table_add_article(t, &l, "2025-12-01T09:00:00+09:00");
        fact_list_free(&l);
    }
    table_finish(t);
    const struct table_row *skt = table_row_by_id(t, "skt");
    assert_int_equal(skt->n_sources, n);
    assert_string_equal(skt->sources[0], id);
    for (size_t i = 1; i < skt->n_sources_kept; i++) {
        snprintf(id, sizeof id, "b%05zu", i - 1);
        assert_string_equal(skt->sources[i], id);
    }
    assert_int_equal(skt->n_sources_kept, 1 + 4083);   /* 100 + 2 units took 13 b ids' room */
    table_free(t);
    template_free(&tpl);
}

static void test_majority_and_conflicts(void **state)
{
    (void)state;
    struct template tpl;
    fixture_template(FIXTURE_TEMPLATE, &tpl);
    struct fact_list l;
    memset(&l, 0, sizeof l);
    add_fact(&tpl, &l, "skt", "params_total_b", "500", "b", 1);
    add_fact(&tpl, &l, "skt", "params_total_b", "519", "b", 2);
    add_fact(&tpl, &l, "skt", "params_total_b", "500", "b", 3);   /* same article twice */
    add_fact(&tpl, &l, "skt", "params_total_b", "500", "a", 4);
    add_fact(&tpl, &l, "skt", "params_active_b", "33", "a", 4);
    add_fact(&tpl, &l, "upstage", "params_total_b", "100", "c", 1);
    add_fact(&tpl, &l, "upstage", "params_total_b", "102", "d", 1);   /* tie: larger wins */
    add_fact(&tpl, &l, "upstage", "params_active_b", "10.2", "d", 1);
    struct table *t = table_build(&tpl, &l);
    assert_string_equal(cell(&tpl, t, "skt", "params_total_b"), "500");
    assert_string_equal(cell(&tpl, t, "skt", "params_active_b"), "33");
    const struct table_row *skt = table_row_by_id(t, "skt");
    assert_string_equal(skt->conflicts, "params_total_b: 519 (1 article) vs 500 (2 articles)");
    assert_int_equal(skt->n_articles, 2);
    assert_string_equal(skt->sources_text, "a; b");
    long tc = template_column_index(&tpl, "params_total_b");
    assert_true(skt->cells[tc].is_number);
    assert_int_equal(skt->cells[tc].n_values, 2);
    assert_string_equal(skt->cells[tc].values[0].value, "500");   /* chosen first */
    assert_int_equal(skt->cells[tc].values[0].n_facts, 3);
    assert_int_equal(skt->cells[tc].values[0].n_citations, 3);
    /* citations in the article set's order (date, then id), whatever the facts' order */
    assert_string_equal(skt->cells[tc].values[0].citations[0].article_id, "a");
    assert_string_equal(skt->cells[tc].values[0].citations[1].article_id, "b");
    assert_int_equal(skt->cells[tc].values[0].citations[2].sentence_no, 3);
    assert_string_equal(cell(&tpl, t, "upstage", "params_total_b"), "102");
    assert_string_equal(table_row_by_id(t, "upstage")->conflicts,
                        "params_total_b: 102 (1 article) vs 100 (1 article)");
    /* a row without facts is still a row, with empty cells */
    assert_string_equal(cell(&tpl, t, "lg_ai", "params_total_b"), "");
    assert_int_equal(table_row_by_id(t, "lg_ai")->n_articles, 0);
    assert_null(table_row_by_id(t, "nobody"));
    assert_int_equal(t->n_rows, tpl.n_entities);
    table_free(t);
    table_free(NULL);
    fact_list_free(&l);
    template_free(&tpl);
}

static void test_numeric_order_is_exact(void **state)
{
    (void)state;
    struct template tpl;
    fixture_template(FIXTURE_TEMPLATE, &tpl);
    struct fact_list l;
    memset(&l, 0, sizeof l);
    static const char *const values[] = { "10.2", "9.75", "102", "10.25", "1000" };
    for (size_t i = 0; i < 5; i++)
        add_fact(&tpl, &l, "nc_ai", "params_total_b", values[i], "a", i + 1);
    struct table *t = table_build(&tpl, &l);
    /* all tie on support: the largest is chosen, and the conflict lists values descending */
    assert_string_equal(cell(&tpl, t, "nc_ai", "params_total_b"), "1000");
    assert_string_equal(table_row_by_id(t, "nc_ai")->conflicts,
                        "params_total_b: 1000 (1 article) vs 102 (1 article) vs 10.25 (1 article) "
                        "vs 10.2 (1 article) vs 9.75 (1 article)");
    table_free(t);
    fact_list_free(&l);
    template_free(&tpl);
}

static void test_lists_follow_template_order(void **state)
{
    (void)state;
    struct template tpl;
    fixture_template(FIXTURE_TEMPLATE, &tpl);
    struct fact_list l1, l2;
    memset(&l1, 0, sizeof l1);
    memset(&l2, 0, sizeof l2);
    add_fact(&tpl, &l1, "naver_cloud", "modalities", "video", "z", 1);
    add_fact(&tpl, &l1, "naver_cloud", "modalities", "text", "z", 1);
    add_fact(&tpl, &l1, "naver_cloud", "models", "하이퍼클로바X 시드 8B 옴니", "z", 1);
    add_fact(&tpl, &l2, "naver_cloud", "models", "하이퍼클로바X 시드 32B 싱크", "y", 2);
    add_fact(&tpl, &l2, "naver_cloud", "modalities", "audio", "y", 2);
    add_fact(&tpl, &l2, "skt", "partners", "SK AX", "y", 3);
    add_fact(&tpl, &l2, "naver_cloud", "architecture", "dense", "y", 4);
    add_fact(&tpl, &l2, "naver_cloud", "architecture", "MoE", "y", 5);
    add_fact(&tpl, &l1, "naver_cloud", "architecture", "MoE", "z", 2);
    add_fact(&tpl, &l2, "skt", "partners", "크래프톤", "y", 3);
    /* folded in two batches, as a streaming run does */
    struct table *t = table_new(&tpl);
    table_add(t, &l1);
    fact_list_free(&l1);
    table_add(t, &l2);
    fact_list_free(&l2);
    table_finish(t);
    assert_string_equal(cell(&tpl, t, "naver_cloud", "modalities"), "text; audio; video");
    assert_string_equal(cell(&tpl, t, "naver_cloud", "models"),
                        "하이퍼클로바X 시드 32B 싱크; 하이퍼클로바X 시드 8B 옴니");
    assert_string_equal(cell(&tpl, t, "skt", "partners"), "크래프톤; SK AX");
    /* a single-valued keyword column keeps the best supported value, the rest as a conflict */
    assert_string_equal(cell(&tpl, t, "naver_cloud", "architecture"), "MoE");
    assert_string_equal(table_row_by_id(t, "naver_cloud")->conflicts,
                        "architecture: MoE (2 articles) vs dense (1 article)");
    assert_string_equal(table_row_by_id(t, "naver_cloud")->sources_text, "y; z");
    assert_int_equal(t->n_facts, 10);
    table_free(t);
    template_free(&tpl);
}

/* ---- The five samples ---- */

struct samples {
    struct template tpl;
    struct fact_list facts;
    struct table *t;
    size_t n_articles;
};

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void run_samples(struct samples *s)
{
    memset(s, 0, sizeof *s);
    fixture_template(FIXTURE_TEMPLATE, &s->tpl);
    struct extractor *ex = extract_new(&s->tpl);
    DIR *dir = opendir("examples/articles");
    assert_non_null(dir);
    char *names[64];
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(dir)) && n < 64)
        if (strstr(de->d_name, ".txt"))
            names[n++] = xstrdup(de->d_name);
    closedir(dir);
    qsort(names, n, sizeof *names, by_name);
    struct diag d;
    diag_init(&d, NULL, 0, 1);
    for (size_t i = 0; i < n; i++) {
        char path[512];
        snprintf(path, sizeof path, "examples/articles/%s", names[i]);
        struct article a;
        struct article_options o = { 0 };
        assert_int_equal(article_parse_file(path, &o, &d, &a), EXP_OK);
        assert_int_equal(extract_article(ex, &a, &s->facts, &d), EXP_OK);
        article_free(&a);
        free(names[i]);
        s->n_articles++;
    }
    extract_free(ex);
    s->t = table_build(&s->tpl, &s->facts);
}

static void free_samples(struct samples *s)
{
    table_free(s->t);
    fact_list_free(&s->facts);
    template_free(&s->tpl);
}

static void test_sample_names_and_keywords(void **state)
{
    (void)state;
    struct samples s;
    run_samples(&s);
    const struct template *tpl = &s.tpl;
    assert_int_equal(s.n_articles, 5);
    assert_string_equal(cell(tpl, s.t, "skt", "flagship_model"), "A.X K1");
    assert_string_equal(cell(tpl, s.t, "upstage", "flagship_model"), "솔라 오픈 100B");
    assert_string_equal(cell(tpl, s.t, "lg_ai", "flagship_model"), "K-엑사원");
    assert_string_equal(cell(tpl, s.t, "nc_ai", "flagship_model"), "VAETKI");
    assert_string_equal(cell(tpl, s.t, "naver_cloud", "flagship_model"),
                        "하이퍼클로바X 시드 32B 싱크");
    assert_string_equal(cell(tpl, s.t, "naver_cloud", "models"),
                        "하이퍼클로바X 시드 32B 싱크; 하이퍼클로바X 시드 8B 옴니");
    const char *mod = cell(tpl, s.t, "naver_cloud", "modalities");
    assert_non_null(strstr(mod, "text"));
    assert_non_null(strstr(mod, "image"));
    assert_non_null(strstr(mod, "audio"));
    assert_non_null(strstr(cell(tpl, s.t, "skt", "partners"), "크래프톤"));
    assert_non_null(strstr(cell(tpl, s.t, "lg_ai", "partners"), "퓨리오사AI"));
    assert_non_null(strstr(cell(tpl, s.t, "nc_ai", "partners"), "현대오토에버"));
    assert_non_null(strstr(cell(tpl, s.t, "upstage", "partners"), "래블업"));
    for (size_t r = 0; r < s.t->n_rows; r++) {
        /* every organisation is named in all five articles */
        assert_int_equal(s.t->rows[r].n_articles, 5);
        assert_true(s.t->rows[r].n_mentions >= 5);
    }
    assert_string_equal(cell(tpl, s.t, "skt", "architecture"), "MoE");
    assert_string_equal(cell(tpl, s.t, "upstage", "architecture"), "MoE");
    assert_string_equal(cell(tpl, s.t, "nc_ai", "architecture"), "MoE");
    assert_string_equal(cell(tpl, s.t, "lg_ai", "architecture"), "MoE");
    free_samples(&s);
}

static void test_sample_figures(void **state)
{
    (void)state;
    struct samples s;
    run_samples(&s);
    const struct template *tpl = &s.tpl;
    /* SK텔레콤: A.X K1, total 500 with 519 recorded as a conflict, active 33 */
    assert_string_equal(cell(tpl, s.t, "skt", "params_total_b"), "500");
    assert_string_equal(cell(tpl, s.t, "skt", "params_active_b"), "33");
    assert_string_equal(table_row_by_id(s.t, "skt")->conflicts,
                        "params_total_b: 519 (1 article) vs 500 (4 articles)");
    /* 업스테이지: 100 (two articles) over 102 (one), the conflict recorded; active 10.2 */
    assert_string_equal(cell(tpl, s.t, "upstage", "params_total_b"), "100");
    assert_string_equal(cell(tpl, s.t, "upstage", "params_active_b"), "10.2");
    assert_string_equal(table_row_by_id(s.t, "upstage")->conflicts,
                        "params_total_b: 102 (1 article) vs 100 (2 articles)");
    /* LG AI연구원: K-엑사원 236, active not reported */
    assert_string_equal(cell(tpl, s.t, "lg_ai", "params_total_b"), "236");
    assert_string_equal(cell(tpl, s.t, "lg_ai", "params_active_b"), "");
    assert_string_equal(table_row_by_id(s.t, "lg_ai")->conflicts, "");
    /* NC AI: VAETKI 100 and 10 from 100B-A10 */
    assert_string_equal(cell(tpl, s.t, "nc_ai", "params_total_b"), "100");
    assert_string_equal(cell(tpl, s.t, "nc_ai", "params_active_b"), "10");
    assert_string_equal(table_row_by_id(s.t, "nc_ai")->conflicts, "");
    /* 네이버클라우드: the 32B flagship, no conflict with the 8B model */
    assert_string_equal(cell(tpl, s.t, "naver_cloud", "params_total_b"), "32");
    assert_string_equal(table_row_by_id(s.t, "naver_cloud")->conflicts, "");
    /* the programme */
    assert_string_equal(cell(tpl, s.t, "program", "budget_data_krw_bn"), "62.8");
    assert_string_equal(cell(tpl, s.t, "program", "budget_gpu_krw_bn"), "157.6");
    assert_string_equal(cell(tpl, s.t, "program", "budget_talent_krw_bn"), "25");
    assert_string_equal(cell(tpl, s.t, "program", "target_performance_pct"), "95");
    assert_string_equal(cell(tpl, s.t, "program", "presentation_date"), "2025-12-30");
    /* "1월" in two articles refines to "1월 15일" in two others: no conflict */
    assert_string_equal(cell(tpl, s.t, "program", "first_evaluation_date"), "2026-01-15");
    assert_string_equal(cell(tpl, s.t, "program", "final_selection_date"), "2027");
    assert_string_equal(table_row_by_id(s.t, "program")->conflicts,
                        "final_selection_date: 2027 (1 article) vs 2026..2027 (1 article)");
    /* nothing invented: no value anywhere from another party, a plan or the past */
    static const char *const never[] = { "120", "235", "38", "1000", "200", "300", "30",
                                         "10.7", "20", "7", "8", "2", "1" };
    for (size_t i = 0; i < s.facts.count; i++) {
        const struct fact *f = &s.facts.items[i];
        if (strncmp(tpl->columns[f->column].id, "params_", 7))
            continue;
        for (size_t k = 0; k < sizeof never / sizeof never[0]; k++)
            if (!strcmp(f->value, never[k]))
                fail_msg("%s %s = %s invented from %s#%zu: %s", tpl->entities[f->entity].id,
                         tpl->columns[f->column].id, f->value, f->article_id, f->sentence_no,
                         f->sentence);
    }
    free_samples(&s);
}

/* ---- A second topic: no C change, only a template ---- */

static void test_second_topic(void **state)
{
    (void)state;
    struct template tpl;
    struct diag d;
    diag_init(&d, NULL, 0, 1);
    assert_int_equal(template_load("tests/cases/battery/template.yaml", &d, &tpl), EXP_OK);
    struct extractor *ex = extract_new(&tpl);
    struct fact_list l;
    memset(&l, 0, sizeof l);
    static const char *const files[] = { "bt_0001", "bt_0002", "bt_0003" };
    for (size_t i = 0; i < 3; i++) {
        char path[256];
        snprintf(path, sizeof path, "tests/cases/battery/articles/%s.txt", files[i]);
        struct article a;
        struct article_options o = { 0 };
        assert_int_equal(article_parse_file(path, &o, &d, &a), EXP_OK);
        assert_int_equal(extract_article(ex, &a, &l, &d), EXP_OK);
        article_free(&a);
    }
    struct table *t = table_build(&tpl, &l);
    assert_string_equal(cell(&tpl, t, "lges", "flagship_product"), "46시리즈");
    assert_string_equal(cell(&tpl, t, "sdi", "flagship_product"), "PRiMX");
    assert_string_equal(cell(&tpl, t, "skon", "flagship_product"), "SF 배터리");
    assert_string_equal(cell(&tpl, t, "sdi", "hq"), "용인");
    assert_string_equal(cell(&tpl, t, "lges", "chemistries"), "NCM; LFP");
    assert_string_equal(cell(&tpl, t, "sdi", "chemistries"), "");   /* 전고체 is a goal */
    assert_string_equal(cell(&tpl, t, "skon", "chemistries"), "NCM");
    assert_string_equal(cell(&tpl, t, "lges", "customers"), "GM; 테슬라; 리비안");
    assert_string_equal(cell(&tpl, t, "sdi", "customers"), "스텔란티스; BMW");
    assert_string_equal(cell(&tpl, t, "skon", "customers"), "현대차; 포드");
    assert_string_equal(table_row_by_id(t, "sdi")->sources_text, "bt_0002");
    assert_string_equal(table_row_by_id(t, "lges")->sources_text, "bt_0001; bt_0003");
    assert_string_equal(cell(&tpl, t, "lges", "investment_krw_tn"), "3");   /* not 10 */
    assert_string_equal(cell(&tpl, t, "sdi", "investment_krw_tn"), "2");
    assert_string_equal(cell(&tpl, t, "lges", "employees"), "30000");
    assert_string_equal(cell(&tpl, t, "skon", "employees"), "4000");
    /* CATL's 37.9 and Panasonic's 5.2 stay out */
    assert_string_equal(cell(&tpl, t, "lges", "market_share_pct"), "13.1");
    assert_string_equal(cell(&tpl, t, "sdi", "market_share_pct"), "4.5");
    assert_string_equal(cell(&tpl, t, "skon", "market_share_pct"), "4.4");
    for (size_t r = 0; r < t->n_rows; r++)
        assert_string_equal(t->rows[r].conflicts, "");
    table_free(t);
    fact_list_free(&l);
    extract_free(ex);
    template_free(&tpl);
}

/* ---- CSV ---- */

static char *write_to_string(enum exp_status (*fn)(FILE *, const void *, const void *),
                             const void *a, const void *b)
{
    char *out = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&out, &len);
    assert_int_equal(fn(mem, a, b), EXP_OK);
    fclose(mem);
    return out;
}

static enum exp_status comparison(FILE *fp, const void *t, const void *unused)
{
    (void)unused;
    return csv_out_write_comparison(fp, t);
}

static enum exp_status facts(FILE *fp, const void *tpl, const void *l)
{
    csv_out_facts_begin(fp);
    csv_out_write_facts_rows(fp, tpl, l);
    return ferror(fp) ? EXP_IOERR : EXP_OK;
}

static void test_csv_outputs(void **state)
{
    (void)state;
    struct template tpl;
    fixture_template(FIXTURE_TEMPLATE, &tpl);
    struct fact_list l;
    memset(&l, 0, sizeof l);
    add_fact(&tpl, &l, "skt", "params_total_b", "500", "029_0003001728", 12);
    add_fact(&tpl, &l, "skt", "params_total_b", "519", "015_0005230666", 13);
    add_fact(&tpl, &l, "skt", "models", "A.X K1", "029_0003001728", 12);
    struct table *t = table_build(&tpl, &l);
    char *csv = write_to_string(comparison, t, NULL);
    const char *header = "\xEF\xBB\xBF\"entity_id\",\"entity\",\"entity_en\",\"flagship_model\","
                         "\"models\",\"params_total_b\",\"params_active_b\",\"architecture\","
                         "\"modalities\",\"partners\",\"budget_data_krw_bn\","
                         "\"budget_gpu_krw_bn\",\"budget_talent_krw_bn\","
                         "\"target_performance_pct\",\"presentation_date\","
                         "\"first_evaluation_date\",\"final_selection_date\",\"articles\","
                         "\"mentions\",\"conflicts\","
                         "\"sources\"\r\n";
    assert_memory_equal(csv, header, strlen(header));
    /* tie on support: the larger value; numbers unquoted, lists quoted */
    assert_non_null(strstr(csv, "\"skt\",\"SK텔레콤\",\"SK Telecom\",,\"A.X K1\",519,,,,,,,,,,,,2,0,"
                                "\"params_total_b: 519 (1 article) vs 500 (1 article)\","
                                "\"015_0005230666; 029_0003001728\"\r\n"));
    assert_non_null(strstr(csv, "\"program\",\"독자 AI 파운데이션 모델 프로젝트\""));
    free(csv);
    csv = write_to_string(facts, &tpl, &l);
    assert_non_null(strstr(csv, "\"entity_id\",\"column\",\"value\",\"unit\",\"qualifier\","
                                "\"raw_text\",\"article_id\",\"publisher\",\"published_at\","
                                "\"sentence_no\",\"sentence\"\r\n"));
    assert_non_null(strstr(csv, "\"skt\",\"params_total_b\",500,,,\"500\",\"029_0003001728\","
                                "\"p\",,12,\"s\"\r\n"));
    free(csv);
    table_free(t);
    fact_list_free(&l);
    template_free(&tpl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sources_kept_as_a_cell_shows_them),
        cmocka_unit_test(test_sources_never_skip_one),
        cmocka_unit_test(test_majority_and_conflicts),
        cmocka_unit_test(test_citations_whatever_the_order),
        cmocka_unit_test(test_numeric_order_is_exact),
        cmocka_unit_test(test_lists_follow_template_order),
        cmocka_unit_test(test_sample_names_and_keywords),
        cmocka_unit_test(test_sample_figures),
        cmocka_unit_test(test_second_topic),
        cmocka_unit_test(test_csv_outputs),
    };
    return cmocka_run_group_tests_name("table", tests, NULL, NULL);
}

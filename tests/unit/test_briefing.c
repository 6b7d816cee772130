/* test_briefing.c — the briefing PDF from a template, a table, facts and articles built in
 * memory: links to every source, bookmarks, document info, determinism, bad text repaired. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pdf_expand.h"

#include "report/briefing.h"
#include "../fixtures/fixtures.h"

static const void *find(const void *hay, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; n <= len && i <= len - n; i++)
        if (memcmp((const char *)hay + i, needle, n) == 0)
            return (const char *)hay + i;
    return NULL;
}

static size_t count(const void *hay, size_t len, const char *needle)
{
    size_t n = 0;
    const char *p = hay, *end = (const char *)hay + len;
    while ((p = find(p, (size_t)(end - p), needle)) != NULL) {
        n++;
        p++;
    }
    return n;
}

static void add_article(struct article_set *set, const char *id, const char *title,
                        const char *publisher, const char *date, const char *url,
                        const char *file)
{
    xgrow(&set->items, &set->cap, set->count + 1, sizeof *set->items);
    struct article *a = &set->items[set->count++];
    memset(a, 0, sizeof *a);
    a->id = xstrdup(id);
    a->title = xstrdup(title);
    a->publisher = xstrdup(publisher);
    a->published_at = xstrdup(date);
    a->url = xstrdup(url);
    a->source_file = xstrdup(file);
    a->people = xcalloc(1, sizeof *a->people);
    a->people[0] = (struct person){ xstrdup("이혜선"), xstrdup("기자"), xstrdup(""),
                                    xstrdup("hslee@dt.co.kr") };
    a->n_people = 1;
}

static void add_fact(const struct template *tpl, struct fact_list *l, const char *entity,
                     const char *column, const char *value, const char *article, size_t sno,
                     const char *sentence)
{
    fixture_fact(tpl, l, entity, column, value, article, sno, sentence);
}

struct fixture {
    struct template tpl;
    struct article_set set;
    struct fact_list facts;
    struct table *table;
    struct quotes *quotes;
};

static void fixture_init(struct fixture *fx)
{
    memset(fx, 0, sizeof *fx);
    fixture_template(FIXTURE_TEMPLATE, &fx->tpl);
    add_article(&fx->set, "029_0003001728", "한국형 초거대 AI 경쟁 본격화…30일 ‘첫 시험대’ 오른다",
                "디지털타임스", "2025-12-28T00:00:00+09:00",
                "https://n.news.naver.com/mnews/article/029/0003001728", "articles/000.txt");
    add_article(&fx->set, "030_1", "업스테이지, 솔라 오픈 공개 \xff", "전자신문",
                "2025-12-30T12:00:00+09:00", "https://example.kr/a?id=1&b=2", "articles/001.txt");
    const struct template *tpl = &fx->tpl;
    add_fact(tpl, &fx->facts, "skt", "params_total_b", "500", "029_0003001728", 3,
             "SK텔레콤은 매개변수 5000억개(500B) 규모의 A.X K1을 공개한다.");
    add_fact(tpl, &fx->facts, "skt", "params_total_b", "519", "030_1", 4,
             "A.X K1은 총 5190억개의 매개변수로 구성됐다.");
    add_fact(tpl, &fx->facts, "skt", "params_total_b", "500", "030_1", 5, "또 500B.");
    add_fact(tpl, &fx->facts, "skt", "params_active_b", "33", "030_1", 4,
             "A.X K1은 총 5190억개의 매개변수로 구성됐다.");
    add_fact(tpl, &fx->facts, "upstage", "params_total_b", "100", "030_1", 1,
             "업스테이지는 Solar Open 100B를 공개했다. 없는 글자 \xF0\x9F\x98\x80 도 그린다.");
    add_fact(tpl, &fx->facts, "upstage", "architecture", "MoE", "030_1", 1,
             "업스테이지는 Solar Open 100B를 공개했다. 없는 글자 \xF0\x9F\x98\x80 도 그린다.");
    add_fact(tpl, &fx->facts, "program", "budget_gpu_krw_bn", "157.6", "029_0003001728", 6,
             "GPU 지원에 1576억 원.");
    fx->table = table_build(tpl, &fx->facts);
    fx->quotes = quotes_new(tpl, 8);
    quotes_add(fx->quotes, &fx->facts);
}

static void fixture_free(struct fixture *fx)
{
    table_free(fx->table);
    quotes_free(fx->quotes);
    fact_list_free(&fx->facts);
    article_set_free(&fx->set);
    template_free(&fx->tpl);
}

static char *write_pdf(const struct fixture *fx, const char *week, size_t *len, char **log)
{
    struct date_period p;
    char why[128];
    struct date_period_spec spec = { week, NULL, NULL, NULL };
    assert_int_equal(date_period_resolve(&spec, 20000, &p, why, sizeof why), 0);
    struct briefing_input in = { .set = &fx->set, .tpl = &fx->tpl, .table = fx->table,
                                 .quotes = fx->quotes, .period = &p };
    char *pdf = NULL;
    size_t log_len = 0;
    FILE *lf = open_memstream(log, &log_len);
    FILE *pf = open_memstream(&pdf, len);
    struct diag d;
    diag_init(&d, lf, 0, 0);
    assert_int_equal(briefing_write(pf, &in, &d), EXP_OK);
    fclose(pf);
    fclose(lf);
    /* the dictionaries sit in deflated object streams: search them inflated */
    char *expanded = pdf_expand(pdf, *len, len);
    free(pdf);
    return expanded;
}

static void test_briefing_pdf(void **state)
{
    (void)state;
    struct fixture fx;
    fixture_init(&fx);
    size_t len;
    char *log = NULL;
    char *pdf = write_pdf(&fx, NULL, &len, &log);
    assert_memory_equal(pdf, "%PDF-1.", 7);
    assert_non_null(find(pdf, len, "%%EOF"));
    /* one borderless URI link per source, and none else */
    assert_int_equal(count(pdf, len, "/S /URI"), 2);
    /* libharu writes "/" as \057 inside the string */
    assert_non_null(find(pdf, len, "(https:\\057\\057n.news.naver.com\\057mnews\\057article"
                                   "\\057029\\0570003001728)"));
    assert_non_null(find(pdf, len, "(https:\\057\\057example.kr\\057a?id=1&b=2)"));
    assert_int_equal(count(pdf, len, "/Subtype /Link"), count(pdf, len, "/Border [ 0 0 0 ]"));
    /* citation markers, the conflict mark and the chart's names jump inside the document */
    assert_true(count(pdf, len, "/Subtype /Link\n/Dest ") > 10);
    assert_non_null(find(pdf, len, "/Outlines"));
    assert_non_null(find(pdf, len, "/Creator"));
    assert_non_null(find(pdf, len, "/Keywords"));
    assert_non_null(find(pdf, len, "/Subject"));
    /* the invalid byte in a title is named with its article; the emoji with its fact's text */
    assert_non_null(strstr(log, "articles/001.txt: warning: invalid UTF-8"));
    assert_non_null(strstr(log, "warning: no font has U+1F600"));
    const char *keep = getenv("BRIEFING_TEST_OUT");
    if (keep) {
        FILE *fp = fopen(keep, "wb");
        if (fp) {
            fwrite(pdf, 1, len, fp);
            fclose(fp);
        }
    }
    /* the same inputs give the same bytes */
    size_t len2;
    char *log2 = NULL;
    char *pdf2 = write_pdf(&fx, NULL, &len2, &log2);
    assert_int_equal(len, len2);
    assert_memory_equal(pdf, pdf2, len);
    free(pdf2);
    free(log2);
    free(pdf);
    free(log);
    fixture_free(&fx);
}

static void test_period(void **state)
{
    (void)state;
    struct fixture fx;
    fixture_init(&fx);
    struct briefing_input in = { .set = &fx.set, .tpl = &fx.tpl, .table = fx.table,
                                 .quotes = fx.quotes };
    struct model_period mp;
    briefing_resolve_period(&in, &mp);
    assert_string_equal(mp.first, "2025-12-28");
    assert_string_equal(mp.last, "2025-12-30");
    assert_false(mp.is_week);
    struct date_period p;
    char why[128];
    struct date_period_spec week = { "2026-W01", NULL, NULL, NULL };
    assert_int_equal(date_period_resolve(&week, 20000, &p, why, sizeof why), 0);
    in.period = &p;
    briefing_resolve_period(&in, &mp);
    assert_string_equal(mp.first, "2025-12-29");
    assert_string_equal(mp.last, "2026-01-04");
    assert_true(mp.is_week);
    assert_string_equal(mp.week, "2026-W01");
    struct date_period_spec range = { NULL, "2025-12-01", "2025-12-07", NULL };
    assert_int_equal(date_period_resolve(&range, 20000, &p, why, sizeof why), 0);
    briefing_resolve_period(&in, &mp);
    assert_string_equal(mp.first, "2025-12-01");
    assert_string_equal(mp.last, "2025-12-07");
    long long epoch;
    int generated;
    struct corpus_summary corpus;
    corpus_summary_of_set(&corpus, &fx.set);
    unsetenv("SOURCE_DATE_EPOCH");
    briefing_as_of(&corpus, &epoch, &generated);
    assert_true(epoch == 1767063600LL);   /* the newest article: an as-of time */
    assert_false(generated);
    setenv("SOURCE_DATE_EPOCH", "1767052800", 1);
    briefing_as_of(&corpus, &epoch, &generated);
    assert_true(epoch == 1767052800LL);
    assert_true(generated);
    unsetenv("SOURCE_DATE_EPOCH");
    corpus_summary_free(&corpus);
    fixture_free(&fx);
}

static void test_empty_letter_briefing(void **state)
{
    (void)state;
    struct fixture fx;
    fixture_init(&fx);
    free(fx.tpl.layout.page_size);
    fx.tpl.layout.page_size = xstrdup("Letter");
    struct article_set none = { 0 };
    struct fact_list no_facts = { 0 };
    struct table *t = table_build(&fx.tpl, &no_facts);
    struct quotes *no_quotes = quotes_new(&fx.tpl, 8);
    struct briefing_input in = { .set = &none, .tpl = &fx.tpl, .table = t, .quotes = no_quotes };
    char *pdf = NULL;
    size_t pdf_len = 0;
    FILE *pf = open_memstream(&pdf, &pdf_len);
    struct diag d;
    diag_init(&d, stderr, 0, 0);
    assert_int_equal(briefing_write(pf, &in, &d), EXP_OK);
    fclose(pf);
    char *expanded = pdf_expand(pdf, pdf_len, &pdf_len);
    free(pdf);
    pdf = expanded;
    assert_non_null(find(pdf, pdf_len, "/MediaBox [ 0 0 612 792 ]"));
    assert_int_equal(count(pdf, pdf_len, "/S /URI"), 0);
    free(pdf);
    table_free(t);
    quotes_free(no_quotes);
    fixture_free(&fx);
}

/* Page size and orientation come from the template's layout. */
static void test_page_sizes(void **state)
{
    (void)state;
    static const struct { const char *size, *orientation, *media; } cases[] = {
        { "A5", "portrait", "/MediaBox [ 0 0 419.5" },
        { "A4", "landscape", "/MediaBox [ 0 0 841.8" },
        { "Legal", "portrait", "/MediaBox [ 0 0 612 1008" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct fixture fx;
        fixture_init(&fx);
        free(fx.tpl.layout.page_size);
        free(fx.tpl.layout.orientation);
        fx.tpl.layout.page_size = xstrdup(cases[i].size);
        fx.tpl.layout.orientation = xstrdup(cases[i].orientation);
        size_t len;
        char *log = NULL;
        char *pdf = write_pdf(&fx, NULL, &len, &log);
        if (!find(pdf, len, cases[i].media))
            fail_msg("%s %s: no %s", cases[i].size, cases[i].orientation, cases[i].media);
        free(pdf);
        free(log);
        fixture_free(&fx);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_briefing_pdf),
        cmocka_unit_test(test_period),
        cmocka_unit_test(test_empty_letter_briefing),
        cmocka_unit_test(test_page_sizes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

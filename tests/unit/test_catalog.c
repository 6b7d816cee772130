/* test_catalog.c — the run's article catalog: duplicates by id, url and body found through
 * digests (the message names the first file, read back from the spill file), the corpus
 * summary, and the cited articles read back so that the briefing built from them and the
 * summary is the briefing built from every article. Own small template (quarterly results). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <malloc.h>

#include "merge/catalog.h"
#include "report/model.h"
#include "util/buf.h"
#include "util/date.h"

static const char TEMPLATE[] =
    "template: results\n"
    "title: 분기 실적\n"
    "entities:\n"
    "  - {id: alpha, name: 알파전자}\n"
    "  - {id: beta, name: 베타화학}\n"
    "  - {id: gamma, name: 감마제약}\n"
    "columns:\n"
    "  - {id: revenue, label: 매출(억 원), type: quantity, units: [KRW], scale: 8, unit_label: 억 원,\n"
    "     cues: [매출]}\n"
    "  - {id: profit, label: 영업이익(억 원), type: quantity, units: [KRW], scale: 8,\n"
    "     unit_label: 억 원, cues: [영업이익]}\n"
    "layout:\n"
    "  title: 분기 실적 브리핑\n"
    "  sections: [title, summary, table, chart, entities, sources]\n"
    "  table_columns: [entity, revenue, profit, sources]\n"
    "  chart_columns: [revenue, profit]\n";

static struct article make_article(const char *id, const char *url, const char *body_hash,
                                   const char *publisher, const char *date, const char *file)
{
    struct article a;
    memset(&a, 0, sizeof a);
    a.id = xstrdup(id);
    a.title = xstrdup(id);
    a.publisher = xstrdup(publisher);
    a.published_at = xstrdup(date);
    a.url = xstrdup(url);
    a.computed_hash = xstrdup(body_hash);
    a.content_hash = xstrdup(body_hash);
    a.source_file = xstrdup(file);
    a.category = xstrdup("");
    a.crawled_at = xstrdup("");
    a.oid = xstrdup("");
    a.aid = xstrdup("");
    a.people = xcalloc(1, sizeof *a.people);
    a.people[0] = (struct person){ xstrdup("김기자"), xstrdup("기자"), xstrdup(""), xstrdup("") };
    a.n_people = 1;
    return a;
}

/* The diag's messages so far. */
struct sink {
    struct diag d;
    FILE *fp;
    char *text;
    size_t len;
};

static void sink_open(struct sink *s)
{
    s->fp = open_memstream(&s->text, &s->len);
    diag_init(&s->d, s->fp, 0, 0);
}

static void sink_close(struct sink *s)
{
    fclose(s->fp);
    free(s->text);
}

static void test_duplicates(void **state)
{
    (void)state;
    struct sink s;
    sink_open(&s);
    struct catalog *c = catalog_new(&s.d);
    assert_non_null(c);
    struct article a[] = {
        make_article("a1", "https://x.kr/1", "h1", "한빛일보", "2025-12-28T09:00:00+09:00", "one.txt"),
        make_article("a1", "https://x.kr/2", "h2", "한빛일보", "2025-12-28T09:00:00+09:00", "two.txt"),
        make_article("a3", "https://x.kr/1", "h3", "한빛일보", "2025-12-28T09:00:00+09:00", "three.txt"),
        make_article("a4", "https://x.kr/4", "h1", "한빛일보", "2025-12-28T09:00:00+09:00", "four.txt"),
        make_article("a5", "", "", "누리경제", "2025-12-29T09:00:00+09:00", "five.txt"),
        make_article("a6", "", "", "누리경제", "2025-12-29T09:00:00+09:00", "six.txt"),
    };
    int added[6];
    for (size_t i = 0; i < 6; i++)
        added[i] = catalog_add(c, &a[i], &s.d);
    fflush(s.fp);
    assert_int_equal(added[0], 1);
    assert_int_equal(added[1], 0);   /* same id */
    assert_int_equal(added[2], 0);   /* same url */
    assert_int_equal(added[3], 0);   /* same body: never compared once the text is gone */
    assert_int_equal(added[4], 1);   /* no url and no body hash: nothing to compare */
    assert_int_equal(added[5], 1);
    assert_int_equal(catalog_count(c), 3);
    assert_non_null(strstr(s.text, "two.txt: warning: duplicate of one.txt (same id)"));
    assert_non_null(strstr(s.text, "three.txt: warning: duplicate of one.txt (same url)"));
    assert_non_null(strstr(s.text, "four.txt: warning: duplicate of one.txt (same content)"));
    for (size_t i = 0; i < 6; i++)
        article_free(&a[i]);
    catalog_free(c);
    sink_close(&s);
}

static void test_summary(void **state)
{
    (void)state;
    struct sink s;
    sink_open(&s);
    struct catalog *c = catalog_new(&s.d);
    struct article a[] = {
        make_article("a1", "u1", "h1", "한빛일보", "2025-12-28T23:30:00+09:00", "1.txt"),
        make_article("a2", "u2", "h2", "누리경제", "2025-12-30T00:30:00+09:00", "2.txt"),
        make_article("a3", "u3", "h3", "", "", "3.txt"),
        make_article("a4", "u4", "h4", "한빛일보", "2025-12-29T16:00:00Z", "4.txt"),
    };
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(catalog_add(c, &a[i], &s.d), 1);
    const struct corpus_summary *sum = catalog_summary(c);
    assert_int_equal(sum->n_articles, 4);
    char first[11], last[11];
    date_format_day(sum->first_day, first);
    date_format_day(sum->last_day, last);
    assert_string_equal(first, "2025-12-28");
    assert_string_equal(last, "2025-12-30");   /* 16:00Z is 01:00 the next day in Korea */
    /* 2025-12-29T16:00Z: the newest instant, though "2025-12-30T00:30+09:00" sorts later */
    assert_true(sum->newest == 1767024000LL);
    assert_int_equal(sum->n_publishers, 3);
    assert_int_equal(corpus_summary_publisher(sum, "한빛일보")->articles, 2);
    assert_int_equal(corpus_summary_publisher(sum, "")->articles, 1);
    assert_null(corpus_summary_publisher(sum, "없는신문"));
    for (size_t i = 0; i < 4; i++)
        article_free(&a[i]);
    catalog_free(c);
    sink_close(&s);
}

/* ---- The briefing from the cited articles equals the briefing from all ---- */

static void add_fact(const struct template *tpl, struct fact_list *l, const char *entity,
                     const char *column, const char *value, const struct article *a)
{
    xgrow(&l->items, &l->cap, l->count + 1, sizeof *l->items);
    struct fact *f = &l->items[l->count++];
    memset(f, 0, sizeof *f);
    f->entity = (size_t)template_entity_index(tpl, entity);
    f->column = (size_t)template_column_index(tpl, column);
    f->model = EXTRACT_NO_MODEL;
    f->value = fact_list_intern(l, value, strlen(value));
    f->is_number = 1;
    f->unit = "";
    f->raw_text = f->value;
    f->article_id = fact_list_intern(l, a->id, strlen(a->id));
    f->publisher = fact_list_intern(l, a->publisher, strlen(a->publisher));
    f->published_at = fact_list_intern(l, a->published_at, strlen(a->published_at));
    f->sentence_no = 1;
    f->sentence = fact_list_intern(l, a->title, strlen(a->title));
}

static void add_mention(struct fact_list *l, const struct template *tpl, const char *entity,
                        const struct article *a)
{
    xgrow(&l->mentions, &l->mentions_cap, l->n_mentions + 1, sizeof *l->mentions);
    l->mentions[l->n_mentions++] = (struct mention){
        (size_t)template_entity_index(tpl, entity), fact_list_intern(l, a->id, strlen(a->id)), 1 };
}

/* The facts of article i of the corpus below: alpha's revenue in most (two values: a
 * conflict), beta's profit in a few, gamma only named (no fact) in the last ones. */
static void article_facts(const struct template *tpl, const struct article *a, size_t i,
                          struct fact_list *l)
{
    if (i < 30)
        add_fact(tpl, l, "alpha", "revenue", i % 3 ? "100" : "120", a);
    if (i % 11 == 4)
        add_fact(tpl, l, "beta", "profit", "7", a);
    if (i >= 30)
        add_mention(l, tpl, "gamma", a);
}

static char *dump_model(const struct template *tpl, const struct article_set *set,
                        const struct corpus_summary *corpus, const struct table *t,
                        const struct quotes *q)
{
    struct model_period period = { 0 };
    snprintf(period.first, sizeof period.first, "2025-12-01");
    snprintf(period.last, sizeof period.last, "2025-12-31");
    struct model_input in = { .set = set, .corpus = corpus, .tpl = tpl, .table = t, .quotes = q,
                              .period = &period, .as_of = 0, .version = "9.9" };
    struct model_doc doc;
    model_build(&in, &doc);
    struct buf b = BUF_INIT;
    model_dump(&doc, &b);
    model_free(&doc);
    return buf_detach(&b);
}

static void test_citable_gives_the_same_briefing(void **state)
{
    (void)state;
    struct sink s;
    sink_open(&s);
    struct template tpl;
    assert_int_equal(template_load_buffer("t.yaml", TEMPLATE, strlen(TEMPLATE), &s.d, &tpl),
                     EXP_OK);
    struct catalog *c = catalog_new(&s.d);
    struct article_set all = { 0 };
    struct table *t = table_new(&tpl);
    struct quotes *q = quotes_new(&tpl, 2);
    static const char *const publishers[] = { "한빛일보", "누리경제", "", "바다신문" };
    enum { N = 40 };
    for (size_t i = 0; i < N; i++) {
        char id[16], url[32], hash[16], date[32], file[16];
        /* ids and dates in different orders, so (published_at, id) is not id order */
        snprintf(id, sizeof id, "k%02zu", (i * 7) % N);
        snprintf(url, sizeof url, "https://x.kr/%zu", i);
        snprintf(hash, sizeof hash, "h%zu", i);
        snprintf(date, sizeof date, "2025-12-%02zuT09:00:00+09:00", 28 - (i * 5) % 20);
        snprintf(file, sizeof file, "%zu.txt", i);
        struct article a = make_article(id, url, hash, publishers[i % 4], date, file);
        struct fact_list l = { 0 };
        article_facts(&tpl, &a, i, &l);
        assert_int_equal(catalog_add(c, &a, &s.d), 1);
        table_add_article(t, &l, a.published_at);
        quotes_add(q, &l);
        fact_list_free(&l);
        assert_int_equal(article_set_add(&all, &a, &s.d), 1);
    }
    table_finish(t);
    article_set_sort(&all);
    /* gamma is only named (no fact): its first sources are still in (published_at, id) order */
    const struct table_row *gamma = table_row_by_id(t, "gamma");
    assert_int_equal(gamma->n_sources, 10);
    assert_string_equal(gamma->first_sources[0], "k05");   /* 12-13, the earliest day */
    assert_string_equal(gamma->first_sources[1], "k17");
    assert_string_equal(gamma->first_sources[2], "k33");
    assert_string_equal(gamma->first_sources[3], "k10");   /* 12-18 */
    struct article_set citable;
    assert_int_equal(catalog_citable(c, t, q, &citable, &s.d), EXP_OK);
    assert_true(citable.count > 0 && citable.count < N);   /* only what can be cited */
    char *from_all = dump_model(&tpl, &all, NULL, t, q);
    char *from_citable = dump_model(&tpl, &citable, catalog_summary(c), t, q);
    assert_string_equal(from_citable, from_all);
    assert_non_null(strstr(from_all, "외 "));   /* a row with more sources than it cites */
    /* metadata read back whole */
    assert_string_equal(citable.items[0].people[0].name, "김기자");
    assert_string_equal(citable.items[0].source_file, all.items[0].source_file);
    free(from_all);
    free(from_citable);
    article_set_free(&citable);
    article_set_free(&all);
    quotes_free(q);
    table_free(t);
    catalog_free(c);
    template_free(&tpl);
    sink_close(&s);
}

/* Bytes allocated: small blocks and the large ones malloc maps on their own. */
static size_t heap_in_use(void)
{
    struct mallinfo2 m = mallinfo2();
    return m.uordblks + m.hblkhd;
}

/* One synthetic article for the catalog. */
static void catalog_add_synthetic(struct catalog *c, struct diag *d, size_t i)
{
    char id[32], url[64], hash[72], file[32];
    snprintf(id, sizeof id, "syn_%08zu", i);
    snprintf(url, sizeof url, "https://news.example.kr/article/%zu?from=list", i);
    snprintf(hash, sizeof hash, "%064zx", i);
    snprintf(file, sizeof file, "corpus/syn_%08zu.txt", i);
    struct article a = make_article(id, url, hash, i % 2 ? "한빛일보" : "누리경제",
                                    "2025-12-28T09:00:00+09:00", file);
    assert_int_equal(catalog_add(c, &a, d), 1);
    article_free(&a);
}

/* What a large run holds per article: nothing on the heap. The digests and the metadata live
 * in the catalog's database, whose page cache is bounded: once it is full (a few thousand
 * articles), 30,000 more add no heap. Held in memory, the digests, offsets and index slots
 * came to 171 bytes an article, and before that the article itself to about 600. Counted in
 * heap bytes in use (glibc's mallinfo2; under ASan it reports nothing and the check is
 * moot). */
static void test_memory_is_flat(void **state)
{
    (void)state;
    struct sink s;
    sink_open(&s);
    struct catalog *c = catalog_new(&s.d);
    enum { WARM = 10000, MORE = 30000 };
    for (size_t i = 0; i < WARM; i++)
        catalog_add_synthetic(c, &s.d, i);
    size_t before = heap_in_use();
    for (size_t i = WARM; i < WARM + MORE; i++)
        catalog_add_synthetic(c, &s.d, i);
    size_t after = heap_in_use();
    size_t grew = after > before ? after - before : 0;
    print_message("catalog: %zu heap bytes more after %d more articles\n", grew, MORE);
    assert_true(grew < 16384);
    assert_int_equal(catalog_count(c), WARM + MORE);
    catalog_free(c);
    sink_close(&s);
}

/* One synthetic article for the table: a fact for alpha, a mention of gamma. */
static void table_add_synthetic(const struct template *tpl, struct table *t, size_t i)
{
    char id[32], date[32];
    snprintf(id, sizeof id, "syn_%08zu", i);
    snprintf(date, sizeof date, "2025-12-%02zuT%02zu:00:00+09:00", 1 + i % 28, i / 28 % 24);
    struct article a = make_article(id, "u", "h", "한빛일보", date, "f.txt");
    struct fact_list l = { 0 };
    add_fact(tpl, &l, "alpha", "revenue", i % 2 ? "100" : "120", &a);
    add_mention(&l, tpl, "gamma", &a);
    table_add_article(t, &l, a.published_at);
    fact_list_free(&l);
    article_free(&a);
}

/* The table's share of a large run: nothing per article. Once a row's sources fill the cell
 * that shows them (some 2,300 ids here), 30,000 more articles add no heap at all. It was an
 * id, a date and an index slot per article (89 bytes; 136 before that). */
static void test_table_memory_is_flat(void **state)
{
    (void)state;
    struct sink s;
    sink_open(&s);
    struct template tpl;
    assert_int_equal(template_load_buffer("t.yaml", TEMPLATE, strlen(TEMPLATE), &s.d, &tpl),
                     EXP_OK);
    struct table *t = table_new(&tpl);
    enum { WARM = 10000, MORE = 30000 };
    for (size_t i = 0; i < WARM; i++)
        table_add_synthetic(&tpl, t, i);
    size_t before = heap_in_use();
    for (size_t i = WARM; i < WARM + MORE; i++)
        table_add_synthetic(&tpl, t, i);
    size_t after = heap_in_use();
    size_t grew = after > before ? after - before : 0;
    print_message("table: %zu heap bytes more after %d more articles\n", grew, MORE);
    assert_true(grew < 4096);
    table_finish(t);
    assert_int_equal(table_row_by_id(t, "gamma")->n_sources, WARM + MORE);
    table_free(t);
    template_free(&tpl);
    sink_close(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_duplicates),
        cmocka_unit_test(test_summary),
        cmocka_unit_test(test_citable_gives_the_same_briefing),
        cmocka_unit_test(test_memory_is_flat),
        cmocka_unit_test(test_table_memory_is_flat),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_quotes.c — the key-sentence candidates the merge keeps: ranked by kinds of fact, then
 * facts, then the earlier article (published_at, id) and sentence; one occurrence per text;
 * at most `keep` per entity; the same result whatever the order the articles arrive in. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "merge/quotes.h"
#include "util/buf.h"
#include "../fixtures/fixtures.h"

static void add_fact(const struct template *tpl, struct fact_list *l, const char *entity,
                     const char *column, const char *value, const char *article,
                     const char *date, size_t sno, const char *sentence)
{
    struct fact *f = fixture_fact(tpl, l, entity, column, value, article, sno, sentence);
    f->published_at = fact_list_intern(l, date, strlen(date));
}

/* Three articles' facts about skt, one list per article as a run folds them in. */
static void three_articles(const struct template *tpl, struct fact_list l[3])
{
    memset(l, 0, 3 * sizeof *l);
    add_fact(tpl, &l[0], "skt", "params_total_b", "500", "x", "2025-12-30", 4, "둘 (x)이다.");
    add_fact(tpl, &l[0], "skt", "architecture", "MoE", "x", "2025-12-30", 4, "둘 (x)이다.");
    add_fact(tpl, &l[0], "skt", "partners", "크래프톤", "x", "2025-12-30", 7, "같은 문장이다.");
    add_fact(tpl, &l[1], "skt", "params_total_b", "500", "y", "2025-12-28", 9, "둘 (y)이다.");
    add_fact(tpl, &l[1], "skt", "architecture", "MoE", "y", "2025-12-28", 9, "둘 (y)이다.");
    add_fact(tpl, &l[1], "skt", "partners", "크래프톤", "y", "2025-12-28", 2, "같은 문장이다.");
    add_fact(tpl, &l[1], "upstage", "params_total_b", "100", "y", "2025-12-28", 2, "같은 문장이다.");
    add_fact(tpl, &l[2], "skt", "flagship_model", "A.X K1", "z", "2025-12-29", 1, "하나이다.");
    add_fact(tpl, &l[2], "skt", "params_total_b", "500", "z", "2025-12-29", 3, "셋이다.");
    add_fact(tpl, &l[2], "skt", "params_active_b", "33", "z", "2025-12-29", 3, "셋이다.");
    add_fact(tpl, &l[2], "skt", "flagship_model", "A.X K1", "z", "2025-12-29", 3, "셋이다.");
}

static void check_ranking(const struct template *tpl, const struct quotes *q)
{
    size_t n;
    const struct quote *k = quotes_of(q, (size_t)template_entity_index(tpl, "skt"), &n);
    assert_int_equal(n, 4);
    assert_string_equal(k[0].sentence, "셋이다.");            /* three kinds of fact */
    assert_int_equal(k[0].columns, 3);
    assert_string_equal(k[1].sentence, "둘 (y)이다.");        /* two kinds; y is the earlier article */
    assert_string_equal(k[2].sentence, "둘 (x)이다.");
    assert_string_equal(k[3].sentence, "같은 문장이다.");     /* one kind; "하나" is later (z > y) */
    assert_string_equal(k[3].article_id, "y");           /* the earlier of the same text */
    assert_int_equal(k[3].sentence_no, 2);
    k = quotes_of(q, (size_t)template_entity_index(tpl, "upstage"), &n);
    assert_int_equal(n, 1);
    assert_string_equal(k[0].sentence, "같은 문장이다.");     /* per entity: upstage keeps its own */
    quotes_of(q, (size_t)template_entity_index(tpl, "nc_ai"), &n);
    assert_int_equal(n, 0);
}

static void test_ranking_whatever_the_order(void **state)
{
    (void)state;
    struct template tpl;
    fixture_template(FIXTURE_TEMPLATE, &tpl);
    struct fact_list l[3];
    three_articles(&tpl, l);
    static const int orders[][3] = { { 0, 1, 2 }, { 2, 1, 0 }, { 1, 2, 0 }, { 2, 0, 1 } };
    for (size_t o = 0; o < sizeof orders / sizeof orders[0]; o++) {
        struct quotes *q = quotes_new(&tpl, 4);
        for (size_t i = 0; i < 3; i++)
            quotes_add(q, &l[orders[o][i]]);
        check_ranking(&tpl, q);
        quotes_free(q);
    }
    for (size_t i = 0; i < 3; i++)
        fact_list_free(&l[i]);
    template_free(&tpl);
}

/* Memory is bounded: 1,000 sentences offered, `keep` held, and they are the best ones. */
static void test_bounded(void **state)
{
    (void)state;
    struct template tpl;
    fixture_template(FIXTURE_TEMPLATE, &tpl);
    struct quotes *q = quotes_new(&tpl, 3);
    for (size_t i = 0; i < 1000; i++) {
        struct fact_list l = { 0 };
        char id[16], text[32];
        snprintf(id, sizeof id, "a%04zu", i);
        snprintf(text, sizeof text, "문장 %zu이다.", i);
        add_fact(&tpl, &l, "skt", "params_total_b", "500", id, "2025-12-30", 1, text);
        if (i % 250 == 7)   /* a second kind of fact: 7, 257, 507, 757 rank first */
            add_fact(&tpl, &l, "skt", "architecture", "MoE", id, "2025-12-30", 1, text);
        quotes_add(q, &l);
        fact_list_free(&l);
    }
    size_t n;
    const struct quote *k = quotes_of(q, (size_t)template_entity_index(&tpl, "skt"), &n);
    assert_int_equal(n, 3);
    assert_string_equal(k[0].sentence, "문장 7이다.");
    assert_string_equal(k[1].sentence, "문장 257이다.");
    assert_string_equal(k[2].sentence, "문장 507이다.");
    quotes_free(q);
    template_free(&tpl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ranking_whatever_the_order),
        cmocka_unit_test(test_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

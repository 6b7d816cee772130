/* test_extract_rules.c — how rule words bind to figures and which party a value belongs to,
 * on a small template of its own (quarterly results and a workforce, not the bundled topic):
 * each cue binds its own figure on either side within its phrase, negative cues, the
 * marker_side override. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "extract/extract.h"

static const char template_yaml[] =
    "template: rules\n"
    "entities:\n"
    "  - {id: alpha, name: 알파전자, aliases: [알파]}\n"
    "  - {id: beta, name: 베타화학}\n"
    "columns:\n"
    "  - {id: revenue, type: quantity, units: [KRW], scale: 8, cues: [매출]}\n"
    "  - {id: op_profit, type: quantity, units: [KRW], scale: 8, cues: [영업이익],\n"
    "     negative_cues: [영업손실, 영업적자]}\n"
    "  - {id: exports, type: quantity, units: [USD], scale: 8, cues: [수출]}\n"
    "  - {id: imports, type: quantity, units: [USD], scale: 8, cues: [수입]}\n"
    "  - {id: regular, type: quantity, units: [people], cues: [정규직]}\n"
    "  - {id: contract, type: quantity, units: [people], cues: [계약직]}\n"
    "  - {id: staff, type: quantity, units: [people], cues: [직원], exclude: [협력사]}\n"
    "  - {id: attendees, type: quantity, units: [people], cues: [참석]}\n"
    "  - {id: after_side, type: quantity, units: [percent], markers: [증가],\n"
    "     marker_side: before}\n";

struct fixture {
    struct template tpl;
    struct extractor *ex;
};

static int setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);
    struct diag d;
    diag_init(&d, stderr, 0, 0);
    if (template_load_buffer("rules.yaml", template_yaml, strlen(template_yaml), &d,
                             &fx->tpl) != EXP_OK)
        return -1;
    fx->ex = extract_new(&fx->tpl);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    extract_free(fx->ex);
    template_free(&fx->tpl);
    free(fx);
    return 0;
}

/* Extracts one article made of the given sentences (one paragraph). */
static void run(struct fixture *fx, const char *const *sents, size_t n, struct fact_list *out)
{
    struct article a;
    memset(&a, 0, sizeof a);
    a.id = strdup("r_0001");
    a.publisher = strdup("테스트일보");
    a.published_at = strdup("2026-01-20T09:00:00+09:00");
    a.source_file = strdup("rules.txt");
    struct buf body = BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf_puts(&body, " ");
        xgrow(&a.sentences.items, &a.sentences.cap, a.sentences.count + 1,
              sizeof *a.sentences.items);
        struct sentence *st = &a.sentences.items[a.sentences.count++];
        st->offset = body.len;
        st->length = strlen(sents[i]);
        st->text = strdup(sents[i]);
        buf_puts(&body, sents[i]);
    }
    a.body = buf_detach(&body);
    memset(out, 0, sizeof *out);
    struct diag d;
    diag_init(&d, NULL, 0, 0);
    assert_int_equal(extract_article(fx->ex, &a, out, &d), EXP_OK);
    article_free(&a);
}

#define RUN(fx, out, ...)                                                                   \
    do {                                                                                    \
        static const char *const sents_[] = { __VA_ARGS__ };                                \
        run(fx, sents_, sizeof sents_ / sizeof sents_[0], out);                             \
    } while (0)

/* The values of entity/column, joined with "|" in fact order ("" when none). */
static const char *values(const struct fixture *fx, const struct fact_list *l,
                          const char *entity, const char *column)
{
    static char out[512];
    out[0] = 0;
    for (size_t i = 0; i < l->count; i++) {
        const struct fact *f = &l->items[i];
        if (strcmp(fx->tpl.entities[f->entity].id, entity) ||
            strcmp(fx->tpl.columns[f->column].id, column))
            continue;
        if (out[0])
            strcat(out, "|");
        strcat(out, f->value);
    }
    return out;
}

/* ---- Each cue binds its own figure ---- */

static void test_list_of_siblings(void **state)
{
    struct fixture *fx = *state;
    struct fact_list l;
    RUN(fx, &l, "알파전자의 임직원은 정규직 1,200명, 계약직 340명, 협력사 직원 2,100명이다.");
    assert_string_equal(values(fx, &l, "alpha", "regular"), "1200");
    assert_string_equal(values(fx, &l, "alpha", "contract"), "340");
    /* 직원 binds 2,100명, and 협력사 bound to the same figure refuses it */
    assert_string_equal(values(fx, &l, "alpha", "staff"), "");
    fact_list_free(&l);

    RUN(fx, &l, "알파전자는 지난해 수출 52억 달러, 수입 47억 달러를 기록했다.");
    assert_string_equal(values(fx, &l, "alpha", "exports"), "52");
    assert_string_equal(values(fx, &l, "alpha", "imports"), "47");
    fact_list_free(&l);

    RUN(fx, &l, "베타화학은 3분기 매출 1조 2천억 원, 영업이익 830억 원을 올렸다.");
    assert_string_equal(values(fx, &l, "beta", "revenue"), "12000");
    assert_string_equal(values(fx, &l, "beta", "op_profit"), "830");
    fact_list_free(&l);

    /* no separator: the nearer figure, and on a tie the one after the cue */
    RUN(fx, &l, "베타화학은 매출 1조 원 영업이익 500억 원을 기록했다.");
    assert_string_equal(values(fx, &l, "beta", "revenue"), "10000");
    assert_string_equal(values(fx, &l, "beta", "op_profit"), "500");
    fact_list_free(&l);
}

static void test_cue_before_or_after_its_figure(void **state)
{
    struct fixture *fx = *state;
    struct fact_list l;
    RUN(fx, &l, "알파전자 설명회 참석자 300명 가운데 직원은 20명이었다.");
    assert_string_equal(values(fx, &l, "alpha", "attendees"), "300");
    assert_string_equal(values(fx, &l, "alpha", "staff"), "20");
    fact_list_free(&l);

    RUN(fx, &l, "알파전자 설명회에는 300명이 참석했다.");
    assert_string_equal(values(fx, &l, "alpha", "attendees"), "300");
    fact_list_free(&l);

    /* 의 joins the figure to the cue after it even when a figure follows as closely */
    RUN(fx, &l, "알파전자는 1,200명의 정규직 500명 계약직을 둔다.");
    assert_string_equal(values(fx, &l, "alpha", "regular"), "1200");
    fact_list_free(&l);

    /* a cue whose phrase holds no figure reaches the figure of the next phrase */
    RUN(fx, &l, "알파전자의 수출은, 업계 추산으로 52억 달러로 늘었다.");
    assert_string_equal(values(fx, &l, "alpha", "exports"), "52");
    fact_list_free(&l);
}

static void test_a_cue_never_takes_a_siblings_figure(void **state)
{
    struct fixture *fx = *state;
    struct fact_list l;
    /* before binding, 수출 in the clause gave both figures to exports */
    RUN(fx, &l, "알파전자는 수입 47억 달러, 수출 52억 달러로 집계됐다.");
    assert_string_equal(values(fx, &l, "alpha", "exports"), "52");
    assert_string_equal(values(fx, &l, "alpha", "imports"), "47");
    fact_list_free(&l);
    RUN(fx, &l, "알파전자의 계약직 340명, 정규직 1,200명.");
    assert_string_equal(values(fx, &l, "alpha", "regular"), "1200");
    assert_string_equal(values(fx, &l, "alpha", "contract"), "340");
    fact_list_free(&l);
}

/* ---- Negative cues ---- */

static void test_negative_cues(void **state)
{
    struct fixture *fx = *state;
    struct fact_list l;
    RUN(fx, &l, "베타화학은 3분기 매출 2조 원, 영업손실 1,176억 원을 냈다.");
    assert_string_equal(values(fx, &l, "beta", "op_profit"), "-1176");
    assert_string_equal(values(fx, &l, "beta", "revenue"), "20000");
    for (size_t i = 0; i < l.count; i++)
        if (!strcmp(fx->tpl.columns[l.items[i].column].id, "op_profit"))
            assert_int_equal(decimal_sign(&l.items[i].number), -1);
    fact_list_free(&l);

    /* the cue after its figure, and a profit next to it stays positive */
    RUN(fx, &l, "알파전자는 영업이익 300억 원을 냈고, 베타화학은 1,176억 원의 영업적자를 냈다.");
    assert_string_equal(values(fx, &l, "alpha", "op_profit"), "300");
    assert_string_equal(values(fx, &l, "beta", "op_profit"), "-1176");
    fact_list_free(&l);
}

/* ---- The marker_side override ---- */

static void test_marker_side_override(void **state)
{
    struct fixture *fx = *state;
    struct fact_list l;
    /* before: 증가 binds the figure after it, though the one before is as near */
    RUN(fx, &l, "알파전자는 5% 증가 7%를 기록했다.");
    assert_string_equal(values(fx, &l, "alpha", "after_side"), "7");
    fact_list_free(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_list_of_siblings),
        cmocka_unit_test(test_cue_before_or_after_its_figure),
        cmocka_unit_test(test_a_cue_never_takes_a_siblings_figure),
        cmocka_unit_test(test_negative_cues),
        cmocka_unit_test(test_marker_side_override),
    };
    return cmocka_run_group_tests_name("extract_rules", tests, setup, teardown);
}

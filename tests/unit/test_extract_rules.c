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
#include <time.h>

#include <cmocka.h>

#include "extract/extract.h"

static const char template_yaml[] =
    "template: rules\n"
    "entities:\n"
    "  - {id: alpha, name: 알파전자, aliases: [알파]}\n"
    "  - {id: beta, name: 베타화학}\n"
    "  - {id: gamma, name: 감마청}\n"
    "  - {id: nation, name: 정부, topic: true}\n"
    "other_parties: [{name: 오메가전지, aliases: [오메가]}, 시그마]\n"
    "columns:\n"
    "  - {id: revenue, type: quantity, units: [KRW], scale: 8, cues: [매출], history: [전년]}\n"
    "  - {id: budget, type: quantity, units: [KRW], scale: 12, cues: [예산]}\n"
    "  - {id: rd_budget, type: quantity, units: [KRW], scale: 12, cues: [R&D]}\n"
    "  - {id: hires, type: quantity, units: [people], cues: [증원]}\n"
    "  - {id: op_profit, type: quantity, units: [KRW], scale: 8, cues: [영업이익],\n"
    "     negative_cues: [영업손실, 영업적자]}\n"
    "  - {id: exports, type: quantity, units: [USD], scale: 8, cues: [수출]}\n"
    "  - {id: imports, type: quantity, units: [USD], scale: 8, cues: [수입]}\n"
    "  - {id: regular, type: quantity, units: [people], cues: [정규직]}\n"
    "  - {id: contract, type: quantity, units: [people], cues: [계약직]}\n"
    "  - {id: staff, type: quantity, units: [people], cues: [직원], exclude: [협력사]}\n"
    "  - {id: new_staff, type: quantity, units: [people], cues: [신규 직원]}\n"
    "  - {id: attendees, type: quantity, units: [people], cues: [참석]}\n"
    "  - {id: chemistry, type: keywords, keywords: {LFP: [LFP, 리튬인산철], NCM: [NCM]}}\n"
    "  - {id: share, type: quantity, units: [percent], cues: [점유율]}\n"
    "  - {id: total_growth, type: quantity, units: [percent], cues: [늘], entities: [nation]}\n"
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

    /* a figure in parentheses glosses the word it is glued to, one word farther from the cue:
     * the figure before the cue is nearer ("0.21% 늘어 지난해(0.15%)보다"), while the cue's own
     * parentheses stay next to it */
    RUN(fx, &l, "정부 예산은 0.21% 늘어 지난해(0.15%)보다 증가 폭이 컸다.");
    assert_string_equal(values(fx, &l, "nation", "total_growth"), "0.21");
    fact_list_free(&l);
    RUN(fx, &l, "베타화학은 매출(1조 원)을 기록했다.");
    assert_string_equal(values(fx, &l, "beta", "revenue"), "10000");
    fact_list_free(&l);
}

/* A cue bound outside a contrast also governs the contrasted name's parenthesised figure: the
 * same measure, compared ("보다", or the object of 앞서다/제치다/넘다/추월하다/따돌리다). */
static void test_compared_party_figure(void **state)
{
    struct fixture *fx = *state;
    struct fact_list l;
    RUN(fx, &l, "알파전자의 점유율은 38.5%로 베타화학(35.2%)보다 높았다.");
    assert_string_equal(values(fx, &l, "alpha", "share"), "38.5");
    assert_string_equal(values(fx, &l, "beta", "share"), "35.2");
    fact_list_free(&l);

    RUN(fx, &l, "베타화학은 영업이익 1100억 원을 기록해 알파전자(700억 원)를 제쳤다.");
    assert_string_equal(values(fx, &l, "beta", "op_profit"), "1100");
    assert_string_equal(values(fx, &l, "alpha", "op_profit"), "700");
    fact_list_free(&l);

    /* another party's compared figure is nobody's */
    RUN(fx, &l, "알파전자의 점유율은 41%로 오메가전지(40%)를 앞섰다.");
    assert_string_equal(values(fx, &l, "alpha", "share"), "41");
    assert_int_equal(l.count, 1);
    fact_list_free(&l);
}

/* 각각: the names joined before it and the figures after it pair in order; the figures share
 * the cue one of them is bound to; a count that differs pairs nothing. */
static void test_respectively(void **state)
{
    struct fixture *fx = *state;
    struct fact_list l;
    RUN(fx, &l, "알파전자와 베타화학의 점유율은 각각 35%, 8%였다.");
    assert_string_equal(values(fx, &l, "alpha", "share"), "35");
    assert_string_equal(values(fx, &l, "beta", "share"), "8");
    fact_list_free(&l);

    RUN(fx, &l, "알파전자, 베타화학, 감마청은 각각 35%, 8%, 4%의 점유율을 기록했다.");
    assert_string_equal(values(fx, &l, "alpha", "share"), "35");
    assert_string_equal(values(fx, &l, "beta", "share"), "8");
    assert_string_equal(values(fx, &l, "gamma", "share"), "4");
    fact_list_free(&l);

    /* another party's place in the list is nobody's figure */
    RUN(fx, &l, "오메가전지와 알파전자는 각각 30%, 20%의 점유율을 기록했다.");
    assert_string_equal(values(fx, &l, "alpha", "share"), "20");
    assert_int_equal(l.count, 1);
    fact_list_free(&l);

    /* a later clause's 각각 refers to the same list; each figure keeps its own sign word */
    RUN(fx, &l, "알파전자와 베타화학의 매출은 각각 1조 원, 5000억 원이었고, 영업이익은 각각 "
                "300억 원 흑자, 120억 원 영업손실이었다.");
    assert_string_equal(values(fx, &l, "alpha", "revenue"), "10000");
    assert_string_equal(values(fx, &l, "beta", "revenue"), "5000");
    assert_string_equal(values(fx, &l, "alpha", "op_profit"), "300");
    assert_string_equal(values(fx, &l, "beta", "op_profit"), "-120");
    fact_list_free(&l);

    /* parenthesised figures listed with 과 share the cue after them, as with a middle dot */
    RUN(fx, &l, "알파전자(35%)와 베타화학(8%)의 점유율이 뒤를 이었다.");
    assert_string_equal(values(fx, &l, "alpha", "share"), "35");
    assert_string_equal(values(fx, &l, "beta", "share"), "8");
    fact_list_free(&l);

    /* a category cue ("점유율 부문에서는") governs the ranking's figures after it */
    RUN(fx, &l, "점유율 부문에서는 알파전자가 35%로 1위를 지켰고 베타화학(20%)과 감마청(10%)이 "
                "뒤를 이었다.");
    assert_string_equal(values(fx, &l, "alpha", "share"), "35");
    assert_string_equal(values(fx, &l, "beta", "share"), "20");
    assert_string_equal(values(fx, &l, "gamma", "share"), "10");
    fact_list_free(&l);

    /* "A에서 B로": the cue reaches the figure it became, not the one it came from */
    RUN(fx, &l, "알파전자의 점유율은 30%에서 35%로 높아졌다.");
    assert_string_equal(values(fx, &l, "alpha", "share"), "35");
    fact_list_free(&l);

    /* a list run into one line with bullet signs shares the cue before it */
    RUN(fx, &l, "매출은 ▲알파전자 1조 원 ▲베타화학 5000억 원 순이었다.");
    assert_string_equal(values(fx, &l, "alpha", "revenue"), "10000");
    assert_string_equal(values(fx, &l, "beta", "revenue"), "5000");
    fact_list_free(&l);

    /* three figures for two names: no pairing is known */
    RUN(fx, &l, "알파전자와 베타화학의 점유율은 각각 35%, 8%, 4%였다.");
    assert_string_equal(values(fx, &l, "alpha", "share"), "");
    assert_string_equal(values(fx, &l, "beta", "share"), "");
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

static void test_compound_cue_and_distributed_list(void **state)
{
    struct fixture *fx = *state;
    struct fact_list l;
    /* 예산 in "R&D 예산" is the head of R&D's compound: the figure is R&D's alone */
    RUN(fx, &l, "알파전자 예산은 21조 3000억 원, 이 가운데 R&D 예산은 13조 4000억 원으로 늘었다.");
    assert_string_equal(values(fx, &l, "alpha", "budget"), "21.3");
    assert_string_equal(values(fx, &l, "alpha", "rd_budget"), "13.4");
    fact_list_free(&l);
    /* a genitive or one connecting noun still makes a compound; any other word does not */
    RUN(fx, &l, "알파전자의 R&D 부문 예산은 3조 원이다.");
    assert_string_equal(values(fx, &l, "alpha", "rd_budget"), "3");
    assert_string_equal(values(fx, &l, "alpha", "budget"), "");
    fact_list_free(&l);
    /* a cue after 부문 or 사업부 names a division's figure, not the company's */
    RUN(fx, &l, "알파전자의 매출은 1조 원이다.", "반도체(DS) 부문 매출은 4000억 원, 메모리사업부의 "
                "매출은 3000억 원이다.");
    assert_string_equal(values(fx, &l, "alpha", "revenue"), "10000");
    fact_list_free(&l);
    RUN(fx, &l, "알파전자 R&D의 예산은 2조 원이다.");
    assert_string_equal(values(fx, &l, "alpha", "rd_budget"), "2");
    assert_string_equal(values(fx, &l, "alpha", "budget"), "");
    fact_list_free(&l);
    RUN(fx, &l, "알파전자는 R&D 성과가 좋았고, 예산은 4조 원이다.");
    assert_string_equal(values(fx, &l, "alpha", "budget"), "4");
    fact_list_free(&l);

    /* one cue before a list whose items each name an entity governs every item */
    RUN(fx, &l, "증원 인원은 알파전자 1,200명, 베타화학 340명, 감마청 85명이다.");
    assert_string_equal(values(fx, &l, "alpha", "hires"), "1200");
    assert_string_equal(values(fx, &l, "beta", "hires"), "340");
    assert_string_equal(values(fx, &l, "gamma", "hires"), "85");
    fact_list_free(&l);
    /* a cue after the list governs the items before it */
    RUN(fx, &l, "알파전자는 13%, 베타화학은 9%의 점유율을 기록했다.");
    assert_string_equal(values(fx, &l, "alpha", "share"), "13");
    assert_string_equal(values(fx, &l, "beta", "share"), "9");
    fact_list_free(&l);
    /* but not items without a name, nor items with a cue of their own */
    RUN(fx, &l, "알파전자의 증원 인원은 1,200명, 정규직 340명이다.");
    assert_string_equal(values(fx, &l, "alpha", "hires"), "1200");
    fact_list_free(&l);
    /* parenthesised figures listed with a middle dot are list items too (·, ㆍ, ・) */
    RUN(fx, &l, "증원 인원은 알파전자(1,200명)·베타화학(340명)ㆍ감마청(85명) 순이었다.");
    assert_string_equal(values(fx, &l, "alpha", "hires"), "1200");
    assert_string_equal(values(fx, &l, "beta", "hires"), "340");
    assert_string_equal(values(fx, &l, "gamma", "hires"), "85");
    fact_list_free(&l);
}

/* A word inside a longer word (or a name) is not found: `신규 직원` is new_staff's cue and
 * the `직원` inside it is nobody's. */
static void test_the_longest_word_wins(void **state)
{
    struct fixture *fx = *state;
    struct fact_list l;
    RUN(fx, &l, "알파전자는 올해 신규 직원 120명을 뽑았다.");
    assert_string_equal(values(fx, &l, "alpha", "new_staff"), "120");
    assert_string_equal(values(fx, &l, "alpha", "staff"), "");
    fact_list_free(&l);
    RUN(fx, &l, "알파전자의 직원은 1,500명이고 신규 직원은 120명이다.");
    assert_string_equal(values(fx, &l, "alpha", "staff"), "1500");
    assert_string_equal(values(fx, &l, "alpha", "new_staff"), "120");
    fact_list_free(&l);
}

/* "X 예산 가운데 Y 예산은 N": N is the budget of Y, a part of X's — no cue gives it to X. A
 * partitive is one only after a rule word, a name or a demonstrative. */
static void test_a_part_is_not_the_whole(void **state)
{
    struct fixture *fx = *state;
    struct fact_list l;
    RUN(fx, &l, "알파전자 예산 가운데 기초연금 예산은 26조 1000억 원, 건강보험 예산은 12조 원이다.");
    assert_string_equal(values(fx, &l, "alpha", "budget"), "");
    fact_list_free(&l);
    RUN(fx, &l, "알파전자 예산 중 연구비는 3조 원이다.");
    assert_string_equal(values(fx, &l, "alpha", "budget"), "");
    fact_list_free(&l);
    /* the whole before the partitive is still the whole's */
    RUN(fx, &l, "알파전자 예산은 21조 원이고 이 가운데 기초연금 예산은 5조 원이다.");
    assert_string_equal(values(fx, &l, "alpha", "budget"), "21");
    fact_list_free(&l);
    /* "어려운 가운데", "진행 중": no partitive */
    RUN(fx, &l, "경기가 어려운 가운데 알파전자 예산은 10조 원으로 늘었다.");
    assert_string_equal(values(fx, &l, "alpha", "budget"), "10");
    fact_list_free(&l);
    RUN(fx, &l, "협상이 진행 중인 알파전자 예산은 7조 원이다.");
    assert_string_equal(values(fx, &l, "alpha", "budget"), "7");
    fact_list_free(&l);
    /* past the partitive a clause of its own speaks of the whole again */
    RUN(fx, &l, "알파전자 직원 가운데 920명이 이동했고 현재 남은 직원은 660명이다.");
    assert_string_equal(values(fx, &l, "alpha", "staff"), "660");
    fact_list_free(&l);
}

static void test_history_refuses_only_its_figure(void **state)
{
    struct fixture *fx = *state;
    struct fact_list l;
    RUN(fx, &l, "베타화학의 매출은 1조3940억원으로 전년 동기(1조4520억원)보다 4.0% 줄었다.");
    assert_string_equal(values(fx, &l, "beta", "revenue"), "13940");
    fact_list_free(&l);
    /* a baseline (전년보다) governs no figure of its own: the current one stands */
    RUN(fx, &l, "베타화학 매출은 1조3940억원으로 전년보다 늘었다.");
    assert_string_equal(values(fx, &l, "beta", "revenue"), "13940");
    fact_list_free(&l);
    /* both figures are cued; 전년 refuses its own, the clause's other figure stands */
    RUN(fx, &l, "베타화학 매출은 1조3940억원, 전년 매출은 1조4520억원으로 집계됐다.");
    assert_string_equal(values(fx, &l, "beta", "revenue"), "13940");
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

    /* a loss written with the scanner's own sign (△, -) is negative once, not twice */
    RUN(fx, &l, "베타화학은 영업손실 △1,176억 원을 기록했다.");
    assert_string_equal(values(fx, &l, "beta", "op_profit"), "-1176");
    fact_list_free(&l);
    RUN(fx, &l, "베타화학의 영업이익은 -312억 원으로 집계됐다.");
    assert_string_equal(values(fx, &l, "beta", "op_profit"), "-312");
    fact_list_free(&l);

    /* the cue after its figure, and a profit next to it stays positive */
    RUN(fx, &l, "알파전자는 영업이익 300억 원을 냈고, 베타화학은 1,176억 원의 영업적자를 냈다.");
    assert_string_equal(values(fx, &l, "alpha", "op_profit"), "300");
    assert_string_equal(values(fx, &l, "beta", "op_profit"), "-1176");
    fact_list_free(&l);
}

/* ---- Whose value it is ---- */

static void test_other_parties_own_their_values(void **state)
{
    struct fixture *fx = *state;
    struct fact_list l;
    /* without other_parties, 오메가전지's share went to 알파전자 named after it */
    RUN(fx, &l, "오메가전지의 점유율은 37%로 1위다. 알파전자의 점유율은 13.1%로 2위다.");
    assert_string_equal(values(fx, &l, "alpha", "share"), "13.1");
    assert_int_equal(l.count, 1);
    fact_list_free(&l);
    /* a sentence about another party ends the carry-over from the one before */
    RUN(fx, &l, "알파전자는 새 공장을 열었다.", "오메가는 점유율 37%를 기록했다.",
        "점유율 격차는 더 벌어졌다.");
    assert_string_equal(values(fx, &l, "alpha", "share"), "");
    fact_list_free(&l);
}

static void test_contrast_binds_to_the_contrasted_party(void **state)
{
    struct fixture *fx = *state;
    struct fact_list l;
    RUN(fx, &l, "LFP 배터리를 앞세운 오메가전지와 달리 알파전자는 NCM에 집중했다.");
    assert_string_equal(values(fx, &l, "alpha", "chemistry"), "NCM");
    fact_list_free(&l);
    RUN(fx, &l, "LFP 배터리를 앞세운 베타화학과 달리 알파전자는 NCM에 집중했다.");
    assert_string_equal(values(fx, &l, "alpha", "chemistry"), "NCM");
    assert_string_equal(values(fx, &l, "beta", "chemistry"), "LFP");
    fact_list_free(&l);
    /* the subject first, the contrasted party after it: LFP is still the contrasted one's */
    RUN(fx, &l, "알파전자는 LFP를 내세운 베타화학과 달리 NCM을 고집했다.");
    assert_string_equal(values(fx, &l, "alpha", "chemistry"), "NCM");
    assert_string_equal(values(fx, &l, "beta", "chemistry"), "LFP");
    fact_list_free(&l);
    /* a figure in parentheses before 보다 is the contrasted party's; the one after is ours */
    RUN(fx, &l, "알파전자의 매출은 베타화학(1조 5,230억 원)보다 두 배 많은 3조 2,410억 원이다.");
    assert_string_equal(values(fx, &l, "alpha", "revenue"), "32410");
    assert_string_equal(values(fx, &l, "beta", "revenue"), "15230");
    fact_list_free(&l);
    RUN(fx, &l, "알파전자의 점유율은 13.1%로 시그마(9.8%)보다 높다.");
    assert_string_equal(values(fx, &l, "alpha", "share"), "13.1");
    assert_int_equal(l.count, 1);
    fact_list_free(&l);
    RUN(fx, &l, "오메가전지 대비 알파전자의 점유율은 13.1%로 낮다.");
    assert_string_equal(values(fx, &l, "alpha", "share"), "13.1");
    fact_list_free(&l);
}

static void test_the_subject_before_a_nearer_name(void **state)
{
    struct fixture *fx = *state;
    struct fact_list l;
    /* 감마청 is where it happened, 베타화학 (marked 는) is who */
    RUN(fx, &l, "2위 베타화학은 감마청 현장 점검에서 점유율 12%를 지켰다.");
    assert_string_equal(values(fx, &l, "beta", "share"), "12");
    assert_string_equal(values(fx, &l, "gamma", "share"), "");
    fact_list_free(&l);
    /* a figure in parentheses right after a name (and a title) is that name's */
    RUN(fx, &l, "알파전자는 점유율 면에서 베타화학 측(9%)에 뒤졌다.");
    assert_string_equal(values(fx, &l, "beta", "share"), "9");
    assert_string_equal(values(fx, &l, "alpha", "share"), "");
    fact_list_free(&l);
    /* within its own phrase the nearer name stands */
    RUN(fx, &l, "알파전자는 점유율 13%, 베타화학 점유율 9%로 집계됐다.");
    assert_string_equal(values(fx, &l, "alpha", "share"), "13");
    assert_string_equal(values(fx, &l, "beta", "share"), "9");
    fact_list_free(&l);
}

static void test_topic_entity_leaves_others_figures(void **state)
{
    struct fixture *fx = *state;
    struct fact_list l;
    RUN(fx, &l, "정부 총지출은 8.1% 늘었다.", "감마청 예산은 3.1% 늘었다.");
    assert_string_equal(values(fx, &l, "nation", "total_growth"), "8.1");
    fact_list_free(&l);
}

/* ---- The splitter's hook ---- */

static void test_name_at_for_glued_headings(void **state)
{
    struct fixture *fx = *state;
    const char *t = "신제품 공개알파전자는 성장했다";
    size_t pos = strlen("신제품 공개");
    assert_int_equal(extract_name_at(fx->ex, t, strlen(t), pos), strlen("알파전자"));
    t = "신제품 공개오메가는 성장했다";   /* another party is a name too */
    assert_int_equal(extract_name_at(fx->ex, t, strlen(t), pos), strlen("오메가"));
    t = "신제품 공개알파전자기 성장";     /* not a particle after it: no name */
    assert_int_equal(extract_name_at(fx->ex, t, strlen(t), pos), 0);
    struct sentence_hooks hooks = extract_sentence_hooks(fx->ex);
    struct sentence_list list = { 0 };
    t = "알파전자, 신제품 공개알파전자는 매출 1조 원을 올렸다.";
    sentence_split_with(t, strlen(t), &hooks, &list);
    assert_int_equal(list.count, 2);
    assert_true(list.items[0].heading);
    sentence_list_free(&list);
}

/* ---- Pathological input ---- */

/* One clause packed with contrasts, baselines, lists and cues just under the length cap, under
 * a generous watchdog: the work per sentence stays near-linear (no rescans per word). */
static void test_pathological_contrasts_and_lists(void **state)
{
    struct fixture *fx = *state;
    struct buf b = BUF_INIT;
    for (unsigned i = 0; b.len < 16000; i++)
        buf_printf(&b, "LFP를 앞세운 베타화학(%u억 원)보다 전년(%u억 원)보다 알파전자 매출 %u억 원, "
                       "R&D 예산 %u조 원, 감마청 %u명 ", i + 1, i + 2, i + 3, i + 4, i + 5);
    buf_puts(&b, "다.");
    const char *sents[] = { b.data };
    struct fact_list l;
    clock_t start = clock();
    run(fx, sents, 1, &l);
    double secs = (double)(clock() - start) / CLOCKS_PER_SEC;
    if (secs > 5.0)
        fail_msg("a 16 KB sentence took %.2f s", secs);
    assert_true(l.count > 0);
    fact_list_free(&l);
    buf_free(&b);
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
        cmocka_unit_test(test_compound_cue_and_distributed_list),
        cmocka_unit_test(test_the_longest_word_wins),
        cmocka_unit_test(test_a_part_is_not_the_whole),
        cmocka_unit_test(test_history_refuses_only_its_figure),
        cmocka_unit_test(test_negative_cues),
        cmocka_unit_test(test_other_parties_own_their_values),
        cmocka_unit_test(test_respectively),
        cmocka_unit_test(test_compared_party_figure),
        cmocka_unit_test(test_contrast_binds_to_the_contrasted_party),
        cmocka_unit_test(test_the_subject_before_a_nearer_name),
        cmocka_unit_test(test_topic_entity_leaves_others_figures),
        cmocka_unit_test(test_name_at_for_glued_headings),
        cmocka_unit_test(test_marker_side_override),
        cmocka_unit_test(test_pathological_contrasts_and_lists),
    };
    return cmocka_run_group_tests_name("extract_rules", tests, setup, teardown);
}

/* test_summary.c — the generated summary bullets and key sentences: they follow the data
 * (a changed table gives changed bullets), the rules' arithmetic is exact, and the key-sentence
 * rule ranks by kinds of fact, then facts, per sentence, with ties to the earlier article. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "report/summary.h"
#include "merge/quotes.h"
#include "merge/table.h"
#include "../fixtures/fixtures.h"

static void add_fact(const struct template *tpl, struct fact_list *l, const char *entity,
                     const char *column, const char *value, const char *article, size_t sno,
                     const char *sentence)
{
    fixture_fact(tpl, l, entity, column, value, article, sno, sentence);
}

/* The week's facts as the five samples give them (abridged). */
static void sample_facts(const struct template *tpl, struct fact_list *l, const char *skt_total)
{
    add_fact(tpl, l, "skt", "flagship_model", "A.X K1", "a", 1, NULL);
    add_fact(tpl, l, "skt", "params_total_b", skt_total, "a", 1, NULL);
    add_fact(tpl, l, "skt", "params_total_b", skt_total, "b", 2, NULL);
    add_fact(tpl, l, "skt", "params_total_b", "519", "c", 3, NULL);
    add_fact(tpl, l, "skt", "params_active_b", "33", "a", 2, NULL);
    add_fact(tpl, l, "skt", "architecture", "MoE", "a", 2, NULL);
    add_fact(tpl, l, "upstage", "flagship_model", "솔라 오픈 100B", "b", 1, NULL);
    add_fact(tpl, l, "upstage", "params_total_b", "100", "b", 1, NULL);
    add_fact(tpl, l, "upstage", "params_active_b", "10.2", "b", 1, NULL);
    add_fact(tpl, l, "upstage", "architecture", "MoE", "b", 1, NULL);
    add_fact(tpl, l, "lg_ai", "params_total_b", "236", "c", 5, NULL);
    add_fact(tpl, l, "lg_ai", "architecture", "MoE", "c", 5, NULL);
    add_fact(tpl, l, "skt", "partners", "크래프톤", "a", 7, NULL);
    add_fact(tpl, l, "skt", "partners", "리벨리온", "a", 7, NULL);
    add_fact(tpl, l, "program", "budget_data_krw_bn", "62.8", "c", 6, NULL);
    add_fact(tpl, l, "program", "budget_gpu_krw_bn", "157.6", "c", 6, NULL);
    add_fact(tpl, l, "program", "budget_talent_krw_bn", "25", "c", 6, NULL);
    add_fact(tpl, l, "program", "presentation_date", "2025-12-30", "c", 1, NULL);
    add_fact(tpl, l, "program", "first_evaluation_date", "2026-01-15", "a", 9, NULL);
    add_fact(tpl, l, "program", "final_selection_date", "2027", "a", 10, NULL);
}

static char *joined(const struct summary *s)
{
    struct buf b = BUF_INIT;
    for (size_t i = 0; i < s->count; i++)
        buf_printf(&b, "%s\n", s->items[i].text);
    return buf_detach(&b);
}

static char *bullets_for(const struct template *tpl, const struct fact_list *l, const char *today,
                         size_t *count)
{
    struct table *t = table_build(tpl, l);
    struct summary s = { 0 };
    summary_bullets(t, l, today, &s);
    *count = s.count;
    for (size_t i = 0; i < s.count; i++)
        assert_true(s.items[i].n_cites > 0);   /* every bullet cites a source */
    char *text = joined(&s);
    summary_free(&s);
    table_free(t);
    return text;
}

static void test_bullets_from_the_data(void **state)
{
    (void)state;
    struct template tpl;
    fixture_template(FIXTURE_TEMPLATE, &tpl);
    struct fact_list l = { 0 };
    sample_facts(&tpl, &l, "500");
    size_t n;
    char *text = bullets_for(&tpl, &l, "2025-12-30", &n);
    assert_true(n >= 4 && n <= 6);
    assert_non_null(strstr(text, "총 파라미터 최대는 SK텔레콤 A.X K1(500B) — 519B로 적은 보도도 1건"));
    assert_non_null(strstr(text, "다음은 LG AI연구원"));
    /* active share = active / total, one decimal, exact */
    assert_non_null(strstr(text, "SK텔레콤(6.6% = 33B/500B)"));
    assert_non_null(strstr(text, "업스테이지(10.2% = 10.2B/100B)"));
    assert_non_null(strstr(text, "LG AI연구원(활성 파라미터 미공개)"));
    /* the budget is summed exactly: 62.8 + 157.6 + 25 = 245.4 bn won */
    assert_non_null(strstr(text, "사업 예산: 데이터 628억 원, GPU 1,576억 원, 인재 250억 원 — "
                                 "합계 2,454억 원."));
    assert_non_null(strstr(text, "MoE 구조 3곳 — 업스테이지(10.2% = 10.2B/100B), "));
    /* the next milestone after the 30th is the 15 January result */
    assert_non_null(strstr(text, "다음 일정: 1차 평가 결과(2026년 1월 15일), 이어 최종 선정(2027년)."));
    assert_non_null(strstr(text, "기간 중 진행: 1차 발표회(2025년 12월 30일)."));
    assert_non_null(strstr(text, "SK텔레콤 총 파라미터 500B(2건) 대 519B(1건)"));
    assert_non_null(strstr(text, "협력사 최다는 SK텔레콤(2곳"));
    fact_list_free(&l);

    /* Different data, different bullets. */
    struct fact_list m = { 0 };
    sample_facts(&tpl, &m, "700");
    add_fact(&tpl, &m, "nc_ai", "params_total_b", "900", "b", 4, NULL);
    size_t n2;
    char *text2 = bullets_for(&tpl, &m, "2026-01-20", &n2);
    assert_string_not_equal(text, text2);
    assert_non_null(strstr(text2, "최대는 NC AI(900B)"));
    assert_non_null(strstr(text2, "다음은 SK텔레콤 A.X K1(700B)"));
    assert_non_null(strstr(text2, "SK텔레콤(4.7% = 33B/700B)"));
    /* after the 15th, the next milestone is the final selection */
    assert_non_null(strstr(text2, "다음 일정: 최종 선정(2027년)."));
    assert_null(strstr(text2, "500B"));
    /* with no reference day every date is ahead: "이어" once, then commas */
    size_t n4;
    char *text4 = bullets_for(&tpl, &m, "", &n4);
    assert_non_null(strstr(text4, "다음 일정: 1차 발표회(2025년 12월 30일), 이어 1차 평가 결과(2026년 "
                                  "1월 15일), 최종 선정(2027년)."));
    free(text4);
    free(text);
    free(text2);
    fact_list_free(&m);

    /* No programme figures, no conflicts: fewer bullets, none invented. */
    struct fact_list o = { 0 };
    add_fact(&tpl, &o, "upstage", "params_total_b", "100", "b", 1, NULL);
    add_fact(&tpl, &o, "upstage", "architecture", "MoE", "b", 1, NULL);
    size_t n3;
    char *text3 = bullets_for(&tpl, &o, "", &n3);
    assert_null(strstr(text3, "예산"));
    assert_null(strstr(text3, "엇갈린"));
    assert_null(strstr(text3, "일정"));
    assert_non_null(strstr(text3, "업스테이지(활성 파라미터 미공개)"));
    free(text3);
    fact_list_free(&o);
    template_free(&tpl);
}

static void test_key_sentences(void **state)
{
    (void)state;
    struct template tpl;
    fixture_template(FIXTURE_TEMPLATE, &tpl);
    struct fact_list l = { 0 };
    /* article "b" is cited before "a" */
    add_fact(&tpl, &l, "skt", "flagship_model", "A.X K1", "a", 3, "하나다.");
    add_fact(&tpl, &l, "skt", "params_total_b", "500", "a", 5, "셋이다.");
    add_fact(&tpl, &l, "skt", "params_active_b", "33", "a", 5, "셋이다.");
    add_fact(&tpl, &l, "skt", "architecture", "MoE", "a", 5, "셋이다.");
    add_fact(&tpl, &l, "skt", "params_total_b", "500", "b", 9, "둘이다.");
    add_fact(&tpl, &l, "skt", "params_total_b", "500", "b", 9, "둘이다.");   /* same fact twice */
    add_fact(&tpl, &l, "skt", "architecture", "MoE", "b", 9, "둘이다.");
    add_fact(&tpl, &l, "skt", "flagship_model", "A.X K1", "b", 2, "하나 더다.");
    add_fact(&tpl, &l, "skt", "flagship_model", "A.X K1", "a", 1, "셋이다.");   /* same text again */
    add_fact(&tpl, &l, "upstage", "params_total_b", "100", "a", 1, "남의 문장이다.");
    /* four partners are four facts but one kind of fact: below "둘이다." (two kinds) */
    add_fact(&tpl, &l, "skt", "partners", "크래프톤", "b", 11, "협력사 목록이다.");
    add_fact(&tpl, &l, "skt", "partners", "리벨리온", "b", 11, "협력사 목록이다.");
    add_fact(&tpl, &l, "skt", "partners", "라이너", "b", 11, "협력사 목록이다.");
    add_fact(&tpl, &l, "skt", "partners", "포티투닷", "b", 11, "협력사 목록이다.");
    /* article "b" was published first */
    for (size_t i = 0; i < l.count; i++)
        l.items[i].published_at = fact_list_intern(
            &l, !strcmp(l.items[i].article_id, "b") ? "2025-12-01" : "2025-12-02", 10);
    /* a glued crawl sub-heading carries the most kinds of fact but is never quoted */
    add_fact(&tpl, &l, "skt", "params_total_b", "500", "c", 1, "SKT, 500B 초거대 AI 모델 A.X K1 개발 성공");
    add_fact(&tpl, &l, "skt", "params_active_b", "33", "c", 1, "SKT, 500B 초거대 AI 모델 A.X K1 개발 성공");
    add_fact(&tpl, &l, "skt", "architecture", "MoE", "c", 1, "SKT, 500B 초거대 AI 모델 A.X K1 개발 성공");
    add_fact(&tpl, &l, "skt", "flagship_model", "A.X K1", "c", 1, "SKT, 500B 초거대 AI 모델 A.X K1 개발 성공");
    /* a quotation that runs past the sentence's end: printed with its marks balanced */
    add_fact(&tpl, &l, "nc_ai", "params_total_b", "100", "c", 2, "대표는 “고성능 100B 모델로 대응한다");
    struct quotes *q = quotes_new(&tpl, 8);
    quotes_add(q, &l);
    struct summary s = { 0 };
    summary_key_sentences(q, (size_t)template_entity_index(&tpl, "skt"), 3, &s);
    assert_int_equal(s.count, 3);
    assert_string_equal(s.items[0].text, "셋이다.");      /* three kinds of fact */
    assert_string_equal(s.items[1].text, "둘이다.");      /* two kinds */
    /* one kind each: four partners beat one model, whatever the article order */
    assert_string_equal(s.items[2].text, "협력사 목록이다.");
    summary_free(&s);
    summary_key_sentences(q, (size_t)template_entity_index(&tpl, "skt"), 4, &s);
    assert_int_equal(s.count, 4);
    assert_string_equal(s.items[3].text, "하나 더다."); /* one fact; article b comes first */
    assert_string_equal(s.items[0].cites[0], "a");
    assert_int_equal(s.items[0].sentence_no, 5);
    summary_free(&s);
    summary_key_sentences(q, (size_t)template_entity_index(&tpl, "nc_ai"), 3, &s);
    assert_int_equal(s.count, 1);
    assert_string_equal(s.items[0].text, "대표는 ‘고성능 100B 모델로 대응한다’");
    summary_free(&s);
    summary_key_sentences(q, (size_t)template_entity_index(&tpl, "lg_ai"), 3, &s);
    assert_int_equal(s.count, 0);
    quotes_free(q);
    fact_list_free(&l);
    template_free(&tpl);
}

/* A briefing prints a bounded number of a cell's disagreeing values: the chosen one and the
 * best supported others, in the cell's order, and counts the rest. */
static void test_conflict_values_are_bounded(void **state)
{
    (void)state;
    struct table_value values[10];
    memset(values, 0, sizeof values);
    static const size_t articles[10] = { 5, 1, 4, 1, 1, 3, 1, 2, 1, 1 };
    for (size_t k = 0; k < 10; k++) {
        values[k].n_articles = articles[k];
        values[k].conflicting = k != 8;   /* an approximation that agrees is no disagreement */
    }
    struct table_cell ce = { 0 };
    ce.values = values;
    ce.n_values = 10;
    size_t pick[SUMMARY_CONFLICT_VALUES], more;
    size_t n = summary_conflict_pick(&ce, 0, pick, &more);
    assert_int_equal(n, SUMMARY_CONFLICT_VALUES);
    assert_int_equal(more, 9 - SUMMARY_CONFLICT_VALUES);
    static const size_t want[SUMMARY_CONFLICT_VALUES] = { 0, 2, 5, 7 };
    for (size_t i = 0; i < n; i++)
        assert_int_equal(pick[i], want[i]);
    n = summary_conflict_pick(&ce, 1, pick, &more);   /* the chosen value left out */
    assert_int_equal(n, SUMMARY_CONFLICT_VALUES - 1);
    assert_int_equal(more, 8 - (SUMMARY_CONFLICT_VALUES - 1));
    assert_int_equal(pick[0], 2);
    assert_int_equal(pick[1], 5);
    assert_int_equal(pick[2], 7);
    ce.n_values = 3;   /* all fit: all, in order */
    n = summary_conflict_pick(&ce, 0, pick, &more);
    assert_int_equal(n, 3);
    assert_int_equal(more, 0);
    struct buf b = BUF_INIT;
    summary_put_more_values(&b, 0);
    assert_int_equal(b.len, 0);
    summary_put_more_values(&b, 7435);
    assert_string_equal(b.data, " 외 다른 값 7,435개");
    buf_free(&b);
}

static void test_formatting(void **state)
{
    (void)state;
    static const struct { const char *in, *unit, *out; } values[] = {
        { "500", "B", "500B" },
        { "10.2", "B", "10.2B" },
        { "62.8", "KRW bn", "628억 원" },
        { "245.4", "KRW bn", "2,454억 원" },
        { "1200", "KRW bn", "1조 2,000억 원" },
        { "1000", "KRW bn", "1조 원" },
        { "0.05", "KRW bn", "5,000만 원" },
        { "-117.6", "KRW bn", "-1,176억 원" },
        { "7123.6", "KRW bn", "7조 1,236억 원" },
        { "71236", "억 원", "71,236억 원" },
        { "1200", "people", "1,200 people" },
        { "3", "KRW tn", "3조 원" },
        { "1.5", "KRW tn", "1조 5,000억 원" },
        { "0.25", "KRW tn", "2,500억 원" },
        { "95", "%", "95%" },
        { "3", "people", "3 people" },
        { "7", "", "7" },
    };
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        struct buf b = BUF_INIT;
        summary_format_value(values[i].in, values[i].unit, &b);
        assert_string_equal(b.data, values[i].out);
        buf_free(&b);
    }
    /* a figure as a reader says it: money and Korean counters in 만 groups */
    static const char *const krw[] = { "KRW" };
    static const struct { const char *in, *unit; int scale; int money; const char *out; } figures[] = {
        { "45320", "억 원", 8, 1, "4조 5,320억 원" },
        { "11910000", "명", 0, 0, "1,191만 명" },
        { "41000", "가구", 0, 0, "4만 1,000가구" },
        { "820", "개", 0, 0, "820개" },
        { "1191", "만 명", 4, 0, "1,191만 명" },
        { "35000", "people", 0, 0, "35,000 people" },
        { "12.5", "%", 0, 0, "12.5%" },
    };
    for (size_t i = 0; i < sizeof figures / sizeof figures[0]; i++) {
        struct template_column c = { 0 };
        c.type = TEMPLATE_COL_QUANTITY;
        c.scale = figures[i].scale;
        c.unit_label = (char *)figures[i].unit;
        if (figures[i].money) {
            c.units.items = (char **)krw;
            c.units.count = 1;
        }
        struct buf b = BUF_INIT;
        summary_format_figure(&c, figures[i].in, &b);
        assert_string_equal(b.data, figures[i].out);
        buf_free(&b);
    }
    static const struct { const char *in, *out; } dates[] = {
        { "2026-01-15", "2026년 1월 15일" },
        { "2026-01", "2026년 1월" },
        { "2027", "2027년" },
        { "2026..2027", "2026~2027년" },
        { "2026-01..2026-03", "2026년 1월 ~ 2026년 3월" },
        { "상반기", "상반기" },
    };
    for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
        struct buf b = BUF_INIT;
        summary_format_date(dates[i].in, &b);
        assert_string_equal(b.data, dates[i].out);
        buf_free(&b);
    }
    static const struct { const char *in, *out; } labels[] = {
        { "총 파라미터(B)", "총 파라미터" },
        { "예산 — 데이터(십억 원)", "데이터" },
        { "구조", "구조" },
        { "(B)", "(B)" },
    };
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        struct buf b = BUF_INIT;
        summary_short_label(labels[i].in, &b);
        assert_string_equal(b.data, labels[i].out);
        buf_free(&b);
    }
}

/* A glued crawl sub-heading is never quoted; a quotation inside a key sentence takes ‘ ’ and
 * a sentence that ends inside somebody's quotation is closed, so the marks balance. */
static void test_key_sentence_quoting(void **state)
{
    (void)state;
    struct template tpl;
    fixture_template(FIXTURE_TEMPLATE, &tpl);
    struct fact_list l = { 0 };
    /* the best-scoring "sentence" is a glued heading: three kinds of fact, no ending */
    add_fact(&tpl, &l, "skt", "params_total_b", "500", "a", 1, "SK텔레콤 A.X K1 500B MoE 공개");
    add_fact(&tpl, &l, "skt", "params_active_b", "33", "a", 1, "SK텔레콤 A.X K1 500B MoE 공개");
    add_fact(&tpl, &l, "skt", "architecture", "MoE", "a", 1, "SK텔레콤 A.X K1 500B MoE 공개");
    add_fact(&tpl, &l, "skt", "params_total_b", "500", "a", 2,
             "그는 “A.X K1은 500B 규모”라고 말했다.");
    add_fact(&tpl, &l, "skt", "architecture", "MoE", "a", 3,
             "정재헌 대표는 “MoE 구조를 택했다");
    struct quotes *q = quotes_new(&tpl, 8);
    quotes_add(q, &l);
    struct summary s = { 0 };
    summary_key_sentences(q, (size_t)template_entity_index(&tpl, "skt"), 3, &s);
    assert_int_equal(s.count, 2);
    assert_string_equal(s.items[0].text, "그는 ‘A.X K1은 500B 규모’라고 말했다.");
    assert_string_equal(s.items[1].text, "정재헌 대표는 ‘MoE 구조를 택했다’");
    summary_free(&s);
    quotes_free(q);
    fact_list_free(&l);
    template_free(&tpl);
}

/* ---- True claims, on a template of another topic ---- */

static const char RESULTS[] =
    "template: results\n"
    "entities:\n"
    "  - {id: a, name: 에이사}\n"
    "  - {id: b, name: 비사}\n"
    "  - {id: c, name: 씨사}\n"
    "  - {id: gov, name: 정부, topic: true}\n"
    "columns:\n"
    "  - {id: revenue, label: 매출, type: quantity, units: [KRW], scale: 8, except: [gov], cues: [매출]}\n"
    "  - {id: profit, label: 영업이익, type: quantity, units: [KRW], scale: 8, except: [gov],\n"
    "     cues: [영업이익]}\n"
    "  - {id: cells, label: 셀, type: keywords, except: [gov],\n"
    "     keywords: {lfp: [LFP], ncm: [NCM], solid: [전고체]}}\n"
    "  - {id: aid, label: 지원금, type: quantity, units: [KRW], scale: 8, entities: [gov], cues: [지원]}\n"
    "layout:\n"
    "  table_columns: [entity, revenue, profit, cells]\n"
    "  value_labels: {lfp: 리튬인산철}\n"
    "  labels: {counter: 개사}\n"
    "  summary: {largest: revenue, share: [profit, revenue], kind: cells, budget: [aid]}\n";

struct claim_case {
    const char *name;
    const char *facts;     /* "entity column value article; …" */
    const char *must[4];   /* substrings that must appear */
    const char *never[4];  /* substrings that must not */
};

static void add_facts(const struct template *tpl, struct fact_list *l, const char *spec)
{
    char *copy = xstrdup(spec), *save = NULL;
    for (char *f = strtok_r(copy, ";", &save); f; f = strtok_r(NULL, ";", &save)) {
        char e[32], c[32], v[32], a[32];
        assert_int_equal(sscanf(f, " %31s %31s %31s %31s", e, c, v, a), 4);
        add_fact(tpl, l, e, c, v, a, 1, NULL);
    }
    free(copy);
}

static void test_true_claims(void **state)
{
    (void)state;
    static const struct claim_case cases[] = {
        { "strict winner", "a revenue 710 x; b revenue 300 x; c revenue 100 y",
          { "매출 최대는 에이사(710억 원)", "다음은 비사(300억 원)" }, { "공동" } },
        { "a tie is a tie", "a revenue 500 x; b revenue 500 y; c revenue 100 y",
          { "매출 공동 최대: 에이사, 비사(각 500억 원)", "다음은 씨사(100억 원)" },
          { "최대는", "최다" } },
        { "a three-way tie", "a revenue 5 x; b revenue 5 y; c revenue 5 y",
          { "매출 공동 최대: 에이사, 비사, 씨사(각 5억 원)" }, { "최대는", "다음은" } },
        { "one report is not a ranking", "b revenue 300 x",
          { "매출: 비사(300억 원)만 보도" }, { "최대", "다음" } },
        { "a loss is negative, and so is its margin",
          "a revenue 1000 x; a profit -117.6 x; b revenue 500 y; b profit 50 y",
          { "영업이익/매출: 에이사 -11.8%, 비사 10%" }, { "에이사 11.8%" } },
        { "a loss printed with its sign", "a revenue 1000 x; a profit -117.6 x; a cells lfp x",
          { "에이사(-11.8% = -117억 6,000만 원/1,000억 원)" }, { "에이사(11.8%" } },
        { "kind tie", "a cells lfp x; b cells ncm y; a revenue 1 x",
          { "셀은 동수로 갈렸다 — 리튬인산철 1개사(에이사", "ncm 1개사(비사" },
          { "최다", "리튬인산철 셀 1개사 —" } },
        { "kind with a strict winner", "a cells lfp x; b cells lfp y; c cells ncm y",
          { "리튬인산철 셀 2개사 — 에이사(영업이익 미공개), 비사(영업이익 미공개)." },
          { "동수", "씨사(", "괄호 안은" } },
        { "a rule without data stays silent", "a profit 5 x",
          { NULL }, { "매출", "지원금", "셀", "영업이익" } },
        { "budget of one item, no sum", "gov aid 25 x; a revenue 1 x",
          { "합계: 지원금 25억 원" }, { "— 합계" } },
    };
    struct template tpl;
    struct diag d;
    diag_init(&d, NULL, 0, 0);
    assert_int_equal(template_load_buffer("r.yaml", RESULTS, strlen(RESULTS), &d, &tpl), EXP_OK);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct fact_list l = { 0 };
        add_facts(&tpl, &l, cases[i].facts);
        size_t n;
        char *text = bullets_for(&tpl, &l, "", &n);
        for (size_t k = 0; k < 4 && cases[i].must[k]; k++)
            if (!strstr(text, cases[i].must[k]))
                fail_msg("%s: missing \"%s\" in:\n%s", cases[i].name, cases[i].must[k], text);
        for (size_t k = 0; k < 4 && cases[i].never[k]; k++)
            if (strstr(text, cases[i].never[k]))
                fail_msg("%s: unexpected \"%s\" in:\n%s", cases[i].name, cases[i].never[k], text);
        free(text);
        fact_list_free(&l);
    }
    template_free(&tpl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bullets_from_the_data),
        cmocka_unit_test(test_key_sentences),
        cmocka_unit_test(test_formatting),
        cmocka_unit_test(test_conflict_values_are_bounded),
        cmocka_unit_test(test_true_claims),
        cmocka_unit_test(test_key_sentence_quoting),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

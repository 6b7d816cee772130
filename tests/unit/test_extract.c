/* test_extract.c — name matching, clause attribution and the never-invent exclusions, on
 * articles built from literal sentences (the sentences of the samples, and variations). */
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
#include "../fixtures/fixtures.h"

struct fixture {
    struct template tpl;
    struct extractor *ex;
};

static int setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);
    fixture_template(FIXTURE_TEMPLATE, &fx->tpl);
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

static void run(struct fixture *fx, const char *const *sents, size_t n, struct fact_list *out)
{
    struct article a;
    fixture_article(&a, sents, n);
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

/* Number of facts for entity/column, and whether one has the value. */
static size_t count(const struct fixture *fx, const struct fact_list *l, const char *entity,
                    const char *column, const char *value)
{
    size_t n = 0;
    for (size_t i = 0; i < l->count; i++) {
        const struct fact *f = &l->items[i];
        if (entity && strcmp(fx->tpl.entities[f->entity].id, entity))
            continue;
        if (column && strcmp(fx->tpl.columns[f->column].id, column))
            continue;
        if (value && strcmp(f->value, value))
            continue;
        n++;
    }
    return n;
}

static size_t param_facts(const struct fixture *fx, const struct fact_list *l)
{
    return count(fx, l, NULL, "params_total_b", NULL) + count(fx, l, NULL, "params_active_b", NULL);
}

/* ---- Names ---- */

static void test_names_tolerate_spaces_hyphens_case(void **state)
{
    struct fixture *fx = *state;
    static const struct { const char *sentence, *entity, *model; } cases[] = {
        { "솔라-오픈-100B는 1020억 개의 매개변수를 갖췄다.", "upstage", "솔라 오픈 100B" },
        { "솔라 오픈 100B 모델을 공개했다.", "upstage", "솔라 오픈 100B" },
        { "하이퍼클로바 X 시드 32B 씽크 모델을 공개했다.", "naver_cloud",
          "하이퍼클로바X 시드 32B 싱크" },
        { "HyperCLOVA X SEED 8B Omni 모델도 있다.", "naver_cloud", "하이퍼클로바X 시드 8B 옴니" },
        { "k-exaone을 무료로 배포한다.", "lg_ai", "K-엑사원" },
        { "‘에이닷엑스 케이원’(A.X K1) 개발을 성과로 제시했다.", "skt", "A.X K1" },
        { "NC AI는 ‘배키’(VAETKI)를 공개했다.", "nc_ai", "VAETKI" },
        { "A.X K1은 총 5190억개의 매개변수로 구성됐다.", "skt", "A.X K1" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct fact_list l;
        const char *s[] = { cases[i].sentence };
        run(fx, s, 1, &l);
        if (count(fx, &l, cases[i].entity, "models", cases[i].model) != 1)
            fail_msg("%s: model %s not found", cases[i].sentence, cases[i].model);
        fact_list_free(&l);
    }
}

static void test_particles_and_boundaries(void **state)
{
    struct fixture *fx = *state;
    struct fact_list l;
    RUN(fx, &l, "업스테이지는 래블업과 함께 학습을 효율화했다.",
        "SK텔레콤이 크래프톤, 포티투닷과 손잡았다.", "\n한국과학기술원으로 구성된 SKT 정예팀이다.");
    assert_int_equal(count(fx, &l, "upstage", "partners", "래블업"), 1);
    assert_int_equal(count(fx, &l, "skt", "partners", "크래프톤"), 1);
    assert_int_equal(count(fx, &l, "skt", "partners", "포티투닷"), 1);
    assert_int_equal(count(fx, &l, "skt", "partners", "한국과학기술원"), 1);
    /* every sentence names its entity once: three mentions */
    assert_int_equal(l.n_mentions, 3);
    fact_list_free(&l);

    /* no particle after the name: another word, not the name; ASCII names need edges */
    RUN(fx, &l, "베키아는 모델이 아니다.", "SKTX는 SK텔레콤이 아니다.", "노타리 공증.");
    assert_int_equal(count(fx, &l, "nc_ai", "models", NULL), 0);
    assert_int_equal(count(fx, &l, NULL, "partners", NULL), 0);
    assert_int_equal(l.n_mentions, 1);   /* only SK텔레콤 in the second sentence */
    assert_string_equal(fx->tpl.entities[l.mentions[0].entity].id, "skt");
    assert_int_equal(l.mentions[0].sentence_no, 2);
    fact_list_free(&l);
}

static void test_keywords_need_their_cues(void **state)
{
    struct fixture *fx = *state;
    struct fact_list l;
    RUN(fx, &l, "하이퍼클로바X 시드 8B 옴니는 텍스트, 이미지, 오디오를 동시에 학습한다.",
        "김성훈 업스테이지 대표는 설명을 영상과 텍스트로 대체하지 않았다.",
        "K-엑사원은 다수의 전문가 네트워크가 상황에 맞춰 선택되는 구조다.");
    assert_int_equal(count(fx, &l, "naver_cloud", "modalities", "text"), 1);
    assert_int_equal(count(fx, &l, "naver_cloud", "modalities", "image"), 1);
    assert_int_equal(count(fx, &l, "naver_cloud", "modalities", "audio"), 1);
    assert_int_equal(count(fx, &l, "upstage", "modalities", NULL), 0);   /* no cue word */
    assert_int_equal(count(fx, &l, "lg_ai", "architecture", "MoE"), 1);
    fact_list_free(&l);

    /* a goal is a plan, not a present modality */
    RUN(fx, &l, "네이버클라우드 정예팀은 텍스트·음성·이미지·비디오 데이터를 통합 이해·생성하는 "
                "옴니 파운데이션 모델 구축을 목표로 한다.");
    assert_int_equal(count(fx, &l, "naver_cloud", "modalities", NULL), 0);
    fact_list_free(&l);
}

static void test_provenance(void **state)
{
    struct fixture *fx = *state;
    struct fact_list l;
    RUN(fx, &l, "첫 문장이다.", "SK텔레콤은 크래프톤과 협력한다.");
    assert_int_equal(l.count, 1);
    const struct fact *f = &l.items[0];
    assert_string_equal(f->article_id, "t_0001");
    assert_string_equal(f->publisher, "테스트일보");
    assert_string_equal(f->published_at, "2025-12-30T00:00:00+09:00");
    assert_int_equal(f->sentence_no, 2);
    assert_string_equal(f->sentence, "SK텔레콤은 크래프톤과 협력한다.");
    assert_string_equal(f->raw_text, "크래프톤");
    /* offset in the body: "첫 문장이다. " is 17 bytes, "SK텔레콤은 " 16 */
    assert_int_equal(f->offset, strlen("첫 문장이다. SK텔레콤은 "));
    fact_list_clear(&l);
    assert_int_equal(l.count, 0);
    assert_int_equal(l.n_mentions, 0);
    fact_list_free(&l);
    fact_list_free(NULL);
}

/* ---- Figures (need the quantity normaliser) ---- */

static void test_total_and_active_bind_to_their_figures(void **state)
{
    struct fixture *fx = *state;
    struct fact_list l;
    RUN(fx, &l, "A.X K1은 총 5190억개의 매개변수로 구성된 초거대 모델로, 추론 시에는 약 330억개의 "
                "매개변수만 활성화하는 구조를 채택해 성능과 효율을 동시에 확보했다.");
    assert_int_equal(count(fx, &l, "skt", "params_total_b", "519"), 1);
    assert_int_equal(count(fx, &l, "skt", "params_active_b", "33"), 1);
    assert_int_equal(param_facts(fx, &l), 2);
    fact_list_free(&l);

    RUN(fx, &l, "솔라-오픈-100B는 1020억 개의 매개변수를 갖췄으며, 질문에 따라 102억 개의 매개변수가 "
                "개별로 동작하는 MoE 방식으로 동작한다.");
    assert_int_equal(count(fx, &l, "upstage", "params_total_b", "102"), 1);
    assert_int_equal(count(fx, &l, "upstage", "params_active_b", "10.2"), 1);
    assert_int_equal(count(fx, &l, "upstage", "architecture", "MoE"), 1);
    assert_int_equal(param_facts(fx, &l), 2);   /* the 100B inside the name is no figure */
    fact_list_free(&l);

    RUN(fx, &l, "A.X K1은 대규모 데이터센터 상에 500B(5000억 개) 매개변수를 갖추고, 사용할 때 MoE를 "
                "통해 33B로 동작한다.");
    assert_int_equal(count(fx, &l, "skt", "params_total_b", "500"), 1);
    assert_int_equal(count(fx, &l, "skt", "params_active_b", "33"), 1);
    assert_int_equal(param_facts(fx, &l), 2);
    fact_list_free(&l);
}

static void test_moe_form_and_carry_over(void **state)
{
    struct fixture *fx = *state;
    struct fact_list l;
    /* the quote names nobody: the subject carries over from 베키 in the sentence before; the
     * derived models after 그리고 확산형으로 are variants, not VAETKI itself */
    RUN(fx, &l, "이렇게 완성된 베키는 효율성과 확산성 확보를 위해 4개 모델로 파생된다.",
        "대표는 “고성능 100B-A10 MoE(전문가 혼합) 모델, 그리고 확산형으로 20B-A2B MoE, 7B-A1B "
        "MoE 모델로 다양한 확장성에 대응한다”라고 말했다.");
    assert_int_equal(count(fx, &l, "nc_ai", "params_total_b", "100"), 1);
    assert_int_equal(count(fx, &l, "nc_ai", "params_active_b", "10"), 1);
    assert_int_equal(param_facts(fx, &l), 2);
    fact_list_free(&l);

    /* a paragraph break ends the carry-over */
    RUN(fx, &l, "SK텔레콤 정예팀은 목표로 사업에 참여했다.",
        "\n규모 면에서는 가장 큰 규모인 500B(5000억 개) 매개변수 모델을 구축했다.");
    assert_int_equal(param_facts(fx, &l), 0);
    fact_list_free(&l);
    RUN(fx, &l, "SK텔레콤 정예팀은 목표로 사업에 참여했다.",
        "규모 면에서는 가장 큰 규모인 500B(5000억 개) 매개변수 모델을 구축했다.");
    assert_int_equal(count(fx, &l, "skt", "params_total_b", "500"), 1);
    fact_list_free(&l);
}

/* Every figure the issue says must not land in any row, in its own sentence. */
static void test_never_invent(void **state)
{
    struct fixture *fx = *state;
    static const char *const cases[][2] = {
        /* other companies' models */
        { "K-엑사원은 오픈AI GPT-OSS 120B, 큐웬 3 235B와 비교해 추론, 수학, 코딩에서 앞선 "
          "성능을 보여준다.", NULL },
        { "하이퍼클로바 X 시드 32B 씽크 모델의 한국어 성능은 인턴VL3_5-38B 씽킹 모델과 비교해도 "
          "높다.", NULL },
        { "비전 인식과 AI 에이전트 수행 능력 면에서도 큐웬3-VL-32B 씽크 모델보다 높다.", NULL },
        { "현재 1차수에서는 MoE 구조의 K-엑사원 236 모델을 개발했고, 알리바바 큐웬 3-235B와 "
          "경쟁할 수 있다.", NULL },
        /* other countries */
        { "현재 1조 파라미터(매개변수) 규모 모델을 보유한 건 미국뿐이며, 500B 이상 모델도 중국과 "
          "프랑스, 일본 정도다.", NULL },
        { "정석근 AI CIC장은 “500B 모델은 중국, 프랑스, 일본, 한국만 이뤄놓은 단계며, 미국만이 "
          "1000B 모델에 닿고 있다.", NULL },
        { "파라미터 5000억개 이상 대규모언어모델(LLM)을 보유한 국가는 미국, 중국 등 극소수에 "
          "그친다.", NULL },
        /* plans */
        { "이연수 대표는 “NC AI는 1차 사업으로 100B 모델을 구축했고, 2차 사업에서 200B, 3차 "
          "사업에서는 산업 특화 LLM 개발을 할 계획이다.", NULL },
        { "SKT는 이날 A.X K1을 1조, 2조 규모 모델까지 진화시키겠다는 계획도 제시했다.", NULL },
        { "SK텔레콤은 장기적으로 1조, 2조 규모의 모델까지 진화시킬 예정이다.", NULL },
        { "김성훈 대표는 “100B 모델을 통해 딥리서치 실현을 달성했고, 여기에 멈추지 않고 200B, "
          "300B, 멀티모달 모델까지 이루려 한다.", NULL },
        { "NC AI 정예팀은 200B급 독자 대규모 언어모델을 구축하고, 공공 분야로의 확산을 목표로 "
          "하고 있다.", NULL },
        /* history */
        { "김성훈 업스테이지 대표는 솔라 LLM 개발을 시작했고, 10.7B를 시작으로 솔라 프로 2까지 "
          "성공적으로 개발했다.", NULL },
        /* variants: a smaller derived model is not the flagship */
        { "소형 모델인 8B 모델 역시 네이버클라우드의 옴니 기능을 지원한다.", NULL },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct fact_list l;
        const char *s[] = { "SK텔레콤 정예팀은 발표했다.", cases[i][0] };
        run(fx, s, 2, &l);
        if (param_facts(fx, &l)) {
            const struct fact *f = NULL;
            for (size_t k = 0; k < l.count && !f; k++)
                if (strstr(fx->tpl.columns[l.items[k].column].id, "params_"))
                    f = &l.items[k];
            fail_msg("invented %s %s = %s from \"%s\"", fx->tpl.entities[f->entity].id,
                     fx->tpl.columns[f->column].id, f->value, cases[i][0]);
        }
        fact_list_free(&l);
    }
}

static void test_history_clause_keeps_the_present(void **state)
{
    struct fixture *fx = *state;
    struct fact_list l;
    RUN(fx, &l, "김성훈 업스테이지 대표는 원래라면 30B 수준에 도전할 단계지만 독자 AI 파운데이션 "
                "사업을 통해 100B 모델을 완성했다.");
    assert_int_equal(count(fx, &l, "upstage", "params_total_b", "100"), 1);
    assert_int_equal(param_facts(fx, &l), 1);
    fact_list_free(&l);
}

static void test_another_country_in_the_entitys_own_clause(void **state)
{
    struct fixture *fx = *state;
    struct fact_list l;
    RUN(fx, &l, "LG AI연구원은 미국과 중국의 최신 오픈 웨이트 모델 성능을 뛰어넘는 매개변수 2360억 개 "
                "규모의 국산 AI 모델 ‘K-엑사원’(K-EXAONE)을 발표했다.");
    assert_int_equal(count(fx, &l, "lg_ai", "params_total_b", "236"), 1);
    fact_list_free(&l);
}

static void test_largest_per_clause_and_program_facts(void **state)
{
    struct fixture *fx = *state;
    struct fact_list l;
    RUN(fx, &l, "네이버클라우드는 32B 및 8B 모델을 활용해 옴니모델 사업을 확장하고 나선다.");
    assert_int_equal(count(fx, &l, "naver_cloud", "params_total_b", "32"), 1);
    assert_int_equal(param_facts(fx, &l), 1);
    fact_list_free(&l);

    RUN(fx, &l, "사업 규모는 데이터 분야에 628억 원, GPU 지원에 1576억 원, 인재 영입비에 250억 원이 "
                "할당됐고, 2026년 상반기 내 1차 개발을 끝낼 예정이다.",
        "각 팀은 최신 글로벌 AI 모델 대비 95% 이상의 성능을 달성해야 한다.");
    assert_int_equal(count(fx, &l, "program", "budget_data_krw_bn", "62.8"), 1);
    assert_int_equal(count(fx, &l, "program", "budget_gpu_krw_bn", "157.6"), 1);
    assert_int_equal(count(fx, &l, "program", "budget_talent_krw_bn", "25"), 1);
    assert_int_equal(count(fx, &l, "program", "budget_data_krw_bn", NULL), 1);
    assert_int_equal(count(fx, &l, "program", "target_performance_pct", "95"), 1);
    for (size_t i = 0; i < l.count; i++)
        if (!strcmp(fx->tpl.columns[l.items[i].column].id, "target_performance_pct"))
            assert_int_equal(l.items[i].qualifier, QUAL_AT_LEAST);
    fact_list_free(&l);
}

static void test_dates(void **state)
{
    struct fixture *fx = *state;
    struct fact_list l;
    /* the article is dated 2025-12-30: a January without a year is next January */
    RUN(fx, &l, "1차 평가 결과는 내년 1월 15일 이전에 발표되며, 이 과정에서 첫 탈락 팀이 결정된다.",
        "1차 발표회가 12월 30일 서울 삼성동 코엑스에서 개최됐다.",
        "2027년 최종 2개 팀이 결정될 예정이다.",
        "2026년 1월 15일 이전에 1차 결과가 발표된다.",
        "과기정통부는 오는 1월 중 1차 단계평가를 진행해 결과를 발표할 예정이다.",
        "28일 업계에 따르면 30일 발표회가 열린다.");
    assert_int_equal(count(fx, &l, "program", "first_evaluation_date", "2026-01-15"), 2);
    assert_int_equal(count(fx, &l, "program", "first_evaluation_date", "2026-01"), 1);
    assert_int_equal(count(fx, &l, "program", "presentation_date", "2025-12-30"), 1);
    assert_int_equal(count(fx, &l, "program", "final_selection_date", "2027"), 1);
    /* a day alone is too ambiguous to read */
    assert_int_equal(count(fx, &l, "program", "presentation_date", NULL), 1);
    fact_list_free(&l);
    /* a relative year word names the month's year: last year, this year (no roll-over) */
    RUN(fx, &l, "1차 발표회가 지난해 12월 30일 서울 삼성동 코엑스에서 개최됐다.",
        "1차 평가 결과는 올해 1월 15일 이전에 발표됐다.",
        "1차 평가 결과는 작년12월 1일 발표됐다.");
    assert_int_equal(count(fx, &l, "program", "presentation_date", "2024-12-30"), 1);
    assert_int_equal(count(fx, &l, "program", "first_evaluation_date", "2025-01-15"), 1);
    assert_int_equal(count(fx, &l, "program", "first_evaluation_date", "2025-12-01"), 1);
    fact_list_free(&l);
}

/* A day the month does not have is not a date: the month stands alone. */
static void test_impossible_dates(void **state)
{
    struct fixture *fx = *state;
    struct fact_list l;
    RUN(fx, &l, "2026년 2월 30일 이전에 1차 결과가 발표된다.");
    assert_int_equal(count(fx, &l, "program", "first_evaluation_date", "2026-02-30"), 0);
    assert_int_equal(count(fx, &l, "program", "first_evaluation_date", "2026-02"), 1);
    fact_list_free(&l);
}

/* Pathological input under a time limit: one clause packed with names, cues and distinct
 * figures just under the length cap, and one past it (reported, skipped). */
static void test_pathological_sentences(void **state)
{
    struct fixture *fx = *state;
    struct buf b = BUF_INIT;
    for (unsigned i = 0; b.len < 16000; i++)
        buf_printf(&b, "SK텔레콤 매개변수 %uB 활성화 %uB 크래프톤 MoE 텍스트 데이터 ", i + 1, i + 2);
    buf_puts(&b, "다.");
    struct buf big = BUF_INIT;
    while (big.len < 200000)
        buf_puts(&big, "A.X K1 500B 매개변수 ");
    struct article a;
    const char *sents[] = { b.data, big.data };
    fixture_article(&a, sents, 2);
    struct fact_list l;
    memset(&l, 0, sizeof l);
    char *msg = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&msg, &len);
    struct diag d;
    diag_init(&d, mem, 0, 0);
    clock_t start = clock();
    assert_int_equal(extract_article(fx->ex, &a, &l, &d), EXP_OK);
    double secs = (double)(clock() - start) / CLOCKS_PER_SEC;
    fclose(mem);
    if (secs > 2.0)
        fail_msg("pathological sentences took %.2f s", secs);
    assert_non_null(strstr(msg, "test.txt: warning: sentence 2 is"));
    /* one clause of many sizes: the largest is kept */
    assert_int_equal(count(fx, &l, "skt", "params_total_b", NULL), 1);
    free(msg);
    fact_list_free(&l);
    article_free(&a);
    buf_free(&b);
    buf_free(&big);
}

/* A template whose every name and word is one byte ("L", "F": too short to index) builds an
 * extractor with an empty lexicon and finds nothing (fuzz_template found qsort handed NULL). */
static void test_one_byte_names_and_words(void **state)
{
    (void)state;
    static const char yaml[] = "template: tiny\n"
                               "entities:\n  - {id: l, name: L}\n"
                               "columns:\n  - {id: n, type: quantity, units: [KRW], cues: [F]}\n";
    struct template tpl;
    struct diag d;
    diag_init(&d, NULL, 0, 0);
    assert_int_equal(template_load_buffer("tiny.yaml", yaml, strlen(yaml), &d, &tpl), EXP_OK);
    struct extractor *ex = extract_new(&tpl);
    assert_non_null(ex);
    struct fixture fx = { tpl, ex };
    struct fact_list l;
    RUN(&fx, &l, "L F 100원이다.");
    assert_int_equal(l.count, 0);
    fact_list_free(&l);
    extract_free(ex);
    template_free(&tpl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names_tolerate_spaces_hyphens_case),
        cmocka_unit_test(test_particles_and_boundaries),
        cmocka_unit_test(test_keywords_need_their_cues),
        cmocka_unit_test(test_provenance),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_impossible_dates),
        cmocka_unit_test(test_total_and_active_bind_to_their_figures),
        cmocka_unit_test(test_moe_form_and_carry_over),
        cmocka_unit_test(test_never_invent),
        cmocka_unit_test(test_history_clause_keeps_the_present),
        cmocka_unit_test(test_another_country_in_the_entitys_own_clause),
        cmocka_unit_test(test_largest_per_clause_and_program_facts),
        cmocka_unit_test(test_pathological_sentences),
        cmocka_unit_test(test_one_byte_names_and_words),
    };
    return cmocka_run_group_tests_name("extract", tests, setup, teardown);
}

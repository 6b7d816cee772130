/* test_briefing.c — the plain briefing from a struct briefing_input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "briefing.h"

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

static const char *const body_a[] = {
    "오는 30일 열리는 ‘독자 인공지능(AI) 파운데이션 모델 프로젝트’ 1차 발표회를 앞두고 참여 기업 간 "
    "물밑 경쟁이 치열하다. 이 프로젝트는 해외 초거대 AI 모델에 대한 의존도를 낮추고, 국내 기술을 "
    "기반으로 한 파운데이션 모델을 확보하기 위한 전략의 기둥이다.",
    "현재 네이버클라우드, 업스테이지, SK텔레콤, NC AI, LG AI연구원 등 5곳이 컨소시엄 형태로 참여 "
    "중이다. 과학기술정보통신부는 각 컨소시엄이 개발한 AI 모델을 시연하고 성과를 발표할 예정이다.",
};
static const char *const body_b[] = {
    "업스테이지는 Solar Open 100B를 공개했다. 전문가 혼합(MoE) 구조로 활성 매개변수는 120억 개다.",
    "깨진 바이트 \xff 도 복구된다. 없는 글자 \xF0\x9F\x98\x80 는 상자로 그린다.",
};

static void test_briefing_pdf(void **state)
{
    (void)state;
    const struct briefing_article arts[2] = {
        { "한국형 초거대 AI 경쟁 본격화…30일 ‘첫 시험대’ 오른다", "디지털타임스",
          "2025-12-28 00:00", "https://n.news.naver.com/mnews/article/029/0003001728",
          "이혜선 기자", body_a, 2, 5, "articles/000.txt" },
        { "업스테이지, 솔라 오픈 공개", "전자신문", "2025-12-30 12:00",
          "https://example.kr/a?id=1", NULL, body_b, 2, 3, "articles/001.txt" },
    };
    struct briefing_input in = { "소버린 AI 주간 브리핑", "2025-12-30 09:00 KST", arts, 2, NULL, 0 };
    char *log = NULL, *pdf = NULL;
    size_t log_len = 0, pdf_len = 0;
    FILE *lf = open_memstream(&log, &log_len);
    FILE *pf = open_memstream(&pdf, &pdf_len);
    struct diag d;
    diag_init(&d, lf, 0, 0);
    assert_int_equal(briefing_write(pf, &in, &d), EXP_OK);
    fclose(pf);
    fclose(lf);
    assert_memory_equal(pdf, "%PDF-1.", 7);
    assert_non_null(find(pdf, pdf_len, "%%EOF"));
    /* per article a borderless source link, and its title in the table links to it */
    assert_int_equal(count(pdf, pdf_len, "/Subtype /Link"), 4);
    assert_int_equal(count(pdf, pdf_len, "/Border [ 0 0 0 ]"), 4);
    assert_int_equal(count(pdf, pdf_len, "/S /URI"), 2);
    assert_int_equal(count(pdf, pdf_len, "/Subtype /Link\n/Dest "), 2);
    assert_non_null(find(pdf, pdf_len, "/Outlines"));
    /* the invalid byte is named with its article */
    assert_non_null(strstr(log, "articles/001.txt: warning: invalid UTF-8"));
    /* a character no font has: named once, with the article */
    assert_non_null(strstr(log, "articles/001.txt: warning: no font has U+1F600"));
    const char *keep = getenv("BRIEFING_TEST_OUT");
    if (keep) {
        FILE *fp = fopen(keep, "wb");
        if (fp) {
            fwrite(pdf, 1, pdf_len, fp);
            fclose(fp);
        }
    }
    free(pdf);
    free(log);
}

static void test_empty_briefing(void **state)
{
    (void)state;
    struct briefing_input in = { NULL, NULL, NULL, 0, NULL, 1 };
    char *pdf = NULL;
    size_t pdf_len = 0;
    FILE *pf = open_memstream(&pdf, &pdf_len);
    struct diag d;
    diag_init(&d, stderr, 0, 0);
    assert_int_equal(briefing_write(pf, &in, &d), EXP_OK);
    fclose(pf);
    assert_non_null(find(pdf, pdf_len, "/MediaBox [ 0 0 612 792 ]"));
    free(pdf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_briefing_pdf),
        cmocka_unit_test(test_empty_briefing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* typeset_bench.c — typesets N pages of Korean text and reports pages/s and peak RSS.
 *
 * Usage: typeset_bench PAGES [OUT.pdf]
 * The whole engine is timed: font resolution, shaping, line breaking, layout (paragraphs,
 * headings and a table every few pages), subsetting and PDF writing into memory. Peak RSS
 * comes from getrusage (ru_maxrss), so run one size per process. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "util/buf.h"
#include "util/diag.h"
#include "typeset/font.h"
#include "typeset/layout.h"
#include "typeset/pdf_out.h"

static const char *const sentences[] = {
    "과학기술정보통신부는 독자 인공지능 파운데이션 모델 프로젝트의 1차 평가 결과를 발표했다.",
    "평가는 성능·안전성·활용성 세 가지 기준으로 진행됐으며, 다섯 개 컨소시엄이 참여했다.",
    "네이버클라우드는 HyperCLOVA X SEED 32B Think 모델을 공개하며 추론 능력을 강조했다.",
    "업스테이지의 Solar Open 100B는 전문가 혼합(MoE) 구조로 활성 매개변수가 120억 개다.",
    "SK텔레콤은 5,190억 개의 매개변수를 가진 A.X K1을 선보였다.",
    "전문가들은 “매개변수 규모만으로 경쟁력을 판단할 수는 없다”고 입을 모았다.",
    "정부는 2026년 1월 중 한 팀을 탈락시키고 나머지 팀에 GPU 1,000장을 추가로 지원한다.",
    "벤치마크 평균 점수는 72.03점으로 지난해보다 5.4% 올랐다.",
    "LG AI연구원은 K-EXAONE을, NC AI는 VAETKI(배키)를 각각 공개했다.",
    "데이터의 질과 평가 방식의 투명성이 더 중요하다는 지적도 나온다……",
    "한국어 이해 능력에서는 해외 모델을 앞선다는 주장이 나왔지만 외부 검증은 아직이다.",
    "산업 현장에 바로 쓸 수 있는 경량 모델도 함께 공개돼 눈길을 끌었다.",
};
#define NSENT (sizeof sentences / sizeof sentences[0])

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: typeset_bench PAGES [OUT.pdf]\n");
        return 64;
    }
    int pages = atoi(argv[1]);
    if (pages < 1)
        pages = 1;
    struct diag d;
    diag_init(&d, stderr, 0, 0);
    double t0 = now();
    struct font_set *fs;
    if (font_set_new(NULL, &d, &fs) != EXP_OK)
        return 78;
    struct layout_page_setup ps;
    layout_page_setup_a4(&ps);
    ps.header_left = "조판 성능 시험";
    struct layout *L = layout_new(&ps, fs, &d);
    const struct layout_text_style h = { .font = FONT_SANS_BOLD, .size = 13, .leading = 1.4f,
        .color = 0x0F2740, .align = LAYOUT_LEFT, .space_before = 14, .space_after = 4 };
    const struct layout_text_style body = { .font = FONT_SANS, .size = 10, .leading = 1.6f,
        .color = 0x1F2328, .align = LAYOUT_JUSTIFY, .space_after = 6 };
    static const struct layout_column cols[5] = {
        { "번호", LAYOUT_COL_CONTENT, 0, LAYOUT_AUTO },
        { "기관", LAYOUT_COL_CONTENT, 0, LAYOUT_AUTO },
        { "모델", LAYOUT_COL_PROPORTIONAL, 1, LAYOUT_AUTO },
        { "매개변수", LAYOUT_COL_CONTENT, 0, LAYOUT_AUTO },
        { "비고", LAYOUT_COL_PROPORTIONAL, 2, LAYOUT_AUTO },
    };
    static const char *const row[5] = { "1", "업스테이지", "Solar Open 100B", "1,000억",
                                        "전문가 혼합(MoE) 구조, 활성 매개변수 120억 개" };
    const char *cells[8 * 5];
    for (int i = 0; i < 8 * 5; i++)
        cells[i] = row[i % 5];
    unsigned seed = 12345;
    struct buf para = BUF_INIT;
    int section = 0;
    while (layout_page_count(L) < pages) {
        if (section % 6 == 0) {
            char title[64];
            snprintf(title, sizeof title, "%d. 평가 결과 요약", section / 6 + 1);
            layout_heading(L, title, &h, 0);
        }
        buf_clear(&para);
        int n = 3 + (int)(seed % 4);
        for (int i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            buf_printf(&para, "%s%s", i ? " " : "", sentences[(seed >> 16) % NSENT]);
        }
        layout_paragraph(L, para.data, &body);
        if (section % 12 == 11) {
            struct layout_table t = { .cols = cols, .ncols = 5, .cells = cells, .nrows = 8,
                .zebra = 1 };
            layout_table(L, &t);
        }
        section++;
    }
    buf_free(&para);
    layout_finish(L);
    double t1 = now();
    struct buf pdf = BUF_INIT;
    struct pdf_out_stats st;
    enum exp_status rc = pdf_out_to_buf(L, NULL, &pdf, &st, &d);
    double t2 = now();
    if (rc == EXP_OK && argc > 2) {
        FILE *fp = fopen(argv[2], "wb");
        if (fp) {
            fwrite(pdf.data, 1, pdf.len, fp);
            fclose(fp);
        }
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    int got = layout_page_count(L);
    /* CPU time too: the wall clock of a shared machine says more about the neighbours. */
    double cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6
                 + (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
    printf("%5d pages  %6.3f s wall  %5.0f pages/s  (layout %.3f s, pdf %.3f s)  "
           "cpu %.3f s = %5.0f pages/s  %8zu bytes  peak RSS %ld MB\n", got, t2 - t0,
           got / (t2 - t0), t1 - t0, t2 - t1, cpu, got / cpu, pdf.len, ru.ru_maxrss / 1024);
    buf_free(&pdf);
    layout_free(L);
    font_set_free(fs);
    return rc == EXP_OK ? 0 : 70;
}

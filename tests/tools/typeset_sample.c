/* typeset_sample.c — the typesetting engine's test document.
 *
 * Usage: typeset_sample [--one-page] OUT.pdf [POSITIONS.txt [PARAGRAPHS.txt]]
 * Lays out long Korean paragraphs, a heading hierarchy, a five-column table that breaks
 * across pages and mixed Hangul/Latin/digit/punctuation text, writes the PDF, the layout's
 * own glyph positions (layout_dump_positions) and the source texts one per line ("P<TAB>text"
 * for a body paragraph, "C<TAB>text" for a table cell), so
 * tests/integration/typeset_*.sh can compare them with what PDF readers extract. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/diag.h"
#include "typeset/font.h"
#include "typeset/layout.h"
#include "typeset/pdf_out.h"

static const char *const paras[] = {
    "정부는 2024년 3월 15일(금) “독자 인공지능(AI) 파운데이션 모델” 사업의 1차 평가 결과를 "
    "발표했다. 평가는 성능·안전성·활용성 세 가지 기준으로 진행됐으며, 다섯 개 컨소시엄이 "
    "각자의 모델을 공개했다. 과학기술정보통신부는 “국내 기술로 만든 모델이 글로벌 수준에 "
    "근접했다”고 평가하면서도, 학습 데이터와 컴퓨팅 자원의 격차는 여전히 크다고 밝혔다.",
    "네이버클라우드는 HyperCLOVA X SEED 32B Think 모델을 내놓았다. 전체 매개변수는 약 320억 개이며, "
    "추론 과정을 단계별로 보여 주는 ‘생각하기’ 기능을 강조했다. 업스테이지는 Solar Open 100B를 "
    "공개했는데, 이 모델은 전문가 혼합(MoE) 구조로 실제 추론에 쓰이는 활성 매개변수가 120억 개 "
    "수준이라고 설명했다. 벤치마크 평균 점수는 72.03점으로, 지난해보다 5.4% 올랐다.",
    "SK텔레콤의 A.X K1은 5,190억 개의 매개변수를 가진 초거대 모델이다. 회사는 “한국어 이해 "
    "능력에서는 해외 모델을 앞선다”고 주장했지만, 외부 검증은 아직 이뤄지지 않았다……. "
    "LG AI연구원은 K-EXAONE을, NC AI는 VAETKI(배키)를 각각 선보였다. 두 회사 모두 "
    "산업 현장에 바로 쓸 수 있는 경량 모델을 함께 공개해 눈길을 끌었다.",
    "전문가들은 이번 평가가 ‘첫 시험대’에 불과하다고 입을 모은다. 한 대학 교수는 "
    "“매개변수 규모만으로 경쟁력을 판단할 수는 없다——데이터의 질과 평가 방식의 투명성이 "
    "더 중요하다”고 말했다. 정부는 2025년 1월 중 평가 결과를 바탕으로 한 팀을 탈락시키고, "
    "나머지 팀에 그래픽처리장치(GPU) 1,000장과 데이터 구매 비용 약 100억 원을 추가로 지원할 계획이다.",
    "이 문단은 줄바꿈 규칙을 시험하기 위한 것이다. 괄호(예: 「보도자료」, 『백서』)와 "
    "따옴표 ‘작은따옴표’, “큰따옴표”, 가운뎃점(성능·안전성·활용성), 쌍점: 쌍반점; "
    "물음표? 느낌표! 퍼센트 95% 이상, 온도 30℃, 거리 5㎞처럼 앞 글자와 떨어지면 안 되는 "
    "문장 부호가 줄 머리에 오지 않아야 한다. URL https://www.example.kr/news/2024/03/15 같은 긴 "
    "영문도 자연스럽게 처리해야 한다.",
    "마지막으로, 긴 문단의 양끝 정렬은 한글 글자 사이를 벌리지 않고 낱말 사이의 공백만 "
    "늘려서 맞춘다. 한국어 조판에서는 어절 단위로 줄을 바꾸는 것이 일반적이며, 한 어절이 "
    "줄보다 길 때에만 음절 단위로 나눈다. 이렇게 하면 읽는 사람이 낱말을 한눈에 알아볼 수 "
    "있고, 문서 전체가 정돈되어 보인다. 숫자와 단위(15일, 3,000억 원, 72.03점)는 한 덩어리로 "
    "유지된다.",
};

static const char *const orgs[] = { "네이버클라우드", "업스테이지", "SK텔레콤", "NC AI",
                                    "LG AI연구원" };
static const char *const models[] = { "HyperCLOVA X SEED 32B Think", "Solar Open 100B",
                                      "A.X K1", "VAETKI", "K-EXAONE" };
static const char *const notes[] = {
    "추론 과정 공개, 멀티모달 확장 예정",
    "전문가 혼합(MoE) 구조, 활성 매개변수 120억 개",
    "초거대 모델, 한국어 이해 능력 강조",
    "경량 모델 동시 공개",
    "산업 현장 적용 사례 다수, 긴 문맥 처리",
};
static const char *const params[] = { "320억", "1,000억", "5,190억", "1,100억", "2,360억" };

/* A horizontal bar chart drawn with the layout primitives, as the briefing needs: total
 * parameters per organisation (억 개), a value the articles do not give shown as '미공개'. */
static void write_chart(struct layout *L)
{
    static const char *const names[] = { "네이버클라우드", "업스테이지", "SK텔레콤", "NC AI",
                                         "LG AI연구원" };
    static const double values[] = { 320, 1000, 5190, -1, 2360 };
    const struct layout_text_style label = { .font = FONT_SANS, .size = 8.5f, .leading = 1.2f,
        .color = 0x1F2328, .align = LAYOUT_LEFT };
    const struct layout_text_style small = { .font = FONT_SANS, .size = 7.5f, .leading = 1.2f,
        .color = 0x5B6470, .align = LAYOUT_LEFT };
    float bar_h = 14, gap = 8, top_pad = 6;
    float height = top_pad + 5 * (bar_h + gap) + 24;
    layout_begin_struct(L, LAYOUT_ROLE_FIGURE, "기관별 전체 매개변수(억 개): 네이버클라우드 320, "
                        "업스테이지 1,000, SK텔레콤 5,190, NC AI 미공개, LG AI연구원 2,360.");
    struct layout_block b = layout_reserve(L, height);
    float x0 = b.x + 80, x1 = b.x + b.width - 70, max = 6000;
    layout_begin_struct(L, LAYOUT_ROLE_ARTIFACT, NULL);
    for (int t = 0; t <= 6; t++) {
        float x = x0 + (x1 - x0) * (float)t / 6;
        layout_draw_line(L, b.page, x, b.y + top_pad - 2, x, b.y + height - 20,
                         t ? 0xE1E5EA : 0x5B6470, t ? 0.4f : 0.8f);
        char tick[16];
        snprintf(tick, sizeof tick, "%d", t * 1000);
        layout_draw_text(L, b.page, x, b.y + height - 9, tick, &small, LAYOUT_CENTER);
    }
    layout_end_struct(L);
    layout_draw_text(L, b.page, x1 + 22, b.y + height - 9, "(억 개)", &small, LAYOUT_LEFT);
    for (int i = 0; i < 5; i++) {
        float y = b.y + top_pad + (float)i * (bar_h + gap);
        layout_draw_text(L, b.page, x0 - 6, y + bar_h - 3.5f, names[i], &label, LAYOUT_RIGHT);
        char val[32];
        if (values[i] < 0) {
            layout_draw_rect(L, b.page, x0, y, 30, bar_h, LAYOUT_NO_COLOR, 0x9AA4B2, 0.6f);
            layout_draw_text(L, b.page, x0 + 36, y + bar_h - 3.5f, "미공개", &small, LAYOUT_LEFT);
            continue;
        }
        float w = (x1 - x0) * (float)(values[i] / max);
        layout_draw_rect(L, b.page, x0, y, w, bar_h, 0x2F5D8C, LAYOUT_NO_COLOR, 0);
        snprintf(val, sizeof val, "%.0f", values[i]);
        layout_draw_text(L, b.page, x0 + w + 4, y + bar_h - 3.5f, val, &small, LAYOUT_LEFT);
    }
    layout_end_struct(L);
}

static void write_table(struct layout *L, int rows, struct buf *dump)
{
    static const struct layout_column cols[5] = {
        { "순번", LAYOUT_COL_CONTENT, 0, LAYOUT_AUTO },
        { "기관", LAYOUT_COL_CONTENT, 0, LAYOUT_AUTO },
        { "모델", LAYOUT_COL_PROPORTIONAL, 1.2f, LAYOUT_AUTO },
        { "매개변수(개)", LAYOUT_COL_CONTENT, 0, LAYOUT_AUTO },
        { "비고", LAYOUT_COL_PROPORTIONAL, 2, LAYOUT_AUTO },
    };
    const char **cells = xcalloc((size_t)rows * 5, sizeof *cells);
    char (*num)[16] = xcalloc((size_t)rows, sizeof *num);
    for (int r = 0; r < rows; r++) {
        snprintf(num[r], sizeof num[r], "%d", r + 1);
        cells[r * 5 + 0] = num[r];
        cells[r * 5 + 1] = orgs[r % 5];
        cells[r * 5 + 2] = models[(r / 5 + r) % 5];
        cells[r * 5 + 3] = params[(r * 3) % 5];
        cells[r * 5 + 4] = notes[(r * 7) % 5];
        if (dump)
            for (int c = 0; c < 5; c++)
                buf_printf(dump, "C\t%s\n", cells[r * 5 + c]);
    }
    struct layout_table t = { .cols = cols, .ncols = 5, .cells = cells, .nrows = (size_t)rows,
        .zebra = 1, .row_headers = 1, .continued = "(계속)" };
    layout_table(L, &t);
    free(cells);
    free(num);
}

/* The sample's styles: title, subtitle, section heading, body text. */
static const struct layout_text_style title = { .font = FONT_SANS_BOLD, .size = 20,
    .leading = 1.3f, .color = 0x0F2740, .align = LAYOUT_LEFT, .space_after = 4 };
static const struct layout_text_style sub = { .font = FONT_SANS, .size = 9.5f, .leading = 1.4f,
    .color = 0x6B7280, .align = LAYOUT_LEFT, .space_after = 10 };
static const struct layout_text_style h2 = { .font = FONT_SANS_BOLD, .size = 13, .leading = 1.4f,
    .color = 0x0F2740, .align = LAYOUT_LEFT, .space_before = 14, .space_after = 4 };
static const struct layout_text_style body = { .font = FONT_SANS, .size = 10, .leading = 1.65f,
    .color = 0x1F2328, .align = LAYOUT_JUSTIFY, .space_after = 6 };

/* The title block and the cited summary list. */
static void write_front(struct layout *L, struct buf *dump)
{
    layout_heading(L, "독자 AI 파운데이션 모델 1차 평가", &title, 0);
    layout_paragraph(L, "2024년 3월 15일 · 조판 엔진 시험 문서 (HarfBuzz + libharu)", &sub);
    layout_rule(L, 0.8f, 0x0F2740);
    layout_vspace(L, 8);
    /* A summary as a hanging-indent list with citation markers. */
    static const struct layout_text_style item = { .font = FONT_SANS, .size = 10, .leading = 1.6f,
        .color = 0x1F2328, .align = LAYOUT_JUSTIFY, .space_after = 3, .indent = -12,
        .inset = 12 };
    static const struct layout_text_style cite = { .font = FONT_SANS, .size = 7, .leading = 1.6f,
        .color = 0x1D4ED8, .rise = 3.5f };
    static const char *const bullets[] = {
        "가장 큰 모델은 SK텔레콤의 A.X K1로, 전체 매개변수가 5,190억 개다.",
        "업스테이지 Solar Open 100B는 전문가 혼합(MoE) 구조로, 활성 매개변수 비율이 약 12%다.",
        "정부는 탈락하지 않은 팀에 GPU 1,000장과 데이터 구매비 약 100억 원을 추가로 지원한다.",
    };
    layout_begin_struct(L, LAYOUT_ROLE_L, NULL);
    for (size_t i = 0; i < 3; i++) {
        char mark[16];
        snprintf(mark, sizeof mark, "[%zu]", i + 1);
        struct layout_span sp[3] = {
            { "•\xC2\xA0", NULL, NULL, LAYOUT_ROLE_LBL },
            { bullets[i], NULL, NULL, LAYOUT_ROLE_NONE },
            { mark, &cite, "https://www.example.kr/news/2024/03/15", LAYOUT_ROLE_REFERENCE } };
        layout_paragraph_spans(L, sp, 3, &item);
        buf_printf(dump, "P\t%s\n", bullets[i]);
    }
    layout_end_struct(L);
}

/* The sections: all of them, or only the first (--one-page). */
static void write_sections(struct layout *L, int one_page, struct buf *dump)
{
    size_t np = sizeof paras / sizeof paras[0];
    if (one_page) {
        layout_heading(L, "1. 평가 개요", &h2, 1);
        for (size_t i = 0; i < 3; i++) {
            layout_paragraph(L, paras[i], &body);
            buf_printf(dump, "P\t%s\n", paras[i]);
        }
    } else {
        layout_heading(L, "1. 평가 개요", &h2, 1);
        for (size_t i = 0; i < 3; i++) {
            layout_paragraph(L, paras[i], &body);
            buf_printf(dump, "P\t%s\n", paras[i]);
        }
        layout_running_section(L, "2. 컨소시엄별 모델");
        layout_heading(L, "2. 컨소시엄별 모델", &h2, 1);
        write_table(L, 60, dump);
        layout_running_section(L, "3. 전문가 의견과 조판 규칙");
        layout_heading(L, "3. 전문가 의견과 조판 규칙", &h2, 1);
        for (size_t i = 3; i < np; i++) {
            layout_paragraph(L, paras[i], &body);
            buf_printf(dump, "P\t%s\n", paras[i]);
        }
        /* A narrow-cell table: emergency syllable breaks. */
        static const struct layout_column narrow[2] = {
            { "항목", LAYOUT_COL_FIXED, 60, LAYOUT_LEFT },
            { "설명", LAYOUT_COL_FIXED, 90, LAYOUT_LEFT },
        };
        static const char *const ncells[] = {
            "초거대인공지능파운데이션모델", "과학기술정보통신부산하정보통신산업진흥원",
            "매개변수", "5,190억 개",
        };
        struct layout_table nt = { .cols = narrow, .ncols = 2, .cells = ncells, .nrows = 2,
            .zebra = 1, .width = 150 };
        layout_heading(L, "4. 좁은 칸", &h2, 1);
        layout_table(L, &nt);
        layout_heading(L, "5. 막대 그래프", &h2, 1);
        write_chart(L);
        static const struct layout_text_style link = { .font = FONT_SANS, .size = 9,
            .leading = 1.5f, .color = 0x1D4ED8, .align = LAYOUT_LEFT, .space_before = 6 };
        struct layout_span spans[2] = { { "출처: ", NULL, NULL, 0 },
                                        { "https://www.example.kr/news/2024/03/15", &link,
                                          "https://www.example.kr/news/2024/03/15", 0 } };
        layout_paragraph_spans(L, spans, 2, &sub);
        for (int i = 0; i < 4; i += 2)
            buf_printf(dump, "C\t%s\nC\t%s\n", ncells[i], ncells[i + 1]);
    }
}

/* Writes the PDF to out_path, and the positions and the paragraphs' text when asked for. */
static enum exp_status write_outputs(struct layout *L, const char *out_path, const char *pos_path,
                                     const char *text_path, const struct buf *dump,
                                     struct pdf_out_stats *st, struct diag *d)
{
    struct pdf_out_info info = { "독자 AI 파운데이션 모델 1차 평가", "exporter", "조판 시험",
                                 "한국어, 조판, HarfBuzz", "exporter typeset_sample",
                                 pdf_out_source_date_epoch(), NULL };
    FILE *out = fopen(out_path, "wb");
    if (!out) {
        perror(out_path);
        return EXP_CANTCREAT;
    }
    enum exp_status rc = pdf_out_write(L, &info, out, st, d);
    if (fclose(out) != 0)
        rc = EXP_IOERR;
    if (pos_path) {
        FILE *pf = fopen(pos_path, "w");
        if (pf) {
            layout_dump_positions(L, pf);
            fclose(pf);
        }
    }
    if (text_path) {
        FILE *tf = fopen(text_path, "w");
        if (tf) {
            fputs(dump->data, tf);
            fclose(tf);
        }
    }
    return rc;
}

int main(int argc, char **argv)
{
    int one_page = 0, ai = 1;
    if (ai < argc && strcmp(argv[ai], "--one-page") == 0) {
        one_page = 1;
        ai++;
    }
    if (ai >= argc) {
        fprintf(stderr, "usage: typeset_sample [--one-page] OUT.pdf [POSITIONS] [PARAGRAPHS]\n");
        return 64;
    }
    const char *out_path = argv[ai], *pos_path = ai + 1 < argc ? argv[ai + 1] : NULL;
    const char *text_path = ai + 2 < argc ? argv[ai + 2] : NULL;
    struct diag d;
    diag_init(&d, stderr, 0, 0);
    struct font_set *fs;
    if (font_set_new(NULL, &d, &fs) != EXP_OK)
        return 78;
    struct layout_page_setup ps;
    layout_page_setup_a4(&ps);
    ps.header_left = "조판 엔진 시험 문서";
    ps.header_right = "exporter typeset sample";
    struct layout *L = layout_new(&ps, fs, &d);
    struct buf dump = BUF_INIT;
    buf_puts(&dump, "");

    write_front(L, &dump);
    write_sections(L, one_page, &dump);
    layout_finish(L);
    struct pdf_out_stats st = { 0 };
    enum exp_status rc = write_outputs(L, out_path, pos_path, text_path, &dump, &st, &d);
    if (rc == EXP_CANTCREAT)
        return 73;
    fprintf(stderr, "typeset_sample: %d pages, %zu bytes, fonts %d (%zu bytes, %zu glyphs)\n",
            layout_page_count(L), st.bytes, st.fonts, st.font_bytes, st.glyphs);
    buf_free(&dump);
    layout_free(L);
    font_set_free(fs);
    return rc == EXP_OK ? 0 : 70;
}

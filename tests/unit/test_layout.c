/* test_layout.c — paragraphs, headings, tables and pages in the display list. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/buf.h"
#include "util/diag.h"
#include "typeset/font.h"
#include "typeset/layout.h"
#include "typeset/linebreak.h"

struct fixture {
    char *log;
    size_t log_len;
    FILE *log_fp;
    struct diag d;
    struct font_set *fs;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    f->log_fp = open_memstream(&f->log, &f->log_len);
    diag_init(&f->d, f->log_fp, 0, 0);
    if (font_set_new(NULL, &f->d, &f->fs) != EXP_OK)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    font_set_free(f->fs);
    fclose(f->log_fp);
    free(f->log);
    free(f);
    return 0;
}

static const struct layout_text_style body = { .font = FONT_SANS, .size = 10, .leading = 1.6f,
    .color = 0, .align = LAYOUT_JUSTIFY, .space_after = 6 };

static const char *const korean =
    "정부는 2024년 3월 15일(금) “독자 인공지능(AI) 파운데이션 모델” 사업의 1차 평가 결과를 "
    "발표했다. 평가는 성능·안전성·활용성 세 가지 기준으로 진행됐으며, 다섯 개 컨소시엄이 각자의 "
    "모델을 공개했다……. 괄호(「보도자료」)와 ‘따옴표’, 물음표? 느낌표! 95% 이상, 30℃, 5㎞, "
    "쌍점: 쌍반점; 그리고 마침표. 쉼표, 가운뎃점·까지 줄 머리에 오면 안 된다——끝.";

/* Lines of a page: glyphs grouped by baseline, in order of x. */
struct line_info {
    float y, x0, x1;
    uint32_t first_cp, last_cp;
    unsigned spaces;
    float end_x;           /* the trailing space's x, when the line ends with one */
    float max_gap;         /* the widest step from a space to the glyph after it */
};

static size_t page_lines(const struct layout_page *pg, struct line_info *out, size_t max)
{
    size_t n = 0;
    for (size_t k = 0; k < pg->nops; k++) {
        const struct layout_op *op = &pg->ops[k];
        if (op->kind != LAYOUT_OP_TEXT)
            continue;
        for (size_t g = op->u.text.first; g < op->u.text.first + op->u.text.count; g++) {
            const struct layout_glyph *gl = &pg->glyphs[g];
            size_t i;
            for (i = 0; i < n; i++)
                if (out[i].y > op->u.text.y - 1.5f && out[i].y < op->u.text.y + 1.5f)
                    break;
            if (i == n) {
                if (n == max)
                    continue;
                out[n++] = (struct line_info){ op->u.text.y, gl->x, gl->x, gl->cp, gl->cp, 0, 0, 0 };
            }
            /* a line broken at a space ends with that space, drawn for text extraction:
             * the line's last glyph is the one before it */
            out[i].spaces += gl->cp == ' ';
            if (gl->cp == ' ' && g + 1 < op->u.text.first + op->u.text.count
                && pg->glyphs[g + 1].x > gl->x && pg->glyphs[g + 1].x - gl->x > out[i].max_gap)
                out[i].max_gap = pg->glyphs[g + 1].x - gl->x;
            if (gl->x < out[i].x0) {
                out[i].x0 = gl->x;
                out[i].first_cp = gl->cp;
            }
            if (gl->cp == ' ' && gl->x >= out[i].end_x)
                out[i].end_x = gl->x + 0.001f;
            if (gl->cp != ' ' && gl->x >= out[i].x1) {
                out[i].x1 = gl->x;
                out[i].last_cp = gl->cp;
            }
        }
    }
    for (size_t i = 0; i < n; i++)
        out[i].spaces -= out[i].end_x > out[i].x1;
    return n;
}

static size_t count_cp(const struct layout_page *pg, uint32_t cp)
{
    size_t n = 0;
    for (size_t g = 0; g < pg->nglyphs; g++)
        n += pg->glyphs[g].cp == cp;
    return n;
}

static void test_justified_and_line_rules(void **state)
{
    struct fixture *f = *state;
    /* Narrow measures force many breaks: check KLREQ at each, and that justified lines
     * reach the right margin. */
    static const float widths[] = { 24, 41, 90, 120, 155, 210, 330 };
    for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
        struct layout_page_setup ps;
        layout_page_setup_a4(&ps);
        ps.page_numbers = 0;
        ps.margin_right = ps.width - ps.margin_left - widths[w];
        struct layout *L = layout_new(&ps, f->fs, &f->d);
        float space = layout_measure_text(L, "가 가", &body) - layout_measure_text(L, "가가", &body);
        layout_paragraph(L, korean, &body);
        layout_finish(L);
        const struct layout_page *pg = layout_get_page(L, 0);
        struct line_info lines[128];
        size_t n = page_lines(pg, lines, 128);
        assert_true(n >= 3);
        for (size_t i = 0; i < n; i++) {
            if (linebreak_no_start(lines[i].first_cp))
                fail_msg("width %g: line %zu starts with U+%04X", widths[w], i, lines[i].first_cp);
            if (linebreak_no_end(lines[i].last_cp))
                fail_msg("width %g: line %zu ends with U+%04X", widths[w], i, lines[i].last_cp);
            assert_true(lines[i].x0 >= ps.margin_left - 0.01f);
            /* the last glyph starts within the measure, and on justified lines near its end */
            assert_true(lines[i].x1 < ps.margin_left + widths[w]);
            /* (a line without spaces cannot be justified by spacing, and one whose spaces
             * reached twice their width stays short of the margin) */
            if (i + 1 < n && lines[i].spaces && lines[i].x1 <= ps.margin_left + widths[w] - 12
                && lines[i].max_gap < 2 * space - 0.05f)
                fail_msg("width %g: line %zu ends at %g (U+%04X)", widths[w], i,
                         lines[i].x1 - ps.margin_left, lines[i].last_cp);
        }
        layout_free(L);
    }
}

static void test_total_fit_spacing(void **state)
{
    struct fixture *f = *state;
    /* Greedy breaking leaves the second line with gaps of about 1 em before the long
     * "과학기술정보통신부는"; total fit shares the slack between the first two lines. */
    struct layout_page_setup ps;
    layout_page_setup_a4(&ps);
    ps.page_numbers = 0;
    struct layout *L = layout_new(&ps, f->fs, &f->d);
    layout_paragraph(L, "정부는 2024년 3월 15일(금) “독자 인공지능(AI) 파운데이션 모델” 사업의 1차 "
                        "평가 결과를 발표했다. 평가는 성능·안전성·활용성 세 가지 기준으로 "
                        "진행됐으며, 다섯 개 컨소시엄이 각자의 모델을 공개했다. "
                        "과학기술정보통신부는 “국내 기술로 만든 모델이 글로벌 수준에 근접했다”고 "
                        "평가하면서도, 학습 데이터와 컴퓨팅 자원의 격차는 여전히 크다고 밝혔다.",
                     &body);
    layout_finish(L);
    const struct layout_page *pg = layout_get_page(L, 0);
    float widest = 0;
    for (size_t g = 0; g + 1 < pg->nglyphs; g++)
        if (pg->glyphs[g].cp == ' ' && pg->glyphs[g + 1].x > pg->glyphs[g].x) {
            float gap = pg->glyphs[g + 1].x - pg->glyphs[g].x;
            if (gap > widest)
                widest = gap;
        }
    assert_true(widest > 2.5f);
    assert_true(widest < 8.0f);   /* the space itself is 3.3 pt at 10 pt */
    layout_free(L);
}

/* A justified space never grows past twice its width: where spaces alone would have to, the
 * line ends between two syllables of an eojeol (at least two syllables each side) instead. */
static void test_stretch_limit(void **state)
{
    struct fixture *f = *state;
    const char *quote = "“최정규 그룹장은 “K-엑사원 모델 측면에서 LG유플러스, LG CNS, 슈퍼브 AI와 "
                        "협력 중이며, 생태계 확장을 위해 퓨리오사AI와 프렌들리AI와도 협력 "
                        "중이다.” 과학기술정보통신부는 초거대인공지능파운데이션모델을 평가했다.";
    size_t syllable_breaks = 0;
    for (float w = 120; w <= 420; w += 7) {
        struct layout_page_setup ps;
        layout_page_setup_a4(&ps);
        ps.page_numbers = 0;
        ps.margin_right = ps.width - ps.margin_left - w;
        struct layout *L = layout_new(&ps, f->fs, &f->d);
        float space = layout_measure_text(L, "가 가", &body) - layout_measure_text(L, "가가", &body);
        layout_paragraph(L, quote, &body);
        layout_finish(L);
        const struct layout_page *pg = layout_get_page(L, 0);
        for (size_t g = 0; g + 1 < pg->nglyphs; g++) {
            const struct layout_glyph *a = &pg->glyphs[g], *b = &pg->glyphs[g + 1];
            if (a->cp == ' ' && b->x > a->x && b->x - a->x > 2 * space + 0.01f)
                fail_msg("width %g: a space widened to %.2f pt (natural %.2f)", w, b->x - a->x,
                         space);
            /* a line that ends in a syllable with another one first on the next line */
            if (b->x < a->x && a->cp >= 0xAC00 && a->cp <= 0xD7A3 && b->cp >= 0xAC00
                && b->cp <= 0xD7A3) {
                syllable_breaks++;
                assert_true(g >= 1 && pg->glyphs[g - 1].cp >= 0xAC00);
                assert_true(g + 2 < pg->nglyphs && pg->glyphs[g + 2].cp >= 0xAC00);
            }
        }
        layout_free(L);
    }
    assert_true(syllable_breaks > 0);
}

static void test_overfull_lines_respect_punctuation(void **state)
{
    struct fixture *f = *state;
    /* 8 pt is narrower than one syllable: every line is overfull, and still none starts
     * with closing punctuation. */
    struct layout_page_setup ps;
    layout_page_setup_a4(&ps);
    ps.page_numbers = 0;
    ps.margin_right = ps.width - ps.margin_left - 8;
    struct layout *L = layout_new(&ps, f->fs, &f->d);
    layout_paragraph(L, "가)나」다.라,……마", &body);
    layout_finish(L);
    struct line_info lines[32];
    size_t n = page_lines(layout_get_page(L, 0), lines, 32);
    assert_true(n >= 4);
    for (size_t i = 0; i < n; i++)
        assert_false(linebreak_no_start(lines[i].first_cp));
    layout_free(L);
}

static void test_keep_all_words(void **state)
{
    struct fixture *f = *state;
    /* At a comfortable measure no eojeol is split: every line ends before a space. */
    struct layout_page_setup ps;
    layout_page_setup_a4(&ps);
    ps.page_numbers = 0;
    struct layout *L = layout_new(&ps, f->fs, &f->d);
    const char *t = "한국어 조판에서는 어절 단위로 줄을 바꾸는 것이 일반적이며, 한 어절이 줄보다 "
                    "길 때에만 음절 단위로 나눈다. 숫자와 단위(15일, 3,000억 원, 72.03점)는 한 "
                    "덩어리로 유지된다. 이렇게 하면 읽는 사람이 낱말을 한눈에 알아볼 수 있다.";
    layout_paragraph(L, t, &body);
    layout_finish(L);
    const struct layout_page *pg = layout_get_page(L, 0);
    struct line_info lines[32];
    size_t n = page_lines(pg, lines, 32);
    assert_true(n >= 2);
    /* Each line's last glyph is followed in the source by a space or the end. */
    for (size_t i = 0; i + 1 < n; i++) {
        struct buf b = BUF_INIT;
        buf_put_utf8(&b, lines[i].last_cp);
        buf_putc(&b, ' ');
        assert_non_null(strstr(t, b.data));
        buf_free(&b);
        /* ...and the line carries that space, so extracted text keeps the two words apart */
        assert_true(lines[i].end_x > lines[i].x1);
    }
    layout_free(L);
}

static void test_heading_kept_with_next(void **state)
{
    struct fixture *f = *state;
    struct layout_page_setup ps;
    layout_page_setup_a4(&ps);
    ps.page_numbers = 0;
    struct layout *L = layout_new(&ps, f->fs, &f->d);
    float room = ps.height - ps.margin_top - ps.margin_bottom;
    /* Leave 30 pt: the heading (about 18 pt) would fit, its paragraph's two lines not. */
    layout_reserve(L, room - 30);
    const struct layout_text_style h = { .font = FONT_SANS_BOLD, .size = 13, .leading = 1.4f,
        .color = 0, .align = LAYOUT_LEFT };
    layout_heading(L, "제목은 다음 줄과 함께", &h, 0);
    layout_paragraph(L, korean, &body);
    layout_finish(L);
    assert_int_equal(layout_page_count(L), 2);
    assert_int_equal(layout_get_page(L, 0)->nglyphs, 0);
    size_t n;
    const struct layout_outline *ol = layout_outlines(L, &n);
    assert_int_equal(n, 1);
    assert_int_equal(ol[0].page, 1);
    assert_string_equal(ol[0].title, "제목은 다음 줄과 함께");
    layout_free(L);
}

/* A section's introduction kept with what follows: heading and introduction fit at the foot
 * of the page but the next heading and its paragraph's first lines do not, so all of them start
 * the next page together (held as a plain paragraph, the introduction would end page 1). */
static void test_intro_kept_with_next(void **state)
{
    struct fixture *f = *state;
    struct layout_page_setup ps;
    layout_page_setup_a4(&ps);
    ps.page_numbers = 0;
    const struct layout_text_style h = { .font = FONT_SANS_BOLD, .size = 13, .leading = 1.4f,
        .color = 0, .align = LAYOUT_LEFT };
    const struct layout_span intro = { "소개하는 한 줄", NULL, NULL, LAYOUT_ROLE_NONE };
    for (int keep = 0; keep < 2; keep++) {
        struct layout *L = layout_new(&ps, f->fs, &f->d);
        float room = ps.height - ps.margin_top - ps.margin_bottom;
        /* 60 pt: the heading (~18 pt) and one line (16 pt) fit; with the next heading and two
         * lines of its paragraph (~50 pt more) they do not */
        layout_reserve(L, room - 60);
        layout_heading(L, "묶음 제목", &h, 0);
        if (keep) {
            layout_paragraph_keep(L, &intro, 1, &body);
        } else {
            layout_paragraph_spans(L, &intro, 1, &body);
        }
        layout_heading(L, "첫 항목", &h, 1);
        layout_paragraph(L, korean, &body);
        layout_finish(L);
        const struct layout_page *p0 = layout_get_page(L, 0);
        /* 묶 (the first heading) and 소 (the introduction): on page 1 only when not kept */
        assert_int_equal(count_cp(p0, 0xBB36) > 0, !keep);
        assert_int_equal(count_cp(p0, 0xC18C) > 0, !keep);
        assert_int_equal(count_cp(layout_get_page(L, 1), 0xBB36) > 0, keep);
        layout_free(L);
    }
}

/* Held headings and introductions each take the anchors named before them: a link to the
 * second heading lands on it, not on the first one held with it. */
static void test_held_anchors(void **state)
{
    struct fixture *f = *state;
    struct layout_page_setup ps;
    layout_page_setup_a4(&ps);
    ps.page_numbers = 0;
    const struct layout_text_style h = { .font = FONT_SANS_BOLD, .size = 13, .leading = 1.4f,
        .color = 0, .align = LAYOUT_LEFT };
    const struct layout_span intro = { "소개하는 한 줄", NULL, NULL, LAYOUT_ROLE_NONE };
    struct layout *L = layout_new(&ps, f->fs, &f->d);
    layout_anchor(L, "section");
    layout_heading(L, "묶음 제목", &h, 0);
    layout_paragraph_keep(L, &intro, 1, &body);
    layout_anchor(L, "first");
    layout_heading(L, "첫 항목", &h, 1);
    layout_paragraph(L, korean, &body);
    layout_finish(L);
    size_t na, no;
    const struct layout_anchor *a = layout_anchors(L, &na);
    const struct layout_outline *ol = layout_outlines(L, &no);
    assert_int_equal(na, 2);
    assert_int_equal(no, 2);
    assert_float_equal(a[0].y, ol[0].y, 0.01);
    assert_float_equal(a[1].y, ol[1].y, 0.01);
    assert_true(a[1].y > a[0].y + 20);
    layout_free(L);
}

/* A label over a table never ends a page, whatever room is left: it moves with the header
 * and the first two rows. */
static void test_label_kept_with_table(void **state)
{
    struct fixture *f = *state;
    static const struct layout_column cols[2] = { { "항목", LAYOUT_COL_CONTENT, 0, LAYOUT_AUTO },
                                                  { "내용", LAYOUT_COL_CONTENT, 0, LAYOUT_AUTO } };
    static const char *const cells[] = { "보도", "기사 5건", "모델", "A.X K1", "구조", "MoE" };
    const struct layout_text_style label = { .font = FONT_SANS_BOLD, .size = 9, .leading = 1.4f,
        .align = LAYOUT_LEFT, .space_before = 8, .space_after = 2 };
    struct layout_page_setup ps;
    layout_page_setup_a4(&ps);
    ps.page_numbers = 0;
    float room = ps.height - ps.margin_top - ps.margin_bottom;
    for (float left = 10; left <= 90; left += 1) {
        struct layout *L = layout_new(&ps, f->fs, &f->d);
        layout_reserve(L, room - left);
        layout_heading(L, "협력사", &label, -1);
        struct layout_table t = { .cols = cols, .ncols = 2, .cells = cells, .nrows = 3 };
        layout_table(L, &t);
        layout_finish(L);
        /* the label (협) and the first row (보) share a page */
        int label_page = -1, row_page = -1;
        for (int p = 0; p < layout_page_count(L); p++) {
            if (count_cp(layout_get_page(L, p), 0xD611 /* 협 */))
                label_page = p;
            if (count_cp(layout_get_page(L, p), 0xBCF4 /* 보 */))
                row_page = p;
        }
        if (label_page != row_page)
            fail_msg("%g pt left: the label on page %d, the table on page %d", left,
                     label_page + 1, row_page + 1);
        layout_free(L);
    }
}

/* The largest x of a glyph cp on page pg, or -1. */
static float max_x_of(const struct layout_page *pg, uint32_t cp)
{
    float x = -1;
    for (size_t g = 0; g < pg->nglyphs; g++)
        if (pg->glyphs[g].cp == cp && pg->glyphs[g].x > x)
            x = pg->glyphs[g].x;
    return x;
}

/* A proportional column is never narrower than its widest word while the words fit: its long
 * word ends before the next column's text starts; and when the words cannot fit at all, every
 * column still lies inside the measure. */
static void test_table_column_floors(void **state)
{
    struct fixture *f = *state;
    struct layout_page_setup ps;
    layout_page_setup_a4(&ps);
    struct layout *L = layout_new(&ps, f->fs, &f->d);
    static const struct layout_column cols[4] = {
        { "설명", LAYOUT_COL_CONTENT, 0, LAYOUT_LEFT },
        { "넓은", LAYOUT_COL_PROPORTIONAL, 3, LAYOUT_LEFT },
        { "좁은", LAYOUT_COL_PROPORTIONAL, 1, LAYOUT_LEFT },
        { "끝열", LAYOUT_COL_CONTENT, 0, LAYOUT_LEFT },
    };
    const char *cells[4] = {
        "가나 다라 마바 사아 자차 카타 파하 가나 다라 마바 사아 자차 카타 파하 가나 다라 마바 "
        "사아 자차 카타 파하 가나 다라 마바 사아 자차 카타 파하 가나 다라 마바 사아 자차 카타",
        "갑 을 병", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "끝",
    };
    struct layout_table t = { .cols = cols, .ncols = 4, .cells = cells, .nrows = 1 };
    layout_table(L, &t);
    layout_finish(L);
    const struct layout_page *pg = layout_get_page(L, 0);
    float z = max_x_of(pg, 'Z'), end = max_x_of(pg, 0xB05D /* 끝 */);
    assert_true(z > 0 && end > 0);
    assert_true(z + 4 < end);
    layout_free(L);

    /* twenty columns of long words: shares of their words, all inside the measure */
    L = layout_new(&ps, f->fs, &f->d);
    struct layout_column many[20];
    const char *row[20];
    for (int c = 0; c < 20; c++) {
        many[c] = (struct layout_column){ "파라미터", c % 2 ? LAYOUT_COL_PROPORTIONAL
                                                          : LAYOUT_COL_CONTENT, 1, LAYOUT_LEFT };
        row[c] = "하이퍼클로바X";
    }
    struct layout_table wide = { .cols = many, .ncols = 20, .cells = row, .nrows = 1 };
    layout_table(L, &wide);
    layout_finish(L);
    pg = layout_get_page(L, 0);
    for (size_t g = 0; g < pg->nglyphs; g++) {
        assert_true(pg->glyphs[g].x >= ps.margin_left - 0.5f);
        assert_true(pg->glyphs[g].x <= ps.width - ps.margin_right);
    }
    layout_free(L);
}

static void test_table_pages(void **state)
{
    struct fixture *f = *state;
    struct layout_page_setup ps;
    layout_page_setup_letter(&ps);
    assert_float_equal(ps.width, 612, 0.001);
    struct layout *L = layout_new(&ps, f->fs, &f->d);
    static const struct layout_column cols[5] = {
        { "열번호", LAYOUT_COL_CONTENT, 0, LAYOUT_AUTO },
        { "이름", LAYOUT_COL_FIXED, 80, LAYOUT_LEFT },
        { "설명", LAYOUT_COL_PROPORTIONAL, 2, LAYOUT_LEFT },
        { "값", LAYOUT_COL_CONTENT, 0, LAYOUT_AUTO },
        { "비고", LAYOUT_COL_PROPORTIONAL, 1, LAYOUT_LEFT },
    };
    enum { ROWS = 90 };
    const char *cells[ROWS * 5];
    char nums[ROWS][2][16];
    for (int r = 0; r < ROWS; r++) {
        snprintf(nums[r][0], 16, "%d", r + 1);
        snprintf(nums[r][1], 16, r % 2 ? "1,234" : "5");
        cells[r * 5 + 0] = nums[r][0];
        cells[r * 5 + 1] = "가나다";
        /* three lines in a 80 pt column: 갑 on the first, 을 on the last */
        cells[r * 5 + 2] = "갑 첫째 줄입니다 둘째 줄은 조금 더 길게 씁니다 셋째 줄의 끝은 을";
        cells[r * 5 + 3] = nums[r][1];
        cells[r * 5 + 4] = "비고";
    }
    struct layout_table t = { .cols = cols, .ncols = 5, .cells = cells, .nrows = ROWS, .zebra = 1 };
    layout_table(L, &t);
    layout_finish(L);
    int pages = layout_page_count(L);
    assert_true(pages >= 3);
    size_t first = 0, last = 0;
    for (int p = 0; p < pages; p++) {
        const struct layout_page *pg = layout_get_page(L, p);
        /* the header row on every page */
        assert_int_equal(count_cp(pg, 0xC5F4 /* 열 */), 1);
        /* rows never split: as many first lines as last lines on each page */
        size_t a = count_cp(pg, 0xAC11 /* 갑 */), b = count_cp(pg, 0xC744 /* 을 */);
        assert_int_equal(a, b);
        first += a;
        last += b;
        /* nothing below the bottom margin except the footer */
        for (size_t k = 0; k < pg->nops; k++)
            if (pg->ops[k].kind == LAYOUT_OP_TEXT && pg->ops[k].u.text.size > 8)
                assert_true(pg->ops[k].u.text.y < ps.height - ps.margin_bottom);
    }
    assert_int_equal(first, ROWS);
    /* zebra shading: filled rectangles */
    size_t fills = 0;
    for (size_t k = 0; k < layout_get_page(L, 0)->nops; k++)
        fills += layout_get_page(L, 0)->ops[k].kind == LAYOUT_OP_RECT;
    assert_true(fills > 5);
    layout_free(L);
}

static void test_numbers_right_aligned(void **state)
{
    struct fixture *f = *state;
    struct layout_page_setup ps;
    layout_page_setup_a4(&ps);
    struct layout *L = layout_new(&ps, f->fs, &f->d);
    static const struct layout_column cols[2] = {
        { "항목", LAYOUT_COL_PROPORTIONAL, 1, LAYOUT_AUTO },
        { "값", LAYOUT_COL_FIXED, 100, LAYOUT_AUTO },
    };
    const char *cells[] = { "가", "1,234,567", "나", "5" };
    struct layout_table t = { .cols = cols, .ncols = 2, .cells = cells, .nrows = 2 };
    layout_table(L, &t);
    layout_finish(L);
    const struct layout_page *pg = layout_get_page(L, 0);
    float x7 = -1, x5 = -1;
    for (size_t g = 0; g < pg->nglyphs; g++) {
        if (pg->glyphs[g].cp == '7')
            x7 = pg->glyphs[g].x;
        if (pg->glyphs[g].cp == '5' && pg->glyphs[g].x > ps.width / 2)
            x5 = pg->glyphs[g].x;
    }
    /* both numbers end at the cell's right edge (digits share one width in NanumGothic) */
    assert_true(x7 > 0 && x5 > 0);
    assert_float_equal(x7, x5, 0.01);
    layout_free(L);
}

static void test_primitives_and_links(void **state)
{
    struct fixture *f = *state;
    struct layout_page_setup ps;
    layout_page_setup_a4(&ps);
    ps.header_left = "머리글";
    struct layout *L = layout_new(&ps, f->fs, &f->d);
    const struct layout_text_style st = { .font = FONT_SANS, .size = 9, .leading = 1.5f,
        .color = 0x1D4ED8, .align = LAYOUT_LEFT };
    struct layout_span spans[2] = { { "원문: ", NULL, NULL, 0 },
                                    { "https://example.kr/기사", NULL, "https://example.kr/기사", 0 } };
    layout_paragraph_spans(L, spans, 2, &st);
    struct layout_block b = layout_reserve(L, 120);
    layout_draw_rect(L, b.page, b.x, b.y, 100, 20, 0x3366CC, LAYOUT_NO_COLOR, 0);
    layout_draw_line(L, b.page, b.x, b.y + 110, b.x + b.width, b.y + 110, 0, 0.5f);
    float w = layout_draw_text(L, b.page, b.x + b.width, b.y + 50, "72.03점", &st, LAYOUT_RIGHT);
    assert_float_equal(w, layout_measure_text(L, "72.03점", &st), 0.001);
    layout_finish(L);
    const struct layout_page *pg = layout_get_page(L, 0);
    assert_int_equal(pg->nlinks, 1);
    assert_string_equal(pg->links[0].uri, "https://example.kr/기사");
    assert_true(pg->links[0].x > ps.margin_left + 10);
    assert_true(pg->links[0].w > 50);
    assert_int_equal(count_cp(pg, 0xBA38 /* 머 */), 0);   /* no running header on page 1 */
    assert_int_equal(count_cp(pg, '/'), 4);                /* three in the URL, one in "1 / 1" */
    layout_free(L);
}

static void test_invalid_utf8_warns(void **state)
{
    struct fixture *f = *state;
    struct layout_page_setup ps;
    layout_page_setup_a4(&ps);
    struct layout *L = layout_new(&ps, f->fs, &f->d);
    layout_set_source(L, "articles/x.txt", 12);
    layout_paragraph(L, "깨진 \xff\xfe 바이트", &body);
    layout_finish(L);
    fflush(f->log_fp);
    assert_non_null(strstr(f->log, "articles/x.txt:12: warning: invalid UTF-8 (2 sequences)"));
    layout_free(L);
}

static void test_no_orphan_no_endless_row(void **state)
{
    struct fixture *f = *state;
    struct layout_page_setup ps;
    layout_page_setup_a4(&ps);
    ps.page_numbers = 0;
    struct layout *L = layout_new(&ps, f->fs, &f->d);
    float room = ps.height - ps.margin_top - ps.margin_bottom;
    /* Room for one 16 pt line only: the paragraph's first line must not stay there alone. */
    layout_reserve(L, room - 20);
    layout_paragraph(L, korean, &body);
    assert_int_equal(layout_page_count(L), 2);
    assert_int_equal(layout_get_page(L, 0)->nglyphs, 0);

    /* A row taller than a page overflows once instead of starting pages for ever. */
    struct buf big = BUF_INIT;
    for (int i = 0; i < 200; i++)
        buf_puts(&big, "아주 긴 칸의 내용 ");
    static const struct layout_column cols[1] = { { "긴 칸", LAYOUT_COL_FIXED, 60, LAYOUT_LEFT } };
    const char *cells[1] = { big.data };
    struct layout_table t = { .cols = cols, .ncols = 1, .cells = cells, .nrows = 1 };
    layout_table(L, &t);
    layout_finish(L);
    assert_true(layout_page_count(L) <= 4);
    buf_free(&big);
    layout_free(L);
}

static void test_hanging_list_and_rich_cells(void **state)
{
    struct fixture *f = *state;
    struct layout_page_setup ps;
    layout_page_setup_a4(&ps);
    ps.page_numbers = 0;
    struct layout *L = layout_new(&ps, f->fs, &f->d);
    const struct layout_text_style bullet = { .font = FONT_SANS, .size = 10, .leading = 1.6f,
        .align = LAYOUT_JUSTIFY, .indent = -12, .inset = 12 };
    const struct layout_text_style cite = { .font = FONT_SANS_BOLD, .size = 10, .leading = 1.6f,
        .color = 0x1D4ED8 };
    struct layout_span spans[3] = { { "•\xC2\xA0", NULL, NULL, 0 }, { korean, NULL, NULL, 0 },
                                    { " [1]", &cite, "https://example.kr/1", 0 } };
    layout_paragraph_spans(L, spans, 3, &bullet);
    const struct layout_page *pg = layout_get_page(L, 0);
    struct line_info lines[32];
    size_t n = page_lines(pg, lines, 32);
    assert_true(n >= 2);
    /* the bullet hangs at the margin, every other line starts at the inset */
    assert_int_equal(lines[0].first_cp, 0x2022);
    assert_float_equal(lines[0].x0, ps.margin_left, 0.01);
    for (size_t i = 1; i < n; i++)
        assert_float_equal(lines[i].x0, ps.margin_left + 12, 0.01);
    assert_int_equal(pg->nlinks, 1);

    /* A rich cell: a bold name and a link, laid out like a plain one. */
    static const struct layout_column cols[2] = {
        { "기관", LAYOUT_COL_CONTENT, 0, LAYOUT_AUTO },
        { "출처", LAYOUT_COL_PROPORTIONAL, 1, LAYOUT_AUTO },
    };
    struct layout_span name[2] = { { "업스테이지", &cite, NULL, 0 }, { " ※", NULL, NULL, 0 } };
    struct layout_span src[1] = { { "전자신문", NULL, "https://example.kr/2", 0 } };
    const struct layout_cell rich[2] = { { name, 2 }, { src, 1 } };
    struct layout_table t = { .cols = cols, .ncols = 2, .nrows = 1, .rich = rich };
    layout_table(L, &t);
    layout_finish(L);
    pg = layout_get_page(L, 0);
    assert_int_equal(pg->nlinks, 2);
    assert_string_equal(pg->links[1].uri, "https://example.kr/2");
    assert_int_equal(count_cp(pg, 0x203B /* ※ */), 1);
    layout_free(L);
}

/* ---- Structure (tagged PDF) ---- */

/* The first child of node n with role r, or -1. */
static int child(const struct layout_node *nodes, int n, enum layout_role r)
{
    for (size_t k = 0; k < nodes[n].nkids; k++)
        if (nodes[n].kids[k].kind == LAYOUT_KID_NODE && nodes[nodes[n].kids[k].index].role == r)
            return nodes[n].kids[k].index;
    return -1;
}

static size_t kids_of(const struct layout_node *nodes, int n, enum layout_kid_kind kind)
{
    size_t c = 0;
    for (size_t k = 0; k < nodes[n].nkids; k++)
        c += nodes[n].kids[k].kind == kind;
    return c;
}

static void test_structure_roles(void **state)
{
    struct fixture *f = *state;
    struct layout_page_setup ps;
    layout_page_setup_a4(&ps);
    ps.header_left = "머리말";
    struct layout *L = layout_new(&ps, f->fs, &f->d);
    layout_heading(L, "요약", &body, 0);
    layout_begin_struct(L, LAYOUT_ROLE_L, NULL);
    struct layout_span item[3] = { { "•\xC2\xA0", NULL, NULL, LAYOUT_ROLE_LBL },
                                   { "첫 항목", NULL, NULL, 0 },
                                   { "[1]", NULL, "#src-1", LAYOUT_ROLE_REFERENCE } };
    layout_paragraph_spans(L, item, 3, &body);
    layout_end_struct(L);
    layout_heading(L, "기관", &body, 1);
    layout_heading(L, "주요 문장", &body, -1);
    layout_begin_struct(L, LAYOUT_ROLE_BLOCKQUOTE, NULL);
    layout_paragraph(L, "“인용문.”", &body);
    layout_end_struct(L);
    layout_begin_struct(L, LAYOUT_ROLE_SECT, NULL);   /* never gets content: left out */
    layout_end_struct(L);
    static const struct layout_column cols[2] = { { "기관", LAYOUT_COL_CONTENT, 0, LAYOUT_AUTO },
                                                  { "값", LAYOUT_COL_CONTENT, 0, LAYOUT_AUTO } };
    static const char *const cells[] = { "가", NULL };
    struct layout_table t = { .cols = cols, .ncols = 2, .cells = cells, .nrows = 1,
                              .row_headers = 1 };
    layout_table(L, &t);
    layout_anchor(L, "src-1");
    layout_paragraph(L, "[1] 출처", &body);
    layout_finish(L);

    size_t nn;
    const struct layout_node *nodes = layout_nodes(L, &nn);
    assert_int_equal(nodes[0].role, LAYOUT_ROLE_DOCUMENT);
    /* Document: H1, L, H2, H3, BlockQuote, Table, P in reading order; the empty Sect absent */
    static const enum layout_role order[] = { LAYOUT_ROLE_H1, LAYOUT_ROLE_L, LAYOUT_ROLE_H2,
        LAYOUT_ROLE_H3, LAYOUT_ROLE_BLOCKQUOTE, LAYOUT_ROLE_TABLE, LAYOUT_ROLE_P };
    assert_int_equal(nodes[0].nkids, sizeof order / sizeof order[0]);
    for (size_t i = 0; i < nodes[0].nkids; i++)
        assert_int_equal(nodes[nodes[0].kids[i].index].role, order[i]);
    int list = child(nodes, 0, LAYOUT_ROLE_L), li = child(nodes, list, LAYOUT_ROLE_LI);
    assert_true(li >= 0);
    /* LI: Lbl first, then LBody, which holds the Reference > Link with its annotation */
    assert_int_equal(nodes[nodes[li].kids[0].index].role, LAYOUT_ROLE_LBL);
    assert_int_equal(nodes[nodes[li].kids[1].index].role, LAYOUT_ROLE_LBODY);
    int ref = child(nodes, nodes[li].kids[1].index, LAYOUT_ROLE_REFERENCE);
    int link = child(nodes, ref, LAYOUT_ROLE_LINK);
    assert_true(link >= 0);
    assert_int_equal(kids_of(nodes, link, LAYOUT_KID_LINK), 1);
    assert_int_equal(kids_of(nodes, link, LAYOUT_KID_CONTENT), 1);
    assert_string_equal(nodes[link].alt, "[1]");
    /* Table: two rows, header cells with column scope, the row header, an empty TD kept */
    int table = child(nodes, 0, LAYOUT_ROLE_TABLE);
    assert_int_equal(nodes[table].nkids, 2);
    int head = nodes[table].kids[0].index, row = nodes[table].kids[1].index;
    assert_int_equal(nodes[nodes[head].kids[0].index].scope, 1);
    assert_int_equal(nodes[nodes[row].kids[0].index].role, LAYOUT_ROLE_TH);
    assert_int_equal(nodes[nodes[row].kids[0].index].scope, 2);
    assert_int_equal(nodes[nodes[row].kids[1].index].role, LAYOUT_ROLE_TD);
    assert_int_equal(nodes[nodes[row].kids[1].index].nkids, 0);
    /* Ops: table rules and the page number are artifacts; text is marked content */
    const struct layout_page *pg = layout_get_page(L, 0);
    size_t artifacts = 0, footer = 0;
    for (size_t i = 0; i < pg->nops; i++) {
        if (pg->ops[i].kind == LAYOUT_OP_LINE)
            assert_true(pg->ops[i].node < 0);
        if (pg->ops[i].kind == LAYOUT_OP_TEXT && pg->ops[i].node >= 0)
            assert_true(pg->ops[i].mcid >= 0 && pg->ops[i].mcid < pg->nmcid);
        artifacts += pg->ops[i].node < 0;
        footer += pg->ops[i].node == LAYOUT_ARTIFACT_FOOTER;
    }
    assert_true(artifacts > 0);
    assert_int_equal(footer, 1);
    layout_free(L);
}

/* The running header names the section current at the top of each page, and the first page
 * has none. */
/* How many times cp is drawn in the running header of pg. */
static size_t header_cp(const struct layout_page *pg, uint32_t cp)
{
    size_t n = 0;
    for (size_t i = 0; i < pg->nops; i++)
        if (pg->ops[i].kind == LAYOUT_OP_TEXT && pg->ops[i].node == LAYOUT_ARTIFACT_HEADER)
            for (size_t g = 0; g < pg->ops[i].u.text.count; g++)
                n += pg->glyphs[pg->ops[i].u.text.first + g].cp == cp;
    return n;
}

static void test_running_sections(void **state)
{
    struct fixture *f = *state;
    struct layout_page_setup ps;
    layout_page_setup_a4(&ps);
    ps.header_left = "헤더";
    ps.header_right = "기본";
    struct layout *L = layout_new(&ps, f->fs, &f->d);
    layout_running_section(L, "가나");
    layout_heading(L, "가나", &body, 0);
    layout_paragraph(L, korean, &body);
    layout_page_break(L);
    layout_paragraph(L, korean, &body);
    layout_running_section(L, "다라");
    layout_page_break(L);
    layout_heading(L, "다라", &body, 0);
    layout_paragraph(L, korean, &body);
    layout_finish(L);
    assert_int_equal(layout_page_count(L), 3);
    assert_string_equal(layout_get_page(L, 0)->section, "가나");
    assert_int_equal(count_cp(layout_get_page(L, 0), 0xD5E4 /* 헤 */), 0);
    /* page 2 starts inside 가나 (set before its first block); 다라 takes over on page 3 */
    assert_string_equal(layout_get_page(L, 1)->section, "가나");
    assert_string_equal(layout_get_page(L, 2)->section, "다라");
    assert_int_equal(count_cp(layout_get_page(L, 1), 0xD5E4), 1);
    assert_int_equal(header_cp(layout_get_page(L, 1), 0xAC00 /* 가 */), 1);
    assert_int_equal(header_cp(layout_get_page(L, 1), 0xAE30 /* 기 of 기본 */), 0);
    assert_int_equal(header_cp(layout_get_page(L, 2), 0xB2E4 /* 다 */), 1);
    layout_free(L);
}

/* A broken table repeats its header under the "continued" mark, as an artifact, and its last
 * page never holds a single row. */
static void test_table_continued(void **state)
{
    struct fixture *f = *state;
    static const struct layout_column cols[2] = { { "기관", LAYOUT_COL_CONTENT, 0, LAYOUT_AUTO },
                                                  { "값", LAYOUT_COL_CONTENT, 0, LAYOUT_AUTO } };
    const char *cells[2 * 80];
    for (int i = 0; i < 80; i++) {
        cells[2 * i] = "업스테이지";
        cells[2 * i + 1] = "1,000억";
    }
    for (int nrows = 20; nrows <= 80; nrows++) {
        struct layout_page_setup ps;
        layout_page_setup_a4(&ps);
        ps.page_numbers = 0;
        struct layout *L = layout_new(&ps, f->fs, &f->d);
        layout_vspace(L, 1);
        layout_paragraph(L, korean, &body);
        struct layout_table t = { .cols = cols, .ncols = 2, .cells = cells, .nrows = (size_t)nrows,
                                  .continued = "(계속)" };
        layout_table(L, &t);
        layout_finish(L);
        int pages = layout_page_count(L);
        for (int p = 0; p < pages; p++) {
            const struct layout_page *pg = layout_get_page(L, p);
            /* rows on the page = how many 업 are tagged content (not the repeated header) */
            size_t rows = count_cp(pg, 0xC5C5 /* 업 */);
            size_t cont = count_cp(pg, 0xACC4 /* 계 */);
            if (rows)
                assert_true(rows >= 2);
            assert_int_equal(cont, p > 0 ? 1 : 0);
            for (size_t i = 0; i < pg->nops; i++)
                if (p > 0 && pg->ops[i].kind == LAYOUT_OP_TEXT && pg->ops[i].node >= 0)
                    assert_true(pg->glyphs[pg->ops[i].u.text.first].cp != 0xACC4);
        }
        layout_free(L);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_justified_and_line_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_keep_all_words, setup, teardown),
        cmocka_unit_test_setup_teardown(test_overfull_lines_respect_punctuation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_total_fit_spacing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stretch_limit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_heading_kept_with_next, setup, teardown),
        cmocka_unit_test_setup_teardown(test_label_kept_with_table, setup, teardown),
        cmocka_unit_test_setup_teardown(test_table_pages, setup, teardown),
        cmocka_unit_test_setup_teardown(test_table_column_floors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_intro_kept_with_next, setup, teardown),
        cmocka_unit_test_setup_teardown(test_held_anchors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_numbers_right_aligned, setup, teardown),
        cmocka_unit_test_setup_teardown(test_primitives_and_links, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invalid_utf8_warns, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_orphan_no_endless_row, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hanging_list_and_rich_cells, setup, teardown),
        cmocka_unit_test_setup_teardown(test_structure_roles, setup, teardown),
        cmocka_unit_test_setup_teardown(test_running_sections, setup, teardown),
        cmocka_unit_test_setup_teardown(test_table_continued, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_chart.c — the vector bar chart: round axis steps; a value not reported is an outlined
 * stub with its label, never a filled bar; bars scale with their values; a loss is a bar left
 * of the zero line; nothing leaves the text area. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/buf.h"
#include "report/chart.h"

static void test_nice_step(void **state)
{
    (void)state;
    static const struct { double max, step; } cases[] = {
        { 500, 100 }, { 519, 100 }, { 236, 50 }, { 32, 10 }, { 10.2, 2 }, { 0, 1 }, { -3, 1 },
        { 1, 0.2 }, { 6000, 1000 }, { 7, 2 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double s = chart_nice_step(cases[i].max);
        assert_true(s > cases[i].step * 0.999 && s < cases[i].step * 1.001);
    }
}

#define TOTAL 0x2F5D8C
#define ACTIVE 0x8FB3D9

/* Filled bars of one colour (taller than a legend swatch) with their left edges, in drawing
 * order; x may be NULL. */
static size_t bar_edges(const struct layout_page *pg, uint32_t color, float *x, float *w, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < pg->nops; i++) {
        const struct layout_op *op = &pg->ops[i];
        if (op->kind == LAYOUT_OP_RECT && op->u.rect.fill == color && op->u.rect.h > 9) {
            if (n < max) {
                if (x)
                    x[n] = op->u.rect.x;
                w[n] = op->u.rect.w;
            }
            n++;
        }
    }
    return n;
}

static size_t bars(const struct layout_page *pg, uint32_t color, float *w, size_t max)
{
    return bar_edges(pg, color, NULL, w, max);
}

/* A chart drawn on an A4 layout of its own; the caller frees both. */
struct drawn {
    struct font_set *fs;
    struct layout *L;
    struct layout_page_setup ps;
    const struct layout_page *pg;
};

static void draw(const struct chart *c, struct drawn *dr)
{
    struct diag d;
    diag_init(&d, stderr, 0, 0);
    assert_int_equal(font_set_new(NULL, &d, &dr->fs), EXP_OK);
    layout_page_setup_a4(&dr->ps);
    dr->L = layout_new(&dr->ps, dr->fs, &d);
    struct layout_block b = chart_draw_bars(dr->L, c);
    layout_finish(dr->L);
    dr->pg = layout_get_page(dr->L, b.page);
}

static void drawn_free(struct drawn *dr)
{
    layout_free(dr->L);
    font_set_free(dr->fs);
}

static void test_draw(void **state)
{
    (void)state;
    const struct chart_series series[2] = { { "총 파라미터", TOTAL }, { "활성 파라미터", ACTIVE } };
    const struct chart_group groups[3] = {
        { "SK텔레콤", "#ent-skt", { "500B", "33B" }, { 500, 33 } },
        { "LG AI연구원", NULL, { "236B", NULL }, { 236, 0 } },   /* active not reported */
        { "업스테이지", NULL, { "100B", "10.2B" }, { 100, 10.2 } },
    };
    struct chart c = { series, 2, groups, 3, "파라미터 수 (B = 10억 개)", "미공개" };
    struct drawn dr;
    draw(&c, &dr);
    const struct layout_page *pg = dr.pg;
    const struct layout_page_setup ps = dr.ps;
    float tw[4] = { 0 }, aw[4] = { 0 };
    /* three total bars (the legend swatch is lower), two active bars: no bar for "not
     * reported", and none of length 0 */
    assert_int_equal(bars(pg, TOTAL, tw, 4), 3);
    assert_int_equal(bars(pg, ACTIVE, aw, 4), 2);
    assert_true(tw[0] > tw[1] && tw[1] > tw[2]);
    assert_true(tw[0] / tw[2] > 4.99f && tw[0] / tw[2] < 5.01f);   /* 500 : 100 */
    assert_true(aw[0] > aw[1] && aw[1] > 0);
    /* the stub: an outlined, unfilled rectangle */
    size_t stubs = 0;
    for (size_t i = 0; i < pg->nops; i++) {
        const struct layout_op *op = &pg->ops[i];
        if (op->kind == LAYOUT_OP_RECT && op->u.rect.fill == LAYOUT_NO_COLOR &&
            op->u.rect.stroke != LAYOUT_NO_COLOR)
            stubs++;
        if (op->kind == LAYOUT_OP_RECT) {
            assert_true(op->u.rect.x >= ps.margin_left - 0.01f);
            assert_true(op->u.rect.x + op->u.rect.w <= ps.width - ps.margin_right + 0.01f);
        }
    }
    assert_int_equal(stubs, 1);
    /* every glyph inside the text area; the missing label and the values are drawn */
    struct buf t = BUF_INIT;
    for (size_t i = 0; i < pg->nglyphs; i++) {
        assert_true(pg->glyphs[i].x >= ps.margin_left - 0.01f);
        assert_true(pg->glyphs[i].x <= ps.width - ps.margin_right);
        buf_put_utf8(&t, pg->glyphs[i].cp);
    }
    assert_non_null(strstr(t.data, "미공개"));
    assert_non_null(strstr(t.data, "500B"));
    assert_non_null(strstr(t.data, "10.2B"));
    assert_null(strstr(t.data, "0B미공개"));
    buf_free(&t);
    /* the label links to its section */
    assert_int_equal(pg->nlinks, 1);
    assert_string_equal(pg->links[0].uri, "#ent-skt");
    drawn_free(&dr);
}

/* A loss is a bar to the left of the zero line, as long as its magnitude says; profits start
 * at the same zero line; the axis has a negative tick. */
static void test_negative_values(void **state)
{
    (void)state;
    const struct chart_series series[1] = { { "영업이익", TOTAL } };
    const struct chart_group groups[3] = {
        { "알파", NULL, { "5,340억 원" }, { 5340 } },
        { "베타", NULL, { "-2,000억 원" }, { -2000 } },
        { "감마", NULL, { "2,710억 원" }, { 2710 } },
    };
    struct chart c = { series, 1, groups, 3, "영업이익 (억 원)", "미공개" };
    struct drawn dr;
    draw(&c, &dr);
    const struct layout_page *pg = dr.pg;
    float x[3] = { 0 }, w[3] = { 0 };
    assert_int_equal(bar_edges(pg, TOTAL, x, w, 3), 3);
    float zero = x[0];
    assert_true(x[2] > zero - 0.01f && x[2] < zero + 0.01f);        /* both profits start at 0 */
    assert_true(x[1] + w[1] > zero - 0.01f && x[1] + w[1] < zero + 0.01f); /* the loss ends there */
    assert_true(w[0] / w[1] > 2.66f && w[0] / w[1] < 2.68f);          /* 5,340 : 2,000 */
    struct buf t = BUF_INIT;
    for (size_t i = 0; i < pg->nglyphs; i++)
        buf_put_utf8(&t, pg->glyphs[i].cp);
    assert_non_null(strstr(t.data, "-2,000억 원"));
    const char *tick = strstr(t.data, "-2,000");   /* a tick left of zero, beside the label */
    assert_non_null(tick);
    assert_non_null(strstr(tick + 1, "-2,000"));
    buf_free(&t);
    drawn_free(&dr);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nice_step),
        cmocka_unit_test(test_draw),
        cmocka_unit_test(test_negative_values),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

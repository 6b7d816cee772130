/* test_pdf_pack.c — streams compressed ahead: the file is the same bytes whether a stream was
 * handed over early or not, and a stream changed after it was handed over is written as it is
 * at the end, never as it was. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <hpdf.h>
#include <hpdf_objects.h>

#include "util/buf.h"
#include "util/diag.h"
#include "typeset/pdf_pack.h"

enum { N_PAGES = 5 };

/* How the test hands the pages' contents over. */
enum handover { NONE, EACH_PAGE, THEN_CHANGED };

static void draw(HPDF_Page page, int i, const char *extra)
{
    /* 200 lines, then extra */
    HPDF_Dict contents = HPDF_Dict_GetItem(page, "Contents", HPDF_OCLASS_DICT);
    assert_non_null(contents);
    char ops[128];
    for (int k = 0; k < 200; k++) {
        snprintf(ops, sizeof ops, "%d %d m %d %d l S\n", i, k, k * 3 + i, k * 2);
        HPDF_Stream_WriteStr(contents->stream, ops);
    }
    if (extra)
        HPDF_Stream_WriteStr(contents->stream, extra);
}

static void draw_more(HPDF_Page page, const char *ops)
{
    HPDF_Dict contents = HPDF_Dict_GetItem(page, "Contents", HPDF_OCLASS_DICT);
    HPDF_Stream_WriteStr(contents->stream, ops);
}

/* A document of N_PAGES pages of line drawings, packed; the pages' contents handed over as
 * `how` says. Returns the file in out. */
static void make_pdf(enum handover how, struct buf *out)
{
    HPDF_Doc pdf = HPDF_New(NULL, NULL);
    assert_non_null(pdf);
    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    struct pdf_pack_ahead *ahead = how == NONE ? NULL : pdf_pack_ahead_new(pdf);
    HPDF_Page pages[N_PAGES];
    for (int i = 0; i < N_PAGES; i++) {
        pages[i] = HPDF_AddPage(pdf);
        draw(pages[i], i, NULL);
        if (ahead) {
            HPDF_Dict c = HPDF_Dict_GetItem(pages[i], "Contents", HPDF_OCLASS_DICT);
            assert_int_equal(pdf_pack_ahead_stream(ahead, c), HPDF_OK);
        }
    }
    if (how == THEN_CHANGED)
        draw_more(pages[2], "0 0 m 9 9 l S\n");   /* after the hand-over */
    struct diag d;
    diag_init(&d, NULL, 0, 1);
    assert_int_equal(pdf_pack_write(pdf, ahead, out, &d), EXP_OK);
    pdf_pack_ahead_free(ahead);
    HPDF_Free(pdf);
}

static void test_same_bytes_ahead_or_not(void **state)
{
    (void)state;
    struct buf plain = BUF_INIT, ahead = BUF_INIT;
    make_pdf(NONE, &plain);
    make_pdf(EACH_PAGE, &ahead);
    assert_true(plain.len > 0);
    assert_int_equal(ahead.len, plain.len);
    assert_memory_equal(ahead.data, plain.data, plain.len);
    buf_free(&plain);
    buf_free(&ahead);
}

/* The changed page is compressed again: the file is the one where the change came before. */
static void test_changed_after_handover(void **state)
{
    (void)state;
    struct buf changed = BUF_INIT, want = BUF_INIT;
    make_pdf(THEN_CHANGED, &changed);
    /* the same document, the change made before packing and nothing handed over */
    HPDF_Doc pdf = HPDF_New(NULL, NULL);
    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    for (int i = 0; i < N_PAGES; i++)
        draw(HPDF_AddPage(pdf), i, i == 2 ? "0 0 m 9 9 l S\n" : NULL);
    struct diag d;
    diag_init(&d, NULL, 0, 1);
    assert_int_equal(pdf_pack_write(pdf, NULL, &want, &d), EXP_OK);
    HPDF_Free(pdf);
    assert_int_equal(changed.len, want.len);
    assert_memory_equal(changed.data, want.data, want.len);
    buf_free(&changed);
    buf_free(&want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_bytes_ahead_or_not),
        cmocka_unit_test(test_changed_after_handover),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_shape.c — cleaning (UTF-8 repair, NFC, white space) and HarfBuzz shaping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <utf8proc.h>

#include "util/buf.h"
#include "util/diag.h"
#include "typeset/font.h"
#include "typeset/shape.h"

struct fixture {
    char *log;
    size_t log_len;
    FILE *log_fp;
    struct diag d;
    struct font_set *fs;
    struct shape_ctx *s;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    f->log_fp = open_memstream(&f->log, &f->log_len);
    diag_init(&f->d, f->log_fp, 0, 0);
    if (font_set_new(NULL, &f->d, &f->fs) != EXP_OK)
        return -1;
    f->s = shape_new(f->fs);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    shape_free(f->s);
    font_set_free(f->fs);
    fclose(f->log_fp);
    free(f->log);
    free(f);
    return 0;
}

static void shape_one(struct fixture *f, const char *text, enum font_style st,
                      struct shape_glyphs *out)
{
    struct shape_span sp = { 0, strlen(text), st, 10 };
    struct shape_source src = { "in.txt", 3, 1 };
    shape_text(f->s, text, strlen(text), &sp, 1, &src, out);
}

static void test_clean(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        size_t len;
        const char *want;
        size_t repaired;
    } cases[] = {
        { "\xff가\xc3", 0, "\xEF\xBF\xBD가\xEF\xBF\xBD", 2 },               /* invalid bytes */
        { "\xed\xa0\x80x", 0, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDx", 3 },  /* a surrogate */
        { "\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab", 0, "한", 0 },              /* NFC */
        { "  a \t b\r\n  c  ", 0, "a b\nc ", 0 },                              /* white space */
        { "x\x01y\x7fz", 0, "xyz", 0 },                                       /* controls */
        { "a\0b", 3, "a", 0 },                                                /* NUL dropped */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct buf b = BUF_INIT;
        size_t len = cases[i].len ? cases[i].len : strlen(cases[i].in);
        size_t n = shape_clean(cases[i].in, len, &b);
        assert_int_equal(n, cases[i].repaired);
        if (i == 5)
            assert_string_equal(b.data, "ab");
        else
            assert_string_equal(b.data, cases[i].want);
        buf_free(&b);
    }
}

/* The NFC fast path: every code point it trusts has combining class 0 and is its own NFC. */
static void test_nfc_inert(void **state)
{
    (void)state;
    for (uint32_t c = 0; c < 0x10000; c++) {
        if (!shape_nfc_inert(c) || (c >= 0xD800 && c <= 0xDFFF))
            continue;
        const utf8proc_property_t *pr = utf8proc_get_property((utf8proc_int32_t)c);
        if (pr->combining_class != 0)
            fail_msg("U+%04X has combining class %d", c, pr->combining_class);
        utf8proc_uint8_t in[8], *nfc;
        utf8proc_ssize_t n = utf8proc_encode_char((utf8proc_int32_t)c, in);
        in[n] = 0;
        nfc = utf8proc_NFC(in);
        if (!nfc || strcmp((const char *)nfc, (const char *)in) != 0)
            fail_msg("NFC changes U+%04X", c);
        free(nfc);
    }
    /* A syllable followed by a trailing jamo still composes: the jamo is not inert. */
    struct buf b = BUF_INIT;
    shape_clean("\xEA\xB0\x80\xE1\x86\xA8", 6, &b);   /* 가 + ᆨ */
    assert_string_equal(b.data, "각");
    buf_free(&b);
}

static void test_hangul_and_kerning(void **state)
{
    struct fixture *f = *state;
    struct shape_glyphs g = { 0 };
    shape_one(f, "한국어", FONT_SANS, &g);
    assert_int_equal(g.len, 3);
    assert_int_equal(g.items[0].cp, 0xD55C);
    assert_int_equal(g.items[1].cluster, 3);
    /* NanumGothic: Hangul syllables have a fixed advance of 940 units. */
    assert_float_equal(g.items[0].advance, 9.4f, 0.001f);
    shape_glyphs_free(&g);

    /* Kerning is applied: "AV" is narrower than "A" + "V". */
    struct shape_glyphs a = { 0 }, v = { 0 }, av = { 0 };
    shape_one(f, "A", FONT_SANS, &a);
    shape_one(f, "V", FONT_SANS, &v);
    shape_one(f, "AV", FONT_SANS, &av);
    assert_int_equal(av.len, 2);
    assert_true(av.items[0].advance + av.items[1].advance
                < a.items[0].advance + v.items[0].advance - 0.1f);
    shape_glyphs_free(&a);
    shape_glyphs_free(&v);
    shape_glyphs_free(&av);
}

/* A recurring short run is shaped by HarfBuzz once: the second time (at another place and
 * size) it gives the same glyphs, clusters moved to where it stands and advances scaled; a
 * fresh context (nothing remembered) gives the same bytes. */
static void test_recurring_run_shaped_once(void **state)
{
    struct fixture *f = *state;
    const char *text = "출처 [3] 보도 [3] 출처 [3]";
    size_t len = strlen(text);
    struct shape_span at10 = { 0, len, FONT_SANS, 10 }, at20 = { 0, len, FONT_SANS, 20 };
    struct shape_glyphs first = { 0 }, again = { 0 }, big = { 0 }, fresh = { 0 };
    shape_text(f->s, text, len, &at10, 1, NULL, &first);
    unsigned long calls = shape_harfbuzz_calls(f->s);
    assert_true(calls >= 1);
    shape_text(f->s, text, len, &at10, 1, NULL, &again);
    assert_int_equal(shape_harfbuzz_calls(f->s), calls);   /* nothing shaped again */
    assert_int_equal(again.len, first.len);
    assert_memory_equal(again.items, first.items, first.len * sizeof *first.items);
    shape_text(f->s, text, len, &at20, 1, NULL, &big);
    assert_int_equal(shape_harfbuzz_calls(f->s), calls);   /* the size is not the run's */
    assert_int_equal(big.len, first.len);
    for (size_t i = 0; i < first.len; i++) {
        assert_int_equal(big.items[i].cp, first.items[i].cp);
        assert_int_equal(big.items[i].cluster, first.items[i].cluster);
        assert_float_equal(big.items[i].advance, 2 * first.items[i].advance, 0.001f);
    }
    /* a context that remembers nothing shapes the same glyphs */
    struct shape_ctx *other = shape_new(f->fs);
    shape_text(other, text, len, &at10, 1, NULL, &fresh);
    assert_int_equal(fresh.len, first.len);
    assert_memory_equal(fresh.items, first.items, first.len * sizeof *first.items);
    shape_free(other);
    shape_glyphs_free(&first);
    shape_glyphs_free(&again);
    shape_glyphs_free(&big);
    shape_glyphs_free(&fresh);
}

static void test_missing_reported_once(void **state)
{
    struct fixture *f = *state;
    struct shape_glyphs g = { 0 };
    /* U+20000 is above the BMP: libharu cannot draw it; U+E000 is in no font. */
    shape_one(f, "가\xF0\xA0\x80\x80나\xF0\xA0\x80\x80\xEE\x80\x80", FONT_SANS, &g);
    assert_int_equal(g.len, 5);
    assert_int_equal(g.items[1].face, -1);
    assert_int_equal(g.items[1].cp, 0x20000);
    assert_true(g.items[1].advance > 0);
    assert_int_equal(g.items[4].face, -1);
    fflush(f->log_fp);
    assert_non_null(strstr(f->log, "in.txt:3:2: warning: no font has U+20000"));
    assert_non_null(strstr(f->log, "U+E000"));
    assert_null(strstr(strstr(f->log, "U+20000") + 1, "U+20000"));
    shape_glyphs_free(&g);
}

static void test_fallback_font(void **state)
{
    struct fixture *f = *state;
    /* NanumMyeongjo has no Hanja: 漢 comes from a fallback face, 가 from Myeongjo. */
    struct shape_glyphs g = { 0 };
    shape_one(f, "가漢가", FONT_SERIF, &g);
    assert_int_equal(g.len, 3);
    assert_true(g.items[0].face >= 0 && g.items[1].face >= 0);
    assert_int_not_equal(g.items[0].face, g.items[1].face);
    assert_int_equal(g.items[0].face, g.items[2].face);
    assert_non_null(strstr(font_set_face(f->fs, g.items[0].face)->family, "Myeongjo"));
    shape_glyphs_free(&g);
}

static void test_spans_and_invisibles(void **state)
{
    struct fixture *f = *state;
    const char *t = "굵게 보통\xE2\x80\x8B끝";   /* ZWSP takes no glyph */
    struct shape_span sp[2] = { { 0, 6, FONT_SANS_BOLD, 12 }, { 6, strlen(t), FONT_SANS, 10 } };
    struct shape_glyphs g = { 0 };
    shape_text(f->s, t, strlen(t), sp, 2, NULL, &g);
    assert_int_equal(g.len, 6);
    assert_int_equal(g.items[0].span, 0);
    assert_int_equal(g.items[3].span, 1);
    assert_int_not_equal(g.items[0].face, g.items[3].face);
    assert_int_equal(g.items[5].cp, 0xB05D);   /* 끝 */
    shape_glyphs_free(&g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clean),
        cmocka_unit_test(test_nfc_inert),
        cmocka_unit_test_setup_teardown(test_hangul_and_kerning, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_reported_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_recurring_run_shaped_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fallback_font, setup, teardown),
        cmocka_unit_test_setup_teardown(test_spans_and_invisibles, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_pdf_out.c — the PDF writer: subset sizes, determinism, info, links, outlines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>
#include <hpdf.h>
#include <hpdf_objects.h>

#include "pdf_expand.h"

#include "util/buf.h"
#include "util/diag.h"
#include "typeset/font.h"
#include "typeset/layout.h"
#include "typeset/pdf_out.h"
#include "typeset/tags.h"

/* memmem is a GNU extension; the build is POSIX. */
static const void *find(const void *hay, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; n <= len && i <= len - n; i++)
        if (memcmp((const char *)hay + i, needle, n) == 0)
            return (const char *)hay + i;
    return NULL;
}

static int find_ci(const void *hay, size_t len, const char *upper, const char *lower)
{
    return find(hay, len, upper) || find(hay, len, lower);
}

static const struct layout_text_style body = { .font = FONT_SANS, .size = 10, .leading = 1.6f,
    .color = 0, .align = LAYOUT_JUSTIFY, .space_after = 6 };

/* A one-paragraph document of text. */
static enum exp_status render_text(const char *text, struct buf *pdf,
                                   struct pdf_out_stats *st, const struct pdf_out_info *info)
{
    struct diag d;
    diag_init(&d, stderr, 0, 0);
    struct font_set *fs;
    if (font_set_new(NULL, &d, &fs) != EXP_OK)
        return EXP_CONFIG;
    struct layout_page_setup ps;
    layout_page_setup_a4(&ps);
    ps.page_numbers = 0;
    struct layout *L = layout_new(&ps, fs, &d);
    layout_paragraph(L, text, &body);
    layout_finish(L);
    enum exp_status rc = pdf_out_to_buf(L, info, pdf, st, &d);
    layout_free(L);
    font_set_free(fs);
    return rc;
}

/* A one-font document drawing n distinct Hangul syllables (every 7th from 가). */
static enum exp_status render(size_t distinct, struct buf *pdf, struct pdf_out_stats *st,
                              const struct pdf_out_info *info)
{
    struct diag d;
    diag_init(&d, stderr, 0, 0);
    struct font_set *fs;
    if (font_set_new(NULL, &d, &fs) != EXP_OK)
        return EXP_CONFIG;
    struct layout_page_setup ps;
    layout_page_setup_a4(&ps);
    ps.page_numbers = 0;
    struct layout *L = layout_new(&ps, fs, &d);
    struct buf t = BUF_INIT;
    for (size_t i = 0; i < distinct; i++) {
        buf_put_utf8(&t, 0xAC00 + (unsigned)(i * 7));
        if (i % 5 == 4)
            buf_putc(&t, ' ');
    }
    layout_paragraph(L, t.data, &body);
    buf_free(&t);
    layout_finish(L);
    enum exp_status rc = pdf_out_to_buf(L, info, pdf, st, &d);
    layout_free(L);
    font_set_free(fs);
    return rc;
}

static void test_font_bytes_follow_glyphs(void **state)
{
    (void)state;
    static const size_t counts[] = { 20, 200, 800 };
    size_t bytes[3];
    for (int i = 0; i < 3; i++) {
        struct buf pdf = BUF_INIT;
        struct pdf_out_stats st;
        assert_int_equal(render(counts[i], &pdf, &st, NULL), EXP_OK);
        assert_int_equal(st.fonts, 1);
        /* the syllables plus the space */
        assert_int_equal(st.glyphs, counts[i] + (counts[i] >= 5));
        bytes[i] = st.font_bytes;
        /* A NanumGothic syllable costs about 150-250 bytes unhinted; allow 400 plus 12 KB of
         * tables, far below the 4.6 MB font file. */
        assert_true(st.font_bytes < counts[i] * 400 + 12000);
        assert_true(st.bytes < st.font_bytes + 40000);
        buf_free(&pdf);
    }
    assert_true(bytes[0] < bytes[1] && bytes[1] < bytes[2]);
    /* Growth is per glyph: 600 more syllables cost 60-400 bytes each. */
    double per = (double)(bytes[2] - bytes[1]) / (double)(counts[2] - counts[1]);
    assert_true(per > 60 && per < 400);
    struct stat sb;
    if (stat("/usr/share/fonts/truetype/nanum/NanumGothic.ttf", &sb) == 0)
        assert_true(bytes[2] * 10 < (size_t)sb.st_size);
}

/* Replaces b with the file plus every deflated stream inflated (pdf_expand.h). */
static size_t count_of(const char *hay, size_t len, const char *needle)
{
    size_t n = 0, k = strlen(needle);
    for (size_t i = 0; k <= len && i <= len - k; i++)
        n += memcmp(hay + i, needle, k) == 0;
    return n;
}

static void expand(struct buf *b)
{
    size_t n;
    char *x = pdf_expand(b->data, b->len, &n);
    buf_free(b);
    b->data = x;
    b->len = b->cap = n;
}

static void test_deterministic_with_info(void **state)
{
    (void)state;
    struct pdf_out_info info = { "제목 <&>", "기자", "주제", "키워드", "exporter", 1767052800, NULL };
    struct buf a = BUF_INIT, b = BUF_INIT;
    assert_int_equal(render(30, &a, NULL, &info), EXP_OK);
    assert_int_equal(render(30, &b, NULL, &info), EXP_OK);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.data, b.data, a.len);
    assert_memory_equal(a.data, "%PDF-1.5", 8);
    expand(&a);
    /* UTF-16 title, the date from info->date. */
    assert_non_null(find(a.data, a.len, "/CreationDate (D:20251230000000Z"));
    assert_true(find_ci(a.data, a.len, "/Title <FEFF", "/Title <feff"));
    buf_free(&a);
    buf_free(&b);
    /* No info: no dates at all. */
    struct buf c = BUF_INIT;
    assert_int_equal(render(10, &c, NULL, NULL), EXP_OK);
    assert_null(find(c.data, c.len, "CreationDate"));
    buf_free(&c);
}

static void test_links_and_outlines(void **state)
{
    (void)state;
    struct diag d;
    diag_init(&d, stderr, 0, 0);
    struct font_set *fs;
    assert_int_equal(font_set_new(NULL, &d, &fs), EXP_OK);
    struct layout_page_setup ps;
    layout_page_setup_a4(&ps);
    struct layout *L = layout_new(&ps, fs, &d);
    const struct layout_text_style h = { .font = FONT_SANS_BOLD, .size = 13, .leading = 1.4f,
        .color = 0, .align = LAYOUT_LEFT, .space_after = 4 };
    layout_heading(L, "첫 절", &h, 0);
    layout_paragraph(L, "본문.", &body);
    layout_heading(L, "하위 절", &h, 1);
    struct layout_span sp[1] = { { "원문 보기", NULL, "https://example.kr/기사?a=1 b", 0 } };
    layout_paragraph_spans(L, sp, 1, &body);
    layout_finish(L);
    struct buf pdf = BUF_INIT;
    assert_int_equal(pdf_out_to_buf(L, NULL, &pdf, NULL, &d), EXP_OK);
    expand(&pdf);
    assert_non_null(find(pdf.data, pdf.len, "/Border [ 0 0 0 ]"));
    /* Non-ASCII and spaces percent-encoded; libharu writes '/' and '%' as octal escapes. */
    const char *uri = "/URI (https:\\057\\057example.kr\\057\\045EA\\045B8\\045B0\\045EC\\04582"
                      "\\045AC?a=1\\04520b)";
    assert_non_null(find(pdf.data, pdf.len, uri));
    assert_non_null(find(pdf.data, pdf.len, "/PageMode /UseOutlines"));
    /* 첫 절 as UTF-16BE with a BOM */
    assert_true(find_ci(pdf.data, pdf.len, "<FEFFCCAB0020C808>", "<feffccab0020c808>"));
    buf_free(&pdf);
    layout_free(L);
    font_set_free(fs);
}

static void test_write_to_file(void **state)
{
    (void)state;
    struct diag d;
    diag_init(&d, stderr, 0, 0);
    struct font_set *fs;
    assert_int_equal(font_set_new(NULL, &d, &fs), EXP_OK);
    struct layout_page_setup ps;
    layout_page_setup_a4(&ps);
    struct layout *L = layout_new(&ps, fs, &d);
    layout_paragraph(L, "파일로 씁니다.", &body);
    layout_finish(L);
    char *mem = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&mem, &len);
    struct pdf_out_stats st;
    assert_int_equal(pdf_out_write(L, NULL, fp, &st, &d), EXP_OK);
    fclose(fp);
    assert_int_equal(len, st.bytes);
    assert_non_null(find(mem, len, "%%EOF"));
    free(mem);
    layout_free(L);
    font_set_free(fs);
}

/* Pathological input: random bytes (mostly invalid UTF-8, controls, stray jamo and
 * punctuation) in paragraphs and narrow table cells must give a valid PDF, never a crash. */
static void test_random_bytes(void **state)
{
    (void)state;
    char *log = NULL;
    size_t log_len = 0;
    FILE *lf = open_memstream(&log, &log_len);
    struct diag d;
    diag_init(&d, lf, 0, 0);
    struct font_set *fs;
    assert_int_equal(font_set_new(NULL, &d, &fs), EXP_OK);
    struct layout_page_setup ps;
    layout_page_setup_a4(&ps);
    struct layout *L = layout_new(&ps, fs, &d);
    static const char *const pieces[] = { "가", "\xE1\x84\x80", "\xE1\x85\xA1", "…", "—", "(", ")",
                                          "「", " ", "\n", "1", ",", "%", "A", "\xff", "\xC3",
                                          "\xF0\x9F\x98\x80", "\t", "·", "\xE2\x80\x8B" };
    unsigned seed = 7;
    char *cells[6];
    for (int round = 0; round < 42; round++) {   /* a multiple of 6: every cell freed */
        struct buf t = BUF_INIT;
        buf_puts(&t, "");
        int n = (int)(seed % 300);
        for (int i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            if ((seed >> 16) % 4 == 0)
                buf_putc(&t, (char)((seed >> 8) & 0xFF));
            else
                buf_puts(&t, pieces[(seed >> 16) % (sizeof pieces / sizeof pieces[0])]);
        }
        if (round % 2)
            layout_paragraph(L, t.data, &body);
        else
            layout_heading(L, t.data, &body, round % 3);
        cells[round % 6] = buf_detach(&t);
        if (round % 6 == 5) {
            static const struct layout_column cols[3] = {
                { "a", LAYOUT_COL_FIXED, 20, LAYOUT_AUTO },
                { "b", LAYOUT_COL_CONTENT, 0, LAYOUT_AUTO },
                { "c", LAYOUT_COL_PROPORTIONAL, 1, LAYOUT_JUSTIFY },
            };
            struct layout_table tb = { .cols = cols, .ncols = 3, .cells = (const char **)cells,
                                       .nrows = 2, .zebra = 1 };
            layout_table(L, &tb);
            for (int i = 0; i < 6; i++)
                free(cells[i]);
        }
    }
    layout_finish(L);
    struct buf pdf = BUF_INIT;
    assert_int_equal(pdf_out_to_buf(L, NULL, &pdf, NULL, &d), EXP_OK);
    assert_non_null(find(pdf.data, pdf.len, "%%EOF"));
    buf_free(&pdf);
    layout_free(L);
    font_set_free(fs);
    fclose(lf);
    free(log);
}

static void test_internal_links(void **state)
{
    (void)state;
    char *log = NULL;
    size_t log_len = 0;
    FILE *lf = open_memstream(&log, &log_len);
    struct diag d;
    diag_init(&d, lf, 0, 0);
    struct font_set *fs;
    assert_int_equal(font_set_new(NULL, &d, &fs), EXP_OK);
    struct layout_page_setup ps;
    layout_page_setup_a4(&ps);
    struct layout *L = layout_new(&ps, fs, &d);
    struct layout_span sp[2] = { { "본문 인용", NULL, NULL, 0 }, { "[1]", NULL, "#source-1", 0 } };
    layout_paragraph_spans(L, sp, 2, &body);
    struct layout_span bad[1] = { { "없는 곳", NULL, "#nowhere", 0 } };
    layout_paragraph_spans(L, bad, 1, &body);
    layout_page_break(L);
    layout_anchor(L, "source-1");
    layout_paragraph(L, "[1] 출처 목록의 첫 항목", &body);
    layout_finish(L);
    size_t n;
    const struct layout_anchor *a = layout_anchors(L, &n);
    assert_int_equal(n, 1);
    assert_int_equal(a[0].page, 1);
    assert_float_equal(a[0].y, ps.margin_top, 0.01);
    struct buf pdf = BUF_INIT;
    assert_int_equal(pdf_out_to_buf(L, NULL, &pdf, NULL, &d), EXP_OK);
    expand(&pdf);
    fflush(lf);
    assert_non_null(find(pdf.data, pdf.len, "/FitH"));
    assert_non_null(find(pdf.data, pdf.len, "/Subtype /Link\n/Dest "));
    assert_non_null(strstr(log, "warning: link to '#nowhere', which no anchor names"));
    buf_free(&pdf);
    layout_free(L);
    font_set_free(fs);
    fclose(lf);
    free(log);
}

/* The tagged-PDF entries: structure tree, marked content, artifacts, catalog, XMP with the
 * title escaped; all objects but streams packed into object streams with an xref stream. */
static void test_tagged_structure(void **state)
{
    (void)state;
    struct diag d;
    diag_init(&d, stderr, 0, 0);
    struct font_set *fs;
    assert_int_equal(font_set_new(NULL, &d, &fs), EXP_OK);
    struct layout_page_setup ps;
    layout_page_setup_a4(&ps);
    ps.header_left = "머리말";
    ps.header_on_first_page = 1;
    struct layout *L = layout_new(&ps, fs, &d);
    layout_heading(L, "첫 절", &body, 0);
    layout_paragraph(L, "본문.", &body);
    layout_begin_struct(L, LAYOUT_ROLE_FIGURE, "막대 그래프: 가 10, 나 20");
    struct layout_block b = layout_reserve(L, 40);
    layout_draw_rect(L, b.page, b.x, b.y, 50, 10, 0x336699, LAYOUT_NO_COLOR, 0);
    layout_end_struct(L);
    layout_finish(L);
    struct pdf_out_info info = { "제목 <&> \"인용\"", "기자", "주제", NULL, NULL, -1, NULL };
    struct buf pdf = BUF_INIT;
    assert_int_equal(pdf_out_to_buf(L, &info, &pdf, NULL, &d), EXP_OK);
    /* The XMP packet is not compressed: the title escaped for XML. */
    assert_non_null(find(pdf.data, pdf.len, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">"
                                             "제목 &lt;&amp;&gt; &quot;인용&quot;</rdf:li>"));
    assert_non_null(find(pdf.data, pdf.len, "<rdf:li>ko-KR</rdf:li>"));
    assert_non_null(find(pdf.data, pdf.len, "/Type /XRef"));
    assert_null(find(pdf.data, pdf.len, "\ntrailer"));
    expand(&pdf);
    assert_non_null(find(pdf.data, pdf.len, "/Type /ObjStm"));
    assert_non_null(find(pdf.data, pdf.len, "/StructTreeRoot"));
    assert_non_null(find(pdf.data, pdf.len, "/Marked true"));
    assert_non_null(find(pdf.data, pdf.len, "/Lang (ko-KR)"));
    assert_non_null(find(pdf.data, pdf.len, "/DisplayDocTitle true"));
    assert_non_null(find(pdf.data, pdf.len, "/S /H1"));
    assert_non_null(find(pdf.data, pdf.len, "/S /Figure"));
    assert_non_null(find(pdf.data, pdf.len, "/Alt <FEFF"));
    assert_non_null(find(pdf.data, pdf.len, "/BBox ["));
    assert_non_null(find(pdf.data, pdf.len, "/H1<</MCID 0>>BDC"));
    assert_non_null(find(pdf.data, pdf.len, "/Artifact<</Type/Pagination/Subtype/Header>>BDC"));
    assert_non_null(find(pdf.data, pdf.len, "/Artifact<</Type/Pagination/Subtype/Footer>>BDC"));
    assert_non_null(find(pdf.data, pdf.len, "/StructParents 0"));
    assert_non_null(find(pdf.data, pdf.len, "/ParentTree"));
    buf_free(&pdf);
    layout_free(L);
    font_set_free(fs);
}

/* Links to one anchor share one destination; annotations carry no /Type and no /P. */
static void test_one_destination_per_anchor(void **state)
{
    (void)state;
    struct diag d;
    diag_init(&d, stderr, 0, 0);
    struct font_set *fs;
    assert_int_equal(font_set_new(NULL, &d, &fs), EXP_OK);
    struct layout_page_setup ps;
    layout_page_setup_a4(&ps);
    struct layout *L = layout_new(&ps, fs, &d);
    for (int i = 0; i < 5; i++) {
        struct layout_span sp[2] = { { "본문 인용", NULL, NULL, 0 },
                                     { "[1]", NULL, "#source-1", LAYOUT_ROLE_REFERENCE } };
        layout_paragraph_spans(L, sp, 2, &body);
    }
    layout_anchor(L, "source-1");
    layout_paragraph(L, "[1] 출처", &body);
    layout_finish(L);
    struct buf pdf = BUF_INIT;
    assert_int_equal(pdf_out_to_buf(L, NULL, &pdf, NULL, &d), EXP_OK);
    expand(&pdf);
    assert_int_equal(count_of(pdf.data, pdf.len, "/Subtype /Link"), 5);
    assert_int_equal(count_of(pdf.data, pdf.len, "/FitH"), 1);
    assert_int_equal(count_of(pdf.data, pdf.len, "/Type /Annot"), 0);
    assert_int_equal(count_of(pdf.data, pdf.len, "/S /Reference"), 5);
    assert_int_equal(count_of(pdf.data, pdf.len, "/Type /OBJR"), 5);
    assert_int_equal(count_of(pdf.data, pdf.len, "/StructParent "), 5);
    buf_free(&pdf);
    layout_free(L);
    font_set_free(fs);
}

static unsigned be16_at(const char *p)
{
    return (unsigned)(unsigned char)p[0] << 8 | (unsigned char)p[1];
}

/* The embedded font program holds the tables a PDF viewer reads from a CIDFontType2 and
 * nothing else (no cmap, name, OS/2, post); its /Length1 is its size; the descriptor says
 * /CapHeight. Whatever the glyph count (libharu's own font writer failed on some sizes). */
static void test_font_program_tables(void **state)
{
    (void)state;
    static const size_t distinct[] = { 1, 10, 57, 200, 700 };
    for (size_t i = 0; i < sizeof distinct / sizeof distinct[0]; i++) {
        struct buf pdf = BUF_INIT;
        struct pdf_out_stats st;
        assert_int_equal(render(distinct[i], &pdf, &st, NULL), EXP_OK);
        expand(&pdf);
        const char *l1 = find(pdf.data, pdf.len, "/Length1 ");
        assert_non_null(l1);
        assert_int_equal(strtoul(l1 + 9, NULL, 10), st.font_bytes);
        assert_non_null(find(pdf.data, pdf.len, "/CapHeight "));
        /* the inflated program: sfnt version 1.0, then the table directory */
        static const char version[4] = { 0, 1, 0, 0 };
        const char *sfnt = NULL;
        for (size_t k = 0; !sfnt && k + 12 < pdf.len; k++)
            if (memcmp(pdf.data + k, version, 4) == 0 && be16_at(pdf.data + k + 4) < 32
                && memcmp(pdf.data + k + 12, "glyf", 4) == 0)
                sfnt = pdf.data + k;
        assert_non_null(sfnt);
        unsigned ntables = be16_at(sfnt + 4);
        assert_int_equal(ntables, 6);
        const char *want = "glyf head hhea hmtx loca maxp ";
        char got[64] = "";
        for (unsigned t = 0; t < ntables; t++) {
            strncat(got, sfnt + 12 + 16 * t, 4);
            strcat(got, " ");
        }
        assert_string_equal(got, want);
        buf_free(&pdf);
    }
}

/* The Unicode values a ToUnicode map names, from its bfrange lines ("<lo> <hi> <u>" or
 * "<lo> <hi> [<u1> …]"): set[u] = 1. */
static void tounicode_values(const char *pdf, size_t len, unsigned char *set)
{
    const char *p = pdf, *end = pdf + len;
    while ((p = find(p, (size_t)(end - p), "beginbfrange\n")) != NULL) {
        const char *stop = find(p, (size_t)(end - p), "endbfrange");
        assert_non_null(stop);
        for (const char *q = p + 13; q < stop; q = strchr(q, '\n') + 1) {
            unsigned lo, hi;
            int used = 0;
            assert_int_equal(sscanf(q, "<%4x> <%4x> %n", &lo, &hi, &used), 2);
            const char *v = q + used;
            if (*v == '<') {
                unsigned u;
                assert_int_equal(sscanf(v, "<%4x>", &u), 1);
                for (unsigned k = lo; k <= hi; k++)
                    set[u + (k - lo)] = 1;
            } else {
                assert_int_equal(*v, '[');
                for (v++; *v == '<'; v += 6) {
                    unsigned u;
                    assert_int_equal(sscanf(v, "<%4x>", &u), 1);
                    set[u] = 1;
                }
            }
        }
        p = stop;
    }
}

/* CIDs are the subset's glyph ids: the glyph map is /Identity, unless two code points share
 * a glyph (U+00A0 drawn with the space's): then both keep their own Unicode value in
 * ToUnicode and the map is written out, PNG-predicted. */
static void test_cids_are_glyph_ids(void **state)
{
    (void)state;
    struct buf pdf = BUF_INIT;
    assert_int_equal(render_text("가나다 라마 ABC", &pdf, NULL, NULL), EXP_OK);
    expand(&pdf);
    assert_non_null(find(pdf.data, pdf.len, "/CIDToGIDMap /Identity"));
    unsigned char *set = calloc(65536, 1);
    tounicode_values(pdf.data, pdf.len, set);
    static const unsigned want[] = { 0xAC00, 0xB098, 0xB2E4, 0xB77C, 0xB9C8, 0x20, 'A', 'C' };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        assert_true(set[want[i]]);
    buf_free(&pdf);

    assert_int_equal(render_text("가\xC2\xA0나 다", &pdf, NULL, NULL), EXP_OK);
    expand(&pdf);
    assert_null(find(pdf.data, pdf.len, "/CIDToGIDMap /Identity"));
    assert_non_null(find(pdf.data, pdf.len, "/Columns 2"));
    memset(set, 0, 65536);
    tounicode_values(pdf.data, pdf.len, set);
    assert_true(set[0x20] && set[0xA0] && set[0xAC00] && set[0xB098] && set[0xB2E4]);
    free(set);
    buf_free(&pdf);
}

/* Printable ASCII text (a citation mark's description) stays a plain string; anything else
 * becomes UTF-16 with a byte-order mark. */
static void test_text_strings(void **state)
{
    (void)state;
    HPDF_Doc pdf = HPDF_New(NULL, NULL);
    assert_non_null(pdf);
    HPDF_UseUTFEncodings(pdf);
    HPDF_String a = tags_text_string(pdf, "[1][3]");
    HPDF_String k = tags_text_string(pdf, "출처 [1]");
    HPDF_String c = tags_text_string(pdf, "tab\there");
    assert_non_null(a);
    assert_non_null(k);
    assert_non_null(c);
    assert_null(a->encoder);
    assert_non_null(k->encoder);
    assert_non_null(c->encoder);   /* a control character: not plain */
    HPDF_String_Free(a);           /* in no dictionary: HPDF_Free would not reach them */
    HPDF_String_Free(k);
    HPDF_String_Free(c);
    HPDF_Free(pdf);
}

static void test_xml_escape(void **state)
{
    (void)state;
    static const struct { const char *in, *out; } cases[] = {
        { "A&B", "A&amp;B" }, { "<x>", "&lt;x&gt;" }, { "\"'", "&quot;&apos;" },
        { "줄\n바꿈\t탭", "줄\n바꿈\t탭" }, { "벨\a문자", "벨문자" }, { "", "" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct buf b = BUF_INIT;
        buf_puts(&b, "");
        tags_xml_escape(cases[i].in, &b);
        assert_string_equal(b.data, cases[i].out);
        buf_free(&b);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_font_bytes_follow_glyphs),
        cmocka_unit_test(test_deterministic_with_info),
        cmocka_unit_test(test_links_and_outlines),
        cmocka_unit_test(test_write_to_file),
        cmocka_unit_test(test_random_bytes),
        cmocka_unit_test(test_internal_links),
        cmocka_unit_test(test_tagged_structure),
        cmocka_unit_test(test_one_destination_per_anchor),
        cmocka_unit_test(test_xml_escape),
        cmocka_unit_test(test_font_program_tables),
        cmocka_unit_test(test_cids_are_glyph_ids),
        cmocka_unit_test(test_text_strings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

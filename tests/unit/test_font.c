/* test_font.c — font resolution: project folder first, bad fonts named and skipped. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "util/buf.h"
#include "util/diag.h"
#include "typeset/font.h"
#include "util/fsutil.h"

struct logbuf {
    char *text;
    size_t len;
    FILE *fp;
    struct diag d;
};

static void log_open(struct logbuf *l)
{
    l->fp = open_memstream(&l->text, &l->len);
    diag_init(&l->d, l->fp, 0, 0);
}

static void log_close(struct logbuf *l)
{
    fclose(l->fp);
    free(l->text);
}

static char *make_temp_dir(void)
{
    char *dir = xstrdup("/tmp/exporter-font-test-XXXXXX");
    assert_non_null(mkdtemp(dir));
    return dir;
}

static void write_file(const char *path, const void *data, size_t len)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(data, 1, len, fp), len);
    assert_int_equal(fclose(fp), 0);
}

static void test_defaults_are_nanum(void **state)
{
    (void)state;
    struct logbuf l;
    log_open(&l);
    struct font_set *fs = NULL;
    assert_int_equal(font_set_new(NULL, &l.d, &fs), EXP_OK);
    int sans = font_set_lookup(fs, FONT_SANS, 0xAC00);
    int bold = font_set_lookup(fs, FONT_SANS_BOLD, 0xAC00);
    int serif = font_set_lookup(fs, FONT_SERIF, 0xAC00);
    assert_true(sans >= 0 && bold >= 0 && serif >= 0);
    assert_non_null(strstr(font_set_face(fs, sans)->path, "NanumGothic.ttf"));
    assert_non_null(strstr(font_set_face(fs, bold)->path, "NanumGothicBold.ttf"));
    assert_non_null(strstr(font_set_face(fs, serif)->path, "NanumMyeongjo.ttf"));
    /* A code point above the BMP is never drawable (libharu's CIDs are UTF-16 units). */
    assert_int_equal(font_set_lookup(fs, FONT_SANS, 0x1F600), -1);
    fflush(l.fp);
    assert_int_equal(l.len, 0);
    font_set_free(fs);
    log_close(&l);
}

static void test_missing_file_falls_back(void **state)
{
    (void)state;
    struct logbuf l;
    log_open(&l);
    struct font_config cfg = { 0 };
    cfg.spec[FONT_SANS] = "/nonexistent/Missing.ttf";
    struct font_set *fs = NULL;
    assert_int_equal(font_set_new(&cfg, &l.d, &fs), EXP_OK);
    int fi = font_set_lookup(fs, FONT_SANS, 0xAC00);
    assert_true(fi >= 0);
    assert_non_null(strstr(font_set_face(fs, fi)->path, "NanumGothic"));
    fflush(l.fp);
    assert_non_null(strstr(l.text, "/nonexistent/Missing.ttf: warning: cannot read font file"));
    font_set_free(fs);
    log_close(&l);
}

static void test_not_a_font_and_cff(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    char *junk = fsutil_join(dir, "junk.ttf");
    write_file(junk, "this is not a font\n", 19);
    /* A minimal OpenType file with CFF outlines: an 'OTTO' header and one 'CFF ' table. */
    static const unsigned char otto[] = {
        'O', 'T', 'T', 'O', 0, 1, 0, 16, 0, 0, 0, 0,
        'C', 'F', 'F', ' ', 0, 0, 0, 0, 0, 0, 0, 28, 0, 0, 0, 4,
        1, 0, 4, 2,
    };
    char *cff = fsutil_join(dir, "Cff.otf");
    write_file(cff, otto, sizeof otto);

    struct logbuf l;
    log_open(&l);
    struct font_config cfg = { 0 };
    cfg.spec[FONT_SANS] = junk;
    cfg.spec[FONT_SERIF] = cff;
    struct font_set *fs = NULL;
    assert_int_equal(font_set_new(&cfg, &l.d, &fs), EXP_OK);
    assert_true(font_set_lookup(fs, FONT_SANS, 0xAC00) >= 0);
    assert_true(font_set_lookup(fs, FONT_SERIF, 0xAC00) >= 0);
    fflush(l.fp);
    assert_non_null(strstr(l.text, "junk.ttf: warning: font '"));
    assert_non_null(strstr(l.text, "not a TrueType/OpenType font file; skipped"));
    assert_non_null(strstr(l.text, "Cff.otf: warning: font '"));
    assert_non_null(strstr(l.text, "CFF (PostScript) outlines"));
    font_set_free(fs);
    log_close(&l);
    unlink(junk);
    unlink(cff);
    rmdir(dir);
    free(junk);
    free(cff);
    free(dir);
}

static void test_project_folder_wins(void **state)
{
    (void)state;
    /* A copy of NanumGothic Bold in the project folder is preferred over the system one. */
    char *dir = make_temp_dir();
    char *copy = fsutil_join(dir, "ProjectBold.ttf");
    FILE *in = fopen("/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf", "rb");
    if (!in) {
        free(copy);
        rmdir(dir);
        free(dir);
        fail_msg("no /usr/share/fonts/truetype/nanum/NanumGothicBold.ttf: make deps installs "
                 "fonts-nanum");
    }
    struct buf b = BUF_INIT;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, in)) > 0)
        buf_append(&b, chunk, n);
    fclose(in);
    write_file(copy, b.data, b.len);
    buf_free(&b);

    struct logbuf l;
    log_open(&l);
    struct font_config cfg = { 0 };
    cfg.project_dir = dir;
    /* The system's copy of the same font (same PostScript name) must not become a second
     * face: libharu would silently draw it with the first one's subset. */
    cfg.spec[FONT_SERIF] = "/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf";
    struct font_set *fs = NULL;
    assert_int_equal(font_set_new(&cfg, &l.d, &fs), EXP_OK);
    int fi = font_set_lookup(fs, FONT_SANS_BOLD, 0xAC00);
    assert_true(fi >= 0);
    assert_non_null(strstr(font_set_face(fs, fi)->path, "ProjectBold.ttf"));
    assert_int_equal(font_set_lookup(fs, FONT_SERIF, 0xAC00), fi);
    /* Regular is not in the project folder: the system's NanumGothic. */
    fi = font_set_lookup(fs, FONT_SANS, 0xAC00);
    assert_non_null(strstr(font_set_face(fs, fi)->path, "/usr/share/fonts"));
    font_set_free(fs);
    log_close(&l);
    unlink(copy);
    rmdir(dir);
    free(copy);
    free(dir);
}

static void test_unknown_family_warns(void **state)
{
    (void)state;
    struct logbuf l;
    log_open(&l);
    struct font_config cfg = { 0 };
    cfg.spec[FONT_SERIF] = "Malgun Gothic";
    struct font_set *fs = NULL;
    assert_int_equal(font_set_new(&cfg, &l.d, &fs), EXP_OK);
    assert_true(font_set_lookup(fs, FONT_SERIF, 0xAC00) >= 0);
    fflush(l.fp);
    assert_non_null(strstr(l.text, "font family 'Malgun Gothic' not found; using"));
    font_set_free(fs);
    log_close(&l);
}

/* The default families come from the project's fonts.conf: fontconfig's full configuration
 * (milliseconds per run) is loaded only for a fallback. */
static void test_full_config_only_for_fallbacks(void **state)
{
    (void)state;
    struct logbuf l;
    log_open(&l);
    struct font_set *fs = NULL;
    assert_int_equal(font_set_new(NULL, &l.d, &fs), EXP_OK);
    assert_true(font_set_lookup(fs, FONT_SANS, 0xAC00) >= 0);
    assert_true(font_set_lookup(fs, FONT_SANS_BOLD, 'A') >= 0);
    assert_true(font_set_lookup(fs, FONT_SERIF, 0xD55C) >= 0);
    assert_false(font_set_system_loaded(fs));
    /* NanumMyeongjo has no Hanja: its fallbacks need the full configuration */
    int fi = font_set_lookup(fs, FONT_SERIF, 0x97D3 /* 韓 */);
    assert_true(font_set_system_loaded(fs));
    assert_true(fi >= 0);
    assert_null(strstr(font_set_face(fs, fi)->path, "NanumMyeongjo"));
    font_set_free(fs);
    log_close(&l);

    /* Without a fonts.conf the families come from the full configuration, as before. */
    char *dir = make_temp_dir();
    struct font_config cfg = { 0 };
    cfg.project_dir = dir;
    log_open(&l);
    assert_int_equal(font_set_new(&cfg, &l.d, &fs), EXP_OK);
    assert_true(font_set_system_loaded(fs));
    fi = font_set_lookup(fs, FONT_SANS, 0xAC00);
    assert_non_null(strstr(font_set_face(fs, fi)->path, "NanumGothic.ttf"));
    fflush(l.fp);
    assert_int_equal(l.len, 0);
    font_set_free(fs);
    log_close(&l);
    rmdir(dir);
    free(dir);
}

static void test_pdf_width_rule(void **state)
{
    (void)state;
    struct logbuf l;
    log_open(&l);
    struct font_set *fs = NULL;
    assert_int_equal(font_set_new(NULL, &l.d, &fs), EXP_OK);
    /* NanumMyeongjo has upem 1024: widths truncate like libharu's (advance*1000/upem). */
    int fi = font_set_lookup(fs, FONT_SERIF, 0xAC00);
    struct font_face *f = font_set_face(fs, fi);
    assert_int_equal(f->upem, 1024);
    hb_codepoint_t g;
    assert_true(hb_font_get_nominal_glyph(f->font, 0xAC00, &g));
    long adv = hb_font_get_glyph_h_advance(f->font, g);
    assert_int_equal(font_face_pdf_width(f, 0xAC00), (int)(adv * 1000 / 1024));
    font_set_free(fs);
    log_close(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults_are_nanum),
        cmocka_unit_test(test_missing_file_falls_back),
        cmocka_unit_test(test_not_a_font_and_cff),
        cmocka_unit_test(test_project_folder_wins),
        cmocka_unit_test(test_unknown_family_warns),
        cmocka_unit_test(test_pdf_width_rule),
        cmocka_unit_test(test_full_config_only_for_fallbacks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

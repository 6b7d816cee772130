/* font.h — finding the fonts the typesetter draws with.
 *
 * First stage of the PDF back end (font → shape → linebreak → layout → pdf_out). A font_set
 * resolves one primary face per style through fontconfig — the project's fonts/ folder is
 * searched first through a private FcConfig, then the folders its fonts.conf names (with
 * their existing caches), then fontconfig's full configuration — and keeps a fallback chain
 * per style (fontconfig's sorted list for Korean, TrueType only), resolved the first time a
 * character is missing: the full configuration is loaded only when needed. Faces are opened
 * lazily with HarfBuzz (hb_blob from the file, so the bytes stay mmapped).
 *
 * libharu 2.3 draws only TrueType (glyf) outlines, so a candidate with CFF outlines, an
 * unreadable file or a file that is not a font is skipped with one warning naming it, and the
 * next candidate is used. A TrueType face inside a .ttc is accepted: pdf_out embeds an
 * hb-subset copy, which is a plain .ttf. Each face records the code points the document
 * draws with it, which pdf_out subsets to. */
#ifndef EXPORTER_FONT_H
#define EXPORTER_FONT_H

#include <stdint.h>

#include <hb.h>

#include "util/diag.h"
#include "util/status.h"

enum font_style {
    FONT_SANS,
    FONT_SANS_BOLD,
    FONT_SERIF,
    FONT_SERIF_BOLD,
    FONT_STYLE_COUNT
};

/* What the caller asks for. Any field may be NULL for the default. A spec is a fontconfig
 * pattern ("NanumGothic:bold") or a path to a font file (contains '/' or ends in .ttf). */
struct font_config {
    const char *project_dir;                 /* default "fonts"; searched before the system */
    const char *spec[FONT_STYLE_COUNT];      /* default NanumGothic, NanumGothic:bold,
                                                NanumMyeongjo, NanumMyeongjo:bold */
};

struct font_face {
    char *path;
    unsigned index;          /* face index inside a collection */
    char *family;
    hb_blob_t *blob;
    hb_face_t *face;
    hb_font_t *font;         /* scale = upem, so positions are in font units */
    unsigned upem;
    hb_set_t *used;          /* code points drawn with this face */
};

struct font_set;

/* Resolves the styles. EXP_CONFIG with a message when no usable font exists for the sans
 * style (the one every other style falls back to); *out is set only on success. */
enum exp_status font_set_new(const struct font_config *cfg, struct diag *d,
                             struct font_set **out);
void font_set_free(struct font_set *fs);

/* The face (index into font_set_face) that draws cp in style: the style's chain first, then
 * the sans chain. -1 when no font has it. Opens faces as needed (warnings go to the
 * diag given to font_set_new). */
int font_set_lookup(struct font_set *fs, enum font_style style, uint32_t cp);

/* Whether fontconfig's full configuration has been loaded: only when a family is not in the
 * project folder or its fonts.conf, or a character needs a fallback font (it costs more than
 * the rest of font resolution together). */
int font_set_system_loaded(const struct font_set *fs);

/* Borrowed; valid while fs lives. */
struct font_face *font_set_face(struct font_set *fs, int index);
int font_set_face_count(const struct font_set *fs);

/* Reports "no font has U+XXXX" at file:line:col the first time cp is missing in this set;
 * later calls for the same cp stay silent. file may be NULL. */
void font_set_report_missing(struct font_set *fs, uint32_t cp, const char *file,
                             unsigned line, unsigned col);

/* Width libharu will put in the PDF's W array for code point cp, in 1/1000 em (libharu
 * truncates advance*1000/upem). */
int font_face_pdf_width(const struct font_face *f, uint32_t cp);

#endif

/* shape.h — text cleaning and HarfBuzz shaping.
 *
 * Second stage of the PDF back end (font → shape → linebreak → layout → pdf_out).
 * shape_clean() makes any byte string safe for HarfBuzz: invalid UTF-8 becomes U+FFFD,
 * controls are dropped, runs of white space fold to one space (a '\n' is kept as a hard line
 * break) and the result is NFC (utf8proc). Pieces cleaned one after another into the same
 * buffer fold their white space together (styled spans of one paragraph).
 * shape_text() splits the text into runs where the style, the font (fallback chain) or the
 * script changes, and shapes each run with its script, direction LTR and language ko, so
 * Hangul goes through HarfBuzz's Hangul shaper.
 *
 * What comes out is what pdf_out can draw: libharu 2.3 reaches a glyph only through the font's
 * cmap (CID = BMP code point), so a glyph HarfBuzz substituted (a ligature, a jamo form) is
 * replaced by the nominal glyphs of its cluster; everything else keeps HarfBuzz's advances,
 * offsets and kerning. Every drawn code point is added to its face's used set.
 *
 * A context remembers the glyphs of short runs it has shaped (by face, script and text), so
 * text that recurs in a document (citation marks, labels, numbers) is shaped once. */
#ifndef EXPORTER_SHAPE_H
#define EXPORTER_SHAPE_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"
#include "typeset/font.h"

struct shape_glyph {
    uint32_t cp;        /* the code point drawn (its PDF CID) */
    uint32_t cluster;   /* byte offset of its character in the text */
    int16_t face;       /* font_set face index; -1 = placeholder box (no font has cp) */
    uint16_t span;      /* index of the style span it came from */
    float advance;      /* points */
    float x_offset, y_offset;
};

struct shape_glyphs {
    struct shape_glyph *items;
    size_t len, cap;
};

/* A styled piece [start, end) of the text. */
struct shape_span {
    size_t start, end;
    enum font_style font;
    float size;         /* points */
};

/* Where the text came from, for "no font has U+XXXX" messages (file may be NULL). */
struct shape_source {
    const char *file;
    unsigned line, col;
};

struct shape_ctx;

/* A shaping context over fs (borrowed; must outlive it). Free with shape_free. */
struct shape_ctx *shape_new(struct font_set *fs);
void shape_free(struct shape_ctx *s);

/* Appends the cleaned form of in[0..len) to out (see the header comment): leading white space
 * is dropped when out is empty or ends in a space or '\n'; trailing white space is kept as one
 * space (the caller trims the end of a paragraph). Returns how many invalid UTF-8 sequences
 * were replaced by U+FFFD. */
size_t shape_clean(const char *in, size_t len, struct buf *out);

/* Shapes text[0..len) (already cleaned) styled by spans (which must cover it, in order) and
 * appends the glyphs to out in logical order. A '\n' gives no glyph. */
void shape_text(struct shape_ctx *s, const char *text, size_t len,
                const struct shape_span *spans, size_t nspans,
                const struct shape_source *src, struct shape_glyphs *out);

void shape_glyphs_free(struct shape_glyphs *g);

/* How many runs s has shaped with HarfBuzz so far: a short run shaped before in the same face
 * and script is taken from the context's memory instead (the same glyphs, scaled to its
 * size). How the tests see that memory at work. */
unsigned long shape_harfbuzz_calls(const struct shape_ctx *s);

/* Whether cp is certainly left alone by NFC, whatever surrounds it (a fast path of
 * shape_clean for ordinary Korean text). */
int shape_nfc_inert(uint32_t cp);

#endif

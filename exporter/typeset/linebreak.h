/* linebreak.h — where a Korean line may break (KLREQ), graded by how acceptable it is.
 *
 * Third stage of the PDF back end (font → shape → linebreak → layout → pdf_out). Starts from
 * libunibreak's UAX #14 opportunities and tailors them to KLREQ's word basis (어절 단위):
 *   LINEBREAK_ALLOW      at spaces and after hyphens/slashes etc. — normal breaks;
 *   LINEBREAK_EMERGENCY  between Hangul syllables (and other UAX #14 opportunities inside an
 *                        eojeol) — used only when one eojeol does not fit the line;
 *   LINEBREAK_ANYWHERE   between any two characters inside Latin words and digit runs — the
 *                        last resort before an overfull line;
 *   LINEBREAK_MUST       at '\n'.
 * At no level does a line start with closing punctuation, a middle dot, a colon, a period, a
 * comma, ?!, % or a unit; end with an opening bracket or quote; split `……`, `——`, a number from
 * its unit or counter (`15일`, `5%`, `3,000억원`, `5㎞`). */
#ifndef EXPORTER_LINEBREAK_H
#define EXPORTER_LINEBREAK_H

#include <stddef.h>
#include <stdint.h>

enum linebreak_level {
    LINEBREAK_NONE = 0,
    LINEBREAK_ANYWHERE,
    LINEBREAK_EMERGENCY,
    LINEBREAK_ALLOW,
    LINEBREAK_MUST
};

/* Builds libunibreak's lookup index (init_linebreak): call once before breaking much text
 * (layout_new does). Breaking also works without it, only slower; calling it again is
 * harmless. */
void linebreak_init(void);

/* Fills levels[i] (len entries) with the level of a break after byte i of text[0..len) (valid
 * UTF-8, e.g. from shape_clean); bytes inside a character get LINEBREAK_NONE. The end of the
 * text gets LINEBREAK_MUST. */
void linebreak_levels(const char *text, size_t len, unsigned char *levels);

/* Whether cp may not begin a line (closing punctuation, middle dots, units...). */
int linebreak_no_start(uint32_t cp);
/* Whether cp may not end a line (opening brackets and quotes). */
int linebreak_no_end(uint32_t cp);

#endif

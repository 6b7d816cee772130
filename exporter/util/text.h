/* text.h — what a character is: the program's one set of character classes.
 *
 * Support module for every stage that looks at text. Each question is answered here once,
 * under a name that says which question it is, because the answers differ on purpose:
 *
 *   text_is_hangul_syllable   가..힣 only (U+AC00..D7A3): what a Korean word is made of;
 *                             a figure glued to one is part of a word (quantity, extract)
 *   text_is_hangul_letter     a syllable or a compatibility jamo (ㄱ, ㅋㅋ): Hangul as it is
 *                             typed in running text (sentence ends)
 *   text_is_hangul_script     any Hangul code point, conjoining jamo (U+1100..11FF) too:
 *                             what line breaking treats as Korean
 *
 * Spaces: text_is_space is every Unicode white space the crawler's text holds (it folds to
 * one space in clean text, NBSP included); text_is_breakable_space leaves out the no-break
 * spaces that glue a bullet or a unit to what follows, and the newline that ends a line.
 *
 * Pure functions over code points and bytes; no allocation. */
#ifndef EXPORTER_TEXT_H
#define EXPORTER_TEXT_H

#include <stddef.h>
#include <stdint.h>

int text_is_hangul_syllable(uint32_t cp);
int text_is_hangul_letter(uint32_t cp);
int text_is_hangul_script(uint32_t cp);

int text_is_space(uint32_t cp);
int text_is_breakable_space(uint32_t cp);

/* Controls that are never text: C0 and C1 controls and DEL (tab, newline and the other
 * white space among them included), and the invisible marks that reorder what a reader sees
 * (the bidirectional embeddings, overrides and isolates, LRM, RLM, ALM). Clean text drops
 * them (after folding white space); a message shows them escaped. */
int text_is_hidden_control(uint32_t cp);

/* 1 when cp is in NFC, has combining class 0 and can neither decompose nor compose with a
 * neighbour: a string made only of such code points is already NFC, so utf8proc can be
 * skipped (nearly all Korean news). A subset of the true set, checked against utf8proc
 * code point by code point in test_text. */
int text_nfc_inert(uint32_t cp);

/* 1 when valid UTF-8 text s[0..len) shows something: a code point that is neither white
 * space nor default-ignorable (zero-width spaces and joiners, the Hangul fillers U+115F,
 * U+1160 and U+3164, variation selectors, soft hyphens, tags — what renders as nothing).
 * A field of only such characters is no value: "\u200b" is not a title, "\u3164" no id. */
int text_has_visible(const char *s, size_t len);

/* 1 when s[0..len) is valid UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF);
 * otherwise 0 and *bad_offset (when not NULL) gets the offset of the first invalid byte. */
int text_utf8_valid(const char *s, size_t len, size_t *bad_offset);

/* UTF-16 code units of the character whose UTF-8 lead byte is b: a four-byte sequence is a
 * character outside the BMP, written as a surrogate pair (2); a continuation byte counts 0. */
static inline size_t text_utf16_units(unsigned char b)
{
    if ((b & 0xC0) == 0x80)
        return 0;
    return b >= 0xF0 ? 2 : 1;
}

/* Length of s (valid UTF-8, NUL-terminated) in UTF-16 code units: what spreadsheets count
 * in a cell. */
size_t text_utf16_length(const char *s);

/* Longest URL the program passes on (a PDF link, a CSV cell); browsers and servers commonly
 * stop near 2,000 characters. */
#define TEXT_URL_MAX 2048

/* 1 when url is an absolute http:// or https:// URL (scheme in any case) with a host, no
 * control characters, at most TEXT_URL_MAX bytes (spaces and non-ASCII in the path are for
 * the writer to escape). The one test for "may this become a live link": javascript:,
 * file:, data: and every other scheme never do. */
int text_is_web_url(const char *url);

/* 1 when s is one of YAML's plain spellings of "no value" ("", "~", "null", "Null", "NULL").
 * Only for a plain (unquoted) scalar: a quoted "null" is the text null. The front matter and
 * the template read such a value as absent or refuse it, never as the text "null". */
int text_is_yaml_null(const char *s);

#endif

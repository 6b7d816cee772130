/* utf8.h — decoding code points from text that is already valid UTF-8.
 *
 * Every stage after the article parser works on text the parser validated (or that the
 * caller validated with text_utf8_valid), so these decoders trust the lead byte and
 * only guard against reading past the end. They are inline because the scanners call them
 * once per character. */
#ifndef EXPORTER_UTF8_H
#define EXPORTER_UTF8_H

#include <stddef.h>

/* The code point starting at s[i] (i < len); *n gets its length in bytes (at least 1). A
 * sequence cut short by len decodes from the bytes that are there. */
static inline unsigned utf8_decode(const char *s, size_t len, size_t i, size_t *n)
{
    const unsigned char *p = (const unsigned char *)s + i;
    unsigned c = p[0];
    size_t left = len - i;
    if (c < 0x80 || left < 2) {
        *n = 1;
        return c;
    }
    if (c < 0xE0) {
        *n = 2;
        return ((c & 0x1Fu) << 6) | (p[1] & 0x3Fu);
    }
    if (c < 0xF0 || left < 4) {
        if (left < 3) {
            *n = left;
            return c;
        }
        *n = 3;
        return ((c & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
    }
    *n = 4;
    return ((c & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
}

/* The code point that ends just before s[i], or 0 at the start; *n gets its length. */
static inline unsigned utf8_before(const char *s, size_t i, size_t *n)
{
    if (i == 0) {
        *n = 0;
        return 0;
    }
    size_t j = i - 1;
    while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80)
        j--;
    size_t k;
    unsigned c = utf8_decode(s, i, j, &k);
    *n = i - j;
    return c;
}

#endif

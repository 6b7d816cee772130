/* text.c — see text.h. */
#include "util/text.h"

#include <string.h>
#include <utf8proc.h>

int text_is_hangul_syllable(uint32_t cp)
{
    return cp >= 0xAC00 && cp <= 0xD7A3;
}

int text_is_hangul_letter(uint32_t cp)
{
    return text_is_hangul_syllable(cp) || (cp >= 0x3131 && cp <= 0x318E);
}

int text_is_hangul_script(uint32_t cp)
{
    return text_is_hangul_letter(cp) || (cp >= 0x1100 && cp <= 0x11FF);
}

int text_is_space(uint32_t cp)
{
    return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0xA0 || cp == 0x3000 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F || cp == 0xFEFF;
}

int text_is_breakable_space(uint32_t cp)
{
    return text_is_space(cp) && cp != '\n' && cp != 0xA0 && cp != 0x202F && cp != 0xFEFF;
}

int text_is_hidden_control(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x061C || cp == 0x200E ||
           cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* ASCII and Latin-1 below the combining marks, Hangul syllables and compatibility jamo, CJK
 * ideographs, general punctuation (minus U+2000/2001, which NFC rewrites), arrows and
 * mathematical operators (minus U+2329/232A), CJK symbols without the combining tone marks
 * U+302A..302F, enclosed and squared CJK, full-width forms. */
int text_nfc_inert(uint32_t cp)
{
    return cp < 0x300 || text_is_hangul_letter(cp) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
           (cp >= 0x2002 && cp <= 0x20CF) || (cp >= 0x2190 && cp <= 0x2328) ||
           (cp >= 0x232B && cp <= 0x2ADB) || (cp >= 0x3000 && cp <= 0x3029) ||
           (cp >= 0x3030 && cp <= 0x303F) || (cp >= 0x3200 && cp <= 0x33FF) ||
           (cp >= 0xFF01 && cp <= 0xFF9D);
}

size_t text_utf16_length(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        n += text_utf16_units(*p);
    return n;
}

int text_utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t i = 0;
    while (i < len) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        /* The common case, a three-byte sequence for U+1000..U+CFFF or U+E000..U+FFFF (Hangul
         * syllables, CJK, punctuation), checked inline; the rest goes to utf8proc. */
        if (i + 2 < len && p[i] >= 0xE1 && p[i] <= 0xEF && p[i] != 0xED &&
            (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
            i += 3;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0) {
            if (bad_offset)
                *bad_offset = i;
            return 0;
        }
        i += (size_t)n;
    }
    return 1;
}

static int ascii_lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int starts_with_nocase(const char *s, const char *prefix)
{
    for (; *prefix; s++, prefix++)
        if (ascii_lower((unsigned char)*s) != *prefix)
            return 0;
    return 1;
}

static int host_char(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           c == '.' || c == '-' || c == ':' || c == '@' || c == '[' || c == ']' || c >= 0x80;
}

int text_is_web_url(const char *url)
{
    const char *host;
    if (starts_with_nocase(url, "https://"))
        host = url + 8;
    else if (starts_with_nocase(url, "http://"))
        host = url + 7;
    else
        return 0;
    size_t host_len = strcspn(host, "/?#");
    if (host_len == 0 || strlen(url) > TEXT_URL_MAX)
        return 0;
    for (size_t i = 0; i < host_len; i++)
        if (!host_char((unsigned char)host[i]))
            return 0;
    /* Spaces, quotes and non-ASCII in the path are the writers' to escape (a PDF link
     * percent-encodes them); control characters are never part of a link. */
    for (const unsigned char *c = (const unsigned char *)url; *c; c++)
        if (*c < ' ' || *c == 0x7F)
            return 0;
    return 1;
}

int text_is_yaml_null(const char *s)
{
    static const char *const nulls[] = { "", "~", "null", "Null", "NULL" };
    for (size_t i = 0; i < sizeof nulls / sizeof nulls[0]; i++)
        if (strcmp(s, nulls[i]) == 0)
            return 1;
    return 0;
}

int text_has_visible(const char *s, size_t len)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0)
            return 1;   /* not text we know: not nothing */
        i += (size_t)n;
        if (!text_is_space((uint32_t)cp) && !text_is_hidden_control((uint32_t)cp) &&
            !utf8proc_get_property(cp)->ignorable)
            return 1;
    }
    return 0;
}

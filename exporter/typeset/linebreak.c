/* linebreak.c — libunibreak's opportunities, tailored to KLREQ's word basis. */
#include "typeset/linebreak.h"

#include "util/text.h"

#include <stdlib.h>
#include <string.h>

#include <linebreak.h>
#include <utf8proc.h>

#include "util/buf.h"

void linebreak_init(void)
{
    init_linebreak();
}

int linebreak_no_start(uint32_t c)
{
    switch (c) {
    /* cl2 closing brackets and quotes */
    case ')': case ']': case '}': case 0x2019: case 0x201D: case 0x3009: case 0x300B:
    case 0x300D: case 0x300F: case 0x3011: case 0x3015: case 0x3017: case 0x3019:
    case 0xFF09: case 0xFF3D: case 0xFF5D:
    /* cl5 hyphens and wave dashes */
    case '-': case 0x2010: case 0x2013: case 0x2014: case 0x2015: case 0x301C: case 0xFF5E:
    case '~':
    /* cl6 */
    case '?': case '!': case 0xFF1F: case 0xFF01: case 0x203C: case 0x2047: case 0x2048:
    case 0x2049:
    /* cl7 middle dots, colons, semicolons */
    case 0x00B7: case 0x2027: case 0x30FB: case 0xFF65: case ':': case ';': case 0xFF1A:
    case 0xFF1B: case 0x318D:
    /* cl8 periods, cl9 commas */
    case '.': case 0x3002: case 0xFF0E: case ',': case 0x3001: case 0xFF0C:
    /* ellipses, cl11, cl12 */
    case 0x2026: case 0x2025: case 0x3003: case 0x30FC:
    /* cl14 suffix symbols */
    case '%': case 0xFF05: case 0x2030: case 0x2031: case 0x2103: case 0x2109: case 0x00B0:
    case 0x2032: case 0x2033:
        return 1;
    default:
        /* CJK compatibility units ㎞ ㎡ ㎏ ... */
        return c >= 0x3380 && c <= 0x33DF;
    }
}

int linebreak_no_end(uint32_t c)
{
    switch (c) {
    case '(': case '[': case '{': case 0x2018: case 0x201C: case 0x3008: case 0x300A:
    case 0x300C: case 0x300E: case 0x3010: case 0x3014: case 0x3016: case 0x3018:
    case 0xFF08: case 0xFF3B: case 0xFF5B: case 0x00A3: case 0x00A5: case '$': case 0x20A9:
    case 0xFFE6:
        return 1;
    default:
        return 0;
    }
}

static int is_digit(uint32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}


/* A break with no space before it that is still a normal word-basis break. */
static int breaks_after(uint32_t c)
{
    return c == '-' || c == '/' || c == 0x2010 || c == 0x2013 || c == 0x200B;
}

static int pair_unbreakable(uint32_t a, uint32_t b)
{
    if ((a == 0x2026 || a == 0x2025) && (b == 0x2026 || b == 0x2025))
        return 1;   /* …… ‥‥ */
    if ((a == 0x2014 || a == 0x2015) && (b == 0x2014 || b == 0x2015))
        return 1;   /* —— ―― */
    if (is_digit(a) && (text_is_hangul_script(b) || linebreak_no_start(b)))
        return 1;   /* 15일, 5%, 30℃, 3,000억원 */
    if ((a == ',' || a == '.') && is_digit(b))
        return 1;   /* 72.03, 3,000 */
    return linebreak_no_end(a) || linebreak_no_start(b);
}

void linebreak_levels(const char *text, size_t len, unsigned char *levels)
{
    if (len == 0)
        return;
    memset(levels, LINEBREAK_NONE, len);
    char *brks = xmalloc(len);
    set_linebreaks_utf8((const utf8_t *)text, len, "ko", brks);
    /* Walk character pairs (a, b); the break between them sits after a's last byte. */
    size_t i = 0;
    utf8proc_int32_t a = -1;
    size_t a_end = 0;
    while (i < len) {
        utf8proc_int32_t b;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)text + i,
                                              (utf8proc_ssize_t)(len - i), &b);
        if (n <= 0) {
            b = 0xFFFD;
            n = 1;
        }
        if (a >= 0) {
            size_t at = a_end - 1;
            unsigned char lv;
            if (a == '\n')
                lv = LINEBREAK_MUST;
            else if (pair_unbreakable((uint32_t)a, (uint32_t)b))
                lv = LINEBREAK_NONE;
            else if (brks[at] == LINEBREAK_ALLOWBREAK || brks[at] == LINEBREAK_MUSTBREAK)
                lv = (a == ' ' || breaks_after((uint32_t)a)) ? LINEBREAK_ALLOW
                                                             : LINEBREAK_EMERGENCY;
            else
                lv = b == ' ' ? LINEBREAK_NONE : LINEBREAK_ANYWHERE;
            levels[at] = lv;
        }
        a = b;
        i += (size_t)n;
        a_end = i;
    }
    levels[len - 1] = LINEBREAK_MUST;
    free(brks);
}

/* linebreak.c — libunibreak's opportunities, tailored to KLREQ's word basis. */
#include "typeset/linebreak.h"

#include "util/text.h"

#include <stdlib.h>
#include <string.h>

#include <linebreak.h>
#include <utf8proc.h>

#include "util/buf.h"
#include "util/particles.h"

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


static int is_letter_or_digit(uint32_t c)
{
    return is_digit(c) || text_is_hangul_script(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
           || (c >= 0xC0 && c <= 0x24F);
}

static int is_hyphen(uint32_t c)
{
    return c == '-' || c == 0x2010 || c == 0x2011 || c == 0x2013;
}

/* A break with no space before it that is still a normal word-basis break. */
static int breaks_after(uint32_t c)
{
    return is_hyphen(c) || c == '/' || c == 0x200B;
}

/* Korean counters and currency words that follow a number as a word of their own ("628억 원",
 * "13만 명"): a language's grammar, not a topic's vocabulary. UTF-8. */
static const char *const counters[] = {
    "원", "명", "개", "건", "곳", "배", "대", "장", "권", "편", "종", "척", "톤", "달러",
    "위안", "엔", "유로", "파운드", "가구", "세", "살", "회", "차", "위", "점", "퍼센트",
};

/* Whether the word at text[i..len) is a counter, alone or with a particle or punctuation. */
static int starts_with_counter(const char *text, size_t i, size_t len)
{
    for (size_t k = 0; k < sizeof counters / sizeof counters[0]; k++) {
        size_t n = strlen(counters[k]);
        if (i + n > len || memcmp(text + i, counters[k], n) != 0)
            continue;
        if (i + n == len)
            return 1;
        utf8proc_int32_t next;
        utf8proc_iterate((const utf8proc_uint8_t *)text + i + n, (utf8proc_ssize_t)(len - i - n),
                         &next);
        if (next < 0 || !is_letter_or_digit((uint32_t)next) || particle_may_start((unsigned)next, PARTICLE_AFTER_COUNTER))
            return 1;
    }
    return 0;
}

/* The character that ends at byte `end` (exclusive), or -1. */
static utf8proc_int32_t char_before(const char *text, size_t end)
{
    size_t i = end;
    while (i > 0 && ((unsigned char)text[i - 1] & 0xC0) == 0x80)
        i--;
    if (i == 0)
        return -1;
    i--;
    utf8proc_int32_t c = -1;
    utf8proc_iterate((const utf8proc_uint8_t *)text + i, (utf8proc_ssize_t)(end - i), &c);
    return c;
}

static int is_numeral_place(uint32_t c)
{
    return c == 0xB9CC || c == 0xC5B5 || c == 0xC870 || c == 0xCC9C;   /* 만 억 조 천 */
}

/* Whether the space at byte sp must not break the line: it sits beside '=' ("10% = 10B/100B"
 * reads as one expression), or between a number and its counter ("628억 원", "13만 명"). */
static int space_binds(const char *text, size_t sp, size_t len)
{
    utf8proc_int32_t before = char_before(text, sp), after = -1;
    if (sp + 1 < len)
        utf8proc_iterate((const utf8proc_uint8_t *)text + sp + 1, (utf8proc_ssize_t)(len - sp - 1),
                         &after);
    if (before == '=' || after == '=' || before == 0x2248 || after == 0x2248)
        return 1;
    if (before < 0)
        return 0;
    int number_end = is_digit((uint32_t)before);
    if (!number_end && is_numeral_place((uint32_t)before)) {
        size_t lead = sp - 1;   /* the lead byte of the place word */
        while (lead > 0 && ((unsigned char)text[lead] & 0xC0) == 0x80)
            lead--;
        utf8proc_int32_t digit = char_before(text, lead);
        number_end = digit >= 0 && is_digit((uint32_t)digit);
    }
    return number_end && starts_with_counter(text, sp + 1, len);
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
    if (is_hyphen(a) && is_letter_or_digit(b))
        return 1;   /* K-엑사원, 2026-27: a hyphen inside a name stays with what follows */
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
            else if (a == ' ' && space_binds(text, at, len))
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

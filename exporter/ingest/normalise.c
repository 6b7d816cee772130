/* normalise.c — see normalise.h. */
#include "ingest/normalise.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "ingest/markdown.h"
#include "ingest/person.h"
#include "util/buf.h"
#include "util/text.h"
#include "util/utf8.h"

/* ---- UTF-8 ---- */

size_t normalise_utf8_count(const char *s)
{
    /* Every byte but a continuation byte (10xxxxxx) starts a character; eight bytes at a
     * time: a continuation byte has bit 7 set and bit 6 clear. */
    size_t len = strlen(s), n = len, i = 0;
    const uint64_t high = 0x8080808080808080u;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, sizeof w);
        n -= (size_t)__builtin_popcountll(w & high & ~(w << 1));
    }
    for (; i < len; i++)
        n -= ((unsigned char)s[i] & 0xC0) == 0x80;
    return n;
}

/* Decodes one code point from valid UTF-8; returns its length. */
static size_t decode(const char *s, size_t len, int32_t *cp)
{
    size_t n;
    *cp = (int32_t)utf8_decode(s, len, 0, &n);
    return n;
}

/* ---- HTML entities ---- */

static const struct { const char *name; unsigned cp; } named_entities[] = {
    { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
    { "nbsp", 0xA0 }, { "middot", 0xB7 }, { "hellip", 0x2026 }, { "lsquo", 0x2018 },
    { "rsquo", 0x2019 }, { "ldquo", 0x201C }, { "rdquo", 0x201D }, { "ndash", 0x2013 },
    { "mdash", 0x2014 }, { "laquo", 0xAB }, { "raquo", 0xBB }, { "copy", 0xA9 },
    { "reg", 0xAE }, { "trade", 0x2122 }, { "times", 0xD7 }, { "bull", 0x2022 },
    { "lsaquo", 0x2039 }, { "rsaquo", 0x203A }, { "sdot", 0x22C5 }, { "deg", 0xB0 },
    { "plusmn", 0xB1 }, { "euro", 0x20AC }, { "yen", 0xA5 }, { "pound", 0xA3 },
    { "cent", 0xA2 }, { "sect", 0xA7 }, { "para", 0xB6 }, { "prime", 0x2032 },
    { "larr", 0x2190 }, { "rarr", 0x2192 }, { "uarr", 0x2191 }, { "darr", 0x2193 },
    { "le", 0x2264 }, { "ge", 0x2265 }, { "ne", 0x2260 }, { "equals", '=' },
    { "num", '#' }, { "percnt", '%' }, { "comma", ',' }, { "period", '.' }, { "colon", ':' },
    { "excl", '!' }, { "quest", '?' }, { "lpar", '(' }, { "rpar", ')' }, { "sol", '/' },
    { "ensp", 0x2002 }, { "emsp", 0x2003 }, { "thinsp", 0x2009 }, { "zwsp", 0x200B },
};

static int valid_scalar(unsigned long cp)
{
    return cp > 0 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
}

/* Decodes the entity at s (which starts with '&'); returns bytes consumed, 0 if none. */
static size_t decode_entity(const char *s, size_t len, unsigned *cp)
{
    size_t end = 1;
    while (end < len && end < 40 && s[end] != ';' && s[end] != '&' && !isspace((unsigned char)s[end]))
        end++;
    if (end >= len || s[end] != ';' || end < 2)
        return 0;
    if (s[1] == '#') {
        int hex = end > 2 && (s[2] == 'x' || s[2] == 'X');
        size_t start = hex ? 3 : 2;
        if (start >= end)
            return 0;
        unsigned long v = 0;
        for (size_t i = start; i < end; i++) {
            int c = (unsigned char)s[i];
            int digit = isdigit(c) ? c - '0' : hex && isxdigit(c) ? (tolower(c) - 'a' + 10) : -1;
            if (digit < 0 || v > 0x10FFFF)
                return 0;
            v = v * (hex ? 16 : 10) + (unsigned long)digit;
        }
        if (!valid_scalar(v))
            return 0;
        *cp = (unsigned)v;
        return end + 1;
    }
    for (size_t i = 0; i < sizeof named_entities / sizeof named_entities[0]; i++) {
        size_t n = strlen(named_entities[i].name);
        if (n == end - 1 && memcmp(s + 1, named_entities[i].name, n) == 0) {
            *cp = named_entities[i].cp;
            return end + 1;
        }
    }
    return 0;
}

char *normalise_html_entities(const char *s, size_t len)
{
    struct buf b = BUF_INIT;
    buf_reserve(&b, len);
    size_t i = 0;
    while (i < len) {
        const char *amp = memchr(s + i, '&', len - i);
        size_t stop = amp ? (size_t)(amp - s) : len;
        buf_append(&b, s + i, stop - i);
        i = stop;
        if (i >= len)
            break;
        unsigned cp;
        size_t used = decode_entity(s + i, len - i, &cp);
        if (used) {
            buf_put_utf8(&b, cp);
            i += used;
        } else {
            buf_putc(&b, '&');
            i++;
        }
    }
    return buf_detach(&b);
}

/* ---- Whitespace and NFC ---- */

/* Length of the whitespace character at s[i] (valid UTF-8), or 0 when it is not one. */
static size_t space_len(const unsigned char *s, size_t len, size_t i)
{
    unsigned c = s[i];
    if (c < 0x80)
        return c == ' ' || (c >= '\t' && c <= '\r');
    if (c != 0xC2 && c != 0xE2 && c != 0xE3 && c != 0xEF)
        return 0;   /* no other lead byte starts a space */
    int32_t cp;
    size_t n = decode((const char *)s + i, len - i, &cp);
    return text_is_space((uint32_t)cp) ? n : 0;
}

/* Length of the character at s[i] (valid UTF-8) when clean text drops it — a control or an
 * invisible direction mark (text_is_hidden_control) that is not white space — else 0. Only
 * three lead bytes can start one. */
static size_t hidden_len(const unsigned char *s, size_t len, size_t i)
{
    unsigned c = s[i];
    if (c < 0x80)
        return text_is_hidden_control(c);
    if (c != 0xC2 && c != 0xD8 && c != 0xE2)
        return 0;
    int32_t cp;
    size_t n = decode((const char *)s + i, len - i, &cp);
    return text_is_hidden_control((uint32_t)cp) ? n : 0;
}

/* Whether byte c may begin a white-space or hidden character (space_len, hidden_len): ASCII
 * up to the space, DEL, and the five lead bytes those two test. Every other byte (a Hangul
 * syllable's, a letter's) is copied without asking them, which keeps the copy loop tight. */
static const unsigned char fold_leads[256] = {
    [0] = 1, [1] = 1, [2] = 1, [3] = 1, [4] = 1, [5] = 1, [6] = 1, [7] = 1, [8] = 1, [9] = 1,
    [10] = 1, [11] = 1, [12] = 1, [13] = 1, [14] = 1, [15] = 1, [16] = 1, [17] = 1, [18] = 1,
    [19] = 1, [20] = 1, [21] = 1, [22] = 1, [23] = 1, [24] = 1, [25] = 1, [26] = 1, [27] = 1,
    [28] = 1, [29] = 1, [30] = 1, [31] = 1, [32] = 1,
    [0x7F] = 1, [0xC2] = 1, [0xD8] = 1, [0xE2] = 1, [0xE3] = 1, [0xEF] = 1,
};

static int may_fold(unsigned char c)
{
    return fold_leads[c];
}

/* Folds whitespace in valid UTF-8 s into single spaces and trims, appending to *out, and
 * drops the hidden controls (a title's ESC, a body's U+202E). Runs of other bytes are
 * copied whole. */
static void fold_spaces(const char *s, size_t len, struct buf *out)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t start_len = out->len;
    size_t i = 0;
    int pending = 0;
    while (i < len) {
        size_t sp = space_len(u, len, i);
        if (sp) {
            pending = 1;
            i += sp;
            continue;
        }
        size_t hidden = hidden_len(u, len, i);
        if (hidden) {
            i += hidden;
            continue;
        }
        size_t run = i;
        while (run < len &&
               (!may_fold(u[run]) || (!space_len(u, len, run) && !hidden_len(u, len, run))))
            run++;
        if (pending && out->len > start_len)
            buf_putc(out, ' ');
        pending = 0;
        buf_append(out, s + i, run - i);
        i = run;
    }
}


static int already_nfc(const char *s)
{
    size_t len = strlen(s), i = 0;
    while (i < len) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        int32_t cp;
        i += decode(s + i, len - i, &cp);
        if (!text_nfc_inert((uint32_t)cp))
            return 0;
    }
    return 1;
}

static char *nfc(const char *s)
{
    if (already_nfc(s))
        return xstrdup(s);

    utf8proc_uint8_t *r = utf8proc_NFC((const utf8proc_uint8_t *)s);
    if (!r)
        return xstrdup(s);   /* utf8proc refuses only invalid input, which callers exclude */
    char *copy = xstrdup((const char *)r);
    free(r);
    return copy;
}

char *normalise_text(const char *s, size_t len)
{
    char *decoded = normalise_html_entities(s, len);
    struct buf b = BUF_INIT;
    fold_spaces(decoded, strlen(decoded), &b);
    free(decoded);
    char *folded = buf_detach(&b);
    char *result = nfc(folded);
    free(folded);
    return result;
}

/* A blank line: nothing but whitespace between two newlines. */
static int is_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!isspace((unsigned char)s[i]))
            return 0;
    return 1;
}

/* Appends one reading unit of the body (a paragraph, a table row, a list item) as a line. */
static void put_paragraph(void *ctx, const char *text, size_t len)
{
    struct buf *out = ctx;
    char *t = normalise_text(text, len);
    if (*t) {
        if (out->len)
            buf_putc(out, '\n');
        buf_puts(out, t);
    }
    free(t);
}

char *normalise_paragraphs(const char *s, size_t len)
{
    struct buf out = BUF_INIT;
    struct buf para = BUF_INIT;
    size_t i = 0;
    while (i <= len) {
        const char *nl = i < len ? memchr(s + i, '\n', len - i) : NULL;
        size_t end = nl ? (size_t)(nl - s) : len;
        int blank = is_blank(s + i, end - i);
        if (!blank) {
            buf_append(&para, s + i, end - i);
            buf_putc(&para, '\n');
        }
        if ((blank || end >= len) && para.len) {
            markdown_units(para.data, para.len, put_paragraph, &out);
            buf_clear(&para);
        }
        if (end >= len)
            break;
        i = end + 1;
    }
    buf_free(&para);
    return buf_detach(&out);
}

/* ---- People ---- */

static const char *const role_words[] = {
    "기자", "선임기자", "수석기자", "객원기자", "인턴기자", "전문기자", "특파원", "논설위원",
    "칼럼니스트", "대기자", "편집위원", "통신원", "PD",
};

static int is_role(const char *w)
{
    for (size_t i = 0; i < sizeof role_words / sizeof role_words[0]; i++)
        if (strcmp(w, role_words[i]) == 0)
            return 1;
    return 0;
}

/* Number of Hangul syllables in w when w is nothing but Hangul syllables, else 0. */
static size_t hangul_syllables(const char *w)
{
    size_t n = 0, len = strlen(w), i = 0;
    while (i < len) {
        int32_t cp;
        i += decode(w + i, len - i, &cp);
        if (cp < 0xAC00 || cp > 0xD7A3)
            return 0;
        n++;
    }
    return n;
}

/* How much a word looks like a Korean personal name: 3 syllables most, then 2, then 4. */
static int name_score(const char *w)
{
    switch (hangul_syllables(w)) {
    case 3: return 3;
    case 2: return 2;
    case 4: return 1;
    default: return 0;
    }
}

static void trim_punct(char *w)
{
    size_t n = strlen(w);
    while (n && strchr("()<>[],;:", w[n - 1]))
        w[--n] = '\0';
    size_t k = strspn(w, "()<>[],;:");
    memmove(w, w + k, n - k + 1);
}

/* Parses one person ("박수빈 한경닷컴 기자 waterbean@hankyung.com") into *p. Returns 0 when
 * the piece holds no name. */
static int parse_person(char *piece, struct person *p)
{
    /* Parentheses around an e-mail are just punctuation: make them spaces. */
    for (char *c = piece; *c; c++)
        if (*c == '(' || *c == ')' || *c == '<' || *c == '>' || *c == '[' || *c == ']')
            *c = ' ';
    char *words[16];
    size_t n = 0;
    char *save = NULL;
    for (char *w = strtok_r(piece, " \t\n", &save); w && n < 16; w = strtok_r(NULL, " \t\n", &save)) {
        trim_punct(w);
        if (*w)
            words[n++] = w;
    }
    const char *email = "", *role = "", *name = NULL;
    int best = 0;
    size_t name_i = 0;
    for (size_t i = 0; i < n; i++) {
        if (strchr(words[i], '@')) {
            email = words[i];
        } else if (is_role(words[i])) {
            role = words[i];
        } else if (name_score(words[i]) > best) {
            best = name_score(words[i]);
            name = words[i];
            name_i = i;
        }
    }
    if (!name)
        return 0;
    struct buf org = BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (i == name_i || words[i] == email || words[i] == role)
            continue;
        if (org.len)
            buf_putc(&org, ' ');
        buf_puts(&org, words[i]);
    }
    p->name = xstrdup(name);
    p->role = xstrdup(role);
    p->org = buf_detach(&org);
    p->email = xstrdup(email);
    return 1;
}

size_t normalise_people(const char *byline, struct person **people, size_t *n, size_t *cap)
{
    char *copy = xstrdup(byline);
    size_t added = 0;
    char *save = NULL;
    for (char *piece = strtok_r(copy, ",;", &save); piece; piece = strtok_r(NULL, ",;", &save)) {
        struct person p;
        if (!parse_person(piece, &p))
            continue;
        xgrow(people, cap, *n + 1, sizeof **people);
        (*people)[(*n)++] = p;
        added++;
    }
    free(copy);
    return added;
}

void normalise_person_free(struct person *p)
{
    free(p->name);
    free(p->role);
    free(p->org);
    free(p->email);
}

/* ---- URLs ---- */


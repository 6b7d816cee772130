/* sentence.c — see sentence.h.
 *
 * A sentence ends at '.', '?', '!', '。' or a newline — unless the stop is part of a number
 * (72.03점), of a dotted name or abbreviation (A.X K1, e.g.), or sits inside quotes or
 * brackets. Closing quotes and brackets right after the stop belong to the sentence
 * ("…했다.”"). Korean glues sentences without a space ("공개했다.네이버클라우드는"), so a stop
 * after a Hangul syllable ends the sentence whatever follows it. */
#include "ingest/sentence.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/text.h"
#include "util/utf8.h"

static int32_t cp_at(const char *s, size_t len, size_t i, size_t *n)
{
    return (int32_t)utf8_decode(s, len, i, n);
}

/* The code point that ends just before byte i. */
static int32_t cp_before(const char *s, size_t i)
{
    size_t n;
    return (int32_t)utf8_before(s, i, &n);
}

static int is_digit(int32_t c) { return c >= '0' && c <= '9'; }
static int is_latin(int32_t c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
static int is_upper(int32_t c) { return c >= 'A' && c <= 'Z'; }
static int is_space(int32_t c) { return c == ' ' || c == '\t' || c == '\r' || c == 0xA0; }

static int is_opener(int32_t c)
{
    return c == '(' || c == '[' || c == '{' || c == 0x201C || c == 0x2018 || c == 0x300C ||
           c == 0x300E || c == 0x3008 || c == 0x300A || c == 0xFF08;
}

static int is_closer(int32_t c)
{
    return c == ')' || c == ']' || c == '}' || c == 0x201D || c == 0x2019 || c == 0x300D ||
           c == 0x300F || c == 0x3009 || c == 0x300B || c == 0xFF09;
}

static int is_bracket(int32_t c)
{
    return c == '(' || c == ')' || c == '[' || c == ']' || c == '{' || c == '}' || c == 0xFF08 ||
           c == 0xFF09;
}

/* Latin abbreviations whose period does not end a sentence. */
static int ends_with_abbreviation(const char *s, size_t dot)
{
    static const char *const abbrev[] = { "Mr", "Mrs", "Ms", "Dr", "Prof", "vs", "etc", "Inc",
                                          "Co", "Corp", "Ltd", "Jr", "Sr", "St", "No", "e.g",
                                          "i.e", "U.S", "a.m", "p.m" };
    for (size_t k = 0; k < sizeof abbrev / sizeof abbrev[0]; k++) {
        size_t n = strlen(abbrev[k]);
        if (dot >= n && memcmp(s + dot - n, abbrev[k], n) == 0) {
            int32_t before = dot > n ? (unsigned char)s[dot - n - 1] : ' ';
            if (!is_latin(before))
                return 1;
        }
    }
    return 0;
}

/* Does the stop character at byte i (of n bytes) end the sentence? depth is the quote and
 * bracket nesting at that point. */
static int stop_ends_sentence(const char *s, size_t len, size_t i, size_t n, int32_t stop,
                              int depth, int quote_depth_only)
{
    int32_t prev = cp_before(s, i);
    size_t next_n = 0;
    int32_t next = i + n < len ? cp_at(s, len, i + n, &next_n) : 0;
    if (depth > 0) {
        /* Inside quotes or brackets only a Korean sentence end followed by a space splits:
         * a long quotation of several sentences ("…관문이다. 다섯 개…") is cut into them, so
         * each figure keeps its own sentence, while (…) asides and 'A.X K1' stay whole. */
        if (!text_is_hangul_letter(prev) && stop == '.')
            return 0;
        if (quote_depth_only && stop == '.' && is_space(next))
            return 1;
        /* “끝났다.” 다음: the closers right after the stop close every open quote. */
        size_t j = i + n;
        int open = depth;
        while (j < len && open > 0) {
            size_t k;
            int32_t c = cp_at(s, len, j, &k);
            if (!is_closer(c) && c != '"')
                break;
            open--;
            j += k;
        }
        return open == 0 && (j >= len || is_space((unsigned char)s[j]) || s[j] == '\n');
    }
    if (stop != '.')
        return 1;
    if (is_digit(prev) && is_digit(next))
        return 0;                       /* 72.03 */
    if (text_is_hangul_letter(prev))
        return 1;                       /* 했다. / 했다.네이버 */
    if (next == 0 || next == '\n')
        return 1;
    if (is_latin(prev) && is_latin(next))
        return 0;                       /* A.X, e.g */
    if (ends_with_abbreviation(s, i))
        return 0;
    if (is_space(next) || is_closer(next)) {
        /* "… A.X K1. 이 모델은" ends; "approx. 5" with a lower-case word after does not. */
        size_t j = i + n;
        while (j < len && is_space((unsigned char)s[j]))
            j++;
        if (j >= len)
            return 1;
        size_t k;
        int32_t after = cp_at(s, len, j, &k);
        return !(after >= 'a' && after <= 'z');
    }
    if (text_is_hangul_letter(next) || is_upper(next) || is_opener(next))
        return !is_digit(prev) || text_is_hangul_letter(next);
    return 0;
}

static void push_marked(struct sentence_list *out, const char *text, size_t start, size_t end,
                        int heading)
{
    while (start < end && (is_space((unsigned char)text[start]) || text[start] == '\n'))
        start++;
    while (end > start && (is_space((unsigned char)text[end - 1]) || text[end - 1] == '\n'))
        end--;
    if (end <= start)
        return;
    xgrow(&out->items, &out->cap, out->count + 1, sizeof *out->items);
    struct sentence *st = &out->items[out->count++];
    st->offset = start;
    st->length = end - start;
    st->text = xstrndup(text + start, end - start);
    st->heading = heading;
}

static void push(struct sentence_list *out, const char *text, size_t start, size_t end)
{
    push_marked(out, text, start, end, 0);
}

/* Whether a glued sub-heading ends at byte i: the paragraph's first sentence is still open
 * (a sentence glued to the one before, with no space, starts a paragraph the crawl glued),
 * i is within SENTENCE_HEADING_MAX bytes of the paragraph's start, the heading so far has two
 * words at least, and a tracked name starts at i right after a Hangul syllable — and is not
 * part of a longer name that starts before it (`민주당` in `더불어민주당이`). *cover is the end
 * of the names met so far at the letters of the heading: asked once per letter, so the work
 * stays bounded by the heading's bytes. */
static int glued_heading_ends(const char *text, size_t len, size_t i, size_t start,
                              size_t para_start, const struct sentence_hooks *hooks,
                              size_t *cover)
{
    if (!hooks || !hooks->name_at || start != para_start || i - para_start > SENTENCE_HEADING_MAX)
        return 0;
    size_t n;
    int32_t c = cp_at(text, len, i, &n);
    if (!text_is_hangul_letter(c) && !is_latin(c))
        return 0;
    size_t name = hooks->name_at(hooks->ctx, text, len, i);
    int inside = i < *cover;
    if (name && i + name > *cover)
        *cover = i + name;
    if (!name || inside || i <= start || !text_is_hangul_letter(cp_before(text, i)))
        return 0;
    return memchr(text + start, ' ', i - start) != NULL;
}

void sentence_split_with(const char *text, size_t len, const struct sentence_hooks *hooks,
                         struct sentence_list *out)
{
    size_t start = 0, i = 0, para_start = 0, name_cover = 0;
    int depth = 0, brackets = 0, in_ascii_quote = 0;
    while (i < len) {
        size_t n;
        int32_t c = cp_at(text, len, i, &n);
        if (c == '\n') {
            push(out, text, start, i);
            start = para_start = i + 1;
            depth = brackets = in_ascii_quote = 0;
            i++;
            continue;
        }
        if (depth == 0 && glued_heading_ends(text, len, i, start, para_start, hooks, &name_cover)) {
            push_marked(out, text, start, i, 1);
            start = i;
        }
        if (is_opener(c)) {
            depth++;
            brackets += is_bracket(c);
        } else if (is_closer(c)) {
            if (depth > 0)
                depth--;
            if (brackets > 0 && is_bracket(c))
                brackets--;
        } else if (c == '"') {
            in_ascii_quote = !in_ascii_quote;
            depth += in_ascii_quote ? 1 : -1;
            if (depth < 0)
                depth = 0;
        } else if ((c == '.' || c == '?' || c == '!' || c == 0x3002 || c == 0xFF0E ||
                    c == 0xFF1F || c == 0xFF01) &&
                   stop_ends_sentence(text, len, i, n, c, depth, brackets == 0)) {
            size_t end = i + n;
            /* Repeated stops and the closers that follow belong to this sentence. */
            for (;;) {
                size_t k;
                if (end >= len)
                    break;
                int32_t d = cp_at(text, len, end, &k);
                if (d == '.' || d == '?' || d == '!' || is_closer(d) || d == '"')
                    end += k;
                else
                    break;
            }
            push(out, text, start, end);
            start = end;
            if (end < len && !is_space((unsigned char)text[end]) && text[end] != '\n')
                para_start = end;   /* glued paragraphs: "…말했다.NC AI, … 경쟁이연수 대표는" */
            i = end;
            continue;
        }
        i += n;
    }
    push(out, text, start, len);
}

void sentence_list_free(struct sentence_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->items[i].text);
    free(list->items);
    list->items = NULL;
    list->count = list->cap = 0;
}

/* ---- Quoting ---- */

enum quote_mark { MARK_NONE, MARK_OPEN_DOUBLE, MARK_CLOSE_DOUBLE, MARK_ASCII_DOUBLE,
                  MARK_OPEN_SINGLE, MARK_CLOSE_SINGLE };

static enum quote_mark quote_mark_of(int32_t c)
{
    switch (c) {
    case 0x201C: return MARK_OPEN_DOUBLE;
    case 0x201D: return MARK_CLOSE_DOUBLE;
    case '"': return MARK_ASCII_DOUBLE;
    case 0x2018: return MARK_OPEN_SINGLE;
    case 0x2019: return MARK_CLOSE_SINGLE;
    default: return MARK_NONE;
    }
}

/* The sentence's quotation balance: closing marks with no opening one before them (it starts
 * inside a quotation) and opening marks never closed (it ends inside one). last_unopened is the
 * byte offset of the last closing mark with no opening one: the close of the quotation the
 * sentence starts in (earlier unmatched closers are strays); len when there is none. */
struct quote_balance {
    size_t unopened, unclosed, last_unopened;
};

static struct quote_balance quote_balance_of(const char *s, size_t len)
{
    struct quote_balance b = { 0, 0, len };
    size_t open_double = 0, open_single = 0;
    int ascii_open = 0;
    for (size_t i = 0; i < len;) {
        size_t n;
        int unopened = 0;
        switch (quote_mark_of(cp_at(s, len, i, &n))) {
        case MARK_OPEN_DOUBLE: open_double++; break;
        case MARK_OPEN_SINGLE: open_single++; break;
        case MARK_CLOSE_DOUBLE:
            if (open_double) open_double--; else unopened = 1;
            break;
        case MARK_CLOSE_SINGLE:
            if (open_single) open_single--; else unopened = 1;
            break;
        case MARK_ASCII_DOUBLE: ascii_open = !ascii_open; break;
        case MARK_NONE: break;
        }
        if (unopened) {
            b.unopened++;
            b.last_unopened = i;
        }
        i += n;
    }
    b.unclosed = open_double + open_single + (size_t)ascii_open;
    return b;
}

/* Whether s ends like a sentence: its last character, past closing quotes and brackets and
 * spaces, is a full stop, question or exclamation mark, or the ending 다. */
static int ends_like_sentence(const char *s, size_t len)
{
    size_t i = len;
    while (i > 0) {
        size_t n;
        int32_t c = (int32_t)utf8_before(s, i, &n);
        if (is_closer(c) || c == '"' || is_space(c)) {
            i -= n;
            continue;
        }
        return c == '.' || c == '?' || c == '!' || c == 0x3002 || c == 0xB2E4 /* 다 */;
    }
    return 0;
}

int sentence_complete(const char *s, size_t len)
{
    return ends_like_sentence(s, len);
}

void sentence_quote_prepare(const char *s, size_t len, struct buf *out)
{
    static const char open_single[] = "\xE2\x80\x98", close_single[] = "\xE2\x80\x99";
    struct quote_balance b = quote_balance_of(s, len);
    /* A sentence starts inside one quotation at most: its close keeps an opening mark put
     * before the sentence; other closing marks with no opening one are strays, dropped. */
    if (b.unopened)
        buf_puts(out, open_single);
    size_t open_double = 0, open_single_n = 0;
    int ascii_open = 0;
    for (size_t i = 0; i < len;) {
        size_t n;
        enum quote_mark m = quote_mark_of(cp_at(s, len, i, &n));
        int stray = 0;
        if (m == MARK_CLOSE_DOUBLE || m == MARK_CLOSE_SINGLE) {
            size_t *open = m == MARK_CLOSE_DOUBLE ? &open_double : &open_single_n;
            if (*open)
                (*open)--;
            else
                stray = i != b.last_unopened;
        }
        open_double += m == MARK_OPEN_DOUBLE;
        open_single_n += m == MARK_OPEN_SINGLE;
        switch (m) {
        case MARK_OPEN_DOUBLE: buf_puts(out, open_single); break;
        case MARK_CLOSE_DOUBLE:
        case MARK_CLOSE_SINGLE:
            if (!stray)
                buf_puts(out, close_single);
            break;
        case MARK_ASCII_DOUBLE:
            ascii_open = !ascii_open;
            buf_puts(out, ascii_open ? open_single : close_single);
            break;
        default: buf_append(out, s + i, n); break;
        }
        i += n;
    }
    for (size_t k = 0; k < b.unclosed; k++)
        buf_puts(out, close_single);
}

/* cell_limit.c — see cell_limit.h. */
#include "report/cell_limit.h"

#include <stdio.h>
#include <string.h>

#define LIST_SEP "; "

/* UTF-16 units of the character whose UTF-8 lead byte is c: four-byte sequences are the
 * characters outside the BMP, written as a surrogate pair. Continuation bytes count 0. */
static size_t utf16_units(unsigned char c)
{
    if ((c & 0xC0) == 0x80)
        return 0;
    return c >= 0xF0 ? 2 : 1;
}

size_t cell_limit_length(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        n += utf16_units(*p);
    return n;
}

/* The byte length of the longest prefix of s that holds at most budget units and ends on a
 * character boundary. */
static size_t prefix_within(const char *s, size_t budget)
{
    size_t used = 0, i = 0;
    for (; s[i]; i++) {
        size_t u = utf16_units((unsigned char)s[i]);
        if (u == 0)
            continue;
        if (used + u > budget)
            return i;
        used += u;
    }
    return i;
}

static size_t count_items(const char *s)
{
    size_t n = 1;
    for (const char *p = strstr(s, LIST_SEP); p; p = strstr(p + 2, LIST_SEP))
        n++;
    return n;
}

/* Whole leading items of a "; " list, then "… 외 N건". The suffix's length depends on N,
 * so the budget leaves room for the widest N the list could need. */
static void fit_list(const char *s, size_t max_chars, struct buf *out, size_t *left_out)
{
    size_t total = count_items(s);
    char suffix[48];
    int suffix_len = snprintf(suffix, sizeof suffix, " … 외 %zu건", total);
    size_t budget = max_chars > (size_t)suffix_len ? max_chars - (size_t)suffix_len : 0;
    size_t cut = prefix_within(s, budget);
    size_t kept = 0, keep_bytes = 0;
    /* Back up to the end of the last whole item inside the budget. */
    for (const char *p = s; p && (size_t)(p - s) <= cut;) {
        const char *sep = strstr(p, LIST_SEP);
        size_t item_end = sep ? (size_t)(sep - s) : strlen(s);
        if (item_end > cut)
            break;
        kept++;
        keep_bytes = item_end;
        p = sep ? sep + 2 : NULL;
    }
    buf_append(out, s, keep_bytes);
    buf_printf(out, "%s… 외 %zu건", kept ? " " : "", total - kept);
    if (left_out)
        *left_out = total - kept;
}

static void fit_text(const char *s, size_t max_chars, struct buf *out, size_t *left_out)
{
    size_t cut = prefix_within(s, max_chars > 1 ? max_chars - 1 : 0);
    buf_append(out, s, cut);
    buf_puts(out, "…");
    if (left_out)
        *left_out = cell_limit_length(s + cut);
}

const char *cell_limit_fit(const char *s, int is_list, size_t max_chars, struct buf *scratch,
                           size_t *left_out)
{
    if (left_out)
        *left_out = 0;
    /* A UTF-8 string never has more UTF-16 units than bytes: most cells end here. */
    if (!s || strlen(s) <= max_chars || cell_limit_length(s) <= max_chars)
        return s;
    buf_clear(scratch);
    buf_puts(scratch, "");
    if (is_list)
        fit_list(s, max_chars, scratch, left_out);
    else
        fit_text(s, max_chars, scratch, left_out);
    return scratch->data;
}

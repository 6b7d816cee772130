/* cell_limit.c — see cell_limit.h. */
#include "util/cell_limit.h"

#include <stdio.h>
#include <string.h>

#include "util/text.h"

#define LIST_SEP "; "

size_t cell_limit_length(const char *s)
{
    return text_utf16_length(s);
}

/* The byte length of the longest prefix of s that holds at most budget units and ends on a
 * character boundary. */
static size_t prefix_within(const char *s, size_t budget)
{
    size_t used = 0, i = 0;
    for (; s[i]; i++) {
        size_t u = text_utf16_units((unsigned char)s[i]);
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

/* Whole leading items of a "; " list of total items (s may hold only the first of them),
 * then "… 외 N건". The suffix's length depends on N, so the budget leaves room for the
 * widest N the list could need. */
static void fit_list(const char *s, size_t total, size_t max_chars, struct buf *out,
                     size_t *left_out)
{
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

/* Whether s fits as it is. A UTF-8 string never has more UTF-16 units than bytes: most
 * cells are decided by their length alone. */
static int fits(const char *s, size_t max_chars)
{
    return strlen(s) <= max_chars || cell_limit_length(s) <= max_chars;
}

const char *cell_limit_fit(const char *s, int is_list, size_t max_chars, struct buf *scratch,
                           size_t *left_out)
{
    if (left_out)
        *left_out = 0;
    if (!s || fits(s, max_chars))
        return s;
    buf_clear(scratch);
    buf_puts(scratch, "");
    if (is_list)
        fit_list(s, count_items(s), max_chars, scratch, left_out);
    else
        fit_text(s, max_chars, scratch, left_out);
    return scratch->data;
}

const char *cell_limit_fit_list(const char *s, size_t total_items, size_t max_chars,
                                struct buf *scratch, size_t *left_out)
{
    if (!s || !*s || total_items == 0)
        return cell_limit_fit(s, 1, max_chars, scratch, left_out);
    size_t held = count_items(s);
    if (held >= total_items)
        return cell_limit_fit(s, 1, max_chars, scratch, left_out);
    if (left_out)
        *left_out = 0;
    buf_clear(scratch);
    buf_puts(scratch, "");
    fit_list(s, total_items, max_chars, scratch, left_out);
    return scratch->data;
}

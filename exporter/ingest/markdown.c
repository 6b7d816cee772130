/* markdown.c — pipe tables and list items of a crawled body, as reading units. */
#include "ingest/markdown.h"

#include <string.h>

#include "util/buf.h"

/* One line of the paragraph, trailing spaces and '\r' trimmed. */
struct line {
    const char *s;
    size_t len;
};

/* A table's cells are kept as views into the paragraph. A row with more cells than this keeps
 * the first ones: the bound makes the work per row constant. */
#define TABLE_MAX_CELLS 32
/* A unit in parentheses longer than this is prose, not a unit (`매출(지난해 같은 기간 대비)`). */
#define UNIT_MAX_BYTES 16

struct cell {
    const char *s;
    size_t len;
};

struct row {
    struct cell cells[TABLE_MAX_CELLS];
    size_t n;
};

static int is_blank_byte(char c) { return c == ' ' || c == '\t' || c == '\r'; }

static struct line trim(const char *s, size_t len)
{
    while (len && is_blank_byte(*s)) {
        s++;
        len--;
    }
    while (len && is_blank_byte(s[len - 1]))
        len--;
    return (struct line){ s, len };
}

/* ---- Lists ---- */

static int starts_with(struct line l, const char *prefix)
{
    size_t n = strlen(prefix);
    return l.len >= n && !memcmp(l.s, prefix, n);
}

/* Bytes of a markdown list marker to drop at the start of l (`- `, `* `, `+ `, `1. `, `12) `),
 * or 0. */
static size_t list_marker(struct line l)
{
    if (l.len >= 2 && (l.s[0] == '-' || l.s[0] == '*' || l.s[0] == '+') && l.s[1] == ' ')
        return 2;
    size_t i = 0;
    while (i < l.len && i < 3 && l.s[i] >= '0' && l.s[i] <= '9')
        i++;
    if (i && i + 1 < l.len && (l.s[i] == '.' || l.s[i] == ')') && l.s[i + 1] == ' ')
        return i + 2;
    return 0;
}

/* A line opening with a bullet sign Korean news sets before list items; the sign is text
 * (`▲매출 1조 원`), kept. */
static int bullet_sign(struct line l)
{
    static const char *const signs[] = { "▲", "△", "■", "□", "○", "●", "◆", "◇", "▶", "▷", "►",
                                         "•", "·", "ㆍ", "※" };
    for (size_t i = 0; i < sizeof signs / sizeof *signs; i++)
        if (starts_with(l, signs[i]))
            return 1;
    return 0;
}

/* ---- Tables ---- */

/* The cells of a row: split at '|' (an escaped `\|` is text), the empty cells outside a
 * leading and a trailing '|' dropped, each cell trimmed. */
static void split_row(struct line l, struct row *r)
{
    r->n = 0;
    size_t start = 0;
    int leading = l.len && l.s[0] == '|';
    for (size_t i = 0; i <= l.len; i++) {
        if (i < l.len && !(l.s[i] == '|' && (i == 0 || l.s[i - 1] != '\\')))
            continue;
        if (!(leading && i == 0) && r->n < TABLE_MAX_CELLS) {
            struct line c = trim(l.s + start, i - start);
            r->cells[r->n++] = (struct cell){ c.s, c.len };
        }
        start = i + 1;
    }
    if (r->n && l.len && l.s[l.len - 1] == '|' && r->cells[r->n - 1].len == 0)
        r->n--;
}

static int has_pipe(struct line l) { return l.len && memchr(l.s, '|', l.len) != NULL; }

/* `|---|:---:|--:|`: only '|', '-', ':' and spaces, with a '|' and a '-'. */
static int is_delimiter_row(struct line l)
{
    int dash = 0;
    for (size_t i = 0; i < l.len; i++) {
        char c = l.s[i];
        if (c == '-')
            dash = 1;
        else if (c != '|' && c != ':' && !is_blank_byte(c))
            return 0;
    }
    return dash && has_pipe(l);
}

/* A header or row label `매출(억 원)` → label `매출`, unit `억 원`. Without a short closing
 * parenthesis the label is the whole cell and the unit empty. */
static void split_unit(struct cell c, struct cell *label, struct cell *unit)
{
    *label = c;
    *unit = (struct cell){ c.s, 0 };
    if (c.len < 3 || c.s[c.len - 1] != ')')
        return;
    const char *open = NULL;
    for (size_t i = c.len - 1; i-- > 0;)
        if (c.s[i] == '(') {
            open = c.s + i;
            break;
        }
    size_t inner = open ? (size_t)(c.s + c.len - 1 - (open + 1)) : 0;
    if (!open || open == c.s || inner == 0 || inner > UNIT_MAX_BYTES)
        return;
    struct line u = trim(open + 1, inner), l = trim(c.s, (size_t)(open - c.s));
    *unit = (struct cell){ u.s, u.len };
    *label = (struct cell){ l.s, l.len };
}

/* A number with nothing else: optional sign, digits with thousands commas, a decimal part. */
static int is_bare_number(struct cell c)
{
    size_t i = 0;
    if (i < c.len && (c.s[i] == '-' || c.s[i] == '+'))
        i++;
    else if (c.len >= 3 && (!memcmp(c.s, "△", 3) || !memcmp(c.s, "−", 3)))
        i = 3;
    size_t digits = 0;
    for (; i < c.len && ((c.s[i] >= '0' && c.s[i] <= '9') || c.s[i] == ','); i++)
        digits += c.s[i] != ',';
    if (i < c.len && c.s[i] == '.')
        for (i++; i < c.len && c.s[i] >= '0' && c.s[i] <= '9'; i++)
            ;
    return digits && i == c.len;
}

/* An empty cell, or one that says "no value" (`-`, `–`, `—`). */
static int is_empty_cell(struct cell c)
{
    return c.len == 0 || (c.len == 1 && c.s[0] == '-') ||
           (c.len == 3 && (!memcmp(c.s, "–", 3) || !memcmp(c.s, "—", 3)));
}

static void put_cell(struct buf *b, struct cell c) { buf_append(b, c.s, c.len); }

/* The unit a table's caption gives every figure that has none of its own: `(단위: 억 원)`,
 * `[단위: %]`, `단위=대`, found in s[0..len) (the line before the table, or the header's first
 * cell). Copied into out. A caption with several units (`단위: 억 원, %`) names none. */
static struct cell caption_unit(const char *s, size_t len, char out[UNIT_MAX_BYTES + 1])
{
    static const char word[] = "단위";
    const char *at = NULL;
    for (size_t i = 0; i + sizeof word - 1 <= len; i++)
        if (!memcmp(s + i, word, sizeof word - 1)) {
            at = s + i + sizeof word - 1;
            break;
        }
    if (!at)
        return (struct cell){ out, 0 };
    const char *end = s + len;
    while (at < end && (is_blank_byte(*at) || *at == ':' || *at == '='))
        at++;
    const char *stop = at;
    while (stop < end && *stop != ')' && *stop != ']' && *stop != ',')
        stop++;
    struct line u = trim(at, (size_t)(stop - at));
    if ((stop < end && *stop == ',') || !u.len || u.len > UNIT_MAX_BYTES)
        return (struct cell){ out, 0 };
    memcpy(out, u.s, u.len);
    out[u.len] = '\0';
    return (struct cell){ out, u.len };
}

/* A table's header row and the unit its caption gives (empty: none). */
struct table {
    struct row head;
    struct cell caption;
    char caption_text[UNIT_MAX_BYTES + 1];
};

/* One data row as a unit: `기아, 판매 10,150대, 점유율 30.5%`. A bare number takes its column
 * header's unit, else its row label's, else the caption's. Returns 1 if it emitted one. */
static int emit_row(const struct table *t, const struct row *r, struct buf *b,
                    markdown_emit_fn emit, void *ctx)
{
    const struct row *head = &t->head;
    if (!r->n)
        return 0;
    buf_clear(b);
    struct cell first, row_unit;
    split_unit(r->cells[0], &first, &row_unit);
    put_cell(b, first);
    for (size_t j = 1; j < r->n; j++) {
        struct cell c = r->cells[j];
        if (is_empty_cell(c))
            continue;
        struct cell label = { "", 0 }, unit = { "", 0 };
        if (j < head->n)
            split_unit(head->cells[j], &label, &unit);
        if (!unit.len)
            unit = row_unit.len ? row_unit : t->caption;
        if (b->len)
            buf_puts(b, ", ");
        if (label.len) {
            put_cell(b, label);
            buf_putc(b, ' ');
        }
        put_cell(b, c);
        if (unit.len && is_bare_number(c))
            put_cell(b, unit);
    }
    emit(ctx, b->data, b->len);
    return 1;
}

/* ---- Paragraph ---- */

static struct line line_at(const char *para, size_t len, size_t *pos)
{
    const char *nl = memchr(para + *pos, '\n', len - *pos);
    size_t end = nl ? (size_t)(nl - para) : len;
    struct line l = trim(para + *pos, end - *pos);
    *pos = nl ? end + 1 : len;
    return l;
}

struct units {
    struct buf text;     /* the unit being gathered */
    struct buf row;      /* scratch for a table row */
    struct buf lead;     /* the list's lead-in, "label: ", set before each item (or empty) */
    int in_list;         /* a list item has started since the paragraph or a table began */
    size_t count;
    markdown_emit_fn emit;
    void *ctx;
};

static void flush(struct units *u)
{
    if (u->text.len) {
        u->emit(u->ctx, u->text.data, u->text.len);
        u->count++;
        buf_clear(&u->text);
    }
}

static void add_line(struct units *u, struct line l)
{
    if (u->text.len)
        buf_putc(&u->text, '\n');
    buf_append(&u->text, l.s, l.len);
}

/* The table whose header is head_line and whose delimiter row has just been read: its data
 * rows are the lines with a '|' that follow. The last line gathered before it may be its
 * caption. Returns the first line after the table (len 0 at the end of
 * the paragraph) with *pos past it. */
static struct line read_table(struct units *u, struct line head_line, const char *para,
                              size_t len, size_t *pos)
{
    struct table t;
    split_row(head_line, &t.head);
    size_t start = u->text.len;
    while (start && u->text.data[start - 1] != '\n')
        start--;
    t.caption = caption_unit(u->text.len ? u->text.data + start : "", u->text.len - start,
                             t.caption_text);
    if (!t.caption.len && t.head.n)
        t.caption = caption_unit(t.head.cells[0].s, t.head.cells[0].len, t.caption_text);
    flush(u);
    u->in_list = 0;
    buf_clear(&u->lead);
    struct row r;
    struct line l = { para + len, 0 };
    while (*pos < len) {
        l = line_at(para, len, pos);
        if (!has_pipe(l))
            return l;
        split_row(l, &r);
        u->count += (size_t)emit_row(&t, &r, &u->row, u->emit, u->ctx);
        l = (struct line){ para + len, 0 };
    }
    return l;
}

/* A list's lead-in longer than this is prose, not a label. */
#define LEAD_IN_MAX_BYTES 120

/* The label a list's items are read under: the one line gathered before the first item when it
 * is a label, not a sentence (`정당별 지지율 (한국갤럽, 11월 셋째 주)`, `주요 실적:`): no final
 * full stop, question or exclamation mark. Kept in u->lead without its parenthesised asides and
 * colon, followed by ": ", so that `- 국민의힘: 35%` reads `정당별 지지율: 국민의힘: 35%` — the
 * label's word stands in the item as a table's header stands in its row. */
static void keep_lead_in(struct units *u)
{
    buf_clear(&u->lead);
    const char *s = u->text.data;
    size_t len = u->text.len;
    if (!len || len > LEAD_IN_MAX_BYTES || memchr(s, '\n', len) ||
        strchr(".!?", s[len - 1]) || (len >= 3 && !memcmp(s + len - 3, "\xE3\x80\x82", 3)))
        return;
    int depth = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '(')
            depth++;
        else if (s[i] == ')' && depth)
            depth--;
        else if (!depth)
            buf_putc(&u->lead, s[i]);
    }
    struct line label = trim(u->lead.data ? u->lead.data : "", u->lead.len);
    while (label.len && (label.s[label.len - 1] == ':' || is_blank_byte(label.s[label.len - 1])))
        label.len--;
    if (!label.len || depth) {
        buf_clear(&u->lead);
        return;
    }
    memmove(u->lead.data, label.s, label.len);
    u->lead.len = label.len;
    buf_puts(&u->lead, ": ");
}

/* A line of running text or a list item: a list item starts a unit, its marker dropped and
 * its list's lead-in before it. */
static void take_line(struct units *u, struct line l)
{
    size_t marker = list_marker(l);
    if (!marker && !bullet_sign(l)) {
        add_line(u, l);
        return;
    }
    if (!u->in_list)
        keep_lead_in(u);
    u->in_list = 1;
    flush(u);
    buf_append(&u->text, u->lead.data ? u->lead.data : "", u->lead.len);
    buf_append(&u->text, l.s + marker, l.len - marker);
}

size_t markdown_units(const char *para, size_t len, markdown_emit_fn emit, void *ctx)
{
    struct units u = { BUF_INIT, BUF_INIT, BUF_INIT, 0, 0, emit, ctx };
    /* Each line is held back one step: it is a table's header if a delimiter row follows. */
    struct line held = { NULL, 0 };
    int holding = 0;
    size_t pos = 0;
    while (pos < len) {
        struct line l = line_at(para, len, &pos);
        if (holding && has_pipe(held) && is_delimiter_row(l)) {
            l = read_table(&u, held, para, len, &pos);
            holding = 0;
            if (!l.len)
                continue;
        }
        if (holding)
            take_line(&u, held);
        held = l;
        holding = 1;
    }
    if (holding)
        take_line(&u, held);
    flush(&u);
    buf_free(&u.text);
    buf_free(&u.row);
    buf_free(&u.lead);
    return u.count;
}

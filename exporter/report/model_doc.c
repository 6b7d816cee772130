/* model_doc.c — the content model's data structure: builders, numbering of citations, plain
 * text, dump and free (model.h). The briefing's content decisions are in model.c. */
#include "report/model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

struct model_section *model_add_section(struct model_doc *doc, const char *kind,
                                        const char *title)
{
    xgrow(&doc->sections, &doc->cap, doc->n_sections + 1, sizeof *doc->sections);
    struct model_section *s = &doc->sections[doc->n_sections++];
    memset(s, 0, sizeof *s);
    s->kind = xstrdup(kind ? kind : "");
    s->title = xstrdup(title ? title : "");
    return s;
}

struct model_block *model_add_block(struct model_section *s, enum model_block_kind kind)
{
    xgrow(&s->blocks, &s->cap, s->n_blocks + 1, sizeof *s->blocks);
    struct model_block *b = &s->blocks[s->n_blocks++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    b->outline = -1;
    return b;
}

struct model_block *model_heading(struct model_section *s, int level, int outline,
                                  const char *text, const char *anchor)
{
    struct model_block *b = model_add_block(s, MODEL_HEADING);
    b->level = level;
    b->outline = outline;
    b->anchor = dup_or_null(anchor);
    model_span(&b->text, MODEL_SPAN_TEXT, text, NULL);
    return b;
}

struct model_block *model_paragraph(struct model_section *s, enum model_style style,
                                    const char *text)
{
    struct model_block *b = model_add_block(s, MODEL_PARAGRAPH);
    b->style = style;
    if (text)
        model_span(&b->text, MODEL_SPAN_TEXT, text, NULL);
    return b;
}

struct model_item *model_add_item(struct model_block *b)
{
    xgrow(&b->items, &b->items_cap, b->n_items + 1, sizeof *b->items);
    struct model_item *it = &b->items[b->n_items++];
    memset(it, 0, sizeof *it);
    return it;
}

void model_span(struct model_text *t, enum model_span_kind kind, const char *text,
                const char *target)
{
    if (kind == MODEL_SPAN_TEXT && t->n && t->v[t->n - 1].kind == MODEL_SPAN_TEXT && text) {
        /* adjacent plain text is one span: fewer runs for the layout to shape */
        struct model_span *last = &t->v[t->n - 1];
        size_t a = strlen(last->text), b = strlen(text);
        last->text = xrealloc(last->text, a + b + 1);
        memcpy(last->text + a, text, b + 1);
        return;
    }
    xgrow(&t->v, &t->cap, t->n + 1, sizeof *t->v);
    t->v[t->n++] = (struct model_span){ kind, xstrdup(text ? text : ""), dup_or_null(target),
                                        0, 0 };
}

void model_cite(struct model_text *t, size_t article)
{
    /* one mark per article; a repeat next to itself adds nothing */
    for (size_t i = t->n; i-- > 0 && t->v[i].kind == MODEL_SPAN_CITE;)
        if (t->v[i].article == article)
            return;
    xgrow(&t->v, &t->cap, t->n + 1, sizeof *t->v);
    t->v[t->n++] = (struct model_span){ MODEL_SPAN_CITE, xstrdup(""), NULL, article, 0 };
}

struct model_table *model_table_new(struct model_block *b, size_t ncols, size_t nrows)
{
    struct model_table *t = xcalloc(1, sizeof *t);
    t->cols = xcalloc(ncols + 1, sizeof *t->cols);
    t->ncols = ncols;
    t->cells = xcalloc(ncols * nrows + 1, sizeof *t->cells);
    t->nrows = nrows;
    t->header_rows = 1;
    b->table = t;
    return t;
}

struct model_cell *model_cell(struct model_table *t, size_t row, size_t col)
{
    return &t->cells[row * t->ncols + col];
}

/* ---- Walking every text ---- */

typedef void (*text_fn)(struct model_text *t, void *arg);

static void each_text(struct model_doc *doc, text_fn fn, void *arg)
{
    for (size_t s = 0; s < doc->n_sections; s++)
        for (size_t k = 0; k < doc->sections[s].n_blocks; k++) {
            struct model_block *b = &doc->sections[s].blocks[k];
            fn(&b->text, arg);
            for (size_t i = 0; i < b->n_items; i++)
                fn(&b->items[i].text, arg);
            if (b->table)
                for (size_t i = 0; i < b->table->nrows * b->table->ncols; i++)
                    fn(&b->table->cells[i].text, arg);
        }
}

/* ---- Citations ---- */

struct numbering {
    size_t n_articles;
    size_t *no;          /* article → source number, 0 = not cited */
};

static void mark_cited(struct model_text *t, void *arg)
{
    struct numbering *nb = arg;
    for (size_t i = 0; i < t->n; i++)
        if (t->v[i].kind == MODEL_SPAN_CITE && t->v[i].article < nb->n_articles)
            nb->no[t->v[i].article] = 1;
}

static int size_cmp(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

/* A run of citation marks becomes one: "[2]", "[2][5]", "[2–4]", "[2–4][7] 외 3건". At most
 * MODEL_CITE_SHOWN pieces are printed; the rest are counted. */
#define MODEL_CITE_SHOWN 3

static void format_run(struct buf *b, const size_t *nums, size_t n)
{
    size_t pieces = 0, i = 0, counted = 0;
    for (; i < n && pieces < MODEL_CITE_SHOWN; pieces++) {
        size_t j = i;
        while (j + 1 < n && nums[j + 1] == nums[j] + 1)
            j++;
        if (j >= i + 2)
            buf_printf(b, "[%zu–%zu]", nums[i], nums[j]);
        else if (j == i + 1)
            buf_printf(b, "[%zu][%zu]", nums[i], nums[j]);
        else
            buf_printf(b, "[%zu]", nums[i]);
        i = j + 1;
    }
    counted = n - i;
    if (counted)
        buf_printf(b, " 외 %zu건", counted);
}

static void number_text(struct model_text *t, void *arg)
{
    struct numbering *nb = arg;
    size_t w = 0;
    for (size_t i = 0; i < t->n;) {
        if (t->v[i].kind != MODEL_SPAN_CITE) {
            t->v[w++] = t->v[i++];
            continue;
        }
        size_t j = i, k = 0;
        while (j < t->n && t->v[j].kind == MODEL_SPAN_CITE)
            j++;
        size_t *nums = xcalloc(j - i + 1, sizeof *nums);
        for (size_t q = i; q < j; q++) {
            size_t no = t->v[q].article < nb->n_articles ? nb->no[t->v[q].article] : 0;
            int dup = !no;
            for (size_t r = 0; r < k && !dup; r++)
                dup = nums[r] == no;
            if (!dup)
                nums[k++] = no;
        }
        qsort(nums, k, sizeof *nums, size_cmp);
        struct model_span first = t->v[i];
        for (size_t q = i + 1; q < j; q++) {
            free(t->v[q].text);
            free(t->v[q].target);
        }
        i = j;
        if (!k) {
            free(first.text);
            free(first.target);
            free(nums);
            continue;
        }
        struct buf b = BUF_INIT;
        format_run(&b, nums, k);
        free(first.text);
        free(first.target);
        first.text = buf_detach(&b);
        char target[32];
        snprintf(target, sizeof target, "#src-%zu", nums[0]);
        first.target = xstrdup(target);
        first.n_more = k - 1;
        t->v[w++] = first;
        free(nums);
    }
    t->n = w;
}

size_t model_number_citations(struct model_doc *doc, size_t *no)
{
    struct numbering nb = { doc->n_articles, xcalloc(doc->n_articles + 1, sizeof(size_t)) };
    each_text(doc, mark_cited, &nb);
    size_t n = 0;
    for (size_t a = 0; a < doc->n_articles; a++)
        if (nb.no[a])
            nb.no[a] = ++n;
    each_text(doc, number_text, &nb);
    if (no)
        memcpy(no, nb.no, doc->n_articles * sizeof *no);
    free(nb.no);
    return n;
}

/* ---- Plain text and dump ---- */

void model_text_plain(const struct model_text *t, struct buf *out)
{
    for (size_t i = 0; i < t->n; i++)
        if (t->v[i].kind != MODEL_SPAN_CITE && t->v[i].kind != MODEL_SPAN_MARK)
            buf_puts(out, t->v[i].text);
}

static void dump_text(const struct model_text *t, struct buf *out)
{
    for (size_t i = 0; i < t->n; i++)
        buf_puts(out, t->v[i].text);
}

static void dump_lines(const struct model_lines *l, struct buf *out)
{
    buf_puts(out, "  points");
    for (size_t p = 0; p < l->n_points; p++)
        buf_printf(out, " %s%s", l->points[p], l->point_gap[p] ? "(gap)" : "");
    buf_putc(out, '\n');
    for (size_t i = 0; i < l->n_lines; i++) {
        buf_printf(out, "  line %s:", l->lines[i].label);
        for (size_t p = 0; p < l->n_points; p++) {
            if (l->lines[i].present[p])
                buf_printf(out, " %g", l->lines[i].values[p]);
            else
                buf_puts(out, " -");
        }
        buf_putc(out, '\n');
    }
    buf_printf(out, "  axis %s\n  alt %s\n", l->axis_label, l->alt);
}

static void dump_block(const struct model_block *b, struct buf *out)
{
    static const char *const kinds[] = { "H", "P", "UL", "QUOTES", "NOTES", "TABLE", "CHART",
                                         "SOURCES", "RULE", "LINES" };
    buf_printf(out, "%s", kinds[b->kind]);
    if (b->kind == MODEL_HEADING)
        buf_printf(out, "%d", b->level);
    buf_puts(out, ": ");
    dump_text(&b->text, out);
    buf_putc(out, '\n');
    for (size_t i = 0; i < b->n_items; i++) {
        buf_printf(out, "  - %s%s", b->items[i].label ? b->items[i].label : "",
                   b->items[i].label ? " " : "");
        dump_text(&b->items[i].text, out);
        if (b->items[i].url)
            buf_printf(out, " <%s>", b->items[i].url);
        buf_putc(out, '\n');
    }
    if (b->table) {
        const struct model_table *t = b->table;
        buf_puts(out, "  |");
        for (size_t c = 0; c < t->ncols; c++)
            buf_printf(out, " %s |", t->cols[c].header);
        buf_putc(out, '\n');
        for (size_t r = 0; r < t->nrows; r++) {
            buf_puts(out, "  |");
            for (size_t c = 0; c < t->ncols; c++) {
                buf_putc(out, ' ');
                dump_text(&t->cells[r * t->ncols + c].text, out);
                buf_puts(out, " |");
            }
            buf_putc(out, '\n');
        }
    }
    if (b->chart) {
        const struct model_chart *c = b->chart;
        for (size_t s = 0; s < c->n_series; s++)
            buf_printf(out, "  series %s\n", c->series[s]);
        for (size_t g = 0; g < c->n_groups; g++) {
            buf_printf(out, "  group %s:", c->groups[g].label);
            for (size_t s = 0; s < c->n_series; s++)
                buf_printf(out, " %s", c->groups[g].bars[s].present ? c->groups[g].bars[s].text
                                                                   : c->missing_label);
            buf_putc(out, '\n');
        }
        buf_printf(out, "  axis %s\n  alt %s\n", c->axis_label, c->alt);
    }
    if (b->lines)
        dump_lines(b->lines, out);
}

void model_dump(const struct model_doc *doc, struct buf *out)
{
    for (size_t s = 0; s < doc->n_sections; s++) {
        buf_printf(out, "== %s\n", doc->sections[s].kind);
        for (size_t k = 0; k < doc->sections[s].n_blocks; k++)
            dump_block(&doc->sections[s].blocks[k], out);
    }
}

/* ---- Free ---- */

static void text_free(struct model_text *t)
{
    for (size_t i = 0; i < t->n; i++) {
        free(t->v[i].text);
        free(t->v[i].target);
    }
    free(t->v);
    memset(t, 0, sizeof *t);
}

static void chart_free(struct model_chart *c)
{
    if (!c)
        return;
    for (size_t s = 0; s < c->n_series; s++)
        free(c->series[s]);
    for (size_t g = 0; g < c->n_groups; g++) {
        free(c->groups[g].label);
        free(c->groups[g].target);
        for (size_t s = 0; s < MODEL_MAX_SERIES; s++)
            free(c->groups[g].bars[s].text);
    }
    free(c->groups);
    free(c->axis_label);
    free(c->missing_label);
    free(c->alt);
    free(c);
}

struct model_lines *model_lines_new(struct model_block *b, size_t n_points, size_t n_lines)
{
    struct model_lines *l = xcalloc(1, sizeof *l);
    l->n_points = n_points;
    l->points = xcalloc(n_points + 1, sizeof *l->points);
    l->point_gap = xcalloc(n_points + 1, sizeof *l->point_gap);
    l->n_lines = n_lines > MODEL_MAX_LINES ? MODEL_MAX_LINES : n_lines;
    for (size_t i = 0; i < l->n_lines; i++) {
        l->lines[i].values = xcalloc(n_points + 1, sizeof *l->lines[i].values);
        l->lines[i].present = xcalloc(n_points + 1, sizeof *l->lines[i].present);
    }
    b->lines = l;
    return l;
}

static void lines_free(struct model_lines *l)
{
    if (!l)
        return;
    for (size_t p = 0; p < l->n_points; p++)
        free(l->points[p]);
    free(l->points);
    free(l->point_gap);
    for (size_t i = 0; i < l->n_lines; i++) {
        free(l->lines[i].label);
        free(l->lines[i].target);
        free(l->lines[i].values);
        free(l->lines[i].present);
    }
    free(l->axis_label);
    free(l->alt);
    free(l);
}

static void table_free_(struct model_table *t)
{
    if (!t)
        return;
    for (size_t c = 0; c < t->ncols; c++)
        free(t->cols[c].header);
    for (size_t i = 0; i < t->ncols * t->nrows; i++)
        text_free(&t->cells[i].text);
    free(t->cols);
    free(t->cells);
    free(t);
}

static void block_free(struct model_block *b)
{
    free(b->anchor);
    text_free(&b->text);
    for (size_t i = 0; i < b->n_items; i++) {
        free(b->items[i].label);
        free(b->items[i].anchor);
        free(b->items[i].url);
        free(b->items[i].origin);
        text_free(&b->items[i].text);
    }
    free(b->items);
    table_free_(b->table);
    chart_free(b->chart);
    lines_free(b->lines);
}

void model_free(struct model_doc *doc)
{
    if (!doc)
        return;
    for (size_t s = 0; s < doc->n_sections; s++) {
        struct model_section *sec = &doc->sections[s];
        for (size_t k = 0; k < sec->n_blocks; k++)
            block_free(&sec->blocks[k]);
        free(sec->blocks);
        free(sec->kind);
        free(sec->title);
    }
    free(doc->sections);
    free(doc->title);
    free(doc->subject);
    free(doc->keywords);
    free(doc->header_right);
    memset(doc, 0, sizeof *doc);
}

/* weekly_sections.c — see weekly_sections.h. */
#include "report/weekly_sections.h"

#include <stdlib.h>
#include <string.h>

#include "report/summary.h"
#include "util/buf.h"
#include "util/hash.h"

static const char *word(const struct weekly_sections *w, const char *key)
{
    return template_word(w->tpl, key);
}

/* A table of nrows × ncols with headers and kinds; the first column names the row. */
static struct model_table *new_table(struct model_section *s, size_t nrows, size_t ncols,
                                     const char *const *headers,
                                     const enum model_col_kind *kinds)
{
    struct model_block *b = model_add_block(s, MODEL_TABLE);
    struct model_table *t = model_table_new(b, ncols, nrows);
    for (size_t k = 0; k < ncols; k++) {
        t->cols[k].header = xstrdup(headers[k]);
        t->cols[k].kind = kinds[k];
        t->cols[k].weight = 1;
    }
    t->row_headers = 1;
    return t;
}

static void cell_text(struct model_table *t, size_t r, size_t c, enum model_span_kind kind,
                      const char *text)
{
    model_span(&model_cell(t, r, c)->text, kind, text, NULL);
}

static void cell_count(struct model_table *t, size_t r, size_t c, size_t n)
{
    char s[32];
    cell_text(t, r, c, MODEL_SPAN_TEXT, n ? summary_count(n, s) : "\xE2\x80\x93");   /* – */
}

/* "그 밖의 언론사 (12)": a word and a count. */
static char *word_count(const char *w, size_t n)
{
    char s[32];
    struct buf b = BUF_INIT;
    buf_printf(&b, "%s (%s)", w, summary_count(n, s));
    return buf_detach(&b);
}

/* ---- changes ---- */

/* The table of changes: entity, column, previous, current, kind. */
static void changes_table(struct model_section *s, const struct weekly_sections *w)
{
    const struct changes *c = w->changes;
    const char *headers[] = { word(w, "entity"), word(w, "figure_item"),
                              word(w, "changes_previous"), word(w, "changes_current"),
                              word(w, "changes_kind") };
    static const enum model_col_kind kinds[] = { MODEL_COL_TEXT, MODEL_COL_TEXT,
                                                 MODEL_COL_LIST, MODEL_COL_LIST,
                                                 MODEL_COL_TEXT };
    struct model_table *t = new_table(s, c->count, 5, headers, kinds);
    for (size_t i = 0; i < c->count; i++) {
        const struct change *ch = &c->items[i];
        const char *cells[] = {
            ch->entity_name, w->tpl->columns[ch->column].label, ch->previous, ch->current,
            word(w, ch->kind == CHANGE_NEW ? "changes_new" : "changes_changed"),
        };
        for (size_t k = 0; k < 5; k++)
            cell_text(t, i, k, k == 0 ? MODEL_SPAN_STRONG : MODEL_SPAN_TEXT, cells[k]);
    }
}

static void changes_section(struct model_doc *doc, const struct weekly_sections *w)
{
    const char *title = word(w, "changes");
    struct model_section *s = model_add_section(doc, "changes", title);
    model_heading(s, 1, 0, title, "sec-changes");
    if (!w->changes || !w->changes->has_previous) {
        model_paragraph(s, MODEL_STYLE_BODY, word(w, "changes_none"));
        return;
    }
    char week[9];
    date_format_week(w->changes->previous_week, week);
    struct buf since = BUF_INIT;
    buf_printf(&since, "%s %s", word(w, "changes_since"), week);
    model_paragraph(s, MODEL_STYLE_META, since.data);
    buf_free(&since);
    if (w->changes->count)
        changes_table(s, w);
}

/* ---- coverage ---- */

struct publisher_total {
    const char *name;
    size_t articles;
};

struct entity_total {
    size_t entity, articles, mentions;
};

static int publisher_cmp(const void *x, const void *y)
{
    const struct publisher_total *a = x, *b = y;
    if (a->articles != b->articles)
        return a->articles > b->articles ? -1 : 1;
    return strcmp(a->name, b->name);
}

static int entity_total_cmp(const void *x, const void *y)
{
    const struct entity_total *a = x, *b = y;
    if (a->articles != b->articles)
        return a->articles > b->articles ? -1 : 1;
    return (a->entity > b->entity) - (a->entity < b->entity);
}

/* Publishers by the articles they gave (summed over entities), most first, ties by name. */
static struct publisher_total *rank_publishers(const struct coverage *c, size_t *n)
{
    struct publisher_total *p = xcalloc(c->count + 1, sizeof *p);
    *n = 0;
    for (size_t i = 0; i < c->count; i++) {
        size_t k = 0;
        while (k < *n && strcmp(p[k].name, c->rows[i].publisher) != 0)
            k++;
        if (k == *n)
            p[(*n)++] = (struct publisher_total){ c->rows[i].publisher, 0 };
        p[k].articles += c->rows[i].articles;
    }
    qsort(p, *n, sizeof *p, publisher_cmp);
    return p;
}

/* Entities with at least one article, most articles first (ties in template order). */
static struct entity_total *rank_entities(const struct coverage *c, size_t n_entities,
                                          size_t *n)
{
    struct entity_total *e = xcalloc(n_entities + 1, sizeof *e);
    for (size_t i = 0; i < n_entities; i++)
        e[i].entity = i;
    for (size_t i = 0; i < c->count; i++) {
        if (c->tpl->entities[c->rows[i].entity].topic)
            continue;   /* the subject of every article: as in the comparison table, left out */
        e[c->rows[i].entity].articles += c->rows[i].articles;
        e[c->rows[i].entity].mentions += c->rows[i].mentions;
    }
    qsort(e, n_entities, sizeof *e, entity_total_cmp);
    *n = 0;
    while (*n < n_entities && e[*n].articles)
        (*n)++;
    return e;
}

/* The column of a publisher: its place among the shown ones, else the "rest" column. */
static size_t publisher_column(const struct publisher_total *p, size_t shown, const char *name)
{
    for (size_t k = 0; k < shown; k++)
        if (strcmp(p[k].name, name) == 0)
            return k;
    return shown;
}

/* Row r's counts: per shown publisher, the rest, articles, mentions. */
static void coverage_row_counts(const struct coverage *c, const struct publisher_total *p,
                                size_t shown, size_t entity, size_t *counts)
{
    for (size_t i = 0; i < c->count; i++)
        if (c->rows[i].entity == entity)
            counts[publisher_column(p, shown, c->rows[i].publisher)] += c->rows[i].articles;
}

static void coverage_table(struct model_section *s, const struct weekly_sections *w,
                           const struct publisher_total *p, size_t n_pub,
                           const struct entity_total *e, size_t n_ent)
{
    /* all publishers when one more column would show them all, else the top ones + rest */
    size_t shown = n_pub <= WEEKLY_COVERAGE_PUBLISHERS + 1 ? n_pub : WEEKLY_COVERAGE_PUBLISHERS;
    int rest_col = shown < n_pub;
    size_t rows = n_ent <= WEEKLY_COVERAGE_ROWS + 1 ? n_ent : WEEKLY_COVERAGE_ROWS;
    int rest_row = rows < n_ent;
    size_t ncols = 1 + shown + (size_t)rest_col + 2;
    const char **headers = xcalloc(ncols, sizeof *headers);
    enum model_col_kind *kinds = xcalloc(ncols, sizeof *kinds);
    char *rest_header = rest_col ? word_count(word(w, "coverage_other"), n_pub - shown) : NULL;
    headers[0] = word(w, "entity");
    for (size_t k = 0; k < shown; k++)
        headers[1 + k] = p[k].name[0] ? p[k].name : word(w, "unknown_publisher");
    if (rest_col)
        headers[1 + shown] = rest_header;
    headers[ncols - 2] = word(w, "coverage_total");
    headers[ncols - 1] = word(w, "coverage_mentions");
    for (size_t k = 1; k < ncols; k++)
        kinds[k] = MODEL_COL_NUMBER;
    struct model_table *t = new_table(s, rows + (size_t)rest_row, ncols, headers, kinds);
    size_t *counts = xcalloc(ncols, sizeof *counts);
    for (size_t row = 0; row < rows + (size_t)rest_row; row++) {
        /* a shown entity's row, or the last row summing every entity not shown */
        size_t from = row, to = row < rows ? row + 1 : n_ent;
        memset(counts, 0, ncols * sizeof *counts);
        for (size_t r = from; r < to; r++) {
            coverage_row_counts(w->coverage, p, shown, e[r].entity, counts);
            counts[ncols - 3] += e[r].articles;
            counts[ncols - 2] += e[r].mentions;
        }
        if (row < rows)
            cell_text(t, row, 0, MODEL_SPAN_STRONG, w->tpl->entities[e[row].entity].name);
        for (size_t k = 1; k < ncols; k++)
            cell_count(t, row, k, counts[k - 1]);
    }
    if (rest_row) {
        char *label = word_count(word(w, "coverage_other_entities"), n_ent - rows);
        cell_text(t, rows, 0, MODEL_SPAN_STRONG, label);
        free(label);
    }
    free(counts);
    free(rest_header);
    free(headers);
    free(kinds);
}

static void coverage_section(struct model_doc *doc, const struct weekly_sections *w)
{
    const char *title = word(w, "coverage_title");
    struct model_section *s = model_add_section(doc, "coverage", title);
    model_heading(s, 1, 0, title, "sec-coverage");
    size_t n_pub = 0, n_ent = 0;
    struct publisher_total *p = w->coverage ? rank_publishers(w->coverage, &n_pub) : NULL;
    struct entity_total *e = w->coverage ? rank_entities(w->coverage, w->tpl->n_entities, &n_ent)
                                         : NULL;
    if (!n_ent) {
        model_paragraph(s, MODEL_STYLE_BODY, word(w, "coverage_none"));
    } else {
        model_paragraph(s, MODEL_STYLE_META, word(w, "coverage_intro"));
        coverage_table(s, w, p, n_pub, e, n_ent);
    }
    free(p);
    free(e);
}

/* ---- trend ---- */

/* The entities drawn: the most mentioned over the weeks (ties in template order), none
 * with no mention at all. */
static size_t trend_pick(const struct weekly_sections *w, const struct trend *t, size_t *pick)
{
    struct entity_total *e = xcalloc(t->n_entities + 1, sizeof *e);
    for (size_t i = 0; i < t->n_entities; i++)   /* the topic entity: as in the table, not drawn */
        e[i] = (struct entity_total){ i, w->tpl->entities[i].topic ? 0 : trend_entity_total(t, i),
                                      0 };
    qsort(e, t->n_entities, sizeof *e, entity_total_cmp);
    size_t n = 0;
    while (n < t->n_entities && n < WEEKLY_TREND_LINES && e[n].articles)
        n++;
    for (size_t i = 0; i < n; i++)
        pick[i] = e[i].entity;
    free(e);
    return n;
}

/* "언급 문장 수, 2025-W51~2026-W01. SK텔레콤: 2025-W51 3, 2026-W01 5. …" and the gaps. */
static char *trend_alt(const struct weekly_sections *w, const struct model_lines *l)
{
    struct buf b = BUF_INIT;
    buf_printf(&b, "%s, %s~%s.", l->axis_label, l->points[0], l->points[l->n_points - 1]);
    for (size_t i = 0; i < l->n_lines; i++) {
        buf_printf(&b, " %s:", l->lines[i].label);
        int first = 1;
        for (size_t p = 0; p < l->n_points; p++) {
            if (!l->lines[i].present[p])
                continue;
            buf_printf(&b, "%s %s %.0f", first ? "" : ",", l->points[p], l->lines[i].values[p]);
            first = 0;
        }
        buf_putc(&b, '.');
    }
    int gaps = 0;
    for (size_t p = 0; p < l->n_points; p++)
        if (l->point_gap[p])
            buf_printf(&b, "%s %s", gaps++ ? "," : word(w, "trend_gap_alt"), l->points[p]);
    if (gaps)
        buf_putc(&b, '.');
    return buf_detach(&b);
}

static void trend_chart(struct model_section *s, const struct weekly_sections *w,
                        const size_t *pick, size_t n)
{
    const struct trend *t = w->trend;
    struct model_block *b = model_add_block(s, MODEL_LINES);
    struct model_lines *l = model_lines_new(b, t->n_weeks, n);
    for (size_t p = 0; p < t->n_weeks; p++) {
        char wk[9];
        date_format_week(t->weeks[p], wk);
        l->points[p] = xstrdup(wk);
        l->point_gap[p] = !t->recorded[p];
    }
    for (size_t i = 0; i < l->n_lines; i++) {
        l->lines[i].label = xstrdup(w->tpl->entities[pick[i]].name);
        for (size_t p = 0; p < t->n_weeks; p++) {
            l->lines[i].present[p] = t->recorded[p];
            l->lines[i].values[p] = (double)t->mentions[pick[i] * t->n_weeks + p];
        }
    }
    l->axis_label = xstrdup(word(w, "trend_axis"));
    l->alt = trend_alt(w, l);
}

static void trend_section(struct model_doc *doc, const struct weekly_sections *w)
{
    const char *title = word(w, "trend");
    struct model_section *s = model_add_section(doc, "trend", title);
    model_heading(s, 1, 0, title, "sec-trend");
    const struct trend *t = w->trend;
    if (!t || t->n_recorded < 2) {
        model_paragraph(s, MODEL_STYLE_BODY, word(w, "trend_none"));
        return;
    }
    size_t *pick = xcalloc(t->n_entities + 1, sizeof *pick);
    size_t n = trend_pick(w, t, pick);
    if (!n) {
        model_paragraph(s, MODEL_STYLE_BODY, word(w, "coverage_none"));
    } else {
        struct buf intro = BUF_INIT;
        buf_puts(&intro, word(w, "trend_intro"));
        if (t->n_recorded < t->n_weeks)
            buf_puts(&intro, word(w, "trend_gap"));
        model_paragraph(s, MODEL_STYLE_META, intro.data);
        buf_free(&intro);
        trend_chart(s, w, pick, n);
    }
    free(pick);
}

/* ---- conflicts ---- */

/* A value of column c as the briefing prints it ("519B", "628억 원", a keyword's label). */
static void put_value(const struct template *tpl, size_t column, const char *value,
                      struct buf *b)
{
    const struct template_column *c = &tpl->columns[column];
    if (c->type == TEMPLATE_COL_QUANTITY)
        summary_format_figure(c, value, b);
    else if (c->type == TEMPLATE_COL_DATE)
        summary_format_date(value, b);
    else if (c->type == TEMPLATE_COL_KEYWORDS)
        buf_puts(b, template_value_label(tpl, value));
    else
        buf_puts(b, value);
}

/* The article's place in the sorted set (its citation), SIZE_MAX when not in it. */
static size_t rank_of(const struct weekly_sections *w, const char *id)
{
    if (!w->set || !id || !w->set->by_id.key_of)
        return (size_t)-1;
    size_t r = hash_index_find(&w->set->by_id, id, strlen(id));
    return r == HASH_NONE ? (size_t)-1 : r;
}

/* One group of lines: the same cell (and, for an internal contradiction, the same article). */
static int same_group(const struct conflict_line *a, const struct conflict_line *b)
{
    if (a->entity != b->entity || a->column != b->column || a->kind != b->kind)
        return 0;
    return a->kind != CONFLICT_INTERNAL || strcmp(a->article_id, b->article_id) == 0;
}

/* "SK텔레콤 · 총 파라미터" (and the tie word). */
static void group_label(const struct weekly_sections *w, const struct conflict_line *l,
                        struct model_text *t)
{
    model_span(t, MODEL_SPAN_STRONG, w->tpl->entities[l->entity].name, NULL);
    struct buf b = BUF_INIT;
    buf_puts(&b, " \xC2\xB7 ");
    summary_short_label(w->tpl->columns[l->column].label, &b);
    if (l->kind == CONFLICT_TIE)
        buf_printf(&b, " (%s)", word(w, "conflicts_tie"));
    model_span(t, MODEL_SPAN_TEXT, b.data, NULL);
    buf_free(&b);
}

/* One value and its evidence: "100B (기사 2건 · 표에 실은 값) “sentence” — 언론사[3]". */
static void value_text(const struct weekly_sections *w, const struct conflict_line *l,
                       struct model_text *t)
{
    struct buf b = BUF_INIT;
    put_value(w->tpl, l->column, l->value, &b);
    model_span(t, MODEL_SPAN_STRONG, b.data, NULL);
    buf_clear(&b);
    if (l->kind != CONFLICT_INTERNAL) {
        char n[32];
        buf_printf(&b, " (%s %s건", word(w, "articles_short"), summary_count(l->articles, n));
    }
    if (l->chosen)
        buf_printf(&b, "%s%s", b.len ? " \xC2\xB7 " : " (", word(w, "conflicts_chosen"));
    if (b.len)
        buf_putc(&b, ')');
    if (l->sentence && *l->sentence)
        buf_printf(&b, " \xE2\x80\x9C%s\xE2\x80\x9D", l->sentence);
    buf_printf(&b, " \xE2\x80\x94 %s",
               l->publisher && *l->publisher ? l->publisher : word(w, "unknown_publisher"));
    model_span(t, MODEL_SPAN_TEXT, b.data, NULL);
    buf_free(&b);
    size_t r = rank_of(w, l->article_id);
    if (r != (size_t)-1)
        model_cite(t, r);
}

/* The first line of each value of a group (one sentence per value in the PDF; the CSV
 * keeps more): appends their indices to rows, at most SUMMARY_CONFLICT_VALUES values; a group
 * with more gets one row more, its more[] the number of values left out ("외 다른 값 N개"). */
static void group_rows(const struct conflict_line *v, size_t i, size_t j, size_t *rows,
                       size_t *more, size_t *n)
{
    size_t values = 0;
    for (size_t k = i; k < j; k++) {
        if (k != i && strcmp(v[k].value, v[k - 1].value) == 0)
            continue;
        if (values++ < SUMMARY_CONFLICT_VALUES) {
            more[*n] = 0;
            rows[(*n)++] = k;
        }
    }
    if (values > SUMMARY_CONFLICT_VALUES) {
        more[*n] = values - SUMMARY_CONFLICT_VALUES;
        rows[*n] = rows[*n - 1];
        (*n)++;
    }
}

/* One table for the groups of one kind (between sources, or internal): a row per value,
 * the cell named on its first row. Returns the groups of that kind not shown (over
 * WEEKLY_CONFLICT_CELLS). */
static size_t conflicts_table(struct model_section *s, const struct weekly_sections *w,
                              int internal)
{
    const struct conflict_line *v = w->conflicts;
    size_t *rows = xcalloc(2 * w->n_conflicts + 1, sizeof *rows), n_rows = 0, groups = 0;
    size_t *more = xcalloc(2 * w->n_conflicts + 1, sizeof *more);
    for (size_t i = 0, j; i < w->n_conflicts; i = j) {
        for (j = i; j < w->n_conflicts && same_group(&v[i], &v[j]);)
            j++;
        if ((v[i].kind == CONFLICT_INTERNAL) == internal && groups++ < WEEKLY_CONFLICT_CELLS)
            group_rows(v, i, j, rows, more, &n_rows);
    }
    if (n_rows) {
        /* the cell's name in a fixed column, each value with its sentence in the rest, so
         * the sentences get the width */
        const char *headers[] = { word(w, "conflicts_cell"), word(w, "conflicts_evidence") };
        static const enum model_col_kind kinds[] = { MODEL_COL_LABEL, MODEL_COL_LIST };
        struct model_table *t = new_table(s, n_rows, 2, headers, kinds);
        for (size_t r = 0; r < n_rows; r++) {
            const struct conflict_line *l = &v[rows[r]];
            if (r == 0 || !same_group(&v[rows[r - 1]], l))
                group_label(w, l, &model_cell(t, r, 0)->text);
            if (more[r]) {
                struct buf b = BUF_INIT;
                summary_put_more_values(&b, more[r]);
                model_span(&model_cell(t, r, 1)->text, MODEL_SPAN_TEXT, b.data + 1, NULL);
                buf_free(&b);
            } else {
                value_text(w, l, &model_cell(t, r, 1)->text);
            }
        }
    }
    free(rows);
    free(more);
    return groups > WEEKLY_CONFLICT_CELLS ? groups - WEEKLY_CONFLICT_CELLS : 0;
}

/* "그 밖의 엇갈림 12건은 conflicts.csv에 모두 있다." */
static void conflicts_more(struct model_section *s, const struct weekly_sections *w,
                           size_t hidden)
{
    if (!hidden)
        return;
    char n[32];
    struct buf b = BUF_INIT;
    buf_printf(&b, "%s %s건%s", word(w, "conflicts_more"), summary_count(hidden, n),
               word(w, "conflicts_more_where"));
    model_paragraph(s, MODEL_STYLE_NOTE, b.data);
    buf_free(&b);
}

static void conflicts_section(struct model_doc *doc, const struct weekly_sections *w)
{
    const char *title = word(w, "conflicts");
    struct model_section *s = model_add_section(doc, "conflicts", title);
    model_heading(s, 1, 0, title, "sec-conflicts");
    int between = 0, internal = 0;
    for (size_t i = 0; i < w->n_conflicts; i++) {
        between |= w->conflicts[i].kind != CONFLICT_INTERNAL;
        internal |= w->conflicts[i].kind == CONFLICT_INTERNAL;
    }
    if (!between && !internal) {
        model_paragraph(s, MODEL_STYLE_BODY, word(w, "conflicts_none"));
        return;
    }
    model_paragraph(s, MODEL_STYLE_META, word(w, "conflicts_intro"));
    if (between) {
        model_heading(s, 2, -1, word(w, "conflicts_between"), NULL);
        conflicts_more(s, w, conflicts_table(s, w, 0));
    }
    if (internal) {
        model_heading(s, 2, -1, word(w, "conflicts_internal"), NULL);
        model_paragraph(s, MODEL_STYLE_META, word(w, "conflicts_internal_intro"));
        conflicts_more(s, w, conflicts_table(s, w, 1));
    }
}

void weekly_sections_add(struct model_doc *doc, const char *name, void *arg)
{
    const struct weekly_sections *w = arg;
    if (!w)
        return;
    if (strcmp(name, "changes") == 0)
        changes_section(doc, w);
    else if (strcmp(name, "coverage") == 0)
        coverage_section(doc, w);
    else if (strcmp(name, "trend") == 0)
        trend_section(doc, w);
    else if (strcmp(name, "conflicts") == 0)
        conflicts_section(doc, w);
}

/* conflicts.c — see conflicts.h. */
#include "merge/conflicts.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/hash.h"

/* Internal contradictions kept at most (each holds two sentences). */
#define CONFLICTS_MAX_INTERNAL 500

struct sighting {
    char *article_id, *publisher, *sentence;
    size_t sentence_no;
};

struct evidence {
    char *value;
    struct sighting seen[CONFLICTS_SENTENCES];
    size_t n_seen;
};

struct cell_evidence {
    struct evidence *values;
    size_t count, cap;
    struct hash_index index;   /* values by text (key_of NULL until the first value) */
};

struct internal {
    size_t entity, column;
    struct evidence values[2];   /* the article's first two values, one sentence each */
};

struct conflicts {
    const struct template *tpl;
    struct cell_evidence *cells;   /* [entity * n_columns + column] */
    struct internal *internals;
    size_t n_internals, internals_cap;
    struct conflict_line *lines;
    size_t n_lines, lines_cap;
};

const char *conflict_kind_name(enum conflict_kind k)
{
    return k == CONFLICT_TIE ? "tie" : k == CONFLICT_INTERNAL ? "internal" : "disagreement";
}

/* Lists hold many values by nature; only single-valued columns can disagree. */
static int single_valued(const struct template_column *col)
{
    return col->type != TEMPLATE_COL_KEYWORDS && col->type != TEMPLATE_COL_ORGANISATIONS &&
           col->type != TEMPLATE_COL_MODELS;
}

struct conflicts *conflicts_new(const struct template *tpl)
{
    struct conflicts *c = xcalloc(1, sizeof *c);
    c->tpl = tpl;
    c->cells = xcalloc(tpl->n_entities * tpl->n_columns + 1, sizeof *c->cells);
    return c;
}

static void sighting_set(struct sighting *s, const struct article *a, const struct fact *f)
{
    s->article_id = xstrdup(f->article_id ? f->article_id : "");
    s->publisher = xstrdup(a->publisher ? a->publisher : "");
    s->sentence = xstrdup(f->sentence ? f->sentence : "");
    s->sentence_no = f->sentence_no;
}

static struct hash_key evidence_key(const void *ctx, size_t item)
{
    const struct cell_evidence *cell = ctx;
    return (struct hash_key){ cell->values[item].value, strlen(cell->values[item].value) };
}

/* The evidence for value in cell, or NULL. Hashed: a cell may gather very many values. */
static const struct evidence *evidence_of(const struct cell_evidence *cell, const char *value)
{
    if (!cell->index.key_of)
        return NULL;
    size_t k = hash_index_find(&cell->index, value, strlen(value));
    return k == HASH_NONE ? NULL : &cell->values[k];
}

static struct evidence *evidence_for(struct cell_evidence *cell, const char *value)
{
    const struct evidence *found = evidence_of(cell, value);
    if (found)
        return &cell->values[found - cell->values];
    if (!cell->index.key_of)
        hash_index_init(&cell->index, evidence_key, cell);
    xgrow(&cell->values, &cell->cap, cell->count + 1, sizeof *cell->values);
    struct evidence *e = &cell->values[cell->count++];
    memset(e, 0, sizeof *e);
    e->value = xstrdup(value);
    hash_index_add(&cell->index, cell->count - 1);
    return e;
}

/* Keeps the first sentences stating the value, one per article. */
static void add_evidence(struct conflicts *c, const struct article *a, const struct fact *f)
{
    struct cell_evidence *cell = &c->cells[f->entity * c->tpl->n_columns + f->column];
    struct evidence *e = evidence_for(cell, f->value);
    if (e->n_seen == CONFLICTS_SENTENCES)
        return;
    for (size_t i = 0; i < e->n_seen; i++)
        if (strcmp(e->seen[i].article_id, f->article_id) == 0)
            return;
    sighting_set(&e->seen[e->n_seen++], a, f);
}

/* A second value for a cell this article already gave a value: an internal contradiction. */
static void add_internal(struct conflicts *c, const struct article *a, const struct fact *first,
                         const struct fact *second)
{
    if (c->n_internals == CONFLICTS_MAX_INTERNAL)
        return;
    xgrow(&c->internals, &c->internals_cap, c->n_internals + 1, sizeof *c->internals);
    struct internal *in = &c->internals[c->n_internals++];
    memset(in, 0, sizeof *in);
    in->entity = first->entity;
    in->column = first->column;
    const struct fact *both[2] = { first, second };
    for (int k = 0; k < 2; k++) {
        in->values[k].value = xstrdup(both[k]->value);
        sighting_set(&in->values[k].seen[0], a, both[k]);
        in->values[k].n_seen = 1;
    }
}

void conflicts_add(struct conflicts *c, const struct article *a, const struct fact_list *facts)
{
    for (size_t i = 0; i < facts->count; i++) {
        const struct fact *f = &facts->items[i];
        if (!f->value || !single_valued(&c->tpl->columns[f->column]))
            continue;
        add_evidence(c, a, f);
        /* the first earlier fact of the same cell with another value, unless a still
         * earlier one already made this pair of values a contradiction */
        for (size_t j = 0; j < i; j++) {
            const struct fact *g = &facts->items[j];
            if (g->entity != f->entity || g->column != f->column)
                continue;
            if (strcmp(g->value, f->value) != 0)
                add_internal(c, a, g, f);
            break;
        }
    }
}

static void add_line(struct conflicts *c, size_t entity, size_t column, enum conflict_kind kind,
                     const char *value, int chosen, size_t articles, const struct sighting *s)
{
    xgrow(&c->lines, &c->lines_cap, c->n_lines + 1, sizeof *c->lines);
    c->lines[c->n_lines++] = (struct conflict_line){
        entity, column, kind, xstrdup(value), chosen, articles,
        xstrdup(s ? s->article_id : ""), xstrdup(s ? s->publisher : ""),
        xstrdup(s ? s->sentence : ""), s ? s->sentence_no : 0,
    };
}

/* Whether every disagreeing value comes from one and the same article: then the sources do
 * not disagree — that article contradicts itself (reported as internal). */
static int one_article_only(const struct cell_evidence *ev, const struct table_cell *cell)
{
    const char *only = NULL;
    for (size_t v = 0; v < cell->n_values; v++) {
        const struct table_value *tv = &cell->values[v];
        if (v > 0 && !tv->conflicting)
            continue;
        const struct evidence *e = evidence_of(ev, tv->value);
        if (tv->n_articles != 1 || !e || e->n_seen != 1)
            return 0;
        if (only && strcmp(only, e->seen[0].article_id) != 0)
            return 0;
        only = e->seen[0].article_id;
    }
    return only != NULL;
}

/* The disagreeing values of a conflicting cell, chosen first, each with its sentences. */
static void report_cell(struct conflicts *c, size_t entity, size_t column,
                        const struct table_cell *cell)
{
    enum conflict_kind kind = cell->tie ? CONFLICT_TIE : CONFLICT_DISAGREEMENT;
    struct cell_evidence *ev = &c->cells[entity * c->tpl->n_columns + column];
    if (one_article_only(ev, cell))
        return;
    for (size_t v = 0; v < cell->n_values; v++) {
        const struct table_value *tv = &cell->values[v];
        if (v > 0 && !tv->conflicting)
            continue;
        const struct evidence *e = evidence_of(ev, tv->value);
        if (!e || !e->n_seen)
            add_line(c, entity, column, kind, tv->value, v == 0, tv->n_articles, NULL);
        for (size_t k = 0; e && k < e->n_seen; k++)
            add_line(c, entity, column, kind, tv->value, v == 0, tv->n_articles, &e->seen[k]);
    }
}

static void report_internals(struct conflicts *c, size_t entity, size_t column,
                             const struct table_cell *cell)
{
    for (size_t i = 0; i < c->n_internals; i++) {
        const struct internal *in = &c->internals[i];
        if (in->entity != entity || in->column != column)
            continue;
        for (int k = 0; k < 2; k++) {
            int chosen = cell->n_values && strcmp(cell->values[0].value, in->values[k].value) == 0;
            add_line(c, entity, column, CONFLICT_INTERNAL, in->values[k].value, chosen, 1,
                     &in->values[k].seen[0]);
        }
    }
}

const struct conflict_line *conflicts_report(struct conflicts *c, const struct table *t,
                                             size_t *n)
{
    if (!c->n_lines) {
        for (size_t r = 0; r < t->n_rows; r++) {
            const struct table_row *row = &t->rows[r];
            for (size_t col = 0; col < c->tpl->n_columns; col++) {
                if (!single_valued(&c->tpl->columns[col]))
                    continue;
                if (row->cells[col].conflict)
                    report_cell(c, row->entity, col, &row->cells[col]);
                report_internals(c, row->entity, col, &row->cells[col]);
            }
        }
    }
    *n = c->n_lines;
    return c->lines;
}

static void sighting_free(struct sighting *s)
{
    free(s->article_id);
    free(s->publisher);
    free(s->sentence);
}

static void evidence_free(struct evidence *e)
{
    free(e->value);
    for (size_t i = 0; i < e->n_seen; i++)
        sighting_free(&e->seen[i]);
}

void conflicts_free(struct conflicts *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->tpl->n_entities * c->tpl->n_columns; i++) {
        for (size_t k = 0; k < c->cells[i].count; k++)
            evidence_free(&c->cells[i].values[k]);
        free(c->cells[i].values);
        hash_index_free(&c->cells[i].index);
    }
    free(c->cells);
    for (size_t i = 0; i < c->n_internals; i++)
        for (int k = 0; k < 2; k++)
            evidence_free(&c->internals[i].values[k]);
    free(c->internals);
    for (size_t i = 0; i < c->n_lines; i++) {
        free(c->lines[i].value);
        free(c->lines[i].article_id);
        free(c->lines[i].publisher);
        free(c->lines[i].sentence);
    }
    free(c->lines);
    free(c);
}

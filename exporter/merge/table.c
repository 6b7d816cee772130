/* table.c — see table.h. */
#include "merge/table.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/decimal.h"
#include "util/hash.h"
#include "util/strpool.h"

/* ---- Merge state ---- */

/* A week's run names a few hundred articles: room for them in the id index from the start. */
#define TABLE_USUAL_ARTICLES 512

struct cell_state {
    struct table_value *values;
    size_t n, cap;
};

struct entity_state {
    uint64_t *seen;           /* bit per article index: named or given a fact */
    size_t seen_cap;          /* bits */
    size_t mentions;
    struct cell_state *cells; /* per column */
};

struct table_internal {
    char **ids;               /* article ids by index */
    const char **dates;       /* their published_at, by the same index (in date_pool: a
                                 week's articles share a few thousand instants) */
    struct strpool *date_pool;
    size_t n_ids, ids_cap;
    struct hash_index id_index; /* article id → its index (util/hash.h) */
    struct entity_state *ents;
    size_t order;             /* running counter for first_seen */
};

static struct hash_key article_id_key(const void *ctx, size_t item)
{
    const struct table_internal *in = ctx;
    return (struct hash_key){ in->ids[item], strlen(in->ids[item]) };
}

/* The index of article id, numbering it when it is new. A date learnt later (the article
 * was first seen in a mention, without one) fills in the missing one. The id is indexed as
 * the next item while it is still the caller's, so one probe finds it or places it. */
static size_t intern(struct table_internal *in, const char *id, const char *date)
{
    if (in->n_ids == in->ids_cap) {
        size_t cap = in->ids_cap;
        xgrow(&in->ids, &in->ids_cap, in->n_ids + 1, sizeof *in->ids);
        xgrow(&in->dates, &cap, in->n_ids + 1, sizeof *in->dates);
    }
    in->ids[in->n_ids] = (char *)id;
    size_t k = hash_index_add(&in->id_index, in->n_ids);
    if (k != HASH_NONE) {
        if (date && *date && !*in->dates[k])
            in->dates[k] = strpool_intern(in->date_pool, date, strlen(date));
        return k;
    }
    in->ids[in->n_ids] = xstrdup(id);
    in->dates[in->n_ids] = strpool_intern(in->date_pool, date ? date : "", date ? strlen(date) : 0);
    return in->n_ids++;
}

static void mark_seen(struct entity_state *es, size_t art)
{
    if (art >= es->seen_cap) {
        size_t cap = es->seen_cap ? es->seen_cap : 512;
        while (cap <= art)
            cap *= 2;
        es->seen = xrealloc(es->seen, cap / 64 * sizeof *es->seen);
        memset(es->seen + es->seen_cap / 64, 0, (cap - es->seen_cap) / 64 * sizeof *es->seen);
        es->seen_cap = cap;
    }
    es->seen[art / 64] |= (uint64_t)1 << (art % 64);
}

static int was_seen(const struct entity_state *es, size_t art)
{
    return art < es->seen_cap && (es->seen[art / 64] >> (art % 64) & 1);
}

struct table *table_new(const struct template *tpl)
{
    struct table *t = xcalloc(1, sizeof *t);
    t->tpl = tpl;
    t->in = xcalloc(1, sizeof *t->in);
    hash_index_init(&t->in->id_index, article_id_key, t->in);
    t->in->date_pool = strpool_new();
    hash_index_reserve(&t->in->id_index, TABLE_USUAL_ARTICLES);
    t->in->ents = xcalloc(tpl->n_entities ? tpl->n_entities : 1, sizeof *t->in->ents);
    for (size_t e = 0; e < tpl->n_entities; e++)
        t->in->ents[e].cells = xcalloc(tpl->n_columns ? tpl->n_columns : 1,
                                       sizeof *t->in->ents[e].cells);
    return t;
}

/* Template order of a list value, so cells read the same whatever the articles' order. */
static size_t list_order(const struct template *tpl, const struct fact *f)
{
    const struct template_column *c = &tpl->columns[f->column];
    switch (c->type) {
    case TEMPLATE_COL_KEYWORDS:
        for (size_t k = 0; k < c->n_keywords; k++)
            if (!strcmp(c->keywords[k].value, f->value))
                return k;
        break;
    case TEMPLATE_COL_ORGANISATIONS:
        for (size_t k = 0; k < tpl->n_orgs; k++)
            if (!strcmp(tpl->orgs[k].name, f->value))
                return k;
        break;
    case TEMPLATE_COL_MODELS:
        return f->model;
    default:
        break;
    }
    return SIZE_MAX;
}

/* A new value of a cell for fact f: its text, and for a quantity its exact number ("519",
 * or "10..20" with its high end), unit and qualifier. */
static struct table_value *new_value(struct table *t, struct cell_state *cs, const struct fact *f)
{
    xgrow(&cs->values, &cs->cap, cs->n + 1, sizeof *cs->values);
    struct table_value *v = &cs->values[cs->n++];
    memset(v, 0, sizeof *v);
    v->value = xstrdup(f->value);
    v->is_number = f->is_number;
    v->first_seen = t->in->order++;
    v->order = list_order(t->tpl, f);
    v->citations = xcalloc(TABLE_MAX_CITATIONS, sizeof *v->citations);
    v->last_article = SIZE_MAX;
    v->latest_published = xstrdup("");
    v->unit = f->unit ? f->unit : "";
    if (t->tpl->columns[f->column].type == TEMPLATE_COL_QUANTITY) {
        const char *dots = strstr(f->value, "..");
        if (dots) {
            v->has_number = !decimal_parse(f->value, (size_t)(dots - f->value), &v->number) &&
                            !decimal_parse_str(dots + 2, &v->high);
        } else {
            v->has_number = !decimal_parse_str(f->value, &v->number);
            v->high = v->number;
        }
    }
    return v;
}

/* Citation order: the article set's (published_at, then id), then the sentence. */
static int citation_cmp(const struct table_internal *in, size_t art_a, size_t sent_a,
                        size_t art_b, size_t sent_b)
{
    int c = strcmp(in->dates[art_a], in->dates[art_b]);
    if (!c)
        c = strcmp(in->ids[art_a], in->ids[art_b]);
    if (c)
        return c;
    return (sent_a > sent_b) - (sent_a < sent_b);
}

/* Keeps the first TABLE_MAX_CITATIONS citations in citation order, whatever order the facts
 * arrive in (a run folds articles in as it reads them): a new one goes after its equals, and
 * the last falls off when full. The article is stored as its index until table_finish (ids
 * may still move). */
static void keep_citation(const struct table_internal *in, struct table_value *v, size_t art,
                          size_t sentence_no)
{
    size_t at = v->n_citations;
    while (at > 0 && citation_cmp(in, art, sentence_no,
                                  (uintptr_t)v->citations[at - 1].article_id,
                                  v->citations[at - 1].sentence_no) < 0)
        at--;
    if (at >= TABLE_MAX_CITATIONS)
        return;
    size_t n = v->n_citations < TABLE_MAX_CITATIONS ? v->n_citations : TABLE_MAX_CITATIONS - 1;
    memmove(v->citations + at + 1, v->citations + at, (n - at) * sizeof *v->citations);
    v->citations[at].article_id = (const char *)(uintptr_t)art;
    v->citations[at].sentence_no = sentence_no;
    v->n_citations = n + 1;
}

/* Counts fact f (from article index art) for value v. */
static void support(const struct table_internal *in, struct table_value *v,
                    const struct fact *f, size_t art)
{
    if (!f->from_heading)
        v->n_facts++;   /* a sub-heading restating its paragraph is no second fact */
    if (v->last_article != art) {
        v->last_article = art;
        v->n_articles++;
    }
    if ((unsigned)f->qualifier <= QUAL_RANGE)
        v->qual_facts[f->qualifier]++;
    if (f->published_at && strcmp(f->published_at, v->latest_published) > 0) {
        free(v->latest_published);
        v->latest_published = xstrdup(f->published_at);
    }
    keep_citation(in, v, art, f->sentence_no);
}

void table_add(struct table *t, const struct fact_list *l)
{
    table_add_article(t, l, NULL);
}

void table_add_article(struct table *t, const struct fact_list *l, const char *published_at)
{
    struct table_internal *in = t->in;
    for (size_t i = 0; i < l->n_mentions; i++) {
        const struct mention *m = &l->mentions[i];
        struct entity_state *es = &in->ents[m->entity];
        es->mentions++;
        mark_seen(es, intern(in, m->article_id, published_at));
    }
    for (size_t i = 0; i < l->count; i++) {
        const struct fact *f = &l->items[i];
        struct entity_state *es = &in->ents[f->entity];
        size_t art = intern(in, f->article_id, f->published_at);
        mark_seen(es, art);
        struct cell_state *cs = &es->cells[f->column];
        struct table_value *v = NULL;
        for (size_t k = 0; k < cs->n && !v; k++)
            if (!strcmp(cs->values[k].value, f->value))
                v = &cs->values[k];
        support(in, v ? v : new_value(t, cs, f), f, art);
    }
    t->n_facts += l->count;
}

/* ---- Finishing ---- */

static int value_desc(const void *x, const void *y)
{
    const struct table_value *a = x, *b = y;
    int c = a->has_number && b->has_number ? decimal_cmp(&a->number, &b->number)
                                           : strcmp(a->value, b->value);
    if (!c && a->has_number && b->has_number)
        c = decimal_cmp(&a->high, &b->high);
    return -c;
}

static int value_list_order(const void *x, const void *y)
{
    const struct table_value *a = x, *b = y;
    if (a->order != b->order)
        return a->order < b->order ? -1 : 1;
    return strcmp(a->value, b->value);
}

/* Better support first: more articles, then more facts, then the larger value. */
static int better(const struct table_value *a, const struct table_value *b)
{
    if (a->n_articles != b->n_articles)
        return a->n_articles > b->n_articles;
    if (a->n_facts != b->n_facts)
        return a->n_facts > b->n_facts;
    return value_desc(a, b) < 0;
}

/* The qualifier most of the value's facts carry; the exact reading wins a tie. */
static enum quantity_qualifier main_qualifier(const struct table_value *v)
{
    enum quantity_qualifier best = QUAL_NONE;
    for (int q = QUAL_NONE + 1; q <= QUAL_RANGE; q++)
        if (v->qual_facts[q] > v->qual_facts[best])
            best = (enum quantity_qualifier)q;
    return best;
}

/* Half a unit of the last significant digit of v: 50 for 500, 0.5 for 33, 0.05 for 1.2. */
static struct decimal half_unit(const struct decimal *v)
{
    struct decimal n = *v;
    decimal_normalise(&n);
    int exp = -(int)n.scale;   /* the last digit's place, as a power of ten */
    unsigned __int128 m = n.mant;
    while (m && m % 10 == 0) {
        m /= 10;
        exp++;
    }
    struct decimal half = { 5, 0, 0 };
    struct decimal out = half;
    if (decimal_shift(&half, exp - 1, &out))
        out = half;
    return out;
}

/* Whether an approximate value a is matched by the exact value e within a's rounding. */
static int within_rounding(const struct table_value *a, const struct table_value *e)
{
    struct decimal diff, tol = half_unit(&a->number);
    if (decimal_sub(&e->number, &a->number, &diff))
        return 0;
    diff = decimal_abs(&diff);
    return decimal_cmp(&diff, &tol) <= 0;
}

/* Marks values that agree with another rather than conflict: a coarser date another value
 * refines, an approximation an exact figure matches. Only values with in[k] set take part;
 * returns how many of those remain distinct. */
static size_t mark_agreeing(const struct template_column *col, struct table_cell *cell,
                            const unsigned char *in)
{
    size_t distinct = 0;
    for (size_t k = 0; k < cell->n_values; k++) {
        struct table_value *a = &cell->values[k];
        if (!in[k])
            continue;
        for (size_t j = 0; j < cell->n_values && !a->agrees; j++) {
            const struct table_value *e = &cell->values[j];
            if (j == k || !in[j])
                continue;
            if (col->type == TEMPLATE_COL_DATE) {
                size_t n = strlen(a->value);
                a->agrees = !strncmp(a->value, e->value, n) && e->value[n] == '-';
            } else if (a->is_number && e->is_number && a->qualifier == QUAL_APPROX &&
                       e->qualifier == QUAL_NONE) {
                a->agrees = within_rounding(a, e);
            }
        }
        distinct += !a->agrees;
    }
    return distinct;
}

/* Majority among the values with in[k] set: returns the chosen index; marks conflicts and
 * the tie. */
static size_t vote(const struct template_column *col, struct table_cell *cell,
                   const unsigned char *in)
{
    size_t distinct = mark_agreeing(col, cell, in);
    size_t best = SIZE_MAX;
    for (size_t k = 0; k < cell->n_values; k++)
        if (in[k] && !cell->values[k].agrees &&
            (best == SIZE_MAX || better(&cell->values[k], &cell->values[best])))
            best = k;
    if (best == SIZE_MAX) {   /* every value agrees with another: take the best supported */
        for (size_t k = 0; k < cell->n_values; k++)
            if (in[k] && (best == SIZE_MAX || better(&cell->values[k], &cell->values[best])))
                best = k;
        cell->values[best].agrees = 0;
        return best;
    }
    if (distinct > 1) {
        cell->conflict = 1;
        for (size_t k = 0; k < cell->n_values; k++) {
            struct table_value *v = &cell->values[k];
            v->conflicting = in[k] && !v->agrees;
            if (v->conflicting && k != best &&
                v->n_articles == cell->values[best].n_articles)
                cell->tie = 1;
        }
    }
    return best;
}

/* Chooses values[0] of a quantity, date or single-keyword cell by the column's rule. */
static size_t choose(const struct template_column *col, struct table_cell *cell)
{
    size_t n = cell->n_values;
    unsigned char *in = xcalloc(n, 1);
    size_t best = 0;
    cell->rule = col->merge;
    if (col->merge == TEMPLATE_MERGE_LARGEST && col->type != TEMPLATE_COL_KEYWORDS) {
        best = 0;   /* sorted by value descending */
        for (size_t k = 1; k < n; k++)
            cell->values[k].superseded = 1;
    } else if (col->merge == TEMPLATE_MERGE_LATEST) {
        const char *newest = "";
        for (size_t k = 0; k < n; k++)
            if (strcmp(cell->values[k].latest_published, newest) > 0)
                newest = cell->values[k].latest_published;
        for (size_t k = 0; k < n; k++) {
            in[k] = !strcmp(cell->values[k].latest_published, newest);
            cell->values[k].superseded = !in[k];
        }
        best = vote(col, cell, in);
    } else {
        memset(in, 1, n);
        best = vote(col, cell, in);
    }
    free(in);
    return best;
}

/* "params_total_b: 519 (1 article) vs 500 (4 articles)": the conflicting values in the cell's
 * order (figures and dates by value, descending). */
static void write_conflicts(const struct template_column *col, const struct table_cell *cell,
                            struct buf *conflicts)
{
    if (conflicts->len)
        buf_puts(conflicts, "; ");
    buf_printf(conflicts, "%s: ", col->id);
    int first = 1;
    for (size_t k = 0; k < cell->n_values; k++) {
        const struct table_value *v = &cell->values[k];
        if (!v->conflicting)
            continue;
        buf_printf(conflicts, "%s%s (%zu article%s)", first ? "" : " vs ", v->value,
                   v->n_articles, v->n_articles == 1 ? "" : "s");
        first = 0;
    }
}

static int str_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* An article of a row, for ordering by the article set's order: published_at, then id. */
struct dated_id {
    const char *date, *id;
};

static int by_date_then_id(const void *x, const void *y)
{
    const struct dated_id *a = x, *b = y;
    int c = strcmp(a->date, b->date);
    return c ? c : strcmp(a->id, b->id);
}

/* The row's first TABLE_MAX_CITATIONS sources in the article set's order. */
static void first_sources(const struct table_internal *in, const struct entity_state *es,
                          struct table_row *row)
{
    struct dated_id *arts = xcalloc(row->n_sources + 1, sizeof *arts);
    size_t n = 0;
    for (size_t a = 0; a < es->seen_cap && a < in->n_ids; a++)
        if (was_seen(es, a))
            arts[n++] = (struct dated_id){ in->dates[a], in->ids[a] };
    qsort(arts, n, sizeof *arts, by_date_then_id);
    row->n_first_sources = n < TABLE_MAX_CITATIONS ? n : TABLE_MAX_CITATIONS;
    row->first_sources = xcalloc(row->n_first_sources + 1, sizeof *row->first_sources);
    for (size_t i = 0; i < row->n_first_sources; i++)
        row->first_sources[i] = arts[i].id;
    free(arts);
}

static void finish_cell(struct table *t, const struct template_column *col,
                        const struct template_entity *e, struct cell_state *cs,
                        struct table_cell *cell, struct buf *conflicts)
{
    struct table_internal *in = t->in;
    for (size_t k = 0; k < cs->n; k++) {
        struct table_value *v = &cs->values[k];
        v->qualifier = main_qualifier(v);
        for (size_t i = 0; i < v->n_citations; i++)
            v->citations[i].article_id = in->ids[(uintptr_t)v->citations[i].article_id];
    }
    cell->values = cs->values;
    cell->n_values = cs->n;
    cell->rule = col->merge;
    cs->values = NULL;
    cs->n = cs->cap = 0;
    struct buf b = BUF_INIT;
    if (col->type == TEMPLATE_COL_TEXT) {
        for (size_t k = 0; k < e->n_fields; k++)
            if (!strcmp(e->fields[k].key, col->field))
                buf_puts(&b, e->fields[k].value);
    } else if ((col->type == TEMPLATE_COL_QUANTITY || col->type == TEMPLATE_COL_DATE ||
                (col->type == TEMPLATE_COL_KEYWORDS && col->single)) &&
               cell->n_values) {
        /* figures and dates by value, descending; single keywords by template order */
        qsort(cell->values, cell->n_values, sizeof *cell->values,
              col->type == TEMPLATE_COL_KEYWORDS ? value_list_order : value_desc);
        size_t best = choose(col, cell);
        if (cell->conflict)
            write_conflicts(col, cell, conflicts);
        /* chosen value first, the rest stay in their order */
        struct table_value chosen = cell->values[best];
        memmove(cell->values + 1, cell->values, best * sizeof *cell->values);
        cell->values[0] = chosen;
        buf_puts(&b, chosen.value);
        cell->is_number = chosen.is_number;
    } else if (cell->n_values) {
        qsort(cell->values, cell->n_values, sizeof *cell->values, value_list_order);
        for (size_t k = 0; k < cell->n_values; k++) {
            if (k)
                buf_puts(&b, "; ");
            buf_puts(&b, cell->values[k].value);
        }
    }
    cell->text = buf_detach(&b);
}

void table_finish(struct table *t)
{
    const struct template *tpl = t->tpl;
    struct table_internal *in = t->in;
    t->n_rows = tpl->n_entities;
    t->rows = xcalloc(t->n_rows ? t->n_rows : 1, sizeof *t->rows);
    for (size_t e = 0; e < tpl->n_entities; e++) {
        struct table_row *row = &t->rows[e];
        struct entity_state *es = &in->ents[e];
        row->entity = e;
        row->e = &tpl->entities[e];
        row->n_mentions = es->mentions;
        row->cells = xcalloc(tpl->n_columns ? tpl->n_columns : 1, sizeof *row->cells);
        struct buf conflicts = BUF_INIT;
        for (size_t c = 0; c < tpl->n_columns; c++)
            finish_cell(t, &tpl->columns[c], row->e, &es->cells[c], &row->cells[c], &conflicts);
        row->conflicts = buf_detach(&conflicts);
        for (size_t a = 0; a < es->seen_cap && a < in->n_ids; a++)
            if (was_seen(es, a))
                row->n_sources++;
        row->sources = xcalloc(row->n_sources + 1, sizeof *row->sources);
        size_t k = 0;
        for (size_t a = 0; a < es->seen_cap && a < in->n_ids; a++)
            if (was_seen(es, a))
                row->sources[k++] = in->ids[a];
        qsort(row->sources, row->n_sources, sizeof *row->sources, str_cmp);
        row->n_articles = row->n_sources;
        first_sources(in, es, row);
        struct buf s = BUF_INIT;
        for (size_t i = 0; i < row->n_sources; i++) {
            if (i)
                buf_puts(&s, "; ");
            buf_puts(&s, row->sources[i]);
        }
        row->sources_text = buf_detach(&s);
    }
}

struct table *table_build(const struct template *tpl, const struct fact_list *l)
{
    struct table *t = table_new(tpl);
    table_add(t, l);
    table_finish(t);
    return t;
}

const struct table_row *table_row_by_id(const struct table *t, const char *entity_id)
{
    for (size_t i = 0; i < t->n_rows; i++)
        if (!strcmp(t->rows[i].e->id, entity_id))
            return &t->rows[i];
    return NULL;
}

static void free_values(struct table_value *v, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        free(v[k].value);
        free(v[k].citations);
        free(v[k].latest_published);
    }
    free(v);
}

void table_free(struct table *t)
{
    if (!t)
        return;
    const struct template *tpl = t->tpl;
    for (size_t r = 0; r < t->n_rows; r++) {
        struct table_row *row = &t->rows[r];
        for (size_t c = 0; c < tpl->n_columns; c++) {
            free(row->cells[c].text);
            free_values(row->cells[c].values, row->cells[c].n_values);
        }
        free(row->cells);
        free(row->sources);   /* the strings belong to the id pool */
        free(row->first_sources);
        free(row->sources_text);
        free(row->conflicts);
    }
    free(t->rows);
    struct table_internal *in = t->in;
    for (size_t e = 0; e < tpl->n_entities; e++) {
        struct entity_state *es = &in->ents[e];
        for (size_t c = 0; c < tpl->n_columns; c++)
            free_values(es->cells[c].values, es->cells[c].n);
        free(es->cells);
        free(es->seen);
    }
    free(in->ents);
    for (size_t i = 0; i < in->n_ids; i++)
        free(in->ids[i]);
    strpool_free(in->date_pool);
    free(in->ids);
    free(in->dates);
    hash_index_free(&in->id_index);
    free(in);
    free(t);
}

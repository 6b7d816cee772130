/* table.c — see table.h. */
#include "merge/table.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/decimal.h"
#include "util/hash.h"
#include "util/text.h"

/* ---- Merge state ----
 *
 * Nothing here grows with the corpus: an article leaves behind only counts and the few ids a
 * row or a value can print or cite — each value's first TABLE_MAX_CITATIONS citations, each
 * row's first TABLE_MAX_CITATIONS sources by date and its first sources by id up to what a
 * cell can show. Each is a copy of the article's id with its published_at behind it (a
 * "dated id"), freed when it drops out. An article is known by a serial number while its
 * facts are folded in: a value or a row counts it once. */

/* A row's smallest article ids, as many as TABLE_SOURCES_KEPT_UNITS can print joined with
 * "; ": a binary max-heap (by strcmp), so a smaller id pushes the largest out. */
struct source_heap {
    char **ids;
    size_t n, cap;
    size_t units;             /* UTF-16 units of the ids joined with "; " */
    char *boundary;           /* the smallest id pushed out (NULL: none): larger ids never
                                 get in */
};

struct cell_state {
    struct table_value *values;
    size_t n, cap;
    struct hash_index index;   /* values by text (key_of NULL until the first value) */
};

struct entity_state {
    size_t n_articles;        /* distinct articles naming it or giving it a fact */
    size_t last_serial;       /* the last article counted (0: none) */
    size_t mentions;
    char *first[TABLE_MAX_CITATIONS];   /* dated ids, earliest (published_at, id) first */
    size_t n_first;
    struct source_heap by_id;
    struct cell_state *cells; /* per column */
};

struct table_internal {
    struct entity_state *ents;
    size_t serial;            /* articles folded in so far (the last one's serial) */
    size_t order;             /* running counter for first_seen */
};

/* A copy of id with date stored behind its NUL (one allocation; free the id). */
static char *dated_id_new(const char *id, const char *date)
{
    size_t n = strlen(id), m = strlen(date);
    char *s = xmalloc(n + m + 2);
    memcpy(s, id, n + 1);
    memcpy(s + n + 1, date, m + 1);
    return s;
}

static const char *dated_id_date(const char *id)
{
    return id + strlen(id) + 1;
}

/* The article set's order: published_at, then id. */
static int date_id_cmp(const char *date_a, const char *id_a, const char *date_b,
                       const char *id_b)
{
    int c = strcmp(date_a, date_b);
    return c ? c : strcmp(id_a, id_b);
}

static void heap_swap(char **ids, size_t i, size_t j)
{
    char *tmp = ids[i];
    ids[i] = ids[j];
    ids[j] = tmp;
}

static void heap_push(struct source_heap *h, char *id)
{
    xgrow(&h->ids, &h->cap, h->n + 1, sizeof *h->ids);
    size_t i = h->n++;
    h->ids[i] = id;
    while (i > 0 && strcmp(h->ids[(i - 1) / 2], h->ids[i]) < 0) {
        heap_swap(h->ids, i, (i - 1) / 2);
        i = (i - 1) / 2;
    }
}

static char *heap_pop_max(struct source_heap *h)
{
    char *max = h->ids[0];
    h->ids[0] = h->ids[--h->n];
    for (size_t i = 0;;) {
        size_t big = i, l = 2 * i + 1, r = l + 1;
        if (l < h->n && strcmp(h->ids[l], h->ids[big]) > 0)
            big = l;
        if (r < h->n && strcmp(h->ids[r], h->ids[big]) > 0)
            big = r;
        if (big == i)
            break;
        heap_swap(h->ids, i, big);
        i = big;
    }
    return max;
}

/* Keeps id among the row's first ids (by strcmp) when they still fit a cell; the largest
 * ones drop out as smaller ones come, but the smallest id always stays. */
static void keep_source_by_id(struct source_heap *h, const char *id)
{
    if (h->boundary && strcmp(id, h->boundary) > 0)
        return;
    h->units += text_utf16_length(id) + (h->n ? 2 : 0);
    heap_push(h, xstrdup(id));
    while (h->units > TABLE_SOURCES_KEPT_UNITS && h->n > 1) {
        char *max = heap_pop_max(h);
        h->units -= text_utf16_length(max) + 2;
        if (!h->boundary || strcmp(max, h->boundary) < 0) {
            free(h->boundary);
            h->boundary = max;
        } else {
            free(max);
        }
    }
}

/* Keeps the article among the row's first TABLE_MAX_CITATIONS in the set's order. */
static void keep_first_source(struct entity_state *es, const char *id, const char *date)
{
    size_t at = es->n_first;
    while (at > 0 && date_id_cmp(date, id, dated_id_date(es->first[at - 1]),
                                 es->first[at - 1]) < 0)
        at--;
    if (at >= TABLE_MAX_CITATIONS)
        return;
    size_t n = es->n_first;
    if (n == TABLE_MAX_CITATIONS)
        free(es->first[--n]);
    memmove(es->first + at + 1, es->first + at, (n - at) * sizeof *es->first);
    es->first[at] = dated_id_new(id, date);
    es->n_first = n + 1;
}

struct table *table_new(const struct template *tpl)
{
    struct table *t = xcalloc(1, sizeof *t);
    t->tpl = tpl;
    t->in = xcalloc(1, sizeof *t->in);
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
static struct hash_key value_key(const void *ctx, size_t item)
{
    const struct cell_state *cs = ctx;
    return (struct hash_key){ cs->values[item].value, strlen(cs->values[item].value) };
}

/* The value of cs whose text is value, or NULL. A cell gathers one value per distinct figure
 * its articles give, which a large or hostile corpus makes many: the lookup is hashed, so
 * adding n facts stays linear. */
static struct table_value *find_value(struct cell_state *cs, const char *value)
{
    if (!cs->index.key_of)
        hash_index_init(&cs->index, value_key, cs);
    size_t k = hash_index_find(&cs->index, value, strlen(value));
    return k == HASH_NONE ? NULL : &cs->values[k];
}

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
    hash_index_add(&cs->index, cs->n - 1);
    return v;
}

/* The articles of one table_add call: each distinct id (in order of first appearance) with
 * its published_at, numbered from first_serial. With more than one article, `counted` says
 * which (entity, article) pairs a row has counted already. */
struct batch {
    const char **ids;
    const char **dates;
    size_t n, cap;
    struct hash_index index;      /* ids → their number in the batch */
    struct hash_set *counted;
    size_t first_serial;
};

static struct hash_key batch_id_key(const void *ctx, size_t item)
{
    const struct batch *b = ctx;
    return (struct hash_key){ b->ids[item], strlen(b->ids[item]) };
}

/* The batch number of article id, numbering it when new. */
static size_t batch_article(struct batch *b, const char *id)
{
    if (b->n && (b->ids[b->n - 1] == id || !strcmp(b->ids[b->n - 1], id)))
        return b->n - 1;   /* the usual case: the facts of one article, one after another */
    xgrow(&b->ids, &b->cap, b->n + 1, sizeof *b->ids);
    b->dates = xrealloc(b->dates, b->cap * sizeof *b->dates);
    b->ids[b->n] = id;
    b->dates[b->n] = "";
    size_t k = hash_index_add(&b->index, b->n);
    return k != HASH_NONE ? k : b->n++;
}

/* Numbers the articles of l. An article's date is published_at when given, else the first
 * one its facts carry. */
static void batch_of(struct batch *b, const struct fact_list *l, const char *published_at,
                     size_t first_serial)
{
    memset(b, 0, sizeof *b);
    hash_index_init(&b->index, batch_id_key, b);
    b->first_serial = first_serial;
    for (size_t i = 0; i < l->n_mentions; i++)
        batch_article(b, l->mentions[i].article_id);
    for (size_t i = 0; i < l->count; i++) {
        size_t k = batch_article(b, l->items[i].article_id);
        const char *date = l->items[i].published_at;
        if (!*b->dates[k] && date)
            b->dates[k] = date;
    }
    if (published_at && *published_at)
        for (size_t k = 0; k < b->n; k++)
            b->dates[k] = published_at;
    if (b->n > 1)
        b->counted = hash_set_new();
}

static void batch_free(struct batch *b)
{
    free(b->ids);
    free(b->dates);
    hash_index_free(&b->index);
    if (b->counted)
        hash_set_free(b->counted);
}

/* Counts article k of the batch for entity e once: its number of articles, its first
 * sources by date and by id. */
static void count_article(struct table_internal *in, struct batch *b, size_t e, size_t k)
{
    struct entity_state *es = &in->ents[e];
    if (b->counted) {
        size_t pair[2] = { e, k };
        if (!hash_set_add(b->counted, pair, sizeof pair))
            return;
    } else {
        if (es->last_serial == b->first_serial + k)
            return;
        es->last_serial = b->first_serial + k;
    }
    es->n_articles++;
    keep_first_source(es, b->ids[k], b->dates[k]);
    keep_source_by_id(&es->by_id, b->ids[k]);
}

/* Keeps the first TABLE_MAX_CITATIONS citations in citation order — the article set's
 * (published_at, id), then the sentence — whatever order the facts arrive in (a run folds
 * articles in as it reads them): a new one goes after its equals, and the last falls off
 * when full. */
static void keep_citation(struct table_value *v, const char *id, const char *date,
                          size_t sentence_no)
{
    size_t at = v->n_citations;
    while (at > 0) {
        const struct table_citation *c = &v->citations[at - 1];
        int cmp = date_id_cmp(date, id, c->published_at, c->article_id);
        if (cmp > 0 || (cmp == 0 && sentence_no >= c->sentence_no))
            break;
        at--;
    }
    if (at >= TABLE_MAX_CITATIONS)
        return;
    size_t n = v->n_citations;
    if (n == TABLE_MAX_CITATIONS)
        free((char *)v->citations[--n].article_id);
    memmove(v->citations + at + 1, v->citations + at, (n - at) * sizeof *v->citations);
    char *kept = dated_id_new(id, date);
    v->citations[at] = (struct table_citation){ kept, sentence_no, dated_id_date(kept) };
    v->n_citations = n + 1;
}

/* Counts fact f (from the article with this serial, id and date) for value v. */
static void support(struct table_value *v, const struct fact *f, size_t serial,
                    const char *id, const char *date)
{
    if (!f->from_heading)
        v->n_facts++;   /* a sub-heading restating its paragraph is no second fact */
    if (v->last_article != serial) {
        v->last_article = serial;
        v->n_articles++;
    }
    if ((unsigned)f->qualifier <= QUAL_RANGE)
        v->qual_facts[f->qualifier]++;
    if (f->published_at && strcmp(f->published_at, v->latest_published) > 0) {
        free(v->latest_published);
        v->latest_published = xstrdup(f->published_at);
    }
    keep_citation(v, id, date, f->sentence_no);
}

void table_add(struct table *t, const struct fact_list *l)
{
    table_add_article(t, l, NULL);
}

void table_add_article(struct table *t, const struct fact_list *l, const char *published_at)
{
    struct table_internal *in = t->in;
    struct batch b;
    batch_of(&b, l, published_at, in->serial + 1);
    for (size_t i = 0; i < l->n_mentions; i++) {
        const struct mention *m = &l->mentions[i];
        in->ents[m->entity].mentions++;
        count_article(in, &b, m->entity, batch_article(&b, m->article_id));
    }
    for (size_t i = 0; i < l->count; i++) {
        const struct fact *f = &l->items[i];
        size_t k = batch_article(&b, f->article_id);
        count_article(in, &b, f->entity, k);
        struct cell_state *cs = &in->ents[f->entity].cells[f->column];
        struct table_value *v = find_value(cs, f->value);
        support(v ? v : new_value(t, cs, f), f, b.first_serial + k, b.ids[k], b.dates[k]);
    }
    in->serial += b.n;
    t->n_facts += l->count;
    batch_free(&b);
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

static int by_text(const void *x, const void *y)
{
    return strcmp((*(const struct table_value *const *)x)->value,
                  (*(const struct table_value *const *)y)->value);
}

static int by_number(const void *x, const void *y)
{
    return decimal_cmp(&(*(const struct table_value *const *)x)->number,
                       &(*(const struct table_value *const *)y)->number);
}

/* Dates: a coarser date that another one refines (2026-01 and 2026-01-15) agrees with it. In
 * text order the refinements of a follow a at once, so one look at the next value decides.
 * The values are sorted by text. */
static void mark_refined_dates(struct table_value **v, size_t n)
{
    for (size_t k = 0; k + 1 < n; k++) {
        size_t len = strlen(v[k]->value);
        v[k]->agrees = !strncmp(v[k]->value, v[k + 1]->value, len) && v[k + 1]->value[len] == '-';
    }
}

/* Quantities: an approximation (약 500) that an exact value matches within its rounding (519)
 * agrees with it. exact holds the exact numbers sorted; a binary search finds the first one
 * not below the approximation's low end. */
static void mark_matched_approximations(struct table_value **approx, size_t n_approx,
                                        struct table_value **exact, size_t n_exact)
{
    for (size_t k = 0; k < n_approx; k++) {
        struct table_value *a = approx[k];
        struct decimal tol = half_unit(&a->number), low;
        if (decimal_sub(&a->number, &tol, &low))
            continue;
        size_t lo = 0, hi = n_exact;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (decimal_cmp(&exact[mid]->number, &low) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        a->agrees = lo < n_exact && within_rounding(a, exact[lo]);
    }
}

/* Marks values that agree with another rather than conflict: a coarser date another value
 * refines, an approximation an exact figure matches. Only values with in[k] set take part;
 * returns how many of those remain distinct. Sorting makes it O(n log n) in the cell's
 * distinct values, which a large corpus can make many. */
static size_t mark_agreeing(const struct template_column *col, struct table_cell *cell,
                            const unsigned char *in)
{
    size_t n = cell->n_values, n_in = 0, n_exact = 0;
    struct table_value **taking = xcalloc(n ? n : 1, sizeof *taking);
    struct table_value **exact = xcalloc(n ? n : 1, sizeof *exact);
    for (size_t k = 0; k < n; k++) {
        struct table_value *v = &cell->values[k];
        if (!in[k])
            continue;
        taking[n_in++] = v;
        if (v->is_number && v->qualifier == QUAL_NONE)
            exact[n_exact++] = v;
    }
    if (col->type == TEMPLATE_COL_DATE) {
        qsort(taking, n_in, sizeof *taking, by_text);
        mark_refined_dates(taking, n_in);
    } else {
        size_t n_approx = 0;
        for (size_t k = 0; k < n_in; k++)
            if (taking[k]->is_number && taking[k]->qualifier == QUAL_APPROX)
                taking[n_approx++] = taking[k];
        qsort(exact, n_exact, sizeof *exact, by_number);
        mark_matched_approximations(taking, n_approx, exact, n_exact);
    }
    size_t distinct = 0;
    for (size_t k = 0; k < n; k++)
        distinct += in[k] && !cell->values[k].agrees;
    free(taking);
    free(exact);
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

/* The row's sources: how many, the first by date, the first by id and their text. */
static void finish_sources(struct entity_state *es, struct table_row *row)
{
    row->n_sources = row->n_articles = es->n_articles;
    row->first_sources = (const char **)es->first;
    row->n_first_sources = es->n_first;
    struct source_heap *h = &es->by_id;
    if (h->n > 1)
        qsort(h->ids, h->n, sizeof *h->ids, str_cmp);
    row->sources = (const char **)h->ids;
    row->n_sources_kept = h->n;
    struct buf s = BUF_INIT, cut = BUF_INIT;
    buf_puts(&s, "");
    for (size_t i = 0; i < h->n; i++) {
        if (i)
            buf_puts(&s, "; ");
        buf_puts(&s, h->ids[i]);
    }
    const char *cell = cell_limit_fit_list(s.data, row->n_sources, CELL_LIMIT_CHARS, &cut, NULL);
    row->sources_text = xstrdup(cell);
    buf_free(&s);
    buf_free(&cut);
}

static void finish_cell(struct table *t, const struct template_column *col,
                        const struct template_entity *e, struct cell_state *cs,
                        struct table_cell *cell, struct buf *conflicts)
{
    (void)t;
    for (size_t k = 0; k < cs->n; k++)
        cs->values[k].qualifier = main_qualifier(&cs->values[k]);
    cell->values = cs->values;
    cell->n_values = cs->n;
    cell->rule = col->merge;
    cs->values = NULL;
    cs->n = cs->cap = 0;
    hash_index_free(&cs->index);
    memset(&cs->index, 0, sizeof cs->index);
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
        finish_sources(es, row);
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
        for (size_t i = 0; i < v[k].n_citations; i++)
            free((char *)v[k].citations[i].article_id);   /* a dated id: one allocation */
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
        free(row->sources_text);   /* sources and first_sources belong to the merge state */
        free(row->conflicts);
    }
    free(t->rows);
    struct table_internal *in = t->in;
    for (size_t e = 0; e < tpl->n_entities; e++) {
        struct entity_state *es = &in->ents[e];
        for (size_t c = 0; c < tpl->n_columns; c++) {
            free_values(es->cells[c].values, es->cells[c].n);
            hash_index_free(&es->cells[c].index);
        }
        free(es->cells);
        for (size_t i = 0; i < es->n_first; i++)
            free(es->first[i]);
        for (size_t i = 0; i < es->by_id.n; i++)
            free(es->by_id.ids[i]);
        free(es->by_id.ids);
        free(es->by_id.boundary);
    }
    free(in->ents);
    free(in);
    free(t);
}

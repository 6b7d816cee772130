/* quotes.c — see quotes.h. */
#include "merge/quotes.h"

#include <stdlib.h>
#include <string.h>

#include "ingest/sentence.h"
#include "util/buf.h"

struct entity_quotes {
    struct quote *items;   /* best first, at most keep */
    size_t n;
};

struct quotes {
    const struct template *tpl;
    size_t keep;
    struct entity_quotes *ents;
};

struct quotes *quotes_new(const struct template *tpl, size_t keep)
{
    struct quotes *q = xcalloc(1, sizeof *q);
    q->tpl = tpl;
    q->keep = keep ? keep : 1;
    q->ents = xcalloc(tpl->n_entities ? tpl->n_entities : 1, sizeof *q->ents);
    for (size_t e = 0; e < tpl->n_entities; e++)
        q->ents[e].items = xcalloc(q->keep + 1, sizeof *q->ents[e].items);
    return q;
}

static void quote_free_strings(struct quote *x)
{
    free((char *)x->sentence);
    free((char *)x->article_id);
    free((char *)x->published_at);
    free((char *)x->publisher);
}

void quotes_free(struct quotes *q)
{
    if (!q)
        return;
    for (size_t e = 0; e < q->tpl->n_entities; e++) {
        for (size_t i = 0; i < q->ents[e].n; i++)
            quote_free_strings(&q->ents[e].items[i]);
        free(q->ents[e].items);
    }
    free(q->ents);
    free(q);
}

const struct quote *quotes_of(const struct quotes *q, size_t entity, size_t *n)
{
    if (entity >= q->tpl->n_entities) {
        *n = 0;
        return NULL;
    }
    *n = q->ents[entity].n;
    return q->ents[entity].items;
}

/* Negative when a ranks before b (quotes.h's rule). */
static int rank_cmp(const struct quote *a, const struct quote *b)
{
    if (a->columns != b->columns)
        return a->columns > b->columns ? -1 : 1;
    if (a->facts != b->facts)
        return a->facts > b->facts ? -1 : 1;
    int c = strcmp(a->published_at, b->published_at);
    if (!c)
        c = strcmp(a->article_id, b->article_id);
    if (c)
        return c;
    return (a->sentence_no > b->sentence_no) - (a->sentence_no < b->sentence_no);
}

/* Offers cand (strings borrowed) to one entity's list: a text already held keeps its better
 * occurrence; otherwise cand takes its place in rank order and the worst beyond keep goes. */
static void offer(struct quotes *q, struct entity_quotes *eq, const struct quote *cand)
{
    for (size_t i = 0; i < eq->n; i++) {
        if (strcmp(eq->items[i].sentence, cand->sentence))
            continue;
        if (rank_cmp(cand, &eq->items[i]) >= 0)
            return;
        quote_free_strings(&eq->items[i]);
        memmove(eq->items + i, eq->items + i + 1, (eq->n - i - 1) * sizeof *eq->items);
        eq->n--;
        break;
    }
    size_t at = eq->n;
    while (at > 0 && rank_cmp(cand, &eq->items[at - 1]) < 0)
        at--;
    if (at >= q->keep)
        return;
    if (eq->n == q->keep) {
        quote_free_strings(&eq->items[eq->n - 1]);
        eq->n--;
    }
    memmove(eq->items + at + 1, eq->items + at, (eq->n - at) * sizeof *eq->items);
    eq->items[at] = (struct quote){
        xstrdup(cand->sentence), xstrdup(cand->article_id), xstrdup(cand->published_at),
        xstrdup(cand->publisher ? cand->publisher : ""), cand->sentence_no, cand->columns,
        cand->facts,
    };
    eq->n++;
}

/* Facts grouped by sentence and entity, then by column and value, so one pass counts the
 * distinct columns and (column, value) pairs of each (sentence, entity). */
static int by_sentence_entity(const void *x, const void *y)
{
    const struct fact *a = *(const struct fact *const *)x, *b = *(const struct fact *const *)y;
    int c = strcmp(a->article_id, b->article_id);
    if (c)
        return c;
    if (a->sentence_no != b->sentence_no)
        return a->sentence_no < b->sentence_no ? -1 : 1;
    if (a->entity != b->entity)
        return a->entity < b->entity ? -1 : 1;
    if (a->column != b->column)
        return a->column < b->column ? -1 : 1;
    return strcmp(a->value, b->value);
}

void quotes_add(struct quotes *q, const struct fact_list *l)
{
    if (!l->count)
        return;
    const struct fact **order = xmalloc(l->count * sizeof *order);
    for (size_t i = 0; i < l->count; i++)
        order[i] = &l->items[i];
    qsort(order, l->count, sizeof *order, by_sentence_entity);
    for (size_t i = 0; i < l->count;) {
        const struct fact *f = order[i];
        struct quote cand = { f->sentence, f->article_id, f->published_at, f->publisher,
                              f->sentence_no, 0, 0 };
        size_t j = i;
        for (; j < l->count; j++) {
            const struct fact *g = order[j], *p = j > i ? order[j - 1] : NULL;
            if (g->entity != f->entity || g->sentence_no != f->sentence_no ||
                strcmp(g->article_id, f->article_id))
                break;
            if (!p || p->column != g->column)
                cand.columns++;
            if (!p || p->column != g->column || strcmp(p->value, g->value))
                cand.facts++;
        }
        /* a glued crawl sub-heading is no sentence to quote */
        if (f->entity < q->tpl->n_entities && sentence_complete(f->sentence, strlen(f->sentence)))
            offer(q, &q->ents[f->entity], &cand);
        i = j;
    }
    free(order);
}

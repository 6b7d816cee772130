/* coverage.c — see coverage.h. */
#include "merge/coverage.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

/* An article's id and publisher, sorted by id for lookup. */
struct by_id {
    const char *id, *publisher;
};

static int by_id_cmp(const void *x, const void *y)
{
    return strcmp(((const struct by_id *)x)->id, ((const struct by_id *)y)->id);
}

static const char *publisher_of(const struct by_id *index, size_t n, const char *id)
{
    struct by_id key = { id, NULL };
    const struct by_id *hit = id ? bsearch(&key, index, n, sizeof *index, by_id_cmp) : NULL;
    return hit ? hit->publisher : NULL;
}

/* One sighting of an entity: in an article, in a sentence (0 = a fact, not a mention). */
struct sighting {
    size_t entity;
    const char *publisher, *article_id;
    size_t sentence_no;
    int is_mention;
};

static int sighting_cmp(const void *x, const void *y)
{
    const struct sighting *a = x, *b = y;
    if (a->entity != b->entity)
        return a->entity < b->entity ? -1 : 1;
    int c = strcmp(a->publisher, b->publisher);
    if (!c)
        c = strcmp(a->article_id, b->article_id);
    if (!c)
        c = (a->is_mention > b->is_mention) - (a->is_mention < b->is_mention);
    if (!c)
        c = (a->sentence_no > b->sentence_no) - (a->sentence_no < b->sentence_no);
    return c;
}

/* Collects every fact and mention as a sighting with its article's publisher. */
static struct sighting *collect(const struct fact_list *facts, const struct by_id *index,
                                size_t n_index, size_t *count)
{
    size_t cap = facts->count + facts->n_mentions, n = 0;
    struct sighting *s = xmalloc((cap ? cap : 1) * sizeof *s);
    for (size_t i = 0; i < facts->count; i++) {
        const struct fact *f = &facts->items[i];
        const char *pub = publisher_of(index, n_index, f->article_id);
        if (pub)
            s[n++] = (struct sighting){ f->entity, pub, f->article_id, 0, 0 };
    }
    for (size_t i = 0; i < facts->n_mentions; i++) {
        const struct mention *m = &facts->mentions[i];
        const char *pub = publisher_of(index, n_index, m->article_id);
        if (pub)
            s[n++] = (struct sighting){ m->entity, pub, m->article_id, m->sentence_no, 1 };
    }
    *count = n;
    return s;
}

void coverage_build(const struct template *tpl, const struct article_set *set,
                    const struct fact_list *facts, struct coverage *out)
{
    memset(out, 0, sizeof *out);
    struct by_id *index = xmalloc((set->count ? set->count : 1) * sizeof *index);
    for (size_t i = 0; i < set->count; i++)
        index[i] = (struct by_id){ set->items[i].id, set->items[i].publisher };
    qsort(index, set->count, sizeof *index, by_id_cmp);
    size_t n = 0;
    struct sighting *s = collect(facts, index, set->count, &n);
    if (n)
        qsort(s, n, sizeof *s, sighting_cmp);
    size_t cap = 0;
    for (size_t i = 0; i < n; i++) {
        const struct sighting *p = i ? &s[i - 1] : NULL;
        int same_pair = p && p->entity == s[i].entity && !strcmp(p->publisher, s[i].publisher);
        if (!same_pair) {
            xgrow(&out->rows, &cap, out->count + 1, sizeof *out->rows);
            const struct template_entity *e = &tpl->entities[s[i].entity];
            out->rows[out->count++] = (struct coverage_row){ s[i].entity, e->id, e->name,
                                                             s[i].publisher, 0, 0 };
        }
        struct coverage_row *r = &out->rows[out->count - 1];
        int same_article = same_pair && !strcmp(p->article_id, s[i].article_id);
        if (!same_article)
            r->articles++;
        if (s[i].is_mention && !(same_article && p->is_mention &&
                                 p->sentence_no == s[i].sentence_no))
            r->mentions++;
    }
    free(s);
    free(index);
}

size_t coverage_entity_mentions(const struct coverage *c, size_t entity)
{
    size_t n = 0;
    for (size_t i = 0; i < c->count; i++)
        if (c->rows[i].entity == entity)
            n += c->rows[i].mentions;
    return n;
}

void coverage_free(struct coverage *c)
{
    free(c->rows);
    memset(c, 0, sizeof *c);
}

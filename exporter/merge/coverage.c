/* coverage.c — see coverage.h. */
#include "merge/coverage.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

static struct hash_key row_key(const void *ctx, size_t item)
{
    const struct coverage *c = ctx;
    return (struct hash_key){ c->rows[item].key, strlen(c->rows[item].key) };
}

void coverage_init(struct coverage *c, const struct template *tpl)
{
    memset(c, 0, sizeof *c);
    c->tpl = tpl;
    hash_index_init(&c->by_key, row_key, c);
}

/* The row of (entity, publisher), added when new. */
static struct coverage_row *row_for(struct coverage *c, size_t entity, const char *publisher)
{
    struct buf key = BUF_INIT;
    buf_printf(&key, "%zu\t%s", entity, publisher);
    size_t i = hash_index_find(&c->by_key, key.data, key.len);
    if (i != HASH_NONE) {
        buf_free(&key);
        return &c->rows[i];
    }
    xgrow(&c->rows, &c->cap, c->count + 1, sizeof *c->rows);
    const struct template_entity *e = &c->tpl->entities[entity];
    c->rows[c->count] = (struct coverage_row){ entity, e->id, e->name, xstrdup(publisher),
                                               buf_detach(&key), 0, 0 };
    hash_index_add(&c->by_key, c->count);
    return &c->rows[c->count++];
}

/* One sighting of an entity in the article: a sentence naming it, or a fact (sentence 0). */
struct sighting {
    size_t entity, sentence_no;
    int is_mention;
};

static int sighting_cmp(const void *x, const void *y)
{
    const struct sighting *a = x, *b = y;
    if (a->entity != b->entity)
        return a->entity < b->entity ? -1 : 1;
    if (a->is_mention != b->is_mention)
        return a->is_mention - b->is_mention;
    return (a->sentence_no > b->sentence_no) - (a->sentence_no < b->sentence_no);
}

void coverage_add(struct coverage *c, const char *publisher, const struct fact_list *facts)
{
    size_t n = 0, cap = facts->count + facts->n_mentions;
    if (!cap)
        return;
    struct sighting *s = xmalloc(cap * sizeof *s);
    for (size_t i = 0; i < facts->count; i++)
        s[n++] = (struct sighting){ facts->items[i].entity, 0, 0 };
    for (size_t i = 0; i < facts->n_mentions; i++)
        s[n++] = (struct sighting){ facts->mentions[i].entity, facts->mentions[i].sentence_no, 1 };
    qsort(s, n, sizeof *s, sighting_cmp);
    struct coverage_row *r = NULL;
    for (size_t i = 0; i < n; i++) {
        int same_entity = i && s[i - 1].entity == s[i].entity;
        if (!same_entity) {
            r = row_for(c, s[i].entity, publisher ? publisher : "");
            r->articles++;   /* this article names the entity or gives it a fact */
        }
        /* each sentence naming it counts once, however often it names it */
        if (s[i].is_mention && !(same_entity && s[i - 1].is_mention &&
                                 s[i - 1].sentence_no == s[i].sentence_no))
            r->mentions++;
    }
    free(s);
}

static int row_cmp(const void *x, const void *y)
{
    const struct coverage_row *a = x, *b = y;
    if (a->entity != b->entity)
        return a->entity < b->entity ? -1 : 1;
    return strcmp(a->publisher, b->publisher);
}

void coverage_finish(struct coverage *c)
{
    if (c->count > 1)
        qsort(c->rows, c->count, sizeof *c->rows, row_cmp);
    hash_index_rebuild(&c->by_key, c->count);   /* the rows moved */
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
    for (size_t i = 0; i < c->count; i++) {
        free(c->rows[i].publisher);
        free(c->rows[i].key);
    }
    free(c->rows);
    hash_index_free(&c->by_key);
    memset(c, 0, sizeof *c);
}

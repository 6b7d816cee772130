/* strpool.c — see strpool.h. Strings live in 64 KiB blocks (bigger ones get their own);
 * util/hash.h's index over the pooled strings finds an existing copy. */
#include "util/strpool.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/hash.h"

#define BLOCK_SIZE (64u * 1024u)
/* An article's facts hold a few hundred distinct strings: room for them from the start. */
#define POOL_USUAL_STRINGS 512

struct block {
    struct block *next;
    size_t used, size;
    char data[];
};

struct strpool {
    struct block *blocks;
    struct hash_key *strings; /* every pooled string with its length, in intern order */
    size_t count, cap;
    struct hash_index index;  /* text → its number in strings */
};

static struct hash_key pooled_key(const void *ctx, size_t item)
{
    const struct strpool *p = ctx;
    return p->strings[item];
}

struct strpool *strpool_new(void)
{
    struct strpool *p = xcalloc(1, sizeof *p);
    hash_index_init(&p->index, pooled_key, p);
    hash_index_reserve(&p->index, POOL_USUAL_STRINGS);
    return p;
}

static char *store(struct strpool *p, const char *s, size_t len)
{
    struct block *b = p->blocks;
    if (!b || b->size - b->used < len + 1) {
        size_t size = len + 1 > BLOCK_SIZE ? len + 1 : BLOCK_SIZE;
        struct block *nb = xmalloc(sizeof *nb + size);
        nb->used = 0;
        nb->size = size;
        /* A block made for one big string goes behind the current one, which keeps filling. */
        if (b && size > BLOCK_SIZE) {
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            p->blocks = nb;
        }
        b = nb;
    }
    char *copy = b->data + b->used;
    memcpy(copy, s, len);
    copy[len] = '\0';
    b->used += len + 1;
    return copy;
}

const char *strpool_intern(struct strpool *p, const char *s, size_t len)
{
    /* The text is indexed as the next item while it is still the caller's: one probe finds
     * the pooled copy or the place for a new one, which then takes over the item. */
    if (p->count == p->cap)
        xgrow(&p->strings, &p->cap, p->count + 1, sizeof *p->strings);
    p->strings[p->count] = (struct hash_key){ s, len };
    size_t found = hash_index_add(&p->index, p->count);
    if (found != HASH_NONE)
        return p->strings[found].data;
    p->strings[p->count].data = store(p, s, len);
    return p->strings[p->count++].data;
}

void strpool_free(struct strpool *p)
{
    if (!p)
        return;
    for (struct block *b = p->blocks, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    hash_index_free(&p->index);
    free(p->strings);
    free(p);
}

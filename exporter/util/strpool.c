/* strpool.c — see strpool.h. Strings live in 64 KiB blocks (bigger ones get their own);
 * an open-addressing table of pointers finds an existing copy. */
#include "util/strpool.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

#define BLOCK_SIZE (64u * 1024u)

struct block {
    struct block *next;
    size_t used, size;
    char data[];
};

struct strpool {
    struct block *blocks;
    const char **slots;   /* NULL = free */
    size_t n_slots, count;
};

struct strpool *strpool_new(void)
{
    struct strpool *p = xcalloc(1, sizeof *p);
    p->n_slots = 1024;
    p->slots = xcalloc(p->n_slots, sizeof *p->slots);
    return p;
}

static size_t hash(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603u;   /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    return (size_t)h;
}

static const char **find(const struct strpool *p, const char *s, size_t len, size_t h)
{
    size_t mask = p->n_slots - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        const char **slot = &p->slots[i];
        if (!*slot || (strncmp(*slot, s, len) == 0 && (*slot)[len] == '\0'))
            return slot;
    }
}

static void grow(struct strpool *p)
{
    const char **old = p->slots;
    size_t n = p->n_slots;
    p->n_slots *= 2;
    p->slots = xcalloc(p->n_slots, sizeof *p->slots);
    for (size_t i = 0; i < n; i++)
        if (old[i])
            *find(p, old[i], strlen(old[i]), hash(old[i], strlen(old[i]))) = old[i];
    free(old);
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
    if (2 * (p->count + 1) > p->n_slots)
        grow(p);
    const char **slot = find(p, s, len, hash(s, len));
    if (!*slot) {
        *slot = store(p, s, len);
        p->count++;
    }
    return *slot;
}

void strpool_free(struct strpool *p)
{
    if (!p)
        return;
    for (struct block *b = p->blocks, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    free(p->slots);
    free(p);
}

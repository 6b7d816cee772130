/* hash.c — see hash.h. */
#include "util/hash.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

uint64_t hash_bytes(const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ p[i]) * 1099511628211u;
    return h;
}

void hash_index_init(struct hash_index *ix, hash_key_fn key_of, const void *ctx)
{
    memset(ix, 0, sizeof *ix);
    ix->key_of = key_of;
    ix->ctx = ctx;
}

static int key_equals(const struct hash_index *ix, size_t item, const void *data, size_t len)
{
    struct hash_key k = ix->key_of(ix->ctx, item);
    return k.len == len && (len == 0 || memcmp(k.data, data, len) == 0);
}

/* The slot holding the item keyed data[0..len), or the free slot where it would go. */
static size_t *probe(const struct hash_index *ix, const void *data, size_t len)
{
    size_t mask = ix->n_slots - 1;
    for (size_t i = (size_t)hash_bytes(data, len) & mask;; i = (i + 1) & mask) {
        size_t *slot = &ix->slots[i];
        if (!*slot || key_equals(ix, *slot - 1, data, len))
            return slot;
    }
}

size_t hash_index_find(const struct hash_index *ix, const void *data, size_t len)
{
    if (!ix->n_slots)
        return HASH_NONE;
    size_t *slot = probe(ix, data, len);
    return *slot ? *slot - 1 : HASH_NONE;
}

/* Rehashes every item into n_slots slots (a power of two, more than twice the items). */
static void resize(struct hash_index *ix, size_t n_slots)
{
    size_t *old = ix->slots, n_old = ix->n_slots;
    ix->n_slots = n_slots;
    ix->slots = xcalloc(ix->n_slots, sizeof *ix->slots);
    for (size_t i = 0; i < n_old; i++) {
        if (!old[i])
            continue;
        struct hash_key k = ix->key_of(ix->ctx, old[i] - 1);
        *probe(ix, k.data, k.len) = old[i];
    }
    free(old);
}

static void grow(struct hash_index *ix)
{
    resize(ix, ix->n_slots ? 2 * ix->n_slots : 64);
}

void hash_index_reserve(struct hash_index *ix, size_t items)
{
    size_t n = ix->n_slots ? ix->n_slots : 64;
    while (n < 2 * items)
        n *= 2;
    if (n > ix->n_slots)
        resize(ix, n);
}

size_t hash_index_add(struct hash_index *ix, size_t item)
{
    if (2 * (ix->count + 1) > ix->n_slots)
        grow(ix);
    struct hash_key k = ix->key_of(ix->ctx, item);
    size_t *slot = probe(ix, k.data, k.len);
    if (*slot)
        return *slot - 1;
    *slot = item + 1;
    ix->count++;
    return HASH_NONE;
}

void hash_index_rebuild(struct hash_index *ix, size_t n)
{
    if (ix->slots)
        memset(ix->slots, 0, ix->n_slots * sizeof *ix->slots);
    ix->count = 0;
    for (size_t i = 0; i < n; i++)
        hash_index_add(ix, i);
}

void hash_index_free(struct hash_index *ix)
{
    if (!ix)
        return;
    free(ix->slots);
    ix->slots = NULL;
    ix->n_slots = ix->count = 0;
}

/* ---- A set of byte strings ---- */

struct hash_set {
    struct hash_index ix;
    struct hash_key *keys;
    size_t count, cap;
};

static struct hash_key set_key(const void *ctx, size_t item)
{
    const struct hash_set *set = ctx;
    return set->keys[item];
}

struct hash_set *hash_set_new(void)
{
    struct hash_set *set = xcalloc(1, sizeof *set);
    hash_index_init(&set->ix, set_key, set);
    return set;
}

int hash_set_add(struct hash_set *set, const void *key, size_t len)
{
    if (hash_index_find(&set->ix, key, len) != HASH_NONE)
        return 0;
    xgrow(&set->keys, &set->cap, set->count + 1, sizeof *set->keys);
    void *copy = xmalloc(len);
    if (len)
        memcpy(copy, key, len);
    set->keys[set->count] = (struct hash_key){ copy, len };
    hash_index_add(&set->ix, set->count++);
    return 1;
}

void hash_set_free(struct hash_set *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->count; i++)
        free((void *)set->keys[i].data);
    free(set->keys);
    hash_index_free(&set->ix);
    free(set);
}

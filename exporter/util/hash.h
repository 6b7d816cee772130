/* hash.h — the one hash table: an open-addressing index from keys to the caller's items.
 *
 * Support module. The caller keeps its items in its own array (articles, article ids,
 * interned strings) and the index stores only their numbers; to compare, it asks the caller
 * for the key of a stored item through key_of. So one table serves every "have I seen this
 * key" question without copying keys, and an array that grows (realloc) stays valid because
 * key_of reaches it through ctx at each call. Lookups are linear probing over a power-of-two
 * table kept at most half full; keys hash with FNV-1a (64 bit). hash_set is a ready-made
 * set of byte strings on top of it (folders seen, by device and inode). */
#ifndef EXPORTER_HASH_H
#define EXPORTER_HASH_H

#include <stddef.h>
#include <stdint.h>

#define HASH_NONE ((size_t)-1)

/* FNV-1a over len bytes. */
uint64_t hash_bytes(const void *data, size_t len);

struct hash_key {
    const void *data;
    size_t len;
};

/* The key of item number item; ctx is the pointer given to hash_index_init. */
typedef struct hash_key (*hash_key_fn)(const void *ctx, size_t item);

struct hash_index {
    size_t *slots;       /* item + 1; 0 = free */
    size_t n_slots;      /* 0 or a power of two */
    size_t count;
    hash_key_fn key_of;
    const void *ctx;
};

/* An empty index over the items that key_of(ctx, i) describes. Allocates nothing yet. */
void hash_index_init(struct hash_index *ix, hash_key_fn key_of, const void *ctx);

/* Makes room for items keys without growing (each growth hashes every key again): for a
 * caller that knows its usual size. Never shrinks. */
void hash_index_reserve(struct hash_index *ix, size_t items);

/* The item whose key is data[0..len), or HASH_NONE. */
size_t hash_index_find(const struct hash_index *ix, const void *data, size_t len);

/* The item already indexed under item's key, or HASH_NONE after indexing item. */
size_t hash_index_add(struct hash_index *ix, size_t item);

/* Forgets every item and indexes items 0..n-1 again (after the caller reorders its array;
 * an item whose key equals an earlier one's is left out). */
void hash_index_rebuild(struct hash_index *ix, size_t n);

/* Frees the slots; the index can be used again after hash_index_init. NULL does nothing. */
void hash_index_free(struct hash_index *ix);

/* A set of byte strings (copied). */
struct hash_set;
struct hash_set *hash_set_new(void);
/* 1 when key was added, 0 when it was already there. */
int hash_set_add(struct hash_set *set, const void *key, size_t len);
void hash_set_free(struct hash_set *set);

#endif

/* strpool.h — interned strings: one copy of each distinct text, freed all at once.
 *
 * A large run keeps hundreds of thousands of facts, and most of their strings repeat: the
 * article id, publisher and date of every fact from one article, the sentence of every fact
 * found in it, values such as "MoE" or "500". The fact list interns them here, so memory
 * grows with the distinct texts, not with the number of facts. */
#ifndef EXPORTER_STRPOOL_H
#define EXPORTER_STRPOOL_H

#include <stddef.h>

struct strpool;

/* An empty pool. Release with strpool_free. */
struct strpool *strpool_new(void);

/* The pooled copy of s[0..len) (NUL-terminated), valid until the pool is freed. */
const char *strpool_intern(struct strpool *p, const char *s, size_t len);

/* Frees every string of the pool; NULL does nothing. */
void strpool_free(struct strpool *p);

#endif

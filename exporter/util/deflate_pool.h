/* deflate_pool.h — independent buffers deflated on two threads, results in order.
 *
 * A PDF's streams (the font programs, the page contents, the object streams) are compressed
 * independently of each other, and compressing them is the largest single cost of writing a
 * small PDF. A pool compresses the buffers it is given on a helper thread as soon as they are
 * added, in the order they were added, while the caller goes on preparing the next ones; at
 * deflate_pool_finish the caller compresses the rest itself, from the last added backwards, so
 * the two threads meet in the middle. Each buffer is compressed alone (zlib format, libdeflate
 * at the pool's level), so the bytes are the same whichever thread compresses it and however
 * the work is split: the output never depends on timing.
 *
 * If no thread can be started, everything is compressed by the caller at finish: the same
 * bytes. Memory running out anywhere exits 71 (buf.h). */
#ifndef EXPORTER_DEFLATE_POOL_H
#define EXPORTER_DEFLATE_POOL_H

#include <stddef.h>

struct deflate_pool;

/* A pool compressing at libdeflate's level (1-12), its helper thread started. Free with
 * deflate_pool_free. */
struct deflate_pool *deflate_pool_new(int level);

/* Queues data[0..len) for compression (copied; the caller keeps data). Returns the job's
 * number: 0 for the first added, then 1, 2, … After deflate_pool_finish the helper is gone:
 * a job added then is compressed by the caller at the next deflate_pool_finish. */
size_t deflate_pool_add(struct deflate_pool *p, const void *data, size_t len);

/* Compresses what the helper has not taken yet on the caller's thread, waits for the helper,
 * and stops it. Afterwards every job added so far has its result. May be called again. */
void deflate_pool_finish(struct deflate_pool *p);

/* Job i's compressed bytes (zlib format), valid until deflate_pool_free; *len set to their
 * length. Only for a job added before the last deflate_pool_finish. */
const unsigned char *deflate_pool_result(const struct deflate_pool *p, size_t i, size_t *len);

/* Frees the pool and every result (finishing it first if needed). NULL does nothing. */
void deflate_pool_free(struct deflate_pool *p);

#endif

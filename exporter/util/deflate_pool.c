/* deflate_pool.c — see deflate_pool.h.
 *
 * The jobs are one array under one mutex. The helper takes the oldest waiting job, the caller
 * (at finish) the newest; whoever takes a job compresses it outside the lock with its own
 * compressor and stores the result under the lock (the array may have moved meanwhile). */
#include "util/deflate_pool.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <libdeflate.h>

#include "util/buf.h"

enum job_state { JOB_WAITING, JOB_TAKEN, JOB_DONE };

struct job {
    unsigned char *data;    /* the input until compressed, then the output */
    size_t len;
    enum job_state state;
};

struct deflate_pool {
    int level;
    struct job *jobs;
    size_t n, cap;
    size_t front;           /* no waiting job before this index */
    size_t done;            /* how many are JOB_DONE */
    int closing;            /* finish called: the helper leaves when nothing waits */
    int threaded;           /* the helper was started and not yet joined */
    struct libdeflate_compressor *own;   /* the caller's, made at its first job */
    pthread_mutex_t mu;
    pthread_cond_t changed; /* a job added or done, or the pool closing */
    pthread_t helper;
};

static struct libdeflate_compressor *new_compressor(int level)
{
    struct libdeflate_compressor *c = libdeflate_alloc_compressor(level);
    if (!c)
        x_out_of_memory("libdeflate");
    return c;
}

/* Compresses job i (already JOB_TAKEN by the calling thread) and marks it done. Called and
 * returns with the lock held. */
static void compress_job(struct deflate_pool *p, size_t i, struct libdeflate_compressor *c)
{
    unsigned char *in = p->jobs[i].data;
    size_t len = p->jobs[i].len;
    pthread_mutex_unlock(&p->mu);
    size_t bound = libdeflate_zlib_compress_bound(c, len);
    unsigned char *out = xmalloc(bound ? bound : 1);
    size_t out_len = libdeflate_zlib_compress(c, in, len, out, bound);
    free(in);
    pthread_mutex_lock(&p->mu);
    p->jobs[i] = (struct job){ out, out_len, JOB_DONE };
    p->done++;
    pthread_cond_broadcast(&p->changed);
}

static void *helper_main(void *arg)
{
    struct deflate_pool *p = arg;
    struct libdeflate_compressor *c = NULL;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (p->front < p->n && p->jobs[p->front].state != JOB_WAITING)
            p->front++;
        if (p->front < p->n) {
            size_t i = p->front++;
            p->jobs[i].state = JOB_TAKEN;
            if (!c) {
                pthread_mutex_unlock(&p->mu);
                c = new_compressor(p->level);
                pthread_mutex_lock(&p->mu);
            }
            compress_job(p, i, c);
        } else if (p->closing) {
            break;
        } else {
            pthread_cond_wait(&p->changed, &p->mu);
        }
    }
    pthread_mutex_unlock(&p->mu);
    libdeflate_free_compressor(c);
    return NULL;
}

struct deflate_pool *deflate_pool_new(int level)
{
    struct deflate_pool *p = xcalloc(1, sizeof *p);
    p->level = level;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->changed, NULL);
    p->threaded = pthread_create(&p->helper, NULL, helper_main, p) == 0;
    return p;
}

size_t deflate_pool_add(struct deflate_pool *p, const void *data, size_t len)
{
    unsigned char *copy = xmalloc(len ? len : 1);
    if (len)
        memcpy(copy, data, len);
    pthread_mutex_lock(&p->mu);
    xgrow(&p->jobs, &p->cap, p->n + 1, sizeof *p->jobs);
    size_t i = p->n++;
    p->jobs[i] = (struct job){ copy, len, JOB_WAITING };
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->mu);
    return i;
}

void deflate_pool_finish(struct deflate_pool *p)
{
    pthread_mutex_lock(&p->mu);
    p->closing = 1;
    pthread_cond_broadcast(&p->changed);
    /* the newest waiting jobs, while the helper works through the oldest */
    for (size_t i = p->n; i-- > p->front;) {
        if (p->jobs[i].state != JOB_WAITING)
            continue;
        p->jobs[i].state = JOB_TAKEN;
        if (!p->own) {
            pthread_mutex_unlock(&p->mu);
            p->own = new_compressor(p->level);
            pthread_mutex_lock(&p->mu);
        }
        compress_job(p, i, p->own);
    }
    while (p->done < p->n)
        pthread_cond_wait(&p->changed, &p->mu);
    pthread_mutex_unlock(&p->mu);
    if (p->threaded)
        pthread_join(p->helper, NULL);
    p->threaded = 0;
}

const unsigned char *deflate_pool_result(const struct deflate_pool *p, size_t i, size_t *len)
{
    *len = p->jobs[i].len;
    return p->jobs[i].data;
}

void deflate_pool_free(struct deflate_pool *p)
{
    if (!p)
        return;
    deflate_pool_finish(p);
    libdeflate_free_compressor(p->own);
    for (size_t i = 0; i < p->n; i++)
        free(p->jobs[i].data);
    free(p->jobs);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->changed);
    free(p);
}

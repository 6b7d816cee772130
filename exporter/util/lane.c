/* lane.c — see lane.h.
 *
 * A ring of `depth` pending tasks under one mutex: lane_push waits for a free slot, the
 * thread waits for a task; lane_join marks the lane closed and waits for the thread to drain
 * the ring and return. */
#include "util/lane.h"

#include <pthread.h>
#include <stdlib.h>

#include "util/buf.h"

struct task {
    lane_task_fn fn;
    void *arg;
};

struct lane {
    struct diag_buffer sink;    /* written by the tasks only */
    struct task *ring;
    size_t depth;
    size_t head, count;         /* the oldest waiting task, how many wait */
    int closed;
    int threaded;
    pthread_mutex_t mu;
    pthread_cond_t has_task, has_room;
    pthread_t thread;
};

static void *run(void *arg)
{
    struct lane *l = arg;
    for (;;) {
        pthread_mutex_lock(&l->mu);
        while (!l->count && !l->closed)
            pthread_cond_wait(&l->has_task, &l->mu);
        if (!l->count) {
            pthread_mutex_unlock(&l->mu);
            return NULL;
        }
        struct task t = l->ring[l->head];
        pthread_mutex_unlock(&l->mu);
        t.fn(t.arg, &l->sink.d);
        /* the slot is freed only once its task has run: depth bounds what tasks hold */
        pthread_mutex_lock(&l->mu);
        l->head = (l->head + 1) % l->depth;
        l->count--;
        pthread_cond_signal(&l->has_room);
        pthread_mutex_unlock(&l->mu);
    }
}

struct lane *lane_new(size_t depth, int verbose, int quiet)
{
    struct lane *l = xcalloc(1, sizeof *l);
    struct diag like;
    diag_init(&like, NULL, verbose, quiet);
    diag_buffer_open(&l->sink, &like);
    l->depth = depth ? depth : 1;
    l->ring = xcalloc(l->depth, sizeof *l->ring);
    pthread_mutex_init(&l->mu, NULL);
    pthread_cond_init(&l->has_task, NULL);
    pthread_cond_init(&l->has_room, NULL);
    l->threaded = pthread_create(&l->thread, NULL, run, l) == 0;
    return l;
}

void lane_push(struct lane *l, lane_task_fn fn, void *arg)
{
    if (!l->threaded) {
        fn(arg, &l->sink.d);
        return;
    }
    pthread_mutex_lock(&l->mu);
    while (l->count == l->depth)
        pthread_cond_wait(&l->has_room, &l->mu);
    l->ring[(l->head + l->count) % l->depth] = (struct task){ fn, arg };
    l->count++;
    pthread_cond_signal(&l->has_task);
    pthread_mutex_unlock(&l->mu);
}

void lane_join(struct lane *l, struct diag *d)
{
    if (!l)
        return;
    if (l->threaded) {
        pthread_mutex_lock(&l->mu);
        l->closed = 1;
        pthread_cond_signal(&l->has_task);
        pthread_mutex_unlock(&l->mu);
        pthread_join(l->thread, NULL);
    }
    diag_buffer_replay(&l->sink, d);
    pthread_mutex_destroy(&l->mu);
    pthread_cond_destroy(&l->has_task);
    pthread_cond_destroy(&l->has_room);
    free(l->ring);
    free(l);
}

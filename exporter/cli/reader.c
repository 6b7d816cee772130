/* reader.c — see reader.h.
 *
 * A ring of `window` slots: input i is processed into slot i % window. A worker claims the
 * next input only while it is less than `window` ahead of the one the caller takes next, so
 * a slot is reused only after the caller has taken its item. */
#include "cli/reader.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"

#define SLOTS_PER_JOB 4

struct slot {
    int ready;
    struct reader_item item;
};

struct reader {
    const struct reader_config *cfg;
    struct slot *ring;
    size_t window;
    size_t next_claim;     /* the next input a worker takes */
    size_t next_emit;      /* the next input the caller takes */
    size_t n_inputs;
    int stopping;
    pthread_mutex_t mu;
    pthread_cond_t can_claim, item_ready;
    pthread_t *threads;
    unsigned n_threads;
};

unsigned reader_default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        return 1;
    return n > READER_MAX_DEFAULT_JOBS ? READER_MAX_DEFAULT_JOBS : (unsigned)n;
}

/* A message sink of the item's own: a memory stream. */
struct item_sink {
    struct diag d;
    FILE *fp;
    char *data;
    size_t len;
};

static void sink_open(struct item_sink *s, const struct reader_config *cfg)
{
    s->data = NULL;
    s->len = 0;
    s->fp = open_memstream(&s->data, &s->len);
    if (!s->fp) {
        fputs("exporter: error: out of memory\n", stderr);
        exit(71);
    }
    diag_init(&s->d, s->fp, cfg->verbose, cfg->quiet);
}

static void sink_close(struct item_sink *s, char **msgs, size_t *len, unsigned counts[2])
{
    fclose(s->fp);
    *msgs = s->data;
    *len = s->len;
    counts[0] = s->d.errors;
    counts[1] = s->d.warnings;
}

/* The next input's path, a copy the caller frees; NULL when the list cannot be read back.
 * Inputs are claimed in order, so the list is read straight through. */
static char *claim_path(const struct reader_config *cfg)
{
    const char *path = input_list_next(cfg->inputs);
    return path ? xstrdup(path) : NULL;
}

/* Parse, filter and extract input i (at path) into it: the whole work of one input, the
 * same on any thread. Frees path. */
static void process(const struct reader_config *cfg, size_t i, char *path,
                    struct reader_item *it)
{
    memset(it, 0, sizeof *it);
    it->index = i;
    struct item_sink parse, extract;
    sink_open(&parse, cfg);
    if (path) {
        it->parse_status = article_parse_file(path, cfg->article_opts, &parse.d, &it->article);
    } else {
        diag_error(&parse.d, NULL, 0, 0, "the list of inputs (a temporary file) could not be "
                   "read back");
        it->parse_status = EXP_IOERR;
    }
    free(path);
    it->kept = it->parse_status == EXP_OK &&
               (!cfg->keep || cfg->keep(&it->article, cfg->keep_ctx, &parse.d));
    sink_close(&parse, &it->parse_msgs, &it->parse_len, it->parse_counts);
    if (it->parse_status == EXP_OK && !it->kept)
        article_free(&it->article);
    if (!it->kept)
        return;
    sink_open(&extract, cfg);
    if (cfg->ex)
        it->extract_status = extract_article(cfg->ex, &it->article, &it->facts, &extract.d);
    article_drop_text(&it->article);
    sink_close(&extract, &it->extract_msgs, &it->extract_len, it->extract_counts);
}

static void *worker(void *arg)
{
    struct reader *r = arg;
    for (;;) {
        pthread_mutex_lock(&r->mu);
        while (!r->stopping && r->next_claim < r->n_inputs &&
               r->next_claim >= r->next_emit + r->window)
            pthread_cond_wait(&r->can_claim, &r->mu);
        if (r->stopping || r->next_claim >= r->n_inputs) {
            pthread_mutex_unlock(&r->mu);
            return NULL;
        }
        size_t i = r->next_claim++;
        char *path = claim_path(r->cfg);   /* under the lock: claims follow the list's order */
        pthread_mutex_unlock(&r->mu);

        struct slot *s = &r->ring[i % r->window];
        process(r->cfg, i, path, &s->item);

        pthread_mutex_lock(&r->mu);
        s->ready = 1;
        pthread_cond_broadcast(&r->item_ready);
        pthread_mutex_unlock(&r->mu);
    }
}

struct reader *reader_new(const struct reader_config *cfg)
{
    struct reader *r = xcalloc(1, sizeof *r);
    r->cfg = cfg;
    r->n_inputs = cfg->inputs->count;
    if (cfg->jobs <= 1)
        return r;   /* read on the caller's thread, in reader_next */
    r->window = (size_t)cfg->jobs * SLOTS_PER_JOB;
    r->ring = xcalloc(r->window, sizeof *r->ring);
    pthread_mutex_init(&r->mu, NULL);
    pthread_cond_init(&r->can_claim, NULL);
    pthread_cond_init(&r->item_ready, NULL);
    r->threads = xcalloc(cfg->jobs, sizeof *r->threads);
    for (unsigned t = 0; t < cfg->jobs; t++) {
        if (pthread_create(&r->threads[t], NULL, worker, r) != 0)
            break;   /* fewer threads still read everything; none: the caller reads */
        r->n_threads++;
    }
    return r;
}

int reader_next(struct reader *r, struct reader_item *out)
{
    if (r->next_emit >= r->n_inputs)
        return 0;
    if (!r->n_threads) {
        process(r->cfg, r->next_emit++, claim_path(r->cfg), out);
        return 1;
    }
    struct slot *s = &r->ring[r->next_emit % r->window];
    pthread_mutex_lock(&r->mu);
    while (!s->ready)
        pthread_cond_wait(&r->item_ready, &r->mu);
    *out = s->item;
    s->ready = 0;
    r->next_emit++;
    pthread_cond_broadcast(&r->can_claim);
    pthread_mutex_unlock(&r->mu);
    return 1;
}

static void replay(const char *msgs, size_t len, const unsigned counts[2], struct diag *d)
{
    if (len)
        fwrite(msgs, 1, len, d->stream);
    d->errors += counts[0];
    d->warnings += counts[1];
}

void reader_item_report_parse(const struct reader_item *it, struct diag *d)
{
    replay(it->parse_msgs, it->parse_len, it->parse_counts, d);
}

void reader_item_report_extract(const struct reader_item *it, struct diag *d)
{
    replay(it->extract_msgs, it->extract_len, it->extract_counts, d);
}

void reader_item_free(struct reader_item *it)
{
    if (it->kept)
        article_free(&it->article);
    fact_list_free(&it->facts);
    free(it->parse_msgs);
    free(it->extract_msgs);
    memset(it, 0, sizeof *it);
}

void reader_free(struct reader *r)
{
    if (!r)
        return;
    if (r->window) {
        pthread_mutex_lock(&r->mu);
        r->stopping = 1;
        pthread_cond_broadcast(&r->can_claim);
        pthread_mutex_unlock(&r->mu);
        for (unsigned t = 0; t < r->n_threads; t++)
            pthread_join(r->threads[t], NULL);
        /* items processed but never taken */
        for (size_t k = 0; k < r->window; k++)
            if (r->ring[k].ready)
                reader_item_free(&r->ring[k].item);
        pthread_mutex_destroy(&r->mu);
        pthread_cond_destroy(&r->can_claim);
        pthread_cond_destroy(&r->item_ready);
        free(r->ring);
        free(r->threads);
    }
    free(r);
}

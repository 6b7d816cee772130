/* reader.h — reads the run's input files on several threads, hands them back in input order.
 *
 * The ingest and extract stages of a run, parallel: worker threads parse each file
 * (article.h) and extract its facts (extract.h), and the caller takes the results one by one
 * in the order of the input list, so everything downstream — de-duplication, the CSV rows,
 * the merge, the messages — is the same bytes whatever the number of threads. Each item's
 * messages are written to a buffer of its own and replayed into the caller's diag when the
 * caller takes it (reader_item_report), so messages too come in input order.
 *
 * At most a window of a few items per thread is in flight, an article's text is dropped
 * once its facts are taken, and the paths are read from the input list as they are claimed:
 * memory does not grow with the corpus. The workers share only
 * read-only state (the extractor, the options); the libraries they call (libyaml, utf8proc,
 * nettle) keep their state per call. */
#ifndef EXPORTER_READER_H
#define EXPORTER_READER_H

#include <stddef.h>

#include "extract/extract.h"
#include "ingest/article.h"
#include "ingest/inputs.h"
#include "util/diag.h"
#include "util/status.h"

/* Whether a parsed article belongs to the run (the period filter). Called on worker threads:
 * must only read a and ctx; may report through d (the item's own sink). */
typedef int (*reader_keep_fn)(const struct article *a, const void *ctx, struct diag *d);

struct reader_config {
    struct input_list *inputs;         /* the input files, read in order from the first one
                                          (input_list_next; rewound by the caller) */
    const struct article_options *article_opts;
    const struct extractor *ex;        /* NULL: parse only, extract nothing */
    reader_keep_fn keep;               /* NULL keeps every article */
    const void *keep_ctx;
    unsigned jobs;                     /* worker threads; 0 or 1 = read on the caller's thread */
    int verbose, quiet;                /* for the items' message sinks (as struct diag) */
};

/* One input file, parsed and extracted. */
struct reader_item {
    size_t index;                  /* position in the input list */
    enum exp_status parse_status;  /* article_parse_file's status */
    int kept;                      /* parsed and accepted by keep: article and facts are valid */
    struct article article;        /* text dropped (article_drop_text); owned by the item */
    struct fact_list facts;        /* the article's facts, in sentence order */
    enum exp_status extract_status;
    /* messages, to replay through reader_item_report (private) */
    char *parse_msgs, *extract_msgs;
    size_t parse_len, extract_len;
    unsigned parse_counts[2], extract_counts[2];   /* errors, warnings */
};

struct reader;

/* Starts reading (the workers start at once). The config and what it points to must stay
 * valid until reader_free. */
struct reader *reader_new(const struct reader_config *cfg);

/* The next item in input order into *out (the caller owns it: reader_item_free). Returns 0
 * when every input has been handed out. */
int reader_next(struct reader *r, struct reader_item *out);

/* Replays the item's messages into d (counting its errors and warnings there): those of the
 * parse and the period filter, and those of the extraction — which the caller leaves out
 * for an article it drops as a duplicate, as a run on one thread never extracts it. */
void reader_item_report_parse(const struct reader_item *it, struct diag *d);
void reader_item_report_extract(const struct reader_item *it, struct diag *d);

/* Frees what the item owns (the article, the facts, the messages). */
void reader_item_free(struct reader_item *it);

/* Stops the workers and frees the reader; items not yet taken are discarded. */
void reader_free(struct reader *r);

/* The default number of threads: the online CPUs, at most READER_MAX_DEFAULT_JOBS. */
#define READER_MAX_DEFAULT_JOBS 8
unsigned reader_default_jobs(void);

#endif

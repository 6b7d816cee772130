/* catalog.h — the run's articles, off the heap: duplicates refused, the metadata on disk.
 *
 * Merge stage, beside the table. A run writes each article's rows as it reads it, so what it
 * must still know at the end about the whole corpus is small: which articles it has seen (to
 * refuse a second copy), a summary for the briefing's title and sources sections (how many
 * articles, the first and last day, the newest instant, the articles per publisher), and the
 * metadata of the few articles the briefing cites. The catalog keeps exactly that, in a
 * private SQLite database whose page cache is bounded (a large week spills to an unlinked
 * temporary file that dies with the process):
 *   - per article, a 128-bit digest (truncated SHA-256) of its id, its url and its body's
 *     hash, indexed, to refuse a second copy;
 *   - its record (source file, id, title, publisher, published_at, url, declared content
 *     hash, the people's names and roles), read back only for a duplicate's message and for
 *     the cited articles;
 *   - in memory, the corpus summary, folded in as articles come.
 * So the heap holds nothing per article — a fixed page cache, plus one entry per distinct
 * publisher — and the briefing sees the same set it saw when every article was held: the
 * cited ones, in (published_at, id) order, and the summary of the rest. Two different keys
 * share a digest with probability about 2^-128 per pair. */
#ifndef EXPORTER_CATALOG_H
#define EXPORTER_CATALOG_H

#include <stddef.h>

#include "ingest/article.h"
#include "merge/quotes.h"
#include "merge/table.h"
#include "util/diag.h"
#include "util/hash.h"
#include "util/status.h"

/* One publisher with its number of articles; name "" counts the articles that name none. */
struct corpus_publisher {
    char *name;
    size_t articles;
};

/* What the briefing says about the whole corpus, whatever it cites. */
struct corpus_summary {
    size_t n_articles;
    long first_day, last_day;    /* Korean days (util/date.h) of the earliest and latest
                                    publication; DATE_OPEN_END / DATE_OPEN_START when no
                                    article has a readable date */
    long long newest;            /* the newest publication instant (Unix seconds) after the
                                    epoch, -1 when none */
    struct corpus_publisher *publishers;   /* in order of first appearance */
    size_t n_publishers, cap;
    struct hash_index by_name;   /* publishers by name (private) */
};

/* An empty summary; corpus_summary_free releases it. */
void corpus_summary_init(struct corpus_summary *s);
/* Counts one more article. */
void corpus_summary_add(struct corpus_summary *s, const struct article *a);
/* The summary of every article of set (a run that holds its whole corpus). */
void corpus_summary_of_set(struct corpus_summary *s, const struct article_set *set);
/* The publisher named name ("" for none), or NULL. */
const struct corpus_publisher *corpus_summary_publisher(const struct corpus_summary *s,
                                                        const char *name);
void corpus_summary_free(struct corpus_summary *s);

struct catalog;

/* An empty catalog (its database spills, when it must, to SQLite's temporary folder:
 * $SQLITE_TMPDIR, $TMPDIR, /var/tmp or /tmp, the first usable). NULL with a message when
 * SQLite cannot start one. */
struct catalog *catalog_new(struct diag *d);

/* Adds article a (read only; the caller keeps it) unless one with the same id, url or body
 * was added before: then reports "duplicate of FILE (same id|url|content); read once" as a
 * warning on a's file and returns 0. Returns 1 when added, -1 when the database could not
 * store it (an error reported once: a full temporary folder; the run fails with EXP_IOERR). */
int catalog_add(struct catalog *c, const struct article *a, struct diag *d);

/* How many articles were added (duplicates not counted). */
size_t catalog_count(const struct catalog *c);

/* The summary of the added articles; valid until catalog_free. */
const struct corpus_summary *catalog_summary(const struct catalog *c);

/* Reads back every article the briefing can cite — each one a value of the finished table
 * cites, the first sources and the first-by-id source of each row, and every key-sentence
 * candidate of q (q may be NULL) — into *out (zeroed first; the caller frees it with
 * article_set_free), sorted by (published_at, id). Their metadata is as article_pack keeps
 * it. EXP_IOERR with a message when the database could not be written or read back. */
enum exp_status catalog_citable(struct catalog *c, const struct table *t, const struct quotes *q,
                                struct article_set *out, struct diag *d);

/* Closes the spill file and frees everything; NULL does nothing. */
void catalog_free(struct catalog *c);

#endif

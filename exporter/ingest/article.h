/* article.h — one crawled article: front matter, normalised body, sentences.
 *
 * First stage of the pipeline. article_parse_file() reads a file as the crawler writes it
 * (YAML front matter between --- lines, then markdown: "# title", a "**publisher** | date |"
 * line, ---, the body, ---, "*Crawled at: …*", "*Source: [..](url)*"), repairs the one known
 * crawler defect in the front matter (tab-indented author continuation lines), reads the
 * front matter with libyaml keeping every scalar a string, normalises text (HTML entities,
 * whitespace, NFC), parses the people out of the byline, gives dates +09:00, verifies the
 * content hash and splits the body into sentences (sentence.h). Later stages read a
 * const struct article and never reach back into the file. */
#ifndef EXPORTER_ARTICLE_H
#define EXPORTER_ARTICLE_H

#include <stddef.h>

#include "util/diag.h"
#include "ingest/person.h"
#include "util/hash.h"
#include "ingest/sentence.h"
#include "util/status.h"

#define ARTICLE_MAX_BYTES (16u * 1024u * 1024u)
/* Limits that keep a hostile file from reaching libyaml's or libharu's slow or failing
 * paths: real front matter is under 2 KiB and nests two levels. */
#define FRONT_MATTER_MAX_BYTES (64u * 1024u)
#define FRONT_MATTER_MAX_DEPTH 16
#define ARTICLE_MAX_FIELD_BYTES 2048u
/* How far after the run's day an article's dates may lie before they are refused. */
#define ARTICLE_MAX_DAYS_AHEAD 31
/* The earliest year an article may be dated (published or crawled), in Korea's calendar. No
 * article a crawler fetched from a news site was published before 1990, while 1900-01-01,
 * 1970-01-01 and 0001-01-01 are what crawlers and databases write when a date was missing:
 * such a date would stretch the period and the archive's weeks back a century. */
#define ARTICLE_MIN_YEAR 1990

struct article {
    char *source_file;     /* path as given, as valid one-line UTF-8 (diag_visible) */
    char *id;              /* 029_0003001728 (always a string) */
    char *title;           /* entities decoded, NFC, whitespace folded */
    char *category;        /* "" when empty */
    char *publisher;
    char *published_at;    /* ISO 8601 with zone: 2025-12-28T00:00:00+09:00, or "" */
    char *crawled_at;      /* same form, or "" */
    char *url;
    char *oid, *aid;       /* strings: "020" stays "020" */
    char *content_hash;    /* as declared in the front matter, lower-case hex, or "" */
    char *computed_hash;   /* SHA-256 of the body (entities decoded, trimmed) */
    int hash_ok;           /* computed_hash equals content_hash */
    struct person *people;
    size_t n_people;
    char *body;            /* normalised body text (paragraphs joined with "\n") */
    size_t characters;     /* code points in body */
    size_t n_sentences;    /* sentences.count, kept after article_drop_text */
    struct sentence_list sentences; /* offsets are byte offsets into body */
    void *packed;          /* article_pack's single block (owns every string), or NULL */
};

struct article_options {
    int strict_hash;   /* a content_hash mismatch is an error, not a warning */
    int dated_run;     /* today_kst holds the run's day (0: no "future" check) */
    long today_kst;    /* the run's day in Korea (util/date.h); a date more than
                          ARTICLE_MAX_DAYS_AHEAD after it is an error */
    const struct sentence_hooks *sentence_hooks;   /* glued sub-headings by the template's
                                                      names (sentence.h); NULL: none */
};

/* Parses one article file. On success fills *out (release with article_free) and returns
 * EXP_OK. On bad input reports "file:line:col: error: …" through d and returns EXP_DATAERR
 * (EXP_NOINPUT when the file cannot be opened, EXP_IOERR on a read error); *out is then
 * left zeroed. */
enum exp_status article_parse_file(const char *path, const struct article_options *opts,
                                   struct diag *d, struct article *out);

/* Parses an article held in memory; path is used only in messages and source_file. */
enum exp_status article_parse_buffer(const char *path, const char *data, size_t len,
                                     const struct article_options *opts, struct diag *d,
                                     struct article *out);

/* Frees the body and the sentences once their facts are taken, keeping the metadata and
 * the counts (characters, n_sentences), so a large run holds no corpus text. */
void article_drop_text(struct article *a);

/* Once a run has written an article's rows, keeps only what is read later — id, title,
 * publisher, published_at, url, content_hash (duplicate detection), source_file, and the
 * people's names and roles — in one allocation, and frees everything else (text, sentences,
 * the other fields, which become ""). A large run then holds about half a kilobyte per
 * article, packed densely whatever thread parsed it. article_free frees a packed article. */
void article_pack(struct article *a);

/* Frees everything the article owns; article_free(NULL) does nothing. */
void article_free(struct article *a);

/* A set of articles, read once each: a file whose id, url or content_hash was already seen
 * is a duplicate, reported as a note and dropped. */
struct article_set {
    struct article *items;
    size_t count, cap;
    struct hash_index by_id, by_url, by_hash;   /* article numbers by key (util/hash.h) */
};

/* Adds *a (taking ownership; *a is zeroed) unless it duplicates one already held, in which
 * case the duplicate is freed, a warning is reported and 0 is returned; 1 when added. */
int article_set_add(struct article_set *set, struct article *a, struct diag *d);
/* Sorts by published_at, then id, so output order never depends on the file system. */
void article_set_sort(struct article_set *set);
void article_set_free(struct article_set *set);

#endif

/* catalog.c — see catalog.h.
 *
 * Records are appended to the spill file one after another, so article i's record runs from
 * its offset to the next article's (the last one's to the end of what was written): the
 * offsets are all the catalog keeps to find them. A record is: seven strings, each a 32-bit
 * length and its bytes (source file, id, title, publisher, published_at, url, content hash),
 * the number of people as a 32-bit count, then each person's name and role as strings. The
 * file is the process's own (native byte order) and never outlives it. */
#include "merge/catalog.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "util/buf.h"
#include "util/date.h"
#include "util/fsutil.h"

/* ---- The corpus summary ---- */

static struct hash_key publisher_key(const void *ctx, size_t i)
{
    const char *name = ((const struct corpus_summary *)ctx)->publishers[i].name;
    return (struct hash_key){ name, strlen(name) };
}

void corpus_summary_init(struct corpus_summary *s)
{
    memset(s, 0, sizeof *s);
    s->first_day = DATE_OPEN_END;
    s->last_day = DATE_OPEN_START;
    s->newest = -1;
    hash_index_init(&s->by_name, publisher_key, s);
}

static int nonempty(const char *s)
{
    return s && *s;
}

void corpus_summary_add(struct corpus_summary *s, const struct article *a)
{
    s->n_articles++;
    struct date_time t;
    if (nonempty(a->published_at) && date_parse_time(a->published_at, &t) == 0) {
        long day = date_time_kst_day(&t);
        s->first_day = day < s->first_day ? day : s->first_day;
        s->last_day = day > s->last_day ? day : s->last_day;
        long long epoch = date_time_epoch(&t);
        s->newest = epoch > s->newest ? epoch : s->newest;
    }
    const char *name = a->publisher ? a->publisher : "";
    size_t k = hash_index_find(&s->by_name, name, strlen(name));
    if (k == HASH_NONE) {
        xgrow(&s->publishers, &s->cap, s->n_publishers + 1, sizeof *s->publishers);
        s->publishers[s->n_publishers] = (struct corpus_publisher){ xstrdup(name), 0 };
        k = s->n_publishers++;
        hash_index_add(&s->by_name, k);
    }
    s->publishers[k].articles++;
}

void corpus_summary_of_set(struct corpus_summary *s, const struct article_set *set)
{
    corpus_summary_init(s);
    for (size_t i = 0; set && i < set->count; i++)
        corpus_summary_add(s, &set->items[i]);
}

const struct corpus_publisher *corpus_summary_publisher(const struct corpus_summary *s,
                                                        const char *name)
{
    size_t k = hash_index_find(&s->by_name, name, strlen(name));
    return k == HASH_NONE ? NULL : &s->publishers[k];
}

void corpus_summary_free(struct corpus_summary *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n_publishers; i++)
        free(s->publishers[i].name);
    free(s->publishers);
    hash_index_free(&s->by_name);
    memset(s, 0, sizeof *s);
}

/* ---- The catalog ---- */

enum { KEY_ID, KEY_URL, KEY_BODY, N_KEYS };
#define DIGEST_BYTES 16

struct entry {
    uint8_t digest[N_KEYS][DIGEST_BYTES];   /* all zero: no such key (empty) */
    uint64_t offset;                        /* the record's place in the spill file */
};

struct catalog {
    struct entry *entries;
    size_t count, cap;
    struct hash_index index[N_KEYS];
    FILE *spill;
    uint64_t end;            /* bytes written to the spill file */
    int write_failed;
    struct corpus_summary summary;
};

static struct hash_key digest_key(const struct catalog *c, size_t i, int k)
{
    return (struct hash_key){ c->entries[i].digest[k], DIGEST_BYTES };
}

static struct hash_key id_key(const void *ctx, size_t i)
{
    return digest_key(ctx, i, KEY_ID);
}

static struct hash_key url_key(const void *ctx, size_t i)
{
    return digest_key(ctx, i, KEY_URL);
}

static struct hash_key body_key(const void *ctx, size_t i)
{
    return digest_key(ctx, i, KEY_BODY);
}

struct catalog *catalog_new(struct diag *d)
{
    char *path = NULL;
    int fd = fsutil_temp_file("exporter-catalog", &path);
    FILE *fp = fd >= 0 ? fdopen(fd, "w+b") : NULL;
    if (!fp) {
        diag_error(d, path ? path : "$TMPDIR or /tmp", 0, 0,
                   "cannot make a temporary file: %s", strerror(errno));
        if (fd >= 0)
            close(fd);
        if (path)
            unlink(path);
        free(path);
        return NULL;
    }
    unlink(path);   /* gone with the process, whatever happens to it */
    free(path);
    struct catalog *c = xcalloc(1, sizeof *c);
    c->spill = fp;
    hash_index_init(&c->index[KEY_ID], id_key, c);
    hash_index_init(&c->index[KEY_URL], url_key, c);
    hash_index_init(&c->index[KEY_BODY], body_key, c);
    corpus_summary_init(&c->summary);
    return c;
}

/* The key's digest; an empty key stays all zero (and is never looked up). */
static void digest(const char *key, uint8_t out[DIGEST_BYTES])
{
    memset(out, 0, DIGEST_BYTES);
    if (!nonempty(key))
        return;
    struct sha256_ctx ctx;
    uint8_t full[SHA256_DIGEST_SIZE];
    sha256_init(&ctx);
    sha256_update(&ctx, strlen(key), (const uint8_t *)key);
    sha256_digest(&ctx, sizeof full, full);
    memcpy(out, full, DIGEST_BYTES);
}

static void put_string(struct catalog *c, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    uint32_t len = n > UINT32_MAX ? UINT32_MAX : (uint32_t)n;
    if (fwrite(&len, sizeof len, 1, c->spill) != 1 || (len && fwrite(s, 1, len, c->spill) != len))
        c->write_failed = 1;
    c->end += sizeof len + len;
}

static void put_record(struct catalog *c, const struct article *a)
{
    const char *fields[] = { a->source_file, a->id, a->title, a->publisher, a->published_at,
                             a->url, a->content_hash };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        put_string(c, fields[i]);
    uint32_t n = (uint32_t)a->n_people;
    if (fwrite(&n, sizeof n, 1, c->spill) != 1)
        c->write_failed = 1;
    c->end += sizeof n;
    for (size_t k = 0; k < n; k++) {
        put_string(c, a->people[k].name);
        put_string(c, a->people[k].role);
    }
}

/* Article i's record, read back into *out (a fresh buffer the caller frees). */
static int read_record(struct catalog *c, size_t i, char **out, size_t *len)
{
    uint64_t from = c->entries[i].offset;
    uint64_t to = i + 1 < c->count ? c->entries[i + 1].offset : c->end;
    if (fflush(c->spill) != 0 || to < from)
        return -1;
    *len = (size_t)(to - from);
    *out = xmalloc(*len + 1);
    size_t got = 0;
    while (got < *len) {
        ssize_t n = pread(fileno(c->spill), *out + got, *len - got, (off_t)(from + got));
        if (n <= 0) {
            free(*out);
            *out = NULL;
            return -1;
        }
        got += (size_t)n;
    }
    return 0;
}

/* The next string of a record (a fresh copy), or NULL when the record ends early. */
static char *take_string(const char **at, const char *end)
{
    uint32_t len;
    if ((size_t)(end - *at) < sizeof len)
        return NULL;
    memcpy(&len, *at, sizeof len);
    *at += sizeof len;
    if ((size_t)(end - *at) < len)
        return NULL;
    char *s = xstrndup(*at, len);
    *at += len;
    return s;
}

/* Article i as article_pack keeps it. */
static int read_article(struct catalog *c, size_t i, struct article *a)
{
    char *rec;
    size_t len;
    memset(a, 0, sizeof *a);
    if (read_record(c, i, &rec, &len) != 0)
        return -1;
    const char *at = rec, *end = rec + len;
    char **fields[] = { &a->source_file, &a->id, &a->title, &a->publisher, &a->published_at,
                        &a->url, &a->content_hash };
    int ok = 1;
    for (size_t k = 0; k < sizeof fields / sizeof fields[0] && ok; k++)
        ok = (*fields[k] = take_string(&at, end)) != NULL;
    uint32_t n = 0;
    if (ok && (size_t)(end - at) >= sizeof n) {
        memcpy(&n, at, sizeof n);
        at += sizeof n;
    }
    a->people = xcalloc(n + 1, sizeof *a->people);
    for (; ok && a->n_people < n; a->n_people++) {
        struct person *p = &a->people[a->n_people];
        p->name = take_string(&at, end);
        p->role = take_string(&at, end);
        p->org = xstrdup("");
        p->email = xstrdup("");
        ok = p->name && p->role;
    }
    free(rec);
    if (!ok) {
        article_free(a);
        return -1;
    }
    article_pack(a);
    return 0;
}

/* The file named by article i's record (its first string), or NULL. */
static char *source_file_of(struct catalog *c, size_t i)
{
    char *rec, *name = NULL;
    size_t len;
    if (read_record(c, i, &rec, &len) == 0) {
        const char *at = rec;
        name = take_string(&at, rec + len);
        free(rec);
    }
    return name;
}

int catalog_add(struct catalog *c, const struct article *a, struct diag *d)
{
    static const char *const why[N_KEYS] = { "id", "url", "content" };
    const char *keys[N_KEYS] = { a->id, a->url, a->computed_hash };
    struct entry e = { .offset = c->end };
    for (int k = 0; k < N_KEYS; k++) {
        digest(keys[k], e.digest[k]);
        size_t held = nonempty(keys[k]) ? hash_index_find(&c->index[k], e.digest[k], DIGEST_BYTES)
                                        : HASH_NONE;
        if (held != HASH_NONE) {
            char *first = source_file_of(c, held);
            diag_warning(d, a->source_file, 0, 0, "duplicate of %s (same %s); read once",
                         first ? first : "an earlier article", why[k]);
            free(first);
            return 0;
        }
    }
    xgrow(&c->entries, &c->cap, c->count + 1, sizeof *c->entries);
    c->entries[c->count++] = e;
    for (int k = 0; k < N_KEYS; k++)
        if (nonempty(keys[k]))
            hash_index_add(&c->index[k], c->count - 1);
    put_record(c, a);
    corpus_summary_add(&c->summary, a);
    return 1;
}

size_t catalog_count(const struct catalog *c)
{
    return c->count;
}

const struct corpus_summary *catalog_summary(const struct catalog *c)
{
    return &c->summary;
}

/* ---- The cited articles ---- */

/* Ids the briefing may cite, each once. */
struct id_list {
    struct hash_set *seen;
    const char **ids;
    size_t n, cap;
};

static void want(struct id_list *l, const char *id)
{
    if (nonempty(id) && hash_set_add(l->seen, id, strlen(id))) {
        xgrow(&l->ids, &l->cap, l->n + 1, sizeof *l->ids);
        l->ids[l->n++] = id;
    }
}

static void want_row(struct id_list *l, const struct table_row *row, size_t n_columns)
{
    for (size_t c = 0; c < n_columns; c++)
        for (size_t v = 0; v < row->cells[c].n_values; v++) {
            const struct table_value *tv = &row->cells[c].values[v];
            for (size_t k = 0; k < tv->n_citations; k++)
                want(l, tv->citations[k].article_id);
        }
    for (size_t k = 0; k < row->n_first_sources; k++)
        want(l, row->first_sources[k]);
    if (row->n_sources)
        want(l, row->sources[0]);
}

static void want_cited(struct id_list *l, const struct table *t, const struct quotes *q)
{
    for (size_t r = 0; r < t->n_rows; r++) {
        want_row(l, &t->rows[r], t->tpl->n_columns);
        size_t n = 0;
        const struct quote *best = q ? quotes_of(q, t->rows[r].entity, &n) : NULL;
        for (size_t k = 0; k < n; k++)
            want(l, best[k].article_id);
    }
}

enum exp_status catalog_citable(struct catalog *c, const struct table *t, const struct quotes *q,
                                struct article_set *out, struct diag *d)
{
    memset(out, 0, sizeof *out);
    struct id_list l = { .seen = hash_set_new() };
    want_cited(&l, t, q);
    enum exp_status st = c->write_failed ? EXP_IOERR : EXP_OK;
    for (size_t i = 0; i < l.n && st == EXP_OK; i++) {
        uint8_t key[DIGEST_BYTES];
        digest(l.ids[i], key);
        size_t held = hash_index_find(&c->index[KEY_ID], key, DIGEST_BYTES);
        if (held == HASH_NONE)
            continue;   /* not an article of this run (cannot happen: the table saw it) */
        struct article a;
        if (read_article(c, held, &a) != 0) {
            st = EXP_IOERR;
            break;
        }
        article_set_add(out, &a, d);
    }
    if (st != EXP_OK)
        diag_error(d, NULL, 0, 0, "the run's article list (a temporary file) could not be "
                   "written or read back: %s", strerror(errno ? errno : EIO));
    hash_set_free(l.seen);
    free(l.ids);
    article_set_sort(out);
    return st;
}

void catalog_free(struct catalog *c)
{
    if (!c)
        return;
    for (int k = 0; k < N_KEYS; k++)
        hash_index_free(&c->index[k]);
    free(c->entries);
    if (c->spill)
        fclose(c->spill);
    corpus_summary_free(&c->summary);
    free(c);
}

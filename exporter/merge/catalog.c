/* catalog.c — see catalog.h.
 *
 * The catalog is a private SQLite database (opened with an empty name: SQLite keeps it in its
 * page cache and spills it to an unlinked temporary file only past CATALOG_CACHE_KIB, in
 * $SQLITE_TMPDIR, $TMPDIR, /var/tmp or /tmp, the first that is usable). Two tables:
 *   articles(n INTEGER PRIMARY KEY, source_file, id, title, publisher, published_at, url,
 *            content_hash, people) — people: each person's name and role, NUL-terminated,
 *            one after another (a blob)
 *   keys(digest BLOB PRIMARY KEY, n) WITHOUT ROWID — the 128-bit digest of each of an
 *            article's keys (id, url, body hash), tagged with the key's kind
 * One transaction holds everything (no journal: the file dies with the process). */
#include "merge/catalog.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/sha2.h>
#include <sqlite3.h>

#include "util/buf.h"
#include "util/date.h"

/* The page cache the catalog may fill before SQLite writes to its temporary file: a week of
 * a few thousand articles never touches the disk, a larger one costs no more memory. */
#define CATALOG_CACHE_KIB 2048

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

enum { ST_PUT_ARTICLE, ST_PUT_KEY, ST_FIND_KEY, ST_GET_ARTICLE, N_ST };

static const char *const statements[N_ST] = {
    [ST_PUT_ARTICLE] = "INSERT INTO articles (n, source_file, id, title, publisher, "
                       "published_at, url, content_hash, people) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    [ST_PUT_KEY] = "INSERT INTO keys (digest, n) VALUES (?1, ?2)",
    [ST_FIND_KEY] = "SELECT n FROM keys WHERE digest = ?1",
    [ST_GET_ARTICLE] = "SELECT source_file, id, title, publisher, published_at, url, "
                       "content_hash, people FROM articles WHERE n = ?1",
};

static const char schema[] =
    "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE;"
    "PRAGMA temp_store = FILE;"
    "CREATE TABLE articles (n INTEGER PRIMARY KEY, source_file TEXT, id TEXT, title TEXT,"
    "  publisher TEXT, published_at TEXT, url TEXT, content_hash TEXT, people BLOB);"
    "CREATE TABLE keys (digest BLOB PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;"
    "BEGIN;";

struct catalog {
    sqlite3 *db;
    sqlite3_stmt *st[N_ST];
    size_t count;
    int failed;              /* SQLite could not store an article: reported once */
    struct corpus_summary summary;
};

static void report_failure(struct catalog *c, struct diag *d)
{
    if (c->failed++)
        return;
    diag_error(d, NULL, 0, 0, "the run's article list (a temporary database) could not be "
               "written or read back: %s", c->db ? sqlite3_errmsg(c->db) : "out of memory");
}

struct catalog *catalog_new(struct diag *d)
{
    struct catalog *c = xcalloc(1, sizeof *c);
    corpus_summary_init(&c->summary);
    char pragma[64];
    snprintf(pragma, sizeof pragma, "PRAGMA cache_size = -%d;", CATALOG_CACHE_KIB);
    int rc = sqlite3_open_v2("", &c->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(c->db, pragma, NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(c->db, schema, NULL, NULL, NULL);
    for (int i = 0; rc == SQLITE_OK && i < N_ST; i++)
        rc = sqlite3_prepare_v3(c->db, statements[i], -1, SQLITE_PREPARE_PERSISTENT, &c->st[i],
                                NULL);
    if (rc != SQLITE_OK) {
        if (rc == SQLITE_NOMEM)
            x_out_of_memory("sqlite");
        diag_error(d, "$TMPDIR or /tmp", 0, 0, "cannot make the run's article list (a "
                   "temporary database): %s", c->db ? sqlite3_errmsg(c->db) : sqlite3_errstr(rc));
        catalog_free(c);
        return NULL;
    }
    return c;
}

/* The key's digest, tagged with its kind (an id never matches a url); an empty key stays all
 * zero and is never looked up. */
static void digest(int kind, const char *key, uint8_t out[DIGEST_BYTES])
{
    memset(out, 0, DIGEST_BYTES);
    if (!nonempty(key))
        return;
    struct sha256_ctx ctx;
    uint8_t full[SHA256_DIGEST_SIZE], tag = (uint8_t)kind;
    sha256_init(&ctx);
    sha256_update(&ctx, 1, &tag);
    sha256_update(&ctx, strlen(key), (const uint8_t *)key);
    sha256_digest(&ctx, sizeof full, full);
    memcpy(out, full, DIGEST_BYTES);
}

/* The statement, reset and unbound. */
static sqlite3_stmt *stmt(struct catalog *c, int which)
{
    sqlite3_reset(c->st[which]);
    sqlite3_clear_bindings(c->st[which]);
    return c->st[which];
}

/* The article holding this digest, or -1 (none, or SQLite failed: *rc says). */
static long long find_key(struct catalog *c, const uint8_t key[DIGEST_BYTES], int *rc)
{
    sqlite3_stmt *st = stmt(c, ST_FIND_KEY);
    long long n = -1;
    *rc = sqlite3_bind_blob(st, 1, key, DIGEST_BYTES, SQLITE_STATIC);
    if (*rc == SQLITE_OK) {
        *rc = sqlite3_step(st);
        if (*rc == SQLITE_ROW)
            n = sqlite3_column_int64(st, 0);
        *rc = *rc == SQLITE_ROW || *rc == SQLITE_DONE ? SQLITE_OK : *rc;
    }
    sqlite3_reset(st);
    return n;
}

static int bind_text(sqlite3_stmt *st, int col, const char *s)
{
    return sqlite3_bind_text(st, col, s ? s : "", -1, SQLITE_STATIC);
}

/* Article a as row n. */
static int put_article(struct catalog *c, long long n, const struct article *a)
{
    struct buf people = BUF_INIT;
    buf_puts(&people, "");
    for (size_t k = 0; k < a->n_people; k++) {
        const char *name = a->people[k].name ? a->people[k].name : "";
        const char *role = a->people[k].role ? a->people[k].role : "";
        buf_append(&people, name, strlen(name) + 1);
        buf_append(&people, role, strlen(role) + 1);
    }
    sqlite3_stmt *st = stmt(c, ST_PUT_ARTICLE);
    const char *fields[] = { a->source_file, a->id, a->title, a->publisher, a->published_at,
                             a->url, a->content_hash };
    int rc = sqlite3_bind_int64(st, 1, n);
    for (int i = 0; rc == SQLITE_OK && i < 7; i++)
        rc = bind_text(st, i + 2, fields[i]);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_blob(st, 9, people.data, (int)people.len, SQLITE_STATIC);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(c->db);
    sqlite3_reset(st);
    buf_free(&people);
    return rc;
}

static int put_key(struct catalog *c, const uint8_t key[DIGEST_BYTES], long long n)
{
    sqlite3_stmt *st = stmt(c, ST_PUT_KEY);
    int rc = sqlite3_bind_blob(st, 1, key, DIGEST_BYTES, SQLITE_STATIC);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(st, 2, n);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(c->db);
    sqlite3_reset(st);
    return rc;
}

/* A fresh copy of column col, "" for NULL. */
static char *column_dup(sqlite3_stmt *st, int col)
{
    const char *s = (const char *)sqlite3_column_text(st, col);
    return xstrdup(s ? s : "");
}

/* The people blob back into a->people: name and role, NUL-terminated, pair after pair. */
static void read_people(struct article *a, const char *p, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += p[i] == '\0';
    a->people = xcalloc(n / 2 + 1, sizeof *a->people);
    for (const char *end = p + len; p < end && a->n_people < n / 2; a->n_people++) {
        struct person *who = &a->people[a->n_people];
        who->name = xstrdup(p);
        p += strlen(p) + 1;
        who->role = xstrdup(p);
        p += strlen(p) + 1;
        who->org = xstrdup("");
        who->email = xstrdup("");
    }
}

/* Article n as article_pack keeps it; SQLite's code when it cannot be read. */
static int read_article(struct catalog *c, long long n, struct article *a)
{
    memset(a, 0, sizeof *a);
    sqlite3_stmt *st = stmt(c, ST_GET_ARTICLE);
    int rc = sqlite3_bind_int64(st, 1, n);
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        char **fields[] = { &a->source_file, &a->id, &a->title, &a->publisher,
                            &a->published_at, &a->url, &a->content_hash };
        for (int i = 0; i < 7; i++)
            *fields[i] = column_dup(st, i);
        read_people(a, sqlite3_column_blob(st, 7), (size_t)sqlite3_column_bytes(st, 7));
        rc = SQLITE_OK;
    } else if (rc == SQLITE_DONE) {
        rc = SQLITE_NOTFOUND;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_OK)
        return rc;
    article_pack(a);
    return SQLITE_OK;
}

/* The file article n was read from, or NULL. */
static char *source_file_of(struct catalog *c, long long n)
{
    struct article a;
    if (read_article(c, n, &a) != SQLITE_OK)
        return NULL;
    char *name = xstrdup(a.source_file);
    article_free(&a);
    return name;
}

int catalog_add(struct catalog *c, const struct article *a, struct diag *d)
{
    static const char *const why[N_KEYS] = { "id", "url", "content" };
    const char *keys[N_KEYS] = { a->id, a->url, a->computed_hash };
    uint8_t key[N_KEYS][DIGEST_BYTES];
    int rc = SQLITE_OK;
    for (int k = 0; k < N_KEYS; k++) {
        digest(k, keys[k], key[k]);
        long long held = nonempty(keys[k]) ? find_key(c, key[k], &rc) : -1;
        if (rc != SQLITE_OK)
            break;
        if (held >= 0) {
            char *first = source_file_of(c, held);
            diag_warning(d, a->source_file, 0, 0, "duplicate of %s (same %s); read once",
                         first ? first : "an earlier article", why[k]);
            free(first);
            return 0;
        }
    }
    long long n = (long long)c->count;
    if (rc == SQLITE_OK)
        rc = put_article(c, n, a);
    for (int k = 0; rc == SQLITE_OK && k < N_KEYS; k++)
        if (nonempty(keys[k]))
            rc = put_key(c, key[k], n);
    if (rc == SQLITE_NOMEM)
        x_out_of_memory("sqlite");
    if (rc != SQLITE_OK) {
        report_failure(c, d);
        return -1;
    }
    c->count++;
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
    enum exp_status st = c->failed ? EXP_IOERR : EXP_OK;
    for (size_t i = 0; i < l.n && st == EXP_OK; i++) {
        uint8_t key[DIGEST_BYTES];
        int rc = SQLITE_OK;
        digest(KEY_ID, l.ids[i], key);
        long long held = find_key(c, key, &rc);
        struct article a;
        if (rc == SQLITE_OK && held < 0)
            continue;   /* not an article of this run (cannot happen: the table saw it) */
        if (rc == SQLITE_OK)
            rc = read_article(c, held, &a);
        if (rc == SQLITE_NOMEM)
            x_out_of_memory("sqlite");
        if (rc != SQLITE_OK) {
            report_failure(c, d);
            st = EXP_IOERR;
            break;
        }
        article_set_add(out, &a, d);
    }
    hash_set_free(l.seen);
    free(l.ids);
    article_set_sort(out);
    return st;
}

void catalog_free(struct catalog *c)
{
    if (!c)
        return;
    for (int i = 0; i < N_ST; i++)
        sqlite3_finalize(c->st[i]);
    sqlite3_close(c->db);   /* its temporary file goes with it */
    corpus_summary_free(&c->summary);
    free(c);
}

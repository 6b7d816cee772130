/* archive.c — see archive.h. */
#include "merge/archive.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "extract/quantity.h"
#include "util/buf.h"

/* The statements a run executes many times (per article, per fact, per cell), prepared once
 * on first use and kept until archive_close: preparing is most of the cost of a one-row
 * statement. */
enum stmt_id {
    STMT_CLEAR_CELLS, STMT_CLEAR_COVERAGE, STMT_CLEAR_WEEK_ARTICLES, STMT_PUT_WEEK,
    STMT_PUT_ARTICLE, STMT_CLEAR_FACTS, STMT_CLEAR_SENTENCES, STMT_PUT_WEEK_ARTICLE,
    STMT_PUT_SENTENCE, STMT_PUT_FACT, STMT_PUT_CELL,
    STMT_COUNT_WEEK, STMT_PUT_COVERAGE,
    N_STMTS
};

static const char *const stmt_sql[N_STMTS] = {
    [STMT_CLEAR_CELLS] = "DELETE FROM cells WHERE week = ?1",
    [STMT_CLEAR_COVERAGE] = "DELETE FROM coverage WHERE week = ?1",
    [STMT_CLEAR_WEEK_ARTICLES] = "DELETE FROM week_articles WHERE week = ?1",
    [STMT_PUT_WEEK] = "INSERT INTO weeks (week, since, until, template_id, articles) "
                      "VALUES (?1, ?2, ?3, ?4, 0) ON CONFLICT (week) DO UPDATE SET "
                      "since = ?2, until = ?3, template_id = ?4, articles = 0",
    [STMT_PUT_ARTICLE] = "INSERT INTO articles (id, title, publisher, published_at, day, url, "
                         "content_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                         "ON CONFLICT (id) DO UPDATE SET title = ?2, publisher = ?3, "
                         "published_at = ?4, day = ?5, url = ?6, content_hash = ?7",
    [STMT_CLEAR_FACTS] = "DELETE FROM facts WHERE article_id = ?2",
    [STMT_CLEAR_SENTENCES] = "DELETE FROM sentences WHERE article_id = ?2",
    [STMT_PUT_SENTENCE] = "INSERT OR IGNORE INTO sentences (article_id, sentence_no, sentence) "
                          "VALUES (?1, ?2, ?3)",
    [STMT_PUT_WEEK_ARTICLE] = "INSERT OR IGNORE INTO week_articles (week, article_id) "
                              "VALUES (?1, ?2)",
    [STMT_PUT_FACT] = "INSERT INTO facts (article_id, seq, entity_id, column_id, value, unit, "
                      "qualifier, raw_text, sentence_no) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    [STMT_PUT_CELL] = "INSERT INTO cells (week, entity_id, entity, column_id, value, sources) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [STMT_COUNT_WEEK] = "UPDATE weeks SET articles = (SELECT count(*) FROM week_articles "
                        "WHERE week = ?1) WHERE week = ?1",
    [STMT_PUT_COVERAGE] = "INSERT INTO coverage (week, entity_id, entity, publisher, articles, "
                          "mentions) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
};

struct archive {
    sqlite3 *db;
    char *path;
    char week[9];          /* the week being written, "" outside a transaction */
    int in_transaction;
    sqlite3_stmt *stmts[N_STMTS];   /* prepared on first use (stmt()) */
    unsigned long prepares;         /* statements compiled: archive_prepare_count */
};

/* ---- Errors ---- */

/* The status an SQLite result code means for the run. */
static enum exp_status status_of(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return EXP_LOCKED;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT: return EXP_ARCHIVE;
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM: return EXP_CANTCREAT;
    case SQLITE_NOMEM: return EXP_OSERR;
    default: return EXP_IOERR;
    }
}

static enum exp_status fail(struct archive *a, int rc, const char *what, struct diag *d)
{
    enum exp_status st = status_of(rc);
    const char *why = a->db ? sqlite3_errmsg(a->db) : sqlite3_errstr(rc);
    if (st == EXP_LOCKED)
        diag_error(d, a->path, 0, 0, "the archive is locked by another run (%s)", what);
    else if (st == EXP_ARCHIVE)
        diag_error(d, a->path, 0, 0, "the archive is corrupt (%s: %s); it is left as it is",
                   what, why);
    else
        diag_error(d, a->path, 0, 0, "archive: %s: %s", what, why);
    return st;
}

static int exec(struct archive *a, const char *sql)
{
    return sqlite3_exec(a->db, sql, NULL, NULL, NULL);
}

/* The cached statement id, reset and with no bindings, ready to bind and step. */
static int stmt(struct archive *a, enum stmt_id id, sqlite3_stmt **out)
{
    if (!a->stmts[id]) {
        int rc = sqlite3_prepare_v3(a->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
                                    &a->stmts[id], NULL);
        if (rc != SQLITE_OK)
            return rc;
        a->prepares++;
    } else {
        sqlite3_reset(a->stmts[id]);
        sqlite3_clear_bindings(a->stmts[id]);
    }
    *out = a->stmts[id];
    return SQLITE_OK;
}

/* Steps a statement that returns no rows; leaves it reset, so it holds no lock or row. */
static int step_done(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* One integer from a single-row query (a PRAGMA); rc from SQLite. */
static int query_int(struct archive *a, const char *sql, long long *out)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(a->db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            *out = sqlite3_column_int64(st, 0);
            rc = SQLITE_OK;
        } else if (rc == SQLITE_DONE) {
            *out = 0;
            rc = SQLITE_OK;
        }
    }
    sqlite3_finalize(st);
    return rc;
}

/* ---- Opening: is it ours, the schema, migrations ---- */

static const char schema_v1[] =
    "CREATE TABLE articles ("
    "  id TEXT PRIMARY KEY, title TEXT NOT NULL, publisher TEXT NOT NULL,"
    "  published_at TEXT NOT NULL, day TEXT NOT NULL, url TEXT NOT NULL,"
    "  content_hash TEXT NOT NULL);"
    "CREATE TABLE facts ("
    "  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
    "  seq INTEGER NOT NULL, entity_id TEXT NOT NULL, column_id TEXT NOT NULL,"
    "  value TEXT NOT NULL, unit TEXT NOT NULL, qualifier TEXT NOT NULL,"
    "  raw_text TEXT NOT NULL, sentence_no INTEGER NOT NULL, sentence TEXT NOT NULL,"
    "  PRIMARY KEY (article_id, seq));"
    "CREATE TABLE weeks ("
    "  week TEXT PRIMARY KEY, since TEXT NOT NULL, until TEXT NOT NULL,"
    "  template_id TEXT NOT NULL, articles INTEGER NOT NULL);"
    "CREATE TABLE week_articles ("
    "  week TEXT NOT NULL REFERENCES weeks(week) ON DELETE CASCADE,"
    "  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
    "  PRIMARY KEY (week, article_id));"
    "CREATE TABLE cells ("
    "  week TEXT NOT NULL REFERENCES weeks(week) ON DELETE CASCADE,"
    "  entity_id TEXT NOT NULL, entity TEXT NOT NULL, column_id TEXT NOT NULL,"
    "  value TEXT NOT NULL, sources TEXT NOT NULL,"
    "  PRIMARY KEY (week, entity_id, column_id));"
    "CREATE TABLE coverage ("
    "  week TEXT NOT NULL REFERENCES weeks(week) ON DELETE CASCADE,"
    "  entity_id TEXT NOT NULL, entity TEXT NOT NULL, publisher TEXT NOT NULL,"
    "  articles INTEGER NOT NULL, mentions INTEGER NOT NULL,"
    "  PRIMARY KEY (week, entity_id, publisher));";

/* Version 2: each sentence stored once per article (version 1 kept it on every fact read in
 * it, some 11 KB an article), the facts pointing at it by (article_id, sentence_no). */
static const char schema_v2_step[] =
    "CREATE TABLE sentences ("
    "  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
    "  sentence_no INTEGER NOT NULL, sentence TEXT NOT NULL,"
    "  PRIMARY KEY (article_id, sentence_no));"
    "INSERT OR IGNORE INTO sentences (article_id, sentence_no, sentence)"
    "  SELECT article_id, sentence_no, sentence FROM facts ORDER BY article_id, seq;"
    "ALTER TABLE facts DROP COLUMN sentence;";

/* Brings a schema at `from` up to ARCHIVE_SCHEMA_VERSION, inside the caller's transaction.
 * Version 0 is a fresh file. Every step runs in order, so an archive of any age (and a fresh
 * one) arrives at the current schema the same way; a later version adds its `case`. */
static int migrate(struct archive *a, long long from)
{
    int rc = SQLITE_OK;
    switch (from) {
    case 0:
        rc = exec(a, schema_v1);
        if (rc != SQLITE_OK)
            return rc;
        /* fall through */
    case 1:
        rc = exec(a, schema_v2_step);
        if (rc != SQLITE_OK)
            return rc;
        /* fall through */
    default:
        break;
    }
    char sql[96];
    snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA user_version = %d;",
             ARCHIVE_APPLICATION_ID, ARCHIVE_SCHEMA_VERSION);
    return exec(a, sql);
}

/* 1 when the file starts like an SQLite database; 0 when it has other bytes; -1 unreadable. */
static int has_sqlite_header(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return -1;
    char head[16];
    size_t n = fread(head, 1, sizeof head, fp);
    fclose(fp);
    return n == sizeof head && memcmp(head, "SQLite format 3", 16) == 0;
}

/* Refuses a file that exists but is not an exporter archive, before SQLite writes a byte. */
static enum exp_status check_existing_file(const char *path, int *fresh, struct diag *d)
{
    struct stat sb;
    *fresh = 0;
    if (stat(path, &sb) != 0) {
        *fresh = errno == ENOENT;
        if (*fresh)
            return EXP_OK;
        diag_error(d, path, 0, 0, "cannot read the archive: %s", strerror(errno));
        return EXP_CANTCREAT;
    }
    if (!S_ISREG(sb.st_mode)) {
        diag_error(d, path, 0, 0, "the archive is not a regular file");
        return EXP_ARCHIVE;
    }
    if (sb.st_size == 0) {
        *fresh = 1;
        return EXP_OK;
    }
    int h = has_sqlite_header(path);
    if (h < 0) {
        diag_error(d, path, 0, 0, "cannot read the archive: %s", strerror(errno));
        return EXP_CANTCREAT;
    }
    if (!h) {
        diag_error(d, path, 0, 0, "not an exporter archive (not an SQLite database); "
                   "it is left as it is (use another --archive or --no-archive)");
        return EXP_ARCHIVE;
    }
    return EXP_OK;
}

/* Reads the identity of an open database without writing: ours, fresh, or someone else's. */
static enum exp_status check_identity(struct archive *a, long long *version, struct diag *d)
{
    long long app = 0, tables = 0;
    int rc = query_int(a, "PRAGMA application_id", &app);
    if (rc == SQLITE_OK)
        rc = query_int(a, "PRAGMA user_version", version);
    if (rc == SQLITE_OK)
        rc = query_int(a, "SELECT count(*) FROM sqlite_master", &tables);
    if (rc != SQLITE_OK)
        return fail(a, rc, "reading its header", d);
    if (app == 0 && *version == 0 && tables == 0)
        return EXP_OK;   /* an empty database: ours to fill */
    if (app != ARCHIVE_APPLICATION_ID) {
        diag_error(d, a->path, 0, 0, "not an exporter archive (an SQLite database of another "
                   "program); it is left as it is (use another --archive or --no-archive)");
        return EXP_ARCHIVE;
    }
    if (*version > ARCHIVE_SCHEMA_VERSION) {
        diag_error(d, a->path, 0, 0, "the archive has schema version %lld, newer than this "
                   "exporter's %d; it is left as it is", *version, ARCHIVE_SCHEMA_VERSION);
        return EXP_ARCHIVE;
    }
    return EXP_OK;
}

static enum exp_status check_intact(struct archive *a, struct diag *d)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(a->db, "PRAGMA quick_check", -1, &st, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *res = (const char *)sqlite3_column_text(st, 0);
        if (!res || strcmp(res, "ok") != 0) {
            diag_error(d, a->path, 0, 0, "the archive is corrupt (%s); it is left as it is",
                       res ? res : "?");
            sqlite3_finalize(st);
            return EXP_ARCHIVE;
        }
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK ? EXP_OK : fail(a, rc, "checking it", d);
}

/* WAL, foreign keys, and the schema created or migrated in one transaction. */
static enum exp_status prepare_schema(struct archive *a, struct diag *d)
{
    int rc = exec(a, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                     "PRAGMA foreign_keys = ON;");
    if (rc != SQLITE_OK)
        return fail(a, rc, "setting it up", d);
    rc = exec(a, "BEGIN IMMEDIATE");
    if (rc != SQLITE_OK)
        return fail(a, rc, "setting it up", d);
    long long version = 0;
    enum exp_status st = check_identity(a, &version, d);   /* again, under the write lock */
    if (st == EXP_OK && version < ARCHIVE_SCHEMA_VERSION && (rc = migrate(a, version)) != SQLITE_OK)
        st = fail(a, rc, "creating its schema", d);
    if (st == EXP_OK && (rc = exec(a, "COMMIT")) != SQLITE_OK)
        st = fail(a, rc, "creating its schema", d);
    if (st != EXP_OK)
        exec(a, "ROLLBACK");
    return st;
}

enum exp_status archive_open(const char *path, int wait, struct archive **out, struct diag *d)
{
    *out = NULL;
    int fresh = 0;
    enum exp_status st = check_existing_file(path, &fresh, d);
    if (st != EXP_OK)
        return st;
    struct archive *a = xcalloc(1, sizeof *a);
    a->path = xstrdup(path);
    int flags = SQLITE_OPEN_READWRITE | (fresh ? SQLITE_OPEN_CREATE : 0) |
                SQLITE_OPEN_NOMUTEX;
    int rc = sqlite3_open_v2(path, &a->db, flags, NULL);
    if (rc != SQLITE_OK) {
        st = fail(a, rc, "opening it", d);
        archive_close(a);
        return st;
    }
    sqlite3_busy_timeout(a->db, wait ? INT_MAX : ARCHIVE_BUSY_MS);
    long long version = 0;
    st = check_identity(a, &version, d);
    if (st == EXP_OK && !fresh)
        st = check_intact(a, d);
    if (st == EXP_OK)
        st = prepare_schema(a, d);
    if (st != EXP_OK) {
        archive_close(a);
        return st;
    }
    *out = a;
    return EXP_OK;
}

void archive_close(struct archive *a)
{
    if (!a)
        return;
    if (a->in_transaction)
        archive_rollback_week(a);
    for (size_t i = 0; i < N_STMTS; i++)
        sqlite3_finalize(a->stmts[i]);
    sqlite3_close(a->db);
    free(a->path);
    free(a);
}

long archive_count_articles(struct archive *a)
{
    long long n = 0;
    return query_int(a, "SELECT count(*) FROM articles", &n) == SQLITE_OK ? (long)n : -1;
}

/* ---- Writing one week ---- */

/* Prepares sql, binds the text arguments (NULL-terminated list of strings) in order. */
static int prepare_text(struct archive *a, const char *sql, sqlite3_stmt **st,
                        const char *const *args, size_t n)
{
    int rc = sqlite3_prepare_v2(a->db, sql, -1, st, NULL);
    for (size_t i = 0; rc == SQLITE_OK && i < n; i++)
        rc = sqlite3_bind_text(*st, (int)i + 1, args[i] ? args[i] : "", -1, SQLITE_STATIC);
    return rc;
}

/* Runs cached statement id with text arguments (bound in order); it returns no rows. The
 * arguments need only live for the call: the statement is stepped and reset here. */
static int run_text(struct archive *a, enum stmt_id id, const char *const *args, size_t n)
{
    sqlite3_stmt *st = NULL;
    int rc = stmt(a, id, &st);
    for (size_t i = 0; rc == SQLITE_OK && i < n; i++)
        rc = sqlite3_bind_text(st, (int)i + 1, args[i] ? args[i] : "", -1, SQLITE_STATIC);
    return rc == SQLITE_OK ? step_done(st) : rc;
}

unsigned long archive_prepare_count(const struct archive *a)
{
    return a->prepares;
}

enum exp_status archive_begin_week(struct archive *a, const struct date_period *p,
                                   const char *template_id, struct diag *d)
{
    int rc = exec(a, "BEGIN IMMEDIATE");
    if (rc != SQLITE_OK)
        return fail(a, rc, "starting the week", d);
    a->in_transaction = 1;
    date_format_week(p->week, a->week);
    char since[11] = "", until[11] = "";
    if (p->since != DATE_OPEN_START)
        date_format_day(p->since, since);
    if (p->until != DATE_OPEN_END)
        date_format_day(p->until, until);
    const char *wk[] = { a->week };
    static const enum stmt_id clear[] = { STMT_CLEAR_CELLS, STMT_CLEAR_COVERAGE,
                                          STMT_CLEAR_WEEK_ARTICLES };
    for (size_t i = 0; rc == SQLITE_OK && i < sizeof clear / sizeof clear[0]; i++)
        rc = run_text(a, clear[i], wk, 1);
    if (rc == SQLITE_OK) {
        const char *row[] = { a->week, since, until, template_id };
        rc = run_text(a, STMT_PUT_WEEK, row, 4);
    }
    if (rc != SQLITE_OK) {
        enum exp_status st = fail(a, rc, "emptying the week", d);
        archive_rollback_week(a);
        return st;
    }
    return EXP_OK;
}

/* The Korean day of an article, "" when it has no date. */
static void article_day(const struct article *art, char out[11])
{
    struct date_time t;
    out[0] = '\0';
    if (art->published_at && date_parse_time(art->published_at, &t) == 0)
        date_format_day(date_time_kst_day(&t), out);
}

static int put_article(struct archive *a, const struct article *art)
{
    char day[11];
    article_day(art, day);
    const char *row[] = { art->id, art->title, art->publisher, art->published_at, day,
                          art->url, art->content_hash };
    int rc = run_text(a, STMT_PUT_ARTICLE, row, 7);
    const char *link[] = { a->week, art->id };
    if (rc == SQLITE_OK)
        rc = run_text(a, STMT_CLEAR_FACTS, link, 2);
    if (rc == SQLITE_OK)
        rc = run_text(a, STMT_CLEAR_SENTENCES, link, 2);
    if (rc == SQLITE_OK)
        rc = run_text(a, STMT_PUT_WEEK_ARTICLE, link, 2);
    return rc;
}

/* The sentence of fact f, once per article (facts come in sentence order: a sentence
 * already stored for the previous fact is not stored again). */
static int put_sentence(struct archive *a, const struct fact *f, const struct fact *prev)
{
    if (prev && prev->sentence_no == f->sentence_no && !strcmp(prev->article_id, f->article_id))
        return SQLITE_OK;
    sqlite3_stmt *st = NULL;
    int rc = stmt(a, STMT_PUT_SENTENCE, &st);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_text(st, 1, f->article_id ? f->article_id : "", -1, SQLITE_STATIC);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(st, 2, (sqlite3_int64)f->sentence_no);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_text(st, 3, f->sentence ? f->sentence : "", -1, SQLITE_STATIC);
    return rc == SQLITE_OK ? step_done(st) : rc;
}

static int put_facts(struct archive *a, const struct template *tpl,
                     const struct fact_list *facts)
{
    int rc = SQLITE_OK;
    for (size_t i = 0; rc == SQLITE_OK && i < facts->count; i++) {
        const struct fact *f = &facts->items[i];
        rc = put_sentence(a, f, i ? &facts->items[i - 1] : NULL);
        if (rc != SQLITE_OK)
            break;
        const char *text[] = { f->article_id, NULL, tpl->entities[f->entity].id,
                               tpl->columns[f->column].id, f->value, f->unit,
                               quantity_qualifier_name(f->qualifier), f->raw_text };
        sqlite3_stmt *st = NULL;
        rc = stmt(a, STMT_PUT_FACT, &st);
        for (int k = 0; rc == SQLITE_OK && k < 8; k++)
            if (k != 1)
                rc = sqlite3_bind_text(st, k + 1, text[k] ? text[k] : "", -1, SQLITE_STATIC);
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_int64(st, 9, (sqlite3_int64)f->sentence_no);
        if (rc == SQLITE_OK)
            rc = step_done(st);
    }
    return rc;
}

enum exp_status archive_put_article(struct archive *a, const struct article *art,
                                    const struct template *tpl, const struct fact_list *facts,
                                    struct diag *d)
{
    int rc = put_article(a, art);
    if (rc == SQLITE_OK && facts)
        rc = put_facts(a, tpl, facts);
    return rc == SQLITE_OK ? EXP_OK : fail(a, rc, "storing an article", d);
}

static int by_cstring(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The ids of the articles behind the cell's value, sorted, once each, joined with "; ": for
 * a list cell every value's, for a single value (a quantity, a date) the chosen one's (the
 * first), not those of the values it outvoted. */
static char *cell_sources(const struct table_cell *c, enum template_column_type type)
{
    int list = type == TEMPLATE_COL_KEYWORDS || type == TEMPLATE_COL_ORGANISATIONS ||
               type == TEMPLATE_COL_MODELS;
    size_t n_values = list ? c->n_values : (c->n_values ? 1 : 0), n = 0;
    for (size_t v = 0; v < n_values; v++)
        n += c->values[v].n_citations;
    const char **ids = xcalloc(n + 1, sizeof *ids);
    n = 0;
    for (size_t v = 0; v < n_values; v++)
        for (size_t k = 0; k < c->values[v].n_citations; k++)
            ids[n++] = c->values[v].citations[k].article_id;
    qsort(ids, n, sizeof *ids, by_cstring);
    struct buf b = BUF_INIT;
    buf_puts(&b, "");
    for (size_t i = 0; i < n; i++)
        if (i == 0 || strcmp(ids[i], ids[i - 1]) != 0)
            buf_printf(&b, "%s%s", b.len ? "; " : "", ids[i]);
    free(ids);
    return buf_detach(&b);
}

char *archive_cell_sources(const struct table_cell *c, enum template_column_type type)
{
    return cell_sources(c, type);
}

enum exp_status archive_put_cells(struct archive *a, const struct table *t, struct diag *d)
{
    int rc = SQLITE_OK;
    for (size_t r = 0; rc == SQLITE_OK && r < t->n_rows; r++) {
        const struct table_row *row = &t->rows[r];
        for (size_t c = 0; rc == SQLITE_OK && c < t->tpl->n_columns; c++) {
            const struct table_cell *cell = &row->cells[c];
            if (!cell->text || !*cell->text)
                continue;
            char *sources = cell_sources(cell, t->tpl->columns[c].type);
            const char *text[] = { a->week, row->e->id, row->e->name, t->tpl->columns[c].id,
                                   cell->text, sources };
            rc = run_text(a, STMT_PUT_CELL, text, 6);
            free(sources);
        }
    }
    if (rc == SQLITE_OK)
        rc = run_text(a, STMT_COUNT_WEEK, (const char *const[]){ a->week }, 1);
    return rc == SQLITE_OK ? EXP_OK : fail(a, rc, "storing the table", d);
}

enum exp_status archive_put_coverage(struct archive *a, const struct archive_coverage_row *rows,
                                     size_t n, struct diag *d)
{
    int rc = SQLITE_OK;
    for (size_t i = 0; rc == SQLITE_OK && i < n; i++) {
        const char *text[] = { a->week, rows[i].entity_id, rows[i].entity, rows[i].publisher };
        sqlite3_stmt *st = NULL;
        rc = stmt(a, STMT_PUT_COVERAGE, &st);
        for (int k = 0; rc == SQLITE_OK && k < 4; k++)
            rc = sqlite3_bind_text(st, k + 1, text[k] ? text[k] : "", -1, SQLITE_STATIC);
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_int64(st, 5, (sqlite3_int64)rows[i].articles);
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_int64(st, 6, (sqlite3_int64)rows[i].mentions);
        if (rc == SQLITE_OK)
            rc = step_done(st);
    }
    return rc == SQLITE_OK ? EXP_OK : fail(a, rc, "storing the coverage", d);
}

enum exp_status archive_commit_week(struct archive *a, struct diag *d)
{
    int rc = exec(a, "COMMIT");
    if (rc != SQLITE_OK) {
        enum exp_status st = fail(a, rc, "committing the week", d);
        archive_rollback_week(a);
        return st;
    }
    a->in_transaction = 0;
    return EXP_OK;
}

void archive_rollback_week(struct archive *a)
{
    if (a->in_transaction)
        exec(a, "ROLLBACK");
    a->in_transaction = 0;
}

/* ---- Reading ---- */

enum exp_status archive_previous_week(struct archive *a, struct date_week before,
                                      struct date_week *prev, int *found, struct diag *d)
{
    char week[9];
    date_format_week(before, week);
    const char *args[] = { week };
    sqlite3_stmt *st = NULL;
    *found = 0;
    int rc = prepare_text(a, "SELECT w.week FROM weeks w WHERE w.week < ?1 AND EXISTS "
                             "(SELECT 1 FROM cells c WHERE c.week = w.week) "
                             "ORDER BY w.week DESC LIMIT 1", &st, args, 1);
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *w = (const char *)sqlite3_column_text(st, 0);
        *found = w && date_parse_week(w, prev) == 0;
        rc = SQLITE_DONE;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? EXP_OK : fail(a, rc, "reading the weeks", d);
}

enum exp_status archive_has_week(struct archive *a, struct date_week w, int *found,
                                 struct diag *d)
{
    char week[9];
    date_format_week(w, week);
    const char *args[] = { week };
    sqlite3_stmt *st = NULL;
    *found = 0;
    int rc = prepare_text(a, "SELECT 1 FROM weeks WHERE week = ?1", &st, args, 1);
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        *found = 1;
        rc = SQLITE_DONE;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? EXP_OK : fail(a, rc, "reading the weeks", d);
}

static char *column_dup(sqlite3_stmt *st, int col)
{
    const char *s = (const char *)sqlite3_column_text(st, col);
    return xstrdup(s ? s : "");
}

enum exp_status archive_week_cells(struct archive *a, struct date_week w,
                                   struct archive_cells *out, struct diag *d)
{
    memset(out, 0, sizeof *out);
    char week[9];
    date_format_week(w, week);
    const char *args[] = { week };
    sqlite3_stmt *st = NULL;
    size_t cap = 0;
    int rc = prepare_text(a, "SELECT entity_id, column_id, value FROM cells WHERE week = ?1 "
                             "ORDER BY entity_id, column_id", &st, args, 1);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        xgrow(&out->items, &cap, out->count + 1, sizeof *out->items);
        struct archive_cell *c = &out->items[out->count++];
        c->entity_id = column_dup(st, 0);
        c->column_id = column_dup(st, 1);
        c->value = column_dup(st, 2);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? EXP_OK : fail(a, rc, "reading the cells", d);
}

void archive_cells_free(struct archive_cells *c)
{
    for (size_t i = 0; i < c->count; i++) {
        free(c->items[i].entity_id);
        free(c->items[i].column_id);
        free(c->items[i].value);
    }
    free(c->items);
    memset(c, 0, sizeof *c);
}

/* The same order SQLite's ORDER BY gives text with the default BINARY collation. */
static int cell_key_cmp(const char *e1, const char *c1, const char *e2, const char *c2)
{
    int r = strcmp(e1, e2);
    return r ? r : strcmp(c1, c2);
}

const char *archive_cells_find(const struct archive_cells *c, const char *entity_id,
                               const char *column_id)
{
    size_t lo = 0, hi = c->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct archive_cell *m = &c->items[mid];
        int r = cell_key_cmp(m->entity_id, m->column_id, entity_id, column_id);
        if (r == 0)
            return m->value;
        if (r < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* The archive's weeks up to `last`, newest max_weeks of them, oldest first. */
static int trend_weeks(struct archive *a, struct date_week last, size_t max_weeks,
                       struct archive_trend *out)
{
    char week[9];
    date_format_week(last, week);
    const char *args[] = { week };
    sqlite3_stmt *st = NULL;
    size_t cap = 0;
    int rc = prepare_text(a, "SELECT week FROM weeks WHERE week <= ?1 ORDER BY week DESC "
                             "LIMIT ?2", &st, args, 1);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(st, 2, (sqlite3_int64)(max_weeks > INT_MAX ? INT_MAX : max_weeks));
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct date_week w;
        const char *s = (const char *)sqlite3_column_text(st, 0);
        rc = SQLITE_OK;
        if (!s || date_parse_week(s, &w) != 0)
            continue;
        xgrow(&out->weeks, &cap, out->n_weeks + 1, sizeof *out->weeks);
        out->weeks[out->n_weeks++] = w;
    }
    sqlite3_finalize(st);
    for (size_t i = 0; i < out->n_weeks / 2; i++) {
        struct date_week t = out->weeks[i];
        out->weeks[i] = out->weeks[out->n_weeks - 1 - i];
        out->weeks[out->n_weeks - 1 - i] = t;
    }
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static size_t trend_week_index(const struct archive_trend *t, const char *week)
{
    struct date_week w;
    if (!week || date_parse_week(week, &w) != 0)
        return SIZE_MAX;
    for (size_t i = 0; i < t->n_weeks; i++)
        if (date_week_cmp(t->weeks[i], w) == 0)
            return i;
    return SIZE_MAX;
}

enum exp_status archive_trend(struct archive *a, struct date_week last, size_t max_weeks,
                              struct archive_trend *out, struct diag *d)
{
    memset(out, 0, sizeof *out);
    int rc = trend_weeks(a, last, max_weeks, out);
    if (rc != SQLITE_OK || out->n_weeks == 0)
        return rc == SQLITE_OK ? EXP_OK : fail(a, rc, "reading the trend", d);
    char first[9], lastw[9];
    date_format_week(out->weeks[0], first);
    date_format_week(out->weeks[out->n_weeks - 1], lastw);
    const char *args[] = { first, lastw };
    sqlite3_stmt *st = NULL;
    size_t cap = 0, mcap = 0;
    rc = prepare_text(a, "SELECT entity_id, week, sum(mentions) FROM coverage "
                         "WHERE week >= ?1 AND week <= ?2 GROUP BY entity_id, week "
                         "ORDER BY entity_id, week", &st, args, 2);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        rc = SQLITE_OK;
        const char *id = (const char *)sqlite3_column_text(st, 0);
        size_t w = trend_week_index(out, (const char *)sqlite3_column_text(st, 1));
        if (!id || w == SIZE_MAX)
            continue;
        if (!out->n_entities || strcmp(out->entity_ids[out->n_entities - 1], id) != 0) {
            xgrow(&out->entity_ids, &cap, out->n_entities + 1, sizeof *out->entity_ids);
            out->entity_ids[out->n_entities++] = xstrdup(id);
            xgrow(&out->mentions, &mcap, out->n_entities * out->n_weeks, sizeof *out->mentions);
            memset(out->mentions + (out->n_entities - 1) * out->n_weeks, 0,
                   out->n_weeks * sizeof *out->mentions);
        }
        long long m = sqlite3_column_int64(st, 2);
        out->mentions[(out->n_entities - 1) * out->n_weeks + w] = m > 0 ? (size_t)m : 0;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? EXP_OK : fail(a, rc, "reading the trend", d);
}

void archive_trend_free(struct archive_trend *t)
{
    for (size_t i = 0; i < t->n_entities; i++)
        free(t->entity_ids[i]);
    free(t->entity_ids);
    free(t->weeks);
    free(t->mentions);
    memset(t, 0, sizeof *t);
}

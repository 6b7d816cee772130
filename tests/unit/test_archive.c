/* test_archive.c — the weekly archive (SQLite), coverage and changes, on a small template of
 * their own: where the archive goes, the schema and its identity, a week written and
 * re-written, the previous week with data, trend, rollback, and files that are not ours. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "cli/weekly.h"
#include "merge/archive.h"
#include "merge/changes.h"
#include "merge/conflicts.h"
#include "report/weekly_sections.h"
#include "merge/coverage.h"
#include "merge/trend.h"
#include "util/buf.h"
#include "util/fsutil.h"

static const char template_yaml[] =
    "template: t\n"
    "title: T\n"
    "entities:\n"
    "  - id: a\n"
    "    name: 가나\n"
    "  - id: b\n"
    "    name: 다라\n"
    "columns:\n"
    "  - id: size\n"
    "    label: 크기\n"
    "    type: quantity\n"
    "    units: [\"\", count]\n"
    "    cues: [크기]\n";

struct fixture {
    char dir[64];
    char *path;             /* dir/archive.sqlite */
    struct template tpl;
    struct diag d;
    FILE *log;
    char *log_text;
    size_t log_len;
};

static int setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);
    snprintf(fx->dir, sizeof fx->dir, "/tmp/test_archive.XXXXXX");
    if (!mkdtemp(fx->dir))
        return -1;
    char *tpath = fsutil_join(fx->dir, "t.yaml");
    FILE *fp = fopen(tpath, "w");
    fputs(template_yaml, fp);
    fclose(fp);
    fx->log = open_memstream(&fx->log_text, &fx->log_len);
    diag_init(&fx->d, fx->log, 0, 0);
    if (template_load(tpath, &fx->d, &fx->tpl) != EXP_OK)
        return -1;
    free(tpath);
    fx->path = fsutil_join(fx->dir, "archive.sqlite");
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    template_free(&fx->tpl);
    fclose(fx->log);
    free(fx->log_text);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx->dir);
    if (system(cmd) != 0)
        return -1;
    free(fx->path);
    free(fx);
    return 0;
}

static const char *log_of(struct fixture *fx)
{
    fflush(fx->log);
    return fx->log_text ? fx->log_text : "";
}

/* An article with just what the archive reads. */
static void add_article(struct article_set *set, const char *id, const char *publisher,
                        const char *published_at, struct diag *d)
{
    struct article a;
    memset(&a, 0, sizeof a);
    char **fields[] = { &a.source_file, &a.title, &a.category, &a.url, &a.oid, &a.aid,
                        &a.content_hash, &a.computed_hash, &a.crawled_at };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        *fields[i] = xstrdup("");
    a.id = xstrdup(id);
    a.publisher = xstrdup(publisher);
    a.published_at = xstrdup(published_at);
    assert_true(article_set_add(set, &a, d));
}

static void add_fact(const struct template *tpl, struct fact_list *l, const char *entity,
                     const char *value, const char *article, size_t sno)
{
    xgrow(&l->items, &l->cap, l->count + 1, sizeof *l->items);
    struct fact *f = &l->items[l->count++];
    memset(f, 0, sizeof *f);
    f->entity = (size_t)template_entity_index(tpl, entity);
    f->column = (size_t)template_column_index(tpl, "size");
    f->model = EXTRACT_NO_MODEL;
    f->value = fact_list_intern(l, value, strlen(value));
    f->is_number = 1;
    f->unit = "";
    f->raw_text = f->value;
    f->article_id = fact_list_intern(l, article, strlen(article));
    f->publisher = fact_list_intern(l, "", 0);
    f->published_at = fact_list_intern(l, "", 0);
    f->sentence_no = sno;
    f->sentence = fact_list_intern(l, "s", 1);
}

static void add_mention(const struct template *tpl, struct fact_list *l, const char *entity,
                        const char *article, size_t sno)
{
    xgrow(&l->mentions, &l->mentions_cap, l->n_mentions + 1, sizeof *l->mentions);
    l->mentions[l->n_mentions++] = (struct mention){
        (size_t)template_entity_index(tpl, entity), fact_list_intern(l, article, strlen(article)),
        sno };
}

static struct date_period week_period(const char *week)
{
    struct date_period_spec spec = { week, NULL, NULL, NULL };
    struct date_period p;
    char why[128];
    assert_int_equal(date_period_resolve(&spec, 0, &p, why, sizeof why), 0);
    return p;
}

/* One run's week: its articles, each with its own facts and mentions, the table and the
 * coverage, recorded the way a run streams them. */
struct run {
    struct article_set set;
    struct fact_list facts[3];   /* facts[i]: the facts of set.items[i] */
    struct table *table;
    struct coverage coverage;
};

static void run_free(struct run *r)
{
    table_free(r->table);
    coverage_free(&r->coverage);
    for (size_t i = 0; i < 3; i++)
        fact_list_free(&r->facts[i]);
    article_set_free(&r->set);
}

static void finish(struct fixture *fx, struct run *r)
{
    r->table = table_new(&fx->tpl);
    coverage_init(&r->coverage, &fx->tpl);
    for (size_t i = 0; i < r->set.count; i++) {
        table_add(r->table, &r->facts[i]);
        coverage_add(&r->coverage, r->set.items[i].publisher, &r->facts[i]);
    }
    table_finish(r->table);
    coverage_finish(&r->coverage);
}

static void record(struct fixture *fx, struct archive *a, const char *week, struct run *r)
{
    struct date_period p = week_period(week);
    assert_int_equal(archive_begin_week(a, &p, fx->tpl.id, &fx->d), EXP_OK);
    for (size_t i = 0; i < r->set.count; i++)
        assert_int_equal(archive_put_article(a, &r->set.items[i], &fx->tpl, &r->facts[i], &fx->d),
                         EXP_OK);
    assert_int_equal(archive_put_cells(a, r->table, &fx->d), EXP_OK);
    struct archive_coverage_row rows[8];
    assert_true(r->coverage.count <= 8);
    for (size_t i = 0; i < r->coverage.count; i++)
        rows[i] = (struct archive_coverage_row){ r->coverage.rows[i].entity_id,
                                                 r->coverage.rows[i].name,
                                                 r->coverage.rows[i].publisher,
                                                 r->coverage.rows[i].articles,
                                                 r->coverage.rows[i].mentions };
    assert_int_equal(archive_put_coverage(a, rows, r->coverage.count, &fx->d), EXP_OK);
    assert_int_equal(archive_commit_week(a, &fx->d), EXP_OK);
}

/* Week 1 (2025-W52): article x says a's size is 519. */
static void week52(struct fixture *fx, struct run *r)
{
    memset(r, 0, sizeof *r);
    add_article(&r->set, "x", "신문1", "2025-12-28T00:00:00+09:00", &fx->d);
    add_fact(&fx->tpl, &r->facts[0], "a", "519", "x", 1);
    add_mention(&fx->tpl, &r->facts[0], "a", "x", 1);
    finish(fx, r);
}

/* Week 2 (2026-W01): y says 500 for a and 7 for b; z names a twice in one sentence. */
static void week01(struct fixture *fx, struct run *r, int extra)
{
    memset(r, 0, sizeof *r);
    add_article(&r->set, "y", "신문1", "2025-12-30T00:00:00+09:00", &fx->d);
    add_article(&r->set, "z", "신문2", "2025-12-30T10:00:00+09:00", &fx->d);
    add_fact(&fx->tpl, &r->facts[0], "a", "500", "y", 1);
    add_fact(&fx->tpl, &r->facts[0], "b", "7", "y", 2);
    add_mention(&fx->tpl, &r->facts[0], "a", "y", 1);
    add_mention(&fx->tpl, &r->facts[0], "b", "y", 2);
    add_mention(&fx->tpl, &r->facts[1], "a", "z", 3);
    add_mention(&fx->tpl, &r->facts[1], "a", "z", 3);
    add_mention(&fx->tpl, &r->facts[1], "a", "z", 4);
    if (extra)
        add_fact(&fx->tpl, &r->facts[1], "b", "8", "z", 9);   /* a fact without a mention */
    finish(fx, r);
}

static void test_default_path(void **state)
{
    (void)state;
    static const struct { const char *out, *archive; } cases[] = {
        { "out/{week}/", "out/archive.sqlite" },
        { "out/{week}", "out/archive.sqlite" },
        { "/srv/b/{date}-x/{week}", "/srv/b/archive.sqlite" },
        { "/srv/b/w-{week}", "/srv/b/archive.sqlite" },
        { "{week}", "./archive.sqlite" },
        { "/{week}", "/archive.sqlite" },
        /* no placeholder: the --out folder is switched whole; the state folder beside it */
        { "out", "./.out.exporter/archive.sqlite" },
        { "out/", "./.out.exporter/archive.sqlite" },
        { "/srv/b/out", "/srv/b/.out.exporter/archive.sqlite" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = weekly_default_archive_path(cases[i].out);
        assert_string_equal(got, cases[i].archive);
        free(got);
    }
}

static long long pragma(const char *path, const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long long v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

static void test_weeks_and_changes(void **state)
{
    struct fixture *fx = *state;
    struct archive *a;
    assert_int_equal(archive_open(fx->path, 0, &a, &fx->d), EXP_OK);
    struct run r52, r01;
    week52(fx, &r52);
    record(fx, a, "2025-W52", &r52);
    week01(fx, &r01, 0);

    /* Changes of W01 against W52, computed before W01 is recorded. */
    struct changes ch;
    assert_int_equal(changes_build(a, r01.table, (struct date_week){ 2026, 1 }, &ch, &fx->d),
                     EXP_OK);
    assert_true(ch.has_previous);
    assert_int_equal(ch.previous_week.year * 100 + ch.previous_week.week, 202552);
    assert_int_equal(ch.count, 2);
    assert_string_equal(ch.items[0].entity_id, "a");
    assert_string_equal(ch.items[0].previous, "519");
    assert_string_equal(ch.items[0].current, "500");
    assert_int_equal(ch.items[0].kind, CHANGE_CHANGED);
    assert_string_equal(ch.items[0].sources, "y");
    assert_string_equal(ch.items[1].entity_id, "b");
    assert_string_equal(ch.items[1].previous, "");
    assert_int_equal(ch.items[1].kind, CHANGE_NEW);
    changes_free(&ch);
    record(fx, a, "2026-W01", &r01);

    /* Re-running W52 compares with nothing: weeks after it do not count. */
    struct date_week prev;
    int found = 1;
    assert_int_equal(archive_previous_week(a, (struct date_week){ 2025, 52 }, &prev, &found,
                                           &fx->d), EXP_OK);
    assert_false(found);
    assert_int_equal(changes_build(a, r52.table, (struct date_week){ 2025, 52 }, &ch, &fx->d),
                     EXP_OK);
    assert_false(ch.has_previous);
    assert_int_equal(ch.count, 0);
    changes_free(&ch);
    /* A week far later finds the nearest week with data. */
    assert_int_equal(archive_previous_week(a, (struct date_week){ 2026, 10 }, &prev, &found,
                                           &fx->d), EXP_OK);
    assert_true(found && prev.year == 2026 && prev.week == 1);

    struct archive_cells cells;
    assert_int_equal(archive_week_cells(a, (struct date_week){ 2026, 1 }, &cells, &fx->d), EXP_OK);
    assert_int_equal(cells.count, 2);
    assert_string_equal(archive_cells_find(&cells, "a", "size"), "500");
    assert_string_equal(archive_cells_find(&cells, "b", "size"), "7");
    assert_null(archive_cells_find(&cells, "c", "size"));
    archive_cells_free(&cells);

    /* Re-recording a week replaces it: same counts, articles stored once. */
    record(fx, a, "2026-W01", &r01);
    assert_int_equal(archive_count_articles(a), 3);
    assert_int_equal(archive_week_cells(a, (struct date_week){ 2026, 1 }, &cells, &fx->d), EXP_OK);
    assert_int_equal(cells.count, 2);
    archive_cells_free(&cells);

    /* Trend: mentions per week (z's repeated sentence counts once). */
    struct archive_trend tr;
    assert_int_equal(archive_trend(a, (struct date_week){ 2026, 1 }, 8, &tr, &fx->d), EXP_OK);
    assert_int_equal(tr.n_weeks, 2);
    assert_int_equal(tr.n_entities, 2);
    assert_string_equal(tr.entity_ids[0], "a");
    assert_int_equal(tr.mentions[0], 1);   /* a, W52 */
    assert_int_equal(tr.mentions[1], 3);   /* a, W01: y:1, z:3, z:4 */
    assert_int_equal(tr.mentions[2], 0);   /* b, W52 */
    assert_int_equal(tr.mentions[3], 1);
    archive_trend_free(&tr);
    assert_int_equal(archive_trend(a, (struct date_week){ 2026, 1 }, 1, &tr, &fx->d), EXP_OK);
    assert_int_equal(tr.n_weeks, 1);
    assert_int_equal(tr.weeks[0].week, 1);
    archive_trend_free(&tr);

    /* A week begun and rolled back leaves nothing. */
    struct date_period p = week_period("2026-W02");
    assert_int_equal(archive_begin_week(a, &p, "t", &fx->d), EXP_OK);
    assert_int_equal(archive_put_cells(a, r01.table, &fx->d), EXP_OK);
    archive_rollback_week(a);
    assert_int_equal(archive_previous_week(a, (struct date_week){ 2026, 3 }, &prev, &found,
                                           &fx->d), EXP_OK);
    assert_true(found && prev.week == 1);
    archive_close(a);

    assert_int_equal(pragma(fx->path, "PRAGMA user_version"), ARCHIVE_SCHEMA_VERSION);
    assert_int_equal(pragma(fx->path, "PRAGMA application_id"), ARCHIVE_APPLICATION_ID);
    assert_int_equal(pragma(fx->path, "SELECT count(*) FROM facts"), 3);
    /* Reopening an archive of the current version changes nothing. */
    assert_int_equal(archive_open(fx->path, 0, &a, &fx->d), EXP_OK);
    assert_int_equal(archive_count_articles(a), 3);
    archive_close(a);
    run_free(&r52);
    run_free(&r01);
}

static void test_coverage(void **state)
{
    struct fixture *fx = *state;
    struct run r;
    week01(fx, &r, 1);
    assert_int_equal(r.coverage.count, 4);
    static const struct { const char *entity, *publisher; size_t articles, mentions; } want[] = {
        { "a", "신문1", 1, 1 }, { "a", "신문2", 1, 2 }, { "b", "신문1", 1, 1 }, { "b", "신문2", 1, 0 },
    };
    for (size_t i = 0; i < 4; i++) {
        assert_string_equal(r.coverage.rows[i].entity_id, want[i].entity);
        assert_string_equal(r.coverage.rows[i].publisher, want[i].publisher);
        assert_int_equal(r.coverage.rows[i].articles, want[i].articles);
        assert_int_equal(r.coverage.rows[i].mentions, want[i].mentions);
    }
    assert_int_equal(coverage_entity_mentions(&r.coverage, 0), 3);
    /* Without an archive there is no earlier week. */
    struct changes ch;
    assert_int_equal(changes_build(NULL, r.table, (struct date_week){ 2026, 1 }, &ch, &fx->d),
                     EXP_OK);
    assert_false(ch.has_previous);
    assert_int_equal(ch.count, 0);
    changes_free(&ch);
    run_free(&r);
}

/* Disagreements between sources side by side; a 1–1 split a tie; one article's two values an
 * internal contradiction, not a disagreement between sources. */
static void test_conflicts(void **state)
{
    struct fixture *fx = *state;
    struct run r;
    memset(&r, 0, sizeof r);
    add_article(&r.set, "p", "신문1", "2025-12-30T00:00:00+09:00", &fx->d);
    add_article(&r.set, "q", "신문2", "2025-12-30T00:00:00+09:00", &fx->d);
    add_article(&r.set, "s", "신문3", "2025-12-30T00:00:00+09:00", &fx->d);
    add_fact(&fx->tpl, &r.facts[0], "a", "500", "p", 1);   /* a: 500 (p, q) vs 519 (s) */
    add_fact(&fx->tpl, &r.facts[1], "a", "500", "q", 2);
    add_fact(&fx->tpl, &r.facts[2], "a", "519", "s", 3);
    add_fact(&fx->tpl, &r.facts[0], "b", "7", "p", 4);     /* b: 7 (p) vs 8 (q): a tie */
    add_fact(&fx->tpl, &r.facts[1], "b", "8", "q", 5);
    finish(fx, &r);
    struct conflicts *c = conflicts_new(&fx->tpl);
    for (size_t i = 0; i < r.set.count; i++)
        conflicts_add(c, &r.set.items[i], &r.facts[i]);
    size_t n = 0;
    const struct conflict_line *l = conflicts_report(c, r.table, &n);
    assert_int_equal(n, 5);
    assert_int_equal(l[0].kind, CONFLICT_DISAGREEMENT);
    assert_string_equal(l[0].value, "500");
    assert_true(l[0].chosen);
    assert_int_equal(l[0].articles, 2);
    assert_string_equal(l[1].article_id, "q");
    assert_string_equal(l[2].value, "519");
    assert_false(l[2].chosen);
    assert_string_equal(l[2].publisher, "신문3");
    assert_int_equal(l[2].sentence_no, 3);
    assert_int_equal(l[3].kind, CONFLICT_TIE);
    assert_int_equal(l[4].kind, CONFLICT_TIE);
    conflicts_free(c);
    run_free(&r);

    /* One article giving two values: internal only. */
    memset(&r, 0, sizeof r);
    add_article(&r.set, "x", "신문1", "2025-12-30T00:00:00+09:00", &fx->d);
    add_fact(&fx->tpl, &r.facts[0], "a", "500", "x", 1);
    add_fact(&fx->tpl, &r.facts[0], "a", "519", "x", 2);
    finish(fx, &r);
    c = conflicts_new(&fx->tpl);
    conflicts_add(c, &r.set.items[0], &r.facts[0]);
    l = conflicts_report(c, r.table, &n);
    assert_int_equal(n, 2);
    assert_int_equal(l[0].kind, CONFLICT_INTERNAL);
    assert_int_equal(l[1].kind, CONFLICT_INTERNAL);
    assert_string_equal(l[0].value, "500");
    assert_string_equal(l[1].value, "519");
    assert_int_equal(l[1].sentence_no, 2);
    conflicts_free(c);
    run_free(&r);
}

/* The briefing's changes section: titled by the template's word, one row per change, or one
 * line when there is no earlier week. */
static void test_changes_section(void **state)
{
    struct fixture *fx = *state;
    struct change ch = { .entity = 0, .column = 0, .entity_id = "a", .entity_name = "가나",
                         .column_id = "size", .previous = "519", .current = "500",
                         .kind = CHANGE_CHANGED, .sources = "y" };
    struct changes c = { &ch, 1, 1, { 2025, 52 } };
    struct weekly_sections w = { .tpl = &fx->tpl, .changes = &c };
    struct model_doc doc;
    memset(&doc, 0, sizeof doc);
    weekly_sections_add(&doc, "coverage_unknown", &w);
    assert_int_equal(doc.n_sections, 0);
    weekly_sections_add(&doc, "changes", &w);
    assert_int_equal(doc.n_sections, 1);
    assert_string_equal(doc.sections[0].title, "이번 주 달라진 점");
    struct buf out = BUF_INIT;
    model_dump(&doc, &out);
    assert_non_null(strstr(out.data, "2025-W52"));
    assert_non_null(strstr(out.data, "519"));
    assert_non_null(strstr(out.data, "500"));
    assert_non_null(strstr(out.data, "변경"));
    buf_free(&out);
    model_free(&doc);
    c.has_previous = 0;
    c.count = 0;
    memset(&doc, 0, sizeof doc);
    weekly_sections_add(&doc, "changes", &w);
    model_dump(&doc, &out);
    assert_non_null(strstr(out.data, "이전 주 자료가 없어"));
    buf_free(&out);
    model_free(&doc);
}


/* The trend up to W01: the window starts at the oldest archived week of the last eight
 * (W44 is too old), weeks never run are gaps, the run's own week comes from its coverage
 * (not from what the archive holds for it). */
static void test_trend_build(void **state)
{
    struct fixture *fx = *state;
    struct archive *a;
    assert_int_equal(archive_open(fx->path, 0, &a, &fx->d), EXP_OK);
    struct run r52, r01;
    week52(fx, &r52);
    record(fx, a, "2025-W44", &r52);
    unsigned long prepared = archive_prepare_count(a);
    record(fx, a, "2025-W50", &r52);
    record(fx, a, "2025-W52", &r52);
    week01(fx, &r01, 0);
    record(fx, a, "2026-W01", &r52);   /* an older reading of the run's own week */
    /* every write statement was compiled once, in the first week: later weeks, articles,
     * facts, cells and coverage rows reuse them */
    assert_int_equal(archive_prepare_count(a), prepared);
    assert_true(prepared <= 13);   /* the kinds of write statement */
    struct trend t;
    assert_int_equal(trend_build(a, &fx->tpl, (struct date_week){ 2026, 1 }, &r01.coverage, &t,
                                 &fx->d), EXP_OK);
    assert_int_equal(t.n_weeks, 4);   /* W50, W51, W52, W01 */
    assert_int_equal(t.weeks[0].week, 50);
    assert_int_equal(t.weeks[3].year * 100 + t.weeks[3].week, 202601);
    assert_int_equal(t.recorded[0] + 2 * t.recorded[1] + 4 * t.recorded[2] + 8 * t.recorded[3],
                     1 + 4 + 8);
    assert_int_equal(t.n_recorded, 3);
    size_t a_ = (size_t)template_entity_index(&fx->tpl, "a");
    size_t b_ = (size_t)template_entity_index(&fx->tpl, "b");
    assert_int_equal(t.mentions[a_ * 4 + 0], 1);
    assert_int_equal(t.mentions[a_ * 4 + 1], 0);
    assert_int_equal(t.mentions[a_ * 4 + 3], 3);   /* y once, z in two sentences */
    assert_int_equal(t.mentions[b_ * 4 + 3], 1);
    assert_int_equal(trend_entity_total(&t, a_), 5);
    trend_free(&t);
    /* no archive: the run's week alone */
    assert_int_equal(trend_build(NULL, &fx->tpl, (struct date_week){ 2026, 1 }, &r01.coverage,
                                 &t, &fx->d), EXP_OK);
    assert_int_equal(t.n_weeks, 1);
    assert_int_equal(t.n_recorded, 1);
    trend_free(&t);
    run_free(&r52);
    run_free(&r01);
    archive_close(a);
}

/* Each sentence a fact was read in is stored once, however many facts it gave; the facts
 * point at it by (article, sentence number). */
static void test_sentences_stored_once(void **state)
{
    struct fixture *fx = *state;
    struct run r;
    memset(&r, 0, sizeof r);
    add_article(&r.set, "x", "신문1", "2025-12-28T00:00:00+09:00", &fx->d);
    add_fact(&fx->tpl, &r.facts[0], "a", "519", "x", 1);
    add_fact(&fx->tpl, &r.facts[0], "b", "7", "x", 1);   /* the same sentence */
    add_fact(&fx->tpl, &r.facts[0], "a", "520", "x", 2);
    r.facts[0].items[0].sentence = r.facts[0].items[1].sentence =
        fact_list_intern(&r.facts[0], "첫 문장.", strlen("첫 문장."));
    r.facts[0].items[2].sentence = fact_list_intern(&r.facts[0], "둘째 문장.",
                                                    strlen("둘째 문장."));
    finish(fx, &r);
    struct archive *a;
    assert_int_equal(archive_open(fx->path, 0, &a, &fx->d), EXP_OK);
    record(fx, a, "2025-W52", &r);
    record(fx, a, "2025-W52", &r);   /* a re-run replaces the article's sentences */
    archive_close(a);
    assert_int_equal(pragma(fx->path, "SELECT count(*) FROM facts"), 3);
    assert_int_equal(pragma(fx->path, "SELECT count(*) FROM sentences"), 2);
    assert_int_equal(pragma(fx->path, "SELECT count(*) FROM pragma_table_info('facts') "
                                      "WHERE name = 'sentence'"), 0);
    assert_int_equal(pragma(fx->path, "SELECT count(*) FROM facts JOIN sentences USING "
                                      "(article_id, sentence_no) WHERE value = '7' AND "
                                      "sentence = '첫 문장.'"), 1);
    run_free(&r);
}

/* An archive of schema version 1 (the sentence on every fact) is migrated when opened: each
 * sentence moves, once, to its own table, the facts keep their rows, and weeks go on. */
static void test_version_1_migrated(void **state)
{
    struct fixture *fx = *state;
    static const char v1[] =
        "CREATE TABLE articles (id TEXT PRIMARY KEY, title TEXT NOT NULL, publisher TEXT NOT "
        "NULL, published_at TEXT NOT NULL, day TEXT NOT NULL, url TEXT NOT NULL, content_hash "
        "TEXT NOT NULL);"
        "CREATE TABLE facts (article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
        " seq INTEGER NOT NULL, entity_id TEXT NOT NULL, column_id TEXT NOT NULL, value TEXT NOT"
        " NULL, unit TEXT NOT NULL, qualifier TEXT NOT NULL, raw_text TEXT NOT NULL, "
        "sentence_no INTEGER NOT NULL, sentence TEXT NOT NULL, PRIMARY KEY (article_id, seq));"
        "CREATE TABLE weeks (week TEXT PRIMARY KEY, since TEXT NOT NULL, until TEXT NOT NULL, "
        "template_id TEXT NOT NULL, articles INTEGER NOT NULL);"
        "CREATE TABLE week_articles (week TEXT NOT NULL REFERENCES weeks(week) ON DELETE "
        "CASCADE, article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, PRIMARY "
        "KEY (week, article_id));"
        "CREATE TABLE cells (week TEXT NOT NULL REFERENCES weeks(week) ON DELETE CASCADE, "
        "entity_id TEXT NOT NULL, entity TEXT NOT NULL, column_id TEXT NOT NULL, value TEXT NOT "
        "NULL, sources TEXT NOT NULL, PRIMARY KEY (week, entity_id, column_id));"
        "CREATE TABLE coverage (week TEXT NOT NULL REFERENCES weeks(week) ON DELETE CASCADE, "
        "entity_id TEXT NOT NULL, entity TEXT NOT NULL, publisher TEXT NOT NULL, articles "
        "INTEGER NOT NULL, mentions INTEGER NOT NULL, PRIMARY KEY (week, entity_id, publisher));"
        "INSERT INTO articles VALUES ('x', 't', 'p', '2025-12-28T00:00:00+09:00', '2025-12-28',"
        " 'https://x.kr/1', 'h');"
        "INSERT INTO facts VALUES ('x', 0, 'a', 'size', '519', '', 'none', '519', 1, '첫 문장.'),"
        " ('x', 1, 'b', 'size', '7', '', 'none', '7', 1, '첫 문장.'),"
        " ('x', 2, 'a', 'size', '520', '', 'none', '520', 2, '둘째 문장.');"
        "PRAGMA application_id = 1163415639; PRAGMA user_version = 1;";
    sqlite3 *db;
    assert_int_equal(sqlite3_open(fx->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, v1, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    struct archive *a;
    assert_int_equal(archive_open(fx->path, 0, &a, &fx->d), EXP_OK);
    assert_int_equal(archive_count_articles(a), 1);
    struct run r;
    week01(fx, &r, 0);
    record(fx, a, "2026-W01", &r);
    archive_close(a);
    assert_int_equal(pragma(fx->path, "PRAGMA user_version"), ARCHIVE_SCHEMA_VERSION);
    assert_int_equal(pragma(fx->path, "SELECT count(*) FROM facts WHERE article_id = 'x'"), 3);
    assert_int_equal(pragma(fx->path, "SELECT count(*) FROM sentences WHERE article_id = 'x'"),
                     2);
    assert_int_equal(pragma(fx->path, "SELECT count(*) FROM facts JOIN sentences USING "
                                      "(article_id, sentence_no) WHERE value = '520' AND "
                                      "sentence = '둘째 문장.'"), 1);
    assert_int_equal(pragma(fx->path, "SELECT count(*) FROM pragma_table_info('facts') "
                                      "WHERE name = 'sentence'"), 0);
    assert_int_equal(pragma(fx->path, "SELECT count(*) FROM facts WHERE article_id = 'y'"), 2);
    run_free(&r);
}

static void write_file(const char *path, const char *data, size_t len)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(data, 1, len, fp), len);
    fclose(fp);
}

static void test_not_ours(void **state)
{
    struct fixture *fx = *state;
    struct archive *a = NULL;
    char *text = fsutil_join(fx->dir, "notes.txt");
    write_file(text, "my notes\n", 9);
    assert_int_equal(archive_open(text, 0, &a, &fx->d), EXP_ARCHIVE);
    assert_null(a);
    assert_non_null(strstr(log_of(fx), "not an exporter archive (not an SQLite database)"));
    char *data = NULL;
    size_t len = 0;
    assert_int_equal(fsutil_read_file(text, 1024, &data, &len, &fx->d), EXP_OK);
    assert_int_equal(len, 9);   /* never written */
    free(data);

    char *other = fsutil_join(fx->dir, "other.db");
    sqlite3 *db;
    assert_int_equal(sqlite3_open(other, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(archive_open(other, 0, &a, &fx->d), EXP_ARCHIVE);
    assert_non_null(strstr(log_of(fx), "an SQLite database of another program"));
    assert_int_equal(pragma(other, "SELECT count(*) FROM sqlite_master"), 1);

    /* A newer schema is refused, not downgraded. */
    char *newer = fsutil_join(fx->dir, "newer.sqlite");
    assert_int_equal(archive_open(newer, 0, &a, &fx->d), EXP_OK);
    archive_close(a);
    assert_int_equal(sqlite3_open(newer, &db), SQLITE_OK);
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", ARCHIVE_SCHEMA_VERSION + 1);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(archive_open(newer, 0, &a, &fx->d), EXP_ARCHIVE);
    assert_int_equal(pragma(newer, "PRAGMA user_version"), ARCHIVE_SCHEMA_VERSION + 1);

    /* An empty file, and an SQLite file with no tables, become archives. */
    char *empty = fsutil_join(fx->dir, "empty.sqlite");
    write_file(empty, "", 0);
    assert_int_equal(archive_open(empty, 0, &a, &fx->d), EXP_OK);
    archive_close(a);
    assert_int_equal(pragma(empty, "PRAGMA user_version"), ARCHIVE_SCHEMA_VERSION);
    free(text);
    free(other);
    free(newer);
    free(empty);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_path),
        cmocka_unit_test_setup_teardown(test_weeks_and_changes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_coverage, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sentences_stored_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_version_1_migrated, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_ours, setup, teardown),
        cmocka_unit_test_setup_teardown(test_conflicts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_changes_section, setup, teardown),
        cmocka_unit_test_setup_teardown(test_trend_build, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

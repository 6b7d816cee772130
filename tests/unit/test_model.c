/* test_model.c — the briefing's content model without fonts: sections in the template's order,
 * a table with conflict marks and their notes, a chart with an alternative text made from its
 * data, citations numbered over what is cited (ranges, "외 N건", uncited articles counted per
 * publisher), the period and the as-of time in Korean, and a section another module adds. The
 * topic is this file's own small template (quarterly results), not the bundled one. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "report/model.h"

static const char TEMPLATE[] =
    "template: results\n"
    "title: 분기 실적\n"
    "entities:\n"
    "  - {id: alpha, name: 알파전자}\n"
    "  - {id: beta, name: 베타화학}\n"
    "  - {id: gamma, name: 감마제약}\n"
    "columns:\n"
    "  - {id: revenue, label: 매출(억 원), type: quantity, units: [KRW], scale: 8, unit_label: 억 원,\n"
    "     cues: [매출]}\n"
    "  - {id: profit, label: 영업이익(억 원), type: quantity, units: [KRW], scale: 8,\n"
    "     unit_label: 억 원, cues: [영업이익]}\n"
    "  - {id: segment, label: 사업, type: keywords, keywords: {battery: [배터리], bio: [바이오]}}\n"
    "  - {id: staff, label: 인력(명), type: quantity, units: [people], unit_label: 명,\n"
    "     merge: latest}\n"
    "layout:\n"
    "  title: 분기 실적 브리핑\n"
    "  sections: [title, summary, table, chart, entities, sources]\n"
    "  table_columns: [entity, revenue, profit, segment, staff, sources]\n"
    "  chart_columns: [revenue, profit]\n";

static void add_article(struct article_set *set, const char *id, const char *publisher,
                        const char *date)
{
    xgrow(&set->items, &set->cap, set->count + 1, sizeof *set->items);
    struct article *a = &set->items[set->count++];
    memset(a, 0, sizeof *a);
    a->id = xstrdup(id);
    a->title = xstrdup(id);
    a->publisher = xstrdup(publisher);
    a->published_at = xstrdup(date);
    a->url = xstrdup("https://example.kr/");
    a->source_file = xstrdup("x.txt");
}

static void add_fact(const struct template *tpl, struct fact_list *l, const char *entity,
                     const char *column, const char *value, const char *article)
{
    xgrow(&l->items, &l->cap, l->count + 1, sizeof *l->items);
    struct fact *f = &l->items[l->count++];
    memset(f, 0, sizeof *f);
    f->entity = (size_t)template_entity_index(tpl, entity);
    f->column = (size_t)template_column_index(tpl, column);
    assert_true(template_column_index(tpl, column) >= 0);
    f->model = EXTRACT_NO_MODEL;
    f->value = fact_list_intern(l, value, strlen(value));
    f->is_number = tpl->columns[f->column].type == TEMPLATE_COL_QUANTITY;
    f->unit = "";
    f->raw_text = f->value;
    f->article_id = fact_list_intern(l, article, strlen(article));
    f->publisher = fact_list_intern(l, "p", 1);
    f->published_at = fact_list_intern(l, "", 0);
    f->sentence_no = 1;
    f->sentence = fact_list_intern(l, article, strlen(article));
}

struct fixture {
    struct template tpl;
    struct article_set set;
    struct fact_list facts;
    struct table *table;
    struct quotes *quotes;
    struct model_period period;
    struct model_doc doc;
    char *dump;
};

static void fixture_build(struct fixture *fx, long long as_of, int generated)
{
    fx->table = table_build(&fx->tpl, &fx->facts);
    fx->quotes = quotes_new(&fx->tpl, 4);
    quotes_add(fx->quotes, &fx->facts);
    struct model_input in = { .set = &fx->set, .tpl = &fx->tpl, .table = fx->table,
                              .quotes = fx->quotes, .period = &fx->period, .as_of = as_of,
                              .as_of_is_generation = generated, .version = "9.9" };
    model_build(&in, &fx->doc);
    struct buf b = BUF_INIT;
    model_dump(&fx->doc, &b);
    fx->dump = buf_detach(&b);
}

static void fixture_init(struct fixture *fx, size_t n_articles)
{
    memset(fx, 0, sizeof *fx);
    struct diag d;
    diag_init(&d, NULL, 0, 0);
    assert_int_equal(template_load_buffer("t.yaml", TEMPLATE, strlen(TEMPLATE), &d, &fx->tpl),
                     EXP_OK);
    for (size_t i = 0; i < n_articles; i++) {
        char id[16];
        snprintf(id, sizeof id, "a%03zu", i);
        add_article(&fx->set, id, i % 3 ? "한빛일보" : "누리경제", "2025-12-29T09:00:00+09:00");
    }
    snprintf(fx->period.first, sizeof fx->period.first, "2025-12-28");
    snprintf(fx->period.last, sizeof fx->period.last, "2025-12-30");
}

static void fixture_free(struct fixture *fx)
{
    free(fx->dump);
    model_free(&fx->doc);
    table_free(fx->table);
    quotes_free(fx->quotes);
    fact_list_free(&fx->facts);
    article_set_free(&fx->set);
    template_free(&fx->tpl);
}

static const struct model_section *section(const struct model_doc *doc, const char *kind)
{
    for (size_t i = 0; i < doc->n_sections; i++)
        if (!strcmp(doc->sections[i].kind, kind))
            return &doc->sections[i];
    return NULL;
}

static const struct model_block *block(const struct model_section *s, enum model_block_kind k)
{
    for (size_t i = 0; s && i < s->n_blocks; i++)
        if (s->blocks[i].kind == k)
            return &s->blocks[i];
    return NULL;
}

static void plain(const struct model_text *t, char *out, size_t n)
{
    struct buf b = BUF_INIT;
    for (size_t i = 0; i < t->n; i++)
        buf_puts(&b, t->v[i].text);
    snprintf(out, n, "%s", b.data ? b.data : "");
    buf_free(&b);
}

/* The sections follow the template; the table marks a conflict and notes it. */
static void test_sections_table_conflict(void **state)
{
    (void)state;
    struct fixture fx;
    fixture_init(&fx, 3);
    add_fact(&fx.tpl, &fx.facts, "alpha", "revenue", "710", "a000");
    add_fact(&fx.tpl, &fx.facts, "alpha", "revenue", "710", "a001");
    add_fact(&fx.tpl, &fx.facts, "alpha", "revenue", "700", "a002");
    add_fact(&fx.tpl, &fx.facts, "beta", "revenue", "300", "a001");
    add_fact(&fx.tpl, &fx.facts, "beta", "segment", "battery", "a001");
    fixture_build(&fx, -1, 0);
    static const char *const order[] = { "title", "summary", "table", "chart", "entities",
                                         "sources" };
    assert_int_equal(fx.doc.n_sections, 6);
    for (size_t i = 0; i < 6; i++)
        assert_string_equal(fx.doc.sections[i].kind, order[i]);
    const struct model_block *tb = block(section(&fx.doc, "table"), MODEL_TABLE);
    assert_non_null(tb);
    const struct model_table *t = tb->table;
    assert_int_equal(t->ncols, 6);   /* entity, revenue, profit, segment, staff, sources */
    assert_int_equal(t->nrows, 3);
    assert_int_equal(t->header_rows, 1);
    assert_true(t->row_headers);
    assert_int_equal(t->cols[1].kind, MODEL_COL_NUMBER);
    assert_true(t->cells[0 * 6 + 1].conflict);       /* alpha revenue: 710 vs 700 */
    assert_false(t->cells[1 * 6 + 1].conflict);
    const struct model_text *ct = &t->cells[1].text;
    assert_int_equal(ct->v[ct->n - 1].kind, MODEL_SPAN_MARK);
    assert_string_equal(ct->v[ct->n - 1].target, "#note-1");
    const struct model_block *nb = block(section(&fx.doc, "table"), MODEL_NOTES);
    assert_non_null(nb);
    assert_int_equal(nb->n_items, 1);
    assert_string_equal(nb->items[0].anchor, "note-1");
    char note[256];
    plain(&nb->items[0].text, note, sizeof note);
    assert_non_null(strstr(note, "알파전자 매출(억 원): 710"));
    assert_non_null(strstr(note, " 대 700"));      /* Korean comparison, never "vs" */
    assert_null(strstr(fx.dump, " vs "));
    fixture_free(&fx);
}

/* An entity's figure reads as a reader says it; the table's number, grouped, comes first only
 * when the said form does not start with it — never the bare "45320". */
static void test_entity_figures_read_korean(void **state)
{
    (void)state;
    struct fixture fx;
    fixture_init(&fx, 2);
    add_fact(&fx.tpl, &fx.facts, "alpha", "revenue", "45320", "a000");
    add_fact(&fx.tpl, &fx.facts, "beta", "revenue", "5340", "a001");
    add_fact(&fx.tpl, &fx.facts, "beta", "staff", "1200", "a001");
    fixture_build(&fx, -1, 0);
    assert_non_null(strstr(fx.dump, "45,320 (4조 5,320억 원)"));
    assert_non_null(strstr(fx.dump, "5,340억 원"));
    assert_null(strstr(fx.dump, "5340 ("));
    assert_null(strstr(fx.dump, "45320"));
    assert_non_null(strstr(fx.dump, "1,200명"));
    fixture_free(&fx);
}

/* A value chosen by the column's rule (latest) says so, with the reports it replaced; a
 * majority chosen among equals says it was a tie. */
static void test_merge_rule_and_tie(void **state)
{
    (void)state;
    struct fixture fx;
    fixture_init(&fx, 3);
    add_fact(&fx.tpl, &fx.facts, "alpha", "staff", "120", "a000");
    add_fact(&fx.tpl, &fx.facts, "alpha", "staff", "150", "a002");
    fx.facts.items[0].published_at = fact_list_intern(&fx.facts, "2025-12-28T09:00:00+09:00", 25);
    fx.facts.items[1].published_at = fact_list_intern(&fx.facts, "2025-12-30T09:00:00+09:00", 25);
    add_fact(&fx.tpl, &fx.facts, "beta", "revenue", "300", "a000");
    add_fact(&fx.tpl, &fx.facts, "beta", "revenue", "310", "a001");
    fixture_build(&fx, -1, 0);
    if (getenv("MODEL_DUMP"))
        fputs(fx.dump, stderr);
    /* the table's header says how the column chose, the figures what it replaced */
    assert_non_null(strstr(fx.dump, "인력(명) (최신 보도 기준)"));
    assert_non_null(strstr(fx.dump, "150명[3] (최신 보도 기준; 이전 보도 120명[1])"));
    assert_non_null(strstr(fx.dump, "머리글에 규칙이 적힌 열은"));
    /* a tie is not "more articles": the note says it */
    assert_non_null(strstr(fx.dump, "(기사 1건, 동수)"));
    fixture_free(&fx);
}

/* The chart holds its series and an alternative text that says every value. */
static void test_chart_alt(void **state)
{
    (void)state;
    struct fixture fx;
    fixture_init(&fx, 2);
    add_fact(&fx.tpl, &fx.facts, "alpha", "revenue", "710", "a000");
    add_fact(&fx.tpl, &fx.facts, "alpha", "profit", "35", "a000");
    add_fact(&fx.tpl, &fx.facts, "beta", "revenue", "300", "a001");
    fixture_build(&fx, -1, 0);
    const struct model_block *cb = block(section(&fx.doc, "chart"), MODEL_CHART);
    assert_non_null(cb);
    const struct model_chart *c = cb->chart;
    assert_int_equal(c->n_series, 2);
    assert_string_equal(c->series[0], "매출");
    assert_int_equal(c->n_groups, 3);
    assert_true(c->groups[0].bars[0].present);
    assert_true(c->groups[0].bars[0].value > 709.9 && c->groups[0].bars[0].value < 710.1);
    assert_false(c->groups[1].bars[1].present);     /* beta's profit: not reported */
    assert_false(c->groups[2].bars[0].present);
    assert_non_null(strstr(c->alt, "알파전자 710"));
    assert_non_null(strstr(c->alt, "베타화학 300"));
    assert_non_null(strstr(c->alt, "감마제약"));
    assert_non_null(strstr(c->alt, "미공개"));
    fixture_free(&fx);
}

/* Only cited articles are listed and numbered 1..n in set order; the others are counted per
 * publisher. An entity named by many articles cites the first few and counts the rest, so a
 * large week does not cite (and list) the whole corpus. */
static void test_citations(void **state)
{
    (void)state;
    struct fixture fx;
    fixture_init(&fx, 30);
    /* alpha's revenue in articles 5..14 (ten articles), beta's in article 20 */
    for (int i = 5; i < 15; i++) {
        char id[16];
        snprintf(id, sizeof id, "a%03d", i);
        add_fact(&fx.tpl, &fx.facts, "alpha", "revenue", "710", id);
    }
    add_fact(&fx.tpl, &fx.facts, "beta", "revenue", "300", "a020");
    fixture_build(&fx, -1, 0);
    if (getenv("MODEL_DUMP"))
        fputs(fx.dump, stderr);
    const struct model_block *sb = block(section(&fx.doc, "sources"), MODEL_SOURCES);
    assert_non_null(sb);
    assert_int_equal(sb->n_items, 4);     /* a005, a006, a007 and a020 */
    assert_string_equal(sb->items[0].label, "[1]");
    assert_string_equal(sb->items[0].anchor, "src-1");
    char t[512];
    plain(&sb->items[0].text, t, sizeof t);
    assert_non_null(strstr(t, "a005"));               /* the first cited article */
    assert_non_null(strstr(t, "2025. 12. 29."));      /* a date as Korean readers write it */
    plain(&sb->items[3].text, t, sizeof t);
    assert_non_null(strstr(t, "a020"));
    /* the 26 others are counted per publisher, largest first */
    assert_non_null(strstr(fx.dump, "그 밖의 기사 26건"));
    assert_non_null(strstr(fx.dump, "한빛일보 17건, 누리경제 9건"));
    /* the table's sources cell for alpha: a range and a count, not ten marks */
    const struct model_table *tb = block(section(&fx.doc, "table"), MODEL_TABLE)->table;
    const struct model_text *src = &tb->cells[0 * tb->ncols + tb->ncols - 1].text;
    assert_int_equal(src->n, 2);
    assert_string_equal(src->v[0].text, "[1–3]");
    assert_string_equal(src->v[0].target, "#src-1");
    assert_int_equal(src->v[0].n_more, 2);
    assert_string_equal(src->v[1].text, " 외 7건");
    /* beta's cell cites its one article */
    src = &tb->cells[1 * tb->ncols + tb->ncols - 1].text;
    assert_string_equal(src->v[0].text, "[4]");
    fixture_free(&fx);
}

/* Another module's section (as the archive's weekly changes would be) is written in its place
 * in layout.sections, and its citations are numbered with the rest. */
static void changes_section(struct model_doc *doc, const char *name, void *arg)
{
    (void)arg;
    struct model_section *s = model_add_section(doc, name, "변화");
    model_heading(s, 1, 0, "변화", NULL);
    struct model_block *b = model_paragraph(s, MODEL_STYLE_BODY, "지난주보다 늘었다.");
    model_cite(&b->text, 2);
}

static void test_more_sections(void **state)
{
    (void)state;
    static const char tpl_text[] =
        "template: t\nentities:\n  - {id: a, name: 가나}\ncolumns:\n  - {id: m, type: models}\n"
        "layout:\n  sections: [title, summary, sources]\n";
    struct fixture fx;
    memset(&fx, 0, sizeof fx);
    struct diag d;
    diag_init(&d, NULL, 0, 0);
    assert_int_equal(template_load_buffer("t.yaml", tpl_text, strlen(tpl_text), &d, &fx.tpl),
                     EXP_OK);
    /* a name another module registers with the template format; here set in memory */
    free(fx.tpl.layout.sections.items[1]);
    fx.tpl.layout.sections.items[1] = xstrdup("changes");
    for (size_t i = 0; i < 3; i++) {
        char id[8];
        snprintf(id, sizeof id, "a%zu", i);
        add_article(&fx.set, id, "한빛일보", "2025-12-29T09:00:00+09:00");
    }
    fx.table = table_build(&fx.tpl, &fx.facts);
    struct model_input in = { .set = &fx.set, .tpl = &fx.tpl, .table = fx.table,
                              .period = &fx.period, .as_of = -1, .version = "9.9",
                              .more_sections = changes_section };
    model_build(&in, &fx.doc);
    assert_int_equal(fx.doc.n_sections, 3);
    assert_string_equal(fx.doc.sections[1].kind, "changes");
    const struct model_text *t = &fx.doc.sections[1].blocks[1].text;
    assert_string_equal(t->v[t->n - 1].text, "[1]");   /* a2, the one cited article */
    fixture_free(&fx);
}

/* Marks a run of many scattered articles: three pieces, then "외 N건". */
static void test_citation_runs(void **state)
{
    (void)state;
    struct model_doc doc = { 0 };
    doc.n_articles = 40;
    struct model_section *s = model_add_section(&doc, "changes", "변화");
    struct model_block *b = model_paragraph(s, MODEL_STYLE_BODY, "글");
    for (size_t a = 0; a < 40; a += 2)
        model_cite(&b->text, a);          /* 20 articles, none adjacent */
    struct model_block *c = model_paragraph(s, MODEL_STYLE_BODY, "글");
    model_cite(&c->text, 0);
    model_cite(&c->text, 2);
    size_t no[40];
    assert_int_equal(model_number_citations(&doc, no), 20);
    assert_int_equal(no[0], 1);
    assert_int_equal(no[1], 0);
    assert_int_equal(no[38], 20);
    /* numbered 1..20, so the run is consecutive: one range */
    assert_string_equal(b->text.v[1].text, "[1–20]");
    assert_string_equal(c->text.v[1].text, "[1][2]");
    model_free(&doc);

    struct model_doc d2 = { 0 };
    d2.n_articles = 40;
    s = model_add_section(&d2, "x", "x");
    b = model_paragraph(s, MODEL_STYLE_BODY, "글");
    for (size_t a = 0; a < 40; a += 2)
        model_cite(&b->text, a);
    /* another paragraph cites the odd ones, so b's numbers are 1, 3, 5, … */
    c = model_paragraph(s, MODEL_STYLE_BODY, "글");
    for (size_t a = 1; a < 40; a += 2)
        model_cite(&c->text, a);
    model_number_citations(&d2, NULL);
    assert_string_equal(b->text.v[1].text, "[1][3][5] 외 17건");
    model_free(&d2);
}

/* The period and the as-of time as a Korean reader writes them. */
static void test_title_block(void **state)
{
    (void)state;
    struct fixture fx;
    fixture_init(&fx, 1);
    add_fact(&fx.tpl, &fx.facts, "alpha", "revenue", "710", "a000");
    fixture_build(&fx, 1767052800LL, 0);
    assert_non_null(strstr(fx.dump, "대상 기간  2025년 12월 28일~30일"));
    assert_non_null(strstr(fx.dump, "기준 시각  2025년 12월 30일 09:00(KST)"));
    assert_null(strstr(fx.dump, "W52"));
    assert_string_equal(fx.doc.header_right, "2025년 12월 28일~30일");
    fixture_free(&fx);

    fixture_init(&fx, 1);
    snprintf(fx.period.last, sizeof fx.period.last, "2026-01-03");
    fixture_build(&fx, 1767052800LL, 1);
    assert_non_null(strstr(fx.dump, "2025년 12월 28일~2026년 1월 3일"));
    assert_non_null(strstr(fx.dump, "생성 시각  2025년 12월 30일 09:00(KST)"));
    fixture_free(&fx);

    fixture_init(&fx, 1);
    snprintf(fx.period.last, sizeof fx.period.last, "2026-02-03");
    snprintf(fx.period.first, sizeof fx.period.first, "2026-01-28");
    fixture_build(&fx, -1, 0);
    assert_non_null(strstr(fx.dump, "2026년 1월 28일~2월 3일"));
    fixture_free(&fx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sections_table_conflict),
        cmocka_unit_test(test_chart_alt),
        cmocka_unit_test(test_entity_figures_read_korean),
        cmocka_unit_test(test_merge_rule_and_tie),
        cmocka_unit_test(test_citations),
        cmocka_unit_test(test_citation_runs),
        cmocka_unit_test(test_more_sections),
        cmocka_unit_test(test_title_block),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_table_merge.c — how a cell chooses its value (the column's merge rule), what the table
 * carries for the back ends (exact number, unit, qualifier, the rule), and approximations that
 * agree with an exact figure, on a small template of its own (casualties, a vote count, a
 * price). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "extract/extract.h"
#include "merge/table.h"

static const char template_yaml[] =
    "template: merge\n"
    "entities:\n"
    "  - {id: north, name: 북구}\n"
    "  - {id: south, name: 남구}\n"
    "columns:\n"
    "  - {id: casualties, type: quantity, units: [people], merge: latest}\n"
    "  - {id: damage, type: quantity, units: [KRW], scale: 8, merge: largest}\n"
    "  - {id: votes, type: quantity, units: [count]}\n"
    "  - {id: profit, type: quantity, units: [KRW], scale: 8, negative_cues: [손실]}\n"
    "  - {id: opened, type: date, merge: latest}\n";

static void load(struct template *tpl)
{
    struct diag d;
    diag_init(&d, stderr, 0, 0);
    assert_int_equal(template_load_buffer("merge.yaml", template_yaml, strlen(template_yaml),
                                          &d, tpl), EXP_OK);
}

/* Appends a fact; value "a..b" is a range. */
static void add(const struct template *tpl, struct fact_list *l, const char *entity,
                const char *column, const char *value, enum quantity_qualifier qual,
                const char *article, const char *published)
{
    xgrow(&l->items, &l->cap, l->count + 1, sizeof *l->items);
    struct fact *f = &l->items[l->count++];
    memset(f, 0, sizeof *f);
    f->entity = (size_t)template_entity_index(tpl, entity);
    f->column = (size_t)template_column_index(tpl, column);
    f->model = EXTRACT_NO_MODEL;
    int quantity = tpl->columns[f->column].type == TEMPLATE_COL_QUANTITY;
    f->value = fact_list_intern(l, value, strlen(value));
    f->is_number = quantity && !strstr(value, "..");
    f->unit = quantity ? "people" : "date";
    f->qualifier = qual;
    f->raw_text = f->value;
    f->article_id = fact_list_intern(l, article, strlen(article));
    f->publisher = fact_list_intern(l, "p", 1);
    f->published_at = fact_list_intern(l, published, strlen(published));
    f->sentence_no = 1;
    f->sentence = fact_list_intern(l, "s", 1);
}

static const struct table_cell *cell_of(const struct template *tpl, const struct table *t,
                                        const char *entity, const char *column)
{
    const struct table_row *r = table_row_by_id(t, entity);
    assert_non_null(r);
    return &r->cells[template_column_index(tpl, column)];
}

static void test_latest_wins_and_history_is_no_conflict(void **state)
{
    (void)state;
    struct template tpl;
    load(&tpl);
    struct fact_list l = { 0 };
    /* three reports of 12, one later of 15, one latest of 17: the latest stands */
    add(&tpl, &l, "north", "casualties", "12", QUAL_NONE, "a1", "2026-01-10T08:00:00+09:00");
    add(&tpl, &l, "north", "casualties", "12", QUAL_NONE, "a2", "2026-01-10T09:00:00+09:00");
    add(&tpl, &l, "north", "casualties", "15", QUAL_NONE, "a3", "2026-01-11T09:00:00+09:00");
    add(&tpl, &l, "north", "casualties", "17", QUAL_NONE, "a4", "2026-01-12T09:00:00+09:00");
    add(&tpl, &l, "north", "casualties", "12", QUAL_NONE, "a5", "2026-01-10T10:00:00+09:00");
    add(&tpl, &l, "north", "opened", "2026-01-05", QUAL_NONE, "a1", "2026-01-10T08:00:00+09:00");
    add(&tpl, &l, "north", "opened", "2026-01-06", QUAL_NONE, "a4", "2026-01-12T09:00:00+09:00");
    struct table *t = table_build(&tpl, &l);
    const struct table_cell *c = cell_of(&tpl, t, "north", "casualties");
    assert_string_equal(c->text, "17");
    assert_int_equal(c->rule, TEMPLATE_MERGE_LATEST);
    assert_false(c->conflict);
    assert_int_equal(c->n_values, 3);
    for (size_t k = 1; k < c->n_values; k++)
        assert_true(c->values[k].superseded && !c->values[k].conflicting);
    assert_string_equal(c->values[0].latest_published, "2026-01-12T09:00:00+09:00");
    assert_string_equal(cell_of(&tpl, t, "north", "opened")->text, "2026-01-06");
    assert_string_equal(table_row_by_id(t, "north")->conflicts, "");
    table_free(t);

    /* two reports at the newest time disagree: that is a conflict among them */
    fact_list_clear(&l);
    add(&tpl, &l, "north", "casualties", "12", QUAL_NONE, "a1", "2026-01-10T08:00:00+09:00");
    add(&tpl, &l, "north", "casualties", "20", QUAL_NONE, "a2", "2026-01-12T09:00:00+09:00");
    add(&tpl, &l, "north", "casualties", "21", QUAL_NONE, "a3", "2026-01-12T09:00:00+09:00");
    t = table_build(&tpl, &l);
    c = cell_of(&tpl, t, "north", "casualties");
    assert_string_equal(c->text, "21");
    assert_true(c->conflict && c->tie);
    assert_string_equal(table_row_by_id(t, "north")->conflicts,
                        "casualties: 21 (1 article) vs 20 (1 article)");
    table_free(t);
    fact_list_free(&l);
    template_free(&tpl);
}

static void test_largest(void **state)
{
    (void)state;
    struct template tpl;
    load(&tpl);
    struct fact_list l = { 0 };
    add(&tpl, &l, "south", "damage", "80", QUAL_NONE, "a1", "2026-01-12T09:00:00+09:00");
    add(&tpl, &l, "south", "damage", "120.5", QUAL_NONE, "a2", "2026-01-10T09:00:00+09:00");
    add(&tpl, &l, "south", "damage", "80", QUAL_NONE, "a3", "2026-01-12T10:00:00+09:00");
    struct table *t = table_build(&tpl, &l);
    const struct table_cell *c = cell_of(&tpl, t, "south", "damage");
    assert_string_equal(c->text, "120.5");
    assert_int_equal(c->rule, TEMPLATE_MERGE_LARGEST);
    assert_false(c->conflict);
    assert_true(c->values[1].superseded);
    table_free(t);
    fact_list_free(&l);
    template_free(&tpl);
}

static void test_exact_values_units_and_qualifiers(void **state)
{
    (void)state;
    struct template tpl;
    load(&tpl);
    struct fact_list l = { 0 };
    add(&tpl, &l, "south", "profit", "-1176", QUAL_NONE, "a1", "2026-01-12T09:00:00+09:00");
    add(&tpl, &l, "south", "votes", "10..20", QUAL_RANGE, "a1", "2026-01-12T09:00:00+09:00");
    add(&tpl, &l, "north", "votes", "95", QUAL_AT_LEAST, "a1", "2026-01-12T09:00:00+09:00");
    add(&tpl, &l, "north", "votes", "95", QUAL_AT_LEAST, "a2", "2026-01-12T09:00:00+09:00");
    add(&tpl, &l, "north", "votes", "95", QUAL_NONE, "a3", "2026-01-12T09:00:00+09:00");
    struct table *t = table_build(&tpl, &l);
    const struct table_value *v = &cell_of(&tpl, t, "south", "profit")->values[0];
    assert_true(v->has_number && v->is_number);
    struct decimal want;
    assert_int_equal(decimal_parse_str("-1176", &want), 0);
    assert_int_equal(decimal_cmp(&v->number, &want), 0);
    assert_string_equal(v->unit, "people");
    v = &cell_of(&tpl, t, "south", "votes")->values[0];
    assert_true(v->has_number && !v->is_number);
    assert_int_equal(v->qualifier, QUAL_RANGE);
    assert_int_equal(decimal_parse_str("20", &want), 0);
    assert_int_equal(decimal_cmp(&v->high, &want), 0);
    /* two of the three facts say 이상 */
    assert_int_equal(cell_of(&tpl, t, "north", "votes")->values[0].qualifier, QUAL_AT_LEAST);
    table_free(t);
    fact_list_free(&l);
    template_free(&tpl);
}

static void test_an_approximation_agrees_with_an_exact_figure(void **state)
{
    (void)state;
    struct template tpl;
    load(&tpl);
    struct fact_list l = { 0 };
    /* 약 500 (three articles) against an exact 519 (one): no conflict, the exact one stands */
    add(&tpl, &l, "north", "votes", "500", QUAL_APPROX, "a1", "2026-01-12T09:00:00+09:00");
    add(&tpl, &l, "north", "votes", "500", QUAL_APPROX, "a2", "2026-01-12T09:00:00+09:00");
    add(&tpl, &l, "north", "votes", "500", QUAL_APPROX, "a3", "2026-01-12T09:00:00+09:00");
    add(&tpl, &l, "north", "votes", "519", QUAL_NONE, "a4", "2026-01-12T09:00:00+09:00");
    /* 약 500 against an exact 560: outside its rounding (±50), a conflict */
    add(&tpl, &l, "south", "votes", "500", QUAL_APPROX, "a1", "2026-01-12T09:00:00+09:00");
    add(&tpl, &l, "south", "votes", "560", QUAL_NONE, "a4", "2026-01-12T09:00:00+09:00");
    struct table *t = table_build(&tpl, &l);
    const struct table_cell *c = cell_of(&tpl, t, "north", "votes");
    assert_string_equal(c->text, "519");
    assert_false(c->conflict);
    assert_true(c->values[1].agrees);
    assert_string_equal(table_row_by_id(t, "north")->conflicts, "");
    c = cell_of(&tpl, t, "south", "votes");
    assert_true(c->conflict);
    assert_true(c->tie);   /* one article each */
    table_free(t);
    fact_list_free(&l);
    template_free(&tpl);
}

/* A cell with very many distinct values (a large crawl, or one article's long table): the
 * values are found by hash and agreements by sorting, and the rules still hold at that size —
 * an approximation agrees only with an exact value within its rounding, a coarse date only
 * with a date that refines it. */
static void test_a_cell_with_many_values(void **state)
{
    (void)state;
    struct template tpl;
    load(&tpl);
    struct fact_list l = { 0 };
    char value[32], id[32], date[32];
    for (int k = 0; k < 20000; k++) {
        snprintf(value, sizeof value, "%d", 10001 + 2 * k);   /* 10001, 10003, … 49999 */
        snprintf(id, sizeof id, "n%05d", k);
        add(&tpl, &l, "north", "votes", value, QUAL_NONE, id, "2026-01-12T09:00:00+09:00");
        snprintf(date, sizeof date, "2027-%02d-%02d", 1 + k % 12, 1 + k % 28);
        add(&tpl, &l, "south", "opened", date, QUAL_NONE, id, "2026-01-12T09:00:00+09:00");
    }
    add(&tpl, &l, "north", "votes", "500", QUAL_APPROX, "x1", "2026-01-12T09:00:00+09:00");
    add(&tpl, &l, "north", "votes", "30000", QUAL_APPROX, "x2", "2026-01-12T09:00:00+09:00");
    add(&tpl, &l, "north", "votes", "10002", QUAL_APPROX, "x3", "2026-01-12T09:00:00+09:00");
    add(&tpl, &l, "south", "opened", "2027-03", QUAL_NONE, "x1", "2026-01-12T09:00:00+09:00");
    add(&tpl, &l, "south", "opened", "2028-03", QUAL_NONE, "x2", "2026-01-12T09:00:00+09:00");
    struct table *t = table_build(&tpl, &l);
    const struct table_cell *c = cell_of(&tpl, t, "north", "votes");
    assert_int_equal(c->n_values, 20003);
    size_t agreeing = 0;
    for (size_t k = 0; k < c->n_values; k++) {
        const struct table_value *v = &c->values[k];
        if (!strcmp(v->value, "500") || !strcmp(v->value, "10002"))
            assert_false(v->agrees);   /* nothing within ±50; 10002 rounds to ±0.5 */
        if (!strcmp(v->value, "30000"))
            assert_true(v->agrees);    /* 30000 ± 5000 holds exact values */
        agreeing += v->agrees;
    }
    assert_int_equal(agreeing, 1);
    c = cell_of(&tpl, t, "south", "opened");
    agreeing = 0;
    for (size_t k = 0; k < c->n_values; k++) {
        if (!strcmp(c->values[k].value, "2027-03"))
            assert_true(c->values[k].agrees);
        if (!strcmp(c->values[k].value, "2028-03"))
            assert_false(c->values[k].agrees);
        agreeing += c->values[k].agrees;
    }
    assert_int_equal(agreeing, 1);
    table_free(t);
    fact_list_free(&l);
    template_free(&tpl);
}

static void test_a_heading_restating_its_paragraph_is_one_fact(void **state)
{
    (void)state;
    struct template tpl;
    load(&tpl);
    struct fact_list l = { 0 };
    add(&tpl, &l, "north", "votes", "12", QUAL_NONE, "a1", "2026-01-12T09:00:00+09:00");
    l.items[l.count - 1].from_heading = 1;   /* the crawl's sub-heading says it first */
    add(&tpl, &l, "north", "votes", "12", QUAL_NONE, "a1", "2026-01-12T09:00:00+09:00");
    add(&tpl, &l, "north", "votes", "15", QUAL_NONE, "a2", "2026-01-12T09:00:00+09:00");
    struct table *t = table_build(&tpl, &l);
    const struct table_cell *c = cell_of(&tpl, t, "north", "votes");
    /* one article and one fact each: a tie, which the larger value breaks */
    assert_string_equal(c->text, "15");
    assert_true(c->tie);
    table_free(t);
    fact_list_free(&l);
    template_free(&tpl);
}

static void test_merge_key_is_validated(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "template: t\nentities: [{id: a, name: 가나}]\n"
        "columns: [{id: x, type: quantity, units: [count], merge: newest}]\n",
        "template: t\nentities: [{id: a, name: 가나}]\n"
        "columns: [{id: x, type: keywords, keywords: {k: [키]}, merge: latest}]\n",
        "template: t\nentities: [{id: a, name: 가나}]\n"
        "columns: [{id: x, type: models, merge: latest}]\n",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct template tpl;
        struct diag d;
        diag_init(&d, NULL, 0, 0);
        assert_int_equal(template_load_buffer("t.yaml", bad[i], strlen(bad[i]), &d, &tpl),
                         EXP_CONFIG);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_latest_wins_and_history_is_no_conflict),
        cmocka_unit_test(test_largest),
        cmocka_unit_test(test_exact_values_units_and_qualifiers),
        cmocka_unit_test(test_an_approximation_agrees_with_an_exact_figure),
        cmocka_unit_test(test_a_cell_with_many_values),
        cmocka_unit_test(test_a_heading_restating_its_paragraph_is_one_fact),
        cmocka_unit_test(test_merge_key_is_validated),
    };
    return cmocka_run_group_tests_name("table_merge", tests, NULL, NULL);
}

/* test_template.c — the template loader: the bundled template, and every bad case with the
 * position and status it must report. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "extract/quantity.h"
#include "extract/template.h"
#include "../fixtures/fixtures.h"

/* Loads text as "bad.yaml" with diagnostics captured; returns the status, *msg the output. */
static enum exp_status load_text(const char *text, struct template *tpl, char **msg)
{
    size_t len = 0;
    *msg = NULL;
    FILE *mem = open_memstream(msg, &len);
    struct diag d;
    diag_init(&d, mem, 0, 0);
    enum exp_status st = template_load_buffer("bad.yaml", text, strlen(text), &d, tpl);
    fclose(mem);
    return st;
}

/* The product's templates load; what they contain is the golden test's business
 * (tests/golden/), so editing them breaks no unit test. */
static void test_product_templates_load(void **state)
{
    (void)state;
    static const char *const paths[] = { "templates/sovereign-ai.yaml",
                                         "tests/cases/battery/template.yaml",
                                         "tests/cases/energy/template.yaml",
                                         "tests/cases/budget/template.yaml",
                                         "tests/cases/kleague/template.yaml" };
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        struct template t;
        fixture_template(paths[i], &t);
        assert_true(t.n_entities > 0);
        template_free(&t);
    }
}

static void test_fixture_template_loads(void **state)
{
    (void)state;
    struct template t;
    fixture_template(FIXTURE_TEMPLATE, &t);
    assert_string_equal(t.id, "test-ai-models");
    assert_int_equal(t.n_entities, 6);
    long skt = template_entity_index(&t, "skt");
    assert_true(skt >= 0);
    assert_string_equal(t.entities[skt].name, "SK텔레콤");
    assert_string_equal(template_flagship(&t.entities[skt])->name, "A.X K1");
    long naver = template_entity_index(&t, "naver_cloud");
    assert_int_equal(t.entities[naver].n_models, 2);
    assert_string_equal(template_flagship(&t.entities[naver])->name, "하이퍼클로바X 시드 32B 싱크");
    long program = template_entity_index(&t, "program");
    assert_true(t.entities[program].topic);

    long total = template_column_index(&t, "params_total_b");
    assert_true(total >= 0);
    const struct template_column *c = &t.columns[total];
    assert_int_equal(c->type, TEMPLATE_COL_QUANTITY);
    assert_int_equal(c->scale, 9);
    assert_int_equal(c->role, TEMPLATE_ROLE_TOTAL);
    /* anchors and aliases: the active column reuses the total column's cue lists */
    const struct template_column *a = &t.columns[template_column_index(&t, "params_active_b")];
    assert_int_equal(a->markers.count, c->exclude.count);
    assert_string_equal(a->markers.items[0], "활성화");
    assert_int_equal(a->plan.count, c->plan.count);
    assert_false(template_column_applies(&t, c, (size_t)program));
    assert_true(template_column_applies(&t, c, (size_t)skt));

    const struct template_column *m = &t.columns[template_column_index(&t, "modalities")];
    assert_int_equal(m->type, TEMPLATE_COL_KEYWORDS);
    assert_string_equal(m->keywords[0].value, "text");

    assert_string_equal(t.layout.page_size, "A4");
    assert_int_equal(t.layout.sections.count, 6);
    assert_int_equal(t.layout.chart_columns.count, 2);
    template_free(&t);
    template_free(NULL);
}

static void test_fold_is_the_matching_key(void **state)
{
    (void)state;
    static const char *const same[][2] = {
        { "솔라-오픈-100B", "솔라 오픈 100b" },
        { "하이퍼클로바X", "하이퍼클로바 x" },
        { "K-EXAONE", "k exaone" },
        { "텍스트·음성", "텍스트음성" },
    };
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
        struct buf a = BUF_INIT, b = BUF_INIT;
        template_fold(same[i][0], strlen(same[i][0]), &a, NULL);
        template_fold(same[i][1], strlen(same[i][1]), &b, NULL);
        assert_string_equal(a.data, b.data);
        buf_free(&a);
        buf_free(&b);
    }
    size_t map[32];
    struct buf f = BUF_INIT;
    template_fold("A X-1", 5, &f, map);
    assert_string_equal(f.data, "ax1");
    assert_int_equal(map[0], 0);
    assert_int_equal(map[1], 2);
    assert_int_equal(map[2], 4);
    buf_free(&f);
}

#define GOOD_HEAD                                                                        \
    "template: t\n"                                                                      \
    "entities:\n"                                                                        \
    "  - id: a\n"                                                                        \
    "    name: 가나\n"

static void test_minimal_template(void **state)
{
    (void)state;
    struct template t;
    char *msg;
    assert_int_equal(load_text(GOOD_HEAD "columns:\n  - {id: m, type: models}\n", &t, &msg),
                     EXP_OK);
    assert_string_equal(msg, "");
    assert_string_equal(t.title, "t");                 /* defaults to the id */
    assert_string_equal(t.layout.page_size, "A4");     /* layout is optional */
    assert_string_equal(t.columns[0].label, "m");
    free(msg);
    template_free(&t);
}

/* Only a plain null is no value: quoted, "null" is the text null; the scalar tags whose text
 * the readers parse are accepted. */
static void test_quoted_null_is_text(void **state)
{
    (void)state;
    struct template t;
    char *msg;
    assert_int_equal(load_text("template: t\nentities:\n  - {id: a, name: \"null\", "
                               "aliases: ['~', !!str x]}\n"
                               "columns:\n  - {id: m, type: models}\n"
                               "layout: {margin_mm: !!int 12, subtitle: ''}\n", &t, &msg),
                     EXP_OK);
    assert_string_equal(msg, "");
    assert_string_equal(t.entities[0].name, "null");
    assert_string_equal(t.entities[0].aliases.items[0], "~");
    assert_int_equal(t.layout.margin_mm, 12);
    assert_string_equal(t.layout.subtitle, "");
    free(msg);
    template_free(&t);
}

/* Each bad template with the exact position and the words the message must carry (a table
 * at file scope: the cases read as a list, the test that runs them stays short). */
static const struct {
    const char *name, *text, *expect;
    enum exp_status status;
} bad_templates[] = {
    { "malformed YAML", "template: t\nentities: [a\n", "bad.yaml:3:1: error:", EXP_CONFIG },
    { "root not a mapping", "- a\n", "bad.yaml:1:1: error: the template must be a mapping",
      EXP_CONFIG },
    { "missing entities", "template: t\ncolumns: []\n",
      "bad.yaml:1:1: error: the template is missing required key 'entities'", EXP_CONFIG },
    { "missing columns", GOOD_HEAD,
      "bad.yaml:1:1: error: the template is missing required key 'columns'", EXP_CONFIG },
    { "unknown top key", GOOD_HEAD "colums: []\n",
      "bad.yaml:5:1: error: unknown key 'colums' in the template", EXP_CONFIG },
    { "entities wrong type", "template: t\nentities: {a: 1}\ncolumns: []\n",
      "bad.yaml:2:11: error: entities must be a list, not a mapping", EXP_CONFIG },
    { "entity missing name", "template: t\nentities:\n  - id: a\ncolumns: []\n",
      "bad.yaml:3:5: error: an entity is missing required key 'name'", EXP_CONFIG },
    { "aliases wrong type", GOOD_HEAD "    aliases: {x: y}\ncolumns: []\n",
      "bad.yaml:5:14: error: aliases must be a list, not a mapping", EXP_CONFIG },
    { "flagship not a boolean",
      GOOD_HEAD "    models:\n      - {name: M1, flagship: maybe}\ncolumns: []\n",
      "bad.yaml:6:30: error: flagship must be true or false, not 'maybe'", EXP_CONFIG },
    { "duplicate entity id",
      GOOD_HEAD "  - id: a\n    name: 다라\ncolumns:\n  - {id: m, type: models}\n",
      "bad.yaml:5:9: error: duplicate entity id 'a'", EXP_CONFIG },
    { "alias claimed twice",
      GOOD_HEAD "    aliases: [SK T]\n  - id: b\n    name: 다라\n    aliases: [s-k-t]\n"
                "columns:\n  - {id: m, type: models}\n",
      "bad.yaml:8:15: error: name 's-k-t' is claimed by both a ('SK T') and b", EXP_CONFIG },
    { "model name claimed by another entity",
      GOOD_HEAD "  - id: b\n    name: 다라\n    models: [{name: 가 나}]\n"
                "columns:\n  - {id: m, type: models}\n",
      "bad.yaml:7:21: error: name '가 나' is claimed by both a ('가나') and b", EXP_CONFIG },
    { "unknown column type", GOOD_HEAD "columns:\n  - id: x\n    type: number\n",
      "bad.yaml:7:11: error: unknown column type 'number'", EXP_CONFIG },
    { "duplicate column id",
      GOOD_HEAD "columns:\n  - {id: m, type: models}\n  - {id: m, type: models}\n",
      "bad.yaml:7:10: error: duplicate column id 'm'", EXP_CONFIG },
    { "quantity without units", GOOD_HEAD "columns:\n  - {id: q, type: quantity}\n",
      "bad.yaml:6:5: error: quantity column 'q' is missing required key 'units'",
      EXP_CONFIG },
    { "scale out of range",
      GOOD_HEAD "columns:\n  - {id: q, type: quantity, units: [count], scale: -19}\n",
      "bad.yaml:6:52: error: scale must be a whole number from -18 to 18, not '-19'",
      EXP_CONFIG },
    { "scale not a number",
      GOOD_HEAD "columns:\n  - {id: q, type: quantity, units: [count], scale: nine}\n",
      "bad.yaml:6:52: error: scale must be a whole number from -18 to 18, not 'nine'",
      EXP_CONFIG },
    { "key for another type", GOOD_HEAD "columns:\n  - {id: m, type: models, scale: 9}\n",
      "bad.yaml:6:27: error: key 'scale' does not apply to a models column", EXP_CONFIG },
    { "keywords column without keywords", GOOD_HEAD "columns:\n  - {id: k, type: keywords}\n",
      "bad.yaml:6:5: error: a keywords column is missing required key 'keywords'",
      EXP_CONFIG },
    { "unknown entity in a column",
      GOOD_HEAD "columns:\n  - {id: m, type: models, except: [zz]}\n",
      "bad.yaml:6:36: error: unknown entity 'zz' in except", EXP_CONFIG },
    { "reserved column id", GOOD_HEAD "columns:\n  - {id: sources, type: models}\n",
      "bad.yaml:6:10: error: column id 'sources' is reserved", EXP_CONFIG },
    { "bad role", GOOD_HEAD "columns:\n  - {id: q, type: quantity, units: [''], role: x}\n",
      "bad.yaml:6:48: error: role must be any, total or active, not 'x'", EXP_CONFIG },
    { "unknown section",
      GOOD_HEAD "columns:\n  - {id: m, type: models}\nlayout:\n  sections: [title, index]\n",
      "bad.yaml:8:21: error: unknown section 'index'", EXP_CONFIG },
    { "chart column not a quantity",
      GOOD_HEAD "columns:\n  - {id: m, type: models}\nlayout:\n  chart_columns: [m]\n",
      "bad.yaml:8:19: error: not a quantity column: 'm' in chart_columns", EXP_CONFIG },
    { "empty document", "", "bad.yaml: error: the template is empty", EXP_CONFIG },
    /* layout words and summary rules are checked at load */
    { "unknown label key",
      GOOD_HEAD "columns:\n  - {id: m, type: models}\nlayout:\n  labels: {summry: 개요}\n",
      "bad.yaml:8:12: error: unknown key 'summry' in layout.labels", EXP_CONFIG },
    { "label not a string",
      GOOD_HEAD "columns:\n  - {id: m, type: models}\nlayout:\n  labels: {summary: [a]}\n",
      "bad.yaml:8:21: error:", EXP_CONFIG },
    { "value label of no keyword",
      GOOD_HEAD "columns:\n  - {id: k, type: keywords, keywords: {x: [엑스]}}\nlayout:\n"
                "  value_labels: {y: 와이}\n",
      "error: layout.value_labels: 'y' is not a keyword value of any column", EXP_CONFIG },
    { "summary largest not a quantity",
      GOOD_HEAD "columns:\n  - {id: m, type: models}\nlayout:\n  summary: {largest: m}\n",
      "bad.yaml:8:22: error: summary.largest: 'm' is models, not a quantity column",
      EXP_CONFIG },
    { "summary kind unknown",
      GOOD_HEAD "columns:\n  - {id: m, type: models}\nlayout:\n  summary: {kind: zz}\n",
      "error: summary.kind: 'zz' is an unknown column, not a keywords column", EXP_CONFIG },
    { "summary share needs two",
      GOOD_HEAD "columns:\n  - {id: q, type: quantity, units: [count]}\nlayout:\n"
                "  summary: {share: [q]}\n",
      "error: summary.share names two columns: [part, whole]", EXP_CONFIG },
    { "summary budget in two units",
      GOOD_HEAD "columns:\n  - {id: q, type: quantity, units: [KRW], scale: 8}\n"
                "  - {id: r, type: quantity, units: [KRW], scale: 9}\nlayout:\n"
                "  summary: {budget: [q, r]}\n",
      "error: summary.budget: 'r' has another unit than 'q'", EXP_CONFIG },
    { "unknown summary key",
      GOOD_HEAD "columns:\n  - {id: m, type: models}\nlayout:\n  summary: {biggest: m}\n",
      "error: unknown key 'biggest' in layout.summary", EXP_CONFIG },
    { "column names an unknown unit",
      GOOD_HEAD "columns:\n  - id: q\n    type: quantity\n    units: [count, furlongs]\n",
      "bad.yaml:8:20: error: column 'q' names unknown unit 'furlongs'", EXP_CONFIG },
    { "units not a list", GOOD_HEAD "units: {a: b}\ncolumns:\n  - {id: m, type: models}\n",
      "bad.yaml:5:8: error: units must be a list, not a mapping", EXP_CONFIG },
    { "unit converts to an unknown unit",
      GOOD_HEAD "units:\n  - {name: barrel, of: oilcans, factor: 159}\ncolumns:\n  - {id: m, type: models}\n",
      "bad.yaml:6:24: error: unit 'barrel': the unit it converts to", EXP_CONFIG },
    { "unit factor not a number",
      GOOD_HEAD "units:\n  - {name: bbl2, of: L, factor: lots}\ncolumns:\n  - {id: m, type: models}\n",
      "bad.yaml:6:33: error: a unit's factor must be a positive decimal number, not 'lots'",
      EXP_CONFIG },
    { "unit factor negative",
      GOOD_HEAD "units:\n  - {name: bbl2, of: L, factor: -2}\ncolumns:\n  - {id: m, type: models}\n",
      "bad.yaml:6:33: error: a unit's factor must be a positive decimal number", EXP_CONFIG },
    { "factor without of",
      GOOD_HEAD "units:\n  - {name: bbl2, factor: 2}\ncolumns:\n  - {id: m, type: models}\n",
      "bad.yaml:6:26: error: unit 'bbl2' has a factor but no 'of' unit", EXP_CONFIG },
    { "alias already another unit",
      GOOD_HEAD "units:\n  - {name: 냥, aliases: [원], of: kg, factor: 0.0375}\ncolumns:\n  - {id: m, type: models}\n",
      "bad.yaml:6:25: error: unit '원': the spelling already names another unit", EXP_CONFIG },
    { "unknown unit key",
      GOOD_HEAD "units:\n  - {name: x, spelling: y}\ncolumns:\n  - {id: m, type: models}\n",
      "bad.yaml:6:15: error: unknown key 'spelling' in a unit", EXP_CONFIG },
    { "unknown dimension",
      GOOD_HEAD "units:\n  - {name: x, dimension: smell}\ncolumns:\n  - {id: m, type: models}\n",
      "bad.yaml:6:26: error: unknown unit dimension 'smell'", EXP_CONFIG },
    { "a table column twice",
      GOOD_HEAD "columns:\n  - {id: m, type: models}\nlayout:\n  table_columns: [entity, m, entity]\n",
      "bad.yaml:8:30: error: 'entity' is listed twice in table_columns", EXP_CONFIG },
    /* a null is never the text "null" nor a silent default; a foreign tag is not text */
    { "name: null", "template: t\nentities:\n  - id: a\n    name: null\ncolumns: []\n",
      "bad.yaml:4:11: error: 'name' has no value (null)", EXP_CONFIG },
    { "name: ~", "template: t\nentities:\n  - id: a\n    name: ~\ncolumns: []\n",
      "bad.yaml:4:11: error: 'name' has no value (null)", EXP_CONFIG },
    { "name with nothing after it",
      "template: t\nentities:\n  - id: a\n    name:\ncolumns: []\n",
      "error: 'name' has no value (null)", EXP_CONFIG },
    { "NULL in a flow mapping",
      GOOD_HEAD "columns:\n  - {id: m, type: models}\nlayout: {title: NULL}\n",
      "bad.yaml:7:17: error: 'title' has no value (null)", EXP_CONFIG },
    { "a null label", GOOD_HEAD "columns:\n  - {id: m, type: models}\nlayout:\n  labels: {summary: }\n",
      "bad.yaml:8:21: error: 'summary' has no value (null)", EXP_CONFIG },
    { "a null alias", GOOD_HEAD "    aliases: [가, ~]\ncolumns: []\n",
      "bad.yaml:5:18: error: an item of 'aliases' has no value (null); write one, or remove "
      "the item", EXP_CONFIG },
    { "a null list item", GOOD_HEAD "    aliases: [[~]]\ncolumns: []\n",
      "bad.yaml:5:16: error: an item of a list has no value (null)", EXP_CONFIG },
    { "a null key", GOOD_HEAD "columns:\n  - {id: m, type: models, ~: x}\n",
      "bad.yaml:6:27: error: a key has no value (null)", EXP_CONFIG },
    { "a null document", "~\n", "bad.yaml:1:1: error: the template has no value (null)",
      EXP_CONFIG },
    { "a binary-tagged name",
      "template: t\nentities:\n  - id: a\n    name: !!binary 6rCA\ncolumns: []\n",
      "bad.yaml:4:11: error: 'name' is tagged !!binary", EXP_CONFIG },
    { "a locally tagged id", "template: !mine t\nentities: []\ncolumns: []\n",
      "bad.yaml:1:11: error: 'template' is tagged !mine", EXP_CONFIG },
    { "a set-tagged list", GOOD_HEAD "    aliases: !!set {x: }\ncolumns: []\n",
      "bad.yaml:5:14: error: 'aliases' is tagged !!set", EXP_CONFIG },
    { "a section twice",
      GOOD_HEAD "columns:\n  - {id: m, type: models}\nlayout:\n  sections: [title, table, title]\n",
      "bad.yaml:8:28: error: section 'title' is listed twice", EXP_CONFIG },
};

static void test_bad_templates(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad_templates / sizeof bad_templates[0]; i++) {
        struct template t;
        memset(&t, 0x5A, sizeof t);
        char *msg;
        enum exp_status st = load_text(bad_templates[i].text, &t, &msg);
        if (st != bad_templates[i].status || !strstr(msg, bad_templates[i].expect))
            fail_msg("%s: status %d, message \"%s\"; expected \"%s\"", bad_templates[i].name, (int)st,
                     msg, bad_templates[i].expect);
        /* out-parameters are written only on success */
        assert_int_equal(((unsigned char *)&t)[0], 0x5A);
        free(msg);
    }
}

/* A generated template with more columns than a table can hold is refused at its position
 * (ten thousand took minutes to compile into extraction rules); the limit itself loads. */
/* Nesting is refused before libyaml's loader, whose cost grows with the square of the depth
 * (200,000 brackets took minutes): at the bracket that crosses the limit. */
static void test_depth_limit(void **state)
{
    (void)state;
    size_t n = 200000;
    char *text = malloc(2 * n + 64);
    size_t at = (size_t)sprintf(text, "template: t\nentities: ");
    memset(text + at, '[', n);
    memset(text + at + n, ']', n);
    strcpy(text + at + 2 * n, "\ncolumns: []\n");
    struct template t;
    char *msg;
    assert_int_equal(load_text(text, &t, &msg), EXP_CONFIG);
    /* the root mapping is level 1: the 16th bracket (column 26) is level 17 */
    if (!strstr(msg, "bad.yaml:2:26: error: the template nests deeper than 16 levels"))
        fail_msg("%s", msg);
    free(msg);
    free(text);
}

static void test_column_limit(void **state)
{
    (void)state;
    for (int extra = 0; extra <= 1; extra++) {
        size_t n = TEMPLATE_MAX_COLUMNS + (size_t)extra;
        size_t cap = 256 + n * 64;
        char *text = malloc(cap);
        size_t at = (size_t)snprintf(text, cap, "%s", GOOD_HEAD "columns:\n");
        for (size_t i = 0; i < n; i++)
            at += (size_t)snprintf(text + at, cap - at,
                                   "  - {id: c%zu, type: quantity, units: [KRW], cues: [매출%zu]}\n",
                                   i, i);
        struct template t;
        char *msg;
        enum exp_status st = load_text(text, &t, &msg);
        if (extra) {
            assert_int_equal(st, EXP_CONFIG);
            assert_non_null(strstr(msg, "bad.yaml:6:3: error: 101 columns; a comparison table "
                                        "has at most 100"));
        } else {
            assert_int_equal(st, EXP_OK);
            assert_int_equal(t.n_columns, TEMPLATE_MAX_COLUMNS);
            template_free(&t);
        }
        free(msg);
        free(text);
    }
}

/* Every text is bounded at load: a 100,000-character heading once made libharu fail. */
static void test_text_limit(void **state)
{
    (void)state;
    for (int extra = 0; extra <= 1; extra++) {
        size_t n = TEMPLATE_MAX_TEXT_BYTES + (size_t)extra;
        char *text = malloc(n + 256);
        size_t at = (size_t)sprintf(text, "%s", GOOD_HEAD "columns:\n  - {id: m, type: models}\n"
                                                "layout:\n  title: ");
        memset(text + at, 'x', n);
        strcpy(text + at + n, "\n");
        struct template t;
        char *msg;
        enum exp_status st = load_text(text, &t, &msg);
        if (extra) {
            assert_int_equal(st, EXP_CONFIG);
            assert_non_null(strstr(msg, "bad.yaml:8:10: error: a value longer than 4096 bytes"));
        } else {
            assert_int_equal(st, EXP_OK);
            template_free(&t);
        }
        free(msg);
        free(text);
    }
}

/* Every word the briefing prints has a key with a default; the template's labels override. */
static void test_layout_words(void **state)
{
    (void)state;
    struct template t;
    char *msg;
    assert_int_equal(load_text(GOOD_HEAD "columns:\n  - {id: k, type: keywords, keywords: "
                                         "{x: [엑스]}}\nlayout:\n  labels: {summary: 개요, "
                                         "entity: 팀}\n  value_labels: {x: 엑스값}\n",
                               &t, &msg),
                     EXP_OK);
    assert_string_equal(template_word(&t, "summary"), "개요");
    assert_string_equal(template_word(&t, "entity"), "팀");
    assert_string_equal(template_word(&t, "sources"), "출처");    /* the default */
    assert_string_equal(template_word(&t, "no such key"), "");
    assert_string_equal(template_value_label(&t, "x"), "엑스값");
    assert_string_equal(template_value_label(&t, "other"), "other");
    for (size_t i = 0; template_word_key(i); i++)
        assert_true(template_word_known(template_word_key(i)));
    assert_false(template_word_known("summry"));
    free(msg);
    template_free(&t);
}

/* A template's own units, and column units resolved to canonical names. */
static void test_template_units(void **state)
{
    (void)state;
    struct template t;
    char *msg;
    assert_int_equal(load_text(GOOD_HEAD "units:\n"
                                         "  - {name: barrel, aliases: [bbl, 배럴들이], of: L, factor: 158.987294928}\n"
                                         "  - {name: goal_kicks, aliases: [골킥], dimension: count}\n"
                                         "columns:\n"
                                         "  - {id: gen, type: quantity, units: [GWh, 원, '', barrel, 골킥]}\n",
                               &t, &msg),
                     EXP_OK);
    assert_string_equal(msg, "");
    static const char *const want[] = { "Wh", "KRW", "", "L", "goal_kicks" };
    assert_int_equal(t.columns[0].units.count, 5);
    for (size_t i = 0; i < 5; i++)
        assert_string_equal(t.columns[0].units.items[i], want[i]);
    /* the scanner reads the template's spellings */
    const char *text = "원유 3bbl, 골킥 2골킥, 3배럴들이";
    struct quantity_list l = { 0 };
    assert_int_equal(quantity_scan_units(t.units, text, strlen(text), &l, NULL), 0);
    assert_int_equal(l.count, 3);
    char v[64];
    decimal_format(&l.items[0].value, v, sizeof v);
    assert_string_equal(v, "476.961884784");
    assert_string_equal(l.items[0].unit, "L");
    assert_string_equal(l.items[1].unit, "goal_kicks");
    assert_string_equal(l.items[2].unit, "L");
    quantity_list_free(&l);
    /* without the template, bbl is no unit */
    assert_int_equal(quantity_scan(text, strlen(text), &l, NULL), 0);
    for (size_t i = 0; i < l.count; i++)
        assert_string_not_equal(l.items[i].unit, "goal_kicks");
    quantity_list_free(&l);
    free(msg);
    template_free(&t);
}

static void test_missing_file(void **state)
{
    (void)state;
    struct template t;
    char *msg = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&msg, &len);
    struct diag d;
    diag_init(&d, mem, 0, 0);
    assert_int_equal(template_load("tests/no/such.yaml", &d, &t), EXP_NOINPUT);
    fclose(mem);
    assert_non_null(strstr(msg, "tests/no/such.yaml: error: cannot open: No such file"));
    free(msg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_product_templates_load),
        cmocka_unit_test(test_fixture_template_loads),
        cmocka_unit_test(test_fold_is_the_matching_key),
        cmocka_unit_test(test_minimal_template),
        cmocka_unit_test(test_quoted_null_is_text),
        cmocka_unit_test(test_bad_templates),
        cmocka_unit_test(test_depth_limit),
        cmocka_unit_test(test_column_limit),
        cmocka_unit_test(test_text_limit),
        cmocka_unit_test(test_layout_words),
        cmocka_unit_test(test_template_units),
        cmocka_unit_test(test_missing_file),
    };
    return cmocka_run_group_tests_name("template", tests, NULL, NULL);
}

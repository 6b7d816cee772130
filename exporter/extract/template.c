/* template.c — see template.h. libyaml's document loader builds the node graph (aliases
 * resolved, every node with its mark); a small walker checks each mapping against the keys
 * it allows, so a typo is an error at its own line, not a silently ignored key. */
#include "extract/template.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "util/fsutil.h"
#include "util/text.h"
#include "extract/units.h"

/* ---- Loader state ---- */

struct loader {
    const char *path;
    struct diag *d;
    yaml_document_t doc;
    int failed;
};

static void fail_at(struct loader *ld, const yaml_node_t *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void fail_at(struct loader *ld, const yaml_node_t *n, const char *fmt, ...)
{
    if (ld->failed)
        return;   /* the first error is the one worth reading */
    ld->failed = 1;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    unsigned line = n ? (unsigned)n->start_mark.line + 1 : 0;
    unsigned col = n ? (unsigned)n->start_mark.column + 1 : 0;
    diag_error(ld->d, ld->path, line, col, "%s", msg);
}

static yaml_node_t *node(struct loader *ld, int id)
{
    return yaml_document_get_node(&ld->doc, id);
}

static const char *type_name(const yaml_node_t *n)
{
    switch (n->type) {
    case YAML_SCALAR_NODE: return "a scalar";
    case YAML_SEQUENCE_NODE: return "a list";
    case YAML_MAPPING_NODE: return "a mapping";
    default: return "nothing";
    }
}

static const char *scalar(const yaml_node_t *n)
{
    return (const char *)n->data.scalar.value;
}

static int want(struct loader *ld, const yaml_node_t *n, yaml_node_type_t t, const char *what)
{
    if (n->type == t)
        return 1;
    const char *tn = t == YAML_SCALAR_NODE ? "a scalar" : t == YAML_SEQUENCE_NODE ? "a list"
                                                                                  : "a mapping";
    fail_at(ld, n, "%s must be %s, not %s", what, tn, type_name(n));
    return 0;
}

/* Checks that every key of mapping m is in allowed (NULL-terminated). */
static int check_keys(struct loader *ld, yaml_node_t *m, const char *what,
                      const char *const *allowed)
{
    for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
        yaml_node_t *k = node(ld, p->key);
        if (!want(ld, k, YAML_SCALAR_NODE, "a key"))
            return 0;
        int ok = 0;
        for (size_t i = 0; allowed[i]; i++)
            if (strcmp(scalar(k), allowed[i]) == 0)
                ok = 1;
        if (!ok) {
            fail_at(ld, k, "unknown key '%s' in %s", scalar(k), what);
            return 0;
        }
        for (yaml_node_pair_t *q = m->data.mapping.pairs.start; q < p; q++)
            if (strcmp(scalar(node(ld, q->key)), scalar(k)) == 0) {
                fail_at(ld, k, "duplicate key '%s' in %s", scalar(k), what);
                return 0;
            }
    }
    return 1;
}

static yaml_node_t *get(struct loader *ld, yaml_node_t *m, const char *key)
{
    for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
        yaml_node_t *k = node(ld, p->key);
        if (k->type == YAML_SCALAR_NODE && strcmp(scalar(k), key) == 0)
            return node(ld, p->value);
    }
    return NULL;
}

static yaml_node_t *require(struct loader *ld, yaml_node_t *m, const char *key, const char *what)
{
    yaml_node_t *v = get(ld, m, key);
    if (!v)
        fail_at(ld, m, "%s is missing required key '%s'", what, key);
    return v;
}

/* ---- Typed readers ---- */

static int read_string(struct loader *ld, yaml_node_t *v, const char *what, int nonempty,
                       char **out)
{
    if (!want(ld, v, YAML_SCALAR_NODE, what))
        return 0;
    if (nonempty && !*scalar(v)) {
        fail_at(ld, v, "%s must not be empty", what);
        return 0;
    }
    free(*out);
    *out = xstrdup(scalar(v));
    return 1;
}

static int opt_string(struct loader *ld, yaml_node_t *m, const char *key, const char *what,
                      const char *dflt, char **out)
{
    yaml_node_t *v = get(ld, m, key);
    if (!v) {
        *out = xstrdup(dflt);
        return 1;
    }
    return read_string(ld, v, what, 0, out);
}

static int read_bool(struct loader *ld, yaml_node_t *v, const char *what, int *out)
{
    if (!want(ld, v, YAML_SCALAR_NODE, what))
        return 0;
    const char *s = scalar(v);
    if (!strcmp(s, "true") || !strcmp(s, "yes")) {
        *out = 1;
        return 1;
    }
    if (!strcmp(s, "false") || !strcmp(s, "no")) {
        *out = 0;
        return 1;
    }
    fail_at(ld, v, "%s must be true or false, not '%s'", what, s);
    return 0;
}

static int opt_bool(struct loader *ld, yaml_node_t *m, const char *key, const char *what,
                    int *out)
{
    yaml_node_t *v = get(ld, m, key);
    *out = 0;
    return v ? read_bool(ld, v, what, out) : 1;
}

/* An optional whole number from lo to hi (default dflt when the key is absent). */
static int opt_whole(struct loader *ld, yaml_node_t *m, const char *key, const char *what,
                     long lo, long hi, long dflt, long *out)
{
    yaml_node_t *v = get(ld, m, key);
    *out = dflt;
    if (!v)
        return 1;
    if (!want(ld, v, YAML_SCALAR_NODE, what))
        return 0;
    const char *s = scalar(v);
    char *end;
    errno = 0;
    long n = strtol(s, &end, 10);
    if (!*s || *end || errno || n < lo || n > hi) {
        fail_at(ld, v, "%s must be a whole number from %ld to %ld, not '%s'", what, lo, hi, s);
        return 0;
    }
    *out = n;
    return 1;
}

static int opt_uint(struct loader *ld, yaml_node_t *m, const char *key, const char *what,
                    unsigned max, unsigned dflt, unsigned *out)
{
    long n;
    int ok = opt_whole(ld, m, key, what, 0, (long)max, (long)dflt, &n);
    *out = ok ? (unsigned)n : dflt;
    return ok;
}

/* A whole number from -limit to limit (a column's scale: 8 for 억, -3 for milli). */
static int opt_signed(struct loader *ld, yaml_node_t *m, const char *key, const char *what,
                      int limit, int *out)
{
    long n;
    int ok = opt_whole(ld, m, key, what, -(long)limit, (long)limit, 0, &n);
    *out = ok ? (int)n : 0;
    return ok;
}

static void words_push(struct template_words *w, const char *s)
{
    w->items = xrealloc(w->items, (w->count + 1) * sizeof *w->items);
    w->items[w->count++] = xstrdup(s);
}

static void words_free(struct template_words *w)
{
    for (size_t i = 0; i < w->count; i++)
        free(w->items[i]);
    free(w->items);
    w->items = NULL;
    w->count = 0;
}

static void map_free(struct template_map *m)
{
    for (size_t i = 0; i < m->count; i++) {
        free(m->items[i].key);
        free(m->items[i].value);
    }
    free(m->items);
    memset(m, 0, sizeof *m);
}

/* A list of non-empty strings (empty allowed for units: "" is the bare number); a single
 * scalar is accepted as a one-item list. */
static int read_words(struct loader *ld, yaml_node_t *v, const char *what,
                      struct template_words *out)
{
    int allow_empty = !strcmp(what, "units");
    if (v->type == YAML_SCALAR_NODE) {
        if (!*scalar(v) && !allow_empty) {
            fail_at(ld, v, "%s must not be empty", what);
            return 0;
        }
        words_push(out, scalar(v));
        return 1;
    }
    if (!want(ld, v, YAML_SEQUENCE_NODE, what))
        return 0;
    for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top;
         it++) {
        yaml_node_t *e = node(ld, *it);
        if (!want(ld, e, YAML_SCALAR_NODE, "an item of a word list"))
            return 0;
        if (!*scalar(e) && !allow_empty) {
            fail_at(ld, e, "an item of %s must not be empty", what);
            return 0;
        }
        words_push(out, scalar(e));
    }
    return 1;
}

static int opt_words(struct loader *ld, yaml_node_t *m, const char *key, const char *what,
                     struct template_words *out)
{
    yaml_node_t *v = get(ld, m, key);
    return v ? read_words(ld, v, what, out) : 1;
}

static size_t seq_len(yaml_node_t *v)
{
    return (size_t)(v->data.sequence.items.top - v->data.sequence.items.start);
}

/* ---- Entities, organisations ---- */

static const char *const model_keys[] = { "name", "name_en", "aliases", "flagship", NULL };
static const char *const entity_keys[] = { "id", "name", "name_en", "aliases", "people",
                                           "models", "fields", "topic", NULL };
static const char *const org_keys[] = { "name", "aliases", NULL };

static int read_model(struct loader *ld, yaml_node_t *m, struct template_model *out)
{
    if (!want(ld, m, YAML_MAPPING_NODE, "a model") ||
        !check_keys(ld, m, "a model", model_keys))
        return 0;
    yaml_node_t *v = require(ld, m, "name", "a model");
    return v && read_string(ld, v, "a model's name", 1, &out->name) &&
           opt_string(ld, m, "name_en", "a model's name_en", "", &out->name_en) &&
           opt_words(ld, m, "aliases", "a model's aliases", &out->aliases) &&
           opt_bool(ld, m, "flagship", "flagship", &out->flagship);
}

static int read_entity(struct loader *ld, yaml_node_t *m, struct template_entity *out)
{
    if (!want(ld, m, YAML_MAPPING_NODE, "an entity") ||
        !check_keys(ld, m, "an entity", entity_keys))
        return 0;
    yaml_node_t *v;
    if (!(v = require(ld, m, "id", "an entity")) || !read_string(ld, v, "an entity id", 1, &out->id))
        return 0;
    if (!(v = require(ld, m, "name", "an entity")) ||
        !read_string(ld, v, "an entity name", 1, &out->name))
        return 0;
    if (!opt_string(ld, m, "name_en", "name_en", "", &out->name_en) ||
        !opt_words(ld, m, "aliases", "aliases", &out->aliases) ||
        !opt_words(ld, m, "people", "people", &out->people) ||
        !opt_bool(ld, m, "topic", "topic", &out->topic))
        return 0;
    if ((v = get(ld, m, "models"))) {
        if (!want(ld, v, YAML_SEQUENCE_NODE, "models"))
            return 0;
        out->models = xcalloc(seq_len(v) + 1, sizeof *out->models);
        int flagships = 0;
        for (yaml_node_item_t *it = v->data.sequence.items.start;
             it < v->data.sequence.items.top; it++) {
            struct template_model *mo = &out->models[out->n_models++];
            if (!read_model(ld, node(ld, *it), mo))
                return 0;
            if (mo->flagship && ++flagships > 1) {
                fail_at(ld, node(ld, *it), "entity '%s' has more than one flagship model",
                        out->id);
                return 0;
            }
        }
    }
    if ((v = get(ld, m, "fields"))) {
        if (!want(ld, v, YAML_MAPPING_NODE, "fields"))
            return 0;
        size_t n = (size_t)(v->data.mapping.pairs.top - v->data.mapping.pairs.start);
        out->fields = xcalloc(n + 1, sizeof *out->fields);
        for (yaml_node_pair_t *p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top;
             p++) {
            struct template_field *f = &out->fields[out->n_fields++];
            if (!read_string(ld, node(ld, p->key), "a field name", 1, &f->key) ||
                !read_string(ld, node(ld, p->value), "a field value", 0, &f->value))
                return 0;
        }
    }
    return 1;
}

static int read_org(struct loader *ld, yaml_node_t *m, struct template_org *out)
{
    if (m->type == YAML_SCALAR_NODE)
        return read_string(ld, m, "an organisation", 1, &out->name);
    if (!want(ld, m, YAML_MAPPING_NODE, "an organisation") ||
        !check_keys(ld, m, "an organisation", org_keys))
        return 0;
    yaml_node_t *v = require(ld, m, "name", "an organisation");
    return v && read_string(ld, v, "an organisation's name", 1, &out->name) &&
           opt_words(ld, m, "aliases", "aliases", &out->aliases);
}

/* ---- Columns ---- */

static const char *const column_keys[] = {
    "id", "label", "type", "entities", "except", "units", "scale", "unit_label", "role",
    "english_scale_is_cue", "largest_per_clause", "flagship_only", "cues", "negative_cues",
    "markers",
    "exclude", "marker_side", "plan", "history", "skip", "elsewhere", "keywords", "single",
    "flagship", "field", "merge", NULL
};

static const char *const column_types[] = { "quantity", "keywords", "organisations", "models",
                                            "text", "date", NULL };

/* Keys that only make sense for some types: a quantity key on a keyword column is a
 * mistake worth reporting. */
static int key_fits(const char *key, enum template_column_type t)
{
    static const char *const quantity_only[] = { "units", "scale", "unit_label", "role",
                                                  "english_scale_is_cue", "largest_per_clause",
                                                  "flagship_only", "markers", "exclude",
                                                  "marker_side", "negative_cues", NULL };
    static const char *const rules[] = { "cues", "plan", "history", "skip", "elsewhere", NULL };
    for (size_t i = 0; quantity_only[i]; i++)
        if (!strcmp(key, quantity_only[i]))
            return t == TEMPLATE_COL_QUANTITY;
    for (size_t i = 0; rules[i]; i++)
        if (!strcmp(key, rules[i]))
            return t == TEMPLATE_COL_QUANTITY || t == TEMPLATE_COL_KEYWORDS ||
                   t == TEMPLATE_COL_ORGANISATIONS || t == TEMPLATE_COL_DATE;
    if (!strcmp(key, "merge"))
        return t == TEMPLATE_COL_QUANTITY || t == TEMPLATE_COL_DATE || t == TEMPLATE_COL_KEYWORDS;
    if (!strcmp(key, "keywords") || !strcmp(key, "single"))
        return t == TEMPLATE_COL_KEYWORDS;
    if (!strcmp(key, "flagship"))
        return t == TEMPLATE_COL_MODELS;
    if (!strcmp(key, "field"))
        return t == TEMPLATE_COL_TEXT;
    return 1;
}

static int read_keywords(struct loader *ld, yaml_node_t *v, struct template_column *c)
{
    /* keywords: {text: [텍스트, text], image: [이미지]} — canonical value: words */
    if (!want(ld, v, YAML_MAPPING_NODE, "keywords"))
        return 0;
    size_t n = (size_t)(v->data.mapping.pairs.top - v->data.mapping.pairs.start);
    if (!n) {
        fail_at(ld, v, "keywords of column '%s' must not be empty", c->id);
        return 0;
    }
    c->keywords = xcalloc(n, sizeof *c->keywords);
    for (yaml_node_pair_t *p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top; p++) {
        struct template_keyword *k = &c->keywords[c->n_keywords++];
        if (!read_string(ld, node(ld, p->key), "a keyword's canonical value", 1, &k->value) ||
            !read_words(ld, node(ld, p->value), "a keyword's words", &k->words))
            return 0;
    }
    return 1;
}

/* A column's one-of-a-list keys: role, merge, marker_side. */
static int read_column_choices(struct loader *ld, yaml_node_t *m, struct template_column *c)
{
    yaml_node_t *v;
    if ((v = get(ld, m, "role"))) {
        if (!want(ld, v, YAML_SCALAR_NODE, "role"))
            return 0;
        if (!strcmp(scalar(v), "any"))
            c->role = TEMPLATE_ROLE_ANY;
        else if (!strcmp(scalar(v), "total"))
            c->role = TEMPLATE_ROLE_TOTAL;
        else if (!strcmp(scalar(v), "active"))
            c->role = TEMPLATE_ROLE_ACTIVE;
        else {
            fail_at(ld, v, "role must be any, total or active, not '%s'", scalar(v));
            return 0;
        }
    }
    if ((v = get(ld, m, "merge"))) {
        static const char *const rules[] = { "majority", "latest", "largest", NULL };
        size_t k = 0;
        if (!want(ld, v, YAML_SCALAR_NODE, "merge"))
            return 0;
        while (rules[k] && strcmp(scalar(v), rules[k]))
            k++;
        if (!rules[k]) {
            fail_at(ld, v, "merge must be majority, latest or largest, not '%s'", scalar(v));
            return 0;
        }
        c->merge = (enum template_merge)k;
        if (c->type == TEMPLATE_COL_KEYWORDS && !c->single) {
            fail_at(ld, v, "merge applies to a keywords column only with single: true "
                           "(a list cell keeps every value)");
            return 0;
        }
        if (c->merge == TEMPLATE_MERGE_LARGEST && c->type == TEMPLATE_COL_KEYWORDS) {
            fail_at(ld, v, "merge: largest needs figures or dates, not keywords");
            return 0;
        }
    }
    if ((v = get(ld, m, "marker_side"))) {
        if (!want(ld, v, YAML_SCALAR_NODE, "marker_side"))
            return 0;
        if (!strcmp(scalar(v), "nearest"))
            c->marker_side = TEMPLATE_SIDE_NEAREST;
        else if (!strcmp(scalar(v), "after"))
            c->marker_side = TEMPLATE_SIDE_AFTER;
        else if (!strcmp(scalar(v), "before"))
            c->marker_side = TEMPLATE_SIDE_BEFORE;
        else {
            fail_at(ld, v, "marker_side must be nearest, after or before, not '%s'", scalar(v));
            return 0;
        }
    }
    return 1;
}

static int read_column(struct loader *ld, yaml_node_t *m, struct template_column *c)
{
    if (!want(ld, m, YAML_MAPPING_NODE, "a column") || !check_keys(ld, m, "a column", column_keys))
        return 0;
    yaml_node_t *v;
    if (!(v = require(ld, m, "id", "a column")) || !read_string(ld, v, "a column id", 1, &c->id))
        return 0;
    if (!(v = require(ld, m, "type", "a column")) || !want(ld, v, YAML_SCALAR_NODE, "type"))
        return 0;
    size_t t;
    for (t = 0; column_types[t]; t++)
        if (!strcmp(scalar(v), column_types[t]))
            break;
    if (!column_types[t]) {
        fail_at(ld, v, "unknown column type '%s' (expected quantity, keywords, organisations, "
                       "models, text or date)", scalar(v));
        return 0;
    }
    c->type = (enum template_column_type)t;
    for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
        yaml_node_t *k = node(ld, p->key);
        if (!key_fits(scalar(k), c->type)) {
            fail_at(ld, k, "key '%s' does not apply to a %s column", scalar(k), column_types[t]);
            return 0;
        }
    }
    if (!opt_string(ld, m, "label", "label", c->id, &c->label) ||
        !opt_words(ld, m, "entities", "entities", &c->entities) ||
        !opt_words(ld, m, "except", "except", &c->except) ||
        !opt_words(ld, m, "units", "units", &c->units) ||
        !opt_signed(ld, m, "scale", "scale", 18, &c->scale) ||
        !opt_string(ld, m, "unit_label", "unit_label", "", &c->unit_label) ||
        !opt_bool(ld, m, "english_scale_is_cue", "english_scale_is_cue",
                  &c->english_scale_is_cue) ||
        !opt_bool(ld, m, "largest_per_clause", "largest_per_clause", &c->largest_per_clause) ||
        !opt_bool(ld, m, "flagship_only", "flagship_only", &c->flagship_only) ||
        !opt_words(ld, m, "cues", "cues", &c->cues) ||
        !opt_words(ld, m, "negative_cues", "negative_cues", &c->negative_cues) ||
        !opt_words(ld, m, "markers", "markers", &c->markers) ||
        !opt_words(ld, m, "exclude", "exclude", &c->exclude) ||
        !opt_words(ld, m, "plan", "plan", &c->plan) ||
        !opt_words(ld, m, "history", "history", &c->history) ||
        !opt_words(ld, m, "skip", "skip", &c->skip) ||
        !opt_words(ld, m, "elsewhere", "elsewhere", &c->elsewhere) ||
        !opt_bool(ld, m, "flagship", "flagship", &c->flagship) ||
        !opt_bool(ld, m, "single", "single", &c->single))
        return 0;
    if (!read_column_choices(ld, m, c))
        return 0;
    if (c->type == TEMPLATE_COL_QUANTITY && !c->units.count) {
        fail_at(ld, m, "quantity column '%s' is missing required key 'units'", c->id);
        return 0;
    }
    if (c->type == TEMPLATE_COL_KEYWORDS) {
        if (!(v = require(ld, m, "keywords", "a keywords column")) || !read_keywords(ld, v, c))
            return 0;
    }
    if (c->type == TEMPLATE_COL_TEXT) {
        if (!(v = require(ld, m, "field", "a text column")) ||
            !read_string(ld, v, "field", 1, &c->field))
            return 0;
    }
    return 1;
}

/* ---- Layout ---- */

static const char *const layout_keys[] = { "title", "subtitle", "page_size", "orientation",
                                           "margin_mm", "font_body", "font_heading",
                                           "font_size_pt", "sections", "table_columns",
                                           "chart_columns", "key_sentences", "labels",
                                           "value_labels", "summary", NULL };
static const char *const summary_keys[] = { "largest", "share", "kind", "budget", "targets",
                                            "milestones", NULL };

/* A mapping of strings (layout.labels, layout.value_labels); known != NULL checks each key. */
static int read_map(struct loader *ld, yaml_node_t *m, const char *what,
                    int (*known)(const char *), struct template_map *out)
{
    if (!m)
        return 1;
    if (!want(ld, m, YAML_MAPPING_NODE, what))
        return 0;
    size_t n = (size_t)(m->data.mapping.pairs.top - m->data.mapping.pairs.start);
    out->items = xcalloc(n + 1, sizeof *out->items);
    for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
        yaml_node_t *k = node(ld, p->key);
        struct template_pair *it = &out->items[out->count];
        if (!read_string(ld, k, what, 1, &it->key))
            return 0;
        out->count++;
        if (!read_string(ld, node(ld, p->value), what, 0, &it->value))
            return 0;
        if (known && !known(it->key)) {
            fail_at(ld, k, "unknown key '%s' in %s (templates/README.md lists them)", it->key,
                    what);
            return 0;
        }
    }
    return 1;
}

static int read_summary(struct loader *ld, yaml_node_t *m, struct template_summary *s)
{
    if (!m) {
        s->largest = xstrdup("");
        s->share_part = xstrdup("");
        s->share_whole = xstrdup("");
        s->kind = xstrdup("");
        return 1;
    }
    if (!want(ld, m, YAML_MAPPING_NODE, "layout.summary") ||
        !check_keys(ld, m, "layout.summary", summary_keys) ||
        !opt_string(ld, m, "largest", "summary.largest", "", &s->largest) ||
        !opt_string(ld, m, "kind", "summary.kind", "", &s->kind) ||
        !opt_words(ld, m, "budget", "summary.budget", &s->budget) ||
        !opt_words(ld, m, "targets", "summary.targets", &s->targets) ||
        !opt_words(ld, m, "milestones", "summary.milestones", &s->milestones))
        return 0;
    struct template_words share = { 0 };
    if (!opt_words(ld, m, "share", "summary.share", &share))
        return 0;
    if (share.count && share.count != 2) {
        fail_at(ld, get(ld, m, "share"), "summary.share names two columns: [part, whole]");
        for (size_t i = 0; i < share.count; i++)
            free(share.items[i]);
        free(share.items);
        return 0;
    }
    s->share_part = xstrdup(share.count ? share.items[0] : "");
    s->share_whole = xstrdup(share.count ? share.items[1] : "");
    for (size_t i = 0; i < share.count; i++)
        free(share.items[i]);
    free(share.items);
    return 1;
}

static int read_layout(struct loader *ld, yaml_node_t *m, struct template_layout *l)
{
    if (!m) {
        l->title = xstrdup("");
        l->subtitle = xstrdup("");
        l->page_size = xstrdup("A4");
        l->orientation = xstrdup("portrait");
        l->font_body = xstrdup("NanumGothic");
        l->font_heading = xstrdup("NanumGothicBold");
        l->margin_mm = 18;
        l->font_size_pt = 10;
        l->key_sentences = 3;
        return read_summary(ld, NULL, &l->summary);
    }
    if (!want(ld, m, YAML_MAPPING_NODE, "layout") || !check_keys(ld, m, "layout", layout_keys))
        return 0;
    if (!opt_string(ld, m, "title", "title", "", &l->title) ||
        !opt_string(ld, m, "subtitle", "subtitle", "", &l->subtitle) ||
        !opt_string(ld, m, "page_size", "page_size", "A4", &l->page_size) ||
        !opt_string(ld, m, "orientation", "orientation", "portrait", &l->orientation) ||
        !opt_uint(ld, m, "margin_mm", "margin_mm", 100, 18, &l->margin_mm) ||
        !opt_string(ld, m, "font_body", "font_body", "NanumGothic", &l->font_body) ||
        !opt_string(ld, m, "font_heading", "font_heading", "NanumGothicBold", &l->font_heading) ||
        !opt_uint(ld, m, "font_size_pt", "font_size_pt", 72, 10, &l->font_size_pt) ||
        !opt_words(ld, m, "sections", "sections", &l->sections) ||
        !opt_words(ld, m, "table_columns", "table_columns", &l->table_columns) ||
        !opt_words(ld, m, "chart_columns", "chart_columns", &l->chart_columns) ||
        !opt_uint(ld, m, "key_sentences", "key_sentences", 20, 3, &l->key_sentences) ||
        !read_map(ld, get(ld, m, "labels"), "layout.labels", template_word_known, &l->labels) ||
        !read_map(ld, get(ld, m, "value_labels"), "layout.value_labels", NULL,
                  &l->value_labels) ||
        !read_summary(ld, get(ld, m, "summary"), &l->summary))
        return 0;
    static const char *const pages[] = { "A4", "A5", "Letter", "Legal", "B5", NULL };
    int ok = 0;
    for (size_t i = 0; pages[i]; i++)
        ok |= !strcmp(l->page_size, pages[i]);
    if (!ok) {
        fail_at(ld, get(ld, m, "page_size"), "page_size must be A4, A5, B5, Letter or Legal, "
                                             "not '%s'", l->page_size);
        return 0;
    }
    if (strcmp(l->orientation, "portrait") && strcmp(l->orientation, "landscape")) {
        fail_at(ld, get(ld, m, "orientation"), "orientation must be portrait or landscape");
        return 0;
    }
    static const char *const known_sections[] = { "title", "summary", "table", "chart",
                                                  "entities", "sources", "changes", "coverage",
                                                  "trend", "conflicts", NULL };
    yaml_node_t *sv = get(ld, m, "sections");
    for (size_t i = 0; i < l->sections.count; i++) {
        int known = 0;
        for (size_t j = 0; known_sections[j]; j++)
            known |= !strcmp(l->sections.items[i], known_sections[j]);
        yaml_node_t *at = sv->type == YAML_SEQUENCE_NODE
                              ? node(ld, sv->data.sequence.items.start[i]) : sv;
        if (!known) {
            fail_at(ld, at, "unknown section '%s' (expected title, summary, table, chart, "
                            "entities, sources, changes, coverage, trend or conflicts)", l->sections.items[i]);
            return 0;
        }
        for (size_t j = 0; j < i; j++)
            if (!strcmp(l->sections.items[j], l->sections.items[i])) {
                fail_at(ld, at, "section '%s' is listed twice", l->sections.items[i]);
                return 0;
            }
    }
    return 1;
}

/* ---- Cross-checks ---- */

/* The node of item i of the list under key in mapping m, for messages. */
static yaml_node_t *item_node(struct loader *ld, yaml_node_t *m, const char *key, size_t i)
{
    yaml_node_t *v = get(ld, m, key);
    if (v && v->type == YAML_SEQUENCE_NODE && i < seq_len(v))
        return node(ld, v->data.sequence.items.start[i]);
    return v ? v : m;
}

struct claim {
    char *key;           /* folded */
    size_t owner;        /* entity index, or SIZE_MAX - 1 for an organisation/other model */
    const char *as_written;
    yaml_node_t *where;
};

static int claim_cmp(const void *a, const void *b)
{
    const struct claim *x = a, *y = b;
    return strcmp(x->key, y->key);
}

static void add_claim(struct claim **v, size_t *n, size_t *cap, const char *s, size_t owner,
                      yaml_node_t *where)
{
    xgrow(v, cap, *n + 1, sizeof **v);
    struct buf b = BUF_INIT;
    template_fold(s, strlen(s), &b, NULL);
    (*v)[*n].key = buf_detach(&b);
    (*v)[*n].owner = owner;
    (*v)[*n].as_written = s;
    (*v)[*n].where = where;
    (*n)++;
}

/* Who a claim's owner is, for messages: an entity id, "an organisation" or "another party". */
static const char *claim_owner(const struct template *t, size_t owner)
{
    const size_t nobody = (size_t)-2;
    if (owner < t->n_entities)
        return t->entities[owner].id;
    return nobody - 1 - owner < t->n_orgs ? "an organisation" : "another party";
}

/* Every name, alias and model name must lead to one owner once folded: two entities cannot
 * both answer to "SKT". Same-owner repeats are harmless. */
static int check_claims(struct loader *ld, const struct template *t, yaml_node_t *ents,
                        yaml_node_t *orgs, yaml_node_t *parties)
{
    struct claim *v = NULL;
    size_t n = 0, cap = 0;
    const size_t nobody = (size_t)-2;
    for (size_t i = 0; i < t->n_entities; i++) {
        const struct template_entity *e = &t->entities[i];
        yaml_node_t *em = node(ld, ents->data.sequence.items.start[i]);
        add_claim(&v, &n, &cap, e->name, i, get(ld, em, "name"));
        if (*e->name_en)
            add_claim(&v, &n, &cap, e->name_en, i, get(ld, em, "name_en"));
        for (size_t j = 0; j < e->aliases.count; j++)
            add_claim(&v, &n, &cap, e->aliases.items[j], i, item_node(ld, em, "aliases", j));
        for (size_t j = 0; j < e->people.count; j++)
            add_claim(&v, &n, &cap, e->people.items[j], i, item_node(ld, em, "people", j));
        for (size_t k = 0; k < e->n_models; k++) {
            const struct template_model *mo = &e->models[k];
            yaml_node_t *mm = item_node(ld, em, "models", k);
            yaml_node_t *nm = mm->type == YAML_MAPPING_NODE ? get(ld, mm, "name") : mm;
            yaml_node_t *enm = mm->type == YAML_MAPPING_NODE ? get(ld, mm, "name_en") : mm;
            add_claim(&v, &n, &cap, mo->name, i, nm);
            if (*mo->name_en)
                add_claim(&v, &n, &cap, mo->name_en, i, enm);
            for (size_t j = 0; j < mo->aliases.count; j++)
                add_claim(&v, &n, &cap, mo->aliases.items[j], i, item_node(ld, mm, "aliases", j));
        }
    }
    for (size_t i = 0; i < t->n_orgs; i++) {
        yaml_node_t *om = orgs ? node(ld, orgs->data.sequence.items.start[i]) : NULL;
        add_claim(&v, &n, &cap, t->orgs[i].name, nobody - 1 - i, om);
        for (size_t j = 0; j < t->orgs[i].aliases.count; j++)
            add_claim(&v, &n, &cap, t->orgs[i].aliases.items[j], nobody - 1 - i,
                      om && om->type == YAML_MAPPING_NODE ? item_node(ld, om, "aliases", j) : om);
    }
    for (size_t i = 0; i < t->n_parties; i++) {
        yaml_node_t *pm = parties ? node(ld, parties->data.sequence.items.start[i]) : NULL;
        size_t owner = nobody - 1 - t->n_orgs - i;
        add_claim(&v, &n, &cap, t->parties[i].name, owner, pm);
        for (size_t j = 0; j < t->parties[i].aliases.count; j++)
            add_claim(&v, &n, &cap, t->parties[i].aliases.items[j], owner,
                      pm && pm->type == YAML_MAPPING_NODE ? item_node(ld, pm, "aliases", j) : pm);
    }
    int ok = 1;
    for (size_t i = 0; i < n && ok; i++)
        if (!*v[i].key) {
            fail_at(ld, v[i].where, "name '%s' is empty once spaces and hyphens are dropped",
                    v[i].as_written);
            ok = 0;
        }
    /* Stable order: sort a copy of indices by key, then report the later claim. */
    if (ok) {
        struct claim *s = xmalloc((n ? n : 1) * sizeof *s);
        memcpy(s, v, n * sizeof *s);
        qsort(s, n, sizeof *s, claim_cmp);
        for (size_t i = 1; i < n && ok; i++) {
            if (strcmp(s[i - 1].key, s[i].key) || s[i - 1].owner == s[i].owner)
                continue;
            /* Report at whichever of the two comes later in the file. */
            const struct claim *a = &s[i - 1], *b = &s[i];
            if (a->where && b->where &&
                (a->where->start_mark.index > b->where->start_mark.index)) {
                const struct claim *tmp = a;
                a = b;
                b = tmp;
            }
            const char *owner_a = claim_owner(t, a->owner), *owner_b = claim_owner(t, b->owner);
            fail_at(ld, b->where, "name '%s' is claimed by both %s ('%s') and %s",
                    b->as_written, owner_a, a->as_written, owner_b);
            ok = 0;
        }
        free(s);
    }
    for (size_t i = 0; i < n; i++)
        free(v[i].key);
    free(v);
    return ok;
}

static int check_entity_refs(struct loader *ld, const struct template *t, yaml_node_t *cm,
                             const char *key, const struct template_words *w)
{
    for (size_t i = 0; i < w->count; i++)
        if (template_entity_index(t, w->items[i]) < 0) {
            fail_at(ld, item_node(ld, cm, key, i), "unknown entity '%s' in %s", w->items[i], key);
            return 0;
        }
    return 1;
}

static int check_column_refs(struct loader *ld, const struct template *t, yaml_node_t *lm,
                             const char *key, const struct template_words *w, int quantity_only)
{
    for (size_t i = 0; i < w->count; i++) {
        /* each column once: the table's width and the chart's series are bounded by the
           template's columns (a thousand 'entity' made libharu fail on the table) */
        for (size_t j = 0; j < i; j++)
            if (!strcmp(w->items[j], w->items[i])) {
                fail_at(ld, item_node(ld, lm, key, i), "'%s' is listed twice in %s",
                        w->items[i], key);
                return 0;
            }
        long c = template_column_index(t, w->items[i]);
        /* the briefing's own columns; comparison.csv's other fixed columns are not drawn */
        static const char *const fixed[] = { "entity", "sources", NULL };
        int is_fixed = 0;
        for (size_t j = 0; fixed[j]; j++)
            is_fixed |= !strcmp(w->items[i], fixed[j]);
        if ((c < 0 && (quantity_only || !is_fixed)) ||
            (c >= 0 && quantity_only && t->columns[c].type != TEMPLATE_COL_QUANTITY)) {
            fail_at(ld, item_node(ld, lm, key, i), "%s '%s' in %s",
                    c < 0 ? "unknown column" : "not a quantity column:", w->items[i], key);
            return 0;
        }
    }
    return 1;
}

/* One column a summary rule names: it exists and has the type the rule reads. */
static int check_rule_column(struct loader *ld, const struct template *t, yaml_node_t *at,
                             const char *rule, const char *id, enum template_column_type type)
{
    static const char *const names[] = { "quantity", "keywords", "organisations", "models",
                                         "text", "date" };
    long c = template_column_index(t, id);
    if (c < 0 || t->columns[c].type != type) {
        fail_at(ld, at, "summary.%s: '%s' is %s, not a %s column", rule, id,
                c < 0 ? "an unknown column" : names[t->columns[c].type], names[type]);
        return 0;
    }
    return 1;
}

static int check_summary_refs(struct loader *ld, const struct template *t, yaml_node_t *lay)
{
    const struct template_summary *s = &t->layout.summary;
    yaml_node_t *sm = lay ? get(ld, lay, "summary") : NULL;
    if (!sm)
        return 1;
    const struct { const char *rule, *id; enum template_column_type type; } one[] = {
        { "largest", s->largest, TEMPLATE_COL_QUANTITY },
        { "share", s->share_part, TEMPLATE_COL_QUANTITY },
        { "share", s->share_whole, TEMPLATE_COL_QUANTITY },
        { "kind", s->kind, TEMPLATE_COL_KEYWORDS },
    };
    for (size_t i = 0; i < sizeof one / sizeof one[0]; i++)
        if (*one[i].id && !check_rule_column(ld, t, get(ld, sm, one[i].rule), one[i].rule,
                                             one[i].id, one[i].type))
            return 0;
    const struct { const char *rule; const struct template_words *w;
                   enum template_column_type type; } lists[] = {
        { "budget", &s->budget, TEMPLATE_COL_QUANTITY },
        { "targets", &s->targets, TEMPLATE_COL_QUANTITY },
        { "milestones", &s->milestones, TEMPLATE_COL_DATE },
    };
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++)
        for (size_t k = 0; k < lists[i].w->count; k++)
            if (!check_rule_column(ld, t, item_node(ld, sm, lists[i].rule, k), lists[i].rule,
                                   lists[i].w->items[k], lists[i].type))
                return 0;
    /* budget items are summed: one unit */
    for (size_t k = 1; k < s->budget.count; k++) {
        const struct template_column *a = &t->columns[template_column_index(t, s->budget.items[0])];
        const struct template_column *b = &t->columns[template_column_index(t, s->budget.items[k])];
        if (strcmp(a->unit_label, b->unit_label) || a->scale != b->scale) {
            fail_at(ld, item_node(ld, sm, "budget", k), "summary.budget: '%s' has another unit "
                    "than '%s'; only figures in one unit add up", b->id, a->id);
            return 0;
        }
    }
    return 1;
}

/* Every layout.value_labels key is a value of some keywords column. */
static int check_value_labels(struct loader *ld, const struct template *t, yaml_node_t *lay)
{
    const struct template_map *m = &t->layout.value_labels;
    for (size_t i = 0; i < m->count; i++) {
        int found = 0;
        for (size_t c = 0; c < t->n_columns && !found; c++)
            for (size_t k = 0; k < t->columns[c].n_keywords && !found; k++)
                found = !strcmp(t->columns[c].keywords[k].value, m->items[i].key);
        if (!found) {
            yaml_node_t *vl = get(ld, lay, "value_labels");
            fail_at(ld, vl, "layout.value_labels: '%s' is not a keyword value of any column",
                    m->items[i].key);
            return 0;
        }
    }
    return 1;
}

/* ---- The document ---- */

static const char *const top_keys[] = { "template", "title", "entities", "organisations",
                                        "other_models", "other_parties", "units", "columns",
                                        "layout", NULL };

/* ---- Units (the template's additions to the unit registry) ---- */

static const char *const unit_keys[] = { "name", "aliases", "of", "factor", "dimension", NULL };

/* One item of `units:`: {name, aliases, of, factor, dimension}. With `of`, the name and its
 * aliases are spellings of that canonical unit times factor (barrel: 158.987294928 L); without,
 * the name is a new canonical unit of `dimension` (default other) spelled by its aliases. */
static int read_unit(struct loader *ld, yaml_node_t *m, struct unit_registry *r)
{
    if (!want(ld, m, YAML_MAPPING_NODE, "a unit") || !check_keys(ld, m, "a unit", unit_keys))
        return 0;
    char *name = NULL, *of = NULL, *factor_text = NULL, *dim_text = NULL;
    struct template_words aliases = { 0 };
    yaml_node_t *v = require(ld, m, "name", "a unit");
    int ok = v && read_string(ld, v, "a unit's name", 1, &name) &&
             opt_string(ld, m, "of", "a unit's 'of'", "", &of) &&
             opt_string(ld, m, "factor", "a unit's factor", "", &factor_text) &&
             opt_string(ld, m, "dimension", "a unit's dimension", "other", &dim_text) &&
             opt_words(ld, m, "aliases", "aliases", &aliases);
    struct decimal factor = { 1, 0, 0 };
    enum unit_dimension dim = UNIT_DIM_OTHER;
    if (ok && *factor_text && (decimal_parse_str(factor_text, &factor) != 0 || decimal_sign(&factor) <= 0)) {
        fail_at(ld, get(ld, m, "factor"), "a unit's factor must be a positive decimal number, not '%s'",
                factor_text);
        ok = 0;
    }
    if (ok && *factor_text && !*of) {
        fail_at(ld, get(ld, m, "factor"), "unit '%s' has a factor but no 'of' unit to convert to", name);
        ok = 0;
    }
    if (ok && units_dimension_parse(dim_text, &dim) != 0) {
        fail_at(ld, get(ld, m, "dimension"), "unknown unit dimension '%s'", dim_text);
        ok = 0;
    }
    for (size_t i = 0; ok && i <= aliases.count; i++) {
        const char *spelling = i < aliases.count ? aliases.items[i] : name;
        const char *why = NULL;
        if (units_add(r, spelling, name, dim, *of ? of : NULL, &factor, &why) != 0) {
            yaml_node_t *at = i < aliases.count ? item_node(ld, m, "aliases", i) : get(ld, m, "name");
            if (*of && !units_canonical(r, of))
                at = get(ld, m, "of");
            fail_at(ld, at, "unit '%s': %s", spelling, why);
            ok = 0;
        }
    }
    free(name);
    free(of);
    free(factor_text);
    free(dim_text);
    words_free(&aliases);
    return ok;
}

static int read_units(struct loader *ld, yaml_node_t *v, struct template *t)
{
    t->units = units_new();
    if (!v)
        return 1;
    if (!want(ld, v, YAML_SEQUENCE_NODE, "units"))
        return 0;
    for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++)
        if (!read_unit(ld, node(ld, *it), t->units))
            return 0;
    return 1;
}

/* A quantity column's units, as the registry knows them: each item becomes its canonical
 * name ("GWh" → "Wh", "원" → "KRW"); an unknown one is an error at its position. */
static int resolve_column_units(struct loader *ld, const struct template *t, yaml_node_t *cm,
                                struct template_column *c)
{
    for (size_t i = 0; i < c->units.count; i++) {
        const char *canon = units_canonical(t->units, c->units.items[i]);
        if (!canon) {
            fail_at(ld, item_node(ld, cm, "units", i),
                    "column '%s' names unknown unit '%s' (the built-in units are listed in "
                    "templates/README.md; a template adds its own under 'units:')",
                    c->id, c->units.items[i]);
            return 0;
        }
        if (strcmp(canon, c->units.items[i])) {
            free(c->units.items[i]);
            c->units.items[i] = xstrdup(canon);
        }
    }
    return 1;
}

/* The entities: required, not empty, ids unique. */
static int read_entities(struct loader *ld, yaml_node_t *root, struct template *t)
{
    yaml_node_t *ents = require(ld, root, "entities", "the template");
    if (!ents || !want(ld, ents, YAML_SEQUENCE_NODE, "entities"))
        return 0;
    if (!seq_len(ents)) {
        fail_at(ld, ents, "entities must not be empty");
        return 0;
    }
    if (seq_len(ents) > TEMPLATE_MAX_ENTITIES) {
        fail_at(ld, ents, "%zu entities; a briefing compares at most %d",
                (size_t)seq_len(ents), TEMPLATE_MAX_ENTITIES);
        return 0;
    }
    t->entities = xcalloc(seq_len(ents), sizeof *t->entities);
    for (yaml_node_item_t *it = ents->data.sequence.items.start;
         it < ents->data.sequence.items.top; it++) {
        struct template_entity *e = &t->entities[t->n_entities++];
        if (!read_entity(ld, node(ld, *it), e))
            return 0;
        for (size_t i = 0; i + 1 < t->n_entities; i++)
            if (!strcmp(t->entities[i].id, e->id)) {
                fail_at(ld, get(ld, node(ld, *it), "id"), "duplicate entity id '%s'", e->id);
                return 0;
            }
    }
    return 1;
}

/* A list of organisations or other parties (NULL: none): a name, or {name, aliases}. */
static int read_org_list(struct loader *ld, yaml_node_t *v, const char *what,
                         struct template_org **out, size_t *n)
{
    if (!v)
        return 1;
    if (!want(ld, v, YAML_SEQUENCE_NODE, what))
        return 0;
    *out = xcalloc(seq_len(v) + 1, sizeof **out);
    for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top;
         it++)
        if (!read_org(ld, node(ld, *it), &(*out)[(*n)++]))
            return 0;
    return 1;
}

/* The columns: required, not empty, ids unique and not reserved, units and entity
 * references resolved. */
static int read_columns(struct loader *ld, yaml_node_t *root, struct template *t)
{
    yaml_node_t *cols = require(ld, root, "columns", "the template");
    if (!cols || !want(ld, cols, YAML_SEQUENCE_NODE, "columns"))
        return 0;
    if (!seq_len(cols)) {
        fail_at(ld, cols, "columns must not be empty");
        return 0;
    }
    if (seq_len(cols) > TEMPLATE_MAX_COLUMNS) {
        fail_at(ld, cols, "%zu columns; a comparison table has at most %d",
                (size_t)seq_len(cols), TEMPLATE_MAX_COLUMNS);
        return 0;
    }
    t->columns = xcalloc(seq_len(cols), sizeof *t->columns);
    for (yaml_node_item_t *it = cols->data.sequence.items.start;
         it < cols->data.sequence.items.top; it++) {
        yaml_node_t *cm = node(ld, *it);
        struct template_column *c = &t->columns[t->n_columns++];
        if (!read_column(ld, cm, c))
            return 0;
        static const char *const reserved[] = { "entity_id", "entity", "entity_en", "articles",
                                                "mentions", "conflicts", "sources", NULL };
        for (size_t i = 0; reserved[i]; i++)
            if (!strcmp(c->id, reserved[i])) {
                fail_at(ld, get(ld, cm, "id"), "column id '%s' is reserved", c->id);
                return 0;
            }
        for (size_t i = 0; i + 1 < t->n_columns; i++)
            if (!strcmp(t->columns[i].id, c->id)) {
                fail_at(ld, get(ld, cm, "id"), "duplicate column id '%s'", c->id);
                return 0;
            }
        if (c->type == TEMPLATE_COL_QUANTITY && !resolve_column_units(ld, t, cm, c))
            return 0;
        if (!check_entity_refs(ld, t, cm, "entities", &c->entities) ||
            !check_entity_refs(ld, t, cm, "except", &c->except))
            return 0;
        if (c->type == TEMPLATE_COL_ORGANISATIONS && !t->n_orgs) {
            fail_at(ld, cm, "organisations column '%s' needs a top-level organisations list",
                    c->id);
            return 0;
        }
    }
    return 1;
}

/* Every text of the template — a label, a name, a cue — is bounded before anything reads
 * it: a 100,000-character heading made libharu fail on the outline (exit 70). */
static int check_text_sizes(struct loader *ld)
{
    for (yaml_node_t *n = ld->doc.nodes.start; n < ld->doc.nodes.top; n++)
        if (n->type == YAML_SCALAR_NODE && n->data.scalar.length > TEMPLATE_MAX_TEXT_BYTES) {
            fail_at(ld, n, "a value longer than %d bytes", TEMPLATE_MAX_TEXT_BYTES);
            return 0;
        }
    return 1;
}

/* ---- Values that are not text ---- */

static int node_is_null(const yaml_node_t *n)
{
    if (n->type != YAML_SCALAR_NODE)
        return 0;
    const char *tag = (const char *)n->tag;
    if (tag && strcmp(tag, YAML_NULL_TAG) == 0)
        return 1;
    return n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && text_is_yaml_null(scalar(n));
}

/* The tags a template's values may carry: the defaults libyaml gives untagged nodes, and the
 * scalar types whose text the readers parse themselves (`!!int 18` is read as 18). */
static int tag_allowed(const yaml_node_t *n)
{
    static const char *const scalars[] = { YAML_STR_TAG, YAML_INT_TAG, YAML_FLOAT_TAG,
                                           YAML_BOOL_TAG, NULL };
    const char *tag = (const char *)n->tag;
    if (!tag || strcmp(tag, "!") == 0)
        return 1;
    if (n->type == YAML_SEQUENCE_NODE)
        return strcmp(tag, YAML_SEQ_TAG) == 0;
    if (n->type == YAML_MAPPING_NODE)
        return strcmp(tag, YAML_MAP_TAG) == 0;
    for (size_t i = 0; scalars[i]; i++)
        if (strcmp(tag, scalars[i]) == 0)
            return 1;
    return 0;
}

/* Checks value v, named by what ("'name'", "an item of 'aliases'", "a key"): a plain null
 * (`name: null`, `~`, nothing after the colon) is an error, never the text "null" nor a
 * silent default, and so is a value tagged as a type a template does not hold (`!!binary`,
 * `!x`). */
static int check_value(struct loader *ld, const yaml_node_t *v, const char *what)
{
    if (node_is_null(v)) {
        int item = !strncmp(what, "an item", 7);
        fail_at(ld, v, "%s has no value (null); %s", what,
                item ? "write one, or remove the item"
                     : "write one, or leave the key out for its default");
        return 0;
    }
    if (!tag_allowed(v)) {
        const char *tag = (const char *)v->tag;
        const char *shown = strncmp(tag, "tag:yaml.org,2002:", 18) == 0 ? tag + 18 : tag;
        fail_at(ld, v, "%s is tagged %s%s; a template holds text, numbers, lists and mappings",
                what, shown == tag ? "" : "!!", shown);
        return 0;
    }
    return 1;
}

/* The items of list seq, the value of key (NULL: a list in a list). */
static int check_items(struct loader *ld, const yaml_node_t *seq, const char *key)
{
    char what[96];
    if (key)
        snprintf(what, sizeof what, "an item of '%.60s'", key);
    else
        snprintf(what, sizeof what, "an item of a list");
    for (yaml_node_item_t *it = seq->data.sequence.items.start;
         it < seq->data.sequence.items.top; it++)
        if (!check_value(ld, node(ld, *it), what))
            return 0;
    return 1;
}

static int check_pair(struct loader *ld, const yaml_node_pair_t *p)
{
    yaml_node_t *k = node(ld, p->key), *v = node(ld, p->value);
    if (!check_value(ld, k, "a key"))
        return 0;
    const char *key = k->type == YAML_SCALAR_NODE ? scalar(k) : "?";
    char what[96];
    snprintf(what, sizeof what, "'%.60s'", key);
    return check_value(ld, v, what) &&
           (v->type != YAML_SEQUENCE_NODE || check_items(ld, v, key));
}

/* Every key and value of the template, before any reader sees one: a null or a foreign tag
 * is refused wherever it stands, so no reader can take it for text. (A parent comes before
 * its children in libyaml's node list, so a value under a key is reported with its key.) */
static int check_values(struct loader *ld)
{
    for (yaml_node_t *n = ld->doc.nodes.start; n < ld->doc.nodes.top; n++) {
        if (n->type == YAML_MAPPING_NODE) {
            for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
                 p < n->data.mapping.pairs.top; p++)
                if (!check_pair(ld, p))
                    return 0;
        } else if (n->type == YAML_SEQUENCE_NODE && !check_items(ld, n, NULL)) {
            return 0;
        }
    }
    yaml_node_t *root = yaml_document_get_root_node(&ld->doc);
    return !root || check_value(ld, root, "the template");
}

static int read_template(struct loader *ld, struct template *t)
{
    yaml_node_t *root = yaml_document_get_root_node(&ld->doc);
    if (!root) {
        fail_at(ld, NULL, "the template is empty");
        return 0;
    }
    if (!check_text_sizes(ld) || !check_values(ld))
        return 0;
    if (!want(ld, root, YAML_MAPPING_NODE, "the template") ||
        !check_keys(ld, root, "the template", top_keys))
        return 0;
    yaml_node_t *v;
    if (!(v = require(ld, root, "template", "the template")) ||
        !read_string(ld, v, "template", 1, &t->id) ||
        !opt_string(ld, root, "title", "title", t->id, &t->title))
        return 0;

    yaml_node_t *ents = get(ld, root, "entities"), *orgs = get(ld, root, "organisations");
    if (!read_entities(ld, root, t) ||
        !read_org_list(ld, orgs, "organisations", &t->orgs, &t->n_orgs) ||
        !opt_words(ld, root, "other_models", "other_models", &t->other_models) ||
        !read_org_list(ld, get(ld, root, "other_parties"), "other_parties", &t->parties,
                       &t->n_parties))
        return 0;

    if (!read_units(ld, get(ld, root, "units"), t))
        return 0;

    if (!read_columns(ld, root, t))
        return 0;
    if (!check_claims(ld, t, ents, orgs, get(ld, root, "other_parties")))
        return 0;

    yaml_node_t *lay = get(ld, root, "layout");
    if (!read_layout(ld, lay, &t->layout))
        return 0;
    if (lay && (!check_column_refs(ld, t, lay, "table_columns", &t->layout.table_columns, 0) ||
                !check_column_refs(ld, t, lay, "chart_columns", &t->layout.chart_columns, 1) ||
                !check_summary_refs(ld, t, lay) || !check_value_labels(ld, t, lay)))
        return 0;
    if (t->layout.chart_columns.count > TEMPLATE_MAX_CHART_COLUMNS) {
        fail_at(ld, item_node(ld, lay, "chart_columns", TEMPLATE_MAX_CHART_COLUMNS),
                "chart_columns: at most %u columns (the chart draws that many series)",
                TEMPLATE_MAX_CHART_COLUMNS);
        return 0;
    }
    return 1;
}

/* Walks the template's events and stops at the first collection nested deeper than
 * TEMPLATE_MAX_DEPTH, before the document loader (whose cost grows with the square of the
 * depth) sees it: 0, or -1 after a message at its position. A malformed file passes: the
 * loader reports it where it breaks. */
static int check_depth(const char *path, const char *data, size_t len, struct diag *d)
{
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        x_out_of_memory("libyaml");
    yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
    int depth = 0, rc = 0;
    for (;;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) {
            if (parser.error == YAML_MEMORY_ERROR)
                x_out_of_memory("libyaml");
            break;
        }
        yaml_event_type_t type = ev.type;
        if (type == YAML_SEQUENCE_START_EVENT || type == YAML_MAPPING_START_EVENT) {
            if (++depth > TEMPLATE_MAX_DEPTH) {
                diag_error(d, path, (unsigned)ev.start_mark.line + 1,
                           (unsigned)ev.start_mark.column + 1,
                           "the template nests deeper than %d levels", TEMPLATE_MAX_DEPTH);
                rc = -1;
            }
        } else if (type == YAML_SEQUENCE_END_EVENT || type == YAML_MAPPING_END_EVENT) {
            depth--;
        }
        yaml_event_delete(&ev);
        if (rc != 0 || type == YAML_STREAM_END_EVENT)
            break;
    }
    yaml_parser_delete(&parser);
    return rc;
}

enum exp_status template_load_buffer(const char *path, const char *data, size_t len,
                                     struct diag *d, struct template *out)
{
    if (check_depth(path, data, len, d) != 0)
        return EXP_CONFIG;
    struct loader ld;
    memset(&ld, 0, sizeof ld);
    ld.path = path;
    ld.d = d;
    struct template t;
    memset(&t, 0, sizeof t);
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        x_out_of_memory("libyaml");   /* its only way to fail */
    yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
    if (!yaml_parser_load(&parser, &ld.doc)) {
        if (parser.error == YAML_MEMORY_ERROR)
            x_out_of_memory("libyaml");   /* not a bad template */
        yaml_mark_t mk = parser.problem_mark;
        diag_error(d, path, (unsigned)mk.line + 1, (unsigned)mk.column + 1, "%s%s%s",
                   parser.problem ? parser.problem : "malformed YAML",
                   parser.context ? " " : "", parser.context ? parser.context : "");
        yaml_parser_delete(&parser);
        return EXP_CONFIG;
    }
    int ok = read_template(&ld, &t);
    yaml_document_delete(&ld.doc);
    yaml_parser_delete(&parser);
    if (!ok) {
        template_free(&t);
        return EXP_CONFIG;
    }
    t.path = xstrdup(path);
    *out = t;
    return EXP_OK;
}

enum exp_status template_load(const char *path, struct diag *d, struct template *out)
{
    /* A template is small; the limit only guards against pointing --template at a disk image. */
    char *data = NULL;
    size_t len = 0;
    enum exp_status st = fsutil_read_file(path, 4u * 1024u * 1024u, &data, &len, d);
    if (st != EXP_OK)
        return st == EXP_DATAERR ? EXP_CONFIG : st;
    st = template_load_buffer(path, data, len, d, out);
    free(data);
    return st;
}

/* ---- Release and queries ---- */

void template_free(struct template *t)
{
    if (!t)
        return;
    units_free(t->units);
    t->units = NULL;
    for (size_t i = 0; i < t->n_entities; i++) {
        struct template_entity *e = &t->entities[i];
        free(e->id);
        free(e->name);
        free(e->name_en);
        words_free(&e->aliases);
        words_free(&e->people);
        for (size_t k = 0; k < e->n_models; k++) {
            free(e->models[k].name);
            free(e->models[k].name_en);
            words_free(&e->models[k].aliases);
        }
        free(e->models);
        for (size_t k = 0; k < e->n_fields; k++) {
            free(e->fields[k].key);
            free(e->fields[k].value);
        }
        free(e->fields);
    }
    free(t->entities);
    for (size_t i = 0; i < t->n_orgs; i++) {
        free(t->orgs[i].name);
        words_free(&t->orgs[i].aliases);
    }
    free(t->orgs);
    for (size_t i = 0; i < t->n_parties; i++) {
        free(t->parties[i].name);
        words_free(&t->parties[i].aliases);
    }
    free(t->parties);
    words_free(&t->other_models);
    for (size_t i = 0; i < t->n_columns; i++) {
        struct template_column *c = &t->columns[i];
        free(c->id);
        free(c->label);
        words_free(&c->entities);
        words_free(&c->except);
        words_free(&c->units);
        free(c->unit_label);
        words_free(&c->cues);
        words_free(&c->negative_cues);
        words_free(&c->markers);
        words_free(&c->exclude);
        words_free(&c->plan);
        words_free(&c->history);
        words_free(&c->skip);
        words_free(&c->elsewhere);
        for (size_t k = 0; k < c->n_keywords; k++) {
            free(c->keywords[k].value);
            words_free(&c->keywords[k].words);
        }
        free(c->keywords);
        free(c->field);
    }
    free(t->columns);
    struct template_layout *l = &t->layout;
    free(l->title);
    free(l->subtitle);
    free(l->page_size);
    free(l->orientation);
    free(l->font_body);
    free(l->font_heading);
    words_free(&l->sections);
    words_free(&l->table_columns);
    words_free(&l->chart_columns);
    map_free(&l->labels);
    map_free(&l->value_labels);
    free(l->summary.largest);
    free(l->summary.share_part);
    free(l->summary.share_whole);
    free(l->summary.kind);
    words_free(&l->summary.budget);
    words_free(&l->summary.targets);
    words_free(&l->summary.milestones);
    free(t->path);
    free(t->id);
    free(t->title);
    memset(t, 0, sizeof *t);
}

long template_entity_index(const struct template *tpl, const char *id)
{
    for (size_t i = 0; i < tpl->n_entities; i++)
        if (!strcmp(tpl->entities[i].id, id))
            return (long)i;
    return -1;
}

long template_column_index(const struct template *tpl, const char *id)
{
    for (size_t i = 0; i < tpl->n_columns; i++)
        if (!strcmp(tpl->columns[i].id, id))
            return (long)i;
    return -1;
}

const struct template_model *template_flagship(const struct template_entity *e)
{
    for (size_t i = 0; i < e->n_models; i++)
        if (e->models[i].flagship)
            return &e->models[i];
    return NULL;
}

int template_column_applies(const struct template *tpl, const struct template_column *c,
                            size_t entity)
{
    const char *id = tpl->entities[entity].id;
    for (size_t i = 0; i < c->except.count; i++)
        if (!strcmp(c->except.items[i], id))
            return 0;
    if (!c->entities.count)
        return 1;
    for (size_t i = 0; i < c->entities.count; i++)
        if (!strcmp(c->entities.items[i], id))
            return 1;
    return 0;
}

/* What template_fold does with a byte: keep it (lower-cased), drop it, or look at the
 * character it starts (U+00B7 middle dot, U+2010..U+2015 hyphens and dashes are dropped). */
enum fold_kind { FOLD_KEEP, FOLD_DROP, FOLD_LOOK };

static const unsigned char fold_kinds[256] = {
    [' '] = FOLD_DROP, ['\t'] = FOLD_DROP, ['\n'] = FOLD_DROP, ['\r'] = FOLD_DROP,
    ['-'] = FOLD_DROP, ['_'] = FOLD_DROP, [0xC2] = FOLD_LOOK, [0xE2] = FOLD_LOOK,
};

/* How many bytes a dropped character at s[i] takes (a byte of kind FOLD_LOOK); 0: kept. */
static size_t fold_dropped_len(const unsigned char *s, size_t len, size_t i)
{
    if (s[i] == 0xC2)
        return i + 1 < len && s[i + 1] == 0xB7 ? 2 : 0;
    return i + 2 < len && s[i + 1] == 0x80 && s[i + 2] >= 0x90 && s[i + 2] <= 0x95 ? 3 : 0;
}

void template_fold(const char *s, size_t len, struct buf *out, size_t *map)
{
    /* Runs once per sentence over the whole corpus: one table look-up per byte, written
       straight into the buffer. */
    buf_reserve(out, len + 1);
    const unsigned char *u = (const unsigned char *)s;
    char *o = out->data + out->len;
    size_t k = out->len;
    for (size_t i = 0; i < len;) {
        unsigned char ch = u[i];
        unsigned kind = fold_kinds[ch];
        if (kind == FOLD_DROP) {
            i++;
            continue;
        }
        if (kind == FOLD_LOOK) {
            size_t n = fold_dropped_len(u, len, i);
            if (n) {
                i += n;
                continue;
            }
        }
        if (map)
            map[k] = i;
        *o++ = (char)((unsigned)(ch - 'A') < 26u ? ch + 32 : ch);
        k++;
        i++;
    }
    *o = 0;
    out->len = k;
}

/* template.h — a briefing template: what to track, how to find it, how to lay it out.
 *
 * Stage between the articles and the extractor. A template is one YAML file in templates/
 * (read with libyaml's document loader, so anchors and aliases work) naming the entities to
 * track (names, aliases, spokespeople, models), the organisations to recognise as partners,
 * other parties' model names that are never ours, the columns of the comparison table with
 * the rules that fill them (type, units, cue words, exclusion/plan/history cues), and the
 * layout the PDF back end reads. templates/README.md documents the format. A new topic is a
 * new template, not new C code. The loaded template is read-only for every later stage. */
#ifndef EXPORTER_TEMPLATE_H
#define EXPORTER_TEMPLATE_H

#include <stddef.h>

#include "util/buf.h"
#include "util/diag.h"
#include "util/status.h"
#include "extract/units.h"

/* A list of strings as written in the template. */
struct template_words {
    char **items;
    size_t count;
};

struct template_model {
    char *name;                    /* canonical name: 하이퍼클로바X 시드 32B 싱크 */
    char *name_en;                 /* "" when not given */
    struct template_words aliases; /* other spellings */
    int flagship;                  /* the entity's flagship model */
};

/* A fixed per-entity value for a text column: fields: {country: 한국}. */
struct template_field {
    char *key;
    char *value;
};

struct template_entity {
    char *id;                      /* skt */
    char *name;                    /* SK텔레콤 */
    char *name_en;                 /* SK Telecom, or "" */
    struct template_words aliases; /* SKT, … */
    struct template_words people;  /* spokespeople whose words are the entity's: 정석근 */
    struct template_model *models;
    size_t n_models;
    struct template_field *fields;
    size_t n_fields;
    int topic;                     /* the articles' subject (the programme): a column limited to
                                      topic entities needs no mention to attribute a figure */
};

/* An organisation recognised as a partner. */
struct template_org {
    char *name;
    struct template_words aliases;
};

enum template_column_type {
    TEMPLATE_COL_QUANTITY,       /* figures found by quantity_scan */
    TEMPLATE_COL_KEYWORDS,       /* a keyword set with canonical values */
    TEMPLATE_COL_ORGANISATIONS,  /* partner organisations named near the entity */
    TEMPLATE_COL_MODELS,         /* the entity's models named in the articles */
    TEMPLATE_COL_TEXT,           /* a fixed per-entity field from the template */
    TEMPLATE_COL_DATE            /* a calendar date near a cue: 2026-01-15, 2026-01, 2027 */
};

enum template_role {
    TEMPLATE_ROLE_ANY,    /* figures of any role except "name" */
    TEMPLATE_ROLE_TOTAL,  /* not the active part of "100B-A10" */
    TEMPLATE_ROLE_ACTIVE  /* only the active part of "100B-A10", or a figure a marker binds */
};

/* Which figure a rule word (cue, negative cue, marker, exclude) is bound to. NEAREST (the
 * default) binds it to the nearest figure it governs on either side within its phrase (see
 * extract.h); AFTER and BEFORE are overrides that force one side for the whole column. */
enum template_side { TEMPLATE_SIDE_NEAREST, TEMPLATE_SIDE_AFTER, TEMPLATE_SIDE_BEFORE };

/* How a cell with several values chooses one (quantity, date and single-keyword columns). */
enum template_merge {
    TEMPLATE_MERGE_MAJORITY,  /* the value most articles give; the others are conflicts */
    TEMPLATE_MERGE_LATEST,    /* the most recently published report's value; earlier values are
                                 history, not conflicts */
    TEMPLATE_MERGE_LARGEST    /* the largest value (a count that grows with each report) */
};

struct template_keyword {
    char *value;                 /* canonical: text */
    struct template_words words; /* 텍스트, text */
};

struct template_column {
    char *id;                     /* params_total_b */
    char *label;                  /* heading for the PDF; the id when not given */
    enum template_column_type type;
    struct template_words entities; /* entity ids the column applies to; empty: all */
    struct template_words except;   /* entity ids it never applies to */
    enum template_merge merge;      /* quantity, date, single keywords: default majority */

    /* quantity */
    struct template_words units;  /* canonical units accepted ("" bare, "count", "KRW", …) */
    int scale;                    /* cell value = value / 10^scale (9: billions; -3: milli) */
    char *unit_label;             /* unit written in facts.csv ("B", "KRW bn"), or "" */
    enum template_role role;
    int english_scale_is_cue;     /* "500B" needs no cue word */
    int largest_per_clause;       /* several figures in one clause: keep the largest */
    int flagship_only;            /* a clause naming only non-flagship models is skipped */

    /* every type but text and models: the rules */
    struct template_words cues;      /* quantity: one must be bound to the figure; other
                                        types: one must be in the clause (empty: none needed) */
    struct template_words negative_cues; /* quantity: like cues, and a figure one is bound to
                                        is negative (영업손실 1,176억 원 → -1176억) */
    struct template_words markers;   /* one must be bound to the figure (see marker_side) */
    struct template_words exclude;   /* one bound to the figure refuses it */
    enum template_side marker_side;  /* how every rule word of the column binds: nearest
                                        (default), after (to the figure before the word),
                                        before (to the figure after the word) */
    struct template_words plan;      /* anywhere in the sentence: a plan, not a fact */
    struct template_words history;   /* the past, not the present: quantity — bound to one
                                        figure (a baseline, 전년보다 / 전년 동기(…)보다, only
                                        to its parenthesised one); other types — the clause */
    struct template_words skip;      /* in the clause: another thing (variants, …) */
    struct template_words elsewhere; /* in the clause: about another party (countries), unless
                                        the clause names the entity or its model */

    /* keywords */
    struct template_keyword *keywords;
    size_t n_keywords;
    int single;                   /* one value per row (architecture): the best supported,
                                     the others recorded as a conflict */

    /* models: only the flagship (a single value) */
    int flagship;

    /* text */
    char *field;                  /* key in the entities' fields */
};

/* The most quantity columns the chart draws as series (layout.chart_columns). */
#define TEMPLATE_MAX_CHART_COLUMNS 4u
/* A briefing compares a handful of organisations; far more is a generated or broken template
 * (10,000 entities made libharu fail on the table), refused with 78 at its position. */
#define TEMPLATE_MAX_ENTITIES 200
/* Likewise for the table's columns: ten thousand took minutes to compile into rules (each
 * quantity column learns every other's cues) and cannot be drawn. */
#define TEMPLATE_MAX_COLUMNS 100
/* The longest text a template may hold (a label paragraph is a few hundred bytes). */
#define TEMPLATE_MAX_TEXT_BYTES 4096
/* The deepest nesting of lists and mappings (a real template nests 6): libyaml's cost grows
 * with the square of the depth, so 200,000 nested brackets took minutes before any check. */
#define TEMPLATE_MAX_DEPTH 16

/* key: value pairs in the template's order. */
struct template_pair {
    char *key;
    char *value;
};

struct template_map {
    struct template_pair *items;
    size_t count;
};

/* Which columns the summary's rules read (layout.summary); "" or empty = the rule is off. */
struct template_summary {
    char *largest;                   /* quantity column ranked: "최대" and the runner-up */
    char *share_part, *share_whole;  /* quantity columns: part/whole as a percentage */
    char *kind;                      /* keyword column: the value most entities share */
    struct template_words budget;    /* the topic entity's quantity columns, summed */
    struct template_words targets;   /* the topic entity's quantity columns, stated */
    struct template_words milestones;/* the topic entity's date columns, in date order */
};

struct template_layout {
    char *title;                  /* "" when not given */
    char *subtitle;
    char *page_size;              /* A4 (default), Letter */
    char *orientation;            /* portrait (default), landscape */
    unsigned margin_mm;           /* default 18 */
    char *font_body;              /* family names for fontconfig; defaults NanumGothic */
    char *font_heading;           /* default NanumGothicBold */
    unsigned font_size_pt;        /* body size, default 10 */
    struct template_words sections;      /* order of the briefing's sections */
    struct template_words table_columns; /* comparison-table columns shown in the PDF */
    struct template_words chart_columns; /* quantity columns drawn in the chart */
    unsigned key_sentences;       /* quoted sentences per entity, default 3 */
    struct template_map labels;       /* the briefing's own words by key (template_word) */
    struct template_map value_labels; /* keyword value → the label printed: text → 텍스트 */
    struct template_summary summary;
};

struct template {
    char *path;
    char *id;                     /* sovereign-ai */
    char *title;                  /* the template's name for humans */
    struct template_entity *entities;
    size_t n_entities;
    struct template_org *orgs;
    size_t n_orgs;
    struct template_words other_models; /* names of models that belong to nobody we track */
    struct template_org *parties; /* other parties: untracked organisations that own their
                                     figures and keywords (competitors, customers, a parent) */
    size_t n_parties;
    struct template_column *columns;
    size_t n_columns;
    struct template_layout layout;
    struct unit_registry *units;  /* the built-in units plus the template's `units:` section
                                     (extract/units.h); quantity columns' units are canonical */
};

/* Loads and validates a template file into *out (release with template_free). Returns EXP_OK,
 * EXP_NOINPUT when the file cannot be opened, or EXP_CONFIG after reporting
 * "path:line:col: error: …" through d for malformed YAML, a missing required key, an unknown
 * key, a value of the wrong type, an unknown column type, a duplicate id, an alias claimed by
 * two entities, a reference to an unknown entity or column, a malformed `units:` item, or a
 * quantity column naming a unit the registry does not know. *out is written only on
 * success. */
enum exp_status template_load(const char *path, struct diag *d, struct template *out);

/* The same from memory; path is used in messages. */
enum exp_status template_load_buffer(const char *path, const char *data, size_t len,
                                     struct diag *d, struct template *out);

/* Frees what the template owns; NULL does nothing. */
void template_free(struct template *tpl);

/* Index of the entity / column with this id, or -1. */
long template_entity_index(const struct template *tpl, const char *id);
long template_column_index(const struct template *tpl, const char *id);

/* The entity's flagship model, or NULL. */
const struct template_model *template_flagship(const struct template_entity *e);

/* Whether column c applies to entity e (its entities/except lists). */
int template_column_applies(const struct template *tpl, const struct template_column *c,
                            size_t entity);

/* The briefing's word for key: the template's layout.labels entry, else the topic-neutral
 * default (template_words.c); "" for an unknown key. Never NULL. */
const char *template_word(const struct template *tpl, const char *key);
/* Whether key is one layout.labels accepts. */
int template_word_known(const char *key);
/* The i-th key layout.labels accepts, NULL past the end (what templates/README.md lists). */
const char *template_word_key(size_t i);
/* The printed label of a keyword value (layout.value_labels), else the value itself. */
const char *template_value_label(const struct template *tpl, const char *value);

/* Appends the matching key of s to out: spaces, tabs, hyphens, underscores and middle dots
 * dropped, ASCII letters lower-cased, so "솔라-오픈-100B" and "솔라 오픈 100b" give the same
 * key, as do "하이퍼클로바X" and "하이퍼클로바 x". When map is non-NULL, map[i] receives the
 * byte offset in s of the key's byte i (map needs room for strlen(s) entries). */
void template_fold(const char *s, size_t len, struct buf *out, size_t *map);

#endif

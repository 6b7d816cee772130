/* table.h — the comparison table: one row per template entity, merged from the facts.
 *
 * Stage after the extractor; the back ends read only a const struct table *. Merging keeps
 * every value's support (how many articles, which sentences, the newest report), and a
 * quantity value's exact number, unit and qualifier. How a quantity, date or single-keyword
 * cell chooses its value is the column's merge rule (template `merge:`), recorded on the
 * cell:
 *   majority (default) — the value most articles give (ties: more facts, then the larger
 *     value — a fact read in a glued sub-heading does not count twice; the cell is marked
 *     tie); every other value is a conflict, listed in the row's
 *     conflicts text: "params_total_b: 519 (1 article) vs 500 (4 articles)". An approximate
 *     value (qualifier approx: 약 500) that an exact value of the cell matches within the
 *     approximation's rounding (half a unit of its last significant digit: 519 for 500, 33.4
 *     for 33) agrees with it and is neither chosen nor a conflict; a coarser date that a finer
 *     one refines (2026-01 beside 2026-01-15) agrees likewise.
 *   latest — the value of the most recently published article; earlier values are history
 *     (superseded), not conflicts. Values tied on the newest date are voted as majority.
 *   largest — the largest value (figures numerically, dates as ISO text); the rest superseded.
 * Keyword, organisation and model cells hold every value found, in template order, joined
 * with "; ". Rows follow the template's entity order; article ids are sorted.
 *
 * The table folds facts in as they come (table_add), copying only what it keeps, so a run
 * over a large corpus can free each article's facts after adding them — and keeps nothing
 * per article: counts, each value's first citations, each row's first sources by date and
 * by id up to what a cell shows. Its memory depends on the template and the distinct values
 * found, never on the number of articles. The facts and mentions of one article must arrive
 * in one call (a call may hold several articles; within it, an article's facts one after
 * another): an article given in two calls counts twice. */
#ifndef EXPORTER_TABLE_H
#define EXPORTER_TABLE_H

#include <stddef.h>

#include "extract/extract.h"
#include "extract/template.h"
#include "util/cell_limit.h"
#include "util/decimal.h"

/* Where a value was read: the article and the 1-based sentence number. */
struct table_citation {
    const char *article_id;    /* owned by the table */
    size_t sentence_no;
    const char *published_at;  /* the article's ("" unknown); owned by the table */
};

/* One distinct value of a cell with its support. Quantity values carry their exact number,
 * unit and qualifier, so no back end re-parses the text. */
struct table_value {
    char *value;               /* the cell text: "500", "-1176", "10..20", "MoE", "크래프톤" */
    int is_number;             /* a plain number (a quantity that is not a range) */
    int has_number;            /* a quantity: number (and high for a range) are set */
    struct decimal number;     /* the exact cell value, scaled as the column says (9: billions);
                                  the low end of a range */
    struct decimal high;       /* the high end when qualifier is QUAL_RANGE */
    const char *unit;          /* the unit facts.csv writes (the column's unit_label, or the
                                  canonical unit); "" for non-quantities. Static or owned by
                                  the template */
    enum quantity_qualifier qualifier; /* what most of its facts say (ties: the exact reading) */
    char *latest_published;    /* the newest published_at among its facts ("" when unknown) */
    size_t n_articles;         /* distinct articles giving it */
    size_t n_facts;
    struct table_citation *citations;  /* the first TABLE_MAX_CITATIONS in the article set's
                                          order (published_at, id), then sentence */
    size_t n_citations;
    size_t first_seen;         /* order of first appearance (internal tie-breaks) */
    size_t order;              /* template order for lists (keyword, organisation, model) */
    int conflicting;           /* one of the disagreeing values the row's conflicts text lists */
    int agrees;                /* an approximation (약 500, 500B 규모) that an exact value of the
                                  cell matches within its rounding (519): neither chosen nor a
                                  conflict — the exact one stands */
    int superseded;            /* latest/largest: a value the rule passed over (history) */
    /* internal */
    size_t last_article;       /* serial of the last article counted in n_articles */
    size_t qual_facts[QUAL_RANGE + 1];  /* facts per qualifier */
};

#define TABLE_MAX_CITATIONS 16

/* How much of a row's source list the table keeps: the first ids (in id order) that fit in
 * this many UTF-16 units joined with "; " — what a spreadsheet cell can show. A week of any
 * size keeps at most this much per row. */
#define TABLE_SOURCES_KEPT_UNITS CELL_LIMIT_CHARS

struct table_cell {
    char *text;                /* the cell as written in comparison.csv; "" when empty */
    int is_number;             /* text is a plain number (a quantity cell without a range) */
    enum template_merge rule;  /* the column's merge rule, which chose values[0] */
    int conflict;              /* sources disagree: the values marked conflicting, chosen one
                                  first, are what the row's conflicts text lists */
    int tie;                   /* majority: another conflicting value has as many articles as
                                  the chosen one (the choice fell to facts, then size) */
    struct table_value *values;  /* quantity, date, single keywords: chosen value first, then
                                    the others by value descending (keywords: template order);
                                    lists: template order */
    size_t n_values;
};

struct table_row {
    size_t entity;             /* index into tpl->entities */
    const struct template_entity *e;
    struct table_cell *cells;  /* one per template column, in template order */
    size_t n_articles;         /* articles naming the entity or giving it a fact */
    size_t n_mentions;         /* sentences naming it */
    size_t n_sources;          /* = n_articles: how many ids the full source list has */
    const char **sources;      /* the first of those articles' ids in id order (strcmp), as
                                  many as fit in TABLE_SOURCES_KEPT_UNITS (at least one when
                                  n_sources > 0); owned by the table */
    size_t n_sources_kept;
    const char **first_sources;  /* the first TABLE_MAX_CITATIONS of them in the article set's
                                    order (published_at, then id): what a briefing cites when
                                    it names only a few */
    size_t n_first_sources;
    char *sources_text;        /* every source id joined with "; " as a spreadsheet cell
                                  holds it: a list too long for one ends "… 외 N건"
                                  (cell_limit.h), the full detail being in facts.csv */
    char *conflicts;           /* "" when none */
};

struct table {
    const struct template *tpl;  /* borrowed; must outlive the table */
    struct table_row *rows;      /* one per entity, template order (filled by table_finish) */
    size_t n_rows;
    size_t n_facts;              /* facts folded in */
    struct table_internal *in;   /* merge state (private) */
};

/* An empty table for tpl. Release with table_free. */
struct table *table_new(const struct template *tpl);

/* Folds the facts and mentions of l into the table (copying what it keeps; l is unchanged).
 * Call any number of times before table_finish. */
void table_add(struct table *t, const struct fact_list *l);

/* table_add for the facts of one article whose publication time is published_at: its
 * mentions (an article may name an entity without giving it a fact) are dated too, so the
 * rows' first_sources follow the article set's order exactly. */
void table_add_article(struct table *t, const struct fact_list *l, const char *published_at);

/* Computes the rows. After this the table is read-only and table_add must not be called. */
void table_finish(struct table *t);

/* table_new + table_add + table_finish. Caller frees with table_free. */
struct table *table_build(const struct template *tpl, const struct fact_list *l);

/* The row of the entity with this id, or NULL. */
const struct table_row *table_row_by_id(const struct table *t, const char *entity_id);

void table_free(struct table *t);

#endif

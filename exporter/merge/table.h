/* table.h — the comparison table: one row per template entity, merged from the facts.
 *
 * Stage after the extractor; the two back ends (csv_out, and layout → pdf_out) read only a
 * const struct table *. Merging keeps every value's support (how many articles, which
 * sentences), picks the value most articles give for a quantity cell (ties: more facts, then
 * the larger value), and records every disagreement in the row's conflicts text instead of
 * hiding it: "params_total_b: 519 (1 article) vs 500 (4 articles)". Keyword, organisation
 * and model cells hold every value found, in template order, joined with "; ". Rows follow
 * the template's entity order; article ids are sorted; nothing depends on input order.
 *
 * The table folds facts in as they come (table_add), copying only what it keeps, so a run
 * over a large corpus can free each article's facts after adding them. */
#ifndef EXPORTER_TABLE_H
#define EXPORTER_TABLE_H

#include <stddef.h>

#include "extract/extract.h"
#include "extract/template.h"

/* Where a value was read: the article and the 1-based sentence number. */
struct table_citation {
    const char *article_id;    /* owned by the table */
    size_t sentence_no;
};

/* One distinct value of a cell with its support. */
struct table_value {
    char *value;               /* "500", "MoE", "크래프톤" */
    int is_number;
    enum quantity_qualifier qualifier;  /* of the first fact giving it (약, 이상, …) */
    size_t n_articles;         /* distinct articles giving it */
    size_t n_facts;
    struct table_citation *citations;  /* the first TABLE_MAX_CITATIONS in the article set's
                                          order (published_at, id), then sentence */
    size_t n_citations;
    size_t first_seen;         /* order of first appearance (internal tie-breaks) */
    size_t order;              /* template order for lists (keyword, organisation, model) */
    int conflicting;           /* one of the disagreeing values the row's conflicts text lists */
    /* the article indices giving it (internal) */
    size_t *articles;
    size_t n_art, art_cap;
};

#define TABLE_MAX_CITATIONS 16

struct table_cell {
    char *text;                /* the cell as written in comparison.csv; "" when empty */
    int is_number;             /* text is a plain number (a quantity cell without a range) */
    int conflict;              /* sources disagree: the values marked conflicting, chosen one
                                  first, are what the row's conflicts text lists */
    struct table_value *values;  /* quantity: chosen value first, then the others by value
                                    descending; lists: template order */
    size_t n_values;
};

struct table_row {
    size_t entity;             /* index into tpl->entities */
    const struct template_entity *e;
    struct table_cell *cells;  /* one per template column, in template order */
    size_t n_articles;         /* articles naming the entity or giving it a fact */
    size_t n_mentions;         /* sentences naming it */
    char **sources;            /* those articles' ids, sorted */
    size_t n_sources;
    char *sources_text;        /* joined with "; " */
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

/* Computes the rows. After this the table is read-only and table_add must not be called. */
void table_finish(struct table *t);

/* table_new + table_add + table_finish. Caller frees with table_free. */
struct table *table_build(const struct template *tpl, const struct fact_list *l);

/* The row of the entity with this id, or NULL. */
const struct table_row *table_row_by_id(const struct table *t, const char *entity_id);

void table_free(struct table *t);

/* A sentence worth quoting for an entity, with where it came from. Pointers are borrowed
 * from the fact list. */
struct table_quote {
    const char *article_id;
    const char *publisher;
    const char *published_at;
    size_t sentence_no;
    const char *sentence;
    size_t n_facts;        /* facts about the entity it carries (model names not counted) */
    unsigned score;        /* see table_key_sentences */
};

/* The key sentences about entity (index into tpl->entities), best first. A sentence scores 2
 * for each distinct quantity or date column it gives the entity a value for, 1 for each
 * distinct keyword column, and 1 if it names any partners (a list of partners is one point,
 * not one per name); a bare model name scores nothing. Ties go to the shorter sentence (a
 * better quote), then article id, then sentence number; a sentence repeated word for word in
 * another article is quoted once. Writes up to max into out and returns how many. */
size_t table_key_sentences(const struct template *tpl, const struct fact_list *l, size_t entity,
                           struct table_quote *out, size_t max);

#endif

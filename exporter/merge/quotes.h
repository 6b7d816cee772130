/* quotes.h — each entity's best key-sentence candidates, kept while a run streams.
 *
 * Sits beside the table in the merge stage: the run folds every article's facts in
 * (quotes_add) and frees them, and the briefing later quotes from what was kept. Memory is
 * bounded by entities × keep, whatever the corpus size: only the best `keep` sentences of
 * each entity are held, each with one copy of its text.
 *
 * Ranking (the briefing's "key sentences" rule): an entity's sentences, best first, by
 *   1. how many kinds of fact about the entity the sentence carries (distinct columns:
 *      model, size, part, kind, …),
 *   2. how many distinct facts (column, value) it carries,
 *   3. the earlier article in the article set's order (published_at, then id),
 *   4. the earlier sentence.
 * A sentence whose text another kept candidate already has (the same wire copy in two papers)
 * keeps only its best-ranked occurrence. The result is the same as ranking every sentence of
 * the corpus and taking the first `keep` distinct texts, whatever the order the articles
 * arrive in. */
#ifndef EXPORTER_QUOTES_H
#define EXPORTER_QUOTES_H

#include <stddef.h>

#include "extract/extract.h"
#include "extract/template.h"

/* One candidate sentence about one entity. Strings are owned by the quotes structure. */
struct quote {
    const char *sentence;
    const char *article_id;
    const char *published_at;
    const char *publisher;
    size_t sentence_no;    /* 1-based, in its article */
    size_t columns;        /* distinct columns it gives the entity a value for */
    size_t facts;          /* distinct (column, value) pairs */
};

struct quotes;

/* Keeps up to keep candidates (at least 1) for each of tpl's entities. tpl is borrowed and
 * must outlive the structure. Release with quotes_free. */
struct quotes *quotes_new(const struct template *tpl, size_t keep);

/* Offers every sentence of l (facts in any order; usually one article's) as a candidate for
 * each entity it gives a fact about. Copies what it keeps; l is unchanged. */
void quotes_add(struct quotes *q, const struct fact_list *l);

/* The kept candidates of entity (an index into tpl->entities), best first; *n gets how many.
 * Valid until the next quotes_add or quotes_free. */
const struct quote *quotes_of(const struct quotes *q, size_t entity, size_t *n);

/* quotes_free(NULL) does nothing. */
void quotes_free(struct quotes *q);

#endif

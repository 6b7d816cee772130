/* coverage.h — who covered whom: per entity and publisher, how many of the period's articles
 * name the entity or give it a fact, and how many sentences name it.
 *
 * Read article by article from the facts and mentions extracted from each (extract.h) and
 * its publisher, so a streaming run holds only the counts, and finds an (entity, publisher)
 * row by hash, so a week of many publishers costs the same per article as one of few.
 * Rows follow the template's entity order, then the publisher's name (byte order); only
 * pairs with at least one article appear. Feeds coverage.csv, the archive (trend) and the
 * briefing's coverage section. */
#ifndef EXPORTER_COVERAGE_H
#define EXPORTER_COVERAGE_H

#include <stddef.h>

#include "extract/extract.h"
#include "extract/template.h"
#include "ingest/article.h"
#include "util/hash.h"

struct coverage_row {
    size_t entity;            /* index into tpl->entities */
    const char *entity_id;    /* borrowed from the template */
    const char *name;         /* the entity's name, borrowed from the template */
    char *publisher;          /* owned */
    char *key;                /* owned: "entity\tpublisher", the row's key in by_key */
    size_t articles;          /* distinct articles naming it or giving it a fact */
    size_t mentions;          /* distinct sentences naming it */
};

struct coverage {
    const struct template *tpl;
    struct coverage_row *rows;
    size_t count, cap;
    struct hash_index by_key;  /* rows by (entity, publisher) while articles are added */
};

/* An empty coverage for tpl (borrowed; must outlive it). Free with coverage_free. */
void coverage_init(struct coverage *c, const struct template *tpl);

/* Adds one article: its publisher and the facts and mentions extracted from it (all of
 * them, and only its own). Memory grows with entities × publishers, not with articles. */
void coverage_add(struct coverage *c, const char *publisher, const struct fact_list *facts);

/* Puts the rows in order (entity, then publisher). Call once, after the last article. */
void coverage_finish(struct coverage *c);

/* Mentions of entity over all publishers. */
size_t coverage_entity_mentions(const struct coverage *c, size_t entity);

void coverage_free(struct coverage *c);

#endif

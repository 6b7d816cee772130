/* coverage.h — who covered whom: per entity and publisher, how many of the period's articles
 * name the entity or give it a fact, and how many sentences name it.
 *
 * Read from the facts and mentions of the run (extract.h) and the articles' publishers.
 * Rows follow the template's entity order, then the publisher's name (byte order); only
 * pairs with at least one article appear. Feeds coverage.csv, the archive (trend) and the
 * briefing's coverage section. */
#ifndef EXPORTER_COVERAGE_H
#define EXPORTER_COVERAGE_H

#include <stddef.h>

#include "extract/extract.h"
#include "extract/template.h"
#include "ingest/article.h"

struct coverage_row {
    size_t entity;            /* index into tpl->entities */
    const char *entity_id;    /* borrowed from the template */
    const char *name;         /* the entity's name, borrowed from the template */
    const char *publisher;    /* borrowed from the article set */
    size_t articles;          /* distinct articles naming it or giving it a fact */
    size_t mentions;          /* distinct sentences naming it */
};

struct coverage {
    struct coverage_row *rows;
    size_t count;
};

/* Builds the coverage of the run. Borrows strings from tpl and set, which must outlive it.
 * A fact or mention whose article is not in set is ignored. Free with coverage_free. */
void coverage_build(const struct template *tpl, const struct article_set *set,
                    const struct fact_list *facts, struct coverage *out);

/* Mentions of entity over all publishers. */
size_t coverage_entity_mentions(const struct coverage *c, size_t entity);

void coverage_free(struct coverage *c);

#endif

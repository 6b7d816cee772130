/* conflicts.h — disagreements as a report: every disagreeing cell with the sentences that
 * state each value, side by side.
 *
 * While the run streams, each article's facts leave evidence behind: for every cell of a
 * single-valued column (everything but keyword, organisation and model lists), up to
 * CONFLICTS_SENTENCES sentences per distinct value (article, publisher, sentence number,
 * sentence), and every internal contradiction — one article giving two values for one cell.
 * With the finished table the report lists:
 *   disagreement — the table marked the cell conflicting (merge/table.h): sources disagree,
 *                  each value with how many articles give it; the chosen value first;
 *   tie          — the same, but the top values have as many articles each: no value is
 *                  "what more articles say";
 *   internal     — one article states two values for the cell (kept apart from the
 *                  disagreements between sources).
 * An approximation that an exact value matches within its rounding is not a conflict (the
 * table decides that). Memory grows with the distinct values of the cells, not with the
 * articles. */
#ifndef EXPORTER_CONFLICTS_H
#define EXPORTER_CONFLICTS_H

#include <stddef.h>

#include "extract/extract.h"
#include "extract/template.h"
#include "ingest/article.h"
#include "merge/table.h"

#define CONFLICTS_SENTENCES 3

enum conflict_kind { CONFLICT_DISAGREEMENT, CONFLICT_TIE, CONFLICT_INTERNAL };

/* One sentence stating one value. Strings owned by the report. */
struct conflict_line {
    size_t entity, column;        /* template indices */
    enum conflict_kind kind;
    char *value;
    int chosen;                   /* the table's value for the cell */
    size_t articles;              /* articles giving the value (internal: 1) */
    char *article_id, *publisher, *sentence;
    size_t sentence_no;
};

struct conflicts;

struct conflicts *conflicts_new(const struct template *tpl);

/* One article and exactly its facts. */
void conflicts_add(struct conflicts *c, const struct article *a, const struct fact_list *facts);

/* The report, in template entity order, then column order; disagreements before internal
 * contradictions; values as the table orders them. Valid until conflicts_free. */
const struct conflict_line *conflicts_report(struct conflicts *c, const struct table *t,
                                             size_t *n);

const char *conflict_kind_name(enum conflict_kind k);   /* "disagreement", "tie", "internal" */

void conflicts_free(struct conflicts *c);

#endif

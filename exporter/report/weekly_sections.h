/* weekly_sections.h — the briefing's weekly sections, as content-model sections (model.h).
 *
 *   changes   — what changed since the nearest earlier archived week (merge/changes.h): one
 *               row per new or changed cell — entity, column, previous, current, new/changed;
 *               with no earlier week, one line saying so.
 *   coverage  — entity × publisher article counts for the period (merge/coverage.h), as one
 *               table that fits the page at any size: the WEEKLY_COVERAGE_PUBLISHERS
 *               publishers with the most articles as columns and the rest summed in one
 *               column, then each entity's articles and mentions in all; at most
 *               WEEKLY_COVERAGE_ROWS entities (most articles first), the rest summed in one
 *               row. With no article naming any entity, one line says so.
 *   trend     — mentions per week over the archived weeks (merge/trend.h) as a line chart
 *               (MODEL_LINES, a Figure whose alternative text gives every value): the
 *               WEEKLY_TREND_LINES entities with the most mentions; weeks with no archived
 *               run are gaps, said under the chart. With no earlier week in the archive, one
 *               line says so instead of a one-point chart.
 *   conflicts — the disagreements report (merge/conflicts.h): every disagreeing cell with
 *               each value, its article count and one sentence stating it [citation], the
 *               table's value first and marked; a tie says it is a tie; one article's
 *               internal contradictions in their own sub-section. At most
 *               WEEKLY_CONFLICT_CELLS cells per kind are printed, the rest counted with a
 *               pointer to conflicts.csv (which has all of them). None: one line.
 * Topic entities (the subject of every article) are left out of coverage and trend, as they
 * are out of the comparison table and its chart.
 * Titles and words come from the template's layout.labels (the keys beginning changes_,
 * coverage_, trend_ and conflicts_, and the titles "changes", "coverage_title", "trend",
 * "conflicts"), else topic-neutral defaults (template_words.c). A template lists the sections
 * by name in layout.sections. */
#ifndef EXPORTER_WEEKLY_SECTIONS_H
#define EXPORTER_WEEKLY_SECTIONS_H

#include <stddef.h>

#include "extract/template.h"
#include "ingest/article.h"
#include "merge/changes.h"
#include "merge/conflicts.h"
#include "merge/coverage.h"
#include "merge/trend.h"
#include "report/model.h"

#define WEEKLY_COVERAGE_PUBLISHERS 5
#define WEEKLY_COVERAGE_ROWS 15
#define WEEKLY_TREND_LINES 6
#define WEEKLY_CONFLICT_CELLS 8

/* What the sections read; borrowed for the call. Any may be NULL: the section then says it
 * has nothing to show. */
struct weekly_sections {
    const struct template *tpl;
    const struct changes *changes;
    const struct coverage *coverage;        /* finished (coverage_finish) */
    const struct trend *trend;
    const struct conflict_line *conflicts;  /* conflicts_report's lines */
    size_t n_conflicts;
    const struct article_set *set;          /* sorted: citations name its places; NULL none */
};

/* A model_section_fn: appends the section `name` when it is one of the above. arg is a
 * struct weekly_sections. */
void weekly_sections_add(struct model_doc *doc, const char *name, void *arg);

#endif

/* briefing.h — the briefing PDF: the comparison table turned into a Korean research brief.
 *
 * Back end after the table (table → briefing → layout → pdf_out). Reads the articles, the
 * template (its layout section: title, subtitle, page size, margins, fonts, the order of the
 * sections, the table's and the chart's columns, key sentences per entity), the comparison
 * table and the key-sentence candidates (quotes.h), and typesets, in the template's section order:
 *   title    — title, subtitle, the period (ISO weeks and dates), articles and publishers,
 *              when it was generated;
 *   summary  — bullets generated from the data (summary.h), each with citation markers [n];
 *   table    — the template's table_columns, numbers right-aligned, conflicting cells marked
 *              with a dagger and footnoted under the table;
 *   chart    — the chart_columns per organisation as a vector bar chart (chart.h), a value
 *              not reported shown as "미공개", never as 0;
 *   entities — the programme (the topic entity) and a section per organisation: figures with
 *              citations, key sentences quoted (summary.h's rule), partners;
 *   sources  — the articles numbered in the set's order (date, then id): publisher, date,
 *              title, author and a clickable link. Citation [n] is source n.
 * Every section and organisation is a bookmark; the document info carries title, subject,
 * keywords and creator; pages are numbered "n / N".
 *
 * Deterministic: the generated-at time is SOURCE_DATE_EPOCH when set, else the newest
 * article's publication time; the same inputs give the same bytes. This module keeps no
 * pointer after briefing_write returns. */
#ifndef EXPORTER_BRIEFING_H
#define EXPORTER_BRIEFING_H

#include <stdio.h>

#include "ingest/article.h"
#include "util/date.h"
#include "util/diag.h"
#include "extract/extract.h"
#include "util/status.h"
#include "merge/quotes.h"
#include "merge/table.h"
#include "extract/template.h"

struct briefing_input {
    const struct article_set *set;   /* sorted (article_set_sort): the source order */
    const struct template *tpl;
    const struct table *table;       /* finished, built with tpl */
    const struct quotes *quotes;     /* key-sentence candidates kept by the merge */
    const struct date_period *period; /* the run's period (util/date.h); NULL = open */
    const char *font_dir;            /* project fonts folder; NULL = "fonts" */
};

/* Typesets the briefing and writes the PDF to out (the caller's FILE*, e.g. from
 * atomic_file_open; not closed here). Returns EXP_CONFIG when no usable font exists,
 * EXP_SOFTWARE when the PDF library fails, EXP_IOERR when writing fails; messages go to d.
 * Strings may hold invalid UTF-8: it is repaired with a warning naming the article's file. */
enum exp_status briefing_write(FILE *out, const struct briefing_input *in, struct diag *d);

/* The period line of the title block into out (NUL-terminated, truncated to size):
 * "2025-W52 ~ 2026-W01 · 2025-12-28 ~ 2025-12-30". Also the reference day for "next
 * milestone" into today[11] (the period's last day; "" when unknown). */
void briefing_period(const struct briefing_input *in, char *out, size_t size, char today[11]);

/* When the briefing says it was made, "2025-12-30 09:00 KST", into out[40]; *epoch gets the
 * same instant as Unix seconds for the PDF's dates (-1 when there is none). */
void briefing_generated_at(const struct article_set *set, char out[40], long long *epoch);

#endif

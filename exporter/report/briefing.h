/* briefing.h — the briefing PDF: the renderer of the content model.
 *
 * Back end after the table (table → model → briefing → layout → pdf_out). briefing_write
 * resolves the period and the as-of time, builds the content model (model.h: every content
 * decision — sections, words, citations, conflict marks, chart data and its alternative text)
 * and renders it: each block kind maps onto the layout engine one way (headings with their
 * bookmark level, paragraphs by style, bullets with a hanging mark, quotes, footnotes under a
 * table, tables with header rows and right-aligned figures, the vector bar chart of chart.h,
 * numbered sources with links). The template's layout section gives the page size,
 * orientation, margins and fonts; pages are numbered "n / N" with a running header of the
 * title and the period; the document info carries title, subject, keywords and creator.
 *
 * Deterministic: the as-of time is SOURCE_DATE_EPOCH when set, else the newest article's
 * publication time; the same inputs give the same bytes. This module keeps no pointer after
 * briefing_write returns. */
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
#include "report/model.h"

struct briefing_input {
    const struct article_set *set;   /* sorted (article_set_sort): the source order */
    const struct template *tpl;
    const struct table *table;       /* finished, built with tpl */
    const struct quotes *quotes;     /* key-sentence candidates kept by the merge */
    const struct date_period *period; /* the run's period (util/date.h); NULL = open */
    const char *font_dir;            /* project fonts folder; NULL = "fonts" */
    model_section_fn more_sections;  /* other modules' sections (model.h); NULL = none */
    void *more_sections_arg;
    const struct corpus_summary *corpus;  /* the whole run (merge/catalog.h) when set holds
                                             only the citable articles; NULL: set is all */
};

/* Typesets the briefing and writes the PDF to out (the caller's FILE*, e.g. from
 * output_set_open; not closed here). Returns EXP_CONFIG when no usable font exists,
 * EXP_SOFTWARE when the PDF library fails, EXP_IOERR when writing fails; messages go to d.
 * Strings may hold invalid UTF-8: it is repaired with a warning naming the article's file. */
enum exp_status briefing_write(FILE *out, const struct briefing_input *in, struct diag *d);

/* The content model (model.h) to PDF: renders doc with tpl's page size, margins and fonts
 * (fonts looked up in font_dir first; NULL = "fonts") and writes it to out. Makes no content
 * decision: each block kind maps onto the layout engine one way. Errors as briefing_write. */
enum exp_status briefing_render(FILE *out, const struct model_doc *doc,
                                const struct template *tpl, const char *font_dir,
                                struct diag *d);

/* The period the briefing covers: --week's seven days, else the articles' first and last
 * publication days narrowed by --since/--until. */
void briefing_resolve_period(const struct briefing_input *in, struct model_period *p);

/* The instant the briefing is "as of": SOURCE_DATE_EPOCH when set (*is_generation = 1: the
 * time it was made), else the newest article's publication time (*is_generation = 0: the
 * data's as-of time); *epoch = -1 when there is neither. */
void briefing_as_of(const struct corpus_summary *corpus, long long *epoch, int *is_generation);

#endif

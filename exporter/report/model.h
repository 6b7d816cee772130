/* model.h — the briefing as content: a document of sections, blocks and spans, with no fonts
 * and no pages.
 *
 * Back end after the table (table → model → briefing renderer → layout → pdf_out), in the
 * manner of a markdown library's parse → tree → render: model_build makes every content
 * decision (what is said, in which words, with which citations, which cell is in conflict,
 * what a chart's alternative text is), and the renderer (briefing.c) only maps each block kind
 * onto the layout engine. The model is plain data, so it is unit-tested without fonts and other
 * modules may append their own sections (model_add_section and the block builders below) that
 * the renderer draws with no further code.
 *
 * Words: every word the model prints that does not come from an article comes from the
 * template (layout.labels, layout.value_labels, layout.units, layout.summary) or from a
 * topic-neutral default listed in model.c's label table.
 *
 * Citations: a span of kind MODEL_SPAN_CITE names an article by its place in the article set;
 * model_build numbers the cited articles last (model_number_citations), so the sources section
 * lists only what the briefing cites, the rest counted per publisher, and runs of citations
 * print as ranges ("[3–7]") or "[3][5] 외 12건" instead of being cut silently.
 *
 * Ownership: the document owns every string in it (copies); free with model_free. Nothing in
 * it points into the table, the template or the articles after model_build returns. */
#ifndef EXPORTER_MODEL_H
#define EXPORTER_MODEL_H

#include <stddef.h>

#include "ingest/article.h"
#include "extract/extract.h"
#include "merge/catalog.h"
#include "merge/quotes.h"
#include "merge/table.h"
#include "extract/template.h"

#define MODEL_MAX_SERIES 4

enum model_span_kind {
    MODEL_SPAN_TEXT,     /* running text */
    MODEL_SPAN_STRONG,   /* emphasised text: a name, a label, a title */
    MODEL_SPAN_LINK,     /* text with target: a URI or "#anchor" */
    MODEL_SPAN_CITE,     /* citation mark: article = its place in the set; text "[n]" and
                            target "#src-n" are filled in by model_number_citations */
    MODEL_SPAN_MARK      /* a conflict mark ("†") pointing at its note: target "#anchor" */
};

struct model_span {
    enum model_span_kind kind;
    char *text;
    char *target;        /* LINK, MARK, CITE (after numbering); NULL otherwise */
    size_t article;      /* CITE: index into the article set */
    size_t n_more;       /* CITE: articles beyond this mark that it stands for ("외 N건") */
};

struct model_text {
    struct model_span *v;
    size_t n, cap;
};

enum model_block_kind {
    MODEL_HEADING,       /* text, level, outline, anchor */
    MODEL_PARAGRAPH,     /* text, style */
    MODEL_BULLETS,       /* items: a bulleted list */
    MODEL_QUOTES,        /* items: quoted key sentences, marks included in the text */
    MODEL_NOTES,         /* items: footnotes, item label = the mark */
    MODEL_TABLE,         /* table */
    MODEL_CHART,         /* chart */
    MODEL_SOURCES,       /* items: numbered entries, label "[n]", anchor, url */
    MODEL_RULE,          /* a divider (decoration) */
    MODEL_LINES          /* lines: one line per series over ordered points (weeks) */
};

enum model_style {
    MODEL_STYLE_BODY,    /* running text */
    MODEL_STYLE_LEAD,    /* a subtitle under the title */
    MODEL_STYLE_META,    /* small grey text: the title block's facts, a section's intro */
    MODEL_STYLE_NOTE,    /* smaller still: a note under a figure */
    MODEL_STYLE_LIST     /* a run-on list of names: body size, ragged right */
};

struct model_item {
    char *label;         /* "[3]" for a source, "†" for a note; NULL for a bullet or a quote */
    char *anchor;        /* name links jump to, or NULL */
    struct model_text text;
    char *url;           /* sources: the article's link, or NULL */
    char *origin;        /* sources: the article's file, for messages about its text */
};

enum model_col_kind {
    MODEL_COL_TEXT,      /* a short text: left */
    MODEL_COL_NUMBER,    /* figures: right-aligned */
    MODEL_COL_LIST,      /* long lists: takes the width the others leave */
    MODEL_COL_LABEL      /* a key-value table's key column: fixed width */
};

struct model_column {
    char *header;
    enum model_col_kind kind;
    float weight;        /* LIST: share of the free width (1 = normal) */
};

struct model_cell {
    struct model_text text;
    int conflict;        /* sources disagree: the text carries a MARK span */
};

struct model_table {
    struct model_column *cols;
    size_t ncols;
    struct model_cell *cells;  /* nrows × ncols, row-major */
    size_t nrows;
    size_t header_rows;        /* rows of column headers above the body (1) */
    int row_headers;           /* the first column names the row (a TH with row scope) */
};

struct model_bar {
    int present;         /* 0: not reported — drawn as a stub with the chart's missing label */
    double value;        /* for drawing only */
    char *text;          /* the value as printed: "500B", "1,576억 원" */
};

struct model_group {
    char *label;         /* category: "SK텔레콤" */
    char *target;        /* "#ent-skt" */
    struct model_bar bars[MODEL_MAX_SERIES];
};

struct model_chart {
    char *series[MODEL_MAX_SERIES];  /* legend labels */
    size_t n_series;
    struct model_group *groups;
    size_t n_groups;
    char *axis_label;
    char *missing_label;
    char *alt;           /* alternative text generated from the data */
};

/* A line chart: values of a few series over ordered points (weeks), drawn as vectors with a
 * label at each line's end; a point a series lacks (present 0) is a gap in its line. */
#define MODEL_MAX_LINES 6

struct model_line {
    char *label;         /* "SK텔레콤" */
    char *target;        /* "#ent-skt", or NULL */
    double *values;      /* n_points */
    int *present;        /* n_points; 0 = no data at that point (the line breaks) */
};

struct model_lines {
    char **points;       /* n_points labels along the axis: "2025-W52" */
    int *point_gap;      /* n_points; 1 = nothing recorded at that point (drawn muted) */
    size_t n_points;
    struct model_line lines[MODEL_MAX_LINES];
    size_t n_lines;
    char *axis_label;    /* what the values count: "언급 문장 수" */
    char *alt;           /* alternative text generated from the data */
};

struct model_block {
    enum model_block_kind kind;
    int level;           /* heading: 0 document title, 1 section, 2 sub-section, 3 label */
    int outline;         /* heading: bookmark level, -1 for none */
    enum model_style style;
    char *anchor;        /* heading, paragraph, table, chart: a name links jump to, or NULL */
    struct model_text text;
    struct model_item *items;
    size_t n_items, items_cap;
    struct model_table *table;
    struct model_chart *chart;
    struct model_lines *lines;
};

struct model_section {
    char *kind;          /* "title", "summary", "table", "chart", "entities", "sources", or
                            another module's ("changes") */
    char *title;         /* for running headers; "" for the title block */
    struct model_block *blocks;
    size_t n_blocks, cap;
};

/* The period the briefing covers, resolved once by the orchestration. Days "YYYY-MM-DD"
 * ("" = open); is_week when it is exactly one ISO week ("2026-W01" in week). */
struct model_period {
    char first[11], last[11];
    int is_week;
    char week[9];
};

struct model_doc {
    char *title;             /* document title: PDF info, window title, running header */
    char *subject, *keywords;
    char *header_right;      /* running header's right side: the period */
    long long epoch;         /* the document's date (Unix seconds), -1 when none */
    struct model_section *sections;
    size_t n_sections, cap;
    size_t n_articles;       /* the set's size (citation ranks are below it) */
};

/* A section another module writes (changes, coverage, trend, …): model_build calls it for
 * every name in layout.sections it does not write itself, in that name's place in the order;
 * it appends with model_add_section and the builders below. Its CITE spans are numbered with
 * the rest. */
typedef void (*model_section_fn)(struct model_doc *doc, const char *name, void *arg);

struct model_input {
    const struct article_set *set;   /* the articles it may cite (all of them, or only those
                                        the table and quotes name), sorted
                                        (article_set_sort): the citation order */
    const struct corpus_summary *corpus;  /* the whole run's articles (count, publishers; see
                                             merge/catalog.h); NULL: set is the whole run */
    const struct template *tpl;
    const struct table *table;       /* finished, built with tpl */
    const struct quotes *quotes;     /* key-sentence candidates the merge kept */
    const struct model_period *period;
    long long as_of;                 /* the "as of" instant (Unix seconds), -1 none */
    int as_of_is_generation;         /* 1: SOURCE_DATE_EPOCH / the clock; 0: the newest article */
    const char *version;             /* the program's version for the title block */
    model_section_fn more_sections;  /* NULL: names model_build does not know are skipped */
    void *more_sections_arg;
};

/* Builds the briefing for in into *doc (zeroed first). Pure: reads only in. */
void model_build(const struct model_input *in, struct model_doc *doc);

void model_free(struct model_doc *doc);

/* ---- Builders, for model.c and for modules that add sections ---- */

struct model_section *model_add_section(struct model_doc *doc, const char *kind,
                                        const char *title);
struct model_block *model_add_block(struct model_section *s, enum model_block_kind kind);
/* A heading block: level 1..3, bookmark at outline (-1 none), anchor may be NULL. */
struct model_block *model_heading(struct model_section *s, int level, int outline,
                                  const char *text, const char *anchor);
/* A one-span paragraph. */
struct model_block *model_paragraph(struct model_section *s, enum model_style style,
                                    const char *text);
struct model_item *model_add_item(struct model_block *b);
/* Appends a span (text and target copied; target may be NULL). */
void model_span(struct model_text *t, enum model_span_kind kind, const char *text,
                const char *target);
void model_cite(struct model_text *t, size_t article);
/* A table of nrows × ncols empty cells; set headers with model_column_set. */
struct model_table *model_table_new(struct model_block *b, size_t ncols, size_t nrows);
struct model_cell *model_cell(struct model_table *t, size_t row, size_t col);
/* Allocates b->lines with n_points points and n_lines (<= MODEL_MAX_LINES) empty lines. */
struct model_lines *model_lines_new(struct model_block *b, size_t n_points, size_t n_lines);

/* The text of t without marks and citations, into out (appends). For tests and alt texts. */
void model_text_plain(const struct model_text *t, struct buf *out);
/* The whole document as plain text, one block per line: for tests. */
void model_dump(const struct model_doc *doc, struct buf *out);

/* Numbers the cited articles 1..n in set order, fills every CITE span's text and target,
 * and returns n. When no is not NULL, no[a] (doc->n_articles entries) receives article a's
 * number, 0 when it is not cited. Called by model_build, once. */
size_t model_number_citations(struct model_doc *doc, size_t *no);

#endif

/* csv_out.h — the CSV back end: articles.csv, comparison.csv, facts.csv.
 *
 * libcsv quotes the fields. Files are what spreadsheets need: UTF-8 with a BOM (Excel reads
 * Hangul only with it), RFC 4180 with CRLF line ends, numbers as plain unquoted numbers, and
 * text cells that start with = + - @ or a tab/CR prefixed with an apostrophe, because
 * spreadsheets evaluate them as formulas (LibreOffice turns a cell "=1+1" into 2), and no
 * cell longer than a spreadsheet keeps (32,767 characters, cell_limit.h). Writers
 * take an open FILE* (the caller owns atomic replacement, see fsutil.h) and report write
 * failures as EXP_IOERR. */
#ifndef EXPORTER_CSV_OUT_H
#define EXPORTER_CSV_OUT_H

#include <stddef.h>
#include <stdio.h>

#include "ingest/article.h"
#include "util/buf.h"
#include "util/status.h"

/* What a cell holds. The CSV writes every kind but CSV_NUMBER as quoted text; the workbook
 * (xlsx_out.h) types them. A CSV_LIST cell is items joined by "; ": when it is too long for a
 * spreadsheet it keeps its first items and ends "… 외 N건" (cell_limit.h); a too long text
 * cell ends "…". CSV_DATETIME is "YYYY-MM-DDTHH:MM:SS+09:00" (or a shorter ISO prefix);
 * CSV_URL a link. */
enum csv_cell_kind { CSV_TEXT, CSV_NUMBER, CSV_LIST, CSV_DATETIME, CSV_URL };

struct csv_cell {
    enum csv_cell_kind kind;
    const char *value;   /* NULL or "" is an empty cell */
};

/* One row of articles.csv or facts.csv as typed cells, built once and written by both the
 * CSV and the workbook writers, so the two files never disagree on columns. Cells borrow
 * from the article or fact and from the record's own storage: valid until the record is
 * rebuilt or freed. Zero-initialise; release with csv_record_free. */
#define CSV_RECORD_MAX 16
struct csv_record {
    struct csv_cell cells[CSV_RECORD_MAX];
    size_t n;
    char numbers[2][24];
    struct buf joined[2];
};

/* The column names of articles.csv and facts.csv; *n gets their count. */
const char *const *csv_out_articles_header(size_t *n);
const char *const *csv_out_facts_header(size_t *n);
void csv_record_article(struct csv_record *r, const struct article *a);
struct template;
struct fact;
void csv_record_fact(struct csv_record *r, const struct template *tpl, const struct fact *f);
void csv_record_free(struct csv_record *r);

/* Writes the UTF-8 byte order mark that opens every file. */
void csv_out_begin(FILE *fp);

/* Writes one record and its CRLF. A CSV_NUMBER cell must be a plain decimal number
 * ("102", "10.2", "-3"); anything else is written as text. */
void csv_out_row(FILE *fp, const struct csv_cell *cells, size_t n);

/* Writes a header row of text cells. */
void csv_out_header(FILE *fp, const char *const *names, size_t n);

/* True when s is a plain decimal number as csv_out_row writes unquoted. */
int csv_out_is_number(const char *s);

/* articles.csv: one row per article — id, title, publisher, authors, emails, published_at,
 * crawled_at, url, category, sentences, characters, content_hash, source_file — streamed:
 * csv_out_articles_begin once (BOM and header), then one csv_out_article_row per article as
 * it is read. The caller checks the stream for errors. */
void csv_out_articles_begin(FILE *fp);
void csv_out_article_row(FILE *fp, const struct article *a);

/* ---- The comparison table and the facts ---- */

struct table;
struct table_row;
struct fact_list;

/* comparison.csv's columns: entity_id, entity, entity_en, the template's columns, articles,
 * mentions, conflicts, sources. csv_out_comparison_width is their count; the header cells
 * and each row's cells are written into cells[width] (row strings borrow from the table and
 * from numbers, which must outlive the cells). */
size_t csv_out_comparison_width(const struct template *tpl);
void csv_out_comparison_header(const struct template *tpl, struct csv_cell *cells);
void csv_out_comparison_cells(const struct table *t, const struct table_row *row,
                              char numbers[2][24], struct csv_cell *cells);

/* comparison.csv: one row per template entity — entity_id, entity, entity_en, then the
 * template's columns in order (for the bundled template: flagship_model, models,
 * params_total_b, params_active_b, architecture, modalities, partners, then the programme's
 * budget_*_krw_bn and target_performance_pct), then articles, mentions, conflicts, sources.
 * Quantity cells are plain numbers; lists are joined with "; ". Returns EXP_IOERR if the
 * stream reports an error. */
enum exp_status csv_out_write_comparison(FILE *fp, const struct table *t);

/* facts.csv: one row per fact — entity_id, column, value, unit, qualifier, raw_text,
 * article_id, publisher, published_at, sentence_no, sentence. Call csv_out_facts_begin once,
 * then csv_out_write_facts_rows for each batch (a run streams facts article by article). The
 * caller checks the stream for errors. */
void csv_out_facts_begin(FILE *fp);
void csv_out_write_facts_rows(FILE *fp, const struct template *tpl, const struct fact_list *l);

#endif

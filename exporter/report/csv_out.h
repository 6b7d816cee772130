/* csv_out.h — the CSV back end: articles.csv, comparison.csv, facts.csv.
 *
 * libcsv quotes the fields. Files are what spreadsheets need: UTF-8 with a BOM (Excel reads
 * Hangul only with it), RFC 4180 with CRLF line ends, numbers as plain unquoted numbers, and
 * text cells that start with = + - @ or a tab/CR prefixed with an apostrophe, because
 * spreadsheets evaluate them as formulas (LibreOffice turns a cell "=1+1" into 2). Writers
 * take an open FILE* (the caller owns atomic replacement, see fsutil.h) and report write
 * failures as EXP_IOERR. */
#ifndef EXPORTER_CSV_OUT_H
#define EXPORTER_CSV_OUT_H

#include <stddef.h>
#include <stdio.h>

#include "ingest/article.h"
#include "util/status.h"

enum csv_cell_kind { CSV_TEXT, CSV_NUMBER };

struct csv_cell {
    enum csv_cell_kind kind;
    const char *value;   /* NULL or "" is an empty cell */
};

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
 * crawled_at, url, category, sentences, characters, content_hash, source_file. Returns
 * EXP_IOERR if the stream reports an error. */
enum exp_status csv_out_write_articles(FILE *fp, const struct article_set *set);
/* The same streamed: csv_out_articles_begin once (BOM and header), then one
 * csv_out_article_row per article as it is read. */
void csv_out_articles_begin(FILE *fp);
void csv_out_article_row(FILE *fp, const struct article *a);

/* ---- The comparison table and the facts (issue #4) ---- */

struct table;
struct template;
struct fact_list;

/* comparison.csv: one row per template entity — entity_id, entity, entity_en, then the
 * template's columns in order (for the bundled template: flagship_model, models,
 * params_total_b, params_active_b, architecture, modalities, partners, then the programme's
 * budget_*_krw_bn and target_performance_pct), then articles, mentions, conflicts, sources.
 * Quantity cells are plain numbers; lists are joined with "; ". Returns EXP_IOERR if the
 * stream reports an error. */
enum exp_status csv_out_write_comparison(FILE *fp, const struct table *t);

/* facts.csv: one row per fact — entity_id, column, value, unit, qualifier, raw_text,
 * article_id, publisher, published_at, sentence_no, sentence. Returns EXP_IOERR if the
 * stream reports an error. Call csv_out_facts_begin once, then csv_out_write_facts_rows for
 * each batch (a run can stream facts article by article); csv_out_write_facts does both. */
void csv_out_facts_begin(FILE *fp);
void csv_out_write_facts_rows(FILE *fp, const struct template *tpl, const struct fact_list *l);
enum exp_status csv_out_write_facts(FILE *fp, const struct template *tpl,
                                    const struct fact_list *l);

#endif

/* csv_out.c — see csv_out.h. */
#include "report/csv_out.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "util/cell_limit.h"
#include "util/buf.h"
#include "extract/extract.h"
#include "merge/table.h"

void csv_out_begin(FILE *fp)
{
    fputs("\xEF\xBB\xBF", fp);
}

int csv_out_is_number(const char *s)
{
    if (!s || !*s)
        return 0;
    if (*s == '-')
        s++;
    int digits = 0, dot = 0;
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9')
            digits++;
        else if (*s == '.' && !dot && digits)
            dot = 1;
        else
            return 0;
    }
    return digits > 0 && s[-1] != '.';
}

/* OWASP's advice for CSV injection: a leading apostrophe makes the cell plain text. */
static int needs_formula_guard(const char *s)
{
    return *s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r';
}

/* libcsv quotes the field into a buffer (csv_write) and one fwrite sends it: csv_fwrite
 * writes byte by byte, which was a tenth of a large run. The buffer is sized for the worst
 * case (every byte a doubled quote, plus the two around), so libcsv runs once, not once to
 * measure and once to write. */
static void write_quoted(FILE *fp, const char *s, size_t n)
{
    char small[1024];
    size_t room = 2 * n + 2;
    char *out = room <= sizeof small ? small : xmalloc(room);
    size_t need = csv_write(out, room, s, n);
    fwrite(out, 1, need <= room ? need : room, fp);
    if (out != small)
        free(out);
}

static void write_text(FILE *fp, const char *s)
{
    size_t n = strlen(s);
    if (!needs_formula_guard(s)) {
        write_quoted(fp, s, n);
        return;
    }
    char *guarded = xmalloc(n + 2);
    guarded[0] = '\'';
    memcpy(guarded + 1, s, n + 1);
    write_quoted(fp, guarded, n + 1);
    free(guarded);
}

void csv_out_row(FILE *fp, const struct csv_cell *cells, size_t n)
{
    struct buf scratch = BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputc(',', fp);
        const char *v = cells[i].value;
        if (!v || !*v)
            continue;
        if (cells[i].kind == CSV_NUMBER && csv_out_is_number(v))
            fputs(v, fp);
        else
            write_text(fp, cell_limit_fit(v, cells[i].kind == CSV_LIST, CELL_LIMIT_CHARS,
                                          &scratch, NULL));
    }
    fputs("\r\n", fp);
    buf_free(&scratch);
}

void csv_out_header(FILE *fp, const char *const *names, size_t n)
{
    struct csv_cell cells[32];
    for (size_t i = 0; i < n && i < 32; i++)
        cells[i] = (struct csv_cell){ CSV_TEXT, names[i] };
    csv_out_row(fp, cells, n < 32 ? n : 32);
}

/* ---- Records: one row's typed cells, shared with the workbook ---- */

static const char *const articles_header[] = { "id", "title", "publisher", "authors", "emails",
                                               "published_at", "crawled_at", "url", "category",
                                               "sentences", "characters", "content_hash",
                                               "source_file" };
static const char *const facts_header[] = { "entity_id", "column", "value", "unit", "qualifier",
                                            "raw_text", "article_id", "publisher",
                                            "published_at", "sentence_no", "sentence" };

const char *const *csv_out_articles_header(size_t *n)
{
    *n = sizeof articles_header / sizeof articles_header[0];
    return articles_header;
}

const char *const *csv_out_facts_header(size_t *n)
{
    *n = sizeof facts_header / sizeof facts_header[0];
    return facts_header;
}

static void record_put(struct csv_record *r, enum csv_cell_kind kind, const char *value)
{
    if (r->n < CSV_RECORD_MAX)
        r->cells[r->n++] = (struct csv_cell){ kind, value };
}

void csv_record_article(struct csv_record *r, const struct article *a)
{
    struct buf *authors = &r->joined[0], *emails = &r->joined[1];
    buf_clear(authors);
    buf_clear(emails);
    buf_puts(authors, "");
    buf_puts(emails, "");
    for (size_t k = 0; k < a->n_people; k++) {
        buf_printf(authors, "%s%s", authors->len ? "; " : "", a->people[k].name);
        if (*a->people[k].email)
            buf_printf(emails, "%s%s", emails->len ? "; " : "", a->people[k].email);
    }
    snprintf(r->numbers[0], sizeof r->numbers[0], "%zu", a->n_sentences);
    snprintf(r->numbers[1], sizeof r->numbers[1], "%zu", a->characters);
    r->n = 0;
    record_put(r, CSV_TEXT, a->id);
    record_put(r, CSV_TEXT, a->title);
    record_put(r, CSV_TEXT, a->publisher);
    record_put(r, CSV_LIST, authors->data);
    record_put(r, CSV_LIST, emails->data);
    record_put(r, CSV_DATETIME, a->published_at);
    record_put(r, CSV_DATETIME, a->crawled_at);
    record_put(r, CSV_URL, a->url);
    record_put(r, CSV_TEXT, a->category);
    record_put(r, CSV_NUMBER, r->numbers[0]);
    record_put(r, CSV_NUMBER, r->numbers[1]);
    record_put(r, CSV_TEXT, a->content_hash);
    record_put(r, CSV_TEXT, a->source_file);
}

void csv_record_fact(struct csv_record *r, const struct template *tpl, const struct fact *f)
{
    snprintf(r->numbers[0], sizeof r->numbers[0], "%zu", f->sentence_no);
    r->n = 0;
    record_put(r, CSV_TEXT, tpl->entities[f->entity].id);
    record_put(r, CSV_TEXT, tpl->columns[f->column].id);
    record_put(r, f->is_number ? CSV_NUMBER : CSV_TEXT, f->value);
    record_put(r, CSV_TEXT, f->unit);
    record_put(r, CSV_TEXT, quantity_qualifier_name(f->qualifier));
    record_put(r, CSV_TEXT, f->raw_text);
    record_put(r, CSV_TEXT, f->article_id);
    record_put(r, CSV_TEXT, f->publisher);
    record_put(r, CSV_DATETIME, f->published_at);
    record_put(r, CSV_NUMBER, r->numbers[0]);
    record_put(r, CSV_TEXT, f->sentence);
}

void csv_record_free(struct csv_record *r)
{
    buf_free(&r->joined[0]);
    buf_free(&r->joined[1]);
    r->n = 0;
}

/* ---- The three files ---- */

void csv_out_articles_begin(FILE *fp)
{
    size_t n;
    const char *const *header = csv_out_articles_header(&n);
    csv_out_begin(fp);
    csv_out_header(fp, header, n);
}

void csv_out_article_row(FILE *fp, const struct article *a)
{
    struct csv_record rec = { 0 };
    csv_record_article(&rec, a);
    csv_out_row(fp, rec.cells, rec.n);
    csv_record_free(&rec);
}

/* A number, a date, a list of several values (keywords, partners, models), or one text
 * value. */
static enum csv_cell_kind csv_cell_kind_of(const struct template_column *col,
                                           const struct table_cell *c)
{
    if (c->is_number)
        return CSV_NUMBER;
    if (col->type == TEMPLATE_COL_DATE)
        return CSV_DATETIME;
    return c->n_values > 1 ? CSV_LIST : CSV_TEXT;
}

static const char *const comparison_lead[] = { "entity_id", "entity", "entity_en" };
static const char *const comparison_tail[] = { "articles", "mentions", "conflicts", "sources" };
#define N_LEAD (sizeof comparison_lead / sizeof comparison_lead[0])
#define N_TAIL (sizeof comparison_tail / sizeof comparison_tail[0])

size_t csv_out_comparison_width(const struct template *tpl)
{
    return N_LEAD + tpl->n_columns + N_TAIL;
}

void csv_out_comparison_header(const struct template *tpl, struct csv_cell *cells)
{
    for (size_t i = 0; i < N_LEAD; i++)
        cells[i] = (struct csv_cell){ CSV_TEXT, comparison_lead[i] };
    for (size_t c = 0; c < tpl->n_columns; c++)
        cells[N_LEAD + c] = (struct csv_cell){ CSV_TEXT, tpl->columns[c].id };
    for (size_t i = 0; i < N_TAIL; i++)
        cells[N_LEAD + tpl->n_columns + i] = (struct csv_cell){ CSV_TEXT, comparison_tail[i] };
}

void csv_out_comparison_cells(const struct table *t, const struct table_row *row,
                              char numbers[2][24], struct csv_cell *cells)
{
    const struct template *tpl = t->tpl;
    snprintf(numbers[0], 24, "%zu", row->n_articles);
    snprintf(numbers[1], 24, "%zu", row->n_mentions);
    cells[0] = (struct csv_cell){ CSV_TEXT, row->e->id };
    cells[1] = (struct csv_cell){ CSV_TEXT, row->e->name };
    cells[2] = (struct csv_cell){ CSV_TEXT, row->e->name_en };
    for (size_t c = 0; c < tpl->n_columns; c++)
        cells[N_LEAD + c] = (struct csv_cell){ csv_cell_kind_of(&tpl->columns[c], &row->cells[c]),
                                               row->cells[c].text };
    size_t k = N_LEAD + tpl->n_columns;
    cells[k++] = (struct csv_cell){ CSV_NUMBER, numbers[0] };
    cells[k++] = (struct csv_cell){ CSV_NUMBER, numbers[1] };
    cells[k++] = (struct csv_cell){ CSV_LIST, row->conflicts };
    cells[k++] = (struct csv_cell){ CSV_LIST, row->sources_text };
}

enum exp_status csv_out_write_comparison(FILE *fp, const struct table *t)
{
    size_t n = csv_out_comparison_width(t->tpl);
    struct csv_cell *cells = xcalloc(n, sizeof *cells);
    char numbers[2][24];
    csv_out_begin(fp);
    csv_out_comparison_header(t->tpl, cells);
    csv_out_row(fp, cells, n);
    for (size_t r = 0; r < t->n_rows; r++) {
        csv_out_comparison_cells(t, &t->rows[r], numbers, cells);
        csv_out_row(fp, cells, n);
    }
    free(cells);
    return ferror(fp) ? EXP_IOERR : EXP_OK;
}

void csv_out_facts_begin(FILE *fp)
{
    size_t n;
    const char *const *header = csv_out_facts_header(&n);
    csv_out_begin(fp);
    csv_out_header(fp, header, n);
}

void csv_out_write_facts_rows(FILE *fp, const struct template *tpl, const struct fact_list *l)
{
    struct csv_record rec = { 0 };
    for (size_t i = 0; i < l->count; i++) {
        csv_record_fact(&rec, tpl, &l->items[i]);
        csv_out_row(fp, rec.cells, rec.n);
    }
    csv_record_free(&rec);
}

/* csv_out.c — see csv_out.h. */
#include "report/csv_out.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

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
 * writes byte by byte, which was a tenth of a large run. */
static void write_quoted(FILE *fp, const char *s, size_t n)
{
    char small[512];
    size_t need = csv_write(NULL, 0, s, n);
    char *out = need <= sizeof small ? small : xmalloc(need);
    csv_write(out, need, s, n);
    fwrite(out, 1, need, fp);
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
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputc(',', fp);
        const char *v = cells[i].value;
        if (!v || !*v)
            continue;
        if (cells[i].kind == CSV_NUMBER && csv_out_is_number(v))
            fputs(v, fp);
        else
            write_text(fp, v);
    }
    fputs("\r\n", fp);
}

void csv_out_header(FILE *fp, const char *const *names, size_t n)
{
    struct csv_cell cells[32];
    for (size_t i = 0; i < n && i < 32; i++)
        cells[i] = (struct csv_cell){ CSV_TEXT, names[i] };
    csv_out_row(fp, cells, n < 32 ? n : 32);
}

void csv_out_articles_begin(FILE *fp)
{
    static const char *const header[] = { "id", "title", "publisher", "authors", "emails",
                                          "published_at", "crawled_at", "url", "category",
                                          "sentences", "characters", "content_hash",
                                          "source_file" };
    csv_out_begin(fp);
    csv_out_header(fp, header, sizeof header / sizeof header[0]);
}

void csv_out_article_row(FILE *fp, const struct article *a)
{
    struct buf authors = BUF_INIT, emails = BUF_INIT;
    for (size_t k = 0; k < a->n_people; k++) {
        buf_printf(&authors, "%s%s", authors.len ? "; " : "", a->people[k].name);
        if (*a->people[k].email)
            buf_printf(&emails, "%s%s", emails.len ? "; " : "", a->people[k].email);
    }
    char sentences[24], characters[24];
    snprintf(sentences, sizeof sentences, "%zu", a->n_sentences);
    snprintf(characters, sizeof characters, "%zu", a->characters);
    struct csv_cell row[] = {
        { CSV_TEXT, a->id }, { CSV_TEXT, a->title }, { CSV_TEXT, a->publisher },
        { CSV_TEXT, authors.data }, { CSV_TEXT, emails.data },
        { CSV_TEXT, a->published_at }, { CSV_TEXT, a->crawled_at }, { CSV_TEXT, a->url },
        { CSV_TEXT, a->category }, { CSV_NUMBER, sentences }, { CSV_NUMBER, characters },
        { CSV_TEXT, a->content_hash }, { CSV_TEXT, a->source_file },
    };
    csv_out_row(fp, row, sizeof row / sizeof row[0]);
    buf_free(&authors);
    buf_free(&emails);
}

enum exp_status csv_out_write_articles(FILE *fp, const struct article_set *set)
{
    csv_out_articles_begin(fp);
    for (size_t i = 0; i < set->count; i++)
        csv_out_article_row(fp, &set->items[i]);
    return ferror(fp) ? EXP_IOERR : EXP_OK;
}

/* ---- The comparison table and the facts (issue #4) ---- */


enum exp_status csv_out_write_comparison(FILE *fp, const struct table *t)
{
    const struct template *tpl = t->tpl;
    size_t n = 3 + tpl->n_columns + 4;
    struct csv_cell *cells = xcalloc(n, sizeof *cells);
    static const char *const lead[] = { "entity_id", "entity", "entity_en" };
    static const char *const tail[] = { "articles", "mentions", "conflicts", "sources" };
    for (size_t i = 0; i < 3; i++)
        cells[i] = (struct csv_cell){ CSV_TEXT, lead[i] };
    for (size_t c = 0; c < tpl->n_columns; c++)
        cells[3 + c] = (struct csv_cell){ CSV_TEXT, tpl->columns[c].id };
    for (size_t i = 0; i < 4; i++)
        cells[3 + tpl->n_columns + i] = (struct csv_cell){ CSV_TEXT, tail[i] };
    csv_out_begin(fp);
    csv_out_row(fp, cells, n);
    for (size_t r = 0; r < t->n_rows; r++) {
        const struct table_row *row = &t->rows[r];
        char articles[24], mentions[24];
        snprintf(articles, sizeof articles, "%zu", row->n_articles);
        snprintf(mentions, sizeof mentions, "%zu", row->n_mentions);
        cells[0] = (struct csv_cell){ CSV_TEXT, row->e->id };
        cells[1] = (struct csv_cell){ CSV_TEXT, row->e->name };
        cells[2] = (struct csv_cell){ CSV_TEXT, row->e->name_en };
        for (size_t c = 0; c < tpl->n_columns; c++)
            cells[3 + c] = (struct csv_cell){ row->cells[c].is_number ? CSV_NUMBER : CSV_TEXT,
                                              row->cells[c].text };
        size_t k = 3 + tpl->n_columns;
        cells[k++] = (struct csv_cell){ CSV_NUMBER, articles };
        cells[k++] = (struct csv_cell){ CSV_NUMBER, mentions };
        cells[k++] = (struct csv_cell){ CSV_TEXT, row->conflicts };
        cells[k++] = (struct csv_cell){ CSV_TEXT, row->sources_text };
        csv_out_row(fp, cells, n);
    }
    free(cells);
    return ferror(fp) ? EXP_IOERR : EXP_OK;
}

void csv_out_facts_begin(FILE *fp)
{
    static const char *const header[] = { "entity_id", "column", "value", "unit", "qualifier",
                                          "raw_text", "article_id", "publisher",
                                          "published_at", "sentence_no", "sentence" };
    csv_out_begin(fp);
    csv_out_header(fp, header, sizeof header / sizeof header[0]);
}

void csv_out_write_facts_rows(FILE *fp, const struct template *tpl, const struct fact_list *l)
{
    for (size_t i = 0; i < l->count; i++) {
        const struct fact *f = &l->items[i];
        char sentence_no[24];
        snprintf(sentence_no, sizeof sentence_no, "%zu", f->sentence_no);
        struct csv_cell row[] = {
            { CSV_TEXT, tpl->entities[f->entity].id }, { CSV_TEXT, tpl->columns[f->column].id },
            { f->is_number ? CSV_NUMBER : CSV_TEXT, f->value }, { CSV_TEXT, f->unit },
            { CSV_TEXT, quantity_qualifier_name(f->qualifier) }, { CSV_TEXT, f->raw_text },
            { CSV_TEXT, f->article_id }, { CSV_TEXT, f->publisher },
            { CSV_TEXT, f->published_at }, { CSV_NUMBER, sentence_no },
            { CSV_TEXT, f->sentence },
        };
        csv_out_row(fp, row, sizeof row / sizeof row[0]);
    }
}

enum exp_status csv_out_write_facts(FILE *fp, const struct template *tpl,
                                    const struct fact_list *l)
{
    csv_out_facts_begin(fp);
    csv_out_write_facts_rows(fp, tpl, l);
    return ferror(fp) ? EXP_IOERR : EXP_OK;
}

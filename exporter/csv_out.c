/* csv_out.c — see csv_out.h. */
#include "csv_out.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

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

static void write_text(FILE *fp, const char *s)
{
    if (!needs_formula_guard(s)) {
        csv_fwrite(fp, s, strlen(s));
        return;
    }
    size_t n = strlen(s);
    char *guarded = xmalloc(n + 2);
    guarded[0] = '\'';
    memcpy(guarded + 1, s, n + 1);
    csv_fwrite(fp, guarded, n + 1);
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

enum exp_status csv_out_write_articles(FILE *fp, const struct article_set *set)
{
    static const char *const header[] = { "id", "title", "publisher", "authors", "emails",
                                          "published_at", "crawled_at", "url", "category",
                                          "sentences", "characters", "content_hash",
                                          "source_file" };
    csv_out_begin(fp);
    csv_out_header(fp, header, sizeof header / sizeof header[0]);
    for (size_t i = 0; i < set->count; i++) {
        const struct article *a = &set->items[i];
        struct buf authors = BUF_INIT, emails = BUF_INIT;
        for (size_t k = 0; k < a->n_people; k++) {
            buf_printf(&authors, "%s%s", authors.len ? "; " : "", a->people[k].name);
            if (*a->people[k].email)
                buf_printf(&emails, "%s%s", emails.len ? "; " : "", a->people[k].email);
        }
        char sentences[24], characters[24];
        snprintf(sentences, sizeof sentences, "%zu", a->sentences.count);
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
    return ferror(fp) ? EXP_IOERR : EXP_OK;
}

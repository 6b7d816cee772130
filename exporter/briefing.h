/* briefing.h — the briefing PDF, built on the typesetting engine (layout → pdf_out).
 *
 * For now a plain briefing: a title block, a table of the articles (publisher, date, title,
 * sentence count), then each article with its heading (a bookmark), a meta line, its body
 * paragraphs and a clickable source link. Issue #6 grows this into the full briefing.
 *
 * The caller fills struct briefing_input from its own article records; this module keeps no
 * pointer after briefing_write returns. Strings are UTF-8; invalid bytes are repaired with a
 * warning naming the article's source file. */
#ifndef EXPORTER_BRIEFING_H
#define EXPORTER_BRIEFING_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"
#include "status.h"

struct briefing_article {
    const char *title;
    const char *publisher;
    const char *published_at;      /* as it should be printed, e.g. "2025-12-28 00:00" */
    const char *url;               /* NULL or "" = no link */
    const char *author;            /* the author line as printed; NULL or "" = none */
    const char *const *paragraphs; /* body paragraphs (or sentences), in order */
    size_t n_paragraphs;
    size_t n_sentences;            /* shown in the article table */
    const char *source_file;       /* for diagnostics; may be NULL */
};

struct briefing_input {
    const char *title;
    const char *generated_at;      /* printed as given, e.g. "2025-12-30 09:00 KST" */
    const struct briefing_article *articles;
    size_t n_articles;
    const char *font_dir;          /* project fonts folder; NULL = "fonts" */
    int letter;                    /* 1 = US Letter pages, 0 = A4 */
};

/* Typesets the briefing and writes the PDF to out (the caller's FILE*, e.g. from
 * atomic_file_open; this function does not close it). Returns EXP_CONFIG when no usable font
 * exists, EXP_SOFTWARE when the PDF library fails, EXP_IOERR when writing fails; messages go
 * to d. Deterministic: dates only from SOURCE_DATE_EPOCH. */
enum exp_status briefing_write(FILE *out, const struct briefing_input *in, struct diag *d);

#endif

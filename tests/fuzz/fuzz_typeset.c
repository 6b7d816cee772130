/* fuzz_typeset.c — libFuzzer harness for the layout engine and the PDF writer: the input
 * bytes become a document of headings, paragraphs (with styled and linked spans), tables
 * and page breaks, which is laid out and written as a PDF into memory. Any input must give a
 * PDF or a clean status, never a crash, a leak or undefined behaviour. The fonts are opened
 * once (fontconfig is slow and its state is global). Built by `make fuzz-typeset`. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "typeset/font.h"
#include "typeset/layout.h"
#include "typeset/pdf_out.h"
#include "util/buf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Reads the input as a little command stream: a byte picks the block, the next bytes give
 * its parameters, and text runs to the next 0x00 (invalid UTF-8 included, on purpose). */
struct cursor {
    const uint8_t *p, *end;
};

static unsigned take(struct cursor *c)
{
    return c->p < c->end ? *c->p++ : 0;
}

static char *take_text(struct cursor *c, size_t max)
{
    const uint8_t *start = c->p;
    while (c->p < c->end && *c->p && (size_t)(c->p - start) < max)
        c->p++;
    char *s = xstrndup((const char *)start, (size_t)(c->p - start));
    if (c->p < c->end && !*c->p)
        c->p++;
    return s;
}

static void style_from(struct cursor *c, struct layout_text_style *st)
{
    memset(st, 0, sizeof *st);
    st->font = (enum font_style)(take(c) % FONT_STYLE_COUNT);
    st->size = 4.0f + (float)(take(c) % 40);
    st->leading = (float)(take(c) % 4) * 0.5f;
    st->align = (enum layout_align)(take(c) % 4);
    st->indent = (float)((int)take(c) - 128) / 4.0f;
    st->inset = (float)(take(c) % 64);
    st->space_after = (float)(take(c) % 16);
}

static void add_spans(struct cursor *c, struct layout *L, const struct layout_text_style *st)
{
    struct layout_span spans[8];
    char *texts[8], *uris[8];
    size_t n = 1 + take(c) % 8;
    for (size_t i = 0; i < n; i++) {
        texts[i] = take_text(c, 300);
        unsigned kind = take(c) % 4;
        uris[i] = kind == 1 ? take_text(c, 200) : kind == 2 ? xstrdup("#anchor") : NULL;
        spans[i] = (struct layout_span){ texts[i], (take(c) & 1) ? st : NULL, uris[i],
                                         LAYOUT_ROLE_NONE };
    }
    layout_paragraph_spans(L, spans, n, st);
    for (size_t i = 0; i < n; i++) {
        free(texts[i]);
        free(uris[i]);
    }
}

static void add_table(struct cursor *c, struct layout *L)
{
    size_t ncols = 1 + take(c) % 6, nrows = take(c) % 12;
    struct layout_column cols[6];
    char *heads[6];
    for (size_t j = 0; j < ncols; j++) {
        heads[j] = take_text(c, 60);
        cols[j] = (struct layout_column){ heads[j], (enum layout_col_width)(take(c) % 3),
                                          (float)(take(c) % 200), (enum layout_align)(take(c) % 4) };
    }
    char **cells = xcalloc(nrows * ncols + 1, sizeof *cells);
    for (size_t k = 0; k < nrows * ncols; k++)
        cells[k] = (take(c) % 5) ? take_text(c, 120) : NULL;
    struct layout_table t = { .cols = cols, .ncols = ncols, .cells = (const char *const *)cells,
                              .nrows = nrows, .zebra = (int)(take(c) & 1),
                              .row_headers = (int)(take(c) & 1),
                              .continued = (take(c) & 1) ? "(계속)" : NULL };
    layout_table(L, &t);
    for (size_t k = 0; k < nrows * ncols; k++)
        free(cells[k]);
    free(cells);
    for (size_t j = 0; j < ncols; j++)
        free(heads[j]);
}

static struct font_set *fonts(void)
{
    /* The font set keeps its diag for later warnings: both live as long as the process. */
    static struct font_set *fs;
    static struct diag d;
    if (!fs) {
        diag_init(&d, fopen("/dev/null", "w"), 0, 1);
        if (font_set_new(NULL, &d, &fs) != EXP_OK)
            abort();   /* the harness needs the project's fonts (run from the repository) */
    }
    return fs;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *sink = fopen("/dev/null", "w");
    struct diag d;
    diag_init(&d, sink, 0, 1);
    struct layout_page_setup ps;
    layout_page_setup_a4(&ps);
    struct layout *L = layout_new(&ps, fonts(), &d);
    struct cursor c = { data, data + size };
    layout_anchor(L, "anchor");
    /* The layout borrows styles until the document is finished (a heading waits for what
     * follows it), as the briefing's long-lived styles are: one per block, kept to the end. */
    struct layout_text_style styles[64];
    for (int blocks = 0; c.p < c.end && blocks < 64; blocks++) {
        struct layout_text_style *st = &styles[blocks];
        unsigned op = take(&c) % 6;
        style_from(&c, st);
        if (op == 0) {
            char *t = take_text(&c, 400);
            layout_heading(L, t, st, (int)(take(&c) % 4) - 1);
            free(t);
        } else if (op == 1) {
            char *t = take_text(&c, 2000);
            layout_paragraph(L, t, st);
            free(t);
        } else if (op == 2) {
            add_spans(&c, L, st);
        } else if (op == 3) {
            add_table(&c, L);
        } else if (op == 4) {
            layout_page_break(L);
        } else {
            layout_vspace(L, (float)take(&c));
        }
    }
    layout_finish(L);
    struct pdf_out_info info = { "fuzz", NULL, NULL, NULL, "exporter", 0, NULL };
    struct buf pdf = BUF_INIT;
    pdf_out_to_buf(L, &info, &pdf, NULL, &d);
    buf_free(&pdf);
    layout_free(L);
    fclose(sink);
    return 0;
}

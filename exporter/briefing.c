/* briefing.c — the plain briefing: title block, article table, articles. */
#include "briefing.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "font.h"
#include "layout.h"
#include "pdf_out.h"

#define INK 0x1F2328
#define NAVY 0x0F2740
#define GREY 0x5B6470
#define LINK 0x1D4ED8

static const struct layout_text_style st_title = { .font = FONT_SANS_BOLD, .size = 20,
    .leading = 1.3f, .color = NAVY, .align = LAYOUT_LEFT, .space_after = 4 };
static const struct layout_text_style st_meta = { .font = FONT_SANS, .size = 9, .leading = 1.5f,
    .color = GREY, .align = LAYOUT_LEFT, .space_after = 2 };
static const struct layout_text_style st_meta_article = { .font = FONT_SANS, .size = 8.5f,
    .leading = 1.5f, .color = GREY, .align = LAYOUT_LEFT, .space_after = 6 };
static const struct layout_text_style st_h1 = { .font = FONT_SANS_BOLD, .size = 13,
    .leading = 1.4f, .color = NAVY, .align = LAYOUT_LEFT, .space_before = 16, .space_after = 6 };
static const struct layout_text_style st_h2 = { .font = FONT_SANS_BOLD, .size = 11.5f,
    .leading = 1.45f, .color = INK, .align = LAYOUT_LEFT, .space_before = 14, .space_after = 3 };
static const struct layout_text_style st_body = { .font = FONT_SANS, .size = 9.5f,
    .leading = 1.65f, .color = INK, .align = LAYOUT_JUSTIFY, .space_after = 5 };
static const struct layout_text_style st_link = { .font = FONT_SANS, .size = 8.5f, .leading = 1.5f,
    .color = LINK, .align = LAYOUT_LEFT };
static const struct layout_text_style st_source = { .font = FONT_SANS, .size = 8.5f,
    .leading = 1.5f, .color = GREY, .align = LAYOUT_LEFT, .space_before = 2, .space_after = 4 };

static int nonempty(const char *s)
{
    return s && *s;
}

/* Publishers counted once each (the list is small: a quadratic scan is fine). */
static size_t count_publishers(const struct briefing_input *in)
{
    size_t n = 0;
    for (size_t i = 0; i < in->n_articles; i++) {
        const char *p = in->articles[i].publisher;
        if (!nonempty(p))
            continue;
        size_t k;
        for (k = 0; k < i; k++)
            if (nonempty(in->articles[k].publisher) && strcmp(in->articles[k].publisher, p) == 0)
                break;
        n += k == i;
    }
    return n;
}

static void article_table(struct layout *L, const struct briefing_input *in)
{
    static const struct layout_column cols[5] = {
        { "번호", LAYOUT_COL_CONTENT, 0, LAYOUT_RIGHT },
        { "매체", LAYOUT_COL_CONTENT, 0, LAYOUT_LEFT },
        { "날짜", LAYOUT_COL_CONTENT, 0, LAYOUT_LEFT },
        { "제목", LAYOUT_COL_PROPORTIONAL, 1, LAYOUT_LEFT },
        { "문장 수", LAYOUT_COL_CONTENT, 0, LAYOUT_RIGHT },
    };
    size_t n = in->n_articles;
    const char **cells = xcalloc(n * 5 + 1, sizeof *cells);
    char (*nums)[2][24] = xcalloc(n + 1, sizeof *nums);
    /* Titles link to their article further down. */
    struct layout_cell *rich = xcalloc(n * 5 + 1, sizeof *rich);
    struct layout_span *title_spans = xcalloc(n + 1, sizeof *title_spans);
    char (*anchors)[32] = xcalloc(n + 1, sizeof *anchors);
    for (size_t i = 0; i < n; i++) {
        const struct briefing_article *a = &in->articles[i];
        snprintf(nums[i][0], sizeof nums[i][0], "%zu", i + 1);
        snprintf(nums[i][1], sizeof nums[i][1], "%zu", a->n_sentences);
        cells[i * 5 + 0] = nums[i][0];
        cells[i * 5 + 1] = a->publisher;
        cells[i * 5 + 2] = a->published_at;
        cells[i * 5 + 3] = a->title;
        cells[i * 5 + 4] = nums[i][1];
        snprintf(anchors[i], sizeof anchors[i], "#article-%zu", i + 1);
        title_spans[i] = (struct layout_span){ nonempty(a->title) ? a->title : "", NULL,
                                               anchors[i] };
        rich[i * 5 + 3] = (struct layout_cell){ &title_spans[i], 1 };
    }
    struct layout_table t = { .cols = cols, .ncols = 5, .cells = cells, .nrows = n, .zebra = 1,
                              .rich = rich };
    layout_table(L, &t);
    free(cells);
    free(nums);
    free(rich);
    free(title_spans);
    free(anchors);
}

static void article_section(struct layout *L, const struct briefing_article *a, size_t index)
{
    layout_set_source(L, a->source_file, 0);
    struct buf h = BUF_INIT;
    buf_printf(&h, "article-%zu", index + 1);
    layout_anchor(L, h.data);
    buf_clear(&h);
    buf_printf(&h, "%zu. %s", index + 1, nonempty(a->title) ? a->title : "(제목 없음)");
    layout_heading(L, h.data, &st_h2, 1);
    buf_clear(&h);
    buf_puts(&h, nonempty(a->publisher) ? a->publisher : "");
    if (nonempty(a->published_at))
        buf_printf(&h, "%s%s", h.len ? " · " : "", a->published_at);
    if (nonempty(a->author))
        buf_printf(&h, "%s%s", h.len ? " · " : "", a->author);
    if (h.len)
        layout_paragraph(L, h.data, &st_meta_article);
    for (size_t i = 0; i < a->n_paragraphs; i++)
        if (nonempty(a->paragraphs[i]))
            layout_paragraph(L, a->paragraphs[i], &st_body);
    if (nonempty(a->url)) {
        struct layout_span spans[2] = {
            { "원문: ", &st_source, NULL },
            { a->url, &st_link, a->url },
        };
        layout_paragraph_spans(L, spans, 2, &st_source);
    }
    buf_free(&h);
}

enum exp_status briefing_write(FILE *out, const struct briefing_input *in, struct diag *d)
{
    struct font_config fc;
    memset(&fc, 0, sizeof fc);
    fc.project_dir = in->font_dir;
    struct font_set *fs = NULL;
    enum exp_status rc = font_set_new(&fc, d, &fs);
    if (rc != EXP_OK)
        return rc;
    const char *title = nonempty(in->title) ? in->title : "브리핑";
    struct layout_page_setup ps;
    if (in->letter)
        layout_page_setup_letter(&ps);
    else
        layout_page_setup_a4(&ps);
    ps.header_left = title;
    ps.header_right = in->generated_at;
    struct layout *L = layout_new(&ps, fs, d);

    layout_heading(L, title, &st_title, 0);
    struct buf meta = BUF_INIT;
    buf_printf(&meta, "기사 %zu건 · 매체 %zu곳", in->n_articles, count_publishers(in));
    if (nonempty(in->generated_at))
        buf_printf(&meta, " · 생성 %s", in->generated_at);
    layout_paragraph(L, meta.data, &st_meta);
    buf_free(&meta);
    layout_vspace(L, 4);
    layout_rule(L, 0.8f, NAVY);

    layout_heading(L, "기사 목록", &st_h1, 0);
    article_table(L, in);
    layout_heading(L, "기사 본문", &st_h1, 0);
    for (size_t i = 0; i < in->n_articles; i++)
        article_section(L, &in->articles[i], i);
    layout_finish(L);

    struct pdf_out_info info = { title, NULL, "기사 브리핑", "브리핑, 기사", "exporter",
                                 pdf_out_source_date_epoch() };
    rc = pdf_out_write(L, &info, out, NULL, d);
    layout_free(L);
    font_set_free(fs);
    return rc;
}

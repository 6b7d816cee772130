/* briefing.c — see briefing.h. The sections are functions named for them, called in the
 * template's order; citation numbers are the articles' places in the (sorted) article set. */
#include "report/briefing.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "util/buf.h"
#include "report/chart.h"
#include "report/line_chart.h"
#include "util/version.h"
#include "typeset/font.h"
#include "typeset/layout.h"
#include "util/date.h"
#include "typeset/pdf_out.h"

#define INK 0x1F2328
#define NAVY 0x0F2740
#define GREY 0x5B6470
#define QUOTE 0x374151
#define LINK 0x1D4ED8
#define MARK 0xB42318
#define BAR_TOTAL 0x2F5D8C
#define BAR_ACTIVE 0x8FB3D9

/* ---- Styles ---- */

struct styles {
    struct layout_text_style title, subtitle, meta, h1, h2, h3, body, bullet, cite, cite_inline,
        quote,
        note, mark, fig_label, source, source_link, bold;
};

static void styles_init(struct styles *s, float body)
{
    memset(s, 0, sizeof *s);
    s->title = (struct layout_text_style){ .font = FONT_SANS_BOLD, .size = body * 2.1f,
        .leading = 1.3f, .color = NAVY, .align = LAYOUT_LEFT, .space_after = 2 };
    s->subtitle = (struct layout_text_style){ .font = FONT_SANS, .size = body * 1.1f,
        .leading = 1.5f, .color = INK, .align = LAYOUT_LEFT, .space_after = 6 };
    s->meta = (struct layout_text_style){ .font = FONT_SANS, .size = body * 0.9f,
        .leading = 1.55f, .color = GREY, .align = LAYOUT_LEFT };
    s->h1 = (struct layout_text_style){ .font = FONT_SANS_BOLD, .size = body * 1.4f,
        .leading = 1.35f, .color = NAVY, .align = LAYOUT_LEFT, .space_before = 20,
        .space_after = 6 };
    s->h2 = (struct layout_text_style){ .font = FONT_SANS_BOLD, .size = body * 1.2f,
        .leading = 1.4f, .color = INK, .align = LAYOUT_LEFT, .space_before = 16,
        .space_after = 4 };
    s->h3 = (struct layout_text_style){ .font = FONT_SANS_BOLD, .size = body * 0.9f,
        .leading = 1.4f, .color = GREY, .align = LAYOUT_LEFT, .space_before = 8,
        .space_after = 2 };
    s->body = (struct layout_text_style){ .font = FONT_SANS, .size = body, .leading = 1.6f,
        .color = INK, .align = LAYOUT_JUSTIFY, .space_after = 4 };
    s->bullet = s->body;
    s->bullet.align = LAYOUT_LEFT;   /* figures and brackets make justified gaps uneven */
    s->bullet.indent = -11;
    s->bullet.inset = 11;
    s->bullet.space_after = 5;
    s->cite = (struct layout_text_style){ .font = FONT_SANS, .size = body * 0.65f,
        .leading = 1.6f, .color = LINK, .rise = body * 0.35f };
    s->cite_inline = (struct layout_text_style){ .font = FONT_SANS, .size = 8.2f,
        .leading = 1.45f, .color = LINK };
    s->quote = (struct layout_text_style){ .font = FONT_SANS, .size = body * 0.92f,
        .leading = 1.6f, .color = QUOTE, .align = LAYOUT_JUSTIFY, .space_after = 4,
        .indent = -9, .inset = 20 };
    s->note = (struct layout_text_style){ .font = FONT_SANS, .size = body * 0.78f,
        .leading = 1.5f, .color = GREY, .align = LAYOUT_LEFT, .space_after = 1, .indent = -8,
        .inset = 8 };
    s->mark = (struct layout_text_style){ .font = FONT_SANS_BOLD, .size = body * 0.7f,
        .leading = 1.5f, .color = MARK, .rise = body * 0.3f };
    s->fig_label = (struct layout_text_style){ .font = FONT_SANS_BOLD, .size = body * 0.85f,
        .leading = 1.5f, .color = INK, .align = LAYOUT_LEFT };
    s->source = (struct layout_text_style){ .font = FONT_SANS, .size = body * 0.88f,
        .leading = 1.5f, .color = INK, .align = LAYOUT_LEFT, .space_after = 1, .indent = -20,
        .inset = 20 };
    s->source_link = (struct layout_text_style){ .font = FONT_SANS, .size = body * 0.8f,
        .leading = 1.5f, .color = LINK, .align = LAYOUT_LEFT, .space_after = 6, .inset = 20 };
    s->bold = (struct layout_text_style){ .font = FONT_SANS_BOLD, .size = body * 0.88f,
        .leading = 1.5f, .color = INK };
}

/* ---- Spans ---- */

static int nonempty(const char *s)
{
    return s && *s;
}

struct render {
    struct layout *L;
    struct styles st;
    const char *continued;   /* over a table's repeated header on the next page */
};

/* The layout spans of a model text; strong is the style of MODEL_SPAN_STRONG and LINK text in
 * this context (a table's row name, a source's title). Borrowed pointers: free the array. */
static struct layout_span *spans_of(const struct render *R, const struct model_text *t,
                                    const struct layout_text_style *strong,
                                    const struct layout_span *lead, size_t *n)
{
    struct layout_span *v = xcalloc(t->n + 2, sizeof *v);
    size_t k = 0;
    if (lead)
        v[k++] = *lead;
    for (size_t i = 0; i < t->n; i++) {
        const struct model_span *sp = &t->v[i];
        const struct layout_text_style *st = NULL;
        switch (sp->kind) {
        case MODEL_SPAN_TEXT: break;
        case MODEL_SPAN_STRONG: st = strong; break;
        case MODEL_SPAN_LINK: st = strong; break;
        case MODEL_SPAN_CITE: st = &R->st.cite; break;
        case MODEL_SPAN_MARK: st = &R->st.mark; break;
        }
        v[k++] = (struct layout_span){ sp->text, st, sp->target,
                                       sp->kind == MODEL_SPAN_CITE ? LAYOUT_ROLE_REFERENCE
                                                                   : LAYOUT_ROLE_NONE };
    }
    *n = k;
    return v;
}

static void paragraph(const struct render *R, const struct model_text *t,
                      const struct layout_text_style *st, const struct layout_text_style *strong,
                      const struct layout_span *lead)
{
    size_t n;
    struct layout_span *v = spans_of(R, t, strong, lead, &n);
    layout_paragraph_spans(R->L, v, n, st);
    free(v);
}

/* Whether blocks[k], a paragraph, introduces what follows: it comes right after a heading and
 * right before a heading, table or chart of the same section. Such a paragraph is kept on the
 * page of that block's start, so a heading and its introduction never end a page alone. */
static int introduces_next(const struct model_block *blocks, size_t n, size_t k)
{
    if (blocks[k].kind != MODEL_PARAGRAPH || k == 0 || k + 1 >= n
        || blocks[k - 1].kind != MODEL_HEADING)
        return 0;
    enum model_block_kind next = blocks[k + 1].kind;
    return next == MODEL_HEADING || next == MODEL_TABLE || next == MODEL_CHART ||
           next == MODEL_LINES;
}

/* ---- Blocks ---- */

static void render_heading(const struct render *R, const struct model_block *b)
{
    const struct layout_text_style *st = b->level == 0   ? &R->st.title
                                         : b->level == 1 ? &R->st.h1
                                         : b->level == 2 ? &R->st.h2
                                                         : &R->st.h3;
    if (b->anchor)
        layout_anchor(R->L, b->anchor[0] == '#' ? b->anchor + 1 : b->anchor);
    struct buf t = BUF_INIT;
    model_text_plain(&b->text, &t);
    if (b->level == 1 || b->level == 2)   /* the running header names what the page is about */
        layout_running_section(R->L, t.data);
    layout_heading(R->L, t.data ? t.data : "", st, b->outline);
    buf_free(&t);
}

static void render_paragraph(const struct render *R, const struct model_block *b, int keep)
{
    const struct layout_text_style *st = b->style == MODEL_STYLE_LEAD   ? &R->st.subtitle
                                         : b->style == MODEL_STYLE_META ? &R->st.meta
                                         : b->style == MODEL_STYLE_NOTE ? &R->st.note
                                                                        : &R->st.body;
    struct layout_text_style left = *st;
    if (b->style == MODEL_STYLE_LIST)   /* names and marks make justified gaps uneven */
        left.align = LAYOUT_LEFT;
    if (b->style == MODEL_STYLE_NOTE) {   /* a note under a figure has no hanging mark */
        left.indent = 0;
        left.inset = 0;
    }
    if (b->anchor)
        layout_anchor(R->L, b->anchor[0] == '#' ? b->anchor + 1 : b->anchor);
    if (keep) {
        size_t n;
        struct layout_span *v = spans_of(R, &b->text, &R->st.bold, NULL, &n);
        layout_paragraph_keep(R->L, v, n, &left);
        free(v);
        return;
    }
    paragraph(R, &b->text, &left, &R->st.bold, NULL);
}

static void render_bullets(const struct render *R, const struct model_block *b)
{
    /* the bullet hangs: continuation lines start under the text, not under the bullet */
    static const char mark[] = "•\xC2\xA0\xC2\xA0";
    struct layout_text_style item = R->st.bullet;
    item.inset = layout_measure_text(R->L, mark, &item);
    item.indent = -item.inset;
    const struct layout_span lead = { mark, NULL, NULL, LAYOUT_ROLE_LBL };
    layout_begin_struct(R->L, LAYOUT_ROLE_L, NULL);
    for (size_t i = 0; i < b->n_items; i++)
        paragraph(R, &b->items[i].text, &item, &R->st.bold, &lead);
    layout_end_struct(R->L);
}

static void render_quotes(const struct render *R, const struct model_block *b)
{
    for (size_t i = 0; i < b->n_items; i++) {
        layout_begin_struct(R->L, LAYOUT_ROLE_BLOCKQUOTE, NULL);
        paragraph(R, &b->items[i].text, &R->st.quote, &R->st.bold, NULL);
        layout_end_struct(R->L);
    }
}

static void render_notes(const struct render *R, const struct model_block *b)
{
    for (size_t i = 0; i < b->n_items; i++) {
        const struct model_item *it = &b->items[i];
        if (it->anchor)
            layout_anchor(R->L, it->anchor);
        struct buf lead = BUF_INIT;
        buf_printf(&lead, "%s\xC2\xA0", it->label ? it->label : "");
        const struct layout_span l = { lead.data, &R->st.mark, NULL, LAYOUT_ROLE_LBL };
        layout_begin_struct(R->L, LAYOUT_ROLE_NOTE, NULL);
        paragraph(R, &it->text, &R->st.note, &R->st.bold, &l);
        layout_end_struct(R->L);
        buf_free(&lead);
    }
}

static void render_sources(const struct render *R, const struct model_block *b)
{
    /* the hanging indent fits the widest label, "[200] " as well as "[5] " */
    float inset = 0;
    for (size_t i = 0; i < b->n_items; i++) {
        struct buf w = BUF_INIT;
        buf_printf(&w, "%s\xC2\xA0\xC2\xA0", b->items[i].label ? b->items[i].label : "");
        float x = layout_measure_text(R->L, w.data, &R->st.bold);
        inset = x > inset ? x : inset;
        buf_free(&w);
    }
    struct layout_text_style entry = R->st.source, link = R->st.source_link;
    entry.inset = link.inset = inset;
    entry.indent = -entry.inset;
    for (size_t i = 0; i < b->n_items; i++) {
        const struct model_item *it = &b->items[i];
        layout_set_source(R->L, it->origin, 0);
        if (it->anchor)
            layout_anchor(R->L, it->anchor);
        struct buf lead = BUF_INIT;
        buf_printf(&lead, "%s\xC2\xA0", it->label ? it->label : "");
        const struct layout_span l = { lead.data, &R->st.bold, NULL, LAYOUT_ROLE_LBL };
        paragraph(R, &it->text, &entry, &R->st.bold, &l);
        buf_free(&lead);
        if (it->url) {
            const struct layout_span u = { it->url, NULL, it->url, LAYOUT_ROLE_NONE };
            layout_paragraph_spans(R->L, &u, 1, &link);
        }
    }
    layout_set_source(R->L, NULL, 0);
}

static void render_table(const struct render *R, const struct model_block *b)
{
    const struct model_table *t = b->table;
    int key_value = t->ncols && t->cols[0].kind == MODEL_COL_LABEL;
    struct layout_column *cols = xcalloc(t->ncols + 1, sizeof *cols);
    for (size_t c = 0; c < t->ncols; c++) {
        const struct model_column *mc = &t->cols[c];
        cols[c] = (struct layout_column){ mc->header, LAYOUT_COL_CONTENT, 0, LAYOUT_LEFT };
        if (mc->kind == MODEL_COL_NUMBER)
            cols[c].align = LAYOUT_RIGHT;
        else if (mc->kind == MODEL_COL_LIST) {
            cols[c].width_kind = LAYOUT_COL_PROPORTIONAL;
            cols[c].width = mc->weight > 0 ? mc->weight : 1;
        } else if (mc->kind == MODEL_COL_LABEL) {
            cols[c].width_kind = LAYOUT_COL_FIXED;
            cols[c].width = 110;
        }
    }
    size_t ncells = t->ncols * t->nrows;
    struct layout_cell *rich = xcalloc(ncells + 1, sizeof *rich);
    for (size_t k = 0; k < ncells; k++) {
        size_t n;
        int row_head = t->row_headers && k % t->ncols == 0;
        struct layout_span *v = spans_of(R, &t->cells[k].text, &R->st.fig_label, NULL, &n);
        int only_cites = n > 0;
        for (size_t i = 0; i < t->cells[k].text.n; i++)
            only_cites &= t->cells[k].text.v[i].kind == MODEL_SPAN_CITE;
        for (size_t i = 0; i < n; i++) {
            if (row_head)   /* the row's name is set like a label */
                v[i].style = v[i].style ? v[i].style : &R->st.fig_label;
            if (only_cites)   /* a column of source numbers: on the line, not raised */
                v[i].style = &R->st.cite_inline;
        }
        rich[k] = (struct layout_cell){ v, n };
    }
    static const struct layout_text_style kv_body = { .font = FONT_SANS, .size = 8.8f,
        .leading = 1.45f, .color = INK, .align = LAYOUT_LEFT };
    static const struct layout_text_style body = { .font = FONT_SANS, .size = 8.2f,
        .leading = 1.45f, .color = INK, .align = LAYOUT_LEFT };
    static const struct layout_text_style head = { .font = FONT_SANS_BOLD, .size = 8.2f,
        .leading = 1.4f, .color = NAVY, .align = LAYOUT_LEFT };
    struct layout_table lt = { .cols = cols, .ncols = t->ncols, .nrows = t->nrows,
                               .body = key_value ? &kv_body : &body, .head = &head, .zebra = 1,
                               .rich = rich, .row_headers = t->row_headers,
                               .continued = R->continued };
    if (b->anchor)
        layout_anchor(R->L, b->anchor[0] == '#' ? b->anchor + 1 : b->anchor);
    layout_table(R->L, &lt);
    for (size_t k = 0; k < ncells; k++)
        free((void *)rich[k].spans);
    free(rich);
    free(cols);
}

static void render_chart(const struct render *R, const struct model_block *b)
{
    static const uint32_t colors[MODEL_MAX_SERIES] = { BAR_TOTAL, BAR_ACTIVE, 0xC2773A,
                                                       0x6B8E4E };
    const struct model_chart *mc = b->chart;
    struct chart_series series[MODEL_MAX_SERIES];
    size_t ns = mc->n_series;
    if (ns > CHART_MAX_SERIES)
        ns = CHART_MAX_SERIES;
    for (size_t s = 0; s < ns; s++)
        series[s] = (struct chart_series){ mc->series[s], colors[s] };
    struct chart_group *groups = xcalloc(mc->n_groups + 1, sizeof *groups);
    for (size_t g = 0; g < mc->n_groups; g++) {
        groups[g].label = mc->groups[g].label;
        groups[g].link = mc->groups[g].target;
        for (size_t s = 0; s < ns; s++) {
            const struct model_bar *bar = &mc->groups[g].bars[s];
            groups[g].texts[s] = bar->present ? bar->text : NULL;
            groups[g].values[s] = bar->value;
        }
    }
    struct chart ch = { series, ns, groups, mc->n_groups, mc->axis_label, mc->missing_label };
    layout_vspace(R->L, 2);
    layout_begin_struct(R->L, LAYOUT_ROLE_FIGURE, mc->alt);
    chart_draw_bars(R->L, &ch);
    layout_end_struct(R->L);
    layout_vspace(R->L, 4);
    free(groups);
}

/* A line chart (the weekly trend) as one Figure with the model's alternative text. */
static void render_lines(const struct render *R, const struct model_block *b)
{
    static const uint32_t colors[MODEL_MAX_LINES] = { BAR_TOTAL, 0xC2773A, 0x4E7D3A, 0xA23B45,
                                                      0x6B4C9A, 0x2A7F87 };
    layout_vspace(R->L, 2);
    layout_begin_struct(R->L, LAYOUT_ROLE_FIGURE, b->lines->alt);
    line_chart_draw(R->L, b->lines, colors);
    layout_end_struct(R->L);
    layout_vspace(R->L, 4);
}

static void render_block(const struct render *R, const struct model_block *blocks, size_t n,
                         size_t k)
{
    const struct model_block *b = &blocks[k];
    switch (b->kind) {
    case MODEL_HEADING: render_heading(R, b); break;
    case MODEL_PARAGRAPH: render_paragraph(R, b, introduces_next(blocks, n, k)); break;
    case MODEL_BULLETS: render_bullets(R, b); break;
    case MODEL_QUOTES: render_quotes(R, b); break;
    case MODEL_NOTES: render_notes(R, b); break;
    case MODEL_TABLE: render_table(R, b); break;
    case MODEL_CHART: render_chart(R, b); break;
    case MODEL_LINES: render_lines(R, b); break;
    case MODEL_SOURCES: render_sources(R, b); break;
    case MODEL_RULE:
        layout_vspace(R->L, 6);
        layout_rule(R->L, 1.2f, NAVY);
        break;
    }
}

/* ---- Period and time ---- */

/* The Korean day an article was published on; 0 and *day, or -1 without a usable date. */
void briefing_resolve_period(const struct briefing_input *in, struct model_period *out)
{
    const struct date_period *p = in->period;
    memset(out, 0, sizeof *out);
    if (p && p->is_week) {
        out->is_week = 1;
        date_format_week(p->week, out->week);
        date_format_day(p->since, out->first);
        date_format_day(p->until, out->last);
        return;
    }
    /* The articles' first and last day, narrowed to the period's bounds where it has them. */
    struct corpus_summary own = { 0 };
    const struct corpus_summary *corpus = in->corpus;
    if (!corpus)
        corpus_summary_of_set(&own, in->set);
    long lo = (corpus ? corpus : &own)->first_day, hi = (corpus ? corpus : &own)->last_day;
    if (!corpus)
        corpus_summary_free(&own);
    if (p && p->since != DATE_OPEN_START)
        lo = p->since;
    if (p && p->until != DATE_OPEN_END)
        hi = p->until;
    if (lo == DATE_OPEN_END && hi == DATE_OPEN_START)
        return;
    if (lo == DATE_OPEN_END)
        lo = hi;
    if (hi == DATE_OPEN_START)
        hi = lo;
    date_format_day(lo, out->first);
    date_format_day(hi, out->last);
}

void briefing_as_of(const struct corpus_summary *corpus, long long *epoch, int *is_generation)
{
    long long t = pdf_out_source_date_epoch();
    *is_generation = t >= 0;
    /* else the newest article's instant, compared as instants (zones may differ) */
    if (t < 0 && corpus && corpus->newest > t)
        t = corpus->newest;
    *epoch = t;
}

/* ---- Writing ---- */

/* A template font name: a fontconfig pattern, a file, or a bare family whose name ends in
 * "Bold" as Nanum's files are named ("NanumGothicBold" → "NanumGothic:bold"). */
static char *font_spec(const char *name)
{
    if (!nonempty(name))
        return NULL;
    size_t n = strlen(name);
    if (!strchr(name, ':') && !strchr(name, '/') && n > 4 && !strcmp(name + n - 4, "Bold")) {
        struct buf b = BUF_INIT;
        buf_append(&b, name, n - 4);
        buf_puts(&b, ":bold");
        return buf_detach(&b);
    }
    return xstrdup(name);
}

/* The template's page size, orientation and margins. */
static void page_setup(const struct template *tpl, struct layout_page_setup *ps, struct diag *d)
{
    const struct template_layout *ly = &tpl->layout;
    layout_page_setup_a4(ps);
    if (nonempty(ly->page_size)) {
        /* ISO and US sizes the template format names (templates/README.md) */
        static const struct { const char *name; float w, h; } sizes[] = {
            { "A4", 210, 297 }, { "A5", 148, 210 }, { "B5", 176, 250 },
            { "Letter", 215.9f, 279.4f }, { "Legal", 215.9f, 355.6f },
        };
        size_t k;
        for (k = 0; k < sizeof sizes / sizeof sizes[0]; k++)
            if (!strcasecmp(ly->page_size, sizes[k].name))
                break;
        if (k == sizeof sizes / sizeof sizes[0])
            diag_warning(d, tpl->path, 0, 0, "layout.page_size: unknown size '%s'; using A4",
                         ly->page_size);
        else if (!strcasecmp(sizes[k].name, "Letter"))
            layout_page_setup_letter(ps);
        else {
            ps->width = LAYOUT_MM(sizes[k].w);
            ps->height = LAYOUT_MM(sizes[k].h);
        }
    }
    if (nonempty(ly->orientation) && !strcasecmp(ly->orientation, "landscape")) {
        float w = ps->width;
        ps->width = ps->height;
        ps->height = w;
    }
    if (ly->margin_mm) {
        ps->margin_left = ps->margin_right = LAYOUT_MM(ly->margin_mm);
        ps->margin_top = ps->margin_bottom = LAYOUT_MM(ly->margin_mm + 4);
    }
}

enum exp_status briefing_render(FILE *out, const struct model_doc *doc,
                                const struct template *tpl, const char *font_dir,
                                struct diag *d)
{
    const struct template_layout *ly = &tpl->layout;
    struct font_config fc;
    memset(&fc, 0, sizeof fc);
    fc.project_dir = font_dir;
    char *body_spec = font_spec(ly->font_body), *head_spec = font_spec(ly->font_heading);
    fc.spec[FONT_SANS] = body_spec;
    fc.spec[FONT_SANS_BOLD] = head_spec;
    struct font_set *fs = NULL;
    enum exp_status rc = font_set_new(&fc, d, &fs);
    free(body_spec);
    free(head_spec);
    if (rc != EXP_OK)
        return rc;
    struct layout_page_setup ps;
    page_setup(tpl, &ps, d);
    ps.header_left = doc->title;
    ps.header_right = doc->header_right;
    ps.page_numbers = 1;
    struct render R = { 0 };
    R.L = layout_new(&ps, fs, d);
    styles_init(&R.st, ly->font_size_pt ? (float)ly->font_size_pt : 10);
    R.continued = template_word(tpl, "table_continued");
    for (size_t s = 0; s < doc->n_sections; s++) {
        layout_begin_struct(R.L, LAYOUT_ROLE_SECT, NULL);
        for (size_t k = 0; k < doc->sections[s].n_blocks; k++)
            render_block(&R, doc->sections[s].blocks, doc->sections[s].n_blocks, k);
        layout_end_struct(R.L);
    }
    layout_finish(R.L);
    struct pdf_out_info info = { doc->title, NULL, doc->subject, doc->keywords,
                                 "exporter " EXPORTER_VERSION, doc->epoch, NULL };
    rc = pdf_out_write(R.L, &info, out, NULL, d);
    layout_free(R.L);
    font_set_free(fs);
    return rc;
}

enum exp_status briefing_write(FILE *out, const struct briefing_input *in, struct diag *d)
{
    struct model_period period;
    briefing_resolve_period(in, &period);
    long long epoch;
    int generated;
    struct corpus_summary own = { 0 };
    if (!in->corpus)
        corpus_summary_of_set(&own, in->set);
    briefing_as_of(in->corpus ? in->corpus : &own, &epoch, &generated);
    if (!in->corpus)
        corpus_summary_free(&own);
    struct model_input mi = { .set = in->set, .corpus = in->corpus, .tpl = in->tpl,
                              .table = in->table,
                              .quotes = in->quotes, .period = &period, .as_of = epoch,
                              .as_of_is_generation = generated, .version = EXPORTER_VERSION,
                              .more_sections = in->more_sections,
                              .more_sections_arg = in->more_sections_arg };
    struct model_doc doc;
    model_build(&mi, &doc);
    enum exp_status rc = briefing_render(out, &doc, in->tpl, in->font_dir, d);
    model_free(&doc);
    return rc;
}

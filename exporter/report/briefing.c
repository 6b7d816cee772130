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
#include "cli/cli.h"
#include "typeset/font.h"
#include "typeset/layout.h"
#include "util/date.h"
#include "typeset/pdf_out.h"
#include "report/summary.h"

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
    struct layout_text_style title, subtitle, meta, h1, h2, h3, body, bullet, cite, quote,
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

/* ---- Spans with owned strings ---- */

struct spans {
    struct layout_span *v;
    size_t n, cap;
    char **own;
    size_t n_own, own_cap;
};

static const char *own(struct spans *s, const char *text)
{
    if (!text)
        return NULL;
    xgrow(&s->own, &s->own_cap, s->n_own + 1, sizeof *s->own);
    return s->own[s->n_own++] = xstrdup(text);
}

static void span(struct spans *s, const char *text, const struct layout_text_style *st,
                 const char *uri)
{
    xgrow(&s->v, &s->cap, s->n + 1, sizeof *s->v);
    s->v[s->n++] = (struct layout_span){ own(s, text), st, own(s, uri), LAYOUT_ROLE_NONE };
}

static void spans_free(struct spans *s)
{
    for (size_t i = 0; i < s->n_own; i++)
        free(s->own[i]);
    free(s->own);
    free(s->v);
    memset(s, 0, sizeof *s);
}

static void spans_paragraph(struct layout *L, struct spans *s, const struct layout_text_style *st)
{
    layout_paragraph_spans(L, s->v, s->n, st);
    spans_free(s);
}

/* ---- The document ---- */

struct id_no;

struct doc {
    const struct briefing_input *in;
    const struct template *tpl;
    const struct table *t;
    struct layout *L;
    struct styles st;
    const char **order;          /* article ids in citation order */
    struct id_no *by_id;         /* the same, sorted by id, with their numbers */
    size_t n_articles;
    char period[160];
    char today[11];
    char generated[40];
    struct diag *d;
};

static int nonempty(const char *s)
{
    return s && *s;
}

struct id_no {
    const char *id;
    size_t no;
};

static int id_no_cmp(const void *a, const void *b)
{
    return strcmp(((const struct id_no *)a)->id, ((const struct id_no *)b)->id);
}

/* Source number (1-based) of an article id; 0 when the id is not in the set. A binary search
 * in the id-sorted index, so citing stays cheap on a large week. */
static size_t source_no(const struct doc *D, const char *id)
{
    struct id_no key = { id, 0 };
    const struct id_no *hit = D->n_articles ? bsearch(&key, D->by_id, D->n_articles,
                                                      sizeof *D->by_id, id_no_cmp)
                                            : NULL;
    return hit ? hit->no : 0;
}

/* " [2][5]": superscript markers linking to the sources, in number order. */
static void cites(const struct doc *D, struct spans *s, const char *const *ids, size_t n)
{
    size_t nums[SUMMARY_MAX_CITES + TABLE_MAX_CITATIONS];
    size_t k = 0;
    for (size_t i = 0; i < n && k < sizeof nums / sizeof nums[0]; i++) {
        size_t no = source_no(D, ids[i]);
        int dup = !no;
        for (size_t j = 0; j < k && !dup; j++)
            dup = nums[j] == no;
        if (!dup)
            nums[k++] = no;
    }
    for (size_t i = 1; i < k; i++)
        for (size_t j = i; j > 0 && nums[j - 1] > nums[j]; j--) {
            size_t tmp = nums[j];
            nums[j] = nums[j - 1];
            nums[j - 1] = tmp;
        }
    for (size_t i = 0; i < k; i++) {
        char mark[24], uri[32];
        snprintf(mark, sizeof mark, "[%zu]", nums[i]);
        snprintf(uri, sizeof uri, "#src-%zu", nums[i]);
        span(s, mark, &D->st.cite, uri);
    }
}

/* The citations of one table value (its first few articles). */
static void cite_value(const struct doc *D, struct spans *s, const struct table_value *v,
                       size_t max)
{
    const char *ids[TABLE_MAX_CITATIONS];
    size_t n = 0;
    for (size_t i = 0; i < v->n_citations && n < max && n < TABLE_MAX_CITATIONS; i++) {
        int dup = 0;
        for (size_t j = 0; j < n && !dup; j++)
            dup = !strcmp(ids[j], v->citations[i].article_id);
        if (!dup)
            ids[n++] = v->citations[i].article_id;
    }
    cites(D, s, ids, n);
}

static void put_value(const struct template_column *c, const char *value, struct buf *b)
{
    if (c->type == TEMPLATE_COL_DATE)
        summary_format_date(value, b);
    else if (c->type == TEMPLATE_COL_QUANTITY)
        summary_format_value(value, c->unit_label, b);
    else
        buf_puts(b, value);
}

/* A figure as the table holds it, then as a reader says it when that differs:
 * "62.8 (628억 원)" under a label in 십억 원; "500B" stays "500B". */
static void put_figure(const struct template_column *c, const char *value, struct buf *b)
{
    struct buf said = BUF_INIT;
    put_value(c, value, &said);
    size_t n = strlen(value);
    char next = strncmp(said.data, value, n) ? '0' : said.data[n];
    if (c->type == TEMPLATE_COL_QUANTITY && ((next >= '0' && next <= '9') || next == ','))
        buf_printf(b, "%s (%s)", value, said.data);
    else
        buf_puts(b, said.data);
    buf_free(&said);
}

/* A disagreeing cell as "500B(기사 4건)[1][2] vs 519B(기사 1건)[3]": the value the table
 * chose first, each value followed by its article count and citations. */
static void span_conflict(const struct doc *D, struct spans *s, const struct template_column *c,
                          const struct table_cell *ce)
{
    int first = 1;
    for (size_t k = 0; k < ce->n_values; k++) {
        const struct table_value *v = &ce->values[k];
        if (!v->conflicting)
            continue;
        struct buf t = BUF_INIT;
        buf_puts(&t, first ? "" : " vs ");
        put_value(c, v->value, &t);
        buf_printf(&t, "(기사 %zu건)", v->n_articles);
        span(s, t.data, NULL, NULL);
        cite_value(D, s, v, 3);
        buf_free(&t);
        first = 0;
    }
}

static const char *entity_anchor(const struct template_entity *e, char *out, size_t n)
{
    snprintf(out, n, "#ent-%s", e->id);
    return out;
}

/* ---- Title block ---- */

static size_t count_publishers(const struct article_set *set)
{
    size_t n = 0;
    for (size_t i = 0; i < set->count; i++) {
        const char *p = set->items[i].publisher;
        if (!nonempty(p))
            continue;
        size_t k;
        for (k = 0; k < i; k++)
            if (nonempty(set->items[k].publisher) && !strcmp(set->items[k].publisher, p))
                break;
        n += k == i;
    }
    return n;
}

static void section_title(struct doc *D)
{
    const struct template_layout *ly = &D->tpl->layout;
    const char *title = nonempty(ly->title) ? ly->title : nonempty(D->tpl->title) ? D->tpl->title
                                                                                  : "브리핑";
    layout_heading(D->L, title, &D->st.title, 0);
    if (nonempty(ly->subtitle))
        layout_paragraph(D->L, ly->subtitle, &D->st.subtitle);
    struct buf b = BUF_INIT;
    buf_printf(&b, "대상 기간  %s", D->period);
    layout_paragraph(D->L, b.data, &D->st.meta);
    buf_clear(&b);
    size_t orgs = 0;
    for (size_t r = 0; r < D->t->n_rows; r++)
        orgs += !D->t->rows[r].e->topic;
    buf_printf(&b, "수집 기사  %zu건 · 매체 %zu곳 · 비교 대상 %zu곳", D->in->set->count,
               count_publishers(D->in->set), orgs);
    layout_paragraph(D->L, b.data, &D->st.meta);
    buf_clear(&b);
    buf_printf(&b, "생성 시각  %s · exporter %s · 템플릿 %s", D->generated, EXPORTER_VERSION,
               nonempty(D->tpl->id) ? D->tpl->id : "-");
    layout_paragraph(D->L, b.data, &D->st.meta);
    buf_free(&b);
    layout_vspace(D->L, 6);
    layout_rule(D->L, 1.2f, NAVY);
}

/* ---- Summary ---- */

static void section_summary(struct doc *D)
{
    layout_heading(D->L, "요약", &D->st.h1, 0);
    struct summary s = { 0 };
    summary_bullets(D->t, NULL, D->today, &s);
    if (!s.count)
        layout_paragraph(D->L, "요약할 수치가 기사에 없다.", &D->st.body);
    /* the bullet hangs: continuation lines start under the text, not under the bullet */
    static const char mark[] = "•\xC2\xA0\xC2\xA0";
    struct layout_text_style item = D->st.bullet;
    item.inset = layout_measure_text(D->L, mark, &item);
    item.indent = -item.inset;
    for (size_t i = 0; i < s.count; i++) {
        struct spans sp = { 0 };
        span(&sp, mark, NULL, NULL);
        span(&sp, s.items[i].text, NULL, NULL);
        cites(D, &sp, s.items[i].cites, s.items[i].n_cites);
        spans_paragraph(D->L, &sp, &item);
    }
    summary_free(&s);
}

/* ---- Comparison table ---- */

static int is_org_row(const struct table_row *r)
{
    return !r->e->topic;
}

/* "1–5" / "1, 3, 4": the rows' source numbers, runs compressed. */
static void put_source_numbers(const struct doc *D, const struct table_row *r, struct buf *b)
{
    unsigned char *has = xcalloc(D->n_articles + 2, 1);
    for (size_t i = 0; i < r->n_sources; i++) {
        size_t no = source_no(D, r->sources[i]);
        if (no)
            has[no] = 1;
    }
    int first = 1;
    for (size_t i = 1; i <= D->n_articles; i++) {
        if (!has[i])
            continue;
        size_t j = i;
        while (j + 1 <= D->n_articles && has[j + 1])
            j++;
        buf_puts(b, first ? "" : ", ");
        if (j >= i + 2)
            buf_printf(b, "%zu–%zu", i, j);
        else if (j == i + 1)
            buf_printf(b, "%zu, %zu", i, j);
        else
            buf_printf(b, "%zu", i);
        first = 0;
        i = j;
    }
    free(has);
}

/* Whether some organisation's cell in column c holds several values. */
static int multi_valued(const struct table *t, long c)
{
    for (size_t r = 0; r < t->n_rows; r++)
        if (!t->rows[r].e->topic && t->rows[r].cells[c].n_values > 1)
            return 1;
    return 0;
}

static const char *const dagger[] = { "†", "‡", "§", "¶", "††", "‡‡", "§§", "¶¶" };
#define N_DAGGERS (sizeof dagger / sizeof dagger[0])

/* Table columns that are not template columns. */
#define COL_ENTITY (-1)
#define COL_SOURCES (-2)

struct footnote {
    const char *mark;
    char *text;                        /* "SK텔레콤 총 파라미터(B): " */
    const struct template_column *col;
    const struct table_cell *cell;
};

static void section_table(struct doc *D)
{
    const struct template *tpl = D->tpl;
    const struct template_words *tc = &tpl->layout.table_columns;
    layout_heading(D->L, "비교표", &D->st.h1, 0);
    struct spans legend = { 0 };
    int has_sources = 0;
    for (size_t i = 0; i < tc->count; i++)
        has_sources |= !strcmp(tc->items[i], "sources");
    if (has_sources)
        span(&legend, "출처 열의 번호는 맨 뒤 출처 목록의 번호다. ", NULL, NULL);
    span(&legend, "빈 칸은 기사에 없는 값이다. 기사끼리 값이 엇갈리면 더 많은 기사가 보도한 값을 "
                  "싣고 †로 표시해 표 아래에 적었다.", NULL, NULL);
    spans_paragraph(D->L, &legend, &D->st.meta);
    size_t nc = 0;
    struct layout_column *cols = xcalloc(tc->count + 1, sizeof *cols);
    long *colidx = xcalloc(tc->count + 1, sizeof *colidx);
    for (size_t i = 0; i < tc->count; i++) {
        const char *id = tc->items[i];
        long c = template_column_index(tpl, id);
        struct layout_column *lc = &cols[nc];
        lc->width_kind = LAYOUT_COL_CONTENT;
        lc->align = LAYOUT_LEFT;   /* figures right (below); "46시리즈" is a name, not a number */
        if (!strcmp(id, "entity")) {
            lc->header = "기관";
            c = COL_ENTITY;
        } else if (!strcmp(id, "sources")) {
            lc->header = "출처";
            lc->align = LAYOUT_LEFT;
            c = COL_SOURCES;
        } else if (c >= 0) {
            const struct template_column *col = &tpl->columns[c];
            lc->header = col->label;
            /* list columns share what the figures leave, partners (long lists) most */
            if (col->type == TEMPLATE_COL_ORGANISATIONS ||
                (col->type == TEMPLATE_COL_MODELS && !col->flagship)) {
                lc->width_kind = LAYOUT_COL_PROPORTIONAL;
                lc->width = 2.5f;
            } else if (col->type == TEMPLATE_COL_KEYWORDS && multi_valued(D->t, c)) {
                lc->width_kind = LAYOUT_COL_PROPORTIONAL;
                lc->width = 1.5f;
            }
            if (col->type == TEMPLATE_COL_QUANTITY)
                lc->align = LAYOUT_RIGHT;
        } else {
            diag_warning(D->d, tpl->path, 0, 0, "layout.table_columns: unknown column '%s'", id);
            continue;
        }
        colidx[nc++] = c;
    }
    size_t nr = 0;
    for (size_t r = 0; r < D->t->n_rows; r++)
        nr += is_org_row(&D->t->rows[r]);
    struct spans sp = { 0 };
    size_t *first = xcalloc(nr * nc + 1, sizeof *first), *count = xcalloc(nr * nc + 1,
                                                                          sizeof *count);
    struct footnote *notes = xcalloc(nr * nc + 1, sizeof *notes);
    size_t nnotes = 0, row = 0;
    for (size_t r = 0; r < D->t->n_rows; r++) {
        const struct table_row *tr = &D->t->rows[r];
        if (!is_org_row(tr))
            continue;
        for (size_t c = 0; c < nc; c++) {
            size_t k = row * nc + c;
            first[k] = sp.n;
            struct buf b = BUF_INIT;
            if (colidx[c] == COL_ENTITY) {
                char a[96];
                span(&sp, tr->e->name, &D->st.fig_label, entity_anchor(tr->e, a, sizeof a));
            } else if (colidx[c] == COL_SOURCES) {
                put_source_numbers(D, tr, &b);
                span(&sp, b.data, NULL, NULL);
            } else {
                const struct template_column *col = &tpl->columns[colidx[c]];
                const struct table_cell *ce = &tr->cells[colidx[c]];
                if (col->type == TEMPLATE_COL_QUANTITY || col->type == TEMPLATE_COL_DATE ||
                    col->type == TEMPLATE_COL_TEXT) {
                    if (col->type == TEMPLATE_COL_DATE)
                        summary_format_date(ce->text, &b);
                    else
                        buf_puts(&b, ce->text);
                } else {
                    for (size_t v = 0; v < ce->n_values; v++)
                        buf_printf(&b, "%s%s", v ? ", " : "", ce->values[v].value);
                }
                span(&sp, b.len ? b.data : "", NULL, NULL);
                if (ce->conflict && nnotes < N_DAGGERS) {
                    struct footnote *fn = &notes[nnotes++];
                    fn->mark = dagger[nnotes - 1];
                    struct buf t = BUF_INIT;
                    buf_printf(&t, "%s %s: ", tr->e->name, col->label);
                    fn->text = buf_detach(&t);
                    fn->col = col;
                    fn->cell = ce;
                    span(&sp, fn->mark, &D->st.mark, "#conflicts");
                }
            }
            count[k] = sp.n - first[k];
            buf_free(&b);
        }
        row++;
    }
    struct layout_cell *rich = xcalloc(nr * nc + 1, sizeof *rich);
    for (size_t k = 0; k < nr * nc; k++)
        rich[k] = (struct layout_cell){ sp.v + first[k], count[k] };
    static const struct layout_text_style body = { .font = FONT_SANS, .size = 8.2f,
        .leading = 1.45f, .color = INK, .align = LAYOUT_LEFT };
    static const struct layout_text_style head = { .font = FONT_SANS_BOLD, .size = 8.2f,
        .leading = 1.4f, .color = NAVY, .align = LAYOUT_LEFT };
    struct layout_table lt = { .cols = cols, .ncols = nc, .cells = NULL, .nrows = nr,
                               .body = &body, .head = &head, .zebra = 1, .rich = rich };
    layout_table(D->L, &lt);
    if (nnotes)
        layout_anchor(D->L, "conflicts");
    for (size_t i = 0; i < nnotes; i++) {
        struct spans fs = { 0 };
        span(&fs, notes[i].mark, &D->st.mark, NULL);
        span(&fs, "\xC2\xA0", NULL, NULL);
        span(&fs, notes[i].text, NULL, NULL);
        span_conflict(D, &fs, notes[i].col, notes[i].cell);
        spans_paragraph(D->L, &fs, &D->st.note);
        free(notes[i].text);
    }
    spans_free(&sp);
    free(rich);
    free(first);
    free(count);
    free(notes);
    free(cols);
    free(colidx);
}

/* ---- Chart ---- */

static void section_chart(struct doc *D)
{
    const struct template *tpl = D->tpl;
    const struct template_words *cc = &tpl->layout.chart_columns;
    long cols[CHART_MAX_SERIES];
    size_t ns = 0;
    for (size_t i = 0; i < cc->count && ns < CHART_MAX_SERIES; i++) {
        long c = template_column_index(tpl, cc->items[i]);
        if (c >= 0 && tpl->columns[c].type == TEMPLATE_COL_QUANTITY)
            cols[ns++] = c;
        else
            diag_warning(D->d, tpl->path, 0, 0,
                         "layout.chart_columns: '%s' is not a quantity column", cc->items[i]);
    }
    if (!ns)
        return;
    static const uint32_t colors[CHART_MAX_SERIES] = { BAR_TOTAL, BAR_ACTIVE, 0xC2773A, 0x6B8E4E };
    struct chart_series series[CHART_MAX_SERIES];
    struct buf labels[CHART_MAX_SERIES];
    struct buf heading = BUF_INIT;
    for (size_t s = 0; s < ns; s++) {
        labels[s] = (struct buf)BUF_INIT;
        summary_short_label(tpl->columns[cols[s]].label, &labels[s]);
        series[s] = (struct chart_series){ labels[s].data, colors[s] };
        buf_printf(&heading, "%s%s", s ? "·" : "", labels[s].data);
    }
    buf_puts(&heading, " 비교");
    layout_heading(D->L, heading.data, &D->st.h1, 0);
    struct chart_group *groups = xcalloc(D->t->n_rows + 1, sizeof *groups);
    char (*links)[96] = xcalloc(D->t->n_rows + 1, sizeof *links);
    size_t ng = 0;
    for (size_t r = 0; r < D->t->n_rows; r++) {
        const struct table_row *tr = &D->t->rows[r];
        if (!is_org_row(tr))
            continue;
        struct chart_group *g = &groups[ng++];
        g->label = tr->e->name;
        g->link = entity_anchor(tr->e, links[r], sizeof links[r]);
        for (size_t s = 0; s < ns; s++) {
            const struct table_cell *ce = &tr->cells[cols[s]];
            g->values[s] = ce->is_number && nonempty(ce->text) ? ce->text : NULL;
        }
    }
    const char *unit = tpl->columns[cols[0]].unit_label;
    struct buf axis = BUF_INIT;
    if (!strcmp(unit, "B"))
        buf_puts(&axis, "파라미터 수 (B = 10억 개)");
    else
        buf_printf(&axis, "%s%s%s%s", labels[0].data, *unit ? " (" : "", unit, *unit ? ")" : "");
    struct chart ch = { series, ns, groups, ng, axis.data, unit, "미공개 (보도 없음)" };
    layout_vspace(D->L, 2);
    chart_draw_bars(D->L, &ch);
    layout_vspace(D->L, 4);
    struct spans note = { 0 };
    span(&note, "막대는 비교표의 값이다. ‘미공개’는 기사가 그 값을 밝히지 않았다는 뜻이며 0이 "
                "아니다. 기관명을 누르면 해당 기관 항목으로 이동한다.", NULL, NULL);
    spans_paragraph(D->L, &note, &D->st.note);
    buf_free(&axis);
    buf_free(&heading);
    for (size_t s = 0; s < ns; s++)
        buf_free(&labels[s]);
    free(groups);
    free(links);
}

/* ---- Entities ---- */

/* The figures of one row as a two-column table: label, values with their citations. */
static void entity_figures(struct doc *D, const struct table_row *tr, long skip_col)
{
    const struct template *tpl = D->tpl;
    struct spans sp = { 0 };
    size_t n = 0, fcap = 0, ccap = 0;
    size_t *first = NULL, *count = NULL;
    /* first row: how much the articles say about it */
    xgrow(&first, &fcap, 2, sizeof *first);
    xgrow(&count, &ccap, 2, sizeof *count);
    struct buf m = BUF_INIT;
    buf_printf(&m, "기사 %zu건, %zu문장에서 언급 · 출처 ", tr->n_articles, tr->n_mentions);
    put_source_numbers(D, tr, &m);
    first[0] = sp.n;
    span(&sp, "보도", &D->st.fig_label, NULL);
    count[0] = 1;
    first[1] = sp.n;
    span(&sp, m.data, NULL, NULL);
    count[1] = 1;
    buf_free(&m);
    n++;
    for (size_t c = 0; c < tpl->n_columns; c++) {
        const struct template_column *col = &tpl->columns[c];
        const struct table_cell *ce = &tr->cells[c];
        int text = col->type == TEMPLATE_COL_TEXT && nonempty(ce->text);
        if ((long)c == skip_col || !template_column_applies(tpl, col, tr->entity) ||
            (!ce->n_values && !text) || (col->type == TEMPLATE_COL_MODELS && col->flagship))
            continue;
        xgrow(&first, &fcap, n * 2 + 2, sizeof *first);
        xgrow(&count, &ccap, n * 2 + 2, sizeof *count);
        first[n * 2] = sp.n;
        span(&sp, col->label, &D->st.fig_label, NULL);
        count[n * 2] = 1;
        first[n * 2 + 1] = sp.n;
        int single = col->type == TEMPLATE_COL_QUANTITY || col->type == TEMPLATE_COL_DATE;
        size_t shown = single ? 1 : ce->n_values;
        if (text)   /* a fixed field of the template: no article behind it */
            span(&sp, ce->text, NULL, NULL);
        for (size_t v = 0; v < shown; v++) {
            struct buf b = BUF_INIT;
            buf_puts(&b, v ? ", " : "");
            put_figure(col, ce->values[v].value, &b);
            if (col->type == TEMPLATE_COL_MODELS) {
                const struct template_model *fm = template_flagship(tr->e);
                if (fm && !strcmp(fm->name, ce->values[v].value))
                    buf_puts(&b, " (대표)");
            }
            span(&sp, b.data, NULL, NULL);
            cite_value(D, &sp, &ce->values[v], 3);
            buf_free(&b);
        }
        if (ce->conflict) {
            span(&sp, " — 엇갈림: ", NULL, NULL);
            span_conflict(D, &sp, col, ce);
        }
        count[n * 2 + 1] = sp.n - first[n * 2 + 1];
        n++;
    }
    if (n) {
        struct layout_cell *rich = xcalloc(n * 2, sizeof *rich);
        for (size_t k = 0; k < n * 2; k++)
            rich[k] = (struct layout_cell){ sp.v + first[k], count[k] };
        static const struct layout_column cols[2] = {
            { "항목", LAYOUT_COL_FIXED, 110, LAYOUT_LEFT },
            { "내용 [출처]", LAYOUT_COL_PROPORTIONAL, 1, LAYOUT_LEFT },
        };
        static const struct layout_text_style body = { .font = FONT_SANS, .size = 8.8f,
            .leading = 1.45f, .color = INK, .align = LAYOUT_LEFT };
        static const struct layout_text_style head = { .font = FONT_SANS_BOLD, .size = 8.2f,
            .leading = 1.4f, .color = NAVY, .align = LAYOUT_LEFT };
        struct layout_table lt = { .cols = cols, .ncols = 2, .nrows = n, .body = &body,
                                   .head = &head, .zebra = 1, .rich = rich };
        layout_table(D->L, &lt);
        free(rich);
    }
    spans_free(&sp);
    free(first);
    free(count);
}

static void entity_section(struct doc *D, const struct table_row *tr, long partners_col)
{
    char anchor[96];
    entity_anchor(tr->e, anchor, sizeof anchor);
    layout_anchor(D->L, anchor + 1);
    struct buf h = BUF_INIT;
    buf_puts(&h, tr->e->topic ? "사업 개요 — " : "");
    buf_puts(&h, tr->e->name);
    if (nonempty(tr->e->name_en) && strcmp(tr->e->name_en, tr->e->name))
        buf_printf(&h, " (%s)", tr->e->name_en);
    layout_heading(D->L, h.data, &D->st.h2, 1);
    buf_free(&h);

    entity_figures(D, tr, partners_col);

    struct summary ks = { 0 };
    size_t want = D->tpl->layout.key_sentences ? D->tpl->layout.key_sentences : 3;
    want = want < 2 ? 2 : want > 4 ? 4 : want;
    summary_key_sentences(D->in->quotes, tr->entity, want, &ks);
    if (ks.count) {
        layout_heading(D->L, "주요 문장", &D->st.h3, -1);
        for (size_t i = 0; i < ks.count; i++) {
            struct spans sp = { 0 };
            span(&sp, "“", NULL, NULL);
            span(&sp, ks.items[i].text, NULL, NULL);
            span(&sp, "”", NULL, NULL);
            cites(D, &sp, ks.items[i].cites, ks.items[i].n_cites);
            spans_paragraph(D->L, &sp, &D->st.quote);
        }
    }
    summary_free(&ks);

    if (partners_col >= 0 && template_column_applies(D->tpl, &D->tpl->columns[partners_col],
                                                     tr->entity)) {
        const struct table_cell *ce = &tr->cells[partners_col];
        layout_heading(D->L, D->tpl->columns[partners_col].label, &D->st.h3, -1);
        struct spans sp = { 0 };
        if (!ce->n_values)
            span(&sp, "기사에 보도된 협력사가 없다.", NULL, NULL);
        for (size_t v = 0; v < ce->n_values; v++) {
            span(&sp, v ? ", " : "", NULL, NULL);
            span(&sp, ce->values[v].value, NULL, NULL);
            cite_value(D, &sp, &ce->values[v], 1);
        }
        struct layout_text_style left = D->st.body;
        left.align = LAYOUT_LEFT;
        spans_paragraph(D->L, &sp, &left);
    }
}

static void section_entities(struct doc *D)
{
    layout_heading(D->L, "기관별 상세", &D->st.h1, 0);
    layout_paragraph(D->L, "주요 문장은 그 기관에 대해 추출된 사실의 종류(모델, 규모, 구조 등 표의 열)가 "
                     "가장 많은 문장이고, 같으면 사실이 더 많은 문장, 그래도 같으면 먼저 나온 "
                     "기사(날짜, 기사 번호 순)의 앞 문장이다. 같은 문장이 여러 기사에 실리면 한 번만 "
                     "싣는다.", &D->st.meta);
    long partners = -1;
    for (size_t c = 0; c < D->tpl->n_columns && partners < 0; c++)
        if (D->tpl->columns[c].type == TEMPLATE_COL_ORGANISATIONS)
            partners = (long)c;
    /* the programme first: it frames the organisations */
    for (size_t r = 0; r < D->t->n_rows; r++)
        if (!is_org_row(&D->t->rows[r]))
            entity_section(D, &D->t->rows[r], partners);
    for (size_t r = 0; r < D->t->n_rows; r++)
        if (is_org_row(&D->t->rows[r]))
            entity_section(D, &D->t->rows[r], partners);
}

/* ---- Sources ---- */

static void section_sources(struct doc *D)
{
    layout_heading(D->L, "출처", &D->st.h1, 0);
    const struct article_set *set = D->in->set;
    /* the hanging indent fits the widest number, "[200] " as well as "[5] " */
    char widest[32];
    snprintf(widest, sizeof widest, "[%zu]\xC2\xA0\xC2\xA0", set->count);
    struct layout_text_style entry = D->st.source, link = D->st.source_link;
    entry.inset = link.inset = layout_measure_text(D->L, widest, &D->st.bold);
    entry.indent = -entry.inset;
    for (size_t i = 0; i < set->count; i++) {
        const struct article *a = &set->items[i];
        layout_set_source(D->L, a->source_file, 0);
        char name[32], no[32];
        snprintf(name, sizeof name, "src-%zu", i + 1);
        snprintf(no, sizeof no, "[%zu]\xC2\xA0", i + 1);
        layout_anchor(D->L, name);
        struct spans sp = { 0 };
        struct buf b = BUF_INIT;
        span(&sp, no, &D->st.bold, NULL);
        buf_puts(&b, nonempty(a->publisher) ? a->publisher : "(매체 미상)");
        if (nonempty(a->published_at))
            buf_printf(&b, " · %.10s", a->published_at);
        buf_puts(&b, " · ");
        span(&sp, b.data, NULL, NULL);
        span(&sp, nonempty(a->title) ? a->title : "(제목 없음)", &D->st.bold, NULL);
        buf_clear(&b);
        for (size_t k = 0; k < a->n_people; k++)
            buf_printf(&b, "%s%s%s%s", k ? ", " : " · ", a->people[k].name,
                       nonempty(a->people[k].role) ? " " : "", a->people[k].role);
        if (b.len)
            span(&sp, b.data, NULL, NULL);
        spans_paragraph(D->L, &sp, &entry);
        if (nonempty(a->url)) {
            span(&sp, a->url, NULL, a->url);
            spans_paragraph(D->L, &sp, &link);
        }
        buf_free(&b);
    }
    layout_set_source(D->L, NULL, 0);
}

/* ---- Period and time ---- */

/* The Korean day an article was published on; 0 and *day, or -1 without a usable date. */
static int article_day(const struct article *a, long *day)
{
    struct date_time t;
    if (!nonempty(a->published_at) || date_parse_time(a->published_at, &t) != 0)
        return -1;
    *day = date_time_kst_day(&t);
    return 0;
}

void briefing_period(const struct briefing_input *in, char *out, size_t size, char today[11])
{
    const struct date_period *p = in->period;
    char since[11] = "", until[11] = "", w1[9] = "", w2[9] = "";
    if (p && p->is_week) {
        date_format_week(p->week, w1);
        date_format_day(p->since, since);
        date_format_day(p->until, until);
        snprintf(out, size, "%s · %s ~ %s", w1, since, until);
        snprintf(today, 11, "%s", until);
        return;
    }
    /* The articles' first and last day, narrowed to the period's bounds where it has them. */
    long lo = DATE_OPEN_END, hi = DATE_OPEN_START;
    const struct article_set *set = in->set;
    for (size_t i = 0; set && i < set->count; i++) {
        long day;
        if (article_day(&set->items[i], &day) != 0)
            continue;
        lo = day < lo ? day : lo;
        hi = day > hi ? day : hi;
    }
    if (p && p->since != DATE_OPEN_START)
        lo = p->since;
    if (p && p->until != DATE_OPEN_END)
        hi = p->until;
    today[0] = '\0';
    if (lo == DATE_OPEN_END && hi == DATE_OPEN_START) {
        snprintf(out, size, "날짜 정보 없음");
        return;
    }
    if (lo == DATE_OPEN_END)
        lo = hi;
    if (hi == DATE_OPEN_START)
        hi = lo;
    date_format_day(lo, since);
    date_format_day(hi, until);
    snprintf(today, 11, "%s", until);
    date_format_week(date_week_of(lo), w1);
    date_format_week(date_week_of(hi), w2);
    if (strcmp(w1, w2))
        snprintf(out, size, "%s ~ %s · %s ~ %s", w1, w2, since, until);
    else
        snprintf(out, size, "%s · %s ~ %s", w1, since, until);
}

void briefing_generated_at(const struct article_set *set, char out[40], long long *epoch)
{
    long long t = pdf_out_source_date_epoch();
    if (t < 0) {
        /* The newest article's instant, compared as instants (zones may differ). */
        for (size_t i = 0; set && i < set->count; i++) {
            struct date_time dt;
            if (nonempty(set->items[i].published_at) &&
                date_parse_time(set->items[i].published_at, &dt) == 0 &&
                date_time_epoch(&dt) > t)
                t = date_time_epoch(&dt);
        }
    }
    *epoch = t;
    if (t < 0) {
        snprintf(out, 40, "날짜 정보 없음");
        return;
    }
    date_format_kst_minute(t, out);
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

static void keywords(const struct template *tpl, struct buf *b)
{
    for (size_t i = 0; i < tpl->n_entities; i++)
        if (!tpl->entities[i].topic)
            buf_printf(b, "%s%s", b->len ? ", " : "", tpl->entities[i].name);
}

enum exp_status briefing_write(FILE *out, const struct briefing_input *in, struct diag *d)
{
    const struct template *tpl = in->tpl;
    const struct template_layout *ly = &tpl->layout;
    struct font_config fc;
    memset(&fc, 0, sizeof fc);
    fc.project_dir = in->font_dir;
    char *body_spec = font_spec(ly->font_body), *head_spec = font_spec(ly->font_heading);
    fc.spec[FONT_SANS] = body_spec;
    fc.spec[FONT_SANS_BOLD] = head_spec;
    struct font_set *fs = NULL;
    enum exp_status rc = font_set_new(&fc, d, &fs);
    free(body_spec);
    free(head_spec);
    if (rc != EXP_OK)
        return rc;

    struct doc D = { .in = in, .tpl = tpl, .t = in->table, .d = d };
    D.n_articles = in->set->count;
    D.order = xcalloc(D.n_articles + 1, sizeof *D.order);
    D.by_id = xcalloc(D.n_articles + 1, sizeof *D.by_id);
    for (size_t i = 0; i < D.n_articles; i++) {
        D.order[i] = in->set->items[i].id;
        D.by_id[i] = (struct id_no){ in->set->items[i].id, i + 1 };
    }
    qsort(D.by_id, D.n_articles, sizeof *D.by_id, id_no_cmp);
    briefing_period(in, D.period, sizeof D.period, D.today);
    long long epoch;
    briefing_generated_at(in->set, D.generated, &epoch);
    styles_init(&D.st, ly->font_size_pt ? (float)ly->font_size_pt : 10);

    struct layout_page_setup ps;
    layout_page_setup_a4(&ps);
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
            layout_page_setup_letter(&ps);
        else {
            ps.width = LAYOUT_MM(sizes[k].w);
            ps.height = LAYOUT_MM(sizes[k].h);
        }
    }
    if (nonempty(ly->orientation) && !strcasecmp(ly->orientation, "landscape")) {
        float w = ps.width;
        ps.width = ps.height;
        ps.height = w;
    }
    if (ly->margin_mm) {
        ps.margin_left = ps.margin_right = LAYOUT_MM(ly->margin_mm);
        ps.margin_top = ps.margin_bottom = LAYOUT_MM(ly->margin_mm + 4);
    }
    const char *title = nonempty(ly->title) ? ly->title : nonempty(tpl->title) ? tpl->title
                                                                               : "브리핑";
    ps.header_left = title;
    ps.header_right = D.period;
    ps.page_numbers = 1;
    D.L = layout_new(&ps, fs, d);

    static const char *const all[] = { "title", "summary", "table", "chart", "entities",
                                       "sources" };
    const struct template_words *sec = &ly->sections;
    size_t nsec = sec->count ? sec->count : sizeof all / sizeof all[0];
    for (size_t i = 0; i < nsec; i++) {
        const char *s = sec->count ? sec->items[i] : all[i];
        if (!strcmp(s, "title"))
            section_title(&D);
        else if (!strcmp(s, "summary"))
            section_summary(&D);
        else if (!strcmp(s, "table"))
            section_table(&D);
        else if (!strcmp(s, "chart"))
            section_chart(&D);
        else if (!strcmp(s, "entities"))
            section_entities(&D);
        else if (!strcmp(s, "sources"))
            section_sources(&D);
        else
            diag_warning(d, tpl->path, 0, 0, "layout.sections: unknown section '%s'", s);
    }
    layout_finish(D.L);

    struct buf kw = BUF_INIT;
    keywords(tpl, &kw);
    struct pdf_out_info info = { title, NULL, nonempty(ly->subtitle) ? ly->subtitle : title,
                                 kw.data ? kw.data : "", "exporter " EXPORTER_VERSION, epoch, NULL };
    rc = pdf_out_write(D.L, &info, out, NULL, d);
    buf_free(&kw);
    layout_free(D.L);
    font_set_free(fs);
    free(D.order);
    free(D.by_id);
    return rc;
}

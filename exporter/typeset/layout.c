/* layout.c — line breaking into paragraphs, pages, tables and the display list. */
#include "typeset/layout.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "util/buf.h"
#include "typeset/linebreak.h"
#include "typeset/shape.h"

#define DEFAULT_LEADING 1.6f
#define CELL_PAD_X 4.0f
#define CELL_PAD_Y 3.0f
#define PENDING_MAX 4

/* ---- Paragraphs: shaped text broken into lines ---- */

struct pline {
    size_t g0, g1;       /* glyphs [g0, g1) drawn on the line (trailing spaces excluded) */
    float width;         /* natural width of the drawn glyphs */
    float height;        /* line box */
    float ascent;        /* top of the box to the baseline */
};

struct para {
    struct buf text;
    struct shape_span *spans;
    const struct layout_text_style **styles;   /* per span */
    const char **uris;                          /* per span, borrowed */
    size_t nspans;
    struct shape_glyphs g;
    unsigned char *brk;  /* per glyph: level of a break after it */
    float *gx;           /* per glyph: x within its line */
    struct pline *lines;
    size_t nlines, lines_cap;
    const struct layout_text_style *st;
};

struct layout {
    struct layout_page_setup ps;
    struct font_set *fs;
    struct shape_ctx *shaper;
    struct diag *d;
    const char *src_file;
    unsigned src_line;
    struct layout_page *pages;
    size_t npages, pages_cap;
    struct layout_outline *outlines;
    size_t noutlines, outlines_cap;
    struct layout_anchor *anchors;
    size_t nanchors, anchors_cap;
    size_t unplaced_anchors;   /* the last ones, waiting for the next block */
    int page;            /* current page, -1 before the first */
    float y;             /* top of the free space on it */
    int at_top;          /* nothing placed on this page yet */
    /* Headings waiting to be placed with what follows them. */
    struct para *pending[PENDING_MAX];
    int pending_level[PENDING_MAX];
    float pending_extra[PENDING_MAX];   /* layout_vspace after the heading */
    size_t npending;
    int finished;
};

static float style_leading(const struct layout_text_style *st)
{
    return st->leading > 0 ? st->leading : DEFAULT_LEADING;
}

static const struct layout_text_style default_body = { .font = FONT_SANS, .size = 10,
    .leading = 1.6f, .color = 0x222222, .align = LAYOUT_JUSTIFY, .space_after = 6 };

static void para_free(struct para *p)
{
    if (!p)
        return;
    buf_free(&p->text);
    free(p->spans);
    free(p->styles);
    free(p->uris);
    shape_glyphs_free(&p->g);
    free(p->brk);
    free(p->gx);
    free(p->lines);
    free(p);
}

/* Cleans, shapes and finds break levels; no lines yet. */
static struct para *para_shape(struct layout *L, const struct layout_span *spans, size_t n,
                               const struct layout_text_style *st)
{
    struct para *p = xcalloc(1, sizeof *p);
    p->st = st;
    p->spans = xcalloc(n ? n : 1, sizeof *p->spans);
    p->styles = xcalloc(n ? n : 1, sizeof *p->styles);
    p->uris = xcalloc(n ? n : 1, sizeof *p->uris);
    buf_puts(&p->text, "");
    size_t repaired = 0;
    for (size_t i = 0; i < n; i++) {
        const struct layout_text_style *ss = spans[i].style ? spans[i].style : st;
        size_t start = p->text.len;
        const char *t = spans[i].text ? spans[i].text : "";
        repaired += shape_clean(t, strlen(t), &p->text);
        p->spans[i] = (struct shape_span){ start, p->text.len, ss->font, ss->size };
        p->styles[i] = ss;
        p->uris[i] = spans[i].uri;
    }
    /* The paragraph ends without white space. */
    while (p->text.len && p->text.data[p->text.len - 1] == ' ') {
        p->text.data[--p->text.len] = '\0';
        for (size_t i = 0; i < n; i++) {
            if (p->spans[i].end > p->text.len)
                p->spans[i].end = p->text.len;
            if (p->spans[i].start > p->text.len)
                p->spans[i].start = p->text.len;
        }
    }
    p->nspans = n;
    if (repaired)
        diag_warning(L->d, L->src_file, L->src_line, 0,
                     "invalid UTF-8 (%zu sequence%s) replaced by U+FFFD", repaired,
                     repaired == 1 ? "" : "s");
    struct shape_source src = { L->src_file, L->src_line, 1 };
    shape_text(L->shaper, p->text.data, p->text.len, p->spans, n, &src, &p->g);
    size_t ng = p->g.len;
    p->brk = xcalloc(ng ? ng : 1, 1);
    p->gx = xcalloc(ng ? ng : 1, sizeof *p->gx);
    if (ng) {
        unsigned char *lv = xmalloc(p->text.len ? p->text.len : 1);
        linebreak_levels(p->text.data, p->text.len, lv);
        for (size_t i = 0; i < ng; i++) {
            size_t a = p->g.items[i].cluster;
            size_t b = i + 1 < ng ? p->g.items[i + 1].cluster : p->text.len;
            unsigned char best = LINEBREAK_NONE;
            for (size_t k = a; k < b; k++)
                if (lv[k] > best)
                    best = lv[k];
            p->brk[i] = best;
        }
        p->brk[ng - 1] = LINEBREAK_MUST;
        free(lv);
    }
    return p;
}

static int glyph_is_space(const struct shape_glyph *g)
{
    return g->cp == ' ';
}

static void line_box(const struct layout_text_style *ss, float *h, float *asc)
{
    float lh = ss->size * style_leading(ss);
    /* Half the leading above, then the ascent (0.84 em suits the Nanum fonts' ascenders). */
    float a = (lh - ss->size) / 2 + ss->size * 0.84f;
    if (lh > *h)
        *h = lh;
    if (a > *asc)
        *asc = a;
}

/* Adds the line [g0, g1); its box is as tall as its tallest style (the paragraph's style when
 * the line is empty). */
static void add_line(struct para *p, size_t g0, size_t g1, float width)
{
    xgrow(&p->lines, &p->lines_cap, p->nlines + 1, sizeof *p->lines);
    float h = 0, asc = 0;
    for (size_t i = g0; i < g1; i++)
        line_box(p->styles[p->g.items[i].span], &h, &asc);
    if (g0 == g1)
        line_box(p->st, &h, &asc);
    p->lines[p->nlines++] = (struct pline){ g0, g1, width, h, asc };
}

/* Places x positions of glyphs [g0, g1) on a line of the given width. */
static void set_positions(struct para *p, size_t g0, size_t g1, float width, float avail,
                          enum layout_align align, int last, float indent)
{
    float extra = avail - width, shift = indent, per_space = 0;
    if (align == LAYOUT_JUSTIFY && !last && extra > 0) {
        /* Justified by widening the spaces only, never the Hangul: a line without spaces
         * (one eojeol broken inside) stays flush left. */
        size_t spaces = 0;
        for (size_t i = g0; i < g1; i++)
            spaces += glyph_is_space(&p->g.items[i]);
        if (spaces)
            per_space = extra / (float)spaces;
    } else if (align == LAYOUT_RIGHT) {
        shift += extra;
    } else if (align == LAYOUT_CENTER) {
        shift += extra / 2;
    }
    float x = shift;
    for (size_t i = g0; i < g1; i++) {
        const struct shape_glyph *gl = &p->g.items[i];
        p->gx[i] = x + gl->x_offset;
        x += gl->advance;
        if (glyph_is_space(gl))
            x += per_space;
    }
}

/* Total-fit breaking for justified text (Knuth–Plass in miniature): among the word-basis
 * breaks, choose the set that keeps the spaces of all lines evenly stretched, instead of
 * filling each line greedily and leaving a very loose one before a long eojeol. Returns 0,
 * leaving p untouched, when some eojeol does not fit a line or the text has hard breaks:
 * the greedy breaker handles those. */
static int para_break_total_fit(struct para *p, float avail)
{
    size_t ng = p->g.len;
    if (ng < 2)
        return 0;
    for (size_t i = 0; i + 1 < ng; i++)
        if (p->brk[i] == LINEBREAK_MUST)
            return 0;
    /* Prefix sums of advances and spaces; a line [a, c] is measured without the spaces it
     * ends with. */
    double *wsum = xmalloc((ng + 1) * sizeof *wsum);
    size_t *ssum = xmalloc((ng + 1) * sizeof *ssum), *trim = xmalloc(ng * sizeof *trim);
    size_t *cand = xmalloc((ng + 1) * sizeof *cand);
    double *cost = xmalloc((ng + 1) * sizeof *cost);
    long *prev = xmalloc((ng + 1) * sizeof *prev);
    wsum[0] = 0;
    ssum[0] = 0;
    double space_w = 0;
    for (size_t i = 0; i < ng; i++) {
        const struct shape_glyph *gl = &p->g.items[i];
        wsum[i + 1] = wsum[i] + gl->advance;
        ssum[i + 1] = ssum[i] + glyph_is_space(gl);
        if (glyph_is_space(gl) && space_w == 0)
            space_w = gl->advance;
        trim[i] = glyph_is_space(gl) ? (i ? trim[i - 1] : 0) : i;
    }
    if (space_w <= 0)
        space_w = p->st->size * 0.25;
    /* Candidates: the paragraph start (index 0 = "before glyph 0") and every ALLOW break. */
    size_t nc = 0;
    cand[nc++] = (size_t)-1;
    for (size_t i = 0; i < ng; i++)
        if (p->brk[i] >= LINEBREAK_ALLOW)
            cand[nc++] = i;
    int ok = 1;
    cost[0] = 0;
    prev[0] = -1;
    for (size_t k = 1; k < nc && ok; k++) {
        size_t c = cand[k], ct = trim[c];
        int last = k == nc - 1;
        cost[k] = -1;
        for (size_t j = k; j-- > 0;) {
            size_t a = cand[j] == (size_t)-1 ? 0 : cand[j] + 1;
            while (a < ng && glyph_is_space(&p->g.items[a]))
                a++;
            if (a > ct)
                continue;
            double lim = avail - (j == 0 ? p->st->indent : 0);
            double width = wsum[ct + 1] - wsum[a];
            if (width > lim + 0.01)
                break;
            if (cost[j] < 0)
                continue;
            double extra = lim - width, bad;
            size_t spaces = ssum[ct + 1] - ssum[a];
            if (last)
                bad = 0;
            else if (spaces) {
                double r = extra / ((double)spaces * space_w);
                bad = r > 5 ? 10000 : 100 * r * r * r;
            }
            else
                bad = extra > 1 ? 10000 : 0;
            if (bad > 10000)
                bad = 10000;
            double total = cost[j] + (10 + bad) * (10 + bad);
            if (cost[k] < 0 || total < cost[k]) {
                cost[k] = total;
                prev[k] = (long)j;
            }
        }
        if (cost[k] < 0)
            ok = 0;
    }
    if (ok) {
        /* Walk back from the end, then lay the lines out in order. */
        size_t nlines = 0;
        for (long k = (long)nc - 1; k > 0; k = prev[k])
            nlines++;
        size_t *ends = xmalloc(nlines * sizeof *ends), n = nlines;
        for (long k = (long)nc - 1; k > 0; k = prev[k])
            ends[--n] = (size_t)k;
        size_t s = 0;
        for (size_t li = 0; li < nlines; li++) {
            size_t c = cand[ends[li]];
            while (s < ng && glyph_is_space(&p->g.items[s]))
                s++;
            size_t g1 = c + 1;
            while (g1 > s && glyph_is_space(&p->g.items[g1 - 1]))
                g1--;
            float indent = li == 0 ? p->st->indent : 0;
            float w = (float)(wsum[g1] - wsum[s]);
            set_positions(p, s, g1, w, avail - indent, LAYOUT_JUSTIFY, li + 1 == nlines, indent);
            add_line(p, s, g1, w + indent);
            s = c + 1;
        }
        free(ends);
    }
    free(wsum);
    free(ssum);
    free(trim);
    free(cand);
    free(cost);
    free(prev);
    return ok;
}

/* Greedy line breaking at the best level that fits; see linebreak.h for the levels. */
static void para_break(struct para *p, float avail, enum layout_align align)
{
    p->nlines = 0;
    size_t ng = p->g.len, s = 0;
    if (ng == 0) {
        add_line(p, 0, 0, 0);
        return;
    }
    if (align == LAYOUT_JUSTIFY && para_break_total_fit(p, avail))
        return;
    int first = 1;
    while (s < ng) {
        while (s < ng && glyph_is_space(&p->g.items[s]))
            s++;
        if (s >= ng)
            break;
        float indent = first ? p->st->indent : 0;
        float lim = avail - indent + 0.01f;
        float w = 0, wtrim = 0;
        long best[LINEBREAK_MUST + 1];
        float best_w[LINEBREAK_MUST + 1];
        for (int k = 0; k <= LINEBREAK_MUST; k++)
            best[k] = -1;
        size_t end = ng - 1;
        int hard = 0;
        float end_w = 0;
        for (size_t i = s; i < ng; i++) {
            const struct shape_glyph *gl = &p->g.items[i];
            w += gl->advance;
            if (!glyph_is_space(gl))
                wtrim = w;
            if (wtrim > lim && i > s) {
                int k;
                for (k = LINEBREAK_ALLOW; k >= LINEBREAK_ANYWHERE; k--)
                    if (best[k] >= 0)
                        break;
                if (k >= LINEBREAK_ANYWHERE) {
                    end = (size_t)best[k];
                    end_w = best_w[k];
                } else {
                    /* Nothing fits: an overfull line. Every earlier position forbids a
                     * break, so cut at the first one ahead that allows it — the next line
                     * must not start with closing punctuation either. */
                    end = i - 1;
                    while (end + 1 < ng && p->brk[end] == LINEBREAK_NONE)
                        end++;
                    hard = p->brk[end] == LINEBREAK_MUST;
                    end_w = 0;
                    for (size_t j = s; j <= end; j++)
                        if (!glyph_is_space(&p->g.items[j]) || j < end)
                            end_w += p->g.items[j].advance;
                }
                break;
            }
            if (p->brk[i] == LINEBREAK_MUST) {
                end = i;
                end_w = wtrim;
                hard = 1;
                break;
            }
            if (p->brk[i] >= LINEBREAK_ANYWHERE) {
                best[p->brk[i]] = (long)i;
                best_w[p->brk[i]] = wtrim;
            }
        }
        size_t g1 = end + 1;
        while (g1 > s && glyph_is_space(&p->g.items[g1 - 1]))
            g1--;
        set_positions(p, s, g1, end_w, avail - indent, align, hard, indent);
        add_line(p, s, g1, end_w + indent);
        s = end + 1;
        first = 0;
    }
    if (p->nlines == 0)
        add_line(p, 0, 0, 0);
}

static float para_height(const struct para *p, size_t nlines)
{
    float h = 0;
    for (size_t i = 0; i < nlines && i < p->nlines; i++)
        h += p->lines[i].height;
    return h;
}

/* Natural width (the widest hard line) and the widest word-basis piece (min-content). */
static void para_widths(const struct para *p, float *natural, float *min_content)
{
    float line = 0, widest_line = 0, piece = 0, widest = 0;
    for (size_t i = 0; i < p->g.len; i++) {
        const struct shape_glyph *gl = &p->g.items[i];
        line += gl->advance;
        if (!glyph_is_space(gl)) {
            piece += gl->advance;
            if (piece > widest)
                widest = piece;
        }
        if (p->brk[i] >= LINEBREAK_ALLOW)
            piece = 0;
        if (p->brk[i] == LINEBREAK_MUST) {
            if (line > widest_line)
                widest_line = line;
            line = 0;
        }
    }
    *natural = widest_line > line ? widest_line : line;
    *min_content = widest;
}

/* ---- Pages and ops ---- */

static struct layout_page *page_at(struct layout *L, int i)
{
    return &L->pages[i];
}

static void new_page(struct layout *L)
{
    xgrow(&L->pages, &L->pages_cap, L->npages + 1, sizeof *L->pages);
    memset(&L->pages[L->npages], 0, sizeof *L->pages);
    L->page = (int)L->npages++;
    L->y = L->ps.margin_top;
    L->at_top = 1;
}

static float bottom(const struct layout *L)
{
    return L->ps.height - L->ps.margin_bottom;
}

static void ensure_page(struct layout *L)
{
    if (L->page < 0)
        new_page(L);
}

static struct layout_op *push_op(struct layout_page *pg)
{
    xgrow(&pg->ops, &pg->ops_cap, pg->nops + 1, sizeof *pg->ops);
    struct layout_op *op = &pg->ops[pg->nops++];
    memset(op, 0, sizeof *op);
    return op;
}

void layout_draw_rect(struct layout *L, int page, float x, float y, float w, float h,
                      uint32_t fill, uint32_t stroke, float line_width)
{
    struct layout_op *op = push_op(page_at(L, page));
    op->kind = LAYOUT_OP_RECT;
    op->u.rect.x = x;
    op->u.rect.y = y;
    op->u.rect.w = w;
    op->u.rect.h = h;
    op->u.rect.fill = fill;
    op->u.rect.stroke = stroke;
    op->u.rect.line_width = line_width;
}

void layout_draw_line(struct layout *L, int page, float x1, float y1, float x2, float y2,
                      uint32_t color, float line_width)
{
    struct layout_op *op = push_op(page_at(L, page));
    op->kind = LAYOUT_OP_LINE;
    op->u.line.x1 = x1;
    op->u.line.y1 = y1;
    op->u.line.x2 = x2;
    op->u.line.y2 = y2;
    op->u.line.color = color;
    op->u.line.line_width = line_width;
}

void layout_link(struct layout *L, int page, float x, float y, float w, float h, const char *uri)
{
    struct layout_page *pg = page_at(L, page);
    xgrow(&pg->links, &pg->links_cap, pg->nlinks + 1, sizeof *pg->links);
    pg->links[pg->nlinks++] = (struct layout_link){ x, y, w, h, xstrdup(uri) };
}

void layout_add_outline(struct layout *L, int level, const char *title, int page, float y)
{
    xgrow(&L->outlines, &L->outlines_cap, L->noutlines + 1, sizeof *L->outlines);
    struct buf t = BUF_INIT;
    shape_clean(title, strlen(title), &t);
    L->outlines[L->noutlines++] = (struct layout_outline){ level, buf_detach(&t), page, y };
}

void layout_anchor(struct layout *L, const char *name)
{
    xgrow(&L->anchors, &L->anchors_cap, L->nanchors + 1, sizeof *L->anchors);
    L->anchors[L->nanchors++] = (struct layout_anchor){ xstrdup(name), 0, 0 };
    L->unplaced_anchors++;
}

/* Gives the waiting anchors the current position: called where a block's first line, row or
 * rectangle is about to be placed, after any page break. */
static void place_anchors(struct layout *L)
{
    for (size_t i = L->nanchors - L->unplaced_anchors; i < L->nanchors; i++) {
        L->anchors[i].page = L->page;
        L->anchors[i].y = L->y;
    }
    L->unplaced_anchors = 0;
}

/* Emits one line of p at (x, top) on page: text runs, placeholder boxes, links. */
static void emit_line(struct layout *L, int page, const struct para *p, size_t li, float x,
                      float top)
{
    const struct pline *ln = &p->lines[li];
    struct layout_page *pg = page_at(L, page);
    float base = top + ln->ascent;
    struct layout_op *run = NULL;
    for (size_t i = ln->g0; i < ln->g1; i++) {
        const struct shape_glyph *gl = &p->g.items[i];
        const struct layout_text_style *ss = p->styles[gl->span];
        if (gl->face < 0) {
            /* Placeholder for a character no font has: a visible box. */
            float sz = ss->size;
            layout_draw_rect(L, page, x + p->gx[i] + sz * 0.08f, base - sz * 0.72f,
                             sz * 0.44f, sz * 0.72f, LAYOUT_NO_COLOR, ss->color, 0.5f);
            pg = page_at(L, page);
            run = NULL;
            continue;
        }
        float y = base - gl->y_offset - ss->rise;
        if (!run || run->u.text.face != gl->face || run->u.text.size != ss->size
            || run->u.text.color != ss->color || run->u.text.y != y) {
            run = push_op(pg);
            run->kind = LAYOUT_OP_TEXT;
            run->u.text.face = gl->face;
            run->u.text.size = ss->size;
            run->u.text.color = ss->color;
            run->u.text.y = y;
            run->u.text.first = pg->nglyphs;
        }
        xgrow(&pg->glyphs, &pg->glyphs_cap, pg->nglyphs + 1, sizeof *pg->glyphs);
        pg->glyphs[pg->nglyphs++] = (struct layout_glyph){ gl->cp, x + p->gx[i] };
        run->u.text.count++;
    }
    /* Links: one rectangle per stretch of glyphs from the same linked span. */
    for (size_t i = ln->g0; i < ln->g1;) {
        uint16_t sp = p->g.items[i].span;
        size_t j = i;
        while (j < ln->g1 && p->g.items[j].span == sp)
            j++;
        if (p->uris[sp]) {
            float x0 = x + p->gx[i] - p->g.items[i].x_offset;
            float x1 = x + p->gx[j - 1] - p->g.items[j - 1].x_offset + p->g.items[j - 1].advance;
            layout_link(L, page, x0, top, x1 - x0, ln->height, p->uris[sp]);
        }
        i = j;
    }
}

/* ---- Flow ---- */

struct layout *layout_new(const struct layout_page_setup *ps, struct font_set *fs,
                          struct diag *d)
{
    struct layout *L = xcalloc(1, sizeof *L);
    L->ps = *ps;
    L->fs = fs;
    L->d = d;
    L->shaper = shape_new(fs);
    L->page = -1;
    linebreak_init();
    return L;
}

void layout_free(struct layout *L)
{
    if (!L)
        return;
    for (size_t i = 0; i < L->npending; i++)
        para_free(L->pending[i]);
    for (size_t i = 0; i < L->npages; i++) {
        struct layout_page *pg = &L->pages[i];
        free(pg->ops);
        free(pg->glyphs);
        for (size_t k = 0; k < pg->nlinks; k++)
            free(pg->links[k].uri);
        free(pg->links);
    }
    free(L->pages);
    for (size_t i = 0; i < L->noutlines; i++)
        free(L->outlines[i].title);
    free(L->outlines);
    for (size_t i = 0; i < L->nanchors; i++)
        free(L->anchors[i].name);
    free(L->anchors);
    shape_free(L->shaper);
    free(L);
}

void layout_set_source(struct layout *L, const char *file, unsigned line)
{
    L->src_file = file;
    L->src_line = line;
}

float layout_text_width(const struct layout *L)
{
    return L->ps.width - L->ps.margin_left - L->ps.margin_right;
}

void layout_page_setup_a4(struct layout_page_setup *ps)
{
    memset(ps, 0, sizeof *ps);
    ps->width = 595.276f;
    ps->height = 841.89f;
    ps->margin_left = ps->margin_right = LAYOUT_MM(20);
    ps->margin_top = ps->margin_bottom = LAYOUT_MM(22);
    ps->page_numbers = 1;
}

void layout_page_setup_letter(struct layout_page_setup *ps)
{
    layout_page_setup_a4(ps);
    ps->width = 612;
    ps->height = 792;
}

static void place_space_before(struct layout *L, float space)
{
    if (!L->at_top)
        L->y += space;
}

/* Places the pending headings, first making sure that they and `next` points of what
 * follows fit on the page. */
static void flush_pending(struct layout *L, float next)
{
    ensure_page(L);
    if (L->npending == 0)
        return;
    float need = next;
    for (size_t i = 0; i < L->npending; i++) {
        const struct para *h = L->pending[i];
        need += (L->at_top && i == 0 ? 0 : h->st->space_before) + para_height(h, h->nlines)
                + h->st->space_after + L->pending_extra[i];
    }
    if (L->y + need > bottom(L) && !L->at_top)
        new_page(L);
    for (size_t i = 0; i < L->npending; i++) {
        struct para *h = L->pending[i];
        place_space_before(L, h->st->space_before);
        if (i == 0)
            place_anchors(L);
        if (L->pending_level[i] >= 0) {
            struct buf t = BUF_INIT;
            buf_append(&t, h->text.data, h->text.len);
            for (size_t k = 0; k < t.len; k++)
                if (t.data[k] == '\n')
                    t.data[k] = ' ';
            layout_add_outline(L, L->pending_level[i], t.data, L->page, L->y);
            buf_free(&t);
        }
        for (size_t li = 0; li < h->nlines; li++) {
            if (L->y + h->lines[li].height > bottom(L) && !L->at_top)
                new_page(L);
            emit_line(L, L->page, h, li, L->ps.margin_left + h->st->inset, L->y);
            L->y += h->lines[li].height;
            L->at_top = 0;
        }
        L->y += h->st->space_after + L->pending_extra[i];
        L->pending_extra[i] = 0;
        para_free(h);
    }
    L->npending = 0;
}

/* How many lines of p, from line `from`, fit above the bottom margin. */
static size_t lines_fitting(const struct layout *L, const struct para *p, size_t from)
{
    float y = L->y;
    size_t n = 0;
    for (size_t li = from; li < p->nlines && y + p->lines[li].height <= bottom(L); li++) {
        y += p->lines[li].height;
        n++;
    }
    return n;
}

static void place_para(struct layout *L, struct para *p)
{
    flush_pending(L, p->st->space_before + para_height(p, 2));
    place_space_before(L, p->st->space_before);
    size_t fit = lines_fitting(L, p, 0);
    /* No orphan (a paragraph's first line alone at the foot of a page)... */
    if (fit == 1 && p->nlines >= 2 && !L->at_top) {
        new_page(L);
        fit = lines_fitting(L, p, 0);
    }
    /* ...and no widow (its last line alone at the top of the next). */
    size_t break_at = fit < p->nlines ? fit : p->nlines;
    if (break_at + 1 == p->nlines && p->nlines >= 3 && break_at >= 3)
        break_at--;
    for (size_t li = 0; li < p->nlines; li++) {
        if (li == break_at && !L->at_top) {
            new_page(L);
            size_t more = lines_fitting(L, p, li);
            break_at = li + (more ? more : 1);
        } else if (L->y + p->lines[li].height > bottom(L) && !L->at_top) {
            new_page(L);
        }
        if (li == 0)
            place_anchors(L);
        emit_line(L, L->page, p, li, L->ps.margin_left + p->st->inset, L->y);
        L->y += p->lines[li].height;
        L->at_top = 0;
    }
    L->y += p->st->space_after;
}

void layout_paragraph_spans(struct layout *L, const struct layout_span *spans, size_t n,
                            const struct layout_text_style *st)
{
    if (!st)
        st = &default_body;
    struct para *p = para_shape(L, spans, n, st);
    para_break(p, layout_text_width(L) - st->inset, st->align);
    place_para(L, p);
    para_free(p);
}

void layout_paragraph(struct layout *L, const char *text, const struct layout_text_style *st)
{
    struct layout_span sp = { text, NULL, NULL };
    layout_paragraph_spans(L, &sp, 1, st);
}

void layout_heading(struct layout *L, const char *text, const struct layout_text_style *st,
                    int outline_level)
{
    if (!st)
        st = &default_body;
    if (L->npending == PENDING_MAX)
        flush_pending(L, 0);
    struct layout_span sp = { text, NULL, NULL };
    struct para *p = para_shape(L, &sp, 1, st);
    para_break(p, layout_text_width(L) - st->inset,
               st->align == LAYOUT_JUSTIFY ? LAYOUT_LEFT : st->align);
    L->pending_level[L->npending] = outline_level;
    L->pending_extra[L->npending] = 0;
    L->pending[L->npending++] = p;
}

void layout_vspace(struct layout *L, float points)
{
    if (L->npending) {
        L->pending_extra[L->npending - 1] += points;
        return;
    }
    if (!L->at_top)
        L->y += points;
}

void layout_rule(struct layout *L, float thickness, uint32_t color)
{
    flush_pending(L, thickness);
    if (L->y + thickness > bottom(L))
        new_page(L);
    float y = L->y + thickness / 2;
    layout_draw_line(L, L->page, L->ps.margin_left, y, L->ps.width - L->ps.margin_right, y,
                     color, thickness);
    L->y += thickness;
    L->at_top = 0;
}

void layout_page_break(struct layout *L)
{
    flush_pending(L, 0);
    if (!L->at_top)
        new_page(L);
}

struct layout_block layout_reserve(struct layout *L, float height)
{
    flush_pending(L, height);
    if (L->y + height > bottom(L) && !L->at_top)
        new_page(L);
    place_anchors(L);
    struct layout_block b = { L->page, L->ps.margin_left, L->y, layout_text_width(L), height };
    L->y += height;
    L->at_top = 0;
    return b;
}

static struct para *one_line(struct layout *L, const char *text,
                             const struct layout_text_style *st)
{
    struct layout_span sp = { text, NULL, NULL };
    struct para *p = para_shape(L, &sp, 1, st);
    float w = 0;
    for (size_t i = 0; i < p->g.len; i++)
        w += p->g.items[i].advance;
    size_t g1 = p->g.len;
    while (g1 > 0 && glyph_is_space(&p->g.items[g1 - 1]))
        g1--;
    set_positions(p, 0, g1, w, w, LAYOUT_LEFT, 1, 0);
    add_line(p, 0, g1, w);
    return p;
}

float layout_measure_text(struct layout *L, const char *text, const struct layout_text_style *st)
{
    struct para *p = one_line(L, text, st);
    float w = p->lines[0].width;
    para_free(p);
    return w;
}

float layout_draw_text(struct layout *L, int page, float x, float y, const char *text,
                       const struct layout_text_style *st, enum layout_align align)
{
    struct para *p = one_line(L, text, st);
    float w = p->lines[0].width;
    if (align == LAYOUT_RIGHT)
        x -= w;
    else if (align == LAYOUT_CENTER)
        x -= w / 2;
    emit_line(L, page, p, 0, x, y - p->lines[0].ascent);
    para_free(p);
    return w;
}

/* ---- Tables ---- */

static const struct layout_text_style table_body = { .font = FONT_SANS, .size = 8.5f,
    .leading = 1.45f, .color = 0x222222, .align = LAYOUT_LEFT };
static const struct layout_text_style table_head = { .font = FONT_SANS_BOLD, .size = 8.5f,
    .leading = 1.45f, .color = 0x111111, .align = LAYOUT_LEFT };

/* "1,234", "-5.2%", "72.03점", "3,000억 원": digits with separators and a short unit. */
static int looks_numeric(const char *s)
{
    if (!s)
        return 0;
    while (*s == ' ')
        s++;
    if (*s == '+' || *s == '-')
        s++;
    else if (strncmp(s, "\xE2\x88\x92", 3) == 0) /* − */
        s += 3;
    int digits = 0;
    while ((*s >= '0' && *s <= '9') || *s == ',' || *s == '.') {
        digits += *s >= '0' && *s <= '9';
        s++;
    }
    if (!digits)
        return 0;
    /* at most a few characters of unit after the number */
    size_t rest = strlen(s);
    return rest <= 12 && !strpbrk(s, "0123456789");
}

struct cell {
    struct para *p;
    enum layout_align align;
};

static void table_row_place(struct layout *L, struct cell *cells, size_t ncols,
                            const float *colx, const float *colw, float height, float y,
                            uint32_t fill)
{
    float x0 = colx[0], x1 = colx[ncols - 1] + colw[ncols - 1];
    if (fill != LAYOUT_NO_COLOR)
        layout_draw_rect(L, L->page, x0, y, x1 - x0, height, fill, LAYOUT_NO_COLOR, 0);
    for (size_t c = 0; c < ncols; c++) {
        struct para *p = cells[c].p;
        float ty = y + CELL_PAD_Y;
        for (size_t li = 0; li < p->nlines; li++) {
            emit_line(L, L->page, p, li, colx[c] + CELL_PAD_X, ty);
            ty += p->lines[li].height;
        }
    }
}

void layout_table(struct layout *L, const struct layout_table *t)
{
    size_t nc = t->ncols;
    if (nc == 0)
        return;
    const struct layout_text_style *bs = t->body ? t->body : &table_body;
    const struct layout_text_style *hs = t->head ? t->head : &table_head;
    float total = t->width > 0 ? t->width : layout_text_width(L);
    size_t nr = t->nrows;
    struct cell *head = xcalloc(nc, sizeof *head);
    struct cell *body = xcalloc(nr * nc > 0 ? nr * nc : 1, sizeof *body);
    float *natural = xcalloc(nc, sizeof *natural), *minw = xcalloc(nc, sizeof *minw);
    float *colw = xcalloc(nc, sizeof *colw), *colx = xcalloc(nc, sizeof *colx);

    /* Shape every cell once; widths are measured on the shaped text. */
    for (size_t c = 0; c < nc; c++) {
        struct layout_span sp = { t->cols[c].header ? t->cols[c].header : "", NULL, NULL };
        head[c].p = para_shape(L, &sp, 1, hs);
        float n = 0, m = 0;
        para_widths(head[c].p, &n, &m);
        natural[c] = n;
        minw[c] = m;
        head[c].align = t->cols[c].align == LAYOUT_RIGHT || t->cols[c].align == LAYOUT_CENTER
                        ? t->cols[c].align : LAYOUT_LEFT;
    }
    int *numeric_col = xcalloc(nc, sizeof *numeric_col);
    for (size_t r = 0; r < nr; r++)
        for (size_t c = 0; c < nc; c++) {
            const char *txt = t->cells ? t->cells[r * nc + c] : NULL;
            struct layout_span sp = { txt ? txt : "", NULL, NULL };
            struct cell *ce = &body[r * nc + c];
            const struct layout_cell *rc = t->rich ? &t->rich[r * nc + c] : NULL;
            if (rc && rc->nspans) {
                ce->p = para_shape(L, rc->spans, rc->nspans, bs);
                txt = rc->spans[0].text;
            } else {
                ce->p = para_shape(L, &sp, 1, bs);
            }
            float n = 0, m = 0;
            para_widths(ce->p, &n, &m);
            if (n > natural[c])
                natural[c] = n;
            if (m > minw[c])
                minw[c] = m;
            enum layout_align a = t->cols[c].align;
            if (a == LAYOUT_AUTO)
                a = looks_numeric(txt) ? LAYOUT_RIGHT : LAYOUT_LEFT;
            if (a == LAYOUT_RIGHT)
                numeric_col[c] = 1;
            ce->align = a;
        }
    /* Headers of right-aligned columns align right too. */
    for (size_t c = 0; c < nc; c++)
        if (numeric_col[c] && t->cols[c].align == LAYOUT_AUTO)
            head[c].align = LAYOUT_RIGHT;

    /* Column widths: fixed first, then content columns at their natural width (shrunk
     * toward their longest word when too wide), then proportional columns share the rest. */
    float pad = 2 * CELL_PAD_X, used = 0, weights = 0, content_total = 0, content_min = 0;
    for (size_t c = 0; c < nc; c++) {
        if (t->cols[c].width_kind == LAYOUT_COL_FIXED) {
            colw[c] = t->cols[c].width;
            used += colw[c];
        } else if (t->cols[c].width_kind == LAYOUT_COL_PROPORTIONAL) {
            weights += t->cols[c].width > 0 ? t->cols[c].width : 1;
            used += minw[c] + pad;
        } else {
            content_total += natural[c] + pad;
            content_min += minw[c] + pad;
        }
    }
    float room = total - used;
    for (size_t c = 0; c < nc; c++)
        if (t->cols[c].width_kind == LAYOUT_COL_PROPORTIONAL)
            room += minw[c] + pad;
    /* Content columns may take what proportional columns do not strictly need. */
    float prop_min = 0;
    for (size_t c = 0; c < nc; c++)
        if (t->cols[c].width_kind == LAYOUT_COL_PROPORTIONAL)
            prop_min += minw[c] + pad;
    float content_room = room - (weights > 0 ? fmaxf(prop_min, room * 0.35f) : 0);
    float k = 1;
    if (content_total > content_room && content_total > content_min)
        k = fmaxf(0, (content_room - content_min) / (content_total - content_min));
    float content_used = 0;
    for (size_t c = 0; c < nc; c++)
        if (t->cols[c].width_kind == LAYOUT_COL_CONTENT) {
            float mn = minw[c] + pad, nat = natural[c] + pad;
            colw[c] = k >= 1 ? nat : mn + (nat - mn) * k;
            content_used += colw[c];
        }
    float prop_room = room - content_used;
    for (size_t c = 0; c < nc; c++)
        if (t->cols[c].width_kind == LAYOUT_COL_PROPORTIONAL)
            colw[c] = prop_room * (t->cols[c].width > 0 ? t->cols[c].width : 1) / weights;
    if (weights == 0 && content_used + used < total) {
        /* Only content columns: spread the leftover so the table spans the measure. */
        float extra = (total - content_used - used) / (float)nc;
        for (size_t c = 0; c < nc; c++)
            colw[c] += extra;
    }
    float x = L->ps.margin_left;
    for (size_t c = 0; c < nc; c++) {
        colx[c] = x;
        x += colw[c];
    }

    /* Break every cell to its column. */
    float head_h = 0;
    for (size_t c = 0; c < nc; c++) {
        para_break(head[c].p, colw[c] - pad, head[c].align);
        float h = para_height(head[c].p, head[c].p->nlines) + 2 * CELL_PAD_Y;
        if (h > head_h)
            head_h = h;
    }
    float *row_h = xcalloc(nr ? nr : 1, sizeof *row_h);
    for (size_t r = 0; r < nr; r++)
        for (size_t c = 0; c < nc; c++) {
            struct cell *ce = &body[r * nc + c];
            para_break(ce->p, colw[c] - pad, ce->align);
            float h = para_height(ce->p, ce->p->nlines) + 2 * CELL_PAD_Y;
            if (h > row_h[r])
                row_h[r] = h;
        }

    /* Place: header, rows; a row that does not fit starts a page with the header again. */
    float x0 = colx[0], x1 = colx[nc - 1] + colw[nc - 1];
    flush_pending(L, head_h + (nr ? row_h[0] : 0));
    place_space_before(L, 4);
    if (L->y + head_h + (nr ? row_h[0] : 0) > bottom(L) && !L->at_top)
        new_page(L);
    place_anchors(L);
    int header_drawn = 0;
    for (size_t r = 0; r <= nr; r++) {
        if (!header_drawn) {
            layout_draw_line(L, L->page, x0, L->y, x1, L->y, 0x333333, 0.9f);
            table_row_place(L, head, nc, colx, colw, head_h, L->y, 0xE8ECF2);
            L->y += head_h;
            layout_draw_line(L, L->page, x0, L->y, x1, L->y, 0x333333, 0.6f);
            L->at_top = 0;
            header_drawn = 1;
        }
        if (r == nr)
            break;
        /* A row taller than a whole page is placed anyway, overflowing, rather than
         * starting pages for ever. */
        int fresh = L->y <= L->ps.margin_top + head_h + 0.01f;
        if (L->y + row_h[r] > bottom(L) && !fresh) {
            layout_draw_line(L, L->page, x0, L->y, x1, L->y, 0x333333, 0.9f);
            new_page(L);
            header_drawn = 0;
            r--;
            continue;
        }
        uint32_t fill = t->zebra && (r % 2 == 1) ? 0xF4F6F9 : LAYOUT_NO_COLOR;
        table_row_place(L, &body[r * nc], nc, colx, colw, row_h[r], L->y, fill);
        L->y += row_h[r];
        if (r + 1 < nr)
            layout_draw_line(L, L->page, x0, L->y, x1, L->y, 0xD5DAE1, 0.3f);
    }
    layout_draw_line(L, L->page, x0, L->y, x1, L->y, 0x333333, 0.9f);
    L->y += 8;

    for (size_t c = 0; c < nc; c++)
        para_free(head[c].p);
    for (size_t i = 0; i < nr * nc; i++)
        para_free(body[i].p);
    free(head);
    free(body);
    free(natural);
    free(minw);
    free(colw);
    free(colx);
    free(row_h);
    free(numeric_col);
}

/* ---- Finishing ---- */

void layout_finish(struct layout *L)
{
    if (L->finished)
        return;
    flush_pending(L, 0);
    ensure_page(L);
    place_anchors(L);
    L->finished = 1;
    const struct layout_text_style hf = { .font = FONT_SANS, .size = 7.5f, .leading = 1.2f,
        .color = 0x6B7280, .align = LAYOUT_LEFT };
    float left = L->ps.margin_left, right = L->ps.width - L->ps.margin_right;
    float head_base = L->ps.margin_top - LAYOUT_MM(8);
    float foot_base = L->ps.height - L->ps.margin_bottom + LAYOUT_MM(11);
    for (size_t i = 0; i < L->npages; i++) {
        int pg = (int)i;
        if (L->ps.header_left || L->ps.header_right) {
            if (L->ps.header_left)
                layout_draw_text(L, pg, left, head_base, L->ps.header_left, &hf, LAYOUT_LEFT);
            if (L->ps.header_right)
                layout_draw_text(L, pg, right, head_base, L->ps.header_right, &hf, LAYOUT_RIGHT);
            layout_draw_line(L, pg, left, head_base + 4, right, head_base + 4, 0xC7CDD6, 0.4f);
        }
        if (L->ps.page_numbers) {
            char num[64];
            snprintf(num, sizeof num, "%zu / %zu", i + 1, L->npages);
            layout_draw_text(L, pg, L->ps.width / 2, foot_base, num, &hf, LAYOUT_CENTER);
        }
    }
}

int layout_page_count(const struct layout *L)
{
    return (int)L->npages;
}

const struct layout_page *layout_get_page(const struct layout *L, int i)
{
    return &L->pages[i];
}

const struct layout_outline *layout_outlines(const struct layout *L, size_t *n)
{
    *n = L->noutlines;
    return L->outlines;
}

const struct layout_anchor *layout_anchors(const struct layout *L, size_t *n)
{
    *n = L->nanchors;
    return L->anchors;
}

const struct layout_page_setup *layout_setup(const struct layout *L)
{
    return &L->ps;
}

struct font_set *layout_fonts(const struct layout *L)
{
    return L->fs;
}

void layout_dump_positions(const struct layout *L, FILE *out)
{
    for (size_t i = 0; i < L->npages; i++) {
        const struct layout_page *pg = &L->pages[i];
        for (size_t k = 0; k < pg->nops; k++) {
            const struct layout_op *op = &pg->ops[k];
            if (op->kind != LAYOUT_OP_TEXT)
                continue;
            for (size_t g = op->u.text.first; g < op->u.text.first + op->u.text.count; g++)
                fprintf(out, "%zu %.3f %.3f U+%04X %.2f\n", i + 1, pg->glyphs[g].x,
                        L->ps.height - op->u.text.y, pg->glyphs[g].cp, op->u.text.size);
        }
    }
}

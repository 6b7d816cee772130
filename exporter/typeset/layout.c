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
#define STRUCT_DEPTH_MAX 32
#define SPAN_NODE_UNSET (-100)

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
    enum layout_role *roles;                    /* per span */
    int *span_node;      /* per span: its own element (Link, Lbl...), made when first drawn */
    size_t nspans;
    int node;            /* the element its text belongs to, or an artifact */
    struct shape_glyphs g;
    unsigned char *brk;  /* per glyph: level of a break after it */
    float *gx;           /* per glyph: x within its line */
    struct pline *lines;
    size_t nlines, lines_cap;
    const struct layout_text_style *st;
    struct layout_text_style *own_style;   /* a held paragraph's copy of the caller's style */
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
    size_t pending_anchors[PENDING_MAX];  /* anchors named before it: L->nanchors then */
    size_t npending;
    int finished;
    /* The structure tree; stack[depth - 1] is the open element (stack[0] the Document). */
    struct layout_node *nodes;
    size_t nnodes, nodes_cap;
    int stack[STRUCT_DEPTH_MAX];
    int depth;
    int last_heading_level;    /* 1 = H1 */
    /* Running header sections: owned copies; the next one waits for the next block. */
    char **sections;
    size_t nsections, sections_cap;
    const char *section, *next_section;
    int section_pending;
};

static float style_leading(const struct layout_text_style *st)
{
    return st->leading > 0 ? st->leading : DEFAULT_LEADING;
}

static const struct layout_text_style default_body = { .font = FONT_SANS, .size = 10,
    .leading = 1.6f, .color = 0x222222, .align = LAYOUT_JUSTIFY, .space_after = 6 };

/* ---- The structure tree ---- */

static const char *const role_names[LAYOUT_ROLE_COUNT] = {
    [LAYOUT_ROLE_NONE] = "Span", [LAYOUT_ROLE_DOCUMENT] = "Document", [LAYOUT_ROLE_SECT] = "Sect",
    [LAYOUT_ROLE_DIV] = "Div", [LAYOUT_ROLE_H1] = "H1", [LAYOUT_ROLE_H2] = "H2",
    [LAYOUT_ROLE_H3] = "H3", [LAYOUT_ROLE_H4] = "H4", [LAYOUT_ROLE_P] = "P",
    [LAYOUT_ROLE_L] = "L", [LAYOUT_ROLE_LI] = "LI", [LAYOUT_ROLE_LBL] = "Lbl",
    [LAYOUT_ROLE_LBODY] = "LBody", [LAYOUT_ROLE_TABLE] = "Table", [LAYOUT_ROLE_TR] = "TR",
    [LAYOUT_ROLE_TH] = "TH", [LAYOUT_ROLE_TD] = "TD", [LAYOUT_ROLE_FIGURE] = "Figure",
    [LAYOUT_ROLE_CAPTION] = "Caption", [LAYOUT_ROLE_LINK] = "Link", [LAYOUT_ROLE_NOTE] = "Note",
    [LAYOUT_ROLE_REFERENCE] = "Reference", [LAYOUT_ROLE_BLOCKQUOTE] = "BlockQuote",
    [LAYOUT_ROLE_ARTIFACT] = "Artifact",
};

const char *layout_role_name(enum layout_role role)
{
    return role >= 0 && role < LAYOUT_ROLE_COUNT ? role_names[role] : "Span";
}

static int node_new(struct layout *L, enum layout_role role, int parent, const char *alt)
{
    xgrow(&L->nodes, &L->nodes_cap, L->nnodes + 1, sizeof *L->nodes);
    struct layout_node *n = &L->nodes[L->nnodes];
    memset(n, 0, sizeof *n);
    n->role = role;
    n->parent = parent;
    n->alt = alt ? xstrdup(alt) : NULL;
    return (int)L->nnodes++;
}

static void node_add_kid(struct layout *L, int n, enum layout_kid_kind kind, int page, int index)
{
    struct layout_node *nd = &L->nodes[n];
    xgrow(&nd->kids, &nd->kids_cap, nd->nkids + 1, sizeof *nd->kids);
    nd->kids[nd->nkids++] = (struct layout_kid){ kind, page, index };
}

/* Lists n in its parent's kids (and the parent in its own, first): an element enters the tree
 * when its first content is drawn, so the kids come in reading order and empty elements stay
 * out. */
static void node_attach(struct layout *L, int n)
{
    if (n < 0 || L->nodes[n].attached || L->nodes[n].role == LAYOUT_ROLE_ARTIFACT)
        return;
    L->nodes[n].attached = 1;
    int parent = L->nodes[n].parent;
    if (parent >= 0) {
        node_attach(L, parent);
        node_add_kid(L, parent, LAYOUT_KID_NODE, 0, n);
    }
}

static int current_node(const struct layout *L)
{
    return L->stack[L->depth - 1];
}

static int role_groups(enum layout_role r)
{
    return r == LAYOUT_ROLE_DOCUMENT || r == LAYOUT_ROLE_SECT || r == LAYOUT_ROLE_DIV
           || r == LAYOUT_ROLE_TABLE || r == LAYOUT_ROLE_TR;
}

/* The element a paragraph's text goes into, made as the open element asks (layout.h). */
static int para_node(struct layout *L)
{
    int cur = current_node(L);
    enum layout_role r = L->nodes[cur].role;
    if (r == LAYOUT_ROLE_ARTIFACT)
        return LAYOUT_ARTIFACT;
    if (r == LAYOUT_ROLE_L)
        return node_new(L, LAYOUT_ROLE_LBODY, node_new(L, LAYOUT_ROLE_LI, cur, NULL), NULL);
    if (r == LAYOUT_ROLE_LI)
        return node_new(L, LAYOUT_ROLE_LBODY, cur, NULL);
    if (role_groups(r))
        return node_new(L, LAYOUT_ROLE_P, cur, NULL);
    return cur;
}

static int heading_node(struct layout *L, int outline_level)
{
    int level = outline_level >= 0 ? outline_level + 1 : L->last_heading_level + 1;
    if (outline_level >= 0)
        L->last_heading_level = level;
    level = level < 1 ? 1 : level > 4 ? 4 : level;
    int cur = current_node(L);
    enum layout_role r = L->nodes[cur].role;
    if (r == LAYOUT_ROLE_ARTIFACT)
        return LAYOUT_ARTIFACT;
    if (!role_groups(r))
        return cur;
    return node_new(L, (enum layout_role)(LAYOUT_ROLE_H1 + level - 1), cur, NULL);
}

/* What a drawing primitive's op belongs to: inside a Figure (or any element the caller opened
 * other than a grouping one) that element; elsewhere rectangles and lines are decoration and
 * text is a paragraph of its own. */
static int draw_node(struct layout *L, int is_text)
{
    int cur = current_node(L);
    enum layout_role r = L->nodes[cur].role;
    if (r == LAYOUT_ROLE_ARTIFACT)
        return LAYOUT_ARTIFACT;
    for (int i = L->depth - 1; i > 0; i--)
        if (L->nodes[L->stack[i]].role == LAYOUT_ROLE_FIGURE)
            return cur;
    if (!is_text)
        return LAYOUT_ARTIFACT;
    return role_groups(r) ? node_new(L, LAYOUT_ROLE_P, cur, NULL) : cur;
}

void layout_begin_struct(struct layout *L, enum layout_role role, const char *alt)
{
    if (L->depth == STRUCT_DEPTH_MAX) {
        diag_warning(L->d, NULL, 0, 0, "structure nested deeper than %d; flattened",
                     STRUCT_DEPTH_MAX);
        L->depth--;
    }
    int parent = current_node(L);
    if (L->nodes[parent].role == LAYOUT_ROLE_ARTIFACT)
        role = LAYOUT_ROLE_ARTIFACT;
    L->stack[L->depth++] = node_new(L, role, parent, alt);
}

void layout_end_struct(struct layout *L)
{
    if (L->depth > 1)
        L->depth--;
}

const struct layout_node *layout_nodes(const struct layout *L, size_t *n)
{
    *n = L->nnodes;
    return L->nodes;
}

void layout_running_section(struct layout *L, const char *text)
{
    char *copy = NULL;
    if (text) {
        struct buf t = BUF_INIT;
        shape_clean(text, strlen(text), &t);
        copy = buf_detach(&t);
        xgrow(&L->sections, &L->sections_cap, L->nsections + 1, sizeof *L->sections);
        L->sections[L->nsections++] = copy;
    }
    L->next_section = copy;
    L->section_pending = 1;
}

static void para_free(struct para *p)
{
    if (!p)
        return;
    buf_free(&p->text);
    free(p->own_style);
    free(p->spans);
    free(p->styles);
    free(p->uris);
    free(p->roles);
    free(p->span_node);
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
    p->roles = xcalloc(n ? n : 1, sizeof *p->roles);
    p->span_node = xcalloc(n ? n : 1, sizeof *p->span_node);
    p->node = LAYOUT_ARTIFACT;
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
        p->roles[i] = spans[i].role;
        p->span_node[i] = SPAN_NODE_UNSET;
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
/* A justified line widens each space by at most this many times its natural width (a space
 * at most doubles). Lines that would need more are avoided by breaking between syllables as
 * KLREQ allows (total fit below); a line that still would is set with the capped spaces,
 * short of the right margin, never with gaps of several spaces. */
#define JUSTIFY_MAX_STRETCH 1.0f

/* Places x positions of glyphs [g0, g1) on a line of the given width. */
static void set_positions(struct para *p, size_t g0, size_t g1, float width, float avail,
                          enum layout_align align, int last, float indent)
{
    float extra = avail - width, shift = indent, per_space = 0;
    if (align == LAYOUT_JUSTIFY && !last && extra > 0) {
        /* Justified by widening the spaces only, never the Hangul: a line without spaces
         * (one eojeol broken inside) stays flush left. */
        size_t spaces = 0;
        float space_w = 0;
        for (size_t i = g0; i < g1; i++)
            if (glyph_is_space(&p->g.items[i])) {
                spaces++;
                if (space_w == 0)
                    space_w = p->g.items[i].advance;
            }
        if (spaces)
            per_space = fminf(extra / (float)spaces, space_w * JUSTIFY_MAX_STRETCH);
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

/* Demerits of ending a line at a syllable break instead of a space: more than any line
 * within the stretch limit, less than one beyond it. */
#define SYLLABLE_BREAK_COST 1e6
#define OVERSTRETCH_COST 1e8

/* Prefix sums over a paragraph's glyphs for total fit. */
struct fit_sums {
    double *width;       /* width[i]: advances of glyphs [0, i) */
    size_t *spaces;      /* spaces[i]: spaces among glyphs [0, i) */
    size_t *trim;        /* trim[i]: the last non-space glyph at or before i */
    double space_w;
};

static void fit_sums_init(const struct para *p, struct fit_sums *f)
{
    size_t ng = p->g.len;
    f->width = xmalloc((ng + 1) * sizeof *f->width);
    f->spaces = xmalloc((ng + 1) * sizeof *f->spaces);
    f->trim = xmalloc(ng * sizeof *f->trim);
    f->width[0] = 0;
    f->spaces[0] = 0;
    f->space_w = 0;
    for (size_t i = 0; i < ng; i++) {
        const struct shape_glyph *gl = &p->g.items[i];
        f->width[i + 1] = f->width[i] + gl->advance;
        f->spaces[i + 1] = f->spaces[i] + glyph_is_space(gl);
        if (glyph_is_space(gl) && f->space_w == 0)
            f->space_w = gl->advance;
        f->trim[i] = glyph_is_space(gl) ? (i ? f->trim[i - 1] : 0) : i;
    }
    if (f->space_w <= 0)
        f->space_w = p->st->size * 0.25;
}

static void fit_sums_free(struct fit_sums *f)
{
    free(f->width);
    free(f->spaces);
    free(f->trim);
}

/* Demerits of one line of glyphs [a, ct] (its last drawn glyph ct) in a measure of lim. */
static double line_demerits(const struct fit_sums *f, size_t a, size_t ct, double lim, int last,
                            int syllable_break)
{
    double width = f->width[ct + 1] - f->width[a], extra = lim - width, bad;
    size_t spaces = f->spaces[ct + 1] - f->spaces[a];
    if (last) {
        bad = 0;
    } else if (spaces) {
        double r = extra / ((double)spaces * f->space_w);
        if (r > JUSTIFY_MAX_STRETCH)
            return OVERSTRETCH_COST * (1 + r);
        bad = 100 * r * r * r;
    } else {
        bad = extra > 1 ? 10000 : 0;
    }
    return (10 + bad) * (10 + bad) + (syllable_break ? SYLLABLE_BREAK_COST : 0);
}

/* Lays out the lines ending at candidates cand[ends[0..n)]. */
static void fit_apply(struct para *p, const struct fit_sums *f, const size_t *cand,
                      const size_t *ends, size_t n, float avail)
{
    size_t ng = p->g.len, s = 0;
    for (size_t li = 0; li < n; li++) {
        size_t c = cand[ends[li]];
        while (s < ng && glyph_is_space(&p->g.items[s]))
            s++;
        size_t g1 = c + 1;
        while (g1 > s && glyph_is_space(&p->g.items[g1 - 1]))
            g1--;
        float indent = li == 0 ? p->st->indent : 0;
        float w = (float)(f->width[g1] - f->width[s]);
        set_positions(p, s, g1, w, avail - indent, LAYOUT_JUSTIFY, li + 1 == n, indent);
        add_line(p, s, g1, w + indent);
        s = c + 1;
    }
}

static int is_syllable(uint32_t cp)
{
    return cp >= 0xAC00 && cp <= 0xD7A3;
}

/* A break after glyph i inside an eojeol that reads well: between two Hangul syllables, with
 * at least two syllables of the eojeol on each side (never a particle alone: "퓨리오사AI" /
 * "와"). */
static int syllable_break_ok(const struct para *p, size_t i)
{
    size_t ng = p->g.len;
    if (i < 1 || i + 2 >= ng)
        return 0;
    const struct shape_glyph *g = p->g.items;
    return is_syllable(g[i - 1].cp) && is_syllable(g[i].cp) && is_syllable(g[i + 1].cp)
           && is_syllable(g[i + 2].cp);
}

/* Total-fit breaking for justified text (Knuth–Plass in miniature): among the word-basis
 * breaks, choose the set that keeps the spaces of all lines evenly stretched, instead of
 * filling each line greedily and leaving a very loose one before a long eojeol. Where every
 * choice would stretch some line's spaces past JUSTIFY_MAX_STRETCH, a line may end between two
 * syllables (KLREQ's character basis) instead. Returns 0, leaving p untouched, when the text
 * has hard breaks or some piece fits no line even so: the greedy breaker handles those. */
static int para_break_total_fit(struct para *p, float avail)
{
    size_t ng = p->g.len;
    if (ng < 2)
        return 0;
    for (size_t i = 0; i + 1 < ng; i++)
        if (p->brk[i] == LINEBREAK_MUST)
            return 0;
    struct fit_sums f;
    fit_sums_init(p, &f);
    /* Candidates: the paragraph start ("before glyph 0"), word and syllable breaks. */
    size_t *cand = xmalloc((ng + 1) * sizeof *cand), nc = 0;
    double *cost = xmalloc((ng + 1) * sizeof *cost);
    long *prev = xmalloc((ng + 1) * sizeof *prev);
    cand[nc++] = (size_t)-1;
    for (size_t i = 0; i < ng; i++)
        if (p->brk[i] >= LINEBREAK_ALLOW || (p->brk[i] == LINEBREAK_EMERGENCY
                                            && syllable_break_ok(p, i)))
            cand[nc++] = i;
    int ok = 1;
    cost[0] = 0;
    prev[0] = -1;
    for (size_t k = 1; k < nc && ok; k++) {
        size_t c = cand[k], ct = f.trim[c];
        int syllable = p->brk[c] == LINEBREAK_EMERGENCY;
        cost[k] = -1;
        for (size_t j = k; j-- > 0;) {
            size_t a = cand[j] == (size_t)-1 ? 0 : cand[j] + 1;
            while (a < ng && glyph_is_space(&p->g.items[a]))
                a++;
            if (a > ct)
                continue;
            double lim = avail - (j == 0 ? p->st->indent : 0);
            if (f.width[ct + 1] - f.width[a] > lim + 0.01)
                break;
            if (cost[j] < 0)
                continue;
            double total = cost[j] + line_demerits(&f, a, ct, lim, k == nc - 1, syllable);
            if (cost[k] < 0 || total < cost[k]) {
                cost[k] = total;
                prev[k] = (long)j;
            }
        }
        /* a piece wider than the line: the greedy breaker's emergency levels */
        if (cost[k] < 0 && !syllable)
            ok = 0;
    }
    if (ok && cost[nc - 1] >= 0) {
        size_t nlines = 0;
        for (long k = (long)nc - 1; k > 0; k = prev[k])
            nlines++;
        size_t *ends = xmalloc(nlines * sizeof *ends), n = nlines;
        for (long k = (long)nc - 1; k > 0; k = prev[k])
            ends[--n] = (size_t)k;
        fit_apply(p, &f, cand, ends, nlines, avail);
        free(ends);
    } else {
        ok = 0;
    }
    fit_sums_free(&f);
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
    L->pages[L->page].section = L->section;
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

/* A new op on page belonging to node: it continues the marked-content sequence of the op
 * before it when that belongs to the same element, else opens a new one (a new MCID, listed in
 * the element's kids). */
static struct layout_op *push_op(struct layout *L, int page, int node)
{
    struct layout_page *pg = page_at(L, page);
    xgrow(&pg->ops, &pg->ops_cap, pg->nops + 1, sizeof *pg->ops);
    struct layout_op *op = &pg->ops[pg->nops++];
    memset(op, 0, sizeof *op);
    op->node = node;
    op->mcid = -1;
    if (node >= 0) {
        const struct layout_op *prev = pg->nops > 1 ? &pg->ops[pg->nops - 2] : NULL;
        if (prev && prev->node == node) {
            op->mcid = prev->mcid;
        } else {
            op->mcid = pg->nmcid++;
            node_attach(L, node);
            node_add_kid(L, node, LAYOUT_KID_CONTENT, page, op->mcid);
        }
    }
    return op;
}

static void rect_as(struct layout *L, int page, int node, float x, float y, float w, float h,
                    uint32_t fill, uint32_t stroke, float line_width)
{
    struct layout_op *op = push_op(L, page, node);
    op->kind = LAYOUT_OP_RECT;
    op->u.rect.x = x;
    op->u.rect.y = y;
    op->u.rect.w = w;
    op->u.rect.h = h;
    op->u.rect.fill = fill;
    op->u.rect.stroke = stroke;
    op->u.rect.line_width = line_width;
}

static void line_as(struct layout *L, int page, int node, float x1, float y1, float x2, float y2,
                    uint32_t color, float line_width)
{
    struct layout_op *op = push_op(L, page, node);
    op->kind = LAYOUT_OP_LINE;
    op->u.line.x1 = x1;
    op->u.line.y1 = y1;
    op->u.line.x2 = x2;
    op->u.line.y2 = y2;
    op->u.line.color = color;
    op->u.line.line_width = line_width;
}

void layout_draw_rect(struct layout *L, int page, float x, float y, float w, float h,
                      uint32_t fill, uint32_t stroke, float line_width)
{
    rect_as(L, page, draw_node(L, 0), x, y, w, h, fill, stroke, line_width);
}

void layout_draw_line(struct layout *L, int page, float x1, float y1, float x2, float y2,
                      uint32_t color, float line_width)
{
    line_as(L, page, draw_node(L, 0), x1, y1, x2, y2, color, line_width);
}

/* A link annotation of the Link element node (listed among its kids as an OBJR). */
static void link_as(struct layout *L, int page, int node, float x, float y, float w, float h,
                    const char *uri)
{
    struct layout_page *pg = page_at(L, page);
    xgrow(&pg->links, &pg->links_cap, pg->nlinks + 1, sizeof *pg->links);
    pg->links[pg->nlinks] = (struct layout_link){ x, y, w, h, xstrdup(uri), node };
    if (node >= 0) {
        node_attach(L, node);
        node_add_kid(L, node, LAYOUT_KID_LINK, page, (int)pg->nlinks);
    }
    pg->nlinks++;
}

void layout_link(struct layout *L, int page, float x, float y, float w, float h, const char *uri)
{
    int cur = current_node(L);
    int node = L->nodes[cur].role == LAYOUT_ROLE_ARTIFACT
               ? LAYOUT_ARTIFACT : node_new(L, LAYOUT_ROLE_LINK, cur, NULL);
    link_as(L, page, node, x, y, w, h, uri);
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
static void place_anchors_before(struct layout *L, size_t end)
{
    size_t first = L->nanchors - L->unplaced_anchors;
    for (size_t i = first; i < end && i < L->nanchors; i++) {
        L->anchors[i].page = L->page;
        L->anchors[i].y = L->y;
    }
    if (end > first)
        L->unplaced_anchors = end >= L->nanchors ? 0 : L->nanchors - end;
}

/* The anchors named before index end (and the running section) at the current position. */
static void start_block(struct layout *L, size_t end)
{
    place_anchors_before(L, end);
    if (L->section_pending) {
        L->section = L->next_section;
        L->section_pending = 0;
        if (L->at_top)
            L->pages[L->page].section = L->section;
    }
}

static void place_anchors(struct layout *L)
{
    start_block(L, L->nanchors);
}

/* The element a span's glyphs belong to: its own Lbl, Reference or Link when it has a role or
 * a uri (made the first time it is drawn, so it enters the tree in reading order), else the
 * paragraph's. */
static int span_node(struct layout *L, struct para *p, size_t sp)
{
    if (p->node < 0)
        return p->node;
    if (p->span_node[sp] != SPAN_NODE_UNSET)
        return p->span_node[sp];
    int n = p->node;
    const char *text = p->text.data + p->spans[sp].start;
    size_t len = p->spans[sp].end - p->spans[sp].start;
    if (p->roles[sp] == LAYOUT_ROLE_LBL) {
        int parent = L->nodes[n].role == LAYOUT_ROLE_LBODY ? L->nodes[n].parent : n;
        n = node_new(L, LAYOUT_ROLE_LBL, parent, NULL);
    } else if (p->roles[sp] == LAYOUT_ROLE_REFERENCE) {
        n = node_new(L, LAYOUT_ROLE_REFERENCE, n, NULL);
    }
    if (p->uris[sp]) {
        n = node_new(L, LAYOUT_ROLE_LINK, n, NULL);
        L->nodes[n].alt = xstrndup(text, len);
    }
    p->span_node[sp] = n;
    return n;
}

/* Emits one line of p at (x, top) on page: text runs, placeholder boxes, links. */
static void emit_line(struct layout *L, int page, struct para *p, size_t li, float x,
                      float top)
{
    const struct pline *ln = &p->lines[li];
    struct layout_page *pg = page_at(L, page);
    float base = top + ln->ascent;
    struct layout_op *run = NULL;
    /* A line broken at a space keeps that space, drawn (invisibly) after its last glyph: text
     * extraction and the tagged text then see two words, not one run together. */
    size_t end = ln->g1;
    if (end > ln->g0 && end < p->g.len && glyph_is_space(&p->g.items[end])
        && p->g.items[end].face >= 0) {
        const struct shape_glyph *last = &p->g.items[end - 1];
        p->gx[end] = p->gx[end - 1] - last->x_offset + last->advance;
        end++;
    }
    for (size_t i = ln->g0; i < end; i++) {
        const struct shape_glyph *gl = &p->g.items[i];
        const struct layout_text_style *ss = p->styles[gl->span];
        int node = span_node(L, p, gl->span);
        if (gl->face < 0) {
            /* Placeholder for a character no font has: a visible box. */
            float sz = ss->size;
            rect_as(L, page, node, x + p->gx[i] + sz * 0.08f, base - sz * 0.72f,
                    sz * 0.44f, sz * 0.72f, LAYOUT_NO_COLOR, ss->color, 0.5f);
            pg = page_at(L, page);
            run = NULL;
            continue;
        }
        float y = base - gl->y_offset - ss->rise;
        if (!run || run->u.text.face != gl->face || run->u.text.size != ss->size
            || run->u.text.color != ss->color || run->u.text.y != y || run->node != node) {
            run = push_op(L, page, node);
            pg = page_at(L, page);
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
            link_as(L, page, span_node(L, p, sp), x0, top, x1 - x0, ln->height, p->uris[sp]);
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
    L->stack[0] = node_new(L, LAYOUT_ROLE_DOCUMENT, -1, NULL);
    L->nodes[0].attached = 1;
    L->depth = 1;
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
    for (size_t i = 0; i < L->nnodes; i++) {
        free(L->nodes[i].alt);
        free(L->nodes[i].kids);
    }
    free(L->nodes);
    for (size_t i = 0; i < L->nsections; i++)
        free(L->sections[i]);
    free(L->sections);
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
        /* each held block gets the anchors named before it, not those of a later one */
        if (i == 0)
            start_block(L, L->pending_anchors[0]);
        else
            place_anchors_before(L, L->pending_anchors[i]);
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
    p->node = para_node(L);
    para_break(p, layout_text_width(L) - st->inset, st->align);
    place_para(L, p);
    para_free(p);
}

void layout_paragraph_keep(struct layout *L, const struct layout_span *spans, size_t n,
                           const struct layout_text_style *st)
{
    if (!st)
        st = &default_body;
    if (L->npending == PENDING_MAX)
        flush_pending(L, 0);
    /* held past this call: the style (often the caller's local copy) goes with the paragraph;
     * spans' own styles and texts are the caller's until the layout is finished, as always */
    struct layout_text_style *own = xmalloc(sizeof *own);
    *own = *st;
    struct para *p = para_shape(L, spans, n, own);
    p->own_style = own;
    p->node = para_node(L);
    para_break(p, layout_text_width(L) - own->inset, own->align);
    L->pending_level[L->npending] = -1;   /* no bookmark */
    L->pending_anchors[L->npending] = L->nanchors;
    L->pending_extra[L->npending] = 0;
    L->pending[L->npending++] = p;
}

void layout_paragraph(struct layout *L, const char *text, const struct layout_text_style *st)
{
    struct layout_span sp = { text, NULL, NULL, LAYOUT_ROLE_NONE };
    layout_paragraph_spans(L, &sp, 1, st);
}

void layout_heading(struct layout *L, const char *text, const struct layout_text_style *st,
                    int outline_level)
{
    if (!st)
        st = &default_body;
    if (L->npending == PENDING_MAX)
        flush_pending(L, 0);
    struct layout_span sp = { text, NULL, NULL, LAYOUT_ROLE_NONE };
    struct para *p = para_shape(L, &sp, 1, st);
    p->node = heading_node(L, outline_level);
    para_break(p, layout_text_width(L) - st->inset,
               st->align == LAYOUT_JUSTIFY ? LAYOUT_LEFT : st->align);
    L->pending_level[L->npending] = outline_level;
    L->pending_anchors[L->npending] = L->nanchors;
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
    line_as(L, L->page, LAYOUT_ARTIFACT, L->ps.margin_left, y, L->ps.width - L->ps.margin_right,
            y, color, thickness);
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
    struct layout_span sp = { text, NULL, NULL, LAYOUT_ROLE_NONE };
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

static float text_as(struct layout *L, int page, int node, float x, float y, const char *text,
                     const struct layout_text_style *st, enum layout_align align)
{
    struct para *p = one_line(L, text, st);
    p->node = node;
    float w = p->lines[0].width;
    if (align == LAYOUT_RIGHT)
        x -= w;
    else if (align == LAYOUT_CENTER)
        x -= w / 2;
    emit_line(L, page, p, 0, x, y - p->lines[0].ascent);
    para_free(p);
    return w;
}

float layout_draw_text(struct layout *L, int page, float x, float y, const char *text,
                       const struct layout_text_style *st, enum layout_align align)
{
    return text_as(L, page, draw_node(L, 1), x, y, text, st, align);
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

/* One table on its way to the page: shaped cells, column geometry, row heights. */
struct table_work {
    const struct layout_table *t;
    size_t nc, nr;
    struct cell *head, *body;          /* nc header cells, nr × nc body cells */
    float *natural, *minw;             /* per column: widest line, widest word */
    float *colw, *colx;
    float *row_h, head_h;
    int *numeric_col;
};

static void table_work_free(struct table_work *w)
{
    for (size_t c = 0; c < w->nc; c++)
        para_free(w->head[c].p);
    for (size_t i = 0; i < w->nr * w->nc; i++)
        para_free(w->body[i].p);
    free(w->head);
    free(w->body);
    free(w->natural);
    free(w->minw);
    free(w->colw);
    free(w->colx);
    free(w->row_h);
    free(w->numeric_col);
}

static void table_measure(struct table_work *w, size_t c, const struct para *p)
{
    float n = 0, m = 0;
    para_widths(p, &n, &m);
    if (n > w->natural[c])
        w->natural[c] = n;
    if (m > w->minw[c])
        w->minw[c] = m;
}

/* Shapes every cell once (widths are measured on the shaped text) and settles alignments. */
static void table_shape(struct layout *L, struct table_work *w)
{
    const struct layout_table *t = w->t;
    size_t nc = w->nc;
    const struct layout_text_style *bs = t->body ? t->body : &table_body;
    const struct layout_text_style *hs = t->head ? t->head : &table_head;
    for (size_t c = 0; c < nc; c++) {
        struct layout_span sp = { t->cols[c].header ? t->cols[c].header : "", NULL, NULL, 0 };
        w->head[c].p = para_shape(L, &sp, 1, hs);
        table_measure(w, c, w->head[c].p);
        w->head[c].align = t->cols[c].align == LAYOUT_RIGHT || t->cols[c].align == LAYOUT_CENTER
                           ? t->cols[c].align : LAYOUT_LEFT;
    }
    for (size_t r = 0; r < w->nr; r++)
        for (size_t c = 0; c < nc; c++) {
            const char *txt = t->cells ? t->cells[r * nc + c] : NULL;
            struct layout_span sp = { txt ? txt : "", NULL, NULL, 0 };
            struct cell *ce = &w->body[r * nc + c];
            const struct layout_cell *rc = t->rich ? &t->rich[r * nc + c] : NULL;
            if (rc && rc->nspans) {
                ce->p = para_shape(L, rc->spans, rc->nspans, bs);
                txt = rc->spans[0].text;
            } else {
                ce->p = para_shape(L, &sp, 1, bs);
            }
            table_measure(w, c, ce->p);
            enum layout_align a = t->cols[c].align;
            if (a == LAYOUT_AUTO)
                a = looks_numeric(txt) ? LAYOUT_RIGHT : LAYOUT_LEFT;
            if (a == LAYOUT_RIGHT)
                w->numeric_col[c] = 1;
            ce->align = a;
        }
    /* Headers of right-aligned columns align right too. */
    for (size_t c = 0; c < nc; c++)
        if (w->numeric_col[c] && t->cols[c].align == LAYOUT_AUTO)
            w->head[c].align = LAYOUT_RIGHT;
}

/* Makes the columns span exactly total with every column that is not fixed at least its
 * widest word (plus padding): a column below that is raised and the columns above it give the
 * difference up in proportion to their slack. When even the widest words do not fit, every
 * such column gets the same share of its widest word: narrower than its words, but never
 * squeezed to nothing or pushed off the page. */
static void fit_columns(struct table_work *w, float total)
{
    const struct layout_table *t = w->t;
    float pad = 2 * CELL_PAD_X, fixed = 0, floors = 0;
    for (size_t c = 0; c < w->nc; c++) {
        if (t->cols[c].width_kind == LAYOUT_COL_FIXED)
            fixed += w->colw[c];
        else
            floors += w->minw[c] + pad;
    }
    float room = total - fixed;
    if (floors <= 0 || room <= 0)
        return;
    if (floors > room) {
        for (size_t c = 0; c < w->nc; c++)
            if (t->cols[c].width_kind != LAYOUT_COL_FIXED)
                w->colw[c] = (w->minw[c] + pad) * room / floors;
        return;
    }
    for (size_t pass = 0; pass < w->nc; pass++) {
        float raise = 0, slack = 0;
        for (size_t c = 0; c < w->nc; c++) {
            if (t->cols[c].width_kind == LAYOUT_COL_FIXED)
                continue;
            float floor = w->minw[c] + pad;
            if (w->colw[c] < floor) {
                raise += floor - w->colw[c];
                w->colw[c] = floor;
            } else {
                slack += w->colw[c] - floor;
            }
        }
        if (raise <= 0.001f || slack <= 0)
            return;
        float take = fminf(1, raise / slack);
        for (size_t c = 0; c < w->nc; c++) {
            float floor = w->minw[c] + pad;
            if (t->cols[c].width_kind != LAYOUT_COL_FIXED && w->colw[c] > floor)
                w->colw[c] -= (w->colw[c] - floor) * take;
        }
    }
}

/* Column widths: fixed first, then content columns at their natural width (shrunk toward
 * their longest word when too wide), then proportional columns share the rest. */
static void table_columns(struct layout *L, struct table_work *w)
{
    const struct layout_table *t = w->t;
    size_t nc = w->nc;
    float total = t->width > 0 ? t->width : layout_text_width(L);
    float *colw = w->colw, *minw = w->minw, *natural = w->natural;
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
    fit_columns(w, total);
    float x = L->ps.margin_left;
    for (size_t c = 0; c < nc; c++) {
        w->colx[c] = x;
        x += colw[c];
    }
}

/* Breaks every cell to its column; the tallest cell sets the row height. */
static void table_break_cells(struct table_work *w)
{
    float pad = 2 * CELL_PAD_X;
    for (size_t c = 0; c < w->nc; c++) {
        para_break(w->head[c].p, w->colw[c] - pad, w->head[c].align);
        float h = para_height(w->head[c].p, w->head[c].p->nlines) + 2 * CELL_PAD_Y;
        if (h > w->head_h)
            w->head_h = h;
    }
    for (size_t r = 0; r < w->nr; r++)
        for (size_t c = 0; c < w->nc; c++) {
            struct cell *ce = &w->body[r * w->nc + c];
            para_break(ce->p, w->colw[c] - pad, ce->align);
            float h = para_height(ce->p, ce->p->nlines) + 2 * CELL_PAD_Y;
            if (h > w->row_h[r])
                w->row_h[r] = h;
        }
}

/* Table > TR > TH | TD, every cell listed even when empty (a regular grid for readers). */
static void table_tag(struct layout *L, struct table_work *w)
{
    int cur = current_node(L);
    if (L->nodes[cur].role == LAYOUT_ROLE_ARTIFACT)
        return;
    int table = node_new(L, LAYOUT_ROLE_TABLE, cur, NULL);
    node_attach(L, table);
    for (size_t r = 0; r <= w->nr; r++) {
        int tr = node_new(L, LAYOUT_ROLE_TR, table, NULL);
        node_attach(L, tr);
        for (size_t c = 0; c < w->nc; c++) {
            int header = r == 0 || (c == 0 && w->t->row_headers);
            int cell = node_new(L, header ? LAYOUT_ROLE_TH : LAYOUT_ROLE_TD, tr, NULL);
            L->nodes[cell].scope = r == 0 ? 1 : header ? 2 : 0;
            node_attach(L, cell);
            (r == 0 ? w->head[c].p : w->body[(r - 1) * w->nc + c].p)->node = cell;
        }
    }
}

static void table_row_place(struct layout *L, struct cell *cells, const struct table_work *w,
                            float height, uint32_t fill)
{
    size_t ncols = w->nc;
    const float *colx = w->colx, *colw = w->colw;
    float x0 = colx[0], x1 = colx[ncols - 1] + colw[ncols - 1];
    if (fill != LAYOUT_NO_COLOR)
        rect_as(L, L->page, LAYOUT_ARTIFACT, x0, L->y, x1 - x0, height, fill, LAYOUT_NO_COLOR, 0);
    for (size_t c = 0; c < ncols; c++) {
        struct para *p = cells[c].p;
        float ty = L->y + CELL_PAD_Y;
        for (size_t li = 0; li < p->nlines; li++) {
            emit_line(L, L->page, p, li, colx[c] + CELL_PAD_X, ty);
            ty += p->lines[li].height;
        }
    }
}

static void table_rule(struct layout *L, const struct table_work *w, uint32_t color, float width)
{
    float x0 = w->colx[0], x1 = w->colx[w->nc - 1] + w->colw[w->nc - 1];
    line_as(L, L->page, LAYOUT_ARTIFACT, x0, L->y, x1, L->y, color, width);
}

static const struct layout_text_style table_continued = { .font = FONT_SANS, .size = 7.5f,
    .leading = 1.4f, .color = 0x6B7280, .align = LAYOUT_LEFT };

/* The header row; repeated on a later page it is an artifact, under the "continued" mark. */
static void table_header_place(struct layout *L, struct table_work *w, int repeat)
{
    if (repeat) {
        for (size_t c = 0; c < w->nc; c++)
            w->head[c].p->node = LAYOUT_ARTIFACT;
        if (w->t->continued && *w->t->continued) {
            float lh = table_continued.size * table_continued.leading;
            text_as(L, L->page, LAYOUT_ARTIFACT, w->colx[0], L->y + lh * 0.75f,
                    w->t->continued, &table_continued, LAYOUT_LEFT);
            L->y += lh;
        }
    }
    table_rule(L, w, 0x333333, 0.9f);
    table_row_place(L, w->head, w, w->head_h, 0xE8ECF2);
    L->y += w->head_h;
    table_rule(L, w, 0x333333, 0.6f);
    L->at_top = 0;
}

/* Header, then rows; a row that does not fit starts a page with the header again. The header
 * starts a page only with two rows under it, and the last row never goes alone onto a page. */
static void table_place(struct layout *L, struct table_work *w)
{
    size_t nr = w->nr;
    float opening = w->head_h + (nr ? w->row_h[0] : 0) + (nr > 1 ? w->row_h[1] : 0);
    flush_pending(L, 4 + opening);
    place_space_before(L, 4);
    if (L->y + opening > bottom(L) && !L->at_top)
        new_page(L);
    place_anchors(L);
    table_tag(L, w);
    table_header_place(L, w, 0);
    size_t on_page = 0;
    for (size_t r = 0; r < nr; r++) {
        int breaks = L->y + w->row_h[r] > bottom(L);
        if (!breaks && r + 2 == nr && on_page >= 2
            && L->y + w->row_h[r] + w->row_h[r + 1] > bottom(L))
            breaks = 1;
        /* A row taller than a whole page is placed anyway, overflowing, rather than starting
         * pages for ever. */
        if (breaks && on_page > 0) {
            table_rule(L, w, 0x333333, 0.9f);
            new_page(L);
            table_header_place(L, w, 1);
            on_page = 0;
        }
        uint32_t fill = w->t->zebra && (r % 2 == 1) ? 0xF4F6F9 : LAYOUT_NO_COLOR;
        table_row_place(L, &w->body[r * w->nc], w, w->row_h[r], fill);
        L->y += w->row_h[r];
        on_page++;
        if (r + 1 < nr)
            table_rule(L, w, 0xD5DAE1, 0.3f);
    }
    table_rule(L, w, 0x333333, 0.9f);
    L->y += 8;
}

void layout_table(struct layout *L, const struct layout_table *t)
{
    size_t nc = t->ncols, nr = t->nrows;
    if (nc == 0)
        return;
    struct table_work w = { .t = t, .nc = nc, .nr = nr };
    w.head = xcalloc(nc, sizeof *w.head);
    w.body = xcalloc(nr * nc > 0 ? nr * nc : 1, sizeof *w.body);
    w.natural = xcalloc(nc, sizeof *w.natural);
    w.minw = xcalloc(nc, sizeof *w.minw);
    w.colw = xcalloc(nc, sizeof *w.colw);
    w.colx = xcalloc(nc, sizeof *w.colx);
    w.row_h = xcalloc(nr ? nr : 1, sizeof *w.row_h);
    w.numeric_col = xcalloc(nc, sizeof *w.numeric_col);
    table_shape(L, &w);
    table_columns(L, &w);
    table_break_cells(&w);
    table_place(L, &w);
    table_work_free(&w);
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
    float left = L->ps.margin_left, right_x = L->ps.width - L->ps.margin_right;
    float head_base = L->ps.margin_top - LAYOUT_MM(8);
    float foot_base = L->ps.height - L->ps.margin_bottom + LAYOUT_MM(11);
    for (size_t i = 0; i < L->npages; i++) {
        int pg = (int)i;
        const char *right = L->pages[i].section ? L->pages[i].section : L->ps.header_right;
        int has_header = (L->ps.header_left || right) && (i > 0 || L->ps.header_on_first_page);
        if (has_header) {
            if (L->ps.header_left)
                text_as(L, pg, LAYOUT_ARTIFACT_HEADER, left, head_base, L->ps.header_left, &hf,
                        LAYOUT_LEFT);
            if (right)
                text_as(L, pg, LAYOUT_ARTIFACT_HEADER, right_x, head_base, right, &hf,
                        LAYOUT_RIGHT);
            line_as(L, pg, LAYOUT_ARTIFACT_HEADER, left, head_base + 4, right_x, head_base + 4,
                    0xC7CDD6, 0.4f);
        }
        if (L->ps.page_numbers) {
            char num[64];
            snprintf(num, sizeof num, "%zu / %zu", i + 1, L->npages);
            text_as(L, pg, LAYOUT_ARTIFACT_FOOTER, L->ps.width / 2, foot_base, num, &hf,
                    LAYOUT_CENTER);
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

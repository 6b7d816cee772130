/* layout.h — paragraphs, headings, tables and drawing primitives into pages.
 *
 * Fourth stage of the PDF back end (font → shape → linebreak → layout → pdf_out). A layout is
 * a flow of blocks poured into pages of one size: paragraphs (left, right, centred or
 * justified — justified only by widening spaces), headings kept with the first lines of what
 * follows, tables (fixed, proportional or content-sized columns, wrapped cells, the header
 * row repeated on every page, rows never split, zebra shading, numbers right-aligned), and
 * reserved blocks in which the caller draws with primitives (rectangles, lines, text at a
 * point, links) — enough for a vector bar chart. layout_finish() adds the running header and
 * the "n / N" footer once the page count is known.
 *
 * The result is a display list (struct layout_page) that pdf_out turns into PDF; every glyph's
 * position in it is final: pdf_out draws exactly there. Coordinates are points with the origin
 * at the top-left corner of the page, y growing downwards; text runs are placed by baseline.
 *
 * Text may be any bytes: it is cleaned by shape_clean (invalid UTF-8 repaired with a warning
 * naming the source set with layout_set_source). */
#ifndef EXPORTER_LAYOUT_H
#define EXPORTER_LAYOUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "util/diag.h"
#include "typeset/font.h"

#define LAYOUT_NO_COLOR 0xFFFFFFFFu   /* "no fill" / "no stroke" */
#define LAYOUT_MM(x) ((float)(x) * 72.0f / 25.4f)

enum layout_align { LAYOUT_LEFT, LAYOUT_RIGHT, LAYOUT_CENTER, LAYOUT_JUSTIFY,
                    LAYOUT_AUTO /* table cells: numbers right, text left */ };

struct layout_text_style {
    enum font_style font;
    float size;            /* points */
    float leading;         /* line height as a multiple of size; 0 = 1.6 (KLREQ's 160%) */
    uint32_t color;        /* 0xRRGGBB */
    enum layout_align align;
    float space_before;    /* points; dropped at the top of a page */
    float space_after;
    float indent;          /* first-line indent, points (negative: hanging) */
    float inset;           /* left inset of every line, points; with indent = -inset the first
                              line hangs out, as a bullet or a list number needs */
    float rise;            /* baseline shift up, points (a superscript citation mark) */
};

struct layout_page_setup {
    float width, height;   /* points */
    float margin_top, margin_bottom, margin_left, margin_right;
    const char *header_left;   /* running header texts (NULL = none); the right one gives way to */
    const char *header_right;  /* the current section (layout_running_section) */
    int page_numbers;          /* footer "n / N" */
    int header_on_first_page;  /* 0: the first page (the title page) has no running header */
};

/* ---- Structure (tagged PDF) ----
 *
 * The layout keeps a structure tree beside the display list: every drawing op belongs to one
 * element (or is an artifact), and pdf_out turns the tree into the PDF's StructTreeRoot with
 * marked content. Roles are PDF's standard structure types. The caller opens and closes
 * elements around what it places; the engine adds what it knows itself:
 *   - layout_paragraph* inside a grouping element (Document, Sect, Div) makes a P; inside L an
 *     LI with Lbl (the spans whose role is LBL) and LBody; inside LI the Lbl and LBody; inside
 *     any other element its text is that element's content directly;
 *   - layout_heading makes H<outline_level + 1>; outline_level -1 is one level below the last
 *     heading that had one (a label under an H2 is an H3);
 *   - layout_table makes Table > TR > TH (/Scope /Column; /Row for row headers) | TD; a
 *     header repeated on a later page is an artifact;
 *   - a span with a uri is a Link (with its annotation as an OBJR), inside a Reference when the
 *     span's role is REFERENCE;
 *   - running headers, footers, layout_rule, table rules and fills are artifacts, and so are
 *     rectangles and lines drawn outside any element (inside a Figure they are the figure). */
enum layout_role {
    LAYOUT_ROLE_NONE = 0,      /* a span: part of its paragraph's element */
    LAYOUT_ROLE_DOCUMENT,
    LAYOUT_ROLE_SECT,
    LAYOUT_ROLE_DIV,
    LAYOUT_ROLE_H1,
    LAYOUT_ROLE_H2,
    LAYOUT_ROLE_H3,
    LAYOUT_ROLE_H4,
    LAYOUT_ROLE_P,
    LAYOUT_ROLE_L,
    LAYOUT_ROLE_LI,
    LAYOUT_ROLE_LBL,
    LAYOUT_ROLE_LBODY,
    LAYOUT_ROLE_TABLE,
    LAYOUT_ROLE_TR,
    LAYOUT_ROLE_TH,
    LAYOUT_ROLE_TD,
    LAYOUT_ROLE_FIGURE,
    LAYOUT_ROLE_CAPTION,
    LAYOUT_ROLE_LINK,
    LAYOUT_ROLE_NOTE,
    LAYOUT_ROLE_REFERENCE,
    LAYOUT_ROLE_BLOCKQUOTE,
    LAYOUT_ROLE_ARTIFACT,      /* begin/end: what is drawn inside is decoration */
    LAYOUT_ROLE_COUNT
};

/* The PDF name of a role ("P", "TH", "BlockQuote"). */
const char *layout_role_name(enum layout_role role);

/* A4 (210 × 297 mm) or Letter (8.5 × 11 in) with 20 mm side margins, 22 mm top/bottom. */
void layout_page_setup_a4(struct layout_page_setup *ps);
void layout_page_setup_letter(struct layout_page_setup *ps);

/* A piece of a paragraph with its own style (NULL = the paragraph's) and an optional link:
 * a URI, or "#name" for a place in the document named with layout_anchor. */
struct layout_span {
    const char *text;
    const struct layout_text_style *style;
    const char *uri;
    enum layout_role role;     /* NONE, LBL (a list mark) or REFERENCE (a citation mark) */
};

enum layout_col_width { LAYOUT_COL_CONTENT, LAYOUT_COL_FIXED, LAYOUT_COL_PROPORTIONAL };

struct layout_column {
    const char *header;
    enum layout_col_width width_kind;
    float width;           /* points for FIXED, a weight for PROPORTIONAL; unused for CONTENT */
    enum layout_align align;   /* LAYOUT_AUTO: right for numeric cells */
};

/* A cell with styled pieces (a bold name, a coloured conflict mark, a link). */
struct layout_cell {
    const struct layout_span *spans;
    size_t nspans;
};

struct layout_table {
    const struct layout_column *cols;
    size_t ncols;
    const char *const *cells;  /* nrows × ncols, row-major; NULL = empty cell */
    size_t nrows;
    const struct layout_text_style *body;  /* NULL = 8.5 pt sans */
    const struct layout_text_style *head;  /* NULL = 8.5 pt sans bold */
    int zebra;                 /* shade every other body row */
    float width;               /* 0 = the full text width */
    const struct layout_cell *rich;  /* optional, nrows × ncols: where nspans > 0 it replaces
                                        the plain cell (alignment AUTO then looks at its first
                                        span) */
    int row_headers;           /* the first column heads its row (TH /Scope /Row) */
    const char *continued;     /* when the table breaks, drawn above the repeated header, e.g.
                                  "(계속)"; NULL = none */
};

/* A rectangle of the flow reserved for drawing (layout_reserve). */
struct layout_block {
    int page;
    float x, y, width, height;
};

/* ---- The display list pdf_out reads ---- */

struct layout_glyph {
    uint32_t cp;           /* code point = PDF CID */
    float x;               /* page x of the glyph origin */
};

enum layout_op_kind { LAYOUT_OP_TEXT, LAYOUT_OP_RECT, LAYOUT_OP_LINE };

/* What an op belongs to: an element (>= 0, index into layout_nodes) or an artifact. */
#define LAYOUT_ARTIFACT (-1)          /* decoration: rules, fills */
#define LAYOUT_ARTIFACT_HEADER (-2)   /* the running header */
#define LAYOUT_ARTIFACT_FOOTER (-3)   /* the page number */

struct layout_op {
    enum layout_op_kind kind;
    int node;              /* element or LAYOUT_ARTIFACT* */
    int mcid;              /* marked-content id on its page; -1 for artifacts */
    union {
        struct { int face; float size; uint32_t color; float y; size_t first, count; } text;
        struct { float x, y, w, h; uint32_t fill, stroke; float line_width; } rect;
        struct { float x1, y1, x2, y2; uint32_t color; float line_width; } line;
    } u;
};

struct layout_link {
    float x, y, w, h;
    char *uri;
    int node;              /* its Link element */
};

struct layout_page {
    struct layout_op *ops;
    size_t nops, ops_cap;
    struct layout_glyph *glyphs;
    size_t nglyphs, glyphs_cap;
    struct layout_link *links;
    size_t nlinks, links_cap;
    int nmcid;             /* marked-content ids used on the page: 0 .. nmcid-1 */
    const char *section;   /* the running header's section on this page (borrowed), or NULL */
};

/* One entry of an element's /K, in reading order. */
enum layout_kid_kind {
    LAYOUT_KID_NODE,       /* index: a child element */
    LAYOUT_KID_CONTENT,    /* page, index: a marked-content id on that page */
    LAYOUT_KID_LINK        /* page, index: a link annotation (layout_page.links) */
};

struct layout_kid {
    enum layout_kid_kind kind;
    int page;
    int index;
};

struct layout_node {
    enum layout_role role;
    int parent;            /* -1 for the root (the Document) */
    char *alt;             /* Figure /Alt, Link description; NULL */
    int scope;             /* TH: 1 = column, 2 = row; 0 otherwise */
    int attached;          /* listed in its parent's kids (elements without content are not) */
    struct layout_kid *kids;
    size_t nkids, kids_cap;
};

struct layout_outline {
    int level;             /* 0 = top */
    char *title;
    int page;
    float y;
};

struct layout_anchor {
    char *name;
    int page;
    float y;
};

struct layout;

/* A new, empty layout drawing with fs (borrowed: it must outlive the layout; the layout adds
 * the code points it draws to fs's faces). Messages go to d. Free with layout_free. */
struct layout *layout_new(const struct layout_page_setup *ps, struct font_set *fs,
                          struct diag *d);
void layout_free(struct layout *L);

/* Where the next text comes from, for messages (file borrowed until the next call). */
void layout_set_source(struct layout *L, const char *file, unsigned line);

/* ---- Flow ---- */

void layout_paragraph(struct layout *L, const char *text, const struct layout_text_style *st);
void layout_paragraph_spans(struct layout *L, const struct layout_span *spans, size_t n,
                            const struct layout_text_style *st);
/* A paragraph kept with what follows, as a heading is: held with the headings before it and
 * placed on the page of the next block's first lines (a section's introduction between its
 * heading and its first subsection never ends a page on its own). */
void layout_paragraph_keep(struct layout *L, const struct layout_span *spans, size_t n,
                           const struct layout_text_style *st);
/* A heading, kept on the page with the first two lines of the next block; outline_level >= 0
 * also makes it a bookmark at that level. */
void layout_heading(struct layout *L, const char *text, const struct layout_text_style *st,
                    int outline_level);
void layout_table(struct layout *L, const struct layout_table *t);
void layout_vspace(struct layout *L, float points);
/* A horizontal rule across the text width at the current position. */
void layout_rule(struct layout *L, float thickness, uint32_t color);
void layout_page_break(struct layout *L);
/* Reserves height points of the flow (starting a page when they do not fit) for drawing. */
struct layout_block layout_reserve(struct layout *L, float height);
/* Width of the text area of a page (page width minus margins). */
float layout_text_width(const struct layout *L);

/* ---- Drawing primitives (page coordinates) ---- */

void layout_draw_rect(struct layout *L, int page, float x, float y, float w, float h,
                      uint32_t fill, uint32_t stroke, float line_width);
void layout_draw_line(struct layout *L, int page, float x1, float y1, float x2, float y2,
                      uint32_t color, float line_width);
/* One line of text with its baseline at y; x is the left edge, the right edge or the centre
 * as align says. Returns the width drawn. */
float layout_draw_text(struct layout *L, int page, float x, float y, const char *text,
                       const struct layout_text_style *st, enum layout_align align);
/* Width text would take in one line. */
float layout_measure_text(struct layout *L, const char *text, const struct layout_text_style *st);
/* A clickable rectangle: uri is a URI or "#name" (see layout_anchor). */
void layout_link(struct layout *L, int page, float x, float y, float w, float h, const char *uri);
void layout_add_outline(struct layout *L, int level, const char *title, int page, float y);
/* Names the top of the next block placed in the flow (heading, paragraph, table or reserved
 * block), wherever the page breaks put it. A link "#name" (span uri or layout_link) jumps
 * there; pdf_out warns about a link to a name never defined. */
void layout_anchor(struct layout *L, const char *name);

/* ---- Structure ---- */

/* Opens an element of role as a child of the open one; alt (copied, may be NULL) is a Figure's
 * alternative text. Everything placed or drawn until the matching layout_end_struct is inside
 * it. An element that never gets content is left out of the tree. */
void layout_begin_struct(struct layout *L, enum layout_role role, const char *alt);
void layout_end_struct(struct layout *L);
/* From the next block placed on, the running header's right side names this section (copied;
 * NULL = back to the setup's header_right). A page shows the section current at its top. */
void layout_running_section(struct layout *L, const char *text);

/* Ends the flow and adds running headers and footers. Nothing may be added afterwards. */
void layout_finish(struct layout *L);

/* ---- Reading the result ---- */

int layout_page_count(const struct layout *L);
const struct layout_page *layout_get_page(const struct layout *L, int i);
const struct layout_outline *layout_outlines(const struct layout *L, size_t *n);
const struct layout_anchor *layout_anchors(const struct layout *L, size_t *n);
const struct layout_page_setup *layout_setup(const struct layout *L);
struct font_set *layout_fonts(const struct layout *L);
/* The structure tree: element 0 is the Document root. */
const struct layout_node *layout_nodes(const struct layout *L, size_t *n);

/* Writes one line per drawn glyph: "page x y U+XXXX size" (page from 1; x, y of the glyph
 * origin in PDF user space, y from the bottom). For tests comparing with a PDF reader. */
void layout_dump_positions(const struct layout *L, FILE *out);

#endif

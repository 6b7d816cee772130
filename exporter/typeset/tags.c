/* tags.c — structure tree, marked content and accessibility entries with libharu primitives. */
#include "typeset/tags.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Undocumented but exported and declared: the document's memory manager, xref and catalog. */
#include <hpdf_doc.h>
#include <hpdf_objects.h>

#include "util/date.h"
#include "typeset/haru_error.h"

/* ---- Marked content in the page streams ---- */

void tags_open_content(const struct layout *L, const struct layout_op *op, struct buf *out)
{
    if (op->node == LAYOUT_ARTIFACT_HEADER || op->node == LAYOUT_ARTIFACT_FOOTER) {
        buf_printf(out, "/Artifact<</Type/Pagination/Subtype/%s>>BDC\n",
                   op->node == LAYOUT_ARTIFACT_HEADER ? "Header" : "Footer");
        return;
    }
    if (op->node < 0 || op->mcid < 0) {
        buf_puts(out, "/Artifact BMC\n");
        return;
    }
    size_t n;
    const struct layout_node *nodes = layout_nodes(L, &n);
    buf_putc(out, '/');
    buf_puts(out, layout_role_name(nodes[op->node].role));
    buf_puts(out, "<</MCID ");
    buf_put_uint(out, (unsigned long long)op->mcid);
    buf_puts(out, ">>BDC\n");
}

void tags_close_content(struct buf *out)
{
    buf_puts(out, "EMC\n");
}

/* ---- The structure tree ---- */

struct tree {
    HPDF_Doc pdf;
    const struct layout *L;
    const struct layout_node *nodes;
    size_t nnodes;
    HPDF_Page *pages;
    HPDF_Annotation *const *annots;
    HPDF_Dict *elem;           /* per node: its StructElem, NULL when not in the tree */
    HPDF_Encoder utf8;
    int next_key;              /* ParentTree keys: pages first, then annotations */
    HPDF_Array nums;
};

/* The page of the first content or annotation directly in node n, or -1. */
static int first_page(const struct layout_node *n)
{
    for (size_t k = 0; k < n->nkids; k++)
        if (n->kids[k].kind != LAYOUT_KID_NODE)
            return n->kids[k].page;
    return -1;
}

HPDF_String tags_text_string(HPDF_Doc pdf, const char *utf8)
{
    int ascii = 1;
    for (const unsigned char *p = (const unsigned char *)utf8; *p && ascii; p++)
        ascii = *p >= 0x20 && *p < 0x7F;
    return HPDF_String_New(pdf->mmgr, utf8, ascii ? NULL : HPDF_GetEncoder(pdf, "UTF-8"));
}

static HPDF_STATUS add_text(struct tree *T, HPDF_Dict d, const char *key, const char *text)
{
    HPDF_String s = tags_text_string(T->pdf, text);
    return s ? HPDF_Dict_Add(d, key, s) : HPDF_FAILD_TO_ALLOC_MEM;
}

/* An OBJR for link annotation kid k, registering the annotation in the ParentTree. */
static HPDF_Dict objr(struct tree *T, const struct layout_kid *k, int pg, int node)
{
    HPDF_Annotation a = T->annots[k->page] ? T->annots[k->page][k->index] : NULL;
    if (!a)
        return NULL;
    HPDF_MMgr mm = T->pdf->mmgr;
    HPDF_Dict r = HPDF_Dict_New(mm);
    if (!r)
        return NULL;
    HPDF_Dict_AddName(r, "Type", "OBJR");
    HPDF_Dict_Add(r, "Obj", a);
    if (k->page != pg)
        HPDF_Dict_Add(r, "Pg", T->pages[k->page]);
    int key = T->next_key++;
    HPDF_Dict_AddNumber(a, "StructParent", key);
    HPDF_Array_AddNumber(T->nums, key);
    HPDF_Array_Add(T->nums, T->elem[node]);
    return r;
}

/* One /K entry: a child element, an MCID (an MCR when on another page than /Pg), an OBJR. */
static void *kid_obj(struct tree *T, const struct layout_kid *k, int pg, int node)
{
    HPDF_MMgr mm = T->pdf->mmgr;
    if (k->kind == LAYOUT_KID_NODE)
        return (void *)T->elem[k->index];
    if (k->kind == LAYOUT_KID_LINK)
        return objr(T, k, pg, node);
    if (k->page == pg)
        return HPDF_Number_New(mm, k->index);
    HPDF_Dict mcr = HPDF_Dict_New(mm);
    if (!mcr)
        return NULL;
    HPDF_Dict_AddName(mcr, "Type", "MCR");
    HPDF_Dict_Add(mcr, "Pg", T->pages[k->page]);
    HPDF_Dict_AddNumber(mcr, "MCID", k->index);
    return mcr;
}

/* The area a Figure covers on its page (PDF user space), from the ops that belong to it. */
static int figure_bbox(struct tree *T, int node, int pg, float box[4])
{
    const struct layout_page *p = layout_get_page(T->L, pg);
    float h = layout_setup(T->L)->height;
    int found = 0;
    for (size_t i = 0; i < p->nops; i++) {
        const struct layout_op *op = &p->ops[i];
        int n = op->node;
        while (n >= 0 && n != node)
            n = T->nodes[n].parent;
        if (n != node)
            continue;
        float x0, y0, x1, y1;
        if (op->kind == LAYOUT_OP_RECT) {
            x0 = op->u.rect.x;
            y0 = op->u.rect.y;
            x1 = x0 + op->u.rect.w;
            y1 = y0 + op->u.rect.h;
        } else if (op->kind == LAYOUT_OP_LINE) {
            x0 = fminf(op->u.line.x1, op->u.line.x2);
            x1 = fmaxf(op->u.line.x1, op->u.line.x2);
            y0 = fminf(op->u.line.y1, op->u.line.y2);
            y1 = fmaxf(op->u.line.y1, op->u.line.y2);
        } else if (op->u.text.count) {
            const struct layout_glyph *g = p->glyphs + op->u.text.first;
            x0 = g[0].x;
            x1 = g[op->u.text.count - 1].x + op->u.text.size;
            y0 = op->u.text.y - op->u.text.size;
            y1 = op->u.text.y + op->u.text.size * 0.25f;
        } else {
            continue;
        }
        if (!found || x0 < box[0]) box[0] = x0;
        if (!found || x1 > box[2]) box[2] = x1;
        if (!found || h - y1 < box[1]) box[1] = h - y1;
        if (!found || h - y0 > box[3]) box[3] = h - y0;
        found = 1;
    }
    return found;
}

static HPDF_STATUS add_attributes(struct tree *T, HPDF_Dict e, int node, int pg)
{
    HPDF_MMgr mm = T->pdf->mmgr;
    const struct layout_node *n = &T->nodes[node];
    HPDF_STATUS st = HPDF_OK;
    if (n->alt && n->role == LAYOUT_ROLE_FIGURE)
        st = add_text(T, e, "Alt", n->alt);
    if (n->scope) {
        HPDF_Dict a = HPDF_Dict_New(mm);
        if (!a)
            return HPDF_FAILD_TO_ALLOC_MEM;
        HPDF_Dict_AddName(a, "O", "Table");
        HPDF_Dict_AddName(a, "Scope", n->scope == 2 ? "Row" : "Column");
        st = HPDF_Dict_Add(e, "A", a);
    }
    float box[4];
    if (n->role == LAYOUT_ROLE_FIGURE && pg >= 0 && figure_bbox(T, node, pg, box)) {
        HPDF_Dict a = HPDF_Dict_New(mm);
        HPDF_Array b = HPDF_Array_New(mm);
        if (!a || !b)
            return HPDF_FAILD_TO_ALLOC_MEM;
        HPDF_Dict_AddName(a, "O", "Layout");
        /* whole points, outward: the box still holds every mark */
        for (int i = 0; i < 4; i++)
            HPDF_Array_AddNumber(b, (HPDF_INT32)(i < 2 ? floorf(box[i]) : ceilf(box[i])));
        HPDF_Dict_Add(a, "BBox", b);
        st = HPDF_Dict_Add(e, "A", a);
    }
    return st;
}

/* Fills element node's dictionary: /S, /P, /Pg, attributes, /K (no /Type: it is optional for
 * a structure element, and a reader tells elements from MCR and OBJR dictionaries by theirs). */
static HPDF_STATUS fill_elem(struct tree *T, HPDF_Dict root, int node)
{
    HPDF_MMgr mm = T->pdf->mmgr;
    const struct layout_node *n = &T->nodes[node];
    HPDF_Dict e = T->elem[node];
    HPDF_Dict_AddName(e, "S", layout_role_name(n->role));
    HPDF_Dict_Add(e, "P", n->parent >= 0 ? T->elem[n->parent] : root);
    int pg = first_page(n);
    if (pg >= 0)
        HPDF_Dict_Add(e, "Pg", T->pages[pg]);
    HPDF_STATUS st = add_attributes(T, e, node, pg);
    void **objs = xcalloc(n->nkids ? n->nkids : 1, sizeof *objs);
    size_t used = 0;
    for (size_t i = 0; i < n->nkids; i++) {
        const struct layout_kid *kid = &n->kids[i];
        if (kid->kind == LAYOUT_KID_NODE && !T->elem[kid->index])
            continue;
        void *o = kid_obj(T, kid, pg, node);
        if (o)
            objs[used++] = o;
    }
    /* One kid needs no array (most elements: a paragraph's one marked-content sequence). */
    if (used == 1) {
        st = HPDF_Dict_Add(e, "K", objs[0]);
    } else if (used > 1) {
        HPDF_Array k = HPDF_Array_New(mm);
        if (!k)
            st = HPDF_FAILD_TO_ALLOC_MEM;
        for (size_t i = 0; k && i < used; i++)
            st = HPDF_Array_Add(k, objs[i]);
        if (k)
            st = HPDF_Dict_Add(e, "K", k);
    }
    free(objs);
    return st;
}

/* The ParentTree entries of page pg: the element of each MCID, in MCID order. */
static HPDF_STATUS page_parents(struct tree *T, int pg)
{
    const struct layout_page *p = layout_get_page(T->L, pg);
    if (p->nmcid == 0)
        return HPDF_OK;
    HPDF_Array a = HPDF_Array_New(T->pdf->mmgr);
    if (!a)
        return HPDF_FAILD_TO_ALLOC_MEM;
    int next = 0;
    for (size_t i = 0; i < p->nops; i++) {
        const struct layout_op *op = &p->ops[i];
        if (op->mcid == next && op->node >= 0) {
            HPDF_Array_Add(a, T->elem[op->node]);
            next++;
        }
    }
    HPDF_Dict_AddNumber(T->pages[pg], "StructParents", pg);
    HPDF_Array_AddNumber(T->nums, pg);
    return HPDF_Array_Add(T->nums, a);
}

enum exp_status tags_write_tree(HPDF_Doc pdf, const struct layout *L, HPDF_Page *pages,
                                HPDF_Annotation *const *annots, struct diag *d)
{
    struct tree T = { .pdf = pdf, .L = L, .pages = pages, .annots = annots };
    T.nodes = layout_nodes(L, &T.nnodes);
    T.utf8 = HPDF_GetEncoder(pdf, "UTF-8");
    int npages = layout_page_count(L);
    T.next_key = npages;
    HPDF_MMgr mm = pdf->mmgr;
    HPDF_Dict root = HPDF_Dict_New(mm);
    T.nums = HPDF_Array_New(mm);
    HPDF_Dict ptree = HPDF_Dict_New(mm);
    if (!root || !T.nums || !ptree || HPDF_Xref_Add(pdf->xref, root) != HPDF_OK)
        goto fail;
    T.elem = xcalloc(T.nnodes ? T.nnodes : 1, sizeof *T.elem);
    for (size_t i = 0; i < T.nnodes; i++) {
        if (!T.nodes[i].attached)
            continue;
        T.elem[i] = HPDF_Dict_New(mm);
        if (!T.elem[i] || HPDF_Xref_Add(pdf->xref, T.elem[i]) != HPDF_OK)
            goto fail;
    }
    /* Pages first in the ParentTree (keys 0..npages-1), then the annotations as met. */
    for (int pg = 0; pg < npages; pg++) {
        if (page_parents(&T, pg) != HPDF_OK)
            goto fail;
        HPDF_Dict_AddName(pages[pg], "Tabs", "S");
    }
    for (size_t i = 0; i < T.nnodes; i++)
        if (T.elem[i] && fill_elem(&T, root, (int)i) != HPDF_OK)
            goto fail;
    HPDF_Dict_AddName(root, "Type", "StructTreeRoot");
    HPDF_Dict_Add(root, "K", T.elem[0]);
    HPDF_Dict_Add(ptree, "Nums", T.nums);
    HPDF_Dict_Add(root, "ParentTree", ptree);
    HPDF_Dict_AddNumber(root, "ParentTreeNextKey", T.next_key);
    if (HPDF_Dict_Add(pdf->catalog, "StructTreeRoot", root) != HPDF_OK)
        goto fail;
    free(T.elem);
    return EXP_OK;
fail:
    free(T.elem);
    if (haru_error_is_memory(HPDF_GetError(pdf)))
        x_out_of_memory("libharu");
    diag_error(d, NULL, 0, 0, "cannot write the PDF's structure tree (libharu error 0x%04lX)",
               (unsigned long)HPDF_GetError(pdf));
    return EXP_SOFTWARE;
}

/* ---- Catalog entries and XMP ---- */

void tags_xml_escape(const char *s, struct buf *out)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '&': buf_puts(out, "&amp;"); break;
        case '<': buf_puts(out, "&lt;"); break;
        case '>': buf_puts(out, "&gt;"); break;
        case '"': buf_puts(out, "&quot;"); break;
        case '\'': buf_puts(out, "&apos;"); break;
        default:
            if (*p >= 0x20 || *p == '\t' || *p == '\n' || *p == '\r')
                buf_putc(out, (char)*p);
        }
    }
}

static void xmp_alt(struct buf *x, const char *tag, const char *text)
{
    if (!text || !*text)
        return;
    buf_printf(x, "<%s><rdf:Alt><rdf:li xml:lang=\"x-default\">", tag);
    tags_xml_escape(text, x);
    buf_printf(x, "</rdf:li></rdf:Alt></%s>\n", tag);
}

static void xmp_date(struct buf *x, const char *tag, long long epoch)
{
    if (epoch < 0)
        return;
    int y, mo, d, h, mi, se;
    date_utc_parts(epoch, &y, &mo, &d, &h, &mi, &se);
    buf_printf(x, "<%s>%04d-%02d-%02dT%02d:%02d:%02dZ</%s>\n", tag, y, mo, d, h, mi, se, tag);
}

static void xmp_packet(const struct pdf_out_info *info, const char *lang, struct buf *x)
{
    buf_puts(x, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
                "xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" "
                "xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n");
    xmp_alt(x, "dc:title", info->title);
    xmp_alt(x, "dc:description", info->subject);
    if (info->author && *info->author) {
        buf_puts(x, "<dc:creator><rdf:Seq><rdf:li>");
        tags_xml_escape(info->author, x);
        buf_puts(x, "</rdf:li></rdf:Seq></dc:creator>\n");
    }
    buf_puts(x, "<dc:language><rdf:Bag><rdf:li>");
    tags_xml_escape(lang, x);
    buf_puts(x, "</rdf:li></rdf:Bag></dc:language>\n");
    if (info->keywords && *info->keywords) {
        buf_puts(x, "<pdf:Keywords>");
        tags_xml_escape(info->keywords, x);
        buf_puts(x, "</pdf:Keywords>\n");
    }
    if (info->creator && *info->creator) {
        buf_puts(x, "<xmp:CreatorTool>");
        tags_xml_escape(info->creator, x);
        buf_puts(x, "</xmp:CreatorTool>\n");
    }
    xmp_date(x, "xmp:CreateDate", info->date);
    xmp_date(x, "xmp:ModifyDate", info->date);
    buf_puts(x, "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>");
}

enum exp_status tags_write_catalog(HPDF_Doc pdf, const struct pdf_out_info *info,
                                   struct diag *d)
{
    static const struct pdf_out_info none = { .date = -1 };
    if (!info)
        info = &none;
    const char *lang = info->lang && *info->lang ? info->lang : "ko-KR";
    HPDF_MMgr mm = pdf->mmgr;
    HPDF_Dict mark = HPDF_Dict_New(mm), prefs = HPDF_Dict_New(mm);
    HPDF_String l = HPDF_String_New(mm, lang, NULL);
    HPDF_Dict meta = HPDF_DictStream_New(mm, pdf->xref);
    if (!mark || !prefs || !l || !meta)
        goto fail;
    HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE);
    HPDF_Dict_AddBoolean(prefs, "DisplayDocTitle", HPDF_TRUE);
    struct buf x = BUF_INIT;
    xmp_packet(info, lang, &x);
    HPDF_Dict_AddName(meta, "Type", "Metadata");
    HPDF_Dict_AddName(meta, "Subtype", "XML");
    HPDF_STATUS st = HPDF_Stream_Write(meta->stream, (const HPDF_BYTE *)x.data, (HPDF_UINT)x.len);
    buf_free(&x);
    if (st != HPDF_OK || HPDF_Dict_Add(pdf->catalog, "MarkInfo", mark) != HPDF_OK
        || HPDF_Dict_Add(pdf->catalog, "Lang", l) != HPDF_OK
        || HPDF_Dict_Add(pdf->catalog, "ViewerPreferences", prefs) != HPDF_OK
        || HPDF_Dict_Add(pdf->catalog, "Metadata", meta) != HPDF_OK)
        goto fail;
    return EXP_OK;
fail:
    if (haru_error_is_memory(HPDF_GetError(pdf)))
        x_out_of_memory("libharu");
    diag_error(d, NULL, 0, 0, "cannot write the PDF's catalog entries (libharu error 0x%04lX)",
               (unsigned long)HPDF_GetError(pdf));
    return EXP_SOFTWARE;
}

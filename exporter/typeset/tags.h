/* tags.h — the tagged-PDF layer of pdf_out: marked content, the structure tree and the
 * catalog's accessibility entries.
 *
 * Part of the last stage of the PDF back end (font → shape → linebreak → layout → pdf_out).
 * The layout gives every op an element of its structure tree (or marks it an artifact) and a
 * marked-content id per page; pdf_out brackets the ops with the operators from
 * tags_open_content/tags_close_content, and once the pages and link annotations exist,
 * tags_write_tree writes the tree: a StructElem per element that has content (its /K in reading
 * order: child elements, MCIDs, OBJRs for link annotations), /Alt for figures, /Scope for table
 * headers, a Figure's /BBox, the ParentTree number tree, /StructParents on pages,
 * /StructParent on annotations. tags_write_catalog adds /MarkInfo, /Lang, /ViewerPreferences
 * /DisplayDocTitle and an XMP metadata stream (title, subject, author, creator, language,
 * dates), XML-escaped.
 *
 * libharu 2.3 has no tagging API: everything is built with its exported dictionary, array and
 * stream primitives (hpdf_objects.h) and raw operators on the page stream. */
#ifndef EXPORTER_TAGS_H
#define EXPORTER_TAGS_H

#include <hpdf.h>

#include "typeset/layout.h"
#include "typeset/pdf_info.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/status.h"

/* Appends the operator opening op's marked-content sequence to out: "/P<</MCID 3>>BDC\n",
 * or for an artifact "/Artifact BMC\n" (with its /Pagination type for running headers and page
 * numbers). */
void tags_open_content(const struct layout *L, const struct layout_op *op, struct buf *out);
/* Appends "EMC\n". */
void tags_close_content(struct buf *out);

/* Writes the structure tree of L into pdf. pages[i] is page i; annots[i][k] is the annotation
 * made for link k of page i (NULL where it was left out). EXP_SOFTWARE with a message when
 * libharu fails. */
enum exp_status tags_write_tree(HPDF_Doc pdf, const struct layout *L, HPDF_Page *pages,
                                HPDF_Annotation *const *annots, struct diag *d);

/* Adds /MarkInfo, /Lang (info->lang, default "ko-KR"), /ViewerPreferences and the XMP
 * metadata stream to the catalog. */
enum exp_status tags_write_catalog(HPDF_Doc pdf, const struct pdf_out_info *info,
                                   struct diag *d);

/* A PDF text string for utf8 (NUL-terminated): its bytes as they are (PDFDocEncoding) when it
 * is printable ASCII, else UTF-16BE with a byte-order mark. NULL when memory runs out. */
HPDF_String tags_text_string(HPDF_Doc pdf, const char *utf8);

/* Appends s to out with XML's five special characters escaped and the characters XML 1.0
 * forbids (C0 controls other than tab, line feed, carriage return) dropped. */
void tags_xml_escape(const char *s, struct buf *out);

#endif

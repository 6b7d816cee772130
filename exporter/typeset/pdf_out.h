/* pdf_out.h — the PDF writer: a finished layout in, PDF bytes out (libharu 2.3).
 *
 * Last stage of the PDF back end (font → shape → linebreak → layout → pdf_out). The layout
 * already holds every glyph's final position and, in its font set, the code points each face
 * draws; so each face is subset once with hb-subset (NO_HINTING) to those code points and
 * embedded (CIDFontType2, Identity-H, CID = Unicode) as a program of only the tables a viewer
 * reads (glyphs and metrics; pdf_out writes the font descriptor), with a bfrange ToUnicode map in
 * place of libharu's malformed one. Text is written as positioned TJ arrays whose numbers make
 * every glyph land where the layout put it, whatever the PDF's width table says. Links get no
 * border; outlines carry UTF-16 titles; document info is UTF-16; everything is compressed.
 *
 * Output is deterministic: the same layout and info give the same bytes. No clock is read;
 * dates come only from info->date. */
#ifndef EXPORTER_PDF_OUT_H
#define EXPORTER_PDF_OUT_H

#include <stddef.h>
#include <stdio.h>

#include "util/buf.h"
#include "util/diag.h"
#include "typeset/layout.h"
#include "typeset/pdf_info.h"
#include "util/status.h"

struct pdf_out_stats {
    size_t bytes;          /* the whole file */
    size_t font_bytes;     /* the embedded font programs (subsets), uncompressed */
    size_t glyphs;         /* code points embedded, all faces */
    int fonts;             /* faces embedded */
};

/* SOURCE_DATE_EPOCH as seconds when set to a valid number, else -1. */
long long pdf_out_source_date_epoch(void);

/* Writes the PDF for the finished layout L (layout_finish called) to out. EXP_SOFTWARE
 * with a message when libharu or hb-subset fails, EXP_IOERR when writing fails. stats may
 * be NULL. */
enum exp_status pdf_out_write(const struct layout *L, const struct pdf_out_info *info,
                              FILE *out, struct pdf_out_stats *stats, struct diag *d);

/* The same into memory: appends the PDF to out. */
enum exp_status pdf_out_to_buf(const struct layout *L, const struct pdf_out_info *info,
                               struct buf *out, struct pdf_out_stats *stats, struct diag *d);

#endif

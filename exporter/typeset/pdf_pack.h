/* pdf_pack.h — serialises a finished libharu document as compact PDF 1.5.
 *
 * The end of the last stage of the PDF back end (font → shape → linebreak → layout → pdf_out).
 * libharu 2.3 writes PDF 1.3: every object on its own with a classic cross-reference table. That
 * costs a briefing a third of its size in small dictionaries (link annotations, structure
 * elements, destinations) that are never compressed. This writer takes libharu's object table
 * as it is and writes it the PDF 1.5 way instead: stream objects (fonts, page contents, maps)
 * with their length stated directly (libharu's indirect length objects are left out) and
 * their data deflated here with libdeflate, every other object packed into deflated object
 * streams, and a deflated cross-reference stream in place of the table and trailer. Each
 * dictionary's bytes still come from libharu's own serialiser, in libharu's order, so the
 * callbacks that finish fonts run as they always do. Output is deterministic. */
#ifndef EXPORTER_PDF_PACK_H
#define EXPORTER_PDF_PACK_H

#include <hpdf.h>

#include "util/buf.h"
#include "util/diag.h"
#include "util/status.h"

/* libdeflate's compression level for every stream (1-12). On the sample briefing level 8 is
 * 0.9% smaller than 6 for 18M more instructions (the whole run stays below zlib's cost at 6);
 * 10 saves another 1.9% for twice the instructions of the whole run. */
#define PDF_PACK_LEVEL 8

/* How many objects go into one object stream at most: a small document's objects all in one
 * (deflate finds more repeats in one stream than in several), a large one's in a few. */
#define PDF_PACK_PER_STREAM 1000

/* A stream whose /DecodeParms say /Predictor 12 with /Columns n gets its data PNG-Up predicted
 * in rows of n bytes before deflating (readers undo it as the parameters say).
 *
 * An object in libharu's table flagged HPDF_OTYPE_HIDDEN (libharu's flag for a dictionary entry
 * it does not write) is not written either, and its number stays free: for an object libharu
 * made that nothing references any more. */

/* Streams compressed ahead. Every stream is deflated on its own, so the work is shared by two
 * threads (util/deflate_pool.h): the caller and a helper. A stream whose data is final before
 * the document is (a font program once embedded, a page's contents once drawn) can be handed
 * over at once, and is compressed on the helper while the caller builds the rest. At
 * pdf_pack_write a stream handed over is used only if its data is still byte for byte what was
 * handed over (else it is compressed again), so the file never depends on what was handed over
 * or when: the same bytes as compressing everything at the end on one thread. */
struct pdf_pack_ahead;

/* The helper thread started for pdf's streams. Free with pdf_pack_ahead_free. */
struct pdf_pack_ahead *pdf_pack_ahead_new(HPDF_Doc pdf);

/* Queues stream's data (as the writer will compress it) for compression now. A stream that is
 * not deflated is ignored. Returns libharu's status (an error only when it could not read the
 * stream). */
HPDF_STATUS pdf_pack_ahead_stream(struct pdf_pack_ahead *a, HPDF_Dict stream);

/* Stops the helper and frees everything. NULL does nothing. */
void pdf_pack_ahead_free(struct pdf_pack_ahead *a);

/* Appends the whole PDF of pdf (nothing may be added afterwards) to out, using and adding to
 * ahead's compression (NULL: a pool of its own). EXP_SOFTWARE with a message when libharu
 * fails; out may then hold a partial file. */
enum exp_status pdf_pack_write(HPDF_Doc pdf, struct pdf_pack_ahead *ahead, struct buf *out,
                               struct diag *d);

#endif

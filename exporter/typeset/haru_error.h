/* haru_error.h — what a libharu error code means for the exit status.
 *
 * Shared by the PDF writer's parts (pdf_out, tags, pdf_pack), each of which checks libharu's
 * error after its own calls: running out of memory is exit 71 wherever it happens, never the
 * internal error a failed libharu call otherwise is. */
#ifndef EXPORTER_HARU_ERROR_H
#define EXPORTER_HARU_ERROR_H

#include <hpdf.h>

/* 1 when a libharu error code means memory ran out: an allocation failed, or zlib failed
 * (deflate fails only for want of memory, or on a programming error). */
static inline int haru_error_is_memory(unsigned long code)
{
    return code == HPDF_FAILD_TO_ALLOC_MEM || code == HPDF_ZLIB_ERROR;
}

#endif

/* pdf_expand.h — for tests that look for PDF syntax in a written file.
 *
 * The writer packs dictionaries into deflated object streams, so a byte search of the file
 * misses them. pdf_expand() returns a copy of the file with the inflated contents of every
 * deflated stream appended, which a byte search can read. Header-only: include it in one
 * test file. */
#ifndef EXPORTER_TEST_PDF_EXPAND_H
#define EXPORTER_TEST_PDF_EXPAND_H

#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "util/buf.h"

/* Appends the inflated data starting at p (at most avail bytes) to out; 0 if it is not zlib
 * data. */
static int pdf_expand_inflate(const unsigned char *p, size_t avail, struct buf *out)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit(&z) != Z_OK)
        return 0;
    unsigned char chunk[16384];
    z.next_in = (unsigned char *)p;
    z.avail_in = (uInt)avail;
    int rc;
    size_t start = out->len;
    do {
        z.next_out = chunk;
        z.avail_out = sizeof chunk;
        rc = inflate(&z, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END)
            break;
        buf_append(out, (const char *)chunk, sizeof chunk - z.avail_out);
    } while (rc != Z_STREAM_END);
    inflateEnd(&z);
    if (rc != Z_STREAM_END) {
        out->len = start;
        return 0;
    }
    buf_putc(out, '\n');
    return 1;
}

/* The file, then every deflated stream's contents; the caller frees the result. */
static char *pdf_expand(const char *pdf, size_t len, size_t *out_len)
{
    struct buf out = BUF_INIT;
    buf_append(&out, pdf, len);
    buf_putc(&out, '\n');
    static const char key[] = "stream";
    for (size_t i = 0; i + sizeof key < len; i++) {
        if (memcmp(pdf + i, key, sizeof key - 1) != 0 || (i > 0 && pdf[i - 1] == 'd'))
            continue;
        size_t s = i + sizeof key - 1;
        if (s < len && pdf[s] == '\r')
            s++;
        if (s < len && pdf[s] == '\n')
            s++;
        pdf_expand_inflate((const unsigned char *)pdf + s, len - s, &out);
    }
    *out_len = out.len;
    return buf_detach(&out);
}

#endif

/* buf.h — growable byte strings and allocation that cannot fail.
 *
 * struct buf is always NUL-terminated (when data is non-NULL) so it can be handed to C string
 * functions; it may also hold NUL bytes when used for binary data. xmalloc and friends print
 * one line and exit 71 (EX_OSERR) on out-of-memory, as jq and Redis do, rather than threading
 * a NOMEM status through every caller. */
#ifndef EXPORTER_BUF_H
#define EXPORTER_BUF_H

#include <stddef.h>

void *xmalloc(size_t n);
/* The one way out when memory runs out, for failures a library reports (libharu, libyaml,
 * fontconfig, HarfBuzz): prints "exporter: error: out of memory (WHAT)" and exits 71. */
void x_out_of_memory(const char *what) __attribute__((noreturn));
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Grows *array (of elem_size items, capacity *cap) to hold at least need items. */
void xgrow(void *array_ptr, size_t *cap, size_t need, size_t elem_size);

struct buf {
    char *data;
    size_t len;
    size_t cap;
};

#define BUF_INIT { NULL, 0, 0 }

void buf_reserve(struct buf *b, size_t extra);
void buf_append(struct buf *b, const void *data, size_t len);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends v in decimal digits (printf's "%llu", without its cost: PDF content streams are
 * mostly numbers). */
void buf_put_uint(struct buf *b, unsigned long long v);
/* Appends code point cp as UTF-8 (cp must be a valid scalar value). */
void buf_put_utf8(struct buf *b, unsigned cp);
void buf_clear(struct buf *b);
/* Hands the string to the caller (never NULL; "" for an empty buffer) and resets b. */
char *buf_detach(struct buf *b);
void buf_free(struct buf *b);

#endif

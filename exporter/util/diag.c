/* diag.c — see diag.h. */
#include "util/diag.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utf8proc.h>

#include "util/buf.h"
#include "util/status.h"
#include "util/text.h"

void diag_init(struct diag *d, FILE *stream, int verbose, int quiet)
{
    d->stream = stream ? stream : stderr;
    d->verbose = verbose;
    d->quiet = quiet;
    d->errors = 0;
    d->warnings = 0;
    d->mute_reserved = 0;
}

static const char *level_name(enum diag_level level)
{
    switch (level) {
    case DIAG_ERROR: return "error";
    case DIAG_WARNING: return "warning";
    case DIAG_NOTE: return "note";
    }
    return "error";
}

/* Appends text to out so that it is one line of plain text whatever it holds: a newline or
 * an escape sequence would forge a line or drive the terminal, a direction override would
 * reorder what the reader sees. Such characters (text_is_hidden_control) appear as \xNN or
 * \u{NNNN}, bytes that are not UTF-8 as \xNN. */
static void append_visible(struct buf *out, const char *text)
{
    const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)text;
    size_t n = strlen(text);
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t cp = 0;
        utf8proc_ssize_t len = utf8proc_iterate(s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (len <= 0) {
            buf_printf(out, "\\x%02X", s[i++]);
            continue;
        }
        if (!text_is_hidden_control((uint32_t)cp))
            buf_append(out, s + i, (size_t)len);
        else if (cp < 0x80)
            buf_printf(out, "\\x%02X", (unsigned)cp);
        else
            buf_printf(out, "\\u{%04X}", (unsigned)cp);
        i += (size_t)len;
    }
}

char *diag_visible(const char *text)
{
    struct buf out = BUF_INIT;
    append_visible(&out, text);
    return buf_detach(&out);
}

static void put_visible(FILE *stream, const char *text)
{
    char *shown = diag_visible(text);
    fputs(shown, stream);
    free(shown);
}

void diag_report(struct diag *d, enum diag_level level, const char *file, unsigned line,
                 unsigned col, const char *fmt, ...)
{
    if (level == DIAG_ERROR)
        d->errors++;
    else if (level == DIAG_WARNING)
        d->warnings++;
    if ((level == DIAG_NOTE && !d->verbose) || (level == DIAG_WARNING && d->quiet))
        return;

    struct buf msg = BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n > 0) {
        buf_reserve(&msg, (size_t)n + 1);
        va_start(ap, fmt);
        vsnprintf(msg.data, (size_t)n + 1, fmt, ap);
        va_end(ap);
        msg.len = (size_t)n;
    }
    fputs("exporter: ", d->stream);
    if (file) {
        put_visible(d->stream, file);
        if (line) {
            fprintf(d->stream, ":%u", line);
            if (col)
                fprintf(d->stream, ":%u", col);
        }
        fputs(": ", d->stream);
    }
    fprintf(d->stream, "%s: ", level_name(level));
    put_visible(d->stream, msg.data ? msg.data : "");
    fputc('\n', d->stream);
    buf_free(&msg);
}

/* Severity order for combining statuses: a lock or config failure outranks bad data. */
static int severity(enum exp_status s)
{
    switch (s) {
    case EXP_OK: return 0;
    case EXP_DATAERR: return 1;
    case EXP_NOINPUT: return 2;
    case EXP_USAGE: return 3;
    case EXP_CONFIG: return 4;
    case EXP_ARCHIVE: return 4;
    case EXP_LOCKED: return 5;
    case EXP_CANTCREAT: return 6;
    case EXP_IOERR: return 7;
    case EXP_OSERR: return 8;
    case EXP_SOFTWARE: return 9;
    }
    return 9;
}

enum exp_status exp_status_worst(enum exp_status a, enum exp_status b)
{
    return severity(a) >= severity(b) ? a : b;
}

void diag_reserve_mute(struct diag *d)
{
    if (d->mute_reserved)
        return;
    int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
    int saved = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
    if (null < 0 || saved < 0) {
        if (null >= 0)
            close(null);
        if (saved >= 0)
            close(saved);
        return;
    }
    d->mute_null = null;
    d->mute_saved = saved;
    d->mute_reserved = 1;
}

/* Descriptor 2 is one for the whole process, and two threads may mute it at once (the
 * workbook's thread around libxlsxwriter, the caller around fontconfig): the first mute
 * points it at /dev/null, the last unmute restores it, under one lock. This is process-wide
 * state because what it guards is. */
static pthread_mutex_t mute_lock = PTHREAD_MUTEX_INITIALIZER;
static int mute_depth;        /* mutes in force */
static int mute_restore = -1; /* what the last unmute puts back (a reserved or a fresh dup) */
static int mute_owned;        /* mute_restore was opened by the first mute: close it after */

/* Points descriptor 2 at /dev/null; 0, or -1 when that cannot be done. */
static int silence_stderr(const struct diag *d)
{
    if (d && d->mute_reserved) {
        if (dup2(d->mute_null, STDERR_FILENO) < 0)
            return -1;
        mute_restore = d->mute_saved;
        mute_owned = 0;
        return 0;
    }
    int saved = dup(STDERR_FILENO);
    int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
    int ok = saved >= 0 && null >= 0 && dup2(null, STDERR_FILENO) >= 0;
    if (null >= 0)
        close(null);
    if (!ok) {
        if (saved >= 0)
            close(saved);
        return -1;
    }
    mute_restore = saved;
    mute_owned = 1;
    return 0;
}

int diag_mute_stderr(const struct diag *d)
{
    pthread_mutex_lock(&mute_lock);
    int rc = 0;
    if (mute_depth == 0) {
        fflush(stderr);
        rc = silence_stderr(d);
    }
    if (rc == 0)
        mute_depth++;
    pthread_mutex_unlock(&mute_lock);
    return rc == 0 ? 1 : -1;
}

void diag_unmute_stderr(const struct diag *d, int muted)
{
    (void)d;
    if (muted == -1)
        return;
    pthread_mutex_lock(&mute_lock);
    if (mute_depth > 0 && --mute_depth == 0) {
        fflush(stderr);
        dup2(mute_restore, STDERR_FILENO);
        if (mute_owned)
            close(mute_restore);
        mute_restore = -1;
    }
    pthread_mutex_unlock(&mute_lock);
}

void diag_buffer_open(struct diag_buffer *b, const struct diag *like)
{
    b->data = NULL;
    b->len = 0;
    b->fp = open_memstream(&b->data, &b->len);
    if (!b->fp) {
        fputs("exporter: error: out of memory\n", stderr);
        exit(71);
    }
    diag_init(&b->d, b->fp, like->verbose, like->quiet);
    /* the same reserved descriptors: a library muted through the buffer's sink (the
       workbook's thread) is muted without opening any */
    b->d.mute_reserved = like->mute_reserved;
    b->d.mute_null = like->mute_null;
    b->d.mute_saved = like->mute_saved;
}

void diag_buffer_replay(struct diag_buffer *b, struct diag *d)
{
    if (fclose(b->fp) != 0) {
        /* the buffer could not grow: its last messages are lost, never the run */
        b->len = b->data ? strnlen(b->data, b->len) : 0;
    }
    b->fp = NULL;
    if (d) {
        if (b->len)
            fwrite(b->data, 1, b->len, d->stream);
        d->errors += b->d.errors;
        d->warnings += b->d.warnings;
    }
    free(b->data);
    b->data = NULL;
    b->len = 0;
}

/* diag.c — see diag.h. */
#include "util/diag.h"

#include <stdarg.h>

#include "util/status.h"

void diag_init(struct diag *d, FILE *stream, int verbose, int quiet)
{
    d->stream = stream ? stream : stderr;
    d->verbose = verbose;
    d->quiet = quiet;
    d->errors = 0;
    d->warnings = 0;
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

void diag_report(struct diag *d, enum diag_level level, const char *file, unsigned line,
                 unsigned col, const char *fmt, ...)
{
    if (level == DIAG_ERROR)
        d->errors++;
    else if (level == DIAG_WARNING)
        d->warnings++;
    if ((level == DIAG_NOTE && !d->verbose) || (level == DIAG_WARNING && d->quiet))
        return;

    fputs("exporter: ", d->stream);
    if (file) {
        fputs(file, d->stream);
        if (line) {
            fprintf(d->stream, ":%u", line);
            if (col)
                fprintf(d->stream, ":%u", col);
        }
        fputs(": ", d->stream);
    }
    fprintf(d->stream, "%s: ", level_name(level));
    va_list ap;
    va_start(ap, fmt);
    vfprintf(d->stream, fmt, ap);
    va_end(ap);
    fputc('\n', d->stream);
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

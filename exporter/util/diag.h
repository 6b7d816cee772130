/* diag.h — diagnostics: every message the program prints to stderr goes through here.
 *
 * A struct diag is the sink a run passes down the pipeline. Messages carry a position so the
 * user can jump to it: "exporter: FILE:LINE:COL: error: MESSAGE". Errors and warnings are
 * always printed (unless quiet); notes only when verbose. The sink counts what it printed so
 * the CLI can decide the exit code. Modules never print to stdout or stderr directly. */
#ifndef EXPORTER_DIAG_H
#define EXPORTER_DIAG_H

#include <stdio.h>

enum diag_level { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE };

struct diag {
    FILE *stream;   /* where messages go; stderr in the CLI, a memstream in tests */
    int verbose;    /* print notes */
    int quiet;      /* suppress warnings (errors are still printed) */
    unsigned errors;
    unsigned warnings;
    int mute_reserved;          /* diag_reserve_mute ran: the two descriptors below are ours */
    int mute_null, mute_saved;  /* /dev/null, and descriptor 2 as it was */
};

/* A sink writing to stream (stderr when NULL). */
void diag_init(struct diag *d, FILE *stream, int verbose, int quiet);

/* A sink that keeps its messages in memory, for work done beside other work (another thread's,
 * or while descriptor 2 is muted) whose messages must come out later in a fixed order. */
struct diag_buffer {
    struct diag d;      /* report through &b->d */
    FILE *fp;
    char *data;
    size_t len;
};

/* Opens b with like's verbosity and quietness. Exits 71 when memory runs out. */
void diag_buffer_open(struct diag_buffer *b, const struct diag *like);

/* Writes b's messages to d's stream, adds b's error and warning counts to d's, and frees b's
 * memory (d NULL: the messages are dropped). */
void diag_buffer_replay(struct diag_buffer *b, struct diag *d);

/* Prints "exporter: file:line:col: level: message". line or col 0 leaves that part out;
 * file NULL leaves the whole position out. */
void diag_report(struct diag *d, enum diag_level level, const char *file, unsigned line,
                 unsigned col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

#define diag_error(d, file, line, col, ...)   diag_report(d, DIAG_ERROR, file, line, col, __VA_ARGS__)
#define diag_warning(d, file, line, col, ...) diag_report(d, DIAG_WARNING, file, line, col, __VA_ARGS__)
#define diag_note(d, file, line, col, ...)    diag_report(d, DIAG_NOTE, file, line, col, __VA_ARGS__)

/* text as one line of plain, valid UTF-8, the form messages print names and values in:
 * controls and direction overrides as \xNN or \u{NNNN}, bytes that are not UTF-8 as \xNN
 * ("\xFF\xFE bad.txt"). For a file name shown anywhere (a CSV cell, a workbook). Caller
 * frees. */
char *diag_visible(const char *text);

/* Some libraries print their own lines to stderr before returning an error we report in our
 * form (libxlsxwriter's "[ERROR] workbook_close(): …" on a full disk). Around such a call,
 * diag_mute_stderr points descriptor 2 at /dev/null and returns what diag_unmute_stderr needs
 * to restore it (-1 when it could not be muted; unmuting that does nothing). Threads may mute
 * at once (descriptor 2 stays muted until the last unmute); what other threads report
 * meanwhile must go to a buffer (diag_buffer), not to stderr.
 * Muting needs two descriptors; when they have run out (RLIMIT_NOFILE) the library's failure
 * is exactly what prints. diag_reserve_mute opens them once, at the start of a run, and keeps
 * them in d for every later mute (d NULL or not reserved: they are opened at each mute). */
void diag_reserve_mute(struct diag *d);
int diag_mute_stderr(const struct diag *d);
void diag_unmute_stderr(const struct diag *d, int saved);

#endif

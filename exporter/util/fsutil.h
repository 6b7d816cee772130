/* fsutil.h — files the operator can trust: output files checked at every step, whole-file
 * reads, data-file lookup.
 *
 * Every output lives in a run's staging folder (outset.h: output_set_open), which no reader
 * sees until the whole set is fsynced and published by one rename; so a single output needs
 * no temporary name and no rename of its own, only every write, flush and close checked. */
#ifndef EXPORTER_FSUTIL_H
#define EXPORTER_FSUTIL_H

#include <signal.h>
#include <stddef.h>
#include <stdio.h>

#include "util/diag.h"
#include "util/status.h"

/* One output file being written in a staging folder (opened by output_set_open). */
struct atomic_file {
    FILE *fp;          /* write the content here */
    char *final_path;  /* the file's path, for messages */
    char *temp_path;   /* the same path, removed when the file fails or is discarded */
};

/* Flushes and closes the file, checking both and the stream's error flag (a write that
 * failed earlier, such as ENOSPC, is found here). EXP_IOERR with a message on any failure,
 * in which case the file is removed. Frees af's strings. The set's commit syncs it. */
enum exp_status atomic_file_commit(struct atomic_file *af, struct diag *d);
/* Discards the file; safe on an af that was never opened (zeroed). */
void atomic_file_abort(struct atomic_file *af);

/* Watches for a write past the file-size limit (ulimit -f, RLIMIT_FSIZE) during a call into
 * a library that ignores its own write errors (libxlsxwriter's temporary files): between
 * begin and end, SIGXFSZ neither ends the process nor goes unnoticed when the caller ignored
 * it — a write past the limit fails (EFBIG) and is remembered. end restores the signal's
 * previous disposition and returns 1 when the limit was crossed meanwhile. Not nested. */
struct fsutil_size_watch {
    struct sigaction previous;
};
void fsutil_size_watch_begin(struct fsutil_size_watch *w);
int fsutil_size_watch_end(struct fsutil_size_watch *w);

/* mkdir -p. EXP_CANTCREAT with a message on failure (also for an empty name). */
enum exp_status fsutil_mkdirs(const char *dir, struct diag *d);

/* Reads a whole regular file into a fresh NUL-terminated buffer (caller frees *data).
 * Returns EXP_NOINPUT when it does not exist or may not be read, EXP_IOERR on read errors,
 * EXP_DATAERR when it is not a regular file or larger than limit bytes (checked before
 * reading, and again as it is read); messages go through d. */
enum exp_status fsutil_read_file(const char *path, size_t limit, char **data, size_t *len,
                                 struct diag *d);

/* Finds one of the program's data files ("templates/sovereign-ai.yaml", "fonts") so an
 * installed exporter works without the source tree. Looks, in order, in $EXPORTER_DATADIR,
 * beside the binary (build/exporter → ./templates), in ../share/exporter relative to the
 * binary (PREFIX/bin → PREFIX/share/exporter), in the compiled-in data directory, and in the
 * current directory. Returns a fresh path (caller frees) or NULL. */
char *fsutil_find_data(const char *relative);

/* Creates a private temporary file NAME-XXXXXX in $TMPDIR, or in /tmp when TMPDIR is unset,
 * empty or unusable (missing, not a folder, not writable): a bad TMPDIR costs nothing. Returns
 * the open descriptor and the file's path in *path (caller unlinks and frees), or -1 with
 * errno set and *path NULL when neither place works. */
int fsutil_temp_file(const char *name, char **path);

/* path as an absolute path with every link and "."/".." of its existing part resolved and the
 * rest (what does not exist yet) appended, normalised: where a file at path would really be.
 * Caller frees. */
char *fsutil_resolve(const char *path);

/* 1 when path is dir or lies under it, both compared as fsutil_resolve gives them. */
int fsutil_path_within(const char *path, const char *dir);

/* 1 when the process cannot open one more file descriptor (ulimit -n reached, or the
 * system's table full): what a library's "file not found" may really mean. */
int fsutil_out_of_descriptors(void);

/* path joined with name by a single '/'; caller frees. */
char *fsutil_join(const char *dir, const char *name);

#endif

/* inputs.h — which files a run reads.
 *
 * First step of the pipeline: turns the command line's INPUTs (files, folders searched
 * recursively for *.txt and *.md, or "-" for a list of paths on standard input) into a
 * sorted list of article paths, in time linear in the size of the tree whatever links it
 * holds. A folder is entered at most once (by device and inode), so a link loop is walked
 * once; a link to a folder is followed only when it leads to a folder inside the INPUT it was
 * found in, so `up -> ..` cannot reach files the user did not name. Entries that are not
 * regular files (FIFOs, devices, sockets) are reported and never opened, and a path longer
 * than PATH_MAX is reported rather than dropped. A file reached twice (a link to it, a hard
 * link, the same path or folder given twice, "-" listing it again) is listed once.
 *
 * The list itself is not held in memory: the paths go, one after another, to an unlinked
 * temporary file (in $TMPDIR or /tmp) and are read back in order, so a run over 100,000
 * files keeps a count and a read buffer, not 100,000 strings. What the walk holds while it
 * runs — one folder's names to sort them, the files seen by device and inode — is freed
 * when it ends. */
#ifndef EXPORTER_INPUTS_H
#define EXPORTER_INPUTS_H

#include <stddef.h>

#include "util/diag.h"
#include "util/status.h"

#include <stdio.h>

/* The article paths: in the order given, each folder's files in name order. Read them with
 * input_list_rewind and input_list_next. */
struct input_list {
    size_t count;   /* paths listed */
    /* private */
    FILE *spill;    /* the paths, each NUL-terminated, in an unlinked temporary file */
    int failed;     /* the file could not be made or written */
    char *line;     /* the path input_list_next returned last */
    size_t line_cap;
};

/* Lists the article files named by inputs[0..n) in *out (zeroed first; free it with
 * input_list_free even on failure). Returns EXP_OK, EXP_NOINPUT when an INPUT does not
 * exist, or EXP_DATAERR when an entry was refused (not a regular file, a path too long, a
 * link leading outside its folder is only a warning); every problem is reported through d
 * and the other inputs are still collected. EXP_IOERR with a message when the temporary
 * file cannot be made or written (nothing can be read then). */
enum exp_status inputs_collect(char *const *inputs, size_t n, struct input_list *out,
                               struct diag *d);

/* Goes back to the first path. EXP_IOERR (no message) when the file cannot be read. */
enum exp_status input_list_rewind(struct input_list *l);

/* The next path in order (valid until the next call or input_list_free), or NULL after the
 * last one or when the file cannot be read (l->failed is set then). */
const char *input_list_next(struct input_list *l);

void input_list_free(struct input_list *l);

#endif

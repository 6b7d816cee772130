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
 * link, the same path or folder given twice, "-" listing it again) is listed once. */
#ifndef EXPORTER_INPUTS_H
#define EXPORTER_INPUTS_H

#include <stddef.h>

#include "util/diag.h"
#include "util/status.h"

struct input_list {
    char **paths;   /* owned; in the order given, each folder's files in name order */
    size_t count, cap;
};

/* Appends the article files named by inputs[0..n) to *out. Returns EXP_OK, EXP_NOINPUT
 * when an INPUT does not exist, or EXP_DATAERR when an entry was refused (not a regular
 * file, a path too long, a link leading outside its folder is only a warning); every
 * problem is reported through d and the other inputs are still collected. */
enum exp_status inputs_collect(char *const *inputs, size_t n, struct input_list *out,
                               struct diag *d);

void input_list_free(struct input_list *l);

#endif

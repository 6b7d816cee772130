/* outset.h — one run's outputs, published together or not at all.
 *
 * A reader of the output folder must never see files from two runs, even when a run is
 * killed (kill -9) at any moment. Replacing each file atomically is not enough: a run killed
 * between two renames leaves new CSVs beside the previous PDF. So the output folder the user
 * names (say `out`) is a symbolic link into a state folder beside it:
 *
 *     out -> .out.exporter/runs/k3Xq9a/      the published set (every file of one run)
 *     .out.exporter/lock                     flock(2): one run at a time per output folder
 *     .out.exporter/runs/<id>/               a run's staging folder, then its published set
 *     .out.exporter/retired -> <id>          the set replaced last, removed by the next switch
 *     .out.exporter/…                        state that survives every run (the archive)
 *
 * A run writes all its files into a fresh staging folder, fsyncs them, then points `out` at
 * that folder with one rename(2) of a new link over the old one — atomic on every POSIX file
 * system. A reader resolving `out/briefing.pdf` gets the old set or the new one, never a
 * mix; a reader that opened the folder keeps a consistent set. The set replaced is kept
 * until the next run's switch (so a reader that opened it just before has a run's time to
 * finish), then removed.
 * Staging folders left by a killed run are removed by the next run, under the lock.
 * SIGINT, SIGTERM, SIGHUP (and the other signals a user or a job runner sends to end a
 * process; one the caller ignores stays ignored) during a run remove the staging folder
 * before the process dies; the lock dies with the process.
 *
 * An existing real folder at `out` is taken over once when it is empty or holds only what
 * an earlier exporter wrote there (*.csv, *.pdf, *.xlsx, .exporter.*); anything else is
 * refused (EXP_CANTCREAT) rather than deleted. */
#ifndef EXPORTER_OUTSET_H
#define EXPORTER_OUTSET_H

#include "util/diag.h"
#include "util/fsutil.h"
#include "util/status.h"

struct output_set;

/* Prepares a run's outputs for the folder dir: creates dir's parent and the state folder,
 * takes the lock (wait != 0 blocks; otherwise EXP_LOCKED at once when another run holds it),
 * removes what killed runs left, and makes an empty staging folder. On success *out gets the
 * set (finish it with output_set_commit or output_set_abort). EXP_CANTCREAT with a message
 * when dir cannot be used. */
enum exp_status output_set_begin(const char *dir, int wait, struct output_set **out,
                                 struct diag *d);

/* Opens NAME (a plain file name, no '/') in the staging folder for writing: write to af->fp,
 * then atomic_file_commit(af, d) or atomic_file_abort(af). */
enum exp_status output_set_open(struct output_set *set, const char *name,
                                struct atomic_file *af, struct diag *d);

/* The path NAME will have in the staging folder, for libraries that want a file name
 * (libxlsxwriter). Caller frees. The file is part of the set published by commit. */
char *output_set_path(struct output_set *set, const char *name);

/* The staging folder itself: where a library that keeps temporary files of its own
 * (libxlsxwriter's row files) should keep them, on the outputs' file system rather than a
 * /tmp that may be full. Valid while the set lives. */
const char *output_set_stage_dir(const struct output_set *set);

/* The folder beside the output that survives every run and is never part of a set (the place
 * for state kept across runs), computed from the output path alone, before any set is begun
 * (for state opened early, such as the archive): "out" → "./.out.exporter", "/srv/b/2026-W01/" →
 * "/srv/b/.2026-W01.exporter". NULL when dir names no folder ("", ".", "/"). Caller frees;
 * the folder may not exist yet (output_set_begin creates it). */
char *output_set_state_dir_for(const char *dir);

/* Makes the staging folder ready to publish: fsyncs every file and the folder and makes the
 * link that will point the output at it, so that all publishing has left is one rename(2).
 * A caller with state of its own to commit with the run (the archive) commits it between
 * output_set_prepare and output_set_commit: every step that a full disk can fail is then
 * behind it. EXP_IOERR with a message on failure, in which case the set is aborted and
 * freed (the previous set stays published). Calling it twice does nothing more. */
enum exp_status output_set_prepare(struct output_set *set, struct diag *d);

/* 1 when path (a file that must outlive runs, such as --archive) lies in what an output set
 * for dir replaces or removes: dir itself (behind its link, the published set) or the state
 * folder's runs/. Links and the existing part of path are resolved first. */
int output_set_would_replace(const char *dir, const char *path);

/* Publishes the staging folder as the output (output_set_prepare when not done yet, then the
 * switch: the link renamed over the old one), removes the previous set, releases the lock
 * and frees set. EXP_IOERR with a message on failure, in which case the previous set stays
 * published. */
enum exp_status output_set_commit(struct output_set *set, struct diag *d);

/* Discards the staging folder, releases the lock and frees set; the published set stays.
 * output_set_abort(NULL) does nothing. */
void output_set_abort(struct output_set *set);

#endif

/* build.h — the `build` and `check` subcommands: the whole pipeline for one run.
 *
 * Collects the input files (sorted, so identical runs give identical bytes), parses each into
 * an article (a bad one is reported and skipped, never fatal to the others), filters by date,
 * loads the template, extracts and merges the comparison table, then — holding the output
 * folder's lock — writes every output atomically. `check` stops before writing. */
#ifndef EXPORTER_BUILD_H
#define EXPORTER_BUILD_H

#include "cli/cli.h"
#include "util/diag.h"
#include "util/status.h"

/* Runs build or check as opts says. Returns the run's status: EXP_DATAERR when some article
 * was skipped (outputs still written unless opts->strict), EXP_NOINPUT when there was
 * nothing to read, and the output stage's failure otherwise. */
enum exp_status build_run(const struct cli_options *opts, struct diag *d);

#endif

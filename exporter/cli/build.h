/* build.h — the `build` and `check` subcommands: the whole pipeline for one run.
 *
 * Collects the input files (sorted, so identical runs give identical bytes), parses each into
 * an article (a bad one is reported and skipped, never fatal to the others), filters by date,
 * loads the template, extracts and merges the comparison table, then — holding the output
 * folder's lock — writes every output atomically. `check` stops before writing.
 *
 * The stage takes its own options, not the command line's: the command line (cli.h) fills a
 * build_options, and anything else that runs the pipeline (a test, another front end) can
 * fill one without knowing about argv. */
#ifndef EXPORTER_BUILD_H
#define EXPORTER_BUILD_H

#include <stddef.h>

#include "util/date.h"
#include "util/diag.h"
#include "util/status.h"

/* What the run does with what it read. */
enum build_mode {
    BUILD_WRITE, /* write the outputs (and record the week in the archive) */
    BUILD_CHECK, /* report per column what the template found; write nothing */
};

/* Which outputs a writing run makes (bits). */
enum build_format { BUILD_FORMAT_CSV = 1, BUILD_FORMAT_PDF = 2, BUILD_FORMAT_XLSX = 4 };

struct build_options {
    enum build_mode mode;
    char *const *inputs;       /* files, folders, or "-" (a list of paths on stdin); borrowed */
    size_t n_inputs;
    const char *template_path; /* NULL: the default template, found beside the program */
    const char *out_dir;       /* may hold {week} and {date} */
    struct date_period period; /* the articles' period and today, Korean days (util/date.h) */
    const char *archive_path;  /* NULL: archive.sqlite in the output root */
    int no_archive;            /* keep no archive */
    unsigned formats;          /* BUILD_FORMAT_* bits */
    int strict;                /* any bad article fails the run and nothing is written */
    int quiet;                 /* check: no per-column report on stdout */
    int wait;                  /* wait for another run's lock instead of failing */
    int if_changed;            /* do nothing when inputs, template and version are unchanged */
    unsigned jobs;             /* threads reading articles; 0 = one per online CPU */
};

/* Runs build or check as opts says. Returns the run's status: EXP_DATAERR when some article
 * was skipped (outputs still written unless opts->strict), EXP_NOINPUT when there was
 * nothing to read, and the output stage's failure otherwise. */
enum exp_status build_run(const struct build_options *opts, struct diag *d);

#endif

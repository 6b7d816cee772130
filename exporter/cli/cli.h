/* cli.h — the command line: options parsed from argv, and the dispatch to a subcommand.
 *
 *   exporter build [options] INPUT...   parse, extract, write the CSVs and the briefing PDF
 *   exporter check [options] INPUT...   the same diagnostics, writes nothing
 *   exporter quantities                 the quantity normaliser over stdin
 *   exporter --help | --version
 *
 * The parsed options are the program's only mutable state; every stage receives what it
 * needs from them as arguments. */
#ifndef EXPORTER_CLI_H
#define EXPORTER_CLI_H

#include <stddef.h>

#include "util/date.h"
#include "util/diag.h"
#include "util/status.h"

#define EXPORTER_VERSION "0.1.0"

enum cli_command { CLI_NONE, CLI_BUILD, CLI_CHECK, CLI_QUANTITIES, CLI_HELP, CLI_VERSION };

enum cli_format { CLI_FORMAT_CSV = 1, CLI_FORMAT_PDF = 2, CLI_FORMAT_XLSX = 4 };

struct cli_options {
    enum cli_command command;
    char **inputs;          /* files, folders, or "-" (a list of paths on stdin) */
    size_t n_inputs;
    const char *template_path; /* NULL: the default template, found beside the program */
    const char *out_dir;       /* may hold {week} and {date} */
    const char *week;          /* "last", "this" or 2026-W53, as written */
    const char *since, *until; /* YYYY-MM-DD, inclusive, as written */
    const char *today;         /* --today YYYY-MM-DD, as written */
    struct date_period period; /* the above resolved once (util/date.h); Korean days */
    const char *archive_path;  /* --archive FILE; NULL: archive.sqlite in the output root */
    int no_archive;            /* --no-archive */
    unsigned formats;          /* CLI_FORMAT_* bits */
    int strict, quiet, verbose, wait, if_changed;
    unsigned jobs;             /* -j N: threads reading articles; 0 = one per online CPU */
    const char *argv0;
};

/* Parses argv into *opts (which borrows argv's strings). Returns EXP_USAGE with a message on
 * a bad command line. Always call cli_options_free afterwards. */
enum exp_status cli_parse(int argc, char **argv, struct cli_options *opts, struct diag *d);

/* Runs the parsed command. */
enum exp_status cli_run(const struct cli_options *opts, struct diag *d);

void cli_options_free(struct cli_options *opts);

#endif

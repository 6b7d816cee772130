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

#include "cli/build.h"
#include "util/diag.h"
#include "util/status.h"
#include "util/version.h"

enum cli_command { CLI_NONE, CLI_BUILD, CLI_CHECK, CLI_QUANTITIES, CLI_HELP, CLI_VERSION };

struct cli_options {
    enum cli_command command;
    struct build_options build; /* build and check: what the pipeline is given (build.h) */
    char **inputs;             /* owns the array build.inputs points to */
    const char *week;          /* "last", "this" or 2026-W53, as written */
    const char *since, *until; /* YYYY-MM-DD, inclusive, as written */
    const char *today;         /* --today YYYY-MM-DD, as written; resolved into build.period */
    int quiet, verbose;        /* -q, -v: what the diagnostics print */
};

/* Parses argv into *opts (which borrows argv's strings). Returns EXP_USAGE with a message on
 * a bad command line. Always call cli_options_free afterwards. */
enum exp_status cli_parse(int argc, char **argv, struct cli_options *opts, struct diag *d);

/* Runs the parsed command. */
enum exp_status cli_run(const struct cli_options *opts, struct diag *d);

void cli_options_free(struct cli_options *opts);

#endif

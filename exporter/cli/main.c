/* main.c — parse the command line, dispatch the subcommand, map the status to an exit code.
 * Nothing else lives here. */
#include <stdio.h>
#include <sysexits.h>

#include "cli/cli.h"
#include "util/diag.h"
#include "util/status.h"

/* The one place a status becomes a process exit code. */
static int exit_code(enum exp_status st)
{
    switch (st) {
    case EXP_OK: return EX_OK;
    case EXP_USAGE: return EX_USAGE;
    case EXP_DATAERR: return EX_DATAERR;
    case EXP_NOINPUT: return EX_NOINPUT;
    case EXP_SOFTWARE: return EX_SOFTWARE;
    case EXP_OSERR: return EX_OSERR;
    case EXP_CANTCREAT: return EX_CANTCREAT;
    case EXP_IOERR: return EX_IOERR;
    case EXP_LOCKED: return EX_TEMPFAIL;
    case EXP_CONFIG: return EX_CONFIG;
    case EXP_ARCHIVE: return EX_UNAVAILABLE;
    }
    return EX_SOFTWARE;
}

int main(int argc, char **argv)
{
    struct cli_options opts;
    struct diag d;
    diag_init(&d, stderr, 0, 0);
    enum exp_status st = cli_parse(argc, argv, &opts, &d);
    if (st == EXP_OK) {
        diag_init(&d, stderr, opts.verbose, opts.quiet);
        st = cli_run(&opts, &d);
    }
    cli_options_free(&opts);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "exporter: error: cannot write to standard output\n");
        if (st == EXP_OK)
            st = EXP_IOERR;
    }
    return exit_code(st);
}

/* main.c — parse the command line, dispatch the subcommand, map the status to an exit code.
 * Nothing else lives here. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

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

/* A standard descriptor the caller closed (`exporter build … 2>&-`) would be handed to the
 * next open(): the lock file or a CSV would then receive the diagnostics, or the check report.
 * Each closed one is reopened before anything else is: standard input as an empty file, and
 * standard output as /dev/full, so that a report written to a closed output fails as any
 * failed write does (exit 74) rather than vanishing; diagnostics to a closed standard error
 * are lost, as the caller asked. 0 when all three are open, -1 when one cannot be. */
static int standard_descriptors_open(void)
{
    for (int fd = STDIN_FILENO; fd <= STDERR_FILENO; fd++) {
        if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
            continue;
        int opened = fd == STDIN_FILENO ? open("/dev/null", O_RDONLY) : -1;
        if (fd == STDOUT_FILENO)
            opened = open("/dev/full", O_WRONLY);
        if (opened < 0)
            opened = open("/dev/null", O_WRONLY);
        if (opened != fd) {   /* the lowest free descriptor is the one that was closed */
            if (opened >= 0)
                close(opened);
            return -1;
        }
    }
    return 0;
}

/* A reader of stderr or stdout that went away would kill the run by SIGPIPE for a condition
 * it reports better itself: the write fails with EPIPE, the run still publishes its files,
 * and a failed stdout is exit 74. (A file-size limit, SIGXFSZ, is left fatal: outset.c
 * removes the staging folder and the previous set stays published.) */
static void ignore_reported_signals(void)
{
    signal(SIGPIPE, SIG_IGN);
}

/* fontconfig takes its default language from FC_LANG, else LC_ALL, LC_CTYPE or LANG, and
 * prints "Fontconfig warning: ignoring …: not a valid language tag" for a value it cannot
 * read (LANG=C.UTF-16, a typo in a crontab): a warning on a successful run. It is given one
 * fixed language instead, before any thread starts (setenv is not thread-safe), so a run
 * behaves the same under every locale: the one of the C locale ("en"; the names fontconfig
 * reports, in messages, are then the fonts' English names). The patterns the typesetter asks
 * for name Korean themselves; the bytes written do not change. */
static void fontconfig_language(void)
{
    setenv("FC_LANG", "en", 1);
}

/* A umask that takes the owner's own permissions (umask 777, 277) would make exporter create
 * a state folder, a lock and outputs that their owner cannot open: the run fails, and every
 * later run with it, on a folder of mode 000. The owner's bits are kept; the umask still
 * decides what group and others get. */
static void owner_keeps_access(void)
{
    mode_t mask = umask(0);
    umask(mask & 077);
}

int main(int argc, char **argv)
{
    if (standard_descriptors_open() != 0)
        return EX_OSERR;
    ignore_reported_signals();
    fontconfig_language();
    owner_keeps_access();
    struct cli_options opts;
    struct diag d;
    diag_init(&d, stderr, 0, 0);
    enum exp_status st = cli_parse(argc, argv, &opts, &d);
    if (st == EXP_OK) {
        diag_init(&d, stderr, opts.verbose, opts.quiet);
        diag_reserve_mute(&d);   /* before a library can run out of descriptors */
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

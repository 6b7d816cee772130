/* status.h — the one status type every module returns.
 *
 * Modules report failure as an enum exp_status and a diagnostic (see diag.h); only main.c
 * turns a status into a process exit code (sysexits), in one place. */
#ifndef EXPORTER_STATUS_H
#define EXPORTER_STATUS_H

enum exp_status {
    EXP_OK = 0,
    EXP_USAGE,     /* bad command line                         -> 64 */
    EXP_DATAERR,   /* a bad article                            -> 65 */
    EXP_NOINPUT,   /* input missing, or no articles            -> 66 */
    EXP_SOFTWARE,  /* internal error                           -> 70 */
    EXP_OSERR,     /* out of memory                            -> 71 */
    EXP_CANTCREAT, /* cannot create an output                  -> 73 */
    EXP_IOERR,     /* read or write failed                     -> 74 */
    EXP_LOCKED,    /* another run holds the output's lock      -> 75 */
    EXP_CONFIG,    /* bad template                             -> 78 */
    EXP_ARCHIVE    /* the archive is not ours, corrupt, or newer -> 69 */
};

/* The worse of two statuses, so a run can keep the most serious failure it met. */
enum exp_status exp_status_worst(enum exp_status a, enum exp_status b);

#endif

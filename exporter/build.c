/* build.c — placeholder, being written (issue #2). */
#include "build.h"
enum exp_status build_run(const struct cli_options *opts, struct diag *d)
{ (void)opts; diag_error(d, NULL, 0, 0, "build: not implemented yet"); return EXP_SOFTWARE; }

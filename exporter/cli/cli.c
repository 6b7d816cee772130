/* cli.c — see cli.h. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract/quantity.h"
#include "util/buf.h"
#include "util/date.h"

/* One screen (80 columns, under 24 lines); the man page has the rest. */
static const char usage_text[] =
    "usage: exporter build [options] INPUT...  CSVs, workbook and briefing PDF\n"
    "       exporter check [options] INPUT...  the same diagnostics, writes nothing\n"
    "       exporter quantities < TEXT         the quantity normaliser\n"
    "       exporter -h | --help | --version\n"
    "INPUT: an article file, a folder (searched for *.txt and *.md), or - (a list of\n"
    "paths on standard input)\n"
    "  --template FILE  briefing template (default: templates/sovereign-ai.yaml)\n"
    "  --out DIR        output folder (default: out); {week} and {date} are expanded\n"
    "  --week WEEK      last, this or YYYY-Www: articles of that ISO week in Korea\n"
    "  --since DATE     from DATE (YYYY-MM-DD) on; --until DATE: up to DATE\n"
    "  --today DATE     take DATE as today (backfills); default: today in Korea\n"
    "  --archive FILE   weekly archive (default: in the output root); --no-archive\n"
    "  --formats LIST   any of csv,xlsx,pdf in any case (default: all three)\n"
    "  --strict         any bad article fails the run and nothing is written\n"
    "  --wait           wait for another run on the same output folder\n"
    "  --if-changed     do nothing when inputs, template, version, archive unchanged\n"
    "  -j, --jobs N     threads reading articles (default: online CPUs, at most 8)\n"
    "  -q, --quiet      no warnings            -v, --verbose  notes and progress\n"
    "exit status: 0 success; 64 usage; 65 bad article (the good ones are exported)\n"
    "  66 no input or no articles; 69 unusable archive; 70 internal; 71 out of memory\n"
    "  73 cannot create an output; 74 I/O error; 75 the output folder is locked\n"
    "  by another run; 78 bad template\n"
    "More: man exporter (in the source tree: man ./exporter.1)\n";

enum { OPT_TEMPLATE = 256, OPT_OUT, OPT_WEEK, OPT_SINCE, OPT_UNTIL, OPT_TODAY, OPT_ARCHIVE, OPT_NO_ARCHIVE, OPT_FORMATS, OPT_STRICT,
       OPT_WAIT, OPT_IF_CHANGED, OPT_HELP, OPT_VERSION };

static const struct option long_options[] = {
    { "template", required_argument, NULL, OPT_TEMPLATE },
    { "out", required_argument, NULL, OPT_OUT },
    { "week", required_argument, NULL, OPT_WEEK },
    { "since", required_argument, NULL, OPT_SINCE },
    { "until", required_argument, NULL, OPT_UNTIL },
    { "today", required_argument, NULL, OPT_TODAY },
    { "archive", required_argument, NULL, OPT_ARCHIVE },
    { "no-archive", no_argument, NULL, OPT_NO_ARCHIVE },
    { "formats", required_argument, NULL, OPT_FORMATS },
    { "strict", no_argument, NULL, OPT_STRICT },
    { "wait", no_argument, NULL, OPT_WAIT },
    { "if-changed", no_argument, NULL, OPT_IF_CHANGED },
    { "jobs", required_argument, NULL, 'j' },
    { "quiet", no_argument, NULL, 'q' },
    { "verbose", no_argument, NULL, 'v' },
    { "help", no_argument, NULL, OPT_HELP },
    { "version", no_argument, NULL, OPT_VERSION },
    { NULL, 0, NULL, 0 },
};

static int parse_formats(const char *list, unsigned *out)
{
    unsigned f = 0;
    char *copy = xstrdup(list);
    char *save = NULL;
    for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        if (strcasecmp(tok, "csv") == 0)
            f |= BUILD_FORMAT_CSV;
        else if (strcasecmp(tok, "xlsx") == 0)
            f |= BUILD_FORMAT_XLSX;
        else if (strcasecmp(tok, "pdf") == 0)
            f |= BUILD_FORMAT_PDF;
        else {
            free(copy);
            return -1;
        }
    }
    free(copy);
    if (!f)
        return -1;
    *out = f;
    return 0;
}

static enum exp_status usage_error(struct diag *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static enum exp_status usage_error(struct diag *d, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_error(d, NULL, 0, 0, "%s (see exporter --help)", msg);
    return EXP_USAGE;
}

/* A value that is itself an option ("--template --out x") means the value was left out; a
 * negative number ("-j -1") is a value, for the option's own check to refuse. */
static int option_value_ok(const char *value)
{
    return !value || value[0] != '-' || value[1] == '\0' || (value[1] >= '0' && value[1] <= '9');
}

/* An option that takes a value may be given once: `--out a --out b` or `--week this --week
 * last` is a contradiction to report, not a choice to make silently (a cron line edited by
 * appending would otherwise change meaning). Bit per option code. */
static int given_twice(unsigned long long *given, int code)
{
    unsigned bit = code == 'j' ? 63u : (unsigned)(code - OPT_TEMPLATE);
    unsigned long long mask = 1ull << bit;
    int twice = (*given & mask) != 0;
    *given |= mask;
    return twice;
}

static enum exp_status missing_value(struct diag *d, const char *option)
{
    char name[64];
    snprintf(name, sizeof name, "%s%s", option[0] == '-' ? "" : "--", option);
    name[strcspn(name, "=")] = '\0';
    return usage_error(d, "option '%s' is missing its value", name);
}

/* An option's value (for one that takes a value): present, not empty, given once. */
static enum exp_status check_value(int c, const struct option *as_long,
                                   unsigned long long *given, struct diag *d)
{
    const char *name = as_long ? as_long->name : "-j";
    const char *dashes = as_long ? "--" : "";
    if (c != 'j' && !(as_long && as_long->has_arg == required_argument))
        return EXP_OK;
    if (!option_value_ok(optarg))
        return missing_value(d, name);
    if (!*optarg)
        return usage_error(d, "option '%s%s' wants a value, not ''", dashes, name);
    if (given_twice(given, c))
        return usage_error(d, "option '%s%s' is given twice", dashes, name);
    return EXP_OK;
}

enum exp_status cli_parse(int argc, char **argv, struct cli_options *opts, struct diag *d)
{
    memset(opts, 0, sizeof *opts);
    struct build_options *b = &opts->build;
    b->out_dir = "out";
    b->formats = BUILD_FORMAT_CSV | BUILD_FORMAT_XLSX | BUILD_FORMAT_PDF;

    int first = 1;
    if (argc > 1 && argv[1][0] != '-') {
        const char *cmd = argv[1];
        if (strcmp(cmd, "build") == 0)
            opts->command = CLI_BUILD;
        else if (strcmp(cmd, "check") == 0)
            opts->command = CLI_CHECK;
        else if (strcmp(cmd, "quantities") == 0)
            opts->command = CLI_QUANTITIES;
        else if (strcmp(cmd, "help") == 0)
            opts->command = CLI_HELP;
        else
            return usage_error(d, "unknown command '%s'", cmd);
        first = 2;
    }

    optind = first;
    opterr = 0;
    int c;
    int li = -1;
    unsigned long long given = 0;
    while ((c = getopt_long(argc, argv, ":hqvj:", long_options, &li)) != -1) {
        const struct option *as_long = li >= 0 ? &long_options[li] : NULL;
        li = -1;   /* getopt_long sets it only for a long option */
        enum exp_status vst = check_value(c, as_long, &given, d);
        if (vst != EXP_OK)
            return vst;
        switch (c) {
        case OPT_TEMPLATE: b->template_path = optarg; break;
        case OPT_OUT: b->out_dir = optarg; break;
        case OPT_WEEK: opts->week = optarg; break;
        case OPT_SINCE: opts->since = optarg; break;
        case OPT_UNTIL: opts->until = optarg; break;
        case OPT_TODAY: opts->today = optarg; break;
        case OPT_ARCHIVE: b->archive_path = optarg; break;
        case OPT_NO_ARCHIVE: b->no_archive = 1; break;
        case OPT_FORMATS:
            if (parse_formats(optarg, &b->formats) != 0)
                return usage_error(d, "--formats wants a list of csv, xlsx and pdf, not '%s'", optarg);
            break;
        case OPT_STRICT: b->strict = 1; break;
        case OPT_WAIT: b->wait = 1; break;
        case OPT_IF_CHANGED: b->if_changed = 1; break;
        case 'j': {
            char *end;
            unsigned long n = strtoul(optarg, &end, 10);
            if (*optarg < '1' || *optarg > '9' || *end || n > 256)
                return usage_error(d, "-j wants a number of threads from 1 to 256, not '%s'", optarg);
            b->jobs = (unsigned)n;
            break;
        }
        case 'q': opts->quiet = b->quiet = 1; break;
        case 'v': opts->verbose = 1; break;
        case 'h':
        case OPT_HELP: opts->command = CLI_HELP; return EXP_OK;
        case OPT_VERSION: opts->command = CLI_VERSION; return EXP_OK;
        case ':':
            return missing_value(d, argv[optind - 1]);
        default:
            return usage_error(d, "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (b->archive_path && b->no_archive)
        return usage_error(d, "%s", "--archive cannot be combined with --no-archive");
    if (opts->quiet && opts->verbose)
        return usage_error(d, "%s", "-q (no warnings) and -v (notes too) contradict each other");
    /* The period is resolved here, once, after --today is known wherever it stood. */
    struct date_period_spec spec = { opts->week, opts->since, opts->until, opts->today };
    char why[256];
    if (date_period_resolve(&spec, date_today_kst(), &b->period, why, sizeof why) != 0)
        return usage_error(d, "%s", why);

    if (opts->command == CLI_NONE)
        return usage_error(d, "%s", "no command given");
    size_t n = (size_t)(argc - optind);
    if ((opts->command == CLI_BUILD || opts->command == CLI_CHECK) && n == 0)
        return usage_error(d, "%s", "no INPUT given");
    if (opts->command == CLI_QUANTITIES && n != 0)
        return usage_error(d, "%s", "quantities reads standard input and takes no INPUT");
    opts->inputs = xcalloc(n + 1, sizeof *opts->inputs);
    for (size_t i = 0; i < n; i++)
        opts->inputs[i] = argv[optind + (int)i];
    b->mode = opts->command == CLI_CHECK ? BUILD_CHECK : BUILD_WRITE;
    b->inputs = opts->inputs;
    b->n_inputs = n;
    return EXP_OK;
}

enum exp_status cli_run(const struct cli_options *opts, struct diag *d)
{
    switch (opts->command) {
    case CLI_HELP:
        fputs(usage_text, stdout);
        return EXP_OK;
    case CLI_VERSION:
        printf("exporter %s\n", EXPORTER_VERSION);
        return EXP_OK;
    case CLI_QUANTITIES:
        return quantity_print_lines(stdin, stdout, d);
    case CLI_BUILD:
    case CLI_CHECK:
        return build_run(&opts->build, d);
    case CLI_NONE:
        break;
    }
    return EXP_USAGE;
}

void cli_options_free(struct cli_options *opts)
{
    free(opts->inputs);
    opts->inputs = NULL;
}

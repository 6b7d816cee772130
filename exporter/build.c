/* build.c — see build.h. */
#include "build.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "article.h"
#include "buf.h"
#include "csv_out.h"
#include "fsutil.h"

/* ---- Inputs ---- */

struct path_list {
    char **items;
    size_t count, cap;
};

static void path_list_add(struct path_list *l, const char *path)
{
    xgrow(&l->items, &l->cap, l->count + 1, sizeof *l->items);
    l->items[l->count++] = xstrdup(path);
}

static void path_list_free(struct path_list *l)
{
    for (size_t i = 0; i < l->count; i++)
        free(l->items[i]);
    free(l->items);
}

static int by_string(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int is_article_name(const char *name)
{
    size_t n = strlen(name);
    return name[0] != '.' && ((n > 4 && strcmp(name + n - 4, ".txt") == 0) ||
                              (n > 3 && strcmp(name + n - 3, ".md") == 0));
}

/* Adds every *.txt and *.md under dir, recursively, skipping hidden entries, in name order. */
static enum exp_status collect_folder(const char *dir, struct path_list *out, struct diag *d)
{
    DIR *dp = opendir(dir);
    if (!dp) {
        diag_error(d, dir, 0, 0, "cannot read folder: %s", strerror(errno));
        return EXP_NOINPUT;
    }
    struct path_list names = { 0 };
    struct dirent *e;
    while ((e = readdir(dp)) != NULL)
        if (e->d_name[0] != '.')
            path_list_add(&names, e->d_name);
    closedir(dp);
    qsort(names.items, names.count, sizeof *names.items, by_string);
    enum exp_status st = EXP_OK;
    for (size_t i = 0; i < names.count; i++) {
        char *path = fsutil_join(dir, names.items[i]);
        struct stat sb;
        if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
            st = exp_status_worst(st, collect_folder(path, out, d));
        else if (is_article_name(names.items[i]))
            path_list_add(out, path);
        free(path);
    }
    path_list_free(&names);
    return st;
}

static enum exp_status collect_one(const char *input, struct path_list *out, struct diag *d)
{
    struct stat sb;
    if (stat(input, &sb) != 0) {
        diag_error(d, input, 0, 0, "no such file or folder");
        return EXP_NOINPUT;
    }
    if (S_ISDIR(sb.st_mode))
        return collect_folder(input, out, d);
    path_list_add(out, input);
    return EXP_OK;
}

/* "-" reads one path per line from stdin. */
static enum exp_status collect_stdin(struct path_list *out, struct diag *d)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    enum exp_status st = EXP_OK;
    while ((n = getline(&line, &cap, stdin)) > 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n > 0)
            st = exp_status_worst(st, collect_one(line, out, d));
    }
    free(line);
    return st;
}

static enum exp_status collect_inputs(const struct cli_options *opts, struct path_list *out,
                                      struct diag *d)
{
    enum exp_status st = EXP_OK;
    for (size_t i = 0; i < opts->n_inputs; i++) {
        if (strcmp(opts->inputs[i], "-") == 0)
            st = exp_status_worst(st, collect_stdin(out, d));
        else
            st = exp_status_worst(st, collect_one(opts->inputs[i], out, d));
    }
    return st;
}

/* ---- Dates and the period ---- */

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
static long days_from_civil(int y, int m, int dd)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *dd)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *dd = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* Monday of ISO week 1 of year y. */
static long iso_week1_monday(int y)
{
    long jan4 = days_from_civil(y, 1, 4);
    long weekday = ((jan4 + 3) % 7 + 7) % 7;   /* 0 = Monday; 1970-01-01 was a Thursday */
    return jan4 - weekday;
}

static void format_day(long days, char out[11])
{
    int y, m, dd;
    civil_from_days(days, &y, &m, &dd);
    snprintf(out, 11, "%04d-%02d-%02d", y, m, dd);
}

/* The ISO week ("2025-W53") of a YYYY-MM-DD date. */
static void iso_week_of(const char *date, char out[16])
{
    int y = atoi(date), m = atoi(date + 5), dd = atoi(date + 8);
    long days = days_from_civil(y, m, dd);
    long weekday = ((days + 3) % 7 + 7) % 7;
    long thursday = days - weekday + 3;
    int ty, tm, td;
    civil_from_days(thursday, &ty, &tm, &td);
    int week = (int)((thursday - iso_week1_monday(ty)) / 7 + 1);
    snprintf(out, 16, "%04d-W%02d", ty % 10000, week % 100);
}

/* The inclusive date range the options select, as YYYY-MM-DD strings ("" = open). */
static void selected_period(const struct cli_options *opts, char since[11], char until[11])
{
    since[0] = until[0] = '\0';
    if (opts->week) {
        int y = atoi(opts->week), w = atoi(opts->week + 6);
        long monday = iso_week1_monday(y) + 7L * (w - 1);
        format_day(monday, since);
        format_day(monday + 6, until);
        return;
    }
    if (opts->since)
        snprintf(since, 11, "%s", opts->since);
    if (opts->until)
        snprintf(until, 11, "%s", opts->until);
}

/* Keeps the articles published within [since, until]; an article without a date is kept
 * only when no period is asked for. */
static void filter_period(struct article_set *set, const char *since, const char *until,
                          struct diag *d)
{
    if (!*since && !*until)
        return;
    size_t kept = 0;
    for (size_t i = 0; i < set->count; i++) {
        struct article *a = &set->items[i];
        char day[11];
        snprintf(day, sizeof day, "%s", a->published_at);
        int in = *day && (!*since || strcmp(day, since) >= 0) && (!*until || strcmp(day, until) <= 0);
        if (in) {
            set->items[kept++] = *a;
        } else {
            diag_note(d, a->source_file, 0, 0, "published %s, outside %s..%s; left out",
                      *day ? day : "(no date)", *since ? since : "", *until ? until : "");
            article_free(a);
        }
    }
    set->count = kept;
}

/* Expands {week} and {date} in the --out pattern: the week is the selected week, else the
 * newest article's; the date is today's. */
static char *expand_out_dir(const char *pattern, const struct cli_options *opts,
                            const struct article_set *set)
{
    char week[16] = "";
    if (opts->week) {
        snprintf(week, sizeof week, "%s", opts->week);
    } else {
        const char *newest = NULL;
        for (size_t i = 0; i < set->count; i++)
            if (*set->items[i].published_at &&
                (!newest || strcmp(set->items[i].published_at, newest) > 0))
                newest = set->items[i].published_at;
        if (newest)
            iso_week_of(newest, week);
        else
            snprintf(week, sizeof week, "no-week");
    }
    char today[11];
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(today, sizeof today, "%Y-%m-%d", &tm);

    struct buf b = BUF_INIT;
    for (const char *p = pattern; *p;) {
        if (strncmp(p, "{week}", 6) == 0) {
            buf_puts(&b, week);
            p += 6;
        } else if (strncmp(p, "{date}", 6) == 0) {
            buf_puts(&b, today);
            p += 6;
        } else {
            buf_putc(&b, *p++);
        }
    }
    return buf_detach(&b);
}

/* ---- Outputs ---- */

typedef enum exp_status (*csv_writer)(FILE *fp, const struct article_set *set);

static enum exp_status write_csv(const char *dir, const char *name, csv_writer write,
                                 const struct article_set *set, struct diag *d)
{
    char *path = fsutil_join(dir, name);
    struct atomic_file af;
    enum exp_status st = atomic_file_open(&af, path, d);
    if (st == EXP_OK) {
        st = write(af.fp, set);
        if (st != EXP_OK) {
            diag_error(d, path, 0, 0, "write failed");
            atomic_file_abort(&af);
        } else {
            st = atomic_file_commit(&af, d);
        }
    }
    free(path);
    return st;
}

static enum exp_status write_outputs(const struct cli_options *opts, const char *dir,
                                     const struct article_set *set, struct diag *d)
{
    enum exp_status st = fsutil_mkdirs(dir, d);
    if (st != EXP_OK)
        return st;
    int lock_fd = -1;
    st = fsutil_lock_dir(dir, opts->wait, &lock_fd, d);
    if (st != EXP_OK)
        return st;
    fsutil_remove_stale_temps(dir);
    if (opts->formats & CLI_FORMAT_CSV)
        st = write_csv(dir, "articles.csv", csv_out_write_articles, set, d);
    fsutil_unlock(lock_fd);
    return st;
}

/* ---- The run ---- */

enum exp_status build_run(const struct cli_options *opts, struct diag *d)
{
    struct path_list paths = { 0 };
    enum exp_status input_st = collect_inputs(opts, &paths, d);

    struct article_set set = { 0 };
    struct article_options aopts = { .strict_hash = opts->strict };
    enum exp_status data_st = EXP_OK;
    for (size_t i = 0; i < paths.count; i++) {
        diag_note(d, paths.items[i], 0, 0, "reading");
        struct article a;
        enum exp_status st = article_parse_file(paths.items[i], &aopts, d, &a);
        if (st == EXP_OK)
            article_set_add(&set, &a, d);
        else
            data_st = exp_status_worst(data_st, st == EXP_NOINPUT ? EXP_DATAERR : st);
    }
    path_list_free(&paths);

    char since[11], until[11];
    selected_period(opts, since, until);
    filter_period(&set, since, until, d);
    article_set_sort(&set);

    enum exp_status st = exp_status_worst(input_st, data_st);
    if (set.count == 0) {
        /* Files that were all bad are bad data (65); nothing to read at all is 66. */
        diag_error(d, NULL, 0, 0, "no articles to export");
        st = data_st != EXP_OK && input_st == EXP_OK ? data_st : exp_status_worst(st, EXP_NOINPUT);
        goto out;
    }
    if (opts->strict && st != EXP_OK) {
        diag_error(d, NULL, 0, 0, "--strict: nothing written because of the errors above");
        goto out;
    }
    if (opts->command == CLI_CHECK)
        goto out;

    char *dir = expand_out_dir(opts->out_dir, opts, &set);
    enum exp_status out_st = write_outputs(opts, dir, &set, d);
    free(dir);
    st = out_st != EXP_OK ? out_st : st;
out:
    article_set_free(&set);
    return st;
}

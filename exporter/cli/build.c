/* build.c — see build.h. */
#include "cli/build.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "cli/weekly.h"
#include "ingest/article.h"
#include "report/briefing.h"
#include "util/buf.h"
#include "util/date.h"
#include "report/csv_out.h"
#include "report/xlsx_out.h"
#include "extract/extract.h"
#include "util/fsutil.h"
#include "util/outset.h"
#include "merge/table.h"
#include "extract/template.h"

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

/* ---- The period ---- */

/* Whether the article's Korean day lies in the run's period. An article without a date is
 * kept only when no period is asked for. */
static int in_period(const struct article *a, const struct date_period *p, struct diag *d)
{
    if (!date_period_is_bounded(p))
        return 1;
    struct date_time t;
    int dated = a->published_at && date_parse_time(a->published_at, &t) == 0;
    if (dated && date_period_contains(p, date_time_kst_day(&t)))
        return 1;
    char since[11] = "…", until[11] = "…";
    if (p->since != DATE_OPEN_START)
        date_format_day(p->since, since);
    if (p->until != DATE_OPEN_END)
        date_format_day(p->until, until);
    diag_note(d, a->source_file, 0, 0, "published %s, outside %s..%s; left out",
              dated ? a->published_at : "(no date)", since, until);
    return 0;
}

/* Expands {week} and {date} in the --out pattern: the period's week and today, both on
 * Korea's calendar (date.h), never the articles' dates. */
static char *expand_out_dir(const char *pattern, const struct date_period *period)
{
    char week[9], today[11];
    date_format_week(period->week, week);
    date_format_day(period->today, today);
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

/* ---- --if-changed ---- */

#define STAMP_NAME ".exporter.stamp"

static void hash_field(struct sha256_ctx *ctx, const char *s)
{
    size_t n = s ? strlen(s) + 1 : 0;
    sha256_update(ctx, n ? n : 1, (const uint8_t *)(s ? s : ""));
}

/* SHA-256 over everything that decides the outputs: the program version, the options that
 * shape them, the template's bytes and every input file's name and bytes. An unreadable file
 * hashes as its name alone, so the run that follows reports it as usual. */
static char *run_fingerprint(const struct cli_options *opts, const char *template_path,
                             const struct path_list *paths)
{
    struct sha256_ctx ctx;
    sha256_init(&ctx);
    hash_field(&ctx, "exporter " EXPORTER_VERSION);
    /* The resolved period, not the words: "--week last" names another week next Monday. */
    char formats[8], since[11] = "", until[11] = "";
    snprintf(formats, sizeof formats, "%u", opts->formats);
    if (opts->period.since != DATE_OPEN_START)
        date_format_day(opts->period.since, since);
    if (opts->period.until != DATE_OPEN_END)
        date_format_day(opts->period.until, until);
    const char *fields[] = { formats, since, until, template_path };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        hash_field(&ctx, fields[i]);
    struct diag quiet;
    FILE *devnull = fopen("/dev/null", "w");
    diag_init(&quiet, devnull, 0, 1);
    for (size_t i = 0; i <= paths->count; i++) {
        const char *path = i < paths->count ? paths->items[i] : template_path;
        if (!path)
            continue;
        hash_field(&ctx, path);
        char *data = NULL;
        size_t len = 0;
        if (fsutil_read_file(path, ARTICLE_MAX_BYTES + 1, &data, &len, &quiet) == EXP_OK) {
            sha256_update(&ctx, len, (const uint8_t *)data);
            free(data);
        }
    }
    if (devnull)
        fclose(devnull);
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_digest(&ctx, sizeof digest, digest);
    char hex[2 * SHA256_DIGEST_SIZE + 2];
    for (size_t i = 0; i < sizeof digest; i++)
        snprintf(hex + 2 * i, 3, "%02x", digest[i]);
    strcat(hex, "\n");
    return xstrdup(hex);
}

static int stamp_matches(const char *dir, const char *fingerprint)
{
    char *path = fsutil_join(dir, STAMP_NAME);
    FILE *fp = fopen(path, "r");
    free(path);
    if (!fp)
        return 0;
    char line[128] = "";
    int same = fgets(line, sizeof line, fp) && strcmp(line, fingerprint) == 0;
    fclose(fp);
    return same;
}

/* ---- Outputs ---- */

/* Everything a run hands to the back ends. */
struct run_result {
    const struct article_set *set;
    const struct template *tpl;
    const struct table *table;
    const struct fact_list *facts;
    const struct weekly *weekly;   /* changes.csv, coverage.csv (cli/weekly.h) */
};

enum csv_kind { CSV_ARTICLES, CSV_COMPARISON, CSV_FACTS };

static enum exp_status write_csv(struct output_set *set, const char *name, enum csv_kind kind,
                                 const struct run_result *r, struct diag *d)
{
    struct atomic_file af;
    enum exp_status st = output_set_open(set, name, &af, d);
    if (st != EXP_OK)
        return st;
    switch (kind) {
    case CSV_ARTICLES: st = csv_out_write_articles(af.fp, r->set); break;
    case CSV_COMPARISON: st = csv_out_write_comparison(af.fp, r->table); break;
    case CSV_FACTS: st = csv_out_write_facts(af.fp, r->tpl, r->facts); break;
    }
    if (st != EXP_OK) {
        diag_error(d, af.final_path, 0, 0, "write failed");
        atomic_file_abort(&af);
        return st;
    }
    return atomic_file_commit(&af, d);
}

/* The workbook: libxlsxwriter writes to a file name, so it writes straight into the run's
 * staging folder (outset.h); the set's commit syncs and publishes it with the others. */
static enum exp_status write_workbook(struct output_set *set, const struct run_result *r,
                                      struct diag *d)
{
    char *path = output_set_path(set, "briefing.xlsx");
    struct xlsx_out *x = NULL;
    enum exp_status st = xlsx_out_open(&x, path, r->tpl, NULL, d);
    if (st == EXP_OK) {
        xlsx_out_comparison(x, r->table);
        xlsx_out_facts(x, r->facts);
        for (size_t i = 0; i < r->set->count; i++)
            xlsx_out_article(x, &r->set->items[i]);
        st = xlsx_out_close(x, d);
    }
    free(path);
    return st;
}

/* The briefing gets the whole run; briefing.c turns it into pages. */
static enum exp_status write_briefing(struct output_set *set, const struct cli_options *opts,
                                      const struct run_result *r, struct diag *d)
{
    char *font_dir = fsutil_find_data("fonts");
    struct briefing_input in = {
        .set = r->set, .tpl = r->tpl, .table = r->table, .facts = r->facts,
        .period = &opts->period, .font_dir = font_dir,
    };
    struct atomic_file af;
    enum exp_status st = output_set_open(set, "briefing.pdf", &af, d);
    if (st == EXP_OK) {
        st = briefing_write(af.fp, &in, d);
        if (st == EXP_OK)
            st = atomic_file_commit(&af, d);
        else
            atomic_file_abort(&af);
    }
    free(font_dir);
    return st;
}

/* Writes every output into a fresh staging folder and publishes them together (outset.h):
 * a reader of dir sees the previous run's set or this one's, never a mix. The stamp for
 * --if-changed belongs to the set and is written only by a fully successful --if-changed
 * run, so a failed or killed run is redone. */
static enum exp_status write_outputs(const struct cli_options *opts, const char *dir,
                                     const struct run_result *r, const char *fingerprint,
                                     int clean_run, struct diag *d)
{
    struct output_set *set = NULL;
    enum exp_status st = output_set_begin(dir, opts->wait, &set, d);
    if (st != EXP_OK)
        return st;
    if (opts->if_changed && stamp_matches(dir, fingerprint)) {
        diag_note(d, dir, 0, 0, "inputs, template and version unchanged since the last run; "
                  "nothing to do");
        output_set_abort(set);
        return EXP_OK;
    }
    if (opts->formats & CLI_FORMAT_CSV) {
        st = write_csv(set, "articles.csv", CSV_ARTICLES, r, d);
        if (st == EXP_OK)
            st = write_csv(set, "comparison.csv", CSV_COMPARISON, r, d);
        if (st == EXP_OK)
            st = write_csv(set, "facts.csv", CSV_FACTS, r, d);
        if (st == EXP_OK)
            st = weekly_write_csvs(r->weekly, set, d);
    }
    if (st == EXP_OK && (opts->formats & CLI_FORMAT_XLSX))
        st = write_workbook(set, r, d);
    if (st == EXP_OK && (opts->formats & CLI_FORMAT_PDF))
        st = write_briefing(set, opts, r, d);
    if (st == EXP_OK && clean_run && fingerprint) {
        struct atomic_file af;
        st = output_set_open(set, STAMP_NAME, &af, d);
        if (st == EXP_OK && fputs(fingerprint, af.fp) < 0) {
            atomic_file_abort(&af);
            st = EXP_IOERR;
        } else if (st == EXP_OK) {
            st = atomic_file_commit(&af, d);
        }
    }
    if (st != EXP_OK) {
        output_set_abort(set);
        return st;
    }
    return output_set_commit(set, d);
}

/* ---- The run ---- */

/* The template the options name, else the bundled one found beside the program. */
static enum exp_status load_template(const struct cli_options *opts, struct template *tpl,
                                     char **path_out, struct diag *d)
{
    char *path = opts->template_path ? xstrdup(opts->template_path)
                                     : fsutil_find_data("templates/sovereign-ai.yaml");
    if (!path) {
        diag_error(d, "templates/sovereign-ai.yaml", 0, 0, "default template not found "
                   "(install it, set EXPORTER_DATADIR, or pass --template FILE)");
        return EXP_CONFIG;
    }
    enum exp_status st = template_load(path, d, tpl);
    if (st != EXP_OK) {
        free(path);
        return EXP_CONFIG;   /* a template that is missing or wrong is a configuration error */
    }
    *path_out = path;
    return EXP_OK;
}

/* Parses every input, keeps the articles in the selected period that are not duplicates,
 * and extracts their facts as it goes; each article's text is dropped once its facts are
 * taken, so memory grows with the facts kept, not with the corpus. Returns the worst
 * per-article status (a bad article is reported and skipped). */
static enum exp_status read_articles(const struct cli_options *opts,
                                     const struct path_list *paths, const struct template *tpl,
                                     struct article_set *set, struct fact_list *facts,
                                     struct diag *d)
{
    struct article_options aopts = { .strict_hash = opts->strict };
    struct extractor *ex = extract_new(tpl);
    enum exp_status st = EXP_OK;
    /* Progress only for a person watching: -v on a terminal (cron mails any output). */
    int progress = d->verbose && isatty(STDERR_FILENO);
    for (size_t i = 0; i < paths->count; i++) {
        if (progress)
            fprintf(stderr, "\rexporter: reading %zu/%zu", i + 1, paths->count);
        struct article a;
        enum exp_status ast = article_parse_file(paths->items[i], &aopts, d, &a);
        if (ast != EXP_OK) {
            st = exp_status_worst(st, ast == EXP_NOINPUT ? EXP_DATAERR : ast);
            continue;
        }
        if (!in_period(&a, &opts->period, d)) {
            article_free(&a);
            continue;
        }
        if (!article_set_add(set, &a, d))
            continue;
        struct article *kept = &set->items[set->count - 1];
        st = exp_status_worst(st, extract_article(ex, kept, facts, d));
        article_drop_text(kept);
    }
    if (progress && paths->count)
        fputc('\n', stderr);
    extract_free(ex);
    return st;
}

static int by_provenance(const void *x, const void *y)
{
    const struct fact *a = *(const struct fact *const *)x, *b = *(const struct fact *const *)y;
    int c = strcmp(a->published_at, b->published_at);
    if (!c)
        c = strcmp(a->article_id, b->article_id);
    if (!c)
        c = (a->sentence_no > b->sentence_no) - (a->sentence_no < b->sentence_no);
    if (!c)
        c = (a->offset > b->offset) - (a->offset < b->offset);
    if (!c)
        c = (a->entity > b->entity) - (a->entity < b->entity);
    if (!c)
        c = (a->column > b->column) - (a->column < b->column);
    return c;
}

/* Facts in article order (date, id), then sentence and position; qsort is not stable, so
 * the key is total over what can differ between two facts of one place. Pointers are
 * sorted and the permutation applied in place, cycle by cycle: sorting the large structs
 * themselves was a tenth of a big run, and a sorted copy would double the facts' memory. */
static void sort_facts(struct fact_list *facts)
{
    size_t n = facts->count;
    if (n < 2)
        return;
    struct fact **order = xmalloc(n * sizeof *order);
    for (size_t i = 0; i < n; i++)
        order[i] = &facts->items[i];
    qsort(order, n, sizeof *order, by_provenance);
    /* Position i must receive the fact now at order[i]; follow each cycle once. */
    for (size_t i = 0; i < n; i++) {
        if (order[i] == &facts->items[i] || !order[i])
            continue;
        struct fact held = facts->items[i];
        size_t j = i;
        for (;;) {
            size_t from = (size_t)(order[j] - facts->items);
            order[j] = NULL;
            if (from == i) {
                facts->items[j] = held;
                break;
            }
            facts->items[j] = facts->items[from];
            j = from;
        }
    }
    free(order);
}

enum exp_status build_run(const struct cli_options *opts, struct diag *d)
{
    struct template tpl;
    char *template_path = NULL;
    enum exp_status tpl_st = load_template(opts, &tpl, &template_path, d);
    if (tpl_st != EXP_OK)
        return tpl_st;
    /* The archive first: a foreign or corrupt one stops the run before anything is done. */
    struct weekly weekly;
    enum exp_status archive_st = weekly_open(opts, &weekly, d);
    if (archive_st != EXP_OK) {
        weekly_close(&weekly);
        free(template_path);
        template_free(&tpl);
        return archive_st;
    }

    struct path_list paths = { 0 };
    enum exp_status input_st = collect_inputs(opts, &paths, d);

    /* Facts and the table follow the articles' order (date, id), not the files' order. */
    struct article_set set = { 0 };
    struct fact_list facts = { 0 };
    enum exp_status data_st = read_articles(opts, &paths, &tpl, &set, &facts, d);
    /* Hashing every input again costs a fifth of a large run: only --if-changed needs it. */
    char *fingerprint = opts->if_changed ? run_fingerprint(opts, template_path, &paths) : NULL;
    path_list_free(&paths);
    article_set_sort(&set);
    sort_facts(&facts);

    enum exp_status st = exp_status_worst(input_st, data_st);
    struct table *table = NULL;
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

    table = table_build(&tpl, &facts);
    if (opts->command == CLI_BUILD) {
        char *dir = expand_out_dir(opts->out_dir, &opts->period);
        enum exp_status out_st = weekly_prepare(&weekly, &opts->period, &tpl, &set, &facts,
                                                table, d);
        struct run_result r = { &set, &tpl, table, &facts, &weekly };
        if (out_st == EXP_OK)
            out_st = write_outputs(opts, dir, &r, fingerprint, st == EXP_OK, d);
        /* The archive records what was published: after the outputs, never instead. */
        if (out_st == EXP_OK)
            out_st = weekly_record(&weekly, &opts->period, &tpl, &set, &facts, table, d);
        free(dir);
        st = out_st != EXP_OK ? out_st : st;
    }
out:
    weekly_close(&weekly);
    table_free(table);
    fact_list_free(&facts);
    free(fingerprint);
    free(template_path);
    template_free(&tpl);
    article_set_free(&set);
    return st;
}

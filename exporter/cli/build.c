/* build.c — see build.h. */
#include "cli/build.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "cli/reader.h"
#include "ingest/inputs.h"
#include "cli/weekly.h"
#include "cli/workbook_job.h"
#include "extract/extract.h"
#include "extract/template.h"
#include "ingest/article.h"
#include "merge/catalog.h"
#include "merge/quotes.h"
#include "merge/table.h"
#include "report/briefing.h"
#include "report/check_report.h"
#include "report/csv_out.h"
#include "report/weekly_sections.h"
#include "report/xlsx_out.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/fsutil.h"
#include "util/outset.h"
#include "util/version.h"

/* Key-sentence candidates kept per entity (the briefing quotes at most a few). */
#define BUILD_QUOTES_KEPT 8

/* ---- Inputs ---- */

/* Input collection (link loops, FIFOs, long paths) lives in ingest/inputs. */

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
 * shape them, the template's bytes, every input file's name and bytes, and what the outputs
 * read from the archive (weekly_archive_context: the earlier weeks changes and trend compare
 * with). An unreadable file hashes as its name alone, so the run that follows reports it as
 * usual. */
static char *run_fingerprint(const struct build_options *opts, const char *template_path,
                             struct input_list *paths, const char *archive_context)
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
    const char *fields[] = { formats, since, until, template_path, archive_context };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        hash_field(&ctx, fields[i]);
    struct diag quiet;
    FILE *devnull = fopen("/dev/null", "w");
    diag_init(&quiet, devnull, 0, 1);
    /* every input in order, then the template; the list is read again for the run */
    for (int more = 1; more;) {
        const char *path = input_list_next(paths);
        if (!path) {
            more = 0;
            path = template_path;
        }
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
    input_list_rewind(paths);   /* a failure shows when the run reads the list */
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

/* ---- The run's state ---- */

/* Everything one run holds between its steps. Memory stays bounded: the catalog keeps a few
 * dozen bytes per article (its metadata waits on disk for the briefing's sources), the table
 * and the quotes hold merged values and capped lists, and the rows of articles.csv,
 * facts.csv and the workbook go to their files as the articles are read. */
struct run {
    const struct build_options *opts;
    struct diag *d;
    struct template tpl;
    char *template_path;
    struct input_list paths;
    char *fingerprint;         /* --if-changed only */
    char *dir;                 /* the output folder */
    struct output_set *outset; /* its staging folder, published at the end (outset.h) */
    int writing;               /* a build that writes outputs (not check, not unchanged) */
    struct atomic_file articles_csv, facts_csv, workbook_file;
    struct workbook_job *workbook;   /* the workbook, written on its own thread */
    struct catalog *catalog;   /* the articles read (merge/catalog.h) */
    struct table *table;
    struct quotes *quotes;
    struct weekly weekly;      /* the archive, changes, coverage (weekly.h) */
};

/* The template the options name, else the bundled one found beside the program. */
static enum exp_status load_template(const struct build_options *opts, struct template *tpl,
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
        /* a template that is missing or wrong is a configuration error; one the system
           could not read (out of descriptors, an I/O error) is not the template's fault */
        return st == EXP_IOERR ? EXP_IOERR : EXP_CONFIG;
    }
    *path_out = path;
    return EXP_OK;
}

/* The archive a writing run records its week in: --archive FILE, else the default in the
 * output root; none for check or with --no-archive. */
static enum exp_status open_archive(struct run *r)
{
    const struct build_options *o = r->opts;
    if (o->mode != BUILD_WRITE || o->no_archive)
        return weekly_open(NULL, o->wait, &r->weekly, r->d);
    if (o->archive_path) {
        /* an archive inside the output folder would be replaced with it by the next run */
        char *dir = expand_out_dir(o->out_dir, &o->period);
        int inside = output_set_would_replace(dir, o->archive_path);
        if (inside)
            diag_error(r->d, NULL, 0, 0, "--archive %s lies inside the output folder %s, which "
                       "is replaced whole on every run; keep it elsewhere (the default is "
                       "beside it)", o->archive_path, dir);
        free(dir);
        if (inside)
            return EXP_USAGE;
    }
    char *path = o->archive_path ? xstrdup(o->archive_path)
                                 : weekly_default_archive_path(o->out_dir);
    enum exp_status st = weekly_open(path, o->wait, &r->weekly, r->d);
    free(path);
    return st;
}

/* ---- Outputs ---- */

static enum exp_status open_output(struct run *r, struct atomic_file *af, const char *name)
{
    return output_set_open(r->outset, name, af, r->d);
}

/* Puts a finished output in the staging folder; a stream error found only now is a write
 * failure. */
static enum exp_status commit_output(struct run *r, struct atomic_file *af)
{
    if (!af->fp)
        return EXP_OK;
    if (ferror(af->fp)) {
        diag_error(r->d, af->final_path, 0, 0, "write failed");
        atomic_file_abort(af);
        af->fp = NULL;
        return EXP_IOERR;
    }
    enum exp_status st = atomic_file_commit(af, r->d);
    af->fp = NULL;
    return st;
}

static void abort_output(struct atomic_file *af)
{
    if (af->fp)
        atomic_file_abort(af);
    af->fp = NULL;
}

/* --if-changed: the run's fingerprint, with what it reads from the archive. */
static enum exp_status fingerprint_run(struct run *r)
{
    char *context = NULL;
    enum exp_status st = weekly_archive_context(&r->weekly, &r->opts->period, &context, r->d);
    r->fingerprint = run_fingerprint(r->opts, r->template_path, &r->paths, context);
    free(context);
    return st;
}

/* Takes the output folder (outset.h: the lock, a fresh staging folder). With --if-changed
 * and an unchanged fingerprint, leaves r->writing 0: nothing to do. */
static enum exp_status take_out_dir(struct run *r)
{
    enum exp_status st = output_set_begin(r->dir, r->opts->wait, &r->outset, r->d);
    if (st != EXP_OK)
        return st;
    /* unchanged: the same fingerprint, and the archive already holds the run's week */
    if (r->opts->if_changed && stamp_matches(r->dir, r->fingerprint) &&
        weekly_week_recorded(&r->weekly, &r->opts->period, r->d)) {
        diag_note(r->d, r->dir, 0, 0, "inputs, template, version and the archive's earlier "
                  "weeks unchanged since the last run; nothing to do");
        r->writing = 0;
    }
    return EXP_OK;
}

/* Before the first article: the folder taken and the outputs written while reading opened
 * (articles.csv and facts.csv, the workbook's article and fact sheets). */
static enum exp_status begin_outputs(struct run *r)
{
    r->writing = r->opts->mode == BUILD_WRITE;
    if (!r->writing)
        return EXP_OK;
    /* every output is written into the staging folder and published together at the end */
    r->dir = expand_out_dir(r->opts->out_dir, &r->opts->period);
    enum exp_status st = take_out_dir(r);
    if (st != EXP_OK || !r->writing)
        return st;
    st = weekly_begin(&r->weekly, &r->opts->period, &r->tpl, r->d);
    if (st != EXP_OK)
        return st;
    if (r->opts->formats & BUILD_FORMAT_CSV) {
        st = open_output(r, &r->articles_csv, "articles.csv");
        if (st == EXP_OK)
            st = open_output(r, &r->facts_csv, "facts.csv");
        if (st != EXP_OK)
            return st;
        csv_out_articles_begin(r->articles_csv.fp);
        csv_out_facts_begin(r->facts_csv.fp);
    }
    if (r->opts->formats & BUILD_FORMAT_XLSX) {
        struct xlsx_out *x = NULL;
        struct xlsx_options xo = {
            .large = workbook_job_large(&r->paths),
            .tmpdir = output_set_stage_dir(r->outset),
        };
        st = open_output(r, &r->workbook_file, "briefing.xlsx");
        if (st == EXP_OK)
            st = xlsx_out_open(&x, r->workbook_file.temp_path, &r->tpl, &xo, r->d);
        if (st == EXP_OK)
            r->workbook = workbook_job_start(x, r->d);
    }
    return st;
}

static enum exp_status write_comparison(struct run *r)
{
    struct atomic_file af = { 0 };
    enum exp_status st = open_output(r, &af, "comparison.csv");
    if (st == EXP_OK)
        st = csv_out_write_comparison(af.fp, r->table);
    return st == EXP_OK ? commit_output(r, &af) : (abort_output(&af), st);
}

/* The workbook's article and fact sheets were filled while reading; the comparison sheet
 * needs the finished table. libxlsxwriter writes the file at close, to the temporary's name,
 * stamped with the briefing's instant — on the workbook's own thread, while the caller
 * writes the other outputs (workbook_job.h). A week of more than a couple of hundred inputs
 * (some thousands of fact rows) is written row by row (xlsx_options.large), in constant
 * memory. */
static void start_workbook_finish(struct run *r)
{
    long long created = 0;
    int generated;
    briefing_as_of(catalog_summary(r->catalog), &created, &generated);
    workbook_job_finish(r->workbook, r->table, &r->weekly, created);
}

/* Waits for the workbook's thread and puts the file in the staging folder. */
static enum exp_status finish_workbook(struct run *r)
{
    enum exp_status st = workbook_job_wait(r->workbook, r->d);
    r->workbook = NULL;
    return st == EXP_OK ? commit_output(r, &r->workbook_file)
                        : (abort_output(&r->workbook_file), st);
}

/* The briefing gets the whole run — the articles it can cite read back from the catalog,
 * and the catalog's summary of the rest; briefing.c turns it into pages. */
static enum exp_status write_briefing(struct run *r)
{
    struct article_set citable;
    enum exp_status st = catalog_citable(r->catalog, r->table, r->quotes, &citable, r->d);
    if (st != EXP_OK)
        return st;
    struct weekly_sections sections = weekly_sections_of(&r->weekly, &r->tpl, &citable);
    char *font_dir = fsutil_find_data("fonts");
    struct briefing_input in = {
        .set = &citable, .corpus = catalog_summary(r->catalog), .tpl = &r->tpl,
        .table = r->table, .quotes = r->quotes, .period = &r->opts->period,
        .font_dir = font_dir, .more_sections = weekly_sections_add,
        .more_sections_arg = &sections,
    };
    struct atomic_file af = { 0 };
    st = open_output(r, &af, "briefing.pdf");
    if (st == EXP_OK)
        st = briefing_write(af.fp, &in, r->d);
    free(font_dir);
    article_set_free(&citable);
    return st == EXP_OK ? commit_output(r, &af) : (abort_output(&af), st);
}

/* The archive's week and the output set, in the order that leaves a failure whole: every
 * output is written and synced and the publishing link made (a full disk fails here, and
 * nothing has changed anywhere); then the archive commits the week (a full disk fails here:
 * the archive rolls back and the outputs are discarded — the previous state everywhere);
 * then one rename publishes the set. Only that rename failing, or a kill just before it,
 * leaves the archive one run ahead of the published set — reported, and mended by running
 * again, which redoes the week. */
static enum exp_status publish(struct run *r)
{
    enum exp_status st = output_set_prepare(r->outset, r->d);
    if (st != EXP_OK) {
        r->outset = NULL;   /* aborted by prepare */
        return st;
    }
    st = weekly_commit(&r->weekly, r->table, r->d);
    if (st != EXP_OK)
        return st;   /* the caller aborts the set: nothing is published */
    st = output_set_commit(r->outset, r->d);
    r->outset = NULL;
    if (st != EXP_OK)
        weekly_report_unpublished(&r->weekly, &r->opts->period, r->d);
    return st;
}

/* The outputs that need the whole run, the workbook's on its own thread meanwhile. Messages
 * come out in a fixed order, as if one thread wrote the CSVs, then the workbook, then the PDF:
 * the caller's own are held (d is muted while the workbook is written) and replayed around the
 * workbook's. Under a tight limit of open files the workbook is finished first, alone
 * (workbook_job_may_overlap). Returns the first failure in that order. */
static enum exp_status write_whole_run_outputs(struct run *r)
{
    struct diag *d = r->d;
    struct diag_buffer csvs, book, pdf;
    diag_buffer_open(&csvs, d);
    diag_buffer_open(&book, d);
    diag_buffer_open(&pdf, d);
    enum exp_status book_st = EXP_OK;
    if (r->workbook) {
        start_workbook_finish(r);
        r->d = &book.d;
        if (!workbook_job_may_overlap())
            book_st = finish_workbook(r);   /* few descriptors: one writer at a time */
    }
    r->d = &csvs.d;
    enum exp_status st = EXP_OK;
    if (r->opts->formats & BUILD_FORMAT_CSV)
        st = write_comparison(r);
    if (st == EXP_OK && (r->opts->formats & BUILD_FORMAT_CSV))
        st = weekly_write_csvs(&r->weekly, r->outset, r->d);
    r->d = &pdf.d;
    enum exp_status pdf_st = EXP_OK;
    if (st == EXP_OK && (r->opts->formats & BUILD_FORMAT_PDF))
        pdf_st = write_briefing(r);
    r->d = &book.d;
    if (r->workbook)
        book_st = finish_workbook(r);
    r->d = d;
    diag_buffer_replay(&csvs, d);
    diag_buffer_replay(&book, d);
    diag_buffer_replay(&pdf, d);
    if (st == EXP_OK)
        st = book_st;
    return st == EXP_OK ? pdf_st : st;
}

/* After the last article: the streamed outputs put in place, the outputs that need the
 * whole run, and the --if-changed stamp — written last, and only after a fully successful
 * run, so a failed or killed run is redone. */
static enum exp_status finish_outputs(struct run *r, int clean_run)
{
    enum exp_status st = commit_output(r, &r->articles_csv);
    if (st == EXP_OK)
        st = commit_output(r, &r->facts_csv);
    if (st == EXP_OK)
        st = weekly_finish(&r->weekly, &r->opts->period, r->table, r->d);
    if (st == EXP_OK)
        st = write_whole_run_outputs(r);
    if (st == EXP_OK && clean_run && r->fingerprint) {
        struct atomic_file af = { 0 };
        st = open_output(r, &af, STAMP_NAME);
        if (st == EXP_OK)
            fputs(r->fingerprint, af.fp);
        st = st == EXP_OK ? commit_output(r, &af) : st;
    }
    if (st != EXP_OK)
        return st;
    return publish(r);
}

/* ---- Reading ---- */

/* reader_keep_fn: the run's period (runs on the reader's threads; reads only). */
static int keep_in_period(const struct article *a, const void *ctx, struct diag *d)
{
    return in_period(a, ctx, d);
}

/* One article read: its rows streamed out, its facts folded into the merge, then dropped;
 * the article keeps its metadata in the set. Returns the article's status. */
static enum exp_status take_article(struct run *r, struct reader_item *it)
{
    reader_item_report_parse(it, r->d);
    if (!it->kept)
        return it->parse_status == EXP_NOINPUT ? EXP_DATAERR : it->parse_status;
    /* the catalog notes the article, or reports a duplicate (left out) */
    int added = catalog_add(r->catalog, &it->article, r->d);
    if (added <= 0)
        return added < 0 ? EXP_IOERR : EXP_OK;
    reader_item_report_extract(it, r->d);
    const struct article *a = &it->article;
    if (r->articles_csv.fp) {
        csv_out_article_row(r->articles_csv.fp, a);
        csv_out_write_facts_rows(r->facts_csv.fp, &r->tpl, &it->facts);
    }
    table_add_article(r->table, &it->facts, a->published_at);
    quotes_add(r->quotes, &it->facts);
    enum exp_status st = weekly_add_article(&r->weekly, a, &r->tpl, &it->facts, r->d);
    st = st != EXP_OK ? st : it->extract_status;
    if (r->workbook)
        workbook_job_article(r->workbook, it);   /* last: the item goes to the workbook */
    return st;
}

/* Parses and extracts every input (on opts->jobs threads), in input order. Returns the worst
 * per-article status (a bad article is reported and skipped). */
static enum exp_status read_articles(struct run *r)
{
    struct extractor *ex = extract_new(&r->tpl);
    struct sentence_hooks hooks = extract_sentence_hooks(ex);   /* glued sub-headings */
    struct article_options aopts = { .strict_hash = r->opts->strict, .sentence_hooks = &hooks,
                                     .dated_run = 1, .today_kst = r->opts->period.today };
    struct reader_config cfg = {
        .inputs = &r->paths, .article_opts = &aopts, .ex = ex, .keep = keep_in_period,
        .keep_ctx = &r->opts->period,
        .jobs = r->opts->jobs ? r->opts->jobs : reader_default_jobs(),
        .verbose = r->d->verbose, .quiet = r->d->quiet,
    };
    struct reader *rd = reader_new(&cfg);
    enum exp_status st = EXP_OK;
    /* Progress only for a person watching: -v on a terminal (cron mails any output). */
    int progress = r->d->verbose && isatty(STDERR_FILENO);
    struct reader_item it;
    while (reader_next(rd, &it)) {
        if (progress)
            fprintf(stderr, "\rexporter: reading %zu/%zu", it.index + 1, r->paths.count);
        st = exp_status_worst(st, take_article(r, &it));
        reader_item_free(&it);
    }
    if (progress && r->paths.count)
        fputc('\n', stderr);
    reader_free(rd);
    extract_free(ex);
    return st;
}

/* ---- The run ---- */

/* Whether the run may write: some article was read, and --strict saw no error. */
static enum exp_status check_outcome(const struct run *r, enum exp_status input_st,
                                     enum exp_status data_st)
{
    enum exp_status st = exp_status_worst(input_st, data_st);
    if (catalog_count(r->catalog) == 0) {
        /* Inputs that were all bad or refused are bad data (65), a read failure keeps its
         * own status, and nothing to read at all is 66. */
        diag_error(r->d, NULL, 0, 0, "no articles to export");
        if (input_st != EXP_NOINPUT && (data_st != EXP_OK || input_st != EXP_OK))
            return exp_status_worst(data_st, input_st);
        return exp_status_worst(st, EXP_NOINPUT);
    }
    if (r->opts->strict && st != EXP_OK)
        diag_error(r->d, NULL, 0, 0, "--strict: nothing written because of the errors above");
    return st;
}

static void run_free(struct run *r)
{
    abort_output(&r->articles_csv);
    abort_output(&r->facts_csv);
    workbook_job_wait(r->workbook, r->d);   /* never finished: discarded */
    abort_output(&r->workbook_file);
    output_set_abort(r->outset);
    weekly_close(&r->weekly);
    table_free(r->table);
    quotes_free(r->quotes);
    catalog_free(r->catalog);
    input_list_free(&r->paths);
    free(r->dir);
    free(r->fingerprint);
    free(r->template_path);
    template_free(&r->tpl);
}

/* The pipeline: template → inputs → outputs opened → articles read, streamed and merged →
 * table finished → comparison and briefing → everything committed. */
enum exp_status build_run(const struct build_options *opts, struct diag *d)
{
    struct run r = { .opts = opts, .d = d };
    enum exp_status st = load_template(opts, &r.tpl, &r.template_path, d);
    if (st != EXP_OK)
        return st;
    /* The archive first: a foreign or corrupt one stops the run before anything is done. */
    st = open_archive(&r);
    if (st != EXP_OK) {
        run_free(&r);
        return st;
    }
    enum exp_status input_st = inputs_collect(opts->inputs, opts->n_inputs, &r.paths, d);
    /* Hashing every input costs a fifth of a large run: only --if-changed needs it. */
    st = opts->if_changed ? fingerprint_run(&r) : EXP_OK;
    if (st == EXP_OK)
        st = begin_outputs(&r);
    if (st != EXP_OK || (opts->mode == BUILD_WRITE && !r.writing)) {
        run_free(&r);
        return st;
    }
    r.catalog = catalog_new(d);
    if (!r.catalog) {
        run_free(&r);
        return EXP_CANTCREAT;
    }
    r.table = table_new(&r.tpl);
    size_t keep = r.tpl.layout.key_sentences;
    r.quotes = quotes_new(&r.tpl, keep > BUILD_QUOTES_KEPT ? keep : BUILD_QUOTES_KEPT);
    enum exp_status data_st = read_articles(&r);
    st = check_outcome(&r, input_st, data_st);
    size_t n_articles = catalog_count(r.catalog);
    if (n_articles && !(opts->strict && st != EXP_OK)) {
        table_finish(r.table);
        if (opts->mode == BUILD_CHECK && !opts->quiet &&
            check_report_write(stdout, r.table, n_articles) != 0)
            st = exp_status_worst(st, EXP_IOERR);
        if (r.writing) {
            enum exp_status out_st = finish_outputs(&r, st == EXP_OK);
            st = out_st != EXP_OK ? out_st : st;
        }
    }
    run_free(&r);
    return st;
}

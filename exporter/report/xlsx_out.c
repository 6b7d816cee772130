/* xlsx_out.c — see xlsx_out.h. */
#include "report/xlsx_out.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

#include "extract/extract.h"
#include "extract/template.h"
#include "merge/table.h"
#include "util/cell_limit.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/fsutil.h"
#include "util/text.h"
#include "util/utf8.h"

/* Column widths are in Excel's character units; a wide (Hangul) character counts two. Past
 * MAX_WIDTH a column wraps instead of growing. */
#define MAX_WIDTH 60.0
#define MIN_WIDTH 6.0
#define DATETIME_WIDTH 17.0
/* Excel keeps 65,530 hyperlinks per sheet and URLs of at most 2,079 characters; beyond that a
 * URL is written as text. libxlsxwriter holds every link in memory until the file is written
 * (about 2.7 KB each, measured), so a large week links only its first LARGE_LINKS URLs per
 * sheet, which keeps the workbook's memory flat however many articles there are. */
#define MAX_LINKS 65530u
#define LARGE_LINKS 2000u
#define MAX_URL 2079u

struct sheet {
    lxw_worksheet *ws;
    char *name;
    size_t n_cols;
    size_t next_row;         /* the next row to write; 0 is the header */
    size_t left_out;         /* rows past the sheet's limit, left to the CSV */
    size_t n_links;
    double *widths;          /* widest cell per column, in character units */
};

struct xlsx_out {
    lxw_workbook *wb;
    const struct template *tpl;
    size_t max_rows;
    size_t max_links;        /* per sheet */
    long long created;       /* 0: now */
    struct sheet *sheets;
    size_t n_sheets;
    lxw_format *header, *datetime, *date, *wrap, *link, *conflict;
    struct buf scratch;
    struct diag *d;          /* where libxlsxwriter's own lines are muted through */
    int sheet_failed;        /* errno of a sheet libxlsxwriter could not start, else 0 */
};

enum { SHEET_COMPARISON, SHEET_FACTS, SHEET_ARTICLES };

/* ---- Cells ---- */

/* Display width: East Asian wide characters take two columns. */
static double display_width(const char *s)
{
    double w = 0;
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        size_t n;
        unsigned cp = utf8_decode(s, len, i, &n);
        i += n;
        int wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                   (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                   (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6);
        w += wide ? 2 : 1;
        if (w > MAX_WIDTH)
            break;
    }
    return w;
}

static void note_width(struct sheet *s, size_t col, double w)
{
    if (col < s->n_cols && w > s->widths[col])
        s->widths[col] = w > MAX_WIDTH ? MAX_WIDTH : w;
}

/* A crawler's timestamp ("2025-12-28T09:00:00+09:00", "2025-12-28") as Korea's wall-clock
 * time, whatever zone it was written in. */
static int parse_korean_time(const char *s, lxw_datetime *out)
{
    struct date_time t;
    if (date_parse_time(s, &t) != 0)
        return 0;
    long long epoch = date_time_epoch(&t);
    long long local = epoch + 9 * 3600;
    long long second = ((local % 86400) + 86400) % 86400;
    int y, m, d;
    date_to_civil(date_kst_day_of_epoch(epoch), &y, &m, &d);
    *out = (lxw_datetime){ y, m, d, (int)(second / 3600), (int)(second / 60 % 60),
                           (double)(second % 60) };
    return 1;
}

/* A link only for what may be one (text.h), and only as long as Excel keeps. */
static int is_web_url(const char *s)
{
    return text_is_web_url(s) && strlen(s) <= MAX_URL && !strpbrk(s, " \"<>");
}

/* What a cell write returns: out of memory ends the run (71) like every other allocation;
 * the other errors (a row past the limit, a string too long) are ruled out by the callers. */
static lxw_error checked(lxw_error e)
{
    if (e == LXW_ERROR_MEMORY_MALLOC_FAILED)
        x_out_of_memory("libxlsxwriter");
    return e;
}

static void write_text(struct xlsx_out *x, struct sheet *s, size_t row, size_t col,
                       const char *v, int is_list, lxw_format *fmt)
{
    const char *fit = cell_limit_fit(v, is_list, CELL_LIMIT_CHARS, &x->scratch, NULL);
    double w = display_width(fit);
    if (w >= MAX_WIDTH && !fmt)
        fmt = x->wrap;
    checked(worksheet_write_string(s->ws, (lxw_row_t)row, (lxw_col_t)col, fit, fmt));
    note_width(s, col, w);
}

static void write_cell(struct xlsx_out *x, struct sheet *s, size_t row, size_t col,
                       const struct csv_cell *c, lxw_format *fmt)
{
    const char *v = c->value;
    if (!v || !*v)
        return;
    lxw_datetime dt;
    switch (c->kind) {
    case CSV_NUMBER:
        if (csv_out_is_number(v)) {
            checked(worksheet_write_number(s->ws, (lxw_row_t)row, (lxw_col_t)col,
                                           strtod(v, NULL), fmt));
            note_width(s, col, (double)strlen(v) + 1);
            return;
        }
        break;
    case CSV_DATETIME:
        /* A day alone ("2026-01-15") is a date; a partial one ("2026-01") stays text. */
        if (parse_korean_time(v, &dt)) {
            lxw_format *f = strlen(v) == 10 ? x->date : x->datetime;
            checked(worksheet_write_datetime(s->ws, (lxw_row_t)row, (lxw_col_t)col, &dt, f));
            note_width(s, col, DATETIME_WIDTH);
            return;
        }
        break;
    case CSV_URL:
        if (is_web_url(v) && s->n_links < x->max_links) {
            lxw_error e = checked(worksheet_write_url(s->ws, (lxw_row_t)row, (lxw_col_t)col,
                                                      v, x->link));
            if (e == LXW_NO_ERROR) {
                s->n_links++;
                note_width(s, col, display_width(v));
                return;
            }
        }
        break;
    case CSV_TEXT:
    case CSV_LIST:
        break;
    }
    write_text(x, s, row, col, v, c->kind == CSV_LIST, fmt);
}

/* ---- Sheets ---- */

static size_t add_sheet(struct xlsx_out *x, const char *name, const char *const *header,
                        size_t n)
{
    x->sheets = xrealloc(x->sheets, (x->n_sheets + 1) * sizeof *x->sheets);
    struct sheet *s = &x->sheets[x->n_sheets];
    /* A large week's sheet opens its row file here; libxlsxwriter prints when it cannot. */
    int muted = diag_mute_stderr(x->d);
    errno = 0;
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
    int err = errno;
    diag_unmute_stderr(x->d, muted);
    errno = err;
    *s = (struct sheet){ .ws = ws, .name = xstrdup(name),
                         .n_cols = n, .widths = xcalloc(n ? n : 1, sizeof(double)) };
    if (!s->ws) {
        /* the names are ours and valid: memory, or (constant memory) the sheet's row file */
        if (errno == ENOMEM)
            x_out_of_memory("libxlsxwriter");
        if (!x->sheet_failed)
            x->sheet_failed = errno ? errno : EIO;
    }
    if (s->ws) {
        for (size_t c = 0; c < n; c++) {
            worksheet_write_string(s->ws, 0, (lxw_col_t)c, header[c], x->header);
            note_width(s, c, display_width(header[c]) + 2);
        }
        worksheet_freeze_panes(s->ws, 1, 0);
    }
    s->next_row = 1;
    return x->n_sheets++;
}

/* The row the next record of s goes to, or 0 when the sheet is full (its last row is kept for
 * the note that says where the rest went). */
static size_t take_row(struct xlsx_out *x, struct sheet *s)
{
    if (!s->ws)
        return 0;
    if (s->next_row + 1 >= x->max_rows) {
        s->left_out++;
        return 0;
    }
    return s->next_row++;
}

size_t xlsx_out_sheet(struct xlsx_out *x, const char *name, const char *const *header, size_t n)
{
    return add_sheet(x, name, header, n);
}

void xlsx_out_row(struct xlsx_out *x, size_t sheet, const struct csv_cell *cells, size_t n)
{
    struct sheet *s = &x->sheets[sheet];
    size_t row = take_row(x, s);
    if (!row)
        return;
    for (size_t c = 0; c < n && c < s->n_cols; c++)
        write_cell(x, s, row, c, &cells[c], NULL);
}

void xlsx_out_article(struct xlsx_out *x, const struct article *a)
{
    struct csv_record rec = { 0 };
    csv_record_article(&rec, a);
    xlsx_out_row(x, SHEET_ARTICLES, rec.cells, rec.n);
    csv_record_free(&rec);
}

void xlsx_out_facts(struct xlsx_out *x, const struct fact_list *l)
{
    struct csv_record rec = { 0 };
    for (size_t i = 0; i < l->count; i++) {
        csv_record_fact(&rec, x->tpl, &l->items[i]);
        xlsx_out_row(x, SHEET_FACTS, rec.cells, rec.n);
    }
    csv_record_free(&rec);
}

/* ---- The comparison sheet: conflict notes and the chart ---- */

/* Whether the article of citation k was already cited before it (citations come in input
 * order, so one article's several sentences are adjacent or close; the list is capped). */
static int cited_before(const struct table_value *tv, size_t k)
{
    for (size_t j = 0; j < k; j++)
        if (strcmp(tv->citations[j].article_id, tv->citations[k].article_id) == 0)
            return 1;
    return 0;
}

/* "519 — 1건: 029_0003001728" per value, chosen value first, one line each. */
static void conflict_note(const struct table_cell *c, struct buf *out)
{
    buf_clear(out);
    buf_puts(out, "");
    for (size_t v = 0; v < c->n_values; v++) {
        const struct table_value *tv = &c->values[v];
        buf_printf(out, "%s%s — %zu건", v ? "\n" : "", tv->value, tv->n_articles);
        size_t shown = 0;
        for (size_t k = 0; k < tv->n_citations; k++)
            if (!cited_before(tv, k))
                buf_printf(out, "%s%s", shown++ ? ", " : ": ", tv->citations[k].article_id);
        if (tv->n_articles > shown)
            buf_printf(out, " 외 %zu건", tv->n_articles - shown);
    }
}

static void write_conflict_notes(struct sheet *s, const struct table *t,
                                 const struct table_row *row, size_t sheet_row)
{
    struct buf note = BUF_INIT, fit = BUF_INIT;
    for (size_t c = 0; c < t->tpl->n_columns; c++) {
        const struct table_cell *cell = &row->cells[c];
        if (!cell->conflict || !cell->n_values)
            continue;
        conflict_note(cell, &note);
        const char *text = cell_limit_fit(note.data, 0, CELL_LIMIT_CHARS, &fit, NULL);
        worksheet_write_comment(s->ws, (lxw_row_t)sheet_row, (lxw_col_t)(3 + c), text);
    }
    buf_free(&note);
    buf_free(&fit);
}

/* A clustered bar chart of the template's chart columns, one category per organisation row
 * (the topic entity, which has no such figures, is left out by its empty cells). */
static void insert_chart(struct xlsx_out *x, struct sheet *s, const struct table *t)
{
    const struct template_words *cols = &t->tpl->layout.chart_columns;
    if (!cols->count || t->n_rows == 0)
        return;
    lxw_chart *chart = workbook_add_chart(x->wb, LXW_CHART_BAR);
    if (!chart)
        return;
    size_t series = 0;
    for (size_t i = 0; i < cols->count; i++) {
        long c = template_column_index(t->tpl, cols->items[i]);
        if (c < 0)
            continue;
        lxw_chart_series *ser = chart_add_series(chart, NULL, NULL);
        lxw_row_t last = (lxw_row_t)t->n_rows;
        chart_series_set_categories(ser, s->name, 1, 1, last, 1);
        chart_series_set_values(ser, s->name, 1, (lxw_col_t)(3 + c), last, (lxw_col_t)(3 + c));
        chart_series_set_name_range(ser, s->name, 0, (lxw_col_t)(3 + c));
        series++;
    }
    if (!series)
        return;
    lxw_chart_options at = { .x_offset = 10, .y_offset = 10, .x_scale = 1.5, .y_scale = 1.5 };
    worksheet_insert_chart_opt(s->ws, (lxw_row_t)(t->n_rows + 3), 1, chart, &at);
}

void xlsx_out_comparison(struct xlsx_out *x, const struct table *t)
{
    struct sheet *s = &x->sheets[SHEET_COMPARISON];
    size_t n = csv_out_comparison_width(t->tpl);
    struct csv_cell *cells = xcalloc(n, sizeof *cells);
    char numbers[2][24];
    for (size_t r = 0; r < t->n_rows; r++) {
        size_t row = take_row(x, s);
        if (!row)
            continue;
        const struct table_row *tr = &t->rows[r];
        csv_out_comparison_cells(t, tr, numbers, cells);
        for (size_t c = 0; c < n && c < s->n_cols; c++) {
            int conflicting = c >= 3 && c < 3 + t->tpl->n_columns && tr->cells[c - 3].conflict;
            write_cell(x, s, row, c, &cells[c], conflicting ? x->conflict : NULL);
        }
        write_conflict_notes(s, t, tr, row);
    }
    free(cells);
    insert_chart(x, s, t);
}

/* ---- The workbook ---- */

static void make_formats(struct xlsx_out *x)
{
    x->header = workbook_add_format(x->wb);
    format_set_bold(x->header);
    format_set_bottom(x->header, LXW_BORDER_THIN);
    x->datetime = workbook_add_format(x->wb);
    format_set_num_format(x->datetime, "yyyy-mm-dd hh:mm");
    x->date = workbook_add_format(x->wb);
    format_set_num_format(x->date, "yyyy-mm-dd");
    x->wrap = workbook_add_format(x->wb);
    format_set_text_wrap(x->wrap);
    format_set_align(x->wrap, LXW_ALIGN_VERTICAL_TOP);
    x->link = workbook_get_default_url_format(x->wb);
    x->conflict = workbook_add_format(x->wb);
    format_set_bg_color(x->conflict, 0xFCE4D6);
}

enum exp_status xlsx_out_open(struct xlsx_out **out, const char *path,
                              const struct template *tpl, const struct xlsx_options *opts,
                              struct diag *d)
{
    *out = NULL;
    lxw_workbook_options wo = { .constant_memory = opts && opts->large ? LXW_TRUE : LXW_FALSE,
                                .tmpdir = opts && opts->tmpdir ? (char *)opts->tmpdir : NULL };
    int muted = diag_mute_stderr(d);
    lxw_workbook *wb = workbook_new_opt(path, &wo);
    diag_unmute_stderr(d, muted);
    if (!wb) {
        diag_error(d, path, 0, 0, "cannot start the workbook");
        return EXP_CANTCREAT;
    }
    struct xlsx_out *x = xcalloc(1, sizeof *x);
    x->wb = wb;
    x->tpl = tpl;
    x->d = d;
    x->max_rows = opts && opts->max_rows ? opts->max_rows : XLSX_MAX_ROWS;
    x->max_links = opts && opts->large ? LARGE_LINKS : MAX_LINKS;
    if (x->max_rows < 2)
        x->max_rows = 2;
    make_formats(x);
    struct csv_cell *cells = xcalloc(csv_out_comparison_width(tpl), sizeof *cells);
    csv_out_comparison_header(tpl, cells);
    size_t n = csv_out_comparison_width(tpl);
    const char **names = xcalloc(n, sizeof *names);
    for (size_t i = 0; i < n; i++)
        names[i] = cells[i].value;
    add_sheet(x, "comparison", names, n);
    free(names);
    free(cells);
    const char *const *h = csv_out_facts_header(&n);
    add_sheet(x, "facts", h, n);
    h = csv_out_articles_header(&n);
    add_sheet(x, "articles", h, n);
    *out = x;
    return EXP_OK;
}

/* The last row of a full sheet says where its other rows are. */
static void write_left_out_note(struct xlsx_out *x, struct sheet *s)
{
    char note[200];
    snprintf(note, sizeof note,
             "… Excel의 행 한도(%zu행) 때문에 %zu행은 이 시트에 싣지 못했습니다. "
             "전체는 %s.csv에 있습니다.",
             x->max_rows, s->left_out, s->name);
    worksheet_write_string(s->ws, (lxw_row_t)s->next_row, 0, note, NULL);
}

static void finish_sheet(struct xlsx_out *x, struct sheet *s)
{
    if (!s->ws)
        return;
    if (s->left_out)
        write_left_out_note(x, s);
    if (s->n_cols)
        worksheet_autofilter(s->ws, 0, 0, (lxw_row_t)(s->next_row - 1),
                             (lxw_col_t)(s->n_cols - 1));
    for (size_t c = 0; c < s->n_cols; c++) {
        double w = s->widths[c] + 1;
        worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c, w < MIN_WIDTH ? MIN_WIDTH : w,
                             NULL);
    }
}

static void free_sheets(struct xlsx_out *x)
{
    for (size_t i = 0; i < x->n_sheets; i++) {
        free(x->sheets[i].name);
        free(x->sheets[i].widths);
    }
    free(x->sheets);
    buf_free(&x->scratch);
    free(x);
}

void xlsx_out_set_created(struct xlsx_out *x, long long epoch)
{
    x->created = epoch > 0 ? epoch : 0;
}

/* The title shown in the file's properties, and a fixed time, which makes the bytes
 * reproducible (libxlsxwriter stamps core.xml with it). */
static void set_properties(struct xlsx_out *x)
{
    const struct template *tpl = x->tpl;
    lxw_doc_properties props = {
        .title = tpl->layout.title && *tpl->layout.title ? tpl->layout.title : tpl->title,
        .created = (time_t)x->created,
    };
    workbook_set_properties(x->wb, &props);
}

/* libxlsxwriter writes a large sheet's rows to a temporary file as they come (constant
 * memory) and never checks those writes: a full disk or a file-size limit there would leave a
 * truncated sheet that it zips without a word. Each row file's stream keeps its error, so it
 * is flushed and asked here, before the workbook is assembled from them. */
static int row_files_ok(struct xlsx_out *x, const char *where, struct diag *d)
{
    if (x->sheet_failed) {
        diag_error(d, where, 0, 0, "cannot write the workbook: a sheet could not be started: "
                   "%s", strerror(x->sheet_failed));
        return 0;
    }
    for (size_t i = 0; i < x->n_sheets; i++) {
        FILE *f = x->sheets[i].ws ? x->sheets[i].ws->optimize_tmpfile : NULL;
        if (!f)
            continue;
        errno = 0;
        if (fflush(f) != 0 || ferror(f)) {
            diag_error(d, where, 0, 0, "cannot write the workbook: sheet '%s': %s",
                       x->sheets[i].name, errno ? strerror(errno) : "a write failed");
            return 0;
        }
    }
    return 1;
}

enum exp_status xlsx_out_close(struct xlsx_out *x, struct diag *d)
{
    if (!x)
        return EXP_OK;
    set_properties(x);
    for (size_t i = 0; i < x->n_sheets; i++)
        finish_sheet(x, &x->sheets[i]);
    const char *path = x->wb->filename;
    char *where = xstrdup(path ? path : "briefing.xlsx");
    if (!row_files_ok(x, where, d)) {
        xlsx_out_discard(x);
        free(where);
        return EXP_IOERR;
    }
    /* Assembling copies each sheet through more unchecked temporary files: a file-size limit
     * crossed there is caught by the watch (a full disk fails the zip beside them too). */
    struct fsutil_size_watch watch;
    fsutil_size_watch_begin(&watch);
    /* libxlsxwriter prints its own lines; we report e (muted with the run's reserved
       descriptors, x->d: d may be a thread's buffer) */
    int muted = diag_mute_stderr(x->d);
    lxw_error e = workbook_close(x->wb);
    diag_unmute_stderr(x->d, muted);
    int too_big = fsutil_size_watch_end(&watch);
    free_sheets(x);
    enum exp_status st = EXP_OK;
    if (e == LXW_ERROR_MEMORY_MALLOC_FAILED)
        x_out_of_memory("libxlsxwriter");
    if (too_big) {
        diag_error(d, where, 0, 0, "cannot write the workbook: a file grew past the file-size "
                   "limit (ulimit -f)");
        st = EXP_IOERR;
    } else if (e != LXW_NO_ERROR) {
        diag_error(d, where, 0, 0, "cannot write the workbook: %s", lxw_strerror(e));
        st = EXP_IOERR;
    }
    free(where);
    return st;
}

void xlsx_out_discard(struct xlsx_out *x)
{
    if (!x)
        return;
    lxw_workbook_free(x->wb);
    free_sheets(x);
}

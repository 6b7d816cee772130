/* model.c — the briefing's content decisions (model.h): which sections, in which words, with
 * which figures and citations. Sections are functions named for them, called in the
 * template's order. */
#include "report/model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/date.h"
#include "util/decimal.h"
#include "report/summary.h"

struct ctx {
    const struct model_input *in;
    const struct template *tpl;
    const struct table *t;
    struct model_doc *doc;
    struct id_rank *by_id;       /* article ids sorted, with their places in the set */
    size_t n_articles;
    const struct corpus_summary *corpus;   /* the whole run's articles (in->corpus, or the
                                              set's own summary) */
    char today[11];              /* reference day for "next milestone" */
};

/* The briefing's word for key: the template's, else a topic-neutral default. */
static const char *word(const struct ctx *x, const char *key)
{
    return template_word(x->tpl, key);
}

static int nonempty(const char *s)
{
    return s && *s;
}

/* ---- Article ids → places ---- */

struct id_rank {
    const char *id;
    size_t rank;
};

static int id_rank_cmp(const void *a, const void *b)
{
    return strcmp(((const struct id_rank *)a)->id, ((const struct id_rank *)b)->id);
}

/* Place of an article id in the set; SIZE_MAX when the id is not in it. */
static size_t rank_of(const struct ctx *x, const char *id)
{
    struct id_rank key = { id, 0 };
    const struct id_rank *hit = x->n_articles ? bsearch(&key, x->by_id, x->n_articles,
                                                        sizeof *x->by_id, id_rank_cmp)
                                              : NULL;
    return hit ? hit->rank : (size_t)-1;
}

static void cite_id(const struct ctx *x, struct model_text *t, const char *id)
{
    size_t r = rank_of(x, id);
    if (r != (size_t)-1)
        model_cite(t, r);
}

/* The citations of one table value: its first max articles. */
static void cite_value(const struct ctx *x, struct model_text *t, const struct table_value *v,
                       size_t max)
{
    for (size_t i = 0; i < v->n_citations && i < max; i++)
        cite_id(x, t, v->citations[i].article_id);
}

static void text(struct model_text *t, const char *s)
{
    model_span(t, MODEL_SPAN_TEXT, s, NULL);
}

/* The articles naming an entity: all of them when few; on a large week the first
 * MODEL_ROW_CITES (in source order) and a count, so the briefing does not cite — and list —
 * every article of the corpus. */
#define MODEL_ROW_CITES 6

static void cite_sources(const struct ctx *x, struct model_text *t, const struct table_row *tr)
{
    /* the row's first sources are in the set's order (all of them when there are few) */
    size_t n = tr->n_sources;
    if (n <= MODEL_ROW_CITES) {
        for (size_t i = 0; i < tr->n_first_sources; i++)
            cite_id(x, t, tr->first_sources[i]);
        return;
    }
    for (size_t i = 0; i < tr->n_first_sources && i < MODEL_ROW_CITES / 2; i++)
        cite_id(x, t, tr->first_sources[i]);
    if (n > MODEL_ROW_CITES / 2) {
        struct buf b = BUF_INIT;
        buf_puts(&b, " 외 ");
        struct decimal d = decimal_from_int((long long)(n - MODEL_ROW_CITES / 2));
        decimal_put_grouped(&b, &d);
        buf_puts(&b, "건");
        text(t, b.data);
        buf_free(&b);
    }
}

static void entity_anchor(const struct template_entity *e, char *out, size_t n)
{
    snprintf(out, n, "#ent-%s", e->id);
}

/* ---- Values as a reader reads them ---- */

/* "32410" → "32,410"; text that is not a plain number is copied. */
static void put_grouped(const char *value, struct buf *b)
{
    struct decimal d;
    if (decimal_parse_str(value, &d) == 0)
        decimal_put_grouped(b, &d);
    else
        buf_puts(b, value);
}

/* "최신 보도 기준" when the column's merge rule is not the majority vote, else NULL. */
static const char *rule_words(const struct ctx *x, const struct template_column *c)
{
    return c->merge == TEMPLATE_MERGE_LATEST    ? word(x, "policy_latest")
           : c->merge == TEMPLATE_MERGE_LARGEST ? word(x, "policy_largest")
                                                : NULL;
}

/* A list value as printed: a keyword's label from the template, else the value. */
static const char *shown_value(const struct ctx *x, const struct template_column *c,
                               const char *value)
{
    return c->type == TEMPLATE_COL_KEYWORDS ? template_value_label(x->tpl, value) : value;
}

static void put_value(const struct template_column *c, const char *value, struct buf *b)
{
    if (c->type == TEMPLATE_COL_DATE)
        summary_format_date(value, b);
    else if (c->type == TEMPLATE_COL_QUANTITY)
        summary_format_figure(c, value, b);
    else
        buf_puts(b, value);
}

/* A figure as a reader says it ("5,340억 원", "500B", "95%"), preceded by the table's own
 * number, grouped, when the said form does not start with that number ("45,320 (4조 5,320억
 * 원)" under a label in 억 원, "62.8 (628억 원)" under one in 십억 원). */
static void put_figure(const struct template_column *c, const char *value, struct buf *b)
{
    if (c->type != TEMPLATE_COL_QUANTITY) {
        put_value(c, value, b);
        return;
    }
    struct buf said = BUF_INIT, table = BUF_INIT;
    summary_format_figure(c, value, &said);
    struct decimal d;
    if (decimal_parse_str(value, &d) == 0)
        decimal_put_grouped(&table, &d);
    else
        buf_puts(&table, value);
    size_t lead = strspn(said.data, "-0123456789,.");
    if (lead != table.len || strncmp(said.data, table.data, lead) != 0)
        buf_printf(b, "%s (%s)", table.data, said.data);
    else
        buf_puts(b, said.data);
    buf_free(&said);
    buf_free(&table);
}

/* A disagreeing cell: "500B(기사 4건)[1][2] 대 519B(기사 1건)[3]", the chosen value first. */
static void conflict_text(const struct ctx *x, struct model_text *t,
                          const struct template_column *c, const struct table_cell *ce)
{
    int first = 1;
    size_t shown = 0, left = 0;
    for (size_t k = 0; k < ce->n_values; k++) {
        const struct table_value *v = &ce->values[k];
        if (!v->conflicting)
            continue;
        if (shown == SUMMARY_MAX_CONFLICT_VALUES) {
            left++;
            continue;
        }
        shown++;
        struct buf b = BUF_INIT;
        buf_puts(&b, first ? "" : word(x, "vs"));
        if (c->type == TEMPLATE_COL_KEYWORDS)
            buf_puts(&b, shown_value(x, c, v->value));
        else
            put_value(c, v->value, &b);
        char c1[32];
        buf_printf(&b, "(기사 %s건%s)", summary_count(v->n_articles, c1),
                   first && ce->tie ? ", 동수" : "");
        text(t, b.data);
        cite_value(x, t, v, 3);
        buf_free(&b);
        first = 0;
    }
    if (left) {
        char more[48];
        snprintf(more, sizeof more, " … 외 %zu개", left);
        text(t, more);
    }
}

/* ---- Period and time ---- */

/* "2025년 12월 28일"; with same (a day of the same year or month before it in a range)
 * the shared parts are left out: "30일", "1월 3일". */
static void korean_day(const char *iso, struct buf *b, const char *same)
{
    long day, other;
    if (date_parse_day(iso, &day) != 0) {
        buf_puts(b, iso);
        return;
    }
    int y, m, d, y0 = 0, m0 = 0, d0;
    date_to_civil(day, &y, &m, &d);
    if (same && date_parse_day(same, &other) == 0)
        date_to_civil(other, &y0, &m0, &d0);
    if (y == y0 && m == m0)
        buf_printf(b, "%d일", d);
    else if (y == y0)
        buf_printf(b, "%d월 %d일", m, d);
    else
        buf_printf(b, "%d년 %d월 %d일", y, m, d);
}

/* "2025년 12월 28일~30일", "2025년 12월 28일~2026년 1월 3일", "2025년 12월 30일". */
static void period_text(const struct model_period *p, struct buf *b, const char *none)
{
    if (!*p->first && !*p->last) {
        buf_puts(b, none);
        return;
    }
    if (!*p->first || !*p->last || !strcmp(p->first, p->last)) {
        korean_day(*p->first ? p->first : p->last, b, NULL);
        return;
    }
    korean_day(p->first, b, NULL);
    buf_puts(b, "~");
    korean_day(p->last, b, p->first);
}

/* "2025년 12월 30일 09:00(KST)" for Unix seconds. */
static void korean_time(long long t, struct buf *b)
{
    int y, mo, d, h, mi, s;
    date_utc_parts(t + 9 * 3600LL, &y, &mo, &d, &h, &mi, &s);
    buf_printf(b, "%d년 %d월 %d일 %02d:%02d(KST)", y, mo, d, h, mi);
}

/* ---- Title block ---- */

/* Distinct publishers named in the corpus. */
static size_t count_publishers(const struct corpus_summary *corpus)
{
    size_t n = 0;
    for (size_t i = 0; i < corpus->n_publishers; i++)
        n += nonempty(corpus->publishers[i].name);
    return n;
}

static void section_title(struct ctx *x)
{
    const struct template_layout *ly = &x->tpl->layout;
    struct model_section *s = model_add_section(x->doc, "title", "");
    model_heading(s, 0, 0, x->doc->title, NULL);
    if (nonempty(ly->subtitle))
        model_paragraph(s, MODEL_STYLE_LEAD, ly->subtitle);
    struct buf b = BUF_INIT;
    buf_printf(&b, "%s  ", word(x, "period"));
    period_text(x->in->period, &b, word(x, "no_date"));
    model_paragraph(s, MODEL_STYLE_META, b.data);
    buf_clear(&b);
    size_t orgs = 0;
    for (size_t r = 0; r < x->t->n_rows; r++)
        orgs += !x->t->rows[r].e->topic;
    char c1[32];
    buf_printf(&b, "%s  %s건 · 매체 %zu곳 · 비교 %s %zu%s", word(x, "articles"),
               summary_count(x->corpus->n_articles, c1), count_publishers(x->corpus), word(x, "entity"), orgs,
               word(x, "counter"));
    model_paragraph(s, MODEL_STYLE_META, b.data);
    buf_clear(&b);
    buf_printf(&b, "%s  ", word(x, x->in->as_of_is_generation ? "generated" : "as_of"));
    if (x->in->as_of >= 0)
        korean_time(x->in->as_of, &b);
    else
        buf_puts(&b, word(x, "no_date"));
    buf_printf(&b, " · exporter %s · 템플릿 %s", x->in->version ? x->in->version : "",
               nonempty(x->tpl->id) ? x->tpl->id : "-");
    model_paragraph(s, MODEL_STYLE_META, b.data);
    buf_free(&b);
    model_add_block(s, MODEL_RULE);
}

/* ---- Summary ---- */

static void section_summary(struct ctx *x)
{
    struct model_section *s = model_add_section(x->doc, "summary", word(x, "summary"));
    model_heading(s, 1, 0, s->title, NULL);
    struct summary sm = { 0 };
    summary_bullets(x->t, NULL, x->today, &sm);
    if (!sm.count) {
        model_paragraph(s, MODEL_STYLE_BODY, word(x, "summary_empty"));
        summary_free(&sm);
        return;
    }
    struct model_block *b = model_add_block(s, MODEL_BULLETS);
    for (size_t i = 0; i < sm.count; i++) {
        struct model_item *it = model_add_item(b);
        text(&it->text, sm.items[i].text);
        for (size_t k = 0; k < sm.items[i].n_cites; k++)
            cite_id(x, &it->text, sm.items[i].cites[k]);
    }
    summary_free(&sm);
}

/* ---- Comparison table ---- */

static int is_org_row(const struct table_row *r)
{
    return !r->e->topic;
}

/* Whether some organisation's cell in column c holds several values. */
static int multi_valued(const struct table *t, long c)
{
    for (size_t r = 0; r < t->n_rows; r++)
        if (!t->rows[r].e->topic && t->rows[r].cells[c].n_values > 1)
            return 1;
    return 0;
}

static const char *const dagger[] = { "†", "‡", "§", "¶", "††", "‡‡", "§§", "¶¶" };
#define N_DAGGERS (sizeof dagger / sizeof dagger[0])

/* Table columns that are not template columns. */
#define COL_ENTITY (-1)
#define COL_SOURCES (-2)

static void table_columns(const struct ctx *x, struct model_table *mt, const long *colidx)
{
    for (size_t i = 0; i < mt->ncols; i++) {
        struct model_column *mc = &mt->cols[i];
        mc->kind = MODEL_COL_TEXT;
        if (colidx[i] == COL_ENTITY) {
            mc->header = xstrdup(word(x, "entity"));
            continue;
        }
        if (colidx[i] == COL_SOURCES) {
            mc->header = xstrdup(word(x, "sources"));
            continue;
        }
        const struct template_column *col = &x->tpl->columns[colidx[i]];
        const char *rule = rule_words(x, col);
        struct buf h = BUF_INIT;
        buf_puts(&h, col->label);
        if (rule)   /* the value was chosen by the column's rule, not by a vote: say so */
            buf_printf(&h, " (%s)", rule);
        mc->header = buf_detach(&h);
        /* list columns share what the figures leave, partners (long lists) most */
        if (col->type == TEMPLATE_COL_ORGANISATIONS ||
            (col->type == TEMPLATE_COL_MODELS && !col->flagship)) {
            mc->kind = MODEL_COL_LIST;
            mc->weight = 2.5f;
        } else if (col->type == TEMPLATE_COL_KEYWORDS && multi_valued(x->t, colidx[i])) {
            mc->kind = MODEL_COL_LIST;
            mc->weight = 1.5f;
        } else if (col->type == TEMPLATE_COL_QUANTITY) {
            mc->kind = MODEL_COL_NUMBER;
        }
    }
}

struct note {
    const char *mark;
    const struct table_row *row;
    const struct template_column *col;
    const struct table_cell *cell;
};

static void table_cell_text(const struct ctx *x, struct model_cell *mc,
                            const struct table_row *tr, long c, struct note *notes,
                            size_t *nnotes)
{
    if (c == COL_ENTITY) {
        char a[96];
        entity_anchor(tr->e, a, sizeof a);
        model_span(&mc->text, MODEL_SPAN_LINK, tr->e->name, a);
        return;
    }
    if (c == COL_SOURCES) {
        cite_sources(x, &mc->text, tr);
        return;
    }
    const struct template_column *col = &x->tpl->columns[c];
    const struct table_cell *ce = &tr->cells[c];
    struct buf b = BUF_INIT;
    if (col->type == TEMPLATE_COL_DATE)
        summary_format_date(ce->text, &b);
    else if (col->type == TEMPLATE_COL_QUANTITY && ce->is_number)
        put_grouped(ce->text, &b);   /* the unit is in the column's header */
    else if (col->type == TEMPLATE_COL_QUANTITY || col->type == TEMPLATE_COL_TEXT)
        buf_puts(&b, ce->text);
    else
        for (size_t v = 0; v < ce->n_values; v++)
            buf_printf(&b, "%s%s", v ? ", " : "", shown_value(x, col, ce->values[v].value));
    text(&mc->text, b.data);
    buf_free(&b);
    if (ce->conflict && *nnotes < N_DAGGERS) {
        struct note *n = &notes[(*nnotes)++];
        *n = (struct note){ dagger[*nnotes - 1], tr, col, ce };
        char anchor[32];
        snprintf(anchor, sizeof anchor, "#note-%zu", *nnotes);
        model_span(&mc->text, MODEL_SPAN_MARK, n->mark, anchor);
        mc->conflict = 1;
    }
}

static void table_notes(const struct ctx *x, struct model_section *s, const struct note *notes,
                        size_t n)
{
    if (!n)
        return;
    struct model_block *b = model_add_block(s, MODEL_NOTES);
    for (size_t i = 0; i < n; i++) {
        struct model_item *it = model_add_item(b);
        char anchor[32];
        snprintf(anchor, sizeof anchor, "note-%zu", i + 1);
        it->label = xstrdup(notes[i].mark);
        it->anchor = xstrdup(anchor);
        struct buf t = BUF_INIT;
        buf_printf(&t, "%s %s: ", notes[i].row->e->name, notes[i].col->label);
        text(&it->text, t.data);
        buf_free(&t);
        conflict_text(x, &it->text, notes[i].col, notes[i].cell);
    }
}

static void section_table(struct ctx *x)
{
    const struct template *tpl = x->tpl;
    const struct template_words *tc = &tpl->layout.table_columns;
    struct model_section *s = model_add_section(x->doc, "table", word(x, "table"));
    model_heading(s, 1, 0, s->title, NULL);
    long *colidx = xcalloc(tc->count + 1, sizeof *colidx);
    size_t nc = 0;
    int has_sources = 0;
    for (size_t i = 0; i < tc->count; i++) {
        const char *id = tc->items[i];
        long c = !strcmp(id, "entity") ? COL_ENTITY : !strcmp(id, "sources")
                                                          ? COL_SOURCES
                                                          : template_column_index(tpl, id);
        has_sources |= c == COL_SOURCES;
        if (c >= 0 || c == COL_ENTITY || c == COL_SOURCES)
            colidx[nc++] = c;
    }
    struct buf intro = BUF_INIT;
    if (has_sources)
        buf_puts(&intro, word(x, "table_intro_sources"));
    buf_puts(&intro, word(x, "table_intro"));
    int ruled = 0;
    for (size_t i = 0; i < nc; i++)
        ruled |= colidx[i] >= 0 && tpl->columns[colidx[i]].merge != TEMPLATE_MERGE_MAJORITY;
    if (ruled)   /* a column that chooses by another rule says so in its header */
        buf_puts(&intro, word(x, "table_intro_rules"));
    model_paragraph(s, MODEL_STYLE_META, intro.data);
    buf_free(&intro);
    size_t nr = 0;
    for (size_t r = 0; r < x->t->n_rows; r++)
        nr += is_org_row(&x->t->rows[r]);
    struct model_block *b = model_add_block(s, MODEL_TABLE);
    struct model_table *mt = model_table_new(b, nc, nr);
    mt->row_headers = nc && colidx[0] == COL_ENTITY;
    table_columns(x, mt, colidx);
    struct note notes[N_DAGGERS];
    size_t nnotes = 0, row = 0;
    for (size_t r = 0; r < x->t->n_rows; r++) {
        const struct table_row *tr = &x->t->rows[r];
        if (!is_org_row(tr))
            continue;
        for (size_t c = 0; c < nc; c++)
            table_cell_text(x, model_cell(mt, row, c), tr, colidx[c], notes, &nnotes);
        row++;
    }
    table_notes(x, s, notes, nnotes);
    free(colidx);
}

/* ---- Chart ---- */

static void chart_alt(const struct ctx *x, struct model_chart *ch, struct buf *alt)
{
    buf_printf(alt, "%s", ch->axis_label);
    for (size_t s = 0; s < ch->n_series; s++) {
        buf_printf(alt, ". %s: ", ch->series[s]);
        size_t shown = 0, missing = 0;
        for (size_t g = 0; g < ch->n_groups; g++)
            if (ch->groups[g].bars[s].present)
                buf_printf(alt, "%s%s %s", shown++ ? ", " : "", ch->groups[g].label,
                           ch->groups[g].bars[s].text);
        for (size_t g = 0; g < ch->n_groups; g++)
            if (!ch->groups[g].bars[s].present)
                buf_printf(alt, "%s%s", missing++ ? ", " : shown ? "; " : "",
                           ch->groups[g].label);
        if (missing)
            buf_printf(alt, " %s", word(x, "missing"));
    }
    buf_puts(alt, ".");
}

static void section_chart(struct ctx *x)
{
    const struct template *tpl = x->tpl;
    const struct template_words *cc = &tpl->layout.chart_columns;
    long cols[MODEL_MAX_SERIES];
    size_t ns = 0;
    for (size_t i = 0; i < cc->count && ns < MODEL_MAX_SERIES; i++) {
        long c = template_column_index(tpl, cc->items[i]);
        if (c >= 0 && tpl->columns[c].type == TEMPLATE_COL_QUANTITY)
            cols[ns++] = c;
    }
    if (!ns)
        return;
    struct model_chart *ch = xcalloc(1, sizeof *ch);
    struct buf heading = BUF_INIT;
    for (size_t s = 0; s < ns; s++) {
        struct buf l = BUF_INIT;
        summary_short_label(tpl->columns[cols[s]].label, &l);
        buf_printf(&heading, "%s%s", s ? "·" : "", l.data);
        ch->series[s] = buf_detach(&l);
    }
    ch->n_series = ns;
    buf_puts(&heading, word(x, "chart_suffix"));
    const char *title = nonempty(word(x, "chart")) ? word(x, "chart") : heading.data;
    struct model_section *sec = model_add_section(x->doc, "chart", title);
    model_heading(sec, 1, 0, title, NULL);
    buf_free(&heading);
    ch->groups = xcalloc(x->t->n_rows + 1, sizeof *ch->groups);
    for (size_t r = 0; r < x->t->n_rows; r++) {
        const struct table_row *tr = &x->t->rows[r];
        if (!is_org_row(tr))
            continue;
        struct model_group *g = &ch->groups[ch->n_groups++];
        char a[96];
        entity_anchor(tr->e, a, sizeof a);
        g->label = xstrdup(tr->e->name);
        g->target = xstrdup(a);
        for (size_t s = 0; s < ns; s++) {
            const struct table_cell *ce = &tr->cells[cols[s]];
            if (!ce->is_number || !nonempty(ce->text) || !ce->n_values)
                continue;
            g->bars[s].present = 1;
            g->bars[s].value = ce->values[0].has_number ? decimal_to_double(&ce->values[0].number)
                                                        : 0;
            struct buf v = BUF_INIT;
            summary_format_figure(&tpl->columns[cols[s]], ce->text, &v);
            g->bars[s].text = buf_detach(&v);
        }
    }
    const struct template_column *c0 = &tpl->columns[cols[0]];
    struct buf axis = BUF_INIT;
    if (nonempty(word(x, "chart_axis")))
        buf_puts(&axis, word(x, "chart_axis"));
    else
        buf_printf(&axis, "%s%s%s%s", ch->series[0], *c0->unit_label ? " (" : "", c0->unit_label,
                   *c0->unit_label ? ")" : "");
    ch->axis_label = buf_detach(&axis);
    ch->missing_label = xstrdup(word(x, "missing_chart"));
    struct buf alt = BUF_INIT;
    chart_alt(x, ch, &alt);
    ch->alt = buf_detach(&alt);
    struct model_block *b = model_add_block(sec, MODEL_CHART);
    b->chart = ch;
    model_paragraph(sec, MODEL_STYLE_NOTE, word(x, "chart_intro"));
}

/* ---- Entities ---- */

/* A value chosen by latest/largest, and what it replaced: " (최신 보도 기준; 이전 보도 12명[2],
 * 9명[1])". */
static void history_text(const struct ctx *x, struct model_text *t,
                         const struct template_column *col, const struct table_cell *ce)
{
    struct buf b = BUF_INIT;
    buf_printf(&b, " (%s", rule_words(x, col));
    text(t, b.data);
    int first = 1;
    for (size_t k = 1; k < ce->n_values; k++) {
        const struct table_value *v = &ce->values[k];
        if (!v->superseded)
            continue;
        buf_clear(&b);
        buf_puts(&b, first ? "; 이전 보도 " : ", ");
        put_value(col, v->value, &b);
        text(t, b.data);
        cite_value(x, t, v, 1);
        first = 0;
    }
    text(t, ")");
    buf_free(&b);
}

static void figure_row(const struct ctx *x, struct model_table *mt, size_t row,
                       const struct table_row *tr, const struct template_column *col,
                       const struct table_cell *ce)
{
    text(&model_cell(mt, row, 0)->text, col->label);
    struct model_text *t = &model_cell(mt, row, 1)->text;
    int single = col->type == TEMPLATE_COL_QUANTITY || col->type == TEMPLATE_COL_DATE;
    size_t shown = single ? 1 : ce->n_values;
    if (col->type == TEMPLATE_COL_TEXT && nonempty(ce->text))
        text(t, ce->text);   /* a fixed field of the template: no article behind it */
    for (size_t v = 0; v < shown && v < ce->n_values; v++) {
        struct buf b = BUF_INIT;
        buf_puts(&b, v ? ", " : "");
        if (col->type == TEMPLATE_COL_KEYWORDS)
            buf_puts(&b, shown_value(x, col, ce->values[v].value));
        else
            put_figure(col, ce->values[v].value, &b);
        if (col->type == TEMPLATE_COL_MODELS) {
            const struct template_model *fm = template_flagship(tr->e);
            if (fm && !strcmp(fm->name, ce->values[v].value))
                buf_printf(&b, " (%s)", word(x, "flagship"));
        }
        text(t, b.data);
        cite_value(x, t, &ce->values[v], 3);
        buf_free(&b);
    }
    if (ce->conflict) {
        text(t, word(x, "conflict_lead"));
        conflict_text(x, t, col, ce);
        model_cell(mt, row, 1)->conflict = 1;
    }
    if (single && rule_words(x, col) && ce->n_values)
        history_text(x, t, col, ce);
}

/* The figures of one row as a two-column table: label, values with their citations. */
static void entity_figures(const struct ctx *x, struct model_section *s,
                           const struct table_row *tr, long skip_col)
{
    const struct template *tpl = x->tpl;
    size_t n = 1;
    for (size_t c = 0; c < tpl->n_columns; c++) {
        const struct template_column *col = &tpl->columns[c];
        const struct table_cell *ce = &tr->cells[c];
        int fixed = col->type == TEMPLATE_COL_TEXT && nonempty(ce->text);
        n += !((long)c == skip_col || !template_column_applies(tpl, col, tr->entity) ||
               (!ce->n_values && !fixed) ||
               (col->type == TEMPLATE_COL_MODELS && col->flagship));
    }
    struct model_block *b = model_add_block(s, MODEL_TABLE);
    struct model_table *mt = model_table_new(b, 2, n);
    mt->row_headers = 1;
    mt->cols[0] = (struct model_column){ xstrdup(word(x, "figure_item")), MODEL_COL_LABEL, 0 };
    mt->cols[1] = (struct model_column){ xstrdup(word(x, "figure_content")), MODEL_COL_LIST, 1 };
    /* first row: how much the articles say about it */
    text(&model_cell(mt, 0, 0)->text, word(x, "coverage"));
    struct buf m = BUF_INIT;
    char c1[32], c2[32];
    buf_printf(&m, "기사 %s건, %s문장에서 언급", summary_count(tr->n_articles, c1),
               summary_count(tr->n_mentions, c2));
    if (tr->n_sources)
        buf_printf(&m, " · %s ", word(x, "sources"));
    text(&model_cell(mt, 0, 1)->text, m.data);
    buf_free(&m);
    cite_sources(x, &model_cell(mt, 0, 1)->text, tr);
    size_t row = 1;
    for (size_t c = 0; c < tpl->n_columns && row < n; c++) {
        const struct template_column *col = &tpl->columns[c];
        const struct table_cell *ce = &tr->cells[c];
        int fixed = col->type == TEMPLATE_COL_TEXT && nonempty(ce->text);
        if ((long)c == skip_col || !template_column_applies(tpl, col, tr->entity) ||
            (!ce->n_values && !fixed) || (col->type == TEMPLATE_COL_MODELS && col->flagship))
            continue;
        figure_row(x, mt, row++, tr, col, ce);
    }
}

static void key_sentences(const struct ctx *x, struct model_section *s,
                          const struct table_row *tr)
{
    struct summary ks = { 0 };
    size_t want = x->tpl->layout.key_sentences ? x->tpl->layout.key_sentences : 3;
    want = want < 2 ? 2 : want > 4 ? 4 : want;
    if (x->in->quotes)
        summary_key_sentences(x->in->quotes, tr->entity, want, &ks);
    if (ks.count) {
        model_heading(s, 3, -1, word(x, "key_sentences"), NULL);
        struct model_block *b = model_add_block(s, MODEL_QUOTES);
        for (size_t i = 0; i < ks.count; i++) {
            struct model_item *it = model_add_item(b);
            text(&it->text, "“");
            text(&it->text, ks.items[i].text);
            text(&it->text, "”");
            for (size_t k = 0; k < ks.items[i].n_cites; k++)
                cite_id(x, &it->text, ks.items[i].cites[k]);
        }
    }
    summary_free(&ks);
}

static void entity_section(const struct ctx *x, struct model_section *s,
                           const struct table_row *tr, long partners_col)
{
    char anchor[96];
    entity_anchor(tr->e, anchor, sizeof anchor);
    struct buf h = BUF_INIT;
    if (tr->e->topic && nonempty(word(x, "topic_heading")))
        buf_printf(&h, "%s — ", word(x, "topic_heading"));
    buf_puts(&h, tr->e->name);
    if (nonempty(tr->e->name_en) && strcmp(tr->e->name_en, tr->e->name))
        buf_printf(&h, " (%s)", tr->e->name_en);
    model_heading(s, 2, 1, h.data, anchor + 1);
    buf_free(&h);

    entity_figures(x, s, tr, partners_col);
    key_sentences(x, s, tr);

    if (partners_col >= 0 && template_column_applies(x->tpl, &x->tpl->columns[partners_col],
                                                     tr->entity)) {
        const struct table_cell *ce = &tr->cells[partners_col];
        model_heading(s, 3, -1, x->tpl->columns[partners_col].label, NULL);
        struct model_block *b = model_paragraph(s, MODEL_STYLE_LIST, NULL);
        if (!ce->n_values)
            text(&b->text, word(x, "none_reported"));
        for (size_t v = 0; v < ce->n_values; v++) {
            text(&b->text, v ? ", " : "");
            text(&b->text, ce->values[v].value);
            cite_value(x, &b->text, &ce->values[v], 1);
        }
    }
}

static void section_entities(struct ctx *x)
{
    struct model_section *s = model_add_section(x->doc, "entities", word(x, "entities"));
    model_heading(s, 1, 0, s->title, NULL);
    model_paragraph(s, MODEL_STYLE_META, word(x, "entities_intro"));
    long partners = -1;
    for (size_t c = 0; c < x->tpl->n_columns && partners < 0; c++)
        if (x->tpl->columns[c].type == TEMPLATE_COL_ORGANISATIONS)
            partners = (long)c;
    /* the topic entity first: it frames the others */
    for (size_t r = 0; r < x->t->n_rows; r++)
        if (!is_org_row(&x->t->rows[r]))
            entity_section(x, s, &x->t->rows[r], partners);
    for (size_t r = 0; r < x->t->n_rows; r++)
        if (is_org_row(&x->t->rows[r]))
            entity_section(x, s, &x->t->rows[r], partners);
}

/* ---- Sources ---- */

static void source_entry(const struct ctx *x, struct model_block *b, const struct article *a,
                         size_t no)
{
    struct model_item *it = model_add_item(b);
    char label[32], anchor[32];
    snprintf(label, sizeof label, "[%zu]", no);
    snprintf(anchor, sizeof anchor, "src-%zu", no);
    it->label = xstrdup(label);
    it->anchor = xstrdup(anchor);
    struct buf t = BUF_INIT;
    buf_puts(&t, nonempty(a->publisher) ? a->publisher : word(x, "unknown_publisher"));
    struct date_time when;
    if (nonempty(a->published_at) && date_parse_time(a->published_at, &when) == 0) {
        int y, m, d;
        date_to_civil(date_time_kst_day(&when), &y, &m, &d);
        buf_printf(&t, " · %d. %d. %d.", y, m, d);   /* digits-only dates take full stops */
    }
    buf_puts(&t, " · ");
    text(&it->text, t.data);
    model_span(&it->text, MODEL_SPAN_STRONG, nonempty(a->title) ? a->title : word(x, "untitled"),
               NULL);
    buf_clear(&t);
    /* every reporter written one way: the byline's role, else 기자 */
    for (size_t k = 0; k < a->n_people; k++)
        buf_printf(&t, "%s%s %s", k ? ", " : " · ", a->people[k].name,
                   nonempty(a->people[k].role) ? a->people[k].role : word(x, "reporter"));
    if (t.len)
        text(&it->text, t.data);
    buf_free(&t);
    it->url = nonempty(a->url) ? xstrdup(a->url) : NULL;
    it->origin = nonempty(a->source_file) ? xstrdup(a->source_file) : NULL;
}

struct publisher_count {
    const char *name;
    size_t n;
};

static int publisher_count_cmp(const void *a, const void *b)
{
    const struct publisher_count *x = a, *y = b;
    if (x->n != y->n)
        return x->n > y->n ? -1 : 1;
    return strcmp(x->name, y->name);
}

#define MODEL_PUBLISHERS_SHOWN 12

/* "뉴스1 300건, 한국경제 120건, …, 그 밖의 매체 3곳." — the largest first, at most
 * MODEL_PUBLISHERS_SHOWN by name. */
static void put_publisher_counts(const struct publisher_count *pc, size_t np, struct buf *b)
{
    char c1[32];
    for (size_t k = 0; k < np && k < MODEL_PUBLISHERS_SHOWN; k++)
        buf_printf(b, "%s%s %s건", k ? ", " : "", pc[k].name, summary_count(pc[k].n, c1));
    if (np > MODEL_PUBLISHERS_SHOWN)
        buf_printf(b, ", 그 밖의 매체 %zu곳", np - MODEL_PUBLISHERS_SHOWN);
    buf_puts(b, ".");
}

/* The publisher line for an article: its publisher, or the word for none. */
static const char *publisher_name(const struct ctx *x, const char *p)
{
    return nonempty(p) ? p : word(x, "unknown_publisher");
}

/* Adds n articles of publisher name to the counts (one entry per printed name). */
static void count_publisher(struct publisher_count *pc, size_t *np, const char *name, size_t n)
{
    size_t k;
    for (k = 0; k < *np && strcmp(pc[k].name, name); k++)
        ;
    if (k == *np)
        pc[(*np)++] = (struct publisher_count){ name, 0 };
    pc[k].n += n;
}

/* The articles nothing cites, counted per publisher: "그 밖의 기사 12,345건 — 뉴스1 300건, …":
 * the corpus's count per publisher less the cited ones. */
static void uncited_summary(const struct ctx *x, struct model_section *s, const size_t *no)
{
    const struct corpus_summary *corpus = x->corpus;
    const struct article_set *set = x->in->set;
    size_t *left = xcalloc(corpus->n_publishers + 1, sizeof *left);
    for (size_t k = 0; k < corpus->n_publishers; k++)
        left[k] = corpus->publishers[k].articles;
    for (size_t i = 0; i < set->count; i++) {
        const char *p = set->items[i].publisher ? set->items[i].publisher : "";
        const struct corpus_publisher *cp = corpus_summary_publisher(corpus, p);
        if (no[i] && cp && left[cp - corpus->publishers])
            left[cp - corpus->publishers]--;
    }
    struct publisher_count *pc = xcalloc(corpus->n_publishers + 1, sizeof *pc);
    size_t np = 0, total = 0;
    for (size_t k = 0; k < corpus->n_publishers; k++)
        if (left[k]) {
            count_publisher(pc, &np, publisher_name(x, corpus->publishers[k].name), left[k]);
            total += left[k];
        }
    if (total) {
        qsort(pc, np, sizeof *pc, publisher_count_cmp);
        struct buf b = BUF_INIT;
        char c1[32];
        buf_printf(&b, "%s %s건(인용하지 않음) — ", word(x, "sources_uncited"),
                   summary_count(total, c1));
        put_publisher_counts(pc, np, &b);
        model_paragraph(s, MODEL_STYLE_META, b.data);
        buf_free(&b);
    }
    free(pc);
    free(left);
}

/* Fills the sources section (added in its place in the order) once the citations are
 * numbered: the cited articles in set order, then the others counted per publisher. */
static void fill_sources(const struct ctx *x, struct model_section *s, const size_t *no)
{
    const struct article_set *set = x->in->set;
    struct model_block *b = model_add_block(s, MODEL_SOURCES);
    for (size_t i = 0; i < set->count; i++)
        if (no[i])
            source_entry(x, b, &set->items[i], no[i]);
    uncited_summary(x, s, no);
}

/* ---- The document ---- */

static void doc_info(struct ctx *x)
{
    const struct template_layout *ly = &x->tpl->layout;
    const char *title = nonempty(ly->title) ? ly->title : nonempty(x->tpl->title)
                                                              ? x->tpl->title
                                                              : word(x, "title");
    x->doc->title = xstrdup(title);
    x->doc->subject = xstrdup(nonempty(ly->subtitle) ? ly->subtitle : title);
    struct buf kw = BUF_INIT;
    for (size_t i = 0; i < x->tpl->n_entities; i++)
        if (!x->tpl->entities[i].topic)
            buf_printf(&kw, "%s%s", kw.len ? ", " : "", x->tpl->entities[i].name);
    x->doc->keywords = buf_detach(&kw);
    struct buf p = BUF_INIT;
    period_text(x->in->period, &p, word(x, "no_date"));
    x->doc->header_right = buf_detach(&p);
    x->doc->epoch = x->in->as_of;
}

void model_build(const struct model_input *in, struct model_doc *doc)
{
    memset(doc, 0, sizeof *doc);
    struct ctx x = { .in = in, .tpl = in->tpl, .t = in->table, .doc = doc };
    struct corpus_summary own = { 0 };
    if (!in->corpus)
        corpus_summary_of_set(&own, in->set);
    x.corpus = in->corpus ? in->corpus : &own;
    x.n_articles = in->set->count;
    doc->n_articles = x.n_articles;
    x.by_id = xcalloc(x.n_articles + 1, sizeof *x.by_id);
    for (size_t i = 0; i < x.n_articles; i++)
        x.by_id[i] = (struct id_rank){ in->set->items[i].id, i };
    qsort(x.by_id, x.n_articles, sizeof *x.by_id, id_rank_cmp);
    snprintf(x.today, sizeof x.today, "%s", in->period->last);
    doc_info(&x);

    static const char *const all[] = { "title", "summary", "table", "chart", "entities",
                                       "sources" };
    const struct template_words *sec = &in->tpl->layout.sections;
    size_t nsec = sec->count ? sec->count : sizeof all / sizeof all[0];
    long sources_at = -1;
    for (size_t i = 0; i < nsec; i++) {
        const char *s = sec->count ? sec->items[i] : all[i];
        if (!strcmp(s, "title"))
            section_title(&x);
        else if (!strcmp(s, "summary"))
            section_summary(&x);
        else if (!strcmp(s, "table"))
            section_table(&x);
        else if (!strcmp(s, "chart"))
            section_chart(&x);
        else if (!strcmp(s, "entities"))
            section_entities(&x);
        else if (!strcmp(s, "sources")) {
            sources_at = (long)doc->n_sections;
            struct model_section *ss = model_add_section(doc, "sources", word(&x, "sources"));
            model_heading(ss, 1, 0, ss->title, NULL);
        }
        else if (in->more_sections)
            in->more_sections(doc, s, in->more_sections_arg);
    }
    size_t *no = xcalloc(x.n_articles + 1, sizeof *no);
    model_number_citations(doc, no);
    if (sources_at >= 0)
        fill_sources(&x, &doc->sections[sources_at], no);
    free(no);
    free(x.by_id);
    if (!in->corpus)
        corpus_summary_free(&own);
}

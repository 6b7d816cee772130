/* summary.c — see summary.h for the rules. */
#include "report/summary.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/sentence.h"
#include "util/buf.h"
#include "util/decimal.h"
#include "util/particles.h"
#include "util/text.h"
#include "util/utf8.h"

/* ---- Formatting ---- */

void summary_format_date(const char *value, struct buf *out)
{
    const char *range = strstr(value, "..");
    if (range) {
        /* "2026..2027" → "2026~2027년"; wider ranges keep their parts. */
        struct buf lo = BUF_INIT;
        buf_append(&lo, value, (size_t)(range - value));
        if (strlen(lo.data) == 4 && strlen(range + 2) == 4)
            buf_printf(out, "%s~%s년", lo.data, range + 2);
        else {
            summary_format_date(lo.data, out);
            buf_puts(out, " ~ ");
            summary_format_date(range + 2, out);
        }
        buf_free(&lo);
        return;
    }
    int y, m, d;
    char tail;
    if (sscanf(value, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && strlen(value) == 10)
        buf_printf(out, "%d년 %d월 %d일", y, m, d);
    else if (sscanf(value, "%4d-%2d%c", &y, &m, &tail) == 2 && strlen(value) == 7)
        buf_printf(out, "%d년 %d월", y, m);
    else if (sscanf(value, "%4d%c", &y, &tail) == 1 && strlen(value) == 4)
        buf_printf(out, "%d년", y);
    else
        buf_puts(out, value);
}

const char *summary_count(size_t n, char out[32])
{
    char digits[24];
    int len = snprintf(digits, sizeof digits, "%zu", n), k = 0;
    for (int i = 0; i < len; i++) {
        if (i && (len - i) % 3 == 0)
            out[k++] = ',';
        out[k++] = digits[i];
    }
    out[k] = '\0';
    return out;
}

void summary_short_label(const char *label, struct buf *out)
{
    const char *dash = strstr(label, " — ");
    const char *s = dash ? dash + strlen(" — ") : label;
    size_t n = strlen(s);
    if (n && s[n - 1] == ')') {
        const char *open = strrchr(s, '(');
        if (open && open > s)
            n = (size_t)(open - s);
    }
    while (n && s[n - 1] == ' ')
        n--;
    buf_append(out, s, n);
}

/* Does the unit label read glued to digits ("B", "%", "억 원", "명") rather than after a space
 * ("people", "GWh per year")? A label starting with a word of Latin letters other than one
 * scale letter takes a space. */
static int unit_glues(const char *u)
{
    size_t n = 0;
    while ((u[n] >= 'A' && u[n] <= 'Z') || (u[n] >= 'a' && u[n] <= 'z'))
        n++;
    return n == 0 || (n == 1 && (u[0] == 'B' || u[0] == 'M' || u[0] == 'K' || u[0] == 'T'));
}

void summary_format_value(const char *value, const char *unit_label, struct buf *out)
{
    const char *u = unit_label ? unit_label : "";
    struct decimal v, won;
    if (decimal_parse_str(value, &v) != 0) {
        buf_puts(out, value);
        if (*u)
            buf_printf(out, " %s", u);
        return;
    }
    /* billions / trillions of won → 조/억 as Korean papers print them */
    int exp10 = !strcmp(u, "KRW bn") ? 9 : !strcmp(u, "KRW tn") ? 12 : -1;
    if (exp10 > 0 && decimal_shift(&v, exp10, &won) == 0) {
        const struct decimal_korean ko = { "원", 0, 0 };
        decimal_put_korean(out, &won, &ko);
        return;
    }
    decimal_put_grouped(out, &v);
    if (*u)
        buf_printf(out, unit_glues(u) ? "%s" : " %s", u);
}

/* Korean words for money in canonical units; amounts are grouped by 만/억/조 as Korean papers
 * print them, in any currency ("52억 달러"). */
static const struct {
    const char *unit, *word;
} money[] = {
    { "KRW", "원" }, { "USD", "달러" }, { "EUR", "유로" }, { "JPY", "엔" }, { "CNY", "위안" },
    { "GBP", "파운드" },
};

static const char *money_word(const struct template_column *c)
{
    if (c->units.count != 1)
        return NULL;
    for (size_t i = 0; i < sizeof money / sizeof money[0]; i++)
        if (!strcmp(c->units.items[0], money[i].unit))
            return money[i].word;
    return NULL;
}

/* A unit label that is one Korean counter word ("명", "대", "가구", "개사"): the figure before it
 * is grouped by 만 as papers print counts ("1,191만 명", "3만 2,000가구"). */
static int counter_word(const char *label)
{
    size_t len = label ? strlen(label) : 0, i = 0, n;
    if (!len || len > 12)
        return 0;
    while (i < len) {
        if (!text_is_hangul_syllable(utf8_decode(label, len, i, &n)))
            return 0;
        i += n;
    }
    return 1;
}

void summary_format_figure(const struct template_column *c, const char *value, struct buf *out)
{
    struct decimal v, full;
    const char *w = money_word(c);
    if (w && decimal_parse_str(value, &v) == 0 && decimal_shift(&v, (int)c->scale, &full) == 0) {
        const struct decimal_korean ko = { w, 0, 0 };
        decimal_put_korean(out, &full, &ko);
        return;
    }
    if (c->scale == 0 && counter_word(c->unit_label) && decimal_parse_str(value, &v) == 0) {
        const struct decimal_korean ko = { c->unit_label, 0, 0 };
        decimal_put_korean(out, &v, &ko);
        return;
    }
    summary_format_value(value, c->unit_label, out);
}

static const char *qualifier_ko(enum quantity_qualifier q)
{
    switch (q) {
    case QUAL_APPROX: return "약";
    case QUAL_AT_LEAST: return "이상";
    case QUAL_MORE_THAN: return "초과";
    case QUAL_AT_MOST: return "이하";
    case QUAL_LESS_THAN: return "미만";
    default: return "";
    }
}

/* ---- Items ---- */

static struct summary_item *new_item(struct summary *s)
{
    xgrow(&s->items, &s->cap, s->count + 1, sizeof *s->items);
    struct summary_item *it = &s->items[s->count++];
    memset(it, 0, sizeof *it);
    return it;
}

static void cite(struct summary_item *it, const char *id)
{
    if (!id || it->n_cites >= SUMMARY_MAX_CITES)
        return;
    for (size_t i = 0; i < it->n_cites; i++)
        if (!strcmp(it->cites[i], id))
            return;
    it->cites[it->n_cites++] = id;
}

static void cite_value(struct summary_item *it, const struct table_value *v)
{
    if (v && v->n_citations)
        cite(it, v->citations[0].article_id);
}

void summary_free(struct summary *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->count; i++)
        free(s->items[i].text);
    free(s->items);
    memset(s, 0, sizeof *s);
}

/* ---- What the rules read ---- */

struct ctx {
    const struct table *t;
    const struct template *tpl;
    const struct fact_list *facts;
    long largest_col, part_col, whole_col, kind_col, models_col, partners_col;
    const struct table_row *topic;
};

static const char *word(const struct ctx *x, const char *key)
{
    return template_word(x->tpl, key);
}

static const struct table_cell *cell(const struct table_row *r, long col)
{
    if (!r || col < 0)
        return NULL;
    const struct table_cell *c = &r->cells[col];
    return c->text && *c->text ? c : NULL;
}

/* The exact value of a numeric cell; 0 and *out, or -1 when the cell holds no plain number. */
static int cell_number(const struct table_row *r, long col, struct decimal *out)
{
    const struct table_cell *c = cell(r, col);
    if (!c || !c->is_number || !c->n_values || !c->values[0].has_number)
        return -1;
    *out = c->values[0].number;   /* the table's exact value: never re-read from text */
    return 0;
}

static long column_of(const struct template *tpl, const char *id)
{
    return id && *id ? template_column_index(tpl, id) : -1;
}

static void ctx_init(struct ctx *x, const struct table *t, const struct fact_list *facts)
{
    const struct template *tpl = t->tpl;
    const struct template_summary *sm = &tpl->layout.summary;
    memset(x, 0, sizeof *x);
    x->t = t;
    x->tpl = tpl;
    x->facts = facts;
    x->largest_col = column_of(tpl, sm->largest);
    x->part_col = column_of(tpl, sm->share_part);
    x->whole_col = column_of(tpl, sm->share_whole);
    x->kind_col = column_of(tpl, sm->kind);
    x->models_col = x->partners_col = -1;
    for (size_t c = 0; c < tpl->n_columns; c++) {
        const struct template_column *col = &tpl->columns[c];
        if (x->models_col < 0 && col->type == TEMPLATE_COL_MODELS && col->flagship)
            x->models_col = (long)c;
        if (x->partners_col < 0 && col->type == TEMPLATE_COL_ORGANISATIONS)
            x->partners_col = (long)c;
    }
    for (size_t r = 0; r < t->n_rows && !x->topic; r++)
        if (t->rows[r].e->topic)
            x->topic = &t->rows[r];
}

/* "SK텔레콤 A.X K1": the entity and its flagship model as the table has it. */
static void put_entity_model(const struct ctx *x, const struct table_row *r, struct buf *b)
{
    buf_puts(b, r->e->name);
    const struct table_cell *m = cell(r, x->models_col);
    if (m)
        buf_printf(b, " %s", m->text);
}

static void put_value(const struct ctx *x, long col, const char *value, struct buf *b)
{
    const struct template_column *c = &x->tpl->columns[col];
    if (c->type == TEMPLATE_COL_DATE)
        summary_format_date(value, b);
    else if (c->type == TEMPLATE_COL_KEYWORDS)
        buf_puts(b, template_value_label(x->tpl, value));
    else
        summary_format_figure(c, value, b);
}

static void put_label(const struct ctx *x, long col, struct buf *b)
{
    summary_short_label(x->tpl->columns[col].label, b);
}

/* ---- Particles ----
 * A Korean particle depends on how the word before it ends: 은/는, 으로/로 (util/particles.h). */

/* The last code point of b (0 when empty). */
static unsigned last_cp(const struct buf *b)
{
    size_t n;
    return b->len ? utf8_before(b->data, b->len, &n) : 0;
}

/* Appends 은 or 는 after b's last word. */
static void put_topic_particle(struct buf *b)
{
    buf_puts(b, particle_after(last_cp(b), PARTICLE_EUN_NEUN));
}

/* Appends 으로 or 로 (로 after a vowel or ㄹ). */
static void put_ro(struct buf *b)
{
    buf_puts(b, particle_after(last_cp(b), PARTICLE_EURO_RO));
}

/* ---- Ranking: a winner only when it is strictly ahead ---- */

struct ranked_row {
    const struct table_row *r;
    struct decimal v;
};

static int ranked_desc(const void *a, const void *b)
{
    const struct ranked_row *x = a, *y = b;
    int c = decimal_cmp(&y->v, &x->v);
    return c ? c : (x->r->entity > y->r->entity) - (x->r->entity < y->r->entity);
}

/* The organisations (not topic entities) with a number in col, largest first (ties in
 * template order). Returns the count; *out is the caller's to free. */
static size_t rank_rows(const struct ctx *x, long col, struct ranked_row **out)
{
    struct ranked_row *v = xcalloc(x->t->n_rows + 1, sizeof *v);
    size_t n = 0;
    for (size_t i = 0; i < x->t->n_rows; i++) {
        const struct table_row *r = &x->t->rows[i];
        if (!r->e->topic && cell_number(r, col, &v[n].v) == 0)
            v[n++].r = r;
    }
    qsort(v, n, sizeof *v, ranked_desc);
    *out = v;
    return n;
}

/* How many leading rows share the value of row `from`. */
static size_t tied_from(const struct ranked_row *v, size_t n, size_t from)
{
    size_t k = from + 1;
    while (k < n && decimal_cmp(&v[k].v, &v[from].v) == 0)
        k++;
    return k - from;
}

/* "A, B(각 500B)" or "A(500B)": a group of rows with one value, with their citations; note,
 * when not NULL, goes inside the parentheses ("A(500B, 보도된 3곳 중)"). */
static void put_group_note(const struct ctx *x, long col, const struct ranked_row *v, size_t n,
                           int with_model, const char *note, struct summary_item *it,
                           struct buf *b);

static void put_group(const struct ctx *x, long col, const struct ranked_row *v, size_t n,
                      int with_model, struct summary_item *it, struct buf *b)
{
    put_group_note(x, col, v, n, with_model, NULL, it, b);
}

static void put_group_note(const struct ctx *x, long col, const struct ranked_row *v, size_t n,
                           int with_model, const char *note, struct summary_item *it,
                           struct buf *b)
{
    for (size_t i = 0; i < n; i++) {
        buf_puts(b, i ? ", " : "");
        if (with_model)
            put_entity_model(x, v[i].r, b);
        else
            buf_puts(b, v[i].r->e->name);
        cite_value(it, &v[i].r->cells[col].values[0]);
    }
    buf_puts(b, n > 1 ? "(각 " : "(");
    put_value(x, col, v[0].r->cells[col].text, b);
    if (note)
        buf_printf(b, ", %s", note);
    buf_puts(b, ")");
}

/* ---- 1. Largest ---- */

static void put_missing(const struct ctx *x, long col, struct buf *b)
{
    size_t missing = 0;
    struct buf who = BUF_INIT;
    for (size_t i = 0; i < x->t->n_rows; i++) {
        const struct table_row *r = &x->t->rows[i];
        if (!r->e->topic && template_column_applies(x->tpl, &x->tpl->columns[col], r->entity) &&
            !cell(r, col))
            buf_printf(&who, "%s%s", missing++ ? ", " : "", r->e->name);
    }
    if (missing)
        buf_printf(b, ". %s: %s", who.data, word(x, "missing"));
    buf_free(&who);
}

/* Other reports of the chosen value: " — 519B로 적은 보도도 1건". */
static void put_other_reports(const struct ctx *x, long col, const struct table_cell *c,
                              struct summary_item *it, struct buf *b)
{
    if (c->rule != TEMPLATE_MERGE_MAJORITY) {
        /* chosen by the column's rule: earlier or smaller reports are history, not a minority */
        buf_printf(b, ", %s", word(x, c->rule == TEMPLATE_MERGE_LATEST ? "policy_latest"
                                                                       : "policy_largest"));
        return;
    }
    size_t others = 0, shown = 0;   /* articles giving another value (one may give two) */
    for (size_t k = 1; k < c->n_values; k++) {
        if (!c->values[k].conflicting)
            continue;   /* an approximation the chosen value matches is no other report */
        buf_puts(b, shown++ ? ", " : " — ");
        put_value(x, col, c->values[k].value, b);
        cite_value(it, &c->values[k]);
        others += c->values[k].n_articles;
    }
    if (!shown)
        return;
    put_ro(b);
    char c1[32];
    buf_printf(b, " 적은 보도도 %s건", summary_count(others, c1));
}

static void bullet_largest(const struct ctx *x, struct summary *s)
{
    long col = x->largest_col;
    struct ranked_row *v;
    size_t n = col >= 0 ? rank_rows(x, col, &v) : 0;
    if (!n) {
        if (col >= 0)
            free(v);
        return;
    }
    struct summary_item *it = new_item(s);
    struct buf b = BUF_INIT;
    put_label(x, col, &b);
    size_t top = tied_from(v, n, 0);
    if (n == 1) {
        buf_puts(&b, ": ");
        put_group(x, col, v, 1, 1, it, &b);
        buf_printf(&b, "만 보도");
    } else if (top > 1) {
        buf_puts(&b, " 공동 최대: ");
        put_group(x, col, v, top, 1, it, &b);
    } else {
        buf_puts(&b, " 최대는 ");
        put_group(x, col, v, 1, 1, it, &b);
        put_other_reports(x, col, &v[0].r->cells[col], it, &b);
    }
    if (top < n) {
        buf_puts(&b, ", 다음은 ");
        put_group(x, col, v + top, tied_from(v, n, top), 1, it, &b);
    }
    put_missing(x, col, &b);
    buf_puts(&b, ".");
    it->text = buf_detach(&b);
    free(v);
}

/* ---- 2. Kind and part/whole share ---- */

static const struct table_value *find_value(const struct table_cell *c, const char *v)
{
    for (size_t k = 0; c && k < c->n_values; k++)
        if (!strcmp(c->values[k].value, v))
            return &c->values[k];
    return NULL;
}

/* "6.6%": part/whole as a percentage to one decimal, exactly, the sign kept (a loss over
 * revenue is a negative margin). 0 when written, -1 when the whole is zero. */
static int put_share(struct buf *b, const struct decimal *part, const struct decimal *whole)
{
    struct decimal q, pct;
    static const struct decimal hundred = { 100, 0, 0 };
    if (decimal_is_zero(whole) || decimal_div(part, whole, 6, &q) != 0 ||
        decimal_mul(&q, &hundred, &pct) < 0)
        return -1;
    pct = decimal_round(&pct, 1);
    decimal_put(b, &pct);
    buf_puts(b, "%");
    return 0;
}

/* " (6.6% = 33B/500B)" for one row, or "(활성 파라미터 미공개)". Returns 1 for a share. */
static int put_row_share(const struct ctx *x, const struct table_row *r,
                          struct summary_item *it, struct buf *b)
{
    struct decimal part, whole;
    buf_puts(b, "(");
    if (cell_number(r, x->part_col, &part) == 0 && cell_number(r, x->whole_col, &whole) == 0 &&
        put_share(b, &part, &whole) == 0) {
        buf_puts(b, " = ");
        put_value(x, x->part_col, r->cells[x->part_col].text, b);
        buf_puts(b, "/");
        put_value(x, x->whole_col, r->cells[x->whole_col].text, b);
        cite_value(it, &r->cells[x->part_col].values[0]);
        buf_puts(b, ")");
        return 1;
    }
    put_label(x, x->part_col, b);
    buf_printf(b, " %s)", word(x, "missing"));
    return 0;
}

static void put_share_legend(const struct ctx *x, struct buf *b)
{
    buf_puts(b, " 괄호 안은 ");
    put_label(x, x->part_col, b);
    buf_puts(b, " 비율(");
    put_label(x, x->part_col, b);
    buf_puts(b, "/");
    put_label(x, x->whole_col, b);
    buf_puts(b, ").");
}

/* The entities whose kind cell holds value, with their shares when the template asks;
 * *shares counts the shares written. */
static size_t put_kind_members(const struct ctx *x, const char *value, struct summary_item *it,
                               struct buf *b, size_t *n_shares)
{
    size_t n = 0;
    int shares = x->part_col >= 0 && x->whole_col >= 0;
    for (size_t i = 0; i < x->t->n_rows; i++) {
        const struct table_row *r = &x->t->rows[i];
        const struct table_value *v = r->e->topic ? NULL : find_value(cell(r, x->kind_col), value);
        if (!v)
            continue;
        buf_printf(b, "%s%s", n++ ? ", " : "", r->e->name);
        if (shares)
            *n_shares += (size_t)put_row_share(x, r, it, b);
        cite_value(it, v);
    }
    return n;
}

static size_t kind_count(const struct ctx *x, const char *value)
{
    size_t n = 0;
    for (size_t i = 0; i < x->t->n_rows; i++)
        n += !x->t->rows[i].e->topic && find_value(cell(&x->t->rows[i], x->kind_col), value);
    return n;
}

/* Returns whether it wrote a bullet. */
static int bullet_kind(const struct ctx *x, struct summary *s)
{
    if (x->kind_col < 0)
        return 0;
    const struct template_column *kc = &x->tpl->columns[x->kind_col];
    size_t best = 0, tied = 0;
    for (size_t k = 0; k < kc->n_keywords; k++) {
        size_t n = kind_count(x, kc->keywords[k].value);
        if (n > best) {
            best = n;
            tied = 1;
        } else if (n == best && n) {
            tied++;
        }
    }
    if (!best)
        return 0;
    struct summary_item *it = new_item(s);
    struct buf b = BUF_INIT;
    const char *counter = word(x, "counter");
    size_t n_shares = 0;
    if (tied > 1) {   /* a tie is a tie: every value with the top count, none "most" */
        put_label(x, x->kind_col, &b);
        put_topic_particle(&b);
        buf_puts(&b, " 동수로 갈렸다 — ");
        size_t shown = 0;
        for (size_t k = 0; k < kc->n_keywords; k++) {
            if (kind_count(x, kc->keywords[k].value) != best)
                continue;
            buf_printf(&b, "%s%s %zu%s(", shown++ ? ", " : "",
                       template_value_label(x->tpl, kc->keywords[k].value), best, counter);
            put_kind_members(x, kc->keywords[k].value, it, &b, &n_shares);
            buf_puts(&b, ")");
        }
        buf_puts(&b, ".");
    } else {
        const char *value = NULL;
        for (size_t k = 0; k < kc->n_keywords && !value; k++)
            if (kind_count(x, kc->keywords[k].value) == best)
                value = kc->keywords[k].value;
        buf_printf(&b, "%s ", template_value_label(x->tpl, value));
        put_label(x, x->kind_col, &b);
        buf_printf(&b, " %zu%s — ", best, counter);
        put_kind_members(x, value, it, &b, &n_shares);
        buf_puts(&b, ".");
    }
    if (n_shares)
        put_share_legend(x, &b);
    struct buf rest = BUF_INIT;
    size_t others = 0;
    for (size_t i = 0; i < x->t->n_rows; i++) {
        const struct table_row *r = &x->t->rows[i];
        if (!r->e->topic && !cell(r, x->kind_col))
            buf_printf(&rest, "%s%s", others++ ? ", " : "", r->e->name);
    }
    if (others) {
        buf_puts(&b, " ");
        put_label(x, x->kind_col, &b);
        buf_printf(&b, " %s: %s.", word(x, "missing"), rest.data);
    }
    buf_free(&rest);
    it->text = buf_detach(&b);
    return 1;
}

/* Without a kind bullet, the shares stand alone: "활성 파라미터 비율: A 6.6%(33B/500B), …". */
static void bullet_shares(const struct ctx *x, struct summary *s)
{
    if (x->part_col < 0 || x->whole_col < 0)
        return;
    struct summary_item *it = NULL;
    struct buf b = BUF_INIT;
    size_t n = 0;
    for (size_t i = 0; i < x->t->n_rows; i++) {
        const struct table_row *r = &x->t->rows[i];
        struct decimal part, whole;
        if (r->e->topic || cell_number(r, x->part_col, &part) != 0 ||
            cell_number(r, x->whole_col, &whole) != 0 || decimal_is_zero(&whole))
            continue;
        if (!it) {
            it = new_item(s);
            put_label(x, x->part_col, &b);
            buf_puts(&b, "/");
            put_label(x, x->whole_col, &b);
            buf_puts(&b, ": ");
        }
        buf_printf(&b, "%s%s ", n++ ? ", " : "", r->e->name);
        put_share(&b, &part, &whole);
        cite_value(it, &r->cells[x->part_col].values[0]);
        cite_value(it, &r->cells[x->whole_col].values[0]);
    }
    if (it) {
        buf_puts(&b, ".");
        it->text = buf_detach(&b);
    }
}

/* ---- 3. Budget and target ---- */

static enum quantity_qualifier qualifier_of(const struct ctx *x, size_t entity, long col,
                                            const char *value)
{
    if (entity >= x->t->n_rows || col < 0)
        return QUAL_NONE;
    const struct table_cell *c = &x->t->rows[entity].cells[col];
    for (size_t k = 0; k < c->n_values; k++)
        if (!strcmp(c->values[k].value, value))
            return c->values[k].qualifier;
    return QUAL_NONE;
}

/* The budget items the topic entity reports, each with its label, and their exact sum. */
static void put_budget(const struct ctx *x, const struct table_row *r, struct summary_item *it,
                       struct buf *b)
{
    const struct template_words *w = &x->tpl->layout.summary.budget;
    struct decimal sum = DECIMAL_ZERO;
    int exact = 1;
    size_t n = 0;
    long first = -1;
    for (size_t i = 0; i < w->count; i++) {
        long c = template_column_index(x->tpl, w->items[i]);
        const struct table_cell *ce = cell(r, c);
        if (!ce)
            continue;
        struct decimal v;
        if (cell_number(r, c, &v) != 0 || decimal_add(&sum, &v, &sum) != 0)
            exact = 0;
        buf_printf(b, n++ ? ", " : "%s: ", word(x, "budget"));
        put_label(x, c, b);
        buf_putc(b, ' ');
        put_value(x, c, ce->text, b);
        cite_value(it, &ce->values[0]);
        first = first < 0 ? c : first;
    }
    if (n >= 2 && exact) {
        char total[64];
        decimal_format(&sum, total, sizeof total);
        buf_puts(b, " — 합계 ");
        put_value(x, first, total, b);
    }
}

static void bullet_budget(const struct ctx *x, struct summary *s)
{
    const struct table_row *r = x->topic;
    const struct template_summary *sm = &x->tpl->layout.summary;
    if (!r)
        return;
    struct summary_item *it = new_item(s);
    struct buf b = BUF_INIT;
    put_budget(x, r, it, &b);
    for (size_t i = 0; i < sm->targets.count; i++) {
        long c = template_column_index(x->tpl, sm->targets.items[i]);
        const struct table_cell *ce = cell(r, c);
        if (!ce)
            continue;
        buf_puts(&b, b.len ? ". " : "");
        put_label(x, c, &b);
        buf_putc(&b, ' ');
        put_value(x, c, ce->text, &b);
        const char *q = qualifier_ko(qualifier_of(x, r->entity, c, ce->text));
        if (*q && strcmp(q, "약"))
            buf_printf(&b, " %s", q);
        cite_value(it, &ce->values[0]);
    }
    if (!b.len) {   /* a rule with no data stays silent */
        s->count--;
        buf_free(&b);
        return;
    }
    buf_puts(&b, ".");
    it->text = buf_detach(&b);
}

/* ---- 4. Milestones ---- */

struct milestone {
    const char *date;            /* the cell value; a range compares by its start */
    long col;
    const struct table_value *v;
};

static int milestone_cmp(const void *a, const void *b)
{
    const struct milestone *x = a, *y = b;
    int c = strcmp(x->date, y->date);
    return c ? c : (x->col > y->col) - (x->col < y->col);
}

/* Whether the date (or the start of the range) is after day: "2027" is after "2025-12-30",
 * "2025" is not. */
static int date_after(const char *date, const char *day)
{
    size_t n = strcspn(date, ".");
    size_t dn = strlen(day);
    int c = strncmp(date, day, n < dn ? n : dn);
    return c > 0;
}

static void bullet_milestones(const struct ctx *x, const char *today, struct summary *s)
{
    const struct table_row *r = x->topic;
    const struct template_words *w = &x->tpl->layout.summary.milestones;
    if (!r)
        return;
    struct milestone ms[32];
    size_t n = 0;
    for (size_t i = 0; i < w->count && n < 32; i++) {
        long c = template_column_index(x->tpl, w->items[i]);
        const struct table_cell *ce = cell(r, c);
        if (ce)
            ms[n++] = (struct milestone){ ce->text, c, &ce->values[0] };
    }
    if (!n)
        return;
    qsort(ms, n, sizeof *ms, milestone_cmp);
    struct summary_item *it = new_item(s);
    struct buf b = BUF_INIT, past = BUF_INIT;
    size_t next = 0, done = 0;
    for (size_t i = 0; i < n; i++) {
        struct buf *to = (!*today || date_after(ms[i].date, today)) ? &b : &past;
        if (to == &b) {
            buf_puts(&b, next == 0 ? "다음 일정: " : next == 1 ? ", 이어 " : ", ");
            next++;
        } else {
            buf_puts(&past, done++ ? ", " : "");
        }
        put_label(x, ms[i].col, to);
        buf_putc(to, '(');
        summary_format_date(ms[i].date, to);
        buf_putc(to, ')');
        cite_value(it, ms[i].v);
    }
    buf_puts(&b, next ? "." : "남은 일정은 보도되지 않았다.");
    if (done)
        buf_printf(&b, " 기간 중 진행: %s.", past.data);
    buf_free(&past);
    it->text = buf_detach(&b);
}

/* ---- 5. Conflicts ---- */

/* A disagreeing cell's values with their article counts, the table's choice first. */
static void put_conflict_values(const struct ctx *x, long col, const struct table_cell *ce,
                                struct summary_item *it, struct buf *b)
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
        buf_puts(b, first ? "" : word(x, "vs"));
        put_value(x, col, v->value, b);
        char c1[32];
        buf_printf(b, "(%s건%s)", summary_count(v->n_articles, c1), first && ce->tie ? ", 동수" : "");
        cite_value(it, v);
        first = 0;
    }
    if (left)
        buf_printf(b, " … 외 %zu개", left);
}

static void bullet_conflicts(const struct ctx *x, struct summary *s)
{
    struct summary_item *it = NULL;
    struct buf b = BUF_INIT;
    size_t n = 0;
    int majority_only = 1;
    for (size_t i = 0; i < x->t->n_rows; i++) {
        const struct table_row *r = &x->t->rows[i];
        for (size_t c = 0; c < x->tpl->n_columns; c++) {
            if (!r->cells[c].conflict)
                continue;
            majority_only &= r->cells[c].rule == TEMPLATE_MERGE_MAJORITY;
            if (!it) {
                it = new_item(s);
                buf_puts(&b, "출처 간 엇갈린 수치(괄호 안은 기사 수): ");
            }
            buf_puts(&b, n++ ? "; " : "");
            const char *topic = word(x, "topic");
            buf_printf(&b, "%s ", r->e->topic && *topic ? topic : r->e->name);
            put_label(x, (long)c, &b);
            buf_putc(&b, ' ');
            put_conflict_values(x, (long)c, &r->cells[c], it, &b);
        }
    }
    if (!it)
        return;
    if (majority_only)
        buf_puts(&b, " — 표에는 더 많은 기사가 보도한 값을 썼다(동수면 사실이 더 많은 값, 그다음 큰 "
                     "값).");
    else
        buf_puts(&b, " — 표에는 열마다 정한 규칙(다수 보도, 최신 보도 또는 최댓값)으로 고른 값을 "
                     "썼다.");
    it->text = buf_detach(&b);
}

/* ---- 6. Breadth ---- */

/* The rows with the largest count (of partners or of mentions), all of them on a tie. */
static size_t most_rows(const struct ctx *x, int partners, const struct table_row **out)
{
    size_t best = 0, n = 0;
    for (size_t i = 0; i < x->t->n_rows; i++) {
        const struct table_row *r = &x->t->rows[i];
        if (r->e->topic)
            continue;
        const struct table_cell *c = partners ? cell(r, x->partners_col) : NULL;
        size_t k = partners ? (c ? c->n_values : 0) : r->n_mentions;
        if (!k || k < best)
            continue;
        if (k > best) {
            best = k;
            n = 0;
        }
        out[n++] = r;
    }
    return n;
}

static void bullet_breadth(const struct ctx *x, struct summary *s)
{
    const struct table_row **p = xcalloc(x->t->n_rows + 1, sizeof *p);
    const struct table_row **m = xcalloc(x->t->n_rows + 1, sizeof *m);
    size_t np = x->partners_col >= 0 ? most_rows(x, 1, p) : 0, nm = most_rows(x, 0, m);
    if (np || nm) {
        struct summary_item *it = new_item(s);
        struct buf b = BUF_INIT;
        const char *counter = word(x, "counter");
        if (np == 1) {
            const struct table_cell *c = &p[0]->cells[x->partners_col];
            buf_printf(&b, "%s 최다는 %s(%zu%s: ", x->tpl->columns[x->partners_col].label,
                       p[0]->e->name, c->n_values, counter);
            for (size_t k = 0; k < c->n_values && k < 3; k++) {
                buf_printf(&b, "%s%s", k ? ", " : "", c->values[k].value);
                cite_value(it, &c->values[k]);
            }
            buf_puts(&b, c->n_values > 3 ? " 등)" : ")");
        } else if (np > 1) {
            buf_printf(&b, "%s 공동 최다: ", x->tpl->columns[x->partners_col].label);
            for (size_t k = 0; k < np; k++) {
                buf_printf(&b, "%s%s", k ? ", " : "", p[k]->e->name);
                cite_value(it, &p[k]->cells[x->partners_col].values[0]);
            }
            buf_printf(&b, "(각 %zu%s)", p[0]->cells[x->partners_col].n_values, counter);
        }
        char c1[32];
        for (size_t k = 0; k < nm; k++)
            cite(it, m[k]->n_sources ? m[k]->sources[0] : NULL);
        if (nm == 1) {
            char c2[32];
            buf_printf(&b, "%s기사 언급 최다는 %s(%s문장, 기사 %s건)", b.len ? ", " : "",
                       m[0]->e->name, summary_count(m[0]->n_mentions, c1),
                       summary_count(m[0]->n_articles, c2));
        }
        else if (nm > 1) {
            buf_printf(&b, "%s기사 언급 공동 최다: ", b.len ? ", " : "");
            for (size_t k = 0; k < nm; k++)
                buf_printf(&b, "%s%s", k ? ", " : "", m[k]->e->name);
            buf_printf(&b, "(각 %s문장)", summary_count(m[0]->n_mentions, c1));
        }
        buf_puts(&b, ".");
        it->text = buf_detach(&b);
    }
    free(p);
    free(m);
}

/* ---- 7. Other figures ---- */

static void bullet_other_figures(const struct ctx *x, struct summary *s)
{
    const struct template_words *tc = &x->tpl->layout.table_columns;
    struct summary_item *it = NULL;
    struct buf b = BUF_INIT;
    for (size_t i = 0; i < tc->count; i++) {
        long col = template_column_index(x->tpl, tc->items[i]);
        if (col < 0 || x->tpl->columns[col].type != TEMPLATE_COL_QUANTITY ||
            col == x->largest_col || col == x->part_col || col == x->whole_col)
            continue;
        struct ranked_row *v;
        size_t n = rank_rows(x, col, &v);
        if (n) {
            it = it ? it : new_item(s);
            buf_puts(&b, b.len ? "; " : "");
            put_label(x, col, &b);
            size_t top = tied_from(v, n, 0);
            buf_puts(&b, n == 1 ? ": " : top > 1 ? " 공동 최대: " : " 최대는 ");
            char note[64];
            snprintf(note, sizeof note, "보도된 %zu%s 중", n, word(x, "counter"));
            put_group_note(x, col, v, n == 1 ? 1 : top, 0, n > 1 ? note : NULL, it, &b);
            if (n == 1)
                buf_puts(&b, "만 보도");
        }
        free(v);
    }
    if (it) {
        buf_puts(&b, ".");
        it->text = buf_detach(&b);
    }
}

#define SUMMARY_MAX_BULLETS 6

void summary_bullets(const struct table *t, const struct fact_list *facts, const char *today,
                     struct summary *out)
{
    struct ctx x;
    ctx_init(&x, t, facts);
    size_t start = out->count;
    bullet_largest(&x, out);
    if (!bullet_kind(&x, out))
        bullet_shares(&x, out);
    bullet_budget(&x, out);
    bullet_milestones(&x, today ? today : "", out);
    bullet_conflicts(&x, out);
    bullet_other_figures(&x, out);
    bullet_breadth(&x, out);
    /* at most six: the later rules give way */
    while (out->count - start > SUMMARY_MAX_BULLETS) {
        out->count--;
        free(out->items[out->count].text);
    }
}

/* ---- Key sentences ---- */

void summary_key_sentences(const struct quotes *q, size_t entity, size_t max,
                           struct summary *out)
{
    size_t n = 0, taken = 0;
    const struct quote *best = quotes_of(q, entity, &n);
    for (size_t i = 0; i < n && taken < max; i++) {
        size_t len = strlen(best[i].sentence);
        if (!sentence_complete(best[i].sentence, len))
            continue;   /* a crawl sub-heading glued to the text is no sentence to quote */
        struct summary_item *it = new_item(out);
        /* inner quotation marks single, and balanced, for printing inside “ ” */
        struct buf text = BUF_INIT;
        sentence_quote_prepare(best[i].sentence, strlen(best[i].sentence), &text);
        it->text = buf_detach(&text);
        it->sentence_no = best[i].sentence_no;
        cite(it, best[i].article_id);
        taken++;
    }
}

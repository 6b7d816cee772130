/* summary.c — see summary.h for the rules. */
#include "report/summary.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/decimal.h"

/* ---- Decimals ----
 * Cell values are exact decimal strings ("500", "10.2", "157.6"). Sums and comparisons are
 * done on them in millionths, exactly; only the active/total share, a ratio printed to one
 * decimal place, uses floating point. */

#define MICRO 1000000LL

/* "157.6" → 157600000. 0 when s is not a plain non-negative decimal that fits. */
static int dec_parse(const char *s, long long *out)
{
    long long ip = 0, frac = 0, fscale = MICRO;
    const char *p = s;
    if (!s || !*s)
        return 0;
    for (; *p >= '0' && *p <= '9'; p++) {
        if (ip > (INT64_MAX / MICRO) / 10 - 10)
            return 0;
        ip = ip * 10 + (*p - '0');
    }
    if (p == s)
        return 0;
    if (*p == '.') {
        p++;
        if (!(*p >= '0' && *p <= '9'))
            return 0;
        for (; *p >= '0' && *p <= '9'; p++)
            if (fscale > 1) {
                fscale /= 10;
                frac += (*p - '0') * fscale;
            }
    }
    if (*p)
        return 0;
    *out = ip * MICRO + frac;
    return 1;
}

/* Appends v/1e6 with thousands separators when grouped, trailing zeros dropped. */
static void dec_put(struct buf *b, long long v, int grouped)
{
    long long ip = v / MICRO, frac = v % MICRO;
    char digits[32];
    int n = snprintf(digits, sizeof digits, "%lld", ip);
    for (int i = 0; i < n; i++) {
        if (grouped && i && (n - i) % 3 == 0)
            buf_putc(b, ',');
        buf_putc(b, digits[i]);
    }
    if (frac) {
        char f[8];
        snprintf(f, sizeof f, "%06lld", frac);
        size_t k = strlen(f);
        while (k && f[k - 1] == '0')
            f[--k] = '\0';
        buf_printf(b, ".%s", f);
    }
}

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
    long size_col, part_col, kind_col, models_col, partners_col;
    const struct table_row *topic;
};

static const struct table_cell *cell(const struct table_row *r, long col)
{
    if (!r || col < 0)
        return NULL;
    const struct table_cell *c = &r->cells[col];
    return c->text && *c->text ? c : NULL;
}

static long quantity_column(const struct template *tpl, const char *id)
{
    long c = template_column_index(tpl, id);
    return c >= 0 && tpl->columns[c].type == TEMPLATE_COL_QUANTITY ? c : -1;
}

static void ctx_init(struct ctx *x, const struct table *t, const struct fact_list *facts)
{
    const struct template *tpl = t->tpl;
    memset(x, 0, sizeof *x);
    x->t = t;
    x->tpl = tpl;
    x->facts = facts;
    x->size_col = x->part_col = x->kind_col = x->models_col = x->partners_col = -1;
    const struct template_words *cc = &tpl->layout.chart_columns;
    if (cc->count > 0)
        x->size_col = quantity_column(tpl, cc->items[0]);
    if (cc->count > 1)
        x->part_col = quantity_column(tpl, cc->items[1]);
    const struct template_words *tc = &tpl->layout.table_columns;
    for (size_t i = 0; i < tc->count && x->kind_col < 0; i++) {
        long c = template_column_index(tpl, tc->items[i]);
        if (c >= 0 && tpl->columns[c].type == TEMPLATE_COL_KEYWORDS)
            x->kind_col = c;
    }
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
    else
        summary_format_value(value, c->unit_label, b);
}

static void put_label(const struct ctx *x, long col, struct buf *b)
{
    summary_short_label(x->tpl->columns[col].label, b);
}

static int value_cmp(const char *a, const char *b)
{
    long long x = 0, y = 0;
    dec_parse(a, &x);
    dec_parse(b, &y);
    return x < y ? -1 : x > y;
}

/* ---- 1. Largest ---- */

static void bullet_largest(const struct ctx *x, struct summary *s)
{
    if (x->size_col < 0)
        return;
    const struct table_row *best = NULL, *second = NULL;
    for (size_t i = 0; i < x->t->n_rows; i++) {
        const struct table_row *r = &x->t->rows[i];
        const struct table_cell *c = cell(r, x->size_col);
        if (r->e->topic || !c || !c->is_number)
            continue;
        if (!best || value_cmp(c->text, best->cells[x->size_col].text) > 0) {
            second = best;
            best = r;
        } else if (!second || value_cmp(c->text, second->cells[x->size_col].text) > 0) {
            second = r;
        }
    }
    if (!best)
        return;
    struct summary_item *it = new_item(s);
    struct buf b = BUF_INIT;
    const struct table_cell *c = &best->cells[x->size_col];
    put_label(x, x->size_col, &b);
    buf_puts(&b, " 최대는 ");
    put_entity_model(x, best, &b);
    buf_puts(&b, "(");
    put_value(x, x->size_col, c->text, &b);
    buf_puts(&b, ")");
    cite_value(it, &c->values[0]);
    if (c->n_values > 1) {
        buf_puts(&b, " — ");
        for (size_t k = 1; k < c->n_values; k++) {
            buf_puts(&b, k > 1 ? ", " : "");
            put_value(x, x->size_col, c->values[k].value, &b);
            cite_value(it, &c->values[k]);
        }
        size_t others = 0;   /* articles giving another value (one article may give two) */
        for (size_t k = 1; k < c->n_values; k++)
            others += c->values[k].n_articles;
        buf_printf(&b, "로 적은 보도도 %zu건", others);
    }
    if (second) {
        const struct table_cell *c2 = &second->cells[x->size_col];
        buf_puts(&b, ", 다음은 ");
        put_entity_model(x, second, &b);
        buf_puts(&b, "(");
        put_value(x, x->size_col, c2->text, &b);
        buf_puts(&b, ")");
        cite_value(it, &c2->values[0]);
    }
    size_t missing = 0;
    struct buf who = BUF_INIT;
    for (size_t i = 0; i < x->t->n_rows; i++) {
        const struct table_row *r = &x->t->rows[i];
        if (!r->e->topic && !cell(r, x->size_col)) {
            buf_printf(&who, "%s%s", missing++ ? ", " : "", r->e->name);
        }
    }
    if (missing)
        buf_printf(&b, ". %s: 미공개", who.data);
    buf_free(&who);
    buf_puts(&b, ".");
    it->text = buf_detach(&b);
}

/* ---- 2. Kind and part/size share ---- */

static const struct table_value *find_value(const struct table_cell *c, const char *v)
{
    for (size_t k = 0; c && k < c->n_values; k++)
        if (!strcmp(c->values[k].value, v))
            return &c->values[k];
    return NULL;
}

static void put_share(struct buf *b, const char *part, const char *size)
{
    long long p, t;
    if (!dec_parse(part, &p) || !dec_parse(size, &t) || t == 0)
        return;
    /* one decimal place, rounded half up, computed in integers */
    long long tenths = (p * 1000 + t / 2) / t;
    buf_printf(b, "%lld", tenths / 10);
    if (tenths % 10)
        buf_printf(b, ".%lld", tenths % 10);
    buf_puts(b, "%");
}

static void bullet_kind(const struct ctx *x, struct summary *s)
{
    if (x->kind_col < 0)
        return;
    const struct template_column *kc = &x->tpl->columns[x->kind_col];
    /* the keyword most entities share; ties: template order */
    size_t best_n = 0;
    const char *best = NULL;
    for (size_t k = 0; k < kc->n_keywords; k++) {
        size_t n = 0;
        for (size_t i = 0; i < x->t->n_rows; i++)
            if (!x->t->rows[i].e->topic &&
                find_value(cell(&x->t->rows[i], x->kind_col), kc->keywords[k].value))
                n++;
        if (n > best_n) {
            best_n = n;
            best = kc->keywords[k].value;
        }
    }
    if (!best)
        return;
    struct summary_item *it = new_item(s);
    struct buf b = BUF_INIT, list = BUF_INIT, rest = BUF_INIT;
    size_t n = 0, others = 0;
    int shares = x->size_col >= 0 && x->part_col >= 0;
    for (size_t i = 0; i < x->t->n_rows; i++) {
        const struct table_row *r = &x->t->rows[i];
        if (r->e->topic)
            continue;
        const struct table_value *v = find_value(cell(r, x->kind_col), best);
        if (!v) {
            buf_printf(&rest, "%s%s", others++ ? ", " : "", r->e->name);
            continue;
        }
        buf_printf(&list, "%s%s", n++ ? ", " : "", r->e->name);
        const struct table_cell *sz = cell(r, x->size_col), *pt = cell(r, x->part_col);
        if (shares) {
            buf_puts(&list, "(");
            if (sz && pt && sz->is_number && pt->is_number) {
                put_share(&list, pt->text, sz->text);
                buf_puts(&list, " = ");
                put_value(x, x->part_col, pt->text, &list);
                buf_puts(&list, "/");
                put_value(x, x->size_col, sz->text, &list);
                cite_value(it, &pt->values[0]);
            } else {
                put_label(x, x->part_col, &list);
                buf_puts(&list, " 미공개");
            }
            buf_puts(&list, ")");
        }
        cite_value(it, v);
    }
    buf_printf(&b, "%s ", best);
    put_label(x, x->kind_col, &b);
    buf_printf(&b, " %zu곳 — %s.", n, list.data);
    if (shares) {
        buf_puts(&b, " 괄호 안은 ");
        put_label(x, x->part_col, &b);
        buf_puts(&b, " 비율(");
        put_label(x, x->part_col, &b);
        buf_puts(&b, "/");
        put_label(x, x->size_col, &b);
        buf_puts(&b, ").");
    }
    if (others) {
        buf_puts(&b, " ");
        put_label(x, x->kind_col, &b);
        buf_printf(&b, " 미공개: %s.", rest.data);
    }
    buf_free(&list);
    buf_free(&rest);
    it->text = buf_detach(&b);
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

static void bullet_budget(const struct ctx *x, struct summary *s)
{
    const struct table_row *r = x->topic;
    if (!r)
        return;
    const struct template *tpl = x->tpl;
    /* the unit shared by the most filled quantity columns: the budget items */
    const char *unit = NULL;
    size_t unit_n = 0;
    for (size_t c = 0; c < tpl->n_columns; c++) {
        if (tpl->columns[c].type != TEMPLATE_COL_QUANTITY || !cell(r, (long)c))
            continue;
        size_t n = 0;
        for (size_t k = 0; k < tpl->n_columns; k++)
            n += tpl->columns[k].type == TEMPLATE_COL_QUANTITY && cell(r, (long)k) &&
                 !strcmp(tpl->columns[k].unit_label, tpl->columns[c].unit_label);
        if (n > unit_n) {
            unit_n = n;
            unit = tpl->columns[c].unit_label;
        }
    }
    if (!unit)
        return;
    struct summary_item *it = new_item(s);
    struct buf b = BUF_INIT;
    if (unit_n >= 2) {
        long long sum = 0;
        int exact = 1;
        size_t n = 0;
        buf_puts(&b, "사업 예산: ");
        for (size_t c = 0; c < tpl->n_columns; c++) {
            const struct table_cell *ce = cell(r, (long)c);
            if (tpl->columns[c].type != TEMPLATE_COL_QUANTITY || !ce ||
                strcmp(tpl->columns[c].unit_label, unit))
                continue;
            long long v;
            if (ce->is_number && dec_parse(ce->text, &v))
                sum += v;
            else
                exact = 0;
            buf_puts(&b, n++ ? ", " : "");
            put_label(x, (long)c, &b);
            buf_putc(&b, ' ');
            put_value(x, (long)c, ce->text, &b);
            cite_value(it, &ce->values[0]);
        }
        if (exact) {
            struct buf total = BUF_INIT;
            dec_put(&total, sum, 0);
            buf_puts(&b, " — 합계 ");
            summary_format_value(total.data, unit, &b);
            buf_free(&total);
        }
    }
    /* other units: targets ("성능 목표 95% 이상"), and a lone budget figure */
    for (size_t c = 0; c < tpl->n_columns; c++) {
        const struct table_cell *ce = cell(r, (long)c);
        if (tpl->columns[c].type != TEMPLATE_COL_QUANTITY || !ce ||
            (unit_n >= 2 && !strcmp(tpl->columns[c].unit_label, unit)))
            continue;
        buf_puts(&b, b.len ? ". " : "");
        put_label(x, (long)c, &b);
        buf_putc(&b, ' ');
        put_value(x, (long)c, ce->text, &b);
        const char *q = qualifier_ko(qualifier_of(x, r->entity, (long)c, ce->text));
        if (*q && strcmp(q, "약"))
            buf_printf(&b, " %s", q);
        cite_value(it, &ce->values[0]);
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
    if (!r)
        return;
    struct milestone ms[32];
    size_t n = 0;
    for (size_t c = 0; c < x->tpl->n_columns && n < 32; c++) {
        const struct table_cell *ce = cell(r, (long)c);
        if (x->tpl->columns[c].type == TEMPLATE_COL_DATE && ce)
            ms[n++] = (struct milestone){ ce->text, (long)c, &ce->values[0] };
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
    for (size_t k = 0; k < ce->n_values; k++) {
        const struct table_value *v = &ce->values[k];
        if (!v->conflicting)
            continue;
        buf_puts(b, first ? "" : " vs ");
        put_value(x, col, v->value, b);
        buf_printf(b, "(%zu건)", v->n_articles);
        cite_value(it, v);
        first = 0;
    }
}

static void bullet_conflicts(const struct ctx *x, struct summary *s)
{
    struct summary_item *it = NULL;
    struct buf b = BUF_INIT;
    size_t n = 0;
    for (size_t i = 0; i < x->t->n_rows; i++) {
        const struct table_row *r = &x->t->rows[i];
        for (size_t c = 0; c < x->tpl->n_columns; c++) {
            if (!r->cells[c].conflict)
                continue;
            if (!it) {
                it = new_item(s);
                buf_puts(&b, "출처 간 엇갈린 수치(괄호 안은 기사 수): ");
            }
            buf_puts(&b, n++ ? "; " : "");
            buf_printf(&b, "%s ", r->e->topic ? "사업" : r->e->name);
            put_label(x, (long)c, &b);
            buf_putc(&b, ' ');
            put_conflict_values(x, (long)c, &r->cells[c], it, &b);
        }
    }
    if (!it)
        return;
    buf_puts(&b, " — 표에는 더 많은 기사가 보도한 값을 썼다.");
    it->text = buf_detach(&b);
}

/* ---- 6. Breadth ---- */

static void bullet_breadth(const struct ctx *x, struct summary *s)
{
    const struct table_row *most_p = NULL, *most_m = NULL;
    for (size_t i = 0; i < x->t->n_rows; i++) {
        const struct table_row *r = &x->t->rows[i];
        if (r->e->topic)
            continue;
        const struct table_cell *c = cell(r, x->partners_col);
        if (c && (!most_p || c->n_values > most_p->cells[x->partners_col].n_values))
            most_p = r;
        if (r->n_mentions && (!most_m || r->n_mentions > most_m->n_mentions))
            most_m = r;
    }
    if (!most_p && !most_m)
        return;
    struct summary_item *it = new_item(s);
    struct buf b = BUF_INIT;
    if (most_p) {
        const struct table_cell *c = &most_p->cells[x->partners_col];
        buf_printf(&b, "%s 최다는 %s(%zu곳: ", x->tpl->columns[x->partners_col].label,
                   most_p->e->name, c->n_values);
        for (size_t k = 0; k < c->n_values && k < 3; k++) {
            buf_printf(&b, "%s%s", k ? ", " : "", c->values[k].value);
            cite_value(it, &c->values[k]);
        }
        buf_puts(&b, c->n_values > 3 ? " 등)" : ")");
    }
    if (most_m)
        buf_printf(&b, "%s기사 언급이 가장 많은 곳은 %s(%zu문장, 기사 %zu건)", b.len ? ", " : "",
                   most_m->e->name, most_m->n_mentions, most_m->n_articles);
    buf_puts(&b, ".");
    it->text = buf_detach(&b);
}

/* ---- 7. Other figures ---- */

static void bullet_other_figures(const struct ctx *x, struct summary *s)
{
    const struct template_words *tc = &x->tpl->layout.table_columns;
    struct summary_item *it = NULL;
    struct buf b = BUF_INIT;
    for (size_t i = 0; i < tc->count; i++) {
        long col = quantity_column(x->tpl, tc->items[i]);
        if (col < 0 || col == x->size_col || col == x->part_col)
            continue;
        const struct table_row *best = NULL;
        size_t reported = 0;
        for (size_t r = 0; r < x->t->n_rows; r++) {
            const struct table_row *row = &x->t->rows[r];
            const struct table_cell *c = cell(row, col);
            if (row->e->topic || !c || !c->is_number)
                continue;
            reported++;
            if (!best || value_cmp(c->text, best->cells[col].text) > 0)
                best = row;
        }
        if (!best)
            continue;
        if (!it)
            it = new_item(s);
        buf_puts(&b, b.len ? "; " : "");
        put_label(x, col, &b);
        buf_printf(&b, " 최대는 %s(", best->e->name);
        put_value(x, col, best->cells[col].text, &b);
        buf_printf(&b, ", 보도된 %zu곳 중)", reported);
        cite_value(it, &best->cells[col].values[0]);
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
    bullet_kind(&x, out);
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
    size_t n = 0;
    const struct quote *best = quotes_of(q, entity, &n);
    for (size_t i = 0; i < n && i < max; i++) {
        struct summary_item *it = new_item(out);
        it->text = xstrdup(best[i].sentence);
        it->sentence_no = best[i].sentence_no;
        cite(it, best[i].article_id);
    }
}

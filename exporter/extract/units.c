/* units.c — see units.h. The built-in table is data: adding a unit is one line below. */
#include "extract/units.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/utf8.h"

#define DEC(m, s) { (unsigned __int128)(m), (s), 0 }
#define ONE DEC(1, 0)
#define E3 DEC(1000u, 0)
#define E6 DEC(1000000u, 0)
#define E9 DEC(1000000000u, 0)
#define E12 DEC(1000000000000ull, 0)
#define E15 DEC(1000000000000000ull, 0)
#define MILLI DEC(1, 3)
#define CENTI DEC(1, 2)
#define SP(text, unit, factor, flags) { text, sizeof(text) - 1, unit, factor, flags }

struct unit_def {
    const char *name;
    enum unit_dimension dim;
};

static const struct unit_def builtin_units[] = {
    { "", UNIT_DIM_NONE },
    { "KRW", UNIT_DIM_MONEY }, { "USD", UNIT_DIM_MONEY }, { "EUR", UNIT_DIM_MONEY },
    { "JPY", UNIT_DIM_MONEY }, { "CNY", UNIT_DIM_MONEY }, { "GBP", UNIT_DIM_MONEY },
    { "count", UNIT_DIM_COUNT }, { "people", UNIT_DIM_COUNT }, { "places", UNIT_DIM_COUNT },
    { "cases", UNIT_DIM_COUNT }, { "sheets", UNIT_DIM_COUNT }, { "units", UNIT_DIM_COUNT },
    { "times", UNIT_DIM_COUNT }, { "kinds", UNIT_DIM_COUNT }, { "households", UNIT_DIM_COUNT },
    { "shares", UNIT_DIM_COUNT }, { "buildings", UNIT_DIM_COUNT }, { "vessels", UNIT_DIM_COUNT },
    { "animals", UNIT_DIM_COUNT }, { "votes", UNIT_DIM_COUNT }, { "seats", UNIT_DIM_COUNT },
    { "wins", UNIT_DIM_COUNT }, { "draws", UNIT_DIM_COUNT }, { "losses", UNIT_DIM_COUNT },
    { "goals", UNIT_DIM_COUNT }, { "rank", UNIT_DIM_COUNT },
    { "percent", UNIT_DIM_RATIO }, { "percent_point", UNIT_DIM_RATIO }, { "multiple", UNIT_DIM_RATIO },
    { "fraction", UNIT_DIM_RATIO },
    { "score", UNIT_DIM_SCORE }, { "points", UNIT_DIM_SCORE },
    { "Wh", UNIT_DIM_ENERGY }, { "W", UNIT_DIM_POWER }, { "kg", UNIT_DIM_MASS },
    { "L", UNIT_DIM_VOLUME }, { "m", UNIT_DIM_LENGTH }, { "m2", UNIT_DIM_AREA },
    { "hours", UNIT_DIM_DURATION }, { "months", UNIT_DIM_DURATION }, { "years", UNIT_DIM_DURATION },
    { "days", UNIT_DIM_DURATION }, { "weeks", UNIT_DIM_DURATION }, { "minutes", UNIT_DIM_DURATION },
    { "seconds", UNIT_DIM_DURATION },
    { "bytes", UNIT_DIM_DATA }, { "tokens", UNIT_DIM_TOKENS },
    { "m/s", UNIT_DIM_SPEED }, { "m/h", UNIT_DIM_SPEED }, { "celsius", UNIT_DIM_TEMPERATURE },
};

enum {
    CTR = UNIT_COUNTER, DAE = UNIT_DAE, RDAE = UNIT_RANGE_DAE, GAE = UNIT_GAE, PRE = UNIT_PREFIX,
    GLUED = UNIT_GLUED, SHARES = UNIT_SHARES,
};

/* Durations are only the spellings that cannot be a date or a time of day: 6개월, 3시간,
 * 5년간, 10일간, 2주간, 30분간, 20초간 (2026년, 3일, 4주, 10분, 2시 stay dates and times). */
static const struct unit_spelling builtin_spellings[] = {
    /* ratio */
    SP("%p", "percent_point", ONE, 0), SP("%P", "percent_point", ONE, 0),
    SP("%포인트", "percent_point", ONE, 0), SP("퍼센트포인트", "percent_point", ONE, 0),
    SP("bp", "percent_point", CENTI, GLUED), SP("베이시스포인트", "percent_point", CENTI, 0),
    SP("%", "percent", ONE, RDAE), SP("\xEF\xBC\x85", "percent", ONE, RDAE),
    SP("퍼센트", "percent", ONE, RDAE), SP("프로", "percent", ONE, 0),
    SP("배", "multiple", ONE, CTR),
    /* counts */
    SP("개", "count", ONE, CTR | GAE), SP("명", "people", ONE, CTR), SP("사람", "people", ONE, CTR),
    SP("건", "cases", ONE, CTR), SP("장", "sheets", ONE, CTR), SP("대", "units", ONE, CTR | DAE),
    SP("번", "times", ONE, CTR), SP("차례", "times", ONE, CTR), SP("곳", "places", ONE, CTR),
    SP("종", "kinds", ONE, CTR), SP("가지", "kinds", ONE, CTR), SP("가구", "households", ONE, CTR),
    SP("주", "shares", ONE, SHARES), SP("채", "buildings", ONE, CTR), SP("척", "vessels", ONE, CTR), SP("마리", "animals", ONE, CTR),
    SP("표", "votes", ONE, CTR), SP("석", "seats", ONE, 0), SP("승", "wins", ONE, 0),
    SP("무", "draws", ONE, 0), SP("패", "losses", ONE, 0), SP("골", "goals", ONE, CTR),
    SP("위", "rank", ONE, 0),
    SP("점", "score", ONE, 0),
    /* an index's or a poll's points (코스피 25.3포인트, 2포인트 올라): what they measure is the
     * column's to say */
    SP("포인트", "points", ONE, 0),
    SP("토큰", "tokens", ONE, 0),
    /* money */
    SP("원", "KRW", ONE, RDAE),
    SP("KRW", "KRW", ONE, 0),
    SP("달러", "USD", ONE, RDAE), SP("불", "USD", ONE, GLUED),
    SP("USD", "USD", ONE, 0), SP("센트", "USD", CENTI, 0),
    SP("유로", "EUR", ONE, RDAE), SP("EUR", "EUR", ONE, 0),
    SP("엔", "JPY", ONE, RDAE), SP("JPY", "JPY", ONE, 0),
    SP("위안", "CNY", ONE, RDAE), SP("CNY", "CNY", ONE, 0),
    SP("RMB", "CNY", ONE, 0),
    SP("파운드", "GBP", ONE, RDAE), SP("GBP", "GBP", ONE, 0),
    /* energy and power */
    SP("Wh", "Wh", ONE, 0), SP("kWh", "Wh", E3, 0), SP("MWh", "Wh", E6, 0), SP("GWh", "Wh", E9, 0),
    SP("TWh", "Wh", E12, 0), SP("와트시", "Wh", ONE, 0), SP("킬로와트시", "Wh", E3, 0),
    SP("메가와트시", "Wh", E6, 0), SP("기가와트시", "Wh", E9, 0), SP("테라와트시", "Wh", E12, 0),
    SP("W", "W", ONE, GLUED), SP("kW", "W", E3, 0), SP("MW", "W", E6, 0), SP("GW", "W", E9, 0),
    SP("TW", "W", E12, 0), SP("와트", "W", ONE, 0), SP("킬로와트", "W", E3, 0),
    SP("메가와트", "W", E6, 0), SP("기가와트", "W", E9, 0), SP("테라와트", "W", E12, 0),
    /* mass */
    SP("kg", "kg", ONE, 0), SP("㎏", "kg", ONE, 0), SP("킬로그램", "kg", ONE, 0),
    SP("g", "kg", MILLI, GLUED), SP("그램", "kg", MILLI, 0), SP("mg", "kg", DEC(1, 6), 0),
    SP("밀리그램", "kg", DEC(1, 6), 0), SP("t", "kg", E3, GLUED), SP("톤", "kg", E3, CTR),
    /* volume */
    SP("L", "L", ONE, GLUED), SP("ℓ", "L", ONE, 0), SP("리터", "L", ONE, 0),
    SP("mL", "L", MILLI, 0), SP("ml", "L", MILLI, 0), SP("㎖", "L", MILLI, 0),
    SP("밀리리터", "L", MILLI, 0), SP("㎥", "L", E3, 0), SP("m3", "L", E3, 0), SP("m³", "L", E3, 0),
    SP("세제곱미터", "L", E3, 0), SP("입방미터", "L", E3, 0), SP("배럴", "L", DEC(158987294928ull, 9), 0),
    /* length */
    SP("m", "m", ONE, GLUED), SP("미터", "m", ONE, 0), SP("km", "m", E3, 0), SP("㎞", "m", E3, 0),
    SP("킬로미터", "m", E3, 0), SP("cm", "m", CENTI, 0), SP("㎝", "m", CENTI, 0),
    SP("센티미터", "m", CENTI, 0), SP("mm", "m", MILLI, 0), SP("㎜", "m", MILLI, 0),
    SP("밀리미터", "m", MILLI, 0),
    /* speed: also "초속 43.5m" and "시속 300km", read by the normaliser from the word before */
    SP("m/s", "m/s", ONE, 0), SP("㎧", "m/s", ONE, 0), SP("km/h", "m/h", E3, 0),
    SP("㎞/h", "m/h", E3, 0), SP("km/s", "m/s", E3, 0),
    /* temperature: "영하" before the number is its minus sign */
    SP("℃", "celsius", ONE, 0), SP("°C", "celsius", ONE, 0), SP("도", "celsius", ONE, GLUED),
    /* area */
    SP("㎡", "m2", ONE, 0), SP("m2", "m2", ONE, 0), SP("m²", "m2", ONE, 0), SP("제곱미터", "m2", ONE, 0),
    SP("㎢", "m2", E6, 0), SP("km2", "m2", E6, 0), SP("km²", "m2", E6, 0),
    SP("제곱킬로미터", "m2", E6, 0), SP("ha", "m2", DEC(10000u, 0), 0), SP("헥타르", "m2", DEC(10000u, 0), 0),
    SP("평", "m2", DEC(33058u, 4), 0),
    /* durations */
    SP("시간", "hours", ONE, 0), SP("개월", "months", ONE, 0), SP("년간", "years", ONE, 0),
    SP("일간", "days", ONE, 0), SP("주간", "weeks", ONE, 0), SP("분간", "minutes", ONE, 0),
    SP("초간", "seconds", ONE, 0),
    /* data */
    SP("KB", "bytes", E3, 0), SP("MB", "bytes", E6, 0), SP("GB", "bytes", E9, 0),
    SP("TB", "bytes", E12, 0), SP("PB", "bytes", E15, 0), SP("바이트", "bytes", ONE, 0),
    SP("킬로바이트", "bytes", E3, 0), SP("메가바이트", "bytes", E6, 0), SP("기가바이트", "bytes", E9, 0),
    SP("테라바이트", "bytes", E12, 0), SP("페타바이트", "bytes", E15, 0),
};


/* Currency signs and codes written before the number ("$10", "EUR 20", "₩5000"). */
static const struct unit_spelling builtin_prefixes[] = {
    SP("₩", "KRW", ONE, PRE),
    SP("￦", "KRW", ONE, PRE),
    SP("KRW", "KRW", ONE, PRE),
    SP("$", "USD", ONE, PRE),
    SP("US$", "USD", ONE, PRE),
    SP("USD", "USD", ONE, PRE),
    SP("€", "EUR", ONE, PRE),
    SP("EUR", "EUR", ONE, PRE),
    SP("¥", "JPY", ONE, PRE),
    SP("JPY", "JPY", ONE, PRE),
    SP("CNY", "CNY", ONE, PRE),
    SP("RMB", "CNY", ONE, PRE),
    SP("£", "GBP", ONE, PRE),
    SP("GBP", "GBP", ONE, PRE),
};
#define N_BUILTIN_PREFIXES (sizeof builtin_prefixes / sizeof builtin_prefixes[0])

#define N_BUILTIN_UNITS (sizeof builtin_units / sizeof builtin_units[0])
#define N_BUILTIN_SPELLINGS (sizeof builtin_spellings / sizeof builtin_spellings[0])

/* Spellings hashed by their first code point, longest first within a bucket, so a lookup
 * reads a handful of candidates instead of the whole table. */
#define N_BUCKETS 509u

struct unit_registry {
    struct unit_def *units;          /* the template's own canonical units */
    size_t n_units, units_cap;
    struct unit_spelling *spellings; /* the template's spellings (strings owned) */
    size_t n_spellings, spellings_cap;
    size_t *bucket_start;            /* N_BUCKETS + 1 offsets into bucket_items; NULL: no index */
    const struct unit_spelling **bucket_items;
};

static const struct unit_registry builtin_registry = { NULL, 0, 0, NULL, 0, 0, NULL, NULL };

static unsigned bucket_of(const char *s, size_t n, size_t i)
{
    size_t l;
    return utf8_decode(s, n, i, &l) % N_BUCKETS;
}

static int longer_first(const void *a, const void *b)
{
    const struct unit_spelling *x = *(const struct unit_spelling *const *)a;
    const struct unit_spelling *y = *(const struct unit_spelling *const *)b;
    return x->len < y->len ? 1 : x->len > y->len ? -1 : 0;
}

/* (Re)builds the index over the template's and the built-in spellings written after a
 * number. */
static void build_index(struct unit_registry *r)
{
    size_t total = r->n_spellings + N_BUILTIN_SPELLINGS;
    free(r->bucket_start);
    free(r->bucket_items);
    r->bucket_start = xcalloc(N_BUCKETS + 1, sizeof *r->bucket_start);
    r->bucket_items = xcalloc(total, sizeof *r->bucket_items);
    size_t *count = xcalloc(N_BUCKETS, sizeof *count);
    for (int pass = 0; pass < 2; pass++) {
        for (size_t k = 0; k < total; k++) {
            const struct unit_spelling *u = k < r->n_spellings ? &r->spellings[k]
                                                                : &builtin_spellings[k - r->n_spellings];
            if (u->flags & UNIT_PREFIX)
                continue;
            unsigned b = bucket_of(u->text, u->len, 0);
            if (pass == 0)
                count[b]++;
            else
                r->bucket_items[r->bucket_start[b] + count[b]++] = u;
        }
        if (pass == 0) {
            for (unsigned b = 0; b < N_BUCKETS; b++)
                r->bucket_start[b + 1] = r->bucket_start[b] + count[b];
            memset(count, 0, N_BUCKETS * sizeof *count);
        }
    }
    for (unsigned b = 0; b < N_BUCKETS; b++)
        qsort(r->bucket_items + r->bucket_start[b], r->bucket_start[b + 1] - r->bucket_start[b],
              sizeof *r->bucket_items, longer_first);
    free(count);
}

const struct unit_registry *units_builtin(void)
{
    return &builtin_registry;
}

struct unit_registry *units_new(void)
{
    struct unit_registry *r = xcalloc(1, sizeof(struct unit_registry));
    build_index(r);
    return r;
}

void units_free(struct unit_registry *r)
{
    if (!r || r == &builtin_registry)
        return;
    for (size_t i = 0; i < r->n_units; i++)
        free((char *)r->units[i].name);
    for (size_t i = 0; i < r->n_spellings; i++)
        free((char *)r->spellings[i].text);
    free(r->units);
    free(r->spellings);
    free(r->bucket_start);
    free(r->bucket_items);
    free(r);
}

static const struct unit_def *find_unit(const struct unit_registry *r, const char *name)
{
    for (size_t i = 0; r && i < r->n_units; i++)
        if (!strcmp(r->units[i].name, name))
            return &r->units[i];
    for (size_t i = 0; i < N_BUILTIN_UNITS; i++)
        if (!strcmp(builtin_units[i].name, name))
            return &builtin_units[i];
    return NULL;
}

static const struct unit_spelling *find_spelling(const struct unit_registry *r, const char *text)
{
    size_t len = strlen(text);
    for (size_t i = 0; r && i < r->n_spellings; i++)
        if (r->spellings[i].len == len && !memcmp(r->spellings[i].text, text, len))
            return &r->spellings[i];
    for (size_t i = 0; i < N_BUILTIN_SPELLINGS; i++)
        if (builtin_spellings[i].len == len && !memcmp(builtin_spellings[i].text, text, len))
            return &builtin_spellings[i];
    for (size_t i = 0; i < N_BUILTIN_PREFIXES; i++)
        if (builtin_prefixes[i].len == len && !memcmp(builtin_prefixes[i].text, text, len))
            return &builtin_prefixes[i];
    return NULL;
}

int units_add(struct unit_registry *r, const char *spelling, const char *name, enum unit_dimension dim,
              const char *of, const struct decimal *factor, const char **why)
{
    static const struct decimal one = ONE;
    if (!factor)
        factor = &one;
    if (!spelling || !*spelling || !name || !*name) {
        *why = "a unit needs a name and a spelling";
        return -1;
    }
    if (decimal_sign(factor) <= 0) {
        *why = "a unit's factor must be a positive number";
        return -1;
    }
    const char *target;
    struct decimal f = *factor;
    if (of && *of) {
        const struct unit_def *base = find_unit(r, of);
        if (!base) {
            *why = "the unit it converts to ('of') is not a canonical unit";
            return -1;
        }
        target = base->name;
    } else if (!find_unit(r, name)) {
        xgrow(&r->units, &r->units_cap, r->n_units + 1, sizeof *r->units);
        r->units[r->n_units++] = (struct unit_def){ xstrdup(name), dim };
        target = r->units[r->n_units - 1].name;
    } else {
        target = find_unit(r, name)->name;
    }
    const struct unit_spelling *old = find_spelling(r, spelling);
    if (old) {
        if (!strcmp(old->unit, target) && decimal_cmp(&old->factor, &f) == 0)
            return 0; /* the same meaning again */
        *why = "the spelling already names another unit";
        return -1;
    }
    xgrow(&r->spellings, &r->spellings_cap, r->n_spellings + 1, sizeof *r->spellings);
    r->spellings[r->n_spellings++] = (struct unit_spelling){ xstrdup(spelling), strlen(spelling), target, f, 0 };
    build_index(r);
    return 0;
}

static int spelled_at(const struct unit_spelling *u, const char *s, size_t n, size_t i)
{
    if (i + u->len > n || (unsigned char)s[i] != (unsigned char)u->text[0])
        return 0;
    return memcmp(s + i, u->text, u->len) == 0;
}

const struct unit_spelling *units_match(const struct unit_registry *r, const char *s, size_t n, size_t i,
                                        size_t max_len)
{
    if (i >= n)
        return NULL;
    if (r && r->bucket_start) {
        unsigned b = bucket_of(s, n, i);
        for (size_t k = r->bucket_start[b]; k < r->bucket_start[b + 1]; k++) {
            const struct unit_spelling *u = r->bucket_items[k];
            if (u->len <= max_len && spelled_at(u, s, n, i))
                return u;
        }
        return NULL;
    }
    const struct unit_spelling *best = NULL;
    for (size_t k = 0; r && k < r->n_spellings; k++)
        if (r->spellings[k].len <= max_len && spelled_at(&r->spellings[k], s, n, i)
            && (!best || r->spellings[k].len > best->len))
            best = &r->spellings[k];
    for (size_t k = 0; k < N_BUILTIN_SPELLINGS; k++) {
        const struct unit_spelling *u = &builtin_spellings[k];
        if (!(u->flags & UNIT_PREFIX) && u->len <= max_len && spelled_at(u, s, n, i)
            && (!best || u->len > best->len))
            best = u;
    }
    return best;
}

const struct unit_spelling *units_match_prefix(const struct unit_registry *r, const char *s, size_t i)
{
    (void)r;
    const struct unit_spelling *best = NULL;
    for (size_t k = 0; k < N_BUILTIN_PREFIXES; k++) {
        const struct unit_spelling *u = &builtin_prefixes[k];
        if (u->len <= i && s[i - 1] == u->text[u->len - 1] && !memcmp(s + i - u->len, u->text, u->len)
            && (!best || u->len > best->len))
            best = u;
    }
    return best;
}

const char *units_canonical(const struct unit_registry *r, const char *name)
{
    if (!name)
        return NULL;
    const struct unit_def *u = find_unit(r, name);
    if (u)
        return u->name;
    const struct unit_spelling *sp = find_spelling(r, name);
    return sp ? sp->unit : NULL;
}

enum unit_dimension units_dimension(const struct unit_registry *r, const char *canonical)
{
    const struct unit_def *u = canonical ? find_unit(r, canonical) : NULL;
    return u ? u->dim : UNIT_DIM_OTHER;
}

static const char *const dim_names[] = {
    [UNIT_DIM_NONE] = "none",       [UNIT_DIM_MONEY] = "money",   [UNIT_DIM_COUNT] = "count",
    [UNIT_DIM_RATIO] = "ratio",     [UNIT_DIM_SCORE] = "score",   [UNIT_DIM_ENERGY] = "energy",
    [UNIT_DIM_POWER] = "power",     [UNIT_DIM_MASS] = "mass",     [UNIT_DIM_VOLUME] = "volume",
    [UNIT_DIM_LENGTH] = "length",   [UNIT_DIM_AREA] = "area",     [UNIT_DIM_DURATION] = "duration",
    [UNIT_DIM_DATA] = "data",       [UNIT_DIM_TOKENS] = "tokens", [UNIT_DIM_SPEED] = "speed",
    [UNIT_DIM_TEMPERATURE] = "temperature",
    [UNIT_DIM_OTHER] = "other",
};

const char *units_dimension_name(enum unit_dimension d)
{
    return (unsigned)d < sizeof dim_names / sizeof dim_names[0] ? dim_names[d] : "other";
}

int units_dimension_parse(const char *word, enum unit_dimension *out)
{
    for (size_t i = 0; i < sizeof dim_names / sizeof dim_names[0]; i++)
        if (word && !strcmp(word, dim_names[i])) {
            *out = (enum unit_dimension)i;
            return 0;
        }
    return -1;
}

/* Is the prefix spelling also written after the number? */
static int also_after(const struct unit_spelling *sp)
{
    for (size_t k = 0; k < N_BUILTIN_SPELLINGS; k++)
        if (builtin_spellings[k].len == sp->len && !memcmp(builtin_spellings[k].text, sp->text, sp->len))
            return 1;
    return 0;
}

static void write_spelling(FILE *out, const struct unit_spelling *sp, int *first)
{
    fprintf(out, "%s`%s`", *first ? "" : ", ", sp->text);
    if (decimal_cmp(&sp->factor, &(struct decimal)ONE) != 0) {
        char f[64];
        decimal_format(&sp->factor, f, sizeof f);
        fprintf(out, " × %s", f);
    }
    if (sp->flags & UNIT_PREFIX)
        fputs(also_after(sp) ? " (before or after the number)" : " (before the number)", out);
    if (sp->flags & UNIT_GLUED)
        fputs(" (glued to the number)", out);
    if (sp->flags & UNIT_SHARES)
        fputs(" (from 1,000 or with 만/억: 4주 is weeks)", out);
    *first = 0;
}

void units_write_markdown(FILE *out)
{
    fputs("| canonical unit | dimension | spellings (× factor to the canonical unit) |\n|---|---|---|\n", out);
    for (size_t i = 0; i < N_BUILTIN_UNITS; i++) {
        const struct unit_def *u = &builtin_units[i];
        fprintf(out, "| `%s` | %s | ", *u->name ? u->name : "\"\"", units_dimension_name(u->dim));
        int first = 1;
        if (!*u->name)
            fputs("a number with no unit", out);
        if (!strcmp(u->name, "fraction"))
            fputs("`3/4`, `3분의 1`, `사분의 삼` (the value is the quotient)", out);
        for (size_t k = 0; k < N_BUILTIN_SPELLINGS; k++) {
            const struct unit_spelling *sp = &builtin_spellings[k];
            int twin = 0;
            for (size_t j = 0; j < N_BUILTIN_PREFIXES && !twin; j++)
                twin = builtin_prefixes[j].len == sp->len && !memcmp(builtin_prefixes[j].text, sp->text, sp->len);
            if (!strcmp(sp->unit, u->name) && !twin)
                write_spelling(out, sp, &first);
        }
        for (size_t k = 0; k < N_BUILTIN_PREFIXES; k++)
            if (!strcmp(builtin_prefixes[k].unit, u->name))
                write_spelling(out, &builtin_prefixes[k], &first);
        fputs(" |\n", out);
    }
}

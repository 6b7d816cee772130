/* quantity.c — see quantity.h.
 *
 * The scanner walks the text once. A figure can only start at an ASCII digit or at the first
 * syllable of a Hangul word; everything else is skipped in a byte or three. At a candidate it
 * reads, in order: an optional prefix qualifier already behind it (약, 최대…), the numeral
 * (digits with Korean units, Sino-Korean Hangul, or native Korean), an English scale letter and
 * the MoE "-A…" part, then a counter or unit, then suffix qualifiers, then a "~" range or a
 * parenthesised restatement. Anything that reads as a date, a duration, an ordinal or a piece of
 * a name is skipped as a whole so that its digits are not picked up again.
 *
 * The input is validated with utf8proc_iterate() first; after that the local decoder may trust
 * every sequence it meets. */
#include "extract/quantity.h"

#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

#include "util/buf.h"
#include "util/particles.h"
#include "util/decimal.h"
#include "util/utf8.h"
#include "extract/units.h"
#include "util/text.h"

typedef unsigned __int128 u128;

#define MAX_SCALE DECIMAL_MAX_SCALE

/* 10^k, exactly (decimal.h). */
static inline u128 pow10u(unsigned k)
{
    return decimal_pow10(k);
}

const char *quantity_qualifier_name(enum quantity_qualifier q)
{
    switch (q) {
    case QUAL_NONE: return "";
    case QUAL_APPROX: return "approx";
    case QUAL_AT_LEAST: return "at_least";
    case QUAL_MORE_THAN: return "more_than";
    case QUAL_AT_MOST: return "at_most";
    case QUAL_LESS_THAN: return "less_than";
    case QUAL_RANGE: return "range";
    }
    return "";
}

const char *quantity_role_name(enum quantity_role r)
{
    switch (r) {
    case QROLE_NONE: return "";
    case QROLE_TOTAL: return "total";
    case QROLE_ACTIVE: return "active";
    case QROLE_NAME: return "name";
    }
    return "";
}

/* ---- Lists ---- */

void quantity_list_clear(struct quantity_list *list)
{
    list->count = 0;
    list->n_issues = 0;
}

void quantity_list_free(struct quantity_list *list)
{
    if (!list)
        return;
    free(list->items);
    free(list->issues);
    list->items = NULL;
    list->issues = NULL;
    list->count = list->cap = list->n_issues = list->issues_cap = 0;
}

/* ---- Text helpers ---- */

struct scan {
    const unsigned char *s;
    size_t n;
    struct quantity_list *out;
    const struct unit_registry *reg;
    size_t first_item;  /* out->count when this scan began: the items after it are ours */
};

/* The end of the last figure this scan reported: no new span may start before it. */
static size_t scan_floor(const struct scan *sc)
{
    if (sc->out->count <= sc->first_item)
        return 0;
    const struct quantity *q = &sc->out->items[sc->out->count - 1];
    return q->offset + q->length;
}

#define LIT(w) (w), (sizeof(w) - 1)

/* The code point at i (0 past the end); the text was validated first. */
static inline unsigned cp_at(const struct scan *sc, size_t i, size_t *len)
{
    if (i >= sc->n) {
        *len = 0;
        return 0;
    }
    return utf8_decode((const char *)sc->s, sc->n, i, len);
}

static unsigned cp_before(const struct scan *sc, size_t i, size_t *len)
{
    if (i > sc->n) {
        *len = 0;
        return 0;
    }
    return utf8_before((const char *)sc->s, i, len);
}

static int is_digit(unsigned c) { return c >= '0' && c <= '9'; }
static int is_alpha(unsigned c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
static int is_alnum(unsigned c) { return is_digit(c) || is_alpha(c); }
static int byte_at(const struct scan *sc, size_t i) { return i < sc->n ? sc->s[i] : -1; }
static int digit_at(const struct scan *sc, size_t i) { return i < sc->n && is_digit(sc->s[i]); }

/* The bytes at i spell w. A plain loop: the words are a few bytes long and a call to memcmp
 * per candidate cost a third of the scan time. */
static inline int at(const struct scan *sc, size_t i, const char *w, size_t wl)
{
    if (i + wl > sc->n)
        return 0;
    const unsigned char *s = sc->s + i;
    for (size_t k = 0; k < wl; k++)
        if (s[k] != (unsigned char)w[k])
            return 0;
    return 1;
}

static int hangul_at(const struct scan *sc, size_t i)
{
    size_t l;
    return text_is_hangul_syllable(cp_at(sc, i, &l));
}

static int hangul_before(const struct scan *sc, size_t i)
{
    size_t l;
    return text_is_hangul_syllable(cp_before(sc, i, &l));
}

/* A tilde that joins a range: ~ ～ ∼ 〜. Returns its length. */
static size_t tilde_at(const struct scan *sc, size_t i)
{
    if (byte_at(sc, i) == '~')
        return 1;
    if (at(sc, i, LIT("\xEF\xBD\x9E")) || at(sc, i, LIT("\xE2\x88\xBC")) || at(sc, i, LIT("\xE3\x80\x9C")))
        return 3;
    return 0;
}

/* Skips a name-like token: ASCII letters, digits, '_', '.', '-' (the digits of B2B, K1,
 * 인턴VL3_5-38B, 2025-12-28, 0003001728). */
static size_t skip_token(const struct scan *sc, size_t i)
{
    while (i < sc->n) {
        unsigned c = sc->s[i];
        if (is_alnum(c) || c == '_')
            i++;
        else if ((c == '.' || c == '-' || c == ':' || c == '/') && i + 1 < sc->n && is_alnum(sc->s[i + 1]))
            i++;
        else
            break;
    }
    return i;
}

/* Sino-Korean numeral syllables. */
static int sino_digit(unsigned c)
{
    switch (c) {
    case 0xC77C: return 1; /* 일 */
    case 0xC774: return 2; /* 이 */
    case 0xC0BC: return 3; /* 삼 */
    case 0xC0AC: return 4; /* 사 */
    case 0xC624: return 5; /* 오 */
    case 0xC721: return 6; /* 육 */
    case 0xCE60: return 7; /* 칠 */
    case 0xD314: return 8; /* 팔 */
    case 0xAD6C: return 9; /* 구 */
    }
    return -1;
}

static int zero_syllable(unsigned c) { return c == 0xC601 || c == 0xACF5; } /* 영 공 */

static unsigned small_exp(unsigned c)
{
    switch (c) {
    case 0xC2ED: return 1; /* 십 */
    case 0xBC31: return 2; /* 백 */
    case 0xCC9C: return 3; /* 천 */
    }
    return 0;
}

static unsigned big_exp(unsigned c)
{
    switch (c) {
    case 0xB9CC: return 4;  /* 만 */
    case 0xC5B5: return 8;  /* 억 */
    case 0xC870: return 12; /* 조 */
    case 0xACBD: return 16; /* 경 */
    }
    return 0;
}

static int sino_char(unsigned c) { return sino_digit(c) > 0 || small_exp(c) || big_exp(c); }

#define CP_JEOM 0xC810u /* 점 */

/* ---- Word lists ---- */

/* Whole eojeol endings that may close a figure or its unit: the copula and the connective
 * endings news prose glues to a figure ("52억 달러다", "120개며", "3조 원이지만", "10%였고").
 * Unlike a particle these are matched to the end of the word, so 다리, 고로 or 지역 after a
 * number stay words. */
static int copula_ending(const struct scan *sc, size_t i)
{
    static const struct { const char *w; size_t len; } endings[] = {
        { LIT("다") },     { LIT("이다") },     { LIT("였다") },     { LIT("이었다") },   { LIT("며") },
        { LIT("이며") },   { LIT("였으며") },   { LIT("이었으며") }, { LIT("고") },       { LIT("이고") },
        { LIT("였고") },   { LIT("이었고") },   { LIT("지만") },     { LIT("이지만") },   { LIT("였지만") },
        { LIT("인데") },   { LIT("일") },       { LIT("임") },       { LIT("이나") },     { LIT("나") },
        { LIT("면") },     { LIT("이면") },     { LIT("라고") },     { LIT("이라고") },   { LIT("라는") },
        { LIT("이라는") }, { LIT("라며") },     { LIT("이라며") },   { LIT("이라") },     { LIT("라") },
        { LIT("씩이다") }, { LIT("뿐이다") },   { LIT("에요") },     { LIT("이에요") },   { LIT("입니다") },
    };
    for (size_t k = 0; k < sizeof endings / sizeof endings[0]; k++) {
        if (!at(sc, i, endings[k].w, endings[k].len))
            continue;
        size_t l;
        unsigned c = cp_at(sc, i + endings[k].len, &l);
        if (l == 0 || !text_is_hangul_syllable(c))
            return 1;
    }
    return 0;
}

/* Is the position a boundary after a figure: end, a non-Hangul character, a particle, or a
 * copula ending that closes the word? */
static int figure_boundary(const struct scan *sc, size_t i)
{
    size_t l;
    unsigned c = cp_at(sc, i, &l);
    return l == 0 || !text_is_hangul_syllable(c) || particle_may_start(c, PARTICLE_AFTER_FIGURE) ||
           copula_ending(sc, i);
}

/* Dates, times, durations and ordinals glued to a number: the number is not a figure. */
static size_t stop_suffix(const struct scan *sc, size_t i)
{
    static const struct { const char *w; size_t len; } words[] = {
        { LIT("개월") }, { LIT("번째") }, { LIT("시간") }, { LIT("단계") }, { LIT("세기") },
        { LIT("세대") }, { LIT("학년") }, { LIT("등급") }, { LIT("라운드") },
        { LIT("년") }, { LIT("월") }, { LIT("일") }, { LIT("시") }, { LIT("분") }, { LIT("주") },
        { LIT("박") }, { LIT("세") }, { LIT("살") }, { LIT("차") }, { LIT("위") }, { LIT("등") },
        { LIT("째") }, { LIT("호") }, { LIT("기") }, { LIT("회") }, { LIT("층") }, { LIT("강") },
        { LIT("선") }, { LIT("절") },
    };
    if (at(sc, i, LIT("초과")) || at(sc, i, LIT("차례")))
        return 0;
    if (at(sc, i, LIT("초")))
        return 3;
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        if (at(sc, i, words[k].w, words[k].len))
            return words[k].len;
    return 0;
}

/* Nouns after "3대": a ranking (3대 강국, 5대 은행), not three machines. */
static int ranking_noun(const struct scan *sc, size_t i)
{
    static const struct { const char *w; size_t len; } words[] = {
        { LIT("강국") }, { LIT("기업") }, { LIT("그룹") }, { LIT("은행") }, { LIT("분야") },
        { LIT("산업") }, { LIT("과제") }, { LIT("전략") }, { LIT("핵심") }, { LIT("원칙") },
        { LIT("요소") }, { LIT("거점") }, { LIT("도시") }, { LIT("플랫폼") }, { LIT("이슈") },
        { LIT("혁신") }, { LIT("주요") }, { LIT("축") }, { LIT("국정") }, { LIT("명품") },
        { LIT("강") }, { LIT("초반") }, { LIT("중반") }, { LIT("후반") }, { LIT("남성") },
        { LIT("여성") }, { LIT("청년") }, { LIT("주주") }, { LIT("국회") }, { LIT("대통령") },
        { LIT("총선") }, { LIT("대선") }, { LIT("회장") }, { LIT("정부") },
    };
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        if (at(sc, i, words[k].w, words[k].len))
            return 1;
    return 0;
}

enum mode { MODE_DIGITS, MODE_SINO, MODE_NATIVE };

enum native_kind {
    NAT_CARDINAL,      /* 하나, 둘, 스물, 서른다섯: a number on its own */
    NAT_PRENOMINAL,    /* 한, 두, 세, 네, 스무: only before a counter */
    NAT_PRE_COMBO,     /* 열두, 쉰두: unambiguous enough alone */
    NAT_NEEDS_COUNTER, /* 열, 쉰: ordinary words alone */
};

/* One number with what is attached to it. */
/* A rate word before the number (초속, 시속) makes a length a speed. */
enum rate { RATE_NONE, RATE_PER_SECOND, RATE_PER_HOUR };

struct head {
    size_t start, end;         /* whole span (start includes a prefix qualifier) */
    size_t num_start, num_end; /* the numeral */
    struct decimal v;
    unsigned big;              /* exponent of the last 만/억/조/경, 0 if none */
    int korean;                /* used 십/백/천 or 만/억/조/경 */
    unsigned eng;              /* exponent of B/T/M/K, 0 if none */
    int point;                 /* had a decimal point */
    enum mode mode;
    unsigned nchars;           /* syllables of a Sino-Korean numeral */
    enum native_kind native;
    const char *unit;
    struct decimal factor;     /* the unit spelling's factor to its canonical unit */
    enum quantity_qualifier qual;
    enum quantity_role role;
    int native_range;          /* 두세 명: v .. high */
    int fraction;              /* 3/4, 3분의 1: v is the quotient, unit "fraction" */
    int hyphen;                /* "10-20%": a hyphen range follows at num_end */
    struct decimal high;
    int moe;
    struct decimal active;
    size_t active_start, active_end;
    enum rate rate;            /* 초속/시속 before the number: a length is a speed */
};

/* Does a unit spelling end at a place a figure's unit can end? A Latin spelling needs a
 * non-alphanumeric after it ("420GWh로", not "3kgs"); a Hangul one a particle or a non-word. */
static int unit_boundary(const struct scan *sc, const struct unit_spelling *u, size_t e)
{
    unsigned char last = (unsigned char)u->text[u->len - 1];
    if (is_alnum(last)) {
        int c = byte_at(sc, e);
        return !(c >= 0 && (is_alnum((unsigned)c) || c == '_'));
    }
    return figure_boundary(sc, e);
}

/* Matches a unit at i, longest spelling first. attached: glued to the number ("5개사" may
 * continue with 국/사/팀…; 3t, 5m only glued). h, when known, decides 주 (shares need 1,000 or
 * a 만/억: 4주 is four weeks). */
static const struct unit_spelling *match_unit(const struct scan *sc, const struct head *h, size_t i,
                                              int attached, size_t *end)
{
    size_t max = (size_t)-1;
    const struct unit_spelling *u;
    while ((u = units_match(sc->reg, (const char *)sc->s, sc->n, i, max)) != NULL) {
        max = u->len - 1;
        size_t e = i + u->len;
        if ((u->flags & UNIT_GLUED) && !attached)
            continue;
        if (!attached && is_alpha((unsigned char)u->text[0]) && u->len < 2)
            continue;
        if ((u->flags & UNIT_SHARES)
            && !(h && (h->big >= 4 || decimal_cmp(&h->v, &(struct decimal){ 1000, 0, 0 }) >= 0)))
            continue;
        if (!unit_boundary(sc, u, e)) {
            /* 개국, 개사, 개팀, 개교, 개소 are still counts; 원대 / %대 handled by the caller. */
            static const struct { const char *w; size_t len; } gae[] = {
                { LIT("국") }, { LIT("사") }, { LIT("팀") }, { LIT("교") }, { LIT("소") },
                { LIT("곳") }, { LIT("종") }, { LIT("社") },
            };
            int ok = 0;
            if ((u->flags & UNIT_GAE) && attached)
                for (size_t g = 0; g < sizeof gae / sizeof gae[0]; g++)
                    if (at(sc, e, gae[g].w, gae[g].len)) {
                        ok = 1;
                        e += gae[g].len;
                        break;
                    }
            if (!ok && (u->flags & UNIT_RANGE_DAE) && at(sc, e, LIT("대")) && figure_boundary(sc, e + 3))
                ok = 1; /* the caller reads 대 */
            if (!ok && (u->flags & UNIT_DAE))
                ok = 1; /* the caller decides between machines and a ranking */
            if (!ok)
                continue;
        }
        *end = e;
        return u;
    }
    return NULL;
}

struct prefix_def {
    const char *w;
    size_t len;
    enum quantity_qualifier q;
    enum rate rate;
};

static const struct prefix_def prefix_table[] = {
    { LIT("약"), QUAL_APPROX, RATE_NONE },       { LIT("대략"), QUAL_APPROX, RATE_NONE },
    { LIT("최대"), QUAL_AT_MOST, RATE_NONE },     { LIT("최소"), QUAL_AT_LEAST, RATE_NONE },
    { LIT("총"), QUAL_NONE, RATE_NONE },          { LIT("무려"), QUAL_NONE, RATE_NONE },
    { LIT("불과"), QUAL_NONE, RATE_NONE },        { LIT("평균"), QUAL_NONE, RATE_NONE },
    { LIT("단"), QUAL_NONE, RATE_NONE },          { LIT("초속"), QUAL_NONE, RATE_PER_SECOND },
    { LIT("시속"), QUAL_NONE, RATE_PER_HOUR },
};

/* The Hangul word that ends at i (starts after a non-Hangul character) is one of the prefixes. */
static const struct prefix_def *prefix_ending_at(const struct scan *sc, size_t i)
{
    for (size_t k = 0; k < sizeof prefix_table / sizeof prefix_table[0]; k++) {
        const struct prefix_def *p = &prefix_table[k];
        if (i >= p->len && memcmp(sc->s + i - p->len, p->w, p->len) == 0 && !hangul_before(sc, i - p->len))
            return p;
    }
    return NULL;
}

/* ---- Numerals ---- */

/* R_CONTINUE: a helper of read_head found nothing to decide; the others go to the caller. */
enum res { R_NONE, R_OK, R_SKIP, R_ISSUE, R_CONTINUE };

static void add_issue(struct scan *sc, size_t off, size_t end, const char *msg)
{
    struct quantity_list *o = sc->out;
    xgrow(&o->issues, &o->issues_cap, o->n_issues + 1, sizeof *o->issues);
    o->issues[o->n_issues].offset = off;
    o->issues[o->n_issues].length = end > off ? end - off : 1;
    o->issues[o->n_issues].message = msg;
    o->n_issues++;
}

static const char MSG_OVERFLOW[] = "number too large (magnitude past 10^20)";
static const char MSG_COMMA[] = "malformed number (repeated comma)";
static const char MSG_GROUP[] = "malformed number (bad digit grouping)";
static const char MSG_POINTS[] = "malformed number (more than one decimal point)";
static const char MSG_DECIMALS[] = "malformed number (more than 18 decimal places)";
static const char MSG_REPEAT[] = "malformed number (repeated unit)";
static const char MSG_ORDER[] = "malformed number (units out of order)";

/* Reads digits [,ddd]* [.d+] at i. Returns R_OK with *v and *end, R_SKIP for a dotted token
 * that is no number (2025.12.30, 1.2.3: *end after it), R_ISSUE after recording a problem. */
static enum res read_digits(struct scan *sc, size_t i, struct decimal *v, size_t *end, int *point)
{
    const u128 cap = pow10u(38);
    u128 m = 0;
    int over = 0, grouped = 0;
    unsigned scale = 0;
    size_t p = i;
    while (digit_at(sc, p)) {
        if (m > cap / 10)
            over = 1;
        else
            m = m * 10 + (sc->s[p] - '0');
        p++;
    }
    while (byte_at(sc, p) == ',') {
        if (byte_at(sc, p + 1) == ',' && (digit_at(sc, p + 2) || byte_at(sc, p + 2) == ',')) {
            size_t e = p;
            while (byte_at(sc, e) == ',' || digit_at(sc, e))
                e++;
            add_issue(sc, i, e, MSG_COMMA);
            *end = e;
            return R_ISSUE;
        }
        size_t q = p + 1, nd = 0;
        while (digit_at(sc, q + nd))
            nd++;
        if (nd == 3) {
            for (size_t k = 0; k < 3; k++) {
                if (m > cap / 10)
                    over = 1;
                else
                    m = m * 10 + (sc->s[q + k] - '0');
            }
            grouped = 1;
            p = q + 3;
        } else if (nd > 0 && grouped) {
            add_issue(sc, i, q + nd, MSG_GROUP);
            *end = q + nd;
            return R_ISSUE;
        } else {
            break; /* a list: "1,2위" */
        }
    }
    *point = 0;
    if (byte_at(sc, p) == '.' && digit_at(sc, p + 1)) {
        *point = 1;
        p++;
        while (digit_at(sc, p)) {
            if (scale >= MAX_SCALE) {
                size_t e = p;
                while (digit_at(sc, e))
                    e++;
                add_issue(sc, i, e, MSG_DECIMALS);
                *end = e;
                return R_ISSUE;
            }
            if (m > cap / 10)
                over = 1;
            else
                m = m * 10 + (sc->s[p] - '0');
            scale++;
            p++;
        }
        if (byte_at(sc, p) == '.' && digit_at(sc, p + 1)) {
            /* 1.2.3: a version or a date unless a unit says it was meant as a figure. */
            size_t e = p;
            while (digit_at(sc, e) || (byte_at(sc, e) == '.' && digit_at(sc, e + 1)))
                e++;
            size_t l, ue;
            unsigned c = cp_at(sc, e, &l);
            if (big_exp(c) || small_exp(c) || match_unit(sc, NULL, e, 1, &ue)
                || (l == 1 && (c == 'B' || c == 'T' || c == 'M' || c == 'K'))) {
                add_issue(sc, i, e + l, MSG_POINTS);
                *end = e + l;
                return R_ISSUE;
            }
            *end = e;
            return R_SKIP;
        }
    }
    struct decimal r = { m, scale, 0 };
    if (over || r.mant > pow10u(DECIMAL_LIMIT_EXP + r.scale)) {
        add_issue(sc, i, p, MSG_OVERFLOW);
        *end = p;
        return R_ISSUE;
    }
    *v = r;
    *end = p;
    return R_OK;
}

/* After a 천/백/십 at p, one space and then a smaller one with its coefficient ("2천 5백만",
 * "삼천 오백"): the space stays inside the number. Returns where that part starts, or p. */
static size_t spaced_small_part(const struct scan *sc, size_t p, enum mode mode, unsigned last)
{
    size_t q = p + 1, l;
    if (byte_at(sc, p) != ' ')
        return p;
    if (mode == MODE_DIGITS) {
        size_t d = 0;
        while (d < 4 && digit_at(sc, q + d))
            d++;
        if (!d || byte_at(sc, q) == '0')
            return p;
        q += d;
    } else {
        if (sino_digit(cp_at(sc, q, &l)) <= 0)
            return p;
        q += l;
    }
    unsigned e = small_exp(cp_at(sc, q, &l));
    return e && e < last ? p + 1 : p;
}

/* A number below 10^4 written with 천/백/십: "3천", "2천5백", "2천 5백", "오천", "칠천십이",
 * "5000". In digit mode the coefficients are ASCII, in Sino mode Hangul. Returns R_NONE if
 * nothing was read. */
static enum res read_small(struct scan *sc, size_t i, enum mode mode, struct decimal *v, size_t *end,
                           int *korean, int *point, unsigned *nchars)
{
    struct decimal total = { 0, 0, 0 };
    unsigned last = 4;
    int any = 0;
    size_t p = i;
    *point = 0;
    for (;;) {
        struct decimal coef = { 0, 0, 0 };
        int have_coef = 0;
        size_t q = p, l;
        if (mode == MODE_DIGITS) {
            if (digit_at(sc, q)) {
                int pt = 0;
                enum res r = read_digits(sc, q, &coef, &q, &pt);
                if (r != R_OK) {
                    *end = q;
                    return r;
                }
                have_coef = 1;
                *point |= pt;
            }
        } else {
            int d = sino_digit(cp_at(sc, q, &l));
            if (d > 0) {
                coef.mant = (unsigned)d;
                have_coef = 1;
                q += l;
                (*nchars)++;
            }
        }
        unsigned e = small_exp(cp_at(sc, q, &l));
        if (e && e < last) {
            if (!have_coef)
                coef.mant = 1;
            if (decimal_shift(&coef, (int)(e), &coef) < 0 || decimal_add(&total, &coef, &total) < 0) {
                add_issue(sc, i, q + l, MSG_OVERFLOW);
                *end = q + l;
                return R_ISSUE;
            }
            (*nchars)++;
            *korean = 1;
            last = e;
            any = 1;
            p = spaced_small_part(sc, q + l, mode, last);
            continue;
        }
        if (have_coef) {
            if (any && mode == MODE_DIGITS && coef.scale > 0)
                return R_NONE; /* "3천5.5" */
            if (decimal_add(&total, &coef, &total) < 0) {
                add_issue(sc, i, q, MSG_OVERFLOW);
                *end = q;
                return R_ISSUE;
            }
            any = 1;
            p = q;
        }
        break;
    }
    if (!any)
        return R_NONE;
    *v = total;
    *end = p;
    return R_OK;
}

static int section_start(const struct scan *sc, size_t i, enum mode mode)
{
    size_t l;
    if (mode == MODE_DIGITS)
        return digit_at(sc, i);
    unsigned c = cp_at(sc, i, &l);
    return sino_digit(c) > 0 || small_exp(c);
}

/* Two-syllable words that read as a digit and a big unit: 구조 (structure), 구경, 일조, 사경,
 * 이만 (this much), 오만 (arrogance). They are figures only before a unit (오만 원). */
static int sino_word(const struct scan *sc, size_t from, size_t to)
{
    static const char *const words[] = { "구조", "구경", "일조", "사경", "이만", "오만", "이조", "사조" };
    if (to - from != 6)
        return 0;
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        if (memcmp(sc->s + from, words[k], 6) == 0)
            return 1;
    return 0;
}

/* Refuses the big unit(s) at x that do not get smaller ("억억", "1억2억", "5만억"): an issue,
 * except for Hangul words that look like them (만만하다, 조조), which are no numeral at all. */
static enum res refuse_big_units(struct scan *sc, struct head *h, enum mode mode, size_t x, unsigned e,
                                 unsigned last_big, size_t *resume)
{
    size_t l;
    if (mode == MODE_SINO && !(e == last_big && (e == 8 || e == 16)))
        return R_NONE;
    while (big_exp(cp_at(sc, x, &l)))
        x += l;
    add_issue(sc, h->num_start, x, e == last_big ? MSG_REPEAT : MSG_ORDER);
    *resume = x;
    return R_ISSUE;
}

/* After a section ending in a big unit at p ("1조", "삼만"): does another section follow,
 * glued or after one space? R_CONTINUE with *p at it when it has a big unit of its own
 * ("1조 2000억"); R_OK after adding a plain last section to *total ("1만2000", "삼만 오천",
 * "4만 2150GWh") or when nothing follows; R_ISSUE on overflow. */
static enum res read_next_section(struct scan *sc, enum mode mode, struct head *h, struct decimal *total,
                                  size_t *p, unsigned last_big, size_t *resume)
{
    size_t l;
    /* Not after a word that only looks like a numeral, unless the numeral goes on glued to it
     * (구조 이만 / 이만칠천원, 오만팔천백구십사). */
    if (mode == MODE_SINO && sino_word(sc, h->num_start, *p) && byte_at(sc, *p) == ' ')
        return R_OK;
    size_t s = *p + (byte_at(sc, *p) == ' ');
    if (!section_start(sc, s, mode))
        return R_OK;
    struct decimal nx = { 0, 0, 0 };
    size_t nq;
    int k2 = 0, pt2 = 0;
    unsigned nc2 = 0;
    struct scan probe = *sc;
    struct quantity_list scratch = { 0 };
    probe.out = &scratch; /* a failed look-ahead must not record issues */
    enum res r2 = read_small(&probe, s, mode, &nx, &nq, &k2, &pt2, &nc2);
    quantity_list_free(&scratch);
    if (r2 != R_OK)
        return R_OK;
    unsigned e2 = big_exp(cp_at(sc, nq, &l));
    if (e2 && (e2 < last_big || s == *p)) {
        *p = s; /* "1억2억" is reported as malformed on the next turn */
        return R_CONTINUE;
    }
    /* In Hangul the last section needs 십/백/천: 만이천 is 12000 but 조사, 만일, 경이 are words.
     * Digits glued to a letter or a date word end the number, unless a unit starts there. */
    size_t ux;
    const struct unit_spelling *un = match_unit(sc, NULL, nq, 1, &ux);
    size_t stop = stop_suffix(sc, nq);
    if (e2 || !(s == *p || last_big == 4) || pt2 || (mode == MODE_SINO && !k2)
        || decimal_cmp(&nx, &(struct decimal){ pow10u(last_big), 0, 0 }) >= 0
        || (stop && !(un && un->len >= stop))
        || (mode == MODE_DIGITS && ((is_alnum((unsigned)byte_at(sc, nq)) && !un) || byte_at(sc, nq) == '.'))
        || (mode == MODE_SINO && sino_char(cp_at(sc, nq, &l))))
        return R_OK;
    read_small(sc, s, mode, &nx, &nq, &h->korean, &pt2, &h->nchars);
    if (decimal_add(total, &nx, total) < 0) {
        add_issue(sc, h->num_start, nq, MSG_OVERFLOW);
        *resume = nq;
        return R_ISSUE;
    }
    *p = nq;
    return R_OK;
}

/* The numeral proper: sections "coef 만/억/조/경" from large to small, maybe separated by one
 * space ("1조 2000억", "삼만 오천"), then a plain last section ("1만2000"). */
static enum res read_numeral(struct scan *sc, size_t i, enum mode mode, struct head *h, size_t *resume)
{
    struct decimal total = { 0, 0, 0 };
    unsigned last_big = 99;
    size_t p = i;
    int first = 1;
    h->korean = 0;
    h->point = 0;
    h->nchars = 0;
    h->big = 0;
    for (;;) {
        struct decimal small = { 0, 0, 0 };
        size_t q = p, l;
        int pt = 0;
        enum res r = read_small(sc, p, mode, &small, &q, &h->korean, &pt, &h->nchars);
        if (r == R_ISSUE || r == R_SKIP) {
            *resume = q;
            return r;
        }
        int any = r == R_OK;
        unsigned e = big_exp(cp_at(sc, q, &l));
        if (!e || !(any || first)) {
            if (!any)
                return first ? R_NONE : R_OK;
            if (first) {
                total = small;
                h->point |= pt;
                p = q;
            }
            break;
        }
        if (e == last_big || (mode == MODE_DIGITS && e > last_big))
            return refuse_big_units(sc, h, mode, q, e, last_big, resume);
        if (e > last_big)
            return R_NONE; /* 조만간, 억만장자 */
        if (!any)
            small.mant = 1, small.scale = 0;
        h->point |= pt;
        if (decimal_shift(&small, (int)e, &small) < 0 || decimal_add(&total, &small, &total) < 0) {
            add_issue(sc, h->num_start, q + l, MSG_OVERFLOW);
            *resume = q + l;
            return R_ISSUE;
        }
        if (mode == MODE_SINO)
            h->nchars++;
        h->korean = 1;
        last_big = h->big = e;
        p = q + l;
        first = 0;
        unsigned en = big_exp(cp_at(sc, p, &l)); /* 억억, 1억억, 5만억 */
        if (en && en >= last_big)
            return refuse_big_units(sc, h, mode, p, en, last_big, resume);
        r = read_next_section(sc, mode, h, &total, &p, last_big, resume);
        if (r == R_CONTINUE)
            continue;
        if (r != R_OK)
            return r;
        break;
    }
    h->v = total;
    h->num_end = p;
    h->end = p;
    return R_OK;
}

/* ---- Native Korean numerals ---- */

struct native_word {
    const char *w;
    size_t len;
    unsigned value;
    enum native_kind kind;
};

static const struct native_word native_tens[] = {
    { LIT("스물"), 20, NAT_CARDINAL }, { LIT("스무"), 20, NAT_PRENOMINAL },
    { LIT("서른"), 30, NAT_CARDINAL }, { LIT("마흔"), 40, NAT_CARDINAL },
    { LIT("예순"), 60, NAT_CARDINAL }, { LIT("일흔"), 70, NAT_CARDINAL },
    { LIT("여든"), 80, NAT_CARDINAL }, { LIT("아흔"), 90, NAT_CARDINAL },
    { LIT("열"), 10, NAT_NEEDS_COUNTER }, { LIT("쉰"), 50, NAT_NEEDS_COUNTER },
};

static const struct native_word native_units[] = {
    { LIT("하나"), 1, NAT_CARDINAL }, { LIT("다섯"), 5, NAT_CARDINAL },
    { LIT("여섯"), 6, NAT_CARDINAL }, { LIT("일곱"), 7, NAT_CARDINAL },
    { LIT("여덟"), 8, NAT_CARDINAL }, { LIT("아홉"), 9, NAT_CARDINAL },
    { LIT("둘"), 2, NAT_CARDINAL },   { LIT("셋"), 3, NAT_CARDINAL },
    { LIT("넷"), 4, NAT_CARDINAL },   { LIT("한"), 1, NAT_PRENOMINAL },
    { LIT("두"), 2, NAT_PRENOMINAL }, { LIT("세"), 3, NAT_PRENOMINAL },
    { LIT("네"), 4, NAT_PRENOMINAL },
};

/* Approximate pairs before a counter: 한두 개, 두세 명, 서너 곳 (a range). */
static const struct native_word native_pairs[] = {
    { LIT("한두"), 1, NAT_PRENOMINAL },   { LIT("두세"), 2, NAT_PRENOMINAL },
    { LIT("서너"), 3, NAT_PRENOMINAL },   { LIT("너덧"), 4, NAT_PRENOMINAL },
    { LIT("네댓"), 4, NAT_PRENOMINAL },   { LIT("대여섯"), 5, NAT_PRENOMINAL },
    { LIT("예닐곱"), 6, NAT_PRENOMINAL },
};

static const struct native_word *match_native(const struct scan *sc, size_t i,
                                              const struct native_word *tab, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (at(sc, i, tab[k].w, tab[k].len))
            return &tab[k];
    return NULL;
}

/* Words after a native numeral that make it a time, an age or an ordinal (한 달, 두 시간,
 * 스무 살, 두 번째). */
static int native_time_word(const struct scan *sc, size_t i)
{
    static const struct { const char *w; size_t len; } words[] = {
        { LIT("시") }, { LIT("달") }, { LIT("해") }, { LIT("살") }, { LIT("주") }, { LIT("날") },
        { LIT("밤") }, { LIT("째") }, { LIT("번째") }, { LIT("분") },
    };
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        if (at(sc, i, words[k].w, words[k].len))
            return 1;
    return 0;
}

static enum res read_native(struct scan *sc, size_t i, struct head *h)
{
    const struct native_word *pair = match_native(sc, i, native_pairs, sizeof native_pairs / sizeof native_pairs[0]);
    if (pair) {
        h->v = (struct decimal){ pair->value, 0, 0 };
        h->high = (struct decimal){ pair->value + 1, 0, 0 };
        h->native_range = 1;
        h->num_end = h->end = i + pair->len;
        h->native = NAT_PRENOMINAL;
        h->korean = 1;
        return R_OK;
    }
    const struct native_word *t = match_native(sc, i, native_tens, sizeof native_tens / sizeof native_tens[0]);
    size_t p = i;
    unsigned value = 0;
    enum native_kind kind = NAT_CARDINAL;
    int parts = 0;
    if (t) {
        value = t->value;
        kind = t->kind;
        p += t->len;
        parts++;
    }
    if (!t || t->kind != NAT_PRENOMINAL) {
        const struct native_word *u = match_native(sc, p, native_units, sizeof native_units / sizeof native_units[0]);
        if (u) {
            value += u->value;
            kind = u->kind;
            p += u->len;
            parts++;
        }
    }
    if (!parts)
        return R_NONE;
    if (parts == 2 && kind == NAT_PRENOMINAL)
        kind = NAT_PRE_COMBO;
    h->v = (struct decimal){ value, 0, 0 };
    h->num_end = h->end = p;
    h->native = kind;
    h->korean = 1;
    return R_OK;
}

/* ---- One figure ---- */

/* Is there an English-scale number ("235B", "10.7B") at i? */
static int eng_number_at(const struct scan *sc, size_t i)
{
    size_t p = i;
    if (!digit_at(sc, p))
        return 0;
    while (digit_at(sc, p) || (byte_at(sc, p) == '.' && digit_at(sc, p + 1)))
        p++;
    int c = byte_at(sc, p);
    if (c != 'B' && c != 'T' && c != 'M' && c != 'K')
        return 0;
    return !is_alnum((unsigned)byte_at(sc, p + 1));
}

/* The token before a space at i-1 (up to whitespace, '(' or ','). */
static void token_before(const struct scan *sc, size_t i, size_t *from, size_t *to)
{
    size_t k = i;
    while (k > 0) {
        unsigned char c = sc->s[k - 1];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(' || c == ',' || c == '\'' || c == '"')
            break;
        k--;
    }
    *from = k;
    *to = i;
}

static int digits_only_token(const struct scan *sc, size_t from, size_t to)
{
    for (size_t k = from; k < to; k++)
        if (!is_digit(sc->s[k]) && sc->s[k] != '.')
            return 0;
    return 1;
}

/* Is the English-scale number at i part of a model name: "GPT-OSS 120B", "큐웬3 235B",
 * "큐웬 3 235B", "큐웬 3-235B", "SEED 8B"? */
static int model_name_before(const struct scan *sc, size_t i)
{
    if (i == 0)
        return 0;
    size_t from, to;
    if (sc->s[i - 1] == '-') {
        token_before(sc, i - 1, &from, &to);
        if (from == to)
            return 0;
        for (size_t k = from; k < to; k++)
            if (!is_digit(sc->s[k]) && sc->s[k] != '.')
                return 0;
        return from > 0 && sc->s[from - 1] == ' ';
    }
    if (sc->s[i - 1] != ' ')
        return 0;
    token_before(sc, i - 1, &from, &to);
    if (from == to)
        return 0;
    int latin = 0, ascii = 1, hangul = 0, digits_only = 1;
    if (is_digit(sc->s[from]) && !digits_only_token(sc, from, to))
        return 0; /* "500B 32B": a figure, not a name */
    for (size_t k = from; k < to; k++) {
        unsigned char c = sc->s[k];
        if (is_alpha(c))
            latin = 1;
        if (c >= 0x80)
            ascii = 0, hangul = 1;
        if (!is_digit(c) && c != '.')
            digits_only = 0;
    }
    if (latin && ascii)
        return 1;
    if (hangul && is_digit(sc->s[to - 1]))
        return 1;
    if (digits_only && from >= 2 && sc->s[from - 1] == ' ') {
        size_t l;
        unsigned c = cp_before(sc, from - 1, &l);
        return text_is_hangul_syllable(c) || is_alpha(c);
    }
    return 0;
}

/* A plain number right after an ASCII word and a space: a version in a name ("V 3.1",
 * "GPT 4"). */
static int latin_word_before(const struct scan *sc, size_t i)
{
    if (i == 0 || sc->s[i - 1] != ' ')
        return 0;
    size_t from, to;
    token_before(sc, i - 1, &from, &to);
    if (from == to)
        return 0;
    int latin = 0;
    for (size_t k = from; k < to; k++) {
        unsigned char c = sc->s[k];
        if (c >= 0x80)
            return 0;
        if (is_alpha(c))
            latin = 1;
    }
    return latin;
}

static unsigned eng_exp_of(int c)
{
    switch (c) {
    case 'K': return 3;
    case 'M': return 6;
    case 'B': return 9;
    case 'T': return 12;
    }
    return 0;
}

/* Prefix qualifier right before i ("약 ", "약", "최대 "). Moves h->start back over it. */
static void read_prefix(const struct scan *sc, size_t i, struct head *h)
{
    const struct prefix_def *p = NULL;
    size_t start = i;
    if (i > 0 && sc->s[i - 1] == ' ') {
        p = prefix_ending_at(sc, i - 1);
        if (p)
            start = i - 1 - p->len;
    } else if (hangul_before(sc, i)) {
        p = prefix_ending_at(sc, i);
        if (p)
            start = i - p->len;
    }
    if (p && p->q != QUAL_NONE) {
        h->qual = p->q;
        h->start = start;
    }
    if (p && p->rate != RATE_NONE) {
        h->rate = p->rate;
        h->start = start;
    }
}

/* "초속 43.5m" is 43.5 m/s and "시속 300km" 300,000 m/h: after a rate word a length is a speed.
 * Without a length unit the rate word says nothing of the figure. */
static void apply_rate(struct head *h)
{
    if (h->rate == RATE_NONE || strcmp(h->unit, "m") != 0) {
        if (h->rate != RATE_NONE)
            h->start = h->num_start;
        return;
    }
    h->unit = h->rate == RATE_PER_SECOND ? "m/s" : "m/h";
}

/* value = num / den as a fraction (unit "fraction"), rounded to 18 places when it does not end
 * (1/3). */
static int set_fraction(struct head *h, const struct decimal *num, const struct decimal *den)
{
    struct decimal v;
    if (decimal_is_zero(den) || decimal_div(num, den, DECIMAL_MAX_SCALE, &v) != 0)
        return -1;
    h->v = v;
    h->unit = "fraction";
    h->fraction = 1;
    return 0;
}

/* "3분의 1", "사분의 삼", "10분의 1": the denominator (already read into h) then 분의 at p and the
 * numerator, in the same script. 이분의 일 is left alone (이분 is "this person"). */
static enum res read_fraction_of(struct scan *sc, struct head *h, size_t p, size_t *resume)
{
    size_t q = p + 6, end = 0, l;
    if (byte_at(sc, q) == ' ')
        q++;
    struct decimal num;
    if (h->mode == MODE_DIGITS) {
        int pt = 0;
        struct scan probe = *sc;
        struct quantity_list scratch = { 0 };
        probe.out = &scratch;
        enum res r = digit_at(sc, q) ? read_digits(&probe, q, &num, &end, &pt) : R_NONE;
        quantity_list_free(&scratch);
        if (r != R_OK || pt)
            return R_NONE;
    } else {
        if (h->nchars == 1 && sino_digit(cp_at(sc, h->num_start, &l)) == 2)
            return R_NONE;
        int korean = 0, pt = 0;
        unsigned nc = 0;
        struct scan probe = *sc;
        struct quantity_list scratch = { 0 };
        probe.out = &scratch;
        enum res r = read_small(&probe, q, MODE_SINO, &num, &end, &korean, &pt, &nc);
        quantity_list_free(&scratch);
        if (r != R_OK || sino_char(cp_at(sc, end, &l)))
            return R_NONE;
    }
    if (!figure_boundary(sc, end) || digit_at(sc, end) || decimal_is_zero(&num))
        return R_NONE;
    struct decimal den = h->v;
    if (set_fraction(h, &num, &den) != 0)
        return R_NONE;
    (void)resume;
    h->num_end = h->end = end;
    return R_OK;
}

/* "3/4", "1/2": a fraction when the numerator is smaller, the denominator at most 12 and no
 * date, quarter or path goes on (12/25, 3/4분기, 1/2/3). */
static enum res read_slash_fraction(struct scan *sc, struct head *h, size_t p)
{
    size_t q = p + 1;
    unsigned den = 0;
    while (digit_at(sc, q) && den < 1000)
        den = den * 10 + (unsigned)(sc->s[q++] - '0');
    if (digit_at(sc, q) || h->point || h->v.scale || den == 0 || den > 12
        || decimal_cmp(&h->v, &(struct decimal){ den, 0, 0 }) >= 0 || decimal_is_zero(&h->v))
        return R_NONE;
    int c = byte_at(sc, q);
    if (c == '/' || c == '.' || c == '-' || c == ':' || (c >= 0 && is_alnum((unsigned)c)) || at(sc, q, LIT("분기"))
        || !figure_boundary(sc, q))
        return R_NONE;
    if (h->num_start > 0 && (sc->s[h->num_start - 1] == '/' || is_digit(sc->s[h->num_start - 1])))
        return R_NONE;
    struct decimal num = h->v, dd = { den, 0, 0 };
    if (set_fraction(h, &num, &dd) != 0)
        return R_NONE;
    h->num_end = h->end = q;
    return R_OK;
}

/* After "10-" at i: digits closed by a unit or a Korean scale, and no further hyphen (a date). */
static int hyphen_range_ahead(const struct scan *sc, size_t i)
{
    size_t q = i, l, ue;
    while (digit_at(sc, q) || ((byte_at(sc, q) == ',' || byte_at(sc, q) == '.') && digit_at(sc, q + 1)))
        q++;
    if (byte_at(sc, q) == '-' || byte_at(sc, q) == ':' || byte_at(sc, q) == '/')
        return 0;
    if (big_exp(cp_at(sc, q, &l)) || match_unit(sc, NULL, q, 1, &ue))
        return 1;
    return byte_at(sc, q) == ' ' && match_unit(sc, NULL, q + 1, 0, &ue) != NULL;
}

/* 점 decimals after a Sino-Korean numeral at *p: 삼점사, 영점오. */
static enum res read_sino_decimals(struct scan *sc, struct head *h, size_t *p, size_t *resume)
{
    size_t l, l2;
    if (cp_at(sc, *p, &l) != CP_JEOM || h->big)
        return R_CONTINUE;
    size_t q = *p + l;
    unsigned d = cp_at(sc, q, &l2);
    if (!(sino_digit(d) > 0 || zero_syllable(d)))
        return R_CONTINUE;
    struct decimal f = h->v;
    while ((d = cp_at(sc, q, &l2)), (sino_digit(d) > 0 || zero_syllable(d))) {
        if (f.scale >= MAX_SCALE) {
            add_issue(sc, h->num_start, q, MSG_DECIMALS);
            *resume = q;
            return R_ISSUE;
        }
        f.mant = f.mant * 10 + (unsigned)(zero_syllable(d) ? 0 : sino_digit(d));
        f.scale++;
        q += l2;
        h->nchars++;
    }
    h->v = f;
    h->point = 1;
    h->nchars += 1;
    *p = h->num_end = h->end = q;
    return R_CONTINUE;
}

/* The active part of a mixture-of-experts size after "100B" (p at the '-'): "-A10", "-A2B",
 * taking the total's scale letter e when it has none. */
static enum res read_moe(struct scan *sc, struct head *h, size_t p, unsigned e, size_t *resume)
{
    if (!(byte_at(sc, p) == '-' && byte_at(sc, p + 1) == 'A' && digit_at(sc, p + 2)))
        return R_OK;
    struct decimal a;
    size_t q;
    int pt;
    enum res ra = read_digits(sc, p + 2, &a, &q, &pt);
    if (ra == R_ISSUE) {
        *resume = q;
        return R_ISSUE;
    }
    if (ra != R_OK)
        return R_OK;
    unsigned ae = eng_exp_of(byte_at(sc, q));
    size_t qe = ae ? q + 1 : q;
    if (is_alnum((unsigned)byte_at(sc, qe)))
        return R_OK;
    if (decimal_shift(&a, (int)(ae ? ae : e), &a) < 0) {
        add_issue(sc, p + 1, qe, MSG_OVERFLOW);
        *resume = qe;
        return R_ISSUE;
    }
    decimal_normalise(&a);
    h->moe = 1;
    h->active = a;
    h->active_start = p + 1;
    h->active_end = qe;
    h->role = QROLE_TOTAL;
    return R_OK;
}

/* An English scale letter at p ("10.7B", "100B-A10", "GPT-OSS 120B"). R_CONTINUE when there
 * is none. */
static enum res read_english_scale(struct scan *sc, struct head *h, size_t p, size_t *resume)
{
    int c = byte_at(sc, p);
    unsigned e = eng_exp_of(c);
    int next = byte_at(sc, p + 1);
    if (e == 3 && !h->point && h->v.mant < 10)
        e = 0; /* 4K, 8K: a resolution, not four thousand */
    if (!e || is_alnum((unsigned)next) || next == '_')
        return R_CONTINUE;
    if (next == '-' && is_alpha((unsigned)byte_at(sc, p + 2))
        && !(byte_at(sc, p + 2) == 'A' && digit_at(sc, p + 3))) {
        *resume = skip_token(sc, p); /* 8B-Instruct */
        return R_SKIP;
    }
    if (decimal_shift(&h->v, (int)e, &h->v) < 0) {
        add_issue(sc, h->num_start, p + 1, MSG_OVERFLOW);
        *resume = p + 1;
        return R_ISSUE;
    }
    h->eng = e;
    p++;
    h->num_end = h->end = p;
    if (model_name_before(sc, h->num_start))
        h->role = QROLE_NAME;
    return read_moe(sc, h, p, e, resume);
}

/* What an ASCII character glued to plain digits makes of them: a time, date, id or path
 * (06:02, 2025-12-28, 12/25), a fraction (3/4), a hyphen range (10-20%), a name's version
 * ("큐웬 3 235B"), an English scale, a unit (5kg), or a token (3D, 5G). R_CONTINUE: none. */
static enum res read_glued_ascii(struct scan *sc, struct head *h, size_t p, size_t *resume)
{
    size_t ue;
    int c = byte_at(sc, p);
    if (c == '/' && digit_at(sc, p + 1) && read_slash_fraction(sc, h, p) == R_OK)
        return R_OK;
    if ((c == ':' || c == '/') && digit_at(sc, p + 1)) {
        *resume = skip_token(sc, p);
        return R_SKIP;
    }
    if ((c == '-' || c == ' ') && eng_number_at(sc, p + 1) && h->num_start > 0
        && sc->s[h->num_start - 1] == ' ') {
        size_t from, to, l3;
        token_before(sc, h->num_start - 1, &from, &to);
        unsigned pc = cp_before(sc, h->num_start - 1, &l3);
        if (from < to && (text_is_hangul_syllable(pc) || is_alpha(pc))) {
            *resume = p; /* "큐웬 3 235B": the 3 is the name's version. */
            return R_SKIP;
        }
    }
    if (c == '-' && digit_at(sc, p + 1)) {
        if (h->num_start == 0 || sc->s[h->num_start - 1] != '-')
            h->hyphen = hyphen_range_ahead(sc, p + 1); /* 10-20%, 3-5명 */
        if (!h->hyphen) {
            *resume = skip_token(sc, p);
            return R_SKIP;
        }
    }
    enum res r = read_english_scale(sc, h, p, resume);
    if (r != R_CONTINUE)
        return r;
    if ((is_alpha((unsigned)c) || c == '_') && !match_unit(sc, h, p, 1, &ue)) {
        *resume = skip_token(sc, p); /* 3D, 5G, 422a7 (but 5kg, 420GWh, 8GB) */
        return R_SKIP;
    }
    return R_CONTINUE;
}

/* Digits that name an event (5·18, 6·25) or a list ending in an ordinal or a date (3·4차수,
 * "1, 2차"): skipped whole. */
static enum res skip_event_or_list(struct scan *sc, const struct head *h, size_t p, size_t *resume)
{
    size_t l, ue;
    if (!h->point && at(sc, p, LIT("\xC2\xB7")) && digit_at(sc, p + 2)) {
        size_t q = p + 2;
        while (digit_at(sc, q))
            q++;
        if (!match_unit(sc, h, q, 1, &ue) && !(byte_at(sc, q) == ' ' && match_unit(sc, h, q + 1, 0, &ue))
            && !big_exp(cp_at(sc, q, &l)) && !stop_suffix(sc, q)) {
            *resume = q;
            return R_SKIP;
        }
    }
    if (h->eng)
        return R_CONTINUE;
    size_t q = p;
    for (int items = 0; items < 4; items++) { /* bounded: "1,1,1,…" stays linear */
        if (at(sc, q, LIT("\xC2\xB7")))
            q += 2;
        else if (byte_at(sc, q) == ',')
            q += 1 + (byte_at(sc, q + 1) == ' ');
        else
            break;
        if (!digit_at(sc, q))
            break;
        while (digit_at(sc, q))
            q++;
        size_t st = stop_suffix(sc, q);
        if (st) {
            *resume = q + st;
            return R_SKIP;
        }
    }
    return R_CONTINUE;
}

/* 여 ("1000여명", "40여 곳") and the date, duration and ordinal words that make the number no
 * figure (2026년, 3일, 4주, 1차) — unless a unit starts there (6개월, 2주간, 1,000주). */
static enum res read_approx_or_stop(struct scan *sc, struct head *h, size_t p, size_t *resume)
{
    size_t ue;
    if (h->mode != MODE_NATIVE && at(sc, p, LIT("여"))) {
        size_t q = p + 3;
        if (!hangul_at(sc, q) || match_unit(sc, h, q, 1, &ue) || stop_suffix(sc, q)) {
            if (h->qual == QUAL_NONE)
                h->qual = QUAL_APPROX;
            p = h->end = q;
        }
    }
    size_t st = stop_suffix(sc, p);
    if (st && h->mode != MODE_NATIVE) {
        const struct unit_spelling *u = match_unit(sc, h, p, 1, &ue);
        if (!u || u->len < st) {
            *resume = p + st;
            return R_SKIP;
        }
    }
    return R_OK;
}

/* Reads the numeral at i and what is glued to it that decides whether it is a figure at all:
 * English scale and MoE, fractions, dates and ordinals. */
static enum res read_head(struct scan *sc, size_t i, enum mode mode, struct head *h, size_t *resume)
{
    memset(h, 0, sizeof *h);
    h->start = h->num_start = i;
    h->mode = mode;
    h->unit = "";
    read_prefix(sc, i, h);
    enum res r;
    size_t zl;
    if (mode == MODE_NATIVE) {
        r = read_native(sc, i, h);
    } else if (mode == MODE_SINO && zero_syllable(cp_at(sc, i, &zl))) {
        h->num_end = h->end = i + zl; /* 영점오 */
        h->nchars = 1;
        r = R_OK;
    } else
        r = read_numeral(sc, i, mode, h, resume);
    if (r != R_OK)
        return r;
    size_t p = h->num_end, l, ue;

    if (mode == MODE_SINO) {
        if ((r = read_sino_decimals(sc, h, &p, resume)) != R_CONTINUE)
            return r;
        unsigned c = cp_at(sc, p, &l);
        if (sino_char(c) || zero_syllable(c))
            return R_NONE; /* 일이, 사이: not a numeral */
    }
    if (mode != MODE_NATIVE && !h->point && !h->big && at(sc, p, LIT("분의"))) {
        enum res rf = read_fraction_of(sc, h, p, resume);
        if (rf != R_NONE)
            return rf;
    }
    if (mode == MODE_DIGITS && !h->korean) {
        if ((r = read_glued_ascii(sc, h, p, resume)) != R_CONTINUE)
            return r;
    } else if (mode == MODE_DIGITS && (is_alpha((unsigned)byte_at(sc, p)) || byte_at(sc, p) == '_')
               && !match_unit(sc, h, p, 1, &ue)) {
        *resume = skip_token(sc, p);
        return R_SKIP;
    }
    if (mode == MODE_DIGITS && !h->korean && (r = skip_event_or_list(sc, h, p, resume)) != R_CONTINUE)
        return r;
    return read_approx_or_stop(sc, h, p, resume);
}

/* Suffix qualifiers at h->end: 이상, 이하, 미만, 초과, 가량, 정도, 넘는 … */
static void read_suffix_qualifier(const struct scan *sc, struct head *h)
{
    static const struct { const char *w; size_t len; enum quantity_qualifier q; } quals[] = {
        { LIT("이상"), QUAL_AT_LEAST }, { LIT("넘는"), QUAL_AT_LEAST }, { LIT("넘게"), QUAL_AT_LEAST },
        { LIT("넘은"), QUAL_AT_LEAST }, { LIT("넘어"), QUAL_AT_LEAST }, { LIT("초과"), QUAL_MORE_THAN },
        { LIT("이하"), QUAL_AT_MOST },  { LIT("이내"), QUAL_AT_MOST },  { LIT("미만"), QUAL_LESS_THAN },
        { LIT("가량"), QUAL_APPROX },   { LIT("정도"), QUAL_APPROX },   { LIT("남짓"), QUAL_APPROX },
        { LIT("안팎"), QUAL_APPROX },   { LIT("내외"), QUAL_APPROX },   { LIT("쯤"), QUAL_APPROX },
    };
    /* Nouns that make a figure approximate ("7B 규모", "3% 수준", "500B급"): only where they
     * end the word (규모로, 수준의), and 급 only glued (a spaced 급 starts 급증, 급락). */
    static const struct { const char *w; size_t len; int glued; } nouns[] = {
        { LIT("규모"), 0 }, { LIT("수준"), 0 }, { LIT("급"), 1 },
    };
    size_t p = h->end;
    for (size_t k = 0; k < sizeof nouns / sizeof nouns[0]; k++) {
        size_t q = p + (!nouns[k].glued && byte_at(sc, p) == ' ');
        if (at(sc, q, nouns[k].w, nouns[k].len) && figure_boundary(sc, q + nouns[k].len)) {
            if (h->qual == QUAL_NONE)
                h->qual = QUAL_APPROX;
            h->end = q + nouns[k].len;
            return;
        }
    }
    for (int pass = 0; pass < 2; pass++) {
        size_t q = p;
        if (pass == 1) {
            /* "100억이 넘는", "100억을 넘어": a particle, a space, then 넘- */
            size_t l;
            unsigned c = cp_at(sc, q, &l);
            if (!particle_may_start(c, PARTICLE_SUBJECT | PARTICLE_TOPIC | PARTICLE_OBJECT))
                return;
            q += l;
            if (byte_at(sc, q) != ' ' || !at(sc, q + 1, LIT("넘")))
                return;
        }
        if (byte_at(sc, q) == ' ')
            q++;
        for (size_t k = 0; k < sizeof quals / sizeof quals[0]; k++) {
            if (pass == 1 && k > 4)
                break;
            if (at(sc, q, quals[k].w, quals[k].len)) {
                if (h->qual == QUAL_NONE)
                    h->qual = quals[k].q;
                h->end = q + quals[k].len;
                return;
            }
        }
    }
}

/* One Hangul numeral syllable is a figure only before money or a count, and only where no
 * word reads the same: 십/백/천/만 before money, people, things, cases, households or votes
 * (만 원, 천 명, 만불, 십센트); a digit syllable only before a currency of two or more
 * syllables (구파운드, 삼달러) — 사원, 구원, 일원, 이번, 이표 are words. */
static int sino_syllable_takes(const struct scan *sc, const struct head *h, const struct unit_spelling *u)
{
    size_t l;
    unsigned c0 = cp_at(sc, h->num_start, &l);
    int money = units_dimension(sc->reg, u->unit) == UNIT_DIM_MONEY;
    if (small_exp(c0) || c0 == 0xB9CC) /* 십 백 천 만 (조건, 억: not 만 원) */
        return money || !strcmp(u->unit, "people") || !strcmp(u->unit, "count")
               || !strcmp(u->unit, "cases") || !strcmp(u->unit, "households") || !strcmp(u->unit, "votes");
    return sino_digit(c0) > 0 && money && u->len >= 6 && !is_alnum((unsigned char)u->text[0]);
}

/* The figure is in spelling u: take its canonical unit and convert the value ("420GWh" is
 * 420·10^9 Wh, "십센트" 0.1 USD). */
static enum res apply_unit(struct scan *sc, struct head *h, const struct unit_spelling *u, size_t *resume)
{
    h->unit = u->unit;
    h->factor = u->factor;
    static const struct decimal one = { 1, 0, 0 };
    if (decimal_cmp(&u->factor, &one) == 0)
        return R_OK;
    if (decimal_mul(&h->v, &u->factor, &h->v) < 0 || (h->native_range && decimal_mul(&h->high, &u->factor, &h->high) < 0)) {
        add_issue(sc, h->num_start, h->end, MSG_OVERFLOW);
        *resume = h->end;
        return R_ISSUE;
    }
    return R_OK;
}

/* Reads the unit or counter after the numeral and the suffix qualifiers. Returns R_NONE when
 * the numeral turns out to be part of a word, R_SKIP (with *resume) for a ranking (3대 강국). */
static enum res read_tail(struct scan *sc, struct head *h, size_t *resume)
{
    size_t p = h->end, ue = 0;
    const struct unit_spelling *u = NULL;
    int spaced = 0;
    if (h->role == QROLE_NAME || h->moe)
        return R_OK;
    if (h->fraction) {
        read_suffix_qualifier(sc, h);
        return R_OK;
    }
    u = match_unit(sc, h, p, 1, &ue);
    if (!u && byte_at(sc, p) == ' ') {
        u = match_unit(sc, h, p + 1, 0, &ue);
        spaced = u != NULL;
    }
    if (u && h->mode == MODE_NATIVE && !(u->flags & UNIT_COUNTER))
        u = NULL;
    if (u && (u->flags & UNIT_DAE)) {
        /* 3대 강국, 5대 은행, 3대강국: a ranking. 20대 남성: an age. GPU 1만 대: machines. */
        int small = !h->big && !h->point && !h->eng && h->v.mant <= 90;
        if (!figure_boundary(sc, ue)) {
            if (small || h->mode == MODE_NATIVE) {
                *resume = ue;
                return R_SKIP;
            }
            u = NULL;
        } else if (small && byte_at(sc, ue) == ' ' && ranking_noun(sc, ue + 1)) {
            *resume = ue;
            return R_SKIP;
        }
    }
    if (u && h->mode == MODE_NATIVE && native_time_word(sc, spaced ? p + 1 : p))
        u = NULL;
    if (u && h->mode == MODE_SINO && h->nchars < 2 && !sino_syllable_takes(sc, h, u))
        return R_NONE;
    if (u) {
        enum res rf = apply_unit(sc, h, u, resume);
        if (rf != R_OK)
            return rf;
        h->end = ue;
        apply_rate(h);
        if ((u->flags & UNIT_RANGE_DAE) && at(sc, ue, LIT("대")) && figure_boundary(sc, ue + 3)) {
            if (h->qual == QUAL_NONE)
                h->qual = QUAL_APPROX;
            h->end = ue + 3;
        }
    } else {
        apply_rate(h);
        /* No unit: is the number still a figure where it stands? */
        size_t q = h->end;
        if (h->mode == MODE_NATIVE) {
            if (h->native == NAT_PRENOMINAL || h->native == NAT_NEEDS_COUNTER)
                return R_NONE;
            if (!figure_boundary(sc, q))
                return R_NONE;
            if (byte_at(sc, q) == ' ' && native_time_word(sc, q + 1)) {
                *resume = q;
                return R_SKIP;
            }
        } else if (h->mode == MODE_SINO) {
            if (!figure_boundary(sc, q) || h->nchars < 2)
                return R_NONE;
        }
    }
    if (h->mode == MODE_SINO && !u && sino_word(sc, h->num_start, h->num_end))
        return R_NONE; /* 구조, 이만, 오만, 구경: words unless a unit follows */
    read_suffix_qualifier(sc, h);
    if (h->mode == MODE_SINO && !figure_boundary(sc, h->end))
        return R_NONE;
    return R_OK;
}

static struct quantity *push(struct scan *sc)
{
    struct quantity_list *o = sc->out;
    xgrow(&o->items, &o->cap, o->count + 1, sizeof *o->items);
    struct quantity *q = &o->items[o->count++];
    memset(q, 0, sizeof *q);
    return q;
}

static void head_to_quantity(const struct head *h, struct quantity *q)
{
    q->offset = h->start;
    q->length = h->end - h->start;
    q->value = h->v;
    decimal_normalise(&q->value);
    q->unit = h->unit;
    q->qualifier = h->qual;
    q->role = h->role;
    q->english_scale = h->eng != 0;
}

/* First syllables of the native numerals: a cheap filter before the word tables. */
static int native_first(unsigned c)
{
    switch (c) {
    case 0xC2A4: /* 스 */ case 0xC11C: /* 서 */ case 0xB9C8: /* 마 */ case 0xC608: /* 예 */
    case 0xC77C: /* 일 */ case 0xC5EC: /* 여 */ case 0xC544: /* 아 */ case 0xC5F4: /* 열 */
    case 0xC270: /* 쉰 */ case 0xD558: /* 하 */ case 0xB2E4: /* 다 */ case 0xB458: /* 둘 */
    case 0xC14B: /* 셋 */ case 0xB137: /* 넷 */ case 0xD55C: /* 한 */ case 0xB450: /* 두 */
    case 0xC138: /* 세 */ case 0xB124: /* 네 */ case 0xB108: /* 너 */ case 0xB300: /* 대 */
        return 1;
    }
    return 0;
}

static int head_start_at(const struct scan *sc, size_t i, enum mode *mode)
{
    size_t l;
    unsigned c = cp_at(sc, i, &l);
    if (is_digit(c)) {
        if (c == '0' && digit_at(sc, i + 1))
            return 0;
        *mode = MODE_DIGITS;
        return 1;
    }
    if (text_is_hangul_syllable(c)) {
        if (native_first(c) && (match_native(sc, i, native_tens, sizeof native_tens / sizeof native_tens[0])
            || match_native(sc, i, native_units, sizeof native_units / sizeof native_units[0])
            || match_native(sc, i, native_pairs, sizeof native_pairs / sizeof native_pairs[0]))) {
            *mode = MODE_NATIVE;
            return 1;
        }
        if (sino_char(c) || (zero_syllable(c) && cp_at(sc, i + l, &l) == CP_JEOM)) {
            *mode = MODE_SINO;
            return 1;
        }
    }
    return 0;
}

/* Reads a complete second figure (range end, restatement) at i. */
static enum res read_full(struct scan *sc, size_t i, struct head *h, size_t *resume)
{
    enum mode mode;
    if (!head_start_at(sc, i, &mode))
        return R_NONE;
    size_t l;
    enum res r = read_head(sc, i, mode, h, resume);
    if (r == R_NONE && mode == MODE_NATIVE && sino_char(cp_at(sc, i, &l)))
        r = read_head(sc, i, MODE_SINO, h, resume);
    if (r != R_OK)
        return r;
    return read_tail(sc, h, resume);
}

/* Where scanning continues after a numeral that is no figure. */
static size_t reject_at(const struct scan *sc, size_t i, enum mode mode)
{
    size_t l;
    cp_at(sc, i, &l);
    return mode == MODE_DIGITS ? skip_token(sc, i) : i + l;
}

/* Where "마이너스" or "영하" ends at i as a word of its own (not the end of a longer Hangul
 * word or a Latin/digit token): its start, or SIZE_MAX. Not below floor. */
static size_t minus_word_start(const struct scan *sc, size_t i, size_t floor)
{
    static const char *const words[] = { "마이너스", "영하" };
    for (size_t k = 0; k < sizeof words / sizeof *words; k++) {
        size_t wl = strlen(words[k]), l;
        if (i < wl || i - wl < floor || memcmp(sc->s + i - wl, words[k], wl) != 0)
            continue;
        unsigned before = cp_before(sc, i - wl, &l);
        if (!text_is_hangul_syllable(before) && !is_alnum(before))
            return i - wl;
    }
    return SIZE_MAX;
}

/* "마이너스3%", "영하10도": a minus word glued to the digits at i. */
static int minus_word_ending_at(const struct scan *sc, size_t i)
{
    return minus_word_start(sc, i, 0) != SIZE_MAX;
}

/* A currency written before the number ("$10B", "€ 20", "EUR 20", "US$5", "₩5000"): the
 * spelling that ends at i (or at i-1 before a space), standing as a word of its own. Moves
 * *start back over it. */
static const struct unit_spelling *prefix_unit(const struct scan *sc, size_t i, size_t *start)
{
    for (int spaced = 0; spaced < 2; spaced++) {
        size_t e = i - (size_t)spaced;
        if (spaced && (i == 0 || sc->s[i - 1] != ' '))
            break;
        const struct unit_spelling *u = units_match_prefix(sc->reg, (const char *)sc->s, e);
        if (!u)
            continue;
        size_t b = e - u->len;
        size_t l;
        if (b < scan_floor(sc))
            continue; /* "3 GBP 3": the code already closed the figure before */
        unsigned before = cp_before(sc, b, &l);
        if (is_alnum(before) || text_is_hangul_syllable(before) || before == '_')
            continue; /* "BEUR 20", "한USD" */
        *start = b;
        return u;
    }
    return NULL;
}

/* Emits "100B-A10": the total, then the active part. */
static size_t emit_moe(struct scan *sc, const struct head *a)
{
    struct quantity *t = push(sc);
    head_to_quantity(a, t);
    struct quantity *act = push(sc);
    act->offset = a->active_start;
    act->length = a->active_end - a->active_start;
    act->value = a->active;
    act->unit = "";
    act->role = QROLE_ACTIVE;
    act->english_scale = 1;
    return a->active_end;
}

/* The low end of "10~20억 원" / "10-20GWh" takes the high end's 만/억/조 or B/T and its unit's
 * factor when it has none of its own, as long as it then stays at or below the high end. */
static struct decimal range_low(const struct head *a, const struct head *b)
{
    struct decimal low = a->v, t = a->v;
    if (!a->big && !a->eng && (b->big || b->eng)
        && decimal_shift(&t, (int)(b->eng ? b->eng : b->big), &t) == 0 && decimal_cmp(&t, &b->v) <= 0)
        low = t;
    if (!a->unit[0] && b->unit[0] && b->factor.mant) {
        struct decimal u = low;
        if (decimal_mul(&u, &b->factor, &u) >= 0 && decimal_cmp(&u, &b->v) <= 0)
            low = u;
    }
    return low;
}

/* A range after the figure a: "10~20억", "10억~20억 원", "3~5명", and with a hyphen between
 * plain numbers when a unit or a Korean scale closes it and the ends rise: "10-20%",
 * "3-5명" (never a score "2-0", a span "1-3", an id "2025-12"). Returns where scanning continues,
 * or 0 when there is no range here; *stop set means stop (a span of years was skipped). */
static size_t try_range(struct scan *sc, const struct head *a, size_t sp, size_t tl, int hyphen)
{
    struct head b;
    size_t bs = sp + tl;
    if (!hyphen && byte_at(sc, bs) == ' ')
        bs++;
    size_t r2resume = bs;
    size_t save_issues = sc->out->n_issues;
    enum res r2 = read_full(sc, bs, &b, &r2resume);
    if (hyphen && r2 != R_OK)
        sc->out->n_issues = save_issues;
    if (!hyphen && (r2 == R_SKIP || r2 == R_ISSUE))
        return r2resume > bs ? r2resume : bs; /* 2026~2027년: a span of years */
    if (r2 != R_OK || b.moe || b.role != QROLE_NONE || b.start != b.num_start)
        return 0;
    struct decimal low = range_low(a, &b);
    if (hyphen && (!(b.unit[0] || b.big || b.eng) || a->unit[0] || a->big || b.qual != QUAL_NONE
                   || decimal_cmp(&low, &b.v) >= 0))
        return 0;
    struct quantity *q = push(sc);
    q->offset = a->start;
    q->length = b.end - a->start;
    q->value = low;
    decimal_normalise(&q->value);
    q->high = b.v;
    decimal_normalise(&q->high);
    q->unit = b.unit[0] ? b.unit : a->unit;
    q->qualifier = QUAL_RANGE;
    q->english_scale = a->eng || b.eng;
    return b.end;
}

/* "500B(5000억 개)", "5000억개(500B)": the figure q restated in parentheses at pp, in the same
 * unit or with one side unitless. Returns where scanning continues, or 0 when there is no
 * restatement. */
static size_t try_restatement(struct scan *sc, const struct head *a, size_t qi, size_t pp)
{
    size_t bs = pp + 1;
    while (byte_at(sc, bs) == ' ')
        bs++;
    struct head b;
    size_t r2resume = bs;
    size_t save_issues = sc->out->n_issues;
    enum res r2 = read_full(sc, bs, &b, &r2resume);
    sc->out->n_issues = save_issues; /* the inner figure is read again if not merged */
    if (r2 != R_OK || b.moe || b.role != QROLE_NONE)
        return 0;
    size_t e = b.end;
    while (byte_at(sc, e) == ' ')
        e++;
    if (byte_at(sc, e) != ')')
        return 0;
    struct quantity *q = &sc->out->items[qi];
    /* two units: another measure of the same thing ("25.3포인트(1.02%)", "5억 달러(7000억
     * 원)"), two figures — a restatement gives a unit to a figure that has none */
    if (q->unit[0] && b.unit && b.unit[0] && strcmp(q->unit, b.unit) != 0)
        return 0;
    struct decimal bv = b.v;
    decimal_normalise(&bv);
    q->restated = 1;
    q->restatement_agrees = decimal_cmp(&q->value, &bv) == 0;
    if (!q->unit[0])
        q->unit = b.unit;
    if (q->qualifier == QUAL_NONE)
        q->qualifier = b.qual;
    q->english_scale |= b.eng != 0;
    struct head tail = *a;
    tail.end = e + 1;
    read_suffix_qualifier(sc, &tail);
    if (q->qualifier == QUAL_NONE)
        q->qualifier = tail.qual;
    q->length = tail.end - q->offset;
    return tail.end;
}

/* Reads the numeral at i in mode (falling back from native to Sino-Korean: 열 vs 십). */
static enum res read_first(struct scan *sc, size_t i, enum mode mode, struct head *a, size_t *resume)
{
    enum res r = read_head(sc, i, mode, a, resume);
    if (r == R_NONE && mode == MODE_NATIVE) {
        size_t l;
        if (sino_char(cp_at(sc, i, &l)))
            r = read_head(sc, i, MODE_SINO, a, resume);
    }
    return r;
}

/* Is the △ at pos a list bullet ("△AI 반도체 △3개 사업 육성")? Korean prose marks list items
 * with △; financial tables mark decreases with it. Another △ nearby that is not followed by a
 * digit says this is a list. (A bounded window: the scan stays linear.) */
static int triangle_is_bullet(const struct scan *sc, size_t pos)
{
    static const char tri[] = "\xE2\x96\xB3";
    size_t from = pos > 300 ? pos - 300 : 0, to = pos + 300 < sc->n ? pos + 300 : sc->n;
    for (size_t k = from; k + 3 <= to; k++) {
        if (k == pos || sc->s[k] != 0xE2 || memcmp(sc->s + k, tri, 3) != 0)
            continue;
        size_t q = k + 3;
        while (q < sc->n && sc->s[q] == ' ')
            q++;
        if (!digit_at(sc, q))
            return 1;
    }
    return 0;
}

/* The sign before a figure: "-3%" (the caller saw the minus: sign_len bytes), "−3%",
 * "마이너스 3%", "영하 12도" (below zero), "△1,176억" (Korean financial tables: a decrease; not
 * a list's bullet), "▽", "▼", "↓" (a fall in market reports: "(↓1.2%)").
 * Moves a->start back over it. ▲ and ↑ mark an increase and are no sign. */
static void read_sign(const struct scan *sc, size_t i, struct head *a, int sign_len)
{
    if (sign_len) {
        a->v.negative = a->v.mant != 0;
        if (a->start == i)
            a->start = i - (size_t)sign_len;
        return;
    }
    static const struct { const char *w; size_t len; } minus[] = {
        { LIT("\xE2\x96\xB3") }, /* △ */
        { LIT("\xE2\x96\xBD") }, /* ▽ */
        { LIT("\xE2\x96\xBC") }, /* ▼ */
        { LIT("\xE2\x86\x93") }, /* ↓ */
    };
    size_t from = a->start, floor = scan_floor(sc);
    for (size_t k = 0; k < sizeof minus / sizeof minus[0]; k++) {
        size_t wl = minus[k].len;
        if (from < wl || from - wl < floor || memcmp(sc->s + from - wl, minus[k].w, wl) != 0)
            continue;
        if (k == 0 && triangle_is_bullet(sc, from - wl))
            continue;
        a->v.negative = a->v.mant != 0;
        a->start = from - wl;
        return;
    }
    /* a minus word, glued or one space before the number */
    size_t w = minus_word_start(sc, from, floor);
    if (w == SIZE_MAX && from > floor && sc->s[from - 1] == ' ')
        w = minus_word_start(sc, from - 1, floor);
    if (w != SIZE_MAX) {
        a->v.negative = a->v.mant != 0;
        a->start = w;
    }
}

/* A falling arrow glued after a figure ("12.5%↓", headlines and tables) is its minus sign and
 * part of it; one that opens the next figure ("3%↓1.2%") is that figure's. */
static void falling_arrow_after(const struct scan *sc, struct head *a)
{
    if (!at(sc, a->end, LIT("\xE2\x86\x93")) || digit_at(sc, a->end + 3))
        return;
    if (!a->v.negative)
        a->v.negative = a->v.mant != 0;
    a->end += 3;
}

/* Handles a figure whose numeral starts at i. Returns where scanning continues. */
static size_t scan_figure(struct scan *sc, size_t i, enum mode mode, int sign_len)
{
    struct head a;
    size_t resume = i + 1;
    enum res r = read_first(sc, i, mode, &a, &resume);
    if (r == R_SKIP || r == R_ISSUE)
        return resume > i ? resume : i + 1;
    if (r == R_NONE)
        return reject_at(sc, i, mode);
    read_sign(sc, i, &a, sign_len);
    size_t pstart = a.start;
    const struct unit_spelling *pre = mode == MODE_DIGITS && a.start == i ? prefix_unit(sc, i, &pstart) : NULL;
    if (a.moe)
        return emit_moe(sc, &a);

    if (a.hyphen) { /* 10-20%, 3-5명; else a token such as a score (2-0) or an id */
        size_t next = pre ? 0 : try_range(sc, &a, a.end, 1, 1);
        return next ? next : skip_token(sc, a.num_start);
    }
    if (mode == MODE_DIGITS && !a.korean && !a.eng && at(sc, a.end, LIT("\xE2\x80\x93")) && digit_at(sc, a.end + 3)) {
        /* an en dash joins like a hyphen: 1–3명 is a range, 2–0 a score (skipped whole) */
        size_t next = !pre && hyphen_range_ahead(sc, a.end + 3) ? try_range(sc, &a, a.end, 3, 1) : 0;
        return next ? next : skip_token(sc, a.end + 3);
    }

    /* A range: 10~20억, 10억~20억 원, 3~5명. */
    int tail_done = 0;
    size_t sp = a.end + (byte_at(sc, a.end) == ' ');
    size_t tl = tilde_at(sc, sp);
    if (!tl) {
        enum res rt = read_tail(sc, &a, &resume);
        if (rt == R_SKIP || rt == R_ISSUE)
            return resume > i ? resume : i + 1;
        if (rt == R_NONE)
            return reject_at(sc, i, mode);
        tail_done = 1;
        sp = a.end + (byte_at(sc, a.end) == ' ');
        tl = tilde_at(sc, sp);
    }
    if (tl && a.role == QROLE_NONE && !pre) {
        size_t next = try_range(sc, &a, sp, tl, 0);
        if (next)
            return next;
    }
    if (!tail_done) {
        enum res rt = read_tail(sc, &a, &resume);
        if (rt == R_SKIP || rt == R_ISSUE)
            return resume > i ? resume : i + 1;
        if (rt == R_NONE)
            return reject_at(sc, i, mode);
    }
    if (pre && !a.unit[0]) {
        if (apply_unit(sc, &a, pre, &resume) != R_OK)
            return resume > i ? resume : i + 1;
        a.start = pstart;
    }
    if (a.native_range) {
        struct quantity *q = push(sc);
        head_to_quantity(&a, q);
        q->high = a.high;
        q->qualifier = QUAL_RANGE;
        return a.end;
    }

    /* A bare number after an ASCII word is a version in a name: V 3.1, GPT 4. */
    if (mode == MODE_DIGITS && !a.unit[0] && !a.eng && !a.korean && a.qual == QUAL_NONE
        && latin_word_before(sc, a.num_start))
        return a.end;

    falling_arrow_after(sc, &a);
    struct quantity *q = push(sc);
    size_t qi = sc->out->count - 1;
    head_to_quantity(&a, q);
    size_t pp = a.end + (byte_at(sc, a.end) == ' ');
    if (byte_at(sc, pp) == '(' && a.role == QROLE_NONE) {
        size_t next = try_restatement(sc, &a, qi, pp);
        if (next)
            return next;
    }
    return a.end > i ? a.end : i + 1;
}

/* ---- The scanner ---- */

static int validate_utf8(const char *text, size_t len, size_t *bad)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    while (i < len) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0) {
            *bad = i;
            return -1;
        }
        i += (size_t)n;
    }
    return 0;
}

/* A numeral written from its decimal point, the point at i - 1 ("타율 .347", "(.5%)"): the
 * figure read from the digits, divided by ten for each of them. Only a plain run of digits:
 * ".1,000" or ".1.5" is no number, and a range from such a start is not read. */
static size_t leading_point_figure(struct scan *sc, size_t i)
{
    size_t e = i;
    while (digit_at(sc, e))
        e++;
    if ((byte_at(sc, e) == ',' || byte_at(sc, e) == '.') && digit_at(sc, e + 1))
        return skip_token(sc, i);
    size_t before = sc->out->count;
    size_t next = scan_figure(sc, i, MODE_DIGITS, 0);
    if (sc->out->count == before)
        return next;
    struct quantity *q = &sc->out->items[before];
    if (q->offset != i || q->qualifier == QUAL_RANGE ||
        q->value.scale + (e - i) > DECIMAL_MAX_SCALE) {
        sc->out->count = before;   /* drop what was read from a misread start */
        return skip_token(sc, i);
    }
    q->value.scale += (unsigned)(e - i);
    decimal_normalise(&q->value);
    q->offset = i - 1;
    q->length++;
    return next;
}

/* Digits at i: decide from what stands before them whether they can start a figure. */
static size_t at_digit(struct scan *sc, size_t i)
{
    size_t l;
    unsigned prev = cp_before(sc, i, &l);
    int negative = 0;
    size_t pstart;
    if (is_alpha(prev) && prefix_unit(sc, i, &pstart))
        return scan_figure(sc, i, MODE_DIGITS, 0); /* USD20, US$5 */
    if (is_alpha(prev) || prev == '_' || prev == '#' || prev == '/' || prev == '@' || prev == '\\'
        || prev == '&' || prev == '=' || prev == ':')
        return skip_token(sc, i);
    if (prev == '.') {
        size_t l2;
        unsigned pp = cp_before(sc, i - 1, &l2);
        if (is_alnum(pp))
            return skip_token(sc, i);
        /* a numeral starts at its point only after a space, '(' or '[' ("타율 .347",
         * "(.5%)"); after a syllable, a quote or a bracket it ends a glued sentence
         * ("…했다.5개", "…이다).5개") */
        if (i == 1 || pp == ' ' || pp == '(' || pp == '[')
            return leading_point_figure(sc, i);
    }
    if (prev == '-' || prev == 0x2212) {
        size_t l2;
        unsigned pp = cp_before(sc, i - l, &l2);
        if (is_digit(pp)) {
            /* "큐웬 3-235B" is a name with its size; "3-4" and other glued tokens are not figures. */
            if (!(eng_number_at(sc, i) && model_name_before(sc, i)))
                return skip_token(sc, i);
        } else if (is_alpha(pp) || text_is_hangul_syllable(pp) || pp == '_' || pp == '.') {
            return skip_token(sc, i);
        } else {
            negative = (int)l; /* '-' or U+2212 MINUS SIGN, not a dash: the sign's length */
        }
    }
    if (text_is_hangul_syllable(prev)) {
        const struct prefix_def *p = prefix_ending_at(sc, i);
        if (!p && !minus_word_ending_at(sc, i))
            return skip_token(sc, i); /* 큐웬3, 뉴스1, 제1회 */
    }
    if (sc->s[i] == '0' && digit_at(sc, i + 1))
        return skip_token(sc, i); /* 029, 0003001728: ids */
    return scan_figure(sc, i, MODE_DIGITS, negative);
}

int quantity_scan(const char *text, size_t len, struct quantity_list *out, size_t *bad_offset)
{
    return quantity_scan_units(units_builtin(), text, len, out, bad_offset);
}

int quantity_scan_units(const struct unit_registry *units, const char *text, size_t len,
                        struct quantity_list *out, size_t *bad_offset)
{
    size_t bad = 0;
    if (validate_utf8(text, len, &bad) < 0) {
        if (bad_offset)
            *bad_offset = bad;
        return -1;
    }
    struct scan sc = { (const unsigned char *)text, len, out, units ? units : units_builtin(), out->count };
    size_t i = 0;
    int prev_word = 0; /* the previous code point was Hangul or ASCII alphanumeric */
    while (i < len) {
        unsigned char c = sc.s[i];
        if (c < 0x80) {
            if (is_digit(c) && !prev_word) {
                size_t next = at_digit(&sc, i);
                i = next > i ? next : i + 1;
                prev_word = i > 0 && (is_alnum(sc.s[i - 1]) || hangul_before(&sc, i));
                continue;
            }
            if (is_digit(c)) {
                /* Digits glued to a word: only a glued prefix (약330억) lets them count. */
                size_t ps;
                if ((hangul_before(&sc, i) && (prefix_ending_at(&sc, i) || minus_word_ending_at(&sc, i)))
                    || prefix_unit(&sc, i, &ps)) {
                    size_t next = at_digit(&sc, i);
                    i = next > i ? next : i + 1;
                } else {
                    i = skip_token(&sc, i);
                }
                prev_word = i > 0 && (is_alnum(sc.s[i - 1]) || hangul_before(&sc, i));
                continue;
            }
            prev_word = is_alnum(c) || c == '_';
            i++;
            continue;
        }
        size_t l;
        unsigned cp = cp_at(&sc, i, &l);
        if (text_is_hangul_syllable(cp)) {
            if (!prev_word) {
                enum mode mode;
                if (head_start_at(&sc, i, &mode)) {
                    size_t next = scan_figure(&sc, i, mode, 0);
                    if (next > i + l) {
                        i = next;
                        prev_word = is_alnum(sc.s[i - 1]) || hangul_before(&sc, i);
                        continue;
                    }
                }
            }
            prev_word = 1;
        } else {
            prev_word = 0;
        }
        i += l;
    }
    return 0;
}

/* ---- The `exporter quantities` subcommand ---- */

static unsigned column_of(const char *line, size_t off)
{
    unsigned col = 1;
    for (size_t k = 0; k < off; k++)
        if (((unsigned char)line[k] & 0xC0) != 0x80)
            col++;
    return col;
}

static void print_field(FILE *out, const char *s, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        char c = s[k];
        fputc(c == '\t' || c == '\n' || c == '\r' ? ' ' : c, out);
    }
}

enum exp_status quantity_print_lines(FILE *in, FILE *out, struct diag *d)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    unsigned lineno = 0;
    enum exp_status st = EXP_OK;
    struct quantity_list list = { 0 };
    struct unit_registry *units = units_new();
    char vbuf[64], hbuf[64];

    while ((got = getline(&line, &cap, in)) >= 0) {
        lineno++;
        size_t n = (size_t)got;
        if (n > 0 && line[n - 1] == '\n')
            n--;
        if (n > 0 && line[n - 1] == '\r')
            n--;
        quantity_list_clear(&list);
        size_t bad = 0;
        if (quantity_scan_units(units, line, n, &list, &bad) < 0) {
            diag_error(d, "<stdin>", lineno, column_of(line, bad), "invalid UTF-8 (byte 0x%02X)",
                       (unsigned char)line[bad]);
            st = EXP_DATAERR;
            continue;
        }
        if (list.n_issues) {
            for (size_t k = 0; k < list.n_issues; k++) {
                const struct quantity_issue *is = &list.issues[k];
                diag_error(d, "<stdin>", lineno, column_of(line, is->offset), "%s: '%.*s'", is->message,
                           (int)is->length, line + is->offset);
            }
            st = EXP_DATAERR;
            continue;
        }
        for (size_t k = 0; k < list.count; k++) {
            const struct quantity *q = &list.items[k];
            decimal_format(&q->value, vbuf, sizeof vbuf);
            fprintf(out, "%u\t", lineno);
            print_field(out, line + q->offset, q->length);
            if (q->qualifier == QUAL_RANGE) {
                decimal_format(&q->high, hbuf, sizeof hbuf);
                fprintf(out, "\t%s..%s", vbuf, hbuf);
            } else {
                fprintf(out, "\t%s", vbuf);
            }
            fprintf(out, "\t%s\t%s\t%s\n", q->unit, quantity_qualifier_name(q->qualifier),
                    quantity_role_name(q->role));
            if (q->restated && !q->restatement_agrees)
                diag_warning(d, "<stdin>", lineno, column_of(line, q->offset),
                             "the restatement in '%.*s' gives a different value", (int)q->length,
                             line + q->offset);
        }
    }
    if (ferror(in))
        st = EXP_IOERR;
    free(line);
    quantity_list_free(&list);
    units_free(units);
    if (fflush(out) != 0 || ferror(out))
        st = EXP_IOERR;
    return st;
}

/* decimal.c — see decimal.h.
 *
 * A value is a 128-bit magnitude and a decimal scale. The range (|v| ≤ 10^20, ≤ 18 places)
 * keeps every magnitude below 10^38 < 2^128, so aligning two values to a common scale and
 * adding them never wraps; products and quotients check before they multiply. */
#include "util/decimal.h"

#include <string.h>

typedef unsigned __int128 u128;

#define U128_MAX (~(u128)0)

#define P19 ((u128)10000000000000000000ull)
static const u128 pow10_table[39] = {
    1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull, 10000000ull, 100000000ull,
    1000000000ull, 10000000000ull, 100000000000ull, 1000000000000ull, 10000000000000ull,
    100000000000000ull, 1000000000000000ull, 10000000000000000ull, 100000000000000000ull,
    1000000000000000000ull, P19, P19 * 10, P19 * 100, P19 * 1000, P19 * 10000, P19 * 100000,
    P19 * 1000000, P19 * 10000000, P19 * 100000000, P19 * 1000000000, P19 * 10000000000ull,
    P19 * 100000000000ull, P19 * 1000000000000ull, P19 * 10000000000000ull,
    P19 * 100000000000000ull, P19 * 1000000000000000ull, P19 * 10000000000000000ull,
    P19 * 100000000000000000ull, P19 * 1000000000000000000ull, P19 * P19,
};

u128 decimal_pow10(unsigned k)
{
    return pow10_table[k < 39 ? k : 38];
}

static inline u128 pow10u(unsigned k)
{
    return pow10_table[k < 39 ? k : 38];
}

/* Within the range: |v| ≤ 10^20 and scale ≤ 18. */
static int in_range(u128 mant, unsigned scale)
{
    return scale <= DECIMAL_MAX_SCALE && mant <= pow10u(DECIMAL_LIMIT_EXP + scale);
}

void decimal_normalise(struct decimal *v)
{
    while (v->scale > 0 && v->mant % 10 == 0) {
        v->mant /= 10;
        v->scale--;
    }
    if (v->mant == 0) {
        v->negative = 0;
        v->scale = 0;
    }
}

struct decimal decimal_from_int(long long v)
{
    struct decimal d = { 0, 0, v < 0 };
    d.mant = v < 0 ? (u128)(-(v + 1)) + 1 : (u128)v;
    return d;
}

int decimal_parse(const char *s, size_t len, struct decimal *out)
{
    if (!s)
        return -1;
    size_t i = 0;
    int negative = 0;
    if (i < len && (s[i] == '-' || s[i] == '+'))
        negative = s[i++] == '-';
    u128 m = 0;
    unsigned scale = 0;
    size_t digits = 0;
    int point = 0;
    for (; i < len; i++) {
        char c = s[i];
        if (c == '.' && !point) {
            point = 1;
            continue;
        }
        if (c < '0' || c > '9')
            return -1;
        if (m > pow10u(38)) /* far past the range: stop before it could wrap */
            return -1;
        m = m * 10 + (unsigned)(c - '0');
        digits++;
        if (point && ++scale > DECIMAL_MAX_SCALE)
            return -1;
    }
    if (digits == 0 || (point && s[len - 1] == '.') || (point && s[negative || s[0] == '+'] == '.'))
        return -1;
    if (!in_range(m, scale))
        return -1;
    struct decimal d = { m, scale, negative };
    decimal_normalise(&d);
    *out = d;
    return 0;
}

int decimal_parse_str(const char *s, struct decimal *out)
{
    return s ? decimal_parse(s, strlen(s), out) : -1;
}

/* ---- Reading ---- */

int decimal_is_zero(const struct decimal *v)
{
    return v->mant == 0;
}

int decimal_sign(const struct decimal *v)
{
    return v->mant == 0 ? 0 : v->negative ? -1 : 1;
}

/* Compares magnitudes exactly, at a common scale. Both within the range, so the scaled
 * magnitudes stay below 10^38. */
static int cmp_abs(u128 ma, unsigned sa, u128 mb, unsigned sb)
{
    if (sa < sb)
        ma *= pow10u(sb - sa);
    else if (sb < sa)
        mb *= pow10u(sa - sb);
    return ma < mb ? -1 : ma > mb;
}

int decimal_cmp(const struct decimal *a, const struct decimal *b)
{
    int sa = decimal_sign(a), sb = decimal_sign(b);
    if (sa != sb)
        return sa < sb ? -1 : 1;
    int r = cmp_abs(a->mant, a->scale, b->mant, b->scale);
    return sa < 0 ? -r : r;
}

double decimal_to_double(const struct decimal *v)
{
    u128 p = pow10u(v->scale);
    double d = (double)(v->mant / p) + (double)(v->mant % p) / (double)p;
    return v->negative && v->mant ? -d : d;
}

/* ---- Arithmetic ---- */

struct decimal decimal_neg(const struct decimal *v)
{
    struct decimal r = *v;
    r.negative = !r.negative;
    decimal_normalise(&r);
    return r;
}

struct decimal decimal_abs(const struct decimal *v)
{
    struct decimal r = *v;
    r.negative = 0;
    decimal_normalise(&r);
    return r;
}

/* Writes r when it is within the range. */
static int finish(struct decimal r, struct decimal *out)
{
    decimal_normalise(&r);
    if (!in_range(r.mant, r.scale))
        return -1;
    *out = r;
    return 0;
}

int decimal_add(const struct decimal *a, const struct decimal *b, struct decimal *out)
{
    unsigned s = a->scale > b->scale ? a->scale : b->scale;
    u128 ma = a->mant * pow10u(s - a->scale), mb = b->mant * pow10u(s - b->scale);
    int na = a->negative && a->mant, nb = b->negative && b->mant;
    struct decimal r = { 0, s, 0 };
    if (na == nb) {
        r.mant = ma + mb; /* each < 2·10^38 / 2: no wrap */
        r.negative = na;
    } else if (ma >= mb) {
        r.mant = ma - mb;
        r.negative = na;
    } else {
        r.mant = mb - ma;
        r.negative = nb;
    }
    return finish(r, out);
}

int decimal_sub(const struct decimal *a, const struct decimal *b, struct decimal *out)
{
    struct decimal nb = decimal_neg(b);
    return decimal_add(a, &nb, out);
}

int decimal_shift(const struct decimal *v, int exp10, struct decimal *out)
{
    struct decimal r = *v;
    decimal_normalise(&r);
    if (exp10 < 0) {
        unsigned k = (unsigned)-exp10;
        if (r.mant == 0)
            return finish(r, out);
        if (k > DECIMAL_MAX_SCALE || r.scale + k > DECIMAL_MAX_SCALE)
            return -1;
        r.scale += k;
        return finish(r, out);
    }
    unsigned k = (unsigned)exp10;
    if (r.scale >= k) {
        r.scale -= k;
        return finish(r, out);
    }
    k -= r.scale;
    r.scale = 0;
    if (r.mant != 0 && (k > DECIMAL_LIMIT_EXP || r.mant > pow10u(DECIMAL_LIMIT_EXP) / pow10u(k)))
        return -1;
    r.mant *= pow10u(k);
    return finish(r, out);
}

/* m / 10^k rounded half away from zero. */
static u128 div_pow10_round(u128 m, unsigned k)
{
    if (k == 0)
        return m;
    if (k > 38)
        return 0;
    u128 p = pow10u(k);
    u128 q = m / p, rem = m % p;
    return rem >= p / 2 + p % 2 ? q + 1 : q; /* p is a power of ten ≥ 10: p/2 exact */
}

int decimal_mul(const struct decimal *a, const struct decimal *factor, struct decimal *out)
{
    struct decimal x = *a, y = *factor;
    decimal_normalise(&x);
    decimal_normalise(&y);
    int rounded = 0;
    /* Shed the least significant digits of the finer operand until the product fits 128 bits;
     * its value only loses places beyond what the result can keep anyway. */
    while (x.mant != 0 && y.mant > U128_MAX / x.mant) {
        struct decimal *f = x.scale >= y.scale ? &x : &y;
        if (f->scale == 0)
            return -1;
        u128 keep = div_pow10_round(f->mant, 1);
        if (keep * 10 != f->mant)
            rounded = 1;
        f->mant = keep;
        f->scale--;
    }
    struct decimal r = { x.mant * y.mant, x.scale + y.scale, x.negative != y.negative };
    if (r.scale > DECIMAL_MAX_SCALE) {
        unsigned k = r.scale - DECIMAL_MAX_SCALE;
        u128 keep = div_pow10_round(r.mant, k);
        if (k > 38 || keep * pow10u(k) != r.mant)
            rounded = 1;
        r.mant = keep;
        r.scale = DECIMAL_MAX_SCALE;
    }
    if (finish(r, out) < 0)
        return -1;
    return rounded;
}

int decimal_div(const struct decimal *a, const struct decimal *b, unsigned places, struct decimal *out)
{
    if (b->mant == 0 || places > DECIMAL_MAX_SCALE)
        return -1;
    struct decimal x = *a, y = *b;
    decimal_normalise(&x);
    decimal_normalise(&y);
    /* q = x.mant·10^(y.scale + places + 1) / (y.mant·10^x.scale), one digit past `places`
     * for rounding. Long division one decimal digit at a time keeps every step in 128 bits. */
    int e = (int)y.scale + (int)places + 1 - (int)x.scale;
    u128 num = x.mant, den = y.mant;
    while (e < 0) {
        if (den > U128_MAX / 10) {
            *out = DECIMAL_ZERO; /* the quotient rounds to 0 at this precision */
            return 0;
        }
        den *= 10;
        e++;
    }
    while (den > U128_MAX / 10) { /* keep rem·10 from wrapping: drop a digit of both */
        den /= 10;
        num /= 10;
    }
    u128 q = num / den, rem = num % den;
    for (; e > 0; e--) {
        if (q > U128_MAX / 10 - 10)
            return -1;
        q = q * 10 + (rem * 10) / den;
        rem = (rem * 10) % den;
    }
    struct decimal r = { div_pow10_round(q, 1), places, x.negative != y.negative };
    return finish(r, out);
}

struct decimal decimal_round(const struct decimal *v, unsigned places)
{
    struct decimal r = *v;
    if (r.scale > places) {
        r.mant = div_pow10_round(r.mant, r.scale - places);
        r.scale = places;
    }
    decimal_normalise(&r);
    return r;
}

/* ---- Printing ---- */

/* The decimal digits of m, most significant first; returns their count (≥ 1). */
static size_t put_digits(char *digits, u128 m)
{
    char tmp[48];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + (unsigned)(m % 10));
        m /= 10;
    } while (m);
    for (size_t i = 0; i < n; i++)
        digits[i] = tmp[n - 1 - i];
    return n;
}

static void emit_char(char *buf, size_t size, size_t *pos, char c)
{
    if (*pos + 1 < size)
        buf[*pos] = c;
    (*pos)++;
}

/* Writes mant / 10^scale (trailing fractional zeros dropped) for any scale. */
static size_t format_plain(u128 mant, unsigned long long scale, int negative, char *buf, size_t size)
{
    char digits[48];
    while (scale > 0 && mant % 10 == 0) {
        mant /= 10;
        scale--;
    }
    size_t nd = put_digits(digits, mant);
    size_t pos = 0;
    if (negative && mant != 0)
        emit_char(buf, size, &pos, '-');
    if (scale < nd) {
        size_t ip = nd - (size_t)scale;
        for (size_t i = 0; i < nd; i++) {
            if (i == ip)
                emit_char(buf, size, &pos, '.');
            emit_char(buf, size, &pos, digits[i]);
        }
    } else {
        emit_char(buf, size, &pos, '0');
        emit_char(buf, size, &pos, '.');
        unsigned long long zeros = scale - nd;
        if (pos + zeros + 1 < size) {
            for (unsigned long long z = 0; z < zeros; z++)
                emit_char(buf, size, &pos, '0');
        } else {
            if (pos + 1 < size)
                memset(buf + pos, '0', size - 1 - pos);
            pos += (size_t)zeros;
        }
        for (size_t i = 0; i < nd; i++)
            emit_char(buf, size, &pos, digits[i]);
    }
    if (size > 0)
        buf[pos < size ? pos : size - 1] = '\0';
    return pos;
}

size_t decimal_format(const struct decimal *v, char *buf, size_t size)
{
    return format_plain(v->mant, v->scale, v->negative, buf, size);
}

size_t decimal_format_scaled(const struct decimal *v, int exp10, char *buf, size_t size)
{
    long long places = (long long)v->scale + exp10;
    if (places >= 0 || v->mant == 0)
        return format_plain(v->mant, places > 0 ? (unsigned long long)places : 0, v->negative,
                            buf, size);
    /* multiplied: the digits, then as many zeros as the shift passes the last digit */
    size_t pos = format_plain(v->mant, 0, v->negative, buf, size);
    for (long long z = 0; z < -places; z++)
        emit_char(buf, size, &pos, '0');
    if (size > 0)
        buf[pos < size ? pos : size - 1] = '\0';
    return pos;
}

void decimal_put(struct buf *out, const struct decimal *v)
{
    char tmp[64];
    decimal_format(v, tmp, sizeof tmp);
    buf_puts(out, tmp);
}

/* Appends an unsigned integer with thousands separators. */
static void put_grouped_int(struct buf *out, u128 m)
{
    char digits[48];
    size_t n = put_digits(digits, m);
    for (size_t i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0)
            buf_putc(out, ',');
        buf_putc(out, digits[i]);
    }
}

/* Appends ".ddd" for the fraction m / 10^scale of a magnitude (nothing when it is 0). */
static void put_fraction(struct buf *out, u128 frac, unsigned scale)
{
    if (frac == 0 || scale == 0)
        return;
    char digits[48];
    while (scale > 0 && frac % 10 == 0) {
        frac /= 10;
        scale--;
    }
    size_t n = put_digits(digits, frac);
    buf_putc(out, '.');
    for (size_t z = n; z < scale; z++)
        buf_putc(out, '0');
    buf_append(out, digits, n);
}

void decimal_put_grouped(struct buf *out, const struct decimal *v)
{
    struct decimal r = *v;
    decimal_normalise(&r);
    u128 p = pow10u(r.scale);
    if (r.negative)
        buf_putc(out, '-');
    put_grouped_int(out, r.mant / p);
    put_fraction(out, r.mant % p, r.scale);
}

/* The group words from 10^16 down: 경 조 억 만, then the ones. */
static const char *const group_word[] = { "경", "조", "억", "만", "" };
#define N_GROUPS 5

void decimal_put_korean(struct buf *out, const struct decimal *v, const struct decimal_korean *opts)
{
    static const struct decimal_korean plain = { NULL, 0, 0 };
    if (!opts)
        opts = &plain;
    struct decimal r = *v;
    decimal_normalise(&r);
    u128 p = pow10u(r.scale);
    u128 ip = r.mant / p, frac = r.mant % p;

    /* Split the integer into 만-groups; the top one (경) takes whatever is left. */
    u128 group[N_GROUPS];
    u128 rest = ip;
    for (int g = N_GROUPS - 1; g > 0; g--) {
        group[g] = rest % 10000;
        rest /= 10000;
    }
    group[0] = rest;

    /* Only the largest max_groups non-zero groups: round at the last one kept. */
    if (opts->max_groups) {
        unsigned seen = 0;
        for (int g = 0; g < N_GROUPS; g++) {
            if (group[g] == 0 && seen == 0)
                continue;
            if (++seen < opts->max_groups)
                continue;
            /* g is the last group kept: round on what follows it */
            int up = 0;
            if (g + 1 < N_GROUPS)
                up = group[g + 1] >= 5000;
            else
                up = frac * 2 >= p;
            for (int k = g + 1; k < N_GROUPS; k++)
                group[k] = 0;
            frac = 0;
            for (int k = g; up && k >= 0; k--) { /* carry: 9,999억 5,000만 → 1조 */
                group[k]++;
                up = k > 0 && group[k] == 10000;
                if (up)
                    group[k] = 0;
            }
            break;
        }
    }

    int any = 0, ends_in_word = 0;
    for (int g = 0; g < N_GROUPS; g++)
        any |= group[g] != 0;
    if ((r.negative && (any || frac)))
        buf_puts(out, opts->triangle ? "\xE2\x96\xB3" : "-");
    if (!any) {
        buf_putc(out, '0');
        put_fraction(out, frac, r.scale);
    }
    for (int g = 0, first = 1; g < N_GROUPS && any; g++) {
        int last = g == N_GROUPS - 1;
        if (group[g] == 0 && !(last && frac))
            continue;
        if (!first)
            buf_putc(out, ' ');
        first = 0;
        put_grouped_int(out, group[g]);
        if (last)
            put_fraction(out, frac, r.scale);
        buf_puts(out, group_word[g]);
        ends_in_word = !last;
    }
    if (opts->unit && *opts->unit) {
        if (ends_in_word)
            buf_putc(out, ' ');
        buf_puts(out, opts->unit);
    }
}

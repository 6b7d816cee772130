/* decimal.h — the program's one number type: an exact signed decimal, and how Korean readers
 * see it printed.
 *
 * Every figure the exporter handles — a quantity the scanner reads, a fact, a table cell, a
 * budget sum, a share in the summary, a label in the chart — is a struct decimal. No binary
 * floating point is involved in any stored or printed value: "0.1 + 0.2" is 0.3, "10.2" stays
 * 10.2, and 7,123,600,000,000 won is exact. Only decimal_to_double (charts' geometry) leaves
 * the type.
 *
 * Range: |value| ≤ 10^20 with at most 18 decimal places (DECIMAL_LIMIT_EXP, DECIMAL_MAX_SCALE).
 * Arithmetic that would leave the range returns -1 and leaves *out untouched; nothing wraps.
 *
 * Printing (all append to a struct buf):
 *   decimal_format         "-1176.5"         plain, the canonical string (CSV cells, facts)
 *   decimal_put_grouped    "-1,176.5"        thousands separators
 *   decimal_put_korean     "7조 1,236억 원"   grouped by 만/억/조/경 as Korean papers print
 *                          "1,176억 원", "5,678원", "3만 2,000명", "-1,176억 원", "△1,176억 원"
 * The spacing rule, written once here (한글 맞춤법 제43·44항 as newspapers apply it): a space
 * separates the 만-groups ("7조 1,236억"); the unit is glued to Arabic digits ("5,678원",
 * "420GWh") and set apart by a space after a Hangul group word ("1,176억 원"). */
#ifndef EXPORTER_DECIMAL_H
#define EXPORTER_DECIMAL_H

#include <stddef.h>

#include "util/buf.h"

#define DECIMAL_MAX_SCALE 18u /* decimal places */
#define DECIMAL_LIMIT_EXP 20u /* |value| ≤ 10^20 */

/* value = (negative ? -1 : 1) * mant / 10^scale. Zero is never negative after any decimal_*
 * function; two decimals with the same value may differ in scale (1.50 vs 1.5) until
 * decimal_normalise. Plain data: copy it freely, nothing to free. */
struct decimal {
    unsigned __int128 mant;
    unsigned scale;
    int negative;
};

/* 10^k exactly, for k ≤ 38 (10^38 < 2^128; a larger k gives 10^38): the one power table the
 * scanner and the arithmetic share. */
unsigned __int128 decimal_pow10(unsigned k);

#define DECIMAL_ZERO ((struct decimal){ 0, 0, 0 })

/* ---- Making one ---- */

/* The exact value of an integer. */
struct decimal decimal_from_int(long long v);

/* Parses the canonical form: an optional '-' or '+', digits, optionally '.' and digits
 * ("-1176.5", "0.25", "12"). Nothing else: no spaces, separators, exponents or units. Returns 0
 * and writes *out, or -1 (out untouched) for anything else or a value outside the range. */
int decimal_parse(const char *s, size_t len, struct decimal *out);
/* The same for a NUL-terminated string; NULL fails. */
int decimal_parse_str(const char *s, struct decimal *out);

/* Drops trailing fractional zeros (1.50 → 1.5, scale 0 for integers); clears the sign of 0. */
void decimal_normalise(struct decimal *v);

/* ---- Reading it ---- */

/* -1, 0, 1 as a < b, a == b, a > b, exactly, whatever the scales. */
int decimal_cmp(const struct decimal *a, const struct decimal *b);
/* -1, 0, 1 as v < 0, v == 0, v > 0. */
int decimal_sign(const struct decimal *v);
int decimal_is_zero(const struct decimal *v);
/* Nearest double, for drawing (chart geometry) only — never for stored or printed values. */
double decimal_to_double(const struct decimal *v);

/* ---- Arithmetic (every result normalised) ---- */

/* -v (0 stays 0). */
struct decimal decimal_neg(const struct decimal *v);
/* |v|. */
struct decimal decimal_abs(const struct decimal *v);
/* *out = a + b, a - b. Return 0, or -1 past the range (out untouched). out may alias a or b. */
int decimal_add(const struct decimal *a, const struct decimal *b, struct decimal *out);
int decimal_sub(const struct decimal *a, const struct decimal *b, struct decimal *out);
/* *out = v * 10^exp10 (exp10 may be negative: 1176 shifted by -1 is 117.6). Returns 0, or -1
 * when the result leaves the range or would need more than 18 decimal places. */
int decimal_shift(const struct decimal *v, int exp10, struct decimal *out);
/* *out = a * factor (unit conversion: 1.5 MWh * 1000 = 1500 kWh, 3 lb * 0.45359237). Returns 0
 * when exact, 1 when the product needed more than 18 decimal places and was rounded (half away
 * from zero) to 18, -1 past the range (out untouched). */
int decimal_mul(const struct decimal *a, const struct decimal *factor, struct decimal *out);
/* *out = a / b rounded half away from zero to `places` decimals (≤ 18): shares, averages.
 * Returns 0, or -1 when b is 0 or the quotient leaves the range (out untouched). */
int decimal_div(const struct decimal *a, const struct decimal *b, unsigned places, struct decimal *out);
/* *out = v rounded half away from zero to `places` decimals (a value already that short is
 * returned as it is). Never fails: rounding cannot leave the range except at 10^20 itself,
 * which stays. */
struct decimal decimal_round(const struct decimal *v, unsigned places);

/* ---- Printing ---- */

/* Writes the canonical form ("10200000000", "72.03", "-3", "0.5") into buf, NUL-terminated and
 * truncated to size; returns the length it needed (snprintf's contract). Trailing fractional
 * zeros are never printed. decimal_parse reads it back to the same value. */
size_t decimal_format(const struct decimal *v, char *buf, size_t size);
/* The same with the value divided by 10^exp10 first, exactly (exp10 = 9: billions, so
 * 10200000000 prints "10.2"; exp10 = -3: 0.412 m prints "412" mm); no range limit on the
 * printed scale. */
size_t decimal_format_scaled(const struct decimal *v, int exp10, char *buf, size_t size);
/* Appends the canonical form to out. */
void decimal_put(struct buf *out, const struct decimal *v);
/* Appends the value with thousands separators: "71,236", "-1,176.5", "0.25". */
void decimal_put_grouped(struct buf *out, const struct decimal *v);

struct decimal_korean {
    const char *unit;      /* appended by the spacing rule above ("원", "명", "GWh"); NULL/"": none */
    unsigned max_groups;   /* keep only the largest N non-zero 만-groups, the last one rounded
                              half up (2: 7조 1,236억 4,500만 → "7조 1,236억"); 0 keeps all */
    int triangle;          /* a negative value as Korean financial tables mark it: "△1,176억 원" */
};

/* Appends v in 만-groups: 조/억/만 words with grouped digits ("7조 1,236억 원", "1억 5만 원",
 * "3만 2,000명", "5,678원", "0원", "1.5원", "-1,176억 원"). A fraction stays on the last
 * group ("1,234만 5,678.5원"); a value below 1만 prints as decimal_put_grouped does. opts NULL:
 * no unit, all groups, minus sign. Groups above 경 (10^16) are written as a 경 count
 * ("10,000경"). */
void decimal_put_korean(struct buf *out, const struct decimal *v, const struct decimal_korean *opts);

#endif

/* quantity.h — finds and normalises quantities in running Korean/English text.
 *
 * The figures in Korean news come in every form: "1,020억", "72.03점", "10.7B", "1조 2천억 원",
 * "오천억", "삼만 오천", "이만칠천원", "서른다섯 명", "스무 개", "500B(5000억 개)", "100B-A10",
 * "95% 이상", "약 330억", "10~20억", "10-20%", "4만 2150GWh", "EUR 20", "△1,176억 원", "3분의 1".
 * quantity_scan() finds them with their byte span, an exact value (a struct decimal from
 * util/decimal.h: no binary floating point, exact far past 2^53), a canonical unit, a
 * qualifier, and a role (MoE total/active parts; a number that is part of a model name such
 * as "GPT-OSS 120B"). Numbers that are names (B2B, K1, 1차, 3대 강국) and dates or times
 * (12월 30일, 2026년, 4주) are not reported. Used by the extractor and by the
 * `exporter quantities` subcommand.
 *
 * What the scanner decides, for its callers:
 * - Units come from the unit registry (extract/units.h): the built-in table, or a template's
 *   registry that extends it (quantity_scan_units). A figure reports the unit's canonical name
 *   and its value converted to it, exactly: "420GWh" → 420000000000 "Wh", "210기가와트시" the
 *   same way, "30평" → 99.174 "m2", "십센트" → 0.1 "USD", "3t" → 3000 "kg". Currencies are
 *   never converted into each other. A Latin spelling must end the token ("5kg", not "3kgs");
 *   one Latin letter (t g L m W) and 불 count only glued to the number. Currency signs and codes
 *   may stand before the number: "$10B", "US$5", "€ 30", "₩5000", "EUR 20", "USD20".
 * - Signs: "-3%", "마이너스 3%", and "△1,176억 원" / "▽" / "▼" (a decrease, as Korean financial
 *   tables write it) give negative values; "▲5%" marks an increase and is 5. A hyphen is a
 *   minus only before a number that nothing alphanumeric precedes ("3-4", "A-3" are tokens).
 * - Ranges: "10~20억", "10억~20억 원", "3~5명", "두세 명"; a hyphen range only when a unit or
 *   a Korean scale closes it and the ends rise ("10-20%", "3-5명", "10-20억 원"): "2-0" and
 *   "1-3" (scores), "5-3명", "1-3월" and "2025-12-28" are no ranges and no figures.
 * - Fractions: "3/4" (numerator smaller, denominator ≤ 12, no date, quarter or path going on:
 *   not "12/25", "3/4분기", "1/2/3"), "3분의 1", "사분의 삼" — unit "fraction", value the
 *   quotient (rounded to 18 places when it does not end: 1/3). "이분의 일" is left alone.
 * - Dates, times and ages are never quantities: a number glued to 년 월 일 시 분 초 주 세기 박
 *   세 살 (2026년, 4주 이상, 10분 이내, 2시30분, 2026~2027년), a time 06:02, an ISO date
 *   2025-12-28, and a native numeral before 시 달 해 살 주 날 (한 달, 스무 살). Durations are
 *   reported only in forms no date takes: 6개월 "months", 3시간 "hours", 3년간 "years", 10일간
 *   "days", 2주간 "weeks", 30분간 "minutes", 20초간 "seconds". 주 is "shares" only from 1,000 or
 *   with 만/억 (1,000주, 100만 주).
 * - Ordinals are not quantities: 1차, 2차수, 1단계, 1등급, 5년째, 두 번째, 1호, 3·4차수; nor
 *   rankings 3대 강국, 5대 은행; nor numbers inside names: B2B, K1, B200, A100, 3D, 5G, 뉴스1,
 *   큐웬3-VL-32B, 솔라-오픈-100B (glued to letters, Hangul or a hyphenated word); nor a bare
 *   number after an ASCII word ("V 3.1", "GPT 4"); nor ids with a leading zero (029). A rank
 *   "3위" is reported with unit "rank" (a rank column takes it; no other does).
 * - A bare English-scale size ("500B", "10.7B") has unit "" (it says nothing about what is
 *   counted), english_scale 1 and role NONE. After a name it has role NAME: an ASCII word
 *   ("GPT-OSS 120B", "SEED 8B"), a word ending in a digit ("큐웬3 235B"), or a word and a
 *   version ("큐웬 3 235B", "큐웬 3-235B"; the version itself is not reported). After a Hangul
 *   word ("매개변수 500B", "시드 32B 싱크") it stays a plain figure.
 * - "500B(5000억 개)" is one quantity (restated, with the unit of whichever side has one); a
 *   parenthesis in another unit is another figure ("25.3포인트(1.02%)": 25.3 points, 1.02%);
 *   "100B-A10" is two, TOTAL then ACTIVE, the active part taking the total's scale letter
 *   when it has none. 개국/개사/개팀 count as "count". A number with an unknown counter glued
 *   to it (3사) is reported bare.
 * - Values are normalised: trailing fractional zeros are dropped ("4.0" → 4, "1.50" → 1.5).
 * - Spelled-out Hangul numbers: several numeral syllables with a place value are a figure on
 *   their own ("오만팔천백구십사", "삼천오백만"); one syllable only as 십/백/천/만 before money or
 *   a count (만 원, 천 명, 만불, 십센트) or as a digit before a currency of two or more
 *   syllables (구파운드, 삼달러). Lone 일, 이, 영 and words that read like numerals — 이번, 일부,
 *   구조, 오만하다, 삼성, 사과, 십상, 사원, 구원, 이표, 이만큼 — are not figures; 구조, 이만,
 *   오만, 구경, 일조 become figures only when a unit or more numerals follow (오만 원,
 *   이만칠천원). Sino-Korean and native numerals must stand at the start of a word. */
#ifndef EXPORTER_QUANTITY_H
#define EXPORTER_QUANTITY_H

#include <stddef.h>
#include <stdio.h>

#include "util/decimal.h"
#include "util/diag.h"
#include "util/status.h"

enum quantity_qualifier {
    QUAL_NONE = 0,
    QUAL_APPROX,      /* 약, 가량, 정도, 여 */
    QUAL_AT_LEAST,    /* 이상, 넘는 */
    QUAL_MORE_THAN,   /* 초과 */
    QUAL_AT_MOST,     /* 이하 */
    QUAL_LESS_THAN,   /* 미만 */
    QUAL_RANGE        /* 10~20억: value .. high */
};

enum quantity_role {
    QROLE_NONE = 0,
    QROLE_TOTAL,      /* 100B in 100B-A10 */
    QROLE_ACTIVE,     /* A10 in 100B-A10 */
    QROLE_NAME        /* a size inside somebody's model name: GPT-OSS 120B */
};

struct quantity {
    size_t offset, length;        /* byte span of the matched text in the scanned input */
    struct decimal value;
    struct decimal high;           /* upper bound when qualifier is QUAL_RANGE */
    const char *unit;             /* canonical (units.h), static or owned by the registry
                                     scanned with: "" (bare number), "count" (개), "people"
                                     (명), "KRW", "USD", "percent", "Wh", "kg", "fraction"… */
    enum quantity_qualifier qualifier;
    enum quantity_role role;
    int english_scale;            /* written with B/T/M/K (parameter-count style) */
    int restated;                 /* "500B(5000억 개)": the parenthesis was merged in */
    int restatement_agrees;       /* when restated: both forms give the same value */
};

/* Something the scanner refused: "1,,000", "1.2.3조", a magnitude past 10^20. */
struct quantity_issue {
    size_t offset, length;
    const char *message;          /* static text */
};

struct quantity_list {
    struct quantity *items;
    size_t count, cap;
    struct quantity_issue *issues;
    size_t n_issues, issues_cap;
};

/* Scans text[0..len) and appends what it finds to *out, in text order. Returns 0, or -1 when
 * the text is not valid UTF-8 (nothing is appended then; *bad_offset gets the byte offset of
 * the first invalid sequence when bad_offset is non-NULL). */
int quantity_scan(const char *text, size_t len, struct quantity_list *out, size_t *bad_offset);
/* The same with the units of a registry (a template's, extending the built-in ones); NULL means
 * the built-in registry, which is what quantity_scan uses. */
struct unit_registry;
int quantity_scan_units(const struct unit_registry *units, const char *text, size_t len,
                        struct quantity_list *out, size_t *bad_offset);

/* Empties the list for reuse, keeping its memory. */
void quantity_list_clear(struct quantity_list *list);
void quantity_list_free(struct quantity_list *list);

const char *quantity_qualifier_name(enum quantity_qualifier q);  /* "", "approx", "at_least", … */
const char *quantity_role_name(enum quantity_role r);            /* "", "total", "active", "name" */

/* The `exporter quantities` subcommand: reads lines from in and prints one tab-separated
 * line per quantity to out: line number, matched text, value (LOW..HIGH for ranges), unit,
 * qualifier, role. Lines that are not valid UTF-8 or hold refused numbers get a diagnostic
 * "<stdin>:LINE:COL: error: …" through d and are skipped; returns EXP_DATAERR if any were,
 * EXP_IOERR on a read or write error, else EXP_OK. COL counts code points from 1 (bytes up to
 * an invalid sequence). A restatement that disagrees ("500B(400억 개)") is printed and gets a
 * warning. A trailing CR is dropped; tabs inside matched text print as spaces. */
enum exp_status quantity_print_lines(FILE *in, FILE *out, struct diag *d);

#endif

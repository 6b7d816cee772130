/* test_date.c — the date module: civil days, crawler timestamps, Korea's day, ISO weeks,
 * and the period a run covers. Nothing here reads the clock or the machine's TZ. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/date.h"

static long day_of(const char *s)
{
    long day = 0;
    assert_int_equal(date_parse_day(s, &day), 0);
    return day;
}

static void test_days(void **state)
{
    (void)state;
    assert_int_equal(day_of("1970-01-01"), 0);
    assert_int_equal(day_of("2025-12-29"), 20451);
    assert_int_equal(day_of("2024-02-29"), 19782);
    static const char *const bad[] = {
        "2026-02-29", "2026-02-30", "2026-02-31", "2025-04-31", "2025-13-01", "2025-00-10",
        "2025-01-00", "1899-12-31", "3000-01-01", "2025-1-01", "2025-01-1", "2025/01/01",
        "2025-01-01x", "2025-01-01 ", " 2025-01-01", "+025-01-01", "", "20250101",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        long day = 12345;
        int out_of_range = !strcmp(bad[i], "1899-12-31") || !strcmp(bad[i], "3000-01-01");
        assert_int_equal(date_parse_day(bad[i], &day),
                         out_of_range ? DATE_OUT_OF_RANGE : DATE_NO_SUCH_DAY);
        assert_int_equal(day, 12345);   /* untouched on failure */
    }
    long day = 12345;
    assert_int_equal(date_parse_day("0000-02-29", &day), DATE_OUT_OF_RANGE); /* a leap year */
    assert_int_equal(date_parse_day("1899-02-29", &day), DATE_NO_SUCH_DAY);
    assert_int_equal(day, 12345);
    assert_int_equal(date_days_in_month(2000, 2), 29);
    assert_int_equal(date_days_in_month(1900, 2), 28);
    assert_int_equal(date_days_in_month(2025, 13), 0);
    char out[11];
    date_format_day(20451, out);
    assert_string_equal(out, "2025-12-29");
    assert_int_equal(date_weekday(20451), 0);   /* a Monday */
    assert_int_equal(date_weekday(0), 3);       /* 1970-01-01, a Thursday */
}

/* Every day of the supported range: civil round trip, and each day's ISO week holds it. */
static void test_every_day(void **state)
{
    (void)state;
    long first = day_of("1900-01-01"), last = day_of("2999-12-31");
    int weeks53 = 0;
    for (long day = first; day <= last; day++) {
        int y, m, d;
        date_to_civil(day, &y, &m, &d);
        long back = -1;
        assert_int_equal(date_from_civil(y, m, d, &back), 0);
        assert_true(back == day);
        struct date_week w = date_week_of(day);
        long monday = date_week_monday(w);
        assert_int_equal(date_weekday(monday), 0);
        assert_true(day >= monday && day <= monday + 6);
        assert_true(w.week >= 1 && w.week <= date_iso_weeks_in_year(w.year));
        if (m == 12 && d == 28 && date_iso_weeks_in_year(y) == 53)
            weeks53++;
    }
    /* 71 of every 400 Gregorian years have 53 ISO weeks: 1100 years give 194 or 195. */
    assert_true(weeks53 >= 190 && weeks53 <= 200);
}

static void test_times(void **state)
{
    (void)state;
    static const struct { const char *in, *out; } cases[] = {
        { "2025-12-28 00:00", "2025-12-28T00:00:00+09:00" },
        { "2025-12-28 06:02:09", "2025-12-28T06:02:09+09:00" },
        { "2025-12-28", "2025-12-28T00:00:00+09:00" },
        { "  2025-12-28 \n", "2025-12-28T00:00:00+09:00" },
        { "2025-12-28T06:02:09+09:00", "2025-12-28T06:02:09+09:00" },
        { "2025-12-28T06:02:09Z", "2025-12-28T06:02:09+00:00" },
        { "2025-12-28T06:02+0100", "2025-12-28T06:02:00+01:00" },
        { "2025-12-28T06:02-05:30", "2025-12-28T06:02:00-05:30" },
        { "2024-02-29 10:00", "2024-02-29T10:00:00+09:00" },
        { "2025-12-27T21:02:09.123Z", "2025-12-27T21:02:09+00:00" },   /* toISOString */
        { "2025-12-28T06:02:09.123456789+09:00", "2025-12-28T06:02:09+09:00" },
        { "2025-12-28T06:02:09.1234567890Z", NULL },
        { "2025-12-28T06:02:09.Z", NULL },
        { "2025-12-28T06:02.5Z", NULL },
        { "2025-02-29 10:00", NULL },
        { "2026-02-30", NULL },
        { "2025-13-01", NULL },
        { "2025-12-28 25:00", NULL },
        { "2025-12-28 23:60", NULL },
        { "2025-12-28 1:00", NULL },
        { "2025-12-28T06:02+15:00", NULL },
        { "2025-12-28T06:02+09:", NULL },
        { "28.12.2025", NULL },
        { "2025-12-28 00:00 extra", NULL },
        { "", NULL },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct date_time t;
        int rc = date_parse_time(cases[i].in, &t);
        if (!cases[i].out) {
            assert_int_equal(rc, -1);
            continue;
        }
        assert_int_equal(rc, 0);
        char out[26];
        date_format_time(&t, out);
        assert_string_equal(out, cases[i].out);
    }
    /* a well-formed time outside the years handled is out of range, not "not a date" */
    struct date_time t;
    assert_int_equal(date_parse_time("9999-12-31 23:59", &t), DATE_OUT_OF_RANGE);
    assert_int_equal(date_parse_time("0001-01-01T00:00:00Z", &t), DATE_OUT_OF_RANGE);
    assert_int_equal(date_parse_time("0001-01-01T25:00:00Z", &t), DATE_NO_SUCH_DAY);
    assert_int_equal(date_parse_time("9999-12-31 23:59 x", &t), DATE_NO_SUCH_DAY);
}

/* Korea's day is UTC+9 by arithmetic: 15:00 UTC is midnight in Seoul. */
static void test_korean_day(void **state)
{
    (void)state;
    long dec29 = day_of("2025-12-29");
    assert_true(date_kst_day_of_epoch(1767020400LL - 1) == dec29);   /* 23:59:59 KST */
    assert_true(date_kst_day_of_epoch(1767020400LL) == dec29 + 1);   /* 00:00:00 KST */
    assert_true(date_kst_day_of_epoch(-1) == 0);   /* 1970-01-01 08:59:59 KST */
    assert_true(date_kst_day_of_epoch(-9 * 3600 - 1) == -1);
    struct date_time t;
    assert_int_equal(date_parse_time("2025-12-29T20:00:00Z", &t), 0);
    assert_true(date_time_kst_day(&t) == dec29 + 1);
    assert_int_equal(date_parse_time("2025-12-30 00:30", &t), 0);   /* Korean already */
    assert_true(date_time_kst_day(&t) == dec29 + 1);
    assert_true(date_time_epoch(&t) == 1767022200LL);
    int y, mo, d, h, mi, s;
    date_utc_parts(1767052800LL + 61, &y, &mo, &d, &h, &mi, &s);
    assert_int_equal(y * 10000 + mo * 100 + d, 20251230);
    assert_int_equal(h * 10000 + mi * 100 + s, 101);
    /* The machine's zone plays no part. */
    setenv("TZ", "America/Los_Angeles", 1);
    assert_true(date_kst_day_of_epoch(1767020400LL) == dec29 + 1);
    unsetenv("TZ");
}

static void test_weeks(void **state)
{
    (void)state;
    static const struct { const char *date, *week; } of[] = {
        { "2025-12-28", "2025-W52" }, { "2025-12-29", "2026-W01" }, { "2025-12-30", "2026-W01" },
        { "2021-01-03", "2020-W53" }, { "2024-12-30", "2025-W01" }, { "2026-12-31", "2026-W53" },
        { "2027-01-03", "2026-W53" }, { "2027-01-04", "2027-W01" },
    };
    for (size_t i = 0; i < sizeof of / sizeof of[0]; i++) {
        char week[9];
        date_format_week(date_week_of(day_of(of[i].date)), week);
        assert_string_equal(week, of[i].week);
    }
    struct date_week w;
    assert_int_equal(date_parse_week("2026-W01", &w), 0);
    assert_true(date_week_monday(w) == day_of("2025-12-29"));
    assert_int_equal(date_parse_week("2020-W53", &w), 0);
    assert_true(date_week_monday(w) == day_of("2020-12-28"));
    assert_int_equal(date_parse_week("2026-W53", &w), 0);
    assert_int_equal(date_iso_weeks_in_year(2026), 53);
    assert_int_equal(date_iso_weeks_in_year(2025), 52);
    static const char *const bad[] = { "2025-W53", "2025-W00", "2025W01", "2025-W1",
                                       "2025-w01", "2025-W01x", "1899-W10", "" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(date_parse_week(bad[i], &w),
                         strcmp(bad[i], "1899-W10") ? DATE_NO_SUCH_DAY : DATE_OUT_OF_RANGE);
    assert_int_equal(date_parse_week("3000-W01", &w), DATE_OUT_OF_RANGE);
    char out[9];
    assert_int_equal(date_parse_week("2027-W01", &w), 0);
    date_format_week(date_week_prev(w), out);
    assert_string_equal(out, "2026-W53");
    assert_int_equal(date_parse_week("2026-W01", &w), 0);
    date_format_week(date_week_prev(w), out);
    assert_string_equal(out, "2025-W52");
    struct date_week a = { 2025, 52 }, b = { 2026, 1 };
    assert_true(date_week_cmp(a, b) < 0 && date_week_cmp(b, a) > 0 && date_week_cmp(a, a) == 0);
}

static struct date_period resolve_ok(const char *week, const char *since, const char *until,
                                     const char *today)
{
    struct date_period_spec spec = { week, since, until, today };
    struct date_period p;
    char why[256] = "";
    /* A clock far from every --today in these tests: only --today may decide. */
    assert_int_equal(date_period_resolve(&spec, 0, &p, why, sizeof why), 0);
    return p;
}

static void assert_week(struct date_period p, const char *week, const char *since,
                        const char *until)
{
    char w[9], s[11], u[11];
    date_format_week(p.week, w);
    date_format_day(p.since, s);
    date_format_day(p.until, u);
    assert_string_equal(w, week);
    assert_string_equal(s, since);
    assert_string_equal(u, until);
}

static void test_periods(void **state)
{
    (void)state;
    /* --week last: the last complete Monday–Sunday week before today. */
    struct date_period p = resolve_ok("last", NULL, NULL, "2026-01-07");
    assert_true(p.is_week);
    assert_week(p, "2026-W01", "2025-12-29", "2026-01-04");
    assert_week(resolve_ok("last", NULL, NULL, "2026-01-05"), "2026-W01", "2025-12-29",
                "2026-01-04");   /* a Monday: the week that just ended */
    assert_week(resolve_ok("last", NULL, NULL, "2026-01-04"), "2025-W52", "2025-12-22",
                "2025-12-28");   /* a Sunday: its own week is not over */
    assert_week(resolve_ok("last", NULL, NULL, "2027-01-06"), "2026-W53", "2026-12-28",
                "2027-01-03");
    assert_week(resolve_ok("this", NULL, NULL, "2026-01-04"), "2026-W01", "2025-12-29",
                "2026-01-04");
    assert_week(resolve_ok("2025-W52", NULL, NULL, NULL), "2025-W52", "2025-12-22",
                "2025-12-28");
    p = resolve_ok(NULL, NULL, NULL, "2026-01-07");
    assert_false(p.is_week);
    assert_false(date_period_is_bounded(&p));
    assert_true(date_period_contains(&p, day_of("1900-01-01")));
    assert_true(p.today == day_of("2026-01-07"));
    char w[9];
    date_format_week(p.week, w);
    assert_string_equal(w, "2026-W02");   /* open: {week} is today's week */
    p = resolve_ok(NULL, "2025-12-01", "2025-12-07", "2026-01-07");
    assert_week(p, "2025-W49", "2025-12-01", "2025-12-07");
    assert_false(p.is_week);
    assert_true(date_period_contains(&p, day_of("2025-12-07")));
    assert_false(date_period_contains(&p, day_of("2025-12-08")));
    p = resolve_ok(NULL, "2025-12-01", NULL, NULL);
    assert_true(p.until == DATE_OPEN_END && date_period_is_bounded(&p));
    /* Without --today the clock's day given to resolve is today. */
    struct date_period_spec spec = { "this", NULL, NULL, NULL };
    char why[256];
    assert_int_equal(date_period_resolve(&spec, day_of("2026-01-07"), &p, why, sizeof why), 0);
    assert_week(p, "2026-W02", "2026-01-05", "2026-01-11");
}

static void test_bad_periods(void **state)
{
    (void)state;
    static const struct { const char *week, *since, *until, *today, *says; } bad[] = {
        { NULL, "2026-02-30", NULL, NULL, "--since" },
        { NULL, NULL, "2025-04-31", NULL, "--until" },
        { NULL, "2025-12-10", "2025-12-01", NULL, "after" },
        { "2025-W53", NULL, NULL, NULL, "--week" },
        { "lastweek", NULL, NULL, NULL, "--week" },
        { "2026-W01", "2025-12-01", NULL, NULL, "cannot be combined" },
        { "last", NULL, NULL, "2026-13-01", "--today" },
        /* a value out of range names its option and the range */
        { NULL, NULL, NULL, "9999-12-31",
          "--today 9999-12-31 is out of range: dates run from 1900-01-01 to 2999-12-31" },
        { NULL, "1899-12-31", NULL, NULL, "--since 1899-12-31 is out of range: dates run from" },
        { NULL, NULL, "3000-01-01", NULL, "--until 3000-01-01 is out of range" },
        { NULL, NULL, NULL, "2026-02-30", "--today wants a date that exists, YYYY-MM-DD from "
                                          "1900-01-01 to 2999-12-31, not '2026-02-30'" },
        { "9999-W01", NULL, NULL, NULL,
          "--week 9999-W01 is out of range: weeks run from 1900-W01 to 2999-W52" },
        /* the run's week must have a name the archive reads back */
        { NULL, NULL, NULL, "2999-12-31",
          "--today 2999-12-31 falls in week 3000-W01, out of range: weeks run from 1900-W01" },
        { NULL, NULL, "2999-12-30", NULL, "--until 2999-12-30 falls in week 3000-W01" },
        { "last", NULL, NULL, "1900-01-07",
          "--week last with --today 1900-01-07 falls in week 1899-W52, out of range" },
        { "this", NULL, NULL, "2999-12-31", "--today 2999-12-31" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct date_period_spec spec = { bad[i].week, bad[i].since, bad[i].until, bad[i].today };
        struct date_period p;
        char why[256] = "";
        assert_int_equal(date_period_resolve(&spec, 0, &p, why, sizeof why), -1);
        if (!strstr(why, bad[i].says))
            fail_msg("case %zu: \"%s\" lacks \"%s\"", i, why, bad[i].says);
    }
    /* the edges themselves are fine */
    resolve_ok(NULL, NULL, NULL, "2999-12-29");
    resolve_ok("last", NULL, NULL, "1900-01-08");
    resolve_ok(NULL, "1900-01-01", "2999-12-29", NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_days),     cmocka_unit_test(test_every_day),
        cmocka_unit_test(test_times),    cmocka_unit_test(test_korean_day),
        cmocka_unit_test(test_weeks),    cmocka_unit_test(test_periods),
        cmocka_unit_test(test_bad_periods),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

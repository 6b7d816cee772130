/* date.h — the program's one calendar: civil dates, times with a zone, ISO weeks, Korea's
 * day, and the period a run covers.
 *
 * A day is a `long`: days since 1970-01-01 in the proleptic Gregorian calendar. Every day the
 * program reasons about (an article's day, today, a period's ends) is a day in Korea: the
 * briefing is Korean, so an article published at 23:30 UTC belongs to the next Korean day.
 * Korea (Asia/Seoul) is UTC+9 all year with no daylight saving time since 1988, so the
 * conversion is arithmetic (+9 hours) and never consults the machine's TZ or tz database.
 *
 * ISO 8601 weeks run Monday to Sunday; week 1 of a year is the week holding its 4 January
 * (equivalently its first Thursday), so 2025-12-29 is in 2026-W01 and a year has 53 weeks
 * when 28 December falls in week 53 (2020, 2026).
 *
 * Pure functions: no I/O, no diagnostics, no allocation; date_today_kst alone reads the
 * clock. Parsers are strict (exact shape, real days: 2026-02-29 and 2026-02-30 fail) and
 * return 0 on success, DATE_NO_SUCH_DAY or DATE_OUT_OF_RANGE otherwise, leaving the output
 * untouched on failure. */
#ifndef EXPORTER_DATE_H
#define EXPORTER_DATE_H

#include <limits.h>
#include <stddef.h>

/* Open ends of a period. */
#define DATE_OPEN_START LONG_MIN
#define DATE_OPEN_END LONG_MAX

/* Years the parsers accept: articles and command lines outside this are mistakes. A run's
 * weeks lie in 1900-W01 .. 2999-W52 (2999-12-30 is already in 3000-W01). */
#define DATE_MIN_YEAR 1900
#define DATE_MAX_YEAR 2999

/* What a parser returns besides 0: not a date at all (wrong shape, or a day that does not
 * exist such as 2026-02-30 or 2025-W53), or a real date outside the years above. */
#define DATE_NO_SUCH_DAY (-1)
#define DATE_OUT_OF_RANGE (-2)

/* Korea's offset from UTC, in seconds (no DST). */
#define DATE_KST_OFFSET (9 * 3600)

/* ---- Civil days ---- */

int date_is_leap_year(int year);
int date_days_in_month(int year, int month);   /* 0 for a month outside 1..12 */

/* The day of a civil date; DATE_NO_SUCH_DAY when it does not exist (2026-02-30, month 13),
 * DATE_OUT_OF_RANGE when the year is outside DATE_MIN_YEAR..DATE_MAX_YEAR. */
int date_from_civil(int year, int month, int mday, long *day);
void date_to_civil(long day, int *year, int *month, int *mday);

/* 0 = Monday … 6 = Sunday. */
int date_weekday(long day);

/* Exactly "YYYY-MM-DD" naming a real day. */
int date_parse_day(const char *s, long *day);

/* "YYYY-MM-DD" into out. */
void date_format_day(long day, char out[11]);

/* ---- Times ---- */

/* An instant as written: the local day and time, and the zone it was written in. */
struct date_time {
    long day;              /* the day in the writer's zone */
    int second_of_day;     /* 0..86399 (a leap second :60 reads as :59) */
    int offset_seconds;    /* the zone's offset east of UTC */
};

/* A crawler's timestamp: "YYYY-MM-DD", "YYYY-MM-DD HH:MM", "YYYY-MM-DD HH:MM:SS" (with at
 * most 9 digits of a fraction after a dot, dropped), with ' ' or 'T' between, then optionally
 * "Z", "+HH:MM" or "+HHMM"; surrounding whitespace is ignored. Without a zone the time is
 * Korea's (+09:00). */
int date_parse_time(const char *s, struct date_time *t);

/* Seconds since the Unix epoch. */
long long date_time_epoch(const struct date_time *t);

/* The day in Korea of the instant. */
long date_time_kst_day(const struct date_time *t);

/* "2025-12-28T00:00:00+09:00" into out. */
void date_format_time(const struct date_time *t, char out[26]);

/* The day in Korea at Unix time `epoch`. */
long date_kst_day_of_epoch(long long epoch);


/* UTC civil parts of Unix time `epoch` (for a PDF's dates), no TZ involved. */
void date_utc_parts(long long epoch, int *year, int *month, int *mday, int *hour, int *minute,
                    int *second);

/* Today in Korea, from the system clock. */
long date_today_kst(void);

/* ---- ISO weeks ---- */

struct date_week {
    int year;   /* the ISO week-numbering year (2026 for 2025-12-29) */
    int week;   /* 1..52 or 53 */
};

/* 52 or 53. */
int date_iso_weeks_in_year(int year);

struct date_week date_week_of(long day);
long date_week_monday(struct date_week w);

/* Exactly "YYYY-Www" naming a week that exists (2026-W53 yes, 2025-W53 no). */
int date_parse_week(const char *s, struct date_week *w);

/* "2026-W01" into out. */
void date_format_week(struct date_week w, char out[9]);

/* Order of two weeks: <0, 0, >0. */
int date_week_cmp(struct date_week a, struct date_week b);

/* The week before (2026-W01 → 2025-W52; 2027-W01 → 2026-W53). */
struct date_week date_week_prev(struct date_week w);

/* ---- The period a run covers ---- */

/* Resolved once from the command line and passed to every stage that needs it. */
struct date_period {
    long since, until;       /* inclusive Korean days; DATE_OPEN_START/END when unbounded */
    int is_week;             /* the period is exactly one ISO week (--week) */
    struct date_week week;   /* that week; otherwise the week of `until`, or of today when
                                `until` is open: what {week} names and what the archive files
                                the run under */
    long today;              /* today in Korea, or --today */
};

/* What the command line says, as written; NULL = not given. */
struct date_period_spec {
    const char *week;        /* "last", "this" or "YYYY-Www" */
    const char *since, *until;
    const char *today;       /* "YYYY-MM-DD" */
};

/* Resolves spec into *p: "last" is the last complete Monday–Sunday week before today,
 * "this" the week holding today; today is spec->today or the clock's Korean day. On a bad
 * value returns -1 with a one-line reason in why that names the option and, for a value out
 * of range, the range (days 1900-01-01 .. 2999-12-31; the run's week, from --week, --until
 * or today, 1900-W01 .. 2999-W52). */
int date_period_resolve(const struct date_period_spec *spec, long clock_today,
                        struct date_period *p, char *why, size_t why_size);

/* Whether the Korean day lies in the period. */
int date_period_contains(const struct date_period *p, long day);

/* Whether the period has any bound at all. */
int date_period_is_bounded(const struct date_period *p);

#endif

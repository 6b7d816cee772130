/* date.c — see date.h. */
#include "util/date.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* ---- Civil days (Howard Hinnant's days_from_civil / civil_from_days) ---- */

int date_is_leap_year(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int date_days_in_month(int year, int month)
{
    static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (month < 1 || month > 12)
        return 0;
    return month == 2 && date_is_leap_year(year) ? 29 : days[month - 1];
}

static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int date_from_civil(int year, int month, int mday, long *day)
{
    if (mday < 1 || mday > date_days_in_month(year, month))
        return DATE_NO_SUCH_DAY;
    if (year < DATE_MIN_YEAR || year > DATE_MAX_YEAR)
        return DATE_OUT_OF_RANGE;
    *day = days_from_civil(year, month, mday);
    return 0;
}

void date_to_civil(long day, int *year, int *month, int *mday)
{
    long z = day + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *mday = (int)(doy - (153 * mp + 2) / 5 + 1);
    *month = (int)(mp < 10 ? mp + 3 : mp - 9);
    *year = (int)(yoe + era * 400 + (*month <= 2));
}

int date_weekday(long day)
{
    /* 1970-01-01 was a Thursday (3 with Monday = 0). */
    return (int)(((day + 3) % 7 + 7) % 7);
}

/* Exactly n ASCII digits at s, as a number; -1 otherwise. */
static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* "YYYY-MM-DD" at s (no more checked); 0 and the day, or -1. */
static int parse_day_prefix(const char *s, long *day)
{
    if (strlen(s) < 10 || s[4] != '-' || s[7] != '-')
        return -1;
    int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
    if (y < 0 || m < 0 || d < 0)
        return DATE_NO_SUCH_DAY;
    return date_from_civil(y, m, d, day);
}

int date_parse_day(const char *s, long *day)
{
    if (!s || strlen(s) != 10)
        return -1;
    return parse_day_prefix(s, day);
}

void date_format_day(long day, char out[11])
{
    int y, m, d;
    date_to_civil(day, &y, &m, &d);
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
             (unsigned)d % 100u);
}

/* ---- Times ---- */

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* "HH:MM" or "HH:MM:SS" at *p; advances *p. */
static int parse_clock(const char **p, int *second_of_day)
{
    const char *s = *p;
    int h = digits(s, 2), mi = s[0] && s[1] && s[2] == ':' ? digits(s + 3, 2) : -1, sec = 0;
    if (h < 0 || mi < 0 || h > 23 || mi > 59)
        return -1;
    s += 5;
    if (*s == ':') {
        sec = digits(s + 1, 2);
        if (sec < 0 || sec > 60)
            return -1;
        s += 3;
        /* a fraction of a second ("…:09.123Z", what JavaScript's toISOString writes) names
         * an instant within that second: dropped */
        if (*s == '.' && s[1] >= '0' && s[1] <= '9') {
            s++;
            int n = 0;
            while (*s >= '0' && *s <= '9' && n < 9)
                s++, n++;
            if (*s >= '0' && *s <= '9')
                return -1;
        }
    }
    if (sec == 60)   /* a leap second: the instant is still within that minute */
        sec = 59;
    *second_of_day = h * 3600 + mi * 60 + sec;
    *p = s;
    return 0;
}

/* "Z", "+HH:MM", "+HHMM" (or nothing: Korea) at *p; advances *p. */
static int parse_zone(const char **p, int *offset)
{
    const char *s = *p;
    if (*s == 'Z') {
        *offset = 0;
        *p = s + 1;
        return 0;
    }
    if (*s != '+' && *s != '-') {
        *offset = DATE_KST_OFFSET;
        return 0;
    }
    int sign = *s == '-' ? -1 : 1, zh = digits(s + 1, 2), zm;
    if (zh < 0)
        return -1;
    if (s[3] == ':') {
        zm = digits(s + 4, 2);
        s += 6;
    } else {
        zm = digits(s + 3, 2);
        s += 5;
    }
    if (zm < 0 || zh > 14 || zm > 59)
        return -1;
    *offset = sign * (zh * 3600 + zm * 60);
    *p = s;
    return 0;
}

int date_parse_time(const char *s, struct date_time *t)
{
    if (!s)
        return -1;
    while (is_space(*s))
        s++;
    struct date_time r = { 0, 0, DATE_KST_OFFSET };
    int day_rc = parse_day_prefix(s, &r.day);
    if (day_rc == DATE_NO_SUCH_DAY)
        return DATE_NO_SUCH_DAY;
    const char *p = s + 10;
    if ((*p == ' ' || *p == 'T') && p[1] >= '0' && p[1] <= '9') {
        p++;
        if (parse_clock(&p, &r.second_of_day) != 0)
            return -1;
    }
    if (parse_zone(&p, &r.offset_seconds) != 0)
        return -1;
    while (is_space(*p))
        p++;
    if (*p)
        return -1;
    if (day_rc != 0)
        return day_rc;   /* a well-formed time on a day outside the years handled */
    *t = r;
    return 0;
}

long long date_time_epoch(const struct date_time *t)
{
    return (long long)t->day * 86400 + t->second_of_day - t->offset_seconds;
}

/* Floor division: days before 1970 round towards the past. */
static long floor_div(long long a, long long b)
{
    long long q = a / b;
    return (long)(a % b != 0 && (a < 0) != (b < 0) ? q - 1 : q);
}

long date_kst_day_of_epoch(long long epoch)
{
    return floor_div(epoch + DATE_KST_OFFSET, 86400);
}

long date_time_kst_day(const struct date_time *t)
{
    return date_kst_day_of_epoch(date_time_epoch(t));
}

void date_format_time(const struct date_time *t, char out[26])
{
    char day[11];
    date_format_day(t->day, day);
    unsigned sec = (unsigned)t->second_of_day % 86400u;
    unsigned off = (unsigned)(t->offset_seconds < 0 ? -t->offset_seconds : t->offset_seconds);
    snprintf(out, 26, "%.10sT%02u:%02u:%02u%c%02u:%02u", day, sec / 3600u, sec / 60u % 60u,
             sec % 60u, t->offset_seconds < 0 ? '-' : '+', off / 3600u % 100u, off / 60u % 60u);
}

void date_utc_parts(long long epoch, int *year, int *month, int *mday, int *hour, int *minute,
                    int *second)
{
    long day = floor_div(epoch, 86400);
    long rest = (long)(epoch - (long long)day * 86400);
    date_to_civil(day, year, month, mday);
    *hour = (int)(rest / 3600);
    *minute = (int)(rest / 60 % 60);
    *second = (int)(rest % 60);
}

long date_today_kst(void)
{
    return date_kst_day_of_epoch((long long)time(NULL));
}

/* ---- ISO weeks ---- */

/* Monday of ISO week 1 of year y: the Monday on or before 4 January. */
static long week1_monday(int y)
{
    long jan4 = days_from_civil(y, 1, 4);
    return jan4 - date_weekday(jan4);
}

int date_iso_weeks_in_year(int year)
{
    /* 28 December is always in the year's last week. */
    return (int)((days_from_civil(year, 12, 28) - week1_monday(year)) / 7 + 1);
}

struct date_week date_week_of(long day)
{
    /* The week belongs to the year of its Thursday. */
    long thursday = day - date_weekday(day) + 3;
    int y, m, d;
    date_to_civil(thursday, &y, &m, &d);
    struct date_week w = { y, (int)((thursday - week1_monday(y)) / 7 + 1) };
    return w;
}

long date_week_monday(struct date_week w)
{
    return week1_monday(w.year) + 7L * (w.week - 1);
}

int date_parse_week(const char *s, struct date_week *w)
{
    if (!s || strlen(s) != 8 || s[4] != '-' || s[5] != 'W')
        return -1;
    int y = digits(s, 4), n = digits(s + 6, 2);
    if (y < 0 || n < 1 || n > date_iso_weeks_in_year(y))
        return DATE_NO_SUCH_DAY;
    if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR)
        return DATE_OUT_OF_RANGE;
    w->year = y;
    w->week = n;
    return 0;
}

void date_format_week(struct date_week w, char out[9])
{
    snprintf(out, 9, "%04u-W%02u", (unsigned)w.year % 10000u, (unsigned)w.week % 100u);
}

int date_week_cmp(struct date_week a, struct date_week b)
{
    if (a.year != b.year)
        return a.year < b.year ? -1 : 1;
    return (a.week > b.week) - (a.week < b.week);
}

struct date_week date_week_prev(struct date_week w)
{
    return date_week_of(date_week_monday(w) - 7);
}

/* ---- Periods ---- */

static int resolve_week(const char *arg, long today, struct date_week *w)
{
    if (strcmp(arg, "this") == 0) {
        *w = date_week_of(today);
        return 0;
    }
    if (strcmp(arg, "last") == 0) {
        /* The week holding today is not complete until its Sunday is over. */
        *w = date_week_of(date_week_monday(date_week_of(today)) - 7);
        return 0;
    }
    return date_parse_week(arg, w);
}

/* Why option opt's day value failed to parse (rc from date_parse_day), in why. */
static void explain_day(const char *opt, const char *value, int rc, char *why, size_t size)
{
    if (rc == DATE_OUT_OF_RANGE)
        snprintf(why, size, "%s %s is out of range: dates run from %04d-01-01 to %04d-12-31",
                 opt, value, DATE_MIN_YEAR, DATE_MAX_YEAR);
    else
        snprintf(why, size, "%s wants a date that exists, YYYY-MM-DD from %04d-01-01 to "
                 "%04d-12-31, not '%s'", opt, DATE_MIN_YEAR, DATE_MAX_YEAR, value);
}

/* The week a run files under must have a name the archive can read back. */
static int week_in_range(struct date_week w)
{
    return w.year >= DATE_MIN_YEAR && w.year <= DATE_MAX_YEAR;
}

static int explain_week(const char *what, struct date_week w, char *why, size_t size)
{
    char name[16];
    snprintf(name, sizeof name, "%04d-W%02d", w.year, w.week);
    snprintf(why, size, "%s falls in week %s, out of range: weeks run from %04d-W01 to "
             "%04d-W%02d", what, name, DATE_MIN_YEAR, DATE_MAX_YEAR,
             date_iso_weeks_in_year(DATE_MAX_YEAR));
    return -1;
}

static int resolve_week_option(const char *arg, const char *today, struct date_period *r,
                               char *why, size_t size)
{
    int rc = resolve_week(arg, r->today, &r->week);
    if (rc == DATE_OUT_OF_RANGE) {
        snprintf(why, size, "--week %s is out of range: weeks run from %04d-W01 to %04d-W%02d",
                 arg, DATE_MIN_YEAR, DATE_MAX_YEAR, date_iso_weeks_in_year(DATE_MAX_YEAR));
        return -1;
    }
    if (rc != 0) {
        snprintf(why, size, "--week wants last, this, or an ISO week that exists, "
                 "YYYY-Www from %04d-W01 to %04d-W%02d (e.g. 2026-W01), not '%s'",
                 DATE_MIN_YEAR, DATE_MAX_YEAR, date_iso_weeks_in_year(DATE_MAX_YEAR), arg);
        return -1;
    }
    if (!week_in_range(r->week)) {
        char what[64];
        snprintf(what, sizeof what, "--week %s%s%s", arg, today ? " with --today " : "",
                 today ? today : "");
        return explain_week(what, r->week, why, size);
    }
    r->is_week = 1;
    r->since = date_week_monday(r->week);
    r->until = r->since + 6;
    return 0;
}

int date_period_resolve(const struct date_period_spec *spec, long clock_today,
                        struct date_period *p, char *why, size_t why_size)
{
    struct date_period r = { DATE_OPEN_START, DATE_OPEN_END, 0, { 0, 0 }, clock_today };
    int rc;
    if (spec->today && (rc = date_parse_day(spec->today, &r.today)) != 0) {
        explain_day("--today", spec->today, rc, why, why_size);
        return -1;
    }
    if (spec->week && (spec->since || spec->until)) {
        snprintf(why, why_size, "--week cannot be combined with --since/--until");
        return -1;
    }
    if (spec->week) {
        if (resolve_week_option(spec->week, spec->today, &r, why, why_size) != 0)
            return -1;
        *p = r;
        return 0;
    }
    const char *ends[2] = { spec->since, spec->until };
    long *slots[2] = { &r.since, &r.until };
    for (int i = 0; i < 2; i++) {
        if (ends[i] && (rc = date_parse_day(ends[i], slots[i])) != 0) {
            explain_day(i ? "--until" : "--since", ends[i], rc, why, why_size);
            return -1;
        }
    }
    if (r.since != DATE_OPEN_START && r.until != DATE_OPEN_END && r.since > r.until) {
        snprintf(why, why_size, "--since %s is after --until %s", spec->since, spec->until);
        return -1;
    }
    r.week = date_week_of(r.until != DATE_OPEN_END ? r.until : r.today);
    if (!week_in_range(r.week)) {
        char what[64];
        if (r.until != DATE_OPEN_END)
            snprintf(what, sizeof what, "--until %s", spec->until);
        else if (spec->today)
            snprintf(what, sizeof what, "--today %s", spec->today);
        else
            snprintf(what, sizeof what, "today (the system clock)");
        return explain_week(what, r.week, why, why_size);
    }
    *p = r;
    return 0;
}

int date_period_contains(const struct date_period *p, long day)
{
    return day >= p->since && day <= p->until;
}

int date_period_is_bounded(const struct date_period *p)
{
    return p->since != DATE_OPEN_START || p->until != DATE_OPEN_END;
}

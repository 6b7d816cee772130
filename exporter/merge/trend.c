/* trend.c — see trend.h. */
#include "merge/trend.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

/* The week n weeks after w (n may be negative). */
static struct date_week week_add(struct date_week w, long n)
{
    return date_week_of(date_week_monday(w) + 7 * n);
}

static long weeks_between(struct date_week from, struct date_week to)
{
    return (date_week_monday(to) - date_week_monday(from)) / 7;
}

/* The axis: consecutive weeks from `first` to `week`. */
static void axis_init(struct trend *t, const struct template *tpl, struct date_week first,
                      struct date_week week)
{
    t->n_weeks = (size_t)weeks_between(first, week) + 1;
    t->weeks = xcalloc(t->n_weeks, sizeof *t->weeks);
    t->recorded = xcalloc(t->n_weeks, sizeof *t->recorded);
    for (size_t i = 0; i < t->n_weeks; i++)
        t->weeks[i] = week_add(first, (long)i);
    t->n_entities = tpl->n_entities;
    t->mentions = xcalloc(t->n_entities * t->n_weeks + 1, sizeof *t->mentions);
}

/* Copies the archive's weeks that fall on the axis. */
static void take_archived(struct trend *t, const struct template *tpl,
                          const struct archive_trend *at)
{
    for (size_t w = 0; w < at->n_weeks; w++) {
        long i = weeks_between(t->weeks[0], at->weeks[w]);
        if (i < 0 || (size_t)i + 1 >= t->n_weeks)
            continue;   /* before the window, or the run's own week (the run says it) */
        t->recorded[i] = 1;
        for (size_t e = 0; e < at->n_entities; e++) {
            int k = template_entity_index(tpl, at->entity_ids[e]);
            if (k >= 0)
                t->mentions[(size_t)k * t->n_weeks + (size_t)i] =
                    at->mentions[e * at->n_weeks + w];
        }
    }
}

enum exp_status trend_build(struct archive *archive, const struct template *tpl,
                            struct date_week week, const struct coverage *current,
                            struct trend *out, struct diag *d)
{
    memset(out, 0, sizeof *out);
    struct archive_trend at;
    memset(&at, 0, sizeof at);
    struct date_week first = week;
    if (archive) {
        enum exp_status st = archive_trend(archive, date_week_prev(week), TREND_MAX_WEEKS - 1,
                                           &at, d);
        if (st != EXP_OK)
            return st;
        /* the oldest archived week within the window starts the axis */
        for (size_t w = 0; w < at.n_weeks; w++) {
            long back = weeks_between(at.weeks[w], week);
            if (back > 0 && back < TREND_MAX_WEEKS) {
                first = at.weeks[w];
                break;
            }
        }
    }
    axis_init(out, tpl, first, week);
    take_archived(out, tpl, &at);
    archive_trend_free(&at);
    size_t last = out->n_weeks - 1;
    out->recorded[last] = 1;
    for (size_t e = 0; e < out->n_entities; e++)
        out->mentions[e * out->n_weeks + last] = current ? coverage_entity_mentions(current, e) : 0;
    for (size_t i = 0; i < out->n_weeks; i++)
        out->n_recorded += out->recorded[i] != 0;
    return EXP_OK;
}

size_t trend_entity_total(const struct trend *t, size_t entity)
{
    size_t n = 0;
    for (size_t w = 0; w < t->n_weeks; w++)
        n += t->mentions[entity * t->n_weeks + w];
    return n;
}

void trend_free(struct trend *t)
{
    free(t->weeks);
    free(t->recorded);
    free(t->mentions);
    memset(t, 0, sizeof *t);
}

/* trend.h — mentions per week: how often each entity was named, week by week, over the last
 * weeks the archive holds and the run's own week.
 *
 * The weeks are consecutive ISO weeks ending with the run's week and starting with the
 * oldest week the archive holds among the TREND_MAX_WEEKS - 1 weeks before it, so a chart
 * spaces them as the calendar does. A week inside that span with no archived run is a gap
 * (recorded = 0): no run means nothing is known, which is not the same as no mentions. The
 * run's own week comes from the run's coverage (the archive holds an older reading of it, or
 * none, until the run commits); the earlier weeks from the archive's coverage (archive.h).
 * Entities the template no longer has are left out. */
#ifndef EXPORTER_TREND_H
#define EXPORTER_TREND_H

#include <stddef.h>

#include "extract/template.h"
#include "merge/archive.h"
#include "merge/coverage.h"
#include "util/date.h"
#include "util/diag.h"
#include "util/status.h"

#define TREND_MAX_WEEKS 8

struct trend {
    struct date_week *weeks;  /* n_weeks consecutive weeks, oldest first; the last is the run's */
    int *recorded;            /* per week: 1 when a run recorded it (the last always) */
    size_t n_weeks;
    size_t n_recorded;        /* weeks with data, the run's included */
    size_t n_entities;        /* the template's entities, in its order */
    size_t *mentions;         /* [entity * n_weeks + week]; 0 in a gap */
};

/* The trend up to and including `week`. archive may be NULL (no archive: the run's week
 * only). current is the run's finished coverage. Free with trend_free. */
enum exp_status trend_build(struct archive *archive, const struct template *tpl,
                            struct date_week week, const struct coverage *current,
                            struct trend *out, struct diag *d);

/* Mentions of entity over the trend's weeks. */
size_t trend_entity_total(const struct trend *t, size_t entity);

void trend_free(struct trend *t);

#endif

/* chart.h — a horizontal grouped bar chart drawn as vectors into a layout.
 *
 * Used by the briefing (briefing.c) for the chart section; built only on layout.h's drawing
 * primitives (layout_reserve, layout_draw_rect/line/text, layout_link), so the chart is
 * vector paths and real text in the PDF. One group of bars per category (an organisation),
 * one bar per series (total and active parameters), each bar labelled with its value; a
 * labelled value axis with round ticks under the bars, a legend above them. A value that is
 * not reported is drawn as an empty outlined stub with the missing label ("미공개"), never
 * as a bar of length 0. */
#ifndef EXPORTER_CHART_H
#define EXPORTER_CHART_H

#include <stddef.h>
#include <stdint.h>

#include "typeset/layout.h"

#define CHART_MAX_SERIES 4

struct chart_series {
    const char *label;         /* legend text: "총 파라미터" */
    uint32_t color;            /* 0xRRGGBB */
};

struct chart_group {
    const char *label;         /* category label left of the bars: "SK텔레콤" */
    const char *link;          /* "#name" or a URI for the label, or NULL */
    const char *texts[CHART_MAX_SERIES];   /* value labels as printed ("10.2B", "1,576억 원");
                                              NULL = not reported */
    double values[CHART_MAX_SERIES];       /* the bars' lengths (for drawing only) */
};

struct chart {
    const struct chart_series *series;
    size_t n_series;           /* 1..CHART_MAX_SERIES */
    const struct chart_group *groups;
    size_t n_groups;
    const char *axis_label;    /* under the axis: "파라미터 수 (B = 10억 개)" */
    const char *missing_label; /* for a value not reported: "미공개" */
};

/* Reserves room in the flow (a new page when it does not fit) and draws the chart across the
 * text width; the value labels are the caller's texts, so they read as the prose does.
 * The axis starts at 0: a negative value is a hairline at the origin with its label (the
 * label carries the sign). Returns the reserved block. */
struct layout_block chart_draw_bars(struct layout *L, const struct chart *c);

/* An axis tick as printed: "10,000", "0.5" (thousands separators, as the text writes
 * numbers). */
void chart_tick_label(double v, char *out, size_t n);

/* The tick step for an axis up to max (1, 2 or 5 × 10^k, at most six steps, the smallest such); 1 for max <= 0. */
double chart_nice_step(double max);

#endif

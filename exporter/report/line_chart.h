/* line_chart.h — a line chart drawn as vectors into a layout: a few series over ordered
 * points (weeks).
 *
 * Used by the briefing (briefing.c) for a MODEL_LINES block (model.h); built only on
 * layout.h's drawing primitives, like chart.h, so the lines are vector paths and the labels
 * real text. Points are spaced evenly across the plot (the caller's points are consecutive
 * weeks); a value axis from 0 with round ticks (chart_nice_step) and light grid lines; each
 * line ends in a label with its name and last value, in the line's colour, moved apart
 * vertically when two would overlap. A point a series lacks breaks its line; a point nothing
 * was recorded at has a muted label. Grid and ticks are artifacts: the caller wraps the chart
 * in a Figure whose alternative text says every value. */
#ifndef EXPORTER_LINE_CHART_H
#define EXPORTER_LINE_CHART_H

#include <stdint.h>

#include "report/model.h"
#include "typeset/layout.h"

/* Reserves room in the flow (a new page when it does not fit) and draws c across the text
 * width; colors holds one 0xRRGGBB per line. Returns the reserved block. */
struct layout_block line_chart_draw(struct layout *L, const struct model_lines *c,
                                    const uint32_t *colors);

/* Spreads n label centres (sorted ascending) so that neighbours are at least gap apart and
 * all lie within [lo, hi] when they fit; moves each as little as it can. For the end labels;
 * exposed for tests. */
void line_chart_spread(float *y, size_t n, float gap, float lo, float hi);

#endif

/* chart.c — see chart.h. */
#include "report/chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "util/buf.h"
#include "util/decimal.h"

#define INK 0x1F2328
#define GREY 0x5B6470
#define GRID 0xE1E5EA
#define AXIS 0x5B6470
#define MISSING 0x9AA4B2

double chart_nice_step(double max)
{
    if (!(max > 0))
        return 1;
    /* the smallest 1, 2, 5 × 10^k that covers max in at most six steps */
    double mag = pow(10, floor(log10(max / 6)));
    static const double steps[] = { 1, 2, 5, 10 };
    for (size_t i = 0; i < 4; i++)
        if (ceil(max / (steps[i] * mag) - 1e-9) <= 6)
            return steps[i] * mag;
    return 10 * mag;
}

void chart_tick_label(double v, char *out, size_t n)
{
    /* ticks are 1, 2 or 5 × 10^k: "%g" is exact for them; then group the integer part */
    char raw[40];
    snprintf(raw, sizeof raw, "%.10g", v);
    struct decimal d;
    struct buf b = BUF_INIT;
    if (decimal_parse_str(raw, &d) == 0)
        decimal_put_grouped(&b, &d);
    else
        buf_puts(&b, raw);
    snprintf(out, n, "%s", b.data);
    buf_free(&b);
}

struct layout_block chart_draw_bars(struct layout *L, const struct chart *c)
{
    const struct layout_text_style label = { .font = FONT_SANS, .size = 8.5f, .leading = 1.2f,
        .color = INK, .align = LAYOUT_LEFT };
    const struct layout_text_style small = { .font = FONT_SANS, .size = 7.5f, .leading = 1.2f,
        .color = GREY, .align = LAYOUT_LEFT };
    const struct layout_text_style value = { .font = FONT_SANS, .size = 7.5f, .leading = 1.2f,
        .color = INK, .align = LAYOUT_LEFT };
    size_t ns = c->n_series < 1 ? 1 : c->n_series > CHART_MAX_SERIES ? CHART_MAX_SERIES
                                                                     : c->n_series;
    float bar_h = 10, bar_gap = 2, group_gap = 10, legend_h = 18, axis_h = 30;
    float group_h = (float)ns * bar_h + (float)(ns - 1) * bar_gap;
    float height = legend_h + (float)c->n_groups * (group_h + group_gap) + axis_h;
    struct layout_block b = layout_reserve(L, height);

    /* Horizontal room: labels on the left, value labels on the right. */
    float label_w = 0;
    for (size_t g = 0; g < c->n_groups; g++) {
        float w = layout_measure_text(L, c->groups[g].label ? c->groups[g].label : "", &label);
        if (w > label_w)
            label_w = w;
    }
    /* a very long name may not push the plot off the page: it gets a third of the width */
    if (label_w > b.width / 3)
        label_w = b.width / 3;
    double max = 0;
    for (size_t g = 0; g < c->n_groups; g++)
        for (size_t s = 0; s < ns; s++)
            if (c->groups[g].texts[s] && c->groups[g].values[s] > max)
                max = c->groups[g].values[s];
    double step = chart_nice_step(max);
    double axis_max = step * ceil(max / step);
    if (axis_max <= 0)
        axis_max = step;
    float x0 = b.x + label_w + 10, x1 = b.x + b.width - 44;
    float top = b.y + legend_h, plot_bottom = b.y + height - axis_h + 4;

    /* Legend, right-aligned above the plot. */
    float lx = x1 + 44;
    for (size_t s = ns; s-- > 0;) {
        const char *t = c->series[s].label ? c->series[s].label : "";
        float w = layout_measure_text(L, t, &small);
        lx -= w;
        layout_draw_text(L, b.page, lx, b.y + 9, t, &small, LAYOUT_LEFT);
        lx -= 12;
        layout_draw_rect(L, b.page, lx, b.y + 2.5f, 8, 8, c->series[s].color, LAYOUT_NO_COLOR, 0);
        lx -= 12;
    }

    /* Grid and ticks: decoration for a reader of the tags (the figure's alternative text says
     * every value). */
    layout_begin_struct(L, LAYOUT_ROLE_ARTIFACT, NULL);
    int nticks = (int)lround(axis_max / step);
    for (int t = 0; t <= nticks; t++) {
        float x = x0 + (x1 - x0) * (float)t / (float)nticks;
        layout_draw_line(L, b.page, x, top - 4, x, plot_bottom, t ? GRID : AXIS, t ? 0.4f : 0.8f);
        char tick[48];
        chart_tick_label(step * t, tick, sizeof tick);
        layout_draw_text(L, b.page, x, plot_bottom + 10, tick, &small, LAYOUT_CENTER);
    }
    layout_draw_line(L, b.page, x0, plot_bottom, x1, plot_bottom, AXIS, 0.6f);
    layout_end_struct(L);
    if (c->axis_label)
        layout_draw_text(L, b.page, (x0 + x1) / 2, plot_bottom + 22, c->axis_label, &small,
                         LAYOUT_CENTER);

    /* Bars. */
    for (size_t g = 0; g < c->n_groups; g++) {
        const struct chart_group *gr = &c->groups[g];
        float gy = top + (float)g * (group_h + group_gap);
        const char *name = gr->label ? gr->label : "";
        float w = layout_draw_text(L, b.page, x0 - 8, gy + group_h / 2 + 3, name, &label,
                                   LAYOUT_RIGHT);
        if (gr->link)
            layout_link(L, b.page, x0 - 8 - w, gy + group_h / 2 - 7, w, 13, gr->link);
        for (size_t s = 0; s < ns; s++) {
            float y = gy + (float)s * (bar_h + bar_gap);
            const char *v = gr->texts[s];
            if (!v) {
                layout_draw_rect(L, b.page, x0, y + 0.5f, 18, bar_h - 1, LAYOUT_NO_COLOR,
                                 MISSING, 0.5f);
                layout_draw_text(L, b.page, x0 + 22, y + bar_h - 2.5f,
                                 c->missing_label ? c->missing_label : "n/a", &small,
                                 LAYOUT_LEFT);
                continue;
            }
            double d = gr->values[s] > 0 ? gr->values[s] : 0;
            float bw = (x1 - x0) * (float)(d / axis_max);
            if (bw < 0.8f)
                bw = 0.8f;   /* a reported value, however small, is visibly a bar */
            layout_draw_rect(L, b.page, x0, y, bw, bar_h, c->series[s].color, LAYOUT_NO_COLOR, 0);
            layout_draw_text(L, b.page, x0 + bw + 3, y + bar_h - 2.5f, v, &value, LAYOUT_LEFT);
        }
    }
    return b;
}

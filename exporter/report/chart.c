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

/* The chart's geometry, fixed before anything is drawn. */
struct frame {
    struct layout_block b;
    size_t ns;                   /* series drawn */
    float x0, x1;                /* the value axis: axis_min at x0, axis_max at x1 */
    float zero;                  /* where 0 is: x0 unless a value is negative (a loss) */
    float top, plot_bottom;
    float bar_h, bar_gap, group_h, group_gap;
    double step, axis_min, axis_max;
    struct layout_text_style label, small, value;
};

static float widest(struct layout *L, const struct chart *c, size_t ns,
                    const struct layout_text_style *label, const struct layout_text_style *value,
                    float *values_w)
{
    float label_w = 0;
    *values_w = 0;
    for (size_t g = 0; g < c->n_groups; g++) {
        float w = layout_measure_text(L, c->groups[g].label ? c->groups[g].label : "", label);
        label_w = w > label_w ? w : label_w;
        for (size_t s = 0; s < ns; s++) {
            const char *t = c->groups[g].texts[s] ? c->groups[g].texts[s] : c->missing_label;
            float v = t ? layout_measure_text(L, t, value) : 0;
            *values_w = v > *values_w ? v : *values_w;
        }
    }
    return label_w;
}

/* The page position of value v on the axis. */
static float axis_x(const struct frame *f, double v)
{
    return f->x0 + (f->x1 - f->x0) * (float)((v - f->axis_min) / (f->axis_max - f->axis_min));
}

static void frame_init(struct layout *L, const struct chart *c, struct frame *f)
{
    f->label = (struct layout_text_style){ .font = FONT_SANS, .size = 8.5f, .leading = 1.2f,
        .color = INK, .align = LAYOUT_LEFT };
    f->small = (struct layout_text_style){ .font = FONT_SANS, .size = 7.5f, .leading = 1.2f,
        .color = GREY, .align = LAYOUT_LEFT };
    f->value = (struct layout_text_style){ .font = FONT_SANS, .size = 7.5f, .leading = 1.2f,
        .color = INK, .align = LAYOUT_LEFT };
    f->ns = c->n_series < 1 ? 1 : c->n_series > CHART_MAX_SERIES ? CHART_MAX_SERIES
                                                                 : c->n_series;
    f->bar_h = 10, f->bar_gap = 2, f->group_gap = 10;
    float legend_h = 18, axis_h = 30;
    f->group_h = (float)f->ns * f->bar_h + (float)(f->ns - 1) * f->bar_gap;
    float height = legend_h + (float)c->n_groups * (f->group_h + f->group_gap) + axis_h;
    f->b = layout_reserve(L, height);
    /* Horizontal room: names on the left, value labels (as long as the text writes them:
     * "3조 2,410억 원") right of the longest bar. A very long name or label may not push the
     * plot off the page: each gets at most a third of the width. */
    float values_w, label_w = widest(L, c, f->ns, &f->label, &f->value, &values_w);
    label_w = label_w > f->b.width / 3 ? f->b.width / 3 : label_w;
    values_w = values_w > f->b.width / 3 ? f->b.width / 3 : values_w;
    double max = 0, min = 0;
    for (size_t g = 0; g < c->n_groups; g++)
        for (size_t s = 0; s < f->ns; s++) {
            double v = c->groups[g].values[s];
            if (!c->groups[g].texts[s])
                continue;
            max = v > max ? v : max;
            min = v < min ? v : min;
        }
    /* The axis spans 0 and every value: a loss is a bar to the left of the zero line. */
    f->step = chart_nice_step(max - min);
    f->axis_max = f->step * ceil(max / f->step - 1e-9);
    f->axis_min = -f->step * ceil(-min / f->step - 1e-9);
    if (f->axis_max - f->axis_min <= 0)
        f->axis_max = f->step;
    f->x0 = f->b.x + label_w + 10;
    f->x1 = f->b.x + f->b.width - (values_w + 4 > 14 ? values_w + 4 : 14);
    f->zero = axis_x(f, 0);
    f->top = f->b.y + legend_h;
    f->plot_bottom = f->b.y + height - axis_h + 4;
}

/* Legend, right-aligned above the plot. */
static void draw_legend(struct layout *L, const struct chart *c, const struct frame *f)
{
    float lx = f->b.x + f->b.width;
    for (size_t s = f->ns; s-- > 0;) {
        const char *t = c->series[s].label ? c->series[s].label : "";
        lx -= layout_measure_text(L, t, &f->small);
        layout_draw_text(L, f->b.page, lx, f->b.y + 9, t, &f->small, LAYOUT_LEFT);
        lx -= 12;
        layout_draw_rect(L, f->b.page, lx, f->b.y + 2.5f, 8, 8, c->series[s].color,
                         LAYOUT_NO_COLOR, 0);
        lx -= 12;
    }
}

/* Grid and ticks: decoration for a reader of the tags (the figure's alternative text says
 * every value); the axis label is content. */
static void draw_axis(struct layout *L, const struct chart *c, const struct frame *f)
{
    layout_begin_struct(L, LAYOUT_ROLE_ARTIFACT, NULL);
    long first = lround(f->axis_min / f->step), last = lround(f->axis_max / f->step);
    for (long t = first; t <= last; t++) {
        float x = axis_x(f, f->step * (double)t);
        layout_draw_line(L, f->b.page, x, f->top - 4, x, f->plot_bottom, t ? GRID : AXIS,
                         t ? 0.4f : 0.8f);
        char tick[48];
        chart_tick_label(f->step * (double)t, tick, sizeof tick);
        layout_draw_text(L, f->b.page, x, f->plot_bottom + 10, tick, &f->small, LAYOUT_CENTER);
    }
    layout_draw_line(L, f->b.page, f->x0, f->plot_bottom, f->x1, f->plot_bottom, AXIS, 0.6f);
    layout_end_struct(L);
    if (c->axis_label)
        layout_draw_text(L, f->b.page, (f->x0 + f->x1) / 2, f->plot_bottom + 22, c->axis_label,
                         &f->small, LAYOUT_CENTER);
}

/* One group: its name (a link to its section), then a bar or a 'not reported' stub per
 * series. */
static void draw_group(struct layout *L, const struct chart *c, const struct frame *f,
                       size_t g)
{
    const struct chart_group *gr = &c->groups[g];
    float gy = f->top + (float)g * (f->group_h + f->group_gap);
    const char *name = gr->label ? gr->label : "";
    float w = layout_draw_text(L, f->b.page, f->x0 - 8, gy + f->group_h / 2 + 3, name,
                               &f->label, LAYOUT_RIGHT);
    if (gr->link)
        layout_link(L, f->b.page, f->x0 - 8 - w, gy + f->group_h / 2 - 7, w, 13, gr->link);
    for (size_t s = 0; s < f->ns; s++) {
        float y = gy + (float)s * (f->bar_h + f->bar_gap);
        const char *v = gr->texts[s];
        if (!v) {
            layout_draw_rect(L, f->b.page, f->zero, y + 0.5f, 18, f->bar_h - 1, LAYOUT_NO_COLOR,
                             MISSING, 0.5f);
            layout_draw_text(L, f->b.page, f->zero + 22, y + f->bar_h - 2.5f,
                             c->missing_label ? c->missing_label : "n/a", &f->small,
                             LAYOUT_LEFT);
            continue;
        }
        float end = axis_x(f, gr->values[s]);
        float bw = fabsf(end - f->zero);
        if (bw < 0.8f)
            bw = 0.8f;   /* a reported value, however small, is visibly a bar */
        int negative = gr->values[s] < 0;
        layout_draw_rect(L, f->b.page, negative ? f->zero - bw : f->zero, y, bw, f->bar_h,
                         c->series[s].color, LAYOUT_NO_COLOR, 0);
        /* a loss's label stands right of the zero line, where its group has no bar */
        float lx = negative ? f->zero + 3 : f->zero + bw + 3;
        layout_draw_text(L, f->b.page, lx, y + f->bar_h - 2.5f, v, &f->value, LAYOUT_LEFT);
    }
}

struct layout_block chart_draw_bars(struct layout *L, const struct chart *c)
{
    struct frame f;
    frame_init(L, c, &f);
    draw_legend(L, c, &f);
    draw_axis(L, c, &f);
    for (size_t g = 0; g < c->n_groups; g++)
        draw_group(L, c, &f, g);
    return f.b;
}

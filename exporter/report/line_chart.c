/* line_chart.c — see line_chart.h. */
#include "report/line_chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "report/chart.h"
#include "util/buf.h"

#define INK 0x1F2328
#define GREY 0x5B6470
#define MUTED 0xA6AEB8
#define GRID 0xE1E5EA
#define AXIS 0x5B6470

void line_chart_spread(float *y, size_t n, float gap, float lo, float hi)
{
    if (n == 0)
        return;
    /* push down from the top, then back up from the bottom: each label moves as little as
     * the labels above and below it force */
    for (size_t i = 0; i < n; i++) {
        float min = i ? y[i - 1] + gap : lo;
        if (y[i] < min)
            y[i] = min;
    }
    for (size_t i = n; i-- > 0;) {
        float max = i + 1 < n ? y[i + 1] - gap : hi;
        if (y[i] > max)
            y[i] = max;
    }
}

/* The chart's geometry, fixed before anything is drawn. */
struct frame {
    struct layout_block b;
    float x0, x1, top, bottom;   /* the plot: value 0 at bottom, axis_max at top */
    double step, axis_max;
    struct layout_text_style small, muted, label;
};

static float point_x(const struct frame *f, const struct model_lines *c, size_t p)
{
    if (c->n_points < 2)
        return (f->x0 + f->x1) / 2;
    return f->x0 + (f->x1 - f->x0) * (float)p / (float)(c->n_points - 1);
}

static float value_y(const struct frame *f, double v)
{
    return f->bottom - (f->bottom - f->top) * (float)(v / f->axis_max);
}

/* "SK텔레콤 15": the line's name and its last value. */
static void end_label(const struct model_line *l, size_t n_points, char *out, size_t n)
{
    size_t p = n_points;
    while (p > 0 && !l->present[p - 1])
        p--;
    if (p == 0)
        snprintf(out, n, "%s", l->label ? l->label : "");
    else
        snprintf(out, n, "%s %.0f", l->label ? l->label : "", l->values[p - 1]);
}

static void frame_init(struct layout *L, const struct model_lines *c, struct frame *f)
{
    f->small = (struct layout_text_style){ .font = FONT_SANS, .size = 7.5f, .leading = 1.2f,
        .color = GREY, .align = LAYOUT_LEFT };
    f->muted = f->small;
    f->muted.color = MUTED;
    f->label = (struct layout_text_style){ .font = FONT_SANS_BOLD, .size = 7.8f,
        .leading = 1.2f, .color = INK, .align = LAYOUT_LEFT };
    float plot_h = 120, axis_h = 34;
    f->b = layout_reserve(L, 10 + plot_h + axis_h);
    double max = 0;
    for (size_t i = 0; i < c->n_lines; i++)
        for (size_t p = 0; p < c->n_points; p++)
            if (c->lines[i].present[p] && c->lines[i].values[p] > max)
                max = c->lines[i].values[p];
    f->step = chart_nice_step(max);
    f->axis_max = f->step * ceil(max / f->step);
    if (f->axis_max <= 0)
        f->axis_max = f->step;
    float labels_w = 0;
    for (size_t i = 0; i < c->n_lines; i++) {
        char t[256];
        end_label(&c->lines[i], c->n_points, t, sizeof t);
        float w = layout_measure_text(L, t, &f->label);
        labels_w = w > labels_w ? w : labels_w;
    }
    if (labels_w > f->b.width / 3)
        labels_w = f->b.width / 3;
    char tick[48];
    chart_tick_label(f->axis_max, tick, sizeof tick);
    f->x0 = f->b.x + layout_measure_text(L, tick, &f->small) + 18;
    f->x1 = f->b.x + f->b.width - labels_w - 16;
    f->top = f->b.y + 10;
    f->bottom = f->top + plot_h;
}

/* Grid, value ticks and the points' labels: decoration (the Figure's alt says the values),
 * except the axis label, which is content. */
static void draw_axes(struct layout *L, const struct model_lines *c, const struct frame *f)
{
    layout_begin_struct(L, LAYOUT_ROLE_ARTIFACT, NULL);
    int nticks = (int)lround(f->axis_max / f->step);
    for (int t = 0; t <= nticks; t++) {
        float y = value_y(f, f->step * t);
        layout_draw_line(L, f->b.page, f->x0 - 6, y, f->x1 + 6, y, t ? GRID : AXIS,
                         t ? 0.4f : 0.8f);
        char tick[48];
        chart_tick_label(f->step * t, tick, sizeof tick);
        layout_draw_text(L, f->b.page, f->x0 - 9, y + 2.5f, tick, &f->small, LAYOUT_RIGHT);
    }
    for (size_t p = 0; p < c->n_points; p++) {
        float x = point_x(f, c, p);
        layout_draw_line(L, f->b.page, x, f->bottom, x, f->bottom + 3, AXIS, 0.6f);
        layout_draw_text(L, f->b.page, x, f->bottom + 12, c->points[p],
                         c->point_gap[p] ? &f->muted : &f->small, LAYOUT_CENTER);
    }
    layout_end_struct(L);
    if (c->axis_label)
        layout_draw_text(L, f->b.page, (f->x0 + f->x1) / 2, f->bottom + 26, c->axis_label,
                         &f->small, LAYOUT_CENTER);
}

/* One series: segments between neighbouring points it has, a square at each point. */
static void draw_line(struct layout *L, const struct model_line *l, size_t n_points,
                      const struct frame *f, const struct model_lines *c, uint32_t color)
{
    for (size_t p = 0; p < n_points; p++) {
        if (!l->present[p])
            continue;
        float x = point_x(f, c, p), y = value_y(f, l->values[p]);
        if (p + 1 < n_points && l->present[p + 1])
            layout_draw_line(L, f->b.page, x, y, point_x(f, c, p + 1),
                             value_y(f, l->values[p + 1]), color, 1.6f);
        layout_draw_rect(L, f->b.page, x - 2.2f, y - 2.2f, 4.4f, 4.4f, color, LAYOUT_NO_COLOR, 0);
    }
}

struct end {
    size_t line;
    float y;
};

static int end_cmp(const void *a, const void *b)
{
    float x = ((const struct end *)a)->y, y = ((const struct end *)b)->y;
    return (x > y) - (x < y);
}

/* The end labels, right of the plot, each beside its line's last point. */
static void draw_end_labels(struct layout *L, const struct model_lines *c,
                            const struct frame *f, const uint32_t *colors)
{
    struct end ends[MODEL_MAX_LINES] = { { 0, 0 } };
    float ys[MODEL_MAX_LINES] = { 0 };
    size_t n = 0;
    for (size_t i = 0; i < c->n_lines; i++) {
        size_t p = c->n_points;
        while (p > 0 && !c->lines[i].present[p - 1])
            p--;
        ends[n++] = (struct end){ i, p ? value_y(f, c->lines[i].values[p - 1]) : f->bottom };
    }
    qsort(ends, n, sizeof *ends, end_cmp);
    for (size_t k = 0; k < n; k++)
        ys[k] = ends[k].y;
    /* above the axis line, so no label meets the last week's name under it */
    line_chart_spread(ys, n, 9.5f, f->top, f->bottom - 3);
    for (size_t k = 0; k < n; k++) {
        const struct model_line *l = &c->lines[ends[k].line];
        char t[256];
        end_label(l, c->n_points, t, sizeof t);
        struct layout_text_style st = f->label;
        st.color = colors[ends[k].line];
        float x = f->x1 + 10;
        if (fabsf(ys[k] - ends[k].y) > 2) {   /* moved: a leader from the point */
            layout_begin_struct(L, LAYOUT_ROLE_ARTIFACT, NULL);
            layout_draw_line(L, f->b.page, f->x1 + 3, ends[k].y, x - 2, ys[k], GRID, 0.6f);
            layout_end_struct(L);
        }
        layout_draw_text(L, f->b.page, x, ys[k] + 2.8f, t, &st, LAYOUT_LEFT);
    }
}

struct layout_block line_chart_draw(struct layout *L, const struct model_lines *c,
                                    const uint32_t *colors)
{
    struct frame f;
    frame_init(L, c, &f);
    draw_axes(L, c, &f);
    for (size_t i = 0; i < c->n_lines; i++)
        draw_line(L, &c->lines[i], c->n_points, &f, c, colors[i]);
    draw_end_labels(L, c, &f, colors);
    return f.b;
}

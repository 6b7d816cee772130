/* bench_quantity.c — times quantity_scan() on one core.
 *
 * Usage: bench_quantity FILE [REPEATS]. Reads FILE (article-like text), scans it REPEATS times
 * (default 3) line by line, as the extractor and `exporter quantities` do, and prints the best
 * throughput in MB/s with the number of figures found. The single-threaded scan is timed both in
 * process CPU time (what one core achieves, robust against other load on the machine) and in
 * wall-clock time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/buf.h"
#include "extract/quantity.h"
#include "extract/units.h"

static double now(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_quantity FILE [REPEATS]\n");
        return 64;
    }
    int repeats = argc > 2 ? atoi(argv[2]) : 3;
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 66;
    }
    struct buf text = BUF_INIT;
    char chunk[1 << 16];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(&text, chunk, n);
    fclose(f);

    struct quantity_list list = { 0 };
    struct unit_registry *units = units_new(); /* indexed, as a loaded template's */
    double best = 1e30, best_cpu = 1e30;
    size_t found = 0, issues = 0;
    for (int r = 0; r < (repeats > 0 ? repeats : 1); r++) {
        found = issues = 0;
        double t0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID);
        const char *p = text.data, *end = text.data + text.len;
        while (p < end) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
            quantity_list_clear(&list);
            if (quantity_scan_units(units, p, len, &list, NULL) == 0) {
                found += list.count;
                issues += list.n_issues;
            }
            p += len + 1;
        }
        double t = now(CLOCK_MONOTONIC) - t0, c = now(CLOCK_PROCESS_CPUTIME_ID) - c0;
        if (t < best)
            best = t;
        if (c < best_cpu)
            best_cpu = c;
    }
    double mb = (double)text.len / 1e6;
    printf("quantity_scan: %.1f MB, best of %d: %.3f s CPU = %.1f MB/s per core (%.3f s wall = %.1f MB/s); "
           "%zu figures, %zu issues\n",
           mb, repeats, best_cpu, mb / best_cpu, best, mb / best, found, issues);
    quantity_list_free(&list);
    units_free(units);
    buf_free(&text);
    return 0;
}

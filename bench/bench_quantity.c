/* bench_quantity.c — times quantity_scan() on one core.
 *
 * Usage: bench_quantity FILE [REPEATS]. Reads FILE (article-like text), scans it REPEATS times
 * (default 3) line by line, as the extractor and `exporter quantities` do, and prints the best
 * throughput in MB/s with the number of figures found. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "quantity.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
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
    double best = 1e30;
    size_t found = 0, issues = 0;
    for (int r = 0; r < (repeats > 0 ? repeats : 1); r++) {
        found = issues = 0;
        double t0 = now();
        const char *p = text.data, *end = text.data + text.len;
        while (p < end) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
            quantity_list_clear(&list);
            if (quantity_scan(p, len, &list, NULL) == 0) {
                found += list.count;
                issues += list.n_issues;
            }
            p += len + 1;
        }
        double t = now() - t0;
        if (t < best)
            best = t;
    }
    double mb = (double)text.len / 1e6;
    printf("quantity_scan: %.1f MB in %.3f s = %.1f MB/s (one core, best of %d); %zu figures, %zu issues\n",
           mb, best, mb / best, repeats, found, issues);
    quantity_list_free(&list);
    buf_free(&text);
    return 0;
}

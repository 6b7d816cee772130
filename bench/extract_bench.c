/* extract_bench.c — parse → extract → CSV over a folder of articles, streaming: each
 * article's facts are written to facts.csv and folded into the table, then freed, so memory
 * holds only the merged table. Prints articles/s, MB/s and peak RSS.
 * usage: extract_bench TEMPLATE DIR OUTDIR */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "ingest/article.h"
#include "util/buf.h"
#include "report/csv_out.h"
#include "extract/extract.h"
#include "merge/table.h"
#include "extract/template.h"

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: %s TEMPLATE DIR OUTDIR\n", argv[0]);
        return 64;
    }
    struct diag d;
    diag_init(&d, NULL, 0, 1);
    struct template tpl;
    if (template_load(argv[1], &d, &tpl) != EXP_OK)
        return 78;
    DIR *dir = opendir(argv[2]);
    if (!dir) {
        perror(argv[2]);
        return 66;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(dir)))
        if (strstr(de->d_name, ".txt")) {
            xgrow(&names, &cap, n + 1, sizeof *names);
            names[n++] = xstrdup(de->d_name);
        }
    closedir(dir);
    qsort(names, n, sizeof *names, by_name);

    char path[4096];
    snprintf(path, sizeof path, "%s/facts.csv", argv[3]);
    FILE *facts = fopen(path, "wb");
    snprintf(path, sizeof path, "%s/comparison.csv", argv[3]);
    FILE *comparison = fopen(path, "wb");
    if (!facts || !comparison) {
        perror(argv[3]);
        return 73;
    }
    double start = now();
    struct extractor *ex = extract_new(&tpl);
    struct table *t = table_new(&tpl);
    struct fact_list l;
    memset(&l, 0, sizeof l);
    csv_out_facts_begin(facts);
    size_t bytes = 0, parsed = 0, n_facts = 0;
    for (size_t i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s/%s", argv[2], names[i]);
        struct stat st;
        if (stat(path, &st) == 0)
            bytes += (size_t)st.st_size;
        struct article a;
        struct article_options o = { 0 };
        if (article_parse_file(path, &o, &d, &a) == EXP_OK) {
            extract_article(ex, &a, &l, &d);
            csv_out_write_facts_rows(facts, &tpl, &l);
            table_add(t, &l);
            n_facts += l.count;
            fact_list_clear(&l);
            article_free(&a);
            parsed++;
        }
        free(names[i]);
    }
    table_finish(t);
    int rc = csv_out_write_comparison(comparison, t) != EXP_OK;
    rc |= fclose(facts) != 0;
    rc |= fclose(comparison) != 0;
    double secs = now() - start;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
                 (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
    printf("extract: %zu articles (%.1f MB), %zu facts in %.2f s wall, %.2f s CPU: "
           "%.0f articles/s, %.1f MB/s wall (%.1f MB/s per CPU second), peak RSS %.1f MB\n",
           parsed, (double)bytes / 1e6, n_facts, secs, cpu, (double)parsed / secs,
           (double)bytes / 1e6 / secs, (double)bytes / 1e6 / cpu, (double)ru.ru_maxrss / 1024.0);
    const struct table_row *skt = table_row_by_id(t, "skt");
    if (skt)
        printf("extract: skt params_total_b=%s conflicts=\"%s\" articles=%zu\n",
               skt->cells[template_column_index(&tpl, "params_total_b")].text, skt->conflicts,
               skt->n_articles);
    fact_list_free(&l);
    table_free(t);
    extract_free(ex);
    template_free(&tpl);
    free(names);
    return rc ? 74 : 0;
}

/* fuzz_article.c — libFuzzer harness for the article parser (front matter, body, sentences,
 * people). Any input must give EXP_OK or EXP_DATAERR with a diagnostic, never a crash or a
 * leak. Build and run: make fuzz-article [FUZZ_SECONDS=180]. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "ingest/article.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *devnull = fopen("/dev/null", "w");
    struct diag d;
    diag_init(&d, devnull, 1, 0);
    struct article a;
    enum exp_status st = article_parse_buffer("fuzz.txt", (const char *)data, size, NULL, &d, &a);
    if (st == EXP_OK)
        article_free(&a);
    else if (d.errors == 0)
        abort();   /* a failure must always say why */
    fclose(devnull);
    return 0;
}

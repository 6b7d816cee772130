/* fuzz_extract.c — libFuzzer harness for the extractor: the input, split at newlines, is an
 * article's sentences, extracted with the bundled template and merged into a table. Built by
 * `make fuzz-extract` (run from the repository root: it loads templates/sovereign-ai.yaml). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"
#include "merge/table.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct template tpl;
static struct extractor *ex;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *sink = fopen("/dev/null", "w");
    struct diag d;
    diag_init(&d, sink, 0, 0);
    if (!ex) {
        if (template_load("templates/sovereign-ai.yaml", &d, &tpl) != EXP_OK)
            abort();
        ex = extract_new(&tpl);
    }
    struct article a;
    memset(&a, 0, sizeof a);
    a.id = xstrdup("fuzz");
    a.published_at = xstrdup("2025-12-30T00:00:00+09:00");
    a.body = xstrndup((const char *)data, size);
    size_t start = 0;
    for (size_t i = 0; i <= size; i++) {
        if (i < size && data[i] != '\n')
            continue;
        if (i > start) {
            xgrow(&a.sentences.items, &a.sentences.cap, a.sentences.count + 1,
                  sizeof *a.sentences.items);
            struct sentence *s = &a.sentences.items[a.sentences.count++];
            s->offset = start;
            s->text = xstrndup((const char *)data + start, i - start);
            s->length = strlen(s->text);   /* an embedded NUL ends the sentence */
        }
        start = i + 1;
    }
    struct fact_list l;
    memset(&l, 0, sizeof l);
    extract_article(ex, &a, &l, &d);
    struct table *t = table_build(&tpl, &l);
    table_free(t);
    fact_list_free(&l);
    article_free(&a);
    fclose(sink);
    return 0;
}

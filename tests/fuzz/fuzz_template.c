/* fuzz_template.c — libFuzzer harness for the template loader: any bytes must load or fail
 * with EXP_CONFIG and a message, never crash or leak. Built by `make fuzz-template`. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "extract/extract.h"
#include "extract/template.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *sink = fopen("/dev/null", "w");
    struct diag d;
    diag_init(&d, sink, 0, 0);
    struct template t;
    if (template_load_buffer("fuzz.yaml", (const char *)data, size, &d, &t) == EXP_OK) {
        /* a template that loads must also compile into a matcher */
        struct extractor *ex = extract_new(&t);
        extract_free(ex);
        template_free(&t);
    }
    fclose(sink);
    return 0;
}

/* fuzz_quantity.c — libFuzzer harness for the quantity scanner.
 *
 * Build and run with `make fuzz-quantity` (clang -fsanitize=fuzzer,address,undefined). Besides
 * the sanitizers it checks the scanner's promises: -1 exactly for invalid UTF-8, spans inside
 * the input and in text order, values never past 10^20, scale at most 18, ranges low <= high
 * only as written, and that the subcommand never fails with anything but EXP_OK or
 * EXP_DATAERR. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "util/diag.h"
#include "extract/quantity.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int valid_utf8(const uint8_t *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t l = utf8proc_iterate(s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (l <= 0)
            return 0;
        i += (size_t)l;
    }
    return 1;
}

static void check_value(const struct decimal *v)
{
    static const struct decimal limit = { (unsigned __int128)10000000000u * 10000000000u, 0, 0 };
    char buf[96];
    if (v->scale > 18)
        abort();
    if (decimal_cmp(v, &limit) > 0)
        abort();
    size_t n = decimal_format(v, buf, sizeof buf);
    if (n >= sizeof buf || strlen(buf) != n)
        abort();
    decimal_format_scaled(v, 9, buf, sizeof buf);
    (void)decimal_to_double(v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct quantity_list list = { 0 };
    size_t bad = 0;
    int rc = quantity_scan((const char *)data, size, &list, &bad);
    if ((rc == 0) != valid_utf8(data, size))
        abort();
    if (rc < 0) {
        if (bad >= size || list.count != 0)
            abort();
    }
    size_t prev_end = 0;
    for (size_t k = 0; k < list.count; k++) {
        const struct quantity *q = &list.items[k];
        if (q->length == 0 || q->offset + q->length > size || q->offset < prev_end)
            abort();
        prev_end = q->offset + q->length;
        if (!q->unit || q->qualifier > QUAL_RANGE || q->role > QROLE_NAME)
            abort();
        check_value(&q->value);
        if (q->qualifier == QUAL_RANGE)
            check_value(&q->high);
    }
    for (size_t k = 0; k < list.n_issues; k++) {
        const struct quantity_issue *is = &list.issues[k];
        if (is->offset + is->length > size || !is->message)
            abort();
    }
    quantity_list_free(&list);

    /* The subcommand over the same bytes. */
    FILE *in = fmemopen((void *)(size ? data : (const uint8_t *)""), size ? size : 1, "r");
    FILE *out = fopen("/dev/null", "w");
    FILE *err = fopen("/dev/null", "w");
    if (in && out && err) {
        struct diag d;
        diag_init(&d, err, 0, 0);
        enum exp_status st = quantity_print_lines(in, out, &d);
        if (st != EXP_OK && st != EXP_DATAERR)
            abort();
    }
    if (in)
        fclose(in);
    if (out)
        fclose(out);
    if (err)
        fclose(err);
    return 0;
}

/* test_deflate_pool.c — buffers deflated on two threads: each result is the bytes libdeflate
 * gives that buffer alone, in the job's own slot, whatever thread compressed it and whenever
 * it was added (before finish, after it, none at all). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libdeflate.h>

#include "util/deflate_pool.h"

enum { LEVEL = 8, N_JOBS = 40 };

/* Job i's input: sizes from empty to 200 KB, text-like and different for every job. */
static unsigned char *make_input(size_t i, size_t *len)
{
    *len = i == 0 ? 0 : (i * 7919) % 200000 + i;
    unsigned char *b = malloc(*len ? *len : 1);
    uint32_t x = (uint32_t)i * 2654435761u + 1;
    for (size_t k = 0; k < *len; k++) {
        x = x * 1103515245u + 12345u;
        b[k] = (unsigned char)("abcdefgh <</Type /Page>> 0123456789\n"[(x >> 16) % 36]);
    }
    return b;
}

/* The job's result against libdeflate on one thread, and that it inflates back. */
static void check_result(const struct deflate_pool *p, size_t job, size_t i)
{
    size_t len;
    unsigned char *in = make_input(i, &len);
    struct libdeflate_compressor *c = libdeflate_alloc_compressor(LEVEL);
    size_t bound = libdeflate_zlib_compress_bound(c, len);
    unsigned char *want = malloc(bound);
    size_t want_len = libdeflate_zlib_compress(c, in, len, want, bound);
    size_t got_len;
    const unsigned char *got = deflate_pool_result(p, job, &got_len);
    assert_int_equal(got_len, want_len);
    assert_memory_equal(got, want, want_len);
    unsigned char *back = malloc(len ? len : 1);
    struct libdeflate_decompressor *dc = libdeflate_alloc_decompressor();
    size_t back_len = 0;
    assert_int_equal(libdeflate_zlib_decompress(dc, got, got_len, back, len, &back_len),
                     LIBDEFLATE_SUCCESS);
    assert_int_equal(back_len, len);
    if (len)
        assert_memory_equal(back, in, len);
    libdeflate_free_decompressor(dc);
    libdeflate_free_compressor(c);
    free(back);
    free(want);
    free(in);
}

static void test_results_in_their_slots(void **state)
{
    (void)state;
    struct deflate_pool *p = deflate_pool_new(LEVEL);
    for (size_t i = 0; i < N_JOBS; i++) {
        size_t len;
        unsigned char *in = make_input(i, &len);
        assert_int_equal(deflate_pool_add(p, in, len), i);
        memset(in, 0, len);   /* the pool took a copy */
        free(in);
    }
    deflate_pool_finish(p);
    for (size_t i = 0; i < N_JOBS; i++)
        check_result(p, i, i);
    deflate_pool_free(p);
}

static void test_added_after_finish(void **state)
{
    (void)state;
    struct deflate_pool *p = deflate_pool_new(LEVEL);
    size_t len;
    unsigned char *in = make_input(3, &len);
    assert_int_equal(deflate_pool_add(p, in, len), 0);
    free(in);
    deflate_pool_finish(p);
    in = make_input(5, &len);
    assert_int_equal(deflate_pool_add(p, in, len), 1);
    free(in);
    deflate_pool_finish(p);
    check_result(p, 0, 3);
    check_result(p, 1, 5);
    deflate_pool_free(p);
}

static void test_empty_pool(void **state)
{
    (void)state;
    deflate_pool_free(deflate_pool_new(LEVEL));
    struct deflate_pool *p = deflate_pool_new(LEVEL);
    deflate_pool_finish(p);
    deflate_pool_finish(p);
    deflate_pool_free(p);
    deflate_pool_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_results_in_their_slots),
        cmocka_unit_test(test_added_after_finish),
        cmocka_unit_test(test_empty_pool),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

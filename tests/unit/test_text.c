/* test_text.c — character classes, the NFC-inert set against utf8proc, UTF-8 validation,
 * web URLs, and the hash table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <utf8proc.h>

#include "util/hash.h"
#include "util/text.h"

static void test_hangul_meanings(void **state)
{
    (void)state;
    static const struct { uint32_t cp; int syllable, letter, script; } cases[] = {
        { 0xAC00 /* 가 */, 1, 1, 1 }, { 0xD7A3 /* 힣 */, 1, 1, 1 }, { 0xD7A4, 0, 0, 0 },
        { 0x3131 /* ㄱ */, 0, 1, 1 }, { 0x318E, 0, 1, 1 }, { 0x1100 /* ᄀ */, 0, 0, 1 },
        { 0x11FF, 0, 0, 1 }, { 'A', 0, 0, 0 }, { 0x4E00 /* 一 */, 0, 0, 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(text_is_hangul_syllable(cases[i].cp), cases[i].syllable);
        assert_int_equal(text_is_hangul_letter(cases[i].cp), cases[i].letter);
        assert_int_equal(text_is_hangul_script(cases[i].cp), cases[i].script);
    }
}

static void test_spaces(void **state)
{
    (void)state;
    static const struct { uint32_t cp; int space, breakable; } cases[] = {
        { ' ', 1, 1 }, { '\t', 1, 1 }, { '\n', 1, 0 }, { 0xA0, 1, 0 }, { 0x202F, 1, 0 },
        { 0x3000, 1, 1 }, { 0x2009, 1, 1 }, { 0xFEFF, 1, 0 }, { 'a', 0, 0 }, { 0x200B, 0, 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(text_is_space(cases[i].cp), cases[i].space);
        assert_int_equal(text_is_breakable_space(cases[i].cp), cases[i].breakable);
    }
}

/* Every code point the fast path calls inert really is: NFC leaves it alone, its combining
 * class is 0, and it is never the second half of a composition (utf8proc marks those with a
 * comb_index of 0x8000 or more). Being the first half is harmless: the second is never
 * inert, so a string holding it takes the slow path. */
static void test_nfc_inert_against_utf8proc(void **state)
{
    (void)state;
    size_t inert = 0;
    for (uint32_t cp = 0; cp < 0x30000; cp++) {
        if (!text_nfc_inert(cp) || (cp >= 0xD800 && cp <= 0xDFFF))
            continue;
        inert++;
        const utf8proc_property_t *p = utf8proc_get_property((utf8proc_int32_t)cp);
        int second = p->comb_index != UINT16_MAX && p->comb_index >= 0x8000;
        if (p->combining_class != 0 || second) {
            fail_msg("U+%04X is not NFC-inert", (unsigned)cp);
        }
        utf8proc_uint8_t in[4], *out = NULL;
        utf8proc_ssize_t n = utf8proc_encode_char((utf8proc_int32_t)cp, in);
        utf8proc_ssize_t m = utf8proc_map(in, n, &out, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
        if (m != n || memcmp(in, out, (size_t)n) != 0)
            fail_msg("NFC changes U+%04X", (unsigned)cp);
        free(out);
    }
    assert_true(inert > 30000);   /* Hangul syllables and CJK ideographs at least */
}

static void test_utf8_valid(void **state)
{
    (void)state;
    static const struct { const char *s; size_t len; int ok; size_t bad; } cases[] = {
        { "가나다", 9, 1, 0 }, { "abc", 3, 1, 0 }, { "a\xFF", 2, 0, 1 },
        { "\xC0\xAF", 2, 0, 0 },              /* overlong '/' */
        { "ab\xED\xA0\x80", 5, 0, 2 },        /* a surrogate */
        { "\xF4\x90\x80\x80", 4, 0, 0 },      /* past U+10FFFF */
        { "가\xEA\xB0", 5, 0, 3 },            /* cut short */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t bad = 99;
        assert_int_equal(text_utf8_valid(cases[i].s, cases[i].len, &bad), cases[i].ok);
        if (!cases[i].ok)
            assert_int_equal(bad, cases[i].bad);
    }
}

static void test_web_urls(void **state)
{
    (void)state;
    static const struct { const char *url; int ok; } cases[] = {
        { "https://n.news.naver.com/article/029/0003001728", 1 },
        { "http://example.com", 1 }, { "HTTPS://EXAMPLE.COM/a", 1 },
        { "javascript:alert(1)", 0 }, { "JavaScript://example.com/%0Aalert(1)", 0 },
        { "file:///etc/passwd", 0 }, { "data:text/html,<b>x</b>", 0 },
        { "https://", 0 }, { "https://exa mple.com", 0 }, { "https://example.kr/기사?a=1 b", 1 },
        { "https://example.com/\x01x", 0 },
        { "//example.com", 0 }, { "ftp://example.com", 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (text_is_web_url(cases[i].url) != cases[i].ok)
            fail_msg("%s: expected %d", cases[i].url, cases[i].ok);
    char *longest = malloc(TEXT_URL_MAX + 2);
    memset(longest, 'a', TEXT_URL_MAX + 1);
    memcpy(longest, "https://x.kr/", 13);
    longest[TEXT_URL_MAX] = '\0';
    assert_true(text_is_web_url(longest));
    longest[TEXT_URL_MAX] = 'a';
    longest[TEXT_URL_MAX + 1] = '\0';
    assert_false(text_is_web_url(longest));
    free(longest);
}

/* ---- The hash table ---- */

static struct hash_key word_key(const void *ctx, size_t item)
{
    char *const *words = ctx;
    return (struct hash_key){ words[item], strlen(words[item]) };
}

static void test_hash_index(void **state)
{
    (void)state;
    enum { N = 5000 };
    char **words = calloc(N, sizeof *words);
    struct hash_index ix;
    hash_index_init(&ix, word_key, words);
    for (size_t i = 0; i < N; i++) {
        char w[32];
        snprintf(w, sizeof w, "기사-%zu", i % 4000);   /* the last 1000 repeat */
        words[i] = strdup(w);
        size_t dup = hash_index_add(&ix, i);
        if (i < 4000)
            assert_int_equal(dup, HASH_NONE);
        else
            assert_int_equal(dup, i - 4000);
    }
    assert_int_equal(ix.count, 4000);
    assert_int_equal(hash_index_find(&ix, "기사-17", strlen("기사-17")), 17);
    assert_int_equal(hash_index_find(&ix, "기사-4000", strlen("기사-4000")), HASH_NONE);
    hash_index_rebuild(&ix, N);
    assert_int_equal(ix.count, 4000);
    hash_index_free(&ix);
    for (size_t i = 0; i < N; i++)
        free(words[i]);
    free(words);
}

/* A reserved index takes that many items without growing (no key is hashed twice). */
static void test_hash_index_reserve(void **state)
{
    (void)state;
    enum { N = 300 };
    static char words[N][16];
    const char *ptrs[N];
    for (int i = 0; i < N; i++) {
        snprintf(words[i], sizeof words[i], "w%d", i);
        ptrs[i] = words[i];
    }
    struct hash_index ix;
    hash_index_init(&ix, word_key, ptrs);
    hash_index_reserve(&ix, N);
    assert_true(ix.n_slots >= 2 * N);
    const size_t *slots = ix.slots;
    for (size_t i = 0; i < N; i++)
        assert_int_equal(hash_index_add(&ix, i), HASH_NONE);
    assert_ptr_equal(ix.slots, slots);
    assert_int_equal(hash_index_find(&ix, "w299", 4), 299);
    hash_index_reserve(&ix, 10);   /* never shrinks */
    assert_ptr_equal(ix.slots, slots);
    hash_index_free(&ix);
}

static void test_hash_set(void **state)
{
    (void)state;
    struct hash_set *s = hash_set_new();
    uint64_t a[2] = { 1, 2 }, b[2] = { 1, 3 };
    assert_true(hash_set_add(s, a, sizeof a));
    assert_true(hash_set_add(s, b, sizeof b));
    assert_false(hash_set_add(s, a, sizeof a));
    hash_set_free(s);
    hash_set_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hangul_meanings),
        cmocka_unit_test(test_spaces),
        cmocka_unit_test(test_nfc_inert_against_utf8proc),
        cmocka_unit_test(test_utf8_valid),
        cmocka_unit_test(test_web_urls),
        cmocka_unit_test(test_hash_index),
        cmocka_unit_test(test_hash_index_reserve),
        cmocka_unit_test(test_hash_set),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_decimal.c — the exact decimal type: parsing, comparison, arithmetic, and printing the
 * way Korean readers write numbers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/decimal.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static struct decimal D(const char *s)
{
    struct decimal d;
    if (decimal_parse_str(s, &d) != 0)
        fail_msg("test value does not parse: %s", s);
    return d;
}

static void assert_decimal(const struct decimal *v, const char *want)
{
    char buf[80];
    decimal_format(v, buf, sizeof buf);
    assert_string_equal(buf, want);
}

static void test_parse_and_format_round_trip(void **state)
{
    (void)state;
    static const struct { const char *in, *out; } ok[] = {
        { "0", "0" }, { "-0", "0" }, { "+7", "7" }, { "12", "12" }, { "1.50", "1.5" },
        { "-1176", "-1176" }, { "0.25", "0.25" }, { "007", "7" }, { "-0.000", "0" },
        { "0.000000000000000001", "0.000000000000000001" },
        { "100000000000000000000", "100000000000000000000" },
        { "-100000000000000000000", "-100000000000000000000" },
        { "99999999999999999999.999999999999999999", "99999999999999999999.999999999999999999" },
    };
    for (size_t i = 0; i < N(ok); i++) {
        struct decimal d;
        assert_int_equal(decimal_parse_str(ok[i].in, &d), 0);
        assert_decimal(&d, ok[i].out);
    }
    static const char *const bad[] = {
        "", "-", "+", ".", "1.", ".5", "-.5", "1.2.3", "1,000", " 1", "1 ", "1e3", "--1", "0x10",
        "100000000000000000001", "0.0000000000000000001", "1000000000000000000000000000000000000000000",
        "억", "3%",
    };
    for (size_t i = 0; i < N(bad); i++) {
        struct decimal d = decimal_from_int(42);
        assert_int_equal(decimal_parse_str(bad[i], &d), -1);
        assert_decimal(&d, "42"); /* untouched on failure */
    }
    assert_int_equal(decimal_parse_str(NULL, &(struct decimal){ 0, 0, 0 }), -1);
    /* a length, not a terminator */
    struct decimal d;
    assert_int_equal(decimal_parse("123abc", 3, &d), 0);
    assert_decimal(&d, "123");
}

static void test_from_int(void **state)
{
    (void)state;
    static const struct { long long v; const char *out; } cases[] = {
        { 0, "0" }, { -1, "-1" }, { 71236, "71236" }, { INT64_MIN, "-9223372036854775808" },
        { INT64_MAX, "9223372036854775807" },
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct decimal d = decimal_from_int(cases[i].v);
        assert_decimal(&d, cases[i].out);
    }
}

static void test_format_scaled_and_truncation(void **state)
{
    (void)state;
    char buf[64];
    struct decimal v = D("10200000000");
    assert_int_equal(decimal_format(&v, buf, sizeof buf), 11);
    decimal_format_scaled(&v, 9, buf, sizeof buf);
    assert_string_equal(buf, "10.2");
    decimal_format_scaled(&v, 12, buf, sizeof buf);
    assert_string_equal(buf, "0.0102");
    struct decimal n = D("-3");
    decimal_format_scaled(&n, 1, buf, sizeof buf);
    assert_string_equal(buf, "-0.3");
    /* a negative exponent multiplies: 0.412 m in mm, 1.2 m in mm, 3 in thousandths */
    struct decimal m = D("0.412");
    decimal_format_scaled(&m, -3, buf, sizeof buf);
    assert_string_equal(buf, "412");
    struct decimal w = D("-1.2");
    decimal_format_scaled(&w, -3, buf, sizeof buf);
    assert_string_equal(buf, "-1200");
    decimal_format_scaled(&n, -3, buf, sizeof buf);
    assert_string_equal(buf, "-3000");
    struct decimal z = D("0");
    decimal_format_scaled(&z, -3, buf, sizeof buf);
    assert_string_equal(buf, "0");
    char small[5];
    assert_int_equal(decimal_format(&v, small, sizeof small), 11);
    assert_string_equal(small, "1020");
}

static void test_compare(void **state)
{
    (void)state;
    static const struct { const char *a, *b; int want; } cases[] = {
        { "1.5", "1.50", 0 }, { "1.5", "1.51", -1 }, { "519", "500", 1 }, { "10.2", "102", -1 },
        { "-3", "1.5", -1 }, { "-5", "-3", -1 }, { "-0", "0", 0 }, { "0.1", "0.09", 1 },
        { "100000000000000000000", "99999999999999999999.999999999999999999", 1 },
        { "-100000000000000000000", "0.000000000000000001", -1 },
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct decimal a = D(cases[i].a), b = D(cases[i].b);
        assert_int_equal(decimal_cmp(&a, &b), cases[i].want);
        assert_int_equal(decimal_cmp(&b, &a), -cases[i].want);
    }
    struct decimal z = D("0"), m = D("-2.5"), p = D("0.001");
    assert_int_equal(decimal_sign(&z), 0);
    assert_int_equal(decimal_sign(&m), -1);
    assert_int_equal(decimal_sign(&p), 1);
    assert_true(decimal_is_zero(&z));
    assert_true(decimal_to_double(&m) == -2.5);
}

static void test_negation_and_abs(void **state)
{
    (void)state;
    struct decimal v = D("1176"), z = D("0");
    struct decimal n = decimal_neg(&v);
    assert_decimal(&n, "-1176");
    struct decimal back = decimal_neg(&n);
    assert_decimal(&back, "1176");
    struct decimal nz = decimal_neg(&z);
    assert_decimal(&nz, "0");
    assert_int_equal(decimal_sign(&nz), 0);
    struct decimal a = decimal_abs(&n);
    assert_decimal(&a, "1176");
}

static void test_add_and_subtract(void **state)
{
    (void)state;
    static const struct { const char *a, *b, *sum, *diff; } cases[] = {
        { "0.1", "0.2", "0.3", "-0.1" },
        { "71236", "-1176", "70060", "72412" },
        { "-1176", "-24", "-1200", "-1152" },
        { "1.5", "-1.5", "0", "3" },
        { "99999999999999999999", "1", "100000000000000000000", "99999999999999999998" },
        { "0.000000000000000001", "12", "12.000000000000000001", "-11.999999999999999999" },
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct decimal a = D(cases[i].a), b = D(cases[i].b), r;
        assert_int_equal(decimal_add(&a, &b, &r), 0);
        assert_decimal(&r, cases[i].sum);
        assert_int_equal(decimal_sub(&a, &b, &r), 0);
        assert_decimal(&r, cases[i].diff);
    }
    /* past 10^20: refused, out untouched */
    struct decimal big = D("100000000000000000000"), one = D("1"), r = D("7");
    assert_int_equal(decimal_add(&big, &one, &r), -1);
    assert_decimal(&r, "7");
    struct decimal nbig = decimal_neg(&big);
    assert_int_equal(decimal_sub(&nbig, &one, &r), -1);
    /* a budget sum, in place */
    static const char *const items[] = { "1234.5", "-200", "0.05", "7000000" };
    struct decimal total = D("0");
    for (size_t i = 0; i < N(items); i++) {
        struct decimal x = D(items[i]);
        assert_int_equal(decimal_add(&total, &x, &total), 0);
    }
    assert_decimal(&total, "7001034.55");
}

static void test_shift(void **state)
{
    (void)state;
    static const struct { const char *v; int e; const char *want; } cases[] = {
        { "62.8", 9, "62800000000" }, { "1176", -1, "117.6" }, { "1.5", 1, "15" }, { "-3", 2, "-300" },
        { "0", 40, "0" }, { "1", 20, "100000000000000000000" }, { "12", -18, "0.000000000000000012" },
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct decimal v = D(cases[i].v), r;
        assert_int_equal(decimal_shift(&v, cases[i].e, &r), 0);
        assert_decimal(&r, cases[i].want);
    }
    struct decimal v = D("2"), r;
    assert_int_equal(decimal_shift(&v, 20, &r), -1);
    struct decimal f = D("0.1");
    assert_int_equal(decimal_shift(&f, -18, &r), -1);
}

static void test_multiply(void **state)
{
    (void)state;
    static const struct { const char *a, *f, *want; int rounded; } cases[] = {
        { "1.5", "1000", "1500", 0 },          /* MWh → kWh */
        { "3", "0.45359237", "1.36077711", 0 }, /* lb → kg */
        { "-1176", "100000000", "-117600000000", 0 },
        { "-2", "-0.5", "1", 0 },
        { "0", "123", "0", 0 },
        { "3.3058", "100", "330.58", 0 },
        { "0.000000001", "0.0000000015", "0.000000000000000002", 1 }, /* 1.5e-18 rounds up */
        { "99999999999999999999.999999999999999999", "1", "99999999999999999999.999999999999999999", 0 },
        { "1.000000000000000001", "1.000000000000000001", "1.000000000000000002", 1 },
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct decimal a = D(cases[i].a), f = D(cases[i].f), r;
        assert_int_equal(decimal_mul(&a, &f, &r), cases[i].rounded);
        assert_decimal(&r, cases[i].want);
    }
    struct decimal big = D("10000000000000"), r = D("7");
    assert_int_equal(decimal_mul(&big, &big, &r), -1);
    assert_decimal(&r, "7");
}

static void test_divide_and_round(void **state)
{
    (void)state;
    static const struct { const char *a, *b; unsigned places; const char *want; } cases[] = {
        { "10", "100", 1, "0.1" },  { "1", "3", 1, "0.3" },     { "2", "3", 1, "0.7" },
        { "-2", "3", 2, "-0.67" },  { "1", "8", 2, "0.13" },    { "1", "-8", 3, "-0.125" },
        { "157.6", "500", 3, "0.315" }, { "0", "7", 0, "0" },  { "1", "3", 18, "0.333333333333333333" },
        { "100000000000000000000", "0.5", 0, "" },
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct decimal a = D(cases[i].a), b = D(cases[i].b), r = D("42");
        int rc = decimal_div(&a, &b, cases[i].places, &r);
        if (!*cases[i].want) {
            assert_int_equal(rc, -1);
            assert_decimal(&r, "42");
        } else {
            assert_int_equal(rc, 0);
            assert_decimal(&r, cases[i].want);
        }
    }
    struct decimal a = D("1"), z = D("0"), r;
    assert_int_equal(decimal_div(&a, &z, 2, &r), -1);

    static const struct { const char *v; unsigned places; const char *want; } rounds[] = {
        { "2.45", 1, "2.5" }, { "-2.45", 1, "-2.5" }, { "2.44", 1, "2.4" }, { "0.04", 1, "0" },
        { "9.99", 1, "10" }, { "7", 2, "7" }, { "1176.5", 0, "1177" },
    };
    for (size_t i = 0; i < N(rounds); i++) {
        struct decimal v = D(rounds[i].v);
        struct decimal r2 = decimal_round(&v, rounds[i].places);
        assert_decimal(&r2, rounds[i].want);
        assert_int_equal(decimal_sign(&r2) == 0, !strcmp(rounds[i].want, "0"));
    }
}

static void test_grouped(void **state)
{
    (void)state;
    static const struct { const char *v, *want; } cases[] = {
        { "0", "0" }, { "999", "999" }, { "1000", "1,000" }, { "71236", "71,236" },
        { "-1176.5", "-1,176.5" }, { "1234567.0008", "1,234,567.0008" }, { "0.25", "0.25" },
        { "100000000000000000000", "100,000,000,000,000,000,000" },
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct buf b = BUF_INIT;
        struct decimal v = D(cases[i].v);
        decimal_put_grouped(&b, &v);
        assert_string_equal(b.data, cases[i].want);
        buf_free(&b);
    }
}

static void test_korean(void **state)
{
    (void)state;
    static const struct { const char *v, *unit; unsigned groups; int tri; const char *want; } cases[] = {
        { "7123600000000", "원", 0, 0, "7조 1,236억 원" },
        { "117600000000", "원", 0, 0, "1,176억 원" },
        { "-117600000000", "원", 0, 0, "-1,176억 원" },
        { "-117600000000", "원", 0, 1, "\xE2\x96\xB3" "1,176억 원" },
        { "5678", "원", 0, 0, "5,678원" },
        { "0", "원", 0, 0, "0원" },
        { "1.5", "원", 0, 0, "1.5원" },
        { "32000", "명", 0, 0, "3만 2,000명" },
        { "100050000", "원", 0, 0, "1억 5만 원" },
        { "12345678.5", "원", 0, 0, "1,234만 5,678.5원" },
        { "1000000000000", "", 0, 0, "1조" },
        { "420", "GWh", 0, 0, "420GWh" },
        { "7123645000000", "원", 2, 0, "7조 1,236억 원" },  /* 4,500만 rounds down */
        { "7123650000000", "원", 2, 0, "7조 1,237억 원" },  /* 5,000만 rounds up */
        { "999950000000", "원", 1, 0, "1조 원" },            /* 9,999억 5,000만 carries */
        { "12345678.5", "원", 1, 0, "1,235만 원" },
        { "5678.5", "원", 1, 0, "5,679원" },
        { "100000000000000000000", "원", 0, 0, "10,000경 원" },
        { "7000000000000", "원", 0, 0, "7조 원" },
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct buf b = BUF_INIT;
        struct decimal v = D(cases[i].v);
        struct decimal_korean o = { cases[i].unit, cases[i].groups, cases[i].tri };
        decimal_put_korean(&b, &v, &o);
        assert_string_equal(b.data, cases[i].want);
        buf_free(&b);
    }
    struct buf b = BUF_INIT;
    struct decimal v = D("-32000");
    decimal_put_korean(&b, &v, NULL);
    assert_string_equal(b.data, "-3만 2,000");
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_and_format_round_trip),
        cmocka_unit_test(test_from_int),
        cmocka_unit_test(test_format_scaled_and_truncation),
        cmocka_unit_test(test_compare),
        cmocka_unit_test(test_negation_and_abs),
        cmocka_unit_test(test_add_and_subtract),
        cmocka_unit_test(test_shift),
        cmocka_unit_test(test_multiply),
        cmocka_unit_test(test_divide_and_round),
        cmocka_unit_test(test_grouped),
        cmocka_unit_test(test_korean),
    };
    return cmocka_run_group_tests_name("decimal", tests, NULL, NULL);
}

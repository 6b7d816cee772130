/* test_article.c — the article parser on the five real samples and on bad front matter. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ingest/article.h"

/* Parses data; returns the status and leaves diagnostics in msg (caller frees). */
static enum exp_status parse(const char *data, struct article *a, char **msg, int verbose)
{
    size_t len = 0;
    FILE *mem = open_memstream(msg, &len);
    struct diag d;
    diag_init(&d, mem, verbose, 0);
    enum exp_status st = article_parse_buffer("t.txt", data, strlen(data), NULL, &d, a);
    fclose(mem);
    return st;
}

static void test_samples(void **state)
{
    (void)state;
    static const struct {
        const char *file, *id, *title, *publisher, *published, *oid;
        size_t people;
        const char *first_name, *first_email;
    } samples[] = {
        { "examples/articles/000_a01ba545a0ffea06.txt", "029_0003001728",
          "한국형 초거대 AI 경쟁 본격화…30일 ‘첫 시험대’ 오른다", "디지털타임스",
          "2025-12-28T00:00:00+09:00", "029", 1, "이혜선", "hslee@dt.co.kr" },
        { "examples/articles/001_fb8133d21bfd6a82.txt", "421_0008687459",
          "국가대표 AI 노리는 5개 정예팀…각양각색 AI 모델 발표(종합)", "뉴스1",
          "2025-12-30T00:00:00+09:00", "421", 1, "김정현", "Kris@news1.kr" },
        { "examples/articles/002_489791d6e137b096.txt", "020_0003685694",
          "국민 앞에 선 ‘국가대표 AI’, 중간 발표로 확인한 K-AI의 현주소", "동아일보",
          "2025-12-30T00:00:00+09:00", "020", 1, "남시현", "sh@itdonga.com" },
        { "examples/articles/003_013baa60081ba392.txt", "030_0003385376",
          "[뉴스줌인]한국형 AI 모델 전략 발표…대기업-스타트업 간 경쟁 주목", "전자신문",
          "2025-12-30T00:00:00+09:00", "030", 2, "박종진", "truth@etnews.com" },
        { "examples/articles/004_15f6b37683b40829.txt", "015_0005230666",
          "'국가대표 AI' 프로젝트 베일 벗었다…5개 정예팀 '총출동'", "한국경제",
          "2025-12-30T00:00:00+09:00", "015", 1, "박수빈", "waterbean@hankyung.com" },
    };
    struct diag d;
    diag_init(&d, stderr, 0, 0);
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        struct article a;
        assert_int_equal(article_parse_file(samples[i].file, NULL, &d, &a), EXP_OK);
        assert_string_equal(a.id, samples[i].id);
        assert_string_equal(a.title, samples[i].title);
        assert_string_equal(a.publisher, samples[i].publisher);
        assert_string_equal(a.published_at, samples[i].published);
        assert_string_equal(a.oid, samples[i].oid);            /* a string: 020 is not 16 */
        assert_int_equal(a.n_people, samples[i].people);
        assert_string_equal(a.people[0].name, samples[i].first_name);
        assert_string_equal(a.people[0].email, samples[i].first_email);
        assert_true(a.hash_ok);                                 /* the crawler's hash rule */
        assert_null(strstr(a.body, "&#"));
        assert_null(strstr(a.body, "Crawled at"));
        assert_true(a.sentences.count > 10);
        for (size_t k = 0; k < a.sentences.count; k++)
            assert_memory_equal(a.body + a.sentences.items[k].offset, a.sentences.items[k].text,
                                a.sentences.items[k].length);
        article_free(&a);
    }
    assert_int_equal(d.errors, 0);
    assert_int_equal(d.warnings, 0);
}

static void test_repair_is_reported_under_verbose(void **state)
{
    (void)state;
    const char *text = "---\nid: r1\ntitle: t\nauthor: \n\t\t\n\t\t\t홍길동 기자(h@x.kr)\n\t\n"
                       "published_at: 2025-12-28 00:00\n---\n\n# t\n\n---\n\n본문이다.\n";
    struct article a;
    char *msg = NULL;
    assert_int_equal(parse(text, &a, &msg, 1), EXP_OK);
    assert_non_null(strstr(msg, "t.txt:2:1: note: repaired 3 tab-indented front-matter lines"));
    assert_int_equal(a.n_people, 1);
    assert_string_equal(a.people[0].name, "홍길동");
    assert_string_equal(a.published_at, "2025-12-28T00:00:00+09:00");
    assert_string_equal(a.body, "본문이다.");
    article_free(&a);
    free(msg);
}

static void test_scalars_stay_strings_and_unknown_fields_ignored(void **state)
{
    (void)state;
    const char *text = "---\nid: 0x1F\ntitle: 'yes'\noid: 020\naid: 1e3\nextra: [1, {a: b}]\n"
                       "nested:\n  deep: true\n---\n\nbody text.\n";
    struct article a;
    char *msg = NULL;
    assert_int_equal(parse(text, &a, &msg, 0), EXP_OK);
    assert_string_equal(a.id, "0x1F");
    assert_string_equal(a.title, "yes");
    assert_string_equal(a.oid, "020");
    assert_string_equal(a.aid, "1e3");
    assert_string_equal(a.body, "body text.");
    assert_string_equal(msg, "");
    article_free(&a);
    free(msg);
}

static void test_bad_inputs(void **state)
{
    (void)state;
    static const struct { const char *text, *message; } cases[] = {
        { "no front matter\n", "t.txt:1:1: error: no front matter" },
        { "---\nid: a\n", "t.txt:1:1: error: unterminated front matter" },
        { "---\nid: a\ntitle: \"x\n---\n", "t.txt:4:1: error: invalid YAML" },
        { "---\nid: a\ntitle: {k: v}\n---\n", "t.txt:3:8: error: field 'title' must be a string, not a mapping" },
        { "---\nid: a\nid: b\ntitle: t\n---\n", "t.txt:3:5: error: field 'id' is given twice" },
        { "---\n- a\n- b\n---\n", "t.txt:2:1: error: front matter must be a mapping" },
        { "---\ntitle: t\n---\n", "t.txt:2:1: error: missing 'id'" },
        { "---\nid: a\n---\n", "t.txt:2:1: error: missing 'title'" },
        { "---\nid: a\ntitle: t\ncrawled_at: yesterday\n---\n", "t.txt:4:13: error: 'crawled_at' is not a date" },
        { "", "t.txt: error: empty file" },
        { "---\n---\n", "t.txt:2:1: error: missing 'id'" },   /* found by fuzzing: libyaml asserted */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct article a;
        char *msg = NULL;
        assert_int_equal(parse(cases[i].text, &a, &msg, 0), EXP_DATAERR);
        if (!strstr(msg, cases[i].message))
            fail_msg("case %zu: expected '%s' in '%s'", i, cases[i].message, msg);
        assert_null(a.id);   /* nothing half-filled is handed back */
        free(msg);
    }
}

/* An article's dates lie between ARTICLE_MIN_YEAR and a month after the run's day: a
 * crawler's placeholder (1900, 1970, year 1) or a date past the years the calendar handles is
 * refused at its position, whatever the run's day; "today" may be any day, 1970-01-01 too. */
static void test_date_window(void **state)
{
    (void)state;
    static const struct { const char *published, *message; long today; } cases[] = {
        { "1900-01-01 00:00", "t.txt:4:15: error: 'published_at' is before 1990-01-01", -1 },
        { "1970-01-01T00:00:00Z", "'published_at' is before 1990-01-01", -1 },
        { "0001-01-01", "'published_at' is before 1990-01-01", -1 },
        { "1989-12-31T14:59:59Z", "'published_at' is before 1990-01-01", -1 },  /* KST 23:59 */
        { "9999-12-31 23:59", "'published_at' is after 2999-12-31", -1 },
        { "9999-12-31 23:59", "'published_at' is more than 31 days in the future", 20451 },
        { "2026-03-01 00:00", "'published_at' is more than 31 days in the future", 20451 },
        { "2026-01-01 00:00", "'published_at' is more than 31 days in the future", 0 },
        { "2026-02-29T25:61", "t.txt:4:15: error: 'published_at' is not a date", -1 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[256];
        snprintf(text, sizeof text, "---\nid: a\ntitle: t\npublished_at: %s\n---\n\nbody.\n",
                 cases[i].published);
        struct article_options o = { .dated_run = cases[i].today >= 0,
                                     .today_kst = cases[i].today };
        size_t len = 0;
        char *msg = NULL;
        FILE *mem = open_memstream(&msg, &len);
        struct diag d;
        diag_init(&d, mem, 0, 0);
        struct article a;
        assert_int_equal(article_parse_buffer("t.txt", text, strlen(text), &o, &d, &a),
                         EXP_DATAERR);
        fclose(mem);
        if (!strstr(msg, cases[i].message))
            fail_msg("case %zu: expected '%s' in '%s'", i, cases[i].message, msg);
        free(msg);
    }
    /* the first Korean moment of 1990, and +14:00 / -12:00 zones, are real dates */
    static const char *const good[] = { "1989-12-31T15:00:00Z", "2025-12-28T00:00+14:00",
                                        "2025-12-28T00:00-12:00" };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        char text[256], *msg = NULL;
        snprintf(text, sizeof text, "---\nid: a\ntitle: t\npublished_at: %s\n---\n\nbody.\n",
                 good[i]);
        struct article a;
        assert_int_equal(parse(text, &a, &msg, 0), EXP_OK);
        article_free(&a);
        free(msg);
    }
}

/* A value that shows nothing (zero-width spaces, Hangul fillers, joiners, soft hyphens) is
 * no value: an invisible id is reported where it is written, an invisible title falls back to
 * the heading or is reported. */
static void test_invisible_values_are_empty(void **state)
{
    (void)state;
    static const struct { const char *text, *message; } bad[] = {
        { "---\nid: \"\\u3164\"\ntitle: t\n---\n", "t.txt:2:5: error: 'id' is empty" },
        { "---\nid: \"\\u200b\\u2060\\uFEFF\"\ntitle: t\n---\n", "t.txt:2:5: error: 'id' is empty" },
        { "---\nid: a\ntitle: \"\\u200b\\u200d \\u00ad\"\n---\n\nbody.\n",
          "t.txt:3:8: error: 'title' is empty" },
        { "---\nid: a\ntitle: \"\\u115f\\u1160\"\n---\n\n# \xe3\x85\xa4\n\n---\n\nbody.\n",
          "t.txt:3:8: error: 'title' is empty" },   /* the heading is a filler too */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct article a;
        char *msg = NULL;
        assert_int_equal(parse(bad[i].text, &a, &msg, 0), EXP_DATAERR);
        if (!strstr(msg, bad[i].message))
            fail_msg("case %zu: expected '%s' in '%s'", i, bad[i].message, msg);
        free(msg);
    }
    struct article a;
    char *msg = NULL;
    enum exp_status st = parse("---\nid: a\ntitle: \"\\u200b\"\n---\n\n# 제목\n\n---\n\nbody.\n", &a,
                               &msg, 0);
    if (st != EXP_OK)
        fail_msg("status %d: %s", (int)st, msg);
    assert_string_equal(a.title, "제목");
    article_free(&a);
    free(msg);
}

/* A front matter of text: with its lines and a value of n bytes in the url field. */
static char *with_long_field(const char *key, size_t n, size_t padding_keys)
{
    size_t cap = n + padding_keys * 16 + 256;
    char *text = malloc(cap);
    size_t at = (size_t)snprintf(text, cap, "---\nid: a\ntitle: t\n%s: https://x.kr/", key);
    memset(text + at, 'a', n);
    at += n;
    at += (size_t)snprintf(text + at, cap - at, "\n");
    for (size_t k = 0; k < padding_keys; k++)
        at += (size_t)snprintf(text + at, cap - at, "k%06zu: v\n", k);
    snprintf(text + at, cap - at, "---\n\nbody.\n");
    return text;
}

/* What comes first in the file is what is reported: a 70,000-character url breaks the field
 * rule at its own position (not the size rule at line 2); an unknown key's long value, or a
 * front matter of many small keys, the size rule at the byte where it crosses 64 KiB. */
static void test_field_rule_before_size_rule(void **state)
{
    (void)state;
    struct { const char *key; size_t n, padding; const char *message; } cases[] = {
        { "url", 70000, 0, "t.txt:4:6: error: 'url' is longer than 2048 bytes" },
        { "title2", 70000, 0, "t.txt:4:65522: error: front matter longer than 64 KiB" },
        { "extra", 10, 9000, "error: front matter longer than 64 KiB" },
        { "url", 3000, 9000, "t.txt:4:6: error: 'url' is longer than 2048 bytes" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *text = with_long_field(cases[i].key, cases[i].n, cases[i].padding);
        struct article a;
        char *msg = NULL;
        assert_int_equal(parse(text, &a, &msg, 0), EXP_DATAERR);
        if (!strstr(msg, cases[i].message))
            fail_msg("case %zu: expected '%s' in '%s'", i, cases[i].message, msg);
        free(msg);
        free(text);
    }
    /* the padding case reports the line holding byte 65,536, not line 2 */
    char *text = with_long_field("extra", 10, 9000);
    struct article a;
    char *msg = NULL;
    parse(text, &a, &msg, 0);
    unsigned line = 0;
    assert_int_equal(sscanf(msg, "exporter: t.txt:%u:", &line), 1);
    assert_true(line > 4000 && line < 9000);
    free(msg);
    free(text);
}

/* Typed values: a plain null is "no value", a tag other than !!str is refused, untagged
 * values of any look are the text they spell, and a quoted "null" is text. */
static void test_nulls_and_tags(void **state)
{
    (void)state;
    static const struct { const char *text, *message; } bad[] = {
        { "---\nid: null\ntitle: t\n---\n", "t.txt:2:5: error: 'id' is empty in front matter" },
        { "---\nid: ~\ntitle: t\n---\n", "t.txt:2:5: error: 'id' is empty" },
        { "---\nid: a\ntitle: NULL\n---\n", "t.txt:3:8: error: 'title' is empty" },
        { "---\nid: \"  \"\ntitle: t\n---\n", "t.txt:2:5: error: 'id' is empty" },
        { "---\nid: !!binary aGk=\ntitle: t\n---\n", "t.txt:2:5: error: field 'id' must be a string, not !!binary" },
        { "---\nid: a\ntitle: !!int 5\n---\n", "t.txt:3:8: error: field 'title' must be a string, not !!int" },
        { "---\nid: a\ntitle: !foo t\n---\n", "t.txt:3:8: error: field 'title' must be a string, not a value tagged !foo" },
        { "---\nid: a\nid: null\ntitle: t\n---\n", "t.txt:3:5: error: field 'id' is given twice" },
        { "---\nid: null\nid: b\ntitle: t\n---\n", "t.txt:3:5: error: field 'id' is given twice" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct article a;
        char *msg = NULL;
        assert_int_equal(parse(bad[i].text, &a, &msg, 0), EXP_DATAERR);
        if (!strstr(msg, bad[i].message))
            fail_msg("case %zu: expected '%s' in '%s'", i, bad[i].message, msg);
        free(msg);
    }
    struct article a;
    char *msg = NULL;
    assert_int_equal(parse("---\nid: 'null'\ntitle: !!str true\npublished_at: ~\n"
                           "url: null\n---\n\nb.\n", &a, &msg, 0), EXP_OK);
    assert_string_equal(a.id, "null");
    assert_string_equal(a.title, "true");
    assert_string_equal(a.published_at, "");
    assert_string_equal(a.url, "");
    assert_string_equal(msg, "");
    article_free(&a);
    free(msg);
}

/* Controls and direction overrides never reach a title or a body (a CSV cell, the PDF's
 * info, a workbook's XML): a YAML escape, an HTML entity or a raw byte alike. */
static void test_hidden_controls_dropped(void **state)
{
    (void)state;
    struct article a;
    char *msg = NULL;
    assert_int_equal(parse("---\nid: a\ntitle: \"x\\x1b[31my\\u202Ez\\x7f&#27;\"\n---\n\n"
                           "본문\x01에 \xE2\x80\xAE제어\xC2\x9B문자.\n", &a, &msg, 0), EXP_OK);
    assert_string_equal(a.title, "x[31myz");
    assert_string_equal(a.body, "본문에 제어문자.");
    article_free(&a);
    free(msg);
}

static void test_hash_mismatch_warns(void **state)
{
    (void)state;
    const char *text = "---\nid: h\ntitle: t\ncontent_hash: 00\n---\n\n# t\n\n---\n\n본문.\n\n---\n\n"
                       "*Crawled at: x*\n";
    struct article a;
    char *msg = NULL;
    assert_int_equal(parse(text, &a, &msg, 0), EXP_OK);
    assert_false(a.hash_ok);
    assert_non_null(strstr(msg, "t.txt:4:15: warning: content_hash does not match"));
    article_free(&a);
    free(msg);
}

static void test_duplicates_read_once(void **state)
{
    (void)state;
    struct diag d;
    char *msg = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&msg, &len);
    diag_init(&d, mem, 0, 0);
    struct article_set set = { 0 };
    const char *a_text = "---\nid: same\ntitle: a\nurl: https://x.kr/1\n---\n\n하나.\n";
    const char *b_text = "---\nid: other\ntitle: b\nurl: https://x.kr/1\n---\n\n둘.\n";
    const char *c_text = "---\nid: third\ntitle: c\n---\n\n셋.\n";
    const char *texts[] = { a_text, a_text, b_text, c_text };
    int added = 0;
    for (size_t i = 0; i < 4; i++) {
        struct article a;
        assert_int_equal(article_parse_buffer("d.txt", texts[i], strlen(texts[i]), NULL, &d, &a), EXP_OK);
        added += article_set_add(&set, &a, &d);
    }
    fclose(mem);
    assert_int_equal(added, 2);
    assert_int_equal(set.count, 2);
    assert_non_null(strstr(msg, "(same id)"));
    assert_non_null(strstr(msg, "(same url)"));
    article_set_free(&set);
    free(msg);
}

/* A packed article (a run keeps one per article read) keeps what the briefing reads and
 * still finds duplicates; what it drops reads as "". */
static void test_pack_keeps_what_is_read(void **state)
{
    (void)state;
    struct diag d;
    diag_init(&d, NULL, 0, 1);
    const char *text = "---\nid: p1\ntitle: 제목\npublisher: 전자신문\nurl: https://x.kr/p\n"
                       "category: IT\nauthor: 홍길동 기자 (gd@x.kr)\n---\n\n본문 하나. 둘.\n";
    struct article_set set = { 0 };
    struct article a;
    assert_int_equal(article_parse_buffer("p.txt", text, strlen(text), NULL, &d, &a), EXP_OK);
    size_t sentences = a.n_sentences, characters = a.characters, people = a.n_people;
    assert_int_equal(article_set_add(&set, &a, &d), 1);
    struct article *kept = &set.items[0];
    article_pack(kept);
    assert_non_null(kept->packed);
    assert_null(kept->body);
    assert_string_equal(kept->id, "p1");
    assert_string_equal(kept->title, "제목");
    assert_string_equal(kept->publisher, "전자신문");
    assert_string_equal(kept->url, "https://x.kr/p");
    assert_string_equal(kept->source_file, "p.txt");
    assert_string_equal(kept->category, "");
    assert_int_equal(kept->n_sentences, sentences);
    assert_int_equal(kept->characters, characters);
    assert_int_equal(kept->n_people, people);
    for (size_t k = 0; k < kept->n_people; k++)
        assert_string_equal(kept->people[k].email, "");
    /* the duplicate index still reads the packed strings */
    struct article again;
    assert_int_equal(article_parse_buffer("q.txt", text, strlen(text), NULL, &d, &again), EXP_OK);
    assert_int_equal(article_set_add(&set, &again, &d), 0);
    article_set_free(&set);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_samples),
        cmocka_unit_test(test_repair_is_reported_under_verbose),
        cmocka_unit_test(test_scalars_stay_strings_and_unknown_fields_ignored),
        cmocka_unit_test(test_bad_inputs),
        cmocka_unit_test(test_date_window),
        cmocka_unit_test(test_invisible_values_are_empty),
        cmocka_unit_test(test_field_rule_before_size_rule),
        cmocka_unit_test(test_nulls_and_tags),
        cmocka_unit_test(test_hidden_controls_dropped),
        cmocka_unit_test(test_hash_mismatch_warns),
        cmocka_unit_test(test_duplicates_read_once),
        cmocka_unit_test(test_pack_keeps_what_is_read),
    };
    return cmocka_run_group_tests_name("article", tests, NULL, NULL);
}

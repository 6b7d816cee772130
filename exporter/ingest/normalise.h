/* normalise.h — text normalisation shared by the article parser and later stages.
 *
 * Decodes HTML entities (named and numeric), folds whitespace, NFC-normalises with utf8proc,
 * parses a byline into people, turns crawler dates into ISO 8601 with the Korean zone, and
 * checks URLs. Pure functions over strings: no I/O, no diagnostics. */
#ifndef EXPORTER_NORMALISE_H
#define EXPORTER_NORMALISE_H

#include <stddef.h>

struct person;

/* 1 when s[0..len) is valid UTF-8 (no overlongs, no surrogates); otherwise 0 and *bad_offset
 * gets the offset of the first invalid byte. */
int normalise_utf8_valid(const char *s, size_t len, size_t *bad_offset);

/* Code points in the valid UTF-8 string s. */
size_t normalise_utf8_count(const char *s);

/* Decodes &amp; &quot; &#x27; &#39; &#x3D; &nbsp; … into UTF-8. Unknown or malformed entities
 * are kept as written. Caller frees. */
char *normalise_html_entities(const char *s, size_t len);

/* One line of display text: entities decoded, every run of whitespace (including newlines
 * and NBSP) folded to one space, trimmed, NFC. Input must be valid UTF-8. Caller frees. */
char *normalise_text(const char *s, size_t len);

/* Like normalise_text, but keeps paragraph structure: blank lines separate paragraphs and
 * the result joins the normalised paragraphs with a single "\n". Caller frees. */
char *normalise_paragraphs(const char *s, size_t len);

/* "2025-12-28 00:00", "2025-12-28 06:02:09", "2025-12-28T00:00:00+09:00", "2025-12-28"
 * → "2025-12-28T00:00:00+09:00" (a date without a zone is Korean time). Returns a fresh
 * string, or NULL when s is not a valid date. */
char *normalise_date_iso(const char *s);

/* The ISO week ("2026-W01") that the date starting "YYYY-MM-DD" belongs to. */
void normalise_iso_week_of(const char *date, char out[16]);

/* Monday and Sunday ("YYYY-MM-DD") of ISO week "YYYY-Www". Returns -1 when the week does
 * not exist (2025 has no week 53; 2026 has). */
int normalise_iso_week_range(const char *week, char monday_out[11], char sunday_out[11]);

/* Splits a byline into people: "이혜선 기자(hslee@dt.co.kr)", "김정현 기자 (Kris@news1.kr)",
 * "박종진 truth@etnews.com, 김명희 noprint@etnews.com", "박수빈 한경닷컴 기자
 * waterbean@hankyung.com", "IT동아 남시현 기자 (sh@itdonga.com)". Appends to *people
 * (capacity *cap, count *n); each person's strings are owned by it. Returns how many were
 * added. */
size_t normalise_people(const char *byline, struct person **people, size_t *n, size_t *cap);

/* Frees the strings one person owns. */
void normalise_person_free(struct person *p);

/* 1 when url is an absolute http(s) URL with a host and no spaces or control characters. */
int normalise_url_ok(const char *url);

#endif

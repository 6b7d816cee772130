/* normalise.h — text normalisation shared by the article parser and later stages.
 *
 * Decodes HTML entities (named and numeric), folds whitespace, NFC-normalises with utf8proc,
 * parses a byline into people and checks URLs (dates are util/date.h's). Pure functions over
 * strings: no I/O, no diagnostics. */
#ifndef EXPORTER_NORMALISE_H
#define EXPORTER_NORMALISE_H

#include <stddef.h>

struct person;

/* Code points in the valid UTF-8 string s. */
size_t normalise_utf8_count(const char *s);

/* Decodes &amp; &quot; &#x27; &#39; &#x3D; &nbsp; … into UTF-8. Unknown or malformed entities
 * are kept as written. Caller frees. */
char *normalise_html_entities(const char *s, size_t len);

/* One line of display text: entities decoded, every run of whitespace (including newlines
 * and NBSP) folded to one space, trimmed, NFC. Input must be valid UTF-8. Caller frees. */
char *normalise_text(const char *s, size_t len);

/* Like normalise_text, but keeps paragraph structure: blank lines separate paragraphs and
 * the result joins the normalised paragraphs with a single "\n". A markdown table row or list
 * item is a paragraph of its own (ingest/markdown.h). Caller frees. */
char *normalise_paragraphs(const char *s, size_t len);

/* Splits a byline into people: "이혜선 기자(hslee@dt.co.kr)", "김정현 기자 (Kris@news1.kr)",
 * "박종진 truth@etnews.com, 김명희 noprint@etnews.com", "박수빈 한경닷컴 기자
 * waterbean@hankyung.com", "IT동아 남시현 기자 (sh@itdonga.com)". Appends to *people
 * (capacity *cap, count *n); each person's strings are owned by it. Returns how many were
 * added. */
size_t normalise_people(const char *byline, struct person **people, size_t *n, size_t *cap);

/* Frees the strings one person owns. */
void normalise_person_free(struct person *p);


#endif

/* sentence.h — splits normalised body text into sentences with their byte offsets.
 *
 * Survives what the crawl does to Korean news text: sentences glued without a space
 * ("…공개했다.네이버클라우드는"), model names with dots ("A.X K1"), decimals ("72.03점"),
 * abbreviations and initials, quotes and brackets (a full stop inside “…” or (…) does not end
 * the sentence outside it), ellipses, and paragraph breaks. Provenance starts here: every
 * sentence keeps its byte offset in the text it came from. */
#ifndef EXPORTER_SENTENCE_H
#define EXPORTER_SENTENCE_H

#include <stddef.h>

struct sentence {
    size_t offset;   /* byte offset of the first byte in the source text */
    size_t length;   /* bytes, trailing whitespace excluded */
    char *text;      /* owned copy, NUL-terminated */
};

struct sentence_list {
    struct sentence *items;
    size_t count, cap;
};

/* Splits text[0..len) (valid UTF-8) into sentences appended to *out. Empty sentences are
 * never produced. */
void sentence_split(const char *text, size_t len, struct sentence_list *out);

void sentence_list_free(struct sentence_list *list);

#endif

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

#include "util/buf.h"

struct sentence {
    size_t offset;   /* byte offset of the first byte in the source text */
    size_t length;   /* bytes, trailing whitespace excluded */
    char *text;      /* owned copy, NUL-terminated */
    int heading;     /* a crawl sub-heading that was glued to the sentence after it */
};

struct sentence_list {
    struct sentence *items;
    size_t count, cap;
};

/* What the splitter may ask about names without knowing the template (ingest stays
 * independent of it): name_at returns the byte length of a tracked name (an entity, its
 * model or spokesperson, another party) that starts at text[pos] as a word of its own, or 0. */
struct sentence_hooks {
    size_t (*name_at)(void *ctx, const char *text, size_t len, size_t pos);
    void *ctx;
};

/* Splits text[0..len) (valid UTF-8) into sentences appended to *out. Empty sentences are
 * never produced. With hooks (NULL: none) a crawl sub-heading glued to its paragraph's first
 * sentence ("…솔라 오픈 100B 모델 공개업스테이지는 정부의 …") is split off as a sentence of its
 * own, marked heading: within the first SENTENCE_HEADING_MAX bytes of a paragraph (or of a
 * sentence glued to the one before with no space: the crawl glued the paragraphs), before any
 * sentence end, a tracked name that starts right after a Hangul syllable with no space is where
 * the paragraph really begins. */
#define SENTENCE_HEADING_MAX 320
void sentence_split_with(const char *text, size_t len, const struct sentence_hooks *hooks,
                         struct sentence_list *out);

void sentence_list_free(struct sentence_list *list);

/* ---- Quoting ----
 * A key sentence is printed inside “ ”. These read a sentence's own quotation marks: “ ” and
 * ‘ ’, and ASCII " in pairs. */

/* Whether s[0..len) ends like a sentence: a full stop, question or exclamation mark, 。, or the
 * ending 다, possibly followed by closing quotes or brackets. A glued crawl sub-heading does
 * not ("…솔라 오픈 100B 모델 공개"): never quote one. */
int sentence_complete(const char *s, size_t len);

/* Appends to out the text to print between “ and ”: double quotation marks inside become
 * single (“A” → ‘A’, "A" → ‘A’); a sentence that starts inside somebody's quotation (a closing
 * mark with no opening one: `…대응한다”라고 말했다.`) gets the opening mark it lacks — one: other
 * closing marks with no opening one are strays and dropped — and one that ends inside one
 * (`대표는 “고성능 … 대응한다`) gets the closing mark, so the marks balance. */
void sentence_quote_prepare(const char *s, size_t len, struct buf *out);

#endif

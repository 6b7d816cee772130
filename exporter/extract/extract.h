/* extract.h — finds the template's facts in an article, each with its provenance.
 *
 * Stage between the template and the table. For every sentence of a parsed article the
 * extractor finds the names the template knows (entities, their models and spokespeople,
 * partner organisations, other parties' models — tolerant of spaces, hyphens, ASCII case
 * and a Korean particle after the name: "솔라-오픈-100B" ~ "솔라 오픈 100B", "업스테이지는"),
 * the cue words of the column rules, the keywords, and the quantities (quantity.h). It
 * splits the sentence into clauses, and clauses into phrases at list separators (a comma not
 * inside a number, ';', '/', '、', the word 및). A quantity column's bound words (cues,
 * negative cues, markers, exclusions) each bind one figure the column accepts by unit: the
 * nearest on either side within the word's phrase (on a tie the one after, unless 의 joins
 * the one before to the word); a word whose phrase has no figure reaches the nearest figure
 * of its clause whose phrase has no word of the same list; a cue never binds across a nearer
 * cue of another column. A figure needs a bound cue when its column has cues (except the
 * parameter-count forms), and a bound negative cue makes it negative. The template's
 * marker_side (after/before) overrides the nearest rule for a column. Refinements: a cue
 * right after another column's cue is the head of that column's compound (R&D 예산); a cue
 * before a list whose items each name an entity governs every item; a cue passes over a
 * contrasted party's or an unowned parenthesised baseline (정부안(…)보다) to the stated figure;
 * only columns sharing a unit compete. A history word of a quantity column refuses only the
 * figure it binds. Which entity: a contrast postposition (X와 달리, X처럼, X보다, X 대비, X에
 * 비해) gives X what stands in its stretch; a figure in parentheses right after a name (and a
 * title word: 이영희 후보(45.1%)) is that name's; otherwise the nearest name in the phrase, then the
 * clause, where a subject-marked name (은/는/이/가/도) beats nearer unmarked ones; a template's
 * other party found this way owns the value (it is dropped). It then attaches a
 * figure or keyword to an entity only when
 * its clause, its sentence, or (failing both) the sentences just before within the same
 * paragraph are about that entity; it drops what the rules say is a plan, the past, another
 * party's model, another country, or a variant. Date columns read calendar dates here (the
 * normaliser leaves dates out). A cell the articles do not support is never filled. Work is
 * linear in a sentence's names, cue words and figures; a "sentence" over 16 KB is not prose
 * and is reported and skipped. */
#ifndef EXPORTER_EXTRACT_H
#define EXPORTER_EXTRACT_H

#include <stddef.h>

#include "ingest/article.h"
#include "util/diag.h"
#include "extract/quantity.h"
#include "util/status.h"
#include "extract/template.h"

#define EXTRACT_NO_MODEL ((size_t)-1)

/* One extracted fact. Every string lives in its fact list's string pool (copied from the
 * article), so a fact list outlives the articles it came from, and the many facts of one
 * sentence or article share one copy of it. */
struct fact {
    size_t entity;            /* index into tpl->entities */
    size_t column;            /* index into tpl->columns */
    size_t model;             /* model index within the entity, or EXTRACT_NO_MODEL */
    const char *value;              /* the cell text: "519", "10.2", "MoE", "크래프톤", "A.X K1" */
    int is_number;            /* value is a plain decimal number (quantity columns) */
    struct decimal number;     /* exact value before scaling, when is_number */
    const char *unit;         /* the column's unit_label, or the quantity's canonical unit
                                 (static or template-owned; "" for non-quantities) */
    enum quantity_qualifier qualifier;
    const char *raw_text;           /* the matched text as written: "5190억개", "MoE", "베키" */
    const char *article_id;
    const char *publisher;
    const char *published_at;
    size_t sentence_no;       /* 1-based index into the article's sentences */
    const char *sentence;           /* the sentence text */
    size_t offset;            /* byte offset of raw_text in the article body */
    int from_heading;         /* read in a glued crawl sub-heading (it restates its paragraph) */
};

/* An explicit mention of an entity (its name, an alias, a model, a spokesperson). */
struct mention {
    size_t entity;
    const char *article_id;
    size_t sentence_no;
};

struct fact_list {
    struct fact *items;
    size_t count, cap;
    struct mention *mentions;
    size_t n_mentions, mentions_cap;
    struct strpool *pool;     /* owns every string of the facts and mentions */
};

/* The list's pooled copy of s[0..len), for whoever builds facts by hand (tests, tools). */
const char *fact_list_intern(struct fact_list *l, const char *s, size_t len);

/* The compiled matcher for one template (names, cue words and keywords indexed for a single
 * pass over each sentence). Read-only once built; borrows tpl, which must outlive it. */
struct extractor;

/* Builds the matcher for tpl. Never fails except out of memory (which exits). Release with
 * extract_free. */
struct extractor *extract_new(const struct template *tpl);
void extract_free(struct extractor *ex);

/* Appends the facts and mentions found in article a to *out, in sentence order. Returns
 * EXP_OK, or EXP_DATAERR after a warning through d when a sentence is not valid UTF-8 (that
 * sentence is skipped, the rest extracted). A sentence over 16 KB gets a warning and is
 * skipped without changing the status. */
enum exp_status extract_article(const struct extractor *ex, const struct article *a,
                                struct fact_list *out, struct diag *d);

/* The byte length of a tracked name (an entity's name or alias, its model, a spokesperson,
 * another party) that starts at text[pos] as a word of its own (the boundary rules of name
 * matching), the longest one; 0 when none does. */
size_t extract_name_at(const struct extractor *ex, const char *text, size_t len, size_t pos);

/* Hooks that let the sentence splitter find glued sub-headings by the template's names
 * (sentence.h), without ingest knowing the template. ex must outlive their use. */
struct sentence_hooks extract_sentence_hooks(const struct extractor *ex);

/* Empties the list (freeing its facts) but keeps its memory for reuse. */
void fact_list_clear(struct fact_list *l);
void fact_list_free(struct fact_list *l);

#endif

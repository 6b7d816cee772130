/* summary.h — the briefing's generated prose: summary bullets and each entity's key sentences.
 *
 * Sits between the comparison table and the briefing layout (briefing.c): it reads a finished
 * const struct table *, the key-sentence candidates the merge kept and the template, and writes Korean
 * sentences from the data — never canned text, so a different week's articles give different
 * bullets. Every bullet and key sentence carries the ids of the articles behind it, which the
 * briefing turns into citation markers [n] pointing at its numbered source list.
 *
 * Which columns a rule reads comes from the template, not from C code:
 *   - "size" = the first of layout.chart_columns, "part" = the second (total and active
 *     parameters in the bundled template);
 *   - "kind" = the first keyword column named in layout.table_columns (architecture);
 *   - the programme = the first entity marked topic: its quantity columns sharing a unit are
 *     budget items (summed), a quantity column with another unit is a target, its date
 *     columns are milestones.
 *
 * The bullets, in order, each only when the data supports it (six on the sample week; fewer
 * when the articles say less — never a bullet without data behind it):
 *   1. largest by size: the entity whose chosen size value is the largest, with its flagship
 *      model, and the runner-up; other reports of that value are mentioned, and who did not
 *      report one.
 *   2. kind: the kind value most entities share (MoE), who has it, and for each of them the
 *      part/size share (active/total) where both are reported, "미공개" where not.
 *   3. budget: the programme's budget items and their exact sum, plus the target.
 *   4. milestones: the programme's dates after the reference day (the period's end) in date
 *      order, the next one first; dates on or before it are listed as held in the period.
 *   5. conflicts: each cell where sources disagree (entity, column, values with article counts).
 *   6. other figures: for each further quantity column of layout.table_columns, the largest
 *      value and who reported it (a topic without parameters still gets its figures).
 *   7. breadth: the entity with the most partners and the one named in the most sentences.
 * At most six bullets: when every rule fires, the last gives way.
 *
 * Key sentences (summary_key_sentences): an entity's sentences ranked by how many kinds of
 * fact (distinct columns: model, size, part, kind, …) about that entity each one carries, then
 * by how many distinct facts (column, value) — so a sentence giving the model, its size and
 * its architecture outranks a long list of partners; remaining ties go to the earlier article
 * (the article set's order: date, then id), then the earlier sentence. A sentence whose text
 * was already chosen (the same wire copy in two papers) is skipped. The merge keeps the best
 * candidates while the run streams (merge/quotes.h), so no fact list is needed here. */
#ifndef EXPORTER_SUMMARY_H
#define EXPORTER_SUMMARY_H

#include <stddef.h>

#include "extract/extract.h"
#include "merge/quotes.h"
#include "merge/table.h"
#include "extract/template.h"

#define SUMMARY_MAX_CITES 6

/* One generated sentence and the articles it rests on (ids borrowed from the table or the
 * quotes, in the order they should be cited; no duplicates). */
struct summary_item {
    char *text;
    const char *cites[SUMMARY_MAX_CITES];
    size_t n_cites;
    size_t sentence_no;          /* key sentences: the sentence's number in its article */
};

struct summary {
    struct summary_item *items;
    size_t count, cap;
};

/* Appends the summary bullets for table t (with template t->tpl) to *out. facts is unused
 * (the table carries what the rules read) and may be NULL.
 * today is the reference day "YYYY-MM-DD" for "next milestone" ("" = none is next). */
void summary_bullets(const struct table *t, const struct fact_list *facts, const char *today,
                     struct summary *out);

/* Appends up to max key sentences of entity (an index into the template's entities) to *out,
 * best first: the candidates the merge kept (quotes.h ranks them by the rule above), less any
 * that is not a whole sentence (a crawl sub-heading glued to the text: sentence_complete).
 * Each text is ready to print between “ ”: inner quotations in ‘ ’ and marks balanced
 * (sentence_quote_prepare). Each item cites the one article it is quoted from (the id is
 * borrowed from q). */
void summary_key_sentences(const struct quotes *q, size_t entity, size_t max,
                           struct summary *out);

void summary_free(struct summary *s);

/* Formatting helpers the briefing shares. */
/* "2026-01-15" → "2026년 1월 15일", "2026-01" → "2026년 1월", "2027" → "2027년",
 * "2026..2027" → "2026~2027년"; other text is copied. Appends to out. */
void summary_format_date(const char *value, struct buf *out);
/* A count with thousands separators into out ("19,987"); returns out. */
const char *summary_count(size_t n, char out[32]);

/* A column label without its trailing parenthesised unit: "총 파라미터(B)" → "총 파라미터",
 * and without a leading "group — ": "예산 — 데이터(십억 원)" → "데이터". Appends to out. */
void summary_short_label(const char *label, struct buf *out);
/* A cell value with its unit as a reader wants it: "500" B → "500B", "62.8" KRW bn →
 * "628억 원", "1.5" KRW tn → "1조 5,000억 원", "95" % → "95%". Appends to out. */
void summary_format_value(const char *value, const char *unit_label, struct buf *out);
/* A cell value of column c as a reader reads it: money (the column's one canonical unit is
 * KRW, USD, EUR, JPY, CNY or GBP) as the full amount in 만/억/조 groups ("62.8" at scale 9 →
 * "628억 원", "-117.6" → "-1,176억 원"); a count whose unit_label is one
 * Korean counter word at scale 0 in 만 groups too ("1,191만 명", "3만 2,000가구", "820개"); other
 * figures grouped with the column's unit_label by the one spacing rule ("500B", "95%"). Appends to out. */
void summary_format_figure(const struct template_column *c, const char *value, struct buf *out);

/* The most values of a disagreeing cell a briefing lists (a summary bullet, the table's note,
 * an entity's details); the rest are counted ("외 다른 값 N개"). One article stating 10,000
 * values for one cell made a note of 10,000 citations: 38 pages, and more links on one page
 * than libharu's arrays hold (exit 70). The CSVs and the workbook keep every value. */
#define SUMMARY_CONFLICT_VALUES 4

/* The disagreeing values of ce the briefing prints (indices into ce->values, in the cell's
 * order, at most SUMMARY_CONFLICT_VALUES): all of them when they fit, else the chosen value
 * (values[0]) and the best supported others (most articles, then most facts). from = 1 leaves
 * the chosen value out (it is printed elsewhere). Returns how many were put in pick; *more
 * gets how many disagreeing values are left out. */
size_t summary_conflict_pick(const struct table_cell *ce, size_t from, size_t *pick, size_t *more);

/* " 외 다른 값 3개" after a list of values cut by summary_conflict_pick (nothing when more is 0). */
void summary_put_more_values(struct buf *b, size_t more);

#endif

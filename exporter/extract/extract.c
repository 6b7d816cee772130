/* extract.c — see extract.h.
 *
 * One pass per sentence: fold the text (template_fold) and look every position up in a
 * two-byte bucket index of all folded names and words — cheaper than one strstr per alias,
 * which matters at 20,000 articles. Then quantity_scan on the raw sentence, a clause split,
 * and the column rules. Korean is head-final: a verb cue (활성화, 동작) follows the figure it
 * qualifies, a postposition cue (데이터 분야에) precedes it, and a plan verb (예정, 계획) ends
 * the sentence it governs — hence the three cue scopes (bound, clause, sentence). */
#include "extract/extract.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/particles.h"
#include "util/text.h"
#include "util/date.h"
#include "util/hash.h"
#include "util/strpool.h"
#include "util/utf8.h"

/* ---- The compiled lexicon ---- */

enum lex_kind { LEX_ENTITY, LEX_MODEL, LEX_PERSON, LEX_ORG, LEX_OTHER_MODEL, LEX_PARTY, LEX_WORD };

/* Names a value can be about: a tracked entity (its name, a model, a spokesperson) or another
 * party, whose values are nobody's here. */
static int is_subject_kind(enum lex_kind k)
{
    return k == LEX_ENTITY || k == LEX_MODEL || k == LEX_PERSON || k == LEX_PARTY;
}

struct lex_entry {
    char *key;          /* folded */
    size_t len;
    enum lex_kind kind;
    size_t a, b;        /* entity and model, org index, or word id */
};

/* A set of word ids (cue lists are small; the vocabulary is a few hundred words). */
struct word_set {
    uint64_t *bits;
    size_t n_words;     /* capacity in words of 64 */
    size_t count;       /* members */
};

struct column_rules {
    struct word_set cues, negative, markers, exclude, plan, history, skip, elsewhere;
    struct word_set *keywords;   /* one set per keyword */
    struct word_set rivals;      /* quantity: cues of the other quantity columns that share a
                                    unit with this one (and are not this one's own words) */
};

/* Sentences longer than this are not prose (a table dump, a crawl without punctuation):
 * they are reported and skipped rather than searched. The longest sample sentence is 1.2 KB. */
#define EXTRACT_MAX_SENTENCE 16384

struct extractor {
    const struct template *tpl;
    struct lex_entry *entries;
    size_t n_entries;
    uint32_t *bucket;            /* 65537 offsets into entries, by the first two key bytes */
    uint64_t used[1024];         /* bit k: bucket k is not empty (8 KB, stays in L1) */
    char **words;                /* word id -> folded word */
    size_t n_words;
    struct hash_index word_index; /* folded word -> word id (util/hash.h) */
    struct column_rules *rules;  /* per column */
    size_t word_blocks;          /* 64-bit blocks in a set of all words */
    struct word_set all_cues;    /* cues and negative cues of every quantity column */
};

static int entry_cmp(const void *x, const void *y)
{
    const struct lex_entry *a = x, *b = y;
    unsigned ka = ((unsigned)(unsigned char)a->key[0] << 8) | (unsigned char)a->key[1];
    unsigned kb = ((unsigned)(unsigned char)b->key[0] << 8) | (unsigned char)b->key[1];
    if (ka != kb)
        return ka < kb ? -1 : 1;
    /* longest first, so the first valid name at a position is the longest */
    if (a->len != b->len)
        return a->len > b->len ? -1 : 1;
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    if (a->a != b->a)
        return a->a < b->a ? -1 : 1;
    return a->b < b->b ? -1 : a->b > b->b;
}

static char *fold(const char *s)
{
    struct buf b = BUF_INIT;
    template_fold(s, strlen(s), &b, NULL);
    return buf_detach(&b);
}

static void add_entry(struct extractor *ex, size_t *cap, const char *s, enum lex_kind kind,
                      size_t a, size_t b)
{
    char *key = fold(s);
    size_t len = strlen(key);
    if (len < 2) {   /* too short to index; template names are never this short */
        free(key);
        return;
    }
    xgrow(&ex->entries, cap, ex->n_entries + 1, sizeof *ex->entries);
    ex->entries[ex->n_entries++] = (struct lex_entry){ key, len, kind, a, b };
}

static struct hash_key folded_word_key(const void *ctx, size_t item)
{
    const struct extractor *ex = ctx;
    return (struct hash_key){ ex->words[item], strlen(ex->words[item]) };
}

/* The id of the template word s (folded), numbering it when it is new: an index, not a scan,
 * since a wide template has thousands of words. */
static size_t word_id(struct extractor *ex, size_t *cap, size_t *entries_cap, const char *s)
{
    char *key = fold(s);
    size_t found = hash_index_find(&ex->word_index, key, strlen(key));
    if (found != HASH_NONE) {
        free(key);
        return found;
    }
    xgrow(&ex->words, cap, ex->n_words + 1, sizeof *ex->words);
    ex->words[ex->n_words] = key;
    hash_index_add(&ex->word_index, ex->n_words);
    add_entry(ex, entries_cap, s, LEX_WORD, ex->n_words, 0);
    return ex->n_words++;
}

static void set_add(struct word_set *s, size_t id)
{
    size_t w = id / 64 + 1;
    if (w > s->n_words) {
        s->bits = xrealloc(s->bits, w * sizeof *s->bits);
        memset(s->bits + s->n_words, 0, (w - s->n_words) * sizeof *s->bits);
        s->n_words = w;
    }
    s->bits[id / 64] |= (uint64_t)1 << (id % 64);
    s->count++;
}

/* The 64 members from 64 * i on, as bits (0 past the set's end). */
static uint64_t set_word(const struct word_set *s, size_t i)
{
    return i < s->n_words ? s->bits[i] : 0;
}

/* Adds the members given as bits, 64 at a time from 64 * i on. */
static void set_add_word(struct word_set *s, size_t i, uint64_t bits)
{
    if (!bits)
        return;
    if (i >= s->n_words) {
        s->bits = xrealloc(s->bits, (i + 1) * sizeof *s->bits);
        memset(s->bits + s->n_words, 0, (i + 1 - s->n_words) * sizeof *s->bits);
        s->n_words = i + 1;
    }
    s->count += (size_t)__builtin_popcountll(bits & ~s->bits[i]);
    s->bits[i] |= bits;
}

static int set_has(const struct word_set *s, size_t id)
{
    return id / 64 < s->n_words && (s->bits[id / 64] >> (id % 64)) & 1;
}

static void compile_words(struct extractor *ex, size_t *wcap, size_t *ecap,
                          const struct template_words *w, struct word_set *out)
{
    for (size_t i = 0; i < w->count; i++)
        set_add(out, word_id(ex, wcap, ecap, w->items[i]));
}

static int share_a_unit(const struct template_column *a, const struct template_column *b)
{
    for (size_t i = 0; i < a->units.count; i++)
        for (size_t j = 0; j < b->units.count; j++)
            if (!strcmp(a->units.items[i], b->units.items[j]))
                return 1;
    return 0;
}

/* Each quantity column's rivals: the cues of the other quantity columns that could take the
 * same figures (a shared unit). Only a rival's cue nearer to a figure takes it away. */
static void compile_rivals(struct extractor *ex)
{
    const struct template *tpl = ex->tpl;
    for (size_t c = 0; c < tpl->n_columns; c++) {
        struct column_rules *r = &ex->rules[c];
        if (tpl->columns[c].type != TEMPLATE_COL_QUANTITY)
            continue;
        for (size_t d = 0; d < tpl->n_columns; d++) {
            if (d == c || tpl->columns[d].type != TEMPLATE_COL_QUANTITY ||
                !share_a_unit(&tpl->columns[c], &tpl->columns[d]))
                continue;
            /* Their cues and negative cues that are not this column's own, 64 at a time:
             * a template's columns times its words would otherwise be quadratic twice. */
            const struct column_rules *o = &ex->rules[d];
            size_t n = o->cues.n_words > o->negative.n_words ? o->cues.n_words
                                                              : o->negative.n_words;
            for (size_t i = 0; i < n; i++)
                set_add_word(&r->rivals, i,
                             (set_word(&o->cues, i) | set_word(&o->negative, i)) &
                                 ~(set_word(&r->cues, i) | set_word(&r->negative, i)));
        }
    }
}

struct extractor *extract_new(const struct template *tpl)
{
    struct extractor *ex = xcalloc(1, sizeof *ex);
    hash_index_init(&ex->word_index, folded_word_key, ex);
    ex->tpl = tpl;
    size_t ecap = 0, wcap = 0;
    for (size_t i = 0; i < tpl->n_entities; i++) {
        const struct template_entity *e = &tpl->entities[i];
        add_entry(ex, &ecap, e->name, LEX_ENTITY, i, 0);
        if (*e->name_en)
            add_entry(ex, &ecap, e->name_en, LEX_ENTITY, i, 0);
        for (size_t j = 0; j < e->aliases.count; j++)
            add_entry(ex, &ecap, e->aliases.items[j], LEX_ENTITY, i, 0);
        for (size_t j = 0; j < e->people.count; j++)
            add_entry(ex, &ecap, e->people.items[j], LEX_PERSON, i, 0);
        for (size_t k = 0; k < e->n_models; k++) {
            const struct template_model *m = &e->models[k];
            add_entry(ex, &ecap, m->name, LEX_MODEL, i, k);
            if (*m->name_en)
                add_entry(ex, &ecap, m->name_en, LEX_MODEL, i, k);
            for (size_t j = 0; j < m->aliases.count; j++)
                add_entry(ex, &ecap, m->aliases.items[j], LEX_MODEL, i, k);
        }
    }
    for (size_t i = 0; i < tpl->n_orgs; i++) {
        add_entry(ex, &ecap, tpl->orgs[i].name, LEX_ORG, i, 0);
        for (size_t j = 0; j < tpl->orgs[i].aliases.count; j++)
            add_entry(ex, &ecap, tpl->orgs[i].aliases.items[j], LEX_ORG, i, 0);
    }
    for (size_t i = 0; i < tpl->other_models.count; i++)
        add_entry(ex, &ecap, tpl->other_models.items[i], LEX_OTHER_MODEL, i, 0);
    for (size_t i = 0; i < tpl->n_parties; i++) {
        add_entry(ex, &ecap, tpl->parties[i].name, LEX_PARTY, i, 0);
        for (size_t j = 0; j < tpl->parties[i].aliases.count; j++)
            add_entry(ex, &ecap, tpl->parties[i].aliases.items[j], LEX_PARTY, i, 0);
    }
    ex->rules = xcalloc(tpl->n_columns ? tpl->n_columns : 1, sizeof *ex->rules);
    for (size_t c = 0; c < tpl->n_columns; c++) {
        const struct template_column *col = &tpl->columns[c];
        struct column_rules *r = &ex->rules[c];
        compile_words(ex, &wcap, &ecap, &col->cues, &r->cues);
        compile_words(ex, &wcap, &ecap, &col->negative_cues, &r->negative);
        compile_words(ex, &wcap, &ecap, &col->markers, &r->markers);
        compile_words(ex, &wcap, &ecap, &col->exclude, &r->exclude);
        compile_words(ex, &wcap, &ecap, &col->plan, &r->plan);
        compile_words(ex, &wcap, &ecap, &col->history, &r->history);
        compile_words(ex, &wcap, &ecap, &col->skip, &r->skip);
        compile_words(ex, &wcap, &ecap, &col->elsewhere, &r->elsewhere);
        if (col->n_keywords) {
            r->keywords = xcalloc(col->n_keywords, sizeof *r->keywords);
            for (size_t k = 0; k < col->n_keywords; k++)
                compile_words(ex, &wcap, &ecap, &col->keywords[k].words, &r->keywords[k]);
        }
    }
    ex->word_blocks = ex->n_words / 64 + 1;
    for (size_t c = 0; c < tpl->n_columns; c++)
        if (tpl->columns[c].type == TEMPLATE_COL_QUANTITY)
            for (size_t w = 0; w < ex->n_words; w++)
                if (set_has(&ex->rules[c].cues, w) || set_has(&ex->rules[c].negative, w))
                    set_add(&ex->all_cues, w);
    compile_rivals(ex);
    if (ex->n_entries > 1)   /* none when every name and word is one byte ("L", "F") */
        qsort(ex->entries, ex->n_entries, sizeof *ex->entries, entry_cmp);
    ex->bucket = xcalloc(65537, sizeof *ex->bucket);
    size_t j = 0;
    for (unsigned k = 0; k < 65536; k++) {
        ex->bucket[k] = (uint32_t)j;
        while (j < ex->n_entries && (((unsigned)(unsigned char)ex->entries[j].key[0] << 8) |
                                     (unsigned char)ex->entries[j].key[1]) == k)
            j++;
    }
    ex->bucket[65536] = (uint32_t)j;
    for (unsigned k = 0; k < 65536; k++)
        if (ex->bucket[k] != ex->bucket[k + 1])
            ex->used[k / 64] |= (uint64_t)1 << (k % 64);
    return ex;
}

static void set_free(struct word_set *s)
{
    free(s->bits);
}

void extract_free(struct extractor *ex)
{
    if (!ex)
        return;
    for (size_t i = 0; i < ex->n_entries; i++)
        free(ex->entries[i].key);
    free(ex->entries);
    free(ex->bucket);
    for (size_t i = 0; i < ex->n_words; i++)
        free(ex->words[i]);
    free(ex->words);
    hash_index_free(&ex->word_index);
    for (size_t c = 0; c < ex->tpl->n_columns; c++) {
        struct column_rules *r = &ex->rules[c];
        set_free(&r->cues);
        set_free(&r->negative);
        set_free(&r->rivals);
        set_free(&r->markers);
        set_free(&r->exclude);
        set_free(&r->plan);
        set_free(&r->history);
        set_free(&r->skip);
        set_free(&r->elsewhere);
        for (size_t k = 0; k < ex->tpl->columns[c].n_keywords; k++)
            set_free(&r->keywords[k]);
        free(r->keywords);
    }
    free(ex->rules);
    set_free(&ex->all_cues);
    free(ex);
}

/* ---- Characters ---- */

static int is_ascii_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}


/* The code point ending just before s[i]. */
static unsigned cp_before(const char *s, size_t i)
{
    size_t n;
    return utf8_before(s, i, &n);
}

/* ---- Per-sentence work ---- */

struct hit {
    size_t os, oe;          /* byte span in the sentence */
    enum lex_kind kind;
    size_t a, b;
    size_t clause;          /* set by index_sentence */
    size_t phrase;          /* set by index_sentence */
};

struct contrast {
    size_t start, end;      /* the contrasted party's stretch of the sentence */
    size_t hit;             /* its name */
};

struct figure {
    const struct quantity *q;
    size_t clause;
    size_t phrase;
};

struct scratch {
    struct buf folded;
    size_t *map;
    size_t map_cap;
    struct hit *hits;
    size_t n_hits, hits_cap;
    size_t *clause_start;   /* clause k spans [clause_start[k], clause_start[k+1]) */
    size_t *clause_seg;     /* the segment (sentence proper) each clause belongs to */
    size_t n_clauses, clauses_cap;
    struct quantity_list qs;
    struct figure *figs;
    size_t n_figs, figs_cap;
    size_t *phrase_start;   /* phrase k spans [phrase_start[k], phrase_start[k+1]) */
    size_t n_phrases, phrases_cap;
    size_t *gaps;           /* gaps[i]: word gaps (runs of spaces) in text[0..i) */
    size_t gaps_cap;
    unsigned char *phrase_has_fig, *phrase_has_word;   /* per phrase */
    size_t phrase_flags_cap;

    /* Indexes built once per sentence so every rule is a lookup, not a rescan: a long
     * clause full of figures must not cost figures × hits × columns. */
    size_t n_segs;
    size_t *seg_first, *seg_last;     /* first and last clause of each segment */
    uint64_t *clause_words;           /* n_clauses × word blocks: words present */
    uint64_t *seg_words;              /* n_segs × word blocks */
    unsigned char *clause_ent;        /* n_clauses × entities: NAMED | OTHER_MODEL | FLAGSHIP */
    size_t *names;                    /* indices of entity, model and person hits */
    size_t n_names;
    size_t *ok_figs;                  /* figures a column accepts by unit, text order */
    size_t n_ok;
    unsigned char *marked, *excluded; /* per figure, for the current column */
    unsigned char *cued, *negated;
    size_t *foreign;                  /* foreign[i]: hits before hit i that are another
                                         column's cue (not one of the current column's) */
    size_t foreign_cap;
    size_t *modifier;                 /* per hit: the cue word right before a cue word
                                         ("R&D" before "예산"), or SIZE_MAX */
    unsigned char *phrase_has_name;   /* per phrase: an entity, model or person is named */
    size_t compound_cap;
    unsigned char *historic;          /* per figure: a history word is bound to it */
    const char *text;                 /* the sentence */
    size_t len;
    struct contrast *contrasts;
    size_t n_contrasts, contrast_cap;
    unsigned char *contrasted;        /* per hit: a name set apart by a contrast marker */
    size_t *cand_fig, *cand_ent;      /* figures the current column accepts, and for whom */
    size_t index_cap[6];
    size_t *each;                     /* where the word 각각 ("respectively") starts */
    size_t n_each, each_cap;
    size_t *each_of;                  /* per figure, current column: its 각각 or SIZE_MAX */
    size_t *each_rank, *each_total;   /* per figure: rank among the span's fitting figures */
};

#define CLAUSE_NAMED 1u          /* the entity or one of its models is named */
#define CLAUSE_OTHER_MODEL 2u    /* one of its non-flagship models is named */
#define CLAUSE_FLAGSHIP 4u       /* its flagship model is named */

static void push_hit(struct scratch *s, size_t os, size_t oe, const struct lex_entry *e)
{
    xgrow(&s->hits, &s->hits_cap, s->n_hits + 1, sizeof *s->hits);
    s->hits[s->n_hits++] = (struct hit){ os, oe, e->kind, e->a, e->b, 0, 0 };
}

static int name_boundaries_ok(const char *text, size_t len, size_t os, size_t oe, int is_name)
{
    unsigned char first = (unsigned char)text[os], last = (unsigned char)text[oe - 1];
    if (is_ascii_alnum(first) && os > 0 && is_ascii_alnum((unsigned char)text[os - 1]))
        return 0;
    if (oe < len) {
        unsigned char next = (unsigned char)text[oe];
        if (is_ascii_alnum(last) && is_ascii_alnum(next))
            return 0;
        if (is_name && !is_ascii_alnum(last)) {
            size_t n;
            unsigned cp = utf8_decode(text, len, oe, &n);
            if (text_is_hangul_syllable(cp) && text_is_hangul_syllable(cp_before(text, oe)) && !particle_may_start(cp, PARTICLE_AFTER_NAME))
                return 0;
        }
    }
    return 1;
}

static int hit_cmp(const void *x, const void *y)
{
    const struct hit *a = x, *b = y;
    if (a->os != b->os)
        return a->os < b->os ? -1 : 1;
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    if (a->oe != b->oe)
        return a->oe > b->oe ? -1 : 1;   /* the longer first */
    return a->a < b->a ? -1 : a->a > b->a;
}

/* Drops every word found strictly inside a longer word: in `최저기온이` the word `기온이` of
 * another list is not there, in `영업이익률` not `영업이익`, in `신규 직원` not `직원`. The
 * longest match wins, as it does for names. The same span in two lists stays twice, and a
 * word inside a name stays (the `옴니` in a model named `… 옴니` says what the model is).
 * Hits are sorted by start, longer first. */
static void drop_covered_words(struct scratch *s)
{
    size_t kept = 0, cover_os = 0, cover_oe = 0;
    int have_cover = 0;
    for (size_t i = 0; i < s->n_hits; i++) {
        const struct hit *h = &s->hits[i];
        if (h->kind == LEX_WORD) {
            if (have_cover && h->oe <= cover_oe && !(h->os == cover_os && h->oe == cover_oe))
                continue;
            if (!have_cover || h->oe > cover_oe) {
                have_cover = 1;
                cover_os = h->os;
                cover_oe = h->oe;
            }
        }
        s->hits[kept++] = *h;
    }
    s->n_hits = kept;
}

/* Finds every name (leftmost-longest, no overlaps) and every word (all occurrences not inside
 * a longer word). */
static void find_hits(const struct extractor *ex, const char *text, size_t len,
                      struct scratch *s)
{
    s->n_hits = 0;
    buf_clear(&s->folded);
    if (s->map_cap < len + 1) {
        s->map_cap = len + 1;
        s->map = xrealloc(s->map, s->map_cap * sizeof *s->map);
    }
    template_fold(text, len, &s->folded, s->map);
    const unsigned char *f = (const unsigned char *)s->folded.data;
    size_t flen = s->folded.len;
    size_t name_end = 0;   /* folded offset where the last kept name ends */
    for (size_t i = 0; i + 1 < flen; i++) {
        if ((f[i] & 0xC0) == 0x80)
            continue;
        unsigned k = ((unsigned)f[i] << 8) | f[i + 1];
        if (!((ex->used[k / 64] >> (k % 64)) & 1))
            continue;
        int name_taken = i < name_end;
        for (uint32_t j = ex->bucket[k]; j < ex->bucket[k + 1]; j++) {
            const struct lex_entry *e = &ex->entries[j];
            /* the two bytes matched by the bucket; a Hangul syllable's third byte rules
             * out most of the rest before memcmp */
            if (e->len > flen - i || (e->len > 2 && (unsigned char)e->key[2] != f[i + 2]) ||
                memcmp(f + i + 2, e->key + 2, e->len - 2))
                continue;
            size_t os = s->map[i], oe = s->map[i + e->len - 1] + 1;
            int is_name = e->kind != LEX_WORD;
            if (is_name && name_taken)
                continue;
            if (!name_boundaries_ok(text, len, os, oe, is_name))
                continue;
            push_hit(s, os, oe, e);
            if (is_name) {
                name_taken = 1;
                name_end = i + e->len;
            }
        }
    }
    if (s->n_hits > 1) {
        qsort(s->hits, s->n_hits, sizeof *s->hits, hit_cmp);
        drop_covered_words(s);
    }
}

/* Splits the sentence into clauses, each tagged with its segment. A segment ends after a
 * full stop, question or exclamation mark that follows a Hangul syllable (…했다. inside a
 * quotation). A clause ends at a comma after a connective ending (…했고, …이며, …지만,
 * …는데,), at a comma before 그리고/하지만/또, and after …지만 even without a comma. */
static void split_clauses(const char *text, size_t len, struct scratch *s)
{
    s->n_clauses = 0;
    size_t seg = 0;
#define PUSH_CLAUSE(at, sg)                                                             \
    do {                                                                                \
        xgrow(&s->clause_start, &s->clauses_cap, s->n_clauses + 2, sizeof(size_t));     \
        s->clause_seg = xrealloc(s->clause_seg, s->clauses_cap * sizeof(size_t));       \
        s->clause_start[s->n_clauses] = (at);                                           \
        s->clause_seg[s->n_clauses] = (sg);                                             \
        s->n_clauses++;                                                                 \
    } while (0)
    PUSH_CLAUSE(0, 0);
    static const unsigned connectives[] = {
        0xACE0 /* 고 */, 0xBA70 /* 며 */, 0xB9CC /* 만 */, 0xB370 /* 데 */, 0xC11C /* 서 */,
        0xBA74 /* 면 */, 0xB2C8 /* 니 */, 0xC5EC /* 여 */, 0xC9C0 /* 지 */, 0xB85D /* 록 */,
        0xB098 /* 나 */,
    };
    for (size_t i = 0; i < len;) {
        size_t n;
        unsigned cp = utf8_decode(text, len, i, &n);
        size_t next = i + n;
        int cut = 0, new_seg = 0;
        if ((cp == '.' || cp == '?' || cp == '!') && text_is_hangul_syllable(cp_before(text, i))) {
            cut = new_seg = 1;
        } else if (cp == ',') {
            unsigned prev = cp_before(text, i);
            for (size_t c = 0; c < sizeof connectives / sizeof connectives[0]; c++)
                if (prev == connectives[c])
                    cut = 1;
            const char *rest = text + next;
            size_t left = len - next;
            while (left && *rest == ' ') {
                rest++;
                left--;
            }
            static const char *const conj[] = { "그리고", "하지만", "또 ", "또한", "그러나" };
            for (size_t c = 0; c < sizeof conj / sizeof conj[0]; c++)
                if (left >= strlen(conj[c]) && !memcmp(rest, conj[c], strlen(conj[c])))
                    cut = 1;
        } else if (cp == 0xB9CC /* 만 */ && cp_before(text, i) == 0xC9C0 /* 지 */ &&
                   next < len && text[next] == ' ') {
            cut = 1;
        }
        if (cut && next < len) {
            if (new_seg)
                seg++;
            PUSH_CLAUSE(next, seg);
        }
        i = next;
    }
    s->clause_start[s->n_clauses] = len;
#undef PUSH_CLAUSE
}

/* A middle dot (·, ㆍ or ・) right after a closing parenthesis: the dot that lists
 * parenthesised figures (`현대차(1만 3,020대)·기아(1만 150대)`). Elsewhere a middle dot joins
 * the words of one name or term (`정보·통신`) and separates nothing. */
static size_t middle_dot_after_paren(const char *text, size_t len, size_t i)
{
    static const char *const dots[] = { "\xC2\xB7", "\xE3\x86\x8D", "\xE3\x83\xBB" };
    if (i == 0 || text[i - 1] != ')')
        return 0;
    for (size_t k = 0; k < sizeof dots / sizeof *dots; k++) {
        size_t n = strlen(dots[k]);
        if (i + n <= len && !memcmp(text + i, dots[k], n))
            return n;
    }
    return 0;
}

/* 과 or 와 and a space right after a parenthesis that holds a figure: the particle that lists
 * parenthesised figures (`국민의힘(35%)과 조국혁신당(8%)의 지지율`). After other parentheses
 * (`삼성전자(주)와`, `매출(연결 기준)과`) it joins nouns and separates nothing. Returns its
 * length with the space, or 0. */
static size_t conjunction_after_figure_paren(const char *text, size_t len, size_t i)
{
    if (i == 0 || text[i - 1] != ')' || i + 4 > len || text[i + 3] != ' ' ||
        (memcmp(text + i, "\xEA\xB3\xBC", 3) && memcmp(text + i, "\xEC\x99\x80", 3)))
        return 0;
    for (size_t k = i - 1, seen = 0; k-- > 0 && seen < 48; seen++) {
        if (text[k] == '(')
            return 0;
        if (text[k] >= '0' && text[k] <= '9')
            return 4;
    }
    return 0;
}

/* A bullet sign that opens an item of a list run into one line ("매출은 ▲대한항공 4조 원
 * ▲제주항공 4412억 원"): after a space or at the start, and not before a figure (▲5% is a
 * rise, △312억 a loss). Returns its length, or 0. */
static size_t inline_bullet_at(const char *text, size_t len, size_t i)
{
    static const char *const signs[] = { "\xE2\x96\xB2", "\xE2\x96\xB3", "\xE2\x96\xA0",
                                         "\xE2\x96\xA1", "\xE2\x97\x8B", "\xE2\x97\x8F",
                                         "\xE2\x97\x86", "\xE2\x97\x87", "\xE2\x96\xB6",
                                         "\xE2\x96\xB7", "\xE2\x80\xA2" };
    if ((i > 0 && text[i - 1] != ' ') || i + 3 > len)
        return 0;
    size_t after = i + 3;
    while (after < len && text[after] == ' ')
        after++;
    if (after < len && text[after] >= '0' && text[after] <= '9')
        return 0;
    for (size_t k = 0; k < sizeof signs / sizeof *signs; k++)
        if (!memcmp(text + i, signs[k], 3))
            return 3;
    return 0;
}

/* A list separator at text[i]: a comma (not one inside a number: 1,200), a semicolon, an
 * ideographic comma, a slash, a middle dot or 과/와 after a parenthesis, an inline bullet
 * sign, or the word 및 standing alone. Sets *n to its length. */
static int list_separator_at(const char *text, size_t len, size_t i, size_t *n)
{
    unsigned char c = (unsigned char)text[i];
    *n = 1;
    if (i > 0 && text[i - 1] == ')' && (*n = conjunction_after_figure_paren(text, len, i)))
        return 1;
    if (c == 0xE2 && (*n = inline_bullet_at(text, len, i)))
        return 1;
    *n = 1;
    /* every separator starts with one of these bytes (asked at every byte of a sentence) */
    if (c != ',' && c != ';' && c != '/' && c != ' ' && c != 0xE3 && c != 0xC2)
        return 0;
    if (c == ',')
        return !(i > 0 && i + 1 < len && text[i - 1] >= '0' && text[i - 1] <= '9' &&
                 text[i + 1] >= '0' && text[i + 1] <= '9');
    if (c == ';' || c == '/')
        return 1;
    static const char ideographic_comma[] = "\xE3\x80\x81", and_word[] = " \xEB\xB0\x8F ";
    if (i + 3 <= len && !memcmp(text + i, ideographic_comma, 3)) {
        *n = 3;
        return 1;
    }
    if (i + 5 <= len && !memcmp(text + i, and_word, 5)) {   /* " 및 " */
        *n = 5;
        return 1;
    }
    *n = middle_dot_after_paren(text, len, i);
    return *n > 0;
}

/* Cuts the clauses into phrases at list separators ("정규직 1,200명, 계약직 340명"; "수출 52억
 * 달러, 수입 47억 달러"), so a rule word binds within its own list item; and counts the word
 * gaps (runs of spaces) before every byte, so the distance between a word and a figure is one
 * subtraction. */
static void split_phrases(const char *text, size_t len, struct scratch *s)
{
    s->n_phrases = 0;
    if (s->gaps_cap < len + 1) {
        s->gaps_cap = len + 1;
        s->gaps = xrealloc(s->gaps, s->gaps_cap * sizeof *s->gaps);
    }
    size_t gaps = 0, clause = 0;
    for (size_t i = 0; i <= len; i++) {
        s->gaps[i] = gaps;
        if (i == len)
            break;
        size_t start = SIZE_MAX, n;
        if (clause < s->n_clauses && s->clause_start[clause] == i) {
            start = i;
            clause++;
        } else if (list_separator_at(text, len, i, &n)) {
            start = i + n;   /* the separator belongs to the phrase it ends */
        }
        if (start < len && (!s->n_phrases || start > s->phrase_start[s->n_phrases - 1])) {
            xgrow(&s->phrase_start, &s->phrases_cap, s->n_phrases + 2, sizeof *s->phrase_start);
            s->phrase_start[s->n_phrases++] = start;
        }
        if (text[i] == ' ' && (i == 0 || text[i - 1] != ' '))
            gaps++;
    }
    if (!s->n_phrases) {
        xgrow(&s->phrase_start, &s->phrases_cap, 2, sizeof *s->phrase_start);
        s->phrase_start[s->n_phrases++] = 0;
    }
    s->phrase_start[s->n_phrases] = len;
}

static size_t span_index(const size_t *starts, size_t count, size_t off)
{
    size_t lo = 0, hi = count;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (starts[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

static size_t phrase_of(const struct scratch *s, size_t off)
{
    return span_index(s->phrase_start, s->n_phrases, off);
}

static size_t clause_of(const struct scratch *s, size_t off)
{
    size_t lo = 0, hi = s->n_clauses;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (s->clause_start[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

static void *grow_zero(void *p, size_t *cap, size_t need, size_t elem)
{
    if (need > *cap) {
        *cap = need + need / 2 + 16;
        p = xrealloc(p, *cap * elem);
    }
    memset(p, 0, need * elem);
    return p;
}

/* Fills the per-sentence indexes once the hits and clauses are known. */
static void index_sentence(const struct extractor *ex, struct scratch *s)
{
    const struct template *tpl = ex->tpl;
    size_t wb = ex->word_blocks, ne = tpl->n_entities ? tpl->n_entities : 1;
    size_t nc = s->n_clauses;
    s->n_segs = s->clause_seg[nc - 1] + 1;
    s->seg_first = grow_zero(s->seg_first, &s->index_cap[0], s->n_segs, sizeof(size_t));
    s->seg_last = grow_zero(s->seg_last, &s->index_cap[1], s->n_segs, sizeof(size_t));
    for (size_t c = nc; c-- > 0;)
        s->seg_first[s->clause_seg[c]] = c;
    for (size_t c = 0; c < nc; c++)
        s->seg_last[s->clause_seg[c]] = c;
    s->clause_words = grow_zero(s->clause_words, &s->index_cap[2], nc * wb, sizeof(uint64_t));
    s->seg_words = grow_zero(s->seg_words, &s->index_cap[3], s->n_segs * wb, sizeof(uint64_t));
    s->clause_ent = grow_zero(s->clause_ent, &s->index_cap[4], nc * ne, 1);
    s->names = grow_zero(s->names, &s->index_cap[5], s->n_hits + 1, sizeof(size_t));
    s->n_names = 0;
    size_t c = 0, p = 0;
    for (size_t i = 0; i < s->n_hits; i++) {
        struct hit *h = &s->hits[i];
        while (c + 1 < nc && s->clause_start[c + 1] <= h->os)
            c++;
        while (p + 1 < s->n_phrases && s->phrase_start[p + 1] <= h->os)
            p++;
        h->clause = c;
        h->phrase = p;
        if (h->kind == LEX_WORD) {
            uint64_t bit = (uint64_t)1 << (h->a % 64);
            s->clause_words[c * wb + h->a / 64] |= bit;
            s->seg_words[s->clause_seg[c] * wb + h->a / 64] |= bit;
            continue;
        }
        if (is_subject_kind(h->kind))
            s->names[s->n_names++] = i;
        if (h->kind == LEX_ENTITY || h->kind == LEX_MODEL)
            s->clause_ent[c * ne + h->a] |= CLAUSE_NAMED;
        if (h->kind == LEX_MODEL)
            s->clause_ent[c * ne + h->a] |=
                tpl->entities[h->a].models[h->b].flagship ? CLAUSE_FLAGSHIP : CLAUSE_OTHER_MODEL;
    }
}

/* Past an optional genitive 의 and one space at k, not beyond to. */
static size_t past_link_tail(const char *text, size_t k, size_t to)
{
    static const char genitive[] = "\xEC\x9D\x98"; /* 의 */
    if (to - k >= 3 && !memcmp(text + k, genitive, 3))
        k += 3;
    if (k < to && text[k] == ' ')
        k++;
    return k;
}

/* What may join a compound's modifier to its head, text[from, to): one space or none, a
 * genitive 의 ("데이터센터의 매출"), or one connecting noun that names the modifier's part of
 * the business ("데이터센터 부문 매출", "AI 사업 매출", "R&D 관련 예산"). */
static int compound_link(const char *text, size_t from, size_t to)
{
    static const char *const connectors[] = { "부문", "사업", "사업부", "분야", "관련", "부서" };
    size_t k = past_link_tail(text, from, to);
    if (k == to)
        return 1;
    for (size_t c = 0; c < sizeof connectors / sizeof connectors[0]; c++) {
        size_t n = strlen(connectors[c]);
        if (k + n <= to && !memcmp(text + k, connectors[c], n) &&
            past_link_tail(text, k + n, to) == to)
            return 1;
    }
    return 0;
}

/* Compound cues: a cue word right after another ("R&D 예산", "기초연금 예산", "데이터센터 부문
 * 매출") is the head of a compound whose modifier names the column; s->modifier[i] is that
 * modifier's hit. Also notes which phrases name an entity. */
static void find_compounds(const struct extractor *ex, const char *text, struct scratch *s)
{
    if (s->compound_cap < s->n_hits + s->n_phrases + 1) {
        s->compound_cap = s->n_hits + s->n_phrases + 1;
        s->modifier = xrealloc(s->modifier, s->compound_cap * sizeof *s->modifier);
        s->phrase_has_name = xrealloc(s->phrase_has_name, s->compound_cap);
    }
    memset(s->phrase_has_name, 0, s->n_phrases);
    size_t prev = SIZE_MAX;   /* the earlier cue hit that ends last */
    for (size_t i = 0; i < s->n_hits; i++) {
        const struct hit *h = &s->hits[i];
        s->modifier[i] = SIZE_MAX;
        if (is_subject_kind(h->kind))
            s->phrase_has_name[h->phrase] = 1;
        if (h->kind != LEX_WORD || !set_has(&ex->all_cues, h->a))
            continue;
        if (prev != SIZE_MAX && s->hits[prev].oe <= h->os &&
            compound_link(text, s->hits[prev].oe, h->os))
            s->modifier[i] = prev;
        if (prev == SIZE_MAX || h->oe > s->hits[prev].oe)
            prev = i;
    }
}

static int set_meets(const struct word_set *set, const uint64_t *present)
{
    for (size_t k = 0; k < set->n_words; k++)
        if (set->bits[k] & present[k])
            return 1;
    return 0;
}

static int words_in_clause(const struct extractor *ex, const struct scratch *s,
                           const struct word_set *set, size_t clause)
{
    return set->count && set_meets(set, s->clause_words + clause * ex->word_blocks);
}

static int words_in_segment(const struct extractor *ex, const struct scratch *s,
                            const struct word_set *set, size_t clause)
{
    return set->count &&
           set_meets(set, s->seg_words + s->clause_seg[clause] * ex->word_blocks);
}

static unsigned clause_flags(const struct extractor *ex, const struct scratch *s, size_t clause,
                             size_t entity)
{
    size_t ne = ex->tpl->n_entities ? ex->tpl->n_entities : 1;
    return s->clause_ent[clause * ne + entity];
}

/* The clause-scoped and sentence-scoped rules every typed value goes through. */
static int rules_pass(const struct extractor *ex, const struct scratch *s,
                      const struct column_rules *r, size_t clause, size_t entity)
{
    if (r->cues.count && !words_in_clause(ex, s, &r->cues, clause))
        return 0;
    if (words_in_segment(ex, s, &r->plan, clause))
        return 0;
    if (words_in_clause(ex, s, &r->history, clause) || words_in_clause(ex, s, &r->skip, clause))
        return 0;
    /* "미국만이 1000B": about another country, unless the clause names the entity or its
     * model itself ("LG AI연구원은 미국과 중국의 … 모델을 뛰어넘는 2360억 개 …"). */
    if (words_in_clause(ex, s, &r->elsewhere, clause))
        return (clause_flags(ex, s, clause, entity) & CLAUSE_NAMED) != 0;
    return 1;
}

/* ---- Whose value it is ----
 * Korean marks the subject with a particle (은/는/이/가/도), sets a contrasted party apart with
 * a postposition (X와 달리, X처럼, X보다, X 대비, X에 비해), and names other parties beside the
 * tracked ones; attribution reads all three. */

/* Whether the name hit h is followed by a subject or topic particle standing alone
 * ("전북 현대는 …", "SKT가 …"), not by a longer word ("이번", "가장"). */
static int subject_marked(const struct scratch *s, const struct hit *h)
{
    if (h->oe >= s->len)
        return 0;
    size_t n, m;
    unsigned cp = utf8_decode(s->text, s->len, h->oe, &n);
    if (!particle_may_start(cp, PARTICLE_SUBJECT | PARTICLE_TOPIC | PARTICLE_ADDITIVE))
        return 0;
    return h->oe + n >= s->len || !text_is_hangul_syllable(utf8_decode(s->text, s->len, h->oe + n, &m));
}

/* How far a parenthesised figure after a name may reach ("남동발전(1조 5,230억 원)보다"):
 * bounded, so a stray '(' costs a constant, not the rest of the sentence. */
#define PAREN_WINDOW 96

/* The postpositions that set a party apart: what stands before them in their phrase is that
 * party's, not the subject's. Written right after the name, or after its figure in
 * parentheses ("남동발전(1조 5,230억 원)보다"); a space may come before. */
static size_t contrast_marker_at(const char *text, size_t len, size_t k)
{
    static const char *const markers[] = {
        "와는 달리", "과는 달리", "와 달리", "과 달리", "와 비교하면", "과 비교하면",
        "와 비교해", "과 비교해", "에 비하면", "에 비해", "보다", "처럼", "대비",
        /* the object of a verb of overtaking: "SK하이닉스(35.2%)를 앞섰다" */
        "를 앞서", "을 앞서", "를 앞섰", "을 앞섰", "를 제치", "을 제치", "를 제쳤", "을 제쳤",
        "를 넘어", "을 넘어", "를 추월", "을 추월", "를 따돌", "을 따돌",
    };
    if (k < len && text[k] == ' ')
        k++;
    for (size_t i = 0; i < sizeof markers / sizeof markers[0]; i++) {
        size_t n = strlen(markers[i]);
        if (k + n <= len && !memcmp(text + k, markers[i], n))
            return k + n;
    }
    return 0;
}

/* The subject's own words end at a topic or subject particle: in "알파전자의 매출은 베타화학
 * (…)보다" the contrasted stretch starts after "매출은 ". Returns the position after the last
 * word in text[from, to) that ends in 은/는/이/가 and a space, or from. */
static size_t after_last_topic(const char *text, size_t from, size_t to)
{
    size_t start = from;
    for (size_t i = from; i + 4 <= to; i++) {
        size_t n;
        if (text[i + 3] == ' ' && (unsigned char)text[i] >= 0xE0 &&
            particle_may_start(utf8_decode(text, to, i, &n), PARTICLE_SUBJECT | PARTICLE_TOPIC) &&
            n == 3)
            start = i + 4;
    }
    return start;
}

/* Whether the word right before byte pos modifies what follows: a relative form ending in ㄴ
 * or ㄹ (앞세운, 개발한, 만들), 던, or the genitive 의. */
static int modified(const char *text, size_t pos)
{
    size_t i = pos, n;
    while (i > 0 && text[i - 1] == ' ')
        i--;
    if (i == pos || i == 0)
        return 0;
    unsigned cp = utf8_before(text, i, &n);
    if (!text_is_hangul_syllable(cp))
        return 0;
    unsigned final = (cp - 0xAC00) % 28;
    return final == 4 || final == 8 || cp == 0xB358 /* 던 */ || cp == 0xC758 /* 의 */;
}

/* Finds the contrast spans of the sentence: for a name followed by a contrast marker, the
 * stretch from the start of its phrase (or the end of the name before it) to the end of the
 * marker ("LFP 배터리를 앞세운 A사와 달리" is A사's). */
static void find_contrasts(struct scratch *s)
{
    s->n_contrasts = 0;
    if (s->contrast_cap < s->n_hits + 1) {
        s->contrast_cap = s->n_hits + 1;
        s->contrasts = xrealloc(s->contrasts, s->contrast_cap * sizeof *s->contrasts);
        s->contrasted = xrealloc(s->contrasted, s->contrast_cap);
    }
    memset(s->contrasted, 0, s->n_hits);
    for (size_t j = 0; j < s->n_names; j++) {
        const struct hit *h = &s->hits[s->names[j]];
        size_t k = h->oe, end = s->clause_start[h->clause + 1];
        if (k < end && s->text[k] == '(') {
            size_t look = end - k < PAREN_WINDOW ? end - k : PAREN_WINDOW;
            const char *close = memchr(s->text + k, ')', look);
            k = close ? (size_t)(close - s->text) + 1 : k;
        }
        size_t marker_end = contrast_marker_at(s->text, end, k);
        if (!marker_end)
            continue;
        size_t start = h->os;
        if (modified(s->text, h->os)) {   /* "LFP 배터리를 앞세운 A사와 달리" */
            start = s->phrase_start[h->phrase];
            const struct hit *prev = j > 0 ? &s->hits[s->names[j - 1]] : NULL;
            if (prev && prev->oe > start && prev->oe <= h->os)
                start = prev->oe;
            start = after_last_topic(s->text, start, h->os);
        }
        if (s->n_contrasts && start < s->contrasts[s->n_contrasts - 1].end)
            start = s->contrasts[s->n_contrasts - 1].end;   /* spans never overlap */
        s->contrasts[s->n_contrasts++] = (struct contrast){ start, marker_end, s->names[j] };
        s->contrasted[s->names[j]] = 1;
    }
}

/* Who name hit h makes the value's owner for column c: its entity, or SIZE_MAX with *stop
 * set when it is another party (the value is theirs), or SIZE_MAX when the column does not
 * apply to it or it is a topic entity (keep looking). */
static size_t name_owner(const struct template *tpl, const struct template_column *c,
                         const struct hit *h, int *stop)
{
    if (h->kind == LEX_PARTY) {
        *stop = 1;
        return SIZE_MAX;
    }
    if (template_column_applies(tpl, c, h->a) && !tpl->entities[h->a].topic) {
        *stop = 1;
        return h->a;
    }
    return SIZE_MAX;
}

/* The owner by the nearest name before pos in [from, pos) that can own the value (another
 * party, or an entity the column applies to), preferring one marked as the subject;
 * contrasted names are skipped. *stop is set when one was found. first is the first name at
 * or after pos. */
static size_t owner_before(const struct template *tpl, const struct template_column *c,
                           const struct scratch *s, size_t first, size_t from, int *stop)
{
    const struct hit *nearest = NULL;
    for (size_t j = first; j-- > 0;) {
        const struct hit *h = &s->hits[s->names[j]];
        if (h->os < from)
            break;
        int ignored = 0;
        if (s->contrasted[s->names[j]] || (name_owner(tpl, c, h, &ignored), !ignored))
            continue;
        if (!nearest)
            nearest = h;
        if (subject_marked(s, h)) {
            nearest = h;
            break;
        }
    }
    return nearest ? name_owner(tpl, c, nearest, stop) : SIZE_MAX;
}

/* Whether the value at pos stands in parentheses right after name h, or after h and one
 * title word ("SK온(4.4%)", "이영희 후보(45.1%)"): then it is that name's. */
static int parenthesised_after(const struct scratch *s, const struct hit *h, size_t pos)
{
    size_t open = pos;
    while (open > h->oe && s->text[open - 1] == ' ')
        open--;
    if (open <= h->oe || s->text[open - 1] != '(')
        return 0;
    open--;
    size_t k = h->oe;
    if (k < open && s->text[k] == ' ')
        k++;
    for (; k < open; k++)   /* at most one word between */
        if (s->text[k] == ' ' || (unsigned char)s->text[k] < 0x80)
            return 0;
    return open - h->oe <= 1 + 3 * 4;   /* a title of up to four syllables */
}

/* The index in s->names of the first name starting at or after pos. */
static size_t first_name_from(const struct scratch *s, size_t pos)
{
    size_t lo = 0, hi = s->n_names;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (s->hits[s->names[mid]].os < pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The contrast span pos stands in (index into s->contrasts), or SIZE_MAX. The spans are in
 * text order and do not overlap: the last starting at or before pos. */
static size_t contrast_at(const struct scratch *s, size_t pos)
{
    size_t lo = 0, hi = s->n_contrasts;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (s->contrasts[mid].start <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo > 0 && pos < s->contrasts[lo - 1].end ? lo - 1 : SIZE_MAX;
}

/* ---- Respectively ----
 * "국민의힘과 조국혁신당의 지지율은 각각 35%, 8%였다": the names joined before 각각 and the
 * column's figures after it pair up in order. */

#define EACH_MAX_NAMES 8

static int figure_fits(const struct extractor *ex, const struct scratch *s, size_t c, size_t fi);
static size_t first_hit_from(const struct scratch *s, size_t off);

/* Records where 각각 stands as a word of its own (after a space or the start; before a space,
 * a comma or the end). */
static void find_each(struct scratch *s)
{
    static const char word[] = "\xEA\xB0\x81\xEA\xB0\x81"; /* 각각 */
    s->n_each = 0;
    for (const char *p = s->text; (p = memchr(p, 0xEA, s->len - (size_t)(p - s->text)));
         p++) {
        size_t k = (size_t)(p - s->text), e = k + 6;
        if (e > s->len || memcmp(p, word, 6) != 0 || (k > 0 && s->text[k - 1] != ' ') ||
            (e < s->len && s->text[e] != ' ' && s->text[e] != ','))
            continue;
        xgrow(&s->each, &s->each_cap, s->n_each + 1, sizeof *s->each);
        s->each[s->n_each++] = k;
    }
}

/* Whether text[from, to) joins two names of a list: 과/와, a comma, a middle dot or 및, with
 * spaces around. */
static int joins_names(const char *text, size_t from, size_t to)
{
    static const char *const joints[] = { "\xEA\xB3\xBC", "\xEC\x99\x80", ",",
                                          "\xC2\xB7", "\xEB\xB0\x8F" }; /* 과 와 , · 및 */
    while (from < to && text[from] == ' ')
        from++;
    while (to > from && text[to - 1] == ' ')
        to--;
    for (size_t j = 0; j < sizeof joints / sizeof *joints; j++)
        if (to - from == strlen(joints[j]) && !memcmp(text + from, joints[j], to - from))
            return 1;
    return 0;
}

/* The names joined into a list that ends last before offset k in the sentence (names' hit
 * indices in text order into out, at most EACH_MAX_NAMES); 0 when the list is longer. A 각각
 * of a later clause refers back to it ("A와 B는 각각 41%, 35%였고, 각각 2%p, 1%p 올랐다"). */
static size_t joined_names_before(const struct scratch *s, size_t k, size_t out[EACH_MAX_NAMES])
{
    size_t j = first_name_from(s, k), n = 0, rev[EACH_MAX_NAMES];
    while (j-- > 0) {
        const struct hit *h = &s->hits[s->names[j]];
        if (h->oe > k)
            continue;
        if (n && !joins_names(s->text, h->oe, s->hits[rev[n - 1]].os))
            break;
        if (n == EACH_MAX_NAMES)
            return 0;
        rev[n++] = s->names[j];
    }
    for (size_t i = 0; i < n; i++)
        out[i] = rev[n - 1 - i];
    return n;
}

/* The span of the figures a 각각 (index i) lists: from it to the next 각각 or its clause's end. */
static size_t each_span_end(const struct scratch *s, size_t i)
{
    size_t end = s->clause_start[clause_of(s, s->each[i]) + 1];
    return i + 1 < s->n_each && s->each[i + 1] < end ? s->each[i + 1] : end;
}

/* Which 각각 span each figure the current column accepts by unit stands in (s->each_of).
 * The figures (s->ok_figs) and the spans are both in text order: one merge. */
static void locate_each(struct scratch *s)
{
    size_t e = 0;
    for (size_t k = 0; k < s->n_ok; k++) {
        size_t fi = s->ok_figs[k], off = s->figs[fi].q->offset;
        s->each_of[fi] = SIZE_MAX;
        while (e + 1 < s->n_each && s->each[e + 1] < off)
            e++;
        if (s->n_each && s->each[e] < off && off < each_span_end(s, e))
            s->each_of[fi] = e;
    }
}

/* A cue binds one figure, but the figures listed after 각각 share it: "각각 35%, 8%의
 * 지지율" — each figure of a 각각 span that no cue or negative cue reached takes the flag of the
 * nearest flagged one after it in the span (the predicate comes last), else before it. A
 * span's figures are consecutive in s->ok_figs: two passes in all. */
static void spread_over_each(struct scratch *s)
{
    for (int pass = 0; pass < 2; pass++) {
        int flag = 0;   /* 1 cued, 2 negated */
        size_t span = SIZE_MAX;
        for (size_t n = 0; n < s->n_ok; n++) {
            size_t fi = s->ok_figs[pass == 0 ? s->n_ok - 1 - n : n];
            if (s->each_of[fi] != span) {
                span = s->each_of[fi];
                flag = 0;
            }
            if (span == SIZE_MAX)
                continue;
            if (s->cued[fi] || s->negated[fi])
                flag = s->negated[fi] ? 2 : 1;
            else if (flag)
                (flag == 2 ? s->negated : s->cued)[fi] = 1;
        }
    }
}

/* The cue words of any quantity column joined into a list that ends last before offset k
 * ("매출과 영업이익은 각각"): their hit indices in text order into out (at most
 * EACH_MAX_NAMES); 0 when there is no such list of two or more, or it is longer. */
static size_t joined_cues_before(const struct extractor *ex, const struct scratch *s, size_t k,
                                 size_t out[EACH_MAX_NAMES])
{
    size_t n = 0, rev[EACH_MAX_NAMES];
    for (size_t i = first_hit_from(s, k); i-- > 0;) {
        const struct hit *h = &s->hits[i];
        if (h->kind != LEX_WORD || !set_has(&ex->all_cues, h->a))
            continue;
        if (h->oe > k)
            continue;
        if (n && !joins_names(s->text, h->oe, s->hits[rev[n - 1]].os))
            break;
        if (!n && s->clause_seg[h->clause] != s->clause_seg[clause_of(s, k)])
            break;
        if (n == EACH_MAX_NAMES)
            return 0;
        rev[n++] = i;
    }
    for (size_t i = 0; i < n; i++)
        out[i] = rev[n - 1 - i];
    return n >= 2 ? n : 0;
}

/* "매출과 영업이익은 각각 4조 원, 5000억 원": when cues of two or more columns are joined before a
 * 각각, the figures after it pair with them in order. Column c (rules r) keeps only the figure of
 * its cue's rank, cued or negated as that cue is, when the counts agree — and none in the span
 * otherwise. */
static void pair_cues_over_each(const struct extractor *ex, struct scratch *s,
                                const struct column_rules *r)
{
    for (size_t e = 0; e < s->n_each; e++) {
        size_t cues[EACH_MAX_NAMES];
        size_t n = joined_cues_before(ex, s, s->each[e], cues);
        if (!n)
            continue;
        size_t rank = SIZE_MAX;
        int negative = 0;
        for (size_t i = 0; i < n && rank == SIZE_MAX; i++) {
            size_t w = s->hits[cues[i]].a;
            if (set_has(&r->cues, w) || set_has(&r->negative, w)) {
                rank = i;
                negative = set_has(&r->negative, w);
            }
        }
        size_t count = 0;
        for (size_t k = 0; k < s->n_ok; k++)
            count += s->each_of[s->ok_figs[k]] == e;
        for (size_t k = 0, at = 0; k < s->n_ok; k++) {
            size_t fi = s->ok_figs[k];
            if (s->each_of[fi] != e)
                continue;
            int mine = rank != SIZE_MAX && count == n && at++ == rank;
            s->cued[fi] = (unsigned char)(mine && !negative);
            s->negated[fi] = (unsigned char)(mine && negative);
        }
    }
}

/* Numbers the figures of column c that pass its rules within each 각각 span (s->each_rank)
 * and gives every one its span's count (s->each_total). */
static void rank_each(const struct extractor *ex, struct scratch *s, size_t c)
{
    size_t first = 0, count = 0, span = SIZE_MAX;
    for (size_t k = 0; k <= s->n_ok; k++) {
        size_t fi = k < s->n_ok ? s->ok_figs[k] : SIZE_MAX;
        size_t at = fi != SIZE_MAX ? s->each_of[fi] : SIZE_MAX;
        if (at != span || k == s->n_ok) {
            for (size_t j = first; j < k; j++)
                s->each_total[s->ok_figs[j]] = count;
            first = k;
            count = 0;
            span = at;
        }
        if (fi == SIZE_MAX)
            continue;
        s->each_rank[fi] = SIZE_MAX;   /* a contrasted party's figure is not listed */
        if (at != SIZE_MAX && figure_fits(ex, s, c, fi) &&
            contrast_at(s, s->figs[fi].q->offset) == SIZE_MAX)
            s->each_rank[fi] = count++;
    }
}

/* For figure fi of column col in a 각각 span: the i-th figure the column takes after that 각각
 * belongs to the i-th name joined before it. Sets *decided and returns the owner (SIZE_MAX:
 * another party's, or the counts differ, so the pairing is unknown); leaves *decided 0 when no
 * 각각 applies (one figure for a list means each has it: the usual rules decide). */
static size_t each_owner(const struct extractor *ex, const struct scratch *s, size_t col,
                         size_t fi, int *decided)
{
    size_t e = s->each_of[fi];
    if (e == SIZE_MAX || s->each_rank[fi] == SIZE_MAX || s->each_total[fi] < 2)
        return SIZE_MAX;
    size_t group[EACH_MAX_NAMES];
    size_t n_names = joined_names_before(s, s->each[e], group);
    if (n_names < 2)
        return SIZE_MAX;
    *decided = 1;
    if (s->each_total[fi] != n_names)
        return SIZE_MAX;
    int stop = 0;
    return name_owner(ex->tpl, &ex->tpl->columns[col], &s->hits[group[s->each_rank[fi]]], &stop);
}

/* The entity a value at offset pos in clause is about, for column col, or SIZE_MAX:
 * - inside a contrast span, the contrasted name's (another party's: nobody here);
 * - after 각각, by its rank: the name of the same rank among those joined before 각각;
 * - else the nearest name before it in its phrase, then in its clause — a name marked as the
 *   subject (은/는/이/가/도) before nearer unmarked ones ("전북 현대는 포항 원정에서 … 68점");
 *   else the first after it in the clause; else the same in its segment, then sentence;
 *   contrasted names never count outside their span; a name of another party stops the
 *   search (the value is theirs);
 * - else, unless the clause names an entity or party the column does not apply to, the
 *   entity carried over from earlier sentences, else the topic entity.
 * fi is the value's figure (index into s->figs), SIZE_MAX for a keyword or a date. */
static size_t attribute(const struct extractor *ex, const struct scratch *s, size_t col,
                        size_t clause, size_t pos, size_t fi, size_t carry)
{
    const struct template *tpl = ex->tpl;
    const struct template_column *c = &tpl->columns[col];
    int stop = 0;
    size_t contrast = contrast_at(s, pos);
    if (contrast != SIZE_MAX)
        return name_owner(tpl, c, &s->hits[s->contrasts[contrast].hit], &stop);
    int decided = 0;
    size_t each = fi != SIZE_MAX ? each_owner(ex, s, col, fi, &decided) : SIZE_MAX;
    if (decided)
        return each;
    size_t seg = s->clause_seg[clause];
    size_t ranges[4][2] = {
        { s->phrase_start[phrase_of(s, pos)], s->clause_start[clause + 1] },
        { s->clause_start[clause], s->clause_start[clause + 1] },
        { s->clause_start[s->seg_first[seg]], s->clause_start[s->seg_last[seg] + 1] },
        { 0, s->clause_start[s->n_clauses] },
    };
    size_t lo = first_name_from(s, pos);
    if (lo > 0 && parenthesised_after(s, &s->hits[s->names[lo - 1]], pos))
        return name_owner(tpl, c, &s->hits[s->names[lo - 1]], &stop);
    int named_other = 0;   /* the clause names someone the column does not apply to */
    for (size_t r = 0; r < 4; r++) {
        size_t e = owner_before(tpl, c, s, lo, ranges[r][0], &stop);
        if (stop)
            return e;
        for (size_t j = lo; j < s->n_names && r > 0; j++) {
            const struct hit *h = &s->hits[s->names[j]];
            if (h->os >= ranges[r][1])
                break;
            if (s->contrasted[s->names[j]])
                continue;
            e = name_owner(tpl, c, h, &stop);
            if (stop)
                return e;
        }
        if (r == 1) {
            size_t j = first_name_from(s, ranges[1][0]);
            for (; j < s->n_names && s->hits[s->names[j]].os < ranges[1][1] && !named_other; j++) {
                const struct hit *h = &s->hits[s->names[j]];
                named_other = h->kind == LEX_PARTY || !tpl->entities[h->a].topic;
            }
        }
    }
    if (named_other)
        return SIZE_MAX;
    if (carry != SIZE_MAX && template_column_applies(tpl, c, carry))
        return carry;
    for (size_t e = 0; e < tpl->n_entities; e++)
        if (tpl->entities[e].topic && template_column_applies(tpl, c, e))
            return e;
    return SIZE_MAX;
}

/* ---- Facts ---- */

struct context {
    const struct extractor *ex;
    const struct article *a;
    const struct sentence *sent;
    size_t sentence_no;
    struct fact_list *out;
    size_t first_new;       /* facts from this sentence start here */
    const char *text;       /* the sentence, len bytes */
    size_t len;
};

static void push_fact(struct context *cx, size_t entity, size_t col, size_t model,
                      const char *value, int is_number, const struct decimal *number,
                      const char *unit, enum quantity_qualifier qual, size_t os, size_t oe)
{
    struct fact_list *l = cx->out;
    /* the same value for the same cell twice in one sentence is one fact */
    for (size_t i = cx->first_new; i < l->count; i++)
        if (l->items[i].entity == entity && l->items[i].column == col &&
            !strcmp(l->items[i].value, value))
            return;
    xgrow(&l->items, &l->cap, l->count + 1, sizeof *l->items);
    struct fact *f = &l->items[l->count++];
    memset(f, 0, sizeof *f);
    f->entity = entity;
    f->column = col;
    f->model = model;
    f->value = fact_list_intern(l, value, strlen(value));
    f->is_number = is_number;
    if (number)
        f->number = *number;
    f->unit = unit;
    f->qualifier = qual;
    f->raw_text = fact_list_intern(l, cx->sent->text + os, oe - os);
    const char *id = cx->a->id ? cx->a->id : "", *pub = cx->a->publisher ? cx->a->publisher : "";
    const char *date = cx->a->published_at ? cx->a->published_at : "";
    f->article_id = fact_list_intern(l, id, strlen(id));
    f->publisher = fact_list_intern(l, pub, strlen(pub));
    f->published_at = fact_list_intern(l, date, strlen(date));
    f->sentence_no = cx->sentence_no;
    f->sentence = fact_list_intern(l, cx->sent->text, cx->sent->length ? cx->sent->length
                                                                     : strlen(cx->sent->text));
    f->offset = cx->sent->offset + os;
    f->from_heading = cx->sent->heading;
}

/* Characters that may sit between a model name and the size that belongs to it:
 * "큐웬 3 235B", "큐웬3-VL-32B", "인턴VL3_5-38B", "GPT-OSS 120B", "K-엑사원 236". */
static int only_name_chars(const char *s, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!(is_ascii_alnum(c) || c == ' ' || c == '-' || c == '_' || c == '.'))
            return 0;
    }
    return 1;
}

static int figure_is_name(const struct scratch *s, const char *text, const struct quantity *q)
{
    if (q->role == QROLE_NAME)
        return 1;
    size_t qs = q->offset, qe = q->offset + q->length;
    /* only names starting shortly before the figure can touch it */
    size_t from = qs > 512 ? qs - 512 : 0, lo = 0, hi = s->n_hits;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (s->hits[mid].os < from)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < s->n_hits && s->hits[i].os < qe; i++) {
        const struct hit *h = &s->hits[i];
        if (h->kind == LEX_WORD)
            continue;
        if (h->os < qe && qs < h->oe)
            return 1;   /* inside a name: "솔라-오픈-100B", "하이퍼클로바X 시드 8B 옴니" */
        if ((h->kind == LEX_OTHER_MODEL || h->kind == LEX_MODEL) && h->oe <= qs &&
            qs - h->oe <= 8 && only_name_chars(text, h->oe, qs))
            return 1;
    }
    return 0;
}

static int unit_ok(const struct template_column *c, const struct quantity *q)
{
    for (size_t i = 0; i < c->units.count; i++)
        if (!strcmp(c->units.items[i], q->unit))
            return 1;
    return 0;
}

/* Genitive 의 right after a figure ("5190억개의 매개변수"): the figure modifies the noun
 * that follows, so a rule word there is bound backwards. */
static int genitive_after(const char *text, size_t len, const struct quantity *q)
{
    size_t e = q->offset + q->length;
    return e + 3 <= len && !memcmp(text + e, "\xEC\x9D\x98", 3);
}

/* Whether figure q stands in parentheses glued to a word that follows rule word h ("0.21% 올라
 * 지난주(0.15%)보다"): the parentheses gloss that word, which stands between h and q as one
 * more word gap would. */
static int glossed_by_word_after(const char *text, const struct hit *h, const struct quantity *q)
{
    size_t open = q->offset;
    while (open > h->oe && text[open - 1] == ' ')
        open--;
    return open > h->oe + 1 && text[open - 1] == '(' && text[open - 2] != ' ';
}

/* The figure (index into s->figs) a rule word governs under the nearest rule: among the
 * accepted figures of its own phrase, the one closer in word gaps on either side ("참석자
 * 300명", "300명이 참석했다"); on a tie the one after, unless the one before is joined to the
 * word by 의. When the word's phrase holds no figure at all, the nearest accepted figure of
 * its clause on either side, provided that figure's phrase has no word of the same set (a
 * sibling's figure has its own cue). lo is the first accepted figure starting at or after the
 * word. SIZE_MAX when the word governs none. */
static size_t nearest_figure(const char *text, size_t len, const struct scratch *s,
                             const struct hit *h, size_t lo)
{
    size_t before = lo > 0 ? s->ok_figs[lo - 1] : SIZE_MAX;
    size_t after = lo < s->n_ok ? s->ok_figs[lo] : SIZE_MAX;
    if (before != SIZE_MAX && s->figs[before].clause != h->clause)
        before = SIZE_MAX;
    if (after != SIZE_MAX && s->figs[after].clause != h->clause)
        after = SIZE_MAX;
    if (!s->phrase_has_fig[h->phrase]) {
        if (before != SIZE_MAX && s->phrase_has_word[s->figs[before].phrase])
            before = SIZE_MAX;
        if (after != SIZE_MAX && s->phrase_has_word[s->figs[after].phrase])
            after = SIZE_MAX;
    } else {
        if (before != SIZE_MAX && s->figs[before].phrase != h->phrase)
            before = SIZE_MAX;
        if (after != SIZE_MAX && s->figs[after].phrase != h->phrase)
            after = SIZE_MAX;
    }
    if (before == SIZE_MAX || after == SIZE_MAX)
        return before != SIZE_MAX ? before : after;
    const struct quantity *qb = s->figs[before].q, *qa = s->figs[after].q;
    size_t end_b = qb->offset + qb->length;
    size_t gap_b = h->os > end_b ? s->gaps[h->os] - s->gaps[end_b] : 0;
    size_t gap_a = qa->offset > h->oe ? s->gaps[qa->offset] - s->gaps[h->oe] : 0;
    if (glossed_by_word_after(text, h, qa))
        gap_a++;
    if (gap_b != gap_a)
        return gap_b < gap_a ? before : after;
    return genitive_after(text, len, qb) ? before : after;
}

/* The index of the first hit starting at or after off. */
static size_t first_hit_from(const struct scratch *s, size_t off)
{
    size_t lo = 0, hi = s->n_hits;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (s->hits[mid].os < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Whether another column's cue stands between the word and the figure it would bind: the
 * nearer cue owns the figure ("임직원은 정규직 1,200명": 1,200명 is 정규직's, not 직원's). */
static int cue_between(const struct scratch *s, const struct hit *h, const struct quantity *q)
{
    size_t from, to;
    if (q->offset >= h->oe) {
        from = h->oe;
        to = q->offset;
    } else {
        from = q->offset + q->length;
        to = h->os;
    }
    if (to <= from)
        return 0;
    return s->foreign[first_hit_from(s, to)] > s->foreign[first_hit_from(s, from)];
}

/* Whether phrase p can share a cue with its list: it names an entity (or party), holds no word
 * of the cue's own list and no rival cue. */
static int list_item(const struct scratch *s, size_t p)
{
    size_t from = first_hit_from(s, s->phrase_start[p]);
    size_t to = first_hit_from(s, s->phrase_start[p + 1]);
    return s->phrase_has_name[p] && !s->phrase_has_word[p] && s->foreign[to] <= s->foreign[from];
}

/* A cue shared by a list whose items each name an entity governs every item: before the list
 * ("증원 인원은 국방부 1,200명, 보건복지부 340명, 국토교통부 85명") or after it ("이영희 후보는
 * 45.1%, 박철수 후보는 2.6%를 얻었다"). After binding figure pick (ok_figs[k]) in a phrase that
 * names someone, the neighbouring phrases of its clause on the side away from the cue h that are
 * list items (list_item) get their accepted figure bound too, one phrase after another. */
static void distribute(const struct scratch *s, const struct hit *h, size_t pick, size_t k,
                       unsigned char *flag)
{
    const struct figure *f = &s->figs[pick];
    if (!s->phrase_has_name[f->phrase])
        return;
    int forward = h->os < f->q->offset;
    size_t phrase = f->phrase;
    for (size_t j = k; forward ? j + 1 < s->n_ok : j > 0;) {
        j = forward ? j + 1 : j - 1;
        const struct figure *g = &s->figs[s->ok_figs[j]];
        size_t want = forward ? phrase + 1 : phrase - 1;
        if (g->clause != f->clause || g->phrase != want || flag[s->ok_figs[j]] ||
            !list_item(s, g->phrase))
            return;
        phrase = g->phrase;
        flag[s->ok_figs[j]] = 1;
    }
}

/* "39%에서 41%로": a change from one figure to the next. When ok_figs[k] is directly followed by
 * 에서 and the next accepted figure of its clause, one word on at most, by 로 or 으로, returns
 * the next one's index (the figure the sentence states now); else SIZE_MAX. */
static size_t from_to_target(const struct scratch *s, size_t k)
{
    const struct quantity *q = s->figs[s->ok_figs[k]].q;
    size_t e = q->offset + q->length;
    if (e + 7 > s->len || memcmp(s->text + e, "\xEC\x97\x90\xEC\x84\x9C ", 7) || /* 에서 */
        k + 1 >= s->n_ok || s->figs[s->ok_figs[k + 1]].clause != s->figs[s->ok_figs[k]].clause)
        return SIZE_MAX;
    const struct quantity *t = s->figs[s->ok_figs[k + 1]].q;
    if (s->gaps[t->offset] - s->gaps[e] > 2)
        return SIZE_MAX;
    size_t te = t->offset + t->length;
    int to = (te + 3 <= s->len && !memcmp(s->text + te, "\xEB\xA1\x9C", 3)) ||        /* 로 */
             (te + 6 <= s->len && !memcmp(s->text + te, "\xEC\x9C\xBC\xEB\xA1\x9C", 6)); /* 으로 */
    return to ? k + 1 : SIZE_MAX;
}

/* Whether cue h names the category its sentence ranks: the word, 부문 and 에서(는), 에선 or 은
 * ("홈런 부문에서는 김도영이 38개로 선두를 지켰고 구자욱(34개)과 오스틴(32개)이 뒤를 쫓는다"). */
static int category_cue(const char *text, size_t len, const struct hit *h)
{
    static const char *const tails[] = { "\xEC\x97\x90\xEC\x84\x9C\xEB\x8A\x94",
                                         "\xEC\x97\x90\xEC\x84\xA0",
                                         "\xEC\x97\x90\xEC\x84\x9C",
                                         "\xEC\x9D\x80" }; /* 에서는 에선 에서 은 */
    size_t k = h->oe + (h->oe < len && text[h->oe] == ' ');
    if (k + 6 > len || memcmp(text + k, "\xEB\xB6\x80\xEB\xAC\xB8", 6)) /* 부문 */
        return 0;
    k += 6;
    for (size_t t = 0; t < sizeof tails / sizeof *tails; t++) {
        size_t n = strlen(tails[t]);
        if (k + n <= len && !memcmp(text + k, tails[t], n) &&
            (k + n == len || text[k + n] == ' ' || text[k + n] == ','))
            return 1;
    }
    return 0;
}

/* A category cue governs every accepted figure after it in its segment, up to another
 * column's cue: the ranking's figures are all that category's. */
static void over_category(const struct scratch *s, const struct hit *h, size_t k,
                          unsigned char *flag)
{
    size_t seg = s->clause_seg[h->clause];
    for (size_t j = k; j < s->n_ok; j++) {
        const struct figure *g = &s->figs[s->ok_figs[j]];
        if (s->clause_seg[g->clause] != seg || cue_between(s, h, g->q))
            return;
        if (g->q->offset > h->oe)
            flag[s->ok_figs[j]] = 1;
    }
}

/* After a comparison, the figure the sentence states: the accepted figure ok_figs[k] of the
 * clause, or — when a word modifying the next one follows it ("4000억 원 늘어난 58조 5000억
 * 원") — that next one: the first is the difference. Returns its index in ok_figs, or n_ok. */
static size_t stated_figure(const struct scratch *s, size_t k, size_t clause)
{
    if (k >= s->n_ok || s->figs[s->ok_figs[k]].clause != clause)
        return s->n_ok;
    while (k + 1 < s->n_ok && s->figs[s->ok_figs[k + 1]].clause == clause &&
           s->figs[s->ok_figs[k + 1]].phrase == s->figs[s->ok_figs[k]].phrase &&
           modified(s->text, s->figs[s->ok_figs[k + 1]].q->offset))
        k++;
    return k;
}

/* "A의 매출은 B(1조 5,230억 원)보다 많은 3조 2,410억 원": the cue governs the contrasted
 * party's figure and, past the contrast, the subject's own. When pick (ok_figs[k]) lies in a
 * contrast span that does not hold the word h, the first accepted figure of the clause after
 * that span is bound too (unless another column's cue stands between). */
static void across_contrast(const struct scratch *s, const struct hit *h, size_t pick, size_t k,
                            unsigned char *flag)
{
    size_t pos = s->figs[pick].q->offset;
    for (size_t c = 0; c < s->n_contrasts; c++) {
        const struct contrast *sp = &s->contrasts[c];
        if (pos < sp->start || pos >= sp->end || (h->os >= sp->start && h->os < sp->end))
            continue;
        size_t j = k + 1;
        while (j < s->n_ok && s->figs[s->ok_figs[j]].q->offset < sp->end)
            j++;
        j = stated_figure(s, j, s->figs[pick].clause);
        if (j < s->n_ok && !cue_between(s, h, s->figs[s->ok_figs[j]].q))
            flag[s->ok_figs[j]] = 1;
        return;
    }
}

/* "A의 점유율은 38.5%로 B(35.2%)보다 높다": a cue bound outside any contrast span also governs
 * the parenthesised figure of the next contrasted name in its clause (the same measure,
 * compared), unless another column's cue stands between. */
static void into_contrast(const struct scratch *s, const struct hit *h, size_t pick, size_t k,
                          unsigned char *flag)
{
    const struct figure *f = &s->figs[pick];
    size_t end = f->q->offset + f->q->length;
    if (contrast_at(s, f->q->offset) != SIZE_MAX)
        return;
    for (size_t c = 0; c < s->n_contrasts; c++) {
        const struct contrast *sp = &s->contrasts[c];
        if (sp->start < end)
            continue;
        if (clause_of(s, sp->start) != f->clause || (h->os >= sp->start && h->os < sp->end))
            return;
        for (size_t j = k + 1; j < s->n_ok; j++) {
            const struct quantity *q = s->figs[s->ok_figs[j]].q;
            if (q->offset >= sp->end)
                return;
            if (parenthesised_after(s, &s->hits[sp->hit], q->offset) && !cue_between(s, h, q))
                flag[s->ok_figs[j]] = 1;
        }
        return;
    }
}

/* A baseline: a history word followed, within its words, by a comparison marker ("지난해보다",
 * "전 분기보다", "전년 동기(1조4520억원)보다"). It governs only a figure in parentheses before
 * the marker — the current figure stands. Returns 1 when h is a baseline, with *inside_from
 * and *inside_to the parentheses' span (equal when there are none). */
static int baseline_word(const char *text, size_t len, const struct hit *h, size_t *inside_from,
                         size_t *inside_to)
{
    size_t k = h->oe, limit = h->oe + 24 < len ? h->oe + 24 : len;
    *inside_from = *inside_to = 0;
    while (k < limit && text[k] != '(' && contrast_marker_at(text, len, k) == 0) {
        if (text[k] == ',' || text[k] == '.')
            return 0;
        k++;
    }
    if (k < len && text[k] == '(') {
        size_t look = len - k < PAREN_WINDOW ? len - k : PAREN_WINDOW;
        const char *close = memchr(text + k, ')', look);
        if (!close)
            return 0;
        *inside_from = k;
        *inside_to = (size_t)(close - text);
        k = *inside_to + 1;
    }
    return k < len && contrast_marker_at(text, len, k) != 0;
}

/* A comparison baseline nobody named owns: a figure alone in parentheses right before a
 * comparison marker ("정부안(58조 1000억 원)보다", "올해(61조 2000억 원)보다"). A cue passes
 * over it to the figure the sentence states. (After a tracked name or another party the
 * parenthesis is a contrast span, and that party's.) */
static int unowned_baseline(const struct scratch *s, const struct quantity *q)
{
    size_t e = q->offset + q->length;
    if (q->offset == 0 || s->text[q->offset - 1] != '(')
        return 0;
    while (e < s->len && s->text[e] == ' ')
        e++;
    if (e >= s->len || s->text[e] != ')' || !contrast_marker_at(s->text, s->len, e + 1))
        return 0;
    for (size_t c = 0; c < s->n_contrasts; c++)
        if (s->contrasts[c].start <= q->offset && q->offset < s->contrasts[c].end)
            return 0;
    return 1;
}

/* Does a partitive word ("가운데", "중", "중에서") start at k, after a space? Returns its end. */
static size_t partitive_word_at(const char *text, size_t len, size_t k)
{
    static const struct { const char *w; size_t n; } words[] = {
        { "\xEA\xB0\x80\xEC\x9A\xB4\xEB\x8D\xB0", 9 }, /* 가운데 */
        { "\xEC\xA4\x91", 3 },                             /* 중 */
    };
    for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
        size_t e = k + words[w].n;
        if (e > len || memcmp(text + k, words[w].w, words[w].n) != 0)
            continue;
        if (e == len || text[e] == ' ' || text[e] == ',')
            return e;
        if (e + 3 <= len && !memcmp(text + e, "\xEC\x97\x90", 3)) /* 에, 에서, 에는 */
            return e + 3;
    }
    return 0;
}

/* The end of the last partitive in text[from, to), or 0: "복지부 예산 가운데 기초연금 예산은
 * 26조 원", "이 가운데 R&D 예산은": what follows names a part of what precedes. Only after a
 * template word or name ("예산 가운데") or a demonstrative ("이 가운데", "그 중"), so "어려운
 * 가운데" or "진행 중" is no partitive. */
static size_t partitive_in(const struct scratch *s, size_t from, size_t to)
{
    size_t found = 0;
    for (size_t k = from + 1; k < to; k++) {
        if (s->text[k - 1] != ' ')
            continue;
        size_t e = partitive_word_at(s->text, to, k);
        if (!e)
            continue;
        size_t w = k - 1;   /* the space before the partitive */
        int demonstrative = w >= 3 && (!memcmp(s->text + w - 3, "\xEC\x9D\xB4", 3) ||  /* 이 */
                                       !memcmp(s->text + w - 3, "\xEA\xB7\xB8", 3)) && /* 그 */
                            (w == 3 || s->text[w - 4] == ' ' || s->text[w - 4] == ',');
        int after_hit = 0;   /* a hit ending at the space: it starts before it */
        for (size_t i = first_hit_from(s, w), back = 0; i-- > 0 && back < 8 && !after_hit; back++)
            after_hit = s->hits[i].oe == w;
        if (demonstrative || after_hit)
            found = e;
    }
    return found;
}

/* Whether cue h names a division's figure: it follows 부문 or 사업부, with a space, 의 or
 * nothing between ("반도체(DS) 부문 영업이익은 7조 원", "DS부문의 매출"): the company's
 * whole is another figure. A template that tracks a division names it in the cue itself
 * ("파운드리 부문 매출"), and such a cue starts before the word. */
static int names_a_division(const struct scratch *s, const struct hit *h)
{
    static const char *const words[] = { "\xEB\xB6\x80\xEB\xAC\xB8",                 /* 부문 */
                                         "\xEC\x82\xAC\xEC\x97\x85\xEB\xB6\x80" }; /* 사업부 */
    size_t k = h->os;
    if (k > 0 && s->text[k - 1] == ' ')
        k--;
    if (k >= 3 && !memcmp(s->text + k - 3, "\xEC\x9D\x98", 3)) /* 의 */
        k -= 3;
    for (size_t w = 0; w < sizeof words / sizeof *words; w++) {
        size_t n = strlen(words[w]);
        if (k >= n && !memcmp(s->text + k - n, words[w], n))
            return 1;
    }
    return 0;
}

/* Whether cue h names a part rather than its clause's whole: it follows a partitive of its
 * clause and has a modifier of its own — one or two words, no figure, after the partitive or
 * starting its list item ("가운데 기초연금 예산은 …, 건강보험 예산은": the budgets of parts of
 * the ministry's) — and no tracked name stands between. A
 * longer stretch is a clause of its own ("이재민 가운데 920명이 귀가해 현재 660명이 대피
 * 중이다": 대피 is the whole's again). */
static int names_a_part(const struct scratch *s, const struct hit *h)
{
    size_t p = partitive_in(s, s->clause_start[h->clause], h->os);
    if (!p)
        return 0;
    size_t k = p > s->phrase_start[h->phrase] ? p : s->phrase_start[h->phrase];
    while (k < h->os && s->text[k] == ' ')
        k++;   /* the modifier: from the partitive, or from the list item's start */
    if (k >= h->os || s->gaps[h->os] - s->gaps[k] > 2)
        return 0;
    for (size_t i = k; i < h->os; i++)
        if (s->text[i] >= '0' && s->text[i] <= '9')
            return 0;
    for (size_t i = first_hit_from(s, p); i < s->n_hits && s->hits[i].os < h->os; i++)
        if (is_subject_kind(s->hits[i].kind))
            return 0;
    return 1;
}

/* What a bound word does: a cue competes with other columns' cues and governs lists and
 * contrasts; a history word may be a baseline; markers and exclusions just bind. */
enum bind_kind { BIND_RULE, BIND_CUE, BIND_HISTORY };

/* Marks in flag[] the figures a word of set is bound to, among the figures the column
 * accepts by unit (s->ok_figs, text order). NEAREST: see nearest_figure. The overrides:
 * AFTER binds a word to the last such figure of its clause starting before it (else the first
 * after it); BEFORE to the first starting after it (else the last before it). One binary
 * search per word. A phrase holding a word of sibling (NULL: none) — the column's cues for its
 * negative cues and the other way round — has a word of its own, as one of set's would: a
 * list item that says 상승 takes no 하락 from its neighbour. */
static void bind_words(const char *text, size_t len, struct scratch *s,
                       const struct word_set *set, const struct word_set *sibling,
                       enum template_side side, enum bind_kind kind, unsigned char *flag)
{
    int is_history = kind == BIND_HISTORY, is_cue = kind == BIND_CUE;
    memset(flag, 0, s->n_figs);
    if (!set->count || !s->n_ok)
        return;
    if (side == TEMPLATE_SIDE_NEAREST) {
        memset(s->phrase_has_word, 0, s->n_phrases);
        for (size_t i = 0; i < s->n_hits; i++)
            if (s->hits[i].kind == LEX_WORD &&
                (set_has(set, s->hits[i].a) || (sibling && set_has(sibling, s->hits[i].a))))
                s->phrase_has_word[s->hits[i].phrase] = 1;
    }
    for (size_t i = 0; i < s->n_hits; i++) {
        const struct hit *h = &s->hits[i];
        if (h->kind != LEX_WORD || !set_has(set, h->a))
            continue;
        size_t m = s->modifier[i];
        if (is_cue && m != SIZE_MAX && s->foreign[m + 1] > s->foreign[m])
            continue;   /* "R&D 예산": 예산 is the head of R&D's compound, not a cue here */
        if (is_cue && (names_a_part(s, h) || names_a_division(s, h)))
            continue;
        size_t from, to;
        if (is_history && baseline_word(text, len, h, &from, &to)) {
            for (size_t k = 0; k < s->n_ok; k++)
                if (s->figs[s->ok_figs[k]].q->offset > from &&
                    s->figs[s->ok_figs[k]].q->offset < to)
                    flag[s->ok_figs[k]] = 1;
            continue;
        }
        size_t key = side == TEMPLATE_SIDE_BEFORE ? h->oe : h->os;
        size_t lo = 0, hi = s->n_ok;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (s->figs[s->ok_figs[mid]].q->offset < key)
                lo = mid + 1;
            else
                hi = mid;
        }
        size_t pick;
        if (side == TEMPLATE_SIDE_NEAREST) {
            pick = nearest_figure(text, len, s, h, lo);
        } else {
            size_t before = lo > 0 && s->figs[s->ok_figs[lo - 1]].clause == h->clause
                                ? s->ok_figs[lo - 1] : SIZE_MAX;
            size_t after = lo < s->n_ok && s->figs[s->ok_figs[lo]].clause == h->clause
                               ? s->ok_figs[lo] : SIZE_MAX;
            pick = side == TEMPLATE_SIDE_AFTER ? (before != SIZE_MAX ? before : after)
                                               : (after != SIZE_MAX ? after : before);
        }
        if (pick == SIZE_MAX || (is_cue && cue_between(s, h, s->figs[pick].q)))
            continue;
        if (is_cue && s->figs[pick].q->offset > h->oe &&
            partitive_in(s, h->oe, s->figs[pick].q->offset))
            continue;   /* "복지부 예산 가운데 기초연금 예산은 26조": the part's figure */
        size_t k = lo > 0 && s->ok_figs[lo - 1] == pick ? lo - 1 : lo;
        if (is_cue && side == TEMPLATE_SIDE_NEAREST && from_to_target(s, k) != SIZE_MAX) {
            k = from_to_target(s, k);   /* "39%에서 41%로": the figure it became */
            pick = s->ok_figs[k];
        }
        if (is_cue && side == TEMPLATE_SIDE_NEAREST && unowned_baseline(s, s->figs[pick].q)) {
            /* "정부안(58조 1000억 원)보다 4000억 원 늘어난 58조 5000억 원": past the baseline */
            k = stated_figure(s, k + 1, h->clause);
            pick = k < s->n_ok ? s->ok_figs[k] : SIZE_MAX;
            if (pick == SIZE_MAX || cue_between(s, h, s->figs[pick].q))
                continue;
        }
        flag[pick] = 1;
        if (is_cue && side == TEMPLATE_SIDE_NEAREST) {
            distribute(s, h, pick, k, flag);
            across_contrast(s, h, pick, k, flag);
            into_contrast(s, h, pick, k, flag);
            if (category_cue(text, len, h))
                over_category(s, h, k, flag);
        }
    }
}

/* Binds the column's rule words to the figures it accepts by unit (s->ok_figs): cues and
 * negative cues (s->cued, s->negated), markers (s->marked) and exclusions (s->excluded). */
static void bind_column(const struct context *cx, struct scratch *s, size_t c)
{
    const struct template_column *col = &cx->ex->tpl->columns[c];
    const struct column_rules *r = &cx->ex->rules[c];
    s->n_ok = 0;
    for (size_t fi = 0; fi < s->n_figs; fi++)
        if (unit_ok(col, s->figs[fi].q))
            s->ok_figs[s->n_ok++] = fi;
    if (s->foreign_cap < s->n_hits + 1) {
        s->foreign_cap = s->n_hits + 1;
        s->foreign = xrealloc(s->foreign, s->foreign_cap * sizeof *s->foreign);
    }
    s->foreign[0] = 0;
    for (size_t i = 0; i < s->n_hits; i++) {
        const struct hit *h = &s->hits[i];
        int other = h->kind == LEX_WORD && set_has(&r->rivals, h->a);
        size_t m = s->modifier[i];
        if (other && m != SIZE_MAX &&
            (set_has(&r->cues, s->hits[m].a) || set_has(&r->negative, s->hits[m].a)))
            other = 0;   /* the head of this column's compound: "R&D 예산" is R&D's */
        s->foreign[i + 1] = s->foreign[i] + (size_t)other;
    }
    bind_words(cx->text, cx->len, s, &r->cues, &r->negative, col->marker_side, BIND_CUE,
               s->cued);
    bind_words(cx->text, cx->len, s, &r->negative, &r->cues, col->marker_side, BIND_CUE,
               s->negated);
    locate_each(s);
    spread_over_each(s);
    pair_cues_over_each(cx->ex, s, r);
    bind_words(cx->text, cx->len, s, &r->markers, NULL, col->marker_side, BIND_RULE, s->marked);
    bind_words(cx->text, cx->len, s, &r->exclude, NULL, col->marker_side, BIND_RULE, s->excluded);
    bind_words(cx->text, cx->len, s, &r->history, NULL, col->marker_side, BIND_HISTORY,
               s->historic);
}

/* Whether figure fi passes the column's role, marker, exclusion and cue rules. A figure in
 * the parameter-count style (100B-A10's parts; 500B where english_scale_is_cue) needs no
 * cue; any other needs a cue or negative cue bound to it when the column has any. */
static int figure_fits(const struct extractor *ex, const struct scratch *s, size_t c, size_t fi)
{
    const struct template_column *col = &ex->tpl->columns[c];
    const struct column_rules *r = &ex->rules[c];
    const struct quantity *q = s->figs[fi].q;
    if (col->role == TEMPLATE_ROLE_ACTIVE) {
        if (q->role != QROLE_ACTIVE && !s->marked[fi])
            return 0;
    } else {
        if (col->role == TEMPLATE_ROLE_TOTAL && q->role == QROLE_ACTIVE)
            return 0;
        if (r->markers.count && !s->marked[fi])
            return 0;
    }
    if (s->excluded[fi] || s->historic[fi])
        return 0;
    int param_style = q->role == QROLE_TOTAL || q->role == QROLE_ACTIVE ||
                      (col->english_scale_is_cue && q->english_scale);
    if ((r->cues.count || r->negative.count) && !param_style && !s->cued[fi] && !s->negated[fi])
        return 0;
    return 1;
}

/* Fills s->cand_fig/cand_ent with the figures column c takes and the entity each is about;
 * returns how many. */
static size_t column_candidates(const struct context *cx, struct scratch *s, size_t c,
                                size_t carry)
{
    const struct extractor *ex = cx->ex;
    const struct template_column *col = &ex->tpl->columns[c];
    struct column_rules relaxed = ex->rules[c];
    relaxed.cues.count = 0;      /* cues and history words are bound to figures, not read */
    relaxed.history.count = 0;   /* per clause: 전년 동기(1조4520억원) refuses only its figure */
    size_t n_cand = 0;
    rank_each(ex, s, c);
    for (size_t k = 0; k < s->n_ok; k++) {
        size_t fi = s->ok_figs[k];
        const struct figure *f = &s->figs[fi];
        if (!figure_fits(ex, s, c, fi))
            continue;
        size_t e = attribute(ex, s, c, f->clause, f->q->offset, fi, carry);
        if (e == SIZE_MAX || !rules_pass(ex, s, &relaxed, f->clause, e))
            continue;
        /* a clause naming only non-flagship models of the entity is about those */
        if (col->flagship_only &&
            (clause_flags(ex, s, f->clause, e) & (CLAUSE_OTHER_MODEL | CLAUSE_FLAGSHIP)) ==
                CLAUSE_OTHER_MODEL)
            continue;
        s->cand_fig[n_cand] = fi;
        s->cand_ent[n_cand++] = e;
    }
    return n_cand;
}

/* The fact for figure fi in column c about entity e: the value scaled, negative when a
 * negative cue is bound to it (a loss is a negative profit, whatever sign it was written
 * with), a range as LOW..HIGH. */
static void push_quantity(struct context *cx, const struct scratch *s, size_t c, size_t fi,
                          size_t e)
{
    const struct template_column *col = &cx->ex->tpl->columns[c];
    const struct quantity *q = s->figs[fi].q;
    struct decimal v = q->value, high = q->high;
    if (s->negated[fi]) {   /* -|x|: a loss written with a minus is still one loss */
        struct decimal lo = decimal_abs(&v), hi = decimal_abs(&high);
        v = decimal_neg(q->qualifier == QUAL_RANGE ? &hi : &lo);   /* -(a..b) is -b..-a */
        high = decimal_neg(&lo);
    }
    char value[96];
    if (q->qualifier == QUAL_RANGE) {
        char hi[48];
        decimal_format_scaled(&v, col->scale, value, 48);
        decimal_format_scaled(&high, col->scale, hi, sizeof hi);
        strcat(value, "..");
        strcat(value, hi);
    } else {
        decimal_format_scaled(&v, col->scale, value, sizeof value);
    }
    push_fact(cx, e, c, EXTRACT_NO_MODEL, value, q->qualifier != QUAL_RANGE, &v,
              *col->unit_label ? col->unit_label : q->unit, q->qualifier, q->offset,
              q->offset + q->length);
}

static void quantity_facts(struct context *cx, struct scratch *s, size_t carry)
{
    const struct template *tpl = cx->ex->tpl;
    for (size_t c = 0; c < tpl->n_columns; c++) {
        const struct template_column *col = &tpl->columns[c];
        if (col->type != TEMPLATE_COL_QUANTITY)
            continue;
        bind_column(cx, s, c);
        size_t n_cand = column_candidates(cx, s, c, carry);
        /* Several figures for one cell in one clause ("32B 및 8B 모델") describe several
         * models; the row is about the flagship, the largest. */
        for (size_t i = 0; i < n_cand; i++) {
            const struct figure *f = &s->figs[s->cand_fig[i]];
            int beaten = 0;
            for (size_t j = 0; j < n_cand && col->largest_per_clause && !beaten; j++) {
                const struct figure *g = &s->figs[s->cand_fig[j]];
                beaten = j != i && s->cand_ent[j] == s->cand_ent[i] && g->clause == f->clause &&
                         decimal_cmp(&g->q->value, &f->q->value) > 0;
            }
            if (!beaten)
                push_quantity(cx, s, c, s->cand_fig[i], s->cand_ent[i]);
        }
    }
}

static void keyword_facts(struct context *cx, struct scratch *s, size_t carry)
{
    const struct extractor *ex = cx->ex;
    const struct template *tpl = ex->tpl;
    for (size_t c = 0; c < tpl->n_columns; c++) {
        const struct template_column *col = &tpl->columns[c];
        const struct column_rules *r = &ex->rules[c];
        for (size_t i = 0; i < s->n_hits; i++) {
            const struct hit *h = &s->hits[i];
            const char *value = NULL;
            size_t model = EXTRACT_NO_MODEL, e = SIZE_MAX;
            if (col->type == TEMPLATE_COL_KEYWORDS && h->kind == LEX_WORD) {
                for (size_t k = 0; k < col->n_keywords && !value; k++)
                    if (set_has(&r->keywords[k], h->a))
                        value = col->keywords[k].value;
            } else if (col->type == TEMPLATE_COL_ORGANISATIONS && h->kind == LEX_ORG) {
                value = tpl->orgs[h->a].name;
            } else if (col->type == TEMPLATE_COL_MODELS && h->kind == LEX_MODEL) {
                const struct template_model *m = &tpl->entities[h->a].models[h->b];
                if (col->flagship && !m->flagship)
                    continue;
                if (!template_column_applies(tpl, col, h->a))
                    continue;
                value = m->name;
                model = h->b;
                e = h->a;
            }
            if (!value)
                continue;
            size_t clause = h->clause;
            if (e == SIZE_MAX) {
                e = attribute(ex, s, c, clause, h->os, SIZE_MAX, carry);
                if (e == SIZE_MAX || !rules_pass(ex, s, r, clause, e))
                    continue;
            }
            push_fact(cx, e, c, model, value, 0, NULL, "", QUAL_NONE, h->os, h->oe);
        }
    }
}

/* ---- Dates ----
 * The normaliser leaves dates out (they are not quantities), so date columns read them here:
 * "2026년 1월 15일", "12월 30일", "내년 1월", "지난해 9월", "2027년", "2026~2027년". A month
 * after a relative year word (지난해, 작년, 올해, 내년, 재작년, 내후년…) is in that year;
 * without one it takes the article's year, or the next one when it would otherwise lie more
 * than six months before the article ("1월 15일" in a December article is next January). A day alone ("30일")
 * is too ambiguous to read, and a day the month does not have ("2월 30일") is not a date. */

struct date_hit {
    size_t os, oe;
    char value[24];
};

static int digits_at(const char *s, size_t len, size_t i, unsigned *value, size_t *n)
{
    *n = 0;
    *value = 0;
    while (i + *n < len && s[i + *n] >= '0' && s[i + *n] <= '9' && *n < 4) {
        *value = *value * 10 + (unsigned)(s[i + *n] - '0');
        (*n)++;
    }
    return *n > 0 && !(i + *n < len && s[i + *n] >= '0' && s[i + *n] <= '9');
}

static int word_at(const char *s, size_t len, size_t i, const char *w)
{
    size_t n = strlen(w);
    return i + n <= len && !memcmp(s + i, w, n);
}

/* A word naming the year relative to the article's, right before a month at i ("지난해 9월",
 * "내년 1월", "올해 3월"): *offset gets the years to add. */
static int relative_year_before(const char *s, size_t i, int *offset)
{
    static const struct { const char *word; int offset; } words[] = {
        { "재작년 ", -2 }, { "지난해 ", -1 }, { "작년 ", -1 }, { "전년 ", -1 },
        { "올해 ", 0 },    { "금년 ", 0 },    { "내년 ", 1 },   { "명년 ", 1 },
        { "내후년 ", 2 },
    };
    for (size_t k = 0; k < sizeof words / sizeof *words; k++) {
        size_t n = strlen(words[k].word);
        if (i >= n && !memcmp(s + i - n, words[k].word, n) &&
            (i == n || !text_is_hangul_syllable(cp_before(s, i - n)))) {
            *offset = words[k].offset;
            return 1;
        }
    }
    return 0;
}

static size_t find_dates(const char *s, size_t len, const char *published_at,
                         struct date_hit *out, size_t max)
{
    unsigned pub_year = 0, pub_month = 0;
    if (published_at && strlen(published_at) >= 7) {
        pub_year = (unsigned)atoi(published_at);
        pub_month = (unsigned)atoi(published_at + 5);
    }
    size_t count = 0;
    for (size_t i = 0; i < len && count < max; i++) {
        if (s[i] < '0' || s[i] > '9' || (i > 0 && ((s[i - 1] >= '0' && s[i - 1] <= '9') ||
                                                   s[i - 1] == '.' || s[i - 1] == ',')))
            continue;
        unsigned a, b, c;
        size_t na, nb, nc, j = i;
        if (!digits_at(s, len, j, &a, &na))
            continue;
        j += na;
        struct date_hit d = { i, 0, "" };
        if (na == 4 && j < len && s[j] == '~' && digits_at(s, len, j + 1, &b, &nb) && nb == 4 &&
            word_at(s, len, j + 1 + nb, "년")) {
            d.oe = j + 1 + nb + strlen("년");
            snprintf(d.value, sizeof d.value, "%04u..%04u", a, b);
        } else if (na == 4 && word_at(s, len, j, "년")) {
            j += strlen("년");
            d.oe = j;
            snprintf(d.value, sizeof d.value, "%04u", a);
            size_t k = j < len && s[j] == ' ' ? j + 1 : j;
            if (digits_at(s, len, k, &b, &nb) && b >= 1 && b <= 12 &&
                word_at(s, len, k + nb, "월")) {
                k += nb + strlen("월");
                d.oe = k;
                snprintf(d.value, sizeof d.value, "%04u-%02u", a, b);
                size_t m = k < len && s[k] == ' ' ? k + 1 : k;
                if (digits_at(s, len, m, &c, &nc) && c >= 1 &&
                    (int)c <= date_days_in_month((int)a, (int)b) &&
                    word_at(s, len, m + nc, "일")) {
                    d.oe = m + nc + strlen("일");
                    snprintf(d.value, sizeof d.value, "%04u-%02u-%02u", a, b, c);
                }
            }
        } else if (na <= 2 && a >= 1 && a <= 12 && word_at(s, len, j, "월") && pub_year) {
            int offset;
            unsigned year = pub_year;
            if (relative_year_before(s, i, &offset))
                year = (unsigned)((int)pub_year + offset);
            else if ((int)a - (int)pub_month < -6)
                year = pub_year + 1;
            size_t k = j + strlen("월");
            d.oe = k;
            snprintf(d.value, sizeof d.value, "%04u-%02u", year, a);
            size_t m = k < len && s[k] == ' ' ? k + 1 : k;
            if (digits_at(s, len, m, &c, &nc) && c >= 1 &&
                (int)c <= date_days_in_month((int)year, (int)a) &&
                word_at(s, len, m + nc, "일")) {
                d.oe = m + nc + strlen("일");
                snprintf(d.value, sizeof d.value, "%04u-%02u-%02u", year, a, c);
            }
        } else {
            continue;
        }
        out[count++] = d;
        i = d.oe - 1;
    }
    return count;
}

static void date_facts(struct context *cx, struct scratch *s, const char *text, size_t len,
                       size_t carry)
{
    const struct extractor *ex = cx->ex;
    const struct template *tpl = ex->tpl;
    int any = 0;
    for (size_t c = 0; c < tpl->n_columns; c++)
        any |= tpl->columns[c].type == TEMPLATE_COL_DATE;
    if (!any)
        return;
    struct date_hit dates[16];
    size_t n = find_dates(text, len, cx->a->published_at, dates, 16);
    for (size_t c = 0; c < tpl->n_columns; c++) {
        if (tpl->columns[c].type != TEMPLATE_COL_DATE)
            continue;
        for (size_t i = 0; i < n; i++) {
            size_t clause = clause_of(s, dates[i].os);
            size_t e = attribute(ex, s, c, clause, dates[i].os, SIZE_MAX, carry);
            if (e == SIZE_MAX || !rules_pass(ex, s, &ex->rules[c], clause, e))
                continue;
            push_fact(cx, e, c, EXTRACT_NO_MODEL, dates[i].value, 0, NULL, "date", QUAL_NONE,
                      dates[i].os, dates[i].oe);
        }
    }
}

/* Whether any quantity column could accept a figure in this sentence. Without an ASCII
 * digit there is no "500B" and no "100B-A10" (English scales and MoE roles are digit forms),
 * so a column then needs its cue or marker words in the sentence; when none can, the
 * normaliser — a third of the extraction time — is not run on the sentence. */
static int quantity_possible(const struct extractor *ex, const struct scratch *s,
                             const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (text[i] >= '0' && text[i] <= '9')
            return 1;
    const struct template *tpl = ex->tpl;
    for (size_t c = 0; c < tpl->n_columns; c++) {
        const struct template_column *col = &tpl->columns[c];
        const struct column_rules *r = &ex->rules[c];
        if (col->type != TEMPLATE_COL_QUANTITY)
            continue;
        int has_markers = 0, has_cues = 0;
        for (size_t g = 0; g < s->n_segs; g++) {
            const uint64_t *present = s->seg_words + g * ex->word_blocks;
            has_markers |= r->markers.count && set_meets(&r->markers, present);
            has_cues |= r->cues.count && set_meets(&r->cues, present);
        }
        if (r->markers.count ? !has_markers : col->role == TEMPLATE_ROLE_ACTIVE)
            continue;
        if (r->cues.count && !has_cues)
            continue;
        return 1;
    }
    return 0;
}

/* ---- The article ---- */

static void push_mention(struct fact_list *l, size_t entity, const char *article_id,
                         size_t sentence_no)
{
    xgrow(&l->mentions, &l->mentions_cap, l->n_mentions + 1, sizeof *l->mentions);
    l->mentions[l->n_mentions++] =
        (struct mention){ entity, fact_list_intern(l, article_id, strlen(article_id)), sentence_no };
}

/* How many sentences an entity named in one sentence stays the subject of the next ones
 * that name nobody, within a paragraph. */
#define CARRY_SENTENCES 5

/* Reads one sentence into the scratch indexes: names and words, clauses and phrases,
 * compounds and contrasts, then the figures (names' sizes left out). Returns -1, with *bad
 * set, when the sentence is not valid UTF-8. */
static int analyse_sentence(const struct extractor *ex, struct scratch *s, const char *text,
                            size_t len, size_t *bad)
{
    find_hits(ex, text, len, s);
    split_clauses(text, len, s);
    split_phrases(text, len, s);
    s->text = text;
    s->len = len;
    index_sentence(ex, s);
    find_compounds(ex, text, s);
    find_contrasts(s);
    find_each(s);
    quantity_list_clear(&s->qs);
    if (quantity_possible(ex, s, text, len) &&
        quantity_scan_units(ex->tpl->units, text, len, &s->qs, bad) < 0)
        return -1;
    s->n_figs = 0;
    for (size_t i = 0; i < s->qs.count; i++) {
        const struct quantity *q = &s->qs.items[i];
        if (q->offset + q->length > len || figure_is_name(s, text, q))
            continue;
        xgrow(&s->figs, &s->figs_cap, s->n_figs + 1, sizeof *s->figs);
        s->figs[s->n_figs++] =
            (struct figure){ q, clause_of(s, q->offset), phrase_of(s, q->offset) };
    }
    if (s->phrase_flags_cap < s->n_phrases) {
        s->phrase_flags_cap = s->n_phrases;
        s->phrase_has_fig = xrealloc(s->phrase_has_fig, s->n_phrases);
        s->phrase_has_word = xrealloc(s->phrase_has_word, s->n_phrases);
    }
    memset(s->phrase_has_fig, 0, s->n_phrases);
    for (size_t i = 0; i < s->n_figs; i++)
        s->phrase_has_fig[s->figs[i].phrase] = 1;
    size_t n = s->n_figs + 1;
    s->ok_figs = xrealloc(s->ok_figs, n * sizeof *s->ok_figs);
    s->marked = xrealloc(s->marked, n);
    s->excluded = xrealloc(s->excluded, n);
    s->cued = xrealloc(s->cued, n);
    s->negated = xrealloc(s->negated, n);
    s->historic = xrealloc(s->historic, n);
    s->cand_fig = xrealloc(s->cand_fig, n * sizeof *s->cand_fig);
    s->cand_ent = xrealloc(s->cand_ent, n * sizeof *s->cand_ent);
    s->each_of = xrealloc(s->each_of, n * sizeof *s->each_of);
    s->each_rank = xrealloc(s->each_rank, n * sizeof *s->each_rank);
    s->each_total = xrealloc(s->each_total, n * sizeof *s->each_total);
    return 0;
}

/* Who later sentences that name nobody are about: the one entity the last naming sentence
 * named, for up to CARRY_SENTENCES sentences, within the paragraph. */
struct carry {
    size_t entity;   /* SIZE_MAX: nobody */
    size_t age;      /* sentences since */
};

/* Records the sentence's mentions and updates the carry-over: one entity named carries on; two,
 * or another party, end it. named is scratch of one byte per entity. */
static void note_mentions(const struct extractor *ex, const struct scratch *s,
                          const struct article *a, size_t sentence_no, struct fact_list *out,
                          unsigned char *named, struct carry *carry)
{
    const struct template *tpl = ex->tpl;
    memset(named, 0, tpl->n_entities);
    size_t distinct = 0, last = SIZE_MAX;
    for (size_t i = 0; i < s->n_hits; i++) {
        const struct hit *h = &s->hits[i];
        if (h->kind == LEX_PARTY)
            distinct += 2;   /* another party's sentence: nobody of ours carries on */
        if (h->kind != LEX_ENTITY && h->kind != LEX_MODEL && h->kind != LEX_PERSON)
            continue;
        if (named[h->a])
            continue;
        named[h->a] = 1;
        push_mention(out, h->a, a->id ? a->id : "", sentence_no);
        if (!tpl->entities[h->a].topic) {
            distinct++;
            last = h->a;
        }
    }
    if (distinct == 1) {
        carry->entity = last;
        carry->age = 0;
    } else if (distinct > 1) {
        carry->entity = SIZE_MAX;
    } else {
        carry->age++;
    }
}

static void scratch_free(struct scratch *s)
{
    buf_free(&s->folded);
    void *arrays[] = {
        s->map, s->hits, s->clause_start, s->clause_seg, s->figs, s->seg_first, s->seg_last,
        s->clause_words, s->seg_words, s->clause_ent, s->names, s->ok_figs, s->marked,
        s->excluded, s->cued, s->negated, s->foreign, s->modifier, s->phrase_has_name,
        s->historic, s->contrasts, s->contrasted, s->phrase_start, s->gaps, s->phrase_has_fig,
        s->phrase_has_word, s->cand_fig, s->cand_ent, s->each, s->each_of, s->each_rank,
        s->each_total,
    };
    for (size_t i = 0; i < sizeof arrays / sizeof arrays[0]; i++)
        free(arrays[i]);
    quantity_list_free(&s->qs);
}

enum exp_status extract_article(const struct extractor *ex, const struct article *a,
                                struct fact_list *out, struct diag *d)
{
    struct scratch s;
    memset(&s, 0, sizeof s);
    enum exp_status st = EXP_OK;
    struct carry carry = { SIZE_MAX, 0 };
    unsigned char *named = xcalloc(ex->tpl->n_entities ? ex->tpl->n_entities : 1, 1);
    size_t prev_end = 0;
    for (size_t si = 0; si < a->sentences.count; si++) {
        const struct sentence *sent = &a->sentences.items[si];
        const char *text = sent->text;
        size_t len = sent->length ? sent->length : strlen(text);
        if (strlen(text) < len)
            len = strlen(text);
        /* a paragraph break ends what the previous paragraph was about */
        if (a->body && si > 0 && sent->offset >= prev_end &&
            memchr(a->body + prev_end, '\n', sent->offset - prev_end))
            carry.entity = SIZE_MAX;
        prev_end = sent->offset + len;
        if (len > EXTRACT_MAX_SENTENCE) {
            diag_warning(d, a->source_file, 0, 0,
                         "sentence %zu is %zu bytes long, not prose; not searched for facts",
                         si + 1, len);
            continue;
        }
        size_t bad;
        if (analyse_sentence(ex, &s, text, len, &bad) < 0) {
            diag_warning(d, a->source_file, 0, 0,
                         "sentence %zu is not valid UTF-8 (byte %zu); skipped", si + 1, bad);
            st = EXP_DATAERR;
            continue;
        }
        struct context cx = { ex, a, sent, si + 1, out, out->count, text, len };
        size_t who = carry.age <= CARRY_SENTENCES ? carry.entity : SIZE_MAX;
        quantity_facts(&cx, &s, who);
        keyword_facts(&cx, &s, who);
        date_facts(&cx, &s, text, len, who);
        note_mentions(ex, &s, a, si + 1, out, named, &carry);
    }
    free(named);
    scratch_free(&s);
    return st;
}

/* Folds text[0..window) into *folded (with map) and tells whether its first `need` folded
 * bytes are what folding the whole text would give: the fold looks up to two bytes ahead
 * (a dash of three bytes is skipped), so a byte is settled when two more follow it inside
 * the window, or when the window is the whole text. */
static int fold_settled(const char *text, size_t len, size_t window, size_t need,
                        struct buf *folded, size_t *map)
{
    folded->len = 0;
    template_fold(text, window, folded, map);
    return window == len || (folded->len >= need && map[need - 1] + 3 <= window);
}

/* The longest subject name (organisation, alias, model) whose key starts with the first two
 * folded bytes of text; 0 when none does, SIZE_MAX when a short prefix cannot tell. */
static size_t longest_name_here(const struct extractor *ex, const char *text, size_t len,
                                struct buf *folded, size_t *map)
{
    enum { PREFIX = 16 };
    const unsigned char *f = (const unsigned char *)text;
    /* A character of three or four bytes from U+3000 on (Hangul, CJK) is never dropped or
     * changed by the fold, so its first two bytes are the key's: no fold needed. */
    if (!(len >= 2 && f[0] >= 0xE3)) {
        if (!fold_settled(text, len, len < PREFIX ? len : PREFIX, 2, folded, map))
            return SIZE_MAX;
        if (folded->len < 2)
            return 0;
        f = (const unsigned char *)folded->data;
    }
    unsigned k = ((unsigned)f[0] << 8) | f[1];
    for (uint32_t j = ex->bucket[k]; j < ex->bucket[k + 1]; j++)   /* longest first */
        if (is_subject_kind(ex->entries[j].kind))
            return ex->entries[j].len;
    return 0;
}

size_t extract_name_at(const struct extractor *ex, const char *text, size_t len, size_t pos)
{
    enum { WINDOW = 160 };
    size_t window = len - pos < WINDOW ? len - pos : WINDOW, map[WINDOW + 1];
    struct buf folded = BUF_INIT;
    /* The sentence splitter asks at every character of a paragraph's opening: fold a short
     * prefix to find the names that could start here, then only as far as the longest of
     * them reaches (twice its bytes, for spaces and dashes the fold drops); the whole window
     * when that is not enough to settle it. */
    size_t longest = longest_name_here(ex, text + pos, window, &folded, map);
    if (longest == 0) {
        buf_free(&folded);
        return 0;
    }
    int settled = longest < WINDOW && 2 * longest + 8 < window &&
                  fold_settled(text + pos, window, 2 * longest + 8, longest, &folded, map);
    /* cppcheck-suppress knownConditionTrueFalse ; cppcheck 2.10 takes window for 0 */
    if (!settled)
        fold_settled(text + pos, window, window, 0, &folded, map);
    const unsigned char *f = (const unsigned char *)folded.data;
    size_t found = 0;
    if (folded.len >= 2) {
        unsigned k = ((unsigned)f[0] << 8) | f[1];
        for (uint32_t j = ex->bucket[k]; j < ex->bucket[k + 1] && !found; j++) {
            const struct lex_entry *e = &ex->entries[j];   /* longest first */
            if (!is_subject_kind(e->kind) || e->len > folded.len || memcmp(f, e->key, e->len))
                continue;
            size_t oe = pos + map[e->len - 1] + 1;
            if (name_boundaries_ok(text, len, pos, oe, 1))
                found = oe - pos;
        }
    }
    buf_free(&folded);
    return found;
}

static size_t name_at_hook(void *ctx, const char *text, size_t len, size_t pos)
{
    return extract_name_at(ctx, text, len, pos);
}

struct sentence_hooks extract_sentence_hooks(const struct extractor *ex)
{
    /* the hook only reads the extractor */
    return (struct sentence_hooks){ name_at_hook, (void *)(uintptr_t)ex };
}

const char *fact_list_intern(struct fact_list *l, const char *s, size_t len)
{
    if (!l->pool)
        l->pool = strpool_new();
    return strpool_intern(l->pool, s, len);
}

void fact_list_clear(struct fact_list *l)
{
    l->count = 0;
    l->n_mentions = 0;
    strpool_free(l->pool);
    l->pool = NULL;
}

void fact_list_free(struct fact_list *l)
{
    if (!l)
        return;
    fact_list_clear(l);
    free(l->items);
    free(l->mentions);
    memset(l, 0, sizeof *l);
}

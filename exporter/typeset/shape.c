/* shape.c — cleaning, run splitting and HarfBuzz shaping. */
#include "typeset/shape.h"
#include "util/hash.h"
#include "util/text.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

/* Shaped runs remembered. A briefing shapes the same short runs again and again (citation
 * marks "[3]", table headers, labels, numbers), and a run's glyphs depend only on its face,
 * its script and its text (direction, language and features are fixed here): the glyphs are
 * kept in font units, with clusters relative to the run, and scaled to the size at each use
 * exactly as a fresh shaping is. Only short runs are kept, and at most MEMO_RUNS of them, so
 * the memory stays small whatever the document. */
enum { MEMO_MAX_BYTES = 64, MEMO_RUNS = 4096 };

struct memo_glyph {
    uint32_t cp, rel;           /* the code point; its cluster's offset in the run */
    int32_t advance, x_offset, y_offset;   /* font units */
};

struct memo_run {
    char key[sizeof(int32_t) * 2 + MEMO_MAX_BYTES];   /* face, script, text */
    size_t key_len;
    struct memo_glyph *glyphs;
    size_t n;
};

struct shape_ctx {
    struct font_set *fs;
    hb_buffer_t *buf;
    struct memo_run *memo;
    size_t n_memo, memo_cap;
    struct hash_index memo_index;
    unsigned long harfbuzz_calls;
};

static struct hash_key memo_key(const void *ctx, size_t item)
{
    const struct shape_ctx *s = ctx;
    return (struct hash_key){ s->memo[item].key, s->memo[item].key_len };
}

struct shape_ctx *shape_new(struct font_set *fs)
{
    struct shape_ctx *s = xcalloc(1, sizeof *s);
    s->fs = fs;
    s->buf = hb_buffer_create();
    hash_index_init(&s->memo_index, memo_key, s);
    return s;
}

void shape_free(struct shape_ctx *s)
{
    if (!s)
        return;
    hb_buffer_destroy(s->buf);
    for (size_t i = 0; i < s->n_memo; i++)
        free(s->memo[i].glyphs);
    free(s->memo);
    hash_index_free(&s->memo_index);
    free(s);
}

void shape_glyphs_free(struct shape_glyphs *g)
{
    free(g->items);
    g->items = NULL;
    g->len = g->cap = 0;
}

/* ---- Cleaning ---- */


/* White space that folds to one breakable space is text_is_breakable_space (no-break spaces
 * are kept: they glue a bullet or a unit to what follows); the NFC fast path is
 * text_nfc_inert. */
int shape_nfc_inert(uint32_t c)
{
    return text_nfc_inert(c);
}

size_t shape_clean(const char *in, size_t len, struct buf *out)
{
    struct buf tmp = BUF_INIT;
    size_t repaired = 0, i = 0;
    int pending_space = 0, inert = 1;
    /* Leading white space is dropped only where out already ends a word. */
    int at_start = !out->len || out->data[out->len - 1] == ' ' || out->data[out->len - 1] == '\n';
    while (i < len) {
        utf8proc_int32_t c;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)in + i,
                                              (utf8proc_ssize_t)(len - i), &c);
        if (n <= 0) {
            c = 0xFFFD;
            n = 1;
            repaired++;
        }
        i += (size_t)n;
        if (c == '\n') {
            /* A hard break; spaces around it vanish. */
            buf_putc(&tmp, '\n');
            pending_space = 0;
            at_start = 1;
            continue;
        }
        if (text_is_breakable_space((uint32_t)c)) {
            pending_space = 1;
            continue;
        }
        if (c < 0x20 || (c >= 0x7F && c < 0xA0))
            continue;
        if (pending_space && !at_start)
            buf_putc(&tmp, ' ');
        pending_space = 0;
        at_start = 0;
        inert = inert && shape_nfc_inert((uint32_t)c);
        buf_put_utf8(&tmp, (unsigned)c);
    }
    if (pending_space && !at_start)
        buf_putc(&tmp, ' ');
    if (tmp.len && inert) {
        /* Nothing NFC could change: skip utf8proc's decompose-recompose. */
        buf_append(out, tmp.data, tmp.len);
    } else if (tmp.len) {
        utf8proc_uint8_t *nfc = NULL;
        utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)tmp.data,
                                          (utf8proc_ssize_t)tmp.len, &nfc,
                                          UTF8PROC_STABLE | UTF8PROC_COMPOSE);
        if (n >= 0) {
            buf_append(out, nfc, (size_t)n);
        } else {
            buf_append(out, tmp.data, tmp.len);
        }
        free(nfc);
    } else if (!out->data) {
        buf_puts(out, "");
    }
    buf_free(&tmp);
    return repaired;
}

/* ---- Shaping ---- */

/* Characters that take no glyph: the line breaker still sees them. */
static int is_invisible(uint32_t c)
{
    return c == '\n' || c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060
           || c == 0xFEFF || c == 0x00AD;
}

static uint32_t decode(const char *text, size_t len, size_t *i)
{
    utf8proc_int32_t c;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)text + *i,
                                          (utf8proc_ssize_t)(len - *i), &c);
    if (n <= 0) {
        (*i)++;
        return 0xFFFD;
    }
    *i += (size_t)n;
    return (uint32_t)c;
}

static void push(struct shape_glyphs *out, const struct shape_glyph *g)
{
    xgrow(&out->items, &out->cap, out->len + 1, sizeof *out->items);
    out->items[out->len++] = *g;
}

unsigned long shape_harfbuzz_calls(const struct shape_ctx *s)
{
    return s->harfbuzz_calls;
}

/* The key of a run: face, script, then its bytes. 0 when the run is too long to keep. */
static size_t run_key(char *key, int face_index, hb_script_t script, const char *text,
                      size_t start, size_t end)
{
    if (end - start > MEMO_MAX_BYTES)
        return 0;
    int32_t head[2] = { (int32_t)face_index, (int32_t)script };
    memcpy(key, head, sizeof head);
    memcpy(key + sizeof head, text + start, end - start);
    return sizeof head + end - start;
}

static void push_memo(struct memo_glyph **g, size_t *n, size_t *cap, struct memo_glyph one)
{
    xgrow(g, cap, *n + 1, sizeof **g);
    (*g)[(*n)++] = one;
}

/* Shapes one run [start, end) of text with one face and script into glyphs in font units.
 * libharu 2.3 reaches a glyph only through the cmap: a glyph HarfBuzz substituted becomes
 * the nominal glyphs of its cluster's characters, with their own advances. */
static size_t shape_run_glyphs(struct shape_ctx *s, const char *text, size_t len, size_t start,
                               size_t end, struct font_face *f, hb_script_t script,
                               struct memo_glyph **out)
{
    hb_buffer_t *b = s->buf;
    hb_buffer_clear_contents(b);
    hb_buffer_set_content_type(b, HB_BUFFER_CONTENT_TYPE_UNICODE);
    for (size_t i = start; i < end;) {
        size_t at = i;
        uint32_t c = decode(text, len, &i);
        if (!is_invisible(c))
            hb_buffer_add(b, c, (unsigned)at);
    }
    hb_buffer_set_direction(b, HB_DIRECTION_LTR);
    hb_buffer_set_script(b, script);
    hb_buffer_set_language(b, hb_language_from_string("ko", 2));
    hb_shape(f->font, b, NULL, 0);
    s->harfbuzz_calls++;
    unsigned n;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(b, &n);
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(b, &n);
    size_t count = 0, cap = 0;
    *out = NULL;
    for (unsigned gi = 0; gi < n;) {
        unsigned cl = info[gi].cluster, gj = gi;
        while (gj < n && info[gj].cluster == cl)
            gj++;
        size_t cend = gj < n ? info[gj].cluster : end;
        /* Count the characters of this cluster and check the glyph is the cmap's. */
        size_t k = cl;
        uint32_t first = decode(text, len, &k);
        int one_char = k >= cend;
        hb_codepoint_t nominal;
        int direct = gj - gi == 1 && one_char
                     && hb_font_get_nominal_glyph(f->font, first, &nominal)
                     && nominal == info[gi].codepoint;
        if (direct) {
            push_memo(out, &count, &cap, (struct memo_glyph){
                first, (uint32_t)(cl - start), pos[gi].x_advance, pos[gi].x_offset,
                pos[gi].y_offset });
        } else {
            for (size_t i = cl; i < cend;) {
                size_t at = i;
                uint32_t c = decode(text, len, &i);
                if (is_invisible(c))
                    continue;
                hb_codepoint_t g0 = 0;
                hb_font_get_nominal_glyph(f->font, c, &g0);
                push_memo(out, &count, &cap, (struct memo_glyph){
                    c, (uint32_t)(at - start), hb_font_get_glyph_h_advance(f->font, g0), 0,
                    0 });
            }
        }
        gi = gj;
    }
    return count;
}

/* Shapes one run [start, end) of text with one face and script (remembered when short) and
 * appends its glyphs at size; every code point drawn joins the face's used set. */
static void shape_run(struct shape_ctx *s, const char *text, size_t len, size_t start,
                      size_t end, int face_index, hb_script_t script, uint16_t span,
                      float size, struct shape_glyphs *out)
{
    struct font_face *f = font_set_face(s->fs, face_index);
    char key[sizeof ((struct memo_run *)0)->key];
    size_t key_len = run_key(key, face_index, script, text, start, end);
    size_t hit = key_len ? hash_index_find(&s->memo_index, key, key_len) : HASH_NONE;
    struct memo_glyph *fresh = NULL;
    const struct memo_glyph *g;
    size_t n;
    if (hit != HASH_NONE) {
        g = s->memo[hit].glyphs;
        n = s->memo[hit].n;
    } else {
        n = shape_run_glyphs(s, text, len, start, end, f, script, &fresh);
        g = fresh;
        if (key_len && s->n_memo < MEMO_RUNS) {
            xgrow(&s->memo, &s->memo_cap, s->n_memo + 1, sizeof *s->memo);
            struct memo_run *m = &s->memo[s->n_memo];
            memcpy(m->key, key, key_len);
            m->key_len = key_len;
            m->glyphs = fresh;
            m->n = n;
            fresh = NULL;
            hash_index_add(&s->memo_index, s->n_memo++);
        }
    }
    float scale = size / (float)f->upem;
    for (size_t i = 0; i < n; i++) {
        struct shape_glyph one = {
            g[i].cp, (uint32_t)start + g[i].rel, (int16_t)face_index, span,
            (float)g[i].advance * scale, (float)g[i].x_offset * scale,
            (float)g[i].y_offset * scale,
        };
        hb_set_add(f->used, g[i].cp);
        push(out, &one);
    }
    free(fresh);
}

static int script_is_neutral(hb_script_t sc)
{
    return sc == HB_SCRIPT_COMMON || sc == HB_SCRIPT_INHERITED || sc == HB_SCRIPT_UNKNOWN;
}

void shape_text(struct shape_ctx *s, const char *text, size_t len,
                const struct shape_span *spans, size_t nspans,
                const struct shape_source *src, struct shape_glyphs *out)
{
    hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
    unsigned char_index = 0;
    for (size_t si = 0; si < nspans; si++) {
        const struct shape_span *sp = &spans[si];
        size_t i = sp->start, run_start = sp->start;
        int run_face = -2;
        hb_script_t run_script = HB_SCRIPT_COMMON;
        while (i < sp->end) {
            size_t at = i;
            uint32_t c = decode(text, len, &i);
            unsigned col = char_index++;
            if (is_invisible(c))
                continue;
            int face = -1;
            /* Neutral characters (spaces, punctuation) stay in the current face when it has
             * them, so a run is not cut at every space. */
            hb_codepoint_t g;
            hb_script_t sc = hb_unicode_script(uf, c);
            if (run_face >= 0
                && hb_font_get_nominal_glyph(font_set_face(s->fs, run_face)->font, c, &g)
                && (script_is_neutral(sc) || font_set_lookup(s->fs, sp->font, c) == run_face))
                face = run_face;
            else
                face = font_set_lookup(s->fs, sp->font, c);
            if (face < 0) {
                if (run_face >= 0)
                    shape_run(s, text, len, run_start, at, run_face, run_script, (uint16_t)si,
                              sp->size, out);
                font_set_report_missing(s->fs, c, src ? src->file : NULL, src ? src->line : 0,
                                        src ? src->col + col : 0);
                struct shape_glyph ph = { c, (uint32_t)at, -1, (uint16_t)si, sp->size * 0.6f,
                                          0, 0 };
                push(out, &ph);
                run_face = -2;
                run_start = i;
                continue;
            }
            int new_script = !script_is_neutral(sc) && !script_is_neutral(run_script)
                             && sc != run_script;
            if (run_face >= 0 && (face != run_face || new_script)) {
                shape_run(s, text, len, run_start, at, run_face, run_script, (uint16_t)si,
                          sp->size, out);
                run_start = at;
                run_script = HB_SCRIPT_COMMON;
            }
            if (run_face < 0)
                run_start = at;
            run_face = face;
            if (!script_is_neutral(sc))
                run_script = sc;
        }
        if (run_face >= 0)
            shape_run(s, text, len, run_start, sp->end, run_face, run_script, (uint16_t)si,
                      sp->size, out);
    }
}

/* pdf_out.c — libharu 2.3 with hb-subset fonts, a real ToUnicode and positioned TJ text. */
#include "typeset/pdf_out.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hb-ot.h>
#include <hb-subset.h>
#include <hpdf.h>
/* Undocumented but exported and declared: the page's content stream, dict streams and the
 * document's memory manager and xref (libharu 2.3 keeps them public). */
#include <hpdf_conf.h>
#include <hpdf_doc.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include "typeset/font.h"
#include "typeset/haru_error.h"
#include "util/buf.h"
#include "util/fsutil.h"
#include "util/text.h"
#include "typeset/pdf_pack.h"
#include "typeset/tags.h"
#include "util/date.h"

struct haru_error {
    HPDF_STATUS code, detail;
};

static void on_error(HPDF_STATUS code, HPDF_STATUS detail, void *user)
{
    struct haru_error *e = user;
    if (haru_error_is_memory(code))
        x_out_of_memory("libharu");   /* never a 70: out of memory is 71 wherever it happens */
    if (!e->code) {
        e->code = code;
        e->detail = detail;
    }
}

long long pdf_out_source_date_epoch(void)
{
    const char *s = getenv("SOURCE_DATE_EPOCH");
    if (!s || !*s)
        return -1;
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || *end || v < 0)
        return -1;
    return v;
}

/* ---- Numbers ---- */

/* Appends v with at most `decimals` decimals, trailing zeros trimmed ("12.5", "-3", "0.25"). */
static void put_num(struct buf *b, double v, int decimals)
{
    long long scale = decimals == 3 ? 1000 : 100;
    long long n = llround(v * (double)scale);
    if (n < 0) {
        buf_putc(b, '-');
        n = -n;
    }
    buf_put_uint(b, (unsigned long long)(n / scale));
    long long frac = n % scale;
    if (frac) {
        /* the decimals, zero-padded, without trailing zeros */
        char f[3] = { '0', '0', '0' };
        int fl = decimals == 3 ? 3 : 2;
        for (int k = fl - 1; k >= 0; k--, frac /= 10)
            f[k] = (char)('0' + frac % 10);
        while (f[fl - 1] == '0')
            fl--;
        buf_putc(b, '.');
        buf_append(b, f, (size_t)fl);
    }
}

static void put_hex4(struct buf *b, uint32_t cp)
{
    static const char hex[] = "0123456789ABCDEF";
    char s[4] = { hex[(cp >> 12) & 15], hex[(cp >> 8) & 15], hex[(cp >> 4) & 15], hex[cp & 15] };
    buf_append(b, s, 4);
}

/* ---- Fonts ---- */

struct embedded {
    HPDF_Font font;          /* NULL when the face draws nothing */
    int16_t *width;          /* W-array width per BMP code point used (1/1000 em) */
    uint16_t *cid;           /* the CID that draws each BMP code point used */
};

/* The character codes of one face. CID = the glyph's id in the subset, so the font's
 * CIDToGIDMap is /Identity and the codes in the page streams are small numbers (denser text
 * for deflate than Unicode values); a code point whose glyph another one already drew (U+00A0
 * on the space's glyph, say) gets a CID after the glyphs instead, so ToUnicode keeps its own
 * value, and the map is then written out. */
struct cid_codes {
    uint32_t *unicode;       /* per CID: the code point it draws; 0 = none */
    uint16_t *gid;           /* per CID: its glyph */
    unsigned count, glyphs;  /* CIDs 0..count-1; glyphs in the subset (count > glyphs: a map) */
};

static void assign_cids(struct embedded *e, hb_face_t *sub, hb_set_t *used,
                        struct cid_codes *c)
{
    c->glyphs = hb_face_get_glyph_count(sub);
    size_t cap = (size_t)c->glyphs + hb_set_get_population(used) + 1;
    c->unicode = xcalloc(cap, sizeof *c->unicode);
    c->gid = xcalloc(cap, sizeof *c->gid);
    for (unsigned g = 0; g < c->glyphs; g++)
        c->gid[g] = (uint16_t)g;
    c->count = c->glyphs;
    hb_font_t *sf = hb_font_create(sub);
    hb_codepoint_t cp = HB_SET_VALUE_INVALID;
    while (hb_set_next(used, &cp) && cp <= 0xFFFF) {
        hb_codepoint_t g = 0;
        hb_font_get_nominal_glyph(sf, cp, &g);
        if (g < c->glyphs && !c->unicode[g]) {
            c->unicode[g] = cp;
            e->cid[cp] = (uint16_t)g;
        } else if (c->count <= 0xFFFF) {
            c->unicode[c->count] = cp;
            c->gid[c->count] = (uint16_t)g;
            e->cid[cp] = (uint16_t)c->count++;
        } else {
            e->cid[cp] = (uint16_t)g;   /* no CID left: share the glyph's (text reads the first) */
        }
    }
    hb_font_destroy(sf);
}

/* Appends one bfrange line for CIDs lo..hi: "<lo> <hi> <u>" when their code points run on
 * one by one, else "<lo> <hi> [<u1> <u2> …]". */
static void put_bfrange(struct buf *b, const struct cid_codes *c, unsigned lo, unsigned hi)
{
    int consecutive = 1;
    for (unsigned k = lo; k <= hi; k++)
        consecutive &= c->unicode[k] == c->unicode[lo] + (k - lo);
    buf_putc(b, '<');
    put_hex4(b, lo);
    buf_puts(b, "> <");
    put_hex4(b, hi);
    buf_puts(b, "> ");
    if (consecutive) {
        buf_putc(b, '<');
        put_hex4(b, c->unicode[lo]);
        buf_puts(b, ">\n");
        return;
    }
    buf_putc(b, '[');
    for (unsigned k = lo; k <= hi; k++) {
        buf_putc(b, '<');
        put_hex4(b, c->unicode[k]);
        buf_putc(b, '>');
    }
    buf_puts(b, "]\n");
}

/* The ToUnicode map: one bfrange per run of consecutive CIDs that draw a code point (a range
 * stays inside one high byte), at most 100 per section. It replaces the data of libharu's
 * malformed map in place, so the old stream is not left behind unreferenced. */
static HPDF_STATUS replace_to_unicode(HPDF_Doc pdf, HPDF_Font font, const struct cid_codes *c)
{
    struct buf cm = BUF_INIT;
    buf_puts(&cm, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                  "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                  "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                  "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    struct buf ranges = BUF_INIT;
    unsigned nranges = 0;
    for (unsigned lo = 0; lo < c->count; lo++) {
        if (!c->unicode[lo])
            continue;
        unsigned hi = lo;
        while (hi + 1 < c->count && c->unicode[hi + 1] && (hi + 1) >> 8 == lo >> 8)
            hi++;
        put_bfrange(&ranges, c, lo, hi);
        if (++nranges % 100 == 0) {
            buf_printf(&cm, "100 beginbfrange\n%sendbfrange\n", ranges.data);
            buf_clear(&ranges);
        }
        lo = hi;
    }
    if (nranges % 100)
        buf_printf(&cm, "%u beginbfrange\n%sendbfrange\n", nranges % 100, ranges.data);
    buf_puts(&cm, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    buf_free(&ranges);

    HPDF_Dict stream = HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT);
    HPDF_Stream fresh = HPDF_MemStream_New(pdf->mmgr, HPDF_STREAM_BUF_SIZ);
    HPDF_STATUS st = HPDF_FAILD_TO_ALLOC_MEM;
    if (stream && stream->stream && fresh) {
        HPDF_Stream_Free(stream->stream);
        stream->stream = fresh;
        fresh = NULL;
        stream->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
        /* A ToUnicode stream needs none of an encoding CMap's keys. */
        static const char *const keys[] = { "Type", "CMapName", "CIDSystemInfo", "WMode" };
        for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
            HPDF_Dict_RemoveElement(stream, keys[i]);
        st = HPDF_Stream_WriteStr(stream->stream, cm.data);
    }
    if (fresh)
        HPDF_Stream_Free(fresh);
    buf_free(&cm);
    return st;
}

/* The commonest PDF width among the code points used: the font's /DW, so /W lists only the
 * others (every Hangul syllable has one width). */
static int common_width(const int16_t *width, hb_set_t *used)
{
    enum { MAX_W = 4096 };
    unsigned *n = xcalloc(MAX_W, sizeof *n);
    int best = 1000;
    hb_codepoint_t cp = HB_SET_VALUE_INVALID;
    while (hb_set_next(used, &cp) && cp <= 0xFFFF)
        if (width[cp] >= 0 && width[cp] < MAX_W && ++n[width[cp]] > n[best])
            best = width[cp];
    free(n);
    return best;
}

/* /DW and /W (runs of consecutive CIDs: c [w1 w2 …]) of the descendant font. */
static HPDF_STATUS write_widths(HPDF_Doc pdf, HPDF_Dict desc, const struct cid_codes *c,
                                const int16_t *width, hb_set_t *used)
{
    int dw = common_width(width, used);
    HPDF_Array w = HPDF_Array_New(pdf->mmgr);
    if (!w)
        return HPDF_FAILD_TO_ALLOC_MEM;
    HPDF_Array run = NULL;
    for (unsigned k = 0; k < c->count; k++) {
        if (!c->unicode[k] || width[c->unicode[k]] == dw) {
            run = NULL;
            continue;
        }
        if (!run) {
            run = HPDF_Array_New(pdf->mmgr);
            if (!run)
                return HPDF_FAILD_TO_ALLOC_MEM;
            HPDF_Array_AddNumber(w, (HPDF_INT32)k);
            HPDF_Array_Add(w, run);
        }
        HPDF_Array_AddNumber(run, width[c->unicode[k]]);
    }
    HPDF_STATUS st = HPDF_Dict_AddNumber(desc, "DW", dw);
    return st == HPDF_OK ? HPDF_Dict_Add(desc, "W", w) : st;
}

/* /DW, /W and the CIDToGIDMap of the descendant font: /Identity when every CID is its glyph
 * (libharu's map stream is then left out of the file), else the map as a stream. */
static HPDF_STATUS write_cid_maps(HPDF_Doc pdf, HPDF_Font font, const struct cid_codes *c,
                                  hb_set_t *used, const int16_t *width)
{
    HPDF_FontAttr fa = (HPDF_FontAttr)font->attr;
    HPDF_Dict desc = fa->descendant_font, map = fa->map_stream;
    if (!desc || !map || !map->stream)
        return HPDF_INVALID_OBJECT;
    HPDF_STATUS st = write_widths(pdf, desc, c, width, used);
    if (st != HPDF_OK)
        return st;
    HPDF_Dict_RemoveElement(desc, "DW2");   /* vertical metrics: the text is horizontal */
    if (c->count == c->glyphs) {
        map->header.obj_id |= HPDF_OTYPE_HIDDEN;   /* pdf_pack leaves it out */
        return HPDF_Dict_AddName(desc, "CIDToGIDMap", "Identity");
    }
    HPDF_Stream fresh = HPDF_MemStream_New(pdf->mmgr, HPDF_STREAM_BUF_SIZ);
    if (!fresh)
        return HPDF_FAILD_TO_ALLOC_MEM;
    HPDF_Stream_Free(map->stream);
    map->stream = fresh;
    /* rows of one glyph id, each the one above plus one but where a code point shares a
     * glyph: predicted, next to nothing */
    HPDF_Dict parms = HPDF_Dict_New(pdf->mmgr);
    if (!parms || HPDF_Dict_Add(map, "DecodeParms", parms) != HPDF_OK
        || HPDF_Dict_AddNumber(parms, "Predictor", 12) != HPDF_OK
        || HPDF_Dict_AddNumber(parms, "Columns", 2) != HPDF_OK)
        return HPDF_FAILD_TO_ALLOC_MEM;
    unsigned char *bytes = xcalloc(2 * (size_t)c->count, 1);
    for (unsigned k = 0; k < c->count; k++) {
        bytes[2 * k] = (unsigned char)(c->gid[k] >> 8);
        bytes[2 * k + 1] = (unsigned char)c->gid[k];
    }
    st = HPDF_Stream_Write(fresh, bytes, 2 * (HPDF_UINT)c->count);
    free(bytes);
    return st;
}

/* HPDF_GetFont, without its cost. libharu 2.3 looks every one of the 65,536 code points up in
 * the font's cmap, one format-4 segment after another — on Korean text (hundreds of segments)
 * a quarter of a whole run's CPU — to build /W and the CIDToGIDMap. While it runs, the parsed
 * cmap is presented as an empty format-0 table (every code point → glyph 0, answered at once);
 * the real one is restored at once, and write_cid_maps writes the three things libharu would
 * have derived (in every case: the CIDs are pdf_out's, not libharu's).
 *
 * Even answered at once, the UTF-8 encoder makes libharu walk all 65,536 codes three times
 * (glyph ids, a /W entry per code, a two-byte map entry per code: 7 % of the sample run). So
 * the encoder is presented, for the call, as a CMap encoder that knows one code (CID 1): the
 * same objects are made in the same order (a /W, a map stream, both replaced by
 * write_cid_maps), from one code instead of 65,536. Its function and code table are restored
 * at once. */
static HPDF_Font get_font_one_code(HPDF_Doc pdf, const char *name)
{
    HPDF_Encoder enc = HPDF_GetEncoder(pdf, "UTF-8");
    HPDF_CMapEncoderAttr ea = enc ? (HPDF_CMapEncoderAttr)enc->attr : NULL;
    if (!ea)
        return HPDF_GetFont(pdf, name, "UTF-8");
    size_t size = sizeof ea->cid_map;
    HPDF_UINT16 (*saved)[256] = malloc(size);
    if (!saved)
        return HPDF_GetFont(pdf, name, "UTF-8");
    memcpy(saved, ea->cid_map, size);
    memset(ea->cid_map, 0, size);
    ea->cid_map[0][1] = 1;
    HPDF_Encoder_ToUnicode_Func to_unicode = enc->to_unicode_fn;
    enc->to_unicode_fn = HPDF_CMapEncoder_ToUnicode;
    HPDF_Font font = HPDF_GetFont(pdf, name, "UTF-8");
    enc->to_unicode_fn = to_unicode;
    memcpy(ea->cid_map, saved, size);
    free(saved);
    return font;
}

static HPDF_Font get_font(HPDF_Doc pdf, const char *name)
{
    HPDF_FontDef def = HPDF_GetFontDef(pdf, name);
    HPDF_TTFontDefAttr attr = def ? (HPDF_TTFontDefAttr)def->attr : NULL;
    if (!attr || attr->cmap.format != 4)
        return HPDF_GetFont(pdf, name, "UTF-8");
    HPDF_UINT16 none[256] = { 0 };
    HPDF_UINT16 *ids = attr->cmap.glyph_id_array;
    attr->cmap.format = 0;
    attr->cmap.glyph_id_array = none;
    HPDF_Font font = get_font_one_code(pdf, name);
    attr->cmap.format = 4;
    attr->cmap.glyph_id_array = ids;
    return font;
}

/* ---- The embedded font program ----
 *
 * libharu 2.3 rewrites a TrueType font itself when it embeds one: every table of the file
 * (cmap, name, OS/2, post included) and a write path that fails whenever the rewritten font
 * ends on a 4,096-byte block. pdf_out instead gives each font its descriptor and FontFile2
 * before libharu would make them (libharu then leaves both alone): the program is the hb-subset
 * face rebuilt with the tables a PDF viewer reads from a CIDFontType2 (ISO 32000-1, 9.9:
 * glyf, head, hhea, hmtx, loca, maxp, and cvt/fpgm/prep when present). Its cmap, names and
 * OS/2 metrics serve an installed font; in the PDF the CIDToGIDMap, /W and the descriptor
 * say the same, and text is extracted through ToUnicode. */

static const char *const program_tables[] = { "head", "hhea", "maxp", "hmtx", "loca", "glyf",
                                              "cvt ", "fpgm", "prep" };

/* The subset of f that pdf_out embeds: f's code points, no hinting, no layout tables. */
static hb_face_t *subset_face(struct font_face *f)
{
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in)
        return NULL;
    hb_set_union(hb_subset_input_unicode_set(in), f->used);
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
    /* Shaping happened on the original face and PDF viewers ignore layout tables: drop them. */
    static const char *const drop[] = { "GSUB", "GPOS", "GDEF", "kern", "BASE", "JSTF", "gasp",
                                        "DSIG", "VDMX", "hdmx", "LTSH", "vhea", "vmtx" };
    hb_set_t *tags = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++)
        hb_set_add(tags, hb_tag_from_string(drop[i], 4));
    hb_face_t *sub = hb_subset_or_fail(f->face, in);
    hb_subset_input_destroy(in);
    return sub;
}

/* The subset with only the tables in program_tables, serialised (HarfBuzz's face builder). */
static hb_blob_t *font_program(hb_face_t *sub)
{
    hb_face_t *builder = hb_face_builder_create();
    for (size_t i = 0; i < sizeof program_tables / sizeof program_tables[0]; i++) {
        hb_tag_t tag = hb_tag_from_string(program_tables[i], 4);
        hb_blob_t *t = hb_face_reference_table(sub, tag);
        if (hb_blob_get_length(t))
            hb_face_builder_add_table(builder, tag, t);
        hb_blob_destroy(t);
    }
    hb_blob_t *program = hb_face_reference_blob(builder);
    hb_face_destroy(builder);
    return program;
}

/* The font's descriptor with its FontFile2 (the program), made before libharu would make its
 * own. The metrics are libharu's (1/1000 em) plus /CapHeight, which libharu leaves out but the
 * PDF format requires. */
static HPDF_STATUS attach_program(HPDF_Doc pdf, HPDF_Font font, hb_face_t *sub,
                                  hb_blob_t *program, struct pdf_pack_ahead *ahead)
{
    HPDF_FontDef def = ((HPDF_FontAttr)font->attr)->fontdef;
    HPDF_TTFontDefAttr ta = (HPDF_TTFontDefAttr)def->attr;
    HPDF_Dict desc = HPDF_Dict_New(pdf->mmgr);
    HPDF_Dict file = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (!desc || !file || HPDF_Xref_Add(pdf->xref, desc) != HPDF_OK)
        return HPDF_FAILD_TO_ALLOC_MEM;
    unsigned len = 0;
    const char *data = hb_blob_get_data(program, &len);
    file->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    HPDF_STATUS st = HPDF_Stream_Write(file->stream, (const HPDF_BYTE *)data, len);
    st += HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)len);
    hb_position_t cap = 0;
    hb_font_t *sf = hb_font_create(sub);
    if (!hb_ot_metrics_get_position(sf, HB_OT_METRICS_TAG_CAP_HEIGHT, &cap))
        cap = (hb_position_t)(def->ascent * (int)hb_face_get_upem(sub) / 1000);
    hb_font_destroy(sf);
    st += HPDF_Dict_AddName(desc, "Type", "FontDescriptor");
    st += HPDF_Dict_AddName(desc, "FontName", ta->base_font);
    st += HPDF_Dict_AddNumber(desc, "Flags", (HPDF_INT32)def->flags);
    st += HPDF_Dict_Add(desc, "FontBBox", HPDF_Box_Array_New(pdf->mmgr, def->font_bbox));
    st += HPDF_Dict_AddNumber(desc, "ItalicAngle", def->italic_angle);
    st += HPDF_Dict_AddNumber(desc, "Ascent", def->ascent);
    st += HPDF_Dict_AddNumber(desc, "Descent", def->descent);
    st += HPDF_Dict_AddNumber(desc, "CapHeight",
                              (HPDF_INT32)((long)cap * 1000 / (long)hb_face_get_upem(sub)));
    st += HPDF_Dict_AddNumber(desc, "StemV", def->stemv);
    st += HPDF_Dict_Add(desc, "FontFile2", file);
    if (st != HPDF_OK)
        return HPDF_FAILD_TO_ALLOC_MEM;
    /* the largest streams of a small document: compressed while the pages are drawn */
    if (pdf_pack_ahead_stream(ahead, file) != HPDF_OK)
        return HPDF_FAILD_TO_ALLOC_MEM;
    def->descriptor = desc;
    return HPDF_OK;
}

static enum exp_status embed_face(HPDF_Doc pdf, struct font_face *f, struct embedded *e,
                                  struct pdf_pack_ahead *ahead, struct pdf_out_stats *stats,
                                  struct diag *d)
{
    hb_face_t *sub = subset_face(f);
    /* The face was parsed and shaped with already: subsetting it fails only when an
     * allocation does. */
    if (!sub)
        x_out_of_memory("hb-subset");
    hb_blob_t *blob = hb_face_reference_blob(sub);
    unsigned len = 0;
    const char *data = hb_blob_get_data(blob, &len);

    /* libharu 2.3 loads fonts only from files: a temporary, unlinked once loaded (libharu
     * keeps its FILE* open and re-reads glyf when saving). */
    enum exp_status rc = EXP_OK;
    char *temp = NULL;
    int fd = fsutil_temp_file("exporter-font", &temp);
    struct buf path = BUF_INIT;
    buf_puts(&path, temp ? temp : "$TMPDIR or /tmp");
    free(temp);
    if (fd < 0) {
        diag_error(d, path.data, 0, 0, "cannot create a temporary font file: %s", strerror(errno));
        rc = EXP_CANTCREAT;
        goto out;
    }
    size_t off = 0;
    while (off < len) {
        ssize_t w = write(fd, data + off, len - off);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        off += (size_t)w;
    }
    if (close(fd) != 0 || off < len) {
        diag_error(d, path.data, 0, 0, "cannot write a temporary font file");
        unlink(path.data);
        rc = EXP_IOERR;
        goto out;
    }
    const char *name = HPDF_LoadTTFontFromFile(pdf, path.data, HPDF_TRUE);
    unlink(path.data);
    e->width = xcalloc(65536, sizeof *e->width);
    hb_codepoint_t cp = HB_SET_VALUE_INVALID;
    while (hb_set_next(f->used, &cp) && cp <= 0xFFFF)
        e->width[cp] = (int16_t)font_face_pdf_width(f, cp);
    HPDF_Font font = name ? get_font(pdf, name) : NULL;
    if (!font && haru_error_is_memory(HPDF_GetError(pdf)))
        x_out_of_memory("libharu");
    if (!font) {
        diag_error(d, f->path, 0, 0, "libharu could not load the subset of font '%s' (error "
                   "0x%04lX)", f->family, (unsigned long)HPDF_GetError(pdf));
        rc = EXP_SOFTWARE;
        goto out;
    }
    hb_blob_t *program = font_program(sub);
    if (!hb_blob_get_length(program))
        x_out_of_memory("hb-subset");
    unsigned program_len = hb_blob_get_length(program);
    HPDF_STATUS pst = attach_program(pdf, font, sub, program, ahead);
    hb_blob_destroy(program);
    if (pst != HPDF_OK) {
        diag_error(d, f->path, 0, 0, "cannot embed the subset of font '%s'", f->family);
        rc = EXP_SOFTWARE;
        goto out;
    }
    e->cid = xcalloc(65536, sizeof *e->cid);
    struct cid_codes codes;
    assign_cids(e, sub, f->used, &codes);
    pst = write_cid_maps(pdf, font, &codes, f->used, e->width);
    if (pst == HPDF_OK)
        pst = replace_to_unicode(pdf, font, &codes);
    free(codes.unicode);
    free(codes.gid);
    if (pst != HPDF_OK) {
        diag_error(d, NULL, 0, 0, "cannot write the character maps of font '%s'", f->family);
        rc = EXP_SOFTWARE;
        goto out;
    }
    e->font = font;
    if (stats) {
        stats->font_bytes += program_len;
        stats->glyphs += hb_set_get_population(f->used);
        stats->fonts++;
    }
out:
    buf_free(&path);
    hb_blob_destroy(blob);
    hb_face_destroy(sub);
    return rc;
}

/* ---- Pages ---- */

struct page_state {
    HPDF_Page page;
    float height;
    int in_text;             /* inside BT … ET */
    long long tx, ty;        /* the text line's origin in 1/100 pt (relative Td moves) */
    HPDF_Font font;
    float size;
    uint32_t fill, stroke;   /* colours in effect */
    float line_width;
    struct buf ops;
    int in_mark;             /* a marked-content sequence is open */
    int mark_in_text;        /* … and it opened inside the current text object */
    int mark_node, mark_mcid;
};

static void write_ops(struct page_state *ps, const char *text)
{
    HPDF_Stream_WriteStr(((HPDF_PageAttr)ps->page->attr)->stream, text);
}

static void begin_text(struct page_state *ps)
{
    if (!ps->in_text) {
        HPDF_Page_BeginText(ps->page);
        ps->in_text = 1;
        ps->tx = ps->ty = 0;
    }
}

static void end_text(struct page_state *ps)
{
    if (ps->in_text) {
        HPDF_Page_EndText(ps->page);
        ps->in_text = 0;
    }
}

/* Marked-content sequences and text objects must nest. A sequence of text alone opens and
 * closes inside a text object, so one BT … ET spans many sequences and lines move by relative
 * Td; a sequence that also draws paths opens outside, and a text object inside it ends before
 * it does. (The font and colours stay set across both: they are graphics state.) */
static void end_mark(struct page_state *ps)
{
    if (!ps->in_mark)
        return;
    if (!ps->mark_in_text)
        end_text(ps);
    struct buf b = BUF_INIT;
    tags_close_content(&b);
    write_ops(ps, b.data);
    buf_free(&b);
    ps->in_mark = 0;
}

/* Whether op k and the ops after it in its marked-content sequence are all text. */
static int sequence_is_text(const struct layout_page *lp, size_t k)
{
    const struct layout_op *op = &lp->ops[k];
    for (size_t j = k; j < lp->nops && lp->ops[j].node == op->node
                       && lp->ops[j].mcid == op->mcid; j++)
        if (lp->ops[j].kind != LAYOUT_OP_TEXT)
            return 0;
    return 1;
}

static void mark(struct page_state *ps, const struct layout *L, const struct layout_page *lp,
                 size_t k)
{
    const struct layout_op *op = &lp->ops[k];
    if (ps->in_mark && ps->mark_node == op->node && ps->mark_mcid == op->mcid)
        return;
    end_mark(ps);
    ps->mark_in_text = sequence_is_text(lp, k);
    if (ps->mark_in_text)
        begin_text(ps);
    else
        end_text(ps);
    struct buf b = BUF_INIT;
    tags_open_content(L, op, &b);
    write_ops(ps, b.data);
    buf_free(&b);
    ps->in_mark = 1;
    ps->mark_node = op->node;
    ps->mark_mcid = op->mcid;
}

static void write_buf(struct page_state *ps, const struct buf *b)
{
    HPDF_Stream_Write(((HPDF_PageAttr)ps->page->attr)->stream, (const HPDF_BYTE *)b->data,
                      (HPDF_UINT)b->len);
}

/* "r g b rg" (or RG): three decimals tell the 256 levels of a component apart. */
static void put_color(struct buf *b, uint32_t c, const char *op)
{
    for (int shift = 16; shift >= 0; shift -= 8) {
        put_num(b, ((c >> shift) & 255) / 255.0, 3);
        buf_putc(b, ' ');
    }
    buf_puts(b, op);
    buf_putc(b, '\n');
}

static void set_fill(struct page_state *ps, uint32_t c)
{
    if (ps->fill != c) {
        struct buf b = BUF_INIT;
        put_color(&b, c, "rg");
        write_buf(ps, &b);
        buf_free(&b);
        ps->fill = c;
    }
}

/* Stroke colour and line width, written only when they change (graphics state outlives the
 * marked-content sequences around each rule). */
static void set_stroke(struct page_state *ps, uint32_t c, float width)
{
    struct buf b = BUF_INIT;
    if (ps->stroke != c)
        put_color(&b, c, "RG");
    if (ps->line_width != width) {
        put_num(&b, width, 2);
        buf_puts(&b, " w\n");
    }
    ps->stroke = c;
    ps->line_width = width;
    if (b.len)
        write_buf(ps, &b);
    buf_free(&b);
}

/* A glyph code as two bytes of a literal string: the bytes themselves except the three a
 * string must escape, and CR (a reader would read a bare CR as LF). */
static void put_code(struct buf *b, unsigned code)
{
    const unsigned char bytes[2] = { (unsigned char)(code >> 8), (unsigned char)code };
    for (int i = 0; i < 2; i++) {
        unsigned char c = bytes[i];
        if (c == '(' || c == ')' || c == '\\')
            buf_putc(b, '\\');
        if (c == '\r')
            buf_puts(b, "\\r");
        else
            buf_putc(b, (char)c);
    }
}

/* One run as a move from the last line's origin (Td) and a TJ array that moves the pen to every glyph's x: after a
 * glyph the PDF advances by its W width, so each gap to the next layout position becomes a
 * TJ number (in 1/1000 em, subtracted). Positions to 0.01 pt (under 1/100 of a pixel at
 * 110 dpi); the glyph codes as a literal string (denser than hex for deflate). */
static void emit_run(struct page_state *ps, const struct layout_page *lp,
                     const struct layout_op *op, const struct embedded *e)
{
    begin_text(ps);
    if (ps->font != e->font || ps->size != op->u.text.size) {
        HPDF_Page_SetFontAndSize(ps->page, e->font, op->u.text.size);
        ps->font = e->font;
        ps->size = op->u.text.size;
    }
    set_fill(ps, op->u.text.color);
    struct buf *b = &ps->ops;
    buf_clear(b);
    const struct layout_glyph *g = lp->glyphs + op->u.text.first;
    size_t n = op->u.text.count;
    double size = op->u.text.size;
    long long x = llround(g[0].x * 100), y = llround((ps->height - op->u.text.y) * 100);
    put_num(b, (double)(x - ps->tx) / 100, 2);
    buf_putc(b, ' ');
    put_num(b, (double)(y - ps->ty) / 100, 2);
    buf_puts(b, " Td\n[(");
    size_t open_at = b->len - 2;   /* "[(": a run with no adjustment becomes "(…) Tj" */
    int adjusted = 0;
    ps->tx = x;
    ps->ty = y;
    double pen = g[0].x;
    for (size_t i = 0; i < n; i++) {
        if (i > 0) {
            double adj = (g[i].x - pen) * 1000.0 / size;
            long long q = llround(adj * 100);
            /* Below half a thousandth of an em the gap is float noise, not layout: carry it. */
            if (llabs(q) >= 50) {
                adjusted = 1;
                buf_putc(b, ')');
                put_num(b, -(double)q / 100, 2);
                buf_putc(b, '(');
                pen += (double)q / 100 * size / 1000.0;
            }
        }
        put_code(b, e->cid[g[i].cp & 0xFFFF]);
        pen += e->width[g[i].cp & 0xFFFF] * size / 1000.0;
    }
    if (adjusted) {
        buf_puts(b, ")] TJ\n");
    } else {
        memmove(b->data + open_at, b->data + open_at + 1, b->len - open_at - 1);
        b->len--;
        buf_puts(b, ") Tj\n");
    }
    write_buf(ps, b);
}

static void emit_rect(struct page_state *ps, const struct layout_op *op)
{
    end_text(ps);
    int fill = op->u.rect.fill != LAYOUT_NO_COLOR, stroke = op->u.rect.stroke != LAYOUT_NO_COLOR;
    if (!fill && !stroke)
        return;
    if (fill)
        set_fill(ps, op->u.rect.fill);
    if (stroke)
        set_stroke(ps, op->u.rect.stroke, op->u.rect.line_width);
    struct buf *b = &ps->ops;
    buf_clear(b);
    const float v[4] = { op->u.rect.x, ps->height - op->u.rect.y - op->u.rect.h, op->u.rect.w,
                         op->u.rect.h };
    for (int i = 0; i < 4; i++) {
        put_num(b, v[i], 2);
        buf_putc(b, ' ');
    }
    buf_puts(b, fill && stroke ? "re\nB\n" : fill ? "re\nf\n" : "re\nS\n");
    write_buf(ps, b);
}

static void emit_line_op(struct page_state *ps, const struct layout_op *op)
{
    end_text(ps);
    set_stroke(ps, op->u.line.color, op->u.line.line_width);
    struct buf *b = &ps->ops;
    buf_clear(b);
    const float v[4] = { op->u.line.x1, ps->height - op->u.line.y1, op->u.line.x2,
                         ps->height - op->u.line.y2 };
    for (int i = 0; i < 4; i++) {
        put_num(b, v[i], 2);
        buf_puts(b, i == 1 ? " m " : i == 3 ? " l S\n" : " ");
    }
    write_buf(ps, b);
}

/* URIs go into the PDF as literal strings: percent-encode what is not printable ASCII. */
static char *uri_escape(const char *s)
{
    struct buf b = BUF_INIT;
    buf_puts(&b, "");
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p <= 0x20 || *p >= 0x7F || *p == '(' || *p == ')' || *p == '\\')
            buf_printf(&b, "%%%02X", *p);
        else
            buf_putc(&b, (char)*p);
    }
    return buf_detach(&b);
}

static void set_date(HPDF_Doc pdf, long long epoch)
{
    HPDF_Date dt;
    memset(&dt, 0, sizeof dt);
    date_utc_parts(epoch, &dt.year, &dt.month, &dt.day, &dt.hour, &dt.minutes, &dt.seconds);
    dt.ind = 'Z';
    HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, dt);
    HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, dt);
}

static void set_info(HPDF_Doc pdf, const struct pdf_out_info *info)
{
    if (!info)
        return;
    if (info->title) HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, info->title);
    if (info->author) HPDF_SetInfoAttr(pdf, HPDF_INFO_AUTHOR, info->author);
    if (info->subject) HPDF_SetInfoAttr(pdf, HPDF_INFO_SUBJECT, info->subject);
    if (info->keywords) HPDF_SetInfoAttr(pdf, HPDF_INFO_KEYWORDS, info->keywords);
    if (info->creator) HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, info->creator);
    if (info->date >= 0)
        set_date(pdf, info->date);
}

/* Everything a page's content stream holds, each op inside its marked-content sequence. */
static void draw_page(struct page_state *ps, const struct layout *L, int pi,
                      const struct embedded *emb)
{
    const struct layout_page *lp = layout_get_page(L, pi);
    ps->in_text = 0;
    ps->in_mark = 0;
    ps->font = NULL;
    ps->fill = ps->stroke = 0;   /* the PDF defaults: black, 1 pt lines */
    ps->line_width = 1;
    for (size_t k = 0; k < lp->nops; k++) {
        const struct layout_op *op = &lp->ops[k];
        if (op->kind == LAYOUT_OP_TEXT && !(op->u.text.count && emb[op->u.text.face].font))
            continue;
        mark(ps, L, lp, k);
        if (op->kind == LAYOUT_OP_TEXT)
            emit_run(ps, lp, op, &emb[op->u.text.face]);
        else if (op->kind == LAYOUT_OP_RECT)
            emit_rect(ps, op);
        else
            emit_line_op(ps, op);
    }
    end_mark(ps);
    end_text(ps);
}

/* Destinations, one per distinct place: every link to an anchor and every outline entry at
 * the same spot shares it. */
struct dests {
    HPDF_Doc pdf;
    HPDF_Page *pages;
    float height;
    struct { int page; float y; HPDF_Destination d; } *v;
    size_t n, cap;
    const struct layout_anchor **sorted;   /* anchors by name, for bsearch */
    size_t nsorted;
};

static HPDF_Destination dest_at(struct dests *D, int page, float y)
{
    for (size_t i = 0; i < D->n; i++)
        if (D->v[i].page == page && D->v[i].y == y)
            return D->v[i].d;
    HPDF_Destination d = HPDF_Page_CreateDestination(D->pages[page]);
    if (!d)
        return NULL;
    HPDF_Destination_SetFitH(d, roundf(D->height - y));   /* whole points: a view's top edge */
    xgrow(&D->v, &D->cap, D->n + 1, sizeof *D->v);
    D->v[D->n].page = page;
    D->v[D->n].y = y;
    D->v[D->n++].d = d;
    return d;
}

static int anchor_cmp(const void *a, const void *b)
{
    const struct layout_anchor *x = *(const struct layout_anchor *const *)a;
    const struct layout_anchor *y = *(const struct layout_anchor *const *)b;
    return strcmp(x->name, y->name);
}

static const struct layout_anchor *find_anchor(const struct dests *D, const char *name)
{
    struct layout_anchor key = { (char *)name, 0, 0 };
    const struct layout_anchor *kp = &key;
    const struct layout_anchor **hit = D->nsorted ? bsearch(&kp, D->sorted, D->nsorted,
                                                            sizeof *D->sorted, anchor_cmp) : NULL;
    return hit ? *hit : NULL;
}

/* A link annotation with only what a viewer needs: no /Type (optional), no /P, a /Rect of
 * whole points around the link's box, /Border [0 0 0] (the default is a visible border),
 * /Contents describing it. */
static HPDF_Annotation make_link(struct dests *D, HPDF_Page page, const struct layout_link *ln,
                                 const struct layout *L, struct diag *d)
{
    float h = D->height;
    HPDF_Rect r = { floorf(ln->x), floorf(h - ln->y - ln->h), ceilf(ln->x + ln->w),
                    ceilf(h - ln->y) };
    HPDF_Annotation a = NULL;
    if (ln->uri[0] == '#') {
        const struct layout_anchor *to = find_anchor(D, ln->uri + 1);
        if (!to || to->page < 0 || to->page >= layout_page_count(L)) {
            diag_warning(d, NULL, 0, 0, "link to '%s', which no anchor names; left out", ln->uri);
            return NULL;
        }
        HPDF_Destination dst = dest_at(D, to->page, to->y);
        a = dst ? HPDF_Page_CreateLinkAnnot(page, r, dst) : NULL;
    } else if (!text_is_web_url(ln->uri)) {
        return NULL;   /* javascript:, file:, data: … never become live links */
    } else {
        char *uri = uri_escape(ln->uri);
        a = HPDF_Page_CreateURILinkAnnot(page, r, uri);
        free(uri);
    }
    if (!a)
        return NULL;
    HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
    HPDF_Dict_RemoveElement(a, "Type");
    HPDF_Dict_RemoveElement(a, "P");
    size_t nn;
    const struct layout_node *nodes = layout_nodes(L, &nn);
    const char *what = ln->node >= 0 && nodes[ln->node].alt ? nodes[ln->node].alt : NULL;
    if (what) {
        HPDF_String s = tags_text_string(D->pdf, what);
        if (s)
            HPDF_Dict_Add(a, "Contents", s);
    }
    return a;
}

static void add_outlines(struct dests *D, const struct layout *L)
{
    size_t nout;
    const struct layout_outline *ol = layout_outlines(L, &nout);
    HPDF_Outline parents[8] = { 0 };
    HPDF_Encoder enc = HPDF_GetEncoder(D->pdf, "UTF-8");
    int npages = layout_page_count(L);
    for (size_t i = 0; i < nout; i++) {
        int lv = ol[i].level < 0 ? 0 : ol[i].level > 7 ? 7 : ol[i].level;
        while (lv > 0 && !parents[lv - 1])
            lv--;
        HPDF_Outline o = HPDF_CreateOutline(D->pdf, lv ? parents[lv - 1] : NULL, ol[i].title, enc);
        if (!o)
            break;
        HPDF_Outline_SetOpened(o, lv == 0);
        if (ol[i].page >= 0 && ol[i].page < npages) {
            HPDF_Destination dst = dest_at(D, ol[i].page, ol[i].y);
            if (dst)
                HPDF_Outline_SetDestination(o, dst);
        }
        parents[lv] = o;
        for (int k = lv + 1; k < 8; k++)
            parents[k] = NULL;
    }
    if (nout)
        HPDF_SetPageMode(D->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
}

static enum exp_status build(HPDF_Doc pdf, const struct layout *L,
                             const struct pdf_out_info *info, struct pdf_out_stats *stats,
                             struct diag *d, struct embedded *emb, int nfaces,
                             struct pdf_pack_ahead *ahead)
{
    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(pdf);
    HPDF_SetCurrentEncoder(pdf, "UTF-8");
    set_info(pdf, info);
    struct font_set *fs = layout_fonts(L);
    for (int i = 0; i < nfaces; i++) {
        struct font_face *f = font_set_face(fs, i);
        if (hb_set_is_empty(f->used))
            continue;
        enum exp_status rc = embed_face(pdf, f, &emb[i], ahead, stats, d);
        if (rc != EXP_OK)
            return rc;
    }
    const struct layout_page_setup *setup = layout_setup(L);
    int npages = layout_page_count(L);
    enum exp_status rc = EXP_OK;
    HPDF_Page *pages = xcalloc((size_t)(npages ? npages : 1), sizeof *pages);
    HPDF_Annotation **annots = xcalloc((size_t)(npages ? npages : 1), sizeof *annots);
    struct dests D = { .pdf = pdf, .pages = pages, .height = setup->height };
    /* Every page first, so a link can point to a later one. */
    for (int pi = 0; pi < npages; pi++) {
        pages[pi] = HPDF_AddPage(pdf);
        if (!pages[pi]) {
            rc = EXP_SOFTWARE;
            goto out;
        }
        HPDF_Page_SetWidth(pages[pi], setup->width);
        HPDF_Page_SetHeight(pages[pi], setup->height);
        /* /ProcSet is obsolete (PDF 1.4 on) and ignored by readers */
        HPDF_Dict res = HPDF_Dict_GetItem(pages[pi], "Resources", HPDF_OCLASS_DICT);
        if (res)
            HPDF_Dict_RemoveElement(res, "ProcSet");
    }
    size_t nanchors;
    const struct layout_anchor *anchors = layout_anchors(L, &nanchors);
    D.sorted = xcalloc(nanchors ? nanchors : 1, sizeof *D.sorted);
    for (size_t i = 0; i < nanchors; i++)
        D.sorted[i] = &anchors[i];
    D.nsorted = nanchors;
    qsort(D.sorted, nanchors, sizeof *D.sorted, anchor_cmp);
    struct page_state ps;
    memset(&ps, 0, sizeof ps);
    ps.height = setup->height;
    for (int pi = 0; pi < npages; pi++) {
        const struct layout_page *lp = layout_get_page(L, pi);
        ps.page = pages[pi];
        draw_page(&ps, L, pi, emb);
        HPDF_Dict contents = HPDF_Dict_GetItem(pages[pi], "Contents", HPDF_OCLASS_DICT);
        if (contents && contents->stream && pdf_pack_ahead_stream(ahead, contents) != HPDF_OK) {
            rc = EXP_SOFTWARE;
            goto out;
        }
        annots[pi] = xcalloc(lp->nlinks ? lp->nlinks : 1, sizeof *annots[pi]);
        for (size_t k = 0; k < lp->nlinks; k++)
            annots[pi][k] = make_link(&D, pages[pi], &lp->links[k], L, d);
    }
    buf_free(&ps.ops);
    add_outlines(&D, L);
    rc = tags_write_tree(pdf, L, pages, annots, d);
    if (rc == EXP_OK)
        rc = tags_write_catalog(pdf, info, d);
out:
    for (int pi = 0; pi < npages; pi++)
        free(annots[pi]);
    free(annots);
    free(D.v);
    free(D.sorted);
    free(pages);
    return rc;
}

enum exp_status pdf_out_to_buf(const struct layout *L, const struct pdf_out_info *info,
                               struct buf *out, struct pdf_out_stats *stats, struct diag *d)
{
    struct haru_error err = { 0, 0 };
    HPDF_Doc pdf = HPDF_New(on_error, &err);
    if (!pdf) {
        diag_error(d, NULL, 0, 0, "libharu could not start a document");
        return EXP_SOFTWARE;
    }
    if (stats)
        memset(stats, 0, sizeof *stats);
    struct font_set *fs = layout_fonts(L);
    int nfaces = font_set_face_count(fs);
    struct embedded *emb = xcalloc((size_t)(nfaces ? nfaces : 1), sizeof *emb);
    struct pdf_pack_ahead *ahead = pdf_pack_ahead_new(pdf);
    enum exp_status rc = build(pdf, L, info, stats, d, emb, nfaces, ahead);
    if (haru_error_is_memory(err.code) || haru_error_is_memory(HPDF_GetError(pdf)))
        x_out_of_memory("libharu");
    if (rc == EXP_OK && err.code) {
        diag_error(d, NULL, 0, 0, "libharu failed (error 0x%04lX, detail %lu)",
                   (unsigned long)err.code, (unsigned long)err.detail);
        rc = EXP_SOFTWARE;
    }
    if (rc == EXP_OK) {
        size_t start = out->len;
        rc = pdf_pack_write(pdf, ahead, out, d);
        if (rc == EXP_OK && err.code) {
            diag_error(d, NULL, 0, 0, "libharu failed while writing (error 0x%04lX, detail %lu)",
                       (unsigned long)err.code, (unsigned long)err.detail);
            rc = EXP_SOFTWARE;
        }
        if (stats)
            stats->bytes = out->len - start;
    }
    for (int i = 0; i < nfaces; i++) {
        free(emb[i].width);
        free(emb[i].cid);
    }
    free(emb);
    pdf_pack_ahead_free(ahead);
    HPDF_Free(pdf);
    return rc;
}

enum exp_status pdf_out_write(const struct layout *L, const struct pdf_out_info *info,
                              FILE *out, struct pdf_out_stats *stats, struct diag *d)
{
    struct buf b = BUF_INIT;
    enum exp_status rc = pdf_out_to_buf(L, info, &b, stats, d);
    if (rc == EXP_OK && (fwrite(b.data, 1, b.len, out) != b.len || fflush(out) != 0)) {
        diag_error(d, NULL, 0, 0, "cannot write the PDF: %s", strerror(errno));
        rc = EXP_IOERR;
    }
    buf_free(&b);
    return rc;
}

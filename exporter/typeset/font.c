/* font.c — fontconfig resolution, fallback chains, lazily opened HarfBuzz faces. */
#include "typeset/font.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fontconfig/fontconfig.h>
#include <hb-ot.h>

#include "util/buf.h"
#include "util/fsutil.h"

/* Fallback fonts taken from fontconfig's sorted list per style; enough to cover Hanja,
 * symbols and Latin extras without opening dozens of files. */
#define FALLBACKS_PER_STYLE 12

static const char *const default_spec[FONT_STYLE_COUNT] = {
    "NanumGothic", "NanumGothic:bold", "NanumMyeongjo", "NanumMyeongjo:bold",
};

/* One font file (and face index) the set knows about; opened on first use. */
struct source {
    char *path;
    unsigned index;
    char *family;
    int face;           /* index into faces; -1 not opened yet; -2 unusable (warned once) */
};

struct candidate {
    int source;
    FcCharSet *charset; /* coverage from fontconfig, or NULL when unknown (a file path) */
};

struct chain {
    struct candidate *items;
    size_t len, cap;
};

struct font_set {
    FcConfig *project;  /* private config with only the project folder's fonts; NULL if none */
    FcConfig *base;     /* the project's fonts.conf: the default families' folder; NULL if none */
    FcConfig *system;   /* fontconfig's full configuration, loaded only when needed */
    int system_failed;
    int fallbacks_loaded;
    char *specs[FONT_STYLE_COUNT];
    struct source *sources;
    size_t nsources, sources_cap;
    struct font_face *faces;
    size_t nfaces, faces_cap;
    struct chain chains[FONT_STYLE_COUNT];
    hb_set_t *reported;
    struct diag *d;
};

/* ---- Sources and faces ---- */

static int source_add(struct font_set *fs, const char *path, unsigned index, const char *family)
{
    for (size_t i = 0; i < fs->nsources; i++)
        if (fs->sources[i].index == index && strcmp(fs->sources[i].path, path) == 0)
            return (int)i;
    xgrow(&fs->sources, &fs->sources_cap, fs->nsources + 1, sizeof *fs->sources);
    struct source *s = &fs->sources[fs->nsources];
    s->path = xstrdup(path);
    s->index = index;
    s->family = xstrdup(family ? family : path);
    s->face = -1;
    return (int)fs->nsources++;
}

static int has_table(hb_face_t *face, const char *tag)
{
    hb_blob_t *t = hb_face_reference_table(face, hb_tag_from_string(tag, 4));
    unsigned len = hb_blob_get_length(t);
    hb_blob_destroy(t);
    return len > 0;
}

/* The OS/2 fsType bits libharu refuses to embed: restricted licence (0x0002), no subsetting
 * (0x0100), bitmap embedding only (0x0200). Returns them, or 0. */
static unsigned embedding_forbidden(hb_face_t *face)
{
    hb_blob_t *t = hb_face_reference_table(face, hb_tag_from_string("OS/2", 4));
    unsigned len = 0;
    const unsigned char *os2 = (const unsigned char *)hb_blob_get_data(t, &len);
    unsigned fs_type = len >= 10 ? (unsigned)(os2[8] << 8 | os2[9]) : 0;
    hb_blob_destroy(t);
    return fs_type & 0x0302u;
}

/* A face's character map, remembered. HarfBuzz finds a character's glyph by a binary search in
 * the cmap's segments, and a briefing asks for the same few hundred characters tens of
 * thousands of times (the shaper, the fallback chain, the neutral-character test, the PDF's
 * widths). A face's font is therefore a sub-font of HarfBuzz's own whose nominal-glyph
 * function answers from this table, asking the parent the first time: the same answers, so the
 * same shaping and the same glyphs. BMP only (the rest goes to the parent); a page of 256
 * answers is made when first needed. A font_set is used by one thread at a time. */
struct cmap_memo {
    uint32_t *page[256];   /* per code point: 0 not asked yet, 1 no glyph, else glyph + 2 */
};

static hb_bool_t memo_nominal_glyph(hb_font_t *font, void *data, hb_codepoint_t cp,
                                    hb_codepoint_t *glyph, void *user_data)
{
    (void)user_data;
    struct cmap_memo *m = data;
    hb_font_t *parent = hb_font_get_parent(font);
    if (cp > 0xFFFF)
        return hb_font_get_nominal_glyph(parent, cp, glyph);
    uint32_t **page = &m->page[cp >> 8];
    if (!*page)
        *page = xcalloc(256, sizeof **page);
    uint32_t *known = &(*page)[cp & 255];
    if (!*known) {
        hb_codepoint_t g = 0;
        *known = hb_font_get_nominal_glyph(parent, cp, &g) ? g + 2 : 1;
    }
    if (*known == 1)
        return 0;
    *glyph = *known - 2;
    return 1;
}

static void memo_free(void *data)
{
    struct cmap_memo *m = data;
    for (size_t i = 0; i < sizeof m->page / sizeof *m->page; i++)
        free(m->page[i]);
    free(m);
}

/* HarfBuzz's font for face at scale upem (positions in font units), its cmap remembered. */
static hb_font_t *memo_font(hb_face_t *face, unsigned upem)
{
    hb_font_t *parent = hb_font_create(face);
    hb_font_set_scale(parent, (int)upem, (int)upem);
    hb_font_t *font = hb_font_create_sub_font(parent);
    hb_font_destroy(parent);   /* the sub-font keeps it */
    hb_font_funcs_t *funcs = hb_font_funcs_create();
    hb_font_funcs_set_nominal_glyph_func(funcs, memo_nominal_glyph, NULL, NULL);
    hb_font_funcs_make_immutable(funcs);
    hb_font_set_funcs(font, funcs, xcalloc(1, sizeof(struct cmap_memo)), memo_free);
    hb_font_funcs_destroy(funcs);
    return font;
}

/* Opens a source as a HarfBuzz face; on any problem warns once, naming the file. */
static int source_open(struct font_set *fs, int si)
{
    struct source *s = &fs->sources[si];
    if (s->face != -1)
        return s->face;
    s->face = -2;
    errno = 0;
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(s->path);
    /* A font that cannot be read for want of memory must not be replaced by the next one in
     * the chain: the run would succeed with headings in another font. */
    if (!blob && (errno == ENOMEM || access(s->path, R_OK) == 0))
        x_out_of_memory(s->path);
    if (!blob) {
        diag_warning(fs->d, s->path, 0, 0, "cannot read font file (%s); skipped, using the next "
                     "font in the fallback chain", s->family);
        return -2;
    }
    hb_face_t *face = NULL;
    const char *why = NULL;
    unsigned count = hb_face_count(blob);
    if (count == 0) {
        why = "not a TrueType/OpenType font file";
    } else if (s->index >= count) {
        why = "face index out of range";
    } else {
        face = hb_face_create(blob, s->index);
        if (has_table(face, "CFF ") || has_table(face, "CFF2"))
            why = "has CFF (PostScript) outlines; libharu 2.3 draws only TrueType outlines";
        else if (!has_table(face, "glyf") || !has_table(face, "loca"))
            why = "has no TrueType outlines (glyf/loca)";
        else if (!has_table(face, "cmap") || !has_table(face, "hmtx"))
            why = "lacks a cmap or hmtx table";
        else if (embedding_forbidden(face))
            why = "does not allow embedding in documents (OS/2 fsType)";
    }
    if (why) {
        diag_warning(fs->d, s->path, 0, 0, "font '%s' %s; skipped, using the next font in the "
                     "fallback chain", s->family, why);
        hb_face_destroy(face);
        hb_blob_destroy(blob);
        return -2;
    }
    /* libharu keys embedded fonts by PostScript name and silently reuses the first one it
     * loaded: two files with one name (a project copy and the system's) must be one face. */
    char ps[128];
    unsigned ps_len = sizeof ps;
    if (!hb_ot_name_get_utf8(face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &ps_len, ps))
        ps[0] = '\0';
    for (size_t i = 0; ps[0] && i < fs->nfaces; i++) {
        char other[128];
        unsigned other_len = sizeof other;
        if (hb_ot_name_get_utf8(fs->faces[i].face, HB_OT_NAME_ID_POSTSCRIPT_NAME,
                                HB_LANGUAGE_INVALID, &other_len, other)
            && strcmp(ps, other) == 0) {
            hb_face_destroy(face);
            hb_blob_destroy(blob);
            s->face = (int)i;
            return (int)i;
        }
    }
    xgrow(&fs->faces, &fs->faces_cap, fs->nfaces + 1, sizeof *fs->faces);
    struct font_face *f = &fs->faces[fs->nfaces];
    memset(f, 0, sizeof *f);
    f->path = xstrdup(s->path);
    f->index = s->index;
    f->family = xstrdup(s->family);
    f->blob = blob;
    f->face = face;
    f->upem = hb_face_get_upem(face);
    f->font = memo_font(face, f->upem);
    f->used = hb_set_create();
    s->face = (int)fs->nfaces;
    return (int)fs->nfaces++;
}

static void chain_add(struct chain *c, int source, FcCharSet *cs)
{
    for (size_t i = 0; i < c->len; i++)
        if (c->items[i].source == source)
            return;
    xgrow(&c->items, &c->cap, c->len + 1, sizeof *c->items);
    c->items[c->len].source = source;
    c->items[c->len].charset = cs ? FcCharSetCopy(cs) : NULL;
    c->len++;
}

/* ---- fontconfig ---- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int is_path_spec(const char *spec)
{
    size_t n = strlen(spec);
    if (strchr(spec, '/'))
        return 1;
    return n > 4 && (strcasecmp(spec + n - 4, ".ttf") == 0 || strcasecmp(spec + n - 4, ".ttc") == 0
                     || strcasecmp(spec + n - 4, ".otf") == 0);
}

static int is_font_file(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && (strcasecmp(name + n - 4, ".ttf") == 0 || strcasecmp(name + n - 4, ".ttc") == 0
                     || strcasecmp(name + n - 4, ".otf") == 0);
}

/* A private configuration holding the font files of the project folder, added file by file:
 * fontconfig then scans just them and never tries to write a cache for the folder (with no
 * writable cache folder, say HOME unset, it would print an error on a successful run). */
static FcConfig *project_config(const char *dir)
{
    DIR *dp = opendir(dir);
    if (!dp)
        return NULL;
    FcConfig *cfg = NULL;
    struct dirent *e;
    struct buf path = BUF_INIT;
    /* readdir order is the file system's: sort by collecting, so the result is stable */
    char **names = NULL;
    size_t n = 0, cap = 0;
    while ((e = readdir(dp)) != NULL)
        if (e->d_name[0] != '.' && is_font_file(e->d_name)) {
            xgrow(&names, &cap, n + 1, sizeof *names);
            names[n++] = xstrdup(e->d_name);
        }
    closedir(dp);
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        if (!cfg)
            cfg = FcConfigCreate();
        if (!cfg)
            x_out_of_memory("fontconfig");   /* FcConfigCreate fails only on allocation */
        buf_clear(&path);
        buf_printf(&path, "%s/%s", dir, names[i]);
        FcConfigAppFontAddFile(cfg, (const FcChar8 *)path.data);
        free(names[i]);
    }
    free(names);
    buf_free(&path);
    return cfg;
}

/* The project's fonts.conf (a plain fontconfig file naming the folders of the default
 * families and their caches): a few hundred microseconds where the full configuration costs
 * milliseconds. NULL when there is none or it does not load. */
static FcConfig *base_config(const char *dir, const struct diag *d)
{
    struct buf path = BUF_INIT;
    buf_printf(&path, "%s/fonts.conf", dir);
    /* fontconfig reads a relative file name from its own configuration folder */
    char *abs = realpath(path.data, NULL);
    FcConfig *cfg = NULL;
    if (abs && access(abs, R_OK) == 0) {
        cfg = FcConfigCreate();
        /* fontconfig prints its own "Fontconfig error" lines when a file will not open (out
           of descriptors): a failure here only means the fuller path is taken */
        int muted = diag_mute_stderr(d);
        if (!FcConfigParseAndLoad(cfg, (const FcChar8 *)abs, FcTrue)
            || !FcConfigBuildFonts(cfg)) {
            FcConfigDestroy(cfg);
            cfg = NULL;
        }
        diag_unmute_stderr(d, muted);
    }
    free(abs);
    buf_free(&path);
    return cfg;
}

/* fontconfig's full configuration, loaded once on first need. */
static FcConfig *system_config(struct font_set *fs)
{
    if (!fs->system && !fs->system_failed) {
        int muted = diag_mute_stderr(fs->d);   /* its failure is reported in our words */
        fs->system = FcInitLoadConfigAndFonts();
        diag_unmute_stderr(fs->d, muted);
        fs->system_failed = !fs->system;
    }
    return fs->system;
}

static int family_matches(FcPattern *font, const char *want)
{
    FcChar8 *fam;
    for (int i = 0; FcPatternGetString(font, FC_FAMILY, i, &fam) == FcResultMatch; i++)
        if (strcasecmp((const char *)fam, want) == 0)
            return 1;
    return 0;
}

static int weight_matches(FcPattern *font, FcPattern *want)
{
    int w = 0, got = 0;
    if (FcPatternGetInteger(want, FC_WEIGHT, 0, &w) != FcResultMatch)
        w = FC_WEIGHT_REGULAR;
    if (FcPatternGetInteger(font, FC_WEIGHT, 0, &got) != FcResultMatch)
        got = FC_WEIGHT_REGULAR;
    return abs(w - got) <= 40;
}

/* Source index of the match for pat in cfg, or -1. exact: only a font of the asked family
 * and weight counts. */
static int match_in(struct font_set *fs, FcConfig *cfg, FcPattern *pat, const char *family,
                    int exact, FcCharSet **cs_out)
{
    FcResult r;
    FcPattern *m = FcFontMatch(cfg, pat, &r);
    if (!m)
        return -1;
    FcChar8 *file = NULL, *fam = NULL;
    int index = 0, si = -1;
    FcPatternGetInteger(m, FC_INDEX, 0, &index);
    FcPatternGetString(m, FC_FAMILY, 0, &fam);
    if (FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch
        && (!exact || !family || (family_matches(m, family) && weight_matches(m, pat)))) {
        si = source_add(fs, (const char *)file, (unsigned)index, fam ? (const char *)fam : NULL);
        FcCharSet *cs = NULL;
        if (FcPatternGetCharSet(m, FC_CHARSET, 0, &cs) == FcResultMatch && cs_out)
            *cs_out = FcCharSetCopy(cs);
        if (!exact && family && !family_matches(m, family))
            diag_warning(fs->d, NULL, 0, 0, "font family '%s' not found; using '%s' (%s)",
                         family, fam ? (const char *)fam : "?", (const char *)file);
    }
    FcPatternDestroy(m);
    return si;
}

/* The pattern a spec asks for, with lang=ko; *family (caller frees) the family it names. */
static FcPattern *spec_pattern(const char *spec, char **family)
{
    FcPattern *pat = FcNameParse((const FcChar8 *)spec);
    *family = NULL;
    if (!pat)
        return NULL;
    FcChar8 *fam = NULL;
    if (FcPatternGetString(pat, FC_FAMILY, 0, &fam) == FcResultMatch)
        *family = xstrdup((const char *)fam);
    FcLangSet *ls = FcLangSetCreate();
    FcLangSetAdd(ls, (const FcChar8 *)"ko");
    FcPatternAddLangSet(pat, FC_LANG, ls);
    FcLangSetDestroy(ls);
    return pat;
}

static int match_exact(struct font_set *fs, FcConfig *cfg, FcPattern *pat, const char *family,
                       FcCharSet **cs)
{
    if (!cfg)
        return -1;
    FcPattern *p = FcPatternDuplicate(pat);
    FcConfigSubstitute(cfg, p, FcMatchPattern);
    FcDefaultSubstitute(p);
    int si = match_in(fs, cfg, p, family, 1, cs);
    FcPatternDestroy(p);
    return si;
}

/* The style's first font: the project folder's, then the project's fonts.conf's (both only
 * when family and weight are the ones asked for), then whatever the full configuration
 * answers (with a warning when it is another family). */
static void resolve_primary(struct font_set *fs, enum font_style st, const char *spec)
{
    struct chain *c = &fs->chains[st];
    if (is_path_spec(spec)) {
        chain_add(c, source_add(fs, spec, 0, spec), NULL);
        return;
    }
    char *family;
    FcPattern *pat = spec_pattern(spec, &family);
    if (!pat)
        return;
    FcCharSet *cs = NULL;
    int si = match_exact(fs, fs->project, pat, family, &cs);
    if (si < 0)
        si = match_exact(fs, fs->base, pat, family, &cs);
    if (si < 0 && system_config(fs)) {
        FcPattern *sys = FcPatternDuplicate(pat);
        FcConfigSubstitute(fs->system, sys, FcMatchPattern);
        FcDefaultSubstitute(sys);
        si = match_in(fs, fs->system, sys, family, 0, &cs);
        FcPatternDestroy(sys);
    }
    if (si >= 0)
        chain_add(c, si, cs);
    if (cs)
        FcCharSetDestroy(cs);
    FcPatternDestroy(pat);
    free(family);
}

/* Fallbacks: the full configuration's list sorted by closeness, trimmed to fonts that add
 * coverage, TrueType only (the others could never be drawn; noted in verbose mode). A file
 * spec falls back like the style's default family. */
static void resolve_fallbacks(struct font_set *fs, enum font_style st, const char *spec)
{
    if (is_path_spec(spec))
        spec = default_spec[st];
    char *family;
    FcPattern *pat = spec_pattern(spec, &family);
    if (!pat || !system_config(fs)) {
        if (pat)
            FcPatternDestroy(pat);
        free(family);
        return;
    }
    struct chain *c = &fs->chains[st];
    FcConfigSubstitute(fs->system, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult r;
    FcFontSet *sorted = FcFontSort(fs->system, pat, FcTrue, NULL, &r);
    int taken = 0;
    for (int i = 0; sorted && i < sorted->nfont && taken < FALLBACKS_PER_STYLE; i++) {
        FcPattern *m = sorted->fonts[i];
        FcChar8 *file = NULL, *format = NULL, *mfam = NULL;
        FcCharSet *mcs = NULL;
        int index = 0;
        if (FcPatternGetString(m, FC_FILE, 0, &file) != FcResultMatch)
            continue;
        FcPatternGetString(m, FC_FONTFORMAT, 0, &format);
        FcPatternGetString(m, FC_FAMILY, 0, &mfam);
        FcPatternGetInteger(m, FC_INDEX, 0, &index);
        FcPatternGetCharSet(m, FC_CHARSET, 0, &mcs);
        if (!format || strcmp((const char *)format, "TrueType") != 0) {
            diag_note(fs->d, (const char *)file, 0, 0, "fallback font skipped: %s outlines",
                      format ? (const char *)format : "unknown");
            continue;
        }
        chain_add(c, source_add(fs, (const char *)file, (unsigned)index,
                                mfam ? (const char *)mfam : NULL), mcs);
        taken++;
    }
    if (sorted)
        FcFontSetDestroy(sorted);
    FcPatternDestroy(pat);
    free(family);
}

/* Every style's fallbacks, once: the first time a character is missing from a chain. */
static void load_fallbacks(struct font_set *fs)
{
    if (fs->fallbacks_loaded)
        return;
    fs->fallbacks_loaded = 1;
    diag_note(fs->d, NULL, 0, 0, "a character needs a fallback font: loading fontconfig's "
              "full configuration");
    for (int st = 0; st < FONT_STYLE_COUNT; st++)
        resolve_fallbacks(fs, (enum font_style)st, fs->specs[st]);
}

/* ---- Public ---- */

enum exp_status font_set_new(const struct font_config *cfg, struct diag *d,
                             struct font_set **out)
{
    struct font_set *fs = xcalloc(1, sizeof *fs);
    fs->d = d;
    fs->reported = hb_set_create();
    const char *dir = cfg && cfg->project_dir ? cfg->project_dir : "fonts";
    fs->project = project_config(dir);
    fs->base = base_config(dir, d);
    for (int st = 0; st < FONT_STYLE_COUNT; st++) {
        const char *spec = cfg && cfg->spec[st] ? cfg->spec[st] : default_spec[st];
        fs->specs[st] = xstrdup(spec);
        resolve_primary(fs, (enum font_style)st, spec);
    }
    if (fs->system_failed) {
        diag_error(d, NULL, 0, 0, "fontconfig could not load its configuration");
        font_set_free(fs);
        return EXP_CONFIG;
    }
    /* The sans chain must give at least one usable face for Hangul. */
    if (font_set_lookup(fs, FONT_SANS, 0xAC00) < 0 && font_set_lookup(fs, FONT_SANS, 'A') < 0) {
        /* fontconfig says "no font" when it could open none: out of descriptors is not a
           missing font, and not the installation's fault */
        int no_fds = fsutil_out_of_descriptors();
        if (no_fds)
            diag_error(d, NULL, 0, 0, "cannot open the fonts: too many open files (ulimit -n)");
        else
            diag_error(d, NULL, 0, 0, "no usable TrueType font found (install fonts-nanum or "
                       "put a .ttf into %s/)", dir);
        font_set_free(fs);
        return no_fds ? EXP_IOERR : EXP_CONFIG;
    }
    *out = fs;
    return EXP_OK;
}

void font_set_free(struct font_set *fs)
{
    if (!fs)
        return;
    for (int st = 0; st < FONT_STYLE_COUNT; st++) {
        for (size_t i = 0; i < fs->chains[st].len; i++)
            if (fs->chains[st].items[i].charset)
                FcCharSetDestroy(fs->chains[st].items[i].charset);
        free(fs->chains[st].items);
        free(fs->specs[st]);
    }
    for (size_t i = 0; i < fs->nfaces; i++) {
        struct font_face *f = &fs->faces[i];
        hb_font_destroy(f->font);
        hb_face_destroy(f->face);
        hb_blob_destroy(f->blob);
        hb_set_destroy(f->used);
        free(f->path);
        free(f->family);
    }
    free(fs->faces);
    for (size_t i = 0; i < fs->nsources; i++) {
        free(fs->sources[i].path);
        free(fs->sources[i].family);
    }
    free(fs->sources);
    hb_set_destroy(fs->reported);
    if (fs->project)
        FcConfigDestroy(fs->project);
    if (fs->base)
        FcConfigDestroy(fs->base);
    if (fs->system)
        FcConfigDestroy(fs->system);
    free(fs);
}

static int chain_lookup(struct font_set *fs, const struct chain *c, uint32_t cp)
{
    for (size_t i = 0; i < c->len; i++) {
        const struct candidate *k = &c->items[i];
        struct source *s = &fs->sources[k->source];
        if (s->face == -2)
            continue;
        if (s->face == -1 && k->charset && !FcCharSetHasChar(k->charset, cp))
            continue;
        int fi = source_open(fs, k->source);
        if (fi < 0)
            continue;
        hb_codepoint_t g;
        if (hb_font_get_nominal_glyph(fs->faces[fi].font, cp, &g))
            return fi;
    }
    return -1;
}

int font_set_lookup(struct font_set *fs, enum font_style style, uint32_t cp)
{
    /* libharu writes text as UTF-16 code units used as CIDs: above the BMP there is no CID
     * that reaches the glyph, so such a character counts as missing. */
    if (cp > 0xFFFF)
        return -1;
    int fi = chain_lookup(fs, &fs->chains[style], cp);
    if (fi < 0 && !fs->fallbacks_loaded) {
        load_fallbacks(fs);
        fi = chain_lookup(fs, &fs->chains[style], cp);
    }
    if (fi < 0 && style != FONT_SANS)
        fi = chain_lookup(fs, &fs->chains[FONT_SANS], cp);
    return fi;
}

int font_set_system_loaded(const struct font_set *fs)
{
    return fs->system != NULL;
}

struct font_face *font_set_face(struct font_set *fs, int index)
{
    return &fs->faces[index];
}

int font_set_face_count(const struct font_set *fs)
{
    return (int)fs->nfaces;
}

void font_set_report_missing(struct font_set *fs, uint32_t cp, const char *file,
                             unsigned line, unsigned col)
{
    if (hb_set_has(fs->reported, cp))
        return;
    hb_set_add(fs->reported, cp);
    diag_warning(fs->d, file, line, col, "no font has U+%04X; drawn as an empty box", cp);
}

int font_face_pdf_width(const struct font_face *f, uint32_t cp)
{
    hb_codepoint_t g;
    if (!hb_font_get_nominal_glyph(f->font, cp, &g))
        g = 0;
    long adv = hb_font_get_glyph_h_advance(f->font, g);
    return (int)(adv * 1000 / (long)f->upem);
}

/* article.c — see article.h. */
#include "ingest/article.h"

#include <nettle/sha2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "util/buf.h"
#include "util/date.h"
#include "util/fsutil.h"
#include "util/text.h"
#include "ingest/normalise.h"

/* A place in the file, for messages. */
struct pos {
    unsigned line, col;
};

/* Line and column (1-based, columns in bytes) of byte offset off in data. */
static struct pos pos_of(const char *data, size_t off)
{
    struct pos p = { 1, 1 };
    for (size_t i = 0; i < off; i++) {
        if (data[i] == '\n') {
            p.line++;
            p.col = 1;
        } else {
            p.col++;
        }
    }
    return p;
}

/* Offset of the line after the one starting at off (or len). */
static size_t next_line(const char *data, size_t len, size_t off)
{
    const char *nl = memchr(data + off, '\n', len - off);
    return nl ? (size_t)(nl - data) + 1 : len;
}

/* Length of the line at off without its "\n" or "\r\n". */
static size_t line_len(const char *data, size_t len, size_t off)
{
    size_t end = next_line(data, len, off);
    if (end > off && data[end - 1] == '\n')
        end--;
    if (end > off && data[end - 1] == '\r')
        end--;
    return end - off;
}

static int line_is(const char *data, size_t len, size_t off, const char *text)
{
    size_t n = line_len(data, len, off);
    size_t t = strlen(text);
    while (n > t && (data[off + n - 1] == ' ' || data[off + n - 1] == '\t'))
        n--;
    return n == t && memcmp(data + off, text, t) == 0;
}

/* ---- Front matter ---- */

/* The one crawler defect we repair: the author value continues on lines indented with tabs,
 * which YAML forbids. Tab-only lines become empty and leading tabs become spaces, so the
 * value is a plain multi-line scalar and every line keeps its number. Returns the number of
 * lines changed. */
static unsigned repair_tab_indentation(struct buf *yaml)
{
    unsigned changed = 0;
    struct buf out = BUF_INIT;
    size_t off = 0;
    while (off < yaml->len) {
        size_t end = next_line(yaml->data, yaml->len, off);
        const char *line = yaml->data + off;
        size_t n = end - off;
        if (n && line[0] == '\t') {
            size_t tabs = 0;
            while (tabs < n && (line[tabs] == '\t' || line[tabs] == ' '))
                tabs++;
            changed++;
            if (tabs == n || line[tabs] == '\n' || line[tabs] == '\r') {
                buf_putc(&out, '\n');
            } else {
                buf_puts(&out, "  ");
                buf_append(&out, line + tabs, n - tabs);
            }
        } else {
            buf_append(&out, line, n);
        }
        off = end;
    }
    if (out.len && out.data[out.len - 1] != '\n')
        buf_putc(&out, '\n');
    buf_free(yaml);
    *yaml = out;
    return changed;
}

/* Known front-matter fields and where their value goes. */
struct field {
    const char *key;
    size_t offset;   /* of the char * in struct article */
};

#define FIELD(k, member) { k, offsetof(struct article, member) }
static const struct field fields[] = {
    FIELD("id", id), FIELD("title", title), FIELD("category", category),
    FIELD("publisher", publisher), FIELD("published_at", published_at),
    FIELD("crawled_at", crawled_at), FIELD("url", url), FIELD("oid", oid), FIELD("aid", aid),
    FIELD("content_hash", content_hash),
};

struct front_matter {
    char *values[sizeof fields / sizeof fields[0]];
    struct pos value_pos[sizeof fields / sizeof fields[0]];
    char *author;
    struct pos author_pos;
};

static void front_matter_free(struct front_matter *fm)
{
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        free(fm->values[i]);
    free(fm->author);
}

static int field_index(const char *key)
{
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (strcmp(key, fields[i].key) == 0)
            return (int)i;
    if (strcmp(key, "author") == 0)
        return -2;
    return -1;
}

static const char *event_kind(yaml_event_type_t t)
{
    switch (t) {
    case YAML_SEQUENCE_START_EVENT: return "a list";
    case YAML_MAPPING_START_EVENT: return "a mapping";
    case YAML_ALIAS_EVENT: return "an alias";
    default: return "not a string";
    }
}

/* One pass over libyaml's event stream. libyaml's scanner costs time proportional to the
 * nesting depth for every token, so 50,000 nested brackets took seconds and 100,000 minutes:
 * the reader counts open collections at every event and stops at FRONT_MATTER_MAX_DEPTH,
 * before libyaml has looked further than one line ahead. */
struct fm_reader {
    yaml_parser_t parser;
    const char *path;
    unsigned first_line;   /* file line of the YAML's first line */
    unsigned depth;        /* collections open at this event */
    struct diag *d;
};

/* The size limit is checked event by event rather than before libyaml starts, so that what
 * comes first in the file is what is reported: a 70,000-character url breaks the field rule
 * at its own position, a front matter of ten thousand small keys the size rule at the key
 * that crosses the limit. libyaml's marks count characters, never more than bytes, so an
 * event that starts past the limit in characters is past it in bytes; a front matter whose
 * bytes cross the limit while its characters do not is caught once read. */
static int past_size_limit(const yaml_event_t *ev)
{
    return ev->start_mark.index > FRONT_MATTER_MAX_BYTES;
}

static void report_size_limit(const char *path, const struct buf *yaml, unsigned first_line,
                              struct diag *d)
{
    struct pos p = pos_of(yaml->data, FRONT_MATTER_MAX_BYTES);
    diag_error(d, path, first_line + p.line - 1, p.col, "front matter longer than %u KiB",
               FRONT_MATTER_MAX_BYTES / 1024);
}

static void report_yaml_error(struct fm_reader *r)
{
    if (r->parser.error == YAML_MEMORY_ERROR)
        x_out_of_memory("libyaml");
    yaml_mark_t m = r->parser.problem_mark;
    diag_error(r->d, r->path, r->first_line + (unsigned)m.line, (unsigned)m.column + 1,
               "invalid YAML in front matter: %s%s%s",
               r->parser.problem ? r->parser.problem : "error",
               r->parser.context ? " " : "", r->parser.context ? r->parser.context : "");
}

/* The next event (release with yaml_event_delete); 0 after reporting a YAML error or a
 * nesting deeper than the limit. */
static int next_event(struct fm_reader *r, yaml_event_t *ev)
{
    /* After an error libyaml reports success with no event: never take that for data. */
    if (!yaml_parser_parse(&r->parser, ev) || ev->type == YAML_NO_EVENT) {
        report_yaml_error(r);
        return 0;
    }
    if (ev->type == YAML_SEQUENCE_START_EVENT || ev->type == YAML_MAPPING_START_EVENT) {
        if (++r->depth > FRONT_MATTER_MAX_DEPTH) {
            diag_error(r->d, r->path, r->first_line + (unsigned)ev->start_mark.line,
                       (unsigned)ev->start_mark.column + 1,
                       "front matter nested deeper than %d levels", FRONT_MATTER_MAX_DEPTH);
            yaml_event_delete(ev);
            return 0;
        }
    } else if (ev->type == YAML_SEQUENCE_END_EVENT || ev->type == YAML_MAPPING_END_EVENT) {
        r->depth--;
    }
    return 1;
}

/* Skips the value whose first event is ev (a nested collection is skipped whole). */
static int skip_value(struct fm_reader *r, const yaml_event_t *ev)
{
    if (ev->type != YAML_SEQUENCE_START_EVENT && ev->type != YAML_MAPPING_START_EVENT)
        return 1;
    unsigned until = r->depth - 1;
    while (r->depth > until) {
        yaml_event_t e;
        if (!next_event(r, &e))
            return 0;
        yaml_event_delete(&e);
    }
    return 1;
}

/* libyaml decodes "\0", "\x00" and "\u0000" inside quoted strings into a NUL byte, which
 * would silently cut the C string; such a scalar is an error. */
static int scalar_has_nul(struct fm_reader *r, const yaml_event_t *ev)
{
    if (ev->type != YAML_SCALAR_EVENT ||
        !memchr(ev->data.scalar.value, '\0', ev->data.scalar.length))
        return 0;
    diag_error(r->d, r->path, r->first_line + (unsigned)ev->start_mark.line,
               (unsigned)ev->start_mark.column + 1,
               "NUL character (\\0) inside a string in the front matter");
    return 1;
}

/* A plain null (`id: null`, `title: ~`, `url:` with nothing after it) is YAML's "no value":
 * the field counts as absent, so a required one is reported missing rather than becoming
 * the text "null". A quoted "null" is text. */
static int scalar_is_null(const yaml_event_t *ev)
{
    return ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
           text_is_yaml_null((const char *)ev->data.scalar.value);
}

/* Fields are text. A value tagged as something else (`!!binary aGk=`, `!!int 5`, `!foo x`)
 * says it is not the text written, so it is refused rather than read as that text; untagged
 * values of any look (`true`, `12`, `2025-12-28`) are the text they spell. */
static int scalar_is_text(struct fm_reader *r, const char *key, const yaml_event_t *ev)
{
    const char *tag = (const char *)ev->data.scalar.tag;
    if (!tag || strcmp(tag, "!") == 0 || strcmp(tag, YAML_STR_TAG) == 0)
        return 1;
    const char *shown = strncmp(tag, "tag:yaml.org,2002:", 18) == 0 ? tag + 18 : tag;
    diag_error(r->d, r->path, r->first_line + (unsigned)ev->start_mark.line,
               (unsigned)ev->start_mark.column + 1, "field '%s' must be a string, not %s%s",
               key, shown == tag ? "a value tagged " : "!!", shown);
    return 0;
}

/* Stores the value event ev of key: a known field's string, or skips an unknown key's
 * value whatever it is. */
static enum exp_status take_value(struct fm_reader *r, const char *key, const yaml_event_t *ev,
                                  struct front_matter *fm)
{
    unsigned line = r->first_line + (unsigned)ev->start_mark.line;
    unsigned col = (unsigned)ev->start_mark.column + 1;
    int fi = field_index(key);
    if (fi == -1)
        return skip_value(r, ev) ? EXP_OK : EXP_DATAERR;
    if (ev->type != YAML_SCALAR_EVENT) {
        diag_error(r->d, r->path, line, col, "field '%s' must be a string, not %s", key,
                   event_kind(ev->type));
        return EXP_DATAERR;
    }
    if (scalar_has_nul(r, ev) || !scalar_is_text(r, key, ev))
        return EXP_DATAERR;
    int is_author = fi == -2;
    char **slot = is_author ? &fm->author : &fm->values[fi];
    struct pos *at = is_author ? &fm->author_pos : &fm->value_pos[fi];
    if (*slot || at->line) {
        diag_error(r->d, r->path, line, col, "field '%s' is given twice", key);
        return EXP_DATAERR;
    }
    *at = (struct pos){ line, col };
    /* Every field is bounded here, where its position is known, so no later stage (a PDF
     * link, the document info, a CSV cell) meets a 70,000-character url or title. */
    if (ev->data.scalar.length > ARTICLE_MAX_FIELD_BYTES) {
        diag_error(r->d, r->path, line, col, "'%s' is longer than %u bytes", key,
                   ARTICLE_MAX_FIELD_BYTES);
        return EXP_DATAERR;
    }
    if (!scalar_is_null(ev))
        *slot = xstrdup((const char *)ev->data.scalar.value);
    return EXP_OK;
}

/* One event at the top of the document: the mapping's start, a key, or a key's value. */
static enum exp_status take_event(struct fm_reader *r, const yaml_event_t *ev, char **key,
                                  struct front_matter *fm)
{
    unsigned line = r->first_line + (unsigned)ev->start_mark.line;
    unsigned col = (unsigned)ev->start_mark.column + 1;
    int opens_document = ev->type == YAML_MAPPING_START_EVENT && r->depth == 1;
    if (opens_document || ev->type == YAML_MAPPING_END_EVENT ||
        ev->type == YAML_SEQUENCE_END_EVENT)
        return EXP_OK;
    if (ev->type != YAML_SCALAR_EVENT && ev->type != YAML_SEQUENCE_START_EVENT &&
        ev->type != YAML_MAPPING_START_EVENT && ev->type != YAML_ALIAS_EVENT)
        return EXP_OK;   /* stream and document markers */
    int top = ev->type == YAML_MAPPING_START_EVENT || ev->type == YAML_SEQUENCE_START_EVENT
                  ? r->depth == 1 : r->depth == 0;
    if (top) {
        if (ev->type == YAML_SCALAR_EVENT && ev->data.scalar.length == 0)
            return EXP_OK;   /* an empty document */
        diag_error(r->d, r->path, line, col, "front matter must be a mapping of fields");
        return EXP_DATAERR;
    }
    if (*key) {
        enum exp_status st = take_value(r, *key, ev, fm);
        free(*key);
        *key = NULL;
        return st;
    }
    if (ev->type != YAML_SCALAR_EVENT) {
        diag_error(r->d, r->path, line, col, "front-matter keys must be strings");
        return EXP_DATAERR;
    }
    if (scalar_has_nul(r, ev))
        return EXP_DATAERR;
    *key = xstrdup((const char *)ev->data.scalar.value);
    return EXP_OK;
}

/* Parses the front matter (YAML text whose first line is file line first_line) with
 * libyaml's event API, so every scalar stays the string it was written as: "020" is not
 * octal 16. Unknown keys are ignored whatever their value. */
static enum exp_status parse_front_matter(const char *path, const struct buf *yaml,
                                          unsigned first_line, struct front_matter *fm,
                                          struct diag *d)
{
    struct fm_reader r = { .path = path, .first_line = first_line, .d = d };
    /* A parser that failed to start would hand out empty events forever (libyaml returns
     * success with no event once its error is set): that is out of memory, at once. */
    if (!yaml_parser_initialize(&r.parser))
        x_out_of_memory("libyaml");
    /* An empty front matter ("---\n---") has no buffer; libyaml asserts on NULL input. */
    yaml_parser_set_input_string(&r.parser,
                                 (const unsigned char *)(yaml->data ? yaml->data : ""),
                                 yaml->len);
    enum exp_status st = EXP_OK;
    char *key = NULL;
    for (int done = 0; !done && st == EXP_OK;) {
        yaml_event_t ev;
        if (!next_event(&r, &ev)) {
            st = EXP_DATAERR;
            break;
        }
        done = ev.type == YAML_STREAM_END_EVENT;
        st = take_event(&r, &ev, &key, fm);
        int too_big = st == EXP_OK && (past_size_limit(&ev) ||
                                       (done && yaml->len > FRONT_MATTER_MAX_BYTES));
        yaml_event_delete(&ev);
        if (too_big) {
            report_size_limit(path, yaml, first_line, d);
            st = EXP_DATAERR;
        }
    }
    free(key);
    yaml_parser_delete(&r.parser);
    return st;
}

/* ---- Body ---- */

/* The markdown after the front matter, located by byte offsets into the file. */
struct body_parts {
    size_t heading, heading_len;       /* text after "# " */
    size_t byline, byline_len;         /* the "**publisher** | date |" line */
    size_t body, body_len;             /* between the --- after the header and the --- before the trailer */
    int has_trailer;
};

/* Splits the markdown that starts at off. Without the --- separators the whole remainder
 * is the body. */
static void locate_body(const char *data, size_t len, size_t off, struct body_parts *bp)
{
    memset(bp, 0, sizeof *bp);
    size_t line = off;
    /* Header block: "# title" and the byline, up to the first --- line. */
    size_t header_end = len;
    for (size_t l = line; l < len; l = next_line(data, len, l)) {
        if (line_is(data, len, l, "---")) {
            header_end = l;
            break;
        }
        size_t n = line_len(data, len, l);
        if (n > 2 && data[l] == '#' && data[l + 1] == ' ' && !bp->heading_len) {
            bp->heading = l + 2;
            bp->heading_len = n - 2;
        } else if (n > 4 && memcmp(data + l, "**", 2) == 0 && !bp->byline_len) {
            bp->byline = l;
            bp->byline_len = n;
        }
    }
    if (header_end == len) {
        /* No separator: no header block, the body is everything. */
        bp->heading_len = bp->byline_len = 0;
        bp->body = off;
        bp->body_len = len - off;
        return;
    }
    size_t body_start = next_line(data, len, header_end);
    /* The trailer: the last --- line followed only by blank lines and *…* lines. */
    size_t body_end = len;
    for (size_t l = body_start; l < len; l = next_line(data, len, l)) {
        if (!line_is(data, len, l, "---"))
            continue;
        int trailer = 1, saw_crawl = 0;
        for (size_t k = next_line(data, len, l); k < len; k = next_line(data, len, k)) {
            size_t n = line_len(data, len, k);
            if (n == 0)
                continue;
            if (data[k] != '*') {
                trailer = 0;
                break;
            }
            saw_crawl = 1;
        }
        if (trailer && saw_crawl) {
            body_end = l;
            bp->has_trailer = 1;
            break;
        }
    }
    bp->body = body_start;
    bp->body_len = body_end - body_start;
}

static void sha256_hex(const char *s, size_t len, char out[65])
{
    struct sha256_ctx ctx;
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_init(&ctx);
    sha256_update(&ctx, len, (const uint8_t *)s);
    sha256_digest(&ctx, sizeof digest, digest);
    for (size_t i = 0; i < sizeof digest; i++)
        snprintf(out + 2 * i, 3, "%02x", digest[i]);
}

/* The crawler's rule: content_hash is the SHA-256 of the body with entities decoded and the
 * surrounding whitespace stripped. */
static char *body_hash(const char *raw, size_t len)
{
    char *decoded = normalise_html_entities(raw, len);
    const char *s = decoded;
    size_t n = strlen(s);
    while (n && strchr(" \t\r\n", *s))
        s++, n--;
    while (n && strchr(" \t\r\n", s[n - 1]))
        n--;
    char hex[65];
    sha256_hex(s, n, hex);
    free(decoded);
    return xstrdup(hex);
}

/* A byline at the end of the body ("…바라본다.IT동아 남시현 기자 (sh@itdonga.com)"): the text
 * after the last sentence stop, when it holds an e-mail and is short. Returns its offset
 * within body or (size_t)-1. */
static size_t trailing_byline(const char *body)
{
    size_t len = strlen(body);
    const char *at = NULL;
    for (const char *p = body + len; p > body; p--)
        if (p[-1] == '@') {
            at = p - 1;
            break;
        }
    if (!at)
        return (size_t)-1;
    size_t start = (size_t)(at - body);
    while (start > 0 && body[start - 1] != '.' && body[start - 1] != '\n' && body[start - 1] != '!' &&
           body[start - 1] != '?')
        start--;
    if (len - start > 120)
        return (size_t)-1;
    return start;
}

/* ---- The article ---- */

static void set_str(char **slot, char *value)
{
    free(*slot);
    *slot = value;
}

static enum exp_status check_bytes(const char *path, const char *data, size_t len, struct diag *d)
{
    if (len == 0) {
        diag_error(d, path, 0, 0, "empty file");
        return EXP_DATAERR;
    }
    static const struct { const char *bom; size_t len; const char *name; } wide[] = {
        { "\xFF\xFE\0\0", 4, "UTF-32" }, { "\0\0\xFE\xFF", 4, "UTF-32" },
        { "\xFF\xFE", 2, "UTF-16" }, { "\xFE\xFF", 2, "UTF-16" },
    };
    for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++)
        if (len >= wide[i].len && memcmp(data, wide[i].bom, wide[i].len) == 0) {
            diag_error(d, path, 1, 1, "%s text (byte-order mark); articles must be UTF-8",
                       wide[i].name);
            return EXP_DATAERR;
        }
    const char *nul = memchr(data, '\0', len);
    if (nul) {
        struct pos p = pos_of(data, (size_t)(nul - data));
        diag_error(d, path, p.line, p.col, "binary file (NUL byte), not an article");
        return EXP_DATAERR;
    }
    size_t bad;
    if (!text_utf8_valid(data, len, &bad)) {
        struct pos p = pos_of(data, bad);
        diag_error(d, path, p.line, p.col, "invalid UTF-8 (byte 0x%02X)", (unsigned char)data[bad]);
        return EXP_DATAERR;
    }
    return EXP_OK;
}

/* Finds the front matter: the lines between the first line "---" (after an optional BOM)
 * and the next "---". Offsets of its first line and of the closing "---" line. */
static enum exp_status find_front_matter(const char *path, const char *data, size_t len,
                                         size_t *fm_start, size_t *fm_end, struct diag *d)
{
    size_t off = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        off = 3;   /* a BOM before the front matter */
    if (!line_is(data, len, off, "---")) {
        diag_error(d, path, 1, 1, "no front matter (the file must start with a '---' line)");
        return EXP_DATAERR;
    }
    size_t start = next_line(data, len, off), end = len;
    for (size_t l = start; l < len; l = next_line(data, len, l))
        if (line_is(data, len, l, "---")) {
            end = l;
            break;
        }
    if (end == len) {
        diag_error(d, path, 1, 1, "unterminated front matter (no closing '---' line)");
        return EXP_DATAERR;
    }
    *fm_start = start;
    *fm_end = end;
    return EXP_OK;
}

/* Repairs and parses the front matter data[start..end) into *fm. */
static enum exp_status read_front_matter(const char *path, const char *data, size_t start,
                                         size_t end, struct front_matter *fm, struct diag *d)
{
    struct buf yaml = BUF_INIT;
    buf_append(&yaml, data + start, end - start);
    unsigned repaired = repair_tab_indentation(&yaml);
    if (repaired)
        diag_note(d, path, 2, 1, "repaired %u tab-indented front-matter line%s (known crawler defect)",
                  repaired, repaired == 1 ? "" : "s");
    enum exp_status st = parse_front_matter(path, &yaml, 2, fm, d);
    buf_free(&yaml);
    return st;
}

/* Copies the known fields into a, normalised (each was bounded when read). A value that
 * shows nothing (only zero-width or filler characters: `title: "\u200b"`, `id: "\u3164"`)
 * is no value, as an empty one is. */
static char *shown_text(const char *v, size_t len)
{
    char *s = normalise_text(v, len);
    if (*s && !text_has_visible(s, strlen(s)))
        *s = '\0';
    return s;
}

static void take_fields(struct article *a, const struct front_matter *fm)
{
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        char **slot = (char **)((char *)a + fields[i].offset);
        const char *v = fm->values[i] ? fm->values[i] : "";
        *slot = shown_text(v, strlen(v));
    }
}

/* id and title must hold text; one that is written but empty (`id: null`, `id: "  "`) is
 * reported where it is written, one left out at the front matter's first line. */
static enum exp_status check_required(const char *path, const struct article *a,
                                      const struct front_matter *fm, struct diag *d)
{
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        const char *key = fields[i].key;
        if (strcmp(key, "id") != 0 && strcmp(key, "title") != 0)
            continue;
        if (**(char *const *)((const char *)a + fields[i].offset))
            continue;
        struct pos p = fm->value_pos[i];
        if (p.line)
            diag_error(d, path, p.line, p.col, "'%s' is empty in front matter", key);
        else
            diag_error(d, path, 2, 1, "missing '%s' in front matter", key);
        return EXP_DATAERR;
    }
    return EXP_OK;
}

/* Whether a parsed date lies in the window an article may be dated in: not before
 * ARTICLE_MIN_YEAR, nor more than ARTICLE_MAX_DAYS_AHEAD after the run's day. rc is
 * date_parse_time's result; a day outside the parser's years is judged by its year. */
static int date_in_window(const char *path, const char *key, const char *value, int rc,
                          const struct date_time *t, const struct article_options *opts,
                          struct pos p, struct diag *d)
{
    long floor_day = 0;
    date_from_civil(ARTICLE_MIN_YEAR, 1, 1, &floor_day);
    const char *v = value;
    while (*v == ' ' || *v == '\t')
        v++;
    int early = rc == DATE_OUT_OF_RANGE ? *v < '2' : date_time_kst_day(t) < floor_day;
    if (early) {
        diag_error(d, path, p.line, p.col, "'%s' is before %d-01-01: '%s' (a placeholder, not "
                   "a real date)", key, ARTICLE_MIN_YEAR, value);
        return 0;
    }
    int late = rc == DATE_OUT_OF_RANGE ||
               (opts && opts->dated_run &&
                date_time_kst_day(t) > opts->today_kst + ARTICLE_MAX_DAYS_AHEAD);
    if (late) {
        if (opts && opts->dated_run)
            diag_error(d, path, p.line, p.col, "'%s' is more than %d days in the future: '%s'",
                       key, ARTICLE_MAX_DAYS_AHEAD, value);
        else
            diag_error(d, path, p.line, p.col, "'%s' is after %d-12-31: '%s'", key,
                       DATE_MAX_YEAR, value);
        return 0;
    }
    return 1;
}

/* Dates into ISO 8601 with their zone. An article cannot be published after it was crawled,
 * nor be dated before ARTICLE_MIN_YEAR or far after the run's day (opts->today_kst, when set;
 * a few days of slack for clocks and embargoed stories): such a date is a crawler or site
 * error, and it would stretch the period and rename the {week} folder. */
static enum exp_status take_dates(const char *path, struct article *a,
                                  const struct front_matter *fm,
                                  const struct article_options *opts, struct diag *d)
{
    static const char *const keys[] = { "published_at", "crawled_at" };
    char **slots[] = { &a->published_at, &a->crawled_at };
    struct date_time t[2];
    int have[2] = { 0, 0 };
    for (size_t k = 0; k < 2; k++) {
        if (!**slots[k])
            continue;
        struct pos p = fm->value_pos[field_index(keys[k])];
        int rc = date_parse_time(*slots[k], &t[k]);
        if (rc == DATE_NO_SUCH_DAY) {
            diag_error(d, path, p.line, p.col, "'%s' is not a date: '%s'", keys[k], *slots[k]);
            return EXP_DATAERR;
        }
        if (!date_in_window(path, keys[k], *slots[k], rc, &t[k], opts, p, d))
            return EXP_DATAERR;
        have[k] = 1;
        char iso[26];
        date_format_time(&t[k], iso);
        set_str(slots[k], xstrdup(iso));
    }
    if (have[0] && have[1] && date_time_epoch(&t[0]) > date_time_epoch(&t[1])) {
        struct pos p = fm->value_pos[field_index("published_at")];
        diag_error(d, path, p.line, p.col, "published after it was crawled (%s > %s)",
                   a->published_at, a->crawled_at);
        return EXP_DATAERR;
    }
    return EXP_OK;
}

/* The declared hash against the body's; a mismatch is a warning, or an error when strict. */
static enum exp_status check_hash(const char *path, struct article *a, const char *body,
                                  size_t body_len, const struct front_matter *fm,
                                  const struct article_options *opts, struct diag *d)
{
    for (char *c = a->content_hash; *c; c++)
        if (*c >= 'A' && *c <= 'F')
            *c = (char)(*c - 'A' + 'a');
    a->computed_hash = body_hash(body, body_len);
    a->hash_ok = strcmp(a->computed_hash, a->content_hash) == 0;
    if (!*a->content_hash || a->hash_ok)
        return EXP_OK;
    struct pos p = fm->value_pos[field_index("content_hash")];
    int strict = opts && opts->strict_hash;
    diag_report(d, strict ? DIAG_ERROR : DIAG_WARNING, path, p.line, p.col,
                "content_hash does not match the body (truncated or edited file?)");
    return strict ? EXP_DATAERR : EXP_OK;
}

/* The body text, its people (front-matter author, else a byline at the end) and sentences. */
static void take_body(const char *path, struct article *a, const char *body, size_t body_len,
                      const struct front_matter *fm, const struct article_options *opts,
                      struct diag *d)
{
    a->body = normalise_paragraphs(body, body_len);
    a->characters = normalise_utf8_count(a->body);
    if (fm->author && *fm->author)
        normalise_people(fm->author, &a->people, &a->n_people, &(size_t){ 0 });
    size_t byline_at = trailing_byline(a->body);
    if (a->n_people == 0 && byline_at != (size_t)-1) {
        size_t cap = 0;
        normalise_people(a->body + byline_at, &a->people, &a->n_people, &cap);
        if (a->n_people)
            diag_note(d, path, 0, 0, "author taken from the byline at the end of the body");
    }
    sentence_split_with(a->body, strlen(a->body), opts ? opts->sentence_hooks : NULL,
                        &a->sentences);
    a->n_sentences = a->sentences.count;
}

enum exp_status article_parse_buffer(const char *path, const char *data, size_t len,
                                     const struct article_options *opts, struct diag *d,
                                     struct article *out)
{
    memset(out, 0, sizeof *out);
    size_t fm_start, fm_end;
    enum exp_status st = check_bytes(path, data, len, d);
    if (st == EXP_OK)
        st = find_front_matter(path, data, len, &fm_start, &fm_end, d);
    if (st != EXP_OK)
        return st;
    struct front_matter fm;
    memset(&fm, 0, sizeof fm);
    struct article *a = out;
    struct body_parts bp;
    st = read_front_matter(path, data, fm_start, fm_end, &fm, d);
    if (st != EXP_OK)
        goto out;
    /* the path as shown (articles.csv, the workbook, messages): a file name is bytes, and
       one that is not UTF-8 would make both files invalid */
    a->source_file = diag_visible(path);
    take_fields(a, &fm);
    locate_body(data, len, next_line(data, len, fm_end), &bp);
    if (!*a->title && bp.heading_len)
        set_str(&a->title, shown_text(data + bp.heading, bp.heading_len));
    st = check_required(path, a, &fm, d);
    if (st == EXP_OK)
        st = take_dates(path, a, &fm, opts, d);
    if (st != EXP_OK)
        goto out;
    if (*a->url && !text_is_web_url(a->url)) {
        struct pos p = fm.value_pos[field_index("url")];
        diag_warning(d, path, p.line, p.col, "'url' is not an absolute http(s) URL: '%s'", a->url);
    }
    st = check_hash(path, a, data + bp.body, bp.body_len, &fm, opts, d);
    if (st == EXP_OK)
        take_body(path, a, data + bp.body, bp.body_len, &fm, opts, d);
out:
    front_matter_free(&fm);
    if (st != EXP_OK) {
        article_free(out);
        memset(out, 0, sizeof *out);
    }
    return st;
}

enum exp_status article_parse_file(const char *path, const struct article_options *opts,
                                   struct diag *d, struct article *out)
{
    memset(out, 0, sizeof *out);
    char *data;
    size_t len;
    enum exp_status st = fsutil_read_file(path, ARTICLE_MAX_BYTES, &data, &len, d);
    if (st != EXP_OK)
        return st;
    st = article_parse_buffer(path, data, len, opts, d, out);
    free(data);
    return st;
}

void article_drop_text(struct article *a)
{
    free(a->body);
    a->body = NULL;
    sentence_list_free(&a->sentences);
}

/* Copies s into *at and advances it; NULL copies as "". */
static char *pack_string(char **at, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    char *copy = *at;
    if (n)
        memcpy(copy, s, n);
    copy[n] = '\0';
    *at += n + 1;
    return copy;
}

void article_pack(struct article *a)
{
    if (a->packed)
        return;
    char **kept[] = { &a->id, &a->title, &a->publisher, &a->published_at, &a->url,
                      &a->content_hash, &a->source_file };
    size_t size = a->n_people * sizeof *a->people + 1;
    for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++)
        size += (*kept[i] ? strlen(*kept[i]) : 0) + 1;
    for (size_t k = 0; k < a->n_people; k++)
        size += strlen(a->people[k].name) + strlen(a->people[k].role) + 2;
    char *block = xmalloc(size);
    struct person *people = (struct person *)(void *)block;
    char *at = block + a->n_people * sizeof *a->people;
    char *empty = pack_string(&at, "");
    for (size_t k = 0; k < a->n_people; k++)
        people[k] = (struct person){ pack_string(&at, a->people[k].name),
                                     pack_string(&at, a->people[k].role), empty, empty };
    char *copies[sizeof kept / sizeof kept[0]];
    for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++)
        copies[i] = pack_string(&at, *kept[i]);
    size_t n_people = a->n_people, characters = a->characters, n_sentences = a->n_sentences;
    int hash_ok = a->hash_ok;
    article_free(a);
    for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++)
        *kept[i] = copies[i];
    char **dropped[] = { &a->category, &a->crawled_at, &a->oid, &a->aid, &a->computed_hash };
    for (size_t i = 0; i < sizeof dropped / sizeof dropped[0]; i++)
        *dropped[i] = empty;
    a->people = n_people ? people : NULL;
    a->n_people = n_people;
    a->characters = characters;
    a->n_sentences = n_sentences;
    a->hash_ok = hash_ok;
    a->packed = block;
}

void article_free(struct article *a)
{
    if (!a)
        return;
    if (a->packed) {
        free(a->packed);
        memset(a, 0, sizeof *a);
        return;
    }
    char **owned[] = { &a->source_file, &a->id, &a->title, &a->category, &a->publisher,
                      &a->published_at, &a->crawled_at, &a->url, &a->oid, &a->aid,
                      &a->content_hash, &a->computed_hash, &a->body };
    for (size_t i = 0; i < sizeof owned / sizeof owned[0]; i++) {
        /* cppcheck-suppress shadowVariable ; cppcheck 2.10 misreads *owned[i] */
        free(*owned[i]);
        *owned[i] = NULL;
    }
    for (size_t i = 0; i < a->n_people; i++)
        normalise_person_free(&a->people[i]);
    free(a->people);
    a->people = NULL;
    a->n_people = 0;
    sentence_list_free(&a->sentences);
}

/* ---- Sets ---- */

/* Duplicates are found through three indexes (util/hash.h) over the articles held: by id,
 * by url and by content hash, so a run over tens of thousands of files stays linear. */
static struct hash_key key_of(const char *text)
{
    return (struct hash_key){ text, strlen(text) };
}

static struct hash_key id_key(const void *ctx, size_t i)
{
    return key_of(((const struct article_set *)ctx)->items[i].id);
}

static struct hash_key url_key(const void *ctx, size_t i)
{
    return key_of(((const struct article_set *)ctx)->items[i].url);
}

static struct hash_key hash_key_of(const void *ctx, size_t i)
{
    return key_of(((const struct article_set *)ctx)->items[i].computed_hash);
}

int article_set_add(struct article_set *set, struct article *a, struct diag *d)
{
    if (!set->by_id.key_of) {
        hash_index_init(&set->by_id, id_key, set);
        hash_index_init(&set->by_url, url_key, set);
        hash_index_init(&set->by_hash, hash_key_of, set);
    }
    struct hash_index *index[] = { &set->by_id, &set->by_url, &set->by_hash };
    const char *text[] = { a->id, a->url, a->computed_hash };
    static const char *const why[] = { "id", "url", "content" };
    for (size_t k = 0; k < 3; k++) {
        size_t held = *text[k] ? hash_index_find(index[k], text[k], strlen(text[k])) : HASH_NONE;
        if (held != HASH_NONE) {
            diag_warning(d, a->source_file, 0, 0, "duplicate of %s (same %s); read once",
                         set->items[held].source_file, why[k]);
            article_free(a);
            memset(a, 0, sizeof *a);
            return 0;
        }
    }
    xgrow(&set->items, &set->cap, set->count + 1, sizeof *set->items);
    set->items[set->count++] = *a;
    memset(a, 0, sizeof *a);
    const struct article *held = &set->items[set->count - 1];
    const char *keys[] = { held->id, held->url, held->computed_hash };
    for (size_t k = 0; k < 3; k++)
        if (*keys[k])
            hash_index_add(index[k], set->count - 1);
    return 1;
}

static int by_date_then_id(const void *x, const void *y)
{
    const struct article *a = x, *b = y;
    int c = strcmp(a->published_at, b->published_at);
    return c ? c : strcmp(a->id, b->id);
}

void article_set_sort(struct article_set *set)
{
    if (set->count > 1) {
        qsort(set->items, set->count, sizeof *set->items, by_date_then_id);
        /* The indexes hold positions. An empty key (no url) lands in one slot and is never
         * looked up. */
        hash_index_rebuild(&set->by_id, set->count);
        hash_index_rebuild(&set->by_url, set->count);
        hash_index_rebuild(&set->by_hash, set->count);
    }
}

void article_set_free(struct article_set *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->count; i++)
        article_free(&set->items[i]);
    free(set->items);
    hash_index_free(&set->by_id);
    hash_index_free(&set->by_url);
    hash_index_free(&set->by_hash);
    memset(set, 0, sizeof *set);
}

/* pdf_pack.c — libharu's objects written as PDF 1.5 object streams + a cross-reference stream. */
#include "typeset/pdf_pack.h"
#include "typeset/haru_error.h"
#include "util/deflate_pool.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Undocumented but exported and declared: the xref, objects and callback streams. */
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

/* Where each object ended up: type 1 (file offset) or 2 (object stream, index in it); type 0
 * is a free number (never used, or a stream length this writer states directly). */
struct slot {
    unsigned char type;
    unsigned char dropped; /* a number libharu used for a stream's length: not written */
    uint32_t a;            /* offset, or the object stream's number */
    uint16_t b;            /* index inside the object stream */
};

/* A stream object waiting to be written: its data goes to the deflate pool as soon as libharu
 * has serialised it, and the object is written once every stream is compressed (its offset
 * depends on the lengths before it). */
struct piece {
    uint32_t number;
    struct buf dict;       /* the dictionary's entries, without brackets and length */
    size_t job;            /* the pool's job, or NO_JOB: data kept as it is in raw */
    struct buf raw;
};

#define NO_JOB ((size_t)-1)

/* A full object stream, written once libharu's numbering is complete. */
struct packed {
    struct buf data;       /* index pairs, then the objects */
    size_t first;          /* where the objects start */
    unsigned count;
    uint32_t ids[PDF_PACK_PER_STREAM];
};

/* A stream handed over early: the bytes its job compresses. */
struct early {
    HPDF_Dict dict;
    struct buf body;
    size_t job;
};

struct pdf_pack_ahead {
    struct deflate_pool *pool;
    HPDF_Stream reader;    /* reads a stream's data into raw */
    struct buf raw, predicted;
    struct early *v;
    size_t n, cap;
};

struct packer {
    HPDF_Doc pdf;
    struct pdf_pack_ahead *ahead;
    struct buf *out;
    struct buf body;       /* the open object stream's objects */
    HPDF_Stream body_stream;
    struct buf index;      /* its "number offset" pairs */
    struct buf raw;        /* a stream's data before compression */
    HPDF_Stream raw_stream;
    struct buf dict;       /* a stream's dictionary */
    HPDF_Stream dict_stream;
    struct deflate_pool *pool;   /* ahead's */
    struct piece *pieces;  /* the stream objects, in file order */
    size_t npieces, pieces_cap;
    size_t written;        /* how many of them are in out */
    uint32_t ids[PDF_PACK_PER_STREAM];   /* its objects' numbers */
    unsigned count;
    uint32_t next_number;  /* numbers after libharu's, for the streams this writer adds */
    struct packed *done;
    size_t ndone, done_cap;
    struct slot *slots;
    size_t nslots, slots_cap;
};

static HPDF_STATUS to_buf(HPDF_Stream stream, const HPDF_BYTE *ptr, HPDF_UINT size)
{
    buf_append(stream->attr, (const char *)ptr, size);
    return HPDF_OK;
}

static struct slot *slot_at(struct packer *P, uint32_t n)
{
    if (n >= P->nslots) {
        xgrow(&P->slots, &P->slots_cap, n + 1, sizeof *P->slots);
        memset(P->slots + P->nslots, 0, (n + 1 - P->nslots) * sizeof *P->slots);
        P->nslots = n + 1;
    }
    return &P->slots[n];
}

/* Queues the stream object "N 0 obj <<dict /Length n /Filter /FlateDecode>> stream DATA
 * endstream endobj", DATA deflated (or as it is when deflate is 0) by the pool. libdeflate at
 * PDF_PACK_LEVEL: on the samples it writes every stream 3-5% smaller than zlib at the same
 * speed. */
static struct piece *add_piece(struct packer *P, uint32_t number, const char *dict,
                               size_t dict_len, size_t job)
{
    xgrow(&P->pieces, &P->pieces_cap, P->npieces + 1, sizeof *P->pieces);
    struct piece *k = &P->pieces[P->npieces++];
    *k = (struct piece){ number, BUF_INIT, job, BUF_INIT };
    buf_append(&k->dict, dict, dict_len);
    return k;
}

static void write_stream(struct packer *P, uint32_t number, const char *dict, size_t dict_len,
                         const unsigned char *data, size_t len, int deflate)
{
    if (deflate) {
        add_piece(P, number, dict, dict_len, deflate_pool_add(P->pool, data, len));
    } else {
        struct piece *k = add_piece(P, number, dict, dict_len, NO_JOB);
        buf_append(&k->raw, data, len);
    }
}

/* The job already compressing exactly these bytes for dict, or NO_JOB. */
static size_t early_job(const struct pdf_pack_ahead *a, HPDF_Dict dict, const struct buf *body)
{
    for (size_t i = a->n; i-- > 0;) {   /* the latest hand-over of dict */
        const struct early *e = &a->v[i];
        if (e->dict == dict)
            return e->body.len == body->len && !memcmp(e->body.data, body->data, body->len)
                   ? e->job : NO_JOB;
    }
    return NO_JOB;
}

/* Writes the stream objects queued since the last call, in order, once the pool has
 * compressed them. */
static void write_pieces(struct packer *P)
{
    deflate_pool_finish(P->pool);
    for (size_t i = P->written; i < P->npieces; i++) {
        const struct piece *k = &P->pieces[i];
        *slot_at(P, k->number) = (struct slot){ 1, 0, (uint32_t)P->out->len, 0 };
        buf_printf(P->out, "%u 0 obj\n<<", k->number);
        buf_append(P->out, k->dict.data, k->dict.len);
        const unsigned char *data = (const unsigned char *)k->raw.data;
        size_t len = k->raw.len;
        if (k->job == NO_JOB) {
            buf_printf(P->out, " /Length %zu>>\nstream\n", len);
        } else {
            data = deflate_pool_result(P->pool, k->job, &len);
            buf_printf(P->out, " /Filter /FlateDecode /Length %zu>>\nstream\n", len);
        }
        buf_append(P->out, (const char *)data, len);
        buf_puts(P->out, "\nendstream\nendobj\n");
    }
    P->written = P->npieces;
}

static void write_deflated(struct packer *P, uint32_t number, const char *dict,
                           const unsigned char *data, size_t len)
{
    write_stream(P, number, dict, strlen(dict), data, len, 1);
}

/* Closes the open object stream (kept until the numbering is complete). */
static void close_object_stream(struct packer *P)
{
    if (!P->count)
        return;
    xgrow(&P->done, &P->done_cap, P->ndone + 1, sizeof *P->done);
    struct packed *k = &P->done[P->ndone++];
    memset(k, 0, sizeof *k);
    buf_append(&k->data, P->index.data, P->index.len);
    k->first = k->data.len;
    buf_append(&k->data, P->body.data, P->body.len);
    k->count = P->count;
    memcpy(k->ids, P->ids, P->count * sizeof *P->ids);
    buf_clear(&P->body);
    buf_clear(&P->index);
    P->count = 0;
}

static int write_object_streams(struct packer *P)
{
    close_object_stream(P);
    for (size_t i = 0; i < P->ndone; i++) {
        struct packed *k = &P->done[i];
        uint32_t number = P->next_number++;
        for (unsigned j = 0; j < k->count; j++)
            slot_at(P, k->ids[j])->a = number;
        char dict[96];
        snprintf(dict, sizeof dict, "/Type /ObjStm /N %u /First %zu", k->count, k->first);
        write_deflated(P, number, dict, (const unsigned char *)k->data.data, k->data.len);
    }
    write_pieces(P);   /* every stream object before the cross-reference stream */
    return 0;
}

/* PNG "Up" prediction (PDF /Predictor 12) of data in rows of `columns` bytes: each row becomes
 * its filter byte (2) and its difference from the row above, which turns tables of rising
 * numbers (cross-reference rows, glyph maps) into runs deflate shrinks to almost nothing. */
static void png_up(const unsigned char *data, size_t len, size_t columns, struct buf *out)
{
    buf_clear(out);
    for (size_t row = 0; row * columns < len; row++) {
        buf_putc(out, 2);
        for (size_t k = 0; k < columns; k++) {
            size_t at = row * columns + k;
            unsigned char v = at < len ? data[at] : 0;
            unsigned char up = row && at - columns < len ? data[at - columns] : 0;
            buf_putc(out, (char)(unsigned char)(v - up));
        }
    }
}

/* The /Columns of a stream whose /DecodeParms ask for PNG Up prediction; 0 otherwise. */
static size_t up_columns(HPDF_Dict dict)
{
    HPDF_Dict parms = HPDF_Dict_GetItem(dict, "DecodeParms", HPDF_OCLASS_DICT);
    HPDF_Number predictor = parms ? HPDF_Dict_GetItem(parms, "Predictor", HPDF_OCLASS_NUMBER)
                                  : NULL;
    HPDF_Number columns = parms ? HPDF_Dict_GetItem(parms, "Columns", HPDF_OCLASS_NUMBER) : NULL;
    if (!predictor || predictor->value != 12 || !columns || columns->value <= 0)
        return 0;
    return (size_t)columns->value;
}

/* The bytes written for stream's data (to be deflated when *deflate): the data read through
 * reader into raw, PNG-Up predicted into predicted when its /DecodeParms ask for it. */
static HPDF_STATUS stream_body(HPDF_Dict dict, HPDF_Stream reader, struct buf *raw,
                               struct buf *predicted, const struct buf **body, int *deflate)
{
    buf_clear(raw);
    HPDF_STATUS st = HPDF_OK;
    if (HPDF_Stream_Size(dict->stream))
        st = HPDF_Stream_WriteToStream(dict->stream, reader, HPDF_STREAM_FILTER_NONE, NULL);
    *deflate = (dict->filter & HPDF_STREAM_FILTER_FLATE_DECODE) != 0;
    size_t columns = *deflate ? up_columns(dict) : 0;
    *body = raw;
    if (columns) {
        png_up((const unsigned char *)raw->data, raw->len, columns, predicted);
        *body = predicted;
    }
    return st;
}

struct pdf_pack_ahead *pdf_pack_ahead_new(HPDF_Doc pdf)
{
    struct pdf_pack_ahead *a = xcalloc(1, sizeof *a);
    a->pool = deflate_pool_new(PDF_PACK_LEVEL);
    a->reader = HPDF_CallbackWriter_New(pdf->mmgr, to_buf, &a->raw);
    return a;
}

HPDF_STATUS pdf_pack_ahead_stream(struct pdf_pack_ahead *a, HPDF_Dict stream)
{
    if (!a->reader)
        return HPDF_FAILD_TO_ALLOC_MEM;
    const struct buf *body;
    int deflate;
    HPDF_STATUS st = stream_body(stream, a->reader, &a->raw, &a->predicted, &body, &deflate);
    if (st != HPDF_OK || !deflate)
        return st;
    xgrow(&a->v, &a->cap, a->n + 1, sizeof *a->v);
    struct early *e = &a->v[a->n++];
    *e = (struct early){ stream, BUF_INIT, 0 };
    buf_append(&e->body, body->data, body->len);
    e->job = deflate_pool_add(a->pool, body->data, body->len);
    return HPDF_OK;
}

void pdf_pack_ahead_free(struct pdf_pack_ahead *a)
{
    if (!a)
        return;
    deflate_pool_free(a->pool);
    if (a->reader)
        HPDF_Stream_Free(a->reader);
    buf_free(&a->raw);
    buf_free(&a->predicted);
    for (size_t i = 0; i < a->n; i++)
        buf_free(&a->v[i].body);
    free(a->v);
    free(a);
}

/* A stream object, written here rather than by libharu: its dictionary as libharu writes it
 * minus libharu's /Length (an indirect number object, dropped from the file) and /Filter,
 * then the data, compressed here. The dictionary's callbacks run as in HPDF_Dict_Write (a
 * font's adds its descriptor). */
static HPDF_STATUS pack_stream(struct packer *P, uint32_t n, HPDF_Dict dict)
{
    HPDF_STATUS st = HPDF_OK;
    if (dict->before_write_fn && (st = dict->before_write_fn(dict)) != HPDF_OK)
        return st;
    HPDF_Number length = HPDF_Dict_GetItem(dict, "Length", HPDF_OCLASS_NUMBER);
    if (length && (length->header.obj_id & HPDF_OTYPE_INDIRECT))
        slot_at(P, length->header.obj_id & 0x00FFFFFF)->dropped = 1;
    HPDF_Dict_RemoveElement(dict, "Length");
    HPDF_Dict_RemoveElement(dict, "Filter");
    const struct buf *body;
    int deflate;
    struct buf predicted = BUF_INIT;
    if ((st = stream_body(dict, P->raw_stream, &P->raw, &predicted, &body, &deflate)) != HPDF_OK) {
        buf_free(&predicted);
        return st;
    }
    /* The entries alone: HPDF_Dict_Write with the stream and callbacks set aside. */
    HPDF_Stream data = dict->stream;
    HPDF_Dict_BeforeWriteFunc before = dict->before_write_fn;
    HPDF_Dict_AfterWriteFunc after = dict->after_write_fn;
    dict->stream = NULL;
    dict->before_write_fn = NULL;
    dict->after_write_fn = NULL;
    buf_clear(&P->dict);
    st = HPDF_Dict_Write(dict, P->dict_stream, NULL);
    dict->stream = data;
    dict->before_write_fn = before;
    dict->after_write_fn = after;
    if (st != HPDF_OK) {
        buf_free(&predicted);
        return st;
    }
    /* "<<\n" … ">>": keep the entries, the writer adds the brackets and the length */
    size_t len = P->dict.len >= 5 ? P->dict.len - 5 : 0;
    size_t job = deflate ? early_job(P->ahead, dict, body) : NO_JOB;
    if (job != NO_JOB)
        add_piece(P, n, P->dict.data + 2, len, job);
    else
        write_stream(P, n, P->dict.data + 2, len, (const unsigned char *)body->data, body->len,
                     deflate);
    buf_free(&predicted);
    return after ? after(dict) : HPDF_OK;
}

/* Object n: a stream goes straight to the file, anything else into the open object stream. */
static HPDF_STATUS pack_object(struct packer *P, uint32_t n, void *obj)
{
    HPDF_Obj_Header *h = obj;
    if ((n < P->nslots && P->slots[n].dropped) || (h->obj_id & HPDF_OTYPE_HIDDEN))
        return HPDF_OK;
    if ((h->obj_class & HPDF_OCLASS_ANY) == HPDF_OCLASS_DICT && ((HPDF_Dict)obj)->stream)
        return pack_stream(P, n, obj);
    if (P->count == PDF_PACK_PER_STREAM)
        close_object_stream(P);
    P->ids[P->count] = n;
    *slot_at(P, n) = (struct slot){ 2, 0, 0, (uint16_t)P->count };
    buf_put_uint(&P->index, n);
    buf_putc(&P->index, ' ');
    buf_put_uint(&P->index, P->body.len);
    buf_putc(&P->index, ' ');
    P->count++;
    HPDF_STATUS st = HPDF_Obj_WriteValue(obj, P->body_stream, NULL);
    buf_putc(&P->body, '\n');
    return st;
}

static void put_be(struct buf *b, uint32_t v, int bytes)
{
    for (int i = bytes - 1; i >= 0; i--)
        buf_putc(b, (char)((v >> (8 * i)) & 0xFF));
}

/* The cross-reference stream, which is also the trailer. */
static int write_xref_stream(struct packer *P, uint32_t root, uint32_t info)
{
    uint32_t number = P->next_number++;
    size_t offset = P->out->len;
    *slot_at(P, number) = (struct slot){ 1, 0, (uint32_t)offset, 0 };
    struct buf rows = BUF_INIT;
    for (size_t i = 0; i < P->nslots; i++) {
        const struct slot *s = &P->slots[i];
        buf_putc(&rows, (char)s->type);
        put_be(&rows, s->type ? s->a : 0, 4);
        put_be(&rows, s->type ? s->b : (i == 0 ? 0xFFFF : 0), 2);
    }
    char dict[200];
    int n = snprintf(dict, sizeof dict, "/Type /XRef /Size %zu /W [1 4 2] /Root %u 0 R "
                     "/DecodeParms <</Columns 7 /Predictor 12>>", P->nslots, root);
    if (info)
        snprintf(dict + n, sizeof dict - (size_t)n, " /Info %u 0 R", info);
    struct buf predicted = BUF_INIT;
    png_up((const unsigned char *)rows.data, rows.len, 7, &predicted);
    write_deflated(P, number, dict, (const unsigned char *)predicted.data, predicted.len);
    write_pieces(P);
    buf_free(&predicted);
    buf_free(&rows);
    buf_printf(P->out, "startxref\n%zu\n%%%%EOF\n", offset);
    return 0;
}

static uint32_t object_number(void *obj)
{
    return obj ? ((HPDF_Obj_Header *)obj)->obj_id & 0x00FFFFFF : 0;
}

enum exp_status pdf_pack_write(HPDF_Doc pdf, struct pdf_pack_ahead *ahead, struct buf *out,
                               struct diag *d)
{
    struct pdf_pack_ahead *own = ahead ? NULL : pdf_pack_ahead_new(pdf);
    struct packer P = { .pdf = pdf, .ahead = ahead ? ahead : own, .out = out };
    HPDF_Xref xref = pdf->xref;
    P.body_stream = HPDF_CallbackWriter_New(pdf->mmgr, to_buf, &P.body);
    P.raw_stream = HPDF_CallbackWriter_New(pdf->mmgr, to_buf, &P.raw);
    P.dict_stream = HPDF_CallbackWriter_New(pdf->mmgr, to_buf, &P.dict);
    P.pool = P.ahead->pool;
    enum exp_status rc = EXP_SOFTWARE;
    if (!P.body_stream || !P.raw_stream || !P.dict_stream || xref->prev)
        goto out;
    /* The binary comment marks the file as binary for transfer programs. */
    buf_puts(out, "%PDF-1.5\n%\xB7\xBE\xAD\xAA\n");
    /* Writing a font adds its descriptor and font file to the table: count again each time. */
    for (uint32_t i = 1; i < xref->entries->count; i++) {
        HPDF_XrefEntry e = HPDF_Xref_GetEntry(xref, i);
        if (!e || !e->obj || pack_object(&P, i, e->obj) != HPDF_OK)
            goto out;
    }
    P.next_number = xref->entries->count;
    slot_at(&P, P.next_number - 1);
    if (write_object_streams(&P) != 0
        || write_xref_stream(&P, object_number(pdf->catalog), object_number(pdf->info)) != 0)
        goto out;
    rc = EXP_OK;
out:
    if (rc != EXP_OK && haru_error_is_memory(HPDF_GetError(pdf)))
        x_out_of_memory("libharu");
    if (rc != EXP_OK)
        diag_error(d, NULL, 0, 0, "cannot write the PDF's objects (libharu error 0x%04lX)",
                   (unsigned long)HPDF_GetError(pdf));
    HPDF_Stream writers[] = { P.body_stream, P.raw_stream, P.dict_stream };
    for (size_t i = 0; i < sizeof writers / sizeof writers[0]; i++)
        if (writers[i])
            HPDF_Stream_Free(writers[i]);
    pdf_pack_ahead_free(own);
    for (size_t i = 0; i < P.npieces; i++) {
        buf_free(&P.pieces[i].dict);
        buf_free(&P.pieces[i].raw);
    }
    free(P.pieces);
    buf_free(&P.raw);
    buf_free(&P.dict);
    buf_free(&P.body);
    buf_free(&P.index);
    for (size_t i = 0; i < P.ndone; i++)
        buf_free(&P.done[i].data);
    free(P.done);
    free(P.slots);
    return rc;
}

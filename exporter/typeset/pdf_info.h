/* pdf_info.h — the briefing's document metadata, as the PDF writer's parts take it: pdf_out
 * writes the Info dictionary from it, tags the catalog's language, title and XMP. */
#ifndef EXPORTER_PDF_INFO_H
#define EXPORTER_PDF_INFO_H

struct pdf_out_info {
    const char *title, *author, *subject, *keywords, *creator;
    long long date;        /* CreationDate/ModDate as Unix seconds (UTC); -1 = leave out */
    const char *lang;      /* the document's language (BCP 47); NULL = "ko-KR" */
};

#endif

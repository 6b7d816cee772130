/* xlsx_zip.c — the deflate level of the workbook's zip entries.
 *
 * libxlsxwriter writes the workbook's zip through minizip and asks for zlib's default level
 * (6) with no option to choose another. On a large week that deflate was the costliest single
 * step of the run (a fifth of its CPU at 300 articles): the facts sheet is tens of megabytes
 * of very repetitive XML. Level 1 deflates it about 2.6 times faster for a file about 16 %
 * larger, which is the better trade for a weekly export (nobody waits on its bytes, everyone
 * waits on the run).
 *
 * The choice is made at the one call libxlsxwriter makes into minizip for each entry: this
 * program defines that function, so the dynamic linker binds libxlsxwriter's call here (a
 * definition in the executable comes first), and it forwards to minizip's own with the level
 * changed and every other argument untouched. Only the level differs; the zip entries still
 * say which level wrote them (general-purpose flag bits 1-2, "super fast"), which is what the
 * test checks. If minizip's function cannot be found, the call fails as a failed open would,
 * and the workbook reports a write error. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>
#include <xlsxwriter/third_party/zip.h>

#define WORKBOOK_DEFLATE_LEVEL 1

typedef int (*open_entry_fn)(zipFile, const char *, const zip_fileinfo *, const void *, uInt,
                             const void *, uInt, const char *, int, int, int, int, int, int,
                             const char *, uLong, uLong, uLong, int);

int zipOpenNewFileInZip4_64(zipFile file, const char *filename, const zip_fileinfo *zipfi,
                            const void *extrafield_local, uInt size_extrafield_local,
                            const void *extrafield_global, uInt size_extrafield_global,
                            const char *comment, int method, int level, int raw, int windowBits,
                            int memLevel, int strategy, const char *password,
                            uLong crcForCrypting, uLong versionMadeBy, uLong flagBase, int zip64)
{
    open_entry_fn minizip = (open_entry_fn)dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64");
    if (!minizip)
        return ZIP_INTERNALERROR;
    if (method == Z_DEFLATED && level == Z_DEFAULT_COMPRESSION)
        level = WORKBOOK_DEFLATE_LEVEL;
    return minizip(file, filename, zipfi, extrafield_local, size_extrafield_local,
                   extrafield_global, size_extrafield_global, comment, method, level, raw,
                   windowBits, memLevel, strategy, password, crcForCrypting, versionMadeBy,
                   flagBase, zip64);
}

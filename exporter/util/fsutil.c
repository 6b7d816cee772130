/* fsutil.c — see fsutil.h. */
#include "util/fsutil.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"

char *fsutil_join(const char *dir, const char *name)
{
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    struct buf b = BUF_INIT;
    buf_append(&b, dir, n);
    if (n && dir[n - 1] != '/')
        buf_putc(&b, '/');
    buf_puts(&b, name);
    return buf_detach(&b);
}

static char *dir_of(const char *path)
{
    char *copy = xstrdup(path);
    char *d = xstrdup(dirname(copy));
    free(copy);
    return d;
}

enum exp_status atomic_file_commit(struct atomic_file *af, struct diag *d)
{
    const char *step = NULL;
    int err = 0;
    if (fflush(af->fp) != 0)
        step = "write", err = errno;
    else if (ferror(af->fp))
        step = "write", err = EIO;
    if (fclose(af->fp) != 0 && !step)
        step = "close", err = errno;
    af->fp = NULL;
    if (step) {
        diag_error(d, af->final_path, 0, 0, "cannot write output (%s): %s", step, strerror(err));
        unlink(af->temp_path);
    }
    free(af->temp_path);
    free(af->final_path);
    af->temp_path = af->final_path = NULL;
    return step ? EXP_IOERR : EXP_OK;
}

void atomic_file_abort(struct atomic_file *af)
{
    if (af->fp)
        fclose(af->fp);
    if (af->temp_path)
        unlink(af->temp_path);
    free(af->temp_path);
    free(af->final_path);
    memset(af, 0, sizeof *af);
}

/* Set by the handler alone (a signal handler can reach only static storage); read and reset
 * by fsutil_size_watch_begin/end on the thread that watches. */
static volatile sig_atomic_t size_limit_crossed;

static void on_size_limit(int sig)
{
    (void)sig;
    size_limit_crossed = 1;
}

void fsutil_size_watch_begin(struct fsutil_size_watch *w)
{
    size_limit_crossed = 0;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_size_limit;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGXFSZ, &sa, &w->previous);
}

int fsutil_size_watch_end(struct fsutil_size_watch *w)
{
    sigaction(SIGXFSZ, &w->previous, NULL);
    return size_limit_crossed != 0;
}

enum exp_status fsutil_mkdirs(const char *dir, struct diag *d)
{
    if (!*dir) {
        diag_error(d, "''", 0, 0, "cannot create output directory: empty name");
        return EXP_CANTCREAT;
    }
    char *p = xstrdup(dir);
    /* Each prefix that ends at a '/' (after the first byte, so "/" itself is skipped), then
     * the whole path. */
    for (size_t i = 1;; i++) {
        char c = p[i];
        if (c != '/' && c != '\0')
            continue;
        p[i] = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            diag_error(d, p, 0, 0, "cannot create output directory: %s", strerror(errno));
            free(p);
            return EXP_CANTCREAT;
        }
        p[i] = c;
        if (!c)
            break;
    }
    struct stat st;
    int ok = stat(p, &st) == 0 && S_ISDIR(st.st_mode);
    if (!ok)
        diag_error(d, p, 0, 0, "cannot create output directory: not a directory");
    free(p);
    return ok ? EXP_OK : EXP_CANTCREAT;
}

enum exp_status fsutil_read_file(const char *path, size_t limit, char **data, size_t *len,
                                 struct diag *d)
{
    /* O_NONBLOCK so that a FIFO put where a file was expected cannot block the open; then
     * only a regular file is read (a FIFO or a device would block or never end). */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        int err = errno;
        if (err == ENAMETOOLONG) {
            diag_error(d, path, 0, 0, "path longer than the system's limit; not read");
            return EXP_DATAERR;
        }
        diag_error(d, path, 0, 0, "cannot open: %s", strerror(err));
        /* missing or not readable: an input that is not there for us (sysexits' NOINPUT) */
        return err == ENOENT || err == ENOTDIR || err == EACCES || err == EPERM ? EXP_NOINPUT
                                                                               : EXP_IOERR;
    }
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        diag_error(d, path, 0, 0, "not a regular file; not read");
        close(fd);
        return EXP_DATAERR;
    }
    /* A 1 GB (or sparse) file is refused before a byte is read; the loop below still stops
     * a file that grows while it is read. */
    if ((unsigned long long)sb.st_size > limit) {
        diag_error(d, path, 0, 0, "file is larger than the %zu MiB limit", limit / (1024 * 1024));
        close(fd);
        return EXP_DATAERR;
    }
    FILE *fp = fdopen(fd, "rb");
    if (!fp) {
        diag_error(d, path, 0, 0, "cannot open: %s", strerror(errno));
        close(fd);
        return EXP_IOERR;
    }
    struct buf b = BUF_INIT;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
        if (b.len + n > limit) {
            diag_error(d, path, 0, 0, "file is larger than the %zu MiB limit",
                       limit / (1024 * 1024));
            buf_free(&b);
            fclose(fp);
            return EXP_DATAERR;
        }
        buf_append(&b, chunk, n);
    }
    int failed = ferror(fp);
    fclose(fp);
    if (failed) {
        diag_error(d, path, 0, 0, "read error");
        buf_free(&b);
        return EXP_IOERR;
    }
    *len = b.len;
    *data = buf_detach(&b);
    return EXP_OK;
}

int fsutil_temp_file(const char *name, char **path)
{
    const char *env = getenv("TMPDIR");
    const char *dirs[] = { env && *env ? env : NULL, "/tmp" };
    int err = ENOENT;
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        if (!dirs[i])
            continue;
        struct buf b = BUF_INIT;
        buf_printf(&b, "%s/%s-XXXXXX", dirs[i], name);
        int fd = mkstemp(b.data);
        if (fd >= 0) {
            *path = buf_detach(&b);
            return fd;
        }
        err = errno;
        buf_free(&b);
    }
    *path = NULL;
    errno = err;
    return -1;
}

#ifndef EXPORTER_DATADIR
#define EXPORTER_DATADIR "/usr/local/share/exporter"
#endif

static char *exe_dir(void)
{
    char buf[4096];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0)
        return NULL;
    buf[n] = '\0';
    return dir_of(buf);
}

char *fsutil_find_data(const char *relative)
{
    char *bin = exe_dir();
    const char *env = getenv("EXPORTER_DATADIR");
    char *beside = bin ? fsutil_join(bin, "..") : NULL;
    char *share = bin ? fsutil_join(bin, "../share/exporter") : NULL;
    const char *roots[] = { env && *env ? env : NULL, beside, share, EXPORTER_DATADIR, "." };
    char *found = NULL;
    for (size_t i = 0; i < sizeof roots / sizeof roots[0] && !found; i++) {
        if (!roots[i])
            continue;
        char *p = fsutil_join(roots[i], relative);
        if (access(p, R_OK) == 0)
            found = p;
        else
            free(p);
    }
    free(bin);
    free(beside);
    free(share);
    return found;
}

/* Appends the components of rel to the absolute path in b, dropping "." and popping at "..". */
static void append_components(struct buf *b, const char *rel)
{
    const char *p = rel;
    while (*p) {
        size_t n = strcspn(p, "/");
        if (n == 2 && p[0] == '.' && p[1] == '.') {
            while (b->len > 1 && b->data[b->len - 1] != '/')
                b->len--;
            if (b->len > 1)
                b->len--;
            b->data[b->len] = '\0';
        } else if (n && !(n == 1 && p[0] == '.')) {
            if (b->len > 1 || b->data[0] != '/')
                buf_putc(b, '/');
            buf_append(b, p, n);
        }
        p += n;
        while (*p == '/')
            p++;
    }
}

char *fsutil_resolve(const char *path)
{
    struct buf abs = BUF_INIT;
    if (path[0] != '/') {
        char *cwd = getcwd(NULL, 0);
        buf_puts(&abs, cwd ? cwd : "/");
        free(cwd);
    } else {
        buf_puts(&abs, "/");
    }
    append_components(&abs, path);
    /* the longest prefix that exists, resolved; the rest as written */
    size_t cut = abs.len;
    char *real = NULL;
    for (;;) {
        char saved = abs.data[cut];
        abs.data[cut] = '\0';
        real = realpath(abs.len && cut ? abs.data : "/", NULL);
        abs.data[cut] = saved;
        if (real || cut <= 1)
            break;
        while (cut > 1 && abs.data[cut - 1] != '/')
            cut--;
        if (cut > 1)
            cut--;
    }
    struct buf out = BUF_INIT;
    buf_puts(&out, real ? real : "/");
    free(real);
    if (cut < abs.len)
        append_components(&out, abs.data + cut);
    buf_free(&abs);
    return buf_detach(&out);
}

int fsutil_path_within(const char *path, const char *dir)
{
    char *p = fsutil_resolve(path), *d = fsutil_resolve(dir);
    size_t n = strlen(d);
    int within = strncmp(p, d, n) == 0 && (p[n] == '\0' || p[n] == '/' || (n == 1 && d[0] == '/'));
    free(p);
    free(d);
    return within;
}

int fsutil_out_of_descriptors(void)
{
    int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        close(fd);
        return 0;
    }
    return errno == EMFILE || errno == ENFILE;
}

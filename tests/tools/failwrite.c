/* failwrite.c — an LD_PRELOAD fault injector for the full-disk tests: a write to a file whose
 * path contains FAILWRITE_MATCH fails with FAILWRITE_ERRNO (default ENOSPC) once the first
 * FAILWRITE_SKIP such writes have succeeded. A test can so make exactly one file fill the
 * disk at a chosen point (the archive's write-ahead log at its commit, for instance),
 * deterministically, whatever the timing or the machine's real free space.
 *
 * It covers the calls a library makes through the dynamic linker: write, pwrite, pwrite64,
 * writev (SQLite's pager and WAL, our own unbuffered writes). stdio's internal flushes do not
 * go through them and are not covered.
 *
 * Likewise rename(2) onto a path ending in FAILRENAME_SUFFIX fails with FAILWRITE_ERRNO (the
 * one step that publishes an output set).
 * Build: cc -shared -fPIC -o failwrite.so failwrite.c -ldl */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

static int matches(int fd)
{
    const char *match = getenv("FAILWRITE_MATCH");
    if (!match || !*match)
        return 0;
    char link[64], path[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof path - 1);
    if (n <= 0)
        return 0;
    path[n] = '\0';
    return strstr(path, match) != NULL;
}

/* 1 when this write must fail (errno set). */
static int inject(int fd)
{
    static atomic_long seen;
    if (!matches(fd))
        return 0;
    const char *skip = getenv("FAILWRITE_SKIP");
    long n = atomic_fetch_add(&seen, 1);
    if (n < (skip ? atol(skip) : 0))
        return 0;
    const char *err = getenv("FAILWRITE_ERRNO");
    errno = err ? atoi(err) : ENOSPC;
    return 1;
}

typedef ssize_t (*write_fn)(int, const void *, size_t);
typedef ssize_t (*pwrite_fn)(int, const void *, size_t, off_t);
typedef ssize_t (*pwrite64_fn)(int, const void *, size_t, off64_t);
typedef ssize_t (*writev_fn)(int, const struct iovec *, int);

#define REAL(name, type) static type real_##name; \
    if (!real_##name) real_##name = (type)dlsym(RTLD_NEXT, #name)

ssize_t write(int fd, const void *buf, size_t n)
{
    REAL(write, write_fn);
    return inject(fd) ? -1 : real_write(fd, buf, n);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t at)
{
    REAL(pwrite, pwrite_fn);
    return inject(fd) ? -1 : real_pwrite(fd, buf, n, at);
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off64_t at)
{
    REAL(pwrite64, pwrite64_fn);
    return inject(fd) ? -1 : real_pwrite64(fd, buf, n, at);
}

ssize_t writev(int fd, const struct iovec *iov, int n)
{
    REAL(writev, writev_fn);
    return inject(fd) ? -1 : real_writev(fd, iov, n);
}

typedef int (*rename_fn)(const char *, const char *);

int rename(const char *from, const char *to)
{
    REAL(rename, rename_fn);
    const char *suffix = getenv("FAILRENAME_SUFFIX");
    size_t n = suffix ? strlen(suffix) : 0, m = strlen(to);
    if (n && m >= n && strcmp(to + m - n, suffix) == 0) {
        const char *err = getenv("FAILWRITE_ERRNO");
        errno = err ? atoi(err) : ENOSPC;
        return -1;
    }
    return real_rename(from, to);
}

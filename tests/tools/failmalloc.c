/* failmalloc.c — an LD_PRELOAD fault injector for the out-of-memory tests: malloc fails for
 * requests of exactly FAILMALLOC_SIZE bytes after the first FAILMALLOC_SKIP of them have
 * succeeded, so a test can make one library's allocation fail at a chosen point (libyaml's
 * parser buffer, for instance) deterministically, on any thread, whatever the timing.
 * Build: cc -shared -fPIC -o failmalloc.so failmalloc.c */
#include <errno.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>

void *__libc_malloc(size_t n);

static size_t setting(const char *name)
{
    const char *s = getenv(name);
    return s ? (size_t)strtoull(s, NULL, 10) : 0;
}

void *malloc(size_t n)
{
    static atomic_size_t seen;
    static size_t size = (size_t)-1, skip;
    if (size == (size_t)-1) {
        skip = setting("FAILMALLOC_SKIP");
        size = setting("FAILMALLOC_SIZE");
    }
    if (size && n == size && atomic_fetch_add(&seen, 1) >= skip) {
        errno = ENOMEM;
        return NULL;
    }
    return __libc_malloc(n);
}

/* inputs.c — see inputs.h. */
#include "ingest/inputs.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/fsutil.h"
#include "util/hash.h"

/* ---- The list, on disk ---- */

static enum exp_status list_open(struct input_list *l, struct diag *d)
{
    memset(l, 0, sizeof *l);
    char *path = NULL;
    int fd = fsutil_temp_file("exporter-inputs", &path);
    l->spill = fd >= 0 ? fdopen(fd, "w+b") : NULL;
    if (path)
        unlink(path);   /* gone with the process, whatever happens to it */
    if (!l->spill) {
        diag_error(d, path ? path : "$TMPDIR or /tmp", 0, 0,
                   "cannot make a temporary file for the list of inputs: %s", strerror(errno));
        if (fd >= 0)
            close(fd);
        l->failed = 1;
    }
    free(path);
    return l->failed ? EXP_IOERR : EXP_OK;
}

static void list_add(struct input_list *l, const char *path)
{
    if (l->spill && fwrite(path, 1, strlen(path) + 1, l->spill) != strlen(path) + 1)
        l->failed = 1;
    l->count++;
}

enum exp_status input_list_rewind(struct input_list *l)
{
    if (!l->spill || l->failed || fflush(l->spill) != 0 || fseeko(l->spill, 0, SEEK_SET) != 0) {
        l->failed = 1;
        return EXP_IOERR;
    }
    return EXP_OK;
}

const char *input_list_next(struct input_list *l)
{
    if (!l->spill || l->failed)
        return NULL;
    ssize_t n = getdelim(&l->line, &l->line_cap, '\0', l->spill);
    if (n <= 0 || l->line[n - 1] != '\0') {
        l->failed = ferror(l->spill) || n > 0;
        return NULL;
    }
    return l->line;
}

void input_list_free(struct input_list *l)
{
    if (!l)
        return;
    if (l->spill)
        fclose(l->spill);
    free(l->line);
    memset(l, 0, sizeof *l);
}

static int by_string(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int is_article_name(const char *name)
{
    size_t n = strlen(name);
    return name[0] != '.' && ((n > 4 && strcmp(name + n - 4, ".txt") == 0) ||
                              (n > 3 && strcmp(name + n - 3, ".md") == 0));
}

/* One collection over all the INPUTs, and the walk of the INPUT folder in progress. */
struct walk {
    struct input_list *out;
    struct hash_set *seen;   /* folders entered, by device and inode */
    struct hash_set *files;  /* files listed, by device and inode */
    char *root;              /* the INPUT folder's real path: links may not leave it */
    struct diag *d;
};

/* Lists path unless the same file (by device and inode: a link, a hard link, the same path
 * written twice, a file given alone and inside a folder given too) is listed already; then
 * it is read once, quietly, rather than reported as a duplicate article of itself. */
static void list_file(struct walk *w, const char *path, const struct stat *sb)
{
    uint64_t key[2] = { (uint64_t)sb->st_dev, (uint64_t)sb->st_ino };
    if (!hash_set_add(w->files, key, sizeof key)) {
        diag_note(w->d, path, 0, 0, "the same file as an input listed before; read once");
        return;
    }
    list_add(w->out, path);
}

/* The names in dir, hidden ones left out, sorted so runs do not depend on the file system. */
static char **sorted_names(const char *dir, size_t *count, struct diag *d)
{
    DIR *dp = opendir(dir);
    if (!dp) {
        diag_error(d, dir, 0, 0, "cannot read folder: %s", strerror(errno));
        return NULL;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(dp)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        xgrow(&names, &cap, n + 1, sizeof *names);
        names[n++] = xstrdup(e->d_name);
    }
    closedir(dp);
    if (n > 1)
        qsort(names, n, sizeof *names, by_string);
    *count = n;
    return names ? names : xcalloc(1, sizeof *names);
}

static int inside(const char *root, const char *path)
{
    size_t n = strlen(root);
    return strncmp(path, root, n) == 0 && (path[n] == '/' || path[n] == '\0' ||
                                           (n == 1 && root[0] == '/'));
}

static enum exp_status walk_folder(struct walk *w, const char *dir, const struct stat *sb);

/* A path the system cannot open because it is too long: reported, never silently dropped. */
static enum exp_status too_long(const char *path, struct diag *d)
{
    diag_error(d, path, 0, 0, "path longer than the system's limit (%d bytes); not read",
               PATH_MAX);
    return EXP_DATAERR;
}

static enum exp_status refuse_special(const char *path, const struct stat *sb, struct diag *d)
{
    const char *what = S_ISFIFO(sb->st_mode) ? "a FIFO" : S_ISSOCK(sb->st_mode) ? "a socket"
                       : S_ISCHR(sb->st_mode) || S_ISBLK(sb->st_mode) ? "a device"
                                                                        : "not a regular file";
    diag_error(d, path, 0, 0, "%s, not an article file; not read", what);
    return EXP_DATAERR;
}

/* One entry of a folder. Links are followed for files; for folders only inside the root. */
static enum exp_status walk_entry(struct walk *w, const char *path, const char *name)
{
    struct stat lsb, sb;
    if (strlen(path) >= PATH_MAX)
        return too_long(path, w->d);
    if (lstat(path, &lsb) != 0)
        return errno == ENAMETOOLONG ? too_long(path, w->d) : EXP_OK;
    if (stat(path, &sb) != 0) {
        /* A dangling link or a link loop: an article name is reported when it is read. */
        if (is_article_name(name))
            list_add(w->out, path);
        return EXP_OK;
    }
    if (S_ISDIR(sb.st_mode)) {
        if (S_ISLNK(lsb.st_mode)) {
            char *real = realpath(path, NULL);
            int ok = real && inside(w->root, real);
            free(real);
            if (!ok) {
                diag_warning(w->d, path, 0, 0, "link leads outside %s; not followed", w->root);
                return EXP_OK;
            }
        }
        return walk_folder(w, path, &sb);
    }
    if (!is_article_name(name))
        return EXP_OK;
    if (!S_ISREG(sb.st_mode))
        return refuse_special(path, &sb, w->d);
    list_file(w, path, &sb);
    return EXP_OK;
}

static enum exp_status walk_folder(struct walk *w, const char *dir, const struct stat *sb)
{
    uint64_t key[2] = { (uint64_t)sb->st_dev, (uint64_t)sb->st_ino };
    if (!hash_set_add(w->seen, key, sizeof key)) {
        diag_note(w->d, dir, 0, 0, "folder already read (a link loop); not read again");
        return EXP_OK;
    }
    size_t n = 0;
    char **names = sorted_names(dir, &n, w->d);
    if (!names)
        return EXP_NOINPUT;
    enum exp_status st = EXP_OK;
    for (size_t i = 0; i < n; i++) {
        char *path = fsutil_join(dir, names[i]);
        st = exp_status_worst(st, walk_entry(w, path, names[i]));
        free(path);
        free(names[i]);
    }
    free(names);
    return st;
}

static enum exp_status collect_one(struct walk *w, const char *input)
{
    struct diag *d = w->d;
    struct stat sb;
    if (strlen(input) >= PATH_MAX)
        return too_long(input, d);
    if (stat(input, &sb) != 0) {
        if (errno == ENAMETOOLONG)
            return too_long(input, d);
        diag_error(d, input, 0, 0, "no such file or folder");
        return EXP_NOINPUT;
    }
    if (S_ISDIR(sb.st_mode)) {
        w->root = realpath(input, NULL);
        enum exp_status st = w->root ? walk_folder(w, input, &sb) : EXP_NOINPUT;
        if (!w->root)
            diag_error(d, input, 0, 0, "cannot read folder: %s", strerror(errno));
        free(w->root);
        w->root = NULL;
        return st;
    }
    if (!S_ISREG(sb.st_mode))
        return refuse_special(input, &sb, d);
    list_file(w, input, &sb);
    return EXP_OK;
}

/* "-" reads one path per line from standard input. A line holding a NUL byte names no path
 * (the name would be cut at the NUL and another file read): it is reported by its line. */
static enum exp_status collect_stdin(struct walk *w)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    unsigned line_no = 0;
    enum exp_status st = EXP_OK;
    while ((n = getline(&line, &cap, stdin)) > 0) {
        line_no++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (memchr(line, '\0', (size_t)n)) {
            diag_error(w->d, "-", line_no, 0, "a path holding a NUL byte; not read");
            st = exp_status_worst(st, EXP_DATAERR);
        } else if (n > 0) {
            st = exp_status_worst(st, collect_one(w, line));
        }
    }
    free(line);
    return st;
}

enum exp_status inputs_collect(char *const *inputs, size_t n, struct input_list *out,
                               struct diag *d)
{
    if (list_open(out, d) != EXP_OK)
        return EXP_IOERR;
    struct walk w = { out, hash_set_new(), hash_set_new(), NULL, d };
    enum exp_status st = EXP_OK;
    int stdin_read = 0;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(inputs[i], "-") != 0)
            st = exp_status_worst(st, collect_one(&w, inputs[i]));
        else if (!stdin_read++)   /* standard input holds one list, read once */
            st = exp_status_worst(st, collect_stdin(&w));
    }
    hash_set_free(w.seen);
    hash_set_free(w.files);
    if (input_list_rewind(out) != EXP_OK) {
        diag_error(d, NULL, 0, 0, "the list of inputs (a temporary file) could not be "
                   "written: %s", strerror(errno ? errno : EIO));
        st = exp_status_worst(st, EXP_IOERR);
    }
    return st;
}

/* outset.c — see outset.h. */
/* sync_file_range (Linux) starts the stage's writeback before the fsyncs */
#define _GNU_SOURCE
#include "util/outset.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"

/* What stood at the output path before this run. */
enum previous { PREV_NONE, PREV_LINK, PREV_FOLDER };

struct output_set {
    char *dir;        /* the output as the user named it, without trailing '/' */
    char *parent;     /* the folder holding it */
    char *state;      /* parent/.NAME.exporter */
    char *runs;       /* state/runs */
    char *stage;      /* runs/ID: this run's files until commit */
    char *link_target; /* .NAME.exporter/runs/ID, relative to parent */
    enum previous prev;
    char *prev_id;    /* the published set's folder name under runs/ (PREV_LINK) */
    char *retired_id; /* the set published before it, kept one more run (see commit) */
    char *next_link;  /* state/next -> link_target, made by prepare; NULL until then */
    int lock_fd;
};

/* ---- Cleanup on a signal that ends the run ----
 *
 * A signal handler can reach only static storage, so the one run in progress registers its
 * staging folder here: the handler unlinks the files registered so far (unlink and rmdir
 * are async-signal-safe; readdir is not, hence the list of names) and re-raises the signal.
 * This is the program's only mutable static state, and it exists for the handler alone. */
#define CLEANUP_MAX_FILES 32

/* The signals whose default action ends the process and that a user, a terminal or a job
 * runner sends: ^C, kill, a closed terminal or ssh session (cron and nohup aside), ^\, the
 * timers and user signals nothing here uses, and a file-size limit (ulimit -f) crossed:
 * a library that ignores its write errors (libxlsxwriter's row files) must not go on to
 * publish a truncated file. (SIGPIPE is ignored by main: a reader of stderr that went away
 * costs the messages, not the run.) */
static const int fatal_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGALRM, SIGUSR1, SIGUSR2,
                                     SIGXFSZ };
#define N_FATAL_SIGNALS (sizeof fatal_signals / sizeof fatal_signals[0])

static struct {
    volatile sig_atomic_t active;
    volatile sig_atomic_t n_names;
    char stage[PATH_MAX];
    char names[CLEANUP_MAX_FILES][PATH_MAX];
    struct sigaction old[N_FATAL_SIGNALS];
} cleanup;

static void on_fatal_signal(int sig)
{
    if (cleanup.active) {
        for (sig_atomic_t i = 0; i < cleanup.n_names; i++)
            unlink(cleanup.names[i]);
        rmdir(cleanup.stage);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

static void cleanup_register_stage(const char *stage)
{
    if (strlen(stage) >= sizeof cleanup.stage)
        return;
    strcpy(cleanup.stage, stage);
    cleanup.n_names = 0;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_fatal_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < N_FATAL_SIGNALS; i++) {
        sigaction(fatal_signals[i], NULL, &cleanup.old[i]);
        /* a signal the caller ignores (nohup's SIGHUP) stays ignored */
        if (cleanup.old[i].sa_handler != SIG_IGN)
            sigaction(fatal_signals[i], &sa, NULL);
    }
    cleanup.active = 1;
}

/* A file the handler must remove; written before the count grows, so the handler never
 * sees a half-written name. Beyond the table's size the next run cleans up instead. */
static void cleanup_register_file(const char *path)
{
    sig_atomic_t n = cleanup.n_names;
    if (!cleanup.active || n >= CLEANUP_MAX_FILES || strlen(path) >= PATH_MAX)
        return;
    strcpy(cleanup.names[n], path);
    cleanup.n_names = n + 1;
}

static void cleanup_unregister(void)
{
    if (!cleanup.active)
        return;
    cleanup.active = 0;
    for (size_t i = 0; i < N_FATAL_SIGNALS; i++)
        sigaction(fatal_signals[i], &cleanup.old[i], NULL);
}

/* Blocks those signals around the switch, so the handler never removes a staging folder
 * that has just been published. */
static void block_fatal_signals(sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    for (size_t i = 0; i < N_FATAL_SIGNALS; i++)
        sigaddset(&set, fatal_signals[i]);
    sigprocmask(SIG_BLOCK, &set, old);
}

/* ---- Folders ---- */

/* Removes path and everything under it, never following a link. */
static void remove_tree(const char *path)
{
    struct stat sb;
    if (lstat(path, &sb) != 0)
        return;
    if (!S_ISDIR(sb.st_mode)) {
        unlink(path);
        return;
    }
    DIR *dp = opendir(path);
    if (dp) {
        struct dirent *e;
        while ((e = readdir(dp)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char *child = fsutil_join(path, e->d_name);
            remove_tree(child);
            free(child);
        }
        closedir(dp);
    }
    rmdir(path);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* What an earlier exporter (which wrote into a real folder) left there: its outputs, its
 * lock, stamp and temporaries, and make preview's page images. */
static int old_output_name(const char *name)
{
    return ends_with(name, ".csv") || ends_with(name, ".pdf") || ends_with(name, ".xlsx") ||
           ends_with(name, ".png") || strncmp(name, ".exporter.", 10) == 0 ||
           (name[0] == '.' && strstr(name, ".tmp."));
}

/* The first entry of a real folder that exporter did not write, or NULL (caller frees). */
static char *foreign_entry(const char *dir)
{
    DIR *dp = opendir(dir);
    if (!dp)
        return xstrdup(dir);
    char *found = NULL;
    struct dirent *e;
    while (!found && (e = readdir(dp)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char *path = fsutil_join(dir, e->d_name);
        struct stat sb;
        if (lstat(path, &sb) == 0 && S_ISDIR(sb.st_mode) && strcmp(e->d_name, "preview") == 0)
            found = foreign_entry(path);
        else if (lstat(path, &sb) != 0 || !S_ISREG(sb.st_mode) || !old_output_name(e->d_name))
            found = xstrdup(path);
        free(path);
    }
    closedir(dp);
    return found;
}

/* Splits the --out folder into parent and name; "", ".", ".." and "/" name no folder that
 * a link could replace. */
static int split_output_path(const char *dir, char **parent, char **name)
{
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    const char *slash = NULL;
    for (size_t i = 0; i < n; i++)
        if (dir[i] == '/')
            slash = dir + i;
    const char *base = slash ? slash + 1 : dir;
    size_t base_len = n - (size_t)(base - dir);
    if (base_len == 0 || (base_len == 1 && base[0] == '.') ||
        (base_len == 2 && base[0] == '.' && base[1] == '.'))
        return -1;
    *name = xstrndup(base, base_len);
    *parent = slash ? xstrndup(dir, slash == dir ? 1 : (size_t)(slash - dir)) : xstrdup(".");
    return 0;
}

char *output_set_state_dir_for(const char *dir)
{
    char *parent = NULL, *name = NULL;
    if (split_output_path(dir, &parent, &name) != 0)
        return NULL;
    struct buf state = BUF_INIT;
    buf_printf(&state, ".%s.exporter", name);
    char *path = fsutil_join(parent, state.data);
    buf_free(&state);
    free(parent);
    free(name);
    return path;
}

int output_set_would_replace(const char *dir, const char *path)
{
    if (fsutil_path_within(path, dir))
        return 1;
    char *state = output_set_state_dir_for(dir);
    if (!state)
        return 0;
    char *runs = fsutil_join(state, "runs");
    int within = fsutil_path_within(path, runs);
    free(runs);
    free(state);
    return within;
}

static enum exp_status make_folder(const char *path, struct diag *d)
{
    if (mkdir(path, 0777) != 0 && errno != EEXIST) {
        diag_error(d, path, 0, 0, "cannot create output directory: %s", strerror(errno));
        return EXP_CANTCREAT;
    }
    struct stat sb;
    if (lstat(path, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        diag_error(d, path, 0, 0, "cannot create output directory: not a directory");
        return EXP_CANTCREAT;
    }
    return EXP_OK;
}

/* Reads what stands at the output path now. */
static enum exp_status inspect_previous(struct output_set *set, const char *name,
                                        struct diag *d)
{
    struct stat sb;
    if (lstat(set->dir, &sb) != 0) {
        set->prev = PREV_NONE;
        return EXP_OK;
    }
    if (S_ISLNK(sb.st_mode)) {
        char target[PATH_MAX];
        ssize_t n = readlink(set->dir, target, sizeof target - 1);
        struct buf prefix = BUF_INIT;
        buf_printf(&prefix, ".%s.exporter/runs/", name);
        int ours = n > 0 && (size_t)n > prefix.len &&
                   memcmp(target, prefix.data, prefix.len) == 0 &&
                   !memchr(target + prefix.len, '/', (size_t)n - prefix.len);
        if (ours) {
            set->prev = PREV_LINK;
            set->prev_id = xstrndup(target + prefix.len, (size_t)n - prefix.len);
        }
        buf_free(&prefix);
        if (ours)
            return EXP_OK;
        diag_error(d, set->dir, 0, 0, "cannot use as the output folder: a link exporter did "
                   "not make (remove it or choose another --out)");
        return EXP_CANTCREAT;
    }
    if (!S_ISDIR(sb.st_mode)) {
        diag_error(d, set->dir, 0, 0, "cannot create output directory: not a directory");
        return EXP_CANTCREAT;
    }
    char *foreign = foreign_entry(set->dir);
    if (foreign) {
        diag_error(d, foreign, 0, 0, "the output folder holds a file exporter did not write; "
                   "the folder is replaced whole on every run, so choose another --out");
        free(foreign);
        return EXP_CANTCREAT;
    }
    set->prev = PREV_FOLDER;
    return EXP_OK;
}

static enum exp_status take_lock(struct output_set *set, int wait, struct diag *d)
{
    char *path = fsutil_join(set->state, "lock");
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0) {
        diag_error(d, path, 0, 0, "cannot create lock file: %s", strerror(errno));
        free(path);
        return EXP_CANTCREAT;
    }
    enum exp_status st = EXP_OK;
    while (flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0) {
        if (errno == EINTR)
            continue;
        if (errno == EWOULDBLOCK) {
            diag_error(d, set->dir, 0, 0, "output directory is locked by another run "
                       "(use --wait to wait for it)");
            st = EXP_LOCKED;
        } else {
            diag_error(d, path, 0, 0, "cannot lock: %s", strerror(errno));
            st = EXP_IOERR;
        }
        close(fd);
        fd = -1;
        break;
    }
    free(path);
    set->lock_fd = fd;
    return st;
}

/* The name under runs/ of the set retired by the last switch, or NULL. */
static char *read_retired(const struct output_set *set)
{
    char *link = fsutil_join(set->state, "retired");
    char target[NAME_MAX + 1];
    ssize_t n = readlink(link, target, sizeof target - 1);
    free(link);
    if (n <= 0 || memchr(target, '/', (size_t)n))
        return NULL;
    return xstrndup(target, (size_t)n);
}

/* Under the lock: every folder in runs/ but the published one (and the one retired by the
 * last switch) is a killed run's staging
 * folder or a set a killed run did not get to remove. */
static void remove_leftovers(const struct output_set *set)
{
    DIR *dp = opendir(set->runs);
    if (!dp)
        return;
    struct dirent *e;
    while ((e = readdir(dp)) != NULL) {
        if (e->d_name[0] == '.' && (!e->d_name[1] || strcmp(e->d_name, "..") == 0))
            continue;
        if ((set->prev_id && strcmp(e->d_name, set->prev_id) == 0) ||
            (set->retired_id && strcmp(e->d_name, set->retired_id) == 0))
            continue;
        char *path = fsutil_join(set->runs, e->d_name);
        remove_tree(path);
        free(path);
    }
    closedir(dp);
    /* A link made by a run killed just before its switch. */
    char *link = fsutil_join(set->state, "next");
    unlink(link);
    free(link);
}

static void set_free(struct output_set *set)
{
    if (!set)
        return;
    if (set->lock_fd >= 0) {
        flock(set->lock_fd, LOCK_UN);
        close(set->lock_fd);
    }
    free(set->dir);
    free(set->parent);
    free(set->state);
    free(set->runs);
    free(set->stage);
    free(set->link_target);
    free(set->prev_id);
    free(set->retired_id);
    free(set->next_link);
    free(set);
}

static enum exp_status make_stage(struct output_set *set, const char *name, struct diag *d)
{
    char *templ = fsutil_join(set->runs, "XXXXXX");
    if (!mkdtemp(templ)) {
        diag_error(d, set->runs, 0, 0, "cannot create output directory: %s", strerror(errno));
        free(templ);
        return EXP_CANTCREAT;
    }
    /* mkdtemp makes 0700; a published set is an ordinary folder the user shares. */
    mode_t mask = umask(0);
    umask(mask);
    chmod(templ, 0777 & ~mask);
    set->stage = templ;
    struct buf target = BUF_INIT;
    buf_printf(&target, ".%s.exporter/runs/%s", name, strrchr(templ, '/') + 1);
    set->link_target = buf_detach(&target);
    return EXP_OK;
}

/* A refused run (a foreign folder at the output's name, an input folder named as the output)
 * leaves nothing beside it: the state folder it made just now, with its lock and empty runs/,
 * is removed again. (rmdir fails on a folder that holds anything more: then it stays.) */
static void remove_new_state(struct output_set *set)
{
    char *lock = fsutil_join(set->state, "lock");
    unlink(lock);
    free(lock);
    rmdir(set->runs);
    rmdir(set->state);
}

enum exp_status output_set_begin(const char *dir, int wait, struct output_set **out,
                                 struct diag *d)
{
    char *parent = NULL, *name = NULL;
    if (split_output_path(dir, &parent, &name) != 0) {
        diag_error(d, *dir ? dir : "''", 0, 0, "cannot use as the output folder: name a "
                   "folder (it is replaced whole on every run)");
        return EXP_CANTCREAT;
    }
    struct output_set *set = xcalloc(1, sizeof *set);
    set->lock_fd = -1;
    set->parent = parent;
    set->dir = fsutil_join(parent, name);
    struct buf state = BUF_INIT;
    buf_printf(&state, ".%s.exporter", name);
    set->state = fsutil_join(parent, state.data);
    buf_free(&state);
    set->runs = fsutil_join(set->state, "runs");

    enum exp_status st = fsutil_mkdirs(parent, d);
    struct stat sb;
    int state_is_new = lstat(set->state, &sb) != 0;
    if (st == EXP_OK)
        st = make_folder(set->state, d);
    if (st == EXP_OK)
        st = make_folder(set->runs, d);
    if (st == EXP_OK)
        st = take_lock(set, wait, d);
    if (st == EXP_OK)
        st = inspect_previous(set, name, d);
    if (st == EXP_OK) {
        set->retired_id = read_retired(set);
        remove_leftovers(set);
        st = make_stage(set, name, d);
    }
    free(name);
    if (st != EXP_OK) {
        if (state_is_new)
            remove_new_state(set);
        set_free(set);
        return st;
    }
    cleanup_register_stage(set->stage);
    *out = set;
    return EXP_OK;
}

char *output_set_path(struct output_set *set, const char *name)
{
    char *path = fsutil_join(set->stage, name);
    cleanup_register_file(path);
    return path;
}

/* The staging folder is invisible until commit, so a file there needs no temporary and no
 * fsync of its own: atomic_file_commit only checks and closes it, and output_set_commit
 * syncs every file once before the switch. */
enum exp_status output_set_open(struct output_set *set, const char *name,
                                struct atomic_file *af, struct diag *d)
{
    memset(af, 0, sizeof *af);
    char *path = output_set_path(set, name);
    af->fp = fopen(path, "wbx");
    if (!af->fp) {
        diag_error(d, path, 0, 0, "cannot create output: %s", strerror(errno));
        free(path);
        return EXP_CANTCREAT;
    }
    af->temp_path = path;
    af->final_path = xstrdup(path);
    return EXP_OK;
}

const char *output_set_stage_dir(const struct output_set *set)
{
    return set->stage;
}

static int fsync_path(const char *path, int flags)
{
    int fd = open(path, flags | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

/* Starts writing path's data back without waiting for it (Linux; elsewhere nothing). Its
 * failures are left to the fsync that follows. */
static int start_writeback(const char *path)
{
#ifdef SYNC_FILE_RANGE_WRITE
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
        close(fd);
    }
#else
    (void)path;
#endif
    return 0;
}

static int fsync_file(const char *path)
{
    return fsync_path(path, O_RDONLY);
}

/* fn on every regular file of the stage: -1 when the folder cannot be read or fn failed. */
static int each_file(const char *stage, int (*fn)(const char *path))
{
    DIR *dp = opendir(stage);
    if (!dp)
        return -1;
    int rc = 0;
    struct dirent *e;
    while ((e = readdir(dp)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char *path = fsutil_join(stage, e->d_name);
        struct stat sb;
        if (lstat(path, &sb) == 0 && S_ISREG(sb.st_mode) && fn(path) != 0)
            rc = -1;
        free(path);
    }
    closedir(dp);
    return rc;
}

/* Every file of the stage reaches the disk before the link that publishes them. The data of
 * every file is sent to the disk first, all at once, and only then is each file synced: an
 * fsync of one file at a time makes the file system allocate and commit each file's blocks
 * in a journal transaction of its own, one after the other (eight outputs, eight waits);
 * with the writeback already under way for all of them, the first fsync commits them
 * together and the others find their data on the disk. What reaches the disk before the run
 * goes on is unchanged: every fsync is still made and checked. */
static int sync_stage(const char *stage)
{
    each_file(stage, start_writeback);
    int rc = each_file(stage, fsync_file);
    if (fsync_path(stage, O_RDONLY | O_DIRECTORY) != 0)
        rc = -1;
    return rc;
}

/* The link that will publish the stage, made before the switch so that the switch is a
 * rename alone (a symlink needs a directory entry: on a full disk it is what fails). */
static int make_next_link(struct output_set *set)
{
    char *link = fsutil_join(set->state, "next");
    unlink(link);
    if (symlink(set->link_target, link) != 0) {
        int err = errno;
        free(link);
        errno = err;
        return -1;
    }
    set->next_link = link;
    return 0;
}

/* The switch itself: the prepared link renamed over the old one. A real folder from an
 * earlier exporter is first moved into runs/ (the one moment the output is absent, once).
 * Returns the folder now holding the previous set (caller frees), or "" when there is none;
 * NULL with errno set on failure. */
static char *switch_link(struct output_set *set)
{
    char *old = NULL;
    if (set->prev == PREV_FOLDER) {
        old = fsutil_join(set->runs, "previous-folder");
        remove_tree(old);
        if (rename(set->dir, old) != 0)
            goto fail;
    }
    if (rename(set->next_link, set->dir) != 0) {
        int err = errno;
        if (old)
            rename(old, set->dir);
        errno = err;
        goto fail;
    }
    if (old)
        return old;
    return set->prev == PREV_LINK ? fsutil_join(set->runs, set->prev_id) : xstrdup("");
fail:;
    int err = errno;
    unlink(set->next_link);
    free(old);
    errno = err;
    return NULL;
}

/* After the switch, the set just replaced is kept one more run and the one retired before
 * it is removed: a reader that opened the folder just before a switch (cd out; cp *) has a
 * whole run's time to finish reading a set that nobody deletes under it. The record is a
 * link state/retired -> ID, replaced with one rename like the output link. */
static void retire(struct output_set *set, const char *previous)
{
    if (set->prev != PREV_LINK) {
        if (*previous)
            remove_tree(previous);   /* a real folder taken over once, or nothing */
        return;
    }
    char *next = fsutil_join(set->state, "retired.next");
    char *record = fsutil_join(set->state, "retired");
    unlink(next);
    if (symlink(set->prev_id, next) == 0 && rename(next, record) == 0) {
        if (set->retired_id && strcmp(set->retired_id, set->prev_id) != 0) {
            char *old = fsutil_join(set->runs, set->retired_id);
            remove_tree(old);
            free(old);
        }
    } else {
        unlink(next);
        remove_tree(previous);
    }
    free(next);
    free(record);
}

enum exp_status output_set_prepare(struct output_set *set, struct diag *d)
{
    if (set->next_link)
        return EXP_OK;
    if (sync_stage(set->stage) != 0) {
        diag_error(d, set->stage, 0, 0, "cannot write output (fsync): %s", strerror(errno));
        output_set_abort(set);
        return EXP_IOERR;
    }
    if (make_next_link(set) != 0) {
        diag_error(d, set->dir, 0, 0, "cannot publish the outputs (symlink): %s",
                   strerror(errno));
        output_set_abort(set);
        return EXP_IOERR;
    }
    return EXP_OK;
}

enum exp_status output_set_commit(struct output_set *set, struct diag *d)
{
    if (output_set_prepare(set, d) != EXP_OK)
        return EXP_IOERR;
    sigset_t old_mask;
    block_fatal_signals(&old_mask);
    char *previous = switch_link(set);
    int err = errno;
    if (previous) {
        fsync_path(set->parent, O_RDONLY | O_DIRECTORY);
        cleanup_unregister();
    }
    sigprocmask(SIG_SETMASK, &old_mask, NULL);
    if (!previous) {
        diag_error(d, set->dir, 0, 0, "cannot publish the outputs (rename): %s", strerror(err));
        output_set_abort(set);
        return EXP_IOERR;
    }
    retire(set, previous);
    free(previous);
    set_free(set);
    return EXP_OK;
}

void output_set_abort(struct output_set *set)
{
    if (!set)
        return;
    sigset_t old_mask;
    block_fatal_signals(&old_mask);
    if (set->next_link)
        unlink(set->next_link);
    remove_tree(set->stage);
    cleanup_unregister();
    sigprocmask(SIG_SETMASK, &old_mask, NULL);
    set_free(set);
}

/* file.c - whole-file reads and atomic writes. */
#define _GNU_SOURCE             /* O_TMPFILE, linkat's AT_SYMLINK_FOLLOW */
#include "base/file.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "base/bigmem.h"
#include "base/grow.h"
#include "base/path.h"

/* file_read_max, and when text is set, file_read_text's early stop */
static int read_bounded(const char *path, size_t max, int text, char **out,
                        size_t *len, struct err *e)
{
    int is_stdin = strcmp(path, "-") == 0;
    FILE *fp = is_stdin ? stdin : fopen(path, "rb");
    const char *name = is_stdin ? "<stdin>" : path;
    char *buf = NULL, *grown;
    size_t cap = 0, n = 0, got, want;
    struct stat st;
    int rc = 0, regular;

    if (!fp)
        return err_set(e, STATUS_IO, "%s: %s", path, strerror(errno));
    regular = fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode)
              && st.st_size >= 0;
    /* a regular file says its size: refuse it before reading any of it */
    if (regular && (uintmax_t)st.st_size > max) {
        *len = (size_t)st.st_size;
        rc = err_set(e, STATUS_LIMIT, "%s: %jd bytes, more than the limit "
                     "of %zu", name, (intmax_t)st.st_size, max);
        goto out;
    }
    /* a regular file is read into one block of its size and a byte more
     * (the read that finds its end), huge pages when it is large */
    if (regular) {
        cap = (size_t)st.st_size + 1;          /* <= max + 1 */
        if (!(buf = bigmem_alloc(cap + 1))) {
            rc = err_set(e, STATUS_NOMEM, "%s: out of memory", name);
            goto out;
        }
    }
    /* streams and devices (a pipe, /dev/zero) are read no further than
     * max + 1 bytes, which is enough to know they are too long */
    for (;;) {
        if ((cap - n < 65536 && cap <= max && !regular)
            || (cap == n && cap <= max)) {
            /* doubling from 1 MiB, but never past max + 1 */
            size_t ncap = grow_cap(cap, cap ? cap + 1 : (size_t)1 << 20, 1);
            if (ncap == 0 || ncap > max + 1)
                ncap = max + 1;
            grown = grow_realloc(buf, ncap + 1, 1);
            if (!grown) {
                rc = err_set(e, STATUS_NOMEM, "%s: out of memory", name);
                goto out;
            }
            buf = grown;
            cap = ncap;
        }
        want = cap - n;
        if (want == 0)
            break;
        got = fread(buf + n, 1, want, fp);
        n += got;
        if (got == 0 || (text && memchr(buf + n - got, '\0', got)))
            break;
    }
    if (ferror(fp)) {
        rc = err_set(e, STATUS_IO, "%s: read error: %s", name,
                     strerror(errno));
        goto out;
    }
    if (n > max) {
        *len = n;
        rc = err_set(e, STATUS_LIMIT, "%s: more than the limit of %zu bytes",
                     name, max);
        goto out;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    buf = NULL;
out:
    free(buf);
    if (!is_stdin)
        fclose(fp);
    else
        clearerr(stdin);
    return rc;
}

int file_read_max(const char *path, size_t max, char **out, size_t *len,
                  struct err *e)
{
    return read_bounded(path, max, 0, out, len, e);
}

int file_read_text(const char *path, size_t max, char **out, size_t *len,
                   struct err *e)
{
    return read_bounded(path, max, 1, out, len, e);
}

/* The temporary names on disk right now, for file_remove_temps() to unlink
 * from a signal handler.  The one mutable global here: a handler has no
 * other way in.  Pointer atomics are lock-free, so reading them in a
 * handler is safe. */
#define TEMP_SLOTS 16
static _Atomic(char *) temp_slot[TEMP_SLOTS];

static void temp_register(char *name)
{
    for (size_t i = 0; i < TEMP_SLOTS; i++) {
        char *none = NULL;
        if (atomic_compare_exchange_strong(&temp_slot[i], &none, name))
            return;
    }
}

static void temp_forget(char *name)
{
    for (size_t i = 0; name && i < TEMP_SLOTS; i++) {
        char *cur = name;
        if (atomic_compare_exchange_strong(&temp_slot[i], &cur, NULL))
            return;
    }
}

void file_remove_temps(void)
{
    for (size_t i = 0; i < TEMP_SLOTS; i++) {
        char *name = atomic_exchange(&temp_slot[i], NULL);
        if (name)
            unlink(name);
    }
}

/* Follow the symbolic links at path to what they name, which may not
 * exist yet.  malloc'd in *out; *st is its stat when *exists. */
static int target_resolve(const char *path, char **out, struct stat *st,
                          int *exists, struct err *e)
{
    char *cur = strdup(path);
    int hops = 0;

    *exists = 0;
    while (cur) {
        char buf[PATH_MAX];
        ssize_t n;
        char *dir, *next;
        if (lstat(cur, st) != 0) {
            if (errno != ENOENT) {
                int rc = err_set(e, STATUS_IO, "%s: %s", path,
                                 strerror(errno));
                free(cur);
                return rc;
            }
            *out = cur;
            return 0;
        }
        if (!S_ISLNK(st->st_mode)) {
            *exists = 1;
            *out = cur;
            return 0;
        }
        if (++hops > 40 || (n = readlink(cur, buf, sizeof buf - 1)) < 0) {
            int rc = err_set(e, STATUS_IO, "%s: %s", path, hops > 40
                             ? strerror(ELOOP) : strerror(errno));
            free(cur);
            return rc;
        }
        buf[n] = '\0';
        if (buf[0] == '/' || !(dir = path_dirname(cur)))
            next = buf[0] == '/' ? strdup(buf) : NULL;
        else {
            size_t nd = strlen(dir);
            next = malloc(nd + (size_t)n + 2);
            if (next) {
                memcpy(next, dir, nd);
                next[nd] = '/';
                memcpy(next + nd + 1, buf, (size_t)n + 1);
            }
            free(dir);
        }
        free(cur);
        cur = next;
    }
    return err_set(e, STATUS_NOMEM, "%s: out of memory", path);
}

/* Is /proc/self/fd there, so that an O_TMPFILE file can be linked in? */
static int proc_fd_works(void)
{
    return access("/proc/self/fd", X_OK) == 0;
}

int file_open_atomic(struct atomic_file *af, const char *path, struct err *e)
{
    struct stat st;
    int fd = -1, exists, rc;
    size_t n;

    memset(af, 0, sizeof *af);
    if (strcmp(path, "-") == 0) {
        af->fp = stdout;
        af->kind = ATOMIC_STDOUT;
        return 0;
    }
    if (path[0] == '\0')
        return err_set(e, STATUS_USAGE, "an output file name is empty");
    if ((rc = target_resolve(path, &af->path, &st, &exists, e)) != 0)
        return rc;
    n = strlen(af->path);
    if (exists && !S_ISREG(st.st_mode)) {
        /* a device or a pipe is written in place: renaming a file over
         * it would replace what is not ours */
        if (!S_ISCHR(st.st_mode) && !S_ISFIFO(st.st_mode)) {
            rc = err_set(e, STATUS_IO, "%s: %s", path, S_ISDIR(st.st_mode)
                         ? "is a directory" : "not a regular file, a "
                         "character device or a pipe");
            goto fail;
        }
        if ((fd = open(af->path, O_WRONLY | O_NOCTTY | O_CLOEXEC)) < 0) {
            rc = err_set(e, STATUS_IO, "%s: %s", path, strerror(errno));
            goto fail;
        }
        af->kind = ATOMIC_IN_PLACE;
    }
#ifdef O_TMPFILE
    if (fd < 0 && proc_fd_works()) {
        /* a file with no name: nothing is left behind, even by kill -9 */
        char *dir = path_dirname(af->path);
        if (dir)
            fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
        free(dir);
        if (fd >= 0)
            af->kind = ATOMIC_TMPFILE;
    }
#endif
    if (fd < 0) {
        mode_t mask;
        if (!(af->tmp = malloc(n + 16))) {
            rc = err_set(e, STATUS_NOMEM, "%s: out of memory", path);
            goto fail;
        }
        snprintf(af->tmp, n + 16, "%s.tmp.XXXXXX", af->path);
        if ((fd = mkstemp(af->tmp)) < 0) {
            rc = err_set(e, STATUS_IO, "%s: cannot create temporary file: "
                         "%s", path, strerror(errno));
            free(af->tmp);
            af->tmp = NULL;
            goto fail;
        }
        temp_register(af->tmp);
        af->kind = ATOMIC_NAMED;
        /* mkstemp makes 0600; an output should get the usual umask mode */
        mask = umask(0);
        umask(mask);
        fchmod(fd, 0666 & ~mask);
    }
    af->fd = fd;
    if (!(af->fp = fdopen(fd, "wb"))) {
        rc = err_set(e, STATUS_IO, "%s: %s", path, strerror(errno));
        close(fd);
        goto fail;
    }
    return 0;
fail:
    file_abort(af);
    return rc;
}

/* Give the O_TMPFILE file af->fd the name af->path: linked straight there
 * when nothing is in the way, else under a temporary name renamed over
 * it. */
static int tmpfile_link(struct atomic_file *af, struct err *e)
{
    char proc[64];
    size_t n = strlen(af->path);

    snprintf(proc, sizeof proc, "/proc/self/fd/%d", af->fd);
    if (linkat(AT_FDCWD, proc, AT_FDCWD, af->path, AT_SYMLINK_FOLLOW) == 0)
        return 0;
    if (errno != EEXIST)
        goto fail;
    if (!(af->tmp = malloc(n + 40)))
        return err_set(e, STATUS_NOMEM, "%s: out of memory", af->path);
    for (unsigned k = 0; k < 100; k++) {
        snprintf(af->tmp, n + 40, "%s.tmp.%ld.%u", af->path, (long)getpid(),
                 k);
        temp_register(af->tmp);
        if (linkat(AT_FDCWD, proc, AT_FDCWD, af->tmp,
                   AT_SYMLINK_FOLLOW) == 0)
            return rename(af->tmp, af->path) == 0 ? 0
                   : err_set(e, STATUS_IO, "%s: cannot rename temporary "
                             "file: %s", af->path, strerror(errno));
        temp_forget(af->tmp);
        if (errno != EEXIST)
            break;
    }
    free(af->tmp);
    af->tmp = NULL;
fail:
    return err_set(e, STATUS_IO, "%s: cannot link temporary file: %s",
                   af->path, strerror(errno));
}

int file_commit(struct atomic_file *af, struct err *e)
{
    int rc = 0;

    if (af->kind == ATOMIC_STDOUT) {
        if (fflush(af->fp) != 0 || ferror(af->fp))
            rc = err_set(e, STATUS_IO, "write error on standard output: %s",
                         strerror(errno));
        af->fp = NULL;
        return rc;
    }
    if (fflush(af->fp) != 0 || ferror(af->fp)
        || (af->kind != ATOMIC_IN_PLACE && fsync(af->fd) != 0)) {
        rc = err_set(e, STATUS_IO, "%s: write error: %s", af->path,
                     strerror(errno));
        goto fail;
    }
    if (af->kind == ATOMIC_TMPFILE && (rc = tmpfile_link(af, e)) != 0)
        goto fail;
    if (fclose(af->fp) != 0) {
        af->fp = NULL;
        rc = err_set(e, STATUS_IO, "%s: write error: %s", af->path,
                     strerror(errno));
        goto fail;
    }
    af->fp = NULL;
    if (af->kind == ATOMIC_NAMED && rename(af->tmp, af->path) != 0) {
        rc = err_set(e, STATUS_IO, "%s: cannot rename temporary file: %s",
                     af->path, strerror(errno));
        goto fail;
    }
    temp_forget(af->tmp);
    free(af->tmp);
    free(af->path);
    af->tmp = af->path = NULL;
    return 0;
fail:
    file_abort(af);
    return rc;
}

void file_abort(struct atomic_file *af)
{
    if (af->fp && af->kind != ATOMIC_STDOUT)
        fclose(af->fp);
    af->fp = NULL;
    if (af->tmp) {
        unlink(af->tmp);
        temp_forget(af->tmp);
    }
    free(af->tmp);
    free(af->path);
    af->tmp = af->path = NULL;
}

/* Who a path is for the same-file test: its device and inode when it
 * exists, else its directory's and its last name. */
struct file_who {
    dev_t dev;
    ino_t ino;
    const char *name;           /* NULL when it exists */
    int regular;
};

static int who_of(const char *path, int output, struct file_who *w,
                  char **hold, struct err *e)
{
    struct stat st;
    int exists, rc;
    char *dir;

    memset(w, 0, sizeof *w);
    *hold = NULL;
    if (!output) {
        if (stat(path, &st) != 0)
            return 1;           /* the reader will say what is wrong */
        w->dev = st.st_dev;
        w->ino = st.st_ino;
        w->regular = S_ISREG(st.st_mode);
        return 0;
    }
    if ((rc = target_resolve(path, hold, &st, &exists, e)) != 0)
        return rc;
    if (exists) {
        w->dev = st.st_dev;
        w->ino = st.st_ino;
        w->regular = S_ISREG(st.st_mode);
        return 0;
    }
    if (!(dir = path_dirname(*hold)))
        return err_set(e, STATUS_NOMEM, "out of memory");
    rc = stat(dir, &st);
    free(dir);
    if (rc != 0)
        return 1;               /* no directory: opening it will fail */
    w->dev = st.st_dev;
    w->ino = st.st_ino;
    w->name = strrchr(*hold, '/') ? strrchr(*hold, '/') + 1 : *hold;
    w->regular = 1;
    return 0;
}

static int who_same(const struct file_who *a, const struct file_who *b)
{
    if (!a->regular || !b->regular || a->dev != b->dev || a->ino != b->ino)
        return 0;
    if (!a->name || !b->name)
        return !a->name && !b->name;
    return strcmp(a->name, b->name) == 0;
}

int file_check_outputs(const char *const *out, size_t n_out,
                       const char *const *in, size_t n_in, struct err *e)
{
    struct file_who *w = NULL;
    char **hold = NULL;
    const char **names = NULL;
    size_t n = 0;
    int rc = 0;

    w = calloc(n_out ? n_out : 1, sizeof *w);
    hold = calloc(n_out ? n_out : 1, sizeof *hold);
    names = calloc(n_out ? n_out : 1, sizeof *names);
    if (!w || !hold || !names) {
        rc = err_set(e, STATUS_NOMEM, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < n_out; i++) {
        if (!out[i] || strcmp(out[i], "-") == 0 || !out[i][0])
            continue;
        rc = who_of(out[i], 1, &w[n], &hold[n], e);
        if (rc == 1) {
            rc = 0;
            continue;
        }
        if (rc)
            goto out;
        for (size_t k = 0; k < n; k++)
            if (who_same(&w[k], &w[n])) {
                rc = strcmp(out[i], names[k]) == 0
                     ? err_set(e, STATUS_USAGE, "%s: given for two outputs: "
                               "each needs a file of its own", out[i])
                     : err_set(e, STATUS_USAGE, "%s and %s are the same "
                               "file: each output needs a file of its own",
                               names[k], out[i]);
                goto out;
            }
        names[n++] = out[i];
    }
    for (size_t i = 0; i < n_in && n; i++) {
        struct file_who wi;
        char *none;
        if (!in[i] || !in[i][0] || strcmp(in[i], "-") == 0
            || who_of(in[i], 0, &wi, &none, e) != 0)
            continue;
        for (size_t k = 0; k < n; k++)
            if (who_same(&w[k], &wi)) {
                rc = err_set(e, STATUS_USAGE, "%s: the output would replace "
                             "the input %s", names[k], in[i]);
                goto out;
            }
    }
out:
    for (size_t i = 0; hold && i < n_out; i++)
        free(hold[i]);
    free(hold);
    free(names);
    free(w);
    return rc;
}

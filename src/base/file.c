/* file.c - whole-file reads and atomic writes. */
#include "base/file.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

int file_read_max(const char *path, size_t max, char **out, size_t *len,
                  struct err *e)
{
    int is_stdin = strcmp(path, "-") == 0;
    FILE *fp = is_stdin ? stdin : fopen(path, "rb");
    const char *name = is_stdin ? "<stdin>" : path;
    char *buf = NULL, *grown;
    size_t cap = 0, n = 0, got, want;
    struct stat st;
    int rc = 0;

    if (!fp)
        return err_set(e, STATUS_IO, "%s: %s", path, strerror(errno));
    /* a regular file says its size: refuse it before reading any of it */
    if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode)
        && (uintmax_t)st.st_size > max) {
        *len = (size_t)st.st_size;
        rc = err_set(e, STATUS_LIMIT, "%s: %jd bytes, more than the limit "
                     "of %zu", name, (intmax_t)st.st_size, max);
        goto out;
    }
    /* streams and devices (a pipe, /dev/zero) are read no further than
     * max + 1 bytes, which is enough to know they are too long */
    for (;;) {
        if (cap - n < 65536 && cap <= max) {
            size_t ncap = cap ? cap * 2 : 1 << 20;
            if (ncap > max + 1 || ncap < cap)
                ncap = max + 1;
            grown = realloc(buf, ncap + 1);
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
        if (got == 0)
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

int file_open_atomic(struct atomic_file *af, const char *path, struct err *e)
{
    size_t n = strlen(path);
    int fd;

    memset(af, 0, sizeof *af);
    if (strcmp(path, "-") == 0) {
        af->fp = stdout;
        return 0;
    }
    af->path = malloc(n + 1);
    af->tmp = malloc(n + 16);
    if (!af->path || !af->tmp) {
        file_abort(af);
        return err_set(e, STATUS_NOMEM, "%s: out of memory", path);
    }
    memcpy(af->path, path, n + 1);
    snprintf(af->tmp, n + 16, "%s.tmp.XXXXXX", path);
    fd = mkstemp(af->tmp);
    if (fd < 0) {
        int rc = err_set(e, STATUS_IO, "%s: cannot create temporary file: "
                         "%s", path, strerror(errno));
        free(af->tmp);
        af->tmp = NULL;
        file_abort(af);
        return rc;
    }
    /* mkstemp makes 0600; an output file should get the usual umask mode. */
    {
        mode_t mask = umask(0);
        umask(mask);
        fchmod(fd, 0666 & ~mask);
    }
    af->fp = fdopen(fd, "wb");
    if (!af->fp) {
        close(fd);
        file_abort(af);
        return err_set(e, STATUS_IO, "%s: %s", path, strerror(errno));
    }
    return 0;
}

int file_commit(struct atomic_file *af, struct err *e)
{
    int rc = 0;

    if (!af->tmp) {             /* stdout */
        if (fflush(af->fp) != 0 || ferror(af->fp))
            rc = err_set(e, STATUS_IO, "write error on standard output: %s",
                         strerror(errno));
        af->fp = NULL;
        return rc;
    }
    if (fflush(af->fp) != 0 || ferror(af->fp) || fsync(fileno(af->fp)) != 0) {
        rc = err_set(e, STATUS_IO, "%s: write error: %s", af->path,
                     strerror(errno));
        file_abort(af);
        return rc;
    }
    if (fclose(af->fp) != 0) {
        af->fp = NULL;
        rc = err_set(e, STATUS_IO, "%s: write error: %s", af->path,
                     strerror(errno));
        file_abort(af);
        return rc;
    }
    af->fp = NULL;
    if (rename(af->tmp, af->path) != 0) {
        rc = err_set(e, STATUS_IO, "%s: cannot rename temporary file: %s",
                     af->path, strerror(errno));
        file_abort(af);
        return rc;
    }
    free(af->tmp);
    free(af->path);
    af->tmp = af->path = NULL;
    return 0;
}

void file_abort(struct atomic_file *af)
{
    if (af->fp && af->tmp)
        fclose(af->fp);
    af->fp = NULL;
    if (af->tmp)
        unlink(af->tmp);
    free(af->tmp);
    free(af->path);
    af->tmp = af->path = NULL;
}

/* changes.c - changed lines from git diff. */
#include "files/changes.h"

#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/grow.h"

extern char **environ;

void changes_clear(struct changes *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->f[i].path);
        free(c->f[i].lo);
        free(c->f[i].hi);
    }
    free(c->f);
    memset(c, 0, sizeof *c);
}

/* Run argv (git ...), capturing its standard output; its standard error
 * goes to ours, so git's own message reaches the user. */
static int run_capture(const char *what, const char *const args[],
                       char **out, size_t *len, struct err *e)
{
    char *argv[16];
    size_t n_args = 0;
    int fd[2], status;
    pid_t pid;
    posix_spawn_file_actions_t fa;
    char *buf = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;

    /* posix_spawn takes char *const[]: give it copies */
    for (; args[n_args] && n_args + 1 < sizeof argv / sizeof *argv; n_args++)
        if (!(argv[n_args] = malloc(strlen(args[n_args]) + 1))) {
            while (n_args-- > 0)
                free(argv[n_args]);
            return err_set(e, STATUS_NOMEM, "out of memory");
        } else
            strcpy(argv[n_args], args[n_args]);
    argv[n_args] = NULL;
    if (pipe(fd) != 0) {
        rc = err_set(e, STATUS_IO, "pipe: %s", strerror(errno));
        goto done;
    }
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fd[1], 1);
    posix_spawn_file_actions_addclose(&fa, fd[0]);
    posix_spawn_file_actions_addclose(&fa, fd[1]);
    rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fd[1]);
    if (rc != 0) {
        close(fd[0]);
        rc = err_set(e, STATUS_IO, "cannot run %s: %s", argv[0],
                     strerror(rc));
        goto done;
    }
    rc = 0;
    for (;;) {
        ssize_t r;
        if (GROW(buf, cap, n + 65536)) {
            rc = err_set(e, STATUS_NOMEM, "out of memory");
            break;
        }
        r = read(fd[0], buf + n, cap - n - 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        n += (size_t)r;
    }
    close(fd[0]);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (!rc && (!WIFEXITED(status) || WEXITSTATUS(status) != 0))
        rc = err_set(e, STATUS_USAGE, "%s failed (exit status %d)", what,
                     WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    if (!rc) {
        buf[n] = '\0';
        *out = buf;
        *len = n;
        buf = NULL;
    }
done:
    free(buf);
    for (size_t i = 0; i < n_args; i++)
        free(argv[i]);
    return rc;
}

static struct changed_file *file_add(struct changes *c, const char *top,
                                     const char *rel, size_t rel_len)
{
    struct changed_file *f;
    size_t nt = strlen(top);

    if (GROW(c->f, c->cap, c->n + 1))
        return NULL;
    f = &c->f[c->n];
    memset(f, 0, sizeof *f);
    if (!(f->path = malloc(nt + rel_len + 2)))
        return NULL;
    memcpy(f->path, top, nt);
    f->path[nt] = '/';
    memcpy(f->path + nt + 1, rel, rel_len);
    f->path[nt + 1 + rel_len] = '\0';
    c->n++;
    return f;
}

static int range_add(struct changed_file *f, size_t lo, size_t hi)
{
    if (GROW2(f->lo, f->hi, f->cap, f->n + 1))
        return -1;
    f->lo[f->n] = lo;
    f->hi[f->n++] = hi;
    return 0;
}

/* git's C-style quoting of unusual names ("a\tb.md", octal bytes). */
static size_t unquote(char *s, size_t len)
{
    size_t o = 0;

    if (len < 2 || s[0] != '"' || s[len - 1] != '"')
        return len;
    for (size_t i = 1; i + 1 < len; i++) {
        char c = s[i];
        if (c == '\\' && i + 2 < len) {
            c = s[++i];
            if (i + 3 < len && c >= '0' && c <= '3' && s[i + 1] >= '0'
                && s[i + 1] <= '7' && s[i + 2] >= '0' && s[i + 2] <= '7') {
                c = (char)(((s[i] - '0') << 6) | ((s[i + 1] - '0') << 3)
                           | (s[i + 2] - '0'));
                i += 2;
            } else if (c == 't')
                c = '\t';
            else if (c == 'n')
                c = '\n';
        }
        s[o++] = c;
    }
    return o;
}

int changes_parse_diff(struct changes *c, const char *top, const char *diff,
                       size_t len, struct err *e)
{
    struct changed_file *cur = NULL;
    size_t i = 0;

    while (i < len) {
        const char *nl = memchr(diff + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - diff) : len;
        const char *l = diff + i;
        size_t n = end - i;

        if (n > 4 && memcmp(l, "+++ ", 4) == 0) {
            char *name;
            size_t k;
            cur = NULL;
            if (n >= 13 && memcmp(l + 4, "/dev/null", 9) == 0) {
                i = end + 1;
                continue;       /* deleted */
            }
            if (!(name = malloc(n)))
                return err_set(e, STATUS_NOMEM, "out of memory");
            memcpy(name, l + 4, n - 4);
            k = n - 4;
            /* git ends a name holding a space with a TAB */
            if (k > 0 && name[k - 1] == '\t')
                k--;
            k = unquote(name, k);
            /* "b/" is git's prefix of the new side */
            if (k > 2 && name[0] == 'b' && name[1] == '/')
                cur = file_add(c, top, name + 2, k - 2);
            else
                cur = file_add(c, top, name, k);
            free(name);
            if (!cur)
                return err_set(e, STATUS_NOMEM, "out of memory");
        } else if (cur && n > 3 && memcmp(l, "@@ ", 3) == 0) {
            /* @@ -a[,b] +c[,d] @@: lines c .. c+d-1 of the new file; a
             * pure deletion (d == 0) touches the lines around it */
            const char *plus = memchr(l, '+', n);
            unsigned long from, count = 1;
            char *p;
            if (!plus)
                return err_set(e, STATUS_PARSE, "git diff: bad hunk header");
            from = strtoul(plus + 1, &p, 10);
            if (*p == ',')
                count = strtoul(p + 1, &p, 10);
            if (count == 0 ? range_add(cur, from ? from : 1, from + 1)
                           : range_add(cur, from, from + count - 1))
                return err_set(e, STATUS_NOMEM, "out of memory");
        }
        i = end + 1;
    }
    return 0;
}

int changes_from_git(struct changes *c, const char *base, const char *dir,
                     struct err *e)
{
    char *top = NULL, *diff = NULL, *others = NULL;
    size_t top_len, diff_len, others_len;
    const char *const rev_argv[] = { "git", "-C", dir, "rev-parse",
                                     "--show-toplevel", NULL };
    /* whatever the user's config says (diff.mnemonicPrefix, noprefix,
     * color.diff, textconv drivers), the output is parsed as a/ and b/
     * paths, C-quoted when unusual */
    const char *diff_argv[] = { "git", "-C", NULL, "-c",
                                "core.quotePath=true", "diff", "--no-color",
                                "--no-ext-diff", "--no-textconv",
                                "--no-renames", "--src-prefix=a/",
                                "--dst-prefix=b/", "--unified=0", base, "--",
                                NULL };
    const char *ls_argv[] = { "git", "-C", NULL, "ls-files", "-z",
                              "--others", "--exclude-standard", "--full-name",
                              NULL };
    int rc;

    if (base[0] == '-' || base[0] == '\0')
        return err_set(e, STATUS_USAGE, "--changed-lines expects a git "
                       "revision, got '%s'", base);
    if ((rc = run_capture("git rev-parse (not in a git repository?)",
                          rev_argv, &top, &top_len, e)) != 0)
        goto out;
    while (top_len > 0 && (top[top_len - 1] == '\n' || top[top_len - 1] == '\r'))
        top[--top_len] = '\0';
    diff_argv[2] = ls_argv[2] = top;
    if ((rc = run_capture("git diff", diff_argv, &diff, &diff_len,
                          e)) != 0) {
        err_prefix(e, "--changed-lines %s", base);
        goto out;
    }
    if ((rc = changes_parse_diff(c, top, diff, diff_len, e)) != 0)
        goto out;
    /* files git does not know yet are all new */
    if ((rc = run_capture("git ls-files", ls_argv, &others, &others_len,
                          e)) != 0)
        goto out;
    for (size_t i = 0; i < others_len;) {
        size_t k = strlen(others + i);
        struct changed_file *f = k ? file_add(c, top, others + i, k) : NULL;
        if (k && !f) {
            rc = err_set(e, STATUS_NOMEM, "out of memory");
            goto out;
        }
        if (f)
            f->whole = 1;
        i += k + 1;
    }
out:
    free(top);
    free(diff);
    free(others);
    return rc;
}

const struct changed_file *changes_find(const struct changes *c,
                                        const char *abs)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->f[i].path, abs) == 0)
            return &c->f[i];
    return NULL;
}

int changes_touch(const struct changed_file *f, size_t from, size_t to)
{
    if (f->whole)
        return 1;
    for (size_t i = 0; i < f->n; i++)
        if (f->lo[i] <= to && f->hi[i] >= from)
            return 1;
    return 0;
}

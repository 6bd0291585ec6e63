/* walk.c - expanding paths, directories and globs into articles. */
#include "files/walk.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/grow.h"
#include "base/path.h"
#include "base/strmap.h"
#include "doc/read.h"
#include "files/pattern.h"

/* Deepest directory walked: below it, an error */
#define MAX_DEPTH 64

enum file_type file_type_of(const char *path)
{
    const struct doc_format *f = doc_format_of_path(path);

    if (!f)
        return FILE_TYPE_OTHER;
    if (strcmp(f->name, "markdown") == 0)
        return FILE_TYPE_MARKDOWN;
    if (strcmp(f->name, "html") == 0)
        return FILE_TYPE_HTML;
    return FILE_TYPE_TEXT;
}

void file_list_clear(struct file_list *fl)
{
    for (size_t i = 0; i < fl->n; i++)
        free(fl->path[i]);
    free(fl->path);
    memset(fl, 0, sizeof *fl);
}

int file_list_add(struct file_list *fl, const char *p)
{
    size_t n = strlen(p);

    if (GROW(fl->path, fl->cap, fl->n + 1)
        || !(fl->path[fl->n] = malloc(n + 1)))
        return STATUS_NOMEM;
    memcpy(fl->path[fl->n++], p, n + 1);
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* One walk: from directory dir (shown as prefix, "" for the current
 * directory), whose absolute path is abs; keep articles that match glob
 * (NULL: all). */
struct walk {
    const struct ignore *ignore;
    const char *glob;
    size_t max_depth;
    struct file_list *out;
    struct err *e;
    /* directories walked for this argument, and articles listed: by
     * device and inode, so neither a link back up nor links fanning out
     * (24 directories, each with two links to the next, were 2^24 paths)
     * walks or lists anything twice */
    struct strmap dirs, files;
};

/* Was st met before in m?  Records it if not.  1 yes, 0 no, -1 when out
 * of memory. */
static int seen(struct strmap *m, const struct stat *st)
{
    char key[sizeof st->st_dev + sizeof st->st_ino];
    size_t before = m->n;

    memcpy(key, &st->st_dev, sizeof st->st_dev);
    memcpy(key + sizeof st->st_dev, &st->st_ino, sizeof st->st_ino);
    if (strmap_intern(m, key, sizeof key, NULL))
        return -1;
    return m->n == before;
}

static char *join(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b), k = na;
    char *p = malloc(na + nb + 2);

    if (!p)
        return NULL;
    memcpy(p, a, na);
    if (na > 0 && a[na - 1] != '/')
        p[k++] = '/';
    memcpy(p + k, b, nb + 1);
    return p;
}

static int walk_dir(struct walk *w, const char *shown, const char *abs,
                    size_t depth)
{
    const char *open_as = *shown ? shown : ".";
    struct file_list names = { 0 };
    struct dirent *ent;
    DIR *d;
    int rc = 0;

    struct stat self;

    if (depth > MAX_DEPTH)
        return err_set(w->e, STATUS_IO, "%s: directories nested too deep",
                       open_as);
    if (depth == 0 && stat(open_as, &self) == 0 && seen(&w->dirs, &self) < 0)
        return err_set(w->e, STATUS_NOMEM, "out of memory");
    if (!(d = opendir(open_as)))
        return err_set(w->e, STATUS_IO, "%s: %s", open_as, strerror(errno));
    while ((ent = readdir(d)) != NULL) {
        const char *n = ent->d_name;
        if (strcmp(n, ".") == 0 || strcmp(n, "..") == 0
            || strcmp(n, ".git") == 0 || strcmp(n, "node_modules") == 0)
            continue;
        if (file_list_add(&names, n)) {
            rc = err_set(w->e, STATUS_NOMEM, "out of memory");
            break;
        }
    }
    closedir(d);
    if (names.n > 1)
        qsort(names.path, names.n, sizeof *names.path, by_name);
    for (size_t i = 0; !rc && i < names.n; i++) {
        char *p = join(shown, names.path[i]), *a = join(abs, names.path[i]);
        struct stat st;
        int met = 0;
        if (!p || !a)
            rc = err_set(w->e, STATUS_NOMEM, "out of memory");
        else if (stat(p, &st) != 0)
            ;                   /* a dangling link */
        else if (S_ISDIR(st.st_mode)) {
            if (depth < w->max_depth
                && !(w->ignore && ignore_path(w->ignore, a, 1))
                && (met = seen(&w->dirs, &st)) == 0)
                rc = walk_dir(w, p, a, depth + 1);
        } else if (S_ISREG(st.st_mode)
                   && doc_format_of_path(p) != NULL
                   && (!w->glob || wildmatch(w->glob, p))
                   && !(w->ignore && ignore_path(w->ignore, a, 0))
                   && (met = seen(&w->files, &st)) == 0
                   && file_list_add(w->out, p))
            rc = err_set(w->e, STATUS_NOMEM, "out of memory");
        if (met < 0)
            rc = err_set(w->e, STATUS_NOMEM, "out of memory");
        free(p);
        free(a);
    }
    file_list_clear(&names);
    return rc;
}

/* Walk from dir (shown as given), with glob or all articles. */
static int walk_from(struct walk *w, const char *dir)
{
    char *abs = path_absolute(*dir ? dir : ".");
    int rc;

    if (!abs)
        return err_set(w->e, STATUS_IO, "%s: %s", *dir ? dir : ".",
                       strerror(errno));
    if (w->ignore && *dir && ignore_path(w->ignore, abs, 1)) {
        free(abs);
        return 0;
    }
    rc = walk_dir(w, dir, abs, 0);
    free(abs);
    return rc;
}

/* The directory part of a glob before its first component with glob
 * characters: "drafts/2026/" for "drafts/2026/ *.md" (without the space),
 * "" for "*.md". */
static size_t glob_root(const char *g)
{
    size_t root = 0;

    for (size_t i = 0; g[i]; i++) {
        if (g[i] == '*' || g[i] == '?' || g[i] == '[')
            break;
        if (g[i] == '/')
            root = i + 1;
    }
    return root;
}

static int expand_glob(struct walk *w, const char *g)
{
    size_t root = glob_root(g), depth = 0;
    char dir[PATH_MAX];
    int rc;

    if (root >= sizeof dir)
        return err_set(w->e, STATUS_USAGE, "%s: glob too long", g);
    memcpy(dir, g, root);
    /* keep "/" for a glob at the root; drop other trailing slashes */
    dir[root > 1 ? root - 1 : root] = '\0';
    for (const char *s = g + root; *s; s++)
        depth += *s == '/';
    w->glob = g;
    w->max_depth = strstr(g + root, "**") ? MAX_DEPTH : depth;
    if (*dir && access(dir, F_OK) != 0)
        rc = 0;                 /* no such directory: nothing matches */
    else
        rc = walk_from(w, dir);
    w->glob = NULL;
    return rc;
}

int files_expand(const char *const *args, size_t n,
                 const struct walk_options *o, struct file_list *fl,
                 struct err *e)
{
    struct walk w;
    int rc = 0;

    memset(&w, 0, sizeof w);
    w.ignore = o->ignore;
    w.max_depth = MAX_DEPTH;
    w.out = fl;
    w.e = e;
    strmap_init(&w.dirs);
    strmap_init(&w.files);
    for (size_t i = 0; !rc && i < n; i++) {
        const char *a = args[i];
        size_t before = fl->n;
        struct stat st;
        int is_stdin, exists, is_glob;

        if (a[0] == '\0') {    /* "$UNSET" in a script: never "nothing" */
            rc = err_set(e, STATUS_IO, "'': No such file or directory "
                         "(an empty file name)");
            continue;
        }
        is_stdin = strcmp(a, "-") == 0;
        exists = !is_stdin && stat(a, &st) == 0;
        is_glob = !is_stdin && !exists && has_glob(a);

        if (!is_glob && !(exists && S_ISDIR(st.st_mode))) {
            /* stdin, a file, or a path that fails when opened */
            char *abs = is_stdin ? NULL : path_absolute(a);
            int skip = abs && o->ignore && ignore_path(o->ignore, abs, 0);
            free(abs);
            if (!skip && file_list_add(fl, a))
                rc = err_set(e, STATUS_NOMEM, "out of memory");
            continue;
        }
        /* a directory is walked once per argument (a glob matches what
         * it reaches first, in sorted order) */
        strmap_clear(&w.dirs);
        strmap_init(&w.dirs);
        if (is_glob) {
            rc = expand_glob(&w, a);
        } else {
            w.max_depth = MAX_DEPTH;
            /* "." lists "a.md", not "./a.md" */
            rc = walk_from(&w, strcmp(a, ".") == 0 || strcmp(a, "./") == 0
                               ? "" : a);
        }
        if (!rc && fl->n == before && !o->allow_empty)
            rc = err_set(e, STATUS_USAGE, "%s: %s (--no-error-on-"
                         "unmatched-pattern allows it)", a, is_glob
                         ? "no Markdown, HTML or text file matches this "
                           "pattern"
                         : "no Markdown, HTML or text files in this "
                           "directory");
    }
    strmap_clear(&w.dirs);
    strmap_clear(&w.files);
    return rc;
}

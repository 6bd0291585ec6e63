/* ignore.c - gitignore(5) rules over absolute paths. */
#include "files/ignore.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/file.h"
#include "base/grow.h"
#include "base/path.h"

void ignore_init(struct ignore *ig)
{
    memset(ig, 0, sizeof *ig);
}

void ignore_clear(struct ignore *ig)
{
    for (size_t i = 0; i < ig->n; i++)
        pattern_clear(&ig->p[i]);
    free(ig->p);
    free(ig->base);
    ignore_init(ig);
}

int ignore_parse(struct ignore *ig, const char *base, const char *text,
                 size_t len, struct err *e)
{
    size_t i = 0, n = strlen(base);

    while (n > 1 && base[n - 1] == '/')
        n--;
    free(ig->base);
    if (!(ig->base = malloc(n + 1)))
        return err_set(e, STATUS_NOMEM, "out of memory");
    memcpy(ig->base, base, n);
    ig->base[n] = '\0';
    while (i < len) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - text) : len;
        struct pattern p;
        if (pattern_compile(&p, text + i, end - i))
            return err_set(e, STATUS_NOMEM, "out of memory");
        if (p.glob) {
            if (GROW(ig->p, ig->cap, ig->n + 1)) {
                pattern_clear(&p);
                return err_set(e, STATUS_NOMEM, "out of memory");
            }
            ig->p[ig->n++] = p;
        }
        i = end + 1;
    }
    return 0;
}

int ignore_load(struct ignore *ig, const char *path, struct err *e)
{
    char *text = NULL, *abs = NULL, *dir = NULL;
    size_t len;
    int rc;

    if ((rc = file_read_max(path, IGNORE_MAX_BYTES, &text, &len, e)) != 0)
        return rc;
    if (!(abs = path_absolute(path)) || !(dir = path_dirname(abs))) {
        free(abs);
        free(text);
        return err_set(e, STATUS_NOMEM, "%s: cannot resolve the path", path);
    }
    rc = ignore_parse(ig, dir, text, len, e);
    free(dir);
    free(abs);
    free(text);
    return rc;
}

/* The verdict of the patterns for one path relative to the base: 1
 * ignored, 0 re-included or no pattern matched. */
static int verdict(const struct ignore *ig, const char *rel, int is_dir)
{
    for (size_t i = ig->n; i-- > 0;)
        if (pattern_match(&ig->p[i], rel, is_dir))
            return !ig->p[i].negate;
    return 0;
}

int ignore_path(const struct ignore *ig, const char *abs, int is_dir)
{
    char rel[PATH_MAX];
    const char *r;

    if (!ig->base || ig->n == 0
        || !(r = path_relative(abs, ig->base)))
        return 0;
    if (strlen(r) >= sizeof rel)
        return 0;
    /* each directory on the way down, then the path itself */
    strcpy(rel, r);
    for (char *s = strchr(rel, '/'); s; s = strchr(s + 1, '/')) {
        int hit;
        *s = '\0';
        hit = verdict(ig, rel, 1);
        *s = '/';
        if (hit)
            return 1;
    }
    return verdict(ig, rel, is_dir);
}

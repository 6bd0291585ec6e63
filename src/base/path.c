/* path.c - file names: directory parts, absolute forms, relative names. */
#define _XOPEN_SOURCE 700       /* realpath */
#include "base/path.h"

#include <stdlib.h>
#include <string.h>

char *path_dirname(const char *path)
{
    const char *slash = strrchr(path, '/');

    if (!slash)
        return strdup(".");
    return strndup(path, slash == path ? 1 : (size_t)(slash - path));
}

char *path_absolute(const char *path)
{
    char *abs = realpath(path, NULL), *dir, *real, *out;
    const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
    size_t nd, nb = strlen(base);

    if (abs)
        return abs;
    if (!(dir = path_dirname(path)))
        return NULL;
    real = realpath(dir, NULL);
    free(dir);
    if (!real)
        return NULL;
    nd = strlen(real);
    if (nd == 1)
        nd = 0;                 /* the root: no second slash */
    if ((out = malloc(nd + nb + 2)) != NULL) {
        memcpy(out, real, nd);
        out[nd] = '/';
        memcpy(out + nd + 1, base, nb + 1);
    }
    free(real);
    return out;
}

const char *path_relative(const char *abs, const char *dir)
{
    size_t n = strlen(dir);

    if (strcmp(dir, "/") == 0)
        return abs[0] == '/' ? abs + 1 : NULL;
    if (strncmp(abs, dir, n) == 0 && abs[n] == '/')
        return abs + n + 1;
    return NULL;
}

/* ignore.h - an ignore file in gitignore syntax: which files not to check. */
#ifndef FILES_IGNORE_H
#define FILES_IGNORE_H

#include <stddef.h>

#include "base/err.h"
#include "files/pattern.h"

struct ignore {
    char *base;                 /* absolute directory patterns are relative
                                   to, without a trailing '/' */
    struct pattern *p;
    size_t n, cap;
};

void ignore_init(struct ignore *ig);
void ignore_clear(struct ignore *ig);

/* Add the patterns of text (the contents of an ignore file) with base as
 * their directory (absolute).  Returns 0 or STATUS_NOMEM. */
int ignore_parse(struct ignore *ig, const char *base, const char *text,
                 size_t len, struct err *e);

/* The largest ignore file read, in bytes. */
#define IGNORE_MAX_BYTES ((size_t)1 << 20)

/* Read the ignore file path (at most IGNORE_MAX_BYTES); its directory is
 * the base.  Returns 0, or a
 * status with e set (a missing file is STATUS_IO). */
int ignore_load(struct ignore *ig, const char *path, struct err *e);

/* Is abs (an absolute path, normalised) ignored?  As in git, a file is
 * ignored when the last matching pattern says so or when a directory
 * above it is ignored; paths outside the base never are. */
int ignore_path(const struct ignore *ig, const char *abs, int is_dir);

#endif

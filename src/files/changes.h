/* changes.h - the lines changed since a git revision, for reporting only
 * findings on them. */
#ifndef FILES_CHANGES_H
#define FILES_CHANGES_H

#include <stddef.h>

#include "base/err.h"

struct changed_file {
    char *path;                 /* absolute */
    int whole;                  /* new to git: every line counts */
    size_t *lo, *hi;            /* changed lines [lo, hi], 1-based */
    size_t n, cap;
};

struct changes {
    struct changed_file *f;
    size_t n, cap;
};

void changes_clear(struct changes *c);

/* Lines changed in the working tree against revision base, from
 * `git diff -U0 base` in the repository holding directory dir, and files
 * git does not track yet (all their lines).  Returns 0, or a status with
 * e set when git fails (not a repository, unknown revision). */
int changes_from_git(struct changes *c, const char *base, const char *dir,
                     struct err *e);

/* The in-memory part: add the hunks of a unified diff whose paths are
 * relative to top (an absolute directory). */
int changes_parse_diff(struct changes *c, const char *top, const char *diff,
                       size_t len, struct err *e);

/* The record for abs, or NULL when the file has no changed line. */
const struct changed_file *changes_find(const struct changes *c,
                                        const char *abs);

/* Does any changed line of f fall in [from, to]? */
int changes_touch(const struct changed_file *f, size_t from, size_t to);

#endif

/* file.h - whole-file reads and atomic writes. */
#ifndef BASE_FILE_H
#define BASE_FILE_H

#include <stdio.h>
#include <stddef.h>

#include "base/err.h"

/* Read all of path ("-" is stdin), at most max bytes, into a
 * NUL-terminated buffer the caller frees.  *len excludes the NUL.  Embedded
 * NULs are kept; callers that want text check for them.  Sets *out only on
 * success.  Every read is bounded: a file holding more than max returns
 * STATUS_LIMIT having read no more than max + 1 bytes of it (none of a
 * regular file, whose size says so), so /dev/zero and an endless pipe end
 * too; *len is then its size when known, else max + 1, and e names the
 * file ("<stdin>" for "-") and the limit. */
int file_read_max(const char *path, size_t max, char **out, size_t *len,
                  struct err *e);

/* Writes a file atomically: output goes to a temporary file in the same
 * directory, and file_commit() flushes, syncs and renames it over path.  A
 * file_abort() (or a crash) leaves path as it was.  path "-" writes straight
 * to stdout and commit only flushes. */
struct atomic_file {
    FILE *fp;
    char *path;
    char *tmp;          /* NULL when writing to stdout */
};

int file_open_atomic(struct atomic_file *af, const char *path,
                     struct err *e);
int file_commit(struct atomic_file *af, struct err *e);
void file_abort(struct atomic_file *af);

#endif

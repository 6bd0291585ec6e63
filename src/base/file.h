/* file.h - whole-file reads and atomic writes. */
#ifndef BASE_FILE_H
#define BASE_FILE_H

#include <stdio.h>
#include <stddef.h>

#include "base/err.h"

/* Read all of path ("-" is stdin) into a NUL-terminated buffer the caller
 * frees.  *len excludes the NUL.  Embedded NULs are kept; callers that want
 * text check for them.  Sets *out only on success. */
int file_read_all(const char *path, char **out, size_t *len, struct err *e);

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

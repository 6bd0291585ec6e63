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

/* file_read_max for a text file, which holds no NUL byte: reading stops
 * after the first read (at most 1 MB or so) that brings one, so /dev/zero
 * or a large binary file ends there; the text returned then ends after
 * that NUL, for the caller's check to refuse naming its line. */
int file_read_text(const char *path, size_t max, char **out, size_t *len,
                   struct err *e);

enum atomic_kind {
    ATOMIC_STDOUT,      /* "-": straight to stdout; commit only flushes */
    ATOMIC_TMPFILE,     /* an O_TMPFILE file, linked in by commit */
    ATOMIC_NAMED,       /* a mkstemp file beside the target, renamed */
    ATOMIC_IN_PLACE     /* a character device or a FIFO, written as is */
};

/* Writes a file atomically: output goes to a temporary file in the
 * directory of the target (path, or what its symbolic links lead to), and
 * file_commit() flushes, syncs and moves it over the target.  The
 * temporary file has no name where the system allows (O_TMPFILE), so even
 * kill -9 leaves nothing behind; else its name is removed by
 * file_remove_temps() on a signal.  A file_abort() (or a crash) leaves the
 * target as it was.  A target that is a character device or a FIFO is
 * written in place; any other file that is not a regular file (a
 * directory, a socket) is refused. */
struct atomic_file {
    FILE *fp;
    char *path;         /* the target, links followed */
    char *tmp;          /* a temporary name on disk, or NULL */
    int fd;
    enum atomic_kind kind;
};

int file_open_atomic(struct atomic_file *af, const char *path,
                     struct err *e);
int file_commit(struct atomic_file *af, struct err *e);
void file_abort(struct atomic_file *af);

/* Unlink every temporary name file_open_atomic has on disk now.  Only
 * async-signal-safe calls: for a handler of SIGINT, SIGTERM and the like. */
void file_remove_temps(void);

/* Refuse (STATUS_USAGE, naming both) when an output among out[] is the
 * same file (device and inode, links followed; for a file not yet there,
 * directory and name) as another output or as an input among in[].
 * "-", "" and NULL entries, and files that are not regular files
 * (/dev/null written twice is harmless), are passed over. */
int file_check_outputs(const char *const *out, size_t n_out,
                       const char *const *in, size_t n_in, struct err *e);

#endif

/* walk.h - the files a command line names: paths, directories walked
 * recursively and globs, less what the ignore file excludes. */
#ifndef FILES_WALK_H
#define FILES_WALK_H

#include <stddef.h>

#include "base/err.h"
#include "files/ignore.h"

enum file_type {
    FILE_TYPE_OTHER,            /* not an article */
    FILE_TYPE_TEXT,             /* .txt */
    FILE_TYPE_MARKDOWN,         /* .md .markdown .mdown .mkd */
    FILE_TYPE_HTML              /* .html .htm .xhtml */
};

/* The type of an article by its name's extension, from the article-format
 * table (doc/read.h: doc_format_of_path, which new code calls instead). */
enum file_type file_type_of(const char *path);

struct file_list {
    char **path;
    size_t n, cap;
};

void file_list_clear(struct file_list *fl);

/* Append a copy of p.  Returns 0 or STATUS_NOMEM. */
int file_list_add(struct file_list *fl, const char *p);

struct walk_options {
    const struct ignore *ignore;        /* may be NULL */
    int allow_empty;                    /* a glob or directory without
                                           articles is not an error */
};

/* Expand args into fl, in order: "-" stays; a directory gives its
 * articles (sorted, recursively, skipping .git and node_modules); an
 * argument that is not a path but has glob characters gives the articles
 * it matches; other paths stay as they are (to fail when opened).  Ignored
 * files are dropped.  Returns 0, or a status with e set: STATUS_USAGE for
 * a glob or directory that names no article (unless allow_empty). */
int files_expand(const char *const *args, size_t n,
                 const struct walk_options *o, struct file_list *fl,
                 struct err *e);

#endif

/* pattern.h - gitignore-style path patterns, shared by command-line globs,
 * the ignore file and the config file's sections. */
#ifndef FILES_PATTERN_H
#define FILES_PATTERN_H

#include <stddef.h>

#include "base/err.h"

/* Does text match the glob pat?  '*' and '?' never match '/'; "**" as a
 * whole path component matches any number of directories ("**" + "/x",
 * "a/" + "**", "a/" + "**" + "/b"); [abc], [a-z] and [!a] are classes; a
 * backslash quotes the next character.  Returns 1 or 0. */
int wildmatch(const char *pat, const char *text);

/* One line of a gitignore file, compiled. */
struct pattern {
    char *glob;                 /* without '!', leading '/' or trailing '/' */
    int negate;                 /* "!x": re-include what x matches */
    int dir_only;               /* "x/": matches directories only */
    int anchored;               /* had a '/' before the end: matched from
                                   the base, else against the last name */
};

/* Compile line [s, s + len) (trailing blanks trimmed unless quoted) into
 * p.  Returns 0, with p->glob NULL for a blank or comment line (nothing to
 * clear), or STATUS_NOMEM (it can fail only for memory, so it takes no
 * struct err). */
int pattern_compile(struct pattern *p, const char *s, size_t len);

void pattern_clear(struct pattern *p);

/* Does p match rel, a '/'-separated path relative to the pattern's base
 * (no leading "./"); is_dir says whether rel names a directory. */
int pattern_match(const struct pattern *p, const char *rel, int is_dir);

/* Does p match the file rel or a directory above it ("drafts" and
 * "drafts/" match "drafts/a.md")? */
int pattern_match_within(const struct pattern *p, const char *rel);

/* Whether s contains glob metacharacters ('*', '?' or '['). */
int has_glob(const char *s);

#endif

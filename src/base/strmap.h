/* strmap.h - interns byte strings: each distinct string gets a dense id. */
#ifndef BASE_STRMAP_H
#define BASE_STRMAP_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

struct strmap {
    char **str;                 /* str[id], NUL-terminated copies */
    size_t *len;
    size_t n, cap;
    size_t *slot;               /* open addressing: id + 1, 0 = empty */
    size_t n_slots;
};

void strmap_init(struct strmap *m);
void strmap_clear(struct strmap *m);

/* Put the id of s[0..len) in *id (which may be NULL), adding a copy if
 * new.  Returns 0, or STATUS_NOMEM with m holding what it held (it can
 * fail only for memory, so it takes no struct err). */
int strmap_intern(struct strmap *m, const char *s, size_t len, size_t *id);

/* The id of s[0..len), or SIZE_MAX if absent (an answer, not an
 * error). */
size_t strmap_find(const struct strmap *m, const char *s, size_t len);

#endif

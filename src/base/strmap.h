/* strmap.h - interns byte strings: each distinct string gets a dense id. */
#ifndef BASE_STRMAP_H
#define BASE_STRMAP_H

#include <stddef.h>
#include <stdint.h>

struct strmap {
    char **str;                 /* str[id], NUL-terminated copies */
    size_t *len;
    size_t n, cap;
    size_t *slot;               /* open addressing: id + 1, 0 = empty */
    size_t n_slots;
};

void strmap_init(struct strmap *m);
void strmap_clear(struct strmap *m);

/* The id of s[0..len), adding a copy if new; SIZE_MAX when out of
 * memory. */
size_t strmap_intern(struct strmap *m, const char *s, size_t len);

/* The id of s[0..len), or SIZE_MAX if absent. */
size_t strmap_find(const struct strmap *m, const char *s, size_t len);

#endif

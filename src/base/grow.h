/* grow.h - growth arrays: capacity doubles, realloc is checked. */
#ifndef BASE_GROW_H
#define BASE_GROW_H

#include <stddef.h>

/* The smallest capacity a growth array starts at. */
#define GROW_START 16

/* The capacity that holds at least `need` elements of `size` bytes: cap
 * doubled (from GROW_START when 0) until it is large enough, or cap itself
 * when it already is.  0 when need * size would overflow size_t. */
size_t grow_cap(size_t cap, size_t need, size_t size);

/* realloc(p, n * size), refusing an n * size that overflows; NULL on
 * failure, and p is then still valid and unchanged (as with realloc).
 * n == 0 asks for one byte so that NULL always means failure. */
void *grow_realloc(void *p, size_t n, size_t size);

/* Make room for `need` elements in the array whose pointer lives at *pp
 * (pass &v->item, any object pointer type), elements of `size` bytes, with
 * capacity *cap.  Returns 0, or STATUS_NOMEM leaving *pp and *cap as they
 * were.  Use GROW() to pass the size from the pointer's type. */
int grow_array(void *pp, size_t *cap, size_t need, size_t size);

/* The same for two arrays that share one capacity (a column of offsets
 * beside a column of lengths): both grow, or *cap stays as it was (the
 * first may then be larger than *cap says, which is harmless). */
int grow_array2(void *pp, size_t size, void *qq, size_t qsize, size_t *cap,
                size_t need);

#define GROW(p, cap, need) grow_array(&(p), &(cap), (need), sizeof *(p))
#define GROW2(p, q, cap, need) \
    grow_array2(&(p), sizeof *(p), &(q), sizeof *(q), &(cap), (need))

#endif

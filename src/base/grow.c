/* grow.c - growth arrays: capacity doubles, realloc is checked. */
#include "base/grow.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/bigmem.h"
#include "base/err.h"

size_t grow_cap(size_t cap, size_t need, size_t size)
{
    size_t limit = size ? SIZE_MAX / size : SIZE_MAX;

    if (need > limit)
        return 0;
    if (cap >= need)
        return cap;
    if (cap == 0)
        cap = GROW_START;
    while (cap < need)
        cap = cap > limit / 2 ? limit : cap * 2;
    return cap > limit ? limit : cap;
}

void *grow_realloc(void *p, size_t n, size_t size)
{
    size_t bytes;
    void *q;

    if (size && n > SIZE_MAX / size)
        return NULL;
    bytes = n * size;
    if ((q = realloc(p, bytes ? bytes : 1)) != NULL)
        bigmem_advise(q, bytes);        /* large arrays on huge pages */
    return q;
}

/* Reallocate the array whose pointer is at *pp to c elements.  *pp is
 * some T *: memcpy reads and writes it without pretending it is a void *
 * object. */
static int resize(void *pp, size_t c, size_t size)
{
    void *p, *g;

    memcpy(&p, pp, sizeof p);
    if (!(g = grow_realloc(p, c, size)))
        return STATUS_NOMEM;
    memcpy(pp, &g, sizeof g);
    return 0;
}

int grow_array(void *pp, size_t *cap, size_t need, size_t size)
{
    size_t c;

    if (need <= *cap)
        return 0;
    if (!(c = grow_cap(*cap, need, size)) || resize(pp, c, size))
        return STATUS_NOMEM;
    *cap = c;
    return 0;
}

int grow_array2(void *pp, size_t size, void *qq, size_t qsize, size_t *cap,
                size_t need)
{
    size_t c;

    if (need <= *cap)
        return 0;
    c = grow_cap(*cap, need, size > qsize ? size : qsize);
    if (!c || resize(pp, c, size) || resize(qq, c, qsize))
        return STATUS_NOMEM;
    *cap = c;
    return 0;
}

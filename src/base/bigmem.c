/* bigmem.c - large blocks backed by huge pages where the kernel has them. */
#define _GNU_SOURCE             /* MADV_HUGEPAGE */
#include "base/bigmem.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define BIGMEM_HUGE ((size_t)2 << 20)

void *bigmem_alloc(size_t n)
{
    size_t whole;
    void *p;

    if (n < BIGMEM_MIN)
        return malloc(n ? n : 1);
    if (n > SIZE_MAX - BIGMEM_HUGE)
        return NULL;
    whole = (n + BIGMEM_HUGE - 1) / BIGMEM_HUGE * BIGMEM_HUGE;
    if (posix_memalign(&p, BIGMEM_HUGE, whole) != 0)
        return NULL;
#ifdef MADV_HUGEPAGE
    /* advice only: without transparent huge pages the block still works */
    (void)madvise(p, whole, MADV_HUGEPAGE);
#endif
    return p;
}

void *bigmem_calloc(size_t n, size_t size)
{
    void *p;

    if (size && n > SIZE_MAX / size)
        return NULL;
    if (n * size < BIGMEM_MIN)
        return calloc(n ? n : 1, size ? size : 1);
    if ((p = bigmem_alloc(n * size)) != NULL)
        memset(p, 0, n * size);
    return p;
}

void bigmem_advise(void *p, size_t n)
{
    uintptr_t a = (uintptr_t)p, lo, hi;

    if (!p || n < 2 * BIGMEM_HUGE)
        return;
    lo = (a + BIGMEM_HUGE - 1) / BIGMEM_HUGE * BIGMEM_HUGE;
    hi = (a + n) / BIGMEM_HUGE * BIGMEM_HUGE;
#ifdef MADV_HUGEPAGE
    if (hi > lo)
        (void)madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
#endif
}

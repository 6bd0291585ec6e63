/* bigmem.h - large blocks backed by huge pages where the kernel has them.
 *
 * A 4 KB page costs a fault on first touch, and in the virtual machines
 * gainsay is benchmarked on a fault costs some 13 us: the 4 MB of model
 * text a check reads took 1,000 faults and half of its system time.  A
 * block asked for here is aligned to and rounded up to 2 MB and advised
 * to use transparent huge pages (MADV_HUGEPAGE), so the same 4 MB is two
 * faults.  What it returns is an ordinary malloc() block: free() and
 * realloc() take it.  Small requests are plain malloc(). */
#ifndef BASE_BIGMEM_H
#define BASE_BIGMEM_H

#include <stddef.h>

/* Requests below this many bytes are plain malloc(). */
#define BIGMEM_MIN ((size_t)256 << 10)

/* n bytes (1 when n is 0), or NULL when out of memory. */
void *bigmem_alloc(size_t n);

/* n * size zeroed bytes, or NULL when out of memory or n * size would
 * overflow. */
void *bigmem_calloc(size_t n, size_t size);

/* Advise huge pages for the whole 2 MB units inside p[0..n), a block
 * from malloc() or realloc() that is to grow into them (growth arrays of
 * 4 MB or more, base/grow.c); nothing for smaller blocks. */
void bigmem_advise(void *p, size_t n);

#endif

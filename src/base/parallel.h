/* parallel.h - a static parallel for-loop over pthreads. */
#ifndef BASE_PARALLEL_H
#define BASE_PARALLEL_H

#include <stddef.h>

/* Call fn(ctx, begin, end) on threads contiguous slices covering [0, n)
 * (slices are interleaved in chunks so uneven work evens out).  fn returns
 * 0 or a status; the first nonzero status is returned.  threads <= 1 runs
 * in the caller's thread. */
int parallel_for(size_t n, size_t threads,
                 int (*fn)(void *ctx, size_t begin, size_t end), void *ctx);

/* Number of online processors, at least 1. */
size_t parallel_ncpu(void);

#endif

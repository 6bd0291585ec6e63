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

/* Run work(ctx, i) for i in [0, n) on up to threads threads, taking the
 * next index as each finishes, and emit(ctx, i) in the caller's thread in
 * the order of i as soon as i and all before it are done.  At most window
 * items are done but not yet emitted, which bounds memory.  work returns 0
 * or a status; a failure is handed to emit like a success (emit decides),
 * so work must record it in ctx.  threads <= 1 runs everything in the
 * caller's thread, work then emit for each i.  Returns 0, or STATUS_NOMEM
 * when no thread could be started and threads > 1 (then nothing has run;
 * the caller may run it again on one thread). */
int parallel_ordered(size_t n, size_t threads, size_t window,
                     void (*work)(void *ctx, size_t i),
                     void (*emit)(void *ctx, size_t i), void *ctx);

/* Number of online processors, at least 1. */
size_t parallel_ncpu(void);

#endif

/* blas_threads.c - how many threads OpenBLAS may use.  The only file that
 * includes OpenBLAS's own <cblas.h>, whose enums clash with GSL's. */
#include "logreg/blas_threads.h"

#include <cblas.h>
#include <stdlib.h>

/* OpenBLAS (pthreads build) starts its worker threads when the library is
 * loaded, before main(), and they spin on sched_yield() waiting for work:
 * in a 20 ms check that is a second core kept busy for nothing.  Setting
 * the count to 1 does not stop them; this does, and OpenBLAS starts them
 * again by itself should a later call want more than one thread. */
int blas_thread_shutdown_(void);

void blas_set_threads(size_t n)
{
    if (getenv("OPENBLAS_NUM_THREADS"))
        return;
    openblas_set_num_threads(n > 0 && n < 1024 ? (int)n : 1);
    if (n <= 1)
        blas_thread_shutdown_();
}

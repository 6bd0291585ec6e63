/* blas_threads.c - how many threads OpenBLAS may use.  The only file that
 * includes OpenBLAS's own <cblas.h>, whose enums clash with GSL's. */
#include "logreg/blas_threads.h"

#include <cblas.h>
#include <stdlib.h>

void blas_set_threads(size_t n)
{
    if (getenv("OPENBLAS_NUM_THREADS"))
        return;
    openblas_set_num_threads(n > 0 && n < 1024 ? (int)n : 1);
}

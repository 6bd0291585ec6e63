/* blas_threads.h - how many threads OpenBLAS may use. */
#ifndef LOGREG_BLAS_THREADS_H
#define LOGREG_BLAS_THREADS_H

#include <stddef.h>

/* Limit OpenBLAS to n threads (the OPENBLAS_NUM_THREADS variable, when
 * set, wins, so bit-reproducible runs stay so). */
void blas_set_threads(size_t n);

#endif

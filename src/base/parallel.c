/* parallel.c - a static parallel for-loop over pthreads. */
#include "base/parallel.h"

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/err.h"

#define CHUNK 64

struct job {
    int (*fn)(void *, size_t, size_t);
    void *ctx;
    size_t n, threads, tid;
    int rc;
};

static void *run(void *p)
{
    struct job *j = p;

    for (size_t b = j->tid * CHUNK; b < j->n && !j->rc;
         b += j->threads * CHUNK)
        j->rc = j->fn(j->ctx, b, b + CHUNK < j->n ? b + CHUNK : j->n);
    return NULL;
}

int parallel_for(size_t n, size_t threads,
                 int (*fn)(void *ctx, size_t begin, size_t end), void *ctx)
{
    struct job *jobs;
    pthread_t *tids;
    size_t started = 0;
    int rc = 0;

    if (threads > (n + CHUNK - 1) / CHUNK)
        threads = (n + CHUNK - 1) / CHUNK;
    if (threads <= 1)
        return n ? fn(ctx, 0, n) : 0;
    jobs = calloc(threads, sizeof *jobs);
    tids = calloc(threads, sizeof *tids);
    if (!jobs || !tids) {
        free(jobs);
        free(tids);
        return fn(ctx, 0, n);
    }
    for (size_t t = 0; t < threads; t++)
        jobs[t] = (struct job){ fn, ctx, n, threads, t, 0 };
    for (size_t t = 1; t < threads; t++) {
        if (pthread_create(&tids[t], NULL, run, &jobs[t]) != 0)
            break;
        started = t;
    }
    /* slices whose thread could not start run here */
    for (size_t t = started + 1; t < threads; t++)
        run(&jobs[t]);
    run(&jobs[0]);
    for (size_t t = 1; t <= started; t++)
        pthread_join(tids[t], NULL);
    for (size_t t = 0; t < threads && !rc; t++)
        rc = jobs[t].rc;
    free(jobs);
    free(tids);
    return rc;
}

size_t parallel_ncpu(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (size_t)n : 1;
}

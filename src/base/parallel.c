/* parallel.c - a static parallel for-loop over pthreads. */
#include "base/parallel.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
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

/* The state parallel_ordered's threads share, under one mutex: the next
 * index to take, which are done, and how far emit has got. */
struct ordered {
    pthread_mutex_t mu;
    pthread_cond_t done_cv;     /* an item finished: emit may go on */
    pthread_cond_t room_cv;     /* an item was emitted: workers may take */
    size_t n, window, next, emitted;
    unsigned char *done;
    void (*work)(void *, size_t);
    void *ctx;
};

static void *ordered_run(void *p)
{
    struct ordered *o = p;

    pthread_mutex_lock(&o->mu);
    for (;;) {
        size_t i;
        while (o->next < o->n && o->next >= o->emitted + o->window)
            pthread_cond_wait(&o->room_cv, &o->mu);
        if (o->next >= o->n)
            break;
        i = o->next++;
        pthread_mutex_unlock(&o->mu);
        o->work(o->ctx, i);
        pthread_mutex_lock(&o->mu);
        o->done[i] = 1;
        pthread_cond_signal(&o->done_cv);
    }
    pthread_mutex_unlock(&o->mu);
    return NULL;
}

int parallel_ordered(size_t n, size_t threads, size_t window,
                     void (*work)(void *ctx, size_t i),
                     void (*emit)(void *ctx, size_t i), void *ctx)
{
    struct ordered o;
    pthread_t *tids;
    size_t started = 0;

    if (threads > n)
        threads = n;
    if (threads <= 1) {
        for (size_t i = 0; i < n; i++) {
            work(ctx, i);
            emit(ctx, i);
        }
        return 0;
    }
    if (window < threads)
        window = threads;
    memset(&o, 0, sizeof o);
    o.n = n;
    o.window = window;
    o.work = work;
    o.ctx = ctx;
    o.done = calloc(n, 1);
    tids = calloc(threads, sizeof *tids);
    if (!o.done || !tids || pthread_mutex_init(&o.mu, NULL) != 0) {
        free(o.done);
        free(tids);
        return STATUS_NOMEM;
    }
    pthread_cond_init(&o.done_cv, NULL);
    pthread_cond_init(&o.room_cv, NULL);
    for (size_t t = 0; t < threads; t++) {
        if (pthread_create(&tids[t], NULL, ordered_run, &o) != 0)
            break;
        started++;
    }
    if (started == 0) {
        pthread_cond_destroy(&o.done_cv);
        pthread_cond_destroy(&o.room_cv);
        pthread_mutex_destroy(&o.mu);
        free(o.done);
        free(tids);
        return STATUS_NOMEM;
    }
    pthread_mutex_lock(&o.mu);
    for (size_t i = 0; i < n; i++) {
        while (!o.done[i])
            pthread_cond_wait(&o.done_cv, &o.mu);
        pthread_mutex_unlock(&o.mu);
        emit(ctx, i);
        pthread_mutex_lock(&o.mu);
        o.emitted = i + 1;
        pthread_cond_broadcast(&o.room_cv);
    }
    pthread_mutex_unlock(&o.mu);
    for (size_t t = 0; t < started; t++)
        pthread_join(tids[t], NULL);
    pthread_cond_destroy(&o.done_cv);
    pthread_cond_destroy(&o.room_cv);
    pthread_mutex_destroy(&o.mu);
    free(o.done);
    free(tids);
    return 0;
}

size_t parallel_ncpu(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (size_t)n : 1;
}

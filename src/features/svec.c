/* svec.c - sparse vectors: sorted uint32_t indices with double values. */
#include "features/svec.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "base/grow.h"

void svec_init(struct svec *v)
{
    memset(v, 0, sizeof *v);
}

void svec_clear(struct svec *v)
{
    free(v->idx);
    free(v->val);
    svec_init(v);
}

int svec_reserve(struct svec *v, size_t need)
{
    return GROW2(v->idx, v->val, v->cap, need);
}

int svec_push(struct svec *v, uint32_t idx, double val)
{
    if (v->n == v->cap && svec_reserve(v, v->n + 1))
        return STATUS_NOMEM;
    v->idx[v->n] = idx;
    v->val[v->n] = val;
    v->n++;
    return 0;
}

int svec_append(struct svec *v, const struct svec *src, double scale)
{
    if (src->n == 0)
        return 0;
    if (svec_reserve(v, v->n + src->n))
        return STATUS_NOMEM;
    memcpy(v->idx + v->n, src->idx, src->n * sizeof *src->idx);
    for (size_t i = 0; i < src->n; i++)
        v->val[v->n + i] = scale * src->val[i];
    v->n += src->n;
    return 0;
}

/* Both sorts below are stable, so repeated indices are added up in the
 * order they were pushed, whatever the vector's length: what a slot sums
 * to (two n-grams that hash together, with different values) depends on
 * the text alone, never on which sort a length chose. */

/* Insertion sort for the short vectors that are the common case. */
static void insertion_pairs(uint32_t *ix, double *vx, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        uint32_t ti = ix[i];
        double tv = vx[i];
        size_t j = i;
        while (j > 0 && ix[j - 1] > ti) {
            ix[j] = ix[j - 1];
            vx[j] = vx[j - 1];
            j--;
        }
        ix[j] = ti;
        vx[j] = tv;
    }
}

#define RADIX_BITS 8
#define RADIX_N (1u << RADIX_BITS)

/* LSD radix sort, 8 bits a pass, through ti/tv (n entries each): the
 * counts of every digit come from one pass over the keys, and a digit
 * that is the same in every key (the top bytes, below 2^24 hashed slots)
 * costs no pass.  The sorted entries end in ix, vx. */
static void radix_pairs(uint32_t *ix, double *vx, size_t n, uint32_t *ti,
                        double *tv)
{
    size_t count[4][RADIX_N];
    uint32_t *si = ix, *di = ti;
    double *sv = vx, *dv = tv;

    memset(count, 0, sizeof count);
    for (size_t i = 0; i < n; i++) {
        uint32_t k = ix[i];
        count[0][k & 0xFF]++;
        count[1][(k >> 8) & 0xFF]++;
        count[2][(k >> 16) & 0xFF]++;
        count[3][k >> 24]++;
    }
    for (unsigned d = 0; d < 4; d++) {
        size_t *c = count[d], sum = 0;
        unsigned shift = d * RADIX_BITS;
        if (c[(si[0] >> shift) & 0xFF] == n)
            continue;           /* one value of this digit: already in order */
        for (unsigned b = 0; b < RADIX_N; b++) {
            size_t t = c[b];
            c[b] = sum;
            sum += t;
        }
        for (size_t i = 0; i < n; i++) {
            size_t at = c[(si[i] >> shift) & 0xFF]++;
            di[at] = si[i];
            dv[at] = sv[i];
        }
        { uint32_t *t = si; si = di; di = t; }
        { double *t = sv; sv = dv; dv = t; }
    }
    if (si != ix) {
        memcpy(ix, si, n * sizeof *ix);
        memcpy(vx, sv, n * sizeof *vx);
    }
}

/* Below this many entries the insertion sort is faster than the radix
 * sort's counting (and its worst case, 64^2 / 4 moves, is small). */
#define SORT_RADIX_FROM 64

/* Sort by index, stably.  The radix sort's room is the vector's own spare
 * capacity when it has enough, else a buffer of its own; without memory
 * for one, the insertion sort (quadratic, but correct) does it. */
static void sort_pairs(struct svec *v)
{
    uint32_t *ti;
    double *tv;

    if (v->n < SORT_RADIX_FROM) {
        insertion_pairs(v->idx, v->val, v->n);
        return;
    }
    if (v->cap - v->n >= v->n) {
        radix_pairs(v->idx, v->val, v->n, v->idx + v->n, v->val + v->n);
        return;
    }
    ti = malloc(v->n * sizeof *ti);
    tv = malloc(v->n * sizeof *tv);
    if (ti && tv)
        radix_pairs(v->idx, v->val, v->n, ti, tv);
    else
        insertion_pairs(v->idx, v->val, v->n);
    free(ti);
    free(tv);
}

/* Add up the values of repeated indices of a sorted vector. */
static void sum_runs(struct svec *v)
{
    size_t w = 0;

    for (size_t r = 0; r < v->n; r++) {
        if (w > 0 && v->idx[w - 1] == v->idx[r]) {
            v->val[w - 1] += v->val[r];
        } else {
            v->idx[w] = v->idx[r];
            v->val[w] = v->val[r];
            w++;
        }
    }
    v->n = w;
}

void svec_sort_sum(struct svec *v)
{
    sort_pairs(v);
    sum_runs(v);
}

double svec_dot(const struct svec *a, const struct svec *b)
{
    size_t i = 0, j = 0;
    double s = 0.0;

    while (i < a->n && j < b->n) {
        if (a->idx[i] < b->idx[j])
            i++;
        else if (a->idx[i] > b->idx[j])
            j++;
        else
            s += a->val[i++] * b->val[j++];
    }
    return s;
}

double svec_norm(const struct svec *v)
{
    double s = 0.0;

    for (size_t i = 0; i < v->n; i++)
        s += v->val[i] * v->val[i];
    return sqrt(s);
}

void svec_normalize(struct svec *v)
{
    double nrm = svec_norm(v);

    if (nrm > 0.0)
        for (size_t i = 0; i < v->n; i++)
            v->val[i] /= nrm;
}

size_t svec_find(const struct svec *v, uint32_t idx)
{
    size_t lo = 0, hi = v->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v->idx[mid] < idx)
            lo = mid + 1;
        else if (v->idx[mid] > idx)
            hi = mid;
        else
            return mid;
    }
    return SIZE_MAX;
}

double svec_get(const struct svec *v, uint32_t idx)
{
    size_t at = svec_find(v, idx);

    return at == SIZE_MAX ? 0.0 : v->val[at];
}

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

/* Insertion sort for the short vectors that are the common case; a heap
 * sort beyond that keeps the worst case n log n without allocating. */
static void sift(uint32_t *ix, double *vx, size_t root, size_t n)
{
    for (;;) {
        size_t c = 2 * root + 1;
        uint32_t ti;
        double tv;
        if (c >= n)
            return;
        if (c + 1 < n && ix[c + 1] > ix[c])
            c++;
        if (ix[root] >= ix[c])
            return;
        ti = ix[root]; ix[root] = ix[c]; ix[c] = ti;
        tv = vx[root]; vx[root] = vx[c]; vx[c] = tv;
        root = c;
    }
}

static void sort_pairs(uint32_t *ix, double *vx, size_t n)
{
    if (n <= 32) {
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
        return;
    }
    for (size_t i = n / 2; i-- > 0;)
        sift(ix, vx, i, n);
    for (size_t end = n - 1; end > 0; end--) {
        uint32_t ti = ix[0];
        double tv = vx[0];
        ix[0] = ix[end]; ix[end] = ti;
        vx[0] = vx[end]; vx[end] = tv;
        sift(ix, vx, 0, end);
    }
}

/* LSD radix sort, 8 bits a pass, for long vectors (a body, a 100 MB
 * line): linear and cache-friendly where the heap sort is neither.
 * Returns -1 when there is no memory for it. */
static int radix_pairs(uint32_t *ix, double *vx, size_t n)
{
    uint32_t *ti = malloc(n * sizeof *ti);
    double *tv = malloc(n * sizeof *tv);
    uint32_t *si = ix, *di = ti;
    double *sv = vx, *dv = tv;

    if (!ti || !tv) {
        free(ti);
        free(tv);
        return -1;
    }
    for (unsigned shift = 0; shift < 32; shift += 8) {
        size_t count[257] = { 0 };
        for (size_t i = 0; i < n; i++)
            count[((si[i] >> shift) & 0xFF) + 1]++;
        for (int b = 0; b < 256; b++)
            count[b + 1] += count[b];
        for (size_t i = 0; i < n; i++) {
            size_t at = count[(si[i] >> shift) & 0xFF]++;
            di[at] = si[i];
            dv[at] = sv[i];
        }
        { uint32_t *t = si; si = di; di = t; }
        { double *t = sv; sv = dv; dv = t; }
    }
    /* four passes: the sorted data is back in ix, vx */
    free(ti);
    free(tv);
    return 0;
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
    if (v->n < 4096 || radix_pairs(v->idx, v->val, v->n) != 0)
        sort_pairs(v->idx, v->val, v->n);
    sum_runs(v);
}

void svec_sort_count(struct svec *v)
{
    if (v->n < 64 || radix_pairs(v->idx, v->val, v->n) != 0)
        sort_pairs(v->idx, v->val, v->n);
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

double svec_get(const struct svec *v, uint32_t idx)
{
    size_t lo = 0, hi = v->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v->idx[mid] < idx)
            lo = mid + 1;
        else if (v->idx[mid] > idx)
            hi = mid;
        else
            return v->val[mid];
    }
    return 0.0;
}

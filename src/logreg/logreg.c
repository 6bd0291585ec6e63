/* logreg.c - multinomial logistic regression with L2, fitted by TRON or
 * GSL's BFGS.
 *
 * Objective (W: dim x K, row 0 the unregularised bias):
 *   L(W) = (1 / sum_i c_i) sum_i c_i (logsumexp(s_i) - s_{i,y_i})
 *          + (lambda / 2) sum_{j >= 1, k} W_jk^2,      s_i = x_i W
 *   dL/dW = (1 / sum_i c_i) X^T R + lambda W (bias row: no lambda),
 *   R_ik = c_i (p_ik - [y_i = k]),  p_i = softmax(s_i).
 *
 * Multiple instances (bags of rows, two classes, z_i = s_{i,q} - s_{i,o} for
 * the positive class q and the other o, p_i = sigmoid(z_i)), bag b of rows
 * I_b with label y_b in {0, 1} and weight c_b:
 *   noisy-OR:  P_b = 1 - prod_{i in I_b} (1 - p_i), so with
 *              L0 = sum_i log(1 - p_i) = -sum_i log1p(e^{z_i}):
 *              loss_b = -c_b (y_b log(1 - e^{L0}) + (1 - y_b) L0),
 *              dloss_b/dz_i = c_b p_i               (y_b = 0)
 *                           = -c_b p_i / expm1(-L0) (y_b = 1);
 *   LSE:       Z_b = (1/r) log((1/n_b) sum_i e^{r z_i}), P_b = sigmoid(Z_b),
 *              loss_b = c_b (log1p(e^{Z_b}) - y_b Z_b),
 *              dloss_b/dz_i = c_b (P_b - y_b) softmax(r z)_i.
 * The residual of row i is then R_iq = dloss/dz_i, R_io = -dloss/dz_i, and
 * the gradient is X^T R as for single rows (Ilse et al. 2018 and Ray and
 * Craven 2005 compare such poolings).
 * Hessian along V (single rows): H V = (1 / sum_i c_i) X^T Q + lambda V
 * (bias row: no lambda), Q_i = c_i (p_i o u_i - p_i (p_i . u_i)), u_i = x_i V.
 * The dense columns and the sparse blocks are looped over by hand (the
 * blocks once per distinct block); vector algebra goes through gsl_blas
 * (OpenBLAS at link time). */
#include "logreg/logreg.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_cblas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_multimin.h>

#include "base/bigmem.h"
#include "base/parallel.h"

struct logreg *logreg_alloc(size_t dim, size_t n_classes)
{
    struct logreg *m = calloc(1, sizeof *m);

    if (!m)
        return NULL;
    m->dim = dim;
    m->n_classes = n_classes;
    m->w = calloc(dim > 0 && n_classes > 0 ? dim * n_classes : 1,
                  sizeof *m->w);
    if (!m->w) {
        free(m);
        return NULL;
    }
    /* still untouched (calloc maps zero pages): advised, the solver's
     * first pass over it faults once per 2 MB */
    bigmem_advise(m->w, dim * n_classes * sizeof *m->w);
    return m;
}

static struct logreg *alloc_sparse(size_t dim, size_t n_classes,
                                   size_t n_rows, double *w)
{
    struct logreg *m = calloc(1, sizeof *m);
    unsigned bits = 4;

    if (!m)
        return NULL;
    /* at most 3/4 full, so a miss ends within a few probes of one cache
     * line; row numbers and j + 1 are 32-bit */
    while (bits < 40 && ((size_t)1 << bits) * 3 < 4 * n_rows)
        bits++;
    m->dim = dim;
    m->n_classes = n_classes;
    m->n_rows = n_rows;
    m->slot_bits = bits;
    m->w_borrowed = w != NULL;
    m->w = w ? w : bigmem_calloc(n_rows > 0 && n_classes > 0
                                 ? n_rows * n_classes : 1, sizeof *m->w);
    m->slot = dim < UINT32_MAX && n_rows <= UINT32_MAX
              ? calloc((size_t)1 << bits, sizeof *m->slot) : NULL;
    if (!m->w || !m->slot) {
        logreg_free(m);
        return NULL;
    }
    return m;
}

struct logreg *logreg_alloc_sparse(size_t dim, size_t n_classes,
                                   size_t n_rows)
{
    return alloc_sparse(dim, n_classes, n_rows, NULL);
}

struct logreg *logreg_alloc_sparse_on(size_t dim, size_t n_classes,
                                      size_t n_rows, double *w)
{
    return w ? alloc_sparse(dim, n_classes, n_rows, w) : NULL;
}

/* An ordered table made hashed, for rows set one at a time; -1 when out
 * of memory (the table is then unchanged). */
static int make_hashed(struct logreg *m)
{
    uint64_t *t = bigmem_calloc((size_t)1 << m->slot_bits, sizeof *t), *old;
    size_t mask = ((size_t)1 << m->slot_bits) - 1, n = m->n_slots;

    if (!t)
        return -1;
    old = m->slot;
    m->slot = t;
    m->n_slots = 0;
    /* the inputs are distinct: each goes to the first free slot */
    for (size_t i = 0; i < n; i++)
        if (old[i]) {
            size_t h = logreg_slot_of(m, (size_t)(old[i] >> 32) - 1);
            while (t[h] != 0)
                h = (h + 1) & mask;
            t[h] = old[i];
        }
    free(old);
    return 0;
}

int logreg_set_row(struct logreg *m, size_t j, size_t r)
{
    size_t mask = ((size_t)1 << m->slot_bits) - 1, h;
    uint64_t v = ((uint64_t)j + 1) << 32 | (uint64_t)r;

    if (!m->slot || j >= m->dim || r >= m->n_rows
        || (m->n_slots && make_hashed(m)))
        return -1;
    for (h = logreg_slot_of(m, j); m->slot[h] != 0; h = (h + 1) & mask)
        if ((m->slot[h] >> 32) == (uint64_t)j + 1) {
            m->slot[h] = v;
            return 0;
        }
    if (m->n_set >= m->n_rows)
        return -1;
    m->slot[h] = v;
    m->n_set++;
    return 0;
}

/* The ordered table of rows whose inputs increase: 1 (and the hashed
 * table left as it was) when they do not, or some slot would lie more than
 * LOGREG_MAX_RUN past its home; -1 when out of memory. */
static int index_ordered(struct logreg *m, const uint32_t *input_of)
{
    /* 4/3 slots a row above the direct ones, the run limit and an empty
     * last slot beyond them */
    size_t spread = m->n_rows + m->n_rows / 3 + 1, n_slots, at = 0;
    size_t span = m->dim > LOGREG_DIRECT ? m->dim - LOGREG_DIRECT : 0;
    uint64_t scale = (uint64_t)1 << 32, *t;

    if (m->n_rows > UINT32_MAX / 2)
        return 1;
    if (span > spread)
        scale = ((uint64_t)spread << 32) / span;   /* spread < 2^32 */
    n_slots = LOGREG_DIRECT + spread + LOGREG_MAX_RUN + 1;
    for (size_t r = 1; r < m->n_rows; r++)
        if (input_of[r] <= input_of[r - 1])
            return 1;
    if (m->n_rows > 0 && input_of[m->n_rows - 1] >= m->dim)
        return 1;
    t = bigmem_calloc(n_slots, sizeof *t);
    if (!t)
        return -1;
    m->scale = scale;
    for (size_t r = 0; r < m->n_rows; r++) {
        size_t home = logreg_home(m, input_of[r]);
        if (at < home)
            at = home;
        if (at - home > LOGREG_MAX_RUN || at >= n_slots - 1) {
            free(t);
            return 1;
        }
        t[at++] = ((uint64_t)input_of[r] + 1) << 32 | (uint64_t)r;
    }
    free(m->slot);
    m->slot = t;
    m->n_slots = n_slots;
    m->n_set = m->n_rows;
    return 0;
}

int logreg_index_rows(struct logreg *m, const uint32_t *input_of,
                      uint32_t *scratch)
{
    /* a counting sort of the rows by the top bits of their home slots */
    unsigned shift = m->slot_bits > 12 ? m->slot_bits - 12 : 0;
    size_t count[4097] = { 0 };
    int rc;

    if (!m->slot || m->n_set > 0)
        return -1;
    if ((rc = index_ordered(m, input_of)) <= 0)
        return rc;
    for (size_t r = 0; r < m->n_rows; r++) {
        if (input_of[r] >= m->dim)
            return -1;
        count[(logreg_slot_of(m, input_of[r]) >> shift) + 1]++;
    }
    for (size_t b = 1; b < 4097; b++)
        count[b] += count[b - 1];
    for (size_t r = 0; r < m->n_rows; r++)
        scratch[count[logreg_slot_of(m, input_of[r]) >> shift]++]
            = (uint32_t)r;
    for (size_t i = 0; i < m->n_rows; i++) {
        size_t before = m->n_set;
        uint32_t r = scratch[i];
        if (logreg_set_row(m, input_of[r], r) || m->n_set == before)
            return -1;
    }
    return 0;
}

void logreg_free(struct logreg *m)
{
    if (!m)
        return;
    if (!m->w_borrowed)
        free(m->w);
    free(m->slot);
    free(m);
}

void logreg_scores(const struct logreg *m, const struct svec *x, double *s)
{
    size_t k = m->n_classes;

    memset(s, 0, k * sizeof *s);
    for (size_t i = 0; i < x->n; i++) {
        const double *row = logreg_row(m, x->idx[i]);
        if (!row)
            continue;
        for (size_t c = 0; c < k; c++)
            s[c] += x->val[i] * row[c];
    }
}

double logreg_softmax(double *s, size_t k)
{
    double mx = s[0], sum = 0.0;

    for (size_t c = 1; c < k; c++)
        if (s[c] > mx)
            mx = s[c];
    for (size_t c = 0; c < k; c++) {
        s[c] = exp(s[c] - mx);
        sum += s[c];
    }
    for (size_t c = 0; c < k; c++)
        s[c] /= sum;
    return mx + log(sum);
}

size_t logreg_predict(const struct logreg *m, const struct svec *x, double *p)
{
    size_t best = 0;

    logreg_scores(m, x, p);
    logreg_softmax(p, m->n_classes);
    for (size_t c = 1; c < m->n_classes; c++)
        if (p[c] > p[best])
            best = c;
    return best;
}

struct logreg_work {
    const struct design *d;
    size_t threads;
    double wsum;                /* sum of the row (or bag) weights */
    double *s;                  /* n_rows x k: scores, then residuals */
    double *bs;                 /* n_live x k: live blocks' scores/residuals */
    double *row_loss;           /* n_rows */
    /* the nonzero dense inputs by row and by column (FNC-1: 78% of the
     * 50,000 x 77 values are zero); for a row-compressed design, its rows
     * (dr_borrowed) and no copy by column: the gradient then sweeps the
     * rows (see dense_back_slice()) */
    size_t *dr_start;           /* n_rows + 1 */
    uint32_t *dr_col;
    double *dr_val;
    int dr_borrowed;
    size_t *dc_start;           /* n_dense + 1; NULL: by rows */
    uint32_t *dc_row;
    double *dc_val;
    /* the blocks transposed, column by column, so the gradient is a pass
     * over columns that threads can split without sharing writes */
    size_t *col_start;          /* dim + 1 */
    uint32_t *col_block;        /* the live block (below) */
    double *col_val;
    /* the blocks with a nonzero, numbered 0..n_live-1 in their order
     * (FNC-1: 17,561 of 65,043 blocks; most rows' own blocks are empty),
     * so that bs is small and dense; row_live: each row's, UINT32_MAX for
     * none */
    size_t n_live;
    uint32_t *live_block;       /* n_live: the design's block */
    uint32_t *row_live;         /* n_rows x n_per_row */
    /* The forward pass by columns: the live blocks cut into one slice per
     * thread (as many nonzeros each), and each slice's nonzeros in runs
     * by column, so that a slice reads the weights in order, one row per
     * run, and adds into its part of bs (FNC-1: 560 KB in all, near the
     * cache); gathering a random row of W per nonzero waited on memory
     * (W is 4.3 MB on FNC-1): 12 ms a pass against 5.6.  More slices
     * than threads only cost more runs.  Used when every block's indices
     * increase (svec_sort_sum's order): then each block's sum is formed
     * in the same order either way, to the bit, whatever the slices. */
    int by_cols;
    size_t n_slices;
    size_t *sl_block;           /* n_slices + 1: first live block of each */
    size_t *sl_run;             /* n_slices + 1: first run of each */
    uint32_t *run_col;          /* the column of each run */
    size_t *run_end;            /* one past each run's last nonzero */
    uint32_t *fe_block;         /* each nonzero's live block... */
    double *fe_val;             /* ...and value */
    /* probabilities of each row at the last point whose gradient was
     * taken (single rows only): the Hessian there.  Two buffers, so that
     * a trial point can be evaluated without losing the current one. */
    double *p[2];
    int cur;
    /* per-call state for the parallel slices */
    const double *w;
    double *g;
    double *p_out;              /* where row_slice keeps p_i, or NULL */
    int squared;                /* backward pass with x_ij^2 */
};

/* parallel_for's indices per slice of the forward pass: one chunk of its
 * (64) per slice, so the slices go to the threads in turn */
#define FWD_UNIT 64

/* Number the live blocks, map the rows and the column-compressed blocks
 * to them, and allocate bs.  Returns 0 or -1 (memory). */
static int live_blocks(struct logreg_work *wk)
{
    const struct design *d = wk->d;
    size_t k = d->n_classes, nr = d->n_rows * d->n_per_row;
    uint32_t *live_of = bigmem_alloc((d->n_blocks + 1) * sizeof *live_of);
    int rc = -1;

    wk->live_block = bigmem_alloc((d->n_blocks + 1) * sizeof *wk->live_block);
    wk->row_live = bigmem_alloc((nr + 1) * sizeof *wk->row_live);
    if (!live_of || !wk->live_block || !wk->row_live
        || d->n_blocks >= UINT32_MAX)
        goto out;
    wk->by_cols = 1;
    for (size_t b = 0; b < d->n_blocks; b++) {
        const struct svec *x = &d->blocks[b];
        live_of[b] = UINT32_MAX;
        if (x->n == 0)
            continue;
        live_of[b] = (uint32_t)wk->n_live;
        wk->live_block[wk->n_live++] = (uint32_t)b;
        for (size_t t = 1; t < x->n; t++)
            if (x->idx[t] <= x->idx[t - 1])
                wk->by_cols = 0;
    }
    for (size_t t = 0; t < nr; t++)
        wk->row_live[t] = d->row_block[t] == SIZE_MAX ? UINT32_MAX
                          : live_of[d->row_block[t]];
    for (size_t t = 0; t < wk->col_start[d->dim]; t++)
        wk->col_block[t] = live_of[wk->col_block[t]];
    wk->bs = bigmem_alloc((wk->n_live * k + 1) * sizeof *wk->bs);
    rc = wk->bs ? 0 : -1;
out:
    free(live_of);
    return rc;
}

/* Cut the live blocks into slices and lay each slice's nonzeros out by
 * column (from the column-compressed copy, so columns come in order and
 * blocks in order within a column).  Returns 0 or -1 (memory). */
static int forward_by_columns(struct logreg_work *wk, size_t nnz)
{
    const struct design *d = wk->d;
    size_t n_runs = 0, ns = 0, in_nnz = 0;
    uint32_t *slice_of = bigmem_alloc((wk->n_live + 1) * sizeof *slice_of);
    size_t *last = NULL, *ecur = NULL, *rcur = NULL;
    int rc = -1;

    wk->sl_block = bigmem_alloc((wk->n_live + 2) * sizeof *wk->sl_block);
    if (!slice_of || !wk->sl_block)
        goto out;
    for (size_t b = 0; b < wk->n_live; b++) {
        size_t n = d->blocks[wk->live_block[b]].n;
        if (b == 0 || (in_nnz >= nnz / wk->threads && ns < wk->threads)) {
            wk->sl_block[ns++] = b;
            in_nnz = 0;
        }
        slice_of[b] = (uint32_t)(ns - 1);
        in_nnz += n;
    }
    wk->sl_block[ns] = wk->n_live;
    wk->n_slices = ns;
    last = bigmem_alloc((ns + 1) * sizeof *last);
    ecur = bigmem_calloc(ns + 1, sizeof *ecur);
    rcur = bigmem_calloc(ns + 1, sizeof *rcur);
    wk->sl_run = bigmem_calloc(ns + 1, sizeof *wk->sl_run);
    if (!last || !ecur || !rcur || !wk->sl_run)
        goto out;
    /* count each slice's nonzeros and runs */
    for (size_t s = 0; s < ns; s++)
        last[s] = SIZE_MAX;
    for (size_t j = 0; j < d->dim; j++)
        for (size_t t = wk->col_start[j]; t < wk->col_start[j + 1]; t++) {
            size_t s = slice_of[wk->col_block[t]];
            ecur[s + 1]++;
            if (last[s] != j) {
                last[s] = j;
                rcur[s + 1]++;
                n_runs++;
            }
        }
    for (size_t s = 0; s < ns; s++) {
        ecur[s + 1] += ecur[s];
        rcur[s + 1] += rcur[s];
    }
    memcpy(wk->sl_run, rcur, (ns + 1) * sizeof *rcur);
    wk->run_col = bigmem_alloc((n_runs + 1) * sizeof *wk->run_col);
    wk->run_end = bigmem_alloc((n_runs + 1) * sizeof *wk->run_end);
    wk->fe_block = bigmem_alloc((nnz + 1) * sizeof *wk->fe_block);
    wk->fe_val = bigmem_alloc((nnz + 1) * sizeof *wk->fe_val);
    if (!wk->run_col || !wk->run_end || !wk->fe_block || !wk->fe_val)
        goto out;
    for (size_t s = 0; s < ns; s++)
        last[s] = SIZE_MAX;
    for (size_t j = 0; j < d->dim; j++)
        for (size_t t = wk->col_start[j]; t < wk->col_start[j + 1]; t++) {
            size_t s = slice_of[wk->col_block[t]], at = ecur[s]++;
            wk->fe_block[at] = wk->col_block[t];
            wk->fe_val[at] = wk->col_val[t];
            if (last[s] != j) {
                last[s] = j;
                wk->run_col[rcur[s]++] = (uint32_t)j;
            }
            wk->run_end[rcur[s] - 1] = at + 1;
        }
    rc = 0;
out:
    free(slice_of);
    free(last);
    free(ecur);
    free(rcur);
    return rc;
}

struct logreg_work *logreg_work_alloc(const struct design *d, size_t threads)
{
    struct logreg_work *wk = calloc(1, sizeof *wk);
    size_t k = d->n_classes, nnz = 0, np = d->n_bags > 0 ? 1 : d->n_rows * k;
    size_t f = d->n_dense, dnz = 0;

    if (!wk)
        return NULL;
    wk->d = d;
    wk->threads = threads ? threads : 1;
    for (size_t b = 0; b < d->n_blocks; b++)
        nnz += d->blocks[b].n;
    wk->s = bigmem_alloc((d->n_rows * k + 1) * sizeof *wk->s);
    wk->row_loss = bigmem_alloc((d->n_rows + 1) * sizeof *wk->row_loss);
    if (d->dense_start) {
        wk->dr_borrowed = 1;
        wk->dr_start = d->dense_start;
        wk->dr_col = d->dense_col;
        wk->dr_val = d->dense_val;
    } else {
        for (size_t t = 0; t < d->n_rows * f; t++)
            dnz += d->dense[t] != 0.0;
        wk->dr_start = bigmem_alloc((d->n_rows + 1) * sizeof *wk->dr_start);
        wk->dr_col = bigmem_alloc((dnz + 1) * sizeof *wk->dr_col);
        wk->dr_val = bigmem_alloc((dnz + 1) * sizeof *wk->dr_val);
        wk->dc_start = bigmem_calloc(f + 2, sizeof *wk->dc_start);
        wk->dc_row = bigmem_alloc((dnz + 1) * sizeof *wk->dc_row);
        wk->dc_val = bigmem_alloc((dnz + 1) * sizeof *wk->dc_val);
    }
    wk->col_start = bigmem_calloc(d->dim + 1, sizeof *wk->col_start);
    wk->col_block = bigmem_alloc((nnz + 1) * sizeof *wk->col_block);
    wk->col_val = bigmem_alloc((nnz + 1) * sizeof *wk->col_val);
    wk->p[0] = bigmem_calloc(np + 1, sizeof *wk->p[0]);
    wk->p[1] = bigmem_calloc(np + 1, sizeof *wk->p[1]);
    if (!wk->s || !wk->row_loss || !wk->dr_start || !wk->dr_col
        || !wk->dr_val
        || (!wk->dr_borrowed
            && (!wk->dc_start || !wk->dc_row || !wk->dc_val))
        || !wk->col_start || !wk->col_block || !wk->col_val || !wk->p[0]
        || !wk->p[1] || d->n_rows > UINT32_MAX) {
        logreg_work_free(wk);
        return NULL;
    }
    /* the dense inputs by row, then (a counting sort) by column */
    dnz = 0;
    for (size_t i = 0; !wk->dr_borrowed && i < d->n_rows; i++) {
        wk->dr_start[i] = dnz;
        for (size_t j = 0; j < f; j++)
            if (d->dense[i * f + j] != 0.0) {
                wk->dr_col[dnz] = (uint32_t)j;
                wk->dr_val[dnz++] = d->dense[i * f + j];
                wk->dc_start[j + 2]++;
            }
    }
    if (!wk->dr_borrowed)
        wk->dr_start[d->n_rows] = dnz;
    for (size_t j = 0; !wk->dr_borrowed && j < f; j++)
        wk->dc_start[j + 2] += wk->dc_start[j + 1];
    for (size_t i = 0; !wk->dr_borrowed && i < d->n_rows; i++)
        for (size_t t = wk->dr_start[i]; t < wk->dr_start[i + 1]; t++) {
            size_t at = wk->dc_start[wk->dr_col[t] + 1]++;
            wk->dc_row[at] = (uint32_t)i;
            wk->dc_val[at] = wk->dr_val[t];
        }
    for (size_t b = 0; b < d->n_blocks; b++)
        for (size_t t = 0; t < d->blocks[b].n; t++)
            wk->col_start[d->blocks[b].idx[t] + 1]++;
    for (size_t j = 0; j < d->dim; j++)
        wk->col_start[j + 1] += wk->col_start[j];
    {
        /* fill using col_start as cursors, then shift back */
        for (size_t b = 0; b < d->n_blocks; b++)
            for (size_t t = 0; t < d->blocks[b].n; t++) {
                size_t at = wk->col_start[d->blocks[b].idx[t]]++;
                wk->col_block[at] = (uint32_t)b;
                wk->col_val[at] = d->blocks[b].val[t];
            }
        for (size_t j = d->dim; j > 0; j--)
            wk->col_start[j] = wk->col_start[j - 1];
        wk->col_start[0] = 0;
    }
    if (d->n_bags > 0)
        for (size_t b = 0; b < d->n_bags; b++)
            wk->wsum += d->bag_weight[b];
    else
        for (size_t i = 0; i < d->n_rows; i++)
            wk->wsum += d->weight[i];
    if (wk->wsum <= 0.0)
        wk->wsum = 1.0;
    if (live_blocks(wk) || (wk->by_cols && forward_by_columns(wk, nnz))) {
        logreg_work_free(wk);
        return NULL;
    }
    return wk;
}

void logreg_work_free(struct logreg_work *wk)
{
    if (!wk)
        return;
    free(wk->s);
    free(wk->bs);
    free(wk->row_loss);
    if (!wk->dr_borrowed) {
        free(wk->dr_start);
        free(wk->dr_col);
        free(wk->dr_val);
    }
    free(wk->dc_start);
    free(wk->dc_row);
    free(wk->dc_val);
    free(wk->col_start);
    free(wk->col_block);
    free(wk->col_val);
    free(wk->live_block);
    free(wk->row_live);
    free(wk->sl_block);
    free(wk->sl_run);
    free(wk->run_col);
    free(wk->run_end);
    free(wk->fe_block);
    free(wk->fe_val);
    free(wk->p[0]);
    free(wk->p[1]);
    free(wk);
}

/* out[0..k) = sum_t val[t] * w[idx[t]][0..k).  Written out for the class
 * counts that matter so the compiler keeps the sums in registers. */
static void sparse_scores(const struct svec *x, const double *restrict w,
                          size_t k, double *restrict out)
{
    if (k == 4) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (size_t t = 0; t < x->n; t++) {
            const double *r = w + (size_t)x->idx[t] * 4, v = x->val[t];
            s0 += v * r[0];
            s1 += v * r[1];
            s2 += v * r[2];
            s3 += v * r[3];
        }
        out[0] = s0; out[1] = s1; out[2] = s2; out[3] = s3;
    } else if (k == 3) {
        double s0 = 0, s1 = 0, s2 = 0;
        for (size_t t = 0; t < x->n; t++) {
            const double *r = w + (size_t)x->idx[t] * 3, v = x->val[t];
            s0 += v * r[0];
            s1 += v * r[1];
            s2 += v * r[2];
        }
        out[0] = s0; out[1] = s1; out[2] = s2;
    } else {
        memset(out, 0, k * sizeof *out);
        for (size_t t = 0; t < x->n; t++) {
            const double *r = w + (size_t)x->idx[t] * k;
            for (size_t c = 0; c < k; c++)
                out[c] += x->val[t] * r[c];
        }
    }
}

static int block_slice(void *p, size_t begin, size_t end)
{
    struct logreg_work *wk = p;
    size_t k = wk->d->n_classes;

    for (size_t b = begin; b < end; b++)
        sparse_scores(&wk->d->blocks[wk->live_block[b]], wk->w, k,
                      wk->bs + b * k);
    return 0;
}

/* The forward pass by columns over the slices whose first index is in
 * [begin, end) (FWD_UNIT indices per slice): bs_b = sum_j x_bj W_j, the
 * terms of each block in increasing j as in sparse_scores(). */
#define FWD_COLS_K(K)                                                       \
    for (size_t u = sl->sl_run[s]; u < sl->sl_run[s + 1]; u++) {            \
        const double *wj = sl->w + (size_t)sl->run_col[u] * (K);            \
        double wl[K];                                                       \
        for (size_t c = 0; c < (K); c++)                                    \
            wl[c] = wj[c];                                                  \
        for (; t < sl->run_end[u]; t++) {                                   \
            double *o = sl->bs + (size_t)sl->fe_block[t] * (K);             \
            double v = sl->fe_val[t];                                       \
            for (size_t c = 0; c < (K); c++)                                \
                o[c] += v * wl[c];                                          \
        }                                                                   \
    }

static int fwd_cols_slice(void *p, size_t begin, size_t end)
{
    const struct logreg_work *sl = p;
    size_t k = sl->d->n_classes;

    for (size_t s = (begin + FWD_UNIT - 1) / FWD_UNIT;
         s < sl->n_slices && s * FWD_UNIT < end; s++) {
        size_t t = sl->sl_run[s] > 0 ? sl->run_end[sl->sl_run[s] - 1] : 0;
        memset(sl->bs + sl->sl_block[s] * k, 0,
               (sl->sl_block[s + 1] - sl->sl_block[s]) * k * sizeof *sl->bs);
        if (k == 4) {
            FWD_COLS_K(4)
        } else if (k == 3) {
            FWD_COLS_K(3)
        } else if (k == 2) {
            FWD_COLS_K(2)
        } else {
            for (size_t u = sl->sl_run[s]; u < sl->sl_run[s + 1]; u++) {
                const double *wj = sl->w + (size_t)sl->run_col[u] * k;
                for (; t < sl->run_end[u]; t++) {
                    double *o = sl->bs + (size_t)sl->fe_block[t] * k;
                    for (size_t c = 0; c < k; c++)
                        o[c] += sl->fe_val[t] * wj[c];
                }
            }
        }
    }
    return 0;
}

/* Each row's scores: bias, dense part, then its blocks' shares (block
 * scores already in bs).  Summed in a local array (registers) in the
 * order of the plain loop. */
#define FORWARD_K(K)                                                        \
    for (size_t i = begin; i < end; i++) {                                  \
        double acc[K];                                                      \
        for (size_t c = 0; c < (K); c++)                                    \
            acc[c] = wk->w[c];                                              \
        for (size_t t = wk->dr_start[i]; t < wk->dr_start[i + 1]; t++) {    \
            const double *r = wd + (size_t)wk->dr_col[t] * (K);             \
            double v = wk->dr_val[t];                                       \
            for (size_t c = 0; c < (K); c++)                                \
                acc[c] += v * r[c];                                         \
        }                                                                   \
        for (size_t r = 0; r < d->n_per_row; r++) {                         \
            size_t b = wk->row_live[i * d->n_per_row + r];                  \
            if (b == UINT32_MAX)                                            \
                continue;                                                   \
            for (size_t c = 0; c < (K); c++)                                \
                acc[c] += wk->bs[b * (K) + c];                              \
        }                                                                   \
        for (size_t c = 0; c < (K); c++)                                    \
            wk->s[i * (K) + c] = acc[c];                                    \
    }

static int forward_slice(void *p, size_t begin, size_t end)
{
    struct logreg_work *wk = p;
    const struct design *d = wk->d;
    size_t k = d->n_classes;
    const double *wd = wk->w + k;       /* the dense inputs' rows */

    if (k == 4) {
        FORWARD_K(4)
    } else if (k == 3) {
        FORWARD_K(3)
    } else if (k == 2) {
        FORWARD_K(2)
    } else {
        for (size_t i = begin; i < end; i++) {
            double *si = wk->s + i * k;
            memcpy(si, wk->w, k * sizeof *si);
            for (size_t t = wk->dr_start[i]; t < wk->dr_start[i + 1]; t++) {
                const double *r = wd + (size_t)wk->dr_col[t] * k;
                double v = wk->dr_val[t];
                for (size_t c = 0; c < k; c++)
                    si[c] += v * r[c];
            }
            for (size_t r = 0; r < d->n_per_row; r++) {
                size_t b = wk->row_live[i * d->n_per_row + r];
                if (b == UINT32_MAX)
                    continue;
                for (size_t c = 0; c < k; c++)
                    si[c] += wk->bs[b * k + c];
            }
        }
    }
    return 0;
}

/* s = X w for every row (w: dim x k). */
static void forward(struct logreg_work *wk, const double *w)
{
    wk->w = w;
    if (wk->by_cols)
        parallel_for(wk->n_slices * FWD_UNIT, wk->threads, fwd_cols_slice,
                     wk);
    else
        parallel_for(wk->n_live, wk->threads, block_slice, wk);
    parallel_for(wk->d->n_rows, wk->threads, forward_slice, wk);
}

/* g_j += sum_t x_t R_row(t) over columns j in [begin, end) of a
 * column-compressed matrix (start, row, val), x_t^2 when squared; R holds
 * K values per row.  The sums are kept in a local array so the compiler
 * can hold them in registers (through g they were a store and a load per
 * term, g possibly aliasing R); the order of the additions is that of the
 * plain loop, so the result is the same to the bit. */
#define CSC_BACK_K(K)                                                       \
    for (size_t j = begin; j < end; j++) {                                  \
        double *gj = g + j * (K), acc[K];                                   \
        for (size_t c = 0; c < (K); c++)                                    \
            acc[c] = gj[c];                                                 \
        for (size_t t = start[j]; t < start[j + 1]; t++) {                  \
            const double *rt = r + (size_t)row[t] * (K);                    \
            double v = val[t];                                              \
            if (squared)                                                    \
                v *= v;                                                     \
            for (size_t c = 0; c < (K); c++)                                \
                acc[c] += v * rt[c];                                        \
        }                                                                   \
        for (size_t c = 0; c < (K); c++)                                    \
            gj[c] = acc[c];                                                 \
    }

static void csc_back(const size_t *start, const uint32_t *row,
                     const double *val, const double *r, double *g,
                     size_t k, int squared, size_t begin, size_t end)
{
    if (k == 4) {
        CSC_BACK_K(4)
    } else if (k == 3) {
        CSC_BACK_K(3)
    } else if (k == 2) {
        CSC_BACK_K(2)
    } else {
        for (size_t j = begin; j < end; j++) {
            double *gj = g + j * k;
            for (size_t t = start[j]; t < start[j + 1]; t++) {
                const double *rt = r + (size_t)row[t] * k;
                double v = val[t];
                if (squared)
                    v *= v;
                for (size_t c = 0; c < k; c++)
                    gj[c] += v * rt[c];
            }
        }
    }
}

/* g_j = sum_i x_ij R_i over the dense inputs j in [begin, end) (x_ij^2
 * when squared); their weights follow the bias.  Column by column from
 * the copy by column, or else in one sweep of the rows, which adds the
 * terms of each g_j in the same order (increasing i, from zero): the
 * same sums to the bit. */
static int dense_back_slice(void *p, size_t begin, size_t end)
{
    struct logreg_work *wk = p;
    size_t k = wk->d->n_classes, n = wk->d->n_rows;
    double *g = wk->g + k;

    if (wk->dc_start) {
        csc_back(wk->dc_start, wk->dc_row, wk->dc_val, wk->s, g, k,
                 wk->squared, begin, end);
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        const double *ri = wk->s + i * k;
        for (size_t t = wk->dr_start[i]; t < wk->dr_start[i + 1]; t++) {
            size_t j = wk->dr_col[t];
            double v = wk->dr_val[t];
            if (j < begin)
                continue;
            if (j >= end)
                break;          /* columns increase along a row */
            if (wk->squared)
                v *= v;
            for (size_t c = 0; c < k; c++)
                g[j * k + c] += v * ri[c];
        }
    }
    return 0;
}

/* The same over the hashed columns, from the blocks' residuals in bs. */
static int col_slice(void *p, size_t begin, size_t end)
{
    struct logreg_work *wk = p;

    csc_back(wk->col_start, wk->col_block, wk->col_val, wk->bs, wk->g,
             wk->d->n_classes, wk->squared, begin, end);
    return 0;
}

/* g = X^T R, R the n_rows x k residuals in s; with squared, every x_ij is
 * read as x_ij^2 (an input in two blocks of a row then counts as the sum
 * of the squares, not the square of the sum: good enough for a
 * preconditioner, its only use). */
static void backward(struct logreg_work *wk, double *g, int squared)
{
    const struct design *d = wk->d;
    size_t n = d->n_rows, k = d->n_classes, f = d->n_dense;
    const double *s = wk->s;
    double *bs = wk->bs;

    wk->g = g;
    wk->squared = squared;
    memset(g, 0, d->dim * k * sizeof *g);
    for (size_t i = 0; i < n; i++)
        for (size_t c = 0; c < k; c++)
            g[c] += s[i * k + c];
    parallel_for(f, wk->threads, dense_back_slice, wk);
    /* sum the residuals of the rows sharing each block, then one pass over
     * the columns of the blocks */
    memset(bs, 0, wk->n_live * k * sizeof *bs);
    for (size_t i = 0; i < n; i++)
        for (size_t r = 0; r < d->n_per_row; r++) {
            size_t b = wk->row_live[i * d->n_per_row + r];
            if (b == UINT32_MAX)
                continue;
            for (size_t c = 0; c < k; c++)
                bs[b * k + c] += s[i * k + c];
        }
    parallel_for(d->dim, wk->threads, col_slice, wk);
    wk->squared = 0;
}

/* log1p(e^z), stable for either sign. */
static double softplus(double z)
{
    return z > 0.0 ? z + log1p(exp(-z)) : log1p(exp(z));
}

static double sigmoid(double z)
{
    return z >= 0.0 ? 1.0 / (1.0 + exp(-z)) : exp(z) / (1.0 + exp(z));
}

/* Each bag: pool its rows' probabilities, the bag's loss (kept at its first
 * row), and with a gradient the rows' residuals (see the top of the file). */
static int bag_slice(void *p, size_t begin, size_t end)
{
    struct logreg_work *wk = p;
    const struct design *d = wk->d;
    size_t q = d->pos_class, o = 1 - q;

    for (size_t b = begin; b < end; b++) {
        size_t lo = d->bag_start[b], hi = d->bag_start[b + 1];
        double c_b = d->bag_weight[b], loss = 0.0;
        int y = d->bag_pos[b];
        for (size_t i = lo; i < hi; i++)
            wk->row_loss[i] = 0.0;
        if (hi == lo)
            continue;
        if (d->pool == LOGREG_POOL_NOISY_OR) {
            double l0 = 0.0, scale;
            for (size_t i = lo; i < hi; i++)
                l0 -= softplus(wk->s[i * 2 + q] - wk->s[i * 2 + o]);
            if (y) {
                /* -log(1 - e^{L0}); L0 = 0 only when every p_i underflows */
                double m = -expm1(l0 < -1e-300 ? l0 : -1e-300);
                loss = -log(m);
                scale = -c_b / expm1(-(l0 < -1e-300 ? l0 : -1e-300));
            } else {
                loss = -l0;
                scale = c_b;
            }
            for (size_t i = lo; i < hi && wk->g; i++) {
                double *si = wk->s + i * 2;
                double g = scale * sigmoid(si[q] - si[o]);
                si[q] = g;
                si[o] = -g;
            }
        } else {
            double r = d->pool_r, mx = -HUGE_VAL, sum = 0.0, z, pb;
            for (size_t i = lo; i < hi; i++) {
                z = r * (wk->s[i * 2 + q] - wk->s[i * 2 + o]);
                if (z > mx)
                    mx = z;
            }
            for (size_t i = lo; i < hi; i++)
                sum += exp(r * (wk->s[i * 2 + q] - wk->s[i * 2 + o]) - mx);
            z = (mx + log(sum / (double)(hi - lo))) / r;
            loss = softplus(z) - (y ? z : 0.0);
            pb = sigmoid(z);
            for (size_t i = lo; i < hi && wk->g; i++) {
                double *si = wk->s + i * 2;
                double a = exp(r * (si[q] - si[o]) - mx) / sum;
                double g = c_b * (pb - (double)y) * a;
                si[q] = g;
                si[o] = -g;
            }
        }
        wk->row_loss[lo] = c_b * loss;
    }
    return 0;
}

/* Each row: softmax, loss; with a gradient, keep p_i (when p_out is set)
 * and turn the scores into residuals R_i = c_i (p_i - e_{y_i}). */
static int row_slice(void *p, size_t begin, size_t end)
{
    struct logreg_work *wk = p;
    const struct design *d = wk->d;
    size_t k = d->n_classes;

    for (size_t i = begin; i < end; i++) {
        double *si = wk->s + i * k, c_i = d->weight[i], sy, lse;
        sy = si[d->y[i]];
        lse = logreg_softmax(si, k);        /* si now holds p_i */
        wk->row_loss[i] = c_i * (lse - sy);
        if (wk->g) {
            if (wk->p_out)
                memcpy(wk->p_out + i * k, si, k * sizeof *si);
            for (size_t c = 0; c < k; c++)
                si[c] *= c_i;
            si[d->y[i]] -= c_i;             /* si now holds R_i */
        }
    }
    return 0;
}

/* The objective at w, its gradient into g when g is not NULL, and then
 * the rows' probabilities into p_out when that is not NULL either. */
static double objective(struct logreg_work *wk, double l2, const double *w,
                        double *g, double *p_out)
{
    const struct design *d = wk->d;
    size_t n = d->n_rows, k = d->n_classes;
    double loss = 0.0, reg;

    forward(wk, w);
    wk->g = g;
    wk->p_out = p_out;
    if (d->n_bags > 0)
        parallel_for(d->n_bags, wk->threads, bag_slice, wk);
    else
        parallel_for(n, wk->threads, row_slice, wk);
    for (size_t i = 0; i < n; i++)
        loss += wk->row_loss[i];
    reg = cblas_ddot((int)((d->dim - 1) * k), w + k, 1, w + k, 1);
    loss = loss / wk->wsum + 0.5 * l2 * reg;
    if (!g)
        return loss;
    backward(wk, g, 0);
    cblas_dscal((int)(d->dim * k), 1.0 / wk->wsum, g, 1);
    cblas_daxpy((int)((d->dim - 1) * k), l2, w + k, 1, g + k, 1);
    return loss;
}

double logreg_objective(struct logreg_work *wk, double l2, const double *w,
                        double *g)
{
    return objective(wk, l2, w, g,
                     g && wk->d->n_bags == 0 ? wk->p[wk->cur] : NULL);
}

/* Hessian of row i's loss along u_i = x_i V (Boehning 1992: the Hessian
 * of softmax cross-entropy in the scores is diag(p) - p p^T):
 *   r_i = c_i (p_i o u_i - p_i (p_i . u_i)). */
static int hv_slice(void *p, size_t begin, size_t end)
{
    struct logreg_work *wk = p;
    const struct design *d = wk->d;
    size_t k = d->n_classes;
    const double *pc = wk->p[wk->cur];

    for (size_t i = begin; i < end; i++) {
        double *ui = wk->s + i * k, dot = 0.0, c_i = d->weight[i];
        const double *pi = pc + i * k;
        for (size_t c = 0; c < k; c++)
            dot += pi[c] * ui[c];
        for (size_t c = 0; c < k; c++)
            ui[c] = c_i * pi[c] * (ui[c] - dot);
    }
    return 0;
}

int logreg_hessian_vec(struct logreg_work *wk, double l2, const double *v,
                       double *hv)
{
    const struct design *d = wk->d;
    size_t k = d->n_classes;

    if (d->n_bags > 0)
        return -1;
    forward(wk, v);
    parallel_for(d->n_rows, wk->threads, hv_slice, wk);
    backward(wk, hv, 0);
    cblas_dscal((int)(d->dim * k), 1.0 / wk->wsum, hv, 1);
    cblas_daxpy((int)((d->dim - 1) * k), l2, v + k, 1, hv + k, 1);
    return 0;
}

/* The diagonal of the Hessian, diag_jc = (1/W) sum_i c_i x_ij^2
 * p_ic (1 - p_ic) + l2 (j >= 1), with the caveat of backward()'s squares. */
static int diag_slice(void *p, size_t begin, size_t end)
{
    struct logreg_work *wk = p;
    const struct design *d = wk->d;
    size_t k = d->n_classes;
    const double *pc = wk->p[wk->cur];

    for (size_t i = begin; i < end; i++)
        for (size_t c = 0; c < k; c++) {
            double q = pc[i * k + c];
            wk->s[i * k + c] = d->weight[i] * q * (1.0 - q);
        }
    return 0;
}

static void hessian_diag(struct logreg_work *wk, double l2, double *m)
{
    const struct design *d = wk->d;
    size_t k = d->n_classes;

    parallel_for(d->n_rows, wk->threads, diag_slice, wk);
    backward(wk, m, 1);
    cblas_dscal((int)(d->dim * k), 1.0 / wk->wsum, m, 1);
    for (size_t t = k; t < d->dim * k; t++)
        m[t] += l2;
}

struct fit_ctx {
    struct logreg_work *wk;
    double l2;
    int bad;                    /* a non-finite value was seen */
    size_t n_eval;
};

static double fit_f(const gsl_vector *x, void *p)
{
    struct fit_ctx *c = p;
    double v;
    c->n_eval++;
    v = logreg_objective(c->wk, c->l2, x->data, NULL);
    if (!isfinite(v))
        c->bad = 1;
    return v;
}

static void fit_fdf(const gsl_vector *x, void *p, double *f, gsl_vector *g)
{
    struct fit_ctx *c = p;
    c->n_eval++;
    *f = logreg_objective(c->wk, c->l2, x->data, g->data);
    if (!isfinite(*f))
        c->bad = 1;
}

static void fit_df(const gsl_vector *x, void *p, gsl_vector *g)
{
    double f;
    fit_fdf(x, p, &f, g);
}

static int fit_bfgs(struct logreg *m, const struct design *d,
                    const struct fit_options *opt, struct fit_result *res,
                    struct err *e)
{
    size_t n = m->dim * m->n_classes, iter = 0;
    struct fit_ctx ctx = { NULL, opt->l2, 0, 0 };
    gsl_multimin_function_fdf fn;
    gsl_multimin_fdfminimizer *mz = NULL;
    gsl_vector_view x0 = gsl_vector_view_array(m->w, n);
    double g0 = 0.0, gn = 0.0;
    int rc = 0, status = GSL_CONTINUE, restarts = 0;

    ctx.wk = logreg_work_alloc(d, opt->threads);
    mz = gsl_multimin_fdfminimizer_alloc(
        gsl_multimin_fdfminimizer_vector_bfgs2, n);
    if (!ctx.wk || !mz) {
        rc = err_set(e, STATUS_NOMEM, "out of memory allocating the "
                     "minimiser for %zu weights", n);
        goto out;
    }
    fn.n = n;
    fn.f = fit_f;
    fn.df = fit_df;
    fn.fdf = fit_fdf;
    fn.params = &ctx;
    /* first step 0.1 of a unit direction; line search tolerance 0.1 as
     * GSL's manual recommends for BFGS */
    if (gsl_multimin_fdfminimizer_set(mz, &fn, &x0.vector, 0.1, 0.1)
        != GSL_SUCCESS || ctx.bad) {
        rc = err_set(e, STATUS_NUMERIC, "cannot start the minimiser: the "
                     "loss is not finite at the starting point");
        goto out;
    }
    g0 = gsl_blas_dnrm2(gsl_multimin_fdfminimizer_gradient(mz));
    gn = g0;
    while (iter < opt->max_iter) {
        int it = gsl_multimin_fdfminimizer_iterate(mz);
        iter++;
        if (ctx.bad) {
            rc = err_set(e, STATUS_NUMERIC, "the loss became non-finite at "
                         "iteration %zu (try a larger --l2)", iter);
            goto out;
        }
        gn = gsl_blas_dnrm2(gsl_multimin_fdfminimizer_gradient(mz));
        if (opt->progress && opt->progress(opt->ctx, iter, mz->f, gn)) {
            rc = err_set(e, STATUS_NUMERIC, "interrupted at iteration %zu",
                         iter);
            goto out;
        }
        if (it == GSL_ENOPROG) {
            /* the line search made no progress: restarting from steepest
             * descent often gets going again; if it keeps failing we are
             * at the optimum to the precision the loss has */
            if (gn <= opt->tol * (g0 > 1.0 ? g0 : 1.0))
                break;
            if (++restarts > 3) {
                res->stalled = 1;
                break;
            }
            gsl_multimin_fdfminimizer_restart(mz);
            continue;
        }
        restarts = 0;
        if (it != GSL_SUCCESS) {
            rc = err_set(e, STATUS_NUMERIC, "minimiser failed at iteration "
                         "%zu: %s", iter, gsl_strerror(it));
            goto out;
        }
        status = gsl_multimin_test_gradient(
            gsl_multimin_fdfminimizer_gradient(mz),
            opt->tol * (g0 > 1.0 ? g0 : 1.0));
        if (status == GSL_SUCCESS)
            break;
    }
    res->converged = status == GSL_SUCCESS
        || gn <= opt->tol * (g0 > 1.0 ? g0 : 1.0);
out:
    if (mz) {
        memcpy(m->w, gsl_multimin_fdfminimizer_x(mz)->data, n * sizeof *m->w);
        res->loss = mz->f;
        gsl_multimin_fdfminimizer_free(mz);
    }
    res->iters = iter;
    res->gnorm = gn;
    res->evaluations = ctx.n_eval;
    logreg_work_free(ctx.wk);
    return rc;
}

/* Trust-region Newton (TRON): Lin and More, "Newton's method for large
 * bound-constrained optimization problems", SIAM J. Optim. 9 (1999); Lin,
 * Weng and Keerthi, "Trust region Newton method for large-scale logistic
 * regression", JMLR 9 (2008), as in liblinear; with the diagonal
 * preconditioner M = (1 - a) I + a diag(H), a = 0.01, of Hsia, Chiang and
 * Lin, "Preconditioned conjugate gradient methods in truncated Newton
 * frameworks for large-scale linear classification" (ACML 2018).
 *
 * Each iteration approximately minimises the quadratic model
 *   q(s) = g^T s + (1/2) s^T H s   subject to ||s||_M <= delta
 * by preconditioned conjugate gradients (Steihaug: stop at the boundary or
 * when the preconditioned residual falls below TRON_CG_EPS of its start),
 * with H v products through the same shared blocks as the gradient.  The
 * step is taken when the actual reduction is at least TRON_ETA0 of the
 * predicted one, and delta grows or shrinks with their ratio. */
#define TRON_ETA0 1e-4
#define TRON_ETA1 0.25
#define TRON_ETA2 0.75
#define TRON_SIGMA1 0.25
#define TRON_SIGMA2 0.5
#define TRON_SIGMA3 4.0
#define TRON_CG_EPS 0.1
#define TRON_PRECOND 0.01
#define TRON_MAX_CG 500

struct tron {
    struct logreg_work *wk;
    double l2;
    size_t n;
    gsl_vector *g, *s, *r, *dir, *hd, *z, *mdiag, *wn, *gn;
    size_t n_hv;
};

/* x^T M y and ||x||_M^2 for the diagonal M. */
static double m_dot(const gsl_vector *x, const gsl_vector *y,
                    const gsl_vector *m)
{
    double t = 0.0;
    for (size_t i = 0; i < x->size; i++)
        t += x->data[i] * m->data[i] * y->data[i];
    return t;
}

/* z = M^{-1} r */
static void m_solve(gsl_vector *z, const gsl_vector *r, const gsl_vector *m)
{
    for (size_t i = 0; i < z->size; i++)
        z->data[i] = r->data[i] / m->data[i];
}

/* The tau >= 0 with ||s + tau d||_M = delta, for ||s||_M <= delta. */
static double boundary_step(const gsl_vector *s, const gsl_vector *dir,
                            const gsl_vector *m, double delta)
{
    double sd = m_dot(s, dir, m), ss = m_dot(s, s, m),
           dd = m_dot(dir, dir, m), gap = delta * delta - ss, rad;

    if (gap < 0.0)
        gap = 0.0;
    if (!(dd > 0.0))
        return 0.0;
    rad = sqrt(sd * sd + dd * gap);
    /* the two forms avoid cancellation for either sign of s^T M d */
    return sd >= 0.0 ? gap / (sd + rad) : (rad - sd) / dd;
}

/* Steihaug's truncated preconditioned CG on the trust region: s gets the
 * step, r = -g - H s its residual; *boundary says whether s reached it.
 * Returns the number of H v products. */
static size_t tron_cg(struct tron *t, double delta, int *boundary)
{
    double zr, zr_new, cgtol, alpha, beta, dhd;
    size_t it = 0;

    *boundary = 0;
    gsl_vector_set_zero(t->s);
    gsl_vector_memcpy(t->r, t->g);
    gsl_vector_scale(t->r, -1.0);
    m_solve(t->z, t->r, t->mdiag);
    gsl_vector_memcpy(t->dir, t->z);
    gsl_blas_ddot(t->z, t->r, &zr);
    cgtol = TRON_CG_EPS * sqrt(zr > 0.0 ? zr : 0.0);
    while (it < TRON_MAX_CG) {
        if (!(sqrt(zr > 0.0 ? zr : 0.0) > cgtol))
            break;
        logreg_hessian_vec(t->wk, t->l2, t->dir->data, t->hd->data);
        it++;
        gsl_blas_ddot(t->dir, t->hd, &dhd);
        if (!(dhd > 0.0)) {
            /* no positive curvature along dir (the biases' common shift):
             * go to the boundary along it */
            double tau = boundary_step(t->s, t->dir, t->mdiag, delta);
            gsl_blas_daxpy(tau, t->dir, t->s);
            gsl_blas_daxpy(-tau, t->hd, t->r);
            *boundary = 1;
            break;
        }
        alpha = zr / dhd;
        gsl_blas_daxpy(alpha, t->dir, t->s);
        if (sqrt(m_dot(t->s, t->s, t->mdiag)) > delta) {
            double tau;
            gsl_blas_daxpy(-alpha, t->dir, t->s);
            tau = boundary_step(t->s, t->dir, t->mdiag, delta);
            gsl_blas_daxpy(tau, t->dir, t->s);
            gsl_blas_daxpy(-tau, t->hd, t->r);
            *boundary = 1;
            break;
        }
        gsl_blas_daxpy(-alpha, t->hd, t->r);
        m_solve(t->z, t->r, t->mdiag);
        gsl_blas_ddot(t->z, t->r, &zr_new);
        beta = zr_new / zr;
        gsl_vector_scale(t->dir, beta);
        gsl_vector_add(t->dir, t->z);
        zr = zr_new;
    }
    return it;
}

/* The preconditioner at the current point. */
static void tron_precond(struct tron *t)
{
    hessian_diag(t->wk, t->l2, t->mdiag->data);
    for (size_t i = 0; i < t->n; i++)
        t->mdiag->data[i] = (1.0 - TRON_PRECOND)
                            + TRON_PRECOND * t->mdiag->data[i];
}

/* gsl_vector_alloc(n), its block on huge pages when it is large: TRON's
 * nine vectors of every weight are 32 MB each for a 2^20-slot model of
 * four labels, 8,000 page faults apiece otherwise. */
static gsl_vector *vector_alloc(size_t n)
{
    gsl_vector *v = gsl_vector_alloc(n);

    if (v)
        bigmem_advise(v->data, n * sizeof *v->data);
    return v;
}

static int fit_tron(struct logreg *m, const struct design *d,
                    const struct fit_options *opt, struct fit_result *res,
                    struct err *e)
{
    struct tron t;
    gsl_vector_view wv = gsl_vector_view_array(m->w, m->dim * m->n_classes);
    gsl_vector *w = &wv.vector;
    double f, fnew, g0, gnorm, delta, tol;
    size_t iter = 0, n_eval = 0;
    int rc = 0, first = 1;

    memset(&t, 0, sizeof t);
    t.l2 = opt->l2;
    t.n = m->dim * m->n_classes;
    t.wk = logreg_work_alloc(d, opt->threads);
    t.g = vector_alloc(t.n);
    t.s = vector_alloc(t.n);
    t.r = vector_alloc(t.n);
    t.dir = vector_alloc(t.n);
    t.hd = vector_alloc(t.n);
    t.z = vector_alloc(t.n);
    t.mdiag = vector_alloc(t.n);
    t.wn = vector_alloc(t.n);
    t.gn = vector_alloc(t.n);
    if (!t.wk || !t.g || !t.s || !t.r || !t.dir || !t.hd || !t.z || !t.mdiag
        || !t.wn || !t.gn) {
        rc = err_set(e, STATUS_NOMEM, "out of memory allocating the "
                     "minimiser for %zu weights", t.n);
        goto out;
    }
    f = objective(t.wk, t.l2, w->data, t.g->data, t.wk->p[t.wk->cur]);
    n_eval++;
    res->loss = f;
    if (!isfinite(f)) {
        rc = err_set(e, STATUS_NUMERIC, "cannot start the minimiser: the "
                     "loss is not finite at the starting point");
        goto out;
    }
    g0 = gsl_blas_dnrm2(t.g);
    gnorm = g0;
    tol = opt->tol * (g0 > 1.0 ? g0 : 1.0);
    tron_precond(&t);
    m_solve(t.z, t.g, t.mdiag);
    gsl_blas_ddot(t.g, t.z, &delta);
    delta = sqrt(delta);
    while (iter < opt->max_iter && gnorm > tol) {
        double gs, sr, prered, actred, snorm, alpha, q;
        int boundary;

        t.n_hv += tron_cg(&t, delta, &boundary);
        gsl_vector_memcpy(t.wn, w);
        gsl_vector_add(t.wn, t.s);
        gsl_blas_ddot(t.g, t.s, &gs);
        gsl_blas_ddot(t.s, t.r, &sr);
        prered = -0.5 * (gs - sr);
        fnew = objective(t.wk, t.l2, t.wn->data, t.gn->data,
                         t.wk->p[1 - t.wk->cur]);
        n_eval++;
        if (!isfinite(fnew))
            fnew = HUGE_VAL;        /* a step too far: shrink */
        actred = f - fnew;
        snorm = sqrt(m_dot(t.s, t.s, t.mdiag));
        if (first) {
            delta = delta < snorm ? delta : snorm;
            first = 0;
        }
        /* alpha: the minimiser of the 1-D quadratic through f, g^T s and
         * fnew, bounded below by sigma1 */
        q = fnew - f - gs;
        alpha = q <= 0.0 ? TRON_SIGMA3
                         : fmax(TRON_SIGMA1, -0.5 * (gs / q));
        if (actred < TRON_ETA0 * prered)
            delta = fmin(alpha * snorm, TRON_SIGMA2 * delta);
        else if (actred < TRON_ETA1 * prered)
            delta = fmax(TRON_SIGMA1 * delta,
                         fmin(alpha * snorm, TRON_SIGMA2 * delta));
        else if (actred < TRON_ETA2 * prered)
            delta = fmax(TRON_SIGMA1 * delta,
                         fmin(alpha * snorm, TRON_SIGMA3 * delta));
        else if (boundary)
            delta = TRON_SIGMA3 * delta;
        else
            delta = fmax(delta, fmin(alpha * snorm, TRON_SIGMA3 * delta));
        if (actred > TRON_ETA0 * prered) {
            gsl_vector_memcpy(w, t.wn);
            gsl_vector_swap(t.g, t.gn);
            t.wk->cur = 1 - t.wk->cur;
            f = fnew;
            gnorm = gsl_blas_dnrm2(t.g);
            iter++;
            res->loss = f;
            if (opt->progress && opt->progress(opt->ctx, iter, f, gnorm)) {
                rc = err_set(e, STATUS_NUMERIC, "interrupted at iteration "
                             "%zu", iter);
                goto out;
            }
            tron_precond(&t);
        }
        if (f < -1.0e32)
            break;
        if (fabs(actred) <= 1e-12 * fabs(f) && fabs(prered) <= 1e-12 * fabs(f))
        {
            /* no change the loss can show: as good as it gets */
            res->stalled = gnorm > tol;
            break;
        }
        if (!(delta > 0.0)) {
            res->stalled = 1;
            break;
        }
    }
    res->converged = gnorm <= tol;
    res->gnorm = gnorm;
out:
    res->iters = iter;
    res->evaluations = n_eval;
    res->hessian_products = t.n_hv;
    logreg_work_free(t.wk);
    gsl_vector_free(t.g);
    gsl_vector_free(t.s);
    gsl_vector_free(t.r);
    gsl_vector_free(t.dir);
    gsl_vector_free(t.hd);
    gsl_vector_free(t.z);
    gsl_vector_free(t.mdiag);
    gsl_vector_free(t.wn);
    gsl_vector_free(t.gn);
    return rc;
}

int logreg_fit(struct logreg *m, const struct design *d,
               const struct fit_options *opt, struct fit_result *res,
               struct err *e)
{
    memset(res, 0, sizeof *res);
    if (m->slot)
        return err_set(e, STATUS_USAGE, "cannot fit a sparse model");
    if (m->dim != d->dim || m->n_classes != d->n_classes
        || m->dim * m->n_classes == 0)
        return err_set(e, STATUS_USAGE, "model and data dimensions differ");
    if (d->n_bags > 0 && (d->n_classes != 2 || d->pos_class > 1
                          || (d->pool == LOGREG_POOL_LSE
                              && !(d->pool_r > 0.0))))
        return err_set(e, STATUS_USAGE, "bags need two classes and a "
                       "positive pooling sharpness");
    /* pooled bags have no Hessian-vector product here: BFGS fits them */
    if (opt->solver == LOGREG_SOLVER_BFGS || d->n_bags > 0) {
        res->solver = LOGREG_SOLVER_BFGS;
        return fit_bfgs(m, d, opt, res, e);
    }
    res->solver = LOGREG_SOLVER_TRON;
    return fit_tron(m, d, opt, res, e);
}

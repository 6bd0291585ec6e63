/* logreg.c - multinomial logistic regression with L2, fitted by GSL's BFGS.
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
 * The dense columns go through CBLAS dgemm (OpenBLAS at link time); the
 * sparse blocks are looped over once per distinct block. */
#include "logreg/logreg.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_cblas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_multimin.h>

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
    return m;
}

struct logreg *logreg_alloc_sparse(size_t dim, size_t n_classes,
                                   size_t n_rows)
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
    m->w = calloc(n_rows > 0 && n_classes > 0 ? n_rows * n_classes : 1,
                  sizeof *m->w);
    m->slot = dim < UINT32_MAX && n_rows <= UINT32_MAX
              ? calloc((size_t)1 << bits, sizeof *m->slot) : NULL;
    if (!m->w || !m->slot) {
        logreg_free(m);
        return NULL;
    }
    return m;
}

int logreg_set_row(struct logreg *m, size_t j, size_t r)
{
    size_t mask = ((size_t)1 << m->slot_bits) - 1, h;
    uint64_t v = ((uint64_t)j + 1) << 32 | (uint64_t)r;

    if (!m->slot || j >= m->dim || r >= m->n_rows)
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

int logreg_index_rows(struct logreg *m, const uint32_t *input_of,
                      uint32_t *scratch)
{
    /* a counting sort of the rows by the top bits of their home slots */
    unsigned shift = m->slot_bits > 12 ? m->slot_bits - 12 : 0;
    size_t count[4097] = { 0 };

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
    double *s;                  /* n_rows x k: scores, then residuals */
    double *bs;                 /* n_blocks x k: block scores/residuals */
    double *row_loss;           /* n_rows */
    /* the blocks transposed, column by column, so the gradient is a pass
     * over columns that threads can split without sharing writes */
    size_t *col_start;          /* dim + 1 */
    uint32_t *col_block;
    double *col_val;
    /* per-call state for the parallel slices */
    const double *w;
    double *g;
};

struct logreg_work *logreg_work_alloc(const struct design *d, size_t threads)
{
    struct logreg_work *wk = calloc(1, sizeof *wk);
    size_t k = d->n_classes, nnz = 0;

    if (!wk)
        return NULL;
    wk->d = d;
    wk->threads = threads ? threads : 1;
    for (size_t b = 0; b < d->n_blocks; b++)
        nnz += d->blocks[b].n;
    wk->s = malloc((d->n_rows * k + 1) * sizeof *wk->s);
    wk->bs = malloc((d->n_blocks * k + 1) * sizeof *wk->bs);
    wk->row_loss = malloc((d->n_rows + 1) * sizeof *wk->row_loss);
    wk->col_start = calloc(d->dim + 1, sizeof *wk->col_start);
    wk->col_block = malloc((nnz + 1) * sizeof *wk->col_block);
    wk->col_val = malloc((nnz + 1) * sizeof *wk->col_val);
    if (!wk->s || !wk->bs || !wk->row_loss || !wk->col_start
        || !wk->col_block || !wk->col_val) {
        logreg_work_free(wk);
        return NULL;
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
    return wk;
}

void logreg_work_free(struct logreg_work *wk)
{
    if (!wk)
        return;
    free(wk->s);
    free(wk->bs);
    free(wk->row_loss);
    free(wk->col_start);
    free(wk->col_block);
    free(wk->col_val);
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
        sparse_scores(&wk->d->blocks[b], wk->w, k, wk->bs + b * k);
    return 0;
}

/* Add row i's blocks' scores to its scores. */
static void row_add_blocks(struct logreg_work *wk, size_t i)
{
    const struct design *d = wk->d;
    size_t k = d->n_classes;
    double *si = wk->s + i * k;

    for (size_t r = 0; r < d->n_per_row; r++) {
        size_t b = d->row_block[i * d->n_per_row + r];
        if (b == SIZE_MAX)
            continue;
        for (size_t c = 0; c < k; c++)
            si[c] += wk->bs[b * k + c];
    }
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
        for (size_t i = lo; i < hi; i++) {
            row_add_blocks(wk, i);
            wk->row_loss[i] = 0.0;
        }
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

/* Each row: add its blocks' scores, softmax, loss; with a gradient, turn
 * the scores into residuals R_i = c_i (p_i - e_{y_i}). */
static int row_slice(void *p, size_t begin, size_t end)
{
    struct logreg_work *wk = p;
    const struct design *d = wk->d;
    size_t k = d->n_classes;

    for (size_t i = begin; i < end; i++) {
        double *si = wk->s + i * k, c_i = d->weight[i], sy, lse;
        row_add_blocks(wk, i);
        sy = si[d->y[i]];
        lse = logreg_softmax(si, k);        /* si now holds p_i */
        wk->row_loss[i] = c_i * (lse - sy);
        if (wk->g) {
            for (size_t c = 0; c < k; c++)
                si[c] *= c_i;
            si[d->y[i]] -= c_i;             /* si now holds R_i */
        }
    }
    return 0;
}

static int col_slice(void *p, size_t begin, size_t end)
{
    struct logreg_work *wk = p;
    size_t k = wk->d->n_classes;

    for (size_t j = begin; j < end; j++) {
        double *gj = wk->g + j * k;
        for (size_t t = wk->col_start[j]; t < wk->col_start[j + 1]; t++) {
            const double *rb = wk->bs + (size_t)wk->col_block[t] * k;
            double v = wk->col_val[t];
            for (size_t c = 0; c < k; c++)
                gj[c] += v * rb[c];
        }
    }
    return 0;
}

double logreg_objective(struct logreg_work *wk, double l2, const double *w,
                        double *g)
{
    const struct design *d = wk->d;
    size_t n = d->n_rows, k = d->n_classes, f = d->n_dense;
    double *s = wk->s, *bs = wk->bs;
    double loss = 0.0, wsum = 0.0, reg = 0.0;

    wk->w = w;
    wk->g = g;
    /* scores: bias, then dense part by dgemm, then shared sparse blocks */
    for (size_t i = 0; i < n; i++)
        memcpy(s + i * k, w, k * sizeof *s);
    if (f > 0 && n > 0)
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)n, (int)k,
                    (int)f, 1.0, d->dense, (int)f, w + k, (int)k, 1.0, s,
                    (int)k);
    parallel_for(d->n_blocks, wk->threads, block_slice, wk);
    if (d->n_bags > 0) {
        parallel_for(d->n_bags, wk->threads, bag_slice, wk);
        for (size_t i = 0; i < n; i++)
            loss += wk->row_loss[i];
        for (size_t b = 0; b < d->n_bags; b++)
            wsum += d->bag_weight[b];
    } else {
        parallel_for(n, wk->threads, row_slice, wk);
        for (size_t i = 0; i < n; i++) {
            loss += wk->row_loss[i];
            wsum += d->weight[i];
        }
    }
    if (wsum <= 0.0)
        wsum = 1.0;
    reg = cblas_ddot((int)((d->dim - 1) * k), w + k, 1, w + k, 1);
    loss = loss / wsum + 0.5 * l2 * reg;
    if (!g)
        return loss;

    memset(g, 0, d->dim * k * sizeof *g);
    for (size_t i = 0; i < n; i++)
        for (size_t c = 0; c < k; c++)
            g[c] += s[i * k + c];
    if (f > 0 && n > 0)
        cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, (int)f, (int)k,
                    (int)n, 1.0, d->dense, (int)f, s, (int)k, 0.0, g + k,
                    (int)k);
    /* sum the residuals of the rows sharing each block, then one pass over
     * the columns of the blocks */
    memset(bs, 0, d->n_blocks * k * sizeof *bs);
    for (size_t i = 0; i < n; i++)
        for (size_t r = 0; r < d->n_per_row; r++) {
            size_t b = d->row_block[i * d->n_per_row + r];
            if (b == SIZE_MAX)
                continue;
            for (size_t c = 0; c < k; c++)
                bs[b * k + c] += s[i * k + c];
        }
    parallel_for(d->dim, wk->threads, col_slice, wk);
    cblas_dscal((int)(d->dim * k), 1.0 / wsum, g, 1);
    cblas_daxpy((int)((d->dim - 1) * k), l2, w + k, 1, g + k, 1);
    return loss;
}

struct fit_ctx {
    struct logreg_work *wk;
    double l2;
    int bad;                    /* a non-finite value was seen */
};

static double fit_f(const gsl_vector *x, void *p)
{
    struct fit_ctx *c = p;
    double v = logreg_objective(c->wk, c->l2, x->data, NULL);
    if (!isfinite(v))
        c->bad = 1;
    return v;
}

static void fit_fdf(const gsl_vector *x, void *p, double *f, gsl_vector *g)
{
    struct fit_ctx *c = p;
    *f = logreg_objective(c->wk, c->l2, x->data, g->data);
    if (!isfinite(*f))
        c->bad = 1;
}

static void fit_df(const gsl_vector *x, void *p, gsl_vector *g)
{
    double f;
    fit_fdf(x, p, &f, g);
}

int logreg_fit(struct logreg *m, const struct design *d,
               const struct fit_options *opt, struct fit_result *res,
               struct err *e)
{
    size_t n = m->dim * m->n_classes, iter = 0;
    struct fit_ctx ctx = { NULL, opt->l2, 0 };
    gsl_multimin_function_fdf fn;
    gsl_multimin_fdfminimizer *mz = NULL;
    gsl_vector_view x0 = gsl_vector_view_array(m->w, n);
    double g0 = 0.0, gn = 0.0;
    int rc = 0, status = GSL_CONTINUE, restarts = 0;

    memset(res, 0, sizeof *res);
    if (m->slot)
        return err_set(e, STATUS_USAGE, "cannot fit a sparse model");
    if (m->dim != d->dim || m->n_classes != d->n_classes || n == 0)
        return err_set(e, STATUS_USAGE, "model and data dimensions differ");
    if (d->n_bags > 0 && (d->n_classes != 2 || d->pos_class > 1
                          || (d->pool == LOGREG_POOL_LSE
                              && !(d->pool_r > 0.0))))
        return err_set(e, STATUS_USAGE, "bags need two classes and a "
                       "positive pooling sharpness");
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
    logreg_work_free(ctx.wk);
    return rc;
}

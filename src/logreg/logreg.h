/* logreg.h - multinomial logistic regression with L2, fitted by a
 * trust-region Newton method (or GSL's BFGS).  Knows vectors and labels,
 * never text. */
#ifndef LOGREG_LOGREG_H
#define LOGREG_LOGREG_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "features/svec.h"

/* Weights W: dim rows (input 0 is the bias) by n_classes columns,
 * row-major, so the scores of x are s_k = sum_j x_j W[j * n_classes + k].
 * A sparse model stores only n_rows rows and finds the stored row of input
 * j in an open-addressing table of about 4/3 to 8/3 n_rows slots,
 * (j + 1) << 32 | row each (0: empty); an input not in it has a row of
 * zeros.  Hashed models use few of their 2^20 rows, and a loaded model
 * should touch nothing in proportion to the hash space (a table indexed by
 * j was 4 MB to fill per model, per check).  The table is one of two kinds:
 *  - ordered (n_slots > 0), which logreg_index_rows() builds from rows
 *    sorted by input: input j's home slot logreg_home() grows with j (j
 *    itself below LOGREG_DIRECT, the bias and dense inputs; above, j
 *    scaled into the slots, hashed inputs being spread evenly), so the
 *    table is filled in one pass in input order, the slots hold their
 *    inputs in order, a lookup stops at the first larger one, and the
 *    sorted indices of a vector are looked up in one forward sweep;
 *  - hashed (Fibonacci hashing, linear probing over 1 << slot_bits slots,
 *    3/4 full at most), for rows set one by one (logreg_set_row()) and for
 *    inputs that crowd together (no ordered slot more than LOGREG_MAX_RUN
 *    past its home: a lookup never scans further). */
#define LOGREG_DIRECT 256
#define LOGREG_MAX_RUN 64

struct logreg {
    size_t dim;
    size_t n_classes;
    double *w;                  /* dense: dim rows; sparse: n_rows rows */
    uint64_t *slot;             /* NULL for a dense model */
    unsigned slot_bits;         /* hashed: 1 << slot_bits slots */
    size_t n_slots;             /* ordered: its slots; 0: hashed */
    uint64_t scale;             /* ordered: 2^32 x slots per input */
    size_t n_rows;
    size_t n_set;               /* rows assigned so far */
    int w_borrowed;             /* w is the caller's: not freed here */
};

/* A zero model, or NULL when out of memory. */
struct logreg *logreg_alloc(size_t dim, size_t n_classes);

/* A sparse model with room for n_rows stored rows, none yet assigned;
 * NULL when out of memory. */
struct logreg *logreg_alloc_sparse(size_t dim, size_t n_classes,
                                   size_t n_rows);
void logreg_free(struct logreg *m);

/* logreg_alloc_sparse() over the caller's n_rows x n_classes weights w,
 * which it keeps a reference to and never frees (a model file's text the
 * weights were decoded into); NULL when out of memory. */
struct logreg *logreg_alloc_sparse_on(size_t dim, size_t n_classes,
                                      size_t n_rows, double *w);

/* Store input j's weights in row r (< n_rows) of a sparse model, replacing
 * any row j had (an ordered table becomes a hashed one first).  Returns 0,
 * or -1 when j >= dim, r >= n_rows, n_rows inputs already have rows or
 * memory ran out. */
int logreg_set_row(struct logreg *m, size_t j, size_t r);

/* Index every stored row at once: row r holds input input_of[r], for r in
 * [0, n_rows), the inputs distinct.  Inputs in increasing order (a model
 * file's) make an ordered table in one pass; others a hashed one, the
 * rows placed in the order of their slots, so building it walks it once
 * instead of touching a random cache line per row (80 ns a row).  scratch
 * holds n_rows entries.  Returns 0, or -1 for an input twice or beyond
 * dim, or no memory. */
int logreg_index_rows(struct logreg *m, const uint32_t *input_of,
                      uint32_t *scratch);

/* The slot of the hashed table where input j is or would go. */
static inline size_t logreg_slot_of(const struct logreg *m, size_t j)
{
    /* Fibonacci hashing: the top bits of j times 2^64 / phi */
    return (size_t)(((uint64_t)j * 0x9E3779B97F4A7C15u)
                    >> (64 - m->slot_bits));
}

/* The home slot of input j (< dim) in an ordered table: never less than
 * that of a smaller input. */
static inline size_t logreg_home(const struct logreg *m, size_t j)
{
    if (j < LOGREG_DIRECT)
        return j;
    return LOGREG_DIRECT
           + (size_t)(((uint64_t)(j - LOGREG_DIRECT) * m->scale) >> 32);
}

/* The weights of input j (n_classes of them), or NULL when they are all
 * zero in a sparse model or j >= dim. */
static inline const double *logreg_row(const struct logreg *m, size_t j)
{
    uint64_t key = (uint64_t)j + 1;
    size_t mask, h;

    if (j >= m->dim)
        return NULL;
    if (!m->slot)
        return m->w + j * m->n_classes;
    if (m->n_slots) {
        /* the last slot is always empty, and keys grow along the table */
        for (h = logreg_home(m, j);; h++) {
            uint64_t v = m->slot[h];
            if ((v >> 32) == key)
                return m->w + (size_t)(uint32_t)v * m->n_classes;
            if ((v >> 32) > key || v == 0)
                return NULL;
        }
    }
    mask = ((size_t)1 << m->slot_bits) - 1;
    for (h = logreg_slot_of(m, j);; h = (h + 1) & mask) {
        uint64_t v = m->slot[h];
        if (v == 0)
            return NULL;
        if ((v >> 32) == key)
            return m->w + (size_t)(uint32_t)v * m->n_classes;
    }
}

/* Class scores of x into s[n_classes].  Indices of x at or beyond dim are
 * ignored (they carry no weight). */
void logreg_scores(const struct logreg *m, const struct svec *x, double *s);

/* Softmax of the scores into p[n_classes]; returns the argmax. */
size_t logreg_predict(const struct logreg *m, const struct svec *x,
                      double *p);

/* In-place softmax of s[0..k); returns log(sum exp s) for the loss. */
double logreg_softmax(double *s, size_t k);

/* How a bag's instance probabilities pool into the bag's (multiple-instance
 * learning: a bag is positive when at least one instance is). */
enum logreg_pool {
    LOGREG_POOL_NOISY_OR,       /* P = 1 - prod_i (1 - p_i) */
    LOGREG_POOL_LSE             /* P = sigmoid((1/r) log mean_i e^{r z_i}) */
};

/* Training data for the fit, shaped for speed: every row is
 *   bias + dense[row] (inputs 1..n_dense) + the sparse blocks it names.
 * Blocks are shared: a block's share of the scores is computed once per
 * distinct block per evaluation (FNC-1: 1,683 bodies for 49,972 rows). */
struct design {
    size_t n_rows;
    size_t n_classes;
    size_t dim;                 /* inputs, >= 1 + n_dense */
    size_t n_dense;
    /* The dense inputs: n_rows x n_dense, row-major, or, when
     * dense_start is not NULL (dense unused), row-compressed (most are
     * zero: a bag's million statement rows were 600 MB as full rows):
     * row i's nonzeros are dense_col[t], dense_val[t] for t in
     * dense_start[i] .. dense_start[i + 1] - 1, columns (0..n_dense-1)
     * increasing within a row.  The fit gives the same weights to the
     * bit from either form. */
    double *dense;
    size_t *dense_start;        /* n_rows + 1 */
    uint32_t *dense_col;
    double *dense_val;
    struct svec *blocks;        /* sorted indices in [1 + n_dense, dim) */
    size_t n_blocks;
    size_t n_per_row;
    size_t *row_block;          /* n_rows x n_per_row; SIZE_MAX: no block */
    int *y;                     /* class of each row, 0..n_classes-1 */
    double *weight;             /* > 0: class weight of each row */
    /* Multiple instances (n_bags > 0; needs n_classes == 2): the rows
     * bag_start[b] .. bag_start[b + 1] - 1 are the instances of bag b, and
     * the loss is the weighted cross-entropy of each bag's pooled
     * probability of class pos_class against bag_pos[b]; y and weight of
     * the rows are then unused. */
    size_t n_bags;
    size_t *bag_start;          /* n_bags + 1, increasing, last n_rows */
    unsigned char *bag_pos;     /* 1: the bag is positive */
    double *bag_weight;         /* > 0 */
    size_t pos_class;
    enum logreg_pool pool;
    double pool_r;              /* LSE sharpness, > 0 */
};

/* The minimiser: TRON (trust-region Newton with preconditioned conjugate
 * gradients, Hessian-vector products through the shared blocks) for
 * single rows, BFGS (gsl_multimin's vector_bfgs2) on request and always
 * for bags, whose pooled loss has no Hessian product here. */
enum logreg_solver {
    LOGREG_SOLVER_TRON,
    LOGREG_SOLVER_BFGS
};

struct fit_options {
    double l2;                  /* lambda in (lambda/2)||W||^2, bias free */
    size_t max_iter;
    double tol;                 /* stop when |g| <= tol * max(1, |g0|) */
    size_t threads;             /* for the sparse passes */
    /* Called after each iteration; a nonzero return stops the fit with
     * STATUS_NUMERIC ("interrupted").  May be NULL. */
    int (*progress)(void *ctx, size_t iter, double loss, double gnorm);
    void *ctx;
    enum logreg_solver solver;  /* 0: TRON */
};

struct fit_result {
    size_t iters;
    double loss;
    double gnorm;
    int converged;              /* the gradient test passed */
    int stalled;                /* the line search made no progress */
    enum logreg_solver solver;  /* the one that ran */
    size_t evaluations;         /* of the loss (with or without gradient) */
    size_t hessian_products;    /* TRON's conjugate-gradient steps */
};

/* Minimise the weighted mean cross-entropy plus (l2/2)||W without bias||^2
 * over d, starting from m's weights, with opt->solver (iterations: TRON's
 * accepted Newton steps, or BFGS's line searches).  m must have d->dim
 * rows and d->n_classes columns.  The result depends on neither
 * opt->threads nor timing: every parallel sum is split the same way
 * whatever the thread count (BLAS: one OpenBLAS thread for bit-identical
 * runs).  Returns 0, or STATUS_NOMEM / STATUS_NUMERIC with e set; m then
 * holds the last iterate. */
int logreg_fit(struct logreg *m, const struct design *d,
               const struct fit_options *opt, struct fit_result *res,
               struct err *e);

/* Working memory for evaluating the objective on d (which it keeps a
 * reference to): scores, residuals and a column-major copy of the blocks.
 * NULL when out of memory. */
struct logreg_work;
struct logreg_work *logreg_work_alloc(const struct design *d, size_t threads);
void logreg_work_free(struct logreg_work *wk);

/* The objective at w (dim x n_classes) and, when g is not NULL, its
 * gradient into g.  Allocates nothing. */
double logreg_objective(struct logreg_work *wk, double l2, const double *w,
                        double *g);

/* hv = H v, the Hessian of the objective at the last w that
 * logreg_objective() was given with a gradient, times v (dim x n_classes).
 * Allocates nothing.  Returns 0, or -1 for a design with bags. */
int logreg_hessian_vec(struct logreg_work *wk, double l2, const double *v,
                       double *hv);

#endif

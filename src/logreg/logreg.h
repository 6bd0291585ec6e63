/* logreg.h - multinomial logistic regression with L2, fitted by GSL's BFGS.
 * Knows vectors and labels, never text. */
#ifndef LOGREG_LOGREG_H
#define LOGREG_LOGREG_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "features/svec.h"

/* Weights W: dim rows (input 0 is the bias) by n_classes columns,
 * row-major, so the scores of x are s_k = sum_j x_j W[j * n_classes + k].
 * A sparse model stores only n_rows rows; row_of[j] is the stored row of
 * input j, or UINT32_MAX for a row of zeros.  Hashed models use few of
 * their 2^20 rows, and a loaded model should not touch 33 MB of zeros. */
struct logreg {
    size_t dim;
    size_t n_classes;
    double *w;                  /* dense: dim rows; sparse: n_rows rows */
    uint32_t *row_of;           /* NULL for a dense model */
    size_t n_rows;
};

/* A zero model, or NULL when out of memory. */
struct logreg *logreg_alloc(size_t dim, size_t n_classes);

/* A sparse model with room for n_rows stored rows, none yet assigned
 * (row_of all UINT32_MAX); NULL when out of memory. */
struct logreg *logreg_alloc_sparse(size_t dim, size_t n_classes,
                                   size_t n_rows);
void logreg_free(struct logreg *m);

/* The weights of input j (n_classes of them), or NULL when they are all
 * zero in a sparse model or j >= dim. */
static inline const double *logreg_row(const struct logreg *m, size_t j)
{
    if (j >= m->dim)
        return NULL;
    if (!m->row_of)
        return m->w + j * m->n_classes;
    return m->row_of[j] == UINT32_MAX ? NULL
                                      : m->w + (size_t)m->row_of[j]
                                               * m->n_classes;
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
    double *dense;              /* n_rows x n_dense, row-major */
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

struct fit_options {
    double l2;                  /* lambda in (lambda/2)||W||^2, bias free */
    size_t max_iter;
    double tol;                 /* stop when |g| <= tol * max(1, |g0|) */
    size_t threads;             /* for the sparse passes */
    /* Called after each iteration; a nonzero return stops the fit with
     * STATUS_NUMERIC ("interrupted").  May be NULL. */
    int (*progress)(void *ctx, size_t iter, double loss, double gnorm);
    void *ctx;
};

struct fit_result {
    size_t iters;
    double loss;
    double gnorm;
    int converged;              /* the gradient test passed */
    int stalled;                /* the line search made no progress */
};

/* Minimise the weighted mean cross-entropy plus (l2/2)||W without bias||^2
 * over d, starting from m's weights, with gsl_multimin's vector_bfgs2.
 * m must have d->dim rows and d->n_classes columns.  Returns 0, or
 * STATUS_NOMEM / STATUS_NUMERIC with e set; m then holds the last iterate. */
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

#endif

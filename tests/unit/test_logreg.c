/* test_logreg.c - the fitted optimum against an independent Newton solve. */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>

#include "t.h"
#include "logreg/logreg.h"

#define N 90
#define F 3
#define K 3
#define NB 6
#define DIM (1 + F + 8)

struct problem {
    struct design d;
    struct svec blocks[NB];
    double dense[N * F];
    size_t row_block[N * 2];
    int y[N];
    double weight[N];
    double x[N][DIM];           /* the same rows, expanded densely */
};

/* A small, reproducible problem with shared sparse blocks and dense
 * columns; labels drawn from a known model, so the optimum is interior. */
static void make_problem(struct problem *p)
{
    unsigned long r = 12345;
    memset(p, 0, sizeof *p);
    for (int b = 0; b < NB; b++) {
        svec_init(&p->blocks[b]);
        for (uint32_t j = 1 + F; j < DIM; j++) {
            r = r * 6364136223846793005ul + 1442695040888963407ul;
            if ((r >> 33) % 3 == 0)
                svec_push(&p->blocks[b], j, 0.25 + (double)((r >> 40) % 7)
                          / 4.0);
        }
    }
    for (int i = 0; i < N; i++) {
        double s[K] = { 0.3, -0.2, 0.0 };
        p->x[i][0] = 1.0;
        for (int f = 0; f < F; f++) {
            r = r * 6364136223846793005ul + 1442695040888963407ul;
            p->dense[i * F + f] = (r >> 52) % 3 == 0 ? 0.0
                                  : (double)((r >> 33) % 1000) / 500.0 - 1.0;
            p->x[i][1 + f] = p->dense[i * F + f];
        }
        p->row_block[i * 2] = (size_t)(i % NB);
        p->row_block[i * 2 + 1] = i % 4 == 0 ? SIZE_MAX
                                             : (size_t)((i * 7 + 3) % NB);
        for (int q = 0; q < 2; q++) {
            size_t b = p->row_block[i * 2 + q];
            if (b == SIZE_MAX)
                continue;
            for (size_t t = 0; t < p->blocks[b].n; t++)
                p->x[i][p->blocks[b].idx[t]] += p->blocks[b].val[t];
        }
        s[0] += 2.385 * p->x[i][1] + p->x[i][5];
        s[1] += -1.5 * p->x[i][2] + 0.7 * p->x[i][6];
        s[2] += p->x[i][3];
        r = r * 6364136223846793005ul + 1442695040888963407ul;
        {
            double u = (double)((r >> 33) % 10000) / 10000.0, z = 0, c = 0;
            int y = 0;
            for (int k = 0; k < K; k++)
                z += exp(s[k]);
            for (int k = 0; k < K; k++) {
                c += exp(s[k]) / z;
                if (u > c)
                    y = k + 1;
            }
            p->y[i] = y < K ? y : K - 1;
        }
        p->weight[i] = p->y[i] == 2 ? 1.7 : 1.0;
    }
    p->d.n_rows = N;
    p->d.n_classes = K;
    p->d.dim = DIM;
    p->d.n_dense = F;
    p->d.dense = p->dense;
    p->d.blocks = p->blocks;
    p->d.n_blocks = NB;
    p->d.n_per_row = 2;
    p->d.row_block = p->row_block;
    p->d.y = p->y;
    p->d.weight = p->weight;
}

static void free_problem(struct problem *p)
{
    for (int b = 0; b < NB; b++)
        svec_clear(&p->blocks[b]);
}

/* Newton's method on the dense expansion, with GSL's SVD for the solve:
 * the Hessian is singular along the shift of all biases together, and the
 * SVD gives the least-norm step. */
static void newton(const struct problem *p, double l2, double *w)
{
    size_t n = DIM * K;
    gsl_matrix *h = gsl_matrix_alloc(n, n), *v = gsl_matrix_alloc(n, n);
    gsl_vector *g = gsl_vector_alloc(n), *sv = gsl_vector_alloc(n),
               *work = gsl_vector_alloc(n), *step = gsl_vector_alloc(n);
    double wsum = 0;

    for (int i = 0; i < N; i++)
        wsum += p->weight[i];
    memset(w, 0, n * sizeof *w);
    for (int it = 0; it < 60; it++) {
        gsl_matrix_set_zero(h);
        gsl_vector_set_zero(g);
        for (int i = 0; i < N; i++) {
            double s[K], z = 0, pr[K], c = p->weight[i] / wsum;
            for (int k = 0; k < K; k++) {
                s[k] = 0;
                for (int j = 0; j < DIM; j++)
                    s[k] += p->x[i][j] * w[j * K + k];
            }
            for (int k = 0; k < K; k++)
                z += exp(s[k]);
            for (int k = 0; k < K; k++)
                pr[k] = exp(s[k]) / z;
            for (int j = 0; j < DIM; j++)
                for (int k = 0; k < K; k++) {
                    size_t a = (size_t)(j * K + k);
                    *gsl_vector_ptr(g, a) += c * p->x[i][j]
                                             * (pr[k] - (p->y[i] == k));
                    for (int j2 = 0; j2 < DIM; j2++)
                        for (int k2 = 0; k2 < K; k2++)
                            *gsl_matrix_ptr(h, a, (size_t)(j2 * K + k2)) +=
                                c * p->x[i][j] * p->x[i][j2]
                                * pr[k] * ((k == k2) - pr[k2]);
                }
        }
        for (size_t a = K; a < n; a++) {
            *gsl_vector_ptr(g, a) += l2 * w[a];
            *gsl_matrix_ptr(h, a, a) += l2;
        }
        assert_int_equal(gsl_linalg_SV_decomp(h, v, sv, work), GSL_SUCCESS);
        /* drop the null direction of the bias gauge */
        for (size_t a = 0; a < n; a++)
            if (gsl_vector_get(sv, a) < 1e-12 * gsl_vector_get(sv, 0))
                gsl_vector_set(sv, a, 0.0);
        assert_int_equal(gsl_linalg_SV_solve(h, v, sv, g, step),
                         GSL_SUCCESS);
        for (size_t a = 0; a < n; a++)
            w[a] -= gsl_vector_get(step, a);
    }
    gsl_matrix_free(h);
    gsl_matrix_free(v);
    gsl_vector_free(g);
    gsl_vector_free(sv);
    gsl_vector_free(work);
    gsl_vector_free(step);
}

static void probs_of(const struct problem *p, const double *w, int i,
                     double *pr)
{
    for (int k = 0; k < K; k++) {
        pr[k] = 0;
        for (int j = 0; j < DIM; j++)
            pr[k] += p->x[i][j] * w[j * K + k];
    }
    logreg_softmax(pr, K);
}

/* Each solver's optimum against the Newton solve, within tol (BFGS's
 * line searches leave the biases less exact). */
static void matches_newton(enum logreg_solver solver, double tol)
{
    struct problem *p = malloc(sizeof *p);
    struct logreg *m = logreg_alloc(DIM, K);
    struct fit_options opt = { 0.05, 10000, 1e-7, 1, NULL, NULL, solver };
    struct fit_result res;
    struct err e = { 0 };
    double wn[DIM * K];

    make_problem(p);
    assert_int_equal(logreg_fit(m, &p->d, &opt, &res, &e), 0);
    assert_true(res.converged);
    assert_int_equal(res.solver, solver);
    if (solver == LOGREG_SOLVER_TRON)
        assert_true(res.hessian_products > 0);
    newton(p, 0.05, wn);
    /* the regularised weights are unique */
    for (size_t a = K; a < DIM * K; a++)
        assert_near(m->w[a], wn[a], tol);
    /* the biases up to a common shift */
    for (int k = 1; k < K; k++)
        assert_near(m->w[k] - m->w[0], wn[k] - wn[0], tol);
    for (int i = 0; i < N; i++) {
        double p1[K], p2[K];
        probs_of(p, m->w, i, p1);
        probs_of(p, wn, i, p2);
        for (int k = 0; k < K; k++)
            assert_near(p1[k], p2[k], tol);
    }
    logreg_free(m);
    free_problem(p);
    free(p);
}

static void test_matches_newton(void **state)
{
    (void)state;
    matches_newton(LOGREG_SOLVER_TRON, 1e-7);
}

static void test_bfgs_matches_newton(void **state)
{
    (void)state;
    matches_newton(LOGREG_SOLVER_BFGS, 1e-5);
}

/* TRON and BFGS reach the same optimum, to the tolerance asked. */
static void test_solvers_agree(void **state)
{
    struct problem *p = malloc(sizeof *p);
    struct logreg *a = logreg_alloc(DIM, K), *b = logreg_alloc(DIM, K);
    struct fit_options opt = { 0.02, 10000, 1e-7, 1, NULL, NULL,
                               LOGREG_SOLVER_TRON };
    struct fit_result ra, rb;
    struct err e = { 0 };

    (void)state;
    make_problem(p);
    assert_int_equal(logreg_fit(a, &p->d, &opt, &ra, &e), 0);
    opt.solver = LOGREG_SOLVER_BFGS;
    assert_int_equal(logreg_fit(b, &p->d, &opt, &rb, &e), 0);
    assert_true(ra.converged && rb.converged);
    assert_near(ra.loss, rb.loss, 1e-11);
    for (size_t t = K; t < DIM * K; t++)
        assert_near(a->w[t], b->w[t], 1e-5);
    /* Newton converges in far fewer iterations than BFGS here */
    assert_true(ra.iters < rb.iters);
    logreg_free(a);
    logreg_free(b);
    free_problem(p);
    free(p);
}

/* The same fit twice, on one thread and on three: the same bits. */
static void test_fit_reproducible(void **state)
{
    struct problem *p = malloc(sizeof *p);
    struct logreg *a = logreg_alloc(DIM, K), *b = logreg_alloc(DIM, K);
    struct fit_options opt = { 0.01, 10000, 1e-8, 1, NULL, NULL,
                               LOGREG_SOLVER_TRON };
    struct fit_result ra, rb;
    struct err e = { 0 };

    (void)state;
    make_problem(p);
    assert_int_equal(logreg_fit(a, &p->d, &opt, &ra, &e), 0);
    opt.threads = 3;
    assert_int_equal(logreg_fit(b, &p->d, &opt, &rb, &e), 0);
    assert_int_equal(ra.iters, rb.iters);
    assert_int_equal(ra.hessian_products, rb.hessian_products);
    assert_memory_equal(a->w, b->w, DIM * K * sizeof *a->w);
    logreg_free(a);
    logreg_free(b);
    free_problem(p);
    free(p);
}

/* The objective straight from the dense expansion x. */
static double dense_objective(const struct problem *p, double l2,
                              const double *w)
{
    double loss = 0, wsum = 0, reg = 0;

    for (int i = 0; i < N; i++) {
        double pr[K];
        probs_of(p, w, i, pr);
        loss -= p->weight[i] * log(pr[p->y[i]]);
        wsum += p->weight[i];
    }
    for (size_t a = K; a < DIM * K; a++)
        reg += w[a] * w[a];
    return loss / wsum + 0.5 * l2 * reg;
}

/* The ways the work lays the blocks out give one objective: an empty
 * block (left out of the passes), one slice per thread (the same bits on
 * 1 and 3 threads), and a block whose indices do not increase (the pass
 * by blocks instead of by columns: the same values to rounding). */
static void test_block_layouts(void **state)
{
    struct problem *p = malloc(sizeof *p);
    struct logreg_work *w1, *w3, *wr;
    double w[DIM * K], g1[DIM * K], g3[DIM * K], gr[DIM * K],
           h1[DIM * K], h3[DIM * K], hr[DIM * K], f1, f3, fr, l2 = 0.03;
    size_t big = 0;

    (void)state;
    make_problem(p);
    /* block 4 empty: the rows naming it keep their other block only */
    for (int i = 0; i < N; i++)
        for (int q = 0; q < 2; q++)
            if (p->row_block[i * 2 + q] == 4)
                for (size_t t = 0; t < p->blocks[4].n; t++)
                    p->x[i][p->blocks[4].idx[t]] -= p->blocks[4].val[t];
    p->blocks[4].n = 0;
    for (size_t a = 0; a < DIM * K; a++)
        w[a] = 0.2 * sin(1.3 * (double)a + 2.385);
    w1 = logreg_work_alloc(&p->d, 1);
    w3 = logreg_work_alloc(&p->d, 3);
    assert_non_null(w1);
    assert_non_null(w3);
    f1 = logreg_objective(w1, l2, w, g1);
    f3 = logreg_objective(w3, l2, w, g3);
    assert_near(f1, dense_objective(p, l2, w), 1e-12);
    assert_memory_equal(&f1, &f3, sizeof f1);
    assert_memory_equal(g1, g3, sizeof g1);
    assert_int_equal(logreg_hessian_vec(w1, l2, g1, h1), 0);
    assert_int_equal(logreg_hessian_vec(w3, l2, g1, h3), 0);
    assert_memory_equal(h1, h3, sizeof h1);
    /* the longest block backwards */
    for (size_t b = 1; b < NB; b++)
        if (p->blocks[b].n > p->blocks[big].n)
            big = b;
    assert_true(p->blocks[big].n >= 2);
    for (size_t t = 0, u = p->blocks[big].n - 1; t < u; t++, u--) {
        uint32_t j = p->blocks[big].idx[t];
        double v = p->blocks[big].val[t];
        p->blocks[big].idx[t] = p->blocks[big].idx[u];
        p->blocks[big].val[t] = p->blocks[big].val[u];
        p->blocks[big].idx[u] = j;
        p->blocks[big].val[u] = v;
    }
    wr = logreg_work_alloc(&p->d, 2);
    assert_non_null(wr);
    fr = logreg_objective(wr, l2, w, gr);
    assert_near(fr, f1, 1e-13);
    for (size_t a = 0; a < DIM * K; a++)
        assert_near(gr[a], g1[a], 1e-13);
    assert_int_equal(logreg_hessian_vec(wr, l2, g1, hr), 0);
    for (size_t a = 0; a < DIM * K; a++)
        assert_near(hr[a], h1[a], 1e-13);
    logreg_work_free(w1);
    logreg_work_free(w3);
    logreg_work_free(wr);
    free_problem(p);
    free(p);
}

/* H v against central differences of the gradient, along several v, at
 * a point away from the optimum. */
static void test_hessian_vec(void **state)
{
    struct problem *p = malloc(sizeof *p);
    struct logreg_work *wk;
    double w[DIM * K], v[DIM * K], wp[DIM * K], gp[DIM * K], gm[DIM * K],
           hv[DIM * K], g[DIM * K], h = 1e-5, l2 = 0.03;

    (void)state;
    make_problem(p);
    wk = logreg_work_alloc(&p->d, 2);
    assert_non_null(wk);
    for (size_t a = 0; a < DIM * K; a++)
        w[a] = 0.2 * sin(2.385 * (double)a + 0.5);
    for (int trial = 0; trial < 4; trial++) {
        for (size_t a = 0; a < DIM * K; a++)
            v[a] = trial == 3 ? (a == 7) : cos(1.7 * (double)(a + 1)
                                               * (trial + 1));
        for (size_t a = 0; a < DIM * K; a++)
            wp[a] = w[a] + h * v[a];
        logreg_objective(wk, l2, wp, gp);
        for (size_t a = 0; a < DIM * K; a++)
            wp[a] = w[a] - h * v[a];
        logreg_objective(wk, l2, wp, gm);
        /* the Hessian is the one at the last point with a gradient */
        logreg_objective(wk, l2, w, g);
        assert_int_equal(logreg_hessian_vec(wk, l2, v, hv), 0);
        for (size_t a = 0; a < DIM * K; a++)
            assert_near(hv[a], (gp[a] - gm[a]) / (2 * h), 1e-7);
    }
    logreg_work_free(wk);
    free_problem(p);
    free(p);
}

static void test_gradient(void **state)
{
    struct problem *p = malloc(sizeof *p);
    struct logreg_work *wk;
    double w[DIM * K], g[DIM * K], h = 1e-6;

    (void)state;
    make_problem(p);
    wk = logreg_work_alloc(&p->d, 2);
    assert_non_null(wk);
    for (size_t a = 0; a < DIM * K; a++)
        w[a] = 0.1 * sin(2.385 * (double)a);
    logreg_objective(wk, 0.03, w, g);
    for (size_t a = 0; a < DIM * K; a++) {
        double save = w[a], fp, fm;
        w[a] = save + h;
        fp = logreg_objective(wk, 0.03, w, NULL);
        w[a] = save - h;
        fm = logreg_objective(wk, 0.03, w, NULL);
        w[a] = save;
        assert_near(g[a], (fp - fm) / (2 * h), 1e-7);
    }
    logreg_work_free(wk);
    free_problem(p);
    free(p);
}

/* The problem's rows as bags of uneven sizes (1 to 9 rows), two classes;
 * about a third of the bags positive. */
#define NBAG 16
static void make_bags(struct problem *p, size_t *start, unsigned char *pos,
                      double *bw)
{
    size_t at = 0, b = 0;

    while (at < N && b < NBAG - 1) {
        start[b] = at;
        at += 1 + (b * 5 + 3) % 9;
        if (at > N)
            at = N;
        b++;
    }
    start[b++] = at;
    start[b] = N;
    for (size_t i = 0; i < NBAG; i++) {
        pos[i] = i % 3 == 1;
        bw[i] = pos[i] ? 2.385 : 1.0;
    }
    p->d.n_classes = 2;
    p->d.n_bags = NBAG;
    p->d.bag_start = start;
    p->d.bag_pos = pos;
    p->d.bag_weight = bw;
    p->d.pos_class = 1;
}

/* The pooled objective's gradient against central differences, for both
 * poolings: the gradient goes through the pooling. */
static void test_bag_gradient(void **state)
{
    struct problem *p = malloc(sizeof *p);
    size_t start[NBAG + 1];
    unsigned char pos[NBAG];
    double bw[NBAG], w[DIM * 2], g[DIM * 2], h = 1e-6;

    (void)state;
    make_problem(p);
    make_bags(p, start, pos, bw);
    for (int pool = 0; pool < 3; pool++) {
        struct logreg_work *wk;
        p->d.pool = pool == 0 ? LOGREG_POOL_NOISY_OR : LOGREG_POOL_LSE;
        p->d.pool_r = pool == 1 ? 0.7 : 4.0;
        wk = logreg_work_alloc(&p->d, 2);
        assert_non_null(wk);
        for (size_t a = 0; a < DIM * 2; a++)
            w[a] = 0.3 * sin(2.385 * (double)a) - (a % 2 ? 0.5 : 0.0);
        logreg_objective(wk, 0.03, w, g);
        for (size_t a = 0; a < DIM * 2; a++) {
            double save = w[a], fp, fm;
            w[a] = save + h;
            fp = logreg_objective(wk, 0.03, w, NULL);
            w[a] = save - h;
            fm = logreg_objective(wk, 0.03, w, NULL);
            w[a] = save;
            assert_near(g[a], (fp - fm) / (2 * h), 1e-7);
        }
        logreg_work_free(wk);
    }
    free_problem(p);
    free(p);
}

/* A single-instance bag under noisy-OR is plain binary logistic loss:
 * the pooled loss of one-row bags equals the row loss with the same
 * weights. */
static void test_bag_single(void **state)
{
    struct problem *p = malloc(sizeof *p), *q = malloc(sizeof *q);
    size_t start[N + 1];
    unsigned char pos[N];
    double bw[N], w[DIM * 2], fb, fr;
    struct logreg_work *wb, *wr;

    (void)state;
    make_problem(p);
    make_problem(q);
    for (size_t i = 0; i < N; i++) {
        start[i] = i;
        pos[i] = p->y[i] == 1;
        bw[i] = pos[i] ? 2.385 : 1.0;
        q->y[i] = pos[i];
        q->weight[i] = bw[i];
    }
    start[N] = N;
    p->d.n_classes = q->d.n_classes = 2;
    p->d.n_bags = N;
    p->d.bag_start = start;
    p->d.bag_pos = pos;
    p->d.bag_weight = bw;
    p->d.pos_class = 1;
    p->d.pool = LOGREG_POOL_NOISY_OR;
    for (size_t a = 0; a < DIM * 2; a++)
        w[a] = 0.2 * cos(1.7 * (double)a);
    wb = logreg_work_alloc(&p->d, 1);
    wr = logreg_work_alloc(&q->d, 1);
    assert_non_null(wb);
    assert_non_null(wr);
    fb = logreg_objective(wb, 0.01, w, NULL);
    fr = logreg_objective(wr, 0.01, w, NULL);
    assert_near(fb, fr, 1e-12);
    logreg_work_free(wb);
    logreg_work_free(wr);
    free_problem(p);
    free_problem(q);
    free(p);
    free(q);
}

/* Fitting bags converges (by BFGS, whatever was asked: no Hessian
 * product for pooled bags); bags over three classes are refused. */
static void test_bag_fit(void **state)
{
    struct problem *p = malloc(sizeof *p);
    size_t start[NBAG + 1];
    unsigned char pos[NBAG];
    double bw[NBAG];
    struct logreg *m = logreg_alloc(DIM, 2);
    struct fit_options opt = { 0.01, 500, 1e-8, 1, NULL, NULL,
                               LOGREG_SOLVER_TRON };
    struct fit_result res;
    struct err e = { 0 };

    (void)state;
    make_problem(p);
    make_bags(p, start, pos, bw);
    p->d.pool = LOGREG_POOL_NOISY_OR;
    assert_int_equal(logreg_fit(m, &p->d, &opt, &res, &e), 0);
    assert_true(res.converged);
    assert_int_equal(res.solver, LOGREG_SOLVER_BFGS);
    {
        struct logreg_work *wk = logreg_work_alloc(&p->d, 1);
        double v[DIM * 2] = { 0 }, hv[DIM * 2];
        assert_non_null(wk);
        assert_int_equal(logreg_hessian_vec(wk, 0.01, v, hv), -1);
        logreg_work_free(wk);
    }
    p->d.n_classes = 3;         /* a bag fit needs two classes */
    assert_int_equal(logreg_fit(m, &p->d, &opt, &res, &e), STATUS_USAGE);
    logreg_free(m);
    free_problem(p);
    free(p);
}

/* Turn p's dense inputs into the row-compressed form (the arrays hold
 * N * F + 1 entries); the full rows are poisoned, to be unused. */
static void compress_dense(struct problem *p, size_t *start, uint32_t *col,
                           double *val)
{
    size_t nnz = 0;

    for (size_t i = 0; i < N; i++) {
        start[i] = nnz;
        for (size_t f = 0; f < F; f++)
            if (p->dense[i * F + f] != 0.0) {
                col[nnz] = (uint32_t)f;
                val[nnz++] = p->dense[i * F + f];
            }
    }
    start[N] = nnz;
    assert_true(nnz > 0 && nnz < N * F);        /* some zeros skipped */
    for (size_t t = 0; t < N * F; t++)
        p->dense[t] = NAN;
    p->d.dense = NULL;
    p->d.dense_start = start;
    p->d.dense_col = col;
    p->d.dense_val = val;
}

/* A design whose dense inputs are row-compressed (bags' million rows)
 * fits to the same weights, to the bit, as the same design with full
 * rows: TRON (its preconditioner reads the squares) with one and three
 * threads, BFGS, and pooled bags. */
static void test_dense_rows(void **state)
{
    size_t start[N + 1], bstart[NBAG + 1];
    uint32_t col[N * F + 1];
    double val[N * F + 1], bw[NBAG];
    unsigned char pos[NBAG];

    (void)state;
    for (int run = 0; run < 4; run++) {
        struct problem *p = malloc(sizeof *p);
        size_t k = run == 3 ? 2 : K;
        struct logreg *a = logreg_alloc(DIM, k), *b = logreg_alloc(DIM, k);
        struct fit_options opt = { 0.01, 10000, 1e-8, run == 1 ? 3 : 1,
                                   NULL, NULL,
                                   run == 2 ? LOGREG_SOLVER_BFGS
                                            : LOGREG_SOLVER_TRON };
        struct fit_result ra, rb;
        struct err e = { 0 };

        make_problem(p);
        if (run == 3) {
            make_bags(p, bstart, pos, bw);
            p->d.pool = LOGREG_POOL_NOISY_OR;
        }
        assert_int_equal(logreg_fit(a, &p->d, &opt, &ra, &e), 0);
        compress_dense(p, start, col, val);
        assert_int_equal(logreg_fit(b, &p->d, &opt, &rb, &e), 0);
        /* BFGS stops on its line search short of 1e-8 here */
        assert_true(run == 2 || ra.converged);
        assert_int_equal(ra.converged, rb.converged);
        assert_int_equal(ra.iters, rb.iters);
        assert_int_equal(ra.evaluations, rb.evaluations);
        assert_memory_equal(a->w, b->w, DIM * k * sizeof *a->w);
        logreg_free(a);
        logreg_free(b);
        free_problem(p);
        free(p);
    }
}

static void test_predict(void **state)
{
    struct logreg *m = logreg_alloc(4, 2);
    struct svec x;
    double pr[2];

    (void)state;
    svec_init(&x);
    m->w[0 * 2 + 1] = 0.5;      /* bias favours class 1 */
    m->w[2 * 2 + 0] = 2.0;
    svec_push(&x, 0, 1.0);
    svec_push(&x, 2, 1.0);
    svec_push(&x, 9, 5.0);      /* beyond dim: ignored */
    assert_int_equal(logreg_predict(m, &x, pr), 0);
    assert_near(pr[0], 1.0 / (1.0 + exp(-1.5)), 1e-12);
    assert_near(pr[0] + pr[1], 1.0, 1e-15);
    svec_clear(&x);
    logreg_free(m);
}

static void test_softmax_stable(void **state)
{
    double s[3] = { 1000.0, 1000.0, -1000.0 };
    double lse;

    (void)state;
    lse = logreg_softmax(s, 3);
    assert_near(s[0], 0.5, 1e-15);
    assert_near(s[2], 0.0, 1e-15);
    assert_near(lse, 1000.0 + log(2.0), 1e-9);
}

static int progress_stop(void *ctx, size_t iter, double loss, double gnorm)
{
    (void)ctx;
    (void)loss;
    (void)gnorm;
    return iter >= 2;
}

static void test_interrupt(void **state)
{
    struct problem *p = malloc(sizeof *p);
    struct logreg *m = logreg_alloc(DIM, K);
    struct fit_options opt = { 0.05, 1000, 1e-12, 1, progress_stop, NULL,
                               LOGREG_SOLVER_TRON };
    struct fit_result res;
    struct err e = { 0 };

    (void)state;
    make_problem(p);
    assert_int_equal(logreg_fit(m, &p->d, &opt, &res, &e), STATUS_NUMERIC);
    assert_non_null(strstr(e.msg, "interrupted"));
    logreg_free(m);
    free_problem(p);
    free(p);
}

/* A sparse model finds each stored row by its input and nothing else,
 * however the inputs cluster, whether indexed at once or one by one. */
static void test_sparse_rows(void **state)
{
    enum { N_ROWS = 3000, N_CL = 3 };
    size_t dim = ((size_t)1 << 20) + 70;
    uint32_t *in = malloc(N_ROWS * sizeof *in), *scratch = malloc(N_ROWS * sizeof *in);
    struct logreg *a = logreg_alloc_sparse(dim, N_CL, N_ROWS);
    struct logreg *b = logreg_alloc_sparse(dim, N_CL, N_ROWS);

    (void)state;
    assert_non_null(in);
    assert_non_null(scratch);
    assert_non_null(a);
    assert_non_null(b);
    for (size_t r = 0; r < N_ROWS; r++) {
        /* a run of neighbours, then spread ones, then the top end */
        in[r] = (uint32_t)(r < 1000 ? r
                           : r < 2000 ? 1000 + 7919 * r % 500000
                           : dim - 1 - (r - 2000));
        for (size_t c = 0; c < N_CL; c++)
            a->w[r * N_CL + c] = b->w[r * N_CL + c]
                = 2.385 * (double)r + (double)c;
    }
    assert_int_equal(logreg_index_rows(a, in, scratch), 0);
    for (size_t r = N_ROWS; r-- > 0;)
        assert_int_equal(logreg_set_row(b, in[r], r), 0);
    for (size_t r = 0; r < N_ROWS; r++) {
        const double *ra = logreg_row(a, in[r]), *rb = logreg_row(b, in[r]);
        assert_non_null(ra);
        assert_true(ra == a->w + r * N_CL);
        assert_true(rb == b->w + r * N_CL);
        assert_true(ra[2] == 2.385 * (double)r + 2.0);
    }
    for (size_t j = 0; j < dim; j += 97) {
        int stored = 0;
        for (size_t r = 0; r < N_ROWS; r++)
            stored |= in[r] == j;
        if (!stored)
            assert_null(logreg_row(a, j));
    }
    assert_null(logreg_row(a, dim));
    /* full: one input more is refused, an input twice too */
    assert_int_equal(logreg_set_row(b, 600000, 0), -1);
    assert_int_equal(logreg_set_row(b, in[5], 6), 0);
    assert_true(logreg_row(b, in[5]) == b->w + 6 * N_CL);
    logreg_free(a);
    a = logreg_alloc_sparse(dim, N_CL, N_ROWS);
    assert_non_null(a);
    in[1] = in[0];
    assert_int_equal(logreg_index_rows(a, in, scratch), -1);
    logreg_free(a);
    logreg_free(b);
    free(in);
    free(scratch);
}

/* Every stored input finds its row, and every other input in [0, dim)
 * that the walk visits finds none. */
static void expect_rows(const struct logreg *m, const uint32_t *in,
                        size_t n, size_t step)
{
    size_t r = 0;

    for (size_t i = 0; i < n; i++)
        assert_true(logreg_row(m, in[i]) == m->w + i * m->n_classes);
    /* inputs in order: the stored ones are met in turn */
    for (size_t j = 0; j < m->dim; j += (r < n && in[r] - j < step) ? 1
                                                                : step) {
        while (r < n && in[r] < j)
            r++;
        if (r < n && in[r] == j)
            assert_non_null(logreg_row(m, j));
        else
            assert_null(logreg_row(m, j));
    }
    assert_null(logreg_row(m, m->dim));
}

/* Rows indexed from inputs in increasing order go to an ordered table
 * (one pass, a lookup stops at a larger input); crowded inputs, which
 * would push a slot too far past its home, and unsorted ones go to a
 * hashed table; a row set afterwards turns an ordered table into a hashed
 * one with every row kept. */
static void test_ordered_rows(void **state)
{
    enum { N_IN = 4000, N_CL = 2 };
    size_t dim = ((size_t)1 << 20) + 85;
    uint32_t *in = malloc(N_IN * sizeof *in), *scratch = malloc(N_IN * sizeof *in);
    struct logreg *m;
    uint64_t x = 2385;

    (void)state;
    assert_non_null(in);
    assert_non_null(scratch);
    /* the bias and dense inputs, then hashed ones spread evenly, sorted,
     * then the last input */
    for (size_t r = 0; r < 85; r++)
        in[r] = (uint32_t)r;
    for (size_t r = 85; r < N_IN - 1; r++) {
        x = x * 6364136223846793005u + 1442695040888963407u;
        in[r] = (uint32_t)(85 + (x >> 44) % (dim - 86));
    }
    in[N_IN - 1] = (uint32_t)(dim - 1);
    for (size_t r = 86; r < N_IN - 1; r++)         /* insertion sort */
        for (size_t q = r; q > 85 && in[q - 1] > in[q]; q--) {
            uint32_t t = in[q];
            in[q] = in[q - 1];
            in[q - 1] = t;
        }
    for (size_t r = 86; r < N_IN - 1; r++)         /* distinct */
        if (in[r] <= in[r - 1])
            in[r] = in[r - 1] + 1;
    assert_true(in[N_IN - 2] < in[N_IN - 1]);
    m = logreg_alloc_sparse(dim, N_CL, N_IN);
    assert_non_null(m);
    assert_int_equal(logreg_index_rows(m, in, scratch), 0);
    assert_true(m->n_slots > 0);
    expect_rows(m, in, N_IN, 61);
    /* set afterwards: hashed, every row kept, the new one replacing */
    assert_int_equal(logreg_set_row(m, in[7], 9), 0);
    assert_int_equal(m->n_slots, 0);
    assert_true(logreg_row(m, in[7]) == m->w + 9 * N_CL);
    assert_true(logreg_row(m, in[N_IN - 1]) == m->w + (N_IN - 1) * N_CL);
    assert_true(logreg_row(m, in[300]) == m->w + 300 * N_CL);
    logreg_free(m);

    /* crowded: N_IN inputs in a row, far from the dense ones */
    for (size_t r = 0; r < N_IN; r++)
        in[r] = (uint32_t)(300000 + r);
    m = logreg_alloc_sparse(dim, N_CL, N_IN);
    assert_non_null(m);
    assert_int_equal(logreg_index_rows(m, in, scratch), 0);
    assert_int_equal(m->n_slots, 0);
    expect_rows(m, in, N_IN, 977);
    logreg_free(m);

    /* a small input space: every input its own home */
    for (size_t r = 0; r < 50; r++)
        in[r] = (uint32_t)(3 * r + 1);
    m = logreg_alloc_sparse(200, N_CL, 50);
    assert_non_null(m);
    assert_int_equal(logreg_index_rows(m, in, scratch), 0);
    assert_true(m->n_slots > 0);
    expect_rows(m, in, 50, 1);
    logreg_free(m);

    /* an input beyond dim, or twice, is refused */
    in[49] = 200;
    m = logreg_alloc_sparse(200, N_CL, 50);
    assert_non_null(m);
    assert_int_equal(logreg_index_rows(m, in, scratch), -1);
    logreg_free(m);
    in[49] = in[48];
    m = logreg_alloc_sparse(200, N_CL, 50);
    assert_non_null(m);
    assert_int_equal(logreg_index_rows(m, in, scratch), -1);
    logreg_free(m);
    free(in);
    free(scratch);
}

/* A model's weights (2^20 slots of four labels, 32 MB) are advised to
 * use huge pages where the kernel has them. */
static void test_weights_advised(void **state)
{
    struct logreg *m = logreg_alloc((size_t)1 << 20, 4);

    (void)state;
    assert_non_null(m);
    if (!t_have_thp()) {
        logreg_free(m);
        return;
    }
    m->w[(size_t)1 << 20] = 1.0;
    assert_int_equal(t_advised(m->w + ((size_t)1 << 20)), 1);
    logreg_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_matches_newton),
        cmocka_unit_test(test_ordered_rows),
        cmocka_unit_test(test_weights_advised),
        cmocka_unit_test(test_bfgs_matches_newton),
        cmocka_unit_test(test_solvers_agree),
        cmocka_unit_test(test_fit_reproducible),
        cmocka_unit_test(test_hessian_vec),
        cmocka_unit_test(test_block_layouts),
        cmocka_unit_test(test_gradient),
        cmocka_unit_test(test_bag_gradient),
        cmocka_unit_test(test_bag_single),
        cmocka_unit_test(test_bag_fit),
        cmocka_unit_test(test_dense_rows),
        cmocka_unit_test(test_predict),
        cmocka_unit_test(test_sparse_rows),
        cmocka_unit_test(test_softmax_stable),
        cmocka_unit_test(test_interrupt),
    };
    gsl_set_error_handler_off();
    return cmocka_run_group_tests_name("logreg", tests, NULL, NULL);
}

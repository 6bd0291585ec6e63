/* curves.h - what a picture of a model's probabilities needs: precision-
 * recall curves per label with their operating points, and a reliability
 * (calibration) table of the flag label's probabilities. */
#ifndef EVAL_CURVES_H
#define EVAL_CURVES_H

#include <stddef.h>

#include "base/err.h"

struct pr_point {
    double threshold;           /* predict the label when p >= threshold */
    double precision, recall;
};

#define CALIB_BINS 10

struct calib_bin {
    size_t n;                   /* pairs with p in [i/10, (i+1)/10) */
    double mean_p;              /* their mean probability */
    double frac_pos;            /* the fraction that have the label */
};

struct eval_curves {
    size_t k;                   /* labels */
    struct pr_point **pr;       /* per label: one point per distinct
                                   probability, thresholds falling */
    size_t *n_pr;
    double *ap;                 /* per label: average precision */
    struct pr_point *argmax;    /* per label: the model's predictions
                                   (the most probable label) */
    size_t flag;                /* the flag label */
    struct pr_point at_threshold;   /* flag when p(flag) >= threshold */
    struct calib_bin bins[CALIB_BINS];  /* of p(flag) */
    double brier;               /* mean (p(flag) - [flag])^2 */
    double ece;                 /* expected calibration error over bins */
};

/* The curves of n pairs scored over k labels: probs is n x k (row i the
 * probabilities of pair i), truth[i] the true label, pred[i] the
 * predicted one.  threshold is the model's stored threshold on p(flag).
 * Time O(k n log n), memory O(k n).  Returns 0 or STATUS_NOMEM (with e
 * set); c is cleared on failure. */
int eval_curves_compute(struct eval_curves *c, const double *probs,
                        const size_t *truth, const size_t *pred, size_t n,
                        size_t k, size_t flag, double threshold,
                        struct err *e);
void eval_curves_clear(struct eval_curves *c);

#endif

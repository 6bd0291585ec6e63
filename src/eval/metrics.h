/* metrics.h - accuracy, per-class precision/recall/F1, confusion matrix and
 * the FNC-1 score. */
#ifndef EVAL_METRICS_H
#define EVAL_METRICS_H

#include <stddef.h>

struct metrics {
    size_t k;
    size_t n;
    size_t *confusion;          /* k x k, rows true, columns predicted */
    double accuracy;
    double *precision, *recall, *f1;
    size_t *support;
    double macro_f1;
    int has_fnc;                /* labels are FNC-1's */
    double fnc_score;           /* percent of the best possible */
    double fnc_raw, fnc_max;
};

/* Zeroed metrics for k labels; returns 0 or STATUS_NOMEM. */
int metrics_init(struct metrics *mt, size_t k);
void metrics_clear(struct metrics *mt);

static inline void metrics_add(struct metrics *mt, size_t truth, size_t pred)
{
    mt->confusion[truth * mt->k + pred]++;
    mt->n++;
}

/* Compute everything from the confusion matrix.  labels names the k classes;
 * the FNC-1 score is computed when they include agree, disagree, discuss
 * and unrelated. */
void metrics_finish(struct metrics *mt, const char *const *labels);

/* The decision threshold on p(flag) that maximises the F1 of "flag versus
 * the rest" over n scored pairs; *best_f1 gets that F1.  0.5 when no pair
 * is flagged. */
double metrics_best_threshold(const double *p_flag, const int *is_flag,
                              size_t n, double *best_f1);

#endif

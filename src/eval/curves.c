/* curves.c - precision-recall curves and a reliability table. */
#include "eval/curves.h"

#include <stdlib.h>
#include <string.h>

struct scored {
    double p;
    int pos;
};

static int scored_cmp(const void *pa, const void *pb)
{
    const struct scored *a = pa, *b = pb;
    return a->p > b->p ? -1 : a->p < b->p;
}

/* One label's curve: sort by p, highest first, and after each run of
 * equal p record precision and recall of "p >= that value".  Average
 * precision is the sum over those points of (R_i - R_{i-1}) P_i. */
static int pr_label(struct eval_curves *c, size_t l, struct scored *s,
                    const double *probs, const size_t *truth, size_t n)
{
    size_t n_pos = 0, tp = 0, m = 0;
    double prev_r = 0.0, ap = 0.0;
    struct pr_point *pt;

    for (size_t i = 0; i < n; i++) {
        s[i].p = probs[i * c->k + l];
        s[i].pos = truth[i] == l;
        n_pos += (size_t)s[i].pos;
    }
    qsort(s, n, sizeof *s, scored_cmp);
    if (!(pt = malloc((n ? n : 1) * sizeof *pt)))
        return -1;
    for (size_t i = 0; i < n; i++) {
        tp += (size_t)s[i].pos;
        if (i + 1 < n && s[i + 1].p == s[i].p)
            continue;
        pt[m].threshold = s[i].p;
        pt[m].precision = (double)tp / (double)(i + 1);
        pt[m].recall = n_pos ? (double)tp / (double)n_pos : 0.0;
        ap += (pt[m].recall - prev_r) * pt[m].precision;
        prev_r = pt[m].recall;
        m++;
    }
    c->pr[l] = pt;
    c->n_pr[l] = m;
    c->ap[l] = ap;
    return 0;
}

static struct pr_point operating(size_t tp, size_t n_pred, size_t n_pos,
                                 double threshold)
{
    struct pr_point p;

    p.threshold = threshold;
    p.precision = n_pred ? (double)tp / (double)n_pred : 1.0;
    p.recall = n_pos ? (double)tp / (double)n_pos : 0.0;
    return p;
}

int eval_curves_compute(struct eval_curves *c, const double *probs,
                        const size_t *truth, const size_t *pred, size_t n,
                        size_t k, size_t flag, double threshold,
                        struct err *e)
{
    struct scored *s = NULL;
    size_t *tp = NULL, *n_pred = NULL, *n_pos = NULL;
    size_t ftp = 0, fpred = 0;
    double sum_sq = 0.0;
    int rc = STATUS_NOMEM;

    memset(c, 0, sizeof *c);
    c->k = k;
    c->flag = flag;
    c->pr = calloc(k, sizeof *c->pr);
    c->n_pr = calloc(k, sizeof *c->n_pr);
    c->ap = calloc(k, sizeof *c->ap);
    c->argmax = calloc(k, sizeof *c->argmax);
    s = malloc((n ? n : 1) * sizeof *s);
    tp = calloc(k, sizeof *tp);
    n_pred = calloc(k, sizeof *n_pred);
    n_pos = calloc(k, sizeof *n_pos);
    if (!c->pr || !c->n_pr || !c->ap || !c->argmax || !s || !tp || !n_pred
        || !n_pos)
        goto out;
    for (size_t l = 0; l < k; l++)
        if (pr_label(c, l, s, probs, truth, n))
            goto out;
    for (size_t i = 0; i < n; i++) {
        double p = probs[i * k + flag];
        int pos = truth[i] == flag;
        size_t b = (size_t)(p * CALIB_BINS);
        n_pos[truth[i]]++;
        n_pred[pred[i]]++;
        tp[pred[i]] += truth[i] == pred[i];
        if (p >= threshold) {
            fpred++;
            ftp += (size_t)pos;
        }
        if (b >= CALIB_BINS)
            b = CALIB_BINS - 1;
        c->bins[b].n++;
        c->bins[b].mean_p += p;
        c->bins[b].frac_pos += pos;
        sum_sq += (p - pos) * (p - pos);
    }
    for (size_t l = 0; l < k; l++)
        c->argmax[l] = operating(tp[l], n_pred[l], n_pos[l], -1.0);
    c->at_threshold = operating(ftp, fpred, n_pos[flag], threshold);
    for (size_t b = 0; b < CALIB_BINS; b++) {
        struct calib_bin *x = &c->bins[b];
        if (!x->n)
            continue;
        x->mean_p /= (double)x->n;
        x->frac_pos /= (double)x->n;
        c->ece += (double)x->n / (double)n
                  * (x->mean_p > x->frac_pos ? x->mean_p - x->frac_pos
                                             : x->frac_pos - x->mean_p);
    }
    c->brier = n ? sum_sq / (double)n : 0.0;
    rc = 0;
out:
    free(s);
    free(tp);
    free(n_pred);
    free(n_pos);
    if (rc) {
        eval_curves_clear(c);
        err_set(e, STATUS_NOMEM, "out of memory");
    }
    return rc;
}

void eval_curves_clear(struct eval_curves *c)
{
    for (size_t l = 0; c->pr && l < c->k; l++)
        free(c->pr[l]);
    free(c->pr);
    free(c->n_pr);
    free(c->ap);
    free(c->argmax);
    memset(c, 0, sizeof *c);
}

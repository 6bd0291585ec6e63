/* metrics.c - accuracy, per-class precision/recall/F1, confusion matrix and
 * the FNC-1 score. */
#include "eval/metrics.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"

int metrics_init(struct metrics *mt, size_t k)
{
    memset(mt, 0, sizeof *mt);
    mt->k = k;
    mt->confusion = calloc(k > 0 ? k * k : 1, sizeof *mt->confusion);
    mt->precision = calloc(k ? k : 1, sizeof *mt->precision);
    mt->recall = calloc(k ? k : 1, sizeof *mt->recall);
    mt->f1 = calloc(k ? k : 1, sizeof *mt->f1);
    mt->support = calloc(k ? k : 1, sizeof *mt->support);
    if (!mt->confusion || !mt->precision || !mt->recall || !mt->f1
        || !mt->support) {
        metrics_clear(mt);
        return STATUS_NOMEM;
    }
    return 0;
}

void metrics_clear(struct metrics *mt)
{
    free(mt->confusion);
    free(mt->precision);
    free(mt->recall);
    free(mt->f1);
    free(mt->support);
    memset(mt, 0, sizeof *mt);
}

static size_t find(const char *const *labels, size_t k, const char *s)
{
    for (size_t i = 0; i < k; i++)
        if (strcmp(labels[i], s) == 0)
            return i;
    return SIZE_MAX;
}

void metrics_finish(struct metrics *mt, const char *const *labels)
{
    size_t k = mt->k, correct = 0;
    size_t ag, dis, dsc, unr;

    mt->macro_f1 = 0.0;
    for (size_t c = 0; c < k; c++) {
        size_t tp = mt->confusion[c * k + c], col = 0, row = 0;
        for (size_t j = 0; j < k; j++) {
            row += mt->confusion[c * k + j];
            col += mt->confusion[j * k + c];
        }
        correct += tp;
        mt->support[c] = row;
        mt->precision[c] = col ? (double)tp / (double)col : 0.0;
        mt->recall[c] = row ? (double)tp / (double)row : 0.0;
        mt->f1[c] = mt->precision[c] + mt->recall[c] > 0.0
            ? 2.0 * mt->precision[c] * mt->recall[c]
              / (mt->precision[c] + mt->recall[c]) : 0.0;
        mt->macro_f1 += mt->f1[c];
    }
    mt->macro_f1 = k ? mt->macro_f1 / (double)k : 0.0;
    mt->accuracy = mt->n ? (double)correct / (double)mt->n : 0.0;

    ag = find(labels, k, "agree");
    dis = find(labels, k, "disagree");
    dsc = find(labels, k, "discuss");
    unr = find(labels, k, "unrelated");
    mt->has_fnc = ag != SIZE_MAX && dis != SIZE_MAX && dsc != SIZE_MAX
                  && unr != SIZE_MAX;
    if (!mt->has_fnc)
        return;
    /* FNC-1: 0.25 for getting related/unrelated right, 0.75 more for the
     * exact related label; confusing two related labels keeps the 0.25 */
    mt->fnc_raw = mt->fnc_max = 0.0;
    for (size_t t = 0; t < k; t++)
        for (size_t p = 0; p < k; p++) {
            double n = (double)mt->confusion[t * k + p];
            int t_rel = t != unr, p_rel = p != unr;
            if (t_rel == p_rel)
                mt->fnc_raw += 0.25 * n;
            if (t_rel && t == p)
                mt->fnc_raw += 0.75 * n;
        }
    for (size_t t = 0; t < k; t++)
        mt->fnc_max += (t == unr ? 0.25 : 1.0) * (double)mt->support[t];
    mt->fnc_score = mt->fnc_max > 0.0 ? 100.0 * mt->fnc_raw / mt->fnc_max
                                      : 0.0;
}

struct scored {
    double p;
    int flag;
};

static int by_p_desc(const void *a, const void *b)
{
    double x = ((const struct scored *)a)->p, y = ((const struct scored *)b)->p;
    return x < y ? 1 : x > y ? -1 : 0;
}

double metrics_best_threshold(const double *p_flag, const int *is_flag,
                              size_t n, double *best_f1)
{
    struct scored *s = malloc((n ? n : 1) * sizeof *s);
    size_t pos = 0, tp = 0;
    double best = 0.0, thr = 0.5;

    *best_f1 = 0.0;
    if (!s)
        return thr;
    for (size_t i = 0; i < n; i++) {
        s[i].p = p_flag[i];
        s[i].flag = is_flag[i] != 0;
        pos += s[i].flag ? 1u : 0u;
    }
    qsort(s, n, sizeof *s, by_p_desc);
    /* flag the top i+1: F1 = 2 tp / (flagged + positives) */
    for (size_t i = 0; i < n; i++) {
        double f1;
        tp += s[i].flag ? 1u : 0u;
        if (i + 1 < n && s[i + 1].p == s[i].p)
            continue;           /* ties go in together */
        f1 = pos ? 2.0 * (double)tp / (double)(i + 1 + pos) : 0.0;
        if (f1 > best) {
            best = f1;
            /* halfway to the next score keeps the cut off both */
            thr = i + 1 < n ? 0.5 * (s[i].p + s[i + 1].p) : s[i].p;
        }
    }
    free(s);
    *best_f1 = best;
    return thr;
}

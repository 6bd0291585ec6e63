/* validate.c - cross-validation, validation and the training summary. */
#include "model/validate.h"

#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "eval/split.h"
#include "model/labels.h"

/* Predict the selected pairs of ds and add them to mt; p(flag) and the
 * truth go to pf / isf at *n_scored. */
static int score_into(const struct model *m, const struct dataset *ds,
                      const unsigned char *sel, const size_t *map,
                      size_t threads, struct metrics *mt, double *pf,
                      int *isf, size_t *n_scored, struct err *e)
{
    size_t n = ds->n_pairs, *pred = malloc((n ? n : 1) * sizeof *pred);
    double *probs = malloc((n ? n : 1) * m->n_labels * sizeof *probs);
    int rc;

    if (!pred || !probs) {
        free(pred);
        free(probs);
        return err_set(e, STATUS_NOMEM, "out of memory");
    }
    rc = predict_dataset(m, ds, sel, threads, pred, probs, e);
    for (size_t i = 0; !rc && i < n; i++) {
        size_t truth;
        if (sel && !sel[i])
            continue;
        truth = map[ds->pairs[i].label];
        metrics_add(mt, truth, pred[i]);
        pf[*n_scored] = probs[i * m->n_labels + m->flag];
        isf[*n_scored] = truth == m->flag;
        (*n_scored)++;
    }
    free(pred);
    free(probs);
    return rc;
}

int model_cross_validate(struct model *m, struct dataset *ds, size_t k_folds,
                         unsigned long seed, const struct train_options *opt,
                         const struct cv_hooks *hooks, struct metrics *pooled,
                         double *threshold, double *flag_f1, struct err *e)
{
    struct folds f;
    unsigned char *role = NULL, *sel_train = NULL, *sel_test = NULL;
    size_t *map = NULL, n_orig = ds->n_pairs, n_scored = 0, cap;
    double *pf = NULL;
    int *isf = NULL, rc;

    memset(pooled, 0, sizeof *pooled);
    if ((rc = folds_make(&f, ds, k_folds, seed, e)) != 0)
        return rc;
    if (metrics_init(pooled, m->n_labels))
        goto nomem;
    cap = 2 * n_orig + 16;      /* refill adds at most the dropped pairs */
    pf = malloc(cap * sizeof *pf);
    isf = malloc(cap * sizeof *isf);
    if (!pf || !isf)
        goto nomem;
    for (size_t k = 0; k < k_folds; k++) {
        struct fit_result res;
        struct metrics mt;
        size_t n_train = 0, n_test = 0;
        struct train_options topt = *opt;

        if (hooks && hooks->begin)
            hooks->begin(hooks->ctx, k, k_folds, &topt);
        ds->n_pairs = n_orig;   /* drop the last fold's refill */
        if ((rc = folds_roles(&f, ds, k, 1, seed, &role, e)) != 0)
            goto out;
        free(sel_train);
        free(sel_test);
        free(map);
        map = NULL;
        sel_train = malloc(ds->n_pairs);
        sel_test = malloc(ds->n_pairs);
        if (!sel_train || !sel_test)
            goto nomem;
        for (size_t i = 0; i < ds->n_pairs; i++) {
            sel_train[i] = role[i] == ROLE_TRAIN;
            sel_test[i] = role[i] == ROLE_TEST;
            n_train += sel_train[i];
            n_test += sel_test[i];
        }
        if ((rc = labels_map(m, ds, &map, e)) != 0
            || (rc = train_model(m, ds, sel_train, map, &topt, &res, e)))
            goto out;
        if (hooks && hooks->fitted)
            hooks->fitted(hooks->ctx);
        if (metrics_init(&mt, m->n_labels))
            goto nomem;
        rc = score_into(m, ds, sel_test, map, opt->threads, &mt, pf, isf,
                        &n_scored, e);
        if (!rc) {
            struct cv_fold cf = { k, k_folds, n_train, n_test,
                                  ds->n_pairs - n_train - n_test, &mt, &res };
            metrics_finish(&mt, (const char *const *)m->labels);
            for (size_t c = 0; c < mt.k * mt.k; c++)
                pooled->confusion[c] += mt.confusion[c];
            pooled->n += mt.n;
            if (hooks && hooks->done)
                hooks->done(hooks->ctx, &cf);
        }
        metrics_clear(&mt);
        if (rc)
            goto out;
    }
    metrics_finish(pooled, (const char *const *)m->labels);
    *threshold = metrics_best_threshold(pf, isf, n_scored, flag_f1);
    goto out;
nomem:
    rc = err_set(e, STATUS_NOMEM, "out of memory");
out:
    ds->n_pairs = n_orig;
    folds_clear(&f);
    free(role);
    free(sel_train);
    free(sel_test);
    free(map);
    free(pf);
    free(isf);
    return rc;
}

int model_validate(const struct model *m, const struct dataset *vd,
                   size_t threads, struct metrics *mt, double *threshold,
                   double *flag_f1, struct err *e)
{
    size_t *map = NULL, n_scored = 0;
    double *pf = NULL;
    int *isf = NULL, rc;

    memset(mt, 0, sizeof *mt);
    if ((rc = labels_map(m, vd, &map, e)) != 0)
        goto out;
    pf = malloc(vd->n_pairs * sizeof *pf);
    isf = malloc(vd->n_pairs * sizeof *isf);
    if (!pf || !isf || metrics_init(mt, m->n_labels)) {
        rc = err_set(e, STATUS_NOMEM, "out of memory");
        goto out;
    }
    if ((rc = score_into(m, vd, NULL, map, threads, mt, pf, isf, &n_scored,
                         e)) != 0)
        goto out;
    metrics_finish(mt, (const char *const *)m->labels);
    *threshold = metrics_best_threshold(pf, isf, n_scored, flag_f1);
out:
    free(map);
    free(pf);
    free(isf);
    return rc;
}

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

char *model_training_summary(const struct model *m, const struct dataset *ds,
                             const struct train_options *opt,
                             const struct fit_result *r, const char *cw,
                             const char *valid)
{
    cJSON *o = cJSON_CreateObject(), *files, *counts;
    char groups[256], *t, *out = NULL;
    size_t *count;

    if (!o)
        return NULL;
    count = calloc(m->n_labels, sizeof *count);
    if (!count) {
        cJSON_Delete(o);
        return NULL;
    }
    files = cJSON_AddArrayToObject(o, "data");
    for (size_t i = 0; files && i < ds->n_files; i++)
        cJSON_AddItemToArray(files, cJSON_CreateString(base_name(
            ds->files[i])));
    cJSON_AddNumberToObject(o, "pairs", (double)ds->n_pairs);
    counts = cJSON_AddObjectToObject(o, "label_counts");
    for (size_t i = 0; i < ds->n_pairs; i++)
        count[model_label_index(m, ds->labels.str[ds->pairs[i].label])]++;
    for (size_t c = 0; counts && c < m->n_labels; c++)
        cJSON_AddNumberToObject(counts, m->labels[c], (double)count[c]);
    if (ds->n_skipped)
        cJSON_AddNumberToObject(o, "skipped_no_gold_label",
                                (double)ds->n_skipped);
    if (ds->n_dropped)
        cJSON_AddNumberToObject(o, "dropped_by_label_map",
                                (double)ds->n_dropped);
    cJSON_AddNumberToObject(o, "l2", opt->fit.l2);
    cJSON_AddNumberToObject(o, "min_df", (double)opt->min_df);
    cJSON_AddStringToObject(o, "class_weight", cw);
    spec_format_groups(m->spec.groups, groups, sizeof groups);
    cJSON_AddStringToObject(o, "features", groups);
    if (opt->bag_of) {
        size_t nb = 0;
        for (size_t i = 0; i < ds->n_pairs; i++)
            nb += i == 0 || opt->bag_of[i] != opt->bag_of[i - 1];
        cJSON_AddStringToObject(o, "bags", "sentences");
        cJSON_AddNumberToObject(o, "n_bags", (double)nb);
        cJSON_AddStringToObject(o, "pool", opt->pool == LOGREG_POOL_LSE
                                           ? "lse" : "noisy-or");
        if (opt->pool == LOGREG_POOL_LSE)
            cJSON_AddNumberToObject(o, "pool_r", opt->pool_r);
    }
    if (opt->source_of && !opt->bag_of) {
        cJSON_AddNumberToObject(o, "sources", (double)opt->n_sources);
        cJSON_AddStringToObject(o, "adapt", opt->adapt == ADAPT_ALL ? "all"
                                            : opt->adapt == ADAPT_BIAS
                                            ? "bias" : "none");
        if (opt->adapt != ADAPT_NONE && opt->adapt_own) {
            cJSON *f = cJSON_AddArrayToObject(o, "adapt_files");
            for (size_t s = 0; f && s < opt->n_sources; s++)
                if (opt->adapt_own[s])
                    cJSON_AddItemToArray(f, cJSON_CreateNumber((double)s + 1));
        }
        cJSON_AddStringToObject(o, "source_weight", opt->balance_sources
                                                    ? "balanced" : "none");
    }
    cJSON_AddStringToObject(o, "solver", r->solver == LOGREG_SOLVER_BFGS
                                         ? "bfgs" : "tron");
    cJSON_AddNumberToObject(o, "iterations", (double)r->iters);
    if (r->solver == LOGREG_SOLVER_TRON)
        cJSON_AddNumberToObject(o, "hessian_products",
                                (double)r->hessian_products);
    cJSON_AddNumberToObject(o, "final_loss", r->loss);
    cJSON_AddNumberToObject(o, "gradient_norm", r->gnorm);
    cJSON_AddBoolToObject(o, "converged", r->converged);
    cJSON_AddStringToObject(o, "threshold_from", valid);
    t = cJSON_PrintUnformatted(o);
    if (t) {
        out = malloc(strlen(t) + 1);
        if (out)
            memcpy(out, t, strlen(t) + 1);
        cJSON_free(t);
    }
    cJSON_Delete(o);
    free(count);
    return out;
}

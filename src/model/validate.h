/* validate.h - measuring a training run, next to train as liblinear's
 * cross_validation is: grouped cross-validation, validation on held-out
 * pairs, the calibrated threshold, and the summary a model file keeps. */
#ifndef MODEL_VALIDATE_H
#define MODEL_VALIDATE_H

#include <stddef.h>

#include "base/err.h"
#include "data/dataset.h"
#include "eval/metrics.h"
#include "model/model.h"
#include "model/train.h"

/* What one fold did. */
struct cv_fold {
    size_t fold, k;             /* 0-based fold of k */
    size_t n_train, n_test, n_dropped;
    const struct metrics *mt;   /* the fold's test metrics (finished) */
    const struct fit_result *res;
};

/* Called around each fold, for progress reports (any may be NULL): begin
 * may set topt's progress callback for the fold's fit; fitted runs after
 * the fit, done after the fold's test pairs are scored. */
struct cv_hooks {
    void (*begin)(void *ctx, size_t fold, size_t k,
                  struct train_options *topt);
    void (*fitted)(void *ctx);
    void (*done)(void *ctx, const struct cv_fold *f);
    void *ctx;
};

/* k-fold cross-validation grouped so that no text is on both sides
 * (eval/split.h): fit m (spec, labels and flag set; its weights end as the
 * last fold's) on each fold's training pairs and score its test pairs.
 * pooled gets the pooled out-of-fold metrics (the callee initialises it;
 * the caller clears it), *threshold the probability of m's flag label at
 * which the pooled predictions have their best F1 (*flag_f1).  ds is
 * refilled and restored per fold.  Returns 0 or a status with e set. */
int model_cross_validate(struct model *m, struct dataset *ds, size_t k,
                         unsigned long seed, const struct train_options *opt,
                         const struct cv_hooks *hooks, struct metrics *pooled,
                         double *threshold, double *flag_f1, struct err *e);

/* Score every pair of vd with m into mt (initialised by the callee,
 * cleared by the caller) and calibrate *threshold as above.  Returns 0 or
 * a status (a label m does not know, out of memory) with e set. */
int model_validate(const struct model *m, const struct dataset *vd,
                   size_t threads, struct metrics *mt, double *threshold,
                   double *flag_f1, struct err *e);

/* The run as the model file's "training" JSON (for the model card): data
 * files, pair and label counts, options, the fit, where the threshold came
 * from.  Returns a malloc'd string, or NULL when out of memory. */
char *model_training_summary(const struct model *m, const struct dataset *ds,
                             const struct train_options *opt,
                             const struct fit_result *res,
                             const char *class_weight,
                             const char *threshold_from);

#endif

/* train.h - from labelled pairs to a fitted model: analyse each distinct
 * text once, learn IDF, build the shared-block design, fit. */
#ifndef MODEL_TRAIN_H
#define MODEL_TRAIN_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "data/dataset.h"
#include "logreg/logreg.h"
#include "model/model.h"

/* Analyses of a dataset's distinct texts under one spec; info[t] is valid
 * where used[t] is set. */
struct text_cache {
    struct text_info *info;
    unsigned char *used;
    size_t n;
};

void text_cache_clear(struct text_cache *tc);

/* Analyse (and, when weigh, weigh with spec's IDF) every text that a
 * selected pair uses (sel NULL: all pairs).  threads > 1 analyses in
 * parallel. */
int text_cache_build(struct text_cache *tc, const struct dataset *ds,
                     const unsigned char *sel, const struct feature_spec *spec,
                     int weigh, size_t threads, struct err *e);

enum class_weight {
    CLASS_WEIGHT_NONE,
    CLASS_WEIGHT_BALANCED,      /* n / (k n_c) */
    CLASS_WEIGHT_SQRT,          /* sqrt of balanced */
    CLASS_WEIGHT_CUSTOM
};

enum train_adapt { ADAPT_NONE, ADAPT_ALL, ADAPT_BIAS };

struct train_options {
    struct fit_options fit;
    enum class_weight cw;
    double *custom_weight;      /* per dataset label, for CLASS_WEIGHT_CUSTOM */
    size_t min_df;              /* drop hashed inputs seen in fewer texts */
    size_t threads;
    /* Multiple instances: bag_of[i] is the bag of dataset pair i, the pairs
     * of a bag consecutive and of one label, or NULL for single pairs.  A
     * bag is positive when its label is the model's flag; the model needs
     * two labels; class weights count bags. */
    const size_t *bag_of;
    enum logreg_pool pool;
    double pool_r;
    /* Sources (single pairs only): source_of[i] < n_sources is the source
     * of dataset pair i (cmd_train: its data file), or NULL for one
     * source.  ADAPT_ALL: while fitting, every input (the bias too) has a
     * copy per source beside the general one, which alone the model keeps
     * (Daume III, "Frustratingly easy domain adaptation", ACL 2007): what
     * one source's labels teach that the others' do not goes to its copy.
     * ADAPT_BIAS: the bias alone has copies (each source's label priors).
     * balance_sources: each source's rows weigh as much in all as any
     * other source's (times the class weights). */
    const size_t *source_of;
    size_t n_sources;
    enum train_adapt adapt;
    /* adapt_own[s] nonzero: source s has its copies; the rows of the other
     * sources have the general inputs only (so that one source, synthetic
     * pairs say, keeps what only it teaches out of the general weights
     * without splitting every natural source's).  NULL: every source. */
    const unsigned char *adapt_own;
    int balance_sources;
    /* When not NULL, called with the design just before the fit: the
     * vectors as the minimiser sees them (model/export.h writes them).
     * cols[c] is the feature spec's input of design input 1 + n_dense + c.
     * A nonzero return ends training with that status; with design_only,
     * training ends after it, returning 0 with m's weights untouched. */
    int (*on_design)(void *ctx, const struct design *d, const uint32_t *cols,
                     struct err *e);
    void *design_ctx;
    int design_only;
};

/* Fit m (whose spec, labels and flag the caller has set) on the pairs of
 * ds selected by sel (NULL: all).  label_map maps dataset label ids to
 * model label indices.  Learns IDF from the selected texts and stores it
 * in m->spec.  res gets the minimiser's report. */
int train_model(struct model *m, const struct dataset *ds,
                const unsigned char *sel, const size_t *label_map,
                const struct train_options *opt, struct fit_result *res,
                struct err *e);

/* Predict every selected pair: pred[i] and probs[i * n_labels ...] for pair
 * i (other entries untouched). */
int predict_dataset(const struct model *m, const struct dataset *ds,
                    const unsigned char *sel, size_t threads, size_t *pred,
                    double *probs, struct err *e);

#endif

/* model.h - a trained gainsay model: feature specification, weights,
 * labels and decision threshold, and the one path from a pair of
 * statements to probabilities and an explanation. */
#ifndef MODEL_MODEL_H
#define MODEL_MODEL_H

#include <stddef.h>

#include "base/err.h"
#include "features/pair.h"
#include "features/spec.h"
#include "logreg/logreg.h"

struct model {
    struct feature_spec spec;
    struct logreg *lr;          /* spec_dim(&spec) rows, n_labels columns */
    char **labels;
    size_t n_labels;
    size_t *label_order;        /* label indices in strcmp order */
    size_t flag;                /* the label that means contradiction */
    double threshold;           /* flag when p(flag) >= threshold */
    char *training;             /* JSON text describing the training run */
    struct lexicon *lex;        /* owned; spec.lex points to it */
    char *text;                 /* owned: the file's text when arrays of
                                 * lr (its weights) were decoded into it */
};

/* An empty model with the default spec, or NULL when out of memory. */
struct model *model_alloc(void);
void model_free(struct model *m);

/* Set the labels (copied). Returns 0 or STATUS_NOMEM. */
int model_set_labels(struct model *m, const char *const *labels, size_t n);

/* The index of label s, or SIZE_MAX (a binary search: datasets look up
 * every pair's label). */
size_t model_label_index(const struct model *m, const char *s);

/* The conventional contradiction label among labels (contradiction,
 * disagree, refutes, against, contradicts; any case), or SIZE_MAX. */
size_t model_default_flag(const char *const *labels, size_t n);

/* Probabilities of each label for (a, b) into p[n_labels]; returns the
 * predicted label, or SIZE_MAX with e set (invalid UTF-8, out of memory).
 * scratch is reused between calls and cleared by the caller with
 * model_scratch_clear().  It keeps the analyses of the texts it has seen,
 * found by a hash of the text (and compared in full), least recently used
 * first out once they hold more than max_bytes: a stream that repeats a
 * body in any order (FNC-1: 30 headlines a body, shuffled) analyses each
 * body once, and its memory stays bounded however long the stream. */
#define SCRATCH_MAX_BYTES ((size_t)48 << 20)

struct scratch_entry {
    uint64_t hash;
    char *text;                 /* a copy of the text analysed */
    size_t len;
    struct text_info info;
    /* its bag block's pull on the scores (model_bag_share()) as side a
     * and as side b, n_labels each, made when first needed */
    double *share[2];
    size_t bytes;               /* what the entry holds, about */
    size_t chain;               /* next entry in its bucket, or SIZE_MAX */
    size_t older, newer;        /* the use list, SIZE_MAX at the ends */
};

struct model_scratch {
    struct scratch_entry *e;    /* n live and free entries */
    size_t n, cap;
    size_t free_list;           /* through chain, SIZE_MAX: none */
    size_t *bucket;             /* n_buckets heads, SIZE_MAX: empty */
    size_t n_buckets;           /* a power of two */
    size_t n_live;
    size_t oldest, newest;
    size_t bytes, max_bytes;    /* max_bytes: SCRATCH_MAX_BYTES at init */
    struct svec x;
    struct svec bag;            /* a bag block on its way to a share */
};
void model_scratch_init(struct model_scratch *s);
void model_scratch_clear(struct model_scratch *s);

size_t model_predict(const struct model *m, struct model_scratch *s,
                     const char *a, size_t alen, const char *b, size_t blen,
                     double *p, struct err *e);

/* Predict from texts already analysed and weighed with m's spec. */
size_t model_predict_info(const struct model *m, const struct text_info *a,
                          const struct text_info *b, struct svec *x,
                          double *p, struct err *e);

/* The pull of a bag block (features_bow_block()) on each label's score,
 * share[k] = sum_j v_j W[j][k], into share[n_labels]: what the bag adds to
 * the score of every pair it is in. */
void model_bag_share(const struct model *m, const struct svec *bow,
                     double *share);

/* model_predict_info() from the sides' shares (model_bag_share() of a's
 * bag as SIDE_A and of b's as SIDE_B), for a text scored against many: the
 * pair's own entries (features_own()) are scored and the shares added,
 * own + a + b.  The same probabilities but for rounding: an input on a
 * bag and in the pair's own block is weighed in two parts, not once, and
 * the sum goes in another order (a few units in the last place). */
size_t model_predict_shares(const struct model *m,
                            const struct text_info *a,
                            const struct text_info *b, const double *share_a,
                            const double *share_b, struct svec *x, double *p,
                            struct err *e);

/* One input's pull on the scores: x_j * W[j][k] for every label k. */
struct contribution {
    uint32_t index;
    const char *name;           /* owned by the explanation's names */
    double value;               /* x_j */
    double *weight;             /* n_labels: x_j * W[j][k] */
    double pull;                /* weight[target], the sort key */
};

struct explanation {
    struct feature_names names;
    struct contribution *c;
    size_t n;
    double *score;              /* n_labels raw scores */
    double *prob;               /* n_labels probabilities */
    size_t predicted;
};

/* Every nonzero input of (a, b) and its exact contribution to each label's
 * score, sorted by |contribution to target| (largest first).  The scores
 * are exactly the sums of the contributions.  Returns 0 or a status. */
int model_explain(const struct model *m, const struct text_info *a,
                  const struct text_info *b, size_t target,
                  struct explanation *ex, struct err *e);
void explanation_clear(struct explanation *ex);

#endif

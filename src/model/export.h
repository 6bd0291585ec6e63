/* export.h - the vectors train fits and eval scores, written in the text
 * format of libsvm and liblinear, so another solver can be run on exactly
 * the features gainsay uses (issue 11's liblinear anchor). */
#ifndef MODEL_EXPORT_H
#define MODEL_EXPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/err.h"
#include "data/dataset.h"
#include "logreg/logreg.h"
#include "model/model.h"

/* The format, one line per pair:
 *
 *     <class> <index>:<value> <index>:<value> ...
 *
 * <class> is the model's label index (0 .. n_labels-1, labels in strcmp
 * order as in the model file).  Indices are the feature spec's inputs:
 * 1 .. PAIR_N_DENSE the dense pair features, then the hashed slots; they
 * ascend, each once, and zeros are left out.  The bias (input 0) is not
 * written: liblinear adds its own with -B 1.  Values have 17 significant
 * digits, so reading them back gives the same doubles. */

/* What a solver needs beside the file: rows and class weights. */
struct export_summary {
    size_t n_rows;
    size_t n_values;            /* index:value entries written */
    size_t max_index;           /* largest index written (0: none) */
    size_t n_classes;
    size_t *count;              /* rows of each class */
    double *weight;             /* the class weight its rows carry (0: none) */
    double weight_sum;          /* sum over rows of their weights */
};

void export_summary_clear(struct export_summary *s);

/* The rows of d as the minimiser sees them, each row the sum of its dense
 * part and its blocks.  cols[c] is the spec input of design input
 * 1 + d->n_dense + c (train_model() compacts the hashed slots it keeps).
 * d must not be a design of bags.  s (may be NULL) gets the summary; the
 * caller clears it.  Returns 0, or STATUS_NOMEM, STATUS_USAGE or
 * STATUS_IO (a write failed) with e set. */
int export_design(FILE *fp, const struct design *d, const uint32_t *cols,
                  struct export_summary *s, struct err *e);

/* The pairs of ds featurised by m as eval and score featurise them
 * (features_full() with m's spec and IDF), class label_map[pair's label]
 * (SIZE_MAX: the model lacks the label, STATUS_USAGE).  Inputs the model
 * has no weight for are written too: a solver trained on train's export
 * gives them no weight either.  Returns 0 or a status with e set. */
int export_pairs(FILE *fp, const struct model *m, const struct dataset *ds,
                 const size_t *label_map, size_t threads, struct err *e);

#endif

/* split.h - grouped cross-validation folds that keep texts apart.
 *
 * Texts joined by a pair belong to one group, and a group lies wholly in
 * one fold, so no headline and no body is on both sides.  Pairs labelled
 * "unrelated" (FNC-1's random pairings) do not join their texts, since they
 * would tie all of FNC-1 into one group; instead an unrelated pair whose
 * texts fall in different folds is dropped, and each test headline gets as
 * many new unrelated pairs with random bodies of its own fold, as FNC-1
 * itself made them.  Pairs with an explicit "group" are grouped by it
 * alone: the user's grouping wins over shared texts. */
#ifndef EVAL_SPLIT_H
#define EVAL_SPLIT_H

#include <stddef.h>

#include "base/err.h"
#include "data/dataset.h"

struct folds {
    size_t k;
    size_t *group_a, *group_b;  /* group of each pair's a and b text */
    size_t *fold_of;            /* fold of each group */
    size_t n_groups;
    size_t unrelated;           /* dataset label id, or SIZE_MAX */
};

enum split_role { ROLE_DROP = 0, ROLE_TRAIN = 1, ROLE_TEST = 2 };

/* Group the pairs and deal the groups into k folds, balanced by pairs,
 * shuffled by seed.  Returns 0 or a status (k < 2, fewer groups than
 * folds, out of memory). */
int folds_make(struct folds *f, const struct dataset *ds, size_t k,
               unsigned long seed, struct err *e);
void folds_clear(struct folds *f);

/* role[i] of each pair for fold `fold`.  With refill, appends the new
 * unrelated test pairs to ds (they get ROLE_TEST in the enlarged role
 * array, which must have room for ds->n_pairs after the call: the caller
 * passes *role, which this reallocates).  Returns 0 or a status. */
int folds_roles(const struct folds *f, struct dataset *ds, size_t fold,
                int refill, unsigned long seed, unsigned char **role,
                struct err *e);

#endif

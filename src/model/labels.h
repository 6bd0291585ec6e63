/* labels.h - mapping data labels to model labels, shared by train, eval and check. */
#ifndef MODEL_LABELS_H
#define MODEL_LABELS_H

#include <stddef.h>

#include "base/err.h"
#include "data/dataset.h"
#include "model/model.h"

/* map[l] = model index of dataset label l.  A label the model does not
 * know is an error naming the first pair that has it. */
int labels_map(const struct model *m, const struct dataset *ds,
               size_t **map, struct err *e);

/* Sorted copies of the dataset's labels as the model's labels. */
int labels_from_data(struct model *m, const struct dataset *ds,
                     struct err *e);

#endif

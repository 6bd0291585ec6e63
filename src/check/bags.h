/* bags.h - headline-body pairs as bags of the headline pairs that check
 * scores, for a model that learns from body labels (multiple instances). */
#ifndef CHECK_BAGS_H
#define CHECK_BAGS_H

#include <stddef.h>

#include "base/err.h"
#include "data/dataset.h"

/* For each pair (headline a, body b) of ds, read b as check reads an
 * article body (doc_parse_text with a as the headline) and append to out
 * one pair (a, statement) per body sentence, quote and reported denial,
 * in order, labelled flag when the body pair's label is flag and "other"
 * otherwise.  (*bag_of)[j] is the ds pair that out's pair j came from
 * (malloc'ed; the caller frees it): the pairs of one bag are consecutive.
 * A body with no statement adds no bag.  out must be initialised and
 * empty.  Returns 0 or a status with e set. */
int check_bags_build(const struct dataset *ds, const char *flag,
                     struct dataset *out, size_t **bag_of, struct err *e);

#endif

/* svec.h - sparse vectors: sorted uint32_t indices with double values. */
#ifndef FEATURES_SVEC_H
#define FEATURES_SVEC_H

#include <stddef.h>
#include <stdint.h>

struct svec {
    uint32_t *idx;
    double *val;
    size_t n, cap;
};

void svec_init(struct svec *v);
void svec_clear(struct svec *v);
static inline void svec_reset(struct svec *v) { v->n = 0; }

/* Room for need entries in all.  Returns 0 or STATUS_NOMEM. */
int svec_reserve(struct svec *v, size_t need);

/* Append (idx, val); the vector is unsorted until svec_sort_sum().
 * Returns 0 or STATUS_NOMEM. */
int svec_push(struct svec *v, uint32_t idx, double val);

/* Append all of src, with values multiplied by scale. */
int svec_append(struct svec *v, const struct svec *src, double scale);

/* Sort by index and add up the values of repeated indices, in the order
 * they were pushed (the sort is stable at every length), so the sums
 * depend on the vector's contents alone.  Linear from 64 entries (a radix
 * sort, using the vector's spare capacity when it has n free entries). */
void svec_sort_sum(struct svec *v);

/* Dot product and norm of sorted vectors. */
double svec_dot(const struct svec *a, const struct svec *b);
double svec_norm(const struct svec *v);

/* Scale so the Euclidean norm is 1 (no change for a zero vector). */
void svec_normalize(struct svec *v);

/* Binary search for idx in a sorted vector (svec_sort_sum()): its
 * position, or SIZE_MAX. */
size_t svec_find(const struct svec *v, uint32_t idx);

/* The value of idx in a sorted vector, or 0. */
double svec_get(const struct svec *v, uint32_t idx);

#endif

/* relative.h - features of a statement relative to the headline: cue words
 * near the headline's own content words. */
#ifndef FEATURES_RELATIVE_H
#define FEATURES_RELATIVE_H

#include <stddef.h>

#include "features/pair.h"

/* A negation negates one of the headline's words when it comes at most
 * this many tokens before it ("did not resign"). */
#define RELATIVE_NEG_WINDOW 3

/* Fill the rel.* entries of f[PAIR_N_DENSE] for headline a against
 * statement or body b (features_pair() calls it; the others are left
 * alone).  For each sentence s of b, let m(s) be the share of a's content
 * words that s holds; a feature is the largest m(s) over the sentences
 * with a cue of its kind (the spec's refutation, negation and hedging
 * lists; a negation only just before one of a's words), so a denial in
 * the sentences that tell the headline's story counts most and one
 * elsewhere in the body little or nothing.  A cue that is one of a's own
 * words is not counted: "hoax" against a headline calling a story a hoax
 * agrees with it. */
/* a_pos[i] is the position of b's token i in a->content (svec_find()), or
 * SIZE_MAX: features_pair() finds each of b's tokens once for both uses. */
void relative_features(const struct text_info *a, const struct text_info *b,
                       int long_b, const size_t *a_pos, double *f);

#endif

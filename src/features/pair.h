/* pair.h - a statement's analysis, and (a, b) -> pair features. */
#ifndef FEATURES_PAIR_H
#define FEATURES_PAIR_H

#include <stddef.h>
#include <stdint.h>

#include "features/spec.h"
#include "features/svec.h"
#include "text/tokenize.h"

/* Dense pair features: model inputs 1..PAIR_N_DENSE (0 is the bias). */
enum pair_feature {
    PF_COS,             /* TF-IDF cosine of a and b */
    PF_JACCARD,         /* Jaccard of content-word sets */
    PF_A_IN_B,          /* share of a's content words found in b */
    PF_B_IN_A,          /* share of b's content words found in a */
    PF_BIGRAM,          /* share of a's bigrams found in b */
    PF_A_ONLY,          /* a's unshared content words, log1p(count) */
    PF_B_ONLY,          /* b's unshared content words (short b), log1p */
    PF_SENT_MAX,        /* best cosine of a with one of b's sentences */
    PF_SENT_MEAN,       /* mean cosine over b's sentences */
    PF_SENT_TOP3,       /* mean of the best three */
    PF_SENT_COVER,      /* best share of a's content words in one sentence */
    PF_LEN_A,           /* log1p(tokens of a) / 4 */
    PF_LEN_B,           /* log1p(tokens of b) / 8 */
    PF_NEG_A,           /* negation cues in a, min(n, 3) / 3 */
    PF_NEG_B,           /* in b: count for short b, rate per sentence else */
    PF_NEG_TOP,         /* in b's three sentences most like a */
    PF_NEG_ASYM,        /* exactly one side negates (b side: top sentences) */
    PF_REF_A,
    PF_REF_B,
    PF_REF_TOP,
    PF_HEDGE_A,
    PF_HEDGE_B,
    PF_HEDGE_TOP,
    PF_QUESTION_A,      /* a asks a question */
    PF_NUM_A,           /* a holds a number */
    PF_NUM_A_MISS,      /* share of a's numbers absent from b */
    PF_NUM_B_MISS,      /* share of b's numbers absent from a (short b) */
    PF_SIM_REF,         /* PF_SENT_MAX * PF_REF_TOP */
    PF_SIM_NEG,         /* PF_SENT_MAX * PF_NEG_TOP */
    PF_SIM_HEDGE,       /* PF_SENT_MAX * PF_HEDGE_TOP */
    PF_SIM_ASYM,        /* PF_SENT_MAX * PF_NEG_ASYM */
    PAIR_N_DENSE
};

/* Names of the dense features ("sim.cos_tfidf", ...), for explanations. */
extern const char *const pair_feature_names[PAIR_N_DENSE];

/* Everything about one statement that does not depend on the other side.
 * Computed once per distinct text: FNC-1 has 49,972 pairs but 1,683
 * bodies. */
struct text_info {
    struct token_list tl;
    uint8_t *cue;               /* per token: 1 << enum cue bits */
    size_t *sent_end;           /* token index where sentence i ends */
    size_t n_sent;
    size_t n_words;             /* tokens that are not punctuation */
    unsigned n_cue[N_CUES];
    int has_question;
    struct svec tfidf;          /* l2-normalised, over unigram hashes */
    struct svec *sent_tfidf;    /* the same per sentence */
    struct svec content;        /* content-word hashes, value 1 */
    struct svec bigrams;        /* bigram hashes, value 1 */
    struct svec numbers;        /* number hashes, value 1 */
};

void text_info_init(struct text_info *ti);
void text_info_clear(struct text_info *ti);

/* Tokenise and split s[0..len) and mark its cues: the part of the analysis
 * that needs no IDF.  Returns 0, STATUS_UTF8 or STATUS_NOMEM. */
int text_analyze(const struct feature_spec *spec, const char *s, size_t len,
                 struct text_info *ti);

/* Compute the IDF-weighted parts (whole-text and per-sentence TF-IDF);
 * needs spec's IDF.  Returns 0 or STATUS_NOMEM. */
int text_weigh(const struct feature_spec *spec, struct text_info *ti);

/* text_analyze then text_weigh. */
int text_info_build(const struct feature_spec *spec, const char *s,
                    size_t len, struct text_info *ti);

/* Feature names for explanations: the inputs a pair produced, by index. */
struct feature_names {
    uint32_t *idx;
    char **name;
    size_t n, cap;
};

void feature_names_init(struct feature_names *fn);
void feature_names_clear(struct feature_names *fn);
/* The name recorded for model input idx, or NULL. */
const char *feature_names_get(const struct feature_names *fn, uint32_t idx);

enum pair_side { SIDE_A, SIDE_B };

/* Append the bag-of-n-grams block of one side (namespaced "a" or "b", l2
 * normalised) to out, unsorted.  Records names when names != NULL. */
int features_bow(const struct feature_spec *spec, const struct text_info *ti,
                 enum pair_side side, struct svec *out,
                 struct feature_names *names);

/* Compute the dense pair features into dense[PAIR_N_DENSE] and append the
 * pair's own sparse block (crossed unshared words) to extra (may be NULL),
 * unsorted.  *top_sent (may be NULL) gets the sentence of b most like a
 * when its words are features (SIZE_MAX otherwise): see features_top(). */
int features_pair(const struct feature_spec *spec, const struct text_info *a,
                  const struct text_info *b, double *dense,
                  struct svec *extra, size_t *top_sent,
                  struct feature_names *names);

/* Append the words of sentence top of b (namespaced "top", l2-normalised)
 * to out, unsorted; nothing when top is SIZE_MAX.  Many headlines pick the
 * same sentence of a body, so training shares these blocks. */
int features_top(const struct feature_spec *spec, const struct text_info *b,
                 size_t top, struct svec *out, struct feature_names *names);

/* The whole input vector of a pair, sorted: bias, dense features, both bags
 * and the pair block.  What predict and explain use. */
int features_full(const struct feature_spec *spec, const struct text_info *a,
                  const struct text_info *b, struct svec *x,
                  struct feature_names *names);

#endif

/* pair.h - a statement's analysis, and (a, b) -> pair features. */
#ifndef FEATURES_PAIR_H
#define FEATURES_PAIR_H

#include <stddef.h>
#include <stdint.h>

struct align_info;

#include "features/spec.h"
#include "features/svec.h"
#include "text/tokenize.h"

/* Dense pair features: model inputs 1..PAIR_N_DENSE (0 is the bias), one
 * line each: X(enum constant, name in explanations and model files, the
 * groups that must all be on).  Model files record the names, so a model
 * made with another list is mapped by name (src/model/model_json.c), never
 * read by position; the first PAIR_N_DENSE_V1 entries are the list of
 * models that predate the names and must stay first, in this order. */
#define PAIR_FEATURES(X) \
    X(PF_COS, "sim.cos_tfidf", FG_TFIDF) /* TF-IDF cosine of a and b */ \
    X(PF_JACCARD, "overlap.jaccard", FG_OVERLAP) /* of content words */ \
    X(PF_A_IN_B, "overlap.a_in_b", FG_OVERLAP) /* share of a's in b */ \
    X(PF_B_IN_A, "overlap.b_in_a", FG_OVERLAP) \
    X(PF_BIGRAM, "overlap.bigrams", FG_OVERLAP) /* a's bigrams in b */ \
    X(PF_A_ONLY, "overlap.a_only", FG_OVERLAP) /* log1p(unshared) */ \
    X(PF_B_ONLY, "overlap.b_only", FG_OVERLAP) /* short b only */ \
    X(PF_SENT_MAX, "sent.max_cos", FG_SENTENCES) /* best b sentence */ \
    X(PF_SENT_MEAN, "sent.mean_cos", FG_SENTENCES) \
    X(PF_SENT_TOP3, "sent.top3_cos", FG_SENTENCES) \
    X(PF_SENT_COVER, "sent.max_cover", FG_SENTENCES) \
    X(PF_LEN_A, "len.a", FG_OVERLAP) /* log1p(tokens of a) / 4 */ \
    X(PF_LEN_B, "len.b", FG_OVERLAP) /* log1p(tokens of b) / 8 */ \
    X(PF_NEG_A, "cue.neg_a", FG_CUES) /* min(n, 3) / 3 */ \
    X(PF_NEG_B, "cue.neg_b", FG_CUES) /* long b: rate per sentence */ \
    X(PF_NEG_TOP, "cue.neg_top", FG_CUES) /* b's 3 sentences most like a */ \
    X(PF_NEG_ASYM, "cue.neg_asym", FG_CUES) /* exactly one side negates */ \
    X(PF_REF_A, "cue.refute_a", FG_CUES) \
    X(PF_REF_B, "cue.refute_b", FG_CUES) \
    X(PF_REF_TOP, "cue.refute_top", FG_CUES) \
    X(PF_HEDGE_A, "cue.hedge_a", FG_CUES) \
    X(PF_HEDGE_B, "cue.hedge_b", FG_CUES) \
    X(PF_HEDGE_TOP, "cue.hedge_top", FG_CUES) \
    X(PF_QUESTION_A, "cue.question_a", FG_CUES) \
    X(PF_NUM_A, "num.a_has", FG_NUMBERS) \
    X(PF_NUM_A_MISS, "num.a_missing", FG_NUMBERS) /* a's absent from b */ \
    X(PF_NUM_B_MISS, "num.b_missing", FG_NUMBERS) /* short b */ \
    X(PF_SIM_REF, "sent.max_x_refute", FG_SENTENCES | FG_CUES) \
    X(PF_SIM_NEG, "sent.max_x_neg", FG_SENTENCES | FG_CUES) \
    X(PF_SIM_HEDGE, "sent.max_x_hedge", FG_SENTENCES | FG_CUES) \
    X(PF_SIM_ASYM, "sent.max_x_neg_asym", FG_SENTENCES | FG_CUES) \
    ALIGN_FEATURES(X)

/* The alignment group (features/align.c): short b only.  Shares are of the
 * content words of one side whose best match on the other side has that
 * relation; "a_specific" means a's word is a hyponym of its match in b.
 * The "_x_matched" ones are a cue times the share of the other words that
 * match (exact, lemma or synonym): one word swapped for its antonym, a
 * co-hyponym or another number, or one negation added, in an otherwise
 * identical sentence, is a contradiction, whatever the same cue means
 * between two sentences that differ everywhere.  "one_substitution": one
 * content word on each side is unaligned and every other one matches
 * (hit / miss, MI5 / MI14: a swap the table does not know).  Numbers
 * written with a unit ("38mm", "5pm") count the unit. */
#define ALIGN_FEATURES(X) \
    X(PF_AL_A_EXACT, "align.a_exact", FG_ALIGN) \
    X(PF_AL_A_LEMMA, "align.a_lemma", FG_ALIGN) \
    X(PF_AL_A_SYN, "align.a_synonym", FG_ALIGN) \
    X(PF_AL_A_SPEC, "align.a_specific", FG_ALIGN) \
    X(PF_AL_A_GEN, "align.a_general", FG_ALIGN) \
    X(PF_AL_A_ANT, "align.a_antonym", FG_ALIGN) \
    X(PF_AL_A_COHYP, "align.a_cohyponym", FG_ALIGN) \
    X(PF_AL_A_NONE, "align.a_none", FG_ALIGN) \
    X(PF_AL_B_EXACT, "align.b_exact", FG_ALIGN) \
    X(PF_AL_B_LEMMA, "align.b_lemma", FG_ALIGN) \
    X(PF_AL_B_SYN, "align.b_synonym", FG_ALIGN) \
    X(PF_AL_B_SPEC, "align.b_specific", FG_ALIGN) \
    X(PF_AL_B_GEN, "align.b_general", FG_ALIGN) \
    X(PF_AL_B_ANT, "align.b_antonym", FG_ALIGN) \
    X(PF_AL_B_COHYP, "align.b_cohyponym", FG_ALIGN) \
    X(PF_AL_B_NONE, "align.b_none", FG_ALIGN) \
    X(PF_AL_ANT_ANY, "align.antonym_any", FG_ALIGN) \
    X(PF_AL_COHYP_ANY, "align.cohyponym_any", FG_ALIGN) \
    X(PF_AL_A_NONE_N, "align.a_none_count", FG_ALIGN) /* log1p */ \
    X(PF_AL_B_NONE_N, "align.b_none_count", FG_ALIGN) \
    X(PF_SC_NEG_DIFF, "scope.neg_mismatch", FG_ALIGN) /* aligned words, */ \
    X(PF_SC_NEG_BOTH, "scope.neg_both", FG_ALIGN) /* one/both negated */ \
    X(PF_SC_NEG_LOOSE, "scope.neg_unaligned", FG_ALIGN) /* scope unmatched */ \
    X(PF_SC_MOD_DIFF, "scope.modal_mismatch", FG_ALIGN) \
    X(PF_SC_ANT_NEG, "scope.antonym_x_neg", FG_ALIGN) /* double flip */ \
    X(PF_Q_UNIV_ASYM, "quant.all_one_side", FG_ALIGN) /* all, every, each */ \
    X(PF_Q_EXIST_ASYM, "quant.some_one_side", FG_ALIGN) /* some, a few */ \
    X(PF_Q_NONE_ASYM, "quant.none_one_side", FG_ALIGN) /* no, none, ... */ \
    X(PF_Q_ALL_SOME, "quant.all_vs_some", FG_ALIGN) \
    X(PF_N_CONFLICT, "num.noun_conflict", FG_ALIGN) /* 43 vs 136 students */ \
    X(PF_N_AGREE, "num.noun_agree", FG_ALIGN) \
    X(PF_N_ANY_DIFF, "num.values_differ", FG_ALIGN) /* digits and words */ \
    X(PF_ORD_DIFF, "num.ordinal_conflict", FG_ALIGN) \
    X(PF_DATE_YEAR, "date.year_conflict", FG_ALIGN) \
    X(PF_DATE_MONTH, "date.month_conflict", FG_ALIGN) \
    X(PF_DATE_DAY, "date.weekday_conflict", FG_ALIGN) \
    X(PF_NAME_A_ONLY, "name.a_only", FG_ALIGN) /* share of a's names */ \
    X(PF_NAME_B_ONLY, "name.b_only", FG_ALIGN) \
    X(PF_AL_MATCHED, "align.matched", FG_ALIGN) /* exact..synonym share */ \
    X(PF_AL_ANT_X, "align.antonym_x_matched", FG_ALIGN) /* rose / fell, */ \
    X(PF_AL_COHYP_X, "align.cohyponym_x_matched", FG_ALIGN) /* the rest */ \
    X(PF_N_SWAP, "num.swapped", FG_ALIGN) /* each side has a value the */ \
    X(PF_N_SWAP_X, "num.swapped_x_matched", FG_ALIGN) /* other lacks */ \
    X(PF_SC_NEG_X, "scope.neg_mismatch_x_matched", FG_ALIGN) \
    X(PF_N_CONFLICT_X, "num.noun_conflict_x_matched", FG_ALIGN) \
    X(PF_ORD_X, "num.ordinal_conflict_x_matched", FG_ALIGN) \
    X(PF_Q_SWAP_X, "quant.swap_x_matched", FG_ALIGN) /* many / few */ \
    X(PF_AL_ONE_SUB, "align.one_substitution", FG_ALIGN) /* see below */ \
    RELATIVE_FEATURES(X)

/* Cues of b near a's own content words (features/relative.c): each is the
 * largest share of a's words that a sentence of b holds among the
 * sentences with such a cue near them (the cue lists are the spec's);
 * "plain_a" means a itself has no refutation or negation (a denial of a
 * plain claim, not of a denial). */
#define RELATIVE_FEATURES(X) \
    X(PF_REL_REFUTE, "rel.refute_near", FG_CUES | FG_SENTENCES) \
    X(PF_REL_NEG, "rel.neg_before", FG_CUES | FG_SENTENCES) /* not + a's */ \
    X(PF_REL_HEDGE, "rel.hedge_near", FG_CUES | FG_SENTENCES) \
    X(PF_REL_REFUTE_PLAIN, "rel.refute_near_x_plain_a", \
      FG_CUES | FG_SENTENCES) \
    X(PF_REL_NEG_PLAIN, "rel.neg_before_x_plain_a", FG_CUES | FG_SENTENCES) \
    X(PF_REL_SENTENCES, "rel.denying_sentences", /* m >= 0.25; of 3 */ \
      FG_CUES | FG_SENTENCES) \
    X(PF_REL_LEAD, "rel.deny_in_lead", FG_CUES | FG_SENTENCES) /* long b */ \
    X(PF_REL_PLAIN_B, "rel.plain_x_denying_a", /* a denies, b tells it */ \
      FG_CUES | FG_SENTENCES) \
    X(PF_REL_REFUTE_QUESTION, "rel.refute_near_x_question_a", \
      FG_CUES | FG_SENTENCES)

enum pair_feature {
#define X(id, name, groups) id,
    PAIR_FEATURES(X)
#undef X
    PAIR_N_DENSE
};

#define PAIR_N_DENSE_V1 31      /* models without recorded names */

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
    struct align_info *align;   /* for the align group; short texts only */
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

/* Do specs a and b analyse a text alike (text_analyze(): the same cue
 * lists, and no alignment in either), so that one's analysis can be
 * copied for the other and only weighed again? */
int spec_same_analysis(const struct feature_spec *a,
                       const struct feature_spec *b);

/* A copy of src's analysis (the part text_analyze() makes: keep the two
 * in step when a field is added) into dst,
 * which must be empty (text_info_init()); text_weigh() it next.  src has
 * no alignment (see spec_same_analysis()).  0 or STATUS_NOMEM (dst then
 * needs text_info_clear()). */
int text_info_copy_analysis(struct text_info *dst,
                            const struct text_info *src);

/* Give back what the analysis holds beyond its contents (the room
 * reserved while it was made, 64 words' room in the alignment block), for
 * an analysis kept for later pairs; it is not analysed again after.  The
 * same contents.  0 or STATUS_NOMEM (the analysis is then as it was). */
int text_info_compact(struct text_info *ti);

/* What an analysis holds, in bytes (the structure and what it points to,
 * by capacity; not the allocator's overhead). */
size_t text_info_bytes(const struct text_info *ti);

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

/* The bag-of-n-grams block of one side alone into out (reset first),
 * sorted, each index once: what features_bow() appends.  A text scored
 * against many others keeps it (model.c's cache).  0 or STATUS_NOMEM. */
int features_bow_block(const struct feature_spec *spec,
                       const struct text_info *ti, enum pair_side side,
                       struct svec *out);

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

/* The pair's own entries, sorted: bias, dense features, the pair block
 * (crossed words) and b's top sentence: features_full() without the two
 * bags, for a caller that has each side's bag weighed already (model.c's
 * cache, check's statements), so that a long body's bag is neither rebuilt
 * nor scored again for every pair.  0 or STATUS_NOMEM. */
int features_own(const struct feature_spec *spec, const struct text_info *a,
                 const struct text_info *b, struct svec *x);

#endif

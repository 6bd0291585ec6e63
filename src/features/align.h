/* align.h - what the alignment features know about one statement: its
 * content words with their lemmas, senses, antonyms and ancestors from the
 * lexical table, the negation and modal scoping each word, its numbers,
 * dates and names; and the alignment of two statements' words. */
#ifndef FEATURES_ALIGN_H
#define FEATURES_ALIGN_H

#include <stddef.h>
#include <stdint.h>

#include "features/spec.h"
#include "text/tokenize.h"

struct lexicon;

#define ALIGN_SENSES 15
#define ALIGN_ANCESTORS 32
#define ALIGN_DEPTH 8
#define ALIGN_WALK_SENSES 4     /* senses whose hypernyms are walked */
/* The most synsets a common hypernym of two co-hyponyms may be above
 * (WordNet's "adult" is above 633, "person" above 10,297). */
#define ALIGN_COHYP_BELOW 1000

/* Every id list is a sorted set, so that two words are related by one
 * merge of two short lists.  The hypernyms are not here: they are walked
 * only for the words of a pair that match nothing exactly (see
 * align_features), since the walk is most of the cost of a word. */
struct align_word {
    uint32_t tok;                   /* token index */
    uint32_t hash, lemma;           /* lemma: the hash itself if unknown */
    uint32_t syn[ALIGN_SENSES];     /* senses (synset ids) */
    uint32_t head[ALIGN_SENSES];    /* their cluster heads */
    uint32_t ant[ALIGN_SENSES];     /* antonyms of the senses, as heads */
    uint32_t seed[ALIGN_WALK_SENSES];   /* the commonest senses, in order */
    uint8_t n_syn, n_head, n_ant, n_seed;
    uint8_t neg;                    /* in the scope of a negation */
    uint8_t modal;                  /* in the scope of a modal */
};

/* A word's hypernyms up to ALIGN_DEPTH up from its seed senses, sorted,
 * each at its least depth. */
struct align_anc {
    uint32_t id[ALIGN_ANCESTORS];
    uint8_t depth[ALIGN_ANCESTORS];
    uint8_t n;
};

/* A number and the noun it counts ("43 students"); noun 0: none. */
struct align_number {
    double value;
    uint32_t noun;                  /* lemma hash of the counted word */
};

#define ALIGN_MAX_WORDS 64
#define ALIGN_MAX_ITEMS 16

/* One block, no pointers inside: analysing a text allocates it once, or
 * not at all when the caller hands back the block of an earlier text.
 * The words come last, room for cap_w of them: ALIGN_MAX_WORDS as
 * align_analyze() makes it, n_w in a copy of align_info_compact(). */
struct align_info {
    size_t n_w, cap_w;
    struct align_number num[ALIGN_MAX_ITEMS];
    size_t n_num;
    uint32_t ordinal[ALIGN_MAX_ITEMS], year[ALIGN_MAX_ITEMS],
             month[ALIGN_MAX_ITEMS], weekday[ALIGN_MAX_ITEMS],
             name[ALIGN_MAX_ITEMS];
    size_t n_ordinal, n_year, n_month, n_weekday, n_name;
    unsigned char quant_univ, quant_exist, quant_none;
    uint32_t quant_words;           /* which quantifier words, a bit each */
    const struct lexicon *lex;      /* borrowed from the spec; may be NULL */
    struct align_word w[];          /* the first n_w of cap_w */
};

/* Bytes of a block with room for n_w words. */
size_t align_info_size(size_t n_w);

/* Analyse tokens tl (with their cue bits, one per token, and the sentence
 * ends) into *out, looking words up in spec->lex when there is one.  A
 * non-NULL *out (from an earlier call) is reused, so analysing many texts
 * in turn allocates once (a compact one is replaced by a full block).
 * Returns 0 or STATUS_NOMEM (*out untouched). */
int align_analyze(const struct feature_spec *spec,
                  const struct token_list *tl, const uint8_t *cue,
                  const size_t *sent_end, size_t n_sent,
                  struct align_info **out);

void align_info_free(struct align_info *ai);

/* Replace *ai by a copy with room for its n_w words alone (a text's block
 * kept for later pairs: 64 words' room is most of it).  0 or STATUS_NOMEM
 * (*ai untouched). */
int align_info_compact(struct align_info **ai);

/* The relation of a word to its best match on the other side. */
enum align_rel {
    REL_EXACT, REL_LEMMA, REL_SYNONYM, REL_SPECIFIC, REL_GENERAL,
    REL_ANTONYM, REL_COHYPONYM, REL_NONE, N_REL
};

/* The relation of word x to word y, seen from x: REL_SPECIFIC when x is a
 * hyponym of y (dog / animal).  Seen from y it is the same, with
 * REL_SPECIFIC and REL_GENERAL swapped.  Exposed for tests. */
enum align_rel align_relate(const struct lexicon *lx,
                            const struct align_word *x,
                            const struct align_word *y);

/* The alignment features of (a, b) into f[PF_AL_A_EXACT .. PF_AL_ONE_SUB]
 * (indices of enum pair_feature). */
void align_features(const struct align_info *a, const struct align_info *b,
                    double *f);

#endif

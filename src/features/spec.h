/* spec.h - the feature specification a model carries: everything train
 * decided that score, eval and check need to recompute the same features. */
#ifndef FEATURES_SPEC_H
#define FEATURES_SPEC_H

#include <stddef.h>
#include <stdint.h>

struct lexicon;

enum cue {
    CUE_NEG,        /* negation: not, n't, no, never, ... */
    CUE_REFUTE,     /* refutation: deny, hoax, false, debunk, ... */
    CUE_HEDGE,      /* reporting and hedging: reportedly, claim, ... */
    CUE_STOP,       /* function words left out of overlap (never negations) */
    N_CUES
};

/* Feature groups, switched on and off with --features. */
enum feature_group {
    FG_BOW_A = 1 << 0,      /* bag of n-grams of a */
    FG_BOW_B = 1 << 1,      /* bag of n-grams of b */
    FG_OVERLAP = 1 << 2,    /* Jaccard, coverage, shared/unshared counts */
    FG_TFIDF = 1 << 3,      /* TF-IDF cosine */
    FG_CUES = 1 << 4,       /* negation, refutation, hedging on each side */
    FG_NUMBERS = 1 << 5,    /* numbers that disagree */
    FG_SENTENCES = 1 << 6,  /* a against b's sentences */
    FG_TOP = 1 << 7,        /* words of b's sentence most like a */
    FG_CROSS = 1 << 8,      /* crossed words the two sides do not share */
    FG_ALIGN = 1 << 9,      /* word alignment, scope, numbers, names */
    FG_ALL = (1 << 10) - 1,
    FG_DEFAULT = FG_ALL & ~FG_ALIGN     /* align is asked for: +align */
};

/* One list of cue words; an entry ending in '*' matches as a prefix. */
struct cue_list {
    char **word;
    size_t *len;                /* strlen of each word, without a '*' */
    unsigned char *prefix;      /* 1 where the word ends in '*' */
    size_t n;
    /* the words by first byte: those starting with byte c are
     * by_first[first_start[c] .. first_start[c + 1]), so a token is
     * compared with a handful of words, not the whole list */
    size_t *by_first;
    size_t *first_start;        /* 257 entries */
};

/* Every cue list at once, for spec_cue_bits(): the words without a '*' in
 * a table found by their hash, each with the bits of the lists it is in,
 * and the prefixes by first byte. */
struct cue_word {
    const char *word;           /* borrowed from the lists */
    size_t len;
    uint32_t hash;              /* fnv1a of word[0..len) */
    unsigned bits;              /* 1 << enum cue; 0: an empty slot */
};

struct cue_index {
    struct cue_word *exact;     /* n_slots, a power of two */
    size_t n_slots;
    struct cue_word *prefix;    /* by first byte: prefix[prefix_start[c] ..
                                 * prefix_start[c + 1]) */
    size_t *prefix_start;       /* 257 entries */
};

struct feature_spec {
    unsigned hash_bits;         /* hashed features live in 2^hash_bits slots */
    unsigned ngram_min, ngram_max;
    unsigned groups;            /* enum feature_group bits */
    size_t long_b;              /* b with more tokens than this is a document */
    struct cue_list cues[N_CUES];
    struct cue_index cue_index; /* of cues[], rebuilt by spec_set_cues() */
    /* inverse document frequency of unigram hashes, sorted by key */
    size_t n_docs;
    size_t n_idf;
    uint32_t *idf_key;
    double *idf_val;
    int idf_borrowed;           /* both in a model file's text (its
                                 * m->text): not freed here */
    /* where the keys with each value of their top SPEC_IDF_BUCKET_BITS
     * bits start (1 + 2^bits entries; NULL: search all of them) */
    uint32_t *idf_bucket;
    /* the lexical table the alignment uses (borrowed; NULL: words align
     * only by form), and what the model file records of it */
    const struct lexicon *lex;
    char *lex_file;             /* file name, beside the model */
    uint64_t lex_sum;           /* its checksum; 0 when none */
};

#define SPEC_IDF_BUCKET_BITS 12

#define SPEC_HASH_BITS_MIN 10
#define SPEC_HASH_BITS_MAX 24

/* Fill spec with the defaults and the built-in cue lexicons (no IDF yet).
 * Returns 0 or STATUS_NOMEM; on failure spec needs spec_clear() anyway. */
int spec_init_default(struct feature_spec *spec);
void spec_clear(struct feature_spec *spec);

/* Replace cue list c with a copy of words[0..n). */
int spec_set_cues(struct feature_spec *spec, enum cue c,
                  const char *const *words, size_t n);

/* Parse a --features value such as "all", "-cross", "+cross,-bow_b" or
 * "overlap,tfidf" into *groups (starting from *groups for +/- forms).
 * Returns 0, or STATUS_USAGE with the bad name in e. */
struct err;
int spec_parse_groups(const char *s, unsigned *groups, struct err *e);

/* Comma-separated names of the groups in bits, into buf. */
void spec_format_groups(unsigned bits, char *buf, size_t size);

/* Names of the groups, indexed by bit position. */
extern const char *const spec_group_names[];
extern const size_t spec_n_groups;

/* Is the folded token s[0..n) in cue list c? */
int spec_is_cue(const struct feature_spec *spec, enum cue c,
                const char *s, size_t n);

/* The cue lists the folded token s[0..n) is in, as 1 << enum cue bits:
 * spec_is_cue() of every list at once.  hash is fnv1a(s, n), the token's
 * hash (struct token), so a token is looked up, not compared with the
 * words that share its first byte. */
unsigned spec_cue_bits(const struct feature_spec *spec, const char *s,
                       size_t n, uint32_t hash);

/* IDF of a unigram hash; unseen words get the largest possible value. */
double spec_idf(const struct feature_spec *spec, uint32_t key);

/* Learn IDF from document frequencies: keys[i] is in df[i] of n_docs
 * documents.  keys must be sorted and unique.  Smoothed as in
 * idf = ln((1 + N) / (1 + df)) + 1. */
int spec_set_idf(struct feature_spec *spec, size_t n_docs,
                 const uint32_t *keys, const uint32_t *df, size_t n);

/* Index the IDF keys (sorted, spec->n_idf of them) for spec_idf(); call
 * after setting them.  0 or STATUS_NOMEM (spec_idf then searches them
 * all, as before). */
int spec_index_idf(struct feature_spec *spec);

/* Total number of model inputs: bias, dense pair features, hashed slots. */
size_t spec_dim(const struct feature_spec *spec);

#endif

/* gainsay.h - the gainsay library: find where an article contradicts
 * itself, score and explain pairs of statements.
 *
 * Small on purpose, in the spirit of liblinear's API: load the models,
 * check a document held in memory, score a pair, explain a pair, free.
 * Nothing here prints, exits or aborts: every function that can fail
 * returns a status (GAINSAY_OK is 0) and, when err is not NULL, writes a
 * message naming what failed into err.
 *
 * Ownership: whatever a gainsay_* function returns through a pointer
 * argument belongs to the caller and is freed with the matching _free
 * function; arguments are borrowed for the call and never kept.  A
 * struct gainsay may be shared by threads (it is read-only once loaded);
 * each call uses only its own memory.
 *
 * Link with `pkg-config --cflags --libs gainsay`. */
#ifndef GAINSAY_H
#define GAINSAY_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define GAINSAY_API_VERSION 1

enum gainsay_status {
    GAINSAY_OK = 0,
    GAINSAY_NOMEM,              /* out of memory */
    GAINSAY_IO,                 /* a model file could not be read */
    GAINSAY_PARSE,              /* malformed input (e.g. no body) */
    GAINSAY_UTF8,               /* input is not valid UTF-8 */
    GAINSAY_FORMAT,             /* well-formed, not what was expected */
    GAINSAY_VERSION,            /* a model from a newer gainsay */
    GAINSAY_USAGE,              /* a bad argument */
    GAINSAY_NUMERIC             /* non-finite values */
};

/* What went wrong: a status and a message such as "nli.json: model
 * version 3 not supported (this build reads 1..1)". */
struct gainsay_error {
    int status;
    char message[512];
};

/* The loaded models; opaque. */
struct gainsay;

/* Load the models and data files of a directory: nli.json (the sentence
 * model, required), and when present stance.json (the headline against
 * the whole body, for the verdict), headline.json (the headline against
 * each statement) and furniture.json (lines left out as page furniture).
 * models_dir NULL is the installed directory (pkg-config --variable=
 * modelsdir gainsay).  On success *out is set and must be released with
 * gainsay_free(). */
int gainsay_load(struct gainsay **out, const char *models_dir,
                 struct gainsay_error *err);

/* NULL does nothing. */
void gainsay_free(struct gainsay *g);

/* The sentence model's labels: how many, each name, and which one means
 * contradiction.  The strings live as long as g. */
size_t gainsay_n_labels(const struct gainsay *g);
const char *gainsay_label(const struct gainsay *g, size_t i);
size_t gainsay_flag_label(const struct gainsay *g);

/* The model's calibrated threshold on p(flag). */
double gainsay_threshold(const struct gainsay *g);

enum gainsay_input {
    GAINSAY_INPUT_TEXT,         /* headline: the first non-empty line */
    GAINSAY_INPUT_MARKDOWN,     /* CommonMark with YAML front matter */
    GAINSAY_INPUT_HTML
};

/* Where a statement is in the document: bytes [start, end), and 1-based
 * line and column (in code points) of its first character and of the one
 * after its last.  All zero for a headline given by the caller. */
struct gainsay_span {
    size_t start, end;
    size_t line, column;
    size_t end_line, end_column;
};

struct gainsay_statement {
    const char *kind;           /* "headline", "sentence", "quote",
                                   "reported" */
    char *text;                 /* NUL-terminated copy */
    char *speaker;              /* for attributed quotes, else NULL */
    struct gainsay_span span;
};

/* One input's share of the score of the flag label. */
struct gainsay_reason {
    char *feature;              /* e.g. "cue.neg_asym", "b_only:not" */
    double value;               /* the input's value */
    double weight;              /* value times weight: its contribution */
};

struct gainsay_finding {
    const char *pair_kind;      /* "headline-sentence", "headline-quote",
                                   "quote-quote", "sentence-sentence" */
    const char *label;          /* the label the model predicts */
    double probability;         /* of the flag label */
    struct gainsay_statement a, b;
    struct gainsay_reason *reasons;     /* largest first */
    size_t n_reasons;
};

struct gainsay_result {
    struct gainsay_statement headline;  /* text NULL when there is none */
    const char *verdict;        /* the stance label, or NULL without a
                                   stance model */
    double verdict_probability;
    double threshold;           /* the threshold the findings met */
    size_t n_scored;            /* statement pairs scored */
    struct gainsay_finding *findings;   /* most probable first */
    size_t n_findings;
};

/* Check one article of len bytes held in memory (UTF-8, no NULs).
 * threshold < 0 uses the model's calibrated threshold; headline, when not
 * NULL, is the headline and all of text the body.  On success *out is set
 * and must be released with gainsay_result_free(); it keeps no pointer
 * into text. */
int gainsay_check(const struct gainsay *g, const char *text, size_t len,
                  enum gainsay_input input, const char *headline,
                  double threshold, struct gainsay_result **out,
                  struct gainsay_error *err);

/* NULL does nothing. */
void gainsay_result_free(struct gainsay_result *r);

/* The sentence model's probabilities for the pair (a, b) into
 * probs[gainsay_n_labels(g)], and the predicted label into *label (may be
 * NULL). */
int gainsay_score(const struct gainsay *g, const char *a, size_t alen,
                  const char *b, size_t blen, double *probs, size_t *label,
                  struct gainsay_error *err);

/* The at most max inputs of the pair that move the flag label's score
 * most, largest first (the bias left out).  On success *out (n entries,
 * *n set) must be released with gainsay_reasons_free(*out, *n). */
int gainsay_explain(const struct gainsay *g, const char *a, size_t alen,
                    const char *b, size_t blen, size_t max,
                    struct gainsay_reason **out, size_t *n,
                    struct gainsay_error *err);

void gainsay_reasons_free(struct gainsay_reason *r, size_t n);

/* "gainsay X.Y.Z" of the library. */
const char *gainsay_version(void);

#ifdef __cplusplus
}
#endif

#endif

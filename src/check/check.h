/* check.h - choose the pairs of an article's statements, score them with
 * the models, and keep those at or above the threshold as findings. */
#ifndef CHECK_CHECK_H
#define CHECK_CHECK_H

#include <stddef.h>

#include "base/err.h"
#include "doc/document.h"
#include "model/model.h"

/* The kinds of pair a check scores: X(constant, name, description), in
 * the order of enum pair_kind.  Kind k is bit 1 << k of a set of kinds
 * (check_options.pairs, the --pairs setting).  A new kind is one line
 * here, the code in check.c that chooses its pairs, and its SARIF rule in
 * report/sarif.c (a static assertion there counts the rules). */
#define PAIR_KIND_LIST(X)                                                 \
    X(PAIR_HEADLINE_SENTENCE, "headline-sentence",                        \
      "the headline against each body sentence")                          \
    X(PAIR_HEADLINE_QUOTE, "headline-quote",                              \
      "the headline against each quoted or reported statement")           \
    X(PAIR_QUOTE_QUOTE, "quote-quote",                                    \
      "quotes against the quotes of other speakers")                      \
    X(PAIR_SENTENCE_SENTENCE, "sentence-sentence",                        \
      "related body sentences against each other")

enum pair_kind {
#define PAIR_KIND_ENUM(c, name, description) c,
    PAIR_KIND_LIST(PAIR_KIND_ENUM)
#undef PAIR_KIND_ENUM
    N_PAIR_KINDS
};

/* The bit of kind k, and every kind. */
#define PAIR_KIND_BIT(k) (1u << (k))
#define PAIR_KINDS_ALL (PAIR_KIND_BIT(N_PAIR_KINDS) - 1u)

/* The name ("headline-quote") and description of kind k; "?" when k is
 * no kind. */
const char *pair_kind_name(enum pair_kind k);
const char *pair_kind_description(enum pair_kind k);

/* The kind called s[0..len): 0 and *out set, or -1 when no kind is. */
int pair_kind_lookup(const char *s, size_t len, enum pair_kind *out);

/* How sure a finding is: X(constant, name), least first. */
#define SEVERITY_LIST(X)                                                  \
    X(SEVERITY_NOTE, "note")        /* below the threshold (--all) */     \
    X(SEVERITY_WARNING, "warning")  /* at or above the threshold */       \
    X(SEVERITY_ERROR, "error")      /* and at or above error_at */

enum severity {
#define SEVERITY_ENUM(c, name) c,
    SEVERITY_LIST(SEVERITY_ENUM)
#undef SEVERITY_ENUM
    N_SEVERITIES
};

/* A fail level beyond every severity: nothing fails the run. */
#define FAIL_NEVER ((int)N_SEVERITIES)

const char *severity_name(enum severity s);

struct baseline;                /* check/baseline.h */
struct changed_file;            /* files/changes.h */

struct check_options {
    double threshold;           /* < 0: the model's calibrated threshold */
    double headline_threshold;  /* the same for the headline model */
    size_t top;                 /* keep at most this many findings; 0: all */
    int all;                    /* report every scored pair */
    unsigned pairs;             /* bit 1 << kind for each pair kind to
                                   score */
    size_t n_explain;           /* inputs per explanation */
    double related_min;         /* sentence pairs: TF-IDF cosine at least */
    size_t max_sentence_pairs;  /* cap on sentence-sentence pairs */
    double error_at;            /* findings at or above (and at or above
                                   their threshold) are errors, the rest
                                   warnings; below the threshold, notes */
    int fail_level;             /* findings of this severity or above
                                   fail the check (enum severity), or
                                   FAIL_NEVER */
    /* The filters, applied in this order before top, so that top counts
     * only what is reported.  Both are read, never changed, so threads
     * may share them. */
    const struct changed_file *changed; /* keep only the findings with a
                                           statement on one of its lines;
                                           NULL: keep all */
    const struct baseline *baseline;    /* set aside the findings it
                                           records for baseline_file (the
                                           file as the baseline names it);
                                           NULL: none */
    const char *baseline_file;
};

void check_options_default(struct check_options *o);

struct reason {
    char *feature;
    double value;
    double weight;              /* contribution to the flag label's score */
};

struct finding {
    enum pair_kind kind;
    size_t a, b;                /* statements of the document */
    const struct model *model;  /* the model that scored the pair */
    double threshold;           /* flagged when p_flag >= threshold */
    size_t label;               /* predicted label of that model */
    double p_flag;              /* probability of its flag label; for a
                                   pooled headline pair, the share of the
                                   verdict's p(flag) that it carries */
    int pooled;                 /* p_flag pooled with the verdict */
    double pair_p;              /* the pair model's own p(flag) */
    int against_verdict;        /* found in an article whose verdict is
                                   not the flag label nor neutral */
    double *probs;
    struct reason *why;
    size_t n_why;
    char fingerprint[17];       /* finding_fingerprint: what the pair is
                                   about, not where */
    enum severity severity;     /* under its threshold and error_at */
};

struct check_result {
    struct finding *f;          /* reported, most probable first */
    size_t n, cap;
    struct finding *excused;    /* set aside by the baseline (not
                                   explained), most probable first */
    size_t n_excused;
    size_t n_failing;           /* of f, those at or above fail_level */
    size_t n_scored;
    double threshold;           /* of the sentence model's pairs */
    int has_headline_model;
    double headline_threshold;  /* of the headline model's pairs */
    int has_stance;
    size_t stance_label;
    double *stance_probs;
    /* with a headline model and a stance verdict: the body's pooled
     * probability that some statement disputes the headline (noisy-OR of
     * the headline pairs), and the statements behind the verdict, most
     * probable first */
    double pooled_p;
    double best_p;              /* the highest headline pair's own p */
#define CHECK_BEHIND 3
    size_t behind[CHECK_BEHIND];
    double behind_p[CHECK_BEHIND];
    size_t n_behind;
};

void check_result_init(struct check_result *r);
void check_result_clear(struct check_result *r);

/* A fingerprint of what finding f is about, not where: its kind and the
 * two statements' texts with spacing folded, so edits elsewhere in the
 * file keep it.  16 hex digits and a NUL into out. */
void finding_fingerprint(const struct document *doc, const struct finding *f,
                         char out[17]);

/* The models of a check: nli scores statement pairs; headline (may be
 * NULL: nli does) the headline against each body sentence and quote;
 * stance (may be NULL) the headline against the whole body. */
struct check_models {
    const struct model *nli;
    const struct model *headline;
    const struct model *stance;
};

/* Check one parsed document: score its pairs, keep those at or above the
 * threshold (every one with opt->all), filter them (changed lines, then
 * the baseline, which sets its findings aside in r->excused), keep the
 * top ones and explain those.  Findings are sorted by probability,
 * highest first, and carry their fingerprints.  Returns 0 or a status
 * with e set. */
int check_document(const struct check_models *models,
                   const struct document *doc,
                   const struct check_options *opt, struct check_result *r,
                   struct err *e);

#endif

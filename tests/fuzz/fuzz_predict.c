/* fuzz_predict.c - libFuzzer target: prediction and explanation on any
 * model that loads.  A model that loads predicts a fixed pair (twice: the
 * second from the scratch's cache) and explains it with probabilities that
 * are finite and sum to 1, or refuses with an error; never a NaN, never a
 * crash.  Seeds are small models without a checksum (a fuzzed model with
 * one never loads), in tests/fuzz/seeds/fuzz_predict. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "features/pair.h"
#include "model/model.h"
#include "model/model_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char pair_a[] = "The minister denied on Tuesday that taxes "
    "would rise by 3% in 2027.";
static const char pair_b[] = "Taxes will rise in 2027, the minister said; "
    "\"no doubt\" about it, not 4%.";

/* p[0..n) are probabilities, or abort. */
static void check_probs(const double *p, size_t n, const char *what)
{
    double sum = 0;

    for (size_t k = 0; k < n; k++) {
        if (!isfinite(p[k]) || p[k] < 0 || p[k] > 1) {
            fprintf(stderr, "%s: p[%zu] = %g\n", what, k, p[k]);
            abort();
        }
        sum += p[k];
    }
    if (fabs(sum - 1) > 1e-6) {
        fprintf(stderr, "%s: probabilities sum to %.17g\n", what, sum);
        abort();
    }
}

static void predict(const struct model *m)
{
    struct model_scratch s;
    struct text_info a, b;
    struct explanation ex;
    struct err e = { 0 };
    double *p = calloc(m->n_labels, sizeof *p);
    size_t best, again;

    model_scratch_init(&s);
    text_info_init(&a);
    text_info_init(&b);
    memset(&ex, 0, sizeof ex);
    if (!p)
        goto out;
    best = model_predict(m, &s, pair_a, sizeof pair_a - 1, pair_b,
                         sizeof pair_b - 1, p, &e);
    if (best == SIZE_MAX) {
        if (e.msg[0] == '\0')
            abort();            /* refused without saying why */
    } else {
        if (best >= m->n_labels)
            abort();
        check_probs(p, m->n_labels, "predict");
        again = model_predict(m, &s, pair_a, sizeof pair_a - 1, pair_b,
                              sizeof pair_b - 1, p, &e);
        if (again != best)
            abort();            /* the cached analyses differ */
    }
    /* explain, as `gainsay explain` does: its own path to the scores */
    if (text_info_build(&m->spec, pair_a, sizeof pair_a - 1, &a) != 0
        || text_info_build(&m->spec, pair_b, sizeof pair_b - 1, &b) != 0)
        goto out;
    if (model_explain(m, &a, &b, m->flag, &ex, &e) == 0)
        check_probs(ex.prob, m->n_labels, "explain");
out:
    explanation_clear(&ex);
    text_info_clear(&a);
    text_info_clear(&b);
    model_scratch_clear(&s);
    free(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct model *m = NULL;
    struct err e = { 0 };

    if (model_parse_json((const char *)data, size, "fuzz.json", &m, &e) != 0)
        return 0;
    predict(m);
    model_free(m);
    return 0;
}

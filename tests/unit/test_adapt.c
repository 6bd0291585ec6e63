/* test_adapt.c - training with sources: per-source copies of every input
 * (frustratingly easy domain adaptation) and per-source weights. */
#include <math.h>
#include <stdlib.h>

#include "t.h"
#include "data/dataset.h"
#include "model/labels.h"
#include "model/model.h"
#include "model/train.h"

#define N_PER 40

/* Two sources of N_PER pairs.  "beta" in b means contradiction in both.
 * Source 1 says "zeta" in every b, a word of its domain (as "patients" is
 * in the health sets), and holds more contradictions: three in four pairs
 * against one in two.  Each b has a filler word of its own. */
static void make_data(struct dataset *ds, size_t *source_of)
{
    static const char *const fill[] = { "red", "tall", "old", "new", "big" };

    dataset_init(ds);
    for (size_t s = 0; s < 2; s++)
        for (size_t i = 0; i < N_PER; i++) {
            char b[64];
            int contra = s == 0 ? i % 2 == 0 : i % 4 != 3;
            snprintf(b, sizeof b, "the %s house%s%s", fill[i % 5],
                     contra && i % 4 < 2 ? " beta" : "", s ? " zeta" : "");
            assert_int_equal(dataset_add(ds, "the house", 9, b, strlen(b),
                                         contra ? "contradiction"
                                                : "entailment",
                                         NULL, NULL, s, i + 1), 0);
            source_of[ds->n_pairs - 1] = s;
        }
}

/* The logit of contradiction for "the house" against b. */
static double logit(const struct model *m, const char *b)
{
    struct model_scratch sc;
    struct err e = { 0 };
    double p[2];
    size_t c = model_label_index(m, "contradiction");

    model_scratch_init(&sc);
    assert_int_not_equal(model_predict(m, &sc, "the house", 9, b, strlen(b),
                                       p, &e), SIZE_MAX);
    model_scratch_clear(&sc);
    return log(p[c] / p[1 - c]);
}

static struct model *fit_own(const struct dataset *ds,
                             const size_t *source_of, enum train_adapt adapt,
                             int balance, const unsigned char *sel,
                             const unsigned char *own)
{
    struct model *m = model_alloc();
    struct train_options opt;
    struct fit_result res;
    struct err e = { 0 };
    size_t *map = NULL;

    assert_non_null(m);
    assert_int_equal(labels_from_data(m, ds, &e), 0);
    m->flag = model_label_index(m, "contradiction");
    m->spec.hash_bits = 16;
    memset(&opt, 0, sizeof opt);
    opt.fit.l2 = 1e-2;
    opt.fit.max_iter = 2000;
    opt.fit.tol = 1e-10;
    opt.min_df = 1;
    opt.threads = 1;
    opt.source_of = source_of;
    opt.n_sources = 2;
    opt.adapt = adapt;
    opt.balance_sources = balance;
    opt.adapt_own = own;
    assert_int_equal(labels_map(m, ds, &map, &e), 0);
    if (train_model(m, ds, sel, map, &opt, &res, &e) != 0)
        print_error("%s\n", e.msg);
    assert_int_equal(e.code, STATUS_OK);
    free(map);
    return m;
}

static struct model *fit(const struct dataset *ds, const size_t *source_of,
                         enum train_adapt adapt, int balance,
                         const unsigned char *sel)
{
    return fit_own(ds, source_of, adapt, balance, sel, NULL);
}

/* The general copy learns what holds in every source: with adapt, the
 * word of one source (zeta) carries less of that source's share of
 * contradictions than without, the cue of both (beta) still counts, and
 * the model keeps no more rows than without.  Copies of the bias alone
 * take that share too (zeta is in every pair of its source). */
static void test_adapt(void **state)
{
    struct dataset ds;
    size_t source_of[2 * N_PER];
    struct model *plain, *adapted, *bias;
    double z_plain, z_adapted, z_bias;

    (void)state;
    make_data(&ds, source_of);
    plain = fit(&ds, source_of, ADAPT_NONE, 0, NULL);
    adapted = fit(&ds, source_of, ADAPT_ALL, 0, NULL);
    z_plain = logit(plain, "the red house zeta")
              - logit(plain, "the red house");
    z_adapted = logit(adapted, "the red house zeta")
                - logit(adapted, "the red house");
    if (!(z_plain > 0.2 && z_adapted < 0.7 * z_plain))
        print_error("zeta moves the logit by %.4f adapted, %.4f plain\n",
                    z_adapted, z_plain);
    assert_true(z_plain > 0.2);
    assert_true(z_adapted < 0.7 * z_plain);
    assert_true(logit(adapted, "the red house beta")
                > logit(adapted, "the red house") + 0.5);
    assert_int_equal(adapted->lr->n_rows, plain->lr->n_rows);
    assert_int_equal(adapted->lr->dim, plain->lr->dim);
    bias = fit(&ds, source_of, ADAPT_BIAS, 0, NULL);
    z_bias = logit(bias, "the red house zeta") - logit(bias, "the red house");
    if (!(z_bias < 0.7 * z_plain))
        print_error("zeta moves the logit by %.4f with bias copies\n",
                    z_bias);
    assert_true(z_bias < 0.7 * z_plain);
    assert_int_equal(bias->lr->n_rows, plain->lr->n_rows);
    model_free(plain);
    model_free(adapted);
    model_free(bias);
    dataset_clear(&ds);
}

/* Balanced sources: source 1 cut to a quarter of its pairs, balanced,
 * fits as source 1 cut so and weighed four times (its pairs given again
 * three times over, as duplicates of the same texts): the same model. */
static void test_balance(void **state)
{
    struct dataset ds, dup;
    size_t source_of[2 * N_PER], dup_source[N_PER + 4 * N_PER];
    unsigned char sel[2 * N_PER];
    struct model *bal, *rep;
    static const char *const probe[] = {
        "the red house alpha", "the old house beta", "the big house gamma"
    };

    (void)state;
    make_data(&ds, source_of);
    dataset_init(&dup);
    for (size_t i = 0; i < ds.n_pairs; i++) {
        const struct pair_rec *p = &ds.pairs[i];
        size_t times = source_of[i] == 0 ? 1 : i % 4 == 0 ? 4 : 0;
        sel[i] = times > 0;
        for (size_t t = 0; t < times; t++) {
            assert_int_equal(dataset_add(&dup, ds.texts.str[p->a],
                                         ds.texts.len[p->a],
                                         ds.texts.str[p->b],
                                         ds.texts.len[p->b],
                                         ds.labels.str[p->label], NULL,
                                         NULL, 0, i + 1), 0);
            dup_source[dup.n_pairs - 1] = source_of[i];
        }
    }
    bal = fit(&ds, source_of, ADAPT_NONE, 1, sel);
    rep = fit(&dup, dup_source, ADAPT_NONE, 0, NULL);
    for (size_t k = 0; k < 3; k++)
        assert_near(logit(bal, probe[k]), logit(rep, probe[k]), 1e-4);
    /* and balancing did something */
    model_free(rep);
    rep = fit(&ds, source_of, ADAPT_NONE, 0, sel);
    assert_true(fabs(logit(bal, probe[0]) - logit(rep, probe[0])) > 1e-2);
    model_free(bal);
    model_free(rep);
    dataset_clear(&ds);
    dataset_clear(&dup);
}

/* Copies for some sources only (adapt_own): copies for every source
 * listed are the same fit as no list, copies for none the same as no
 * adapt; copies for source 1 alone still take part of its word (zeta)
 * out of the general weights, a fit of its own. */
static void test_adapt_own(void **state)
{
    static const unsigned char only1[2] = { 0, 1 }, none[2] = { 0, 0 },
                               both[2] = { 1, 1 };
    static const char *const probe[] = {
        "the red house zeta", "the red house", "the old house beta zeta"
    };
    struct dataset ds;
    size_t source_of[2 * N_PER];
    struct model *plain, *all, *own1, *own0, *own01;
    double z_plain, z_all, z_own1;

    (void)state;
    make_data(&ds, source_of);
    plain = fit(&ds, source_of, ADAPT_NONE, 0, NULL);
    all = fit(&ds, source_of, ADAPT_ALL, 0, NULL);
    own1 = fit_own(&ds, source_of, ADAPT_ALL, 0, NULL, only1);
    own0 = fit_own(&ds, source_of, ADAPT_ALL, 0, NULL, none);
    own01 = fit_own(&ds, source_of, ADAPT_ALL, 0, NULL, both);
    for (size_t k = 0; k < 3; k++) {
        assert_near(logit(own01, probe[k]), logit(all, probe[k]), 1e-9);
        assert_near(logit(own0, probe[k]), logit(plain, probe[k]), 1e-9);
    }
    z_plain = logit(plain, probe[0]) - logit(plain, probe[1]);
    z_all = logit(all, probe[0]) - logit(all, probe[1]);
    z_own1 = logit(own1, probe[0]) - logit(own1, probe[1]);
    if (!(z_own1 < 0.9 * z_plain && fabs(z_own1 - z_all) > 1e-3))
        print_error("zeta: plain %.4f, all %.4f, copies for 1 %.4f\n",
                    z_plain, z_all, z_own1);
    assert_true(z_own1 < 0.9 * z_plain);
    assert_true(fabs(z_own1 - z_all) > 1e-3);
    assert_int_equal(own1->lr->dim, plain->lr->dim);
    assert_int_equal(own1->lr->n_rows, plain->lr->n_rows);
    model_free(plain);
    model_free(all);
    model_free(own1);
    model_free(own0);
    model_free(own01);
    dataset_clear(&ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_adapt),
        cmocka_unit_test(test_adapt_own),
        cmocka_unit_test(test_balance),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_eval.c - metrics, the FNC-1 score, thresholds and grouped folds. */
#include <stdlib.h>

#include "t.h"
#include "eval/metrics.h"
#include "eval/split.h"

static void test_metrics(void **state)
{
    static const char *const labels[] = { "a", "b", "c" };
    struct metrics mt;
    /* rows true, columns predicted */
    static const size_t conf[3][3] = { { 5, 1, 0 }, { 2, 3, 1 }, { 0, 0, 4 } };

    (void)state;
    assert_int_equal(metrics_init(&mt, 3), 0);
    for (size_t t = 0; t < 3; t++)
        for (size_t p = 0; p < 3; p++)
            for (size_t n = 0; n < conf[t][p]; n++)
                metrics_add(&mt, t, p);
    metrics_finish(&mt, labels);
    assert_int_equal(mt.n, 16);
    assert_near(mt.accuracy, 12.0 / 16.0, 1e-15);
    assert_near(mt.precision[0], 5.0 / 7.0, 1e-15);
    assert_near(mt.recall[1], 3.0 / 6.0, 1e-15);
    assert_near(mt.f1[2], 2 * 0.8 * 1.0 / 1.8, 1e-15);
    assert_int_equal(mt.support[1], 6);
    assert_near(mt.macro_f1, (mt.f1[0] + mt.f1[1] + mt.f1[2]) / 3, 1e-15);
    assert_false(mt.has_fnc);
    metrics_clear(&mt);
}

static void test_fnc_score(void **state)
{
    static const char *const labels[] = { "agree", "disagree", "discuss",
                                          "unrelated" };
    struct metrics mt;

    (void)state;
    assert_int_equal(metrics_init(&mt, 4), 0);
    metrics_add(&mt, 0, 0);     /* agree right: 1.0 */
    metrics_add(&mt, 1, 2);     /* disagree as discuss: 0.25 */
    metrics_add(&mt, 2, 3);     /* discuss as unrelated: 0 */
    metrics_add(&mt, 3, 3);     /* unrelated right: 0.25 */
    metrics_add(&mt, 3, 0);     /* unrelated as agree: 0 */
    metrics_finish(&mt, labels);
    assert_true(mt.has_fnc);
    assert_near(mt.fnc_raw, 1.5, 1e-15);
    assert_near(mt.fnc_max, 3.5, 1e-15);
    assert_near(mt.fnc_score, 100.0 * 1.5 / 3.5, 1e-12);
    metrics_clear(&mt);
}

static void test_threshold(void **state)
{
    double p[] = { 0.9, 0.8, 0.7, 0.3, 0.2, 0.6 };
    int y[] = { 1, 1, 0, 0, 0, 1 };
    double f1, t;

    (void)state;
    t = metrics_best_threshold(p, y, 6, &f1);
    /* flag 0.9, 0.8, 0.7, 0.6: tp 3 of 4 flagged, 3 positives: F1 6/7;
     * flag 0.9, 0.8: F1 0.8; so the cut is between 0.6 and 0.3 */
    assert_near(f1, 6.0 / 7.0, 1e-15);
    assert_near(t, 0.45, 1e-15);
}

static void add(struct dataset *ds, const char *a, const char *b,
                const char *label)
{
    assert_int_equal(dataset_add(ds, a, strlen(a), b, strlen(b), label,
                                 NULL, NULL, 0, 1), 0);
}

static void test_folds_keep_texts_apart(void **state)
{
    struct dataset ds;
    struct folds f;
    struct err e = { 0 };
    unsigned char *role = NULL;
    char h[32], b[32];

    (void)state;
    dataset_init(&ds);
    /* 30 claims, each with 3 headlines about one body, plus unrelated
     * pairs linking everything */
    for (int c = 0; c < 30; c++) {
        snprintf(b, sizeof b, "body %d", c);
        for (int k = 0; k < 3; k++) {
            snprintf(h, sizeof h, "headline %d.%d", c, k);
            add(&ds, h, b, k == 0 ? "agree" : "discuss");
            snprintf(b, sizeof b, "body %d", (c * 7 + k + 1) % 30);
            add(&ds, h, b, "unrelated");
            snprintf(b, sizeof b, "body %d", c);
        }
    }
    assert_int_equal(folds_make(&f, &ds, 5, 1, &e), 0);
    assert_int_equal(f.n_groups, 30);
    for (size_t fold = 0; fold < 5; fold++) {
        size_t n0 = ds.n_pairs, n_test = 0;
        unsigned char *train_text = calloc(ds.texts.n + 200, 1);
        assert_int_equal(folds_roles(&f, &ds, fold, 1, 1, &role, &e), 0);
        for (size_t i = 0; i < ds.n_pairs; i++)
            if (role[i] == ROLE_TRAIN)
                train_text[ds.pairs[i].a] = train_text[ds.pairs[i].b] = 1;
        /* no text of a test pair (old or refilled) is in training */
        for (size_t i = 0; i < ds.n_pairs; i++)
            if (role[i] == ROLE_TEST) {
                n_test++;
                assert_false(train_text[ds.pairs[i].a]);
                assert_false(train_text[ds.pairs[i].b]);
            }
        assert_true(n_test > 0);
        /* refilled pairs are unrelated and come after the originals */
        for (size_t i = n0; i < ds.n_pairs; i++)
            assert_string_equal(ds.labels.str[ds.pairs[i].label],
                                "unrelated");
        ds.n_pairs = n0;
        free(train_text);
    }
    folds_clear(&f);
    assert_int_equal(folds_make(&f, &ds, 31, 1, &e), STATUS_USAGE);
    folds_clear(&f);
    free(role);
    dataset_clear(&ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_metrics),
        cmocka_unit_test(test_fnc_score),
        cmocka_unit_test(test_threshold),
        cmocka_unit_test(test_folds_keep_texts_apart),
    };
    return cmocka_run_group_tests_name("eval", tests, NULL, NULL);
}

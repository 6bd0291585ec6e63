/* test_curves.c - precision-recall curves, operating points and the
 * reliability table behind `eval --report`. */
#include <stdlib.h>

#include "t.h"
#include "eval/curves.h"

/* Five pairs, two labels (0 is the flag).  p(flag) = 0.9, 0.8, 0.8, 0.35,
 * 0.15; truth 0, 1, 0, 0, 1. */
static const double probs[] = { 0.9, 0.1, 0.8, 0.2, 0.8, 0.2, 0.35, 0.65,
                                0.15, 0.85 };
static const size_t truth[] = { 0, 1, 0, 0, 1 };
static const size_t pred[] = { 0, 0, 0, 1, 1 };

static void test_pr_curve(void **state)
{
    struct eval_curves c;
    struct err e = { 0 };
    const struct pr_point *p;

    (void)state;
    assert_int_equal(eval_curves_compute(&c, probs, truth, pred, 5, 2, 0,
                                         0.585, &e), 0);
    /* distinct thresholds 0.9, 0.8 (two pairs tied), 0.35, 0.15 */
    assert_int_equal(c.n_pr[0], 4);
    p = c.pr[0];
    assert_near(p[0].threshold, 0.9, 1e-12);
    assert_near(p[0].precision, 1.0, 1e-12);
    assert_near(p[0].recall, 1.0 / 3, 1e-12);
    assert_near(p[1].threshold, 0.8, 1e-12);
    assert_near(p[1].precision, 2.0 / 3, 1e-12);
    assert_near(p[1].recall, 2.0 / 3, 1e-12);
    assert_near(p[2].precision, 3.0 / 4, 1e-12);
    assert_near(p[2].recall, 1.0, 1e-12);
    assert_near(p[3].precision, 3.0 / 5, 1e-12);
    /* AP = 1/3 * 1 + 1/3 * 2/3 + 1/3 * 3/4 */
    assert_near(c.ap[0], (1.0 + 2.0 / 3 + 0.75) / 3, 1e-12);
    /* p(flag) >= 0.585: three pairs, two of them flag */
    assert_near(c.at_threshold.precision, 2.0 / 3, 1e-12);
    assert_near(c.at_threshold.recall, 2.0 / 3, 1e-12);
    assert_near(c.at_threshold.threshold, 0.585, 1e-12);
    /* the predictions: label 1 predicted twice, right once */
    assert_near(c.argmax[1].precision, 0.5, 1e-12);
    assert_near(c.argmax[1].recall, 0.5, 1e-12);
    eval_curves_clear(&c);
}

static void test_calibration(void **state)
{
    struct eval_curves c;
    struct err e = { 0 };
    double brier = (0.01 + 0.64 + 0.04 + 0.4225 + 0.0225) / 5;

    (void)state;
    assert_int_equal(eval_curves_compute(&c, probs, truth, pred, 5, 2, 0,
                                         0.5, &e), 0);
    assert_int_equal(c.bins[8].n, 2);
    assert_near(c.bins[8].mean_p, 0.8, 1e-12);
    assert_near(c.bins[8].frac_pos, 0.5, 1e-12);
    assert_int_equal(c.bins[9].n, 1);
    assert_int_equal(c.bins[3].n, 1);
    assert_int_equal(c.bins[1].n, 1);
    assert_int_equal(c.bins[0].n, 0);
    assert_near(c.brier, brier, 1e-12);
    /* ECE: (2 * 0.3 + 0.1 + 0.65 + 0.15) / 5 */
    assert_near(c.ece, (0.6 + 0.1 + 0.65 + 0.15) / 5, 1e-12);
    eval_curves_clear(&c);
}

static void test_empty(void **state)
{
    struct eval_curves c;
    struct err e = { 0 };

    (void)state;
    assert_int_equal(eval_curves_compute(&c, NULL, NULL, NULL, 0, 2, 0, 0.5,
                                         &e), 0);
    assert_int_equal(c.n_pr[0], 0);
    assert_near(c.brier, 0.0, 0.0);
    eval_curves_clear(&c);
    eval_curves_clear(&c);      /* cleared twice is harmless */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pr_curve),
        cmocka_unit_test(test_calibration),
        cmocka_unit_test(test_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

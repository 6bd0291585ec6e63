/* test_design.c - training featurises each pair from shared blocks (one
 * bag per distinct text, one top-sentence block per (body, sentence), the
 * pair's own block); predicting featurises it whole with features_full().
 * On real FNC-1 pairs the two must give the same vectors: the loss the
 * minimiser reports over its blocks is recomputed here from features_full
 * predictions at the same weights. */
#include <math.h>
#include <stdlib.h>

#include "t.h"
#include "data/dataset.h"
#include "model/labels.h"
#include "model/model.h"
#include "model/train.h"

/* Bodies taken, and so pairs: about 30 headlines share each body, and
 * many of them the same top sentence. */
#define N_BODIES 12

static void test_shared_blocks_equal_full(void **state)
{
    const char *data = t_shared_data();
    char stances[4200], bodies[4200];
    const char *paths[2] = { stances, bodies };
    struct data_options dopt;
    struct dataset ds;
    struct model *m;
    struct train_options opt;
    struct fit_result res;
    struct err e = { 0 };
    unsigned char *sel, *body_taken;
    size_t *map = NULL, *pred, n_sel = 0, n_taken = 0, k;
    double *probs, loss = 0.0, reg = 0.0;
    const struct logreg *lr;

    (void)state;
    if (!data) {
        printf("skip: shared-block featurisation test (no ../shared/data)\n");
        return;
    }
    snprintf(stances, sizeof stances, "%s/fnc-1/train_stances.csv", data);
    snprintf(bodies, sizeof bodies, "%s/fnc-1/train_bodies.csv", data);
    data_options_init(&dopt);
    dataset_init(&ds);
    if (dataset_read(&ds, paths, 2, &dopt, &e) != 0)
        print_error("%s\n", e.msg);
    assert_int_equal(e.code, STATUS_OK);
    assert_true(ds.n_pairs > 1000);

    /* every pair of the first N_BODIES bodies met */
    sel = calloc(ds.n_pairs, 1);
    body_taken = calloc(ds.texts.n, 1);
    assert_non_null(sel);
    assert_non_null(body_taken);
    for (size_t i = 0; i < ds.n_pairs; i++) {
        size_t b = ds.pairs[i].b;
        if (!body_taken[b] && n_taken < N_BODIES) {
            body_taken[b] = 1;
            n_taken++;
        }
        if (body_taken[b]) {
            sel[i] = 1;
            n_sel++;
        }
    }
    assert_true(n_sel >= 10 * N_BODIES);

    m = model_alloc();
    assert_non_null(m);
    assert_int_equal(labels_from_data(m, &ds, &e), 0);
    m->flag = model_default_flag((const char *const *)m->labels,
                                 m->n_labels);
    m->spec.hash_bits = 16;
    k = m->n_labels;
    memset(&opt, 0, sizeof opt);
    opt.fit.l2 = 1e-3;
    opt.fit.max_iter = 40;      /* any weights will do: they are shared */
    opt.fit.tol = 1e-12;
    opt.min_df = 1;             /* keep every input the blocks have */
    opt.threads = 2;
    assert_int_equal(labels_map(m, &ds, &map, &e), 0);
    if (train_model(m, &ds, sel, map, &opt, &res, &e) != 0)
        print_error("%s\n", e.msg);
    assert_int_equal(e.code, STATUS_OK);
    assert_true(res.iters > 0);

    /* the same objective from the whole vectors: mean cross-entropy of
     * the selected pairs plus (l2 / 2) ||W without the bias||^2 */
    pred = malloc(ds.n_pairs * sizeof *pred);
    probs = malloc(ds.n_pairs * k * sizeof *probs);
    assert_non_null(pred);
    assert_non_null(probs);
    assert_int_equal(predict_dataset(m, &ds, sel, 1, pred, probs, &e), 0);
    for (size_t i = 0; i < ds.n_pairs; i++) {
        size_t y;
        if (!sel[i])
            continue;
        y = map[ds.pairs[i].label];
        assert_true(y < k);
        loss -= log(probs[i * k + y]);
    }
    loss /= (double)n_sel;
    lr = m->lr;
    for (size_t r = 0; r < (lr->slot ? lr->n_rows : lr->dim); r++) {
        if (lr->w + r * k == logreg_row(lr, 0))
            continue;           /* the bias is not regularised */
        for (size_t c = 0; c < k; c++)
            reg += lr->w[r * k + c] * lr->w[r * k + c];
    }
    loss += 0.5 * opt.fit.l2 * reg;
    if (!(fabs(loss - res.loss) <= 1e-9 * fabs(res.loss)))
        print_error("features_full gives loss %.17g, the blocks %.17g\n",
                    loss, res.loss);
    assert_near(loss, res.loss, 1e-9 * fabs(res.loss));
    /* and the test means something: the weights moved off zero, where
     * every vector would score alike */
    assert_true(res.loss < log((double)k) - 1e-3);

    free(pred);
    free(probs);
    free(map);
    free(sel);
    free(body_taken);
    model_free(m);
    dataset_clear(&ds);
    data_options_clear(&dopt);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shared_blocks_equal_full),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

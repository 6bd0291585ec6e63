/* test_export.c - the libsvm export: train's design rows are the pairs as
 * features_full() featurises them, eval's export writes the same lines,
 * the text reads back to the same doubles, and a failed write is
 * STATUS_IO. */
#include <stdlib.h>

#include "t.h"
#include "data/dataset.h"
#include "features/pair.h"
#include "model/export.h"
#include "model/labels.h"
#include "model/model.h"
#include "model/train.h"

/* One parsed line. */
struct row {
    int cls;
    size_t n;
    uint32_t *idx;
    double *val;
};

/* Read libsvm text back, checking its form: an integer class, then
 * index:value with indices ascending from 1. */
static size_t parse_rows(const char *text, struct row **out)
{
    size_t n = 0, cap = 16;
    struct row *rows = malloc(cap * sizeof *rows);
    const char *p = text;

    assert_non_null(rows);
    while (*p) {
        char *end;
        struct row r = { 0, 0, NULL, NULL };
        size_t rcap = 16;
        long c = strtol(p, &end, 10);
        assert_true(end > p);
        r.cls = (int)c;
        p = end;
        r.idx = malloc(rcap * sizeof *r.idx);
        r.val = malloc(rcap * sizeof *r.val);
        assert_non_null(r.idx);
        assert_non_null(r.val);
        while (*p == ' ') {
            unsigned long j = strtoul(p + 1, &end, 10);
            assert_true(end > p + 1 && *end == ':');
            assert_true(j >= 1);
            assert_true(r.n == 0 || j > r.idx[r.n - 1]);
            if (r.n == rcap) {
                rcap *= 2;
                r.idx = realloc(r.idx, rcap * sizeof *r.idx);
                r.val = realloc(r.val, rcap * sizeof *r.val);
                assert_non_null(r.idx);
                assert_non_null(r.val);
            }
            r.idx[r.n] = (uint32_t)j;
            p = end + 1;
            r.val[r.n] = strtod(p, &end);
            assert_true(end > p);
            assert_true(r.val[r.n] != 0.0);
            r.n++;
            p = end;
        }
        assert_int_equal(*p, '\n');
        p++;
        if (n == cap) {
            cap *= 2;
            rows = realloc(rows, cap * sizeof *rows);
            assert_non_null(rows);
        }
        rows[n++] = r;
    }
    *out = rows;
    return n;
}

static void free_rows(struct row *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(rows[i].idx);
        free(rows[i].val);
    }
    free(rows);
}

struct capture {
    FILE *fp;
    struct export_summary sum;
    int called;
};

static int on_design(void *ctx, const struct design *d, const uint32_t *cols,
                     struct err *e)
{
    struct capture *c = ctx;

    c->called++;
    return export_design(c->fp, d, cols, &c->sum, e);
}

struct fixture {
    struct data_options dopt;
    struct dataset ds;
    struct model *m;
    size_t *map;
};

static void fixture_load(struct fixture *f, const char *path)
{
    struct err e = { 0 };

    data_options_init(&f->dopt);
    dataset_init(&f->ds);
    if (dataset_read(&f->ds, &path, 1, &f->dopt, &e) != 0)
        print_error("%s\n", e.msg);
    assert_int_equal(e.code, STATUS_OK);
    f->m = model_alloc();
    assert_non_null(f->m);
    assert_int_equal(labels_from_data(f->m, &f->ds, &e), 0);
    f->m->flag = model_default_flag((const char *const *)f->m->labels,
                                    f->m->n_labels);
    assert_int_equal(labels_map(f->m, &f->ds, &f->map, &e), 0);
}

static void fixture_clear(struct fixture *f)
{
    free(f->map);
    model_free(f->m);
    dataset_clear(&f->ds);
    data_options_clear(&f->dopt);
}

/* Train on tiny_train.tsv with the hook writing the design to memory;
 * returns the text (caller frees) and fills c's summary. */
static char *train_dump(struct fixture *f, size_t min_df, int design_only,
                        double *custom, struct capture *c,
                        struct fit_result *res)
{
    struct train_options opt;
    struct err e = { 0 };
    char *text = NULL;
    size_t len = 0;

    memset(&opt, 0, sizeof opt);
    opt.fit.l2 = 2.385e-3;
    opt.fit.max_iter = 30;
    opt.fit.tol = 1e-6;
    opt.min_df = min_df;
    opt.threads = 2;
    if (custom) {
        opt.cw = CLASS_WEIGHT_CUSTOM;
        opt.custom_weight = custom;
    }
    c->fp = open_memstream(&text, &len);
    assert_non_null(c->fp);
    opt.on_design = on_design;
    opt.design_ctx = c;
    opt.design_only = design_only;
    if (train_model(f->m, &f->ds, NULL, f->map, &opt, res, &e) != 0)
        print_error("%s\n", e.msg);
    assert_int_equal(e.code, STATUS_OK);
    assert_int_equal(fclose(c->fp), 0);
    assert_int_equal(c->called, 1);
    return text;
}

static void test_design_is_the_featurised_pair(void **state)
{
    struct fixture f;
    struct capture c;
    struct fit_result res;
    struct row *tr, *ev;
    size_t n_tr, n_ev, len = 0;
    char *tr_text, *ev_text = NULL;
    FILE *fp;
    struct err e = { 0 };
    struct svec x;
    struct text_info a, b;

    (void)state;
    memset(&c, 0, sizeof c);
    fixture_load(&f, "tests/data/tiny_train.tsv");
    tr_text = train_dump(&f, 1, 0, NULL, &c, &res);
    assert_true(res.iters > 0);         /* and it fitted */
    n_tr = parse_rows(tr_text, &tr);
    assert_int_equal(n_tr, f.ds.n_pairs);
    assert_int_equal(c.sum.n_rows, f.ds.n_pairs);
    assert_int_equal(c.sum.n_classes, f.m->n_labels);

    /* eval's export of the same pairs with the fitted model */
    fp = open_memstream(&ev_text, &len);
    assert_non_null(fp);
    assert_int_equal(export_pairs(fp, f.m, &f.ds, f.map, 2, &e), 0);
    assert_int_equal(fclose(fp), 0);
    n_ev = parse_rows(ev_text, &ev);
    assert_int_equal(n_ev, n_tr);

    /* each line against features_full() of the pair, computed here */
    svec_init(&x);
    for (size_t i = 0; i < n_tr; i++) {
        const struct pair_rec *p = &f.ds.pairs[i];
        size_t t = 0, n_values = 0;
        text_info_init(&a);
        text_info_init(&b);
        assert_int_equal(text_info_build(&f.m->spec, f.ds.texts.str[p->a],
                                         f.ds.texts.len[p->a], &a), 0);
        assert_int_equal(text_info_build(&f.m->spec, f.ds.texts.str[p->b],
                                         f.ds.texts.len[p->b], &b), 0);
        assert_int_equal(features_full(&f.m->spec, &a, &b, &x, NULL), 0);
        assert_int_equal(tr[i].cls, (int)f.map[p->label]);
        assert_int_equal(ev[i].cls, tr[i].cls);
        for (size_t s = 0; s < x.n; s++) {
            if (x.idx[s] == 0 || x.val[s] == 0.0)
                continue;       /* the bias, and zeros, are not written */
            assert_true(t < tr[i].n);
            assert_int_equal(tr[i].idx[t], x.idx[s]);
            assert_near(tr[i].val[t], x.val[s], 1e-12 * fabs(x.val[s]));
            /* eval's line is features_full's, read back bit for bit */
            assert_int_equal(ev[i].idx[t], x.idx[s]);
            assert_true(ev[i].val[t] == x.val[s]);
            t++;
            n_values++;
        }
        assert_int_equal(t, tr[i].n);
        assert_int_equal(ev[i].n, tr[i].n);
        assert_true(n_values > PAIR_N_DENSE / 4);   /* not all zeros */
        text_info_clear(&a);
        text_info_clear(&b);
    }
    svec_clear(&x);
    free_rows(tr, n_tr);
    free_rows(ev, n_ev);
    free(tr_text);
    free(ev_text);
    export_summary_clear(&c.sum);
    fixture_clear(&f);
}

/* min_df drops rare hashed inputs from the fit: the design's rows are the
 * featurised pairs less those, and design_only fits nothing. */
static void test_min_df_and_weights(void **state)
{
    struct fixture f;
    struct capture c1, c2;
    struct fit_result res;
    struct row *all, *kept;
    size_t n1, n2, dropped = 0, sum_count = 0;
    double custom[3] = { 2.385, 0.5, 1.0 }, wsum = 0.0;
    char *t1, *t2;

    (void)state;
    memset(&c1, 0, sizeof c1);
    memset(&c2, 0, sizeof c2);
    fixture_load(&f, "tests/data/tiny_train.tsv");
    assert_int_equal(f.ds.labels.n, 3);
    t1 = train_dump(&f, 1, 1, NULL, &c1, &res);
    assert_null(f.m->lr);              /* nothing fitted */
    t2 = train_dump(&f, 2, 1, custom, &c2, &res);
    n1 = parse_rows(t1, &all);
    n2 = parse_rows(t2, &kept);
    assert_int_equal(n1, n2);
    for (size_t i = 0; i < n1; i++) {
        size_t t = 0;
        for (size_t s = 0; s < all[i].n; s++) {
            if (t < kept[i].n && kept[i].idx[t] == all[i].idx[s]) {
                assert_near(kept[i].val[t], all[i].val[s],
                            1e-12 * fabs(all[i].val[s]));
                t++;
            } else {
                /* only hashed inputs are dropped, never a dense one */
                assert_true(all[i].idx[s] > PAIR_N_DENSE);
                dropped++;
            }
        }
        assert_int_equal(t, kept[i].n);
    }
    assert_true(dropped > 0);
    assert_true(c2.sum.n_values + dropped == c1.sum.n_values);
    /* the class weights the fit would use, per model label */
    for (size_t k = 0; k < c2.sum.n_classes; k++) {
        size_t l = SIZE_MAX;
        for (size_t j = 0; j < f.ds.labels.n; j++)
            if (f.map[j] == k)
                l = j;
        assert_true(l != SIZE_MAX);
        assert_true(c2.sum.weight[k] == custom[l]);
        sum_count += c2.sum.count[k];
        wsum += custom[l] * (double)c2.sum.count[k];
    }
    assert_int_equal(sum_count, n1);
    assert_near(c2.sum.weight_sum, wsum, 1e-9);
    assert_true(c1.sum.weight_sum == (double)n1);
    free_rows(all, n1);
    free_rows(kept, n2);
    free(t1);
    free(t2);
    export_summary_clear(&c1.sum);
    export_summary_clear(&c2.sum);
    fixture_clear(&f);
}

/* A write that fails (a full disk) is STATUS_IO, not success. */
static void test_write_error(void **state)
{
    struct fixture f;
    struct capture c;
    struct train_options opt;
    struct fit_result res;
    struct err e = { 0 };
    FILE *fp = fopen("/dev/full", "w");

    (void)state;
    if (!fp) {
        printf("skip: write error test (no /dev/full)\n");
        return;
    }
    memset(&c, 0, sizeof c);
    fixture_load(&f, "tests/data/tiny_train.tsv");
    memset(&opt, 0, sizeof opt);
    opt.fit.l2 = 1e-3;
    opt.fit.max_iter = 5;
    opt.min_df = 1;
    opt.threads = 1;
    c.fp = fp;
    opt.on_design = on_design;
    opt.design_ctx = &c;
    opt.design_only = 1;
    assert_int_equal(train_model(f.m, &f.ds, NULL, f.map, &opt, &res, &e),
                     STATUS_IO);
    assert_non_null(strstr(e.msg, "cannot write"));
    e.code = STATUS_OK;
    assert_int_equal(export_pairs(fp, f.m, &f.ds, f.map, 1, &e), STATUS_IO);
    fclose(fp);
    export_summary_clear(&c.sum);
    fixture_clear(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_design_is_the_featurised_pair),
        cmocka_unit_test(test_min_df_and_weights),
        cmocka_unit_test(test_write_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

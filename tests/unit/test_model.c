/* test_model.c - features, training, the model file and explanations. */
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "t.h"
#include "base/base64.h"
#include "base/hash.h"
#include "model/labels.h"
#include "features/pair.h"
#include "model/model_json.h"
#include "model/train.h"

static void build(const struct feature_spec *spec, const char *s,
                  struct text_info *ti)
{
    text_info_init(ti);
    assert_int_equal(text_info_build(spec, s, strlen(s), ti), 0);
}

static void test_pair_features(void **state)
{
    struct feature_spec spec;
    struct text_info a, b, c;
    double f[PAIR_N_DENSE];

    (void)state;
    assert_int_equal(spec_init_default(&spec), 0);
    build(&spec, "Prices rose 5% in 2014", &a);
    build(&spec, "Prices did not rise in 2015", &b);
    build(&spec, "Prices rose 5% in 2014", &c);
    assert_int_equal(features_pair(&spec, &a, &b, f, NULL, NULL, NULL), 0);
    assert_near(f[PF_NEG_A], 0.0, 0);
    assert_near(f[PF_NEG_B], 1.0 / 3.0, 1e-15);
    assert_near(f[PF_NEG_ASYM], 1.0, 0);
    assert_near(f[PF_NUM_A], 1.0, 0);
    assert_near(f[PF_NUM_A_MISS], 1.0, 1e-15);      /* 2014 vs 2015 */
    /* content words: prices, rose, 5, 2014 / prices, not, rise, 2015 (a
     * negation is never a stop word): 1 shared of 7 */
    assert_near(f[PF_JACCARD], 1.0 / 7.0, 1e-12);
    assert_true(f[PF_COS] > 0.0 && f[PF_COS] < 1.0);
    assert_int_equal(features_pair(&spec, &a, &c, f, NULL, NULL, NULL), 0);
    assert_near(f[PF_COS], 1.0, 1e-12);
    assert_near(f[PF_JACCARD], 1.0, 1e-12);
    assert_near(f[PF_NUM_A_MISS], 0.0, 0);
    /* a switched-off group contributes zeros */
    spec.groups &= ~(unsigned)FG_CUES;
    assert_int_equal(features_pair(&spec, &a, &b, f, NULL, NULL, NULL), 0);
    assert_near(f[PF_NEG_B], 0.0, 0);
    text_info_clear(&a);
    text_info_clear(&b);
    text_info_clear(&c);
    spec_clear(&spec);
}

static void test_sentence_features(void **state)
{
    struct feature_spec spec;
    struct text_info a, b;
    double f[PAIR_N_DENSE];
    size_t top = 0;
    struct svec x;
    char body[4000];
    size_t at = 0;

    (void)state;
    assert_int_equal(spec_init_default(&spec), 0);
    for (int i = 0; i < 20; i++)
        at += (size_t)snprintf(body + at, sizeof body - at,
                               "The weather in town number %d was mild. ", i);
    snprintf(body + at, sizeof body - at, "Officials denied that the "
             "volcano erupted on Monday.");
    build(&spec, "Volcano erupted on Monday", &a);
    build(&spec, body, &b);
    svec_init(&x);
    assert_int_equal(features_pair(&spec, &a, &b, f, &x, &top, NULL), 0);
    assert_int_equal(top, 20);              /* the last sentence */
    assert_true(f[PF_SENT_MAX] > 0.5);
    assert_true(f[PF_SENT_MEAN] < f[PF_SENT_MAX] / 5);
    assert_near(f[PF_SENT_COVER], 1.0, 1e-12);
    assert_near(f[PF_REF_TOP], 1.0 / 3.0, 1e-15);     /* denied */
    assert_int_equal(x.n, 0);       /* no crossed words for a document */
    svec_clear(&x);
    text_info_clear(&a);
    text_info_clear(&b);
    spec_clear(&spec);
}

static void test_groups(void **state)
{
    unsigned g = FG_ALL;
    struct err e = { 0 };
    char buf[256];

    (void)state;
    assert_int_equal(spec_parse_groups("-cross,-top", &g, &e), 0);
    assert_int_equal(g, FG_ALL & ~(unsigned)(FG_CROSS | FG_TOP));
    assert_int_equal(spec_parse_groups("overlap,tfidf", &g, &e), 0);
    assert_int_equal(g, FG_OVERLAP | FG_TFIDF);
    spec_format_groups(g, buf, sizeof buf);
    assert_string_equal(buf, "overlap,tfidf");
    assert_int_equal(spec_parse_groups("+bogus", &g, &e), STATUS_USAGE);
    assert_non_null(strstr(e.msg, "bogus"));
}

/* A small trained model: texts where "not" marks the contradictions,
 * fitted by solver on threads threads. */
static struct model *tiny_model_with(enum logreg_solver solver,
                                     size_t threads)
{
    static const char *const subj[] = { "The minister", "A spokesman",
                                        "The company", "Police", "The mayor",
                                        "Officials" };
    static const char *const verb[] = { "resigned", "confirmed the deal",
                                        "closed the factory", "won",
                                        "visited Paris", "raised taxes" };
    struct dataset ds;
    struct model *m = model_alloc();
    struct train_options opt;
    struct fit_result res;
    struct err e = { 0 };
    size_t *map = NULL;
    char a[128], b[128];

    dataset_init(&ds);
    for (int i = 0; i < 6; i++)
        for (int j = 0; j < 6; j++) {
            int kind = (i + j) % 3;
            snprintf(a, sizeof a, "%s %s", subj[i], verb[j]);
            if (kind == 0)
                snprintf(b, sizeof b, "%s did not say that %s %s",
                         subj[(i + 1) % 6], subj[i], verb[j]);
            else if (kind == 1)
                snprintf(b, sizeof b, "%s said %s %s", subj[(i + 2) % 6],
                         subj[i], verb[j]);
            else
                snprintf(b, sizeof b, "%s %s", subj[(i + 3) % 6],
                         verb[(j + 2) % 6]);
            assert_int_equal(dataset_add(&ds, a, strlen(a), b, strlen(b),
                                         kind == 0 ? "contradiction"
                                         : kind == 1 ? "entailment"
                                         : "neutral", NULL, NULL, 0, 1), 0);
        }
    assert_int_equal(labels_from_data(m, &ds, &e), 0);
    m->flag = model_label_index(m, "contradiction");
    m->spec.hash_bits = 12;
    memset(&opt, 0, sizeof opt);
    opt.fit.l2 = 1e-2;
    opt.fit.max_iter = 500;
    opt.fit.tol = 1e-6;
    opt.fit.solver = solver;
    opt.min_df = 1;
    opt.threads = threads;
    assert_int_equal(labels_map(m, &ds, &map, &e), 0);
    assert_int_equal(train_model(m, &ds, NULL, map, &opt, &res, &e), 0);
    assert_true(res.converged);
    m->threshold = 0.4375;
    m->training = malloc(32);
    strcpy(m->training, "{\"pairs\":36}");
    free(map);
    dataset_clear(&ds);
    return m;
}

static struct model *tiny_model(void)
{
    return tiny_model_with(LOGREG_SOLVER_TRON, 2);
}

/* Training is bit-reproducible: the same data and options give the same
 * model file, byte for byte, on any number of threads; BFGS reaches the
 * same predictions by another path. */
static void test_train_reproducible(void **state)
{
    struct model *a = tiny_model_with(LOGREG_SOLVER_TRON, 1),
                 *b = tiny_model_with(LOGREG_SOLVER_TRON, 3),
                 *c = tiny_model_with(LOGREG_SOLVER_BFGS, 2);
    char *ja = model_to_json(a), *jb = model_to_json(b),
         *jc = model_to_json(c);
    struct model_scratch sc;
    struct err e = { 0 };
    const char *x = "The mayor won", *y = "Officials did not say that the "
                    "mayor won";
    double pa[3], pc[3];

    (void)state;
    assert_non_null(ja);
    assert_non_null(jb);
    assert_non_null(jc);
    assert_string_equal(ja, jb);
    assert_string_not_equal(ja, jc);
    model_scratch_init(&sc);
    assert_int_equal(model_predict(a, &sc, x, strlen(x), y, strlen(y), pa,
                                   &e), a->flag);
    assert_int_equal(model_predict(c, &sc, x, strlen(x), y, strlen(y), pc,
                                   &e), c->flag);
    for (int k = 0; k < 3; k++)
        assert_near(pa[k], pc[k], 1e-3);
    model_scratch_clear(&sc);
    free(ja);
    free(jb);
    free(jc);
    model_free(a);
    model_free(b);
    model_free(c);
}

static void test_train_predict(void **state)
{
    struct model *m = tiny_model();
    struct model_scratch sc;
    struct err e = { 0 };
    double p[3];
    const char *a = "The mayor closed the factory";
    const char *b = "Police did not say that the mayor closed the factory";

    (void)state;
    model_scratch_init(&sc);
    assert_int_equal(model_predict(m, &sc, a, strlen(a), b, strlen(b), p,
                                   &e), m->flag);
    assert_true(p[m->flag] > 0.5);
    /* the scratch remembers texts: a pair scored again after others scores
     * the same, whether its analyses were kept or pushed out (a budget of
     * a few bytes keeps only the last pair) */
    for (int budget = 0; budget < 2; budget++) {
        double q[3], r[3];
        char other[64];
        size_t peak = 0;
        memcpy(q, p, sizeof q);
        if (budget)
            sc.max_bytes = 1;
        for (int i = 0; i < 300; i++) {
            snprintf(other, sizeof other, "Police won vote number %d of %d",
                     i, budget);
            assert_int_not_equal(model_predict(m, &sc, other, strlen(other),
                                               b, strlen(b), r, &e),
                                 SIZE_MAX);
            if (sc.n_live > peak)
                peak = sc.n_live;
        }
        /* everything kept, or never more than the last pair */
        assert_int_equal(peak, budget ? 2 : 302);
        assert_int_equal(model_predict(m, &sc, a, strlen(a), b, strlen(b), r,
                                       &e), m->flag);
        for (int k = 0; k < 3; k++)
            assert_true(q[k] == r[k]);
    }
    model_scratch_clear(&sc);
    model_free(m);
}

static void test_round_trip(void **state)
{
    struct model *m = tiny_model(), *m2 = NULL;
    struct err e = { 0 };
    char *j1 = model_to_json(m), *j2;

    (void)state;
    assert_non_null(j1);
    assert_int_equal(model_parse_json(j1, strlen(j1), "t", &m2, &e), 0);
    /* bit for bit */
    assert_int_equal(m2->lr->dim, m->lr->dim);
    for (size_t j = 0; j < m->lr->dim; j++) {
        const double *r1 = logreg_row(m->lr, j), *r2 = logreg_row(m2->lr, j);
        static const double zero[3];
        assert_memory_equal(r1 ? r1 : zero, r2 ? r2 : zero,
                            3 * sizeof(double));
    }
    assert_int_equal(m2->spec.n_idf, m->spec.n_idf);
    assert_memory_equal(m2->spec.idf_val, m->spec.idf_val,
                        m->spec.n_idf * sizeof(double));
    assert_true(m2->threshold == 0.4375);
    assert_int_equal(m2->flag, m->flag);
    j2 = model_to_json(m2);
    assert_string_equal(j1, j2);
    free(j1);
    free(j2);
    model_free(m);
    model_free(m2);
}

/* Long base64 strings are decoded from the file's text, beside cJSON; a
 * long string elsewhere (under "training") or one that looks like the
 * loader's own marker makes it parse the file whole: the same model. */
static void test_blobs_and_fallback(void **state)
{
    uint32_t keys[400], df[400];
    char *big = malloc(2001);

    (void)state;
    assert_non_null(big);
    memset(big, 'Q', 2000);
    big[2000] = '\0';
    for (uint32_t i = 0; i < 400; i++) {
        keys[i] = 7919u * i + 3u;
        df[i] = 1 + i % 5;
    }
    for (int t = 0; t < 4; t++) {
        struct model *m = tiny_model(), *m2 = NULL;
        struct err e = { 0 };
        char *j1, *j2;
        assert_int_equal(spec_set_idf(&m->spec, 40, keys, df, 400), 0);
        if (t > 0) {
            free(m->training);
            m->training = malloc(2100);
            assert_non_null(m->training);
            if (t == 1)
                snprintf(m->training, 2100, "{\"rows\":\"%s\",\"pairs\":36}",
                         big);
            else if (t == 2)
                snprintf(m->training, 2100, "{\"note\":\"@gainsay-blob:0\"}");
            else
                snprintf(m->training, 2100, "{\"values\":[\"%s\"],\"note\":"
                         "\"@gainsay-blob:9\"}", big);
        }
        j1 = model_to_json(m);
        assert_non_null(j1);
        assert_true(strlen(j1) > 4000);
        assert_int_equal(model_parse_json(j1, strlen(j1), "t", &m2, &e), 0);
        assert_string_equal(m2->training, m->training);
        assert_int_equal(m2->spec.n_idf, 400);
        assert_memory_equal(m2->spec.idf_key, keys, sizeof keys);
        assert_true(spec_idf(&m2->spec, keys[123])
                    == spec_idf(&m->spec, keys[123]));
        j2 = model_to_json(m2);
        assert_string_equal(j1, j2);
        free(j1);
        free(j2);
        model_free(m);
        model_free(m2);
    }
    free(big);
}

/* A model of 600 stored rows, so its weights and rows are long base64
 * strings, written to a file: model_load() decodes them into the file's
 * text, which the model then keeps, and gives the same model as
 * model_parse_json() of the text (weights bit for bit, the same file
 * written back), its IDF arrays in the text as well; not with a long
 * string the loader does not read as an array (the text is parsed twice
 * then, so it is left as it is); and a bad weight found after decoding in
 * place is refused with nothing leaked. */
static void test_load_in_place(void **state)
{
    char path[] = "/tmp/gainsay-test-XXXXXX", *big = malloc(2001);
    int fd = mkstemp(path);

    (void)state;
    assert_true(fd >= 0);
    close(fd);
    assert_non_null(big);
    memset(big, 'Q', 2000);
    big[2000] = '\0';
    for (int t = 0; t < 3; t++) {
        struct model *m = tiny_model(), *m1 = NULL, *m2 = NULL;
        size_t k = m->n_labels, dim = spec_dim(&m->spec);
        struct err e = { 0 };
        char *j, *j1;
        FILE *fp;
        uint32_t keys[300], df[300];
        for (uint32_t i = 0; i < 300; i++) {
            keys[i] = 1000 * i + 3;
            df[i] = 1 + i % 50;
        }
        assert_int_equal(spec_set_idf(&m->spec, 1000, keys, df, 300), 0);
        assert_true(dim > 600 + 40);
        logreg_free(m->lr);
        m->lr = logreg_alloc_sparse(dim, k, 600);
        assert_non_null(m->lr);
        for (size_t r = 0; r < 600; r++) {
            size_t in = r < 40 ? r : 40 + (r - 40) * ((dim - 41) / 560);
            assert_int_equal(logreg_set_row(m->lr, in, r), 0);
            for (size_t c = 0; c < k; c++)
                m->lr->w[r * k + c] = 2.385 * (double)r - (double)c;
        }
        if (t == 1) {
            free(m->training);
            m->training = malloc(2100);
            assert_non_null(m->training);
            snprintf(m->training, 2100, "{\"rows\":\"%s\"}", big);
        }
        if (t == 2)
            m->lr->w[599 * k] = 1e300;
        j = model_to_json(m);
        assert_non_null(j);
        fp = fopen(path, "w");
        assert_non_null(fp);
        assert_int_equal(fputs(j, fp) >= 0, 1);
        assert_int_equal(fclose(fp), 0);
        if (t == 2) {
            assert_int_equal(model_load(path, &m1, &e), STATUS_FORMAT);
            assert_null(m1);
            assert_non_null(strstr(e.msg, "not finite or beyond 1e6"));
        } else {
            assert_int_equal(model_load(path, &m1, &e), 0);
            assert_int_equal(model_parse_json(j, strlen(j), "t", &m2, &e),
                             0);
            assert_true((m1->text != NULL) == (t == 0));
            assert_null(m2->text);
            /* the IDF arrays too, both in the text or neither */
            assert_int_equal(m1->spec.idf_borrowed, t == 0);
            assert_int_equal(m2->spec.idf_borrowed, 0);
            if (t == 0)
                assert_true((const char *)m1->spec.idf_key >= m1->text
                            && (const char *)(m1->spec.idf_val + 300)
                               <= m1->text + strlen(j));
            assert_int_equal(m1->spec.n_idf, 300);
            assert_memory_equal(m1->spec.idf_key, m2->spec.idf_key,
                                300 * sizeof *keys);
            assert_memory_equal(m1->spec.idf_val, m2->spec.idf_val,
                                300 * sizeof *m2->spec.idf_val);
            for (size_t i = 0; i < 300; i++)
                assert_true(spec_idf(&m1->spec, keys[i])
                            == spec_idf(&m->spec, keys[i]));
            for (size_t r = 0; r < 600; r++) {
                size_t in = r < 40 ? r : 40 + (r - 40) * ((dim - 41) / 560);
                const double *a = logreg_row(m1->lr, in);
                const double *b = logreg_row(m2->lr, in);
                assert_non_null(a);
                assert_non_null(b);
                assert_memory_equal(a, b, k * sizeof *a);
                assert_true(a[0] == 2.385 * (double)r);
            }
            j1 = model_to_json(m1);
            assert_string_equal(j1, j);
            free(j1);
        }
        free(j);
        model_free(m);
        model_free(m1);
        model_free(m2);
    }
    remove(path);
    free(big);
}

static void expect_bad(const char *json, enum status code, const char *what)
{
    struct model *m = NULL;
    struct err e = { 0 };

    assert_int_equal(model_parse_json(json, strlen(json), "bad.json", &m,
                                      &e), code);
    assert_null(m);
    if (!strstr(e.msg, what))
        print_error("message '%s' lacks '%s'\n", e.msg, what);
    assert_non_null(strstr(e.msg, what));
}

/* Replace the first occurrence of from in s (malloc'd result). */
static char *edit(const char *s, const char *from, const char *to)
{
    const char *at = strstr(s, from);
    size_t n = strlen(s) - strlen(from) + strlen(to);
    char *out = malloc(n + 1);

    assert_non_null(at);
    memcpy(out, s, (size_t)(at - s));
    strcpy(out + (at - s), to);
    strcat(out, at + strlen(from));
    return out;
}

/* The model text without its checksum, for tests that edit it: files
 * without one still load (those written before it). */
static char *unsum(char *j)
{
    char *at = strstr(j, ",\n\t\"checksum\"");

    assert_non_null(at);
    strcpy(at, "\n}");
    return j;
}

/* Single-bit flips anywhere before the end of the checksum are refused:
 * a corrupt model never loads and changes predictions silently.  (A flip
 * in the key "checksum" itself makes a file without one, which loads as
 * older files do; what it holds is unchanged.) */
static void test_bit_flips(void **state)
{
    struct model *m = tiny_model(), *m2 = NULL;
    char *j = model_to_json(m);
    size_t n = strlen(j), end = (size_t)(strrchr(j, '"') - j) + 1, tried = 0;
    size_t key = (size_t)(strstr(j, "\"checksum\"") - j);
    struct err e = { 0 };

    (void)state;
    assert_int_equal(model_parse_json(j, n, "t", &m2, &e), 0);
    model_free(m2);
    for (size_t i = 0; i < end; i += 7) {
        char was = j[i];
        if (i >= key && i < key + 10)
            continue;
        m2 = NULL;
        j[i] = (char)(was ^ (1 << (i % 8)));
        if (model_parse_json(j, n, "t", &m2, &e) == 0)
            print_error("a flip of bit %zu at byte %zu loaded\n", i % 8, i);
        assert_null(m2);
        j[i] = was;
        tried++;
    }
    assert_true(tried > 100);
    /* and the checksum is checked, not only present */
    j[end - 3] = j[end - 3] == '0' ? '1' : '0';
    expect_bad(j, STATUS_FORMAT, "checksum mismatch");
    j[end - 3] = j[end - 3] == '0' ? '1' : '0';
    /* a digit's case is one bit (0x20): "D" for "d" read the same number
     * and loaded, so the digits are lowercase, as written */
    {
        size_t i = end - 17;
        while (i < end - 1 && !(j[i] >= 'a' && j[i] <= 'f'))
            i++;
        assert_true(i < end - 1);       /* this model's sum has a letter */
        j[i] = (char)(j[i] - 'a' + 'A');
    }
    expect_bad(j, STATUS_FORMAT, "16 lowercase hex digits");
    free(j);
    model_free(m);
}

/* Weights of 1e308 are finite but overflow every score: refused. */
/* fnv1a64x8 written the slow way: byte i to lane i % 8, then the lanes'
 * bytes, least significant first, through FNV-1a once more. */
static uint64_t fnv1a64x8_ref(const char *s, size_t n)
{
    uint64_t lane[8], out = 14695981039346656037u;

    for (int l = 0; l < 8; l++)
        lane[l] = out;
    for (size_t i = 0; i < n; i++)
        lane[i % 8] = (lane[i % 8] ^ (unsigned char)s[i]) * 1099511628211u;
    for (int l = 0; l < 8; l++)
        for (int b = 0; b < 8; b++)
            out = (out ^ ((lane[l] >> (8 * b)) & 0xFF)) * 1099511628211u;
    return out;
}

/* Files written before "lanes64x4" carry "fnv1a64x8:" (version 3) or
 * "fnv1a64:" (before that), over the bytes before the member, and still
 * load; no kind's value passes under another's name, and one changed byte
 * of an old file is refused. */
static void test_old_checksum(void **state)
{
    struct model *m = tiny_model(), *m2 = NULL;
    char *j = unsum(model_to_json(m)), *old[2];
    size_t body = strlen(j) - 2;        /* j ends "\n}" */
    uint64_t h = 14695981039346656037u;
    static const char *const kind[2] = { "fnv1a64", "fnv1a64x8" };
    static const char *const other[3] = { "fnv1a64", "fnv1a64x8",
                                          "lanes64x4" };
    struct err e = { 0 };

    (void)state;
    for (size_t i = 0; i < body; i++)
        h = (h ^ (unsigned char)j[i]) * 1099511628211u;
    for (int k = 0; k < 2; k++) {
        old[k] = malloc(body + 64);
        assert_non_null(old[k]);
        memcpy(old[k], j, body);
        snprintf(old[k] + body, 64, ",\n\t\"checksum\":\t\"%s:%016llx\"\n}",
                 kind[k], (unsigned long long)(k ? fnv1a64x8_ref(j, body)
                                               : h));
        assert_int_equal(model_parse_json(old[k], strlen(old[k]), "t", &m2,
                                          &e), 0);
        assert_non_null(m2);
        model_free(m2);
        m2 = NULL;
        /* the same value under another name is a mismatch */
        for (int o = 0; o < 3; o++) {
            char from[32], to[32], *t;
            if (strcmp(other[o], kind[k]) == 0)
                continue;
            snprintf(from, sizeof from, "\"%s:", kind[k]);
            snprintf(to, sizeof to, "\"%s:", other[o]);
            t = edit(old[k], from, to);
            expect_bad(t, STATUS_FORMAT, "checksum mismatch");
            free(t);
        }
        /* a base64 letter of the weights changed, still valid base64 */
        {
            char *v = strstr(old[k], "\"values\":\t\"");
            assert_non_null(v);
            v += 12;
            *v = *v == 'A' ? 'B' : 'A';
            expect_bad(old[k], STATUS_FORMAT, "checksum mismatch");
        }
        free(old[k]);
    }
    /* what is written now: lanes64x4, and its value under an old name is
     * refused */
    {
        char *now = model_to_json(m), *t;
        assert_non_null(strstr(now, "\"checksum\":\t\"lanes64x4:"));
        t = edit(now, "\"lanes64x4:", "\"fnv1a64x8:");
        expect_bad(t, STATUS_FORMAT, "checksum mismatch");
        free(t);
        t = edit(now, "\"lanes64x4:", "\"lanes64x5:");
        expect_bad(t, STATUS_FORMAT,
                   "is not \"lanes64x4:\" and 16 lowercase hex");
        free(t);
        free(now);
    }
    free(j);
    model_free(m);
}

static void test_huge_weights(void **state)
{
    struct model *m = tiny_model(), *m2 = NULL;
    struct err e = { 0 };
    char *j;

    (void)state;
    /* the row is the model's own: a test may write it */
    *(double *)(uintptr_t)logreg_row(m->lr, 1 + PF_COS) = 1e308;
    j = model_to_json(m);
    assert_int_not_equal(model_parse_json(j, strlen(j), "t", &m2, &e), 0);
    assert_non_null(strstr(e.msg, "beyond 1e6"));
    assert_null(m2);
    free(j);
    model_free(m);
}

/* The stored rows of j (a model file without its checksum) decoded,
 * changed by how, and encoded back: the edited text, malloc'd. */
static char *edit_rows(const char *j, int how)
{
    const char *at = strstr(j, "\"rows\":"), *q, *end;
    unsigned char *raw = NULL;
    uint32_t *row;
    size_t n = 0, out_len;
    struct err e = { 0 };
    char *b64, *out;

    assert_non_null(at);
    q = strchr(at + 7, '"') + 1;
    end = strchr(q, '"');
    assert_int_equal(base64_decode(q, (size_t)(end - q), &raw, &n, &e), 0);
    assert_true(n >= 12);
    row = (uint32_t *)(void *)raw;      /* little-endian hosts */
    if (how == 0) {                     /* two rows out of order */
        uint32_t t = row[1];
        row[1] = row[2];
        row[2] = t;
    } else if (how == 1) {              /* a row twice */
        row[2] = row[1];
    } else {                            /* the last row beyond dim */
        row[n / 4 - 1] = 0x7fffffffu;
    }
    b64 = base64_encode(raw, n);
    assert_non_null(b64);
    out_len = (size_t)(q - j) + strlen(b64) + strlen(end);
    out = malloc(out_len + 1);
    assert_non_null(out);
    memcpy(out, j, (size_t)(q - j));
    strcpy(out + (q - j), b64);
    strcat(out, end);
    free(b64);
    free(raw);
    return out;
}

/* Stored rows out of order, twice or beyond dim are refused, and so is a
 * weight that is not finite wherever it is (first, middle, last). */
static void test_bad_rows(void **state)
{
    struct model *m = tiny_model();
    char *j = unsum(model_to_json(m));

    (void)state;
    for (int how = 0; how < 3; how++) {
        struct model *m2 = NULL;
        struct err e = { 0 };
        char *t = edit_rows(j, how);
        assert_int_equal(model_parse_json(t, strlen(t), "t", &m2, &e),
                         STATUS_FORMAT);
        assert_null(m2);
        assert_non_null(strstr(e.msg, "must be sorted row indices"));
        free(t);
    }
    free(j);
    for (int where = 0; where < 3; where++) {
        struct model *m2 = NULL;
        struct err e = { 0 };
        size_t n = m->lr->n_rows * m->lr->n_classes;
        size_t i = where == 0 ? 0 : where == 1 ? n / 2 : n - 1;
        double was = m->lr->w[i];
        m->lr->w[i] = where == 1 ? NAN : -INFINITY;
        j = model_to_json(m);
        assert_int_equal(model_parse_json(j, strlen(j), "t", &m2, &e),
                         STATUS_FORMAT);
        assert_non_null(strstr(e.msg, "not finite"));
        assert_null(m2);
        free(j);
        m->lr->w[i] = was;
    }
    model_free(m);
}

/* A model whose file lists two dense features the other way round gets
 * each weight on the feature it was trained for. */
static void test_dense_by_name(void **state)
{
    struct model *m = tiny_model(), *m2 = NULL;
    char *j = unsum(model_to_json(m)), *t;
    struct err e = { 0 };

    (void)state;
    t = edit(j, "\"sim.cos_tfidf\", \"overlap.jaccard\"",
             "\"overlap.jaccard\", \"sim.cos_tfidf\"");
    assert_int_equal(model_parse_json(t, strlen(t), "t", &m2, &e), 0);
    assert_memory_equal(logreg_row(m2->lr, 1 + PF_COS),
                        logreg_row(m->lr, 1 + PF_JACCARD), 3 * sizeof(double));
    assert_memory_equal(logreg_row(m2->lr, 1 + PF_JACCARD),
                        logreg_row(m->lr, 1 + PF_COS), 3 * sizeof(double));
    free(t);
    free(j);
    model_free(m);
    model_free(m2);
}

/* A string the tree reads as a blob's marker without being one
 * ("\u0040gainsay-blob:N" unescapes to it) may name a blob that another
 * member names too, so a model read from the tree can leave a blob unread
 * though every member that may hold one holds a marker: the weights must
 * then not be decoded into the text, which is parsed again whole (it was
 * freed with the model and parsed from freed memory, then freed again). */
static void test_load_forged_marker(void **state)
{
    struct model *m = tiny_model(), *m1 = (struct model *)1;
    size_t k = m->n_labels, dim = spec_dim(&m->spec);
    uint32_t *keys = malloc(600 * sizeof *keys);
    double *vals = malloc(600 * sizeof *vals);
    char *j, *j1, *j2, *j3, *b64, junk[1300] = "\"junk\":{\"keys\":\"";
    struct err e = { 0 };
    int kept = 7;

    (void)state;
    assert_non_null(keys);
    assert_non_null(vals);
    logreg_free(m->lr);
    m->lr = logreg_alloc_sparse(dim, k, 600);
    assert_non_null(m->lr);
    for (size_t r = 0; r < 600; r++) {
        keys[r] = (uint32_t)r;
        vals[r] = 1.0;
        assert_int_equal(logreg_set_row(m->lr, r, r), 0);
        for (size_t c = 0; c < k; c++)
            m->lr->w[r * k + c] = (double)r - (double)c;
    }
    /* IDF keys the same 600 numbers as the rows: the same base64 */
    free(m->spec.idf_key);
    free(m->spec.idf_val);
    m->spec.idf_key = keys;
    m->spec.idf_val = vals;
    m->spec.n_idf = 600;
    assert_int_equal(spec_index_idf(&m->spec), 0);
    j = model_to_json(m);
    assert_non_null(j);
    b64 = base64_encode(keys, 600 * sizeof *keys);
    assert_non_null(b64);
    /* blobs: junk's (0), IDF values (1), rows (2), weights (3); the IDF
     * keys name the rows' blob */
    memset(junk + strlen(junk), 'A', 1200);
    strcpy(junk + strlen(junk), "\"},\"format\"");
    j1 = edit(j, b64, "\\u0040gainsay-blob:2");
    j2 = unsum(j1);
    j3 = edit(j2, "\"format\"", junk);
    assert_int_equal(model_parse_json_taking(j3, strlen(j3), "f.json", &m1,
                                             &kept, &e), STATUS_FORMAT);
    assert_int_equal(kept, 0);
    assert_non_null(strstr(e.msg, "f.json: "));
    free(j3);                   /* still the caller's */
    free(j2);
    free(b64);
    free(j);
    model_free(m);
}

static void test_bad_models(void **state)
{
    struct model *m = tiny_model();
    char *j = unsum(model_to_json(m)), *t;

    (void)state;
    expect_bad("", STATUS_FORMAT, "invalid or truncated JSON");
    expect_bad("[1,2]", STATUS_FORMAT, "not a gainsay model");
    t = malloc(strlen(j) / 2 + 1);
    memcpy(t, j, strlen(j) / 2);
    t[strlen(j) / 2] = '\0';
    expect_bad(t, STATUS_FORMAT, "truncated");
    free(t);
    t = edit(j, "\"version\":\t4", "\"version\":\t5");
    expect_bad(t, STATUS_VERSION, "model version 5 not supported");
    free(t);
    /* dense features are read by name: an unknown one is refused, and a
     * list the weights do not fit is too */
    t = edit(j, "\"sim.cos_tfidf\"", "\"sim.cos_bogus\"");
    expect_bad(t, STATUS_FORMAT, "dense feature \"sim.cos_bogus\" is not");
    free(t);
    t = edit(j, "\"overlap.jaccard\",", "");
    expect_bad(t, STATUS_FORMAT, "weights have");
    free(t);
    t = edit(j, "\"overlap.jaccard\"", "\"sim.cos_tfidf\"");
    expect_bad(t, STATUS_FORMAT, "appears twice");
    free(t);
    t = edit(j, "\"format\":\t\"gainsay-model\"", "\"format\":\t\"other\"");
    expect_bad(t, STATUS_FORMAT, "not a gainsay model");
    free(t);
    t = edit(j, "\"hash_bits\":\t12", "\"hash_bits\":\t40");
    expect_bad(t, STATUS_FORMAT, "hash_bits");
    free(t);
    t = edit(j, "\"threshold\":\t0.4375", "\"threshold\":\t1.5");
    expect_bad(t, STATUS_FORMAT, "threshold");
    free(t);
    t = edit(j, "\"flag_label\":\t\"contradiction\"",
             "\"flag_label\":\t\"nope\"");
    expect_bad(t, STATUS_FORMAT, "flag_label");
    free(t);
    t = edit(j, "\"n_classes\":\t3", "\"n_classes\":\t4");
    expect_bad(t, STATUS_FORMAT, "4 classes but there are 3 labels");
    free(t);
    /* a weight that is not finite: the first 12 base64 characters of the
     * weights decode to 9 bytes whose first 8 are a NaN
     * (0x7ff8000000000000, little-endian) */
    {
        char *last = NULL, *at = j;
        while ((at = strstr(at, "\"values\":\t\"")) != NULL)
            last = at++;
        assert_non_null(last);
        t = strdup(j);
        memcpy(t + (last - j) + strlen("\"values\":\t\""), "AAAAAAAA+H8A",
               12);
        expect_bad(t, STATUS_FORMAT, "not finite");
        free(t);
    }
    t = edit(j, "\"labels\":\t[\"contradiction\"",
             "\"labels\":\t[\"neutral\"");
    expect_bad(t, STATUS_FORMAT, "appears twice");
    free(t);
    free(j);
    model_free(m);
}

/* CPU seconds to parse j with its three labels replaced by n unique ones
 * (the parse then fails on the class count; the labels are checked
 * first), the least of three runs. */
static double labels_cost(const char *j, size_t n)
{
    size_t cap = n * 12 + 64, k = 0;
    char *list = malloc(cap), *t;
    double best = 1e9;

    assert_non_null(list);
    k += (size_t)sprintf(list, "\"labels\":\t[");
    for (size_t i = 0; i < n; i++)
        k += (size_t)sprintf(list + k, "%s\"l%zu\"", i ? "," : "", i);
    t = edit(j, "\"labels\":\t[\"contradiction\", \"entailment\", "
             "\"neutral\"", list);
    {   /* without its checksum, which the edit broke, so the labels are
         * what is checked */
        char *at = NULL, *p = t;
        while ((p = strstr(p, "\"checksum\"")) != NULL)
            at = p++;
        if (at) {
            while (at > t && *at != ',')
                at--;
            strcpy(at, "\n}");
        }
    }
    for (int r = 0; r < 3; r++) {
        struct model *m = NULL;
        struct err e = { 0 };
        clock_t c0 = clock();
        assert_int_not_equal(model_parse_json(t, strlen(t), "big.json", &m,
                                              &e), 0);
        assert_non_null(strstr(e.msg, "labels"));
        if ((double)(clock() - c0) / CLOCKS_PER_SEC < best)
            best = (double)(clock() - c0) / CLOCKS_PER_SEC;
        model_free(m);
    }
    free(t);
    free(list);
    return best;
}

/* Loading grows linearly with the labels: 8 times as many cost well under
 * the 64 times comparing every pair of labels did (100,000 took 12 s). */
static void test_many_labels_linear(void **state)
{
    struct model *m = tiny_model();
    char *j = model_to_json(m);
    double small, big;

    (void)state;
    small = labels_cost(j, 5000);
    big = labels_cost(j, 40000);
    if (big > 20 * small + 0.05)
        print_error("5,000 labels %.3f s, 40,000 labels %.3f s\n", small,
                    big);
    assert_true(big <= 20 * small + 0.05);
    free(j);
    model_free(m);
}

static void test_explain_exact(void **state)
{
    struct model *m = tiny_model();
    struct text_info a, b;
    struct explanation ex;
    struct svec x;
    struct err e = { 0 };
    double p[3];

    (void)state;
    build(&m->spec, "Police won", &a);
    build(&m->spec, "The company did not say that police won", &b);
    assert_int_equal(model_explain(m, &a, &b, m->flag, &ex, &e), 0);
    svec_init(&x);
    assert_int_equal(model_predict_info(m, &a, &b, &x, p, &e), ex.predicted);
    for (size_t k = 0; k < 3; k++) {
        double sum = 0;
        for (size_t i = 0; i < ex.n; i++)
            sum += ex.c[i].weight[k];
        assert_near(sum, ex.score[k], 1e-12);
        assert_near(ex.prob[k], p[k], 1e-12);
    }
    /* sorted by pull on the flag label, and named */
    for (size_t i = 1; i < ex.n; i++)
        assert_true(fabs(ex.c[i - 1].weight[m->flag])
                    >= fabs(ex.c[i].weight[m->flag]));
    assert_non_null(ex.c[0].name);
    {
        int found = 0;
        for (size_t i = 0; i < ex.n; i++)
            found |= ex.c[i].name && strcmp(ex.c[i].name, "b_only:not") == 0;
        assert_true(found);
    }
    explanation_clear(&ex);
    svec_clear(&x);
    text_info_clear(&a);
    text_info_clear(&b);
    model_free(m);
}

/* svec_sort_sum() sums repeated indices in the order they were pushed,
 * at every length and whichever sort the length chooses: the reference is
 * a stable insertion sort and a left-to-right sum.  Values are mixed
 * (2.385 / k), so another order would round differently. */
static void sort_ref(uint32_t *ix, double *vx, size_t n, size_t *n_out)
{
    size_t w = 0;

    for (size_t i = 1; i < n; i++) {
        uint32_t ti = ix[i];
        double tv = vx[i];
        size_t j = i;
        for (; j > 0 && ix[j - 1] > ti; j--) {
            ix[j] = ix[j - 1];
            vx[j] = vx[j - 1];
        }
        ix[j] = ti;
        vx[j] = tv;
    }
    for (size_t r = 0; r < n; r++) {
        if (w > 0 && ix[w - 1] == ix[r]) {
            vx[w - 1] += vx[r];
        } else {
            ix[w] = ix[r];
            vx[w] = vx[r];
            w++;
        }
    }
    *n_out = w;
}

static void test_svec_sort_order(void **state)
{
    static const size_t sizes[] = { 0, 1, 2, 31, 63, 64, 65, 200, 1000,
                                    4095, 4097 };
    static const uint32_t ranges[] = { 7, 300, 1u << 20, UINT32_MAX };
    uint64_t rng = 2385;
    (void)state;

    for (size_t si = 0; si < sizeof sizes / sizeof *sizes; si++)
        for (size_t ri = 0; ri < sizeof ranges / sizeof *ranges; ri++)
            for (int spare = 0; spare < 2; spare++) {
                size_t n = sizes[si], n_ref;
                uint32_t *ri_ = malloc((n ? n : 1) * sizeof *ri_);
                double *rv = malloc((n ? n : 1) * sizeof *rv);
                struct svec v;
                assert_non_null(ri_);
                assert_non_null(rv);
                /* exactly n entries, or room for n more (the radix sort
                 * then works in the vector's own spare capacity) */
                svec_init(&v);
                v.cap = spare ? 2 * n + 1 : n;
                v.idx = malloc((v.cap ? v.cap : 1) * sizeof *v.idx);
                v.val = malloc((v.cap ? v.cap : 1) * sizeof *v.val);
                assert_non_null(v.idx);
                assert_non_null(v.val);
                for (size_t i = 0; i < n; i++) {
                    rng = rng * 6364136223846793005u + 1442695040888963407u;
                    v.idx[i] = (uint32_t)((rng >> 32) % ranges[ri]);
                    v.val[i] = 2.385 / (double)(1 + (rng >> 20) % 97);
                    ri_[i] = v.idx[i];
                    rv[i] = v.val[i];
                }
                v.n = n;
                svec_sort_sum(&v);
                sort_ref(ri_, rv, n, &n_ref);
                assert_int_equal(v.n, n_ref);
                for (size_t i = 0; i < n_ref; i++) {
                    assert_int_equal(v.idx[i], ri_[i]);
                    assert_memory_equal(&v.val[i], &rv[i], sizeof rv[i]);
                }
                free(ri_);
                free(rv);
                svec_clear(&v);
            }
}

/* spec_cue_bits() is spec_is_cue() of every list at once: the cue words
 * themselves, longer and shorter forms of them, words in several lists,
 * and words in none, under the default lists and lists of one's own
 * (an exact word and a prefix of the same letters in different lists). */
static void test_cue_bits(void **state)
{
    static const char *const mine[] = { "rose", "rose*", "fell", "f*", "*",
                                        "" };
    static const char *const extra[] = { "", "s", "ed", "ing", "x" };
    struct feature_spec spec;
    size_t tried = 0;
    (void)state;

    for (int round = 0; round < 2; round++) {
        assert_int_equal(spec_init_default(&spec), 0);
        if (round == 1) {
            assert_int_equal(spec_set_cues(&spec, CUE_HEDGE, mine, 6), 0);
            assert_int_equal(spec_set_cues(&spec, CUE_REFUTE, mine + 1, 3),
                             0);
        }
        for (int c = 0; c < N_CUES; c++)
            for (size_t i = 0; i < spec.cues[c].n; i++)
                for (size_t x = 0; x < sizeof extra / sizeof *extra; x++)
                    for (size_t cut = 0; cut < 2; cut++) {
                        char buf[64];
                        size_t n;
                        unsigned want = 0;
                        snprintf(buf, sizeof buf, "%.*s%s",
                                 (int)spec.cues[c].len[i], spec.cues[c].word[i],
                                 extra[x]);
                        n = strlen(buf);
                        if (cut && n > 0)
                            n--;
                        for (int k = 0; k < N_CUES; k++)
                            if (spec_is_cue(&spec, (enum cue)k, buf, n))
                                want |= 1u << k;
                        assert_int_equal(spec_cue_bits(&spec, buf, n,
                                                       fnv1a(buf, n)), want);
                        tried++;
                    }
        /* a word in two lists has both bits */
        assert_int_equal(spec_cue_bits(&spec, "said", 4, fnv1a("said", 4)),
                         round == 0 ? (1u << CUE_HEDGE) | (1u << CUE_STOP)
                                    : 1u << CUE_STOP);
        spec_clear(&spec);
    }
    assert_true(tried > 1000);
}

/* The sentence features of a short a against a b of many sentences
 * (where a is indexed once for all of them) are the plain sums: each
 * sentence's svec_dot() in order, and the best share of a's content words
 * found in one sentence, recomputed here by brute force. */
static void test_sentence_lookup(void **state)
{
    static const char *const as[] = {
        "Officials deny the bridge collapsed on Monday",
        "Police say 43 students were not found",
        "the the the a",
    };
    const char *b = "The bridge did not collapse, officials said on Monday. "
                    "Reports of a collapse spread online. Police found 43 "
                    "students. Students were found by police on Monday? "
                    "The officials deny everything. Nothing collapsed.";
    struct feature_spec spec;
    struct text_info tb;
    (void)state;

    assert_int_equal(spec_init_default(&spec), 0);
    build(&spec, b, &tb);
    assert_true(tb.n_sent > 2);
    for (size_t k = 0; k < sizeof as / sizeof *as; k++) {
        struct text_info ta;
        double f[PAIR_N_DENSE], sum = 0.0, best = -1.0, cov = 0.0;
        build(&spec, as[k], &ta);
        assert_int_equal(features_pair(&spec, &ta, &tb, f, NULL, NULL,
                                       NULL), 0);
        for (size_t si = 0; si < tb.n_sent; si++) {
            double c = svec_dot(&ta.tfidf, &tb.sent_tfidf[si]);
            size_t from = si ? tb.sent_end[si - 1] : 0, hit = 0;
            sum += c;
            if (c > best)
                best = c;
            for (size_t w = 0; w < ta.content.n; w++)
                for (size_t i = from; i < tb.sent_end[si]; i++)
                    if (tb.tl.tok[i].hash == ta.content.idx[w]) {
                        hit++;
                        break;
                    }
            if (ta.content.n && (double)hit / (double)ta.content.n > cov)
                cov = (double)hit / (double)ta.content.n;
        }
        assert_memory_equal(&f[PF_SENT_MAX], &best, sizeof best);
        sum /= (double)tb.n_sent;
        assert_memory_equal(&f[PF_SENT_MEAN], &sum, sizeof sum);
        assert_memory_equal(&f[PF_SENT_COVER], &cov, sizeof cov);
        text_info_clear(&ta);
    }
    text_info_clear(&tb);
    spec_clear(&spec);
}

/* Each sentence's TF-IDF takes its words' IDF from the text's own list
 * of word types (one look-up per type): bit for bit what spec_idf() per
 * word gives, with an IDF table, words it lacks, and repeats. */
static void test_sentence_idf(void **state)
{
    const char *t = "Officials denied the report. The report said the mayor "
                    "resigned; officials deny it, deny it again. Zqxv wrlp "
                    "zqxv 42 42 officials! Mayor Mayor mayor.";
    static const uint32_t df[] = { 3, 50, 7 };
    uint32_t keys[3];
    struct feature_spec spec;
    struct text_info ti;

    (void)state;
    assert_int_equal(spec_init_default(&spec), 0);
    keys[0] = fnv1a("report", 6);
    keys[1] = fnv1a("the", 3);
    keys[2] = fnv1a("officials", 9);
    if (keys[0] > keys[1]) { uint32_t x = keys[0]; keys[0] = keys[1]; keys[1] = x; }
    if (keys[1] > keys[2]) { uint32_t x = keys[1]; keys[1] = keys[2]; keys[2] = x; }
    if (keys[0] > keys[1]) { uint32_t x = keys[0]; keys[0] = keys[1]; keys[1] = x; }
    assert_int_equal(spec_set_idf(&spec, 100, keys, df, 3), 0);
    text_info_init(&ti);
    assert_int_equal(text_info_build(&spec, t, strlen(t), &ti), 0);
    assert_true(ti.n_sent >= 3);
    for (size_t si = 0, from = 0; si < ti.n_sent; si++) {
        struct svec v;
        svec_init(&v);
        for (size_t i = from; i < ti.sent_end[si]; i++)
            if (!(ti.tl.tok[i].flags & TOKEN_PUNCT))
                assert_int_equal(svec_push(&v, ti.tl.tok[i].hash, 1.0), 0);
        svec_sort_sum(&v);
        for (size_t i = 0; i < v.n; i++)
            v.val[i] = (1.0 + log(v.val[i])) * spec_idf(&spec, v.idx[i]);
        svec_normalize(&v);
        assert_int_equal(v.n, ti.sent_tfidf[si].n);
        assert_memory_equal(v.idx, ti.sent_tfidf[si].idx, v.n * sizeof *v.idx);
        assert_memory_equal(v.val, ti.sent_tfidf[si].val, v.n * sizeof *v.val);
        svec_clear(&v);
        from = ti.sent_end[si];
    }
    text_info_clear(&ti);
    spec_clear(&spec);
}

/* An analysis copied from one spec's and weighed with another's IDF is
 * the one that spec makes itself: the same input vector, bit for bit. */
static void test_copy_analysis(void **state)
{
    static const char *const texts[] = {
        "Officials deny the bridge collapsed on Monday",
        "The bridge did not collapse, officials said. Reports spread "
        "online? Police found 43 students; 1,000 people can't say.",
        "",
    };
    struct feature_spec s1, s2;
    static const uint32_t keys[] = { 0x10000000u, 0x80000000u };
    static const uint32_t df[] = { 3, 7 };
    (void)state;

    assert_int_equal(spec_init_default(&s1), 0);
    assert_int_equal(spec_init_default(&s2), 0);
    assert_int_equal(spec_set_idf(&s2, 11, keys, df, 2), 0);
    assert_true(spec_same_analysis(&s1, &s2));
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
        for (size_t j = 0; j < sizeof texts / sizeof *texts; j++) {
            struct text_info a1, a2, b2, c2;
            struct svec x, y;
            build(&s1, texts[i], &a1);
            text_info_init(&a2);
            assert_int_equal(text_info_copy_analysis(&a2, &a1), 0);
            assert_int_equal(text_weigh(&s2, &a2), 0);
            build(&s2, texts[i], &c2);
            build(&s2, texts[j], &b2);
            svec_init(&x);
            svec_init(&y);
            assert_int_equal(features_full(&s2, &a2, &b2, &x, NULL), 0);
            assert_int_equal(features_full(&s2, &c2, &b2, &y, NULL), 0);
            assert_int_equal(x.n, y.n);
            assert_memory_equal(x.idx, y.idx, x.n * sizeof *x.idx);
            assert_memory_equal(x.val, y.val, x.n * sizeof *x.val);
            svec_clear(&x);
            svec_clear(&y);
            text_info_clear(&a1);
            text_info_clear(&a2);
            text_info_clear(&b2);
            text_info_clear(&c2);
        }
    /* another cue list, or alignment, analyses otherwise */
    {
        static const char *const w[] = { "rose" };
        assert_int_equal(spec_set_cues(&s2, CUE_HEDGE, w, 1), 0);
        assert_false(spec_same_analysis(&s1, &s2));
        spec_clear(&s2);
        assert_int_equal(spec_init_default(&s2), 0);
        s2.groups |= FG_ALIGN;
        assert_false(spec_same_analysis(&s1, &s2));
    }
    spec_clear(&s1);
    spec_clear(&s2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pair_features),
        cmocka_unit_test(test_sentence_features),
        cmocka_unit_test(test_groups),
        cmocka_unit_test(test_train_predict),
        cmocka_unit_test(test_train_reproducible),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_blobs_and_fallback),
        cmocka_unit_test(test_load_in_place),
        cmocka_unit_test(test_load_forged_marker),
        cmocka_unit_test(test_bad_models),
        cmocka_unit_test(test_many_labels_linear),
        cmocka_unit_test(test_dense_by_name),
        cmocka_unit_test(test_bit_flips),
        cmocka_unit_test(test_huge_weights),
        cmocka_unit_test(test_bad_rows),
        cmocka_unit_test(test_old_checksum),
        cmocka_unit_test(test_explain_exact),
        cmocka_unit_test(test_svec_sort_order),
        cmocka_unit_test(test_cue_bits),
        cmocka_unit_test(test_sentence_lookup),
        cmocka_unit_test(test_copy_analysis),
        cmocka_unit_test(test_sentence_idf),
    };
    gsl_set_error_handler_off();
    return cmocka_run_group_tests_name("model", tests, NULL, NULL);
}

/* test_check_report.c - the reporters of `check` return a status: a report
 * that ran out of memory says so and is never half written.  Findings are
 * built by hand, so no shipped model is needed. */
#include <cJSON.h>
#include <stdlib.h>

#include "t.h"
#include "doc/document.h"
#include "report/check_report.h"

static const char article[] =
    "Le maire confirme l'ouverture du pont en mai\n"
    "\n"
    "Le maire a annoncé que le pont ouvrirait en mai. "
    "\"Le pont n'ouvrira pas en mai, ni en été,\" a déclaré "
    "Anne Lévêque.\n";

static char l_con[] = "contradiction", l_ent[] = "entailment",
            l_neu[] = "neutral", w_cue[] = "cue.neg_asym";
static char *labels_nli[] = { l_con, l_ent, l_neu };

/* cJSON's allocations fail once `budget` of them have succeeded; a
 * negative budget never fails. */
static long budget = -1;
static size_t n_failed;

static void *budget_malloc(size_t n)
{
    if (budget == 0) {
        n_failed++;
        return NULL;
    }
    if (budget > 0)
        budget--;
    return malloc(n);
}

struct fixture {
    struct model nli;
    struct document d;
    struct check_result r;
    double probs[3];
    struct reason why[1];
};

/* The article with two findings: the headline against the quote and
 * against the sentence. */
static void fixture_init(struct fixture *x)
{
    struct err e = { 0 };
    size_t quote = SIZE_MAX, sent = SIZE_MAX;

    memset(x, 0, sizeof *x);
    x->nli.labels = labels_nli;
    x->nli.n_labels = 3;
    x->probs[0] = 0.9125;
    x->probs[1] = 0.05;
    x->probs[2] = 0.0375;
    x->why[0] = (struct reason){ w_cue, 1.0, 1.26 };
    document_init(&x->d);
    assert_int_equal(doc_parse_text(&x->d, "pont.txt", article,
                                    strlen(article), NULL, NULL, &e), 0);
    for (size_t i = 0; i < x->d.n; i++) {
        if (x->d.st[i].kind == STMT_QUOTE && quote == SIZE_MAX)
            quote = i;
        if (x->d.st[i].kind == STMT_SENTENCE && sent == SIZE_MAX)
            sent = i;
    }
    assert_true(quote != SIZE_MAX && sent != SIZE_MAX);
    check_result_init(&x->r);
    x->r.f = calloc(2, sizeof *x->r.f);
    assert_non_null(x->r.f);
    x->r.n = x->r.cap = 2;
    x->r.n_scored = 3;
    x->r.threshold = 0.585;
    x->r.f[0] = (struct finding){ .kind = PAIR_HEADLINE_QUOTE,
                                  .a = x->d.headline, .b = quote,
                                  .model = &x->nli, .threshold = 0.585,
                                  .p_flag = 0.9125, .pair_p = 0.9125,
                                  .probs = x->probs, .why = x->why,
                                  .n_why = 1, .severity = SEVERITY_ERROR };
    x->r.f[1] = (struct finding){ .kind = PAIR_HEADLINE_SENTENCE,
                                  .a = x->d.headline, .b = sent,
                                  .model = &x->nli, .threshold = 0.585,
                                  .p_flag = 0.6875, .pair_p = 0.6875,
                                  .probs = x->probs, .why = x->why,
                                  .n_why = 1, .severity = SEVERITY_WARNING };
    for (size_t i = 0; i < 2; i++)
        finding_fingerprint(&x->d, &x->r.f[i], x->r.f[i].fingerprint);
}

static void fixture_clear(struct fixture *x)
{
    free(x->r.f);               /* the arrays are the test's */
    document_clear(&x->d);
}

/* Report the fixture twice (two files) in format; *ok is whether every
 * call returned 0.  Returns what was written (the caller frees it). */
static char *report(struct fixture *x, const char *format, int *ok,
                    size_t *len)
{
    struct check_report rp;
    struct err e = { 0 };
    char *buf = NULL;
    size_t blen = 0;
    FILE *fp = open_memstream(&buf, &blen);
    int rc;

    assert_non_null(fp);
    *ok = 1;
    rc = check_report_begin(&rp, fp, report_format_find(format), 0, &e);
    if (rc) {
        assert_int_equal(rc, STATUS_NOMEM);
        *ok = 0;
    } else {
        for (int k = 0; k < 2; k++)
            if (check_report_file(&rp, &x->d, &x->r, NULL, &e)) {
                assert_int_equal(e.code, STATUS_NOMEM);
                assert_non_null(strstr(e.msg, "out of memory"));
                *ok = 0;
            }
        rc = check_report_end(&rp, &e);
        /* a failure anywhere fails the end: the report is not kept */
        if (!*ok)
            assert_int_not_equal(rc, 0);
        if (rc) {
            assert_int_equal(rc, STATUS_NOMEM);
            *ok = 0;
        }
    }
    fclose(fp);
    *len = blen;
    return buf;
}

/* Every allocation of the SARIF log failing in turn: each run either
 * writes the whole log or fails and writes nothing. */
static void test_sarif_out_of_memory(void **state)
{
    struct fixture x;
    cJSON_Hooks hooks = { budget_malloc, free };
    size_t ref_len, len, n_runs = 0;
    int ok;
    char *ref, *out;
    cJSON *parsed;

    (void)state;
    fixture_init(&x);
    ref = report(&x, "sarif", &ok, &ref_len);
    assert_true(ok);
    parsed = cJSON_Parse(ref);
    assert_non_null(parsed);    /* valid JSON, accents and all */
    cJSON_Delete(parsed);
    assert_non_null(strstr(ref, x.r.f[0].fingerprint));
    cJSON_InitHooks(&hooks);
    for (long n = 0;; n++) {
        budget = n;
        n_failed = 0;
        out = report(&x, "sarif", &ok, &len);
        n_runs++;
        if (n_failed == 0) {
            /* the budget was enough: the same log as without one */
            assert_true(ok);
            assert_int_equal(len, ref_len);
            assert_memory_equal(out, ref, len);
            free(out);
            break;
        }
        assert_false(ok);
        assert_int_equal(len, 0);
        free(out);
        assert_true(n < 100000);
    }
    budget = -1;
    cJSON_InitHooks(NULL);
    /* the log takes many allocations, each of which was made to fail */
    assert_true(n_runs > 50);
    free(ref);
    fixture_clear(&x);
}

/* Every format of the table reports the two files and returns 0. */
static void test_every_format(void **state)
{
    struct fixture x;
    size_t n = 0;

    (void)state;
    fixture_init(&x);
    for (const struct report_format *f = report_formats; f->name; f++) {
        size_t len;
        int ok;
        char *out = report(&x, f->name, &ok, &len);
        n++;
        assert_true(ok);
        assert_true(len > 0);
        if (strcmp(f->name, "json") == 0 || strcmp(f->name, "gitlab") == 0
            || strcmp(f->name, "sarif") == 0) {
            cJSON *j = cJSON_Parse(out);
            assert_non_null(j);
            cJSON_Delete(j);
        }
        if (strcmp(f->name, "gitlab") == 0)
            assert_non_null(strstr(out, x.r.f[1].fingerprint));
        free(out);
    }
    assert_int_equal(n, 7);
    assert_null(report_format_find("xml"));
    fixture_clear(&x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sarif_out_of_memory),
        cmocka_unit_test(test_every_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

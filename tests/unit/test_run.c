/* test_run.c - check_run: files checked on threads, handed back in order,
 * the baseline to write recording each finding against its own model's
 * threshold; check_models_load. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "t.h"
#include "check/run.h"

static const char article[] =
    "Mayor resigns after budget row\n\n"
    "The mayor resigned on Monday, officials said.\n\n"
    "\"I have not resigned and I will not resign,\" the mayor told "
    "reporters on Tuesday.\n\n"
    "The mayor did not resign on Monday, council officials said.\n\n"
    "\"The mayor has resigned,\" a council spokesman said.\n";

struct seen {
    char names[4][64];
    int rc[4];
    size_t n;
    size_t n_headline, n_other;         /* warnings and errors */
    size_t n_notes;
};

static void on_file(void *ctx, const struct check_file *f)
{
    struct seen *s = ctx;

    if (s->n < 4) {
        const char *slash = strrchr(f->name, '/');
        snprintf(s->names[s->n], sizeof s->names[s->n], "%s",
                 slash ? slash + 1 : f->name);
        s->rc[s->n] = f->rc;
    }
    s->n++;
    for (size_t k = 0; f->rc == 0 && k < f->r->n; k++) {
        const struct finding *x = &f->r->f[k];
        if (x->severity == SEVERITY_NOTE)
            s->n_notes++;
        else if (x->kind == PAIR_HEADLINE_SENTENCE
                 || x->kind == PAIR_HEADLINE_QUOTE)
            s->n_headline++;
        else
            s->n_other++;
    }
}

static const char *model_file(char *buf, size_t size)
{
    const char *root = getenv("GAINSAY_ROOT");

    snprintf(buf, size, "%s/tests/data/tiny.json", root ? root : ".");
    return buf;
}

/* Check a.txt, a missing file and b.txt with the tiny model as both the
 * sentence and the headline model, at the two thresholds given. */
static void run_once(const char *dir, const char *threshold,
                     const char *headline_threshold, int all,
                     struct seen *s, struct baseline **recorded)
{
    char path[3][4096], mpath[4096];
    const char *paths[3] = { path[0], path[1], path[2] };
    struct model *nli = NULL, *headline = NULL, *stance = NULL;
    struct check_run_options o;
    struct check_run run;
    struct settings cli = { 0 };
    struct err e = { 0 };

    snprintf(path[0], sizeof path[0], "%s/a.txt", dir);
    snprintf(path[1], sizeof path[1], "%s/missing.txt", dir);
    snprintf(path[2], sizeof path[2], "%s/b.txt", dir);
    model_file(mpath, sizeof mpath);
    assert_int_equal(check_models_load(mpath, mpath, NULL, &nli, &headline,
                                       &stance, &e), 0);
    assert_null(stance);
    assert_int_equal(settings_set(&cli, "threshold", threshold, &e), 0);
    assert_int_equal(settings_set(&cli, "headline-threshold",
                                  headline_threshold, &e), 0);
    memset(&o, 0, sizeof o);
    doc_read_options_init(&o.read);
    check_options_default(&o.opt);
    o.opt.all = all;
    o.no_config = 1;
    o.cli = &cli;
    o.jobs = 2;
    snprintf(mpath, sizeof mpath, "%s/baseline.json", dir);
    assert_non_null(o.write_baseline = baseline_alloc(mpath));
    memset(s, 0, sizeof *s);
    assert_int_equal(check_run_init(&run, paths, 3, &o, &e), 0);
    assert_int_equal(run.n_items, 3);
    {
        struct check_models cm = { nli, headline, NULL };
        assert_int_equal(check_run_files(&run, &cm, on_file, s, &e), 0);
    }
    /* every file handed back, in order; the missing one with its error */
    assert_int_equal(s->n, 3);
    assert_string_equal(s->names[0], "a.txt");
    assert_string_equal(s->names[1], "missing.txt");
    assert_string_equal(s->names[2], "b.txt");
    assert_int_equal(s->rc[0], 0);
    assert_int_not_equal(s->rc[1], 0);
    assert_int_equal(s->rc[2], 0);
    assert_int_equal(run.errors, 1);
    check_run_clear(&run);
    model_free(nli);
    model_free(headline);
    *recorded = o.write_baseline;
}

static void test_run(void **state)
{
    char dir[] = "/tmp/gainsay-test-run.XXXXXX", path[4096];
    struct seen s;
    struct baseline *b = NULL;

    (void)state;
    assert_non_null(mkdtemp(dir));
    for (int k = 0; k < 2; k++) {
        FILE *fp;
        snprintf(path, sizeof path, "%s/%s", dir, k ? "b.txt" : "a.txt");
        assert_non_null(fp = fopen(path, "w"));
        fputs(article, fp);
        fclose(fp);
    }

    /* the headline model's pairs are all findings, the sentence model's
     * none: each is recorded against its own threshold */
    run_once(dir, "1", "0", 0, &s, &b);
    assert_true(s.n_headline > 0);
    assert_int_equal(s.n_other, 0);
    assert_int_equal(b->n, s.n_headline);
    for (size_t i = 0; i < b->n; i++)
        assert_memory_equal(b->v[i].kind, "headline-", 9);
    baseline_free(b);

    /* the other way round, with --all: the headline pairs are notes, and
     * notes are not recorded */
    run_once(dir, "0", "1", 1, &s, &b);
    assert_true(s.n_notes > 0);
    assert_int_equal(s.n_headline, 0);
    assert_true(s.n_other > 0);
    assert_int_equal(b->n, s.n_other);
    for (size_t i = 0; i < b->n; i++)
        assert_true(strncmp(b->v[i].kind, "headline-", 9) != 0);
    baseline_free(b);

    for (int k = 0; k < 2; k++) {
        snprintf(path, sizeof path, "%s/%s", dir, k ? "b.txt" : "a.txt");
        unlink(path);
    }
    rmdir(dir);
}

/* A model that cannot be loaded: its error, and nothing kept (the others
 * loaded beside it are freed: the sanitizers and valgrind would say). */
static void test_models_load_error(void **state)
{
    char mpath[4096];
    struct model *nli = NULL, *headline = NULL, *stance = NULL;
    struct err e = { 0 };

    (void)state;
    model_file(mpath, sizeof mpath);
    assert_int_not_equal(check_models_load(mpath, mpath,
                                           "/nonexistent/stance.json", &nli,
                                           &headline, &stance, &e), 0);
    assert_null(nli);
    assert_non_null(strstr(e.msg, "/nonexistent/stance.json"));
    assert_int_not_equal(check_models_load("/nonexistent/nli.json", NULL,
                                           NULL, &nli, &headline, &stance,
                                           &e), 0);
    assert_non_null(strstr(e.msg, "/nonexistent/nli.json"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_run),
        cmocka_unit_test(test_models_load_error),
    };
    return cmocka_run_group_tests_name("run", tests, NULL, NULL);
}

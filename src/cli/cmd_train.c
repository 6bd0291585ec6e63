/* cmd_train.c - gainsay train: fit a model on labelled statement pairs. */
#include <cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/file.h"
#include "base/parallel.h"
#include "check/bags.h"
#include "cli/cli.h"
#include "cli/opt.h"
#include "cli/progress.h"
#include "model/labels.h"
#include "eval/metrics.h"
#include "eval/split.h"
#include "data/dataset.h"
#include "model/export.h"
#include "model/model_json.h"
#include "logreg/blas_threads.h"
#include "model/train.h"
#include "model/validate.h"
#include "report/metrics_report.h"
#include "lex/lexicon.h"

static const char usage_head[] =
"usage: gainsay train [<options>] -o <model> <data>...\n"
"   or: gainsay train [<options>] --dump-features <file> <data>...\n"
"\n"
"Fit a multinomial logistic-regression model on labelled statement pairs\n"
"in any of the data formats below, or in any TSV, CSV or JSONL layout\n"
"named with --columns.\n"
"\n";

static void usage_tail(FILE *fp)
{
    fputs("\n"
          "Validation and CV results go to stdout; progress (on a terminal) "
          "and a\n"
          "summary go to stderr.  With --cv and no -o, nothing is written.\n"
          "--dump-features writes the vectors the fit sees, one line per "
          "pair,\n"
          "\"<class> <index>:<value>...\": the class is the model's label "
          "index\n"
          "(labels in byte order), the indices the model's inputs (the "
          "dense\n"
          "features from 1, then hashed slots), with no bias (liblinear's "
          "-B 1\n"
          "adds one).  stdout gets the class weights and liblinear-train's "
          "-c\n"
          "for the same penalty: C = 1 / (l2 x the sum of the pairs' class\n"
          "weights).  eval --dump-features writes held-out pairs the same "
          "way.\n"
          "--validation files are read with the same --data-format, "
          "--columns and\n"
          "--label-map.  --metrics is the older spelling of --format; "
          "--format\n"
          "given a data format (the meaning it had before) still takes it "
          "as\n--data-format.\n", fp);
    cli_print_data_help(fp);
}

/* --dump-features: the design, as train_model() is about to fit it */
struct dump {
    const char *path;
    FILE *fp;
    struct export_summary sum;
};

static int dump_design(void *ctx, const struct design *d,
                       const uint32_t *cols, struct err *e)
{
    struct dump *du = ctx;
    int rc = export_design(du->fp, d, cols, &du->sum, e);

    if (rc == STATUS_IO)
        err_prefix(e, "%s", du->path);
    return rc;
}

/* What liblinear-train needs beside the file, on stdout. */
static void print_dump(const struct dump *du, const struct model *m,
                       double l2, int json)
{
    const struct export_summary *s = &du->sum;
    double c = l2 > 0.0 && s->weight_sum > 0.0
               ? 1.0 / (l2 * s->weight_sum) : 0.0;

    if (json) {
        cJSON *o = cJSON_CreateObject(), *cl;
        char *t;
        if (!o)
            goto out;
        cJSON_AddStringToObject(o, "features", du->path);
        cJSON_AddNumberToObject(o, "rows", (double)s->n_rows);
        cJSON_AddNumberToObject(o, "values", (double)s->n_values);
        cJSON_AddNumberToObject(o, "max_index", (double)s->max_index);
        cJSON_AddNumberToObject(o, "n_dense", (double)PAIR_N_DENSE);
        if (!(cl = cJSON_AddArrayToObject(o, "classes")))
            goto out;
        for (size_t k = 0; k < s->n_classes; k++) {
            cJSON *x = cJSON_CreateObject();
            if (!x || !cJSON_AddItemToArray(cl, x)) {
                cJSON_Delete(x);
                goto out;
            }
            cJSON_AddNumberToObject(x, "class", (double)k);
            cJSON_AddStringToObject(x, "label", m->labels[k]);
            cJSON_AddNumberToObject(x, "rows", (double)s->count[k]);
            cJSON_AddNumberToObject(x, "weight", s->weight[k]);
        }
        cJSON_AddNumberToObject(o, "l2", l2);
        cJSON_AddNumberToObject(o, "weight_sum", s->weight_sum);
        cJSON_AddNumberToObject(o, "liblinear_c", c);
        t = cJSON_PrintUnformatted(o);
        if (t)
            printf("%s\n", t);
        cJSON_free(t);
out:
        cJSON_Delete(o);
        return;
    }
    printf("== features: %s ==\n%zu rows, %zu classes, %zu values, largest "
           "index %zu (1..%d dense)\n", du->path, s->n_rows, s->n_classes,
           s->n_values, s->max_index, PAIR_N_DENSE);
    for (size_t k = 0; k < s->n_classes; k++)
        printf("class %zu %s: %zu rows, weight %.17g\n", k, m->labels[k],
               s->count[k], s->weight[k]);
    if (c > 0.0) {
        printf("liblinear-train -s 0 -B 1 -c %.17g", c);
        for (size_t k = 0; k < s->n_classes; k++)
            if (s->count[k] && s->weight[k] != 1.0)
                printf(" -w%zu %.17g", k, s->weight[k]);
        printf(" %s <model>\n\n", du->path);
    } else {
        printf("no L2 penalty: liblinear-train has no -c for it\n\n");
    }
}

/* --format is the output format (text or json), as in every command; a
 * data format name there is still taken as --data-format, the meaning it
 * had before, so that old scripts keep working. */
struct format_arg {
    int *json;
    struct data_options *data;
};

static int parse_format(void *v, const char *arg, struct err *e)
{
    struct format_arg *f = v;

    if (strcmp(arg, "text") == 0 || strcmp(arg, "json") == 0) {
        *f->json = strcmp(arg, "json") == 0;
        return 0;
    }
    if (cli_opt_data_format(f->data, arg, e) == 0)
        return 0;
    return err_set(e, STATUS_USAGE, "--format expects text or json, got "
                   "'%s'", arg);
}

static int parse_ngram(void *v, const char *arg, struct err *e)
{
    struct feature_spec *spec = v;
    unsigned lo, hi;
    char extra;

    if (sscanf(arg, "%u-%u%c", &lo, &hi, &extra) != 2 || lo < 1 || hi > 4
        || lo > hi)
        return err_set(e, STATUS_USAGE, "--ngram expects <min>-<max> with "
                       "1 <= min <= max <= 4, got '%s'", arg);
    spec->ngram_min = lo;
    spec->ngram_max = hi;
    return 0;
}

static int parse_features(void *v, const char *arg, struct err *e)
{
    return spec_parse_groups(arg, &((struct feature_spec *)v)->groups, e);
}

/* --lexicon: load the table; the spec borrows it and records its name. */
struct lexicon_arg {
    struct lexicon **lex;
    struct feature_spec *spec;
};

static int parse_lexicon(void *v, const char *arg, struct err *e)
{
    struct lexicon_arg *la = v;
    const char *base = strrchr(arg, '/');
    size_t n;
    int rc;

    lexicon_free(*la->lex);
    *la->lex = NULL;
    la->spec->lex = NULL;
    if ((rc = lexicon_load(arg, la->lex, e)) != 0)
        return rc;
    base = base ? base + 1 : arg;
    n = strlen(base) + 1;
    free(la->spec->lex_file);
    la->spec->lex_file = malloc(n);
    if (!la->spec->lex_file)
        return err_set(e, STATUS_NOMEM, "out of memory");
    memcpy(la->spec->lex_file, base, n);
    la->spec->lex = *la->lex;
    la->spec->lex_sum = lexicon_checksum(*la->lex);
    return 0;
}

static int parse_pool(void *v, const char *arg, struct err *e)
{
    struct train_options *t = v;
    char *end;
    double r;

    if (strcmp(arg, "noisy-or") == 0) {
        t->pool = LOGREG_POOL_NOISY_OR;
        return 0;
    }
    if (strncmp(arg, "lse=", 4) == 0) {
        r = strtod(arg + 4, &end);
        if (end != arg + 4 && !*end && r >= 1e-3 && r <= 1e3) {
            t->pool = LOGREG_POOL_LSE;
            t->pool_r = r;
            return 0;
        }
        return err_set(e, STATUS_USAGE, "--pool expects a number from "
                       "0.001 to 1000 after lse=, got '%s'", arg + 4);
    }
    return err_set(e, STATUS_USAGE, "--pool expects noisy-or or lse=<r>");
}

/* train's progress line: iterations, loss, gradient norm, ETA */
struct fit_progress {
    struct progress line;
    double g0;
    double tol;
    size_t max_iter;
};

static int on_progress(void *ctx, size_t iter, double loss, double gnorm)
{
    struct fit_progress *p = ctx;

    if (!p->line.show)
        return 0;
    if (iter == 1)
        p->g0 = gnorm;
    {
        double el = cli_now() - p->line.start, eta = -1.0;
        char eta_text[32] = "";
        /* ETA from the rate the gradient norm has been falling at */
        if (iter > 5 && gnorm < p->g0 && p->g0 > 0.0) {
            double rate = (log(p->g0) - log(gnorm)) / (double)iter;
            double left = (log(gnorm) - log(p->tol * (p->g0 > 1 ? p->g0 : 1)))
                          / rate;
            if (left < 0)
                left = 0;
            if (left > (double)(p->max_iter - iter))
                left = (double)(p->max_iter - iter);
            eta = left * el / (double)iter;
        }
        if (eta >= 0)
            snprintf(eta_text, sizeof eta_text, "  ETA %5.1fs", eta);
        progress_printf(&p->line, "%s: iter %4zu  loss %.6f  |g| %.3e  "
                        "%6.1fs%s", p->line.what, iter, loss, gnorm, el,
                        eta_text);
    }
    return 0;
}

/* --adapt-files: "n[,n...]", data files numbered from 1 of n_files, into
 * a flag per file (*own, which the caller frees) */
static int parse_adapt_files(const char *s, size_t n_files,
                             unsigned char **own, struct err *e)
{
    const char *p = s;

    *own = calloc(n_files ? n_files : 1, 1);
    if (!*own)
        return err_set(e, STATUS_NOMEM, "out of memory");
    for (;;) {
        char *end;
        unsigned long v;
        if (*p < '0' || *p > '9')
            return err_set(e, STATUS_USAGE, "--adapt-files: '%s' is not a "
                           "list of file numbers", s);
        v = strtoul(p, &end, 10);
        if (v < 1 || v > n_files)
            return err_set(e, STATUS_USAGE, "--adapt-files: no data file "
                           "%lu (%zu given)", v, n_files);
        (*own)[v - 1] = 1;
        if (*end == '\0')
            return 0;
        if (*end != ',')
            return err_set(e, STATUS_USAGE, "--adapt-files: '%s' is not a "
                           "list of file numbers", s);
        p = end + 1;
    }
}

static int parse_class_weight(const char *s, const struct dataset *ds,
                              struct train_options *opt)
{
    if (strcmp(s, "none") == 0) {
        opt->cw = CLASS_WEIGHT_NONE;
        return 0;
    }
    if (strcmp(s, "balanced") == 0) {
        opt->cw = CLASS_WEIGHT_BALANCED;
        return 0;
    }
    if (strcmp(s, "sqrt") == 0 || strcmp(s, "sqrt-balanced") == 0) {
        opt->cw = CLASS_WEIGHT_SQRT;
        return 0;
    }
    opt->cw = CLASS_WEIGHT_CUSTOM;
    opt->custom_weight = malloc((ds->labels.n ? ds->labels.n : 1)
                                * sizeof *opt->custom_weight);
    if (!opt->custom_weight)
        return cli_fail("out of memory");
    for (size_t l = 0; l < ds->labels.n; l++)
        opt->custom_weight[l] = 1.0;
    while (*s) {
        const char *eq = strchr(s, '='), *end;
        char *num_end;
        size_t l;
        double w;
        if (!eq)
            return cli_usage("train", "--class-weight: expected "
                             "<label>=<weight>, got '%s'", s);
        l = strmap_find(&ds->labels, s, (size_t)(eq - s));
        if (l == SIZE_MAX)
            return cli_usage("train", "--class-weight: no label '%.*s' in "
                             "the data", (int)(eq - s), s);
        w = strtod(eq + 1, &num_end);
        end = num_end;
        if (end == eq + 1 || !(w > 0) || !isfinite(w)
            || (*end && *end != ','))
            return cli_usage("train", "--class-weight: bad weight for "
                             "'%.*s'", (int)(eq - s), s);
        opt->custom_weight[l] = w;
        s = *end ? end + 1 : end;
    }
    return 0;
}

struct settings {
    struct feature_spec spec;   /* options only; no IDF */
    const char *flag;
    struct train_options topt;
    size_t cv;
    unsigned long seed;
    int quiet;
    int json;
};

/* A fresh model with the settings' spec, the data's labels and the flag. */
static int new_model(const struct settings *st, const struct dataset *ds,
                     struct model **out, struct err *e)
{
    struct model *m = model_alloc();
    int rc;

    if (!m)
        return err_set(e, STATUS_NOMEM, "out of memory");
    m->spec.hash_bits = st->spec.hash_bits;
    m->spec.ngram_min = st->spec.ngram_min;
    m->spec.ngram_max = st->spec.ngram_max;
    m->spec.groups = st->spec.groups;
    m->spec.long_b = st->spec.long_b;
    m->spec.lex = st->spec.lex;         /* borrowed from cmd_train */
    m->spec.lex_sum = st->spec.lex_sum;
    if (st->spec.lex_file) {
        size_t n = strlen(st->spec.lex_file) + 1;
        m->spec.lex_file = malloc(n);
        if (!m->spec.lex_file) {
            model_free(m);
            return err_set(e, STATUS_NOMEM, "out of memory");
        }
        memcpy(m->spec.lex_file, st->spec.lex_file, n);
    }
    if ((rc = labels_from_data(m, ds, e)) != 0) {
        model_free(m);
        return rc;
    }
    if (m->n_labels < 2) {
        model_free(m);
        return err_set(e, STATUS_PARSE, "the data has %zu label%s; a model "
                       "needs at least two", ds->labels.n,
                       ds->labels.n == 1 ? "" : "s");
    }
    m->flag = st->flag ? model_label_index(m, st->flag)
                       : model_default_flag((const char *const *)m->labels,
                                            m->n_labels);
    if (m->flag == SIZE_MAX) {
        model_free(m);
        return err_set(e, STATUS_USAGE, st->flag
                       ? "--flag: no label '%s' in the data"
                       : "no label means contradiction%s; name one with "
                         "--flag", st->flag ? st->flag : "");
    }
    *out = m;
    return 0;
}

static void print_metrics(const struct settings *st, const char *title,
                          const struct metrics *mt, const struct model *m,
                          double threshold, double f1)
{
    const char *const *labels = (const char *const *)m->labels;

    if (st->json) {
        char *j = report_metrics_json(mt, labels);
        if (j)
            printf("{\"evaluation\":\"%s\",\"threshold\":%.6g,"
                   "\"flag_f1\":%.6g,\"metrics\":%s}\n", title, threshold, f1,
                   j);
        free(j);
        return;
    }
    printf("== %s ==\n", title);
    report_metrics_text(stdout, mt, labels);
    printf("\nthreshold for '%s' (best F1 %.4f): %.4f\n\n", m->labels[m->flag],
           f1, threshold);
}

/* Progress around each cross-validation fold. */
struct cv_progress {
    const struct settings *st;
    struct fit_progress pg;
};

static void fold_begin(void *ctx, size_t fold, size_t k,
                       struct train_options *topt)
{
    struct cv_progress *cp = ctx;
    char what[48];

    snprintf(what, sizeof what, "fold %zu/%zu", fold + 1, k);
    cp->pg = (struct fit_progress){ { 0 }, 0, cp->st->topt.fit.tol,
                                    cp->st->topt.fit.max_iter };
    progress_begin(&cp->pg.line, progress_wanted(cp->st->quiet), what,
                   "iterations");
    topt->fit.progress = on_progress;
    topt->fit.ctx = &cp->pg;
}

static void fold_fitted(void *ctx)
{
    struct cv_progress *cp = ctx;

    if (cp->pg.line.drawn)
        fputc('\n', stderr);
}

static void fold_done(void *ctx, const struct cv_fold *f)
{
    struct cv_progress *cp = ctx;

    if (cp->st->quiet)
        return;
    fprintf(stderr, "fold %zu/%zu: train %zu, test %zu, dropped %zu; "
            "accuracy %.4f, macro-F1 %.4f", f->fold + 1, f->k, f->n_train,
            f->n_test, f->n_dropped, f->mt->accuracy, f->mt->macro_f1);
    if (f->mt->has_fnc)
        fprintf(stderr, ", FNC %.2f", f->mt->fnc_score);
    fprintf(stderr, " (%zu iterations)\n", f->res->iters);
}

static int run_cv(const struct settings *st, struct dataset *ds,
                  double *threshold, struct err *e)
{
    struct cv_progress cp = { st, { { 0 }, 0, 0, 0 } };
    struct cv_hooks hooks = { fold_begin, fold_fitted, fold_done, &cp };
    struct model *m = NULL;
    struct metrics pooled;
    double f1 = 0.0;
    int rc;

    memset(&pooled, 0, sizeof pooled);
    if ((rc = new_model(st, ds, &m, e)) == 0
        && (rc = model_cross_validate(m, ds, st->cv, st->seed, &st->topt,
                                      &hooks, &pooled, threshold, &f1,
                                      e)) == 0)
        print_metrics(st, "cross-validation (pooled out-of-fold "
                      "predictions)", &pooled, m, *threshold, f1);
    metrics_clear(&pooled);
    model_free(m);
    return rc;
}

static int validate(const struct settings *st, const struct model *m,
                    const char *path, const struct data_options *dopt,
                    double *threshold, struct err *e)
{
    struct dataset vd;
    struct metrics mt;
    double f1 = 0.0;
    int rc;

    dataset_init(&vd);
    memset(&mt, 0, sizeof mt);
    if ((rc = dataset_read(&vd, &path, 1, dopt, e)) == 0
        && (rc = model_validate(m, &vd, st->topt.threads, &mt, threshold,
                                &f1, e)) == 0)
        print_metrics(st, "validation", &mt, m, *threshold, f1);
    metrics_clear(&mt);
    dataset_clear(&vd);
    return rc;
}

int cmd_train(int argc, char **argv)
{
    struct settings st;
    const char *out_path = NULL, *valid = NULL, *cw = "none",
               *dump_path = NULL, *adapt_files = NULL;
    struct data_options dopt;
    struct dataset ds;
    struct model *m = NULL;
    struct err e = { 0 };
    struct atomic_file af = { 0 }, daf = { 0 };
    struct dump du;
    size_t *map = NULL;
    struct fit_result res;
    double threshold = 0.5, t0 = cli_now(), fixed_thr = -1.0;
    const char *thr_from = "default";
    struct lexicon *lex = NULL;
    size_t hash_bits, seed = 1;
    int rc = EXIT_ERROR, bags = 0, solver = LOGREG_SOLVER_TRON, adapt = 0;
    size_t *bag_of = NULL, *source_of = NULL;
    unsigned char *adapt_own = NULL;

    memset(&st, 0, sizeof st);
    memset(&du, 0, sizeof du);
    dataset_init(&ds);
    data_options_init(&dopt);
    if (spec_init_default(&st.spec)) {
        spec_clear(&st.spec);
        return cli_fail("out of memory");
    }
    st.topt.fit.l2 = 1e-4;
    st.topt.fit.max_iter = 1000;
    st.topt.fit.tol = 1e-4;
    st.topt.threads = parallel_ncpu();
    st.topt.min_df = 2;
    hash_bits = st.spec.hash_bits;
    {
        struct format_arg fmt_arg = { &st.json, &dopt };
        struct lexicon_arg lex_arg = { &lex, &st.spec };
        const struct cli_opt opts[] = {
            OPT_STRING('o', "output", &out_path, "<file>",
                       "write the model here (atomically)"),
            OPT_DATA_FORMAT(&dopt),
            OPT_COLUMNS(&dopt),
            OPT_LABEL_MAP(&dopt),
            OPT_STRING(0, "flag", &st.flag, "<label>",
                       "the label that means contradiction"),
            OPT_DOUBLE(0, "l2", &st.topt.fit.l2, "<lambda>", 0, 1e6,
                       "L2 penalty on the mean loss (default 1e-4)"),
            OPT_STRING(0, "class-weight", &cw, "<w>",
                       "none|balanced|sqrt|<label>=<w>,... (default none)"),
            OPT_SIZE(0, "hash-bits", &hash_bits, "<n>", SPEC_HASH_BITS_MIN,
                     SPEC_HASH_BITS_MAX,
                     "2^n hashed feature slots, 10..24 (default 20)"),
            OPT_CALLBACK(0, "ngram", &st.spec, parse_ngram, "<min>-<max>",
                         "word n-grams for the bags, 1..4 (default 1-2)"),
            OPT_CALLBACK(0, "features", &st.spec, parse_features,
                         "<groups>", "all, none, or +/-: bow_a, bow_b, "
                         "overlap, tfidf,\ncues, numbers, sentences, top, "
                         "cross, align"),
            OPT_CALLBACK(0, "lexicon", &lex_arg, parse_lexicon, "<file>",
                         "the lexical table the align group looks words up"
                         "\nin (models/lexicon.bin); the model records it "
                         "and\nneeds it beside itself when loaded"),
            OPT_SIZE(0, "long-b", &st.spec.long_b, "<n>", 1, 1000000,
                     "b longer than n words is a document (default 60)"),
            OPT_SIZE(0, "min-df", &st.topt.min_df, "<n>", 1, 1000000,
                     "drop hashed inputs found in fewer than n texts\n"
                     "(default 2)"),
            OPT_SIZE(0, "max-iter", &st.topt.fit.max_iter, "<n>", 1,
                     10000000, "minimiser iterations (default 1000)"),
            OPT_DOUBLE(0, "tol", &st.topt.fit.tol, "<x>", 0, 1,
                       "stop at |gradient| <= x |gradient at start|\n"
                       "(default 1e-4)"),
            OPT_CHOICE(0, "solver", &solver, "(tron|bfgs)",
                       "trust-region Newton (default) or BFGS; --bags\n"
                       "always fits by BFGS"),
            OPT_SIZE(0, "seed", &seed, "<n>", 0, 4294967295.0,
                     "seed for the folds (default 1)"),
            OPT_SIZE(0, "threads", &st.topt.threads, "<n>", 1, 256,
                     "threads for features and BLAS (default: cores)"),
            OPT_STRING(0, "validation", &valid, "<file>",
                       "evaluate on this file and calibrate the threshold"),
            OPT_SIZE(0, "cv", &st.cv, "<k>", 2, 100,
                     "k-fold cross-validation grouped so that no text\n"
                     "(headline or body) is on both sides"),
            OPT_CALLBACK(0, "format", &fmt_arg, parse_format, "(text|json)",
                         "how to print validation and CV results"),
            OPT_ALIAS("metrics", "format"),
            OPT_CHOICE(0, "bags", &bags, "(none|sentences)",
                       "sentences: learn the headline-sentence and\n"
                       "headline-quote pairs of check from body labels:\n"
                       "each pair's b is read as an article body, and the\n"
                       "pair is the flag label when at least one statement\n"
                       "is (multiple instances; labels become the flag\n"
                       "and 'other')"),
            OPT_CALLBACK(0, "pool", &st.topt, parse_pool, "<how>",
                         "how bags pool their statements: noisy-or\n"
                         "(default) or lse=<r> (a smooth maximum)"),
            OPT_CHOICE(0, "adapt", &adapt, "(none|all|bias)",
                       "domain adaptation: each data file is a source;\n"
                       "all: every input has a copy per source while\n"
                       "fitting, and the model keeps the general copy;\n"
                       "bias: only the bias has (default none)"),
            OPT_STRING(0, "adapt-files", &adapt_files, "<n>[,<n>...]",
                       "with --adapt: only these data files (numbered\n"
                       "from 1 as given) have copies; the others' pairs\n"
                       "have the general inputs alone"),
            OPT_CHOICE(0, "source-weight", &st.topt.balance_sources,
                       "(none|balanced)",
                       "balanced: each data file's pairs weigh as much\n"
                       "in all as any other file's (default none)"),
            OPT_DOUBLE(0, "threshold", &fixed_thr, "<p>", 0, 1,
                       "store this decision threshold in the model"),
            OPT_STRING(0, "dump-features", &dump_path, "<file>",
                       "write the training vectors in libsvm format\n"
                       "(atomically; below); without -o, fit nothing"),
            OPT_BOOL('q', "quiet", &st.quiet,
                     "no progress or summary on stderr"),
            OPT_HELP(),
            OPT_END()
        };
        int got = cli_parse("train", opts, usage_head, usage_tail, argc,
                            argv, &optind);
        if (got) {
            rc = got > 0 ? cli_flush(EXIT_CLEAN) : EXIT_ERROR;
            goto out;
        }
        st.spec.hash_bits = (unsigned)hash_bits;
        st.seed = seed;
        st.topt.adapt = adapt == 1 ? ADAPT_ALL : adapt == 2 ? ADAPT_BIAS
                                                            : ADAPT_NONE;
        st.topt.fit.solver = solver == 1 ? LOGREG_SOLVER_BFGS
                                         : LOGREG_SOLVER_TRON;
    }
    if (optind >= argc) {
        rc = cli_usage("train", "no data files given");
        goto out;
    }
    if (!out_path && !st.cv && !dump_path) {
        rc = cli_usage("train", "no output model given (-o <model>)");
        goto out;
    }
    if (dump_path && (st.cv || bags)) {
        rc = cli_usage("train", "--dump-features does not take %s",
                       st.cv ? "--cv" : "--bags");
        goto out;
    }
    if (dump_path && strcmp(dump_path, "-") == 0) {
        /* stdout carries the summary liblinear-train needs */
        rc = cli_usage("train", "--dump-features needs a file: stdout "
                       "gets the summary");
        goto out;
    }
    if (dump_path && valid && !out_path) {
        rc = cli_usage("train", "--validation needs a model (-o <model>)");
        goto out;
    }
    /* the output is opened before training: a run of hours does not end
     * in "cannot write", nor replace its own data */
    {
        const char *outs[2] = { out_path, dump_path };
        const char *lex_name = lex ? lexicon_name(lex) : NULL;
        if (file_check_outputs(outs, 2, (const char *const *)argv + optind,
                               (size_t)(argc - optind), &e)
            || file_check_outputs(outs, 2, &valid, 1, &e)
            || (lex && file_check_outputs(outs, 2, &lex_name, 1, &e))
            || (out_path && file_open_atomic(&af, out_path, &e))
            || (dump_path && file_open_atomic(&daf, dump_path, &e))) {
            rc = cli_fail("%s; nothing trained", e.msg);
            goto out;
        }
    }
    blas_set_threads(st.topt.threads);
    if (dataset_read(&ds, (const char *const *)argv + optind,
                     (size_t)(argc - optind), &dopt, &e)) {
        rc = cli_fail_err(&e);
        goto out;
    }
    if (bags && (st.cv || valid)) {
        rc = cli_usage("train", "--bags does not take --cv or --validation "
                       "(training/eval_articles.py measures such models)");
        goto out;
    }
    if (bags && (st.topt.adapt || st.topt.balance_sources)) {
        rc = cli_usage("train", "--bags does not take --adapt or "
                       "--source-weight");
        goto out;
    }
    if (adapt_files && !st.topt.adapt) {
        rc = cli_usage("train", "--adapt-files needs --adapt=all or "
                       "--adapt=bias");
        goto out;
    }
    if (adapt_files && parse_adapt_files(adapt_files, ds.n_files,
                                         &adapt_own, &e)) {
        rc = cli_usage("train", "%s", e.msg);
        goto out;
    }
    st.topt.adapt_own = adapt_own;
    if (st.topt.adapt || st.topt.balance_sources) {
        source_of = malloc((ds.n_pairs ? ds.n_pairs : 1) * sizeof *source_of);
        if (!source_of) {
            rc = cli_fail("out of memory");
            goto out;
        }
        for (size_t i = 0; i < ds.n_pairs; i++)
            source_of[i] = ds.pairs[i].file;
        st.topt.source_of = source_of;
        st.topt.n_sources = ds.n_files;
    }
    if (bags) {
        struct dataset bds;
        const char *flag = st.flag;
        if (!flag) {
            size_t f = model_default_flag((const char *const *)ds.labels.str,
                                          ds.labels.n);
            if (f == SIZE_MAX) {
                rc = cli_usage("train", "no label means contradiction; name "
                               "one with --flag");
                goto out;
            }
            flag = ds.labels.str[f];
        }
        dataset_init(&bds);
        if (check_bags_build(&ds, flag, &bds, &bag_of, &e)) {
            dataset_clear(&bds);
            rc = cli_fail_err(&e);
            goto out;
        }
        if (!st.quiet)
            fprintf(stderr, "%zu pairs read as bags of %zu headline-statement "
                    "pairs\n", ds.n_pairs, bds.n_pairs);
        /* the flag names a label of both sets: keep the new set's copy */
        {
            size_t f = strmap_find(&bds.labels, flag, strlen(flag));
            st.flag = f == SIZE_MAX ? "other" : bds.labels.str[f];
        }
        dataset_clear(&ds);
        ds = bds;
        st.topt.bag_of = bag_of;
    }
    if (parse_class_weight(cw, &ds, &st.topt)) {
        rc = EXIT_ERROR;
        goto out;
    }
    if (!st.quiet)
        fprintf(stderr, "read %zu pairs, %zu distinct texts, %zu labels%s%s"
                "\n", ds.n_pairs, ds.texts.n, ds.labels.n,
                ds.n_skipped ? " (rows without a gold label skipped)" : "",
                ds.n_dropped ? " (rows dropped by --label-map)" : "");
    if (st.cv) {
        if (run_cv(&st, &ds, &threshold, &e)) {
            rc = cli_fail_err(&e);
            goto out;
        }
        thr_from = "cross-validation";
        if (!out_path) {
            rc = cli_flush(EXIT_CLEAN);
            goto out;
        }
    }
    if (new_model(&st, &ds, &m, &e) || labels_map(m, &ds, &map, &e)) {
        rc = cli_fail_err(&e);
        goto out;
    }
    if (dump_path) {
        du.path = dump_path;
        du.fp = daf.fp;
        st.topt.on_design = dump_design;
        st.topt.design_ctx = &du;
        st.topt.design_only = !out_path;
    }
    {
        struct fit_progress pg = { { 0 }, 0, st.topt.fit.tol,
                                   st.topt.fit.max_iter };
        progress_begin(&pg.line, progress_wanted(st.quiet), "train",
                       "iterations");
        st.topt.fit.progress = on_progress;
        st.topt.fit.ctx = &pg;
        if (train_model(m, &ds, NULL, map, &st.topt, &res, &e)) {
            if (pg.line.drawn)
                fputc('\n', stderr);
            rc = cli_fail("%s; no model written", e.msg);
            goto out;
        }
        if (pg.line.drawn)
            fputc('\n', stderr);
    }
    if (dump_path) {
        if (file_commit(&daf, &e)) {
            rc = cli_fail_err(&e);
            goto out;
        }
        print_dump(&du, m, st.topt.fit.l2, st.json);
        if (!st.quiet)
            fprintf(stderr, "wrote %zu training vectors to %s\n",
                    du.sum.n_rows, dump_path);
        if (!out_path) {
            rc = cli_flush(EXIT_CLEAN);
            goto out;
        }
    }
    if (valid) {
        if (validate(&st, m, valid, &dopt, &threshold, &e)) {
            rc = cli_fail_err(&e);
            goto out;
        }
        thr_from = "validation";
    }
    if (fixed_thr >= 0.0) {
        threshold = fixed_thr;
        thr_from = "--threshold";
    }
    m->threshold = threshold;
    m->training = model_training_summary(m, &ds, &st.topt, &res, cw,
                                         thr_from);
    if (!m->training) {
        rc = cli_fail("out of memory");
        goto out;
    }
    if (model_write(m, af.fp, out_path, &e) || file_commit(&af, &e)) {
        rc = cli_fail_err(&e);
        goto out;
    }
    if (!st.quiet)
        fprintf(stderr, "trained on %zu pairs in %.1fs: %zu iterations, loss "
                "%.6f%s; wrote %s\n", ds.n_pairs, cli_now() - t0, res.iters,
                res.loss, res.converged ? "" : " (not converged: raise "
                "--max-iter or --tol)", out_path);
    rc = cli_flush(EXIT_CLEAN);
out:
    if (af.fp)
        file_abort(&af);
    if (daf.fp)
        file_abort(&daf);
    export_summary_clear(&du.sum);
    dataset_clear(&ds);
    data_options_clear(&dopt);
    model_free(m);
    spec_clear(&st.spec);
    lexicon_free(lex);
    free(st.topt.custom_weight);
    free(map);
    free(bag_of);
    free(source_of);
    free(adapt_own);
    return rc;
}

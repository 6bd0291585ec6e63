/* cmd_eval.c - gainsay eval: measure a model on labelled pairs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/file.h"
#include "base/parallel.h"
#include "cli/cli.h"
#include "cli/opt.h"
#include "model/labels.h"
#include "eval/curves.h"
#include "eval/metrics.h"
#include "data/dataset.h"
#include "model/export.h"
#include "model/model_json.h"
#include "lex/lexicon.h"
#include "logreg/blas_threads.h"
#include "model/train.h"
#include "report/eval_html.h"
#include "report/metrics_report.h"

static const char usage_head[] =
"usage: gainsay eval --model=<model> [<options>] <data>...\n"
"\n"
"Accuracy, per-class precision/recall/F1/support, macro-F1, the confusion\n"
"matrix (rows true, columns predicted) and, for FNC-1 labels, the FNC-1\n"
"score, of a model on labelled pairs it never saw.\n"
"\n";

int cmd_eval(int argc, char **argv)
{
    const char *model_path = NULL, *report_path = NULL, *dump_path = NULL;
    struct atomic_file af = { 0 }, daf = { 0 };
    struct eval_curves curves;
    size_t *truth = NULL;
    struct data_options dopt;
    int json = 0, rc = EXIT_ERROR;
    size_t threads = parallel_ncpu(), *map = NULL, *pred = NULL;
    double *probs = NULL;
    struct dataset ds;
    struct model *m = NULL;
    struct metrics mt;
    struct err e = { 0 };

    dataset_init(&ds);
    memset(&curves, 0, sizeof curves);
    data_options_init(&dopt);
    memset(&mt, 0, sizeof mt);
    {
        const struct cli_opt opts[] = {
            OPT_STRING('m', "model", &model_path, "<file>",
                       "the model to measure"),
            OPT_CHOICE(0, "format", &json, "(text|json)",
                       "output (default text)"),
            OPT_DATA_FORMAT(&dopt),
            OPT_COLUMNS(&dopt),
            OPT_LABEL_MAP(&dopt),
            OPT_SIZE(0, "threads", &threads, "<n>", 1, 256,
                     "threads for features (default: cores)"),
            OPT_STRING(0, "report", &report_path, "<file>",
                       "also write one self-contained HTML page\n"
                       "(atomically): the metrics, the confusion\n"
                       "matrix as a heat map, a precision-recall\n"
                       "curve per label with the operating points\n"
                       "and a reliability diagram of the flag label"),
            OPT_STRING(0, "dump-features", &dump_path, "<file>",
                       "also write the pairs' vectors in libsvm format\n"
                       "(atomically), as train --dump-features does"),
            OPT_HELP(),
            OPT_END()
        };
        int got = cli_parse("eval", opts, usage_head, cli_print_data_help,
                            argc, argv, &optind);
        if (got) {
            rc = got > 0 ? cli_flush(EXIT_CLEAN) : EXIT_ERROR;
            goto out;
        }
    }
    if (!model_path) {
        rc = cli_usage("eval", "no model given (--model=<file>)");
        goto out;
    }
    if (optind >= argc) {
        rc = cli_usage("eval", "no data files given");
        goto out;
    }
    if (dump_path && strcmp(dump_path, "-") == 0) {
        /* stdout carries the metrics */
        rc = cli_usage("eval", "--dump-features needs a file: stdout gets "
                       "the metrics");
        goto out;
    }
    if (dump_path || report_path) {
        /* --report alone is checked too: it replaced a data file or the
         * model given as its path */
        const char *outs[2] = { dump_path, report_path }, *in = model_path;
        if (file_check_outputs(outs, 2, (const char *const *)argv + optind,
                               (size_t)(argc - optind), &e)
            || file_check_outputs(outs, 2, &in, 1, &e)
            || (dump_path && file_open_atomic(&daf, dump_path, &e))) {
            rc = cli_fail_err(&e);
            goto out;
        }
    }
    blas_set_threads(1);
    if (model_load(model_path, &m, &e)) {
        rc = cli_fail_err(&e);
        goto out;
    }
    if (m->lex) {
        /* nor the lexical table beside the model, known once it is read */
        const char *outs[2] = { dump_path, report_path };
        const char *lex = lexicon_name(m->lex);
        if (file_check_outputs(outs, 2, &lex, 1, &e)) {
            rc = cli_fail_err(&e);
            goto out;
        }
    }
    if (dataset_read(&ds, (const char *const *)argv + optind,
                        (size_t)(argc - optind), &dopt, &e)
        || labels_map(m, &ds, &map, &e)) {
        rc = cli_fail_err(&e);
        goto out;
    }
    pred = malloc(ds.n_pairs * sizeof *pred);
    probs = malloc(ds.n_pairs * m->n_labels * sizeof *probs);
    if (!pred || !probs || metrics_init(&mt, m->n_labels)) {
        rc = cli_fail("out of memory");
        goto out;
    }
    if (predict_dataset(m, &ds, NULL, threads, pred, probs, &e)) {
        rc = cli_fail_err(&e);
        goto out;
    }
    if (dump_path) {
        if (export_pairs(daf.fp, m, &ds, map, threads, &e)) {
            if (e.code == STATUS_IO)
                err_prefix(&e, "%s", dump_path);
            rc = cli_fail_err(&e);
            goto out;
        }
        if (file_commit(&daf, &e)) {
            rc = cli_fail_err(&e);
            goto out;
        }
    }
    for (size_t i = 0; i < ds.n_pairs; i++)
        metrics_add(&mt, map[ds.pairs[i].label], pred[i]);
    metrics_finish(&mt, (const char *const *)m->labels);
    if (json) {
        char *j = report_metrics_json(&mt, (const char *const *)m->labels);
        if (!j) {
            rc = cli_fail("out of memory");
            goto out;
        }
        printf("%s\n", j);
        free(j);
    } else {
        report_metrics_text(stdout, &mt, (const char *const *)m->labels);
    }
    if (report_path) {
        char data_name[512] = "";
        size_t used = 0;
        for (int a = optind; a < argc && used < sizeof data_name; a++) {
            int w = snprintf(data_name + used, sizeof data_name - used,
                             "%s%s", a > optind ? ", " : "", argv[a]);
            if (w < 0)
                break;
            used += (size_t)w;
        }
        if (!(truth = malloc((ds.n_pairs ? ds.n_pairs : 1) * sizeof *truth))) {
            rc = cli_fail("out of memory");
            goto out;
        }
        for (size_t i = 0; i < ds.n_pairs; i++)
            truth[i] = map[ds.pairs[i].label];
        if (eval_curves_compute(&curves, probs, truth, pred, ds.n_pairs,
                                m->n_labels, m->flag, m->threshold, &e)
            || file_open_atomic(&af, report_path, &e)) {
            rc = cli_fail_err(&e);
            goto out;
        }
        eval_html_write(af.fp, model_path, data_name, &mt, &curves,
                        (const char *const *)m->labels);
        if (file_commit(&af, &e)) {
            rc = cli_fail_err(&e);
            goto out;
        }
    }
    rc = cli_flush(EXIT_CLEAN);
out:
    if (af.fp)
        file_abort(&af);
    if (daf.fp)
        file_abort(&daf);
    eval_curves_clear(&curves);
    free(truth);
    dataset_clear(&ds);
    data_options_clear(&dopt);
    model_free(m);
    metrics_clear(&mt);
    free(map);
    free(pred);
    free(probs);
    return rc;
}

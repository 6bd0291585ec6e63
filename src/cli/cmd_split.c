/* cmd_split.c - gainsay split: a grouped train/test split as JSONL, so any
 * tool (gainsay, a scikit-learn baseline) can be measured on the same
 * pairs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/file.h"
#include "cli/cli.h"
#include "cli/opt.h"
#include "eval/split.h"
#include "data/dataset.h"

static const char usage_head[] =
"usage: gainsay split [<options>] --train=<out> --test=<out> <data>...\n"
"\n"
"Deal the pairs into --folds groups so that no text (headline, body or\n"
"sentence) appears on both sides, and write fold --fold as the test set and\n"
"the other folds as the training set, as native JSONL.  Unrelated pairs\n"
"whose texts fall on different sides are dropped, and each test headline\n"
"gets as many new unrelated pairs with bodies from its own side.\n"
"\n";

static void usage_tail(FILE *fp)
{
    fputs("\n--format is the older spelling of --data-format (split's output "
          "is JSONL).\n", fp);
    cli_print_data_help(fp);
}

static int write_pairs(const struct dataset *ds, const unsigned char *role,
                       unsigned char which, const char *path, struct err *e)
{
    struct atomic_file af;
    int rc = file_open_atomic(&af, path, e);

    if (rc)
        return rc;
    if ((rc = dataset_write_jsonl(ds, role, which, af.fp, e)) != 0) {
        file_abort(&af);
        err_prefix(e, "%s", path);
        return rc;
    }
    return file_commit(&af, e);
}

int cmd_split(int argc, char **argv)
{
    const char *train = NULL, *test = NULL, *outs[2];
    size_t k = 5, fold = 1, seed = 1, count[3] = { 0, 0, 0 };
    int no_refill = 0, rc = EXIT_ERROR;
    struct data_options dopt;
    struct dataset ds;
    struct folds f;
    unsigned char *role = NULL;
    struct err e = { 0 };

    dataset_init(&ds);
    data_options_init(&dopt);
    memset(&f, 0, sizeof f);
    {
        const struct cli_opt opts[] = {
            OPT_STRING(0, "train", &train, "<file>",
                       "training pairs out (atomically)"),
            OPT_STRING(0, "test", &test, "<file>",
                       "test pairs out (atomically)"),
            OPT_SIZE(0, "folds", &k, "<k>", 2, 100,
                     "number of folds (default 5)"),
            OPT_SIZE(0, "fold", &fold, "<i>", 1, 100,
                     "which fold is the test set, 1..k (default 1)"),
            OPT_SIZE(0, "seed", &seed, "<n>", 0, 4294967295.0,
                     "shuffle seed (default 1)"),
            OPT_BOOL(0, "no-refill", &no_refill,
                     "do not add unrelated test pairs"),
            OPT_DATA_FORMAT(&dopt),
            OPT_ALIAS("format", "data-format"),
            OPT_COLUMNS(&dopt),
            OPT_LABEL_MAP(&dopt),
            OPT_HELP(),
            OPT_END()
        };
        int got = cli_parse("split", opts, usage_head, usage_tail, argc,
                            argv, &optind);
        if (got) {
            rc = got > 0 ? cli_flush(EXIT_CLEAN) : EXIT_ERROR;
            goto out;
        }
    }
    if (!train || !test) {
        rc = cli_usage("split", "both --train and --test are needed");
        goto out;
    }
    outs[0] = train;
    outs[1] = test;
    if (fold > k) {
        rc = cli_usage("split", "--fold %zu is beyond --folds %zu", fold, k);
        goto out;
    }
    if (optind >= argc) {
        rc = cli_usage("split", "no data files given");
        goto out;
    }
    if (file_check_outputs(outs, 2, (const char *const *)argv + optind,
                           (size_t)(argc - optind), &e)
        || dataset_read(&ds, (const char *const *)argv + optind,
                        (size_t)(argc - optind), &dopt, &e)
        || folds_make(&f, &ds, k, seed, &e)
        || folds_roles(&f, &ds, fold - 1, !no_refill, seed, &role, &e)
        || write_pairs(&ds, role, ROLE_TRAIN, train, &e)
        || write_pairs(&ds, role, ROLE_TEST, test, &e)) {
        rc = cli_fail_err(&e);
        goto out;
    }
    for (size_t i = 0; i < ds.n_pairs; i++)
        count[role[i]]++;
    fprintf(stderr, "%zu groups in %zu folds; train %zu, test %zu, dropped "
            "%zu\n", f.n_groups, k, count[ROLE_TRAIN], count[ROLE_TEST],
            count[ROLE_DROP]);
    rc = cli_flush(EXIT_CLEAN);
out:
    dataset_clear(&ds);
    data_options_clear(&dopt);
    folds_clear(&f);
    free(role);
    return rc;
}

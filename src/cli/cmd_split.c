/* cmd_split.c - gainsay split: a grouped train/test split as JSONL, so any
 * tool (gainsay, a scikit-learn baseline) can be measured on the same
 * pairs. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/file.h"
#include "cli/cli.h"
#include "eval/split.h"
#include "data/dataset.h"

static const char usage_text[] =
"usage: gainsay split [<options>] --train=<out> --test=<out> <data>...\n"
"\n"
"Deal the pairs into --folds groups so that no text (headline, body or\n"
"sentence) appears on both sides, and write fold --fold as the test set and\n"
"the other folds as the training set, as native JSONL.  Unrelated pairs\n"
"whose texts fall on different sides are dropped, and each test headline\n"
"gets as many new unrelated pairs with bodies from its own side.\n"
"\n"
"      --train=<file>      training pairs out (atomically)\n"
"      --test=<file>       test pairs out (atomically)\n"
"      --folds=<k>         number of folds (default 5)\n"
"      --fold=<i>          which fold is the test set, 1..k (default 1)\n"
"      --seed=<n>          shuffle seed (default 1)\n"
"      --no-refill         do not add unrelated test pairs\n"
"  -f, --data-format=<fmt> a data format below (default: recognised)\n"
"      --columns=<parts>   a=FIELD,b=FIELD,label=FIELD[,group=..,id=..]\n"
"      --label-map=<map>   rename labels: from=to,...\n"
"  -h, --help              this text\n";

static const struct option long_opts[] = {
    { "train", required_argument, NULL, 'T' },
    { "test", required_argument, NULL, 't' },
    { "folds", required_argument, NULL, 'k' },
    { "fold", required_argument, NULL, 'i' },
    { "seed", required_argument, NULL, 's' },
    { "no-refill", no_argument, NULL, 'r' },
    { "format", required_argument, NULL, 'f' },
    { "data-format", required_argument, NULL, 'f' },
    { "columns", required_argument, NULL, 'C' },
    { "label-map", required_argument, NULL, 'L' },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 }
};

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
    int refill = 1, c, rc = EXIT_ERROR;
    struct data_options dopt;
    struct dataset ds;
    struct folds f;
    unsigned char *role = NULL;
    struct err e = { 0 };

    dataset_init(&ds);
    data_options_init(&dopt);
    memset(&f, 0, sizeof f);
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:h", long_opts, NULL)) != -1) {
        switch (c) {
        case 'T': train = optarg; break;
        case 't': test = optarg; break;
        case 'k':
            if (cli_size("split", "folds", optarg, 2, 100, &k))
                goto out;
            break;
        case 'i':
            if (cli_size("split", "fold", optarg, 1, 100, &fold))
                goto out;
            break;
        case 's':
            if (cli_size("split", "seed", optarg, 0, 4294967295u, &seed))
                goto out;
            break;
        case 'r': refill = 0; break;
        case 'f':
            if (cli_data_format("split", optarg, &dopt))
                goto out;
            break;
        case 'C':
            if (cli_columns("split", optarg, &dopt))
                goto out;
            break;
        case 'L':
            if (cli_label_map("split", optarg, &dopt))
                goto out;
            break;
        case 'h':
            fputs(usage_text, stdout);
            cli_print_data_help(stdout);
            rc = cli_flush(EXIT_CLEAN);
            goto out;
        default:
            rc = cli_usage("split", "bad option");
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
        || folds_roles(&f, &ds, fold - 1, refill, seed, &role, &e)
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

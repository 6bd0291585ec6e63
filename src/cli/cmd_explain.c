/* cmd_explain.c - gainsay explain: each feature's pull on one pair. */
#include <cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/opt.h"
#include "model/model_json.h"
#include "text/utf8.h"

static const char usage_head[] =
"usage: gainsay explain --model=<model> [<options>] <a> <b>\n"
"\n"
"Score one pair and print every input's exact contribution (value x weight)\n"
"to each label's score.  The scores are the sums of the contributions, and\n"
"the probabilities their softmax.  Rows are sorted by their pull on the\n"
"predicted label (or --label).\n"
"\n"
"\n";

static int print_json(const struct model *m, const struct explanation *ex,
                      size_t top)
{
    cJSON *root = cJSON_CreateObject(), *probs, *scores, *feats;
    char *t;

    if (!root)
        return -1;
    cJSON_AddStringToObject(root, "label", m->labels[ex->predicted]);
    probs = cJSON_AddObjectToObject(root, "probs");
    scores = cJSON_AddObjectToObject(root, "scores");
    for (size_t k = 0; probs && scores && k < m->n_labels; k++) {
        cJSON_AddNumberToObject(probs, m->labels[k], ex->prob[k]);
        cJSON_AddNumberToObject(scores, m->labels[k], ex->score[k]);
    }
    feats = cJSON_AddArrayToObject(root, "contributions");
    for (size_t i = 0; feats && i < ex->n && (top == 0 || i < top); i++) {
        cJSON *o = cJSON_CreateObject(), *w;
        if (!o || !cJSON_AddItemToArray(feats, o)) {
            cJSON_Delete(o);
            break;
        }
        cJSON_AddStringToObject(o, "feature", ex->c[i].name ? ex->c[i].name
                                : "?");
        cJSON_AddNumberToObject(o, "value", ex->c[i].value);
        w = cJSON_AddObjectToObject(o, "contribution");
        for (size_t k = 0; w && k < m->n_labels; k++)
            cJSON_AddNumberToObject(w, m->labels[k], ex->c[i].weight[k]);
    }
    t = cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    if (!t)
        return -1;
    printf("%s\n", t);
    cJSON_free(t);
    return 0;
}

static void print_text(const struct model *m, const struct explanation *ex,
                       size_t top)
{
    printf("predicted: %s\n\n%-28s", m->labels[ex->predicted], "label");
    for (size_t k = 0; k < m->n_labels; k++)
        printf(" %14.14s", m->labels[k]);
    printf("\n%-28s", "probability");
    for (size_t k = 0; k < m->n_labels; k++)
        printf(" %14.4f", ex->prob[k]);
    printf("\n%-28s", "score");
    for (size_t k = 0; k < m->n_labels; k++)
        printf(" %14.4f", ex->score[k]);
    printf("\n\n%-20s %7s", "feature", "value");
    for (size_t k = 0; k < m->n_labels; k++)
        printf(" %14.14s", m->labels[k]);
    putchar('\n');
    for (size_t i = 0; i < ex->n && (top == 0 || i < top); i++) {
        printf("%-20.40s %7.3f", ex->c[i].name ? ex->c[i].name : "?",
               ex->c[i].value);
        for (size_t k = 0; k < m->n_labels; k++)
            printf(" %+14.4f", ex->c[i].weight[k]);
        putchar('\n');
    }
    if (top && ex->n > top)
        printf("(%zu more; --top=0 shows all)\n", ex->n - top);
}

int cmd_explain(int argc, char **argv)
{
    const char *model_path = NULL, *label = NULL;
    size_t top = 20, target;
    struct model *m = NULL;
    struct text_info a, b;
    struct explanation ex;
    struct err e = { 0 };
    int json = 0, rc = EXIT_ERROR;

    text_info_init(&a);
    text_info_init(&b);
    memset(&ex, 0, sizeof ex);
    {
        const struct cli_opt opts[] = {
            OPT_STRING('m', "model", &model_path, "<file>", "the model"),
            OPT_STRING('l', "label", &label, "<label>",
                       "sort by the pull on this label"),
            OPT_SIZE('n', "top", &top, "<n>", 0, 1000000,
                     "show the n strongest inputs (default 20; 0: all)"),
            OPT_CHOICE(0, "format", &json, "(text|json)",
                       "output (default text)"),
            OPT_HELP(),
            OPT_END()
        };
        int got = cli_parse("explain", opts, usage_head, NULL, argc, argv,
                            &optind);
        if (got) {
            rc = got > 0 ? cli_flush(EXIT_CLEAN) : EXIT_ERROR;
            goto out;
        }
    }
    if (!model_path) {
        rc = cli_usage("explain", "no model given (--model=<file>)");
        goto out;
    }
    if (argc - optind != 2) {
        rc = cli_usage("explain", "expected two statements, <a> and <b>");
        goto out;
    }
    for (int i = 0; i < 2; i++) {
        const char *s = argv[optind + i];
        if (utf8_check(s, strlen(s)) < strlen(s)) {
            rc = cli_fail("statement %c is not valid UTF-8", 'a' + i);
            goto out;
        }
    }
    if (model_load(model_path, &m, &e)) {
        rc = cli_fail_err(&e);
        goto out;
    }
    {
        int st = text_info_build(&m->spec, argv[optind],
                                 strlen(argv[optind]), &a);
        if (st == 0)
            st = text_info_build(&m->spec, argv[optind + 1],
                                 strlen(argv[optind + 1]), &b);
        if (st) {
            rc = cli_fail("%s", text_status_message(st));
            goto out;
        }
    }
    target = SIZE_MAX;
    if (label && (target = model_label_index(m, label)) == SIZE_MAX) {
        rc = cli_usage("explain", "--label: the model has no label '%s'",
                       label);
        goto out;
    }
    if (target == SIZE_MAX) {
        /* sort by the predicted label: score once to know it */
        struct svec x;
        double *p = malloc(m->n_labels * sizeof *p);
        svec_init(&x);
        target = p ? model_predict_info(m, &a, &b, &x, p, &e) : SIZE_MAX;
        svec_clear(&x);
        free(p);
        if (target == SIZE_MAX) {
            rc = cli_fail("out of memory");
            goto out;
        }
    }
    if (model_explain(m, &a, &b, target, &ex, &e)) {
        rc = cli_fail_err(&e);
        goto out;
    }
    if (json) {
        if (print_json(m, &ex, top)) {
            rc = cli_fail("out of memory");
            goto out;
        }
    } else {
        print_text(m, &ex, top);
    }
    rc = cli_flush(EXIT_CLEAN);
out:
    explanation_clear(&ex);
    text_info_clear(&a);
    text_info_clear(&b);
    model_free(m);
    return rc;
}

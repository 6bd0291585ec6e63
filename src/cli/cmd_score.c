/* cmd_score.c - gainsay score: JSONL pairs in, one JSONL line out for each,
 * streaming in constant memory. */
#include <cJSON.h>
#include <errno.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "cli/opt.h"
#include "cli/progress.h"
#include "data/dataset.h"
#include "model/model_json.h"
#include "logreg/blas_threads.h"
#include "report/json_out.h"
#include "text/utf8.h"

static const char usage_head[] =
"usage: gainsay score --model=<model> [<options>] [<file>|-]\n"
"\n"
"Read pairs as JSONL ({\"a\": ..., \"b\": ..., \"id\": ...}) and write one line\n"
"for each non-blank line read, in the same order:\n"
"  {\"id\": <copied when present>, \"label\": \"<predicted>\", \"probs\": {...}}\n"
"Blank lines are skipped.\n"
"Memory does not grow with the input, so it can run as a mapper under GNU\n"
"parallel --pipe, Hadoop Streaming or Spark's pipe().\n"
"\n"
"\n";

/* Open an output object, with "id" copied as it is when present: a
 * number as its text in the input. */
static void put_id(const struct json_pair *jp)
{
    const cJSON *id = jp ? jp->id : NULL;
    char *t;

    fputc('{', stdout);
    if (!id)
        return;
    if (jp->id_raw) {
        printf("\"id\":%.*s,", (int)jp->id_raw_len, jp->id_raw);
        return;
    }
    t = cJSON_PrintUnformatted(id);
    printf("\"id\":%s,", t ? t : "null");
    cJSON_free(t);
}

int cmd_score(int argc, char **argv)
{
    const char *model_path = NULL, *path = "-";
    struct model *m = NULL;
    struct model_scratch sc;
    struct err e = { 0 };
    char *line = NULL, **quoted = NULL;
    size_t cap = 0, lineno = 0;
    double *p = NULL;
    FILE *in = stdin;
    struct data_options dopt;
    int keep_going = 0, bad_lines = 0, quiet = 0, rc = EXIT_ERROR;
    struct progress pg;
    double size = -1.0;         /* bytes of a regular input file */
    size_t n_pairs = 0;

    model_scratch_init(&sc);
    data_options_init(&dopt);
    {
        const struct cli_opt opts[] = {
            OPT_STRING('m', "model", &model_path, "<file>", "the model"),
            OPT_COLUMNS(&dopt),
            OPT_BOOL('k', "keep-going", &keep_going,
                     "on a bad line write {\"id\": ..., \"error\": "
                     "\"...\"},\nreport it on stderr and go on (exit 2 at "
                     "the end)"),
            OPT_BOOL('q', "quiet", &quiet,
                     "no progress line on stderr (shown on a terminal:\n"
                     "pairs, rate and, reading a file, ETA)"),
            OPT_HELP(),
            OPT_END()
        };
        int got = cli_parse("score", opts, usage_head, NULL, argc, argv,
                            &optind);
        if (got) {
            rc = got > 0 ? cli_flush(EXIT_CLEAN) : EXIT_ERROR;
            goto out;
        }
    }
    if (dopt.columns.numbered) {
        rc = cli_usage("score", "score reads JSONL: --columns names its "
                       "fields");
        goto out;
    }
    if (!model_path) {
        rc = cli_usage("score", "no model given (--model=<file>)");
        goto out;
    }
    if (argc - optind > 1) {
        rc = cli_usage("score", "score reads one file (or stdin)");
        goto out;
    }
    if (optind < argc)
        path = argv[optind];
    blas_set_threads(1);
    if (model_load(model_path, &m, &e)) {
        rc = cli_fail_err(&e);
        goto out;
    }
    if (strcmp(path, "-") != 0 && !(in = fopen(path, "rb"))) {
        rc = cli_fail("%s: %s", path, strerror(errno));
        goto out;
    }
    {
        struct stat sb;
        if (fstat(fileno(in), &sb) == 0 && S_ISREG(sb.st_mode)
            && sb.st_size > 0)
            size = (double)sb.st_size;
    }
    progress_begin(&pg, progress_wanted(quiet), "score", "pairs");
    p = malloc(m->n_labels * sizeof *p);
    quoted = calloc(m->n_labels, sizeof *quoted);
    if (!p || !quoted) {
        rc = cli_fail("out of memory");
        goto out;
    }
    for (size_t k = 0; k < m->n_labels; k++) {
        cJSON *j = cJSON_CreateString(m->labels[k]);
        quoted[k] = j ? cJSON_PrintUnformatted(j) : NULL;
        cJSON_Delete(j);
        if (!quoted[k]) {
            rc = cli_fail("out of memory");
            goto out;
        }
    }
    for (;;) {
        ssize_t n;
        struct json_pair jp;
        size_t bad, best;
        const char *name = strcmp(path, "-") ? path : "<stdin>";

        errno = 0;
        n = getline(&line, &cap, in);
        lineno++;
        if (n < 0 && feof(in) && !ferror(in))
            break;
        if (n < 0) {
            /* a read error, or a line too long for memory: never the end
             * of the input, which would drop the rest silently */
            int err_no = errno ? errno : EIO;
            progress_clear(&pg);
            rc = cli_fail("%s:%zu: read error: %s", name, lineno,
                          strerror(err_no));
            goto out;
        }
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            n--;
        if (lineno == 1 && n >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
            memmove(line, line + 3, (size_t)n - 3);     /* a byte-order mark */
            n -= 3;
        }
        {
            ssize_t i = 0;
            while (i < n && (line[i] == ' ' || line[i] == '\t'))
                i++;
            if (i == n)
                continue;       /* blank lines give no output */
        }
        bad = utf8_check(line, (size_t)n);
        if (bad < (size_t)n) {
            err_set(&e, STATUS_UTF8, "%s:%zu: %s", name, lineno,
                    line[bad] ? "invalid UTF-8" : "NUL byte in text");
            memset(&jp, 0, sizeof jp);
        } else if (dataset_parse_json_pair(line, (size_t)n, dopt.columns.given
                                           ? &dopt.columns : NULL, &jp, &e)) {
            err_prefix(&e, "%s:%zu", name, lineno);
        } else {
            best = model_predict(m, &sc, jp.a, strlen(jp.a), jp.b,
                                 strlen(jp.b), p, &e);
            if (best == SIZE_MAX) {
                err_prefix(&e, "%s:%zu", name, lineno);
            } else {
                put_id(&jp);
                printf("\"label\":%s,\"probs\":{", quoted[best]);
                for (size_t k = 0; k < m->n_labels; k++)
                    printf("%s%s:%.6f", k ? "," : "", quoted[k], p[k]);
                fputs("}}\n", stdout);
                dataset_json_free(&jp);
                n_pairs++;
                if (pg.show && (n_pairs & 63) == 0) {
                    off_t at = size > 0 ? ftello(in) : -1;
                    progress_update(&pg, n_pairs, at > 0
                                    ? (double)at / size : -1.0);
                }
                continue;
            }
        }
        /* a bad line */
        progress_clear(&pg);
        if (!keep_going) {
            dataset_json_free(&jp);
            rc = cli_fail_err(&e);
            goto out;
        }
        cli_fail_err(&e);
        bad_lines = 1;
        put_id(jp.json ? &jp : NULL);
        fputs("\"error\":", stdout);
        json_put_string(stdout, e.msg, strlen(e.msg));
        fputs("}\n", stdout);
        dataset_json_free(&jp);
    }
    progress_clear(&pg);
    rc = cli_flush(bad_lines ? EXIT_ERROR : EXIT_CLEAN);
out:
    if (in && in != stdin)
        fclose(in);
    for (size_t k = 0; quoted && m && k < m->n_labels; k++)
        cJSON_free(quoted[k]);
    free(quoted);
    free(line);
    free(p);
    model_scratch_clear(&sc);
    model_free(m);
    data_options_clear(&dopt);
    return rc;
}

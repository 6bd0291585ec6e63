/* embed.c - gainsay as a library: check an article held in memory, then
 * score and explain a pair (the two statements given, else the first
 * finding's).  Build against an installed gainsay:
 *     cc embed.c $(pkg-config --cflags --libs gainsay) -o embed
 *     ./embed [<models-dir> [<a> <b>]] < article.txt */
#include <gainsay.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    struct gainsay *g = NULL;
    struct gainsay_result *r = NULL;
    struct gainsay_reason *why = NULL;
    struct gainsay_error err;
    char *text = NULL;
    size_t len = 0, cap = 0, n_why = 0, label;
    double probs[16];
    int status = 2;

    /* the article, from stdin */
    for (;;) {
        size_t got;
        if (len + 4096 > cap) {
            char *t = realloc(text, cap = 2 * cap + 4096);
            if (!t)
                goto out;
            text = t;
        }
        got = fread(text + len, 1, cap - len, stdin);
        len += got;
        if (got == 0)
            break;
    }
    if (gainsay_load(&g, argc > 1 ? argv[1] : NULL, &err)
        || gainsay_check(g, text ? text : "", len, GAINSAY_INPUT_TEXT, NULL,
                         -1.0, &r, &err)) {
        fprintf(stderr, "embed: %s\n", err.message);
        goto out;
    }
    printf("%s\nheadline: %s\n", gainsay_version(),
           r->headline.text ? r->headline.text : "(none)");
    if (r->verdict)
        printf("verdict: %s (%.2f)\n", r->verdict, r->verdict_probability);
    printf("%zu finding(s) in %zu pairs\n", r->n_findings, r->n_scored);
    for (size_t i = 0; i < r->n_findings; i++) {
        const struct gainsay_finding *f = &r->findings[i];
        printf("%.2f %s: %zu:%zu \"%s\" / %zu:%zu \"%s\"\n", f->probability,
               f->pair_kind, f->a.span.line, f->a.span.column, f->a.text,
               f->b.span.line, f->b.span.column, f->b.text);
    }
    if ((argc > 3 || r->n_findings) && gainsay_n_labels(g) <= 16) {
        const char *a = argc > 3 ? argv[2] : r->findings[0].a.text;
        const char *b = argc > 3 ? argv[3] : r->findings[0].b.text;
        if (gainsay_score(g, a, strlen(a), b, strlen(b), probs, &label, &err)
            || gainsay_explain(g, a, strlen(a), b, strlen(b), 3, &why, &n_why,
                               &err)) {
            fprintf(stderr, "embed: %s\n", err.message);
            goto out;
        }
        printf("score: %s %.2f\n", gainsay_label(g, label), probs[label]);
        for (size_t k = 0; k < n_why; k++)
            printf("  %s %+.2f\n", why[k].feature, why[k].weight);
    }
    status = r->n_findings ? 1 : 0;
out:
    gainsay_reasons_free(why, n_why);
    gainsay_result_free(r);
    gainsay_free(g);
    free(text);
    return status;
}

/* bags.c - headline-body pairs as bags of headline-statement pairs. */
#include "check/bags.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "doc/document.h"

/* The statements of one body, as spans of its cleaned text (what check
 * analyses: furniture and markup blanked). */
struct body_stmts {
    char *clean;
    size_t *start, *len;
    size_t n;
    int done;
};

static int body_read(const char *text, size_t len, struct body_stmts *bs,
                     struct err *e)
{
    struct document d;
    struct err pe = { 0 };
    int rc = 0;

    bs->done = 1;
    document_init(&d);
    /* a body the reader refuses (nothing in it) is a bag of nothing */
    /* furniture by the line rules alone: training loads no list */
    if (doc_parse_text(&d, "body", text, len, "headline", NULL, &pe) != 0) {
        document_clear(&d);
        return pe.code == STATUS_NOMEM
            ? err_set(e, STATUS_NOMEM, "out of memory") : 0;
    }
    bs->start = malloc((d.n ? d.n : 1) * sizeof *bs->start);
    bs->len = malloc((d.n ? d.n : 1) * sizeof *bs->len);
    bs->clean = malloc(d.len + 1);
    if (!bs->start || !bs->len || !bs->clean) {
        rc = err_set(e, STATUS_NOMEM, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < d.n; i++) {
        size_t n;
        const char *s;
        if (i == d.headline)
            continue;
        s = doc_clean_text(&d, i, &n);
        if (n == 0)
            continue;
        bs->start[bs->n] = (size_t)(s - d.clean);
        bs->len[bs->n++] = n;
    }
    memcpy(bs->clean, d.clean, d.len);
    bs->clean[d.len] = '\0';
out:
    document_clear(&d);
    return rc;
}

int check_bags_build(const struct dataset *ds, const char *flag,
                     struct dataset *out, size_t **bag_of, struct err *e)
{
    struct body_stmts *bodies = calloc(ds->texts.n ? ds->texts.n : 1,
                                       sizeof *bodies);
    size_t *of = NULL, cap = 0, flag_id;
    int rc = 0;

    if (!bodies)
        return err_set(e, STATUS_NOMEM, "out of memory");
    flag_id = strmap_find(&ds->labels, flag, strlen(flag));
    /* the same files, so messages about a pair still name its file */
    out->files = calloc(ds->n_files ? ds->n_files : 1, sizeof *out->files);
    if (!out->files)
        goto nomem;
    for (size_t f = 0; f < ds->n_files; f++) {
        out->files[f] = malloc(strlen(ds->files[f]) + 1);
        if (!out->files[f])
            goto nomem;
        strcpy(out->files[f], ds->files[f]);
        out->n_files = f + 1;
    }
    for (size_t i = 0; i < ds->n_pairs; i++) {
        const struct pair_rec *p = &ds->pairs[i];
        struct body_stmts *bs = &bodies[p->b];
        const char *a = ds->texts.str[p->a];
        const char *label = p->label == flag_id ? flag : "other";
        if (!bs->done
            && (rc = body_read(ds->texts.str[p->b], ds->texts.len[p->b], bs,
                               e)) != 0)
            goto out;
        for (size_t j = 0; j < bs->n; j++) {
            if (GROW(of, cap, out->n_pairs + 1))
                goto nomem;
            if (dataset_add(out, a, ds->texts.len[p->a],
                            bs->clean + bs->start[j],
                            bs->len[j], label, NULL, NULL, p->file, p->line))
                goto nomem;
            of[out->n_pairs - 1] = i;
        }
    }
    *bag_of = of;
    of = NULL;
    goto out;
nomem:
    rc = err_set(e, STATUS_NOMEM, "out of memory");
out:
    for (size_t t = 0; t < ds->texts.n; t++) {
        free(bodies[t].clean);
        free(bodies[t].start);
        free(bodies[t].len);
    }
    free(bodies);
    free(of);
    return rc;
}

/* export.c - training and test vectors in libsvm/liblinear's text format. */
#include "model/export.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "features/pair.h"
#include "features/svec.h"
#include "model/train.h"

void export_summary_clear(struct export_summary *s)
{
    free(s->count);
    free(s->weight);
    memset(s, 0, sizeof *s);
}

/* One line: the class, then x's entries from input 1 on (x sorted, each
 * index once); zeros are left out.  Counts what it wrote into s. */
static void write_row(FILE *fp, int cls, const struct svec *x,
                      struct export_summary *s)
{
    fprintf(fp, "%d", cls);
    for (size_t t = 0; t < x->n; t++) {
        if (x->idx[t] == 0 || x->val[t] == 0.0)
            continue;
        fprintf(fp, " %u:%.17g", (unsigned)x->idx[t], x->val[t]);
        if (s) {
            s->n_values++;
            if (x->idx[t] > s->max_index)
                s->max_index = x->idx[t];
        }
    }
    fputc('\n', fp);
}

static int write_status(FILE *fp, struct err *e)
{
    int saved = errno;

    if (fflush(fp) != 0 || ferror(fp))
        return err_set(e, STATUS_IO, "cannot write: %s",
                       strerror(errno ? errno : saved ? saved : EIO));
    return 0;
}

int export_design(FILE *fp, const struct design *d, const uint32_t *cols,
                  struct export_summary *s, struct err *e)
{
    struct svec x;
    size_t f = d->n_dense, k = d->n_classes;
    int rc = 0;

    svec_init(&x);
    if (s) {
        memset(s, 0, sizeof *s);
        s->count = calloc(k ? k : 1, sizeof *s->count);
        s->weight = calloc(k ? k : 1, sizeof *s->weight);
        if (!s->count || !s->weight) {
            rc = err_set(e, STATUS_NOMEM, "out of memory");
            goto out;
        }
        s->n_classes = k;
    }
    if (d->n_bags > 0) {
        rc = err_set(e, STATUS_USAGE, "a design of bags has no one vector "
                     "per label");
        goto out;
    }
    errno = 0;
    for (size_t i = 0; i < d->n_rows; i++) {
        svec_reset(&x);
        for (size_t j = 0; j < f; j++) {
            double v = d->dense[i * f + j];
            if (v != 0.0 && svec_push(&x, (uint32_t)(1 + j), v))
                goto nomem;
        }
        /* the row's blocks, back in the spec's input space: a hashed slot
         * on two blocks (a collision) adds up, as in the scores */
        for (size_t r = 0; r < d->n_per_row; r++) {
            size_t b = d->row_block[i * d->n_per_row + r];
            const struct svec *blk;
            if (b == SIZE_MAX)
                continue;
            blk = &d->blocks[b];
            for (size_t t = 0; t < blk->n; t++)
                if (svec_push(&x, cols[blk->idx[t] - 1 - f], blk->val[t]))
                    goto nomem;
        }
        svec_sort_sum(&x);
        write_row(fp, d->y[i], &x, s);
        if (s) {
            s->n_rows++;
            s->count[d->y[i]]++;
            s->weight[d->y[i]] = d->weight[i];
            s->weight_sum += d->weight[i];
        }
    }
    rc = write_status(fp, e);
    goto out;
nomem:
    rc = err_set(e, STATUS_NOMEM, "out of memory");
out:
    svec_clear(&x);
    return rc;
}

int export_pairs(FILE *fp, const struct model *m, const struct dataset *ds,
                 const size_t *label_map, size_t threads, struct err *e)
{
    struct text_cache tc;
    struct svec x;
    int rc;

    svec_init(&x);
    if ((rc = text_cache_build(&tc, ds, NULL, &m->spec, 1, threads, e)))
        return rc;
    errno = 0;
    for (size_t i = 0; i < ds->n_pairs; i++) {
        const struct pair_rec *p = &ds->pairs[i];
        size_t c = label_map[p->label];
        if (c == SIZE_MAX) {
            rc = err_set(e, STATUS_USAGE, "label '%s' is not one of the "
                         "model's", ds->labels.str[p->label]);
            goto out;
        }
        if (features_full(&m->spec, &tc.info[p->a], &tc.info[p->b], &x,
                          NULL)) {
            rc = err_set(e, STATUS_NOMEM, "out of memory");
            goto out;
        }
        write_row(fp, (int)c, &x, NULL);
    }
    rc = write_status(fp, e);
out:
    svec_clear(&x);
    text_cache_clear(&tc);
    return rc;
}

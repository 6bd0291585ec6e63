/* labels.c - mapping data labels to model labels, shared by train, eval and check. */
#include "model/labels.h"

#include <stdlib.h>
#include <string.h>

int labels_map(const struct model *m, const struct dataset *ds,
               size_t **map, struct err *e)
{
    size_t *v = malloc((ds->labels.n ? ds->labels.n : 1) * sizeof *v);

    if (!v)
        return err_set(e, STATUS_NOMEM, "out of memory");
    for (size_t l = 0; l < ds->labels.n; l++) {
        v[l] = model_label_index(m, ds->labels.str[l]);
        if (v[l] == SIZE_MAX) {
            const struct pair_rec *p = ds->pairs;
            while (p->label != l)
                p++;
            free(v);
            return err_set(e, STATUS_PARSE, "%s:%zu: label '%s' is not one "
                           "the model knows", ds->files[p->file], p->line,
                           ds->labels.str[l]);
        }
    }
    *map = v;
    return 0;
}

static int by_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int labels_from_data(struct model *m, const struct dataset *ds,
                     struct err *e)
{
    size_t n = ds->labels.n;
    char **v = malloc((n ? n : 1) * sizeof *v);
    int rc;

    if (!v)
        return err_set(e, STATUS_NOMEM, "out of memory");
    memcpy(v, ds->labels.str, n * sizeof *v);
    qsort(v, n, sizeof *v, by_str);
    rc = model_set_labels(m, (const char *const *)v, n);
    free(v);
    return rc ? err_set(e, STATUS_NOMEM, "out of memory") : 0;
}

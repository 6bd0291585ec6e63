/* model.c - a trained gainsay model and the path from a pair to scores. */
#include "model/model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lex/lexicon.h"

struct model *model_alloc(void)
{
    struct model *m = calloc(1, sizeof *m);

    if (!m)
        return NULL;
    if (spec_init_default(&m->spec)) {
        model_free(m);
        return NULL;
    }
    m->threshold = 0.5;
    return m;
}

static void free_labels(struct model *m)
{
    for (size_t i = 0; i < m->n_labels; i++)
        free(m->labels[i]);
    free(m->labels);
    m->labels = NULL;
    m->n_labels = 0;
}

void model_free(struct model *m)
{
    if (!m)
        return;
    spec_clear(&m->spec);
    lexicon_free(m->lex);
    logreg_free(m->lr);
    free_labels(m);
    free(m->training);
    free(m);
}

int model_set_labels(struct model *m, const char *const *labels, size_t n)
{
    free_labels(m);
    m->labels = calloc(n ? n : 1, sizeof *m->labels);
    if (!m->labels)
        return STATUS_NOMEM;
    m->n_labels = n;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(labels[i]);
        m->labels[i] = malloc(len + 1);
        if (!m->labels[i])
            return STATUS_NOMEM;
        memcpy(m->labels[i], labels[i], len + 1);
    }
    return 0;
}

size_t model_label_index(const struct model *m, const char *s)
{
    for (size_t i = 0; i < m->n_labels; i++)
        if (strcmp(m->labels[i], s) == 0)
            return i;
    return SIZE_MAX;
}

size_t model_default_flag(const char *const *labels, size_t n)
{
    static const char *const names[] = {
        "contradiction", "disagree", "refutes", "against", "contradicts",
        "contradict"
    };

    for (size_t k = 0; k < sizeof names / sizeof *names; k++)
        for (size_t i = 0; i < n; i++)
            if (strcasecmp(labels[i], names[k]) == 0)
                return i;
    return SIZE_MAX;
}

void model_scratch_init(struct model_scratch *s)
{
    memset(s, 0, sizeof *s);
    for (size_t i = 0; i < SCRATCH_SLOTS; i++) {
        text_info_init(&s->a[i].info);
        text_info_init(&s->b[i].info);
    }
    svec_init(&s->x);
}

void model_scratch_clear(struct model_scratch *s)
{
    for (size_t i = 0; i < SCRATCH_SLOTS; i++) {
        text_info_clear(&s->a[i].info);
        text_info_clear(&s->b[i].info);
        free(s->a[i].text);
        free(s->b[i].text);
    }
    svec_clear(&s->x);
    model_scratch_init(s);
}

size_t model_predict_info(const struct model *m, const struct text_info *a,
                          const struct text_info *b, struct svec *x,
                          double *p, struct err *e)
{
    if (features_full(&m->spec, a, b, x, NULL)) {
        err_set(e, STATUS_NOMEM, "out of memory");
        return SIZE_MAX;
    }
    {
        size_t best = logreg_predict(m->lr, x, p);
        /* weights are bounded at load, but a score that still overflows is
         * an error, never a NaN finding */
        for (size_t k = 0; k < m->n_labels; k++)
            if (!isfinite(p[k])) {
                err_set(e, STATUS_NUMERIC, "the model's scores are not "
                        "finite (a corrupt or extreme model?)");
                return SIZE_MAX;
            }
        return best;
    }
}

/* The analysis of s[0..len) from the cache, or a fresh one in the least
 * recently used slot. */
static int cached_info(const struct model *m, struct scratch_slot *slot,
                       unsigned long now, const char *s, size_t len,
                       const struct text_info **out)
{
    struct scratch_slot *old = &slot[0];
    int rc;

    for (size_t i = 0; i < SCRATCH_SLOTS; i++) {
        if (slot[i].ok && slot[i].len == len
            && memcmp(slot[i].text, s, len) == 0) {
            slot[i].used = now;
            *out = &slot[i].info;
            return 0;
        }
        if (slot[i].used < old->used)
            old = &slot[i];
    }
    old->ok = 0;
    free(old->text);
    old->text = malloc(len + 1);
    if (!old->text)
        return STATUS_NOMEM;
    memcpy(old->text, s, len);
    old->len = len;
    text_info_clear(&old->info);
    if ((rc = text_info_build(&m->spec, s, len, &old->info)) != 0)
        return rc;
    old->ok = 1;
    old->used = now;
    *out = &old->info;
    return 0;
}

size_t model_predict(const struct model *m, struct model_scratch *s,
                     const char *a, size_t alen, const char *b, size_t blen,
                     double *p, struct err *e)
{
    const struct text_info *ia, *ib;
    int rc;

    s->clock++;
    if ((rc = cached_info(m, s->a, s->clock, a, alen, &ia)) != 0
        || (rc = cached_info(m, s->b, s->clock, b, blen, &ib)) != 0) {
        err_set(e, (enum status)rc, rc == STATUS_UTF8 ? "invalid UTF-8 "
                "in a statement" : "out of memory");
        return SIZE_MAX;
    }
    return model_predict_info(m, ia, ib, &s->x, p, e);
}

void explanation_clear(struct explanation *ex)
{
    for (size_t i = 0; i < ex->n; i++)
        free(ex->c[i].weight);
    free(ex->c);
    free(ex->score);
    free(ex->prob);
    feature_names_clear(&ex->names);
    memset(ex, 0, sizeof *ex);
}

static int by_pull(const void *pa, const void *pb)
{
    const struct contribution *a = pa, *b = pb;
    double x = fabs(a->pull), y = fabs(b->pull);

    if (x != y)
        return x < y ? 1 : -1;
    return a->index < b->index ? -1 : a->index > b->index;
}

int model_explain(const struct model *m, const struct text_info *a,
                  const struct text_info *b, size_t target,
                  struct explanation *ex, struct err *e)
{
    size_t k = m->n_labels;
    struct svec x;
    int rc = 0;

    memset(ex, 0, sizeof *ex);
    feature_names_init(&ex->names);
    svec_init(&x);
    if (features_full(&m->spec, a, b, &x, &ex->names))
        goto nomem;
    ex->c = calloc(x.n ? x.n : 1, sizeof *ex->c);
    ex->score = calloc(k, sizeof *ex->score);
    ex->prob = calloc(k, sizeof *ex->prob);
    if (!ex->c || !ex->score || !ex->prob)
        goto nomem;
    for (size_t i = 0; i < x.n; i++) {
        struct contribution *c = &ex->c[ex->n];
        const double *row = logreg_row(m->lr, x.idx[i]);
        if (!row)
            continue;
        c->weight = malloc(k * sizeof *c->weight);
        if (!c->weight)
            goto nomem;
        ex->n++;
        c->index = x.idx[i];
        c->value = x.val[i];
        c->name = feature_names_get(&ex->names, x.idx[i]);
        for (size_t j = 0; j < k; j++) {
            c->weight[j] = x.val[i] * row[j];
            ex->score[j] += c->weight[j];
        }
    }
    memcpy(ex->prob, ex->score, k * sizeof *ex->prob);
    logreg_softmax(ex->prob, k);
    ex->predicted = 0;
    for (size_t j = 1; j < k; j++)
        if (ex->prob[j] > ex->prob[ex->predicted])
            ex->predicted = j;
    for (size_t i = 0; i < ex->n; i++)
        ex->c[i].pull = ex->c[i].weight[target < k ? target : 0];
    qsort(ex->c, ex->n, sizeof *ex->c, by_pull);
    goto out;
nomem:
    rc = err_set(e, STATUS_NOMEM, "out of memory");
    explanation_clear(ex);
out:
    svec_clear(&x);
    return rc;
}

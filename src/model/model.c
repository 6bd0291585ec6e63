/* model.c - a trained gainsay model and the path from a pair to scores. */
#include "model/model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/grow.h"
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
    free(m->label_order);
    m->labels = NULL;
    m->label_order = NULL;
    m->n_labels = 0;
}

/* Sort the label indices v[0..n) by name: a merge sort through tmp, as
 * qsort() has no context argument in C11. */
static void sort_labels(char *const *labels, size_t *v, size_t *tmp,
                        size_t n)
{
    size_t h = n / 2, i = 0, j = h, k = 0;

    if (n < 2)
        return;
    sort_labels(labels, v, tmp, h);
    sort_labels(labels, v + h, tmp, n - h);
    while (i < h && j < n)
        tmp[k++] = strcmp(labels[v[j]], labels[v[i]]) < 0 ? v[j++] : v[i++];
    while (i < h)
        tmp[k++] = v[i++];
    while (j < n)
        tmp[k++] = v[j++];
    memcpy(v, tmp, n * sizeof *v);
}

void model_free(struct model *m)
{
    if (!m)
        return;
    spec_clear(&m->spec);
    lexicon_free(m->lex);
    logreg_free(m->lr);
    free(m->text);
    free_labels(m);
    free(m->training);
    free(m);
}

int model_set_labels(struct model *m, const char *const *labels, size_t n)
{
    free_labels(m);
    m->labels = calloc(n ? n : 1, sizeof *m->labels);
    m->label_order = malloc((n ? n : 1) * sizeof *m->label_order);
    if (!m->labels || !m->label_order) {
        free(m->labels);
        free(m->label_order);
        m->labels = NULL;
        m->label_order = NULL;
        return STATUS_NOMEM;
    }
    m->n_labels = n;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(labels[i]);
        m->labels[i] = malloc(len + 1);
        if (!m->labels[i])
            return STATUS_NOMEM;
        memcpy(m->labels[i], labels[i], len + 1);
    }
    {
        size_t *tmp = malloc((n ? n : 1) * sizeof *tmp);
        if (!tmp)
            return STATUS_NOMEM;
        for (size_t i = 0; i < n; i++)
            m->label_order[i] = i;
        sort_labels(m->labels, m->label_order, tmp, n);
        free(tmp);
    }
    return 0;
}

size_t model_label_index(const struct model *m, const char *s)
{
    size_t lo = 0, hi = m->n_labels;

    /* a label given twice is found at its first index, as a scan would */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(m->labels[m->label_order[mid]], s);
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < m->n_labels && strcmp(m->labels[m->label_order[lo]], s) == 0
           ? m->label_order[lo] : SIZE_MAX;
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
    s->free_list = s->oldest = s->newest = SIZE_MAX;
    s->max_bytes = SCRATCH_MAX_BYTES;
    svec_init(&s->x);
    svec_init(&s->bag);
}

void model_scratch_clear(struct model_scratch *s)
{
    for (size_t i = 0; i < s->n; i++) {
        text_info_clear(&s->e[i].info);
        free(s->e[i].share[0]);
        free(s->e[i].share[1]);
        free(s->e[i].text);
    }
    free(s->e);
    free(s->bucket);
    svec_clear(&s->x);
    svec_clear(&s->bag);
    model_scratch_init(s);
}

/* Label probabilities from raw scores p[n_labels], in place; the
 * predicted label.  Weights are bounded at load, but a score that still
 * overflows is an error, never a NaN finding: SIZE_MAX with e set. */
static size_t finish(const struct model *m, double *p, struct err *e)
{
    size_t best = 0;

    logreg_softmax(p, m->n_labels);
    for (size_t k = 1; k < m->n_labels; k++)
        if (p[k] > p[best])
            best = k;
    for (size_t k = 0; k < m->n_labels; k++)
        if (!isfinite(p[k])) {
            err_set(e, STATUS_NUMERIC, "the model's scores are not finite "
                    "(a corrupt or extreme model?)");
            return SIZE_MAX;
        }
    return best;
}

size_t model_predict_info(const struct model *m, const struct text_info *a,
                          const struct text_info *b, struct svec *x,
                          double *p, struct err *e)
{
    if (features_full(&m->spec, a, b, x, NULL)) {
        err_set(e, STATUS_NOMEM, "out of memory");
        return SIZE_MAX;
    }
    logreg_scores(m->lr, x, p);
    return finish(m, p, e);
}

void model_bag_share(const struct model *m, const struct svec *bow,
                     double *share)
{
    logreg_scores(m->lr, bow, share);
}

size_t model_predict_shares(const struct model *m,
                            const struct text_info *a,
                            const struct text_info *b, const double *share_a,
                            const double *share_b, struct svec *x, double *p,
                            struct err *e)
{
    if (features_own(&m->spec, a, b, x)) {
        err_set(e, STATUS_NOMEM, "out of memory");
        return SIZE_MAX;
    }
    logreg_scores(m->lr, x, p);
    for (size_t k = 0; k < m->n_labels; k++)
        p[k] = p[k] + share_a[k] + share_b[k];
    return finish(m, p, e);
}

/* A hash of the text, 8 bytes at a time: the cache compares texts in
 * full, so this need only spread them (it is not a feature hash, whose
 * values models depend on). */
static uint64_t text_key(const char *s, size_t len)
{
    uint64_t h = 0x9E3779B97F4A7C15u ^ len;
    size_t i = 0;

    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        h = (h ^ w) * 0xFF51AFD7ED558CCDu;
        h ^= h >> 32;
    }
    if (i < len) {
        uint64_t w = 0;
        memcpy(&w, s + i, len - i);
        h = (h ^ w) * 0xFF51AFD7ED558CCDu;
    }
    h ^= h >> 29;
    h *= 0xC4CEB9FE1A85EC53u;
    return h ^ (h >> 32);
}

static void use_unlink(struct model_scratch *s, size_t i)
{
    struct scratch_entry *x = &s->e[i];

    if (x->older != SIZE_MAX)
        s->e[x->older].newer = x->newer;
    else
        s->oldest = x->newer;
    if (x->newer != SIZE_MAX)
        s->e[x->newer].older = x->older;
    else
        s->newest = x->older;
}

static void use_push(struct model_scratch *s, size_t i)
{
    s->e[i].older = s->newest;
    s->e[i].newer = SIZE_MAX;
    if (s->newest != SIZE_MAX)
        s->e[s->newest].newer = i;
    else
        s->oldest = i;
    s->newest = i;
}

/* Drop entry i: out of its bucket and the use list, onto the free list. */
static void entry_drop(struct model_scratch *s, size_t i)
{
    struct scratch_entry *x = &s->e[i];
    size_t *p = &s->bucket[x->hash & (s->n_buckets - 1)];

    while (*p != i)
        p = &s->e[*p].chain;
    *p = x->chain;
    use_unlink(s, i);
    s->bytes -= x->bytes;
    s->n_live--;
    text_info_clear(&x->info);
    free(x->share[0]);
    free(x->share[1]);
    x->share[0] = x->share[1] = NULL;
    free(x->text);
    x->text = NULL;
    x->chain = s->free_list;
    s->free_list = i;
}

/* Room for one more live entry: the buckets at most one entry each on
 * average, a free entry ready.  0 or STATUS_NOMEM. */
static int cache_grow(struct model_scratch *s)
{
    if (s->n_live + 1 > s->n_buckets) {
        size_t nb = s->n_buckets ? 2 * s->n_buckets : 64;
        size_t *b = malloc(nb * sizeof *b);
        if (!b)
            return STATUS_NOMEM;
        for (size_t i = 0; i < nb; i++)
            b[i] = SIZE_MAX;
        for (size_t i = s->oldest; i != SIZE_MAX; i = s->e[i].newer) {
            size_t h = s->e[i].hash & (nb - 1);
            s->e[i].chain = b[h];
            b[h] = i;
        }
        free(s->bucket);
        s->bucket = b;
        s->n_buckets = nb;
    }
    if (s->free_list == SIZE_MAX)
        return GROW(s->e, s->cap, s->n + 1);
    return 0;
}

/* The analysis of t[0..len) from the cache, or a fresh one, which may
 * push the least recently used out. */
static int cached_info(const struct model *m, struct model_scratch *s,
                       const char *t, size_t len, size_t *out)
{
    uint64_t h = text_key(t, len);
    struct scratch_entry *x;
    size_t i;
    int rc;

    if (s->n_buckets)
        for (i = s->bucket[h & (s->n_buckets - 1)]; i != SIZE_MAX;
             i = s->e[i].chain) {
            x = &s->e[i];
            if (x->hash == h && x->len == len
                && memcmp(x->text, t, len) == 0) {
                if (s->newest != i) {
                    use_unlink(s, i);
                    use_push(s, i);
                }
                *out = i;
                return 0;
            }
        }
    if ((rc = cache_grow(s)) != 0)
        return rc;
    if (s->free_list != SIZE_MAX) {
        i = s->free_list;
        s->free_list = s->e[i].chain;
    } else {
        i = s->n++;
    }
    x = &s->e[i];
    memset(x, 0, sizeof *x);
    text_info_init(&x->info);
    x->hash = h;
    x->len = len;
    x->text = malloc(len ? len : 1);
    rc = x->text ? text_info_build(&m->spec, t, len, &x->info)
                 : STATUS_NOMEM;
    if (!rc)
        rc = text_info_compact(&x->info);
    if (rc) {
        text_info_clear(&x->info);
        free(x->text);
        x->text = NULL;
        x->chain = s->free_list;
        s->free_list = i;
        return rc;
    }
    memcpy(x->text, t, len);
    x->bytes = text_info_bytes(&x->info) + len;
    x->chain = s->bucket[h & (s->n_buckets - 1)];
    s->bucket[h & (s->n_buckets - 1)] = i;
    use_push(s, i);
    s->n_live++;
    s->bytes += x->bytes;
    /* the oldest out, never the one just made (nor, for a pair, the
     * other side's, which was used just before it) */
    while (s->bytes > s->max_bytes && s->n_live > 2)
        entry_drop(s, s->oldest);
    *out = i;
    return 0;
}

/* Each text's bag share once per side it is seen on, counted in the
 * cache's bytes (the bag itself is made in s->bag and not kept).  0 or
 * STATUS_NOMEM. */
static int cached_share(const struct model *m, struct model_scratch *s,
                        struct scratch_entry *x, enum pair_side side)
{
    size_t bytes = m->n_labels * sizeof *x->share[side];

    if (x->share[side])
        return 0;
    if (features_bow_block(&m->spec, &x->info, side, &s->bag)
        || !(x->share[side] = malloc(bytes)))
        return STATUS_NOMEM;
    model_bag_share(m, &s->bag, x->share[side]);
    x->bytes += bytes;
    s->bytes += bytes;
    return 0;
}

size_t model_predict(const struct model *m, struct model_scratch *s,
                     const char *a, size_t alen, const char *b, size_t blen,
                     double *p, struct err *e)
{
    size_t ia, ib;
    struct scratch_entry *xa, *xb;
    int rc;

    /* indices, not pointers: making b's entry may move the entries */
    if ((rc = cached_info(m, s, a, alen, &ia)) != 0
        || (rc = cached_info(m, s, b, blen, &ib)) != 0) {
        err_set(e, (enum status)rc, "%s", text_status_message(rc));
        return SIZE_MAX;
    }
    xa = &s->e[ia];
    xb = &s->e[ib];
    if (cached_share(m, s, xa, SIDE_A) || cached_share(m, s, xb, SIDE_B)) {
        err_set(e, STATUS_NOMEM, "out of memory");
        return SIZE_MAX;
    }
    return model_predict_shares(m, &xa->info, &xb->info, xa->share[SIDE_A],
                                xb->share[SIDE_B], &s->x, p, e);
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

/* split.c - grouped cross-validation folds that keep texts apart. */
#include "eval/split.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* xorshift64*: a small, seedable generator, so splits repeat exactly. */
static uint64_t rng_next(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *s = x;
    return x * 2685821657736338717ull;
}

static size_t rng_below(uint64_t *s, size_t n)
{
    return (size_t)(rng_next(s) % n);
}

static size_t uf_find(size_t *parent, size_t x)
{
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

static void uf_union(size_t *parent, size_t a, size_t b)
{
    a = uf_find(parent, a);
    b = uf_find(parent, b);
    if (a != b)
        parent[a < b ? b : a] = a < b ? a : b;
}

void folds_clear(struct folds *f)
{
    free(f->group_a);
    free(f->group_b);
    free(f->fold_of);
    memset(f, 0, sizeof *f);
}

struct comp {
    size_t id;
    size_t weight;
    uint64_t tiebreak;
};

static int by_weight(const void *pa, const void *pb)
{
    const struct comp *a = pa, *b = pb;
    if (a->weight != b->weight)
        return a->weight < b->weight ? 1 : -1;
    return a->tiebreak < b->tiebreak ? -1 : a->tiebreak > b->tiebreak;
}

int folds_make(struct folds *f, const struct dataset *ds, size_t k,
               unsigned long seed, struct err *e)
{
    size_t nt = ds->texts.n, nn = nt + ds->groups.n, *parent = NULL,
           *dense = NULL, *load = NULL;
    struct comp *comps = NULL;
    uint64_t rng = seed * 0x9E3779B97F4A7C15ull + 1;
    int rc = 0;

    memset(f, 0, sizeof *f);
    f->k = k;
    f->unrelated = strmap_find(&ds->labels, "unrelated", 9);
    if (k < 2)
        return err_set(e, STATUS_USAGE, "--cv needs at least 2 folds");
    parent = malloc((nn ? nn : 1) * sizeof *parent);
    dense = malloc((nn ? nn : 1) * sizeof *dense);
    f->group_a = malloc((ds->n_pairs ? ds->n_pairs : 1) * sizeof(size_t));
    f->group_b = malloc((ds->n_pairs ? ds->n_pairs : 1) * sizeof(size_t));
    load = calloc(k, sizeof *load);
    if (!parent || !dense || !f->group_a || !f->group_b || !load)
        goto nomem;
    for (size_t i = 0; i < nn; i++)
        parent[i] = i;
    for (size_t i = 0; i < ds->n_pairs; i++) {
        const struct pair_rec *p = &ds->pairs[i];
        if (p->group != SIZE_MAX)
            continue;   /* an explicit group is the grouping asked for */
        if (p->label != f->unrelated || p->label == SIZE_MAX) {
            uf_union(parent, p->a, p->b);
        }
    }
    for (size_t i = 0; i < nn; i++)
        dense[i] = SIZE_MAX;
    for (size_t i = 0; i < ds->n_pairs; i++) {
        const struct pair_rec *p = &ds->pairs[i];
        size_t ra = uf_find(parent, p->group != SIZE_MAX ? nt + p->group
                                                         : p->a),
               rb = uf_find(parent, p->group != SIZE_MAX ? nt + p->group
                                                         : p->b);
        if (dense[ra] == SIZE_MAX)
            dense[ra] = f->n_groups++;
        if (dense[rb] == SIZE_MAX)
            dense[rb] = f->n_groups++;
        f->group_a[i] = dense[ra];
        f->group_b[i] = dense[rb];
    }
    if (f->n_groups < k) {
        rc = err_set(e, STATUS_USAGE, "cannot make %zu folds from %zu groups "
                     "of texts", k, f->n_groups);
        goto out;
    }
    comps = calloc(f->n_groups, sizeof *comps);
    f->fold_of = malloc(f->n_groups * sizeof *f->fold_of);
    if (!comps || !f->fold_of)
        goto nomem;
    for (size_t g = 0; g < f->n_groups; g++) {
        comps[g].id = g;
        comps[g].tiebreak = rng_next(&rng);
    }
    for (size_t i = 0; i < ds->n_pairs; i++)
        comps[f->group_a[i]].weight++;
    /* largest first into the lightest fold: balanced and deterministic */
    qsort(comps, f->n_groups, sizeof *comps, by_weight);
    for (size_t g = 0; g < f->n_groups; g++) {
        size_t best = 0;
        for (size_t j = 1; j < k; j++)
            if (load[j] < load[best])
                best = j;
        if (comps[g].weight == 0)
            best = rng_below(&rng, k);
        f->fold_of[comps[g].id] = best;
        load[best] += comps[g].weight;
    }
    goto out;
nomem:
    rc = err_set(e, STATUS_NOMEM, "out of memory");
out:
    free(parent);
    free(dense);
    free(load);
    free(comps);
    if (rc)
        folds_clear(f);
    return rc;
}

/* A pair of texts, to tell in log time whether the data already pair
 * them (a scan of every pair per draw was quadratic). */
struct text_pair {
    size_t a, b;
};

static int by_texts(const void *x, const void *y)
{
    const struct text_pair *p = x, *q = y;

    if (p->a != q->a)
        return p->a < q->a ? -1 : 1;
    return p->b < q->b ? -1 : p->b > q->b;
}

int folds_roles(const struct folds *f, struct dataset *ds, size_t fold,
                int refill, unsigned long seed, unsigned char **role,
                struct err *e)
{
    size_t n = ds->n_pairs, *dropped = NULL, *bodies = NULL, n_bodies = 0;
    unsigned char *r = realloc(*role, n ? n : 1), *is_body = NULL;
    struct text_pair *seen = NULL;
    uint64_t rng = (seed + 7919 * fold) * 0x9E3779B97F4A7C15ull + 3;
    int rc = 0;

    if (!r)
        return err_set(e, STATUS_NOMEM, "out of memory");
    *role = r;
    for (size_t i = 0; i < n; i++) {
        int ta = f->fold_of[f->group_a[i]] == fold,
            tb = f->fold_of[f->group_b[i]] == fold;
        r[i] = ta && tb ? ROLE_TEST : !ta && !tb ? ROLE_TRAIN : ROLE_DROP;
    }
    if (!refill || f->unrelated == SIZE_MAX)
        return 0;

    dropped = calloc(ds->texts.n ? ds->texts.n : 1, sizeof *dropped);
    is_body = calloc(ds->texts.n ? ds->texts.n : 1, 1);
    bodies = malloc((ds->texts.n ? ds->texts.n : 1) * sizeof *bodies);
    seen = malloc((n ? n : 1) * sizeof *seen);
    if (!dropped || !is_body || !bodies || !seen)
        goto nomem;
    for (size_t i = 0; i < n; i++) {
        seen[i].a = ds->pairs[i].a;
        seen[i].b = ds->pairs[i].b;
    }
    qsort(seen, n, sizeof *seen, by_texts);
    for (size_t i = 0; i < n; i++) {
        const struct pair_rec *p = &ds->pairs[i];
        if (r[i] == ROLE_DROP && p->label == f->unrelated
            && f->fold_of[f->group_a[i]] == fold)
            dropped[p->a]++;
        if (f->fold_of[f->group_b[i]] == fold && !is_body[p->b]) {
            is_body[p->b] = 1;
            bodies[n_bodies++] = p->b;
        }
    }
    for (size_t t = 0; t < ds->texts.n && n_bodies > 0; t++) {
        for (size_t d = 0; d < dropped[t]; d++) {
            size_t b = bodies[rng_below(&rng, n_bodies)];
            struct text_pair key;
            if (b == t)
                continue;
            /* the pairs as read, not those added here, as before */
            key.a = t;
            key.b = b;
            if (bsearch(&key, seen, n, sizeof *seen, by_texts))
                continue;       /* one draw per dropped pair, no retries */
            if (dataset_add(ds, ds->texts.str[t], ds->texts.len[t],
                            ds->texts.str[b], ds->texts.len[b], "unrelated",
                            NULL, NULL, ds->pairs[0].file, 0))
                goto nomem;
        }
    }
    r = realloc(*role, ds->n_pairs ? ds->n_pairs : 1);
    if (!r)
        goto nomem;
    *role = r;
    for (size_t i = n; i < ds->n_pairs; i++)
        r[i] = ROLE_TEST;
    goto out;
nomem:
    rc = err_set(e, STATUS_NOMEM, "out of memory");
out:
    free(dropped);
    free(is_body);
    free(bodies);
    free(seen);
    return rc;
}

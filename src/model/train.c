/* train.c - from labelled pairs to a fitted model. */
#include "model/train.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/bigmem.h"
#include "base/grow.h"
#include "base/parallel.h"

void text_cache_clear(struct text_cache *tc)
{
    for (size_t i = 0; tc->info && i < tc->n; i++)
        text_info_clear(&tc->info[i]);
    free(tc->info);
    free(tc->used);
    memset(tc, 0, sizeof *tc);
}

struct cache_job {
    struct text_cache *tc;
    const struct dataset *ds;
    const struct feature_spec *spec;
    int weigh;
};

static int cache_slice(void *p, size_t begin, size_t end)
{
    struct cache_job *j = p;
    int rc;

    for (size_t t = begin; t < end; t++) {
        if (!j->tc->used[t])
            continue;
        rc = j->weigh ? text_info_build(j->spec, j->ds->texts.str[t],
                                        j->ds->texts.len[t],
                                        &j->tc->info[t])
                      : text_analyze(j->spec, j->ds->texts.str[t],
                                     j->ds->texts.len[t], &j->tc->info[t]);
        if (rc)
            return rc;
    }
    return 0;
}

int text_cache_build(struct text_cache *tc, const struct dataset *ds,
                     const unsigned char *sel, const struct feature_spec *spec,
                     int weigh, size_t threads, struct err *e)
{
    size_t n = ds->texts.n;
    struct cache_job job = { tc, ds, spec, weigh };
    int rc;

    memset(tc, 0, sizeof *tc);
    tc->info = malloc((n ? n : 1) * sizeof *tc->info);
    tc->used = calloc(n ? n : 1, 1);
    if (!tc->info || !tc->used) {
        text_cache_clear(tc);
        return err_set(e, STATUS_NOMEM, "out of memory");
    }
    tc->n = n;
    for (size_t t = 0; t < n; t++)
        text_info_init(&tc->info[t]);
    for (size_t i = 0; i < ds->n_pairs; i++)
        if (!sel || sel[i])
            tc->used[ds->pairs[i].a] = tc->used[ds->pairs[i].b] = 1;
    rc = parallel_for(n, threads, cache_slice, &job);
    if (rc) {
        text_cache_clear(tc);
        /* texts were checked for UTF-8 when read */
        return err_set(e, (enum status)rc, "%s", text_status_message(rc));
    }
    return 0;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* IDF from the used texts: each distinct text is one document. */
static int learn_idf(struct feature_spec *spec, const struct text_cache *tc,
                     struct err *e)
{
    size_t total = 0, n_docs = 0, n_keys = 0;
    uint32_t *all = NULL, *keys = NULL, *df = NULL;
    int rc = 0;

    for (size_t t = 0; t < tc->n; t++)
        if (tc->used[t])
            total += tc->info[t].tl.n;
    all = malloc((total ? total : 1) * sizeof *all);
    if (!all)
        goto nomem;
    total = 0;
    for (size_t t = 0; t < tc->n; t++) {
        const struct text_info *ti = &tc->info[t];
        size_t start = total;
        if (!tc->used[t])
            continue;
        n_docs++;
        for (size_t i = 0; i < ti->tl.n; i++)
            if (!(ti->tl.tok[i].flags & TOKEN_PUNCT))
                all[total++] = ti->tl.tok[i].hash;
        /* unique within the document */
        qsort(all + start, total - start, sizeof *all, cmp_u32);
        {
            size_t w = start;
            for (size_t r = start; r < total; r++)
                if (r == start || all[r] != all[w - 1])
                    all[w++] = all[r];
            total = w;
        }
    }
    qsort(all, total, sizeof *all, cmp_u32);
    keys = malloc((total ? total : 1) * sizeof *keys);
    df = malloc((total ? total : 1) * sizeof *df);
    if (!keys || !df)
        goto nomem;
    for (size_t r = 0; r < total; r++) {
        if (n_keys > 0 && keys[n_keys - 1] == all[r]) {
            df[n_keys - 1]++;
        } else {
            keys[n_keys] = all[r];
            df[n_keys++] = 1;
        }
    }
    if (spec_set_idf(spec, n_docs, keys, df, n_keys))
        goto nomem;
    goto out;
nomem:
    rc = err_set(e, STATUS_NOMEM, "out of memory");
out:
    free(all);
    free(keys);
    free(df);
    return rc;
}

struct weigh_job {
    struct text_cache *tc;
    const struct feature_spec *spec;
};

static int weigh_slice(void *p, size_t begin, size_t end)
{
    struct weigh_job *j = p;

    for (size_t t = begin; t < end; t++)
        if (j->tc->used[t] && text_weigh(j->spec, &j->tc->info[t]))
            return STATUS_NOMEM;
    return 0;
}

/* Each distinct text's bag on the side(s) it is seen on, sorted; texts
 * are independent, so threads share them out. */
struct bow_job {
    const struct feature_spec *spec;
    const struct text_cache *tc;
    const size_t *a_block, *b_block;
    struct svec *blocks;
};

static int bow_slice(void *p, size_t begin, size_t end)
{
    struct bow_job *j = p;

    for (size_t t = begin; t < end; t++) {
        const size_t at[2] = { j->a_block[t], j->b_block[t] };
        for (int side = 0; side < 2; side++) {
            struct svec *x;
            if (at[side] == SIZE_MAX)
                continue;
            x = &j->blocks[at[side]];
            if (features_bow(j->spec, &j->tc->info[t],
                             side == 0 ? SIDE_A : SIDE_B, x, NULL))
                return STATUS_NOMEM;
            svec_sort_sum(x);
        }
    }
    return 0;
}

/* Row blocks: a's bag, b's bag, b's sentence most like a, the pair's own
 * block (crossed words). */
#define N_PER_ROW 4

struct design_job {
    const struct dataset *ds;
    const struct feature_spec *spec;
    const struct text_cache *tc;
    const size_t *rows;         /* dataset pair of each design row */
    struct design *d;
    size_t *pair_block;         /* the block index of each row's own block */
    size_t *top;                /* each row's top sentence of b */
    size_t row0;                /* the first row of this pass... */
    double *dense;              /* ...whose dense features go here */
};

/* Rows row0 + [begin, end) of the design. */
static int design_slice(void *p, size_t begin, size_t end)
{
    struct design_job *j = p;

    for (size_t r = j->row0 + begin; r < j->row0 + end; r++) {
        const struct pair_rec *pr = &j->ds->pairs[j->rows[r]];
        struct svec *x = &j->d->blocks[j->pair_block[r]];
        int rc = features_pair(j->spec, &j->tc->info[pr->a],
                               &j->tc->info[pr->b],
                               j->dense + (r - j->row0) * PAIR_N_DENSE, x,
                               &j->top[r], NULL);
        if (rc)
            return rc;
        svec_sort_sum(x);
    }
    return 0;
}

/* Rows of dense features at a time when they are kept row-compressed
 * (bags): 5 MB of full rows */
#define DESIGN_CHUNK 8192

/* The dense features and the blocks of every row: into d->dense, or with
 * d->dense NULL row-compressed into d->dense_start/col/val, a chunk of
 * rows at a time (FNC-1's bags: 1,001,313 rows, 620 MB as full rows).
 * Returns 0, or STATUS_NOMEM. */
static int design_rows(struct design_job *dj, size_t n_rows, size_t threads)
{
    struct design *d = dj->d;
    double *buf = NULL;
    size_t cap = 0, nnz = 0;
    int rc = 0;

    if (d->dense) {
        dj->row0 = 0;
        dj->dense = d->dense;
        return parallel_for(n_rows, threads, design_slice, dj)
               ? STATUS_NOMEM : 0;
    }
    buf = malloc(DESIGN_CHUNK * PAIR_N_DENSE * sizeof *buf);
    d->dense_start = malloc((n_rows + 1) * sizeof *d->dense_start);
    if (!buf || !d->dense_start) {
        rc = STATUS_NOMEM;
        goto out;
    }
    for (size_t r0 = 0; r0 < n_rows; r0 += DESIGN_CHUNK) {
        size_t n = n_rows - r0 < DESIGN_CHUNK ? n_rows - r0 : DESIGN_CHUNK;
        memset(buf, 0, n * PAIR_N_DENSE * sizeof *buf);
        dj->row0 = r0;
        dj->dense = buf;
        if (parallel_for(n, threads, design_slice, dj)) {
            rc = STATUS_NOMEM;
            goto out;
        }
        for (size_t i = 0; i < n; i++) {
            const double *x = buf + i * PAIR_N_DENSE;
            d->dense_start[r0 + i] = nnz;
            for (size_t j = 0; j < PAIR_N_DENSE; j++) {
                if (x[j] == 0.0)
                    continue;
                if (GROW2(d->dense_col, d->dense_val, cap, nnz + 1)) {
                    rc = STATUS_NOMEM;
                    goto out;
                }
                d->dense_col[nnz] = (uint32_t)j;
                d->dense_val[nnz++] = x[j];
            }
        }
    }
    d->dense_start[n_rows] = nnz;
out:
    free(buf);
    return rc;
}

static void design_clear(struct design *d)
{
    for (size_t b = 0; d->blocks && b < d->n_blocks; b++)
        svec_clear(&d->blocks[b]);
    free(d->blocks);
    free(d->dense);
    free(d->dense_start);
    free(d->dense_col);
    free(d->dense_val);
    free(d->row_block);
    free(d->y);
    free(d->weight);
    free(d->bag_start);
    free(d->bag_pos);
    free(d->bag_weight);
    memset(d, 0, sizeof *d);
}

struct col_count {
    uint32_t col;               /* hashed input index */
    size_t count;               /* blocks it occurs in */
};

static int by_count(const void *pa, const void *pb)
{
    const struct col_count *a = pa, *b = pb;
    if (a->count != b->count)
        return a->count < b->count ? 1 : -1;
    return a->col < b->col ? -1 : a->col > b->col;
}


static int class_weights(const struct train_options *opt, const struct model *m,
                         const size_t *count, size_t n, const size_t *label_map,
                         const struct dataset *ds, double *w, struct err *e)
{
    size_t k = m->n_labels;

    for (size_t c = 0; c < k; c++) {
        double bal = count[c] ? (double)n / ((double)k * (double)count[c])
                              : 0.0;
        switch (opt->cw) {
        case CLASS_WEIGHT_NONE: w[c] = 1.0; break;
        case CLASS_WEIGHT_BALANCED: w[c] = bal; break;
        case CLASS_WEIGHT_SQRT: w[c] = sqrt(bal); break;
        case CLASS_WEIGHT_CUSTOM: w[c] = 1.0; break;
        }
    }
    if (opt->cw == CLASS_WEIGHT_CUSTOM)
        for (size_t l = 0; l < ds->labels.n; l++)
            if (label_map[l] != SIZE_MAX)
                w[label_map[l]] = opt->custom_weight[l];
    for (size_t c = 0; c < k; c++)
        if (!(w[c] > 0.0) || !isfinite(w[c]))
            if (count[c])
                return err_set(e, STATUS_USAGE, "class weight of '%s' must "
                               "be positive", m->labels[c]);
    return 0;
}

/* The bags of the rows: consecutive rows of one bag, one label each. */
static int design_bags(struct design *d, const struct dataset *ds,
                       const size_t *rows, size_t n_rows,
                       const struct train_options *opt,
                       const size_t *label_map, size_t flag, const double *cw,
                       struct err *e)
{
    size_t nb = 0;

    d->bag_start = malloc((n_rows + 1) * sizeof *d->bag_start);
    d->bag_pos = malloc(n_rows ? n_rows : 1);
    d->bag_weight = malloc((n_rows ? n_rows : 1) * sizeof *d->bag_weight);
    if (!d->bag_start || !d->bag_pos || !d->bag_weight)
        return err_set(e, STATUS_NOMEM, "out of memory");
    for (size_t r = 0; r < n_rows; r++) {
        size_t c = label_map[ds->pairs[rows[r]].label];
        if (r > 0 && opt->bag_of[rows[r]] == opt->bag_of[rows[r - 1]]) {
            if ((d->bag_pos[nb - 1] != 0) != (c == flag))
                return err_set(e, STATUS_USAGE, "pairs of one bag have "
                               "different labels");
            continue;
        }
        d->bag_start[nb] = r;
        d->bag_pos[nb] = c == flag;
        d->bag_weight[nb++] = cw[c];
    }
    d->bag_start[nb] = n_rows;
    d->n_bags = nb;
    d->pos_class = flag;
    d->pool = opt->pool;
    d->pool_r = opt->pool_r;
    return 0;
}

/* ---- sources: weights and domain-adaptation copies ---- */

/* Scale each row's weight so that every source's rows weigh as much in
 * all: n / (n_sources * rows of the source), as balanced class weights
 * are, times the class weight already there. */
static int balance_sources(struct design *d, const size_t *rows,
                           const struct train_options *opt)
{
    size_t *n_src = calloc(opt->n_sources, sizeof *n_src), used = 0;

    if (!n_src)
        return STATUS_NOMEM;
    for (size_t r = 0; r < d->n_rows; r++)
        n_src[opt->source_of[rows[r]]]++;
    for (size_t s = 0; s < opt->n_sources; s++)
        used += n_src[s] > 0;
    for (size_t r = 0; r < d->n_rows; r++)
        d->weight[r] *= (double)d->n_rows
                        / ((double)used
                           * (double)n_src[opt->source_of[rows[r]]]);
    free(n_src);
    return 0;
}

/* Frustratingly easy domain adaptation (Daume III 2007): each row's
 * inputs, [bias, dense, the blocks it names] in the general columns
 * [0, g), are copied into its source's columns [g (1 + s), g (2 + s));
 * with ADAPT_BIAS only the bias is, into column g + s.  Under adapt_own,
 * s counts the sources that have copies only, and the others' rows are
 * left as they are.  The copies go into the row's own block (one per row,
 * so nothing shared is touched), and the design grows past g; the general
 * columns are where they were. */
static int add_source_copies(struct design *d, const size_t *rows,
                             const size_t *pair_block,
                             const struct train_options *opt)
{
    size_t g = d->dim, n_own = 0, *slot;
    int all = opt->adapt == ADAPT_ALL;
    struct svec copy;
    int rc = 0;

    slot = malloc((opt->n_sources ? opt->n_sources : 1) * sizeof *slot);
    if (!slot)
        return STATUS_NOMEM;
    for (size_t s = 0; s < opt->n_sources; s++)
        slot[s] = !opt->adapt_own || opt->adapt_own[s] ? n_own++ : SIZE_MAX;
    svec_init(&copy);
    for (size_t r = 0; r < d->n_rows && !rc; r++) {
        size_t s = slot[opt->source_of[rows[r]]];
        const double *x = d->dense + r * d->n_dense;
        struct svec *own = &d->blocks[pair_block[r]];
        uint32_t off;

        if (s == SIZE_MAX)
            continue;
        off = (uint32_t)(all ? g * (1 + s) : g + s);
        copy.n = 0;
        rc = svec_push(&copy, off, 1.0);
        for (size_t j = 0; all && j < d->n_dense && !rc; j++)
            if (x[j] != 0.0)
                rc = svec_push(&copy, off + 1 + (uint32_t)j, x[j]);
        for (size_t b = 0; all && b < d->n_per_row && !rc; b++) {
            size_t blk = d->row_block[r * d->n_per_row + b];
            const struct svec *v;
            if (blk == SIZE_MAX)
                continue;
            v = &d->blocks[blk];
            for (size_t t = 0; t < v->n && !rc; t++)
                rc = svec_push(&copy, off + v->idx[t], v->val[t]);
        }
        for (size_t t = 0; t < copy.n && !rc; t++)
            rc = svec_push(own, copy.idx[t], copy.val[t]);
        if (rc)
            break;
        svec_sort_sum(own);
        d->row_block[r * d->n_per_row + 3] = pair_block[r];
    }
    svec_clear(&copy);
    free(slot);
    if (rc)
        return STATUS_NOMEM;
    d->dim = all ? g * (1 + n_own) : g + n_own;
    return 0;
}

int train_model(struct model *m, const struct dataset *ds,
                const unsigned char *sel, const size_t *label_map,
                const struct train_options *opt, struct fit_result *res,
                struct err *e)
{
    struct text_cache tc = { 0 };
    struct design d = { 0 };
    size_t *rows = NULL, *pair_block = NULL, *a_block = NULL,
           *b_block = NULL, *count = NULL, *top = NULL, **top_block = NULL,
           n_rows = 0, n_cols = 0, k;
    uint32_t *cols = NULL, *rank_of = NULL;
    double *cw = NULL;
    struct logreg *lr = NULL;
    size_t tc_n = 0, blocks_cap = 0;
    int rc;

    k = m->n_labels;
    if ((rc = text_cache_build(&tc, ds, sel, &m->spec, 0, opt->threads, e)))
        goto out;
    tc_n = tc.n;
    if ((rc = learn_idf(&m->spec, &tc, e)) != 0)
        goto out;
    {
        struct weigh_job wj = { &tc, &m->spec };
        if ((rc = parallel_for(tc.n, opt->threads, weigh_slice, &wj)) != 0) {
            rc = err_set(e, STATUS_NOMEM, "out of memory");
            goto out;
        }
    }
    rows = malloc((ds->n_pairs ? ds->n_pairs : 1) * sizeof *rows);
    count = calloc(k, sizeof *count);
    a_block = malloc((tc.n ? tc.n : 1) * sizeof *a_block);
    b_block = malloc((tc.n ? tc.n : 1) * sizeof *b_block);
    cw = calloc(k, sizeof *cw);
    if (!rows || !count || !a_block || !b_block || !cw)
        goto nomem;
    for (size_t i = 0; i < ds->n_pairs; i++)
        if (!sel || sel[i]) {
            /* with bags, each bag counts once */
            if (!opt->bag_of || n_rows == 0
                || opt->bag_of[rows[n_rows - 1]] != opt->bag_of[i])
                count[label_map[ds->pairs[i].label]]++;
            rows[n_rows++] = i;
        }
    if (n_rows == 0) {
        rc = err_set(e, STATUS_USAGE, "no training pairs");
        goto out;
    }
    if (opt->bag_of && k != 2) {
        rc = err_set(e, STATUS_USAGE, "learning from bags needs two labels, "
                     "not %zu", k);
        goto out;
    }
    {
        size_t n_count = 0;
        for (size_t c = 0; c < k; c++)
            n_count += count[c];
        if ((rc = class_weights(opt, m, count, n_count, label_map, ds, cw,
                                e)))
            goto out;
    }
    if (opt->bag_of && (rc = design_bags(&d, ds, rows, n_rows, opt,
                                         label_map, m->flag, cw, e)) != 0)
        goto out;

    /* blocks: one bag per distinct (text, side), then one per row */
    for (size_t t = 0; t < tc.n; t++)
        a_block[t] = b_block[t] = SIZE_MAX;
    for (size_t r = 0; r < n_rows; r++) {
        const struct pair_rec *p = &ds->pairs[rows[r]];
        if (a_block[p->a] == SIZE_MAX)
            a_block[p->a] = d.n_blocks++;
        if (b_block[p->b] == SIZE_MAX)
            b_block[p->b] = d.n_blocks++;
    }
    {
        size_t shared = d.n_blocks;
        d.n_blocks += n_rows;
        d.blocks = calloc(d.n_blocks, sizeof *d.blocks);
        blocks_cap = d.n_blocks;
        /* bags (a row per statement) keep their dense features
         * row-compressed; other designs are read as full rows too (the
         * export, the source copies) */
        if (!opt->bag_of) {
            d.dense = calloc(n_rows * PAIR_N_DENSE, sizeof *d.dense);
            bigmem_advise(d.dense, n_rows * PAIR_N_DENSE * sizeof *d.dense);
        }
        d.row_block = malloc(n_rows * N_PER_ROW * sizeof *d.row_block);
        d.y = malloc(n_rows * sizeof *d.y);
        d.weight = malloc(n_rows * sizeof *d.weight);
        pair_block = malloc(n_rows * sizeof *pair_block);
        top = malloc(n_rows * sizeof *top);
        if (!top || !d.blocks || (!opt->bag_of && !d.dense) || !d.row_block
            || !d.y || !d.weight || !pair_block)
            goto nomem;
        {
            struct bow_job bj = { &m->spec, &tc, a_block, b_block,
                                  d.blocks };
            if (parallel_for(tc.n, opt->threads, bow_slice, &bj))
                goto nomem;
        }
        for (size_t r = 0; r < n_rows; r++) {
            const struct pair_rec *p = &ds->pairs[rows[r]];
            size_t c = label_map[p->label];
            pair_block[r] = shared + r;
            d.row_block[r * N_PER_ROW] = a_block[p->a];
            d.row_block[r * N_PER_ROW + 1] = b_block[p->b];
            d.row_block[r * N_PER_ROW + 2] = SIZE_MAX;
            d.row_block[r * N_PER_ROW + 3] = shared + r;
            d.y[r] = (int)c;
            d.weight[r] = cw[c];
        }
    }
    {
        struct design_job dj = { ds, &m->spec, &tc, rows, &d, pair_block,
                                 top, 0, NULL };
        if ((rc = design_rows(&dj, n_rows, opt->threads))) {
            rc = err_set(e, STATUS_NOMEM, "out of memory");
            goto out;
        }
    }
    /* one block per distinct (body, sentence) that is some row's top */
    top_block = calloc(tc.n ? tc.n : 1, sizeof *top_block);
    if (!top_block)
        goto nomem;
    for (size_t r = 0; r < n_rows; r++) {
        size_t b = ds->pairs[rows[r]].b, *tb;
        if (top[r] == SIZE_MAX)
            continue;
        if (!top_block[b]) {
            top_block[b] = malloc(tc.info[b].n_sent * sizeof **top_block);
            if (!top_block[b])
                goto nomem;
            for (size_t i = 0; i < tc.info[b].n_sent; i++)
                top_block[b][i] = SIZE_MAX;
        }
        tb = &top_block[b][top[r]];
        if (*tb == SIZE_MAX) {
            /* doubling: blocks were added one realloc at a time */
            if (GROW(d.blocks, blocks_cap, d.n_blocks + 1))
                goto nomem;
            svec_init(&d.blocks[d.n_blocks]);
            if (features_top(&m->spec, &tc.info[b], top[r],
                             &d.blocks[d.n_blocks], NULL))
                goto nomem;
            svec_sort_sum(&d.blocks[d.n_blocks]);
            *tb = d.n_blocks++;
        }
        d.row_block[r * N_PER_ROW + 2] = *tb;
    }
    for (size_t r = 0; r < n_rows; r++)
        if (d.blocks[pair_block[r]].n == 0)
            d.row_block[r * N_PER_ROW + 3] = SIZE_MAX;
    text_cache_clear(&tc);      /* the design holds all that is needed */

    /* compact the hashed columns: keep those in at least min_df blocks
     * (a shared block, such as a body, counts once), most frequent first so
     * the hot rows of W share cache lines.  Counted and renumbered through
     * one array over the input space (2^hash_bits entries, 4 MB at the
     * default), linear in the nonzeros: sorting them all and a binary
     * search per nonzero was a second of FNC-1's training. */
    {
        size_t n_all = 0, dim_in = spec_dim(&m->spec);
        struct col_count *cc;
        rank_of = calloc(dim_in ? dim_in : 1, sizeof *rank_of);
        if (!rank_of)
            goto nomem;
        for (size_t b = 0; b < d.n_blocks; b++)
            for (size_t t = 0; t < d.blocks[b].n; t++)
                /* indices within a block are distinct (sorted, summed),
                 * and below the spec's dimension */
                if (d.blocks[b].idx[t] < dim_in)
                    rank_of[d.blocks[b].idx[t]]++;
        for (size_t j = 0; j < dim_in; j++)
            n_all += rank_of[j] != 0;
        cc = malloc((n_all ? n_all : 1) * sizeof *cc);
        cols = malloc((n_all ? n_all : 1) * sizeof *cols);
        if (!cc || !cols) {
            free(cc);
            goto nomem;
        }
        n_all = 0;
        for (size_t j = 0; j < dim_in; j++)
            if (rank_of[j] != 0)
                cc[n_all++] = (struct col_count){ (uint32_t)j, rank_of[j] };
        qsort(cc, n_all, sizeof *cc, by_count);
        /* rank_of now maps a kept input to 1 + its compact position, and
         * any other to 0; cols lists the kept inputs by rank */
        memset(rank_of, 0, dim_in * sizeof *rank_of);
        n_cols = 0;
        for (size_t c = 0; c < n_all && cc[c].count >= opt->min_df; c++) {
            cols[n_cols] = cc[c].col;
            rank_of[cc[c].col] = (uint32_t)++n_cols;
        }
        free(cc);
        for (size_t b = 0; b < d.n_blocks; b++) {
            struct svec *x = &d.blocks[b];
            size_t kept = 0;
            for (size_t t = 0; t < x->n; t++) {
                uint32_t r = x->idx[t] < dim_in ? rank_of[x->idx[t]] : 0;
                if (r == 0)
                    continue;   /* too rare */
                x->idx[kept] = (uint32_t)(PAIR_N_DENSE + r);
                x->val[kept++] = x->val[t];
            }
            x->n = kept;
            svec_sort_sum(x);
        }
        free(rank_of);
        rank_of = NULL;
    }
    d.n_rows = n_rows;
    d.n_classes = k;
    d.n_dense = PAIR_N_DENSE;
    d.dim = 1 + PAIR_N_DENSE + n_cols;
    d.n_per_row = N_PER_ROW;
    /* the export reads full rows: no bags (cmd_train refuses them) */
    if (opt->on_design && opt->bag_of) {
        rc = err_set(e, STATUS_USAGE, "cannot export the design of bags");
        goto out;
    }
    if (opt->on_design
        && ((rc = opt->on_design(opt->design_ctx, &d, cols, e)) != 0
            || opt->design_only))
        goto out;
    /* after the export: it names the general inputs only */
    if (opt->source_of && !opt->bag_of
        && ((opt->balance_sources && balance_sources(&d, rows, opt))
            || (opt->adapt != ADAPT_NONE
                && add_source_copies(&d, rows, pair_block, opt))))
        goto nomem;
    lr = logreg_alloc(d.dim, k);
    if (!lr)
        goto nomem;
    {
        struct fit_options fo = opt->fit;
        fo.threads = opt->threads;
        rc = logreg_fit(lr, &d, &fo, res, e);
    }
    if (rc)
        goto out;

    /* back to the model's input space: the bias and dense rows, then each
     * kept hashed column at its slot; the source copies (adapt) are
     * dropped */
    logreg_free(m->lr);
    m->lr = logreg_alloc_sparse(spec_dim(&m->spec), k,
                                1 + PAIR_N_DENSE + n_cols);
    if (!m->lr)
        goto nomem;
    memcpy(m->lr->w, lr->w, (1 + PAIR_N_DENSE + n_cols) * k * sizeof *lr->w);
    for (size_t j = 0; j < 1 + PAIR_N_DENSE; j++)
        (void)logreg_set_row(m->lr, j, j);
    for (size_t c = 0; c < n_cols; c++)
        (void)logreg_set_row(m->lr, cols[c], 1 + PAIR_N_DENSE + c);
    goto out;
nomem:
    rc = err_set(e, STATUS_NOMEM, "out of memory");
out:
    text_cache_clear(&tc);
    design_clear(&d);
    logreg_free(lr);
    free(rows);
    free(pair_block);
    free(a_block);
    free(b_block);
    free(count);
    free(cols);
    free(rank_of);
    free(cw);
    free(top);
    for (size_t t = 0; top_block && t < tc_n; t++)
        free(top_block[t]);
    free(top_block);
    return rc;
}

struct predict_job {
    const struct model *m;
    const struct dataset *ds;
    const unsigned char *sel;
    const struct text_cache *tc;
    size_t *pred;
    double *probs;
};

static int predict_slice(void *p, size_t begin, size_t end)
{
    struct predict_job *j = p;
    struct svec x;
    int rc = 0;

    svec_init(&x);
    for (size_t i = begin; i < end && !rc; i++) {
        const struct pair_rec *pr = &j->ds->pairs[i];
        if (j->sel && !j->sel[i])
            continue;
        j->pred[i] = model_predict_info(j->m, &j->tc->info[pr->a],
                                        &j->tc->info[pr->b], &x,
                                        j->probs + i * j->m->n_labels, NULL);
        if (j->pred[i] == SIZE_MAX)
            rc = STATUS_NOMEM;
    }
    svec_clear(&x);
    return rc;
}

int predict_dataset(const struct model *m, const struct dataset *ds,
                    const unsigned char *sel, size_t threads, size_t *pred,
                    double *probs, struct err *e)
{
    struct text_cache tc;
    struct predict_job pj = { m, ds, sel, &tc, pred, probs };
    int rc;

    if ((rc = text_cache_build(&tc, ds, sel, &m->spec, 1, threads, e)))
        return rc;
    rc = parallel_for(ds->n_pairs, threads, predict_slice, &pj);
    text_cache_clear(&tc);
    if (rc)
        return err_set(e, STATUS_NOMEM, "out of memory");
    return 0;
}

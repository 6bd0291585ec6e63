/* check.c - choose, score and keep the contradicting pairs of an article. */
#include "check/check.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

const char *pair_kind_name(enum pair_kind k)
{
    switch (k) {
    case PAIR_HEADLINE_SENTENCE: return "headline-sentence";
    case PAIR_HEADLINE_QUOTE: return "headline-quote";
    case PAIR_QUOTE_QUOTE: return "quote-quote";
    case PAIR_SENTENCE_SENTENCE: return "sentence-sentence";
    }
    return "?";
}

void check_options_default(struct check_options *o)
{
    o->threshold = -1.0;
    o->top = 0;
    o->all = 0;
    o->pairs = PAIR_KINDS_ALL;
    o->n_explain = 5;
    o->related_min = 0.3;
    o->max_sentence_pairs = 200;
}

void check_result_init(struct check_result *r)
{
    memset(r, 0, sizeof *r);
}

static void finding_clear(struct finding *f)
{
    for (size_t i = 0; i < f->n_why; i++)
        free(f->why[i].feature);
    free(f->why);
    free(f->probs);
}

void check_result_clear(struct check_result *r)
{
    for (size_t i = 0; i < r->n; i++)
        finding_clear(&r->f[i]);
    free(r->f);
    free(r->stance_probs);
    check_result_init(r);
}

void check_result_keep(struct check_result *r, const unsigned char *keep)
{
    size_t n = 0;

    for (size_t i = 0; i < r->n; i++) {
        if (keep[i])
            r->f[n++] = r->f[i];
        else
            finding_clear(&r->f[i]);
    }
    r->n = n;
}

struct ctx {
    const struct model *nli;
    const struct document *doc;
    const struct check_options *opt;
    struct check_result *r;
    struct text_info *info;     /* per statement, built on first use */
    unsigned char *built;
    struct svec x;
    double *p;
    struct err *e;
};

static int info_of(struct ctx *c, size_t i, struct text_info **out)
{
    if (!c->built[i]) {
        size_t len;
        const char *s = doc_clean_text(c->doc, i, &len);
        int rc = text_info_build(&c->nli->spec, s, len, &c->info[i]);
        if (rc)
            return err_set(c->e, (enum status)rc, "%s:%zu: %s", c->doc->name,
                           c->doc->st[i].pos.line, text_status_message(rc));
        c->built[i] = 1;
    }
    *out = &c->info[i];
    return 0;
}

/* The strongest reasons for the flag label: exact contributions. */
static int explain(struct ctx *c, struct finding *f, struct text_info *a,
                   struct text_info *b)
{
    struct explanation ex;
    size_t n = 0;
    int rc = model_explain(c->nli, a, b, c->nli->flag, &ex, c->e);

    if (rc)
        return rc;
    f->why = calloc(c->opt->n_explain ? c->opt->n_explain : 1,
                    sizeof *f->why);
    if (!f->why) {
        explanation_clear(&ex);
        return err_set(c->e, STATUS_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < ex.n && n < c->opt->n_explain; i++) {
        const char *name = ex.c[i].name ? ex.c[i].name : "?";
        if (ex.c[i].index == 0)
            continue;           /* the bias explains nothing about the pair */
        f->why[n].feature = malloc(strlen(name) + 1);
        if (!f->why[n].feature)
            break;
        strcpy(f->why[n].feature, name);
        f->why[n].value = ex.c[i].value;
        f->why[n].weight = ex.c[i].weight[c->nli->flag];
        n++;
    }
    f->n_why = n;
    explanation_clear(&ex);
    return 0;
}

static int score_pair(struct ctx *c, enum pair_kind kind, size_t ia,
                      size_t ib)
{
    struct text_info *a, *b;
    struct finding *f;
    size_t k = c->nli->n_labels, label;
    int rc;

    if (!(c->opt->pairs & (1u << kind)))
        return 0;
    if ((rc = info_of(c, ia, &a)) != 0 || (rc = info_of(c, ib, &b)) != 0)
        return rc;
    label = model_predict_info(c->nli, a, b, &c->x, c->p, c->e);
    if (label == SIZE_MAX)
        return c->e->code;
    c->r->n_scored++;
    if (!c->opt->all && c->p[c->nli->flag] < c->r->threshold)
        return 0;
    if (c->r->n == c->r->cap) {
        size_t cap = c->r->cap ? c->r->cap * 2 : 16;
        struct finding *g = realloc(c->r->f, cap * sizeof *g);
        if (!g)
            return err_set(c->e, STATUS_NOMEM, "out of memory");
        c->r->f = g;
        c->r->cap = cap;
    }
    f = &c->r->f[c->r->n++];
    memset(f, 0, sizeof *f);
    f->kind = kind;
    f->a = ia;
    f->b = ib;
    f->label = label;
    f->p_flag = c->p[c->nli->flag];
    f->probs = malloc(k * sizeof *f->probs);
    if (!f->probs)
        return err_set(c->e, STATUS_NOMEM, "out of memory");
    memcpy(f->probs, c->p, k * sizeof *f->probs);
    return 0;                   /* explained once the top ones are known */
}

static int by_p(const void *pa, const void *pb)
{
    const struct finding *a = pa, *b = pb;
    if (a->p_flag != b->p_flag)
        return a->p_flag < b->p_flag ? 1 : -1;
    if (a->a != b->a)
        return a->a < b->a ? -1 : 1;
    return a->b < b->b ? -1 : a->b > b->b;
}

/* Sentences considered for sentence-sentence pairs. */
#define SENT_POOL 300

struct cand {
    size_t a, b;
    double sim;
};

static int by_sim(const void *pa, const void *pb)
{
    const struct cand *a = pa, *b = pb;
    if (a->sim != b->sim)
        return a->sim < b->sim ? 1 : -1;
    return a->a != b->a ? (a->a < b->a ? -1 : 1) : (a->b < b->b ? -1 : 1);
}

static int speakers_differ(const struct statement *x,
                           const struct statement *y)
{
    return x->speaker && y->speaker && strcmp(x->speaker, y->speaker) != 0;
}

/* The headline against the whole body with the stance model. */
static int stance_verdict(const struct model *stance,
                          const struct document *doc, struct check_result *r,
                          struct err *e)
{
    struct model_scratch sc;
    size_t hl, label;
    const char *h = doc_clean_text(doc, doc->headline, &hl);

    r->stance_probs = malloc(stance->n_labels * sizeof *r->stance_probs);
    if (!r->stance_probs)
        return err_set(e, STATUS_NOMEM, "out of memory");
    model_scratch_init(&sc);
    label = model_predict(stance, &sc, h, hl, doc->clean + doc->body_start,
                          doc->body_end - doc->body_start, r->stance_probs,
                          e);
    model_scratch_clear(&sc);
    if (label == SIZE_MAX)
        return e->code;
    r->has_stance = 1;
    r->stance_label = label;
    return 0;
}

int check_document(const struct model *nli, const struct model *stance,
                   const struct document *doc,
                   const struct check_options *opt, struct check_result *r,
                   struct err *e)
{
    struct ctx c = { nli, doc, opt, r, NULL, NULL, { 0 }, NULL, e };
    struct cand *cands = NULL;
    size_t n_cands = 0, h = doc->headline;
    int rc = 0;

    check_result_init(r);
    r->threshold = opt->threshold >= 0.0 ? opt->threshold : nli->threshold;
    c.info = calloc(doc->n ? doc->n : 1, sizeof *c.info);
    c.built = calloc(doc->n ? doc->n : 1, 1);
    c.p = malloc(nli->n_labels * sizeof *c.p);
    svec_init(&c.x);
    if (!c.info || !c.built || !c.p) {
        rc = err_set(e, STATUS_NOMEM, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < doc->n; i++)
        text_info_init(&c.info[i]);
    if (stance && (rc = stance_verdict(stance, doc, r, e)) != 0)
        goto out;
    for (size_t i = 0; i < doc->n && h != SIZE_MAX; i++) {
        enum stmt_kind k = doc->st[i].kind;
        if (i == h)
            continue;
        rc = score_pair(&c, k == STMT_SENTENCE ? PAIR_HEADLINE_SENTENCE
                                               : PAIR_HEADLINE_QUOTE, h, i);
        if (rc)
            goto out;
    }
    /* quotes against quotes of other speakers */
    for (size_t i = 0; i < doc->n; i++) {
        if (doc->st[i].kind != STMT_QUOTE && doc->st[i].kind != STMT_REPORTED)
            continue;
        for (size_t j = i + 1; j < doc->n; j++) {
            if ((doc->st[j].kind != STMT_QUOTE
                 && doc->st[j].kind != STMT_REPORTED)
                || !speakers_differ(&doc->st[i], &doc->st[j]))
                continue;
            if ((rc = score_pair(&c, PAIR_QUOTE_QUOTE, i, j)) != 0)
                goto out;
        }
    }
    /* related body sentences, the most similar first, capped; only the
     * first SENT_POOL sentences are candidates, so long articles stay fast */
    if (opt->pairs & (1u << PAIR_SENTENCE_SENTENCE)) {
        size_t sidx[SENT_POOL], n_s = 0;
        for (size_t i = 0; i < doc->n && n_s < SENT_POOL; i++)
            if (doc->st[i].kind == STMT_SENTENCE)
                sidx[n_s++] = i;
        cands = malloc((n_s * n_s / 2 + 1) * sizeof *cands);
        if (!cands) {
            rc = err_set(e, STATUS_NOMEM, "out of memory");
            goto out;
        }
        for (size_t x = 0; x < n_s; x++)
            for (size_t y = x + 1; y < n_s; y++) {
                struct text_info *a, *b;
                double sim;
                if ((rc = info_of(&c, sidx[x], &a)) != 0
                    || (rc = info_of(&c, sidx[y], &b)) != 0)
                    goto out;
                sim = svec_dot(&a->tfidf, &b->tfidf);
                if (sim >= opt->related_min && sim < 0.999)
                    cands[n_cands++] = (struct cand){ sidx[x], sidx[y], sim };
            }
        qsort(cands, n_cands, sizeof *cands, by_sim);
        for (size_t k = 0; k < n_cands && k < opt->max_sentence_pairs; k++)
            if ((rc = score_pair(&c, PAIR_SENTENCE_SENTENCE, cands[k].a,
                                 cands[k].b)) != 0)
                goto out;
    }
    if (r->n > 1)
        qsort(r->f, r->n, sizeof *r->f, by_p);
    if (opt->top && r->n > opt->top) {
        for (size_t i = opt->top; i < r->n; i++)
            finding_clear(&r->f[i]);
        r->n = opt->top;
    }
    /* explaining featurises the pair again, with names: only for the
     * findings reported */
    for (size_t i = 0; i < r->n; i++) {
        struct text_info *a, *b;
        if ((rc = info_of(&c, r->f[i].a, &a)) != 0
            || (rc = info_of(&c, r->f[i].b, &b)) != 0
            || (rc = explain(&c, &r->f[i], a, b)) != 0)
            goto out;
    }
out:
    for (size_t i = 0; c.info && i < doc->n; i++)
        text_info_clear(&c.info[i]);
    free(c.info);
    free(c.built);
    free(c.p);
    free(cands);
    svec_clear(&c.x);
    return rc;
}

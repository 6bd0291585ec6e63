/* check.c - choose, score and keep the contradicting pairs of an article. */
#include "check/check.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "base/hash.h"
#include "base/strmap.h"
#include "check/baseline.h"
#include "files/changes.h"

static const struct {
    const char *name, *description;
} pair_kinds[] = {
#define PAIR_KIND_ENTRY(c, name, description) { name, description },
    PAIR_KIND_LIST(PAIR_KIND_ENTRY)
#undef PAIR_KIND_ENTRY
};

const char *pair_kind_name(enum pair_kind k)
{
    return (unsigned)k < N_PAIR_KINDS ? pair_kinds[k].name : "?";
}

const char *pair_kind_description(enum pair_kind k)
{
    return (unsigned)k < N_PAIR_KINDS ? pair_kinds[k].description : "?";
}

int pair_kind_lookup(const char *s, size_t len, enum pair_kind *out)
{
    for (unsigned k = 0; k < N_PAIR_KINDS; k++)
        if (strlen(pair_kinds[k].name) == len
            && memcmp(pair_kinds[k].name, s, len) == 0) {
            *out = (enum pair_kind)k;
            return 0;
        }
    return -1;
}

static const char *const severity_names[] = {
#define SEVERITY_ENTRY(c, name) name,
    SEVERITY_LIST(SEVERITY_ENTRY)
#undef SEVERITY_ENTRY
};

const char *severity_name(enum severity s)
{
    return (unsigned)s < N_SEVERITIES ? severity_names[s] : "?";
}

/* A finding is a warning at or above its threshold, an error at or above
 * error_at too, and a note below (reported with --all only). */
static enum severity grade(const struct finding *f, double error_at)
{
    if (f->p_flag < f->threshold)
        return SEVERITY_NOTE;
    return f->p_flag >= error_at ? SEVERITY_ERROR : SEVERITY_WARNING;
}

void check_options_default(struct check_options *o)
{
    o->threshold = -1.0;
    o->headline_threshold = -1.0;
    o->top = 0;
    o->all = 0;
    o->pairs = PAIR_KINDS_ALL;
    o->n_explain = 5;
    o->related_min = 0.3;
    o->max_sentence_pairs = 200;
    o->error_at = 0.8;
    o->fail_level = SEVERITY_WARNING;
    o->changed = NULL;
    o->baseline = NULL;
    o->baseline_file = NULL;
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
    for (size_t i = 0; i < r->n_excused; i++)
        finding_clear(&r->excused[i]);
    free(r->f);
    free(r->excused);
    free(r->stance_probs);
    check_result_init(r);
}

void finding_fingerprint(const struct document *doc, const struct finding *f,
                         char out[17])
{
    uint32_t h1 = FNV_OFFSET, h2 = FNV_OFFSET ^ 0x5bd1e995u;
    size_t idx[2] = { f->a, f->b };
    unsigned char k = (unsigned char)f->kind;

    h1 = fnv1a_more(h1, &k, 1);
    h2 = fnv1a_more(h2, &k, 1);
    for (int s = 0; s < 2; s++) {
        size_t len;
        const char *t = doc_text(doc, idx[s], &len);
        int space = 0;
        for (size_t i = 0; i < len; i++) {
            unsigned char c = (unsigned char)t[i];
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                space = 1;
                continue;
            }
            if (space) {
                unsigned char sp = ' ';
                h1 = fnv1a_more(h1, &sp, 1);
                h2 = fnv1a_more(h2, &sp, 1);
                space = 0;
            }
            h1 = fnv1a_more(h1, &c, 1);
            h2 = fnv1a_more(h2, &c, 1);
        }
        h1 = fnv1a_more(h1, "|", 1);
        h2 = fnv1a_more(h2, "||", 2);
    }
    snprintf(out, 17, "%08x%08x", (unsigned)h1, (unsigned)h2);
}

/* One model and the analyses of the statements under its spec (each model
 * has its own IDF). */
struct scorer {
    const struct model *m;
    double threshold;
    struct text_info *info;     /* per statement, built on first use */
    unsigned char *built;
    /* per statement, its bag block's pull on the scores as side a
     * (share[2 i k ..]) and as side b (share[(2 i + 1) k ..]), made on
     * first use: the headline's once, not once for every body statement
     * it is scored against */
    double *share;
    unsigned char *have_share;  /* 1 << side */
    double *p;
};

struct ctx {
    const struct document *doc;
    const struct check_options *opt;
    struct check_result *r;
    struct scorer nli, head;    /* head.m may be nli's model */
    struct svec x;
    struct svec bag;            /* a bag block on its way to a share */
    int same_analysis;          /* nli's and head's specs analyse alike */
    struct err *e;
};

static int scorer_init(struct scorer *s, const struct model *m,
                       double threshold, size_t n)
{
    s->m = m;
    s->threshold = threshold;
    s->info = calloc(n ? n : 1, sizeof *s->info);
    s->built = calloc(n ? n : 1, 1);
    s->share = malloc((2 * n + 1) * m->n_labels * sizeof *s->share);
    s->have_share = calloc(n ? n : 1, 1);
    s->p = malloc(m->n_labels * sizeof *s->p);
    if (!s->info || !s->built || !s->share || !s->have_share || !s->p)
        return STATUS_NOMEM;
    for (size_t i = 0; i < n; i++)
        text_info_init(&s->info[i]);
    return 0;
}

static void scorer_clear(struct scorer *s, size_t n)
{
    for (size_t i = 0; s->info && i < n; i++)
        text_info_clear(&s->info[i]);
    free(s->info);
    free(s->built);
    free(s->share);
    free(s->have_share);
    free(s->p);
}

static int info_of(struct ctx *c, struct scorer *sc, size_t i,
                   struct text_info **out)
{
    if (!sc->built[i]) {
        size_t len;
        const char *s = doc_clean_text(c->doc, i, &len);
        /* the other model's analysis when it tokenises alike: only the
         * weights (its own IDF) are made again */
        struct scorer *o = sc == &c->nli ? &c->head : &c->nli;
        int rc = o->info && o->info != sc->info && o->built[i]
                 && c->same_analysis
                 ? text_info_copy_analysis(&sc->info[i], &o->info[i])
                 : text_analyze(&sc->m->spec, s, len, &sc->info[i]);
        if (!rc)
            rc = text_weigh(&sc->m->spec, &sc->info[i]);
        if (rc) {
            text_info_clear(&sc->info[i]);
            return err_set(c->e, (enum status)rc, "%s:%zu: %s", c->doc->name,
                           c->doc->st[i].pos.line, text_status_message(rc));
        }
        sc->built[i] = 1;
    }
    *out = &sc->info[i];
    return 0;
}

/* Statement i's analysis and its bag share as the given side. */
static int share_of(struct ctx *c, struct scorer *sc, size_t i,
                    enum pair_side side, struct text_info **ti,
                    const double **out)
{
    size_t k = sc->m->n_labels;
    unsigned bit = 1u << (side == SIDE_A ? 0 : 1);
    double *v = sc->share + (2 * i + (side == SIDE_A ? 0 : 1)) * k;
    int rc = info_of(c, sc, i, ti);

    if (rc)
        return rc;
    if (!(sc->have_share[i] & bit)) {
        if (features_bow_block(&sc->m->spec, *ti, side, &c->bag))
            return err_set(c->e, STATUS_NOMEM, "out of memory");
        model_bag_share(sc->m, &c->bag, v);
        sc->have_share[i] |= (unsigned char)bit;
    }
    *out = v;
    return 0;
}

/* The probabilities of the pair (ia, ib) under sc's model into p: the
 * predicted label, or SIZE_MAX with c->e set. */
static size_t predict_pair(struct ctx *c, struct scorer *sc, size_t ia,
                           size_t ib, double *p)
{
    struct text_info *a, *b;
    const double *va, *vb;

    if (share_of(c, sc, ia, SIDE_A, &a, &va) != 0
        || share_of(c, sc, ib, SIDE_B, &b, &vb) != 0)
        return SIZE_MAX;
    return model_predict_shares(sc->m, a, b, va, vb, &c->x, p, c->e);
}

static struct scorer *scorer_of(struct ctx *c, enum pair_kind kind)
{
    return kind == PAIR_HEADLINE_SENTENCE || kind == PAIR_HEADLINE_QUOTE
        ? &c->head : &c->nli;
}

/* The strongest reasons for the flag label: exact contributions. */
static int explain(struct ctx *c, struct finding *f, struct text_info *a,
                   struct text_info *b)
{
    struct explanation ex;
    size_t n = 0;
    const struct model *m = f->model;
    int rc = model_explain(m, a, b, m->flag, &ex, c->e);

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
        f->why[n].weight = ex.c[i].weight[m->flag];
        n++;
    }
    f->n_why = n;
    explanation_clear(&ex);
    return 0;
}

/* Room for one more finding. */
static struct finding *finding_new(struct ctx *c)
{
    struct finding *f;

    if (GROW(c->r->f, c->r->cap, c->r->n + 1))
        return NULL;
    f = &c->r->f[c->r->n++];
    memset(f, 0, sizeof *f);
    return f;
}

static int score_pair(struct ctx *c, enum pair_kind kind, size_t ia,
                      size_t ib)
{
    struct finding *f;
    struct scorer *sc = scorer_of(c, kind);
    size_t k = sc->m->n_labels, label;

    if (!(c->opt->pairs & PAIR_KIND_BIT(kind)))
        return 0;
    label = predict_pair(c, sc, ia, ib, sc->p);
    if (label == SIZE_MAX)
        return c->e->code;
    c->r->n_scored++;
    if (!c->opt->all && sc->p[sc->m->flag] < sc->threshold)
        return 0;
    if (!(f = finding_new(c)))
        return err_set(c->e, STATUS_NOMEM, "out of memory");
    f->kind = kind;
    f->a = ia;
    f->b = ib;
    f->model = sc->m;
    f->threshold = sc->threshold;
    f->label = label;
    f->p_flag = sc->p[sc->m->flag];
    f->pair_p = f->p_flag;
    f->probs = malloc(k * sizeof *f->probs);
    if (!f->probs)
        return err_set(c->e, STATUS_NOMEM, "out of memory");
    memcpy(f->probs, sc->p, k * sizeof *f->probs);
    return 0;                   /* explained once the top ones are known */
}

/* Does finding f have a statement on a changed line of c? */
static int on_changed_line(const struct document *doc,
                           const struct finding *f,
                           const struct changed_file *c)
{
    const struct doc_pos *a = &doc->st[f->a].pos, *b = &doc->st[f->b].pos;

    return changes_touch(c, a->line, a->end_line)
           || changes_touch(c, b->line, b->end_line);
}

/* Does the baseline excuse f, given the findings it already excused?
 * Each entry excuses one finding: the same pair twice needs two. */
/* The fingerprints excused so far in a file, each with its count: a
 * baseline entry excuses one finding, so the same pair twice needs two. */
struct excused_set {
    struct strmap fp;
    size_t *used;               /* used[id]: findings of fp id excused */
    size_t cap;
};

/* Whether the baseline excuses f, counting it if so; 0 or STATUS_NOMEM.
 * One lookup per finding: scanning the findings excused before was time
 * growing with the square of the findings (80,000 in an article of as
 * many sentences, each in the baseline). */
static int excused(const struct check_options *opt, struct excused_set *x,
                   const struct finding *f, int *yes)
{
    size_t n = baseline_count(opt->baseline, opt->baseline_file,
                              f->fingerprint), had = x->fp.n, id;

    *yes = 0;
    if (n == 0)
        return 0;
    if (GROW(x->used, x->cap, had + 1)
        || strmap_intern(&x->fp, f->fingerprint, strlen(f->fingerprint), &id))
        return STATUS_NOMEM;
    if (id == had)
        x->used[id] = 0;        /* a fingerprint not met before */
    if (x->used[id] < n) {
        x->used[id]++;
        *yes = 1;
    }
    return 0;
}

/* Fingerprint the findings, then filter them: the changed lines, then
 * the baseline.  Before top, so that top counts what is reported. */
static int filter(const struct document *doc, const struct check_options *opt,
                  struct check_result *r, struct err *e)
{
    struct excused_set x = { 0 };
    size_t n = 0;
    int rc = 0;

    strmap_init(&x.fp);
    if (opt->baseline && r->n > 0
        && !(r->excused = malloc(r->n * sizeof *r->excused))) {
        rc = err_set(e, STATUS_NOMEM, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < r->n; i++) {
        struct finding *f = &r->f[i];
        int yes = 0;
        finding_fingerprint(doc, f, f->fingerprint);
        f->severity = grade(f, opt->error_at);
        if (opt->changed && !on_changed_line(doc, f, opt->changed)) {
            finding_clear(f);
            continue;
        }
        if (opt->baseline && excused(opt, &x, f, &yes)) {
            /* the findings not yet placed are cleared with r */
            for (size_t k = i; k < r->n; k++)
                r->f[n + k - i] = r->f[k];
            r->n = n + r->n - i;
            rc = err_set(e, STATUS_NOMEM, "out of memory");
            goto out;
        }
        if (yes)
            r->excused[r->n_excused++] = *f;
        else
            r->f[n++] = *f;
    }
    r->n = n;
out:
    strmap_clear(&x.fp);
    free(x.used);
    return rc;
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

/* Quoted and reported statements considered for quote-quote pairs: at
 * most 2,016 pairs, each scored (news articles hold a few dozen). */
#define QUOTE_POOL 64

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
    /* The verdict is the flag label when its probability reaches the
     * model's calibrated threshold (the best F1 of the flag against the
     * rest in its cross-validation), else the most probable other label:
     * the argmax alone says disagree too rarely (models/stance.md). */
    if (label != SIZE_MAX) {
        if (r->stance_probs[stance->flag] >= stance->threshold)
            label = stance->flag;
        else if (label == stance->flag) {
            label = stance->flag == 0 ? 1 : 0;
            for (size_t k = 0; k < stance->n_labels; k++)
                if (k != stance->flag
                    && r->stance_probs[k] > r->stance_probs[label])
                    label = k;
        }
    }
    model_scratch_clear(&sc);
    if (label == SIZE_MAX)
        return e->code;
    r->has_stance = 1;
    r->stance_label = label;
    return 0;
}

/* The headline against each body statement with the headline model
 * (probabilities p_i), read with the verdict V = p(flag) of the stance
 * model, the article's probability of disputing its headline.  Statement i
 * carries the share of V that its probability has against the body's most
 * disputing statement,
 *   q_i = V p_i / max_j p_j  (<= V; the most disputing statement carries V),
 * so the verdict and the findings tell one story: the article's highest
 * finding is its verdict's p(flag), and the statements behind a verdict of
 * disagree are the findings.  On the grouped evaluation V alone ranks
 * disputing articles better than any mix with the statements' own
 * probabilities (noisy-OR shares V p_i / P, V p_max, V^a p_max^(1-a):
 * models/headline.md), so the statement model chooses which statements
 * to name, and V how sure the article is.  A finding is a statement with
 * q_i at or above the threshold.  The noisy-OR pool P = 1 - prod (1 - p_i)
 * the model was trained with is reported beside. */
static int headline_pooled(struct ctx *c, const struct model *stance)
{
    const struct document *doc = c->doc;
    struct check_result *r = c->r;
    struct scorer *sc = &c->head;
    const struct model *m = sc->m;
    size_t h = doc->headline, n = 0, k = m->n_labels;
    size_t *idx = malloc((doc->n ? doc->n : 1) * sizeof *idx);
    double *p = malloc((doc->n ? doc->n : 1) * sizeof *p), log_none = 0.0;
    double *probs = malloc((doc->n ? doc->n : 1) * k * sizeof *probs);
    size_t *label = malloc((doc->n ? doc->n : 1) * sizeof *label);
    double v = r->stance_probs[stance->flag];
    size_t neutral = model_label_index(stance, "discuss");
    int against = r->stance_label != stance->flag
                  && r->stance_label != neutral;
    int rc = 0;

    if (!idx || !p || !probs || !label) {
        rc = err_set(c->e, STATUS_NOMEM, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < doc->n; i++) {
        enum pair_kind kind = doc->st[i].kind == STMT_SENTENCE
                              ? PAIR_HEADLINE_SENTENCE : PAIR_HEADLINE_QUOTE;
        if (i == h || !(c->opt->pairs & PAIR_KIND_BIT(kind)))
            continue;
        label[n] = predict_pair(c, sc, h, i, probs + n * k);
        if (label[n] == SIZE_MAX) {
            rc = c->e->code;
            goto out;
        }
        p[n] = probs[n * k + m->flag];
        log_none += log1p(-(p[n] < 1.0 ? p[n] : 1.0 - 1e-16));
        idx[n++] = i;
    }
    r->n_scored += n;
    r->pooled_p = -expm1(log_none);
    for (size_t j = 0; j < n; j++)
        if (p[j] > r->best_p)
            r->best_p = p[j];
    for (size_t j = 0; j < n; j++) {
        double q = r->best_p > 0.0 ? v * p[j] / r->best_p : 0.0;
        struct finding *f;
        if (q > v)
            q = v;              /* rounding */
        /* the verdict's statements: the CHECK_BEHIND largest q */
        if (r->stance_label == stance->flag
            && (r->n_behind < CHECK_BEHIND
                || q > r->behind_p[CHECK_BEHIND - 1])) {
            size_t at = r->n_behind < CHECK_BEHIND ? r->n_behind++
                                                   : CHECK_BEHIND - 1;
            while (at > 0 && r->behind_p[at - 1] < q) {
                r->behind[at] = r->behind[at - 1];
                r->behind_p[at] = r->behind_p[at - 1];
                at--;
            }
            r->behind[at] = idx[j];
            r->behind_p[at] = q;
        }
        if (!c->opt->all && q < sc->threshold)
            continue;
        if (!(f = finding_new(c))) {
            rc = err_set(c->e, STATUS_NOMEM, "out of memory");
            goto out;
        }
        f->kind = doc->st[idx[j]].kind == STMT_SENTENCE
                  ? PAIR_HEADLINE_SENTENCE : PAIR_HEADLINE_QUOTE;
        f->a = h;
        f->b = idx[j];
        f->model = m;
        f->threshold = sc->threshold;
        f->label = label[j];
        f->p_flag = q;
        f->pooled = 1;
        f->pair_p = p[j];
        f->against_verdict = against && q >= sc->threshold;
        f->probs = malloc(k * sizeof *f->probs);
        if (!f->probs) {
            rc = err_set(c->e, STATUS_NOMEM, "out of memory");
            goto out;
        }
        memcpy(f->probs, probs + j * k, k * sizeof *f->probs);
    }
out:
    free(idx);
    free(p);
    free(probs);
    free(label);
    return rc;
}

int check_document(const struct check_models *models,
                   const struct document *doc,
                   const struct check_options *opt, struct check_result *r,
                   struct err *e)
{
    const struct model *nli = models->nli, *hm = models->headline;
    struct ctx c;
    struct cand *cands = NULL;
    size_t n_cands = 0, h = doc->headline;
    int rc = 0;

    memset(&c, 0, sizeof c);
    c.doc = doc;
    c.opt = opt;
    c.r = r;
    c.e = e;
    svec_init(&c.x);
    svec_init(&c.bag);
    check_result_init(r);
    r->threshold = opt->threshold >= 0.0 ? opt->threshold : nli->threshold;
    r->has_headline_model = hm != NULL;
    r->headline_threshold = !hm ? r->threshold
                            : opt->headline_threshold >= 0.0
                            ? opt->headline_threshold : hm->threshold;
    /* pooled with the verdict, a headline finding's probability is a share
     * of the verdict's p(flag): by default none is flagged below the
     * verdict's own threshold, so a finding comes with a verdict of
     * disagree (above it the evaluation gained no precision) */
    if (hm && models->stance && opt->headline_threshold < 0.0
        && models->stance->threshold > r->headline_threshold)
        r->headline_threshold = models->stance->threshold;
    /* without a headline model, the headline pairs share the sentence
     * model's analyses */
    if (scorer_init(&c.nli, nli, r->threshold, doc->n)
        || (hm && scorer_init(&c.head, hm, r->headline_threshold, doc->n))) {
        rc = err_set(e, STATUS_NOMEM, "out of memory");
        goto out;
    }
    if (!hm)
        c.head = c.nli;
    else
        c.same_analysis = spec_same_analysis(&nli->spec, &hm->spec);
    /* a page of furniture only has no body to judge */
    if (models->stance && !doc->nothing && h != SIZE_MAX
        && (rc = stance_verdict(models->stance, doc, r, e)) != 0)
        goto out;
    if (h != SIZE_MAX && hm && r->has_stance) {
        if ((rc = headline_pooled(&c, models->stance)) != 0)
            goto out;
    } else {
        for (size_t i = 0; i < doc->n && h != SIZE_MAX; i++) {
            enum stmt_kind k = doc->st[i].kind;
            if (i == h)
                continue;
            rc = score_pair(&c, k == STMT_SENTENCE ? PAIR_HEADLINE_SENTENCE
                                                   : PAIR_HEADLINE_QUOTE, h,
                            i);
            if (rc)
                goto out;
        }
    }
    /* quotes against quotes of other speakers: among the first QUOTE_POOL
     * of them, so that the pairs stay bounded (every pair of an article's
     * 1,000 quotes was 500,000 pairs, time growing with the square of the
     * article) */
    {
        size_t qidx[QUOTE_POOL], n_q = 0;
        for (size_t i = 0; i < doc->n && n_q < QUOTE_POOL; i++)
            if (doc->st[i].kind == STMT_QUOTE
                || doc->st[i].kind == STMT_REPORTED)
                qidx[n_q++] = i;
        for (size_t x = 0; x < n_q; x++)
            for (size_t y = x + 1; y < n_q; y++) {
                if (!speakers_differ(&doc->st[qidx[x]], &doc->st[qidx[y]]))
                    continue;
                if ((rc = score_pair(&c, PAIR_QUOTE_QUOTE, qidx[x],
                                     qidx[y])) != 0)
                    goto out;
            }
    }
    /* related body sentences, the most similar first, capped; only the
     * first SENT_POOL sentences are candidates, so long articles stay fast */
    if (opt->pairs & PAIR_KIND_BIT(PAIR_SENTENCE_SENTENCE)) {
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
                if ((rc = info_of(&c, &c.nli, sidx[x], &a)) != 0
                    || (rc = info_of(&c, &c.nli, sidx[y], &b)) != 0)
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
    if ((rc = filter(doc, opt, r, e)) != 0)
        goto out;
    if (opt->top && r->n > opt->top) {
        for (size_t i = opt->top; i < r->n; i++)
            finding_clear(&r->f[i]);
        r->n = opt->top;
    }
    for (size_t i = 0; i < r->n; i++)
        r->n_failing += (int)r->f[i].severity >= opt->fail_level;
    /* explaining featurises the pair again, with names: only for the
     * findings reported */
    for (size_t i = 0; i < r->n; i++) {
        struct text_info *a, *b;
        struct scorer *sc = scorer_of(&c, r->f[i].kind);
        if ((rc = info_of(&c, sc, r->f[i].a, &a)) != 0
            || (rc = info_of(&c, sc, r->f[i].b, &b)) != 0
            || (rc = explain(&c, &r->f[i], a, b)) != 0)
            goto out;
    }
out:
    if (c.head.info != c.nli.info)
        scorer_clear(&c.head, doc->n);
    scorer_clear(&c.nli, doc->n);
    free(cands);
    svec_clear(&c.x);
    svec_clear(&c.bag);
    return rc;
}

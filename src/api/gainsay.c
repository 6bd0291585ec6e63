/* gainsay.c - the public API (include/gainsay.h): a thin layer over the
 * library's modules, converting their results into the caller's structs.
 * The only symbols libgainsay.so exports. */
#pragma GCC visibility push(default)
#include "gainsay.h"
#pragma GCC visibility pop

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/err.h"
#include "base/version.h"
#include "check/check.h"
#include "doc/document.h"
#include "doc/furniture.h"
#include "doc/read.h"
#include "features/pair.h"
#include "model/model.h"
#include "model/model_json.h"
#include "text/utf8.h"

struct gainsay {
    struct model *nli, *headline, *stance;
    struct furniture *furniture;
};

static int fail(struct gainsay_error *out, const struct err *e)
{
    if (out) {
        out->status = e->code ? (int)e->code : GAINSAY_NOMEM;
        snprintf(out->message, sizeof out->message, "%s",
                 e->msg[0] ? e->msg : "out of memory");
    }
    return e->code ? (int)e->code : GAINSAY_NOMEM;
}

static int fail_msg(struct gainsay_error *out, int status, const char *msg)
{
    if (out) {
        out->status = status;
        snprintf(out->message, sizeof out->message, "%s", msg);
    }
    return status;
}

const char *gainsay_version(void)
{
    return "gainsay " GAINSAY_VERSION;
}

/* dir/name when it is readable (or required), else NULL in *out. */
static int path_in(const char *dir, const char *name, int required,
                   char **out)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);

    *out = NULL;
    if (!p)
        return -1;
    snprintf(p, n, "%s/%s", dir, name);
    if (!required && access(p, R_OK) != 0) {
        free(p);
        return 0;
    }
    *out = p;
    return 0;
}

int gainsay_load(struct gainsay **out, const char *models_dir,
                 struct gainsay_error *err)
{
    static const char *const names[] = { "nli.json", "headline.json",
                                         "stance.json", "furniture.json" };
    const char *dir = models_dir ? models_dir : GAINSAY_DATADIR "/models";
    char *path[4] = { NULL, NULL, NULL, NULL };
    struct gainsay *g;
    struct err e = { 0 };
    int rc = 0;

    if (!out)
        return fail_msg(err, GAINSAY_USAGE, "gainsay_load: out is NULL");
    if (!(g = calloc(1, sizeof *g)))
        return fail_msg(err, GAINSAY_NOMEM, "out of memory");
    for (size_t i = 0; i < 4 && !rc; i++)
        if (path_in(dir, names[i], i == 0, &path[i]))
            rc = err_set(&e, STATUS_NOMEM, "out of memory");
    if (!rc)
        rc = model_load(path[0], &g->nli, &e);
    if (!rc && path[1])
        rc = model_load(path[1], &g->headline, &e);
    if (!rc && path[2])
        rc = model_load(path[2], &g->stance, &e);
    if (!rc && path[3])
        rc = furniture_load(path[3], &g->furniture, &e);
    for (size_t i = 0; i < 4; i++)
        free(path[i]);
    if (rc) {
        gainsay_free(g);
        return fail(err, &e);
    }
    *out = g;
    return GAINSAY_OK;
}

void gainsay_free(struct gainsay *g)
{
    if (!g)
        return;
    model_free(g->nli);
    model_free(g->headline);
    model_free(g->stance);
    furniture_free(g->furniture);
    free(g);
}

size_t gainsay_n_labels(const struct gainsay *g)
{
    return g->nli->n_labels;
}

const char *gainsay_label(const struct gainsay *g, size_t i)
{
    return i < g->nli->n_labels ? g->nli->labels[i] : NULL;
}

size_t gainsay_flag_label(const struct gainsay *g)
{
    return g->nli->flag;
}

double gainsay_threshold(const struct gainsay *g)
{
    return g->nli->threshold;
}

static void statement_clear(struct gainsay_statement *s)
{
    free(s->text);
    free(s->speaker);
}

static int statement_copy(struct gainsay_statement *out,
                          const struct document *d, size_t i)
{
    const struct statement *s = &d->st[i];
    size_t len;
    const char *t = doc_text(d, i, &len);

    memset(out, 0, sizeof *out);
    out->kind = stmt_kind_name(s->kind);
    if (!(out->text = strndup(t, len)))
        return -1;
    if (s->speaker && !(out->speaker = strdup(s->speaker)))
        return -1;
    if (!(s->kind == STMT_HEADLINE && d->headline_text)) {
        out->span.start = s->pos.start;
        out->span.end = s->pos.end;
        out->span.line = s->pos.line;
        out->span.column = s->pos.col;
        out->span.end_line = s->pos.end_line;
        out->span.end_column = s->pos.end_col;
    }
    return 0;
}

void gainsay_reasons_free(struct gainsay_reason *r, size_t n)
{
    for (size_t i = 0; r && i < n; i++)
        free(r[i].feature);
    free(r);
}

void gainsay_result_free(struct gainsay_result *r)
{
    if (!r)
        return;
    statement_clear(&r->headline);
    for (size_t i = 0; i < r->n_findings; i++) {
        statement_clear(&r->findings[i].a);
        statement_clear(&r->findings[i].b);
        gainsay_reasons_free(r->findings[i].reasons,
                             r->findings[i].n_reasons);
    }
    free(r->findings);
    free(r);
}

/* The check's result in the caller's structs: every string copied. */
static struct gainsay_result *result_copy(const struct gainsay *g,
                                          const struct document *d,
                                          const struct check_result *cr)
{
    struct gainsay_result *r = calloc(1, sizeof *r);
    const struct model *pairs;

    if (!r)
        return NULL;
    r->threshold = cr->threshold;
    r->n_scored = cr->n_scored;
    if (d->headline != SIZE_MAX && statement_copy(&r->headline, d,
                                                  d->headline))
        goto fail;
    if (cr->has_stance) {
        r->verdict = g->stance->labels[cr->stance_label];
        r->verdict_probability = cr->stance_probs[cr->stance_label];
    }
    if (cr->n && !(r->findings = calloc(cr->n, sizeof *r->findings)))
        goto fail;
    for (size_t i = 0; i < cr->n; i++) {
        const struct finding *f = &cr->f[i];
        struct gainsay_finding *o = &r->findings[i];
        r->n_findings = i + 1;
        o->pair_kind = pair_kind_name(f->kind);
        pairs = f->model ? f->model : g->nli;
        o->label = pairs->labels[f->label];
        o->probability = f->p_flag;
        if (statement_copy(&o->a, d, f->a) || statement_copy(&o->b, d, f->b))
            goto fail;
        if (f->n_why && !(o->reasons = calloc(f->n_why, sizeof *o->reasons)))
            goto fail;
        for (size_t k = 0; k < f->n_why; k++) {
            o->n_reasons = k + 1;
            if (!(o->reasons[k].feature = strdup(f->why[k].feature)))
                goto fail;
            o->reasons[k].value = f->why[k].value;
            o->reasons[k].weight = f->why[k].weight;
        }
    }
    return r;
fail:
    gainsay_result_free(r);
    return NULL;
}

int gainsay_check(const struct gainsay *g, const char *text, size_t len,
                  enum gainsay_input input, const char *headline,
                  double threshold, struct gainsay_result **out,
                  struct gainsay_error *err)
{
    struct document d;
    struct check_result cr;
    struct check_options opt;
    struct check_models models;
    struct doc_read_options ro;
    struct err e = { 0 };
    size_t bad;
    int rc;

    if (!g || !text || !out)
        return fail_msg(err, GAINSAY_USAGE, "gainsay_check: NULL argument");
    bad = utf8_check(text, len);
    if (bad < len) {
        err_set(&e, STATUS_UTF8, "byte %zu: %s", bad, text[bad] == '\0'
                ? "NUL byte in text" : "invalid UTF-8");
        return fail(err, &e);
    }
    if (headline && utf8_check(headline, strlen(headline)) < strlen(headline))
        return fail_msg(err, GAINSAY_UTF8, "the headline is not valid UTF-8");
    document_init(&d);
    check_result_init(&cr);
    check_options_default(&opt);
    opt.threshold = threshold;
    models.nli = g->nli;
    models.headline = g->headline;
    models.stance = g->stance;
    doc_read_options_init(&ro);
    ro.format = doc_format_named(input == GAINSAY_INPUT_MARKDOWN ? "markdown"
                                 : input == GAINSAY_INPUT_HTML ? "html"
                                 : "text");
    ro.headline = headline;
    ro.furniture = g->furniture;
    ro.max_quotes = 0;          /* the library has never limited quotes */
    rc = doc_read_mem(&d, "<memory>", text, len, &ro, &e);
    if (!rc)
        rc = check_document(&models, &d, &opt, &cr, &e);
    if (!rc) {
        struct gainsay_result *r = result_copy(g, &d, &cr);
        if (r)
            *out = r;
        else
            rc = err_set(&e, STATUS_NOMEM, "out of memory");
    }
    check_result_clear(&cr);
    document_clear(&d);
    return rc ? fail(err, &e) : GAINSAY_OK;
}

int gainsay_score(const struct gainsay *g, const char *a, size_t alen,
                  const char *b, size_t blen, double *probs, size_t *label,
                  struct gainsay_error *err)
{
    struct model_scratch sc;
    struct err e = { 0 };
    size_t best;

    if (!g || !a || !b || !probs)
        return fail_msg(err, GAINSAY_USAGE, "gainsay_score: NULL argument");
    model_scratch_init(&sc);
    best = model_predict(g->nli, &sc, a, alen, b, blen, probs, &e);
    model_scratch_clear(&sc);
    if (best == SIZE_MAX)
        return fail(err, &e);
    if (label)
        *label = best;
    return GAINSAY_OK;
}

int gainsay_explain(const struct gainsay *g, const char *a, size_t alen,
                    const char *b, size_t blen, size_t max,
                    struct gainsay_reason **out, size_t *n,
                    struct gainsay_error *err)
{
    struct text_info ta, tb;
    struct explanation ex;
    struct gainsay_reason *r = NULL;
    struct err e = { 0 };
    size_t m = 0;
    int rc;

    if (!g || !a || !b || !out || !n)
        return fail_msg(err, GAINSAY_USAGE, "gainsay_explain: NULL argument");
    text_info_init(&ta);
    text_info_init(&tb);
    memset(&ex, 0, sizeof ex);
    if ((rc = text_info_build(&g->nli->spec, a, alen, &ta)) != 0
        || (rc = text_info_build(&g->nli->spec, b, blen, &tb)) != 0) {
        err_set(&e, (enum status)rc, "%s", rc == STATUS_UTF8
                ? "invalid UTF-8" : "out of memory");
        goto out;
    }
    if ((rc = model_explain(g->nli, &ta, &tb, g->nli->flag, &ex, &e)) != 0)
        goto out;
    if (!(r = calloc(max ? max : 1, sizeof *r))) {
        rc = err_set(&e, STATUS_NOMEM, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < ex.n && m < max; i++) {
        const char *name = ex.c[i].name ? ex.c[i].name : "?";
        if (ex.c[i].index == 0)
            continue;           /* the bias says nothing about the pair */
        if (!(r[m].feature = strdup(name))) {
            rc = err_set(&e, STATUS_NOMEM, "out of memory");
            goto out;
        }
        r[m].value = ex.c[i].value;
        r[m].weight = ex.c[i].weight[g->nli->flag];
        m++;
    }
    *out = r;
    *n = m;
    r = NULL;
out:
    gainsay_reasons_free(r, m);
    explanation_clear(&ex);
    text_info_clear(&ta);
    text_info_clear(&tb);
    return rc ? fail(err, &e) : GAINSAY_OK;
}

/* pair.c - a statement's analysis, and (a, b) -> pair features. */
#include "features/pair.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "base/grow.h"
#include "base/hash.h"
#include "features/align.h"
#include "features/relative.h"
#include "text/sentence.h"

const char *const pair_feature_names[PAIR_N_DENSE] = {
#define X(id, name, groups) name,
    PAIR_FEATURES(X)
#undef X
};

/* Which groups each dense feature needs. */
static const unsigned dense_group[PAIR_N_DENSE] = {
#define X(id, name, groups) groups,
    PAIR_FEATURES(X)
#undef X
};

#define HASH_BASE (1u + PAIR_N_DENSE)

void text_info_init(struct text_info *ti)
{
    memset(ti, 0, sizeof *ti);
    token_list_init(&ti->tl);
    svec_init(&ti->tfidf);
    svec_init(&ti->content);
    svec_init(&ti->bigrams);
    svec_init(&ti->numbers);
}

void text_info_clear(struct text_info *ti)
{
    token_list_clear(&ti->tl);
    free(ti->cue);
    free(ti->sent_end);
    svec_clear(&ti->tfidf);
    if (ti->sent_tfidf)
        for (size_t i = 0; i < ti->n_sent; i++)
            svec_clear(&ti->sent_tfidf[i]);
    free(ti->sent_tfidf);
    svec_clear(&ti->content);
    svec_clear(&ti->bigrams);
    svec_clear(&ti->numbers);
    align_info_free(ti->align);
    text_info_init(ti);
}

/* Turn a pushed list of hashes into a sorted set with value 1. */
static void make_set(struct svec *v)
{
    svec_sort_sum(v);           /* values are reset to 1 below anyway */
    for (size_t i = 0; i < v->n; i++)
        v->val[i] = 1.0;
}

static int is_word(const struct text_info *ti, size_t i)
{
    return !(ti->tl.tok[i].flags & TOKEN_PUNCT);
}

static int is_content(const struct text_info *ti, size_t i)
{
    return is_word(ti, i) && !(ti->cue[i] & (1u << CUE_STOP));
}

int text_analyze(const struct feature_spec *spec, const char *s, size_t len,
                 struct text_info *ti)
{
    struct span *sp = NULL;
    size_t n_sp = 0;
    int rc;

    if ((rc = text_split_sentences(s, len, &sp, &n_sp)) != 0)
        return rc;
    ti->sent_end = malloc((n_sp ? n_sp : 1) * sizeof *ti->sent_end);
    if (!ti->sent_end) {
        rc = STATUS_NOMEM;
        goto out;
    }
    for (size_t i = 0; i < n_sp; i++) {
        rc = text_tokenize(s + sp[i].start, sp[i].end - sp[i].start, &ti->tl);
        if (rc)
            goto out;
        /* a sentence of punctuation only adds no tokens: skip it */
        if (ti->n_sent == 0 || ti->sent_end[ti->n_sent - 1] < ti->tl.n)
            ti->sent_end[ti->n_sent++] = ti->tl.n;
    }
    ti->cue = calloc(ti->tl.n ? ti->tl.n : 1, 1);
    if (!ti->cue) {
        rc = STATUS_NOMEM;
        goto out;
    }
    /* room for every token at once: no realloc as they are pushed */
    if ((rc = svec_reserve(&ti->content, ti->tl.n)) != 0
        || (rc = svec_reserve(&ti->bigrams, ti->tl.n)) != 0)
        goto out;
    for (size_t i = 0; i < ti->tl.n; i++) {
        const struct token *t = &ti->tl.tok[i];
        const char *w = token_str(&ti->tl, i);
        uint8_t bits = (uint8_t)spec_cue_bits(spec, w, t->len, t->hash);

        if (t->flags & TOKEN_NEG)
            bits |= 1u << CUE_NEG;
        if (bits & (1u << CUE_NEG))
            bits &= (uint8_t)~(1u << CUE_STOP);
        ti->cue[i] = bits;
        for (int c = 0; c < N_CUES; c++)
            ti->n_cue[c] += (unsigned)(bits >> c) & 1u;
        if (t->flags & TOKEN_PUNCT) {
            ti->has_question = 1;
            continue;
        }
        ti->n_words++;
        if (!(bits & (1u << CUE_STOP))
            && (rc = svec_push(&ti->content, t->hash, 1.0)) != 0)
            goto out;
        if ((t->flags & TOKEN_NUMBER)
            && (rc = svec_push(&ti->numbers, t->hash, 1.0)) != 0)
            goto out;
    }
    /* bigrams of adjacent words within a sentence */
    for (size_t si = 0, start = 0; si < ti->n_sent; si++) {
        size_t prev = SIZE_MAX;
        for (size_t i = start; i < ti->sent_end[si]; i++) {
            if (!is_word(ti, i))
                continue;
            if (prev != SIZE_MAX
                && (rc = svec_push(&ti->bigrams, hash_combine(
                        ti->tl.tok[prev].hash, ti->tl.tok[i].hash), 1.0)))
                goto out;
            prev = i;
        }
        start = ti->sent_end[si];
    }
    make_set(&ti->content);
    make_set(&ti->numbers);
    make_set(&ti->bigrams);
    if ((spec->groups & FG_ALIGN) && ti->n_words <= spec->long_b)
        rc = align_analyze(spec, &ti->tl, ti->cue, ti->sent_end, ti->n_sent,
                           &ti->align);
out:
    free(sp);
    return rc;
}

/* TF-IDF of tokens [from, to): (1 + ln tf) * idf, l2-normalised.  The
 * IDF of each word comes from spec, or, when known (not NULL), from
 * idf[k] for the word types[k] of the sorted set types[0..n_types) that
 * holds all of them: one look-up per word of a text, not per sentence. */
static int tfidf_range(const struct feature_spec *spec,
                       const struct text_info *ti, size_t from, size_t to,
                       const uint32_t *types, const double *idf,
                       size_t n_types, struct svec *v)
{
    if (svec_reserve(v, v->n + (to - from)))
        return STATUS_NOMEM;
    for (size_t i = from; i < to; i++)
        if (is_word(ti, i) && svec_push(v, ti->tl.tok[i].hash, 1.0))
            return STATUS_NOMEM;
    svec_sort_sum(v);           /* counts of 1.0: exact in any order */
    for (size_t i = 0, k = 0; i < v->n; i++) {
        double w;
        if (idf) {
            while (k < n_types && types[k] < v->idx[i])
                k++;
            w = k < n_types && types[k] == v->idx[i]
                ? idf[k] : spec_idf(spec, v->idx[i]);
        } else {
            w = spec_idf(spec, v->idx[i]);
        }
        v->val[i] = (1.0 + log(v->val[i])) * w;
    }
    svec_normalize(v);
    return 0;
}

int text_weigh(const struct feature_spec *spec, struct text_info *ti)
{
    double *idf = NULL;
    uint32_t *types = NULL;
    size_t n_types;
    int rc = STATUS_NOMEM;

    svec_reset(&ti->tfidf);
    if (tfidf_range(spec, ti, 0, ti->tl.n, NULL, NULL, 0, &ti->tfidf))
        return STATUS_NOMEM;
    if (!ti->sent_tfidf) {
        ti->sent_tfidf = calloc(ti->n_sent ? ti->n_sent : 1,
                                sizeof *ti->sent_tfidf);
        if (!ti->sent_tfidf)
            return STATUS_NOMEM;
    }
    /* the text's word types and their IDF, for its sentences */
    n_types = ti->tfidf.n;
    idf = malloc((n_types ? n_types : 1) * sizeof *idf);
    types = malloc((n_types ? n_types : 1) * sizeof *types);
    if (!idf || !types)
        goto out;
    for (size_t k = 0; k < n_types; k++) {
        types[k] = ti->tfidf.idx[k];
        idf[k] = spec_idf(spec, types[k]);
    }
    for (size_t si = 0, start = 0; si < ti->n_sent; si++) {
        svec_reset(&ti->sent_tfidf[si]);
        if (tfidf_range(spec, ti, start, ti->sent_end[si], types, idf,
                        n_types, &ti->sent_tfidf[si]))
            goto out;
        start = ti->sent_end[si];
    }
    rc = 0;
out:
    free(idf);
    free(types);
    return rc;
}

int spec_same_analysis(const struct feature_spec *a,
                       const struct feature_spec *b)
{
    if ((a->groups & FG_ALIGN) || (b->groups & FG_ALIGN))
        return 0;
    for (int c = 0; c < N_CUES; c++) {
        const struct cue_list *x = &a->cues[c], *y = &b->cues[c];
        if (x->n != y->n)
            return 0;
        for (size_t i = 0; i < x->n; i++)
            if (x->prefix[i] != y->prefix[i] || x->len[i] != y->len[i]
                || strcmp(x->word[i], y->word[i]) != 0)
                return 0;
    }
    return 1;
}

static int svec_copy(struct svec *dst, const struct svec *src)
{
    svec_reset(dst);
    return svec_append(dst, src, 1.0);
}

int text_info_copy_analysis(struct text_info *dst,
                            const struct text_info *src)
{
    const struct token_list *tl = &src->tl;
    size_t nt = tl->n ? tl->n : 1, ns = src->n_sent ? src->n_sent : 1;

    dst->tl.text = malloc(tl->text_len ? tl->text_len : 1);
    dst->tl.tok = malloc(nt * sizeof *dst->tl.tok);
    dst->cue = malloc(nt);
    dst->sent_end = malloc(ns * sizeof *dst->sent_end);
    if (!dst->tl.text || !dst->tl.tok || !dst->cue || !dst->sent_end)
        return STATUS_NOMEM;
    /* an empty text has no token arrays at all */
    if (tl->text_len)
        memcpy(dst->tl.text, tl->text, tl->text_len);
    if (tl->n) {
        memcpy(dst->tl.tok, tl->tok, tl->n * sizeof *tl->tok);
        memcpy(dst->cue, src->cue, tl->n);
    }
    if (src->n_sent)
        memcpy(dst->sent_end, src->sent_end,
               src->n_sent * sizeof *src->sent_end);
    dst->tl.text_len = dst->tl.text_cap = tl->text_len;
    dst->tl.n = tl->n;
    dst->tl.cap = nt;
    dst->n_sent = src->n_sent;
    dst->n_words = src->n_words;
    memcpy(dst->n_cue, src->n_cue, sizeof dst->n_cue);
    dst->has_question = src->has_question;
    if (svec_copy(&dst->content, &src->content)
        || svec_copy(&dst->bigrams, &src->bigrams)
        || svec_copy(&dst->numbers, &src->numbers))
        return STATUS_NOMEM;
    return 0;
}

/* Shrink v's room to its n entries (one at least). */
static int svec_fit(struct svec *v)
{
    size_t n = v->n ? v->n : 1;
    uint32_t *idx;
    double *val;

    if (v->cap <= n)
        return 0;
    idx = malloc(n * sizeof *idx);
    val = malloc(n * sizeof *val);
    if (!idx || !val) {
        free(idx);
        free(val);
        return STATUS_NOMEM;
    }
    memcpy(idx, v->idx, v->n * sizeof *idx);
    memcpy(val, v->val, v->n * sizeof *val);
    free(v->idx);
    free(v->val);
    v->idx = idx;
    v->val = val;
    v->cap = n;
    return 0;
}

int text_info_compact(struct text_info *ti)
{
    struct token_list *tl = &ti->tl;

    if (tl->cap > tl->n && tl->n) {
        struct token *t = realloc(tl->tok, tl->n * sizeof *t);
        if (!t)
            return STATUS_NOMEM;
        tl->tok = t;
        tl->cap = tl->n;
    }
    if (tl->text_cap > tl->text_len && tl->text_len) {
        char *t = realloc(tl->text, tl->text_len);
        if (!t)
            return STATUS_NOMEM;
        tl->text = t;
        tl->text_cap = tl->text_len;
    }
    if (svec_fit(&ti->tfidf) || svec_fit(&ti->content)
        || svec_fit(&ti->bigrams) || svec_fit(&ti->numbers))
        return STATUS_NOMEM;
    for (size_t i = 0; ti->sent_tfidf && i < ti->n_sent; i++)
        if (svec_fit(&ti->sent_tfidf[i]))
            return STATUS_NOMEM;
    if (ti->align && ti->align->cap_w > ti->align->n_w)
        return align_info_compact(&ti->align);
    return 0;
}

size_t text_info_bytes(const struct text_info *ti)
{
    size_t b = sizeof *ti + ti->tl.text_cap
               + ti->tl.cap * sizeof *ti->tl.tok
               + ti->tl.n * (sizeof *ti->cue)
               + ti->n_sent * (sizeof *ti->sent_end + sizeof *ti->sent_tfidf);
    const struct svec *v[] = { &ti->tfidf, &ti->content, &ti->bigrams,
                               &ti->numbers };

    for (size_t i = 0; i < sizeof v / sizeof *v; i++)
        b += v[i]->cap * (sizeof *v[i]->idx + sizeof *v[i]->val);
    for (size_t i = 0; ti->sent_tfidf && i < ti->n_sent; i++)
        b += ti->sent_tfidf[i].cap * (sizeof *ti->sent_tfidf[i].idx
                                      + sizeof *ti->sent_tfidf[i].val);
    if (ti->align)
        b += align_info_size(ti->align->cap_w);
    return b;
}

int text_info_build(const struct feature_spec *spec, const char *s,
                    size_t len, struct text_info *ti)
{
    int rc = text_analyze(spec, s, len, ti);
    return rc ? rc : text_weigh(spec, ti);
}

void feature_names_init(struct feature_names *fn)
{
    memset(fn, 0, sizeof *fn);
}

void feature_names_clear(struct feature_names *fn)
{
    for (size_t i = 0; i < fn->n; i++)
        free(fn->name[i]);
    free(fn->idx);
    free(fn->name);
    feature_names_init(fn);
}

const char *feature_names_get(const struct feature_names *fn, uint32_t idx)
{
    for (size_t i = 0; i < fn->n; i++)
        if (fn->idx[i] == idx)
            return fn->name[i];
    return NULL;
}

/* Record a name for idx unless it already has one (the first of colliding
 * hashes names the slot). */
static int name_add(struct feature_names *fn, uint32_t idx, const char *name)
{
    size_t n;

    if (!fn || feature_names_get(fn, idx))
        return 0;
    if (GROW2(fn->idx, fn->name, fn->cap, fn->n + 1))
        return STATUS_NOMEM;
    n = strlen(name);
    fn->name[fn->n] = malloc(n + 1);
    if (!fn->name[fn->n])
        return STATUS_NOMEM;
    memcpy(fn->name[fn->n], name, n + 1);
    fn->idx[fn->n++] = idx;
    return 0;
}

static uint32_t slot(const struct feature_spec *spec, uint32_t ns, uint32_t h)
{
    uint32_t mask = (uint32_t)((1ul << spec->hash_bits) - 1);
    return HASH_BASE + (hash_combine(ns, h) & mask);
}

/* Name an n-gram "ns:w1 w2" from tokens first..last (word tokens only). */
static int name_gram(struct feature_names *fn, uint32_t idx, const char *ns,
                     const struct text_info *ti, const size_t *pos, size_t n)
{
    char buf[256];
    size_t used;

    if (!fn)
        return 0;
    used = (size_t)snprintf(buf, sizeof buf, "%s:", ns);
    for (size_t k = 0; k < n && used < sizeof buf; k++)
        used += (size_t)snprintf(buf + used, sizeof buf - used, "%s%s",
                                 k ? " " : "", token_str(&ti->tl, pos[k]));
    return name_add(fn, idx, buf);
}

/* The block of one side into tmp (its own storage, reset here). */
static int bow_into(const struct feature_spec *spec,
                    const struct text_info *ti, enum pair_side side,
                    struct svec *tmp, struct feature_names *names)
{
    const char *ns_name = side == SIDE_A ? "a" : "b";
    uint32_t ns = fnv1a(ns_name, 1);
    size_t win[8];
    int rc = 0;

    svec_reset(tmp);
    if (!(spec->groups & (side == SIDE_A ? FG_BOW_A : FG_BOW_B)))
        return 0;
    if (svec_reserve(tmp, ti->tl.n * (spec->ngram_max - spec->ngram_min + 1)))
        return STATUS_NOMEM;
    for (size_t si = 0, start = 0; si < ti->n_sent; si++) {
        size_t nw = 0;
        for (size_t i = start; i < ti->sent_end[si]; i++) {
            if (!is_word(ti, i))
                continue;
            /* slide a window of the last ngram_max words */
            if (nw == spec->ngram_max) {
                memmove(win, win + 1, (nw - 1) * sizeof *win);
                nw--;
            }
            win[nw++] = i;
            for (size_t n = spec->ngram_min; n <= spec->ngram_max && n <= nw;
                 n++) {
                const size_t *g = win + nw - n;
                uint32_t h = ti->tl.tok[g[0]].hash, idx;
                for (size_t k = 1; k < n; k++)
                    h = hash_combine(h, ti->tl.tok[g[k]].hash);
                idx = slot(spec, ns, h);
                /* unigrams carry their IDF, longer n-grams weigh 1 */
                if ((rc = svec_push(tmp, idx, n == 1 ? spec_idf(spec, h)
                                    : 1.0)) != 0
                    || (rc = name_gram(names, idx, ns_name, ti, g, n)) != 0)
                    return rc;
            }
        }
        start = ti->sent_end[si];
    }
    /* tf * idf summed per slot; dampen repeated words: sqrt keeps the
     * order but flattens long bodies' counts */
    svec_sort_sum(tmp);
    for (size_t i = 0; i < tmp->n; i++)
        tmp->val[i] = sqrt(tmp->val[i]);
    svec_normalize(tmp);
    return 0;
}

int features_bow_block(const struct feature_spec *spec,
                       const struct text_info *ti, enum pair_side side,
                       struct svec *out)
{
    return bow_into(spec, ti, side, out, NULL);
}

int features_bow(const struct feature_spec *spec, const struct text_info *ti,
                 enum pair_side side, struct svec *out,
                 struct feature_names *names)
{
    struct svec tmp;
    int rc;

    svec_init(&tmp);
    rc = bow_into(spec, ti, side, &tmp, names);
    if (!rc)
        rc = svec_append(out, &tmp, 1.0);
    svec_clear(&tmp);
    return rc;
}

/* Where a short side's entries are, by key: an open-addressing table (on
 * the stack, 3 KB), so that each sentence of a long b is compared with a
 * by one probe per entry of the sentence, not by a merge or a binary
 * search. */
#define LOOKUP_BITS 9
#define LOOKUP_SLOTS (1u << LOOKUP_BITS)
#define LOOKUP_MAX (LOOKUP_SLOTS / 2)   /* at most half full */

struct lookup {
    uint32_t key[LOOKUP_SLOTS];
    uint16_t pos[LOOKUP_SLOTS];         /* UINT16_MAX: empty */
};

static size_t lookup_slot(uint32_t key)
{
    return (size_t)((key * 2654435769u) >> (32 - LOOKUP_BITS));
}

/* Index keys[0..n) (distinct; n <= LOOKUP_MAX). */
static void lookup_fill(struct lookup *t, const uint32_t *keys, size_t n)
{
    memset(t->pos, 0xFF, sizeof t->pos);
    for (size_t i = 0; i < n; i++) {
        size_t h = lookup_slot(keys[i]);
        while (t->pos[h] != UINT16_MAX)
            h = (h + 1) & (LOOKUP_SLOTS - 1);
        t->key[h] = keys[i];
        t->pos[h] = (uint16_t)i;
    }
}

/* The position of key, or SIZE_MAX. */
static size_t lookup_find(const struct lookup *t, uint32_t key)
{
    for (size_t h = lookup_slot(key); t->pos[h] != UINT16_MAX;
         h = (h + 1) & (LOOKUP_SLOTS - 1))
        if (t->key[h] == key)
            return t->pos[h];
    return SIZE_MAX;
}

/* svec_dot(x, y) with x indexed in t: y's entries in index order, each
 * found in x by one probe, so the products are added in the order the
 * merge of svec_dot() adds them (the same sum, bit for bit). */
static double dot_indexed(const struct lookup *t, const struct svec *x,
                          const struct svec *y)
{
    double s = 0.0;

    for (size_t j = 0; j < y->n; j++) {
        size_t i = lookup_find(t, y->idx[j]);
        if (i != SIZE_MAX)
            s += x->val[i] * y->val[j];
    }
    return s;
}

/* Count of distinct content words of a that occur in tokens [from, to) of
 * b, as a share of a's content words (at most its first 256).  a_pos[i]
 * is the position of b's token i in a->content, or SIZE_MAX. */
static double cover(const struct text_info *a, const size_t *a_pos,
                    size_t from, size_t to)
{
    unsigned char seen[256];
    size_t n = a->content.n < sizeof seen ? a->content.n : sizeof seen, hit = 0;

    if (n == 0)
        return 0.0;
    memset(seen, 0, n);
    for (size_t i = from; i < to; i++) {
        /* a's content words are a set, so a position below n is one of
         * its first n words */
        size_t at = a_pos[i];
        if (at < n && !seen[at]) {      /* once: a count would wrap */
            seen[at] = 1;
            hit++;
        }
    }
    return (double)hit / (double)n;
}

/* Where each of b's tokens is in a->content (svec_find()), or SIZE_MAX,
 * into a_pos[0..b->tl.n): one probe of a table of a's words per token
 * when b has more than a few sentences, for sent.max_cover and the rel.*
 * features alike. */
static void find_in_a(const struct text_info *a, const struct text_info *b,
                      size_t *a_pos)
{
    struct lookup t;

    if (b->n_sent > 2 && a->content.n <= LOOKUP_MAX) {
        lookup_fill(&t, a->content.idx, a->content.n);
        for (size_t i = 0; i < b->tl.n; i++)
            a_pos[i] = lookup_find(&t, b->tl.tok[i].hash);
    } else {
        for (size_t i = 0; i < b->tl.n; i++)
            a_pos[i] = svec_find(&a->content, b->tl.tok[i].hash);
    }
}

static size_t inter_count(const struct svec *x, const struct svec *y)
{
    size_t i = 0, j = 0, k = 0;

    while (i < x->n && j < y->n) {
        if (x->idx[i] < y->idx[j])
            i++;
        else if (x->idx[i] > y->idx[j])
            j++;
        else {
            k++;
            i++;
            j++;
        }
    }
    return k;
}

static double cap3(unsigned n)
{
    return (n > 3 ? 3.0 : (double)n) / 3.0;
}

/* Cue counts over tokens of the given sentences of b. */
static void cues_in(const struct text_info *b, const size_t *sent, size_t ns,
                    unsigned count[N_CUES])
{
    memset(count, 0, N_CUES * sizeof *count);
    for (size_t k = 0; k < ns; k++) {
        size_t si = sent[k], from = si ? b->sent_end[si - 1] : 0;
        for (size_t i = from; i < b->sent_end[si]; i++)
            for (int c = 0; c < N_CUES; c++)
                count[c] += (unsigned)(b->cue[i] >> c) & 1u;
    }
}

/* Unshared content words of x (absent from y), in text order, without
 * repeats; at most max of them.  Returns how many went into pos. */
static size_t unshared(const struct text_info *x, const struct text_info *y,
                       size_t *pos, size_t max)
{
    size_t n = 0;

    for (size_t i = 0; i < x->tl.n && n < max; i++) {
        uint32_t h = x->tl.tok[i].hash;
        int dup = 0;
        if (!is_content(x, i) || svec_get(&y->content, h) != 0.0)
            continue;
        for (size_t k = 0; k < n; k++)
            dup |= x->tl.tok[pos[k]].hash == h;
        if (!dup)
            pos[n++] = i;
    }
    return n;
}

#define CROSS_MAX 12

int features_top(const struct feature_spec *spec, const struct text_info *b,
                 size_t top, struct svec *out, struct feature_names *names)
{
    uint32_t ns = fnv1a("t", 1);
    size_t from, pos[1];
    struct svec tmp;
    int rc = 0;

    if (top == SIZE_MAX || top >= b->n_sent)
        return 0;
    from = top ? b->sent_end[top - 1] : 0;
    svec_init(&tmp);
    for (size_t i = from; i < b->sent_end[top] && !rc; i++) {
        uint32_t idx;
        if (!is_word(b, i))
            continue;
        idx = slot(spec, ns, b->tl.tok[i].hash);
        pos[0] = i;
        rc = svec_push(&tmp, idx, 1.0);
        if (!rc)
            rc = name_gram(names, idx, "top", b, pos, 1);
    }
    if (!rc) {
        make_set(&tmp);
        svec_normalize(&tmp);
        rc = svec_append(out, &tmp, 1.0);
    }
    svec_clear(&tmp);
    return rc;
}

static int pair_extra(const struct feature_spec *spec,
                      const struct text_info *a, const struct text_info *b,
                      int long_b, struct svec *extra,
                      struct feature_names *names)
{
    int rc = 0;

    if ((spec->groups & FG_CROSS) && !long_b) {
        /* the words only one side has, and their crossings (rose / fell) */
        size_t pa[CROSS_MAX], pb[CROSS_MAX], na, nb;
        uint32_t nsa = fnv1a("ao", 2), nsb = fnv1a("bo", 2),
                 nsx = fnv1a("x", 1);
        double wa, wb, wx;
        char buf[256];

        na = unshared(a, b, pa, CROSS_MAX);
        nb = unshared(b, a, pb, CROSS_MAX);
        wa = na ? 1.0 / sqrt((double)na) : 0.0;
        wb = nb ? 1.0 / sqrt((double)nb) : 0.0;
        wx = na && nb ? 1.0 / sqrt((double)(na * nb)) : 0.0;
        for (size_t i = 0; i < na && !rc; i++) {
            uint32_t idx = slot(spec, nsa, a->tl.tok[pa[i]].hash);
            rc = svec_push(extra, idx, wa);
            if (!rc)
                rc = name_gram(names, idx, "a_only", a, &pa[i], 1);
        }
        for (size_t j = 0; j < nb && !rc; j++) {
            uint32_t idx = slot(spec, nsb, b->tl.tok[pb[j]].hash);
            rc = svec_push(extra, idx, wb);
            if (!rc)
                rc = name_gram(names, idx, "b_only", b, &pb[j], 1);
        }
        for (size_t i = 0; i < na && !rc; i++)
            for (size_t j = 0; j < nb && !rc; j++) {
                uint32_t h = hash_combine(a->tl.tok[pa[i]].hash,
                                          b->tl.tok[pb[j]].hash);
                uint32_t idx = slot(spec, nsx, h);
                rc = svec_push(extra, idx, wx);
                if (!rc && names) {
                    snprintf(buf, sizeof buf, "cross:%s/%s",
                             token_str(&a->tl, pa[i]),
                             token_str(&b->tl, pb[j]));
                    rc = name_add(names, idx, buf);
                }
            }
    }
    return rc;
}

/* The sentence of long text t that is most like o (TF-IDF cosine; the
 * first of equals), or SIZE_MAX when t has no sentence sharing a word. */
static size_t best_sentence(const struct text_info *t,
                            const struct text_info *o)
{
    size_t best = SIZE_MAX;
    double top = 0.0;

    if (!t->sent_tfidf)
        return SIZE_MAX;
    for (size_t si = 0; si < t->n_sent; si++) {
        double c = svec_dot(&o->tfidf, &t->sent_tfidf[si]);
        if (c > top) {
            top = c;
            best = si;
        }
    }
    return best;
}

/* Sentence si of t analysed for the alignment on its own, into *out (a
 * block of an earlier call is reused; the caller frees it). */
static int align_sentence(const struct feature_spec *spec,
                          const struct text_info *t, size_t si,
                          struct align_info **out)
{
    size_t from = si ? t->sent_end[si - 1] : 0, end;
    struct token_list view = t->tl;     /* the same text, a shorter list */

    view.tok = t->tl.tok + from;
    view.n = t->sent_end[si] - from;
    view.cap = view.n;
    end = view.n;
    return align_analyze(spec, &view, t->cue + from, &end, 1, out);
}

/* The alignment features of (a, b).  A text too long to be aligned whole
 * (over spec->long_b words: an evidence paragraph) is aligned by the one
 * sentence most like the other side (none when no sentence shares a word
 * with it).  Two long texts get none.  0 or STATUS_NOMEM. */
static int align_pair(const struct feature_spec *spec,
                      const struct text_info *a, const struct text_info *b,
                      double *f)
{
    const struct text_info *t;
    struct align_info *part = NULL;
    size_t si;
    int rc;

    if (a->align && b->align) {
        align_features(a->align, b->align, f);
        return 0;
    }
    if (!a->align == !b->align)
        return 0;
    t = a->align ? b : a;
    if ((si = best_sentence(t, t == a ? b : a)) == SIZE_MAX)
        return 0;
    if ((rc = align_sentence(spec, t, si, &part)) != 0)
        return rc;
    if (t == a)
        align_features(part, b->align, f);
    else
        align_features(a->align, part, f);
    align_info_free(part);
    return 0;
}

int features_pair(const struct feature_spec *spec, const struct text_info *a,
                  const struct text_info *b, double *f, struct svec *extra,
                  size_t *top_sent, struct feature_names *names)
{
    size_t na = a->content.n, nb = b->content.n, inter, top[3] = {0, 0, 0};
    size_t n_top = 0;
    double best[3] = {-1.0, -1.0, -1.0}, sum = 0.0, best_cover = 0.0;
    int long_b = b->n_words > spec->long_b;
    unsigned tc[N_CUES];
    double neg_bside;
    struct lookup tf_table, *tf_at = NULL;
    size_t pos_buf[1024], *a_pos = pos_buf;
    int rc = 0;

    if (b->tl.n > sizeof pos_buf / sizeof *pos_buf
        && !(a_pos = malloc(b->tl.n * sizeof *a_pos)))
        return STATUS_NOMEM;
    find_in_a(a, b, a_pos);
    memset(f, 0, PAIR_N_DENSE * sizeof *f);
    inter = inter_count(&a->content, &b->content);
    f[PF_COS] = svec_dot(&a->tfidf, &b->tfidf);
    f[PF_JACCARD] = na + nb > inter ? (double)inter / (double)(na + nb - inter)
                                    : 0.0;
    f[PF_A_IN_B] = na ? (double)inter / (double)na : 0.0;
    f[PF_B_IN_A] = nb ? (double)inter / (double)nb : 0.0;
    f[PF_BIGRAM] = a->bigrams.n ? (double)inter_count(&a->bigrams, &b->bigrams)
                                  / (double)a->bigrams.n : 0.0;
    f[PF_A_ONLY] = log1p((double)(na - inter));
    f[PF_B_ONLY] = long_b ? 0.0 : log1p((double)(nb - inter));
    f[PF_LEN_A] = log1p((double)a->n_words) / 4.0;
    f[PF_LEN_B] = log1p((double)b->n_words) / 8.0;

    /* a against each sentence of b; keep the three best.  With more than
     * a few sentences, a short a is indexed once for all of them. */
    if (b->n_sent > 2 && a->tfidf.n <= LOOKUP_MAX) {
        tf_at = &tf_table;
        lookup_fill(tf_at, a->tfidf.idx, a->tfidf.n);
    }
    for (size_t si = 0; si < b->n_sent; si++) {
        double c = !b->sent_tfidf ? 0.0
                   : tf_at ? dot_indexed(tf_at, &a->tfidf, &b->sent_tfidf[si])
                   : svec_dot(&a->tfidf, &b->sent_tfidf[si]);
        double cv = cover(a, a_pos, si ? b->sent_end[si - 1] : 0,
                          b->sent_end[si]);
        sum += c;
        if (cv > best_cover)
            best_cover = cv;
        for (int k = 0; k < 3; k++) {
            if (c > best[k]) {
                for (int m = 2; m > k; m--) {
                    best[m] = best[m - 1];
                    top[m] = top[m - 1];
                }
                best[k] = c;
                top[k] = si;
                break;
            }
        }
    }
    n_top = b->n_sent < 3 ? b->n_sent : 3;
    if (b->n_sent > 0) {
        double t3 = 0.0;
        for (size_t k = 0; k < n_top; k++)
            t3 += best[k];
        f[PF_SENT_MAX] = best[0];
        f[PF_SENT_MEAN] = sum / (double)b->n_sent;
        f[PF_SENT_TOP3] = t3 / (double)n_top;
        f[PF_SENT_COVER] = best_cover;
    }

    cues_in(b, top, n_top, tc);
    f[PF_NEG_A] = cap3(a->n_cue[CUE_NEG]);
    f[PF_REF_A] = cap3(a->n_cue[CUE_REFUTE]);
    f[PF_HEDGE_A] = cap3(a->n_cue[CUE_HEDGE]);
    if (long_b) {
        double ns = b->n_sent ? (double)b->n_sent : 1.0;
        f[PF_NEG_B] = fmin(1.0, b->n_cue[CUE_NEG] / ns);
        f[PF_REF_B] = fmin(1.0, b->n_cue[CUE_REFUTE] / ns);
        f[PF_HEDGE_B] = fmin(1.0, b->n_cue[CUE_HEDGE] / ns);
    } else {
        f[PF_NEG_B] = cap3(b->n_cue[CUE_NEG]);
        f[PF_REF_B] = cap3(b->n_cue[CUE_REFUTE]);
        f[PF_HEDGE_B] = cap3(b->n_cue[CUE_HEDGE]);
    }
    f[PF_NEG_TOP] = cap3(tc[CUE_NEG]);
    f[PF_REF_TOP] = cap3(tc[CUE_REFUTE]);
    f[PF_HEDGE_TOP] = cap3(tc[CUE_HEDGE]);
    neg_bside = long_b ? f[PF_NEG_TOP] : f[PF_NEG_B];
    f[PF_NEG_ASYM] = (f[PF_NEG_A] > 0.0) != (neg_bside > 0.0);
    f[PF_QUESTION_A] = a->has_question;
    f[PF_NUM_A] = a->numbers.n > 0;
    if (a->numbers.n)
        f[PF_NUM_A_MISS] = (double)(a->numbers.n - inter_count(&a->numbers,
                                    &b->numbers)) / (double)a->numbers.n;
    if (b->numbers.n && !long_b)
        f[PF_NUM_B_MISS] = (double)(b->numbers.n - inter_count(&b->numbers,
                                    &a->numbers)) / (double)b->numbers.n;
    f[PF_SIM_REF] = f[PF_SENT_MAX] * f[PF_REF_TOP];
    f[PF_SIM_NEG] = f[PF_SENT_MAX] * f[PF_NEG_TOP];
    f[PF_SIM_HEDGE] = f[PF_SENT_MAX] * f[PF_HEDGE_TOP];
    f[PF_SIM_ASYM] = f[PF_SENT_MAX] * f[PF_NEG_ASYM];
    if ((spec->groups & FG_ALIGN)
        && (rc = align_pair(spec, a, b, f)) != 0)
        goto out;
    relative_features(a, b, long_b, a_pos, f);
    for (int k = 0; k < PAIR_N_DENSE; k++)
        if ((dense_group[k] & spec->groups) != dense_group[k])
            f[k] = 0.0;
    if (top_sent)
        *top_sent = (spec->groups & FG_TOP) && long_b && b->n_sent > 1
                    ? top[0] : SIZE_MAX;
    rc = extra ? pair_extra(spec, a, b, long_b, extra, names) : 0;
out:
    if (a_pos != pos_buf)
        free(a_pos);
    return rc;
}

int features_full(const struct feature_spec *spec, const struct text_info *a,
                  const struct text_info *b, struct svec *x,
                  struct feature_names *names)
{
    double f[PAIR_N_DENSE];
    size_t top;
    int rc;

    svec_reset(x);
    if ((rc = svec_push(x, 0, 1.0)) != 0
        || (rc = name_add(names, 0, "bias")) != 0
        || (rc = features_pair(spec, a, b, f, x, &top, names)) != 0
        || (rc = features_top(spec, b, top, x, names)) != 0
        || (rc = features_bow(spec, a, SIDE_A, x, names)) != 0
        || (rc = features_bow(spec, b, SIDE_B, x, names)) != 0)
        return rc;
    for (uint32_t k = 0; k < PAIR_N_DENSE; k++) {
        if (f[k] == 0.0)
            continue;
        if ((rc = svec_push(x, 1 + k, f[k])) != 0
            || (rc = name_add(names, 1 + k, pair_feature_names[k])) != 0)
            return rc;
    }
    svec_sort_sum(x);
    return 0;
}

int features_own(const struct feature_spec *spec, const struct text_info *a,
                 const struct text_info *b, struct svec *x)
{
    double f[PAIR_N_DENSE];
    size_t top;
    int rc;

    svec_reset(x);
    if ((rc = svec_push(x, 0, 1.0)) != 0
        || (rc = features_pair(spec, a, b, f, x, &top, NULL)) != 0
        || (rc = features_top(spec, b, top, x, NULL)) != 0)
        return rc;
    for (uint32_t d = 0; d < PAIR_N_DENSE; d++)
        if (f[d] != 0.0 && (rc = svec_push(x, 1 + d, f[d])) != 0)
            return rc;
    svec_sort_sum(x);
    return 0;
}

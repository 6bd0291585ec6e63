/* align.c - word alignment of two statements over the lexical table, and
 * the features over it: relations, scoped negation and modality,
 * quantifiers, numbers for the same noun, ordinals, dates and names. */
#include "features/align.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "base/hash.h"
#include "features/pair.h"
#include "lex/lexicon.h"

/* ---- small closed word lists (function words, not lexical knowledge) ---- */

/* 1 + the index of w in list, or 0.  The first letters are compared
 * before any strcmp: every token of a text goes through these lists. */
static int in_list(const char *w, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (list[i][0] == w[0] && strcmp(w, list[i]) == 0)
            return (int)i + 1;
    return 0;
}

static const char *const univ_words[] = {
    "all", "every", "each", "everyone", "everybody", "everything", "always",
    NULL
};
static const char *const exist_words[] = {
    "some", "several", "few", "many", "someone", "somebody", "something",
    "sometimes", "most", NULL
};
static const char *const none_words[] = {
    "no", "none", "nobody", "nothing", "noone", "neither", "nowhere", NULL
};
static const char *const modal_words[] = {
    "may", "might", "could", "would", "should", "must", "can", "possibly",
    "perhaps", "probably", "likely", "maybe", "allegedly", "reportedly",
    NULL
};
/* number words and their values; "hundred" and up multiply */
static const char *const num_words[] = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
    "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
    "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
    "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "dozen",
    "hundred", "thousand", "million", "billion", "trillion", NULL
};
static const double num_values[] = {
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
    20, 30, 40, 50, 60, 70, 80, 90, 12, 100, 1e3, 1e6, 1e9, 1e12
};
static const char *const ordinal_words[] = {
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh",
    "eighth", "ninth", "tenth", "eleventh", "twelfth", "last", NULL
};
static const char *const month_words[] = {
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december", NULL
};
static const char *const weekday_words[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", NULL
};

/* align_features() indexes the features by relation */
_Static_assert(PF_AL_A_NONE - PF_AL_A_EXACT == REL_NONE
               && PF_AL_B_NONE - PF_AL_B_EXACT == REL_NONE,
               "the align.a_* and align.b_* features follow enum align_rel");

void align_info_free(struct align_info *ai)
{
    free(ai);
}

size_t align_info_size(size_t n_w)
{
    return sizeof(struct align_info) + n_w * sizeof(struct align_word);
}

int align_info_compact(struct align_info **ai)
{
    size_t bytes = align_info_size((*ai)->n_w);
    struct align_info *c = malloc(bytes);

    if (!c)
        return STATUS_NOMEM;
    memcpy(c, *ai, bytes);
    c->cap_w = c->n_w;
    free(*ai);
    *ai = c;
    return 0;
}

static void add_u32(uint32_t *set, size_t *n, uint32_t v)
{
    for (size_t i = 0; i < *n; i++)
        if (set[i] == v)
            return;
    if (*n < ALIGN_MAX_ITEMS)
        set[(*n)++] = v;
}

/* "1st", "2nd", "23rd", "4th" -> the number, else 0 */
static unsigned digit_ordinal(const char *w, size_t n)
{
    size_t d = 0;
    unsigned v = 0;

    while (d < n && d < 6 && w[d] >= '0' && w[d] <= '9')
        v = v * 10 + (unsigned)(w[d++] - '0');
    if (d == 0 || n - d != 2)
        return 0;
    w += d;
    if (memcmp(w, "st", 2) == 0 || memcmp(w, "nd", 2) == 0
        || memcmp(w, "rd", 2) == 0 || memcmp(w, "th", 2) == 0)
        return v;
    return 0;
}

/* "38mm", "5pm", "9.56am", "40,000km" (the tokeniser drops the comma): a
 * number written with a unit of one to three letters.  Returns 1 and sets
 * *v and *unit (the unit's hash, as the tokeniser hashes a word), else 0.
 * Ordinals ("13th") are not: digit_ordinal() has them. */
static int digit_unit(const char *w, size_t n, double *v, uint32_t *unit)
{
    size_t d = 0, dots = 0;

    while (d < n && ((w[d] >= '0' && w[d] <= '9') || w[d] == '.')) {
        dots += w[d] == '.';
        d++;
    }
    if (d == 0 || w[0] == '.' || w[d - 1] == '.' || dots > 1 || n - d < 1
        || n - d > 3 || digit_ordinal(w, n))
        return 0;
    for (size_t i = d; i < n; i++)
        if (w[i] < 'a' || w[i] > 'z')
            return 0;
    *v = strtod(w, NULL);
    *unit = fnv1a(w + d, n - d);
    return 1;
}

/* Insert v into the sorted set x[0..*n) of capacity cap; 1 if added. */
static int set_add(uint32_t *x, uint8_t *n, size_t cap, uint32_t v)
{
    size_t i = *n;

    for (size_t k = 0; k < *n; k++)
        if (x[k] == v)
            return 0;
    if (*n >= cap)
        return 0;
    while (i > 0 && x[i - 1] > v) {
        x[i] = x[i - 1];
        i--;
    }
    x[i] = v;
    (*n)++;
    return 1;
}

/* Senses, cluster heads and antonyms of a word, each a sorted set, and
 * the first ALIGN_WALK_SENSES senses as the seeds of its hypernym walk:
 * the rarer senses cost most of the walk and make most spurious
 * co-hyponyms. */
static void look_up(const struct lexicon *lx, struct align_word *w)
{
    struct lex_word lw;
    uint32_t links[16];

    w->lemma = w->hash;
    w->n_syn = w->n_head = w->n_ant = w->n_seed = 0;
    if (!lx || !lexicon_find(lx, w->hash, &lw))
        return;
    w->lemma = lw.lemma;
    for (unsigned k = 0; k < lw.n && w->n_syn < ALIGN_SENSES; k++) {
        uint32_t s = lex_word_sense(&lw, k), h = lexicon_head(lx, s);

        if (!set_add(w->syn, &w->n_syn, ALIGN_SENSES, s))
            continue;
        if (set_add(w->head, &w->n_head, ALIGN_SENSES, h)) {
            size_t na = lexicon_links(lx, h, 1, links, 16);
            for (size_t i = 0; i < na; i++)
                set_add(w->ant, &w->n_ant, ALIGN_SENSES, links[i]);
        }
        if (w->n_seed < ALIGN_WALK_SENSES)
            w->seed[w->n_seed++] = s;
    }
}

/* The hypernyms of w, breadth first from its seeds, each at its least
 * depth, into *out sorted by id.  Bounded: ALIGN_DEPTH levels, at most
 * ALIGN_ANCESTORS ancestors, 16 links a synset. */
static void walk_up(const struct lexicon *lx, const struct align_word *w,
                    struct align_anc *out)
{
    uint32_t frontier[ALIGN_ANCESTORS], next[ALIGN_ANCESTORS], links[16];
    uint32_t found[ALIGN_ANCESTORS];
    uint8_t depth[ALIGN_ANCESTORS];
    size_t nf = w->n_seed, n_found = 0;

    out->n = 0;
    if (!lx)
        return;
    memcpy(frontier, w->seed, nf * sizeof *frontier);
    for (uint8_t d = 1; d <= ALIGN_DEPTH && nf > 0
                        && n_found < ALIGN_ANCESTORS; d++) {
        size_t nn = 0;
        for (size_t i = 0; i < nf && n_found < ALIGN_ANCESTORS; i++) {
            size_t nl = lexicon_links(lx, frontier[i], 0, links, 16);
            for (size_t k = 0; k < nl && n_found < ALIGN_ANCESTORS; k++) {
                int seen = 0;
                for (size_t m = 0; m < n_found && !seen; m++)
                    seen = found[m] == links[k];
                if (seen)
                    continue;
                depth[n_found] = d;
                found[n_found++] = links[k];
                next[nn++] = links[k];
            }
        }
        memcpy(frontier, next, nn * sizeof *next);
        nf = nn;
    }
    /* insertion into id order, the depth moving with its id */
    for (size_t i = 0; i < n_found; i++) {
        size_t j = out->n;
        while (j > 0 && out->id[j - 1] > found[i]) {
            out->id[j] = out->id[j - 1];
            out->depth[j] = out->depth[j - 1];
            j--;
        }
        out->id[j] = found[i];
        out->depth[j] = depth[i];
        out->n++;
    }
}

int align_analyze(const struct feature_spec *spec,
                  const struct token_list *tl, const uint8_t *cue,
                  const size_t *sent_end, size_t n_sent,
                  struct align_info **out)
{
    struct align_info *ai = *out && (*out)->cap_w == ALIGN_MAX_WORDS
                            ? *out : malloc(align_info_size(ALIGN_MAX_WORDS));
    int pending_neg = 0, pending_modal = 0;
    size_t si = 0, sent_start = 0;
    double num_acc = -1.0;      /* a number being read ("twenty five") */
    size_t num_at = 0;
    uint32_t last_content = 0;  /* the word before a number ("age 52") */
    uint32_t num_before = 0;
    size_t last_at = SIZE_MAX;

    if (!ai)
        return STATUS_NOMEM;
    if (ai != *out) {
        align_info_free(*out);
        ai->cap_w = ALIGN_MAX_WORDS;
    }
    /* only the counts need resetting: every word is written in full */
    ai->n_w = ai->n_num = 0;
    ai->n_ordinal = ai->n_year = ai->n_month = ai->n_weekday = 0;
    ai->n_name = 0;
    ai->quant_univ = ai->quant_exist = ai->quant_none = 0;
    ai->quant_words = 0;
    ai->lex = spec->lex;
    for (size_t i = 0; i < tl->n; i++) {
        const struct token *t = &tl->tok[i];
        const char *s = token_str(tl, i);
        double unit_v;
        uint32_t unit;
        int k;

        while (si < n_sent && i >= sent_end[si])
            sent_start = sent_end[si++];
        if (t->flags & TOKEN_PUNCT) {
            pending_neg = pending_modal = 0;
            continue;
        }
        /* "38mm": a number of its own unit, ending one being read */
        if (!(t->flags & TOKEN_NUMBER)
            && digit_unit(s, t->len, &unit_v, &unit)) {
            if (num_acc >= 0.0 && ai->n_num < ALIGN_MAX_ITEMS) {
                ai->num[ai->n_num].value = num_acc;
                ai->num[ai->n_num++].noun = num_before;
            }
            num_acc = -1.0;
            if (ai->n_num < ALIGN_MAX_ITEMS) {
                ai->num[ai->n_num].value = unit_v;
                ai->num[ai->n_num++].noun = unit;
            }
            continue;
        }
        /* numbers: digits or words, the noun after them */
        k = in_list(s, num_words);
        if ((t->flags & TOKEN_NUMBER) || k) {
            double v = k ? num_values[k - 1] : strtod(s, NULL);
            if (num_acc < 0.0) {
                num_acc = v;
                num_before = i > 0 && i - 1 == last_at ? last_content : 0;
            } else if (v >= 100.0 && num_acc < v) {
                num_acc *= v;           /* five million */
            } else {
                num_acc += v;           /* twenty five */
            }
            num_at = i;
            if ((t->flags & TOKEN_NUMBER) && v >= 1800 && v <= 2100
                && v == floor(v))
                add_u32(ai->year, &ai->n_year, (uint32_t)v);
            continue;
        }
        if (num_acc >= 0.0) {
            /* "43 students", "two of the boys": the next word counts */
            if (ai->n_num < ALIGN_MAX_ITEMS) {
                ai->num[ai->n_num].value = num_acc;
                ai->num[ai->n_num++].noun = !(cue[i] & (1u << CUE_STOP))
                                            && i == num_at + 1 ? t->hash
                                                               : num_before;
            }
            num_acc = -1.0;
        }
        if ((k = in_list(s, ordinal_words)) != 0)
            add_u32(ai->ordinal, &ai->n_ordinal, (uint32_t)k);
        else if (digit_ordinal(s, t->len)) {
            /* "13th" is a number, not a content word to align */
            add_u32(ai->ordinal, &ai->n_ordinal, digit_ordinal(s, t->len));
            continue;
        }
        if ((k = in_list(s, month_words)) != 0
            && !(k == 5 && !(t->flags & TOKEN_CAP)))    /* may, May */
            add_u32(ai->month, &ai->n_month, (uint32_t)k);
        if ((k = in_list(s, weekday_words)) != 0)
            add_u32(ai->weekday, &ai->n_weekday, (uint32_t)k);
        /* quantifier words, a bit each: univ 0.., exist 8.., none 17.. */
        if ((k = in_list(s, univ_words)) != 0) {
            ai->quant_univ = 1;
            ai->quant_words |= 1u << (k - 1);
        }
        if ((k = in_list(s, exist_words)) != 0) {
            ai->quant_exist = 1;
            ai->quant_words |= 1u << (8 + k - 1);
        }
        if ((k = in_list(s, none_words)) != 0) {
            ai->quant_none = 1;
            ai->quant_words |= 1u << (17 + k - 1);
        }
        if ((t->flags & TOKEN_CAP) && i > sent_start
            && !(cue[i] & (1u << CUE_STOP)))
            add_u32(ai->name, &ai->n_name, t->hash);
        if (cue[i] & (1u << CUE_NEG)) {
            pending_neg = 1;
            continue;
        }
        if (in_list(s, modal_words)) {
            pending_modal = 1;
            continue;
        }
        if ((cue[i] & (1u << CUE_STOP)) || in_list(s, univ_words)
            || in_list(s, exist_words))
            continue;
        last_content = t->hash;
        last_at = i;
        if (ai->n_w < ALIGN_MAX_WORDS) {
            struct align_word *w = &ai->w[ai->n_w];
            int dup = 0;
            for (size_t m = 0; m < ai->n_w && !dup; m++)
                dup = ai->w[m].hash == t->hash;
            if (!dup) {
                w->tok = (uint32_t)i;
                w->hash = t->hash;
                w->neg = (uint8_t)pending_neg;
                w->modal = (uint8_t)pending_modal;
                look_up(spec->lex, w);
                ai->n_w++;
            }
        }
        /* a negation or modal scopes the first content word after it */
        pending_neg = pending_modal = 0;
    }
    if (num_acc >= 0.0 && ai->n_num < ALIGN_MAX_ITEMS) {
        ai->num[ai->n_num].value = num_acc;
        ai->num[ai->n_num++].noun = num_before;
    }
    /* the counted word's lemma, so "3 dogs" matches "two dog" */
    for (size_t n = 0; n < ai->n_num; n++)
        for (size_t m = 0; m < ai->n_w; m++)
            if (ai->num[n].noun && ai->w[m].hash == ai->num[n].noun)
                ai->num[n].noun = ai->w[m].lemma;
    *out = ai;
    return 0;
}

/* Whether the sorted sets x and y share an element: one merge. */
static int any_common(const uint32_t *x, size_t nx, const uint32_t *y,
                      size_t ny)
{
    size_t i = 0, j = 0;

    while (i < nx && j < ny) {
        if (x[i] == y[j])
            return 1;
        if (x[i] < y[j])
            i++;
        else
            j++;
    }
    return 0;
}

/* Whether x and y meet at a close and specific common hypernym: at most
 * four levels up either side and seven in all, and above at most
 * ALIGN_COHYP_BELOW synsets (lexicon_below), so that cat / dog meet at
 * carnivore (2 + 2, above 366), red / blue at chromatic color (1 + 1, 92),
 * the French and German languages at Indo-European (4 + 3, 189), but
 * kitchen / table not at artifact (4 + 4, above 10,699) nor man / dog at
 * organism.  A table without the counts (version 1) has the levels alone.
 * One merge of the two sorted ancestor sets. */
static int close_common(const struct lexicon *lx, const struct align_anc *x,
                        const struct align_anc *y)
{
    size_t i = 0, j = 0;

    while (i < x->n && j < y->n) {
        if (x->id[i] == y->id[j]) {
            uint32_t below;
            if (x->depth[i] <= 4 && y->depth[j] <= 4
                && x->depth[i] + y->depth[j] <= 7
                && ((below = lexicon_below(lx, x->id[i])) == UINT32_MAX
                    || below <= ALIGN_COHYP_BELOW))
                return 1;
            i++;
            j++;
        } else if (x->id[i] < y->id[j]) {
            i++;
        } else {
            j++;
        }
    }
    return 0;
}

/* The relations that need no hypernyms; REL_NONE when those decide
 * nothing yet (see relate_up). */
static enum align_rel relate_flat(const struct align_word *x,
                                  const struct align_word *y)
{
    if (x->hash == y->hash)
        return REL_EXACT;
    if (x->lemma == y->lemma)
        return REL_LEMMA;
    if (x->n_syn == 0 || y->n_syn == 0)
        return REL_NONE;
    if (any_common(x->syn, x->n_syn, y->syn, y->n_syn))
        return REL_SYNONYM;
    if (any_common(x->ant, x->n_ant, y->head, y->n_head)
        || any_common(y->ant, y->n_ant, x->head, x->n_head))
        return REL_ANTONYM;
    return REL_NONE;
}

/* The rest, given both words' hypernyms, after relate_flat found
 * nothing. */
static enum align_rel relate_up(const struct lexicon *lx,
                                const struct align_word *x,
                                const struct align_anc *ax,
                                const struct align_word *y,
                                const struct align_anc *ay)
{
    if (x->n_syn == 0 || y->n_syn == 0)
        return REL_NONE;
    if (any_common(ax->id, ax->n, y->syn, y->n_syn))
        return REL_SPECIFIC;
    if (any_common(ay->id, ay->n, x->syn, x->n_syn))
        return REL_GENERAL;
    if (close_common(lx, ax, ay))
        return REL_COHYPONYM;
    /* adjectives of one cluster (huge, big) are near-synonyms */
    if (any_common(x->head, x->n_head, y->head, y->n_head))
        return REL_SYNONYM;
    return REL_NONE;
}

enum align_rel align_relate(const struct lexicon *lx,
                            const struct align_word *x,
                            const struct align_word *y)
{
    enum align_rel r = relate_flat(x, y);
    struct align_anc ax, ay;

    if (r != REL_NONE || x->n_syn == 0 || y->n_syn == 0)
        return r;
    walk_up(lx, x, &ax);
    walk_up(lx, y, &ay);
    return relate_up(lx, x, &ax, y, &ay);
}

/* The relation seen from the other word. */
static enum align_rel rel_reverse(enum align_rel r)
{
    return r == REL_SPECIFIC ? REL_GENERAL
           : r == REL_GENERAL ? REL_SPECIFIC : r;
}

/* Best relation of each word of a to the words of b and of each word of b
 * to the words of a (lowest enum value wins), with the matched word's
 * index (SIZE_MAX: none).  Exact and lemma matches first; the words left
 * are related among themselves, the hypernyms of each walked once and only
 * when the flat relations (synonym, antonym) found nothing.  A word that
 * matched exactly is taken: "dog" is not also a co-hyponym of the "cat"
 * that the other side shares. */
static void align_both(const struct align_info *a, const struct align_info *b,
                       enum align_rel *ra, size_t *ma, enum align_rel *rb,
                       size_t *mb)
{
    struct align_anc anc_a[ALIGN_MAX_WORDS], anc_b[ALIGN_MAX_WORDS];
    unsigned char up_a[ALIGN_MAX_WORDS] = {0}, up_b[ALIGN_MAX_WORDS] = {0};

    for (size_t j = 0; j < b->n_w; j++) {
        rb[j] = REL_NONE;
        mb[j] = SIZE_MAX;
    }
    for (size_t i = 0; i < a->n_w; i++) {
        ra[i] = REL_NONE;
        ma[i] = SIZE_MAX;
        for (size_t j = 0; j < b->n_w; j++) {
            enum align_rel r;
            if (a->w[i].hash == b->w[j].hash)
                r = REL_EXACT;
            else if (a->w[i].lemma == b->w[j].lemma)
                r = REL_LEMMA;
            else
                continue;
            if (r < ra[i]) {
                ra[i] = r;
                ma[i] = j;
            }
            if (r < rb[j]) {
                rb[j] = r;
                mb[j] = i;
            }
        }
    }
    for (size_t i = 0; i < a->n_w; i++) {
        const struct align_word *x = &a->w[i];
        if (ra[i] <= REL_LEMMA || x->n_syn == 0)
            continue;
        for (size_t j = 0; j < b->n_w; j++) {
            const struct align_word *y = &b->w[j];
            enum align_rel r, q;
            if (rb[j] <= REL_LEMMA || y->n_syn == 0)
                continue;
            r = relate_flat(x, y);
            if (r == REL_NONE) {
                if (!up_a[i]) {
                    walk_up(a->lex, x, &anc_a[i]);
                    up_a[i] = 1;
                }
                if (!up_b[j]) {
                    walk_up(b->lex, y, &anc_b[j]);
                    up_b[j] = 1;
                }
                r = relate_up(a->lex, x, &anc_a[i], y, &anc_b[j]);
            }
            if (r < ra[i]) {
                ra[i] = r;
                ma[i] = j;
            }
            q = rel_reverse(r);
            if (q < rb[j]) {
                rb[j] = q;
                mb[j] = i;
            }
        }
    }
}

static int sets_conflict(const uint32_t *x, size_t nx, const uint32_t *y,
                         size_t ny)
{
    return nx > 0 && ny > 0 && !any_common(x, nx, y, ny);
}

static double share(size_t k, size_t n)
{
    return n ? (double)k / (double)n : 0.0;
}

static double name_only(const struct align_info *x,
                        const struct align_info *y)
{
    size_t miss = 0;

    for (size_t i = 0; i < x->n_name; i++) {
        int found = 0;
        for (size_t j = 0; j < y->n_w && !found; j++)
            found = y->w[j].hash == x->name[i];
        for (size_t j = 0; j < y->n_name && !found; j++)
            found = y->name[j] == x->name[i];
        miss += !found;
    }
    return share(miss, x->n_name);
}

/* Whether values x (n of them) hold v. */
static int has_value(const struct align_number *x, size_t n, double v,
                     uint32_t noun, int by_noun)
{
    for (size_t i = 0; i < n; i++)
        if (x[i].value == v && (!by_noun || x[i].noun == noun))
            return 1;
    return 0;
}

/* Whether some value of x, counting a noun that y counts too, is not
 * among y's values for that noun ("43 students" against "136 students"). */
static int noun_conflict(const struct align_info *x,
                         const struct align_info *y)
{
    for (size_t i = 0; i < x->n_num; i++) {
        uint32_t noun = x->num[i].noun;
        int counted = 0;
        if (!noun)
            continue;
        for (size_t j = 0; j < y->n_num && !counted; j++)
            counted = y->num[j].noun == noun;
        if (counted && !has_value(y->num, y->n_num, x->num[i].value, noun,
                                  1))
            return 1;
    }
    return 0;
}

void align_features(const struct align_info *a, const struct align_info *b,
                    double *f)
{
    enum align_rel ra[ALIGN_MAX_WORDS], rb[ALIGN_MAX_WORDS];
    size_t ma[ALIGN_MAX_WORDS], mb[ALIGN_MAX_WORDS];
    size_t ca[N_REL] = {0}, cb[N_REL] = {0};
    unsigned neg_diff = 0, neg_both = 0, neg_loose = 0, mod_diff = 0,
             ant_neg = 0;
    int agree = 0, common = 0, a_lacks = 0, b_lacks = 0;
    size_t n_all = a->n_w + b->n_w, matched, ant, cohyp;

    align_both(a, b, ra, ma, rb, mb);
    for (size_t i = 0; i < a->n_w; i++) {
        const struct align_word *x = &a->w[i];
        ca[ra[i]]++;
        if (ma[i] == SIZE_MAX) {
            neg_loose += x->neg;
            continue;
        }
        {
            const struct align_word *y = &b->w[ma[i]];
            if (ra[i] == REL_ANTONYM) {
                ant_neg += x->neg != y->neg;
            } else if (ra[i] <= REL_GENERAL) {
                neg_diff += x->neg != y->neg;
                neg_both += x->neg && y->neg;
                mod_diff += x->modal != y->modal;
            }
        }
    }
    for (size_t j = 0; j < b->n_w; j++) {
        cb[rb[j]]++;
        if (mb[j] == SIZE_MAX)
            neg_loose += b->w[j].neg;
        else if (rb[j] <= REL_GENERAL && a->w[mb[j]].neg != b->w[j].neg
                 && ra[mb[j]] > REL_GENERAL)
            neg_diff++;     /* a mismatch a's side did not see */
    }
    for (int r = 0; r < N_REL; r++) {
        f[PF_AL_A_EXACT + r] = share(ca[r], a->n_w);
        f[PF_AL_B_EXACT + r] = share(cb[r], b->n_w);
    }
    f[PF_AL_ANT_ANY] = ca[REL_ANTONYM] + cb[REL_ANTONYM] > 0;
    f[PF_AL_COHYP_ANY] = ca[REL_COHYPONYM] + cb[REL_COHYPONYM] > 0;
    f[PF_AL_A_NONE_N] = log1p((double)ca[REL_NONE]);
    f[PF_AL_B_NONE_N] = log1p((double)cb[REL_NONE]);
    f[PF_SC_NEG_DIFF] = neg_diff > 0;
    f[PF_SC_NEG_BOTH] = neg_both > 0;
    f[PF_SC_NEG_LOOSE] = neg_loose > 0;
    f[PF_SC_MOD_DIFF] = mod_diff > 0;
    f[PF_SC_ANT_NEG] = ant_neg > 0;
    f[PF_Q_UNIV_ASYM] = a->quant_univ != b->quant_univ;
    f[PF_Q_EXIST_ASYM] = a->quant_exist != b->quant_exist;
    f[PF_Q_NONE_ASYM] = a->quant_none != b->quant_none;
    f[PF_Q_ALL_SOME] = (a->quant_univ && b->quant_exist && !b->quant_univ)
                       || (b->quant_univ && a->quant_exist
                           && !a->quant_univ);
    /* numbers: the same noun counted differently; a value on each side
     * that the other lacks (one number swapped for another) */
    for (size_t i = 0; i < a->n_num; i++) {
        agree |= a->num[i].noun
                 && has_value(b->num, b->n_num, a->num[i].value,
                              a->num[i].noun, 1);
        if (has_value(b->num, b->n_num, a->num[i].value, 0, 0))
            common = 1;
        else
            b_lacks = 1;
    }
    for (size_t j = 0; j < b->n_num; j++)
        a_lacks |= !has_value(a->num, a->n_num, b->num[j].value, 0, 0);
    f[PF_N_CONFLICT] = noun_conflict(a, b) || noun_conflict(b, a);
    f[PF_N_AGREE] = agree;
    f[PF_N_ANY_DIFF] = a->n_num > 0 && b->n_num > 0 && !common;
    f[PF_N_SWAP] = a_lacks && b_lacks;
    f[PF_ORD_DIFF] = sets_conflict(a->ordinal, a->n_ordinal, b->ordinal,
                                   b->n_ordinal);
    f[PF_DATE_YEAR] = sets_conflict(a->year, a->n_year, b->year, b->n_year);
    f[PF_DATE_MONTH] = sets_conflict(a->month, a->n_month, b->month,
                                     b->n_month);
    f[PF_DATE_DAY] = sets_conflict(a->weekday, a->n_weekday, b->weekday,
                                   b->n_weekday);
    f[PF_NAME_A_ONLY] = name_only(a, b);
    f[PF_NAME_B_ONLY] = name_only(b, a);
    /* cues times how well the rest matches */
    matched = ca[REL_EXACT] + ca[REL_LEMMA] + ca[REL_SYNONYM]
              + cb[REL_EXACT] + cb[REL_LEMMA] + cb[REL_SYNONYM];
    ant = ca[REL_ANTONYM] + cb[REL_ANTONYM];
    cohyp = ca[REL_COHYPONYM] + cb[REL_COHYPONYM];
    f[PF_AL_MATCHED] = share(matched, n_all);
    f[PF_AL_ANT_X] = ant ? share(matched, n_all - ant) : 0.0;
    f[PF_AL_COHYP_X] = cohyp ? share(matched, n_all - cohyp) : 0.0;
    f[PF_N_SWAP_X] = f[PF_N_SWAP] * f[PF_AL_MATCHED];
    f[PF_SC_NEG_X] = f[PF_SC_NEG_DIFF] * f[PF_AL_MATCHED];
    f[PF_N_CONFLICT_X] = f[PF_N_CONFLICT] * f[PF_AL_MATCHED];
    f[PF_ORD_X] = f[PF_ORD_DIFF] * f[PF_AL_MATCHED];
    f[PF_Q_SWAP_X] = a->quant_words && b->quant_words
                     && a->quant_words != b->quant_words
                     ? f[PF_AL_MATCHED] : 0.0;
    /* one word swapped for another the table does not relate */
    f[PF_AL_ONE_SUB] = ca[REL_NONE] == 1 && cb[REL_NONE] == 1
                       && matched + 2 == n_all;
}

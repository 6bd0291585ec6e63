/* relative.c - a statement's cues near the headline's own content words. */
#include "features/relative.h"

#include <stdint.h>
#include <string.h>

#include "features/spec.h"

#define SEEN_MAX 256            /* a's content words counted for m(s) */

/* Position of b's token i among a's content words, or SIZE_MAX. */
static size_t a_word(const struct text_info *b, const size_t *a_pos, size_t i)
{
    if (b->tl.tok[i].flags & TOKEN_PUNCT)
        return SIZE_MAX;
    return a_pos[i];
}

/* Is one of a's words among b's tokens [from, to)? */
static int near_a(const struct text_info *b, const size_t *a_pos,
                  size_t from, size_t to)
{
    for (size_t j = from; j < to; j++)
        if (a_word(b, a_pos, j) != SIZE_MAX)
            return 1;
    return 0;
}

/* What one sentence of b holds: m(s) and which cues are near a's words. */
struct rel_sentence {
    double share;               /* m(s) */
    int refute, neg, hedge;
};

static void rel_sentence(const struct text_info *a, const struct text_info *b,
                         const size_t *a_pos, size_t from, size_t to,
                         struct rel_sentence *rs)
{
    unsigned char seen[SEEN_MAX];
    size_t n_a = a->content.n < SEEN_MAX ? a->content.n : SEEN_MAX, hit = 0;

    memset(rs, 0, sizeof *rs);
    memset(seen, 0, sizeof seen);
    for (size_t i = from; i < to; i++) {
        size_t k = a_word(b, a_pos, i);
        unsigned bits = b->cue[i];

        if (k != SIZE_MAX) {
            /* a headline word is not a cue against itself: "hoax" in a
             * headline that calls the story a hoax agrees with it */
            if (k < n_a && !seen[k]) {   /* once: a count would wrap */
                seen[k] = 1;
                hit++;
            }
            continue;
        }
        if (b->tl.tok[i].flags & TOKEN_PUNCT)
            continue;
        if (bits & (1u << CUE_NEG)) {
            size_t hi = i + 1 + RELATIVE_NEG_WINDOW < to
                        ? i + 1 + RELATIVE_NEG_WINDOW : to;
            rs->neg |= near_a(b, a_pos, i + 1, hi);
        }
        /* anywhere in the sentence: on fold 4 a window of 3, 6, 10 or 20
         * tokens either side of a's words ranked worse than the whole
         * sentence (models/stance.md) */
        rs->refute |= (bits & (1u << CUE_REFUTE)) != 0;
        rs->hedge |= (bits & (1u << CUE_HEDGE)) != 0;
    }
    rs->share = n_a ? (double)hit / (double)n_a : 0.0;
}

static double max2(double x, double y)
{
    return x > y ? x : y;
}

void relative_features(const struct text_info *a, const struct text_info *b,
                       int long_b, const size_t *a_pos, double *f)
{
    double refute = 0.0, neg = 0.0, hedge = 0.0, lead = 0.0, plain = 0.0;
    size_t n_denying = 0;
    int plain_a = a->n_cue[CUE_REFUTE] == 0 && a->n_cue[CUE_NEG] == 0;

    for (size_t si = 0; si < b->n_sent; si++) {
        struct rel_sentence rs;
        int against;

        rel_sentence(a, b, a_pos, si ? b->sent_end[si - 1] : 0,
                     b->sent_end[si], &rs);
        against = rs.refute || rs.neg;
        if (rs.refute)
            refute = max2(refute, rs.share);
        if (rs.neg)
            neg = max2(neg, rs.share);
        if (rs.hedge)
            hedge = max2(hedge, rs.share);
        /* news puts its stance first: the lead's two sentences */
        if (against && long_b && si < 2)
            lead = max2(lead, rs.share);
        if (against && rs.share >= 0.25)
            n_denying++;
        if (!against)
            plain = max2(plain, rs.share);
    }
    f[PF_REL_REFUTE] = refute;
    f[PF_REL_NEG] = neg;
    f[PF_REL_HEDGE] = hedge;
    f[PF_REL_REFUTE_PLAIN] = plain_a ? refute : 0.0;
    f[PF_REL_NEG_PLAIN] = a->n_cue[CUE_NEG] == 0 ? neg : 0.0;
    f[PF_REL_SENTENCES] = (double)(n_denying < 3 ? n_denying : 3) / 3.0;
    f[PF_REL_LEAD] = lead;
    /* a headline that denies against a body that tells the story without
     * a denial ("No, our meteorologist was not peeing" against the report
     * of it); a denial of a question ("Dead?") answers it, which FNC-1
     * mostly labels discuss */
    f[PF_REL_PLAIN_B] = plain_a ? 0.0 : plain;
    f[PF_REL_REFUTE_QUESTION] = a->has_question ? refute : 0.0;
}

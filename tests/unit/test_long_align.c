/* test_long_align.c - a text too long to be aligned whole (an evidence
 * paragraph) is aligned by its sentence most like the other side. */
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "features/pair.h"
#include "lex/lexicon.h"

#define LEX_PATH "models/lexicon.bin"

/* Over 60 words; the third sentence is the one about the summit. */
static const char paragraph[] =
    "The delegates arrived in the capital on a cold and rainy morning, "
    "and the streets around the conference hall were closed to traffic. "
    "Several hundred people gathered in the square to watch the motorcade "
    "pass, holding flags and banners of many colours. "
    "The minister did not attend the summit on trade, her office said. "
    "Reporters waited for hours outside the building for a statement that "
    "came late in the evening, after the dinner had ended.";

static void features(struct feature_spec *spec, const char *x,
                     const char *y, double *f)
{
    struct text_info a, b;

    text_info_init(&a);
    text_info_init(&b);
    assert_int_equal(text_info_build(spec, x, strlen(x), &a), 0);
    assert_int_equal(text_info_build(spec, y, strlen(y), &b), 0);
    assert_int_equal(features_pair(spec, &a, &b, f, NULL, NULL, NULL), 0);
    text_info_clear(&a);
    text_info_clear(&b);
}

static void test_long_side(void **state)
{
    struct feature_spec spec;
    struct lexicon *lx = NULL;
    struct err e = { 0 };
    struct text_info t;
    double f[PAIR_N_DENSE], plain[PAIR_N_DENSE];
    const char *claim = "The minister attended the summit on trade.";

    (void)state;
    assert_int_equal(lexicon_load(LEX_PATH, &lx, &e), 0);
    assert_int_equal(spec_init_default(&spec), 0);
    spec.groups |= FG_ALIGN;
    spec.lex = lx;
    /* the paragraph is long: no alignment of its own */
    text_info_init(&t);
    assert_int_equal(text_info_build(&spec, paragraph, strlen(paragraph),
                                     &t), 0);
    assert_true(t.n_words > spec.long_b);
    assert_null(t.align);
    text_info_clear(&t);
    /* the negated verb of its summit sentence, long a or long b */
    features(&spec, paragraph, claim, f);
    assert_true(f[PF_SC_NEG_DIFF] == 1.0);
    assert_near(f[PF_AL_B_EXACT], 0.75, 1e-12);   /* all but "attended" */
    features(&spec, claim, paragraph, f);
    assert_true(f[PF_SC_NEG_DIFF] == 1.0);
    assert_near(f[PF_AL_A_EXACT], 0.75, 1e-12);
    /* a claim about another sentence: that one is aligned, no negation */
    features(&spec, paragraph, "Hundreds of people gathered in the square.",
             f);
    assert_true(f[PF_SC_NEG_DIFF] == 0.0);
    assert_true(f[PF_AL_B_EXACT] > 0.0);
    /* no sentence shares a word: the features of a spec without the
     * alignment group */
    features(&spec, paragraph, "Zebras graze.", f);
    spec.groups &= ~(unsigned)FG_ALIGN;
    features(&spec, paragraph, "Zebras graze.", plain);
    assert_memory_equal(f, plain, sizeof f);
    spec_clear(&spec);
    lexicon_free(lx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_long_side),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_relative.c - cues near the headline's own words (rel.* features). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "features/pair.h"
#include "features/relative.h"

static void build(const struct feature_spec *spec, const char *s,
                  struct text_info *ti)
{
    text_info_init(ti);
    assert_int_equal(text_info_build(spec, s, strlen(s), ti), 0);
}

/* features_pair() of headline a against b, into f */
static void pair(const struct feature_spec *spec, const char *a,
                 const char *b, double *f)
{
    struct text_info ta, tb;

    build(spec, a, &ta);
    build(spec, b, &tb);
    assert_int_equal(features_pair(spec, &ta, &tb, f, NULL, NULL, NULL), 0);
    text_info_clear(&ta);
    text_info_clear(&tb);
}

/* A long body: twenty sentences of filler around the one that matters. */
static void body_with(char *buf, size_t size, const char *first,
                      const char *last)
{
    size_t at = (size_t)snprintf(buf, size, "%s ", first);

    for (int i = 0; i < 20 && at < size; i++)
        at += (size_t)snprintf(buf + at, size - at,
                               "The weather in town number %d was mild. ", i);
    if (at < size)
        snprintf(buf + at, size - at, "%s", last);
}

static void test_refute_near(void **state)
{
    struct feature_spec spec;
    double f[PAIR_N_DENSE];
    char body[4000];

    (void)state;
    assert_int_equal(spec_init_default(&spec), 0);
    /* a denial of all three of the headline's words, late in the body */
    body_with(body, sizeof body, "Residents were calm.",
              "Officials denied that the volcano erupted on Monday.");
    pair(&spec, "Volcano erupted on Monday", body, f);
    assert_near(f[PF_REL_REFUTE], 1.0, 1e-12);
    assert_near(f[PF_REL_REFUTE_PLAIN], 1.0, 1e-12);
    assert_near(f[PF_REL_SENTENCES], 1.0 / 3.0, 1e-12);
    assert_near(f[PF_REL_LEAD], 0.0, 0);        /* not in the lead */
    assert_near(f[PF_REL_NEG], 0.0, 0);
    /* the same denial in the first sentence is the lead */
    body_with(body, sizeof body,
              "Officials denied that the volcano erupted on Monday.",
              "Residents were calm.");
    pair(&spec, "Volcano erupted on Monday", body, f);
    assert_near(f[PF_REL_LEAD], 1.0, 1e-12);
    /* a denial in another sentence than the headline's words counts for
     * nothing; in the same sentence, anywhere, it counts by the share of
     * the headline's words the sentence holds */
    body_with(body, sizeof body, "Residents were calm.",
              "Officials denied it.  Much later in the day somebody wrote "
              "about the volcano.");
    pair(&spec, "Volcano erupted on Monday", body, f);
    assert_near(f[PF_REL_REFUTE], 0.0, 0);
    assert_near(f[PF_REL_SENTENCES], 0.0, 0);
    body_with(body, sizeof body, "Residents were calm.",
              "Officials denied it, and then much later on in the day "
              "somebody wrote about the volcano.");
    pair(&spec, "Volcano erupted on Monday", body, f);
    assert_near(f[PF_REL_REFUTE], 1.0 / 3.0, 1e-12);
    assert_near(f[PF_REL_SENTENCES], 1.0 / 3.0, 1e-12);
    /* two sentences, the larger share counts */
    body_with(body, sizeof body, "Residents were calm.",
              "Officials denied the volcano story.  A hoax, said "
              "another, that the volcano erupted on Monday.");
    pair(&spec, "Volcano erupted on Monday", body, f);
    assert_near(f[PF_REL_REFUTE], 1.0, 1e-12);
    assert_near(f[PF_REL_SENTENCES], 2.0 / 3.0, 1e-12);
    spec_clear(&spec);
}

static void test_headline_words(void **state)
{
    struct feature_spec spec;
    double f[PAIR_N_DENSE];

    (void)state;
    assert_int_equal(spec_init_default(&spec), 0);
    /* "hoax" is the headline's own word: agreeing with it is no denial */
    pair(&spec, "Volcano eruption video is a hoax",
         "The volcano eruption video is a hoax, experts say.", f);
    assert_near(f[PF_REL_REFUTE], 0.0, 0);
    /* a headline that is itself a denial is not plain */
    pair(&spec, "Mayor denies resigning",
         "The mayor said the resigning story was false.", f);
    assert_true(f[PF_REL_REFUTE] > 0.6);
    assert_near(f[PF_REL_REFUTE_PLAIN], 0.0, 0);
    spec_clear(&spec);
}

/* A headline word repeated in one sentence counts once however often it
 * comes (a byte-sized counter wrapped after 256 and counted it again:
 * 600 "volcano" made a share of 4/3), in the rel.* features and in the
 * sentence cover they are a variant of. */
static void test_repeated_word(void **state)
{
    struct feature_spec spec;
    double f[PAIR_N_DENSE];
    size_t size = 16 + 600 * 8 + 64, at;
    char *body = malloc(size);

    (void)state;
    assert_non_null(body);
    assert_int_equal(spec_init_default(&spec), 0);
    at = (size_t)snprintf(body, size, "Officials denied");
    for (int i = 0; i < 600; i++)
        at += (size_t)snprintf(body + at, size - at, " volcano");
    snprintf(body + at, size - at, " erupted.");
    pair(&spec, "Volcano erupted on Monday", body, f);
    assert_near(f[PF_REL_REFUTE], 2.0 / 3.0, 1e-12);
    assert_near(f[PF_SENT_COVER], 2.0 / 3.0, 1e-12);
    free(body);
    spec_clear(&spec);
}

static void test_negation_before(void **state)
{
    struct feature_spec spec;
    double f[PAIR_N_DENSE];

    (void)state;
    assert_int_equal(spec_init_default(&spec), 0);
    pair(&spec, "Mayor resigns", "The mayor never resigns, aides insist.", f);
    assert_near(f[PF_REL_NEG], 1.0, 1e-12);
    assert_near(f[PF_REL_NEG_PLAIN], 1.0, 1e-12);
    /* n't of a contraction is a negation too */
    pair(&spec, "Mayor resigns", "The mayor doesn't resign, aides say.", f);
    assert_near(f[PF_REL_NEG], 0.0, 0);     /* resign is not resigns */
    pair(&spec, "Mayor resign", "The mayor doesn't resign, aides say.", f);
    assert_near(f[PF_REL_NEG], 1.0, 1e-12);
    /* a negation both sides have is a shared word, no denial */
    pair(&spec, "Mayor won't resign", "The mayor didn't resign.", f);
    assert_near(f[PF_REL_NEG], 0.0, 0);
    /* the headline's own negation makes the denial no longer plain */
    pair(&spec, "Nobody says the mayor resigns", "The mayor never resigns.",
         f);
    assert_near(f[PF_REL_NEG], 2.0 / 3.0, 1e-12);  /* mayor, resigns */
    assert_near(f[PF_REL_NEG_PLAIN], 0.0, 0);
    /* a negation after the headline's words does not negate them */
    pair(&spec, "Mayor resigns", "The mayor resigns, but not today.", f);
    assert_near(f[PF_REL_NEG], 0.0, 0);
    /* the group is switched off with the cues */
    spec.groups &= ~(unsigned)FG_CUES;
    pair(&spec, "Mayor resigns", "The mayor never resigns, aides insist.", f);
    assert_near(f[PF_REL_NEG], 0.0, 0);
    spec_clear(&spec);
}

/* The doubt and debunking words of issue 8 are refutation cues of the
 * default spec: "questioned whether", "a spoof", "doctored", "exaggerated";
 * a model trained before them keeps the list its file records. */
static void test_doubt_words(void **state)
{
    static const char *bodies[] = {
        "Astronomers questioned whether a meteorite hit Managua.",
        "The meteorite in Managua was a spoof.",
        "Photos of the Managua meteorite were doctored.",
        "Reports of a meteorite in Managua were exaggerated.",
        "Scientists are skeptical that a meteorite hit Managua.",
    };
    struct feature_spec spec;
    double f[PAIR_N_DENSE];

    (void)state;
    assert_int_equal(spec_init_default(&spec), 0);
    for (size_t i = 0; i < sizeof bodies / sizeof *bodies; i++) {
        pair(&spec, "Meteorite hits Managua", bodies[i], f);
        assert_true(f[PF_REL_REFUTE] > 0.6);
        assert_true(f[PF_REF_B] > 0.0);
    }
    /* the same story told plainly has none */
    pair(&spec, "Meteorite hits Managua", "A meteorite hit Managua.", f);
    assert_near(f[PF_REL_REFUTE], 0.0, 0);
    spec_clear(&spec);
}

/* rel.plain_x_denying_a: a headline that denies, against the body's
 * sentence that tells its story without a denial; rel.refute_near_x_
 * question_a: a denial of a question headline's words. */
static void test_denying_headline_and_question(void **state)
{
    struct feature_spec spec;
    double f[PAIR_N_DENSE];

    (void)state;
    assert_int_equal(spec_init_default(&spec), 0);
    pair(&spec, "Weatherman was not peeing on camera",
         "The weatherman was peeing on camera. He apologised.", f);
    /* weatherman, peeing and camera of the headline's four content words
     * (its "not" is one, and the body's sentence lacks it) */
    assert_near(f[PF_REL_PLAIN_B], 0.75, 1e-12);
    assert_near(f[PF_REL_REFUTE_QUESTION], 0.0, 0);
    /* the body's only sentence with the story denies it too */
    pair(&spec, "Weatherman was not peeing on camera",
         "The weatherman was never peeing on camera.", f);
    assert_near(f[PF_REL_PLAIN_B], 0.0, 0);
    /* a plain headline has none */
    pair(&spec, "Weatherman peeing on camera",
         "The weatherman was peeing on camera.", f);
    assert_near(f[PF_REL_PLAIN_B], 0.0, 0);
    /* a question denied, and the same denial of a statement */
    pair(&spec, "Macaulay Culkin dead?",
         "Reports that Macaulay Culkin is dead are a hoax.", f);
    assert_near(f[PF_REL_REFUTE_QUESTION], 1.0, 1e-12);
    assert_near(f[PF_REL_REFUTE], 1.0, 1e-12);
    pair(&spec, "Macaulay Culkin dead",
         "Reports that Macaulay Culkin is dead are a hoax.", f);
    assert_near(f[PF_REL_REFUTE_QUESTION], 0.0, 0);
    assert_near(f[PF_REL_REFUTE], 1.0, 1e-12);
    spec_clear(&spec);
}

static void test_hedge_and_empty(void **state)
{
    struct feature_spec spec;
    double f[PAIR_N_DENSE];

    (void)state;
    assert_int_equal(spec_init_default(&spec), 0);
    pair(&spec, "Mayor resigns", "The mayor reportedly resigns.", f);
    assert_near(f[PF_REL_HEDGE], 1.0, 1e-12);
    assert_near(f[PF_REL_REFUTE], 0.0, 0);
    /* nothing to share: no content words on one side */
    pair(&spec, "The", "It was not so.", f);
    for (int k = PF_REL_REFUTE; k <= PF_REL_REFUTE_QUESTION; k++)
        assert_near(f[k], 0.0, 0);
    pair(&spec, "Mayor resigns", "", f);
    for (int k = PF_REL_REFUTE; k <= PF_REL_REFUTE_QUESTION; k++)
        assert_near(f[k], 0.0, 0);
    spec_clear(&spec);
}

/* features_pair() finds each of b's tokens in a's content words once, by a
 * table when b has more than two sentences (and a has at most 256 content
 * words), for the rel.* features and sent.max_cover: the same as
 * relative_features() given svec_find()'s positions, and the cover a
 * scan of every word counts, bit for bit; over 1,024 tokens of b too. */
static void test_positions_table(void **state)
{
    static const char *heads[] = {
        "Officials deny the mayor of town 7 resigned",
        "Mayor resigns",
        "Weather mild not denied hoax",
    };
    struct feature_spec spec;
    double f[PAIR_N_DENSE], g[PAIR_N_DENSE];
    size_t size = 40000, at = 0;
    char *body = malloc(size);

    (void)state;
    assert_non_null(body);
    assert_int_equal(spec_init_default(&spec), 0);
    for (int i = 0; i < 300 && at < size; i++)
        at += (size_t)snprintf(body + at, size - at, i % 7 == 3
                               ? "Officials denied that the mayor of town "
                                 "%d never resigned, reportedly. "
                               : "The weather in town %d was mild. ", i);
    for (size_t k = 0; k < sizeof heads / sizeof *heads; k++) {
        const size_t lens[] = { 40, 400, 4000, at };
        for (size_t l = 0; l < sizeof lens / sizeof *lens; l++) {
            size_t len = lens[l];
            struct text_info ta, tb;
            size_t *pos;
            double cov = 0.0;

            build(&spec, heads[k], &ta);
            text_info_init(&tb);
            assert_int_equal(text_info_build(&spec, body, len, &tb), 0);
            assert_true(l == 0 || tb.n_sent >= 3);
            assert_int_equal(features_pair(&spec, &ta, &tb, f, NULL, NULL,
                                           NULL), 0);
            pos = malloc((tb.tl.n ? tb.tl.n : 1) * sizeof *pos);
            assert_non_null(pos);
            for (size_t i = 0; i < tb.tl.n; i++)
                pos[i] = svec_find(&ta.content, tb.tl.tok[i].hash);
            memcpy(g, f, sizeof g);
            relative_features(&ta, &tb, tb.n_words > spec.long_b, pos, g);
            assert_memory_equal(f, g, sizeof f);
            for (size_t si = 0; si < tb.n_sent; si++) {
                size_t from = si ? tb.sent_end[si - 1] : 0, hit = 0;
                for (size_t w = 0; w < ta.content.n; w++)
                    for (size_t i = from; i < tb.sent_end[si]; i++)
                        if (tb.tl.tok[i].hash == ta.content.idx[w]) {
                            hit++;
                            break;
                        }
                if ((double)hit / (double)ta.content.n > cov)
                    cov = (double)hit / (double)ta.content.n;
            }
            assert_memory_equal(&f[PF_SENT_COVER], &cov, sizeof cov);
            free(pos);
            text_info_clear(&ta);
            text_info_clear(&tb);
        }
    }
    free(body);
    spec_clear(&spec);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_refute_near),
        cmocka_unit_test(test_headline_words),
        cmocka_unit_test(test_negation_before),
        cmocka_unit_test(test_doubt_words),
        cmocka_unit_test(test_denying_headline_and_question),
        cmocka_unit_test(test_hedge_and_empty),
        cmocka_unit_test(test_repeated_word),
        cmocka_unit_test(test_positions_table),
    };
    return cmocka_run_group_tests_name("relative", tests, NULL, NULL);
}

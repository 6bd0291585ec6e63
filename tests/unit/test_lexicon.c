/* test_lexicon.c - the lexical table's loader and the alignment over it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "t.h"
#include "base/hash.h"
#include "features/align.h"
#include "features/pair.h"
#include "lex/lexicon.h"
#include "lex/lexicon_format.h"

#define LEX_PATH "models/lexicon.bin"

/* A table of two forms and three synsets, built here byte by byte:
 * "hot" (synset 0) and "cold" (1) are antonyms, both under "temp" (2),
 * which is above three synsets (itself included); version 1 has no such
 * counts. */
static unsigned char *tiny_table(size_t *len, uint32_t version)
{
    uint32_t hot = fnv1a("hot", 3), cold = fnv1a("cold", 4);
    uint32_t key[2], sense[2] = { 0, 1 };
    uint32_t words[64];
    size_t n = 0;
    unsigned char *buf;

    /* keys sorted */
    key[0] = hot < cold ? hot : cold;
    key[1] = hot < cold ? cold : hot;
    if (key[0] != hot) {
        sense[0] = 1;
        sense[1] = 0;
    }
    words[n++] = key[0];
    words[n++] = key[1];
    words[n++] = key[0];                /* lemmas: themselves */
    words[n++] = key[1];
    words[n++] = 0u << LEX_SENSE_BITS | 1;      /* form_sense */
    words[n++] = 1u << LEX_SENSE_BITS | 1;
    words[n++] = sense[0];              /* sense[] */
    words[n++] = sense[1];
    words[n++] = 0;                     /* head[] */
    words[n++] = 1;
    words[n++] = 2;
    words[n++] = 0;                     /* hyp_off[] */
    words[n++] = 1;
    words[n++] = 2;
    words[n++] = 2;
    words[n++] = 2;                     /* hyp[]: 0 -> 2, 1 -> 2 */
    words[n++] = 2;
    words[n++] = 0;                     /* ant_off[] */
    words[n++] = 1;
    words[n++] = 2;
    words[n++] = 2;
    words[n++] = 1;                     /* ant[]: 0 <-> 1 */
    words[n++] = 0;
    if (version >= 2) {
        words[n++] = 1;                 /* below[] */
        words[n++] = 1;
        words[n++] = 3;
    }
    *len = LEX_HEADER_SIZE + 4 * n;
    buf = calloc(1, *len);
    assert_non_null(buf);
    for (size_t i = 0; i < n; i++)
        lex_put32(buf + LEX_HEADER_SIZE + 4 * i, words[i]);
    memcpy(buf, LEX_MAGIC, 8);
    lex_put32(buf + 8, version);
    lex_put32(buf + 12, 2);
    lex_put32(buf + 16, 2);
    lex_put32(buf + 20, 3);
    lex_put32(buf + 24, 2);
    lex_put32(buf + 28, 2);
    lex_put64(buf + 32, 4 * n);
    lex_put64(buf + 40, lex_checksum_of(version, buf + LEX_HEADER_SIZE,
                                        4 * n));
    return buf;
}

static void expect_bad(const unsigned char *buf, size_t len,
                       enum status code, const char *what)
{
    struct lexicon *lx = NULL;
    struct err e = { 0 };

    assert_int_equal(lexicon_parse(buf, len, "bad.bin", &lx, &e), code);
    assert_null(lx);
    if (!strstr(e.msg, what))
        print_error("message '%s' lacks '%s'\n", e.msg, what);
    assert_non_null(strstr(e.msg, what));
}

static void test_parse(void **state)
{
    size_t len, len1;
    unsigned char *buf = tiny_table(&len, LEX_VERSION), *t;
    unsigned char *v1 = tiny_table(&len1, 1);
    struct lexicon *lx = NULL;
    struct lex_word w;
    struct err e = { 0 };
    uint32_t links[4];

    (void)state;
    assert_int_equal(lexicon_parse(buf, len, "tiny", &lx, &e), 0);
    assert_int_equal(lexicon_find(lx, fnv1a("hot", 3), &w), 1);
    assert_int_equal(w.n, 1);
    assert_int_equal(lex_word_sense(&w, 0), 0);
    assert_int_equal(lexicon_find(lx, fnv1a("warm", 4), &w), 0);
    assert_int_equal(lexicon_links(lx, 0, 0, links, 4), 1);
    assert_int_equal(links[0], 2);
    assert_int_equal(lexicon_links(lx, 1, 1, links, 4), 1);
    assert_int_equal(links[0], 0);
    assert_int_equal(lexicon_links(lx, 7, 0, links, 4), 0);  /* no such id */
    assert_int_equal(lexicon_below(lx, 2), 3);
    assert_int_equal(lexicon_below(lx, 0), 1);
    assert_int_equal(lexicon_below(lx, 7), UINT32_MAX);
    lexicon_free(lx);
    /* a version-1 table loads, its specificity unknown */
    lx = NULL;
    assert_int_equal(lexicon_parse(v1, len1, "tiny1", &lx, &e), 0);
    assert_int_equal(lexicon_find(lx, fnv1a("cold", 4), &w), 1);
    assert_int_equal(lexicon_below(lx, 2), UINT32_MAX);
    lexicon_free(lx);
    expect_bad(v1, len1 - 4, STATUS_FORMAT, "truncated");
    free(v1);

    expect_bad(buf, 20, STATUS_FORMAT, "bad magic");
    expect_bad(buf, len - 4, STATUS_FORMAT, "truncated");
    t = malloc(len);
    memcpy(t, buf, len);
    lex_put32(t + 8, LEX_VERSION + 1);
    expect_bad(t, len, STATUS_VERSION, "version 4 not supported");
    memcpy(t, buf, len);
    t[len - 1] ^= 1;
    expect_bad(t, len, STATUS_FORMAT, "checksum mismatch");
    memcpy(t, buf, len);
    t[0] = 'X';
    expect_bad(t, len, STATUS_FORMAT, "not a gainsay lexical table");
    free(t);
    free(buf);
    lexicon_free(NULL);
}

/* Version 3 checks its payload with lanes64x4, versions 1 and 2 with the
 * FNV words: a version-2 table loads as before, a table whose version says
 * the other checksum is refused, and so is any changed byte of a
 * version-3 payload. */
static void test_checksum_versions(void **state)
{
    size_t len, len2;
    unsigned char *v3 = tiny_table(&len, 3), *v2 = tiny_table(&len2, 2);
    struct lexicon *lx = NULL;
    struct err e = { 0 };

    (void)state;
    assert_int_equal(len, len2);
    assert_true(lex_get64(v3 + 40) == checksum64(v3 + LEX_HEADER_SIZE,
                                                 len - LEX_HEADER_SIZE));
    assert_true(lex_get64(v2 + 40) != lex_get64(v3 + 40));
    assert_int_equal(lexicon_parse(v2, len2, "v2", &lx, &e), 0);
    assert_true(lexicon_checksum(lx) == lex_get64(v2 + 40));
    lexicon_free(lx);
    lx = NULL;
    assert_int_equal(lexicon_parse(v3, len, "v3", &lx, &e), 0);
    assert_true(lexicon_checksum(lx) == lex_get64(v3 + 40));
    lexicon_free(lx);
    lex_put32(v2 + 8, 3);           /* FNV sum under version 3 */
    expect_bad(v2, len2, STATUS_FORMAT, "checksum mismatch");
    lex_put32(v3 + 8, 2);           /* lanes sum under version 2 */
    expect_bad(v3, len, STATUS_FORMAT, "checksum mismatch");
    lex_put32(v3 + 8, 3);
    for (size_t i = LEX_HEADER_SIZE; i < len; i++) {
        v3[i] ^= 0x10;
        expect_bad(v3, len, STATUS_FORMAT, "checksum mismatch");
        v3[i] ^= 0x10;
    }
    free(v2);
    free(v3);
}

static void test_load_missing(void **state)
{
    struct lexicon *lx = NULL;
    struct err e = { 0 };

    (void)state;
    assert_int_equal(lexicon_load("tests/data/no-such.bin", &lx, &e),
                     STATUS_IO);
    assert_null(lx);
    assert_non_null(strstr(e.msg, "no-such.bin"));
}

/* Write buf[0..len) to a new temporary file, whose name goes to path. */
static void write_temp(char *path, const void *buf, size_t len)
{
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, buf, len), (ssize_t)len);
    assert_int_equal(close(fd), 0);
}

/* A table on disk shorter than its header says, or longer, is refused by
 * name before any section is read; one truncated (or rewritten) after it
 * was loaded changes nothing: the loader keeps its own copy, where a
 * mapping of the file would have raised SIGBUS on the pages cut off. */
static void test_load_truncated(void **state)
{
    char path[] = "/tmp/gainsay-lexXXXXXX";
    struct lexicon *lx = NULL;
    struct err e = { 0 };
    unsigned char *tiny, *full = NULL;
    size_t len, n_full = 0;
    uint32_t sum = 0, sum_after = 0;
    FILE *f;

    (void)state;
    tiny = tiny_table(&len, 3);
    for (size_t cut = LEX_HEADER_SIZE; cut < len; cut += 4) {
        write_temp(path, tiny, cut);
        assert_int_equal(lexicon_load(path, &lx, &e), STATUS_FORMAT);
        assert_null(lx);
        assert_non_null(strstr(e.msg, path));
        assert_non_null(strstr(e.msg, "truncated?"));
        unlink(path);
        strcpy(path, "/tmp/gainsay-lexXXXXXX");
    }
    free(tiny);

    f = fopen(LEX_PATH, "rb");
    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    n_full = (size_t)ftell(f);
    rewind(f);
    full = malloc(n_full);
    assert_non_null(full);
    assert_int_equal(fread(full, 1, n_full, f), n_full);
    fclose(f);
    write_temp(path, full, n_full);
    assert_int_equal(lexicon_load(path, &lx, &e), 0);
    for (uint32_t id = 0; id < 200000; id++)
        sum += lexicon_below(lx, id) + lexicon_head(lx, id);
    assert_int_equal(truncate(path, LEX_HEADER_SIZE), 0);
    for (uint32_t id = 0; id < 200000; id++)
        sum_after += lexicon_below(lx, id) + lexicon_head(lx, id);
    assert_int_equal(sum_after, sum);
    lexicon_free(lx);
    unlink(path);
    free(full);
}

/* The relation of the first content words of two one-word statements,
 * looked up in the shipped table. */
static enum align_rel relate(struct feature_spec *spec, const char *x,
                             const char *y)
{
    struct text_info a, b;
    enum align_rel r;

    text_info_init(&a);
    text_info_init(&b);
    assert_int_equal(text_info_build(spec, x, strlen(x), &a), 0);
    assert_int_equal(text_info_build(spec, y, strlen(y), &b), 0);
    assert_non_null(a.align);
    assert_true(a.align->n_w >= 1 && b.align->n_w >= 1);
    r = align_relate(spec->lex, &a.align->w[0], &b.align->w[0]);
    text_info_clear(&a);
    text_info_clear(&b);
    return r;
}

static void test_relations(void **state)
{
    struct feature_spec spec;
    struct lexicon *lx = NULL;
    struct err e = { 0 };

    (void)state;
    assert_int_equal(lexicon_load(LEX_PATH, &lx, &e), 0);
    assert_int_equal(spec_init_default(&spec), 0);
    spec.groups |= FG_ALIGN;
    spec.lex = lx;
    assert_int_equal(relate(&spec, "cats", "cats"), REL_EXACT);
    assert_int_equal(relate(&spec, "ran", "run"), REL_LEMMA);
    assert_int_equal(relate(&spec, "children", "child"), REL_LEMMA);
    assert_int_equal(relate(&spec, "car", "automobile"), REL_SYNONYM);
    assert_int_equal(relate(&spec, "dog", "animal"), REL_SPECIFIC);
    assert_int_equal(relate(&spec, "animal", "dog"), REL_GENERAL);
    assert_int_equal(relate(&spec, "hot", "cold"), REL_ANTONYM);
    assert_int_equal(relate(&spec, "rose", "fell"), REL_ANTONYM);
    assert_int_equal(relate(&spec, "increase", "decrease"), REL_ANTONYM);
    /* indirect: "scorching" is a satellite of "hot" */
    assert_int_equal(relate(&spec, "scorching", "cold"), REL_ANTONYM);
    assert_int_equal(relate(&spec, "cat", "dog"), REL_COHYPONYM);
    assert_int_equal(relate(&spec, "French", "German"), REL_COHYPONYM);
    assert_int_equal(relate(&spec, "red", "blue"), REL_COHYPONYM);
    assert_int_equal(relate(&spec, "kitchen", "bedroom"), REL_COHYPONYM);
    assert_int_equal(relate(&spec, "piano", "justice"), REL_NONE);
    assert_int_equal(relate(&spec, "kitchen", "table"), REL_NONE);
    /* close, but only under a general hypernym (artifact,
     * instrumentality): not co-hyponyms since the table counts what each
     * synset is above */
    assert_int_equal(relate(&spec, "car", "house"), REL_NONE);
    assert_int_equal(relate(&spec, "guitar", "bicycle"), REL_NONE);
    assert_int_equal(relate(&spec, "car", "truck"), REL_COHYPONYM);
    assert_int_equal(relate(&spec, "table", "chair"), REL_COHYPONYM);
    spec_clear(&spec);
    lexicon_free(lx);
}

static double feature(struct feature_spec *spec, const char *x,
                      const char *y, enum pair_feature k)
{
    struct text_info a, b;
    double f[PAIR_N_DENSE];

    text_info_init(&a);
    text_info_init(&b);
    assert_int_equal(text_info_build(spec, x, strlen(x), &a), 0);
    assert_int_equal(text_info_build(spec, y, strlen(y), &b), 0);
    assert_int_equal(features_pair(spec, &a, &b, f, NULL, NULL, NULL), 0);
    text_info_clear(&a);
    text_info_clear(&b);
    return f[k];
}

static void test_pair_cues(void **state)
{
    struct feature_spec spec;
    struct lexicon *lx = NULL;
    struct err e = { 0 };

    (void)state;
    assert_int_equal(lexicon_load(LEX_PATH, &lx, &e), 0);
    assert_int_equal(spec_init_default(&spec), 0);
    spec.groups |= FG_ALIGN;
    spec.lex = lx;
    /* negation on the aligned verb, not anywhere */
    assert_true(feature(&spec, "She did not attend the summit",
                        "She attended the summit", PF_SC_NEG_DIFF) == 1.0);
    assert_true(feature(&spec, "She attended the summit, not the dinner",
                        "She attended the summit", PF_SC_NEG_DIFF) == 0.0);
    /* numbers for the same noun, digits and words alike */
    assert_true(feature(&spec, "43 students passed", "136 students passed",
                        PF_N_CONFLICT) == 1.0);
    assert_true(feature(&spec, "two dogs bark", "three dogs bark",
                        PF_N_CONFLICT) == 1.0);
    assert_true(feature(&spec, "two dogs bark", "2 dog barks",
                        PF_N_AGREE) == 1.0);
    assert_true(feature(&spec, "He came first", "He came third",
                        PF_ORD_DIFF) == 1.0);
    assert_true(feature(&spec, "It opened in 2014", "It opened in 2015",
                        PF_DATE_YEAR) == 1.0);
    assert_true(feature(&spec, "It opened in March", "It opened in June",
                        PF_DATE_MONTH) == 1.0);
    /* names on one side only: capitalised, not the first word */
    assert_near(feature(&spec, "The talks in Vienna ended",
                        "The talks in Geneva ended", PF_NAME_A_ONLY), 1.0,
                1e-12);
    assert_true(feature(&spec, "Every dog barks", "Some dogs bark",
                        PF_Q_ALL_SOME) == 1.0);
    assert_true(feature(&spec, "Prices rose", "Prices fell",
                        PF_AL_ANT_ANY) == 1.0);
    spec_clear(&spec);
    lexicon_free(lx);
}

/* One word or number swapped in an otherwise identical sentence: the cues
 * that make such a pair a contradiction, whatever the training sets teach
 * about the same cue between sentences that differ everywhere. */
static void test_swaps(void **state)
{
    struct feature_spec spec;
    struct lexicon *lx = NULL;
    struct err e = { 0 };
    const char *s85 = "The crater had a radius of 85 feet and a depth of 16 "
                      "feet.";
    const char *s49 = "The crater had a radius of 85 feet and a depth of 49 "
                      "feet.";

    (void)state;
    assert_int_equal(lexicon_load(LEX_PATH, &lx, &e), 0);
    assert_int_equal(spec_init_default(&spec), 0);
    spec.groups |= FG_ALIGN;
    spec.lex = lx;
    /* one of two numbers of a noun changed: a conflict, although the
     * other agrees; no value in common is not needed */
    assert_true(feature(&spec, s85, s49, PF_N_CONFLICT) == 1.0);
    assert_true(feature(&spec, s85, s49, PF_N_SWAP) == 1.0);
    assert_true(feature(&spec, s85, s49, PF_N_ANY_DIFF) == 0.0);
    assert_true(feature(&spec, s85, s85, PF_N_SWAP) == 0.0);
    assert_true(feature(&spec, s85, s49, PF_N_SWAP_X) > 0.9);
    /* a number with no noun after it counts the word before it */
    assert_true(feature(&spec, "He died at age 52 in Texas.",
                        "He died at age 61 in Texas.", PF_N_CONFLICT) == 1.0);
    assert_true(feature(&spec, "The school hired 43 students last year.",
                        "The school hired 136 students last year.",
                        PF_N_CONFLICT) == 1.0);
    /* a number too large for a double (400 digits, and 0 times it) is
     * one value, not NaN: the numbers after it still count */
    {
        char a[1000], b[1000], big[401];
        memset(big, '9', 400);
        big[400] = '\0';
        snprintf(a, sizeof a, "Of 0 %s dollars, 43 students got some.", big);
        snprintf(b, sizeof b, "Of 0 %s dollars, 136 students got some.",
                 big);
        assert_true(feature(&spec, a, b, PF_N_CONFLICT) == 1.0);
        assert_true(feature(&spec, a, a, PF_N_CONFLICT) == 0.0);
        snprintf(a, sizeof a, "%s %s cats and 4 dogs", big, big);
        snprintf(b, sizeof b, "%s %s cats and 5 dogs", big, big);
        assert_true(feature(&spec, a, b, PF_N_CONFLICT) == 1.0);
        assert_true(feature(&spec, a, a, PF_N_AGREE) == 1.0);
    }
    /* a number added to one side is no swap */
    assert_true(feature(&spec, "The school hired students.",
                        "The school hired 136 students.", PF_N_SWAP) == 0.0);
    /* an antonym in an otherwise identical sentence, against one among
     * other differences */
    assert_true(feature(&spec, "Oil prices rose sharply in March.",
                        "Oil prices fell sharply in March.", PF_AL_ANT_X)
                == 1.0);
    assert_true(feature(&spec, "Oil prices rose sharply in March.",
                        "The lake level fell in a dry summer.", PF_AL_ANT_X)
                < 0.5);
    assert_true(feature(&spec, "Oil prices rose sharply in March.",
                        "Oil prices rose sharply in March.", PF_AL_ANT_X)
                == 0.0);
    /* verbs whose antonym WordNet gives on a sense past their first
     * three (the table keeps such senses too) */
    assert_true(feature(&spec, "The ball hit the target.",
                        "The ball missed the target.", PF_AL_ANT_X) == 1.0);
    assert_true(feature(&spec, "She will find the key.",
                        "She will lose the key.", PF_AL_ANT_X) == 1.0);
    assert_true(feature(&spec, "They are buying shares.",
                        "They are selling shares.", PF_AL_ANT_X) == 1.0);
    /* a negation added to an otherwise identical sentence */
    assert_true(feature(&spec, "The centre is waiting for test results.",
                        "The centre is not waiting for test results.",
                        PF_SC_NEG_X) == 1.0);
    assert_near(feature(&spec, "The centre is waiting for test results.",
                        "The centre is waiting for test results.",
                        PF_AL_MATCHED), 1.0, 1e-12);
    spec_clear(&spec);
    lexicon_free(lx);
}

/* The edits of one word in an otherwise identical sentence that the
 * table alone does not show: a number written with its unit, an ordinal,
 * a quantifier swapped for another, a word replaced by one the table
 * does not relate to it. */
static void test_minimal_edits(void **state)
{
    struct feature_spec spec;
    struct lexicon *lx = NULL;
    struct err e = { 0 };

    (void)state;
    assert_int_equal(lexicon_load(LEX_PATH, &lx, &e), 0);
    assert_int_equal(spec_init_default(&spec), 0);
    spec.groups |= FG_ALIGN;
    spec.lex = lx;
    /* "38mm" is 38 of mm, not a word to align */
    assert_true(feature(&spec, "The lens is 38mm wide.",
                        "The lens is 199mm wide.", PF_N_CONFLICT) == 1.0);
    assert_true(feature(&spec, "The lens is 38mm wide.",
                        "The lens is 199mm wide.", PF_N_CONFLICT_X) == 1.0);
    assert_true(feature(&spec, "The engine gives 1,200hp at most.",
                        "The engine gives 1200hp at most.", PF_N_CONFLICT)
                == 0.0);
    assert_true(feature(&spec, "It opens at 9.56am daily.",
                        "It opens at 35.7am daily.", PF_N_SWAP_X) == 1.0);
    /* not a unit: an identifier, an ordinal, a decimal point alone */
    assert_true(feature(&spec, "The 3d model is 5mm tall.",
                        "The 3d model is 5mm tall.", PF_N_CONFLICT) == 0.0);
    /* a conflict for the same noun while another value is shared: no
     * swap, still a conflict in an identical sentence */
    assert_true(feature(&spec, "Two boys and three girls left the room.",
                        "Three boys and three girls left the room.",
                        PF_N_SWAP) == 0.0);
    assert_true(feature(&spec, "Two boys and three girls left the room.",
                        "Three boys and three girls left the room.",
                        PF_N_CONFLICT_X) > 0.9);
    assert_true(feature(&spec, "The school hired 43 students last year.",
                        "The city hired 136 teachers for a new park.",
                        PF_N_CONFLICT_X) == 0.0);
    /* "men" counts "man" (the table gives the plural its singular's
     * lemma, not its own rare one) */
    assert_true(feature(&spec, "One man is playing soccer.",
                        "Two men are playing soccer.", PF_N_CONFLICT) == 1.0);
    /* digit ordinals are numbers: the rest of the sentence matches */
    assert_true(feature(&spec, "He finished 13th in the race.",
                        "He finished 71th in the race.", PF_ORD_X) == 1.0);
    assert_near(feature(&spec, "He finished 13th in the race.",
                        "He finished 71th in the race.", PF_AL_MATCHED),
                1.0, 1e-12);
    /* quantifiers replaced by others, or by none */
    assert_true(feature(&spec, "Many people came to the rally.",
                        "Few people came to the rally.", PF_Q_SWAP_X) == 1.0);
    assert_true(feature(&spec, "All students passed the exam.",
                        "Some students passed the exam.", PF_Q_SWAP_X)
                == 1.0);
    assert_true(feature(&spec, "Many people came to the rally.",
                        "Many people came to the rally.", PF_Q_SWAP_X)
                == 0.0);
    assert_true(feature(&spec, "Many people came to the rally.",
                        "People came to the rally.", PF_Q_SWAP_X) == 0.0);
    /* one unrelated word swapped, everything else the same */
    assert_true(feature(&spec, "He works for MI5 in London.",
                        "He works for MI14 in London.", PF_AL_ONE_SUB)
                == 1.0);
    assert_true(feature(&spec, "He works for MI5 in London.",
                        "He works for MI5 in London.", PF_AL_ONE_SUB) == 0.0);
    assert_true(feature(&spec, "He works for MI5 in London.",
                        "She plays golf in Paris.", PF_AL_ONE_SUB) == 0.0);
    /* two words swapped is not one */
    assert_true(feature(&spec, "He works for MI5 in London.",
                        "He works for MI14 in Zxqv.", PF_AL_ONE_SUB) == 0.0);
    spec_clear(&spec);
    lexicon_free(lx);
}

/* align_analyze reuses the block it is handed: analysing texts in turn
 * allocates once, and nothing of the earlier text is left over. */
static void test_reuse(void **state)
{
    struct feature_spec spec;
    struct lexicon *lx = NULL;
    struct err e = { 0 };
    struct text_info a, b;
    struct align_info *keep;

    (void)state;
    assert_int_equal(lexicon_load(LEX_PATH, &lx, &e), 0);
    assert_int_equal(spec_init_default(&spec), 0);
    spec.groups |= FG_ALIGN;
    spec.lex = lx;
    text_info_init(&a);
    text_info_init(&b);
    {
        const char *x = "In May 2014 every one of the 43 students won";
        assert_int_equal(text_info_build(&spec, x, strlen(x), &a), 0);
        assert_int_equal(text_info_build(&spec, "Dogs bark", 9, &b), 0);
    }
    assert_true(a.align->n_num > 0 && a.align->n_year > 0);
    keep = a.align;
    assert_int_equal(align_analyze(&spec, &b.tl, b.cue, b.sent_end,
                                   b.n_sent, &a.align), 0);
    assert_ptr_equal(a.align, keep);
    assert_int_equal(a.align->n_w, b.align->n_w);
    assert_int_equal(a.align->n_num, 0);
    assert_int_equal(a.align->n_year, 0);
    assert_int_equal(a.align->n_month, 0);
    assert_int_equal(a.align->quant_univ, 0);
    for (size_t i = 0; i < a.align->n_w; i++) {
        assert_int_equal(a.align->w[i].hash, b.align->w[i].hash);
        assert_int_equal(a.align->w[i].n_syn, b.align->w[i].n_syn);
        assert_int_equal(a.align->w[i].n_seed, b.align->w[i].n_seed);
        assert_memory_equal(a.align->w[i].syn, b.align->w[i].syn,
                            b.align->w[i].n_syn * sizeof(uint32_t));
    }
    text_info_clear(&a);
    text_info_clear(&b);
    spec_clear(&spec);
    lexicon_free(lx);
}

/* A compacted analysis (text_info_compact(), what the score cache keeps)
 * gives the same features as the one it was made from, holds less, and
 * its alignment block, handed back to align_analyze(), is replaced by a
 * full one rather than written past its end. */
static void test_compact(void **state)
{
    static const char *const texts[] = {
        "In May 2014 every one of the 43 students did not win the prize.",
        "Some of the forty three pupils won a prize in June 2015?",
        "Dogs bark",
        ""
    };
    enum { N = sizeof texts / sizeof *texts };
    struct feature_spec spec;
    struct lexicon *lx = NULL;
    struct err e = { 0 };
    struct text_info full[N], small[N];

    (void)state;
    assert_int_equal(lexicon_load(LEX_PATH, &lx, &e), 0);
    assert_int_equal(spec_init_default(&spec), 0);
    spec.groups |= FG_ALIGN;
    spec.lex = lx;
    for (size_t i = 0; i < N; i++) {
        size_t len = strlen(texts[i]), before;
        text_info_init(&full[i]);
        text_info_init(&small[i]);
        assert_int_equal(text_info_build(&spec, texts[i], len, &full[i]), 0);
        assert_int_equal(text_info_build(&spec, texts[i], len, &small[i]),
                         0);
        before = text_info_bytes(&small[i]);
        assert_int_equal(text_info_compact(&small[i]), 0);
        assert_true(text_info_bytes(&small[i]) <= before);
        if (small[i].align) {
            assert_true(text_info_bytes(&small[i]) < before);
            assert_int_equal(small[i].align->cap_w, small[i].align->n_w);
        }
    }
    for (size_t i = 0; i < N; i++)
        for (size_t j = 0; j < N; j++) {
            double f[PAIR_N_DENSE], g[PAIR_N_DENSE];
            struct svec x, y;
            svec_init(&x);
            svec_init(&y);
            assert_int_equal(features_full(&spec, &full[i], &full[j], &x,
                                           NULL), 0);
            assert_int_equal(features_full(&spec, &small[i], &small[j], &y,
                                           NULL), 0);
            assert_int_equal(x.n, y.n);
            assert_memory_equal(x.idx, y.idx, x.n * sizeof *x.idx);
            assert_memory_equal(x.val, y.val, x.n * sizeof *x.val);
            assert_int_equal(features_pair(&spec, &full[i], &full[j], f,
                                           NULL, NULL, NULL), 0);
            assert_int_equal(features_pair(&spec, &small[i], &small[j], g,
                                           NULL, NULL, NULL), 0);
            assert_memory_equal(f, g, sizeof f);
            svec_clear(&x);
            svec_clear(&y);
        }
    /* the long text's words into the compact block of "Dogs bark" */
    assert_true(small[2].align && small[2].align->cap_w < ALIGN_MAX_WORDS);
    assert_int_equal(align_analyze(&spec, &full[0].tl, full[0].cue,
                                   full[0].sent_end, full[0].n_sent,
                                   &small[2].align), 0);
    assert_int_equal(small[2].align->cap_w, ALIGN_MAX_WORDS);
    assert_int_equal(small[2].align->n_w, full[0].align->n_w);
    for (size_t i = 0; i < N; i++) {
        text_info_clear(&full[i]);
        text_info_clear(&small[i]);
    }
    spec_clear(&spec);
    lexicon_free(lx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_checksum_versions),
        cmocka_unit_test(test_load_missing),
        cmocka_unit_test(test_load_truncated),
        cmocka_unit_test(test_relations),
        cmocka_unit_test(test_pair_cues),
        cmocka_unit_test(test_swaps),
        cmocka_unit_test(test_minimal_edits),
        cmocka_unit_test(test_reuse),
        cmocka_unit_test(test_compact),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

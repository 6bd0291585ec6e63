/* test_text.c - tokenizer, sentence splitter and UTF-8 checks. */
#include <stdlib.h>
#include <utf8proc.h>

#include "t.h"
#include "text/sentence.h"
#include "text/tokenize.h"
#include "text/utf8.h"

static void expect_tokens(const char *s, const char *const *want, size_t n)
{
    struct token_list tl;

    token_list_init(&tl);
    assert_int_equal(text_tokenize(s, strlen(s), &tl), 0);
    if (tl.n != n) {
        for (size_t i = 0; i < tl.n; i++)
            print_error("token %zu: '%s'\n", i, token_str(&tl, i));
    }
    assert_int_equal(tl.n, n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(token_str(&tl, i), want[i]);
    token_list_clear(&tl);
}

static void test_contractions(void **state)
{
    static const char *const w1[] = { "he", "did", "n't", "go", "it", "'s",
                                      "can", "not", "be" };
    static const char *const w2[] = { "we", "can", "n't", "and", "will",
                                      "n't", "obrien" };
    (void)state;
    expect_tokens("He didn't go; it's cannot be", w1, 9);
    /* curly apostrophe, and a name that only looks like a contraction
     * (obrien: the apostrophe joins) */
    expect_tokens("We can\xE2\x80\x99t and won't O'Brien", w2, 7);
}

static void test_contraction_flags(void **state)
{
    struct token_list tl;

    (void)state;
    token_list_init(&tl);
    assert_int_equal(text_tokenize("don't", 5, &tl), 0);
    assert_int_equal(tl.n, 2);
    assert_true(tl.tok[1].flags & TOKEN_NEG);
    assert_false(tl.tok[0].flags & TOKEN_NEG);
    token_list_clear(&tl);
}

static void test_case_and_accents(void **state)
{
    static const char *const w[] = { "strasse", "cafe", "istanbul" };
    (void)state;
    /* NFKC case folding maps the sharp s to ss and strips the accent */
    expect_tokens("STRA\xC3\x9F" "E Caf\xC3\xA9 \xC4\xB0stanbul", w, 3);
}

static void test_numbers(void **state)
{
    static const char *const w[] = { "rose", "1000", "to", "3.5", "in",
                                     "2014", "?" };
    struct token_list tl;

    (void)state;
    expect_tokens("Rose 1,000 to 3.5 in 2014?", w, 7);
    token_list_init(&tl);
    assert_int_equal(text_tokenize("1,000 cats", 10, &tl), 0);
    assert_true(tl.tok[0].flags & TOKEN_NUMBER);
    assert_false(tl.tok[1].flags & TOKEN_NUMBER);
    token_list_clear(&tl);
}

static void test_invalid_utf8(void **state)
{
    struct token_list tl;
    const char bad[] = "ok \xC3\x28 no";

    (void)state;
    token_list_init(&tl);
    assert_int_equal(text_tokenize(bad, sizeof bad - 1, &tl), STATUS_UTF8);
    token_list_clear(&tl);
    assert_int_equal(utf8_check(bad, sizeof bad - 1), 3);
    assert_int_equal(utf8_check("a\0b", 3), 1);
    assert_int_equal(utf8_check("\xE2\x80\x99", 3), 3);
    assert_int_equal(utf8_line_of("a\nb\nc", 4), 3);
    assert_int_equal(utf8_count("caf\xC3\xA9", 5), 4);
}

/* utf8_check() byte by byte, as it was before the 8-byte ASCII path: the
 * reference the fast path must agree with. */
static size_t check_bytewise(const char *s, size_t len)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t i = 0;

    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n;

        if (p[i] == 0)
            return i;
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n < 0)
            return i;
        i += (size_t)n;
    }
    return len;
}

/* Each odd byte (NUL, 0x7F, 0x80, 0xFF, a lead byte cut short, a 2-, 3-
 * and 4-byte character) at every offset of ASCII runs of 0..40 bytes, so
 * that it falls at each place of an 8-byte word and straddles words. */
static void test_utf8_check_words(void **state)
{
    static const char *const odd[] = {
        "\x00", "\x7F", "\x01", "\x80", "\xFF", "\xC3", "\xC3\xA9",
        "\xE2\x80\x99", "\xE2\x80", "\xF0\x9F\x98\x80", "\xF0\x9F\x98",
        "\xED\xA0\x80", "\xC0\xAF", "\xF4\x90\x80\x80", "\xC3\x28"
    };
    char buf[64];

    (void)state;
    for (size_t k = 0; k < sizeof odd / sizeof *odd; k++) {
        size_t ol = k == 0 ? 1 : strlen(odd[k]);
        for (size_t len = 0; len <= 40; len++)
            for (size_t at = 0; at <= len; at++) {
                size_t n = len + ol;
                memset(buf, 'a', sizeof buf);
                memcpy(buf + at, odd[k], ol);
                if (utf8_check(buf, n) != check_bytewise(buf, n))
                    print_error("odd %zu len %zu at %zu\n", k, len, at);
                assert_int_equal(utf8_check(buf, n), check_bytewise(buf, n));
            }
    }
    /* the ends of the ASCII range in every byte of a word */
    for (int c = 0; c < 256; c++)
        for (size_t at = 0; at < 16; at++) {
            memset(buf, 'z', 16);
            buf[at] = (char)c;
            assert_int_equal(utf8_check(buf, 16), check_bytewise(buf, 16));
        }
}

static void expect_sentences(const char *s, const char *const *want,
                             size_t n)
{
    struct span *sp = NULL;
    size_t ns = 0;

    assert_int_equal(text_split_sentences(s, strlen(s), &sp, &ns), 0);
    if (ns != n)
        for (size_t i = 0; i < ns; i++)
            print_error("sentence %zu: '%.*s'\n", i,
                        (int)(sp[i].end - sp[i].start), s + sp[i].start);
    assert_int_equal(ns, n);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(sp[i].end - sp[i].start, strlen(want[i]));
        assert_memory_equal(s + sp[i].start, want[i], strlen(want[i]));
    }
    free(sp);
}

static void test_sentences(void **state)
{
    static const char *const w1[] = {
        "Mr. Smith paid $3.50 in the U.S. on Jan. 5.",
        "J. R. R. Tolkien wrote it.",
        "Wait... what?",
        "It ended."
    };
    static const char *const w2[] = {
        "\"I did not do it. I was at home,\" he said.",
        "Police disagreed."
    };
    static const char *const w3[] = {
        "\xE2\x80\x9CNo. Never.\xE2\x80\x9D Peskov said.",
        "Next one."
    };
    static const char *const w4[] = { "Headline here", "Body starts.",
                                      "Ends." };
    (void)state;
    expect_sentences("Mr. Smith paid $3.50 in the U.S. on Jan. 5. "
                     "J. R. R. Tolkien wrote it. Wait... what? It ended.",
                     w1, 4);
    expect_sentences("\"I did not do it. I was at home,\" he said. "
                     "Police disagreed.", w2, 2);
    expect_sentences("\xE2\x80\x9CNo. Never.\xE2\x80\x9D Peskov said. "
                     "Next one.", w3, 2);
    expect_sentences("Headline here\n\n  Body starts. Ends.", w4, 3);
}

static void test_sentences_stray_quote(void **state)
{
    char *s = malloc(5000);
    struct span *sp = NULL;
    size_t ns = 0, at = 0;

    (void)state;
    /* an unmatched quote must not swallow the rest of the text */
    at += (size_t)sprintf(s + at, "He said \"yes. ");
    while (at < 4800)
        at += (size_t)sprintf(s + at, "Another sentence here. ");
    assert_int_equal(text_split_sentences(s, at, &sp, &ns), 0);
    assert_true(ns > 100);
    free(sp);
    free(s);
}

static void test_empty(void **state)
{
    struct span *sp = NULL;
    size_t ns = 5;
    struct token_list tl;

    (void)state;
    assert_int_equal(text_split_sentences("   \n\n ", 6, &sp, &ns), 0);
    assert_int_equal(ns, 0);
    free(sp);
    token_list_init(&tl);
    assert_int_equal(text_tokenize("", 0, &tl), 0);
    assert_int_equal(tl.n, 0);
    assert_int_equal(text_tokenize("!!! ...", 7, &tl), 0);
    assert_int_equal(tl.n, 0);
    token_list_clear(&tl);
}

/* NFKC growth is bounded: one U+FDFA in a sentence is fine, a text made
 * of them is refused (short ones after mapping, long ones before). */
static void test_nfkc_growth_bounded(void **state)
{
    static const char fdfa[] = "\xEF\xB7\xBA";
    size_t big = 100000;
    char *s = malloc(big * 3 + 1);
    struct token_list tl;

    (void)state;
    assert_non_null(s);
    token_list_init(&tl);
    strcpy(s, "The Prophet ");
    strcat(s, fdfa);
    strcat(s, " said so.");
    assert_int_equal(text_tokenize(s, strlen(s), &tl), 0);
    assert_true(tl.n > 4);
    token_list_reset(&tl);
    for (size_t i = 0; i < 200; i++)
        memcpy(s + 3 * i, fdfa, 3);
    assert_int_equal(text_tokenize(s, 600, &tl), STATUS_LIMIT);
    assert_int_equal(tl.n, 0);
    for (size_t i = 0; i < big; i++)
        memcpy(s + 3 * i, fdfa, 3);
    assert_int_equal(text_tokenize(s, big * 3, &tl), STATUS_LIMIT);
    assert_int_equal(tl.n, 0);
    /* a long text of ordinary accented words is not */
    for (size_t i = 0; i + 6 <= big * 3; i += 6)
        memcpy(s + i, "caf\xC3\xA9 ", 6);
    assert_int_equal(text_tokenize(s, big * 3 / 6 * 6, &tl), 0);
    assert_int_equal(tl.n, big / 2);
    assert_string_equal(text_status_message(STATUS_LIMIT),
                        "a statement grows more than threefold under "
                        "Unicode (NFKC) normalisation");
    token_list_clear(&tl);
    free(s);
}

/* text_fold() (ASCII by hand, the rest by utf8proc) gives utf8proc_map()'s
 * bytes for the whole text: pieces that combine with the ASCII before them
 * (e + U+0301, = + U+0338), ligatures, sigma, ignorables, Hangul jamo,
 * controls and bad bytes, in every order a seeded generator makes. */
static void test_fold_matches_utf8proc(void **state)
{
    static const char *const piece[] = {
        "e", "E", "a", "Z", "1", "0", ".", ",", "'", " ", "\t", "\n", "=",
        "_", "?", "\x7f", "\x01", "\xcc\x81", "\xcc\xb8", "\xe2\x80\x99",
        "\xef\xac\x81", "\xce\xa3", "\xc2\xad", "\xe2\x80\x8b",
        "\xe1\x84\x80", "\xe1\x85\xa1", "\xe1\x86\xa8", "\xc3\x89",
        "\xef\xbc\xa1", "\xe2\x91\xa0", "\xc3", "\xff", "\xe2\x80"
    };
    const size_t n_piece = sizeof piece / sizeof *piece;
    uint64_t rng = 2385;
    char buf[256];

    (void)state;
    for (int t = 0; t < 20000; t++) {
        size_t len = 0, k = 1 + (size_t)(t % 7);
        utf8proc_uint8_t *want = NULL;
        utf8proc_ssize_t wn;
        char *got = NULL;
        size_t gn = 0;
        int rc;
        for (size_t i = 0; i < k; i++) {
            const char *p;
            rng = rng * 6364136223846793005u + 1442695040888963407u;
            p = piece[(rng >> 33) % n_piece];
            memcpy(buf + len, p, strlen(p));
            len += strlen(p);
        }
        wn = utf8proc_map((const utf8proc_uint8_t *)buf,
                          (utf8proc_ssize_t)len, &want,
                          UTF8PROC_STABLE | UTF8PROC_COMPAT
                          | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD
                          | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
        rc = text_fold(buf, len, &got, &gn);
        if (wn < 0) {
            assert_int_equal(rc, STATUS_UTF8);
        } else {
            assert_int_equal(rc, 0);
            assert_int_equal(gn, (size_t)wn);
            assert_memory_equal(got, want, gn);
        }
        free(want);
        free(got);
    }
}

/* The ASCII shortcut of text_tokenize() gives the tokens of the utf8proc
 * path (text, hash, flags: capitals, numbers, contractions), over seeded
 * mixes of the pieces those rules turn on, short and past the shortcut's
 * stack buffer. */
static void test_ascii_tokens(void **state)
{
    static const char *const piece[] = {
        "a", "B", "can", "Cannot", "won", "shan", "don", "n", "t", "s",
        "re", "ll", "ve", "d", "m", "o", "It", "1", "9", "0", ".", ",",
        "'", "?", " ", "\t", "\n", "!", "-", "_", "\x01", "\x7f", "\"",
        "Mr", "U", "Z", "x", "(", "2019", "3.5", "1,000"
    };
    const size_t n_piece = sizeof piece / sizeof *piece;
    uint64_t rng = 77;
    char buf[2048];

    (void)state;
    for (int t = 0; t < 30000; t++) {
        struct token_list got, want;
        size_t len = 0, k = 1 + (size_t)(t % 23) * (t % 50 == 0 ? 40 : 1);
        int rg, rw;
        for (size_t i = 0; i < k; i++) {
            const char *p;
            rng = rng * 6364136223846793005u + 1442695040888963407u;
            p = piece[(rng >> 33) % n_piece];
            memcpy(buf + len, p, strlen(p));
            len += strlen(p);
        }
        token_list_init(&got);
        token_list_init(&want);
        /* into lists that hold a token already, as a text's sentences do */
        assert_int_equal(text_tokenize("Go", 2, &got), 0);
        assert_int_equal(text_tokenize_unicode("Go", 2, &want), 0);
        rg = text_tokenize(buf, len, &got);
        rw = text_tokenize_unicode(buf, len, &want);
        assert_int_equal(rg, rw);
        assert_int_equal(got.n, want.n);
        assert_int_equal(got.text_len, want.text_len);
        assert_memory_equal(got.text, want.text, got.text_len);
        for (size_t i = 0; i < got.n; i++) {
            assert_int_equal(got.tok[i].off, want.tok[i].off);
            assert_int_equal(got.tok[i].len, want.tok[i].len);
            assert_int_equal(got.tok[i].hash, want.tok[i].hash);
            assert_int_equal(got.tok[i].flags, want.tok[i].flags);
        }
        token_list_clear(&got);
        token_list_clear(&want);
    }
}

/* The splitter steps over bytes that decide nothing; what it decides at
 * the rest is unchanged: capitalised abbreviations, multi-byte letters
 * beside a period, curly quotes, U+2026. */
static void test_sentences_bytes(void **state)
{
    static const char *const w1[] = {
        "DR. \xC3\x89mile MR. Smith left caf\xC3\xA9.",
        "\xC3\x89t\xC3\xA9 came.",
        "Then \xE2\x80\x9Cquoted. Still\xE2\x80\x9D in.",
        "Wait\xE2\x80\xA6",
        "Done. \xC3\xA9lan too."
    };
    (void)state;
    expect_sentences("DR. \xC3\x89mile MR. Smith left caf\xC3\xA9. "
                     "\xC3\x89t\xC3\xA9 came. Then \xE2\x80\x9Cquoted. "
                     "Still\xE2\x80\x9D in. Wait\xE2\x80\xA6 "
                     "Done. \xC3\xA9lan too.", w1, 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_contractions),
        cmocka_unit_test(test_nfkc_growth_bounded),
        cmocka_unit_test(test_contraction_flags),
        cmocka_unit_test(test_case_and_accents),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_utf8_check_words),
        cmocka_unit_test(test_sentences),
        cmocka_unit_test(test_sentences_stray_quote),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_fold_matches_utf8proc),
        cmocka_unit_test(test_ascii_tokens),
        cmocka_unit_test(test_sentences_bytes),
    };
    return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}

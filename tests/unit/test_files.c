/* test_files.c - what decides which files and lines are checked, and how:
 * globs, ignore rules, config files, git diffs, inline directives,
 * baselines and the ordered parallel loop. */
#include <stdlib.h>

#include "t.h"
#include "base/parallel.h"
#include "check/check.h"
#include "config/config.h"
#include "doc/document.h"
#include "doc/html.h"
#include "doc/markdown.h"
#include "files/changes.h"
#include "files/ignore.h"
#include "files/pattern.h"
#include "check/baseline.h"
#include "report/check_report.h"

static void test_wildmatch(void **state)
{
    static const struct { const char *pat, *text; int want; } cases[] = {
        { "*.md", "a.md", 1 }, { "*.md", "d/a.md", 0 },
        { "*.md", ".md", 1 }, { "a?c", "abc", 1 }, { "a?c", "a/c", 0 },
        { "**/*.md", "a.md", 1 }, { "**/*.md", "x/y/a.md", 1 },
        { "drafts/**", "drafts/a/b.md", 1 }, { "drafts/**", "drafts", 0 },
        { "a/**/b", "a/b", 1 }, { "a/**/b", "a/x/y/b", 1 },
        { "a/**/b", "a/x/y/c", 0 }, { "a**b", "a/b", 0 },
        { "a**b", "axxb", 1 }, { "[abc].md", "b.md", 1 },
        { "[!abc].md", "b.md", 0 }, { "[a-c]x", "cx", 1 },
        { "[a-c]x", "dx", 0 }, { "\\*.md", "*.md", 1 },
        { "\\*.md", "a.md", 0 }, { "[", "[", 0 },
        { "*a*a*a*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 0 },
        { "", "", 1 }, { "*", "", 1 }, { "?", "", 0 }
    };

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        if (wildmatch(cases[i].pat, cases[i].text) != cases[i].want)
            print_error("wildmatch(\"%s\", \"%s\") != %d\n", cases[i].pat,
                        cases[i].text, cases[i].want);
        assert_int_equal(wildmatch(cases[i].pat, cases[i].text),
                         cases[i].want);
    }
}

static void test_pattern_lines(void **state)
{
    struct pattern p;

    (void)state;
    assert_int_equal(pattern_compile(&p, "# comment", 9), 0);
    assert_null(p.glob);
    assert_int_equal(pattern_compile(&p, "   ", 3), 0);
    assert_null(p.glob);
    assert_int_equal(pattern_compile(&p, "!keep.md  \n", 11), 0);
    assert_true(p.negate);
    assert_string_equal(p.glob, "keep.md");
    assert_false(p.anchored);
    assert_true(pattern_match(&p, "x/y/keep.md", 0));
    pattern_clear(&p);
    assert_int_equal(pattern_compile(&p, "/top.md", 7), 0);
    assert_true(p.anchored);
    assert_true(pattern_match(&p, "top.md", 0));
    assert_false(pattern_match(&p, "x/top.md", 0));
    pattern_clear(&p);
    assert_int_equal(pattern_compile(&p, "build/", 6), 0);
    assert_true(p.dir_only);
    assert_false(pattern_match(&p, "build", 0));
    assert_true(pattern_match(&p, "a/build", 1));
    assert_true(pattern_match_within(&p, "a/build/x.md"));
    assert_false(pattern_match_within(&p, "a/builder/x.md"));
    pattern_clear(&p);
    assert_int_equal(pattern_compile(&p, "trail\\ ", 7), 0);
    assert_string_equal(p.glob, "trail\\ ");
    assert_true(pattern_match(&p, "trail ", 0));
    pattern_clear(&p);
}

static void test_ignore(void **state)
{
    const char *rules = "# drafts not ready\n"
                        "*.tmp.md\n"
                        "archive/\n"
                        "/old.md\n"
                        "notes/*\n"
                        "!notes/keep.md\n"
                        "private/**\n"
                        "!private/public.md\n";
    struct ignore ig;
    struct err e = { 0 };

    (void)state;
    ignore_init(&ig);
    assert_int_equal(ignore_parse(&ig, "/news/", rules, strlen(rules), &e),
                     0);
    assert_string_equal(ig.base, "/news");
    assert_true(ignore_path(&ig, "/news/a/b.tmp.md", 0));
    assert_false(ignore_path(&ig, "/news/a/b.md", 0));
    assert_true(ignore_path(&ig, "/news/x/archive/a.md", 0));
    assert_true(ignore_path(&ig, "/news/old.md", 0));
    assert_false(ignore_path(&ig, "/news/sub/old.md", 0));
    assert_true(ignore_path(&ig, "/news/notes/a.md", 0));
    assert_false(ignore_path(&ig, "/news/notes/keep.md", 0));
    /* as in git, a file inside an excluded directory stays excluded... */
    assert_true(ignore_path(&ig, "/news/archive/keep.md", 0));
    /* ...but "private/" + "**" excludes files, not the directory */
    assert_false(ignore_path(&ig, "/news/private/public.md", 0));
    assert_true(ignore_path(&ig, "/news/private/secret.md", 0));
    /* outside the base nothing is ignored */
    assert_false(ignore_path(&ig, "/other/a.tmp.md", 0));
    assert_false(ignore_path(&ig, "/newsroom/old.md", 0));
    ignore_clear(&ig);
}

static void test_config(void **state)
{
    const char *text = "; settings\n"
                       "threshold = 0.7\n"
                       "error-at = 0.9\n"
                       "\n"
                       "[opinion]\n"
                       "fail-level = none\n"
                       "pairs = headline-quote, quote-quote\n"
                       "[*.md]\n"
                       "top = 3\n"
                       "[opinion]\n"
                       "threshold = model\n";
    struct config *c = NULL;
    struct settings s;
    struct err e = { 0 };

    (void)state;
    assert_int_equal(config_parse(&c, "/tmp", text, strlen(text), &e), 0);
    /* globs are relative to the directory of the file: "/" here */
    assert_int_equal(c->n, 3);
    assert_string_equal(c->sec[0].glob, "opinion");
    assert_int_equal(c->sec[0].line, 5);
    assert_int_equal(c->sec[1].line, 8);
    assert_int_equal(c->sec[2].line, 10);

    settings_default(&s);
    config_apply(c, "/news/a.txt", &s);
    assert_near(s.threshold, 0.7, 0);
    assert_near(s.error_at, 0.9, 0);
    assert_int_equal(s.fail_level, SEVERITY_WARNING);
    assert_int_equal(s.pairs, PAIR_KINDS_ALL);
    assert_int_equal(s.top, 0);

    settings_default(&s);
    config_apply(c, "/news/opinion/b.md", &s);
    assert_true(s.threshold < 0);           /* the later section wins */
    assert_int_equal(s.fail_level, FAIL_NEVER);
    assert_int_equal(s.pairs, (1u << PAIR_HEADLINE_QUOTE)
                              | (1u << PAIR_QUOTE_QUOTE));
    assert_int_equal(s.top, 3);
    config_free(c);
}

static void expect_config_error_n(const char *text, size_t len,
                                  const char *want)
{
    struct config *c = NULL;
    struct err e = { 0 };

    assert_int_not_equal(config_parse(&c, "g.ini", text, len, &e), 0);
    assert_null(c);
    if (!strstr(e.msg, want))
        print_error("got '%s', want '%s'\n", e.msg, want);
    assert_non_null(strstr(e.msg, want));
}

static void expect_config_error(const char *text, const char *want)
{
    expect_config_error_n(text, strlen(text), want);
}

static void test_config_errors(void **state)
{
    char long_line[400];

    (void)state;
    expect_config_error("threshold = 0.5\nthreshold = 1.5\n",
                        "g.ini:2: threshold expects a probability");
    expect_config_error("\n\n[*.md]\nthreshhold = 0.5\n",
                        "g.ini:4: unknown setting 'threshhold'");
    expect_config_error("fail-level = sometimes\n",
                        "g.ini:1: fail-level expects error, warning, note");
    expect_config_error("pairs = headline-quote, quotes\n",
                        "g.ini:1: pairs: unknown pair kind 'quotes'");
    expect_config_error("top = -1\n", "g.ini:1: top expects");
    expect_config_error("just words\n", "g.ini:1: expected 'key = value'");
    expect_config_error("[unclosed\nx = 1\n", "g.ini:1:");
    expect_config_error("[!x]\ntop = 1\n", "g.ini:2: [!x]: a section is a glob");
    expect_config_error_n("a\0b", 3, "NUL byte");
    memset(long_line, 'x', sizeof long_line - 1);
    long_line[sizeof long_line - 1] = '\0';
    expect_config_error(long_line, "g.ini:1: line longer than");
}

static void test_settings_write(void **state)
{
    struct settings s;
    struct err e = { 0 };
    char buf[512];
    FILE *fp = fmemopen(buf, sizeof buf, "w");

    (void)state;
    settings_default(&s);
    assert_int_equal(settings_set(&s, "pairs", "none", &e), 0);
    assert_int_equal(settings_set(&s, "threshold", "0.25", &e), 0);
    /* the sentence model's threshold leaves the headline model's alone */
    assert_true(s.headline_threshold < 0.0);
    assert_int_equal(settings_set(&s, "bogus", "1", &e), STATUS_USAGE);
    assert_non_null(strstr(e.msg, "unknown setting 'bogus'"));
    assert_int_equal(settings_set(&s, "headline-threshold", "1.5", &e),
                     STATUS_USAGE);
    assert_non_null(strstr(e.msg, "headline-threshold expects a "
                           "probability"));
    settings_write(&s, fp);
    fclose(fp);
    assert_string_equal(buf, "threshold = 0.25\nheadline-threshold = model\n"
                        "error-at = 0.8\n"
                        "fail-level = warning\npairs = none\ntop = 0\n");
    {
        struct settings t, u;
        settings_default(&t);
        memset(&u, 0, sizeof u);
        assert_int_equal(settings_set(&u, "headline-threshold", "0.375",
                                      &e), 0);
        settings_merge(&t, &u);
        assert_true(t.headline_threshold == 0.375);
        assert_true(t.threshold < 0.0);
    }
}

static void test_diff_parse(void **state)
{
    const char *diff =
        "diff --git a/a.md b/a.md\n"
        "--- a/a.md\n"
        "+++ b/a.md\n"
        "@@ -3 +3 @@\n"
        "-old\n"
        "+new\n"
        "@@ -10,0 +11,2 @@\n"
        "+x\n"
        "+y\n"
        "@@ -20,2 +21,0 @@\n"
        "-gone\n"
        "-gone\n"
        "diff --git a/gone.md b/gone.md\n"
        "--- a/gone.md\n"
        "+++ /dev/null\n"
        "@@ -1 +0,0 @@\n"
        "-bye\n"
        "+++ \"b/t\\303\\251st\\tx.md\"\n"
        "@@ -1 +1 @@\n"
        "+++ \"b/bad\\2%1octal.md\"\n"   /* not octal: kept (fuzzing) */
        "@@ -1 +1 @@\n";
    struct changes c = { 0 };
    const struct changed_file *f;
    struct err e = { 0 };

    (void)state;
    assert_int_equal(changes_parse_diff(&c, "/repo", diff, strlen(diff), &e),
                     0);
    assert_int_equal(c.n, 3);
    assert_non_null(changes_find(&c, "/repo/bad2%1octal.md"));
    f = changes_find(&c, "/repo/a.md");
    assert_non_null(f);
    assert_false(changes_touch(f, 1, 2));
    assert_true(changes_touch(f, 3, 3));
    assert_true(changes_touch(f, 1, 11));
    assert_true(changes_touch(f, 12, 12));
    assert_false(changes_touch(f, 13, 20));
    assert_true(changes_touch(f, 21, 21));  /* around a deletion */
    assert_false(changes_touch(f, 23, 99));
    assert_null(changes_find(&c, "/repo/gone.md"));
    assert_non_null(changes_find(&c, "/repo/t\xc3\xa9st\tx.md"));
    changes_clear(&c);
}

/* The statements left after directives blanked their text. */
static size_t count_sentences(const struct document *d, const char *needle)
{
    size_t n = 0, len;

    for (size_t i = 0; i < d->n; i++) {
        const char *t = doc_text(d, i, &len);
        for (size_t k = 0; d->st[i].kind == STMT_SENTENCE
                           && k + strlen(needle) <= len; k++)
            if (memcmp(t + k, needle, strlen(needle)) == 0) {
                n++;
                break;
            }
    }
    return n;
}

static void test_directives(void **state)
{
    const char *md =
        "# Bridge to close\n"
        "\n"
        "One stays.\n"
        "\n"
        "<!-- gainsay off -->\n"
        "Two is off.\n"
        "\n"
        "Three is off.\n"
        "<!-- gainsay on -->\n"
        "Four stays.\n"
        "\n"
        "<!-- gainsay disable-next-block -->\n"
        "- Five is off.\n"
        "- Six is off too.\n"
        "\n"
        "Seven stays.\n"
        "<!-- gainsay disable-next-line -->\n"
        "Eight is off.\n"
        "Nine stays.\n"
        "\n"
        "```\n"
        "<!-- gainsay off -->\n"
        "```\n"
        "\n"
        "Ten stays. <!-- gainsay disable-next-line -->\n"
        "Eleven is off.\n"
        "Twelve `<!-- gainsay bogus -->` stays.\n";
    const char *html =
        "<h1>Bridge to close</h1><p>One stays.</p>\n"
        "<!-- gainsay disable-next-block --><div><p>Two is off.</p>\n"
        "<p>Three is off.</p></div>\n"
        "<p>Four stays.</p><!--gainsay off--><p>Five is off.</p>\n"
        "<!-- gainsay on --><p>Six stays.</p>\n";
    const char *txt =
        "Bridge to close\n"
        "\n"
        "One stays.\n"
        "<!-- gainsay disable-next-line -->\n"
        "\n"
        "Two is off.\n"
        "Three stays.\n";
    const char *typo = "# T\n\nText.\n\n<!-- gainsay of -->\n";
    const char *other = "# T\n\nText.\n\n<!-- gainsayer -->\n";
    const char *typo_txt = "T\n\n<!-- gainsay on -->\n<!-- gainsay x -->\n";
    struct document d;
    struct err e = { 0 };

    (void)state;
    assert_int_equal(doc_parse_markdown(&d, "d.md", md, strlen(md), NULL, NULL, &e),
                     0);
    assert_int_equal(count_sentences(&d, "stays"), 6);
    assert_int_equal(count_sentences(&d, "off"), 0);
    document_clear(&d);

    assert_int_equal(doc_parse_html(&d, "d.html", html, strlen(html), NULL, NULL,
                                    &e), 0);
    assert_int_equal(count_sentences(&d, "stays"), 3);
    assert_int_equal(count_sentences(&d, "off"), 0);
    document_clear(&d);

    assert_int_equal(doc_parse_text(&d, "d.txt", txt, strlen(txt), NULL, NULL, &e),
                     0);
    assert_int_equal(d.headline, 0);
    assert_int_equal(count_sentences(&d, "stays"), 2);
    assert_int_equal(count_sentences(&d, "off"), 0);
    document_clear(&d);

    /* a misspelt directive is an error naming its line, not a no-op; the
     * document can be cleared after it, whatever it held before (found by
     * fuzzing) */
    memset(&d, 0x5a, sizeof d);
    assert_int_equal(doc_parse_markdown(&d, "d.md", typo, strlen(typo), NULL, NULL,
                                        &e), STATUS_PARSE);
    assert_non_null(strstr(e.msg, "d.md:5: unknown directive 'gainsay of'"));
    document_clear(&d);
    memset(&d, 0x5a, sizeof d);
    assert_int_equal(doc_parse_text(&d, "d.txt", typo_txt, strlen(typo_txt),
                                    NULL, NULL, &e), STATUS_PARSE);
    document_clear(&d);
    memset(&d, 0x5a, sizeof d);
    assert_int_equal(doc_parse_html(&d, "d.html", typo, strlen(typo), NULL, NULL,
                                    &e), STATUS_PARSE);
    document_clear(&d);
    /* other comments are no business of ours */
    assert_int_equal(doc_parse_markdown(&d, "d.md", other, strlen(other),
                                        NULL, NULL, &e), 0);
    document_clear(&d);
}

static void test_baseline(void **state)
{
    struct baseline *b = baseline_alloc("/tmp/base.json"), *r;
    char buf[4096];
    FILE *fp;
    struct err e = { 0 };

    (void)state;
    assert_non_null(b);
    r = baseline_alloc("/tmp/base.json");
    assert_string_equal(baseline_name(b, "/tmp/d/a.md"), "d/a.md");
    assert_string_equal(baseline_name(b, "/tmpx/a.md"), "/tmpx/a.md");
    assert_int_equal(baseline_add(b, "d/b.md", "00000000000000ff", "quote-quote",
                                  9, "x", 1, "y \"q\"", 5), 0);
    assert_int_equal(baseline_add(b, "d/a.md", "0123456789abcdef",
                                  "headline-quote", 7, "a", 1, "b", 1), 0);
    assert_int_equal(baseline_add(b, "d/a.md", "0123456789abcdef",
                                  "headline-quote", 7, "a", 1, "b", 1), 0);
    fp = fmemopen(buf, sizeof buf, "w");
    assert_int_equal(baseline_write(b, fp, &e), 0);
    fclose(fp);
    assert_int_equal(baseline_parse(r, "base.json", buf, strlen(buf), &e), 0);
    assert_int_equal(r->n, 3);
    assert_string_equal(r->v[0].file, "d/a.md");  /* sorted */
    assert_string_equal(r->v[2].b, "y \"q\"");
    /* each entry excuses one finding */
    assert_true(baseline_take(r, "d/a.md", "0123456789abcdef"));
    assert_true(baseline_take(r, "d/a.md", "0123456789abcdef"));
    assert_false(baseline_take(r, "d/a.md", "0123456789abcdef"));
    assert_false(baseline_take(r, "d/c.md", "00000000000000ff"));
    assert_true(baseline_take(r, "d/b.md", "00000000000000ff"));
    /* keys below and above every entry (above: past the index's end,
     * which the sanitizer build caught fuzz_diff reading) */
    assert_false(baseline_take(r, "d/a.md", "0000000000000000"));
    assert_false(baseline_take(r, "d/z.md", "ffffffffffffffff"));
    assert_int_equal(baseline_count(r, "d/z.md", "ffffffffffffffff"), 0);
    baseline_free(r);
    baseline_free(b);

    b = baseline_alloc("/tmp/base.json");
    assert_int_equal(baseline_parse(b, "x.json", "{\"format\":\"other\"}", 18,
                                    &e), STATUS_FORMAT);
    assert_int_equal(baseline_parse(b, "x.json", "{\"format\":"
                                    "\"gainsay-baseline\",\"version\":9,"
                                    "\"findings\":[]}", 57, &e),
                     STATUS_VERSION);
    assert_int_equal(baseline_parse(b, "x.json", "{\"format\":"
                                    "\"gainsay-baseline\",\"version\":1,"
                                    "\"findings\":[{\"file\":\"a\","
                                    "\"fingerprint\":\"xyz\"}]}", 92, &e),
                     STATUS_FORMAT);
    assert_int_equal(baseline_parse(b, "x.json", "[1,", 3, &e), STATUS_PARSE);
    baseline_free(b);
    /* lines beyond size_t (found by fuzz_diff: undefined behaviour under
     * UBSan) load as 0 */
    b = baseline_alloc("/tmp/base.json");
    {
        const char *big = "{\"format\":\"gainsay-baseline\",\"version\":1,"
            "\"findings\":[{\"file\":\"a.md\",\"fingerprint\":"
            "\"0123456789abcdef\",\"line\":7.7e113},{\"file\":\"b.md\","
            "\"fingerprint\":\"0123456789abcdef\",\"line\":1e999},"
            "{\"file\":\"c.md\",\"fingerprint\":\"0123456789abcdef\","
            "\"line\":42}]}";
        assert_int_equal(baseline_parse(b, "x.json", big, strlen(big), &e), 0);
        assert_int_equal(b->n, 3);
        assert_int_equal(b->v[0].line, 0);
        assert_int_equal(b->v[1].line, 0);
        assert_int_equal(b->v[2].line, 42);
    }
    baseline_free(b);
}

struct order {
    size_t seen[200], n_seen;
    unsigned char done[200];
    int out_of_order;
};

static void order_work(void *ctx, size_t i)
{
    struct order *o = ctx;

    o->done[i] = 1;
}

static void order_emit(void *ctx, size_t i)
{
    struct order *o = ctx;

    if (!o->done[i] || (o->n_seen && o->seen[o->n_seen - 1] + 1 != i))
        o->out_of_order = 1;
    o->seen[o->n_seen++] = i;
}

static void test_parallel_ordered(void **state)
{
    struct order o;

    (void)state;
    for (size_t threads = 1; threads <= 4; threads++) {
        memset(&o, 0, sizeof o);
        assert_int_equal(parallel_ordered(200, threads, 3, order_work,
                                          order_emit, &o), 0);
        assert_int_equal(o.n_seen, 200);
        assert_false(o.out_of_order);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wildmatch),
        cmocka_unit_test(test_pattern_lines),
        cmocka_unit_test(test_ignore),
        cmocka_unit_test(test_config),
        cmocka_unit_test(test_config_errors),
        cmocka_unit_test(test_settings_write),
        cmocka_unit_test(test_diff_parse),
        cmocka_unit_test(test_directives),
        cmocka_unit_test(test_baseline),
        cmocka_unit_test(test_parallel_ordered),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_furniture.c - page furniture: the line rules, the scan of a page
 * (headline, trailing headlines), the learnt list's parser, and what a
 * document leaves out. */
#include <stdlib.h>

#include "t.h"
#include "doc/document.h"
#include "doc/furniture.h"
#include "doc/html.h"
#include "doc/markdown.h"

static enum furniture_kind kind_of(const char *line)
{
    return furniture_line(NULL, line, strlen(line));
}

static int prose(const char *s)
{
    return furniture_is_prose(s, strlen(s));
}

static void test_prose_is_never_furniture(void **state)
{
    const char *w = "\xe2\x80\x94\xe2\x80\x94 >> Follow me (@x) on Twitter";

    (void)state;
    assert_true(prose("The bridge will reopen in May."));
    assert_true(prose("\"It will not reopen,\" she said \xe2\x80\x9dthat.\xe2\x80\x9d "));
    assert_true(prose("Is this the end of the road?"));
    assert_true(prose("And so it goes on and on \xe2\x80\xa6"));
    assert_false(prose("Scroll down for video."));
    assert_false(prose("Five things to know about the budget"));
    assert_false(prose("Read more (5 stories)"));
    assert_int_equal(furniture_words(w, strlen(w)), 5);
    /* prose that starts as furniture does is kept */
    assert_int_equal(kind_of("Advertisement revenue fell by a third last "
                             "year, the company said."), FURNITURE_NONE);
    assert_int_equal(kind_of("Follow the money, the investigators said on "
                             "Friday."), FURNITURE_NONE);
    assert_int_equal(kind_of("Have something to add to this story? Share it "
                             "in the comments."), FURNITURE_NONE);
}

static void test_rules(void **state)
{
    (void)state;
    assert_int_equal(kind_of("Share"), FURNITURE_SHARE);
    assert_int_equal(kind_of("Share this article"), FURNITURE_SHARE);
    assert_int_equal(kind_of("Facebook Twitter Email"), FURNITURE_SHARE);
    assert_int_equal(kind_of("Comments (12)"), FURNITURE_SHARE);
    assert_int_equal(kind_of("Advertisement"), FURNITURE_ADVERT);
    assert_int_equal(kind_of("Ads by Adblade"), FURNITURE_ADVERT);
    assert_int_equal(kind_of("Scroll down for video"), FURNITURE_MEDIA);
    assert_int_equal(kind_of("VIEW GALLERY"), FURNITURE_MEDIA);
    assert_int_equal(kind_of("Poll loading \xe2\x80\xa6"), FURNITURE_MEDIA);
    assert_int_equal(kind_of("Video loading"), FURNITURE_MEDIA);
    assert_int_equal(kind_of("[Image via screengrab]"),
                     FURNITURE_IMAGE_CREDIT);
    assert_int_equal(kind_of("A man walks past the ruins (Photo: AP)"),
                     FURNITURE_IMAGE_CREDIT);
    assert_int_equal(kind_of("Photograph: Jane Smith/Getty Images"),
                     FURNITURE_IMAGE_CREDIT);
    assert_int_equal(kind_of("Follow me on Twitter @someone"),
                     FURNITURE_FOLLOW);
    assert_int_equal(kind_of("\xe2\x80\x94\xe2\x80\x94 >> Follow Evan "
                             "McMurry (@evanmcmurry) on Twitter"),
                     FURNITURE_FOLLOW);
    assert_int_equal(kind_of("Continue reading the main story"),
                     FURNITURE_RELATED);
    assert_int_equal(kind_of("SEE ALL RELATED"), FURNITURE_RELATED);
    assert_int_equal(kind_of("Read more: Why the trams keep breaking down"),
                     FURNITURE_RELATED);
    assert_int_equal(kind_of("Contributing: The Associated Press"),
                     FURNITURE_CREDIT);
    assert_int_equal(kind_of("(Additional reporting by Oliver Holmes in "
                             "Beirut; Editing by Tom Brown)"),
                     FURNITURE_CREDIT);
    assert_int_equal(kind_of("By Ana Ferreira"), FURNITURE_CREDIT);
    assert_int_equal(kind_of("brightcove.createExperiences();"),
                     FURNITURE_CODE);
    assert_int_equal(kind_of("Home > World > Europe"),
                     FURNITURE_NAVIGATION);
    assert_int_equal(kind_of("* * *"), FURNITURE_NO_WORDS);
    assert_int_equal(kind_of("8"), FURNITURE_NO_WORDS);
    /* what the rules leave alone */
    assert_int_equal(kind_of("Council confirms the bridge will reopen"),
                     FURNITURE_NONE);
    assert_int_equal(kind_of("Key witness speaks out"), FURNITURE_NONE);
    assert_int_equal(kind_of("Sharecroppers protest in the capital"),
                     FURNITURE_NONE);
    assert_int_equal(kind_of("By the numbers"), FURNITURE_NONE);
    assert_string_equal(furniture_kind_name(FURNITURE_TRAILING),
                        "trailing-headline");
    assert_int_equal(furniture_kind_of("media", 5), FURNITURE_MEDIA);
    assert_int_equal(furniture_kind_of("mediaX", 6), FURNITURE_NONE);
}

static void test_key(void **state)
{
    size_t n;
    const char *line = "  SCROLL\tDown \xc2\xa0 for  VIDEO ";
    char *k = furniture_key(line, strlen(line), &n);

    (void)state;
    assert_non_null(k);
    assert_string_equal(k, "scroll down for video");
    assert_int_equal(n, 21);
    free(k);
    assert_null(furniture_key("bad \xc3\x28", 6, &n));
}

static void test_scan(void **state)
{
    const char *page =
        "Share\n"
        "World\n"
        "Mayor resigns over harbour bridge delay\n"
        "\n"
        "The mayor resigned on Tuesday after the bridge missed its date.\n"
        "LIVE UPDATES\n"
        "The council will choose a successor next month.\n"
        "\n"
        "Storm knocks out power across the region\n"
        "Five things to know about the budget\n";
    struct furniture_scan sc;

    (void)state;
    furniture_scan_init(&sc);
    assert_int_equal(furniture_scan_text(NULL, page, strlen(page),
                                         FURNITURE_SCAN_HEADLINE
                                         | FURNITURE_SCAN_TRAILING, &sc), 0);
    assert_int_equal(sc.he - sc.hs, 39);
    assert_memory_equal(page + sc.hs, "Mayor resigns", 13);
    assert_int_equal(sc.n, 5);
    assert_int_equal(sc.span[0].kind, FURNITURE_SHARE);
    assert_int_equal(sc.span[1].kind, FURNITURE_ABOVE_HEADLINE);
    assert_int_equal(sc.span[2].kind, FURNITURE_LABEL);
    assert_int_equal(sc.span[3].kind, FURNITURE_TRAILING);
    assert_int_equal(sc.span[4].kind, FURNITURE_TRAILING);
    assert_memory_equal(page + sc.span[4].start, "Five things", 11);
    /* one lone line without a full stop at the end stays: it may be the
     * last sentence, scraped without its full stop */
    page = "Headline here\n\nThe mayor resigned on Tuesday.\n"
           "he said he would not comment on the matter\n";
    assert_int_equal(furniture_scan_text(NULL, page, strlen(page),
                                         FURNITURE_SCAN_HEADLINE
                                         | FURNITURE_SCAN_TRAILING, &sc), 0);
    assert_int_equal(sc.n, 0);
    /* a one-word first line is the headline when prose follows it */
    page = "Headline\n\nHe said it was over.\n";
    assert_int_equal(furniture_scan_text(NULL, page, strlen(page),
                                         FURNITURE_SCAN_HEADLINE, &sc), 0);
    assert_int_equal(sc.hs, 0);
    assert_int_equal(sc.he, 8);
    /* a labelled headline at the top is the headline; lower down, a link */
    page = "Watch: Marine saved by his helmet in Helmand\n\n"
           "The marine was shot during a raid last year.\n"
           "Watch: Five more videos of the raid\n";
    assert_int_equal(furniture_scan_text(NULL, page, strlen(page),
                                         FURNITURE_SCAN_HEADLINE, &sc), 0);
    assert_int_equal(sc.hs, 0);
    assert_int_equal(sc.n, 1);
    assert_int_equal(sc.span[0].kind, FURNITURE_MEDIA);
    /* script glued to a line of prose: only the script is left out */
    page = "Headline here\n\nHe said it was over and done with. "
           "BF.push(function () { x(); });\n";
    assert_int_equal(furniture_scan_text(NULL, page, strlen(page),
                                         FURNITURE_SCAN_HEADLINE, &sc), 0);
    assert_int_equal(sc.n, 1);
    assert_int_equal(sc.span[0].kind, FURNITURE_CODE);
    assert_memory_equal(page + sc.span[0].start, "BF.push(", 8);
    furniture_scan_clear(&sc);
}

/* A furniture file with the right checksum around lines (a JSON array's
 * inside). */
static char *file_of(const char *lines_json, const char *const *texts,
                     size_t n, int version)
{
    static char buf[4096];
    snprintf(buf, sizeof buf, "{\"format\":\"gainsay-furniture\","
             "\"version\":%d,\"n_lines\":%zu,\"lines\":[%s],"
             "\"checksum\":\"%08lx\"}", version, n, lines_json,
             furniture_checksum(texts, n));
    return buf;
}

static void test_parse(void **state)
{
    const char *const texts[] = { "hollywood life", "false" };
    const char *const prose_lines[] = { "the mayor said he would not resign." };
    struct furniture *f = NULL;
    struct err e = { 0 };
    const char *c;
    char *t;

    (void)state;
    t = file_of("{\"text\":\"hollywood life\",\"bodies\":3,\"kind\":"
                "\"recurring\"},{\"text\":\"false\",\"bodies\":5,\"kind\":"
                "\"recurring\"}", texts, 2, 1);
    assert_int_equal(furniture_parse("f.json", t, strlen(t), &f, &e), 0);
    assert_int_equal(furniture_count(f), 2);
    assert_int_equal(furniture_line(f, "Hollywood  Life", 15),
                     FURNITURE_RECURRING);
    assert_int_equal(furniture_line(NULL, "Hollywood Life", 14),
                     FURNITURE_NONE);
    assert_int_equal(furniture_line(f, "Hollywood Life is a site", 24),
                     FURNITURE_NONE);
    furniture_free(f);
    f = NULL;
    /* newer */
    t = file_of("{\"text\":\"hollywood life\",\"bodies\":3,\"kind\":"
                "\"recurring\"},{\"text\":\"false\",\"bodies\":5,\"kind\":"
                "\"recurring\"}", texts, 2, FURNITURE_VERSION + 1);
    assert_int_equal(furniture_parse("f.json", t, strlen(t), &f, &e),
                     STATUS_VERSION);
    assert_non_null(strstr(e.msg, "f.json: furniture file version 2 not "
                                  "supported"));
    /* a checksum that does not match: one line edited */
    t = file_of("{\"text\":\"hollywood life\",\"bodies\":3,\"kind\":"
                "\"recurring\"},{\"text\":\"false\",\"bodies\":5,\"kind\":"
                "\"recurring\"}", texts, 2, 1);
    strstr(t, "life")[3] = 't';
    assert_int_equal(furniture_parse("f.json", t, strlen(t), &f, &e),
                     STATUS_FORMAT);
    assert_non_null(strstr(e.msg, "checksum does not match"));
    /* n_lines wrong */
    c = "{\"format\":\"gainsay-furniture\",\"version\":1,\"n_lines\":2,"
        "\"lines\":[],\"checksum\":\"811c9dc5\"}";
    assert_int_equal(furniture_parse("f.json", c, strlen(c), &f, &e),
                     STATUS_FORMAT);
    assert_non_null(strstr(e.msg, "does not match the lines"));
    /* a prose sentence on the list is refused */
    t = file_of("{\"text\":\"the mayor said he would not resign.\","
                "\"bodies\":3,\"kind\":\"recurring\"}", prose_lines, 1, 1);
    assert_int_equal(furniture_parse("f.json", t, strlen(t), &f, &e),
                     STATUS_FORMAT);
    assert_non_null(strstr(e.msg, "line 1 is empty, too long, prose"));
    /* not normalised, an unknown kind, a repeat */
    t = file_of("{\"text\":\"False\",\"bodies\":3,\"kind\":\"recurring\"}",
                (const char *const[]){ "False" }, 1, 1);
    assert_int_equal(furniture_parse("f.json", t, strlen(t), &f, &e),
                     STATUS_FORMAT);
    assert_non_null(strstr(e.msg, "not normalised"));
    t = file_of("{\"text\":\"false\",\"bodies\":3,\"kind\":\"chair\"}",
                (const char *const[]){ "false" }, 1, 1);
    assert_int_equal(furniture_parse("f.json", t, strlen(t), &f, &e),
                     STATUS_FORMAT);
    t = file_of("{\"text\":\"false\",\"bodies\":3,\"kind\":\"recurring\"},"
                "{\"text\":\"false\",\"bodies\":3,\"kind\":\"recurring\"}",
                (const char *const[]){ "false", "false" }, 2, 1);
    assert_int_equal(furniture_parse("f.json", t, strlen(t), &f, &e),
                     STATUS_FORMAT);
    assert_non_null(strstr(e.msg, "repeats"));
    /* not JSON, not this format */
    assert_int_equal(furniture_parse("f.json", "{\"format\"", 9, &f, &e),
                     STATUS_PARSE);
    c = "{\"format\":\"gainsay-model\",\"version\":1}";
    assert_int_equal(furniture_parse("f.json", c, strlen(c), &f, &e),
                     STATUS_FORMAT);
    assert_null(f);
}

static const struct doc_left_out *left_kind(const struct document *d,
                                            enum furniture_kind k)
{
    for (size_t i = 0; i < d->n_left; i++)
        if (d->left[i].kind == k)
            return &d->left[i];
    return NULL;
}

static void test_document(void **state)
{
    const char *text = "Share\n\nMayor resigns over bridge\n\n"
                       "The mayor resigned on Tuesday.\n\xc3\x89\n"
                       "Advertisement\n\nHe will stay until May.\n";
    const char *md = "# Mayor resigns over bridge\n\nAdvertisement\n\n"
                     "The mayor resigned on Tuesday.\n";
    const char *html = "<h1>Mayor resigns</h1><p>Advertisement</p>"
                       "<p>The mayor resigned on Tuesday.</p>";
    struct document d;
    struct err e = { 0 };
    const struct doc_left_out *l;
    size_t n_sent = 0;

    (void)state;
    assert_int_equal(doc_parse_text(&d, "a.txt", text, strlen(text), NULL,
                                    NULL, &e), 0);
    assert_int_equal(d.st[d.headline].pos.line, 3);
    assert_int_equal(d.n_left, 2);
    l = left_kind(&d, FURNITURE_ADVERT);
    assert_non_null(l);
    assert_int_equal(l->pos.line, 7);
    assert_int_equal(l->pos.col, 1);
    assert_memory_equal(text + l->pos.start, "Advertisement", 13);
    assert_int_equal(l->pos.end - l->pos.start, 13);
    for (size_t i = 0; i < d.n; i++) {
        size_t len;
        const char *t = doc_clean_text(&d, i, &len);
        n_sent += d.st[i].kind == STMT_SENTENCE;
        for (size_t k = 0; k + 13 <= len; k++)
            assert_false(memcmp(t + k, "Advertisement", 13) == 0);
    }
    assert_true(n_sent >= 2);
    document_clear(&d);
    /* --headline: the share label is still left out */
    assert_int_equal(doc_parse_text(&d, "a.txt", text, strlen(text),
                                    "The mayor stays", NULL, &e), 0);
    assert_non_null(left_kind(&d, FURNITURE_SHARE));
    document_clear(&d);
    /* all furniture: nothing to check, not an error */
    text = "Share\n\nAdvertisement\nVIEW GALLERY\n";
    assert_int_equal(doc_parse_text(&d, "f.txt", text, strlen(text), NULL,
                                    NULL, &e), 0);
    assert_true(d.nothing);
    assert_int_equal(d.headline, SIZE_MAX);
    assert_int_equal(d.n_left, 3);
    document_clear(&d);
    text = "Mayor resigns over the bridge\n\nAdvertisement\n";
    assert_int_equal(doc_parse_text(&d, "f.txt", text, strlen(text), NULL,
                                    NULL, &e), 0);
    assert_true(d.nothing);
    assert_int_equal(d.n, 1);   /* the headline, and no body */
    document_clear(&d);
    assert_int_equal(doc_parse_markdown(&d, "a.md", md, strlen(md), NULL,
                                        NULL, &e), 0);
    l = left_kind(&d, FURNITURE_ADVERT);
    assert_non_null(l);
    assert_int_equal(l->pos.line, 3);
    document_clear(&d);
    assert_int_equal(doc_parse_html(&d, "a.html", html, strlen(html), NULL,
                                    NULL, &e), 0);
    l = left_kind(&d, FURNITURE_ADVERT);
    assert_non_null(l);
    assert_memory_equal(html + l->pos.start, "Advertisement", 13);
    document_clear(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_prose_is_never_furniture),
        cmocka_unit_test(test_rules),
        cmocka_unit_test(test_key),
        cmocka_unit_test(test_scan),
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_document),
    };
    return cmocka_run_group_tests_name("furniture", tests, NULL, NULL);
}

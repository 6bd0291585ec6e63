/* test_doc.c - the document model: headline, sentences, quotes, speakers,
 * positions. */
#include <stdlib.h>

#include "t.h"
#include "doc/document.h"
#include "doc/html.h"
#include "doc/markdown.h"
#include "doc/read.h"

static const struct statement *find_kind(const struct document *d,
                                         enum stmt_kind k, size_t nth)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->st[i].kind == k && nth-- == 0)
            return &d->st[i];
    return NULL;
}

static void expect_text(const struct document *d, const struct statement *s,
                        const char *want)
{
    size_t len;
    const char *t;

    assert_non_null(s);
    t = doc_text(d, (size_t)(s - d->st), &len);
    if (len != strlen(want) || memcmp(t, want, len) != 0)
        print_error("got '%.*s', want '%s'\n", (int)len, t, want);
    assert_int_equal(len, strlen(want));
    assert_memory_equal(t, want, len);
}

static void test_headline_and_sentences(void **state)
{
    const char *text = "\n  Prices rose in May  \n\nThe index rose 3.5% in "
                       "May. Mr. Smith said so.\n\nIt fell in June.\n";
    struct document d;
    struct err e = { 0 };

    (void)state;
    assert_int_equal(doc_parse_text(&d, "a.txt", text, strlen(text), NULL, NULL,
                                    &e), 0);
    assert_int_equal(d.headline, 0);
    expect_text(&d, &d.st[0], "Prices rose in May");
    assert_int_equal(d.st[0].pos.line, 2);
    assert_int_equal(d.st[0].pos.col, 3);
    expect_text(&d, find_kind(&d, STMT_SENTENCE, 0),
                "The index rose 3.5% in May.");
    expect_text(&d, find_kind(&d, STMT_SENTENCE, 1), "Mr. Smith said so.");
    expect_text(&d, find_kind(&d, STMT_SENTENCE, 2), "It fell in June.");
    assert_int_equal(find_kind(&d, STMT_SENTENCE, 0)->paragraph, 1);
    assert_int_equal(find_kind(&d, STMT_SENTENCE, 2)->paragraph, 2);
    assert_int_equal(find_kind(&d, STMT_SENTENCE, 2)->pos.line, 6);
    document_clear(&d);
}

static void test_quotes_and_speakers(void **state)
{
    const char *text =
        "Kremlin confirms the visit\n\n"
        "\"No, he will not go,\" Dmitry Peskov said. "
        "The mayor said: \"We are ready for him.\" "
        "\xE2\x80\x9CThe trip is on,\xE2\x80\x9D said Anna Berg. "
        "The plan is final, according to Reuters sources who \"know it well\". "
        "Officials denied that the trip was cancelled.\n";
    struct document d;
    struct err e = { 0 };
    const struct statement *q;

    (void)state;
    assert_int_equal(doc_parse_text(&d, "q.txt", text, strlen(text), NULL, NULL,
                                    &e), 0);
    q = find_kind(&d, STMT_QUOTE, 0);
    expect_text(&d, q, "No, he will not go");
    assert_non_null(q->speaker);
    assert_string_equal(q->speaker, "Dmitry Peskov");
    q = find_kind(&d, STMT_QUOTE, 1);
    expect_text(&d, q, "We are ready for him.");
    assert_non_null(q->speaker);
    assert_string_equal(q->speaker, "The mayor");
    q = find_kind(&d, STMT_QUOTE, 2);
    expect_text(&d, q, "The trip is on");
    assert_string_equal(q->speaker, "Anna Berg");
    /* the curly quote's column counts code points, not bytes */
    assert_int_equal(q->pos.line, 3);
    q = find_kind(&d, STMT_QUOTE, 3);
    expect_text(&d, q, "know it well");
    assert_string_equal(q->speaker, "Reuters");
    q = find_kind(&d, STMT_REPORTED, 0);
    expect_text(&d, q, "the trip was cancelled");
    assert_string_equal(q->speaker, "Officials");
    document_clear(&d);
}

static void test_columns_in_code_points(void **state)
{
    const char *text = "T\n\n\xC3\xA9\xC3\xA9 \"Ab cd,\" she said.\n";
    struct document d;
    struct err e = { 0 };
    const struct statement *q;

    (void)state;
    assert_int_equal(doc_parse_text(&d, "c.txt", text, strlen(text), NULL, NULL,
                                    &e), 0);
    q = find_kind(&d, STMT_QUOTE, 0);
    expect_text(&d, q, "Ab cd");
    assert_int_equal(q->pos.line, 3);
    assert_int_equal(q->pos.col, 5);            /* é é space " A */
    assert_int_equal(q->pos.start, 3 + 4 + 2);
    document_clear(&d);
}

/* Columns on a line far longer than DOC_COL_STEP, with multi-byte
 * characters across the marks, are the code points from the line start. */
static void test_columns_on_a_long_line(void **state)
{
    char *text = malloc(20000);
    size_t n = 0;
    struct document d;
    struct err e = { 0 };

    (void)state;
    assert_non_null(text);
    n += (size_t)sprintf(text, "Head\n\n");
    for (int i = 0; i < 300; i++)
        n += (size_t)sprintf(text + n, "\xC3\x87" "a va tr\xC3\xA8s bien "
                             "%d. ", i);
    text[n++] = '\n';
    assert_int_equal(doc_parse_text(&d, "l.txt", text, n, NULL, NULL, &e), 0);
    assert_true(d.n > 300);
    for (size_t i = 1; i < d.n; i++) {
        const struct doc_pos *p = &d.st[i].pos;
        size_t cols = 0, cole = 0;
        for (size_t k = 6; k < p->start; k++)
            cols += ((unsigned char)text[k] & 0xC0) != 0x80;
        for (size_t k = 6; k < p->end; k++)
            cole += ((unsigned char)text[k] & 0xC0) != 0x80;
        assert_int_equal(p->line, 3);
        assert_int_equal(p->col, cols + 1);
        assert_int_equal(p->end_col, cole + 1);
    }
    document_clear(&d);
    free(text);
}

static void test_headline_option_and_errors(void **state)
{
    struct document d;
    struct err e = { 0 };
    const char *body = "The mayor did not resign.";

    (void)state;
    assert_int_equal(doc_parse_text(&d, "h.txt", body, strlen(body),
                                    "The mayor resigned", NULL, &e), 0);
    expect_text(&d, &d.st[0], "The mayor resigned");
    expect_text(&d, find_kind(&d, STMT_SENTENCE, 0), body);
    document_clear(&d);
    /* an empty draft and a headline alone: nothing to check, no error */
    assert_int_equal(doc_parse_text(&d, "e.txt", " \n\n", 3, NULL, NULL, &e),
                     0);
    assert_int_equal(d.nothing, 1);
    document_clear(&d);
    assert_int_equal(doc_parse_text(&d, "o.txt", "Only\n", 5, NULL, NULL, &e),
                     0);
    assert_int_equal(d.nothing, 1);
    document_clear(&d);
    assert_int_equal(doc_parse_text(&d, "b.txt", "Head\n\nA body.\n", 14,
                                    NULL, NULL, &e), 0);
    assert_int_equal(d.nothing, 0);
    document_clear(&d);
}

static void test_markdown(void **state)
{
    const char *md =
        "---\ntitle: 'The mayor resigned'\ntags: [a]\n---\n"
        "# Heading one\n\n"
        "The mayor did **not** resign, said [the office](http://x.org/a_b).\n"
        "\n```\ncode never scored.\n```\n\n"
        "- She uses `rm -rf` daily. <!-- a comment. -->\n";
    struct document d;
    struct err e = { 0 };
    size_t len;
    const char *t;

    (void)state;
    assert_int_equal(doc_parse_markdown(&d, "a.md", md, strlen(md), NULL, NULL,
                                        &e), 0);
    /* the headline from the front matter, quotes stripped, in place */
    expect_text(&d, &d.st[0], "The mayor resigned");
    assert_int_equal(d.st[0].pos.line, 2);
    assert_int_equal(d.st[0].pos.col, 9);
    expect_text(&d, find_kind(&d, STMT_SENTENCE, 0), "Heading one");
    /* original text for the report, cleaned text for the model */
    expect_text(&d, find_kind(&d, STMT_SENTENCE, 1),
                "The mayor did **not** resign, said [the office]"
                "(http://x.org/a_b).");
    t = doc_clean_text(&d, (size_t)(find_kind(&d, STMT_SENTENCE, 1) - d.st),
                       &len);
    assert_null(memchr(t, '*', len));
    assert_null(strstr(t, "http"));
    /* nothing from the code block; inline code and comments blanked */
    for (size_t i = 0; i < d.n; i++) {
        t = doc_clean_text(&d, i, &len);
        assert_null(memchr(t, '`', len));
        for (size_t k = 0; k + 4 <= len; k++) {
            assert_false(memcmp(t + k, "code", 4) == 0);
            assert_false(memcmp(t + k, "rm -", 4) == 0);
            assert_false(memcmp(t + k, "comm", 4) == 0);
        }
    }
    expect_text(&d, find_kind(&d, STMT_SENTENCE, 2),
                "She uses `rm -rf` daily.");
    document_clear(&d);

    /* no front matter: the first level-1 heading */
    md = "Intro line.\n\nTitle here\n==========\n\nBody text.\n";
    assert_int_equal(doc_parse_markdown(&d, "b.md", md, strlen(md), NULL, NULL,
                                        &e), 0);
    expect_text(&d, &d.st[0], "Title here");
    assert_int_equal(d.st[0].pos.line, 3);
    document_clear(&d);

    /* neither: the first line of prose (code before it is not prose) */
    md = "    indented code\n\n*Prose* first line\n\nBody text.\n";
    assert_int_equal(doc_parse_markdown(&d, "c.md", md, strlen(md), NULL, NULL,
                                        &e), 0);
    /* the span is trimmed to the prose: the opening * is markup */
    expect_text(&d, &d.st[0], "Prose* first line");
    expect_text(&d, find_kind(&d, STMT_SENTENCE, 0), "Body text.");
    document_clear(&d);
}

static void test_html(void **state)
{
    const char *html =
        "<html><head><title>Site - Page</title>"
        "<script>var x = \"never scored.\";</script></head>\n"
        "<body><h1>The &amp; mayor resigned</h1>"
        "<p>He said &ldquo;I did not resign,&rdquo; today.</p>"
        "<!-- comment text. --><pre>code text.</pre><p>Last one.</p>"
        "</body></html>\n";
    struct document d;
    struct err e = { 0 };
    const struct statement *q;
    size_t len;
    const char *t;

    (void)state;
    assert_int_equal(doc_parse_html(&d, "a.html", html, strlen(html), NULL, NULL,
                                    &e), 0);
    expect_text(&d, &d.st[0], "The &amp; mayor resigned");
    assert_int_equal(d.st[0].pos.line, 2);
    q = find_kind(&d, STMT_QUOTE, 0);
    expect_text(&d, q, "I did not resign");
    assert_non_null(q->speaker);
    assert_string_equal(q->speaker, "He");
    /* a block element ends a sentence; the span ends after the entity */
    expect_text(&d, find_kind(&d, STMT_SENTENCE, 0),
                "He said &ldquo;I did not resign,&rdquo; today.");
    expect_text(&d, find_kind(&d, STMT_SENTENCE, 1), "Last one.");
    assert_null(find_kind(&d, STMT_SENTENCE, 2));
    for (size_t i = 0; i < d.n; i++) {
        t = doc_clean_text(&d, i, &len);
        for (size_t k = 0; k + 5 <= len; k++) {
            assert_false(memcmp(t + k, "never", 5) == 0);
            assert_false(memcmp(t + k, "comme", 5) == 0);
            assert_false(memcmp(t + k, "code ", 5) == 0);
            assert_false(memcmp(t + k, "Site ", 5) == 0);
        }
    }
    document_clear(&d);
}

/* Hostile nesting: the headline is still the first <h1> with text,
 * whatever wraps it, and nesting past HTML_MAX_DEPTH is refused with the
 * line, not a stack overflow. */
static void test_html_nesting(void **state)
{
    size_t n = 0, cap = 64 + 12 * 2000;
    char *html = malloc(cap);
    struct document d;
    struct err e = { 0 };

    (void)state;
    assert_non_null(html);
    n += (size_t)sprintf(html, "<h1><span> </span></h1>\n<h1>");
    for (int i = 0; i < 300; i++)
        n += (size_t)sprintf(html + n, "<span>");
    n += (size_t)sprintf(html + n, "Deep title</h1><p>Body one.</p>");
    assert_int_equal(doc_parse_html(&d, "n.html", html, n, NULL, NULL, &e), 0);
    expect_text(&d, &d.st[0], "Deep title");
    assert_int_equal(d.st[0].pos.line, 2);
    document_clear(&d);

    n = (size_t)sprintf(html, "<h1>H</h1>\n<p>Body.</p>\n");
    for (int i = 0; i < 2000; i++)
        n += (size_t)sprintf(html + n, "<div>");
    assert_int_equal(doc_parse_html(&d, "n.html", html, n, NULL, NULL, &e),
                     STATUS_LIMIT);
    assert_string_equal(e.msg, "n.html:3: elements nested more than 512 "
                        "deep");
    document_clear(&d);

    /* closed elements, void ones and the self-closing kinds add no depth */
    n = (size_t)sprintf(html, "<h1>H</h1>\n<p>Body.</p>\n");
    for (int i = 0; i < 1000; i++)
        n += (size_t)sprintf(html + n, "<div><br><p>x<li>y</div>");
    assert_int_equal(doc_parse_html(&d, "n.html", html, n, NULL, NULL, &e), 0);
    document_clear(&d);
    free(html);
}

/* The article-format table: names, extensions, sniffing, and doc_read over
 * a file and a buffer, with its limits. */
static void test_doc_read(void **state)
{
    static const char md[] = "---\ntitle: The mayor resigns\n---\n\n"
                             "The mayor said on Monday that she resigns.\n";
    static const char html[] = "  <!DOCTYPE html><html><head><title>Rain "
                               "falls</title></head><body><p>It rained all "
                               "day in the city.</p></body></html>";
    struct doc_read_options o;
    struct document d;
    struct err e = { 0 };
    char path[] = "/tmp/gainsay-test-readXXXXXX";
    const struct statement *h;
    FILE *fp;
    int fd;

    (void)state;
    assert_string_equal(doc_formats[0].name, "text");
    assert_ptr_equal(doc_format_named("markdown"), &doc_formats[1]);
    assert_ptr_equal(doc_format_named("html"), &doc_formats[2]);
    assert_null(doc_format_named("rtf"));
    assert_ptr_equal(doc_format_of_path("a/b.mkd"), &doc_formats[1]);
    assert_ptr_equal(doc_format_of_path("x.htm"), &doc_formats[2]);
    assert_ptr_equal(doc_format_of_path("notes.txt"), &doc_formats[0]);
    assert_null(doc_format_of_path("dir.md/README"));
    assert_null(doc_format_of_path("page.HTML"));      /* as is */
    assert_ptr_equal(doc_format_sniff(html, strlen(html)), &doc_formats[2]);
    assert_ptr_equal(doc_format_sniff(md, strlen(md)), &doc_formats[1]);
    assert_null(doc_format_sniff("Rain falls\n\nIt rained.\n", 24));

    /* by name: Markdown front matter gives the headline */
    doc_read_options_init(&o);
    document_init(&d);
    assert_int_equal(doc_read_mem(&d, "a.md", md, strlen(md), &o, &e), 0);
    h = find_kind(&d, STMT_HEADLINE, 0);
    expect_text(&d, h, "The mayor resigns");
    document_clear(&d);
    /* no extension: text, unless asked to sniff */
    assert_int_equal(doc_read_mem(&d, "<stdin>", html, strlen(html), &o,
                                  &e), 0);
    assert_non_null(strstr(doc_text(&d, d.headline, &(size_t){ 0 }),
                           "<!DOCTYPE"));
    document_clear(&d);
    o.sniff = 1;
    assert_int_equal(doc_read_mem(&d, "<stdin>", html, strlen(html), &o,
                                  &e), 0);
    expect_text(&d, find_kind(&d, STMT_HEADLINE, 0), "Rain falls");
    document_clear(&d);
    o.sniff = 0;
    /* an explicit format wins over the name */
    o.format = doc_format_named("markdown");
    assert_int_equal(doc_read_mem(&d, "a.txt", md, strlen(md), &o, &e), 0);
    expect_text(&d, find_kind(&d, STMT_HEADLINE, 0), "The mayor resigns");
    document_clear(&d);
    o.format = NULL;
    /* bad bytes name file:line */
    assert_int_equal(doc_read_mem(&d, "bad.txt", "Title\n\nA \xff b.\n", 13,
                                  &o, &e), STATUS_UTF8);
    assert_string_equal(e.msg, "bad.txt:3: invalid UTF-8");
    document_clear(&d);
    assert_int_equal(doc_read_mem(&d, "nul.txt", "Title\0x", 7, &o, &e),
                     STATUS_UTF8);
    assert_string_equal(e.msg, "nul.txt:1: NUL byte in text (binary file?)");
    document_clear(&d);

    /* from a file: the document owns the bytes; the size limit */
    fd = mkstemp(path);
    assert_true(fd >= 0);
    fp = fdopen(fd, "wb");
    assert_non_null(fp);
    fputs(md, fp);
    assert_int_equal(fclose(fp), 0);
    o.format = doc_format_named("markdown");
    assert_int_equal(doc_read(&d, path, "draft.md", &o, &e), 0);
    assert_non_null(d.text_owned);
    assert_ptr_equal(d.text, d.text_owned);
    expect_text(&d, find_kind(&d, STMT_HEADLINE, 0), "The mayor resigns");
    document_clear(&d);
    o.max_size = 10;
    assert_int_equal(doc_read(&d, path, "draft.md", &o, &e), STATUS_LIMIT);
    assert_non_null(strstr(e.msg, "draft.md: the article is"));
    assert_non_null(strstr(e.msg, "more than the limit of 10 (--max-size)"));
    document_clear(&d);
    o.max_size = DOC_MAX_SIZE;
    assert_int_equal(doc_read(&d, "/nonexistent/x.md", NULL, &o, &e),
                     STATUS_IO);
    document_clear(&d);
    remove(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_headline_and_sentences),
        cmocka_unit_test(test_quotes_and_speakers),
        cmocka_unit_test(test_columns_in_code_points),
        cmocka_unit_test(test_headline_option_and_errors),
        cmocka_unit_test(test_markdown),
        cmocka_unit_test(test_html),
        cmocka_unit_test(test_html_nesting),
        cmocka_unit_test(test_columns_on_a_long_line),
        cmocka_unit_test(test_doc_read),
    };
    return cmocka_run_group_tests_name("doc", tests, NULL, NULL);
}

/* test_html_report.c - the HTML page of `check --format html`, parsed back
 * with gumbo: structure, links, labels and the escaping of hostile text.
 * Needs no shipped model: the labels are all the page reads of one. */
#include <gumbo.h>
#include <stdlib.h>

#include "t.h"
#include "doc/document.h"
#include "report/html.h"

static const char hostile[] =
    "Council <script>alert(1)</script> opens the bridge in May\n"
    "\n"
    "The council said the bridge would open in May. "
    "\"The bridge will not open <b onmouseover='x()'>in May</b>,\" "
    "Ann Lee said. Tickets cost 3 & 4 \"euros\".\n";

static char l_con[] = "contradiction", l_ent[] = "entailment",
            l_neu[] = "neutral", l_agr[] = "agree", l_dis[] = "disagree",
            l_dsc[] = "discuss", l_unr[] = "unrelated",
            w_cue[] = "cue.neg_asym", w_len[] = "len.<a>";
static char *labels_nli[] = { l_con, l_ent, l_neu };
static char *labels_stance[] = { l_agr, l_dis, l_dsc, l_unr };

/* A page of n copies of the hostile article, each with two findings
 * between the headline and its quote and sentences. */
static char *render(size_t n_files, size_t *len)
{
    struct model nli, stance;
    struct document d;
    struct check_result r;
    struct err e = { 0 };
    struct html_report *h = html_report_alloc();
    double probs[3] = { 0.9125, 0.05, 0.0375 }, sp[4] = { 0.2, 0.5, 0.25,
                                                          0.05 };
    struct reason why[2] = { { w_cue, 1.0, 1.26 },
                             { w_len, 3.0, -0.385 } };
    const char *level[2] = { "error", "warning" };
    size_t quote = SIZE_MAX, sent = SIZE_MAX;
    char *buf = NULL;
    size_t blen = 0;
    FILE *fp = open_memstream(&buf, &blen);

    assert_non_null(h);
    assert_non_null(fp);
    memset(&nli, 0, sizeof nli);
    memset(&stance, 0, sizeof stance);
    nli.labels = labels_nli;
    nli.n_labels = 3;
    nli.flag = 0;
    stance.labels = labels_stance;
    stance.n_labels = 4;
    stance.flag = 1;
    for (size_t k = 0; k < n_files; k++) {
        document_init(&d);
        assert_int_equal(doc_parse_text(&d, k ? "b<i>.txt" : "a.txt",
                                        hostile, strlen(hostile), NULL, NULL, &e),
                         0);
        for (size_t i = 0; i < d.n; i++) {
            if (d.st[i].kind == STMT_QUOTE && quote == SIZE_MAX)
                quote = i;
            if (d.st[i].kind == STMT_SENTENCE && sent == SIZE_MAX)
                sent = i;
        }
        assert_true(quote != SIZE_MAX && sent != SIZE_MAX);
        check_result_init(&r);
        r.f = calloc(2, sizeof *r.f);
        assert_non_null(r.f);
        r.n = r.cap = 2;
        r.n_scored = 7;
        r.threshold = 0.585;
        r.has_stance = 1;
        r.stance_label = 1;
        r.stance_probs = sp;
        r.f[0] = (struct finding){ .kind = PAIR_HEADLINE_QUOTE,
                                   .a = d.headline, .b = quote, .model = &nli,
                                   .threshold = 0.585, .label = 0,
                                   .p_flag = 0.9125, .pair_p = 0.9125,
                                   .probs = probs, .why = why, .n_why = 2 };
        r.f[1] = (struct finding){ .kind = PAIR_HEADLINE_SENTENCE,
                                   .a = d.headline, .b = sent, .model = &nli,
                                   .threshold = 0.585, .label = 0,
                                   .p_flag = 0.6875, .pair_p = 0.6875,
                                   .probs = probs, .why = why, .n_why = 1 };
        assert_int_equal(html_report_file(h, &d, &r, &stance, level), 0);
        /* the result's arrays are the test's: nothing of them was kept */
        free(r.f);
        document_clear(&d);
    }
    assert_int_equal(html_report_write(h, fp), 0);
    html_report_free(h);
    fclose(fp);
    *len = blen;
    return buf;
}

static const char *attr(const GumboNode *n, const char *name)
{
    const GumboAttribute *a;

    if (n->type != GUMBO_NODE_ELEMENT)
        return NULL;
    a = gumbo_get_attribute(&n->v.element.attributes, name);
    return a ? a->value : NULL;
}

struct walk {
    size_t scripts, marks, marks_labelled, sections, index_rows, bold;
    size_t n_ids, n_hrefs;
    const char *ids[256], *hrefs[256];
    int hostile_as_text;        /* "<script>alert(1)</script>" in a text */
    int b_as_text;
};

static int has_class(const GumboNode *n, const char *c)
{
    const char *v = attr(n, "class");
    size_t len = strlen(c);

    for (const char *p = v; p && (p = strstr(p, c)) != NULL; p += len)
        if ((p == v || p[-1] == ' ') && (p[len] == '\0' || p[len] == ' '))
            return 1;
    return 0;
}

/* A mark that opens a statement carries a tag naming its severity, so the
 * page never tells severity by colour alone. */
static int mark_labelled(const GumboNode *m)
{
    const GumboVector *ch = &m->v.element.children;

    for (unsigned i = 0; i < ch->length; i++) {
        const GumboNode *c = ch->data[i];
        if (c->type == GUMBO_NODE_ELEMENT && c->v.element.tag == GUMBO_TAG_A
            && has_class(c, "tag") && c->v.element.children.length == 1) {
            const GumboNode *t = c->v.element.children.data[0];
            if (t->type == GUMBO_NODE_TEXT
                && (strstr(t->v.text.text, "error")
                    || strstr(t->v.text.text, "warning")))
                return 1;
        }
    }
    return 0;
}

static void walk(const GumboNode *n, struct walk *w, int in_index)
{
    const GumboVector *ch;

    if (n->type == GUMBO_NODE_TEXT) {
        if (strstr(n->v.text.text, "<script>alert(1)</script>"))
            w->hostile_as_text = 1;
        if (strstr(n->v.text.text, "<b onmouseover='x()'>"))
            w->b_as_text = 1;
        return;
    }
    if (n->type != GUMBO_NODE_ELEMENT)
        return;
    switch (n->v.element.tag) {
    case GUMBO_TAG_SCRIPT: w->scripts++; break;
    case GUMBO_TAG_B: w->bold++; break;
    case GUMBO_TAG_MARK:
        if (attr(n, "id")) {
            w->marks++;
            w->marks_labelled += mark_labelled(n) != 0;
        }
        break;
    case GUMBO_TAG_SECTION: w->sections++; break;
    case GUMBO_TAG_NAV: in_index = 1; break;
    case GUMBO_TAG_TR: w->index_rows += in_index != 0; break;
    default: break;
    }
    if (attr(n, "id") && w->n_ids < 256)
        w->ids[w->n_ids++] = attr(n, "id");
    if (attr(n, "href") && w->n_hrefs < 256)
        w->hrefs[w->n_hrefs++] = attr(n, "href");
    ch = &n->v.element.children;
    for (unsigned i = 0; i < ch->length; i++)
        walk(ch->data[i], w, in_index);
}

static GumboOutput *parse(const char *page, size_t len)
{
    GumboOptions opt = kGumboDefaultOptions;

    opt.max_errors = 100;
    return gumbo_parse_with_options(&opt, page, len);
}

static void check_links(const struct walk *w)
{
    for (size_t i = 0; i < w->n_hrefs; i++) {
        int found = 0;
        assert_true(w->hrefs[i][0] == '#');     /* nothing off the page */
        for (size_t k = 0; k < w->n_ids && !found; k++)
            found = strcmp(w->ids[k], w->hrefs[i] + 1) == 0;
        if (!found)
            print_error("link %s has no target\n", w->hrefs[i]);
        assert_true(found);
    }
}

static void test_one_article(void **state)
{
    size_t len;
    char *page = render(1, &len);
    GumboOutput *out;
    struct walk w;

    (void)state;
    memset(&w, 0, sizeof w);
    out = parse(page, len);
    assert_non_null(out);
    walk(out->root, &w, 0);
    assert_int_equal(w.scripts, 0);
    assert_int_equal(w.bold, 0);
    assert_true(w.hostile_as_text);
    assert_true(w.b_as_text);
    assert_int_equal(w.sections, 1);
    assert_int_equal(w.index_rows, 0);          /* one article: no index */
    /* the headline, the quote and the sentence, each marked and labelled */
    assert_int_equal(w.marks, 3);
    assert_int_equal(w.marks_labelled, 3);
    assert_true(w.n_hrefs >= 8);
    check_links(&w);
    /* both findings have their entry, the statements their anchors */
    for (const char *id = "d1-f1"; id; id = strcmp(id, "d1-f1") ? NULL
                                                                : "d1-f2") {
        int found = 0;
        for (size_t k = 0; k < w.n_ids; k++)
            found |= strcmp(w.ids[k], id) == 0;
        assert_true(found);
    }
    assert_null(strstr(page, "http:"));
    assert_null(strstr(page, "https:"));
    assert_null(strstr(page, "@import"));
    gumbo_destroy_output(&kGumboDefaultOptions, out);
    free(page);
}

static void test_index(void **state)
{
    size_t len;
    char *page = render(2, &len);
    GumboOutput *out;
    struct walk w;

    (void)state;
    memset(&w, 0, sizeof w);
    out = parse(page, len);
    walk(out->root, &w, 0);
    assert_int_equal(w.sections, 2);
    assert_int_equal(w.index_rows, 3);          /* a header and two files */
    assert_int_equal(w.marks, 6);
    assert_int_equal(w.scripts, 0);
    assert_int_equal(w.bold, 0);
    check_links(&w);
    /* the file name is text too */
    assert_non_null(strstr(page, "b&lt;i&gt;.txt"));
    gumbo_destroy_output(&kGumboDefaultOptions, out);
    free(page);
}

static void test_escape(void **state)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);

    (void)state;
    html_put_escaped(fp, "a<b>&\"c'\0d", 10);
    fclose(fp);
    assert_string_equal(buf, "a&lt;b&gt;&amp;&quot;c&#39;\xEF\xBF\xBD" "d");
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape),
        cmocka_unit_test(test_one_article),
        cmocka_unit_test(test_index),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_io.c - CSV, the dataset readers, base64, strmap, atomic files. */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "t.h"
#include "base/base64.h"
#include "base/file.h"
#include "base/strmap.h"
#include "data/csv.h"
#include "data/dataset.h"

static char dir[] = "/tmp/gainsay-test-io-XXXXXX";
static const struct data_options opt = { .need_label = 1 };

static const char *write_tmp(const char *name, const char *text, size_t len)
{
    static char path[8][256];
    static int next;
    char *p = path[next++ % 8];
    FILE *fp;

    snprintf(p, 256, "%s/%s", dir, name);
    fp = fopen(p, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(text, 1, len, fp), len);
    fclose(fp);
    return p;
}

static void test_csv(void **state)
{
    const char *s = "a,b\n\"x, \"\"y\"\"\nz\",2\r\nlast,\n";
    struct csv_reader r;
    struct err e = { 0 };
    size_t line, n;
    const char *f;
    int more;

    (void)state;
    csv_init(&r, "t.csv", s, strlen(s));
    assert_int_equal(csv_next(&r, &line, &more, &e), 0);
    assert_int_equal(more, 1);
    assert_int_equal(line, 1);
    assert_int_equal(r.n_fields, 2);
    assert_int_equal(csv_next(&r, &line, &more, &e), 0);
    assert_int_equal(more, 1);
    assert_int_equal(line, 2);
    f = csv_field(&r, 0, &n);
    assert_string_equal(f, "x, \"y\"\nz");
    f = csv_field(&r, 1, &n);
    assert_string_equal(f, "2");
    assert_int_equal(csv_next(&r, &line, &more, &e), 0);
    assert_int_equal(more, 1);
    assert_int_equal(line, 4);          /* the quoted newline counted */
    assert_int_equal(r.n_fields, 2);
    assert_int_equal(csv_field(&r, 1, &n)[0], '\0');
    assert_int_equal(csv_next(&r, &line, &more, &e), 0);
    assert_int_equal(more, 0);
    assert_int_equal(e.code, STATUS_OK);
    csv_clear(&r);
}

static void test_csv_errors(void **state)
{
    struct csv_reader r;
    struct err e = { 0 };
    size_t line;
    int more;
    const char *open_quote = "a,b\n1,\"never closed\n2,3\n";
    const char *after = "a,\"b\"x\n";

    (void)state;
    csv_init(&r, "open.csv", open_quote, strlen(open_quote));
    assert_int_equal(csv_next(&r, &line, &more, &e), 0);
    assert_int_equal(csv_next(&r, &line, &more, &e), STATUS_PARSE);
    assert_int_equal(more, 0);
    assert_int_equal(e.code, STATUS_PARSE);
    assert_string_equal(e.msg, "open.csv:2: quoted field never closed");
    csv_clear(&r);
    csv_init(&r, "after.csv", after, strlen(after));
    assert_int_equal(csv_next(&r, &line, &more, &e), STATUS_PARSE);
    assert_string_equal(e.msg,
                        "after.csv:1: unexpected 'x' after a closing quote");
    csv_clear(&r);
    /* the whole character, never half of it; a control character named */
    csv_init(&r, "e.csv", "a,\"b\"\xC3\xA9\n", 8);
    assert_int_equal(csv_next(&r, &line, &more, &e), STATUS_PARSE);
    assert_string_equal(e.msg, "e.csv:1: unexpected '\xC3\xA9' after a "
                        "closing quote");
    csv_clear(&r);
    csv_init(&r, "esc.csv", "\"b\"\x1B[31m\n", 9);
    assert_int_equal(csv_next(&r, &line, &more, &e), STATUS_PARSE);
    assert_string_equal(e.msg, "esc.csv:1: unexpected U+001B after a "
                        "closing quote");
    csv_clear(&r);
}

static void test_read_formats(void **state)
{
    struct dataset ds;
    struct err e = { 0 };
    const char *paths[5];
    const char *jsonl = "{\"a\":\"Prices rose.\",\"b\":\"Prices fell.\","
                        "\"label\":\"contradiction\",\"id\":7}\n\n"
                        "{\"a\":\"x y\",\"b\":\"z\",\"label\":\"neutral\","
                        "\"group\":\"g1\"}\n";
    const char *tsv = "label\ta\tb\nentailment\tA cat.\tAn animal.\tg1\n";
    const char *sick = "pair_ID\tsentence_A\tsentence_B\trelatedness_score\t"
                       "entailment_judgment\n1\tA man runs\tNobody runs\t"
                       "3.6\tCONTRADICTION\n";
    const char *stances = "Headline,Body ID,Stance\n\"Claim, quoted\",5,agree"
                          "\nOther,5,unrelated\n";
    const char *bodies = "Body ID,articleBody\n5,\"Body with\n\"\"quotes\"\"\"\n";

    (void)state;
    paths[0] = write_tmp("p.jsonl", jsonl, strlen(jsonl));
    paths[1] = write_tmp("p.tsv", tsv, strlen(tsv));
    paths[2] = write_tmp("sick.txt", sick, strlen(sick));
    paths[3] = write_tmp("stances.csv", stances, strlen(stances));
    paths[4] = write_tmp("bodies.csv", bodies, strlen(bodies));
    dataset_init(&ds);
    assert_int_equal(dataset_read(&ds, paths, 5, &opt, &e), 0);
    assert_int_equal(ds.n_pairs, 6);
    assert_string_equal(ds.texts.str[ds.pairs[0].a], "Prices rose.");
    assert_string_equal(ds.ids.str[ds.pairs[0].id], "7");
    assert_int_equal(ds.pairs[1].line, 3);
    assert_string_equal(ds.groups.str[ds.pairs[1].group], "g1");
    assert_string_equal(ds.labels.str[ds.pairs[2].label], "entailment");
    /* SICK labels are lower-cased to meet SNLI's */
    assert_string_equal(ds.labels.str[ds.pairs[3].label], "contradiction");
    assert_string_equal(ds.texts.str[ds.pairs[4].a], "Claim, quoted");
    assert_string_equal(ds.texts.str[ds.pairs[4].b],
                        "Body with\n\"quotes\"");
    /* the body is stored once */
    assert_int_equal(ds.pairs[4].b, ds.pairs[5].b);
    dataset_clear(&ds);
}

static void expect_error(const char *name, const char *text, size_t len,
                         enum status code, const char *where)
{
    struct dataset ds;
    struct err e = { 0 };
    const char *path = write_tmp(name, text, len);

    dataset_init(&ds);
    assert_int_equal(dataset_read(&ds, &path, 1, &opt, &e), code);
    if (!strstr(e.msg, where))
        print_error("message '%s' lacks '%s'\n", e.msg, where);
    assert_non_null(strstr(e.msg, where));
    dataset_clear(&ds);
}

static void test_read_errors(void **state)
{
    (void)state;
    expect_error("empty.jsonl", "", 0, STATUS_PARSE, "empty file");
    expect_error("nul.tsv", "x\ta\0b\tc\n", 9, STATUS_UTF8,
                 "nul.tsv:1: NUL byte");
    expect_error("bad.tsv", "x\ta\tb\ny\t\xC3\x28\tc\n", 11, STATUS_UTF8,
                 "bad.tsv:2: invalid UTF-8");
    expect_error("few.tsv", "x\ta\tb\ny\tonly\n", 13, STATUS_PARSE,
                 "few.tsv:2: expected 3 or 4");
    expect_error("nolabel.jsonl", "{\"a\":\"x\",\"b\":\"y\"}\n", 18,
                 STATUS_PARSE, "nolabel.jsonl:1: missing label");
    expect_error("broken.jsonl", "{\"a\":\"x\",\"b\":\"y\",\"label\":\"l\"}\n"
                 "{\"a\": \n", 36, STATUS_PARSE, "broken.jsonl:2: invalid");
    expect_error("notstr.jsonl", "{\"a\":1,\"b\":\"y\",\"label\":\"l\"}\n",
                 28, STATUS_PARSE, "notstr.jsonl:1: field \"a\" is not");
    expect_error("what.txt", "just some words\n", 16, STATUS_FORMAT,
                 "cannot tell the data format");
    expect_error("emptya.tsv", "l\t \tb\n", 6, STATUS_PARSE,
                 "emptya.tsv:1: statement 'a' is empty");
}

static void test_fnc_needs_bodies(void **state)
{
    struct dataset ds;
    struct err e = { 0 };
    const char *s = "Headline,Body ID,Stance\nH,1,agree\n";
    const char *b = "Body ID,articleBody\n2,text\n";
    const char *paths[2];

    (void)state;
    paths[0] = write_tmp("st.csv", s, strlen(s));
    dataset_init(&ds);
    assert_int_equal(dataset_read(&ds, paths, 1, &opt, &e),
                     STATUS_USAGE);
    assert_non_null(strstr(e.msg, "needs its bodies file"));
    dataset_clear(&ds);
    paths[1] = write_tmp("bd.csv", b, strlen(b));
    dataset_init(&ds);
    assert_int_equal(dataset_read(&ds, paths, 2, &opt, &e),
                     STATUS_PARSE);
    assert_non_null(strstr(e.msg, "st.csv:2: Body ID '1' is not in"));
    dataset_clear(&ds);
}

static void test_snli_skips_no_consensus(void **state)
{
    struct dataset ds;
    struct err e = { 0 };
    const char *s =
        "{\"gold_label\":\"neutral\",\"sentence1\":\"A\",\"sentence2\":\"B\","
        "\"pairID\":\"p1\"}\n"
        "{\"gold_label\":\"-\",\"sentence1\":\"C\",\"sentence2\":\"D\"}\n";
    const char *path = write_tmp("snli.jsonl", s, strlen(s));

    (void)state;
    dataset_init(&ds);
    assert_int_equal(dataset_read(&ds, &path, 1, &opt, &e), 0);
    assert_int_equal(ds.n_pairs, 1);
    assert_int_equal(ds.n_skipped, 1);
    dataset_clear(&ds);
}

/* Read one file with --columns / --label-map given as text. */
static int read_with(const char *name, const char *text, size_t len,
                     const char *format, const char *columns,
                     const char *label_map, struct dataset *ds,
                     struct err *e)
{
    struct data_options o;
    const char *path = write_tmp(name, text, len);
    int rc = 0;

    data_options_init(&o);
    if (format)
        o.format = data_format_find(format);
    if (columns)
        rc = data_columns_parse(&o.columns, columns, e);
    if (!rc && label_map)
        rc = data_label_map_parse(&o.label_map, label_map, e);
    if (!rc)
        rc = dataset_read(ds, &path, 1, &o, e);
    data_options_clear(&o);
    return rc;
}

static void test_read_columns(void **state)
{
    struct dataset ds;
    struct err e = { 0 };
    /* ConjNLI's layout: a byte-order mark on the header, CRLF line ends */
    const char *tsv = "\xEF\xBB\xBFPremise\tHypothesis\tLabel\r\n"
                      "A dog runs.\tAn animal runs.\te\r\n"
                      "A dog runs.\tA cat sleeps.\tc\r\n";
    /* HealthVer's: RFC 4180 CSV, fields in another order, quoted commas */
    const char *csv = "id,evidence,claim,label,topic_ip\r\n"
                      "224,\"Wuhan, in December\",\"Not natural\",Neutral,1\n"
                      "225,Masks help.,Masks work.,Supports,1\n"
                      "226,More text.,A claim.,Unknowable,2\n";
    /* HANS's: no header, so columns are numbered */
    const char *hans = "I am not here. \tI am here.\tcontradiction\n";
    /* ANLI's: other JSON field names, letters for labels, numbers */
    const char *jsonl = "{\"uid\":17,\"context\":\"It rained.\","
                        "\"hypothesis\":\"It was dry.\",\"label\":\"c\"}\n"
                        "{\"uid\":\"x2\",\"context\":\"It rained.\","
                        "\"hypothesis\":\"It was wet.\",\"label\":0}\n";

    (void)state;
    dataset_init(&ds);
    assert_int_equal(read_with("conj.tsv", tsv, strlen(tsv), NULL,
                               "a=Premise,b=Hypothesis,label=Label",
                               "e=entailment,c=contradiction", &ds, &e), 0);
    assert_int_equal(ds.n_pairs, 2);
    assert_string_equal(ds.texts.str[ds.pairs[0].a], "A dog runs.");
    assert_string_equal(ds.texts.str[ds.pairs[1].b], "A cat sleeps.");
    assert_string_equal(ds.labels.str[ds.pairs[0].label], "entailment");
    assert_string_equal(ds.labels.str[ds.pairs[1].label], "contradiction");
    assert_int_equal(ds.pairs[1].line, 3);
    dataset_clear(&ds);

    assert_int_equal(read_with("hv.csv", csv, strlen(csv), NULL,
                               "a=evidence,b=claim,label=label,id=id,"
                               "group=topic_ip", "Unknowable=", &ds, &e), 0);
    assert_int_equal(ds.n_pairs, 2);
    assert_int_equal(ds.n_dropped, 1);
    assert_string_equal(ds.texts.str[ds.pairs[0].a], "Wuhan, in December");
    assert_string_equal(ds.ids.str[ds.pairs[1].id], "225");
    assert_string_equal(ds.groups.str[ds.pairs[1].group], "1");
    assert_string_equal(ds.labels.str[ds.pairs[1].label], "Supports");
    dataset_clear(&ds);

    assert_int_equal(read_with("hans.tsv", hans, strlen(hans), NULL,
                               "a=1,b=2,label=3", NULL, &ds, &e), 0);
    assert_int_equal(ds.n_pairs, 1);
    assert_string_equal(ds.texts.str[ds.pairs[0].b], "I am here.");
    assert_int_equal(ds.pairs[0].line, 1);
    dataset_clear(&ds);

    assert_int_equal(read_with("anli.jsonl", jsonl, strlen(jsonl), NULL,
                               "a=context,b=hypothesis,label=label,id=uid",
                               "c=contradiction,0=entailment", &ds, &e), 0);
    assert_int_equal(ds.n_pairs, 2);
    assert_string_equal(ds.labels.str[ds.pairs[0].label], "contradiction");
    assert_string_equal(ds.labels.str[ds.pairs[1].label], "entailment");
    assert_string_equal(ds.ids.str[ds.pairs[0].id], "17");
    assert_int_equal(ds.pairs[0].id_number, 1);
    assert_int_equal(ds.pairs[1].id_number, 0);
    dataset_clear(&ds);

    /* a SICK file with --columns is read as the TSV it is */
    {
        const char *sick = "pair_ID\tsentence_A\tsentence_B\tx\t"
                           "entailment_judgment\n1\tA man\tNo man\t3\t"
                           "CONTRADICTION\n";
        assert_int_equal(read_with("s.txt", sick, strlen(sick), NULL,
                                   "a=sentence_B,b=sentence_A,"
                                   "label=entailment_judgment", NULL, &ds,
                                   &e), 0);
        assert_string_equal(ds.texts.str[ds.pairs[0].a], "No man");
        assert_string_equal(ds.labels.str[ds.pairs[0].label],
                            "CONTRADICTION");
        dataset_clear(&ds);
    }
}

static void expect_columns_error(const char *name, const char *text,
                                 const char *format, const char *columns,
                                 enum status code, const char *where)
{
    struct dataset ds;
    struct err e = { 0 };

    dataset_init(&ds);
    assert_int_equal(read_with(name, text, strlen(text), format, columns,
                               NULL, &ds, &e), code);
    if (!strstr(e.msg, where))
        print_error("message '%s' lacks '%s'\n", e.msg, where);
    assert_non_null(strstr(e.msg, where));
    dataset_clear(&ds);
}

static void test_read_columns_errors(void **state)
{
    const char *tsv = "prem\thyp\tlabel\nx\ty\tz\n";

    (void)state;
    expect_columns_error("h.tsv", tsv, NULL, "a=prem,b=hypothesis,label=label",
                         STATUS_PARSE, "h.tsv:1: no column 'hypothesis' in "
                         "the header (it has: prem, hyp, label)");
    expect_columns_error("short.tsv", "x\ty\n", NULL, "a=1,b=2,label=3",
                         STATUS_PARSE, "short.tsv:1: expected at least 3 "
                         "tab-separated fields, got 2");
    expect_columns_error("n.jsonl", "{\"p\":\"x\"}\n", NULL,
                         "a=1,b=2,label=3", STATUS_USAGE,
                         "column numbers are for TSV or CSV");
    expect_columns_error("s.jsonl", "{\"sentence1\":\"x\"}\n", "snli",
                         "a=sentence1,b=sentence2,label=gold_label",
                         STATUS_USAGE, "--columns does not apply to the snli "
                         "format");
    expect_columns_error("nl.tsv", tsv, NULL, "a=prem,b=hyp", STATUS_USAGE,
                         "--columns names no label= column");
    expect_columns_error("f.jsonl", "{\"p\":\"x\",\"h\":\"y\"}\n", NULL,
                         "a=p,b=hyp,label=l", STATUS_PARSE,
                         "f.jsonl:1: field \"hyp\" is missing");
    expect_columns_error("u16.tsv", "\xFF\xFEl\0a\0", NULL, NULL,
                         STATUS_UTF8, "u16.tsv:1: the file is UTF-16");
    expect_columns_error("latin1.tsv", "l\ta\tb\nl\tcaf\xE9\tb\n", NULL, NULL,
                         STATUS_UTF8, "latin1.tsv:2: invalid UTF-8");
    expect_columns_error("hv.csv", "x,y\n1,2\n", NULL, NULL, STATUS_PARSE,
                         "hv.csv:1: no column 'a' in the header");
}

static void test_columns_parse(void **state)
{
    struct data_columns c;
    struct data_label_map m;
    struct err e = { 0 };

    (void)state;
    memset(&c, 0, sizeof c);
    assert_int_equal(data_columns_parse(&c, "a=x,b=2", &e), STATUS_USAGE);
    assert_non_null(strstr(e.msg, "name all columns or number all"));
    data_columns_clear(&c);
    assert_int_equal(data_columns_parse(&c, "a=x,b=y,lable=z", &e),
                     STATUS_USAGE);
    assert_non_null(strstr(e.msg, "unknown part 'lable'"));
    data_columns_clear(&c);
    assert_int_equal(data_columns_parse(&c, "a=x", &e), STATUS_USAGE);
    assert_non_null(strstr(e.msg, "name both a= and b="));
    data_columns_clear(&c);
    assert_int_equal(data_columns_parse(&c, "a=0,b=1", &e), STATUS_USAGE);
    data_columns_clear(&c);
    assert_int_equal(data_columns_parse(&c, "a=3,b=1,id=7", &e), 0);
    assert_int_equal(c.number[DATA_COL_A], 3);
    assert_int_equal(c.number[DATA_COL_ID], 7);
    assert_int_equal(c.number[DATA_COL_LABEL], 0);
    data_columns_clear(&c);
    memset(&m, 0, sizeof m);
    assert_int_equal(data_label_map_parse(&m, "e=entailment,NEI=", &e), 0);
    assert_int_equal(m.n, 2);
    assert_string_equal(m.to[1], "");
    assert_int_equal(data_label_map_parse(&m, "e=x", &e), STATUS_USAGE);
    assert_non_null(strstr(e.msg, "'e' mapped twice"));
    data_label_map_clear(&m);
    assert_non_null(data_format_find("multinli"));
    assert_null(data_format_find("fnc-bodies"));
}

/* split writes what it read: the JSONL writer and reader round-trip every
 * field, numeric ids staying numbers and groups kept */
static void test_jsonl_round_trip(void **state)
{
    struct dataset ds, back;
    struct err e = { 0 };
    const char *jsonl =
        "{\"label\":\"contradiction\",\"a\":\"Prices rose \\u00e9\","
        "\"b\":\"Prices \\\"fell\\\"\",\"group\":\"g1\",\"id\":7}\n"
        "{\"label\":\"neutral\",\"a\":\"x\",\"b\":\"y\",\"id\":\"7\"}\n"
        "{\"label\":\"neutral\",\"a\":\"x\",\"b\":\"z\",\"group\":\"g2\","
        "\"id\":2.5e-3}\n"
        "{\"label\":\"entailment\",\"a\":\"q\",\"b\":\"r\"}\n";
    const char *path = write_tmp("rt.jsonl", jsonl, strlen(jsonl)), *out;
    char file[256];
    FILE *fp;

    (void)state;
    snprintf(file, sizeof file, "%s/rt-out.jsonl", dir);
    out = file;
    dataset_init(&ds);
    dataset_init(&back);
    assert_int_equal(dataset_read(&ds, &path, 1, &opt, &e), 0);
    fp = fopen(file, "wb");
    assert_non_null(fp);
    assert_int_equal(dataset_write_jsonl(&ds, NULL, 0, fp, &e), 0);
    assert_int_equal(fclose(fp), 0);
    assert_int_equal(dataset_read(&back, &out, 1, &opt, &e), 0);
    assert_int_equal(back.n_pairs, ds.n_pairs);
    for (size_t i = 0; i < ds.n_pairs; i++) {
        const struct pair_rec *p = &ds.pairs[i], *q = &back.pairs[i];
        assert_string_equal(ds.texts.str[p->a], back.texts.str[q->a]);
        assert_string_equal(ds.texts.str[p->b], back.texts.str[q->b]);
        assert_string_equal(ds.labels.str[p->label],
                            back.labels.str[q->label]);
        assert_int_equal(p->group == SIZE_MAX, q->group == SIZE_MAX);
        if (p->group != SIZE_MAX)
            assert_string_equal(ds.groups.str[p->group],
                                back.groups.str[q->group]);
        assert_int_equal(p->id == SIZE_MAX, q->id == SIZE_MAX);
        if (p->id != SIZE_MAX)
            assert_string_equal(ds.ids.str[p->id], back.ids.str[q->id]);
        assert_int_equal(p->id_number, q->id_number);
    }
    assert_int_equal(ds.pairs[0].id_number, 1);
    assert_int_equal(ds.pairs[1].id_number, 0);
    assert_string_equal(back.groups.str[back.pairs[2].group], "g2");
    /* a selection writes only its pairs */
    {
        unsigned char sel[4] = { 1, 2, 1, 2 };
        char *text;
        size_t len;
        fp = fopen(file, "wb");
        assert_non_null(fp);
        assert_int_equal(dataset_write_jsonl(&ds, sel, 2, fp, &e), 0);
        assert_int_equal(fclose(fp), 0);
        assert_int_equal(file_read_max(file, 1 << 20, &text, &len, &e), 0);
        assert_string_equal(text, "{\"label\":\"neutral\",\"a\":\"x\","
                            "\"b\":\"y\",\"id\":\"7\"}\n{\"label\":"
                            "\"entailment\",\"a\":\"q\",\"b\":\"r\"}\n");
        free(text);
    }
    dataset_clear(&ds);
    dataset_clear(&back);
}

static void test_base64(void **state)
{
    const char *in[] = { "", "f", "fo", "foo", "foob", "fooba", "foobar" };
    const char *out[] = { "", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=",
                          "Zm9vYmFy" };
    unsigned char *d;
    size_t n;
    struct err e = { 0 };

    (void)state;
    for (int i = 0; i < 7; i++) {
        char *s = base64_encode(in[i], strlen(in[i]));
        assert_string_equal(s, out[i]);
        assert_int_equal(base64_decode(s, strlen(s), &d, &n, &e), 0);
        assert_int_equal(n, strlen(in[i]));
        assert_memory_equal(d, in[i], n);
        free(d);
        free(s);
    }
    assert_int_equal(base64_decode("Zm9", 3, &d, &n, &e), STATUS_PARSE);
    assert_string_equal(e.msg, "base64: length 3 is not a multiple of 4");
    assert_int_equal(base64_decode("Zm!v", 4, &d, &n, &e), STATUS_PARSE);
    assert_string_equal(e.msg, "base64: not a base64 character at byte 2");
    assert_int_equal(base64_decode("Zm!vZm9v", 8, &d, &n, &e), STATUS_PARSE);
    assert_string_equal(e.msg,
                        "base64: not a base64 character in bytes 0 to 3");
    assert_int_equal(base64_decode("Z===", 4, &d, &n, &e), STATUS_PARSE);
    /* into the caller's buffer: the exact size or nothing */
    {
        unsigned char buf[6];
        assert_int_equal(base64_decoded_size("Zm9vYg==", 8), 4);
        assert_int_equal(base64_decode_to("Zm9vYmFy", 8, buf, 6, &e), 0);
        assert_memory_equal(buf, "foobar", 6);
        assert_int_equal(base64_decode_to("Zm9vYmFy", 8, buf, 5, &e),
                         STATUS_PARSE);
        assert_string_equal(e.msg, "base64: 6 bytes, not 5");
        assert_int_equal(base64_decode_to("Zm!v", 4, buf, 3, &e),
                         STATUS_PARSE);
        assert_string_equal(e.msg,
                            "base64: not a base64 character at byte 2");
    }
}

/* The value of base64 letter c, or -1: the alphabet spelled out. */
static int b64_ref_value(int c)
{
    static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                            "0123456789+/";
    const char *p = c ? strchr(a, c) : NULL;

    return p ? (int)(p - a) : -1;
}

/* Long strings, where whole blocks of 32 letters are decoded at once on
 * processors that can: every length up to 300 bytes from every offset of
 * the buffer, into a buffer of exactly the decoded size (ASan and valgrind
 * see any write past it), against a decoder of four letters at a time;
 * then every byte value at every position of a 160-letter string, which
 * must be refused with the same message the bytewise loop gives (the
 * quad, or the byte in the last quad) or, for a letter, decode. */
static void test_base64_blocks(void **state)
{
    unsigned char raw[300];
    uint64_t x = 2385;
    struct err e = { 0 };

    (void)state;
    for (size_t i = 0; i < sizeof raw; i++) {
        x = x * 6364136223846793005u + 1442695040888963407u;
        raw[i] = (unsigned char)(x >> 56);
    }
    for (size_t off = 0; off < 4; off++)
        for (size_t n = 0; n + off <= sizeof raw; n += 1 + n / 64) {
            char *s = base64_encode(raw + off, n);
            size_t len = strlen(s);
            unsigned char *got = malloc(n ? n : 1);
            assert_non_null(got);
            assert_int_equal(base64_decode_to(s, len, got, n, &e), 0);
            for (size_t q = 0; q < len; q += 4) {
                int v[4];
                for (int k = 0; k < 4; k++)
                    v[k] = s[q + (size_t)k] == '=' ? 0
                           : b64_ref_value(s[q + (size_t)k]);
                assert_true(v[0] >= 0 && v[1] >= 0 && v[2] >= 0 && v[3] >= 0);
                assert_int_equal(got[q / 4 * 3], v[0] << 2 | v[1] >> 4);
                if (q / 4 * 3 + 1 < n)
                    assert_int_equal(got[q / 4 * 3 + 1],
                                     (v[1] << 4 | v[2] >> 2) & 0xFF);
                if (q / 4 * 3 + 2 < n)
                    assert_int_equal(got[q / 4 * 3 + 2],
                                     (v[2] << 6 | v[3]) & 0xFF);
            }
            /* in place: into the string's own bytes, from its start and
             * from up to 7 bytes before it, as a model file's text is */
            for (size_t back = 0; back < 8; back += 7) {
                char *t = malloc(len + back + 1);
                assert_non_null(t);
                memcpy(t + back, s, len + 1);
                assert_int_equal(base64_decode_to(t + back, len,
                                                  (unsigned char *)t, n,
                                                  &e), 0);
                assert_memory_equal(t, got, n);
                free(t);
            }
            free(got);
            free(s);
        }
    {
        char *s = base64_encode(raw, 120), want[96];
        unsigned char out[120];
        size_t len = strlen(s);
        assert_int_equal(len, 160);
        for (size_t at = 0; at < len; at++)
            for (int c = 1; c < 256; c++) {
                char was = s[at];
                int rc;
                s[at] = (char)c;
                rc = base64_decode_to(s, len, out, 120, &e);
                s[at] = was;
                if (b64_ref_value(c) >= 0) {
                    assert_int_equal(rc, 0);
                    continue;
                }
                assert_int_equal(rc, STATUS_PARSE);
                if (c == '=' && at + 2 >= len)
                    snprintf(want, sizeof want, "base64: 119 bytes, not "
                             "120");
                else if (at + 4 < len)
                    snprintf(want, sizeof want, "base64: not a base64 "
                             "character in bytes %zu to %zu", at / 4 * 4,
                             at / 4 * 4 + 3);
                else
                    snprintf(want, sizeof want, "base64: not a base64 "
                             "character at byte %zu", at);
                assert_string_equal(e.msg, want);
            }
        free(s);
    }
}

static void test_strmap(void **state)
{
    struct strmap m;
    char buf[32];
    size_t id;

    (void)state;
    strmap_init(&m);
    for (int i = 0; i < 1000; i++) {
        snprintf(buf, sizeof buf, "key %d", i);
        assert_int_equal(strmap_intern(&m, buf, strlen(buf), &id), 0);
        assert_int_equal(id, (size_t)i);
    }
    assert_int_equal(strmap_intern(&m, "key 517", 7, &id), 0);
    assert_int_equal(id, 517);
    assert_int_equal(m.n, 1000);        /* found, not added */
    assert_int_equal(strmap_find(&m, "key 999", 7), 999);
    assert_int_equal(strmap_find(&m, "nope", 4), SIZE_MAX);
    /* embedded NULs are part of the key */
    assert_int_equal(strmap_intern(&m, "a\0b", 3, &id), 0);
    assert_int_equal(id, 1000);
    assert_int_equal(strmap_find(&m, "a", 1), SIZE_MAX);
    strmap_clear(&m);
}

static void test_atomic_file(void **state)
{
    struct atomic_file af;
    struct err e = { 0 };
    char path[256], *text;
    size_t len;

    (void)state;
    snprintf(path, sizeof path, "%s/out.json", dir);
    write_tmp("out.json", "old", 3);
    assert_int_equal(file_open_atomic(&af, path, &e), 0);
    fputs("new and partial", af.fp);
    file_abort(&af);            /* a failed run leaves the old file */
    assert_int_equal(file_read_max(path, 100, &text, &len, &e), 0);
    assert_string_equal(text, "old");
    free(text);
    assert_int_equal(file_open_atomic(&af, path, &e), 0);
    fputs("new", af.fp);
    assert_int_equal(file_commit(&af, &e), 0);
    assert_int_equal(file_read_max(path, 100, &text, &len, &e), 0);
    assert_string_equal(text, "new");
    free(text);
    assert_int_equal(file_open_atomic(&af, "/nonexistent/dir/x", &e),
                     STATUS_IO);
    assert_int_equal(file_read_max("/nonexistent/x", 100, &text, &len, &e),
                     STATUS_IO);
}

/* Reads stop at the limit: a regular file by its size, a device after
 * max + 1 bytes, and a file of exactly max bytes is read whole. */
static void test_read_max(void **state)
{
    struct err e = { 0 };
    char *text = NULL;
    size_t len = 0;
    const char *path = write_tmp("max.txt", "0123456789", 10);

    (void)state;
    assert_int_equal(file_read_max(path, 9, &text, &len, &e), STATUS_LIMIT);
    assert_null(text);
    assert_int_equal(len, 10);
    assert_non_null(strstr(e.msg, "max.txt: 10 bytes, more than the limit "
                                  "of 9"));
    assert_int_equal(file_read_max(path, 10, &text, &len, &e), 0);
    assert_int_equal(len, 10);
    assert_string_equal(text, "0123456789");
    free(text);
    text = NULL;
    assert_int_equal(file_read_max("/dev/zero", 3000000, &text, &len, &e),
                     STATUS_LIMIT);
    assert_null(text);
    assert_int_equal(len, 3000001);
    assert_string_equal(e.msg, "/dev/zero: more than the limit of 3000000 "
                        "bytes");
}

/* A large regular file is read into one block of its size (huge pages:
 * the block is 2 MB-aligned), whole and unchanged. */
static void test_read_large(void **state)
{
    struct err e = { 0 };
    size_t n = (size_t)1 << 20, len = 0;
    char *big = malloc(n), *text = NULL;
    const char *path;

    (void)state;
    assert_non_null(big);
    for (size_t i = 0; i < n; i++)
        big[i] = (char)('a' + i % 26);
    path = write_tmp("large.txt", big, n);
    assert_int_equal(file_read_max(path, n, &text, &len, &e), 0);
    assert_int_equal(len, n);
    assert_int_equal((uintptr_t)text % ((size_t)2 << 20), 0);
    assert_memory_equal(text, big, n);
    assert_int_equal(text[n], '\0');
    free(text);
    assert_int_equal(file_read_max(path, n - 1, &text, &len, &e),
                     STATUS_LIMIT);
    free(big);
}

/* a text read stops at the first read that brings a NUL byte, so
 * /dev/zero ends after its first megabyte or so, far below the limit */
static void test_read_text(void **state)
{
    struct err e = { 0 };
    char *text = NULL;
    size_t len = 0;
    const char *path = write_tmp("nul.txt", "ab\ncd\0ef", 8);

    (void)state;
    assert_int_equal(file_read_text(path, 100, &text, &len, &e), 0);
    assert_int_equal(len, 8);
    assert_memory_equal(text, "ab\ncd\0ef", 8);
    free(text);
    text = NULL;
    assert_int_equal(file_read_text("/dev/zero", (size_t)1 << 30, &text, &len,
                                    &e), 0);
    assert_true(len > 0 && len <= ((size_t)4 << 20));
    assert_int_equal(text[0], '\0');
    free(text);
}

/* dataset_parse reads texts in memory as dataset_read reads files, with
 * the same checks and the names in its messages */
static void test_parse_in_memory(void **state)
{
    struct dataset ds;
    struct data_options o;
    struct err e = { 0 };
    const char *names[2] = { "mem.tsv", "bin.tsv" };
    const char *text[2] = { "contradiction\tA rose.\tA fell.\n"
                            "neutral\tB\tC\n", "label\ta\0\tb\n" };
    size_t len[2] = { strlen(text[0]), 11 };

    (void)state;
    dataset_init(&ds);
    data_options_init(&o);
    assert_int_equal(dataset_parse(&ds, names, text, len, 1, &o, &e), 0);
    assert_int_equal(ds.n_pairs, 2);
    assert_string_equal(ds.texts.str[ds.pairs[1].b], "C");
    assert_string_equal(ds.files[0], "mem.tsv");
    dataset_clear(&ds);
    dataset_init(&ds);
    assert_int_equal(dataset_parse(&ds, names + 1, text + 1, len + 1, 1, &o,
                                   &e), STATUS_UTF8);
    assert_non_null(strstr(e.msg, "bin.tsv:1: NUL byte"));
    dataset_clear(&ds);
    /* a control character before a numeric id is white space to cJSON,
     * and so to the id's raw text (fuzz_data's round trip) */
    dataset_init(&ds);
    text[0] = "{\"a\":\"x\",\"b\":\"y\",\"label\":\"l\",\"id\":\x02 7}\n";
    len[0] = strlen(text[0]);
    names[0] = "ctl.jsonl";
    assert_int_equal(dataset_parse(&ds, names, text, len, 1, &o, &e), 0);
    assert_int_equal(ds.n_pairs, 1);
    assert_string_equal(ds.ids.str[ds.pairs[0].id], "7");
    dataset_clear(&ds);
    data_options_clear(&o);
}

static int setup(void **state)
{
    (void)state;
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    char cmd[300];
    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv),
        cmocka_unit_test(test_csv_errors),
        cmocka_unit_test(test_read_formats),
        cmocka_unit_test(test_read_errors),
        cmocka_unit_test(test_fnc_needs_bodies),
        cmocka_unit_test(test_snli_skips_no_consensus),
        cmocka_unit_test(test_read_columns),
        cmocka_unit_test(test_read_columns_errors),
        cmocka_unit_test(test_columns_parse),
        cmocka_unit_test(test_jsonl_round_trip),
        cmocka_unit_test(test_base64),
        cmocka_unit_test(test_base64_blocks),
        cmocka_unit_test(test_strmap),
        cmocka_unit_test(test_atomic_file),
        cmocka_unit_test(test_read_max),
        cmocka_unit_test(test_read_large),
        cmocka_unit_test(test_read_text),
        cmocka_unit_test(test_parse_in_memory),
    };
    return cmocka_run_group_tests_name("io", tests, setup, teardown);
}

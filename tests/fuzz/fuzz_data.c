/* fuzz_data.c - libFuzzer target: labelled-pair files in every data format
 * of the table (and recognised by their first line), through --columns
 * layouts and --label-map, and score's JSONL lines.  What is read must
 * come back whole from the JSONL that split and train write.
 *
 * Input: byte 0 picks the format (past the table's end: recognised), byte 1
 * the options (bit 0: a label is needed, bits 1-3: the --columns layout,
 * bit 4: a --label-map); the rest is split at NUL bytes into files, after
 * a --columns text of its own with layout 7. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/dataset.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_FILES 3

static const char *const layouts[] = {
    NULL,
    "a=a,b=b,label=label",
    "a=2,b=3,label=1",
    "a=1,b=2,label=3,group=4,id=5",
    "a=sentence1,b=sentence2,label=gold_label,id=pairID,group=g",
    "a=Headline,b=articleBody,label=Stance,group=Body ID",
    "b=b,a=a",
    NULL                        /* the input's own */
};

/* Every line of s as score reads it. */
static void score_lines(const char *s, size_t len,
                        const struct data_columns *cols)
{
    size_t i = 0;

    while (i < len) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t n = nl ? (size_t)(nl - (s + i)) : len - i;
        struct json_pair jp;
        struct err e = { 0 };

        if (dataset_parse_json_pair(s + i, n, cols, &jp, &e) == 0)
            dataset_json_free(&jp);
        i += n + 1;
    }
}

/* ds written as JSONL and read back: the same pairs, or abort. */
static void round_trip(const struct dataset *ds, int need_label)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    struct dataset back;
    struct data_options o;
    struct err e = { 0 };
    const char *name = "back.jsonl";
    const char *text;

    if (!fp)
        return;
    if (dataset_write_jsonl(ds, NULL, 0, fp, &e) != 0) {
        fclose(fp);
        free(buf);
        return;                 /* out of memory */
    }
    if (fclose(fp) != 0) {
        free(buf);
        return;
    }
    dataset_init(&back);
    data_options_init(&o);
    o.format = data_format_find("jsonl");
    o.need_label = need_label;
    text = buf;
    if (dataset_parse(&back, &name, &text, &len, 1, &o, &e) != 0
        || back.n_pairs != ds->n_pairs) {
        fprintf(stderr, "round trip: %zu pairs, then %zu: %s\n", ds->n_pairs,
                back.n_pairs, e.msg);
        abort();
    }
    for (size_t i = 0; i < ds->n_pairs; i++) {
        const struct pair_rec *p = &ds->pairs[i], *q = &back.pairs[i];
        if (strcmp(ds->texts.str[p->a], back.texts.str[q->a]) != 0
            || strcmp(ds->texts.str[p->b], back.texts.str[q->b]) != 0
            || (p->label == SIZE_MAX) != (q->label == SIZE_MAX)
            || (p->label != SIZE_MAX
                && strcmp(ds->labels.str[p->label],
                          back.labels.str[q->label]) != 0)) {
            fprintf(stderr, "round trip: pair %zu differs\n", i);
            abort();
        }
    }
    dataset_clear(&back);
    data_options_clear(&o);
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *in = (const char *)data;
    const char *text[MAX_FILES];
    const char *names[MAX_FILES] = { "f1", "f2", "f3" };
    size_t len[MAX_FILES], n = 0, at = 2;
    unsigned layout;
    struct data_options o;
    struct dataset ds;
    struct err e = { 0 };
    char *cols = NULL;

    if (size < 2)
        return 0;
    data_options_init(&o);
    if (data[0] < data_n_formats)
        o.format = &data_formats[data[0]];
    o.need_label = data[1] & 1;
    layout = (data[1] >> 1) & 7;
    if (layout == 7) {          /* a layout of the input's own */
        const char *z = memchr(in + at, '\0', size - at);
        size_t k = z ? (size_t)(z - (in + at)) : size - at;
        cols = malloc(k + 1);
        if (!cols)
            goto out;
        memcpy(cols, in + at, k);
        cols[k] = '\0';
        at += z ? k + 1 : k;
    }
    if ((layout == 7 || layouts[layout])
        && data_columns_parse(&o.columns, cols ? cols : layouts[layout], &e))
        goto out;
    if ((data[1] & 16) && data_label_map_parse(
            &o.label_map, "e=entailment,c=contradiction,n=,-=neutral", &e))
        goto out;
    do {                        /* files, split at NUL bytes */
        const char *z = memchr(in + at, '\0', size - at);
        text[n] = in + at;
        len[n] = z ? (size_t)(z - (in + at)) : size - at;
        at += len[n] + (z != NULL);
        n++;
    } while (n < MAX_FILES && at < size);
    score_lines(text[0], len[0], o.columns.given ? &o.columns : NULL);
    dataset_init(&ds);
    if (dataset_parse(&ds, names, text, len, n, &o, &e) == 0)
        round_trip(&ds, o.need_label);
    dataset_clear(&ds);
out:
    free(cols);
    data_options_clear(&o);
    return 0;
}

/* dataset.h - labelled statement pairs read from JSONL, TSV, FNC-1 CSV,
 * SICK and SNLI/MultiNLI files. */
#ifndef DATA_DATASET_H
#define DATA_DATASET_H

#include <stddef.h>

#include "base/err.h"
#include "base/strmap.h"

enum data_format {
    DATA_AUTO,          /* recognised from the file's first line */
    DATA_JSONL,         /* {"a", "b", "label", "id"?, "group"?} per line */
    DATA_TSV,           /* label TAB a TAB b [TAB group] */
    DATA_FNC,           /* FNC-1 stances CSV, followed by its bodies CSV */
    DATA_FNC_BODIES,    /* (only as recognised: the bodies half of FNC) */
    DATA_SICK,          /* SICK: pair_ID, sentence_A, sentence_B, ... */
    DATA_SNLI           /* SNLI / MultiNLI JSONL */
};

/* One pair.  Texts, labels, groups and ids are interned in the dataset;
 * SIZE_MAX means absent. */
struct pair_rec {
    size_t a, b;
    size_t label;
    size_t group;
    size_t id;
    size_t file;                /* index into dataset.files */
    size_t line;
};

struct dataset {
    struct strmap texts;
    struct strmap labels;
    struct strmap groups;
    struct strmap ids;
    struct pair_rec *pairs;
    size_t n_pairs, cap_pairs;
    char **files;
    size_t n_files;
    size_t n_skipped;           /* rows without a gold label (SNLI "-") */
};

void dataset_init(struct dataset *ds);
void dataset_clear(struct dataset *ds);

/* Parse a --format value; returns 0 or STATUS_USAGE. */
int data_format_parse(const char *s, enum data_format *out);
const char *data_format_name(enum data_format f);

/* The largest labelled-data file read, in bytes. */
#define DATASET_MAX_BYTES ((size_t)1 << 30)

/* Read and append pairs from paths (each at most DATASET_MAX_BYTES).  An FNC-1 stances file takes its
 * bodies from the next bodies file on the list.  When need_label, a pair
 * without a label is an error.  Errors name file:line.  Returns 0 or a
 * status with e set. */
int dataset_read(struct dataset *ds, const char *const *paths, size_t n,
                 enum data_format fmt, int need_label, struct err *e);

/* Append one pair; texts are copied.  Returns 0 or STATUS_NOMEM. */
int dataset_add(struct dataset *ds, const char *a, size_t alen,
                const char *b, size_t blen, const char *label,
                const char *group, const char *id, size_t file, size_t line);

/* One native JSONL line, as `score` reads it: a and b point into the
 * parsed JSON (owned by *json, which the caller frees with
 * dataset_json_free) and id is the "id" item or NULL.  Errors have no file
 * or line; the caller adds them. */
struct json_pair {
    void *json;
    const char *a, *b, *label;
    const void *id;             /* a cJSON item, to copy as it is */
    const char *group;
};
int dataset_parse_json_pair(const char *line, size_t len,
                            struct json_pair *out, struct err *e);
void dataset_json_free(struct json_pair *jp);

#endif

/* dataset.h - labelled statement pairs read from JSONL, TSV, CSV, FNC-1,
 * SICK and SNLI/MultiNLI files, with user-named columns and labels. */
#ifndef DATA_DATASET_H
#define DATA_DATASET_H

#include <stddef.h>
#include <stdio.h>

#include "base/err.h"
#include "base/strmap.h"

/* One pair.  Texts, labels, groups and ids are interned in the dataset;
 * SIZE_MAX means absent. */
struct pair_rec {
    size_t a, b;
    size_t label;
    size_t group;
    size_t id;
    size_t file;                /* index into dataset.files */
    size_t line;
    unsigned char id_number;    /* the id was a JSON number (kept as one) */
};

struct dataset {
    struct strmap texts;
    struct strmap labels;
    struct strmap groups;
    struct strmap ids;
    struct pair_rec *pairs;
    size_t n_pairs, cap_pairs;
    char **files;
    size_t n_files, cap_files;
    size_t n_skipped;           /* rows without a gold label (SNLI "-") */
    size_t n_dropped;           /* rows whose label --label-map drops */
};

void dataset_init(struct dataset *ds);
void dataset_clear(struct dataset *ds);

/* ---- where the parts of a pair are: --columns ---- */

enum data_column {
    DATA_COL_A, DATA_COL_B, DATA_COL_LABEL, DATA_COL_GROUP, DATA_COL_ID,
    DATA_N_COLS
};

/* Each part is named (a JSONL field, a CSV or TSV header column) or
 * numbered from 1 (a CSV or TSV file without a header); all are named or
 * all numbered.  A part not given is absent. */
struct data_columns {
    char *name[DATA_N_COLS];    /* owned; NULL when not given or numbered */
    size_t number[DATA_N_COLS]; /* 1-based; 0 when not given or named */
    int numbered;
    int given;                  /* any part given */
};

/* Parse "a=FIELD,b=FIELD,label=FIELD[,group=FIELD,id=FIELD]" into c
 * (initially zeroed, cleared by data_columns_clear).  Returns 0 or
 * STATUS_USAGE / STATUS_NOMEM with e set. */
int data_columns_parse(struct data_columns *c, const char *s,
                       struct err *e);
void data_columns_clear(struct data_columns *c);

/* ---- what the labels are called: --label-map ---- */

/* from[i] becomes to[i]; an empty to[i] drops the rows. */
struct data_label_map {
    char **from, **to;          /* owned */
    size_t n, cap;
};

/* Parse "e=entailment,n=neutral,c=contradiction" and add it to m (zeroed
 * at first).  Returns 0 or STATUS_USAGE / STATUS_NOMEM with e set. */
int data_label_map_parse(struct data_label_map *m, const char *s,
                         struct err *e);
void data_label_map_clear(struct data_label_map *m);

/* ---- the data formats: a table ---- */

struct data_reader;

enum {
    DATA_FORMAT_COLUMNS = 1,    /* takes --columns */
    DATA_FORMAT_PART = 2,       /* the second file of another format only */
    DATA_FORMAT_LOWER = 4       /* labels are lower-cased (SICK's) */
};

/* A format: how to recognise it and how to read it.  To add one, add an
 * entry to data_formats in dataset.c with its reader. */
struct data_format {
    const char *name;           /* as --data-format takes it */
    const char *alias;          /* another name for it, or NULL */
    const char *layout;         /* one line for usage text */
    const char *columns;        /* its fixed --columns, or NULL */
    const char *skip_label;     /* rows with this label are skipped */
    const char *partner;        /* the format of its second file, or NULL */
    unsigned flags;
    /* Whether the first non-blank line (without its line end) is this
     * format's. */
    int (*sniff)(const char *line, size_t len);
    int (*read)(struct data_reader *r, const char *s, size_t len);
};

extern const struct data_format data_formats[];
extern const size_t data_n_formats;

/* The format called name (or its alias), or NULL.  Parts are not found. */
const struct data_format *data_format_find(const char *name);

/* The names of the formats a user can choose, joined by sep, in buf
 * (truncated to size).  Returns buf. */
const char *data_format_names(char *buf, size_t size, const char *sep);

/* ---- reading ---- */

struct data_options {
    const struct data_format *format;   /* NULL: recognised per file */
    struct data_columns columns;        /* --columns (given == 0: none) */
    struct data_label_map label_map;    /* --label-map */
    int need_label;                     /* a pair without a label is an
                                         * error */
};

void data_options_init(struct data_options *o);
void data_options_clear(struct data_options *o);

/* The largest labelled-data file read, in bytes. */
#define DATASET_MAX_BYTES ((size_t)1 << 30)

/* Read and append pairs from paths, each at most DATASET_MAX_BYTES (more
 * is refused without reading on; so is a file with a NUL byte, at the
 * first read that holds one).  Files are UTF-8, with or without a
 * byte-order mark, with LF or CRLF line ends; anything else is refused
 * naming file:line.  An FNC-1 stances file takes its bodies from the next
 * bodies file on the list.  Errors name file:line.  Returns 0 or a status
 * with e set. */
int dataset_read(struct dataset *ds, const char *const *paths, size_t n,
                 const struct data_options *opt, struct err *e);

/* dataset_read on texts already in memory: text[i][0..len[i]) as read from
 * the file names[i] (used in messages only); for tests and fuzzers. */
int dataset_parse(struct dataset *ds, const char *const *names,
                  const char *const *text, const size_t *len, size_t n,
                  const struct data_options *opt, struct err *e);

/* Write the pairs i with sel[i] == which (all of them when sel is NULL)
 * to fp as native JSONL, one {"label", "a", "b", "group"?, "id"?} object a
 * line, which dataset_read reads back as they were: an id read as a JSON
 * number stays a number.  Returns 0 or STATUS_NOMEM / STATUS_IO with e
 * set. */
int dataset_write_jsonl(const struct dataset *ds, const unsigned char *sel,
                        unsigned char which, FILE *fp, struct err *e);

/* Append one pair; texts are copied.  Returns 0 or STATUS_NOMEM. */
int dataset_add(struct dataset *ds, const char *a, size_t alen,
                const char *b, size_t blen, const char *label,
                const char *group, const char *id, size_t file, size_t line);

/* One JSONL line, as `score` reads it: a and b point into the parsed JSON
 * (owned by *json, which the caller frees with dataset_json_free); label
 * and group are text (numbers printed) or NULL; id is the "id" item or
 * NULL.  cols names the fields (NULL: a, b, label, group, id).  Errors
 * have no file or line; the caller adds them. */
struct json_pair {
    void *json;
    const char *a, *b, *label;
    const void *id;             /* a cJSON item, to copy as it is */
    const char *id_raw;         /* a numeric id as written in the line */
    size_t id_raw_len;
    const char *group;
    char label_buf[32], group_buf[32];
};
int dataset_parse_json_pair(const char *line, size_t len,
                            const struct data_columns *cols,
                            struct json_pair *out, struct err *e);
void dataset_json_free(struct json_pair *jp);

#endif

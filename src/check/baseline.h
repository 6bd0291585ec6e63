/* baseline.h - a baseline file: the findings a team has accepted, by
 * fingerprint, so a check reports only new ones. */
#ifndef CHECK_BASELINE_H
#define CHECK_BASELINE_H

#include <stdio.h>
#include <stddef.h>

#include "base/err.h"

#define BASELINE_FORMAT "gainsay-baseline"
#define BASELINE_VERSION 1

struct baseline_entry {
    char *file;                 /* relative to the baseline's directory */
    char fingerprint[17];
    char *kind;                 /* for people reading the file */
    size_t line;
    char *a, *b;                /* the two statements */
    int used;                   /* matched a finding of this run */
    int checked;                /* its file was checked in this run */
};

struct baseline {
    char *dir;                  /* absolute directory of the file */
    struct baseline_entry *v;
    size_t n, cap;
    /* the index a loaded baseline is looked up through (NULL, or made
     * for fewer entries than n: each lookup scans v) */
    struct baseline_entry **by_key;     /* by fingerprint, file, place */
    size_t *key_taken;          /* at a key's first place: its entries
                                   taken */
    struct baseline_entry **by_file;    /* by file, place */
    size_t n_index;
};

/* An empty baseline for the file path (which need not exist yet), or NULL
 * when out of memory or when path's directory does not exist. */
struct baseline *baseline_alloc(const char *path);
void baseline_free(struct baseline *b);

/* The largest baseline file read, in bytes. */
#define BASELINE_MAX_BYTES ((size_t)256 << 20)

/* Read a baseline written by baseline_write (at most BASELINE_MAX_BYTES).
 * Returns 0, or a status with e set naming the file. */
int baseline_load(struct baseline **out, const char *path, struct err *e);

/* In-memory entry point of baseline_load; dir is the directory file names
 * are relative to. */
int baseline_parse(struct baseline *b, const char *name, const char *text,
                   size_t len, struct err *e);

/* abs (absolute) as the baseline names it: relative to its directory when
 * inside it, else abs itself.  Points into abs. */
const char *baseline_name(const struct baseline *b, const char *abs);

/* Is there an entry for (file, fingerprint) not yet used?  Then mark it
 * used and return 1: the same pair twice needs two entries. */
int baseline_take(struct baseline *b, const char *file,
                  const char *fingerprint);

/* How many entries (used or not) record (file, fingerprint).  Reads
 * only: threads may call it while one thread takes entries. */
size_t baseline_count(const struct baseline *b, const char *file,
                      const char *fingerprint);

/* Note that file was checked, so its unused entries are stale. */
void baseline_checked(struct baseline *b, const char *file);

/* Entries of checked files that matched no finding: findings fixed
 * since the baseline was written. */
size_t baseline_stale(const struct baseline *b);

/* Add an entry (copies every string).  Returns 0 or STATUS_NOMEM. */
int baseline_add(struct baseline *b, const char *file,
                 const char *fingerprint, const char *kind, size_t line,
                 const char *a, size_t a_len, const char *bt, size_t b_len);

/* Write b as JSON, entries sorted by file and line.  Returns 0 or
 * STATUS_IO / STATUS_NOMEM with e set. */
int baseline_write(struct baseline *b, FILE *fp, struct err *e);

#endif

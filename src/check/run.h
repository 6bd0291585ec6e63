/* run.h - check a list of files: each file's settings (defaults, its
 * config, the command line), then reading and checking them on threads,
 * the baseline's book-keeping, and each result handed back in order. */
#ifndef CHECK_RUN_H
#define CHECK_RUN_H

#include <stddef.h>

#include "base/err.h"
#include "check/baseline.h"
#include "check/check.h"
#include "config/config.h"
#include "doc/read.h"
#include "files/changes.h"
#include "files/ignore.h"
#include "model/model.h"

struct check_run_options {
    struct doc_read_options read;       /* format, headline, furniture,
                                           limits */
    struct check_options opt;           /* all and the fixed knobs; each
                                           file's settings go over them */
    const char *config;                 /* one config for every file;
                                           NULL: each file's nearest */
    int no_config;                      /* no config file at all */
    const struct settings *cli;         /* over each file's config */
    const struct ignore *ignore;        /* an ignored stdin_name is not
                                           checked; may be NULL */
    const char *stdin_name;             /* what "-" is called (its config,
                                           baseline name, reports); NULL:
                                           "<stdin>" */
    const char *changed_base;           /* --changed-lines: the git
                                           revision; NULL: every line */
    struct baseline *baseline;          /* excuses the findings it
                                           records, and learns which of
                                           its entries still occur; NULL:
                                           none */
    struct baseline *write_baseline;    /* records every finding (warning
                                           or error), reported or
                                           excused; NULL: none */
    size_t jobs;                        /* files checked at a time */
};

/* One file's outcome, handed to the caller in the order of the list. */
struct check_file {
    const char *name;                   /* for messages and reports */
    int skipped;                        /* --changed-lines: no changed
                                           line, not read */
    int rc;                             /* not 0: not checked (e says
                                           why) */
    const struct err *e;
    const struct document *doc;         /* rc 0: the article read */
    const struct check_result *r;       /* rc 0: what check decided */
};

/* A run: check_run_init resolves the files' settings, check_run_files
 * checks them.  The options are copied into o, and what they point to
 * (the baselines, settings, ignore rules) is kept, borrowed, until
 * check_run_clear; o.read may be changed in between (check loads the
 * furniture list after the settings, so that a bad config is said
 * first). */
struct check_run {
    struct check_run_options o;
    struct check_run_item *items;
    size_t n_items;                     /* files to check */
    size_t errors;                      /* files that could not be
                                           checked */
    size_t n_failing;                   /* findings at their file's fail
                                           level */
    int nomem;                          /* a file's findings could not be
                                           recorded */
    void (*emit)(void *ctx, const struct check_file *f);
    void *ctx;
    struct config_cache configs;
    struct changes changes;
};

/* The files paths[0..n) as files_expand lists them ("-" is stdin), each
 * with its settings, and with --changed-lines its changed lines (from the
 * repository holding the first file).  Reads no article.  Returns 0, or a
 * status with e set ("path:line: ..." for a bad config); then
 * check_run_clear. */
int check_run_init(struct check_run *run, const char *const *paths,
                   size_t n, const struct check_run_options *o,
                   struct err *e);

/* Read and check every file with the models cm on o->jobs threads, and
 * hand each to emit(ctx, f) in the caller's thread, in the order of the
 * list, as soon as it and all before it are done.  A file that cannot
 * be read or checked is counted in errors and handed over with its
 * error.  Returns 0, or STATUS_NOMEM (with e set) when the baseline to
 * write is not whole. */
int check_run_files(struct check_run *run, const struct check_models *cm,
                    void (*emit)(void *ctx, const struct check_file *f),
                    void *ctx, struct err *e);

void check_run_clear(struct check_run *run);

/* Load the models check needs side by side, each on a thread of its own
 * (loading them is most of the time a short article takes): nli, and
 * headline and stance unless NULL.  Returns 0 with the models in *nli,
 * *headline and *stance (NULL where no path was given), which the caller
 * frees with model_free, or the first failure's status with e set and
 * nothing kept. */
int check_models_load(const char *nli_path, const char *headline_path,
                      const char *stance_path, struct model **nli,
                      struct model **headline, struct model **stance,
                      struct err *e);

#endif

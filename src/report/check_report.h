/* check_report.h - findings of `gainsay check` as text, JSON and the CI
 * formats.  Formats what it is handed and decides nothing: check/ chose
 * the findings and graded each (its severity and fingerprint). */
#ifndef REPORT_CHECK_REPORT_H
#define REPORT_CHECK_REPORT_H

#include <stdio.h>

#include "check/check.h"
#include "doc/document.h"
#include "model/model.h"
#include "report/html.h"
#include "report/sarif.h"

/* 2: each file has "left_out" (the lines left out as page furniture)
 * and "nothing_to_check" */
#define CHECK_SCHEMA_VERSION 2

struct check_report;

/* One output format of check, in the table report_formats: its name, a
 * line for --help ('\n' breaks it), what it writes first (NULL: nothing),
 * for each file, and last (NULL: nothing), and flags.  Each returns 0 or
 * STATUS_NOMEM. */
struct report_format {
    const char *name;
    const char *help;
    int (*begin)(struct check_report *rp);
    int (*file)(struct check_report *rp, const struct document *doc,
                const struct check_result *r, const struct model *stance);
    int (*end)(struct check_report *rp);
    unsigned flags;
};

enum {
    REPORT_COLOR = 1u << 0,     /* --color applies */
    REPORT_AT_END = 1u << 1     /* built in memory, written by end (which
                                   frees it even after a failure) */
};

/* Every output format, the default (text) first; the name of the last
 * is NULL. */
extern const struct report_format report_formats[];

/* The format called name, or NULL. */
const struct report_format *report_format_find(const char *name);

struct check_report {
    FILE *fp;
    const struct report_format *format;
    int color;
    int first;                  /* no file written yet (JSON commas) */
    int quiet;                  /* text: leave out files with no finding
                                   and no contradicting overall verdict
                                   (for runs over many files) */
    struct sarif *sarif;        /* the log being built, for SARIF */
    struct html_report *html;   /* the page being built, for HTML */
    int failed;                 /* a file could not be reported: the
                                   report is not whole */
    size_t n_files, n_findings; /* findings: warnings and errors */
};

/* Start a report on fp.  Returns 0, or STATUS_NOMEM with e set. */
int check_report_begin(struct check_report *rp, FILE *fp,
                       const struct report_format *format, int color,
                       struct err *e);

/* One article's findings (each names its model, whose labels it shows);
 * stance (may be NULL) names the verdict's labels.  Returns 0, or
 * STATUS_NOMEM with e set: then the report is not whole (later files are
 * refused too, and check_report_end fails), and the caller must not keep
 * it. */
int check_report_file(struct check_report *rp, const struct document *doc,
                      const struct check_result *r,
                      const struct model *stance, struct err *e);

/* Finish the report: the summary, or the whole SARIF log or HTML page,
 * which are written only now.  Frees what the report holds.  Returns 0,
 * or STATUS_NOMEM with e set when this or an earlier call failed (then
 * SARIF and HTML wrote nothing; the caller must not keep the report). */
int check_report_end(struct check_report *rp, struct err *e);

#endif

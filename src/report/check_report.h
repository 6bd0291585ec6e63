/* check_report.h - findings of `gainsay check` as text or JSON.  Formats
 * what it is handed; decides nothing. */
#ifndef REPORT_CHECK_REPORT_H
#define REPORT_CHECK_REPORT_H

#include <stdio.h>

#include "check/check.h"
#include "doc/document.h"
#include "pipeline/model.h"

#define CHECK_SCHEMA_VERSION 1

struct check_report {
    FILE *fp;
    int color;
    int json;
    int first;                  /* no file written yet (JSON commas) */
    size_t n_files, n_findings;
};

void check_report_begin(struct check_report *rp, FILE *fp, int json,
                        int color);

/* One article's findings; nli and stance (may be NULL) name the labels. */
void check_report_file(struct check_report *rp, const struct document *doc,
                       const struct check_result *r, const struct model *nli,
                       const struct model *stance);

void check_report_end(struct check_report *rp);

#endif

/* metrics_report.h - evaluation metrics as text or JSON. */
#ifndef REPORT_METRICS_REPORT_H
#define REPORT_METRICS_REPORT_H

#include <stdio.h>

#include "eval/metrics.h"

/* A readable table: accuracy, macro-F1, FNC-1 score when there is one,
 * per-class precision/recall/F1/support, and the confusion matrix. */
void report_metrics_text(FILE *fp, const struct metrics *mt,
                         const char *const *labels);

/* The same as one JSON object (no trailing newline), stable key order.
 * Returns a malloc'd string or NULL when out of memory. */
char *report_metrics_json(const struct metrics *mt,
                          const char *const *labels);

#endif

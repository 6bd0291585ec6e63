/* eval_html.h - `gainsay eval --report`: one self-contained HTML page with
 * the metrics table, the confusion matrix as a heat map, a precision-
 * recall curve per label with its operating points, and a reliability
 * diagram of the flag label, all as inline SVG.  Formats what it is
 * handed; decides nothing. */
#ifndef REPORT_EVAL_HTML_H
#define REPORT_EVAL_HTML_H

#include <stdio.h>

#include "eval/curves.h"
#include "eval/metrics.h"

/* The page for model_name (shown as text) on data named data_name. */
void eval_html_write(FILE *fp, const char *model_name, const char *data_name,
                     const struct metrics *mt, const struct eval_curves *c,
                     const char *const *labels);

#endif

/* html.h - findings of `gainsay check` as one self-contained HTML page:
 * each article with its contradicting statements highlighted in place.
 * Formats what it is handed; decides nothing. */
#ifndef REPORT_HTML_H
#define REPORT_HTML_H

#include <stdio.h>

#include "check/check.h"
#include "doc/document.h"
#include "model/model.h"

struct html_report;

/* An empty report, or NULL when out of memory. */
struct html_report *html_report_alloc(void);
void html_report_free(struct html_report *h);

/* Add one article: its headline, overall verdict (stance may be NULL),
 * the text with the statements of every finding highlighted, and the
 * findings.  level[i] is the severity name of finding i ("error",
 * "warning" or "note").  Nothing is kept of doc, r or the models after the
 * call.  Returns 0, or -1 when out of memory. */
int html_report_file(struct html_report *h, const struct document *doc,
                     const struct check_result *r,
                     const struct model *stance,
                     const char *const *level);

/* Write the page to fp: with more than one article, an index with counts
 * and links comes first.  Returns 0, or -1 when out of memory. */
int html_report_write(struct html_report *h, FILE *fp);

/* Write s[0, n) to fp with & < > " ' as character references. */
void html_put_escaped(FILE *fp, const char *s, size_t n);

#endif

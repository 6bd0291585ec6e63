/* sarif.h - findings of `gainsay check` as SARIF 2.1.0, the format code
 * scanning services read. */
#ifndef REPORT_SARIF_H
#define REPORT_SARIF_H

#include <stdio.h>

#include "check/check.h"
#include "doc/document.h"
#include "model/model.h"

struct sarif;

/* A SARIF log being built, or NULL when out of memory. */
struct sarif *sarif_begin(const char *version);

/* Add an article's findings; level[i] is "error", "warning" or "note"
 * for finding i.  Returns 0 or -1 when out of memory: then the log is not
 * whole, and sarif_end writes nothing. */
int sarif_file(struct sarif *s, const struct document *doc,
               const struct check_result *r, const char *const *level);

/* Write the log to fp and free it (s may be NULL: then -1).  Returns 0,
 * or -1 when out of memory now or in an earlier sarif_file (then nothing
 * was written: the report must not be kept). */
int sarif_end(struct sarif *s, FILE *fp);

/* Free the log without writing it (s may be NULL). */
void sarif_free(struct sarif *s);

#endif

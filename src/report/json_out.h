/* json_out.h - writing JSON strings straight to a stream. */
#ifndef REPORT_JSON_OUT_H
#define REPORT_JSON_OUT_H

#include <stddef.h>
#include <stdio.h>

/* Write s[0..n) as a JSON string literal, quoted and escaped as cJSON
 * escapes it (", \, control characters; other bytes as they are, so s
 * must be valid UTF-8).  Allocates nothing.  Returns 0, or STATUS_IO
 * when fp is in error. */
int json_put_string(FILE *fp, const char *s, size_t n);

#endif

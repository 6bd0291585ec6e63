/* json_out.h - writing JSON strings straight to a stream. */
#ifndef REPORT_JSON_OUT_H
#define REPORT_JSON_OUT_H

#include <stddef.h>
#include <stdio.h>

/* Write s[0..n) as a JSON string literal, quoted and escaped by cJSON
 * ("" when out of memory). */
void json_put_string(FILE *fp, const char *s, size_t n);

#endif

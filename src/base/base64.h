/* base64.h - RFC 4648 base64, for binary arrays inside JSON model files. */
#ifndef BASE_BASE64_H
#define BASE_BASE64_H

#include <stddef.h>

#include "base/err.h"

/* Encode p[0..n) into a malloc'd NUL-terminated string, or NULL when out
 * of memory. */
char *base64_encode(const void *p, size_t n);

/* Decode s[0..len) into a malloc'd buffer; *n gets its size.  Returns 0,
 * STATUS_PARSE for bad input (e says where: "base64: ... at byte N") or
 * STATUS_NOMEM, with e set; *out and *n are set only on 0. */
int base64_decode(const char *s, size_t len, unsigned char **out, size_t *n,
                  struct err *e);

#endif

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

/* The size s[0..len) decodes to, or SIZE_MAX when len is not a multiple
 * of 4 (the padding is not otherwise checked). */
size_t base64_decoded_size(const char *s, size_t len);

/* Decode s[0..len) into out[0..n), the caller's buffer, which must be
 * exactly the decoded size: base64_decode() without its copy.  out may
 * overlap s if it does not start after s: the output runs behind the
 * input, so a string can be decoded in place.  Returns 0 or STATUS_PARSE
 * (bad input or another size; out then holds garbage), with e set as
 * base64_decode() sets it. */
int base64_decode_to(const char *s, size_t len, unsigned char *out,
                     size_t n, struct err *e);

/* base64_decode_to() four characters at a time, never with the AVX2
 * blocks it uses where the processor has them: the same results, for
 * tests that compare the two. */
int base64_decode_to_scalar(const char *s, size_t len, unsigned char *out,
                            size_t n, struct err *e);

#endif

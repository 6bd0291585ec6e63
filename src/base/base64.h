/* base64.h - RFC 4648 base64, for binary arrays inside JSON model files. */
#ifndef BASE_BASE64_H
#define BASE_BASE64_H

#include <stddef.h>

/* Encode p[0..n) into a malloc'd NUL-terminated string, or NULL when out
 * of memory. */
char *base64_encode(const void *p, size_t n);

/* Decode s[0..len) into a malloc'd buffer; *n gets its size.  Returns 0,
 * -1 for bad input or -2 when out of memory; *out is set only on 0. */
int base64_decode(const char *s, size_t len, unsigned char **out, size_t *n);

/* The size s[0..len) decodes to, or SIZE_MAX when len is not a multiple
 * of 4 (the padding is not otherwise checked). */
size_t base64_decoded_size(const char *s, size_t len);

/* Decode s[0..len) into out[0..n), the caller's buffer, which must be
 * exactly the decoded size.  Returns 0, or -1 for bad input or a size
 * that differs (out then holds garbage). */
int base64_decode_to(const char *s, size_t len, unsigned char *out,
                     size_t n);

#endif

/* utf8.h - UTF-8 validation with a position for the error message. */
#ifndef TEXT_UTF8_H
#define TEXT_UTF8_H

#include <stddef.h>

/* Return the byte offset of the first invalid UTF-8 sequence or NUL byte in
 * s[0..len), or len when there is none. */
size_t utf8_check(const char *s, size_t len);

/* 1-based line number of byte offset off in s. */
size_t utf8_line_of(const char *s, size_t off);

/* Number of code points in s[0..len) (s must be valid UTF-8). */
size_t utf8_count(const char *s, size_t len);

#endif

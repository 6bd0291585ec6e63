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

/* A file name fit to print in any report: name itself when it is valid
 * UTF-8 without control characters, else a copy with each control
 * character and each byte that is not UTF-8 written \n, \t or \xNN, and
 * backslashes doubled (so no name can forge a record of --format line or
 * break JSON).  Returns name, or a malloc'd copy in *owned (NULL when out
 * of memory: then name is returned as is). */
const char *utf8_display_name(const char *name, char **owned);

#endif

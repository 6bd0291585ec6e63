/* err.h - status codes and the error record passed down by callers. */
#ifndef BASE_ERR_H
#define BASE_ERR_H

#include <stddef.h>

enum status {
    STATUS_OK = 0,
    STATUS_NOMEM,       /* out of memory */
    STATUS_IO,          /* open, read, write or rename failed */
    STATUS_PARSE,       /* malformed input data */
    STATUS_UTF8,        /* input is not valid UTF-8 */
    STATUS_FORMAT,      /* well-formed, but not what was expected */
    STATUS_VERSION,     /* model file from a newer gainsay */
    STATUS_USAGE,       /* bad option value */
    STATUS_NUMERIC,     /* the minimiser failed or produced non-finite values */
    STATUS_LIMIT        /* input larger than a size or count limit */
};

/* What went wrong, for cli/ to print.  Lives on the caller's stack, so it is
 * thread-safe where a global would not be. */
struct err {
    enum status code;
    char msg[512];
};

/* Store a code and a printf-style message in e (which may be NULL) and
 * return the code, so callers can write `return err_set(e, ...)`. */
int err_set(struct err *e, enum status code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Put "prefix: " in front of the message already in e. */
void err_prefix(struct err *e, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* The name of a status code, for tests and logs. */
const char *status_name(enum status code);

#endif

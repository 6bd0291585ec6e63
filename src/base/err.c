/* err.c - status codes and the error record passed down by callers. */
#include "base/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int err_set(struct err *e, enum status code, const char *fmt, ...)
{
    if (e) {
        va_list ap;
        va_start(ap, fmt);
        e->code = code;
        vsnprintf(e->msg, sizeof e->msg, fmt, ap);
        va_end(ap);
    }
    return (int)code;
}

void err_prefix(struct err *e, const char *fmt, ...)
{
    char head[128], old[sizeof e->msg];
    va_list ap;

    if (!e)
        return;
    va_start(ap, fmt);
    vsnprintf(head, sizeof head, fmt, ap);
    va_end(ap);
    memcpy(old, e->msg, sizeof old);
    /* a message too long for the buffer loses its tail, not its head */
    if (snprintf(e->msg, sizeof e->msg, "%s: %.*s", head,
                 (int)(sizeof e->msg - 2 - strlen(head)), old) < 0)
        e->msg[0] = '\0';
}

const char *status_name(enum status code)
{
    switch (code) {
    case STATUS_OK: return "ok";
    case STATUS_NOMEM: return "out of memory";
    case STATUS_IO: return "i/o error";
    case STATUS_PARSE: return "parse error";
    case STATUS_UTF8: return "invalid utf-8";
    case STATUS_FORMAT: return "format error";
    case STATUS_VERSION: return "unsupported version";
    case STATUS_USAGE: return "usage error";
    case STATUS_NUMERIC: return "numerical error";
    case STATUS_LIMIT: return "over a limit";
    }
    return "unknown status";
}

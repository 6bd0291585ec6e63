/* progress.h - a progress line on stderr for long runs (train, check over
 * many files, score over a long stream): shown only on a terminal and
 * never with --quiet. */
#ifndef CLI_PROGRESS_H
#define CLI_PROGRESS_H

#include <stddef.h>

struct progress {
    int show;                   /* draw at all */
    int drawn;                  /* a line is on the terminal now */
    double start, last;         /* when begun, when last drawn */
    const char *what;           /* the command, e.g. "check" */
    const char *unit;           /* what is counted, e.g. "files" */
};

/* Whether to show progress: stderr is a terminal and not quiet. */
int progress_wanted(int quiet);

/* Start counting; show as progress_wanted() says. */
void progress_begin(struct progress *p, int show, const char *what,
                    const char *unit);

/* done units so far; fraction is how much of the work that is (0..1), or
 * negative when unknown (then no ETA).  Draws "what: N unit  R/s  Es
 * ETA Ts" once the run has taken half a second, then at most ten times a
 * second. */
void progress_update(struct progress *p, size_t done, double fraction);

/* Take the line off the terminal (before printing something else there,
 * and at the end). */
void progress_clear(struct progress *p);

/* The line itself, for callers that count in their own way (train): \r,
 * the formatted text, then the rest of the line cleared. */
void progress_printf(struct progress *p, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#endif

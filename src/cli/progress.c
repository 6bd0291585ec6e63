/* progress.c - a progress line on stderr for long runs. */
#include "cli/progress.h"

#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

#include "cli/cli.h"

/* Quiet for this long, so that short runs never draw a line. */
#define PROGRESS_DELAY 0.5
/* At most this often. */
#define PROGRESS_EVERY 0.1

int progress_wanted(int quiet)
{
    return !quiet && isatty(2);
}

void progress_begin(struct progress *p, int show, const char *what,
                    const char *unit)
{
    p->show = show;
    p->drawn = 0;
    p->start = cli_now();
    p->last = 0.0;
    p->what = what;
    p->unit = unit;
}

void progress_printf(struct progress *p, const char *fmt, ...)
{
    va_list ap;

    if (!p->show)
        return;
    fputc('\r', stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\033[K", stderr);
    fflush(stderr);
    p->drawn = 1;
}

void progress_update(struct progress *p, size_t done, double fraction)
{
    double now, el, rate;

    if (!p->show)
        return;
    now = cli_now();
    el = now - p->start;
    if (el < PROGRESS_DELAY || (p->drawn && now - p->last < PROGRESS_EVERY))
        return;
    p->last = now;
    rate = el > 0 ? (double)done / el : 0.0;
    if (fraction > 0.0 && fraction <= 1.0)
        progress_printf(p, "%s: %zu %s  %.0f/s  %.1fs  ETA %.1fs", p->what,
                        done, p->unit, rate, el, el * (1.0 - fraction)
                                                 / fraction);
    else
        progress_printf(p, "%s: %zu %s  %.0f/s  %.1fs", p->what, done,
                        p->unit, rate, el);
}

void progress_clear(struct progress *p)
{
    if (!p->show || !p->drawn)
        return;
    fputs("\r\033[K", stderr);
    fflush(stderr);
    p->drawn = 0;
}

/* cli.c - what the subcommands share: messages, option values, exit codes. */
#include "cli/cli.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/file.h"

#ifndef GAINSAY_DATADIR
#define GAINSAY_DATADIR "/usr/local/share/gainsay"
#endif

int cli_fail(const char *fmt, ...)
{
    va_list ap;

    fputs("gainsay: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return EXIT_ERROR;
}

int cli_fail_err(const struct err *e)
{
    return cli_fail("%s", e->msg[0] ? e->msg : status_name(e->code));
}

int cli_usage(const char *cmd, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "gainsay %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nsee 'gainsay %s --help'\n", cmd);
    return EXIT_ERROR;
}

int cli_size(const char *cmd, const char *opt, const char *s, size_t lo,
             size_t hi, size_t *out)
{
    char *end;
    unsigned long long v;

    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno || end == s || *end || *s == '-' || v < lo || v > hi) {
        cli_usage(cmd, "--%s expects a whole number from %zu to %zu, got "
                  "'%s'", opt, lo, hi, s);
        return -1;
    }
    *out = (size_t)v;
    return 0;
}

int cli_double(const char *cmd, const char *opt, const char *s, double lo,
               double hi, double *out)
{
    char *end;
    double v;

    errno = 0;
    v = strtod(s, &end);
    if (errno || end == s || *end || !isfinite(v) || v < lo || v > hi) {
        cli_usage(cmd, "--%s expects a number from %g to %g, got '%s'", opt,
                  lo, hi, s);
        return -1;
    }
    *out = v;
    return 0;
}

void cli_print_data_help(FILE *fp)
{
    fputs("\nData formats (--data-format; by default recognised from each "
          "file):\n", fp);
    for (size_t i = 0; i < data_n_formats; i++) {
        const struct data_format *f = &data_formats[i];
        if (f->flags & DATA_FORMAT_PART)
            continue;
        fprintf(fp, "  %-10s %s\n", f->name, f->layout);
    }
    fputs("Files are UTF-8, with or without a byte-order mark, with LF or "
          "CRLF line ends.\n"
          "\n"
          "Other layouts need no conversion: --columns names where the "
          "parts are,\n"
          "as JSONL fields or CSV/TSV header columns, or as column "
          "numbers from 1\n"
          "in a CSV/TSV file without a header:\n"
          "  --columns a=prem,b=hyp,label=label            (TSV or CSV "
          "with a header)\n"
          "  --columns a=context,b=hypothesis,label=label  (JSONL)\n"
          "  --columns a=1,b=2,label=3                     (no header)\n"
          "group= and id= are optional.  --label-map renames labels, and "
          "a label\n"
          "mapped to nothing drops its rows:\n"
          "  --label-map e=entailment,n=neutral,c=contradiction,NEI=\n", fp);
}

int cli_flush(int code)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_fail("write error on standard output: %s", strerror(errno));
        return EXIT_ERROR;
    }
    return code;
}

double cli_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

const char *cli_default_model(const char *name, char *buf, size_t size)
{
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);

    if (n > 0) {
        char *slash;
        exe[n] = '\0';
        slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            snprintf(buf, size, "%s/models/%s", exe, name);
            if (access(buf, R_OK) == 0)
                return buf;
        }
    }
    snprintf(buf, size, "%s/models/%s", GAINSAY_DATADIR, name);
    return buf;
}

/* A fatal signal: remove the temporary files of unfinished outputs, then
 * die of the signal as if it had not been caught, so the caller (a shell, a
 * CI runner) sees how the run ended. */
static void on_fatal_signal(int sig)
{
    file_remove_temps();
    signal(sig, SIG_DFL);
    raise(sig);
}

void cli_catch_signals(void)
{
    static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE };

    for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
        struct sigaction sa, old;
        /* a signal ignored by whoever started us (nohup) stays ignored */
        if (sigaction(sigs[i], NULL, &old) != 0 || old.sa_handler == SIG_IGN)
            continue;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_fatal_signal;
        sigemptyset(&sa.sa_mask);
        sigaction(sigs[i], &sa, NULL);
    }
}

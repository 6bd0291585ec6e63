/* cli.h - what the subcommands share: messages, option values, exit codes. */
#ifndef CLI_CLI_H
#define CLI_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "base/err.h"
#include "base/version.h"
#include "data/dataset.h"


enum exit_code {
    EXIT_CLEAN = 0,             /* ran; nothing flagged */
    EXIT_FINDINGS = 1,          /* something at or above the fail level */
    EXIT_ERROR = 2              /* usage, input, I/O, config or model error */
};

int cmd_train(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_score(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_split(int argc, char **argv);
int cmd_check(int argc, char **argv);

/* "gainsay: <message>" on stderr; returns EXIT_ERROR. */
int cli_fail(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* The message of e on stderr; returns EXIT_ERROR. */
int cli_fail_err(const struct err *e);

/* A usage error: the message, then "see 'gainsay <cmd> --help'". */
int cli_usage(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Option values: 0 on success, -1 (with a usage message) otherwise. */
int cli_size(const char *cmd, const char *opt, const char *s, size_t lo,
             size_t hi, size_t *out);
int cli_double(const char *cmd, const char *opt, const char *s, double lo,
               double hi, double *out);

/* The data formats and what --columns and --label-map do, for --help. */
void cli_print_data_help(FILE *fp);

/* Flush stdout and report a failed write (a full disk, /dev/full):
 * returns code, or EXIT_ERROR when the flush failed. */
int cli_flush(int code);

/* On SIGINT, SIGTERM, SIGHUP and SIGPIPE, remove the temporary files of
 * outputs not yet committed, then die of the signal.  Called once, by
 * main(), for every command. */
void cli_catch_signals(void);

/* Seconds on a monotonic clock. */
double cli_now(void);

/* The model path to use when none is given: name (e.g. "nli.json") in
 * models/ next to the executable, or in the installed data directory. */
const char *cli_default_model(const char *name, char *buf, size_t size);

#endif

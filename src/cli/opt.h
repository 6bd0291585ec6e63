/* opt.h - command-line options defined once, in a table that yields the
 * usage text, getopt_long's option list and the parsing (git's OPT_*). */
#ifndef CLI_OPT_H
#define CLI_OPT_H

#include <stddef.h>
#include <stdio.h>

#include "base/err.h"

enum cli_opt_type {
    CLI_OPT_END,
    CLI_OPT_BOOL,       /* no argument: *(int *)value = 1 */
    CLI_OPT_STRING,     /* *(const char **)value = the argument */
    CLI_OPT_SIZE,       /* *(size_t *)value, a whole number in lo..hi */
    CLI_OPT_DOUBLE,     /* *(double *)value, a number in lo..hi */
    CLI_OPT_CHOICE,     /* *(int *)value = index of the argument in the
                         * '|'-separated choices (arg "(a|b)") */
    CLI_OPT_CALLBACK,   /* cb(value, argument, e); argument NULL when
                         * the option takes none (arg NULL) */
    CLI_OPT_SETTING,    /* settings_set(value, long name, argument): a
                         * key of struct settings, checked and its error
                         * worded as in the config file */
    CLI_OPT_GROUP,      /* a heading of the help (git's OPT_GROUP), not an
                         * option: help is the heading */
    CLI_OPT_ALIAS,      /* another spelling of the option named in help;
                         * accepted, not listed */
    CLI_OPT_HELP        /* -h, --help: usage on stdout */
};

struct cli_opt {
    enum cli_opt_type type;
    int short_name;             /* 0: none */
    const char *long_name;
    const char *arg;            /* "<file>"; NULL: takes no argument */
    const char *help;           /* '\n' continues on a new line; a help
                                   that starts with '\n' starts on the
                                   line below the option */
    void *value;
    double lo, hi;
    /* CLI_OPT_CALLBACK: 0, or a status with e set (a usage message) */
    int (*cb)(void *value, const char *arg, struct err *e);
};

#define OPT_BOOL(s, l, v, h) { CLI_OPT_BOOL, s, l, NULL, h, v, 0, 0, NULL }
#define OPT_STRING(s, l, v, a, h) \
    { CLI_OPT_STRING, s, l, a, h, v, 0, 0, NULL }
#define OPT_SIZE(s, l, v, a, lo, hi, h) \
    { CLI_OPT_SIZE, s, l, a, h, v, lo, hi, NULL }
#define OPT_DOUBLE(s, l, v, a, lo, hi, h) \
    { CLI_OPT_DOUBLE, s, l, a, h, v, lo, hi, NULL }
#define OPT_CHOICE(s, l, v, a, h) \
    { CLI_OPT_CHOICE, s, l, a, h, v, 0, 0, NULL }
#define OPT_CALLBACK(s, l, v, cb, a, h) \
    { CLI_OPT_CALLBACK, s, l, a, h, v, 0, 0, cb }
#define OPT_SETTING(s, l, settings, a, h) \
    { CLI_OPT_SETTING, s, l, a, h, settings, 0, 0, NULL }
#define OPT_GROUP(h) { CLI_OPT_GROUP, 0, NULL, NULL, h, NULL, 0, 0, NULL }
#define OPT_ALIAS(l, target) \
    { CLI_OPT_ALIAS, 0, l, NULL, target, NULL, 0, 0, NULL }
#define OPT_HELP() \
    { CLI_OPT_HELP, 'h', "help", NULL, "this text", NULL, 0, 0, NULL }
#define OPT_END() { CLI_OPT_END, 0, NULL, NULL, NULL, NULL, 0, 0, NULL }

/* The options the data-reading commands share (train, eval, split), into
 * a struct data_options *d. */
int cli_opt_data_format(void *d, const char *arg, struct err *e);
int cli_opt_columns(void *d, const char *arg, struct err *e);
int cli_opt_label_map(void *d, const char *arg, struct err *e);
#define OPT_DATA_FORMAT(d) \
    OPT_CALLBACK('f', "data-format", d, cli_opt_data_format, "<fmt>", \
                 "a data format below (default: recognised)")
#define OPT_COLUMNS(d) \
    OPT_CALLBACK(0, "columns", d, cli_opt_columns, "<parts>", \
                 "a=FIELD,b=FIELD,label=FIELD[,group=..,id=..]")
#define OPT_LABEL_MAP(d) \
    OPT_CALLBACK(0, "label-map", d, cli_opt_label_map, "<map>", \
                 "rename labels: <from>=<to>,...")

/* Parse argv by the table.  Returns 0 with *first_arg the index of the
 * first operand; 1 when --help printed usage (head, the options, then
 * tail(fp) if not NULL); -1 after a usage message on stderr (the caller
 * exits 2). */
int cli_parse(const char *cmd, const struct cli_opt *opts, const char *head,
              void (*tail)(FILE *fp), int argc, char **argv, int *first_arg);

/* The options' lines of the usage text: "  -o, --output=<file>", the help
 * from column 29, or on the next line when the option is wider.  A table
 * with groups (check's) is laid out in sections: each OPT_GROUP prints a
 * blank line and its heading, the help starts at column 30 and a wider
 * option's help stays on its line (one space after an option that
 * reaches column 30, two after one that passes it). */
void cli_print_options(FILE *fp, const struct cli_opt *opts);

/* Add name to the choices "(a|b)" of a CLI_OPT_CHOICE built from a table
 * in buf (empty to start): "(a)", then "(a|b)".  Returns 0, or -1 when
 * buf is too small (buf is left as it was). */
int cli_choice_add(char *buf, size_t size, const char *name);

#endif

/* opt.c - options from one table: getopt_long's list, parsing, usage. */
#include "cli/opt.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "config/settings.h"

#define HELP_COLUMN 29

static size_t count(const struct cli_opt *opts)
{
    size_t n = 0;

    while (opts[n].type != CLI_OPT_END)
        n++;
    return n;
}

static const struct cli_opt *find_long(const struct cli_opt *opts,
                                       const char *name)
{
    for (size_t i = 0; opts[i].type != CLI_OPT_END; i++)
        if (opts[i].type != CLI_OPT_ALIAS && opts[i].type != CLI_OPT_GROUP
            && strcmp(opts[i].long_name, name) == 0)
            return &opts[i];
    return NULL;
}

void cli_print_options(FILE *fp, const struct cli_opt *opts)
{
    int grouped = 0, col;

    for (size_t i = 0; opts[i].type != CLI_OPT_END; i++)
        grouped |= opts[i].type == CLI_OPT_GROUP;
    col = grouped ? HELP_COLUMN + 1 : HELP_COLUMN;
    for (size_t i = 0; opts[i].type != CLI_OPT_END; i++) {
        const struct cli_opt *o = &opts[i];
        const char *h = o->help;
        int w;

        if (o->type == CLI_OPT_ALIAS)
            continue;
        if (o->type == CLI_OPT_GROUP) {
            fprintf(fp, "\n%s\n", h);
            continue;
        }
        if (o->short_name)
            w = fprintf(fp, "  -%c, --%s", o->short_name, o->long_name);
        else
            w = fprintf(fp, "      --%s", o->long_name);
        if (o->arg)
            w += fprintf(fp, "=%s", o->arg);
        if (*h == '\n')
            ;                   /* the help starts on the next line */
        else if (grouped)
            fprintf(fp, "%*s", w < col ? col - w : w == col ? 1 : 2, "");
        else if (w > col - 2)
            fprintf(fp, "\n%*s", col, "");
        else
            fprintf(fp, "%*s", col - w, "");
        for (; *h; h++) {
            fputc(*h, fp);
            if (*h == '\n')
                fprintf(fp, "%*s", col, "");
        }
        fputc('\n', fp);
    }
}

int cli_choice_add(char *buf, size_t size, const char *name)
{
    size_t at = strlen(buf), n = strlen(name);

    if (at + n + 3 > size)
        return -1;
    if (at == 0)
        buf[at++] = '(';
    else
        buf[at - 1] = '|';      /* the closing parenthesis */
    memcpy(buf + at, name, n);
    memcpy(buf + at + n, ")", 2);
    return 0;
}

/* The index of arg among the '|'-separated names of "(a|b|c)", or -1. */
static int choice_index(const char *choices, const char *arg)
{
    const char *s = choices + (*choices == '(');
    size_t n = strlen(arg);

    for (int k = 0; *s && *s != ')'; k++) {
        size_t len = strcspn(s, "|)");
        if (len == n && memcmp(s, arg, n) == 0)
            return k;
        s += len;
        if (*s == '|')
            s++;
    }
    return -1;
}

static int apply(const char *cmd, const struct cli_opt *o, const char *arg)
{
    struct err e = { 0 };
    int k;

    switch (o->type) {
    case CLI_OPT_BOOL:
        *(int *)o->value = 1;
        return 0;
    case CLI_OPT_STRING:
        *(const char **)o->value = arg;
        return 0;
    case CLI_OPT_SIZE:
        return cli_size(cmd, o->long_name, arg, (size_t)o->lo, (size_t)o->hi,
                        o->value);
    case CLI_OPT_DOUBLE:
        return cli_double(cmd, o->long_name, arg, o->lo, o->hi, o->value);
    case CLI_OPT_CHOICE:
        if ((k = choice_index(o->arg, arg)) < 0) {
            /* "(a|b|c)": "a, b or c" */
            char names[256];
            size_t n = strlen(o->arg), used = 0;
            const char *last = strrchr(o->arg, '|');
            for (size_t i = 1; i + 1 < n && used + 5 < sizeof names; i++) {
                if (o->arg[i] != '|') {
                    names[used++] = o->arg[i];
                } else if (o->arg + i == last) {
                    memcpy(names + used, " or ", 4);
                    used += 4;
                } else {
                    memcpy(names + used, ", ", 2);
                    used += 2;
                }
            }
            names[used] = '\0';
            cli_usage(cmd, "--%s expects %s, got '%s'", o->long_name,
                      names, arg);
            return -1;
        }
        *(int *)o->value = k;
        return 0;
    case CLI_OPT_CALLBACK:
        if (o->cb(o->value, arg, &e)) {
            cli_usage(cmd, "%s", e.msg);
            return -1;
        }
        return 0;
    case CLI_OPT_SETTING:
        if (settings_set(o->value, o->long_name, arg, &e)) {
            cli_usage(cmd, "--%s", e.msg);
            return -1;
        }
        return 0;
    case CLI_OPT_END:
    case CLI_OPT_GROUP:
    case CLI_OPT_ALIAS:
    case CLI_OPT_HELP:
        break;
    }
    return 0;
}

/* The usage message for an option getopt refused: a value given to one
 * that takes none, an abbreviation of several, or an unknown one. */
static void bad_option(const char *cmd, const struct cli_opt *opts,
                       const char *given, int short_opt)
{
    int is_long = strncmp(given, "--", 2) == 0;
    const char *name = is_long ? given + 2 : given, *eq = strchr(name, '=');
    size_t len = eq ? (size_t)(eq - name) : strlen(name), n_match = 0;
    const struct cli_opt *match = NULL;

    /* an unknown letter of "-ab": optind has not moved past the group
     * while letters remain, so argv[optind - 1] may be another argument */
    if (short_opt != 0 && short_opt < 256) {
        unsigned char ch = (unsigned char)short_opt;  /* glibc: a char */
        if (ch > ' ' && ch < 0x7f)
            cli_usage(cmd, "unknown option '-%c'", (char)ch);
        else
            cli_usage(cmd, "unknown option: byte 0x%02x after '-'", ch);
        return;
    }
    if (is_long)
        for (size_t i = 0; opts[i].type != CLI_OPT_END; i++) {
            const char *l = opts[i].long_name;
            if (!l || strncmp(l, name, len) != 0)
                continue;
            if (l[len] == '\0') {  /* exact: no other counts */
                match = &opts[i];
                n_match = 1;
                break;
            }
            match = &opts[i];
            n_match++;
        }
    if (n_match == 1 && eq) {
        cli_usage(cmd, "option '--%s' takes no value", match->long_name);
    } else if (n_match > 1) {
        char names[512];
        size_t used = 0;
        names[0] = '\0';
        for (size_t i = 0; opts[i].type != CLI_OPT_END; i++)
            if (opts[i].long_name && strncmp(opts[i].long_name, name, len) == 0
                && used + strlen(opts[i].long_name) + 5 < sizeof names)
                used += (size_t)snprintf(names + used, sizeof names - used,
                                         "%s--%s", used ? ", " : "",
                                         opts[i].long_name);
        cli_usage(cmd, "option '--%.*s' is ambiguous (%s)", (int)len, name,
                  names);
    } else {
        cli_usage(cmd, "unknown option '%s'", given);
    }
}

int cli_parse(const char *cmd, const struct cli_opt *opts, const char *head,
              void (*tail)(FILE *fp), int argc, char **argv, int *first_arg)
{
    size_t n = count(opts), k = 0;
    struct option *lo = calloc(n + 1, sizeof *lo);
    char *so = malloc(3 * n + 2);
    int c, idx, rc = 0;

    if (!lo || !so) {
        free(lo);
        free(so);
        cli_fail("out of memory");
        return -1;
    }
    so[k++] = ':';              /* a missing argument returns ':' */
    for (size_t i = 0, j = 0; i < n; i++) {
        const struct cli_opt *o = &opts[i];
        if (o->type == CLI_OPT_GROUP)
            continue;
        if (o->type == CLI_OPT_ALIAS)
            o = find_long(opts, o->help);
        lo[j].name = opts[i].long_name;
        lo[j].has_arg = o && o->arg ? required_argument : no_argument;
        lo[j].flag = NULL;
        lo[j++].val = 256 + (int)i;
        if (opts[i].short_name) {
            so[k++] = (char)opts[i].short_name;
            if (opts[i].arg)
                so[k++] = ':';
        }
    }
    so[k] = '\0';
    optind = 1;
    while ((c = getopt_long(argc, argv, so, lo, &idx)) != -1) {
        const struct cli_opt *o = NULL;
        if (c >= 256)
            o = &opts[c - 256];
        else
            for (size_t i = 0; i < n && !o; i++)
                if (opts[i].short_name == c)
                    o = &opts[i];
        if (o && o->type == CLI_OPT_ALIAS)
            o = find_long(opts, o->help);
        if (c == ':' || !o) {
            rc = -1;
            if (c == ':')
                cli_usage(cmd, "option '%s' needs a value",
                          argv[optind - 1]);
            else
                bad_option(cmd, opts, argv[optind - 1], optopt);
            break;
        }
        if (o->type == CLI_OPT_HELP) {
            fputs(head, stdout);
            cli_print_options(stdout, opts);
            if (tail)
                tail(stdout);
            rc = 1;
            break;
        }
        if (apply(cmd, o, o->arg ? optarg : NULL)) {
            rc = -1;
            break;
        }
    }
    *first_arg = optind;
    free(lo);
    free(so);
    return rc;
}

int cli_opt_data_format(void *d, const char *arg, struct err *e)
{
    struct data_options *o = d;
    char names[128];

    if (strcmp(arg, "auto") == 0) {
        o->format = NULL;
        return 0;
    }
    if (!(o->format = data_format_find(arg)))
        return err_set(e, STATUS_USAGE, "unknown data format '%s' (auto, "
                       "%s)", arg, data_format_names(names, sizeof names,
                                                     ", "));
    return 0;
}

int cli_opt_columns(void *d, const char *arg, struct err *e)
{
    struct data_options *o = d;

    data_columns_clear(&o->columns);
    return data_columns_parse(&o->columns, arg, e);
}

int cli_opt_label_map(void *d, const char *arg, struct err *e)
{
    return data_label_map_parse(&((struct data_options *)d)->label_map, arg,
                                e);
}

/* main.c - gainsay: find statements that contradict each other. */
#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *help;
} commands[] = {
    { "check", cmd_check, "find where an article contradicts itself" },
    { "train", cmd_train, "fit a model on labelled statement pairs" },
    { "eval", cmd_eval, "measure a model on labelled pairs" },
    { "score", cmd_score, "score JSONL pairs, one line out per line in" },
    { "explain", cmd_explain, "show each feature's pull on one pair" },
    { "split", cmd_split, "write a grouped train/test split as JSONL" },
};

static void usage(FILE *fp)
{
    fputs("usage: gainsay <command> [<options>] [<args>]\n\n"
          "commands:\n", fp);
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(fp, "  %-9s %s\n", commands[i].name, commands[i].help);
    fputs("\n'gainsay <command> --help' describes a command.\n\n"
          "exit status: 0 ran and flagged nothing; 1 findings at or above "
          "the fail level;\n2 usage, input, I/O, config or model error.\n",
          fp);
}

int main(int argc, char **argv)
{
    /* GSL's default handler aborts; every GSL status is checked instead */
    gsl_set_error_handler_off();
    cli_catch_signals();
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0
        || strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return cli_flush(0);
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
        printf("gainsay %s\n", GAINSAY_VERSION);
        return cli_flush(0);
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "gainsay: '%s' is not a gainsay command\n"
            "see 'gainsay --help'\n", argv[1]);
    return 2;
}

/* cmd_check.c - gainsay check: find where an article contradicts itself. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/file.h"
#include "base/parallel.h"
#include "base/path.h"
#include "check/baseline.h"
#include "check/check.h"
#include "check/run.h"
#include "cli/cli.h"
#include "cli/opt.h"
#include "cli/progress.h"
#include "config/config.h"
#include "config/settings.h"
#include "doc/document.h"
#include "doc/read.h"
#include "files/ignore.h"
#include "files/walk.h"
#include "lex/lexicon.h"
#include "logreg/blas_threads.h"
#include "report/check_report.h"
#include "text/utf8.h"

static const char usage_text[] =
"usage: gainsay check [<options>] [<article>|<directory>|<glob>...|-]\n"
"       gainsay check --print-config <file>\n"
"\n"
"Find the places where a news article contradicts itself.  The headline is\n"
"the first non-empty line of a text file; in Markdown, the front matter's\n"
"title: or headline:, else the first level-1 heading; in HTML, the first\n"
"<h1>, else <title>; or --headline.  Code, scripts, styles, comments, tags\n"
"and link targets are never scored.  gainsay scores the headline\n"
"against each body sentence and each quoted statement, quotes against the\n"
"quotes of other speakers, and related body sentences against each other,\n"
"with the sentence model; and the headline against the whole body with the\n"
"stance model, for an overall verdict.  A finding is a pair whose\n"
"probability of contradiction is at or above the threshold; each says\n"
"where both statements are, how sure the model is and which words drove\n"
"the score.\n";

static const char usage_more[] =
"\n"
"Directories are walked recursively for .md, .markdown, .mdown, .mkd,\n"
".html, .htm, .xhtml and .txt files; globs such as 'drafts/**/*.md' (quoted,\n"
"so the shell leaves them alone) match the same types.  .git and\n"
"node_modules are always skipped.  The config file is the nearest\n"
".gainsay.ini in the file's directory or above; its sections are globs:\n"
"\n"
"    threshold = 0.6\n"
"    [opinion/**]\n"
"    pairs = headline-sentence, headline-quote\n"
"    fail-level = error\n"
"\n"
"In an article, <!-- gainsay off --> ... <!-- gainsay on -->,\n"
"<!-- gainsay disable-next-line --> and <!-- gainsay disable-next-block -->\n"
"leave text out of the check.\n"
"\n"
"exit status: 0 no finding at or above the fail level; 1 findings; 2 usage,\n"
"config, input or model error.\n";

static void usage_tail(FILE *fp)
{
    fputs(usage_more, fp);
}

/* --format's choices and help, from the table of output formats: "the
 * report (default text):", then a line for each (its help's own lines
 * under its first). */
static void format_usage(char *arg, size_t n_arg, char *help, size_t n_help)
{
    FILE *fp = fmemopen(help, n_help, "w");

    arg[0] = help[0] = '\0';
    for (const struct report_format *f = report_formats; f->name; f++)
        cli_choice_add(arg, n_arg, f->name);
    if (!fp)
        return;
    fprintf(fp, "\nthe report (default %s):",
            report_formats[0].name ? report_formats[0].name : "none");
    for (const struct report_format *f = report_formats; f->name; f++) {
        fprintf(fp, "\n  %-8s", f->name);
        for (const char *h = f->help; *h; h++)
            if (*h == '\n')
                fprintf(fp, "\n%10s", "");
            else
                fputc(*h, fp);
    }
    fclose(fp);
    help[n_help - 1] = '\0';   /* fmemopen ends a full buffer without one */
}

/* --input-format's choices: auto, then the table of article formats. */
static void input_format_usage(char *arg, size_t n_arg)
{
    arg[0] = '\0';
    cli_choice_add(arg, n_arg, "auto");
    for (size_t k = 0; k < DOC_N_FORMATS; k++)
        cli_choice_add(arg, n_arg, doc_formats[k].name);
}

#define IGNORE_NAME ".gainsayignore"

/* A file given, or none (--no-<x>, arg NULL): the last one given wins. */
struct file_or_none {
    const char *path;
    int none;
};

static int opt_file_or_none(void *v, const char *arg, struct err *e)
{
    struct file_or_none *f = v;

    (void)e;
    f->path = arg;
    f->none = !arg;
    return 0;
}

static int opt_headline(void *v, const char *arg, struct err *e)
{
    size_t n = strlen(arg);

    if (utf8_check(arg, n) < n)
        return err_set(e, STATUS_USAGE, "--headline is not valid UTF-8");
    if (arg[strspn(arg, " \t\r\n")] == '\0')
        return err_set(e, STATUS_USAGE, "--headline is empty");
    *(const char **)v = arg;
    return 0;
}

/* What the command line says. */
struct check_args {
    const char *nli, *stance, *headline_model, *furniture;  /* NULL: the
                                                               default */
    int no_stance, no_headline_model;
    struct doc_read_options read;       /* --headline, --max-size */
    int input_format;                   /* 0: auto, else doc_formats[k-1] */
    struct settings set;                /* over each file's config */
    int all;
    struct file_or_none config, ignore;
    const char *print_config, *stdin_name;
    struct walk_options walk;           /* allow_empty; ignore later */
    size_t jobs;
    int format;                         /* index in report_formats */
    int color;                          /* auto, always, never */
    const char *output, *baseline, *write_baseline, *changed_base;
    int no_exit, quiet;
    int first;                          /* argv's first operand */
};

/* Parse argv into a by the table, which is also --help.  Returns 0, 1
 * after --help, -1 after a usage message. */
static int parse_args(struct check_args *a, int argc, char **argv)
{
    char format_arg[128], format_help[1024], input_arg[128];

    memset(a, 0, sizeof *a);
    doc_read_options_init(&a->read);
    a->jobs = parallel_ncpu() < 8 ? parallel_ncpu() : 8;
    format_usage(format_arg, sizeof format_arg, format_help,
                 sizeof format_help);
    input_format_usage(input_arg, sizeof input_arg);
    {
        struct cli_opt opts[] = {
            OPT_GROUP("Models and input:"),
            OPT_STRING('m', "model", &a->nli, "<file>", "sentence model "
                       "(default: models/nli.json next\nto gainsay, or in "
                       "the installed data directory)"),
            OPT_STRING(0, "stance-model", &a->stance, "<file>",
                       "stance model (default: models/stance.json)"),
            OPT_BOOL(0, "no-stance", &a->no_stance,
                     "skip the overall verdict"),
            OPT_STRING(0, "headline-model", &a->headline_model, "<file>",
                       "model for the headline against each body\n"
                       "sentence and quote, trained on news from body\n"
                       "labels (default: models/headline.json)"),
            OPT_BOOL(0, "no-headline-model", &a->no_headline_model,
                     "score those pairs with the sentence model"),
            OPT_STRING(0, "furniture", &a->furniture, "<file>",
                       "the learnt list of page furniture (default:\n"
                       "models/furniture.json)"),
            OPT_CALLBACK(0, "headline", &a->read.headline, opt_headline,
                         "<text>", "the headline; the whole input is the "
                         "body"),
            OPT_CHOICE(0, "input-format", &a->input_format, input_arg,
                       "how to read the articles\n(auto: by extension: "
                       ".md, .markdown, .mdown,\n.mkd; .html, .htm, "
                       ".xhtml; else text)"),
            OPT_STRING(0, "stdin-filename", &a->stdin_name, "<path>",
                       "the name of what comes on stdin: chooses the\n"
                       "parser, config and ignore rules, and names it\n"
                       "in the report"),
            OPT_SIZE(0, "max-size", &a->read.max_size, "<bytes>", 1,
                     (double)((size_t)1 << 40), "refuse larger articles "
                     "(default 10000000)"),
            OPT_GROUP("What is flagged (these also go in a config file, "
                      "without the dashes):"),
            OPT_SETTING('t', "threshold", &a->set, "<p>", "flag the "
                        "sentence model's pairs at or above p\n(default: "
                        "its calibrated threshold; 'model'\nrestores it)"),
            OPT_SETTING(0, "headline-threshold", &a->set, "<p>", "the same "
                        "for the headline model's pairs\n(default: its own "
                        "calibrated threshold)"),
            OPT_SETTING(0, "error-at", &a->set, "<p>", "findings with p >= "
                        "this are errors, the rest\nwarnings (default "
                        "0.8); pairs below the\nthreshold, shown with "
                        "--all, are notes"),
            OPT_SETTING(0, "fail-level", &a->set,
                        "(error|warning|note|none)", "which findings make "
                        "the exit\nstatus 1 (default warning)"),
            OPT_SETTING(0, "pairs", &a->set, "<kinds>", "which pairs to "
                        "score, comma-separated:\nheadline-sentence, "
                        "headline-quote,\nquote-quote, sentence-sentence, "
                        "all, none"),
            OPT_SETTING('n', "top", &a->set, "<n>", "report at most n "
                        "findings per article\n(0: all)"),
            OPT_BOOL(0, "all", &a->all,
                     "report every scored pair, flagged or not"),
            OPT_GROUP("Files and config:"),
            OPT_SIZE('j', "jobs", &a->jobs, "<n>", 1, 256, "check n files "
                     "at a time (default: the number\nof processors, at "
                     "most 8); the report keeps\nthe order of the files"),
            OPT_CALLBACK(0, "config", &a->config, opt_file_or_none,
                         "<file>", "use this config file for every file"),
            OPT_CALLBACK(0, "no-config", &a->config, opt_file_or_none, NULL,
                         "use no config file"),
            OPT_STRING(0, "print-config", &a->print_config, "<file>",
                       "print the settings that apply to file"),
            OPT_CALLBACK(0, "ignore-path", &a->ignore, opt_file_or_none,
                         "<file>", "ignore rules in gitignore syntax "
                         "(default:\n" IGNORE_NAME " in the current "
                         "directory)"),
            OPT_CALLBACK(0, "no-ignore", &a->ignore, opt_file_or_none, NULL,
                         "no ignore file"),
            OPT_BOOL(0, "no-error-on-unmatched-pattern",
                     &a->walk.allow_empty, "a glob or directory without\n"
                     "articles is not an error"),
            OPT_GROUP("Reporting:"),
            OPT_CHOICE(0, "format", &a->format, format_arg, format_help),
            OPT_STRING(0, "output", &a->output, "<file>", "write the report "
                       "there (atomically); the exit\nstatus stays the "
                       "same"),
            OPT_STRING(0, "baseline", &a->baseline, "<file>",
                       "report only findings not recorded in file"),
            OPT_STRING(0, "write-baseline", &a->write_baseline, "<file>",
                       "record every finding in file (atomically) and\n"
                       "exit 0 unless something failed"),
            OPT_STRING(0, "changed-lines", &a->changed_base, "<rev>",
                       "report only findings with a statement on a\nline "
                       "changed since git revision rev (files\ngit does "
                       "not track count as all new)"),
            OPT_BOOL(0, "no-exit", &a->no_exit,
                     "exit 0 even with findings"),
            OPT_BOOL('q', "quiet", &a->quiet, "no progress line on stderr "
                     "(shown on a\nterminal when checking many files)"),
            OPT_CHOICE(0, "color", &a->color, "(auto|always|never)",
                       "colours (auto: on a terminal, unless\nNO_COLOR is "
                       "set)"),
            OPT_ALIAS("colour", "color"),
            OPT_HELP(),
            OPT_END()
        };
        int got = cli_parse("check", opts, usage_text, usage_tail, argc,
                            argv, &a->first);
        if (got)
            return got;
    }
    if (a->write_baseline && a->changed_base) {
        cli_usage("check", "--write-baseline records every finding: it "
                  "cannot be combined with --changed-lines");
        return -1;
    }
    a->read.format = a->input_format ? &doc_formats[a->input_format - 1]
                                     : NULL;
    return 0;
}

/* The report, written as the run hands over each file. */
struct out {
    struct check_report rp;
    struct progress progress;   /* files reported so far */
    size_t n_files, n_done;
    int clear_progress;         /* the report shares the terminal */
    int failed;                 /* the report is not whole: not kept */
    struct err e;
    const struct model *stance;
};

static void emit(void *ctx, const struct check_file *f)
{
    struct out *o = ctx;

    if (o->clear_progress || f->rc || f->doc->warning)
        progress_clear(&o->progress);
    if (f->rc)
        cli_fail_err(f->e);
    else if (f->doc->warning)
        fprintf(stderr, "gainsay: %s:%zu: warning: %s\n", f->name,
                f->doc->warning_line, f->doc->warning);
    if (!f->skipped && !f->rc && !o->failed
        && check_report_file(&o->rp, f->doc, f->r, o->stance, &o->e))
        o->failed = 1;
    if (o->clear_progress)
        fflush(o->rp.fp);
    o->n_done++;
    progress_update(&o->progress, o->n_done,
                    (double)o->n_done / (double)o->n_files);
}

/* --print-config: the settings that apply to path, and where they come
 * from. */
static int print_config(const char *path, const char *forced, int no_config,
                        const struct settings *cli)
{
    struct config_cache cs = { 0 };
    const struct config *c = NULL;
    struct settings s;
    struct err e = { 0 };
    char *abs = path_absolute(path);
    int rc;

    rc = config_cache_settings(&cs, forced, no_config, abs, cli, &s, &c,
                               &e);
    if (rc) {
        free(abs);
        config_cache_clear(&cs);
        return cli_fail_err(&e);
    }
    printf("# settings for %s\n", path);
    if (no_config)
        puts("# config: none (--no-config)");
    else if (!c)
        printf("# config: none (no %s here or above)\n", CONFIG_NAME);
    else {
        printf("# config: %s\n", c->path);
        for (size_t i = 0; i < c->n; i++)
            printf("# [%s] (line %zu): %s\n", c->sec[i].glob, c->sec[i].line,
                   abs && config_section_matches(c, i, abs) ? "applies"
                   : "does not apply");
    }
    if (cli->set)
        puts("# command-line options override the config");
    settings_write(&s, stdout);
    free(abs);
    config_cache_clear(&cs);
    return cli_flush(EXIT_CLEAN);
}

/* path, or name in the default models directory (in buf). */
static const char *model_path(const char *path, const char *name, char *buf,
                              size_t size)
{
    return path ? path : cli_default_model(name, buf, size);
}

int cmd_check(int argc, char **argv)
{
    struct check_args a;
    char nli_buf[4096], stance_buf[4096], headline_buf[4096],
         furniture_buf[4096];
    struct model *nli = NULL, *stance = NULL, *headline = NULL;
    struct furniture *furniture = NULL;
    struct check_run_options ro;
    struct check_run run = { 0 };
    struct out out = { 0 };
    struct err e = { 0 };
    struct ignore ig;
    struct atomic_file af = { 0 }, bf = { 0 };
    struct file_list fl = { 0 };
    const char *const stdin_only[] = { "-" };
    int color, rc = parse_args(&a, argc, argv);

    if (rc)
        return rc > 0 ? cli_flush(EXIT_CLEAN) : EXIT_ERROR;
    if (a.print_config)
        return print_config(a.print_config, a.config.path, a.config.none,
                            &a.set);
    color = a.color == 0 ? isatty(1) && !getenv("NO_COLOR") : a.color == 1;
    ignore_init(&ig);
    memset(&ro, 0, sizeof ro);

    /* the files, and what each of them is checked with */
    if (!a.ignore.none && (a.ignore.path || access(IGNORE_NAME, F_OK) == 0)) {
        if (ignore_load(&ig, a.ignore.path ? a.ignore.path : IGNORE_NAME,
                        &e))
            goto fail;
        a.walk.ignore = &ig;
    }
    if (files_expand(a.first < argc ? (const char *const *)argv + a.first
                     : stdin_only, a.first < argc ? (size_t)(argc - a.first)
                     : 1, &a.walk, &fl, &e))
        goto fail;
    if (a.baseline && baseline_load(&ro.baseline, a.baseline, &e))
        goto fail;
    if (a.write_baseline
        && !(ro.write_baseline = baseline_alloc(a.write_baseline))) {
        rc = cli_fail("%s: cannot write a baseline there", a.write_baseline);
        goto out;
    }
    ro.read = a.read;
    check_options_default(&ro.opt);
    ro.opt.all = a.all;
    ro.config = a.config.path;
    ro.no_config = a.config.none;
    ro.cli = &a.set;
    ro.ignore = a.walk.ignore;
    ro.stdin_name = a.stdin_name;
    ro.changed_base = a.changed_base;
    ro.jobs = a.jobs;
    if (check_run_init(&run, (const char *const *)fl.path, fl.n, &ro, &e))
        goto fail;

    /* the models, side by side, and the learnt furniture list */
    a.nli = model_path(a.nli, "nli.json", nli_buf, sizeof nli_buf);
    if (!a.no_stance)
        a.stance = model_path(a.stance, "stance.json", stance_buf,
                              sizeof stance_buf);
    if (!a.no_headline_model)
        a.headline_model = model_path(a.headline_model, "headline.json",
                                      headline_buf, sizeof headline_buf);
    blas_set_threads(1);
    if (check_models_load(a.nli, a.no_headline_model ? NULL
                          : a.headline_model, a.no_stance ? NULL : a.stance,
                          &nli, &headline, &stance, &e))
        goto fail;
    a.furniture = model_path(a.furniture, "furniture.json", furniture_buf,
                             sizeof furniture_buf);
    if (furniture_load(a.furniture, &furniture, &e))
        goto fail;
    run.o.read.furniture = furniture;

    {
        /* outputs never replace an article, a model or the lexical table
         * beside it, a config or ignore file read, or each other */
        const char *outs[] = { a.output, a.write_baseline };
        const char *models[] = {
            a.nli, a.stance, a.furniture,
            a.no_headline_model ? NULL : a.headline_model,
            a.walk.ignore ? (a.ignore.path ? a.ignore.path : IGNORE_NAME)
                          : NULL,
            a.config.none ? NULL : a.config.path,
            nli && nli->lex ? lexicon_name(nli->lex) : NULL,
            headline && headline->lex ? lexicon_name(headline->lex) : NULL,
            stance && stance->lex ? lexicon_name(stance->lex) : NULL
        };
        const char **configs = NULL;
        int bad;
        if (run.configs.n
            && !(configs = malloc(run.configs.n * sizeof *configs))) {
            rc = cli_fail("out of memory");
            goto out;
        }
        for (size_t i = 0; i < run.configs.n; i++)
            configs[i] = run.configs.c[i]->path;
        bad = file_check_outputs(outs, 2, (const char *const *)fl.path, fl.n,
                                 &e)
              || file_check_outputs(outs, 2, models,
                                    sizeof models / sizeof *models, &e)
              || file_check_outputs(outs, 2, configs, run.configs.n, &e)
              /* the report never replaces the baseline it reads */
              || file_check_outputs(outs, 1,
                                    (const char *const *)&a.baseline, 1, &e);
        free(configs);
        if (bad)
            goto fail;
    }
    if (a.output) {
        if (file_open_atomic(&af, a.output, &e))
            goto fail;
        color = 0;
    }
    if (check_report_begin(&out.rp, a.output ? af.fp : stdout,
                           &report_formats[a.format], color, &e))
        goto fail;
    out.rp.quiet = run.n_items > 1;
    out.n_files = run.n_items;
    out.stance = stance;
    out.clear_progress = !a.output && isatty(1);
    progress_begin(&out.progress, run.n_items > 1 && progress_wanted(a.quiet),
                   "check", "files");
    {
        struct check_models cm = { nli, headline, stance };
        rc = check_run_files(&run, &cm, emit, &out, &e);
    }
    progress_clear(&out.progress);
    /* a report short of a file is an error, and is not committed */
    if (check_report_end(&out.rp, &e) || out.failed) {
        rc = cli_fail_err(out.failed ? &out.e : &e);
        goto out;
    }
    if (rc || (a.output && file_commit(&af, &e)))
        goto fail;
    if (ro.write_baseline) {
        if (file_open_atomic(&bf, a.write_baseline, &e)
            || baseline_write(ro.write_baseline, bf.fp, &e)
            || file_commit(&bf, &e))
            goto fail;
        fprintf(stderr, "gainsay: %zu finding%s recorded in %s\n",
                ro.write_baseline->n, ro.write_baseline->n == 1 ? "" : "s",
                a.write_baseline);
    }
    if (ro.baseline && !a.changed_base && baseline_stale(ro.baseline)) {
        size_t n = baseline_stale(ro.baseline);
        fprintf(stderr, "gainsay: %zu finding%s in %s no longer occur%s; "
                "--write-baseline %s records the findings as they are now\n",
                n, n == 1 ? "" : "s", a.baseline, n == 1 ? "s" : "",
                a.baseline);
    }
    /* --output never changes the exit status; a new baseline accepts what
     * it records */
    rc = cli_flush(run.errors ? EXIT_ERROR
                   : run.n_failing && !a.no_exit && !ro.write_baseline
                   ? EXIT_FINDINGS : EXIT_CLEAN);
    goto out;
fail:
    rc = cli_fail_err(&e);
out:
    if (af.fp)
        file_abort(&af);
    if (bf.fp)
        file_abort(&bf);
    check_run_clear(&run);
    baseline_free(ro.baseline);
    baseline_free(ro.write_baseline);
    ignore_clear(&ig);
    file_list_clear(&fl);
    model_free(nli);
    model_free(stance);
    model_free(headline);
    furniture_free(furniture);
    return rc;
}

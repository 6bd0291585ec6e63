/* cmd_check.c - gainsay check: find where an article contradicts itself. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/file.h"
#include "base/parallel.h"
#include "base/path.h"
#include "check/check.h"
#include "cli/cli.h"
#include "cli/opt.h"
#include "cli/progress.h"
#include "config/config.h"
#include "config/settings.h"
#include "doc/document.h"
#include "doc/read.h"
#include "files/changes.h"
#include "files/ignore.h"
#include "files/walk.h"
#include "check/baseline.h"
#include "model/model_json.h"
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

static void usage_tail(FILE *fp)
{
    fputs(
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
    "config, input or model error.\n", fp);
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

/* What the command line says, parsed by the table in cmd_check. */
struct check_args {
    const char *nli, *stance, *headline_model, *furniture;  /* NULL: the
                                                               default */
    int no_stance, no_headline_model;
    struct doc_read_options read;       /* --headline, --input-format,
                                           --max-size */
    int input_format;                   /* 0: auto, else doc_formats[k-1] */
    struct settings set;                /* over the config */
    int all;
    const char *config;                 /* forced config file */
    int no_config;
    const char *print_config;
    const char *ignore_path;
    int no_ignore;
    struct walk_options walk;           /* allow_empty; ignore later */
    const char *stdin_name;
    size_t jobs;
    int format;                         /* index in report_formats */
    int color;                          /* auto, always, never */
    const char *output, *baseline, *write_baseline, *changed_base;
    int no_exit, quiet;
};

/* --config <file>, --no-config (arg NULL): the last one given wins. */
static int opt_config(void *v, const char *arg, struct err *e)
{
    struct check_args *a = v;

    (void)e;
    a->config = arg;
    a->no_config = !arg;
    return 0;
}

/* --ignore-path <file>, --no-ignore (arg NULL): the last one given wins. */
static int opt_ignore(void *v, const char *arg, struct err *e)
{
    struct check_args *a = v;

    (void)e;
    a->ignore_path = arg;
    a->no_ignore = !arg;
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

/* Loading a model in a thread of its own: check needs two, and loading
 * them side by side is most of the time a short article takes. */
struct load_job {
    const char *path;
    struct model *m;
    struct err e;
    int rc;
};

static void *load_model_job(void *p)
{
    struct load_job *j = p;
    j->rc = model_load(j->path, &j->m, &j->e);
    return NULL;
}

/* One file of the run: what is known before checking it, then its
 * result, which the report takes in the order of the command line. */
struct item {
    const char *path;           /* as given; "-" is stdin */
    const char *name;           /* for messages and reports */
    char *shown;                /* name escaped for reports, or NULL */
    char *abs;                  /* absolute, for config, baseline and
                                   changes; NULL when unknown */
    struct settings set;        /* defaults, config, command line */
    const struct changed_file *changed;     /* with --changed-lines */
    int skip;                   /* --changed-lines: nothing changed */
    /* filled by check_item */
    struct document doc;        /* owns the text read */
    struct check_result r;
    struct err e;
    int rc;
};

/* What the whole run shares; read-only while files are checked. */
struct run {
    struct doc_read_options read;       /* format, headline, furniture,
                                           limits */
    const struct model *nli, *stance, *headline_model;
    struct check_options opt;   /* all and the fixed knobs */
    struct item *items;
    size_t n_items;
    /* used by emit only, in the caller's thread */
    struct check_report *rp;
    struct baseline *baseline, *write_baseline;
    int changed_lines;
    size_t errors;
    size_t n_failing;           /* findings at their file's fail level */
    int nomem;
    int report_failed;          /* the report is not whole: not kept */
    struct err report_e;
    struct progress progress;   /* files reported so far */
    int clear_progress;         /* the report shares the terminal */
};

/* The file of it as baseline b names it. */
static const char *baseline_key(const struct baseline *b,
                                const struct item *it)
{
    return it->abs ? baseline_name(b, it->abs) : it->name;
}

/* Read, parse and check one file: runs on a worker thread. */
static void check_item(void *ctx, size_t i)
{
    struct run *run = ctx;
    struct item *it = &run->items[i];
    struct check_options opt = run->opt;
    struct err *e = &it->e;

    document_init(&it->doc);
    check_result_init(&it->r);
    if (it->skip)
        return;
    settings_to_options(&it->set, &opt);
    opt.changed = it->changed;
    opt.baseline = run->baseline;
    opt.baseline_file = run->baseline ? baseline_key(run->baseline, it)
                                      : NULL;
    it->rc = doc_read(&it->doc, it->path, it->name, &run->read, e);
    if (it->rc)
        return;
    {
        struct check_models cm = { run->nli, run->headline_model,
                                   run->stance };
        it->rc = check_document(&cm, &it->doc, &opt, &it->r, e);
    }
}

/* Record (--write-baseline) the findings of a checked file, reported
 * and excused. */
static int record(struct baseline *b, const char *key,
                  const struct document *doc, const struct finding *f,
                  size_t n)
{
    for (size_t k = 0; k < n; k++) {
        size_t la, lb;
        const char *ta = doc_text(doc, f[k].a, &la),
                   *tb = doc_text(doc, f[k].b, &lb);
        if (f[k].severity >= SEVERITY_WARNING
            && baseline_add(b, key, f[k].fingerprint,
                            pair_kind_name(f[k].kind),
                            doc->st[f[k].b].pos.line, ta, la, tb, lb))
            return STATUS_NOMEM;
    }
    return 0;
}

/* Note what the baseline excused (for its stale entries), record
 * (--write-baseline) and report one checked file, then free it: runs in
 * order, in the main thread. */
static void emit_item(void *ctx, size_t i)
{
    struct run *run = ctx;
    struct item *it = &run->items[i];
    struct check_result *r = &it->r;

    if (run->clear_progress || it->rc || it->doc.warning)
        progress_clear(&run->progress);
    if (it->skip)
        goto done;
    if (it->rc) {
        cli_fail_err(&it->e);
        run->errors++;
        goto done;
    }
    if (it->doc.warning)
        fprintf(stderr, "gainsay: %s:%zu: warning: %s\n", it->name,
                it->doc.warning_line, it->doc.warning);
    if (run->baseline) {
        const char *key = baseline_key(run->baseline, it);
        baseline_checked(run->baseline, key);
        for (size_t k = 0; k < r->n_excused; k++)
            baseline_take(run->baseline, key, r->excused[k].fingerprint);
    }
    if (run->write_baseline) {
        const char *key = baseline_key(run->write_baseline, it);
        if (record(run->write_baseline, key, &it->doc, r->f, r->n)
            || record(run->write_baseline, key, &it->doc, r->excused,
                      r->n_excused))
            run->nomem = 1;
    }
    run->n_failing += r->n_failing;
    if (!run->report_failed
        && check_report_file(run->rp, &it->doc, r, run->stance,
                             &run->report_e))
        run->report_failed = 1;
done:
    check_result_clear(&it->r);
    document_clear(&it->doc);
    if (run->clear_progress)
        fflush(run->rp->fp);
    progress_update(&run->progress, i + 1,
                    (double)(i + 1) / (double)run->n_items);
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

int cmd_check(int argc, char **argv)
{
    struct check_args a;
    char nli_buf[4096], stance_buf[4096], headline_buf[4096],
         furniture_buf[4096], format_arg[128], format_help[1024],
         input_arg[128];
    struct model *nli = NULL, *stance = NULL, *headline = NULL;
    struct furniture *furniture = NULL;
    struct check_report rp;
    struct run run;
    struct err e = { 0 };
    struct ignore ig;
    struct config_cache cs = { 0 };
    struct changes changes = { 0 };
    struct atomic_file af = { 0 }, bf = { 0 };
    struct file_list fl = { 0 };
    int changes_loaded = 0, color, first, rc = EXIT_ERROR;
    const char *const stdin_only[] = { "-" };
    const char *const *files;
    size_t n_files;

    memset(&a, 0, sizeof a);
    doc_read_options_init(&a.read);
    a.jobs = parallel_ncpu() < 8 ? parallel_ncpu() : 8;
    format_usage(format_arg, sizeof format_arg, format_help,
                 sizeof format_help);
    input_format_usage(input_arg, sizeof input_arg);
    {
        struct cli_opt opts[] = {
            OPT_GROUP("Models and input:"),
            OPT_STRING('m', "model", &a.nli, "<file>", "sentence model "
                       "(default: models/nli.json next\nto gainsay, or in "
                       "the installed data directory)"),
            OPT_STRING(0, "stance-model", &a.stance, "<file>",
                       "stance model (default: models/stance.json)"),
            OPT_BOOL(0, "no-stance", &a.no_stance,
                     "skip the overall verdict"),
            OPT_STRING(0, "headline-model", &a.headline_model, "<file>",
                       "model for the headline against each body\n"
                       "sentence and quote, trained on news from body\n"
                       "labels (default: models/headline.json)"),
            OPT_BOOL(0, "no-headline-model", &a.no_headline_model,
                     "score those pairs with the sentence model"),
            OPT_STRING(0, "furniture", &a.furniture, "<file>",
                       "the learnt list of page furniture (default:\n"
                       "models/furniture.json)"),
            OPT_CALLBACK(0, "headline", &a.read.headline, opt_headline,
                         "<text>", "the headline; the whole input is the "
                         "body"),
            OPT_CHOICE(0, "input-format", &a.input_format, input_arg,
                       "how to read the articles\n(auto: by extension: "
                       ".md, .markdown, .mdown,\n.mkd; .html, .htm, "
                       ".xhtml; else text)"),
            OPT_STRING(0, "stdin-filename", &a.stdin_name, "<path>",
                       "the name of what comes on stdin: chooses the\n"
                       "parser, config and ignore rules, and names it\n"
                       "in the report"),
            OPT_SIZE(0, "max-size", &a.read.max_size, "<bytes>", 1,
                     (double)((size_t)1 << 40), "refuse larger articles "
                     "(default 10000000)"),
            OPT_GROUP("What is flagged (these also go in a config file, "
                      "without the dashes):"),
            OPT_SETTING('t', "threshold", &a.set, "<p>", "flag the "
                        "sentence model's pairs at or above p\n(default: "
                        "its calibrated threshold; 'model'\nrestores it)"),
            OPT_SETTING(0, "headline-threshold", &a.set, "<p>", "the same "
                        "for the headline model's pairs\n(default: its own "
                        "calibrated threshold)"),
            OPT_SETTING(0, "error-at", &a.set, "<p>", "findings with p >= "
                        "this are errors, the rest\nwarnings (default "
                        "0.8); pairs below the\nthreshold, shown with "
                        "--all, are notes"),
            OPT_SETTING(0, "fail-level", &a.set,
                        "(error|warning|note|none)", "which findings make "
                        "the exit\nstatus 1 (default warning)"),
            OPT_SETTING(0, "pairs", &a.set, "<kinds>", "which pairs to "
                        "score, comma-separated:\nheadline-sentence, "
                        "headline-quote,\nquote-quote, sentence-sentence, "
                        "all, none"),
            OPT_SETTING('n', "top", &a.set, "<n>", "report at most n "
                        "findings per article\n(0: all)"),
            OPT_BOOL(0, "all", &a.all,
                     "report every scored pair, flagged or not"),
            OPT_GROUP("Files and config:"),
            OPT_SIZE('j', "jobs", &a.jobs, "<n>", 1, 256, "check n files "
                     "at a time (default: the number\nof processors, at "
                     "most 8); the report keeps\nthe order of the files"),
            OPT_CALLBACK(0, "config", &a, opt_config, "<file>",
                         "use this config file for every file"),
            OPT_CALLBACK(0, "no-config", &a, opt_config, NULL,
                         "use no config file"),
            OPT_STRING(0, "print-config", &a.print_config, "<file>",
                       "print the settings that apply to file"),
            OPT_CALLBACK(0, "ignore-path", &a, opt_ignore, "<file>",
                         "ignore rules in gitignore syntax (default:\n"
                         IGNORE_NAME " in the current directory)"),
            OPT_CALLBACK(0, "no-ignore", &a, opt_ignore, NULL,
                         "no ignore file"),
            OPT_BOOL(0, "no-error-on-unmatched-pattern",
                     &a.walk.allow_empty, "a glob or directory without\n"
                     "articles is not an error"),
            OPT_GROUP("Reporting:"),
            OPT_CHOICE(0, "format", &a.format, format_arg, format_help),
            OPT_STRING(0, "output", &a.output, "<file>", "write the report "
                       "there (atomically); the exit\nstatus stays the "
                       "same"),
            OPT_STRING(0, "baseline", &a.baseline, "<file>",
                       "report only findings not recorded in file"),
            OPT_STRING(0, "write-baseline", &a.write_baseline, "<file>",
                       "record every finding in file (atomically) and\n"
                       "exit 0 unless something failed"),
            OPT_STRING(0, "changed-lines", &a.changed_base, "<rev>",
                       "report only findings with a statement on a\nline "
                       "changed since git revision rev (files\ngit does "
                       "not track count as all new)"),
            OPT_BOOL(0, "no-exit", &a.no_exit, "exit 0 even with findings"),
            OPT_BOOL('q', "quiet", &a.quiet, "no progress line on stderr "
                     "(shown on a\nterminal when checking many files)"),
            OPT_CHOICE(0, "color", &a.color, "(auto|always|never)",
                       "colours (auto: on a terminal, unless\nNO_COLOR is "
                       "set)"),
            OPT_ALIAS("colour", "color"),
            OPT_HELP(),
            OPT_END()
        };
        int got = cli_parse("check", opts, usage_text, usage_tail, argc,
                            argv, &first);
        if (got)
            return got > 0 ? cli_flush(EXIT_CLEAN) : EXIT_ERROR;
    }
    if (a.write_baseline && a.changed_base)
        return cli_usage("check", "--write-baseline records every finding: "
                         "it cannot be combined with --changed-lines");
    if (a.print_config)
        return print_config(a.print_config, a.config, a.no_config, &a.set);
    memset(&run, 0, sizeof run);
    run.read = a.read;
    run.read.format = a.input_format ? &doc_formats[a.input_format - 1]
                                     : NULL;
    check_options_default(&run.opt);
    run.opt.all = a.all;
    color = a.color == 0 ? isatty(1) && !getenv("NO_COLOR") : a.color == 1;
    ignore_init(&ig);

    /* the files, and what each of them is checked with */
    if (!a.no_ignore) {
        const char *p = a.ignore_path ? a.ignore_path : IGNORE_NAME;
        if (a.ignore_path || access(p, F_OK) == 0) {
            if (ignore_load(&ig, p, &e)) {
                rc = cli_fail_err(&e);
                goto out;
            }
            a.walk.ignore = &ig;
        }
    }
    files = first < argc ? (const char *const *)argv + first : stdin_only;
    n_files = first < argc ? (size_t)(argc - first) : 1;
    if (files_expand(files, n_files, &a.walk, &fl, &e)) {
        rc = cli_fail_err(&e);
        goto out;
    }
    if (a.stdin_name && a.walk.ignore) {
        /* an ignored --stdin-filename is not checked, as a path would not be */
        char *abs = path_absolute(a.stdin_name);
        int skip = abs && ignore_path(&ig, abs, 0);
        free(abs);
        for (size_t i = 0; skip && i < fl.n; i++)
            if (strcmp(fl.path[i], "-") == 0)
                fl.path[i][0] = '\0';
    }
    if (a.baseline && baseline_load(&run.baseline, a.baseline, &e)) {
        rc = cli_fail_err(&e);
        goto out;
    }
    if (a.write_baseline
        && !(run.write_baseline = baseline_alloc(a.write_baseline))) {
        rc = cli_fail("%s: cannot write a baseline there",
                      a.write_baseline);
        goto out;
    }
    run.changed_lines = a.changed_base != NULL;
    if (!(run.items = calloc(fl.n ? fl.n : 1, sizeof *run.items))) {
        rc = cli_fail("out of memory");
        goto out;
    }
    for (size_t i = 0; i < fl.n; i++) {
        struct item *it = &run.items[run.n_items];
        int is_stdin = strcmp(fl.path[i], "-") == 0;
        if (!fl.path[i][0])
            continue;           /* ignored stdin */
        run.n_items++;
        it->path = fl.path[i];
        it->name = utf8_display_name(is_stdin ? a.stdin_name ? a.stdin_name
                                     : "<stdin>" : it->path, &it->shown);
        it->abs = is_stdin ? a.stdin_name ? path_absolute(a.stdin_name) : NULL
                           : path_absolute(it->path);
        if (config_cache_settings(&cs, a.config, a.no_config, it->abs, &a.set,
                         &it->set, NULL, &e)) {
            rc = cli_fail_err(&e);
            goto out;
        }
        if (a.changed_base && !changes_loaded) {
            /* the repository is the one holding the first file */
            char *dir = it->abs ? path_dirname(it->abs) : getcwd(NULL, 0);
            rc = dir ? changes_from_git(&changes, a.changed_base, dir, &e)
                     : err_set(&e, STATUS_NOMEM, "out of memory");
            free(dir);
            if (rc) {
                rc = cli_fail_err(&e);
                goto out;
            }
            changes_loaded = 1;
        }
        if (a.changed_base) {
            it->changed = it->abs ? changes_find(&changes, it->abs) : NULL;
            it->skip = !it->changed;
        }
    }

    /* the models, side by side */
    if (!a.nli)
        a.nli = cli_default_model("nli.json", nli_buf, sizeof nli_buf);
    if (!a.stance && !a.no_stance)
        a.stance = cli_default_model("stance.json", stance_buf,
                                        sizeof stance_buf);
    if (!a.headline_model && !a.no_headline_model)
        a.headline_model = cli_default_model("headline.json", headline_buf,
                                          sizeof headline_buf);
    blas_set_threads(1);
    {
        struct load_job job[2] = { { a.stance, NULL, { 0 }, 0 },
                                   { a.headline_model, NULL, { 0 }, 0 } };
        pthread_t t[2];
        int want[2] = { !a.no_stance, !a.no_headline_model }, threaded[2];
        for (int k = 0; k < 2; k++) {
            threaded[k] = want[k] && pthread_create(&t[k], NULL,
                                                    load_model_job,
                                                    &job[k]) == 0;
            if (want[k] && !threaded[k])
                load_model_job(&job[k]);
        }
        rc = model_load(a.nli, &nli, &e);
        for (int k = 0; k < 2; k++)
            if (threaded[k])
                pthread_join(t[k], NULL);
        stance = job[0].m;
        headline = job[1].m;
        if (rc || job[0].rc || job[1].rc) {
            rc = cli_fail_err(rc ? &e : job[0].rc ? &job[0].e : &job[1].e);
            goto out;
        }
    }
    run.nli = nli;
    run.stance = stance;
    run.headline_model = headline;
    /* the learnt furniture list: small, loaded like a model */
    if (!a.furniture)
        a.furniture = cli_default_model("furniture.json", furniture_buf,
                                           sizeof furniture_buf);
    if (furniture_load(a.furniture, &furniture, &e)) {
        rc = cli_fail_err(&e);
        goto out;
    }
    run.read.furniture = furniture;

    {
        /* outputs never replace an article, a model or each other */
        const char *outs[] = { a.output, a.write_baseline };
        const char *models[] = { a.nli, a.stance, a.furniture };
        if (file_check_outputs(outs, 2, (const char *const *)fl.path, fl.n,
                               &e)
            || file_check_outputs(outs, 2, models, 3, &e)) {
            rc = cli_fail_err(&e);
            goto out;
        }
    }
    if (a.output) {
        if (file_open_atomic(&af, a.output, &e)) {
            rc = cli_fail_err(&e);
            goto out;
        }
        color = 0;
    }
    if (check_report_begin(&rp, a.output ? af.fp : stdout, &report_formats[a.format], color,
                           &e)) {
        rc = cli_fail_err(&e);
        goto out;
    }
    run.rp = &rp;
    rp.quiet = run.n_items > 1;
    progress_begin(&run.progress, run.n_items > 1 && progress_wanted(a.quiet),
                   "check", "files");
    run.clear_progress = !a.output && isatty(1);
    if (parallel_ordered(run.n_items, a.jobs, 4 * a.jobs, check_item, emit_item,
                         &run) != 0)
        parallel_ordered(run.n_items, 1, 1, check_item, emit_item, &run);
    progress_clear(&run.progress);
    /* a report short of a file is an error, and is not committed */
    if (check_report_end(&rp, &e) || run.report_failed) {
        rc = cli_fail_err(run.report_failed ? &run.report_e : &e);
        goto out;
    }
    if (run.nomem) {
        rc = cli_fail("out of memory");
        goto out;
    }
    if (a.output && file_commit(&af, &e)) {
        rc = cli_fail_err(&e);
        goto out;
    }
    if (run.write_baseline) {
        if (file_open_atomic(&bf, a.write_baseline, &e)
            || baseline_write(run.write_baseline, bf.fp, &e)
            || file_commit(&bf, &e)) {
            rc = cli_fail_err(&e);
            goto out;
        }
        fprintf(stderr, "gainsay: %zu finding%s recorded in %s\n",
                run.write_baseline->n, run.write_baseline->n == 1 ? "" : "s",
                a.write_baseline);
    }
    if (run.baseline && !run.changed_lines && baseline_stale(run.baseline))
        fprintf(stderr, "gainsay: %zu finding%s in %s no longer occur%s; "
                "--write-baseline %s records the findings as they are now\n",
                baseline_stale(run.baseline),
                baseline_stale(run.baseline) == 1 ? "" : "s", a.baseline,
                baseline_stale(run.baseline) == 1 ? "s" : "", a.baseline);
    /* --output never changes the exit status; a new baseline accepts what
     * it records */
    rc = cli_flush(run.errors ? EXIT_ERROR
                   : run.n_failing && !a.no_exit && !run.write_baseline
                   ? EXIT_FINDINGS : EXIT_CLEAN);
out:
    if (af.fp)
        file_abort(&af);
    if (bf.fp)
        file_abort(&bf);
    for (size_t i = 0; run.items && i < run.n_items; i++) {
        free(run.items[i].abs);
        free(run.items[i].shown);
    }
    free(run.items);
    baseline_free(run.baseline);
    baseline_free(run.write_baseline);
    changes_clear(&changes);
    config_cache_clear(&cs);
    ignore_clear(&ig);
    file_list_clear(&fl);
    model_free(nli);
    model_free(stance);
    model_free(headline);
    furniture_free(furniture);
    return rc;
}

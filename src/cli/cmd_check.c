/* cmd_check.c - gainsay check: find where an article contradicts itself. */
#include <getopt.h>
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

static const char usage_options[] =
"\n"
"Models and input:\n"
"  -m, --model=<file>          sentence model (default: models/nli.json next\n"
"                              to gainsay, or in the installed data directory)\n"
"      --stance-model=<file>   stance model (default: models/stance.json)\n"
"      --no-stance             skip the overall verdict\n"
"      --headline-model=<file> model for the headline against each body\n"
"                              sentence and quote, trained on news from body\n"
"                              labels (default: models/headline.json)\n"
"      --no-headline-model     score those pairs with the sentence model\n"
"      --furniture=<file>      the learnt list of page furniture (default:\n"
"                              models/furniture.json)\n"
"      --headline=<text>       the headline; the whole input is the body\n"
"      --input-format=(auto|text|markdown|html)  how to read the articles\n"
"                              (auto: by extension: .md, .markdown, .mdown,\n"
"                              .mkd; .html, .htm, .xhtml; else text)\n"
"      --stdin-filename=<path> the name of what comes on stdin: chooses the\n"
"                              parser, config and ignore rules, and names it\n"
"                              in the report\n"
"      --max-size=<bytes>      refuse larger articles (default 10000000)\n"
"\n"
"What is flagged (these also go in a config file, without the dashes):\n"
"  -t, --threshold=<p>         flag the sentence model's pairs at or above p\n"
"                              (default: its calibrated threshold; 'model'\n"
"                              restores it)\n"
"      --headline-threshold=<p> the same for the headline model's pairs\n"
"                              (default: its own calibrated threshold)\n"
"      --error-at=<p>          findings with p >= this are errors, the rest\n"
"                              warnings (default 0.8); pairs below the\n"
"                              threshold, shown with --all, are notes\n"
"      --fail-level=(error|warning|note|none)  which findings make the exit\n"
"                              status 1 (default warning)\n"
"      --pairs=<kinds>         which pairs to score, comma-separated:\n"
"                              headline-sentence, headline-quote,\n"
"                              quote-quote, sentence-sentence, all, none\n"
"  -n, --top=<n>               report at most n findings per article\n"
"                              (0: all)\n"
"      --all                   report every scored pair, flagged or not\n"
"\n"
"Files and config:\n"
"  -j, --jobs=<n>              check n files at a time (default: the number\n"
"                              of processors, at most 8); the report keeps\n"
"                              the order of the files\n"
"      --config=<file>         use this config file for every file\n"
"      --no-config             use no config file\n"
"      --print-config=<file>   print the settings that apply to file\n"
"      --ignore-path=<file>    ignore rules in gitignore syntax (default:\n"
"                              .gainsayignore in the current directory)\n"
"      --no-ignore             no ignore file\n"
"      --no-error-on-unmatched-pattern  a glob or directory without\n"
"                              articles is not an error\n"
"\n";

static const char usage_reporting[] = "Reporting:\n";

static const char usage_more[] =
"      --output=<file>         write the report there (atomically); the exit\n"
"                              status stays the same\n"
"      --baseline=<file>       report only findings not recorded in file\n"
"      --write-baseline=<file> record every finding in file (atomically) and\n"
"                              exit 0 unless something failed\n"
"      --changed-lines=<rev>   report only findings with a statement on a\n"
"                              line changed since git revision rev (files\n"
"                              git does not track count as all new)\n"
"      --no-exit               exit 0 even with findings\n"
"  -q, --quiet                 no progress line on stderr (shown on a\n"
"                              terminal when checking many files)\n"
"      --color=(auto|always|never)  colours (auto: on a terminal, unless\n"
"                              NO_COLOR is set)\n"
"  -h, --help                  this text\n"
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

/* --format's lines of the usage text, from the table of formats. */
static void print_formats(FILE *fp)
{
    fputs("      --format=(", fp);
    for (const struct report_format *f = report_formats; f->name; f++)
        fprintf(fp, "%s%s", f == report_formats ? "" : "|", f->name);
    fprintf(fp, ")\n%30sthe report (default %s):\n", "",
            report_formats[0].name ? report_formats[0].name : "none");
    for (const struct report_format *f = report_formats; f->name; f++) {
        const char *h = f->help;
        fprintf(fp, "%32s%-8s", "", f->name);
        while (*h) {
            size_t n = strcspn(h, "\n");
            fprintf(fp, "%.*s\n", (int)n, h);
            h += n;
            if (*h == '\n' && *++h)
                fprintf(fp, "%40s", "");
        }
    }
}

/* "auto, text, markdown or html", from the table of article formats. */
static void input_format_names(char *buf, size_t size)
{
    size_t at = 0;

    snprintf(buf, size, "auto");
    at = strlen(buf);
    for (size_t k = 0; k < DOC_N_FORMATS && at < size; k++) {
        snprintf(buf + at, size - at, "%s%s", k + 1 < DOC_N_FORMATS ? ", "
                 : " or ", doc_formats[k].name);
        at += strlen(buf + at);
    }
}

/* "text, json, ... or html", from the table, for a usage message. */
static void format_names(char *buf, size_t size)
{
    size_t at = 0;

    buf[0] = '\0';
    for (const struct report_format *f = report_formats;
         f->name && at < size; f++) {
        snprintf(buf + at, size - at, "%s%s", f == report_formats ? ""
                 : f[1].name ? ", " : " or ", f->name);
        at += strlen(buf + at);
    }
}

#define IGNORE_NAME ".gainsayignore"

enum { OPT_STANCE = 256, OPT_NO_STANCE, OPT_HEADLINE_MODEL,
       OPT_NO_HEADLINE_MODEL, OPT_HEADLINE, OPT_ALL, OPT_FORMAT,
       OPT_COLOR, OPT_MAX_SIZE, OPT_INPUT, OPT_OUTPUT, OPT_NO_EXIT,
       OPT_ERROR_AT, OPT_FAIL_LEVEL, OPT_PAIRS, OPT_CONFIG, OPT_NO_CONFIG,
       OPT_PRINT_CONFIG, OPT_IGNORE_PATH, OPT_NO_IGNORE, OPT_NO_UNMATCHED,
       OPT_STDIN_NAME, OPT_BASELINE, OPT_WRITE_BASELINE, OPT_CHANGED,
       OPT_FURNITURE, OPT_HEADLINE_THRESHOLD };

static const struct option long_opts[] = {
    { "model", required_argument, NULL, 'm' },
    { "stance-model", required_argument, NULL, OPT_STANCE },
    { "no-stance", no_argument, NULL, OPT_NO_STANCE },
    { "headline-model", required_argument, NULL, OPT_HEADLINE_MODEL },
    { "no-headline-model", no_argument, NULL, OPT_NO_HEADLINE_MODEL },
    { "furniture", required_argument, NULL, OPT_FURNITURE },
    { "headline", required_argument, NULL, OPT_HEADLINE },
    { "threshold", required_argument, NULL, 't' },
    { "headline-threshold", required_argument, NULL, OPT_HEADLINE_THRESHOLD },
    { "top", required_argument, NULL, 'n' },
    { "all", no_argument, NULL, OPT_ALL },
    { "format", required_argument, NULL, OPT_FORMAT },
    { "color", required_argument, NULL, OPT_COLOR },
    { "colour", required_argument, NULL, OPT_COLOR },
    { "max-size", required_argument, NULL, OPT_MAX_SIZE },
    { "input-format", required_argument, NULL, OPT_INPUT },
    { "output", required_argument, NULL, OPT_OUTPUT },
    { "no-exit", no_argument, NULL, OPT_NO_EXIT },
    { "error-at", required_argument, NULL, OPT_ERROR_AT },
    { "fail-level", required_argument, NULL, OPT_FAIL_LEVEL },
    { "pairs", required_argument, NULL, OPT_PAIRS },
    { "jobs", required_argument, NULL, 'j' },
    { "config", required_argument, NULL, OPT_CONFIG },
    { "no-config", no_argument, NULL, OPT_NO_CONFIG },
    { "print-config", required_argument, NULL, OPT_PRINT_CONFIG },
    { "ignore-path", required_argument, NULL, OPT_IGNORE_PATH },
    { "no-ignore", no_argument, NULL, OPT_NO_IGNORE },
    { "no-error-on-unmatched-pattern", no_argument, NULL, OPT_NO_UNMATCHED },
    { "stdin-filename", required_argument, NULL, OPT_STDIN_NAME },
    { "baseline", required_argument, NULL, OPT_BASELINE },
    { "write-baseline", required_argument, NULL, OPT_WRITE_BASELINE },
    { "changed-lines", required_argument, NULL, OPT_CHANGED },
    { "quiet", no_argument, NULL, 'q' },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 }
};

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
    const char *nli_path = NULL, *stance_path = NULL, *output = NULL,
               *headline_path = NULL;
    const char *config_path = NULL, *print_path = NULL, *ignore_file = NULL;
    const char *furniture_path = NULL;
    const char *stdin_name = NULL, *baseline_path = NULL,
               *write_baseline_path = NULL, *changed_base = NULL;
    char nli_buf[4096], stance_buf[4096], headline_buf[4096],
         furniture_buf[4096], msg[400];
    struct model *nli = NULL, *stance = NULL, *headline = NULL;
    struct furniture *furniture = NULL;
    struct check_report rp;
    struct run run;
    struct settings cli;
    struct err e = { 0 };
    struct ignore ig;
    struct config_cache cs = { 0 };
    struct changes changes = { 0 };
    struct atomic_file af = { 0 }, bf = { 0 };
    struct file_list fl = { 0 };
    struct walk_options wo = { NULL, 0 };
    int no_headline = 0;
    int color = -1, no_stance = 0, no_exit = 0, no_config = 0, no_ignore = 0,
        changes_loaded = 0, quiet = 0, c, rc = EXIT_ERROR;
    const struct report_format *format = &report_formats[0];
    size_t jobs = parallel_ncpu();
    const char *const stdin_only[] = { "-" };
    const char *const *files;
    size_t n_files;

    memset(&run, 0, sizeof run);
    doc_read_options_init(&run.read);
    check_options_default(&run.opt);
    memset(&cli, 0, sizeof cli);
    ignore_init(&ig);
    if (jobs > 8)
        jobs = 8;
    optind = 1;
    while ((c = getopt_long(argc, argv, "m:t:n:j:qh", long_opts, NULL))
           != -1) {
        const char *key = NULL;
        switch (c) {
        case 'm': nli_path = optarg; break;
        case OPT_STANCE: stance_path = optarg; break;
        case OPT_NO_STANCE: no_stance = 1; break;
        case OPT_HEADLINE_MODEL: headline_path = optarg; break;
        case OPT_NO_HEADLINE_MODEL: no_headline = 1; break;
        case OPT_FURNITURE: furniture_path = optarg; break;
        case OPT_HEADLINE: run.read.headline = optarg; break;
        case 't': key = "threshold"; break;
        case OPT_HEADLINE_THRESHOLD: key = "headline-threshold"; break;
        case 'n': key = "top"; break;
        case OPT_ERROR_AT: key = "error-at"; break;
        case OPT_FAIL_LEVEL: key = "fail-level"; break;
        case OPT_PAIRS: key = "pairs"; break;
        case OPT_ALL: run.opt.all = 1; break;
        case OPT_FORMAT:
            if (!(format = report_format_find(optarg))) {
                format_names(msg, sizeof msg);
                return cli_usage("check", "--format expects %s, got '%s'",
                                 msg, optarg);
            }
            break;
        case OPT_OUTPUT: output = optarg; break;
        case OPT_NO_EXIT: no_exit = 1; break;
        case OPT_COLOR:
            if (strcmp(optarg, "auto") == 0)
                color = -1;
            else if (strcmp(optarg, "always") == 0)
                color = 1;
            else if (strcmp(optarg, "never") == 0)
                color = 0;
            else
                return cli_usage("check", "--color expects auto, always or "
                                 "never");
            break;
        case OPT_INPUT:
            /* auto: by the name's extension, else text */
            run.read.format = strcmp(optarg, "auto") == 0 ? NULL
                              : doc_format_named(optarg);
            if (!run.read.format && strcmp(optarg, "auto") != 0) {
                input_format_names(msg, sizeof msg);
                return cli_usage("check", "--input-format expects %s",
                                 msg);
            }
            break;
        case OPT_MAX_SIZE:
            if (cli_size("check", "max-size", optarg, 1, (size_t)1 << 40,
                         &run.read.max_size))
                return EXIT_ERROR;
            break;
        case 'j':
            if (cli_size("check", "jobs", optarg, 1, 256, &jobs))
                return EXIT_ERROR;
            break;
        case OPT_CONFIG: config_path = optarg; no_config = 0; break;
        case OPT_NO_CONFIG: no_config = 1; config_path = NULL; break;
        case OPT_PRINT_CONFIG: print_path = optarg; break;
        case OPT_IGNORE_PATH: ignore_file = optarg; no_ignore = 0; break;
        case OPT_NO_IGNORE: no_ignore = 1; break;
        case OPT_NO_UNMATCHED: wo.allow_empty = 1; break;
        case OPT_STDIN_NAME: stdin_name = optarg; break;
        case OPT_BASELINE: baseline_path = optarg; break;
        case OPT_WRITE_BASELINE: write_baseline_path = optarg; break;
        case OPT_CHANGED: changed_base = optarg; break;
        case 'q': quiet = 1; break;
        case 'h':
            fputs(usage_text, stdout);
            fputs(usage_options, stdout);
            fputs(usage_reporting, stdout);
            print_formats(stdout);
            fputs(usage_more, stdout);
            return cli_flush(EXIT_CLEAN);
        default:
            return cli_usage("check", "bad option");
        }
        if (key && settings_set(&cli, key, optarg, &e))
            return cli_usage("check", "--%s", e.msg);
    }
    if (run.read.headline
        && utf8_check(run.read.headline, strlen(run.read.headline))
           < strlen(run.read.headline))
        return cli_usage("check", "--headline is not valid UTF-8");
    if (run.read.headline
        && run.read.headline[strspn(run.read.headline, " \t\r\n")] == '\0')
        return cli_usage("check", "--headline is empty");
    if (write_baseline_path && changed_base)
        return cli_usage("check", "--write-baseline records every finding: "
                         "it cannot be combined with --changed-lines");
    if (print_path)
        return print_config(print_path, config_path, no_config, &cli);
    if (color < 0)
        color = isatty(1) && !getenv("NO_COLOR");

    /* the files, and what each of them is checked with */
    if (!no_ignore) {
        const char *p = ignore_file ? ignore_file : IGNORE_NAME;
        if (ignore_file || access(p, F_OK) == 0) {
            if (ignore_load(&ig, p, &e)) {
                rc = cli_fail_err(&e);
                goto out;
            }
            wo.ignore = &ig;
        }
    }
    files = optind < argc ? (const char *const *)argv + optind : stdin_only;
    n_files = optind < argc ? (size_t)(argc - optind) : 1;
    if (files_expand(files, n_files, &wo, &fl, &e)) {
        rc = cli_fail_err(&e);
        goto out;
    }
    if (stdin_name && wo.ignore) {
        /* an ignored --stdin-filename is not checked, as a path would not be */
        char *abs = path_absolute(stdin_name);
        int skip = abs && ignore_path(&ig, abs, 0);
        free(abs);
        for (size_t i = 0; skip && i < fl.n; i++)
            if (strcmp(fl.path[i], "-") == 0)
                fl.path[i][0] = '\0';
    }
    if (baseline_path && baseline_load(&run.baseline, baseline_path, &e)) {
        rc = cli_fail_err(&e);
        goto out;
    }
    if (write_baseline_path
        && !(run.write_baseline = baseline_alloc(write_baseline_path))) {
        rc = cli_fail("%s: cannot write a baseline there",
                      write_baseline_path);
        goto out;
    }
    run.changed_lines = changed_base != NULL;
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
        it->name = utf8_display_name(is_stdin ? stdin_name ? stdin_name
                                     : "<stdin>" : it->path, &it->shown);
        it->abs = is_stdin ? stdin_name ? path_absolute(stdin_name) : NULL
                           : path_absolute(it->path);
        if (config_cache_settings(&cs, config_path, no_config, it->abs, &cli,
                         &it->set, NULL, &e)) {
            rc = cli_fail_err(&e);
            goto out;
        }
        if (changed_base && !changes_loaded) {
            /* the repository is the one holding the first file */
            char *dir = it->abs ? path_dirname(it->abs) : getcwd(NULL, 0);
            rc = dir ? changes_from_git(&changes, changed_base, dir, &e)
                     : err_set(&e, STATUS_NOMEM, "out of memory");
            free(dir);
            if (rc) {
                rc = cli_fail_err(&e);
                goto out;
            }
            changes_loaded = 1;
        }
        if (changed_base) {
            it->changed = it->abs ? changes_find(&changes, it->abs) : NULL;
            it->skip = !it->changed;
        }
    }

    /* the models, side by side */
    if (!nli_path)
        nli_path = cli_default_model("nli.json", nli_buf, sizeof nli_buf);
    if (!stance_path && !no_stance)
        stance_path = cli_default_model("stance.json", stance_buf,
                                        sizeof stance_buf);
    if (!headline_path && !no_headline)
        headline_path = cli_default_model("headline.json", headline_buf,
                                          sizeof headline_buf);
    blas_set_threads(1);
    {
        struct load_job job[2] = { { stance_path, NULL, { 0 }, 0 },
                                   { headline_path, NULL, { 0 }, 0 } };
        pthread_t t[2];
        int want[2] = { !no_stance, !no_headline }, threaded[2];
        for (int k = 0; k < 2; k++) {
            threaded[k] = want[k] && pthread_create(&t[k], NULL,
                                                    load_model_job,
                                                    &job[k]) == 0;
            if (want[k] && !threaded[k])
                load_model_job(&job[k]);
        }
        rc = model_load(nli_path, &nli, &e);
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
    if (!furniture_path)
        furniture_path = cli_default_model("furniture.json", furniture_buf,
                                           sizeof furniture_buf);
    if (furniture_load(furniture_path, &furniture, &e)) {
        rc = cli_fail_err(&e);
        goto out;
    }
    run.read.furniture = furniture;

    {
        /* outputs never replace an article, a model or each other */
        const char *outs[] = { output, write_baseline_path };
        const char *models[] = { nli_path, stance_path, furniture_path };
        if (file_check_outputs(outs, 2, (const char *const *)fl.path, fl.n,
                               &e)
            || file_check_outputs(outs, 2, models, 3, &e)) {
            rc = cli_fail_err(&e);
            goto out;
        }
    }
    if (output) {
        if (file_open_atomic(&af, output, &e)) {
            rc = cli_fail_err(&e);
            goto out;
        }
        color = 0;
    }
    if (check_report_begin(&rp, output ? af.fp : stdout, format, color,
                           &e)) {
        rc = cli_fail_err(&e);
        goto out;
    }
    run.rp = &rp;
    rp.quiet = run.n_items > 1;
    progress_begin(&run.progress, run.n_items > 1 && progress_wanted(quiet),
                   "check", "files");
    run.clear_progress = !output && isatty(1);
    if (parallel_ordered(run.n_items, jobs, 4 * jobs, check_item, emit_item,
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
    if (output && file_commit(&af, &e)) {
        rc = cli_fail_err(&e);
        goto out;
    }
    if (run.write_baseline) {
        if (file_open_atomic(&bf, write_baseline_path, &e)
            || baseline_write(run.write_baseline, bf.fp, &e)
            || file_commit(&bf, &e)) {
            rc = cli_fail_err(&e);
            goto out;
        }
        fprintf(stderr, "gainsay: %zu finding%s recorded in %s\n",
                run.write_baseline->n, run.write_baseline->n == 1 ? "" : "s",
                write_baseline_path);
    }
    if (run.baseline && !run.changed_lines && baseline_stale(run.baseline))
        fprintf(stderr, "gainsay: %zu finding%s in %s no longer occur%s; "
                "--write-baseline %s records the findings as they are now\n",
                baseline_stale(run.baseline),
                baseline_stale(run.baseline) == 1 ? "" : "s", baseline_path,
                baseline_stale(run.baseline) == 1 ? "s" : "", baseline_path);
    /* --output never changes the exit status; a new baseline accepts what
     * it records */
    rc = cli_flush(run.errors ? EXIT_ERROR
                   : run.n_failing && !no_exit && !run.write_baseline
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

/* cmd_check.c - gainsay check: find where an article contradicts itself. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "base/file.h"
#include "check/check.h"
#include "cli/cli.h"
#include "doc/document.h"
#include "doc/html.h"
#include "doc/markdown.h"
#include "io/model_json.h"
#include "model/blas_threads.h"
#include "report/check_report.h"
#include "text/utf8.h"

static const char usage_text[] =
"usage: gainsay check [<options>] [<article>|<directory>...|-]\n"
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
"the score.\n"
"\n"
"  -m, --model=<file>          sentence model (default: models/nli.json next\n"
"                              to gainsay, or in the installed data directory)\n"
"      --stance-model=<file>   stance model (default: models/stance.json)\n"
"      --no-stance             skip the overall verdict\n"
"      --headline=<text>       the headline; the whole input is the body\n"
"      --input-format=(auto|text|markdown|html)  how to read the articles\n"
"                              (auto: by extension: .md, .markdown; .html,\n"
"                              .htm; else text)\n"
"  -t, --threshold=<p>         flag at or above p (default: the model's\n"
"                              calibrated threshold)\n"
"  -n, --top=<n>               report at most n findings per article\n"
"      --all                   report every scored pair, flagged or not\n"
"      --format=<fmt>          text (default), json, line, github, sarif or\n"
"                              gitlab.  json has a versioned schema\n"
"                              (\"gainsay-check\" version 1);\n"
"                              line is path:line:col: severity: message;\n"
"                              github is GitHub Actions workflow commands;\n"
"                              sarif is SARIF 2.1.0 (rules, levels, related\n"
"                              locations, partial fingerprints); gitlab is\n"
"                              GitLab code quality (Code Climate JSON)\n"
"      --output=<file>         write the report there (atomically); the exit\n"
"                              status stays the same\n"
"      --error-at=<p>          findings with p >= this are errors, the rest\n"
"                              warnings (default 0.8); pairs below the\n"
"                              threshold, shown with --all, are notes\n"
"      --fail-level=(error|warning|note|none)  which findings make the exit\n"
"                              status 1 (default warning)\n"
"      --no-exit               exit 0 even with findings\n"
"      --color=(auto|always|never)  colours (auto: on a terminal, unless\n"
"                              NO_COLOR is set)\n"
"      --max-size=<bytes>      refuse larger articles (default 10000000)\n"
"  -h, --help                  this text\n"
"\n"
"Directories are walked recursively for .md, .markdown, .html, .htm and\n"
".txt files, skipping .git and node_modules.\n"
"\n"
"exit status: 0 no finding at or above the fail level; 1 findings; 2 usage,\n"
"input or model error.\n";

enum { OPT_STANCE = 256, OPT_NO_STANCE, OPT_HEADLINE, OPT_ALL, OPT_FORMAT,
       OPT_COLOR, OPT_MAX_SIZE, OPT_INPUT, OPT_OUTPUT, OPT_NO_EXIT,
       OPT_ERROR_AT, OPT_FAIL_LEVEL };

static const struct option long_opts[] = {
    { "model", required_argument, NULL, 'm' },
    { "stance-model", required_argument, NULL, OPT_STANCE },
    { "no-stance", no_argument, NULL, OPT_NO_STANCE },
    { "headline", required_argument, NULL, OPT_HEADLINE },
    { "threshold", required_argument, NULL, 't' },
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
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 }
};

/* The files to check: paths as given, directories walked recursively
 * (sorted, skipping .git and node_modules and files of other types). */
struct file_list {
    char **path;
    size_t n, cap;
};

static void file_list_clear(struct file_list *fl)
{
    for (size_t i = 0; i < fl->n; i++)
        free(fl->path[i]);
    free(fl->path);
    memset(fl, 0, sizeof *fl);
}

static int file_list_add(struct file_list *fl, const char *p)
{
    if (fl->n == fl->cap) {
        size_t cap = fl->cap ? fl->cap * 2 : 16;
        char **g = realloc(fl->path, cap * sizeof *g);
        if (!g)
            return -1;
        fl->path = g;
        fl->cap = cap;
    }
    fl->path[fl->n] = malloc(strlen(p) + 1);
    if (!fl->path[fl->n])
        return -1;
    strcpy(fl->path[fl->n++], p);
    return 0;
}

static int checkable(const char *name)
{
    static const char *const ext[] = { ".md", ".markdown", ".mdown", ".mkd",
                                       ".html", ".htm", ".xhtml", ".txt" };
    const char *dot = strrchr(name, '.');

    for (size_t i = 0; dot && i < sizeof ext / sizeof *ext; i++)
        if (strcmp(dot, ext[i]) == 0)
            return 1;
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk(const char *dir, struct file_list *fl, int depth,
                struct err *e)
{
    DIR *d;
    struct dirent *ent;
    struct file_list here = { 0 };
    int rc = 0;

    if (depth > 64)
        return err_set(e, STATUS_IO, "%s: directories nested too deep", dir);
    if (!(d = opendir(dir)))
        return err_set(e, STATUS_IO, "%s: %s", dir, strerror(errno));
    while ((ent = readdir(d)) != NULL) {
        const char *n = ent->d_name;
        char *p;
        if (strcmp(n, ".") == 0 || strcmp(n, "..") == 0
            || strcmp(n, ".git") == 0 || strcmp(n, "node_modules") == 0)
            continue;
        p = malloc(strlen(dir) + strlen(n) + 2);
        if (!p) {
            rc = err_set(e, STATUS_NOMEM, "out of memory");
            break;
        }
        sprintf(p, "%s/%s", dir, n);
        rc = file_list_add(&here, p) ? err_set(e, STATUS_NOMEM,
                                               "out of memory") : 0;
        free(p);
        if (rc)
            break;
    }
    closedir(d);
    if (here.n > 1)
        qsort(here.path, here.n, sizeof *here.path, by_name);
    for (size_t i = 0; !rc && i < here.n; i++) {
        struct stat st;
        if (stat(here.path[i], &st) != 0)
            continue;           /* a dangling link */
        if (S_ISDIR(st.st_mode))
            rc = walk(here.path[i], fl, depth + 1, e);
        else if (S_ISREG(st.st_mode) && checkable(here.path[i])
                 && file_list_add(fl, here.path[i]))
            rc = err_set(e, STATUS_NOMEM, "out of memory");
    }
    file_list_clear(&here);
    return rc;
}

static int expand_paths(const char *const *paths, size_t n,
                        struct file_list *fl, struct err *e)
{
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (strcmp(paths[i], "-") != 0 && stat(paths[i], &st) == 0
            && S_ISDIR(st.st_mode)) {
            size_t before = fl->n;
            int rc = walk(paths[i], fl, 0, e);
            if (rc)
                return rc;
            if (fl->n == before)
                return err_set(e, STATUS_USAGE, "%s: no Markdown, HTML or "
                               "text files in this directory", paths[i]);
        } else if (file_list_add(fl, paths[i])) {
            return err_set(e, STATUS_NOMEM, "out of memory");
        }
    }
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

/* Most quotations one article may have: quote-quote pairs grow with the
 * square of their number. */
#define MAX_QUOTES 1000

enum input_format { INPUT_AUTO, INPUT_TEXT, INPUT_MARKDOWN, INPUT_HTML };

/* The parser: --input-format, else the name's extension. */
static enum input_format format_of(const char *path, enum input_format f)
{
    const char *dot = strrchr(path, '.');

    if (f != INPUT_AUTO)
        return f;
    if (dot && (strcmp(dot, ".md") == 0 || strcmp(dot, ".markdown") == 0
                || strcmp(dot, ".mdown") == 0 || strcmp(dot, ".mkd") == 0))
        return INPUT_MARKDOWN;
    if (dot && (strcmp(dot, ".html") == 0 || strcmp(dot, ".htm") == 0
                || strcmp(dot, ".xhtml") == 0))
        return INPUT_HTML;
    return INPUT_TEXT;
}

static int check_one(const char *path, enum input_format input,
                     const char *headline, size_t max_size,
                     const struct model *nli, const struct model *stance,
                     const struct check_options *opt,
                     struct check_report *rp, struct err *e)
{
    const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
    char *text = NULL;
    size_t len, bad, n_quotes = 0;
    struct document doc;
    struct check_result r;
    int rc;

    document_init(&doc);
    check_result_init(&r);
    if ((rc = file_read_all(path, &text, &len, e)) != 0)
        goto out;
    if (len > max_size) {
        rc = err_set(e, STATUS_PARSE, "%s: the article is %zu bytes, more "
                     "than the limit of %zu (--max-size)", name, len,
                     max_size);
        goto out;
    }
    bad = utf8_check(text, len);
    if (bad < len) {
        rc = err_set(e, STATUS_UTF8, "%s:%zu: %s", name,
                     utf8_line_of(text, bad), text[bad] == '\0'
                     ? "NUL byte in text (binary file?)" : "invalid UTF-8");
        goto out;
    }
    switch (format_of(path, input)) {
    case INPUT_MARKDOWN:
        rc = doc_parse_markdown(&doc, name, text, len, headline, e);
        break;
    case INPUT_HTML:
        rc = doc_parse_html(&doc, name, text, len, headline, e);
        break;
    default:
        rc = doc_parse_text(&doc, name, text, len, headline, e);
        break;
    }
    if (rc)
        goto out;
    for (size_t i = 0; i < doc.n; i++)
        n_quotes += doc.st[i].kind == STMT_QUOTE;
    if (n_quotes > MAX_QUOTES) {
        rc = err_set(e, STATUS_PARSE, "%s: %zu quotations, more than the "
                     "limit of %d", name, n_quotes, MAX_QUOTES);
        goto out;
    }
    if ((rc = check_document(nli, stance, &doc, opt, &r, e)) != 0)
        goto out;
    check_report_file(rp, &doc, &r, nli, stance);
out:
    check_result_clear(&r);
    document_clear(&doc);
    free(text);
    return rc;
}

int cmd_check(int argc, char **argv)
{
    const char *nli_path = NULL, *stance_path = NULL, *headline = NULL;
    char nli_buf[4096], stance_buf[4096];
    struct model *nli = NULL, *stance = NULL;
    struct check_options opt;
    struct check_report rp;
    struct err e = { 0 };
    size_t max_size = 10000000;
    int color = -1, no_stance = 0, no_exit = 0, c, rc = EXIT_ERROR,
        errors = 0;
    enum input_format input = INPUT_AUTO;
    enum report_format format = REPORT_FORMAT_TEXT;
    enum severity fail_level = SEVERITY_WARNING;
    int fail_none = 0;
    double error_at = 0.8;
    const char *output = NULL;
    struct atomic_file af = { 0 };
    struct file_list fl = { 0 };
    const char *const stdin_only[] = { "-" };
    const char *const *files;
    size_t n_files;

    check_options_default(&opt);
    optind = 1;
    while ((c = getopt_long(argc, argv, "m:t:n:h", long_opts, NULL)) != -1) {
        switch (c) {
        case 'm': nli_path = optarg; break;
        case OPT_STANCE: stance_path = optarg; break;
        case OPT_NO_STANCE: no_stance = 1; break;
        case OPT_HEADLINE: headline = optarg; break;
        case 't':
            if (cli_double("check", "threshold", optarg, 0, 1, &opt.threshold))
                return EXIT_ERROR;
            break;
        case 'n':
            if (cli_size("check", "top", optarg, 1, 1000000, &opt.top))
                return EXIT_ERROR;
            break;
        case OPT_ALL: opt.all = 1; break;
        case OPT_FORMAT:
            if (strcmp(optarg, "text") == 0)
                format = REPORT_FORMAT_TEXT;
            else if (strcmp(optarg, "json") == 0)
                format = REPORT_FORMAT_JSON;
            else if (strcmp(optarg, "line") == 0)
                format = REPORT_FORMAT_LINE;
            else if (strcmp(optarg, "github") == 0)
                format = REPORT_FORMAT_GITHUB;
            else if (strcmp(optarg, "sarif") == 0)
                format = REPORT_FORMAT_SARIF;
            else if (strcmp(optarg, "gitlab") == 0)
                format = REPORT_FORMAT_GITLAB;
            else
                return cli_usage("check", "--format expects text, json, "
                                 "line, github, sarif or gitlab, got '%s'",
                                 optarg);
            break;
        case OPT_OUTPUT: output = optarg; break;
        case OPT_NO_EXIT: no_exit = 1; break;
        case OPT_ERROR_AT:
            if (cli_double("check", "error-at", optarg, 0, 1, &error_at))
                return EXIT_ERROR;
            break;
        case OPT_FAIL_LEVEL:
            fail_none = 0;
            if (strcmp(optarg, "error") == 0)
                fail_level = SEVERITY_ERROR;
            else if (strcmp(optarg, "warning") == 0)
                fail_level = SEVERITY_WARNING;
            else if (strcmp(optarg, "note") == 0)
                fail_level = SEVERITY_NOTE;
            else if (strcmp(optarg, "none") == 0)
                fail_none = 1;
            else
                return cli_usage("check", "--fail-level expects error, "
                                 "warning, note or none");
            break;
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
            if (strcmp(optarg, "auto") == 0)
                input = INPUT_AUTO;
            else if (strcmp(optarg, "text") == 0)
                input = INPUT_TEXT;
            else if (strcmp(optarg, "markdown") == 0)
                input = INPUT_MARKDOWN;
            else if (strcmp(optarg, "html") == 0)
                input = INPUT_HTML;
            else
                return cli_usage("check", "--input-format expects auto, "
                                 "text, markdown or html");
            break;
        case OPT_MAX_SIZE:
            if (cli_size("check", "max-size", optarg, 1, (size_t)1 << 40,
                         &max_size))
                return EXIT_ERROR;
            break;
        case 'h':
            fputs(usage_text, stdout);
            return cli_flush(EXIT_CLEAN);
        default:
            return cli_usage("check", "bad option");
        }
    }
    if (headline && utf8_check(headline, strlen(headline)) < strlen(headline))
        return cli_usage("check", "--headline is not valid UTF-8");
    if (color < 0)
        color = isatty(1) && !getenv("NO_COLOR");
    if (!nli_path)
        nli_path = cli_default_model("nli.json", nli_buf, sizeof nli_buf);
    if (!stance_path && !no_stance)
        stance_path = cli_default_model("stance.json", stance_buf,
                                        sizeof stance_buf);
    blas_set_threads(1);
    {
        struct load_job job = { stance_path, NULL, { 0 }, 0 };
        pthread_t t;
        int threaded = !no_stance
                       && pthread_create(&t, NULL, load_model_job, &job) == 0;
        if (!no_stance && !threaded)
            load_model_job(&job);
        rc = model_load(nli_path, &nli, &e);
        if (threaded)
            pthread_join(t, NULL);
        stance = job.m;
        if (rc || job.rc) {
            rc = cli_fail_err(rc ? &e : &job.e);
            goto out;
        }
    }
    files = optind < argc ? (const char *const *)argv + optind : stdin_only;
    n_files = optind < argc ? (size_t)(argc - optind) : 1;
    if (expand_paths(files, n_files, &fl, &e)) {
        rc = cli_fail_err(&e);
        goto out;
    }
    if (output) {
        if (file_open_atomic(&af, output, &e)) {
            rc = cli_fail_err(&e);
            goto out;
        }
        color = 0;
    }
    if (check_report_begin(&rp, output ? af.fp : stdout, format, color,
                           error_at, fail_level)) {
        rc = cli_fail("out of memory");
        goto out;
    }
    for (size_t i = 0; i < fl.n; i++) {
        if (check_one(fl.path[i], input, headline, max_size, nli, stance,
                      &opt, &rp, &e)) {
            cli_fail_err(&e);
            errors++;
        }
    }
    check_report_end(&rp);
    if (output && file_commit(&af, &e)) {
        rc = cli_fail_err(&e);
        goto out;
    }
    /* --output never changes the exit status */
    rc = cli_flush(errors ? EXIT_ERROR
                   : rp.n_failing && !fail_none && !no_exit ? EXIT_FINDINGS
                   : EXIT_CLEAN);
out:
    if (af.fp)
        file_abort(&af);
    file_list_clear(&fl);
    model_free(nli);
    model_free(stance);
    return rc;
}

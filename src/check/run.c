/* run.c - check a list of files on threads, results in order. */
#include "check/run.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/parallel.h"
#include "base/path.h"
#include "model/model_json.h"
#include "text/utf8.h"

/* One file of the run: what is known before checking it, then its
 * result, which the caller takes in the order of the list. */
struct check_run_item {
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

/* Is "-" the ignored --stdin-filename? (an ignored path is not listed) */
static int stdin_ignored(const struct check_run_options *o)
{
    char *abs;
    int skip;

    if (!o->stdin_name || !o->ignore)
        return 0;
    abs = path_absolute(o->stdin_name);
    skip = abs && ignore_path(o->ignore, abs, 0);
    free(abs);
    return skip;
}

int check_run_init(struct check_run *run, const char *const *paths,
                   size_t n, const struct check_run_options *o,
                   struct err *e)
{
    int skip_stdin = stdin_ignored(o), changes_loaded = 0, rc;

    memset(run, 0, sizeof *run);
    run->o = *o;
    if (!(run->items = calloc(n ? n : 1, sizeof *run->items)))
        return err_set(e, STATUS_NOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        struct check_run_item *it = &run->items[run->n_items];
        int is_stdin = strcmp(paths[i], "-") == 0;
        if (is_stdin && skip_stdin)
            continue;
        run->n_items++;
        it->path = paths[i];
        it->name = utf8_display_name(is_stdin ? o->stdin_name
                                     ? o->stdin_name : "<stdin>"
                                     : it->path, &it->shown);
        it->abs = is_stdin ? o->stdin_name ? path_absolute(o->stdin_name)
                                           : NULL
                           : path_absolute(it->path);
        if ((rc = config_cache_settings(&run->configs, o->config,
                                        o->no_config, it->abs, o->cli,
                                        &it->set, NULL, e)))
            return rc;
        if (o->changed_base && !changes_loaded) {
            /* the repository is the one holding the first file */
            char *dir = it->abs ? path_dirname(it->abs) : getcwd(NULL, 0);
            rc = dir ? changes_from_git(&run->changes, o->changed_base, dir,
                                        e)
                     : err_set(e, STATUS_NOMEM, "out of memory");
            free(dir);
            if (rc)
                return rc;
            changes_loaded = 1;
        }
        if (o->changed_base) {
            it->changed = it->abs ? changes_find(&run->changes, it->abs)
                                  : NULL;
            it->skip = !it->changed;
        }
    }
    return 0;
}

/* The file of it as baseline b names it. */
static const char *baseline_key(const struct baseline *b,
                                const struct check_run_item *it)
{
    return it->abs ? baseline_name(b, it->abs) : it->name;
}

struct job {
    struct check_run *run;
    const struct check_models *cm;
};

/* Read, parse and check one file: runs on a worker thread. */
static void check_item(void *ctx, size_t i)
{
    struct job *j = ctx;
    struct check_run *run = j->run;
    struct check_run_item *it = &run->items[i];
    struct check_options opt = run->o.opt;

    document_init(&it->doc);
    check_result_init(&it->r);
    if (it->skip)
        return;
    settings_to_options(&it->set, &opt);
    opt.changed = it->changed;
    opt.baseline = run->o.baseline;
    opt.baseline_file = run->o.baseline ? baseline_key(run->o.baseline, it)
                                        : NULL;
    it->rc = doc_read(&it->doc, it->path, it->name, &run->o.read, &it->e);
    if (it->rc == 0)
        it->rc = check_document(j->cm, &it->doc, &opt, &it->r, &it->e);
}

/* Record (--write-baseline) the findings of a checked file, reported
 * and excused: each at or above its own model's threshold (a warning or
 * an error; notes, shown with --all, are not findings). */
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
 * (--write-baseline), hand one checked file to the caller, then free it:
 * runs in order, in the caller's thread. */
static void emit_item(void *ctx, size_t i)
{
    struct check_run *run = ((struct job *)ctx)->run;
    struct check_run_item *it = &run->items[i];
    const struct check_result *r = &it->r;
    struct check_file f = { it->name, it->skip, it->rc, &it->e, &it->doc,
                            r };

    if (it->skip)
        goto handed;
    if (it->rc) {
        run->errors++;
        goto handed;
    }
    if (run->o.baseline) {
        const char *key = baseline_key(run->o.baseline, it);
        baseline_checked(run->o.baseline, key);
        for (size_t k = 0; k < r->n_excused; k++)
            baseline_take(run->o.baseline, key, r->excused[k].fingerprint);
    }
    if (run->o.write_baseline) {
        const char *key = baseline_key(run->o.write_baseline, it);
        if (record(run->o.write_baseline, key, &it->doc, r->f, r->n)
            || record(run->o.write_baseline, key, &it->doc, r->excused,
                      r->n_excused))
            run->nomem = 1;
    }
    run->n_failing += r->n_failing;
handed:
    run->emit(run->ctx, &f);
    check_result_clear(&it->r);
    document_clear(&it->doc);
}

int check_run_files(struct check_run *run, const struct check_models *cm,
                    void (*emit)(void *ctx, const struct check_file *f),
                    void *ctx, struct err *e)
{
    struct job j = { run, cm };
    size_t jobs = run->o.jobs ? run->o.jobs : 1;

    run->emit = emit;
    run->ctx = ctx;
    if (parallel_ordered(run->n_items, jobs, 4 * jobs, check_item, emit_item,
                         &j) != 0)
        parallel_ordered(run->n_items, 1, 1, check_item, emit_item, &j);
    if (run->nomem)
        return err_set(e, STATUS_NOMEM, "out of memory");
    return 0;
}

void check_run_clear(struct check_run *run)
{
    for (size_t i = 0; run->items && i < run->n_items; i++) {
        free(run->items[i].abs);
        free(run->items[i].shown);
    }
    free(run->items);
    run->items = NULL;
    run->n_items = 0;
    changes_clear(&run->changes);
    config_cache_clear(&run->configs);
}

/* Loading a model on a thread of its own. */
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

int check_models_load(const char *nli_path, const char *headline_path,
                      const char *stance_path, struct model **nli,
                      struct model **headline, struct model **stance,
                      struct err *e)
{
    struct load_job job[2] = { { stance_path, NULL, { 0 }, 0 },
                               { headline_path, NULL, { 0 }, 0 } };
    struct model *m = NULL;
    pthread_t t[2];
    int threaded[2], rc;

    for (int k = 0; k < 2; k++) {
        threaded[k] = job[k].path && pthread_create(&t[k], NULL,
                                                    load_model_job,
                                                    &job[k]) == 0;
        if (job[k].path && !threaded[k])
            load_model_job(&job[k]);
    }
    rc = model_load(nli_path, &m, e);
    for (int k = 0; k < 2; k++)
        if (threaded[k])
            pthread_join(t[k], NULL);
    if (rc == 0 && (job[0].rc || job[1].rc)) {
        const struct load_job *bad = job[0].rc ? &job[0] : &job[1];
        *e = bad->e;
        rc = bad->rc;
    }
    if (rc) {
        model_free(m);
        model_free(job[0].m);
        model_free(job[1].m);
        return rc;
    }
    *nli = m;
    *stance = job[0].m;
    *headline = job[1].m;
    return 0;
}

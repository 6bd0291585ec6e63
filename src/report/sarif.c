/* sarif.c - findings of `gainsay check` as SARIF 2.1.0. */
#include "report/sarif.h"

#include <cJSON.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report/message.h"

struct sarif {
    cJSON *root;
    cJSON *run;
    cJSON *results;
    cJSON *artifacts;           /* made for the first file with lines left
                                   out */
    cJSON *notes;               /* the invocation's notifications, made for
                                   the first file with nothing to check */
    int failed;                 /* a file could not be added: the log is
                                   not whole and is never written */
};

/* One rule per kind of pair, in enum pair_kind order. */
static const struct {
    const char *id, *name, *short_text, *help;
} rules[] = {
    { "GS001", "HeadlineContradictedBySentence",
      "A body sentence contradicts the headline.",
      "The model scores the headline against this sentence of the body as "
      "a contradiction.  Check which of the two is right and correct the "
      "other, or suppress the finding if both are true (for example, a "
      "claim the article goes on to refute)." },
    { "GS002", "HeadlineContradictedByQuote",
      "A quoted statement contradicts the headline.",
      "Someone quoted in the article says the opposite of the headline, "
      "the classic case of a headline contradicted by a quoted denial.  "
      "Make the headline reflect the denial, or attribute its claim." },
    { "GS003", "QuotesContradictEachOther",
      "Two speakers' quotes contradict each other.",
      "Two different speakers are quoted saying contradictory things.  "
      "This may be the story; make sure the article says so." },
    { "GS004", "SentencesContradictEachOther",
      "Two body sentences contradict each other.",
      "Two related sentences of the body contradict each other.  One of "
      "them may be out of date after an edit." }
};

_Static_assert(sizeof rules / sizeof *rules == N_PAIR_KINDS,
               "one SARIF rule per pair kind");

/* key: {"text": text}, SARIF's message object.  Returns 0, or -1 when
 * out of memory. */
static int add_message(cJSON *obj, const char *key, const char *text)
{
    cJSON *o = cJSON_AddObjectToObject(obj, key);

    return o && cJSON_AddStringToObject(o, "text", text) ? 0 : -1;
}

/* The rule of each pair kind, as reportingDescriptors. */
static int add_rules(cJSON *driver)
{
    cJSON *rl = cJSON_AddArrayToObject(driver, "rules");

    if (!rl)
        return -1;
    for (size_t i = 0; i < sizeof rules / sizeof *rules; i++) {
        cJSON *r = cJSON_CreateObject(), *o;
        if (!r || !cJSON_AddItemToArray(rl, r)) {
            cJSON_Delete(r);
            return -1;
        }
        if (!cJSON_AddStringToObject(r, "id", rules[i].id)
            || !cJSON_AddStringToObject(r, "name", rules[i].name)
            || add_message(r, "shortDescription", rules[i].short_text)
            || add_message(r, "fullDescription", rules[i].help)
            || add_message(r, "help", rules[i].help)
            || !(o = cJSON_AddObjectToObject(r, "defaultConfiguration"))
            || !cJSON_AddStringToObject(o, "level", "warning"))
            return -1;
    }
    return 0;
}

struct sarif *sarif_begin(const char *version)
{
    struct sarif *s = calloc(1, sizeof *s);
    cJSON *run = NULL, *runs, *tool, *driver;

    if (!s || !(s->root = cJSON_CreateObject()))
        goto fail;
    if (!cJSON_AddStringToObject(s->root, "$schema",
                                 "https://json.schemastore.org/"
                                 "sarif-2.1.0.json")
        || !cJSON_AddStringToObject(s->root, "version", "2.1.0")
        || !(runs = cJSON_AddArrayToObject(s->root, "runs")))
        goto fail;
    run = cJSON_CreateObject();
    if (!run || !cJSON_AddItemToArray(runs, run)) {
        cJSON_Delete(run);
        goto fail;
    }
    if (!(tool = cJSON_AddObjectToObject(run, "tool"))
        || !(driver = cJSON_AddObjectToObject(tool, "driver"))
        || !cJSON_AddStringToObject(driver, "name", "gainsay")
        || !cJSON_AddStringToObject(driver, "version", version)
        || !cJSON_AddStringToObject(driver, "informationUri",
                                    "https://example.org/gainsay")
        || add_rules(driver)
        || !cJSON_AddStringToObject(run, "columnKind", "unicodeCodePoints")
        || !(s->results = cJSON_AddArrayToObject(run, "results")))
        goto fail;
    s->run = run;
    return s;
fail:
    if (s)
        cJSON_Delete(s->root);
    free(s);
    return NULL;
}

/* A location object for statement i, or NULL when out of memory. */
static cJSON *location(const struct document *doc, size_t i)
{
    const struct statement *st = &doc->st[i];
    cJSON *loc = cJSON_CreateObject(), *pl, *art, *reg;

    if (!loc)
        return NULL;
    if (!(pl = cJSON_AddObjectToObject(loc, "physicalLocation"))
        || !(art = cJSON_AddObjectToObject(pl, "artifactLocation"))
        || !cJSON_AddStringToObject(art, "uri", doc->name))
        goto fail;
    if (st->kind == STMT_HEADLINE && doc->headline_text)
        return loc;             /* --headline: in no file */
    if (!(reg = cJSON_AddObjectToObject(pl, "region"))
        || !cJSON_AddNumberToObject(reg, "startLine", (double)st->pos.line)
        || !cJSON_AddNumberToObject(reg, "startColumn", (double)st->pos.col)
        || !cJSON_AddNumberToObject(reg, "endLine",
                                    (double)st->pos.end_line)
        || !cJSON_AddNumberToObject(reg, "endColumn",
                                    (double)st->pos.end_col)
        || !cJSON_AddNumberToObject(reg, "byteOffset",
                                    (double)st->pos.start)
        || !cJSON_AddNumberToObject(reg, "byteLength",
                                    (double)(st->pos.end - st->pos.start)))
        goto fail;
    return loc;
fail:
    cJSON_Delete(loc);
    return NULL;
}

/* A file whose furniture was left out is an artifact of the run, with
 * how many lines were left out (and whether anything was left to check)
 * as properties, so that nothing vanishes silently. */
static int left_out_artifact(struct sarif *s, const struct document *doc)
{
    cJSON *a, *loc, *props;

    if (doc->n_left == 0 && !doc->nothing)
        return 0;
    if (!s->artifacts && !(s->artifacts = cJSON_AddArrayToObject(
                               s->run, "artifacts")))
        return -1;
    a = cJSON_CreateObject();
    if (!a || !cJSON_AddItemToArray(s->artifacts, a)) {
        cJSON_Delete(a);
        return -1;
    }
    loc = cJSON_AddObjectToObject(a, "location");
    props = cJSON_AddObjectToObject(a, "properties");
    if (!loc || !props || !cJSON_AddStringToObject(loc, "uri", doc->name)
        || !cJSON_AddNumberToObject(props, "gainsayLinesLeftOut",
                                    (double)doc->n_left)
        || !cJSON_AddBoolToObject(props, "gainsayNothingToCheck",
                                  doc->nothing))
        return -1;
    return 0;
}

/* A file with nothing to check is a note of the run (a notification of
 * its invocation, not a result: it is no problem in the file). */
static int nothing_note(struct sarif *s, const struct document *doc)
{
    cJSON *n, *msg, *locs, *loc, *phys, *art;

    if (!doc->nothing)
        return 0;
    if (!s->notes) {
        cJSON *invs = cJSON_AddArrayToObject(s->run, "invocations");
        cJSON *inv = cJSON_CreateObject();
        if (!invs || !inv || !cJSON_AddItemToArray(invs, inv)) {
            cJSON_Delete(inv);
            return -1;
        }
        if (!cJSON_AddBoolToObject(inv, "executionSuccessful", 1)
            || !(s->notes = cJSON_AddArrayToObject(
                     inv, "toolExecutionNotifications")))
            return -1;
    }
    n = cJSON_CreateObject();
    if (!n || !cJSON_AddItemToArray(s->notes, n)) {
        cJSON_Delete(n);
        return -1;
    }
    msg = cJSON_AddObjectToObject(n, "message");
    locs = cJSON_AddArrayToObject(n, "locations");
    loc = cJSON_CreateObject();
    if (!msg || !locs || !loc || !cJSON_AddItemToArray(locs, loc)) {
        cJSON_Delete(loc);
        return -1;
    }
    phys = cJSON_AddObjectToObject(loc, "physicalLocation");
    art = phys ? cJSON_AddObjectToObject(phys, "artifactLocation") : NULL;
    if (!cJSON_AddStringToObject(n, "level", "note")
        || !cJSON_AddStringToObject(msg, "text", nothing_message(doc))
        || !art || !cJSON_AddStringToObject(art, "uri", doc->name))
        return -1;
    return 0;
}

/* Add finding f of doc at level as a result. */
static int add_result(struct sarif *s, const struct document *doc,
                      const struct finding *f, const char *level)
{
    cJSON *res = cJSON_CreateObject(), *locs, *rel, *fp, *props, *loc;
    char *text = NULL;
    int bad;

    if (!res || !cJSON_AddItemToArray(s->results, res)) {
        cJSON_Delete(res);
        return -1;
    }
    if (!cJSON_AddStringToObject(res, "ruleId", rules[f->kind].id)
        || !cJSON_AddNumberToObject(res, "ruleIndex", (double)f->kind)
        || !cJSON_AddStringToObject(res, "level", level)
        || finding_message(&text, doc, f, MESSAGE_SARIF))
        return -1;
    bad = add_message(res, "message", text);
    free(text);
    if (bad || !(locs = cJSON_AddArrayToObject(res, "locations")))
        return -1;
    loc = location(doc, f->b);
    if (!loc || !cJSON_AddItemToArray(locs, loc)) {
        cJSON_Delete(loc);
        return -1;
    }
    if (!(rel = cJSON_AddArrayToObject(res, "relatedLocations")))
        return -1;
    loc = location(doc, f->a);
    if (!loc || add_message(loc, "message",
                            stmt_kind_name(doc->st[f->a].kind))
        || !cJSON_AddNumberToObject(loc, "id", 1)
        || !cJSON_AddItemToArray(rel, loc)) {
        cJSON_Delete(loc);
        return -1;
    }
    if (!(fp = cJSON_AddObjectToObject(res, "partialFingerprints"))
        || !cJSON_AddStringToObject(fp, "gainsayPair/v1", f->fingerprint)
        || !(props = cJSON_AddObjectToObject(res, "properties"))
        || !cJSON_AddNumberToObject(props, "probability",
                                    (double)(long)(f->p_flag * 10000 + 0.5)
                                    / 10000)
        || !cJSON_AddStringToObject(props, "label",
                                    f->model->labels[f->label]))
        return -1;
    return 0;
}

int sarif_file(struct sarif *s, const struct document *doc,
               const struct check_result *r, const char *const *level)
{
    if (left_out_artifact(s, doc) || nothing_note(s, doc))
        s->failed = 1;
    for (size_t i = 0; !s->failed && i < r->n; i++)
        if (add_result(s, doc, &r->f[i], level[i]))
            s->failed = 1;
    return s->failed ? -1 : 0;
}

int sarif_end(struct sarif *s, FILE *fp)
{
    char *t;

    if (!s)
        return -1;
    t = s->failed ? NULL : cJSON_Print(s->root);
    if (t) {
        fputs(t, fp);
        fputc('\n', fp);
    }
    cJSON_free(t);
    sarif_free(s);
    return t ? 0 : -1;
}

void sarif_free(struct sarif *s)
{
    if (!s)
        return;
    cJSON_Delete(s->root);
    free(s);
}

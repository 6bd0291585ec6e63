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

/* key: {"text": text}, SARIF's message object. */
static void add_message(cJSON *obj, const char *key, const char *text)
{
    cJSON *o = cJSON_AddObjectToObject(obj, key);

    if (o)
        cJSON_AddStringToObject(o, "text", text);
}

struct sarif *sarif_begin(const char *version)
{
    struct sarif *s = calloc(1, sizeof *s);
    cJSON *run, *runs, *tool, *driver, *rl;

    if (!s || !(s->root = cJSON_CreateObject()))
        goto fail;
    cJSON_AddStringToObject(s->root, "$schema",
                            "https://json.schemastore.org/sarif-2.1.0.json");
    cJSON_AddStringToObject(s->root, "version", "2.1.0");
    runs = cJSON_AddArrayToObject(s->root, "runs");
    run = cJSON_CreateObject();
    if (!runs || !run || !cJSON_AddItemToArray(runs, run))
        goto fail;
    tool = cJSON_AddObjectToObject(run, "tool");
    driver = tool ? cJSON_AddObjectToObject(tool, "driver") : NULL;
    if (!driver)
        goto fail;
    cJSON_AddStringToObject(driver, "name", "gainsay");
    cJSON_AddStringToObject(driver, "version", version);
    cJSON_AddStringToObject(driver, "informationUri",
                            "https://example.org/gainsay");
    rl = cJSON_AddArrayToObject(driver, "rules");
    for (size_t i = 0; rl && i < sizeof rules / sizeof *rules; i++) {
        cJSON *r = cJSON_CreateObject(), *o;
        if (!r || !cJSON_AddItemToArray(rl, r))
            goto fail;
        cJSON_AddStringToObject(r, "id", rules[i].id);
        cJSON_AddStringToObject(r, "name", rules[i].name);
        add_message(r, "shortDescription", rules[i].short_text);
        add_message(r, "fullDescription", rules[i].help);
        add_message(r, "help", rules[i].help);
        o = cJSON_AddObjectToObject(r, "defaultConfiguration");
        if (o)
            cJSON_AddStringToObject(o, "level", "warning");
    }
    cJSON_AddStringToObject(run, "columnKind", "unicodeCodePoints");
    s->run = run;
    s->results = cJSON_AddArrayToObject(run, "results");
    if (!s->results)
        goto fail;
    return s;
fail:
    if (s)
        cJSON_Delete(s->root);
    free(s);
    return NULL;
}

static cJSON *location(const struct document *doc, size_t i)
{
    const struct statement *st = &doc->st[i];
    cJSON *loc = cJSON_CreateObject(), *pl, *art, *reg;

    if (!loc)
        return NULL;
    pl = cJSON_AddObjectToObject(loc, "physicalLocation");
    art = pl ? cJSON_AddObjectToObject(pl, "artifactLocation") : NULL;
    if (art)
        cJSON_AddStringToObject(art, "uri", doc->name);
    if (pl && !(st->kind == STMT_HEADLINE && doc->headline_text)
        && (reg = cJSON_AddObjectToObject(pl, "region")) != NULL) {
        cJSON_AddNumberToObject(reg, "startLine", (double)st->pos.line);
        cJSON_AddNumberToObject(reg, "startColumn", (double)st->pos.col);
        cJSON_AddNumberToObject(reg, "endLine", (double)st->pos.end_line);
        cJSON_AddNumberToObject(reg, "endColumn", (double)st->pos.end_col);
        cJSON_AddNumberToObject(reg, "byteOffset", (double)st->pos.start);
        cJSON_AddNumberToObject(reg, "byteLength",
                                (double)(st->pos.end - st->pos.start));
    }
    return loc;
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

int sarif_file(struct sarif *s, const struct document *doc,
               const struct check_result *r, const char *const *level)
{
    if (left_out_artifact(s, doc) || nothing_note(s, doc))
        return -1;
    for (size_t i = 0; i < r->n; i++) {
        const struct finding *f = &r->f[i];
        cJSON *res = cJSON_CreateObject(), *locs, *rel, *fp, *props,
              *other;
        char *text = NULL;

        if (!res || !cJSON_AddItemToArray(s->results, res)) {
            cJSON_Delete(res);
            return -1;
        }
        cJSON_AddStringToObject(res, "ruleId", rules[f->kind].id);
        cJSON_AddNumberToObject(res, "ruleIndex", (double)f->kind);
        cJSON_AddStringToObject(res, "level", level[i]);
        if (finding_message(&text, doc, f, MESSAGE_SARIF))
            return -1;
        add_message(res, "message", text);
        free(text);
        locs = cJSON_AddArrayToObject(res, "locations");
        if (locs)
            cJSON_AddItemToArray(locs, location(doc, f->b));
        rel = cJSON_AddArrayToObject(res, "relatedLocations");
        other = location(doc, f->a);
        if (rel && other) {
            add_message(other, "message", stmt_kind_name(doc->st[f->a].kind));
            cJSON_AddNumberToObject(other, "id", 1);
            cJSON_AddItemToArray(rel, other);
        } else {
            cJSON_Delete(other);
        }
        fp = cJSON_AddObjectToObject(res, "partialFingerprints");
        if (fp)
            cJSON_AddStringToObject(fp, "gainsayPair/v1", f->fingerprint);
        props = cJSON_AddObjectToObject(res, "properties");
        if (props) {
            cJSON_AddNumberToObject(props, "probability",
                                    (double)(long)(f->p_flag * 10000 + 0.5)
                                    / 10000);
            cJSON_AddStringToObject(props, "label", f->model->labels[f->label]);
        }
    }
    return 0;
}

int sarif_end(struct sarif *s, FILE *fp)
{
    char *t;

    if (!s)
        return -1;
    t = cJSON_Print(s->root);
    if (t) {
        fputs(t, fp);
        fputc('\n', fp);
    }
    cJSON_free(t);
    cJSON_Delete(s->root);
    free(s);
    return t ? 0 : -1;
}
